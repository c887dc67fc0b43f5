"""Baseline seed heuristics: degree, degree discount, PageRank and any score.

Fast and guarantee-free: what the IMM seeds are compared with, and what a planner falls back
on when the diffusion probabilities are unknown. Every function returns account ids in
selection order, ties broken by the smallest id.

References
----------
.. [1] W. Chen, Y. Wang and S. Yang, "Efficient influence maximization in social networks",
   Proc. KDD 2009, pp. 199-208. https://doi.org/10.1145/1557019.1557047
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from einfluence.base.kinds import INTERACTION_KINDS
from einfluence.exceptions import ParameterError
from einfluence.graph.diffusion import DiffusionGraph
from einfluence.graph.view import GraphView
from einfluence.targeting._common import check_graph, check_k, check_nodes

__all__ = ["degree_discount_seeds", "degree_seeds", "pagerank_seeds", "score_seeds"]


def _top(score: np.ndarray, k: int, excluded: np.ndarray) -> np.ndarray:
    order = np.argsort(-score, kind="stable")
    if excluded.size:
        order = order[~np.isin(order, excluded)]
    return order[:k].astype(np.int64)


def score_seeds(
    score: np.ndarray | Iterable[float],
    k: int,
    *,
    exclude: Iterable[int] | np.ndarray | None = None,
) -> np.ndarray:
    """The ``k`` accounts of highest score (the einfluence score, a reach, a centrality...).

    Parameters
    ----------
    score : array-like of float, shape (n_nodes,)
        Finite scores (NaN is refused).
    k : int
        Number of seeds, at most the number of accounts not excluded.
    exclude : iterable of int, optional
        Accounts never chosen.

    Returns
    -------
    numpy.ndarray of int64, shape (k,)
        By decreasing score; ties broken by the smallest id.

    Raises
    ------
    ParameterError
        On a non-finite score or ``k`` out of range.

    Examples
    --------
    >>> score_seeds([0.1, 3.0, 2.0, 3.0], 3).tolist()
    [1, 3, 2]
    >>> score_seeds([0.1, 3.0, 2.0, 3.0], 2, exclude=[1]).tolist()
    [3, 2]
    """
    s = np.asarray(score, dtype=np.float64).ravel()
    if not np.isfinite(s).all():
        raise ParameterError("scores must be finite")
    excluded = check_nodes(exclude, s.size, "exclude")
    k = check_k(k, s.size - excluded.size)
    return _top(s, k, excluded)


def degree_seeds(
    g: DiffusionGraph,
    k: int,
    *,
    weighted: bool = False,
    exclude: Iterable[int] | np.ndarray | None = None,
) -> np.ndarray:
    """The ``k`` accounts that can activate the most others (largest out-degree).

    Parameters
    ----------
    g : DiffusionGraph
    k : int
    weighted : bool
        Rank by the sum of out-arc probabilities (expected direct activations) instead.
    exclude : iterable of int, optional

    Returns
    -------
    numpy.ndarray of int64, shape (k,)

    Examples
    --------
    >>> g = DiffusionGraph.from_arcs([0, 0, 1, 1, 1], [1, 2, 0, 2, 3], [0.9, 0.9, 0.1, 0.1, 0.1])
    >>> degree_seeds(g, 1).tolist(), degree_seeds(g, 1, weighted=True).tolist()
    ([1], [0])
    """
    g = check_graph(g)
    excluded = check_nodes(exclude, g.n_nodes, "exclude")
    k = check_k(k, g.n_nodes - excluded.size)
    if weighted:
        score = np.bincount(g.sources(), weights=g.prob, minlength=g.n_nodes)
    else:
        score = g.out_degree().astype(np.float64)
    return _top(score, k, excluded)


def degree_discount_seeds(
    g: DiffusionGraph,
    k: int,
    *,
    p: float | None = None,
    exclude: Iterable[int] | np.ndarray | None = None,
) -> np.ndarray:
    """Degree discount for the independent cascade (Chen, Wang & Yang 2009).

    Each chosen seed discounts its neighbours: an account ``v`` with out-degree ``d``, ``t_in``
    seeds that can activate it and ``t_out`` seeds among the accounts it can activate scores
    ``d - t_out - t_in - (d - t_out) t_in p``, which is ``d - 2t - (d - t) t p`` of the paper
    on an undirected graph (where ``t_in = t_out = t``). It is ``1/p`` times the first-order
    expansion of the marginal spread ``(1 - p)^t_in (1 + (d - t_out) p)`` [1]_.

    Parameters
    ----------
    g : DiffusionGraph
    k : int
    p : float, optional
        The uniform propagation probability; the mean arc probability of ``g`` by default.
    exclude : iterable of int, optional

    Returns
    -------
    numpy.ndarray of int64, shape (k,)

    Examples
    --------
    >>> # two hubs sharing all their followers, and a smaller hub of its own
    >>> src = [0, 0, 0, 1, 1, 1, 0, 1, 2, 2]
    >>> dst = [3, 4, 5, 3, 4, 5, 1, 0, 6, 7]
    >>> g = DiffusionGraph.from_arcs(src, dst, 0.5)
    >>> degree_seeds(g, 2).tolist(), degree_discount_seeds(g, 2).tolist()
    ([0, 1], [0, 2])

    Notes
    -----
    ``O(k n + m)``: one argmax per seed and vectorised updates of its neighbours.

    References
    ----------
    .. [1] W. Chen, Y. Wang and S. Yang, "Efficient influence maximization in social
       networks", Proc. KDD 2009, pp. 199-208. https://doi.org/10.1145/1557019.1557047
    """
    g = check_graph(g)
    excluded = check_nodes(exclude, g.n_nodes, "exclude")
    k = check_k(k, g.n_nodes - excluded.size)
    if p is None:
        p = float(g.prob.mean()) if g.n_arcs else 0.0
    elif not 0.0 <= float(p) <= 1.0:
        raise ParameterError(f"p must lie in [0, 1], got {p}")
    p = float(p)
    rev = g.reverse()
    d = g.out_degree().astype(np.float64)
    t_in = np.zeros(g.n_nodes)
    t_out = np.zeros(g.n_nodes)
    dd = d.copy()
    dd[excluded] = -np.inf
    seeds = np.empty(k, np.int64)
    for i in range(k):  # one pass per seed; the neighbour updates are vectorised
        u = int(np.argmax(dd))
        seeds[i] = u
        dd[u] = -np.inf
        out = g.indices[g.indptr[u] : g.indptr[u + 1]]
        inn = rev.indices[rev.indptr[u] : rev.indptr[u + 1]]
        t_in[out] += 1.0
        t_out[inn] += 1.0
        touched = np.union1d(out, inn)
        touched = touched[np.isfinite(dd[touched])]
        dd[touched] = (
            d[touched] - t_out[touched] - t_in[touched]
            - (d[touched] - t_out[touched]) * t_in[touched] * p
        )
    return seeds


def pagerank_seeds(
    g: DiffusionGraph,
    k: int,
    *,
    alpha: float = 0.85,
    weighted: bool = True,
    exclude: Iterable[int] | np.ndarray | None = None,
) -> np.ndarray:
    """The ``k`` accounts of highest PageRank on the reverse influence direction.

    The walk goes from an account to those who can activate it (a reaction points at the
    account reacted to), so rank gathers on accounts able to influence influential ones: the
    PageRank of :func:`einfluence.scoring.pagerank` on the reactions implied by ``g``.

    Parameters
    ----------
    g : DiffusionGraph
    k : int
    alpha : float
        Damping factor, in [0, 1).
    weighted : bool
        Weigh each step by the arc probability (else every arc counts 1).
    exclude : iterable of int, optional

    Returns
    -------
    numpy.ndarray of int64, shape (k,)

    Examples
    --------
    >>> g = DiffusionGraph.from_arcs([0, 0, 0, 1], [1, 2, 3, 4], 0.5)
    >>> pagerank_seeds(g, 2).tolist()
    [0, 1]

    References
    ----------
    .. [1] L. Page, S. Brin, R. Motwani and T. Winograd, "The PageRank citation ranking:
       bringing order to the Web", Stanford InfoLab technical report 1999-66, 1999.
       http://ilpubs.stanford.edu:8090/422/
    """
    g = check_graph(g)
    excluded = check_nodes(exclude, g.n_nodes, "exclude")
    k = check_k(k, g.n_nodes - excluded.size)
    rev = g.reverse()  # row v: who can activate v = the accounts v reacts to
    m = rev.n_arcs
    view = GraphView(
        n_nodes=g.n_nodes,
        indptr=rev.indptr,
        indices=rev.indices.astype(np.int64),
        weight=rev.prob,
        time=np.zeros(m, np.int64),
        kind=np.full(m, INTERACTION_KINDS.index("relay"), np.int8),
        post=np.full(m, -1, np.int64),
    )
    # imported here: the scoring package (and SciPy) are not needed to choose seeds otherwise
    from einfluence.scoring.pagerank import pagerank

    score = pagerank(view, alpha=alpha, kinds=("relay",), edge_weight=rev.prob if weighted else None)
    return _top(score, k, excluded)
