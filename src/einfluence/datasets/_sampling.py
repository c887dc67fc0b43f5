"""Random draws of the demo world: heavy tails, weekly and daily rhythms, weighted picks.

Every function takes the generator of :func:`~einfluence.datasets.make_demo_world` and draws
from it in a fixed order: the world is reproducible only as long as the stages call these in
the same order with the same sizes.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "DIURNAL",
    "WEEKDAY",
    "Picker",
    "draw_times",
    "lognormal_mean",
    "pareto",
    "sample_rows",
    "times_on_days",
    "weighted",
]

#: relative activity by hour of day (UTC), two peaks (lunch, evening)
DIURNAL = np.array(
    [2, 1, 1, 1, 1, 2, 4, 7, 9, 9, 8, 9, 11, 10, 8, 8, 9, 10, 12, 13, 12, 10, 7, 4], dtype=float
)
#: relative activity by day of the week, Monday .. Sunday
WEEKDAY = np.array([1.0, 1.0, 1.0, 1.0, 1.0, 0.8, 0.75])


def sample_rows(rng: np.random.Generator, cum: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Categorical draw per row of a cumulative probability matrix (rows sum to 1)."""
    u = rng.random(rows.shape[0])[:, None]
    return np.minimum((cum[rows] < u).sum(axis=1), cum.shape[1] - 1)


def weighted(rng: np.random.Generator, weights: np.ndarray, size: int) -> np.ndarray:
    """Indices drawn with probability proportional to ``weights`` (with replacement)."""
    cum = np.cumsum(weights, dtype=np.float64)
    idx = np.searchsorted(cum, rng.random(size) * cum[-1], side="right")
    return np.minimum(idx, weights.shape[0] - 1)


def draw_times(rng: np.random.Generator, n: int, n_days: int, start_weekday: int) -> np.ndarray:
    """Times in days from the start, with weekly and diurnal rhythms."""
    day_w = WEEKDAY[(start_weekday + np.arange(n_days)) % 7]
    day = weighted(rng, day_w, n)
    hour = weighted(rng, DIURNAL, n)
    return day + (hour + rng.random(n)) / 24.0


def times_on_days(rng: np.random.Generator, days: np.ndarray) -> np.ndarray:
    """Times in days from the start on the given days, with the diurnal rhythm."""
    hour = weighted(rng, DIURNAL, days.shape[0])
    return days + (hour + rng.random(days.shape[0])) / 24.0


def pareto(rng: np.random.Generator, exponent: float, size: int) -> np.ndarray:
    """Weights with tail P(W > w) ~ w^-(exponent - 1), minimum 1."""
    return (1.0 - rng.random(size)) ** (-1.0 / (exponent - 1.0))


def lognormal_mean(rng: np.random.Generator, mean: float, sigma: float, size: int) -> np.ndarray:
    """Log-normal draws with the given mean (not median) and log-standard deviation."""
    return rng.lognormal(np.log(mean) - 0.5 * sigma * sigma, sigma, size)


class Picker:
    """Draws accounts without replacement from a shrinking pool of free people.

    Parameters
    ----------
    rng : numpy.random.Generator
        The world's generator.
    free : ndarray of bool
        Accounts still free; updated in place as accounts are picked.
    """

    def __init__(self, rng: np.random.Generator, free: np.ndarray) -> None:
        self.rng = rng
        self.free = free

    def __call__(self, count: int, mask: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
        """``count`` free accounts inside ``mask`` (any free ones when too few), sorted.

        With ``weights``, the accounts are drawn proportionally to them.
        """
        rng, free = self.rng, self.free
        cand = np.flatnonzero(mask & free)
        if cand.size < count:  # fall back to any free person
            rest = free.copy()
            rest[cand] = False
            extra = np.flatnonzero(rest)
            cand = np.concatenate([cand, rng.permutation(extra)[: count - cand.size]])
        w = None if weights is None else weights[cand] / weights[cand].sum()
        chosen = rng.choice(cand, size=count, replace=False, p=w)
        free[chosen] = False
        return np.sort(chosen)
