"""Workspace operations for brand perception: sentiment models (trained and stored), sentiment of texts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from einfluence.store.sentiment_models import (
    list_sentiment_models,
    load_sentiment_model,
    save_sentiment_model,
)

if TYPE_CHECKING:
    import duckdb

__all__ = ["PerceptionMixin"]


class PerceptionMixin:
    """Sentiment; mixed into :class:`~einfluence.workspace.Workspace`."""

    con: duckdb.DuckDBPyConnection

    def train_sentiment(
        self, texts: Sequence[str], labels: Sequence[str] | np.ndarray, *, lang: str, name: str
    ) -> dict[str, Any]:
        """Fit a :class:`~einfluence.perception.SentimentClassifier` and store it as ``name``.

        Labels are ``negative``/``neutral``/``positive`` or ``0``/``1``/``2`` (0 = negative).
        Returns the model's metadata.
        """
        from einfluence.perception import SentimentClassifier

        model = SentimentClassifier(lang).fit(list(texts), labels)
        metadata = dict(model.metadata)
        save_sentiment_model(self.con, name, lang=lang, metadata=metadata, model=model.to_bytes())
        return metadata

    def sentiment(
        self, texts: Sequence[str], *, lang: str = "en", model: str | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Labels and scores of texts: the lexicon (VADER compound in [-1, 1]) or a stored model
        (``P(positive) - P(negative)``)."""
        from einfluence.exceptions import InputError
        from einfluence.perception import SENTIMENT_LABELS, LexiconSentiment, SentimentClassifier

        if model is None:
            lexicon = LexiconSentiment(lang)
            return np.asarray(lexicon.predict(texts)), np.asarray(lexicon.score(texts))
        model_lang, blob, _ = load_sentiment_model(self.con, model)
        if model_lang != lang:
            raise InputError(f"sentiment model {model!r} was trained on {model_lang!r} texts, not {lang!r}")
        classifier = SentimentClassifier.from_bytes(blob)
        proba = classifier.predict_proba(list(texts))
        labels = np.asarray(SENTIMENT_LABELS, dtype=object)[proba.argmax(axis=1)]
        return labels, proba[:, 2] - proba[:, 0]

    def sentiment_models(self) -> list[dict[str, Any]]:
        """The stored sentiment models."""
        return list_sentiment_models(self.con)
