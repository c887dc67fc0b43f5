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
from einfluence.i18n import Reason

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


def _stored_model(ctx: Context, name: str, lang: str):
    from einfluence.perception import SentimentClassifier
    from einfluence.store.sentiment_models import load_sentiment_model

    model_lang, blob, _ = load_sentiment_model(ctx.con, name)
    if model_lang != lang:
        raise InputError(f"sentiment model {name!r} was trained on {model_lang!r} texts, not {lang!r}",
                         parameter="model")
    return SentimentClassifier.from_bytes(blob)


def _score(ctx: Context, texts: list[str], lang: str, model: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Labels, scores and confidences of texts by ``model`` (default, lexicon or a stored name)."""
    from einfluence.perception import SENTIMENT_LABELS
    from einfluence.perception.batch import sentiment_batch

    if model in ("default", "lexicon"):
        return sentiment_batch(texts, lang, model)
    proba = _stored_model(ctx, model, lang).predict_proba(texts)
    if not texts:
        return np.zeros(0, dtype=object), np.zeros(0), np.zeros(0)
    labels = np.asarray(SENTIMENT_LABELS, dtype=object)[proba.argmax(axis=1)]
    return labels, proba[:, 2] - proba[:, 0], proba.max(axis=1)


def sentiment(
    ctx: Context,
    texts: Sequence[str],
    *,
    lang: str = "en",
    model: str | None = None,
    brands: Sequence[str] = (),
    with_confidence: bool = False,
) -> tuple[np.ndarray, ...]:
    """Labels and scores of texts (and their confidences with ``with_confidence``): the default
    model shipped with einfluence (``P(positive) - P(negative)``), ``model="lexicon"`` (VADER
    compound in [-1, 1]) or a stored model by name. ``brands``: brand names (or declared brands)
    masked before scoring, so that their words are not read as opinions."""
    from einfluence.perception import Brand
    from einfluence.perception.targets import mask_brands

    text_list = list(texts)
    if brands:
        declared = {b["name"].casefold(): b for b in _declared_or_empty(ctx)}
        found = []
        for name in brands:
            b = declared.get(name.casefold())
            found.append(Brand(b["name"], aliases=b["aliases"], handles=b["handles"], hashtags=b["hashtags"],
                               products=b["products"]) if b else Brand(name))
        text_list = mask_brands(text_list, found)
    labels, scores, confidence = _score(ctx, text_list, lang, model or "default")
    return (labels, scores, confidence) if with_confidence else (labels, scores)


def _declared_or_empty(ctx: Context) -> list[dict[str, Any]]:
    try:
        return brands(ctx)
    except Exception:  # an in-memory workspace without the brands table
        return []


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


def brands(ctx: Context, name: str | None = None, *, accounts: bool = True) -> list[dict[str, Any]]:
    """The declared brands, with the accounts that are theirs (by handle; ``accounts=False`` skips
    that look-up, a pass over every account); with ``name``, only that brand (any case), or an
    :class:`~einfluence.exceptions.InputError` naming the declared ones."""
    from einfluence.store.mentions import list_brands

    declared = list_brands(ctx.con, accounts=accounts)
    if name is None:
        return declared
    return [declared[brand_index(declared, name)]]


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
    min_confidence: float | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Find the declared brands in the posts' texts, score each mention's sentiment towards its own
    brand, and store them: the brands' earlier mentions in the posts read (the window, the
    networks) are replaced, those in other posts kept. Returns a summary per brand.

    Each (post, brand) mention is scored on its view (:func:`einfluence.perception.targets.mention_views`):
    the brands masked, and in a post naming several brands, the brand's own clauses, switches and
    comparisons. ``model``: None or ``"default"`` (the model shipped with einfluence),
    ``"lexicon"``, or a stored model for the posts of its language (the others get the default).
    Each mention keeps the probability of its label; with ``min_confidence``, mentions below it
    are kept as mentions but left out of the sentiment of perception and the funnel."""
    from einfluence.perception import MENTION_KINDS, Brand
    from einfluence.perception.batch import find_mentions_batch
    from einfluence.perception.mentions import share_of_voice
    from einfluence.perception.targets import mention_views, resolve
    from einfluence.store.mentions import save_mentions
    from einfluence.store.sentiment_models import load_sentiment_model
    from einfluence.store.topics import post_texts

    if min_confidence is not None and not 0.0 <= min_confidence <= 1.0:
        raise InputError(f"min_confidence must lie in [0, 1], got {min_confidence}", parameter="min_confidence")
    progress = progress or NullProgress()
    declared = brands(ctx)
    if not declared:
        raise InputError("no brand declared: add one first (einfluence brand add NAME --handle ... --alias ...)")
    found_brands = [Brand(b["name"], aliases=b["aliases"], handles=b["handles"], hashtags=b["hashtags"],
                          products=b["products"], competitor=b["competitor"]) for b in declared]
    progress.start(Reason("progress.read_texts"), None)
    table = post_texts(ctx.con, since=since, until=until, networks=networks)
    texts = table.column("text").to_pylist()
    progress.start(Reason("progress.find_brands", n_brands=len(found_brands), n=len(texts)), None)
    found = find_mentions_batch(texts, found_brands)
    progress.start(Reason("progress.sentiment"), None)
    views = mention_views(texts, found, found_brands)
    language = np.asarray(table.column("language").to_pylist(), dtype=object)
    is_fr = np.array([lang == "fr" for lang in language[views.post]], dtype=bool)
    labels = np.empty(len(views), dtype=object)
    scores = np.zeros(len(views))
    confidence = np.zeros(len(views))
    name = model or "default"
    model_lang = None if name in ("default", "lexicon") else load_sentiment_model(ctx.con, name)[0]
    for lang, mask in (("fr", is_fr), ("en", ~is_fr)):
        if mask.any():
            chosen = name if model_lang in (None, lang) else "default"
            labels[mask], scores[mask], confidence[mask] = _score(
                ctx, [views.text[i] for i in np.flatnonzero(mask)], lang, chosen)
    scores, labels = resolve(scores, labels, views)
    # the first way the post names the brand
    k = max(len(found_brands), 1)
    _, first = np.unique(found.post * k + found.brand, return_index=True)
    brand_ids = np.array([b["brand_id"] for b in declared])
    n = save_mentions(
        ctx.con, post_id=table.column("post_id").to_numpy()[views.post], brand_id=brand_ids[views.brand],
        kind=[MENTION_KINDS[c] for c in found.kind[first]], matched=[str(m) for m in found.matched[first]],
        sentiment=[str(x) for x in labels], score=scores, model=name, brand_ids=brand_ids.tolist(),
        scanned_posts=None if since is None and until is None and networks is None
        else table.column("post_id").to_numpy(), confidence=confidence, min_confidence=min_confidence,
    )
    voice = share_of_voice(found)
    certain = np.ones(len(views), dtype=bool) if min_confidence is None else confidence >= min_confidence
    summary = []
    for j, b in enumerate(declared):
        sel = views.brand == j
        ok = sel & certain
        summary.append({
            "brand": b["name"], "competitor": b["competitor"], "posts": int(sel.sum()),
            "share_of_voice": float(voice[j]), "mean_sentiment": float(scores[ok].mean()) if ok.any() else None,
            "positive": int((labels[ok] == "positive").sum()), "negative": int((labels[ok] == "negative").sum()),
            "uncertain": int((sel & ~certain).sum()),
            "mean_confidence": float(confidence[sel].mean()) if sel.any() else None,
        })
    return {"posts_read": len(texts), "mentions_stored": n, "model": name, "min_confidence": min_confidence,
            "brands": summary}


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
    min_confidence: float | None = None,
    timeline_bins: int = 0,
) -> dict[str, Any]:
    """How each influencer perceives each brand: mentions, mean sentiment with its 95 %
    interval, share of positive mentions, share of voice against competitors, trend, typical
    quotes (:func:`einfluence.advocacy.brand_perception`), most mentions first (the brands'
    own accounts left out); and per brand. With ``networks``, the mentions in those networks' posts.

    Mentions below ``min_confidence`` (by default the threshold given to ``detect_mentions``)
    count as mentions but not in the sentiment figures; the share-positive interval spans what
    they could be (``uncertain`` per influencer and brand).

    With ``timeline_bins`` > 0, each brand also gets its ``timeline``: the window cut in that
    many equal periods, each with its ``from``, ``to``, ``mentions``, ``mean_sentiment`` and
    ``share_of_voice``."""
    from einfluence.perception.influencers import brand_perception as perception
    from einfluence.store.mentions import mention_arrays

    declared = brands(ctx)
    m = mention_arrays(ctx.con, declared, since=since, until=until, networks=networks,
                       min_confidence=min_confidence, uncertain="nan")
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
            "share_positive": _number(result.share_positive[r]),
            "share_positive_ci95": [_number(result.positive_low[r]), _number(result.positive_high[r])],
            "uncertain": int(result.n_uncertain[r]), "share_of_voice": _number(result.share_of_voice[r]),
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
    return {"since": since, "until": until, "min_confidence": min_confidence, "brands": per_brand,
            "influencers": influencers}
