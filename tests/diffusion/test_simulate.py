"""Monte-Carlo spread: agreement with exact live-edge enumeration, properties, determinism."""

from __future__ import annotations

import itertools

import numba
import numpy as np
import pytest

from einfluence.diffusion import DiffusionGraph, lt_weights, sample_cascades, simulate
from einfluence.exceptions import GraphTypeError, ParameterError
from tests.diffusion._oracles import exact_ic, exact_lt, random_graph


def _agrees(est, exact: float, z: float = 4.5) -> bool:
    return abs(est.mean - exact) <= z * est.std_error + 1e-12


@pytest.mark.parametrize("seed", range(4))
def test_ic_agrees_with_exact_enumeration(seed):
    rng = np.random.default_rng(seed)
    g = random_graph(rng, 6, 9)
    for seeds in ([0], [1, 4], [2, 3, 5]):
        est = simulate(g, seeds, n_simulations=20_000, random_state=seed)
        assert _agrees(est, exact_ic(g, seeds)), (seeds, est.mean, exact_ic(g, seeds))
        assert est.ci_low <= est.mean <= est.ci_high


@pytest.mark.parametrize("seed", range(3))
def test_exact_spread_is_monotone_and_submodular_and_mc_follows(seed):
    rng = np.random.default_rng(100 + seed)
    g = random_graph(rng, 5, 8)
    nodes = range(g.n_nodes)
    sigma = {
        s: exact_ic(g, list(s)) for r in range(g.n_nodes + 1) for s in itertools.combinations(nodes, r)
    }
    for a in sigma:
        for x in nodes:
            if x in a:
                continue
            ax = tuple(sorted((*a, x)))
            assert sigma[ax] >= sigma[a] - 1e-12  # monotone
            for y in nodes:
                if y in ax:
                    continue
                b = tuple(sorted((*a, y)))
                bx = tuple(sorted((*b, x)))
                assert sigma[ax] - sigma[a] >= sigma[bx] - sigma[b] - 1e-12  # submodular
    # the simulator reproduces the marginal gains within their confidence
    for a, b, x in [((0,), (0, 1), 2), ((), (3,), 4)]:
        ea, eb = (simulate(g, list(s), n_simulations=20_000, random_state=1) for s in (a, b))
        eax, ebx = (simulate(g, [*s, x], n_simulations=20_000, random_state=2) for s in (a, b))
        for est, s in ((ea, a), (eb, b), (eax, (*a, x)), (ebx, (*b, x))):
            assert _agrees(est, sigma[tuple(sorted(s))])


def test_lt_equals_hand_computed_value_on_tiny_graph():
    # 0 -> 2 (0.5), 1 -> 2 (0.3), 2 -> 3 (1.0); seeds {0}: P(2) = 0.5, P(3) = 0.5
    g = DiffusionGraph.from_arcs([0, 1, 2], [2, 2, 3], [0.5, 0.3, 1.0], n_nodes=4)
    assert exact_lt(g, [0]) == pytest.approx(2.0)
    assert exact_lt(g, [0, 1]) == pytest.approx(2 + 2 * 0.8)
    for seeds, value in (([0], 2.0), ([0, 1], 3.6)):
        est = simulate(g, seeds, model="lt", n_simulations=40_000, random_state=3)
        assert _agrees(est, value)


@pytest.mark.parametrize("seed", range(3))
def test_lt_agrees_with_exact_enumeration(seed):
    rng = np.random.default_rng(200 + seed)
    g = lt_weights(random_graph(rng, 6, 10))
    g = g.with_prob(g.prob * rng.uniform(0.5, 1.0, g.n_arcs))  # incoming sums below 1
    for seeds in ([0], [2, 5]):
        est = simulate(g, seeds, model="lt", n_simulations=20_000, random_state=seed)
        assert _agrees(est, exact_lt(g, seeds)), (est.mean, exact_lt(g, seeds))


def test_lt_differs_from_ic_where_the_models_differ():
    # two parents of weight/probability 0.5 each: IC gives 1 - 0.25, LT gives 1
    g = DiffusionGraph.from_arcs([0, 1], [2, 2], [0.5, 0.5])
    assert simulate(g, [0, 1], model="lt", n_simulations=1_000, random_state=0).mean == 3.0
    ic = simulate(g, [0, 1], n_simulations=20_000, random_state=0)
    assert _agrees(ic, 2.75) and ic.mean < 2.9


def test_lt_rejects_weights_summing_above_one():
    g = DiffusionGraph.from_arcs([0, 1], [2, 2], [0.7, 0.6])
    with pytest.raises(ParameterError, match="node 2 receives 1.3"):
        simulate(g, [0], model="lt")


def test_same_seed_same_result_whatever_the_threads():
    rng = np.random.default_rng(7)
    src, dst = rng.integers(0, 300, 1500), rng.integers(0, 300, 1500)
    g = DiffusionGraph.from_arcs(src, dst, rng.uniform(0, 0.3, 1500), n_nodes=300)
    target = rng.random(300) < 0.3
    kw = {"n_simulations": 3_001, "target": target}
    for model in ("ic", "ct"):
        a = simulate(g, [0, 1, 2], model=model, random_state=11, **kw)
        b = simulate(g, [0, 1, 2], model=model, random_state=11, **kw)
        before = numba.get_num_threads()
        numba.set_num_threads(1)
        try:
            c = simulate(g, [0, 1, 2], model=model, random_state=11, **kw)
        finally:
            numba.set_num_threads(before)
        for other in (b, c):
            assert other.mean == a.mean and other.std_error == a.std_error
            assert other.target_mean == a.target_mean
            np.testing.assert_array_equal(other.spread_by_step, a.spread_by_step)
        assert simulate(g, [0, 1, 2], model=model, random_state=12, **kw).mean != a.mean
    gl = lt_weights(g)
    x, y = (simulate(gl, [0], model="lt", random_state=5, **kw) for _ in range(2))
    assert x.mean == y.mean and x.target_mean == y.target_mean


def test_target_reach_and_depth_statistics():
    rng = np.random.default_rng(3)
    g = DiffusionGraph.from_arcs(rng.integers(0, 50, 200), rng.integers(0, 50, 200), 0.3, n_nodes=50)
    mask = rng.random(50) < 0.4
    est = simulate(g, [0, 1], n_simulations=5_000, random_state=0, target=mask)
    assert 0 < est.target_mean <= est.mean
    assert simulate(g, [0, 1], n_simulations=5_000, random_state=0, target=np.ones(50, bool)).target_mean == est.mean
    weights = rng.random(50)
    weighted = simulate(g, [0, 1], n_simulations=5_000, random_state=0, target=weights)
    assert weighted.target_mean <= est.mean * weights.max()
    assert est.spreads.shape == (5_000,) and est.spreads.mean() == est.mean
    assert est.spread_by_step[0] == 2 and est.spread_by_step[-1] == pytest.approx(est.mean)
    assert np.all(np.diff(est.spread_by_step) >= 0)
    assert est.mean_max_depth <= est.spread_by_step.size - 1
    # path 0 -> 1 -> 2 -> 3 with p = 1: hops 1, 2, 3 once each
    path = DiffusionGraph.from_arcs([0, 1, 2], [1, 2, 3], 1.0)
    e = simulate(path, [0], n_simulations=10, random_state=0)
    assert (e.mean, e.std_error, e.beyond_first_hop, e.mean_max_depth) == (4.0, 0.0, 2 / 3, 3.0)
    assert e.spread_by_step.tolist() == [1.0, 2.0, 3.0, 4.0]
    assert simulate(path, [0], n_simulations=10, max_steps=1).mean == 2.0
    assert simulate(path, [0, 0, 2], n_simulations=10, max_steps=0).mean == 2.0
    assert np.isnan(simulate(path, [3], n_simulations=10).beyond_first_hop)
    assert simulate(path, [], n_simulations=10).mean == 0.0


def test_continuous_time_fixed_and_exponential_delays():
    path = DiffusionGraph.from_arcs([0, 1], [1, 2], 1.0)
    e = simulate(path, [0], model="ct", delays=np.array([1.0, 2.0]), delay_distribution="fixed",
                 times=[0.5, 1.0, 2.9, 3.0], n_simulations=50)
    assert e.spread_by_time.tolist() == [1.0, 2.0, 2.0, 3.0]
    assert simulate(path, [0], model="ct", delays=1.0, delay_distribution="fixed", horizon=1.5,
                    n_simulations=50).mean == 2.0
    # one arc, exponential delay of mean 2: P(active by t) = 1 - exp(-t / 2)
    arc = DiffusionGraph.from_arcs([0], [1], 1.0)
    t = np.array([0.5, 1.0, 2.0, 4.0])
    est = simulate(arc, [0], model="ct", delays=2.0, times=t, n_simulations=40_000, random_state=1)
    np.testing.assert_allclose(est.spread_by_time, 2 - np.exp(-t / 2), atol=0.012)
    np.testing.assert_allclose(est.times, t)
    # with no horizon the final spread is the IC spread (same live arcs)
    rng = np.random.default_rng(9)
    g = random_graph(rng, 6, 9)
    ct = simulate(g, [0, 1], model="ct", n_simulations=20_000, random_state=4)
    assert _agrees(ct, exact_ic(g, [0, 1]))
    assert np.all(np.diff(ct.spread_by_time) >= 0) and ct.spread_by_time[-1] <= ct.mean + 1e-12
    short = simulate(g, [0, 1], model="ct", horizon=0.5, n_simulations=20_000, random_state=4)
    assert short.mean < ct.mean


def test_sample_cascades_matches_simulated_spread():
    rng = np.random.default_rng(5)
    g = random_graph(rng, 6, 9)
    log = sample_cascades(g, 20_000, seeds=[[0]] * 20_000, random_state=0)
    sizes = log.sizes()
    assert abs(sizes.mean() - exact_ic(g, [0])) < 4.5 * sizes.std() / np.sqrt(sizes.size)
    # parents are in-neighbours activated one step earlier
    first = log.parent >= 0
    key = log.cascade * 10 + log.account
    parent_time = log.time[np.searchsorted(key, log.cascade[first] * 10 + log.parent[first],
                                           sorter=np.argsort(key))]
    assert np.all(parent_time == log.time[first] - 1)
    arcs = set(zip(g.sources().tolist(), g.indices.tolist(), strict=True))
    assert set(zip(log.parent[first].tolist(), log.account[first].tolist(), strict=True)) <= arcs
    again = sample_cascades(g, 100, random_state=3, n_seeds=2)
    np.testing.assert_array_equal(again.account, sample_cascades(g, 100, random_state=3, n_seeds=2).account)
    ct = sample_cascades(g, 50, model="ct", random_state=0)
    assert np.all(np.diff(ct.time)[np.diff(ct.cascade) == 0] >= 0)


def test_validation():
    g = DiffusionGraph.from_arcs([0, 1], [1, 2], 0.5)
    with pytest.raises(GraphTypeError):
        simulate("graph", [0])
    with pytest.raises(ParameterError, match="model"):
        simulate(g, [0], model="sir")
    with pytest.raises(ParameterError, match="seeds"):
        simulate(g, [3])
    with pytest.raises(ParameterError, match="target"):
        simulate(g, [0], target=np.ones(2))
    with pytest.raises(ParameterError, match="target"):
        simulate(g, [0], target=-np.ones(3))
    with pytest.raises(ParameterError, match="n_simulations"):
        simulate(g, [0], n_simulations=0)
    with pytest.raises(ParameterError, match="delays"):
        simulate(g, [0], model="ct", delays=np.ones(5))
    with pytest.raises(ParameterError, match="delays"):
        simulate(g, [0], model="ct", delays=0.0)
    with pytest.raises(ParameterError, match="times"):
        simulate(g, [0], model="ct", times=[2.0, 1.0])
    with pytest.raises(ParameterError, match="max_steps"):
        simulate(g, [0], max_steps=-1)


@pytest.mark.parametrize("model", ["ic", "lt", "ct"])
def test_simulations_do_not_depend_on_the_threads_or_the_ranges(model):
    """Simulation ``i`` draws from its own stream: the same arrays, bit for bit, on one thread, on
    three, and in two ranges run apart."""
    from einfluence.diffusion.simulate import prepare_simulations, run_simulations

    rng = np.random.default_rng(3)
    src, dst = rng.integers(0, 200, 1000), rng.integers(0, 200, 1000)
    g = DiffusionGraph.from_arcs(src, dst, rng.uniform(0, 0.4, 1000), n_nodes=200)
    g = lt_weights(g) if model == "lt" else g
    plan = prepare_simulations(g, [0, 5, 9], model=model, n_simulations=1_000, random_state=4,
                               target=rng.random(200), horizon=3.0 if model == "ct" else None)
    one = run_simulations(plan, 0, 1_000, 1)
    three = run_simulations(plan, 0, 1_000, 3)
    head, tail = run_simulations(plan, 0, 401, 2), run_simulations(plan, 401, 599, 3)
    apart = (*(np.concatenate([h, t]) for h, t in zip(head[:3], tail[:3], strict=True)),
             *(h + t for h, t in zip(head[3:], tail[3:], strict=True)))
    assert len(one) == (5 if model == "ct" else 4) and one[0].max() > 3  # cascades went somewhere
    for other in (three, apart):
        for a, b in zip(one, other, strict=True):
            np.testing.assert_array_equal(a, b)
