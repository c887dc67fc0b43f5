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

    from einfluence.base.progress import Progress

__all__ = ["PerceptionMixin"]


#: texts above this count are processed by one worker process per core (chunks of this size)
_PARALLEL_FROM = 100_000


def _mentions_chunk(args: tuple[list[str], list[Any], int]) -> tuple[np.ndarray, ...]:
    from einfluence.perception import find_mentions

    texts, brands, offset = args
    found = find_mentions(texts, brands)
    return found.post + offset, found.brand, found.kind, found.matched


def _lexicon_chunk(args: tuple[list[str], str]) -> tuple[np.ndarray, np.ndarray]:
    from einfluence.perception import LexiconSentiment

    texts, lang = args
    lexicon = LexiconSentiment(lang)
    return np.asarray(lexicon.predict(texts)), np.asarray(lexicon.score(texts))


def _pool():
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor

    # spawn, not fork: the parent holds a DuckDB connection and numba threads
    return ProcessPoolExecutor(max_workers=os.cpu_count() or 1, mp_context=multiprocessing.get_context("spawn"))


def _chunks(texts: list[str]) -> list[tuple[int, list[str]]]:
    return [(i, texts[i : i + _PARALLEL_FROM]) for i in range(0, len(texts), _PARALLEL_FROM)]


def _find_mentions_parallel(texts: list[str], brands: list[Any]) -> Any:
    """:func:`~einfluence.perception.find_mentions` over chunks, one process per core for large inputs."""
    from einfluence.perception import Mentions, find_mentions

    if len(texts) <= _PARALLEL_FROM:
        return find_mentions(texts, brands)
    with _pool() as pool:
        parts = list(pool.map(_mentions_chunk, [(chunk, brands, i) for i, chunk in _chunks(texts)]))
    template = find_mentions(texts[:1], brands)
    return Mentions(
        post=np.concatenate([p[0] for p in parts]), brand=np.concatenate([p[1] for p in parts]),
        kind=np.concatenate([p[2] for p in parts]), matched=np.concatenate([p[3] for p in parts]),
        n_posts=len(texts), n_brands=len(brands), brand_names=template.brand_names,
    )


def _lexicon_parallel(texts: list[str], lang: str) -> tuple[np.ndarray, np.ndarray]:
    with _pool() as pool:
        parts = list(pool.map(_lexicon_chunk, [(chunk, lang) for _, chunk in _chunks(texts)]))
    return np.concatenate([p[0] for p in parts]).astype(object), np.concatenate([p[1] for p in parts])


def _finite(x: float) -> float | None:
    return float(x) if np.isfinite(x) else None


def pa_equal(column: Any, value: str) -> Any:
    """Arrow mask ``column == value``."""
    import pyarrow.compute as pc

    return pc.equal(column, value)


def _when_us(value: int) -> str | None:
    """Microseconds since the epoch as ISO 8601 (None for the 'unknown time' marker)."""
    if value is None or value <= np.iinfo(np.int64).min + 1 or (value < 0 and value < -(2**62)):
        return None
    return str(np.datetime64(int(value), "us"))


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
        from einfluence.base.progress import NullProgress
        from einfluence.exceptions import InputError
        from einfluence.perception import MENTION_KINDS, Brand, share_of_voice
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
        found = _find_mentions_parallel(texts, brands)
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
                subset = [texts[i] for i in posts[mask]]
                if chosen is None and len(subset) > _PARALLEL_FROM:
                    labels[mask], scores[mask] = _lexicon_parallel(subset, lang)
                else:
                    labels[mask], scores[mask] = self.sentiment(subset, lang=lang, model=chosen)
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

    # ------------------------------------------------------------------- perception, funnel

    def _mention_inputs(self, since: datetime | None, until: datetime | None) -> dict[str, Any]:
        """Stored mentions as the arrays the advocacy analyses take (posts = the mentioning posts)."""
        from einfluence.base.kinds import POST_KINDS
        from einfluence.exceptions import InputError
        from einfluence.store.mentions import mention_table

        brands = self.brands()
        table = mention_table(self.con, since=since, until=until)
        if table.num_rows == 0:
            raise InputError("no stored brand mention in this window: run 'einfluence mentions' first")
        post_ids, post_row = np.unique(table.column("post_id").to_numpy(), return_index=True)
        mention_post = np.searchsorted(post_ids, table.column("post_id").to_numpy())
        index_of_brand = {b["brand_id"]: i for i, b in enumerate(brands)}
        kinds = table.column("post_kind").to_pylist()
        # the relays and quotes of the brands' own posts (amplifiers), which name no brand themselves
        window, params = [], [[a for b in brands for a in b["accounts"]]]
        for bound, op in ((since, ">="), (until, "<")):
            if bound is not None:
                window.append(f" AND p.created_at {op} ?")
                params.append(bound)
        relays = self.con.sql(
            "SELECT p.post_id, p.author_id, epoch_us(p.created_at) AS time, p.kind, r.author_id AS root_author "
            "FROM posts p JOIN posts r ON r.post_id = p.root_id WHERE p.kind IN ('relay', 'quote') "
            "AND p.created_at IS NOT NULL AND p.author_id IS NOT NULL "
            "AND r.author_id IN (SELECT unnest(?::BIGINT[]))" + "".join(window) + " ORDER BY p.post_id",
            params=params,
        ).to_arrow_table()
        extra = ~np.isin(relays.column("post_id").to_numpy(), post_ids)
        extra_kinds = [k for k, e in zip(relays.column("kind").to_pylist(), extra, strict=True) if e]
        return {
            "brands": brands,
            "table": table,
            "post_ids": np.concatenate([post_ids, relays.column("post_id").to_numpy()[extra]]),
            "mention_post": mention_post,
            "mention_brand": np.array([index_of_brand[b] for b in table.column("brand_id").to_pylist()], dtype=np.int64),
            "post_author": np.concatenate([table.column("author").to_numpy()[post_row],
                                           relays.column("author_id").to_numpy()[extra]]),
            "post_time": np.concatenate([table.column("time").to_numpy()[post_row], relays.column("time").to_numpy()[extra]]),
            "post_kind": np.array([POST_KINDS.index(kinds[r]) if kinds[r] in POST_KINDS else -1 for r in post_row]
                                  + [POST_KINDS.index(k) for k in extra_kinds], dtype=np.int64),
            "post_root_author": np.concatenate([table.column("root_author").to_numpy()[post_row],
                                                relays.column("root_author").to_numpy()[extra]]),
            "sentiment": np.concatenate([table.column("score").to_numpy()[post_row], np.zeros(int(extra.sum()))]),
            "text": [table.column("text")[int(r)].as_py() for r in post_row],
        }

    def _brand_index(self, brands: list[dict[str, Any]], brand: str | None) -> int | None:
        from einfluence.exceptions import InputError

        if brand is None:
            return None
        for i, b in enumerate(brands):
            if b["name"].casefold() == brand.casefold():
                return i
        raise InputError(f"no declared brand {brand!r} (declared: {', '.join(b['name'] for b in brands)})")

    def brand_perception(
        self,
        brand: str | None = None,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int | None = 20,
        min_mentions: int = 1,
    ) -> dict[str, Any]:
        """How each influencer perceives each brand: mentions, mean sentiment with its 95 %
        interval, share of positive mentions, share of voice against competitors, trend, typical
        quotes (:func:`einfluence.advocacy.brand_perception`), most mentions first (the brands'
        own accounts left out); and per brand."""
        from einfluence.advocacy import brand_perception

        m = self._mention_inputs(since, until)
        brands = m["brands"]
        result = brand_perception(
            m["mention_post"], m["mention_brand"], m["post_author"], m["post_time"], m["sentiment"],
            n_brands=len(brands), competitors=np.array([b["competitor"] for b in brands]),
        )
        chosen = self._brand_index(brands, brand)
        own = np.array([a for b in brands for a in b["accounts"]], dtype=np.int64)
        keep = (result.n_mentions >= min_mentions) & (result.account >= 0) & ~np.isin(result.account, own)
        if chosen is not None:
            keep &= result.brand == chosen
        rows = np.flatnonzero(keep)
        rows = rows[np.lexsort((result.account[rows], -result.n_mentions[rows]))][: limit or None]
        described = self._accounts_info(result.account[rows].tolist())  # type: ignore[attr-defined]

        def number(x: Any) -> float | None:
            return None if not np.isfinite(x) else float(x)

        influencers = []
        for info, r in zip(described, rows, strict=True):
            quotes = [m["text"][int(q)] for q in np.atleast_1d(result.typical[r]) if int(q) >= 0]
            influencers.append({
                **info, "brand": brands[int(result.brand[r])]["name"], "mentions": int(result.n_mentions[r]),
                "positive": int(result.n_positive[r]), "negative": int(result.n_negative[r]),
                "mean_sentiment": number(result.mean_sentiment[r]),
                "ci95": [number(result.ci_low[r]), number(result.ci_high[r])],
                "share_positive": number(result.share_positive[r]), "share_of_voice": number(result.share_of_voice[r]),
                "trend": number(result.trend[r]), "quotes": quotes,
            })
        per_brand = [
            {"brand": b["name"], "competitor": b["competitor"], "mentions": int(result.brand_mentions[i]),
             "accounts": int(result.brand_accounts[i]), "mean_sentiment": number(result.brand_mean[i]),
             "ci95": [number(result.brand_ci_low[i]), number(result.brand_ci_high[i])],
             "share_of_voice": number(result.brand_share_of_voice[i])}
            for i, b in enumerate(brands) if chosen is None or i == chosen
        ]
        return {"since": since, "until": until, "brands": per_brand, "influencers": influencers}

    def advocates(
        self,
        brand: str | None = None,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        min_mentions: int = 3,
        prompt_window_hours: float = 48.0,
        exposure: str = "reaction",
        limit: int | None = 20,
    ) -> dict[str, Any]:
        """The advocacy funnel of each brand (:func:`einfluence.advocacy.advocacy_funnel`): counts per
        stage, the advocates and detractors with their evidence, and the dated stage events."""
        from einfluence.advocacy import STAGES, Actions, advocacy_funnel

        m = self._mention_inputs(since, until)
        brands = m["brands"]
        n = self._n_accounts()  # type: ignore[attr-defined]
        view = self.graph(until=until)
        logged = self.actions()
        index_of = {b["brand_id"]: i for i, b in enumerate(brands)}
        epoch = np.datetime64("1970-01-01T00:00:00", "us")
        actions = Actions(
            account=logged.column("account_id").to_numpy(),
            brand=np.array([index_of[b] for b in logged.column("brand_id").to_pylist()], dtype=np.int64),
            time=np.array([(np.datetime64(t, "us") - epoch).astype(np.int64) for t in logged.column("at").to_pylist()],
                          dtype=np.int64),
        ) if logged.num_rows else None
        us = lambda d: None if d is None else int((np.datetime64(d, "us") - epoch).astype(np.int64))  # noqa: E731
        funnel = advocacy_funnel(
            m["mention_post"], m["mention_brand"], m["post_author"], m["post_time"], m["post_kind"],
            m["post_root_author"], m["sentiment"], brand_accounts=[b["accounts"] for b in brands], n_accounts=n,
            interactions=view, actions=actions, post_id=m["post_ids"], min_mentions=min_mentions,
            prompt_window=int(prompt_window_hours * 3_600_000_000), exposure=exposure, since=us(since), until=us(until),
        )
        chosen = self._brand_index(brands, brand)
        out = []
        for i, b in enumerate(brands):
            if chosen is not None and i != chosen:
                continue
            lists = {}
            for stage in ("advocate", "detractor"):
                members = funnel.members(i, stage)
                pair = np.flatnonzero((funnel.brand == i) & np.isin(funnel.account, members))
                pair = pair[np.argsort(-funnel.n_spontaneous[pair], kind="stable")][: limit or None]
                info = self._accounts_info(funnel.account[pair].tolist())  # type: ignore[attr-defined]
                lists[stage + "s"] = [
                    {**a, "since": _when_us(funnel.stage_time[p, STAGES.index(stage)]),
                     "spontaneous_mentions": int(funnel.n_spontaneous[p]),
                     "mean_sentiment": float(funnel.spontaneous_mean[p])}
                    for a, p in zip(info, pair, strict=True)
                ]
            events = [e for e in funnel.events() if e["brand"] == i and e["stage"] in ("advocate", "detractor", "lapsed")]
            out.append({
                "brand": b["name"], "competitor": b["competitor"],
                "funnel": dict(zip(STAGES[:6], (int(c) for c in funnel.counts[i]), strict=False)),
                **lists,
                "events": [{**e, "time": _when_us(e["time"])} for e in events[-(limit or len(events)):]],
            })
        rules = {"min_mentions": min_mentions, "prompt_window_hours": prompt_window_hours, "exposure": exposure}
        return {"since": since, "until": until, "rules": rules, "brands": out}

    def campaign_outcomes(
        self,
        brand: str,
        *,
        campaign: str | None = None,
        before_days: float = 14.0,
        after_days: float = 14.0,
        n_neighbors: int = 3,
        random_state: int = 0,
    ) -> dict[str, Any]:
        """What followed the campaign actions for a brand (:func:`einfluence.advocacy.campaign_outcomes`):
        per contacted influencer, mentions, sentiment and reach of their brand posts before and after
        the first action, funnel stage before and after, the same for matched comparable accounts
        that were not contacted, difference-in-differences estimates with bootstrap intervals, and the
        relay network grown from their brand posts afterwards (size, depth, accounts new to the brand)."""
        from einfluence.advocacy import STAGES, Actions, campaign_outcomes
        from einfluence.exceptions import InputError
        from einfluence.store.queries import post_arrays

        brands = self.brands()
        index = self._brand_index(brands, brand)
        logged = self.actions(brand=brand)
        if campaign is not None:
            logged = logged.filter(pa_equal(logged.column("campaign"), campaign))
        if logged.num_rows == 0:
            raise InputError(f"no campaign action logged for {brand!r}" + (f" in campaign {campaign!r}" if campaign else ""))
        m = self._mention_inputs(None, None)
        posts = post_arrays(self.con)
        row = np.searchsorted(posts.post_id, m["post_ids"][: len(m["text"])])
        sentiment = np.zeros(posts.post_id.size)
        sentiment[row] = m["sentiment"][: len(m["text"])]

        def rows_of(ids: np.ndarray) -> np.ndarray:
            at = np.searchsorted(posts.post_id, ids)
            ok = (ids >= 0) & (at < posts.post_id.size) & (posts.post_id[np.minimum(at, posts.post_id.size - 1)] == ids)
            return np.where(ok, at, -1)

        epoch = np.datetime64("1970-01-01T00:00:00", "us")
        campaigns = sorted({c or "" for c in logged.column("campaign").to_pylist()})
        actions = Actions(
            account=logged.column("account_id").to_numpy(),
            brand=np.full(logged.num_rows, index, dtype=np.int64),
            time=np.array([(np.datetime64(t, "us") - epoch).astype(np.int64) for t in logged.column("at").to_pylist()]),
            kind=np.array(logged.column("kind").to_pylist(), dtype=object),
            campaign=np.array([campaigns.index(c or "") for c in logged.column("campaign").to_pylist()], dtype=np.int64),
        )
        n = self._n_accounts()  # type: ignore[attr-defined]
        result = campaign_outcomes(
            actions, row[m["mention_post"]], m["mention_brand"], posts.author, posts.time, posts.kind.astype(np.int64),
            rows_of(posts.parent), rows_of(posts.root), sentiment,
            brand_accounts=[b["accounts"] for b in brands], n_accounts=n, interactions=self.graph(),
            followers=self.audience(n),  # type: ignore[attr-defined]
            before=int(before_days * 86_400_000_000), after=int(after_days * 86_400_000_000),
            n_neighbors=n_neighbors, random_state=random_state,
        )
        rows = result.to_rows()
        info = self._accounts_info([r["account"] for r in rows])  # type: ignore[attr-defined]
        for r, a in zip(rows, info, strict=True):
            r.update({"account_id": r["account"], **a, "time": _when_us(r["time"]), "campaign": campaigns[r["campaign"]] or None,
                      "stage_before": STAGES[r["stage_before"]], "stage_after": STAGES[r["stage_after"]]})
        return {
            "brand": brands[index]["name"], "campaign": campaign, "before_days": before_days, "after_days": after_days,
            "difference_in_differences": {
                k: {"estimate": _finite(v[0]), "ci95": [_finite(v[1]), _finite(v[2])]} for k, v in result.did.items()
            },
            "influencers": rows,
        }
