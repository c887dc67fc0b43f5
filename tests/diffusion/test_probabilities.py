"""Given and derived probabilities: constant, weighted cascade, trivalency, LT weights."""

from __future__ import annotations

import numpy as np
import pytest

from einfluence.diffusion import (
    DiffusionGraph,
    check_lt_weights,
    constant,
    lt_weights,
    trivalency,
    weighted_cascade,
)
from einfluence.exceptions import GraphTypeError, ParameterError
from tests.conftest import shared_path


@pytest.fixture
def graph():
    rng = np.random.default_rng(0)
    return DiffusionGraph.from_arcs(rng.integers(0, 40, 200), rng.integers(0, 40, 200), 1.0, n_nodes=40)


def test_constant(graph):
    assert np.all(constant(graph, 0.01).prob == 0.01)
    assert constant(graph, 0.01).indices is graph.indices
    with pytest.raises(ParameterError):
        constant(graph, 1.5)
    with pytest.raises(GraphTypeError):
        constant("g", 0.1)


def test_weighted_cascade_incoming_sums_are_one(graph):
    wc = weighted_cascade(graph)
    sums = np.bincount(wc.indices, weights=wc.prob, minlength=40)
    has_in = graph.in_degree() > 0
    np.testing.assert_allclose(sums[has_in], 1.0)
    assert np.all(sums[~has_in] == 0)


def test_weighted_cascade_matches_the_imm_benchmark_file():
    # the IMM authors' NetHEPT graph_ic.inf carries weighted-cascade probabilities
    path = shared_path("im-benchmarks", "nethept-imm", "graph_ic.inf")
    data = np.loadtxt(path)
    g = DiffusionGraph.from_arcs(data[:, 0].astype(np.int64), data[:, 1].astype(np.int64), data[:, 2],
                                 n_nodes=15229)
    assert g.n_arcs == 62752
    np.testing.assert_allclose(weighted_cascade(g).prob, g.prob, rtol=1e-5)


def test_trivalency_values_are_drawn_uniformly_and_seeded(graph):
    a = trivalency(graph, random_state=1).prob
    np.testing.assert_array_equal(a, trivalency(graph, random_state=1).prob)
    assert not np.array_equal(a, trivalency(graph, random_state=2).prob)
    values, counts = np.unique(a, return_counts=True)
    assert values.tolist() == [0.001, 0.01, 0.1]
    assert counts.min() > graph.n_arcs / 3 - 4 * np.sqrt(graph.n_arcs)
    assert np.all(trivalency(graph, values=[0.3], random_state=0).prob == 0.3)
    with pytest.raises(ParameterError):
        trivalency(graph, values=[])
    with pytest.raises(ParameterError):
        trivalency(graph, values=[0.1, 2.0])


def test_lt_weights_normalise_incoming_weights(graph):
    lt = lt_weights(graph)
    np.testing.assert_allclose(lt.prob, weighted_cascade(graph).prob)
    raw = np.arange(graph.n_arcs, dtype=float)
    lt = lt_weights(graph, weight=raw)
    sums = np.bincount(lt.indices, weights=lt.prob, minlength=40)
    assert np.all((np.abs(sums - 1) < 1e-12) | (sums == 0))
    assert check_lt_weights(lt) is lt
    v = graph.indices[-1]
    rows = graph.indices == v
    np.testing.assert_allclose(lt.prob[rows], raw[rows] / raw[rows].sum())
    with pytest.raises(ParameterError, match="shape"):
        lt_weights(graph, weight=np.ones(3))
    with pytest.raises(ParameterError, match="non-negative"):
        lt_weights(graph, weight=-np.ones(graph.n_arcs))


def test_check_lt_weights_names_the_worst_node():
    g = DiffusionGraph.from_arcs([0, 1, 0, 2], [3, 3, 1, 1], [0.6, 0.5, 0.2, 0.7])
    with pytest.raises(ParameterError, match="node 3 receives 1.1"):
        check_lt_weights(g)
    assert check_lt_weights(g.with_prob(np.where(g.indices == 3, 0.9 * g.prob, g.prob))).n_arcs == 4
