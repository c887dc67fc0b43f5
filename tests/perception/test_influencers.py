"""Perception per (account, brand): counts, intervals, share of voice, trend, typical quotes."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from einfluence.exceptions import ParameterError
from einfluence.perception.influencers import brand_perception, mean_interval, wilson_interval

DAY = 86_400 * 10**6


def _one_account(sent, times=None, brand=None, n_brands=1, **kw):
    n = len(sent)
    return brand_perception(
        np.arange(n), np.zeros(n, int) if brand is None else np.asarray(brand), np.zeros(n, int),
        np.arange(n) * DAY if times is None else np.asarray(times), np.asarray(sent, float), n_brands=n_brands, **kw,
    )


def test_interval_matches_scipy_and_contains_mean():
    rng = np.random.default_rng(0)
    x = rng.uniform(-1, 1, 25)
    p = _one_account(x)
    lo, hi = stats.t.interval(0.95, x.size - 1, loc=x.mean(), scale=stats.sem(x))
    assert p.mean_sentiment[0] == pytest.approx(x.mean())
    assert (p.ci_low[0], p.ci_high[0]) == pytest.approx((lo, hi))
    assert p.ci_low[0] < p.mean_sentiment[0] < p.ci_high[0]


def test_interval_shrinks_with_n():
    rng = np.random.default_rng(1)
    widths = []
    for n in (5, 50, 500):
        p = _one_account(rng.normal(0.3, 0.4, n))
        widths.append(p.ci_high[0] - p.ci_low[0])
    assert widths[0] > widths[1] > widths[2]
    _, lo, hi = mean_interval(np.array([1.0]), np.array([1.0]), np.array([1]))
    assert np.isnan(lo[0]) and np.isnan(hi[0])


def test_wilson_interval_properties():
    lo, hi = wilson_interval(np.array([0, 5, 10, 50]), np.array([10, 10, 10, 100]))
    assert (lo >= 0).all() and (hi <= 1).all()
    assert lo[0] == 0 and hi[2] == pytest.approx(1)
    assert lo[1] < 0.5 < hi[1]
    assert hi[3] - lo[3] < hi[1] - lo[1]  # 50/100 is tighter than 5/10


def test_repeated_mentions_in_a_post_count_once_and_window():
    p = brand_perception([0, 0, 1, 2], [0, 0, 0, 0], [3, 3, 3], [0, DAY, 2 * DAY], [0.5, 0.1, -0.2], n_brands=1,
                         since=0, until=2 * DAY)  # fmt: skip
    assert p.n_mentions.tolist() == [2]
    assert p.mean_sentiment[0] == pytest.approx(0.3)
    assert p.first_time.tolist() == [0] and p.last_time.tolist() == [DAY]


def test_share_of_voice_with_competitors():
    # account 0: brand 0 x3, competitor 1 x1, own brand 2 x2 (own brands do not compete)
    brand = [0, 0, 0, 1, 2, 2]
    p = _one_account(np.zeros(6), brand=brand, n_brands=3, competitors=[False, True, False])
    assert p.share_of_voice.tolist() == pytest.approx([3 / 4, 1 / 6, 2 / 3])
    q = _one_account(np.zeros(6), brand=brand, n_brands=3)
    assert q.share_of_voice.tolist() == pytest.approx([3 / 6, 1 / 6, 2 / 6])
    assert q.brand_share_of_voice.sum() == pytest.approx(1.0)


def test_trend_recovers_planted_slope():
    rng = np.random.default_rng(3)
    times = rng.uniform(0, 10 * DAY, 400).astype(np.int64)
    bins = np.arange(11) * DAY
    sent = 0.05 * (times // DAY) - 0.2 + rng.normal(0, 0.05, times.size)
    p = _one_account(sent, times=times, bins=bins)
    assert p.trend[0] == pytest.approx(0.05, abs=0.005)
    flat = _one_account(np.full(5, 0.3), times=np.zeros(5, int))
    assert np.isnan(flat.trend[0])  # all in one bin


def test_typical_quotes_closest_to_mean():
    sent = [-0.9, 0.2, 0.25, 0.9, 0.3]
    p = _one_account(sent, n_typical=2)
    # mean 0.15: closest are 0.2 (post 1) then 0.25 (post 2)
    assert p.typical[0].tolist() == [1, 2]
    q = _one_account([0.5], n_typical=3)
    assert q.typical[0].tolist() == [0, -1, -1]


def test_brand_summary_and_bins():
    p = brand_perception([0, 1, 2, 3], [0, 1, 0, 0], [0, 1, 1, 2], [0, 0, 5 * DAY, 5 * DAY],
                         [1.0, -1.0, 0.0, 0.5], n_brands=2, bins=np.array([0, DAY, 10 * DAY]))  # fmt: skip
    assert p.brand_mentions.tolist() == [3, 1] and p.brand_accounts.tolist() == [3, 1]
    assert p.bin_mentions.tolist() == [[1, 2], [1, 0]]
    assert p.bin_mean[0].tolist() == pytest.approx([1.0, 0.25])
    assert np.isnan(p.bin_mean[1, 1])
    rows = p.to_rows()
    assert len(rows) == len(p) == 4 and rows[0]["account"] == 0


def test_scales_to_many_mentions():
    rng = np.random.default_rng(4)
    n_posts, n = 200_000, 300_000
    p = brand_perception(rng.integers(0, n_posts, n), rng.integers(0, 3, n), rng.integers(0, 5_000, n_posts),
                         rng.integers(0, 30 * DAY, n_posts), rng.uniform(-1, 1, n_posts), n_brands=3)  # fmt: skip
    assert p.n_mentions.sum() == p.brand_mentions.sum()
    assert np.all(np.diff(p.account * 3 + p.brand) > 0)


def test_validation():
    with pytest.raises(ParameterError):
        brand_perception([5], [0], [0], [0], [0.1], n_brands=1)
    with pytest.raises(ParameterError):
        brand_perception([0], [1], [0], [0], [0.1], n_brands=1)
    with pytest.raises(ParameterError):
        brand_perception([0], [0], [0], [0], [np.inf], n_brands=1)
    with pytest.raises(ParameterError):
        brand_perception([0], [0], [0], [0], [0.1], n_brands=1, bins=np.array([5, 1]))
