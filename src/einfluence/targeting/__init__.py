"""Seed selection for campaigns: influence maximisation (IMM, CELF), targeted and budgeted, and baselines.

* :mod:`.rrsets` — reverse-reachable sets (IC with subset sampling, LT random walks, targeted
  roots) and unbiased spread estimates from them.
* :mod:`.imm` — IMM (Tang, Shi & Xiao 2015): ``k`` seeds with a ``1 - 1/e - ε`` guarantee.
* :mod:`.budget` — seeds under a budget, with per-account costs.
* :mod:`.celf` — CELF lazy greedy with a Monte-Carlo oracle; exact spreads and greedy on tiny
  graphs.
* :mod:`.heuristics` — degree, degree discount, PageRank and score baselines.
* :mod:`.plans` — what influencers cost and how plans of the same budget compare.
"""

from einfluence.targeting.budget import budgeted_imm
from einfluence.targeting.celf import celf, exact_spread, greedy_exact
from einfluence.targeting.heuristics import (
    degree_discount_seeds,
    degree_seeds,
    pagerank_seeds,
    score_seeds,
)
from einfluence.targeting.imm import SeedSet, imm, imm_bounds
from einfluence.targeting.plans import (
    DEFAULT_RATE_CARD,
    estimate_figures,
    evaluate_plan,
    fill_budget,
    rate_card_costs,
    seed_overlap,
    target_size,
    target_weights,
)
from einfluence.targeting.rrsets import RRSets, estimate_spread, sample_rr_sets

__all__ = [
    "DEFAULT_RATE_CARD",
    "RRSets",
    "SeedSet",
    "budgeted_imm",
    "celf",
    "degree_discount_seeds",
    "degree_seeds",
    "estimate_figures",
    "estimate_spread",
    "evaluate_plan",
    "exact_spread",
    "fill_budget",
    "greedy_exact",
    "imm",
    "imm_bounds",
    "pagerank_seeds",
    "rate_card_costs",
    "sample_rr_sets",
    "score_seeds",
    "seed_overlap",
    "target_size",
    "target_weights",
]
