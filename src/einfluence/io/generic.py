"""einfluence's own documented tables: accounts, posts and interactions as CSV, JSON Lines or Parquet.

Files are recognised by name: ``accounts.csv``, ``posts.jsonl.gz``, ``interactions.parquet``,
``interactions-2026-09.csv`` ... (the name starts with the table it holds). A folder stands for
the files it contains. The columns are those of :mod:`einfluence.io.records`:

===============  ==========================================================================
table            columns (required in bold)
===============  ==========================================================================
accounts         **network**, **id**, handle, name, language, followers, kind, url, person,
                 attributes (a JSON object)
posts            **network**, **id**, author, time, text, language, url, **kind**, parent, root,
                 attributes (a JSON object)
interactions     **network**, **src**, **dst**, dst_network, **kind**, time, post, weight
===============  ==========================================================================

Times are ISO 8601 (``2026-09-07T10:00:00Z``; an offset such as ``+02:00`` is converted to UTC;
without one the time is taken as UTC) or Unix seconds. CSV files have a header line, comma
separators and ``"`` quotes; empty fields are missing values. A record may be as long as
:data:`~einfluence.io._tabular.MAX_RECORD_BYTES` (64 MiB); a longer one is refused, naming its
line -- never dropped.

Interactions follow the rule of every graph reader (:mod:`einfluence.io._links`): an
interaction of an account with itself (same network, ``src == dst``) is dropped, negative or
zero weights are kept; the import's notes count both, per file.

Parsing is done by an in-memory DuckDB engine: a strict CSV / JSON / Parquet reader that is fast
on tens of millions of rows and reports the line of a malformed record.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from einfluence.base.kinds import ACCOUNT_KINDS, INTERACTION_KINDS, POST_KINDS
from einfluence.base.progress import NullProgress, Progress
from einfluence.exceptions import InputError
from einfluence.i18n import Reason
from einfluence.io._links import self_loops, weight_note
from einfluence.io._reading import ReaderContext, require_file
from einfluence.io._tabular import (
    duckdb_error,
    file_source,
    line_of_record,
    sql_str,
    time_sql,
)
from einfluence.io.records import (
    ACCOUNT_COLUMNS,
    INTERACTION_COLUMNS,
    POST_COLUMNS,
    Records,
    make_table,
)

__all__ = ["TABLES", "input_files", "read_generic", "read_generic_files", "write_generic"]

#: table name -> (column spec, allowed kinds)
TABLES = {
    "accounts": (ACCOUNT_COLUMNS, ACCOUNT_KINDS),
    "posts": (POST_COLUMNS, POST_KINDS),
    "interactions": (INTERACTION_COLUMNS, INTERACTION_KINDS),
}
_SUFFIXES = {".csv": "csv", ".jsonl": "json", ".ndjson": "json", ".json": "json", ".parquet": "parquet"}


def _table_and_kind(path: Path, table: str | None) -> tuple[str, str]:
    name = path.name.lower()
    stem = name[:-3] if name.endswith(".gz") else name
    suffix = Path(stem).suffix
    if suffix not in _SUFFIXES:
        raise InputError(
            Reason("input.file_type", suffix=repr(suffix or "(none)")),
            path=path,
        )
    if table is None:
        table = next((t for t in TABLES if stem.startswith(t)), None)
        if table is None:
            raise InputError(
                Reason("input.which_table"),
                path=path,
            )
    elif table not in TABLES:
        raise InputError(f"unknown table {table!r} (expected accounts, posts or interactions)")
    return table, _SUFFIXES[suffix]


def input_files(paths: Sequence[Path]) -> list[Path]:
    """The files an import of ``paths`` reads (folders stand for their table files)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p for p in path.iterdir() if p.is_file() and p.name.lower().startswith(tuple(TABLES))
            )
            if not found:
                raise InputError(Reason("input.no_table_file"), path=path)
            files.extend(found)
        else:
            files.append(require_file(path))
    return files


def _relation(con: duckdb.DuckDBPyConnection, path: Path, kind: str) -> tuple[str, list[str], int]:
    """SQL source of the file, its columns and the header offset (1 for CSV, 0 otherwise)."""
    source, columns = file_source(con, path, kind)
    return source, columns, 1 if kind == "csv" else 0


def _converted(column: str, dtype: pa.DataType, source_type: str) -> tuple[str, str | None]:
    """(SQL expression of the converted value, SQL condition true on an invalid value)."""
    q = f'"{column}"'
    if column == "attributes" and source_type.startswith(("STRUCT", "MAP")):
        # objects written inline (JSON Lines, Parquet): DuckDB reads them as a STRUCT that gives
        # every row every key, absent ones as null; merging into {} drops those nulls again
        return f"json_merge_patch('{{}}', to_json({q}))::VARCHAR", None
    if source_type == "JSON":  # JSON Lines with mixed value types: take the scalar's text
        q = raw = f"({q} ->> '$')"
    elif source_type != "VARCHAR":
        raw = f"{q}::VARCHAR"
    else:
        raw = q
    if pa.types.is_timestamp(dtype):
        expr, invalid = time_sql(column, source_type)
        return expr, None if invalid == "false" else invalid
    if pa.types.is_integer(dtype):
        expr = f"TRY_CAST({q} AS BIGINT)"
        return expr, f"{q} IS NOT NULL AND {expr} IS NULL"
    if pa.types.is_floating(dtype):
        expr = f"TRY_CAST({q} AS DOUBLE)"
        return expr, f"{q} IS NOT NULL AND {expr} IS NULL"
    if column == "attributes":
        return f"{raw}", f"{q} IS NOT NULL AND NOT coalesce(json_valid({raw}) AND json_type({raw}) = 'OBJECT', false)"
    return raw, None


#: the catalogue key of the reason of a value that is not of its column's type
_INVALID = {"time": "input.time", "integer": "input.integer", "number": "input.number", "json": "input.json_object"}


def _type_name(column: str, dtype: pa.DataType) -> str:
    if pa.types.is_timestamp(dtype):
        return "time"
    if pa.types.is_integer(dtype):
        return "integer"
    if pa.types.is_floating(dtype):
        return "number"
    return "json"


def _json_objects(values: pa.ChunkedArray) -> bool:
    """Whether every non-null value is a JSON object (checked by DuckDB over the Arrow column)."""
    if values.null_count == len(values):
        return True
    con = duckdb.connect()
    try:
        con.register("v", pa.table({"a": values}))
        bad = con.execute(
            "SELECT count(*) FROM v WHERE a IS NOT NULL AND NOT coalesce(json_valid(a) AND json_type(a) = 'OBJECT', false)"
        ).fetchone()[0]  # type: ignore[index]
    finally:
        con.close()
    return bad == 0


def _parquet_direct(path: Path, table: str, raw: pa.Table | None = None) -> pa.Table | None:
    """Read a Parquet file whose column types already fit, without a conversion pass.

    ``raw``: the file's rows already read (by Spark). Returns None when some column needs
    converting (text times, text numbers): the general path then converts and checks each value.
    """
    spec, kinds = TABLES[table]
    if raw is not None:
        schema = raw.schema
    else:
        try:
            schema = pq.read_schema(path)
        except (pa.ArrowInvalid, OSError) as exc:
            raise InputError(f"not a readable Parquet file ({exc})", path=path) from None
    for name in schema.names:
        if name not in spec:
            raise InputError(Reason("input.column", table=table, columns=", ".join(spec)), path=path, field=name)
        wanted, given = spec[name][0], schema.field(name).type
        if pa.types.is_dictionary(given):
            given = given.value_type
        fits = (
            given == wanted
            or (pa.types.is_timestamp(wanted) and pa.types.is_timestamp(given) and given.tz is None)
            or (pa.types.is_integer(wanted) and pa.types.is_integer(given))
            or (pa.types.is_floating(wanted) and (pa.types.is_floating(given) or pa.types.is_integer(given)))
            or (pa.types.is_string(wanted) and (pa.types.is_large_string(given) or pa.types.is_integer(given)))
        )
        if not fits:
            return None
    data = pq.read_table(path) if raw is None else raw
    if "attributes" in data.column_names and not _json_objects(data.column("attributes")):
        return None  # the general path names the first value that is not a JSON object
    return make_table(
        {name: data.column(name) for name in data.column_names}, spec, kinds=kinds, source=f"{path} (rows)"
    )


def _line(path: Path, kind: str, record: int) -> int:
    """The line of a record: found in the file on this machine, else the record number (the
    line when no record of the file spans several lines)."""
    if kind != "parquet" and not Path(path).is_file():
        return record
    return line_of_record(path, kind, record)


def _read_table(path: Path, table: str, kind: str, raw: pa.Table | None = None) -> pa.Table:
    """Validate and convert one file. ``raw``: its rows already read elsewhere (by Spark), in
    the file's order, text columns for CSV and JSON Lines, the file's types for Parquet."""
    spec, kinds = TABLES[table]
    if kind == "parquet":
        direct = _parquet_direct(path, table, raw)
        if direct is not None:
            return direct
    con = duckdb.connect()
    try:
        con.execute("SET TimeZone = 'UTC'")
        if raw is None:
            source, columns, offset = _relation(con, path, kind)
        else:
            columns, offset = list(raw.column_names), 1 if kind == "csv" else 0
            # the row numbers of the file's order, given rather than left to a parallel scan
            con.register("_given", raw.add_column(0, "_row", pa.array(range(1, raw.num_rows + 1), pa.int64())))
            source = "_given"
        unknown = [c for c in columns if c not in spec]
        if unknown:
            raise InputError(
                Reason("input.column", table=table, columns=", ".join(spec)), path=path, line=1 if offset else None,
                field=unknown[0],
            )
        missing = [c for c, (_, required) in spec.items() if required and c not in columns]
        if missing:
            raise InputError(Reason("input.required_table", table=table), path=path, field=missing[0])
        try:
            numbered = "*" if raw is not None else "row_number() OVER () AS _row, *"
            con.execute(f"CREATE TEMP TABLE raw AS SELECT {numbered} FROM {source}")
        except duckdb.Error as exc:
            raise duckdb_error(exc, path) from None
        types = dict(con.execute("SELECT column_name, column_type FROM (DESCRIBE raw)").fetchall())
        unit = "line" if kind != "parquet" else "row"
        select = []
        for column in columns:
            dtype, required = spec[column]
            expr, invalid = _converted(column, dtype, types[column])
            checks = []
            if invalid:
                checks.append((invalid, Reason(_INVALID[_type_name(column, dtype)])))
            if required:
                checks.append((f'"{column}" IS NULL OR trim("{column}"::VARCHAR) = \'\'', Reason("input.missing")))
            if column == "kind":
                allowed = ", ".join(sql_str(k) for k in kinds)
                checks.append(
                    (f'"{column}" IS NOT NULL AND "{column}" NOT IN ({allowed})',
                     Reason("input.kind", expected=", ".join(kinds)))
                )
            for condition, message in checks:
                bad = con.execute(
                    f"SELECT _row, ({_converted(column, pa.string(), types[column])[0]}) FROM raw "
                    f"WHERE {condition} ORDER BY _row LIMIT 1"
                ).fetchall()
                if bad:
                    row, value = bad[0]
                    line = _line(path, kind, int(row) + offset)
                    why = message if value is None else Reason(message.key, **message.values, value=repr(value))
                    raise InputError(why, path=path, line=line, field=column)
            select.append(f'{expr} AS "{column}"')
        arrow = con.sql(f"SELECT {', '.join(select)} FROM raw ORDER BY _row").to_arrow_table()
    finally:
        con.close()
    return make_table({name: arrow.column(name) for name in arrow.column_names}, spec, kinds=kinds, source=f"{path} ({unit}s)")


def _interaction_rules(table: pa.Table, path: Path) -> tuple[pa.Table, pa.Table | None, str]:
    """Drop the interactions of an account with itself (its account is kept); the note counts
    them and the weights. Returns the interactions, the accounts of the loops, the note."""
    loops = self_loops(table.column("src"), table.column("dst"))
    other = table.column("dst_network")
    if other.null_count < len(other):
        same = pc.or_kleene(pc.is_null(other), pc.equal(other.cast(pa.string()), table.column("network").cast(pa.string())))
        loops = pc.and_(loops, pc.fill_null(same, True))
    n_loops = pc.sum(loops).as_py() or 0
    accounts = None
    if n_loops:
        dropped = table.filter(loops)
        accounts = make_table(
            {"network": dropped.column("network"), "id": dropped.column("src")}, ACCOUNT_COLUMNS, source=str(path)
        )
        table = table.filter(pc.invert(loops))
    weight = table.column("weight").combine_chunks()
    note = (
        f"{path.name}: {table.num_rows + n_loops:,} interactions read, {n_loops:,} "
        f"self-loop{'' if n_loops == 1 else 's'} dropped{' (their accounts kept)' if n_loops else ''}"
        f"{weight_note(weight)}"
    )
    return table, accounts, note


def read_generic(
    paths: Sequence[Path],
    *,
    progress: Progress | None = None,
    context: ReaderContext | None = None,
    table: str | None = None,
) -> Records:
    """Read einfluence's generic tables (see the module documentation for the columns).

    Parameters
    ----------
    paths : sequence of Path
        Files whose names start with ``accounts``, ``posts`` or ``interactions`` (ending in
        ``.csv``, ``.jsonl``, ``.ndjson`` or ``.parquet``, optionally ``.gz``), or folders of them.
    progress : Progress, optional
        Advanced once per file.
    context : ReaderContext, optional
        Unused.
    table : {"accounts", "posts", "interactions"}, optional
        The table every given file holds, when their names do not tell.

    Returns
    -------
    Records

    Raises
    ------
    InputError
        Unknown file type or column, missing required column or value, a value of the wrong
        type, an unknown kind, malformed CSV or JSON, bad UTF-8, truncated gzip: naming the
        file, the line (CSV and JSON Lines; the row for Parquet) and the field.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "interactions.csv").write_text(
    ...     "network,src,dst,kind,time\\nt,ann,bob,relay,2026-09-07T10:00:00Z\\n")
    >>> read_generic([folder])
    Records(accounts=0, posts=0, interactions=1, rows_read=1)
    """
    return read_generic_files(input_files(paths), progress=progress, table=table)


def read_generic_files(
    files: Sequence[Path],
    *,
    progress: Progress | None = None,
    table: str | None = None,
    raw_reader: Callable[[Path, str], pa.Table] | None = None,
) -> Records:
    """:func:`read_generic` of a list of table files, whose rows ``raw_reader(path, kind)`` may
    read instead of this process (the Spark engine reads them on a cluster:
    :func:`einfluence.spark.io.spark_read_generic`); the same rules check and convert them here,
    with the same errors."""
    progress = progress or NullProgress()
    progress.start(Reason("progress.read"), len(files), "files")
    parts: dict[str, list[pa.Table]] = {t: [] for t in TABLES}
    rows = 0
    notes: list[str] = []
    for path in files:
        name, kind = _table_and_kind(path, table)
        parsed = _read_table(path, name, kind, None if raw_reader is None else raw_reader(path, kind))
        rows += parsed.num_rows
        if name == "interactions":
            parsed, accounts, note = _interaction_rules(parsed, path)
            notes.append(note)
            if accounts is not None:
                parts["accounts"].insert(0, accounts)
        parts[name].append(parsed)
        progress.advance(1)
    records = Records(rows_read=rows, notes=notes)
    for name, tables in parts.items():
        if tables:
            setattr(records, name, pa.concat_tables(tables))
    return records


def write_generic(records: Records, folder: str | Path, *, file_format: str = "parquet") -> list[Path]:
    """Write records as generic tables that :func:`read_generic` reads back unchanged.

    Parameters
    ----------
    records : Records
        What to write; empty tables are not written.
    folder : str or Path
        Created if needed; ``accounts.*``, ``posts.*`` and ``interactions.*`` are replaced.
    file_format : {"parquet", "csv"}
        Parquet is compact and fastest to import; CSV is for people and other tools.

    Returns
    -------
    list of Path
        The files written.
    """
    if file_format not in ("parquet", "csv"):
        raise InputError(f"unknown file format {file_format!r} (expected parquet or csv)")
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in TABLES:
        table: pa.Table = getattr(records, name)
        if table.num_rows == 0:
            continue
        if "attributes" in table.column_names and table.column("attributes").null_count == table.num_rows:
            # no attributes: the column is left out (files that einfluence before 7 reads too)
            table = table.drop_columns(["attributes"])
        path = out / f"{name}.{file_format}"
        if file_format == "parquet":
            pq.write_table(table, path, compression="zstd")
        else:
            pa_csv.write_csv(table, path)
        written.append(path)
    return written
