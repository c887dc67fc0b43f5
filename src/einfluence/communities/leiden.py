"""Communities of the interaction graph with the Leiden algorithm.

Accounts that interact (relay, reply to, mention, follow... each other) form groups that talk
among themselves more than with the rest of the network. The interaction multigraph is
symmetrised into an undirected weighted graph (:func:`community_graph`) and partitioned by
maximising modularity [2]_ with the Leiden algorithm [1]_ (:func:`leiden_communities`), which,
unlike Louvain, guarantees connected communities. The engine is graspologic-native [3]_ (MIT)
by default, or python-igraph (GPL, the optional extra ``einfluence[igraph]``); see
:mod:`einfluence.communities._backends`.

References
----------
.. [1] V. A. Traag, L. Waltman and N. J. van Eck, "From Louvain to Leiden: guaranteeing
   well-connected communities", Scientific Reports 9, 5233, 2019.
   https://doi.org/10.1038/s41598-019-41695-z
.. [2] M. E. J. Newman and M. Girvan, "Finding and evaluating community structure in
   networks", Physical Review E 69, 026113, 2004. https://doi.org/10.1103/PhysRevE.69.026113
.. [3] graspologic-native (graspologic-org, MIT licence),
   https://github.com/graspologic-org/graspologic-native
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from einfluence.base.random import check_random_state
from einfluence.base.validation import check_scalar
from einfluence.communities._backends import (
    backend_version,
    check_backend,
    leiden_membership,
    to_igraph,
    to_scipy,
)
from einfluence.exceptions import ParameterError
from einfluence.graph.selection import check_kinds, check_view
from einfluence.graph.undirected import UndirectedEdges, undirected_edges
from einfluence.graph.view import GraphView

if TYPE_CHECKING:
    import igraph
    import scipy.sparse

__all__ = ["CommunityPartition", "community_graph", "leiden_communities"]

#: Formats of :func:`community_graph`.
OUTPUTS = ("edges", "scipy", "igraph")


def community_graph(
    view: GraphView,
    *,
    kinds: str | Iterable[str] | None = None,
    weighted: bool = True,
    edge_weight: np.ndarray | None = None,
    output: str = "edges",
) -> UndirectedEdges | scipy.sparse.csr_array | igraph.Graph:
    """The undirected weighted graph in which communities are sought.

    Every interaction ``u -> v`` of the selected kinds links ``u`` and ``v`` whatever its
    direction; the interactions between two accounts are merged into one edge whose weight is
    their total weight (or their number). Self-interactions are dropped. Node ``i`` is
    account ``i``: accounts without interactions stay as isolated nodes.

    Parameters
    ----------
    view : GraphView
    kinds : str or iterable of str, optional
        Interaction kinds that link accounts; all of
        :data:`einfluence.io.INTERACTION_KINDS` (follows included) when None.
    weighted : bool
        Sum the ``weight`` column of the view (True) or count the interactions (False).
    edge_weight : numpy.ndarray, optional
        Weights aligned with ``view.indices`` used instead of the view's (time-decay weights,
        for example); a zero weight removes the interaction.
    output : {"edges", "scipy", "igraph"}
        ``"edges"``: einfluence's :class:`~einfluence.graph.UndirectedEdges` (parallel arrays
        ``a < b`` and ``weight``, one row per linked pair, sorted). ``"scipy"``: the
        symmetric weighted adjacency, a ``scipy.sparse.csr_array`` of shape
        ``(n_nodes, n_nodes)``. ``"igraph"``: an undirected ``igraph.Graph`` with the edge
        attribute ``weight``, which needs the optional igraph package
        (``pip install 'einfluence[igraph]'``).

    Returns
    -------
    UndirectedEdges, scipy.sparse.csr_array or igraph.Graph
        ``view.n_nodes`` nodes, simple, undirected. Each of them is accepted by
        :func:`~einfluence.communities.partition_modularity`.

    Raises
    ------
    GraphTypeError
        If ``view`` is not a GraphView.
    ParameterError
        On an unknown kind or output, negative, non-finite or badly shaped weights, or
        ``output="igraph"`` without igraph installed (the error is also an ImportError).

    Examples
    --------
    >>> from einfluence.base.arrays import InteractionArrays
    >>> view = GraphView.from_arrays(InteractionArrays(
    ...     src=np.array([0, 1, 1, 2]), dst=np.array([1, 0, 1, 0]), time=np.arange(4),
    ...     weight=np.ones(4), kind=np.array([0, 2, 0, 5], np.int8), post=np.full(4, -1),
    ...     n_accounts=4))
    >>> g = community_graph(view)
    >>> g.n_nodes, g.a.tolist(), g.b.tolist(), g.weight.tolist()
    (4, [0, 0], [1, 2], [2.0, 1.0])
    >>> community_graph(view, kinds=["follow"]).a.size
    1
    >>> community_graph(view, output="scipy").toarray()
    array([[0., 2., 1., 0.],
           [2., 0., 0., 0.],
           [1., 0., 0., 0.],
           [0., 0., 0., 0.]])

    Notes
    -----
    O(m log m) numpy work: one sort of the pair keys ``min(u, v) * n + max(u, v)`` (about 2 s
    for ten million interactions), and one more of the ``2m`` row ids for ``"scipy"`` (2.3 s
    for their 9.6 million pairs). The hand-over to igraph converts the edge list through
    Python integers, 0.7 to 0.9 microseconds per pair (7 to 9 s for those pairs).

    Earlier versions returned an ``igraph.Graph``; ask for it with ``output="igraph"``.
    """
    view = check_view(view)
    kinds = check_kinds(kinds)
    if not isinstance(output, str) or output not in OUTPUTS:
        raise ParameterError(
            f"expected one of {', '.join(OUTPUTS)}, got {output!r}", parameter="output"
        )
    edges = undirected_edges(view, kinds, bool(weighted), edge_weight)
    if output == "scipy":
        return to_scipy(edges)
    if output == "igraph":
        return to_igraph(edges)
    return edges


@dataclass(frozen=True, eq=False)
class CommunityPartition:
    """A partition of the accounts into communities.

    Attributes
    ----------
    membership : numpy.ndarray of int64, shape (n_nodes,)
        Community of every account: ``0`` is the largest community, ``1`` the next...
        (ties by smallest account id); ``-1`` for accounts without any interaction of the
        selected kinds and for members of communities smaller than ``min_size``.
    modularity : float
        Newman-Girvan modularity (resolution 1, whatever resolution the search used) of
        ``membership`` on the weighted :func:`community_graph`, in which each ``-1`` account
        counts as a community of its own.
    sizes : numpy.ndarray of int64, shape (n_communities,)
        Members per community, non-increasing.
    n_communities : int
    params : dict
        ``resolution``, ``kinds``, ``weighted``, ``n_iterations``, ``beta``, ``min_size``,
        ``random_state`` (the integer given, else None), ``seed`` (the integer that seeded
        the backend's generator), ``backend`` (``"graspologic"`` or ``"igraph"``) and
        ``backend_version`` (the version of its package).
    """

    membership: np.ndarray
    modularity: float
    sizes: np.ndarray
    n_communities: int
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def n_nodes(self) -> int:
        """Number of accounts."""
        return int(self.membership.size)

    @property
    def n_unassigned(self) -> int:
        """Accounts labelled ``-1``."""
        return int(np.count_nonzero(self.membership < 0))

    def members(self, community: int) -> np.ndarray:
        """Account ids of a community, increasing (``-1`` gives the unassigned accounts).

        Raises
        ------
        ParameterError
            If ``community`` is not ``-1`` nor in ``[0, n_communities)``.
        """
        if not isinstance(community, numbers.Integral) or not (
            -1 <= community < self.n_communities
        ):
            raise ParameterError(
                f"community must be -1 or lie in [0, {self.n_communities}), got {community!r}"
            )
        return np.flatnonzero(self.membership == community)

    def __repr__(self) -> str:
        return (
            f"CommunityPartition(n_nodes={self.n_nodes}, n_communities={self.n_communities}, "
            f"modularity={self.modularity:.4f}, n_unassigned={self.n_unassigned})"
        )


def _relabel(labels: np.ndarray, keep: np.ndarray, min_size: int) -> np.ndarray:
    """Labels ``0..C-1`` by decreasing size (ties: smallest member first), ``-1`` elsewhere."""
    out = np.full(labels.size, -1, dtype=np.int64)
    if not keep.any():
        return out
    values, first, inverse, counts = np.unique(
        labels[keep], return_index=True, return_inverse=True, return_counts=True
    )
    order = np.lexsort((first, -counts))
    big = counts[order] >= min_size
    new = np.full(values.size, -1, dtype=np.int64)
    new[order[big]] = np.arange(int(big.sum()))
    out[keep] = new[inverse]
    return out


def _modularity(edges: UndirectedEdges, membership: np.ndarray, resolution: float = 1.0) -> float:
    """Modularity of ``membership`` (``-1`` = singleton) on the undirected weighted graph."""
    total = float(edges.weight.sum())
    if total <= 0:
        return float("nan")
    deg = edges.degree()
    ma, mb = membership[edges.a], membership[edges.b]
    internal = float(edges.weight[(ma == mb) & (ma >= 0)].sum())
    assigned = membership >= 0
    community_degree = np.bincount(membership[assigned], weights=deg[assigned])
    expected = float((community_degree**2).sum() + (deg[~assigned] ** 2).sum())
    return internal / total - resolution * expected / (4.0 * total * total)


def leiden_communities(
    view: GraphView | UndirectedEdges,
    *,
    kinds: str | Iterable[str] | None = None,
    weighted: bool = True,
    edge_weight: np.ndarray | None = None,
    resolution: float = 1.0,
    n_iterations: int = 2,
    beta: float = 0.01,
    min_size: int = 1,
    random_state: int | np.random.Generator | None = None,
    backend: str = "graspologic",
) -> CommunityPartition:
    """Communities of accounts that interact with each other (Leiden, modularity).

    Parameters
    ----------
    view : GraphView or UndirectedEdges
        The interactions, or the community graph already built from them by
        :func:`community_graph` (``kinds`` and ``weighted`` then only record how it was built):
        a caller that builds it and drops the view hands the interactions' memory back before
        Leiden runs, which is what lets a hundred million interactions fit in memory.
    kinds, weighted, edge_weight
        Which interactions link accounts and how they are weighed, as in
        :func:`community_graph` (all kinds, the view's weights, by default).
    resolution : float
        Resolution ``gamma`` of the generalised modularity
        ``Q = sum_c [w_c / W - gamma (d_c / 2W)**2]`` [2]_ [3]_ that Leiden maximises: above 1
        more, smaller communities; below 1 fewer, larger ones.
    n_iterations : int
        Leiden iterations, each starting from the partition of the previous one; a negative
        value iterates until the partition is stable (see Notes). The default 2 is enough in
        practice: on a planted graph of ten million interactions, iterating to stability left
        the modularity unchanged (0.79853) for twice the time with igraph and six times with
        graspologic (``benchmarks/bench_communities.py --until-stable``).
    beta : float
        Randomness ``theta`` of the refinement step of Leiden [1]_ (graspologic's
        ``randomness``, igraph's ``beta``); 0.01, the value of the paper's experiments.
    min_size : int
        Communities with fewer members are dissolved (their members get ``-1``).
    random_state : None, int or numpy.random.Generator
        One integer ``seed`` is drawn from it and seeds the backend's generator for this call
        only: the same integer gives the same partition, in any process, for a given backend
        and graph. See :func:`einfluence.base.random.check_random_state`.
    backend : {"graspologic", "igraph"}
        The Leiden engine. ``"graspologic"`` (default): graspologic-native [4]_, MIT, installed
        with einfluence. ``"igraph"``: python-igraph [5]_, GPL-2.0-or-later, an optional extra
        (``pip install 'einfluence[igraph]'``), the engine of earlier versions, for partitions
        identical to theirs. Both reach the same quality (see Notes); for a given seed their
        partitions may differ.

    Returns
    -------
    CommunityPartition
        Its ``params`` record the backend and its version.

    Raises
    ------
    GraphTypeError
        If ``view`` is not a GraphView.
    ParameterError
        On an unknown kind or backend, bad weights, a parameter out of range, or a backend
        whose package is not installed (that error is also an ImportError).

    Examples
    --------
    Two triangles joined by one interaction, and an account that never interacts:

    >>> from einfluence.base.arrays import InteractionArrays
    >>> view = GraphView.from_arrays(InteractionArrays(
    ...     src=np.array([0, 0, 1, 2, 3, 3, 4]), dst=np.array([1, 2, 2, 3, 4, 5, 5]),
    ...     time=np.zeros(7), weight=np.ones(7), kind=np.zeros(7, np.int8),
    ...     post=np.full(7, -1), n_accounts=7))
    >>> part = leiden_communities(view, random_state=0)
    >>> part.n_communities, part.membership.tolist()
    (2, [0, 0, 0, 1, 1, 1, -1])
    >>> round(part.modularity, 4), part.params["backend"]
    (0.3571, 'graspologic')

    Notes
    -----
    Building the graph costs O(m log m) (see :func:`community_graph`); each Leiden iteration
    is about linear in the number of distinct linked pairs. On a generated graph of one
    million accounts and ten million interactions (9.6 million pairs), with the default
    backend, building takes about 4.3 s of CPU (2 s to symmetrise and merge, 2.3 s for the
    compressed rows) and two iterations 35 to 40 s, with a peak RSS of 2.1 GB including the
    view (``benchmarks/bench_communities.py``).

    Backends. graspologic-native reads the compressed rows of the symmetric adjacency in
    place and keeps no global state, so calls in several threads are independent. It has no
    "until stable" mode: with ``n_iterations < 0`` it runs 1, 2, 4... iterations, each run
    afresh from the same seed, until the quality stops rising, at most 64 iterations. It takes 32-bit node ids (fewer than 2**31 accounts).
    igraph's random generator is process-wide: the function swaps it for a seeded one and
    puts Python's :mod:`random` back (igraph's default) afterwards, so concurrent igraph calls
    in other threads are not isolated from it. On the ten-million graph its hand-over
    through Python integers takes 7 to 9 s of CPU (against 2.3 s) but its two iterations
    only 22 to 28 s (against 35 to 40 s): end to end, igraph was 10 to 25% faster on the
    test machine, with the same peak RSS. The quality is the same within seed noise: best
    NMI against the departments of email-Eu-core 0.747 (igraph 0.741, both at resolution 4),
    two-largest accuracy on polblogs 0.959 to 0.960 (igraph 0.960), and on the ten-million
    graph the same modularity (0.79853) and NMI (0.9941)
    (``benchmarks/bench_communities.py --backend igraph``).

    References
    ----------
    .. [1] V. A. Traag, L. Waltman and N. J. van Eck, "From Louvain to Leiden: guaranteeing
       well-connected communities", Scientific Reports 9, 5233, 2019.
       https://doi.org/10.1038/s41598-019-41695-z
    .. [2] M. E. J. Newman, "Analysis of weighted networks", Physical Review E 70, 056131,
       2004. https://doi.org/10.1103/PhysRevE.70.056131
    .. [3] J. Reichardt and S. Bornholdt, "Statistical mechanics of community detection",
       Physical Review E 74, 016110, 2006. https://doi.org/10.1103/PhysRevE.74.016110
    .. [4] graspologic-native, the Rust core of graspologic (graspologic-org, MIT licence),
       https://github.com/graspologic-org/graspologic-native; J. Chung, B. D. Pedigo et al.,
       "GraSPy: Graph Statistics in Python", Journal of Machine Learning Research 20(158),
       2019. https://jmlr.org/papers/v20/19-490.html
    .. [5] G. Csárdi and T. Nepusz, "The igraph software package for complex network
       research", InterJournal Complex Systems 1695, 2006. https://igraph.org
    """
    if not isinstance(view, UndirectedEdges):
        view = check_view(view)
    elif edge_weight is not None:
        raise ParameterError("edge_weight applies to a GraphView; the community graph given is already weighed")
    kinds = check_kinds(kinds)
    check_scalar(resolution, "resolution", numbers.Real, min_val=0.0, include_min=False)
    check_scalar(n_iterations, "n_iterations", numbers.Integral)
    if n_iterations == 0:
        raise ParameterError("n_iterations must be positive, or negative for 'until stable'")
    check_scalar(beta, "beta", numbers.Real, min_val=0.0, include_min=False)
    check_scalar(min_size, "min_size", numbers.Integral, min_val=1)
    backend = check_backend(backend)
    rng = check_random_state(random_state)
    seed = int(rng.integers(0, 2**31 - 1))

    edges = view if isinstance(view, UndirectedEdges) else undirected_edges(view, kinds, bool(weighted), edge_weight)
    del view  # the caller may have let go of it: the interactions are not needed any more
    labels = leiden_membership(
        edges, backend=backend, resolution=float(resolution), n_iterations=int(n_iterations),
        beta=float(beta), seed=seed,
    )
    linked = edges.degree() > 0
    membership = _relabel(labels, linked, int(min_size))
    sizes = np.bincount(membership[membership >= 0]).astype(np.int64)
    params = {
        "resolution": float(resolution),
        "kinds": kinds,
        "weighted": bool(weighted) if edge_weight is None else "edge_weight",
        "n_iterations": int(n_iterations),
        "beta": float(beta),
        "min_size": int(min_size),
        "random_state": int(random_state)
        if isinstance(random_state, numbers.Integral)
        else None,
        "seed": seed,
        "backend": backend,
        "backend_version": backend_version(backend),
    }
    return CommunityPartition(
        membership=membership,
        modularity=_modularity(edges, membership),
        sizes=sizes,
        n_communities=int(sizes.size),
        params=params,
    )
