"""Brand mentions with their sentiment, and campaign actions towards influencers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

from einfluence.base.kinds import POST_KINDS
from einfluence.exceptions import InputError
from einfluence.store.database import fetch_one, transaction

__all__ = [
    "ACTION_KINDS",
    "MentionArrays",
    "add_actions",
    "delete_action",
    "list_brands",
    "mention_arrays",
    "mention_table",
    "read_actions",
    "save_mentions",
    "update_action",
]

#: the kinds of campaign action einfluence knows
ACTION_KINDS = ("contacted", "briefed", "gifted", "paid", "invited", "other")


def list_brands(con: duckdb.DuckDBPyConnection, *, accounts: bool = True) -> list[dict[str, Any]]:
    """Every declared brand: ``brand_id``, ``name``, ``aliases``, ``handles``, ``hashtags``,
    ``products``, ``competitor``, and (``accounts``: a pass over the accounts) ``accounts``, the
    ids of the accounts whose handle is one of its handles."""
    cursor = con.execute("SELECT * FROM brands ORDER BY brand_id")
    names = [d[0] for d in cursor.description]
    brands = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    if not accounts:
        return brands
    # every brand's accounts in one pass over the accounts (a pass per brand cost 20 ms each on
    # 200,000 accounts, and the dashboard's pages list the brands)
    wanted = [(i, h.lstrip("@").lower()) for i, brand in enumerate(brands) for h in brand["handles"]]
    found: dict[int, list[int]] = {}
    if wanted:
        rows = con.execute(
            """SELECT w.i, a.account_id FROM accounts a
               JOIN (SELECT unnest(?::INTEGER[]) AS i, unnest(?::VARCHAR[]) AS handle) w ON lower(a.handle) = w.handle
               ORDER BY w.i, a.account_id""",
            [[i for i, _ in wanted], [h for _, h in wanted]],
        ).fetchall()
        for i, account_id in rows:
            found.setdefault(int(i), []).append(int(account_id))
    for i, brand in enumerate(brands):
        brand["accounts"] = list(dict.fromkeys(found.get(i, [])))
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
    scanned_posts: np.ndarray | None = None,
    confidence: np.ndarray | None = None,
    min_confidence: float | None = None,
) -> int:
    """Store mentions found by one scan, in one transaction; return the row count.

    The scan read the posts ``scanned_posts`` (all posts when None) looking for the brands
    ``brand_ids``: their earlier mentions *in those posts* are replaced by these rows; mentions
    of the same brands in other posts (another window, another network) are kept. ``confidence``
    is the probability of each row's label; ``min_confidence`` the threshold below which
    perception and the funnel leave a mention's sentiment out (kept with the rows).
    """
    n_rows = len(np.asarray(post_id))
    table = pa.table({
        "post_id": pa.array(np.asarray(post_id, dtype=np.int64)),
        "brand_id": pa.array(np.asarray(brand_id, dtype=np.int32)),
        "kind": pa.array(list(kind), pa.string()),
        "matched": pa.array(list(matched), pa.string()),
        "sentiment": pa.array(list(sentiment), pa.string()),
        "score": pa.array(np.asarray(score, dtype=np.float64)),
        "model": pa.array([model] * n_rows, pa.string()),
        "confidence": pa.array(np.full(n_rows, np.nan) if confidence is None
                               else np.asarray(confidence, dtype=np.float64), from_pandas=True),
        "min_confidence": pa.array([min_confidence] * n_rows, pa.float64()),
    })
    with transaction(con):
        if scanned_posts is None:
            con.execute("DELETE FROM mentions WHERE brand_id IN (SELECT unnest(?::INTEGER[]))", [list(brand_ids)])
        else:
            con.register("_scanned", pa.table({"post_id": pa.array(np.asarray(scanned_posts, dtype=np.int64))}))
            try:
                con.execute(
                    "DELETE FROM mentions WHERE brand_id IN (SELECT unnest(?::INTEGER[])) "
                    "AND post_id IN (SELECT post_id FROM _scanned)", [list(brand_ids)],
                )
            finally:
                con.unregister("_scanned")
        con.register("_in_mentions", table)
        try:
            con.execute(
                "INSERT INTO mentions (post_id, brand_id, kind, matched, sentiment, score, model, confidence, "
                "min_confidence) SELECT * FROM _in_mentions"
            )
        finally:
            con.unregister("_in_mentions")
    return table.num_rows


def mention_table(
    con: duckdb.DuckDBPyConnection,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    networks: Sequence[str] | None = None,
) -> pa.Table:
    """Stored mentions joined to their posts (of ``networks`` when given): ``post_id``,
    ``brand_id``, ``brand``, ``kind``, ``sentiment``, ``score``, ``confidence``, ``min_confidence``,
    ``author``, ``time`` (µs),
    ``post_kind``, ``root_author``, ``text``."""
    where, params = ["p.created_at IS NOT NULL"], []
    if networks is not None:
        where.append("p.network IN (SELECT unnest(?::VARCHAR[]))")
        params.append(list(networks))
    if since is not None:
        where.append("p.created_at >= ?")
        params.append(since)
    if until is not None:
        where.append("p.created_at < ?")
        params.append(until)
    return con.sql(
        f"""
        SELECT m.post_id, m.brand_id, b.name AS brand, m.kind, m.sentiment, m.score, m.confidence,
               m.min_confidence,
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


def update_action(con: duckdb.DuckDBPyConnection, action_id: int, changes: dict[str, Any]) -> None:
    """Change a logged action's ``kind``, ``at``, ``campaign`` or ``note`` (the keys of ``changes``)."""
    columns = {"kind": "kind", "at": "acted_at", "campaign": "campaign", "note": "note"}
    unknown = sorted(set(changes) - set(columns))
    if unknown:
        raise InputError(f"an action has no field {unknown[0]!r} to change", parameter=unknown[0])
    if "kind" in changes and changes["kind"] not in ACTION_KINDS:
        raise InputError(f"must be one of {', '.join(ACTION_KINDS)}, got {changes['kind']!r}", parameter="kind")
    if "at" in changes and changes["at"] is None:
        raise InputError("an action needs a time", parameter="at")
    with transaction(con):
        if not fetch_one(con, "SELECT count(*) FROM actions WHERE action_id = ?", [action_id])[0]:
            raise InputError(f"no action #{action_id}", parameter="action_id")
        if changes:
            sets = ", ".join(f"{columns[k]} = ?" for k in changes)
            con.execute(f"UPDATE actions SET {sets} WHERE action_id = ?", [*changes.values(), action_id])


def delete_action(con: duckdb.DuckDBPyConnection, action_id: int) -> None:
    """Remove a logged action."""
    with transaction(con):
        if not fetch_one(con, "SELECT count(*) FROM actions WHERE action_id = ?", [action_id])[0]:
            raise InputError(f"no action #{action_id}", parameter="action_id")
        con.execute("DELETE FROM actions WHERE action_id = ?", [action_id])


def read_actions(con: duckdb.DuckDBPyConnection, *, brand_id: int | None = None) -> pa.Table:
    """Logged actions with the account's network, source id, handle and name and the brand's name."""
    where, params = "", []
    if brand_id is not None:
        where, params = "WHERE x.brand_id = ?", [brand_id]
    return con.sql(
        f"""
        SELECT x.action_id, x.account_id, a.network, a.source_id AS account, a.handle, a.name, x.brand_id,
               b.name AS brand, x.kind, x.acted_at AS at, x.campaign, x.note
        FROM actions x JOIN accounts a USING (account_id) JOIN brands b USING (brand_id)
        {where} ORDER BY x.acted_at, x.action_id
        """,
        params=params,
    ).to_arrow_table()


@dataclass(frozen=True)
class MentionArrays:
    """The stored mentions of a window as the arrays the advocacy analyses take.

    The "posts" are the mentions, one row per (post, brand) so that each carries the sentiment
    towards its own brand (the first ``n_mentioning`` rows, by post id then brand: a post naming
    two brands is two rows with the same post id), then the relays and quotes of the brands' own
    posts that name no brand themselves (amplifiers).

    Attributes
    ----------
    post_ids : numpy.ndarray of int64
    mention_post, mention_brand : numpy.ndarray of int64
        For each mention: the position of its post in ``post_ids``, and the position of its
        brand in the declared brands.
    post_author, post_time, post_kind, post_root_author : numpy.ndarray of int64
        Per post (time in µs; kind a code of ``POST_KINDS``, -1 unknown).
    sentiment : numpy.ndarray of float64
        Per row: the mention's sentiment towards its brand (0 for the amplifiers; NaN for a
        mention below the confidence threshold when they are kept).
    confidence : numpy.ndarray of float64
        Per row: the probability of the mention's label (NaN when unknown, and for amplifiers).
    text : list of str
        The texts of the mentioning posts.
    n_mentioning : int
    """

    post_ids: np.ndarray
    mention_post: np.ndarray
    mention_brand: np.ndarray
    post_author: np.ndarray
    post_time: np.ndarray
    post_kind: np.ndarray
    post_root_author: np.ndarray
    sentiment: np.ndarray
    text: list[str]
    n_mentioning: int
    confidence: np.ndarray | None = None


def _brand_post_relays(
    con: duckdb.DuckDBPyConnection,
    account_ids: Sequence[int],
    since: datetime | None,
    until: datetime | None,
    networks: Sequence[str] | None = None,
) -> pa.Table:
    """The timed relays and quotes of the posts of ``account_ids``: ``post_id``, ``author_id``,
    ``time`` (µs), ``kind``, ``root_author``."""
    window, params = [], [list(account_ids)]
    for bound, op in ((since, ">="), (until, "<")):
        if bound is not None:
            window.append(f" AND p.created_at {op} ?")
            params.append(bound)
    if networks is not None:
        window.append(" AND p.network IN (SELECT unnest(?::VARCHAR[]))")
        params.append(list(networks))
    return con.sql(
        "SELECT p.post_id, p.author_id, epoch_us(p.created_at) AS time, p.kind, r.author_id AS root_author "
        "FROM posts p JOIN posts r ON r.post_id = p.root_id WHERE p.kind IN ('relay', 'quote') "
        "AND p.created_at IS NOT NULL AND p.author_id IS NOT NULL "
        "AND r.author_id IN (SELECT unnest(?::BIGINT[]))" + "".join(window) + " ORDER BY p.post_id",
        params=params,
    ).to_arrow_table()


def mention_arrays(
    con: duckdb.DuckDBPyConnection,
    brands: Sequence[dict[str, Any]],
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    networks: Sequence[str] | None = None,
    min_confidence: float | None = None,
    uncertain: str = "drop",
) -> MentionArrays:
    """The stored mentions of the declared ``brands`` (as :func:`list_brands` gives them) in a window
    (in the posts of ``networks`` when given).

    A mention whose confidence is below ``min_confidence`` (by default the threshold stored with
    it by ``einfluence mentions --min-confidence``) is uncertain: ``uncertain="drop"`` leaves it
    out (the funnel's evidence), ``"nan"`` keeps it with a NaN sentiment (perception counts it
    as a mention, not as sentiment).

    Raises
    ------
    InputError
        When the window holds no stored mention.
    """
    table = mention_table(con, since=since, until=until, networks=networks)
    if table.num_rows == 0:
        raise InputError("no stored brand mention in this window: find them first (einfluence mentions)")
    conf = np.asarray(table.column("confidence").to_numpy(zero_copy_only=False), dtype=np.float64)
    floor = (np.asarray(table.column("min_confidence").to_numpy(zero_copy_only=False), dtype=np.float64)
             if min_confidence is None else np.full(table.num_rows, float(min_confidence)))
    low = np.nan_to_num(conf, nan=1.0) < np.nan_to_num(floor, nan=0.0)
    if uncertain == "drop" and low.any():
        table = table.filter(pa.array(~low))
        conf, low = conf[~low], low[~low]
        if table.num_rows == 0:
            raise InputError("every stored mention of this window is below the confidence threshold")
    order = np.lexsort((table.column("brand_id").to_numpy(), table.column("post_id").to_numpy()))
    table, conf, low = table.take(pa.array(order)), conf[order], low[order]
    post_ids = table.column("post_id").to_numpy()
    post_row = np.arange(table.num_rows)
    index_of_brand = {b["brand_id"]: i for i, b in enumerate(brands)}
    kinds = table.column("post_kind").to_pylist()
    relays = _brand_post_relays(con, [a for b in brands for a in b["accounts"]], since, until, networks)
    extra = ~np.isin(relays.column("post_id").to_numpy(), post_ids)
    score = table.column("score").to_numpy().astype(np.float64)
    score[low] = np.nan
    extra_kinds = [k for k, e in zip(relays.column("kind").to_pylist(), extra, strict=True) if e]
    text = [table.column("text")[int(r)].as_py() for r in post_row]
    return MentionArrays(
        post_ids=np.concatenate([post_ids, relays.column("post_id").to_numpy()[extra]]),
        mention_post=post_row.copy(),
        mention_brand=np.array([index_of_brand[b] for b in table.column("brand_id").to_pylist()], dtype=np.int64),
        post_author=np.concatenate([table.column("author").to_numpy()[post_row],
                                    relays.column("author_id").to_numpy()[extra]]),
        post_time=np.concatenate([table.column("time").to_numpy()[post_row], relays.column("time").to_numpy()[extra]]),
        post_kind=np.array([POST_KINDS.index(kinds[r]) if kinds[r] in POST_KINDS else -1 for r in post_row]
                           + [POST_KINDS.index(k) for k in extra_kinds], dtype=np.int64),
        post_root_author=np.concatenate([table.column("root_author").to_numpy()[post_row],
                                         relays.column("root_author").to_numpy()[extra]]),
        sentiment=np.concatenate([score, np.zeros(int(extra.sum()))]),
        text=text,
        n_mentioning=len(text),
        confidence=np.concatenate([conf, np.full(int(extra.sum()), np.nan)]),
    )
