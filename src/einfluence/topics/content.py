"""Topics of interactions: the topic weights of the content each interaction is about.

Influence is topical [1]_, so every interaction is tied to the topic of the content it is
about (:func:`edge_topics`, built on :func:`content_topics`): a relay carries no text and is
about the post it relays. :func:`topic_view` then cuts the interactions about one topic, for
the on-topic scores of :mod:`~einfluence.topics.influence`.

Topic weights are inputs: ``post_ids`` (sorted post ids of the posts that have text) with
``post_topics`` (one row of ``K`` non-negative weights per post, summing to 1, or to 0 for a post
without a topic), as given by any topic model or by planted truth. Nothing here fits a model.

References
----------
.. [1] J. Weng, E.-P. Lim, J. Jiang and Q. He, "TwitterRank: finding topic-sensitive
   influential twitterers", Proc. WSDM 2010, pp. 261-270.
   https://doi.org/10.1145/1718487.1718520
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from einfluence.exceptions import ParameterError
from einfluence.graph.view import GraphView
from einfluence.topics._common import (
    TopicColumns,
    check_min_weight,
    check_post_ids,
    check_view,
    content_rows,
    topic_indices,
)

if TYPE_CHECKING:
    from einfluence.base.arrays import PostArrays

__all__ = ["content_topics", "edge_topics", "topic_view"]


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
    >>> from einfluence.base import PostArrays
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
    ids, topics, _ = check_post_ids(post_ids, post_topics)
    min_weight = check_min_weight(min_weight)
    post = np.asarray(post)
    if post.ndim != 1 or (post.size and post.dtype.kind not in "iu"):
        raise ParameterError("post must be a one-dimensional array of integer post ids")
    if min_weight > 0:
        topics = topics.copy()
        topics.data[topics.data < min_weight] = 0
    topics.eliminate_zeros()
    row_len = np.diff(topics.indptr).astype(np.int64)
    rows = content_rows(post.astype(np.int64), posts, ids, row_len > 0)
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
    >>> from einfluence.base import InteractionArrays, PostArrays
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
    view = check_view(view)
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
    >>> from einfluence.base import InteractionArrays
    >>> view = GraphView.from_arrays(InteractionArrays(
    ...     src=np.array([1, 2, 3]), dst=np.array([0, 0, 0]), time=np.arange(3),
    ...     weight=np.ones(3), kind=np.zeros(3, np.int8), post=np.full(3, -1), n_accounts=4))
    >>> w = np.array([[0.9, 0.1], [0.5, 0.5], [0.0, 0.0]])
    >>> topic_view(view, w, 1, min_weight=0.3).sources().tolist()
    [2]
    """
    view = check_view(view)
    columns = TopicColumns(edge_topic_weights, view.n_edges)
    (t,) = topic_indices([topic], columns.n_topics)
    return view.edge_subgraph(columns.on_topic(t, check_min_weight(min_weight)))
