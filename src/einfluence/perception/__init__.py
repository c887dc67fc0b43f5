"""Brand perception: mentions of declared brands, the sentiment of posts, and how each
influencer perceives each brand.

Every function here is pure: texts and arrays in, arrays or frozen dataclasses out.

* :mod:`~einfluence.perception.mentions`: brands declared with names, aliases, handles,
  hashtags and products (:class:`Brand`); :func:`find_mentions` (case- and
  accent-insensitive, whole words) and :func:`share_of_voice`.
* :mod:`~einfluence.perception.sentiment`: :class:`LexiconSentiment` (VADER / VADER-FR
  rules, vectorised; the lexicons are vendored in ``perception/lexicons/``) and
  :func:`lexicon_features`.
* :mod:`~einfluence.perception.targets`: :func:`mention_views` (each mention's brand-aware,
  target-dependent text: brands masked, own clauses, switches and comparisons) and
  :func:`mask_brands`.
* :mod:`~einfluence.perception.default`: :class:`DefaultSentiment`, the model shipped with
  einfluence (calibrated probabilities, numpy only).
* :mod:`~einfluence.perception.influencers`: :func:`brand_perception`: mentions, mean
  sentiment with confidence intervals, share of voice, trend and typical quotes per (account,
  brand), and per brand over time (loaded on first use: it needs SciPy).
* :mod:`~einfluence.perception.batch`: mentions and lexicon sentiment of whole corpora, one
  process per core.
* :mod:`~einfluence.perception.classifier`: the trainable :class:`SentimentClassifier`
  (n-gram TF-IDF plus lexicon features, a scikit-learn classifier, saved as bytes without
  pickle). It is imported on first use, so that mentions and the lexicon do not load
  scikit-learn.
"""

from typing import Any

from einfluence.perception.default import DefaultSentiment
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
from einfluence.perception.targets import mask_brands, mention_views

__all__ = [
    "LEXICON_FEATURES",
    "MENTION_KINDS",
    "SENTIMENT_LABELS",
    "Brand",
    "DefaultSentiment",
    "LexiconSentiment",
    "Mentions",
    "Perception",
    "SentimentClassifier",
    "brand_perception",
    "find_mentions",
    "lexicon_features",
    "mask_brands",
    "mean_interval",
    "mention_views",
    "share_of_voice",
    "wilson_interval",
]

_INFLUENCERS = {"Perception", "brand_perception", "mean_interval", "wilson_interval"}


def __getattr__(name: str) -> Any:
    if name == "SentimentClassifier":  # scikit-learn is loaded here, on first use only
        from einfluence.perception.classifier import SentimentClassifier

        return SentimentClassifier
    if name in _INFLUENCERS:  # SciPy likewise
        from einfluence.perception import influencers

        return getattr(influencers, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | {"SentimentClassifier"} | _INFLUENCERS)
