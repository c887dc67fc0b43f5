"""Communities: Leiden runs, their members, leaders and brokers."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from einfluence.server.common import (
    answer_job,
    as_json,
    cached_answer,
    decode_cursor,
    derived_run,
    encode_cursor,
    fingerprint,
    naive_utc,
    provenance,
    read_wait,
    result,
)
from einfluence.server.deps import JOB_RESPONSES, Reader, Wait, Writer
from einfluence.server.jobs import Job
from einfluence.server.models import CommunitiesIn, Result

__all__ = ["router"]

router = APIRouter(prefix="/workspaces/{workspace}", tags=["communities"])


@router.get("/community-runs", summary="The stored community runs", response_model=Result)
async def community_runs(caller: Reader) -> Any:
    """Each run's window, parameters (with the Leiden backend), communities, modularity and version
    (kept until the next write)."""
    return await cached_answer(caller, ("community-runs",), lambda ws: as_json(
        result(caller, provenance("computation"), ws.community_runs())))


@router.post("/community-runs", summary="Find the communities of a window (einfluence communities) as a job",
             status_code=202, responses=JOB_RESPONSES)
def communities(request: Request, caller: Writer, body: CommunitiesIn, wait: Wait = 0) -> JSONResponse:
    """Leiden on the interaction graph of the window, stored as a run (reused when already stored)."""

    def work(ws: Any, progress: Any) -> Any:
        run = ws.communities(since=naive_utc(body.since), until=naive_utc(body.until), networks=body.networks,
                             kinds=body.kinds, resolution=body.resolution, seed=body.seed, progress=progress)
        return {"community_run_id": run, "run": ws.community_run(run)}

    job = caller.host.submit(Job("communities", body.model_dump(mode="json"), work, token_key=caller.token_key))
    return answer_job(request, caller, job, wait)


@router.get("/community-runs/{run}", summary="A community run", response_model=Result)
def community_run(caller: Reader, run: int) -> dict[str, Any]:
    """Its window, parameters, number of communities, modularity and version."""
    with caller.host.reading() as ws:
        info = ws.community_run(run)
    return result(caller, provenance("community_run", info, id=run), info)


@router.get("/community-runs/{run}/report", summary="Sizes, terms, leaders and brokers of the communities",
            response_model=Result, responses={202: {"description": "The window's score run, or the report, is being computed"}})
def report(
    request: Request,
    caller: Reader,
    run: int,
    k: Annotated[int, Query(ge=1, le=1000)] = 5,
    communities: Annotated[int, Query(ge=1, le=10_000)] = 10,
    score_run: Annotated[int | None, Query(ge=1)] = None,
) -> dict[str, Any]:
    """The table of ``einfluence communities``: leaders ranked with the window's score run."""
    with caller.host.reading() as ws:
        info = ws.community_run(run)
    window = {"since": info["since"], "until": info["until"], "networks": info["networks"]}
    if score_run is None:
        score_run = derived_run(request, caller, f"score:{window}", "score", {"window": window},
                                lambda ws: ws.find_score_run(**window),
                                lambda ws, progress: ws.score_run_for(**window, progress=progress))
    # a stored run's report changes only with a write: kept until then; it reads every post's
    # text, so it is computed once in the background and a hurried read (Prefer: wait) gets a 202
    data = caller.host.background(("community_report", run, k, communities, score_run),
                                  lambda ws: ws.community_report(run, k=k, n_communities=communities,
                                                                 score_run=score_run),
                                  wait=read_wait(request), stage="community report")
    produced = provenance("community_run", info, id=run)
    produced["score_run"] = score_run
    return result(caller, produced, data)


@router.get("/community-runs/{run}/members", summary="Accounts and their community, in pages",
            response_model=Result)
def members(
    caller: Reader,
    run: int,
    community: Annotated[int | None, Query(ge=0, le=2**31 - 1)] = None,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 1000,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> dict[str, Any]:
    """Rows ``account, network, handle, account_id, community`` by community then account id."""
    key = fingerprint(run=run, community=community)
    page = decode_cursor(cursor, key)
    after = 0 if page is None else int(page["a"])
    with caller.host.reading() as ws:
        info = ws.community_run(run)
        table = ws.community_members(run, community=community)
    rows = table.slice(after, limit).to_pylist()
    more = table.num_rows > after + limit
    out = result(caller, provenance("community_run", info, id=run), rows)
    out["next_cursor"] = encode_cursor({"a": after + limit, "f": key}) if more else None
    return out
