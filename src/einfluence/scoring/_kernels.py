"""Numba kernels of the influence measures: k-core numbers, cascade depths, influence-passivity.

Every per-edge loop of :mod:`einfluence.scoring` lives here, compiled with
``@njit(cache=True)`` and fed with arrays and scalars only; the public functions validate
their input and call these kernels. Each kernel has a pure-NumPy or networkx oracle in the
tests.

References
----------
.. [1] V. Batagelj and M. Zaversnik, "An O(m) algorithm for cores decomposition of
   networks", arXiv:cs/0310049, 2003. https://doi.org/10.48550/arXiv.cs/0310049
"""

from __future__ import annotations

import numpy as np

from einfluence.base.jit import njit

__all__ = [
    "core_numbers",
    "group_max",
    "incoming_times",
    "influence_passivity_iterations",
    "relayed_within",
    "simple_undirected",
]


@njit(cache=True)
def simple_undirected(n, src, dst):
    """CSR of the simple undirected graph of the arcs ``src -> dst`` (self-loops dropped).

    Returns
    -------
    indptr, indices : int64 arrays
        Each undirected edge ``{u, v}`` appears once in row ``u`` and once in row ``v``.
    """
    deg = np.zeros(n + 1, np.int64)
    for e in range(src.size):
        if src[e] != dst[e]:
            deg[src[e] + 1] += 1
            deg[dst[e] + 1] += 1
    for i in range(n):
        deg[i + 1] += deg[i]
    fill = deg[:-1].copy()
    adj = np.empty(deg[n], np.int64)
    for e in range(src.size):
        u = src[e]
        v = dst[e]
        if u != v:
            adj[fill[u]] = v
            fill[u] += 1
            adj[fill[v]] = u
            fill[v] += 1
    # deduplicate each row in place, with a "last row that saw v" marker
    owner = np.full(n, -1, np.int64)
    indptr = np.zeros(n + 1, np.int64)
    k = 0
    for u in range(n):
        for e in range(deg[u], deg[u + 1]):
            v = adj[e]
            if owner[v] != u:
                owner[v] = u
                adj[k] = v
                k += 1
        indptr[u + 1] = k
    return indptr, adj[:k].copy()


@njit(cache=True)
def core_numbers(indptr, indices):
    """Core number of every node of a simple undirected CSR graph (Batagelj-Zaversnik).

    Bucket sort of the nodes by degree, then peeling in increasing degree order; each edge
    is looked at twice, so the kernel runs in O(n + m) [1]_.
    """
    n = indptr.size - 1
    deg = np.empty(n, np.int64)
    max_deg = 0
    for v in range(n):
        deg[v] = indptr[v + 1] - indptr[v]
        if deg[v] > max_deg:
            max_deg = deg[v]
    bin_start = np.zeros(max_deg + 1, np.int64)
    for v in range(n):
        bin_start[deg[v]] += 1
    start = 0
    for d in range(max_deg + 1):
        size = bin_start[d]
        bin_start[d] = start
        start += size
    pos = np.empty(n, np.int64)
    vert = np.empty(n, np.int64)
    for v in range(n):
        pos[v] = bin_start[deg[v]]
        vert[pos[v]] = v
        bin_start[deg[v]] += 1
    for d in range(max_deg, 0, -1):
        bin_start[d] = bin_start[d - 1]
    if max_deg >= 0 and n > 0:
        bin_start[0] = 0
    for i in range(n):
        v = vert[i]
        for e in range(indptr[v], indptr[v + 1]):
            u = indices[e]
            if deg[u] > deg[v]:
                du = deg[u]
                pu = pos[u]
                pw = bin_start[du]
                w = vert[pw]
                if u != w:
                    pos[u] = pw
                    vert[pu] = w
                    pos[w] = pu
                    vert[pw] = u
                bin_start[du] += 1
                deg[u] -= 1
    return deg


@njit(cache=True)
def group_max(keys, values, n_groups):
    """``out[g] = max(values[keys == g])`` (0 for empty groups; keys < 0 are skipped)."""
    out = np.zeros(n_groups, np.float64)
    for i in range(keys.size):
        g = keys[i]
        if g >= 0 and values[i] > out[g]:
            out[g] = values[i]
    return out


@njit(cache=True)
def incoming_times(n, dst, time):
    """Times of the arcs into each node, sorted: a CSR ``(indptr, times)`` by ``dst``.

    Counting sort by ``dst``, then a sort of each row: O(n + m log d).
    """
    indptr = np.zeros(n + 1, np.int64)
    for e in range(dst.size):
        indptr[dst[e] + 1] += 1
    for i in range(n):
        indptr[i + 1] += indptr[i]
    fill = indptr[:-1].copy()
    times = np.empty(dst.size, np.int64)
    for e in range(dst.size):
        times[fill[dst[e]]] = time[e]
        fill[dst[e]] += 1
    for v in range(n):
        if indptr[v + 1] - indptr[v] > 1:
            times[indptr[v] : indptr[v + 1]].sort()
    return indptr, times


@njit(cache=True)
def relayed_within(src, time, in_indptr, in_times, gap):
    """For each arc ``src -> dst`` at ``time``: is ``src`` itself the target of an arc in
    ``(time, time + gap]``? (``in_indptr``, ``in_times`` from :func:`incoming_times`.)"""
    out = np.zeros(src.size, np.bool_)
    for e in range(src.size):
        v = src[e]
        lo = in_indptr[v]
        hi = in_indptr[v + 1]
        if lo == hi:
            continue
        i = lo + np.searchsorted(in_times[lo:hi], time[e], side="right")
        out[e] = i < hi and in_times[i] - time[e] <= gap
    return out


@njit(cache=True)
def _normalise_in_place(x):
    total = 0.0
    for k in range(x.size):
        total += x[k]
    if total > 0:
        for k in range(x.size):
            x[k] /= total


@njit(cache=True)
def influence_passivity_iterations(author, audience, u, v, n, max_iter, tol):
    """The iterations of Romero et al.: ``P_j = sum v_ij I_i``, then ``I_i = sum u_ij P_j``.

    Arcs ``author[k] -> audience[k]`` carry the acceptance ``u[k]`` and rejection ``v[k]``
    rates. From ``I = P = 1``, each iteration updates ``P`` from ``I``, then ``I`` from the
    new ``P``, and normalises both to sum 1; stops when the L1 change of both is below
    ``tol``. O(arcs) per iteration.

    Returns
    -------
    influence, passivity : float64 arrays
    n_iter : int
    converged : bool
    """
    influence = np.ones(n)
    passivity = np.ones(n)
    new_i = np.empty(n)
    new_p = np.empty(n)
    for it in range(max_iter):
        new_p[:] = 0.0
        for k in range(author.size):
            new_p[audience[k]] += v[k] * influence[author[k]]
        _normalise_in_place(new_p)
        new_i[:] = 0.0
        for k in range(author.size):
            new_i[author[k]] += u[k] * new_p[audience[k]]
        _normalise_in_place(new_i)
        change = 0.0
        for k in range(n):
            change += abs(new_i[k] - influence[k]) + abs(new_p[k] - passivity[k])
        influence, new_i = new_i, influence
        passivity, new_p = new_p, passivity
        if change < tol:
            return influence, passivity, it + 1, True
    return influence, passivity, max_iter, False
