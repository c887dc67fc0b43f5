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
    decay_clock,
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


def test_a_window_reaching_past_the_data_scores_the_same():
    # a window ending half a year after the last event decays every account by the same factor:
    # before the anchors, log1p of the tiny decayed counts reordered the accounts (by momentum)
    view = _random_view(3)
    last = int(view.time.max())
    alone = einfluence_score(view)
    later = einfluence_score(view, reference_time=last + 180 * 24 * HOUR)
    assert later.reference_time == last + 180 * 24 * HOUR
    assert later.params.half_life_hours == alone.params.half_life_hours
    np.testing.assert_array_equal(later.index, alone.index)
    np.testing.assert_array_equal(later.score, alone.score)


def _two_networks(seed):
    """Network 0 (accounts 0-199) over two weeks; network 1 (200-399) a year later."""
    a, b = _random_view(seed), _random_view(seed + 1)
    src = np.concatenate([a.sources(), b.sources() + 200])
    dst = np.concatenate([a.indices, b.indices + 200])
    hours = np.concatenate([a.time // HOUR, b.time // HOUR + 365 * 24])
    return a, _view(src, dst, hours, [INTERACTION_KINDS[k] for k in np.concatenate([a.kind, b.kind])], 400)


def test_a_network_scores_the_same_alone_and_beside_a_later_one():
    # a week of one network beside a network whose data runs a year later: each on its own clock
    a, both = _two_networks(4)
    groups = np.repeat([0, 1], 200)
    together = einfluence_score(both, groups=groups)
    alone = einfluence_score(a)
    assert set(together.clocks) == {0, 1}
    anchor, half_life, momentum = together.clocks[0]
    assert (anchor, half_life, momentum) == (alone.reference_time, alone.params.half_life_hours,
                                             alone.params.momentum_half_life_hours)
    assert together.params.half_life_hours is None  # one per network
    for name in ("reach", "momentum", "amplification", "depth"):
        np.testing.assert_allclose(together.components[name][:200], alone.components[name], rtol=1e-12, err_msg=name)
    # impact is PageRank on the union of the two graphs, whose teleport spreads over both: the
    # same order at the top
    order = lambda s: np.argsort(-np.nan_to_num(s), kind="stable")  # noqa: E731
    np.testing.assert_array_equal(order(together.score[:200])[:20], order(alone.score)[:20])


def test_decay_clocks_are_each_networks_own_within_the_window():
    _, both = _two_networks(5)
    groups = np.repeat([0, 1], 200)
    end = int(both.time.max())
    first = groups[both.indices] == 0
    clock = decay_clock(both, groups, end, ScoreParams())
    anchors, half_lives, _ = clock.per_event(both, groups)
    assert np.all(anchors[~first] == end) and np.all(anchors[first] == both.time[first].max())
    span = (both.time[first].max() - both.time[first].min()) / HOUR
    assert np.allclose(half_lives[first], span / 4)
    # a window ending before the second network's last event anchors it at the window's end
    cut = end - 24 * HOUR
    anchors, _, _ = decay_clock(both, groups, cut, ScoreParams()).per_event(both, groups)
    assert np.all(anchors[~first] == cut)
    # a half-life given by the user is every network's, and each keeps its own anchor
    given = decay_clock(both, groups, end, ScoreParams(half_life_hours=10.0))
    assert {c[1] for c in given.networks.values()} == {10.0} and given.params.half_life_hours == 10.0
    # one network: one clock
    assert decay_clock(both, None, end, ScoreParams()).networks == {}


def test_a_network_without_posts_keeps_relays_and_the_time_rule_beside_one_with_posts():
    from einfluence.base.arrays import PostArrays

    a, both = _two_networks(6)
    groups = np.repeat([0, 1], 200)
    # network 1 has posts (one original post per account, no parents); network 0 has none
    authors = np.arange(200, 400)
    posts = PostArrays(post_id=np.arange(200), author=authors, time=np.zeros(200, np.int64),
                       kind=np.zeros(200, np.int8), parent=np.full(200, -1), root=np.full(200, -1))
    together = einfluence_score(both, posts, groups=groups)
    alone = einfluence_score(a)
    np.testing.assert_allclose(together.components["amplification"][:200], alone.components["amplification"],
                               rtol=1e-12)
    np.testing.assert_allclose(together.components["depth"][:200], alone.components["depth"], rtol=1e-12)


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
