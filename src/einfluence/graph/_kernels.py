"""Numba kernels of the graph toolkit, shared by every analysis.

Compiled with ``@njit(cache=True)``, fed with arrays and scalars only; the public functions of
:mod:`einfluence.graph` validate their input and call these kernels. Each kernel is called through
a Python function that hands it its input arrays in one form (:func:`~einfluence.base.jit.read_only`),
whichever analysis calls it, so that it compiles once.
"""

from __future__ import annotations

import numpy as np

from einfluence.base.jit import njit, read_only

__all__ = ["distinct_pairs"]


def distinct_pairs(
    indptr: np.ndarray, indices: np.ndarray, weight: np.ndarray, mask: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The distinct ``(src, dst)`` pairs of the masked edges of a CSR, in O(n + m).

    Parameters
    ----------
    indptr, indices : int64 arrays
        The CSR (rows = ``src``).
    weight : float64 array, aligned with ``indices``
    mask : bool array, aligned with ``indices``
        Edges to keep.

    Returns
    -------
    src, dst : int64 arrays
        One entry per distinct pair, grouped by ``src`` (order of first appearance in a row).
    max_weight : float64 array
        Largest ``weight`` among the parallel edges of the pair.
    total : float64 array
        Sum of ``weight`` over the parallel edges of the pair.
    """
    return _distinct_pairs(
        read_only(indptr, np.int64), read_only(indices, np.int64), read_only(weight, np.float64),
        read_only(mask, np.bool_),
    )


@njit(cache=True)
def _distinct_pairs(indptr, indices, weight, mask):
    n = indptr.size - 1
    m = indices.size
    n_kept = 0
    for e in range(m):
        if mask[e]:
            n_kept += 1
    src = np.empty(n_kept, np.int64)
    dst = np.empty(n_kept, np.int64)
    best = np.empty(n_kept, np.float64)
    total = np.empty(n_kept, np.float64)
    slot = np.full(n, -1, np.int64)  # position of (u, v) in the output, valid while row == u
    owner = np.full(n, -1, np.int64)
    k = 0
    for u in range(n):
        for e in range(indptr[u], indptr[u + 1]):
            if not mask[e]:
                continue
            v = indices[e]
            w = weight[e]
            if owner[v] != u:
                owner[v] = u
                slot[v] = k
                src[k] = u
                dst[k] = v
                best[k] = w
                total[k] = w
                k += 1
            else:
                s = slot[v]
                total[s] += w
                if w > best[s]:
                    best[s] = w
    return src[:k], dst[:k], best[:k], total[:k]
