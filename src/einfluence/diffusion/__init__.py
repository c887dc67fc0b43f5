"""Diffusion models: how influence flows (independent cascade, linear threshold, continuous time),
with probabilities that are given, derived from the graph or learned from the action log."""

from einfluence.diffusion.learning import ActionLog, em_probabilities, goyal_probabilities
from einfluence.diffusion.message import message_probabilities, message_relevance
from einfluence.diffusion.probabilities import (
    check_lt_weights,
    constant,
    lt_weights,
    trivalency,
    weighted_cascade,
)
from einfluence.diffusion.simulate import SpreadEstimate, sample_cascades, simulate
from einfluence.graph.diffusion import DiffusionGraph

__all__ = [
    "ActionLog",
    "DiffusionGraph",
    "SpreadEstimate",
    "check_lt_weights",
    "constant",
    "em_probabilities",
    "goyal_probabilities",
    "lt_weights",
    "message_probabilities",
    "message_relevance",
    "sample_cascades",
    "simulate",
    "trivalency",
    "weighted_cascade",
]
