"""Small graph builders shared by the community tests."""

from __future__ import annotations

import networkx as nx
import numpy as np

from einfluence.base.arrays import InteractionArrays
from einfluence.base.kinds import INTERACTION_KINDS
from einfluence.graph.view import GraphView


def make_view(src, dst, n, kind="relay", weight=None) -> GraphView:
    """A view of interactions ``src -> dst`` (one kind name, or a list of names)."""
    src = np.asarray(src, dtype=np.int64)
    dst = np.asarray(dst, dtype=np.int64)
    if isinstance(kind, str):
        codes = np.full(src.size, INTERACTION_KINDS.index(kind), np.int8)
    else:
        codes = np.array([INTERACTION_KINDS.index(k) for k in kind], np.int8)
    w = np.ones(src.size) if weight is None else np.asarray(weight, dtype=np.float64)
    return GraphView.from_arrays(
        InteractionArrays(
            src=src, dst=dst, time=np.arange(src.size), weight=w, kind=codes,
            post=np.full(src.size, -1), n_accounts=n,
        )
    )


def view_of_networkx(graph: nx.Graph, kind: str = "relay", weight: str | None = None) -> GraphView:
    """One interaction per networkx edge (nodes must be 0..n-1)."""
    edges = list(graph.edges(data=True))
    src = [u for u, _, _ in edges]
    dst = [v for _, v, _ in edges]
    w = None if weight is None else [d.get(weight, 1.0) for _, _, d in edges]
    return make_view(src, dst, graph.number_of_nodes(), kind=kind, weight=w)


def planted_partition(n_blocks=4, size=60, p_in=0.3, p_out=0.01, seed=0):
    """A stochastic block model as a view, with its blocks."""
    graph = nx.planted_partition_graph(n_blocks, size, p_in, p_out, seed=seed)
    blocks = np.repeat(np.arange(n_blocks), size)
    return view_of_networkx(graph), blocks
