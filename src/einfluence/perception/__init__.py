"""Brand perception: mentions of declared brands and the sentiment of posts.

Every function here is pure: texts and arrays in, arrays or frozen dataclasses out.

* :mod:`~einfluence.perception.mentions`: brands declared with names, aliases, handles,
  hashtags and products (:class:`Brand`); :func:`find_mentions` (case- and
  accent-insensitive, whole words) and :func:`share_of_voice`.
* :mod:`~einfluence.perception.sentiment`: :class:`LexiconSentiment` (VADER / VADER-FR
  rules, vectorised; the lexicons are vendored in ``perception/lexicons/``) and
  :func:`lexicon_features`.
* :mod:`~einfluence.perception.classifier`: the trainable :class:`SentimentClassifier`
  (n-gram TF-IDF plus lexicon features, a scikit-learn classifier, saved as bytes without
  pickle). It is imported on first use, so that mentions and the lexicon do not load
  scikit-learn.
"""

from typing import Any

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


def __getattr__(name: str) -> Any:
    if name == "SentimentClassifier":  # scikit-learn is loaded here, on first use only
        from einfluence.perception.classifier import SentimentClassifier

        return SentimentClassifier
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | {"SentimentClassifier"})
