"""Tests of the IMM-folder reader (attribute.txt + graph_ic.inf)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from einfluence.exceptions import InputError
from einfluence.io.imm import read_imm
from tests.conftest import shared_path, table_counts


def _folder(root: Path, graph: str | bytes, attributes: str = "n=4\nm=3\n", name="g") -> Path:
    folder = root / name
    folder.mkdir()
    (folder / "attribute.txt").write_text(attributes)
    data = graph.encode() if isinstance(graph, str) else graph
    (folder / "graph_ic.inf").write_bytes(data)
    return folder


GOOD = "0 1 0.5\n0 2 1\n2 1 0.25\n"


def test_tiny_folder_gives_exact_records(tmp_path: Path) -> None:
    folder = _folder(tmp_path, GOOD)
    (folder / "graph_lt.inf").write_text("0 1 0.1\n")
    rec = read_imm([folder])
    assert rec.accounts.column("id").to_pylist() == ["0", "1", "2", "3"]  # 3 is isolated
    rows = rec.interactions.to_pylist()
    # 'u v p' = u influences v: stored as v follows u
    assert [(r["src"], r["dst"], r["kind"], r["weight"]) for r in rows] == [
        ("1", "0", "follow", 0.5),
        ("2", "0", "follow", 1.0),
        ("1", "2", "follow", 0.25),
    ]
    assert {r["network"] for r in rows} == {"imm"}
    assert any("graph_lt.inf" in note for note in rec.notes)
    # a file of the folder is accepted too
    assert read_imm([folder / "graph_ic.inf"]).interactions.num_rows == 3


def test_import_keeps_isolated_accounts_and_is_idempotent(tmp_path: Path, workspace) -> None:
    folder = _folder(tmp_path, GOOD)
    result = workspace.import_files("imm", [folder])
    assert result.counts.accounts_added == 4 and result.counts.interactions_added == 3
    assert workspace.import_files("imm", [folder]).skipped
    # same edges, other bytes (the checksum covers file names and bytes, not the folder name):
    # without --network they would be merged into the default network, so they are refused ...
    other = _folder(tmp_path, GOOD.replace("\n", "\r\n"), name="renamed")
    with pytest.raises(InputError, match="--network NAME"):
        workspace.import_files("imm", [other])
    # ... and with the same network named, they add nothing
    again = workspace.import_files("imm", [other], network="imm")
    assert not again.skipped and again.counts.interactions_added == 0
    assert again.counts.accounts_added == 0


def test_real_nethept(workspace, tmp_path: Path) -> None:
    folder = shared_path("im-benchmarks", "nethept-imm")
    result = workspace.import_files("imm", [folder], network="nethept")
    assert result.rows_read == 62_752
    assert result.counts.accounts_added == 15_229
    assert result.counts.interactions_added == 62_752
    lo, hi = workspace.con.execute("SELECT min(weight), max(weight) FROM interactions").fetchone()
    assert 0.015 < lo < 0.016 and hi == 1.0
    assert workspace.import_files("imm", [folder], network="nethept").skipped
    copy = tmp_path / "copy"
    copy.mkdir()
    for name in ("attribute.txt", "graph_ic.inf"):
        shutil.copy(folder / name, copy / name)
    again = workspace.import_files("imm", [copy], network="nethept")
    assert not again.skipped and again.counts.interactions_added == 0


BAD = [
    # (graph, attributes, file, line, field, message)
    ("0 1 0.5\n0 2\n2 1 0.25\n", None, "graph_ic.inf", 2, "p", "found 2"),
    ("0 1 0.5\n0 2 1 4\n2 1 0.25\n", None, "graph_ic.inf", 2, None, "found 4"),
    ("0 1 0.5\n0 x 1\n2 1 0.25\n", None, "graph_ic.inf", 2, "v", "not an integer"),
    ("0 1 0.5\n0 2 1\n2 4 0.25\n", None, "graph_ic.inf", 3, "v", "outside [0, n)"),
    ("0 1 0.5\n0 2 1.5\n2 1 0.25\n", None, "graph_ic.inf", 2, "p", "outside [0, 1]"),
    ("0 1 0.5\n0 2 p\n2 1 0.25\n", None, "graph_ic.inf", 2, "p", "not a number"),
    (b"0 1 0.5\n0 2 1\xff\n2 1 0.25\n", None, "graph_ic.inf", 2, None, "UTF-8"),
    (GOOD, "n=4\nm=5\n", "attribute.txt", 2, "m", "3 edge lines"),
    (GOOD, "n=four\nm=3\n", "attribute.txt", 1, "n", "not an integer"),
    (GOOD, "n=4\n", "attribute.txt", None, "m", "no 'm='"),
]


@pytest.mark.parametrize(("graph", "attributes", "file", "line", "field", "message"), BAD)
def test_bad_input(
    tmp_path: Path, workspace, graph, attributes, file, line, field, message
) -> None:
    workspace.import_files("imm", [_folder(tmp_path, GOOD, name="ok")], network="g")
    before = table_counts(workspace)
    folder = _folder(tmp_path, graph, attributes or "n=4\nm=3\n")
    with pytest.raises(InputError) as info:
        workspace.import_files("imm", [folder], network="g")
    err = info.value
    assert err.path == str(folder / file) and err.line == line and err.field == field
    assert message in str(err)
    assert table_counts(workspace) == before


def test_missing_files(tmp_path: Path, workspace) -> None:
    before = table_counts(workspace)
    with pytest.raises(InputError, match="no such file"):
        workspace.import_files("imm", [tmp_path / "nope"])
    folder = tmp_path / "half"
    folder.mkdir()
    (folder / "attribute.txt").write_text("n=2\nm=0\n")
    with pytest.raises(InputError, match="no such file") as info:
        read_imm([folder])
    assert info.value.path == str(folder / "graph_ic.inf")
    assert table_counts(workspace) == before
