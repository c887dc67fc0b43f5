"""Workspace service for brand perception: brands, sentiment models, mentions, and perception per influencer."""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import numpy as np

from einfluence.base.progress import NullProgress, Progress
from einfluence.base.timeunits import from_us, to_us
from einfluence.base.validation import check_scalar
from einfluence.exceptions import InputError

if TYPE_CHECKING:
    from einfluence.workspace.context import Context

__all__ = [
    "add_brand",
    "brand_index",
    "brand_perception",
    "brands",
    "detect_mentions",
    "sentiment",
    "sentiment_models",
    "train_sentiment",
]


def train_sentiment(
    ctx: Context, texts: Sequence[str], labels: Sequence[str] | np.ndarray, *, lang: str, name: str
) -> dict[str, Any]:
    """Fit a :class:`~einfluence.perception.SentimentClassifier` and store it as ``name``.

    Labels are ``negative``/``neutral``/``positive`` or ``0``/``1``/``2`` (0 = negative).
    Returns the model's metadata.
    """
    from einfluence.perception import SentimentClassifier
    from einfluence.store.sentiment_models import save_sentiment_model

    model = SentimentClassifier(lang).fit(list(texts), labels)
    metadata = dict(model.metadata)
    save_sentiment_model(ctx.con, name, lang=lang, metadata=metadata, model=model.to_bytes())
    return metadata


def sentiment(
    ctx: Context, texts: Sequence[str], *, lang: str = "en", model: str | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Labels and scores of texts: the lexicon (VADER compound in [-1, 1]) or a stored model
    (``P(positive) - P(negative)``)."""
    from einfluence.perception import SENTIMENT_LABELS, SentimentClassifier
    from einfluence.perception.batch import lexicon_batch
    from einfluence.store.sentiment_models import load_sentiment_model

    if model is None:
        return lexicon_batch(list(texts), lang)
    model_lang, blob, _ = load_sentiment_model(ctx.con, model)
    if model_lang != lang:
        raise InputError(f"sentiment model {model!r} was trained on {model_lang!r} texts, not {lang!r}",
                         parameter="model")
    proba = SentimentClassifier.from_bytes(blob).predict_proba(list(texts))
    labels = np.asarray(SENTIMENT_LABELS, dtype=object)[proba.argmax(axis=1)]
    return labels, proba[:, 2] - proba[:, 0]


def sentiment_models(ctx: Context) -> list[dict[str, Any]]:
    """The stored sentiment models."""
    from einfluence.store.sentiment_models import list_sentiment_models

    return list_sentiment_models(ctx.con)


def add_brand(
    ctx: Context,
    name: str,
    *,
    aliases: Sequence[str] = (),
    handles: Sequence[str] = (),
    hashtags: Sequence[str] = (),
    products: Sequence[str] = (),
    competitor: bool = False,
) -> dict[str, Any]:
    """Declare a brand (or redeclare one of the same name); return it as stored."""
    from einfluence.perception import Brand
    from einfluence.store.brands import save_brand

    brand = Brand(name, aliases=aliases, handles=handles, hashtags=hashtags, products=products,
                  competitor=competitor)  # validates every term
    save_brand(ctx.con, name=brand.name, aliases=brand.aliases, handles=brand.handles, hashtags=brand.hashtags,
               products=brand.products, competitor=bool(competitor))
    return next(b for b in brands(ctx) if b["name"] == brand.name)


def brands(ctx: Context) -> list[dict[str, Any]]:
    """The declared brands, with the accounts that are theirs (by handle)."""
    from einfluence.store.mentions import list_brands

    return list_brands(ctx.con)


def brand_index(declared: list[dict[str, Any]], brand: str | None) -> int | None:
    """The position of a brand (by name, any case) among the declared ones; None for no brand."""
    if brand is None:
        return None
    for i, b in enumerate(declared):
        if b["name"].casefold() == brand.casefold():
            return i
    names = ", ".join(b["name"] for b in declared) or "none"
    raise InputError(f"no declared brand {brand!r} (declared: {names})", parameter="brand")


def detect_mentions(
    ctx: Context,
    *,
    model: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    networks: Sequence[str] | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Find the declared brands in the posts' texts, score each mentioning post's sentiment
    (lexicon by language, or the stored ``model`` for the posts of its language), and store
    them: the brands' earlier mentions in the posts read (the window, the networks) are replaced,
    those in other posts kept. Returns a summary per brand."""
    from einfluence.perception import MENTION_KINDS, Brand
    from einfluence.perception.batch import find_mentions_batch, mention_summary
    from einfluence.store.mentions import save_mentions
    from einfluence.store.sentiment_models import load_sentiment_model
    from einfluence.store.topics import post_texts

    progress = progress or NullProgress()
    declared = brands(ctx)
    if not declared:
        raise InputError("no brand declared: add one first (einfluence brand add NAME --handle ... --alias ...)")
    found_brands = [Brand(b["name"], aliases=b["aliases"], handles=b["handles"], hashtags=b["hashtags"],
                          products=b["products"], competitor=b["competitor"]) for b in declared]
    progress.start("reading the posts' texts", None)
    table = post_texts(ctx.con, since=since, until=until, networks=networks)
    texts = table.column("text").to_pylist()
    progress.start(f"finding {len(found_brands)} brands in {len(texts):,} posts", None)
    found = find_mentions_batch(texts, found_brands)
    progress.start("scoring the sentiment of the mentioning posts", None)
    posts = np.unique(found.post)
    language = np.asarray(table.column("language").to_pylist(), dtype=object)
    is_fr = np.array([lang == "fr" for lang in language[posts]], dtype=bool)
    labels = np.empty(posts.size, dtype=object)
    scores = np.zeros(posts.size)
    model_lang = None if model is None else load_sentiment_model(ctx.con, model)[0]
    for lang, mask in (("fr", is_fr), ("en", ~is_fr)):
        if mask.any():
            labels[mask], scores[mask] = sentiment(ctx, [texts[i] for i in posts[mask]], lang=lang,
                                                   model=model if model_lang == lang else None)
    # one row per (post, brand): the first way the post names the brand
    _, first = np.unique(found.post * max(len(found_brands), 1) + found.brand, return_index=True)
    f_post, f_brand, f_kind, f_matched = found.post[first], found.brand[first], found.kind[first], found.matched[first]
    row = np.searchsorted(posts, f_post)
    brand_ids = np.array([b["brand_id"] for b in declared])
    n = save_mentions(
        ctx.con, post_id=table.column("post_id").to_numpy()[f_post], brand_id=brand_ids[f_brand],
        kind=[MENTION_KINDS[k] for k in f_kind], matched=[str(m) for m in f_matched],
        sentiment=labels[row].tolist(), score=scores[row], model=model or "lexicon", brand_ids=brand_ids.tolist(),
        scanned_posts=None if since is None and until is None and networks is None
        else table.column("post_id").to_numpy(),
    )
    summary = [{"brand": b["name"], "competitor": b["competitor"], **figures}
               for b, figures in zip(declared, mention_summary(found, posts, labels, scores), strict=True)]
    return {"posts_read": len(texts), "mentions_stored": n, "model": model or "lexicon", "brands": summary}


def _number(x: Any) -> float | None:
    return float(x) if np.isfinite(x) else None


def brand_perception(
    ctx: Context,
    brand: str | None = None,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int | None = 20,
    min_mentions: int = 1,
    networks: Sequence[str] | None = None,
    timeline_bins: int = 0,
) -> dict[str, Any]:
    """How each influencer perceives each brand: mentions, mean sentiment with its 95 %
    interval, share of positive mentions, share of voice against competitors, trend, typical
    quotes (:func:`einfluence.advocacy.brand_perception`), most mentions first (the brands'
    own accounts left out); and per brand. With ``networks``, the mentions in those networks' posts.

    With ``timeline_bins`` > 0, each brand also gets its ``timeline``: the window cut in that
    many equal periods, each with its ``from``, ``to``, ``mentions``, ``mean_sentiment`` and
    ``share_of_voice``."""
    from einfluence.perception.influencers import brand_perception as perception
    from einfluence.store.mentions import mention_arrays

    declared = brands(ctx)
    m = mention_arrays(ctx.con, declared, since=since, until=until, networks=networks)
    result = perception(
        m.mention_post, m.mention_brand, m.post_author, m.post_time, m.sentiment,
        n_brands=len(declared), competitors=np.array([b["competitor"] for b in declared]),
    )
    chosen = brand_index(declared, brand)
    own = np.array([a for b in declared for a in b["accounts"]], dtype=np.int64)
    keep = (result.n_mentions >= min_mentions) & (result.account >= 0) & ~np.isin(result.account, own)
    if chosen is not None:
        keep &= result.brand == chosen
    rows = np.flatnonzero(keep)
    rows = rows[np.lexsort((result.account[rows], -result.n_mentions[rows]))][: limit or None]
    influencers = []
    for info, r in zip(ctx.accounts_info(result.account[rows].tolist()), rows, strict=True):
        influencers.append({
            **info, "brand": declared[int(result.brand[r])]["name"], "mentions": int(result.n_mentions[r]),
            "positive": int(result.n_positive[r]), "negative": int(result.n_negative[r]),
            "mean_sentiment": _number(result.mean_sentiment[r]),
            "ci95": [_number(result.ci_low[r]), _number(result.ci_high[r])],
            "share_positive": _number(result.share_positive[r]), "share_of_voice": _number(result.share_of_voice[r]),
            "trend": _number(result.trend[r]),
            "quotes": [m.text[int(q)] for q in np.atleast_1d(result.typical[r]) if int(q) >= 0],
        })
    per_brand = [
        {"brand": b["name"], "competitor": b["competitor"], "mentions": int(result.brand_mentions[i]),
         "accounts": int(result.brand_accounts[i]), "mean_sentiment": _number(result.brand_mean[i]),
         "ci95": [_number(result.brand_ci_low[i]), _number(result.brand_ci_high[i])],
         "share_of_voice": _number(result.brand_share_of_voice[i])}
        for i, b in enumerate(declared) if chosen is None or i == chosen
    ]
    check_scalar(timeline_bins, "timeline_bins", numbers.Integral, min_val=0)
    if timeline_bins and m.mention_post.size:
        over_time = perception(
            m.mention_post, m.mention_brand, m.post_author, m.post_time, m.sentiment, n_brands=len(declared),
            competitors=np.array([b["competitor"] for b in declared]), bins=int(timeline_bins),
            since=None if since is None else to_us(since), until=None if until is None else to_us(until),
        )
        edges = [from_us(int(e)) for e in over_time.bin_edges]
        for entry, i in zip(per_brand, [i for i in range(len(declared)) if chosen is None or i == chosen],
                            strict=True):
            entry["timeline"] = [
                {"from": edges[j], "to": edges[j + 1], "mentions": int(over_time.bin_mentions[i, j]),
                 "mean_sentiment": _number(over_time.bin_mean[i, j]),
                 "share_of_voice": _number(over_time.bin_share_of_voice[i, j])}
                for j in range(len(edges) - 1)
            ]
    return {"since": since, "until": until, "brands": per_brand, "influencers": influencers}
