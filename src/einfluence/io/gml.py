"""Reader of GML link graphs (Graph Modelling Language), such as the polblogs network.

The parser is einfluence's own: ``networkx.read_gml`` refuses graphs with repeated edges, and
polblogs holds 65 of them. The tokeniser keeps line numbers so that every error names its line.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from einfluence.base.progress import Progress
from einfluence.exceptions import InputError
from einfluence.i18n import Reason
from einfluence.io._links import check_edge_kind, graph_records
from einfluence.io._reading import ReaderContext, decode_utf8, read_all_bytes, reader_files
from einfluence.io.records import Records

__all__ = ["GmlList", "parse_gml", "read_gml"]

#: A parsed GML list: ``(key, value, line)`` triples in file order (keys may repeat).
GmlList = list[tuple[str, Any, int]]

_TOKEN = re.compile(
    r"""
    (?P<space>[ \t\r\f\v]+)
  | (?P<newline>\n)
  | (?P<comment>\#[^\n]*)
  | (?P<string>"[^"]*")
  | (?P<real>[+-]?(?:\d+\.\d*|\.\d+)(?:[eE][+-]?\d+)?|[+-]?\d+[eE][+-]?\d+)
  | (?P<int>[+-]?\d+)
  | (?P<key>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<open>\[)
  | (?P<close>\])
  | (?P<other>.)
    """,
    re.VERBOSE,
)


def _tokens(text: str, source: str) -> Iterator[tuple[str, Any, int]]:
    """Yield ``(kind, value, line)`` for each significant token of a GML text."""
    line = 1
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        value = match.group()
        if kind == "newline":
            line += 1
        elif kind in ("space", "comment"):
            continue
        elif kind == "string":
            yield "string", html.unescape(value[1:-1]), line
            line += value.count("\n")
        elif kind == "real":
            yield "value", float(value), line
        elif kind == "int":
            yield "value", int(value), line
        elif kind == "other":
            if value == '"':
                raise InputError(Reason("input.gml.unterminated"), path=source, line=line)
            raise InputError(Reason("input.gml.character", found=repr(value)), path=source, line=line)
        else:
            yield kind, value, line  # key, open, close


def parse_gml(text: str, *, source: str = "<gml>") -> GmlList:
    """Parse GML text into nested lists of ``(key, value, line)`` triples.

    Parameters
    ----------
    text : str
        The GML document.
    source : str
        How to name the input in errors.

    Returns
    -------
    GmlList
        The top-level key-value pairs; a list value is itself a :data:`GmlList`. Integers,
        reals and strings become ``int``, ``float`` and ``str`` (HTML character entities such as
        ``&amp;`` are decoded).

    Raises
    ------
    InputError
        On an unexpected character or token, an unterminated string, a key without a value, or
        a ``[`` never closed (the truncated-file case), naming the line.

    Examples
    --------
    >>> parse_gml('graph [ directed 1 node [ id 1 label "a" ] ]')
    [('graph', [('directed', 1, 1), ('node', [('id', 1, 1), ('label', 'a', 1)], 1)], 1)]
    """
    root: GmlList = []
    stack: list[tuple[GmlList, str, int]] = []  # enclosing lists, with the key that opened them
    current = root
    pending: tuple[str, int] | None = None  # a key waiting for its value
    for kind, value, line in _tokens(text, source):
        if pending is None:
            if kind == "key":
                pending = (value, line)
            elif kind == "close":
                if not stack:
                    raise InputError(Reason("input.gml.close"), path=source, line=line)
                parent, key, opened = stack.pop()
                parent.append((key, current, opened))
                current = parent
            else:
                shown = value if kind != "string" else f'"{value}"'
                raise InputError(Reason("input.gml.key", found=repr(shown)), path=source, line=line)
            continue
        key, key_line = pending
        pending = None
        if kind in ("value", "string"):
            current.append((key, value, key_line))
        elif kind == "open":
            stack.append((current, key, key_line))
            current = []
        else:
            raise InputError(Reason("input.gml.no_value", key_name=repr(key)), path=source, line=key_line, field=key)
    if pending is not None:
        raise InputError(
            Reason("input.gml.end_value"),
            path=source,
            line=pending[1],
            field=pending[0],
        )
    if stack:
        _, key, opened = stack[-1]
        raise InputError(
            Reason("input.gml.end_list", key_name=key, line=opened),
            path=source,
            line=opened,
            field=key,
        )
    return root


def _first(items: GmlList, key: str) -> tuple[Any, int] | None:
    for k, value, line in items:
        if k == key:
            return value, line
    return None


def _node_id(value: Any, line: int, source: str, key: str) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, str)) or value == "":
        raise InputError(
            Reason("input.gml.id", found=repr(value)),
            path=source,
            line=line,
            field=key,
        )
    return str(value)


def _read_one(
    path: Path, progress: Progress | None
) -> tuple[dict[str, list[Any]], dict[str, list[Any]], int]:
    source = str(path)
    data = read_all_bytes(path)
    if progress is not None:
        progress.advance(len(data))
    items = parse_gml(decode_utf8(data, source=source), source=source)
    found = _first(items, "graph")
    if found is None or not isinstance(found[0], list):
        raise InputError(Reason("input.gml.no_graph"), path=source, line=1, field="graph")
    graph, _ = found
    directed_item = _first(graph, "directed")
    directed = False
    if directed_item is not None:
        flag, line = directed_item
        if flag not in (0, 1):
            raise InputError(
                Reason("input.gml.directed", found=repr(flag)), path=source, line=line, field="directed"
            )
        directed = flag == 1

    nodes: list[tuple[str, str | None, dict[str, Any], int]] = []  # (id, label, attributes, line)
    seen_ids: dict[str, int] = {}
    edges: list[tuple[str, str, float | None, int]] = []
    for key, value, line in graph:
        if key not in ("node", "edge"):
            continue
        if not isinstance(value, list):
            raise InputError(Reason("input.gml.list", key_name=key), path=source, line=line, field=key)
        if key == "node":
            id_item = _first(value, "id")
            if id_item is None:
                raise InputError(Reason("input.gml.node_id"), path=source, line=line, field="id")
            node_id = _node_id(id_item[0], id_item[1], source, "id")
            if node_id in seen_ids:
                raise InputError(
                    Reason("input.gml.duplicate", id=node_id, line=seen_ids[node_id]),
                    path=source,
                    line=id_item[1],
                    field="id",
                )
            seen_ids[node_id] = id_item[1]
            label: str | None = None
            attributes: dict[str, Any] = {}
            for k, v, v_line in value:
                if k == "id" or isinstance(v, list):
                    continue
                if k == "label":
                    if not isinstance(v, str):
                        raise InputError(
                            Reason("input.gml.string", found=repr(v)),
                            path=source,
                            line=v_line,
                            field="label",
                        )
                    label = v
                else:
                    attributes.setdefault(k, v)
            nodes.append((node_id, label, attributes, line))
        else:
            ends = []
            for end in ("source", "target"):
                item = _first(value, end)
                if item is None:
                    raise InputError(Reason("input.gml.edge_end", end=end), path=source, line=line, field=end)
                ends.append(_node_id(item[0], item[1], source, end))
            weight_item = _first(value, "weight")
            weight = None
            if weight_item is not None:
                w, w_line = weight_item
                if isinstance(w, bool) or not isinstance(w, (int, float)) or not math.isfinite(w):
                    raise InputError(
                        Reason("input.gml.weight", found=repr(w)), path=source, line=w_line, field="weight"
                    )
                weight = float(w)
            # nodes may follow edges in GML: the ends are checked once every node is known
            edges.append((ends[0], ends[1], weight, line))

    # the source id of a node: its label when every node has one and they are all distinct
    labels = [n[1] for n in nodes]
    use_labels = (
        bool(nodes) and None not in labels and "" not in labels and len(set(labels)) == len(labels)
    )
    ids = {n[0]: (n[1] if use_labels else n[0]) for n in nodes}

    accounts: dict[str, list[Any]] = {"id": [], "name": [], "attributes": []}
    for node_id, label, attributes, _ in nodes:
        accounts["id"].append(ids[node_id])
        accounts["name"].append(label)
        if not use_labels and label is not None:
            attributes = {"label": label, **attributes}
        elif use_labels:
            attributes = {
                "gml_id": int(node_id) if node_id.lstrip("-").isdigit() else node_id,
                **attributes,
            }
        accounts["attributes"].append(json.dumps(attributes, sort_keys=True, ensure_ascii=False))

    inter: dict[str, list[Any]] = {"src": [], "dst": [], "weight": [], "directed": []}
    for src, dst, weight, line in edges:
        for end, end_id in (("source", src), ("target", dst)):
            if end_id not in ids:
                raise InputError(
                    Reason("input.gml.unknown_node", id=end_id), path=source, line=line, field=end
                )
        inter["src"].append(ids[src])
        inter["dst"].append(ids[dst])
        inter["weight"].append(weight)
        inter["directed"].append(directed)
    return accounts, inter, len(nodes) + len(edges)


def read_gml(
    paths: Sequence[Path],
    *,
    progress: Progress | None = None,
    context: ReaderContext | None = None,
    network: str | None = None,
    kind: str | None = None,
) -> Records:
    """Read GML link graphs: nodes become accounts, edges become interactions.

    Parameters
    ----------
    paths : sequence of Path
        GML files (``*.gz`` accepted); their graphs are merged.
    progress : Progress, optional
        Advanced by the bytes of each file.
    context : ReaderContext, optional
        Unused (accepted for the common reader signature).
    network : str, optional
        Network of the accounts and interactions; default ``"blog"``.
    kind : str, optional
        Interaction kind of the edges, one of
        :data:`~einfluence.io.records.INTERACTION_KINDS`; default ``"hyperlink"``.

    Returns
    -------
    Records
        One account per node, one interaction per edge record (two for an undirected graph),
        no posts. ``rows_read`` counts node and edge records.

    Raises
    ------
    InputError
        Missing file, bytes that are not UTF-8, a syntax error or truncated file, a node without
        ``id``, a duplicate node id, an edge without ``source``/``target`` or towards an unknown
        node, a non-numeric ``weight``, an unknown ``kind``: the message names the file, the
        line and the key.

    Notes
    -----
    Rules chosen by this reader:

    * **Account source id**: the node's ``label`` when *every* node has a non-empty label and
      the labels are all distinct (polblogs: the blog URL such as ``"dailykos.com"``); otherwise
      the node ``id`` for every node (the label is then kept in ``attributes``). The choice is
      made per file, never node by node, so ids are never a mixture.
    * **Attributes**: the node's other scalar keys (polblogs: ``value``, ``source``) go into the
      ``attributes`` JSON object, plus ``gml_id`` (the numeric GML id) when labels are used;
      nested lists such as ``graphics`` are ignored. The label is the account ``name``. When the
      network is ``"blog"`` the accounts are of kind ``blog``.
    * **Direction**: ``directed 1`` keeps each edge ``source -> target`` (the source blog links
      to the target, so src = source, dst = target). ``directed 0`` or absent (the GML default)
      stores both directions.
    * **Self-loops, repeated edges, weights** follow the rule of every graph reader
      (:mod:`einfluence.io._links`): self-loops (a blog linking to itself) are dropped,
      repeated edges kept, negative or zero weights kept; a note counts each, per file.
      Polblogs gives 1,490 accounts and 19,087 interactions (19,090 edge records minus 3
      self-loops).
    * An edge ``weight`` (integer or real) becomes the interaction weight.
    * Text is decoded as UTF-8 (a superset of the ASCII the GML paper prescribes); HTML entities
      (``&amp;``, ``&#233;``) in strings are decoded. ``#`` starts a comment outside strings.

    References
    ----------
    .. [1] M. Himsolt, "GML: A portable Graph File Format", Universität Passau, 1997.
    .. [2] L. A. Adamic and N. Glance, "The political blogosphere and the 2004 U.S. election:
       divided they blog", LinkKDD 2005.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.gml"
    >>> _ = p.write_text('graph [ directed 1 node [ id 1 label "a.com" ] '
    ...                  'node [ id 2 label "b.org" ] edge [ source 1 target 2 ] ]')
    >>> rec = read_gml([p])
    >>> rec.interactions.column("src").to_pylist(), rec.interactions.column("dst").to_pylist()
    (['a.com'], ['b.org'])
    """
    network = network or "blog"
    kind = check_edge_kind(kind)
    files = reader_files(paths, progress, Reason("progress.read_gml"))
    result = Records()
    for path in files:
        accounts, edges, rows = _read_one(path, progress)
        one = graph_records(path, network=network, kind=kind, accounts=accounts, edges=edges, rows=rows)
        result = result.extend(one)
    return result
