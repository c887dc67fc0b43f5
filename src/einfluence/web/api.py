"""The few reads the dashboard needs beyond issue #12's API, as API endpoints too (``/api/v1``):
a script gets the same numbers as a page. Each one asks the :class:`~einfluence.Workspace`
façade in a read-only snapshot, and the hot ones keep their answer until the next write."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request

from einfluence.server.auth import Caller, require
from einfluence.server.common import (
    as_json,
    cached_answer,
    json_bytes,
    provenance,
    read_wait,
    result,
)

__all__ = ["router"]

router = APIRouter(prefix="/workspaces/{workspace}", tags=["dashboard"])
Reader = Annotated[Caller, Depends(require("read"))]


@router.get("/activity", summary="Interactions per network and UTC day (the overview's chart)")
async def activity(caller: Reader) -> Any:
    """``{network: {day: interactions}}`` over every timed interaction of the workspace."""

    def compute(ws: Any) -> bytes | None:
        return as_json(result(caller, provenance("computation"), ws.activity()))

    return await cached_answer(caller, ("web:activity",), compute)


@router.get("/community-runs/{run}/map", summary="The map of a community run: positions, roles, ties")
async def community_map(
    request: Request,
    caller: Reader,
    run: int,
    max_accounts: Annotated[int, Query(ge=10, le=50_000, description="Accounts drawn (the most influential, "
                                                                     "and every leader and broker).")] = 2000,
    k: Annotated[int, Query(ge=1, le=100, description="Leaders and brokers per community.")] = 5,
    format: Annotated[Literal["rows", "columns"], Query(
        description="rows: a list of nodes and of [a, b, weight] edges; columns: one array per field "
                    "(what a browser draws from: a third of the size, parsed faster)")] = "rows",
    wait: Annotated[float | None, Query(ge=0, le=3600, description="Seconds to wait for a map not computed yet "
                                                                   "(then 202); as Prefer: wait.")] = None,
) -> Any:
    """Nodes (account, handle, name, community, x, y, score, leader, broker), communities (size) and
    edges (``[a, b, weight]`` between node positions), as :meth:`~einfluence.Workspace.community_map`.

    With ``format=columns``: ``nodes`` is ``{field: [value per node]}`` (``network`` an index in
    ``networks``; ``leader``, ``broker`` 0 or 1; positions rounded to 0.01 and scores to 0.001,
    finer than a pixel), ``edges`` is ``{"a": [...], "b": [...], "weight": [...]}``; nodes in the
    same order as the rows, the most influential first."""

    def compute(ws: Any) -> bytes | None:
        data = ws.community_map(run, max_accounts=max_accounts, k=k)
        produced = provenance("community_run", ws.community_run(run), id=run)
        produced["score_run"] = data["score_run"]
        return as_json(result(caller, produced, _columns(data) if format == "columns" else data))

    # computed once in the background (a 20,000-account map of a large world takes a minute and
    # gigabytes): a read waits ``wait`` or ``Prefer: wait`` seconds, then answers 202
    key = ("web:map", run, max_accounts, k, format)
    hit = caller.host.peek(key)
    if hit is None:
        from starlette.concurrency import run_in_threadpool

        limit = read_wait(request) if wait is None else min(float(wait), read_wait(request))
        hit = await run_in_threadpool(lambda: caller.host.background(key, compute, wait=limit, stage="community map"))
    return json_bytes(hit)


def _columns(data: dict[str, Any]) -> dict[str, Any]:
    """A community map with one array per field (see :func:`community_map`)."""
    nodes, edges = data["nodes"], data["edges"]
    networks = sorted({n["network"] for n in nodes})
    index = {name: i for i, name in enumerate(networks)}
    columns = {
        "account": [n["account"] for n in nodes], "handle": [n["handle"] for n in nodes],
        "name": [n.get("name") for n in nodes],
        "network": [index[n["network"]] for n in nodes], "community": [n["community"] for n in nodes],
        "x": [round(n["x"], 2) for n in nodes], "y": [round(n["y"], 2) for n in nodes],
        "score": [round(n["score"], 3) for n in nodes], "leader": [int(n["leader"]) for n in nodes],
        "broker": [int(n["broker"]) for n in nodes],
    }
    return {**{k: v for k, v in data.items() if k not in ("nodes", "edges")}, "networks": networks,
            "n_nodes": len(nodes), "nodes": columns,
            "edges": {"a": [e[0] for e in edges], "b": [e[1] for e in edges], "weight": [round(e[2], 3) for e in edges]}}


@router.get("/score-history", summary="Scores of accounts in the stored history windows (sparklines)")
async def score_history(
    caller: Reader,
    account_id: Annotated[list[int], Query(max_length=1000, description="Account ids (repeat).")],
) -> Any:
    """Per account id: its score in each window of the latest history (``einfluence trends``),
    oldest first (None where not scored), its trend (``rising``, ``fading``, ``stable`` or
    ``unknown``: :func:`einfluence.scoring.dynamics.trends`, as ``einfluence trends`` labels
    them) and the windows (``since``, ``until``); empty when no history is stored
    (:meth:`~einfluence.Workspace.score_trends`)."""

    def compute(ws: Any) -> bytes | None:
        data = ws.score_trends(account_id)
        return as_json(result(caller, provenance("computation", params={"group": data["group"]}), data))

    return await cached_answer(caller, ("web:history", sorted(account_id)), compute)


def _identity(caller: Caller, account: str, network: str | None) -> tuple[int, tuple[str, str]]:
    """An account's id and (source id, network), kept until the next write."""

    def find(ws: Any) -> tuple[int, tuple[str, str]]:
        account_id = int(ws.account_ids([account], network=network, parameter="account")[0])
        me = ws.describe_accounts([account_id])[account_id]
        return account_id, (str(me["account"]), str(me["network"]))

    return caller.host.cached(("web:identity", account, network), find)


@router.get("/accounts/{account}/context", summary="An account's community, role and topics of interest",
            responses={202: {"description": "The run's leaders and brokers are being found (Retry-After)"}})
def account_context(request: Request, caller: Reader, account: str,
                    network: Annotated[str | None, Query(max_length=200)] = None) -> Any:
    """The community of the account in the latest community run, whether it is one of the
    leaders or brokers of the run (as its report finds them, with the window's score run:
    :meth:`~einfluence.Workspace.community_roles`), and its topics of interest in the latest
    topic run. The run's roles are found once for every account until the next write."""
    account_id, _ = _identity(caller, account, network)

    def runs_of(ws: Any) -> dict[str, Any]:
        runs = ws.community_runs()
        if not runs:
            return {"run": None, "score_run": None, "has_topics": bool(ws.topic_runs())}
        last = runs[-1]
        return {"run": last["community_run_id"], "has_topics": bool(ws.topic_runs()),
                "score_run": ws.find_score_run(since=last["since"], until=last["until"], networks=last["networks"])}

    known = caller.host.cached(("web:latest-runs",), runs_of)
    run, score_run = known["run"], known["score_run"]

    def own(ws: Any) -> dict[str, Any]:
        community = None
        if run is not None:
            community = {"community_run": run, "community": ws.account_community(account_id, run)}
        topics = ws.account_topics([account_id], k=5)[0] if known["has_topics"] else []
        return {"community": community, "topics": topics}

    mine = caller.host.cached(("web:account-own", account_id), own)
    role = None
    if run is not None and score_run is not None:
        roles = caller.host.background(  # the leaders and brokers of the run, for every profile, until the next write
            ("web:roles", run, score_run), lambda ws: ws.community_roles(run, k=5, score_run=score_run),
            wait=read_wait(request), stage="community roles")
        leads = [c for c, members in roles["leaders"].items() if any(m["account_id"] == account_id for m in members)]
        brokers = [b for b in roles["brokers"] if b["account_id"] == account_id]
        role = {"leader": bool(leads), "leads": leads, "broker": bool(brokers),
                "broker_detail": brokers[0] if brokers else None}
    data = {"account_id": account_id, **mine, "role": role}
    return result(caller, provenance("computation"), data)


@router.get("/accounts/{account}/brands", summary="An account's perception of each brand and its funnel events",
            responses={202: {"description": "Every brand's perception or funnel is being computed (Retry-After)"}})
def account_brands(request: Request, caller: Reader, account: str,
                   network: Annotated[str | None, Query(max_length=200)] = None) -> Any:
    """The account's rows of :meth:`~einfluence.Workspace.brand_perception` (mentions, sentiment
    with its interval, share of voice, trend, quotes) and its dated stage changes in each
    brand's advocacy funnel (:meth:`~einfluence.Workspace.advocates`) with their evidence, over
    the whole data; both results are computed once for every account until the next write, in
    the background: a read that waited ``Prefer: wait`` (else ``--compute-wait``) seconds answers
    202 with the stage, and the next one gets them."""
    from einfluence.server.jobs import jsonable

    account_id, me = _identity(caller, account, network)
    wait = read_wait(request)
    perception = caller.host.background(("web:perception-all",), lambda w: jsonable(w.brand_perception(None, limit=None)),
                                        wait=wait, stage="brand perception")
    funnel = caller.host.background(("web:advocates-all",), lambda w: jsonable(w.advocates(None, limit=None)),
                                    wait=wait, stage="advocacy funnel")
    # the rows and events of every account, found once for these results (not a pass over all
    # of them at each profile: tens of thousands of events on a large world)
    mine = caller.host.cached(("web:brands-by-account", id(perception), id(funnel)),
                              lambda ws: _by_account(perception, funnel))
    data = {"account_id": account_id, "perception": mine["perception"].get(me, []),
            "events": mine["events"].get(account_id, []), "rules": funnel["rules"]}
    return result(caller, provenance("computation"), data)


def _by_account(perception: dict[str, Any], funnel: dict[str, Any]) -> dict[str, dict[Any, list]]:
    """Every brand's perception rows by (account, network) and funnel events (with their brand)
    by account id, in their order."""
    rows: dict[tuple[str, str], list] = {}
    for row in perception["influencers"]:
        rows.setdefault((str(row["account"]), row["network"]), []).append(row)
    events: dict[int, list] = {}
    for brand in funnel["brands"]:
        for event in brand["events"]:
            events.setdefault(event["account"], []).append({**event, "brand": brand["brand"]})
    return {"perception": rows, "events": events}
