"""Influence over time: rolling windows, rank stability, trends and one-day influencers.

Influence is volatile. einfluence computes scores over rolling windows and keeps them as a
history: a score matrix ``scores[w, i]`` holds the score of account ``i`` in window ``w``
(windows in time order), NaN when the account is not active, hence not scored, in that
window. The functions of this module summarise such a matrix. They are vectorised over
accounts; the only Python loops run over windows.

References
----------
.. [1] J. Kleinberg, "Bursty and Hierarchical Structure in Streams", Proc. KDD 2002,
   pp. 91-101. https://doi.org/10.1145/775047.775061
.. [2] B. Iglewicz and D. C. Hoaglin, "How to Detect and Handle Outliers", ASQC Quality
   Press, 1993 (the modified z-score and its 3.5 threshold).
.. [3] M. Cha, H. Haddadi, F. Benevenuto and K. P. Gummadi, "Measuring User Influence in
   Twitter: The Million Follower Fallacy", Proc. ICWSM 2010.
   https://doi.org/10.1609/icwsm.v4i1.14033
"""

from __future__ import annotations

import math
import numbers
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np

from einfluence.base.validation import check_scalar
from einfluence.exceptions import ParameterError
from einfluence.scoring._ranks import kendall_of, spearman_of, top_k_mask

__all__ = [
    "TREND_LABELS",
    "Bursts",
    "RankStability",
    "Trends",
    "one_day_influencers",
    "rank_stability",
    "rolling_windows",
    "trends",
]

#: The labels of :func:`trends`, in a fixed order.
TREND_LABELS: tuple[str, ...] = ("rising", "fading", "stable", "unknown")

#: Scale factor of the median absolute deviation to a standard deviation (normal data).
_MAD_SCALE = 1.482602218505602


def _check_scores(scores: object, *, min_windows: int = 1) -> np.ndarray:
    s = np.asarray(scores)
    if s.ndim != 2:
        raise ParameterError(f"scores must be 2-D (n_windows, n_accounts), got shape {s.shape}")
    if s.dtype.kind not in "biuf":
        raise ParameterError(f"scores must be numeric, got dtype {s.dtype}")
    if s.shape[0] < min_windows:
        raise ParameterError(f"scores must have at least {min_windows} windows, got {s.shape[0]}")
    s = s.astype(np.float64, copy=False)
    if np.isinf(s).any():
        raise ParameterError("scores must be finite or NaN (not scored)")
    return s


# ---------------------------------------------------------------------------------------------
# windows
# ---------------------------------------------------------------------------------------------


def rolling_windows(
    start: datetime,
    end: datetime,
    *,
    width: timedelta,
    step: timedelta | None = None,
    partial: bool = False,
) -> list[tuple[datetime, datetime]]:
    """Half-open windows ``[since, until)`` of a fixed width, anchored at ``end``.

    The last window is ``[end - width, end)``; each earlier one is shifted back by ``step``,
    as long as it starts at or after ``start``.

    Parameters
    ----------
    start, end : datetime
        The period to cover, ``[start, end)``; both naive or both timezone-aware.
    width : timedelta
        Length of every window, positive.
    step : timedelta, optional
        Shift between consecutive windows, positive and at most ``width`` (no gaps); ``width``
        when None, so that the windows tile the period.
    partial : bool
        When the full-width windows do not reach back to ``start`` (``end - start - width`` not
        a multiple of ``step``, or ``width > end - start``), add a shorter first window
        ``[start, until)`` ending where the next window back would end. Off by default: scores
        of a shorter window are not comparable with the others.

    Returns
    -------
    list of (datetime, datetime)
        In time order. Consecutive windows overlap by ``width - step``; their union is
        ``[since of the first window, end)`` (``[start, end)`` with ``partial=True``).

    Raises
    ------
    ParameterError
        If ``end <= start``, naive and aware datetimes are mixed, ``width`` or ``step`` are
        not positive, ``step > width``, or no full window fits (and ``partial`` is False).
    TypeError
        If ``start``, ``end``, ``width`` or ``step`` have the wrong type.

    Examples
    --------
    >>> from datetime import datetime, timedelta
    >>> for since, until in rolling_windows(datetime(2024, 1, 1), datetime(2024, 1, 4),
    ...                                     width=timedelta(days=1)):
    ...     print(since.date(), until.date())
    2024-01-01 2024-01-02
    2024-01-02 2024-01-03
    2024-01-03 2024-01-04
    >>> len(rolling_windows(datetime(2024, 1, 1), datetime(2024, 1, 31),
    ...                     width=timedelta(days=7), step=timedelta(days=1)))
    24

    Notes
    -----
    ``(end - start - width) // step + 1`` windows (plus one with ``partial``).
    """
    for value, name in ((start, "start"), (end, "end")):
        if not isinstance(value, datetime):
            raise TypeError(f"{name} must be a datetime, got {type(value).__name__}")
    step = width if step is None else step
    for value, name in ((width, "width"), (step, "step")):
        if not isinstance(value, timedelta):
            raise TypeError(f"{name} must be a timedelta, got {type(value).__name__}")
        if value <= timedelta(0):
            raise ParameterError(f"{name} must be positive, got {value}")
    if step > width:
        raise ParameterError(
            f"step ({step}) must not exceed width ({width}): windows would leave gaps"
        )
    if (start.tzinfo is None) != (end.tzinfo is None):
        raise ParameterError("start and end must be both naive or both timezone-aware")
    if end <= start:
        raise ParameterError(f"end ({end}) must be after start ({start})")
    span = end - start
    if width > span:
        if partial:
            return [(start, end)]
        raise ParameterError(f"width ({width}) exceeds the period ({span}); no window fits")
    n = (span - width) // step + 1
    windows = [(end - width - i * step, end - i * step) for i in range(n - 1, -1, -1)]
    if partial and windows[0][0] > start:
        windows.insert(0, (start, end - n * step))
    return windows


# ---------------------------------------------------------------------------------------------
# rank stability
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class RankStability:
    """Agreement of the rankings of consecutive windows (entry ``w`` compares ``w`` and ``w+1``).

    Attributes
    ----------
    kendall, spearman : numpy.ndarray of float64, shape (n_windows - 1,)
        Kendall's tau-b and Spearman's rho over the accounts scored in both windows; NaN when
        fewer than two such accounts or a constant window.
    overlap : numpy.ndarray of float64, shape (n_windows - 1,)
        Number of accounts in the top ``k`` of both windows, each window's top ``k`` taken
        among all its scored accounts (an account entering the top ``k`` counts as a change);
        NaN when a window has fewer than ``k`` scored accounts.
    n_common : numpy.ndarray of int64, shape (n_windows - 1,)
        Accounts scored in both windows.
    k : int
    """

    kendall: np.ndarray
    spearman: np.ndarray
    overlap: np.ndarray
    n_common: np.ndarray
    k: int

    @property
    def overlap_fraction(self) -> np.ndarray:
        """``overlap / k``."""
        return self.overlap / self.k


def rank_stability(scores: object, *, k: int = 10) -> RankStability:
    """How much the ranking of accounts changes from one window to the next.

    Parameters
    ----------
    scores : array_like of shape (n_windows, n_accounts)
        Score of each account in each window, NaN when not scored; ``n_windows >= 2``.
    k : int
        Size of the top sets compared (ties at the k-th place broken by lower index first).

    Returns
    -------
    RankStability

    Raises
    ------
    ParameterError
        If ``scores`` is not 2-D numeric with at least two windows, holds infinite values, or
        ``k < 1``.

    Examples
    --------
    >>> s = np.array([[3.0, 2.0, 1.0, np.nan],
    ...               [3.0, 2.0, 1.0, 0.0],
    ...               [1.0, 2.0, 3.0, 0.0]])
    >>> st = rank_stability(s, k=2)
    >>> st.kendall.tolist(), st.overlap.tolist(), st.n_common.tolist()
    ([1.0, 0.0], [2.0, 1.0], [3, 4])

    Notes
    -----
    O(n_windows * n_accounts * log n_accounts); the loop runs over windows only.
    """
    s = _check_scores(scores, min_windows=2)
    check_scalar(k, "k", numbers.Integral, min_val=1)
    k = int(k)
    n_pairs = s.shape[0] - 1
    kendall = np.full(n_pairs, np.nan)
    rho = np.full(n_pairs, np.nan)
    overlap = np.full(n_pairs, np.nan)
    n_common = np.zeros(n_pairs, dtype=np.int64)
    scored = ~np.isnan(s)
    tops: list[np.ndarray | None] = []
    for w in range(s.shape[0]):
        idx = np.flatnonzero(scored[w])
        tops.append(idx[top_k_mask(s[w, idx], k)] if idx.size >= k else None)
    for w in range(n_pairs):
        both = scored[w] & scored[w + 1]
        n_common[w] = np.count_nonzero(both)
        a, b = s[w, both], s[w + 1, both]
        kendall[w] = kendall_of(a, b)
        rho[w] = spearman_of(a, b) if a.size and a.min() < a.max() and b.min() < b.max() else np.nan
        ta, tb = tops[w], tops[w + 1]
        if ta is not None and tb is not None:
            overlap[w] = np.intersect1d(ta, tb, assume_unique=True).size
    return RankStability(kendall, rho, overlap, n_common, k)


# ---------------------------------------------------------------------------------------------
# trends
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Trends:
    """Per-account trend of the score over the windows (arrays of shape (n_accounts,)).

    Attributes
    ----------
    slope : numpy.ndarray of float64
        Least-squares slope of the score against time, over the windows where the account is
        scored, in score units per day (per time unit for numeric ``times``); NaN with fewer
        than two scored windows.
    change : numpy.ndarray of float64
        Last scored value minus first scored value; NaN when never scored.
    relative_change : numpy.ndarray of float64
        Fitted change over the account's scored span, ``slope * (t_last - t_first)``, divided
        by its level ``mean(|score|)``; 0 when the level is 0.
    t_stat : numpy.ndarray of float64
        ``slope / standard error`` of the slope (n - 2 degrees of freedom); NaN with fewer than
        three scored windows; +-inf for an exact line.
    n_windows : numpy.ndarray of int64
        Windows where the account is scored.
    label : numpy.ndarray of str
        ``"rising"``, ``"fading"``, ``"stable"`` or ``"unknown"`` (too few scored windows).
    min_relative_change, min_t, min_windows, min_level : float
        The thresholds used.
    """

    slope: np.ndarray
    change: np.ndarray
    relative_change: np.ndarray
    t_stat: np.ndarray
    n_windows: np.ndarray
    label: np.ndarray
    min_relative_change: float
    min_t: float
    min_windows: int
    min_level: float

    def accounts(self, label: str) -> np.ndarray:
        """Indices of the accounts with the given label, ascending."""
        if label not in TREND_LABELS:
            raise ParameterError(f"label must be one of {list(TREND_LABELS)}, got {label!r}")
        return np.flatnonzero(self.label == label)


def _times_to_float(times: object, n_windows: int) -> np.ndarray:
    """Times as float days since the first one (datetimes) or as given (numbers)."""
    if isinstance(times, np.ndarray) and times.dtype.kind == "M":
        x = (times - times[0]) / np.timedelta64(1, "D") if times.size else times.astype(float)
    elif isinstance(times, Sequence) and times and all(isinstance(t, datetime) for t in times):
        try:
            x = np.array([(t - times[0]) / timedelta(days=1) for t in times], dtype=np.float64)
        except TypeError as exc:
            raise ParameterError("times mix naive and timezone-aware datetimes") from exc
    else:
        x = np.asarray(times)
        if x.dtype.kind not in "iuf":
            raise ParameterError("times must be datetimes, datetime64 values or numbers")
    x = np.asarray(x, dtype=np.float64)
    if x.shape != (n_windows,):
        raise ParameterError(f"times must have shape ({n_windows},), got {x.shape}")
    if not np.isfinite(x).all() or (np.diff(x) <= 0).any():
        raise ParameterError("times must be finite and strictly increasing")
    return x


def trends(
    scores: object,
    times: object,
    *,
    min_relative_change: float = 0.5,
    min_t: float = 2.0,
    min_windows: int = 3,
    min_level: float = 0.0,
) -> Trends:
    """Slope, change and a rising / fading / stable label for every account.

    Parameters
    ----------
    scores : array_like of shape (n_windows, n_accounts)
        Score of each account in each window, NaN when not scored.
    times : sequence of datetime, datetime64 array or numeric array, shape (n_windows,)
        The end time of each window, strictly increasing.
    min_relative_change : float
        An account is *rising* when its fitted change over its scored span is at least this
        fraction of its level ``mean(|score|)`` (0.5: +50 %), *fading* when it is at most the
        opposite.
    min_t : float
        ...and the slope is significant: ``|t_stat| >= min_t`` (2.0, about a 5 % two-sided
        test for a dozen windows), which keeps noisy flat series *stable*.
    min_windows : int
        Accounts scored in fewer windows are labelled *unknown* (at least 3, so that the
        slope has a standard error).
    min_level : float
        Accounts whose level ``mean(|score|)`` is below this are *stable* whatever their
        trend (tiny scores rising from nothing are not news); 0 disables it.

    Returns
    -------
    Trends

    Raises
    ------
    ParameterError
        Bad shapes, times not strictly increasing, thresholds out of range.

    Examples
    --------
    >>> s = np.array([[1.0, 9.0, 5.0], [2.0, 7.0, 5.1], [4.0, 5.0, 4.9], [8.0, 3.0, 5.0]])
    >>> tr = trends(s, [0, 1, 2, 3])
    >>> tr.label.tolist()
    ['rising', 'fading', 'stable']
    >>> tr.slope.round(2).tolist(), tr.change.tolist()
    ([2.3, -2.0, -0.02], [7.0, -6.0, 0.0])

    Notes
    -----
    O(n_windows * n_accounts), vectorised; each account gets its own regression over the
    windows where it is scored. The thresholds are on scale-free quantities (relative change,
    t statistic), so one setting serves measures of any scale.
    """
    s = _check_scores(scores, min_windows=1)
    x = _times_to_float(times, s.shape[0])
    check_scalar(min_relative_change, "min_relative_change", numbers.Real, min_val=0)
    check_scalar(min_t, "min_t", numbers.Real, min_val=0)
    check_scalar(min_windows, "min_windows", numbers.Integral, min_val=3)
    check_scalar(min_level, "min_level", numbers.Real, min_val=0)

    scored = ~np.isnan(s)
    m = scored.sum(axis=0)
    y = np.where(scored, s, 0.0)
    xs = np.where(scored, x[:, None], 0.0)
    n_acc = s.shape[1]
    cols = np.arange(n_acc)
    with np.errstate(divide="ignore", invalid="ignore"):
        xbar = xs.sum(axis=0) / m
        ybar = y.sum(axis=0) / m
        dx = np.where(scored, x[:, None] - xbar, 0.0)
        dy = np.where(scored, y - ybar, 0.0)
        sxx = (dx * dx).sum(axis=0)
        sxy = (dx * dy).sum(axis=0)
        slope = np.where(sxx > 0, sxy / sxx, np.nan)
        resid = np.where(scored, dy - slope * dx, 0.0)
        ssr = (resid * resid).sum(axis=0)
        se = np.sqrt(ssr / (m - 2) / sxx)
        t_stat = np.where(m >= 3, slope / se, np.nan)
        # an exact line: infinite t (sign of the slope), 0 for an exactly flat series
        t_stat = np.where((m >= 3) & (se == 0) & (slope == 0), 0.0, t_stat)
        level = np.abs(y).sum(axis=0) / m

    first = np.argmax(scored, axis=0)
    last = s.shape[0] - 1 - np.argmax(scored[::-1], axis=0)
    ever = m > 0
    change = np.where(ever, s[last, cols] - s[first, cols], np.nan)
    fitted = slope * (x[last] - x[first])
    with np.errstate(divide="ignore", invalid="ignore"):
        relative = np.where(level > 0, fitted / level, 0.0)
    relative = np.where(m >= 2, relative, np.nan)

    enough = m >= min_windows
    strong = enough & (level >= min_level)
    rising = strong & (relative >= min_relative_change) & (t_stat >= min_t)
    fading = strong & (relative <= -min_relative_change) & (t_stat <= -min_t)
    label = np.full(n_acc, "stable", dtype="<U7")
    label[rising] = "rising"
    label[fading] = "fading"
    label[~enough] = "unknown"
    return Trends(
        slope=slope,
        change=change,
        relative_change=relative,
        t_stat=t_stat,
        n_windows=m.astype(np.int64),
        label=label,
        min_relative_change=float(min_relative_change),
        min_t=float(min_t),
        min_windows=int(min_windows),
        min_level=float(min_level),
    )


# ---------------------------------------------------------------------------------------------
# one-day influencers
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Bursts:
    """Accounts with a burst that does not last, sorted by account index.

    Attributes
    ----------
    accounts : numpy.ndarray of int64, shape (n_bursts,)
    window : numpy.ndarray of int64
        Window (day) of the burst: the account's peak.
    peak : numpy.ndarray of float64
        Score in that window.
    baseline : numpy.ndarray of float64
        Median score of the account in its other windows.
    spread : numpy.ndarray of float64
        ``1.4826 * MAD`` of the other windows (a robust standard deviation).
    z : numpy.ndarray of float64
        Robust z-score of the peak, ``(peak - baseline) / spread`` (inf for a flat baseline).
    burst_threshold, min_ratio, min_z, fallback : float
    fallback_windows : int
        The parameters used (``burst_threshold`` resolved when given as None).
    """

    accounts: np.ndarray
    window: np.ndarray
    peak: np.ndarray
    baseline: np.ndarray
    spread: np.ndarray
    z: np.ndarray
    burst_threshold: float
    min_ratio: float
    min_z: float
    fallback: float
    fallback_windows: int

    def __len__(self) -> int:
        return int(self.accounts.size)


def one_day_influencers(
    daily_scores: object,
    *,
    burst_threshold: float | None = None,
    min_ratio: float = 3.0,
    min_z: float = 3.5,
    fallback: float = 0.5,
    fallback_windows: int = 1,
    fill_value: float | None = None,
    min_baseline_windows: int = 2,
) -> Bursts:
    """Accounts whose score spikes in one window far above their own level, then falls back.

    The rule, applied to every account at once (its single highest window is its candidate
    burst, the earliest on ties):

    1. **high**: ``peak >= burst_threshold``;
    2. **far above its own level**: with ``baseline`` the median and ``spread`` the scaled
       median absolute deviation of the account's *other* scored windows, the robust z-score
       ``(peak - baseline) / spread >= min_z`` [2]_ (infinite for a flat baseline below the
       peak) and, when ``baseline > 0``, ``peak >= min_ratio * baseline``;
    3. **does not last**: each of the ``fallback_windows`` windows after the peak is back at or
       below ``baseline + fallback * (peak - baseline)`` (a NaN window, the account no longer
       active, counts as fallen back). A peak too close to the last window to check is not
       reported;
    4. **enough history**: at least ``min_baseline_windows`` other scored windows.

    Parameters
    ----------
    daily_scores : array_like of shape (n_windows, n_accounts)
        Score of each account in each window (typically a day), NaN when not scored.
    burst_threshold : float, optional
        Minimum peak score, in the units of the scores; None uses the 99th percentile of the
        accounts' peaks (so that at most about 1 % of the accounts qualify by level). Prefer an
        explicit, meaningful level ("at least 50 relays in the day") on low-count data, where
        the robust spread of small integers is coarse and chance peaks are common.
    min_ratio : float
        Minimum ``peak / baseline`` for a positive baseline (>= 1).
    min_z : float
        Minimum robust z-score of the peak (3.5, Iglewicz and Hoaglin's outlier threshold).
    fallback : float
        Fraction of the burst height the following windows must lose at least ``1 - fallback``
        of, in [0, 1).
    fallback_windows : int
        How many windows after the peak must fall back; 0 disables the check (and lets a peak
        in the last window through).
    fill_value : float, optional
        Replace NaN by this value first (0 for counts, where inactive means zero); None keeps
        NaN windows out of the baseline.
    min_baseline_windows : int
        Minimum number of other scored windows to estimate the baseline from.

    Returns
    -------
    Bursts

    Raises
    ------
    ParameterError
        Bad shapes, infinite scores, parameters out of range.

    Examples
    --------
    >>> days = np.array([[1.0, 5.0, 0.0],
    ...                  [1.2, 5.5, 0.0],
    ...                  [9.0, 6.0, 0.0],
    ...                  [1.1, 5.2, 0.0],
    ...                  [0.9, 5.1, 0.0]])
    >>> b = one_day_influencers(days, burst_threshold=5.0)
    >>> b.accounts.tolist(), b.window.tolist(), b.peak.tolist(), b.baseline.tolist()
    ([0], [2], [9.0], [1.05])

    Notes
    -----
    O(n_windows * n_accounts) memory and time (a median over windows). Kleinberg's burst
    automaton [1]_ models bursts as state changes of a stream's rate; this is the simpler,
    robust-statistics version for a short per-account score history: one peak that is an
    outlier of the account's own distribution and does not persist.

    References
    ----------
    .. [1] J. Kleinberg, "Bursty and Hierarchical Structure in Streams", KDD 2002.
       https://doi.org/10.1145/775047.775061
    .. [2] B. Iglewicz and D. C. Hoaglin, "How to Detect and Handle Outliers", ASQC Quality
       Press, 1993.
    """
    s = _check_scores(daily_scores, min_windows=2)
    if fill_value is not None:
        check_scalar(fill_value, "fill_value", numbers.Real)
        s = np.where(np.isnan(s), float(fill_value), s)
    if burst_threshold is not None:
        check_scalar(burst_threshold, "burst_threshold", numbers.Real)
    check_scalar(min_ratio, "min_ratio", numbers.Real, min_val=1)
    check_scalar(min_z, "min_z", numbers.Real, min_val=0)
    check_scalar(fallback, "fallback", numbers.Real, min_val=0, max_val=1, include_max=False)
    check_scalar(fallback_windows, "fallback_windows", numbers.Integral, min_val=0)
    check_scalar(min_baseline_windows, "min_baseline_windows", numbers.Integral, min_val=1)
    n_w, n_acc = s.shape
    scored = ~np.isnan(s)
    cols = np.arange(n_acc)
    ever = scored.any(axis=0)
    peak_w = np.argmax(np.where(scored, s, -np.inf), axis=0)
    peak = s[peak_w, cols]
    if burst_threshold is None:
        burst_threshold = float(np.quantile(peak[ever], 0.99)) if ever.any() else math.inf
    others = s.copy()
    others[peak_w, cols] = np.nan
    n_other = np.count_nonzero(~np.isnan(others), axis=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN columns -> NaN, handled below
        baseline = np.nanmedian(others, axis=0)
        spread = _MAD_SCALE * np.nanmedian(np.abs(others - baseline), axis=0)
    height = peak - baseline
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(spread > 0, height / spread, np.where(height > 0, np.inf, 0.0))

    ok = ever & (n_other >= min_baseline_windows)
    ok &= peak >= burst_threshold
    ok &= z >= min_z
    ok &= (baseline <= 0) | (peak >= min_ratio * baseline)
    limit = baseline + fallback * height
    for j in range(1, int(fallback_windows) + 1):
        w = peak_w + j
        inside = w < n_w
        after = s[np.minimum(w, n_w - 1), cols]
        ok &= inside & ~(after > limit)
    acc = np.flatnonzero(ok)
    return Bursts(
        accounts=acc.astype(np.int64),
        window=peak_w[acc].astype(np.int64),
        peak=peak[acc],
        baseline=baseline[acc],
        spread=spread[acc],
        z=z[acc],
        burst_threshold=float(burst_threshold),
        min_ratio=float(min_ratio),
        min_z=float(min_z),
        fallback=float(fallback),
        fallback_windows=int(fallback_windows),
    )
