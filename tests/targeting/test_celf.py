"""CELF, exact spreads and the Monte-Carlo oracle."""

from __future__ import annotations

import importlib
import itertools

import numpy as np
import pytest

from einfluence.diffusion import DiffusionGraph
from einfluence.exceptions import ParameterError
from einfluence.targeting import celf, exact_spread, greedy_exact
from einfluence.targeting.celf import _mc_spread
from tests.targeting._helpers import random_graph


def test_exact_spread_by_hand():
    # diamond 0 -> {1, 2} -> 3 with p = 1/2: P(3) = 1 - (1 - 1/4)^2
    g = DiffusionGraph.from_arcs([0, 0, 1, 2], [1, 2, 3, 3], 0.5)
    assert exact_spread(g, [0]) == pytest.approx(1 + 0.5 + 0.5 + (1 - 0.75**2))
    # LT: 3 is active when the walk from 3 reaches 0: weights 1/2 each, then 1/2
    assert exact_spread(g, [0], model="lt") == pytest.approx(1 + 0.5 + 0.5 + 0.5)
    assert exact_spread(g, []) == 0.0
    assert exact_spread(g, [0], target=[3]) == pytest.approx(1 - 0.75**2)


@pytest.mark.parametrize("model", ["ic", "lt"])
def test_exact_spread_is_monotone_and_submodular(model):
    g = random_graph(7, 11, 3, model=model)
    f = {s: exact_spread(g, list(s), model=model) for r in range(4) for s in itertools.combinations(range(7), r)}
    for s, value in f.items():
        for v in set(range(7)) - set(s):
            grown = tuple(sorted((*s, v)))
            if grown in f:
                assert f[grown] >= value - 1e-12
                for w in set(range(7)) - set(grown):
                    bigger = tuple(sorted((*grown, w)))
                    smaller = tuple(sorted((*s, w)))
                    if bigger in f:
                        assert f[bigger] - f[grown] <= f[smaller] - value + 1e-12


@pytest.mark.parametrize("model", ["ic", "lt"])
def test_monte_carlo_agrees_with_exact(model):
    g = random_graph(9, 13, 11, model=model)
    for seeds in ([0], [1, 5]):
        sims = _mc_spread(g, np.array(seeds), model, 40_000, 3)
        exact = exact_spread(g, seeds, model=model)
        assert abs(sims.mean() - exact) < 5 * sims.std() / np.sqrt(sims.size) + 1e-12
    weights = np.linspace(0, 1, 9)
    sims = _mc_spread(g, np.array([2]), model, 40_000, 4, weights)
    exact = exact_spread(g, [2], model=model, target=weights)
    assert abs(sims.mean() - exact) < 5 * sims.std() / np.sqrt(sims.size) + 1e-12


@pytest.mark.parametrize("model", ["ic", "lt"])
def test_celf_with_the_exact_oracle_is_the_greedy(model):
    g = random_graph(10, 12, 2, model=model)

    def oracle(seeds):
        return exact_spread(g, seeds, model=model)

    lazy = celf(g, 4, model=model, spread_fn=oracle)
    plain = greedy_exact(g, 4, model=model)
    assert lazy.seeds.tolist() == plain.seeds.tolist()
    assert lazy.expected_spread == pytest.approx(plain.expected_spread)


def test_celf_monte_carlo_is_near_optimal():
    g = random_graph(10, 12, 5)
    opt = max(exact_spread(g, s) for s in itertools.combinations(range(10), 2))
    result = celf(g, 2, n_simulations=5000, random_state=0)
    assert exact_spread(g, result.seeds) >= 0.97 * opt
    again = celf(g, 2, n_simulations=5000, random_state=0)
    assert again.seeds.tolist() == result.seeds.tolist() and again.seed == result.seed


def test_limits():
    big = random_graph(12, 20, 0)
    with pytest.raises(ParameterError, match="too many"):
        exact_spread(big, [0])
    with pytest.raises(ParameterError):
        exact_spread(random_graph(20, 5, 0), [0])
    with pytest.raises(ParameterError):
        celf(big, 2, n_simulations=0)
    with pytest.raises(ParameterError):
        celf(big, 2, spread_fn=3)


@pytest.mark.parametrize("model", ["ic", "lt"])
def test_monte_carlo_oracle_does_not_depend_on_the_threads(model, monkeypatch):
    """Simulation ``i`` draws from the stream ``(seed, i)``: the same values on one thread and on three."""
    celf_module = importlib.import_module("einfluence.targeting.celf")  # the package's `celf` is the function

    g = random_graph(60, 240, 5, model=model)
    weights = np.random.default_rng(2).random(60)
    runs = {}
    for threads in (1, 3):
        monkeypatch.setattr(celf_module, "n_threads", lambda threads=threads: threads)
        runs[threads] = _mc_spread(g, np.array([0, 7]), model, 1_001, 9, weights)
    np.testing.assert_array_equal(runs[1], runs[3])
    assert runs[1].std() > 0
