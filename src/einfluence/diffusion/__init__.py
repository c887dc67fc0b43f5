"""Diffusion models: how influence flows (independent cascade, linear threshold, continuous time),
with probabilities that are given, derived from the graph or learned from the action log."""

from einfluence.diffusion.graph import DiffusionGraph

__all__ = ["DiffusionGraph"]
