"""Score runs: storing scores with the parameters and window that made them, and reading them back."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

from einfluence._version import __version__
from einfluence.exceptions import InputError
from einfluence.store.database import fetch_one, transaction

__all__ = [
    "ScoreRun",
    "competition_ranks",
    "find_run",
    "get_run",
    "history_scores",
    "history_windows",
    "latest_history_group",
    "list_runs",
    "next_history_group",
    "ranking",
    "run_accounts",
    "save_score_run",
    "save_score_runs",
    "score_history",
    "score_values",
]

#: components stored by schema version 2 (one value column and one points column each)
STORED_COMPONENTS: tuple[str, ...] = ("reach", "amplification", "depth", "impact", "momentum")
#: the extra inputs a calibrated score may weigh, stored by schema version 10 (same layout)
STORED_EXTRAS: tuple[str, ...] = ("activity", "k_core", "ip_influence")
STORED_INPUTS: tuple[str, ...] = STORED_COMPONENTS + STORED_EXTRAS


class ScoreRun(dict):
    """A stored run: ``run_id``, ``created_at``, ``since``, ``until``, ``networks``, ``params``,
    ``available``, ``n_scored``, ``label``, ``einfluence_version``."""


def save_score_run(
    con: duckdb.DuckDBPyConnection,
    *,
    account_id: np.ndarray,
    score: np.ndarray,
    index: np.ndarray,
    components: Mapping[str, np.ndarray],
    points: Mapping[str, np.ndarray],
    since: datetime | None,
    until: datetime | None,
    networks: Sequence[str] | None,
    params: Mapping[str, Any],
    available: Mapping[str, bool],
    label: str | None = None,
) -> int:
    """Store one score run and its scores in one transaction; return its ``run_id``.

    The arrays are aligned (one entry per scored account). Ranks are competition ranks of the
    full-precision score, then index (:func:`competition_ranks`).
    """
    (run_id,) = save_score_runs(con, [{
        "account_id": account_id, "score": score, "index": index, "components": components, "points": points,
        "since": since, "until": until, "networks": networks, "params": params, "available": available,
        "label": label,
    }])
    return run_id


def save_score_runs(con: duckdb.DuckDBPyConnection, runs: Sequence[Mapping[str, Any]]) -> list[int]:
    """Store several score runs (each with the arguments of :func:`save_score_run`) in one
    transaction: all of them, or none. Returns their ``run_id``, in order."""
    tables = [_score_table(run) for run in runs]
    ids = []
    with transaction(con):
        next_id = int(fetch_one(con, "SELECT coalesce(max(run_id) + 1, 1) FROM score_runs")[0])
        for run, table in zip(runs, tables, strict=True):
            con.execute(
                "INSERT INTO score_runs VALUES (?, current_localtimestamp(), ?, ?, ?, ?, ?, ?, ?, ?)",
                [next_id, run["since"], run["until"], None if run["networks"] is None else list(run["networks"]),
                 json.dumps(run["params"], default=str), json.dumps(dict(run["available"])), table.num_rows,
                 run.get("label"), __version__],
            )
            con.register("_in_scores", table)
            try:
                names = ", ".join(f'"{c}"' for c in table.column_names)
                con.execute(f"INSERT INTO scores (run_id, {names}) SELECT {next_id}, {names} FROM _in_scores")
            finally:
                con.unregister("_in_scores")
            ids.append(next_id)
            next_id += 1
    return ids


#: decimals of the score and of the index that rankings compare: exact ties stay ties whatever
#: the last bits of a machine's floating-point sums
SCORE_DECIMALS, INDEX_DECIMALS = 10, 12


def competition_ranks(score: np.ndarray, index: np.ndarray) -> np.ndarray:
    """Competition ranks ("1224"): 1 for the best, accounts with the same score and index share a
    rank, and the next rank skips as many places.

    Scores and indices are compared at :data:`SCORE_DECIMALS` and :data:`INDEX_DECIMALS`
    decimals. The order of the tied accounts among themselves (their account ids) says nothing.

    Examples
    --------
    >>> competition_ranks(np.array([50.0, 1.0, 50.0, 1.0, 60.0]), np.array([0.5, 0.0, 0.5, 0.0, 0.9])).tolist()
    [2, 4, 2, 4, 1]
    """
    score = np.round(np.asarray(score, dtype=np.float64), SCORE_DECIMALS)
    index = np.round(np.asarray(index, dtype=np.float64), INDEX_DECIMALS)
    order = np.lexsort((-index, -score))
    rank = np.empty(order.size, dtype=np.int32)
    if order.size == 0:
        return rank
    s, i = score[order], index[order]
    new = np.ones(order.size, dtype=bool)
    new[1:] = (s[1:] != s[:-1]) | (i[1:] != i[:-1])
    first = np.flatnonzero(new)
    rank[order] = (first[np.cumsum(new) - 1] + 1).astype(np.int32)
    return rank


def _score_table(run: Mapping[str, Any]) -> pa.Table:
    """The rows of a run's scores with their competition ranks (1 for the best)."""
    components, points = run["components"], run["points"]
    unknown = set(components) - set(STORED_INPUTS)
    if unknown:
        raise InputError(f"components not in the schema: {sorted(unknown)}")
    account_id, score, index = run["account_id"], run["score"], run["index"]
    order = np.arange(len(account_id))
    rank = competition_ranks(score, index)
    columns: dict[str, Any] = {
        "account_id": pa.array(account_id, type=pa.int64()),
        "rank": pa.array(rank),
        "score": pa.array(score, type=pa.float64()),
        "index": pa.array(index, type=pa.float64()),
    }
    for name in STORED_INPUTS:
        columns[name] = pa.array(components[name], type=pa.float64()) if name in components else pa.nulls(order.size, pa.float64())
        columns[f"{name}_points"] = (
            pa.array(points[name], type=pa.float64()) if name in points else pa.nulls(order.size, pa.float64())
        )
    return pa.table(columns)


def _run_from_row(row: tuple, names: list[str]) -> ScoreRun:
    run = ScoreRun(zip(names, row, strict=True))
    run["params"] = json.loads(run["params"])
    run["available"] = json.loads(run["available"])
    return run


def get_run(con: duckdb.DuckDBPyConnection, run_id: int | None = None, *, network: str | None = None) -> ScoreRun:
    """A stored run (when ``run_id`` is None, the latest one, or the latest that scored ``network``).

    History runs (labels ``history:...``) and topic runs (``topic:...``) are never "the latest".
    """
    if run_id is None:
        query = ("SELECT max(run_id) FROM score_runs WHERE (label IS NULL OR (label NOT LIKE 'history:%' "
                 "AND label NOT LIKE 'topic:%'))")
        params: list[Any] = []
        if network is not None:
            query += " AND (networks IS NULL OR list_contains(networks, ?))"
            params.append(network)
        row = fetch_one(con, query, params)
        if row is None or row[0] is None:
            scope = f" covering network {network!r}" if network is not None else ""
            raise InputError(f"no score run{scope} in this database yet: compute one first (einfluence score)")
        run_id = int(row[0])
    cursor = con.execute("SELECT * FROM score_runs WHERE run_id = ?", [run_id])
    names = [d[0] for d in cursor.description]
    rows = cursor.fetchall()
    if not rows:
        raise InputError(f"no score run #{run_id}")
    return _run_from_row(rows[0], names)


def find_run(
    con: duckdb.DuckDBPyConnection,
    *,
    since: datetime | None,
    until: datetime | None,
    networks: Sequence[str] | None,
    request: Mapping[str, Any],
) -> int | None:
    """The latest run made for the same window, networks and requested parameters, if any."""
    wanted = json.dumps(dict(request), sort_keys=True, default=str)
    for run in reversed(list_runs(con)):
        if (
            run["since"] == since
            and run["until"] == until
            and (run["networks"] or None) == (None if networks is None else list(networks))
            and json.dumps(run["params"].get("request"), sort_keys=True, default=str) == wanted
            and not (run["label"] or "").startswith("history:")
        ):
            return int(run["run_id"])
    return None


def list_runs(con: duckdb.DuckDBPyConnection, *, label_prefix: str | None = None) -> list[ScoreRun]:
    """Every stored run (optionally those whose label starts with a prefix), oldest first."""
    query = "SELECT * FROM score_runs"
    params: list[Any] = []
    if label_prefix is not None:
        query += " WHERE starts_with(label, ?)"
        params.append(label_prefix)
    cursor = con.execute(query + " ORDER BY run_id", params)
    names = [d[0] for d in cursor.description]
    return [_run_from_row(row, names) for row in cursor.fetchall()]


def ranking(
    con: duckdb.DuckDBPyConnection,
    run_id: int,
    *,
    limit: int | None = 100,
    network: str | None = None,
    networks: Sequence[str] | None = None,
    min_score: float | None = None,
    min_reactors: float | None = None,
    accounts: Sequence[int] | None = None,
    renumber: bool = True,
) -> pa.Table:
    """The scores of a run, best first, with each account's network, source id, handle and name.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
    run_id : int
    limit : int or None
        At most this many rows (None for all).
    network, networks : str or sequence of str, optional
        Keep accounts of this network, or of these networks, only (ranks are re-numbered within
        them).
    min_score : float, optional
        Keep scores at or above this.
    min_reactors : float, optional
        Minimum activity: keep accounts whose *reach* component (distinct reactors, decayed) is
        at least this.
    accounts : sequence of int, optional
        Keep these account ids only.
    renumber : bool
        Number the ranks within the rows kept (a network's own ranking); False keeps each
        account's rank in the whole run.

    Returns
    -------
    pyarrow.Table
        Columns ``rank`` (competition ranks: tied accounts share one), ``account``,
        ``network``, ``handle``, ``name``, ``account_id``, ``score``, ``index``, then each component and
        its points (and each extra input the run weighs). Tied accounts come in account id order.
    """
    where = ["s.run_id = ?"]
    params: list[Any] = [run_id]
    if network is not None:
        where.append("s.account_id IN (SELECT account_id FROM accounts WHERE network = ?)")
        params.append(network)
    if networks is not None:
        where.append("s.account_id IN (SELECT account_id FROM accounts WHERE list_contains(?::VARCHAR[], network))")
        params.append(list(networks))
    if min_score is not None:
        where.append("s.score >= ?")
        params.append(min_score)
    if min_reactors is not None:
        where.append("coalesce(s.reach, 0) >= ?")
        params.append(min_reactors)
    if accounts is not None:
        where.append("s.account_id IN (SELECT unnest(?::BIGINT[]))")
        params.append(list(accounts))
    weights = json.loads(fetch_one(con, "SELECT params FROM score_runs WHERE run_id = ?", [run_id])[0])["weights"]
    shown = STORED_COMPONENTS + tuple(c for c in STORED_EXTRAS if weights.get(c, 0) > 0)
    components = ", ".join(f"s.{c}, s.{c}_points" for c in shown)
    ranked = (f"rank() OVER (ORDER BY round(s.score, {SCORE_DECIMALS}) DESC, round(s.index, {INDEX_DECIMALS}) DESC)"
              "::INTEGER" if renumber else "s.rank")
    # the scores kept, best first, cut to the limit, then joined to their accounts and ranked among
    # themselves (every better row is kept before a row): sorting and joining only the rows shown,
    # not the whole run, keeps the first page of a large run fast
    query = f"""
        SELECT {ranked} AS rank,
               a.source_id AS account, a.network, a.handle, a.name, s.account_id, s.score, s.index, {components}
        FROM (
            SELECT * FROM scores s WHERE {" AND ".join(where)}
            ORDER BY s.rank, s.account_id {"" if limit is None else f"LIMIT {int(limit)}"}
        ) s JOIN accounts a USING (account_id)
        ORDER BY s.rank, s.account_id
    """
    return con.sql(query, params=params).to_arrow_table()


def score_history(con: duckdb.DuckDBPyConnection, account_id: int, *, label_prefix: str = "history:") -> pa.Table:
    """An account's score in every stored history window, oldest first."""
    return con.sql(
        """
        SELECT r.run_id, r.since, r.until, r.label, s.score, s.rank, s.reach
        FROM score_runs r JOIN scores s ON s.run_id = r.run_id AND s.account_id = ?
        WHERE starts_with(r.label, ?)
        ORDER BY r.until
        """,
        params=[account_id, label_prefix],
    ).to_arrow_table()


def run_accounts(con: duckdb.DuckDBPyConnection, run_id: int) -> pa.Table:
    """Every scored account of a run with its index, person, network, source id, handle and name."""
    return con.sql(
        """
        SELECT s.account_id, s.index, s.score, coalesce(a.person_id, -1) AS person_id,
               p.key AS person, a.network, a.source_id, a.handle, a.name
        FROM scores s JOIN accounts a USING (account_id) LEFT JOIN persons p USING (person_id)
        WHERE s.run_id = ?
        ORDER BY s.account_id
        """,
        params=[run_id],
    ).to_arrow_table()


def score_values(con: duckdb.DuckDBPyConnection, run_id: int, n: int) -> np.ndarray:
    """The score of the accounts ``0 .. n - 1`` in a run (0 for an account the run did not score)."""
    table = con.execute("SELECT account_id, score FROM scores WHERE run_id = ?", [run_id]).fetchnumpy()
    out = np.zeros(n)
    ids = np.asarray(table["account_id"])
    inside = ids < n
    out[ids[inside]] = np.asarray(table["score"])[inside]
    return out


def next_history_group(con: duckdb.DuckDBPyConnection) -> int:
    """The number of the next series of history runs (labels ``history:<group>:<window>``)."""
    row = fetch_one(con, "SELECT count(DISTINCT split_part(label, ':', 2)) FROM score_runs "
                         "WHERE starts_with(label, 'history:')")
    return int(row[0]) + 1


def latest_history_group(con: duckdb.DuckDBPyConnection) -> int | None:
    """The number of the latest series of history runs (labels ``history:<group>:<window>``),
    None when no history is stored."""
    row = fetch_one(con, "SELECT max(CAST(split_part(label, ':', 2) AS INTEGER)) FROM score_runs "
                         "WHERE starts_with(label, 'history:')")
    return None if row is None or row[0] is None else int(row[0])


def history_windows(con: duckdb.DuckDBPyConnection, group: int) -> list[dict[str, Any]]:
    """The windows of a series of history runs, oldest first: ``run_id``, ``since``, ``until`` and
    ``networks_with_data`` (the networks that had data in the window; None for a history stored
    before windows recorded them)."""
    rows = con.execute("SELECT run_id, since, until, json_extract(params, '$.networks_with_data')::VARCHAR "
                       "FROM score_runs WHERE starts_with(label, ?) ORDER BY until",
                       [f"history:{int(group)}:"]).fetchall()
    return [{"run_id": int(r), "since": s, "until": u, "networks_with_data": None if n is None else json.loads(n)}
            for r, s, u, n in rows]


def history_scores(con: duckdb.DuckDBPyConnection, group: int, account_ids: Sequence[int]) -> list[tuple[int, int, float]]:
    """``(account_id, run_id, score)`` of the given accounts in each window of a series of history
    runs where they were scored."""
    ids = [int(a) for a in account_ids]
    if not ids:
        return []
    rows = con.execute(
        """SELECT s.account_id, s.run_id, s.score FROM scores s JOIN score_runs r USING (run_id)
           WHERE starts_with(r.label, ?) AND s.account_id IN (SELECT unnest(?::BIGINT[]))""",
        [f"history:{int(group)}:", ids],
    ).fetchall()
    return [(int(a), int(r), float(v)) for a, r, v in rows]
