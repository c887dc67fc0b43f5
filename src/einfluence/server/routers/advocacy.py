"""Advocacy: campaign actions (create, read, update, delete, import), the advocacy funnel, campaign outcomes."""

from __future__ import annotations

import csv
import io
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import JSONResponse

from einfluence.server.auth import Caller
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
from einfluence.server.models import ActionsIn, ActionUpdateIn, Result
from einfluence.server.problems import Problem

__all__ = ["router"]

router = APIRouter(prefix="/workspaces/{workspace}", tags=["advocacy"])


@router.get("/actions", summary="The logged campaign actions, oldest first", response_model=Result)
async def actions(caller: Reader, brand: Annotated[str | None, Query(max_length=200)] = None) -> Any:
    """Id, account, network, brand, kind, time, campaign and note of each action (kept until the
    next write: a profile page asks at each visit)."""
    return await cached_answer(caller, ("actions", brand), lambda ws: as_json(
        result(caller, provenance("computation", params={"brand": brand}), ws.actions(brand=brand).to_pylist())))


def _log(request: Request, caller: Caller, rows: list[dict[str, Any]], network: str | None, source: str,
         wait: float) -> JSONResponse:
    def work(ws: Any, progress: Any) -> Any:
        added = ws.log_actions(rows, network=network, source=source)
        return {"added": added, "already_logged": len(rows) - added}

    job = caller.host.submit(Job("actions", {"n_actions": len(rows), "network": network, "source": source}, work,
                                 token_key=caller.token_key))
    return answer_job(request, caller, job, wait)


@router.post("/actions", summary="Log campaign actions, all or nothing (einfluence actions add)",
             status_code=200, responses=JOB_RESPONSES)
def add_actions(request: Request, caller: Writer, body: ActionsIn, wait: Wait = 30) -> JSONResponse:
    """An action logged before adds nothing; an unknown account or brand refuses them all (422)."""
    rows = [{**a.model_dump(exclude={"at"}), "at": naive_utc(a.at)} for a in body.actions]
    with caller.host.reading() as ws:  # names checked before anything is queued
        declared = {b["name"].casefold() for b in ws.brands()}
        for i, row in enumerate(rows):
            if row["brand"].casefold() not in declared:
                raise Problem(422, f"action {i + 1}: no declared brand {row['brand']!r}", field=f"actions.{i}.brand")
            ws.account_ids([row["account"]], network=body.network, parameter=f"actions.{i}.account")
    return _log(request, caller, rows, body.network, "api", wait)


def _csv_rows(name: str, data: bytes) -> list[dict[str, Any]]:
    """The rows of an actions CSV (``account, brand, kind, at`` and optionally ``campaign, note``)."""
    from datetime import datetime

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise Problem(422, f"{name}, line {line}: not UTF-8 text", field="file") from None
    reader = csv.DictReader(io.StringIO(text))
    missing = {"account", "brand", "kind", "at"} - set(reader.fieldnames or [])
    if missing:
        raise Problem(422, f"{name}, line 1: missing column(s) {', '.join(sorted(missing))}", field="file")
    rows = []
    for number, row in enumerate(reader, start=2):
        for field in ("account", "brand", "kind", "at"):
            if not (row.get(field) or "").strip():
                raise Problem(422, f"{name}, line {number}, field {field}: empty", field="file")
        try:
            at = naive_utc(datetime.fromisoformat(row["at"].strip()))
        except ValueError:
            raise Problem(422, f"{name}, line {number}, field at: not an ISO 8601 date-time: {row['at']!r}",
                          field="file") from None
        rows.append({"account": row["account"].strip(), "brand": row["brand"].strip(), "kind": row["kind"].strip(),
                     "at": at, "campaign": (row.get("campaign") or "").strip() or None,
                     "note": (row.get("note") or "").strip() or None, "_line": number})
    if not rows:
        raise Problem(422, f"{name}: no action", field="file")
    return rows


@router.post("/actions/import", summary="Import campaign actions from a CSV upload (einfluence actions import)",
             status_code=200, responses=JOB_RESPONSES)
def import_actions(
    request: Request,
    caller: Writer,
    file: Annotated[UploadFile, File(description="CSV: account, brand, kind, at, and optionally campaign, note.")],
    network: Annotated[str | None, Form(max_length=200)] = None,
    wait: Wait = 30,
) -> JSONResponse:
    """All or nothing; errors name the file, line and field; an action logged before adds nothing."""
    name = (file.filename or "actions.csv").replace("\n", " ")[:200]
    rows = _csv_rows(name, file.file.read())
    return _log(request, caller, rows, network, name, wait)


@router.patch("/actions/{action_id}", summary="Change a logged action", responses=JOB_RESPONSES)
def update_action(request: Request, caller: Writer, action_id: int, body: ActionUpdateIn,
                  wait: Wait = 30) -> JSONResponse:
    """Its kind, time, campaign or note (fields left out keep their values)."""
    changes = body.model_dump(exclude_unset=True)
    if "at" in changes:
        changes["at"] = naive_utc(changes["at"])
    with caller.host.reading() as ws:
        if not any(r["action_id"] == action_id for r in ws.actions().to_pylist()):
            raise Problem(404, f"no action #{action_id}", field="action_id")

    job = caller.host.submit(Job("action_update", {"action_id": action_id, **body.model_dump(mode="json",
                                                                                                exclude_unset=True)},
                                 lambda ws, progress: ws.update_action(action_id, **changes),
                                 token_key=caller.token_key))
    return answer_job(request, caller, job, wait)


@router.delete("/actions/{action_id}", summary="Remove a logged action", responses=JOB_RESPONSES)
def delete_action(request: Request, caller: Writer, action_id: int, wait: Wait = 30) -> JSONResponse:
    """The action is gone from the funnel's and the outcomes' evidence."""
    with caller.host.reading() as ws:
        if not any(r["action_id"] == action_id for r in ws.actions().to_pylist()):
            raise Problem(404, f"no action #{action_id}", field="action_id")
    job = caller.host.submit(Job("action_delete", {"action_id": action_id},
                                 lambda ws, progress: ws.delete_action(action_id), token_key=caller.token_key))
    return answer_job(request, caller, job, wait)


@router.get("/advocates", summary="The advocacy funnel (einfluence advocates)", response_model=Result)
async def advocates(
    caller: Reader,
    w: WindowQ,
    brand: Annotated[str | None, Query(max_length=200)] = None,
    min_mentions: Annotated[int, Query(ge=1, le=1_000_000)] = 3,
    prompt_window: Annotated[float, Query(ge=0, le=1e6, description="Hours.")] = 48.0,
    exposure: Literal["reaction", "follow"] = "reaction",
    limit: Annotated[int, Query(ge=0, le=100_000, description="Accounts per list (0: all).")] = 20,
) -> dict[str, Any]:
    """Counts per stage, advocates and detractors with their evidence, and the dated stage changes."""
    def compute(ws: Any) -> bytes | None:
        data = ws.advocates(brand, since=w.since, until=w.until, min_mentions=min_mentions,
                            prompt_window_hours=prompt_window, exposure=exposure, limit=limit or None,
                            networks=w.networks)
        return as_json(result(caller, provenance("computation", window=w, params=data["rules"] | {"brand": brand}),
                              data))

    key = ("advocates", brand, w, min_mentions, prompt_window, exposure, limit)
    return await cached_answer(caller, key, compute)


@router.get("/outcomes", summary="What followed a brand's campaign actions (einfluence actions outcomes)",
            response_model=Result)
async def outcomes(
    caller: Reader,
    brand: Annotated[str, Query(min_length=1, max_length=200)],
    campaign: Annotated[str | None, Query(max_length=500)] = None,
    before: Annotated[float, Query(ge=1, le=3650, description="Days before the first action.")] = 14.0,
    after: Annotated[float, Query(ge=1, le=3650, description="Days after the first action.")] = 14.0,
    seed: Annotated[int, Query(ge=0, le=2**31 - 1)] = 0,
) -> Any:
    """Before and after, against matched comparable accounts (difference in differences), and the
    relay network grown afterwards (kept until the next write: the Brands page asks at each visit)."""
    params = {"brand": brand, "campaign": campaign, "before_days": before, "after_days": after, "seed": seed}

    def compute(ws: Any) -> bytes | None:
        data = ws.campaign_outcomes(brand, campaign=campaign, before_days=before, after_days=after,
                                    random_state=seed)
        return as_json(result(caller, provenance("computation", params=params), data))

    return await cached_answer(caller, ("outcomes", params), compute)
