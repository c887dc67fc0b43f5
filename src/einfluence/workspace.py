"""The Python API: a :class:`Workspace` opened on one database file, mirroring the CLI."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb

from einfluence.io import Progress, Records
from einfluence.store import connect, import_files, import_records, stats
from einfluence.store.database import DEFAULT_DB
from einfluence.store.imports import ImportResult

__all__ = ["Workspace"]


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
        import hashlib

        if checksum is None:
            digest = hashlib.sha256()
            for table in (records.accounts, records.posts, records.interactions):
                for column in table.columns:
                    digest.update(str(column.to_pylist()).encode())
            checksum = digest.hexdigest()
        return import_records(self.con, records, fmt="records", sources=[source], checksum=checksum)

    def stats(self, *, by_day: bool = True) -> dict[str, Any]:
        """Counts per table, network, kind and day (see :func:`einfluence.store.stats`)."""
        return stats(self.con, by_day=by_day)

    def sql(self, query: str, params: Sequence[Any] | None = None) -> duckdb.DuckDBPyRelation | None:
        """Run SQL on the database (read the schema in ``docs/schema.md``)."""
        return self.con.execute(query, params or [])  # type: ignore[return-value]
