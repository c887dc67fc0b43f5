"""What a series of score windows says: stability, rising and fading accounts, one-window influencers.

:func:`summarize_windows` reads the scores (and distinct reactors) of every account in every
window of a rolling history and applies the measures of :mod:`einfluence.scoring.dynamics` to
them, as ``einfluence trends`` shows them.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from einfluence.base.validation import check_scalar
from einfluence.scoring.dynamics import (
    Bursts,
    RankStability,
    Trends,
    one_day_influencers,
    rank_stability,
    trends,
)

__all__ = ["WindowSummary", "summarize_windows"]


@dataclass(frozen=True, eq=False)
class WindowSummary:
    """The summary of a score history.

    Attributes
    ----------
    stability : RankStability
        Between consecutive windows.
    floor : numpy.ndarray of float64, shape (n_windows, n_accounts)
        The scores with 1.0 (the floor of the scale) where an account was not active.
    trend : Trends
        The trend of every account's score.
    rising, fading : numpy.ndarray of int64
        The ``top`` accounts of each trend, largest change first.
    bursts : Bursts
        The ``top`` one-window influencers, highest peak first.
    burst_threshold : float
        The distinct reactors a burst had to reach.
    """

    stability: RankStability
    floor: np.ndarray
    trend: Trends
    rising: np.ndarray
    fading: np.ndarray
    bursts: Bursts
    burst_threshold: float


def summarize_windows(
    scores: np.ndarray,
    reactors: np.ndarray,
    ends: Sequence[datetime],
    *,
    top: int = 10,
    burst_quantile: float = 0.99,
) -> WindowSummary:
    """Stability, trends and one-window influencers of a score history.

    Parameters
    ----------
    scores : numpy.ndarray of float64, shape (n_windows, n_accounts)
        The 1-100 score of each account in each window (NaN when not active).
    reactors : numpy.ndarray of float64, shape (n_windows, n_accounts)
        Distinct reactors (decayed) of each account in each window.
    ends : sequence of datetime
        The end of each window (the trends' time axis).
    top : int
        How many rising, fading and one-window accounts to keep.
    burst_quantile : float
        A burst reaches this quantile of the distinct reactors of every account-window with
        reactors (and at least three times the account's usual level, falling back in the next
        window: :func:`~einfluence.scoring.dynamics.one_day_influencers`).

    Returns
    -------
    WindowSummary
    """
    check_scalar(top, "top", numbers.Integral, min_val=1)
    check_scalar(burst_quantile, "burst_quantile", numbers.Real, min_val=0.0, max_val=1.0)
    stability = rank_stability(scores, k=top)
    floor = np.where(np.isnan(scores), 1.0, scores)  # no activity in a window: no influence
    trend = trends(floor, ends)

    def strongest(label: str) -> np.ndarray:
        ids = trend.accounts(label)
        return ids[np.argsort(-np.abs(trend.change[ids]), kind="stable")[:top]]

    positive = reactors[reactors > 0]
    threshold = float(np.quantile(positive, burst_quantile)) if positive.size else np.inf
    found = one_day_influencers(reactors, burst_threshold=threshold)
    order = np.argsort(-found.peak, kind="stable")[:top]
    kept = Bursts(
        accounts=found.accounts[order], window=found.window[order], peak=found.peak[order],
        baseline=found.baseline[order], spread=found.spread[order], z=found.z[order],
        burst_threshold=found.burst_threshold, min_ratio=found.min_ratio, min_z=found.min_z,
        fallback=found.fallback, fallback_windows=found.fallback_windows,
    )
    return WindowSummary(stability, floor, trend, strongest("rising"), strongest("fading"), kept, threshold)
