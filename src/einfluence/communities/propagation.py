"""Communities by label propagation, with a seeded tie-break that no partitioning can change.

Label propagation [1]_ starts with one label per linked account; at each step every account
takes the label that weighs most among its neighbours (the sum of the weights of its edges to
the neighbours holding it). Two choices make the result a function of the graph and the seed
only, so that a distributed run (:func:`einfluence.spark.communities.spark_label_propagation`,
which applies :func:`propagation_step` to blocks of accounts) gives *the same labels* as this
one whatever the blocks:

* ties: an account keeps its label when it is among the heaviest; otherwise it takes, among
  the heaviest, the label of smallest ``hash(seed, account, label)`` (a SplitMix64 mix [3]_),
  a uniform random choice as in [1]_ that needs no shared random stream;
* order: fully synchronous updates can oscillate forever (two linked accounts swapping their
  labels). At step ``t`` only the accounts with ``hash(seed, t, account)`` even move, about
  half of them, drawn afresh every step: a seeded semi-synchronous schedule in the spirit of
  [2]_, which breaks the oscillations while each step stays one parallel pass.

The propagation stops when no account wants another label (every account holds one of the
heaviest labels around it: the stopping rule of [1]_) or after ``max_iter`` steps.

References
----------
.. [1] U. N. Raghavan, R. Albert and S. Kumara, "Near linear time algorithm to detect community
   structures in large-scale networks", Physical Review E 76, 036106, 2007.
   https://doi.org/10.1103/PhysRevE.76.036106
.. [2] G. Cordasco and L. Gargano, "Community detection via semi-synchronous label propagation
   algorithms", Proc. IEEE BASNA 2010. https://doi.org/10.1109/BASNA.2010.5730298
.. [3] G. L. Steele, D. Lea and C. H. Flood, "Fast splittable pseudorandom number generators",
   Proc. OOPSLA 2014, pp. 453-472. https://doi.org/10.1145/2660193.2660195
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable

import numpy as np

from einfluence.base.random import check_random_state
from einfluence.base.validation import check_scalar
from einfluence.communities.leiden import CommunityPartition, _modularity, _relabel
from einfluence.graph.selection import check_kinds, check_view
from einfluence.graph.undirected import UndirectedEdges, undirected_edges
from einfluence.graph.view import GraphView

__all__ = ["finish_partition", "label_propagation", "propagation_step", "symmetric_rows"]

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)


def _mix(x: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser of ``x + golden`` (uint64 arrays, wrapping arithmetic)."""
    z = x + _GOLDEN
    z = (z ^ (z >> np.uint64(30))) * _M1
    z = (z ^ (z >> np.uint64(27))) * _M2
    return z ^ (z >> np.uint64(31))


def _hash(seed: int, a: np.ndarray | int, b: np.ndarray | int) -> np.ndarray:
    """A 64-bit hash of ``(seed, a, b)``, element-wise (int64 inputs reinterpreted as uint64)."""
    with np.errstate(over="ignore"):
        first = _mix(np.asarray([seed], dtype=np.int64).view(np.uint64))
        a = np.atleast_1d(np.asarray(a, dtype=np.int64)).view(np.uint64)
        b = np.atleast_1d(np.asarray(b, dtype=np.int64)).view(np.uint64)
        return _mix(_mix(first ^ a) ^ b)


def symmetric_rows(edges: UndirectedEdges, lo: int = 0, hi: int | None = None) -> tuple[np.ndarray, np.ndarray,
                                                                                        np.ndarray]:
    """The rows ``[lo, hi)`` of the symmetric adjacency of ``edges`` as CSR arrays.

    Each row lists its neighbours in increasing order (a row does not depend on the others).
    """
    hi = edges.n_nodes if hi is None else hi
    node = np.concatenate([edges.a, edges.b])
    nbr = np.concatenate([edges.b, edges.a])
    weight = np.concatenate([edges.weight, edges.weight])
    keep = (node >= lo) & (node < hi)
    node, nbr, weight = node[keep], nbr[keep], weight[keep]
    order = np.lexsort((nbr, node))
    indptr = np.zeros(hi - lo + 1, dtype=np.int64)
    np.cumsum(np.bincount(node - lo, minlength=hi - lo), out=indptr[1:])
    return indptr, nbr[order].astype(np.int64), weight[order].astype(np.float64)


def propagation_step(
    indptr: np.ndarray,
    indices: np.ndarray,
    data: np.ndarray,
    lo: int,
    labels: np.ndarray,
    seed: int,
    step: int,
) -> tuple[np.ndarray, int]:
    """One step of label propagation for the accounts ``lo .. lo + len(indptr) - 2``.

    Parameters
    ----------
    indptr, indices, data : numpy.ndarray
        Their rows of the symmetric weighted adjacency (:func:`symmetric_rows`), neighbours in
        increasing order.
    lo : int
        The first account of the rows.
    labels : numpy.ndarray of int64
        Every account's label (``-1``: not linked).
    seed, step : int
        The tie-break and schedule hashes' seed, and the step number (0, 1, ...).

    Returns
    -------
    new : numpy.ndarray of int64
        The rows' labels after the step.
    n_unsettled : int
        Rows whose label is not among the heaviest around them (before the step); 0 means
        the propagation has converged.

    Notes
    -----
    O(d log d) for the ``d`` entries of the rows. The weight of a label around an account is
    summed over its neighbours in increasing order, so it depends on that row only.
    """
    n_rows = indptr.size - 1
    own = labels[lo:lo + n_rows].copy()
    if indices.size == 0:
        return own, 0
    row = np.repeat(np.arange(n_rows, dtype=np.int64), np.diff(indptr))
    label = labels[indices]
    # group the entries by (row, label), each group keeping the rows' order (increasing neighbour)
    order = np.lexsort((label, row))
    row_s, label_s = row[order], label[order]
    start = np.flatnonzero(np.r_[True, (row_s[1:] != row_s[:-1]) | (label_s[1:] != label_s[:-1])])
    g_row, g_label = row_s[start], label_s[start]
    g_weight = np.add.reduceat(data[order], start)
    best = np.full(n_rows, -np.inf)
    np.maximum.at(best, g_row, g_weight)
    top = g_weight == best[g_row]
    t_row, t_label = g_row[top], g_label[top]
    holds = np.zeros(n_rows, dtype=bool)
    holds[t_row[t_label == own[t_row]]] = True
    linked = np.diff(indptr) > 0
    unsettled = linked & ~holds
    # among the heaviest labels, the smallest hash(seed, account, label); ties of hashes by label
    key = _hash(seed, t_row + lo, t_label)
    pick = np.lexsort((t_label, key, t_row))
    first = np.r_[True, t_row[pick][1:] != t_row[pick][:-1]]
    chosen = np.full(n_rows, -1, dtype=np.int64)
    chosen[t_row[pick][first]] = t_label[pick][first]
    rows = np.arange(n_rows, dtype=np.int64)
    moves = unsettled & ((_hash(seed, step, rows + lo) & np.uint64(1)) == 0)
    own[moves] = chosen[moves]
    return own, int(unsettled.sum())


def _seed(random_state: int | np.random.Generator | None) -> int:
    return int(check_random_state(random_state).integers(0, 2**31 - 1))


def label_propagation(
    view: GraphView,
    *,
    kinds: str | Iterable[str] | None = None,
    weighted: bool = True,
    max_iter: int = 100,
    random_state: int | np.random.Generator | None = None,
) -> CommunityPartition:
    """Communities by label propagation [1]_ on the undirected weighted community graph.

    The local twin of :func:`einfluence.spark.communities.spark_label_propagation`: the same
    steps (:func:`propagation_step`) on all accounts at once, hence the same labels.

    Parameters
    ----------
    view : GraphView
    kinds, weighted
        As in :func:`~einfluence.communities.community_graph`.
    max_iter : int
        Steps at most.
    random_state : None, int or numpy.random.Generator
        One integer seed is drawn from it (as :func:`~einfluence.communities.leiden_communities`
        does) for the tie-break and schedule hashes.

    Returns
    -------
    CommunityPartition
        Labels ``0`` (largest) upwards, ``-1`` for unlinked accounts; its modularity as
        :func:`~einfluence.communities.leiden_communities` computes it; ``params`` with
        ``method="label_propagation"``, ``n_iter`` (steps done) and ``converged``.

    Raises
    ------
    GraphTypeError, ParameterError
        On a bad view, kind or parameter.

    Examples
    --------
    Two triangles joined by one interaction, and an account that never interacts:

    >>> from einfluence.base.arrays import InteractionArrays
    >>> view = GraphView.from_arrays(InteractionArrays(
    ...     src=np.array([0, 0, 1, 2, 3, 3, 4]), dst=np.array([1, 2, 2, 3, 4, 5, 5]),
    ...     time=np.zeros(7), weight=np.ones(7), kind=np.zeros(7, np.int8),
    ...     post=np.full(7, -1), n_accounts=7))
    >>> part = label_propagation(view, random_state=0)
    >>> part.membership.tolist(), round(part.modularity, 4)
    ([0, 0, 0, 1, 1, 1, -1], 0.3571)

    Notes
    -----
    Each step is O(m log m) NumPy work on the ``m`` linked pairs; on sparse graphs with
    community structure the propagation settles in tens of steps [1]_. Label propagation
    optimises no quality function: its modularity is usually a little below Leiden's.

    References
    ----------
    .. [1] U. N. Raghavan, R. Albert and S. Kumara, "Near linear time algorithm to detect
       community structures in large-scale networks", Physical Review E 76, 036106, 2007.
       https://doi.org/10.1103/PhysRevE.76.036106
    """
    view = check_view(view)
    kinds = check_kinds(kinds)
    check_scalar(max_iter, "max_iter", numbers.Integral, min_val=1)
    seed = _seed(random_state)
    edges = undirected_edges(view, kinds, bool(weighted))
    indptr, indices, data = symmetric_rows(edges)
    linked = np.diff(indptr) > 0
    labels = np.where(linked, np.arange(edges.n_nodes, dtype=np.int64), -1)
    n_iter, converged = 0, False
    for step in range(int(max_iter)):
        new, unsettled = propagation_step(indptr, indices, data, 0, labels, seed, step)
        if unsettled == 0:
            converged = True
            break
        labels, n_iter = new, step + 1
    return finish_partition(edges, labels, {
        "method": "label_propagation", "kinds": kinds, "weighted": bool(weighted), "max_iter": int(max_iter),
        "random_state": int(random_state) if isinstance(random_state, numbers.Integral) else None,
        "seed": seed, "n_iter": n_iter, "converged": converged,
    })


def finish_partition(edges: UndirectedEdges, labels: np.ndarray, params: dict) -> CommunityPartition:
    """The :class:`CommunityPartition` of propagated labels: relabelled by size, with its modularity."""
    linked = edges.degree() > 0
    membership = _relabel(np.asarray(labels, dtype=np.int64), linked, 1)
    sizes = np.bincount(membership[membership >= 0]).astype(np.int64)
    return CommunityPartition(membership=membership, modularity=_modularity(edges, membership), sizes=sizes,
                              n_communities=int(sizes.size), params=params)
