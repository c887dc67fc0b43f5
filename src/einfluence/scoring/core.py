"""k-core number of the reaction graph: how deep in the network's dense centre an account sits.

Kitsak et al. [1]_ found that the best single spreaders of an epidemic are not the most
connected accounts but those in the innermost k-shells; the core number is computed with the
O(m) algorithm of Batagelj and Zaversnik [2]_.

References
----------
.. [1] M. Kitsak, L. K. Gallos, S. Havlin, F. Liljeros, L. Muchnik, H. E. Stanley and
   H. A. Makse, "Identification of influential spreaders in complex networks", Nature
   Physics 6, 888-893, 2010. https://doi.org/10.1038/nphys1746
.. [2] V. Batagelj and M. Zaversnik, "An O(m) algorithm for cores decomposition of
   networks", arXiv:cs/0310049, 2003. https://doi.org/10.48550/arXiv.cs/0310049
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from einfluence.base.kinds import REACTION_KINDS
from einfluence.graph.selection import check_view, distinct_pairs
from einfluence.graph.view import GraphView
from einfluence.scoring import _kernels

__all__ = ["core_number"]


def core_number(
    view: GraphView,
    kinds: str | Iterable[str] = REACTION_KINDS,
    *,
    edge_weight: np.ndarray | None = None,
) -> np.ndarray:
    """Core number of each account in the undirected simple graph of reactions.

    The k-core is the largest subgraph in which every account has at least k neighbours;
    the core number of an account is the largest k of a k-core holding it. Directions,
    multiplicities and weights are ignored: ``u`` and ``v`` are neighbours when either
    reacted to the other at least once.

    Parameters
    ----------
    view : GraphView
    kinds : str or iterable of str
        Interaction kinds that make the graph.
    edge_weight : numpy.ndarray, optional
        Aligned with ``view.indices``; interactions of weight 0 are left out, any positive
        weight keeps them.

    Returns
    -------
    numpy.ndarray of float64, shape (view.n_nodes,)
        Integral values (float for uniformity with the other measures).

    Raises
    ------
    GraphTypeError
        If ``view`` is not a GraphView.
    ParameterError
        On an unknown kind or a badly shaped or negative ``edge_weight``.

    Examples
    --------
    >>> from einfluence.base import InteractionArrays
    >>> view = GraphView.from_arrays(InteractionArrays(  # a triangle 0-1-2 and a tail 2-3
    ...     src=np.array([0, 1, 2, 3, 3]), dst=np.array([1, 2, 0, 2, 2]), time=np.arange(5),
    ...     weight=np.ones(5), kind=np.zeros(5, np.int8), post=np.full(5, -1), n_accounts=5))
    >>> core_number(view).tolist()
    [2.0, 2.0, 2.0, 1.0, 0.0]

    Notes
    -----
    Self-interactions are dropped. O(n + m): one pass to deduplicate the arcs, one to build
    the undirected adjacency, and the bucket-based peeling of Batagelj and Zaversnik [1]_.
    Agrees exactly with :func:`networkx.core_number`.

    References
    ----------
    .. [1] V. Batagelj and M. Zaversnik, "An O(m) algorithm for cores decomposition of
       networks", arXiv:cs/0310049, 2003. https://doi.org/10.48550/arXiv.cs/0310049
    """
    view = check_view(view)
    src, dst, _, _ = distinct_pairs(view, kinds, edge_weight)
    indptr, indices = _kernels.simple_undirected(view.n_nodes, src, dst)
    return _kernels.core_numbers(indptr, indices).astype(np.float64)
