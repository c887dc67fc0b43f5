"""Tests of the Higgs activity reader: exact records, the real dataset, idempotence, bad input."""

from __future__ import annotations

import gzip
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from einfluence.exceptions import InputError
from einfluence.io.higgs import read_higgs
from tests.conftest import shared_path, table_counts

TINY = "1 2 1341100972 RT\n3 1 1341100980 MT\n2 3 1341101000 RE\n1 2 1341100972 RT\n"


def _write(path: Path, text: str | bytes) -> Path:
    data = text.encode() if isinstance(text, str) else text
    if path.suffix == ".gz":
        data = gzip.compress(data)
    path.write_bytes(data)
    return path


def test_tiny_file_gives_exact_interactions(tmp_path: Path) -> None:
    path = _write(tmp_path / "higgs-activity_time.txt", TINY)
    rec = read_higgs([path])
    rows = rec.interactions.to_pylist()
    assert [(r["src"], r["dst"], r["kind"]) for r in rows] == [
        ("1", "2", "relay"),
        ("3", "1", "mention"),
        ("2", "3", "reply"),
        ("1", "2", "relay"),
    ]
    assert rows[0]["time"] == datetime(2012, 7, 1, 0, 2, 52)
    assert rows[2]["time"] == datetime(2012, 7, 1, 0, 3, 20)
    assert {r["network"] for r in rows} == {"higgs"}
    assert all(r["weight"] is None and r["post"] is None for r in rows)
    assert rec.posts.num_rows == 0 and rec.rows_read == 4


def test_gzip_crlf_and_network_option(tmp_path: Path) -> None:
    path = _write(tmp_path / "higgs-activity_time.txt.gz", TINY.replace("\n", "\r\n"))
    rec = read_higgs([path], network="h2")
    assert rec.interactions.num_rows == 4
    assert set(rec.interactions.column("network").to_pylist()) == {"h2"}
    assert rec.interactions.column("kind").to_pylist()[1] == "mention"


def test_irregular_spacing_uses_the_line_scan(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.txt", "1  2\t1341100972 RT\n\n3 1 1341100980 MT\n")
    rec = read_higgs([path])
    assert rec.interactions.column("src").to_pylist() == ["1", "3"]


def test_folder_reads_only_the_activity_file(tmp_path: Path, workspace) -> None:
    _write(tmp_path / "higgs-activity_time.txt.gz", TINY)
    _write(tmp_path / "higgs-retweet_network.edgelist.gz", "1 2 2\n")
    result = workspace.import_files("higgs", [tmp_path])
    assert result.counts.interactions_added == 4  # duplicate line kept, edge list ignored
    assert result.counts.accounts_added == 3
    # same content under another name: nothing new
    other = tmp_path / "copy"
    other.mkdir()
    _write(other / "events.txt", TINY)
    again = workspace.import_files("higgs", [other / "events.txt"])
    assert not again.skipped and again.counts.interactions_added == 0


def test_edge_list_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path / "higgs-retweet_network.edgelist.gz", "1 2 2\n")
    with pytest.raises(InputError, match="activity") as info:
        read_higgs([path])
    assert info.value.path == str(path)


def test_folder_without_activity_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no Higgs activity file"):
        read_higgs([tmp_path])


def test_real_dataset(workspace) -> None:
    folder = shared_path("higgs-twitter")
    # its speed is the import benchmark's business (python -m benchmarks.run import), not a test's
    result = workspace.import_files("higgs", [folder])
    assert result.rows_read == 563_069
    # 7,588 lines whose two users are the same (7,081 mentions, 507 replies) are self-loops:
    # dropped, as by every reader, their users kept as accounts
    assert result.counts.interactions_added == 563_069 - 7_588
    assert result.counts.accounts_added == 304_691
    assert "higgs-activity_time.txt.gz: 563,069 events read, 7,588 self-loops dropped" in result.notes[0]
    kinds = dict(
        workspace.con.execute("SELECT kind, count(*) FROM interactions GROUP BY kind").fetchall()
    )
    assert kinds == {"relay": 354_930, "mention": 171_237 - 7_081, "reply": 36_902 - 507}
    lo, hi = workspace.con.execute(
        "SELECT min(created_at), max(created_at) FROM interactions"
    ).fetchone()
    assert lo == datetime(2012, 7, 1, 0, 2, 52) and hi == datetime(2012, 7, 7, 23, 59, 53)
    # re-import of the same bytes is skipped
    assert workspace.import_files("higgs", [folder]).skipped


def test_real_file_copy_under_another_name_adds_nothing(workspace, tmp_path: Path) -> None:
    source = shared_path("higgs-twitter", "higgs-activity_time.txt.gz")
    workspace.import_files("higgs", [source])
    before = table_counts(workspace)
    copy = shutil.copy(source, tmp_path / "renamed.txt.gz")
    result = workspace.import_files("higgs", [copy])
    assert not result.skipped
    assert result.counts.interactions_added == 0 and result.counts.accounts_added == 0
    after = table_counts(workspace)
    assert after["interactions"] == before["interactions"]
    assert after["accounts"] == before["accounts"]


BAD = [
    ("1 2 1341100972 RT\n1 2 1341100972\n", 2, "interaction", "found 3"),
    ("1 2 1341100972 RT\n1 2 1341100972 RT extra\n", 2, None, "found 5"),
    ("1 2 1341100972 RT\nx 2 1341100972 RT\n", 2, "userA", "not an integer"),
    ("1 2 1341100972 RT\n1 2.5 1341100972 RT\n", 2, "userB", "not an integer"),
    ("1 2 1341100972 RT\n1 2 2012-07-01 RT\n", 2, "timestamp", "not an integer"),
    ("1 2 1341100972 RT\n1 2 -5 RT\n", 2, "timestamp", "Unix time"),
    ("1 2 1341100972 RT\n1 2 1341100972 RT\n1 2 1341100972 LK\n", 3, "interaction", "'LK'"),
    ("1 2 1341100972 RT\n-1 2 1341100972 RT\n", 2, "userA", "negative"),
    (b"1 2 1341100972 RT\n1 2 1341100972 R\xe9\n", 2, None, "UTF-8"),
]


@pytest.mark.parametrize(("content", "line", "field", "message"), BAD)
@pytest.mark.parametrize("suffix", [".txt", ".txt.gz"])
def test_bad_input_names_file_line_field_and_changes_nothing(
    tmp_path: Path, workspace, content, line, field, message, suffix
) -> None:
    workspace.import_files("higgs", [_write(tmp_path / "good.txt", TINY)])
    before = table_counts(workspace)
    path = _write(tmp_path / f"bad{suffix}", content)
    with pytest.raises(InputError) as info:
        workspace.import_files("higgs", [path])
    err = info.value
    assert err.path == str(path) and err.line == line and err.field == field
    assert message in str(err) and f"{path}:{line}" in str(err)
    assert table_counts(workspace) == before


def test_truncated_gzip(tmp_path: Path, workspace) -> None:
    lines = "".join(f"{i} {i * 7 % 1000} {1341100972 + i} RT\n" for i in range(200_000))
    data = gzip.compress(lines.encode())
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(data[: len(data) // 2])
    before = table_counts(workspace)
    with pytest.raises(InputError, match="truncated") as info:
        workspace.import_files("higgs", [path])
    assert info.value.path == str(path) and info.value.line is not None and info.value.line > 1
    assert table_counts(workspace) == before


def test_truncated_real_gzip(tmp_path: Path) -> None:
    source = shared_path("higgs-twitter", "higgs-activity_time.txt.gz")
    data = source.read_bytes()
    path = tmp_path / "higgs-activity_time.txt.gz"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match="truncated") as info:
        read_higgs([path])
    assert info.value.line is not None and info.value.line > 100_000


def test_missing_file(tmp_path: Path, workspace) -> None:
    before = table_counts(workspace)
    with pytest.raises(InputError, match="no such file"):
        workspace.import_files("higgs", [tmp_path / "nope.txt.gz"])
    with pytest.raises(InputError, match="no such file"):
        read_higgs([tmp_path / "nope.txt.gz"])
    assert table_counts(workspace) == before
