"""Ranking-quality metrics: how well does a measure of an early window predict the later one?

The evaluation harness of einfluence compares influence measures the way Cha et al. [1]_ did:
each measure, computed on the window *before* a split date, is a *predictor*; an outcome of
the window *after* the split (relays received, new followers...) is the *target*. Every
predictor is scored with several complementary metrics side by side:

* rank correlations over the whole population: Spearman's rho and Kendall's tau-b [2]_
  (ties handled, so that counts that are 0 for most accounts are treated correctly);
* top-k metrics, which only look at the head of the ranking, where marketing decisions are
  made: the overlap of the two top-k sets, precision at k and nDCG at k [3]_.

Conventions shared by every function of this module:

* Larger values rank first (rank 1 = most influential).
* **Ties at the k-th place** (``ties="index"``, the default) are broken deterministically by
  account index: among accounts with equal values, the lower index ranks first. With
  ``ties="average"`` a top-k metric is instead the *expected* value over all orders of the
  tied accounts (McSherry and Najork [4]_), which is fractional but does not depend on how the
  accounts happen to be numbered. Prefer it when account indices may correlate with the
  target (ids assigned in order of first activity, for example) and the predictor has many
  ties at the k-th place.
* The primitives (:func:`spearman`, :func:`kendall_tau`, ...) refuse NaN in their input.
  :func:`~einfluence.scoring.evaluation.compare_predictors` and
  :func:`~einfluence.scoring.evaluation.correlation_matrix` instead treat a NaN predictor value
  as "not scored" and rank it below every scored account (all NaN accounts tied), and report a
  predictor with no value, or one constant value, over the population as *not computable*.

References
----------
.. [1] M. Cha, H. Haddadi, F. Benevenuto and K. P. Gummadi, "Measuring User Influence in
   Twitter: The Million Follower Fallacy", Proc. ICWSM 2010, pp. 10-17.
   https://doi.org/10.1609/icwsm.v4i1.14033
.. [2] M. G. Kendall, "The treatment of ties in ranking problems", Biometrika 33(3),
   pp. 239-251, 1945. https://doi.org/10.1093/biomet/33.3.239
.. [3] K. Järvelin and J. Kekäläinen, "Cumulated gain-based evaluation of IR techniques",
   ACM Transactions on Information Systems 20(4), pp. 422-446, 2002.
   https://doi.org/10.1145/582415.582418
.. [4] F. McSherry and M. Najork, "Computing Information Retrieval Performance Measures
   Efficiently in the Presence of Tied Scores", Proc. ECIR 2008, LNCS 4956, pp. 414-421.
   https://doi.org/10.1007/978-3-540-78646-7_38
"""

from __future__ import annotations

import numpy as np

from einfluence.exceptions import ParameterError
from einfluence.scoring._ranks import (
    GAINS,
    TIES,
    Gains,
    Ties,
    as_float,
    check_choice,
    check_k,
    check_pair,
    gains_of,
    kendall_of,
    ndcg_of,
    spearman_of,
    top_k_mask,
    top_k_weights,
)

__all__ = ["kendall_tau", "ndcg_at_k", "precision_at_k", "spearman", "top_k_overlap"]


def spearman(pred: object, target: object) -> float:
    """Spearman's rank correlation between a predictor and a target, ties averaged.

    Parameters
    ----------
    pred, target : array_like of shape (n,)
        Numeric values (bool, integer or float), no NaN. Infinite values are allowed and
        ranked at the extremes.

    Returns
    -------
    float
        Pearson's correlation of the average ranks, in [-1, 1]; NaN if ``n < 2`` or either
        input is constant (the correlation is undefined).

    Raises
    ------
    ParameterError
        If the inputs are not 1-D numeric arrays of the same shape or contain NaN.

    Examples
    --------
    >>> spearman([1, 2, 3, 4], [10, 20, 30, 40])
    1.0
    >>> spearman([0, 0, 1, 2], [2, 1, 0, 0])
    -0.8888888888888888

    Notes
    -----
    O(n log n). Tied values share the mean of the ranks they occupy, which is what
    :func:`scipy.stats.spearmanr` computes; counts that are 0 for most accounts are therefore
    handled correctly.

    See Also
    --------
    kendall_tau, compare_predictors
    """
    p, t = check_pair(pred, target)
    return spearman_of(p, t)


def kendall_tau(pred: object, target: object) -> float:
    """Kendall's tau-b between a predictor and a target, corrected for ties.

    Parameters
    ----------
    pred, target : array_like of shape (n,)
        Numeric values, no NaN.

    Returns
    -------
    float
        ``(C - D) / sqrt((n0 - n1) * (n0 - n2))`` with C and D the concordant and discordant
        pairs, ``n0 = n(n-1)/2`` and n1, n2 the pairs tied in ``pred`` and in ``target``
        [2]_; NaN if ``n < 2`` or either input is constant.

    Raises
    ------
    ParameterError
        If the inputs are not 1-D numeric arrays of the same shape or contain NaN.

    Examples
    --------
    >>> kendall_tau([1, 2, 3], [3, 2, 1])
    -1.0
    >>> round(kendall_tau([0, 0, 1, 2], [0, 1, 1, 2]), 6)
    0.8

    Notes
    -----
    O(n log n) (Knight's algorithm, as implemented by :func:`scipy.stats.kendalltau`):
    about 0.2 s for 10^6 accounts.

    References
    ----------
    .. [2] M. G. Kendall, "The treatment of ties in ranking problems", Biometrika 33(3),
       pp. 239-251, 1945. https://doi.org/10.1093/biomet/33.3.239
    """
    p, t = check_pair(pred, target)
    return kendall_of(p, t)


def top_k_overlap(pred: object, target: object, k: int, *, ties: Ties = "index") -> float:
    """Number of accounts in both the predicted top k and the true top k.

    Parameters
    ----------
    pred, target : array_like of shape (n,)
        Numeric values, no NaN; larger ranks first.
    k : int
        Size of the two top sets, ``1 <= k <= n``.
    ties : {"index", "average"}
        ``"index"``: ties at the k-th place are broken by lower account index first, in both
        rankings, and the result is an integer. ``"average"``: the expected overlap when the
        tied accounts of each ranking are ordered uniformly at random (independently).

    Returns
    -------
    int or float
        In ``[0, k]``; an ``int`` for ``ties="index"``, a ``float`` for ``ties="average"``.
        Divide by ``k`` for a fraction.

    Raises
    ------
    ParameterError
        Bad shapes, NaN, ``k`` out of range or unknown ``ties``.

    Examples
    --------
    >>> top_k_overlap([5, 4, 3, 2, 1], [1, 9, 8, 0, 7], k=2)
    1
    >>> top_k_overlap([1, 1, 1, 0], [0, 0, 5, 1], k=2)  # accounts 0 and 1 win the tie
    0
    >>> top_k_overlap([1, 1, 1, 0], [0, 0, 5, 1], k=2, ties="average")
    0.6666666666666666

    Notes
    -----
    O(n) (a partition, no full sort).
    """
    p, t = check_pair(pred, target)
    k = check_k(k, p.size)
    ties = check_choice(ties, "ties", TIES)
    if ties == "index":
        return int(np.count_nonzero(top_k_mask(p, k) & top_k_mask(t, k)))
    return float(top_k_weights(p, k) @ top_k_weights(t, k))


def precision_at_k(pred: object, relevant_mask: object, k: int, *, ties: Ties = "index") -> float:
    """Fraction of the predicted top k that is relevant.

    Parameters
    ----------
    pred : array_like of shape (n,)
        Numeric values, no NaN; larger ranks first.
    relevant_mask : array_like of bool, shape (n,)
        The relevant accounts (for example the accounts that become influential later).
    k : int
        ``1 <= k <= n``.
    ties : {"index", "average"}
        As in :func:`top_k_overlap`.

    Returns
    -------
    float
        In [0, 1].

    Raises
    ------
    ParameterError
        Bad shapes or dtypes, NaN, ``k`` out of range or unknown ``ties``.

    Examples
    --------
    >>> precision_at_k([0.9, 0.8, 0.1, 0.5], [True, False, False, True], k=2)
    0.5

    Notes
    -----
    O(n).
    """
    p = as_float(pred, "pred")
    rel = np.asarray(relevant_mask)
    if rel.dtype != np.bool_:
        raise ParameterError(f"relevant_mask must be boolean, got dtype {rel.dtype}")
    if rel.shape != p.shape:
        raise ParameterError(f"pred and relevant_mask differ in shape: {p.shape} != {rel.shape}")
    if np.isnan(p).any():
        raise ParameterError("pred contains NaN")
    k = check_k(k, p.size)
    ties = check_choice(ties, "ties", TIES)
    if ties == "index":
        return int(np.count_nonzero(top_k_mask(p, k) & rel)) / k
    return float(top_k_weights(p, k) @ rel) / k


def ndcg_at_k(
    pred: object,
    target: object,
    k: int,
    *,
    gains: Gains = "linear",
    ties: Ties = "index",
) -> float:
    """Normalised discounted cumulative gain of the predicted top k.

    ``DCG@k = sum_{r=1..k} gain(item at rank r) / log2(r + 1)`` with items ranked by ``pred``,
    divided by the same sum for the ideal ranking (by ``target``) [3]_.

    Parameters
    ----------
    pred : array_like of shape (n,)
        Numeric values, no NaN; larger ranks first.
    target : array_like of shape (n,)
        The true later outcome, finite and non-negative (counts: relays received, new
        followers...).
    k : int
        Cut-off, ``1 <= k <= n``.
    gains : {"linear", "log1p"}
        ``"linear"``: the gain of an account is its target value (a relay counts for one
        wherever it goes). ``"log1p"``: ``log(1 + target)``, which keeps a handful of
        celebrities from dominating the score.
    ties : {"index", "average"}
        ``"index"``: ties in ``pred`` broken by lower index first. ``"average"``: the expected
        DCG over uniformly random orders of the tied accounts [4]_.

    Returns
    -------
    float
        In [0, 1]; NaN when the ideal DCG is 0 (no account of the top k has any gain).

    Raises
    ------
    ParameterError
        Bad shapes, NaN, negative or infinite target, ``k`` out of range, unknown option.

    Examples
    --------
    >>> ndcg_at_k([3, 2, 1], [3, 2, 1], k=3)
    1.0
    >>> round(ndcg_at_k([1, 2, 3], [3, 2, 0], k=2), 6)  # (0 + 2/log2(3)) / (3 + 2/log2(3))
    0.296082

    Notes
    -----
    O(n + k log k).

    References
    ----------
    .. [3] K. Järvelin and J. Kekäläinen, "Cumulated gain-based evaluation of IR techniques",
       ACM TOIS 20(4), pp. 422-446, 2002. https://doi.org/10.1145/582415.582418
    .. [4] F. McSherry and M. Najork, "Computing Information Retrieval Performance Measures
       Efficiently in the Presence of Tied Scores", ECIR 2008.
       https://doi.org/10.1007/978-3-540-78646-7_38
    """
    p, t = check_pair(pred, target)
    k = check_k(k, p.size)
    gains = check_choice(gains, "gains", GAINS)
    ties = check_choice(ties, "ties", TIES)
    return ndcg_of(p, gains_of(t, gains), k, ties)
