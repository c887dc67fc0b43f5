"""Learned probabilities: naive-loop oracles, the in-degree-one MLE, recovery of planted values."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from einfluence.diffusion import (
    ActionLog,
    DiffusionGraph,
    em_probabilities,
    goyal_probabilities,
    sample_cascades,
)
from einfluence.exceptions import GraphTypeError, ParameterError


def _first_actions(cascade, account, time):
    first: dict[tuple[int, int], float] = {}
    for c, a, t in zip(cascade.tolist(), account.tolist(), time.tolist(), strict=True):
        if (c, a) not in first or t < first[(c, a)]:
            first[(c, a)] = t
    by_cascade: dict[int, dict[int, float]] = {}
    for (c, a), t in first.items():
        by_cascade.setdefault(c, {})[a] = t
    return by_cascade


def _counts(g, cascade, account, time, window):
    """Per arc: trials and the list of (cascade, v) successes, by loops over cascades."""
    log = _first_actions(cascade, account, time)
    src, dst = g.sources().tolist(), g.indices.tolist()
    trials = np.zeros(g.n_arcs)
    successes: list[list[tuple[int, int]]] = [[] for _ in range(g.n_arcs)]
    for c, acted in log.items():
        for e, (u, v) in enumerate(zip(src, dst, strict=True)):
            if u not in acted:
                continue
            tu, tv = acted[u], acted.get(v)
            if tv is not None and tv <= tu:
                continue
            trials[e] += 1
            if tv is not None and (window is None or tv - tu <= window):
                successes[e].append((c, v))
    return trials, successes


def goyal_naive(g, cascade, account, time, window=None, credit="full", denominator="trials"):
    log = _first_actions(cascade, account, time)
    trials, successes = _counts(g, cascade, account, time, window)
    n_credited: dict[tuple[int, int], int] = {}
    for succ in successes:
        for key in succ:
            n_credited[key] = n_credited.get(key, 0) + 1
    out = np.zeros(g.n_arcs)
    for e, (u, v) in enumerate(zip(g.sources().tolist(), g.indices.tolist(), strict=True)):
        num = sum(1.0 if credit == "full" else 1.0 / n_credited[k] for k in successes[e])
        acts_u = sum(u in acted for acted in log.values())
        if denominator == "trials":
            den = trials[e]
        elif denominator == "actions":
            den = acts_u
        else:
            den = sum((u in acted) or (v in acted) for acted in log.values())
        out[e] = num / den if den else 0.0
    return out


def em_naive(g, cascade, account, time, window, n_iter):
    trials, successes = _counts(g, cascade, account, time, window)
    events: dict[tuple[int, int], list[int]] = {}
    for e, succ in enumerate(successes):
        for key in succ:
            events.setdefault(key, []).append(e)
    k = np.where(trials > 0, 0.5, 0.0)
    for _ in range(n_iter):
        p_event = {key: 1 - np.prod([1 - k[e] for e in arcs]) for key, arcs in events.items()}
        new = np.zeros(g.n_arcs)
        for e, succ in enumerate(successes):
            if trials[e]:
                new[e] = sum(k[e] / p_event[key] for key in succ) / trials[e]
        k = new
    return k


def _random_log(rng, n_nodes, n_cascades, n_rows, integer_time=True):
    cascade = rng.integers(0, n_cascades, n_rows) * 7 + 3  # arbitrary ids
    account = rng.integers(0, n_nodes, n_rows)
    time = rng.integers(0, 6, n_rows).astype(float) if integer_time else rng.random(n_rows) * 5
    return cascade, account, time


@pytest.mark.parametrize("seed", range(3))
def test_goyal_matches_naive_loops(seed):
    rng = np.random.default_rng(seed)
    g = DiffusionGraph.from_arcs(rng.integers(0, 12, 40), rng.integers(0, 12, 40), 1.0, n_nodes=12)
    c, a, t = _random_log(rng, 12, 15, 120, integer_time=seed != 1)
    for window in (None, 1.0, 2.5):
        for credit in ("full", "partial"):
            for denominator in ("trials", "actions", "jaccard"):
                got = goyal_probabilities(g, c, a, t, window=window, credit=credit, denominator=denominator)
                want = goyal_naive(g, c, a, t, window, credit, denominator)
                np.testing.assert_allclose(got, want, atol=1e-12, err_msg=f"{window} {credit} {denominator}")


@pytest.mark.parametrize("seed", range(3))
def test_em_matches_naive_loops(seed):
    rng = np.random.default_rng(10 + seed)
    g = DiffusionGraph.from_arcs(rng.integers(0, 10, 30), rng.integers(0, 10, 30), 1.0, n_nodes=10)
    c, a, t = _random_log(rng, 10, 20, 120)
    for window in (1.0, None):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            got = em_probabilities(g, c, a, t, window=window, max_iter=7, tol=1e-15)
        np.testing.assert_allclose(got, em_naive(g, c, a, t, window, 7), atol=1e-12)


def test_in_degree_one_em_and_goyal_are_the_mle():
    # a tree: every node has one possible influencer, so EM and Goyal's trials ratio coincide
    rng = np.random.default_rng(4)
    parent = np.array([-1, 0, 0, 1, 1, 2, 2, 3])
    src, dst = parent[1:], np.arange(1, 8)
    p = rng.uniform(0.2, 0.8, 7)
    g = DiffusionGraph.from_arcs(src, dst, p, n_nodes=8)
    log = sample_cascades(g, 3_000, seeds=[[0]] * 3_000, random_state=0)
    em = em_probabilities(g, log.cascade, log.account, log.time)
    goyal = goyal_probabilities(g, log.cascade, log.account, log.time, window=1)
    np.testing.assert_allclose(em, goyal, atol=1e-9)
    # and equal the success frequencies counted directly
    active = np.zeros((3_000, 8), bool)
    active[log.cascade, log.account] = True
    freq = np.array([active[active[:, u], v].mean() for u, v in zip(g.sources(), g.indices, strict=True)])
    np.testing.assert_allclose(em, freq, atol=1e-12)
    np.testing.assert_allclose(em, g.prob, atol=0.08)


def test_em_recovers_planted_probabilities_better_with_more_cascades():
    rng = np.random.default_rng(0)
    g = DiffusionGraph.from_arcs(rng.integers(0, 100, 400), rng.integers(0, 100, 400), 1.0, n_nodes=100)
    truth = rng.uniform(0.05, 0.5, g.n_arcs)
    g = g.with_prob(truth)
    errors = {}
    for n in (100, 1_000, 10_000):
        log = sample_cascades(g, n, random_state=n)
        errors[n] = np.abs(em_probabilities(g, log.cascade, log.account, log.time) - truth).mean()
    assert errors[100] > errors[1_000] > errors[10_000]
    assert errors[10_000] < 0.025
    # Goyal's credit ignores competing parents: biased, EM is better with plenty of data
    goyal = goyal_probabilities(g, log.cascade, log.account, log.time, window=1)
    assert np.abs(goyal - truth).mean() > errors[10_000]


def test_parent_credit_uses_recorded_parents_only():
    g = DiffusionGraph.from_arcs([0, 1], [2, 2], 1.0)
    c = np.array([0, 0, 0, 1, 1])
    a = np.array([0, 1, 2, 1, 2])
    t = np.array([0.0, 0.0, 1.0, 0.0, 3.0])
    par = np.array([-1, -1, 1, -1, 1])
    assert goyal_probabilities(g, c, a, t, parent=par).tolist() == [0.0, 1.0]
    assert goyal_probabilities(g, c, a, t).tolist() == [1.0, 1.0]


def test_unobserved_arcs_and_action_log():
    g = DiffusionGraph.from_arcs([0, 3], [1, 2], 1.0, n_nodes=4)
    c, a, t = np.array([5, 5, 5]), np.array([0, 1, 1]), np.array([0.0, 2.0, 1.0])
    assert goyal_probabilities(g, c, a, t, unobserved=0.2).tolist() == [1.0, 0.2]
    assert em_probabilities(g, c, a, t, window=None, unobserved=0.3).tolist() == [1.0, 0.3]
    assert np.isnan(goyal_probabilities(g, c, a, t, unobserved=None)).tolist() == [False, True]
    assert ActionLog(c, a, t).sizes().tolist() == [2]
    empty = np.zeros(0, np.int64)
    assert goyal_probabilities(g, empty, empty, empty.astype(float)).tolist() == [0.0, 0.0]
    assert em_probabilities(g, empty, empty, empty.astype(float)).tolist() == [0.0, 0.0]


def test_validation():
    g = DiffusionGraph.from_arcs([0], [1], 1.0)
    c, a, t = np.array([0, 0]), np.array([0, 1]), np.array([0.0, 1.0])
    with pytest.raises(GraphTypeError):
        goyal_probabilities(None, c, a, t)
    with pytest.raises(ParameterError, match="same length"):
        goyal_probabilities(g, c, a, t[:1])
    with pytest.raises(ParameterError, match="account"):
        em_probabilities(g, c, np.array([0, 2]), t)
    with pytest.raises(ParameterError, match="finite"):
        em_probabilities(g, c, a, np.array([0.0, np.nan]))
    with pytest.raises(ParameterError, match="credit"):
        goyal_probabilities(g, c, a, t, credit="some")
    with pytest.raises(ParameterError, match="denominator"):
        goyal_probabilities(g, c, a, t, denominator="x")
    with pytest.raises(ParameterError, match="window"):
        em_probabilities(g, c, a, t, window=0)
    with pytest.raises(ParameterError, match="parent"):
        goyal_probabilities(g, c, a, t, parent=np.array([1]))
    with pytest.warns(RuntimeWarning, match="did not converge"):
        em_probabilities(g, np.array([0, 0, 1]), np.array([0, 1, 0]), np.array([0.0, 1.0, 0.0]),
                         max_iter=1, tol=1e-12, init=0.9)
