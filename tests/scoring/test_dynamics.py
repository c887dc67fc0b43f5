"""Influence over time: windows tile, planted trends and bursts are found, noise is not."""

from __future__ import annotations

import itertools
import math
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from scipy import stats

from einfluence.exceptions import ParameterError
from einfluence.scoring.dynamics import (
    TREND_LABELS,
    one_day_influencers,
    rank_stability,
    rolling_windows,
    trends,
)

DAY = timedelta(days=1)
T0 = datetime(2024, 3, 1, tzinfo=UTC)

# ------------------------------------------------------------------------------------------
# rolling_windows
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [DAY, 7 * DAY, timedelta(hours=6)])
def test_windows_tile_exactly(width):
    end = T0 + 28 * DAY
    windows = rolling_windows(T0, end, width=width)
    assert windows[0][0] == T0 and windows[-1][1] == end
    assert all(u - s == width for s, u in windows)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(windows))
    assert len(windows) == (end - T0) // width


def test_sliding_windows_overlap_and_end_at_end():
    end = T0 + 30 * DAY
    windows = rolling_windows(T0, end, width=7 * DAY, step=DAY)
    assert len(windows) == 24
    assert windows[-1] == (end - 7 * DAY, end)
    assert windows[0] == (T0, T0 + 7 * DAY)
    assert all(b[0] - a[0] == DAY for a, b in itertools.pairwise(windows))


def test_windows_anchored_at_end_and_partial_head():
    end = T0 + 10 * DAY
    windows = rolling_windows(T0, end, width=3 * DAY)
    assert windows[-1][1] == end
    assert windows[0][0] == T0 + DAY  # 10 days hold three full 3-day windows, anchored at end
    with_head = rolling_windows(T0, end, width=3 * DAY, partial=True)
    assert with_head[0] == (T0, T0 + DAY)
    assert with_head[1:] == windows
    assert rolling_windows(T0, T0 + DAY, width=2 * DAY, partial=True) == [(T0, T0 + DAY)]


def test_windows_are_validated():
    with pytest.raises(ParameterError, match="after"):
        rolling_windows(T0, T0, width=DAY)
    with pytest.raises(ParameterError, match="positive"):
        rolling_windows(T0, T0 + 5 * DAY, width=timedelta(0))
    with pytest.raises(ParameterError, match="gaps"):
        rolling_windows(T0, T0 + 5 * DAY, width=DAY, step=2 * DAY)
    with pytest.raises(ParameterError, match="no window fits"):
        rolling_windows(T0, T0 + DAY, width=2 * DAY)
    with pytest.raises(ParameterError, match="naive"):
        rolling_windows(datetime(2024, 3, 1), T0 + DAY, width=DAY)
    with pytest.raises(TypeError):
        rolling_windows(T0, T0 + 2 * DAY, width=1)


# ------------------------------------------------------------------------------------------
# rank_stability
# ------------------------------------------------------------------------------------------


def test_identical_windows_are_perfectly_stable():
    rng = np.random.default_rng(0)
    row = rng.poisson(1.0, 500).astype(float)
    st = rank_stability(np.vstack([row, row, row]), k=20)
    assert st.kendall.tolist() == [1.0, 1.0]
    assert st.spearman.tolist() == [1.0, 1.0]
    assert st.overlap.tolist() == [20.0, 20.0]
    assert st.overlap_fraction.tolist() == [1.0, 1.0]


def test_rank_stability_matches_scipy_over_common_accounts():
    rng = np.random.default_rng(1)
    s = rng.poisson(1.5, (4, 300)).astype(float)
    s[rng.random(s.shape) < 0.2] = np.nan
    st = rank_stability(s, k=10)
    for w in range(3):
        both = ~np.isnan(s[w]) & ~np.isnan(s[w + 1])
        assert st.n_common[w] == both.sum()
        assert st.kendall[w] == pytest.approx(
            stats.kendalltau(s[w, both], s[w + 1, both]).statistic, abs=1e-12
        )
        assert st.spearman[w] == pytest.approx(
            stats.spearmanr(s[w, both], s[w + 1, both]).statistic, abs=1e-12
        )


def test_rank_stability_reversed_and_small_windows():
    row = np.arange(10.0)
    st = rank_stability(np.vstack([row, -row]), k=3)
    assert st.kendall[0] == pytest.approx(-1.0) and st.overlap[0] == 0.0
    sparse = np.vstack([row, np.r_[1.0, 2.0, np.full(8, np.nan)]])
    assert math.isnan(rank_stability(sparse, k=3).overlap[0])  # fewer than k scored
    with pytest.raises(ParameterError, match="at least 2"):
        rank_stability(row[None, :])


# ------------------------------------------------------------------------------------------
# trends
# ------------------------------------------------------------------------------------------


def planted_histories(rng, n_windows=12, n_each=200):
    t = np.arange(n_windows, dtype=float)
    rising = 1 + 0.5 * t[:, None] + rng.normal(0, 0.3, (n_windows, n_each))
    fading = 7 - 0.5 * t[:, None] + rng.normal(0, 0.3, (n_windows, n_each))
    stable = 5 + rng.normal(0, 1.0, (n_windows, n_each))
    burst = np.full((n_windows, n_each), 2.0) + rng.normal(0, 0.1, (n_windows, n_each))
    burst[n_windows // 2] = 40.0
    return np.hstack([rising, fading, stable, burst])


def test_planted_trends_are_classified():
    rng = np.random.default_rng(42)
    s = planted_histories(rng)
    times = [T0 + i * DAY for i in range(s.shape[0])]
    tr = trends(s, times)
    labels = tr.label.reshape(4, -1)
    assert (labels[0] == "rising").all()
    assert (labels[1] == "fading").all()
    # stable noise: at most a chance false positive or two among 200 (t >= 2 and +-50 %)
    assert (labels[2] == "stable").mean() >= 0.98
    assert (labels[3] == "stable").all()  # a one-window burst is not a trend
    assert np.allclose(tr.slope[:200].mean(), 0.5, atol=0.02)  # per day


def test_trend_slope_is_least_squares_over_scored_windows():
    rng = np.random.default_rng(3)
    s = rng.normal(size=(8, 50))
    s[rng.random(s.shape) < 0.3] = np.nan
    times = np.cumsum(rng.uniform(0.5, 2.0, 8))
    tr = trends(s, times)
    for i in range(50):
        ok = ~np.isnan(s[:, i])
        assert tr.n_windows[i] == ok.sum()
        if ok.sum() >= 3:
            fit = stats.linregress(times[ok], s[ok, i])
            assert tr.slope[i] == pytest.approx(fit.slope, abs=1e-10)
            assert tr.t_stat[i] == pytest.approx(fit.slope / fit.stderr, rel=1e-8)
            assert tr.change[i] == s[ok, i][-1] - s[ok, i][0]
        else:
            assert tr.label[i] == "unknown"


def test_trends_edge_cases():
    s = np.array(
        [
            [1.0, 3.0, np.nan, 0.0],
            [2.0, 3.0, np.nan, 0.0],
            [3.0, 3.0, 1.0, 0.0],
            [4.0, 3.0, 2.0, 0.0],
        ]
    )
    tr = trends(
        s, np.array(["2024-03-01", "2024-03-02", "2024-03-03", "2024-03-05"], "datetime64[D]")
    )
    assert tr.label.tolist() == ["rising", "stable", "unknown", "stable"]
    assert tr.t_stat[1] == 0.0 and tr.relative_change[3] == 0.0
    assert set(tr.label) <= set(TREND_LABELS)
    assert tr.accounts("rising").tolist() == [0]
    # a large minimum level keeps small accounts stable
    assert trends(s, [0, 1, 2, 3], min_level=10.0).label[0] == "stable"
    with pytest.raises(ParameterError, match="increasing"):
        trends(s, [0, 1, 1, 2])
    with pytest.raises(ParameterError, match="shape"):
        trends(s, [0, 1, 2])


# ------------------------------------------------------------------------------------------
# one-day influencers
# ------------------------------------------------------------------------------------------


def test_planted_bursts_are_found_and_nothing_else():
    rng = np.random.default_rng(7)
    s = planted_histories(rng)
    b = one_day_influencers(s, burst_threshold=20.0)
    np.testing.assert_array_equal(b.accounts, np.arange(600, 800))
    assert (b.window == 6).all() and (b.peak == 40.0).all()
    assert np.allclose(b.baseline, 2.0, atol=0.1)
    assert (b.z > 3.5).all()


def test_bursts_with_the_default_threshold_ignore_noise():
    rng = np.random.default_rng(8)
    s = 5 + rng.normal(0, 1.0, (30, 5000))  # stable noise
    s[10, 123] = 60.0  # one planted burst
    b = one_day_influencers(s)
    assert b.accounts.tolist() == [123] and b.window.tolist() == [10]


def test_a_lasting_rise_is_not_a_one_day_influencer():
    s = np.zeros((10, 3))
    s[:, 0] = [1, 1, 1, 1, 50, 1, 1, 1, 1, 1]  # one day
    s[:, 1] = [1, 1, 1, 1, 50, 45, 48, 1, 1, 1]  # three days: not one-day
    s[:, 2] = [1, 1, 1, 1, 1, 1, 1, 1, 1, 50]  # last day: cannot tell yet
    b = one_day_influencers(s, burst_threshold=10)
    assert b.accounts.tolist() == [0]
    # without the fall-back check, the lasting rise and the last-day peak both pass
    assert one_day_influencers(s, burst_threshold=10, fallback_windows=0).accounts.tolist() == [
        0,
        1,
        2,
    ]
    assert one_day_influencers(s, burst_threshold=10, fallback_windows=3).accounts.tolist() == [0]


def test_bursts_and_missing_days():
    s = np.full((6, 2), np.nan)
    s[2, 0] = 30.0  # active one single day
    s[:, 1] = [2, 2, 30, np.nan, 2, 2]  # burst, then inactive the next day
    assert one_day_influencers(s, burst_threshold=10).accounts.tolist() == [1]
    filled = one_day_influencers(s, burst_threshold=10, fill_value=0.0)
    assert filled.accounts.tolist() == [0, 1]
    assert filled.baseline.tolist() == [0.0, 2.0]
    assert math.isinf(filled.z[0])


def test_burst_ratio_rule():
    s = np.tile(np.array([[10.0], [10.5], [9.5], [10.0], [10.2]]), (1, 1))
    s[2, 0] = 25.0  # a clear outlier, but only 2.5 x the usual level
    assert len(one_day_influencers(s, burst_threshold=0)) == 0
    assert one_day_influencers(s, burst_threshold=0, min_ratio=2.0).accounts.tolist() == [0]


def test_bursts_are_validated():
    with pytest.raises(ParameterError):
        one_day_influencers(np.ones((3, 2)), fallback=1.0)
    with pytest.raises(ParameterError, match="finite"):
        one_day_influencers(np.array([[1.0], [np.inf]]))
    with pytest.raises(ParameterError, match="2-D"):
        one_day_influencers(np.ones(3))
