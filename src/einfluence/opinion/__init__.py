"""Opinion dynamics: where opinions of a brand settle, and how many advocates tip a community.

Social influence comes in three classic kinds, each with its models here:

* **conformity** — accounts align with those they listen to: the voter model, majority rule and
  the q-voter (:mod:`~einfluence.opinion.discrete`), DeGroot averaging
  (:mod:`~einfluence.opinion.linear`);
* **obedience to authority** — stubborn accounts (the brand, committed advocates) move the others
  while they do not move: Friedkin-Johnsen steady states (:mod:`~einfluence.opinion.linear`),
  and whom to convert to move a community most (:mod:`~einfluence.opinion.advocates`);
* **innovation** — a small, consistent minority converts the majority: the binary-agreement naming
  game with committed agents and its tipping point (:mod:`~einfluence.opinion.discrete`,
  :mod:`~einfluence.opinion.tipping`);

and bounded confidence for echo chambers (:mod:`~einfluence.opinion.bounded_confidence`).

The models run on an :class:`InfluenceNetwork` (who listens to whom, from the interaction graph of a
window: an interaction ``u -> v`` is attention ``u`` paid to ``v``), from :class:`Opinions` measured
by the perception analysis (:mod:`~einfluence.opinion.initial`). Nothing here reads the store;
:meth:`einfluence.Workspace.opinion_tipping` and its siblings tie the models to the data.
"""

from einfluence.opinion.advocates import AdvocateSelection, converted_mean, greedy_advocates
from einfluence.opinion.bounded_confidence import (
    Clusters,
    deffuant,
    hegselmann_krause,
    opinion_clusters,
)
from einfluence.opinion.discrete import MODELS, SIDES, DiscreteRuns, simulate_opinions, wilson
from einfluence.opinion.initial import UNDECIDED_RULES, Opinions, opinions_from_perception
from einfluence.opinion.linear import (
    SteadyState,
    attention_susceptibility,
    degroot,
    degroot_consensus,
    friedkin_johnsen,
)
from einfluence.opinion.network import InfluenceNetwork
from einfluence.opinion.tipping import TippingPoint, isotonic, tipping_point

__all__ = [
    "MODELS",
    "SIDES",
    "UNDECIDED_RULES",
    "AdvocateSelection",
    "Clusters",
    "DiscreteRuns",
    "InfluenceNetwork",
    "Opinions",
    "SteadyState",
    "TippingPoint",
    "attention_susceptibility",
    "converted_mean",
    "deffuant",
    "degroot",
    "degroot_consensus",
    "friedkin_johnsen",
    "greedy_advocates",
    "hegselmann_krause",
    "isotonic",
    "opinion_clusters",
    "opinions_from_perception",
    "simulate_opinions",
    "tipping_point",
    "wilson",
]
