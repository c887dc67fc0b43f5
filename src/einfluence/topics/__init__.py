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
"""

from einfluence.topics.brief import (
    ContentBrief,
    ListenedAccount,
    RisingItem,
    TermShare,
    TopicShare,
    content_brief,
)
from einfluence.topics.content import content_topics, edge_topics, topic_view
from einfluence.topics.evaluation import TopicEvaluationReport, evaluate_topic_prediction
from einfluence.topics.influence import topic_score, topic_score_each, topic_scores
from einfluence.topics.keywords import KeywordTopics
from einfluence.topics.lookup import find_topic_index
from einfluence.topics.model import TopicModel, account_profiles, topic_separation
from einfluence.topics.relevance import query_relevance, query_terms
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
