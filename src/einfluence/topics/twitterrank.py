"""TwitterRank: topic-specific random walks along follow links, biased to topical similarity.

Weng et al. [1]_ rank the accounts of each topic by a PageRank-like walk in which a follower
moves to a followee in proportion to the followee's posts and to how similar their interests
in the topic are (:func:`twitterrank`); a query mixes the topics (:func:`aggregate_twitterrank`).
Interest profiles (``account_topics``, one row per account) are inputs.

References
----------
.. [1] J. Weng, E.-P. Lim, J. Jiang and Q. He, "TwitterRank: finding topic-sensitive
   influential twitterers", Proc. WSDM 2010, pp. 261-270.
   https://doi.org/10.1145/1718487.1718520
"""

from __future__ import annotations

import numbers
import warnings
from collections.abc import Iterable

import numpy as np
import scipy.sparse as sp

from einfluence.base.kinds import REACTION_KINDS
from einfluence.base.unique import unique_ints
from einfluence.base.validation import check_scalar
from einfluence.exceptions import ParameterError
from einfluence.graph.selection import edge_mask
from einfluence.graph.view import GraphView
from einfluence.topics._common import check_view, check_weights_matrix, row_normalised

__all__ = ["aggregate_twitterrank", "twitterrank"]


def twitterrank(
    view: GraphView,
    account_topics: np.ndarray,
    *,
    kinds: str | Iterable[str] | None = None,
    n_posts: np.ndarray | None = None,
    damping: float = 0.85,
    tol: float = 1e-10,
    max_iter: int = 100,
) -> np.ndarray:
    """TwitterRank: a random walk per topic along follow links, biased to topical similarity.

    Weng et al. [1]_: on topic ``t`` a follower ``s`` moves to one of its followees ``i`` with
    probability

    ``P_t(s, i) = |T_i| / sum_{j in followees(s)} |T_j| * sim_t(i, s)``,
    ``sim_t(i, s) = 1 - |DT'_it - DT'_st|``,

    where ``|T_i|`` is the number of posts of ``i`` and ``DT'`` the row-normalised interest
    profiles; with probability ``1 - damping`` it teleports by ``E_t``, the column-normalised
    ``DT'_.t``: ``TR_t = damping P_t^T TR_t + (1 - damping) E_t``.

    Parameters
    ----------
    view : GraphView
        Edges ``s -> i`` read "``s`` follows ``i``" (or reacts to it).
    account_topics : numpy.ndarray, shape (view.n_nodes, K)
        Non-negative interest profile of each account (row-normalised here; a zero row is an
        account without known interests).
    kinds : str or iterable of str, optional
        Interaction kinds that make the walk's links; by default ``"follow"`` when the view has
        follows, else every reaction kind (relay, reply, mention...). Parallel interactions
        make one link, and self-loops are dropped.
    n_posts : numpy.ndarray, shape (view.n_nodes,), optional
        ``|T_i|``, the posts each account published (non-negative); all ones by default (then a
        follower splits its walk evenly among its followees before the similarity factor).
    damping : float
        ``gamma``, the probability of following a link, in [0, 1).
    tol : float
        Convergence when the L1 change of a topic's vector is below ``n_nodes * tol``.
    max_iter : int
        Maximum number of power iterations per topic.

    Returns
    -------
    numpy.ndarray of float64, shape (view.n_nodes, K)
        Column ``t`` is ``TR_t``: non-negative, sums to 1.

    Raises
    ------
    GraphTypeError
        If ``view`` is not a GraphView.
    ParameterError
        Badly shaped, negative or non-finite profiles or post counts; parameters out of range.

    Warns
    -----
    RuntimeWarning
        When a topic does not converge in ``max_iter`` iterations (its last iterate is kept).

    Examples
    --------
    >>> from einfluence.base import InteractionArrays
    >>> view = GraphView.from_arrays(InteractionArrays(  # 0 and 1 follow 2, 3 follows 4
    ...     src=np.array([0, 1, 3]), dst=np.array([2, 2, 4]), time=np.arange(3),
    ...     weight=np.ones(3), kind=np.full(3, 5, np.int8), post=np.full(3, -1), n_accounts=5))
    >>> interests = np.array([[1, 0], [1, 0], [0.5, 0.5], [0, 1], [0.5, 0.5]])
    >>> tr = twitterrank(view, interests)
    >>> tr.sum(axis=0).round(12).tolist(), bool(tr[2, 0] > tr[4, 0]), bool(tr[4, 1] > tr[2, 1])
    ([1.0, 1.0], True, True)

    Notes
    -----
    ``P_t`` is substochastic: a follower's similarity to its followees is at most 1, and an
    account that follows nobody (dangling) has no link. The probability mass that no link
    carries (the similarity deficit and the dangling accounts' whole mass) is sent to the
    teleportation vector ``E_t``, as networkx does with dangling nodes, so every ``TR_t`` is a
    distribution; with one topic and identical profiles TwitterRank is PageRank with edge
    weights ``|T_i|`` (tested against :func:`networkx.pagerank`). A topic in which no account
    has interest teleports uniformly.

    The links and their topic-free factor ``|T_i| / sum_j |T_j|`` are built once from edge
    arrays; each topic then needs one vector of similarities over the links and a sparse
    power iteration: O(K (m + n) iterations) time, O(m + n K) memory, topics one after the
    other so that memory does not grow with ``K``.

    References
    ----------
    .. [1] J. Weng, E.-P. Lim, J. Jiang and Q. He, "TwitterRank: finding topic-sensitive
       influential twitterers", Proc. WSDM 2010, pp. 261-270.
       https://doi.org/10.1145/1718487.1718520
    """
    view = check_view(view)
    n = view.n_nodes
    profile = np.asarray(
        check_weights_matrix(account_topics, "account_topics", n), dtype=np.float64
    )
    check_scalar(damping, "damping", numbers.Real, min_val=0.0, max_val=1.0, include_max=False)
    check_scalar(tol, "tol", numbers.Real, min_val=0.0, include_min=False)
    check_scalar(max_iter, "max_iter", numbers.Integral, min_val=1)
    if n_posts is None:
        sizes = np.ones(n)
    else:
        sizes = np.asarray(n_posts, dtype=np.float64)
        if sizes.shape != (n,) or not np.isfinite(sizes).all() or (sizes < 0).any():
            raise ParameterError(f"n_posts must be finite, non-negative, of shape ({n},)")
    if kinds is None:
        kinds = ("follow",) if view.kind_mask("follow").any() else REACTION_KINDS
    mask = edge_mask(view, kinds)
    pairs = unique_ints(view.sources()[mask] * np.int64(max(n, 1)) + view.indices[mask])
    src, dst = pairs // max(n, 1), pairs % max(n, 1)
    followed = np.bincount(src, weights=sizes[dst], minlength=n)
    base = np.divide(sizes[dst], followed[src], out=np.zeros(src.size), where=followed[src] > 0)

    dt = row_normalised(profile)
    col = dt.sum(axis=0)
    teleport = np.divide(dt, col, out=np.full_like(dt, 1.0 / max(n, 1)), where=col > 0)
    out = np.zeros((n, dt.shape[1]))
    if n == 0:
        return out
    for t in range(dt.shape[1]):
        data = base * (1.0 - np.abs(dt[dst, t] - dt[src, t]))
        walk = sp.csr_array((data, (dst, src)), shape=(n, n))  # walk[i, s] = P_t(s, i)
        e = teleport[:, t]
        x = np.full(n, 1.0 / n)
        for _ in range(max_iter):
            moved = walk @ x
            x_new = damping * (moved + (x.sum() - moved.sum()) * e) + (1.0 - damping) * e
            delta = np.abs(x_new - x).sum()
            x = x_new
            if delta < n * tol:
                break
        else:
            warnings.warn(
                f"twitterrank did not converge on topic {t} to tol={tol} in {max_iter} "
                "iterations; returning the last iterate",
                RuntimeWarning,
                stacklevel=2,
            )
        out[:, t] = x
    return out


def aggregate_twitterrank(tr: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Overall TwitterRank for a topic mix: ``sum_t r_t TR_t``.

    Weng et al. [1]_ aggregate the topic-specific ranks with the weights ``r_t`` of a query's
    topics (or of each topic's share of all content, for a general ranking).

    Parameters
    ----------
    tr : numpy.ndarray, shape (n_accounts, K)
        Output of :func:`twitterrank`.
    weights : numpy.ndarray, shape (K,) or (n_queries, K)
        Non-negative topic weights of the query (normalised here to sum to 1 per query).

    Returns
    -------
    numpy.ndarray of float64, shape (n_accounts,) or (n_accounts, n_queries)
        Sums to 1 (per query) when the columns of ``tr`` do.

    Raises
    ------
    ParameterError
        Shapes that do not match, negative or non-finite values, a query with zero weights.

    Examples
    --------
    >>> tr = np.array([[0.7, 0.1], [0.3, 0.9]])
    >>> aggregate_twitterrank(tr, np.array([3.0, 1.0])).round(3).tolist()
    [0.55, 0.45]

    References
    ----------
    .. [1] J. Weng, E.-P. Lim, J. Jiang and Q. He, "TwitterRank: finding topic-sensitive
       influential twitterers", Proc. WSDM 2010, pp. 261-270.
       https://doi.org/10.1145/1718487.1718520
    """
    tr = np.asarray(check_weights_matrix(tr, "tr", None), dtype=np.float64)
    r = np.asarray(weights, dtype=np.float64)
    if r.ndim not in (1, 2) or r.shape[-1] != tr.shape[1]:
        raise ParameterError(
            f"weights must have shape ({tr.shape[1]},) or (n_queries, {tr.shape[1]})"
        )
    if not np.isfinite(r).all() or (r < 0).any():
        raise ParameterError("weights must be finite and non-negative")
    total = r.sum(axis=-1, keepdims=True)
    if (total <= 0).any():
        raise ParameterError("every query needs a positive total weight")
    return tr @ (r / total).T
