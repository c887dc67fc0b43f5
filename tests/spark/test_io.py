"""The generic import on Spark: the local importer's records, rows and errors."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from einfluence import InputError, Workspace
from einfluence.io.generic import read_generic
from einfluence.spark.io import spark_read_generic
from tests.io.test_generic import ACCOUNTS, INTERACTIONS

POSTS = [
    {"network": "microblog", "id": 7, "author": "1", "kind": "original", "time": "2026-09-07T08:00:00Z",
     "text": "Vélo électrique 🚲", "attributes": '{"lang": "fr"}'},
    {"network": "microblog", "id": "8", "author": "2", "kind": "relay", "time": 1788768000, "parent": 7, "root": 7},
]


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "generic"
    folder.mkdir()
    (folder / "accounts.csv").write_text(ACCOUNTS, encoding="utf-8")
    (folder / "interactions.csv").write_text(INTERACTIONS + "microblog,2,2,like,,,\n", encoding="utf-8")
    with gzip.open(folder / "posts.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write("\n".join(json.dumps(p, ensure_ascii=False) for p in POSTS) + "\n\n")
    local = read_generic([folder / "interactions.csv"])
    pq.write_table(local.interactions, folder / "interactions-more.parquet")
    return folder


def _rows(db: Path) -> dict[str, list]:
    with Workspace(db, read_only=True) as ws:
        return {table: ws.con.execute(f"SELECT * EXCLUDE (import_id) FROM {table} ORDER BY ALL").fetchall()
                for table in ("accounts", "posts", "interactions")}


def test_same_records_rows_and_counts_as_local(spark, tmp_path):
    folder = _folder(tmp_path)
    local = read_generic([folder])
    got = spark_read_generic(spark, [folder])
    for table in ("accounts", "posts", "interactions"):
        assert getattr(got, table).equals(getattr(local, table)), table
    assert (got.rows_read, got.notes) == (local.rows_read, local.notes)
    # the same folder through a file:// URI (listed by Spark): the same records
    by_uri = spark_read_generic(spark, [folder.resolve().as_uri()])
    assert by_uri.interactions.equals(local.interactions) and by_uri.posts.equals(local.posts)

    with Workspace(tmp_path / "local.duckdb") as ws:
        local_result = ws.import_files("generic", [folder]).as_dict()
    with Workspace(tmp_path / "spark.duckdb", engine="spark", master="local[2]") as ws:
        spark_result = ws.import_files("generic", [folder]).as_dict()
        assert ws.import_files("generic", [folder]).skipped  # idempotent, as locally
    for key in ("rows_read", "accounts_added", "posts_added", "interactions_added", "notes", "checksum"):
        assert spark_result[key] == local_result[key], key
    assert _rows(tmp_path / "spark.duckdb") == _rows(tmp_path / "local.duckdb")


@pytest.mark.parametrize(("name", "text"), [
    ("interactions.csv", INTERACTIONS.replace(",2.5", ",heavy")),
    ("interactions.csv", INTERACTIONS.replace("mention", "retweet")),
    ("accounts.csv", ACCOUNTS.replace(",120,", ",many,")),
    ("posts.jsonl", '{"network": "m", "id": 1, "kind": "original"}\n\n{"network": "m", "id": 2, "kind": "post"}\n'),
])
def test_a_bad_value_is_the_local_error_and_stores_nothing(spark, tmp_path, name, text):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "accounts.csv").write_text(ACCOUNTS, encoding="utf-8")
    (folder / name).write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as local:
        read_generic([folder])
    with Workspace(tmp_path / "spark.duckdb", engine="spark", master="local[2]") as ws:
        with pytest.raises(InputError) as on_spark:
            ws.import_files("generic", [folder])
        assert ws.con.execute("SELECT count(*) FROM accounts").fetchone()[0] == 0  # all or nothing
    assert str(on_spark.value) == str(local.value)
    assert len(str(local.value).splitlines()) == 1


def test_import_generic_engine_spark_on_the_command_line(spark, tmp_path):
    from typer.testing import CliRunner

    from einfluence.cli import app

    folder = _folder(tmp_path)
    runner = CliRunner()
    db = str(tmp_path / "cli.duckdb")
    done = runner.invoke(app, ["import", "generic", str(folder), "--db", db, "--engine", "spark",
                               "--master", "local[2]", "--json"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["interactions_added"] == len(read_generic([folder]).interactions)
    (folder / "posts-bad.jsonl").write_text('{"network": "m", "id": 1, "kind": "post"}\n', encoding="utf-8")
    bad = runner.invoke(app, ["import", "generic", str(folder), "--db", db, "--engine", "spark", "--master", "local[2]"])
    local = runner.invoke(app, ["import", "generic", str(folder), "--db", str(tmp_path / "local.duckdb")])
    assert bad.exit_code == local.exit_code == 1
    assert bad.stderr == local.stderr
    assert len(bad.stderr.strip().splitlines()) == 1 and "posts-bad.jsonl:1: field 'kind': unknown kind" in bad.stderr
