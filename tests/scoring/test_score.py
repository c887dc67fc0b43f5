"""The einfluence score: calibration, decomposition, decay, availability, monotonicity."""

from __future__ import annotations

import numpy as np
import pytest

from einfluence.base.arrays import InteractionArrays
from einfluence.base.kinds import INTERACTION_KINDS
from einfluence.exceptions import ParameterError
from einfluence.graph.view import GraphView
from einfluence.scoring.score import (
    COMPONENTS,
    ScoreParams,
    calibrate,
    decay_weights,
    einfluence_score,
)

HOUR = 3_600_000_000


def _view(src, dst, hours, kinds="relay", n=None):
    src, dst = np.asarray(src), np.asarray(dst)
    kind = np.array([INTERACTION_KINDS.index(k) for k in np.broadcast_to(kinds, src.shape)], dtype=np.int8)
    return GraphView.from_arrays(
        InteractionArrays(
            src=src, dst=dst, time=np.asarray(hours, dtype=np.int64) * HOUR, weight=np.ones(src.size),
            kind=kind, post=np.full(src.size, -1), n_accounts=n or int(max(src.max(), dst.max()) + 1),
        )
    )


def _random_view(seed, n=200, m=2000, extra=0):
    rng = np.random.default_rng(seed)
    # heavy-tailed targets: a few accounts receive most reactions
    dst = np.minimum((rng.pareto(1.2, m) * 3).astype(int), n - 1)
    src = rng.integers(0, n, m)
    keep = src != dst
    hours = rng.integers(0, 24 * 14, keep.sum())
    kinds = rng.choice(["relay", "mention", "reply"], keep.sum())
    return _view(src[keep], dst[keep], hours, kinds, n + extra)


def test_calibration_by_tail_share():
    index = np.concatenate([np.zeros(900), np.linspace(1, 2, 99), [5.0]])
    score = calibrate(index, np.zeros(index.size, int), decades=6)
    assert np.all(score[:900] == 1.0)
    # the best of 1000 is in the top 0.1 %: 1 + 99 * 3/6
    assert score[-1] == pytest.approx(1 + 99 * 3 / 6)
    # top 1 % (10 of 1000 at or above): 1 + 99 * 2 / 6 = 34
    assert score[np.argsort(index)[-10]] == pytest.approx(34.0)
    assert np.all(np.diff(score[np.argsort(index, kind="stable")]) >= 0)


def test_calibration_is_per_group_and_scale_free():
    rng = np.random.default_rng(0)
    a = rng.lognormal(size=500)
    both = np.concatenate([a, a * 1000])
    score = calibrate(both, np.repeat([0, 1], 500))
    # the same relative position gives the same score whatever the volume of the network
    assert np.allclose(score[:500], score[500:])


def test_points_add_up_and_inactive_accounts_have_no_score():
    view = _random_view(1, extra=20)
    result = einfluence_score(view, params=ScoreParams(half_life_hours=48))
    total = sum(result.points.values())
    active = result.active
    assert np.allclose(total[active], result.score[active] - 1.0)
    assert np.all(np.isnan(result.score[~active]))
    assert (~active).sum() > 0
    no_reaction = active & (np.bincount(view.indices, minlength=view.n_nodes) == 0)
    assert no_reaction.any() and np.all(result.score[no_reaction] == 1.0)
    assert np.nanmin(result.score) >= 1.0 and np.nanmax(result.score) <= 100.0


def test_old_reactions_weigh_less():
    # accounts 0 and 1 each get three relays; those of 0 are a week older
    view = _view([2, 3, 4, 5, 6, 7], [0, 0, 0, 1, 1, 1], [0, 1, 2, 168, 169, 170])
    result = einfluence_score(view, params=ScoreParams(half_life_hours=24))
    assert result.index[1] > result.index[0]
    slow = einfluence_score(view, params=ScoreParams(half_life_hours=1e6))
    assert slow.index[1] == pytest.approx(slow.index[0], rel=1e-3)


def test_decay_weights():
    w = decay_weights(np.array([0, 24 * HOUR, np.iinfo(np.int64).min]), 48 * HOUR, 24.0)
    assert w.tolist() == [0.25, 0.5, 1.0]


def test_component_not_in_data_is_unavailable_not_invented():
    # only mentions: nothing is relayed, so amplification cannot be measured
    view = _view([1, 2, 3, 1], [0, 0, 0, 2], [0, 1, 2, 3], "mention")
    result = einfluence_score(view, params=ScoreParams(half_life_hours=24))
    assert result.available["amplification"] is False
    assert "amplification" not in result.components and "amplification" not in result.points
    assert result.available["reach"] is True


def test_more_reactions_never_lower_the_index():
    base = _random_view(2)
    result = einfluence_score(base, params=ScoreParams(half_life_hours=48))
    target = int(np.nanargmax(result.index))
    for extra in range(3):
        src = np.concatenate([base.sources(), [100 + extra]])
        dst = np.concatenate([base.indices, [target]])
        hours = np.concatenate([base.time // HOUR, [base.time.max() // HOUR]])
        kinds = np.concatenate([np.array(INTERACTION_KINDS)[base.kind], ["relay"]])
        more = _view(src, dst, hours, kinds, base.n_nodes)
        grown = einfluence_score(more, params=ScoreParams(half_life_hours=48))
        assert grown.index[target] >= result.index[target] - 1e-12


def test_relabelling_accounts_permutes_scores():
    view = _random_view(3)
    perm = np.random.default_rng(0).permutation(view.n_nodes)
    kinds = np.array(INTERACTION_KINDS)[view.kind]
    moved = _view(perm[view.sources()], perm[view.indices], view.time // HOUR, kinds, view.n_nodes)
    a = einfluence_score(view, params=ScoreParams(half_life_hours=48))
    b = einfluence_score(moved, params=ScoreParams(half_life_hours=48))
    assert np.allclose(a.score, b.score[perm], equal_nan=True)


def test_bad_parameters():
    view = _random_view(4)
    with pytest.raises(ParameterError, match="unknown component"):
        einfluence_score(view, params=ScoreParams(weights={"followers": 1.0}))
    with pytest.raises(ParameterError, match="positive weight"):
        einfluence_score(view, params=ScoreParams(weights=dict.fromkeys(COMPONENTS, 0.0)))
    with pytest.raises(ParameterError):
        einfluence_score(view, params=ScoreParams(half_life_hours=-1))


def test_score_columns_match_the_stored_schema(workspace):
    cols = {r[0] for r in workspace.sql("SELECT column_name FROM information_schema.columns WHERE table_name = 'scores'").fetchall()}
    for name in COMPONENTS:
        assert name in cols and f"{name}_points" in cols
