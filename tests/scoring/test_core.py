"""Core numbers agree exactly with networkx; the kernels with their Python references."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from einfluence.base.kinds import REACTION_KINDS
from einfluence.graph.selection import edge_mask
from einfluence.scoring import _kernels
from einfluence.scoring.core import core_number
from tests.scoring.test_reach import make_view, permuted, random_view


def nx_simple(view, kinds=REACTION_KINDS, weight=None) -> nx.Graph:
    g = nx.Graph()
    g.add_nodes_from(range(view.n_nodes))
    keep = edge_mask(view, kinds)
    if weight is not None:
        keep &= weight > 0
    g.add_edges_from(zip(view.sources()[keep].tolist(), view.indices[keep].tolist(), strict=True))
    return g


def test_hand_example():
    # triangle 0-1-2 (with a reciprocated 1 <-> 2), tail 2-3, isolated 4, self-loop on 4
    view = make_view([0, 1, 2, 2, 3, 4], [1, 2, 0, 1, 2, 4], n=5)
    assert core_number(view).tolist() == [2.0, 2.0, 2.0, 1.0, 0.0]


@pytest.mark.parametrize("seed", range(6))
def test_matches_networkx(seed):
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(5, 60)), int(rng.integers(0, 400))
    view = random_view(seed, n=n, m=m)
    w = rng.uniform(0, 1, view.n_edges) * (rng.random(view.n_edges) < 0.7)
    for kinds in (REACTION_KINDS, ("relay",), ("follow",)):
        ref = nx.core_number(nx_simple(view, kinds))
        assert core_number(view, kinds).tolist() == [ref[i] for i in range(n)]
        ref = nx.core_number(nx_simple(view, kinds, w))
        assert core_number(view, kinds, edge_weight=w).tolist() == [ref[i] for i in range(n)]


def test_larger_random_graph_and_relabelling():
    g = nx.gnm_random_graph(400, 3000, seed=1, directed=True)
    src, dst = np.array(list(g.edges())).T
    view = make_view(src, dst, n=400)
    ref = nx.core_number(nx_simple(view))
    got = core_number(view)
    assert got.tolist() == [ref[i] for i in range(400)]
    perm = np.random.default_rng(2).permutation(400)
    other, _ = permuted(view, perm)
    expected = np.empty(400)
    expected[perm] = got
    assert core_number(other).tolist() == expected.tolist()


def test_simple_undirected_kernel():
    src = np.array([0, 1, 1, 2, 3, 3], np.int64)
    dst = np.array([1, 0, 2, 2, 1, 1], np.int64)
    indptr, indices = _kernels.simple_undirected(5, src, dst)
    rows = [sorted(indices[indptr[i] : indptr[i + 1]].tolist()) for i in range(5)]
    assert rows == [[1], [0, 2, 3], [1], [1], []]


def test_core_kernel_vs_peeling_reference():
    """Naive peeling: repeatedly delete a node of minimum degree; its core is the running max."""
    g = nx.gnm_random_graph(80, 300, seed=5)
    n = 80
    indptr = np.zeros(n + 1, np.int64)
    adj = [sorted(g[v]) for v in range(n)]
    np.cumsum([len(a) for a in adj], out=indptr[1:])
    indices = np.array([u for a in adj for u in a], np.int64)
    got = _kernels.core_numbers(indptr, indices)
    deg = {v: len(adj[v]) for v in range(n)}
    alive, core, k = set(range(n)), {}, 0
    while alive:
        v = min(alive, key=lambda x: (deg[x], x))
        k = max(k, deg[v])
        core[v] = k
        alive.remove(v)
        for u in adj[v]:
            if u in alive:
                deg[u] -= 1
    assert got.tolist() == [core[v] for v in range(n)]


def test_empty():
    assert core_number(make_view([], [], n=3)).tolist() == [0.0, 0.0, 0.0]
    assert core_number(make_view([], [], n=0)).size == 0
