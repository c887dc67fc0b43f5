"""Saved shortlists: named lists of accounts, in the order they were picked, with the filters of
the ranking they came from."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import duckdb

from einfluence.exceptions import InputError
from einfluence.store.database import fetch_dicts, fetch_one, transaction

__all__ = ["delete_shortlist", "get_shortlist", "list_shortlists", "save_shortlist"]

_LISTED = ("shortlist_id, name, len(accounts) AS n_accounts, filters, created_by, created_at, updated_at")


def save_shortlist(
    con: duckdb.DuckDBPyConnection,
    name: str,
    account_ids: Sequence[int],
    *,
    filters: Mapping[str, Any] | None = None,
    created_by: str | None = None,
) -> dict[str, Any]:
    """Store a shortlist under ``name``, or replace the accounts and filters of the one of that
    name (its id, creation time and author stay); return its row (without the accounts).

    The caller checks the name and that the ids are accounts of the database.
    """
    ids = [int(a) for a in account_ids]
    text = json.dumps(dict(filters or {}), default=str, sort_keys=True)
    with transaction(con):
        found = fetch_one(con, "SELECT shortlist_id FROM shortlists WHERE name = ?", [name])
        if found is None:
            con.execute(
                "INSERT INTO shortlists SELECT coalesce(max(shortlist_id) + 1, 1), ?, ?, ?, ?, "
                "current_localtimestamp(), current_localtimestamp() FROM shortlists",
                [name, ids, text, created_by],
            )
        else:
            con.execute("UPDATE shortlists SET accounts = ?, filters = ?, updated_at = current_localtimestamp() "
                        "WHERE shortlist_id = ?", [ids, text, int(found[0])])
    return fetch_dicts(con, f"SELECT {_LISTED} FROM shortlists WHERE name = ?", [name], json_columns=("filters",))[0]


def list_shortlists(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Every saved shortlist (id, name, number of accounts, filters, author, times), by name."""
    return fetch_dicts(con, f"SELECT {_LISTED} FROM shortlists ORDER BY name, shortlist_id", json_columns=("filters",))


def get_shortlist(con: duckdb.DuckDBPyConnection, name: str) -> dict[str, Any]:
    """A saved shortlist with its accounts in order (``account_id``, ``account`` (source id),
    ``network``, ``handle``, ``name``); an :class:`InputError` naming it when there is none."""
    rows = fetch_dicts(con, f"SELECT {_LISTED} FROM shortlists WHERE name = ?", [name], json_columns=("filters",))
    if not rows:
        raise InputError(f"no saved shortlist {name!r}", parameter="shortlist")
    shortlist = rows[0]
    shortlist["accounts"] = fetch_dicts(
        con,
        """SELECT a.account_id, a.source_id AS account, a.network, a.handle, a.name
           FROM (SELECT unnest(accounts) AS account_id, unnest(range(len(accounts))) AS position
                 FROM shortlists WHERE name = ?) s
           JOIN accounts a USING (account_id) ORDER BY s.position""",
        [name],
    )
    return shortlist


def delete_shortlist(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Forget the shortlist ``name`` (an :class:`InputError` when there is none)."""
    with transaction(con):
        if fetch_one(con, "SELECT 1 FROM shortlists WHERE name = ?", [name]) is None:
            raise InputError(f"no saved shortlist {name!r}", parameter="shortlist")
        con.execute("DELETE FROM shortlists WHERE name = ?", [name])
