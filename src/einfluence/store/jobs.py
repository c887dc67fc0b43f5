"""Background jobs of the server: what was asked, its state, and how it ended.

A job row is written when the job is submitted (``queued``), when it starts (``running``) and
when it ends (``succeeded``, ``failed`` or ``cancelled``, with its result or its error as JSON).
The work of a job writes in its own transaction; a job row that still says ``queued`` or
``running`` when a server opens the file again belongs to a server that stopped without
finishing it (a crash, a kill): :func:`fail_interrupted_jobs` marks those failed with the
reason, so a job is never lost silently.
"""

from __future__ import annotations

import json
from typing import Any

import duckdb

from einfluence._version import __version__
from einfluence.exceptions import InputError
from einfluence.store.database import fetch_one, transaction

__all__ = ["JOB_STATES", "add_job", "fail_interrupted_jobs", "finish_job", "get_job", "list_jobs", "start_job"]

#: the states of a job; the last three are final
JOB_STATES: tuple[str, ...] = ("queued", "running", "succeeded", "failed", "cancelled")

_COLUMNS = ("job_id", "kind", "state", "params", "token_key", "created_at", "started_at", "finished_at", "stage",
            "result", "error", "einfluence_version")


def _row(row: tuple) -> dict[str, Any]:
    job = dict(zip(_COLUMNS, row, strict=True))
    for key in ("params", "result", "error"):
        job[key] = None if job[key] is None else json.loads(job[key])
    return job


def add_job(
    con: duckdb.DuckDBPyConnection, *, kind: str, params: dict[str, Any], token_key: str | None = None
) -> int:
    """Record a submitted job as ``queued``; return its id."""
    with transaction(con):
        job_id = int(fetch_one(con, "SELECT coalesce(max(job_id) + 1, 1) FROM jobs")[0])
        con.execute(
            "INSERT INTO jobs VALUES (?, ?, 'queued', ?, ?, current_localtimestamp(), NULL, NULL, NULL, NULL, NULL, ?)",
            [job_id, kind, json.dumps(params, default=str), token_key, __version__],
        )
    return job_id


def start_job(con: duckdb.DuckDBPyConnection, job_id: int) -> None:
    """Mark a job ``running``."""
    con.execute("UPDATE jobs SET state = 'running', started_at = current_localtimestamp() WHERE job_id = ?", [job_id])


def finish_job(
    con: duckdb.DuckDBPyConnection,
    job_id: int,
    *,
    state: str,
    stage: str | None = None,
    result: Any = None,
    error: dict[str, Any] | None = None,
) -> None:
    """Mark a job ended (``succeeded``, ``failed`` or ``cancelled``) with its result or error."""
    if state not in JOB_STATES[2:]:
        raise InputError(f"not a final job state: {state!r}", parameter="state")
    con.execute(
        "UPDATE jobs SET state = ?, finished_at = current_localtimestamp(), stage = ?, result = ?, error = ? "
        "WHERE job_id = ?",
        [state, stage, None if result is None else json.dumps(result, default=str),
         None if error is None else json.dumps(error, default=str), job_id],
    )


def get_job(con: duckdb.DuckDBPyConnection, job_id: int) -> dict[str, Any]:
    """A job by id."""
    rows = con.execute(f"SELECT {', '.join(_COLUMNS)} FROM jobs WHERE job_id = ?", [job_id]).fetchall()
    if not rows:
        raise InputError(f"no job #{job_id}", parameter="job_id")
    return _row(rows[0])


def list_jobs(
    con: duckdb.DuckDBPyConnection, *, state: str | None = None, limit: int = 100, before: int | None = None
) -> list[dict[str, Any]]:
    """Jobs, newest first (``before``: only jobs with a smaller id, for paging)."""
    where, params = [], []
    if state is not None:
        where.append("state = ?")
        params.append(state)
    if before is not None:
        where.append("job_id < ?")
        params.append(before)
    query = f"SELECT {', '.join(_COLUMNS)} FROM jobs"
    if where:
        query += " WHERE " + " AND ".join(where)
    rows = con.execute(query + f" ORDER BY job_id DESC LIMIT {int(limit)}", params).fetchall()
    return [_row(r) for r in rows]


def fail_interrupted_jobs(con: duckdb.DuckDBPyConnection, reason: str) -> list[int]:
    """Mark every ``queued`` or ``running`` job failed with ``reason``; return their ids."""
    with transaction(con):
        ids = [int(r[0]) for r in con.execute(
            "SELECT job_id FROM jobs WHERE state IN ('queued', 'running') ORDER BY job_id").fetchall()]
        if ids:
            error = json.dumps({"type": "about:blank", "title": "Interrupted", "status": 500, "detail": reason})
            con.execute(
                "UPDATE jobs SET state = 'failed', finished_at = current_localtimestamp(), error = ? "
                "WHERE job_id IN (SELECT unnest(?::INTEGER[]))",
                [error, ids],
            )
    return ids
