"""The server under load: ranking, profile and plan list, 20 concurrent clients, an import running.

Usage (from the repository root, after ``pip install -e '.[bench]'``)::

    .venv/bin/python -m benchmarks.run server                          # builds the 10M world (~15 min)
    .venv/bin/python -m benchmarks.run server --db WORLD.duckdb        # a world built before (kept as is)
    .venv/bin/python -m benchmarks.run server --db WORLD.duckdb --cache-size 0   # every answer computed

Protocol (issue #12): a real ``einfluence serve`` process on a loopback port serves two
workspaces, the demo world of about 10M interactions with its runs computed (score, communities,
topics, a plan and a seed selection) and a small one; once an import job (a generated world of
``--import-interactions`` interactions, from a server-side folder) runs on the small one,
``--clients`` clients (threads, each with its own keep-alive connection) send requests one after another for ``--seconds``: the first page of
the ranking (cycling through no filter, ``network``, ``min_reactors`` and ``community``), the
profile of one of the top ``--accounts`` accounts (drawn at random), and the plan list, in turn.
Before that, each of these URLs is asked once by one client (the cold figures: the answer
computed, as after a write, one request at a time); the measured phase then shows what 20
dashboards see. Reported: p50 / p95 / p99 latency and throughput per endpoint and overall,
errors, whether the import was still running at the end, and the machine's load average. With
``--cache-size 0`` every answer of the measured phase is computed.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

__all__ = ["build_world", "main"]


def _row(name: str, value: str) -> None:
    print(f"{name:<46} {value}", flush=True)


def build_world(path: Path, n_interactions: int) -> None:
    """The demo world of about ``n_interactions`` interactions, with its runs computed."""
    from einfluence import Workspace

    started = time.perf_counter()
    Workspace.create_demo(path, n_accounts=max(1000, -(-n_interactions // 48)), seed=1)
    with Workspace(path) as ws:
        ws.score_run_for()
        ws.communities()
        ws.topics(n_topics=8)
        ws.plan(budget=1000, topic=0, n_simulations=200)
        ws.select_seeds(10, epsilon=0.5)
    _row("built the benchmark world", f"{time.perf_counter() - started:.0f} s ({path})")


def _import_folder(folder: Path, n_interactions: int) -> None:
    from einfluence.datasets import make_demo_world
    from einfluence.io.generic import write_generic

    world = make_demo_world(n_accounts=max(1000, n_interactions // 48), seed=7)
    write_generic(world.records, folder, file_format="parquet")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _percentiles(values: list[float]) -> str:
    import numpy as np

    if not values:
        return "-"
    p50, p95, p99 = np.percentile(np.asarray(values) * 1000, [50, 95, 99])
    return f"p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  p99 {p99:7.1f} ms"


def _load(port: int, base: str, wname: str, auth: dict[str, str], filters: list[dict],
          accounts: list[tuple[str, str]], n_clients: int, seconds: float) -> tuple[list[tuple[str, float, int]], float]:
    """``n_clients`` clients, each a thread with its own keep-alive connection, sending one request
    after another for ``seconds``: ranking pages, profiles and the plan list in turn.

    The clients use the standard library's ``http.client``: the load generator shares the
    machine with the server, and httpx spends several times more CPU per request (measured on
    this 2-core machine: 20 httpx threads got 155 req/s out of the server, 20 ``http.client``
    threads 580 req/s), which would be counted as the server's latency.
    """
    import http.client
    from urllib.parse import quote, urlencode

    results: list[tuple[str, float, int]] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds
    prefix = base.split(f":{port}", 1)[1]

    def client(index: int) -> None:
        rng = random.Random(index)
        turn = index
        con = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        while time.perf_counter() < deadline:
            kind = ("rank", "profile", "plans")[turn % 3]
            if kind == "rank":
                path, params = f"{prefix}/{wname}/rank", {"limit": 20, **filters[(turn // 3) % len(filters)]}
            elif kind == "profile":
                account, network = accounts[rng.randrange(len(accounts))]
                path, params = f"{prefix}/{wname}/accounts/{quote(account, safe='')}/profile", {"network": network}
            else:
                path, params = f"{prefix}/{wname}/plans", {"limit": 20}
            turn += 1
            t = time.perf_counter()
            try:
                con.request("GET", f"{path}?{urlencode(params, doseq=True)}", headers=auth)
                response = con.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                status = 0
                con.close()
                con = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
            elapsed = time.perf_counter() - t
            with lock:
                results.append((kind, elapsed, status))
        con.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(n_clients)]
    wall = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, time.perf_counter() - wall


def main(argv: list[str] | None = None) -> None:
    import httpx

    from einfluence import Workspace

    parser = argparse.ArgumentParser(prog="python -m benchmarks.run server", description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a world built before (default: build one in a temporary folder)")
    parser.add_argument("--interactions", type=int, default=10_000_000, help="size of the world to build")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--import-interactions", type=int, default=3_000_000)
    parser.add_argument("--cache-size", type=int, default=1024, help="the server's --cache-size (0: no cache)")
    parser.add_argument("--accounts", type=int, default=50, help="profiles drawn among the top N accounts")
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="einfluence-bench-server-"))
    server = None
    try:
        world = args.db
        if world is None:
            world = workdir / "world.duckdb"
            build_world(world, args.interactions)
        other = workdir / "incoming.duckdb"
        Workspace.create_demo(other, n_accounts=1000, seed=3)
        folder = workdir / "to-import"
        _import_folder(folder, args.import_interactions)
        tokens = {}
        for name, path in (("world", world), ("incoming", other)):
            with Workspace(path) as ws:
                tokens[path.stem], _ = ws.create_token(name=f"benchmark {name}", scope="admin")
                if name == "world":
                    stats = ws.stats(by_day=False)
        _row("world", f"{stats['interactions']:,} interactions, {stats['accounts']:,} accounts, {world}")
        port = _free_port()
        log = (workdir / "serve.log").open("w")
        server = subprocess.Popen(
            [sys.executable, "-m", "einfluence", "serve", str(world), str(other), "--port", str(port),
             "--allow-path", str(folder), "--compute-wait", "1200", "--cache-size", str(args.cache_size)],
            stdout=log, stderr=subprocess.STDOUT, text=True)
        while "log in" not in (workdir / "serve.log").read_text():
            if server.poll() is not None:
                raise RuntimeError("einfluence serve stopped: " + (workdir / "serve.log").read_text())
            time.sleep(0.2)
        base = f"http://127.0.0.1:{port}/api/v1/workspaces"
        wname = world.stem
        auth = {"Authorization": f"Bearer {tokens[wname]}"}
        with httpx.Client(timeout=1200) as http:
            started = time.perf_counter()
            top = http.get(f"{base}/{wname}/rank", params={"limit": args.accounts}, headers=auth).json()["items"]
            _row("first ranking (run found or computed)", f"{time.perf_counter() - started:.2f} s")
            accounts = [(row["account"], row["network"]) for row in top]
            filters = [{}, {"network": "microblog"}, {"min_reactors": 2}, {"community": 0}]
            urls = ([("rank", f"{base}/{wname}/rank", {"limit": 20, **f}) for f in filters]
                    + [("profile", f"{base}/{wname}/accounts/{a}/profile", {"network": n}) for a, n in accounts]
                    + [("plans", f"{base}/{wname}/plans", {"limit": 20})])
            cold: dict[str, list[float]] = {"rank": [], "profile": [], "plans": []}
            for kind, url, params in urls:  # one client: what an answer costs when computed
                t = time.perf_counter()
                assert http.get(url, params=params, headers=auth).status_code == 200, url
                cold[kind].append(time.perf_counter() - t)
            for kind, values in cold.items():
                _row(f"  {kind}, first request of each URL ({len(values)})", _percentiles(values))
            job = http.post(f"{base}/{other.stem}/imports/paths", json={"format": "generic", "paths": [str(folder)]},
                            headers={"Authorization": f"Bearer {tokens[other.stem]}"}).json()
            while job["state"] == "queued":
                time.sleep(0.1)
                job = http.get(f"http://127.0.0.1:{port}{job['links']['self']}",
                               headers={"Authorization": f"Bearer {tokens[other.stem]}"}).json()
        job_url = f"http://127.0.0.1:{port}{job['links']['self']}"
        load_before = os.getloadavg()
        results, wall = _load(port, base, wname, auth, filters, accounts, args.clients, args.seconds)
        load_after = os.getloadavg()
        with httpx.Client(timeout=60) as http:
            job = http.get(job_url, headers={"Authorization": f"Bearer {tokens[other.stem]}"}).json()
        print()
        _row(f"{args.clients} clients, {wall:.1f} s, cache {args.cache_size}", f"{len(results):,} requests, "
             f"{len(results) / wall:,.1f} req/s, errors {sum(s != 200 for _, _, s in results)}")
        for kind in ("rank", "profile", "plans", None):
            rows = [r for r in results if kind is None or r[0] == kind]
            _row(f"  {kind or 'all'} ({len(rows):,}, {len(rows) / wall:,.1f} req/s)", _percentiles([r[1] for r in rows]))
        _row("import job on the other workspace", f"{job['state']} at the end, stage {job['stage']!r}"
             + (f", {job['result']['interactions_added']:,} interactions" if job.get("result") else ""))
        _row("load average (1 min) before, after", f"{load_before[0]:.1f}, {load_after[0]:.1f} (2 cores)")
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
