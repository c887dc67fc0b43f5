"""Initial opinions from measured perception: a value, its uncertainty, and who is committed.

Each account's opinion of a brand is the mean sentiment of its mentions of the brand (in
[-1, 1]), neutral (0) when it never mentioned it; its uncertainty is the standard error of that
mean (from the Student interval the perception analysis gives, or ``single_sd`` for a single
mention). Advocates and the brand's own accounts are committed for the brand (+1), detractors
against it (-1): they never move.

The discrete models need, for every free account, the probability of holding each opinion: the
account's true opinion is taken as normal around its measured mean with its standard error, and it
holds A (for) when that opinion is above ``band``, B (against) below ``-band``, and is undecided in
between. What the undecided do is a modelling choice (``undecided``):

``"resist"`` (default)
    They hold the opinion the converts must overturn (B when advocates are recruited, A when
    detractors are): the conservative reading, and the setting of Xie et al. (everyone else holds
    the old opinion), so the tipping point of a population without any measured opinion is theirs.
``"split"``
    Each holds A or B with probability 1/2.
``"mixed"``
    Naming game only: they hold both words (AB), like an undecided agent of the naming game;
    ``split`` for the other models.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import special, stats

from einfluence.base.random import check_random_state
from einfluence.base.validation import check_scalar
from einfluence.exceptions import ParameterError

__all__ = ["UNDECIDED_RULES", "Opinions", "opinions_from_perception"]

#: what undecided accounts hold in the discrete models
UNDECIDED_RULES = ("resist", "split", "mixed")


@dataclass(frozen=True, eq=False)
class Opinions:
    """Measured opinions of a population (compare fields, not instances).

    Attributes
    ----------
    value : numpy.ndarray of float64, shape (n,)
        Opinion in [-1, 1] (mean sentiment towards the brand); 0 when unknown. Committed accounts
        hold +1 or -1.
    sd : numpy.ndarray of float64, shape (n,)
        Its standard error (0 for committed accounts and, by default, unknown ones).
    known : numpy.ndarray of bool, shape (n,)
        Whether the account expressed an opinion (mentioned the brand).
    committed : numpy.ndarray of int8, shape (n,)
        +1 committed for the brand (advocate, the brand's own accounts), -1 against (detractor),
        0 free.
    """

    value: np.ndarray
    sd: np.ndarray
    known: np.ndarray
    committed: np.ndarray

    @property
    def n(self) -> int:
        """Number of accounts."""
        return int(self.value.size)

    def stubborn(self) -> np.ndarray:
        """Accounts that never move (the committed)."""
        return self.committed != 0

    def draw(self, n_draws: int, random_state: int | np.random.Generator | None = None) -> np.ndarray:
        """``n_draws`` samples of the opinions, each account normal around its value with its
        standard error, clipped to [-1, 1]: shape ``(n_draws, n)``.

        Examples
        --------
        >>> o = opinions_from_perception(3, [0], [0.5], [4], [0.3], [0.7])
        >>> o.draw(2, random_state=0).shape
        (2, 3)
        """
        rng = check_random_state(random_state)
        check_scalar(n_draws, "n_draws", numbers.Integral, min_val=1)
        x = self.value + self.sd * rng.standard_normal((int(n_draws), self.n))
        return np.clip(x, -1.0, 1.0)

    def discrete(self, *, side: str = "a", undecided: str = "resist", band: float = 0.05,
                 naming_game: bool = True) -> tuple[np.ndarray, np.ndarray]:
        """Probabilities ``(p_a, p_ab)`` that each free account starts with A, with both words.

        Parameters
        ----------
        side : {"a", "b"}
            Whom the converts are recruited for: A (advocates) or B (detractors); ``resist``
            gives the undecided the other opinion.
        undecided : {"resist", "split", "mixed"}
            See the module's notes.
        band : float
            Opinions within ``band`` of 0 are undecided.
        naming_game : bool
            Whether ``mixed`` may give AB (else it splits).

        Examples
        --------
        >>> o = opinions_from_perception(3, [0, 1], [0.6, -0.6], [5, 5], [0.5, -0.7], [0.7, -0.5])
        >>> p_a, p_ab = o.discrete()
        >>> np.round(p_a, 3).tolist(), p_ab.tolist()  # the third account is unknown: against
        ([0.993, 0.002, 0.0], [0.0, 0.0, 0.0])
        """
        if side not in ("a", "b"):
            raise ParameterError(f"must be 'a' or 'b', got {side!r}", parameter="side")
        if undecided not in UNDECIDED_RULES:
            raise ParameterError(f"must be one of {UNDECIDED_RULES}, got {undecided!r}", parameter="undecided")
        check_scalar(band, "band", numbers.Real, min_val=0.0, max_val=1.0)
        sd = np.maximum(self.sd, 1e-12)
        p_a = np.where(self.sd > 0, special.ndtr((self.value - band) / sd), (self.value > band).astype(float))
        p_b = np.where(self.sd > 0, special.ndtr((-band - self.value) / sd), (self.value < -band).astype(float))
        p_u = np.clip(1.0 - p_a - p_b, 0.0, 1.0)
        p_ab = np.zeros(self.n)
        if undecided == "resist":
            p_a = p_a + (p_u if side == "b" else 0.0)
        elif undecided == "mixed" and naming_game:
            p_ab = p_u
        else:
            p_a = p_a + 0.5 * p_u
        return np.clip(p_a, 0.0, 1.0), p_ab


def opinions_from_perception(
    n: int,
    account: Sequence[int] | np.ndarray,
    mean: Sequence[float] | np.ndarray,
    n_mentions: Sequence[int] | np.ndarray,
    ci_low: Sequence[float] | np.ndarray,
    ci_high: Sequence[float] | np.ndarray,
    *,
    advocates: Sequence[int] | np.ndarray = (),
    detractors: Sequence[int] | np.ndarray = (),
    authorities: Sequence[int] | np.ndarray = (),
    single_sd: float = 0.5,
    unknown_sd: float = 0.0,
) -> Opinions:
    """Opinions of ``n`` accounts from their perception of a brand and their funnel stage.

    Parameters
    ----------
    n : int
        Accounts (ids ``0 .. n - 1``).
    account, mean, n_mentions, ci_low, ci_high : array-like
        Per account that mentioned the brand: its id, mean sentiment, mentions and 95 %
        Student interval of the mean (:func:`einfluence.perception.brand_perception`); ids
        outside ``[0, n)`` are ignored.
    advocates, detractors : array-like of int
        Committed accounts (+1, -1); an account listed in both is an advocate.
    authorities : array-like of int
        The brand's own accounts: committed for it (+1).
    single_sd : float
        Standard error given to an opinion measured on a single mention; an opinion measured on
        ``k`` mentions has at least ``single_sd / sqrt(k)``.
    unknown_sd : float
        Standard error of the neutral opinion of an account that never mentioned the brand (0:
        taken as exactly neutral).

    Returns
    -------
    Opinions

    Examples
    --------
    >>> o = opinions_from_perception(4, [1, 2], [0.4, -0.2], [3, 1], [0.1, np.nan], [0.7, np.nan],
    ...                              advocates=[3])
    >>> o.value.tolist(), np.round(o.sd, 3).tolist(), o.committed.tolist()
    ([0.0, 0.4, -0.2, 1.0], [0.0, 0.289, 0.5, 0.0], [0, 0, 0, 1])
    """
    check_scalar(n, "n", numbers.Integral, min_val=0)
    check_scalar(single_sd, "single_sd", numbers.Real, min_val=0.0)
    check_scalar(unknown_sd, "unknown_sd", numbers.Real, min_val=0.0)
    acc = np.asarray(account, dtype=np.int64).ravel()
    cols = [np.asarray(c, dtype=np.float64).ravel() for c in (mean, n_mentions, ci_low, ci_high)]
    if any(c.shape != acc.shape for c in cols):
        raise ParameterError("account, mean, n_mentions, ci_low and ci_high must have the same length")
    m, k, lo, hi = cols
    inside = (acc >= 0) & (acc < n) & np.isfinite(m)
    acc, m, k, lo, hi = acc[inside], m[inside], k[inside], lo[inside], hi[inside]
    value = np.zeros(n)
    sd = np.full(n, float(unknown_sd))
    known = np.zeros(n, dtype=bool)
    value[acc] = np.clip(m, -1.0, 1.0)
    known[acc] = True
    t = stats.t.ppf(0.975, np.maximum(k - 1, 1))
    se = (hi - lo) / (2 * t)
    # never more certain than k mentions each as uncertain as a single one (identical scores
    # would otherwise give a zero standard error)
    sd[acc] = np.where(np.isfinite(se) & (k >= 2), np.maximum(se, single_sd / np.sqrt(np.maximum(k, 1))),
                       float(single_sd))
    committed = np.zeros(n, dtype=np.int8)
    for ids, sign in ((detractors, -1), (advocates, 1), (authorities, 1)):
        ids = np.asarray(ids, dtype=np.int64).ravel()
        ids = ids[(ids >= 0) & (ids < n)]
        committed[ids] = sign
    value[committed != 0] = committed[committed != 0]
    sd[committed != 0] = 0.0
    return Opinions(value=value, sd=sd, known=known, committed=committed)
