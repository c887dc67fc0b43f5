"""The parameters of the einfluence score and the names of its inputs.

Kept apart from :mod:`einfluence.scoring.score` (which computes the score and imports the graph
kernels) so that reading a stored score run, its parameters and its components imports no
compiled code: ``einfluence rank`` on a stored run starts in half the time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from einfluence.base.validation import check_scalar
from einfluence.exceptions import ParameterError

__all__ = ["COMPONENTS", "DEFAULT_WEIGHTS", "EXTRA_INPUTS", "INPUTS", "SCORE_REVISION", "ScoreParams"]

#: The components, in the order they are shown.
COMPONENTS: tuple[str, ...] = ("reach", "amplification", "depth", "impact", "momentum")

#: Default weight of each component in the index.
DEFAULT_WEIGHTS: dict[str, float] = {
    "reach": 1.0,
    "amplification": 0.25,
    "depth": 0.1,
    "impact": 0.1,
    "momentum": 0.2,
}

#: Classic measures a calibration may weigh beside the components (default weight 0). They
#: enter the index as their percentile among the network's active accounts (0 for a value of
#: 0), without the evidence factor: an account nobody reacted to can show its own activity.
#: ``activity`` is time-decayed like the components; the others are not.
EXTRA_INPUTS: dict[str, str] = {
    "activity": "acts of the account itself (relays, replies, mentions ... made), time-decayed: "
                "past activity, a predictor of later influence in Bakshy et al. (WSDM 2011)",
    "k_core": "core number of the undirected reaction graph (Kitsak et al., Nature Physics 2010)",
    "ip_influence": "influence of the influence-passivity algorithm (Romero et al., WWW 2011)",
}

#: Everything the index can weigh: the components, then the extra inputs.
INPUTS: tuple[str, ...] = COMPONENTS + tuple(EXTRA_INPUTS)

#: Revision of how the score is computed, recorded in each run's request: a run stored by an
#: earlier revision stays readable but is not reused for a new request (it is computed again).
#: 2: each network on its own clock (:func:`~einfluence.scoring.score.decay_clock`).
SCORE_REVISION = 2

@dataclass(frozen=True)
class ScoreParams:
    """Parameters of a score run (stored with it, so that every score can be reproduced).

    Attributes
    ----------
    half_life_hours : float or None
        Half-life of the time decay of reactions; None (the default) takes
        ``half_life_fraction`` of the window's span (from its first timed event to its end), so
        that a week of tweets and five years of cascades both fade at the pace of their own
        time scale.
    momentum_half_life_hours : float or None
        Half-life of the *momentum* component (recent reach); None takes an eighth of the
        decay half-life.
    weights : dict
        Weight of each component in the index (and of the extra inputs of
        :data:`EXTRA_INPUTS`, 0 unless a calibration chose otherwise).
    decades : float
        Decades of the tail calibration: the score reaches 100 at ``p = 10**-decades``.
    depth_gap_hours : float
        For data without post structure: how soon a relay must be relayed to count as a
        second hop (see :func:`~einfluence.scoring.cascades.amplification_depth`).
    evidence : float
        Shrinkage towards no influence of accounts with few distinct reactors: the index is
        multiplied by ``r / (r + evidence)`` (``r`` the number of distinct reactors in the
        window), so that one enthusiastic fan is not mistaken for influence. 0 disables it.
    half_life_fraction : float or None
        The share of the window's span that makes the half-life when ``half_life_hours`` is
        None; None means a quarter. A calibration chooses it from the data.
    """

    half_life_hours: float | None = None
    momentum_half_life_hours: float | None = None
    weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    decades: float = 6.0
    depth_gap_hours: float = 24.0
    evidence: float = 5.0
    half_life_fraction: float | None = None

    def validated(self) -> ScoreParams:
        for name in ("half_life_hours", "momentum_half_life_hours", "half_life_fraction"):
            if getattr(self, name) is not None:
                check_scalar(getattr(self, name), name, min_val=0, include_min=False)
        check_scalar(self.decades, "decades", min_val=0, include_min=False)
        check_scalar(self.depth_gap_hours, "depth_gap_hours", min_val=0, include_min=False)
        check_scalar(self.evidence, "evidence", min_val=0)
        unknown = set(self.weights) - set(INPUTS)
        if unknown:
            raise ParameterError(f"unknown component(s) {sorted(unknown)} (known: {', '.join(INPUTS)})")
        for name, weight in self.weights.items():
            check_scalar(weight, f"weights[{name!r}]", min_val=0)
        if not any(self.weights.get(c, 0) > 0 for c in INPUTS):
            raise ParameterError("at least one component needs a positive weight")
        return self

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["weights"] = {c: float(self.weights.get(c, 0.0)) for c in COMPONENTS}
        # the extra inputs and the fraction only when used: a default run's record is unchanged
        out["weights"].update({c: float(self.weights[c]) for c in EXTRA_INPUTS if self.weights.get(c, 0) > 0})
        if self.half_life_fraction is None:
            del out["half_life_fraction"]
        return out

