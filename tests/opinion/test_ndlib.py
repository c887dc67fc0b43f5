"""einfluence's voter, q-voter and Hegselmann-Krause statistics against NDlib's (a test-only dependency),
within the Monte-Carlo interval.

NDlib (BSD-2-Clause) updates one agent per iteration; an einfluence sweep is ``n`` updates, so its
times are compared in iterations / n.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.stats import binomtest

from einfluence.opinion import (
    InfluenceNetwork,
    hegselmann_krause,
    opinion_clusters,
    simulate_opinions,
)

pytest.importorskip("ndlib")
nx = pytest.importorskip("networkx")

from ndlib.models import ModelConfig  # noqa: E402
from ndlib.models.opinions import HKModel, QVoterModel, VoterModel  # noqa: E402

N, K, RUNS = 16, 5, 150


def _ndlib_consensus(model_class, q: int | None, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Final opinion (1 = all A) and consensus time (iterations / n) of NDlib runs from K of N on A."""
    g = nx.complete_graph(N)
    wins, times = [], []
    for run in range(RUNS):
        # NDlib draws from numpy's global generator and reseeds it in every model's constructor
        # (from the OS when no seed is given): one seed per run keeps the test reproducible
        model = model_class(g, seed=seed * 100_003 + run)
        config = ModelConfig.Configuration()
        config.add_model_initial_configuration("Infected", list(range(K)))
        if q is not None:
            config.add_model_parameter("q", q)
        model.set_initial_status(config)
        model.iteration(node_status=False)
        for it in range(1, 200 * N * N):
            counts = model.iteration(node_status=False)["node_count"]
            if counts[1] in (0, N):
                wins.append(counts[1] == N)
                times.append(it / N)
                break
    return np.array(wins), np.array(times)


def _ours(model: str, q: int) -> tuple[np.ndarray, np.ndarray]:
    initial = np.zeros(N)
    initial[:K] = 1.0
    a = simulate_opinions(InfluenceNetwork.complete(N), model, initial=initial, q=q, n_runs=4000, horizon=10**5,
                          random_state=3)
    b_final = a.final[:, 0] == N  # consensus on B
    done = a.consensus | b_final
    # time to consensus on either side: the first time all agree (B side: not recorded, use majority runs)
    return a.consensus[done], a.t_consensus[a.consensus]


@pytest.mark.slow
@pytest.mark.parametrize(("name", "model_class", "q"), [("voter", VoterModel, None), ("q-voter", QVoterModel, 2)])
def test_consensus_probability_and_time_agree_with_ndlib(name, model_class, q):
    wins, times = _ndlib_consensus(model_class, q, seed=7)
    ours_wins, ours_times = _ours(name, q or 1)
    p_nd, p_us = wins.mean(), ours_wins.mean()
    # NDlib's count of wins against ours (4,000 runs: its error is small beside NDlib's 150) by an
    # exact binomial test: a normal interval is too narrow when few runs win
    p_value = binomtest(int(wins.sum()), wins.size, p_us).pvalue
    assert p_value > 1e-3, (p_nd, p_us, p_value)
    if name == "voter":
        assert abs(p_us - K / N) < 3 * math.sqrt(K / N * (1 - K / N) / ours_wins.size)
    nd_times = times[wins]
    se_t = math.sqrt(nd_times.var(ddof=1) / nd_times.size + ours_times.var(ddof=1) / ours_times.size)
    assert abs(nd_times.mean() - ours_times.mean()) < 3 * se_t, (nd_times.mean(), ours_times.mean(), se_t)


@pytest.mark.slow
def test_hegselmann_krause_clusters_agree_with_ndlib():
    """NDlib's HK is asynchronous (one agent per iteration, neighbours within a strict bound, itself
    excluded); the number of clusters it freezes into from the same uniform opinions is compared."""
    n, runs, epsilon = 24, 8, 0.25
    rng = np.random.default_rng(11)
    g = nx.complete_graph(n)
    ours, theirs = [], []
    for run in range(runs):
        x0 = rng.uniform(-1, 1, n)
        ours.append(opinion_clusters(hegselmann_krause(None, x0, epsilon)[0], gap=1e-2, min_share=0.05).n_major)
        model = HKModel(g)  # its constructor reseeds numpy's global generator from the OS
        np.random.seed(5 * 100_003 + run)
        config = ModelConfig.Configuration()
        config.add_model_parameter("epsilon", epsilon)
        model.set_initial_status(config)
        model.status = {i: float(x0[i]) for i in range(n)}
        for _ in range(40 * n):
            model.iteration(node_status=False)
        final = np.array([model.status[i] for i in range(n)])
        theirs.append(opinion_clusters(final, gap=1e-2, min_share=0.05).n_major)
    ours, theirs = np.array(ours, float), np.array(theirs, float)
    se = math.sqrt(ours.var(ddof=1) / runs + theirs.var(ddof=1) / runs)
    assert abs(ours.mean() - theirs.mean()) <= max(3 * se, 0.5), (ours, theirs)
