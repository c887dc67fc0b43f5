"""Brand mentions with their sentiment, and campaign actions towards influencers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

from einfluence.exceptions import InputError
from einfluence.store.database import fetch_one, transaction

__all__ = ["ACTION_KINDS", "add_actions", "list_brands", "mention_table", "read_actions", "save_mentions"]

#: the kinds of campaign action einfluence knows
ACTION_KINDS = ("contacted", "briefed", "gifted", "paid", "invited", "other")


def list_brands(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Every declared brand: ``brand_id``, ``name``, ``aliases``, ``handles``, ``hashtags``,
    ``products``, ``competitor``, and ``accounts`` (ids of accounts whose handle is one of its handles)."""
    cursor = con.execute("SELECT * FROM brands ORDER BY brand_id")
    names = [d[0] for d in cursor.description]
    brands = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    for brand in brands:
        handles = [h.lstrip("@").lower() for h in brand["handles"]]
        brand["accounts"] = [
            int(r[0]) for r in con.execute(
                "SELECT account_id FROM accounts WHERE lower(handle) IN (SELECT unnest(?::VARCHAR[]))", [handles]
            ).fetchall()
        ] if handles else []
    return brands


def save_mentions(
    con: duckdb.DuckDBPyConnection,
    *,
    post_id: np.ndarray,
    brand_id: np.ndarray,
    kind: Sequence[str],
    matched: Sequence[str],
    sentiment: Sequence[str],
    score: np.ndarray,
    model: str,
    brand_ids: Sequence[int],
) -> int:
    """Replace the mentions of ``brand_ids`` by these rows, in one transaction; return the row count."""
    table = pa.table({
        "post_id": pa.array(np.asarray(post_id, dtype=np.int64)),
        "brand_id": pa.array(np.asarray(brand_id, dtype=np.int32)),
        "kind": pa.array(list(kind), pa.string()),
        "matched": pa.array(list(matched), pa.string()),
        "sentiment": pa.array(list(sentiment), pa.string()),
        "score": pa.array(np.asarray(score, dtype=np.float64)),
    })
    with transaction(con):
        con.execute("DELETE FROM mentions WHERE brand_id IN (SELECT unnest(?::INTEGER[]))", [list(brand_ids)])
        con.register("_in_mentions", table)
        try:
            con.execute("INSERT INTO mentions SELECT *, ? FROM _in_mentions", [model])
        finally:
            con.unregister("_in_mentions")
    return table.num_rows


def mention_table(
    con: duckdb.DuckDBPyConnection, *, since: datetime | None = None, until: datetime | None = None
) -> pa.Table:
    """Stored mentions joined to their posts: ``post_id``, ``brand_id``, ``brand``, ``kind``,
    ``sentiment``, ``score``, ``author``, ``time`` (µs), ``post_kind``, ``root_author``, ``text``."""
    where, params = ["p.created_at IS NOT NULL"], []
    if since is not None:
        where.append("p.created_at >= ?")
        params.append(since)
    if until is not None:
        where.append("p.created_at < ?")
        params.append(until)
    return con.sql(
        f"""
        SELECT m.post_id, m.brand_id, b.name AS brand, m.kind, m.sentiment, m.score,
               coalesce(p.author_id, -1) AS author, epoch_us(p.created_at) AS time, p.kind AS post_kind,
               coalesce(r.author_id, -1) AS root_author, p.text
        FROM mentions m JOIN posts p USING (post_id) JOIN brands b USING (brand_id)
        LEFT JOIN posts r ON r.post_id = p.root_id
        WHERE {" AND ".join(where)} ORDER BY p.created_at, m.post_id, m.brand_id
        """,
        params=params,
    ).to_arrow_table()


def add_actions(con: duckdb.DuckDBPyConnection, rows: Sequence[dict[str, Any]]) -> int:
    """Log campaign actions (``account_id``, ``brand_id``, ``kind``, ``at``, ``campaign``, ``note``),
    all or nothing; the same action logged twice is kept once. Returns the number added."""
    for i, row in enumerate(rows, start=1):
        if row["kind"] not in ACTION_KINDS:
            raise InputError(f"action {i}: kind must be one of {', '.join(ACTION_KINDS)}, got {row['kind']!r}")
    added = 0
    with transaction(con):
        next_id = int(fetch_one(con, "SELECT coalesce(max(action_id), 0) FROM actions")[0]) + 1
        for row in rows:
            exists = fetch_one(
                con,
                "SELECT count(*) FROM actions WHERE account_id = ? AND brand_id = ? AND kind = ? AND acted_at = ? "
                "AND campaign IS NOT DISTINCT FROM ?",
                [row["account_id"], row["brand_id"], row["kind"], row["at"], row.get("campaign")],
            )[0]
            if exists:
                continue
            con.execute(
                "INSERT INTO actions VALUES (?, ?, ?, ?, ?, ?, ?, current_localtimestamp())",
                [next_id, row["account_id"], row["brand_id"], row["kind"], row["at"], row.get("campaign"),
                 row.get("note")],
            )
            next_id += 1
            added += 1
    return added


def read_actions(con: duckdb.DuckDBPyConnection, *, brand_id: int | None = None) -> pa.Table:
    """Logged actions with the account's network, source id and handle and the brand's name."""
    where, params = "", []
    if brand_id is not None:
        where, params = "WHERE x.brand_id = ?", [brand_id]
    return con.sql(
        f"""
        SELECT x.action_id, x.account_id, a.network, a.source_id AS account, a.handle, x.brand_id,
               b.name AS brand, x.kind, x.acted_at AS at, x.campaign, x.note
        FROM actions x JOIN accounts a USING (account_id) JOIN brands b USING (brand_id)
        {where} ORDER BY x.acted_at, x.action_id
        """,
        params=params,
    ).to_arrow_table()
