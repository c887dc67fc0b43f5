"""The MUSAE reader (*_edges.csv + *_target.csv): exact records, the other datasets' layouts,
typed attributes, store round trip and idempotence, every bad input, and the real Facebook pages."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from einfluence.cli import app
from einfluence.exceptions import InputError
from einfluence.io.musae import read_musae
from tests.conftest import shared_path, table_counts

EDGES = "id_1,id_2\n0,1\n1,2\n3,3\n0,2\n"
# page 4 has no edge; page 3 only a self-loop; a quoted name holds a comma and a newline
TARGET = (
    "id,facebook_id,page_name,page_type\n"
    "0,145647315578475,The Voice of China 中国好声音,tvshow\n"
    '1,191483281412,"U.S. Consulate General Mumbai, ""India""",government\n'
    "2,144761358898518,ESET,company\n"
    '3,568700043198473,"Two\nlines",politician\n'
    "4,100,,company\n"
)


def _write(path: Path, text: str | bytes) -> Path:
    data = text.encode() if isinstance(text, str) else text
    if path.name.endswith(".gz"):
        data = gzip.compress(data)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _folder(root: Path, edges: str | bytes = EDGES, target: str | bytes | None = TARGET, *,
            prefix: str = "facebook", suffix: str = ".csv", name: str = "fb") -> Path:
    folder = root / name
    _write(folder / f"{prefix}_edges{suffix}", edges)
    if target is not None:
        _write(folder / f"{prefix}_target{suffix}", target)
    return folder


def _pairs(rec) -> list[tuple[str, str]]:
    return list(zip(rec.interactions.column("src").to_pylist(), rec.interactions.column("dst").to_pylist(), strict=True))


def test_facebook_folder_gives_exact_records(tmp_path: Path) -> None:
    rec = read_musae([_folder(tmp_path)])
    acc = rec.accounts.to_pylist()
    assert [a["id"] for a in acc] == ["0", "1", "2", "3", "4"]  # 4 has no edge, 3 only a self-loop
    assert [a["name"] for a in acc] == [
        "The Voice of China 中国好声音", 'U.S. Consulate General Mumbai, "India"', "ESET", "Two\nlines", None,
    ]
    assert [a["kind"] for a in acc] == ["media", "organisation", "brand", "person", "brand"]
    assert json.loads(acc[0]["attributes"]) == {"facebook_id": 145647315578475, "page_type": "tvshow"}
    assert {a["network"] for a in acc} == {"facebook"}
    # undirected: both ways, in file order; the self-loop 3,3 dropped
    assert _pairs(rec) == [("0", "1"), ("1", "0"), ("1", "2"), ("2", "1"), ("0", "2"), ("2", "0")]
    assert set(rec.interactions.column("kind").to_pylist()) == {"like"}
    assert rec.interactions.column("weight").null_count == 6 and rec.interactions.column("time").null_count == 6
    assert rec.posts.num_rows == 0
    assert rec.rows_read == 4 + 5
    assert rec.notes == [
        "network 'facebook' (from the file name facebook_edges.csv: pass --network NAME to change it)",
        "interaction kind 'like' (the default for facebook: pass --kind to change it)",
        "facebook_edges.csv: 4 edge lines read, 1 self-loop dropped (their nodes kept as accounts), 0 repeated edges kept",
        "undirected: every edge stored in both directions",
        "facebook_target.csv: 5 accounts read (source id: id; name: page_name; kind from page_type: "
        "government -> organisation 1, company -> brand 2, politician -> person 1, tvshow -> media 1; "
        "attributes: facebook_id, page_type)",
    ]


def test_two_files_in_either_order_and_the_edges_alone(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    edges, target = folder / "facebook_edges.csv", folder / "facebook_target.csv"
    assert read_musae([target, edges]).accounts.num_rows == read_musae([edges, target]).accounts.num_rows == 5
    alone = read_musae([edges])
    # without the target file the accounts are the edge ends: only the self-loop's node is listed
    assert alone.accounts.column("id").to_pylist() == ["3"]
    assert alone.accounts.column("name").null_count == 1
    assert len(_pairs(alone)) == 6
    assert alone.notes[-1] == (
        "no target file: the accounts are the ends of the edges of facebook_edges.csv (no names); "
        "facebook_target.csv beside it not read (pass the folder, or both files, to read it)"
    )


@pytest.mark.parametrize(
    ("prefix", "edges", "target", "network", "kind", "name", "attributes"),
    [
        ("musae_facebook", EDGES, TARGET, "facebook", "like", "ESET",
         {"facebook_id": 144761358898518, "page_type": "company"}),
        ("musae_git", "id_1,id_2\n0,1\n1,2\n", "id,name,ml_target\n0,ann,0\n1,bob,1\n2,eve,0\n", "github", "follow",
         "eve", {"ml_target": 0}),
        ("lastfm_asia", "node_1,node_2\n0,1\n1,2\n", "id,target\n0,3\n1,17\n2,8\n", "lastfm_asia", "follow", None,
         {"target": 8}),
        ("deezer_europe", "node_1,node_2\r\n0,1\r\n1,2\r\n", "id,target\r\n0,1\r\n1,0\r\n2,0\r\n", "deezer_europe",
         "follow", None, {"target": 0}),
        ("musae_chameleon", "id1,id2\n0,1\n1,2\n", "id,target\n0,1\n1,2\n2,4\n", "chameleon", "hyperlink", None,
         {"target": 4}),
    ],
)
@pytest.mark.parametrize("suffix", [".csv", ".csv.gz"])
def test_each_dataset_layout(tmp_path, prefix, edges, target, network, kind, name, attributes, suffix) -> None:
    rec = read_musae([_folder(tmp_path, edges, target, prefix=prefix, suffix=suffix)])
    assert set(rec.accounts.column("network").to_pylist()) == {network}
    assert set(rec.interactions.column("kind").to_pylist()) == {kind}
    assert rec.accounts.column("id").to_pylist()[2] == "2"
    assert rec.accounts.column("name").to_pylist()[2] == name
    assert json.loads(rec.accounts.column("attributes")[2].as_py()) == attributes
    assert ("0", "1") in _pairs(rec) and ("1", "0") in _pairs(rec)


def test_twitch_nodes_are_new_id_and_attributes_are_typed(tmp_path: Path) -> None:
    # Twitch's edges use new_id; the Twitch user id is then an attribute like the others
    target = (
        "id,days,mature,views,partner,new_id,score,code,note\n"
        "73045350,1459,False,9528,False,2,0.5,007,hi\n"
        "61573865,1629,True,3615,False,0,2,12,\n"
        "171495017,411,True,46546,True,1,-1e3,3,<b>x</b>\n"
    )
    rec = read_musae([_folder(tmp_path, "from,to\n0,1\n1,2\n", target, prefix="musae_ENGB")])
    assert rec.accounts.column("id").to_pylist() == ["2", "0", "1"]
    attributes = [json.loads(a) for a in rec.accounts.column("attributes").to_pylist()]
    assert attributes[0] == {"id": 73045350, "days": 1459, "mature": False, "views": 9528, "partner": False,
                             "score": 0.5, "code": "007", "note": "hi"}
    assert attributes[1] == {"id": 61573865, "days": 1629, "mature": True, "views": 3615, "partner": False,
                             "score": 2.0, "code": "12"}  # an empty value is left out
    assert attributes[2]["score"] == -1000.0 and attributes[2]["note"] == "<b>x</b>"
    assert set(rec.accounts.column("network").to_pylist()) == {"ENGB"}
    assert set(rec.interactions.column("kind").to_pylist()) == {"follow"}
    assert rec.accounts.column("kind").null_count == 3  # no page_type: kinds left to the store


def test_kind_network_options_and_pairs_listed_both_ways(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "id_1,id_2\n0,1\n1,0\n0,1\n")
    rec = read_musae([folder], kind="follow", network="fb-pages")
    assert set(rec.interactions.column("kind").to_pylist()) == {"follow"}
    assert set(rec.accounts.column("network").to_pylist()) == {"fb-pages"}
    assert not any(n.startswith(("network ", "interaction kind")) for n in rec.notes)
    assert "facebook_edges.csv: 3 edge lines read, 0 self-loops dropped, 1 repeated edge kept, " \
           "1 pair listed in both directions (each stored twice each way)" in rec.notes
    with pytest.raises(InputError) as info:
        read_musae([folder], kind="share")
    assert info.value.field == "kind"


def test_a_file_name_without_a_dataset_is_not_merged_into_another_graph(workspace, tmp_path: Path) -> None:
    first = workspace.import_files("musae", [_write(tmp_path / "a" / "edges.csv", "node_1,node_2\n1,2\n")])
    assert "network 'musae' (the default: pass --network NAME to name this graph)" in first.notes
    before = table_counts(workspace)
    other = _write(tmp_path / "b" / "edges.csv", "node_1,node_2\n1,3\n")
    with pytest.raises(InputError, match=r"already holds the edges of import #1 \(musae: edges.csv\)") as info:
        workspace.import_files("musae", [other])
    assert info.value.path == str(other) and table_counts(workspace) == before
    assert workspace.import_files("musae", [other], network="b").counts.interactions_added == 2


def test_store_round_trip_and_idempotence(workspace, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "facebook_features.json").write_text('{"0": [1, 2]}')
    first = workspace.import_files("musae", [folder])
    assert first.counts.accounts_added == 5 and first.counts.interactions_added == 6
    assert first.rows_read == 9
    rows = workspace.con.execute(
        "SELECT source_id, name, kind, attributes->>'page_type' FROM accounts ORDER BY source_id"
    ).fetchall()
    assert rows[3] == ("3", "Two\nlines", "person", "politician") and rows[4] == ("4", None, "brand", "company")
    pairs = workspace.con.execute(
        "SELECT s.source_id, d.source_id, i.kind FROM interactions i "
        "JOIN accounts s ON s.account_id = i.src_id JOIN accounts d ON d.account_id = i.dst_id ORDER BY 1, 2"
    ).fetchall()
    assert pairs == [("0", "1", "like"), ("0", "2", "like"), ("1", "0", "like"), ("1", "2", "like"),
                     ("2", "0", "like"), ("2", "1", "like")]
    before = table_counts(workspace)
    again = workspace.import_files("musae", [folder])
    assert again.skipped and again.import_id == first.import_id and table_counts(workspace) == before
    # the features JSON is not read, so it is not in the checksum either
    (folder / "facebook_features.json").write_text('{"0": [3]}')
    assert workspace.import_files("musae", [folder]).skipped
    # the same files under other bytes (gzip) and another folder: read again, nothing added
    copy = _folder(tmp_path, suffix=".csv.gz", name="copy")
    renamed = workspace.import_files("musae", [copy])
    assert not renamed.skipped
    assert renamed.counts.accounts_added == 0 and renamed.counts.interactions_added == 0
    after = table_counts(workspace)
    assert {k: v for k, v in after.items() if k != "imports"} == {k: v for k, v in before.items() if k != "imports"}


def test_names_are_stored_as_the_file_holds_them(tmp_path: Path) -> None:
    # as every reader does: the text is data, stored as it is; the outputs show it literally
    # (tests/cli/test_hostile_output.py), so the reader neither strips markup nor controls
    from einfluence import Workspace

    hostile = "[link=http://evil.example]x[/link]<script>alert(1)</script>\x1b[2J\u202eevil &amp;"
    target = f'id,page_name,page_type\n0,"{hostile}",company\n1,=HYPERLINK(1),company\n'
    folder = _folder(tmp_path, "id_1,id_2\n0,1\n", target)
    with Workspace(":memory:") as ws:
        ws.import_files("musae", [folder])
        names = ws.con.execute("SELECT name FROM accounts ORDER BY source_id").fetchall()
    assert names == [(hostile,), ("=HYPERLINK(1)",)]


def test_progress_is_counted_in_bytes_of_both_files(tmp_path: Path) -> None:
    steps = []

    class Recorder:
        def start(self, description, total, unit=None):
            steps.append((str(description), total, unit))

        def advance(self, amount):
            pass

    folder = _folder(tmp_path)
    read_musae([folder], progress=Recorder())
    assert steps == [
        ("reading facebook_edges.csv", len(EDGES), "bytes"),
        ("reading facebook_target.csv", len(TARGET.encode()), "bytes"),
    ]


# ----------------------------------------------------------------------------- bad input

# (edges, target, file at fault, line, field, words of the message)
BAD = {
    "edge_one_field": ("id_1,id_2\n0,1\n2\n", TARGET, "edges", 3, "id_2",
                       "expected 2 comma-separated fields (id_1,id_2), found 1"),
    "edge_three_fields": ("id_1,id_2\n0,1\n1,2,3\n", TARGET, "edges", 3, None, "found 3"),
    "edge_empty_id": ("id_1,id_2\n0,1\n ,2\n", TARGET, "edges", 3, "id_1", "empty node id"),
    "edge_unknown_end": ("id_1,id_2\n0,1\n1,2\n2,9\n", TARGET, "edges", 4, "id_2",
                         "node '9' is not an id of facebook_target.csv"),
    "edge_unknown_start": ("id_1,id_2\n0,1\n7,8\n", TARGET, "edges", 3, "id_1", "node '7' is not an id"),
    "edge_no_header": ("0,1\n1,2\n", TARGET, "edges", 1, None, "no header line: the first line holds node ids ('0,1')"),
    "edge_header_width": ("id_1;id_2\n0;1\n", TARGET, "edges", 1, None, "found 1 fields: 'id_1;id_2'"),
    "edge_header_again": ("id_1,id_2\n0,1\nid_1,id_2\n1,2\n", TARGET, "edges", 3, "id_1", "the header line again"),
    "edge_empty_file": ("", TARGET, "edges", 1, None, "empty file: expected a header line"),
    "edge_not_utf8": (b"id_1,id_2\n0,1\n1,\xff2\n", TARGET, "edges", 3, None, "UTF-8"),
    "target_duplicate_id": (EDGES, TARGET + "2,9,ESET again,company\n", "target", 8, "id",
                            "duplicate id '2' (first at line 4)"),
    "target_empty_id": (EDGES, TARGET + ",9,Nobody,company\n", "target", 8, "id", "empty node id"),
    "target_fields": (EDGES, TARGET.replace("ESET,company", "ESET"), "target", 4, "page_type",
                      "expected 4 comma-separated fields (id,facebook_id,page_name,page_type), found 3"),
    "target_no_header": (EDGES, TARGET.split("\n", 1)[1], "target", 1, "id", "no header line"),
    "target_no_id": (EDGES, "node,page_name\n0,a\n", "target", 1, "id", "no id column in the header line"),
    "target_repeated_column": (EDGES, "id,name,name\n0,a,b\n", "target", 1, "name", "column named twice"),
    # after the record over two lines (line 5-6), the line numbers are still the file's
    "target_after_newline_in_quotes": (EDGES, TARGET.replace("4,100,,company", "4,100,x"), "target", 7,
                                       "page_type", "found 3"),
}


@pytest.mark.parametrize("case", sorted(BAD))
@pytest.mark.parametrize("suffix", [".csv", ".csv.gz"])
def test_bad_input_names_file_line_field_and_stores_nothing(workspace, tmp_path: Path, case: str, suffix: str) -> None:
    workspace.import_files("musae", [_folder(tmp_path, name="ok")])
    before = table_counts(workspace)
    edges, target, fault, line, field, message = BAD[case]
    folder = _folder(tmp_path, edges, target, suffix=suffix, name="bad")
    path = folder / f"facebook_{fault}{suffix}"
    with pytest.raises(InputError) as info:
        workspace.import_files("musae", [folder])
    err = info.value
    assert (err.path, err.line, err.field) == (str(path), line, field)
    assert message in str(err) and f"{path}:{line}: " in str(err)
    if field is not None:
        assert f"field {field!r}" in str(err)
    assert table_counts(workspace) == before


def test_missing_or_ambiguous_files(workspace, tmp_path: Path) -> None:
    before = table_counts(workspace)
    with pytest.raises(InputError, match="no such file") as info:
        workspace.import_files("musae", [tmp_path / "absent"])
    assert info.value.path == str(tmp_path / "absent")
    only_target = _folder(tmp_path, name="t")
    (only_target / "facebook_edges.csv").unlink()
    with pytest.raises(InputError, match=r"no \*_edges.csv file in the folder") as info:
        workspace.import_files("musae", [only_target])
    assert info.value.path == str(only_target)
    with pytest.raises(InputError, match="a target file without its edges file"):
        workspace.import_files("musae", [only_target / "facebook_target.csv"])
    with pytest.raises(InputError, match="no such file") as info:
        workspace.import_files("musae", [only_target / "facebook_edges.csv", only_target / "facebook_target.csv"])
    assert info.value.path == str(only_target / "facebook_edges.csv")
    two = _folder(tmp_path, name="two")
    _write(two / "musae_git_edges.csv", "id_1,id_2\n0,1\n")
    with pytest.raises(InputError, match=r"holds 2 edges files \(facebook_edges.csv, musae_git_edges.csv\)"):
        workspace.import_files("musae", [two])
    with pytest.raises(InputError, match="got 3 paths"):
        workspace.import_files("musae", [two, two, two])
    cut = _folder(tmp_path, "id_1,id_2\n" + "".join(f"{i},{i + 1}\n" for i in range(50_000)), None, name="cut",
                  suffix=".csv.gz")
    data = (cut / "facebook_edges.csv.gz").read_bytes()
    (cut / "facebook_edges.csv.gz").write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match="truncated") as info:
        workspace.import_files("musae", [cut])
    assert info.value.line > 1
    assert table_counts(workspace) == before


def test_cli_error_is_one_line_and_exits_non_zero(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "id_1,id_2\n0,1\n2\n")
    db = tmp_path / "w.duckdb"
    result = CliRunner().invoke(app, ["import", "musae", str(folder), "--db", str(db)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"einfluence: error: {folder / 'facebook_edges.csv'}:3: field 'id_2': "
        "expected 2 comma-separated fields (id_1,id_2), found 1"
    ]
    result = CliRunner().invoke(app, ["import", "musae", str(folder), "--db", str(db), "--undirected"])
    assert result.exit_code != 0 and "does not apply" in result.output


def test_cli_kind_and_network(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    result = CliRunner().invoke(app, ["import", "musae", str(_folder(tmp_path)), "--db", str(db), "--kind", "follow",
                                      "--network", "pages", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["interactions_added"] == 6
    from einfluence import Workspace

    with Workspace(db) as ws:
        assert ws.con.execute("SELECT DISTINCT kind FROM interactions").fetchall() == [("follow",)]
        assert ws.con.execute("SELECT DISTINCT network FROM accounts").fetchall() == [("pages",)]


# ----------------------------------------------------------------------------- the real Facebook pages


@pytest.mark.slow
def test_real_facebook_page_page_network(workspace) -> None:
    folder = shared_path("facebook-page-page")
    result = workspace.import_files("musae", [folder])
    assert result.rows_read == 171_002 + 22_470
    assert result.counts.accounts_added == 22_470
    # 171,002 mutual likes minus 179 self-loops, each stored both ways
    assert result.counts.interactions_added == (171_002 - 179) * 2 == 341_646
    assert "facebook_edges.csv.gz: 171,002 edge lines read, 179 self-loops dropped (their nodes kept as accounts), " \
           "0 repeated edges kept" in result.notes
    kinds = dict(workspace.con.execute("SELECT kind, count(*) FROM accounts GROUP BY kind").fetchall())
    assert kinds == {"organisation": 6_880, "brand": 6_495, "person": 5_768, "media": 3_327}
    types = dict(workspace.con.execute(
        "SELECT attributes->>'page_type', count(*) FROM accounts GROUP BY 1").fetchall())
    assert types == {"government": 6_880, "company": 6_495, "politician": 5_768, "tvshow": 3_327}
    # degree per page, not per name: 2,283 pages share their name with another (78 are "L'OCCITANE en Provence")
    top = workspace.con.execute(
        "SELECT any_value(a.name), count(*) AS degree FROM interactions i JOIN accounts a ON a.account_id = i.src_id "
        "GROUP BY a.account_id ORDER BY degree DESC LIMIT 3").fetchall()
    assert top == [("U.S. Army", 709), ("The White House", 678), ("The Obama White House", 659)]
    assert workspace.con.execute(
        "SELECT DISTINCT a.network, i.kind FROM interactions i JOIN accounts a ON a.account_id = i.src_id"
    ).fetchall() == [("facebook", "like")]
    assert workspace.import_files("musae", [folder]).skipped
