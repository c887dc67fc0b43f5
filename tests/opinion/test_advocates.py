"""Greedy advocate selection under Friedkin-Johnsen: exact gains, lazy = plain, (1 - 1/e) of brute force."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from einfluence.opinion import InfluenceNetwork, converted_mean, friedkin_johnsen, greedy_advocates
from tests.opinion._oracles import fj_closed_form


def _case(seed: int, n: int = 10):
    rng = np.random.default_rng(seed)
    m = rng.integers(n, 3 * n)
    net = InfluenceNetwork.from_arcs(rng.integers(0, n, m), rng.integers(0, n, m), rng.random(m) + 0.1, n_nodes=n)
    return net, rng.uniform(-1, 1, n), rng.uniform(0.1, 0.95, n), rng.random(n) < 0.6


def _dense_mean(net, x0, lam, converted, target):
    lam = lam.copy()
    lam[~net.listens()] = 0.0
    x0 = x0.copy()
    lam[list(converted)] = 0.0
    x0[list(converted)] = 1.0
    x = fj_closed_form(net.to_scipy().toarray(), lam, x0)
    return float(target @ x / target.sum())


@pytest.mark.parametrize("seed", range(12))
def test_greedy_reaches_one_minus_one_over_e_of_the_optimum(seed):
    n = 12 if seed % 2 else 10
    net, x0, lam, mask = _case(seed, n)
    target = mask.astype(float) if mask.any() else np.ones(n)
    k = 3
    sel = greedy_advocates(net, x0, k, susceptibility=lam, target=target)
    base = _dense_mean(net, x0, lam, [], target)
    best = max(_dense_mean(net, x0, lam, s, target) for s in itertools.combinations(range(n), k))
    got = _dense_mean(net, x0, lam, sel.nodes, target)
    assert got == pytest.approx(sel.objective, abs=1e-9)
    assert sel.baseline == pytest.approx(base, abs=1e-9)
    assert got - base >= (1 - 1 / math.e) * (best - base) - 1e-9
    # lazy evaluation changes the cost, not the choice
    plain = greedy_advocates(net, x0, k, susceptibility=lam, target=target, lazy=False)
    assert plain.nodes.tolist() == sel.nodes.tolist()
    np.testing.assert_allclose(sel.gains, plain.gains, atol=1e-9)
    assert sel.evaluations <= plain.evaluations


def test_marginal_gains_add_up_and_shrink():
    net, x0, lam, _ = _case(42, 12)
    sel = greedy_advocates(net, x0, 5, susceptibility=lam)
    assert sel.objective - sel.baseline == pytest.approx(sel.gains.sum(), abs=1e-9)
    assert (np.diff(sel.gains) <= 1e-12).all()  # submodular: greedy gains never grow
    x = friedkin_johnsen(net, np.where(np.isin(np.arange(12), sel.nodes), 1.0, x0),
                         np.where(np.isin(np.arange(12), sel.nodes), 0.0, lam)).x
    np.testing.assert_allclose(sel.x, x, atol=1e-9)


def test_converted_mean_matches_the_closed_form_and_large_networks_iterate():
    rng = np.random.default_rng(5)
    n = 4000  # above the direct-solve size: Jacobi sweeps and adjoint sweeps
    m = 5 * n
    net = InfluenceNetwork.from_arcs(rng.integers(0, n, m), rng.integers(0, n, m), n_nodes=n)
    x0 = rng.uniform(-1, 1, n)
    sel = greedy_advocates(net, x0, 3, susceptibility=0.6)
    lam = np.full(n, 0.6)
    lam[~net.listens()] = 0.0
    assert converted_mean(net, x0, sel.nodes, susceptibility=0.6) == pytest.approx(sel.objective, abs=1e-7)
    assert sel.evaluations < 3 * 20
