"""Budgeted seed selection: accounts have costs (fees), the campaign has a budget.

The greedy by marginal gain per unit cost can be arbitrarily bad alone (one expensive account
worth more than many cheap ones), and so can the greedy by gain alone; the best of the
cost-effective greedy and of the best single affordable account reaches ``(1 - 1/e)/2`` of the
optimum (Khuller, Moss and Naor [1]_; Leskovec et al. [2]_ take the best of the two greedy
rules, with the same guarantee). Here the spread is the RR-set coverage of IMM [3]_, so the
result holds ``(1 - 1/e)/2 - ε`` of the optimum with probability ``1 - 1/n^ℓ``.

References
----------
.. [1] S. Khuller, A. Moss and J. Naor, "The budgeted maximum coverage problem", Information
   Processing Letters 70(1), 1999, pp. 39-45. https://doi.org/10.1016/S0020-0190(99)00031-9
.. [2] J. Leskovec, A. Krause, C. Guestrin, C. Faloutsos, J. VanBriesen and N. Glance,
   "Cost-effective outbreak detection in networks", Proc. KDD 2007, pp. 420-429.
   https://doi.org/10.1145/1281192.1281239
.. [3] Y. Tang, Y. Shi and X. Xiao, "Influence maximization in near-linear time: a martingale
   approach", Proc. SIGMOD 2015, pp. 1539-1554. https://doi.org/10.1145/2723372.2723734
"""

from __future__ import annotations

import math
import numbers
import time
from collections.abc import Iterable

import numpy as np

from einfluence.base.random import base_seed
from einfluence.base.validation import check_scalar
from einfluence.exceptions import ParameterError
from einfluence.graph.diffusion import DiffusionGraph
from einfluence.targeting._common import InGraph, RRSampler
from einfluence.targeting._kernels.coverage import (
    budget_greedy,
    coverage_of,
    index_rr_sets,
    rr_arrays,
)
from einfluence.targeting.imm import DEFAULT_MEMORY_LIMIT, SeedSet, prepare, run_imm

__all__ = ["budgeted_imm"]

_RULES = ("best", "ratio", "unit")
_HALF_RATIO = (1.0 - 1.0 / math.e) / 2.0


def _select(
    nodes: np.ndarray,
    offsets: np.ndarray,
    n: int,
    costs: np.ndarray,
    budget: float,
    forced: np.ndarray,
    allowed: np.ndarray,
    rule: str,
) -> tuple[np.ndarray, np.ndarray, str]:
    """The seeds of one rule (or the best of the three) on fixed RR sets."""
    nodes, offsets = rr_arrays(nodes, offsets)  # once for the three candidates
    index = index_rr_sets(nodes, offsets, 0, n, 1)  # and the sets' index: the greedies only read it
    candidates: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    if rule in ("best", "ratio"):
        candidates["ratio"] = budget_greedy(nodes, offsets, n, costs, budget, forced, allowed, True, index)
    if rule in ("best", "unit"):
        candidates["unit"] = budget_greedy(nodes, offsets, n, costs, budget, forced, allowed, False, index)
    if rule == "best":
        # the best single affordable account on top of the forced ones
        left = budget - costs[forced].sum()
        if forced.size and offsets.size > 1:  # RR sets are never empty: reduceat is safe
            is_forced = np.zeros(n, bool)
            is_forced[forced] = True
            done = np.logical_or.reduceat(is_forced[nodes], offsets[:-1])
            cover = np.bincount(nodes[~np.repeat(done, np.diff(offsets))], minlength=n)
        else:
            cover = np.diff(index[0])  # the RR sets holding each node (a set's nodes are distinct)
        ok = allowed & (costs <= left)
        ok[forced] = False
        if ok.any():
            best = int(np.flatnonzero(ok)[np.argmax(cover[ok])])
            single = np.concatenate((forced, [best])).astype(np.int64)
        else:
            single = forced.astype(np.int64)
        candidates["single"] = (single, coverage_of(nodes, offsets, n, single))
    name = max(candidates, key=lambda key: (int(candidates[key][1].sum()), key == "ratio"))
    seeds, gains = candidates[name]
    return seeds, gains, name


def budgeted_imm(
    g: DiffusionGraph,
    costs: np.ndarray | Iterable[float],
    budget: float,
    *,
    rule: str = "best",
    epsilon: float = 0.1,
    ell: float = 1.0,
    model: str = "ic",
    target: Iterable[int] | np.ndarray | None = None,
    random_state: int | np.random.Generator | None = None,
    exclude: Iterable[int] | np.ndarray | None = None,
    include: Iterable[int] | np.ndarray | None = None,
) -> SeedSet:
    """Choose seeds of near-maximum expected spread whose total cost fits in a budget.

    Parameters
    ----------
    g : DiffusionGraph
    costs : array-like of float, shape (n_nodes,)
        Positive cost of each account (its fee, its effort...).
    budget : float
        Most the seeds may cost together, > 0.
    rule : {"best", "ratio", "unit"}
        ``"best"`` (default) keeps the best of the cost-effective greedy (gain per unit cost),
        the unit-cost greedy (gain alone, while affordable) and the best single affordable
        account: the guaranteed choice. ``"ratio"`` and ``"unit"`` run one rule (no guarantee).
    epsilon, ell, model, target, random_state, exclude, include
        As in :func:`einfluence.targeting.imm`. Included accounts are paid first.

    Returns
    -------
    SeedSet
        With ``cost`` (total cost of the seeds), ``budget``, ``approximation`` =
        ``(1 - 1/e)/2 - ε`` for ``rule="best"`` (None otherwise), and ``extra["rule"]``, the
        rule that won.

    Raises
    ------
    ParameterError
        On non-positive costs or budget, included accounts above the budget, or the errors of
        :func:`einfluence.targeting.imm`.

    Examples
    --------
    >>> g = DiffusionGraph.from_arcs([0, 0, 0, 1, 2], [3, 4, 5, 6, 7], 1.0, n_nodes=8)
    >>> costs = np.array([3.0, 1.0, 1.0, 1, 1, 1, 1, 1])
    >>> result = budgeted_imm(g, costs, 2.0, epsilon=0.5, random_state=0)
    >>> sorted(result.seeds.tolist()), result.cost  # hub 0 (reach 4) costs too much
    ([1, 2], 2.0)

    Notes
    -----
    The RR sets are sampled as in IMM with ``k`` the largest number of accounts the budget can
    buy (in ``log C(n, k)``) and the selection's ratio ``(1 - 1/e)/2`` in λ*. Node selection is
    a lazy (CELF) greedy over the RR-set coverage: ``O(total size · log n)``.
    """
    started = time.perf_counter()
    g, model, weights, forced, allowed = prepare(g, model, target, exclude, include)
    n = g.n_nodes
    c = np.asarray(costs, dtype=np.float64)
    if c.shape != (n,):
        raise ParameterError(f"costs must have shape ({n},), got {c.shape}")
    if not np.isfinite(c).all() or (c <= 0).any():
        raise ParameterError("costs must be finite and positive")
    check_scalar(budget, "budget", numbers.Real, min_val=0.0, include_min=False)
    check_scalar(epsilon, "epsilon", numbers.Real, min_val=0.0, max_val=1.0, include_min=False, include_max=False)
    check_scalar(ell, "ell", numbers.Real, min_val=0.0, include_min=False)
    if rule not in _RULES:
        raise ParameterError(f"rule must be one of {_RULES}, got {rule!r}")
    budget = float(budget)
    if c[forced].sum() > budget:
        raise ParameterError(f"the included accounts cost {c[forced].sum():g}, above the budget {budget:g}")
    k_bound = max(int(np.searchsorted(np.cumsum(np.sort(c[allowed])), budget, side="right")), 1)
    seed = base_seed(random_state)
    sampler = RRSampler(InGraph(g, model), weights, seed)
    won = {"rule": rule}

    def select(nodes: np.ndarray, offsets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        seeds, gains, name = _select(nodes, offsets, n, c, budget, forced, allowed, rule)
        won["rule"] = name
        return seeds, gains

    lb_floor = 1.0 if weights is None else float(weights.max())
    ratio = _HALF_RATIO if rule == "best" else 1.0 - 1.0 / math.e
    seeds, gains, unit, lower = run_imm(
        sampler, n, k_bound, float(epsilon), float(ell), ratio, select, lb_floor, DEFAULT_MEMORY_LIMIT
    )
    marginal = gains * unit
    return SeedSet(
        seeds=seeds.astype(np.int64),
        marginal=marginal,
        expected_spread=float(marginal.sum()),
        method="budgeted_imm",
        model=model,
        rr_sets=sampler.n_sets,
        epsilon=float(epsilon),
        ell=float(ell),
        approximation=_HALF_RATIO - float(epsilon) if rule == "best" else None,
        lower_bound=float(lower),
        seconds=time.perf_counter() - started,
        seed=seed,
        cost=float(c[seeds].sum()),
        budget=budget,
        extra=won,
    )
