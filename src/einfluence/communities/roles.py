"""Roles of accounts in their communities: who leads inside, who bridges between them.

*Leaders* dominate the internal influence of their community: many distinct members of the
same community react to them. *Brokers* spread their ties over several communities: their
participation coefficient [1]_ is high, and they sit on the structural holes between groups
[2]_ through which information crosses from one community to another.

References
----------
.. [1] R. Guimerà and L. A. N. Amaral, "Functional cartography of complex metabolic
   networks", Nature 433, 895-900, 2005. https://doi.org/10.1038/nature03288
.. [2] R. S. Burt, "Structural holes and good ideas", American Journal of Sociology 110(2),
   349-399, 2004. https://doi.org/10.1086/421787
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from einfluence.base.validation import check_scalar
from einfluence.exceptions import ParameterError
from einfluence.graph import _kernels as graph_kernels
from einfluence.graph.selection import check_kinds, check_view, edge_mask
from einfluence.graph.undirected import undirected_edges
from einfluence.graph.view import GraphView

__all__ = [
    "LEADER_KINDS",
    "Brokerage",
    "brokers",
    "community_leaders",
    "community_summary",
    "internal_reach",
    "leader_kinds",
]

#: Interaction kinds that count as reactions of a member to another (follows excluded: a
#: follow is a standing subscription, not a reaction to what the account says).
LEADER_KINDS: tuple[str, ...] = ("relay", "reply", "quote", "mention", "like")
#: What counts instead when a graph has none of them: links, then standing ties of attention.
FALLBACK_LEADER_KINDS: tuple[str, ...] = ("hyperlink", "follow", "subscription")


def leader_kinds(view: GraphView) -> tuple[str, ...]:
    """The interaction kinds that show a member's pull on its community, in the graph at hand.

    Reactions (:data:`LEADER_KINDS`) when the graph has any; otherwise the kinds of
    :data:`FALLBACK_LEADER_KINDS` it has (a blog graph has only links, a benchmark graph only
    follows), so that leaders exist wherever the graph can show them.

    Examples
    --------
    >>> from einfluence.base import InteractionArrays
    >>> view = GraphView.from_arrays(InteractionArrays(
    ...     src=np.array([0, 1]), dst=np.array([1, 2]), time=np.zeros(2, np.int64), weight=np.ones(2),
    ...     kind=np.array([6, 6], np.int8), post=np.full(2, -1), n_accounts=3))
    >>> leader_kinds(view)
    ('hyperlink',)
    """
    view = check_view(view)
    if edge_mask(view, LEADER_KINDS).any():
        return LEADER_KINDS
    present = tuple(k for k in FALLBACK_LEADER_KINDS if edge_mask(view, (k,)).any())
    return present or LEADER_KINDS


def _check_membership(membership: object, n_nodes: int) -> np.ndarray:
    labels = np.asarray(membership)
    if labels.shape != (n_nodes,):
        raise ParameterError(f"membership must have shape ({n_nodes},), got {labels.shape}")
    if labels.size and labels.dtype.kind not in "iu":
        raise ParameterError(f"membership must hold integer labels, got {labels.dtype}")
    return labels.astype(np.int64, copy=False)


def internal_reach(
    view: GraphView,
    membership: np.ndarray,
    *,
    kinds: str | Iterable[str] = LEADER_KINDS,
) -> np.ndarray:
    """Distinct members of an account's own community that react to it.

    A reaction is an interaction ``v -> u`` of the given kinds with
    ``membership[v] == membership[u] >= 0``; each reactor counts once however often it reacts.

    Parameters
    ----------
    view : GraphView
    membership : array-like of int, shape (view.n_nodes,)
        Community per account, ``-1`` for none (such accounts get 0 and count for nobody).
    kinds : str or iterable of str
        Interaction kinds that count as reactions.

    Returns
    -------
    numpy.ndarray of int64, shape (view.n_nodes,)

    Raises
    ------
    GraphTypeError
        If ``view`` is not a GraphView.
    ParameterError
        On an unknown kind or a badly shaped membership.

    Examples
    --------
    >>> from einfluence.base import InteractionArrays
    >>> view = GraphView.from_arrays(InteractionArrays(
    ...     src=np.array([1, 1, 2, 3]), dst=np.array([0, 0, 0, 0]), time=np.arange(4),
    ...     weight=np.ones(4), kind=np.zeros(4, np.int8), post=np.full(4, -1), n_accounts=4))
    >>> internal_reach(view, np.array([0, 0, 0, 1])).tolist()  # 3 is in another community
    [2, 0, 0, 0]

    Notes
    -----
    Self-interactions are ignored. O(n + m) (one pass of a compiled kernel).
    """
    view = check_view(view)
    labels = _check_membership(membership, view.n_nodes)
    mask = edge_mask(view, check_kinds(kinds))
    own = labels[view.sources()]
    mask &= (own >= 0) & (own == labels[view.indices])
    _, dst, _, _ = graph_kernels.distinct_pairs(view.indptr, view.indices, view.weight, mask)
    return np.bincount(dst, minlength=view.n_nodes).astype(np.int64)


def community_leaders(
    view: GraphView,
    membership: np.ndarray,
    *,
    score: np.ndarray | None = None,
    k: int = 10,
    kinds: str | Iterable[str] = LEADER_KINDS,
) -> dict[int, np.ndarray]:
    """The accounts that dominate the internal influence of each community.

    Members are ranked by :func:`internal_reach` (distinct members of their community who
    react to them), ties broken by ``score`` (higher first), then by account id.

    Parameters
    ----------
    view : GraphView
    membership : array-like of int, shape (view.n_nodes,)
        Community per account (``0..C-1``), ``-1`` for none.
    score : numpy.ndarray, optional
        A per-account score (the einfluence score, say) that breaks ties.
    k : int
        Leaders kept per community at most.
    kinds : str or iterable of str
        Interaction kinds that count as reactions.

    Returns
    -------
    dict of int to numpy.ndarray of int64
        For every community label present in ``membership`` (``-1`` excluded), its leaders,
        strongest first; only members with at least one internal reactor qualify, so the
        array may be shorter than ``k``, or empty.

    Raises
    ------
    GraphTypeError
        If ``view`` is not a GraphView.
    ParameterError
        On an unknown kind, a badly shaped membership or score, or ``k < 1``.

    Examples
    --------
    >>> from einfluence.base import InteractionArrays
    >>> view = GraphView.from_arrays(InteractionArrays(
    ...     src=np.array([1, 2, 0, 4, 5]), dst=np.array([0, 0, 1, 3, 3]), time=np.arange(5),
    ...     weight=np.ones(5), kind=np.zeros(5, np.int8), post=np.full(5, -1), n_accounts=6))
    >>> leaders = community_leaders(view, np.array([0, 0, 0, 1, 1, 1]), k=2)
    >>> {c: ids.tolist() for c, ids in leaders.items()}
    {0: [0, 1], 1: [3]}

    Notes
    -----
    O(n log n + m).
    """
    view = check_view(view)
    labels = _check_membership(membership, view.n_nodes)
    check_scalar(k, "k", numbers.Integral, min_val=1)
    if score is None:
        tie = np.zeros(view.n_nodes)
    else:
        tie = np.asarray(score, dtype=np.float64)
        if tie.shape != (view.n_nodes,):
            raise ParameterError(f"score must have shape ({view.n_nodes},), got {tie.shape}")
        tie = np.nan_to_num(tie, nan=-np.inf)
    reach = internal_reach(view, labels, kinds=kinds)
    ids = np.arange(view.n_nodes)
    order = np.lexsort((ids, -tie, -reach, labels))
    ordered = labels[order]
    communities, start = np.unique(ordered, return_index=True)
    stop = np.append(start[1:], ordered.size)
    leaders: dict[int, np.ndarray] = {}
    for c, a, b in zip(communities.tolist(), start.tolist(), stop.tolist(), strict=True):
        if c < 0:
            continue
        top = order[a : min(b, a + int(k))]
        leaders[c] = top[reach[top] > 0].astype(np.int64)
    return leaders


@dataclass(frozen=True, eq=False)
class Brokerage:
    """How much each account bridges communities (see :func:`brokers`).

    Attributes
    ----------
    participation : numpy.ndarray of float64, shape (n_nodes,)
        Participation coefficient ``P_i = 1 - sum_s (k_is / k_i)**2`` over the weighted degree
        ``k_is`` towards each community ``s``; 0 when all ties stay in one community (or the
        account has none).
    degree : numpy.ndarray of float64, shape (n_nodes,)
        Weighted degree ``k_i`` towards assigned accounts.
    between_weight : numpy.ndarray of float64, shape (n_nodes,)
        Weight of the ties to other communities than the account's own.
    n_other_communities : numpy.ndarray of int64, shape (n_nodes,)
        Distinct other communities the account has ties to.
    score : numpy.ndarray of float64, shape (n_nodes,)
        Brokerage ``P_i * log(1 + b_i)``, with ``b_i`` the :attr:`between_weight`.
    top : numpy.ndarray of int64
        The ``k`` accounts of highest ``score`` (positive scores only), strongest first.
    """

    participation: np.ndarray
    degree: np.ndarray
    between_weight: np.ndarray
    n_other_communities: np.ndarray
    score: np.ndarray
    top: np.ndarray


def brokers(
    view: GraphView,
    membership: np.ndarray,
    *,
    kinds: str | Iterable[str] | None = None,
    weighted: bool = True,
    k: int = 20,
) -> Brokerage:
    """Accounts that bridge communities: participation coefficient and brokerage ranking.

    Ties are those of the undirected weighted graph of
    :func:`~einfluence.communities.community_graph` (all kinds by default). For each account
    ``i`` with weighted degree ``k_i`` and weight ``k_is`` towards community ``s``, the
    participation coefficient of Guimerà and Amaral [1]_ is ``P_i = 1 - sum_s (k_is/k_i)**2``:
    0 when all ties stay in one community, close to 1 when they are spread evenly over many.
    The brokerage score ``P_i * log(1 + b_i)``, where ``b_i`` is the weight of the ties to
    other communities than ``i``'s own, needs both: ties spread over communities (a member of
    a large group with one stray tie outside has a small ``P_i``) and many ties across (among
    equally spread accounts, the one with more bridging ties comes first).

    Parameters
    ----------
    view : GraphView
    membership : array-like of int, shape (view.n_nodes,)
        Community per account, ``-1`` for none. Ties to ``-1`` accounts belong to no
        community and are left out of every figure; ``-1`` accounts themselves get figures
        (their "own" community is none, so all their ties are between-community ties).
    kinds, weighted
        As in :func:`~einfluence.communities.community_graph`.
    k : int
        Length of the ranking :attr:`Brokerage.top`.

    Returns
    -------
    Brokerage

    Raises
    ------
    GraphTypeError
        If ``view`` is not a GraphView.
    ParameterError
        On an unknown kind, a badly shaped membership or ``k < 1``.

    Examples
    --------
    Two triangles ``{0, 1, 2}`` and ``{4, 5, 6}``; account 3 is tied to 2 and to 4:

    >>> from einfluence.base import InteractionArrays
    >>> src, dst = np.array([0, 0, 1, 2, 3, 4, 4, 5]), np.array([1, 2, 2, 3, 4, 5, 6, 6])
    >>> view = GraphView.from_arrays(InteractionArrays(
    ...     src=src, dst=dst, time=np.zeros(8), weight=np.ones(8), kind=np.zeros(8, np.int8),
    ...     post=np.full(8, -1), n_accounts=7))
    >>> b = brokers(view, np.array([0, 0, 0, 0, 1, 1, 1]), k=3)
    >>> b.participation.round(3).tolist()
    [0.0, 0.0, 0.0, 0.5, 0.444, 0.0, 0.0]
    >>> b.top.tolist()  # 4 has as many ties across as 3, but spreads them less evenly
    [3, 4]
    >>> b.n_other_communities.tolist()
    [0, 0, 0, 1, 1, 0, 0]

    Notes
    -----
    Vectorised: one sparse account-by-community matrix of tie weights (a coordinate matrix
    summed by scipy), O(m log m) with the symmetrisation.

    References
    ----------
    .. [1] R. Guimerà and L. A. N. Amaral, "Functional cartography of complex metabolic
       networks", Nature 433, 895-900, 2005. https://doi.org/10.1038/nature03288
    """
    view = check_view(view)
    labels = _check_membership(membership, view.n_nodes)
    check_scalar(k, "k", numbers.Integral, min_val=1)
    n = view.n_nodes
    edges = undirected_edges(view, check_kinds(kinds), bool(weighted))
    node = np.concatenate([edges.a, edges.b])
    other = np.concatenate([edges.b, edges.a])
    w = np.concatenate([edges.weight, edges.weight])
    target = labels[other]
    keep = target >= 0
    n_comm = int(labels.max()) + 1 if labels.size and labels.max() >= 0 else 0
    by_comm = sp.coo_array(
        (w[keep], (node[keep], target[keep])), shape=(n, max(n_comm, 1))
    ).tocsr()
    by_comm.sum_duplicates()
    rows = np.repeat(np.arange(n), np.diff(by_comm.indptr))
    degree = np.bincount(rows, weights=by_comm.data, minlength=n)
    squares = np.bincount(rows, weights=by_comm.data**2, minlength=n)
    participation = np.zeros(n)
    has = degree > 0
    participation[has] = 1.0 - squares[has] / degree[has] ** 2
    participation = np.clip(participation, 0.0, 1.0)
    own = by_comm.indices == labels[rows]
    within = np.bincount(rows[own], weights=by_comm.data[own], minlength=n)
    n_other = np.bincount(rows[~own & (by_comm.data > 0)], minlength=n).astype(np.int64)
    between = degree - within
    score = participation * np.log1p(between)
    order = np.lexsort((np.arange(n), -score))
    top = order[: int(k)]
    top = top[score[top] > 0].astype(np.int64)
    return Brokerage(
        participation=participation,
        degree=degree,
        between_weight=between,
        n_other_communities=n_other,
        score=score,
        top=top,
    )


def community_summary(
    membership: np.ndarray,
    *,
    topic_profiles: np.ndarray | sp.sparray | None = None,
    topic_names: Sequence[str] | None = None,
    n_topics: int = 3,
) -> list[dict[str, Any]]:
    """Size and dominant topics of each community.

    Parameters
    ----------
    membership : array-like of int, shape (n_accounts,)
        Community per account (``0..C-1``), ``-1`` for none (left out).
    topic_profiles : array-like or scipy sparse matrix, shape (n_accounts, K), optional
        Non-negative topic weights per account (posts per topic, topic-model loadings...). A
        community's topic profile is the sum of its members' rows, normalised to sum 1.
    topic_names : sequence of str, optional
        Names of the ``K`` topics; ``"topic <j>"`` when None.
    n_topics : int
        Dominant topics listed per community.

    Returns
    -------
    list of dict
        One dict per community, in label order: ``community`` (int), ``size`` (members),
        ``share`` (of the assigned accounts) and, with ``topic_profiles``, ``topics``: up to
        ``n_topics`` ``(name, share)`` pairs, largest share first, zero shares left out.

    Raises
    ------
    ParameterError
        On shapes that do not match, negative or non-finite profiles, or ``n_topics < 1``.

    Examples
    --------
    >>> profiles = np.array([[3, 1], [2, 0], [0, 1], [0, 4], [1, 1]])
    >>> rows = community_summary(np.array([0, 0, 1, 1, -1]), topic_profiles=profiles,
    ...                          topic_names=["bikes", "food"], n_topics=1)
    >>> [(r["community"], r["size"], r["topics"]) for r in rows]
    [(0, 2, [('bikes', 0.8333333333333334)]), (1, 2, [('food', 1.0)])]

    Notes
    -----
    O(n + nnz(topic_profiles)).
    """
    labels = np.asarray(membership)
    if labels.ndim != 1 or (labels.size and labels.dtype.kind not in "iu"):
        raise ParameterError("membership must be a one-dimensional array of integer labels")
    labels = labels.astype(np.int64, copy=False)
    check_scalar(n_topics, "n_topics", numbers.Integral, min_val=1)
    assigned = labels >= 0
    sizes = np.bincount(labels[assigned]) if assigned.any() else np.zeros(0, np.int64)
    n_assigned = int(assigned.sum())
    rows: list[dict[str, Any]] = [
        {"community": c, "size": int(s), "share": float(s) / n_assigned}
        for c, s in enumerate(sizes.tolist())
    ]
    if topic_profiles is None:
        return rows
    profiles = sp.csr_array(topic_profiles, dtype=np.float64)
    if profiles.shape[0] != labels.size:
        raise ParameterError(
            f"topic_profiles must have {labels.size} rows (one per account), got {profiles.shape[0]}"
        )
    if not np.isfinite(profiles.data).all() or (profiles.data < 0).any():
        raise ParameterError("topic_profiles must be finite and non-negative")
    n_cols = profiles.shape[1]
    names = [f"topic {j}" for j in range(n_cols)] if topic_names is None else list(topic_names)
    if len(names) != n_cols:
        raise ParameterError(f"topic_names must hold {n_cols} names, got {len(names)}")
    indicator = sp.csr_array(
        (np.ones(n_assigned), (labels[assigned], np.flatnonzero(assigned))),
        shape=(sizes.size, labels.size),
    )
    totals = np.asarray((indicator @ profiles).todense()).reshape(sizes.size, n_cols)
    sums = totals.sum(axis=1, keepdims=True)
    shares = np.divide(totals, sums, out=np.zeros_like(totals), where=sums > 0)
    for c, row in enumerate(rows):
        order = np.argsort(-shares[c], kind="stable")[: int(n_topics)]
        row["topics"] = [(names[j], float(shares[c, j])) for j in order if shares[c, j] > 0]
    return rows
