"""Arc probabilities given or derived from the graph: constant, weighted cascade, trivalency, LT.

The classical assignments of the influence-maximisation literature: a constant probability
and the weighted cascade of Kempe, Kleinberg and Tardos [1]_, the trivalency model of Chen,
Wang and Wang [2]_, and linear-threshold weights that sum to at most one per node [1]_.
Each function returns a new :class:`~einfluence.diffusion.DiffusionGraph` with the same arcs.

References
----------
.. [1] D. Kempe, J. Kleinberg and É. Tardos, "Maximizing the spread of influence through a
   social network", Proc. KDD 2003, pp. 137-146. https://doi.org/10.1145/956750.956769
.. [2] W. Chen, C. Wang and Y. Wang, "Scalable influence maximization for prevalent viral
   marketing in large-scale social networks", Proc. KDD 2010, pp. 1029-1038.
   https://doi.org/10.1145/1835804.1835934
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence

import numpy as np

from einfluence.base.random import check_random_state
from einfluence.base.validation import check_scalar
from einfluence.exceptions import GraphTypeError, ParameterError
from einfluence.graph.diffusion import DiffusionGraph

__all__ = ["check_lt_weights", "constant", "lt_weights", "trivalency", "weighted_cascade"]

#: tolerance on the incoming weight sums of the linear threshold model
LT_TOLERANCE = 1e-9


def _check_graph(g: DiffusionGraph) -> DiffusionGraph:
    if not isinstance(g, DiffusionGraph):
        raise GraphTypeError(f"expected a DiffusionGraph, got {type(g).__name__}")
    return g


def constant(g: DiffusionGraph, p: float) -> DiffusionGraph:
    """Every arc gets the same probability ``p`` (the uniform IC model of Kempe et al. [1]_).

    Parameters
    ----------
    g : DiffusionGraph
    p : float
        In [0, 1]; 0.01 and 0.1 are the customary values.

    Returns
    -------
    DiffusionGraph

    Raises
    ------
    GraphTypeError
        If ``g`` is not a DiffusionGraph.
    ParameterError
        If ``p`` is outside [0, 1].

    Examples
    --------
    >>> g = DiffusionGraph.from_arcs([0, 0, 1], [1, 2, 2], 1.0)
    >>> constant(g, 0.1).prob.tolist()
    [0.1, 0.1, 0.1]

    References
    ----------
    .. [1] D. Kempe, J. Kleinberg and É. Tardos, "Maximizing the spread of influence through
       a social network", Proc. KDD 2003. https://doi.org/10.1145/956750.956769
    """
    _check_graph(g)
    check_scalar(p, "p", numbers.Real, min_val=0.0, max_val=1.0)
    return g.with_prob(float(p))


def weighted_cascade(g: DiffusionGraph) -> DiffusionGraph:
    """Weighted cascade: ``p(u, v) = 1 / in-degree(v)`` (Kempe et al. [1]_).

    An account with many influencers is less likely to be swayed by any one of them; the
    expected number of successful attempts on a node whose in-neighbours are all active is 1.

    Parameters
    ----------
    g : DiffusionGraph

    Returns
    -------
    DiffusionGraph

    Raises
    ------
    GraphTypeError
        If ``g`` is not a DiffusionGraph.

    Examples
    --------
    >>> g = DiffusionGraph.from_arcs([0, 0, 1], [1, 2, 2], 1.0)
    >>> weighted_cascade(g).prob.tolist()
    [1.0, 0.5, 0.5]

    Notes
    -----
    In-degrees count distinct in-neighbours (arcs of a DiffusionGraph are unique). O(n + m).

    References
    ----------
    .. [1] D. Kempe, J. Kleinberg and É. Tardos, "Maximizing the spread of influence through
       a social network", Proc. KDD 2003. https://doi.org/10.1145/956750.956769
    """
    _check_graph(g)
    indeg = g.in_degree()
    return g.with_prob(1.0 / indeg[g.indices] if g.n_arcs else np.zeros(0))


def trivalency(
    g: DiffusionGraph,
    values: Sequence[float] = (0.1, 0.01, 0.001),
    *,
    random_state: int | np.random.Generator | None = None,
) -> DiffusionGraph:
    """Trivalency: each arc draws its probability uniformly from ``values`` (Chen et al. [1]_).

    Parameters
    ----------
    g : DiffusionGraph
    values : sequence of float
        The candidate probabilities, each in [0, 1]; high, medium and low influence by
        default, as in [1]_.
    random_state : None, int or numpy.random.Generator
        Seed of the draw (see :func:`einfluence._utils.check_random_state`).

    Returns
    -------
    DiffusionGraph

    Raises
    ------
    GraphTypeError
        If ``g`` is not a DiffusionGraph.
    ParameterError
        If ``values`` is empty or holds a value outside [0, 1].

    Examples
    --------
    >>> g = DiffusionGraph.from_arcs([0, 0, 1, 2], [1, 2, 2, 0], 1.0)
    >>> p = trivalency(g, random_state=0).prob
    >>> set(p.tolist()) <= {0.1, 0.01, 0.001}
    True

    References
    ----------
    .. [1] W. Chen, C. Wang and Y. Wang, "Scalable influence maximization for prevalent viral
       marketing in large-scale social networks", Proc. KDD 2010, pp. 1029-1038.
       https://doi.org/10.1145/1835804.1835934
    """
    _check_graph(g)
    vals = np.asarray(values, dtype=np.float64).ravel()
    if vals.size == 0:
        raise ParameterError("values must hold at least one probability")
    if not np.isfinite(vals).all() or vals.min() < 0 or vals.max() > 1:
        raise ParameterError("values must lie in [0, 1]")
    rng = check_random_state(random_state)
    return g.with_prob(vals[rng.integers(0, vals.size, g.n_arcs)])


def lt_weights(g: DiffusionGraph, weight: np.ndarray | None = None) -> DiffusionGraph:
    """Linear-threshold weights: each node's incoming weights normalised to sum to one.

    With ``weight=None`` every in-neighbour of ``v`` weighs ``1 / in-degree(v)``, the usual
    choice of the linear threshold model of Kempe et al. [1]_; otherwise arc ``u -> v``
    weighs ``weight[e] / sum of the weights into v`` (for example the number of times
    ``v`` relayed ``u``).

    Parameters
    ----------
    g : DiffusionGraph
    weight : numpy.ndarray, optional
        Non-negative raw weight of each arc, aligned with ``g.indices``.

    Returns
    -------
    DiffusionGraph
        Incoming weights sum to 1 for nodes with an in-arc of positive weight, 0 otherwise.

    Raises
    ------
    GraphTypeError
        If ``g`` is not a DiffusionGraph.
    ParameterError
        If ``weight`` is badly shaped, negative or not finite.

    Examples
    --------
    >>> g = DiffusionGraph.from_arcs([0, 0, 1], [1, 2, 2], 1.0)
    >>> lt_weights(g).prob.tolist()
    [1.0, 0.5, 0.5]
    >>> lt_weights(g, weight=np.array([2.0, 3.0, 1.0])).prob.tolist()
    [1.0, 0.75, 0.25]

    References
    ----------
    .. [1] D. Kempe, J. Kleinberg and É. Tardos, "Maximizing the spread of influence through
       a social network", Proc. KDD 2003. https://doi.org/10.1145/956750.956769
    """
    _check_graph(g)
    if weight is None:
        w = np.ones(g.n_arcs)
    else:
        w = np.asarray(weight, dtype=np.float64)
        if w.shape != (g.n_arcs,):
            raise ParameterError(f"weight must have shape ({g.n_arcs},), got {w.shape}")
        if not np.isfinite(w).all() or (w < 0).any():
            raise ParameterError("weight must be finite and non-negative")
    total = np.bincount(g.indices, weights=w, minlength=g.n_nodes)
    denom = total[g.indices]
    out = np.divide(w, denom, out=np.zeros_like(w), where=denom > 0)
    return g.with_prob(np.minimum(out, 1.0))


def check_lt_weights(g: DiffusionGraph, *, tol: float = LT_TOLERANCE) -> DiffusionGraph:
    """Check that the incoming weights of every node sum to at most one (LT model).

    Parameters
    ----------
    g : DiffusionGraph
    tol : float
        Allowed excess over 1 (rounding).

    Returns
    -------
    DiffusionGraph
        ``g`` unchanged.

    Raises
    ------
    GraphTypeError
        If ``g`` is not a DiffusionGraph.
    ParameterError
        If some node's incoming weights sum to more than ``1 + tol``; the message names the
        worst node and its sum.

    Examples
    --------
    >>> g = DiffusionGraph.from_arcs([0, 1], [2, 2], [0.7, 0.6])
    >>> check_lt_weights(g)
    Traceback (most recent call last):
    ...
    einfluence.exceptions.ParameterError: linear threshold weights into a node must sum to at most 1; node 2 receives 1.3 (use lt_weights() to normalise)
    """
    _check_graph(g)
    total = np.bincount(g.indices, weights=g.prob, minlength=g.n_nodes)
    if total.size and total.max() > 1.0 + tol:
        worst = int(np.argmax(total))
        raise ParameterError(
            "linear threshold weights into a node must sum to at most 1; "
            f"node {worst} receives {total[worst]:.6g} (use lt_weights() to normalise)"
        )
    return g
