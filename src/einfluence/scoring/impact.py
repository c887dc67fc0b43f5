"""Network impact: how influential the accounts that react to an account are.

Klout's "network impact" [1]_ rewards reactions from influential accounts: a relay by a
well-followed journalist is worth more than one by a dormant account. Here it is the mean
(or sum) of any base score over an account's distinct reactors.

References
----------
.. [1] A. Rao, N. Spasojevic, Z. Li and T. Dsouza, "Klout score: measuring influence across
   multiple social networks", Proc. IEEE BigData 2015, pp. 2282-2289.
   https://doi.org/10.1109/BigData.2015.7364017
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from einfluence.base.kinds import REACTION_KINDS
from einfluence.exceptions import ParameterError
from einfluence.graph.selection import check_view, distinct_pairs
from einfluence.graph.view import GraphView

__all__ = ["network_impact"]


def network_impact(
    view: GraphView,
    base: np.ndarray,
    kinds: str | Iterable[str] = REACTION_KINDS,
    edge_weight: np.ndarray | None = None,
    how: str = "mean",
) -> np.ndarray:
    """Mean (or sum) of a base score over each account's distinct reactors.

    Parameters
    ----------
    view : GraphView
    base : numpy.ndarray, shape (view.n_nodes,)
        Score of each account (for example its reach or PageRank).
    kinds : str or iterable of str
        Interaction kinds that count as reactions.
    edge_weight : numpy.ndarray, optional
        Weight of each interaction, aligned with ``view.indices``; None counts each as 1.
        A reactor weighs the largest weight among its reactions to the account (as in
        :func:`~einfluence.scoring.reach.distinct_reactors`): ``"mean"`` is then the weighted
        mean ``sum(w_v base_v) / sum(w_v)`` and ``"sum"`` the sum ``sum(w_v base_v)``.
    how : {"mean", "sum"}

    Returns
    -------
    numpy.ndarray of float64, shape (view.n_nodes,)
        0 for accounts without reactors.

    Raises
    ------
    GraphTypeError
        If ``view`` is not a GraphView.
    ParameterError
        On a bad ``how``, a badly shaped or non-finite ``base`` or ``edge_weight``.

    Examples
    --------
    >>> from einfluence.base import InteractionArrays
    >>> view = GraphView.from_arrays(InteractionArrays(
    ...     src=np.array([1, 1, 2]), dst=np.array([0, 0, 0]), time=np.arange(3),
    ...     weight=np.ones(3), kind=np.zeros(3, np.int8), post=np.full(3, -1), n_accounts=3))
    >>> network_impact(view, np.array([0.0, 10.0, 2.0])).tolist()
    [6.0, 0.0, 0.0]
    >>> network_impact(view, np.array([0.0, 10.0, 2.0]), how="sum").tolist()
    [12.0, 0.0, 0.0]

    Notes
    -----
    Self-interactions are excluded. One O(n + m) pass of a compiled kernel.

    References
    ----------
    .. [1] A. Rao, N. Spasojevic, Z. Li and T. Dsouza, "Klout score: measuring influence
       across multiple social networks", Proc. IEEE BigData 2015.
       https://doi.org/10.1109/BigData.2015.7364017
    """
    view = check_view(view)
    if how not in ("mean", "sum"):
        raise ParameterError(f"how must be 'mean' or 'sum', got {how!r}")
    base = np.asarray(base, dtype=np.float64)
    if base.shape != (view.n_nodes,):
        raise ParameterError(f"base must have shape ({view.n_nodes},), got {base.shape}")
    if not np.isfinite(base).all():
        raise ParameterError("base must be finite")
    src, dst, best, _ = distinct_pairs(view, kinds, edge_weight)
    n = view.n_nodes
    total = np.bincount(dst, weights=best * base[src], minlength=n).astype(np.float64)
    if how == "sum":
        return total
    norm = np.bincount(dst, weights=best, minlength=n)
    out = np.zeros(n)
    np.divide(total, norm, out=out, where=norm > 0)
    return out
