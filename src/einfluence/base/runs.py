"""What a stored score run's parameters say, read the same way by every interface (no computation)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["run_half_lives"]


def run_half_lives(params: Mapping[str, Any]) -> list[tuple[str | None, float, float]]:
    """The half-lives a stored score run used, from its parameters: ``[(None, half_life,
    momentum_half_life)]``, or one ``(network, half_life, momentum_half_life)`` per network when
    the networks were on clocks of their own (:func:`einfluence.scoring.score.decay_clock`).

    Examples
    --------
    >>> run_half_lives({"half_life_hours": 42.0, "momentum_half_life_hours": 5.25})
    [(None, 42.0, 5.25)]
    >>> run_half_lives({"half_life_hours": None, "momentum_half_life_hours": None, "clocks": {
    ...     "higgs": {"half_life_hours": 42.0, "momentum_half_life_hours": 5.25, "reference_time_us": 0}}})
    [('higgs', 42.0, 5.25)]
    """
    clocks = params.get("clocks") or {}
    if params.get("half_life_hours") is not None or not clocks:
        return [(None, float(params["half_life_hours"]), float(params["momentum_half_life_hours"]))]
    return [(name, float(c["half_life_hours"]), float(c["momentum_half_life_hours"])) for name, c in clocks.items()]
