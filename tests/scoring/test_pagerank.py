"""PageRank agrees with networkx (random multigraphs and the real Higgs graph) and its twin."""

from __future__ import annotations

import warnings
from datetime import datetime

import networkx as nx
import numpy as np
import pytest

from einfluence.base.kinds import REACTION_KINDS
from einfluence.exceptions import ParameterError
from einfluence.graph.selection import edge_mask
from einfluence.scoring.pagerank import _pagerank_python, pagerank, personalized_pagerank
from tests.conftest import shared_path
from tests.scoring.test_reach import make_view, permuted, random_view


def nx_digraph(view, kinds=REACTION_KINDS, weight=None) -> nx.DiGraph:
    """DiGraph whose arc weights sum the parallel interactions (self-loops left out)."""
    g = nx.DiGraph()
    g.add_nodes_from(range(view.n_nodes))
    w = np.ones(view.n_edges) if weight is None else weight
    keep = edge_mask(view, kinds) & (w > 0)
    for s, d, x in zip(view.sources()[keep], view.indices[keep], w[keep], strict=True):
        s, d = int(s), int(d)
        if g.has_edge(s, d):
            g[s][d]["weight"] += float(x)
        else:
            g.add_edge(s, d, weight=float(x))
    return g


def as_array(d: dict, n: int) -> np.ndarray:
    return np.array([d[i] for i in range(n)])


@pytest.mark.parametrize("seed", range(4))
def test_matches_networkx_on_random_multigraphs(seed):
    view = random_view(seed, n=40, m=250)
    rng = np.random.default_rng(seed)
    w = rng.uniform(0, 3, view.n_edges)
    w[rng.random(view.n_edges) < 0.1] = 0.0
    n = view.n_nodes
    for weight in (None, w):
        g = nx_digraph(view, weight=weight)
        ref = as_array(nx.pagerank(g, alpha=0.85, tol=1e-14, max_iter=10_000), n)
        got = pagerank(view, edge_weight=weight)
        assert np.abs(got - ref).max() < 1e-8
        assert np.isclose(got.sum(), 1.0)
    pers = rng.uniform(0, 1, n) * (rng.random(n) < 0.3)
    pers[0] = 1.0
    dang = rng.uniform(0, 1, n)
    g = nx_digraph(view, weight=w)
    ref = nx.pagerank(
        g,
        alpha=0.7,
        personalization=dict(enumerate(pers)),
        dangling=dict(enumerate(dang)),
        tol=1e-14,
        max_iter=10_000,
    )
    got = pagerank(view, alpha=0.7, personalization=pers, dangling=dang, edge_weight=w)
    assert np.abs(got - as_array(ref, n)).max() < 1e-8


@pytest.mark.parametrize("seed", range(2))
def test_scipy_engine_matches_python_twin(seed):
    view = random_view(seed, n=25, m=120)
    w = np.random.default_rng(seed).uniform(0, 2, view.n_edges)
    keep = edge_mask(view, REACTION_KINDS)
    arcs = list(
        zip(
            view.sources()[keep].tolist(),
            view.indices[keep].tolist(),
            w[keep].tolist(),
            strict=True,
        )
    )
    seeds = {0: 1.0, 3: 2.0}
    ref = _pagerank_python(view.n_nodes, arcs, alpha=0.9, personalization=seeds, tol=1e-14)
    pers = np.zeros(view.n_nodes)
    pers[[0, 3]] = [1.0, 2.0]
    got = pagerank(view, alpha=0.9, personalization=pers, edge_weight=w, tol=1e-14)
    assert np.abs(got - np.array(ref)).max() < 1e-10


def test_hand_example_and_personalized():
    # 1 -> 0, 2 -> 0: two reactors with nothing else, 3 isolated
    view = make_view([1, 2], [0, 0], n=4)
    pr = pagerank(view)
    # x1 = x2 = x3 = c, x0 = c + 2 * 0.85 * c; dangling 0 and 3 spread uniformly:
    # c = 0.15/4 + 0.85 (x0 + x3)/4 and the sum is 1  ->  solved by networkx as well
    ref = as_array(nx.pagerank(nx_digraph(view), tol=1e-13, max_iter=1000), 4)
    assert np.abs(pr - ref).max() < 1e-12
    assert pr[1] == pytest.approx(pr[2]) == pytest.approx(pr[3])
    assert pr[0] == pytest.approx(pr[1] * 2.7)
    pp = personalized_pagerank(view, [1])
    ref = nx.pagerank(nx_digraph(view), personalization={1: 1.0}, tol=1e-13, max_iter=1000)
    assert np.abs(pp - as_array(ref, 4)).max() < 1e-12
    assert pp[2] == 0.0 and pp[3] == 0.0
    vec = np.array([0.0, 2.0, 0.0, 0.0])
    assert np.allclose(personalized_pagerank(view, vec), pp)
    assert np.allclose(personalized_pagerank(view, {1}), pp)


def test_adding_a_reaction_to_u_increases_its_rank():
    rng = np.random.default_rng(11)
    view = random_view(11, n=20, m=80, kinds=("relay",))
    base = pagerank(view)
    for _ in range(10):
        s, d = rng.integers(0, view.n_nodes, 2)
        if s == d:
            continue
        more = make_view(np.append(view.sources(), s), np.append(view.indices, d), n=view.n_nodes)
        assert pagerank(more)[d] >= base[d] - 1e-12


def test_relabelling_and_zero_weights():
    view = random_view(12)
    perm = np.random.default_rng(12).permutation(view.n_nodes)
    other, order = permuted(view, perm)
    w = np.random.default_rng(13).uniform(0, 1, view.n_edges)
    expected = np.empty(view.n_nodes)
    expected[perm] = pagerank(view, edge_weight=w)
    assert np.allclose(pagerank(other, edge_weight=w[order]), expected, atol=1e-12)
    uniform = np.full(view.n_nodes, 1.0 / view.n_nodes)
    assert np.allclose(pagerank(view, edge_weight=np.zeros(view.n_edges)), uniform)


def test_no_convergence_warns_and_returns_last_iterate():
    view = random_view(14)
    with pytest.warns(RuntimeWarning, match="did not converge"):
        pr = pagerank(view, max_iter=2)
    assert np.isclose(pr.sum(), 1.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pagerank(view)


def test_bad_parameters():
    view = random_view(15)
    with pytest.raises(ParameterError):
        pagerank(view, alpha=1.0)
    with pytest.raises(ParameterError):
        pagerank(view, personalization=np.zeros(view.n_nodes))
    with pytest.raises(ParameterError):
        pagerank(view, personalization=np.ones(3))
    with pytest.raises(ParameterError):
        personalized_pagerank(view, [])
    with pytest.raises(ParameterError):
        personalized_pagerank(view, [view.n_nodes])
    assert pagerank(make_view([], [], n=0)).size == 0


@pytest.mark.slow
def test_matches_networkx_on_higgs_early_reaction_graph(tmp_path):
    from einfluence import Workspace

    path = shared_path("higgs-twitter", "higgs-activity_time.txt.gz")
    with Workspace(tmp_path / "higgs.duckdb") as ws:
        ws.import_files("higgs", [path])
        # the first two days (20k reactions): the same oracle as the first three, at half the cost
        view = ws.graph(until=datetime(2012, 7, 3), kinds=["relay", "reply", "mention"])
    assert view.n_edges > 10_000
    # same stopping rule as networkx (L1 change < n_nodes * tol), tight on both sides
    got = pagerank(view, tol=1e-15)
    ref = nx.pagerank(nx_digraph(view), tol=1e-15, max_iter=10_000)
    assert np.abs(got - as_array(ref, view.n_nodes)).max() < 1e-8


@pytest.mark.slow
@pytest.mark.parametrize(
    ("fmt", "parts", "kinds"),
    [
        ("gml", ("polblogs", "polblogs.gml"), ("hyperlink",)),
        ("imm", ("im-benchmarks", "nethept-imm"), ("follow",)),
    ],
)
def test_matches_networkx_on_other_real_graphs(tmp_path, fmt, parts, kinds):
    from einfluence import Workspace

    path = shared_path(*parts)
    with Workspace(tmp_path / "g.duckdb") as ws:
        ws.import_files(fmt, [path])
        view = ws.graph()
    assert view.n_edges > 10_000
    got = pagerank(view, kinds=kinds, tol=1e-15)
    ref = nx.pagerank(nx_digraph(view, kinds=kinds), tol=1e-15, max_iter=10_000)
    assert np.abs(got - as_array(ref, view.n_nodes)).max() < 1e-8
