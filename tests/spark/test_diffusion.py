"""Monte-Carlo simulation of a plan on Spark: the local estimate, whatever the partitioning."""

from __future__ import annotations

import numpy as np
import pytest

from einfluence.diffusion import DiffusionGraph, simulate
from einfluence.spark.diffusion import spark_simulate


def _small_graph(n: int = 60, m: int = 300, seed: int = 0) -> DiffusionGraph:
    rng = np.random.default_rng(seed)
    src, dst = rng.integers(0, n, m), rng.integers(0, n, m)
    keep = src != dst
    return DiffusionGraph.from_arcs(src[keep], dst[keep], rng.uniform(0.05, 0.3, keep.sum()), n_nodes=n)


@pytest.mark.parametrize("model", ["ic", "lt"])
def test_same_numbers_as_local_with_1_and_3_partitions(spark, model):
    g = _small_graph()
    if model == "lt":  # in-weights of each node summing to at most 1
        indeg = np.bincount(g.indices, minlength=g.n_nodes)
        g = DiffusionGraph.from_arcs(np.repeat(np.arange(g.n_nodes), np.diff(g.indptr)), g.indices,
                                     1.0 / indeg[g.indices], n_nodes=g.n_nodes)
    target = np.arange(g.n_nodes) % 2 == 0
    local = simulate(g, [0, 5, 9], model=model, n_simulations=2_000, random_state=3, target=target)
    for tasks in (1, 3):
        got = spark_simulate(g, [0, 5, 9], session=spark, model=model, n_simulations=2_000, random_state=3,
                             target=target, tasks=tasks)
        assert (got.mean, got.std_error, got.ci_low, got.ci_high) == (local.mean, local.std_error, local.ci_low,
                                                                      local.ci_high)
        assert (got.target_mean, got.target_std_error) == (local.target_mean, local.target_std_error)
        assert got.spreads.tolist() == local.spreads.tolist()
        assert got.spread_by_step.tolist() == local.spread_by_step.tolist()
        assert got.mean_max_depth == local.mean_max_depth and got.seed == local.seed
    assert local.mean > 3  # the cascades reach beyond the seeds
