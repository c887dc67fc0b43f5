"""Reader of GraphML link graphs, with the standard library's expat parser (exact line numbers)."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.parsers import expat

from einfluence.base.progress import Progress
from einfluence.exceptions import InputError
from einfluence.i18n import Reason
from einfluence.io._links import check_edge_kind, graph_records
from einfluence.io._reading import ReaderContext, read_all_bytes, reader_files
from einfluence.io.records import Records

__all__ = ["read_graphml"]

_TRUE = {"true", "1"}
_FALSE = {"false", "0"}


@dataclass
class _Key:
    name: str
    type: str
    domain: str  # node, edge, graph, all
    default: Any = None


@dataclass
class _Element:
    """A node or edge being read."""

    tag: str
    line: int
    attrs: dict[str, str]
    data: dict[str, Any] = field(default_factory=dict)


def _convert(text: str, key: _Key, source: str, line: int) -> Any:
    value = text.strip() if key.type != "string" else text
    try:
        if key.type in ("int", "long"):
            return int(value)
        if key.type in ("float", "double"):
            return float(value)
        if key.type == "boolean":
            if value.lower() in _TRUE:
                return True
            if value.lower() in _FALSE:
                return False
            raise ValueError(value)
    except ValueError:
        raise InputError(
            Reason("input.graphml.value", type=key.type, found=repr(text)), path=source, line=line, field=key.name
        ) from None
    return text


class _GraphMLParser:
    """Streaming GraphML reader collecting nodes and edges (hyperedges are ignored)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.keys: dict[str, _Key] = {}
        self.nodes: list[_Element] = []
        self.edges: list[tuple[_Element, bool]] = []
        self.edgedefault: list[bool] = []  # directed flag of the enclosing graphs
        self.current: list[_Element] = []  # node/edge stack (nodes may nest graphs)
        self.key_default: _Key | None = None
        self.data_key: tuple[_Key, int] | None = None
        self.text: list[str] = []
        self.root_seen = False
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.chars

    def error(self, message: str, field: str | None = None) -> InputError:
        return InputError(
            message, path=self.source, line=self.parser.CurrentLineNumber, field=field
        )

    @staticmethod
    def local(name: str) -> str:
        return name.rsplit(" ", 1)[-1]

    def require(self, attrs: dict[str, str], name: str, tag: str) -> str:
        value = attrs.get(name)
        if value is None or value == "":
            raise self.error(Reason("input.graphml.attribute", tag=tag, name=repr(name)), name)
        return value

    def start(self, name: str, raw: dict[str, str]) -> None:
        tag = self.local(name)
        attrs = {self.local(k): v for k, v in raw.items()}
        line = self.parser.CurrentLineNumber
        if not self.root_seen:
            if tag != "graphml":
                raise self.error(Reason("input.graphml.root", tag=tag))
            self.root_seen = True
        if tag == "key":
            key_id = self.require(attrs, "id", "key")
            self.keys[key_id] = _Key(
                attrs.get("attr.name") or key_id,
                attrs.get("attr.type", "string"),
                attrs.get("for", "all"),
            )
            if self.keys[key_id].type not in (
                "boolean",
                "int",
                "long",
                "float",
                "double",
                "string",
            ):
                raise self.error(Reason("input.graphml.attr_type", found=repr(self.keys[key_id].type)), "attr.type")
            self.current_key = self.keys[key_id]
        elif tag == "default":
            self.key_default = getattr(self, "current_key", None)
            self.text = []
        elif tag == "graph":
            edgedefault = attrs.get("edgedefault", "directed")
            if edgedefault not in ("directed", "undirected"):
                raise self.error(
                    Reason("input.graphml.edgedefault", found=repr(edgedefault)),
                    "edgedefault",
                )
            self.edgedefault.append(edgedefault == "directed")
        elif tag == "node":
            self.require(attrs, "id", "node")
            element = _Element("node", line, attrs)
            self.current.append(element)
            self.nodes.append(element)
        elif tag == "edge":
            self.require(attrs, "source", "edge")
            self.require(attrs, "target", "edge")
            directed = self.edgedefault[-1] if self.edgedefault else True
            flag = attrs.get("directed")
            if flag is not None:
                if flag not in ("true", "false"):
                    raise self.error(Reason("input.graphml.directed", found=repr(flag)), "directed")
                directed = flag == "true"
            element = _Element("edge", line, attrs)
            self.current.append(element)
            self.edges.append((element, directed))
        elif tag == "data":
            key_id = self.require(attrs, "key", "data")
            if key_id not in self.keys:
                raise self.error(Reason("input.graphml.key", found=repr(key_id)), "key")
            self.data_key = (self.keys[key_id], line)
            self.text = []

    def end(self, name: str) -> None:
        tag = self.local(name)
        if tag == "default" and self.key_default is not None:
            self.key_default.default = _convert(
                "".join(self.text), self.key_default, self.source, self.parser.CurrentLineNumber
            )
            self.key_default = None
        elif tag == "data" and self.data_key is not None:
            key, line = self.data_key
            self.data_key = None
            if self.current:
                self.current[-1].data[key.name] = _convert(
                    "".join(self.text), key, self.source, line
                )
        elif tag in ("node", "edge") and self.current:
            self.current.pop()
        elif tag == "graph" and self.edgedefault:
            self.edgedefault.pop()

    def chars(self, text: str) -> None:
        if self.data_key is not None or self.key_default is not None:
            self.text.append(text)

    def parse(self, data: bytes) -> None:
        try:
            self.parser.Parse(data, True)
        except expat.ExpatError as exc:
            message = expat.ErrorString(exc.code)
            raise InputError(
                Reason("input.graphml.xml", detail=message),
                path=self.source,
                line=exc.lineno,
            ) from None
        if not self.root_seen:
            raise InputError(Reason("input.graphml.empty"), path=self.source, line=1)


def read_graphml(
    paths: Sequence[Path],
    *,
    progress: Progress | None = None,
    context: ReaderContext | None = None,
    network: str | None = None,
    kind: str | None = None,
) -> Records:
    """Read GraphML link graphs: nodes become accounts, edges interactions.

    Parameters
    ----------
    paths : sequence of Path
        GraphML files (``*.gz`` accepted); their graphs are merged.
    progress : Progress, optional
        Advanced by the bytes of each file.
    context : ReaderContext, optional
        Unused.
    network : str, optional
        Network of the accounts and interactions; default ``"blog"``.
    kind : str, optional
        Interaction kind of the edges; default ``"hyperlink"``.

    Returns
    -------
    Records
        One account per node, one interaction per directed edge (two for an undirected one),
        no posts; ``rows_read`` counts nodes and edges.

    Raises
    ------
    InputError
        Missing file, an XML error (malformed, truncated, bytes not in the declared encoding),
        a root other than ``<graphml>``, a node without ``id``, a duplicate node id, an edge
        without ``source``/``target`` or towards an undeclared node, ``<data>`` of an
        undeclared key, a value not of its key's ``attr.type``, an unknown ``kind``: naming
        the file, line and field.

    Notes
    -----
    * **Account source id**: the node ``id`` as written. (To read polblogs converted by
      networkx with blog URLs as ids, parse the GML with ``label="label"``.) A ``label`` or
      ``name`` data value becomes the account name; every data value of the node (typed by its
      ``<key attr.type>``, key defaults applied) goes into the ``attributes`` JSON object,
      named by ``attr.name``. With network ``"blog"`` the accounts are of kind ``blog``.
    * **Edges**: ``source -> target`` (the source links to the target). A graph with
      ``edgedefault="undirected"``, or an edge with ``directed="false"``, gives both
      directions. A ``weight`` data value becomes the interaction weight. Self-loops, repeated
      edges and weights follow the rule of every graph reader (:mod:`einfluence.io._links`):
      self-loops dropped, repeated edges and negative or zero weights kept, each counted in
      ``Records.notes``. Hyperedges and ports are ignored.

    References
    ----------
    .. [1] U. Brandes, M. Eiglsperger, I. Herman, M. Himsolt and M. S. Marshall, "GraphML
       Progress Report: Structural Layer Proposal", Graph Drawing 2001, LNCS 2265, and the
       GraphML Primer, http://graphml.graphdrawing.org/primer/graphml-primer.html
    """
    network = network or "blog"
    kind = check_edge_kind(kind)
    files = reader_files(paths, progress, Reason("progress.read_graphml"))
    result = Records()
    for path in files:
        source = str(path)
        data = read_all_bytes(path)
        reader = _GraphMLParser(source)
        reader.parse(data)
        if progress is not None:
            progress.advance(len(data))
        accounts, seen = _node_columns(reader, source)
        one = graph_records(
            path, network=network, kind=kind, accounts=accounts, edges=_edge_columns(reader, seen, source),
            rows=len(reader.nodes) + len(reader.edges),
        )
        result = result.extend(one)
    return result


def _defaults(reader: _GraphMLParser, domain: str) -> dict[str, Any]:
    """Default values of the keys of ``domain`` (``"node"`` or ``"edge"``), by name."""
    return {
        k.name: k.default
        for k in reader.keys.values()
        if k.domain in (domain, "all") and k.default is not None
    }


def _node_columns(reader: _GraphMLParser, source: str) -> tuple[dict[str, list[Any]], dict[str, int]]:
    """Account columns of the nodes (id, name, attributes), and the line of each node id."""
    node_defaults = _defaults(reader, "node")
    accounts: dict[str, list[Any]] = {"id": [], "name": [], "attributes": []}
    seen: dict[str, int] = {}
    for node in reader.nodes:
        node_id = node.attrs["id"]
        if node_id in seen:
            raise InputError(
                Reason("input.graphml.duplicate", id=repr(node_id), line=seen[node_id]),
                path=source,
                line=node.line,
                field="id",
            )
        seen[node_id] = node.line
        values = {**node_defaults, **node.data}
        name = values.get("label", values.get("name"))
        accounts["id"].append(node_id)
        accounts["name"].append(None if name is None else str(name))
        accounts["attributes"].append(
            json.dumps(values, sort_keys=True, ensure_ascii=False) if values else None
        )
    return accounts, seen


def _edge_columns(reader: _GraphMLParser, seen: dict[str, int], source: str) -> dict[str, list[Any]]:
    """The edge records' columns (src, dst, weight, directed), in file order."""
    edge_defaults = _defaults(reader, "edge")
    inter: dict[str, list[Any]] = {"src": [], "dst": [], "weight": [], "directed": []}
    for edge, directed in reader.edges:
        src, dst = edge.attrs["source"], edge.attrs["target"]
        for end, end_id in (("source", src), ("target", dst)):
            if end_id not in seen:
                raise InputError(
                    Reason("input.graphml.unknown_node", id=repr(end_id)),
                    path=source,
                    line=edge.line,
                    field=end,
                )
        weight = {**edge_defaults, **edge.data}.get("weight")
        if weight is not None and (
            isinstance(weight, bool) or not isinstance(weight, (int, float)) or not math.isfinite(weight)
        ):
            raise InputError(
                Reason("input.graphml.weight", found=repr(weight)),
                path=source,
                line=edge.line,
                field="weight",
            )
        inter["src"].append(src)
        inter["dst"].append(dst)
        inter["weight"].append(None if weight is None else float(weight))
        inter["directed"].append(directed)
    return inter
