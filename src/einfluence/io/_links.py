"""What every graph reader does to its edges: the edge kind, one rule for odd edges, directions.

One rule for the edge lists, GML, GraphML, IMM files and the generic interactions table, so
that the same graph gives the same interactions whatever file it comes in, and each import
says, with counts, what it dropped or kept:

* **self-loops are dropped**: an account acting towards itself is no influence between two
  accounts (the graph views drop them too, and the social-media readers drop self-replies);
  the node of a dropped self-loop is still kept as an account, so no node is lost;
* **repeated edges are kept**: they are repeated events or link records; the store numbers
  identical events so that a re-import still adds nothing;
* **negative and zero weights are kept** as given (a signed network's ``-1`` is data); the
  analyses use positive weights only, and the note says how many are not positive. Weights
  that are not finite numbers are refused by each reader, naming the line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from einfluence.base.kinds import INTERACTION_KINDS
from einfluence.exceptions import InputError
from einfluence.io.records import Records

__all__ = ["check_edge_kind", "edge_rules", "graph_records", "self_loops", "weight_note"]


def check_edge_kind(kind: str | None, default: str = "hyperlink") -> str:
    """The interaction kind of the edges: ``kind``, else ``default``, checked."""
    kind = kind or default
    if kind not in INTERACTION_KINDS:
        raise InputError(
            f"unknown interaction kind {kind!r} (expected one of {', '.join(INTERACTION_KINDS)})",
            field="kind",
        )
    return kind


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def self_loops(src: pa.Array, dst: pa.Array) -> pa.Array:
    """Boolean mask of the edges from a node to itself."""
    return pc.fill_null(pc.equal(src, dst), False)


def weight_note(weight: pa.Array | None) -> str:
    """``", N negative weights kept"`` (and zero weights when there are some); ``""`` without weights."""
    if weight is None or not len(weight) or weight.null_count == len(weight):
        return ""
    negative = int(pc.sum(pc.less(weight, 0.0)).as_py() or 0)
    zero = int(pc.sum(pc.equal(weight, 0.0)).as_py() or 0)
    note = f", {_plural(negative, 'negative weight')} kept"
    if zero:
        note += f", {_plural(zero, 'zero weight')} kept"
    if negative or zero:
        note += " (analyses use positive weights only)"
    return note


def _repeated(src: pa.Array, dst: pa.Array) -> int:
    """How many edges repeat an earlier one (DuckDB's parallel hash aggregate: the fastest here)."""
    if len(src) < 2:
        return 0
    import duckdb

    edges = pa.table({"s": src, "d": dst})
    con = duckdb.connect()
    try:
        con.execute("SET enable_progress_bar = false")
        con.register("edges", edges)
        distinct = con.execute("SELECT count(*) FROM (SELECT DISTINCT s, d FROM edges)").fetchone()[0]  # type: ignore[index]
    finally:
        con.close()
    return len(src) - int(distinct)


def edge_rules(
    src: pa.Array,
    dst: pa.Array,
    weight: pa.Array | None,
    directed: bool | pa.Array,
    *,
    label: str,
    what: str = "edge",
) -> tuple[pa.Array, pa.Array, pa.Array | None, str, pa.Array]:
    """Apply the rule of this module to edge records, then store undirected ones both ways.

    Parameters
    ----------
    src, dst : pyarrow string arrays
        The ends of each edge record, in file order.
    weight : pyarrow float64 array or None
        Weights (nulls allowed), or None when the file has none.
    directed : bool or pyarrow boolean array
        Whether each edge is directed; an undirected edge ``a b`` gives ``a -> b`` and
        ``b -> a``.
    label : str
        Names the file in the note.
    what : str
        What a record is called in the note (``"edge"``, ``"edge line"``).

    Returns
    -------
    src, dst, weight, note, loop_nodes
        The interactions (self-loops dropped, undirected edges doubled), a note such as
        ``"g.txt: 5 edges read, 1 self-loop dropped, 1 repeated edge kept, 0 negative weights
        kept"`` (weights are counted only when the file has some), and the distinct nodes of
        the dropped self-loops (to be kept as accounts).
    """
    n = len(src)
    loops = self_loops(src, dst)
    n_loops = int(pc.sum(loops).as_py() or 0)
    loop_nodes = pc.unique(pc.filter(src, loops)) if n_loops else pa.array([], pa.string())
    if n_loops:
        keep = pc.invert(loops)
        src, dst = pc.filter(src, keep), pc.filter(dst, keep)
        weight = None if weight is None else pc.filter(weight, keep)
        if not isinstance(directed, bool):
            directed = pc.filter(directed, keep)
    note = (
        f"{label}: {_plural(n, what)} read, {_plural(n_loops, 'self-loop')} dropped"
        f"{' (their nodes kept as accounts)' if n_loops else ''}, "
        f"{_plural(_repeated(src, dst), 'repeated edge')} kept{weight_note(weight)}"
    )
    if directed is True:
        return src, dst, weight, note, loop_nodes
    # each undirected edge a b gives a -> b then b -> a, in file order
    back = np.ones(len(src), bool) if directed is False else ~np.asarray(directed.to_numpy(zero_copy_only=False), bool)
    index = pa.array(np.repeat(np.arange(len(src)), 1 + back))
    reverse = np.zeros(len(index), bool)
    reverse[np.cumsum(1 + back)[back] - 1] = True
    reverse_mask = pa.array(reverse)
    src, dst = (
        pc.if_else(reverse_mask, pc.take(dst, index), pc.take(src, index)),
        pc.if_else(reverse_mask, pc.take(src, index), pc.take(dst, index)),
    )
    if weight is not None:
        weight = pc.take(weight, index)
    return src, dst, weight, note, loop_nodes


def graph_records(
    path: Path,
    *,
    network: str,
    kind: str,
    accounts: dict[str, list[Any]],
    edges: dict[str, list[Any]],
    rows: int,
) -> Records:
    """The records of one graph file (GML, GraphML); accounts are blogs when the network is ``"blog"``.

    ``edges`` holds the columns ``src``, ``dst``, ``weight`` and ``directed`` of the edge
    records, in file order; :func:`edge_rules` turns them into interactions.
    """
    weights = pa.array(edges["weight"], pa.float64())
    src, dst, weight, note, _ = edge_rules(
        pa.array(edges["src"], pa.string()),
        pa.array(edges["dst"], pa.string()),
        weights if weights.null_count < len(weights) else None,
        pa.array(edges["directed"], pa.bool_()),
        label=path.name,
    )
    return Records.from_columns(
        accounts={"network": network, "kind": "blog" if network == "blog" else None, **accounts},
        interactions={
            "network": network,
            "kind": kind,
            "src": src,
            "dst": dst,
            "weight": weight if weight is not None else pa.nulls(len(src), pa.float64()),
        },
        rows_read=rows,
        notes=[note],
        source=str(path),
    )
