"""Numeric graph views of the store for a time window (CSR arrays over dense account ids)."""

from einfluence.graph.view import GraphView, graph_view

__all__ = ["GraphView", "graph_view"]
