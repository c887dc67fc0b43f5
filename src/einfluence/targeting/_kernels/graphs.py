"""Graph layouts of the seed-selection kernels: the in-CSR and the per-node tables of the samplers.

:func:`in_csr` transposes the out-CSR of a :class:`~einfluence.graph.DiffusionGraph` (a counting
sort in chunks over threads, :mod:`.transpose`); :func:`ic_info` fills the per-node table of the
independent-cascade sampler and :func:`row_cumsum` the cumulated in-weights of the
linear-threshold one (:mod:`~einfluence.targeting._kernels.rrsets`), each over a range of nodes
that the caller splits over threads. All give the same result for any number of threads.
"""

from __future__ import annotations

import numpy as np

from einfluence.base.jit import njit, read_only
from einfluence.targeting._kernels.transpose import chunk_edges, transpose

__all__ = ["ic_info", "in_csr", "row_cumsum"]


@njit(cache=True, nogil=True)
def scatter_arcs(indptr, indices, prob, edges, c_lo, c_hi, slots, rind, rprob):
    """Pass 3 of :func:`in_csr`: the arcs of the sources of chunks ``c_lo .. c_hi - 1`` into their
    slots of the in-CSR (source and probability)."""
    for c in range(c_lo, c_hi):
        fill = slots[c]
        for u in range(edges[c], edges[c + 1]):
            for e in range(indptr[u], indptr[u + 1]):
                w = indices[e]
                at = fill[w]
                rind[at] = u
                rprob[at] = prob[e]
                fill[w] = at + 1


def in_csr(
    indptr: np.ndarray, indices: np.ndarray, prob: np.ndarray, n_chunks: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The in-CSR of an out-CSR graph, by a counting sort in ``n_chunks`` chunks of sources.

    Row ``v`` of the result lists the sources of ``v``'s in-arcs in increasing order, with the
    arcs' probabilities, whatever ``n_chunks`` (one thread per chunk, :mod:`.transpose`).

    Returns
    -------
    rptr : int64 array, shape (n + 1,)
    rind : int32 array
    rprob : float64 array
    """
    indptr, indices, prob = read_only(indptr, np.int64), read_only(indices, np.int32), read_only(prob, np.float64)
    n = indptr.size - 1
    edges = chunk_edges(0, n, max(1, int(n_chunks)))
    rind = np.empty(int(indptr[n]), np.int32)
    rprob = np.empty(int(indptr[n]), np.float64)

    def scatter(slots: np.ndarray, c_lo: int, c_hi: int) -> None:
        scatter_arcs(indptr, indices, prob, edges, c_lo, c_hi, slots, rind, rprob)

    return transpose(indptr, indices, edges, n, scatter), rind, rprob


@njit(cache=True, nogil=True)
def ic_info(indptr, prob, binomial_mean, info, lo, hi):
    """Fill rows ``lo .. hi - 1`` of the per-node table of :func:`rr_sets_ic` (``info``, shape (n, 4))
    from the in-CSR."""
    for v in range(lo, hi):
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


@njit(cache=True, nogil=True)
def row_cumsum(indptr, prob, cum, totals, lo, hi):
    """For rows ``lo .. hi - 1``: the running sums of ``prob`` within the row into ``cum``, and
    the row's total into ``totals``."""
    for v in range(lo, hi):
        s = 0.0
        for e in range(indptr[v], indptr[v + 1]):
            s += prob[e]
            cum[e] = s
        totals[v] = s
