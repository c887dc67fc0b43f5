"""Nothing lost without a word: long records, one network per graph, header lines, one edge rule,
deep JSON, and progress in named units (issue 11, sections 2, 3 and 6)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from einfluence.cli import app
from einfluence.exceptions import InputError
from einfluence.io import get_reader
from tests.conftest import table_counts

# ----------------------------------------------------------------------------- long records


def test_a_csv_line_of_50_mb_is_imported_not_dropped(workspace, tmp_path):
    # DuckDB's CSV reader skipped a line longer than its buffer: "rows read 0" and exit 0
    path = tmp_path / "posts.csv"
    path.write_text("network,id,kind,text\nt,1,original,short\nt,2,original," + "x" * 50_000_000 + "\n")
    result = workspace.import_files("generic", [path])
    assert result.rows_read == 2 and result.counts.posts_added == 2
    assert workspace.con.execute("SELECT max(length(text)) FROM posts").fetchone()[0] == 50_000_000


def test_a_json_line_over_16_mb_is_imported(workspace, tmp_path):
    path = tmp_path / "posts.jsonl"
    big = {"network": "t", "id": "1", "kind": "original", "text": "y" * 20_000_000}
    path.write_text(json.dumps(big) + "\n" + json.dumps({**big, "id": "2", "text": "z"}) + "\n")
    assert workspace.import_files("generic", [path]).counts.posts_added == 2


def test_a_record_over_the_limit_is_refused_with_line_and_field(workspace, tmp_path, monkeypatch):
    monkeypatch.setattr("einfluence.io._tabular.MAX_RECORD_BYTES", 1_000)
    before = table_counts(workspace)
    path = tmp_path / "posts.csv.gz"
    text = 'network,id,kind,text\nt,1,original,"two\nlines"\nt,2,original,"' + "w\n" * 2_000 + '"\n'
    path.write_bytes(gzip.compress(text.encode()))
    with pytest.raises(InputError, match="record of 4,015 bytes") as info:
        workspace.import_files("generic", [path])
    assert (info.value.line, info.value.field) == (4, "text")  # the record starting on line 4
    assert table_counts(workspace) == before


def test_generic_errors_name_the_line_after_multiline_fields(tmp_path):
    path = tmp_path / "posts.csv"
    path.write_text('network,id,kind,text\nt,1,original,"a\nb\nc"\nt,2,tweet,x\n')
    with pytest.raises(InputError, match="unknown kind") as info:
        get_reader("generic")([path])
    assert info.value.line == 5  # record 3 starts on line 5


# ----------------------------------------------------------------------------- one network per graph


def _edges(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def test_an_edge_list_without_network_is_not_merged_into_another_graph(workspace, tmp_path):
    first = workspace.import_files("edgelist", [_edges(tmp_path / "wiki.txt", "1 2\n2 3\n")])
    assert "network 'graph' (the default: pass --network NAME to name this graph)" in first.notes
    before = table_counts(workspace)
    other = _edges(tmp_path / "email.txt", "1 2\n3 4\n")
    with pytest.raises(InputError, match=r"already holds the edges of import #1 \(edgelist: wiki.txt\)") as info:
        workspace.import_files("edgelist", [other])
    assert "--network NAME" in str(info.value) and info.value.path == str(other)
    assert table_counts(workspace) == before
    # its own network: all its accounts and edges
    own = workspace.import_files("edgelist", [other], network="email")
    assert own.counts.accounts_added == 4 and own.counts.interactions_added == 2
    # the default network named explicitly: a deliberate merge
    merged = workspace.import_files("edgelist", [other], network="graph")
    assert merged.counts.accounts_added == 1 and merged.counts.interactions_added == 1


def test_cli_refusal_is_one_line(tmp_path):
    runner = CliRunner()
    db = tmp_path / "w.duckdb"
    for name, code in (("a.txt", 0), ("b.txt", 1)):
        result = runner.invoke(app, ["import", "edgelist", str(_edges(tmp_path / name, "1 2\n")), "--db", str(db)])
        assert result.exit_code == code, result.output
    assert len(result.output.strip().splitlines()) == 1 and "--network NAME" in result.output


# ----------------------------------------------------------------------------- header lines


@pytest.mark.parametrize(
    ("text", "header", "edges", "noted"),
    [
        ("4\t3\n1\t2\n2\t3\n3\t4\n", None, [("1", "2"), ("2", "3"), ("3", "4")], True),  # CA-GrQc's layout
        ("9 3 0 0 1\n0 1\n1 2\n2 0\n", None, [("0", "1"), ("1", "2"), ("2", "0")], True),  # NetHEPT's
        ("4\t3\n1\t2\n2\t3\n3\t4\n", False, [("4", "3"), ("1", "2"), ("2", "3"), ("3", "4")], False),
        ("1 2\n2 3\n", None, [("1", "2"), ("2", "3")], False),  # m=2, but one edge line follows
        # not a header (3 nodes > n=2): an edge, and a self-loop, so dropped with a note
        ("2 2\n1 2\n2 3\n", None, [("1", "2"), ("2", "3")], False),
    ],
)
def test_n_m_header_lines_are_detected(tmp_path, text, header, edges, noted):
    rec = get_reader("edgelist")([_edges(tmp_path / "g.txt", text)], header=header)
    got = list(zip(rec.interactions.column("src").to_pylist(), rec.interactions.column("dst").to_pylist(), strict=True))
    assert got == edges
    assert any("read as a header" in note for note in rec.notes) == noted


def test_header_detection_on_the_exact_scan(tmp_path):
    # irregular spacing sends the file to the line scan; the header is detected there too
    rec = get_reader("edgelist")([_edges(tmp_path / "g.txt", "5  2\n1 2\n  2   3\n")])
    assert rec.interactions.num_rows == 2
    assert any("'5  2' read as a header" in note for note in rec.notes)


# ----------------------------------------------------------------------------- one edge rule

# a -> b (2.0), b -> c (-1.0), c -> c (1.0), a -> b (2.0) again
GML = """graph [ directed 1
  node [ id 1 label "a" ] node [ id 2 label "b" ] node [ id 3 label "c" ]
  edge [ source 1 target 2 weight 2 ] edge [ source 2 target 3 weight -1 ]
  edge [ source 3 target 3 weight 1 ] edge [ source 1 target 2 weight 2 ] ]
"""
GRAPHML = """<?xml version="1.0"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="w" for="edge" attr.name="weight" attr.type="double"/>
  <graph edgedefault="directed">
    <node id="a"/><node id="b"/><node id="c"/>
    <edge source="a" target="b"><data key="w">2</data></edge>
    <edge source="b" target="c"><data key="w">-1</data></edge>
    <edge source="c" target="c"><data key="w">1</data></edge>
    <edge source="a" target="b"><data key="w">2</data></edge>
  </graph>
</graphml>
"""
FILES = {
    "edgelist": ("g.txt", "a b 2\nb c -1\nc c 1\na b 2\n", {"network": "g"}),
    "gml": ("g.gml", GML, {"network": "g"}),
    "graphml": ("g.graphml", GRAPHML, {"network": "g"}),
    "generic": (
        "interactions.csv",
        "network,src,dst,kind,weight\ng,a,b,hyperlink,2\ng,b,c,hyperlink,-1\ng,c,c,hyperlink,1\ng,a,b,hyperlink,2\n",
        {},
    ),
}


@pytest.mark.parametrize("fmt", list(FILES))
def test_every_graph_format_drops_self_loops_keeps_the_rest_and_says_so(workspace, tmp_path, fmt):
    name, text, options = FILES[fmt]
    result = workspace.import_files(fmt, [_edges(tmp_path / name, text)], **options)
    rows = workspace.con.execute(
        "SELECT s.source_id, d.source_id, i.weight FROM interactions i "
        "JOIN accounts s ON s.account_id = i.src_id JOIN accounts d ON d.account_id = i.dst_id ORDER BY 1, 2"
    ).fetchall()
    assert rows == [("a", "b", 2.0), ("a", "b", 2.0), ("b", "c", -1.0)]
    # the node of the dropped self-loop is still an account
    assert {r[0] for r in workspace.con.execute("SELECT source_id FROM accounts").fetchall()} == {"a", "b", "c"}
    note = next(n for n in result.notes if n.startswith(name + ":"))
    assert "4 " in note and "1 self-loop dropped" in note
    assert "1 negative weight kept (analyses use positive weights only)" in note
    if fmt != "generic":  # repeated interactions of the generic table are events, not counted
        assert "1 repeated edge kept" in note


def test_imm_follows_the_same_rule(workspace, tmp_path):
    folder = tmp_path / "imm"
    folder.mkdir()
    (folder / "attribute.txt").write_text("n=3\nm=4\n")
    (folder / "graph_ic.inf").write_text("0 1 0.5\n1 1 0.2\n0 1 0.5\n1 2 0\n")
    result = workspace.import_files("imm", [folder], network="g")
    assert result.counts.interactions_added == 3 and result.counts.accounts_added == 3
    note = next(n for n in result.notes if n.startswith("graph_ic.inf:"))
    assert "4 edge lines read, 1 self-loop dropped" in note and "1 repeated edge kept" in note
    assert "1 zero weight kept" in note


# ----------------------------------------------------------------------------- deep JSON


def _deep(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize(
    ("fmt", "name", "text", "line"),
    [
        ("twitter-v2", "t.json", '{"data": ' + _deep(100_000) + "}", 1),
        ("twitter-v2", "t.jsonl", '{"id": "1", "text": "a", "author_id": "2"}\n{"data": ' + _deep(5_000) + "}\n", 2),
        ("mastodon", "m.json", "\n\n" + _deep(100_000), 3),
        ("mastodon", "m.jsonl", '{"id": 1}\n' + '{"reblog": ' * 3_000 + "{}" + "}" * 3_000 + "\n", 2),
        ("generic", "posts.jsonl", '{"network": "t", "id": "1", "kind": "original", "text": ' + _deep(5_000) + "}\n", 1),
    ],
)
def test_deeply_nested_json_is_a_one_line_error(tmp_path, fmt, name, text, line):
    path = tmp_path / name
    path.write_text(text)
    result = CliRunner().invoke(app, ["import", fmt, str(path), "--db", str(tmp_path / "w.duckdb")])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [result.output.strip()]
    assert f"{path}:{line}: " in result.output and "nested too deeply" in result.output
    assert "Traceback" not in result.output and "RecursionError" not in result.output


def test_a_reblog_nested_in_a_reblog_is_refused(tmp_path):
    status = {"id": "1", "uri": "u1", "created_at": "2024-01-01T00:00:00Z", "account": {"id": "1", "acct": "a@b.example"}}
    path = tmp_path / "m.json"
    path.write_text(json.dumps({**status, "reblog": {**status, "uri": "u2", "reblog": {**status, "uri": "u3"}}}))
    with pytest.raises(InputError, match="a reblog inside a reblogged status") as info:
        get_reader("mastodon")([path])
    assert info.value.field == "reblog" and info.value.line == 1


# ----------------------------------------------------------------------------- progress units


class _Recorder:
    def __init__(self) -> None:
        self.steps: list[tuple[str, int | None, str | None]] = []

    def start(self, description: str, total: int | None, unit: str | None = None) -> None:
        self.steps.append((description, total, unit))

    def advance(self, amount: int) -> None:
        pass


def test_every_reader_names_the_unit_it_counts(tmp_path):
    higgs = tmp_path / "higgs-activity_time.txt"
    higgs.write_text("1 2 1341100972 RT\n")
    imm = tmp_path / "imm"
    imm.mkdir()
    (imm / "attribute.txt").write_text("n=2\nm=1\n")
    (imm / "graph_ic.inf").write_text("0 1 0.5\n")
    cases = [
        ("edgelist", [_edges(tmp_path / "g.txt", "1 2\n")], {}),
        ("higgs", [higgs], {}),
        ("imm", [imm], {}),
        ("musae", [_edges(tmp_path / "g_edges.csv", "id_1,id_2\n1,2\n")], {}),
        ("gml", [_edges(tmp_path / "g.gml", GML)], {}),
        ("graphml", [_edges(tmp_path / "g.graphml", GRAPHML)], {}),
        ("twitter-v2", [_edges(tmp_path / "t.json", '{"id": "1", "text": "a", "author_id": "2"}')], {}),
        ("generic", [_edges(tmp_path / "interactions.csv", FILES["generic"][1])], {}),
        ("posts-table", [_edges(tmp_path / "p.csv", "id,text\n1,hi\n")], {"mapping": "id=id,text=text"}),
    ]
    for fmt, paths, options in cases:
        progress = _Recorder()
        get_reader(fmt)(paths, progress=progress, **options)
        counted = [step for step in progress.steps if step[1] is not None]
        assert counted, fmt
        for description, _, unit in counted:
            assert unit in ("bytes", "files"), (fmt, description)
