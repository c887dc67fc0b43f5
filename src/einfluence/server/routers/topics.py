"""Topics: topic runs, each topic's leaders, and content briefs."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from einfluence.server.common import (
    answer_job,
    as_json,
    cached_answer,
    derived_run,
    naive_utc,
    provenance,
    result,
)
from einfluence.server.deps import JOB_RESPONSES, Reader, Wait, WindowQ, Writer
from einfluence.server.jobs import Job, jsonable
from einfluence.server.models import Result, TopicsIn

__all__ = ["router"]

router = APIRouter(prefix="/workspaces/{workspace}", tags=["topics"])


@router.get("/topic-runs", summary="The stored topic runs", response_model=Result)
async def topic_runs(caller: Reader) -> Any:
    """Each run's window, method, parameters, number of topics and posts, and version (kept until
    the next write)."""
    return await cached_answer(caller, ("topic-runs",), lambda ws: as_json(
        result(caller, provenance("computation"), ws.topic_runs())))


@router.post("/topic-runs", summary="Find the topics of a window (einfluence topics) as a job", status_code=202,
             responses=JOB_RESPONSES)
def topics(request: Request, caller: Writer, body: TopicsIn, wait: Wait = 0) -> JSONResponse:
    """Learned (NMF, ``n_topics`` or ``auto``) or declared (``keywords``) topics, stored as a run."""

    def work(ws: Any, progress: Any) -> Any:
        run = ws.topics(n_topics=body.n_topics, keywords=body.keywords, since=naive_utc(body.since),
                        until=naive_utc(body.until), networks=body.networks, random_state=body.seed,
                        progress=progress)
        return {"topic_run_id": run, "run": ws.topic_run(run)}

    job = caller.host.submit(Job("topics", body.model_dump(mode="json"), work, token_key=caller.token_key))
    return answer_job(request, caller, job, wait)


@router.get("/topic-runs/{run}", summary="A topic run and its topics", response_model=Result)
def topic_run(caller: Reader, run: int) -> dict[str, Any]:
    """Window, method, parameters, and each topic's name, top terms and posts."""
    with caller.host.reading() as ws:
        info = ws.topic_run(run)
    return result(caller, provenance("topic_run", info, id=run), info)


@router.get("/topic-runs/{run}/leaders", summary="Each topic's leaders by on-topic score",
            response_model=Result, responses={202: {"description": "The per-topic score runs are being computed"}})
def leaders(
    request: Request,
    caller: Reader,
    run: int,
    k: Annotated[int, Query(ge=1, le=1000)] = 5,
    network: Annotated[list[str] | None, Query(max_length=200)] = None,
) -> dict[str, Any]:
    """The top ``k`` accounts of each topic by their on-topic einfluence score (its runs stored once)."""
    from einfluence.workspace import TopicFilter

    networks = network or None
    with caller.host.reading() as ws:
        info = ws.topic_run(run)

    def find(ws: Any) -> Any:
        for t in info["topics"]:
            topic = TopicFilter(topic_run=run, topic=int(t["topic"]), min_weight=0.3)
            if ws.find_score_run(since=info["since"], until=info["until"], networks=networks, topic=topic) is None:
                return None
        return True

    key = ("topic_leaders", run, k, networks)
    data = caller.host.peek(key)  # kept since the last write (the dashboard's topics page asks often)
    if data is None:
        derived_run(request, caller, f"leaders:{run}:{jsonable(networks)}", "topic_leaders",
                    {"topic_run": run, "networks": networks}, find,
                    lambda ws, progress: ws.topic_leaders(run, k=1, networks=networks, progress=progress))
        data = caller.host.cached(key, lambda ws: jsonable(ws.topic_leaders(run, k=k, networks=networks)))
    return result(caller, provenance("topic_run", info, id=run), data)


@router.get("/brief", summary="A content brief for a target (einfluence brief)", response_model=Result,
            responses={202: {"description": "The topic run is being computed"}})
def brief(
    request: Request,
    caller: Reader,
    w: WindowQ,
    community: Annotated[int | None, Query(ge=0, le=2**31 - 1)] = None,
    community_run: Annotated[int | None, Query(ge=1)] = None,
    topic: Annotated[str | None, Query(max_length=200)] = None,
    topic_run: Annotated[int | None, Query(ge=1)] = None,
    account: Annotated[list[str] | None, Query(max_length=1000)] = None,
    shortlist: Annotated[str | None, Query(min_length=1, max_length=200, description="A saved shortlist.")] = None,
    k: Annotated[int, Query(ge=1, le=1000)] = 10,
) -> dict[str, Any]:
    """What the target (a community, a topic's audience, accounts or a saved shortlist) relays, what rises in it,
    whom it listens to. Without a topic run, the window's is computed first (as the command does)."""
    if topic_run is None and topic is None:
        topic_run = derived_run(
            request, caller, f"topics:{jsonable(w.kwargs())}", "topics", {"window": w.kwargs()},
            lambda ws: ws.topic_runs()[-1]["topic_run_id"] if ws.topic_runs() else None,
            lambda ws, progress: ws.topics(**w.kwargs(), progress=progress),
        )
    with caller.host.reading() as ws:
        data = ws.brief(community=community, community_run=community_run, topic=topic, topic_run=topic_run,
                        accounts=account, shortlist=shortlist, since=w.since, until=w.until, networks=w.networks,
                        k=k)
        info = ws.topic_run(data["topic_run"])
    return result(caller, provenance("topic_run", info, id=data["topic_run"]), data)
