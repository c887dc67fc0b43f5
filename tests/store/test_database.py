"""Database files: creation, migrations, persistence, refusal of what cannot be used."""

from __future__ import annotations

import duckdb
import pytest

from einfluence import StoreError, Workspace
from einfluence.io import Records
from einfluence.store import connect, schema_version
from einfluence.store.schema import MIGRATIONS, SCHEMA_VERSION


def test_new_database_is_at_current_schema(db_path):
    con = connect(db_path)
    assert schema_version(con) == SCHEMA_VERSION
    applied = con.execute("SELECT version FROM schema_migrations ORDER BY 1").fetchall()
    assert [v for (v,) in applied] == [v for v, _, _ in MIGRATIONS]
    con.close()


def test_reopening_does_not_reapply_migrations(db_path):
    connect(db_path).close()
    con = connect(db_path)
    assert con.execute("SELECT count(*) FROM schema_migrations").fetchall()[0][0] == len(MIGRATIONS)
    con.close()


def test_data_survives_restart(db_path):
    with Workspace(db_path) as ws:
        ws.add_records(Records.from_columns(interactions={"network": "t", "src": ["a"], "dst": ["b"], "kind": "reply"}))
    with Workspace(db_path, read_only=True) as ws:
        assert ws.stats()["interactions_by_kind"] == {"reply": 1}


def test_a_migration_that_fails_leaves_the_file_as_it_was(db_path, monkeypatch):
    # a file at the schema before the last migrations, then a run of two more where the second fails
    import einfluence.store.database as database

    older = MIGRATIONS[:-2]
    monkeypatch.setattr(database, "MIGRATIONS", older)
    connect(db_path).close()
    added = (SCHEMA_VERSION + 1, "a good one", "CREATE TABLE added_by_a_good_one (x INTEGER)")
    broken = (SCHEMA_VERSION + 2, "a broken one", "ALTER TABLE no_such_table ADD COLUMN y INTEGER")
    monkeypatch.setattr(database, "MIGRATIONS", [*MIGRATIONS, added, broken])
    with pytest.raises(duckdb.Error):
        connect(db_path)
    # neither the last real migrations nor the good new one: all of them or none
    con = duckdb.connect(str(db_path))
    assert schema_version(con) == older[-1][0]
    tables = {name for (name,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert "added_by_a_good_one" not in tables
    con.close()
    monkeypatch.setattr(database, "MIGRATIONS", MIGRATIONS)
    con = connect(db_path)  # and the file still migrates once the code is right
    assert schema_version(con) == SCHEMA_VERSION
    con.close()


def test_newer_schema_is_refused(db_path):
    connect(db_path).close()
    con = duckdb.connect(str(db_path))
    con.execute("INSERT INTO schema_migrations VALUES (999, 'from the future', now()::TIMESTAMP)")
    con.close()
    with pytest.raises(StoreError, match="newer than this einfluence"):
        connect(db_path)


def test_missing_database_in_read_only_mode(tmp_path):
    with pytest.raises(StoreError, match="no such database"):
        connect(tmp_path / "absent.duckdb", read_only=True)


def test_not_a_database(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("these are notes, not a database\n")
    with pytest.raises(StoreError, match="cannot open database"):
        connect(path)


def _limit(con) -> str:
    return con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0]


def test_memory_limit_is_put_back_exactly(db_path):
    from einfluence.store.database import memory_limit, release_cache

    con = connect(db_path)
    default = _limit(con)
    with memory_limit(con, "300MB"):
        assert _limit(con) != default
    assert _limit(con) == default
    for _ in range(3):  # no drift from the rounded printed form
        release_cache(con)
    assert _limit(con) == default
    con.execute("SET memory_limit = '2GB'")
    set_by_hand = _limit(con)
    for _ in range(3):
        release_cache(con)
    assert _limit(con) == set_by_hand  # as printed, no drift
    con.close()


def test_release_cache_keeps_the_data(db_path):
    from einfluence.store.database import release_cache

    ws = Workspace(db_path)
    ws.add_records(Records.from_columns(interactions={"network": "t", "src": ["a", "b"], "dst": ["b", "c"], "kind": "relay"}))
    release_cache(ws.con)
    assert ws.sql("SELECT count(*) FROM interactions").fetchall()[0][0] == 2
    ws.close()


def _hold(db_path, tmp_path, seconds: float = 20):
    """A process whose command line reads 'einfluence rank ...' holding the database file."""
    import subprocess
    import sys
    import time

    script = tmp_path / "einfluence"
    script.write_text(
        "import sys, time, duckdb\n"
        f"con = duckdb.connect({str(db_path)!r})\n"
        "print('ready', flush=True)\n"
        f"time.sleep({seconds})\n"
    )
    holder = subprocess.Popen([sys.executable, str(script), "rank", "--db", str(db_path)], stdout=subprocess.PIPE,
                              text=True)
    assert holder.stdout.readline().strip() == "ready"
    time.sleep(0.2)
    return holder


def test_a_locked_database_names_the_einfluence_command_that_holds_it(db_path, tmp_path):
    connect(db_path).close()
    holder = _hold(db_path, tmp_path)
    try:
        with pytest.raises(StoreError, match=r"in use by 'einfluence rank --db .*' \(PID \d+\).*--wait"):
            connect(db_path)
    finally:
        holder.kill()
        holder.wait()


def test_waiting_opens_the_database_once_the_holder_is_done(db_path, tmp_path):
    import time

    connect(db_path).close()
    holder = _hold(db_path, tmp_path, seconds=1.5)
    try:
        start = time.monotonic()
        connect(db_path, wait=20).close()
        assert time.monotonic() - start >= 0.5
    finally:
        holder.kill()
        holder.wait()


def test_a_newer_schema_read_only_says_to_upgrade_einfluence(db_path):
    con = connect(db_path)
    con.execute("INSERT INTO schema_migrations VALUES (999, 'future', current_localtimestamp())")
    con.close()
    with pytest.raises(StoreError, match="newer einfluence .*upgrade einfluence"):
        connect(db_path, read_only=True)


def test_commands_other_than_init_and_import_do_not_create_a_database(tmp_path):
    from typer.testing import CliRunner

    from einfluence.cli import app

    missing = tmp_path / "missing.duckdb"
    for command in (["rank"], ["stats"], ["brand", "list"], ["trends"]):
        result = CliRunner().invoke(app, [*command, "--db", str(missing)])
        assert result.exit_code == 1 and "no such database" in result.stderr, command
        assert not missing.exists()
    assert CliRunner().invoke(app, ["init", "--db", str(missing)]).exit_code == 0 and missing.exists()
