"""Campaign plans, seed selections and simulations: stored with their inputs, read back whole."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import duckdb

from einfluence._version import __version__
from einfluence.exceptions import InputError
from einfluence.store.database import fetch_dicts, fetch_one, transaction

__all__ = ["PLAN_KINDS", "get_plan", "list_plans", "plan_summaries", "save_plan"]

PLAN_KINDS = ("seeds", "plan", "simulation")


def save_plan(
    con: duckdb.DuckDBPyConnection,
    *,
    kind: str,
    inputs: Mapping[str, Any],
    result: Mapping[str, Any],
    since: datetime | None = None,
    until: datetime | None = None,
    networks: Sequence[str] | None = None,
    label: str | None = None,
) -> int:
    """Store a plan (its inputs and its result, as JSON); return its id."""
    if kind not in PLAN_KINDS:
        raise ValueError(f"kind must be one of {PLAN_KINDS}, got {kind!r}")
    with transaction(con):
        plan_id = int(fetch_one(con, "SELECT coalesce(max(plan_id) + 1, 1) FROM plans")[0])
        con.execute(
            "INSERT INTO plans VALUES (?, current_localtimestamp(), ?, ?, ?, ?, ?, ?, ?, ?)",
            [plan_id, kind, since, until, None if networks is None else list(networks),
             json.dumps(dict(inputs), default=str), json.dumps(dict(result), default=str), label, __version__],
        )
    return plan_id


def _row_to_plan(names: list[str], row: tuple) -> dict[str, Any]:
    plan = dict(zip(names, row, strict=True))
    plan["inputs"] = json.loads(plan["inputs"])
    plan["result"] = json.loads(plan["result"])
    return plan


def get_plan(con: duckdb.DuckDBPyConnection, plan_id: int | None = None, *, kind: str | None = None) -> dict[str, Any]:
    """A stored plan (the latest, of ``kind`` if given, when ``plan_id`` is None)."""
    if plan_id is None:
        row = fetch_one(
            con, "SELECT max(plan_id) FROM plans" + (" WHERE kind = ?" if kind else ""), [kind] if kind else None
        )
        if row is None or row[0] is None:
            raise InputError("no plan in this database yet: run 'einfluence plan' first")
        plan_id = int(row[0])
    cursor = con.execute("SELECT * FROM plans WHERE plan_id = ?", [plan_id])
    names = [d[0] for d in cursor.description]
    rows = cursor.fetchall()
    if not rows:
        raise InputError(f"no plan #{plan_id}")
    return _row_to_plan(names, rows[0])


def list_plans(con: duckdb.DuckDBPyConnection, *, kind: str | None = None) -> list[dict[str, Any]]:
    """Every stored plan (of ``kind`` if given), oldest first."""
    cursor = con.execute(
        "SELECT * FROM plans" + (" WHERE kind = ?" if kind else "") + " ORDER BY plan_id", [kind] if kind else []
    )
    names = [d[0] for d in cursor.description]
    return [_row_to_plan(names, row) for row in cursor.fetchall()]


def plan_summaries(
    con: duckdb.DuckDBPyConnection, *, kind: str | None = None, limit: int | None = None, before: int | None = None
) -> list[dict[str, Any]]:
    """Stored plans without their results (id, kind, window, inputs, label, version), newest
    first; ``before`` keeps the plans of smaller id (for paging)."""
    where, params = [], []
    if kind is not None:
        where.append("kind = ?")
        params.append(kind)
    if before is not None:
        where.append("plan_id < ?")
        params.append(int(before))
    query = ("SELECT plan_id, created_at, kind, since, until, networks, inputs, label, einfluence_version FROM plans"
             + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY plan_id DESC")
    if limit is not None:
        query += f" LIMIT {int(limit)}"
    return fetch_dicts(con, query, params, json_columns=("inputs",))
