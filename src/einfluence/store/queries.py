"""Read-only queries over the store."""

from __future__ import annotations

from typing import Any

import duckdb

from einfluence.store.database import fetch_one

__all__ = ["stats"]


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
