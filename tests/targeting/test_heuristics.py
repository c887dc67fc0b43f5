"""Baseline heuristics against networkx and hand-made examples."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from einfluence.diffusion import DiffusionGraph
from einfluence.exceptions import ParameterError
from einfluence.targeting import (
    degree_discount_seeds,
    degree_seeds,
    estimate_spread,
    pagerank_seeds,
    score_seeds,
)
from tests.targeting._helpers import hubs_and_niches, random_graph


def to_networkx(g):
    d = nx.DiGraph()
    d.add_nodes_from(range(g.n_nodes))
    d.add_weighted_edges_from(zip(g.sources().tolist(), g.indices.tolist(), g.prob.tolist(), strict=True))
    return d


def test_degree_matches_networkx():
    g = random_graph(60, 300, 1)
    d = to_networkx(g)
    deg = np.array([d.out_degree(v) for v in range(60)])
    wdeg = np.array([d.out_degree(v, weight="weight") for v in range(60)])
    assert degree_seeds(g, 10).tolist() == np.argsort(-deg, kind="stable")[:10].tolist()
    assert degree_seeds(g, 10, weighted=True).tolist() == np.argsort(-wdeg, kind="stable")[:10].tolist()
    assert 5 not in degree_seeds(g, 59, exclude=[5]).tolist()


def test_pagerank_matches_networkx_on_the_reversed_graph():
    g = random_graph(80, 400, 2)
    pr = nx.pagerank(to_networkx(g).reverse(), alpha=0.85, weight="weight", tol=1e-12, max_iter=1000)
    expected = np.argsort(-np.array([pr[v] for v in range(80)]), kind="stable")[:8]
    assert pagerank_seeds(g, 8).tolist() == expected.tolist()


def test_degree_discount_by_hand_and_on_linked_hubs():
    g0, hubs, niches = hubs_and_niches(p=0.5)
    # the five hubs also follow each other: after the first, the others are discounted
    pairs = np.array([(a, b) for a in hubs for b in hubs if a != b])
    g = DiffusionGraph.from_arcs(
        np.concatenate((g0.sources(), pairs[:, 0])), np.concatenate((g0.indices, pairs[:, 1])), 0.5
    )
    assert set(degree_seeds(g, 5).tolist()) == set(hubs.tolist())
    seeds = degree_discount_seeds(g, 5)
    # a hub: d = 54, t = 1 -> 54 - 2 - 53 / 2 = 25.5 < 30, a niche account
    assert seeds[0] == 0 and np.isin(seeds[1:], niches).all()
    s_dd, err = estimate_spread(g, seeds, n_sets=50_000, random_state=0)
    s_deg, _ = estimate_spread(g, degree_seeds(g, 5), n_sets=50_000, random_state=0)
    assert s_dd > s_deg + 5 * err
    # with p = 0 the discount is 2 t only: 54 - 2 = 52 > 30, hubs again
    assert set(degree_discount_seeds(g, 5, p=0.0).tolist()) == set(hubs.tolist())


def test_score_seeds_and_errors():
    assert score_seeds(np.array([1.0, 5.0, 5.0, 2.0]), 2).tolist() == [1, 2]
    with pytest.raises(ParameterError):
        score_seeds([1.0, np.nan], 1)
    with pytest.raises(ParameterError):
        score_seeds([1.0, 2.0], 3)
    g = random_graph(5, 6, 0)
    with pytest.raises(ParameterError):
        degree_discount_seeds(g, 2, p=2.0)
