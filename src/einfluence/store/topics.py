"""Topic runs: stored with their parameters and window, read back as arrays; the posts' texts."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

from einfluence._version import __version__
from einfluence.base.timeunits import NO_TIME
from einfluence.store.database import fetch_one, transaction
from einfluence.store.queries import _window_sql
from einfluence.store.runs import find_run, get_run

__all__ = [
    "TopicRun",
    "account_topic_weights",
    "find_topic_run",
    "get_topic_run",
    "latest_topic_run",
    "post_texts",
    "save_topic_run",
    "topic_matrices",
]

#: topic weights below this are not stored (they carry no usable signal and would multiply rows)
MIN_STORED_WEIGHT = 0.05


class TopicRun(dict):
    """A stored topic run: ``topic_run_id``, window, ``method``, ``params``, ``n_topics``,
    ``n_posts`` and ``topics`` (a list of ``{topic, name, top_terms, n_posts}``)."""


def post_texts(
    con: duckdb.DuckDBPyConnection,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    networks: Sequence[str] | None = None,
) -> pa.Table:
    """Posts with text of a window: ``post_id``, ``author``, ``time`` (µs), ``language``, ``text``."""
    window, params = _window_sql("created_at", since, until, since is None and until is None)
    conditions = [window, "text IS NOT NULL", "kind IS NOT NULL"]
    if networks is not None:
        conditions.append("network IN (SELECT unnest(?::VARCHAR[]))")
        params.append(list(networks))
    return con.sql(
        f"""
        SELECT post_id, coalesce(author_id, -1) AS author,
               coalesce(epoch_us(created_at), {NO_TIME}) AS time, language, text
        FROM posts WHERE {" AND ".join(conditions)} ORDER BY post_id
        """,
        params=params,
    ).to_arrow_table()


def _sparse_rows(ids: np.ndarray, matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rows, topics = np.nonzero(matrix >= MIN_STORED_WEIGHT)
    return ids[rows], topics.astype(np.int32), matrix[rows, topics].astype(np.float64)


def save_topic_run(
    con: duckdb.DuckDBPyConnection,
    *,
    method: str,
    params: Mapping[str, Any],
    topics: Sequence[Mapping[str, Any]],
    post_ids: np.ndarray,
    post_topics: np.ndarray,
    account_ids: np.ndarray,
    account_topics: np.ndarray,
    since: datetime | None,
    until: datetime | None,
    networks: Sequence[str] | None,
) -> int:
    """Store a topic run (topics, sparse post and account weights) in one transaction.

    ``topics`` holds one mapping per topic with ``name`` and ``top_terms``.
    """
    post_topics = np.asarray(post_topics, dtype=np.float64)
    account_topics = np.asarray(account_topics, dtype=np.float64)
    dominant = np.where(post_topics.max(axis=1, initial=0) > 0, post_topics.argmax(axis=1), -1) if post_topics.size else np.array([], int)
    counts = np.bincount(dominant[dominant >= 0], minlength=len(topics))
    p_ids, p_topics, p_weights = _sparse_rows(np.asarray(post_ids, dtype=np.int64), post_topics)
    a_ids, a_topics, a_weights = _sparse_rows(np.asarray(account_ids, dtype=np.int64), account_topics)
    with transaction(con):
        run_id = int(fetch_one(con, "SELECT coalesce(max(topic_run_id) + 1, 1) FROM topic_runs")[0])
        con.execute(
            "INSERT INTO topic_runs VALUES (?, current_localtimestamp(), ?, ?, ?, ?, ?, ?, ?, ?)",
            [run_id, since, until, None if networks is None else list(networks), method,
             json.dumps(dict(params), default=str), len(topics), int(post_topics.shape[0]), __version__],
        )
        con.executemany(
            "INSERT INTO topics VALUES (?, ?, ?, ?, ?)",
            [[run_id, i, t["name"], list(t["top_terms"]), int(counts[i])] for i, t in enumerate(topics)],
        )
        for table, ids_name, (ids, tops, weights) in (
            ("post_topics", "post_id", (p_ids, p_topics, p_weights)),
            ("account_topics", "account_id", (a_ids, a_topics, a_weights)),
        ):
            con.register("_in_topics", pa.table({ids_name: ids, "topic": tops, "weight": weights}))
            try:
                con.execute(f"INSERT INTO {table} SELECT {run_id}, {ids_name}, topic, weight FROM _in_topics")
            finally:
                con.unregister("_in_topics")
    return run_id


def get_topic_run(con: duckdb.DuckDBPyConnection, run_id: int | None = None) -> TopicRun:
    """A stored topic run (the latest when ``run_id`` is None), with its topics."""
    run = TopicRun(get_run(con, "topic_runs", "topic_run_id", run_id, "topic run", "einfluence topics"))
    run_id = run["topic_run_id"]
    cursor = con.execute(
        "SELECT topic, name, top_terms, n_posts FROM topics WHERE topic_run_id = ? ORDER BY topic", [run_id]
    )
    run["topics"] = [dict(zip(("topic", "name", "top_terms", "n_posts"), r, strict=True)) for r in cursor.fetchall()]
    return run


def account_topic_weights(con: duckdb.DuckDBPyConnection, run_id: int, account_ids: Sequence[int]) -> pa.Table:
    """The stored topic weights of some accounts in a run: ``account_id``, ``topic``, ``weight``,
    heaviest first per account."""
    ids = pa.table({"account_id": pa.array(list(account_ids), type=pa.int64())})
    con.register("_asked_accounts", ids)
    try:
        return con.sql(
            "SELECT t.account_id, t.topic, t.weight FROM account_topics t "
            "JOIN _asked_accounts a USING (account_id) WHERE t.topic_run_id = ? "
            "ORDER BY t.account_id, t.weight DESC, t.topic",
            params=[run_id],
        ).to_arrow_table()
    finally:
        con.unregister("_asked_accounts")


def topic_matrices(
    con: duckdb.DuckDBPyConnection, run_id: int, n_accounts: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(post_ids, post_topics, account_topics)`` of a stored run as dense arrays.

    ``post_ids`` is sorted; ``account_topics`` has one row per account id up to ``n_accounts``.
    """
    n_topics = int(fetch_one(con, "SELECT n_topics FROM topic_runs WHERE topic_run_id = ?", [run_id])[0])
    posts = con.sql(
        "SELECT post_id, topic, weight FROM post_topics WHERE topic_run_id = ? ORDER BY post_id",
        params=[run_id],
    ).to_arrow_table()
    pid = posts.column("post_id").to_numpy()
    post_ids, row = np.unique(pid, return_inverse=True)
    post_topics = np.zeros((post_ids.size, n_topics))
    post_topics[row, posts.column("topic").to_numpy()] = posts.column("weight").to_numpy()
    accounts = con.sql(
        "SELECT account_id, topic, weight FROM account_topics WHERE topic_run_id = ?", params=[run_id]
    ).to_arrow_table()
    account_topics = np.zeros((n_accounts, n_topics))
    account_topics[accounts.column("account_id").to_numpy(), accounts.column("topic").to_numpy()] = (
        accounts.column("weight").to_numpy()
    )
    return post_ids, post_topics, account_topics


def find_topic_run(
    con: duckdb.DuckDBPyConnection,
    *,
    since: datetime | None,
    until: datetime | None,
    networks: Sequence[str] | None,
    params: Mapping[str, Any],
) -> int | None:
    """The latest topic run made for the same window, networks and requested parameters
    (``params["request"]`` of the stored run), if any."""
    return find_run(con, "topic_runs", "topic_run_id", since=since, until=until, networks=networks, params=params)


def latest_topic_run(con: duckdb.DuckDBPyConnection) -> int | None:
    """The id of the latest topic run, or None when there is none."""
    row = fetch_one(con, "SELECT max(topic_run_id) FROM topic_runs")
    return None if row is None or row[0] is None else int(row[0])
