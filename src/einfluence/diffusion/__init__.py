"""Diffusion models: how influence flows (independent cascade, linear threshold, continuous time),
with probabilities that are given, derived from the graph or learned from the action log."""

from einfluence.diffusion.influence import (
    DIFFUSION_REACTIONS,
    DIFFUSION_TIES,
    PROBABILITY_RULES,
    influence_graph,
    parse_probabilities,
)
from einfluence.diffusion.learning import (
    ActionLog,
    action_log,
    em_probabilities,
    goyal_probabilities,
)
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
    "DIFFUSION_REACTIONS",
    "DIFFUSION_TIES",
    "PROBABILITY_RULES",
    "ActionLog",
    "DiffusionGraph",
    "SpreadEstimate",
    "action_log",
    "check_lt_weights",
    "constant",
    "em_probabilities",
    "goyal_probabilities",
    "influence_graph",
    "lt_weights",
    "message_probabilities",
    "message_relevance",
    "parse_probabilities",
    "sample_cascades",
    "simulate",
    "trivalency",
    "weighted_cascade",
]
