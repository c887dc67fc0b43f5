"""Numeric views of the interaction graph: compressed sparse rows over dense account ids."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import numpy as np

from einfluence.base.kinds import INTERACTION_KINDS
from einfluence.exceptions import GraphTypeError, ParameterError

if TYPE_CHECKING:
    import scipy.sparse as sp

    from einfluence.base.arrays import InteractionArrays

__all__ = ["GraphView"]


@dataclass(frozen=True)
class GraphView:
    """A directed multigraph of interactions in CSR form, rows = acting accounts.

    Row ``u`` lists the interactions *made* by account ``u`` (``u`` relayed, replied to,
    mentioned ... ``indices[indptr[u]:indptr[u+1]]``). Influence flows along the transpose
    (:meth:`reverse`). Node ``i`` is the account with ``account_id == i``; accounts without
    interactions in the view are isolated nodes. Parallel edges are kept, one entry each, in
    time order within a row.

    Attributes
    ----------
    n_nodes : int
    indptr : numpy.ndarray of int64, shape (n_nodes + 1,)
    indices : numpy.ndarray of int64, shape (n_edges,)
    weight : numpy.ndarray of float64, shape (n_edges,)
    time : numpy.ndarray of int64, shape (n_edges,)
        Microseconds since the epoch (UTC), ``-2**63`` when unknown.
    kind : numpy.ndarray of int8, shape (n_edges,)
        Codes indexing :data:`einfluence.io.INTERACTION_KINDS`.
    post : numpy.ndarray of int64, shape (n_edges,)
        The ``post_id`` of the act (the relay, the reply...), -1 when unknown.
    since, until : datetime or None
        The half-open time window the view was cut from.
    kinds, networks : tuple of str or None
        The filters the view was cut with.
    """

    n_nodes: int
    indptr: np.ndarray
    indices: np.ndarray
    weight: np.ndarray
    time: np.ndarray
    kind: np.ndarray
    post: np.ndarray
    since: datetime | None = None
    until: datetime | None = None
    kinds: tuple[str, ...] | None = None
    networks: tuple[str, ...] | None = None

    @classmethod
    def from_arrays(
        cls,
        arrays: InteractionArrays,
        **provenance: object,
    ) -> GraphView:
        """Build the CSR view from parallel interaction arrays (O(m log m), vectorised)."""
        n = int(arrays.n_accounts)
        src = np.asarray(arrays.src, dtype=np.int64)
        dst = np.asarray(arrays.dst, dtype=np.int64)
        if src.size and (src.min() < 0 or max(src.max(), dst.max()) >= n or dst.min() < 0):
            raise GraphTypeError("account ids must lie in [0, n_accounts)")
        time = np.asarray(arrays.time, dtype=np.int64)
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(src, minlength=n), out=indptr[1:])
        columns = {
            "indices": dst,
            "weight": np.asarray(arrays.weight, dtype=np.float64),
            "time": time,
            "kind": np.asarray(arrays.kind, dtype=np.int8),
            "post": np.asarray(arrays.post, dtype=np.int64),
        }
        # compared, not subtracted: a difference from NO_TIME (-2**63) overflows and would call a
        # sorted view unsorted (a needless sort and copy of every column)
        same_src = src[1:] == src[:-1]
        if not np.all((src[1:] > src[:-1]) | (same_src & (time[1:] >= time[:-1]))):
            order = np.lexsort((time, src))
            columns = {name: values[order] for name, values in columns.items()}
        return cls(n_nodes=n, indptr=indptr, **columns, **provenance)  # type: ignore[arg-type]

    @property
    def n_edges(self) -> int:
        """Number of interactions (parallel ones counted each)."""
        return int(self.indices.size)

    def sources(self) -> np.ndarray:
        """The acting account of each edge, aligned with :attr:`indices`."""
        if self.n_edges * 8 < self.n_nodes:
            # few edges among many accounts (a day's window of a large workspace): a binary search
            # per edge instead of a pass over every account; the same array
            return np.searchsorted(self.indptr, np.arange(self.n_edges, dtype=np.int64), side="right") - 1
        return np.repeat(np.arange(self.n_nodes, dtype=np.int64), np.diff(self.indptr))

    def out_degree(self, *, weighted: bool = False) -> np.ndarray:
        """Interactions made by each account (or their total weight)."""
        if weighted:
            return np.bincount(self.sources(), weights=self.weight, minlength=self.n_nodes)
        return np.diff(self.indptr)

    def in_degree(self, *, weighted: bool = False) -> np.ndarray:
        """Interactions received by each account (or their total weight)."""
        return np.bincount(
            self.indices, weights=self.weight if weighted else None, minlength=self.n_nodes
        )

    def kind_mask(self, *kinds: str) -> np.ndarray:
        """Boolean mask of the edges of the given kinds."""
        codes = [INTERACTION_KINDS.index(k) for k in kinds]
        return np.isin(self.kind, codes)

    def edge_subgraph(self, mask: np.ndarray) -> GraphView:
        """The view restricted to the edges where ``mask`` is true (same nodes, same provenance).

        Parameters
        ----------
        mask : numpy.ndarray of bool, shape (n_edges,)
            Which interactions to keep, aligned with :attr:`indices`.

        Returns
        -------
        GraphView
            The same ``n_nodes``, ``since``, ``until``, ``kinds`` and ``networks``; the kept
            edges in their original order (so rows stay in time order).

        Raises
        ------
        ParameterError
            If ``mask`` is not a boolean array of shape ``(n_edges,)``.

        Examples
        --------
        >>> from einfluence.base import InteractionArrays
        >>> view = GraphView.from_arrays(InteractionArrays(
        ...     src=np.array([0, 0, 2]), dst=np.array([1, 2, 1]), time=np.arange(3),
        ...     weight=np.ones(3), kind=np.zeros(3, np.int8), post=np.array([7, 8, 9]),
        ...     n_accounts=3))
        >>> sub = view.edge_subgraph(np.array([True, False, True]))
        >>> sub.n_nodes, sub.indptr.tolist(), sub.indices.tolist(), sub.post.tolist()
        (3, [0, 1, 1, 2], [1, 1], [7, 9])

        Notes
        -----
        O(n_nodes + n_edges); the kept columns are copies.
        """
        keep = np.asarray(mask)
        if keep.dtype != np.bool_ or keep.shape != (self.n_edges,):
            raise ParameterError(
                f"mask must be a boolean array of shape ({self.n_edges},), "
                f"got {keep.dtype} {keep.shape}"
            )
        kept_before = np.zeros(self.n_edges + 1, dtype=np.int64)
        np.cumsum(keep, out=kept_before[1:])
        return GraphView(
            n_nodes=self.n_nodes,
            indptr=kept_before[self.indptr],
            indices=self.indices[keep],
            weight=self.weight[keep],
            time=self.time[keep],
            kind=self.kind[keep],
            post=self.post[keep],
            since=self.since,
            until=self.until,
            kinds=self.kinds,
            networks=self.networks,
        )

    def to_scipy(self, *, weighted: bool = True) -> sp.csr_array:
        """The adjacency matrix (``A[u, v]`` = total weight, or count, of u -> v interactions)."""
        import scipy.sparse as sp

        data = self.weight.copy() if weighted else np.ones(self.n_edges)
        # copies: the view's arrays may be read-only, and summing duplicates sorts in place
        matrix = sp.csr_array(
            (data, self.indices.copy(), self.indptr.copy()), shape=(self.n_nodes, self.n_nodes)
        )
        matrix.sum_duplicates()
        return matrix

    def reverse(self) -> sp.csr_array:
        """The influence adjacency (``R[v, u]`` = weight of u -> v interactions): who moves whom."""
        return self.to_scipy().T.tocsr()
