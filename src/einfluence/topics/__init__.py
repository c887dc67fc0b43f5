"""Topics from content and who is influential on them.

Every function here is pure: texts, arrays and graph views in, arrays or frozen dataclasses out.
Texts are read through :mod:`einfluence.text`, like everywhere else.

* :mod:`~einfluence.topics.model`: learned topics (NMF on TF-IDF, :class:`TopicModel`) and
  account interest profiles.
* :mod:`~einfluence.topics.keywords`: declared topics from keyword lists (:class:`KeywordTopics`).
* :mod:`~einfluence.topics.relevance`: relevance of accounts to a free-text query (BM25).
* :mod:`~einfluence.topics.terms`: term counts and distinctive terms of groups (Monroe et al. log-odds).
* :mod:`~einfluence.topics.lookup`: a topic found by its number, name or top terms.
* :mod:`~einfluence.topics.coherence`, :mod:`~einfluence.topics.profiles`: how separate learned
  topics are (the automatic number of topics), and accounts' interest profiles.
* :mod:`~einfluence.topics.content`: the topics of the content each interaction is about, and
  the interactions about one topic.
* :mod:`~einfluence.topics.influence`: topic-sensitive influence: the einfluence score on
  on-topic interactions.
* :mod:`~einfluence.topics.twitterrank`: TwitterRank (Weng et al.), topic-specific random walks.
* :mod:`~einfluence.topics.evaluation`: do topical rankings predict later on-topic amplification?
* :mod:`~einfluence.topics.brief`: content briefs for a target audience.

The modules that learn or declare topics (:mod:`~einfluence.topics.model`,
:mod:`~einfluence.topics.keywords`) and the relevance to a query load scikit-learn (its text
analyser), and the evaluation SciPy's statistics:
they are imported on first use, so that scoring topics, content briefs and term counts do not
load them (a server's first Topics page saved the seconds of those imports).
"""

from typing import Any

from einfluence.topics.brief import (
    ContentBrief,
    ListenedAccount,
    RisingItem,
    TermShare,
    TopicShare,
    content_brief,
)
from einfluence.topics.content import content_topics, edge_topics, topic_view
from einfluence.topics.influence import topic_score, topic_score_each, topic_scores
from einfluence.topics.lookup import find_topic_index
from einfluence.topics.terms import align_rows, distinctive_terms, group_term_counts, term_counts
from einfluence.topics.twitterrank import aggregate_twitterrank, twitterrank

__all__ = [
    "ContentBrief",
    "KeywordTopics",
    "ListenedAccount",
    "RisingItem",
    "TermShare",
    "TopicEvaluationReport",
    "TopicModel",
    "TopicShare",
    "account_profiles",
    "aggregate_twitterrank",
    "align_rows",
    "content_brief",
    "content_topics",
    "distinctive_terms",
    "edge_topics",
    "evaluate_topic_prediction",
    "find_topic_index",
    "group_term_counts",
    "query_relevance",
    "query_terms",
    "term_counts",
    "topic_score",
    "topic_score_each",
    "topic_scores",
    "topic_separation",
    "topic_view",
    "twitterrank",
]

#: the names of the modules imported on first use (scikit-learn, SciPy's statistics)
_ON_FIRST_USE = {
    "KeywordTopics": "keywords",
    "query_relevance": "relevance",
    "query_terms": "relevance",
    "TopicModel": "model",
    "account_profiles": "profiles",
    "topic_separation": "coherence",
    "TopicEvaluationReport": "evaluation",
    "evaluate_topic_prediction": "evaluation",
}


def __getattr__(name: str) -> Any:
    if name in _ON_FIRST_USE:
        import importlib

        return getattr(importlib.import_module(f"einfluence.topics.{_ON_FIRST_USE[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_ON_FIRST_USE))
