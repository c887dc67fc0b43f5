"""The opinion kernels against their plain-Python twins (same streams, same updates)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from einfluence.opinion import InfluenceNetwork, deffuant, hegselmann_krause, simulate_opinions
from einfluence.opinion import _kernels as K
from einfluence.opinion.discrete import sampling_tables
from tests.opinion import _oracles as O


def _random_net(n: int, m: int, seed: int, weighted: bool) -> InfluenceNetwork:
    rng = np.random.default_rng(seed)
    w = rng.random(m) + 0.1 if weighted else 1.0
    return InfluenceNetwork.from_arcs(rng.integers(0, n, m), rng.integers(0, n, m), w, n_nodes=n)


@pytest.mark.parametrize("model", ["voter", "q-voter", "majority", "naming-game"])
@pytest.mark.parametrize("weighted", [False, True])
def test_discrete_kernel_equals_the_oracle_run_by_run(model, weighted):
    net = _random_net(12, 40, seed=3, weighted=weighted)
    rng = np.random.default_rng(7)
    p_a, p_ab = rng.random(12) * 0.5, rng.random(12) * 0.3 if model == "naming-game" else np.zeros(12)
    fixed = np.full(12, -1, np.int8)
    fixed[[2]] = 1
    fixed[[5]] = 0
    pool = np.flatnonzero(fixed < 0)
    runs, horizon, seed = 5, 6, 123456789
    final = np.zeros((runs, 3), np.int64)
    t_maj, t_con = np.full(runs, -1.0), np.full(runs, -1.0)
    traj = np.zeros(horizon + 1, np.int64)
    K.discrete_chunk(K.MODEL_CODES[model], *sampling_tables(net), p_a, p_ab, fixed,
                     pool, 2, 1, 1, 0, runs, horizon, np.uint64(seed), 2, 0.1, 3, True, final, t_maj, t_con, traj)
    for r in range(runs):
        counts, tm, tc = O.discrete_run(model, net.indptr, net.indices, net.weight, p_a, p_ab, fixed,
                                        pool, 2, 1, 1, horizon, seed, r, q=2, eps=0.1, group=3)
        assert final[r].tolist() == counts
        assert t_maj[r] == pytest.approx(tm) and t_con[r] == pytest.approx(tc)


def test_deffuant_kernel_equals_the_oracle():
    net = _random_net(10, 30, seed=1, weighted=True)
    x0 = np.random.default_rng(2).random(10)
    still = np.zeros(10, bool)
    still[3] = True
    out = deffuant(net, x0, 0.3, mu=0.3, n_sweeps=20, n_runs=3, stubborn=still, random_state=5)
    from einfluence.base.random import base_seed

    seed = base_seed(5)
    for r in range(3):
        expected = O.deffuant_run(net.indptr, net.indices, net.cumulative(), True, x0, still, 0.3, 0.3, 20, False,
                                  seed, r)
        np.testing.assert_allclose(out[r], expected, rtol=0, atol=1e-12)
    complete = deffuant(None, x0, 0.3, n_sweeps=10, n_runs=2, random_state=5)
    np.testing.assert_allclose(complete[1], O.deffuant_run([0], [], [], False, x0, np.zeros(10, bool), 0.3, 0.5, 10,
                                                           True, seed, 1), atol=1e-12)


def test_hk_steps_equal_the_oracle():
    rng = np.random.default_rng(4)
    x = rng.random(40)
    still = rng.random(40) < 0.1
    out = np.empty(40)
    K.hk_complete_step(x, still, 0.15, out)
    everyone = [[j for j in range(40) if j != i] for i in range(40)]
    np.testing.assert_allclose(out, O.hk_step(everyone, x, still, 0.15), atol=1e-12)
    net = _random_net(40, 150, seed=5, weighted=False)
    K.hk_graph_step(net.indptr, net.indices, x, still, 0.2, out)
    rows = [net.indices[net.indptr[i]:net.indptr[i + 1]].tolist() for i in range(40)]
    np.testing.assert_allclose(out, O.hk_step(rows, x, still, 0.2), atol=1e-12)
    final, _ = hegselmann_krause(None, x, 0.15, stubborn=still, max_steps=3)
    y = x
    for _ in range(3):
        y = O.hk_step(everyone, y, still, 0.15)
    np.testing.assert_allclose(final, y, atol=1e-12)


def test_fj_sweep_is_one_jacobi_step():
    net = _random_net(15, 50, seed=9, weighted=True)
    rng = np.random.default_rng(1)
    lam, base, x = rng.random(15), rng.random(15), rng.random(15)
    out = np.empty(15)
    K.fj_sweep(net.indptr, net.indices, net.weight, lam, base, x, out)
    np.testing.assert_allclose(out, lam * (net.to_scipy() @ x) + base, atol=1e-12)


def test_sweeps_do_not_depend_on_the_threads(monkeypatch):
    """Each row is computed by one thread from the previous vector: the same values, bit for bit,
    on one thread and on three parts of the rows."""
    net = _random_net(500, 3000, seed=8, weighted=True)
    t_indptr, t_indices, t_weight = net.transpose()
    rng = np.random.default_rng(3)
    lam, base, x = rng.random(500), rng.random(500), rng.random(500)
    still = rng.random(500) < 0.1
    sweeps = {
        "fj": lambda out: K.fj_sweep(net.indptr, net.indices, net.weight, lam, base, x, out),
        "transpose": lambda out: K.transpose_sweep(t_indptr, t_indices, t_weight, lam, base, x, out),
        "hk": lambda out: K.hk_graph_step(net.indptr, net.indices, x, still, 0.3, out),
    }
    monkeypatch.setattr(K, "MIN_PARALLEL_WORK", 0)
    for name, sweep in sweeps.items():
        got = []
        for threads in (1, 3):
            monkeypatch.setattr(K, "get_num_threads", lambda threads=threads: threads)
            out = np.full(500, np.nan)
            sweep(out)
            got.append(out)
        assert np.isfinite(got[0]).all(), name
        np.testing.assert_array_equal(got[0], got[1], err_msg=name)


def test_same_seed_same_runs_whatever_the_threads():
    import numba

    net = _random_net(60, 300, seed=2, weighted=True)
    kwargs = {"n_random_committed": 6, "n_runs": 9, "horizon": 30, "random_state": 11}
    before = numba.get_num_threads()
    try:
        numba.set_num_threads(1)
        one = simulate_opinions(net, "naming-game", **kwargs)
        numba.set_num_threads(min(2, numba.config.NUMBA_NUM_THREADS))
        two = simulate_opinions(net, "naming-game", **kwargs)
    finally:
        numba.set_num_threads(before)
    assert one.final.tolist() == two.final.tolist()
    np.testing.assert_array_equal(one.t_consensus, two.t_consensus)
    np.testing.assert_array_equal(one.trajectory, two.trajectory)  # integer counts: exact sums
    other = simulate_opinions(net, "naming-game", **{**kwargs, "random_state": 12})
    assert other.final.tolist() != one.final.tolist() or not np.array_equal(other.t_majority, one.t_majority)


def test_alias_tables_give_each_source_its_weight_exactly():
    # enumerate the draws of every row: position k with probability 1/d, then its own source with
    # probability keep, its alias otherwise; the sum per source is its weight (up to rounding)
    net = _random_net(30, 200, seed=6, weighted=True)
    offs, src, alias, keep = sampling_tables(net)
    deg = np.diff(net.indptr)
    assert offs.dtype == np.uint32 and offs.tolist() == net.indptr.tolist()
    assert src.dtype == np.int32 and src.size == net.n_arcs + 1 and src[-1] == 0
    assert (src[:-1] & 0x7FFFFFFF).tolist() == net.indices.tolist()
    # bit 31 (the sign) flags every entry of a weighted row
    assert all(len(set((src[lo:hi] < 0).tolist())) <= 1 for lo, hi in itertools.pairwise(offs))
    weighted = np.array([hi > lo and src[lo] < 0 for lo, hi in itertools.pairwise(offs)])
    assert weighted[deg > 1].all() and not weighted[deg <= 1].any()  # random weights differ
    for i in range(net.n_nodes):
        lo, hi = net.indptr[i], net.indptr[i + 1]
        got = dict.fromkeys(net.indices[lo:hi].tolist(), 0.0)
        for e in range(lo, hi):
            assert 0.0 <= keep[e] <= 1.0 and alias[e] in got
            got[int(src[e] & 0x7FFFFFFF)] += keep[e] / (hi - lo)
            got[int(alias[e])] += (1.0 - keep[e]) / (hi - lo)
        np.testing.assert_allclose([got[j] for j in net.indices[lo:hi].tolist()], net.weight[lo:hi], atol=1e-12)
    # the oracle builds the same tables
    flags, o_alias, o_keep = O.alias_tables(net.indptr, net.indices, net.weight)
    assert flags == weighted.tolist() and o_alias == alias[:-1].tolist()
    np.testing.assert_array_equal(o_keep, keep[:-1])


def test_equal_weights_read_no_table():
    # an unweighted network, and rows whose weights happen to be equal, draw uniformly
    net = InfluenceNetwork.from_arcs([0, 0, 1, 1, 2], [1, 2, 0, 2, 0], [2.0, 2.0, 1.0, 3.0, 5.0])
    offs, src, _, _ = sampling_tables(net)
    assert [bool(src[lo] < 0) for lo in offs[:-1]] == [False, True, False]  # bit 31 of a row's entries


def test_alias_draws_follow_the_weights():
    # the twin draws exactly what the kernel draws (test above); its draws from a skewed row pass a
    # chi-square test against the weights (99.9 % quantile of 5 degrees of freedom: 20.5)
    w = np.array([0.5, 0.2, 0.15, 0.1, 0.04, 0.01])
    net = InfluenceNetwork.from_arcs(np.zeros(6, np.int64), np.arange(1, 7), w, n_nodes=7)
    tables = O.alias_tables(net.indptr, net.indices, net.weight)
    aux = O.Words(99)
    draws = 60_000
    counts = np.zeros(7)
    for _ in range(draws):
        counts[O.pick(net.indptr, net.indices, tables, 0, aux.word() >> 33, aux)] += 1
    expected = draws * w
    assert ((counts[1:] - expected) ** 2 / expected).sum() < 20.5, counts


@pytest.mark.parametrize("m", [1, 3, 7, 100, 255, 256])
def test_integer_draws_are_exactly_uniform(m):
    # Lemire's multiply-shift over every 8-bit input: the inputs it keeps (those it does not redraw)
    # reach each of the m outcomes equally often, so the draws carry no bias at all
    kept = np.zeros(m, np.int64)
    for x in range(256):
        aux = O.Words(12345)
        k = O.lemire(x, m, 8, aux)
        assert 0 <= k < m
        if aux.state == 12345:
            kept[k] += 1
    assert (kept == 256 // m).all(), kept
