"""Campaigns: seed selections, simulations, plans (create, list, get, compare)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from einfluence.server.common import (
    answer_job,
    as_json,
    cached_answer,
    naive_utc,
    provenance,
    result,
)
from einfluence.server.deps import JOB_RESPONSES, Reader, Wait, Writer
from einfluence.server.jobs import Job
from einfluence.server.models import PlanIn, Result, SeedsIn, SimulateIn
from einfluence.server.problems import Problem

__all__ = ["router"]

router = APIRouter(prefix="/workspaces/{workspace}", tags=["campaigns"])


def _window(body: Any) -> dict[str, Any]:
    return {"since": naive_utc(body.since), "until": naive_utc(body.until), "networks": body.networks}


def _target(ws: Any, target: Any, networks: list[str] | None, shortlist: str | None = None) -> Any:
    """Per-account weights of a target given as names, or names and weights, or a saved shortlist
    (checked now: 422)."""
    if shortlist is not None:
        if target is not None:
            raise Problem(422, "choose one target: target or shortlist", field="shortlist")
        return ws.shortlist_target(shortlist)[0]
    if target is None:
        return None
    names = list(target) if isinstance(target, list) else list(target.keys())
    weights = None if isinstance(target, list) else [float(v) for v in target.values()]
    if not names:
        raise Problem(422, "an empty target", field="target")
    if weights is not None and any(not (v >= 0) for v in weights):
        raise Problem(422, "target weights must be >= 0", field="target")
    return ws.account_weights(names, weights, networks=networks, parameter="target")


def _price_list(ws: Any, costs: dict[str, float] | None, networks: list[str] | None) -> dict[int, float] | None:
    if costs is None:
        return None
    if any(not (c >= 0) for c in costs.values()):
        raise Problem(422, "costs must be >= 0", field="costs")
    ids = ws.account_ids(list(costs), networks=networks, parameter="costs")
    return {int(i): float(c) for i, c in zip(ids, costs.values(), strict=True)}


@router.post("/seeds", summary="Choose seeds (einfluence seeds: IMM, targeted or budgeted) as a job",
             status_code=202, responses=JOB_RESPONSES)
def seeds(request: Request, caller: Writer, body: SeedsIn, wait: Wait = 0) -> JSONResponse:
    """The ``k`` seeds of largest expected spread (or the best within ``budget``), stored as a plan."""
    window = _window(body)
    with caller.host.reading() as ws:  # names resolved before anything is queued: bad ones are a 422
        target = _target(ws, body.target, body.networks, body.shortlist)
        prices = _price_list(ws, body.costs, body.networks)
        exclude = None if not body.exclude else ws.account_ids(body.exclude, networks=body.networks,
                                                                parameter="exclude").tolist()
        include = None if not body.include else ws.account_ids(body.include, networks=body.networks,
                                                                parameter="include").tolist()

    def work(ws: Any, progress: Any) -> Any:
        costs = None if prices is None else ws.costs(ws.n_accounts(), price_list=prices)
        return ws.select_seeds(body.k, epsilon=body.epsilon, ell=body.ell, model=body.model,
                               probabilities=body.probabilities, kinds=body.kinds, target=target, budget=body.budget,
                               costs=costs, exclude=exclude, include=include, random_state=body.seed,
                               progress=progress, **window)

    job = caller.host.submit(Job("seeds", body.model_dump(mode="json"), work, token_key=caller.token_key))
    return answer_job(request, caller, job, wait)


@router.post("/simulations", summary="Simulate given seeds (einfluence simulate) as a job", status_code=202,
             responses=JOB_RESPONSES)
def simulations(request: Request, caller: Writer, body: SimulateIn, wait: Wait = 0) -> JSONResponse:
    """Monte-Carlo spread with its 95 % interval, reach in the target, depth; stored as a plan."""
    window = _window(body)
    with caller.host.reading() as ws:
        ids = ws.account_ids(body.accounts, networks=body.networks, parameter="accounts")
        target = _target(ws, body.target, body.networks, body.shortlist)

    def work(ws: Any, progress: Any) -> Any:
        return ws.simulate_seeds(ids, model=body.model, probabilities=body.probabilities, kinds=body.kinds,
                                 target=target, n_simulations=body.simulations, random_state=body.seed,
                                 progress=progress, **window)

    job = caller.host.submit(Job("simulation", body.model_dump(mode="json"), work, token_key=caller.token_key))
    return answer_job(request, caller, job, wait)


@router.post("/plans", summary="Plan a campaign (einfluence plan) as a job", status_code=202,
             responses=JOB_RESPONSES)
def create_plan(request: Request, caller: Writer, body: PlanIn, wait: Wait = 0) -> JSONResponse:
    """For a message, a target and a budget, the influencers who reach the target best, beside the
    blanket, top-audience and top-score plans of the same budget; stored as a plan."""
    if sum(x is not None for x in (body.community, body.audience, body.target, body.shortlist)) > 1:
        raise Problem(422, "choose one target: community, audience, target or shortlist", field="target")
    if body.budget is None and body.k is None:
        raise Problem(422, "a plan needs a budget or a number of influencers (k)", field="budget")
    window = _window(body)
    with caller.host.reading() as ws:
        target = _target(ws, body.target, body.networks)
        if body.shortlist is not None:  # its accounts as they are now (a plan keeps its target)
            target, shortlist_label = ws.shortlist_target(body.shortlist)
        prices = _price_list(ws, body.costs, body.networks)
        if body.audience is not None:
            ws.find_topic(body.audience, body.topic_run)
        if body.topic is not None:
            ws.find_topic(body.topic, body.topic_run)

    def work(ws: Any, progress: Any) -> Any:
        label, weights = "everyone", target
        if body.community is not None:
            weights, label = ws.community_audience(body.community, **window)
        elif body.audience is not None:
            weights, label = ws.topic_audience(body.audience, body.topic_run)
        elif body.shortlist is not None:
            label = shortlist_label
        elif target is not None:
            label = f"{len(body.target)} accounts"
        return ws.plan(budget=body.budget, k=body.k, message=body.message, topic=body.topic, topic_run=body.topic_run,
                       novelty=body.novelty, target=weights, target_label=label, price_list=prices,
                       rate_card={"base": body.base_fee, "per_thousand": body.per_thousand},
                       blanket_kind=body.blanket_kind, model=body.model, probabilities=body.probabilities,
                       kinds=body.kinds, epsilon=body.epsilon, n_simulations=body.simulations,
                       random_state=body.seed, progress=progress, **window)

    job = caller.host.submit(Job("plan", body.model_dump(mode="json"), work, token_key=caller.token_key))
    return answer_job(request, caller, job, wait)


@router.get("/plans", summary="Stored plans, seed selections and simulations (newest first)", response_model=Result)
async def plans(
    caller: Reader,
    kind: Literal["seeds", "plan", "simulation"] | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    before: Annotated[int | None, Query(ge=1, description="Only plans of smaller id (the next page).")] = None,
) -> dict[str, Any]:
    """Id, kind, window, inputs, label and version of each plan; ``next_before`` pages further."""
    def compute(ws: Any) -> bytes | None:
        rows = ws.plans(kind=kind, limit=limit + 1, before=before)
        more = len(rows) > limit
        rows = rows[:limit]
        out = result(caller, provenance("computation", params={"kind": kind}), rows)
        out["next_before"] = rows[-1]["plan_id"] if more and rows else None
        return as_json(out)

    return await cached_answer(caller, ("plans", kind, limit, before), compute)


def _figures(plan: dict[str, Any]) -> dict[str, Any]:
    """The headline figures of a stored plan, whatever its kind (for comparing plans side by side)."""
    r = plan["result"]
    if plan["kind"] == "plan":
        return {"budget": r.get("budget"), "cost": r.get("cost"), "target": r.get("target"),
                "influencers": [i.get("account") for i in r.get("influencers", [])],
                "comparison": [{k: row.get(k) for k in ("plan", "contacts", "cost", "reach", "reach_ci95",
                                                         "reach_per_cost", "reach_per_contact", "over_budget")}
                               for row in r.get("comparison", [])]}
    keys = ("seeds", "expected_spread", "ci95", "expected_target_reach", "approximation", "rr_sets", "method",
            "model", "n_simulations")
    return {k: r[k] for k in keys if k in r}


@router.get("/plans/compare", summary="Plans side by side: inputs and headline figures", response_model=Result)
def compare(caller: Reader, ids: Annotated[list[int], Query(min_length=1, max_length=20)]) -> dict[str, Any]:
    """For each plan: kind, window, inputs, version and its figures (reach, cost, spread...)."""
    with caller.host.reading() as ws:
        chosen = [ws.plan_info(int(i)) for i in ids]
    data = [{key: p[key] for key in ("plan_id", "kind", "created_at", "since", "until", "networks", "inputs",
                                     "label", "einfluence_version")} | {"figures": _figures(p)} for p in chosen]
    return result(caller, provenance("computation", params={"ids": ids}), data)


@router.get("/plans/{plan}", summary="A stored plan, whole: inputs and result", response_model=Result)
def plan(caller: Reader, plan: int) -> dict[str, Any]:
    """Exactly as it was made (inputs, result, window, version), whatever the code has become since."""
    with caller.host.reading() as ws:
        info = ws.plan_info(plan)
    return result(caller, provenance("plan", info, id=plan), info)
