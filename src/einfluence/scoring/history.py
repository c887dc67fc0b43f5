"""What a series of score windows says: stability, rising and fading accounts, one-window influencers.

:func:`summarize_windows` reads the scores (and distinct reactors) of the active accounts of
every window of a rolling history and applies the measures of :mod:`einfluence.scoring.dynamics`
to them, as ``einfluence trends`` shows them. The input is sparse (each window lists only its
active accounts) and the measures run on bounded pieces of it, so that memory follows the data,
not ``windows × accounts``: two windows at a time for the rank stability, blocks of accounts for
the trends (their series are independent), and only the accounts that could burst for the
one-window influencers.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from einfluence.base.unique import unique_ints
from einfluence.base.validation import check_scalar
from einfluence.exceptions import ParameterError
from einfluence.scoring.dynamics import (
    Bursts,
    RankStability,
    Trends,
    one_day_influencers,
    rank_stability,
    trends,
)

__all__ = ["WindowSummary", "summarize_windows", "with_floor"]

#: accounts whose whole series are held at once by the trends (memory: n_windows × this × 8 bytes)
_BLOCK = 4096
#: an account inactive in a window counts the floor of the 1-100 scale there
_FLOOR = 1.0


@dataclass(frozen=True, eq=False)
class WindowSummary:
    """The summary of a score history (per-account arrays have length ``n_accounts``).

    Attributes
    ----------
    stability : RankStability
        Between consecutive windows.
    trend : Trends
        The trend of every account's score over the windows where its network had data, 1.0
        (the floor) counted where it was not active (:func:`with_floor`).
    first, last : numpy.ndarray of float64
        Every account's score in the first and the last window where its network had data
        (1.0 when not active).
    rising, fading : numpy.ndarray of int64
        The ``top`` accounts of each trend, largest change first.
    bursts : Bursts
        The ``top`` one-window influencers, highest peak first.
    burst_threshold : float
        The distinct reactors a burst had to reach.
    """

    stability: RankStability
    trend: Trends
    first: np.ndarray
    last: np.ndarray
    rising: np.ndarray
    fading: np.ndarray
    bursts: Bursts
    burst_threshold: float


def _check_windows(
    accounts: Sequence[np.ndarray], values: Sequence[Sequence[np.ndarray]], n_accounts: int
) -> list[np.ndarray]:
    out = []
    for w, ids in enumerate(accounts):
        ids = np.asarray(ids, dtype=np.int64)
        if ids.size and (ids.min() < 0 or ids.max() >= n_accounts or np.any(np.diff(ids) <= 0)):
            raise ParameterError(f"window {w}: account ids must be distinct, ascending and below n_accounts")
        for series in values:
            if np.shape(series[w]) != ids.shape:
                raise ParameterError(f"window {w}: one value per account expected")
        out.append(ids)
    return out


def _stability(accounts: list[np.ndarray], scores: Sequence[np.ndarray], k: int) -> RankStability:
    """:func:`~einfluence.scoring.dynamics.rank_stability`, two windows at a time."""
    n_pairs = max(len(accounts) - 1, 0)
    kendall, rho, overlap = (np.full(n_pairs, np.nan) for _ in range(3))
    n_common = np.zeros(n_pairs, dtype=np.int64)
    for w in range(n_pairs):
        union = np.union1d(accounts[w], accounts[w + 1])
        if union.size == 0:
            continue
        pair = np.full((2, union.size), np.nan)
        pair[0, np.searchsorted(union, accounts[w])] = scores[w]
        pair[1, np.searchsorted(union, accounts[w + 1])] = scores[w + 1]
        one = rank_stability(pair, k=k)
        kendall[w], rho[w], overlap[w], n_common[w] = one.kendall[0], one.spearman[0], one.overlap[0], one.n_common[0]
    return RankStability(kendall, rho, overlap, n_common, k)


def _trends(
    accounts: list[np.ndarray], scores: Sequence[np.ndarray], ends: Sequence[datetime], n_accounts: int,
    coverage: tuple[np.ndarray, np.ndarray],
) -> Trends:
    """:func:`~einfluence.scoring.dynamics.trends` of the series of :func:`with_floor`, a block of
    accounts at a time."""
    n_windows = len(accounts)
    window = np.concatenate([np.full(ids.size, w) for w, ids in enumerate(accounts)]) if accounts else np.zeros(0, int)
    account = np.concatenate(accounts) if accounts else np.zeros(0, np.int64)
    value = np.concatenate([np.asarray(s, dtype=np.float64) for s in scores]) if accounts else np.zeros(0)
    order = np.argsort(account, kind="stable")
    window, account, value = window[order], account[order], value[order]
    active = unique_ints(account)
    # an account never active has a flat series at the floor: one column of ones says what that gives
    flat = trends(np.full((n_windows, 1), _FLOOR), ends)
    fields = {name: np.full(n_accounts, getattr(flat, name)[0], dtype=getattr(flat, name).dtype)
              for name in ("slope", "change", "relative_change", "t_stat", "n_windows", "label")}
    for start in range(0, active.size, _BLOCK):
        block = active[start : start + _BLOCK]
        lo, hi = np.searchsorted(account, block[0]), np.searchsorted(account, block[-1], side="right")
        series = np.full((n_windows, block.size), np.nan)
        series[window[lo:hi], np.searchsorted(block, account[lo:hi])] = value[lo:hi]
        series = with_floor(series, coverage[0][:, coverage[1][block]])
        part = trends(series, ends)
        for name in fields:
            fields[name][block] = getattr(part, name)
    return Trends(**fields, min_relative_change=flat.min_relative_change, min_t=flat.min_t,
                  min_windows=flat.min_windows, min_level=flat.min_level)


def _bursts(accounts: list[np.ndarray], reactors: Sequence[np.ndarray], quantile: float) -> tuple[Bursts, float]:
    """:func:`~einfluence.scoring.dynamics.one_day_influencers` of the distinct reactors (0 when
    inactive), on the accounts whose peak reaches the threshold: the only ones that can burst."""
    values = np.concatenate([np.asarray(r, dtype=np.float64) for r in reactors]) if reactors else np.zeros(0)
    positive = values[values > 0]
    threshold = float(np.quantile(positive, quantile)) if positive.size else np.inf
    account = np.concatenate(accounts) if accounts else np.zeros(0, np.int64)
    candidates = unique_ints(account[values >= threshold])
    series = np.zeros((max(len(accounts), 2), candidates.size))
    for w, ids in enumerate(accounts):
        inside = np.isin(ids, candidates)
        series[w, np.searchsorted(candidates, ids[inside])] = np.asarray(reactors[w], dtype=np.float64)[inside]
    found = one_day_influencers(series, burst_threshold=threshold)
    return Bursts(
        accounts=candidates[found.accounts], window=found.window, peak=found.peak, baseline=found.baseline,
        spread=found.spread, z=found.z, burst_threshold=found.burst_threshold, min_ratio=found.min_ratio,
        min_z=found.min_z, fallback=found.fallback, fallback_windows=found.fallback_windows,
    ), threshold


def with_floor(scores: np.ndarray, has_data: np.ndarray) -> np.ndarray:
    """An account's series as its trend reads it: its score where it was scored, the floor (1.0)
    where it was not but its network had data, and NaN (not counted) where its network had none.

    A network without data in a window says nothing of its accounts there; in a workspace that
    holds a week of 2012 beside five years of another network, counting those years at the floor
    would read the week as a fall.

    Parameters
    ----------
    scores : numpy.ndarray of shape (n_windows, n_accounts)
        NaN where the account was not scored.
    has_data : numpy.ndarray of bool, same shape
        Whether the account's network had data in the window.

    Examples
    --------
    >>> with_floor(np.array([[30.0], [np.nan], [np.nan]]), np.array([[True], [True], [False]])).ravel().tolist()
    [30.0, 1.0, nan]
    """
    return np.where(has_data, np.where(np.isnan(scores), _FLOOR, scores), np.nan)


def summarize_windows(
    accounts: Sequence[np.ndarray],
    scores: Sequence[np.ndarray],
    reactors: Sequence[np.ndarray],
    ends: Sequence[datetime],
    *,
    n_accounts: int,
    top: int = 10,
    burst_quantile: float = 0.99,
    coverage: tuple[np.ndarray, np.ndarray] | None = None,
) -> WindowSummary:
    """Stability, trends and one-window influencers of a score history.

    Parameters
    ----------
    accounts : sequence of numpy.ndarray of int64
        The active accounts of each window, ascending (an empty array for an empty window).
    scores, reactors : sequence of numpy.ndarray of float64
        Their 1-100 score, and their distinct reactors (the evidence of a burst), in each window.
    ends : sequence of datetime
        The end of each window (the trends' time axis), strictly increasing.
    n_accounts : int
        The number of account ids (the length of per-account results).
    top : int
        How many rising, fading and one-window accounts to keep; the size of the top sets of the
        rank stability.
    burst_quantile : float
        A burst reaches this quantile of the distinct reactors of every account-window with
        reactors (and at least three times the account's usual level, falling back in the next
        window: :func:`~einfluence.scoring.dynamics.one_day_influencers`).

    coverage : tuple of two numpy.ndarray, optional
        ``(has_data, network)``: whether each network had data in each window (bool, shape
        ``(n_windows, n_networks)``), and each account's network (int, shape ``(n_accounts,)``).
        An account's trend counts the floor where it was not active but its network had data,
        and leaves out the windows where its network had none (:func:`with_floor`). By default
        one network with data in every window.

    Returns
    -------
    WindowSummary

    Examples
    --------
    >>> from datetime import datetime, timedelta
    >>> ends = [datetime(2024, 1, 1) + timedelta(days=d) for d in range(4)]
    >>> ids = [np.array([0, 1])] * 4
    >>> s = [np.array([10.0, 40.0]), np.array([20.0, 30.0]), np.array([40.0, 20.0]), np.array([80.0, 10.0])]
    >>> out = summarize_windows(ids, s, s, ends, n_accounts=3, top=1)
    >>> out.rising.tolist(), out.fading.tolist(), out.stability.kendall.round(2).tolist()
    ([0], [1], [1.0, -1.0, 1.0])

    Notes
    -----
    Memory is ``O(active account-windows + n_accounts + n_windows × block)``, whatever the number
    of windows; time ``O(n_windows × active accounts)`` for the trends.
    """
    check_scalar(top, "top", numbers.Integral, min_val=1)
    check_scalar(burst_quantile, "burst_quantile", numbers.Real, min_val=0.0, max_val=1.0)
    if not (len(accounts) == len(scores) == len(reactors) == len(ends)):
        raise ParameterError("accounts, scores, reactors and ends must have one entry per window")
    ids = _check_windows(accounts, (scores, reactors), int(n_accounts))
    n_windows = len(ids)
    if coverage is None:
        coverage = (np.ones((n_windows, 1), dtype=bool), np.zeros(n_accounts, np.int64))
    has_data, network = np.asarray(coverage[0], dtype=bool), np.asarray(coverage[1], dtype=np.int64)
    if (has_data.ndim != 2 or has_data.shape[0] != n_windows or network.shape != (n_accounts,)
            or (network.size and (network.min() < 0 or network.max() >= has_data.shape[1]))):
        raise ParameterError("coverage must be (has_data of shape (n_windows, n_networks), a network per account)")
    coverage = (has_data, network)
    trend = _trends(ids, scores, ends, int(n_accounts), coverage)

    def strongest(label: str) -> np.ndarray:
        chosen = trend.accounts(label)
        return chosen[np.argsort(-np.abs(trend.change[chosen]), kind="stable")[:top]]

    bursts, threshold = _bursts(ids, reactors, float(burst_quantile))
    order = np.argsort(-bursts.peak, kind="stable")[:top]
    kept = Bursts(
        accounts=bursts.accounts[order], window=bursts.window[order], peak=bursts.peak[order],
        baseline=bursts.baseline[order], spread=bursts.spread[order], z=bursts.z[order],
        burst_threshold=bursts.burst_threshold, min_ratio=bursts.min_ratio, min_z=bursts.min_z,
        fallback=bursts.fallback, fallback_windows=bursts.fallback_windows,
    )
    # each account's score in the first and last window where its network had data
    first, last = np.full(n_accounts, _FLOOR), np.full(n_accounts, _FLOOR)
    any_data = has_data.any(axis=0)
    first_window = np.where(any_data, has_data.argmax(axis=0), 0)[network]
    last_window = np.where(any_data, n_windows - 1 - has_data[::-1].argmax(axis=0), n_windows - 1)[network]
    for w, (window_ids, values) in enumerate(zip(ids, scores, strict=True)):
        values = np.asarray(values, dtype=np.float64)
        starts, ends_here = first_window[window_ids] == w, last_window[window_ids] == w
        first[window_ids[starts]] = values[starts]
        last[window_ids[ends_here]] = values[ends_here]
    return WindowSummary(_stability(ids, scores, int(top)), trend, first, last, strongest("rising"),
                         strongest("fading"), kept, threshold)
