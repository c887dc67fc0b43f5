"""The influence graph of a window: from who-acted-towards-whom to who-can-activate-whom.

Interactions point from the actor to the account acted upon (``v`` follows, relays, replies
to ``u``); influence flows back (``u`` can activate ``v``). :func:`influence_graph` turns the
interaction arcs of a window into a :class:`~einfluence.graph.DiffusionGraph` and puts on it
the probabilities (independent cascade) or weights (linear threshold) that
``probabilities`` names.
"""

from __future__ import annotations

import re

import numpy as np

from einfluence.base.arrays import ArcArrays
from einfluence.diffusion.learning import ActionLog, em_probabilities, goyal_probabilities
from einfluence.diffusion.probabilities import (
    check_lt_weights,
    constant,
    lt_weights,
    trivalency,
    weighted_cascade,
)
from einfluence.exceptions import ParameterError
from einfluence.graph.diffusion import DiffusionGraph

__all__ = ["DIFFUSION_REACTIONS", "DIFFUSION_TIES", "PROBABILITY_RULES", "influence_graph", "parse_probabilities"]

#: the standing ties of attention that carry influence (when the data has follows)
DIFFUSION_TIES = ("follow", "subscription", "hyperlink")
#: interaction kinds that carry influence when the data holds no follow graph
DIFFUSION_REACTIONS = ("relay", "quote", "reply", "mention", "hyperlink")
#: the names ``probabilities`` accepts (besides ``constant:P``)
PROBABILITY_RULES = ("stored", "wc", "trivalency", "learned", "em")
_CONSTANT = re.compile(r"^constant:(\d*\.?\d+(?:[eE]-?\d+)?)$")


def parse_probabilities(spec: str) -> tuple[str, float | None]:
    """``stored``, ``wc``, ``trivalency``, ``learned``, ``em`` or ``constant:P`` -> ``(rule, P)``.

    Examples
    --------
    >>> parse_probabilities("constant:0.05"), parse_probabilities("wc")
    (('constant', 0.05), ('wc', None))
    """
    spec = spec.strip()
    if spec in PROBABILITY_RULES:
        return spec, None
    match = _CONSTANT.match(spec)
    if match:
        p = float(match.group(1))
        if not 0 < p <= 1:
            raise ParameterError(f"constant:P needs 0 < P <= 1, got {p}", parameter="probabilities")
        return "constant", p
    raise ParameterError(f"expected {', '.join(PROBABILITY_RULES)} or constant:P, got {spec!r}",
                         parameter="probabilities")


def influence_graph(
    arcs: ArcArrays,
    *,
    probabilities: str = "wc",
    model: str = "ic",
    actions: ActionLog | None = None,
    random_state: int = 0,
) -> DiffusionGraph:
    """The influence graph of interaction arcs, with probabilities (IC) or weights (LT).

    Parameters
    ----------
    arcs : ArcArrays
        Who acted towards whom (``src`` followed, relayed... ``dst``); repeated arcs merge.
    probabilities : str
        ``stored`` (the interactions' own weights, for example an IMM file's), ``wc``
        (weighted cascade, ``1/in-degree``; the LT weights too), ``trivalency``,
        ``constant:P``, ``learned`` (Goyal et al. from ``actions``) or ``em`` (Saito et al.'s
        expectation-maximisation on ``actions``).
    model : {"ic", "lt"}
    actions : ActionLog, optional
        The cascades to learn from (``learned``, ``em``; see
        :func:`~einfluence.diffusion.action_log`).
    random_state : int
        Seed of ``trivalency``.

    Returns
    -------
    DiffusionGraph

    Raises
    ------
    ParameterError
        On an unknown rule or model, stored weights outside [0, 1], no arc, or learned
        probabilities without cascades.
    """
    if model not in ("ic", "lt"):
        raise ParameterError(f"expected ic or lt, got {model!r}", parameter="model")
    rule, p = parse_probabilities(probabilities)
    if rule == "stored" and arcs.weight.size and (arcs.weight.min() < 0 or arcs.weight.max() > 1):
        raise ParameterError("the interactions' stored weights are not probabilities in [0, 1]",
                             parameter="probabilities")
    # interactions point from the actor to the account acted upon; influence flows back
    g = DiffusionGraph.from_arcs(arcs.dst, arcs.src, arcs.weight if rule == "stored" else 1.0,
                                 n_nodes=arcs.n_accounts, duplicates="max")
    if g.n_arcs == 0:
        raise ParameterError("no interaction of these kinds in this window: no influence graph", parameter="kinds")
    if rule == "stored":
        return check_lt_weights(g) if model == "lt" else g
    if rule == "wc":
        return lt_weights(g) if model == "lt" else weighted_cascade(g)
    if rule == "constant":
        return constant(g, float(p))  # type: ignore[arg-type]
    if rule == "trivalency":
        return trivalency(g, random_state=random_state)
    g = _learned(g, rule, actions)
    return lt_weights(g, weight=g.prob) if model == "lt" else g


def _learned(g: DiffusionGraph, rule: str, actions: ActionLog | None) -> DiffusionGraph:
    if actions is None or actions.account.size == 0:
        raise ParameterError(
            "learned probabilities need cascades (posts relaying, quoting or replying to a root post); "
            "this window has none: use wc or constant:P", parameter="probabilities",
        )
    inside = actions.account < g.n_nodes
    cascade, account, time = actions.cascade[inside], actions.account[inside], actions.time[inside]
    if rule == "em":
        prob = em_probabilities(g, cascade, account, time)
    else:
        parent = actions.parent[inside] if actions.parent is not None else np.full(account.size, -1)
        prob = goyal_probabilities(g, cascade, account, time, parent=np.where(parent < g.n_nodes, parent, -1))
    return g.with_prob(np.clip(prob, 0.0, 1.0))
