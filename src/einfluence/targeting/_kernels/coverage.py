"""Greedy maximum coverage of RR sets: the inverted index, the lazy greedy, the budgeted greedy.

Choosing ``k`` seeds that meet the most RR sets is a maximum-coverage problem; the greedy
answer is within ``1 - 1/e`` of the best [1]_ and is IMM's selection step [2]_. The index maps
each node to the RR sets holding it (:func:`index_rr_sets`, in segments that IMM's rounds
append to); :func:`greedy_cover_inverted` keeps the candidates in a lazy max-heap, as CELF
does [3]_; :func:`budget_greedy` picks by gain per cost under a budget [4]_.

References
----------
.. [1] G. L. Nemhauser, L. A. Wolsey and M. L. Fisher, "An analysis of approximations for
   maximizing submodular set functions - I", Mathematical Programming 14, 1978, pp. 265-294.
   https://doi.org/10.1007/BF01588971
.. [2] Y. Tang, Y. Shi and X. Xiao, "Influence maximization in near-linear time: a martingale
   approach", Proc. SIGMOD 2015, pp. 1539-1554. https://doi.org/10.1145/2723372.2723734
.. [3] J. Leskovec, A. Krause, C. Guestrin, C. Faloutsos, J. VanBriesen and N. Glance,
   "Cost-effective outbreak detection in networks", Proc. KDD 2007, pp. 420-429.
   https://doi.org/10.1145/1281192.1281239
.. [4] S. Khuller, A. Moss and J. Naor, "The budgeted maximum coverage problem", Information
   Processing Letters 70, 1999, pp. 39-45. https://doi.org/10.1016/S0020-0190(99)00031-9
"""

from __future__ import annotations

import heapq

import numpy as np

from einfluence.base.jit import njit, read_only
from einfluence.targeting._kernels.transpose import chunk_edges, transpose

__all__ = [
    "budget_greedy",
    "coverage_of",
    "greedy_cover",
    "greedy_cover_inverted",
    "index_rr_sets",
    "inverted_index",
    "rr_arrays",
]


def rr_arrays(nodes: np.ndarray, offsets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """RR sets as every kernel of this module takes them: int32 nodes and int32 offsets (int64
    only past 2^31 entries), C-contiguous and read-only, so that each kernel compiles once.

    int32 offsets are those of the sampler's store, which widens them only when its entries
    pass 2^31: widening them here would copy 8 bytes per RR set at every round of IMM, next to
    about 4 per node of a set (+0.5 GB on a 10M-arc graph whose RR sets hold ~1 node). Offsets
    of int64 that fit (:class:`~einfluence.targeting.RRSets`, a few thousand sets) are narrowed
    instead; the nodes are never copied (a view when they already are int32).
    """
    wide = offsets.size > 0 and offsets[-1] >= 2**31
    return read_only(nodes, np.int32), read_only(offsets, np.int64 if wide else np.int32)


@njit(cache=True, nogil=True)
def scatter_sets(nodes, offsets, edges, c_lo, c_hi, slots, inv):
    """Pass 3 of :func:`index_rr_sets`: the RR sets of chunks ``c_lo .. c_hi - 1`` into their
    slots of the index rows of their nodes."""
    for c in range(c_lo, c_hi):
        fill = slots[c]
        for r in range(edges[c], edges[c + 1]):
            for t in range(offsets[r], offsets[r + 1]):
                v = nodes[t]
                inv[fill[v]] = r
                fill[v] += 1


def index_rr_sets(
    nodes: np.ndarray, offsets: np.ndarray, first: int, n: int, n_chunks: int
) -> tuple[np.ndarray, np.ndarray]:
    """The node -> RR sets index (CSR) of RR sets ``first ..``, by a counting sort in chunks.

    IMM's rounds only ever append RR sets: each round indexes its new sets alone, as one more
    *segment* of the index, and no earlier entry is copied again. The sets are cut into
    ``n_chunks`` consecutive runs, one thread each (:mod:`.transpose`): each row lists its RR
    sets in increasing order whatever the number of chunks.

    Parameters
    ----------
    nodes, offsets : arrays
        All the RR sets (flat nodes; ``offsets`` of size ``n_sets + 1``).
    first : int
        The first RR set to index.
    n : int
        Number of nodes.
    n_chunks : int

    Returns
    -------
    iptr : int64 array, shape (n + 1,)
    inv : int32 array
        Row ``v``, ``inv[iptr[v]:iptr[v + 1]]``, lists the RR sets (their global numbers) from
        ``first`` on that hold ``v``.
    """
    nodes, offsets = rr_arrays(nodes, offsets)
    edges = chunk_edges(first, offsets.size - 1 - first, max(1, int(n_chunks)))
    inv = np.empty(int(offsets[-1] - offsets[first]), np.int32)

    def scatter(slots: np.ndarray, c_lo: int, c_hi: int) -> None:
        scatter_sets(nodes, offsets, edges, c_lo, c_hi, slots, inv)

    return transpose(offsets, nodes, edges, n, scatter), inv


def inverted_index(
    nodes: np.ndarray, offsets: np.ndarray, n: int, n_chunks: int = 1
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Node -> RR sets index (CSR) of all the RR sets and the degree of each node.

    Returns
    -------
    deg : int64 array, shape (n,)
        Number of RR sets holding each node.
    iptr : int64 array, shape (n + 1,)
    inv : int32 array
        Row ``v``, ``inv[iptr[v]:iptr[v + 1]]``, lists the RR sets holding ``v``.
    """
    iptr, inv = index_rr_sets(nodes, offsets, 0, n, n_chunks)
    return np.diff(iptr), iptr, inv


#: a heap key packs a node's count (high bits) and ``_ID_MASK - node`` (low 32 bits): the
#: largest key is the largest count, ties to the lowest id
_ID_BITS = np.int64(32)
_ID_MASK = np.int64((1 << 32) - 1)


@njit(cache=True)
def _sift_down(heap, i, size):
    key = heap[i]
    while True:
        child = 2 * i + 1
        if child >= size:
            break
        if child + 1 < size and heap[child + 1] > heap[child]:
            child += 1
        if heap[child] <= key:
            break
        heap[i] = heap[child]
        i = child
    heap[i] = key


@njit(cache=True)
def _greedy_cover_inverted(nodes, offsets, deg, iptrs, inv, k, forced, allowed):
    """See :func:`greedy_cover_inverted`."""
    n = deg.size
    n_sets = offsets.size - 1
    score = deg
    eligible = allowed.copy()
    for i in range(forced.size):
        eligible[forced[i]] = False
    heap = np.empty(n, np.int64)
    # int64 zeros, not literal ones: each literal argument would compile _sift_down once more
    root = np.int64(0)
    size = np.int64(0)
    for v in range(n):
        if eligible[v]:
            heap[size] = (score[v] << _ID_BITS) | (_ID_MASK - v)
            size += 1
    for i in range(size // 2 - 1, -1, -1):
        _sift_down(heap, i, size)
    covered = np.zeros(n_sets, np.bool_)
    seeds = np.empty(k, np.int64)
    gains = np.zeros(k, np.int64)
    n_chosen = 0
    while n_chosen < k:
        if n_chosen < forced.size:
            s = forced[n_chosen]
        else:
            s = -1
            while size > 0:
                top = heap[0]
                v = _ID_MASK - (top & _ID_MASK)
                if score[v] == top >> _ID_BITS:  # up to date: the maximum
                    s = v
                    size -= 1
                    heap[0] = heap[size]
                    _sift_down(heap, root, size)
                    break
                heap[0] = (score[v] << _ID_BITS) | (_ID_MASK - v)
                _sift_down(heap, root, size)
            if s < 0:
                break
        seeds[n_chosen] = s
        g = 0
        for part in range(iptrs.shape[0]):
            for t in range(iptrs[part, s], iptrs[part, s + 1]):
                r = inv[t]
                if covered[r]:
                    continue
                covered[r] = True
                g += 1
                for q in range(offsets[r], offsets[r + 1]):
                    score[nodes[q]] -= 1
        gains[n_chosen] = g
        n_chosen += 1
    return seeds[:n_chosen], gains[:n_chosen]


def greedy_cover_inverted(
    nodes: np.ndarray,
    offsets: np.ndarray,
    deg: np.ndarray,
    iptrs: np.ndarray,
    inv: np.ndarray,
    k: int,
    forced: np.ndarray,
    allowed: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Greedy maximum coverage given the inverted index, in segments (see :func:`greedy_cover`).

    Row ``p`` of ``iptrs`` (int64, shape ``(segments, n + 1)``) is segment ``p`` of the index
    (:func:`index_rr_sets`), its positions shifted to where the segment lies in ``inv``;
    ``deg`` is the number of RR sets holding each node, all segments together.

    Each step takes the candidate of largest current degree (the lowest id among ties), then,
    as in Tang, Shi & Xiao's IMM, walks only the RR sets it newly covers to decrement the
    counts of their nodes. The candidates sit in a binary max-heap keyed by counts that may be
    stale: counts only decrease (coverage is submodular), so a top whose key is still its
    count is the true maximum, and a stale top is re-keyed and sifted down (lazy evaluation,
    as in CELF): ``O(n + total size + re-keys · log n)``, no scan of all nodes per seed.
    ``deg`` is consumed.
    """
    nodes, offsets = rr_arrays(nodes, offsets)
    return _greedy_cover_inverted(nodes, offsets, deg, iptrs, inv, int(k), forced, allowed)


def greedy_cover(
    nodes: np.ndarray,
    offsets: np.ndarray,
    n: int,
    k: int,
    forced: np.ndarray,
    allowed: np.ndarray,
    n_chunks: int = 1,
) -> tuple[np.ndarray, np.ndarray]:
    """Greedy maximum coverage of RR sets in ``O(n log n + total size)`` (lazy max-heap).

    Parameters
    ----------
    nodes, offsets : arrays
        The RR sets (flat nodes and ``offsets`` of size ``n_sets + 1``).
    n : int
        Number of nodes.
    k : int
        Number of seeds, forced ones included.
    forced : int64 array
        Seeds taken first, in order.
    allowed : bool array, shape (n,)
        Nodes the greedy may pick.
    n_chunks : int
        Chunks (and threads) of the inverted index construction (the result does not depend on it).

    Returns
    -------
    seeds : int64 array, shape (k,)
        Ties between candidates go to the lowest id.
    gains : int64 array, shape (k,)
        RR sets newly covered by each seed.
    """
    nodes, offsets = rr_arrays(nodes, offsets)
    deg, iptr, inv = inverted_index(nodes, offsets, n, n_chunks)
    return greedy_cover_inverted(nodes, offsets, deg, iptr.reshape(1, -1), inv, k, forced, allowed)


def coverage_of(nodes: np.ndarray, offsets: np.ndarray, n: int, seeds: np.ndarray) -> np.ndarray:
    """The RR sets each of ``seeds`` covers that the seeds before it do not, in order (int64)."""
    nodes, offsets = rr_arrays(nodes, offsets)
    return _coverage_of(nodes, offsets, int(n), seeds)


@njit(cache=True)
def _coverage_of(nodes, offsets, n, seeds):
    n_sets = offsets.size - 1
    rank = np.full(n, seeds.size, np.int64)
    for i in range(seeds.size - 1, -1, -1):
        rank[seeds[i]] = i
    gains = np.zeros(seeds.size, np.int64)
    for r in range(n_sets):
        best = seeds.size
        for t in range(offsets[r], offsets[r + 1]):
            q = rank[nodes[t]]
            if q < best:
                best = q
        if best < seeds.size:
            gains[best] += 1
    return gains


@njit(cache=True)
def _cover(s, nodes, offsets, iptr, inv, covered, deg):
    """Mark the RR sets of ``s`` covered, decrement the degrees of their nodes; the new sets."""
    g = 0
    for t in range(iptr[s], iptr[s + 1]):
        r = inv[t]
        if not covered[r]:
            covered[r] = True
            g += 1
            for q in range(offsets[r], offsets[r + 1]):
                deg[nodes[q]] -= 1
    return g


def budget_greedy(
    nodes: np.ndarray,
    offsets: np.ndarray,
    n: int,
    costs: np.ndarray,
    budget: float,
    forced: np.ndarray,
    allowed: np.ndarray,
    by_ratio: bool,
    index: tuple[np.ndarray, np.ndarray] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Lazy greedy coverage under a budget: ratio gain/cost (``by_ratio``) or gain alone.

    Forced seeds are paid first. A candidate is skipped when it no longer fits in what is left
    of the budget; the greedy stops when nothing affordable adds coverage. Returns the seeds and
    their gains, as :func:`greedy_cover`. ``index``: the ``(iptr, inv)`` of
    :func:`index_rr_sets` on these sets, when the caller runs several greedies on them (it is
    only read).
    """
    nodes, offsets = rr_arrays(nodes, offsets)
    iptr, inv = index if index is not None else index_rr_sets(nodes, offsets, 0, n, 1)
    deg = np.diff(iptr)  # consumed by the greedy: its own copy
    return _budget_greedy(nodes, offsets, deg, iptr, inv, costs, float(budget), forced, allowed, bool(by_ratio))


@njit(cache=True)
def _budget_greedy(nodes, offsets, deg, iptr, inv, costs, budget, forced, allowed, by_ratio):
    """See :func:`budget_greedy`; ``deg`` is consumed."""
    n = deg.size
    n_sets = offsets.size - 1
    covered = np.zeros(n_sets, np.bool_)
    chosen = np.zeros(n, np.bool_)
    seeds = np.empty(n, np.int64)
    gains = np.zeros(n, np.int64)
    n_chosen = 0
    spent = 0.0
    for i in range(forced.size):
        s = forced[i]
        chosen[s] = True
        spent += costs[s]
        seeds[n_chosen] = s
        gains[n_chosen] = _cover(s, nodes, offsets, iptr, inv, covered, deg)
        n_chosen += 1
    heap = [(0.0, np.int64(0)) for _ in range(0)]
    for v in range(n):
        if allowed[v] and not chosen[v] and deg[v] > 0 and costs[v] <= budget - spent:
            key = deg[v] / costs[v] if by_ratio else float(deg[v])
            heap.append((-key, np.int64(v)))
    heapq.heapify(heap)
    while len(heap) > 0:
        negkey, v = heapq.heappop(heap)
        if costs[v] > budget - spent:
            continue
        if deg[v] == 0:
            continue
        key = deg[v] / costs[v] if by_ratio else float(deg[v])
        if key < -negkey and len(heap) > 0 and key < -heap[0][0]:
            heapq.heappush(heap, (-key, v))
            continue
        chosen[v] = True
        spent += costs[v]
        seeds[n_chosen] = v
        gains[n_chosen] = _cover(v, nodes, offsets, iptr, inv, covered, deg)
        n_chosen += 1
    return seeds[:n_chosen].copy(), gains[:n_chosen].copy()
