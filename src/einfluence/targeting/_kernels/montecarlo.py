"""Monte-Carlo spread of a seed set: forward independent cascades and linear threshold diffusions.

Each simulation has its own random stream (:mod:`~einfluence.targeting._kernels.streams`), so
the values do not depend on the number of threads. These are the oracles of CELF
(:mod:`einfluence.targeting.celf`) and of the benchmarks; they read the *out*-CSR.

A kernel runs a range of simulations serially and releases the GIL; the caller runs
consecutive ranges on threads (:func:`einfluence.base.threads.in_parts`): a ``prange`` over
the simulations ran as fast and took several times longer to compile, on every empty cache.

References
----------
.. [1] D. Kempe, J. Kleinberg and É. Tardos, "Maximizing the spread of influence through a
   social network", Proc. KDD 2003, pp. 137-146. https://doi.org/10.1145/956750.956769
"""

from __future__ import annotations

import numpy as np

from einfluence.base.jit import njit
from einfluence.targeting._kernels.streams import next_double, next_open, stream

__all__ = ["mc_spread_range_ic", "mc_spread_range_lt"]


@njit(cache=True, nogil=True)
def mc_spread_range_ic(indptr, indices, prob, seeds, weight, base, lo, hi, out):
    """Monte-Carlo independent cascades from ``seeds``: ``out[j]``, the (weighted) number of
    active nodes of simulation ``j``, for ``j`` in ``lo .. hi - 1``.

    ``indptr, indices, prob`` is the out-CSR; ``weight`` (empty for 1 each) weighs the active
    nodes. Simulation ``j`` draws from the stream ``(base, j)``.
    """
    n = indptr.size - 1
    stamp = np.zeros(n, np.int64)
    queue = np.empty(n, np.int64)
    for j in range(lo, hi):
        state = stream(base, j)
        mark = j + 1
        pos = _queue_seeds(seeds, stamp, mark, queue)
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
        out[j] = _weighed(queue, pos, weight)


@njit(cache=True, nogil=True)
def mc_spread_range_lt(indptr, indices, prob, seeds, weight, base, lo, hi, out):
    """Monte-Carlo linear threshold diffusions from ``seeds`` (thresholds drawn lazily); the same
    range and output as :func:`mc_spread_range_ic`."""
    n = indptr.size - 1
    stamp = np.zeros(n, np.int64)
    active = np.zeros(n, np.int64)
    level = np.zeros(n, np.float64)
    threshold = np.zeros(n, np.float64)
    queue = np.empty(n, np.int64)
    for j in range(lo, hi):
        state = stream(base, j)
        mark = j + 1
        pos = _queue_seeds(seeds, active, mark, queue)
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
        out[j] = _weighed(queue, pos, weight)


@njit(cache=True)
def _queue_seeds(seeds, marks, mark, queue):
    """Mark each distinct seed active (``marks[s] = mark``) and queue it; the number queued."""
    pos = 0
    for s in seeds:
        if marks[s] != mark:
            marks[s] = mark
            queue[pos] = s
            pos += 1
    return pos


@njit(cache=True, inline="always")
def _weighed(queue, pos, weight):
    """The number of active nodes ``queue[:pos]`` (``weight`` empty), else the sum of their weights."""
    if weight.size == 0:
        return float(pos)
    total = 0.0
    for t in range(pos):
        total += weight[queue[t]]
    return total
