"""Influence measures, the einfluence score, time dynamics and the evaluation harness.

Every function here is pure: graph views and arrays in, arrays or frozen dataclasses out.
"""

from einfluence.base.kinds import AUDIENCE_KINDS, REACTION_KINDS
from einfluence.scoring.cascades import amplification_depth
from einfluence.scoring.core import core_number
from einfluence.scoring.dynamics import one_day_influencers, rank_stability, rolling_windows, trends
from einfluence.scoring.evaluation import compare_predictors, correlation_matrix
from einfluence.scoring.harness import EvaluationReport, evaluate_prediction
from einfluence.scoring.history import WindowSummary, summarize_windows
from einfluence.scoring.impact import network_impact
from einfluence.scoring.measures import MEASURES, all_measures
from einfluence.scoring.metrics import (
    kendall_tau,
    ndcg_at_k,
    precision_at_k,
    spearman,
    top_k_overlap,
)
from einfluence.scoring.pagerank import pagerank, personalized_pagerank
from einfluence.scoring.passivity import influence_passivity
from einfluence.scoring.reach import (
    distinct_reactors,
    reactions_per_post,
    reactor_selectivity,
    received,
)
from einfluence.scoring.score import (
    COMPONENTS,
    InfluenceScore,
    ScoreParams,
    calibrate,
    einfluence_score,
    relevance_order,
)

__all__ = [
    "AUDIENCE_KINDS",
    "COMPONENTS",
    "MEASURES",
    "REACTION_KINDS",
    "EvaluationReport",
    "InfluenceScore",
    "ScoreParams",
    "WindowSummary",
    "all_measures",
    "amplification_depth",
    "calibrate",
    "compare_predictors",
    "core_number",
    "correlation_matrix",
    "distinct_reactors",
    "einfluence_score",
    "evaluate_prediction",
    "influence_passivity",
    "kendall_tau",
    "ndcg_at_k",
    "network_impact",
    "one_day_influencers",
    "pagerank",
    "personalized_pagerank",
    "precision_at_k",
    "rank_stability",
    "reactions_per_post",
    "reactor_selectivity",
    "received",
    "relevance_order",
    "rolling_windows",
    "spearman",
    "summarize_windows",
    "top_k_overlap",
    "trends",
]
