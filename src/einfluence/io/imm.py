"""Reader of the IMM / TIM benchmark layout (Tang, Shi & Xiao, SIGMOD 2015): ``attribute.txt`` + ``graph_ic.inf``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
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
from einfluence.io._links import edge_rules
from einfluence.io._reading import ReaderContext, default_network_note, iter_lines, require_file
from einfluence.io.records import Records

__all__ = ["DEFAULT_NETWORK", "read_imm"]

#: Network name used when none is given.
DEFAULT_NETWORK = "imm"

_ATTRIBUTES = "attribute.txt"
_GRAPH = "graph_ic.inf"


def _folder(paths: Sequence[Path]) -> Path:
    if len(paths) != 1:
        raise InputError(f"format 'imm' reads one folder, got {len(paths)} paths")
    path = Path(paths[0])
    if not path.exists():
        raise InputError(Reason("input.no_file"), path=path)
    if path.is_file():
        if path.name not in (_ATTRIBUTES, _GRAPH, "graph_lt.inf"):
            raise InputError(
                f"expected an IMM folder holding {_ATTRIBUTES} and {_GRAPH} (or one of them)",
                path=path,
            )
        path = path.parent
    return path


def _attributes(path: Path) -> tuple[int, int, int]:
    """Return n, m and the line number of ``m=`` in attribute.txt."""
    values: dict[str, tuple[int, int]] = {}
    for lineno, text in iter_lines(require_file(path)):
        text = text.strip()
        if not text:
            continue
        key, sep, value = text.partition("=")
        key = key.strip()
        if not sep:
            raise InputError(f"expected 'key=value', found {text!r}", path=path, line=lineno)
        if key not in ("n", "m"):
            continue  # other attributes of the IMM layout are not needed
        try:
            number = parse_int(value.strip())
        except ValueError as exc:
            raise InputError(str(exc), path=path, line=lineno, field=key) from None
        if number < 0:
            raise InputError(f"negative count {number}", path=path, line=lineno, field=key)
        values[key] = (number, lineno)
    for key in ("n", "m"):
        if key not in values:
            raise InputError(f"no '{key}=' line", path=path, field=key)
    return values["n"][0], values["m"][0], values["m"][1]


def _node(n: int):
    def parse(token: str) -> int:
        value = parse_int(token)
        if not 0 <= value < n:
            raise ValueError(f"node id {value} outside [0, n) with n={n}")
        return value

    return parse


def _probability(token: str) -> float:
    value = parse_float(token)
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"probability {token!r} outside [0, 1]")
    return value


def _edges(path: Path, n: int, progress: Progress) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    data = read_bytes_with_progress(path, progress, Reason("progress.read_file", file=path.name))
    table = None
    if data is not None:
        table = fast_table(data, ["u", "v", "p"], [pa.int64(), pa.int64(), pa.float64()])
    if table is not None and table.num_rows:
        u = table.column("u").to_numpy()
        v = table.column("v").to_numpy()
        p = table.column("p").to_numpy()
        ok = (
            u.min() >= 0
            and v.min() >= 0
            and u.max() < n
            and v.max() < n
            and p.min() >= 0.0
            and p.max() <= 1.0
        )
        if ok:
            return u, v, p
    elif table is not None:
        return np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0, np.float64)
    progress.start(Reason("progress.check_file", file=path.name), None)
    (u, v, p), _, _ = scan_table(path, [("u", _node(n)), ("v", _node(n)), ("p", _probability)])
    return np.array(u, np.int64), np.array(v, np.int64), np.array(p, np.float64)


def read_imm(
    paths: Sequence[Path],
    *,
    progress: Progress | None = None,
    context: ReaderContext | None = None,
    network: str | None = None,
) -> Records:
    """Read a graph in the layout of the IMM / TIM influence-maximisation code.

    Parameters
    ----------
    paths : sequence of one Path
        The folder holding ``attribute.txt`` (lines ``n=<nodes>`` and ``m=<edges>``) and
        ``graph_ic.inf`` (lines ``u v p``: u influences v with probability p, nodes
        ``0..n-1``), or one of these two files.
    progress : Progress, optional
        Receives progress in bytes.
    context : ReaderContext, optional
        Tells which earlier imports hold the default network.
    network : str, optional
        Default ``"imm"``; as for edge lists (node ids ``0..n-1`` are local to the file), an
        import without it is refused when the default network already holds an earlier
        import, rather than merged into it.

    Returns
    -------
    Records
        All ``n`` accounts ``"0"`` .. ``"n-1"`` (isolated nodes included, kind ``unknown``) and
        one ``follow`` interaction per edge line (self-loops dropped) with ``src=v``, ``dst=u`` (v follows u, so
        influence flows u -> v as in the file) and ``weight=p``. No times, no posts.

    Raises
    ------
    InputError
        Missing files; ``n=`` or ``m=`` missing or not a non-negative integer; a line of
        ``graph_ic.inf`` without exactly 3 fields, a node id outside ``[0, n)``, a probability
        outside ``[0, 1]`` or not a number; ``m`` different from the number of edge lines —
        naming file, line and field.

    Notes
    -----
    ``graph_lt.inf`` (the linear-threshold weights) is not read: linear-threshold weights are
    derived from the graph by the analyses; a note in ``Records.notes`` says so. Self-loops
    and repeated edges follow the rule of every graph reader (:mod:`einfluence.io._links`):
    self-loops dropped, repeated edge lines kept as distinct interactions, each counted in the
    notes. NetHEPT in this layout gives 15,229 accounts and 62,752 interactions.

    References
    ----------
    .. [1] Y. Tang, Y. Shi, X. Xiao, "Influence Maximization in Near-Linear Time: A
       Martingale Approach", SIGMOD 2015.
    .. [2] W. Chen, Y. Wang, S. Yang, "Efficient Influence Maximization in Social Networks",
       KDD 2009 (the NetHEPT graph).
    """
    progress = progress or NullProgress()
    folder = _folder(paths)
    network, notes = default_network_note(context, network, DEFAULT_NETWORK, "graph", folder)
    attr_path = folder / _ATTRIBUTES
    n, m, m_line = _attributes(attr_path)
    graph_path = require_file(folder / _GRAPH)
    u, v, p = _edges(graph_path, n, progress)
    if len(u) != m:
        raise InputError(
            f"m={m} but {graph_path.name} has {len(u)} edge lines",
            path=attr_path,
            line=m_line,
            field="m",
        )
    # v follows u: the interaction goes v -> u
    src, dst, weight, note, _ = edge_rules(
        pc.cast(pa.array(v), pa.string()),
        pc.cast(pa.array(u), pa.string()),
        pa.array(p, pa.float64()),
        True,
        label=graph_path.name,
        what="edge line",
    )
    notes.append(note)
    if (folder / "graph_lt.inf").exists():
        notes.append(
            f"{folder / 'graph_lt.inf'} not read: linear-threshold weights are derived from the graph"
        )
    return Records.from_columns(
        accounts={
            "network": network,
            "id": pa.array(np.arange(n, dtype=np.int64)).cast(pa.string()),
        },
        interactions={
            "network": network,
            "src": src,
            "dst": dst,
            "kind": "follow",
            "weight": weight,
        },
        rows_read=len(u),
        notes=notes,
        source=str(graph_path),
    )
