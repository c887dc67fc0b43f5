"""IMM with its RR sets drawn on Spark: the local engine's seeds, set for set."""

from __future__ import annotations

import numpy as np
import pytest

from einfluence.diffusion import DiffusionGraph
from einfluence.spark.imm import spark_imm
from einfluence.targeting import estimate_spread, imm
from tests.conftest import shared_path


def _random_graph(n: int = 400, m: int = 3000, seed: int = 0) -> DiffusionGraph:
    rng = np.random.default_rng(seed)
    src, dst = rng.integers(0, n, m), rng.zipf(1.5, m) % n
    keep = src != dst
    return DiffusionGraph.from_arcs(src[keep], dst[keep], rng.uniform(0.01, 0.2, keep.sum()), n_nodes=n)


@pytest.mark.parametrize("model", ["ic", "lt"])
def test_same_seeds_whatever_the_partitioning(spark, model):
    g = _random_graph()
    if model == "lt":  # in-weights of each node summing to at most 1
        indeg = np.bincount(g.indices, minlength=g.n_nodes)
        g = DiffusionGraph.from_arcs(np.repeat(np.arange(g.n_nodes), np.diff(g.indptr)), g.indices,
                                     1.0 / indeg[g.indices], n_nodes=g.n_nodes)
    local = imm(g, 5, epsilon=0.3, model=model, random_state=7)
    for tasks in (1, 3):
        got = spark_imm(g, 5, epsilon=0.3, model=model, random_state=7, session=spark, tasks=tasks)
        assert got.seeds.tolist() == local.seeds.tolist()
        assert got.rr_sets == local.rr_sets
        assert got.expected_spread == local.expected_spread
        assert (got.epsilon, got.ell, got.approximation) == (local.epsilon, local.ell, local.approximation)
        assert got.method == "imm-spark"


@pytest.mark.slow
def test_nethept_spark_seeds_reach_the_local_spread(spark):
    folder = shared_path("im-benchmarks", "nethept-imm")
    data = np.loadtxt(folder / "graph_ic.inf")
    g = DiffusionGraph.from_arcs(data[:, 0].astype(int), data[:, 1].astype(int), data[:, 2], n_nodes=15229)
    local = imm(g, 20, epsilon=0.3, random_state=0)
    got = spark_imm(g, 20, epsilon=0.3, random_state=0, session=spark)
    spread_local, err = estimate_spread(g, local.seeds, n_sets=100_000, random_state=1)
    spread_spark, _ = estimate_spread(g, got.seeds, n_sets=100_000, random_state=1)
    assert abs(spread_spark - spread_local) <= 1.96 * err * np.sqrt(2)
    assert got.seeds.tolist() == local.seeds.tolist()
