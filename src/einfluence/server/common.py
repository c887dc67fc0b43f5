"""What the routers share: windows, provenance, job answers, missing runs, cursors.

Reads that need a run the workspace has not stored yet (the ranking of a new window, a
topic's leaders) do what the command line does: compute it once and store it. Here that is a
job on the workspace's writer (:meth:`~einfluence.server.hosting.WorkspaceHost.derived`, one
job however many requests ask for it); the read waits for it up to ``compute_wait`` seconds,
then answers from the stored run, or ``202 Accepted`` with the job to follow. A run is
derived data (a deterministic function of the data already stored), so any valid token may
cause it to be computed; imported data and the user's own records (brands, actions, plans)
change only through write tokens.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Query, Request
from fastapi.responses import JSONResponse

from einfluence._version import __version__
from einfluence.server.jobs import Job, jsonable
from einfluence.server.problems import PROBLEM_JSON, Problem

if TYPE_CHECKING:
    from einfluence.server.auth import Caller
    from einfluence.workspace import Workspace

__all__ = [
    "Accepted",
    "Window",
    "answer_job",
    "cached_answer",
    "computing_response",
    "decode_cursor",
    "derived_run",
    "encode_cursor",
    "job_out",
    "naive_utc",
    "provenance",
    "read_wait",
    "result",
    "window",
]

API = "/api/v1"


def naive_utc(value: datetime | None) -> datetime | None:
    """A date-time as the store keeps it: UTC without a time zone (a naive one is taken as UTC)."""
    if value is None or value.tzinfo is None:
        return value
    return value.astimezone(UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class Window:
    """The window of a request: ``since <= time < until`` (UTC), in some networks."""

    since: datetime | None
    until: datetime | None
    networks: list[str] | None

    def kwargs(self) -> dict[str, Any]:
        return {"since": self.since, "until": self.until, "networks": self.networks}


async def window(
    since: Annotated[datetime | None, Query(description="Events at or after this time (ISO 8601, UTC).")] = None,
    until: Annotated[datetime | None, Query(description="Events strictly before this time (ISO 8601, UTC).")] = None,
    network: Annotated[list[str] | None, Query(max_length=200, description="Restrict to a network (repeat).")] = None,
) -> Window:
    """The window query parameters shared by every analysis (a coroutine: it only parses, so it
    runs on the event loop instead of the thread pool)."""
    return Window(naive_utc(since), naive_utc(until), network or None)


def provenance(kind: str, run: dict[str, Any] | None = None, *, id: int | None = None,
               params: dict[str, Any] | None = None, window: Window | None = None) -> dict[str, Any]:
    """``produced_by`` of a result: a stored run or plan (``run``), or a computation of a window."""
    if run is not None:
        return jsonable({"kind": kind, "id": id, "since": run.get("since"), "until": run.get("until"),
                         "networks": run.get("networks"), "params": run.get("params") or run.get("inputs") or {},
                         "einfluence_version": run.get("einfluence_version") or __version__})
    w = window or Window(None, None, None)
    return jsonable({"kind": kind, "id": id, "since": w.since, "until": w.until, "networks": w.networks,
                     "params": params or {}, "einfluence_version": __version__})


def result(caller: Caller, produced_by: dict[str, Any], data: Any) -> dict[str, Any]:
    """A :class:`~einfluence.server.models.Result`."""
    return {"workspace": caller.workspace, "produced_by": produced_by, "data": jsonable(data)}


def _time(value: Any) -> Any:
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value, UTC).replace(tzinfo=None)
    return value


def job_out(job: Job | dict[str, Any], workspace: str) -> dict[str, Any]:
    """A job (live, or its stored row) as :class:`~einfluence.server.models.JobOut`."""
    if isinstance(job, Job):
        out = {"job_id": job.job_id, "kind": job.kind, "state": job.state, "stage": job.stage,
               "stage_done": job.stage_done, "stage_total": job.stage_total, "unit": job.unit,
               "percent": job.percent, "params": job.params, "created_at": _time(job.created_at),
               "started_at": _time(job.started_at), "finished_at": _time(job.finished_at), "result": job.result,
               "error": job.error, "cancel_requested": job.cancel_event.is_set()}
    else:
        out = {key: job.get(key) for key in ("job_id", "kind", "state", "stage", "params", "created_at",
                                             "started_at", "finished_at", "result", "error")}
        out["percent"] = 100.0 if job["state"] == "succeeded" else None
    # the stage's catalogue key and values, when the work wrote it as an einfluence.i18n.Reason (a
    # live job's): a page says it in its reader's language; a stored job keeps its English only
    from einfluence.i18n import stage_parts

    found = stage_parts(out["stage"])
    out["stage_key"], out["stage_values"] = found if found is not None else (None, None)
    out["workspace"] = workspace
    out["links"] = {"self": f"{API}/workspaces/{workspace}/jobs/{out['job_id']}"}
    return jsonable(out)


class Accepted(Exception):
    """Answer ``202 Accepted`` with a job still running (raised by reads waiting for a missing run)."""

    def __init__(self, job: Job, workspace: str) -> None:
        super().__init__(f"job #{job.job_id} still running")
        self.job = job
        self.workspace = workspace

    def response(self) -> JSONResponse:
        body = job_out(self.job, self.workspace)
        return JSONResponse(body, status_code=202, headers={"Location": body["links"]["self"]})


def _failed(job: Job) -> Problem:
    error = job.error or {}
    parts = {k: v for k, v in error.items() if k in ("file", "line", "reason", "reason_key", "reason_values")}
    return Problem(int(error.get("status", 500)), str(error.get("detail", f"job #{job.job_id} failed")),
                   field=error.get("field"), extra={**parts, "job": job_out(job, job.workspace)})


def read_wait(request: Request) -> float:
    """How long a read may wait for a missing run or a slow computation: ``--compute-wait``, or
    less when the request says so (``Prefer: wait=SECONDS``, RFC 7240; the dashboard's pages ask
    for 2 s, then render what is ready and a progress notice for the rest)."""
    import re

    limit = float(request.app.state.einfluence.config.compute_wait)
    found = re.search(r"(?:^|[,;\s])wait=(\d+(?:\.\d+)?)", request.headers.get("prefer", ""))
    return min(limit, float(found.group(1))) if found else limit


def computing_response(workspace: str, exc: Any) -> JSONResponse:
    """``202 Accepted`` for a read still computing in the background (no job: nothing is written);
    ``Retry-After`` says when to ask again."""
    body = {"workspace": workspace, "job_id": None, "kind": "computation", "state": "running", "stage": exc.stage,
            "percent": None, "started_at": jsonable(datetime.fromtimestamp(exc.started, UTC).replace(tzinfo=None))}
    return JSONResponse(body, status_code=202, headers={"Retry-After": "3"})


def answer_job(request: Request, caller: Caller, job: Job, wait: float) -> JSONResponse:
    """The answer to a request that queued a job: 202 with the job, or, when it ends within
    ``wait`` seconds, 200 with its result (or its error as problem details)."""
    limit = min(max(float(wait), 0.0), request.app.state.einfluence.config.compute_wait)
    if limit > 0:
        job.done_event.wait(limit)
    body = job_out(job, caller.workspace)
    headers = {"Location": body["links"]["self"]}
    if job.done_event.is_set() and job.state == "failed":
        problem = _failed(job)
        return JSONResponse({**problem.body(), "instance": request.url.path}, status_code=problem.status,
                            headers=headers, media_type=PROBLEM_JSON)
    return JSONResponse(body, status_code=200 if job.done_event.is_set() else 202, headers=headers)


def derived_run(request: Request, caller: Caller, key: str, kind: str, params: dict[str, Any],
                find: Callable[[Workspace], Any], compute: Callable[[Workspace, Any], Any]) -> Any:
    """A run that a read needs: found in the store, or computed once as a job and waited for.

    ``find(ws)`` returns it or None (reading only); ``compute(ws, progress)`` makes and stores it.
    Raises :class:`Accepted` when the job outlives ``compute_wait``.
    """
    with caller.host.reading() as ws:
        found = find(ws)
    if found is not None:
        return found
    job = caller.host.derived(key, lambda: Job(kind, params, compute, token_key=caller.token_key))
    job.done_event.wait(read_wait(request))
    if not job.done_event.is_set():
        raise Accepted(job, caller.workspace)
    if job.state != "succeeded":
        raise _failed(job)
    with caller.host.reading() as ws:
        found = find(ws)
    if found is None:  # computed, yet not found: should not happen; say so rather than loop
        raise Problem(409, f"job #{job.job_id} ended without storing the run it was computing")
    return found


def as_json(value: Any) -> bytes | None:
    """A JSON-ready answer as the bytes of its response (None stays None): a cached answer is
    serialised once, not at every request."""
    return None if value is None else json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


def json_bytes(content: bytes) -> Any:
    """A response of JSON bytes made before (a cached answer)."""
    from fastapi.responses import Response

    return Response(content=content, media_type="application/json")


async def cached_answer(caller: Caller, key: Any, compute: Callable[[Workspace], bytes | None]) -> Any:
    """The response of a hot read: its answer kept since the last write, found on the event loop
    without waiting (no thread-pool trip: under many clients that trip costs more than the
    look-up), or ``compute(ws)`` run in the thread pool on a snapshot and kept."""
    from starlette.concurrency import run_in_threadpool

    hit = caller.host.peek(key)
    if hit is None:
        hit = await run_in_threadpool(caller.host.cached, key, compute)
    return json_bytes(hit)


def encode_cursor(payload: dict[str, Any]) -> str:
    """An opaque pagination cursor."""
    return base64.urlsafe_b64encode(json.dumps(payload, separators=(",", ":")).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None, fingerprint: str) -> dict[str, Any] | None:
    """The payload of a cursor made for the same request (same filters), or a 422 naming ``cursor``."""
    if cursor is None:
        return None
    try:
        payload = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise Problem(422, "not a cursor given by this API", field="cursor") from None
    if not isinstance(payload, dict) or payload.get("f") != fingerprint or not isinstance(payload.get("a"), int):
        raise Problem(422, "this cursor belongs to another request (other filters): start again without it",
                      field="cursor")
    return payload


def fingerprint(**filters: Any) -> str:
    """A short digest of a request's filters (a cursor is valid only for the same ones)."""
    text = json.dumps(jsonable(filters), sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]
