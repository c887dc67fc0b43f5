"""The GML reader: exact records, store round trip, idempotence, errors and the real polblogs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from einfluence.exceptions import InputError
from einfluence.io.gml import parse_gml, read_gml
from tests.conftest import shared_path, table_counts

DATA = Path(__file__).parent / "data" / "gml"


def test_parse_gml_nested_lists_and_lines() -> None:
    items = parse_gml('a 1\nb [ c -2.5e1 d "x\ny" ]\ne "&amp;"')
    assert items == [("a", 1, 1), ("b", [("c", -25.0, 2), ("d", "x\ny", 2)], 2), ("e", "&", 4)]


def test_tiny_exact_records() -> None:
    rec = read_gml([DATA / "tiny.gml"])
    acc = rec.accounts.to_pylist()
    assert [a["id"] for a in acc] == [
        "alpha.example.com",
        "beta.example.org/blog",
        "café.example.fr",
    ]
    assert {a["network"] for a in acc} == {"blog"}
    assert {a["kind"] for a in acc} == {"blog"}
    assert acc[0]["name"] == "alpha.example.com"
    assert json.loads(acc[1]["attributes"]) == {
        "gml_id": 2,
        "value": 1,
        "source": "LeftyDirectory,eTalkingHead",
    }
    inter = rec.interactions.to_pylist()
    assert [(i["src"], i["dst"], i["kind"], i["weight"]) for i in inter] == [
        ("alpha.example.com", "beta.example.org/blog", "hyperlink", None),
        ("alpha.example.com", "beta.example.org/blog", "hyperlink", None),
        ("beta.example.org/blog", "café.example.fr", "hyperlink", 2.5),
    ]
    assert all(i["time"] is None and i["post"] is None for i in inter)
    assert rec.posts.num_rows == 0
    assert rec.rows_read == 7
    assert any("1 self-loop" in n for n in rec.notes)


def test_undirected_stores_both_directions_and_ids_without_unique_labels() -> None:
    rec = read_gml([DATA / "undirected.gml"], network="web", kind="hyperlink")
    # one node has no label: every node is then known by its id
    assert rec.accounts.column("id").to_pylist() == ["10", "20"]
    assert json.loads(rec.accounts.column("attributes")[1].as_py()) == {"label": "twenty"}
    assert rec.accounts.column("kind").to_pylist() == [None, None]
    pairs = [(i["src"], i["dst"], i["weight"]) for i in rec.interactions.to_pylist()]
    assert pairs == [("10", "20", 3.0), ("20", "10", 3.0)]
    assert set(rec.interactions.column("network").to_pylist()) == {"web"}


def test_store_round_trip_and_idempotence(workspace, tmp_path: Path) -> None:
    first = workspace.import_files("gml", [DATA / "tiny.gml"])
    assert not first.skipped
    assert first.counts.accounts_added == 3
    assert first.counts.interactions_added == 3
    rows = workspace.con.execute(
        "SELECT s.source_id, d.source_id, i.kind, i.seq FROM interactions i "
        "JOIN accounts s ON s.account_id = i.src_id JOIN accounts d ON d.account_id = i.dst_id "
        "ORDER BY 1, 2, 4"
    ).fetchall()
    assert rows == [
        ("alpha.example.com", "beta.example.org/blog", "hyperlink", 0),
        ("alpha.example.com", "beta.example.org/blog", "hyperlink", 1),
        ("beta.example.org/blog", "café.example.fr", "hyperlink", 0),
    ]
    before = table_counts(workspace)
    again = workspace.import_files("gml", [DATA / "tiny.gml"])
    assert again.skipped and again.import_id == first.import_id
    assert table_counts(workspace) == before
    copy = tmp_path / "renamed.gml"
    shutil.copy(DATA / "tiny.gml", copy)
    renamed = workspace.import_files("gml", [copy])
    assert not renamed.skipped
    assert renamed.counts.accounts_added == 0
    assert renamed.counts.interactions_added == 0
    after = table_counts(workspace)
    assert {k: v for k, v in after.items() if k != "imports"} == {
        k: v for k, v in before.items() if k != "imports"
    }


GOOD_HEAD = 'graph [\n  directed 1\n  node [ id 1 label "a" ]\n  node [ id 2 label "b" ]\n'

BAD_INPUTS = {
    "malformed": (GOOD_HEAD + "  edge [ source 1 target 2 } ]\n]\n", 5, None),
    "missing_field": (GOOD_HEAD + "  edge [\n    source 1\n  ]\n]\n", 5, "target"),
    "wrong_type": (GOOD_HEAD + '  edge [ source 1 target 2 weight "heavy" ]\n]\n', 5, "weight"),
    "wrong_id_type": (GOOD_HEAD + "  node [ id 2.5 ]\n]\n", 5, "id"),
    "unknown_node": (GOOD_HEAD + "  edge [ source 1 target 9 ]\n]\n", 5, "target"),
    "duplicate_node": (GOOD_HEAD + "  node [ id 1 ]\n]\n", 5, "id"),
    "truncated": (GOOD_HEAD + "  edge [ source 1 target 2 ]\n  edge [ source 1\n", 6, "edge"),
    "unterminated_string": (GOOD_HEAD + '  node [ id 3 label "c ]\n]\n', 5, None),
    "no_graph": ('Creator "x"\n', 1, "graph"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_names_file_line_field(workspace, tmp_path: Path, case: str) -> None:
    workspace.import_files("gml", [DATA / "tiny.gml"])
    before = table_counts(workspace)
    text, line, field = BAD_INPUTS[case]
    path = tmp_path / f"{case}.gml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        workspace.import_files("gml", [path])
    err = info.value
    assert err.path == str(path)
    assert err.line == line
    assert err.field == field
    assert str(path) in str(err) and f":{line}:" in str(err)
    assert table_counts(workspace) == before


def test_non_utf8_missing_file_and_unknown_kind(workspace, tmp_path: Path) -> None:
    before = table_counts(workspace)
    path = tmp_path / "latin1.gml"
    path.write_bytes((GOOD_HEAD + '  node [ id 3 label "caf\xe9" ]\n]\n').encode("latin-1"))
    with pytest.raises(InputError) as info:
        workspace.import_files("gml", [path])
    assert info.value.path == str(path) and info.value.line == 5
    with pytest.raises(InputError, match="no such file"):
        workspace.import_files("gml", [tmp_path / "absent.gml"])
    with pytest.raises(InputError) as info:
        workspace.import_files("gml", [DATA / "tiny.gml"], kind="tweet")
    assert info.value.field == "kind"
    assert table_counts(workspace) == before


def test_polblogs_counts(workspace) -> None:
    path = shared_path("polblogs", "polblogs.gml")
    rec = read_gml([path])
    assert rec.accounts.num_rows == 1490
    # 19,090 edge records minus 3 self-loops; the 65 repeated records are kept
    assert rec.interactions.num_rows == 19087
    assert rec.rows_read == 1490 + 19090
    values = [json.loads(a)["value"] for a in rec.accounts.column("attributes").to_pylist()]
    assert values.count(0) == 758 and values.count(1) == 732
    result = workspace.import_files("gml", [path])
    assert result.counts.accounts_added == 1490
    assert result.counts.interactions_added == 19087
    distinct = workspace.con.execute(
        "SELECT count(*) FROM (SELECT DISTINCT src_id, dst_id FROM interactions)"
    ).fetchone()[0]
    assert distinct == 19022
    assert workspace.import_files("gml", [path]).skipped
