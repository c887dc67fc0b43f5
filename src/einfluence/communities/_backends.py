"""The Leiden engines behind :func:`~einfluence.communities.leiden_communities`, and graph formats.

Two backends run the same algorithm [1]_ on the same graph, the :class:`UndirectedEdges` of
:func:`~einfluence.graph.undirected_edges` (symmetrised, merged, no self-loop):

* ``"graspologic"`` (default): ``leiden_csr`` of graspologic-native [2]_, MIT, a Rust
  implementation of the reference Java code of Traag, Waltman and van Eck. It reads the three
  compressed-row arrays of the symmetric adjacency in place and keeps no global state.
* ``"igraph"`` (optional, ``pip install 'einfluence[igraph]'``): ``community_leiden`` of
  python-igraph [3]_, GPL-2.0-or-later, the engine of earlier einfluence versions (the
  partitions they stored came from it); its random generator is process-wide and is swapped
  for a seeded one during the call.

Neither library is imported with this module: each is imported by the function that uses it,
so ``import einfluence.communities`` loads neither, and a missing optional backend is reported
when it is asked for, with the command that installs it.

The module also converts the community graph to and from the formats of
:func:`~einfluence.communities.community_graph` and
:func:`~einfluence.communities.partition_modularity` (SciPy sparse arrays, igraph graphs).

References
----------
.. [1] V. A. Traag, L. Waltman and N. J. van Eck, "From Louvain to Leiden: guaranteeing
   well-connected communities", Scientific Reports 9, 5233, 2019.
   https://doi.org/10.1038/s41598-019-41695-z
.. [2] graspologic-native, the Rust core of graspologic (graspologic-org, MIT licence):
   https://github.com/graspologic-org/graspologic-native; J. Chung, B. D. Pedigo et al.,
   "GraSPy: Graph Statistics in Python", Journal of Machine Learning Research 20(158), 2019.
   https://jmlr.org/papers/v20/19-490.html
.. [3] G. Csárdi and T. Nepusz, "The igraph software package for complex network research",
   InterJournal Complex Systems 1695, 2006. https://igraph.org
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import random
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np

from einfluence.exceptions import GraphTypeError, ParameterError
from einfluence.graph.undirected import UndirectedEdges

if TYPE_CHECKING:
    import igraph
    import scipy.sparse

__all__ = [
    "BACKENDS",
    "BackendUnavailableError",
    "backend_version",
    "check_backend",
    "edges_of",
    "hand_over",
    "leiden_membership",
    "run_leiden",
    "symmetric_csr",
    "to_igraph",
    "to_scipy",
]

#: Leiden backends, the default first.
BACKENDS = ("graspologic", "igraph")

#: Module, distribution and installation of each backend.
_MODULE = {"graspologic": "graspologic_native", "igraph": "igraph"}
_DISTRIBUTION = {"graspologic": "graspologic-native", "igraph": "igraph"}
_INSTALL = {"graspologic": "pip install graspologic-native", "igraph": "pip install 'einfluence[igraph]'"}

#: Upper bound on the iterations of graspologic's ``n_iterations < 0`` ("until stable").
MAX_ITERATIONS = 64

#: Edges handed to igraph per call: bounds the temporary Python objects of the conversion.
_CHUNK = 5_000_000


class BackendUnavailableError(ParameterError, ImportError):
    """The library of the requested backend is not installed (a ParameterError and an ImportError).

    Examples
    --------
    >>> err = BackendUnavailableError("igraph")
    >>> isinstance(err, ImportError), str(err)  # doctest: +NORMALIZE_WHITESPACE
    (True, "backend: the igraph backend needs the igraph package, which is not installed:
    pip install 'einfluence[igraph]'")
    """

    def __init__(self, backend: str) -> None:
        super().__init__(
            f"the {backend} backend needs the {_DISTRIBUTION[backend]} package, which is not "
            f"installed: {_INSTALL[backend]}",
            parameter="backend",
        )


def check_backend(backend: object) -> str:
    """``backend`` if it names an installed backend of :data:`BACKENDS`.

    The library is looked for, not imported (so an error comes before any work).

    Raises
    ------
    ParameterError
        On an unknown name.
    BackendUnavailableError
        If the backend's library is not installed.
    """
    if not isinstance(backend, str) or backend not in BACKENDS:
        raise ParameterError(
            f"expected one of {', '.join(BACKENDS)}, got {backend!r}", parameter="backend"
        )
    if sys.modules.get(_MODULE[backend]) is None and importlib.util.find_spec(_MODULE[backend]) is None:
        raise BackendUnavailableError(backend)
    return backend


def backend_version(backend: str) -> str | None:
    """Installed version of the backend's distribution, None when it is not installed."""
    try:
        return importlib.metadata.version(_DISTRIBUTION[backend])
    except importlib.metadata.PackageNotFoundError:
        return None


def _import_igraph() -> Any:
    try:
        import igraph
    except ImportError as exc:
        raise BackendUnavailableError("igraph") from exc
    return igraph


def _import_graspologic() -> Any:
    try:
        import graspologic_native
    except ImportError as exc:  # pragma: no cover - a dependency of einfluence
        raise BackendUnavailableError("graspologic") from exc
    return graspologic_native


# ---------------------------------------------------------------- formats


def symmetric_csr(edges: UndirectedEdges) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Canonical CSR arrays ``(indptr int64, indices int32, data float64)`` of the adjacency.

    Every pair ``a < b`` appears in row ``a`` and in row ``b``. The pairs of ``edges`` are
    sorted by ``(a, b)``, so listing the ``(b, a)`` entries before the ``(a, b)`` ones and
    sorting by row (stably) leaves the columns of each row increasing: the arrays are those
    of ``scipy.sparse.csr_array`` on the same graph, and the same graph always gives the same
    bytes. O(m log m) for the sort of ``2m`` row ids.
    """
    n = edges.n_nodes
    rows = np.concatenate([edges.b, edges.a])
    order = np.argsort(rows, kind="stable")
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    del rows
    cols = np.concatenate([edges.a, edges.b]).astype(np.int32)
    indices = cols[order]
    del cols
    weight = edges.weight.astype(np.float64, copy=False)
    data = np.concatenate([weight, weight])[order]
    return indptr, indices, data


def to_scipy(edges: UndirectedEdges) -> scipy.sparse.csr_array:
    """The symmetric weighted adjacency as a ``scipy.sparse.csr_array`` (zero diagonal)."""
    from scipy.sparse import csr_array

    if edges.n_nodes >= 2**31:
        return csr_array(
            (np.concatenate([edges.weight, edges.weight]),
             (np.concatenate([edges.a, edges.b]), np.concatenate([edges.b, edges.a]))),
            shape=(edges.n_nodes, edges.n_nodes),
        )
    indptr, indices, data = symmetric_csr(edges)
    return csr_array((data, indices, indptr), shape=(edges.n_nodes, edges.n_nodes))


def to_igraph(edges: UndirectedEdges) -> igraph.Graph:
    """An undirected ``igraph.Graph`` with the edge attribute ``weight``.

    Raises
    ------
    BackendUnavailableError
        If igraph is not installed.
    """
    igraph = _import_igraph()
    graph = igraph.Graph(n=edges.n_nodes)
    # the limited-API igraph wheels turn any edge container into Python pairs; two flat lists
    # zipped are the cheapest such pairs (a 2-D ndarray goes through a much slower tolist)
    for start in range(0, edges.a.size, _CHUNK):
        stop = start + _CHUNK
        graph.add_edges(zip(edges.a[start:stop].tolist(), edges.b[start:stop].tolist(), strict=True))
    graph.es["weight"] = edges.weight.tolist()
    return graph


def _simple(n_nodes: int, u: np.ndarray, v: np.ndarray, weight: np.ndarray) -> UndirectedEdges:
    """Pairs ``u -- v`` as UndirectedEdges: loops dropped, ``a < b``, parallel pairs summed."""
    weight = np.asarray(weight, dtype=np.float64)
    if not np.isfinite(weight).all() or (weight < 0).any():
        raise ParameterError("edge weights must be finite and non-negative")
    keep = (u != v) & (weight > 0)
    a = np.minimum(u[keep], v[keep]).astype(np.int64)
    b = np.maximum(u[keep], v[keep]).astype(np.int64)
    key = a * np.int64(max(n_nodes, 1)) + b
    pairs, inverse = np.unique(key, return_inverse=True)
    total = np.bincount(inverse.reshape(-1), weights=weight[keep], minlength=pairs.size)
    first = pairs // max(n_nodes, 1)
    return UndirectedEdges(int(n_nodes), first, pairs - first * max(n_nodes, 1), total)


def _edges_of_sparse(matrix: Any) -> UndirectedEdges:
    from scipy import sparse

    if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1]:
        raise GraphTypeError(f"expected a square adjacency matrix, got shape {matrix.shape}")
    coo = sparse.coo_array(matrix)
    coo.sum_duplicates()
    if coo.nnz and abs(coo - coo.T).max() > 1e-12 * abs(coo).max():
        raise GraphTypeError("partition_modularity needs a symmetric matrix (an undirected graph)")
    upper = coo.row < coo.col
    return _simple(coo.shape[0], coo.row[upper], coo.col[upper], coo.data[upper])


def _edges_of_igraph(graph: Any) -> UndirectedEdges:
    if graph.is_directed():
        raise GraphTypeError("partition_modularity needs an undirected igraph graph")
    pairs = np.array(graph.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    if "weight" in graph.es.attributes():
        weight = np.asarray(graph.es["weight"], dtype=np.float64)
    else:
        weight = np.ones(len(pairs))
    return _simple(graph.vcount(), pairs[:, 0], pairs[:, 1], weight)


def edges_of(graph: object) -> UndirectedEdges:
    """The UndirectedEdges of a community graph given as UndirectedEdges, SciPy or igraph.

    igraph is never imported here: an ``igraph.Graph`` can only exist if igraph already is.

    Raises
    ------
    GraphTypeError
        On any other type, a directed igraph graph, or a non-square or asymmetric matrix.
    ParameterError
        On negative or non-finite weights.
    """
    if isinstance(graph, UndirectedEdges):
        return graph
    igraph = sys.modules.get("igraph")
    if igraph is not None and isinstance(graph, igraph.Graph):
        return _edges_of_igraph(graph)
    scipy_sparse = sys.modules.get("scipy.sparse")
    if scipy_sparse is not None and scipy_sparse.issparse(graph):
        return _edges_of_sparse(graph)
    raise GraphTypeError(
        "expected a GraphView, UndirectedEdges, a symmetric scipy.sparse matrix or an "
        f"igraph.Graph, got {type(graph).__name__}"
    )


# ---------------------------------------------------------------- engines


def _graspologic_run(
    csr: tuple[np.ndarray, np.ndarray, np.ndarray],
    resolution: float,
    n_iterations: int,
    beta: float,
    seed: int,
) -> np.ndarray:
    indptr = csr[0]
    n = indptr.size - 1
    labels = np.full(n, -1, dtype=np.int64)
    if indptr[-1]:
        gn = _import_graspologic()

        def run(iterations: int) -> tuple[float, dict[int, int]]:
            return gn.leiden_csr(
                *csr, n, resolution=resolution, randomness=beta, iterations=iterations,
                use_modularity=True, seed=seed, trials=1,
            )

        if n_iterations > 0:
            _, mapping = run(n_iterations)
        else:
            # no "until stable" mode: double the iterations, each run afresh from the same
            # seed, until the quality stops rising
            iterations, (quality, mapping) = 1, run(1)
            while iterations < MAX_ITERATIONS:
                iterations *= 2
                more = run(iterations)
                if not more[0] > quality:
                    break
                quality, mapping = more
        nodes = np.fromiter(mapping.keys(), dtype=np.int64, count=len(mapping))
        labels[nodes] = np.fromiter(mapping.values(), dtype=np.int64, count=len(mapping))
        del mapping, nodes
    # isolated nodes (and any the backend left out): a community of their own, as igraph does
    missing = labels < 0
    if missing.any():
        labels[missing] = labels.max(initial=-1) + 1 + np.arange(int(missing.sum()))
    return labels


def _graspologic_graph(edges: UndirectedEdges) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if edges.n_nodes >= 2**31:
        raise ParameterError(
            f"graspologic-native takes 32-bit node ids, got {edges.n_nodes:,} accounts; "
            "use backend='igraph'",
            parameter="backend",
        )
    return symmetric_csr(edges)


def _igraph_run(
    graph: igraph.Graph, resolution: float, n_iterations: int, beta: float, seed: int
) -> np.ndarray:
    igraph = _import_igraph()
    igraph.set_random_number_generator(random.Random(seed))
    try:
        clustering = graph.community_leiden(
            objective_function="modularity",
            weights="weight",
            resolution=resolution,
            beta=beta,
            n_iterations=n_iterations,
        )
    finally:
        igraph.set_random_number_generator(random)  # igraph's default generator
    return np.asarray(clustering.membership, dtype=np.int64)


#: for each backend: the hand-over of the UndirectedEdges, and the run on what it returns
_ENGINES: dict[str, tuple[Callable[[UndirectedEdges], Any], Callable[..., np.ndarray]]] = {
    "graspologic": (_graspologic_graph, _graspologic_run),
    "igraph": (to_igraph, _igraph_run),
}


def hand_over(edges: UndirectedEdges, backend: str) -> Any:
    """The graph in the backend's own format: CSR arrays (graspologic) or an igraph.Graph.

    Raises
    ------
    ParameterError
        For graspologic, on 2**31 nodes or more.
    BackendUnavailableError
        If the backend's library is not installed.
    """
    return _ENGINES[backend][0](edges)


def run_leiden(
    graph: Any, backend: str, *, resolution: float, n_iterations: int, beta: float, seed: int
) -> np.ndarray:
    """Leiden (modularity) on a graph handed over by :func:`hand_over`: one int64 label per node.

    Every isolated node gets a label of its own; labels are arbitrary integers, ordered by
    the caller. ``beta`` is the randomness of the refinement step (graspologic's
    ``randomness``, igraph's ``beta``); ``seed`` seeds the backend's generator for this call.
    A negative ``n_iterations`` iterates until the partition is stable (igraph) or until the
    quality stops rising, at most :data:`MAX_ITERATIONS` iterations (graspologic).
    """
    return _ENGINES[backend][1](
        graph, float(resolution), int(n_iterations), float(beta), int(seed)
    )


def leiden_membership(
    edges: UndirectedEdges,
    *,
    backend: str,
    resolution: float,
    n_iterations: int,
    beta: float,
    seed: int,
) -> np.ndarray:
    """:func:`hand_over` then :func:`run_leiden`: Leiden labels of ``edges`` by ``backend``.

    Trusts its arguments (validated by :func:`~einfluence.communities.leiden_communities`).

    Raises
    ------
    ParameterError
        For graspologic, on 2**31 nodes or more.
    BackendUnavailableError
        If the backend's library is not installed.
    """
    graph = hand_over(edges, backend)
    return run_leiden(
        graph, backend, resolution=resolution, n_iterations=n_iterations, beta=beta, seed=seed
    )
