"""Reader of SNAP-style edge lists: ``src dst [weight]`` per line."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from einfluence.base.progress import NullProgress, Progress
from einfluence.exceptions import InputError
from einfluence.i18n import Reason
from einfluence.io._delimited import (
    fast_table,
    parse_float,
    parse_int,
    read_bytes_with_progress,
    scan_table,
)
from einfluence.io._links import check_edge_kind, edge_rules
from einfluence.io._reading import ReaderContext, default_network_note, require_file
from einfluence.io.records import Records

__all__ = ["DEFAULT_NETWORK", "read_edgelist"]

#: Network name used when none is given (pass ``network=`` / ``--network`` for each graph).
DEFAULT_NETWORK = "graph"

_FIELDS = [("src", lambda token: token), ("dst", lambda token: token), ("weight", parse_float)]


def _data_width(data: bytes) -> int | None:
    """Number of fields of the first data line (None if there is none)."""
    for raw in data.split(b"\n", 1000):
        tokens = raw.split()
        if tokens and not tokens[0].startswith(b"#"):
            return len(tokens)
    return None


def _split_first(data: bytes) -> tuple[bytes, str | None, int]:
    """Cut the first non-blank, non-comment line: (the rest, its text or None, its line number).

    The text is None when there is no such line or it is not UTF-8 (the rest is then ``data``).
    """
    offset = 0
    while offset < len(data):
        end = data.find(b"\n", offset)
        end = len(data) if end < 0 else end
        tokens = data[offset:end].split()
        if tokens and not tokens[0].startswith(b"#"):
            try:
                text = data[offset:end].decode("utf-8").rstrip("\r")
            except UnicodeDecodeError:
                return data, None, 0
            return data[:offset] + data[end + 1 :], text, data.count(b"\n", 0, offset) + 1
        offset = end + 1
    return data, None, 0


def _counts(text: str | None) -> tuple[int, int] | None:
    """``(n, m)`` when a line holds two or more non-negative integers (a header candidate)."""
    if text is None:
        return None
    tokens = text.split()
    if len(tokens) < 2:
        return None
    try:
        values = [parse_int(t) for t in tokens]
    except ValueError:
        return None
    if min(values) < 0 or values[1] < 1:
        return None
    return values[0], values[1]


def _may_count(m: int, rest: bytes) -> bool:
    """Whether ``rest`` can hold exactly ``m`` edge lines (cheap bounds, before parsing it)."""
    lines = rest.count(b"\n") + (0 if rest.endswith(b"\n") or not rest else 1)
    maybe_not_edges = sum(rest.count(p) for p in (b"\n#", b"\n\n", b"\n\r", b"\n ", b"\n\t")) + 1
    return lines - maybe_not_edges <= m <= lines


def _is_header(counts: tuple[int, int] | None, src: pa.Array, dst: pa.Array) -> int | None:
    """The number of distinct nodes when ``counts`` = (n, m) describes the edges that follow:
    exactly m edge lines, on at most n nodes (n counts isolated nodes too); else None."""
    if counts is None or counts[1] != len(src):
        return None
    nodes = pc.count_distinct(pa.chunked_array([src, dst])).as_py()
    return nodes if nodes <= counts[0] else None


def _first_edge(text: str, width: int) -> tuple[str, str, float | None] | None:
    """The first line as an edge of ``width`` fields, or None when it is not one."""
    tokens = text.split()
    if len(tokens) != width or width not in (2, 3):
        return None
    try:
        weight = parse_float(tokens[2]) if width == 3 else None
    except ValueError:
        return None
    return tokens[0], tokens[1], weight


class _Edges:
    """The edges of one file: src, dst, weight (or None), and the header line skipped."""

    def __init__(self, src: pa.Array, dst: pa.Array, weight: pa.Array | None) -> None:
        self.src, self.dst, self.weight = src, dst, weight
        self.header: str | None = None
        self.note: str | None = None

    @classmethod
    def from_table(cls, table: pa.Table) -> _Edges:
        weight = table.column("weight").combine_chunks() if "weight" in table.column_names else None
        return cls(table.column("src").combine_chunks(), table.column("dst").combine_chunks(), weight)

    def prepend(self, edge: tuple[str, str, float | None]) -> _Edges:
        src = pa.concat_arrays([pa.array([edge[0]], pa.string()), self.src])
        dst = pa.concat_arrays([pa.array([edge[1]], pa.string()), self.dst])
        weight = None if self.weight is None else pa.concat_arrays([pa.array([edge[2]], pa.float64()), self.weight])
        return _Edges(src, dst, weight)


def _fast(data: bytes) -> _Edges | None:
    width = _data_width(data)
    if width is None:
        return _Edges(pa.array([], pa.string()), pa.array([], pa.string()), None)
    if width not in (2, 3):
        return None
    table = fast_table(
        data, ["src", "dst", "weight"][:width], [pa.string(), pa.string(), pa.float64()][:width], comments=True
    )
    return None if table is None else _Edges.from_table(table)


def _slow(path: Path, skip_first: bool, progress: Progress) -> _Edges:
    progress.start(Reason("progress.check_file", file=path.name), None)
    columns, _, head_text = scan_table(
        path,
        _FIELDS,
        optional_last=True,
        comments=True,
        skip_first=skip_first,
        header_hint=not skip_first,
    )
    src, dst, weight = columns
    edges = _Edges(pa.array(src, pa.string()), pa.array(dst, pa.string()), pa.array(weight, pa.float64()) if weight else None)
    edges.header = head_text
    return edges


def _header_note(path: Path, line: int, text: str, counts: tuple[int, int], nodes: int) -> str:
    n, m = counts
    return (
        f"{path.name}: line {line} {text!r} read as a header, not an edge ({n:,} nodes, {m:,} edges: "
        f"the file has {m:,} edge lines on {nodes:,} node ids after it); pass --no-header to read it as an edge"
    )


def _read_one(path: Path, *, header: bool | None, progress: Progress) -> _Edges:
    """The edges of a file; ``header`` True skips the first data line, None detects an 'n m' one."""
    data = read_bytes_with_progress(path, progress, Reason("progress.read_file", file=path.name))
    first, first_line, counts = None, 1, None
    if data is not None and header is not False:
        rest, first, first_line = _split_first(data)
        counts = _counts(first) if header is None else None
        if counts is not None and not _may_count(counts[1], rest):
            counts = None  # the numbers cannot be 'nodes edges': the line is an edge
        if first is not None and (header or counts is not None):
            edges = _fast(rest)
            if edges is not None:
                nodes = _is_header(counts, edges.src, edges.dst)
                if header or nodes is not None:
                    edges.header = first
                    if nodes is not None:
                        edges.note = _header_note(path, first_line, first, counts, nodes)  # type: ignore[arg-type]
                    return edges
                width = len(first.split()) if not len(edges.src) else 2 if edges.weight is None else 3
                edge = _first_edge(first, width)
                if edge is not None:
                    return edges.prepend(edge)
    if data is not None and not header:
        edges = _fast(data)
        if edges is not None:
            return edges
    if counts is not None:
        # the exact scan, with the header detected as above
        try:
            edges = _slow(path, True, progress)
        except InputError:
            edges = None
        nodes = None if edges is None else _is_header(counts, edges.src, edges.dst)
        if edges is not None and nodes is not None:
            edges.note = _header_note(path, first_line, edges.header or "", counts, nodes)
            return edges
    return _slow(path, bool(header), progress)


def read_edgelist(
    paths: Sequence[Path],
    *,
    progress: Progress | None = None,
    context: ReaderContext | None = None,
    network: str | None = None,
    directed: bool | None = None,
    kind: str | None = None,
    header: bool | None = None,
) -> Records:
    """Read SNAP-style edge lists: one ``src dst [weight]`` edge per line.

    Parameters
    ----------
    paths : sequence of Path
        Edge-list files (plain or ``*.gz``), or folders: every file of a folder is read, in
        name order. Fields are separated by spaces or tabs; lines whose first non-blank
        character is ``#`` and blank lines are skipped; CRLF line ends are accepted.
    progress : Progress, optional
        Receives progress in bytes read.
    context : ReaderContext, optional
        Tells which earlier imports hold the default network (see ``network``).
    network : str, optional
        Network of every account and interaction. Without it, the graph goes to the default
        network ``"graph"`` -- unless that network already holds the accounts of an earlier
        import, in which case the import is **refused** and the message asks for
        ``--network``. Why refuse rather than merge or guess: node ids of an edge list are
        local to their file (node ``1`` of wiki-Vote and node ``1`` of email-Eu-core are
        different people), so merging two files silently welds two graphs together (it
        once added 80 of email-Eu-core's 1,005 accounts and dropped 390 of its edges as
        duplicates of wiki-Vote's); and no name derived from the file can tell two graphs
        from one graph split over several files, or survive a renamed file. An explicit
        ``network`` is always obeyed: the same name again adds to that graph (re-importing
        the same edges adds nothing). The note of an import into the default network says so.
    directed : bool, optional
        Default True: ``A B`` is one interaction ``src=A, dst=B``. If False, every edge is
        stored in both directions (``A B`` gives ``A->B`` and ``B->A``). Files that already
        list both directions (such as SNAP ``CA-GrQc``) should be imported as directed.
    kind : str, optional
        Interaction kind of every edge, default ``"follow"`` (``A B`` = A follows B, so
        influence flows B -> A); any of :data:`~einfluence.io.records.INTERACTION_KINDS`.
    header : bool, optional
        Whether the first line that is neither blank nor a comment is a header rather than an
        edge. Default None: detected -- it is a header when it holds two or more non-negative
        integers ``n m ...`` and the file has exactly ``m`` edge lines after it, on at most
        ``n`` distinct node ids (SNAP and benchmark copies write ``nodes edges`` there:
        ``5242<TAB>28980`` in CA-GrQc, ``15233 58891 0 0 1`` in NetHEPT); a note quotes the
        line and says why. True always skips that line, False never does (``--header`` /
        ``--no-header``).

    Returns
    -------
    Records
        Interactions (accounts are created by the store from the node ids; isolated nodes
        cannot be expressed in an edge list), and bare accounts for the nodes of dropped
        self-loops. ``weight`` is the third field, or null (stored
        as 1.0) when the file has none. Times are null.

    Raises
    ------
    InputError
        Missing file, non-UTF-8 text, truncated gzip, a line with the wrong number of fields,
        a weight that is not a finite number, some lines with a weight and others without, an
        unknown ``kind`` -- naming the file, the line and the field; no ``network`` while the
        default network holds an earlier import.

    Notes
    -----
    Self-loops, repeated edges and weights follow the rule of every graph reader
    (:mod:`einfluence.io._links`): self-loops are dropped (CA-GrQc has 12), repeated edge
    lines are kept as distinct interactions, negative or zero weights are kept; each import's
    notes count them per file. Node ids are kept as the exact tokens of the file (``007`` and
    ``7`` are different nodes). Large files are parsed by Arrow in one vectorised pass; only
    when that fails is the file scanned line by line to report the exact error.

    References
    ----------
    .. [1] J. Leskovec and A. Krevl, *SNAP Datasets: Stanford Large Network Dataset
       Collection*, 2014. https://snap.stanford.edu/data

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.txt"
    >>> _ = p.write_text("# votes\\n1 2\\n2 3\\n")
    >>> rec = read_edgelist([p])
    >>> rec.interactions.column("src").to_pylist(), rec.interactions.column("kind").to_pylist()
    (['1', '2'], ['follow', 'follow'])
    """
    progress = progress or NullProgress()
    kind = check_edge_kind(kind, default="follow")
    directed = True if directed is None else directed
    files: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
            if not found:
                raise InputError("folder holds no edge-list file", path=path)
            files.extend(found)
        else:
            files.append(require_file(path))
    network, notes = default_network_note(context, network, DEFAULT_NETWORK, "edges", files[0])
    srcs, dsts, weights, nodes = [], [], [], []
    rows = 0
    for f in files:
        edges = _read_one(f, header=header, progress=progress)
        rows += len(edges.src)
        if edges.note is not None:
            notes.append(edges.note)
        elif edges.header is not None:
            notes.append(f"{f.name}: skipped header line {edges.header!r}")
        src, dst, weight, note, loop_nodes = edge_rules(
            edges.src, edges.dst, edges.weight, directed, label=f.name, what="edge line"
        )
        notes.append(note)
        nodes.append(loop_nodes)
        srcs.append(src)
        dsts.append(dst)
        weights.append(weight if weight is not None else pa.nulls(len(src), pa.float64()))
    if not directed:
        notes.append("undirected: every edge stored in both directions")
    return Records.from_columns(
        accounts={"network": network, "id": pc.unique(pa.concat_arrays(nodes)) if nodes else pa.array([], pa.string())},
        interactions={
            "network": network,
            "src": pa.concat_arrays(srcs) if srcs else pa.array([], pa.string()),
            "dst": pa.concat_arrays(dsts) if dsts else pa.array([], pa.string()),
            "kind": kind,
            "weight": pa.concat_arrays(weights) if weights else pa.array([], pa.float64()),
        },
        rows_read=rows,
        notes=notes,
        source=str(files[0]) if len(files) == 1 else "<edge lists>",
    )
