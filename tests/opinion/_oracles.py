"""Plain-Python twins of the opinion kernels: the same random streams, the same updates, slowly.

SplitMix64 in Python integers (masked to 64 bits) gives exactly the draws of the kernels, so a
run of :func:`discrete_run` equals the kernel's run of the same seed, update by update (the
discrete models' sources from Walker's alias tables, built here by the textbook Vose method).
"""

from __future__ import annotations

import numpy as np

MASK = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15


def mix(z: int) -> int:
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


class Stream:
    """One run's SplitMix64 stream, as the kernels start it."""

    def __init__(self, base_seed: int, r: int) -> None:
        self.state = mix((base_seed + r * GOLDEN) & MASK)

    def uniform(self) -> float:
        self.state = (self.state + GOLDEN) & MASK
        return (mix(self.state) >> 11) * (1.0 / 9007199254740992.0)

    def below(self, n: int) -> int:
        return min(int(self.uniform() * n), n - 1)


def source(indptr, indices, cum, weighted, i, rs: Stream) -> int:
    """Deffuant's source draw (floats, a binary search of the running sums when weighted)."""
    lo, hi = int(indptr[i]), int(indptr[i + 1])
    if hi == lo:
        return -1
    if not weighted:
        return int(indices[lo + rs.below(hi - lo)])
    u = rs.uniform()
    for e in range(lo, hi):
        if cum[e] > u:
            return int(indices[e])
    return int(indices[hi - 1])


# ------------------------------------------------------------------ the discrete models' draws

AUX = 0xD1B54A32D192ED03


class Words:
    """A SplitMix64 stream of 64-bit words."""

    def __init__(self, state: int) -> None:
        self.state = state

    def word(self) -> int:
        self.state = (self.state + GOLDEN) & MASK
        return mix(self.state)

    def unit(self) -> float:
        return (self.word() >> 11) * (1.0 / 9007199254740992.0)


def lemire(x: int, m: int, bits: int, aux: Words) -> int:
    """Uniform in [0, m) from ``bits`` bits ``x``: ``x * m >> bits``, the products whose low part
    falls below ``2**bits mod m`` redrawn from the high ``bits`` bits of auxiliary words."""
    if m == 0:
        return 0
    while (x * m) % (1 << bits) < (1 << bits) % m:
        x = aux.word() >> (64 - bits)
    return (x * m) >> bits


def alias_tables(indptr, indices, weight):
    """Walker's alias tables of the weighted rows, by the textbook Vose method (the kernel's
    order of the work lists): ``(flags, alias, keep)`` aligned with ``indices``."""
    n = len(indptr) - 1
    alias = [int(j) for j in indices]
    keep = [1.0] * len(indices)
    flags = [False] * n
    for i in range(n):
        lo, hi = int(indptr[i]), int(indptr[i + 1])
        if any(weight[e] != weight[lo] for e in range(lo, hi)):
            flags[i] = True
            d = hi - lo
            p = [float(weight[lo + k]) * d for k in range(d)]
            small = [k for k in range(d) if p[k] < 1.0]
            large = [k for k in range(d) if p[k] >= 1.0]
            while small and large:
                s = small.pop()
                g = large[-1]
                keep[lo + s] = p[s]
                alias[lo + s] = int(indices[lo + g])
                p[g] -= 1.0 - p[s]
                if p[g] < 1.0:
                    large.pop()
                    small.append(g)
    return flags, alias, keep


def pick(indptr, indices, tables, i: int, x: int, aux: Words) -> int:
    """The source of ``i`` at the position drawn from 31 bits ``x``, or its alias on a weighted
    row (with probability ``1 - keep``, from an auxiliary word)."""
    flags, alias, keep = tables
    lo, hi = int(indptr[i]), int(indptr[i + 1])
    if hi == lo:
        return -1  # the kernel reads a padding entry and ignores it (no draw)
    e = lo + lemire(x, hi - lo, 31, aux)
    if flags[i] and aux.unit() >= keep[e]:
        return alias[e]
    return int(indices[e])


def discrete_run(model, indptr, indices, weight, p_a, p_ab, fixed_state, pool, n_commit, commit_state,
                 target, horizon, base_seed, r, q=2, eps=0.0, group=3, stop_early=True):
    """One run of the discrete kernel: final counts (B, A, AB), t_majority, t_consensus.

    The textbook updates (a committed or isolated listener is skipped), drawing the kernel's words:
    one main word per update, everything else from the auxiliary stream.
    """
    n = len(indptr) - 1
    tables = alias_tables(indptr, indices, weight)
    rs = Stream(base_seed, r)
    aux = Words(mix(rs.state ^ AUX))
    main = Words(0)
    states, fixed = [0] * n, [False] * n
    for i in range(n):
        if fixed_state[i] >= 0:
            states[i], fixed[i] = int(fixed_state[i]), True
        else:
            u = rs.uniform()
            states[i] = 1 if u < p_a[i] else (2 if u < p_a[i] + p_ab[i] else 0)
    order = list(pool)
    for k in range(n_commit):
        j = rs.below(len(order) - k) + k
        order[k], order[j] = order[j], order[k]
        states[order[k]], fixed[order[k]] = commit_state, True
    main.state = rs.state
    t_maj = 0.0 if states.count(target) > n // 2 else -1.0
    t_con = 0.0 if states.count(target) == n else -1.0
    absorbing = not (model == "q-voter" and eps > 0)
    done = stop_early and (t_con == 0.0 or (absorbing and states.count(1 - target) == n))
    for t in range(1, horizon + 1):
        if done:
            break
        for u in range(n):
            z = main.word()
            i = lemire(z >> 32, n, 32, aux)
            x = (z >> 1) & 0x7FFFFFFF
            deg = int(indptr[i + 1] - indptr[i])
            if model == "voter":
                j = pick(indptr, indices, tables, i, x, aux)
                if not fixed[i] and deg:
                    states[i] = states[j]
            elif model == "q-voter":
                if not fixed[i] and deg:
                    picks = [states[pick(indptr, indices, tables, i, x, aux)]]
                    for _ in range(q - 1):
                        picks.append(states[pick(indptr, indices, tables, i, aux.word() >> 33, aux)])
                    if len(set(picks)) == 1:
                        states[i] = picks[0]
                    elif eps > 0 and aux.unit() < eps:
                        states[i] = 1 - states[i]
            elif model == "majority":
                if deg:
                    members = [i]
                    for _ in range(group - 1):
                        j = -1
                        for _try in range(8):
                            j = pick(indptr, indices, tables, i, x, aux)
                            x = aux.word() >> 33
                            if j not in members or len(members) > deg:
                                break
                        members.append(j)
                    major = 1 if 2 * sum(states[m] for m in members) > len(members) else 0
                    for m in members:
                        if not fixed[m]:
                            states[m] = major
            else:  # naming game: i listens, j speaks
                j = pick(indptr, indices, tables, i, x, aux)
                if deg:
                    word = states[j] if states[j] != 2 else z & 1
                    if states[i] in (word, 2):
                        if not fixed[i]:
                            states[i] = word
                        if not fixed[j]:
                            states[j] = word
                    elif not fixed[i]:
                        states[i] = 2
            c = states.count(target)
            if t_maj < 0 and c > n // 2:
                t_maj = t - 1 + (u + 1) / n
            if c == n:
                if t_con < 0:
                    t_con = t - 1 + (u + 1) / n
                if stop_early:
                    done = True
                    break
            elif stop_early and absorbing and states.count(1 - target) == n:
                done = True
                break
    return [states.count(0), states.count(1), states.count(2)], t_maj, t_con


def deffuant_run(indptr, indices, cum, weighted, x0, stubborn, epsilon, mu, n_sweeps, complete, base_seed, r):
    n = len(x0)
    rs = Stream(base_seed, r)
    x = [float(v) for v in x0]
    for _ in range(n_sweeps * n):
        i = rs.below(n)
        if complete:
            j = rs.below(n - 1)
            j += j >= i
        else:
            j = source(indptr, indices, cum, weighted, i, rs)
            if j < 0:
                continue
        d = x[j] - x[i]
        if abs(d) < epsilon:
            if not stubborn[i]:
                x[i] += mu * d
            if not stubborn[j]:
                x[j] -= mu * d
    return np.array(x)


def hk_step(neighbours, x, stubborn, epsilon):
    """One synchronous Hegselmann-Krause step; ``neighbours[i]`` lists whom i hears (besides itself)."""
    out = np.empty_like(x)
    for i in range(len(x)):
        if stubborn[i]:
            out[i] = x[i]
            continue
        heard = [x[i]] + [x[j] for j in neighbours[i] if abs(x[j] - x[i]) <= epsilon]
        out[i] = sum(heard) / len(heard)
    return out


def fj_closed_form(W: np.ndarray, lam: np.ndarray, x0: np.ndarray) -> np.ndarray:
    """``(I - Lambda W)^{-1} (I - Lambda) x0`` with dense linear algebra."""
    n = len(x0)
    return np.linalg.solve(np.eye(n) - np.diag(lam) @ W, (1 - lam) * x0)
