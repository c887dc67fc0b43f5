"""The GraphML reader: networkx output, polblogs agreement with the GML reader, errors."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

from einfluence.exceptions import InputError
from einfluence.io.gml import read_gml
from einfluence.io.graphml import read_graphml
from tests.conftest import shared_path, table_counts


@pytest.fixture
def small(tmp_path: Path) -> Path:
    g = nx.Graph()
    g.add_node("a.example.com", label="Blog A", value=0, active=True)
    g.add_node("b.example.org/blog", label="Blog B", value=1, active=False)
    g.add_node("c.example.fr", score=2.5)
    g.add_edge("a.example.com", "b.example.org/blog", weight=3)
    g.add_edge("b.example.org/blog", "c.example.fr", weight=0.5)
    g.add_edge("c.example.fr", "c.example.fr")
    path = tmp_path / "small.graphml"
    nx.write_graphml(g, path)
    return path


def test_networkx_small_graph_exact(small: Path) -> None:
    rec = read_graphml([small])
    acc = {a["id"]: a for a in rec.accounts.to_pylist()}
    assert list(acc) == ["a.example.com", "b.example.org/blog", "c.example.fr"]
    assert acc["a.example.com"]["name"] == "Blog A"
    assert json.loads(acc["a.example.com"]["attributes"]) == {
        "label": "Blog A",
        "value": 0,
        "active": True,
    }
    assert json.loads(acc["c.example.fr"]["attributes"]) == {"score": 2.5}
    assert {a["kind"] for a in acc.values()} == {"blog"}
    got = [(i["src"], i["dst"], i["kind"], i["weight"]) for i in rec.interactions.to_pylist()]
    # undirected: both directions; the self-loop is dropped
    assert got == [
        ("a.example.com", "b.example.org/blog", "hyperlink", 3.0),
        ("b.example.org/blog", "a.example.com", "hyperlink", 3.0),
        ("b.example.org/blog", "c.example.fr", "hyperlink", 0.5),
        ("c.example.fr", "b.example.org/blog", "hyperlink", 0.5),
    ]
    assert rec.rows_read == 6
    assert any("1 self-loop" in n for n in rec.notes)


def test_directed_edges_and_per_edge_override(tmp_path: Path) -> None:
    path = tmp_path / "d.graphml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
        '  <key id="w" for="edge" attr.name="weight" attr.type="double"><default>1.5</default></key>\n'
        '  <graph edgedefault="directed">\n'
        '    <node id="x"/><node id="y"/>\n'
        '    <edge source="x" target="y"/>\n'
        '    <edge source="y" target="x" directed="false"><data key="w">2</data></edge>\n'
        "  </graph>\n</graphml>\n",
        encoding="utf-8",
    )
    rec = read_graphml([path], network="web", kind="follow")
    got = [(i["src"], i["dst"], i["weight"], i["kind"]) for i in rec.interactions.to_pylist()]
    assert got == [("x", "y", 1.5, "follow"), ("y", "x", 2.0, "follow"), ("x", "y", 2.0, "follow")]
    assert rec.accounts.column("kind").to_pylist() == [None, None]


def test_store_round_trip_and_idempotence(workspace, small: Path, tmp_path: Path) -> None:
    first = workspace.import_files("graphml", [small])
    assert (first.counts.accounts_added, first.counts.interactions_added) == (3, 4)
    before = table_counts(workspace)
    assert workspace.import_files("graphml", [small]).skipped
    assert table_counts(workspace) == before
    copy = tmp_path / "renamed.graphml"
    shutil.copy(small, copy)
    again = workspace.import_files("graphml", [copy])
    assert not again.skipped
    assert (again.counts.accounts_added, again.counts.interactions_added) == (0, 0)


def test_polblogs_agrees_with_gml(tmp_path: Path) -> None:
    gml = shared_path("polblogs", "polblogs.gml")
    text = gml.read_text(encoding="utf-8").replace("directed 1", "directed 1\n  multigraph 1", 1)
    graph = nx.parse_gml(text, label="label")
    path = tmp_path / "polblogs.graphml"
    nx.write_graphml(graph, path)
    from_graphml = read_graphml([path])
    from_gml = read_gml([gml])
    assert from_graphml.accounts.num_rows == from_gml.accounts.num_rows == 1490
    assert from_graphml.interactions.num_rows == from_gml.interactions.num_rows == 19087

    def edges(rec):
        return Counter(
            zip(
                rec.interactions.column("src").to_pylist(),
                rec.interactions.column("dst").to_pylist(),
                strict=True,
            )
        )

    assert edges(from_graphml) == edges(from_gml)
    assert len(edges(from_gml)) == 19022
    assert set(from_graphml.accounts.column("id").to_pylist()) == set(
        from_gml.accounts.column("id").to_pylist()
    )


HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
    '  <key id="d0" for="node" attr.name="value" attr.type="int"/>\n'
    '  <graph edgedefault="directed">\n'
    '    <node id="a"><data key="d0">1</data></node>\n'
    '    <node id="b"/>\n'
)
TAIL = "  </graph>\n</graphml>\n"
BAD_INPUTS = {
    "malformed": (HEAD + '    <edge source="a" target="b">\n' + TAIL, 8, None),
    "truncated": (HEAD + '    <edge source="a" target="b"/>\n  </gra', 8, None),
    "missing_field": (HEAD + '    <edge source="a"/>\n' + TAIL, 7, "target"),
    "missing_id": (HEAD + "    <node/>\n" + TAIL, 7, "id"),
    "wrong_type": (
        HEAD + '    <node id="c"><data key="d0">many</data></node>\n' + TAIL,
        7,
        "value",
    ),
    "undeclared_key": (HEAD + '    <node id="c"><data key="d9">1</data></node>\n' + TAIL, 7, "key"),
    "unknown_node": (HEAD + '    <edge source="a" target="z"/>\n' + TAIL, 7, "target"),
    "duplicate_node": (HEAD + '    <node id="a"/>\n' + TAIL, 7, "id"),
    "not_graphml": ('<?xml version="1.0"?>\n<rss version="2.0"/>\n', 2, None),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_names_file_line_field(workspace, small: Path, tmp_path: Path, case: str) -> None:
    workspace.import_files("graphml", [small])
    before = table_counts(workspace)
    text, line, field = BAD_INPUTS[case]
    path = tmp_path / f"{case}.graphml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        workspace.import_files("graphml", [path])
    err = info.value
    assert (err.path, err.line, err.field) == (str(path), line, field)
    assert f"{path}:{line}:" in str(err)
    assert table_counts(workspace) == before


def test_non_utf8_missing_file_unknown_kind(workspace, small: Path, tmp_path: Path) -> None:
    before = table_counts(workspace)
    path = tmp_path / "latin.graphml"
    path.write_bytes((HEAD + '    <node id="caf\xe9"/>\n' + TAIL).encode("latin-1"))
    with pytest.raises(InputError) as info:
        workspace.import_files("graphml", [path])
    assert (info.value.path, info.value.line) == (str(path), 7)
    with pytest.raises(InputError, match="no such file"):
        workspace.import_files("graphml", [tmp_path / "absent.graphml"])
    with pytest.raises(InputError) as info:
        workspace.import_files("graphml", [small], kind="tweet")
    assert info.value.field == "kind"
    assert table_counts(workspace) == before
