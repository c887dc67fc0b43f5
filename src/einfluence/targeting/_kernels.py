"""Numba kernels of seed selection: reverse-reachable sets, greedy coverage and Monte-Carlo spread.

Randomness: every random object (one RR set, one simulation) has its own counter-based stream,
``splitmix64`` seeded by a 64-bit base seed and the object's global index. Results therefore do
not depend on how the work is split between threads, nor on their number: RR set ``i`` is the
same whether it is drawn alone or inside a batch of a million.

Graphs come as CSR arrays. The RR-set samplers take the *in*-CSR (row ``v`` lists who can
activate ``v``), the forward simulators the out-CSR.

References
----------
.. [1] C. Borgs, M. Brautbar, J. Chayes and B. Lucier, "Maximizing social influence in nearly
   optimal time", Proc. SODA 2014, pp. 946-957. https://doi.org/10.1137/1.9781611973402.70
.. [2] Q. Guo, S. Wang, Z. Wei and M. Chen, "Influence maximization revisited: efficient
   reverse reachable set generation with bound tightened", Proc. SIGMOD 2020, pp. 2167-2181.
   https://doi.org/10.1145/3318464.3389740
.. [3] G. L. Steele, D. Lea and C. H. Flood, "Fast splittable pseudorandom number generators",
   Proc. OOPSLA 2014, pp. 453-472. https://doi.org/10.1145/2660193.2660195
"""

from __future__ import annotations

import heapq

import numpy as np
from numba import njit, prange

__all__ = [
    "budget_greedy",
    "coverage_of",
    "greedy_cover",
    "mc_spread_ic",
    "mc_spread_lt",
    "rr_hits_ic",
    "rr_hits_lt",
    "rr_sets_ic",
    "rr_sets_lt",
]

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_S30 = np.uint64(30)
_S27 = np.uint64(27)
_S31 = np.uint64(31)
_S11 = np.uint64(11)
_ONE = np.uint64(1)
_TO_UNIT = 1.0 / 9007199254740992.0  # 2 ** -53


@njit(cache=True, inline="always")
def _mix(z):
    z = (z ^ (z >> _S30)) * _M1
    z = (z ^ (z >> _S27)) * _M2
    return z ^ (z >> _S31)


@njit(cache=True, inline="always")
def _stream(base, index):
    """Initial state of the stream of object ``index``."""
    return _mix(base ^ _mix(np.uint64(index) * _GOLDEN + _ONE))


@njit(cache=True, inline="always")
def _next(state):
    """Advance ``state`` (a 1-element uint64 array); a uniform double in [0, 1)."""
    state[0] += _GOLDEN
    return (_mix(state[0]) >> _S11) * _TO_UNIT


@njit(cache=True, inline="always")
def _next_open(state):
    """A uniform double in (0, 1]."""
    state[0] += _GOLDEN
    return ((_mix(state[0]) >> _S11) + _ONE) * _TO_UNIT


@njit(cache=True, inline="always")
def _root(state, n, root_cum):
    u = _next(state)
    if root_cum.size == 0:
        r = np.int64(u * n)
        return r if r < n else n - 1
    r = np.searchsorted(root_cum, u * root_cum[-1], side="right")
    return r if r < n else n - 1


@njit(cache=True, inline="always")
def _ic_expand(v, indptr, indices, prob, info, state, stamp, mark, buf, pos):
    """Push the live in-neighbours of ``v`` not yet marked; returns (buf, pos).

    Subset sampling [2]_: candidates are drawn at rate ``pmax`` (``info[v, 0]``) by geometric
    skips over the in-arcs of ``v`` (``info[v, 1] = log(1 - pmax)``), then each is kept with
    probability ``prob / pmax``, unless every in-arc of ``v`` has the same probability
    (``info[v, 2] = 1``, as under the weighted cascade): then ``prob`` is not even read.
    """
    pm = info[v, 0]
    if pm <= 0.0:
        return buf, pos
    lq = info[v, 1]
    same = info[v, 2] > 0.0
    a = np.int64(info[v, 3])
    b = a + np.int64(info[v, 4])
    i = a - 1
    while True:
        if pm >= 1.0:
            i += 1
        else:
            skip = np.log(_next_open(state)) / lq
            if skip >= b - i - 1:
                break
            i += 1 + np.int64(skip)
        if i >= b:
            break
        u = indices[i]
        if stamp[u] == mark:
            continue
        if not same:
            p = prob[i]
            if p < pm and _next(state) * pm >= p:
                continue
        stamp[u] = mark
        if pos >= buf.size:
            grown = np.empty(2 * buf.size, np.int32)
            grown[:pos] = buf[:pos]
            buf = grown
        buf[pos] = u
        pos += 1
    return buf, pos


@njit(cache=True, nogil=True)
def rr_sets_ic(indptr, indices, prob, info, root_cum, base, start, count, stamp):
    """RR sets ``start .. start + count - 1`` under the independent cascade.

    Parameters
    ----------
    indptr, indices, prob : arrays
        The in-CSR (row ``v``: who can activate ``v``, with which probability).
    info : float64 array, shape (n, 5)
        Per node: largest in-arc probability ``pmax``, ``log(1 - pmax)``, 1 when all its
        in-arcs share that probability, and its row start and length in the in-CSR (as exact
        floats): one cache line per node instead of three scattered reads.
    root_cum : float64 array
        Cumulative root weights (roots drawn proportionally), or empty for uniform roots.
    base : uint64
        Base seed.
    start, count : int
        Global indices of the RR sets to draw.
    stamp : int32 array, shape (n,)
        Scratch marks, never reset: RR set ``i`` marks with ``i + 1`` (fewer than 2^31 sets).

    Returns
    -------
    nodes : int32 array
        The RR sets one after the other, root first then in breadth-first order.
    sizes : int32 array, shape (count,)
    """
    n = indptr.size - 1
    buf = np.empty(2 * count + 64, np.int32)  # doubled when needed
    sizes = np.empty(count, np.int32)
    state = np.empty(1, np.uint64)
    pos = 0
    for j in range(count):
        idx = start + j
        state[0] = _stream(base, idx)
        mark = np.int32(idx + 1)
        first = pos
        r = _root(state, n, root_cum)
        stamp[r] = mark
        if pos >= buf.size:
            grown = np.empty(2 * buf.size, np.int32)
            grown[:pos] = buf[:pos]
            buf = grown
        buf[pos] = r
        pos += 1
        head = first
        while head < pos:
            v = buf[head]
            head += 1
            buf, pos = _ic_expand(v, indptr, indices, prob, info, state, stamp, mark, buf, pos)
        sizes[j] = pos - first
    return buf[:pos].copy(), sizes


@njit(cache=True, nogil=True)
def rr_sets_lt(indptr, indices, cum, root_cum, base, start, count, stamp):
    """RR sets under the linear threshold model: reverse random walks.

    ``cum`` holds, aligned with ``indices``, the running sum of the in-weights of each row: the
    walk at ``v`` moves to the in-neighbour whose cumulative interval holds a uniform draw, and
    stops when the draw exceeds the row total (no live in-arc) or the walk closes a loop [1]_.
    Other parameters and returns as :func:`rr_sets_ic`.
    """
    n = indptr.size - 1
    buf = np.empty(2 * count + 64, np.int32)  # doubled when needed
    sizes = np.empty(count, np.int32)
    state = np.empty(1, np.uint64)
    pos = 0
    for j in range(count):
        idx = start + j
        state[0] = _stream(base, idx)
        mark = np.int32(idx + 1)
        first = pos
        v = _root(state, n, root_cum)
        while True:
            stamp[v] = mark
            if pos >= buf.size:
                grown = np.empty(2 * buf.size, np.int32)
                grown[:pos] = buf[:pos]
                buf = grown
            buf[pos] = v
            pos += 1
            a = indptr[v]
            b = indptr[v + 1]
            if a == b:
                break
            u01 = _next(state)
            if u01 >= cum[b - 1]:
                break
            i = a + np.searchsorted(cum[a:b], u01, side="right")
            if i >= b:
                break
            w = indices[i]
            if stamp[w] == mark:
                break
            v = w
        sizes[j] = pos - first
    return buf[:pos].copy(), sizes


@njit(cache=True, nogil=True)
def _hits_range_ic(indptr, indices, prob, info, root_cum, is_seed, base, lo, hi):
    n = indptr.size - 1
    stamp = np.zeros(n, np.int32)
    buf = np.empty(64, np.int32)
    state = np.empty(1, np.uint64)
    h = 0
    for idx in range(lo, hi):
        state[0] = _stream(base, idx)
        mark = np.int32(idx + 1)
        r = _root(state, n, root_cum)
        if is_seed[r]:
            h += 1
            continue
        stamp[r] = mark
        buf[0] = r
        pos = 1
        head = 0
        found = False
        while head < pos and not found:
            v = buf[head]
            head += 1
            before = pos
            buf, pos = _ic_expand(v, indptr, indices, prob, info, state, stamp, mark, buf, pos)
            for t in range(before, pos):
                if is_seed[buf[t]]:
                    found = True
                    break
        if found:
            h += 1
    return h


@njit(cache=True, nogil=True)
def _hits_range_lt(indptr, indices, cum, root_cum, is_seed, base, lo, hi):
    n = indptr.size - 1
    stamp = np.zeros(n, np.int32)
    state = np.empty(1, np.uint64)
    h = 0
    for idx in range(lo, hi):
        state[0] = _stream(base, idx)
        mark = np.int32(idx + 1)
        v = _root(state, n, root_cum)
        while True:
            if is_seed[v]:
                h += 1
                break
            stamp[v] = mark
            a = indptr[v]
            b = indptr[v + 1]
            if a == b:
                break
            u01 = _next(state)
            if u01 >= cum[b - 1]:
                break
            i = a + np.searchsorted(cum[a:b], u01, side="right")
            if i >= b:
                break
            w = indices[i]
            if stamp[w] == mark:
                break
            v = w
    return h


@njit(cache=True, parallel=True)
def rr_hits_ic(indptr, indices, prob, info, root_cum, is_seed, base, start, count, n_chunks):
    """How many of RR sets ``start ..`` meet the seed set (the search stops at the first seed)."""
    hits = np.zeros(n_chunks, np.int64)
    per = (count + n_chunks - 1) // n_chunks
    for c in prange(n_chunks):
        lo = start + min(count, c * per)
        hi = start + min(count, (c + 1) * per)
        hits[c] = _hits_range_ic(indptr, indices, prob, info, root_cum, is_seed, base, lo, hi)
    return hits.sum()


@njit(cache=True, parallel=True)
def rr_hits_lt(indptr, indices, cum, root_cum, is_seed, base, start, count, n_chunks):
    """As :func:`rr_hits_ic` for the linear threshold model."""
    hits = np.zeros(n_chunks, np.int64)
    per = (count + n_chunks - 1) // n_chunks
    for c in prange(n_chunks):
        lo = start + min(count, c * per)
        hi = start + min(count, (c + 1) * per)
        hits[c] = _hits_range_lt(indptr, indices, cum, root_cum, is_seed, base, lo, hi)
    return hits.sum()


@njit(cache=True)
def _inverted(nodes, offsets, n):
    """Node -> RR sets index (CSR) and the degree of each node."""
    n_sets = offsets.size - 1
    deg = np.zeros(n, np.int64)
    for t in range(nodes.size):
        deg[nodes[t]] += 1
    iptr = np.zeros(n + 1, np.int64)
    for v in range(n):
        iptr[v + 1] = iptr[v] + deg[v]
    fill = iptr[:-1].copy()
    inv = np.empty(nodes.size, np.int32)
    for r in range(n_sets):
        for t in range(offsets[r], offsets[r + 1]):
            v = nodes[t]
            inv[fill[v]] = r
            fill[v] += 1
    return deg, iptr, inv


@njit(cache=True)
def greedy_cover(nodes, offsets, n, k, forced, allowed):
    """Greedy maximum coverage of RR sets in O(n + total size), with bucketed counts.

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

    Returns
    -------
    seeds : int64 array, shape (k,)
    gains : int64 array, shape (k,)
        RR sets newly covered by each seed.
    """
    n_sets = offsets.size - 1
    deg, iptr, inv = _inverted(nodes, offsets, n)
    covered = np.zeros(n_sets, np.bool_)
    chosen = np.zeros(n, np.bool_)
    seeds = np.empty(k, np.int64)
    gains = np.zeros(k, np.int64)
    # bucket queue of the candidates by current degree (doubly linked lists)
    in_queue = allowed.copy()
    for i in range(forced.size):
        in_queue[forced[i]] = False
    top = 0
    for v in range(n):
        if in_queue[v] and deg[v] > top:
            top = deg[v]
    head = np.full(top + 1, -1, np.int64)
    nxt = np.full(n, -1, np.int64)
    prv = np.full(n, -1, np.int64)
    for v in range(n - 1, -1, -1):
        if in_queue[v]:
            d = deg[v]
            nxt[v] = head[d]
            if head[d] >= 0:
                prv[head[d]] = v
            head[d] = v
    n_chosen = 0
    while n_chosen < k:
        if n_chosen < forced.size:
            s = forced[n_chosen]
        else:
            while top > 0 and head[top] < 0:
                top -= 1
            s = head[top]
            if s < 0:
                break
            # unlink s
            head[top] = nxt[s]
            if nxt[s] >= 0:
                prv[nxt[s]] = -1
            in_queue[s] = False
        chosen[s] = True
        seeds[n_chosen] = s
        g = 0
        for t in range(iptr[s], iptr[s + 1]):
            r = inv[t]
            if covered[r]:
                continue
            covered[r] = True
            g += 1
            for q in range(offsets[r], offsets[r + 1]):
                w = nodes[q]
                d = deg[w]
                deg[w] = d - 1
                if in_queue[w]:
                    # move w from bucket d to bucket d - 1
                    if prv[w] >= 0:
                        nxt[prv[w]] = nxt[w]
                    else:
                        head[d] = nxt[w]
                    if nxt[w] >= 0:
                        prv[nxt[w]] = prv[w]
                    prv[w] = -1
                    nxt[w] = head[d - 1]
                    if head[d - 1] >= 0:
                        prv[head[d - 1]] = w
                    head[d - 1] = w
        gains[n_chosen] = g
        n_chosen += 1
    return seeds[:n_chosen], gains[:n_chosen]


@njit(cache=True)
def coverage_of(nodes, offsets, n, seeds):
    """Number of RR sets meeting ``seeds`` and the new ones each seed covers, in order."""
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
def budget_greedy(nodes, offsets, n, costs, budget, forced, allowed, by_ratio):
    """Lazy greedy coverage under a budget: ratio gain/cost (``by_ratio``) or gain alone.

    Forced seeds are paid first. A candidate is skipped when it no longer fits in what is left
    of the budget; the greedy stops when nothing affordable adds coverage. Returns the seeds and
    their gains, as :func:`greedy_cover`.
    """
    n_sets = offsets.size - 1
    deg, iptr, inv = _inverted(nodes, offsets, n)
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
        g = 0
        for t in range(iptr[s], iptr[s + 1]):
            r = inv[t]
            if not covered[r]:
                covered[r] = True
                g += 1
                for q in range(offsets[r], offsets[r + 1]):
                    deg[nodes[q]] -= 1
        seeds[n_chosen] = s
        gains[n_chosen] = g
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
        g = 0
        for t in range(iptr[v], iptr[v + 1]):
            r = inv[t]
            if not covered[r]:
                covered[r] = True
                g += 1
                for q in range(offsets[r], offsets[r + 1]):
                    deg[nodes[q]] -= 1
        seeds[n_chosen] = v
        gains[n_chosen] = g
        n_chosen += 1
    return seeds[:n_chosen].copy(), gains[:n_chosen].copy()


@njit(cache=True, parallel=True)
def mc_spread_ic(indptr, indices, prob, seeds, weight, base, n_sims, n_chunks):
    """Monte-Carlo independent cascades from ``seeds``: the (weighted) number of active nodes.

    ``indptr, indices, prob`` is the out-CSR; ``weight`` (empty for 1 each) weighs the active
    nodes. Returns one value per simulation.
    """
    n = indptr.size - 1
    out = np.zeros(n_sims, np.float64)
    per = (n_sims + n_chunks - 1) // n_chunks
    for c in prange(n_chunks):
        stamp = np.zeros(n, np.int64)
        queue = np.empty(n, np.int64)
        state = np.empty(1, np.uint64)
        for j in range(c * per, min(n_sims, (c + 1) * per)):
            state[0] = _stream(base, j)
            mark = j + 1
            pos = 0
            for s in seeds:
                if stamp[s] != mark:
                    stamp[s] = mark
                    queue[pos] = s
                    pos += 1
            head = 0
            while head < pos:
                v = queue[head]
                head += 1
                for e in range(indptr[v], indptr[v + 1]):
                    u = indices[e]
                    if stamp[u] != mark and _next(state) < prob[e]:
                        stamp[u] = mark
                        queue[pos] = u
                        pos += 1
            if weight.size == 0:
                out[j] = pos
            else:
                total = 0.0
                for t in range(pos):
                    total += weight[queue[t]]
                out[j] = total
    return out


@njit(cache=True, parallel=True)
def mc_spread_lt(indptr, indices, prob, seeds, weight, base, n_sims, n_chunks):
    """Monte-Carlo linear threshold diffusions from ``seeds`` (thresholds drawn lazily)."""
    n = indptr.size - 1
    out = np.zeros(n_sims, np.float64)
    per = (n_sims + n_chunks - 1) // n_chunks
    for c in prange(n_chunks):
        stamp = np.zeros(n, np.int64)
        active = np.zeros(n, np.int64)
        level = np.zeros(n, np.float64)
        threshold = np.zeros(n, np.float64)
        queue = np.empty(n, np.int64)
        state = np.empty(1, np.uint64)
        for j in range(c * per, min(n_sims, (c + 1) * per)):
            state[0] = _stream(base, j)
            mark = j + 1
            pos = 0
            for s in seeds:
                if active[s] != mark:
                    active[s] = mark
                    queue[pos] = s
                    pos += 1
            head = 0
            while head < pos:
                v = queue[head]
                head += 1
                for e in range(indptr[v], indptr[v + 1]):
                    u = indices[e]
                    if active[u] == mark:
                        continue
                    if stamp[u] != mark:
                        stamp[u] = mark
                        level[u] = 0.0
                        threshold[u] = _next_open(state)
                    level[u] += prob[e]
                    if level[u] >= threshold[u]:
                        active[u] = mark
                        queue[pos] = u
                        pos += 1
            if weight.size == 0:
                out[j] = pos
            else:
                total = 0.0
                for t in range(pos):
                    total += weight[queue[t]]
                out[j] = total
    return out
