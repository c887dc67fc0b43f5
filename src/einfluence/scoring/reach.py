"""Reach: how much attention an account receives, and from how many distinct accounts.

The audience measures of Cha et al. [1]_ (in-degree, relays and mentions received) and of
Klout [2]_ ("true reach": the distinct accounts that react, weighted by how selective they
are), computed on a :class:`~einfluence.graph.GraphView`.

References
----------
.. [1] M. Cha, H. Haddadi, F. Benevenuto and K. P. Gummadi, "Measuring user influence in
   Twitter: the million follower fallacy", Proc. ICWSM 2010, pp. 10-17.
   https://doi.org/10.1609/icwsm.v4i1.14033
.. [2] A. Rao, N. Spasojevic, Z. Li and T. Dsouza, "Klout score: measuring influence across
   multiple social networks", Proc. IEEE BigData 2015, pp. 2282-2289.
   https://doi.org/10.1109/BigData.2015.7364017
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np

from einfluence.base.kinds import ORIGINAL_POST_KINDS, REACTION_KINDS
from einfluence.graph.selection import check_view, distinct_pairs, post_kind_mask, selected_edges
from einfluence.graph.view import GraphView

if TYPE_CHECKING:
    from einfluence.base.arrays import PostArrays

__all__ = ["distinct_reactors", "reactions_per_post", "reactor_selectivity", "received"]


def received(
    view: GraphView,
    kinds: str | Iterable[str] = REACTION_KINDS,
    edge_weight: np.ndarray | None = None,
) -> np.ndarray:
    """Interactions of the given kinds received by each account (their total weight).

    With ``kinds="relay"`` this is the retweet count of Cha et al. [1]_, with ``"mention"``
    the mention count, with :data:`~einfluence.scoring._common.AUDIENCE_KINDS` the follower
    in-degree.

    Parameters
    ----------
    view : GraphView
    kinds : str or iterable of str
        Interaction kinds to count (all reactions by default).
    edge_weight : numpy.ndarray, optional
        Weight of each interaction, aligned with ``view.indices``; None counts each as 1.

    Returns
    -------
    numpy.ndarray of float64, shape (view.n_nodes,)

    Raises
    ------
    GraphTypeError
        If ``view`` is not a GraphView.
    ParameterError
        On an unknown kind or a badly shaped or negative ``edge_weight``.

    Examples
    --------
    >>> from einfluence.base import InteractionArrays
    >>> view = GraphView.from_arrays(InteractionArrays(
    ...     src=np.array([1, 2, 2, 3]), dst=np.array([0, 0, 0, 1]), time=np.arange(4),
    ...     weight=np.ones(4), kind=np.array([0, 0, 2, 0], np.int8), post=np.full(4, -1),
    ...     n_accounts=4))
    >>> received(view).tolist()
    [3.0, 1.0, 0.0, 0.0]
    >>> received(view, "relay", edge_weight=np.array([1.0, 0.5, 0.5, 0.0])).tolist()
    [1.5, 0.0, 0.0, 0.0]

    Notes
    -----
    Self-interactions are not counted. O(n + m).

    References
    ----------
    .. [1] M. Cha, H. Haddadi, F. Benevenuto and K. P. Gummadi, "Measuring user influence in
       Twitter: the million follower fallacy", Proc. ICWSM 2010.
       https://doi.org/10.1609/icwsm.v4i1.14033
    """
    view = check_view(view)
    _, dst, w = selected_edges(view, kinds, edge_weight)
    return np.bincount(dst, weights=w, minlength=view.n_nodes).astype(np.float64)


def distinct_reactors(
    view: GraphView,
    kinds: str | Iterable[str] = REACTION_KINDS,
    edge_weight: np.ndarray | None = None,
) -> np.ndarray:
    """Number of distinct accounts that reacted to each account ("true reach").

    Klout's reach [1]_ and the "useful contacts" of an account: many reactions from the same
    few fans count once each. With weights, a reactor counts with the largest weight among its
    reactions to the account (with time-decay weights, its most recent reaction).

    Parameters
    ----------
    view : GraphView
    kinds : str or iterable of str
        Interaction kinds that count as reactions.
    edge_weight : numpy.ndarray, optional
        Weight of each interaction, aligned with ``view.indices`` (the view's edge order:
        by ``src``, then time); None counts each as 1.

    Returns
    -------
    numpy.ndarray of float64, shape (view.n_nodes,)

    Raises
    ------
    GraphTypeError
        If ``view`` is not a GraphView.
    ParameterError
        On an unknown kind or a badly shaped or negative ``edge_weight``.

    Examples
    --------
    >>> from einfluence.base import InteractionArrays
    >>> view = GraphView.from_arrays(InteractionArrays(
    ...     src=np.array([0, 1, 1, 2]), dst=np.array([0, 0, 0, 0]), time=np.arange(4),
    ...     weight=np.ones(4), kind=np.zeros(4, np.int8), post=np.full(4, -1), n_accounts=3))
    >>> distinct_reactors(view).tolist()  # 1 twice, 2 once, the self-relay 0 -> 0 ignored
    [2.0, 0.0, 0.0]
    >>> distinct_reactors(view, edge_weight=np.array([1.0, 0.2, 0.9, 0.5])).tolist()
    [1.4, 0.0, 0.0]

    Notes
    -----
    Self-interactions are excluded. One O(n + m) pass of a compiled kernel.

    References
    ----------
    .. [1] A. Rao, N. Spasojevic, Z. Li and T. Dsouza, "Klout score: measuring influence
       across multiple social networks", Proc. IEEE BigData 2015.
       https://doi.org/10.1109/BigData.2015.7364017
    """
    view = check_view(view)
    _, dst, best, _ = distinct_pairs(view, kinds, edge_weight)
    return np.bincount(dst, weights=best, minlength=view.n_nodes).astype(np.float64)


def reactions_per_post(
    view: GraphView,
    posts: PostArrays,
    kinds: str | Iterable[str] = REACTION_KINDS,
    edge_weight: np.ndarray | None = None,
) -> np.ndarray | None:
    """Reactions received per post authored: the engagement rate of an account.

    The numerator is :func:`received`; the denominator counts the posts of the account in
    ``posts`` that carry content of their own (kinds ``original``, ``quote``, ``reply`` and
    ``blog_post``; bare relays and comments are not counted).

    Parameters
    ----------
    view : GraphView
    posts : PostArrays
        The posts of the same window (see :func:`einfluence.store.post_arrays`).
    kinds : str or iterable of str
        Interaction kinds that count as reactions.
    edge_weight : numpy.ndarray, optional
        Weight of each interaction, aligned with ``view.indices``; None counts each as 1.

    Returns
    -------
    numpy.ndarray of float64, shape (view.n_nodes,), or None
        NaN for accounts that authored no such post; None when ``posts`` holds none at all
        (the rate is not computable: interaction-only data such as Higgs).

    Raises
    ------
    GraphTypeError
        If ``view`` is not a GraphView.
    ParameterError
        On an unknown kind or a badly shaped or negative ``edge_weight``.

    Examples
    --------
    >>> from einfluence.base import InteractionArrays, PostArrays
    >>> view = GraphView.from_arrays(InteractionArrays(
    ...     src=np.array([1, 2, 2]), dst=np.array([0, 0, 1]), time=np.arange(3),
    ...     weight=np.ones(3), kind=np.zeros(3, np.int8), post=np.full(3, -1), n_accounts=3))
    >>> posts = PostArrays(post_id=np.array([10, 11]), author=np.array([0, 0]),
    ...     time=np.arange(2), kind=np.zeros(2, np.int8), parent=np.full(2, -1),
    ...     root=np.full(2, -1))
    >>> reactions_per_post(view, posts).tolist()
    [1.0, nan, nan]

    Notes
    -----
    O(n + m + number of posts).
    """
    view = check_view(view)
    author = np.asarray(posts.author, dtype=np.int64)
    keep = post_kind_mask(np.asarray(posts.kind), ORIGINAL_POST_KINDS)
    keep &= (author >= 0) & (author < view.n_nodes)
    if not keep.any():
        return None
    n_posts = np.bincount(author[keep], minlength=view.n_nodes)
    reactions = received(view, kinds, edge_weight)
    out = np.full(view.n_nodes, np.nan)
    has = n_posts > 0
    out[has] = reactions[has] / n_posts[has]
    return out


def reactor_selectivity(
    view: GraphView,
    kinds: str | Iterable[str] = REACTION_KINDS,
    edge_weight: np.ndarray | None = None,
) -> np.ndarray:
    """Reactions received, each worth the inverse of how many reactions its author made.

    A reaction from ``v`` counts ``w / n_v``, where ``n_v`` is the number of reactions ``v``
    made in the view (with a positive weight): a relay from someone who relays everything
    counts less than one from a selective reader, in the spirit of Klout's weighting of
    reactors by their activity [1]_ and of the acceptance rates of Romero et al. [2]_. The
    totals are summed per target.

    Parameters
    ----------
    view : GraphView
    kinds : str or iterable of str
        Interaction kinds that count as reactions.
    edge_weight : numpy.ndarray, optional
        Weight of each interaction, aligned with ``view.indices``; None counts each as 1.
        Weights scale each reaction, not ``n_v``: a reactor's old reactions still show how
        indiscriminate it is.

    Returns
    -------
    numpy.ndarray of float64, shape (view.n_nodes,)
        Sums to the number of accounts that made at least one reaction (with unit weights).

    Raises
    ------
    GraphTypeError
        If ``view`` is not a GraphView.
    ParameterError
        On an unknown kind or a badly shaped or negative ``edge_weight``.

    Examples
    --------
    >>> from einfluence.base import InteractionArrays
    >>> view = GraphView.from_arrays(InteractionArrays(
    ...     src=np.array([1, 2, 2, 2, 2]), dst=np.array([0, 0, 1, 3, 3]),
    ...     time=np.arange(5), weight=np.ones(5), kind=np.zeros(5, np.int8),
    ...     post=np.full(5, -1), n_accounts=4))
    >>> reactor_selectivity(view).tolist()
    [1.25, 0.25, 0.0, 0.5]

    Notes
    -----
    Self-interactions are excluded. O(n + m).

    References
    ----------
    .. [1] A. Rao, N. Spasojevic, Z. Li and T. Dsouza, "Klout score: measuring influence
       across multiple social networks", Proc. IEEE BigData 2015.
       https://doi.org/10.1109/BigData.2015.7364017
    .. [2] D. M. Romero, W. Galuba, S. Asur and B. A. Huberman, "Influence and passivity in
       social media", Proc. ECML PKDD 2011, LNCS 6913, pp. 18-33.
       https://doi.org/10.1007/978-3-642-23808-6_2
    """
    view = check_view(view)
    src, dst, w = selected_edges(view, kinds, edge_weight)
    made = np.bincount(src, minlength=view.n_nodes)
    return np.bincount(dst, weights=w / made[src], minlength=view.n_nodes).astype(np.float64)
