"""Rank engines and input checks shared by the ranking metrics, the comparison tables and the dynamics.

The engines trust their input (1-D float64, no NaN): the public functions of
:mod:`~einfluence.scoring.metrics`, :mod:`~einfluence.scoring.evaluation` and
:mod:`~einfluence.scoring.dynamics` validate with the checks here first. Conventions (larger
ranks first, ties at the k-th place) are those of :mod:`~einfluence.scoring.metrics`.

References
----------
.. [1] M. G. Kendall, "The treatment of ties in ranking problems", Biometrika 33(3),
   pp. 239-251, 1945. https://doi.org/10.1093/biomet/33.3.239
.. [2] K. Järvelin and J. Kekäläinen, "Cumulated gain-based evaluation of IR techniques",
   ACM Transactions on Information Systems 20(4), pp. 422-446, 2002.
   https://doi.org/10.1145/582415.582418
.. [3] F. McSherry and M. Najork, "Computing Information Retrieval Performance Measures
   Efficiently in the Presence of Tied Scores", Proc. ECIR 2008, LNCS 4956, pp. 414-421.
   https://doi.org/10.1007/978-3-540-78646-7_38
"""

from __future__ import annotations

import math
import numbers
from typing import Literal

import numpy as np

from einfluence.base.validation import check_scalar
from einfluence.exceptions import ParameterError

__all__ = [
    "GAINS",
    "METHODS",
    "TIES",
    "Gains",
    "Ties",
    "as_float",
    "centered_ranks",
    "check_choice",
    "check_k",
    "check_pair",
    "check_population",
    "cum_discount",
    "dcg_of",
    "gains_of",
    "idcg_of",
    "kendall_of",
    "kth_largest",
    "ndcg_of",
    "pearson_centered",
    "spearman_of",
    "top_k_mask",
    "top_k_order",
    "top_k_weights",
]

Ties = Literal["index", "average"]
Gains = Literal["linear", "log1p"]

TIES = ("index", "average")
GAINS = ("linear", "log1p")
METHODS = ("spearman", "kendall")


# ---------------------------------------------------------------------------------------------
# validation at the edge
# ---------------------------------------------------------------------------------------------


def as_float(values: object, name: str) -> np.ndarray:
    """``values`` as a 1-D float64 array (bool and integer dtypes accepted)."""
    a = np.asarray(values)
    if a.ndim != 1:
        raise ParameterError(f"{name} must be one-dimensional, got shape {a.shape}")
    if a.dtype.kind not in "biuf":
        raise ParameterError(f"{name} must be numeric, got dtype {a.dtype}")
    return a.astype(np.float64, copy=False)


def check_pair(pred: object, target: object) -> tuple[np.ndarray, np.ndarray]:
    p = as_float(pred, "pred")
    t = as_float(target, "target")
    if p.shape != t.shape:
        raise ParameterError(f"pred and target differ in shape: {p.shape} != {t.shape}")
    if np.isnan(p).any():
        raise ParameterError("pred contains NaN; rank missing values explicitly (e.g. -inf)")
    if np.isnan(t).any():
        raise ParameterError("target contains NaN")
    return p, t


def check_k(k: object, n: int) -> int:
    check_scalar(k, "k", numbers.Integral, min_val=1)
    if k > n:
        raise ParameterError(f"k must not exceed the number of items ({n}), got {k}")
    return int(k)


def check_choice(value: object, name: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise ParameterError(f"{name} must be one of {list(choices)}, got {value!r}")
    return str(value)


def gains_of(target: np.ndarray, gains: str) -> np.ndarray:
    if not np.isfinite(target).all():
        raise ParameterError("target must be finite to be used as gains")
    if (target < 0).any():
        raise ParameterError("target must be non-negative to be used as gains (nDCG)")
    return np.log1p(target) if gains == "log1p" else target


def check_population(population: object, n: int) -> np.ndarray:
    if population is None:
        return np.ones(n, dtype=bool)
    mask = np.asarray(population)
    if mask.dtype != np.bool_:
        raise ParameterError(f"population must be a boolean mask, got dtype {mask.dtype}")
    if mask.shape != (n,):
        raise ParameterError(f"population must have shape ({n},), got {mask.shape}")
    return mask


# ---------------------------------------------------------------------------------------------
# engines (trust their input: 1-D float64, no NaN)
# ---------------------------------------------------------------------------------------------


def centered_ranks(x: np.ndarray) -> np.ndarray:
    """Average ranks (1-based, ties share the mean of their ranks) minus their mean."""
    from scipy import (
        stats,  # imported here: scipy.stats takes ~0.4 s to import, most commands never need it
    )

    r = stats.rankdata(x, method="average")
    r -= (x.size + 1) / 2.0
    return r


def pearson_centered(a: np.ndarray, b: np.ndarray) -> float:
    den = math.sqrt(float(a @ a) * float(b @ b))
    if den == 0.0:
        return math.nan
    return max(-1.0, min(1.0, float(a @ b) / den))


def spearman_of(p: np.ndarray, t: np.ndarray) -> float:
    if p.size < 2:
        return math.nan
    return pearson_centered(centered_ranks(p), centered_ranks(t))


def kendall_of(p: np.ndarray, t: np.ndarray) -> float:
    if p.size < 2 or p.min() == p.max() or t.min() == t.max():
        return math.nan
    # scipy's implementation sorts and counts discordant pairs with a merge: O(n log n)
    from scipy import stats

    return float(stats.kendalltau(p, t, variant="b").statistic)


def kth_largest(x: np.ndarray, k: int) -> float:
    n = x.size
    return float(np.partition(x, n - k)[n - k])


def top_k_mask(x: np.ndarray, k: int) -> np.ndarray:
    """The top-k set, ties at the k-th place broken by lower index first. O(n)."""
    kth = kth_largest(x, k)
    mask = x > kth
    missing = k - int(np.count_nonzero(mask))
    mask[np.flatnonzero(x == kth)[:missing]] = True
    return mask


def top_k_weights(x: np.ndarray, k: int) -> np.ndarray:
    """Probability of each item to be in the top k under a uniformly random order of ties."""
    kth = kth_largest(x, k)
    above = x > kth
    tied = x == kth
    w = above.astype(np.float64)
    w[tied] = (k - np.count_nonzero(above)) / np.count_nonzero(tied)
    return w


def top_k_order(x: np.ndarray, k: int) -> np.ndarray:
    """Indices of the top k, best first; ties broken by lower index first. O(n + k log k)."""
    kth = kth_largest(x, k)
    above = np.flatnonzero(x > kth)
    above = above[np.argsort(-x[above], kind="stable")]
    tied = np.flatnonzero(x == kth)[: k - above.size]
    return np.concatenate([above, tied])


def cum_discount(k: int) -> np.ndarray:
    """``D[j]`` = sum of the discounts 1/log2(r + 1) of ranks r = 1..j (``D[0] = 0``)."""
    out = np.zeros(k + 1)
    np.cumsum(1.0 / np.log2(np.arange(2, k + 2, dtype=np.float64)), out=out[1:])
    return out


def idcg_of(gains: np.ndarray, k: int, cum: np.ndarray) -> float:
    top = np.sort(np.partition(gains, gains.size - k)[gains.size - k :])[::-1]
    return float(top @ np.diff(cum[: k + 1]))


def dcg_of(pred: np.ndarray, gains: np.ndarray, k: int, cum: np.ndarray, ties: str) -> float:
    if ties == "index":
        return float(gains[top_k_order(pred, k)] @ np.diff(cum[: k + 1]))
    # tie-aware DCG (McSherry & Najork): a group of tied items occupying ranks s+1..e
    # contributes mean(gain of the whole group) * sum of the discounts of those ranks
    kth = kth_largest(pred, k)
    above = np.flatnonzero(pred > kth)
    order = np.argsort(-pred[above], kind="stable")
    vals = pred[above][order]
    g = gains[above][order]
    c = above.size
    total = 0.0
    if c:
        starts = np.flatnonzero(np.r_[True, vals[1:] != vals[:-1]])
        ends = np.r_[starts[1:], c]
        means = np.add.reduceat(g, starts) / (ends - starts)
        total += float(means @ (cum[ends] - cum[starts]))
    total += float(gains[pred == kth].mean()) * float(cum[k] - cum[c])
    return total


def ndcg_of(
    pred: np.ndarray, gains: np.ndarray, k: int, ties: str, idcg: float | None = None
) -> float:
    cum = cum_discount(k)
    if idcg is None:
        idcg = idcg_of(gains, k, cum)
    if idcg == 0.0:
        return math.nan
    return dcg_of(pred, gains, k, cum, ties) / idcg
