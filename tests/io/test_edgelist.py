"""Tests of the SNAP-style edge-list reader."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest

from einfluence.exceptions import InputError
from einfluence.io.edgelist import read_edgelist
from tests.conftest import shared_path, table_counts


def _write(path: Path, text: str | bytes) -> Path:
    data = text.encode() if isinstance(text, str) else text
    if path.suffix == ".gz":
        data = gzip.compress(data)
    path.write_bytes(data)
    return path


def _edges(rec) -> list[tuple]:
    return [(r["src"], r["dst"], r["kind"], r["weight"]) for r in rec.interactions.to_pylist()]


def test_tiny_directed_with_comments_tabs_and_crlf(tmp_path: Path) -> None:
    text = "# Directed graph\r\n# FromNodeId\tToNodeId\r\n1\t2\r\n\r\n2 3\r\n1\t2\r\n"
    rec = read_edgelist([_write(tmp_path / "g.txt", text)])
    assert _edges(rec) == [
        ("1", "2", "follow", None),
        ("2", "3", "follow", None),
        ("1", "2", "follow", None),
    ]
    assert set(rec.interactions.column("network").to_pylist()) == {"graph"}
    assert rec.interactions.column("time").null_count == 3
    assert rec.rows_read == 3


def test_weights_kind_network_and_gzip(tmp_path: Path) -> None:
    rec = read_edgelist(
        [_write(tmp_path / "g.txt.gz", "a b 0.5\nb c 2\n")], kind="mention", network="n1"
    )
    assert _edges(rec) == [("a", "b", "mention", 0.5), ("b", "c", "mention", 2.0)]
    assert set(rec.interactions.column("network").to_pylist()) == {"n1"}


def test_undirected_stores_both_directions_and_drops_self_loops(tmp_path: Path) -> None:
    rec = read_edgelist([_write(tmp_path / "g.txt", "1 2 3\n4 4 1\n")], directed=False)
    assert sorted(_edges(rec)) == [
        ("1", "2", "follow", 3.0),
        ("2", "1", "follow", 3.0),
    ]
    assert (
        "g.txt: 2 edge lines read, 1 self-loop dropped (their nodes kept as accounts), "
        "0 repeated edges kept, 0 negative weights kept" in rec.notes
    )
    assert rec.accounts.column("id").to_pylist() == ["4"]  # node 4 is not lost


def test_irregular_spacing_falls_back_to_the_scan(tmp_path: Path) -> None:
    rec = read_edgelist([_write(tmp_path / "g.txt", "  1   2 \n  # c\n3\t\t4\n")])
    assert _edges(rec) == [("1", "2", "follow", None), ("3", "4", "follow", None)]


def test_header_option(tmp_path: Path) -> None:
    path = _write(tmp_path / "g.txt", "# c\n7\t2\n1\t2\n2\t3\n")
    forced = read_edgelist([path], header=False)
    assert forced.interactions.num_rows == 3  # --no-header: the first line is an edge
    for header in (True, None):  # --header, or detected: 2 edge lines on at most 7 nodes
        rec = read_edgelist([path], header=header)
        assert _edges(rec) == [("1", "2", "follow", None), ("2", "3", "follow", None)]
        assert any("7\\t2" in note for note in rec.notes)


def test_unknown_kind(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown interaction kind") as info:
        read_edgelist([_write(tmp_path / "g.txt", "1 2\n")], kind="poke")
    assert info.value.field == "kind"


def test_empty_file(tmp_path: Path) -> None:
    rec = read_edgelist([_write(tmp_path / "g.txt", "# nothing\n")])
    assert rec.interactions.num_rows == 0


@pytest.mark.parametrize(
    ("folder", "name", "nodes", "edges", "loops"),
    [
        ("wiki-vote", "wiki-Vote.txt", 7_115, 103_689, 0),
        ("email-eu-core", "email-Eu-core.txt", 1_005, 25_571, 642),
    ],
)
def test_real_snap_graphs(workspace, tmp_path: Path, folder, name, nodes, edges, loops) -> None:
    path = shared_path("im-benchmarks", folder, name)
    result = workspace.import_files("edgelist", [path], network=folder)
    assert result.rows_read == edges
    assert result.counts.interactions_added == edges - loops
    assert f"{name}: {edges:,} edge lines read, {loops:,} self-loops dropped" in " ".join(result.notes)
    # every node of email-Eu-core appears in at least one edge, so 1,005 accounts as on SNAP
    assert result.counts.accounts_added == nodes
    assert workspace.import_files("edgelist", [path], network=folder).skipped
    copy = shutil.copy(path, tmp_path / "other-name.txt")
    again = workspace.import_files("edgelist", [copy], network=folder)
    assert not again.skipped and again.counts.interactions_added == 0


@pytest.mark.parametrize("header", [True, None])
def test_real_ca_grqc_header(workspace, header) -> None:
    path = shared_path("im-benchmarks", "ca-grqc", "CA-GrQc.txt")
    result = workspace.import_files("edgelist", [path], network="grqc", header=header)
    # 28,980 edge lines, of which 12 self-loops (dropped); no phantom node 28980
    assert result.rows_read == 28_980 and result.counts.interactions_added == 28_968
    assert result.counts.accounts_added == 5_242
    assert workspace.con.execute("SELECT count(*) FROM accounts WHERE source_id = '28980'").fetchone()[0] == 0
    assert any("'5242\\t28980'" in note for note in result.notes)
    assert any("12 self-loops dropped" in note for note in result.notes)


def test_real_ca_grqc_no_header_keeps_the_line(workspace) -> None:
    path = shared_path("im-benchmarks", "ca-grqc", "CA-GrQc.txt")
    result = workspace.import_files("edgelist", [path], network="grqc", header=False)
    # --no-header: '5242 28980' is an edge between two more nodes
    assert result.counts.interactions_added == 28_969
    assert result.counts.accounts_added == 5_244


def test_real_nethept_header_is_detected(workspace) -> None:
    path = shared_path("im-benchmarks", "nethept-chen", "hep.txt")
    result = workspace.import_files("edgelist", [path], network="hep")
    assert result.rows_read == 58_891 and result.counts.interactions_added == 58_891 - 39
    assert result.counts.accounts_added <= 15_233
    assert any("'15233 58891 0 0 1' read as a header" in note for note in result.notes)


BAD = [
    ("1 2\n3\n", 2, "dst", "found 1"),
    ("1 2\n3 4 5 6\n", 2, None, "found 4"),
    ("1 2 0.5\n3 4 abc\n", 2, "weight", "not a number"),
    ("1 2 0.5\n3 4 nan\n", 2, "weight", "finite"),
    ("1 2 0.5\n3 4\n", 2, "weight", "line 1"),
    ("# c\n1 2\n3 4 1.0\n", 3, "weight", "line 2"),
    (b"1 2\n3 \xff\n", 2, None, "UTF-8"),
    # a CSV edge list (the Facebook page-page network's): named as such, with the formats that read it
    ("id_1,id_2\n0,18427\n", 1, "dst", "comma-separated"),
    ("1 2\n0,18427\n", 2, "dst", "format musae"),
]


@pytest.mark.parametrize(("content", "line", "field", "message"), BAD)
@pytest.mark.parametrize("suffix", [".txt", ".txt.gz"])
def test_bad_input(tmp_path: Path, workspace, content, line, field, message, suffix) -> None:
    workspace.import_files("edgelist", [_write(tmp_path / "ok.txt", "7 8\n")], network="g")
    before = table_counts(workspace)
    path = _write(tmp_path / f"bad{suffix}", content)
    with pytest.raises(InputError) as info:
        workspace.import_files("edgelist", [path], network="g")
    err = info.value
    assert err.path == str(path) and err.line == line and err.field == field
    assert message in str(err) and f"{path}:{line}" in str(err)
    assert table_counts(workspace) == before


def test_truncated_gzip_and_missing_file(tmp_path: Path, workspace) -> None:
    before = table_counts(workspace)
    data = gzip.compress("".join(f"{i} {i * 31 % 9973}\n" for i in range(100_000)).encode())
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match="truncated") as info:
        workspace.import_files("edgelist", [path])
    assert info.value.path == str(path) and info.value.line > 1
    with pytest.raises(InputError, match="no such file"):
        workspace.import_files("edgelist", [tmp_path / "missing.txt"])
    with pytest.raises(InputError, match="no such file"):
        read_edgelist([tmp_path / "missing.txt"])
    assert table_counts(workspace) == before
