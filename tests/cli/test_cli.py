"""The command line end to end, on real DuckDB files."""

from __future__ import annotations

import json
import subprocess
import sys

import duckdb
from typer.testing import CliRunner

from einfluence.cli import app

runner = CliRunner()

INTERACTIONS = (
    "network,src,dst,kind,time\n"
    "microblog,ann,bob,relay,2026-09-07T10:00:00Z\n"
    "microblog,carl,bob,relay,2026-09-08T10:00:00Z\n"
    "microblog,bob,ann,mention,2026-09-08T11:00:00Z\n"
)


def _invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_every_command_has_help():
    for command in ("init", "import", "stats", "demo"):
        result = _invoke(command, "--help")
        assert result.exit_code == 0, command
        assert "--db" in result.output


def test_init_import_stats(tmp_path):
    db = tmp_path / "cli.duckdb"
    data = tmp_path / "in"
    data.mkdir()
    (data / "interactions.csv").write_text(INTERACTIONS)
    assert _invoke("init", "--db", str(db)).exit_code == 0
    result = _invoke("import", "generic", str(data), "--db", str(db), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["interactions_added"] == 3
    stats = json.loads(_invoke("stats", "--db", str(db), "--json").output)
    assert stats["accounts"] == 3
    assert stats["interactions"] == 3
    assert stats["interactions_by_kind"] == {"mention": 1, "relay": 2}
    assert stats["interactions_by_day"] == {"2026-09-07": 1, "2026-09-08": 2}
    # re-import: nothing added, and the rows on disk did not change
    again = _invoke("import", "generic", str(data), "--db", str(db))
    assert again.exit_code == 0 and "nothing added" in again.output
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM interactions").fetchall()[0][0] == 3
    con.close()


def test_bad_input_one_line_error_nonzero_exit_unchanged_db(tmp_path):
    db = tmp_path / "cli.duckdb"
    data = tmp_path / "in"
    data.mkdir()
    (data / "interactions.csv").write_text(INTERACTIONS)
    _invoke("import", "generic", str(data), "--db", str(db))
    before = (db.stat().st_size, json.loads(_invoke("stats", "--db", str(db), "--json").output))
    bad = tmp_path / "interactions-bad.csv"
    bad.write_text(INTERACTIONS.replace("2026-09-08T11:00:00Z", "8 sept"))
    result = runner.invoke(app, ["import", "generic", str(bad), "--db", str(db)])
    assert result.exit_code == 1
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1
    assert "interactions-bad.csv:4: field 'time'" in lines[0]
    after = json.loads(_invoke("stats", "--db", str(db), "--json").output)
    assert after == before[1]


def test_unknown_format_and_missing_file(tmp_path):
    db = tmp_path / "cli.duckdb"
    result = runner.invoke(app, ["import", "excel", str(tmp_path), "--db", str(db)])
    assert result.exit_code == 1 and "unknown format 'excel'" in result.stderr
    result = runner.invoke(app, ["import", "generic", str(tmp_path / "none.csv"), "--db", str(db)])
    assert result.exit_code == 1 and "none.csv: no such file or directory" in result.stderr


def test_stats_on_missing_database(tmp_path):
    result = runner.invoke(app, ["stats", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "no such database" in result.stderr
    assert not (tmp_path / "none.duckdb").exists()


def test_python_dash_m_entry_point(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "einfluence", "init", "--db", str(tmp_path / "m.duckdb")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "schema version" in proc.stdout
