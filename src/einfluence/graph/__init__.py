"""The graph toolkit every analysis shares: containers of the interaction graph and edge selection.

* :class:`GraphView` (:mod:`~einfluence.graph.view`) — the directed interaction multigraph of a
  window in compressed sparse rows, one entry per interaction with its time, kind, weight and
  post: what the scores, topics, briefs, communities and the funnel read.
* :class:`DiffusionGraph` (:mod:`~einfluence.graph.diffusion`) — the influence graph of the
  diffusion models: unique arcs, one probability (or linear-threshold weight) each.
* :class:`UndirectedEdges` (:mod:`~einfluence.graph.undirected`) — the symmetrised, merged,
  weighted ties that community detection and brokerage need.
* :mod:`~einfluence.graph.selection` — which edges count: kinds, self-interactions, weights,
  distinct pairs (:func:`edge_mask`, :func:`distinct_pairs`...).
* :func:`csr_from_arcs` (:mod:`~einfluence.graph.csr`) — compressed rows from arc lists in
  linear time.

The reverse-reachable samplers of :mod:`einfluence.targeting` keep one more layout of their own
(``InGraph``: in-arcs with int32 offsets and per-node probabilities), because their kernels read
it in a way none of these containers allows; its docstring says why.

Graphs are built from the arrays of :mod:`einfluence.base.arrays`; reading a window of the
store into them is the workspace's job (:meth:`einfluence.Workspace.graph`), so nothing here
imports the store.
"""

from einfluence.graph.csr import DUPLICATE_RULES, csr_from_arcs
from einfluence.graph.diffusion import DiffusionGraph
from einfluence.graph.selection import (
    check_kinds,
    check_view,
    distinct_pairs,
    edge_mask,
    edge_weights,
    post_kind_mask,
    selected_edges,
)
from einfluence.graph.undirected import UndirectedEdges, undirected_edges
from einfluence.graph.view import GraphView

__all__ = [
    "DUPLICATE_RULES",
    "DiffusionGraph",
    "GraphView",
    "UndirectedEdges",
    "check_kinds",
    "check_view",
    "csr_from_arcs",
    "distinct_pairs",
    "edge_mask",
    "edge_weights",
    "post_kind_mask",
    "selected_edges",
    "undirected_edges",
]
