"""Graph layouts of the seed-selection kernels: the in-CSR and the per-node tables of the samplers.

:func:`in_csr` transposes the out-CSR of a :class:`~einfluence.graph.DiffusionGraph`;
:func:`ic_info` fills the per-node table of the independent-cascade sampler and
:func:`row_cumsum` the cumulated in-weights of the linear-threshold one
(:mod:`~einfluence.targeting._kernels.rrsets`). All run in parallel and give the same result
for any number of threads.
"""

from __future__ import annotations

import numpy as np

from einfluence.base.jit import njit, prange

__all__ = ["ic_info", "in_csr", "row_cumsum"]


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
