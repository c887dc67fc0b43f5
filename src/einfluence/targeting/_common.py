"""Shared pieces of seed selection: validation at the boundary and the RR-set sampler."""

from __future__ import annotations

import math

import numpy as np

from einfluence.base.jit import get_num_threads
from einfluence.base.threads import in_parts
from einfluence.exceptions import GraphTypeError, ParameterError
from einfluence.graph.diffusion import DiffusionGraph
from einfluence.targeting._kernels import coverage, graphs, rrsets

MODELS = ("ic", "lt")
#: tolerance on the in-weight sums of the linear threshold model
LT_TOLERANCE = 1e-6
#: below this many RR sets per call, one thread does all the work
_MIN_PARALLEL = 2048
#: below this many arcs, one thread builds the in-CSR; above, at most this many
_MIN_PARALLEL_ARCS = 100_000
_MAX_CHUNKS = 8
#: independent-cascade RR sets each thread draws at once (interleaved searches, at most 8)
LANES = 4


def check_graph(g: object) -> DiffusionGraph:
    if not isinstance(g, DiffusionGraph):
        raise GraphTypeError(f"expected a DiffusionGraph, got {type(g).__name__}")
    if g.n_nodes < 1:
        raise GraphTypeError("the graph has no node")
    return g


def check_model(model: object) -> str:
    if model not in MODELS:
        raise ParameterError(f"model must be 'ic' or 'lt', got {model!r}")
    return str(model)


def check_k(k: object, limit: int) -> int:
    if isinstance(k, (bool, np.bool_)) or not isinstance(k, (int, np.integer)):
        raise TypeError(f"k must be an int, got {type(k).__name__}")
    if not 1 <= k <= limit:
        raise ParameterError(f"k must lie in [1, {limit}], got {k}")
    return int(k)


def check_nodes(nodes: object, n: int, name: str) -> np.ndarray:
    """Account ids as int64, unique, in the given order; empty for None."""
    if nodes is None:
        return np.empty(0, np.int64)
    arr = np.asarray(sorted(nodes) if isinstance(nodes, (set, frozenset)) else nodes)
    if arr.dtype == bool:
        if arr.shape != (n,):
            raise ParameterError(f"a boolean {name} must have shape ({n},), got {arr.shape}")
        return np.flatnonzero(arr).astype(np.int64)
    if arr.size and arr.dtype.kind not in "iu":
        raise ParameterError(f"{name} must hold integer account ids")
    arr = arr.astype(np.int64).ravel()
    if arr.size and (arr.min() < 0 or arr.max() >= n):
        raise ParameterError(f"{name} ids must lie in [0, {n})")
    _, first = np.unique(arr, return_index=True)
    return arr[np.sort(first)]


def target_weights(target: object, n: int) -> np.ndarray | None:
    """Per-node weights of a target audience: None (everyone counts 1), ids, a mask or weights."""
    if target is None:
        return None
    arr = np.asarray(sorted(target) if isinstance(target, (set, frozenset)) else target)
    if arr.dtype.kind == "f":
        if arr.shape != (n,):
            raise ParameterError(f"target weights must have shape ({n},), got {arr.shape}")
        if not np.isfinite(arr).all() or (arr < 0).any():
            raise ParameterError("target weights must be finite and non-negative")
        w = arr.astype(np.float64)
    else:
        w = np.zeros(n)
        w[check_nodes(arr, n, "target")] = 1.0
    if w.sum() <= 0:
        raise ParameterError("the target audience is empty (zero total weight)")
    return w


def n_threads() -> int:
    return int(get_num_threads())


def log_binomial(n: int, k: int) -> float:
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)


def _aligned_empty(shape: tuple[int, int], align: int = 64) -> np.ndarray:
    """An uninitialised C-ordered float64 array whose rows of 32 bytes never straddle a cache line."""
    size = shape[0] * shape[1]
    raw = np.empty(size + align // 8, np.float64)
    skip = (-raw.ctypes.data % align) // 8
    return raw[skip : skip + size].reshape(shape)


class InGraph:
    """The in-CSR of a diffusion graph with the per-node tables the samplers need.

    Node ids are the graph's. This layout is kept apart from the containers of
    :mod:`einfluence.graph` because the reverse-reachable samplers need what none of them has:
    in-arcs transposed by a counting sort over threads, a cache-aligned table of four numbers per
    node for the independent cascade (the largest probability and the constants of the binomial
    count or the geometric jumps, see :func:`~einfluence.targeting._kernels.rrsets.ic_expand`),
    and the cumulated in-weights of the linear threshold walks; and it drops the per-arc probabilities when the samplers never
    read them (8 bytes per arc on graphs of tens of millions of arcs).
    """

    def __init__(self, g: DiffusionGraph, model: str) -> None:
        self.n = n = g.n_nodes
        self.model = model
        # threads (and chunks of the counting sort) for every pass over the nodes below
        threads = max(1, min(n_threads(), _MAX_CHUNKS)) if g.n_arcs >= _MIN_PARALLEL_ARCS else 1
        self.indptr, self.indices, self.prob = graphs.in_csr(g.indptr, g.indices, g.prob, threads)
        if model == "ic":
            # few expected candidates: P(none) = (1 - pmax)^d for the binomial count, else the
            # log for geometric jumps (see _kernels.rrsets.ic_expand)
            self.info = _aligned_empty((n, 4))
            in_parts(n, threads, lambda lo, hi, _: graphs.ic_info(self.indptr, self.prob, rrsets.BINOMIAL_MEAN,
                                                                 self.info, lo, hi))
            if (self.info[:, 3] >= 0).all():
                # every node's in-arcs share one probability (the weighted cascade...): the
                # samplers read it in ``info`` and never touch ``prob``, 8 bytes per arc
                self.prob = np.empty(0)
        else:
            self.cum = np.empty(self.prob.size, np.float64)
            totals = np.zeros(n, np.float64)
            in_parts(n, threads, lambda lo, hi, _: graphs.row_cumsum(self.indptr, self.prob, self.cum, totals, lo, hi))
            self.prob = np.empty(0)  # the walks read the cumulated weights only
            if (totals > 1.0 + LT_TOLERANCE).any():
                worst = int(np.argmax(totals))
                raise ParameterError(
                    f"linear threshold weights into a node must sum to at most 1; "
                    f"node {worst} receives {totals[worst]:.6g}"
                )


class RRSampler:
    """Draws RR sets into a growing flat store, in parallel, reproducibly.

    RR set ``i`` depends only on the base seed and ``i``, so the store is the same for any
    number of threads.
    """

    def __init__(self, graph: InGraph, weights: np.ndarray | None, seed: int) -> None:
        self.graph = graph
        self.root_cum = np.empty(0) if weights is None else np.cumsum(weights)
        self.total_weight = float(graph.n if weights is None else weights.sum())
        self.seed = np.uint64(seed)
        self.threads = n_threads()
        # int32 marks for the linear threshold walks; one mark bit per lane under the cascade
        dtype = np.uint8 if graph.model == "ic" else np.int32
        self.stamps = [np.zeros(graph.n, dtype) for _ in range(self.threads)]
        self.nodes = np.empty(1024, np.int32)
        self.offsets = np.zeros(1025, np.int32)  # int64 once the store passes 2^31 entries
        self.n_sets = 0

    @property
    def size(self) -> int:
        """Number of stored entries (all RR sets together)."""
        return int(self.offsets[self.n_sets])

    def mean_size(self) -> float:
        """Mean number of accounts per stored RR set (1 before any)."""
        return self.size / self.n_sets if self.n_sets else 1.0

    def _draw(self, start: int, count: int, slot: int) -> tuple[np.ndarray, np.ndarray]:
        g = self.graph
        if g.model == "ic":
            return rrsets.rr_sets_ic(
                g.indptr, g.indices, g.prob, g.info, self.root_cum,
                self.seed, start, count, self.stamps[slot], LANES,
            )
        return rrsets.rr_sets_lt(
            g.indptr, g.indices, g.cum, self.root_cum, self.seed, start, count, self.stamps[slot]
        )

    def draw_range(self, start: int, count: int) -> list[tuple[np.ndarray, np.ndarray]]:
        """RR sets ``start .. start + count - 1`` as ``(nodes, sizes)`` parts, in order (over the
        threads; another engine may draw them elsewhere: each depends only on the seed and its index)."""
        return in_parts(count, self.threads, lambda lo, hi, part: self._draw(start + lo, hi - lo, part),
                        min_items=_MIN_PARALLEL)

    def extend_to(self, total: int) -> None:
        """Draw RR sets until the store holds ``total`` of them."""
        count = int(total) - self.n_sets
        if count <= 0:
            return
        results = self.draw_range(self.n_sets, count)
        added = sum(r[0].size for r in results)
        used = self.size
        if used + added > self.nodes.size:
            grown = np.empty(max(2 * self.nodes.size, used + added), np.int32)
            grown[:used] = self.nodes[:used]
            self.nodes = grown
        wide = used + added >= 2**31 - 1
        if self.n_sets + count + 1 > self.offsets.size or (wide and self.offsets.dtype != np.int64):
            dtype = np.int64 if wide else self.offsets.dtype
            grown = np.empty(max(2 * self.offsets.size, self.n_sets + count + 1), dtype)
            grown[: self.n_sets + 1] = self.offsets[: self.n_sets + 1]
            self.offsets = grown
        pos, at = used, self.n_sets
        for nodes, sizes in results:
            self.nodes[pos : pos + nodes.size] = nodes
            part = self.offsets[at + 1 : at + 1 + sizes.size]
            np.cumsum(sizes, out=part, dtype=part.dtype)
            part += pos
            pos += nodes.size
            at += sizes.size
        self.n_sets = at

    def view(self) -> tuple[np.ndarray, np.ndarray]:
        """The stored RR sets: flat nodes and offsets (int32 or int64; views, not copies)."""
        return self.nodes[: self.size], self.offsets[: self.n_sets + 1]


class CoverIndex:
    """The node -> RR sets index of a growing RR-set store, extended as the store grows.

    IMM's rounds append RR sets to one store and run the greedy on all of them each time:
    :meth:`update` indexes only the sets added since the last call, as one more segment
    (:func:`~einfluence.targeting._kernels.coverage.index_rr_sets`) appended to one flat buffer, so
    that each RR set is indexed once over the whole run; the rows of earlier segments are
    never rebuilt.
    """

    def __init__(self, n: int) -> None:
        self.n = n
        self.n_sets = 0
        self.iptrs = np.zeros((0, n + 1), np.int64)  # row p: segment p's rows, positions in ``inv``
        self.inv = np.empty(0, np.int32)  # the segments one after the other, then spare room
        self.deg = np.zeros(n, np.int64)

    @property
    def used(self) -> int:
        """Entries of ``inv`` the segments fill (the end of the last one)."""
        return int(self.iptrs[-1, -1]) if self.iptrs.shape[0] else 0

    def update(self, nodes: np.ndarray, offsets: np.ndarray) -> CoverIndex:
        """Index the RR sets of ``(nodes, offsets)`` beyond the first ``n_sets`` (already indexed)."""
        total = offsets.size - 1
        if total < self.n_sets:
            raise ValueError("the RR-set store shrank: an index only grows")
        if total > self.n_sets:
            # one chunk (thread) per thread, but not for a handful of sets: a thread hand-off costs more
            chunks = max(1, n_threads()) if total - self.n_sets >= _MIN_PARALLEL else 1
            iptr, inv = coverage.index_rr_sets(nodes, offsets, self.n_sets, self.n, chunks)
            start = self.used
            end = start + inv.size
            if end > self.inv.size:  # grow geometrically: a flat copy, rarely
                grown = np.empty(max(end, 2 * self.inv.size), np.int32)
                grown[:start] = self.inv[:start]
                self.inv = grown
            self.inv[start:end] = inv
            self.iptrs = np.vstack([self.iptrs, (iptr + start)[None, :]])
            self.deg += np.diff(iptr)
            self.n_sets = total
        return self

    def greedy(
        self, nodes: np.ndarray, offsets: np.ndarray, k: int, forced: np.ndarray, allowed: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Greedy maximum coverage of all the RR sets (indexed first); seeds and gains."""
        nodes, offsets = coverage.rr_arrays(nodes, offsets)  # once for the index and the greedy
        self.update(nodes, offsets)
        return coverage.greedy_cover_inverted(nodes, offsets, self.deg.copy(), self.iptrs, self.inv, k, forced, allowed)


def hits(
    graph: InGraph, weights: np.ndarray | None, seeds: np.ndarray, n_sets: int, seed: int
) -> int:
    """How many of ``n_sets`` fresh RR sets meet ``seeds`` (over the threads, like
    :meth:`RRSampler.draw_range`: each set depends only on the seed and its index)."""
    is_seed = np.zeros(graph.n, np.bool_)
    is_seed[seeds] = True
    root_cum = np.empty(0) if weights is None else np.cumsum(weights)
    base = np.uint64(seed)

    def count(lo: int, hi: int) -> int:
        if graph.model == "ic":
            return int(rrsets.hits_range_ic(graph.indptr, graph.indices, graph.prob, graph.info, root_cum,
                                            is_seed, base, lo, hi))
        return int(rrsets.hits_range_lt(graph.indptr, graph.indices, graph.cum, root_cum, is_seed, base, lo, hi))

    return sum(in_parts(n_sets, n_threads(), lambda lo, hi, _: count(lo, hi), min_items=_MIN_PARALLEL))
