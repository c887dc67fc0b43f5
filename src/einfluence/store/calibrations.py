"""Calibrations of the score: stored with what was asked and what was learned, read back whole."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import duckdb

from einfluence._version import __version__
from einfluence.exceptions import InputError
from einfluence.store.database import fetch_one, transaction

__all__ = ["get_calibration", "list_calibrations", "save_calibration"]


def save_calibration(
    con: duckdb.DuckDBPyConnection,
    *,
    params: Mapping[str, Any],
    result: Mapping[str, Any],
    since: datetime | None,
    until: datetime | None,
    networks: Sequence[str] | None,
    label: str | None = None,
) -> int:
    """Store a calibration (its request and its result, as JSON) in one transaction; return its id."""
    with transaction(con):
        calibration_id = int(fetch_one(con, "SELECT coalesce(max(calibration_id) + 1, 1) FROM calibrations")[0])
        con.execute(
            "INSERT INTO calibrations VALUES (?, current_localtimestamp(), ?, ?, ?, ?, ?, ?, ?)",
            [calibration_id, since, until, None if networks is None else list(networks),
             json.dumps(dict(params), default=str), json.dumps(dict(result), default=str), label, __version__],
        )
    return calibration_id


def _row(names: list[str], row: tuple) -> dict[str, Any]:
    out = dict(zip(names, row, strict=True))
    out["params"] = json.loads(out["params"])
    out["result"] = json.loads(out["result"])
    return out


def get_calibration(con: duckdb.DuckDBPyConnection, calibration_id: int | None = None) -> dict[str, Any]:
    """A stored calibration (the latest when ``calibration_id`` is None)."""
    if calibration_id is None:
        row = fetch_one(con, "SELECT max(calibration_id) FROM calibrations")
        if row is None or row[0] is None:
            raise InputError("no calibration in this database yet: run 'einfluence calibrate' first",
                             parameter="calibration")
        calibration_id = int(row[0])
    cursor = con.execute("SELECT * FROM calibrations WHERE calibration_id = ?", [calibration_id])
    names = [d[0] for d in cursor.description]
    rows = cursor.fetchall()
    if not rows:
        raise InputError(f"no calibration #{calibration_id}", parameter="calibration")
    return _row(names, rows[0])


def list_calibrations(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Every stored calibration, oldest first."""
    cursor = con.execute("SELECT * FROM calibrations ORDER BY calibration_id")
    names = [d[0] for d in cursor.description]
    return [_row(names, row) for row in cursor.fetchall()]
