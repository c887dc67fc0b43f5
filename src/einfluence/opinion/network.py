"""Who listens to whom: the row-stochastic influence network of the opinion models.

An interaction ``u -> v`` of a :class:`~einfluence.graph.GraphView` is attention ``u`` paid to
``v`` (``u`` relayed, replied to, mentioned, followed... ``v``): ``u`` listens to ``v``, so
``v``'s opinion weighs on ``u``'s. Row ``u`` of the influence network lists the accounts ``u``
listens to, each with the share of ``u``'s attention it receives (the rows sum to one, or are
empty for accounts that listen to nobody). This is the weight matrix ``W`` of DeGroot [1]_ and
Friedkin-Johnsen [2]_, and the neighbourhood from which the discrete models draw a speaker.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from einfluence.base.kinds import INTERACTION_KINDS
from einfluence.base.unique import unique_ints
from einfluence.exceptions import GraphTypeError, ParameterError
from einfluence.graph.selection import check_view, distinct_pairs

if TYPE_CHECKING:
    import scipy.sparse as sp

    from einfluence.graph.view import GraphView

__all__ = ["InfluenceNetwork"]


@dataclass(frozen=True, eq=False)
class InfluenceNetwork:
    """A row-stochastic network: row ``i`` is whom ``i`` listens to, with weights summing to one.

    Attributes
    ----------
    n_nodes : int
    indptr : numpy.ndarray of int64, shape (n_nodes + 1,)
    indices : numpy.ndarray of int64, shape (n_arcs,)
        No self-loop, no duplicate within a row.
    weight : numpy.ndarray of float64, shape (n_arcs,)
        Positive; each non-empty row sums to one.
    uniform : bool
        Whether every row spreads its weight evenly (then sources are drawn without a search).

    Examples
    --------
    >>> net = InfluenceNetwork.from_arcs([0, 0, 1], [1, 2, 2], [3.0, 1.0, 1.0], n_nodes=3)
    >>> net.weight.tolist(), net.listens().tolist()
    ([0.75, 0.25, 1.0], [True, True, False])

    References
    ----------
    .. [1] M. H. DeGroot, "Reaching a consensus", Journal of the American Statistical
       Association 69(345), 1974, pp. 118-121. https://doi.org/10.1080/01621459.1974.10480137
    .. [2] N. E. Friedkin and E. C. Johnsen, "Social influence and opinions", Journal of
       Mathematical Sociology 15(3-4), 1990, pp. 193-206.
       https://doi.org/10.1080/0022250X.1990.9990069
    """

    n_nodes: int
    indptr: np.ndarray
    indices: np.ndarray
    weight: np.ndarray
    uniform: bool

    @classmethod
    def from_arcs(
        cls,
        listener: Sequence[int] | np.ndarray,
        source: Sequence[int] | np.ndarray,
        weight: Sequence[float] | np.ndarray | float = 1.0,
        *,
        n_nodes: int | None = None,
    ) -> InfluenceNetwork:
        """Build from arcs ``listener -> source`` with non-negative attention weights.

        Repeated arcs add up, self-loops and zero weights are dropped, then each row is
        normalised to sum to one.
        """
        src = np.asarray(listener, dtype=np.int64).ravel()
        dst = np.asarray(source, dtype=np.int64).ravel()
        if src.shape != dst.shape:
            raise ParameterError("listener and source must have the same length")
        w = np.broadcast_to(np.asarray(weight, dtype=np.float64), src.shape).copy()
        if w.size and (not np.isfinite(w).all() or (w < 0).any()):
            raise ParameterError("weights must be finite and non-negative")
        n = int(max(src.max(initial=-1), dst.max(initial=-1)) + 1) if n_nodes is None else int(n_nodes)
        if src.size and (min(src.min(), dst.min()) < 0 or max(src.max(), dst.max()) >= n):
            raise GraphTypeError(f"node ids must lie in [0, {n})")
        keep = (src != dst) & (w > 0)
        pairs, inverse = np.unique(src[keep] * np.int64(n) + dst[keep], return_inverse=True)
        total = np.bincount(inverse.ravel(), weights=w[keep], minlength=pairs.size)
        rows = pairs // n if n else pairs
        return cls._grouped(n, rows, pairs - rows * n, total)

    @classmethod
    def _grouped(cls, n: int, rows: np.ndarray, cols: np.ndarray, total: np.ndarray) -> InfluenceNetwork:
        """From distinct pairs already grouped by listener (rows non-decreasing)."""
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
        return cls._normalised(n, indptr, np.asarray(cols, dtype=np.int64), np.asarray(total, dtype=np.float64))

    @classmethod
    def _normalised(cls, n: int, indptr: np.ndarray, indices: np.ndarray, total: np.ndarray) -> InfluenceNetwork:
        rows = np.repeat(np.arange(n), np.diff(indptr))
        row_sum = np.bincount(rows, weights=total, minlength=n)
        weight = total / row_sum[rows] if total.size else total.astype(np.float64)
        deg = np.diff(indptr)
        uniform = bool(np.allclose(weight, 1.0 / deg[rows])) if weight.size else True
        return cls(n, indptr, indices, weight, uniform)

    @classmethod
    def from_view(
        cls,
        view: GraphView,
        *,
        kinds: str | Iterable[str] | None = None,
        weighted: bool = True,
    ) -> InfluenceNetwork:
        """The influence network of a window's interactions: ``u`` listens to ``v`` for every
        interaction ``u -> v`` of the given kinds (every kind by default).

        With ``weighted``, the attention ``u`` pays to ``v`` is the number of its interactions
        towards ``v``; else every account ``u`` interacted with counts once. Self-interactions
        are dropped.

        Examples
        --------
        >>> from einfluence.base import InteractionArrays
        >>> from einfluence.graph import GraphView
        >>> view = GraphView.from_arrays(InteractionArrays(
        ...     src=np.array([0, 0, 0, 1]), dst=np.array([1, 1, 2, 0]), time=np.arange(4),
        ...     weight=np.ones(4), kind=np.zeros(4, np.int8), post=np.full(4, -1), n_accounts=3))
        >>> net = InfluenceNetwork.from_view(view)
        >>> net.indices.tolist(), np.round(net.weight, 3).tolist()
        ([1, 2, 0], [0.667, 0.333, 1.0])
        """
        view = check_view(view)
        kinds = INTERACTION_KINDS if kinds is None else kinds
        src, dst, _, total = distinct_pairs(view, kinds, None)  # grouped by src, self-loops dropped
        return cls._grouped(view.n_nodes, src, dst, total if weighted else np.ones(src.size))

    @property
    def n_arcs(self) -> int:
        """Number of (listener, source) pairs."""
        return int(self.indices.size)

    def listens(self) -> np.ndarray:
        """Whether each account listens to anybody (a non-empty row)."""
        return np.diff(self.indptr) > 0

    def listeners(self) -> np.ndarray:
        """The listener of each arc, aligned with :attr:`indices`."""
        return np.repeat(np.arange(self.n_nodes, dtype=np.int64), np.diff(self.indptr))

    def attention_received(self) -> np.ndarray:
        """Total attention share each account receives (column sums of ``W``)."""
        return np.bincount(self.indices, weights=self.weight, minlength=self.n_nodes)

    def cumulative(self) -> np.ndarray:
        """Running sums of the weights within each row (the last of a row is 1)."""
        if not self.weight.size:
            return self.weight.copy()
        c = np.cumsum(self.weight)
        start = self.indptr[:-1][np.diff(self.indptr) > 0]
        offsets = np.repeat(c[start] - self.weight[start], np.diff(self.indptr)[np.diff(self.indptr) > 0])
        out = c - offsets
        out[self.indptr[1:][np.diff(self.indptr) > 0] - 1] = 1.0
        return out

    def subnetwork(self, nodes: Sequence[int] | np.ndarray) -> InfluenceNetwork:
        """The network among ``nodes`` only (renumbered ``0 .. len(nodes) - 1`` in the given
        order): arcs to outsiders are dropped and rows renormalised.

        Examples
        --------
        >>> net = InfluenceNetwork.from_arcs([0, 0, 1, 2], [1, 2, 2, 0], n_nodes=3)
        >>> sub = net.subnetwork([0, 2])
        >>> sub.indptr.tolist(), sub.indices.tolist(), sub.weight.tolist()
        ([0, 1, 2], [1, 0], [1.0, 1.0])
        """
        nodes = np.asarray(nodes, dtype=np.int64).ravel()
        if nodes.size and (nodes.min() < 0 or nodes.max() >= self.n_nodes):
            raise ParameterError(f"nodes must lie in [0, {self.n_nodes})")
        if unique_ints(nodes).size != nodes.size:
            raise ParameterError("nodes must be distinct")
        new = np.full(self.n_nodes, -1, dtype=np.int64)
        new[nodes] = np.arange(nodes.size)
        src, dst = new[self.listeners()], new[self.indices]
        keep = (src >= 0) & (dst >= 0)
        return InfluenceNetwork.from_arcs(src[keep], dst[keep], self.weight[keep], n_nodes=nodes.size)

    def to_scipy(self) -> sp.csr_array:
        """``W`` as a sparse array (``W[i, j]`` = share of ``i``'s attention paid to ``j``)."""
        import scipy.sparse as sp

        return sp.csr_array((self.weight, self.indices, self.indptr), shape=(self.n_nodes, self.n_nodes))

    def transpose(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``W``'s transpose in compressed rows: row ``j`` lists who listens to ``j``."""
        t = self.to_scipy().T.tocsr()
        t.sort_indices()
        return t.indptr.astype(np.int64), t.indices.astype(np.int64), t.data.astype(np.float64)

    @classmethod
    def complete(cls, n_nodes: int) -> InfluenceNetwork:
        """Everyone listens to everyone else equally (the mean-field population).

        Examples
        --------
        >>> InfluenceNetwork.complete(3).indices.tolist()
        [1, 2, 0, 2, 0, 1]
        """
        n = int(n_nodes)
        rows = np.repeat(np.arange(n), n)
        cols = np.tile(np.arange(n), n)
        keep = rows != cols
        return cls.from_arcs(rows[keep], cols[keep], n_nodes=n)

    @classmethod
    def undirected(
        cls,
        a: Sequence[int] | np.ndarray,
        b: Sequence[int] | np.ndarray,
        *,
        n_nodes: int | None = None,
    ) -> InfluenceNetwork:
        """Both ends of every edge ``{a, b}`` listen to each other (unit weights).

        Examples
        --------
        >>> InfluenceNetwork.undirected([0], [1]).indices.tolist()
        [1, 0]
        """
        a = np.asarray(a, dtype=np.int64)
        b = np.asarray(b, dtype=np.int64)
        return cls.from_arcs(np.concatenate([a, b]), np.concatenate([b, a]), n_nodes=n_nodes)
