"""A map of communities: which accounts to draw, where, and the ties between communities.

A map cannot show a million accounts; :func:`community_map` keeps the most influential members
(and the leaders and brokers asked for), sums the ties between whole communities, and lays the
kept accounts out with :func:`einfluence.graph.layout.community_layout` (communities placed by
their ties, members around their community's centre by importance). The reports draw it as a
static picture and the dashboard as an interactive one; both read the same map.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np

from einfluence.base.unique import unique_ints
from einfluence.base.validation import check_scalar
from einfluence.exceptions import ParameterError
from einfluence.graph.layout import community_layout
from einfluence.graph.selection import check_kinds, check_view
from einfluence.graph.undirected import undirected_edges
from einfluence.graph.view import GraphView

__all__ = ["CommunityMap", "community_map"]


@dataclass(frozen=True)
class CommunityMap:
    """The accounts to draw and the communities they belong to.

    Attributes
    ----------
    account : numpy.ndarray of int64, shape (n,)
        The accounts drawn (account ids), most important first.
    community : numpy.ndarray of int64, shape (n,)
        Each one's community (the run's labels).
    x, y : numpy.ndarray of float64, shape (n,)
        Positions.
    importance : numpy.ndarray of float64, shape (n,)
        What sized them (the score).
    leader, broker : numpy.ndarray of bool, shape (n,)
    communities : numpy.ndarray of int64, shape (k,)
        The communities drawn, largest first.
    sizes : numpy.ndarray of int64, shape (k,)
        Their whole sizes (members drawn or not).
    between : numpy.ndarray of float64, shape (k, k)
        Total weight of the ties between their members.
    edge_a, edge_b : numpy.ndarray of int64
        Ties between drawn accounts (positions in ``account``), heaviest first.
    edge_weight : numpy.ndarray of float64
    """

    account: np.ndarray
    community: np.ndarray
    x: np.ndarray
    y: np.ndarray
    importance: np.ndarray
    leader: np.ndarray
    broker: np.ndarray
    communities: np.ndarray
    sizes: np.ndarray
    between: np.ndarray
    edge_a: np.ndarray
    edge_b: np.ndarray
    edge_weight: np.ndarray


def community_map(
    view: GraphView,
    membership: np.ndarray,
    importance: np.ndarray,
    *,
    leaders: np.ndarray | None = None,
    brokers: np.ndarray | None = None,
    max_accounts: int = 2000,
    max_edges: int | None = None,
    kinds: tuple[str, ...] | None = None,
    random_state: int | None = 0,
) -> CommunityMap:
    """The map of a partition: the most important members, the leaders and brokers, and their places.

    Parameters
    ----------
    view : GraphView
        The interactions the communities were found in.
    membership : numpy.ndarray of int, shape (view.n_nodes,)
        Community of each account, -1 when not assigned.
    importance : numpy.ndarray of float, shape (view.n_nodes,)
        What ranks (and sizes) accounts: the einfluence score.
    leaders, brokers : numpy.ndarray of int, optional
        Account ids always drawn and marked.
    max_accounts : int
        At most this many accounts (leaders and brokers count within it).
    max_edges : int, optional
        At most this many ties between drawn accounts (default ``2 * max_accounts``).
    kinds : tuple of str, optional
        Interaction kinds that make ties (all by default).
    random_state : None, int or numpy.random.Generator
        Seed of the layout.

    Returns
    -------
    CommunityMap

    Examples
    --------
    >>> from einfluence.base import InteractionArrays
    >>> view = GraphView.from_arrays(InteractionArrays(
    ...     src=np.array([0, 1, 2, 3]), dst=np.array([1, 0, 3, 2]), time=np.zeros(4, np.int64),
    ...     weight=np.ones(4), kind=np.zeros(4, np.int8), post=np.full(4, -1), n_accounts=4))
    >>> m = community_map(view, np.array([0, 0, 1, 1]), np.array([4.0, 3.0, 2.0, 1.0]), leaders=np.array([2]))
    >>> m.account.tolist(), m.community.tolist(), m.leader.tolist(), m.sizes.tolist()
    ([0, 1, 2, 3], [0, 0, 1, 1], [False, False, True, False], [2, 2])
    """
    view = check_view(view)
    n = view.n_nodes
    labels = np.asarray(membership, dtype=np.int64)
    score = np.asarray(importance, dtype=np.float64)
    if labels.shape != (n,) or score.shape != (n,):
        raise ParameterError(f"membership and importance must have shape ({n},)")
    check_scalar(max_accounts, "max_accounts", numbers.Integral, min_val=1)
    max_edges = 2 * int(max_accounts) if max_edges is None else int(max_edges)
    marked = np.zeros(n, dtype=bool)
    lead = np.zeros(n, dtype=bool)
    brok = np.zeros(n, dtype=bool)
    for ids, flag in ((leaders, lead), (brokers, brok)):
        if ids is not None:
            flag[np.asarray(ids, dtype=np.int64)] = True
    marked = (lead | brok) & (labels >= 0)
    assigned = np.flatnonzero(labels >= 0)
    order = assigned[np.lexsort((assigned, -np.nan_to_num(score[assigned])))]
    rest = order[~marked[order]][: max(int(max_accounts) - int(marked.sum()), 0)]
    chosen = np.concatenate([np.flatnonzero(marked), rest])
    chosen = chosen[np.lexsort((chosen, -np.nan_to_num(score[chosen])))]
    sizes_all = np.bincount(labels[assigned], minlength=int(labels.max(initial=-1) + 1))
    shown = unique_ints(labels[chosen])
    shown = shown[np.argsort(-sizes_all[shown], kind="stable")]
    position = np.full(sizes_all.size, -1, dtype=np.int64)
    position[shown] = np.arange(shown.size)
    edges = undirected_edges(view, check_kinds(kinds), True)
    ca, cb = labels[edges.a], labels[edges.b]
    inside = (ca >= 0) & (cb >= 0) & (position[np.maximum(ca, 0)] >= 0) & (position[np.maximum(cb, 0)] >= 0)
    between = np.zeros((shown.size, shown.size))
    np.add.at(between, (position[ca[inside]], position[cb[inside]]), edges.weight[inside])
    between = between + between.T
    xy = community_layout(position[labels[chosen]], np.nan_to_num(score[chosen]), between, random_state=random_state)
    at = np.full(n, -1, dtype=np.int64)
    at[chosen] = np.arange(chosen.size)
    drawn = (at[edges.a] >= 0) & (at[edges.b] >= 0)
    heaviest = np.flatnonzero(drawn)[np.argsort(-edges.weight[drawn], kind="stable")][:max_edges]
    return CommunityMap(
        account=chosen, community=labels[chosen], x=xy[:, 0], y=xy[:, 1], importance=score[chosen],
        leader=lead[chosen], broker=brok[chosen], communities=shown, sizes=sizes_all[shown], between=between,
        edge_a=at[edges.a[heaviest]], edge_b=at[edges.b[heaviest]], edge_weight=edges.weight[heaviest],
    )
