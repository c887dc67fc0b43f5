"""A real ``einfluence serve`` process on a loopback port: the checked-from-outside contract, one
database shared by two programs, and a job killed with the server (kill -9)."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from einfluence import Workspace
from tests.conftest import run_in_process
from tests.server.conftest import copy_db, free_port, table_counts

pytestmark = pytest.mark.slow


def _einfluence(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "einfluence", *args], capture_output=True, text=True,
                          timeout=timeout, check=False)


class Serve:
    """``einfluence serve`` in a child process; ``lines`` are what it printed."""

    def __init__(self, *args: str) -> None:
        self.port = free_port()
        self.proc = subprocess.Popen([sys.executable, "-m", "einfluence", "serve", *args, "--port", str(self.port)],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.lines: list[str] = []
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                raise AssertionError(f"serve stopped: {self.proc.stderr.read()}")
            self.lines.append(line.rstrip("\n"))
            if "/login?token=" in line or line.startswith("log in with a token"):
                break
        threading.Thread(target=self.proc.stdout.read, daemon=True).start()  # keep the pipe flowing

    def token(self) -> str:
        (link,) = [ln for ln in self.lines if "/login?token=" in ln]
        match = re.search(rf"http://127\.0\.0\.1:{self.port}/login\?token=(\S+)", link)
        assert match, link
        return match.group(1)

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.proc.poll() is None:
            os.kill(self.proc.pid, sig)
            self.proc.wait(30)


@pytest.fixture
def fresh(demo_file: Path, tmp_path: Path) -> Path:
    """A copy of the demo world without any token (a first run)."""
    return copy_db(demo_file, tmp_path, "world")


def test_the_contract_from_outside_and_two_programs_on_one_file(fresh):
    server = Serve(str(fresh))
    stop = threading.Event()
    statuses: list[int] = []
    try:
        token = server.token()  # printed, as a login link, because the file had no admin token
        bearer = {"Authorization": f"Bearer {token}"}
        with httpx.Client(base_url=server.url, timeout=60) as http:
            assert http.get("/api/v1/health").status_code == 200
            assert "paths" in http.get("/api/v1/openapi.json").json()
            assert http.get("/api/v1/workspaces/world/rank", params={"limit": 8}).status_code == 401
            page = http.get("/api/v1/workspaces/world/rank", params={"limit": 8}, headers=bearer)
            assert page.status_code == 200
            items = page.json()["items"]
            login = http.get("/login", params={"token": token}, follow_redirects=False)
            assert login.status_code == 303 and "einfluence_session" in login.headers["set-cookie"]
        time.sleep(1.5)  # the server lets the idle file go (a command would also wait for it)
        cli = _einfluence("rank", "--db", str(fresh), "--limit", "8", "--format", "json")
        assert cli.returncode == 0, cli.stderr
        assert items == json.loads(cli.stdout)
        made = _einfluence("token", "create", "--db", str(fresh), "--scope", "read", "--name", "analyst")
        assert made.returncode == 0, made.stderr
        read_token = made.stdout.strip().splitlines()[-1]
        assert re.fullmatch(r"einf_[0-9a-f]{12}_[\w-]{43}", read_token)

        def hammer() -> None:
            with httpx.Client(base_url=server.url, timeout=60) as http:
                while not stop.is_set():
                    statuses.append(http.get("/api/v1/workspaces/world/rank", params={"limit": 8},
                                             headers={"Authorization": f"Bearer {read_token}"}).status_code)

        thread = threading.Thread(target=hammer)
        thread.start()
        while not statuses:
            time.sleep(0.05)
        read = _einfluence("stats", "--json", "--db", str(fresh))  # the server only reads: so may we
        assert read.returncode == 0, read.stderr
        assert json.loads(read.stdout)["accounts"] > 0
        write = _einfluence("score", "--db", str(fresh))  # it works on the file: a write fails, clearly
        assert write.returncode == 1
        assert "einfluence serve" in write.stderr and "Traceback" not in write.stderr
        assert len(write.stderr.strip().splitlines()) == 1
        with httpx.Client(base_url=server.url, timeout=60) as http:
            refused = http.post("/api/v1/workspaces/world/score-runs", json={},
                                headers={"Authorization": f"Bearer {read_token}"})
            assert refused.status_code == 403
        stop.set()
        thread.join()
        assert set(statuses) == {200}
    finally:
        stop.set()
        server.stop()


def test_kill_9_during_an_import_leaves_the_workspace_as_it_was(fresh, tmp_path):
    folder = tmp_path / "big"
    folder.mkdir()
    rows = ["network,src,dst,kind,time"] + [
        f"bulk,u{i % 50_000},v{(i * 7) % 40_000},relay,2026-09-0{1 + i % 9}T{i % 24:02d}:00:00Z"
        for i in range(300_000)]
    (folder / "interactions.csv").write_text("\n".join(rows) + "\n")
    with Workspace(fresh) as ws:
        before = table_counts(ws)
    server = Serve(str(fresh), "--allow-path", str(folder))
    job_id = None
    try:
        token = server.token()
        headers = {"Authorization": f"Bearer {token}"}
        with httpx.Client(base_url=server.url, timeout=60) as http:
            job = http.post("/api/v1/workspaces/world/imports/paths", headers=headers,
                            json={"format": "generic", "paths": [str(folder)]}).json()
            job_id = job["job_id"]
            deadline = time.monotonic() + 60
            while job["state"] == "queued" and time.monotonic() < deadline:
                job = http.get(job["links"]["self"], headers=headers).json()
            assert job["state"] == "running", job
            time.sleep(0.3)  # inside the reading or the storing
            assert http.get(job["links"]["self"], headers=headers).json()["state"] == "running"
    finally:
        server.stop(signal.SIGKILL)
    with Workspace(fresh) as ws:
        after = table_counts(ws)
        assert after.pop("tokens") == before.pop("tokens") + 1  # the first run's admin token
        assert after == before
        assert ws.sql("SELECT count(*) FROM accounts WHERE network = 'bulk'").fetchall()[0][0] == 0
    restarted = Serve(str(fresh), "--allow-path", str(folder))
    try:
        assert not any("/login?token=" in line for line in restarted.lines)  # not a first run any more
        assert any(f"marked failed: [{job_id}]" in line for line in restarted.lines), restarted.lines
        with httpx.Client(base_url=restarted.url, timeout=60) as http:
            job = http.get(f"/api/v1/workspaces/world/jobs/{job_id}",
                           headers={"Authorization": f"Bearer {token}"}).json()
        assert job["state"] == "failed" and "stopped while this job" in job["error"]["detail"]
    finally:
        restarted.stop()


def test_a_folder_serves_every_database_in_it(demo_file, tmp_path):
    folder = tmp_path / "team"
    for name in ("brand", "agency"):
        copy_db(demo_file, folder, name)
    (folder / "notes.txt").write_text("not a database")
    server = Serve(str(folder))
    try:
        bearer = {"Authorization": f"Bearer {server.token()}"}  # one first admin token opens both
        with httpx.Client(base_url=server.url, timeout=60) as http:
            listed = http.get("/api/v1/workspaces", headers=bearer).json()["items"]
            assert sorted(w["workspace"] for w in listed) == ["agency", "brand"]
            for name in ("agency", "brand"):
                page = http.get(f"/api/v1/workspaces/{name}/rank", params={"limit": 3}, headers=bearer)
                assert page.status_code == 200 and len(page.json()["items"]) == 3
            assert http.get("/api/v1/workspaces/notes/rank", headers=bearer).status_code == 401
    finally:
        server.stop()


def test_the_read_commands_run_against_a_server(fresh):
    """``einfluence --server URL --token T rank|stats|explain`` prints what the command prints on the file."""
    reads = (("rank", "--limit", "8", "--format", "json"), ("rank", "--by", "person", "--format", "json"),
             ("rank", "--limit", "30", "--community", "0", "--query", "vélo", "--format", "json"),
             ("rank", "--limit", "5", "--format", "csv"), ("stats", "--json"))
    # on the file first: with the server up, each command would wait for it to let the file go
    near = {args: run_in_process(*args, "--db", str(fresh)) for args in reads}
    assert all(done.returncode == 0 for done in near.values()), [done.stderr for done in near.values()]
    top = json.loads(near[reads[0]].stdout)[0]
    explain = ("explain", top["account"], "--network", top["network"], "--json")
    near[explain] = run_in_process(*explain, "--db", str(fresh))
    assert near[explain].returncode == 0, near[explain].stderr
    server = Serve(str(fresh))
    try:
        remote = ("--server", server.url, "--token", server.token())
        for args in reads:
            far = run_in_process(*remote, *args)
            assert far.returncode == 0, far.stderr
            assert far.stdout == near[args].stdout, args
        far = run_in_process(*remote, *explain)
        assert far.returncode == 0 and json.loads(far.stdout) == json.loads(near[explain].stdout)
        for args, named in ((("--token", "einf_000000000000_nope", "stats"), "--token"),
                            (("--token", server.token(), "score"), "--server"),
                            (("--token", server.token(), "stats", "--db", "other"), "--db"),
                            (("--token", server.token(), "rank", "--topic", "no such topic"), "--topic")):
            refused = _einfluence("--server", server.url, *args)
            assert refused.returncode == 1, refused.stdout
            assert refused.stderr.count("\n") == 1 and named in refused.stderr and "Traceback" not in refused.stderr
        down = _einfluence("--server", "http://127.0.0.1:9", "--token", "x", "stats")
        assert down.returncode == 1 and "cannot reach the server" in down.stderr
    finally:
        server.stop()
