"""Brands and how they are perceived: brands, mentions, perception, sentiment (score and train)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse

from einfluence.i18n import Reason
from einfluence.server.common import (
    answer_job,
    as_json,
    cached_answer,
    naive_utc,
    provenance,
    result,
)
from einfluence.server.deps import JOB_RESPONSES, Reader, Wait, WindowQ, Writer
from einfluence.server.jobs import Job
from einfluence.server.models import BrandIn, MentionsIn, Result, SentimentIn, SentimentOut, TrainIn

__all__ = ["router"]

router = APIRouter(prefix="/workspaces/{workspace}", tags=["perception"])


@router.get("/brands", summary="The declared brands", response_model=Result)
async def brands(caller: Reader) -> Any:
    """Name, aliases, handles, hashtags, products, competitor flag and own accounts of each brand
    (kept until the next write)."""
    return await cached_answer(caller, ("brands",), lambda ws: as_json(
        result(caller, provenance("computation"), ws.brands())))


@router.put("/brands/{name}", summary="Declare a brand, or redeclare it (einfluence brand add)",
            status_code=200, responses=JOB_RESPONSES)
def put_brand(request: Request, caller: Writer, name: Annotated[str, Path(min_length=1, max_length=200)],
              body: BrandIn, wait: Wait = 30) -> JSONResponse:
    """Its terms replace the earlier ones; every term is checked first (a bad one is a 422)."""
    from einfluence.perception import Brand

    Brand(name, aliases=body.aliases, handles=body.handles, hashtags=body.hashtags, products=body.products,
          competitor=body.competitor)  # validates every term before anything is queued

    def work(ws: Any, progress: Any) -> Any:
        return ws.add_brand(name, aliases=body.aliases, handles=body.handles, hashtags=body.hashtags,
                            products=body.products, competitor=body.competitor)

    job = caller.host.submit(Job("brand", {"name": name, **body.model_dump(mode="json")}, work,
                                 token_key=caller.token_key))
    return answer_job(request, caller, job, wait)


@router.post("/mentions", summary="Find the brands in the posts and score them (einfluence mentions) as a job",
             status_code=202, responses=JOB_RESPONSES)
def mentions(request: Request, caller: Writer, body: MentionsIn, wait: Wait = 0) -> JSONResponse:
    """Mentions stored per post and brand with their sentiment towards that brand (the default model
    shipped with einfluence, ``"lexicon"``, or a stored model)."""

    def work(ws: Any, progress: Any) -> Any:
        return ws.detect_mentions(model=body.model, since=naive_utc(body.since), until=naive_utc(body.until),
                                  networks=body.networks, progress=progress)

    job = caller.host.submit(Job("mentions", body.model_dump(mode="json"), work, token_key=caller.token_key))
    return answer_job(request, caller, job, wait)


@router.get("/perception", summary="How influencers perceive the brands (einfluence perception)",
            response_model=Result)
async def perception(
    caller: Reader,
    w: WindowQ,
    brand: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=0, le=100_000, description="Influencers listed (0: all).")] = 20,
    min_mentions: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    periods: Annotated[int, Query(ge=0, le=200, description="Each brand's timeline in this many equal "
                                                             "periods of the window (0: none).")] = 0,
) -> dict[str, Any]:
    """Per influencer and brand: mentions, mean sentiment with its interval, share of voice, trend,
    quotes; per brand, with ``periods``, its timeline (mentions, sentiment, share of voice)."""
    def compute(ws: Any) -> bytes | None:
        data = ws.brand_perception(brand, since=w.since, until=w.until, limit=limit or None,
                                   min_mentions=min_mentions, networks=w.networks, timeline_bins=periods)
        params = {"brand": brand, "min_mentions": min_mentions, "periods": periods}
        return as_json(result(caller, provenance("computation", window=w, params=params), data))

    return await cached_answer(caller, ("perception", brand, w, limit, min_mentions, periods), compute)


@router.post("/sentiment", summary="The sentiment of texts (einfluence sentiment), read-only",
             response_model=SentimentOut)
def sentiment(caller: Reader, body: SentimentIn) -> dict[str, Any]:
    """A label and a score per text: the default model shipped with einfluence, ``"lexicon"``, or a
    stored trained model."""
    with caller.host.reading() as ws:
        labels, scores = ws.sentiment(body.texts, lang=body.lang, model=body.model)
        models = {m["name"]: m for m in ws.sentiment_models()} if body.model else {}
    produced = provenance("sentiment_model" if body.model else "computation",
                          params={"lang": body.lang, "model": body.model or "default",
                                  **({"trained": models[body.model]} if body.model in models else {})})
    items = [{"label": str(label), "score": float(score)} for label, score in zip(labels, scores, strict=True)]
    return {"workspace": caller.workspace, "produced_by": produced, "items": items}


@router.get("/sentiment-models", summary="The stored sentiment models", response_model=Result)
def sentiment_models(caller: Reader) -> dict[str, Any]:
    """Name, language, creation time and metadata of each trained classifier."""
    with caller.host.reading() as ws:
        data = ws.sentiment_models()
    return result(caller, provenance("computation"), data)


@router.post("/sentiment-models", summary="Train a sentiment classifier (einfluence sentiment train) as a job",
             status_code=202, responses=JOB_RESPONSES)
def train(request: Request, caller: Writer, body: TrainIn, wait: Wait = 0) -> JSONResponse:
    """Fit on labelled texts (one label per text) and store the model under its name."""
    from einfluence.server.problems import Problem

    if len(body.texts) != len(body.labels):
        raise Problem(422, f"{len(body.labels)} labels for {len(body.texts)} texts: one label per text",
                      field="labels")
    codes = {"0": "negative", "1": "neutral", "2": "positive"}
    labels = [codes.get(label, label) for label in body.labels]

    def work(ws: Any, progress: Any) -> Any:
        progress.start(Reason("progress.train", n=len(body.texts)), None)
        return ws.train_sentiment(body.texts, labels, lang=body.lang, name=body.name)

    params = {"name": body.name, "lang": body.lang, "n_texts": len(body.texts)}
    job = caller.host.submit(Job("sentiment_train", params, work, token_key=caller.token_key))
    return answer_job(request, caller, job, wait)
