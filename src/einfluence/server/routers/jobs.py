"""Background jobs: list, follow, cancel."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from einfluence.server.auth import Caller
from einfluence.server.common import job_out
from einfluence.server.deps import Reader, Writer
from einfluence.server.models import JobOut
from einfluence.server.problems import Problem

__all__ = ["router"]

router = APIRouter(prefix="/workspaces/{workspace}/jobs", tags=["jobs"])


def _job(caller: Caller, job_id: int) -> dict[str, Any]:
    live = caller.host.jobs.get(job_id)
    if live is not None:
        return job_out(live, caller.workspace)
    from einfluence.store.jobs import get_job

    with caller.host.reading() as ws:
        return job_out(get_job(ws.con, job_id), caller.workspace)


@router.get("", summary="Jobs, newest first")
def jobs(
    caller: Reader,
    state: Literal["queued", "running", "succeeded", "failed", "cancelled"] | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    before: Annotated[int | None, Query(ge=1, description="Only jobs of smaller id (the next page).")] = None,
) -> dict[str, Any]:
    """Each job's kind, state, stage and percentage (live ones as they run), without results."""
    from einfluence.store.jobs import list_jobs

    with caller.host.reading() as ws:
        rows = list_jobs(ws.con, state=state, limit=limit + 1, before=before)
    items = []
    for row in rows[:limit]:
        live = caller.host.jobs.get(row["job_id"])
        item = job_out(live if live is not None else row, caller.workspace)
        item["result"] = None  # the list stays light: follow links.self for the result
        items.append(item)
    return {"workspace": caller.workspace, "items": items,
            "next_before": items[-1]["job_id"] if len(rows) > limit and items else None}


@router.get("/{job_id}", summary="A job: state, stage, percentage, result or error", response_model=JobOut)
def job(caller: Reader, job_id: int) -> dict[str, Any]:
    """As it runs: its stage and percentage; once ended: its result, or its error (problem details)."""
    return _job(caller, job_id)


@router.post("/{job_id}/cancel", summary="Cancel a job", response_model=JobOut, status_code=202)
def cancel(caller: Writer, job_id: int) -> dict[str, Any]:
    """A queued job is cancelled at once; a running one stops at its next progress report, its
    transaction rolled back (nothing half-written). Cancelling an ended job is a 409."""
    if not caller.host.cancel(job_id):
        current = _job(caller, job_id)
        raise Problem(409, f"job #{job_id} has already ended ({current['state']})", field="job_id")
    return _job(caller, job_id)
