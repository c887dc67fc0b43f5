"""Opening a DuckDB database file, migrating its schema and running transactions."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from einfluence.exceptions import StoreError
from einfluence.settings import DEFAULT_DB, get_setting
from einfluence.store.schema import MIGRATIONS, SCHEMA_VERSION

__all__ = [
    "DEFAULT_DB",
    "SERVER_RELEASE_WAIT",
    "connect",
    "fetch_dicts",
    "fetch_one",
    "memory_limit",
    "release_cache",
    "schema_version",
    "transaction",
]

#: seconds a command waits for a file held by an idle ``einfluence serve`` (the server lets a file
#: go about a second after its last request or job ended: ``einfluence serve --idle-release``)
SERVER_RELEASE_WAIT = 3.0



def fetch_one(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> tuple | None:
    """Run a query and return its first row (None if empty), leaving no result pending.

    DuckDB refuses some calls on a connection whose last result was not read to the end, so
    single-row queries go through here rather than ``execute(...).fetchone()``.
    """
    rows = con.execute(sql, params or []).fetchall()
    return rows[0] if rows else None


def fetch_dicts(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None, *,
                json_columns: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Every row of a query as a dict by column name, the ``json_columns`` decoded (the listings
    of plans, runs and tokens read their rows this way)."""
    import json

    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    for row in rows:
        for column in json_columns:
            row[column] = json.loads(row[column])
    return rows


@contextmanager
def memory_limit(con: duckdb.DuckDBPyConnection, limit: str) -> Iterator[None]:
    """DuckDB's memory limit set to ``limit`` (for example ``"1GB"``) inside a block, then put back.

    The limit in force before comes back exactly when it was DuckDB's default; a limit set by
    hand comes back to within DuckDB's printed precision (0.1 of its unit), without drifting
    over repeated calls.
    """
    (previous,) = fetch_one(con, "SELECT current_setting('memory_limit')") or ("",)
    con.execute(f"SET memory_limit = '{limit}'")
    try:
        yield
    finally:
        con.execute("RESET memory_limit")
        if fetch_one(con, "SELECT current_setting('memory_limit')") != (previous,):
            con.execute(f"SET memory_limit = '{_unprinted(previous)}'")


def _unprinted(printed: str) -> str:
    """A memory limit that DuckDB prints as ``printed`` (it truncates to one decimal: aim mid-way)."""
    match = re.fullmatch(r"([0-9.]+) ?([KMGT]iB)", printed.strip())
    return f"{float(match[1]) + 0.05:.2f} {match[2]}" if match else printed


def release_cache(con: duckdb.DuckDBPyConnection) -> None:
    """Hand back the memory of the table blocks DuckDB keeps cached after a large read.

    After tens of millions of rows have been copied out into arrays, the buffer pool still
    holds their blocks (hundreds of MB) for a next query that an analysis will not make.
    Lowering the memory limit for a moment evicts what is not pinned. Best effort: nothing
    happens if DuckDB refuses.
    """
    try:
        with memory_limit(con, "16MB"):
            pass
    except duckdb.Error:
        pass


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """Return the schema version of an open database (0 for an empty one)."""
    exists = fetch_one(
        con, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
    )[0]
    if not exists:
        return 0
    return fetch_one(con, "SELECT coalesce(max(version), 0) FROM schema_migrations")[0]


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """Run the body in one transaction: committed if it returns, rolled back if it raises."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def _migrate(con: duckdb.DuckDBPyConnection) -> None:
    current = schema_version(con)
    if current > SCHEMA_VERSION:
        raise StoreError(
            f"database schema version {current} is newer than this einfluence "
            f"(knows up to {SCHEMA_VERSION}); upgrade einfluence"
        )
    pending = [(version, name, sql) for version, name, sql in MIGRATIONS if version > current]
    if not pending:
        return
    # all of them in one transaction: a file is migrated to the current schema or left as it was,
    # and a new file costs one commit, not one per migration (105 -> about 60 ms to create one)
    with transaction(con):
        con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            "version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
        )
        for version, name, sql in pending:
            con.execute(sql)
            con.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, current_localtimestamp())",
                [version, name],
            )


def _holder(message: str) -> str:
    """Who holds the lock DuckDB reports: the einfluence command of that process when it is one."""
    return _holder_and_command(message)[0]


def _holder_and_command(message: str) -> tuple[str, str | None]:
    """``(who holds the lock, its einfluence subcommand or None)`` from DuckDB's lock message."""
    match = re.search(r"PID (\d+)", message)
    if match is None:
        return "another process", None
    pid = match.group(1)
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return f"another process (PID {pid})", None
    words = [w.decode(errors="replace") for w in argv if w]
    for i, word in enumerate(words):
        if Path(word).name == "einfluence" or (word == "-m" and words[i + 1 : i + 2] == ["einfluence"]):
            rest = words[i + (2 if word == "-m" else 1) :]
            return f"'einfluence {' '.join(rest[:3])}' (PID {pid})", (rest[0] if rest else None)
    return f"another program (PID {pid}: {Path(words[0]).name if words else '?'})", None


def _open(path_str: str, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    """Open the file, retrying for ``wait`` seconds while another process holds its lock."""
    start = time.monotonic()
    deadline = start + wait
    while True:
        try:
            return duckdb.connect(path_str, read_only=read_only)
        except duckdb.Error as exc:
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            locked = "lock" in message.lower()
            holder, command = _holder_and_command(message) if locked else ("", None)
            if command == "serve":  # a server lets an idle file go within a second: give it that
                deadline = max(deadline, start + SERVER_RELEASE_WAIT)
            if locked and time.monotonic() < deadline:
                time.sleep(0.1 if command == "serve" else 0.25)
                continue
            if locked and command == "serve":
                waited = time.monotonic() - start
                raise StoreError(
                    f"{path_str} is in use by {holder}, which is working on it (waited {waited:.0f} s): use "
                    "the server's API for this, or retry when it is idle (einfluence --wait SECONDS ... "
                    "retries), or stop it"
                ) from exc
            if locked:
                waited = f" after waiting {wait:g} s" if wait > 0 else ""
                raise StoreError(
                    f"{path_str} is in use by {holder}{waited}: wait for it to finish "
                    "(einfluence --wait SECONDS ... retries), or work on a copy"
                ) from exc
            if "permission denied" in message.lower() or "read-only" in message.lower():
                need = "read" if read_only else "write"
                raise StoreError(
                    f"{path_str}: cannot {need} the database file (permission denied)"
                    + ("" if read_only else "; this command stores its results in it: copy it somewhere writable")
                ) from exc
            raise StoreError(f"{path_str}: cannot open database: {message}") from exc


def connect(
    path: str | Path = DEFAULT_DB, *, read_only: bool = False, create: bool = True, wait: float | None = None
) -> duckdb.DuckDBPyConnection:
    """Open (and create or migrate) an einfluence database.

    Parameters
    ----------
    path : str or Path
        The database file; ``":memory:"`` for a throw-away in-memory database.
    read_only : bool
        Open without write access (several processes may read one file at once); the schema
        must then be current.
    create : bool
        Whether a missing file may be created.
    wait : float, optional
        Seconds to keep retrying while another process holds the file (default: the
        ``lock_wait`` setting, 0).

    Returns
    -------
    duckdb.DuckDBPyConnection

    Raises
    ------
    StoreError
        If the file is missing (and ``create`` is false), is not a DuckDB database, is held by
        another process (naming it), cannot be written, or has a schema this version cannot
        use.
    """
    path_str = str(path)
    if path_str != ":memory:":
        p = Path(path_str)
        if not p.exists() and (read_only or not create):
            raise StoreError(f"{p}: no such database (create one with 'einfluence init --db {p}', or import into it)")
        if p.exists() and p.is_dir():
            raise StoreError(f"{p}: is a directory, not a database file")
    con = _open(path_str, read_only, float(get_setting("lock_wait")) if wait is None else float(wait))
    # einfluence shows its own progress; DuckDB's would garble the terminal
    con.execute("SET enable_progress_bar = false")
    threads = int(get_setting("threads"))
    if threads > 0:
        con.execute(f"SET threads = {threads}")
    if read_only:
        version = schema_version(con)
        if version != SCHEMA_VERSION:
            con.close()
            if version > SCHEMA_VERSION:
                raise StoreError(f"{path_str}: schema version {version} was written by a newer einfluence "
                                 f"(this one knows up to {SCHEMA_VERSION}): upgrade einfluence")
            raise StoreError(f"{path_str}: schema version {version}, expected {SCHEMA_VERSION}: migrate it once "
                             f"with 'einfluence init --db {path_str}' (it keeps every row)")
    else:
        _migrate(con)
    return con
