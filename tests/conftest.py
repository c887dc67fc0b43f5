"""Shared fixtures: real public datasets (skipped when absent) and fresh databases on disk."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from einfluence import Workspace


def _find_shared_data() -> Path:
    """$EINFLUENCE_SHARED_DATA, else the first ``shared/data`` folder above the checkout (wherever it is cloned)."""
    if os.environ.get("EINFLUENCE_SHARED_DATA"):
        return Path(os.environ["EINFLUENCE_SHARED_DATA"])
    for folder in Path(__file__).resolve().parents[1:]:
        if (folder / "shared" / "data").is_dir():
            return folder / "shared" / "data"
    return Path(__file__).resolve().parents[2] / "shared" / "data"


#: the real public datasets: $EINFLUENCE_SHARED_DATA, or a shared/data folder above the checkout
SHARED_DATA = _find_shared_data()


def shared_path(*parts: str) -> Path:
    """Path inside the shared real datasets; skips the calling test when it is absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"real dataset not available: {path} (set EINFLUENCE_SHARED_DATA to its folder)")
    return path


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Path of a not-yet-created database file in a temporary folder."""
    return tmp_path / "test.duckdb"


def database_at(path: Path, version: int):
    """A database file as an earlier einfluence left it: the migrations up to ``version`` only
    (an open connection, to add rows before the file is migrated further)."""
    import duckdb

    from einfluence.store.schema import MIGRATIONS

    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, "
                "applied_at TIMESTAMP NOT NULL)")
    for number, name, sql in MIGRATIONS[:version]:
        con.execute(sql)
        con.execute("INSERT INTO schema_migrations VALUES (?, ?, now()::TIMESTAMP)", [number, name])
    return con


@pytest.fixture
def workspace(db_path: Path):
    """A fresh workspace on a real DuckDB file, closed after the test."""
    ws = Workspace(db_path)
    yield ws
    ws.close()


def table_counts(ws: Workspace) -> dict[str, int]:
    """Row counts of every table, to prove that a failed import changed nothing."""
    tables = [
        r[0]
        for r in ws.con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_catalog <> 'temp'"
        ).fetchall()
    ]
    return {t: ws.con.execute(f'SELECT count(*) FROM "{t}"').fetchall()[0][0] for t in sorted(tables)}
