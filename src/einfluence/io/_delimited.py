"""Whitespace-separated text tables: a vectorised Arrow pass, and an exact line scan for errors.

Shared by the line-oriented readers (:mod:`~einfluence.io.edgelist`, :mod:`~einfluence.io.higgs`,
:mod:`~einfluence.io.imm`): :func:`fast_table` parses a whole file at Arrow speed and returns
None at the first irregularity; :func:`scan_table` then re-reads it line by line and either
parses it the slow way or raises an :class:`InputError` naming the file, line and field.
"""

from __future__ import annotations

import gzip
import math
import re
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from einfluence.base.progress import Progress
from einfluence.exceptions import InputError
from einfluence.i18n import Reason
from einfluence.io._reading import iter_lines, require_file

__all__ = ["Parser", "fast_table", "parse_float", "parse_int", "read_bytes_with_progress", "scan_table"]

_INT_RE = re.compile(r"[+-]?\d+")
_COMMENT_RE = re.compile(rb"(?m)^[ \t]*#[^\n]*(\n|$)")

Parser = Callable[[str], Any]



def parse_int(token: str) -> int:
    """Parse a decimal integer token (no underscores, no spaces), or raise ValueError."""
    if not _INT_RE.fullmatch(token):
        raise ValueError(Reason("input.integer", value=repr(token)))
    return int(token)


def parse_float(token: str) -> float:
    """Parse a finite decimal number, or raise ValueError."""
    try:
        if "_" in token:
            raise ValueError
        value = float(token)
    except ValueError:
        raise ValueError(Reason("input.number", value=repr(token))) from None
    if not math.isfinite(value):
        raise ValueError(Reason("input.finite", value=repr(token)))
    return value


def read_bytes_with_progress(path: Path, progress: Progress, description: Reason) -> bytes | None:
    """Read a file (gunzipping ``*.gz``), reporting progress in bytes of the file on disk.

    Returns None when the compressed data is corrupt or truncated: the caller then runs its
    line scan, which reports the exact line where the data breaks.
    """
    require_file(path)
    progress.start(description, path.stat().st_size, "bytes")
    chunks = []
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 22):
            chunks.append(chunk)
            progress.advance(len(chunk))
    raw = b"".join(chunks)
    if path.suffix == ".gz":
        try:
            return gzip.decompress(raw)
        except (EOFError, gzip.BadGzipFile, zlib.error, OSError):
            return None
    return raw


def fast_table(
    data: bytes, names: Sequence[str], types: Sequence[pa.DataType], *, comments: bool = False
) -> pa.Table | None:
    """Parse whitespace-separated columns with Arrow; None if anything looks irregular.

    Tabs count as spaces; a run of several separators, a leading or trailing separator, a
    wrong number of fields, a value that does not parse or is empty all make this return None
    (the exact line scan then either reports the error or parses the file the slow way).
    ``comments`` drops lines starting with ``#``; blank lines are skipped.
    """
    if comments and (data.startswith(b"#") or b"\n#" in data or re.search(rb"(?m)^[ \t]+#", data)):
        data = _COMMENT_RE.sub(b"", data)
    if b"\t" in data:
        data = data.replace(b"\t", b" ")
    if b"  " in data or b" \n" in data or b"\n " in data or data.startswith(b" ") or b" \r" in data:
        return None
    if not data.strip():
        return pa.table({n: pa.array([], type=t) for n, t in zip(names, types, strict=True)})
    try:
        table = pacsv.read_csv(
            pa.BufferReader(data),
            read_options=pacsv.ReadOptions(column_names=list(names), use_threads=True),
            parse_options=pacsv.ParseOptions(
                delimiter=" ", quote_char=False, escape_char=False, ignore_empty_lines=True
            ),
            convert_options=pacsv.ConvertOptions(
                column_types=dict(zip(names, types, strict=True)),
                null_values=[],
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                check_utf8=True,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError, UnicodeDecodeError):
        return None
    for column in table.columns:
        if column.null_count:
            return None
        if (
            pa.types.is_floating(column.type)
            and len(column)
            and not pc.all(pc.is_finite(column)).as_py()
        ):
            return None
    return table


def scan_table(
    path: Path,
    fields: Sequence[tuple[str, Parser]],
    *,
    optional_last: bool = False,
    comments: bool = False,
    skip_first: bool = False,
    progress: Progress | None = None,
    source: str | None = None,
    header_hint: bool = False,
) -> tuple[list[list[Any]], list[int], str | None]:
    """Parse a whitespace-separated file line by line, raising at the first bad line.

    Parameters
    ----------
    path : Path
        The file (``*.gz`` is decompressed).
    fields : sequence of (name, parser)
        One per column; a parser turns a token into a value or raises ValueError / KeyError
        whose message is shown.
    optional_last : bool
        The last field may be absent, but then absent on every line.
    comments : bool
        Skip lines whose first non-blank character is ``#``.
    skip_first : bool
        Skip the first line that is neither blank nor a comment (a header); it is returned.
    progress, source
        Progress in bytes; how to name the file.
    header_hint : bool
        Column-count errors add that a header line needs ``header=True`` / ``--header``.

    Returns
    -------
    columns : list of lists
        Parsed values per field (the optional one is all-missing if absent from the file).
    lines : list of int
        1-based line number of each row.
    header : str or None
        The skipped header line.
    """
    name = source or str(path)
    n_fields = len(fields)
    columns: list[list[Any]] = [[] for _ in fields]
    lines: list[int] = []
    header: str | None = None
    width: int | None = None
    width_line = 0
    for lineno, text in iter_lines(path, progress=progress, source=name):
        tokens = text.split()
        if not tokens or (comments and tokens[0].startswith("#")):
            continue
        if skip_first and header is None:
            header = text
            continue
        count = len(tokens)
        if count == 1 and n_fields > 1 and "," in tokens[0]:  # a CSV line: say so rather than count fields
            raise InputError(Reason("input.comma_separated"), path=name, line=lineno, field=fields[1][0])
        if count != n_fields and not (optional_last and count == n_fields - 1):
            key = "input.whitespace_fields" + ("_or" if optional_last else "") + ("_hint" if header_hint else "")
            raise InputError(
                Reason(key, n_fields=n_fields - 1 if optional_last else n_fields, n_more=n_fields,
                       fields=" ".join(f for f, _ in fields), n=count),
                path=name,
                line=lineno,
                field=fields[min(count, n_fields - 1)][0] if count < n_fields else None,
            )
        if optional_last:
            if width is None:
                width, width_line = count, lineno
            elif count != width:
                which = "has" if count == n_fields else "lacks"
                raise InputError(
                    f"this line {which} a {fields[-1][0]} but line {width_line} "
                    f"{'does' if width == n_fields else 'does not'} (all lines or none must have it)",
                    path=name,
                    line=lineno,
                    field=fields[-1][0],
                )
        for i, token in enumerate(tokens):
            field_name, parser = fields[i]
            try:
                columns[i].append(parser(token))
            except (ValueError, KeyError) as exc:
                message = exc.args[0] if exc.args else f"bad value {token!r}"
                raise InputError(message if isinstance(message, Reason) else str(message), path=name,
                                 line=lineno, field=field_name) from None
        lines.append(lineno)
    return columns, lines, header
