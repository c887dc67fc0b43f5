"""The influence graph of diffusion models: who can activate whom, with which probability or weight."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from einfluence.exceptions import GraphTypeError, ParameterError
from einfluence.graph.csr import DUPLICATE_RULES, csr_from_arcs
from einfluence.graph.view import GraphView

if TYPE_CHECKING:
    import scipy.sparse as sp

__all__ = ["DiffusionGraph"]


def _node_ids(ids: Sequence[int] | np.ndarray) -> np.ndarray:
    """Node ids as a flat int32 or int64 array (no copy when they already are one)."""
    arr = np.asarray(ids).ravel()
    return arr if arr.dtype in (np.int32, np.int64) else arr.astype(np.int64)


@dataclass(frozen=True)
class DiffusionGraph:
    """A directed graph of influence in compressed sparse rows, one probability (or weight) per arc.

    Row ``u`` lists the accounts ``u`` can activate: ``indices[indptr[u]:indptr[u+1]]`` with the
    probabilities ``prob`` of the independent cascade (or the weights of the linear threshold
    model) of Kempe, Kleinberg and Tardos [1]_. Arcs are unique and sorted within each row.
    Node ``i`` is the account with ``account_id == i``.

    Attributes
    ----------
    n_nodes : int
    indptr : numpy.ndarray of int64, shape (n_nodes + 1,)
    indices : numpy.ndarray of int32, shape (n_arcs,)
    prob : numpy.ndarray of float64, shape (n_arcs,)
        In [0, 1].

    Examples
    --------
    >>> g = DiffusionGraph.from_arcs([0, 0, 1], [1, 2, 2], [0.5, 0.1, 1.0], n_nodes=3)
    >>> g.n_arcs, g.out_degree().tolist(), g.in_degree().tolist()
    (3, [2, 1, 0], [0, 1, 2])
    >>> r = g.reverse()  # row v lists who can activate v
    >>> r.indices[r.indptr[2]:r.indptr[3]].tolist(), r.prob[r.indptr[2]:r.indptr[3]].tolist()
    ([0, 1], [0.1, 1.0])

    References
    ----------
    .. [1] D. Kempe, J. Kleinberg and É. Tardos, "Maximizing the spread of influence through a
       social network", Proc. KDD 2003, pp. 137-146. https://doi.org/10.1145/956750.956769
    """

    n_nodes: int
    indptr: np.ndarray
    indices: np.ndarray
    prob: np.ndarray

    @classmethod
    def from_arcs(
        cls,
        src: Sequence[int] | np.ndarray,
        dst: Sequence[int] | np.ndarray,
        prob: Sequence[float] | np.ndarray | float,
        *,
        n_nodes: int | None = None,
        duplicates: str = "combine",
    ) -> DiffusionGraph:
        """Build from arc arrays ``src -> dst`` (influence flows from ``src`` to ``dst``).

        Parameters
        ----------
        src, dst : array-like of int
        prob : array-like of float or float
            Probability (or weight) of each arc, in [0, 1].
        n_nodes : int, optional
            Default ``max(src, dst) + 1``.
        duplicates : {"combine", "max", "sum"}
            How repeated arcs merge: ``combine`` as independent chances, ``1 - Π(1 - p)``;
            ``max``; ``sum`` (clipped to 1; for linear-threshold weights).

        Self-loops are dropped.
        """
        src, dst = _node_ids(src), _node_ids(dst)
        if src.shape != dst.shape:
            raise ParameterError("src and dst must have the same length")
        p = np.asarray(prob, dtype=np.float64)
        if p.ndim == 0:
            p = np.full(src.shape, float(p))
        elif p.shape != src.shape:
            raise ParameterError("prob must be a number or have one value per arc")
        if p.size and (not np.isfinite(p).all() or p.min() < 0 or p.max() > 1):
            raise ParameterError("arc probabilities must lie in [0, 1]")
        n = int(max(src.max(initial=-1), dst.max(initial=-1)) + 1) if n_nodes is None else int(n_nodes)
        if src.size and (min(src.min(), dst.min()) < 0 or max(src.max(), dst.max()) >= n):
            raise GraphTypeError(f"node ids must lie in [0, {n})")
        if n >= 2**31:
            raise GraphTypeError(f"at most 2^31 - 1 nodes, got {n}")
        if duplicates not in DUPLICATE_RULES:
            raise ParameterError(f"duplicates must be 'combine', 'max' or 'sum', got {duplicates!r}")
        return cls(n, *csr_from_arcs(src, dst, p, n, duplicates))

    @classmethod
    def from_view(
        cls,
        view: GraphView,
        *,
        kinds: Sequence[str] | None = None,
        prob: float | str = 1.0,
    ) -> DiffusionGraph:
        """The influence arcs of a graph view: ``u -> v`` when ``v`` followed, relayed, replied to... ``u``.

        Interactions point from the actor to the account acted upon; influence flows the other
        way. Every arc gets ``prob``, a constant (assign real probabilities with the functions
        of :mod:`einfluence.diffusion.probabilities`), or ``"weight"``: the interactions' own
        weights (for example the probabilities of an IMM benchmark file); repeated arcs keep
        the largest.
        """
        if not isinstance(view, GraphView):
            raise GraphTypeError(f"expected a GraphView, got {type(view).__name__}")
        mask = view.kind_mask(*kinds) if kinds is not None else np.ones(view.n_edges, dtype=bool)
        if isinstance(prob, str):
            if prob != "weight":
                raise ParameterError(f"prob must be a number or 'weight', got {prob!r}")
            values: np.ndarray | float = view.weight[mask]
        else:
            values = prob
        return cls.from_arcs(view.indices[mask], view.sources()[mask], values, n_nodes=view.n_nodes, duplicates="max")

    @property
    def n_arcs(self) -> int:
        """Number of arcs."""
        return int(self.indices.size)

    def sources(self) -> np.ndarray:
        """The source of each arc, aligned with :attr:`indices`."""
        return np.repeat(np.arange(self.n_nodes, dtype=np.int64), np.diff(self.indptr))

    def out_degree(self) -> np.ndarray:
        """Number of accounts each account can activate."""
        return np.diff(self.indptr)

    def in_degree(self) -> np.ndarray:
        """Number of accounts that can activate each account."""
        return np.bincount(self.indices, minlength=self.n_nodes)

    def with_prob(self, prob: np.ndarray | float) -> DiffusionGraph:
        """The same arcs with other probabilities (aligned with :attr:`indices`)."""
        p = np.broadcast_to(np.asarray(prob, dtype=np.float64), self.indices.shape).copy()
        if p.size and (not np.all(np.isfinite(p)) or p.min() < 0 or p.max() > 1):
            raise ParameterError("arc probabilities must lie in [0, 1]")
        return DiffusionGraph(self.n_nodes, self.indptr, self.indices, p)

    def reverse(self) -> DiffusionGraph:
        """The transposed graph: row ``v`` lists who can activate ``v`` (for reverse-reachable sets)."""
        matrix = self.to_scipy().T.tocsr()
        matrix.sort_indices()
        return DiffusionGraph(
            self.n_nodes, matrix.indptr.astype(np.int64), matrix.indices.astype(np.int32), matrix.data.astype(np.float64)
        )

    def to_scipy(self) -> sp.csr_array:
        """``A[u, v] = p(u, v)`` as a sparse array."""
        import scipy.sparse as sp

        return sp.csr_array((self.prob, self.indices, self.indptr), shape=(self.n_nodes, self.n_nodes))
