"""What every kind of stored run shares: reading one back, and finding the run of a request again."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import duckdb

from einfluence.exceptions import InputError
from einfluence.store.database import fetch_dicts, fetch_one

__all__ = ["find_run", "get_run", "list_run_rows"]


def get_run(
    con: duckdb.DuckDBPyConnection, table: str, key: str, run_id: int | None, what: str, command: str
) -> dict[str, Any]:
    """One row of a run table as a dict (the latest when ``run_id`` is None), params decoded."""
    if run_id is None:
        row = fetch_one(con, f"SELECT max({key}) FROM {table}")
        if row is None or row[0] is None:
            raise InputError(f"no {what} in this database yet: run '{command}' first")
        run_id = int(row[0])
    cursor = con.execute(f"SELECT * FROM {table} WHERE {key} = ?", [run_id])
    names = [d[0] for d in cursor.description]
    rows = cursor.fetchall()
    if not rows:
        raise InputError(f"no {what} #{run_id}")
    run = dict(zip(names, rows[0], strict=True))
    run["params"] = json.loads(run["params"])
    return run


def find_run(
    con: duckdb.DuckDBPyConnection,
    table: str,
    key: str,
    *,
    since: datetime | None,
    until: datetime | None,
    networks: Sequence[str] | None,
    params: Mapping[str, Any],
) -> int | None:
    """The latest run of ``table`` made for this window, networks and request (``params["request"]``)."""
    wanted = json.dumps(dict(params), sort_keys=True, default=str)
    rows = con.execute(f"SELECT {key}, since, until, networks, params FROM {table} ORDER BY {key} DESC").fetchall()
    for run_id, run_since, run_until, run_networks, run_params in rows:
        if (
            run_since == since
            and run_until == until
            and (run_networks or None) == (None if networks is None else list(networks))
            and json.dumps(json.loads(run_params).get("request"), sort_keys=True, default=str) == wanted
        ):
            return int(run_id)
    return None


def list_run_rows(con: duckdb.DuckDBPyConnection, table: str, key: str) -> list[dict[str, Any]]:
    """Every row of a run table (``topic_runs``, ``community_runs``), oldest first, params decoded."""
    return fetch_dicts(con, f"SELECT * FROM {table} ORDER BY {key}", json_columns=("params",))
