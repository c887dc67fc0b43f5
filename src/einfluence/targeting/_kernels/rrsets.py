"""Reverse-reachable (RR) sets: sampling them, and counting those a seed set meets.

An RR set of a random root ``v`` holds the nodes that would activate ``v`` in one random world:
under the independent cascade, a breadth-first search over live in-arcs found by subset
sampling [2]_; under the linear threshold model, a reverse random walk [1]_. The fraction of
RR sets a seed set meets estimates its spread divided by ``n`` [1]_. The samplers read the
*in*-CSR (row ``v`` lists who can activate ``v``) prepared by
:mod:`~einfluence.targeting._kernels.graphs`; every RR set has its own random stream
(:mod:`~einfluence.targeting._kernels.streams`).

References
----------
.. [1] C. Borgs, M. Brautbar, J. Chayes and B. Lucier, "Maximizing social influence in nearly
   optimal time", Proc. SODA 2014, pp. 946-957. https://doi.org/10.1137/1.9781611973402.70
.. [2] Q. Guo, S. Wang, Z. Wei and M. Chen, "Influence maximization revisited: efficient
   reverse reachable set generation with bound tightened", Proc. SIGMOD 2020, pp. 2167-2181.
   https://doi.org/10.1145/3318464.3389740
"""

from __future__ import annotations

import numpy as np

from einfluence.base.jit import copy_into, njit
from einfluence.targeting._kernels.streams import next_double, next_open, prefetch, stream

__all__ = ["BINOMIAL_MEAN", "hits_range_ic", "hits_range_lt", "ic_expand", "rr_sets_ic", "rr_sets_lt"]


#: below this expected number of candidates per node (``d · pmax``), their number is drawn at
#: once from its binomial law, rather than by geometric jumps
BINOMIAL_MEAN = 8.0


@njit(cache=True, inline="always")
def binomial_count(u01, c1, pm, d):
    """``K ~ Binomial(d, pm)`` by inversion of the uniform ``u01``; ``c1 = (1 - pm)^d``."""
    k = 0
    pmf = c1
    cdf = c1
    ratio = pm / (1.0 - pm)
    while u01 >= cdf and k < d:
        pmf *= (d - k) / (k + 1.0) * ratio
        k += 1
        cdf += pmf
    return k


@njit(cache=True, inline="always")
def thinned(state, p, pm):
    """Keep a candidate arc of probability ``p`` drawn at rate ``pm``? The new state and the answer."""
    if p < pm:
        state, x = next_double(state)
        return state, x * pm < p
    return state, True


@njit(cache=True, inline="always")
def max_row_length(indptr):
    """The longest row of a CSR (at least 1)."""
    longest = 1
    for v in range(indptr.size - 1):
        longest = max(longest, indptr[v + 1] - indptr[v])
    return longest


@njit(cache=True, inline="always")
def ic_expand(v, indices, prob, info, flat, state, seen, bit, q, qa, pos, picks):
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
        state, u01 = next_double(state)
        k = binomial_count(u01, c1, pm, d)
        for c in range(k):
            while True:  # a position not drawn yet for this node
                state, x = next_double(state)
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
                state, keep = thinned(state, prob[i], pm)
                if not keep:
                    continue
            seen[u] |= bit
            prefetch(flat, 4 * np.int64(u))
            q[qa + pos] = u
            pos += 1
        return pos, state
    i = a - 1
    while True:
        if pm >= 1.0:
            i += 1
        else:
            state, x = next_open(state)
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
            state, keep = thinned(state, prob[i], pm)
            if not keep:
                continue
        seen[u] |= bit
        prefetch(flat, 4 * np.int64(u))
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

    It is one long function on purpose: the lanes' queues, streams and prefetches are local
    variables of the hot loop, which numba keeps in registers; split into helpers, each step
    would pass that state through memory, which is what the interleaving is there to avoid.

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

    Notes
    -----
    Longer than the house's 150 lines, for speed: this is the innermost loop of IMM. The
    expansion of a node is :func:`ic_expand` written out, because an inlined helper still
    counts a reference to each array argument at each call (calling it made this kernel about
    a third slower: 300,000 RR sets of NetHEPT on one thread, 0.113 s instead of 0.084 s); and
    starting a set is written twice, before the loop and where a set completes, because one
    shared start site made it about 4 % slower. The queues' growth, the copy of a grown output
    and the final concatenation are helpers, called once per set or less.
    """
    n = indptr.size - 1
    if count <= 0:
        return np.empty(0, np.int32), np.empty(0, np.int32)
    lanes = max(1, min(8, lanes, count))
    flat = info.reshape(-1)
    # a lane's queue takes at most n nodes; one expansion at most one row beyond what is queued
    # cap and used start as int64, not literal, numbers: a helper called with a literal argument
    # is compiled once more for it
    cap = np.int64(64)
    q = np.empty(lanes * cap, np.int32)
    head = np.zeros(lanes, np.int64)  # next node to expand
    ready = np.zeros(lanes, np.int64)  # nodes before it had their in-arcs prefetched
    pos = np.zeros(lanes, np.int64)
    which = np.full(lanes, -1, np.int64)
    states = np.empty(lanes, np.uint64)
    out = np.empty(2 * count + 64, np.int32)
    at = np.empty(count, np.int64)
    sizes = np.empty(count, np.int32)
    used = np.int64(0)
    following = 0  # next RR set to start (relative to start)
    active = 0
    max_row = max_row_length(indptr)
    picks = np.empty(max_row, np.int64)
    # start the first sets
    for lane in range(lanes):
        j = following
        following += 1
        state, x = next_double(stream(base, start + j))
        if root_cum.size == 0:  # uniform roots, else proportional to the weights
            r = min(np.int64(x * n), n - 1)
        else:
            r = min(np.searchsorted(root_cum, x * root_cum[-1], side="right"), n - 1)
        states[lane] = state
        which[lane] = j
        seen[r] |= np.uint8(1 << lane)
        prefetch(flat, 4 * np.int64(r))
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
                    q, cap = grown_lanes(q, pos, lanes, cap, p + max_row)
                    base_at = lane * cap
                # ic_expand written out: no array argument, no reference counting per node
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
                        state, u01 = next_double(state)
                        k = binomial_count(u01, c1, pm, d)
                        for c in range(k):
                            while True:  # a position not drawn yet for this node
                                state, x = next_double(state)
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
                                state, keep = thinned(state, prob[i], pm)
                                if not keep:
                                    continue
                            seen[u] |= bit
                            prefetch(flat, 4 * np.int64(u))
                            q[base_at + p] = u
                            p += 1
                    else:
                        i = a - 1
                        while True:
                            if pm >= 1.0:
                                i += 1
                            else:
                                state, x = next_open(state)
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
                                state, keep = thinned(state, prob[i], pm)
                                if not keep:
                                    continue
                            seen[u] |= bit
                            prefetch(flat, 4 * np.int64(u))
                            q[base_at + p] = u
                            p += 1
                states[lane] = state
                head[lane] = h
                pos[lane] = p
            if ready[lane] < p:  # the row of info was prefetched when the node was queued
                w = q[base_at + ready[lane]]
                prefetch(indices, np.int64(flat[4 * np.int64(w) + 2]))
                ready[lane] += 1
            if h < p:
                continue
            # the set is complete: store it, clear its marks, start the next one
            size = p
            if used + size > out.size:
                out = grown(out, used, max(2 * out.size, used + size))
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
                state, x = next_double(stream(base, start + j))
                if root_cum.size == 0:  # uniform roots, else proportional to the weights
                    r = min(np.int64(x * n), n - 1)
                else:
                    r = min(np.searchsorted(root_cum, x * root_cum[-1], side="right"), n - 1)
                states[lane] = state
                which[lane] = j
                seen[r] |= bit
                prefetch(flat, 4 * np.int64(r))
                q[base_at] = r
                pos[lane] = 1
                head[lane] = 0
                ready[lane] = 0
            else:
                which[lane] = -1
                active -= 1
    return in_order(out, at, sizes, used), sizes



@njit(cache=True)
def grown_lanes(q, pos, lanes, cap, need):
    """Every lane's queue copied into slots of a capacity (a power-of-two multiple of ``cap``) >= ``need``."""
    new_cap = 2 * cap
    while need > new_cap:
        new_cap *= 2
    out = np.empty(lanes * new_cap, np.int32)
    for lane in range(lanes):
        copy_into(out, lane * new_cap, q[lane * cap : lane * cap + pos[lane]])
    return out, new_cap


@njit(cache=True)
def grown(buf, used, size):
    """``buf[:used]`` copied into a new buffer of ``size`` slots."""
    out = np.empty(size, buf.dtype)
    copy_into(out, 0, buf[:used])
    return out


@njit(cache=True)
def in_order(out, at, sizes, used):
    """The sets stored at ``at`` (each of ``sizes``) one after the other, set 0 first."""
    nodes = np.empty(used, np.int32)
    t = 0
    for j in range(sizes.size):
        a = at[j]
        for s in range(sizes[j]):
            nodes[t + s] = out[a + s]
        t += sizes[j]
    return nodes


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
        state, x = next_double(stream(base, idx))
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
                copy_into(grown, 0, buf[:pos])
                buf = grown
            buf[pos] = v
            pos += 1
            a = indptr[v]
            b = indptr[v + 1]
            if a == b:
                break
            state, u01 = next_double(state)
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
def hits_range_ic(indptr, indices, prob, info, root_cum, is_seed, base, lo, hi):
    """How many of RR sets ``lo .. hi - 1`` meet the seed set (each search stops at its first
    seed); nogil: the caller spreads ranges over threads (a ``prange`` kernel compiled 1.6
    CPU-s more, for the same work)."""
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
        state, x = next_double(stream(base, idx))
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
                copy_into(grown, 0, buf[:pos])
                buf = grown
            before = pos
            pos, state = ic_expand(v, indices, prob, info, flat, state, seen, bit, buf, 0, pos, picks)
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
def hits_range_lt(indptr, indices, cum, root_cum, is_seed, base, lo, hi):
    """As :func:`hits_range_ic` for the linear threshold model."""
    n = indptr.size - 1
    stamp = np.zeros(n, np.int32)
    h = 0
    for idx in range(lo, hi):
        state, x = next_double(stream(base, idx))
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
            state, u01 = next_double(state)
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
