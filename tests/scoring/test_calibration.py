"""Calibration of the score by rolling-origin backtests: planted signal, fallback, no look-ahead, determinism."""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np
import pytest

from einfluence.base.arrays import InteractionArrays
from einfluence.exceptions import ParameterError
from einfluence.graph.view import GraphView
from einfluence.scoring.calibration import CalibrationParams, calibrate_score
from einfluence.scoring.score import DEFAULT_WEIGHTS, INPUTS, ScoreParams, einfluence_score
from einfluence.store.scores import competition_ranks

HOUR = 3_600_000_000


def planted_world(seed: int = 0, n: int = 3000, hours: int = 400, per_hour: int = 60) -> GraphView:
    """Accounts of hidden quality q act in proportion to q and are relayed in proportion to q, but
    relays are rare: an account's own activity tells its quality long before reactions do."""
    rng = np.random.default_rng(seed)
    q = rng.pareto(1.5, n) + 0.05
    p = q / q.sum()
    m = hours * per_hour
    src = rng.choice(n, m, p=p)          # who acts: the good accounts act more
    dst = rng.choice(n, m, p=p)          # who they relay: the good accounts too
    relayed = rng.random(m) < 0.25       # most acts are replies to the crowd
    dst = np.where(relayed, dst, rng.integers(0, n, m))
    keep = src != dst
    time = np.sort(rng.integers(0, hours * HOUR, m))[keep]
    return GraphView.from_arrays(InteractionArrays(
        src=src[keep], dst=dst[keep], time=time, weight=np.ones(keep.sum()),
        kind=np.where(relayed[keep], 0, 1).astype(np.int8), post=np.full(keep.sum(), -1), n_accounts=n))


@pytest.fixture(scope="module")
def world() -> GraphView:
    return planted_world()


@pytest.fixture(scope="module")
def calibrated(world):
    return calibrate_score(world, params=CalibrationParams(n_folds=3, search_sample=2000), measures=False)


def test_planted_activity_is_learned_and_wins_out_of_sample(calibrated):
    assert calibrated.fallback is None
    assert calibrated.weights["activity"] > 0
    oos = calibrated.out_of_sample()
    assert oos["calibrated"]["n_folds"] == 2
    assert oos["calibrated"]["spearman_mean"] > oos["default"]["spearman_mean"] + 0.02
    assert calibrated.objective["calibrated"] > calibrated.objective["default"]


def test_each_fold_is_fitted_on_the_folds_before_it_only(calibrated):
    folds = calibrated.folds
    assert [f.trained_on for f in folds] == [0, 1, 2]
    assert all(a.cut < b.cut for a, b in itertools.pairwise(folds))
    assert all(f.end == g.cut for f, g in itertools.pairwise(folds))
    assert "calibrated" not in folds[0].metrics and "calibrated" in folds[1].metrics


def test_no_look_ahead_changing_the_last_segment_changes_no_earlier_fold(world, calibrated):
    last = calibrated.folds[-1]
    # rewire every event of the last segment: the earlier folds' fits and figures must not move
    later = world.time >= last.cut
    rng = np.random.default_rng(1)
    src = world.sources()
    dst = world.indices.copy()
    # same times and kinds (so the same cut points), other accounts relayed, never oneself
    dst[later] = (src[later] + rng.integers(1, world.n_nodes, later.sum())) % world.n_nodes
    other = GraphView.from_arrays(InteractionArrays(
        src=src, dst=dst, time=world.time, weight=world.weight, kind=world.kind, post=world.post,
        n_accounts=world.n_nodes))
    again = calibrate_score(other, params=CalibrationParams(n_folds=3, search_sample=2000), measures=False)
    for a, b in zip(calibrated.folds[:-1], again.folds[:-1], strict=True):
        assert a.cut == b.cut and a.weights == b.weights and a.metrics == b.metrics
    assert calibrated.folds[-1].metrics != again.folds[-1].metrics


def test_same_data_same_calibration(world, calibrated):
    again = calibrate_score(world, params=CalibrationParams(n_folds=3, search_sample=2000), measures=False)
    assert again.to_dict() == calibrated.to_dict()


def test_points_add_up_and_activity_lifts_accounts_nobody_reacted_to(world, calibrated):
    early = world.edge_subgraph(world.time < 10 * HOUR)   # many accounts acted, few were reacted to yet
    result = einfluence_score(early, params=calibrated.score_params())
    active = result.active
    total = sum(result.points.values())
    assert np.allclose(total[active], result.score[active] - 1.0)
    unreacted = active & (result.reactors == 0) & (np.bincount(early.sources(), minlength=early.n_nodes) > 0)
    assert unreacted.any() and (result.score[unreacted] > 1.0).all()
    default = einfluence_score(early)
    assert (default.score[unreacted] == 1.0).all()


def test_too_little_history_falls_back_to_the_defaults():
    view = planted_world(n=200, hours=10, per_hour=5)
    result = calibrate_score(view, params=CalibrationParams(n_folds=3, min_positive=50), measures=False)
    assert result.fallback is not None and "too little history" in result.fallback
    assert result.weights == {c: DEFAULT_WEIGHTS.get(c, 0.0) for c in INPUTS}
    assert result.half_life_fraction == 0.25
    # and the fallback's score is the default score
    a = einfluence_score(view, params=result.score_params())
    assert np.array_equal(a.score, einfluence_score(view).score, equal_nan=True)


def test_measures_are_judged_on_every_fold(world):
    result = calibrate_score(world, params=CalibrationParams(n_folds=2, search_sample=2000), measures=True)
    assert {"default", "distinct_reactors", "pagerank", "k_core"} <= set(result.folds[1].metrics)
    oos = result.out_of_sample()
    assert oos["distinct_reactors"]["n_folds"] == 1 and np.isnan(oos["distinct_reactors"]["spearman_sd"])


@pytest.mark.parametrize(("change", "match"), [
    ({"n_folds": 1}, "n_folds"),
    ({"inputs": ("followers",)}, "unknown input"),
    ({"inputs": ("activity",)}, "at least one component"),
    ({"half_life_fractions": (0.25, 10.0)}, "half_life_fractions"),
    ({"half_life_fractions": (0.5,)}, "default 0.25"),
    ({"regularisation": -1.0}, "regularisation"),
])
def test_bad_parameters_name_themselves(world, change, match):
    with pytest.raises(ParameterError, match=match):
        calibrate_score(world, params=dataclasses.replace(CalibrationParams(), **change))


def test_calibrated_params_are_validated_score_params(calibrated):
    params = calibrated.score_params(ScoreParams(decades=4.0))
    assert params.decades == 4.0 and params.half_life_hours is None
    assert params.as_dict()["half_life_fraction"] == calibrated.half_life_fraction
    assert "half_life_fraction" not in ScoreParams().as_dict()   # a default run's record is unchanged


def test_competition_ranks_oracle_and_properties():
    assert competition_ranks(np.array([50.0, 1.0, 50.0, 1.0, 60.0]),
                             np.array([0.5, 0.0, 0.5, 0.0, 0.9])).tolist() == [2, 4, 2, 4, 1]
    # at the cap of 100 the index still orders
    assert competition_ranks(np.array([100.0, 100.0]), np.array([2.0, 3.0])).tolist() == [2, 1]
    rng = np.random.default_rng(3)
    score = rng.integers(1, 5, 500).astype(float)
    index = rng.integers(0, 3, 500).astype(float)
    ranks = competition_ranks(score, index)
    for i in rng.choice(500, 50, replace=False):
        better = (score > score[i]) | ((score == score[i]) & (index > index[i]))
        assert ranks[i] == 1 + better.sum()
    # relabelling the accounts permutes the ranks
    perm = rng.permutation(500)
    assert np.array_equal(competition_ranks(score[perm], index[perm]), ranks[perm])
