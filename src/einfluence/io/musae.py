"""Reader of the MUSAE page and social networks: ``*_edges.csv`` + ``*_target.csv`` (Facebook pages, GitHub, Twitch...).

The layout of the datasets of Rozemberczki, Allen & Sarkar (MUSAE, 2021), also shipped by SNAP:
an undirected edge list with a header line (``id_1,id_2``, ``node_1,node_2``, ``from,to``) and a
table of one row per node (``id`` and the node's labels), beside a features JSON that is not read.
Both files are parsed by Arrow in one vectorised pass; only when that fails is a file scanned
record by record, to name the exact line and field.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from einfluence.base.progress import NullProgress, Progress
from einfluence.exceptions import InputError
from einfluence.i18n import Reason
from einfluence.io._delimited import read_bytes_with_progress
from einfluence.io._links import check_edge_kind, edge_rules
from einfluence.io._reading import ReaderContext, default_network_note, iter_lines, require_file
from einfluence.io._tabular import sql_str
from einfluence.io.records import Records

__all__ = ["DATASET_KINDS", "DEFAULT_NETWORK", "PAGE_KINDS", "dataset_name", "input_files", "read_musae"]

#: Network of an edges file whose name names no dataset (``edges.csv``).
DEFAULT_NETWORK = "musae"

#: Account kind of each Facebook ``page_type`` (the page stays of unknown kind for any other type).
PAGE_KINDS: dict[str, str] = {
    "government": "organisation",
    "company": "brand",
    "politician": "person",
    "tvshow": "media",
}

#: Interaction kind of the edges of a dataset when no ``kind`` is given (``follow`` for the others:
#: the GitHub, Twitch, LastFM and Deezer edges are mutual follower relationships or friendships).
DATASET_KINDS: dict[str, str] = {
    "facebook": "like",  # mutual likes between pages
    "chameleon": "hyperlink",  # Wikipedia: mutual links between articles
    "crocodile": "hyperlink",
    "squirrel": "hyperlink",
}

_NETWORKS = {"git": "github"}  # musae_git_edges.csv is the GitHub developers' network
_INTEGER = re.compile(r"[+-]?\d+")
_INT_COLUMN = r"^-?(0|[1-9][0-9]{0,17})$"  # canonical integers that fit in int64 (no leading zeros)
_FLOAT_COLUMN = r"^[+-]?((0|[1-9][0-9]*)(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$"  # no leading zeros either
_BOOLEANS = ("True", "False", "true", "false")


def _base(path: Path) -> str:
    """The file name without ``.gz`` and ``.csv``: ``musae_facebook_edges``."""
    name = path.name
    for suffix in (".gz", ".csv"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return name


def _is_part(path: Path, part: str) -> bool:
    """Whether ``path`` is a ``*_edges.csv[.gz]`` (``part="_edges"``) or ``*_target.csv[.gz]`` file."""
    return (
        path.is_file()
        and not path.name.startswith(".")
        and path.name.lower().endswith((".csv", ".csv.gz"))
        and _base(path).endswith(part)
    )


def _sibling_target(edges: Path) -> Path | None:
    """The ``<prefix>_target.csv[.gz]`` beside ``<prefix>_edges.csv[.gz]``, if there is one."""
    stem = _base(edges)[: -len("_edges")] + "_target" if _base(edges).endswith("_edges") else None
    if stem is None:
        return None
    suffixes = (".csv.gz", ".csv") if edges.name.lower().endswith(".gz") else (".csv", ".csv.gz")
    return next((edges.parent / (stem + s) for s in suffixes if (edges.parent / (stem + s)).is_file()), None)


def _files(paths: Sequence[Path | str]) -> tuple[Path, Path | None]:
    """The edges file and the target file (or None) of an import of ``paths``."""
    given = [Path(p) for p in paths]
    if not 1 <= len(given) <= 2:
        raise InputError(Reason("input.musae.paths", n=len(given)))
    if len(given) == 2:
        edges, target = given
        if _base(edges).endswith("_target") and not _base(target).endswith("_target"):
            edges, target = target, edges
        return require_file(edges), require_file(target)
    path = given[0]
    if not path.exists():
        raise InputError(Reason("input.no_file"), path=path)
    if path.is_dir():
        found = sorted(p for p in path.iterdir() if _is_part(p, "_edges"))
        if not found:
            raise InputError(Reason("input.musae.no_edges"), path=path)
        if len(found) > 1:
            raise InputError(
                Reason("input.musae.several_edges", n=len(found), files=", ".join(p.name for p in found)), path=path
            )
        return found[0], _sibling_target(found[0])
    if _base(path).endswith("_target"):
        raise InputError(Reason("input.musae.target_only"), path=path)
    return require_file(path), None


def input_files(paths: Sequence[Path]) -> list[Path]:
    """The files an import of ``paths`` reads: the edges file and, when there is one, the target
    file (a folder's features JSON is not read, so it is not in the import's checksum either)."""
    edges, target = _files(paths)
    return [edges] if target is None else [edges, target]


def dataset_name(edges: Path) -> str:
    """The dataset an edges file belongs to, from its name: the network when none is given.

    Examples
    --------
    >>> [dataset_name(Path(n)) for n in ("facebook_edges.csv.gz", "musae_facebook_edges.csv",
    ...                                   "musae_git_edges.csv", "lastfm_asia_edges.csv", "edges.csv")]
    ['facebook', 'facebook', 'github', 'lastfm_asia', 'musae']
    """
    name = _base(edges)
    name = name[: -len("_edges")] if name.endswith("_edges") else "" if name == "edges" else name
    name = name[len("musae_") :] if name.startswith("musae_") else name
    return _NETWORKS.get(name, name) or DEFAULT_NETWORK


class _Csv:
    """A CSV file read as text columns: its header, the columns, and where its records start."""

    def __init__(self, path: Path, progress: Progress) -> None:
        self.path = path
        data = read_bytes_with_progress(path, progress, Reason("progress.read_file", file=path.name))
        if data is None:  # corrupt or truncated gzip: the line scan names where it breaks
            for _ in iter_lines(path):
                pass
            raise InputError(Reason("input.compressed"), path=path)
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        end = data.find(b"\n")
        end = len(data) if end < 0 else end
        try:
            self.head = data[:end].decode("utf-8").rstrip("\r")
        except UnicodeDecodeError:
            raise InputError(Reason("input.utf8"), path=path, line=1) from None
        if not self.head.strip():
            raise InputError(Reason("input.empty_csv"), path=path, line=1)
        self.names = [n.strip() for n in next(csv.reader([self.head]))]
        self.body = data[end + 1 :]
        self.columns: list[pa.Array] = []

    def check_names(self) -> None:
        """Refuse an empty or repeated column name (line 1)."""
        for i, name in enumerate(self.names):
            if not name:
                raise InputError(Reason("input.musae.empty_column", index=i + 1), path=self.path, line=1)
            if name in self.names[:i]:
                raise InputError(Reason("input.musae.repeated_column"), path=self.path, line=1, field=name)

    def parse(self) -> None:
        """Read the records after the header into :attr:`columns` (one string array per column)."""
        keys = [f"c{i}" for i in range(len(self.names))]
        if not self.body.strip(b"\r\n"):
            self.columns = [pa.array([], pa.string()) for _ in keys]
            return
        try:
            table = pacsv.read_csv(
                pa.BufferReader(self.body),
                read_options=pacsv.ReadOptions(column_names=keys, use_threads=True),
                parse_options=pacsv.ParseOptions(
                    delimiter=",", quote_char='"', double_quote=True, escape_char=False,
                    newlines_in_values=True, ignore_empty_lines=True,
                ),
                convert_options=pacsv.ConvertOptions(
                    column_types=dict.fromkeys(keys, pa.string()),
                    null_values=[],
                    strings_can_be_null=False,
                    quoted_strings_can_be_null=False,
                    check_utf8=True,
                ),
            )
        except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
            self._scan()  # raises the exact error, naming the line
            detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise InputError(Reason("input.musae.csv", detail=detail), path=self.path) from None
        self.columns = [table.column(k).combine_chunks() for k in keys]

    def _records(self) -> Iterator[tuple[int, list[str]]]:
        """``(line where it starts, fields)`` of each non-blank record after the header."""
        try:
            text = self.body.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = self.body.count(b"\n", 0, exc.start) + 2
            raise InputError(Reason("input.utf8"), path=self.path, line=line) from None
        csv.field_size_limit(sys.maxsize)
        reader = csv.reader(io.StringIO(text, newline=""), strict=False)
        start = 2
        try:
            for fields in reader:
                if fields:
                    yield start, fields
                start = reader.line_num + 2
        except csv.Error as exc:
            raise InputError(Reason("input.musae.csv", detail=str(exc)), path=self.path, line=start) from None

    def _scan(self) -> None:
        """Raise at the first record with the wrong number of fields (the error path of :meth:`parse`)."""
        width = len(self.names)
        for line, fields in self._records():
            if len(fields) != width:
                raise InputError(
                    Reason("input.musae.fields", n_fields=width, fields=",".join(self.names), n=len(fields)),
                    path=self.path,
                    line=line,
                    field=self.names[len(fields)] if len(fields) < width else None,
                )

    def line(self, row: int) -> int:
        """The line where record ``row`` (0-based, after the header) starts (error path only)."""
        for i, (line, _) in enumerate(self._records()):
            if i == row:
                return line
        return row + 2

    def ids(self, index: int) -> pa.Array:
        """Column ``index`` as node ids: surrounding spaces removed, an empty one refused."""
        ids = pc.utf8_trim_whitespace(self.columns[index])
        empty = pc.equal(ids, "")
        if pc.any(empty).as_py():
            row = pc.index(empty, True).as_py()
            raise InputError(Reason("input.musae.empty_id"), path=self.path, line=self.line(row),
                             field=self.names[index])
        return ids


def _read_edges(path: Path, progress: Progress) -> _Csv:
    edges = _Csv(path, progress)
    if len(edges.names) != 2:
        raise InputError(
            Reason("input.musae.edge_header", n=len(edges.names), found=repr(edges.head)), path=path, line=1
        )
    if all(_INTEGER.fullmatch(n) for n in edges.names):
        raise InputError(Reason("input.musae.no_header", found=repr(edges.head)), path=path, line=1)
    edges.check_names()
    edges.parse()
    src, dst = edges.ids(0), edges.ids(1)
    again = pc.and_(pc.equal(src, edges.names[0]), pc.equal(dst, edges.names[1]))
    if pc.any(again).as_py():
        row = pc.index(again, True).as_py()
        raise InputError(Reason("input.musae.header_again"), path=path, line=edges.line(row), field=edges.names[0])
    edges.columns = [src, dst]
    return edges


def _typed(values: pa.Array) -> pa.Array:
    """A column's values for the attributes JSON: integers, reals or booleans when every non-empty
    value of the column is one (``007`` keeps the column text), else text; empty values are null."""
    present = pc.not_equal(values, "")
    shown = pc.filter(values, present)
    out: pa.Array = values
    if not len(shown):
        pass
    elif pc.all(pc.match_substring_regex(shown, _INT_COLUMN)).as_py():
        out = pc.cast(pc.if_else(present, values, "0"), pa.int64())
    elif pc.all(pc.match_substring_regex(shown, _FLOAT_COLUMN)).as_py():
        reals = pc.cast(pc.if_else(present, values, "0"), pa.float64())
        if pc.all(pc.is_finite(reals)).as_py():
            out = reals
    elif pc.all(pc.is_in(shown, value_set=pa.array(_BOOLEANS))).as_py():
        out = pc.is_in(values, value_set=pa.array(["True", "true"]))
    return pc.if_else(present, out, pa.nulls(len(values), out.type))


def _json_objects(columns: dict[str, pa.Array]) -> pa.Array:
    """One JSON object per row, keys in name order, null values left out (DuckDB's JSON writer:
    one vectorised pass instead of a ``json.dumps`` per row)."""
    import duckdb

    pairs = ", ".join(f"{sql_str(name)}, c{i}" for i, name in enumerate(sorted(columns)))
    table = pa.table({f"c{i}": columns[name] for i, name in enumerate(sorted(columns))})
    table = table.append_column("row", pa.array(np.arange(table.num_rows)))
    con = duckdb.connect()
    try:
        con.execute("SET enable_progress_bar = false")
        con.register("target", table)
        # merging into {} drops the keys of null values (RFC 7396)
        result = con.sql(
            f"SELECT json_merge_patch('{{}}', json_object({pairs}))::VARCHAR FROM target ORDER BY row"
        ).to_arrow_table()
    finally:
        con.close()
    return result.column(0).combine_chunks()


def _read_target(path: Path, progress: Progress) -> tuple[_Csv, int]:
    """The target file, and the index of its node-id column (``new_id`` when there is one, else ``id``)."""
    target = _Csv(path, progress)
    if "id" not in target.names:
        key = "input.musae.no_header_target" if _INTEGER.fullmatch(target.names[0]) else "input.musae.no_id"
        raise InputError(Reason(key, found=repr(target.head)), path=path, line=1, field="id")
    target.check_names()
    target.parse()
    index = target.names.index("new_id" if "new_id" in target.names else "id")
    ids = target.ids(index)
    if pc.count_distinct(ids).as_py() < len(ids):
        first: dict[str, int] = {}
        for row, value in enumerate(ids.to_pylist()):
            if value in first:
                raise InputError(
                    Reason("input.musae.duplicate_id", id=repr(value), line=target.line(first[value])),
                    path=path,
                    line=target.line(row),
                    field=target.names[index],
                )
            first[value] = row
    target.columns[index] = ids
    return target, index


def _accounts(target: _Csv, index: int, network: str) -> tuple[dict[str, Any], str]:
    """The accounts of the target file's rows, and the note that says what was read."""
    names = target.names
    name_column = next((c for c in ("page_name", "name") if c in names), None)
    kept = [c for i, c in enumerate(names) if i != index and c != name_column]
    accounts: dict[str, Any] = {"network": network, "id": target.columns[index]}
    said = [f"{target.path.name}: {len(target.columns[index]):,} accounts read (source id: {names[index]}"]
    if name_column is not None:
        column = target.columns[names.index(name_column)]
        accounts["name"] = pc.if_else(pc.equal(column, ""), pa.nulls(len(column), pa.string()), column)
        said.append(f"name: {name_column}")
    if "page_type" in names:
        types = target.columns[names.index("page_type")]
        found = pc.index_in(types, value_set=pa.array(list(PAGE_KINDS)))
        accounts["kind"] = pc.take(pa.array(list(PAGE_KINDS.values()), pa.string()), found)
        counts = {r["values"]: r["counts"] for r in pc.value_counts(types).to_pylist()}
        mapped = ", ".join(f"{t} -> {k} {counts.get(t, 0):,}" for t, k in PAGE_KINDS.items())
        other = sum(n for t, n in counts.items() if t not in PAGE_KINDS)
        said.append(f"kind from page_type: {mapped}" + (f", {other:,} of other types left unknown" if other else ""))
    if kept:
        accounts["attributes"] = _json_objects({c: _typed(target.columns[names.index(c)]) for c in kept})
        said.append("attributes: " + ", ".join(kept))
    return accounts, "; ".join(said) + ")"


def _both_ways(src: pa.Array, dst: pa.Array) -> int:
    """How many distinct pairs are listed in both directions (``a,b`` and ``b,a``)."""
    if not len(src):
        return 0
    lo, hi = pc.min_element_wise(src, dst), pc.max_element_wise(src, dst)
    ordered = pa.table({"s": src, "d": dst}).group_by(["s", "d"]).aggregate([]).num_rows
    unordered = pa.table({"s": lo, "d": hi}).group_by(["s", "d"]).aggregate([]).num_rows
    return ordered - unordered


def read_musae(
    paths: Sequence[Path],
    *,
    progress: Progress | None = None,
    context: ReaderContext | None = None,
    network: str | None = None,
    kind: str | None = None,
) -> Records:
    """Read a MUSAE network: an undirected edge list and a table of its nodes, both CSV.

    Parameters
    ----------
    paths : sequence of Path
        A folder holding one ``*_edges.csv`` (and its ``*_target.csv``, read when present), or
        an edges file alone, or an edges file and its target file (in either order when the
        target's name ends in ``_target.csv``; else the edges first). ``*.gz`` files are read
        too; the features JSON beside them is not read. The edges file is a CSV whose header
        line names two columns, whatever their names (``id_1,id_2`` for Facebook,
        ``node_1,node_2`` for LastFM and Deezer, ``from,to`` for Twitch); each record is one
        undirected edge.
    progress : Progress, optional
        Receives progress in bytes of each file.
    context : ReaderContext, optional
        Tells which earlier imports hold the default network ``"musae"`` (see ``network``).
    network : str, optional
        Network of the accounts and interactions. Default: the dataset named by the edges
        file (:func:`dataset_name`), ``facebook`` for ``facebook_edges.csv`` and
        ``musae_facebook_edges.csv``, ``github`` for ``musae_git_edges.csv``, else the name
        before ``_edges`` without ``musae_`` (``lastfm_asia``, ``chameleon``, ``ENGB``). The
        name says which graph the node ids belong to, so a copy of the same dataset adds to it
        (re-importing the same edges adds nothing). A file name that names no dataset
        (``edges.csv``) gives the network ``"musae"``, and as for edge lists such an import is
        refused when that network already holds an earlier import, rather than merged into it.
    kind : str, optional
        Interaction kind of every edge, any of
        :data:`~einfluence.io.records.INTERACTION_KINDS`. Default by dataset
        (:data:`DATASET_KINDS`): ``like`` for Facebook, whose edges are mutual likes between
        pages (the data records that page A liked page B and B liked A: an act of attention of
        each towards the other, which einfluence calls a like, a reaction kind; the pages'
        fans, the audience a ``follow`` would declare, are not in the data); ``hyperlink`` for
        the Wikipedia networks (mutual links between articles); ``follow`` for the others
        (GitHub, Twitch, LastFM, Deezer: mutual follower relationships or friendships).

    Returns
    -------
    Records
        With a target file, one account per row: source id ``id`` (``new_id`` when the file
        has that column, as Twitch's, whose edges use it), ``name`` from ``page_name``
        (Facebook) or ``name`` (GitHub), account ``kind`` from the Facebook ``page_type``
        (:data:`PAGE_KINDS`: government -> organisation, company -> brand, politician ->
        person, tvshow -> media), and every other column in ``attributes`` (``page_type``
        too), typed per column: integers, reals or booleans (``True``/``False``) when every
        non-empty value of the column is one, else text; an empty value is left out. Nodes
        without edges are accounts too. Without a target file, the accounts are the ends of
        the edges (no names). Each edge gives two interactions, ``a -> b`` and ``b -> a``, of
        kind ``kind``, without weight or time; no posts. ``rows_read`` counts the records of
        both files.

    Raises
    ------
    InputError
        A missing edges file (a folder without ``*_edges.csv``, or with several), non-UTF-8
        text, a truncated gzip, an edges header line missing or without exactly two fields, a
        record with the wrong number of fields, an empty node id, the header line repeated
        among the edges; a target file without an ``id`` column (or without a header), a
        repeated id, an edge end that is not an id of the target file; an unknown ``kind``.
        The message names the file, the line and the field (the column).

    Notes
    -----
    Self-loops follow the rule of every graph reader (:mod:`einfluence.io._links`): dropped,
    their node kept as an account (the Facebook network lists 179). Repeated edge records are
    kept and counted, and so are pairs listed in both directions (each would then be stored
    twice each way); the MUSAE files list each pair once. Node ids are the file's text, spaces
    around them removed (``007`` and ``7`` are different nodes). Names and other text are
    stored as the file holds them (HTML, control characters included): the outputs show them
    literally (:mod:`einfluence.cli.output`).

    On the Facebook network (November 2017, 22,470 verified pages): 22,470 accounts, 171,002
    edge records, of which 179 self-loops, so 341,646 interactions.

    References
    ----------
    .. [1] B. Rozemberczki, C. Allen and R. Sarkar, "Multi-scale attributed node embedding",
       *Journal of Complex Networks* 9(2), cnab014, 2021. arXiv:1909.13021.
    .. [2] B. Rozemberczki and R. Sarkar, "Characteristic functions on graphs: birds of a
       feather, from statistical descriptors to parametric models", CIKM 2020 (LastFM Asia,
       Deezer Europe).
    .. [3] J. Leskovec and A. Krevl, *SNAP Datasets*, "Facebook Large Page-Page Network".
       https://snap.stanford.edu/data/facebook-large-page-page-network.html

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "facebook_edges.csv").write_text("id_1,id_2\\n0,1\\n1,2\\n")
    >>> _ = (folder / "facebook_target.csv").write_text(
    ...     "id,facebook_id,page_name,page_type\\n0,145,A,company\\n1,191,B,government\\n2,144,C,tvshow\\n")
    >>> rec = read_musae([folder])
    >>> rec.accounts.column("kind").to_pylist(), rec.accounts.column("attributes")[0].as_py()
    (['brand', 'organisation', 'media'], '{"facebook_id":145,"page_type":"company"}')
    >>> list(zip(rec.interactions.column("src").to_pylist(), rec.interactions.column("dst").to_pylist()))
    [('0', '1'), ('1', '0'), ('1', '2'), ('2', '1')]
    >>> set(rec.interactions.column("kind").to_pylist()), set(rec.interactions.column("network").to_pylist())
    ({'like'}, {'facebook'})
    """
    progress = progress or NullProgress()
    edges_path, target_path = _files(paths)
    dataset = dataset_name(edges_path)
    notes: list[str] = []
    if network is None and dataset == DEFAULT_NETWORK:
        # a file name that names no dataset (edges.csv): ids local to the file, as in an edge list
        network, notes = default_network_note(context, None, DEFAULT_NETWORK, "edges", edges_path)
    elif network is None:
        network = dataset
        notes.append(f"network {network!r} (from the file name {edges_path.name}: pass --network NAME to change it)")
    if kind is None:
        kind = check_edge_kind(None, default=DATASET_KINDS.get(dataset, "follow"))
        notes.append(f"interaction kind {kind!r} (the default for {dataset}: pass --kind to change it)")
    else:
        kind = check_edge_kind(kind)
    edges = _read_edges(edges_path, progress)
    src, dst = edges.columns
    rows = len(src)
    accounts: dict[str, Any] = {"network": network}
    if target_path is not None:
        target, index = _read_target(target_path, progress)
        rows += len(target.columns[index])
        known = target.columns[index]
        unknown_src = pc.invert(pc.is_in(src, value_set=known))
        unknown = pc.or_(unknown_src, pc.invert(pc.is_in(dst, value_set=known)))
        if pc.any(unknown).as_py():
            row = pc.index(unknown, True).as_py()
            column = 0 if unknown_src[row].as_py() else 1
            raise InputError(
                Reason("input.musae.unknown_node", id=repr(edges.columns[column][row].as_py()), file=target_path.name),
                path=edges_path,
                line=edges.line(row),
                field=edges.names[column],
            )
        accounts, said = _accounts(target, index, network)
    else:
        said = f"no target file: the accounts are the ends of the edges of {edges_path.name} (no names)"
        sibling = _sibling_target(edges_path)
        if sibling is not None:
            said += f"; {sibling.name} beside it not read (pass the folder, or both files, to read it)"
    both = _both_ways(src, dst)  # before the self-loops go: a loop is the same pair either way
    # each undirected edge a b gives a -> b then b -> a, in file order
    src, dst, _, note, loop_nodes = edge_rules(src, dst, None, False, label=edges_path.name, what="edge line")
    if both:
        note += f", {both:,} pair{'' if both == 1 else 's'} listed in both directions (each stored twice each way)"
    notes.append(note)
    notes.append("undirected: every edge stored in both directions")
    notes.append(said)
    if target_path is None:
        accounts["id"] = loop_nodes
    return Records.from_columns(
        accounts=accounts,
        interactions={"network": network, "src": src, "dst": dst, "kind": kind},
        rows_read=rows,
        notes=notes,
        source=str(edges_path),
    )
