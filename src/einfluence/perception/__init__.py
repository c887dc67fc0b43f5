"""Brand perception: mentions of declared brands and the sentiment of posts.

Every function here is pure: texts and arrays in, arrays or frozen dataclasses out.

* :mod:`~einfluence.perception.mentions`: brands declared with names, aliases, handles,
  hashtags and products (:class:`Brand`); :func:`find_mentions` (case- and
  accent-insensitive, whole words) and :func:`share_of_voice`.
* :mod:`~einfluence.perception.sentiment`: :class:`LexiconSentiment` (VADER / VADER-FR
  rules, vectorised) and the trainable :class:`SentimentClassifier` (n-gram TF-IDF plus
  lexicon features, saved as bytes without pickle).
"""

from einfluence.perception.mentions import (
    MENTION_KINDS,
    Brand,
    Mentions,
    find_mentions,
    share_of_voice,
)
from einfluence.perception.sentiment import (
    LEXICON_FEATURES,
    SENTIMENT_LABELS,
    LexiconSentiment,
    SentimentClassifier,
    lexicon_features,
)

__all__ = [
    "LEXICON_FEATURES",
    "MENTION_KINDS",
    "SENTIMENT_LABELS",
    "Brand",
    "LexiconSentiment",
    "Mentions",
    "SentimentClassifier",
    "find_mentions",
    "lexicon_features",
    "share_of_voice",
]
