"""Saving and reading a generated world's planted truth, next to the data it explains."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

import duckdb
import pyarrow as pa

from einfluence.store.database import fetch_one

__all__ = [
    "planted_influencers",
    "read_metadata",
    "read_truth",
    "save_truth",
    "truth_tables",
    "write_metadata",
]

_NAME = re.compile(r"[a-z][a-z0-9_]*\Z")


def write_metadata(con: duckdb.DuckDBPyConnection, key: str, value: Any) -> None:
    """Set a metadata entry (a JSON value) of the database."""
    con.execute(
        "INSERT OR REPLACE INTO metadata VALUES (?, ?::JSON)", [key, json.dumps(value, default=str)]
    )


def read_metadata(con: duckdb.DuckDBPyConnection, key: str) -> Any:
    """Return a metadata entry, or None when absent."""
    row = fetch_one(con, "SELECT value FROM metadata WHERE key = ?", [key])
    return None if row is None else json.loads(row[0])


def save_truth(
    con: duckdb.DuckDBPyConnection, tables: Mapping[str, pa.Table], params: Mapping[str, Any]
) -> None:
    """Store planted-truth tables as ``truth_<name>`` (replacing earlier ones) and their parameters.

    Runs inside the caller's transaction.
    """
    for name, table in tables.items():
        if not _NAME.match(name):
            raise ValueError(f"invalid truth table name {name!r}")
        con.register("_truth", table)
        try:
            con.execute(f"CREATE OR REPLACE TABLE truth_{name} AS SELECT * FROM _truth")
        finally:
            con.unregister("_truth")
    write_metadata(con, "demo_world", {"params": dict(params), "truth_tables": sorted(tables)})


def truth_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Names of the planted-truth tables the database holds."""
    meta = read_metadata(con, "demo_world")
    return [] if meta is None else list(meta["truth_tables"])


def read_truth(con: duckdb.DuckDBPyConnection, name: str) -> pa.Table:
    """Return one planted-truth table as Arrow."""
    if name not in truth_tables(con):
        raise KeyError(f"no planted-truth table {name!r} (have: {', '.join(truth_tables(con))})")
    return con.sql(f"SELECT * FROM truth_{name}").to_arrow_table()


def planted_influencers(con: duckdb.DuckDBPyConnection, *, limit: int = 10) -> list[dict[str, Any]]:
    """The strongest planted influence episodes of a demo world, with the accounts' audiences.

    Returns an empty list when the database holds no demo world.
    """
    if "influence" not in truth_tables(con) or "accounts" not in truth_tables(con):
        return []
    cursor = con.execute(
        """
        SELECT a.handle, i.network, i.id, i.topic, i.kind, i.peak, i.width_days, i.strength,
               i.niche, a.followers, a.role
        FROM truth_influence i JOIN truth_accounts a USING (network, id)
        ORDER BY i.strength DESC, i.network, i.id LIMIT ?
        """,
        [limit],
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
