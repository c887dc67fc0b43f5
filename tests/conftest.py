"""Shared fixtures: real public datasets (skipped when absent) and fresh databases on disk."""

from __future__ import annotations

import os
import shutil
import subprocess
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


#: Test files (or folders) that take longest, first: pytest-xdist hands groups out in this order,
#: so that no worker is left running a long one alone at the end (``--durations=0``, 2 workers)
LONGEST_FIRST = (
    "tests/spark/", "tests/web/test_dashboard.py", "tests/reports/",
    "tests/io/test_twitter_trees.py",
    "tests/server/test_serve.py", "tests/server/test_api.py", "tests/server/test_fuzz.py",
    "tests/cli/test_demo.py", "tests/web/",
)


def _group(nodeid: str) -> str:
    """The unit of work of a test for pytest-xdist: its file (the world its fixtures build stays on
    one worker), except that every Spark test goes to one worker (one JVM session, not two)."""
    file = nodeid.split("::")[0]
    return "tests/spark" if file.startswith("tests/spark/") else file


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    """pytest-xdist's scheduling by file, with the groups of :func:`_group` (its own
    ``--dist loadgroup`` marks no longer reach the scheduler under pytest 9)."""
    from xdist.scheduler import LoadScopeScheduling

    class ByGroup(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return _group(nodeid)

    return ByGroup(config, log)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The longest groups first (:data:`LONGEST_FIRST`); xdist keeps this order
    (``--no-loadscope-reorder``)."""

    def rank(item: pytest.Item) -> int:
        return next((i for i, prefix in enumerate(LONGEST_FIRST) if item.nodeid.startswith(prefix)),
                    len(LONGEST_FIRST))

    items.sort(key=rank)  # stable: a file's tests stay together and in order


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


@pytest.fixture(scope="session")
def empty_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new database file, created and migrated once per test process (read only: copy it)."""
    path = tmp_path_factory.mktemp("empty") / "empty.duckdb"
    Workspace(path).close()
    path.chmod(0o444)
    return path


@pytest.fixture
def workspace(db_path: Path, empty_database: Path):
    """A fresh workspace on a real DuckDB file, closed after the test.

    The file is a copy of :func:`empty_database`: the same bytes a new workspace writes, without
    creating the schema anew for each of the hundreds of tests that start from nothing."""
    shutil.copyfile(empty_database, db_path)
    ws = Workspace(db_path)
    yield ws
    ws.close()


def table_counts(ws: Workspace, skip: tuple[str, ...] = ()) -> dict[str, int]:
    """Row counts of every table but ``skip``, to prove that a failed import changed nothing (in
    one query: the fuzzer checks each request it sends before and after)."""
    tables = [r[0] for r in ws.con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE NOT temporary ORDER BY table_name").fetchall()
        if r[0] not in skip]
    counts = ws.con.execute("SELECT " + ", ".join(f'(SELECT count(*) FROM "{t}")' for t in tables)).fetchone()
    return dict(zip(tables, counts, strict=True))


def run_in_process(*args: str) -> subprocess.CompletedProcess:
    """``einfluence ARGS`` run in this process, as a finished process (exit code, stdout, stderr):
    the command line's code without a Python start per command (tests/cli/test_process.py runs
    the real program)."""
    from typer.testing import CliRunner

    from einfluence.cli import app

    done = CliRunner().invoke(app, list(args))
    return subprocess.CompletedProcess(list(args), done.exit_code, done.stdout, done.stderr)
