"""Amplification depth: how often an account's content travels beyond its first audience.

Cha et al. [1]_ separate the accounts whose content is merely relayed from those whose relays
are themselves relayed; Klout's amplification [2]_ and the capillarity of marketing practice
measure the same thing. Two rules are implemented, chosen by the data at hand (see
:func:`amplification_depth`): one on propagation trees (posts with parents), one on bare
timed interactions (Higgs).

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

import numbers
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np

from einfluence.base.timeunits import HOUR, NO_TIME
from einfluence.base.validation import check_scalar
from einfluence.graph import _kernels as graph_kernels
from einfluence.graph.selection import check_view, edge_mask, edge_weights, post_kind_mask
from einfluence.graph.view import GraphView
from einfluence.scoring import _kernels

if TYPE_CHECKING:
    from einfluence.base.arrays import PostArrays

__all__ = ["CASCADE_POST_KINDS", "amplification_depth"]

#: Post kinds that continue a cascade (children in a propagation tree).
CASCADE_POST_KINDS: tuple[str, ...] = ("relay", "reply", "quote", "comment")



def amplification_depth(
    view: GraphView,
    posts: PostArrays | None = None,
    edge_weight: np.ndarray | None = None,
    max_gap_hours: float = 24.0,
    *,
    kinds: str | Iterable[str] = ("relay", "quote"),
) -> np.ndarray:
    """Share of an account's cascades that reach beyond the first hop (capillarity).

    **Tree rule** (``posts`` holds at least one post with a parent: propagation trees,
    demo world). A cascade of ``a`` is a root post of ``a`` (a post without parent) that
    received at least one reaction: a post of kind relay, reply, quote or comment
    (:data:`CASCADE_POST_KINDS`) whose root (``posts.root``, or the end of its parent chain)
    it is. A reaction is a *second-hop* one when its parent is not the root (depth >= 2). The
    result is the share of ``a``'s cascades holding a second-hop reaction.

    **Time rule** (no ``posts``, or no parent links: interactions only, such as Higgs). A
    relay of ``u`` by ``v`` at time ``t`` (an interaction of ``kinds``) goes beyond the first
    hop when some account relays ``v`` within ``(t, t + max_gap_hours]``. The result is the
    share of ``u``'s distinct relayers with at least one relay of ``u`` that went beyond.
    Without content ids this is a heuristic: the later relay of ``v`` may concern another
    post. Interactions of unknown time are left out.

    Parameters
    ----------
    view : GraphView
    posts : PostArrays, optional
        The posts of the same window; selects the tree rule when they have parents.
    edge_weight : numpy.ndarray, optional
        Weight of each interaction, aligned with ``view.indices``; None counts each as 1.
        A cascade (tree rule) or a relayer (time rule) weighs the largest weight among its
        reactions, and counts as amplified with the largest weight among its second-hop
        ones, so that with time-decay weights recent cascades count more. Under the tree
        rule a reaction post takes the weight of the view's edge with the same ``post`` id,
        and 0 when the view has none (it is outside the view).
    max_gap_hours : float
        Time rule: how long after ``v``'s relay a relay of ``v`` still counts.
    kinds : str or iterable of str
        Time rule: the interaction kinds that are relays (relays and quotes by default).

    Returns
    -------
    numpy.ndarray of float64, shape (view.n_nodes,)
        In [0, 1]; 0 for accounts without cascades (or relayers).

    Raises
    ------
    GraphTypeError
        If ``view`` is not a GraphView.
    ParameterError
        On a negative ``max_gap_hours``, an unknown kind or a bad ``edge_weight``.

    Examples
    --------
    Time rule: 1 and 2 relay 0; 3 relays 1 an hour later, so 1's relay went further.

    >>> from einfluence.base import InteractionArrays
    >>> hour = 3_600_000_000
    >>> view = GraphView.from_arrays(InteractionArrays(
    ...     src=np.array([1, 2, 3]), dst=np.array([0, 0, 1]),
    ...     time=np.array([0, 0, hour]), weight=np.ones(3), kind=np.zeros(3, np.int8),
    ...     post=np.full(3, -1), n_accounts=4))
    >>> amplification_depth(view).tolist()
    [0.5, 0.0, 0.0, 0.0]

    Notes
    -----
    Tree rule: O(p log p) for ``p`` posts (sorting ids, pointer doubling up the parent
    chains). Time rule: O(n + m log d), a counting sort of the relays by target and one
    binary search per relay in a compiled kernel.

    References
    ----------
    .. [1] M. Cha, H. Haddadi, F. Benevenuto and K. P. Gummadi, "Measuring user influence in
       Twitter: the million follower fallacy", Proc. ICWSM 2010.
       https://doi.org/10.1609/icwsm.v4i1.14033
    """
    view = check_view(view)
    check_scalar(max_gap_hours, "max_gap_hours", numbers.Real, min_val=0.0)
    w = edge_weights(view, edge_weight)
    if (
        posts is not None
        and np.asarray(posts.parent).size
        and (np.asarray(posts.parent) >= 0).any()
    ):
        return _tree_rule(view, posts, w, edge_weight is not None)
    return _time_rule(view, w, edge_weight is not None, kinds, float(max_gap_hours))


def _time_rule(
    view: GraphView, w: np.ndarray, weighted: bool, kinds: str | Iterable[str], gap_hours: float
) -> np.ndarray:
    n = view.n_nodes
    mask = edge_mask(view, kinds) & (view.time != NO_TIME)
    if weighted:
        mask &= w > 0
    src = view.sources()
    in_indptr, in_times = _kernels.incoming_times(n, view.indices[mask], view.time[mask])
    beyond = np.zeros(view.n_edges, dtype=bool)
    beyond[mask] = _kernels.relayed_within(
        src[mask], view.time[mask], in_indptr, in_times, np.int64(round(gap_hours * HOUR))
    )
    _, dst, reached, _ = graph_kernels.distinct_pairs(view.indptr, view.indices, w, mask)
    _, _, amplified, _ = graph_kernels.distinct_pairs(view.indptr, view.indices, w * beyond, mask)
    return _share(dst, amplified, reached, n)


def _share(owner: np.ndarray, amplified: np.ndarray, reached: np.ndarray, n: int) -> np.ndarray:
    num = np.bincount(owner, weights=amplified, minlength=n)
    den = np.bincount(owner, weights=reached, minlength=n)
    out = np.zeros(n)
    np.divide(num, den, out=out, where=den > 0)
    return out


def _tree_rule(view: GraphView, posts: PostArrays, w: np.ndarray, weighted: bool) -> np.ndarray:
    n = view.n_nodes
    ids = np.asarray(posts.post_id, dtype=np.int64)
    order = np.argsort(ids, kind="stable")
    sorted_ids = ids[order]

    def index_of(values: np.ndarray) -> np.ndarray:
        """Row in ``posts`` of each post id, -1 when absent."""
        pos = np.minimum(np.searchsorted(sorted_ids, values), max(ids.size - 1, 0))
        found = (values >= 0) & (sorted_ids[pos] == values) if ids.size else values < -1
        return np.where(found, order[pos], -1)

    parent = np.asarray(posts.parent, dtype=np.int64)
    author = np.asarray(posts.author, dtype=np.int64)
    # root of every post: the given one, else the top of its known parent chain
    top = np.where(parent >= 0, index_of(parent), np.arange(ids.size))
    top = np.where(top < 0, np.arange(ids.size), top)
    for _ in range(64):  # pointer doubling: depth up to 2**64
        nxt = top[top]
        if np.array_equal(nxt, top):
            break
        top = nxt
    root_id = np.asarray(posts.root, dtype=np.int64)
    from_chain = np.where(parent[top] < 0, ids[top], -1)
    root_id = np.where(root_id >= 0, root_id, from_chain)
    root_row = index_of(root_id)

    reaction = post_kind_mask(np.asarray(posts.kind), CASCADE_POST_KINDS) & (parent >= 0)
    reaction &= root_row >= 0
    reaction &= parent[np.maximum(root_row, 0)] < 0  # the root really is a root
    owner_ok = (author >= 0) & (author < n)
    reaction &= owner_ok[np.maximum(root_row, 0)]
    second = reaction & (parent != root_id)

    if weighted:
        # weight of a reaction post = largest weight of the view's edges acting it
        on_post = (view.post >= 0) & (w > 0)
        rows = index_of(view.post[on_post])
        post_w = _kernels.group_max(rows, w[on_post], ids.size)
    else:
        post_w = np.ones(ids.size)
    rows = np.flatnonzero(reaction)
    reached = _kernels.group_max(root_row[rows], post_w[rows], ids.size)
    rows = np.flatnonzero(second)
    amplified = _kernels.group_max(root_row[rows], post_w[rows], ids.size)
    cascades = np.flatnonzero(reached > 0)
    return _share(author[cascades], amplified[cascades], reached[cascades], n)
