"""RR sets: unbiased spread estimates (vs exact enumeration), subset sampling, reproducibility."""

from __future__ import annotations

import numba
import numpy as np
import pytest

from einfluence.diffusion import DiffusionGraph
from einfluence.exceptions import GraphTypeError, ParameterError
from einfluence.targeting import estimate_spread, exact_spread, sample_rr_sets
from tests.targeting._helpers import random_graph


@pytest.mark.parametrize("model", ["ic", "lt"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_node_frequencies_are_unbiased_single_spreads(model, seed):
    # P(u in RR set) = sigma({u}) / n for every u: checks every node at once
    g = random_graph(8, 12, seed, model=model)
    rr = sample_rr_sets(g, 200_000, model=model, random_state=seed)
    freq = np.bincount(rr.nodes, minlength=g.n_nodes) / rr.n_sets
    exact = np.array([exact_spread(g, [u], model=model) for u in range(g.n_nodes)]) / g.n_nodes
    stderr = np.sqrt(exact * (1 - exact) / rr.n_sets) + 1e-12
    assert np.all(np.abs(freq - exact) < 5 * stderr)
    assert np.all(rr.sizes() >= 1)


@pytest.mark.parametrize("model", ["ic", "lt"])
def test_spread_of_sets_and_targeted_spread(model):
    g = random_graph(9, 12, 7, model=model)
    target = np.array([1, 4, 5, 8])
    weights = np.linspace(0.0, 2.0, 9)
    for seeds in ([0], [2, 3], [0, 6, 7]):
        for tgt in (None, target, weights):
            est, err = estimate_spread(g, seeds, model=model, n_sets=100_000, target=tgt, random_state=3)
            exact = exact_spread(g, seeds, model=model, target=tgt)
            assert abs(est - exact) <= 5 * err + 1e-9, (seeds, tgt, est, exact)


def test_subset_sampling_keeps_each_arc_with_its_probability():
    # root 0 has 40 in-arcs of mixed probabilities (the accept/reject path of subset sampling)
    rng = np.random.default_rng(4)
    p = rng.uniform(0.0, 0.6, 40)
    p[:10] = 0.05  # a run of equal values
    g = DiffusionGraph.from_arcs(np.arange(1, 41), np.zeros(40, int), p, n_nodes=41)
    rr = sample_rr_sets(g, 400_000, target=[0], random_state=0)
    freq = np.bincount(rr.nodes, minlength=41)[1:] / rr.n_sets
    assert np.all(np.abs(freq - p) < 5 * np.sqrt(p * (1 - p) / rr.n_sets) + 1e-12)


def test_weighted_cascade_geometric_skips():
    # equal in-probabilities 1/d: every candidate of the geometric jumps is kept
    d = 1000
    g = DiffusionGraph.from_arcs(np.arange(1, d + 1), np.zeros(d, int), 1.0 / d, n_nodes=d + 1)
    rr = sample_rr_sets(g, 200_000, target=[0], random_state=1)
    sizes = rr.sizes() - 1  # Binomial(d, 1/d)
    assert abs(sizes.mean() - 1.0) < 5 * np.sqrt(1.0 / rr.n_sets)
    assert abs(sizes.var() - (1 - 1 / d)) < 0.02


def test_rr_sets_follow_arcs_backwards():
    g = DiffusionGraph.from_arcs([0, 1, 3], [1, 2, 2], 1.0, n_nodes=5)
    rr = sample_rr_sets(g, 2000, random_state=0)
    by_root = {int(rr[i][0]): sorted(rr[i].tolist()) for i in range(rr.n_sets)}
    assert by_root == {0: [0], 1: [0, 1], 2: [0, 1, 2, 3], 3: [3], 4: [4]}
    roots = rr.nodes[rr.offsets[:-1]]
    assert rr.spread([0]) == pytest.approx(5 * np.isin(roots, [0, 1, 2]).mean())
    assert rr.covered([3, 4]) == np.isin(roots, [2, 3, 4]).sum()


def test_lt_walk_picks_at_most_one_in_neighbour():
    g = DiffusionGraph.from_arcs([1, 2], [0, 0], [0.5, 0.5], n_nodes=3)
    rr = sample_rr_sets(g, 50_000, model="lt", target=[0], random_state=2)
    assert rr.sizes().max() == 2
    assert 0.5 - 0.01 < np.mean(rr.nodes[1::2] == 1) < 0.5 + 0.01


def test_same_seed_same_sets_whatever_the_threads():
    g = random_graph(300, 1500, 0)
    one = sample_rr_sets(g, 10_000, random_state=42)
    before = numba.get_num_threads()
    numba.set_num_threads(1)
    try:
        two = sample_rr_sets(g, 10_000, random_state=42)
    finally:
        numba.set_num_threads(before)
    assert np.array_equal(one.nodes, two.nodes) and np.array_equal(one.offsets, two.offsets)
    other = sample_rr_sets(g, 10_000, random_state=43)
    assert not np.array_equal(one.nodes[:100], other.nodes[:100])


def test_errors():
    g = random_graph(5, 6, 0)
    with pytest.raises(GraphTypeError):
        sample_rr_sets("graph", 10)
    with pytest.raises(ParameterError):
        sample_rr_sets(g, 10, model="sir")
    with pytest.raises(ParameterError):
        sample_rr_sets(g, 0)
    with pytest.raises(ParameterError):
        sample_rr_sets(g, 10, target=[7])
    with pytest.raises(ParameterError):
        sample_rr_sets(g, 10, target=np.zeros(5))
    heavy = DiffusionGraph.from_arcs([1, 2], [0, 0], [0.8, 0.8], n_nodes=3)
    with pytest.raises(ParameterError, match="sum to at most 1"):
        sample_rr_sets(heavy, 10, model="lt")
