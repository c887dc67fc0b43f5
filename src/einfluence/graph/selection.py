"""Selecting the edges an analysis counts: kinds, self-interactions, weights, distinct pairs.

Conventions of every analysis of the interaction graph (scores, communities, topics, briefs):

* An edge ``src -> dst`` of a :class:`~einfluence.graph.GraphView` is an act of ``src``
  towards ``dst`` (``src`` relayed, replied to, mentioned... ``dst``): it is attention paid to
  ``dst``, hence evidence of the influence of ``dst``.
* ``edge_weight`` (aligned with ``view.indices``) weighs each interaction; None counts each
  one as 1 (the ``weight`` column of the view is *not* used implicitly). The scorer passes
  time-decay weights here. A zero weight removes the interaction.
* Self-interactions (an account relaying or mentioning itself) are never evidence of
  influence: :func:`edge_mask` drops them.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from einfluence.base.kinds import INTERACTION_KINDS, POST_KINDS, REACTION_KINDS
from einfluence.exceptions import GraphTypeError, ParameterError
from einfluence.graph import _kernels
from einfluence.graph.view import GraphView

__all__ = [
    "check_kinds",
    "check_view",
    "distinct_pairs",
    "edge_mask",
    "edge_weights",
    "post_kind_mask",
    "selected_edges",
]


def check_kinds(kinds: str | Iterable[str] | None) -> tuple[str, ...]:
    """Interaction kinds as a tuple, checked: None means every kind, a string one kind.

    Raises
    ------
    ParameterError
        If a kind is unknown, or none is given.

    Examples
    --------
    >>> check_kinds("relay")
    ('relay',)
    """
    if kinds is None:
        return INTERACTION_KINDS
    kinds = (kinds,) if isinstance(kinds, str) else tuple(kinds)
    unknown = [k for k in kinds if k not in INTERACTION_KINDS]
    if unknown:
        raise ParameterError(
            f"unknown interaction kind(s) {unknown}; expected some of {list(INTERACTION_KINDS)}"
        )
    if not kinds:
        raise ParameterError("kinds must name at least one interaction kind")
    return kinds


def check_view(view: object) -> GraphView:
    """``view`` itself if it is a :class:`GraphView`; a :class:`GraphTypeError` otherwise."""
    if not isinstance(view, GraphView):
        raise GraphTypeError(f"expected a GraphView, got {type(view).__name__}")
    return view


def edge_mask(
    view: GraphView, kinds: str | Iterable[str] = REACTION_KINDS, *, self_loops: bool = False
) -> np.ndarray:
    """Boolean mask of the edges of ``view`` of the given kinds, self-interactions excluded.

    Parameters
    ----------
    view : GraphView
    kinds : str or iterable of str
        Interaction kinds to keep (see :data:`einfluence.io.INTERACTION_KINDS`).
    self_loops : bool
        Keep edges ``u -> u`` (dropped by default).

    Returns
    -------
    numpy.ndarray of bool, shape (view.n_edges,)

    Raises
    ------
    GraphTypeError
        If ``view`` is not a GraphView.
    ParameterError
        If a kind is unknown.

    Examples
    --------
    >>> from einfluence.base import InteractionArrays
    >>> view = GraphView.from_arrays(InteractionArrays(
    ...     src=np.array([0, 1, 1]), dst=np.array([1, 1, 0]), time=np.arange(3),
    ...     weight=np.ones(3), kind=np.array([0, 0, 5], np.int8), post=np.full(3, -1),
    ...     n_accounts=2))
    >>> edge_mask(view, ["relay"]).tolist()  # the self-relay 1 -> 1 is dropped
    [True, False, False]

    Notes
    -----
    O(m).
    """
    view = check_view(view)
    codes = np.array([INTERACTION_KINDS.index(k) for k in check_kinds(kinds)], dtype=np.int8)
    if codes.size == len(INTERACTION_KINDS):
        mask = np.ones(view.n_edges, dtype=bool)
    elif codes.size == 1:
        mask = view.kind == codes[0]
    else:
        lookup = np.zeros(256, dtype=bool)
        lookup[codes.astype(np.int64) + 128] = True
        mask = lookup[view.kind.astype(np.int64) + 128]
    if not self_loops:
        mask &= view.sources() != view.indices
    return mask


def edge_weights(view: GraphView, edge_weight: np.ndarray | None) -> np.ndarray:
    """Validated float64 weights aligned with ``view.indices`` (ones when None)."""
    if edge_weight is None:
        return np.ones(view.n_edges)
    w = np.asarray(edge_weight, dtype=np.float64)
    if w.shape != (view.n_edges,):
        raise ParameterError(
            f"edge_weight must have shape ({view.n_edges},) like view.indices, got {w.shape}"
        )
    if not np.isfinite(w).all() or (w < 0).any():
        raise ParameterError("edge_weight must be finite and non-negative")
    return w


def post_kind_mask(kind: np.ndarray, kinds: Iterable[str]) -> np.ndarray:
    """Boolean mask of the posts whose kind code (``PostArrays.kind``) is one of ``kinds``."""
    codes = [POST_KINDS.index(k) for k in kinds]
    return np.isin(kind, codes)


def _kept(
    view: GraphView, kinds: str | Iterable[str], edge_weight: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray]:
    """The weights and the mask of the kept edges: given kinds, no self-loops, positive weight."""
    w = edge_weights(view, edge_weight)
    mask = edge_mask(view, kinds)
    if edge_weight is not None:
        mask &= w > 0
    return w, mask


def selected_edges(
    view: GraphView, kinds: str | Iterable[str], edge_weight: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(src, dst, w)`` of the kept edges: given kinds, no self-loops, positive weight."""
    w, mask = _kept(view, kinds, edge_weight)
    return view.sources()[mask], view.indices[mask], w[mask]


def distinct_pairs(
    view: GraphView, kinds: str | Iterable[str], edge_weight: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Distinct ``(src, dst)`` pairs of the kept edges with their max and total weight (O(n + m))."""
    w, mask = _kept(view, kinds, edge_weight)
    return _kernels.distinct_pairs(view.indptr, view.indices, w, mask)
