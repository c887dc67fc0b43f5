"""Topic-sensitive influence: who moves people on *this* topic, not on any topic.

Influence is topical: the account that gets cycling fans to relay is not the one that gets
gamers to. :func:`topic_scores` and :func:`topic_score` run the einfluence score on the
interactions about each topic (:func:`~einfluence.topics.content.topic_view`), in the spirit
of topic-sensitive PageRank [2]_; TwitterRank [1]_ is in :mod:`~einfluence.topics.twitterrank`
and the comparison of both on a temporal split in :mod:`~einfluence.topics.evaluation`.

References
----------
.. [1] J. Weng, E.-P. Lim, J. Jiang and Q. He, "TwitterRank: finding topic-sensitive
   influential twitterers", Proc. WSDM 2010, pp. 261-270.
   https://doi.org/10.1145/1718487.1718520
.. [2] T. H. Haveliwala, "Topic-sensitive PageRank", Proc. WWW 2002, pp. 517-526.
   https://doi.org/10.1145/511446.511513
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from einfluence.exceptions import ParameterError
from einfluence.graph.view import GraphView
from einfluence.scoring.score import (
    DecayClock,
    InfluenceScore,
    ScoreParams,
    decay_clock,
    einfluence_score,
    window_end,
)
from einfluence.topics._common import TopicColumns, check_min_weight, check_view, topic_indices

if TYPE_CHECKING:
    from einfluence.base.arrays import PostArrays

__all__ = ["topic_score", "topic_score_each", "topic_scores"]



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

    For each topic, :func:`einfluence.scoring.einfluence_score` runs on :func:`~einfluence.topics.content.topic_view`:
    reach, amplification, depth, impact and momentum count only the reactions to content
    about the topic, and the 1-100 calibration is against the accounts active on that topic.

    Parameters
    ----------
    view : GraphView
    posts : PostArrays or None
        Posts of the window, passed to the score (amplification per post, cascade depth).
    edge_topic_weights : numpy.ndarray or scipy sparse matrix, shape (view.n_edges, K)
        As returned by :func:`~einfluence.topics.content.edge_topics`.
    topics : iterable of int, optional
        Topics to score (all by default); the other columns are NaN.
    min_weight : float
        Threshold of :func:`~einfluence.topics.content.topic_view`.
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
    >>> from einfluence.base import InteractionArrays
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
    view, columns, post_columns, min_weight, reference_time, clock = _prepare(
        view, posts, edge_topic_weights, post_topic_weights, min_weight, params, groups
    )
    chosen = topic_indices(topics, columns.n_topics)
    out = np.full((view.n_nodes, columns.n_topics), np.nan)
    for t in chosen:
        result = _topic_result(view, posts, columns, post_columns, t, min_weight, groups, reference_time, clock)
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
    groups: np.ndarray | None,
) -> tuple[GraphView, TopicColumns, TopicColumns | None, float, int, DecayClock]:
    """Validated inputs of the on-topic scores, and the whole view's clock, shared by every topic."""
    view = check_view(view)
    columns = TopicColumns(edge_topic_weights, view.n_edges)
    min_weight = check_min_weight(min_weight)
    reference_time = window_end(view, None)
    clock = decay_clock(view, groups, reference_time, (params or ScoreParams()).validated())
    post_columns = None
    if post_topic_weights is not None:
        if posts is None:
            raise ParameterError("post_topic_weights needs posts")
        post_columns = TopicColumns(post_topic_weights, np.asarray(posts.post_id).size, "post_topic_weights")
        if post_columns.n_topics != columns.n_topics:
            raise ParameterError("post_topic_weights and edge_topic_weights must have the same topics")
    return view, columns, post_columns, min_weight, reference_time, clock


def _topic_result(
    view: GraphView,
    posts: PostArrays | None,
    columns: TopicColumns,
    post_columns: TopicColumns | None,
    t: int,
    min_weight: float,
    groups: np.ndarray | None,
    reference_time: int,
    clock: DecayClock,
) -> InfluenceScore | None:
    sub = view.edge_subgraph(columns.on_topic(t, min_weight))
    if sub.n_edges == 0:
        return None
    topic_posts = posts
    if post_columns is not None and posts is not None:
        topic_posts = _posts_subset(posts, post_columns.on_topic(t, min_weight))
    return einfluence_score(sub, topic_posts, groups=groups, reference_time=reference_time, clock=clock)


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
    >>> from einfluence.base import InteractionArrays
    >>> view = GraphView.from_arrays(InteractionArrays(
    ...     src=np.array([2, 2, 3, 4]), dst=np.array([0, 1, 0, 0]),
    ...     time=np.arange(4) * 3_600_000_000, weight=np.ones(4), kind=np.zeros(4, np.int8),
    ...     post=np.full(4, -1), n_accounts=5))
    >>> w = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 0.0]])
    >>> topic_score(view, None, w, 0).score.round(1).tolist()  # account 1: nothing on topic 0
    [10.9, nan, 1.0, 1.0, 1.0]
    """
    view, columns, post_columns, min_weight, reference_time, clock = _prepare(
        view, posts, edge_topic_weights, post_topic_weights, min_weight, params, groups
    )
    (t,) = topic_indices([topic], columns.n_topics)
    result = _topic_result(view, posts, columns, post_columns, t, min_weight, groups, reference_time, clock)
    return _nothing_on_topic(view, groups, reference_time, clock) if result is None else result


def _nothing_on_topic(view: GraphView, groups: np.ndarray | None, reference_time: int,
                      clock: DecayClock) -> InfluenceScore:
    """The score of an empty view (every account inactive), for a topic nobody interacts about."""
    return einfluence_score(view.edge_subgraph(np.zeros(view.n_edges, dtype=bool)), None,
                            groups=groups, reference_time=reference_time, clock=clock)


def topic_score_each(
    view: GraphView,
    posts: PostArrays | None,
    edge_topic_weights: np.ndarray | sp.sparray,
    topics: Sequence[int],
    *,
    min_weight: float = 0.3,
    post_topic_weights: np.ndarray | sp.sparray | None = None,
    groups: np.ndarray | None = None,
    params: ScoreParams | None = None,
    each: Callable[[int, InfluenceScore], None] | None = None,
) -> list[InfluenceScore]:
    """:func:`topic_score` of several topics, the inputs checked and prepared once (the topic
    weights' columns, the clock and half-life of the whole view); each score is the one
    :func:`topic_score` gives, to the bit. ``each(topic, score)`` is called as each is done.

    Examples
    --------
    >>> from einfluence.base import InteractionArrays
    >>> view = GraphView.from_arrays(InteractionArrays(
    ...     src=np.array([2, 2, 3, 4]), dst=np.array([0, 1, 0, 0]),
    ...     time=np.arange(4) * 3_600_000_000, weight=np.ones(4), kind=np.zeros(4, np.int8),
    ...     post=np.full(4, -1), n_accounts=5))
    >>> w = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 0.0]])
    >>> each = topic_score_each(view, None, w, [0, 1])
    >>> [s.score.round(1).tolist() for s in each]
    [[10.9, nan, 1.0, 1.0, 1.0], [nan, 6.0, 1.0, nan, nan]]
    >>> all(np.array_equal(s.score, topic_score(view, None, w, t).score, equal_nan=True) for s, t in zip(each, [0, 1]))
    True
    """
    view, columns, post_columns, min_weight, reference_time, clock = _prepare(
        view, posts, edge_topic_weights, post_topic_weights, min_weight, params, groups
    )
    out = []
    for topic, t in zip(topics, topic_indices(list(topics), columns.n_topics), strict=True):
        result = _topic_result(view, posts, columns, post_columns, t, min_weight, groups, reference_time, clock)
        if result is None:
            result = _nothing_on_topic(view, groups, reference_time, clock)
        out.append(result)
        if each is not None:
            each(topic, result)
    return out
