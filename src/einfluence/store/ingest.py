"""All-or-nothing, idempotent ingestion of :class:`~einfluence.io.Records` into the store.

:func:`ingest_records` runs inside the caller's transaction. It

1. allocates dense internal keys to accounts and posts never seen before (referenced ones too:
   an interaction towards an unknown account creates a bare account of kind ``unknown``);
2. merges the attributes the records bring into existing rows (a later import can fill in a
   bare account or a post known only as a parent);
3. inserts the interactions that are not already stored, by natural key.

Everything is set-based SQL over Arrow tables registered in DuckDB: no Python loop over rows.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

import duckdb
import numpy as np
import pyarrow as pa

from einfluence.io.records import Records
from einfluence.store.database import fetch_one

__all__ = ["IngestCounts", "ingest_records"]

_ACCOUNT_ATTRS = ("handle", "name", "language", "followers", "kind", "url", "attributes", "person_id")
_TEMP_TABLES = ("_acc_in", "_acc_keys", "_acc_staged", "_post_keys", "_post_ids", "_post_staged")
_POST_ATTRS = ("created_at", "text", "language", "url", "kind", "author_id", "parent_id", "root_id", "attributes")


@dataclass(frozen=True)
class IngestCounts:
    """Rows added (and existing rows updated) by one ingestion."""

    accounts_added: int = 0
    accounts_updated: int = 0
    persons_added: int = 0
    posts_added: int = 0
    posts_updated: int = 0
    interactions_added: int = 0


def _batched(table: pa.Table) -> pa.Table:
    # DuckDB scans an Arrow table in parallel by record batch: zero-copy slices keep both cores busy
    return pa.Table.from_batches(table.to_batches(max_chunksize=1 << 17), schema=table.schema)


def _with_ordinal(table: pa.Table) -> pa.Table:
    # the row order decides which of two conflicting rows wins (the last one)
    ordinal = pa.array(np.arange(table.num_rows, dtype=np.int64))
    return _batched(table.append_column("_ord", ordinal))


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = fetch_one(con, sql)
    return int(row[0]) if row and row[0] is not None else 0


def _merge_existing(
    con: duckdb.DuckDBPyConnection,
    target: str,
    key: str,
    staged: str,
    attrs: tuple[str, ...],
    import_id: int,
) -> int:
    """Fill rows stored by earlier imports from staged ones (a non-null staged value wins).

    ``attributes`` (JSON objects) are merged key by key instead (RFC 7396 merge patch: a key
    the new object gives wins, the others are kept), so that labels imported later add to
    what an earlier import stored. Rows inserted by this import already carry their values:
    updating them again would make DuckDB version every row. Returns how many earlier rows
    changed.
    """

    def new_value(a: str) -> str:
        if a == "attributes":
            return f"coalesce(json_merge_patch(t.{a}, s.{a}), s.{a}, t.{a})"
        return f"coalesce(s.{a}, t.{a})"

    def changed_value(a: str) -> str:
        if a == "attributes":
            return f"(s.{a} IS NOT NULL AND json({new_value(a)}) IS DISTINCT FROM json(t.{a}))"
        return f"(s.{a} IS NOT NULL AND s.{a} IS DISTINCT FROM t.{a})"

    differs = " OR ".join(changed_value(a) for a in attrs)
    sets = ", ".join(f"{a} = {new_value(a)}" for a in attrs)
    where = f"t.{key} = s.{key} AND t.import_id <> {import_id} AND ({differs})"
    changed = _count(con, f"SELECT count(*) FROM {target} t JOIN {staged} s ON t.{key} = s.{key} WHERE {where}")
    if changed:
        con.execute(f"UPDATE {target} t SET {sets} FROM {staged} s WHERE {where}")
    return changed


def _has_duplicates(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    """Whether two rows of a staged table share (network, id)."""
    return bool(
        _count(con, f"SELECT count(*) - count(DISTINCT (network, id)) FROM {table}")
    )


def _ingest_accounts(con: duckdb.DuckDBPyConnection, rec: Records, import_id: int) -> tuple[int, int, int]:
    con.register("_in_accounts", _with_ordinal(rec.accounts))
    con.register("_in_posts", _batched(rec.posts))
    con.register("_in_interactions", _batched(rec.interactions))
    base = _count(con, "SELECT coalesce(max(person_id) + 1, 0) FROM persons")
    persons = _count(
        con,
        f"""
        INSERT INTO persons (person_id, key, import_id)
        SELECT {base} + row_number() OVER (ORDER BY person) - 1, person, {import_id}
        FROM (SELECT DISTINCT person FROM _in_accounts WHERE person IS NOT NULL) p
        WHERE person NOT IN (SELECT key FROM persons)
        """,
    )
    # the last row given for an account wins
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE _acc_in AS
        SELECT s.network, s.id AS source_id, s.handle, s.name, s.language, s.followers, s.kind,
               s.url, s.attributes::JSON AS attributes, p.person_id
        FROM (SELECT * FROM _in_accounts
              QUALIFY row_number() OVER (PARTITION BY network, id ORDER BY _ord DESC) = 1) s
        LEFT JOIN persons p ON p.key = s.person
        """
    )
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE _acc_keys AS
        SELECT DISTINCT network, source_id FROM (
            SELECT network, source_id FROM _acc_in
            UNION ALL SELECT network, author FROM _in_posts WHERE author IS NOT NULL
            UNION ALL SELECT network, src FROM _in_interactions
            UNION ALL SELECT coalesce(dst_network, network), dst FROM _in_interactions
        )
        """
    )
    base = _count(con, "SELECT coalesce(max(account_id) + 1, 0) FROM accounts")
    added = _count(
        con,
        f"""
        INSERT INTO accounts (account_id, network, source_id, {", ".join(_ACCOUNT_ATTRS)}, import_id)
        SELECT {base} + row_number() OVER (ORDER BY k.network, k.source_id) - 1,
               k.network, k.source_id, s.handle, s.name, s.language, s.followers,
               coalesce(s.kind, 'unknown'), s.url, s.attributes, s.person_id, {import_id}
        FROM (SELECT * FROM _acc_keys ANTI JOIN accounts USING (network, source_id)) k
        LEFT JOIN _acc_in s USING (network, source_id)
        """,
    )
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _acc_staged AS
        SELECT a.account_id, {", ".join("s." + c for c in _ACCOUNT_ATTRS)}
        FROM _acc_in s JOIN accounts a USING (network, source_id)
        WHERE a.import_id <> {import_id}
        """
    )
    updated = _merge_existing(con, "accounts", "account_id", "_acc_staged", _ACCOUNT_ATTRS, import_id)
    return added, updated, persons


def _ingest_posts(con: duckdb.DuckDBPyConnection, rec: Records, import_id: int) -> tuple[int, int]:
    con.register("_in_posts_ord", _with_ordinal(rec.posts))
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE _post_keys AS
        SELECT DISTINCT network, source_id FROM (
            SELECT network, id AS source_id FROM _in_posts_ord
            UNION ALL SELECT network, parent FROM _in_posts_ord WHERE parent IS NOT NULL
            UNION ALL SELECT network, root FROM _in_posts_ord WHERE root IS NOT NULL
            UNION ALL SELECT network, post FROM _in_interactions WHERE post IS NOT NULL
        )
        """
    )
    base = _count(con, "SELECT coalesce(max(post_id) + 1, 0) FROM posts")
    # ids of every post this import names: new ones allocated here, the others looked up
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _post_ids AS
        SELECT {base} + row_number() OVER (ORDER BY k.network, k.source_id) - 1 AS post_id,
               k.network, k.source_id, true AS new
        FROM _post_keys k ANTI JOIN posts p USING (network, source_id)
        UNION ALL
        SELECT p.post_id, p.network, p.source_id, false FROM posts p SEMI JOIN _post_keys USING (network, source_id)
        """
    )
    # the last row given for a post wins (deduplicating only when needed: it costs a sort)
    last = "_in_posts_ord"
    if _has_duplicates(con, "_in_posts_ord"):
        last = "(SELECT * FROM _in_posts_ord QUALIFY row_number() OVER (PARTITION BY network, id ORDER BY _ord DESC) = 1)"
    resolved = f"""
        SELECT me.post_id, me.network, me.source_id, s.time AS created_at, s.text, s.language,
               s.url, s.kind, au.account_id AS author_id, pa.post_id AS parent_id, ro.post_id AS root_id,
               s.attributes::JSON AS attributes
        FROM {last} s
        JOIN _post_ids me ON me.network = s.network AND me.source_id = s.id AND me.new = $new
        LEFT JOIN accounts au ON au.network = s.network AND au.source_id = s.author
        LEFT JOIN _post_ids pa ON pa.network = s.network AND pa.source_id = s.parent
        LEFT JOIN _post_ids ro ON ro.network = s.network AND ro.source_id = s.root
    """
    columns = f"post_id, network, source_id, {', '.join(_POST_ATTRS)}, import_id"
    # new posts are written once, complete, straight from the records ...
    added = _count(
        con,
        f"INSERT INTO posts ({columns}) SELECT {', '.join(['post_id', 'network', 'source_id', *_POST_ATTRS])}, "
        f"{import_id} FROM ({resolved.replace('$new', 'true')})",
    )
    # ... and so are the ones only referenced (as parent, root, or post of an interaction)
    added += _count(
        con,
        f"""
        INSERT INTO posts (post_id, network, source_id, import_id)
        SELECT n.post_id, n.network, n.source_id, {import_id}
        FROM _post_ids n ANTI JOIN posts p USING (post_id)
        WHERE n.new
        """,
    )
    # posts stored by earlier imports are filled in where the records know more
    con.execute(f"CREATE OR REPLACE TEMP TABLE _post_staged AS {resolved.replace('$new', 'false')}")
    updated = _merge_existing(con, "posts", "post_id", "_post_staged", _POST_ATTRS, import_id)
    return added, updated


def _ingest_interactions(con: duckdb.DuckDBPyConnection, import_id: int) -> int:
    return _count(
        con,
        f"""
        INSERT INTO interactions
        SELECT s.src_id, s.dst_id, s.kind, s.created_at, s.post_id, s.weight, s.seq, {import_id}
        FROM (
            SELECT sa.account_id AS src_id, da.account_id AS dst_id, i.kind,
                   i.time AS created_at, p.post_id, coalesce(i.weight, 1.0) AS weight,
                   (row_number() OVER (PARTITION BY sa.account_id, da.account_id, i.kind,
                                                    i.time, p.post_id) - 1)::INTEGER AS seq
            FROM _in_interactions i
            JOIN accounts sa ON sa.network = i.network AND sa.source_id = i.src
            JOIN accounts da ON da.network = coalesce(i.dst_network, i.network)
                            AND da.source_id = i.dst
            LEFT JOIN _post_ids p ON p.network = i.network AND p.source_id = i.post
        ) s
        ANTI JOIN interactions t
          ON t.src_id = s.src_id AND t.dst_id = s.dst_id AND t.kind = s.kind
         AND t.created_at IS NOT DISTINCT FROM s.created_at
         AND t.post_id IS NOT DISTINCT FROM s.post_id AND t.seq = s.seq
        """,
    )


def ingest_records(con: duckdb.DuckDBPyConnection, records: Records, import_id: int) -> IngestCounts:
    """Insert a bundle of records into the store; the caller owns the transaction.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        An open einfluence database, inside a transaction.
    records : Records
        Validated canonical records.
    import_id : int
        The import these rows are traced to.

    Returns
    -------
    IngestCounts
        How many accounts, persons, posts and interactions were added or updated.

    Notes
    -----
    Idempotent: ingesting the same records twice adds nothing the second time. Identical
    interactions inside one bundle (same accounts, kind, time and post) are distinct events and
    are all kept; they are numbered by ``seq`` so that a re-import recognises each of them.
    """
    try:
        accounts_added, accounts_updated, persons_added = _ingest_accounts(con, records, import_id)
        posts_added, posts_updated = _ingest_posts(con, records, import_id)
        interactions_added = _ingest_interactions(con, import_id)
    finally:
        for name in ("_in_accounts", "_in_posts", "_in_interactions", "_in_posts_ord"):
            with contextlib.suppress(duckdb.Error):
                con.unregister(name)
        for name in _TEMP_TABLES:
            with contextlib.suppress(duckdb.Error):
                con.execute(f"DROP TABLE IF EXISTS temp.{name}")
    return IngestCounts(
        accounts_added=accounts_added,
        accounts_updated=accounts_updated,
        persons_added=persons_added,
        posts_added=posts_added,
        posts_updated=posts_updated,
        interactions_added=interactions_added,
    )
