"""Topic profiles of accounts: the (weighted) mean topic weights of their posts.

The profile of an account is the mean of the topic weights of its posts (from
:meth:`~einfluence.topics.model.TopicModel.transform` or
:meth:`~einfluence.topics.keywords.KeywordTopics.transform`), optionally weighted by the
posts' reactions or age: the interest profiles that TwitterRank and the topic evaluation of
:mod:`einfluence.topics.influence` take.
"""

from __future__ import annotations

import numbers

import numpy as np
import scipy.sparse as sp

from einfluence.base.validation import check_scalar
from einfluence.exceptions import ParameterError

__all__ = ["account_profiles"]


def account_profiles(
    author: np.ndarray,
    post_topics: np.ndarray,
    n_accounts: int,
    *,
    weights: np.ndarray | None = None,
) -> np.ndarray:
    """Topic profile of each account: the (weighted) mean topic weights of its posts.

    Parameters
    ----------
    author : numpy.ndarray of int, shape (n_posts,)
        Author of each post, in ``[0, n_accounts)``; negative values (unknown author) are
        ignored.
    post_topics : numpy.ndarray, shape (n_posts, n_topics)
        Non-negative topic weights of each post (for example :meth:`TopicModel.transform`).
    n_accounts : int
    weights : numpy.ndarray, shape (n_posts,), optional
        Non-negative weight of each post (its reactions, a time decay...); None weighs all
        posts equally.

    Returns
    -------
    numpy.ndarray of float64, shape (n_accounts, n_topics)
        Posts whose row is all zero (no known term) and posts of weight 0 are left out of the
        mean; accounts without any other post get a zero row. With rows of ``post_topics``
        summing to 1, each profile sums to 1 or 0.

    Raises
    ------
    ParameterError
        On mismatched shapes, an author ``>= n_accounts``, or negative or non-finite values.

    Examples
    --------
    >>> post_topics = np.array([[1.0, 0.0], [0.5, 0.5], [0.0, 0.0], [0.0, 1.0]])
    >>> account_profiles(np.array([0, 0, 1, 2]), post_topics, 4).tolist()
    [[0.75, 0.25], [0.0, 0.0], [0.0, 1.0], [0.0, 0.0]]
    >>> account_profiles(np.array([0, 0, 1, 2]), post_topics, 4,
    ...                  weights=np.array([3.0, 1.0, 1.0, 1.0]))[0].tolist()
    [0.875, 0.125]

    Notes
    -----
    One sparse (accounts x posts) by dense (posts x topics) product: O(n_posts n_topics).
    """
    check_scalar(n_accounts, "n_accounts", numbers.Integral, min_val=0)
    author = np.asarray(author)
    topics = np.asarray(post_topics, dtype=np.float64)
    if author.ndim != 1 or not (np.issubdtype(author.dtype, np.integer) or author.size == 0):
        raise ParameterError(f"author must be a 1-D integer array, got {author.dtype} {author.shape}")
    if topics.ndim != 2 or topics.shape[0] != author.size:
        raise ParameterError(
            f"post_topics must have shape ({author.size}, n_topics), got {topics.shape}"
        )
    if not np.isfinite(topics).all() or (topics < 0).any():
        raise ParameterError("post_topics must be finite and non-negative")
    if author.size and author.max() >= n_accounts:
        raise ParameterError(f"author holds {author.max()}, not < n_accounts={n_accounts}")
    if weights is None:
        w = np.ones(author.size)
    else:
        w = np.asarray(weights, dtype=np.float64)
        if w.shape != author.shape:
            raise ParameterError(f"weights must have shape {author.shape}, got {w.shape}")
        if not np.isfinite(w).all() or (w < 0).any():
            raise ParameterError("weights must be finite and non-negative")
    keep = (author >= 0) & (w > 0) & (topics.sum(axis=1) > 0)
    rows = np.flatnonzero(keep)
    indicator = sp.csr_matrix(
        (w[rows], (author[rows].astype(np.int64), rows)), shape=(int(n_accounts), author.size)
    )
    total = np.bincount(author[rows].astype(np.int64), weights=w[rows], minlength=int(n_accounts))
    sums = indicator @ topics
    return np.divide(sums, total[:, None], out=np.zeros_like(sums), where=total[:, None] > 0)
