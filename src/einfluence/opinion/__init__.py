"""Opinion dynamics: where opinions of a brand settle, and how many advocates tip a community."""

from einfluence.opinion.discrete import MODELS, DiscreteRuns, simulate_opinions
from einfluence.opinion.linear import SteadyState, degroot, degroot_consensus, friedkin_johnsen
from einfluence.opinion.network import InfluenceNetwork

__all__ = [
    "MODELS",
    "DiscreteRuns",
    "InfluenceNetwork",
    "SteadyState",
    "degroot",
    "degroot_consensus",
    "friedkin_johnsen",
    "simulate_opinions",
]
