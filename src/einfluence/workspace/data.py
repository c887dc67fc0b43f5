"""Workspace service for the data itself: imports, counts, SQL, the demo world and its truth."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from einfluence.base.progress import NullProgress, Progress
from einfluence.exceptions import InputError, StoreError
from einfluence.i18n import Reason

if TYPE_CHECKING:
    import duckdb
    import pyarrow as pa

    from einfluence.io import Records
    from einfluence.store.imports import ImportResult
    from einfluence.workspace.context import Context

__all__ = [
    "activity",
    "add_records",
    "create_demo",
    "import_files",
    "imports",
    "planted_influencers",
    "records_checksum",
    "schema_version",
    "sql",
    "stats",
    "time_span",
    "time_spans",
    "truth",
]


def records_checksum(records: Records) -> str:
    """SHA-256 of the records' Arrow IPC serialisation (exact, and fast on millions of rows)."""
    import pyarrow as pa
    import pyarrow.ipc

    digest = hashlib.sha256()
    for table in (records.accounts, records.posts, records.interactions):
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, table.schema) as writer:
            writer.write_table(table)
        digest.update(sink.getvalue())
    return digest.hexdigest()


def import_files(
    ctx: Context,
    fmt: str,
    paths: Sequence[str | Path],
    *,
    progress: Progress | None = None,
    **options: Any,
) -> ImportResult:
    """Import files of a format (see ``einfluence import --help``); all or nothing, idempotent.

    ``options`` are the reader's own (``network``, ``directed``, ``kind``, ``header``,
    ``table``...); an option the format does not take is refused. On the Spark engine the
    generic format is read by the cluster (:func:`einfluence.spark.io.spark_read_generic`:
    local paths or URIs such as ``hdfs://``), checked and stored as locally.
    """
    from einfluence.store.imports import import_files as store_import

    read_with = None
    if ctx.engine is not None:
        if fmt != "generic":
            raise InputError(f"the Spark engine imports the generic format only, not {fmt!r}: "
                             "use the local engine", parameter="engine")
        from functools import partial

        from einfluence.spark.io import spark_read_generic

        read_with = partial(spark_read_generic, ctx.spark())
    return store_import(ctx.con, fmt, paths, options=options, progress=progress, read_with=read_with)


def imports(ctx: Context) -> list[dict[str, Any]]:
    """The provenance of every import, oldest first (format, sources, checksum, options, counts,
    times, einfluence version)."""
    from einfluence.store.imports import list_imports

    return list_imports(ctx.con)


def add_records(ctx: Context, records: Records, *, source: str = "python", checksum: str | None = None) -> ImportResult:
    """Store records built in Python as one import (idempotent: the same records add nothing)."""
    from einfluence.store.imports import import_records

    checksum = records_checksum(records) if checksum is None else checksum
    return import_records(ctx.con, records, fmt="records", sources=[source], checksum=checksum)


def time_span(ctx: Context, *, networks: Sequence[str] | None = None) -> tuple[datetime | None, datetime | None]:
    """The first and last time of the timed interactions of ``networks`` (all when None):
    what an open window (no ``since``, no ``until``) covers. ``(None, None)`` without timed data."""
    from einfluence.store.queries import interaction_time_span

    return interaction_time_span(ctx.con, networks=list(networks) if networks else None)


def time_spans(ctx: Context) -> dict[str, tuple[datetime | None, datetime | None]]:
    """:func:`time_span` of all networks (key ``"*"``) and of each network with timed interactions."""
    from einfluence.store.queries import interaction_time_spans

    return {"*": time_span(ctx), **interaction_time_spans(ctx.con)}


def stats(ctx: Context, *, by_day: bool = True) -> dict[str, Any]:
    """Counts per table, network, kind and day (see :func:`einfluence.store.stats`)."""
    from einfluence.store.queries import stats as store_stats

    return store_stats(ctx.con, by_day=by_day)


def activity(ctx: Context) -> dict[str, dict[str, int]]:
    """Timed interactions per network (of the account acted towards) and UTC day:
    ``{network: {"YYYY-MM-DD": n}}``, days in order (the dashboard's overview chart).

    Examples
    --------
    >>> from datetime import datetime
    >>> from einfluence import Workspace
    >>> from einfluence.io import Records
    >>> with Workspace(":memory:") as ws:
    ...     _ = ws.add_records(Records.from_columns(interactions={
    ...         "network": "demo", "src": ["ann", "bob"], "dst": ["carl", "carl"], "kind": "relay",
    ...         "time": [datetime(2026, 1, 1, 9), datetime(2026, 1, 2, 9)]}))
    ...     ws.activity()
    {'demo': {'2026-01-01': 1, '2026-01-02': 1}}
    """
    from einfluence.store.queries import daily_interactions

    return daily_interactions(ctx.con)


def schema_version(ctx: Context) -> int:
    """The schema version of the open database."""
    from einfluence.store.database import schema_version as version

    return version(ctx.con)


def sql(ctx: Context, query: str, params: Sequence[Any] | None = None) -> duckdb.DuckDBPyConnection:
    """Run SQL on the database (the tables are described in README.md, "The data model")."""
    return ctx.con.execute(query, params or [])


def truth(ctx: Context, name: str) -> pa.Table:
    """A planted-truth table of a generated world (see :func:`~einfluence.datasets.make_demo_world`)."""
    from einfluence.store.truth import read_truth

    return read_truth(ctx.con, name)


def planted_influencers(ctx: Context, limit: int = 10) -> list[dict[str, Any]]:
    """The demo world's strongest planted influence episodes (empty for other data)."""
    from einfluence.store.truth import planted_influencers as planted

    return planted(ctx.con, limit=limit)


def create_demo(
    path: str | Path,
    *,
    n_accounts: int = 3000,
    n_days: int = 42,
    seed: int = 0,
    force: bool = False,
    progress: Progress | None = None,
    **params: Any,
) -> dict[str, Any]:
    """Generate the seeded demo world into a fresh database file; return its summary.

    An existing file is replaced only if it holds a demo world or nothing at all, or if
    ``force`` is true: the demo never silently destroys imported data.
    """
    from einfluence.datasets import make_demo_world
    from einfluence.store.brands import upsert_brands
    from einfluence.store.database import connect
    from einfluence.store.imports import import_records, n_imports
    from einfluence.store.truth import read_metadata, save_truth

    progress = progress or NullProgress()
    target = Path(path)
    if target.exists():
        con = connect(target)
        try:
            replaceable = read_metadata(con, "demo_world") is not None or n_imports(con) == 0
        finally:
            con.close()
        if not (replaceable or force):
            raise StoreError(f"{target} holds imported data; force to replace it, or choose another path",
                             parameter="force")
        target.unlink()
        Path(str(target) + ".wal").unlink(missing_ok=True)
    progress.start(Reason("progress.demo_world"), None)
    world = make_demo_world(n_accounts=n_accounts, n_days=n_days, seed=seed, **params)
    checksum = hashlib.sha256(json.dumps(world.params, sort_keys=True, default=str).encode()).hexdigest()

    def save_extras(con: duckdb.DuckDBPyConnection, _: int) -> None:
        save_truth(con, world.truth, world.params)
        upsert_brands(con, world.truth["brands"])

    con = connect(target)
    try:
        import_records(con, world.records, fmt="demo", sources=[f"demo(seed={seed})"], checksum=checksum,
                       options=world.params, progress=progress, also=save_extras)
    finally:
        con.close()
    return world.summary()
