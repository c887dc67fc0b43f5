"""The server's temporary folders: private, removed when it stops, swept when a killed one left them."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from einfluence import Workspace
from einfluence.server.config import ServerConfig
from einfluence.server.state import ServerState


def _dead_pid() -> int:
    """The pid of a process that has ended (and been reaped)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_killed_servers_folders_are_swept_and_a_live_ones_kept(tmp_path):
    Workspace(tmp_path / "w.duckdb").close()
    temp = Path(tempfile.gettempdir())
    orphan = Path(tempfile.mkdtemp(prefix=f"einfluence-reports-{_dead_pid()}-", dir=temp))
    (orphan / "client-report.pdf").write_bytes(b"%PDF")
    orphan_uploads = Path(tempfile.mkdtemp(prefix=f"einfluence-uploads-{_dead_pid()}-", dir=temp))
    live = Path(tempfile.mkdtemp(prefix=f"einfluence-reports-{os.getppid()}-", dir=temp))  # our parent: alive
    state = ServerState(ServerConfig(databases=[tmp_path / "w.duckdb"]))
    try:
        state.start()
        assert not orphan.exists() and not orphan_uploads.exists()
        assert live.exists()
        reports, uploads = state.reports_dir, state.upload_dir
        assert reports.is_dir() and uploads.is_dir()
        assert reports.name.startswith(f"einfluence-reports-{os.getpid()}-")
        assert reports.stat().st_mode & 0o777 == 0o700
    finally:
        state.stop()
        live.rmdir()
    assert not reports.exists() and not uploads.exists()
