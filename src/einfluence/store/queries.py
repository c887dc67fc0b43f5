"""Read-only queries over the store."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb
import numpy as np

from einfluence.store.database import fetch_one

__all__ = ["NO_TIME", "InteractionArrays", "interaction_arrays", "stats"]


def _pairs(con: duckdb.DuckDBPyConnection, sql: str) -> dict[str, int]:
    return {str(k): int(v) for k, v in con.execute(sql).fetchall()}


def stats(con: duckdb.DuckDBPyConnection, *, by_day: bool = True) -> dict[str, Any]:
    """Counts of what the store holds.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        An open einfluence database.
    by_day : bool
        Include the interactions per UTC day.

    Returns
    -------
    dict
        ``accounts``, ``posts``, ``interactions``, ``persons``, ``brands``, ``imports``;
        ``accounts_by_network``, ``accounts_by_kind``, ``posts_by_network``, ``posts_by_kind``,
        ``interactions_by_kind``, ``interactions_by_network`` (network of the acting account);
        ``first_time`` and ``last_time`` of timed interactions (ISO 8601, UTC) and, with
        ``by_day``, ``interactions_by_day``.
    """
    one = lambda sql: int(fetch_one(con, sql)[0])  # noqa: E731
    out: dict[str, Any] = {
        "accounts": one("SELECT count(*) FROM accounts"),
        "posts": one("SELECT count(*) FROM posts WHERE kind IS NOT NULL"),
        "interactions": one("SELECT count(*) FROM interactions"),
        "persons": one("SELECT count(*) FROM persons"),
        "brands": one("SELECT count(*) FROM brands"),
        "imports": one("SELECT count(*) FROM imports"),
        "posts_referenced_only": one("SELECT count(*) FROM posts WHERE kind IS NULL"),
        "accounts_by_network": _pairs(con, "SELECT network, count(*) FROM accounts GROUP BY 1 ORDER BY 1"),
        "accounts_by_kind": _pairs(con, "SELECT kind, count(*) FROM accounts GROUP BY 1 ORDER BY 1"),
        "posts_by_network": _pairs(
            con, "SELECT network, count(*) FROM posts WHERE kind IS NOT NULL GROUP BY 1 ORDER BY 1"
        ),
        "posts_by_kind": _pairs(
            con, "SELECT kind, count(*) FROM posts WHERE kind IS NOT NULL GROUP BY 1 ORDER BY 1"
        ),
        "interactions_by_kind": _pairs(con, "SELECT kind, count(*) FROM interactions GROUP BY 1 ORDER BY 1"),
        "interactions_by_network": _pairs(
            con,
            "SELECT a.network, count(*) FROM interactions i JOIN accounts a ON a.account_id = i.src_id "
            "GROUP BY 1 ORDER BY 1",
        ),
    }
    first, last = fetch_one(con, "SELECT min(created_at), max(created_at) FROM interactions")
    out["first_time"] = None if first is None else first.isoformat()
    out["last_time"] = None if last is None else last.isoformat()
    if by_day:
        out["interactions_by_day"] = _pairs(
            con,
            "SELECT strftime(created_at, '%Y-%m-%d'), count(*) FROM interactions "
            "WHERE created_at IS NOT NULL GROUP BY 1 ORDER BY 1",
        )
    return out


#: time value of an interaction whose time is unknown
NO_TIME = np.iinfo(np.int64).min


@dataclass(frozen=True)
class InteractionArrays:
    """Interactions as parallel NumPy arrays.

    Attributes
    ----------
    src, dst : numpy.ndarray of int64
        Account ids (``accounts.account_id``, dense from 0): ``src`` acted towards ``dst``.
    time : numpy.ndarray of int64
        Microseconds since 1970-01-01 UTC; :data:`NO_TIME` when unknown.
    weight : numpy.ndarray of float64
    kind : numpy.ndarray of int8
        Codes indexing :data:`einfluence.io.INTERACTION_KINDS`.
    n_accounts : int
        One more than the largest account id in the store.
    """

    src: np.ndarray
    dst: np.ndarray
    time: np.ndarray
    weight: np.ndarray
    kind: np.ndarray
    n_accounts: int


def interaction_arrays(
    con: duckdb.DuckDBPyConnection,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    kinds: Sequence[str] | None = None,
    networks: Sequence[str] | None = None,
    include_untimed: bool | None = None,
) -> InteractionArrays:
    """Interactions of a window as NumPy arrays, straight from the store.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        An open einfluence database.
    since, until : datetime, optional
        The half-open window ``since <= time < until`` (UTC). Nothing at or after ``until`` is
        returned.
    kinds : sequence of str, optional
        Interaction kinds to keep (all by default).
    networks : sequence of str, optional
        Keep interactions whose acting account (``src``) is in one of these networks.
    include_untimed : bool, optional
        Keep interactions without a time (follow lists, hyperlink graphs). Defaults to True
        when no window is given and False otherwise: a windowed view never guesses times.

    Returns
    -------
    InteractionArrays
    """
    from einfluence.io.records import INTERACTION_KINDS

    if include_untimed is None:
        include_untimed = since is None and until is None
    where, params = [], []
    if since is not None:
        where.append("i.created_at >= ?")
        params.append(since)
    if until is not None:
        where.append("i.created_at < ?")
        params.append(until)
    time_filter = " AND ".join(where) if where else "TRUE"
    clauses = [f"(({time_filter}) AND i.created_at IS NOT NULL)" if where else "i.created_at IS NOT NULL"]
    if include_untimed:
        clauses.append("i.created_at IS NULL")
    conditions = ["(" + " OR ".join(clauses) + ")"]
    if kinds is not None:
        conditions.append("i.kind IN (SELECT unnest(?::VARCHAR[]))")
        params.append(list(kinds))
    join = ""
    if networks is not None:
        join = "JOIN accounts a ON a.account_id = i.src_id"
        conditions.append("a.network IN (SELECT unnest(?::VARCHAR[]))")
        params.append(list(networks))
    codes = " ".join(f"WHEN '{k}' THEN {c}" for c, k in enumerate(INTERACTION_KINDS))
    table = con.sql(
        f"""
        SELECT i.src_id AS src, i.dst_id AS dst,
               coalesce(epoch_us(i.created_at), {NO_TIME}) AS time,
               i.weight AS weight, (CASE i.kind {codes} END)::TINYINT AS kind
        FROM interactions i {join}
        WHERE {" AND ".join(conditions)}
        """,
        params=params,
    ).to_arrow_table()
    n_accounts = int(fetch_one(con, "SELECT coalesce(max(account_id) + 1, 0) FROM accounts")[0])
    return InteractionArrays(
        **{name: table.column(name).to_numpy() for name in table.column_names}, n_accounts=n_accounts
    )
