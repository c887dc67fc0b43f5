"""Running an import: provenance, idempotence and the all-or-nothing transaction."""

from __future__ import annotations

import hashlib
import inspect
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from einfluence._version import __version__
from einfluence.base.progress import NullProgress, Progress
from einfluence.exceptions import InputError, StoreError
from einfluence.i18n import Reason
from einfluence.io import ReaderContext, Records, get_reader
from einfluence.settings import import_memory_limit
from einfluence.store.database import fetch_one, memory_limit, transaction
from einfluence.store.ingest import IngestCounts, ingest_records

__all__ = ["ImportResult", "import_files", "import_records", "list_imports", "n_imports", "store_context"]


@dataclass(frozen=True)
class ImportResult:
    """What an import did.

    ``skipped`` is true when the same inputs (same bytes, format and options) had already been
    imported, as import ``import_id``; nothing was read or written then.
    """

    import_id: int
    format: str
    sources: tuple[str, ...]
    checksum: str
    rows_read: int
    counts: IngestCounts = field(default_factory=IngestCounts)
    skipped: bool = False
    notes: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "import_id": self.import_id,
            "format": self.format,
            "sources": list(self.sources),
            "checksum": self.checksum,
            "skipped": self.skipped,
            "rows_read": self.rows_read,
            **{k: getattr(self.counts, k) for k in self.counts.__dataclass_fields__},
            "notes": list(self.notes),
        }


def _input_files(reader: Any, paths: Sequence[Path]) -> list[Path]:
    """The files an import reads: the reader module's ``input_files(paths)`` if it defines one,
    else every file under the given paths."""
    chooser = getattr(inspect.getmodule(reader), "input_files", None)
    if chooser is not None:
        return list(chooser(paths))
    files: list[Path] = []
    for path in paths:
        if not path.exists():
            raise InputError(Reason("input.no_file"), path=path)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file()))
        else:
            files.append(path)
    return files


def _checksum(
    reader: Any, fmt: str, options: Mapping[str, Any], paths: Sequence[Path], progress: Progress
) -> str:
    files = _input_files(reader, paths)
    digest = hashlib.sha256()
    digest.update(fmt.encode())
    digest.update(json.dumps(options, sort_keys=True, default=str).encode())
    progress.start(Reason("progress.checksum"), sum(f.stat().st_size for f in files), "bytes")
    for f in files:
        digest.update(f.name.encode())
        with open(f, "rb") as handle:
            while chunk := handle.read(1 << 22):
                digest.update(chunk)
                progress.advance(len(chunk))
    return digest.hexdigest()


def _records_checksum(records: Records, fmt: str, options: Mapping[str, Any]) -> str:
    """SHA-256 of the format, options and records read (Arrow IPC): the checksum of an import of
    files this machine cannot read itself."""
    digest = hashlib.sha256()
    digest.update(fmt.encode())
    digest.update(json.dumps(options, sort_keys=True, default=str).encode())
    for table in (records.accounts, records.posts, records.interactions):
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, table.schema) as writer:
            writer.write_table(table)
        digest.update(sink.getvalue())
    return digest.hexdigest()


def store_context(con: duckdb.DuckDBPyConnection) -> ReaderContext:
    """A :class:`ReaderContext` answering from the store (read-only look-ups)."""

    def known_accounts(network: str) -> set[str]:
        rows = con.execute("SELECT source_id FROM accounts WHERE network = ?", [network]).fetchall()
        return {r[0] for r in rows}

    def network_imports(network: str) -> list[tuple[int, str, list[str]]]:
        rows = con.execute(
            "SELECT i.import_id, i.format, i.sources FROM imports i "
            "WHERE i.import_id IN (SELECT DISTINCT import_id FROM accounts WHERE network = ?) "
            "ORDER BY i.import_id",
            [network],
        ).fetchall()
        return [(int(r[0]), str(r[1]), list(r[2])) for r in rows]

    return ReaderContext(known_accounts=known_accounts, network_imports=network_imports)


def _reader_options(reader: Any, fmt: str, options: Mapping[str, Any]) -> dict[str, Any]:
    accepted = {
        name
        for name, p in inspect.signature(reader).parameters.items()
        if p.kind is inspect.Parameter.KEYWORD_ONLY and name not in ("progress", "context")
    }
    given = {k: v for k, v in options.items() if v is not None}
    extra = sorted(set(given) - accepted)
    if extra:
        raise InputError(f"does not apply to format {fmt!r}", parameter=extra[0])
    return given


def _existing(con: duckdb.DuckDBPyConnection, checksum: str) -> int | None:
    row = fetch_one(con, "SELECT import_id FROM imports WHERE checksum = ?", [checksum])
    return None if row is None else int(row[0])


def import_records(
    con: duckdb.DuckDBPyConnection,
    records: Records,
    *,
    fmt: str,
    sources: Sequence[str],
    checksum: str,
    options: Mapping[str, Any] | None = None,
    progress: Progress | None = None,
    also: Callable[[duckdb.DuckDBPyConnection, int], None] | None = None,
) -> ImportResult:
    """Store already-read records as one import, in one transaction.

    If an import with the same ``checksum`` exists, nothing is written and the result says
    ``skipped``. On any error the database is left exactly as it was. ``also(con, import_id)``,
    when given, writes more rows in the same transaction (the demo world's planted truth).
    """
    progress = progress or NullProgress()
    existing = _existing(con, checksum)
    if existing is not None:
        return ImportResult(existing, fmt, tuple(sources), checksum, 0, skipped=True)
    started = datetime.now(UTC).replace(tzinfo=None)
    progress.start(Reason("progress.store"), None)
    # readers leave freed buffers in Arrow's pool; hand them back before DuckDB needs memory
    pa.default_memory_pool().release_unused()
    try:
        with memory_limit(con, import_memory_limit()), transaction(con):
            import_id = int(fetch_one(con, "SELECT coalesce(max(import_id) + 1, 1) FROM imports")[0])
            counts = ingest_records(con, records, import_id)
            if also is not None:
                also(con, import_id)
            con.execute(
                "INSERT INTO imports VALUES (?, ?, ?, ?, ?, ?, current_localtimestamp(), ?, ?, ?, ?, ?, ?)",
                [
                    import_id,
                    fmt,
                    list(sources),
                    checksum,
                    json.dumps(dict(options or {}), sort_keys=True, default=str),
                    started,
                    records.rows_read,
                    counts.accounts_added,
                    counts.posts_added,
                    counts.interactions_added,
                    records.notes,
                    __version__,
                ],
            )
    except duckdb.Error as exc:
        raise StoreError(f"import failed, database unchanged: {str(exc).splitlines()[0]}") from exc
    return ImportResult(
        import_id, fmt, tuple(sources), checksum, records.rows_read, counts, notes=tuple(records.notes)
    )


def import_files(
    con: duckdb.DuckDBPyConnection,
    fmt: str,
    paths: Sequence[str | Path],
    *,
    options: Mapping[str, Any] | None = None,
    progress: Progress | None = None,
    read_with: Callable[..., Records] | None = None,
) -> ImportResult:
    """Read files of a registered format and store them as one all-or-nothing import.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        An open einfluence database.
    fmt : str
        A name in :data:`einfluence.io.FORMATS`.
    paths : sequence of str or Path
        Files or folders, as the format expects.
    options : mapping, optional
        Format options (``network``, ``directed``, ...); None values are ignored, an option
        the format does not take is an error.
    progress : Progress, optional
        Receives the progress of each step.
    read_with : callable, optional
        Reads the paths instead of the format's reader, with its arguments (the Spark engine's
        :func:`einfluence.spark.io.spark_read_generic`); it receives the paths as given. The
        checksum is the format's (of the files' bytes) when every path is on this machine,
        else that of the records read.

    Returns
    -------
    ImportResult

    Raises
    ------
    InputError
        Unknown format, missing file, or bad content (naming file, line and field).
    StoreError
        The database refused the rows; it is left unchanged.
    """
    progress = progress or NullProgress()
    reader = get_reader(fmt)
    opts = _reader_options(reader, fmt, options or {})
    path_list = [Path(p) for p in paths]
    if not path_list:
        raise InputError(f"format {fmt!r} needs at least one path")
    on_this_machine = read_with is None or all("://" not in str(p) for p in paths)
    checksum = _checksum(reader, fmt, opts, path_list, progress) if on_this_machine else None
    sources = tuple(str(p) for p in (path_list if on_this_machine else paths))  # URIs keep their '//'
    existing = None if checksum is None else _existing(con, checksum)
    if existing is not None:
        return ImportResult(existing, fmt, sources, checksum, 0, skipped=True)
    if read_with is None:
        records = reader(path_list, progress=progress, context=store_context(con), **opts)
    else:
        records = read_with(list(paths), progress=progress, context=store_context(con), **opts)
    if checksum is None:
        checksum = _records_checksum(records, fmt, opts)
        existing = _existing(con, checksum)
        if existing is not None:
            return ImportResult(existing, fmt, sources, checksum, 0, skipped=True)
    return import_records(
        con, records, fmt=fmt, sources=sources, checksum=checksum, options=opts, progress=progress
    )


def n_imports(con: duckdb.DuckDBPyConnection) -> int:
    """How many imports the database holds."""
    return int(fetch_one(con, "SELECT count(*) FROM imports")[0])


def list_imports(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """The provenance of every import, oldest first: format, sources, checksum, options, counts,
    times and einfluence version."""
    cursor = con.execute("SELECT * FROM imports ORDER BY import_id")
    names = [d[0] for d in cursor.description]
    out = []
    for row in cursor.fetchall():
        record = dict(zip(names, row, strict=True))
        record["options"] = json.loads(record["options"]) if record["options"] else {}
        out.append(record)
    return out
