"""Numba kernels of the opinion models: linear sweeps, discrete agent updates, bounded confidence.

Every per-agent loop of :mod:`einfluence.opinion` lives here, compiled with ``@njit(cache=True)``
and fed with arrays and scalars only; the public functions validate their input and call these
kernels. Tests compare each kernel with a plain-Python twin (``tests/opinion/_oracles.py``).

The influence network is read as compressed rows: row ``i`` lists the accounts ``i`` listens to
(``indices[indptr[i]:indptr[i+1]]``) with weights that sum to one (or an empty row: ``i`` listens
to nobody). The discrete models draw a source of ``i`` in proportion to its weight in O(1) from
alias tables (see the section of the discrete models); Deffuant's model searches ``cum``, the
running sums of the weights per row (or draws uniformly when ``weighted`` is false).

Randomness
----------
Each run ``r`` draws from its own SplitMix64 stream [1]_, started from
``mix(base_seed + r * golden_gamma)`` (the discrete models also from an auxiliary stream started
from that state, see their section): a run gives the same result whichever thread runs it, so
results depend on ``base_seed`` only, never on the number of threads. The chunk kernels run
a block of runs ``lo .. hi - 1``; they release the GIL and run in a thread pool (compiling them
once, serially, takes a fraction of what a ``prange`` over their bodies does), each thread
taking the next block of runs when done with its previous one
(:func:`einfluence.opinion.discrete.run_chunks`); a block owns its buffers and writes only the
rows of its own runs; the per-thread trajectories count agents (integers), so their sums do not
depend on which thread ran which run. The linear sweeps and the Hegselmann-Krause step on a graph
are range kernels over rows too (``*_rows``: rows ``lo .. hi - 1``, each written by one thread),
that :func:`fj_sweep`, :func:`transpose_sweep` and :func:`hk_graph_step` run on consecutive parts
of the rows on threads (:func:`einfluence.base.threads.in_parts`; on one thread for a small
network); a row's value does not depend on the parts.

State codes of the discrete models: ``0`` the opinion against (B), ``1`` the opinion for (A),
``2`` both (AB, the naming game's undecided inventory); inside the kernels, ``4`` is added for a
committed agent.

References
----------
.. [1] G. L. Steele, D. Lea and C. H. Flood, "Fast splittable pseudorandom number
   generators", Proc. OOPSLA 2014, pp. 453-472. https://doi.org/10.1145/2660193.2660195
.. [2] A. J. Walker, "An efficient method for generating discrete random variables with general
   distributions", ACM Transactions on Mathematical Software 3(3), 1977, pp. 253-256.
   https://doi.org/10.1145/355744.355749
.. [3] M. D. Vose, "A linear algorithm for generating random numbers with a given distribution",
   IEEE Transactions on Software Engineering 17(9), 1991, pp. 972-975.
   https://doi.org/10.1109/32.92917
.. [4] D. Lemire, "Fast random integer generation in an interval", ACM Transactions on Modeling
   and Computer Simulation 29(1), 2019, article 3. https://doi.org/10.1145/3230636
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from einfluence.base.jit import copy_into, get_num_threads, njit
from einfluence.base.splitmix import GOLDEN, TO_UNIT, mix
from einfluence.base.threads import in_parts
from einfluence.targeting._kernels.streams import prefetch

__all__ = [
    "MODEL_CODES",
    "deffuant_chunk",
    "discrete_chunk",
    "fj_sweep",
    "fj_sweep_rows",
    "hk_complete_step",
    "hk_graph_step",
    "hk_graph_step_rows",
    "sampling_tables",
    "transpose_sweep",
    "transpose_sweep_rows",
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


#: below this much work (rows + arcs), a sweep runs on the calling thread (see :func:`_by_rows`)
MIN_PARALLEL_WORK = 250_000


def _by_rows(n_rows: int, n_arcs: int, sweep_rows: Callable[[int, int], None]) -> None:
    """``sweep_rows(lo, hi)`` over consecutive parts of the rows, one part per thread.

    A sweep is called once per iteration of a solver, thousands of times, and handing parts to
    other threads costs 50 to 150 microseconds a call (thread wake-ups): measured on random
    networks of mean degree 10, one thread is faster up to about 20,000 rows (220,000 rows +
    arcs), two threads from 30,000 on, hence :data:`MIN_PARALLEL_WORK`. (A ``prange``, whose
    OpenMP threads wait spinning, handed off in microseconds: up to twice as fast between 5,000
    and 50,000 rows on idle cores, many times slower on busy ones.)
    """
    threads = int(get_num_threads()) if n_rows + n_arcs >= MIN_PARALLEL_WORK else 1
    in_parts(n_rows, threads, lambda lo, hi, _: sweep_rows(lo, hi))


def fj_sweep(indptr: np.ndarray, indices: np.ndarray, weight: np.ndarray, lam: np.ndarray, base: np.ndarray,
             x: np.ndarray, out: np.ndarray) -> None:
    """One Jacobi sweep of Friedkin-Johnsen: ``out[i] = lam[i] * sum_j w_ij x[j] + base[i]``.

    Rows are split over the threads (each row written by one thread); returns nothing, ``out``
    is filled.
    """
    _by_rows(indptr.size - 1, indices.size,
             lambda lo, hi: fj_sweep_rows(indptr, indices, weight, lam, base, x, out, lo, hi))


@njit(cache=True, nogil=True)
def fj_sweep_rows(indptr, indices, weight, lam, base, x, out, lo, hi):
    """Rows ``lo .. hi - 1`` of :func:`fj_sweep`."""
    for i in range(lo, hi):
        s = 0.0
        for e in range(indptr[i], indptr[i + 1]):
            s += weight[e] * x[indices[e]]
        out[i] = lam[i] * s + base[i]


def transpose_sweep(t_indptr: np.ndarray, t_indices: np.ndarray, t_weight: np.ndarray, lam: np.ndarray,
                    c: np.ndarray, y: np.ndarray, out: np.ndarray) -> None:
    """One sweep of the adjoint system ``y = c + W^T (lam * y)`` on the transposed rows (split
    over the threads, as :func:`fj_sweep`)."""
    _by_rows(t_indptr.size - 1, t_indices.size,
             lambda lo, hi: transpose_sweep_rows(t_indptr, t_indices, t_weight, lam, c, y, out, lo, hi))


@njit(cache=True, nogil=True)
def transpose_sweep_rows(t_indptr, t_indices, t_weight, lam, c, y, out, lo, hi):
    """Rows ``lo .. hi - 1`` of :func:`transpose_sweep`."""
    for j in range(lo, hi):
        s = 0.0
        for e in range(t_indptr[j], t_indptr[j + 1]):
            i = t_indices[e]
            s += t_weight[e] * lam[i] * y[i]
        out[j] = c[j] + s


# ---------------------------------------------------------------------------- discrete models


# The discrete models read the network as sampling tables (:func:`sampling_tables`):
#
# * ``offs`` (uint32, ``n + 1``): row ``i``'s sources are ``src[offs[i]:offs[i + 1]]`` (four
#   bytes an agent: the table the listener draws read stays small in the cache);
# * ``src`` (int32, one padding entry at the end): the sources, row after row; bit 31 (the sign)
#   marks the entries of a row whose weights differ (sources are below ``2**31 - 1``);
# * ``alias`` (int32) and ``keep`` (float64), aligned with ``src``: Walker's alias tables [2]_ of
#   the rows whose weights differ, built once per call by Vose's method [3]_.
#
# A source of ``i`` is then drawn in O(1) on every row: a position ``k`` uniform among the
# ``degree`` entries; on a weighted row (a negative entry), the source ``src[start + k]`` is kept
# with probability ``keep[start + k]``, else ``alias[start + k]`` is taken. A row whose weights
# are all equal (an unweighted network: every row) reads neither table: the weights are data,
# not a separate compiled loop, and the branch on the entry's sign is predicted (few networks mix
# both kinds).
#
# Streams. Every update draws one 64-bit word ``z`` from the run's main stream: its high 32 bits
# pick the listener, bits 1-31 the position of the source, bit 0 the word an undecided speaker
# voices. Integers are exactly uniform: Lemire's multiply-shift [4]_, with the rare products of
# the biased remainder redrawn. Every other draw (redraws, the alias coin of a weighted row, the
# further sources of the q-voter and the majority rule, the q-voter's noise) comes from a second,
# auxiliary stream, so that update ``u`` of a sweep always takes word ``u`` of the main stream.
#
# A state is one byte: bit 0 holds A, bit 1 AB (so B is 0), bit 2 marks a committed agent, whom
# the updates leave as they find. The voter and naming-game updates are branch-free (a branch on a
# state just read from memory is mispredicted half the time, and each miss stalls the next
# updates); an update of a committed or isolated listener reads a source all the same (the
# padding entry makes that read safe) and writes back what it read. The counts of A and AB are
# kept in registers, and one comparison per update catches the next event (a majority, a
# consensus). As the main words depend on the stream's counter only, the voter and naming-game
# sweeps (the long runs) prefetch the offsets and source entries of the updates to come: the two
# reads an update cannot do without, at addresses a random draw spreads over megabytes.

_S1 = np.uint64(1)
_S31 = np.uint64(31)
_S32 = np.uint64(32)
_S33 = np.uint64(33)
_M31 = np.uint64(0x7FFFFFFF)
_SOURCE = np.int64(0x7FFFFFFF)  # the source of an entry of ``src`` (bit 31 flags a weighted row)
_WEIGHTED = np.int64(-(1 << 31))  # bit 31 of an int32 entry, sign-extended
_M32 = np.uint64(0xFFFFFFFF)
_P31 = np.uint64(1 << 31)
_P32 = np.uint64(1 << 32)
_AUX = np.uint64(0xD1B54A32D192ED03)  # the auxiliary stream starts at mix(main start ^ _AUX)
_FIXED = 4
_STATE = 3


@njit(cache=True, inline="always")
def _next(state):
    """Next SplitMix64 state and its 64 random bits."""
    state = state + GOLDEN
    return state, mix(state)


@njit(cache=True, inline="always")
def _listener(z, n, aux):
    """Uniform in ``[0, n)`` from the high 32 bits of ``z`` (Lemire; the biased remainder, with
    probability below ``n / 2**32``, redrawn from the high bits of auxiliary words)."""
    m = np.uint64(n)
    p = (z >> _S32) * m
    if (p & _M32) < m:
        floor = (_P32 - m) % m
        while (p & _M32) < floor:
            aux, w = _next(aux)
            p = (w >> _S32) * m
    return np.int64(p >> _S32), aux


@njit(cache=True, inline="always")
def _position(x, deg, aux):
    """Uniform in ``[0, deg)`` from 31 bits ``x`` (Lemire, redrawing from the high 31 bits of
    auxiliary words); 0 when ``deg`` is 0."""
    p = x * deg
    if (p & _M31) < deg:
        floor = (_P31 - deg) % deg
        while (p & _M31) < floor:
            aux, w = _next(aux)
            p = (w >> _S33) * deg
    return np.int64(p >> _S31), aux


@njit(cache=True, inline="always")
def _entry(lo, deg, x, aux):
    """The entry at the position drawn from 31 bits ``x`` among the ``deg`` entries of a row
    starting at ``lo`` (both uint64); on an empty row: ``lo``, which the caller ignores."""
    k, aux = _position(x, deg, aux)
    return np.int64(lo) + k, aux


@njit(cache=True, inline="always")
def _coin(entry, deg, aux):
    """The alias coin of an entry read from ``src``: an auxiliary uniform on a weighted row (a
    negative entry), -1 on an unweighted or empty row. The source is then ``alias[e]`` when
    ``coin >= keep[e]``, else ``entry & _SOURCE`` (the caller reads the tables).

    No array goes through these helpers: numba counts the references of an array handed to an
    inlined function whose body branches, with two atomic increments and decrements per call
    (about 10 ns an update, and a cache line the threads fight over).
    """
    coin = -1.0
    if entry < 0 and deg != 0:
        aux, w = _next(aux)
        coin = np.float64(w >> _S11) * TO_UNIT
    return coin, aux


_AHEAD = 8  # updates between the prefetch of a source's entry and its use (twice that for its offset)
_RING = 16  # the main words of the coming updates; a power of two, twice _AHEAD
_RING_MASK = _RING - 1


@njit(cache=True, inline="always")
def _fill(state, n, offs, ring):
    """The words of the first ``_RING`` updates of a sweep starting at ``state`` into ``ring``,
    with their offsets prefetched; returns the counter of the last word."""
    for k in range(_RING):
        state = state + GOLDEN
        ring[k] = mix(state)
        prefetch(offs, np.int64(((ring[k] >> _S32) * np.uint64(n)) >> _S32))
    return state


@njit(cache=True, inline="always")
def _ahead(u, ahead, n, offs, src, ring):
    """Prefetch for the coming updates (their words depend on the counter only, never on the
    states): the offset of update ``u + _RING`` (its word replaces update ``u``'s, read already),
    the source entry of update ``u + _AHEAD`` (its offset prefetched ``_AHEAD`` updates ago). The
    listener is taken before any redraw (a prefetch is a hint: a rare miss costs nothing)."""
    ahead = ahead + GOLDEN
    z = mix(ahead)
    ring[u & _RING_MASK] = z
    prefetch(offs, np.int64(((z >> _S32) * np.uint64(n)) >> _S32))
    z = ring[(u + _AHEAD) & _RING_MASK]
    i = np.int64(((z >> _S32) * np.uint64(n)) >> _S32)
    lo = np.uint64(offs[i])
    prefetch(src, np.int64(lo) + np.int64((((z >> _S1) & _M31) * (np.uint64(offs[i + 1]) - lo)) >> _S31))
    return ahead


@njit(cache=True, inline="always")
def _counted(na, nab, old, new):
    """The counts of A and AB once a state ``old`` became ``new`` (branch-free)."""
    return na + (new & 1) - (old & 1), nab + ((new >> 1) & 1) - ((old >> 1) & 1)


@njit(cache=True, inline="always")
def _event(held, nab, watch, stop_other, n, u, t, t_maj, t_con, stop_early):
    """After update ``u`` of sweep ``t``, with ``held`` agents on the target (called only when
    ``held > watch`` or the other opinion may hold everyone): records a majority, a consensus;
    returns ``(watch, t_maj, t_con, done)``."""
    now = t - 1 + (u + 1) / n
    if held > n // 2 and t_maj < 0.0:
        t_maj = now
        watch = n - 1
    if held == n:
        if t_con < 0.0:
            t_con = now
        watch = n
        if stop_early:
            return watch, t_maj, t_con, True
    elif stop_other and held + nab == 0:
        return watch, t_maj, t_con, True  # consensus on the other opinion: nothing moves any more
    return watch, t_maj, t_con, False


@njit(cache=True, inline="always")
def _held(target, n, na, nab):
    return na if target == 1 else n - na - nab


@njit(cache=True)
def _voter_sweep(offs, src, alias, keep, states, state, aux, na, nab, t, target, stop_early, absorbing,
                 t_maj, t_con):
    """Sweep ``t`` of the voter model: ``n`` updates in which the listener copies a source's opinion.
    Returns ``(state, aux, na, nab, t_maj, t_con, done)``."""
    n = states.size
    watch = n // 2 if t_maj < 0.0 else (n - 1 if t_con < 0.0 else n)
    stop_other = stop_early and absorbing
    ring = np.empty(_RING, np.uint64)
    ahead = _fill(state, n, offs, ring)
    for u in range(n):
        state = state + GOLDEN
        z = ring[u & _RING_MASK]  # mix(state)
        ahead = _ahead(u, ahead, n, offs, src, ring)
        i, aux = _listener(z, n, aux)
        lo = np.uint64(offs[i])
        deg = np.uint64(offs[i + 1]) - lo
        e, aux = _entry(lo, deg, (z >> _S1) & _M31, aux)
        entry = np.int64(src[e])
        coin, aux = _coin(entry, deg, aux)
        j = np.int64(alias[e]) if coin >= 0.0 and coin >= keep[e] else entry & _SOURCE
        old = np.int64(states[i])
        heard = np.int64(states[j]) & _STATE
        new = old if (old & _FIXED) != 0 or deg == 0 else heard
        states[i] = new
        na, nab = _counted(na, nab, old, new)
        held = _held(target, n, na, nab)
        if held > watch or (stop_other and held + nab == 0):
            watch, t_maj, t_con, done = _event(held, nab, watch, stop_other, n, u, t, t_maj, t_con, stop_early)
            if done:
                return state, aux, na, nab, t_maj, t_con, True
    return state, aux, na, nab, t_maj, t_con, False


@njit(cache=True)
def _naming_sweep(offs, src, alias, keep, states, state, aux, na, nab, t, target, stop_early, absorbing,
                  t_maj, t_con):
    """Sweep ``t`` of the binary-agreement naming game: a listener, a speaker it listens to, a word
    voiced (bit 0 of the update's word when the speaker holds both); if the listener holds it both
    keep only that word, else the listener adds it. Both states are written back, changed or not."""
    n = states.size
    watch = n // 2 if t_maj < 0.0 else (n - 1 if t_con < 0.0 else n)
    stop_other = stop_early and absorbing
    ring = np.empty(_RING, np.uint64)
    ahead = _fill(state, n, offs, ring)
    for u in range(n):
        state = state + GOLDEN
        z = ring[u & _RING_MASK]  # mix(state)
        ahead = _ahead(u, ahead, n, offs, src, ring)
        i, aux = _listener(z, n, aux)
        lo = np.uint64(offs[i])
        deg = np.uint64(offs[i + 1]) - lo
        e, aux = _entry(lo, deg, (z >> _S1) & _M31, aux)
        entry = np.int64(src[e])
        coin, aux = _coin(entry, deg, aux)
        j = np.int64(alias[e]) if coin >= 0.0 and coin >= keep[e] else entry & _SOURCE
        h = np.int64(states[i])
        s = np.int64(states[j])
        said = s & _STATE
        word = np.int64(z & _S1) if said == _AB else said
        held_word = h & _STATE
        agree = (held_word == word) | (held_word == _AB)
        talk = deg != 0
        new_h = h if (h & _FIXED) != 0 or not talk else (word if agree else _AB)
        new_s = word if (s & _FIXED) == 0 and talk and agree else s
        states[i] = new_h
        states[j] = new_s  # j != i on a non-empty row (no self-loop); else both are unchanged
        na, nab = _counted(na, nab, h, new_h)
        na, nab = _counted(na, nab, s, new_s)
        held = _held(target, n, na, nab)
        if held > watch or (stop_other and held + nab == 0):
            watch, t_maj, t_con, done = _event(held, nab, watch, stop_other, n, u, t, t_maj, t_con, stop_early)
            if done:
                return state, aux, na, nab, t_maj, t_con, True
    return state, aux, na, nab, t_maj, t_con, False


@njit(cache=True)
def _qvoter_sweep(offs, src, alias, keep, states, state, aux, na, nab, t, target, stop_early, absorbing,
                  t_maj, t_con, q, eps):
    """Sweep ``t`` of the q-voter model: ``q`` sources drawn with repetition (the first from the
    update's word, the others from auxiliary words); unanimous, the listener adopts their opinion,
    else it flips with probability ``eps`` (an auxiliary word)."""
    n = states.size
    watch = n // 2 if t_maj < 0.0 else (n - 1 if t_con < 0.0 else n)
    stop_other = stop_early and absorbing
    for u in range(n):
        state, z = _next(state)
        i, aux = _listener(z, n, aux)
        lo = np.uint64(offs[i])
        deg = np.uint64(offs[i + 1]) - lo
        old = np.int64(states[i])
        if (old & _FIXED) != 0 or deg == 0:
            continue
        e, aux = _entry(lo, deg, (z >> _S1) & _M31, aux)
        entry = np.int64(src[e])
        coin, aux = _coin(entry, deg, aux)
        j = np.int64(alias[e]) if coin >= 0.0 and coin >= keep[e] else entry & _SOURCE
        first = np.int64(states[j]) & _STATE
        same = True
        for _ in range(q - 1):
            aux, w = _next(aux)
            e, aux = _entry(lo, deg, w >> _S33, aux)
            entry = np.int64(src[e])
            coin, aux = _coin(entry, deg, aux)
            j = np.int64(alias[e]) if coin >= 0.0 and coin >= keep[e] else entry & _SOURCE
            if (np.int64(states[j]) & _STATE) != first:
                same = False
        new = old
        if same:
            new = first
        elif eps > 0.0:
            aux, w = _next(aux)
            if np.float64(w >> _S11) * TO_UNIT < eps:
                new = 1 - old
        states[i] = new
        na, nab = _counted(na, nab, old, new)
        held = _held(target, n, na, nab)
        if held > watch or (stop_other and held + nab == 0):
            watch, t_maj, t_con, done = _event(held, nab, watch, stop_other, n, u, t, t_maj, t_con, stop_early)
            if done:
                return state, aux, na, nab, t_maj, t_con, True
    return state, aux, na, nab, t_maj, t_con, False


@njit(cache=True)
def _majority_sweep(offs, src, alias, keep, states, state, aux, na, nab, t, target, stop_early, absorbing,
                    t_maj, t_con, group, members):
    """Sweep ``t`` of the majority rule: the listener and ``group - 1`` of its sources (distinct
    when possible; the first from the update's word, the others from auxiliary words) all adopt
    the group's majority (``group`` odd)."""
    n = states.size
    watch = n // 2 if t_maj < 0.0 else (n - 1 if t_con < 0.0 else n)
    stop_other = stop_early and absorbing
    for u in range(n):
        state, z = _next(state)
        i, aux = _listener(z, n, aux)
        lo = np.uint64(offs[i])
        udeg = np.uint64(offs[i + 1]) - lo
        deg = np.int64(udeg)
        if deg == 0:
            continue
        members[0] = i
        size = 1
        x = (z >> _S1) & _M31
        for _ in range(group - 1):
            j = -1
            for _try in range(8):  # distinct members when the listener has enough sources
                e, aux = _entry(lo, udeg, x, aux)
                entry = np.int64(src[e])
                coin, aux = _coin(entry, udeg, aux)
                j = np.int64(alias[e]) if coin >= 0.0 and coin >= keep[e] else entry & _SOURCE
                aux, w = _next(aux)
                x = w >> _S33
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
            ones += np.int64(states[members[k]]) & 1
        major = 1 if 2 * ones > size else 0
        for k in range(size):
            m = members[k]
            old = np.int64(states[m])
            if (old & _FIXED) == 0:
                states[m] = major
                na, nab = _counted(na, nab, old, major)
        held = _held(target, n, na, nab)
        if held > watch or (stop_other and held + nab == 0):
            watch, t_maj, t_con, done = _event(held, nab, watch, stop_other, n, u, t, t_maj, t_con, stop_early)
            if done:
                return state, aux, na, nab, t_maj, t_con, True
    return state, aux, na, nab, t_maj, t_con, False


@njit(cache=True, nogil=True)
def discrete_chunk(
    model, offs, src, alias, keep, p_a, p_ab, fixed_state, pool, n_commit, commit_state,
    target, lo, hi, horizon, base_seed, q, eps, group, stop_early, final, t_majority, t_consensus, traj,
):
    """Runs ``lo .. hi - 1`` of a discrete opinion model for ``horizon`` sweeps (``n`` updates each).

    A block of the runs, serially; it releases the GIL, so that blocks run in parallel threads
    (:func:`einfluence.opinion.discrete.run_chunks`), each block writing only its own rows of the
    outputs and adding to its thread's trajectory ``traj``. Each model's sweep is compiled once, as a
    function of its own (the loop then holds one model's update only); the model is chosen once
    per sweep.

    Parameters
    ----------
    model : int
        A code of :data:`MODEL_CODES`.
    offs, src, alias, keep
        The sampling tables of :func:`sampling_tables`.
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
    traj : int64 (horizon + 1,)
        Adds the number of agents holding ``target`` at the end of each sweep (integers: the sums
        are exact, whichever thread ran which runs).
    """
    n = offs.size - 1
    states = np.empty(n, np.uint8)
    order = pool.copy()
    members = np.empty(max(group, 1), np.int64)
    half = n // 2
    absorbing = not (model == 1 and eps > 0.0)  # every consensus is final, but for the noisy q-voter
    for r in range(lo, hi):
        state = _stream(base_seed, r)
        aux = mix(state ^ _AUX)
        for i in range(n):
            f = fixed_state[i]
            if f >= 0:
                states[i] = f | _FIXED
            else:
                state, u = _uniform(state)
                states[i] = _A if u < p_a[i] else (_AB if u < p_a[i] + p_ab[i] else _B)
        copy_into(order, 0, pool)  # every run shuffles the pool afresh: runs do not depend on the chunking
        for k in range(n_commit):  # partial Fisher-Yates over the pool
            state, j = _below(state, order.size - k)
            j += k
            tmp = order[k]
            order[k] = order[j]
            order[j] = tmp
            states[order[k]] = commit_state | _FIXED
        na = nab = np.int64(0)  # not the literal 0: the sweeps would be compiled for it too
        for i in range(n):
            na += states[i] & 1
            nab += (states[i] >> 1) & 1
        held = _held(target, n, na, nab)
        t_maj = t_con = -1.0
        if held > half:
            t_maj = 0.0
        if held == n:
            t_con = 0.0
        traj[0] += held
        done = stop_early and (held == n or (absorbing and held + nab == 0))
        for t in range(1, horizon + 1):
            if done:
                traj[t] += held  # n or 0: a consensus is final
                continue
            if model == 0:
                state, aux, na, nab, t_maj, t_con, done = _voter_sweep(
                    offs, src, alias, keep, states, state, aux, na, nab, t, target, stop_early, absorbing,
                    t_maj, t_con)
            elif model == 1:
                state, aux, na, nab, t_maj, t_con, done = _qvoter_sweep(
                    offs, src, alias, keep, states, state, aux, na, nab, t, target, stop_early, absorbing,
                    t_maj, t_con, q, eps)
            elif model == 2:
                state, aux, na, nab, t_maj, t_con, done = _majority_sweep(
                    offs, src, alias, keep, states, state, aux, na, nab, t, target, stop_early, absorbing,
                    t_maj, t_con, group, members)
            else:
                state, aux, na, nab, t_maj, t_con, done = _naming_sweep(
                    offs, src, alias, keep, states, state, aux, na, nab, t, target, stop_early, absorbing,
                    t_maj, t_con)
            held = _held(target, n, na, nab)
            traj[t] += held
        t_majority[r] = t_maj
        t_consensus[r] = t_con
        final[r, 0] = n - na - nab
        final[r, 1] = na
        final[r, 2] = nab


@njit(cache=True)
def _alias_row(weight, lo, hi, alias, keep, small, large):
    """Vose's alias table of the row ``lo .. hi - 1`` (weights summing to about one), written in
    place: entry ``e`` keeps its own source with probability ``keep[e]``, else takes ``alias[e]``."""
    d = hi - lo
    ns = nl = 0
    for k in range(d):
        keep[lo + k] = weight[lo + k] * d  # scaled: mean one
        if keep[lo + k] < 1.0:
            small[ns] = k
            ns += 1
        else:
            large[nl] = k
            nl += 1
    while ns > 0 and nl > 0:
        ns -= 1
        s = small[ns]
        g = large[nl - 1]
        alias[lo + s] = g  # a position for now: turned into a source below
        keep[lo + g] -= 1.0 - keep[lo + s]
        if keep[lo + g] < 1.0:
            nl -= 1
            small[ns] = g
            ns += 1
    # what is left is one up to rounding: it keeps its own source
    for k in range(nl):
        keep[lo + large[k]] = 1.0
    for k in range(ns):
        keep[lo + small[k]] = 1.0


@njit(cache=True)
def sampling_tables(indptr, indices, weight):
    """The tables from which the discrete kernels draw sources (see the section's comment).

    Returns ``(offs, src, alias, keep, n_weighted)``: ``offs`` (uint32, ``n + 1``: ``indptr``),
    ``src``, ``alias`` (int32) and ``keep`` (float64), one per pair plus one padding entry, and
    the number of rows whose weights differ. A row is weighted when two of its weights differ
    (bit 31 of each of its ``src`` entries); its alias table is built by Vose's method [3]_ in
    O(degree).
    """
    n = indptr.size - 1
    m = indices.size
    offs = np.empty(n + 1, np.uint32)
    offs[0] = indptr[0]
    src = np.zeros(m + 1, np.int32)
    alias = np.zeros(m + 1, np.int32)
    keep = np.ones(m + 1, np.float64)
    dmax = 0
    for i in range(n):
        dmax = max(dmax, indptr[i + 1] - indptr[i])
    small = np.empty(dmax, np.int64)
    large = np.empty(dmax, np.int64)
    n_weighted = 0
    for i in range(n):
        lo = indptr[i]
        hi = indptr[i + 1]
        for e in range(lo, hi):
            src[e] = indices[e]
            alias[e] = indices[e]
        flag = False
        for e in range(lo + 1, hi):
            if weight[e] != weight[lo]:
                flag = True
                break
        if flag:
            n_weighted += 1
            _alias_row(weight, lo, hi, alias, keep, small, large)
            for e in range(lo, hi):
                alias[e] = indices[lo + alias[e]] if keep[e] < 1.0 else indices[e]
                src[e] = indices[e] | _WEIGHTED
        offs[i + 1] = hi
    return offs, src, alias, keep, n_weighted


# -------------------------------------------------------------------------- bounded confidence


def hk_graph_step(indptr: np.ndarray, indices: np.ndarray, x: np.ndarray, stubborn: np.ndarray, epsilon: float,
                  out: np.ndarray) -> None:
    """One synchronous Hegselmann-Krause step on a graph: the mean of the opinions within
    ``epsilon`` among oneself and one's sources (stubborn agents keep theirs); rows split over
    the threads, as :func:`fj_sweep`."""
    _by_rows(x.size, indices.size,
             lambda lo, hi: hk_graph_step_rows(indptr, indices, x, stubborn, epsilon, out, lo, hi))


@njit(cache=True, nogil=True)
def hk_graph_step_rows(indptr, indices, x, stubborn, epsilon, out, lo, hi):
    """Rows ``lo .. hi - 1`` of :func:`hk_graph_step`."""
    for i in range(lo, hi):
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
    """Deffuant-Weisbuch runs ``lo .. hi - 1`` (a block of the runs; releases the GIL): a listener
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
