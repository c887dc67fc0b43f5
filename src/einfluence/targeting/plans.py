"""Campaign plans: what an influencer costs, and how plans of the same budget compare.

A plan is a set of accounts to activate (the *seeds* of a message). :func:`rate_card_costs`
prices each account; :func:`fill_budget` turns a ranking into the plan a budget buys;
:func:`evaluate_plan` simulates a plan on the influence graph and reports its reach in the
target with a 95 % interval, per contact and per unit spent; :func:`seed_overlap` says how much
of each chosen influencer's own reach the others already cover. The comparison of the targeted
plan with the blanket, top-audience and top-score plans that agencies use [1]_ is built from
these.

References
----------
.. [1] D. Kempe, J. Kleinberg and É. Tardos, "Maximizing the spread of influence through a
   social network", Proc. KDD 2003, pp. 137-146. https://doi.org/10.1145/956750.956769
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from einfluence.base.unique import unique_ints
from einfluence.diffusion.simulate import SpreadEstimate, simulate
from einfluence.exceptions import ParameterError
from einfluence.graph.diffusion import DiffusionGraph

__all__ = [
    "DEFAULT_RATE_CARD",
    "estimate_figures",
    "evaluate_plan",
    "fill_budget",
    "rate_card_costs",
    "seed_overlap",
    "target_size",
    "target_weights",
]

#: the default cost of an influencer: a fixed fee plus a rate per thousand of audience
DEFAULT_RATE_CARD: dict[str, float] = {"base": 50.0, "per_thousand": 10.0}


def rate_card_costs(
    audience: np.ndarray,
    *,
    rate_card: Mapping[str, float] | None = None,
    price_list: Mapping[int, float] | None = None,
) -> np.ndarray:
    """Cost of activating each account: its listed price, else ``base + per_thousand × audience / 1000``.

    Parameters
    ----------
    audience : numpy.ndarray of float
        Audience size of every account (followers).
    rate_card : mapping, optional
        ``base`` and ``per_thousand`` (defaults :data:`DEFAULT_RATE_CARD`).
    price_list : mapping of int to float, optional
        Account id -> price, overriding the rate card.

    Raises
    ------
    ParameterError
        If a listed price is not positive.

    Examples
    --------
    >>> rate_card_costs(np.array([0.0, 2000.0]), price_list={0: 30.0}).tolist()
    [30.0, 70.0]
    """
    card = {**DEFAULT_RATE_CARD, **(rate_card or {})}
    cost = card["base"] + card["per_thousand"] * np.asarray(audience, dtype=np.float64) / 1000.0
    for account, price in (price_list or {}).items():
        if not price > 0:
            raise ParameterError(f"the price of account {account} must be positive, got {price}", parameter="price_list")
        cost[int(account)] = float(price)
    return cost


def fill_budget(order: np.ndarray, costs: np.ndarray, budget: float) -> np.ndarray:
    """The accounts taken in ``order`` while they fit in the budget (those that do not are skipped).

    Examples
    --------
    >>> fill_budget(np.array([2, 0, 1]), np.array([5.0, 1.0, 4.0]), 6.0).tolist()
    [2, 1]
    """
    cumulative, chosen = 0.0, []
    cheapest = float(costs.min()) if costs.size else 0.0
    for account in order:  # stops early: a budget buys few accounts
        if cumulative + costs[account] <= budget:
            cumulative += costs[account]
            chosen.append(int(account))
        if cumulative >= budget - cheapest:
            break
    return np.asarray(chosen, dtype=np.int64)


def target_size(target: np.ndarray) -> float:
    """The size of a target given as account ids (distinct ones), a mask or weights."""
    t = np.asarray(target)
    return float(t.sum()) if t.dtype == bool or np.issubdtype(t.dtype, np.floating) else float(unique_ints(t).size)


def target_weights(target: np.ndarray | None, n: int) -> np.ndarray | None:
    """A target as per-account weights of length ``n`` (account ids, a mask or weights accepted).

    Examples
    --------
    >>> target_weights(np.array([1, 3]), 4).tolist()
    [0.0, 1.0, 0.0, 1.0]
    """
    if target is None:
        return None
    t = np.asarray(target)
    out = np.zeros(n)
    if t.dtype == bool or (np.issubdtype(t.dtype, np.floating) and t.size == n):
        out[: min(n, t.size)] = t[:n]
    else:
        out[t[t < n].astype(np.int64)] = 1.0
    return out


def estimate_figures(estimate: SpreadEstimate) -> dict[str, Any]:
    """The JSON-ready figures of a :class:`~einfluence.diffusion.SpreadEstimate` (NaN as None)."""

    def clean(x: Any) -> float | None:
        return None if x is None or np.isnan(float(x)) else float(x)

    return {
        "expected_spread": clean(estimate.mean),
        "std_error": clean(estimate.std_error),
        "ci95": [clean(estimate.ci_low), clean(estimate.ci_high)],
        "expected_target_reach": clean(estimate.target_mean),
        "target_std_error": clean(estimate.target_std_error),
        "beyond_first_hop": clean(estimate.beyond_first_hop),
        "mean_max_depth": clean(estimate.mean_max_depth),
        "spread_by_step": [float(v) for v in np.asarray(estimate.spread_by_step)],
        "n_simulations": int(estimate.n_simulations),
        "seed": int(estimate.seed),
        "model": estimate.model,
    }


def evaluate_plan(
    g: DiffusionGraph,
    seeds: Sequence[int] | np.ndarray,
    costs: np.ndarray,
    budget: float,
    *,
    name: str,
    description: str,
    model: str = "ic",
    target: np.ndarray | None = None,
    n_simulations: int = 2000,
    random_state: int = 0,
) -> dict[str, Any]:
    """Simulate a plan and report its reach (in the target when there is one) with its 95 % interval.

    Returns
    -------
    dict
        ``plan``, ``description``, ``contacts``, ``cost``, ``over_budget``, ``reach``,
        ``reach_ci95``, ``total_spread``, ``beyond_first_hop``, ``reach_per_cost``,
        ``reach_per_contact``.
    """
    ids = np.asarray(seeds, dtype=np.int64)
    est = simulate(g, ids, model=model, n_simulations=n_simulations, random_state=random_state, target=target)
    figures = estimate_figures(est)
    targeted = target is not None
    reach = figures["expected_target_reach"] if targeted else figures["expected_spread"]
    reach_se = figures["target_std_error"] if targeted else figures["std_error"]
    cost = float(costs[ids].sum())
    return {
        "plan": name, "description": description, "contacts": int(ids.size), "cost": cost,
        "over_budget": bool(cost > budget + 1e-9), "reach": reach,
        "reach_ci95": [reach - 1.96 * reach_se, reach + 1.96 * reach_se],
        "total_spread": figures["expected_spread"], "beyond_first_hop": figures["beyond_first_hop"],
        "reach_per_cost": reach / cost if cost else None,
        "reach_per_contact": reach / ids.size if ids.size else None,
    }


def seed_overlap(
    g: DiffusionGraph,
    seeds: np.ndarray,
    marginal: np.ndarray,
    *,
    model: str = "ic",
    target: np.ndarray | None = None,
    n_simulations: int = 500,
    random_state: int = 0,
) -> list[dict[str, float | None]]:
    """Each chosen seed's reach alone, and the share of it the seeds chosen before already cover.

    ``overlap = 1 - marginal / standalone``: 0 when the seed reaches people nobody else in the
    plan reaches, near 1 when it adds little.
    """
    out: list[dict[str, float | None]] = []
    for seed, gain in zip(np.asarray(seeds, dtype=np.int64), marginal, strict=True):
        est = simulate(g, [int(seed)], model=model, n_simulations=n_simulations, random_state=random_state,
                       target=target)
        alone = float(est.target_mean if target is not None else est.mean)
        out.append({"marginal_reach": float(gain), "standalone_reach": alone,
                    "overlap": float(max(0.0, 1.0 - gain / alone)) if alone > 0 else None})
    return out
