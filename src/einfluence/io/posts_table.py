"""Reader of posts tables as listening tools export them: one post per row, columns named by a mapping.

An analyst's usual export (Brandwatch, Talkwalker, Meltwater, a Kaggle corpus ...) is a table
of posts with an author, a time, a text and tool-specific columns. ``--map`` says which column
holds what; ``--keep`` names the other columns to keep as post attributes (a crowd label, the
brand a post was collected for); ``@handles`` in the texts become ``mention`` interactions and
``RT @x: ...`` a relay. Everything runs as set-based SQL in an in-memory DuckDB: no Python
object per row.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from einfluence.base.progress import NullProgress, Progress
from einfluence.exceptions import InputError
from einfluence.i18n import Reason
from einfluence.io._reading import ReaderContext, require_file
from einfluence.io._tabular import (
    csv_header,
    duckdb_error,
    file_source,
    line_of_record,
    sql_str,
    time_sql,
)
from einfluence.io.records import Records

__all__ = ["DEFAULT_NETWORK", "TARGETS", "parse_mapping", "read_posts_table"]

#: Network of the posts when none is given.
DEFAULT_NETWORK = "twitter"

#: What a column can be mapped to (``--map TARGET=COLUMN``), with what it means.
TARGETS: dict[str, str] = {
    "id": "the post's id (required)",
    "author": "the author's handle (screen name, with or without '@')",
    "author_id": "the author's account id, when the table has one besides the handle",
    "author_name": "the author's display name",
    "followers": "the author's follower count (a non-negative integer)",
    "time": "when the post was published",
    "text": "the post's text",
    "language": "the post's language code",
    "url": "the post's URL",
    "reply_to": "the id of the post it replies to",
    "reply_to_author": "the handle of the account it replies to",
    "relay_of": "the id of the post it relays (retweets)",
}

_SUFFIXES = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".jsonl": "json",
    ".ndjson": "json",
    ".json": "json-array",
    ".parquet": "parquet",
}
# a handle: Twitter's characters; '@' must not follow a word character ('a@b.com' is no mention)
_HANDLE = "[A-Za-z0-9_]{1,50}"
_MENTION = f"(?:^|[^A-Za-z0-9_@])@({_HANDLE})"
_RT = f"^RT @({_HANDLE})"
_RT_PREFIX = f"^RT @{_HANDLE}:?\\s*"
_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _pairs(spec: str | Sequence[str] | Mapping[str, str] | None, parameter: str) -> list[tuple[str, str]]:
    """``TARGET=COLUMN`` pairs of ``a=b,c=d`` strings (or a mapping); a bare ``c`` is ``c=c``."""
    if spec is None:
        return []
    if isinstance(spec, Mapping):
        return [(str(k), str(v)) for k, v in spec.items()]
    items = [spec] if isinstance(spec, str) else list(spec)
    pairs = []
    for item in items:
        for part in item.split(","):
            part = part.strip()
            if not part:
                continue
            name, sep, column = part.partition("=")
            name, column = name.strip(), column.strip() if sep else name.strip()
            if not name or not column:
                raise InputError(f"expected NAME=COLUMN, found {part!r}", parameter=parameter)
            pairs.append((name, column))
    return pairs


def parse_mapping(spec: str | Sequence[str] | Mapping[str, str] | None) -> dict[str, str]:
    """The target -> column mapping of ``--map`` (``id=tweet_id,author=user_name,...``).

    Raises
    ------
    InputError
        A part that is not ``TARGET=COLUMN``, an unknown or repeated target, or no ``id``.

    Examples
    --------
    >>> parse_mapping("id=tweet_id, author=name,time=tweet_created")
    {'id': 'tweet_id', 'author': 'name', 'time': 'tweet_created'}
    """
    mapping: dict[str, str] = {}
    for target, column in _pairs(spec, "mapping"):
        if target not in TARGETS:
            raise InputError(
                f"unknown target {target!r} (expected one of: {', '.join(TARGETS)}; "
                "other columns are kept with --keep)",
                parameter="mapping",
            )
        if target in mapping:
            raise InputError(f"target {target!r} mapped twice", parameter="mapping")
        mapping[target] = column
    if "id" not in mapping:
        raise InputError("map the column of the post ids: id=COLUMN", parameter="mapping")
    return mapping


def _keep(spec: str | Sequence[str] | Mapping[str, str] | None) -> dict[str, str]:
    """Attribute name -> column of ``--keep`` (``airline,label=airline_sentiment``)."""
    keep: dict[str, str] = {}
    for name, column in _pairs(spec, "keep"):
        if not _KEY.match(name):
            raise InputError(f"attribute name {name!r}: use letters, digits, '_', '.', '-'", parameter="keep")
        if name in keep:
            raise InputError(f"attribute {name!r} named twice", parameter="keep")
        keep[name] = column
    return keep


@dataclass
class _File:
    path: Path
    kind: str  # csv, tsv, json, parquet
    offset: int  # records before the first data row (the CSV header)

    @property
    def unit(self) -> str:
        return {"parquet": "row", "json-array": "record"}.get(self.kind, "line")

    def line(self, record: int) -> int:
        """The line (or row, or record) where data record ``record`` (1-based) starts."""
        if self.kind in ("parquet", "json-array"):
            return record
        kind = "json" if self.kind == "json" else "csv"
        return line_of_record(self.path, kind, record + self.offset, delimiter="\t" if self.kind == "tsv" else ",")


def _file(path: Path) -> _File:
    name = path.name.lower()
    stem = name[:-3] if name.endswith(".gz") else name
    suffix = Path(stem).suffix
    if suffix not in _SUFFIXES:
        raise InputError(
            f"unknown file type {suffix or '(none)'!r}: expected .csv, .tsv, .jsonl, .json or .parquet "
            "(optionally .gz)",
            path=path,
        )
    kind = _SUFFIXES[suffix]
    return _File(path, kind, 1 if kind in ("csv", "tsv") else 0)


def _source(con: duckdb.DuckDBPyConnection, f: _File) -> tuple[str, list[str]]:
    """The SQL source of a file and its column names (a CSV header names each column once)."""
    if f.kind in ("csv", "tsv"):
        seen: set[str] = set()
        for name in csv_header(f.path, "," if f.kind == "csv" else "\t"):
            if name in seen or not name:
                raise InputError(
                    "empty column name" if not name else "column named twice in the header",
                    path=f.path, line=1, field=name or None,
                )
            seen.add(name)
    return file_source(con, f.path, f.kind)


def _text(column: str, dtype: str) -> str:
    """SQL of a column's value as text (a JSON scalar's text, a nested value as JSON)."""
    q = _ident(column)
    if dtype == "JSON":
        return f"({q} ->> '$')"
    if dtype.startswith(("STRUCT", "MAP")) or dtype.endswith("]"):
        return f"to_json({q})::VARCHAR"
    return f"{q}::VARCHAR"


def _check(
    con: duckdb.DuckDBPyConnection,
    f: _File,
    condition: str,
    shown: str,
    message: str,
    field: str,
    table: str = "raw WHERE",
) -> None:
    """Raise an InputError at the first row of ``raw`` (or ``table``) where ``condition`` holds."""
    bad = con.execute(f"SELECT _row, {shown} FROM {table} {condition} ORDER BY _row LIMIT 1").fetchall()
    if bad:
        row, value = bad[0]
        line = f.line(int(row))
        suffix = "" if value is None else f": {value!r}"
        raise InputError(f"{message}{suffix}", path=f.path, line=line, field=field)


def _load(
    con: duckdb.DuckDBPyConnection,
    index: int,
    f: _File,
    mapping: dict[str, str],
    keep: dict[str, str],
    time_format: str | None,
) -> tuple[int, list[str]]:
    """Map one file's rows into the temp table ``rows``; returns its row count and unused columns."""
    source, columns = _source(con, f)
    for name, column in [*mapping.items(), *keep.items()]:
        if column not in columns:
            raise InputError(
                f"no such column (mapped to {name}; the file has: {', '.join(columns)})",
                path=f.path,
                line=1 if f.offset else None,
                field=column,
            )
    con.execute("DROP TABLE IF EXISTS raw")
    try:
        con.execute(f"CREATE TEMP TABLE raw AS SELECT row_number() OVER () AS _row, * FROM {source}")
    except duckdb.Error as exc:
        raise duckdb_error(exc, f.path) from None
    types = dict(con.execute("SELECT column_name, column_type FROM (DESCRIBE raw)").fetchall())

    def text(target: str) -> str:
        if target not in mapping:
            return "NULL::VARCHAR"
        return f"nullif(trim({_text(mapping[target], types[mapping[target]])}), '')"

    def handle(target: str) -> str:
        return f"nullif(ltrim({text(target)}, '@'), '')"

    id_column = mapping["id"]
    _check(con, f, f"{text('id')} IS NULL", "NULL", "missing post id", id_column)
    time = time_text = "NULL::VARCHAR"
    if "time" in mapping:
        time_text = _text(mapping["time"], types[mapping["time"]])
        sample = con.execute(
            f"SELECT {time_text} FROM raw WHERE nullif(trim({time_text}), '') IS NOT NULL LIMIT 1"
        ).fetchone()
        time, _ = time_sql(mapping["time"], types[mapping["time"]], time_format, sample[0] if sample else None)
    followers = followers_text = "NULL::VARCHAR"
    if "followers" in mapping:
        followers_text = text("followers")
        followers = f"TRY_CAST({followers_text} AS BIGINT)"
    text_value = "NULL::VARCHAR"
    if "text" in mapping:  # the text is kept as given (only an empty one is missing)
        value = _text(mapping["text"], types[mapping["text"]])
        text_value = f"CASE WHEN trim({value}) = '' THEN NULL ELSE {value} END"
    attributes = "NULL::VARCHAR"
    if keep:
        pairs = ", ".join(
            f"{sql_str(name)}, {_ident(column) if types[column] != 'VARCHAR' else _text_or_null(column)}"
            for name, column in keep.items()
        )
        # a merge patch into {} drops the null values (a later merge would delete the key)
        attributes = f"nullif(json_merge_patch('{{}}', json_object({pairs}))::VARCHAR, '{{}}')"
    con.execute(
        f"""
        INSERT INTO rows
        SELECT {index}, _row, {text('id')}, {handle('author')}, {text('author_id')}, {text('author_name')},
               {followers}, {time}, {text_value}, {text('language')}, {text('url')}, {text('reply_to')},
               {handle('reply_to_author')}, {text('relay_of')}, {attributes},
               nullif(trim({time_text}), ''), {followers_text}
        FROM raw
        """
    )
    # the values that did not convert, checked once converted
    if "time" in mapping:
        expected = f"the layout {time_format!r}" if time_format else "ISO 8601, Unix seconds or a Twitter date"
        _check(con, f, "time IS NULL AND _time_text IS NOT NULL", "_time_text",
               f"not a valid time (expected {expected}; --time-format sets the layout)", mapping["time"],
               table=f"rows WHERE _file = {index} AND")
    if "followers" in mapping:
        _check(con, f, "_followers_text IS NOT NULL AND coalesce(followers < 0, true)", "_followers_text",
               "not a non-negative integer", mapping["followers"], table=f"rows WHERE _file = {index} AND")
    n = int(con.execute("SELECT count(*) FROM raw").fetchone()[0])  # type: ignore[index]
    used = set(mapping.values()) | set(keep.values())
    return n, [c for c in columns if c not in used]


def _text_or_null(column: str) -> str:
    """A text column's value for an attribute: trimmed, an empty one missing."""
    return f"nullif(trim({_ident(column)}), '')"


_ROWS = """
CREATE TEMP TABLE rows (
    _file INTEGER, _row BIGINT, id VARCHAR, author VARCHAR, author_id VARCHAR, author_name VARCHAR,
    followers BIGINT, time TIMESTAMP, text VARCHAR, language VARCHAR, url VARCHAR, reply_to VARCHAR,
    reply_to_author VARCHAR, relay_of VARCHAR, attributes VARCHAR, _time_text VARCHAR, _followers_text VARCHAR
)
"""


def _key(handle: str, by_handle: bool) -> str:
    """SQL of the account key of a handle: the author id the table gives it, else '@handle'."""
    at = f"'@' || lower({handle})"
    if not by_handle:
        return at
    return f"coalesce((SELECT h.author_id FROM handles h WHERE h.handle = lower({handle})), {at})"


def _build(con: duckdb.DuckDBPyConnection, by_id: bool) -> None:
    """From ``rows``: the posts ``p`` (first row of each id), their kinds, parents and acts."""
    # handle -> account id, when the table gives both (mentions then find the same account)
    con.execute(
        "CREATE TEMP TABLE handles AS SELECT lower(author) AS handle, arg_min(author_id, (_file, _row)) AS author_id "
        "FROM rows WHERE author IS NOT NULL AND author_id IS NOT NULL GROUP BY 1"
    )
    author_key = "coalesce(author_id, '@' || lower(author))" if by_id else "'@' || lower(author)"
    # the first row of each id (deduplicating only when needed: it costs a sort)
    first = "rows"
    if con.execute("SELECT count(*) > count(DISTINCT id) FROM rows").fetchone()[0]:  # type: ignore[index]
        first = "rows QUALIFY row_number() OVER (PARTITION BY id ORDER BY _file, _row) = 1"
    con.execute(
        f"""
        CREATE TEMP TABLE p AS
        SELECT *, {_key('rt_handle', by_id)} AS rt_key FROM (
            SELECT *, {author_key} AS author_key, nullif(regexp_extract(text, '{_RT}', 1), '') AS rt_handle,
                   regexp_replace(text, '{_RT_PREFIX}', '') AS body
            FROM {first}
        )
        """
    )
    # the original of a relay: given (relay_of), else a post of the relayed author in the import
    # whose text is the relay's after 'RT @x: ' (or begins with it, when the relay is cut with '…')
    con.execute(
        """
        CREATE TEMP TABLE originals AS
        WITH relays AS (
            SELECT id, rt_key, body, time, regexp_replace(body, '(…|\\.\\.\\.)$', '') AS cut
            FROM p WHERE rt_handle IS NOT NULL AND relay_of IS NULL
        ), sources AS (
            SELECT id, author_key, text, time, _file, _row
            FROM p WHERE rt_handle IS NULL AND relay_of IS NULL AND author_key IS NOT NULL
        ), whole AS (
            SELECT r.id, arg_min(o.id, (o._file, o._row)) AS original
            FROM relays r JOIN sources o ON o.author_key = r.rt_key AND o.text = r.body
            WHERE (r.time IS NULL OR o.time IS NULL OR o.time <= r.time) GROUP BY r.id
        )
        SELECT * FROM whole
        UNION ALL
        SELECT r.id, arg_min(o.id, (o._file, o._row))
        FROM relays r JOIN sources o ON o.author_key = r.rt_key
        WHERE length(r.cut) < length(r.body) AND length(r.cut) >= 10 AND starts_with(o.text, r.cut)
          AND (r.time IS NULL OR o.time IS NULL OR o.time <= r.time)
          AND r.id NOT IN (SELECT id FROM whole)
        GROUP BY r.id
        """
    )
    con.execute(
        """
        CREATE TEMP TABLE posts_out AS
        SELECT p.*, CASE WHEN p.relay_of IS NOT NULL OR p.rt_handle IS NOT NULL THEN 'relay'
                         WHEN p.reply_to IS NOT NULL OR p.reply_to_author IS NOT NULL THEN 'reply'
                         ELSE 'original' END AS kind,
               CASE WHEN p.relay_of IS NOT NULL OR p.rt_handle IS NOT NULL THEN coalesce(p.relay_of, o.original)
                    ELSE p.reply_to END AS parent
        FROM p LEFT JOIN originals o USING (id)
        """
    )
    reply_key = _key("p.reply_to_author", by_id)
    con.execute(
        f"""
        CREATE TEMP TABLE acts AS
        SELECT p.id AS post, p.author_key AS src, p.time, 'relay' AS kind,
               coalesce(p.rt_key, (SELECT q.author_key FROM p q WHERE q.id = p.relay_of)) AS dst, NULL AS handle,
               p._file, p._row, 0 AS n
        FROM p WHERE p.rt_handle IS NOT NULL OR p.relay_of IS NOT NULL
        UNION ALL
        SELECT p.id, p.author_key, p.time, 'reply',
               CASE WHEN p.reply_to_author IS NOT NULL THEN {reply_key}
                    ELSE (SELECT q.author_key FROM p q WHERE q.id = p.reply_to) END, p.reply_to_author,
               p._file, p._row, 1
        FROM p WHERE (p.reply_to IS NOT NULL OR p.reply_to_author IS NOT NULL)
                 AND p.rt_handle IS NULL AND p.relay_of IS NULL
        UNION ALL
        -- each distinct account a text mentions, once, in the order of its first mention
        SELECT m.post, any_value(m.src), any_value(m.time), 'mention', m.dst, arg_min(m.handle, m.pos),
               any_value(m._file), any_value(m._row), 2 + min(m.pos)
        FROM (
            SELECT q.id AS post, q.author_key AS src, q.time, q._file, q._row, q.handle, q.pos,
                   {_key('q.handle', by_id)} AS dst
            FROM (SELECT id, author_key, time, rt_handle, _file, _row,
                         unnest(hs) AS handle, generate_subscripts(hs, 1) AS pos
                  FROM (SELECT *, regexp_extract_all(text, '{_MENTION}', 1) AS hs FROM p
                        WHERE contains(text, '@'))) q
            WHERE q.rt_handle IS NULL OR lower(q.handle) <> lower(q.rt_handle)
        ) m
        GROUP BY m.post, m.dst
        """
    )


def _tables(con: duckdb.DuckDBPyConnection) -> tuple[pa.Table, pa.Table, pa.Table]:
    """Accounts, posts and interactions of the import, in file order."""
    posts = con.sql(
        "SELECT id, author_key AS author, time, text, language, url, kind, parent, attributes "
        "FROM posts_out ORDER BY _file, _row"
    ).to_arrow_table()
    interactions = con.sql(
        "SELECT src, dst, kind, time, post FROM acts "
        "WHERE src IS NOT NULL AND dst IS NOT NULL AND src <> dst ORDER BY _file, _row, n"
    ).to_arrow_table()
    # accounts known by a handle only first, then the authors (the last row of an account wins)
    accounts = con.sql(
        """
        SELECT id, handle, NULL::VARCHAR AS name, NULL::BIGINT AS followers FROM (
            SELECT dst AS id, arg_min(handle, (_file, _row)) AS handle, min((_file, _row)) AS first
            FROM (SELECT dst, handle, _file, _row FROM acts WHERE handle IS NOT NULL AND src IS NOT NULL
                  UNION ALL SELECT rt_key, rt_handle, _file, _row FROM p
                            WHERE rt_handle IS NOT NULL AND author_key IS NOT NULL)
            WHERE dst IS NOT NULL AND dst NOT IN (SELECT author_key FROM p WHERE author_key IS NOT NULL)
            GROUP BY dst ORDER BY first
        )
        UNION ALL
        -- each author once, with the last value the table gives of each field
        SELECT id, handle, name, followers FROM (
            SELECT author_key AS id, arg_max(author, (_file, _row)) AS handle,
                   arg_max(author_name, (_file, _row)) FILTER (WHERE author_name IS NOT NULL) AS name,
                   arg_max(followers, (_file, _row)) FILTER (WHERE followers IS NOT NULL) AS followers,
                   min((_file, _row)) AS first
            FROM p WHERE author_key IS NOT NULL GROUP BY author_key ORDER BY first
        )
        """
    ).to_arrow_table()
    return accounts, posts, interactions


def _notes(con: duckdb.DuckDBPyConnection, files: list[_File], keep: dict[str, str], mapping: dict[str, str]) -> list[str]:
    """What the import did with the rows, in words and counts."""
    notes = []
    total, unique = con.execute("SELECT (SELECT count(*) FROM rows), (SELECT count(*) FROM p)").fetchone()  # type: ignore[misc]
    if total != unique:
        file_index, row = con.execute(
            "SELECT _file, _row FROM rows QUALIFY row_number() OVER (PARTITION BY id ORDER BY _file, _row) = 2 "
            "ORDER BY _file, _row LIMIT 1"
        ).fetchone()  # type: ignore[misc]
        f = files[file_index]
        line = f.line(int(row))
        notes.append(
            f"{total - unique:,} row(s) repeat the id of an earlier post: the first row of each id is kept "
            f"(first repeat: {f.path.name} {f.unit} {line})"
        )
    kinds = dict(con.execute("SELECT kind, count(*) FROM posts_out GROUP BY kind").fetchall())
    linked = con.execute("SELECT count(*) FROM originals").fetchone()[0]  # type: ignore[index]
    rt = con.execute("SELECT count(*) FROM p WHERE rt_handle IS NOT NULL AND relay_of IS NULL").fetchone()[0]  # type: ignore[index]
    notes.append(
        f"posts: {kinds.get('original', 0):,} original, {kinds.get('relay', 0):,} relay, {kinds.get('reply', 0):,} reply"
        + (f"; {linked:,} of the {rt:,} 'RT @x:' relays linked to their original in the import" if rt else "")
    )
    acts = dict(con.execute(
        "SELECT kind, count(*) FROM acts WHERE src IS NOT NULL AND dst IS NOT NULL AND src <> dst GROUP BY kind"
    ).fetchall())
    notes.append(
        "interactions: "
        + ", ".join(f"{acts.get(k, 0):,} {k}" for k in ("mention", "relay", "reply"))
        + " (mentions are the @handles of the texts, the relayed author's excepted)"
    )
    orphan = con.execute("SELECT count(*) FROM acts WHERE src IS NULL").fetchone()[0]  # type: ignore[index]
    if "author" not in mapping and "author_id" not in mapping:
        if orphan:
            notes.append(f"no author column mapped: the {orphan:,} mentions and relays of the texts are not interactions")
    elif orphan:
        notes.append(f"{orphan:,} mention(s) or relay(s) of posts without author: not interactions")
    unknown = con.execute("SELECT count(*) FROM acts WHERE src IS NOT NULL AND dst IS NULL").fetchone()[0]  # type: ignore[index]
    if unknown:
        notes.append(f"{unknown:,} relay(s) or repl(ies) whose target account is not in the import: interaction skipped")
    loops = con.execute("SELECT count(*) FROM acts WHERE src = dst").fetchone()[0]  # type: ignore[index]
    notes.append(f"{loops:,} interaction(s) of an account with itself dropped (self-mentions, own relays)")
    if keep:
        notes.append("kept as post attributes: " + ", ".join(
            name if name == column else f"{name} (column {column})" for name, column in keep.items()))
    return notes


def read_posts_table(
    paths: Sequence[Path],
    *,
    progress: Progress | None = None,
    context: ReaderContext | None = None,
    network: str | None = None,
    mapping: str | Sequence[str] | Mapping[str, str] | None = None,
    keep: str | Sequence[str] | Mapping[str, str] | None = None,
    time_format: str | None = None,
) -> Records:
    """Read tables of posts (CSV, TSV, JSON Lines, JSON, Parquet) whose columns a mapping names.

    Parameters
    ----------
    paths : sequence of Path
        Files ending in ``.csv``, ``.tsv``/``.tab``, ``.jsonl``/``.ndjson``, ``.json`` (an
        array of objects) or ``.parquet``, optionally ``.gz``. CSV and TSV have a header line
        and ``"`` quotes (a quoted field may hold newlines). Several files are read as one
        table.
    progress : Progress, optional
        Receives progress in bytes.
    context : ReaderContext, optional
        Unused.
    network : str, optional
        Network of the posts and accounts; default ``"twitter"``.
    mapping : str, sequence of str or mapping
        ``TARGET=COLUMN`` pairs, comma-separated (``--map id=tweet_id,author=name,...``); the
        targets are those of :data:`TARGETS`. ``id`` is required.
    keep : str, sequence of str or mapping, optional
        Other columns to keep as post attributes: ``COLUMN`` or ``NAME=COLUMN``
        (``--keep airline,label=airline_sentiment``); empty values are left out.
    time_format : str, optional
        The layout of the time column in strptime codes (``%d/%m/%Y %H:%M``) when it is none
        of the layouts recognised by default.

    Returns
    -------
    Records
        One post per distinct id (the first row of an id is kept; repeats are counted in the
        notes), its author and the accounts it names, and its interactions.

    Raises
    ------
    InputError
        A bad mapping (unknown target, no ``id``, a column the file lacks: naming the file,
        line 1 and the column); a row without id, a time that does not parse, a follower count
        that is not a non-negative integer (naming file, line and column); malformed CSV or
        JSON, bad UTF-8, truncated gzip, an unknown file type.

    Notes
    -----
    * **Accounts**: an author is ``"@" + lowercase handle`` (``@united``): the key a mention
      ``@United`` in any text gives too, and the key the ``twitter-v2`` reader gives accounts
      known by a mentioned username only. When ``author_id`` is mapped, authors are their id
      and a mention of a handle the table gives an id for finds that id. Handle, display name
      and followers come from the author's last row.
    * **Times**: ISO 8601 (an offset is converted to UTC; none means UTC), Unix seconds,
      ``2015-02-24 11:35:52 -0800`` (airline corpus), ``Tue Oct 18 21:53:25 +0000 2011``
      (Twitter API v1.1, Sanders corpus) or RFC 2822; ``time_format`` for another layout.
    * **Kinds**: a post whose text starts with ``RT @x`` (or with ``relay_of``) is a
      ``relay``; with ``reply_to`` or ``reply_to_author``, a ``reply``; else ``original``.
      The parent of a relay is ``relay_of``, else the post of ``@x`` in the import whose text
      is the relay's after ``RT @x:`` (or begins with it when the relay is cut by ``…``); the
      parent of a reply is ``reply_to``.
    * **Interactions** (src = the author, time and post = the row's): ``relay`` towards ``x``
      (or the author of ``relay_of``); ``reply`` towards ``reply_to_author`` (or the author of
      ``reply_to``, when in the import); ``mention`` towards each distinct ``@handle`` of the
      text (``[A-Za-z0-9_]``, not preceded by a word character, so ``a@b.com`` is none),
      except the relayed author of an ``RT @x:``. An interaction of an account with itself is
      dropped and counted, as in every reader. A post without author gives none (counted).
    * Columns neither mapped nor kept are not imported; the notes name them.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "export.csv"
    >>> _ = p.write_text("tweet_id,user,text,label\\n1,ann,hi @Bob,pos\\n2,bob,RT @ann: hi @Bob,neu\\n")
    >>> rec = read_posts_table([p], mapping="id=tweet_id,author=user,text=text", keep="label")
    >>> rec.posts.column("kind").to_pylist(), rec.posts.column("parent").to_pylist()
    (['original', 'relay'], [None, '1'])
    >>> [(r["src"], r["kind"], r["dst"]) for r in rec.interactions.to_pylist()]
    [('@ann', 'mention', '@bob'), ('@bob', 'relay', '@ann')]
    >>> rec.posts.column("attributes").to_pylist()
    ['{"label":"pos"}', '{"label":"neu"}']
    """
    progress = progress or NullProgress()
    network = network or DEFAULT_NETWORK
    targets = parse_mapping(mapping)
    kept = _keep(keep)
    files = [_file(require_file(Path(p))) for p in paths]
    if not files:
        raise InputError("format 'posts-table' needs at least one file")
    progress.start(Reason("progress.read_posts"), sum(f.path.stat().st_size for f in files), "bytes")
    con = duckdb.connect()
    try:
        con.execute("SET TimeZone = 'UTC'")
        con.execute("SET enable_progress_bar = false")
        con.execute(_ROWS)
        rows = 0
        unused: dict[str, None] = {}
        for index, f in enumerate(files):
            n, rest = _load(con, index, f, targets, kept, time_format)
            rows += n
            unused.update(dict.fromkeys(rest))
            progress.advance(f.path.stat().st_size)
        _build(con, "author_id" in targets)
        accounts, posts, interactions = _tables(con)
        notes = _notes(con, files, kept, targets)
    finally:
        con.close()
    if unused:
        notes.append(f"columns not imported: {', '.join(unused)} (--map or --keep NAME to import them)")
    source = str(files[0].path) if len(files) == 1 else "<posts tables>"
    return Records.from_columns(
        accounts={"network": network, **{c: accounts.column(c) for c in accounts.column_names}},
        posts={"network": network, **{c: posts.column(c) for c in posts.column_names}},
        interactions={"network": network, **{c: interactions.column(c) for c in interactions.column_names}},
        rows_read=rows,
        notes=notes,
        source=source,
    )

