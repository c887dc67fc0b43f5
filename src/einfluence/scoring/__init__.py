"""Influence measures, the einfluence score, time dynamics and the evaluation harness.

Every function here is pure: graph views and arrays in, arrays or frozen dataclasses out.

The names below load on first use (PEP 562): importing ``einfluence.scoring``, or one of its
light modules (:mod:`einfluence.scoring.params`), imports no compiled kernel, so that a command
that reads a stored score starts at once.
"""

from __future__ import annotations

import importlib
from typing import Any

#: each public name and the module that defines it
_WHERE = {
    "AUDIENCE_KINDS": "einfluence.base.kinds",
    "REACTION_KINDS": "einfluence.base.kinds",
    "amplification_depth": "einfluence.scoring.cascades",
    "core_number": "einfluence.scoring.core",
    "one_day_influencers": "einfluence.scoring.dynamics",
    "rank_stability": "einfluence.scoring.dynamics",
    "rolling_windows": "einfluence.scoring.dynamics",
    "trends": "einfluence.scoring.dynamics",
    "compare_predictors": "einfluence.scoring.evaluation",
    "correlation_matrix": "einfluence.scoring.evaluation",
    "EvaluationReport": "einfluence.scoring.harness",
    "evaluate_prediction": "einfluence.scoring.harness",
    "WindowSummary": "einfluence.scoring.history",
    "summarize_windows": "einfluence.scoring.history",
    "network_impact": "einfluence.scoring.impact",
    "MEASURES": "einfluence.scoring.measures",
    "all_measures": "einfluence.scoring.measures",
    "kendall_tau": "einfluence.scoring.metrics",
    "ndcg_at_k": "einfluence.scoring.metrics",
    "precision_at_k": "einfluence.scoring.metrics",
    "spearman": "einfluence.scoring.metrics",
    "top_k_overlap": "einfluence.scoring.metrics",
    "pagerank": "einfluence.scoring.pagerank",
    "personalized_pagerank": "einfluence.scoring.pagerank",
    "influence_passivity": "einfluence.scoring.passivity",
    "distinct_reactors": "einfluence.scoring.reach",
    "reactions_per_post": "einfluence.scoring.reach",
    "reactor_selectivity": "einfluence.scoring.reach",
    "received": "einfluence.scoring.reach",
    "COMPONENTS": "einfluence.scoring.params",
    "InfluenceScore": "einfluence.scoring.score",
    "ScoreParams": "einfluence.scoring.params",
    "calibrate": "einfluence.scoring.score",
    "einfluence_score": "einfluence.scoring.score",
    "relevance_order": "einfluence.scoring.score",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(where), name)
    globals()[name] = value  # found here directly next time
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE})
