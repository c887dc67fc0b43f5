"""Reading tables (CSV, TSV, JSON Lines, Parquet) with DuckDB: sources, record sizes, exact lines.

Shared by :mod:`~einfluence.io.generic` (einfluence's own tables) and
:mod:`~einfluence.io.posts_table` (posts exported by listening tools). DuckDB parses the files
(strict, parallel, fast on tens of millions of rows); this module prepares what it needs so
that no record is ever lost without a word:

* DuckDB's CSV reader *silently drops* a record longer than its read buffer (a 50 MB line
  gave "0 rows" and exit 0), so every CSV or JSON Lines file is first scanned for its longest
  record (one vectorised NumPy pass: newlines outside double quotes end a CSV record) and the
  reader's limits are set above it; a record longer than :data:`MAX_RECORD_BYTES` is refused
  with its file, line and field.
* DuckDB numbers records, not lines (a quoted field may hold newlines): :func:`line_of_record`
  finds the line where a record starts, on the error path only.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path

import duckdb
import numpy as np

from einfluence.exceptions import InputError
from einfluence.i18n import Reason
from einfluence.io._json import too_deep
from einfluence.io._reading import open_binary

__all__ = [
    "MAX_RECORD_BYTES",
    "csv_header",
    "duckdb_error",
    "file_source",
    "line_of_record",
    "longest_record",
    "reader_limits",
    "sql_str",
    "time_sql",
]

#: The longest record (CSV record or JSON line) einfluence reads, in bytes; a longer one is
#: refused naming its line. Far above any real post, and bounded so that DuckDB's read buffers
#: (twice this size per file) stay small.
MAX_RECORD_BYTES = 64 * 1024 * 1024

# DuckDB's defaults: records up to 2,000,000 bytes (CSV) and objects up to 16 MiB (JSON)
_CSV_DEFAULT_LINE = 2_000_000
_JSON_DEFAULT_OBJECT = 16 * 1024 * 1024
_CHUNK = 1 << 24


def sql_str(value: str) -> str:
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def _chunks(path: Path) -> Iterator[bytes]:
    with open_binary(path) as handle:
        try:
            while chunk := handle.read(_CHUNK):
                yield chunk
        except (EOFError, gzip.BadGzipFile, zlib.error, OSError) as exc:
            raise InputError(Reason("input.compressed", detail=f" ({exc})"), path=path) from None


def longest_record(path: Path, *, quoted: bool) -> tuple[int, int]:
    """The size in bytes of the longest record of a text table and the line where it starts.

    A record ends at a newline; with ``quoted`` (CSV), only at a newline outside double quotes
    (an escaped quote ``""`` counts twice, so it leaves the parity unchanged). Vectorised: one
    NumPy pass over 16 MiB chunks, memory bounded by the chunk.
    """
    parity = 0  # quotes seen so far, modulo 2
    offset = 0  # absolute offset of the chunk
    line = 1  # line number at the start of the chunk
    start, start_line = 0, 1  # the record being read
    best, best_line = 0, 1
    for chunk in _chunks(path):
        data = np.frombuffer(chunk, np.uint8)
        newlines = np.flatnonzero(data == 10)
        if quoted:
            quotes = np.flatnonzero(data == 34)
            outside = (np.searchsorted(quotes, newlines) + parity) % 2 == 0
            index = np.flatnonzero(outside)
            parity = (parity + quotes.size) % 2
        else:
            index = np.arange(newlines.size)
        if index.size:
            ends = newlines[index] + offset
            starts = np.empty_like(ends)
            starts[0] = start
            starts[1:] = ends[:-1] + 1
            sizes = ends - starts
            longest = int(np.argmax(sizes))
            if sizes[longest] > best:
                best = int(sizes[longest])
                best_line = start_line if longest == 0 else line + int(index[longest - 1]) + 1
            start = int(ends[-1]) + 1
            start_line = line + int(index[-1]) + 1
        line += newlines.size
        offset += len(chunk)
    if offset - start > best:
        best, best_line = offset - start, start_line
    return best, best_line


def reader_limits(path: Path, kind: str, columns: list[str] | None = None, delimiter: str = ",") -> str:
    """DuckDB reader options that let it read every record of the file (``""`` when the
    defaults do), or an :class:`InputError` for a record over :data:`MAX_RECORD_BYTES`.

    ``kind`` is ``"csv"`` or ``"json"`` (JSON Lines); ``columns`` names the CSV fields, to say
    which one makes a refused record too long.
    """
    size, line = longest_record(path, quoted=kind == "csv")
    if size > MAX_RECORD_BYTES:
        field = _longest_field(path, line, columns, delimiter) if kind == "csv" else None
        raise InputError(
            Reason("input.record_size", n=size, n_max=MAX_RECORD_BYTES),
            path=path,
            line=line,
            field=field,
        )
    if kind == "csv" and size >= _CSV_DEFAULT_LINE:
        limit = size + 1024
        return f", max_line_size={limit}, buffer_size={2 * limit}"
    if kind == "json" and size >= _JSON_DEFAULT_OBJECT:
        return f", maximum_object_size={size + 1024}"
    return ""


def _text_records(path: Path, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """``(first line, fields)`` of each CSV record, with Python's csv module (error path only)."""
    csv.field_size_limit(sys.maxsize)
    with open_binary(path) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="")
        reader = csv.reader(text, delimiter=delimiter, quotechar='"', doublequote=True, strict=False)
        start = 1
        for fields in reader:
            yield start, fields
            start = reader.line_num + 1


def _longest_field(path: Path, line: int, columns: list[str] | None, delimiter: str) -> str | None:
    for start, fields in _text_records(path, delimiter):
        if start == line:
            if not fields:
                return None
            index = max(range(len(fields)), key=lambda i: len(fields[i]))
            return columns[index] if columns and index < len(columns) else None
        if start > line:
            break
    return None


def line_of_record(path: Path, kind: str, record: int, *, delimiter: str = ",") -> int:
    """The line where record number ``record`` (1-based, the CSV header being record 1) starts.

    For JSON Lines, the line of the ``record``-th non-blank line; for Parquet, ``record`` itself
    (a row number). Reads the file again: for error messages only.
    """
    if kind == "parquet":
        return record
    count = 0
    if kind == "json":
        with open_binary(path) as handle:
            for number, raw in enumerate(handle, start=1):
                if raw.strip():
                    count += 1
                    if count == record:
                        return number
        return record
    for start, fields in _text_records(path, delimiter):
        if fields:  # DuckDB skips blank lines
            count += 1
            if count == record:
                return start
    return record


def csv_header(path: Path, delimiter: str = ",") -> list[str]:
    """The column names of a CSV file's header line (quotes removed, a BOM ignored)."""
    with open_binary(path) as handle:
        try:
            first = handle.readline().decode("utf-8").lstrip("\ufeff").rstrip("\r\n")
        except UnicodeDecodeError:
            raise InputError(Reason("input.utf8"), path=path, line=1) from None
        except (EOFError, OSError) as exc:
            raise InputError(Reason("input.compressed", detail=f" ({exc})"), path=path, line=1) from None
    if not first.strip():
        raise InputError(Reason("input.empty_csv"), path=path, line=1)
    names = next(csv.reader([first], delimiter=delimiter, quotechar='"'))
    return [c.strip() for c in names]


def file_source(con: duckdb.DuckDBPyConnection, path: Path, kind: str) -> tuple[str, list[str]]:
    """The DuckDB source (SQL) that reads a table file, and its column names.

    ``kind`` is ``csv`` or ``tsv`` (a header line; every column read as text, so that each
    reader converts and names the bad field itself), ``json`` (JSON Lines), ``json-array`` or
    ``parquet``. Records longer than DuckDB's defaults are read (see :func:`reader_limits`).
    """
    p = sql_str(str(path))
    if kind in ("csv", "tsv"):
        delimiter = "," if kind == "csv" else "\t"
        header = csv_header(path, delimiter)
        limits = reader_limits(path, "csv", header, delimiter)
        columns = "{" + ", ".join(f"{sql_str(c)}: 'VARCHAR'" for c in header) + "}"
        source = (f"read_csv({p}, header=true, delim={sql_str(delimiter)}, quote='\"', escape='\"', "
                  f"strict_mode=true, auto_detect=false, columns={columns}{limits})")
        return source, header
    if kind == "json":
        source = (f"read_json({p}, format='newline_delimited', records=true, sample_size=-1"
                  f"{reader_limits(path, 'json')})")
    elif kind == "json-array":
        source = f"read_json({p}, format='array', records=true, sample_size=-1, maximum_object_size={1 << 30})"
    elif kind == "parquet":
        source = f"read_parquet({p})"
    else:
        raise ValueError(f"unknown table file kind {kind!r}")
    try:
        columns = [d[0] for d in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()]
    except duckdb.Error as exc:
        raise duckdb_error(exc, path) from None
    return source, columns


def _gzip_is_corrupt(path: Path) -> bool:
    if not path.name.lower().endswith(".gz"):
        return False
    try:
        with gzip.open(path, "rb") as handle:
            while handle.read(1 << 22):
                pass
    except (EOFError, OSError, zlib.error):
        return True
    return False


def _deep_line(path: Path, limit: int) -> int | None:
    """The first line of a JSON Lines file nested deeper than ``limit`` (error path only)."""
    with open_binary(path) as handle:
        for number, raw in enumerate(handle, start=1):
            if too_deep(raw.decode("utf-8", errors="replace"), limit) is not None:
                return number
    return None


def duckdb_error(exc: duckdb.Error, path: Path) -> InputError:
    """Turn a DuckDB reader error into a one-line InputError naming the line."""
    if _gzip_is_corrupt(path):
        return InputError(Reason("input.compressed"), path=path)
    lines = [ln.strip() for ln in str(exc).splitlines() if ln.strip()]
    first = lines[0]
    match = re.search(r"(?:CSV Error on Line:|in line) (\d+)", first)
    line = int(match.group(1)) if match else None
    lowered = str(exc).lower()
    reason: str
    if "unicode" in lowered or "utf-8" in lowered or "utf8" in lowered:
        reason = Reason("input.utf8")
    elif "gzip" in lowered or "compress" in lowered:
        reason = Reason("input.compressed")
    elif "CSV Error" in first:
        detail = next((ln for ln in lines[1:] if not ln.startswith("Original Line")), "malformed CSV")
        reason = Reason("input.fields", detail=detail) if "Expected Number of Columns" in detail else detail
    elif "Malformed JSON" in first:
        reason = Reason("input.json", detail=first.rsplit(": ", 1)[-1].rstrip(". "))
    elif "recursion depth" in lowered:
        depth = re.search(r"depth of (\d+)", lowered)
        limit = int(depth.group(1)) if depth else 128
        reason = Reason("input.json_depth", n=limit)
        line = _deep_line(path, limit)
    else:
        reason = first.split("Error: ", 1)[-1]
    return InputError(reason, path=path, line=line)


#: Time layouts tried, in order, after ISO 8601 and Unix seconds (strptime codes).
TIME_FORMATS = (
    "%Y-%m-%d %H:%M:%S %z",  # 2015-02-24 11:35:52 -0800 (the airline corpus)
    "%a %b %d %H:%M:%S %z %Y",  # Tue Oct 18 21:53:25 +0000 2011 (Twitter API v1.1)
    "%a, %d %b %Y %H:%M:%S %z",  # Tue, 18 Oct 2011 21:53:25 +0000 (RFC 2822)
)


def time_sql(
    column: str, source_type: str, time_format: str | None = None, sample: str | None = None
) -> tuple[str, str]:
    """SQL converting a column to a naive UTC ``TIMESTAMP``, and the condition of a bad value.

    Accepts ISO 8601 (an offset is converted to UTC; none means UTC), Unix seconds, and the
    layouts of :data:`TIME_FORMATS`; with ``time_format`` (strptime codes), that layout only.
    ``sample`` (a value of the column) lets the layout it has be tried first, which is several
    times faster on a column written in one layout; the others remain accepted. The session's
    time zone must be UTC.
    """
    q = f'"{column}"'
    if source_type == "JSON":
        q = f"({q} ->> '$')"
    if source_type.startswith("TIMESTAMP"):
        return f"{q}::TIMESTAMP", "false"
    raw = f"trim({q}::VARCHAR)"
    if time_format is not None:
        expr = f"try_strptime({raw}, {sql_str(time_format)})::TIMESTAMP"
    else:
        numeric = f"regexp_full_match({raw}, '-?[0-9]+(\\.[0-9]*)?')"
        formats = "[" + ", ".join(sql_str(f) for f in TIME_FORMATS) + "]"
        general = (
            f"CASE WHEN {numeric} THEN to_timestamp({raw}::DOUBLE)::TIMESTAMP "
            f"ELSE coalesce(TRY_CAST({raw} AS TIMESTAMPTZ), try_strptime({raw}, {formats}))::TIMESTAMP END"
        )
        layout = _layout(sample) if sample else None
        if layout is not None:
            general = f"coalesce(try_strptime({raw}, {sql_str(layout)})::TIMESTAMP, {general})"
        expr = f"CASE WHEN {q} IS NULL OR {raw} = '' THEN NULL ELSE {general} END"
    return expr, f"{q} IS NOT NULL AND {raw} <> '' AND ({expr}) IS NULL"


def _layout(sample: str) -> str | None:
    """The layout of :data:`TIME_FORMATS` that ``sample`` is written in, if any."""
    from datetime import datetime

    for layout in TIME_FORMATS:
        try:
            datetime.strptime(sample.strip(), layout)
        except ValueError:
            continue
        return layout
    return None
