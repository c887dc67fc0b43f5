"""Seed selection for campaigns: influence maximisation (IMM, CELF), targeted and budgeted, and baselines.

* :mod:`.rrsets` — reverse-reachable sets (IC with subset sampling, LT random walks, targeted
  roots) and unbiased spread estimates from them.
* :mod:`.imm` — IMM (Tang, Shi & Xiao 2015): ``k`` seeds with a ``1 - 1/e - ε`` guarantee.
* :mod:`.budget` — seeds under a budget, with per-account costs.
* :mod:`.celf` — CELF lazy greedy with a Monte-Carlo oracle; exact spreads and greedy on tiny
  graphs.
* :mod:`.heuristics` — degree, degree discount, PageRank and score baselines.
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
from einfluence.targeting.rrsets import RRSets, estimate_spread, sample_rr_sets

__all__ = [
    "RRSets",
    "SeedSet",
    "budgeted_imm",
    "celf",
    "degree_discount_seeds",
    "degree_seeds",
    "estimate_spread",
    "exact_spread",
    "greedy_exact",
    "imm",
    "imm_bounds",
    "pagerank_seeds",
    "sample_rr_sets",
    "score_seeds",
]
