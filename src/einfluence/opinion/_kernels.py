"""Numba kernels of the opinion models: linear sweeps, discrete agent updates, bounded confidence.

Every per-agent loop of :mod:`einfluence.opinion` lives here, compiled with ``@njit(cache=True)``
and fed with arrays and scalars only; the public functions validate their input and call these
kernels. Tests compare each kernel with a plain-Python twin (``tests/opinion/_oracles.py``).

The influence network is read as compressed rows: row ``i`` lists the accounts ``i`` listens to
(``indices[indptr[i]:indptr[i+1]]``) with weights that sum to one (or an empty row: ``i`` listens
to nobody). ``cum`` holds the running sums of those weights per row, so that a source of ``i`` is
drawn in proportion to its weight by a binary search (or uniformly when ``weighted`` is false).

Randomness
----------
Each run ``r`` draws from its own SplitMix64 stream [1]_, started from
``mix(base_seed + r * golden_gamma)``: a run gives the same result whichever thread runs it, so
results depend on ``base_seed`` only, never on the number of threads. Runs are split into one
chunk per thread: the chunk kernels release the GIL and run in a thread pool (compiling them
once, serially, takes a fraction of what a ``prange`` over their bodies does); each chunk owns
its buffers and writes only the rows of its own runs; per-chunk trajectories are summed
afterwards. The linear sweeps use ``prange`` over rows (each row written by one thread).

State codes of the discrete models: ``0`` the opinion against (B), ``1`` the opinion for (A),
``2`` both (AB, the naming game's undecided inventory).

References
----------
.. [1] G. L. Steele, D. Lea and C. H. Flood, "Fast splittable pseudorandom number
   generators", Proc. OOPSLA 2014, pp. 453-472. https://doi.org/10.1145/2660193.2660195
"""

from __future__ import annotations

import numpy as np

from einfluence.base.jit import njit, prange
from einfluence.base.splitmix import GOLDEN, TO_UNIT, mix

__all__ = [
    "MODEL_CODES",
    "deffuant_chunk",
    "discrete_chunk",
    "fj_sweep",
    "hk_complete_step",
    "hk_graph_step",
    "transpose_sweep",
]

#: integer code of each discrete model inside the kernels
MODEL_CODES = {"voter": 0, "q-voter": 1, "majority": 2, "naming-game": 3}

_S11 = np.uint64(11)
_B, _A, _AB = 0, 1, 2


@njit(cache=True, inline="always")
def _uniform(state):
    """Next SplitMix64 state and a uniform float64 in [0, 1)."""
    state = state + GOLDEN
    return state, np.float64(mix(state) >> _S11) * TO_UNIT


@njit(cache=True)
def _stream(base_seed, r):
    """Start state of run ``r``."""
    return mix(np.uint64(base_seed) + np.uint64(r) * GOLDEN)


@njit(cache=True, inline="always")
def _below(state, n):
    """Next state and an integer uniform in [0, n)."""
    state, u = _uniform(state)
    k = np.int64(u * n)
    return state, min(k, n - 1)


@njit(cache=True, inline="always")
def _source(indptr, indices, cum, weighted, i, state):
    """Next state and a source of ``i`` drawn in proportion to its weight (-1 when none)."""
    lo = indptr[i]
    hi = indptr[i + 1]
    if hi == lo:
        return state, -1
    if not weighted:
        state, k = _below(state, hi - lo)
        return state, indices[lo + k]
    state, u = _uniform(state)
    a, b = lo, hi - 1
    while a < b:  # first position with cum > u
        mid = (a + b) >> 1
        if cum[mid] > u:
            b = mid
        else:
            a = mid + 1
    return state, indices[a]


# ------------------------------------------------------------------------------ linear models


@njit(cache=True, parallel=True)
def fj_sweep(indptr, indices, weight, lam, base, x, out):
    """One Jacobi sweep of Friedkin-Johnsen: ``out[i] = lam[i] * sum_j w_ij x[j] + base[i]``.

    Each row is written by one thread (no race); returns nothing, ``out`` is filled.
    """
    n = indptr.size - 1
    for i in prange(n):
        s = 0.0
        for e in range(indptr[i], indptr[i + 1]):
            s += weight[e] * x[indices[e]]
        out[i] = lam[i] * s + base[i]


@njit(cache=True, parallel=True)
def transpose_sweep(t_indptr, t_indices, t_weight, lam, c, y, out):
    """One sweep of the adjoint system ``y = c + W^T (lam * y)`` on the transposed rows."""
    n = t_indptr.size - 1
    for j in prange(n):
        s = 0.0
        for e in range(t_indptr[j], t_indptr[j + 1]):
            i = t_indices[e]
            s += t_weight[e] * lam[i] * y[i]
        out[j] = c[j] + s


# ---------------------------------------------------------------------------- discrete models


@njit(cache=True, inline="always")
def _set(states, counts, i, new):
    """``states[i] = new``, keeping the counts per state; branch-free (a branch on a state just
    read from memory is mispredicted half the time, and each miss stalls the next updates)."""
    counts[states[i]] -= 1
    counts[new] += 1
    states[i] = new


@njit(cache=True, inline="always")
def _voter_step(indptr, indices, cum, weighted, states, fixed, counts, state):
    n = states.size
    state, i = _below(state, n)
    if fixed[i]:
        return state
    state, j = _source(indptr, indices, cum, weighted, i, state)
    if j >= 0:
        _set(states, counts, i, states[j])
    return state


@njit(cache=True, inline="always")
def _qvoter_step(indptr, indices, cum, weighted, states, fixed, counts, q, eps, state):
    n = states.size
    state, i = _below(state, n)
    if fixed[i] or indptr[i + 1] == indptr[i]:
        return state
    state, j = _source(indptr, indices, cum, weighted, i, state)
    first = states[j]
    same = True
    for _ in range(q - 1):
        state, j = _source(indptr, indices, cum, weighted, i, state)
        if states[j] != first:
            same = False
    if same:
        _set(states, counts, i, first)
    elif eps > 0.0:
        state, u = _uniform(state)
        if u < eps:
            _set(states, counts, i, 1 - states[i])
    return state


@njit(cache=True, inline="always")
def _majority_step(indptr, indices, cum, weighted, states, fixed, counts, group, members, state):
    """Majority rule: the listener and ``group - 1`` of its sources (distinct when possible)
    all adopt the group's majority (``group`` odd)."""
    n = states.size
    state, i = _below(state, n)
    deg = indptr[i + 1] - indptr[i]
    if deg == 0:
        return state
    members[0] = i
    size = 1
    for _ in range(group - 1):
        j = -1
        for _try in range(8):  # distinct members when the listener has enough sources
            state, j = _source(indptr, indices, cum, weighted, i, state)
            dup = False
            for k in range(size):
                if members[k] == j:
                    dup = True
            if not dup or size > deg:
                break
        members[size] = j
        size += 1
    ones = 0
    for k in range(size):
        ones += states[members[k]]
    major = 1 if 2 * ones > size else 0
    for k in range(size):
        m = members[k]
        if not fixed[m]:
            _set(states, counts, m, major)
    return state


@njit(cache=True, inline="always")
def _naming_step(indptr, indices, cum, weighted, states, fixed, counts, state):
    """Binary-agreement naming game: a listener, a speaker it listens to, a word voiced."""
    n = states.size
    state, listener = _below(state, n)
    state, speaker = _source(indptr, indices, cum, weighted, listener, state)
    if speaker < 0:
        return state
    s = states[speaker]
    if s == _AB:
        state, u = _uniform(state)
        word = _A if u < 0.5 else _B
    else:
        word = s
    h = states[listener]
    if h == word or h == _AB:  # noqa: SIM109 (numba: plain comparisons) agreement: both keep only the word
        if not fixed[listener]:
            _set(states, counts, listener, word)
        if not fixed[speaker]:
            _set(states, counts, speaker, word)
    elif not fixed[listener]:  # the listener learns the word
        _set(states, counts, listener, _AB)
    return state


@njit(cache=True, inline="always")
def _step(model, weighted, indptr, indices, cum, states, fixed, counts, q, eps, group, members, state):
    """One update of ``model``; with ``model`` and ``weighted`` constants where it is inlined, the
    compiled sweep holds one model's code only."""
    if model == 0:
        return _voter_step(indptr, indices, cum, weighted, states, fixed, counts, state)
    if model == 1:
        return _qvoter_step(indptr, indices, cum, weighted, states, fixed, counts, q, eps, state)
    if model == 2:
        return _majority_step(indptr, indices, cum, weighted, states, fixed, counts, group, members, state)
    return _naming_step(indptr, indices, cum, weighted, states, fixed, counts, state)


@njit(cache=True, inline="always")
def _sweep(model, weighted, indptr, indices, cum, states, fixed, counts, q, eps, group, members, state,
           t, target, stop_early, absorbing, t_maj, t_con):
    """Sweep ``t``: ``n`` updates; returns ``(state, t_maj, t_con, done)``."""
    n = states.size
    half = n // 2
    other = 1 - target
    for u in range(n):
        state = _step(model, weighted, indptr, indices, cum, states, fixed, counts, q, eps, group, members, state)
        held = counts[target]
        if held > half and t_maj < 0.0:
            t_maj = t - 1 + (u + 1) / n
        if held == n:
            if t_con < 0.0:
                t_con = t - 1 + (u + 1) / n
            if stop_early:
                return state, t_maj, t_con, True
        elif stop_early and absorbing and counts[other] == n:
            return state, t_maj, t_con, True  # consensus on the other opinion: nothing moves any more
    return state, t_maj, t_con, False


@njit(cache=True)
def _sweep_of(model, weighted, indptr, indices, cum, states, fixed, counts, q, eps, group, members, state,
              t, target, stop_early, absorbing, t_maj, t_con):
    """:func:`_sweep` compiled once per model and weighting (constant arguments after inlining)."""
    if weighted:
        if model == 0:
            return _sweep(0, True, indptr, indices, cum, states, fixed, counts, q, eps, group, members, state,
                          t, target, stop_early, absorbing, t_maj, t_con)
        if model == 1:
            return _sweep(1, True, indptr, indices, cum, states, fixed, counts, q, eps, group, members, state,
                          t, target, stop_early, absorbing, t_maj, t_con)
        if model == 2:
            return _sweep(2, True, indptr, indices, cum, states, fixed, counts, q, eps, group, members, state,
                          t, target, stop_early, absorbing, t_maj, t_con)
        return _sweep(3, True, indptr, indices, cum, states, fixed, counts, q, eps, group, members, state,
                      t, target, stop_early, absorbing, t_maj, t_con)
    if model == 0:
        return _sweep(0, False, indptr, indices, cum, states, fixed, counts, q, eps, group, members, state,
                      t, target, stop_early, absorbing, t_maj, t_con)
    if model == 1:
        return _sweep(1, False, indptr, indices, cum, states, fixed, counts, q, eps, group, members, state,
                      t, target, stop_early, absorbing, t_maj, t_con)
    if model == 2:
        return _sweep(2, False, indptr, indices, cum, states, fixed, counts, q, eps, group, members, state,
                      t, target, stop_early, absorbing, t_maj, t_con)
    return _sweep(3, False, indptr, indices, cum, states, fixed, counts, q, eps, group, members, state,
                  t, target, stop_early, absorbing, t_maj, t_con)


@njit(cache=True, nogil=True)
def discrete_chunk(
    model, indptr, indices, cum, weighted, p_a, p_ab, fixed_state, pool, n_commit, commit_state,
    target, lo, hi, horizon, base_seed, q, eps, group, stop_early, final, t_majority, t_consensus, traj,
):
    """Runs ``lo .. hi - 1`` of a discrete opinion model for ``horizon`` sweeps (``n`` updates each).

    One thread's share of the runs, serially; it releases the GIL, so that chunks run in parallel
    threads (:func:`einfluence.opinion.discrete.simulate_opinions`), each writing only its own
    rows of the outputs and its own trajectory ``traj``.

    Parameters
    ----------
    model : int
        A code of :data:`MODEL_CODES`.
    p_a, p_ab : float64 (n,)
        Probability that a free agent starts in A, in AB (else B).
    fixed_state : int8 (n,)
        -1 for a free agent, else the state it is committed to.
    pool, n_commit, commit_state
        Each run also commits ``n_commit`` agents drawn uniformly from ``pool`` (free agents)
        to ``commit_state``.
    target : int
        The state whose majority and consensus are recorded.
    stop_early : bool
        Stop a run at consensus: on ``target``, or on the other opinion (both are absorbing,
        committed agents included, except for the q-voter with noise).
    final : int64 (n_runs, 3)
        Filled: agents in B, A, AB at the end of each run.
    t_majority, t_consensus : float64 (n_runs,)
        Filled: first time (in sweeps) when more than half the agents hold ``target``, when all
        do; left at -1 when never within the horizon.
    traj : float64 (horizon + 1,)
        Adds the share of agents holding ``target`` at the end of each sweep.
    """
    n = indptr.size - 1
    states = np.empty(n, np.int8)
    fixed = np.empty(n, np.bool_)
    order = pool.copy()
    members = np.empty(max(group, 1), np.int64)
    counts = np.zeros(3, np.int64)
    half = n // 2
    absorbing = not (model == 1 and eps > 0.0)  # every consensus is final, but for the noisy q-voter
    for r in range(lo, hi):
        state = _stream(base_seed, r)
        counts[:] = 0
        for i in range(n):
            f = fixed_state[i]
            if f >= 0:
                states[i] = f
                fixed[i] = True
            else:
                state, u = _uniform(state)
                states[i] = _A if u < p_a[i] else (_AB if u < p_a[i] + p_ab[i] else _B)
                fixed[i] = False
        order[:] = pool  # every run shuffles the pool afresh: runs do not depend on the chunking
        for k in range(n_commit):  # partial Fisher-Yates over the pool
            state, j = _below(state, order.size - k)
            j += k
            tmp = order[k]
            order[k] = order[j]
            order[j] = tmp
            states[order[k]] = commit_state
            fixed[order[k]] = True
        for i in range(n):
            counts[states[i]] += 1
        t_maj = t_con = -1.0
        if counts[target] > half:
            t_maj = 0.0
        if counts[target] == n:
            t_con = 0.0
        traj[0] += counts[target] / n
        done = stop_early and (counts[target] == n or (absorbing and counts[1 - target] == n))
        for t in range(1, horizon + 1):
            if done:
                traj[t] += 1.0 if counts[target] == n else 0.0
                continue
            state, t_maj, t_con, done = _sweep_of(model, weighted, indptr, indices, cum, states, fixed, counts, q,
                                                  eps, group, members, state, t, target, stop_early, absorbing,
                                                  t_maj, t_con)
            traj[t] += counts[target] / n
        t_majority[r] = t_maj
        t_consensus[r] = t_con
        for s in range(3):
            final[r, s] = counts[s]


# -------------------------------------------------------------------------- bounded confidence


@njit(cache=True, parallel=True)
def hk_graph_step(indptr, indices, x, stubborn, epsilon, out):
    """One synchronous Hegselmann-Krause step on a graph: the mean of the opinions within
    ``epsilon`` among oneself and one's sources (stubborn agents keep theirs)."""
    n = x.size
    for i in prange(n):
        if stubborn[i]:
            out[i] = x[i]
            continue
        s = x[i]
        k = 1
        for e in range(indptr[i], indptr[i + 1]):
            y = x[indices[e]]
            if abs(y - x[i]) <= epsilon:
                s += y
                k += 1
        out[i] = s / k


@njit(cache=True)
def hk_complete_step(x, stubborn, epsilon, out):
    """One synchronous Hegselmann-Krause step on the complete graph in O(n log n): opinions
    within ``epsilon`` of ``x[i]`` form a window of the sorted opinions (prefix sums)."""
    n = x.size
    order = np.argsort(x)
    xs = x[order]
    prefix = np.zeros(n + 1)
    for k in range(n):
        prefix[k + 1] = prefix[k] + xs[k]
    lo = 0
    hi = 0
    for k in range(n):
        v = xs[k]
        while xs[lo] < v - epsilon:
            lo += 1
        while hi < n and xs[hi] <= v + epsilon:
            hi += 1
        i = order[k]
        out[i] = x[i] if stubborn[i] else (prefix[hi] - prefix[lo]) / (hi - lo)


@njit(cache=True, nogil=True)
def deffuant_chunk(indptr, indices, cum, weighted, x0, stubborn, epsilon, mu, n_sweeps, complete,
                   lo, hi, base_seed, out):
    """Deffuant-Weisbuch runs ``lo .. hi - 1`` (one thread's share; releases the GIL): a listener
    and a source (any other agent on the complete graph) move towards each other by ``mu`` of
    their gap when it is below ``epsilon``. Fills ``out[r]`` with the final opinions of run ``r``.
    """
    n = x0.size
    for r in range(lo, hi):
        state = _stream(base_seed, r)
        x = x0.copy()
        for _ in range(n_sweeps * n):
            state, i = _below(state, n)
            if complete:
                state, j = _below(state, n - 1)
                j += j >= i
            else:
                state, j = _source(indptr, indices, cum, weighted, i, state)
                if j < 0:
                    continue
            d = x[j] - x[i]
            if abs(d) < epsilon:
                if not stubborn[i]:
                    x[i] += mu * d
                if not stubborn[j]:
                    x[j] -= mu * d
        out[r] = x
