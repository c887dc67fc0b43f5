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
from llvmlite import ir
from numba import njit, prange, types
from numba.core import cgutils
from numba.extending import intrinsic

from einfluence.base.splitmix import GOLDEN, TO_UNIT, mix

__all__ = [
    "budget_greedy",
    "coverage_of",
    "greedy_cover",
    "greedy_cover_inverted",
    "ic_info",
    "in_csr",
    "index_rr_sets",
    "inverted_index",
    "mc_spread_ic",
    "mc_spread_lt",
    "row_cumsum",
    "rr_hits_ic",
    "rr_hits_lt",
    "rr_sets_ic",
    "rr_sets_lt",
]

_GOLDEN = GOLDEN
_TO_UNIT = TO_UNIT
_S11 = np.uint64(11)
_ONE = np.uint64(1)
_mix = mix


@njit(cache=True, inline="always")
def _stream(base, index):
    """Initial state of the stream of object ``index``."""
    return _mix(base ^ _mix(np.uint64(index) * _GOLDEN + _ONE))


# The random state is a plain uint64 passed by value, and no helper called in a hot loop takes
# an array: numba would otherwise count references to each array argument at each call, with
# atomic operations on counters the threads share.


@njit(cache=True, inline="always")
def _next(state):
    """Advance ``state`` (uint64): the new state and a uniform double in [0, 1)."""
    state += _GOLDEN
    return state, (_mix(state) >> _S11) * _TO_UNIT


@njit(cache=True, inline="always")
def _next_open(state):
    """The new state and a uniform double in (0, 1]."""
    state += _GOLDEN
    return state, ((_mix(state) >> _S11) + _ONE) * _TO_UNIT


@intrinsic
def _prefetch(typingctx, arr, idx):
    """Hint the CPU to bring ``arr[idx]`` into the cache (``llvm.prefetch``; no bounds check, no fault)."""
    sig = types.void(arr, idx)

    def codegen(context, builder, signature, args):
        aryty = signature.args[0]
        ary = context.make_array(aryty)(context, builder, args[0])
        ptr = cgutils.get_item_pointer(context, builder, aryty, ary, [args[1]], wraparound=False)
        i8p = ir.IntType(8).as_pointer()
        i32 = ir.IntType(32)
        fnty = ir.FunctionType(ir.VoidType(), [i8p, i32, i32, i32])
        fn = cgutils.get_or_insert_function(builder.module, fnty, "llvm.prefetch.p0i8")
        # read access, high temporal locality, data cache
        builder.call(fn, [builder.bitcast(ptr, i8p), ir.Constant(i32, 0), ir.Constant(i32, 3), ir.Constant(i32, 1)])
        return context.get_dummy_value()

    return sig, codegen


#: below this expected number of candidates per node (``d · pmax``), their number is drawn at
#: once from its binomial law, rather than by geometric jumps
BINOMIAL_MEAN = 8.0


@njit(cache=True, inline="always")
def _ic_expand(v, indices, prob, info, flat, state, seen, bit, q, qa, pos, picks):
    """Push the live in-neighbours of ``v`` not yet marked to ``q[qa + pos:]``; the new ``pos`` and state.

    Subset sampling [2]_: candidate in-arcs are drawn at rate ``pmax`` (``info[v, 0]``), then
    each is kept with probability ``prob / pmax``, unless every in-arc of ``v`` has the same
    probability (``info[v, 3] > 0``, as under the weighted cascade): then ``prob`` is not even
    read. The candidates are found either by geometric jumps (``info[v, 1] = log(1 - pmax) <
    0``), or, when few are expected (``info[v, 1] = (1 - pmax)^d > 0``), by drawing their
    number ``K ~ Binomial(d, pmax)`` by inversion and then ``K`` distinct positions uniformly:
    ``K + 1`` uniforms and no logarithm. Marks are the bit ``bit`` of ``seen``; the caller
    guarantees room in ``q`` for the whole row (and in ``picks``). Each pushed node's row of
    ``info`` is prefetched. :func:`rr_sets_ic` holds the same code written out (array
    arguments of an inlined helper cost a reference count per call); both must draw the same
    RR set from the same stream (``tests/targeting/test_kernels.py`` checks that hits and sets
    agree).
    """
    pm = info[v, 0]
    if pm <= 0.0:
        return pos, state
    c1 = info[v, 1]
    a = np.int64(info[v, 2])
    length = info[v, 3]
    same = length > 0.0
    d = np.int64(abs(length))
    b = a + d
    if c1 > 0.0 and pm < 1.0:
        state, u01 = _next(state)
        k = 0
        pmf = c1
        cdf = c1
        ratio = pm / (1.0 - pm)
        while u01 >= cdf and k < d:
            pmf *= (d - k) / (k + 1.0) * ratio
            k += 1
            cdf += pmf
        for c in range(k):
            while True:  # a position not drawn yet for this node
                state, x = _next(state)
                i = a + np.int64(x * d)
                if i >= b:
                    i = b - 1
                fresh = True
                for t in range(c):
                    if picks[t] == i:
                        fresh = False
                        break
                if fresh:
                    break
            picks[c] = i
            u = indices[i]
            if seen[u] & bit:
                continue
            if not same:
                p = prob[i]
                if p < pm:
                    state, x = _next(state)
                    if x * pm >= p:
                        continue
            seen[u] |= bit
            _prefetch(flat, 4 * np.int64(u))
            q[qa + pos] = u
            pos += 1
        return pos, state
    i = a - 1
    while True:
        if pm >= 1.0:
            i += 1
        else:
            state, x = _next_open(state)
            skip = np.log(x) / c1
            if skip >= b - i - 1:
                break
            i += 1 + np.int64(skip)
        if i >= b:
            break
        u = indices[i]
        if seen[u] & bit:
            continue
        if not same:
            p = prob[i]
            if p < pm:
                state, x = _next(state)
                if x * pm >= p:
                    continue
        seen[u] |= bit
        _prefetch(flat, 4 * np.int64(u))
        q[qa + pos] = u
        pos += 1
    return pos, state


@njit(cache=True, nogil=True)
def rr_sets_ic(indptr, indices, prob, info, root_cum, base, start, count, seen, lanes):
    """RR sets ``start .. start + count - 1`` under the independent cascade.

    A breadth-first search waits on memory at each step (the row of ``info``, the in-arcs);
    up to 8 independent searches, one per *lane*, are advanced in round-robin, one node at a
    time, with a prefetch of each node's row of ``info`` as soon as it is queued and of its
    in-arcs one turn ahead, so that these waits overlap. Each RR set has its own random stream
    and its own mark bit: the sets do not depend on ``lanes``.

    Parameters
    ----------
    indptr, indices, prob : arrays
        The in-CSR (row ``v``: who can activate ``v``, with which probability).
    info : float64 array, shape (n, 4), C-ordered
        Per node: largest in-arc probability ``pmax``; ``log(1 - pmax)`` (geometric jumps), or
        ``(1 - pmax)^d > 0`` when ``d · pmax <= BINOMIAL_MEAN`` (binomial count); its row start
        in the in-CSR; its row length ``d``, negated unless all its in-arcs share the
        probability ``pmax`` (as exact floats). 32 bytes per node, half a cache line.
    root_cum : float64 array
        Cumulative root weights (roots drawn proportionally), or empty for uniform roots.
    base : uint64
        Base seed.
    start, count : int
        Global indices of the RR sets to draw.
    seen : uint8 array, shape (n,)
        Scratch marks, all zero on entry and again on return (bit ``l``: lane ``l``'s set).
    lanes : int
        Searches advanced together, in ``[1, 8]``.

    Returns
    -------
    nodes : int32 array
        The RR sets one after the other, root first then in breadth-first order.
    sizes : int32 array, shape (count,)
    """
    n = indptr.size - 1
    if count <= 0:
        return np.empty(0, np.int32), np.empty(0, np.int32)
    lanes = max(1, min(8, lanes, count))
    flat = info.reshape(-1)
    max_row = 1
    # a lane's queue takes at most n nodes; one expansion at most one row beyond what is queued
    cap = 64
    q = np.empty(lanes * cap, np.int32)
    head = np.zeros(lanes, np.int64)  # next node to expand
    ready = np.zeros(lanes, np.int64)  # nodes before it had their in-arcs prefetched
    pos = np.zeros(lanes, np.int64)
    which = np.full(lanes, -1, np.int64)
    states = np.empty(lanes, np.uint64)
    out = np.empty(2 * count + 64, np.int32)
    at = np.empty(count, np.int64)
    sizes = np.empty(count, np.int32)
    used = 0
    following = 0  # next RR set to start (relative to start)
    active = 0
    for v in range(n):
        d = indptr[v + 1] - indptr[v]
        if d > max_row:
            max_row = d
    picks = np.empty(max_row, np.int64)
    # start the first sets
    for lane in range(lanes):
        j = following
        following += 1
        state, x = _next(_stream(base, start + j))
        if root_cum.size == 0:  # uniform roots, else proportional to the weights
            r = min(np.int64(x * n), n - 1)
        else:
            r = min(np.searchsorted(root_cum, x * root_cum[-1], side="right"), n - 1)
        states[lane] = state
        which[lane] = j
        seen[r] |= np.uint8(1 << lane)
        _prefetch(flat, 4 * np.int64(r))
        q[lane * cap] = r
        pos[lane] = 1
        head[lane] = 0
        active += 1
    while active > 0:
        for lane in range(lanes):
            j = which[lane]
            if j < 0:
                continue
            base_at = lane * cap
            h = head[lane]
            p = pos[lane]
            bit = np.uint8(1 << lane)
            if h < ready[lane]:  # its in-arcs were prefetched at an earlier turn
                v = q[base_at + h]
                h += 1
                if p + max_row > cap:  # grow every lane's queue
                    new_cap = 2 * cap
                    while p + max_row > new_cap:
                        new_cap *= 2
                    grown = np.empty(lanes * new_cap, np.int32)
                    for other in range(lanes):
                        grown[other * new_cap : other * new_cap + pos[other]] = q[other * cap : other * cap + pos[other]]
                    q = grown
                    cap = new_cap
                    base_at = lane * cap
                # _ic_expand written out: no array argument, no reference counting per node
                state = states[lane]
                pm = info[v, 0]
                if pm > 0.0:
                    c1 = info[v, 1]
                    a = np.int64(info[v, 2])
                    length = info[v, 3]
                    same = length > 0.0
                    d = np.int64(abs(length))
                    b = a + d
                    if c1 > 0.0 and pm < 1.0:
                        state, u01 = _next(state)
                        k = 0
                        pmf = c1
                        cdf = c1
                        ratio = pm / (1.0 - pm)
                        while u01 >= cdf and k < d:
                            pmf *= (d - k) / (k + 1.0) * ratio
                            k += 1
                            cdf += pmf
                        for c in range(k):
                            while True:  # a position not drawn yet for this node
                                state, x = _next(state)
                                i = a + np.int64(x * d)
                                if i >= b:
                                    i = b - 1
                                fresh = True
                                for t in range(c):
                                    if picks[t] == i:
                                        fresh = False
                                        break
                                if fresh:
                                    break
                            picks[c] = i
                            u = indices[i]
                            if seen[u] & bit:
                                continue
                            if not same:
                                pe = prob[i]
                                if pe < pm:
                                    state, x = _next(state)
                                    if x * pm >= pe:
                                        continue
                            seen[u] |= bit
                            _prefetch(flat, 4 * np.int64(u))
                            q[base_at + p] = u
                            p += 1
                    else:
                        i = a - 1
                        while True:
                            if pm >= 1.0:
                                i += 1
                            else:
                                state, x = _next_open(state)
                                skip = np.log(x) / c1
                                if skip >= b - i - 1:
                                    break
                                i += 1 + np.int64(skip)
                            if i >= b:
                                break
                            u = indices[i]
                            if seen[u] & bit:
                                continue
                            if not same:
                                pe = prob[i]
                                if pe < pm:
                                    state, x = _next(state)
                                    if x * pm >= pe:
                                        continue
                            seen[u] |= bit
                            _prefetch(flat, 4 * np.int64(u))
                            q[base_at + p] = u
                            p += 1
                states[lane] = state
                head[lane] = h
                pos[lane] = p
            if ready[lane] < p:  # the row of info was prefetched when the node was queued
                w = q[base_at + ready[lane]]
                _prefetch(indices, np.int64(flat[4 * np.int64(w) + 2]))
                ready[lane] += 1
            if h < p:
                continue
            # the set is complete: store it, clear its marks, start the next one
            size = p
            if used + size > out.size:
                grown = np.empty(max(2 * out.size, used + size), np.int32)
                grown[:used] = out[:used]
                out = grown
            for t in range(size):
                u = q[base_at + t]
                out[used + t] = u
                seen[u] &= ~bit
            at[j] = used
            sizes[j] = size
            used += size
            if following < count:
                j = following
                following += 1
                state, x = _next(_stream(base, start + j))
                if root_cum.size == 0:  # uniform roots, else proportional to the weights
                    r = min(np.int64(x * n), n - 1)
                else:
                    r = min(np.searchsorted(root_cum, x * root_cum[-1], side="right"), n - 1)
                states[lane] = state
                which[lane] = j
                seen[r] |= bit
                _prefetch(flat, 4 * np.int64(r))
                q[base_at] = r
                pos[lane] = 1
                head[lane] = 0
                ready[lane] = 0
            else:
                which[lane] = -1
                active -= 1
    nodes = np.empty(used, np.int32)
    t = 0
    for j in range(count):
        a = at[j]
        for s in range(sizes[j]):
            nodes[t + s] = out[a + s]
        t += sizes[j]
    return nodes, sizes


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
    pos = 0
    for j in range(count):
        idx = start + j
        state, x = _next(_stream(base, idx))
        mark = np.int32(idx + 1)
        first = pos
        if root_cum.size == 0:  # uniform roots, else proportional to the weights
            v = min(np.int64(x * n), n - 1)
        else:
            v = min(np.searchsorted(root_cum, x * root_cum[-1], side="right"), n - 1)
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
            state, u01 = _next(state)
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
    seen = np.zeros(n, np.uint8)
    bit = np.uint8(1)
    flat = info.reshape(-1)
    max_row = 1
    for v in range(n):
        max_row = max(max_row, indptr[v + 1] - indptr[v])
    picks = np.empty(max_row, np.int64)
    buf = np.empty(64, np.int32)
    h = 0
    for idx in range(lo, hi):
        state, x = _next(_stream(base, idx))
        if root_cum.size == 0:  # uniform roots, else proportional to the weights
            r = min(np.int64(x * n), n - 1)
        else:
            r = min(np.searchsorted(root_cum, x * root_cum[-1], side="right"), n - 1)
        if is_seed[r]:
            h += 1
            continue
        seen[r] = bit
        buf[0] = r
        pos = 1
        head = 0
        found = False
        while head < pos and not found:
            v = buf[head]
            head += 1
            if pos + max_row > buf.size:
                grown = np.empty(2 * (pos + max_row), np.int32)
                grown[:pos] = buf[:pos]
                buf = grown
            before = pos
            pos, state = _ic_expand(v, indices, prob, info, flat, state, seen, bit, buf, 0, pos, picks)
            for t in range(before, pos):
                if is_seed[buf[t]]:
                    found = True
                    break
        for t in range(pos):
            seen[buf[t]] = 0
        if found:
            h += 1
    return h


@njit(cache=True, nogil=True)
def _hits_range_lt(indptr, indices, cum, root_cum, is_seed, base, lo, hi):
    n = indptr.size - 1
    stamp = np.zeros(n, np.int32)
    h = 0
    for idx in range(lo, hi):
        state, x = _next(_stream(base, idx))
        mark = np.int32(idx + 1)
        if root_cum.size == 0:  # uniform roots, else proportional to the weights
            v = min(np.int64(x * n), n - 1)
        else:
            v = min(np.searchsorted(root_cum, x * root_cum[-1], side="right"), n - 1)
        while True:
            if is_seed[v]:
                h += 1
                break
            stamp[v] = mark
            a = indptr[v]
            b = indptr[v + 1]
            if a == b:
                break
            state, u01 = _next(state)
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


@njit(cache=True, parallel=True)
def in_csr(indptr, indices, prob, n_chunks):
    """The in-CSR of an out-CSR graph, by a parallel counting sort.

    Row ``v`` of the result lists the sources of ``v``'s in-arcs in increasing order, with the
    arcs' probabilities. The sources are cut into ``n_chunks`` runs of ids, read in sequence:
    each run is counted, then scattered by its own thread into its own slots of every row, so
    that the result does not depend on ``n_chunks``.

    Returns
    -------
    rptr : int64 array, shape (n + 1,)
    rind : int32 array
    rprob : float64 array
    """
    n = indptr.size - 1
    per = (n + n_chunks - 1) // n_chunks
    counts = np.zeros((n_chunks, n), np.int64)
    for c in prange(n_chunks):
        row = counts[c]
        for e in range(indptr[min(n, c * per)], indptr[min(n, (c + 1) * per)]):
            row[indices[e]] += 1
    rptr = np.empty(n + 1, np.int64)
    rptr[0] = 0
    for w in range(n):
        d = 0
        for c in range(n_chunks):
            d += counts[c, w]
        rptr[w + 1] = rptr[w] + d
    for w in prange(n):  # counts[c, w] becomes the first slot of chunk c in row w
        at = rptr[w]
        for c in range(n_chunks):
            d = counts[c, w]
            counts[c, w] = at
            at += d
    rind = np.empty(rptr[n], np.int32)
    rprob = np.empty(rptr[n], np.float64)
    for c in prange(n_chunks):
        fill = counts[c]
        for u in range(min(n, c * per), min(n, (c + 1) * per)):
            for e in range(indptr[u], indptr[u + 1]):
                w = indices[e]
                at = fill[w]
                rind[at] = u
                rprob[at] = prob[e]
                fill[w] = at + 1
    return rptr, rind, rprob


@njit(cache=True, parallel=True)
def ic_info(indptr, prob, binomial_mean, info):
    """Fill the per-node table of :func:`rr_sets_ic` (``info``, shape (n, 4)) from the in-CSR."""
    n = indptr.size - 1
    for v in prange(n):
        a = indptr[v]
        b = indptr[v + 1]
        d = b - a
        pmax = 0.0
        pmin = 0.0
        if d > 0:
            pmax = prob[a]
            pmin = pmax
            for e in range(a + 1, b):
                p = prob[e]
                if p > pmax:
                    pmax = p
                if p < pmin:
                    pmin = p
        log_q = np.log1p(-min(pmax, 1.0))  # -inf when pmax = 1
        info[v, 0] = pmax
        if d * pmax <= binomial_mean and pmax > 0.0 and pmax < 1.0:
            info[v, 1] = np.exp(d * log_q)  # P(no candidate): the binomial count
        else:
            info[v, 1] = log_q  # geometric jumps
        info[v, 2] = a
        info[v, 3] = d if pmin == pmax else -d


@njit(cache=True, parallel=True)
def row_cumsum(indptr, prob):
    """Running sums of ``prob`` within each row, and each row's total."""
    n = indptr.size - 1
    cum = np.empty(prob.size, np.float64)
    totals = np.zeros(n, np.float64)
    for v in prange(n):
        s = 0.0
        for e in range(indptr[v], indptr[v + 1]):
            s += prob[e]
            cum[e] = s
        totals[v] = s
    return cum, totals


@njit(cache=True, parallel=True)
def index_rr_sets(nodes, offsets, first, n, n_chunks):
    """The node -> RR sets index (CSR) of RR sets ``first ..``, by a parallel counting sort.

    IMM's rounds only ever append RR sets: each round indexes its new sets alone, as one more
    *segment* of the index, and no earlier entry is copied again. The sets are cut into
    ``n_chunks`` consecutive runs; each run is counted, then scattered by its own thread into
    its own slots of every row: each row lists its RR sets in increasing order whatever the
    number of chunks.

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
    count = offsets.size - 1 - first
    per = (count + n_chunks - 1) // n_chunks
    counts = np.zeros((n_chunks, n), np.int64)
    for c in prange(n_chunks):
        lo = offsets[first + min(count, c * per)]
        hi = offsets[first + min(count, (c + 1) * per)]
        row = counts[c]
        for t in range(lo, hi):
            row[nodes[t]] += 1
    iptr = np.empty(n + 1, np.int64)
    iptr[0] = 0
    for v in range(n):
        d = 0
        for c in range(n_chunks):
            d += counts[c, v]
        iptr[v + 1] = iptr[v] + d
    for v in prange(n):  # counts[c, v] becomes chunk c's first slot in row v
        at = iptr[v]
        for c in range(n_chunks):
            d = counts[c, v]
            counts[c, v] = at
            at += d
    inv = np.empty(iptr[n], np.int32)
    for c in prange(n_chunks):
        fill = counts[c]
        for r in range(first + min(count, c * per), first + min(count, (c + 1) * per)):
            for t in range(offsets[r], offsets[r + 1]):
                v = nodes[t]
                inv[fill[v]] = r
                fill[v] += 1
    return iptr, inv


@njit(cache=True)
def inverted_index(nodes, offsets, n, n_chunks):
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
    return iptr[1:] - iptr[:-1], iptr, inv


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
def greedy_cover_inverted(nodes, offsets, deg, iptrs, inv, k, forced, allowed):
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
    n = deg.size
    n_sets = offsets.size - 1
    score = deg
    eligible = allowed.copy()
    for i in range(forced.size):
        eligible[forced[i]] = False
    heap = np.empty(n, np.int64)
    size = 0
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
                    _sift_down(heap, 0, size)
                    break
                heap[0] = (score[v] << _ID_BITS) | (_ID_MASK - v)
                _sift_down(heap, 0, size)
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


def greedy_cover(nodes, offsets, n, k, forced, allowed, n_chunks=1):
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
        Parallel parts of the inverted index construction (the result does not depend on it).

    Returns
    -------
    seeds : int64 array, shape (k,)
        Ties between candidates go to the lowest id.
    gains : int64 array, shape (k,)
        RR sets newly covered by each seed.
    """
    deg, iptr, inv = inverted_index(nodes, offsets, n, max(1, int(n_chunks)))
    return greedy_cover_inverted(nodes, offsets, deg, iptr.reshape(1, -1), inv, k, forced, allowed)


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
    deg, iptr, inv = inverted_index(nodes, offsets, n, 1)
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
        for j in range(c * per, min(n_sims, (c + 1) * per)):
            state = _stream(base, j)
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
                    if stamp[u] == mark:
                        continue
                    state, x = _next(state)
                    if x < prob[e]:
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
        for j in range(c * per, min(n_sims, (c + 1) * per)):
            state = _stream(base, j)
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
                        state, threshold[u] = _next_open(state)
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
