"""The undirected view of the interaction graph: who is tied to whom, whatever the direction.

Communities and brokerage are about ties, not about who acted first: the directed multigraph
of interactions is symmetrised and its parallel edges merged into one weighted edge per pair.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from einfluence.exceptions import ParameterError
from einfluence.graph.selection import edge_mask, edge_weights
from einfluence.graph.view import GraphView

__all__ = ["UndirectedEdges", "undirected_edges"]


@dataclass(frozen=True)
class UndirectedEdges:
    """The undirected simple weighted graph as parallel arrays (``a < b``, one row per pair)."""

    n_nodes: int
    a: np.ndarray
    b: np.ndarray
    weight: np.ndarray

    def degree(self) -> np.ndarray:
        """Weighted degree of every node (float64, length ``n_nodes``)."""
        deg = np.bincount(self.a, weights=self.weight, minlength=self.n_nodes)
        deg += np.bincount(self.b, weights=self.weight, minlength=self.n_nodes)
        return deg


def undirected_edges(
    view: GraphView,
    kinds: tuple[str, ...],
    weighted: bool,
    edge_weight: np.ndarray | None = None,
) -> UndirectedEdges:
    """The undirected simple weighted graph of the edges of ``view`` of the given kinds.

    Every interaction ``u -> v`` links ``u`` and ``v`` whatever its direction; the interactions
    between two accounts are merged into one edge whose weight is their total weight
    (``weighted``), their total ``edge_weight``, or their number. Self-interactions are dropped.
    Symmetrising and merging are done in NumPy in O(m log m).
    """
    n = view.n_nodes
    mask = edge_mask(view, kinds)
    w = None
    if edge_weight is not None:
        w = edge_weights(view, edge_weight)
    elif weighted:
        w = view.weight
        if not np.isfinite(w).all() or (w < 0).any():
            raise ParameterError("edge weights must be finite and non-negative")
    if w is not None:
        mask &= w > 0
    src = view.sources()[mask]
    dst = view.indices[mask]
    lo = np.minimum(src, dst)
    np.maximum(src, dst, out=dst)
    del src
    key = lo * np.int64(n) + dst
    del lo, dst
    if w is None:
        pairs, total = np.unique(key, return_counts=True)
        total = total.astype(np.float64)
    else:
        order = np.argsort(key, kind="stable")
        key = key[order]
        boundary = np.ones(key.size, dtype=bool)
        np.not_equal(key[1:], key[:-1], out=boundary[1:])
        start = np.flatnonzero(boundary)
        pairs = key[start]
        total = np.add.reduceat(w[mask][order], start) if start.size else np.zeros(0)
    del key
    a = pairs // n if n else pairs
    b = pairs - a * n
    return UndirectedEdges(n, a, b, total)
