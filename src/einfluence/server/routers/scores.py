"""Influence scores: score runs, the ranking (every filter of ``einfluence rank``), profiles
(``explain``), trends and the evaluation harness."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from einfluence.server.common import (
    answer_job,
    as_json,
    cached_answer,
    decode_cursor,
    derived_run,
    encode_cursor,
    fingerprint,
    json_bytes,
    provenance,
    result,
)
from einfluence.server.deps import JOB_RESPONSES, Reader, Wait, WindowQ, Writer
from einfluence.server.jobs import Job, jsonable
from einfluence.server.models import RankPage, Result, ScoreIn, TrendsIn

__all__ = ["router"]

router = APIRouter(prefix="/workspaces/{workspace}", tags=["scores"])
HalfLife = Annotated[float | None, Query(gt=0, le=1e7, description="Half-life of the time decay, hours.")]


def _params(half_life: float | None) -> dict[str, Any]:
    return {"half_life_hours": half_life}


@router.get("/score-runs", summary="The stored score runs", response_model=Result)
async def score_runs(caller: Reader, label: Annotated[str | None, Query(max_length=200)] = None) -> Any:
    """Each run's window, networks, parameters (with the scales used), label and version, oldest
    first (kept until the next write)."""
    return await cached_answer(caller, ("score-runs", label), lambda ws: as_json(
        result(caller, provenance("computation", params={"label": label}), ws.score_runs(label_prefix=label))))


@router.post("/score-runs", summary="Compute a score run (einfluence score) as a job", status_code=202,
             responses=JOB_RESPONSES)
def score(request: Request, caller: Writer, body: ScoreIn, wait: Wait = 0) -> JSONResponse:
    """The einfluence score of a window, stored as a run with its parameters, window and version."""
    from einfluence.server.common import naive_utc
    from einfluence.workspace.context import check_window

    since, until = naive_utc(body.since), naive_utc(body.until)
    check_window(since, until)

    def work(ws: Any, progress: Any) -> Any:
        run_id, _ = ws.score(since=since, until=until, networks=body.networks, params=_params(body.half_life),
                             label=body.label, progress=progress)
        return {"run_id": run_id, "run": ws.run_info(run_id)}

    job = caller.host.submit(Job("score", body.model_dump(mode="json"), work, token_key=caller.token_key))
    return answer_job(request, caller, job, wait)


@router.get("/score-runs/{run}", summary="A stored score run", response_model=Result)
def score_run(caller: Reader, run: int) -> dict[str, Any]:
    """Its window, networks, parameters, scales, components available, size and version."""
    with caller.host.reading() as ws:
        info = ws.run_info(run)
    return result(caller, provenance("score_run", info, id=run), info)


@router.get("/rank", summary="The ranking (einfluence rank): every filter, stable order, cursor pages",
            response_model=RankPage, responses={202: {"description": "The window's run is being computed"}})
async def rank(
    request: Request,
    caller: Reader,
    w: WindowQ,
    limit: Annotated[int, Query(ge=1, le=1000, description="Rows per page.")] = 20,
    cursor: Annotated[str | None, Query(max_length=500, description="next_cursor of the previous page.")] = None,
    min_score: Annotated[float | None, Query(ge=-1e9, le=1e9)] = None,
    min_reactors: Annotated[float | None, Query(ge=-1e9, le=1e12, description="Minimum distinct reactors.")] = None,
    run: Annotated[int | None, Query(ge=1, description="A stored run instead of the window's.")] = None,
    half_life: HalfLife = None,
    by: Literal["account", "person"] = "account",
    topic: Annotated[str | None, Query(max_length=200, description="Influence on this topic (index, name or term).")] = None,
    topic_run: Annotated[int | None, Query(ge=1)] = None,
    community: Annotated[int | None, Query(ge=0, le=2**31 - 1)] = None,
    query: Annotated[str | None, Query(max_length=1000, description="Relevance to this text (BM25).")] = None,
    brand: Annotated[str | None, Query(max_length=200, description="Accounts talking about this declared brand "
                                                                   "(its own accounts left out).")] = None,
) -> Any:
    """The same order and values as ``einfluence rank --format json`` for the same window and
    filters (both ask :meth:`~einfluence.Workspace.shortlist`): the window's stored run (computed
    once when missing, as the command does), best first, ties broken by index then account id.
    Pages follow ``next_cursor``, which pins the run."""
    from einfluence.exceptions import InputError

    if by == "person" and (topic or community is not None or query or brand):
        raise InputError("by=person does not combine with topic, community, query or brand", parameter="by")
    filters = {"w": w.kwargs(), "min_score": min_score, "min_reactors": min_reactors, "half_life": half_life,
               "by": by, "topic": topic, "topic_run": topic_run, "community": community, "query": query,
               "brand": brand, "run": run}
    print_key = fingerprint(**filters)
    page = decode_cursor(cursor, print_key)
    if page is not None:
        run = int(page["r"])  # the run of the first page, whatever was stored since
    after = 0 if page is None else int(page["a"])
    narrow = {"topic": None if page is not None else topic, "topic_run": topic_run, "community": community,
              "query": query, "brand": brand, **w.kwargs(), "params": _params(half_life), "run_id": run}

    def page_of(ws: Any) -> dict[str, Any] | None:
        """The page from the stored runs, or None when a run it needs is not stored yet."""
        if by == "person":
            found = ws.shortlist(**narrow, limit=1, compute=False)
            if found is None:
                return None
            rows = ws.rank_persons(found["run"], limit=after + limit + 1)
        else:
            found = ws.shortlist(**narrow, limit=after + limit + 1, min_score=min_score, min_reactors=min_reactors,
                                 compute=False)
            if found is None:
                return None
            rows = found["rows"].to_pylist()
        produced = provenance("score_run", ws.run_info(found["run"]), id=found["run"])
        for name in ("topic", "community", "query", "brand"):
            if found[name] is not None:
                produced[name] = found[name]
        return {"workspace": caller.workspace, "produced_by": produced, "by": by,
                "items": jsonable(rows[after:after + limit]),
                "next_cursor": encode_cursor({"r": found["run"], "a": after + limit, "f": print_key})
                if len(rows) > after + limit else None}

    def read_page() -> Any:
        """The page read from the store (kept for the next requests), or, when a run it needs is
        missing, that run computed first as a job, as ``einfluence rank`` does."""
        answer = caller.host.cached(key, lambda ws: as_json(page_of(ws)))
        if answer is not None:
            return json_bytes(answer)
        needs = {k: narrow[k] for k in ("topic", "topic_run", "community", "since", "until", "networks", "params",
                                        "run_id")}
        return derived_run(request, caller, f"shortlist:{jsonable(needs)}", "score", needs, page_of,
                           lambda ws, progress: ws.shortlist(**needs, limit=1, progress=progress)["run"])

    key = ("rank", print_key, run, after, limit)
    hit = caller.host.peek(key)  # a page shown since the last write: answered on the event loop
    if hit is not None:
        return json_bytes(hit)
    return await run_in_threadpool(read_page)


@router.get("/accounts/{account}/profile", summary="An account's profile: why it has its score (einfluence explain)",
            response_model=Result)
async def profile(
    caller: Reader,
    account: str,
    network: Annotated[list[str] | None, Query(max_length=200)] = None,
    run: Annotated[int | None, Query(ge=1)] = None,
    reactors: Annotated[int, Query(ge=0, le=1000)] = 10,
    posts: Annotated[int, Query(ge=0, le=1000)] = 5,
) -> dict[str, Any]:
    """Components with value, scale, weight and points; top reactors; most relayed posts;
    reactions per day; score history. ``account`` is a source id or ``@handle``."""
    def compute(ws: Any) -> dict[str, Any]:
        data = ws.explain(account, networks=network or None, run_id=run, n_reactors=reactors, n_posts=posts)
        produced = provenance("score_run", {**data["run"], "params": data["params"]}, id=data["run"]["run_id"])
        return result(caller, produced, data)

    key = ("profile", account, tuple(network or ()), run, reactors, posts)
    return await cached_answer(caller, key, lambda ws: as_json(compute(ws)))


@router.post("/trends", summary="Scores over rolling windows (einfluence trends) as a job", status_code=202,
             responses=JOB_RESPONSES)
def trends(request: Request, caller: Writer, body: TrendsIn, wait: Wait = 0) -> JSONResponse:
    """Each window scored and stored as a history run; stability, risers, faders, one-window influencers."""
    from einfluence.server.common import naive_utc

    def work(ws: Any, progress: Any) -> Any:
        return ws.history(width_hours=body.width, step_hours=body.step, since=naive_utc(body.since),
                          until=naive_utc(body.until), networks=body.networks, top=body.top,
                          burst_quantile=body.burst_quantile, progress=progress)

    job = caller.host.submit(Job("trends", body.model_dump(mode="json"), work, token_key=caller.token_key))
    return answer_job(request, caller, job, wait)


@router.get("/evaluation", summary="How well each measure predicts later amplification (einfluence evaluate)",
            response_model=Result)
def evaluation(
    caller: Reader,
    w: WindowQ,
    split: Annotated[datetime, Query(description="Measures use events before it; targets after (ISO 8601).")],
    half_life: HalfLife = None,
    by_topic: bool = False,
    topic_run: Annotated[int | None, Query(ge=1)] = None,
) -> dict[str, Any]:
    """Spearman, Kendall, top-k overlap and nDCG per measure, and their correlations (read-only)."""
    from einfluence.server.common import naive_utc

    when = naive_utc(split)
    kwargs = {**w.kwargs(), "params": _params(half_life)}
    with caller.host.reading() as ws:
        if by_topic:
            report = ws.evaluate_topics(when, topic_run=topic_run, **kwargs)
        else:
            report = ws.evaluate(when, **kwargs)
    return result(caller, provenance("computation", window=w, params={"split": when, "half_life": half_life,
                                                                       "by_topic": by_topic,
                                                                       "topic_run": topic_run}), report.to_dict())
