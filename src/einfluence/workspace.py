"""The Python API: a :class:`Workspace` opened on one database file, mirroring the CLI."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.ipc

from einfluence.exceptions import StoreError
from einfluence.io import NullProgress, Progress, Records
from einfluence.store import connect, import_files, import_records, schema_version, stats
from einfluence.store.brands import upsert_brands
from einfluence.store.database import DEFAULT_DB, fetch_one
from einfluence.store.imports import ImportResult
from einfluence.store.truth import planted_influencers, read_metadata, read_truth, save_truth

__all__ = ["Workspace"]


def _save_world_extras(con: duckdb.DuckDBPyConnection, world: Any) -> None:
    save_truth(con, world.truth, world.params)
    upsert_brands(con, world.truth["brands"])


def _records_checksum(records: Records) -> str:
    """SHA-256 of the records' Arrow IPC serialisation (exact, and fast on millions of rows)."""
    digest = hashlib.sha256()
    for table in (records.accounts, records.posts, records.interactions):
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, table.schema) as writer:
            writer.write_table(table)
        digest.update(sink.getvalue())
    return digest.hexdigest()


class Workspace:
    """An einfluence database and the operations on it.

    Parameters
    ----------
    path : str or Path
        The DuckDB file (created and migrated if needed); ``":memory:"`` for a throw-away one.
    read_only : bool
        Open without write access (several readers may then share the file).

    Examples
    --------
    >>> from einfluence import Workspace
    >>> with Workspace(":memory:") as ws:
    ...     result = ws.add_records(Records.from_columns(interactions={
    ...         "network": "demo", "src": ["ann", "bob"], "dst": ["carl", "carl"], "kind": "relay"}))
    ...     ws.stats()["interactions_by_kind"]
    {'relay': 2}
    """

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False) -> None:
        self.path = Path(path) if str(path) != ":memory:" else path
        self.con: duckdb.DuckDBPyConnection = connect(path, read_only=read_only)

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the database (committed work is on disk)."""
        self.con.close()

    def import_files(
        self,
        fmt: str,
        paths: Sequence[str | Path],
        *,
        progress: Progress | None = None,
        **options: Any,
    ) -> ImportResult:
        """Import files of a format (see ``einfluence import --help``); all or nothing, idempotent."""
        return import_files(self.con, fmt, paths, options=options, progress=progress)

    def add_records(self, records: Records, *, source: str = "python", checksum: str | None = None) -> ImportResult:
        """Store records built in Python as one import (idempotent when ``checksum`` is given)."""
        if checksum is None:
            checksum = _records_checksum(records)
        return import_records(self.con, records, fmt="records", sources=[source], checksum=checksum)

    def schema_version(self) -> int:
        """The schema version of the open database."""
        return schema_version(self.con)

    def truth(self, name: str) -> pa.Table:
        """A planted-truth table of a generated world (see :func:`make_demo_world`)."""
        return read_truth(self.con, name)

    def planted_influencers(self, limit: int = 10) -> list[dict[str, Any]]:
        """The demo world's strongest planted influence episodes (empty for other data)."""
        return planted_influencers(self.con, limit=limit)

    @classmethod
    def create_demo(
        cls,
        path: str | Path = DEFAULT_DB,
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

        progress = progress or NullProgress()
        target = Path(path)
        if target.exists():
            with cls(target, read_only=False) as ws:
                is_demo = read_metadata(ws.con, "demo_world") is not None
                empty = fetch_one(ws.con, "SELECT count(*) FROM imports")[0] == 0
            if not (is_demo or empty or force):
                raise StoreError(
                    f"{target} holds imported data; pass --force to replace it, or choose another --db"
                )
            target.unlink()
            Path(str(target) + ".wal").unlink(missing_ok=True)
        progress.start("generating the demo world", None)
        world = make_demo_world(n_accounts=n_accounts, n_days=n_days, seed=seed, **params)
        checksum = hashlib.sha256(json.dumps(world.params, sort_keys=True, default=str).encode()).hexdigest()
        with cls(target) as ws:
            import_records(
                ws.con,
                world.records,
                fmt="demo",
                sources=[f"demo(seed={seed})"],
                checksum=checksum,
                options=world.params,
                progress=progress,
                also=lambda con, _: _save_world_extras(con, world),
            )
        return world.summary()

    def stats(self, *, by_day: bool = True) -> dict[str, Any]:
        """Counts per table, network, kind and day (see :func:`einfluence.store.stats`)."""
        return stats(self.con, by_day=by_day)

    def sql(self, query: str, params: Sequence[Any] | None = None) -> duckdb.DuckDBPyRelation | None:
        """Run SQL on the database (read the schema in ``docs/schema.md``)."""
        return self.con.execute(query, params or [])  # type: ignore[return-value]
