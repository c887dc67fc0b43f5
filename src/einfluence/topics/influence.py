"""Topic-sensitive influence: who moves people on *this* topic, not on any topic.

Influence is topical: the account that gets cycling fans to relay is not the one that gets
gamers to. This module ties every interaction to the topic of the content it is about
(:func:`edge_topics`), cuts the interactions about one topic (:func:`topic_view`), scores
influence on each topic with the einfluence score restricted to on-topic reactions
(:func:`topic_scores`), computes TwitterRank [1]_, the topic-specific random walk of Weng et al.
(:func:`twitterrank`, :func:`aggregate_twitterrank`), and checks on a temporal split which of
these predicts later on-topic amplification best (:func:`evaluate_topic_prediction`).

Topic weights are inputs: ``post_ids`` (sorted post ids of the posts that have text) with
``post_topics`` (one row of ``K`` non-negative weights per post, summing to 1, or to 0 for a post
without a topic), as given by any topic model or by planted truth; ``account_topics`` (one
interest profile per account). Nothing here fits a model.

References
----------
.. [1] J. Weng, E.-P. Lim, J. Jiang and Q. He, "TwitterRank: finding topic-sensitive
   influential twitterers", Proc. WSDM 2010, pp. 261-270.
   https://doi.org/10.1145/1718487.1718520
.. [2] T. H. Haveliwala, "Topic-sensitive PageRank", Proc. WWW 2002, pp. 517-526.
   https://doi.org/10.1145/511446.511513
"""

from __future__ import annotations

import math
import numbers
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import scipy.sparse as sp

from einfluence.base.kinds import REACTION_KINDS
from einfluence.base.timeunits import NO_TIME
from einfluence.base.validation import check_scalar
from einfluence.exceptions import GraphTypeError, ParameterError
from einfluence.graph.selection import edge_mask
from einfluence.graph.view import GraphView
from einfluence.scoring.evaluation import ComparisonTable, compare_predictors
from einfluence.scoring.reach import distinct_reactors, received
from einfluence.scoring.score import InfluenceScore, ScoreParams, einfluence_score

if TYPE_CHECKING:
    from einfluence.base.arrays import PostArrays

__all__ = [
    "TopicEvaluationReport",
    "aggregate_twitterrank",
    "content_topics",
    "edge_topics",
    "evaluate_topic_prediction",
    "topic_score",
    "topic_scores",
    "topic_view",
    "twitterrank",
]

_HOUR_US = 3_600_000_000


# ---------------------------------------------------------------------------- validation


def _check_view(view: object, name: str = "view") -> GraphView:
    if not isinstance(view, GraphView):
        raise GraphTypeError(f"{name} must be a GraphView, got {type(view).__name__}")
    return view


def _check_weights_matrix(
    values: object, name: str, n_rows: int | None
) -> sp.csr_array | np.ndarray:
    """A finite non-negative (n_rows, K) matrix, dense float or scipy sparse (kept sparse)."""
    if sp.issparse(values):
        matrix = sp.csr_array(values)
        data = matrix.data
    else:
        matrix = np.asarray(values, dtype=np.float64)
        data = matrix
    if matrix.ndim != 2 or (n_rows is not None and matrix.shape[0] != n_rows):
        expected = f"({n_rows}, n_topics)" if n_rows is not None else "(n, n_topics)"
        raise ParameterError(f"{name} must have shape {expected}, got {matrix.shape}")
    if matrix.shape[1] == 0:
        raise ParameterError(f"{name} must have at least one topic column")
    if not np.isfinite(data).all() or (data < 0).any():
        raise ParameterError(f"{name} must be finite and non-negative")
    return matrix


def _check_post_ids(
    post_ids: object, post_topics: object
) -> tuple[np.ndarray, sp.csr_array, np.ndarray | None]:
    """Sorted int64 ids, their topic rows (CSR float32), and the sorting permutation (or None)."""
    ids = np.asarray(post_ids)
    if ids.ndim != 1 or (ids.size and ids.dtype.kind not in "iu"):
        raise ParameterError("post_ids must be a one-dimensional array of integer post ids")
    ids = ids.astype(np.int64)
    topics = _check_weights_matrix(post_topics, "post_topics", ids.size)
    topics = sp.csr_array(topics, dtype=np.float32)
    order = None
    if ids.size > 1 and not np.all(np.diff(ids) > 0):
        order = np.argsort(ids, kind="stable")
        ids = ids[order]
        if np.any(np.diff(ids) == 0):
            raise ParameterError("post_ids must not repeat a post id")
        topics = topics[order]
    return ids, topics, order


def _index_of(sorted_ids: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Position of each value in ``sorted_ids`` (strictly increasing), -1 when absent."""
    if sorted_ids.size == 0:
        return np.full(values.shape, -1, dtype=np.int64)
    pos = np.minimum(np.searchsorted(sorted_ids, values), sorted_ids.size - 1)
    return np.where((sorted_ids[pos] == values) & (values >= 0), pos, -1).astype(np.int64)


def _topic_indices(topics: Iterable[int] | None, n_topics: int) -> list[int]:
    if topics is None:
        return list(range(n_topics))
    out = []
    for t in topics:
        if isinstance(t, (bool, np.bool_)) or not isinstance(t, numbers.Integral):
            raise ParameterError(f"topics must be integer topic indices, got {t!r}")
        if not 0 <= int(t) < n_topics:
            raise ParameterError(f"topic {t} is outside [0, {n_topics})")
        out.append(int(t))
    if len(set(out)) != len(out):
        raise ParameterError("topics must not repeat a topic")
    return out


def _check_min_weight(min_weight: float) -> float:
    check_scalar(min_weight, "min_weight", numbers.Real, min_val=0.0, max_val=1.0)
    return float(min_weight)


class _Columns:
    """Column access to an (n_edges, K) edge-topic matrix, dense or sparse (CSC once)."""

    def __init__(self, weights: object, n_rows: int, name: str = "edge_topic_weights") -> None:
        matrix = _check_weights_matrix(weights, name, n_rows)
        self.n_topics = int(matrix.shape[1])
        self.n_rows = n_rows
        self._dense = None if sp.issparse(matrix) else matrix
        self._csc = sp.csc_array(matrix) if sp.issparse(matrix) else None

    def __call__(self, t: int) -> np.ndarray:
        if self._dense is not None:
            return self._dense[:, t]
        csc = self._csc
        col = np.zeros(self.n_rows)
        start, end = csc.indptr[t], csc.indptr[t + 1]
        np.add.at(col, csc.indices[start:end], csc.data[start:end])
        return col

    def on_topic(self, t: int, min_weight: float) -> np.ndarray:
        col = self(t)
        return (col >= min_weight) & (col > 0)


# ---------------------------------------------------------------------------- edge topics


def _content_rows(
    post: np.ndarray, posts: PostArrays | None, ids: np.ndarray, has_topic: np.ndarray
) -> np.ndarray:
    """Row in ``ids`` of the content each post is about: itself, else its root, else its parent."""
    post = np.asarray(post, dtype=np.int64)
    rows = _index_of(ids, post)
    rows[rows >= 0] = np.where(has_topic[rows[rows >= 0]], rows[rows >= 0], -1)
    if posts is None or np.asarray(posts.post_id).size == 0:
        return rows
    pid = np.asarray(posts.post_id, dtype=np.int64)
    order = None
    if pid.size > 1 and not np.all(np.diff(pid) > 0):
        order = np.argsort(pid, kind="stable")
        pid = pid[order]
    where = _index_of(pid, post)
    if order is not None:
        where = np.where(where >= 0, order[np.maximum(where, 0)], -1)
    known = where >= 0
    for link in (posts.root, posts.parent):
        missing = known & (rows < 0)
        if not missing.any():
            break
        linked = np.asarray(link, dtype=np.int64)[where[missing]]
        found = _index_of(ids, linked)
        ok = found >= 0
        ok[ok] = has_topic[found[ok]]
        fill = rows[missing]
        fill[ok] = found[ok]
        rows[missing] = fill
    return rows


def content_topics(
    post: np.ndarray,
    posts: PostArrays | None,
    post_ids: np.ndarray,
    post_topics: np.ndarray | sp.sparray,
    *,
    min_weight: float = 0.0,
) -> sp.csr_array:
    """Topic weights of the content each post is about (its own text, else its root's, else its parent's).

    A relay carries no text of its own: it is about the post it relays, the root of its
    cascade. A post with a topic row of its own keeps it; otherwise the root's row is used when
    the root has one, otherwise the parent's.

    Parameters
    ----------
    post : numpy.ndarray of int64, shape (n,)
        The post ids to resolve (-1 for none).
    posts : PostArrays or None
        The posts with their ``root`` and ``parent`` links (see
        :func:`einfluence.store.post_arrays`), in any order; None to use only the posts' own
        topics.
    post_ids : numpy.ndarray of int, shape (n_posts,)
        Ids of the posts that have topic weights (sorted here if they are not).
    post_topics : numpy.ndarray or scipy sparse matrix, shape (n_posts, K)
        Non-negative topic weights of each of ``post_ids``; a row summing to 0 means no topic.
    min_weight : float
        Weights below this are dropped from the result (not renormalised), to keep it sparse
        when the topic weights are dense; 0 keeps every positive weight.

    Returns
    -------
    scipy.sparse.csr_array of float32, shape (n, K)
        Row ``i``: the topic weights of the content of ``post[i]``; an empty row when the post
        is unknown, has no topic and neither has its root nor its parent.

    Raises
    ------
    ParameterError
        Badly shaped, negative or non-finite topic weights; repeated post ids.

    Examples
    --------
    >>> from einfluence.store.queries import PostArrays
    >>> posts = PostArrays(post_id=np.array([1, 2, 3]), author=np.array([0, 1, 2]),
    ...     time=np.arange(3), kind=np.array([0, 1, 1], np.int8), parent=np.array([-1, 1, 2]),
    ...     root=np.array([-1, 1, 1]))
    >>> content_topics(np.array([3, 1, 9, -1]), posts, np.array([1]), np.array([[0.2, 0.8]])).toarray()
    array([[0.2, 0.8],
           [0.2, 0.8],
           [0. , 0. ],
           [0. , 0. ]], dtype=float32)

    Notes
    -----
    O((n + n_posts) log n_posts) by binary search on sorted ids. Memory: the result stores one
    float32 and one index per *positive* weight, plus one index per row: for one-hot (or
    peaked, with ``min_weight``) topics about 12 bytes per interaction with content, and
    nothing for interactions without content (likes, follows).
    """
    ids, topics, _ = _check_post_ids(post_ids, post_topics)
    min_weight = _check_min_weight(min_weight)
    post = np.asarray(post)
    if post.ndim != 1 or (post.size and post.dtype.kind not in "iu"):
        raise ParameterError("post must be a one-dimensional array of integer post ids")
    if min_weight > 0:
        topics = topics.copy()
        topics.data[topics.data < min_weight] = 0
    topics.eliminate_zeros()
    row_len = np.diff(topics.indptr).astype(np.int64)
    rows = _content_rows(post.astype(np.int64), posts, ids, row_len > 0)
    valid = rows >= 0
    lens = np.zeros(post.size, dtype=np.int64)
    lens[valid] = row_len[rows[valid]]
    indptr = np.zeros(post.size + 1, dtype=np.int64)
    np.cumsum(lens, out=indptr[1:])
    offset = topics.indptr[rows[valid]].astype(np.int64) - indptr[:-1][valid]
    gather = np.arange(indptr[-1], dtype=np.int64) + np.repeat(offset, lens[valid])
    return sp.csr_array(
        (topics.data[gather].astype(np.float32), topics.indices[gather], indptr),
        shape=(post.size, topics.shape[1]),
    )


def edge_topics(
    view: GraphView,
    posts: PostArrays | None,
    post_ids: np.ndarray,
    post_topics: np.ndarray | sp.sparray,
    *,
    min_weight: float = 0.0,
) -> sp.csr_array:
    """Topic weights of the content each interaction is about.

    An interaction's act post (``view.post``: the relay, the reply, the mentioning post...)
    gives its content: its own topic weights when it has some, else those of its root (a relay
    is about the post it relays), else those of its parent (:func:`content_topics`).
    Interactions without a known post (follows, likes without post) or whose content has no
    topic get an empty row.

    Parameters
    ----------
    view : GraphView
    posts : PostArrays or None
        Posts with their ``root`` / ``parent`` links (any order); None uses the act posts' own
        topics only.
    post_ids : numpy.ndarray of int, shape (n_posts,)
        Ids of the posts that have topic weights.
    post_topics : numpy.ndarray or scipy sparse matrix, shape (n_posts, K)
        Their topic weights (rows sum to 1, or to 0 without topic).
    min_weight : float
        Weights below this are dropped (not renormalised), to keep the result sparse.

    Returns
    -------
    scipy.sparse.csr_array of float32, shape (view.n_edges, K)
        Aligned with ``view.indices``. A sparse matrix rather than a dense array: with 10
        million interactions and 10 topics a dense float32 array takes 400 MB, while
        one-hot or thresholded topics take about 12 bytes per interaction with content, and
        interactions without content cost 4 to 8 bytes. Every function of this module also
        accepts a dense ``(n_edges, K)`` array.

    Raises
    ------
    GraphTypeError
        If ``view`` is not a GraphView.
    ParameterError
        Badly shaped, negative or non-finite topic weights; repeated post ids.

    Examples
    --------
    >>> from einfluence.store.queries import InteractionArrays, PostArrays
    >>> posts = PostArrays(post_id=np.array([10, 11]), author=np.array([0, 1]),
    ...     time=np.arange(2), kind=np.array([0, 1], np.int8), parent=np.array([-1, 10]),
    ...     root=np.array([-1, 10]))
    >>> view = GraphView.from_arrays(InteractionArrays(  # 1 relays 0's post 10 (relay post 11)
    ...     src=np.array([1, 2]), dst=np.array([0, 0]), time=np.arange(2), weight=np.ones(2),
    ...     kind=np.array([0, 4], np.int8), post=np.array([11, -1]), n_accounts=3))
    >>> edge_topics(view, posts, np.array([10]), np.array([[0.0, 1.0]])).toarray().tolist()
    [[0.0, 1.0], [0.0, 0.0]]

    Notes
    -----
    Vectorised, O((m + n_posts) log n_posts) for ``m`` interactions.
    """
    view = _check_view(view)
    return content_topics(view.post, posts, post_ids, post_topics, min_weight=min_weight)


def topic_view(
    view: GraphView,
    edge_topic_weights: np.ndarray | sp.sparray,
    topic: int,
    *,
    min_weight: float = 0.3,
) -> GraphView:
    """The interactions about one topic: those whose content has at least ``min_weight`` of it.

    Parameters
    ----------
    view : GraphView
    edge_topic_weights : numpy.ndarray or scipy sparse matrix, shape (view.n_edges, K)
        As returned by :func:`edge_topics`.
    topic : int
        The topic's column.
    min_weight : float
        Smallest weight of the topic in an interaction's content for it to be kept, in
        [0, 1]; 0 keeps every interaction with a positive weight on the topic.

    Returns
    -------
    GraphView
        Same nodes and provenance (:meth:`GraphView.edge_subgraph`).

    Raises
    ------
    GraphTypeError
        If ``view`` is not a GraphView.
    ParameterError
        Badly shaped weights, a topic out of range or ``min_weight`` outside [0, 1].

    Examples
    --------
    >>> from einfluence.store.queries import InteractionArrays
    >>> view = GraphView.from_arrays(InteractionArrays(
    ...     src=np.array([1, 2, 3]), dst=np.array([0, 0, 0]), time=np.arange(3),
    ...     weight=np.ones(3), kind=np.zeros(3, np.int8), post=np.full(3, -1), n_accounts=4))
    >>> w = np.array([[0.9, 0.1], [0.5, 0.5], [0.0, 0.0]])
    >>> topic_view(view, w, 1, min_weight=0.3).sources().tolist()
    [2]
    """
    view = _check_view(view)
    columns = _Columns(edge_topic_weights, view.n_edges)
    (t,) = _topic_indices([topic], columns.n_topics)
    return view.edge_subgraph(columns.on_topic(t, _check_min_weight(min_weight)))


# ---------------------------------------------------------------------------- on-topic scores


def _reference_time(view: GraphView) -> int:
    if view.until is not None:
        epoch = np.datetime64("1970-01-01T00:00:00", "us")
        return int((np.datetime64(view.until, "us") - epoch).astype(np.int64))
    timed = view.time[view.time != NO_TIME]
    return int(timed.max()) if timed.size else 0


def _window_params(view: GraphView, params: ScoreParams | None, reference_time: int) -> ScoreParams:
    """Score parameters with the half-life of the *whole* view, shared by every topic."""
    params = (params or ScoreParams()).validated()
    if params.half_life_hours is None:
        timed = view.time[view.time != NO_TIME]
        span = (reference_time - int(timed.min())) / _HOUR_US if timed.size else 0.0
        params = replace(params, half_life_hours=max(span / 4.0, 1.0))
    return params


def _posts_subset(posts: PostArrays, keep: np.ndarray) -> PostArrays:
    return type(posts)(
        **{name: np.asarray(getattr(posts, name))[keep] for name in posts.__dataclass_fields__}
    )


def topic_scores(
    view: GraphView,
    posts: PostArrays | None,
    edge_topic_weights: np.ndarray | sp.sparray,
    *,
    topics: Iterable[int] | None = None,
    min_weight: float = 0.3,
    post_topic_weights: np.ndarray | sp.sparray | None = None,
    groups: np.ndarray | None = None,
    params: ScoreParams | None = None,
) -> np.ndarray:
    """The einfluence score of every account on every topic, from on-topic reactions only.

    For each topic, :func:`einfluence.scoring.einfluence_score` runs on :func:`topic_view`:
    reach, amplification, depth, impact and momentum count only the reactions to content
    about the topic, and the 1-100 calibration is against the accounts active on that topic.

    Parameters
    ----------
    view : GraphView
    posts : PostArrays or None
        Posts of the window, passed to the score (amplification per post, cascade depth).
    edge_topic_weights : numpy.ndarray or scipy sparse matrix, shape (view.n_edges, K)
        As returned by :func:`edge_topics`.
    topics : iterable of int, optional
        Topics to score (all by default); the other columns are NaN.
    min_weight : float
        Threshold of :func:`topic_view`.
    post_topic_weights : numpy.ndarray or scipy sparse matrix, shape (len(posts.post_id), K), optional
        Content topics of ``posts`` (``content_topics(posts.post_id, posts, ...)``). When
        given, each topic's score sees only the posts about that topic, so that amplification
        is per *on-topic* post; otherwise every post counts in the denominator.
    groups : numpy.ndarray of int, optional
        Calibration group (network) per account, as in ``einfluence_score``.
    params : ScoreParams, optional
        Score parameters. When the half-life is automatic it is resolved once on the whole
        view (a quarter of its span), and the time decay is counted back from the end of the
        whole view, so that every topic is scored on the same clock.

    Returns
    -------
    numpy.ndarray of float64, shape (view.n_nodes, K)
        1-100 scores. NaN where the account neither made nor received an interaction about
        the topic (and for topics not asked for); 1 where it took part in the topic but
        received no on-topic reaction.

    Raises
    ------
    GraphTypeError
        If ``view`` is not a GraphView.
    ParameterError
        Badly shaped weights, a topic out of range, bad score parameters.

    Examples
    --------
    >>> from einfluence.store.queries import InteractionArrays
    >>> view = GraphView.from_arrays(InteractionArrays(  # 2, 3, 4 relay 0; 2 relays 1
    ...     src=np.array([2, 2, 3, 4]), dst=np.array([0, 1, 0, 0]),
    ...     time=np.arange(4) * 3_600_000_000, weight=np.ones(4), kind=np.zeros(4, np.int8),
    ...     post=np.full(4, -1), n_accounts=5))
    >>> w = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 0.0]])  # 2 -> 1 is on topic 1
    >>> topic_scores(view, None, w).round(1).tolist()
    [[10.9, nan], [nan, 6.0], [1.0, 1.0], [1.0, nan], [1.0, nan]]

    Notes
    -----
    One score run per topic on its sub-view: O(K (n + m)) in total, usually less since the
    topic views partition the interactions with content.

    References
    ----------
    .. [1] T. H. Haveliwala, "Topic-sensitive PageRank", Proc. WWW 2002, pp. 517-526.
       https://doi.org/10.1145/511446.511513
    """
    view, columns, post_columns, min_weight, reference_time, params = _prepare(
        view, posts, edge_topic_weights, post_topic_weights, min_weight, params
    )
    chosen = _topic_indices(topics, columns.n_topics)
    out = np.full((view.n_nodes, columns.n_topics), np.nan)
    for t in chosen:
        result = _topic_result(view, posts, columns, post_columns, t, min_weight, groups, reference_time, params)
        if result is not None:
            out[:, t] = result.score
    return out


def _prepare(
    view: GraphView,
    posts: PostArrays | None,
    edge_topic_weights: np.ndarray | sp.sparray,
    post_topic_weights: np.ndarray | sp.sparray | None,
    min_weight: float,
    params: ScoreParams | None,
) -> tuple[GraphView, _Columns, _Columns | None, float, int, ScoreParams]:
    """Validated inputs of the on-topic scores, on the whole view's clock and half-life."""
    view = _check_view(view)
    columns = _Columns(edge_topic_weights, view.n_edges)
    min_weight = _check_min_weight(min_weight)
    reference_time = _reference_time(view)
    params = _window_params(view, params, reference_time)
    post_columns = None
    if post_topic_weights is not None:
        if posts is None:
            raise ParameterError("post_topic_weights needs posts")
        post_columns = _Columns(post_topic_weights, np.asarray(posts.post_id).size, "post_topic_weights")
        if post_columns.n_topics != columns.n_topics:
            raise ParameterError("post_topic_weights and edge_topic_weights must have the same topics")
    return view, columns, post_columns, min_weight, reference_time, params


def _topic_result(
    view: GraphView,
    posts: PostArrays | None,
    columns: _Columns,
    post_columns: _Columns | None,
    t: int,
    min_weight: float,
    groups: np.ndarray | None,
    reference_time: int,
    params: ScoreParams,
) -> InfluenceScore | None:
    sub = view.edge_subgraph(columns.on_topic(t, min_weight))
    if sub.n_edges == 0:
        return None
    topic_posts = posts
    if post_columns is not None and posts is not None:
        topic_posts = _posts_subset(posts, post_columns.on_topic(t, min_weight))
    return einfluence_score(sub, topic_posts, groups=groups, reference_time=reference_time, params=params)


def topic_score(
    view: GraphView,
    posts: PostArrays | None,
    edge_topic_weights: np.ndarray | sp.sparray,
    topic: int,
    *,
    min_weight: float = 0.3,
    post_topic_weights: np.ndarray | sp.sparray | None = None,
    groups: np.ndarray | None = None,
    params: ScoreParams | None = None,
) -> InfluenceScore:
    """The whole einfluence score (components, points, parameters) of one topic.

    The same computation as one column of :func:`topic_scores` (on-topic interactions only,
    the whole view's clock and half-life), returning the full
    :class:`~einfluence.scoring.score.InfluenceScore` so that a topic-sensitive ranking can be
    stored and explained like any other. Parameters are those of :func:`topic_scores`, for
    one ``topic``.

    Returns
    -------
    InfluenceScore
        Of the on-topic view; when no interaction is about the topic, of an empty view (every
        account inactive).

    Examples
    --------
    >>> from einfluence.store.queries import InteractionArrays
    >>> view = GraphView.from_arrays(InteractionArrays(
    ...     src=np.array([2, 2, 3, 4]), dst=np.array([0, 1, 0, 0]),
    ...     time=np.arange(4) * 3_600_000_000, weight=np.ones(4), kind=np.zeros(4, np.int8),
    ...     post=np.full(4, -1), n_accounts=5))
    >>> w = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 0.0]])
    >>> topic_score(view, None, w, 0).score.round(1).tolist()  # account 1: nothing on topic 0
    [10.9, nan, 1.0, 1.0, 1.0]
    """
    view, columns, post_columns, min_weight, reference_time, params = _prepare(
        view, posts, edge_topic_weights, post_topic_weights, min_weight, params
    )
    (t,) = _topic_indices([topic], columns.n_topics)
    result = _topic_result(view, posts, columns, post_columns, t, min_weight, groups, reference_time, params)
    if result is None:
        result = einfluence_score(
            view.edge_subgraph(np.zeros(view.n_edges, dtype=bool)), None,
            groups=groups, reference_time=reference_time, params=params,
        )
    return result


# ---------------------------------------------------------------------------- TwitterRank


def _row_normalised(profile: np.ndarray) -> np.ndarray:
    total = profile.sum(axis=1, keepdims=True)
    return np.divide(profile, total, out=np.zeros_like(profile), where=total > 0)


def twitterrank(
    view: GraphView,
    account_topics: np.ndarray,
    *,
    kinds: str | Iterable[str] | None = None,
    n_posts: np.ndarray | None = None,
    damping: float = 0.85,
    tol: float = 1e-10,
    max_iter: int = 100,
) -> np.ndarray:
    """TwitterRank: a random walk per topic along follow links, biased to topical similarity.

    Weng et al. [1]_: on topic ``t`` a follower ``s`` moves to one of its followees ``i`` with
    probability

    ``P_t(s, i) = |T_i| / sum_{j in followees(s)} |T_j| * sim_t(i, s)``,
    ``sim_t(i, s) = 1 - |DT'_it - DT'_st|``,

    where ``|T_i|`` is the number of posts of ``i`` and ``DT'`` the row-normalised interest
    profiles; with probability ``1 - damping`` it teleports by ``E_t``, the column-normalised
    ``DT'_.t``: ``TR_t = damping P_t^T TR_t + (1 - damping) E_t``.

    Parameters
    ----------
    view : GraphView
        Edges ``s -> i`` read "``s`` follows ``i``" (or reacts to it).
    account_topics : numpy.ndarray, shape (view.n_nodes, K)
        Non-negative interest profile of each account (row-normalised here; a zero row is an
        account without known interests).
    kinds : str or iterable of str, optional
        Interaction kinds that make the walk's links; by default ``"follow"`` when the view has
        follows, else every reaction kind (relay, reply, mention...). Parallel interactions
        make one link, and self-loops are dropped.
    n_posts : numpy.ndarray, shape (view.n_nodes,), optional
        ``|T_i|``, the posts each account published (non-negative); all ones by default (then a
        follower splits its walk evenly among its followees before the similarity factor).
    damping : float
        ``gamma``, the probability of following a link, in [0, 1).
    tol : float
        Convergence when the L1 change of a topic's vector is below ``n_nodes * tol``.
    max_iter : int
        Maximum number of power iterations per topic.

    Returns
    -------
    numpy.ndarray of float64, shape (view.n_nodes, K)
        Column ``t`` is ``TR_t``: non-negative, sums to 1.

    Raises
    ------
    GraphTypeError
        If ``view`` is not a GraphView.
    ParameterError
        Badly shaped, negative or non-finite profiles or post counts; parameters out of range.

    Warns
    -----
    RuntimeWarning
        When a topic does not converge in ``max_iter`` iterations (its last iterate is kept).

    Examples
    --------
    >>> from einfluence.store.queries import InteractionArrays
    >>> view = GraphView.from_arrays(InteractionArrays(  # 0 and 1 follow 2, 3 follows 4
    ...     src=np.array([0, 1, 3]), dst=np.array([2, 2, 4]), time=np.arange(3),
    ...     weight=np.ones(3), kind=np.full(3, 5, np.int8), post=np.full(3, -1), n_accounts=5))
    >>> interests = np.array([[1, 0], [1, 0], [0.5, 0.5], [0, 1], [0.5, 0.5]])
    >>> tr = twitterrank(view, interests)
    >>> tr.sum(axis=0).round(12).tolist(), bool(tr[2, 0] > tr[4, 0]), bool(tr[4, 1] > tr[2, 1])
    ([1.0, 1.0], True, True)

    Notes
    -----
    ``P_t`` is substochastic: a follower's similarity to its followees is at most 1, and an
    account that follows nobody (dangling) has no link. The probability mass that no link
    carries (the similarity deficit and the dangling accounts' whole mass) is sent to the
    teleportation vector ``E_t``, as networkx does with dangling nodes, so every ``TR_t`` is a
    distribution; with one topic and identical profiles TwitterRank is PageRank with edge
    weights ``|T_i|`` (tested against :func:`networkx.pagerank`). A topic in which no account
    has interest teleports uniformly.

    The links and their topic-free factor ``|T_i| / sum_j |T_j|`` are built once from edge
    arrays; each topic then needs one vector of similarities over the links and a sparse
    power iteration: O(K (m + n) iterations) time, O(m + n K) memory, topics one after the
    other so that memory does not grow with ``K``.

    References
    ----------
    .. [1] J. Weng, E.-P. Lim, J. Jiang and Q. He, "TwitterRank: finding topic-sensitive
       influential twitterers", Proc. WSDM 2010, pp. 261-270.
       https://doi.org/10.1145/1718487.1718520
    """
    view = _check_view(view)
    n = view.n_nodes
    profile = np.asarray(
        _check_weights_matrix(account_topics, "account_topics", n), dtype=np.float64
    )
    check_scalar(damping, "damping", numbers.Real, min_val=0.0, max_val=1.0, include_max=False)
    check_scalar(tol, "tol", numbers.Real, min_val=0.0, include_min=False)
    check_scalar(max_iter, "max_iter", numbers.Integral, min_val=1)
    if n_posts is None:
        sizes = np.ones(n)
    else:
        sizes = np.asarray(n_posts, dtype=np.float64)
        if sizes.shape != (n,) or not np.isfinite(sizes).all() or (sizes < 0).any():
            raise ParameterError(f"n_posts must be finite, non-negative, of shape ({n},)")
    if kinds is None:
        kinds = ("follow",) if view.kind_mask("follow").any() else REACTION_KINDS
    mask = edge_mask(view, kinds)
    pairs = np.unique(view.sources()[mask] * np.int64(max(n, 1)) + view.indices[mask])
    src, dst = pairs // max(n, 1), pairs % max(n, 1)
    followed = np.bincount(src, weights=sizes[dst], minlength=n)
    base = np.divide(sizes[dst], followed[src], out=np.zeros(src.size), where=followed[src] > 0)

    dt = _row_normalised(profile)
    col = dt.sum(axis=0)
    teleport = np.divide(dt, col, out=np.full_like(dt, 1.0 / max(n, 1)), where=col > 0)
    out = np.zeros((n, dt.shape[1]))
    if n == 0:
        return out
    for t in range(dt.shape[1]):
        data = base * (1.0 - np.abs(dt[dst, t] - dt[src, t]))
        walk = sp.csr_array((data, (dst, src)), shape=(n, n))  # walk[i, s] = P_t(s, i)
        e = teleport[:, t]
        x = np.full(n, 1.0 / n)
        for _ in range(max_iter):
            moved = walk @ x
            x_new = damping * (moved + (x.sum() - moved.sum()) * e) + (1.0 - damping) * e
            delta = np.abs(x_new - x).sum()
            x = x_new
            if delta < n * tol:
                break
        else:
            warnings.warn(
                f"twitterrank did not converge on topic {t} to tol={tol} in {max_iter} "
                "iterations; returning the last iterate",
                RuntimeWarning,
                stacklevel=2,
            )
        out[:, t] = x
    return out


def aggregate_twitterrank(tr: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Overall TwitterRank for a topic mix: ``sum_t r_t TR_t``.

    Weng et al. [1]_ aggregate the topic-specific ranks with the weights ``r_t`` of a query's
    topics (or of each topic's share of all content, for a general ranking).

    Parameters
    ----------
    tr : numpy.ndarray, shape (n_accounts, K)
        Output of :func:`twitterrank`.
    weights : numpy.ndarray, shape (K,) or (n_queries, K)
        Non-negative topic weights of the query (normalised here to sum to 1 per query).

    Returns
    -------
    numpy.ndarray of float64, shape (n_accounts,) or (n_accounts, n_queries)
        Sums to 1 (per query) when the columns of ``tr`` do.

    Raises
    ------
    ParameterError
        Shapes that do not match, negative or non-finite values, a query with zero weights.

    Examples
    --------
    >>> tr = np.array([[0.7, 0.1], [0.3, 0.9]])
    >>> aggregate_twitterrank(tr, np.array([3.0, 1.0])).round(3).tolist()
    [0.55, 0.45]

    References
    ----------
    .. [1] J. Weng, E.-P. Lim, J. Jiang and Q. He, "TwitterRank: finding topic-sensitive
       influential twitterers", Proc. WSDM 2010, pp. 261-270.
       https://doi.org/10.1145/1718487.1718520
    """
    tr = np.asarray(_check_weights_matrix(tr, "tr", None), dtype=np.float64)
    r = np.asarray(weights, dtype=np.float64)
    if r.ndim not in (1, 2) or r.shape[-1] != tr.shape[1]:
        raise ParameterError(
            f"weights must have shape ({tr.shape[1]},) or (n_queries, {tr.shape[1]})"
        )
    if not np.isfinite(r).all() or (r < 0).any():
        raise ParameterError("weights must be finite and non-negative")
    total = r.sum(axis=-1, keepdims=True)
    if (total <= 0).any():
        raise ParameterError("every query needs a positive total weight")
    return tr @ (r / total).T


# ---------------------------------------------------------------------------- evaluation


@dataclass(frozen=True)
class TopicEvaluationReport:
    """Result of :func:`evaluate_topic_prediction`.

    Attributes
    ----------
    tables : dict of int to ComparisonTable
        One table per evaluated topic: how each predictor ranks the early-active accounts by
        the topic's later target.
    macro : dict of str to dict of str to float
        Per predictor, each metric averaged over the topics where it is defined (NaN-free
        mean; NaN when defined nowhere).
    topic_names : dict of int to str
    n_population : int
        Accounts active in the early window.
    n_positive : dict of int to int
        Accounts of the population with a positive target, per topic.
    target : str
        ``"distinct_relayers"`` or ``"relays"``.
    ks : tuple of int
    """

    tables: dict[int, ComparisonTable]
    macro: dict[str, dict[str, float]]
    topic_names: dict[int, str]
    n_population: int
    n_positive: dict[int, int]
    target: str
    ks: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (NaN becomes None)."""

        def clean(x: float) -> float | None:
            return None if math.isnan(x) else float(x)

        return {
            "target": self.target,
            "ks": list(self.ks),
            "n_population": self.n_population,
            "macro": {p: {k: clean(v) for k, v in m.items()} for p, m in self.macro.items()},
            "topics": [
                {
                    "topic": t,
                    "name": self.topic_names.get(t, str(t)),
                    "n_positive": self.n_positive[t],
                    "table": table.to_dict(),
                }
                for t, table in self.tables.items()
            ],
        }


def evaluate_topic_prediction(
    early: GraphView,
    late: GraphView,
    early_posts: PostArrays | None,
    late_posts: PostArrays | None,
    early_edge_topics: np.ndarray | sp.sparray,
    late_edge_topics: np.ndarray | sp.sparray,
    *,
    account_topics: np.ndarray | None = None,
    topics: Iterable[int] | None = None,
    topic_names: Sequence[str] | None = None,
    min_weight: float = 0.3,
    target: str = "distinct_relayers",
    params: ScoreParams | None = None,
    ks: Iterable[int] = (10, 100),
) -> TopicEvaluationReport:
    """Does topical influence measured before a split predict on-topic amplification after it?

    The protocol of :func:`einfluence.scoring.evaluate_prediction`, per topic: every
    predictor is computed on the early window; the target of topic ``t`` is what each account
    receives in the later window on ``t`` (distinct relayers, or relays, of its content about
    ``t``); the population is the accounts active in the early window. Predictors:

    ``einfluence_score``
        The topic-blind score (the same for every topic).
    ``topic_score``
        The score on on-topic reactions only (:func:`topic_scores`).
    ``twitterrank``
        Column ``t`` of :func:`twitterrank` (only with ``account_topics``).
    ``score_x_interest``
        The topic-blind score times the account's interest in ``t`` (only with
        ``account_topics``): a simple baseline.

    Parameters
    ----------
    early, late : GraphView
        Interactions before and after the split (same accounts).
    early_posts, late_posts : PostArrays or None
        Posts of each window (``late_posts`` is accepted for symmetry; the target only needs
        ``late_edge_topics``).
    early_edge_topics, late_edge_topics : numpy.ndarray or scipy sparse matrix
        :func:`edge_topics` of each view.
    account_topics : numpy.ndarray, shape (n_accounts, K), optional
        Interest profiles (for example measured on the early window).
    topics : iterable of int, optional
        Topics to evaluate (all by default).
    topic_names : sequence of str, optional
        Names of the ``K`` topics, for the report.
    min_weight : float
        Threshold of :func:`topic_view`, for predictors and targets alike.
    target : {"distinct_relayers", "relays"}
    params : ScoreParams, optional
        Parameters of the scores.
    ks : iterable of int
        Cut-offs of the top-k metrics.

    Returns
    -------
    TopicEvaluationReport

    Raises
    ------
    GraphTypeError
        If a view is not a GraphView.
    ParameterError
        Views over different accounts, mismatched topic counts, an unknown target.

    Examples
    --------
    >>> from einfluence.store.queries import InteractionArrays
    >>> def relays(src, dst):
    ...     return GraphView.from_arrays(InteractionArrays(src=np.array(src), dst=np.array(dst),
    ...         time=np.arange(len(src)) * 3_600_000_000, weight=np.ones(len(src)),
    ...         kind=np.zeros(len(src), np.int8), post=np.full(len(src), -1), n_accounts=6))
    >>> early, late = relays([2, 3, 4, 5], [0, 0, 1, 1]), relays([2, 3, 4, 5], [0, 0, 0, 1])
    >>> topics = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 1.0]])
    >>> report = evaluate_topic_prediction(early, late, None, None, topics, topics, ks=(1,))
    >>> sorted(report.macro)
    ['einfluence_score', 'topic_score']
    >>> report.n_positive  # later, 0 is relayed on both topics
    {0: 1, 1: 2}

    References
    ----------
    .. [1] M. Cha, H. Haddadi, F. Benevenuto and K. P. Gummadi, "Measuring user influence in
       Twitter: the million follower fallacy", Proc. ICWSM 2010.
       https://doi.org/10.1609/icwsm.v4i1.14033
    .. [2] J. Weng, E.-P. Lim, J. Jiang and Q. He, "TwitterRank: finding topic-sensitive
       influential twitterers", Proc. WSDM 2010. https://doi.org/10.1145/1718487.1718520
    """
    early = _check_view(early, "early")
    late = _check_view(late, "late")
    if early.n_nodes != late.n_nodes:
        raise ParameterError("early and late views must index the same accounts")
    if target not in ("distinct_relayers", "relays"):
        raise ParameterError(f"target must be 'distinct_relayers' or 'relays', got {target!r}")
    n = early.n_nodes
    early_columns = _Columns(early_edge_topics, early.n_edges, "early_edge_topics")
    late_columns = _Columns(late_edge_topics, late.n_edges, "late_edge_topics")
    n_topics = early_columns.n_topics
    if late_columns.n_topics != n_topics:
        raise ParameterError("early and late edge topics must have the same number of topics")
    chosen = _topic_indices(topics, n_topics)
    min_weight = _check_min_weight(min_weight)
    names = (
        [str(t) for t in range(n_topics)] if topic_names is None else [str(x) for x in topic_names]
    )
    if len(names) != n_topics:
        raise ParameterError(f"topic_names must name the {n_topics} topics")
    ks = tuple(ks)

    population = np.zeros(n, dtype=bool)
    population[early.sources()] = True
    population[early.indices] = True
    blind = einfluence_score(early, early_posts, params=params).score
    on_topic = topic_scores(
        early, early_posts, early_edge_topics, topics=chosen, min_weight=min_weight, params=params
    )
    interest = tr = None
    if account_topics is not None:
        profile = np.asarray(
            _check_weights_matrix(account_topics, "account_topics", n), dtype=np.float64
        )
        if profile.shape[1] != n_topics:
            raise ParameterError("account_topics must have one column per topic")
        interest = _row_normalised(profile)
        tr = twitterrank(early, profile)

    def masked(values: np.ndarray) -> np.ndarray:
        return np.where(population, np.nan_to_num(values, nan=0.0), np.nan)

    tables: dict[int, ComparisonTable] = {}
    n_positive: dict[int, int] = {}
    for t in chosen:
        late_t = late.edge_subgraph(late_columns.on_topic(t, min_weight))
        goal = (
            distinct_reactors(late_t, "relay")
            if target == "distinct_relayers"
            else received(late_t, "relay")
        )
        predictors = {"einfluence_score": masked(blind), "topic_score": masked(on_topic[:, t])}
        if tr is not None and interest is not None:
            predictors["twitterrank"] = masked(tr[:, t])
            predictors["score_x_interest"] = masked(np.nan_to_num(blind) * interest[:, t])
        tables[t] = compare_predictors(predictors, goal, population=population, ks=ks)
        n_positive[t] = int((goal[population] > 0).sum())

    macro: dict[str, dict[str, float]] = {}
    for name in next(iter(tables.values())).names if tables else ():
        metrics = [tables[t][name].metrics(ks) for t in chosen]
        macro[name] = {}
        for key in metrics[0]:
            values = np.array([m[key] for m in metrics], dtype=np.float64)
            finite = values[np.isfinite(values)]
            macro[name][key] = float(finite.mean()) if finite.size else math.nan
    order = ["einfluence_score", "topic_score", "twitterrank", "score_x_interest"]
    macro = {name: macro[name] for name in order if name in macro}
    return TopicEvaluationReport(
        tables=tables,
        macro=macro,
        topic_names={t: names[t] for t in chosen},
        n_population=int(population.sum()),
        n_positive=n_positive,
        target=target,
        ks=ks,
    )
