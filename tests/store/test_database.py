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
