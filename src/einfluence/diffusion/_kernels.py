"""Numba kernels of the diffusion models: one realisation of IC, LT and continuous-time IC.

Every per-arc loop of :mod:`einfluence.diffusion` lives here, compiled with
``@njit(cache=True)`` and fed with arrays and scalars only; the public functions of
:mod:`einfluence.diffusion.simulate` validate their input and call these kernels.

Randomness
----------
Each simulation ``s`` draws from its own SplitMix64 stream [1]_, started from
``mix(base_seed + s * golden_gamma)``: a simulation gives the same result whichever thread
runs it, so the estimates depend on ``base_seed`` only, never on the number of threads or
on how simulations are split into ranges. Per-simulation results are written at their index;
histograms are integer counts summed over ranges (exact, order-free).

Threads
-------
The Monte-Carlo kernels (``*_spread_range``) run a range of simulations serially and release
the GIL; :func:`einfluence.diffusion.simulate.run_simulations` runs consecutive ranges on
threads (:func:`einfluence.base.threads.in_parts`). A ``prange`` over the same ranges ran as
fast and took several times longer to compile, on every empty cache.

Memory
------
Each range of simulations owns its buffers (visited stamps, activation order, hops) for the
whole range; a node is visited in simulation ``s`` when ``stamp[v] == tag`` with a tag that
changes with every simulation, so nothing is cleared between simulations.

References
----------
.. [1] G. L. Steele, D. Lea and C. H. Flood, "Fast splittable pseudorandom number
   generators", Proc. OOPSLA 2014, pp. 453-472. https://doi.org/10.1145/2660193.2660195
"""

from __future__ import annotations

import numpy as np

from einfluence.base.jit import copy_into, njit
from einfluence.base.splitmix import GOLDEN, TO_UNIT, mix

__all__ = [
    "MODEL_CODES",
    "ct_spread_range",
    "ic_spread_range",
    "lt_spread_range",
    "sample_cascades",
    "thresholds",
]

#: integer code of each model inside the kernels
MODEL_CODES = {"ic": 0, "lt": 1, "ct": 2}

_GAMMA = GOLDEN
_TO_UNIT = TO_UNIT
_S11 = np.uint64(11)
_S1 = np.uint64(1)
_mix = mix


@njit(cache=True, inline="always")
def _uniform(state):
    """Next SplitMix64 state and a uniform float64 in [0, 1)."""
    state = state + _GAMMA
    return state, np.float64(_mix(state) >> _S11) * _TO_UNIT


@njit(cache=True, inline="always")
def _bits63(state):
    """Next SplitMix64 state and 63 uniform random bits (compared with :func:`thresholds`)."""
    state = state + _GAMMA
    return state, _mix(state) >> _S1


def thresholds(prob):
    """Integer thresholds ``round(p * 2**63)`` of arc probabilities: an arc is live when 63
    random bits fall below its threshold (exactly never for p = 0, always for p = 1)."""
    return np.minimum(np.rint(np.asarray(prob, np.float64) * 2.0**63), 2.0**63).astype(np.uint64)


@njit(cache=True, inline="always")
def _stream(base_seed, s):
    """Start state of simulation ``s``."""
    return _mix(np.uint64(base_seed) + np.uint64(s) * _GAMMA)


@njit(cache=True)
def _start(seeds, tag, stamp, order, hop, parent):
    tail = 0
    for i in range(seeds.size):
        s = seeds[i]
        if stamp[s] != tag:
            stamp[s] = tag
            order[tail] = s
            hop[tail] = 0
            if parent.size:
                parent[tail] = -1
            tail += 1
    return tail


@njit(cache=True)
def _ic_once(indptr, indices, thr, seeds, max_steps, tag, stamp, order, hop, parent, state):
    """One independent-cascade realisation by breadth-first search (hop = step).

    ``thr`` holds the :func:`thresholds` of the arc probabilities. ``order``, ``hop`` and
    ``parent`` need ``n_nodes + 1`` slots; an empty ``parent`` records no parents (the Monte-Carlo
    estimates: one store less per arc). A run-time test, not a literal flag: numba compiled this
    function once per value of a literal, 0.3 CPU-s more on an empty cache.
    """
    record = parent.size > 0
    tail = _start(seeds, tag, stamp, order, hop, parent)
    head = 0
    h = 0
    level_end = tail
    while head < tail:
        if head == level_end:  # the queue holds one BFS level after another
            h += 1
            level_end = tail
        u = order[head]
        hop[head] = h
        head += 1
        if max_steps >= 0 and h >= max_steps:
            continue
        for e in range(indptr[u], indptr[u + 1]):
            # branch-free: one draw per arc; the slot past the tail is written, and kept
            # only on success
            v = indices[e]
            state, r = _bits63(state)
            ok = (stamp[v] != tag) & (r < thr[e])
            order[tail] = v
            if record:
                parent[tail] = u
            stamp[v] = tag if ok else stamp[v]
            tail += np.int64(ok)
    return tail, state


@njit(cache=True)
def _lt_once(
    indptr, indices, weight, seeds, max_steps, tag, stamp, touched, theta, acc, order, hop, parent, state
):
    """One linear-threshold realisation; thresholds drawn uniformly in (0, 1] on first touch.

    The queue is processed level by level, so a node activates at the first step at which
    the weight of its active in-neighbours reaches its threshold.
    """
    tail = _start(seeds, tag, stamp, order, hop, parent)
    head = 0
    while head < tail:
        u = order[head]
        h = hop[head]
        head += 1
        if max_steps >= 0 and h >= max_steps:
            continue
        for e in range(indptr[u], indptr[u + 1]):
            v = indices[e]
            if stamp[v] == tag:
                continue
            if touched[v] != tag:
                touched[v] = tag
                state, x = _uniform(state)
                theta[v] = 1.0 - x
                acc[v] = 0.0
            acc[v] += weight[e]
            if acc[v] >= theta[v]:
                stamp[v] = tag
                order[tail] = v
                hop[tail] = h + 1
                parent[tail] = u
                tail += 1
    return tail, state


@njit(cache=True, inline="always")
def _heap_push(heap_t, heap_v, size, t, v):
    i = size
    while i > 0:
        p = (i - 1) >> 1
        if heap_t[p] <= t:
            break
        heap_t[i] = heap_t[p]
        heap_v[i] = heap_v[p]
        i = p
    heap_t[i] = t
    heap_v[i] = v
    return size + 1


@njit(cache=True, inline="always")
def _heap_pop(heap_t, heap_v, size):
    t0 = heap_t[0]
    v0 = heap_v[0]
    size -= 1
    t = heap_t[size]
    v = heap_v[size]
    i = 0
    while True:
        c = 2 * i + 1
        if c >= size:
            break
        if c + 1 < size and heap_t[c + 1] < heap_t[c]:
            c += 1
        if heap_t[c] >= t:
            break
        heap_t[i] = heap_t[c]
        heap_v[i] = heap_v[c]
        i = c
    if size > 0:
        heap_t[i] = t
        heap_v[i] = v
    return t0, v0, size


@njit(cache=True)
def _ct_once(
    indptr, indices, prob, delay, fixed, seeds, max_steps, horizon, tag,
    stamp, seen, best, best_hop, best_parent, heap_t, heap_v, order, hop, parent, times, state,
):
    """One continuous-time independent-cascade realisation (Dijkstra on the live arcs).

    An arc ``u -> v`` is live with probability ``prob[e]``, drawn when ``u`` activates; its
    transmission delay is ``delay[e]`` (``fixed``) or exponential with mean ``delay[e]``.
    ``v`` activates at the earliest arrival time, if it is at most ``horizon``.
    """
    size = 0
    for i in range(seeds.size):
        s = seeds[i]
        if seen[s] != tag:
            seen[s] = tag
            best[s] = 0.0
            best_hop[s] = 0
            best_parent[s] = -1
            size = _heap_push(heap_t, heap_v, size, 0.0, s)
    tail = 0
    while size > 0:
        t, u, size = _heap_pop(heap_t, heap_v, size)
        if stamp[u] == tag or t > best[u]:
            continue
        stamp[u] = tag
        h = best_hop[u]
        order[tail] = u
        times[tail] = t
        hop[tail] = h
        parent[tail] = best_parent[u]
        tail += 1
        if max_steps >= 0 and h >= max_steps:
            continue
        for e in range(indptr[u], indptr[u + 1]):
            v = indices[e]
            if stamp[v] == tag:
                continue
            state, x = _uniform(state)
            if x >= prob[e]:
                continue
            if fixed:
                d = delay[e]
            else:
                state, y = _uniform(state)
                d = -delay[e] * np.log1p(-y)
            tv = t + d
            if tv > horizon:
                continue
            if seen[v] != tag or tv < best[v]:
                seen[v] = tag
                best[v] = tv
                best_hop[v] = h + 1
                best_parent[v] = u
                size = _heap_push(heap_t, heap_v, size, tv, v)
    return tail, state


@njit(cache=True)
def _summarise(order, hop, tail, weight, hist):
    """Reach in the target, max depth; adds the hop counts to ``hist``."""
    r = 0.0
    if weight.size > 0:
        for k in range(tail):
            r += weight[order[k]]
    d = 0
    for k in range(tail):
        hk = hop[k]
        hist[hk] += 1
        if hk > d:
            d = hk
    return r, d


@njit(cache=True, nogil=True)
def ic_spread_range(indptr, indices, thr, seeds, weight, base_seed, max_steps, first, lo, hi,
                    spread, reach, depth, hist):
    """Monte-Carlo independent cascades from ``seeds``: simulations ``lo .. hi - 1`` of a range
    starting at ``first`` (simulation ``i`` draws from the stream of ``first + i``, so ranges can
    run apart, on other threads or machines, and be concatenated).

    Writes, for each simulation ``i`` of the range, ``spread[i]`` (active nodes, seeds included),
    ``reach[i]`` (sum of ``weight`` over the active nodes, 0 when ``weight`` is empty) and
    ``depth[i]`` (largest hop); adds the activations at each hop to ``hist`` (``n_nodes + 1``
    bins, owned by the caller of this range). It releases the GIL: the caller runs ranges on
    threads (see *Threads* in the module docstring).
    """
    n = indptr.size - 1
    stamp = np.zeros(n, np.int32)
    order = np.empty(n + 1, np.int32)
    hop = np.empty(n + 1, np.int32)
    no_parents = np.empty(0, np.int32)
    for s in range(lo, hi):
        state = _stream(base_seed, first + s)
        tail, state = _ic_once(
            indptr, indices, thr, seeds, max_steps, s - lo + 1, stamp, order, hop, no_parents, state
        )
        spread[s] = tail
        reach[s], depth[s] = _summarise(order, hop, tail, weight, hist)


@njit(cache=True, nogil=True)
def lt_spread_range(indptr, indices, weight_lt, seeds, weight, base_seed, max_steps, first, lo, hi,
                    spread, reach, depth, hist):
    """Monte-Carlo linear threshold from ``seeds``; the same range and outputs as
    :func:`ic_spread_range`."""
    n = indptr.size - 1
    stamp = np.zeros(n, np.int32)
    touched = np.zeros(n, np.int32)
    theta = np.empty(n, np.float64)
    acc = np.empty(n, np.float64)
    order = np.empty(n + 1, np.int32)
    hop = np.empty(n + 1, np.int32)
    parent = np.empty(n + 1, np.int32)
    for s in range(lo, hi):
        state = _stream(base_seed, first + s)
        tail, state = _lt_once(
            indptr, indices, weight_lt, seeds, max_steps, s - lo + 1,
            stamp, touched, theta, acc, order, hop, parent, state,
        )
        spread[s] = tail
        reach[s], depth[s] = _summarise(order, hop, tail, weight, hist)


@njit(cache=True, nogil=True)
def ct_spread_range(
    indptr, indices, prob, delay, fixed, seeds, weight, base_seed, max_steps, horizon, grid, first, lo, hi,
    spread, reach, depth, hist, time_hist,
):
    """Monte-Carlo continuous-time independent cascades from ``seeds`` up to ``horizon``; the same
    range and outputs as :func:`ic_spread_range`, and adds to ``time_hist`` (``grid.size + 1``
    bins) the activations with time in ``(grid[k-1], grid[k]]`` (the last bin holds the times
    after ``grid[-1]``).
    """
    n = indptr.size - 1
    m = indices.size
    stamp = np.zeros(n, np.int32)
    seen = np.zeros(n, np.int32)
    best = np.empty(n, np.float64)
    best_hop = np.empty(n + 1, np.int32)
    best_parent = np.empty(n + 1, np.int32)
    heap_t = np.empty(m + seeds.size, np.float64)
    heap_v = np.empty(m + seeds.size, np.int32)
    order = np.empty(n + 1, np.int32)
    hop = np.empty(n + 1, np.int32)
    parent = np.empty(n + 1, np.int32)
    times = np.empty(n, np.float64)
    for s in range(lo, hi):
        state = _stream(base_seed, first + s)
        tail, state = _ct_once(
            indptr, indices, prob, delay, fixed, seeds, max_steps, horizon, s - lo + 1,
            stamp, seen, best, best_hop, best_parent, heap_t, heap_v, order, hop, parent,
            times, state,
        )
        spread[s] = tail
        reach[s], depth[s] = _summarise(order, hop, tail, weight, hist)
        for k in range(tail):
            time_hist[np.searchsorted(grid, times[k])] += 1


@njit(cache=True)
def sample_cascades(
    indptr, indices, prob, thr, delay, fixed, model, seed_ptr, seed_nodes, base_seed, max_steps, horizon
):
    """One realisation per cascade ``c`` from ``seed_nodes[seed_ptr[c]:seed_ptr[c+1]]``.

    Returns
    -------
    cascade, account, parent : int64 arrays
        One row per activation, grouped by cascade in activation order; ``parent`` is the
        account whose arc activated it (-1 for a seed).
    time : float64 array
        The step (``ic``, ``lt``) or the continuous time (``ct``) of the activation.
    """
    n = indptr.size - 1
    m = indices.size
    n_casc = seed_ptr.size - 1
    stamp = np.zeros(n, np.int32)
    touched = np.zeros(n, np.int32)
    theta = np.empty(n, np.float64)
    acc = np.empty(n, np.float64)
    seen = np.zeros(n, np.int32)
    best = np.empty(n, np.float64)
    best_hop = np.empty(n + 1, np.int32)
    best_parent = np.empty(n + 1, np.int32)
    heap_t = np.empty(m + n, np.float64)
    heap_v = np.empty(m + n, np.int32)
    order = np.empty(n + 1, np.int32)
    hop = np.empty(n + 1, np.int32)
    parent = np.empty(n + 1, np.int32)
    times = np.empty(n, np.float64)
    cap = max(16, 2 * seed_nodes.size)
    out_c = np.empty(cap, np.int64)
    out_a = np.empty(cap, np.int64)
    out_p = np.empty(cap, np.int64)
    out_t = np.empty(cap, np.float64)
    k = 0
    for c in range(n_casc):
        if c > 0 and c % 2_000_000_000 == 0:  # stamps are int32 tags
            stamp[:] = 0
            touched[:] = 0
            seen[:] = 0
        tag = c % 2_000_000_000 + 1
        seeds = seed_nodes[seed_ptr[c]:seed_ptr[c + 1]]
        state = _stream(base_seed, c)
        if model == 0:
            tail, state = _ic_once(
                indptr, indices, thr, seeds, max_steps, tag, stamp, order, hop, parent, state
            )
        elif model == 1:
            tail, state = _lt_once(
                indptr, indices, prob, seeds, max_steps, tag, stamp, touched, theta, acc, order, hop, parent, state
            )
        else:
            tail, state = _ct_once(
                indptr, indices, prob, delay, fixed, seeds, max_steps, horizon, tag,
                stamp, seen, best, best_hop, best_parent, heap_t, heap_v, order, hop, parent, times, state,
            )
        if k + tail > cap:
            cap = max(2 * cap, k + tail)
            out_c = _grow_i(out_c, cap)
            out_a = _grow_i(out_a, cap)
            out_p = _grow_i(out_p, cap)
            out_t = _grow_f(out_t, cap)
        for j in range(tail):
            out_c[k] = c
            out_a[k] = order[j]
            out_p[k] = parent[j]
            out_t[k] = times[j] if model == 2 else hop[j]
            k += 1
    return out_c[:k].copy(), out_a[:k].copy(), out_t[:k].copy(), out_p[:k].copy()


@njit(cache=True)
def _grow_i(a, cap):
    b = np.empty(cap, np.int64)
    copy_into(b, 0, a)
    return b


@njit(cache=True)
def _grow_f(a, cap):
    b = np.empty(cap, np.float64)
    copy_into(b, 0, a)
    return b
