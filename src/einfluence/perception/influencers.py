"""Brand perception per account and brand over time: volume, sentiment, share of voice, trend.

:func:`brand_perception` groups brand mentions by (account, brand): how often the account
mentions the brand, how positive it is about it (mean sentiment with a 95 % confidence
interval, share of positive mentions with a Wilson interval), how much of its talk about the
market goes to this brand (share of voice against the competitors), whether its sentiment
rises or falls (trend over time bins) and which of its posts are the most typical quotes. A
brand-level summary over all accounts comes with it, per time bin too.

Everything is computed by sorting and counting integer keys (``np.unique``, ``np.bincount``,
``np.lexsort``), in O(m log m) for m mentions, without Python loops over mentions.

References
----------
.. [1] E. B. Wilson, "Probable inference, the law of succession, and statistical inference",
   Journal of the American Statistical Association 22(158), 1927, pp. 209-212.
   https://doi.org/10.1080/01621459.1927.10502953
.. [2] Student (W. S. Gosset), "The probable error of a mean", Biometrika 6(1), 1908,
   pp. 1-25. https://doi.org/10.1093/biomet/6.1.1
.. [3] B. J. Jansen, M. Zhang, K. Sobel and A. Chowdury, "Twitter power: tweets as electronic
   word of mouth", Journal of the American Society for Information Science and Technology
   60(11), 2009, pp. 2169-2188. https://doi.org/10.1002/asi.21149
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass, fields
from typing import Any

import numpy as np
from scipy import stats

from einfluence.base.timeunits import NO_TIME
from einfluence.base.validation import as_int, check_scalar, check_time
from einfluence.exceptions import ParameterError
from einfluence.perception.mentions import distinct_mentions

__all__ = ["Perception", "brand_perception", "mean_interval", "wilson_interval"]

_Z95 = 1.959963984540054


def mean_interval(total: np.ndarray, total_sq: np.ndarray, n: np.ndarray, level: float = 0.95):
    """Mean and Student t confidence interval from sums, vectorised over groups.

    Parameters
    ----------
    total, total_sq : numpy.ndarray of float64
        Sum of the values and of their squares, per group.
    n : numpy.ndarray of int
        Number of values per group.
    level : float, default 0.95
        Confidence level.

    Returns
    -------
    mean, low, high : numpy.ndarray of float64
        NaN mean for an empty group; NaN bounds for groups of fewer than two values (the
        sample variance is undefined); a zero-width interval when all values are equal.

    Examples
    --------
    >>> m, lo, hi = mean_interval(np.array([3.0, 1.0]), np.array([5.0, 1.0]), np.array([2, 1]))
    >>> m.tolist(), round(float(lo[0]), 3), round(float(hi[0]), 3), bool(np.isnan(lo[1]))
    ([1.5, 1.0], -4.853, 7.853, True)

    References
    ----------
    .. [1] Student (W. S. Gosset), "The probable error of a mean", Biometrika 6(1), 1908.
       https://doi.org/10.1093/biomet/6.1.1
    """
    n = np.asarray(n, dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = total / n
        var = np.maximum(total_sq - n * mean**2, 0.0) / (n - 1)
        t = stats.t.ppf(0.5 + level / 2, np.maximum(n - 1, 1))
        half = t * np.sqrt(var / n)
    half = np.where(n >= 2, half, np.nan)
    return mean, mean - half, mean + half


def wilson_interval(k: np.ndarray, n: np.ndarray, z: float = _Z95):
    """Wilson score interval of a proportion ``k / n``, vectorised.

    Parameters
    ----------
    k, n : numpy.ndarray
        Successes and trials per group (``0 <= k <= n``).
    z : float
        Normal quantile (1.96 for 95 %).

    Returns
    -------
    low, high : numpy.ndarray of float64
        Within [0, 1]; NaN where ``n == 0``.

    Examples
    --------
    >>> lo, hi = wilson_interval(np.array([3, 0]), np.array([3, 10]))
    >>> np.round(lo, 3).tolist(), np.round(hi, 3).tolist()
    ([0.439, 0.0], [1.0, 0.278])

    References
    ----------
    .. [1] E. B. Wilson, "Probable inference, the law of succession, and statistical
       inference", JASA 22(158), 1927. https://doi.org/10.1080/01621459.1927.10502953
    """
    k = np.asarray(k, dtype=np.float64)
    n = np.asarray(n, dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        denom = 1 + z**2 / n
        centre = (p + z**2 / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denom
    return np.clip(centre - half, 0.0, 1.0), np.clip(centre + half, 0.0, 1.0)


@dataclass(frozen=True)
class Perception:
    """Perception of brands per (account, brand) pair and per brand; see :func:`brand_perception`.

    Attributes
    ----------
    account, brand : numpy.ndarray of int64, shape (n_pairs,)
        The pairs with at least one mention in the window, sorted by account then brand.
    n_mentions, n_positive, n_negative : numpy.ndarray of int64, shape (n_pairs,)
        Distinct posts of the account mentioning the brand; those with a sentiment above
        ``positive_threshold`` / below ``-positive_threshold``.
    mean_sentiment, ci_low, ci_high : numpy.ndarray of float64, shape (n_pairs,)
        Mean sentiment and its 95 % Student t interval (NaN bounds with one mention).
    share_positive, positive_low, positive_high : numpy.ndarray of float64, shape (n_pairs,)
        Share of positive mentions among those with a sentiment, and its 95 % Wilson interval
        widened to the uncertain mentions: from the low bound with all of them not positive to
        the high bound with all of them positive.
    n_uncertain : numpy.ndarray of int64, shape (n_pairs,)
        Mentions without a sentiment (NaN: below the confidence threshold); they count as
        mentions (volume, share of voice) but not in the sentiment figures.
    share_of_voice : numpy.ndarray of float64, shape (n_pairs,)
        The brand's part of the account's mentions of the brand and its rivals.
    trend : numpy.ndarray of float64, shape (n_pairs,)
        Least-squares slope of sentiment against the time-bin index (per bin); with two bins,
        the change of mean sentiment between them. NaN when the mentions fall in one bin.
    first_time, last_time : numpy.ndarray of int64, shape (n_pairs,)
        Times (µs) of the first and last mention.
    typical : numpy.ndarray of int64, shape (n_pairs, n_typical)
        Post indices of the most typical mentions (closest to the pair's mean sentiment,
        most recent first on ties), -1 padded.
    bin_edges : numpy.ndarray of int64, shape (n_bins + 1,)
        Edges (µs) of the time bins, ``bin_edges[i] <= t < bin_edges[i + 1]``.
    brand_mentions, brand_accounts : numpy.ndarray of int64, shape (n_brands,)
        Mentions and distinct mentioning accounts per brand.
    brand_mean, brand_ci_low, brand_ci_high : numpy.ndarray of float64, shape (n_brands,)
        Mean sentiment per brand over all its mentions, with its 95 % t interval.
    brand_share_of_voice : numpy.ndarray of float64, shape (n_brands,)
    bin_mentions : numpy.ndarray of int64, shape (n_brands, n_bins)
    bin_mean, bin_share_of_voice : numpy.ndarray of float64, shape (n_brands, n_bins)
        Per-bin brand summaries (NaN mean in a bin without mention).
    competitors : numpy.ndarray of bool, shape (n_brands,)
    """

    account: np.ndarray
    brand: np.ndarray
    n_mentions: np.ndarray
    n_positive: np.ndarray
    n_negative: np.ndarray
    mean_sentiment: np.ndarray
    ci_low: np.ndarray
    ci_high: np.ndarray
    share_positive: np.ndarray
    positive_low: np.ndarray
    positive_high: np.ndarray
    share_of_voice: np.ndarray
    n_uncertain: np.ndarray
    trend: np.ndarray
    first_time: np.ndarray
    last_time: np.ndarray
    typical: np.ndarray
    bin_edges: np.ndarray
    brand_mentions: np.ndarray
    brand_accounts: np.ndarray
    brand_mean: np.ndarray
    brand_ci_low: np.ndarray
    brand_ci_high: np.ndarray
    brand_share_of_voice: np.ndarray
    bin_mentions: np.ndarray
    bin_mean: np.ndarray
    bin_share_of_voice: np.ndarray
    competitors: np.ndarray

    _PAIR_FIELDS = (
        "account", "brand", "n_mentions", "n_positive", "n_negative", "mean_sentiment", "ci_low",
        "ci_high", "share_positive", "positive_low", "positive_high", "share_of_voice", "n_uncertain", "trend",
        "first_time", "last_time", "typical",
    )  # fmt: skip

    def __len__(self) -> int:
        return int(self.account.size)

    def to_dict(self) -> dict[str, Any]:
        """Every attribute as plain Python lists (JSON-ready; NaN stays NaN).

        Examples
        --------
        >>> p = brand_perception([0], [0], [7], [0], [0.5], n_brands=1)
        >>> p.to_dict()["account"], p.to_dict()["brand_mentions"]
        ([7], [1])
        """
        return {f.name: getattr(self, f.name).tolist() for f in fields(self)}

    def to_rows(self) -> list[dict[str, Any]]:
        """One dict per (account, brand) pair, with the pair attributes.

        Examples
        --------
        >>> p = brand_perception([0, 1], [0, 0], [7, 7], [0, 10], [0.5, 0.1], n_brands=1, n_typical=1)
        >>> row = p.to_rows()[0]
        >>> row["account"], row["n_mentions"], round(row["mean_sentiment"], 2), row["typical"]
        (7, 2, 0.3, [1])
        """
        columns = {name: getattr(self, name).tolist() for name in self._PAIR_FIELDS}
        return [dict(zip(columns, values, strict=True)) for values in zip(*columns.values(), strict=True)]


def rival_totals(key_count: np.ndarray, competitors: np.ndarray) -> np.ndarray:
    """Mentions of each brand's rival set, from counts of shape (..., n_brands) (private).

    The rival set of a brand of the user (``competitors[b]`` false) is itself plus every
    competitor; that of a competitor is every brand. Without competitors, every brand.
    """
    total = key_count.sum(axis=-1, keepdims=True)
    if not competitors.any():
        return np.broadcast_to(total, key_count.shape)
    comp = (key_count * competitors).sum(axis=-1, keepdims=True)
    return np.where(competitors, total, key_count + comp)


def brand_perception(
    mention_post: np.ndarray,
    mention_brand: np.ndarray,
    post_author: np.ndarray,
    post_time: np.ndarray,
    sentiment: np.ndarray,
    *,
    n_brands: int,
    competitors: np.ndarray | None = None,
    since: int | None = None,
    until: int | None = None,
    bins: np.ndarray | int | None = None,
    n_typical: int = 3,
    positive_threshold: float = 0.05,
) -> Perception:
    """Perception of each brand by each account that mentions it, and per brand, over time.

    Parameters
    ----------
    mention_post, mention_brand : numpy.ndarray of int
        One row per mention (as :class:`einfluence.perception.Mentions` ``post`` and
        ``brand``): the index of the post in the post arrays and of the brand. Repeated
        mentions of a brand in one post count once.
    post_author : numpy.ndarray of int, shape (n_posts,)
        Author (account id) of each post.
    post_time : numpy.ndarray of int, shape (n_posts,)
        Time of each post, microseconds since the epoch.
    sentiment : numpy.ndarray of float, shape (n_posts,)
        Sentiment score of each post (for instance the lexicon compound in [-1, 1]); the
        sentiment of a post is taken as its sentiment towards every brand it mentions (give one
        row per (post, brand) to score each brand apart). NaN marks an uncertain mention (below a
        confidence threshold): counted as a mention, left out of the sentiment figures.
    n_brands : int
        Number of brands.
    competitors : numpy.ndarray of bool, shape (n_brands,), optional
        True for the competitors. The share of voice of one of the user's brands is taken
        among the mentions of itself and of all competitors; that of a competitor among the
        mentions of every brand. None: every brand competes with every other.
    since, until : int, optional
        Keep the mentions with ``since <= time < until`` (µs).
    bins : int or numpy.ndarray of int, optional
        Time bins for the trend and the per-bin brand summary: increasing edges (µs), or a
        number of equal bins over ``[since, until)`` (by default over the times of the
        mentions). None is 2 bins: the trend is then the change between the two halves.
    n_typical : int, default 3
        Number of typical quotes kept per pair.
    positive_threshold : float, default 0.05
        A mention is positive when its sentiment is ``>= positive_threshold`` and negative
        when ``<= -positive_threshold`` (VADER's ±0.05).

    Returns
    -------
    Perception

    Raises
    ------
    ParameterError
        On arrays of the wrong shape, indices out of range, non-finite sentiments or
        non-increasing bin edges.

    Examples
    --------
    >>> day = 86_400 * 10**6
    >>> p = brand_perception(
    ...     mention_post=[0, 1, 2, 3, 4], mention_brand=[0, 0, 0, 1, 0],
    ...     post_author=[5, 5, 5, 5, 6], post_time=[0, day, 3 * day, day, 2 * day],
    ...     sentiment=[0.2, 0.4, 0.9, -0.5, -0.6], n_brands=2,
    ...     competitors=[False, True], n_typical=1)
    >>> p.account.tolist(), p.brand.tolist(), p.n_mentions.tolist()
    ([5, 5, 6], [0, 1, 0], [3, 1, 1])
    >>> round(float(p.mean_sentiment[0]), 3), p.share_of_voice.tolist()
    (0.5, [0.75, 0.25, 1.0])
    >>> round(float(p.trend[0]), 3), p.typical[:, 0].tolist()  # second half minus first half
    (0.6, [1, 3, 4])
    >>> p.brand_mentions.tolist(), np.round(p.brand_mean, 3).tolist()
    ([4, 1], [0.225, -0.5])

    Notes
    -----
    The interval of the mean is Student's t interval [2]_, ``mean ± t(0.975, n - 1) s / √n``:
    sentiments of one account are not independent draws, so read it as the uncertainty due to
    the few mentions, not as a population statement. The share of positive mentions comes
    with Wilson's score interval [1]_, defined for every n ≥ 1 and inside [0, 1]. Share of
    voice follows the electronic word-of-mouth usage of Jansen et al. [3]_.

    The trend is the ordinary least-squares slope of the sentiment of each mention on the
    index of its time bin, which equals the count-weighted slope of the bin means; it is
    expressed per bin.

    Typical quotes are the mentions whose sentiment is closest to the pair's mean (most
    recent first among equals): every mention given here comes from the text of the post
    (as found by :func:`~einfluence.perception.find_mentions`), so each names the brand.

    O(m log m) time and O(m + n_pairs · n_typical) memory for m mentions.
    """
    check_scalar(n_brands, "n_brands", numbers.Integral, min_val=1)
    check_scalar(n_typical, "n_typical", numbers.Integral, min_val=0)
    check_scalar(positive_threshold, "positive_threshold", numbers.Real, min_val=0.0)
    post, brand, acc, t, s, comp, edges = _mentions_in_window(
        mention_post, mention_brand, post_author, post_time, sentiment, n_brands, competitors,
        since, until, bins,
    )  # fmt: skip
    n_bins = edges.size - 1
    b_idx = np.searchsorted(edges, t, side="right") - 1
    in_bins = (b_idx >= 0) & (b_idx < n_bins)
    pairs = _pair_perception(post, brand, acc, t, s, b_idx, in_bins, n_brands, comp, n_typical, positive_threshold)
    brands = _brand_perception(brand, s, pairs["key"], b_idx, in_bins, n_brands, n_bins, comp)
    del pairs["key"]
    return Perception(**pairs, **brands, bin_edges=edges, competitors=comp)


def _mentions_in_window(
    mention_post, mention_brand, post_author, post_time, sentiment, n_brands, competitors, since,
    until, bins,
) -> tuple[np.ndarray, ...]:  # fmt: skip
    """Validated mentions with a known author in ``[since, until)``; competitors; bin edges.

    Returns the mentions' post, brand, account, time and sentiment, the competitor mask and
    the time-bin edges.
    """
    author = as_int(post_author, "post_author")
    n_posts = author.size
    time = as_int(post_time, "post_time")
    if time.shape != (n_posts,):
        raise ParameterError(f"post_time must have shape ({n_posts},), got {time.shape}")
    sent_all = np.asarray(sentiment, dtype=np.float64)
    if sent_all.shape != (n_posts,):
        raise ParameterError(f"sentiment must have shape ({n_posts},), got {sent_all.shape}")
    if np.isinf(sent_all).any():
        raise ParameterError("sentiment must be finite (or NaN for an uncertain mention)")
    comp = np.zeros(n_brands, dtype=bool) if competitors is None else np.asarray(competitors, dtype=bool)
    if comp.shape != (n_brands,):
        raise ParameterError(f"competitors must have shape ({n_brands},), got {comp.shape}")
    if competitors is not None and comp.all():
        comp = np.zeros(n_brands, dtype=bool)
    since, until = check_time(since, "since"), check_time(until, "until")
    post, brand = distinct_mentions(mention_post, mention_brand, n_posts, n_brands)
    t = time[post]
    keep = np.ones(post.size, dtype=bool)
    if since is not None:
        keep &= t >= since
    if until is not None:
        keep &= t < until
    post, brand, t = post[keep], brand[keep], t[keep]
    acc = author[post]
    if (acc < 0).any():
        keep = acc >= 0
        post, brand, t, acc = post[keep], brand[keep], t[keep], acc[keep]
    return post, brand, acc, t, sent_all[post], comp, _bin_edges(bins, t, since, until)


def _pair_perception(
    post, brand, acc, t, s, b_idx, in_bins, n_brands, comp, n_typical, positive_threshold
) -> dict[str, Any]:
    """The per (account, brand) fields of :class:`Perception` (and ``key``, the pairs' keys)."""
    key, inv = np.unique(acc * n_brands + brand, return_inverse=True)
    n_pairs = key.size
    n = np.bincount(inv, minlength=n_pairs)
    known = np.isfinite(s)
    n_known = np.bincount(inv, weights=known, minlength=n_pairs)
    s = np.where(known, s, 0.0)
    pos = known & (s >= positive_threshold)
    neg = known & (s <= -positive_threshold)
    total = np.bincount(inv, weights=s, minlength=n_pairs)
    mean, lo, hi = mean_interval(total, np.bincount(inv, weights=s * s, minlength=n_pairs), n_known)
    n_pos = np.bincount(inv, weights=pos, minlength=n_pairs).astype(np.int64)
    n_unc = (n - n_known).astype(np.int64)
    p_lo = wilson_interval(n_pos, n)[0]
    p_hi = wilson_interval(n_pos + n_unc, n)[1]
    # share of voice: account x brand counts, dense over brands per mentioning account
    acc_of = key // n_brands
    acc_u, acc_inv = np.unique(acc_of, return_inverse=True)
    dense = np.zeros((acc_u.size, n_brands))
    dense[acc_inv, key % n_brands] = n
    rivals = rival_totals(dense, comp)
    sov = n / rivals[acc_inv, key % n_brands] if n_pairs else np.zeros(0)
    # trend: OLS slope of s on the bin index
    x = b_idx.astype(np.float64)
    w = (in_bins & known).astype(np.float64)
    sw = np.bincount(inv, weights=w, minlength=n_pairs)
    sx = np.bincount(inv, weights=w * x, minlength=n_pairs)
    sy = np.bincount(inv, weights=w * s, minlength=n_pairs)
    sxx = np.bincount(inv, weights=w * x * x, minlength=n_pairs)
    sxy = np.bincount(inv, weights=w * x * s, minlength=n_pairs)
    with np.errstate(invalid="ignore", divide="ignore"):
        varx = sxx - sx * sx / sw
        slope = (sxy - sx * sy / sw) / varx
    slope = np.where((sw > 0) & (varx > 1e-12), slope, np.nan)
    first = np.full(n_pairs, np.iinfo(np.int64).max)
    np.minimum.at(first, inv, t)
    last = np.full(n_pairs, NO_TIME)
    np.maximum.at(last, inv, t)
    return dict(
        key=key, account=acc_of.astype(np.int64), brand=(key % n_brands).astype(np.int64),
        n_mentions=n.astype(np.int64), n_positive=n_pos,
        n_negative=np.bincount(inv, weights=neg, minlength=n_pairs).astype(np.int64),
        mean_sentiment=mean, ci_low=lo, ci_high=hi,
        share_positive=np.where(n_known > 0, n_pos / np.maximum(n_known, 1), np.nan),
        positive_low=p_lo, positive_high=p_hi, share_of_voice=np.asarray(sov, dtype=np.float64), n_uncertain=n_unc,
        trend=slope, first_time=first, last_time=last,
        typical=_typical(inv, np.where(known, s, np.inf), t, post, np.nan_to_num(mean), n, int(n_typical)),
    )  # fmt: skip


def _brand_perception(brand, s, key, b_idx, in_bins, n_brands, n_bins, comp) -> dict[str, Any]:
    """The per brand (and per brand and time bin) fields of :class:`Perception`."""
    b_n = np.bincount(brand, minlength=n_brands)
    known = np.isfinite(s)
    s = np.where(known, s, 0.0)
    b_mean, b_lo, b_hi = mean_interval(
        np.bincount(brand, weights=s, minlength=n_brands), np.bincount(brand, weights=s * s, minlength=n_brands),
        np.bincount(brand, weights=known, minlength=n_brands),
    )
    b_acc = np.bincount(key % n_brands, minlength=n_brands)
    with np.errstate(invalid="ignore", divide="ignore"):
        b_sov = np.nan_to_num(b_n / rival_totals(b_n.astype(np.float64), comp))
    cell = brand[in_bins] * n_bins + b_idx[in_bins]
    bin_n = np.bincount(cell, minlength=n_brands * n_bins).reshape(n_brands, n_bins)
    bin_known = np.bincount(cell, weights=known[in_bins], minlength=n_brands * n_bins).reshape(n_brands, n_bins)
    bin_sum = np.bincount(cell, weights=s[in_bins], minlength=n_brands * n_bins).reshape(n_brands, n_bins)
    with np.errstate(invalid="ignore", divide="ignore"):
        bin_mean = bin_sum / bin_known
        bin_sov = np.nan_to_num(bin_n / rival_totals(bin_n.T.astype(np.float64), comp).T)
    return dict(
        brand_mentions=b_n.astype(np.int64), brand_accounts=b_acc.astype(np.int64), brand_mean=b_mean,
        brand_ci_low=b_lo, brand_ci_high=b_hi, brand_share_of_voice=b_sov,
        bin_mentions=bin_n.astype(np.int64), bin_mean=bin_mean, bin_share_of_voice=bin_sov,
    )  # fmt: skip


def _bin_edges(bins: object, t: np.ndarray, since: int | None, until: int | None) -> np.ndarray:
    if bins is None or isinstance(bins, numbers.Integral):
        n_bins = 2 if bins is None else int(bins)  # type: ignore[call-overload]
        if n_bins < 1:
            raise ParameterError(f"bins must be >= 1, got {n_bins}")
        lo = since if since is not None else (int(t.min()) if t.size else 0)
        hi = until if until is not None else (int(t.max()) + 1 if t.size else lo + 1)
        hi = max(hi, lo + n_bins)
        edges = lo + (np.arange(n_bins + 1, dtype=np.int64) * (hi - lo)) // n_bins
        return edges.astype(np.int64)
    edges = as_int(bins, "bins")
    if edges.size < 2 or (np.diff(edges) <= 0).any():
        raise ParameterError("bin edges must be at least two strictly increasing times")
    return edges


def _typical(inv, s, t, post, mean, n, k) -> np.ndarray:
    """Post indices of the k mentions closest to their group's mean sentiment (ties: recent)."""
    n_pairs = mean.size
    out = np.full((n_pairs, k), -1, dtype=np.int64)
    if k == 0 or inv.size == 0:
        return out
    order = np.lexsort((-t, np.abs(s - mean[inv]), inv))
    starts = np.concatenate([[0], np.cumsum(n)[:-1]])
    g = inv[order]
    rank = np.arange(order.size) - starts[g]
    sel = rank < k
    out[g[sel], rank[sel]] = post[order[sel]]
    return out
