"""Workspace operations for brand perception: sentiment models (trained and stored), sentiment of texts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import numpy as np

from einfluence.store.sentiment_models import (
    list_sentiment_models,
    load_sentiment_model,
    save_sentiment_model,
)

if TYPE_CHECKING:
    import duckdb

    from einfluence.io import Progress

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

    # ------------------------------------------------------------------------------ brands

    def add_brand(
        self,
        name: str,
        *,
        aliases: Sequence[str] = (),
        handles: Sequence[str] = (),
        hashtags: Sequence[str] = (),
        products: Sequence[str] = (),
        competitor: bool = False,
    ) -> dict[str, Any]:
        """Declare a brand (or redeclare one of the same name); return it as stored."""
        import pyarrow as pa

        from einfluence.perception import Brand
        from einfluence.store.brands import upsert_brands
        from einfluence.store.database import transaction

        brand = Brand(name, aliases=aliases, handles=handles, hashtags=hashtags, products=products,
                      competitor=competitor)  # validates every term
        table = pa.table({
            "name": [brand.name], "aliases": [list(brand.aliases)], "handles": [list(brand.handles)],
            "hashtags": [list(brand.hashtags)], "products": [list(brand.products)], "competitor": [bool(competitor)],
        })
        with transaction(self.con):
            upsert_brands(self.con, table)
        return next(b for b in self.brands() if b["name"] == brand.name)

    def brands(self) -> list[dict[str, Any]]:
        """The declared brands, with the accounts that are theirs (by handle)."""
        from einfluence.store.mentions import list_brands

        return list_brands(self.con)

    def detect_mentions(
        self,
        *,
        model: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        networks: Sequence[str] | None = None,
        progress: Progress | None = None,
    ) -> dict[str, Any]:
        """Find the declared brands in the posts' texts, score each mentioning post's sentiment
        (lexicon by language, or the stored ``model`` for the posts of its language), and store
        them (replacing the brands' earlier mentions). Returns a summary per brand."""
        from einfluence.exceptions import InputError
        from einfluence.io import NullProgress
        from einfluence.perception import MENTION_KINDS, Brand, find_mentions, share_of_voice
        from einfluence.store.mentions import save_mentions
        from einfluence.store.topics import post_texts

        progress = progress or NullProgress()
        declared = self.brands()
        if not declared:
            raise InputError("no brand declared: add one with 'einfluence brand add NAME --handle ... --alias ...'")
        brands = [Brand(b["name"], aliases=b["aliases"], handles=b["handles"], hashtags=b["hashtags"],
                        products=b["products"], competitor=b["competitor"]) for b in declared]
        progress.start("reading the posts' texts", None)
        table = post_texts(self.con, since=since, until=until, networks=networks)
        texts = table.column("text").to_pylist()
        progress.start(f"finding {len(brands)} brands in {len(texts):,} posts", None)
        found = find_mentions(texts, brands)
        progress.start("scoring the sentiment of the mentioning posts", None)
        posts = np.unique(found.post)
        language = np.asarray(table.column("language").to_pylist(), dtype=object)
        is_fr = np.array([lang == "fr" for lang in language[posts]], dtype=bool)
        labels = np.empty(posts.size, dtype=object)
        scores = np.zeros(posts.size)
        model_lang = None if model is None else load_sentiment_model(self.con, model)[0]
        for lang, mask in (("fr", is_fr), ("en", ~is_fr)):
            if mask.any():
                chosen = model if model_lang == lang else None
                labels[mask], scores[mask] = self.sentiment([texts[i] for i in posts[mask]], lang=lang, model=chosen)
        # one row per (post, brand): the first way the post names the brand
        _, first = np.unique(found.post * max(len(brands), 1) + found.brand, return_index=True)
        f_post, f_brand, f_kind, f_matched = found.post[first], found.brand[first], found.kind[first], found.matched[first]
        row = np.searchsorted(posts, f_post)
        post_ids = table.column("post_id").to_numpy()
        brand_ids = np.array([b["brand_id"] for b in declared])
        n = save_mentions(
            self.con, post_id=post_ids[f_post], brand_id=brand_ids[f_brand],
            kind=[MENTION_KINDS[k] for k in f_kind], matched=[str(m) for m in f_matched],
            sentiment=labels[row].tolist(), score=scores[row], model=model or "lexicon", brand_ids=brand_ids.tolist(),
        )
        voice = share_of_voice(found)
        per_post = found.post_brand_matrix()
        summary = []
        for j, b in enumerate(declared):
            mentioning = np.flatnonzero(per_post[:, j])
            s = scores[np.searchsorted(posts, mentioning)] if mentioning.size else np.zeros(0)
            lab = labels[np.searchsorted(posts, mentioning)] if mentioning.size else np.zeros(0, dtype=object)
            summary.append({
                "brand": b["name"], "competitor": b["competitor"], "posts": int(mentioning.size),
                "share_of_voice": float(voice[j]),
                "mean_sentiment": float(s.mean()) if s.size else None,
                "positive": int((lab == "positive").sum()), "negative": int((lab == "negative").sum()),
            })
        return {"posts_read": len(texts), "mentions_stored": n, "model": model or "lexicon", "brands": summary}

    # ----------------------------------------------------------------------------- actions

    def log_actions(self, rows: Sequence[dict[str, Any]], *, network: str | None = None, source: str = "python") -> int:
        """Log campaign actions, all or nothing. Each row: ``account`` (source id or @handle),
        ``brand`` (name), ``kind`` (see :data:`einfluence.store.mentions.ACTION_KINDS`), ``at``
        (datetime), optional ``campaign`` and ``note``. Returns how many were new."""
        from einfluence.exceptions import InputError
        from einfluence.store.mentions import add_actions

        brands = {b["name"].casefold(): b["brand_id"] for b in self.brands()}
        resolved = []
        for i, row in enumerate(rows, start=1):
            where = f"{source}, line {row['_line']}" if "_line" in row else f"{source}, action {i}"
            brand = brands.get(str(row.get("brand", "")).casefold())
            if brand is None:
                raise InputError(f"{where}, field brand: no declared brand {row.get('brand')!r}")
            try:
                (account,) = self.account_ids([str(row["account"])], network=network)  # type: ignore[attr-defined]
            except InputError as exc:
                raise InputError(f"{where}, field account: {exc}") from None
            if not isinstance(row.get("at"), datetime):
                raise InputError(f"{where}, field at: expected a date-time")
            resolved.append({"account_id": int(account), "brand_id": int(brand), "kind": row["kind"], "at": row["at"],
                             "campaign": row.get("campaign"), "note": row.get("note")})
        return add_actions(self.con, resolved)

    def actions(self, *, brand: str | None = None) -> Any:
        """The logged actions (all, or towards one brand's influencers), oldest first."""
        from einfluence.exceptions import InputError
        from einfluence.store.mentions import read_actions

        brand_id = None
        if brand is not None:
            ids = {b["name"].casefold(): b["brand_id"] for b in self.brands()}
            if brand.casefold() not in ids:
                raise InputError(f"no declared brand {brand!r}")
            brand_id = ids[brand.casefold()]
        return read_actions(self.con, brand_id=brand_id)
