"""Shared pieces of the influence measures: kind groups, edge masks and weight checks.

Conventions of every measure in :mod:`einfluence.scoring`:

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

from einfluence.exceptions import GraphTypeError, ParameterError
from einfluence.graph.view import GraphView
from einfluence.io.records import INTERACTION_KINDS, POST_KINDS
from einfluence.scoring import _kernels

__all__ = ["AUDIENCE_KINDS", "ORIGINAL_POST_KINDS", "REACTION_KINDS", "edge_mask"]

#: Interaction kinds that are acts of attention of ``src`` towards ``dst``.
REACTION_KINDS: tuple[str, ...] = ("relay", "reply", "mention", "quote", "like", "hyperlink")
#: Interaction kinds that declare ``src`` part of the audience of ``dst``.
AUDIENCE_KINDS: tuple[str, ...] = ("follow", "subscription")
#: Post kinds that carry content of their own (the denominator of per-post rates).
ORIGINAL_POST_KINDS: tuple[str, ...] = ("original", "quote", "reply", "blog_post")


def _kinds(kinds: str | Iterable[str]) -> tuple[str, ...]:
    kinds = (kinds,) if isinstance(kinds, str) else tuple(kinds)
    unknown = [k for k in kinds if k not in INTERACTION_KINDS]
    if unknown:
        raise ParameterError(
            f"unknown interaction kind(s) {unknown}; expected some of {list(INTERACTION_KINDS)}"
        )
    return kinds


def _check_view(view: object) -> GraphView:
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
    >>> from einfluence.store.queries import InteractionArrays
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
    view = _check_view(view)
    codes = np.array([INTERACTION_KINDS.index(k) for k in _kinds(kinds)], dtype=np.int8)
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


def _edge_weight(view: GraphView, edge_weight: np.ndarray | None) -> np.ndarray:
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


def _post_kind_mask(kind: np.ndarray, kinds: Iterable[str]) -> np.ndarray:
    codes = [POST_KINDS.index(k) for k in kinds]
    return np.isin(kind, codes)


def _selected(
    view: GraphView, kinds: str | Iterable[str], edge_weight: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(src, dst, w)`` of the kept edges: given kinds, no self-loops, positive weight."""
    w = _edge_weight(view, edge_weight)
    mask = edge_mask(view, kinds)
    if edge_weight is not None:
        mask &= w > 0
    return view.sources()[mask], view.indices[mask], w[mask]


def _distinct_pairs(
    view: GraphView, kinds: str | Iterable[str], edge_weight: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Distinct ``(src, dst)`` pairs of the kept edges with their max and total weight."""
    w = _edge_weight(view, edge_weight)
    mask = edge_mask(view, kinds)
    if edge_weight is not None:
        mask &= w > 0
    return _kernels.distinct_pairs(view.indptr, view.indices, w, mask)
