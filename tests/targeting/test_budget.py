"""Budgeted seed selection: the budget holds, cost-effectiveness wins where unit cost fails."""

from __future__ import annotations

import numpy as np
import pytest

from einfluence.diffusion import DiffusionGraph
from einfluence.exceptions import ParameterError
from einfluence.targeting import budgeted_imm, estimate_spread, imm
from tests.targeting._helpers import random_graph


def star_market():
    """One celebrity (0, reaches 40, costs 10) and ten micro-influencers (1..10, reach 8, cost 1)."""
    src = [np.zeros(40, int), np.repeat(np.arange(1, 11), 8)]
    dst = [np.arange(11, 51), 51 + np.arange(80)]
    g = DiffusionGraph.from_arcs(np.concatenate(src), np.concatenate(dst), 0.9, n_nodes=131)
    costs = np.ones(131)
    costs[0] = 10.0
    return g, costs


def test_cost_effective_beats_unit_cost_greedy():
    g, costs = star_market()
    unit = budgeted_imm(g, costs, 10.0, rule="unit", epsilon=0.2, random_state=0)
    best = budgeted_imm(g, costs, 10.0, epsilon=0.2, random_state=0)
    assert unit.seeds.tolist() == [0]
    assert set(best.seeds.tolist()) == set(range(1, 11))
    assert best.extra["rule"] == "ratio"
    ours, _ = estimate_spread(g, best.seeds, n_sets=50_000, random_state=1)
    theirs, _ = estimate_spread(g, unit.seeds, n_sets=50_000, random_state=1)
    assert ours / best.cost > 1.5 * theirs / unit.cost
    assert ours > theirs
    assert best.approximation == pytest.approx((1 - 1 / np.e) / 2 - 0.2)


def test_best_single_account_rescues_the_ratio_rule():
    # ratio greedy takes the cheap account 1 first, then cannot afford the big one
    g = DiffusionGraph.from_arcs(np.zeros(30, int), np.arange(2, 32), 1.0, n_nodes=33)
    costs = np.ones(33)
    costs[0], costs[1] = 10.0, 0.1
    ratio = budgeted_imm(g, costs, 10.0, rule="ratio", epsilon=0.3, random_state=0)
    best = budgeted_imm(g, costs, 10.0, epsilon=0.3, random_state=0)
    assert 0 not in ratio.seeds.tolist()
    assert best.seeds.tolist() == [0] and best.extra["rule"] in ("single", "unit")
    assert best.expected_spread > ratio.expected_spread


@pytest.mark.parametrize("seed", range(3))
def test_budget_is_respected_and_unit_costs_match_imm(seed):
    g = random_graph(200, 800, seed)
    costs = np.random.default_rng(seed).uniform(0.5, 3.0, 200)
    result = budgeted_imm(g, costs, 5.0, epsilon=0.3, random_state=seed, include=[3], exclude=[4, 5])
    assert result.cost <= 5.0 and result.cost == pytest.approx(costs[result.seeds].sum())
    assert result.seeds[0] == 3 and not np.isin(result.seeds, [4, 5]).any()
    assert result.marginal.sum() == pytest.approx(result.expected_spread)
    # unit costs and budget k: the same problem as imm with k seeds
    flat = budgeted_imm(g, np.ones(200), 4.0, rule="unit", epsilon=0.3, random_state=seed)
    plain = imm(g, 4, epsilon=0.3, random_state=seed)
    assert len(flat) == 4
    a, err = estimate_spread(g, flat.seeds, n_sets=50_000, random_state=9)
    b, _ = estimate_spread(g, plain.seeds, n_sets=50_000, random_state=9)
    assert a >= b - 5 * err - 0.05 * b


def test_errors():
    g = random_graph(10, 20, 0)
    costs = np.ones(10)
    with pytest.raises(ParameterError):
        budgeted_imm(g, costs[:5], 3.0)
    with pytest.raises(ParameterError):
        budgeted_imm(g, np.zeros(10), 3.0)
    with pytest.raises(ParameterError):
        budgeted_imm(g, costs, 0.0)
    with pytest.raises(ParameterError):
        budgeted_imm(g, costs, 1.0, include=[1, 2])
    with pytest.raises(ParameterError):
        budgeted_imm(g, costs, 3.0, rule="cheapest")
