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
