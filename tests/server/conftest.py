"""Fixtures of the server tests: a small demo world built once, copied per module, served in process."""

from __future__ import annotations

import shutil
import socket
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from einfluence import Workspace
from tests.conftest import table_counts as all_table_counts

#: the demo world of the server tests: small, so that the whole module stays fast
DEMO = {"n_accounts": 300, "n_days": 14, "seed": 0}


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo world with a score run (as ``einfluence demo`` stores it), a topic run and a community run."""
    path = tmp_path_factory.mktemp("server-demo") / "demo.duckdb"
    Workspace.create_demo(path, **DEMO)
    with Workspace(path) as ws:
        ws.score(label="demo")
        ws.topics(n_topics=4)  # "auto" fits many models: slow for a fixture
        ws.communities()
        ws.detect_mentions()
    return path


def copy_db(source: Path, folder: Path, name: str) -> Path:
    """A copy of a database file under another name (another workspace)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.duckdb"
    shutil.copy(source, target)
    return target


def table_counts(ws: Workspace) -> dict[str, int]:
    """Rows of every table but ``jobs`` (the job log records attempts), to prove nothing was written."""
    return all_table_counts(ws, skip=("jobs",))


@dataclass
class Served:
    """A TestClient on an app serving ``demo`` (tokens of each scope) and ``other`` (its own admin token)."""

    client: Any
    app: Any
    folder: Path
    tokens: dict[str, str]
    other_token: str
    expected: dict[str, Any] = field(default_factory=dict)

    def headers(self, scope: str = "read") -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[scope]}"}

    def counts(self, workspace: str = "demo") -> dict[str, int]:
        with self.app.state.einfluence.hosts[workspace].reading() as ws:
            return table_counts(ws)


def make_served(demo_file: Path, folder: Path, **config: Any) -> tuple[Served, Any]:
    """Copy the demo world as ``demo`` and ``other``, make tokens, build the app (not started)."""
    from einfluence.server import ServerConfig, create_app

    demo = copy_db(demo_file, folder, "demo")
    other = copy_db(demo_file, folder, "other")
    tokens = {}
    with Workspace(demo) as ws:
        for scope in ("read", "write", "admin"):
            tokens[scope], _ = ws.create_token(name=f"test {scope}", scope=scope)
    with Workspace(other) as ws:
        other_token, _ = ws.create_token(name="other admin", scope="admin")
    app = create_app(ServerConfig([demo, other], upload_dir=folder / "uploads", **config))
    return Served(None, app, folder, tokens, other_token), app


@pytest.fixture(scope="module")
def served(demo_file: Path, tmp_path_factory: pytest.TempPathFactory):
    """The demo world served in process (module scope: one start, one stop)."""
    from fastapi.testclient import TestClient

    served, app = make_served(demo_file, tmp_path_factory.mktemp("served"))
    with TestClient(app) as client:
        served.client = client
        yield served


def free_port() -> int:
    """A free TCP port on the loopback address."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
