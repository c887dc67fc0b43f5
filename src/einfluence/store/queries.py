"""Read-only queries over the store."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

import duckdb
import numpy as np

from einfluence.base.arrays import AccountArrays, ArcArrays, InteractionArrays, PostArrays
from einfluence.base.timeunits import NO_TIME
from einfluence.base.unique import unique_ints
from einfluence.store.database import fetch_one

__all__ = [
    "account_arrays",
    "account_ids_of_kind",
    "account_ids_of_networks",
    "arc_arrays",
    "audience_sizes",
    "daily_interactions",
    "daily_reactions",
    "describe_accounts",
    "find_accounts",
    "has_interactions",
    "interaction_arrays",
    "interaction_time_span",
    "interaction_time_spans",
    "n_accounts",
    "post_arrays",
    "stats",
    "top_reactors",
    "top_relayed_posts",
]


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
        ``first_time`` and ``last_time`` of timed interactions (ISO 8601, UTC); ``networks``:
        per network, its ``accounts``, ``posts``, ``interactions``, ``interactions_by_kind``,
        ``first_time``, ``last_time`` and ``activity`` (timed interactions over 24 equal
        periods of its span); and, with ``by_day``, ``interactions_by_day``.
    """
    one = lambda sql: int(fetch_one(con, sql)[0])  # noqa: E731
    networks = _network_summaries(con)
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
        # already counted by the summaries, which come in the order of the names
        "interactions_by_network": {name: s["interactions"] for name, s in networks.items() if s["interactions"]},
    }
    first, last = fetch_one(con, "SELECT min(created_at), max(created_at) FROM interactions")
    out["first_time"] = None if first is None else first.isoformat()
    out["last_time"] = None if last is None else last.isoformat()
    out["networks"] = networks
    if by_day:
        # grouped on the date and formatted once a day: strftime on every row cost three times as much
        out["interactions_by_day"] = _pairs(
            con,
            "SELECT strftime(day, '%Y-%m-%d'), n FROM (SELECT created_at::DATE AS day, count(*) AS n "
            "FROM interactions WHERE created_at IS NOT NULL GROUP BY 1) ORDER BY 1",
        )
    return out


#: how many equal periods the activity of a network is counted over (its sparkline)
ACTIVITY_BINS = 24

#: A CTE for the two scans of :func:`_network_summaries` over the interactions joined to their acting
#: accounts: the network of an account as a small integer, its position in the list of names given
#: as the first parameter. Grouping the joined rows on that costs less than on the name, and
#: MATERIALIZED has DuckDB work it out once an account, not once an interaction.
_ACTING = "WITH acting AS MATERIALIZED (SELECT account_id, list_position(?::VARCHAR[], network) AS net FROM accounts)"


def _network_summaries(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, Any]]:
    """Per network (of the acting account): accounts, posts, interactions by kind, the first and
    last timed interaction, and its activity counted over :data:`ACTIVITY_BINS` equal periods."""
    accounts = _pairs(con, "SELECT network, count(*) FROM accounts GROUP BY 1")
    posts = _pairs(con, "SELECT network, count(*) FROM posts WHERE kind IS NOT NULL GROUP BY 1")
    out: dict[str, dict[str, Any]] = {name: {"accounts": n, "posts": posts.get(name, 0), "interactions": 0,
                                             "interactions_by_kind": {}, "first_time": None, "last_time": None,
                                             "activity": []} for name, n in sorted(accounts.items())}
    names = list(out)
    # Two scans of the join, the costly part: the first counts the kinds of each network (most
    # first) and finds the span of its timed interactions, which the second needs to bin them.
    rows = con.execute(
        f"{_ACTING} SELECT a.net, i.kind, count(*), min(i.created_at), max(i.created_at) "
        "FROM interactions i JOIN acting a ON a.account_id = i.src_id GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2",
        [names],
    ).fetchall()
    spans: dict[int, tuple[datetime, datetime]] = {}
    for net, kind, count, first, last in rows:
        summary = out[names[net - 1]]
        summary["interactions_by_kind"][str(kind)] = int(count)
        summary["interactions"] += int(count)
        if first is not None:
            lo, hi = spans.get(net, (first, last))
            spans[net] = (min(lo, first), max(hi, last))
    for net, (first, last) in spans.items():
        out[names[net - 1]].update(first_time=first.isoformat(), last_time=last.isoformat(),
                                    activity=[0] * ACTIVITY_BINS)
    if spans:
        # an interaction at t is in period ((t - first) * bins) // span_us, span_us = max(last - first, 1) + 1
        # (so the last one is in the last period) in whole microseconds: total_seconds() * 1e6, used
        # before, can come out 1 short in floating point and move an interaction across a boundary
        span_us = [max((last - first) // timedelta(microseconds=1), 1) + 1 for first, last in spans.values()]
        binned = con.execute(
            f"{_ACTING}, span AS (SELECT unnest(?::INTEGER[]) AS net, epoch_us(unnest(?::TIMESTAMP[])) AS first_us, "
            "unnest(?::BIGINT[]) AS span_us) "
            f"SELECT a.net, ((epoch_us(i.created_at) - s.first_us) * {ACTIVITY_BINS}) // s.span_us, count(*) "
            "FROM interactions i JOIN acting a ON a.account_id = i.src_id JOIN span s ON s.net = a.net "
            "WHERE i.created_at IS NOT NULL GROUP BY 1, 2",
            [names, list(spans), [first for first, _ in spans.values()], span_us],
        ).fetchall()
        for net, bin_, count in binned:
            out[names[net - 1]]["activity"][int(bin_)] += int(count)
    return out


def _window_sql(
    column: str, since: datetime | None, until: datetime | None, include_untimed: bool
) -> tuple[str, list[Any]]:
    """SQL condition of the half-open window ``since <= column < until`` and its parameters."""
    where, params = [], []
    if since is not None:
        where.append(f"{column} >= ?")
        params.append(since)
    if until is not None:
        where.append(f"{column} < ?")
        params.append(until)
    timed = " AND ".join([f"{column} IS NOT NULL", *where])
    if include_untimed:
        return f"(({timed}) OR {column} IS NULL)", params
    return f"({timed})", params


def _interaction_filter(
    since: datetime | None,
    until: datetime | None,
    kinds: Sequence[str] | None,
    networks: Sequence[str] | None,
    include_untimed: bool | None,
) -> tuple[str, str, list[Any]]:
    """JOIN clause, WHERE condition and parameters selecting the interactions ``i`` of a window."""
    if include_untimed is None:
        include_untimed = since is None and until is None
    window, params = _window_sql("i.created_at", since, until, include_untimed)
    conditions = [window]
    if kinds is not None:
        conditions.append("i.kind IN (SELECT unnest(?::VARCHAR[]))")
        params.append(list(kinds))
    join = ""
    if networks is not None:
        join = "JOIN accounts a ON a.account_id = i.src_id"
        conditions.append("a.network IN (SELECT unnest(?::VARCHAR[]))")
        params.append(list(networks))
    return join, " AND ".join(conditions), params


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
        Sorted by ``src`` then ``time`` (DuckDB sorts in parallel; graph views then need no sort).
    """
    from einfluence.base.kinds import INTERACTION_KINDS

    join, where, params = _interaction_filter(since, until, kinds, networks, include_untimed)
    codes = " ".join(f"WHEN '{k}' THEN {c}" for c, k in enumerate(INTERACTION_KINDS))
    table = con.sql(
        f"""
        SELECT i.src_id AS src, i.dst_id AS dst,
               coalesce(epoch_us(i.created_at), {NO_TIME}) AS time,
               i.weight AS weight, (CASE i.kind {codes} END)::TINYINT AS kind,
               coalesce(i.post_id, -1) AS post
        FROM interactions i {join}
        WHERE {where}
        ORDER BY src, time
        """,
        params=params,
    ).to_arrow_table()
    return InteractionArrays(
        **{name: table.column(name).to_numpy() for name in table.column_names},
        n_accounts=_n_accounts(con),
    )


def arc_arrays(
    con: duckdb.DuckDBPyConnection,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    kinds: Sequence[str] | None = None,
    networks: Sequence[str] | None = None,
    include_untimed: bool | None = None,
) -> ArcArrays:
    """Who acted towards whom in a window, with the interactions' weights: the lightest read of a graph.

    The same selection as :func:`interaction_arrays` (same parameters), but only three columns,
    ids as int32 and no ordering: for graphs that sort their arcs themselves, such as the
    diffusion graphs of tens of millions of arcs. With ``networks``, the graph is the accounts
    of those networks: nodes are numbered over them (``nodes`` gives each node's account id)
    and interactions towards accounts of other networks are left out.
    """
    join, where, params = _interaction_filter(since, until, kinds, networks, include_untimed)
    if networks is None:
        n = _n_accounts(con)
        if n >= 2**31:
            raise ValueError(f"{n:,} accounts: int32 account ids overflow")
        columns = con.sql(
            f"SELECT i.src_id::INTEGER AS src, i.dst_id::INTEGER AS dst, i.weight AS weight "
            f"FROM interactions i {join} WHERE {where}",
            params=params,
        ).fetchnumpy()
        return ArcArrays(**{name: np.asarray(columns[name]) for name in ("src", "dst", "weight")}, n_accounts=n)
    nodes = account_ids_of_networks(con, networks)
    numbered = (
        "WITH node AS (SELECT account_id, (row_number() OVER (ORDER BY account_id) - 1)::INTEGER AS number "
        "FROM accounts WHERE network IN (SELECT unnest(?::VARCHAR[]))) "
    )
    columns = con.sql(
        numbered + f"SELECT s.number AS src, d.number AS dst, i.weight AS weight FROM interactions i {join} "
        "JOIN node s ON s.account_id = i.src_id JOIN node d ON d.account_id = i.dst_id "
        f"WHERE {where}",
        params=[list(networks), *params],
    ).fetchnumpy()
    return ArcArrays(**{name: np.asarray(columns[name]) for name in ("src", "dst", "weight")},
                     n_accounts=int(nodes.size), nodes=nodes)


def account_ids_of_networks(con: duckdb.DuckDBPyConnection, networks: Sequence[str]) -> np.ndarray:
    """The ids of the accounts of some networks, ascending."""
    return np.asarray(con.execute(
        "SELECT account_id FROM accounts WHERE network IN (SELECT unnest(?::VARCHAR[])) ORDER BY account_id",
        [list(networks)],
    ).fetchnumpy()["account_id"], dtype=np.int64)


def has_interactions(
    con: duckdb.DuckDBPyConnection,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    kinds: Sequence[str] | None = None,
    networks: Sequence[str] | None = None,
    include_untimed: bool | None = None,
) -> bool:
    """Whether the window (as in :func:`interaction_arrays`) holds at least one interaction."""
    join, where, params = _interaction_filter(since, until, kinds, networks, include_untimed)
    return bool(fetch_one(con, f"SELECT EXISTS (SELECT 1 FROM interactions i {join} WHERE {where})", params)[0])


def _n_accounts(con: duckdb.DuckDBPyConnection) -> int:
    return int(fetch_one(con, "SELECT coalesce(max(account_id) + 1, 0) FROM accounts")[0])


def n_accounts(con: duckdb.DuckDBPyConnection) -> int:
    """Number of account ids (the largest ``account_id`` + 1): the size of per-account arrays."""
    return _n_accounts(con)


def describe_accounts(con: duckdb.DuckDBPyConnection, ids: Sequence[int] | np.ndarray) -> dict[int, dict[str, Any]]:
    """``account_id -> {account (source id), network, handle, name, kind, followers}`` for the given ids."""
    rows = con.execute(
        "SELECT account_id, source_id, network, handle, name, kind, followers FROM accounts "
        "WHERE account_id IN (SELECT unnest(?::BIGINT[]))",
        [unique_ints(np.asarray(ids, dtype=np.int64)).tolist()],
    ).fetchall()
    return {
        int(r[0]): {"account": r[1], "network": r[2], "handle": r[3], "name": r[4], "kind": r[5], "followers": r[6]}
        for r in rows
    }


def post_arrays(
    con: duckdb.DuckDBPyConnection,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    networks: Sequence[str] | None = None,
) -> PostArrays:
    """The posts of a window (``since <= time < until``), with authors, parents and roots.

    Posts known only as a reference (no kind) and posts without a time are left out of a
    windowed selection; without a window every post with a kind is returned.
    """
    from einfluence.base.kinds import POST_KINDS

    window, params = _window_sql("created_at", since, until, since is None and until is None)
    conditions = [window, "kind IS NOT NULL"]
    if networks is not None:
        conditions.append("network IN (SELECT unnest(?::VARCHAR[]))")
        params.append(list(networks))
    codes = " ".join(f"WHEN '{k}' THEN {c}" for c, k in enumerate(POST_KINDS))
    table = con.sql(
        f"""
        SELECT post_id, coalesce(author_id, -1) AS author,
               coalesce(epoch_us(created_at), {NO_TIME}) AS time,
               (CASE kind {codes} END)::TINYINT AS kind,
               coalesce(parent_id, -1) AS parent, coalesce(root_id, -1) AS root
        FROM posts WHERE {" AND ".join(conditions)}
        ORDER BY post_id
        """,
        params=params,
    ).to_arrow_table()
    return PostArrays(**{name: table.column(name).to_numpy() for name in table.column_names})


def account_arrays(con: duckdb.DuckDBPyConnection) -> AccountArrays:
    """Every account's network, source id, handle and declared followers, by ``account_id``."""
    networks = tuple(r[0] for r in con.execute("SELECT DISTINCT network FROM accounts ORDER BY 1").fetchall())
    table = con.sql(
        "SELECT account_id, (dense_rank() OVER (ORDER BY network) - 1)::SMALLINT AS code, "
        "source_id, handle, followers FROM accounts ORDER BY account_id"
    ).to_arrow_table()
    n = _n_accounts(con)
    ids = table.column("account_id").to_numpy()
    network = np.full(n, -1, dtype=np.int16)
    network[ids] = table.column("code").to_numpy()
    source_id = np.full(n, None, dtype=object)
    source_id[ids] = np.array(table.column("source_id").to_pylist(), dtype=object)
    handle = np.full(n, None, dtype=object)
    handle[ids] = np.array(table.column("handle").to_pylist(), dtype=object)
    followers = np.full(n, np.nan)
    followers[ids] = table.column("followers").to_numpy(zero_copy_only=False).astype(float)
    return AccountArrays(network, networks, source_id, handle, followers)


_REACTIONS_SQL = "('relay', 'reply', 'mention', 'quote', 'like', 'hyperlink')"


def find_accounts(
    con: duckdb.DuckDBPyConnection,
    key: str,
    network: str | None = None,
    *,
    networks: Sequence[str] | None = None,
) -> list[tuple]:
    """Accounts whose source id, or handle (with or without ``@``), is ``key``, of ``network``
    (or of one of ``networks``) when given.

    Returns ``(account_id, network, source_id, handle)`` tuples.
    """
    handle = key.removeprefix("@")
    query = (
        "SELECT account_id, network, source_id, handle FROM accounts "
        "WHERE (source_id = ? OR lower(handle) = lower(?) OR lower(handle) = lower(?))"
    )
    params: list[Any] = [key, handle, "@" + handle]
    if network is not None:
        query += " AND network = ?"
        params.append(network)
    if networks is not None:
        query += " AND network IN (SELECT unnest(?::VARCHAR[]))"
        params.append(list(networks))
    return con.execute(query + " ORDER BY account_id", params).fetchall()


def _window(since: datetime | None, until: datetime | None) -> tuple[str, list[Any]]:
    return _window_sql("i.created_at", since, until, since is None and until is None)


def top_reactors(
    con: duckdb.DuckDBPyConnection, account_id: int, *, since=None, until=None, limit: int = 10
) -> list[dict[str, Any]]:
    """The accounts that reacted most to ``account_id`` in a window, with their reaction kinds."""
    window, params = _window(since, until)
    cursor = con.execute(
        f"""
        SELECT a.source_id AS account, a.network, a.handle, a.name, count(*) AS reactions,
               string_agg(DISTINCT i.kind, ', ' ORDER BY i.kind) AS kinds, max(i.created_at) AS last
        FROM interactions i JOIN accounts a ON a.account_id = i.src_id
        WHERE i.dst_id = ? AND i.src_id <> i.dst_id AND i.kind IN {_REACTIONS_SQL} AND {window}
        GROUP BY ALL ORDER BY reactions DESC, last DESC LIMIT ?
        """,
        [account_id, *params, limit],
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def top_relayed_posts(
    con: duckdb.DuckDBPyConnection, account_id: int, *, since=None, until=None, limit: int = 5
) -> list[dict[str, Any]]:
    """The account's posts that drew the most reactions in a window (via the reacting posts' parents)."""
    window, params = _window(since, until)
    cursor = con.execute(
        f"""
        SELECT p.source_id AS post, p.created_at, p.text, count(*) AS reactions,
               count(DISTINCT i.src_id) AS reactors
        FROM interactions i
        JOIN posts r ON r.post_id = i.post_id
        JOIN posts p ON p.post_id = coalesce(r.parent_id, r.root_id)
        WHERE i.dst_id = ? AND p.author_id = ? AND i.kind IN {_REACTIONS_SQL} AND {window}
        GROUP BY ALL ORDER BY reactions DESC, reactors DESC, p.created_at, p.source_id LIMIT ?
        """,
        [account_id, account_id, *params, limit],
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def daily_reactions(
    con: duckdb.DuckDBPyConnection, account_id: int, *, since=None, until=None
) -> list[tuple[str, int, int]]:
    """Per UTC day of the window: reactions received and distinct reactors."""
    window, params = _window(since, until)
    return con.execute(
        f"""
        SELECT strftime(i.created_at, '%Y-%m-%d') AS day, count(*), count(DISTINCT i.src_id)
        FROM interactions i
        WHERE i.dst_id = ? AND i.src_id <> i.dst_id AND i.kind IN {_REACTIONS_SQL}
          AND i.created_at IS NOT NULL AND {window}
        GROUP BY 1 ORDER BY 1
        """,
        [account_id, *params],
    ).fetchall()


def daily_interactions(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, int]]:
    """``{network: {day: interactions}}`` of every timed interaction, by UTC day (ISO date) and
    network of the account acted towards (``dst``), days in order."""
    rows = con.execute(
        """SELECT a.network, CAST(date_trunc('day', i.created_at) AS DATE) AS day, count(*) AS n
           FROM interactions i JOIN accounts a ON a.account_id = i.dst_id
           WHERE i.created_at IS NOT NULL GROUP BY ALL ORDER BY 1, 2"""
    ).fetchall()
    out: dict[str, dict[str, int]] = {}
    for network, day, n in rows:
        out.setdefault(str(network), {})[day.isoformat()] = int(n)
    return out


def interaction_time_span(
    con: duckdb.DuckDBPyConnection, *, networks: Sequence[str] | None = None
) -> tuple[datetime | None, datetime | None]:
    """The first and last time of the timed interactions (of accounts of ``networks``)."""
    join, where, params = "", "i.created_at IS NOT NULL", []
    if networks is not None:
        join = "JOIN accounts a ON a.account_id = i.src_id"
        where += " AND a.network IN (SELECT unnest(?::VARCHAR[]))"
        params.append(list(networks))
    first, last = fetch_one(con, f"SELECT min(i.created_at), max(i.created_at) FROM interactions i {join} WHERE {where}",
                            params)
    return first, last


def interaction_time_spans(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[datetime, datetime]]:
    """The first and last time of the timed interactions of each network's accounts (the same
    as :func:`interaction_time_span` of that network alone, in one query)."""
    rows = con.execute(
        "SELECT a.network, min(i.created_at), max(i.created_at) FROM interactions i "
        "JOIN accounts a ON a.account_id = i.src_id WHERE i.created_at IS NOT NULL GROUP BY 1 ORDER BY 1"
    ).fetchall()
    return {str(network): (first, last) for network, first, last in rows}


def audience_sizes(con: duckdb.DuckDBPyConnection, ids: np.ndarray) -> np.ndarray:
    """Audience of the accounts ``ids``: declared followers, else their followers in the data."""
    ids = np.asarray(ids, dtype=np.int64)
    con.register("_audience_ids", {"account_id": ids, "position": np.arange(ids.size)})
    try:
        counted = con.execute(
            "SELECT w.position, count(DISTINCT i.src_id) AS n FROM _audience_ids w "
            "JOIN interactions i ON i.dst_id = w.account_id AND i.kind = 'follow' GROUP BY w.position"
        ).fetchnumpy()
        declared = con.execute(
            "SELECT w.position, a.followers FROM _audience_ids w JOIN accounts a USING (account_id) "
            "WHERE a.followers IS NOT NULL"
        ).fetchnumpy()
    finally:
        con.unregister("_audience_ids")
    followers = np.zeros(ids.size)
    followers[counted["position"]] = counted["n"]
    followers[declared["position"]] = declared["followers"]
    return followers


def account_ids_of_kind(
    con: duckdb.DuckDBPyConnection, kind: str, *, below: int | None = None, networks: Sequence[str] | None = None
) -> np.ndarray:
    """The ids of the accounts of a kind (``blog``, ``media``...), below ``below``, of ``networks``."""
    query, params = "SELECT account_id FROM accounts WHERE kind = ?", [kind]
    if below is not None:
        query += " AND account_id < ?"
        params.append(below)
    if networks:
        query += " AND network IN (SELECT unnest(?::VARCHAR[]))"
        params.append(list(networks))
    return np.asarray(con.execute(query + " ORDER BY account_id", params).fetchnumpy()["account_id"], dtype=np.int64)
