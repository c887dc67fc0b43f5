"""Reader of SNAP-style edge lists: ``src dst [weight]`` per line."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from einfluence.base.kinds import INTERACTION_KINDS
from einfluence.base.progress import NullProgress, Progress
from einfluence.exceptions import InputError
from einfluence.io._delimited import fast_table, parse_float, read_bytes_with_progress, scan_table
from einfluence.io._reading import ReaderContext, require_file
from einfluence.io.records import Records

__all__ = ["DEFAULT_NETWORK", "read_edgelist"]

#: Network name used when none is given (pass ``network=`` / ``--network`` for each graph).
DEFAULT_NETWORK = "graph"


def _check_kind(kind: str) -> str:
    if kind not in INTERACTION_KINDS:
        raise InputError(
            f"unknown interaction kind {kind!r} (expected one of {', '.join(INTERACTION_KINDS)})",
            field="kind",
        )
    return kind


def _token(token: str) -> str:
    return token


def _data_width(data: bytes, comments: bool, skip_first: bool) -> int | None:
    """Number of fields of the first data line (None if there is none)."""
    seen_header = False
    for raw in data.split(b"\n", 1000):
        tokens = raw.split()
        if not tokens or (comments and tokens[0].startswith(b"#")):
            continue
        if skip_first and not seen_header:
            seen_header = True
            continue
        return len(tokens)
    return None


def _split_header(data: bytes) -> tuple[bytes | None, str | None]:
    """Cut the first non-blank, non-comment line; (None, None) if it is not UTF-8."""
    offset = 0
    while offset < len(data):
        end = data.find(b"\n", offset)
        end = len(data) if end < 0 else end
        tokens = data[offset:end].split()
        if tokens and not tokens[0].startswith(b"#"):
            try:
                text = data[offset:end].decode("utf-8").rstrip("\r")
            except UnicodeDecodeError:
                return None, None
            return data[:offset] + data[end + 1 :], text
        offset = end + 1
    return data, None


def _read_one(
    path: Path, *, header: bool, progress: Progress
) -> tuple[pa.Array, pa.Array, pa.Array | None, str | None, int]:
    """Return src, dst, weight (or None), the skipped header and the number of edge lines."""
    data = read_bytes_with_progress(path, progress, f"reading {path.name}")
    table = None
    head_text = None
    if data is not None and header:
        data, head_text = _split_header(data)
    if data is not None:
        width = _data_width(data, True, False)
        if width in (2, 3):
            names = ["src", "dst", "weight"][:width]
            types = [pa.string(), pa.string(), pa.float64()][:width]
            table = fast_table(data, names, types, comments=True)
        elif width is None:
            table = pa.table({"src": pa.array([], pa.string()), "dst": pa.array([], pa.string())})
    if table is not None:
        weight = table.column("weight").combine_chunks() if "weight" in table.column_names else None
        return (
            table.column("src").combine_chunks(),
            table.column("dst").combine_chunks(),
            weight,
            head_text,
            table.num_rows,
        )
    progress.start(f"checking {path.name}", None)
    columns, _, head_text = scan_table(
        path,
        [("src", _token), ("dst", _token), ("weight", parse_float)],
        optional_last=True,
        comments=True,
        skip_first=header,
        hint=""
        if header
        else " (if the first line is a header such as 'nodes edges', pass header=True / --header)",
    )
    src, dst, weight = columns
    return (
        pa.array(src, pa.string()),
        pa.array(dst, pa.string()),
        pa.array(weight, pa.float64()) if weight else None,
        head_text,
        len(src),
    )


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
        Unused.
    network : str, optional
        Network of every account and interaction; default ``"graph"``. It is fixed rather than
        derived from the file name so that importing the same graph under another file name
        gives the same identifiers; pass a distinct ``--network`` per graph (node ``1`` of two
        different graphs must not become the same account).
    directed : bool, optional
        Default True: ``A B`` is one interaction ``src=A, dst=B``. If False, every edge is
        stored in both directions (``A B`` gives ``A->B`` and ``B->A``; a self-loop is stored
        once). Files that already list both directions (such as SNAP ``CA-GrQc``) should be
        imported as directed.
    kind : str, optional
        Interaction kind of every edge, default ``"follow"`` (``A B`` = A follows B, so
        influence flows B -> A); any of :data:`~einfluence.io.records.INTERACTION_KINDS`.
    header : bool, optional
        Default False. If True, the first line that is neither blank nor a comment is a header
        (such as ``5242<TAB>28980``, nodes and edges, in some copies of SNAP files) and is
        skipped; it is quoted in ``Records.notes``. Without it, such a line is an ordinary
        edge: nothing is guessed and nothing is dropped silently.

    Returns
    -------
    Records
        Interactions only (accounts are created by the store from the node ids; isolated nodes
        cannot be expressed in an edge list). ``weight`` is the third field, or null (stored
        as 1.0) when the file has none. Times are null. Identical lines are distinct
        interactions and are all kept.

    Raises
    ------
    InputError
        Missing file, non-UTF-8 text, truncated gzip, a line with the wrong number of fields,
        a weight that is not a finite number, some lines with a weight and others without, an
        unknown ``kind`` — naming the file, the line and the field.

    Notes
    -----
    Node ids are kept as the exact tokens of the file (``007`` and ``7`` are different
    nodes). Large files are parsed by Arrow in one vectorised pass; only when that fails is
    the file scanned line by line to report the exact error.

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
    network = network or DEFAULT_NETWORK
    kind = _check_kind(kind or "follow")
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
    srcs, dsts, weights, notes = [], [], [], []
    rows = 0
    for f in files:
        src, dst, weight, head_text, n = _read_one(f, header=bool(header), progress=progress)
        rows += n
        if head_text is not None:
            notes.append(f"{f}: skipped header line {head_text!r}")
        if weight is None:
            weight = pa.nulls(len(src), pa.float64())
        if not directed:
            loop = pc.equal(src, dst)
            keep = pc.invert(loop)
            src, dst, weight = (
                pa.concat_arrays([src, pc.filter(dst, keep)]),
                pa.concat_arrays([dst, pc.filter(src, keep)]),
                pa.concat_arrays([weight, pc.filter(weight, keep)]),
            )
        srcs.append(src)
        dsts.append(dst)
        weights.append(weight)
    if not directed:
        notes.append("undirected: every edge stored in both directions (self-loops once)")
    src_all = pa.concat_arrays(srcs) if srcs else pa.array([], pa.string())
    dst_all = pa.concat_arrays(dsts) if dsts else pa.array([], pa.string())
    weight_all = pa.concat_arrays(weights) if weights else pa.array([], pa.float64())
    return Records.from_columns(
        interactions={
            "network": network,
            "src": src_all,
            "dst": dst_all,
            "kind": kind,
            "weight": weight_all,
        },
        rows_read=rows,
        notes=notes,
        source=str(files[0]) if len(files) == 1 else "<edge lists>",
    )
