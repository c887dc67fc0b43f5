"""Greedy seed selection with a spread oracle: CELF with Monte-Carlo, and exact on tiny graphs.

The greedy algorithm of Kempe, Kleinberg and Tardos [1]_ adds, ``k`` times, the account of
largest marginal spread; since the spread is monotone and submodular under IC and LT, it reaches
``(1 - 1/e)`` of the optimum with an exact oracle. CELF [2]_ evaluates lazily: a stale marginal
gain is an upper bound of the current one, so a candidate whose refreshed gain still tops the
heap is taken without evaluating the others. With a Monte-Carlo oracle it is practical on small
graphs only; :func:`einfluence.targeting.imm` is the scalable choice.

:func:`exact_spread` enumerates the live-edge worlds of the model [1]_ (``2^m`` for IC,
``Π (d_in(v) + 1)`` for LT), which is exact and fast for a dozen arcs: the oracle of the tests.

References
----------
.. [1] D. Kempe, J. Kleinberg and É. Tardos, "Maximizing the spread of influence through a
   social network", Proc. KDD 2003, pp. 137-146. https://doi.org/10.1145/956750.956769
.. [2] J. Leskovec, A. Krause, C. Guestrin, C. Faloutsos, J. VanBriesen and N. Glance,
   "Cost-effective outbreak detection in networks", Proc. KDD 2007, pp. 420-429.
   https://doi.org/10.1145/1281192.1281239
"""

from __future__ import annotations

import heapq
import numbers
import time
from collections.abc import Callable, Iterable

import numpy as np

from einfluence.base.random import base_seed
from einfluence.base.threads import in_parts
from einfluence.base.validation import check_scalar
from einfluence.exceptions import ParameterError
from einfluence.graph.diffusion import DiffusionGraph
from einfluence.targeting._common import (
    InGraph,
    check_graph,
    check_k,
    check_model,
    check_nodes,
    n_threads,
    target_weights,
)
from einfluence.targeting._kernels.montecarlo import mc_spread_range_ic, mc_spread_range_lt
from einfluence.targeting.imm import SeedSet

__all__ = ["celf", "exact_spread", "greedy_exact"]

#: largest number of live-edge worlds :func:`exact_spread` enumerates
MAX_WORLDS = 2**16
#: largest number of nodes :func:`exact_spread` handles (reach sets are bit masks)
MAX_EXACT_NODES = 16
#: below this many Monte-Carlo simulations per oracle call, one thread runs them all
_MIN_PARALLEL_SIMULATIONS = 64


def _mc_spread(
    g: DiffusionGraph,
    seeds: np.ndarray,
    model: str,
    n_simulations: int,
    seed: int,
    weights: np.ndarray | None = None,
) -> np.ndarray:
    """Spread of each of ``n_simulations`` Monte-Carlo diffusions (simulation ``i`` uses the
    random stream ``(seed, i)``: the same draws for every seed set, common random numbers)."""
    kernel = mc_spread_range_ic if model == "ic" else mc_spread_range_lt
    w = np.empty(0) if weights is None else weights
    indices, seeds, base = g.indices.astype(np.int64), seeds.astype(np.int64), np.uint64(seed)
    out = np.empty(int(n_simulations), np.float64)
    in_parts(out.size, n_threads(), lambda lo, hi, _: kernel(g.indptr, indices, g.prob, seeds, w, base, lo, hi, out),
             min_items=_MIN_PARALLEL_SIMULATIONS)
    return out


class _Worlds:
    """Reach bit masks of every live-edge world of a tiny graph, with their probabilities."""

    def __init__(self, g: DiffusionGraph, model: str, weights: np.ndarray | None) -> None:
        n = g.n_nodes
        if n > MAX_EXACT_NODES:
            raise ParameterError(f"exact spreads need at most {MAX_EXACT_NODES} nodes, got {n}")
        src, dst, p = g.sources(), g.indices.astype(np.int64), g.prob
        if model == "ic":
            m = src.size
            if 2**m > MAX_WORLDS:
                raise ParameterError(f"exact IC spreads enumerate 2^m worlds; m={m} arcs is too many")
            live = ((np.arange(2**m)[:, None] >> np.arange(m)) & 1).astype(bool)
            self.prob = np.where(live, p, 1.0 - p).prod(axis=1)
        else:
            InGraph(g, "lt")  # checks the in-weight sums
            in_deg = np.bincount(dst, minlength=n)
            radix = in_deg + 1
            n_worlds = int(np.prod(radix.astype(float)))
            if n_worlds > MAX_WORLDS:
                raise ParameterError(f"exact LT spreads would enumerate {n_worlds} worlds, too many")
            stride = np.concatenate(([1], np.cumprod(radix)[:-1])).astype(np.int64)
            choice = (np.arange(n_worlds)[:, None] // stride) % radix  # (worlds, n)
            # rank of each arc among the in-arcs of its head
            order = np.argsort(dst, kind="stable")
            rank = np.empty(src.size, np.int64)
            starts = np.concatenate(([0], np.cumsum(in_deg)[:-1]))
            rank[order] = np.arange(src.size) - np.repeat(starts, in_deg)
            live = choice[:, dst] == rank  # (worlds, m)
            none_p = 1.0 - np.bincount(dst, weights=p, minlength=n)
            self.prob = np.where(choice == in_deg, np.maximum(none_p, 0.0), 1.0).prod(axis=1)
            self.prob *= np.where(live, p, 1.0).prod(axis=1)
        bit = np.left_shift(1, np.arange(n, dtype=np.int64))
        reach = np.broadcast_to(bit, (self.prob.size, n)).copy()
        for e in range(src.size):  # at most log2(MAX_WORLDS) arcs: vectorised over worlds
            reach[:, src[e]] |= np.where(live[:, e], bit[dst[e]], 0)
        for mid in range(n):  # Warshall's transitive closure
            has = (reach >> mid) & 1
            reach |= has * reach[:, mid : mid + 1]
        self.reach = reach
        masks = np.arange(2**n, dtype=np.int64)
        w = np.ones(n) if weights is None else weights
        self.value = (((masks[:, None] >> np.arange(n)) & 1) * w).sum(axis=1)

    def spread(self, seeds: np.ndarray) -> float:
        if seeds.size == 0:
            return 0.0
        union = np.bitwise_or.reduce(self.reach[:, seeds], axis=1)
        return float(self.prob @ self.value[union])


def exact_spread(
    g: DiffusionGraph,
    seeds: Iterable[int] | np.ndarray,
    *,
    model: str = "ic",
    target: Iterable[int] | np.ndarray | None = None,
) -> float:
    """Exact expected spread of a seed set on a tiny graph, by enumerating live-edge worlds.

    Parameters
    ----------
    g : DiffusionGraph
        At most 16 nodes, and at most 2^16 live-edge worlds (16 arcs under IC).
    seeds : iterable of int
    model : {"ic", "lt"}
    target : array-like, optional
        Count only (or weigh) these accounts, as in :func:`einfluence.targeting.imm`.

    Returns
    -------
    float
        The expected number (or weight) of accounts activated, seeds included.

    Raises
    ------
    ParameterError
        When the graph is too large to enumerate.

    Examples
    --------
    >>> g = DiffusionGraph.from_arcs([0, 1], [1, 2], 0.5, n_nodes=3)
    >>> exact_spread(g, [0])  # 1 + 1/2 + 1/4
    1.75
    >>> exact_spread(g, [0], model="lt")  # a path: the same under LT
    1.75

    Notes
    -----
    ``O(W (m + n²))`` to build, ``W`` the number of worlds, then ``O(W |S|)`` per seed set.
    """
    g = check_graph(g)
    model = check_model(model)
    s = check_nodes(seeds, g.n_nodes, "seeds")
    return _Worlds(g, model, target_weights(target, g.n_nodes)).spread(s)


def _greedy(spread: Callable[[np.ndarray], float], n: int, k: int) -> tuple[list[int], list[float]]:
    """CELF lazy greedy: seeds and marginal gains."""
    empty = spread(np.empty(0, np.int64))
    heap = [(-(spread(np.array([v])) - empty), v, 0) for v in range(n)]
    heapq.heapify(heap)
    seeds: list[int] = []
    gains: list[float] = []
    current = empty
    while len(seeds) < k and heap:
        neg, v, stamp = heapq.heappop(heap)
        if stamp == len(seeds):
            seeds.append(v)
            gains.append(-neg)
            current += -neg
            continue
        gain = spread(np.array([*seeds, v])) - current
        heapq.heappush(heap, (-gain, v, len(seeds)))
    return seeds, gains


def greedy_exact(
    g: DiffusionGraph,
    k: int,
    *,
    model: str = "ic",
    target: Iterable[int] | np.ndarray | None = None,
) -> SeedSet:
    """Greedy seeds with the exact spread (tiny graphs): the reference of the property tests.

    Parameters
    ----------
    g : DiffusionGraph
        As in :func:`exact_spread`.
    k : int
    model : {"ic", "lt"}
    target : array-like, optional

    Returns
    -------
    SeedSet
        ``expected_spread`` is exact; at least ``(1 - 1/e)`` of the optimum [1]_.

    Examples
    --------
    >>> g = DiffusionGraph.from_arcs([0, 0, 3], [1, 2, 4], 1.0, n_nodes=5)
    >>> result = greedy_exact(g, 2)
    >>> result.seeds.tolist(), result.expected_spread
    ([0, 3], 5.0)

    References
    ----------
    .. [1] G. L. Nemhauser, L. A. Wolsey and M. L. Fisher, "An analysis of approximations for
       maximizing submodular set functions - I", Math. Programming 14, 1978, pp. 265-294.
       https://doi.org/10.1007/BF01588971
    """
    started = time.perf_counter()
    g = check_graph(g)
    model = check_model(model)
    k = check_k(k, g.n_nodes)
    worlds = _Worlds(g, model, target_weights(target, g.n_nodes))
    seeds, gains = _greedy(worlds.spread, g.n_nodes, k)
    return SeedSet(
        seeds=np.array(seeds, np.int64),
        marginal=np.array(gains),
        expected_spread=float(sum(gains)),
        method="greedy_exact",
        model=model,
        approximation=1.0 - 1.0 / np.e,
        seconds=time.perf_counter() - started,
    )


def celf(
    g: DiffusionGraph,
    k: int,
    *,
    model: str = "ic",
    n_simulations: int = 1000,
    spread_fn: Callable[[np.ndarray], float] | None = None,
    target: Iterable[int] | np.ndarray | None = None,
    random_state: int | np.random.Generator | None = None,
) -> SeedSet:
    """CELF lazy greedy with a Monte-Carlo (or any) spread oracle, for small graphs.

    Parameters
    ----------
    g : DiffusionGraph
    k : int
        Number of seeds.
    model : {"ic", "lt"}
    n_simulations : int
        Monte-Carlo diffusions per evaluation (ignored with ``spread_fn``). Every evaluation
        reuses the same random streams (common random numbers), so that comparisons between
        seed sets are not blurred by independent noise, and the estimated function stays
        monotone and submodular.
    spread_fn : callable, optional
        ``spread_fn(seeds) -> float`` for a seed array; replaces the simulations.
    target : array-like, optional
        Count only (or weigh) these accounts in the simulations.
    random_state : None, int or numpy.random.Generator

    Returns
    -------
    SeedSet
        ``expected_spread`` is the oracle's value of the seeds.

    Raises
    ------
    GraphTypeError, ParameterError
        On a bad graph, model, ``k`` or ``n_simulations``.

    Examples
    --------
    >>> g = DiffusionGraph.from_arcs([0, 0, 3], [1, 2, 4], 1.0, n_nodes=5)
    >>> celf(g, 2, n_simulations=10, random_state=0).seeds.tolist()
    [0, 3]

    Notes
    -----
    ``n`` oracle calls for the first seed, usually few for each next one (lazy evaluation).
    A Monte-Carlo call costs ``O(n_simulations · (n + m))``.

    References
    ----------
    .. [1] J. Leskovec, A. Krause, C. Guestrin, C. Faloutsos, J. VanBriesen and N. Glance,
       "Cost-effective outbreak detection in networks", Proc. KDD 2007, pp. 420-429.
       https://doi.org/10.1145/1281192.1281239
    """
    started = time.perf_counter()
    g = check_graph(g)
    model = check_model(model)
    k = check_k(k, g.n_nodes)
    weights = target_weights(target, g.n_nodes)
    seed = None
    if spread_fn is None:
        check_scalar(n_simulations, "n_simulations", numbers.Integral, min_val=1)
        if model == "lt":
            InGraph(g, "lt")  # checks the in-weight sums
        seed = base_seed(random_state)

        def spread_fn(seeds: np.ndarray) -> float:
            if seeds.size == 0:
                return 0.0
            return float(_mc_spread(g, seeds, model, int(n_simulations), seed, weights).mean())

    elif not callable(spread_fn):
        raise ParameterError("spread_fn must be callable")
    seeds, gains = _greedy(spread_fn, g.n_nodes, k)
    return SeedSet(
        seeds=np.array(seeds, np.int64),
        marginal=np.array(gains),
        expected_spread=float(sum(gains)),
        method="celf",
        model=model,
        seconds=time.perf_counter() - started,
        seed=seed,
    )
