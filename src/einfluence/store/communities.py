"""Community runs: a partition of the accounts, stored with its parameters, window and modularity."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

from einfluence._version import __version__
from einfluence.store.database import fetch_one, transaction
from einfluence.store.runs import find_run, get_run

__all__ = [
    "account_community",
    "community_members",
    "community_membership",
    "find_community_run",
    "get_community_run",
    "save_community_run",
]


def save_community_run(
    con: duckdb.DuckDBPyConnection,
    *,
    membership: np.ndarray,
    modularity: float | None,
    params: Mapping[str, Any],
    since: datetime | None,
    until: datetime | None,
    networks: Sequence[str] | None,
) -> int:
    """Store a partition of the accounts (-1 = not assigned, not stored); return its run id."""
    membership = np.asarray(membership, dtype=np.int64)
    assigned = np.flatnonzero(membership >= 0)
    with transaction(con):
        run_id = int(fetch_one(con, "SELECT coalesce(max(community_run_id) + 1, 1) FROM community_runs")[0])
        con.execute(
            "INSERT INTO community_runs VALUES (?, current_localtimestamp(), ?, ?, ?, ?, ?, ?, ?)",
            [run_id, since, until, None if networks is None else list(networks),
             json.dumps(dict(params), default=str), int(membership.max(initial=-1) + 1),
             None if modularity is None else float(modularity), __version__],
        )
        con.register("_in_comm", pa.table({"account_id": assigned, "community": membership[assigned].astype(np.int32)}))
        try:
            con.execute(f"INSERT INTO communities SELECT {run_id}, account_id, community FROM _in_comm")
        finally:
            con.unregister("_in_comm")
    return run_id


def get_community_run(con: duckdb.DuckDBPyConnection, run_id: int | None = None) -> dict[str, Any]:
    """A stored community run (the latest when ``run_id`` is None)."""
    return get_run(con, "community_runs", "community_run_id", run_id, "community run", "einfluence communities")


def community_membership(con: duckdb.DuckDBPyConnection, run_id: int, n_accounts: int) -> np.ndarray:
    """Community of every account id (-1 when not assigned) in a stored run."""
    table = con.sql(
        "SELECT account_id, community FROM communities WHERE community_run_id = ?", params=[run_id]
    ).to_arrow_table()
    membership = np.full(n_accounts, -1, dtype=np.int64)
    membership[table.column("account_id").to_numpy()] = table.column("community").to_numpy()
    return membership


def account_community(con: duckdb.DuckDBPyConnection, run_id: int, account_id: int) -> int | None:
    """The community of one account in a stored run (None when the run did not assign it)."""
    row = fetch_one(con, "SELECT community FROM communities WHERE community_run_id = ? AND account_id = ?",
                    [int(run_id), int(account_id)])
    return None if row is None else int(row[0])


def find_community_run(
    con: duckdb.DuckDBPyConnection,
    *,
    since: datetime | None,
    until: datetime | None,
    networks: Sequence[str] | None,
    params: Mapping[str, Any],
) -> int | None:
    """The latest community run made for the same window, networks and requested parameters
    (``params["request"]`` of the stored run), if any."""
    return find_run(
        con, "community_runs", "community_run_id", since=since, until=until, networks=networks, params=params
    )


def community_members(
    con: duckdb.DuckDBPyConnection, run_id: int, *, community: int | None = None
) -> pa.Table:
    """Members of a stored run's communities: ``account``, ``network``, ``handle``, ``name``,
    ``account_id``, ``community``, ordered by community then account id."""
    where, params = "c.community_run_id = ?", [run_id]
    if community is not None:
        where += " AND c.community = ?"
        params.append(community)
    return con.sql(
        f"""
        SELECT a.source_id AS account, a.network, a.handle, a.name, c.account_id, c.community
        FROM communities c JOIN accounts a USING (account_id)
        WHERE {where} ORDER BY c.community, c.account_id
        """,
        params=params,
    ).to_arrow_table()
