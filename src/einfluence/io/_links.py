"""Shared machinery of the link-graph readers (GML, GraphML): edge kind, directions, records.

Both readers turn the nodes of a graph file into accounts and its edges into interactions of
one kind (``hyperlink`` by default), store an undirected edge in both directions, drop
self-loops (counted in the notes) and give one :class:`~einfluence.io.Records` per file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from einfluence.base.kinds import INTERACTION_KINDS
from einfluence.exceptions import InputError
from einfluence.io.records import Records

__all__ = ["add_edge", "check_edge_kind", "graph_records"]


def check_edge_kind(kind: str | None) -> str:
    """The interaction kind of the edges: ``kind``, by default ``"hyperlink"``, checked."""
    kind = kind or "hyperlink"
    if kind not in INTERACTION_KINDS:
        raise InputError(
            f"unknown interaction kind {kind!r} (expected one of {', '.join(INTERACTION_KINDS)})",
            field="kind",
        )
    return kind


def add_edge(inter: dict[str, list[Any]], src: Any, dst: Any, weight: float | None, directed: bool) -> None:
    """Append the edge ``src -> dst`` to the interaction columns, and ``dst -> src`` if undirected."""
    for a, b in [(src, dst)] if directed else [(src, dst), (dst, src)]:
        inter["src"].append(a)
        inter["dst"].append(b)
        inter["weight"].append(weight)


def graph_records(
    path: Path,
    *,
    network: str,
    kind: str,
    accounts: dict[str, list[Any]],
    inter: dict[str, list[Any]],
    rows: int,
    loops: int,
    looping: str,
) -> Records:
    """The records of one graph file; accounts are blogs when the network is ``"blog"``.

    ``loops`` self-loops were dropped; the note says ``{looping} linking to itself``.
    """
    notes = [f"{path.name}: {loops} self-loop edge(s) dropped ({looping} linking to itself)"] if loops else []
    return Records.from_columns(
        accounts={"network": network, "kind": "blog" if network == "blog" else None, **accounts},
        interactions={"network": network, "kind": kind, **inter},
        rows_read=rows,
        notes=notes,
        source=str(path),
    )
