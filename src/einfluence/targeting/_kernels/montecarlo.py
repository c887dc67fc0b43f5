"""Monte-Carlo spread of a seed set: forward independent cascades and linear threshold diffusions.

Each simulation has its own random stream (:mod:`~einfluence.targeting._kernels.streams`), so
the values do not depend on the number of threads. These are the oracles of CELF
(:mod:`einfluence.targeting.celf`) and of the benchmarks; they read the *out*-CSR.

References
----------
.. [1] D. Kempe, J. Kleinberg and É. Tardos, "Maximizing the spread of influence through a
   social network", Proc. KDD 2003, pp. 137-146. https://doi.org/10.1145/956750.956769
"""

from __future__ import annotations

import numpy as np

from einfluence.base.jit import njit, prange
from einfluence.targeting._kernels.streams import next_double, next_open, stream

__all__ = ["mc_spread_ic", "mc_spread_lt"]


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
            state = stream(base, j)
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
                    state, x = next_double(state)
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
            state = stream(base, j)
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
                        state, threshold[u] = next_open(state)
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
