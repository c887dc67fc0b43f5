"""The dashboard: each page's HTML served (p50 / p95), and the community map of 20,000 accounts
interactive in headless Chromium (its WebGL in software where the machine has no GPU).

Usage (from the repository root)::

    .venv/bin/python -m benchmarks.run web                               # the 10M world (~15 min to build)
    .venv/bin/python -m benchmarks.run web --interactions 1000000        # a smaller world
    .venv/bin/python -m benchmarks.run web --db WORLD.duckdb             # a world built before (kept as is)
    .venv/bin/python -m benchmarks.run web --db WORLD.duckdb --no-pages  # the map only

Protocol (issue #13): a real ``einfluence serve`` process on a loopback port serves the demo
world with its runs computed (score, communities, topics, a plan, brand mentions). First, the
Topics page cold: the server just started (nothing cached), the page's first request timed, then
the time until it is complete (its on-topic leaders read or computed, while the page shows a
notice that refreshes it); that server is stopped and a fresh one serves the rest. One client
with the session of the login link asks each page ``--requests`` times in turn (after its first
request, reported apart: it computes what the page reads, as after a write, and while it does
the page shows a notice and is asked again every second until it is complete); reported per
page: first request (and when it became complete), p50 and p95 of the next ones. Then Chromium (Debian's, through
Playwright) opens the Communities page with ``--map-accounts`` accounts drawn; time to
interactive is from the navigation's start until sigma.js has drawn the map and two frames
have passed (``window.einfluenceMap``; the ties between accounts are added right after, so the
accounts can be hovered and clicked first), the median of ``--map-runs`` loads.
"""

from __future__ import annotations

import argparse
import http.client
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["main"]

PAGES = ["/", "/influencers", "/influencers?topic=0", "/influencers?community=0", "/accounts/{top}", "/communities",
         "/topics", "/campaigns", "/brands", "/imports"]


def _row(name: str, value: str) -> None:
    print(f"{name:<46} {value}", flush=True)


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="benchmarks.run web")
    parser.add_argument("--interactions", type=int, default=10_000_000)
    parser.add_argument("--db", type=Path, help="a world built before (copied, kept as is)")
    parser.add_argument("--requests", type=int, default=20, help="requests per page after the first")
    parser.add_argument("--map-accounts", type=int, default=20_000)
    parser.add_argument("--map-runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="save the world built here (for --db next time)")
    parser.add_argument("--no-pages", action="store_true", help="measure the map only (not each page's HTML)")
    args = parser.parse_args(argv)
    from benchmarks.bench_server import build_world

    workdir = Path(tempfile.mkdtemp(prefix="einfluence-bench-web-"))
    db = workdir / "world.duckdb"
    try:
        if args.db:
            shutil.copy(args.db, db)
            from einfluence import Workspace

            with Workspace(db) as ws:  # migrated to this version; brand mentions found if missing
                if not ws.sql("SELECT count(*) FROM mentions").fetchall()[0][0]:
                    started = time.perf_counter()
                    ws.detect_mentions()
                    _row("found the brand mentions", f"{time.perf_counter() - started:.0f} s")
        else:
            build_world(db, args.interactions)
            from einfluence import Workspace

            with Workspace(db) as ws:
                ws.detect_mentions()
            if args.keep:
                shutil.copy(db, args.keep)
        from einfluence import Workspace

        with Workspace(db, read_only=True) as ws:
            stats = ws.stats(by_day=False)
            top = ws.shortlist(limit=1, compute=False)
        _row("world", f"{stats['accounts']:,} accounts, {stats['interactions']:,} interactions")
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        with Workspace(db) as ws:  # a token of our own (a world served before prints no login link)
            link, _ = ws.create_token(name="bench_web", scope="admin")
        if not args.no_pages:
            server = _serve(db, port)
            try:
                _cold_topics(port, link)
            finally:
                server.terminate()
                server.wait(30)
        server = _serve(db, port)
        try:
            if not args.no_pages:
                _pages(port, link, args, top)
            _map(port, link, args)
        finally:
            server.terminate()
            server.wait(30)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _serve(db: Path, port: int) -> subprocess.Popen:
    """``einfluence serve db`` on ``port``, once it listens."""
    server = subprocess.Popen([sys.executable, "-m", "einfluence", "serve", str(db), "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    while "einfluence serve:" not in (line := server.stdout.readline()):
        if not line:
            raise RuntimeError("einfluence serve stopped")
    return server


def _session(port: int, token: str) -> tuple[http.client.HTTPConnection, str]:
    """A connection and the session cookie of the login link."""
    con = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    con.request("GET", f"/login?token={token}")
    answer = con.getresponse()
    answer.read()
    return con, "; ".join(c.split(";", 1)[0] for c in answer.headers.get_all("set-cookie"))


def _get(con: http.client.HTTPConnection, path: str, cookie: str) -> tuple[float, bytes]:
    started = time.perf_counter()
    con.request("GET", path, headers={"Cookie": cookie})
    response = con.getresponse()
    body = response.read()
    if response.status != 200:
        raise RuntimeError(f"{path}: HTTP {response.status}: {body[:300]!r}")
    return 1000 * (time.perf_counter() - started), body


def _cold_topics(port: int, token: str) -> None:
    """The Topics page's first request on a server just started, and until the page is complete."""
    con, cookie = _session(port, token)
    started = time.perf_counter()
    first, body = _get(con, "/w/world/topics", cookie)
    requests = 1
    while b"data-refresh" in body:  # the page shows what is ready and refreshes itself for the rest
        time.sleep(3)
        _, body = _get(con, "/w/world/topics", cookie)
        requests += 1
    complete = time.perf_counter() - started
    warm = [_get(con, "/w/world/topics", cookie)[0] for _ in range(5)]
    _row("page /topics cold (server just started)",
         f"first request {first:7.0f} ms ({'a notice, the rest computing' if requests > 1 else 'complete'}); "
         f"complete after {complete:.1f} s ({requests} requests); then median {statistics.median(warm):.1f} ms")


def _pages(port: int, token: str, args: argparse.Namespace, top: dict | None) -> None:
    con, cookie = _session(port, token)
    account = top["rows"].to_pylist()[0]["account"] if top else "0"
    every = []
    for page in PAGES:
        path = "/w/world" + page.replace("{top}", account)
        # the first request, then the same page asked every second while it shows a notice that
        # it is computing (however long that takes: a profile's perception on a loaded machine
        # outlasted the 21 tries once counted here, and left no timing at all)
        started = time.perf_counter()
        first, body = _get(con, path, cookie)
        notices = 0
        while b"data-refresh" in body:
            notices += 1
            time.sleep(1)
            _, body = _get(con, path, cookie)
        complete = time.perf_counter() - started
        rest: list[float] = []
        for _ in range(3 * args.requests):
            if len(rest) == args.requests:
                break
            elapsed, body = _get(con, path, cookie)
            if b"data-refresh" in body:  # computing again (a cached answer let go): not a page's HTML
                time.sleep(1)
                continue
            rest.append(elapsed)
        every += rest
        shown = f"first {first:7.0f} ms" + (f" (a notice; complete after {complete:.1f} s)" if notices else "")
        _row(f"page {page}", f"{shown}; then p50 {statistics.median(rest):6.1f} ms, "
                             f"p95 {_quantile(rest, 0.95):6.1f} ms ({len(rest)} requests, {len(body):,} bytes)")
    _row("every page (after the first request)", f"p50 {statistics.median(every):6.1f} ms, "
                                                 f"p95 {_quantile(every, 0.95):6.1f} ms")


def _map(port: int, token: str, args: argparse.Namespace) -> None:
    from playwright.sync_api import sync_playwright

    from einfluence.figures.browser import chromium_path

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.goto(f"http://127.0.0.1:{port}/login?token={token}")
        page.wait_for_selector("html[data-ready='1']", state="attached", timeout=600_000)
        url = f"http://127.0.0.1:{port}/w/world/communities?accounts={args.map_accounts}"
        page.set_default_timeout(1_200_000)
        page.goto(url)  # the first load computes and keeps the map (as after a write)
        page.wait_for_selector("#map[data-drawn]", state="attached", timeout=1_200_000)
        first = page.evaluate("window.einfluenceMap")
        _row("map: first load (computes the map)", f"{first['interactive_ms']:7.0f} ms, {first['nodes']:,} nodes, "
                                                   f"{first['edges']:,} edges")
        runs = []
        for _ in range(args.map_runs):
            page.goto(url)
            page.wait_for_selector("#map[data-drawn]", state="attached", timeout=600_000)
            runs.append(page.evaluate("window.einfluenceMap"))
        best = statistics.median(r["interactive_ms"] for r in runs)
        _row(f"map: time to interactive ({runs[0]['nodes']:,} nodes)",
             f"median {best:7.0f} ms (page and scripts {statistics.median(r['script_start_ms'] for r in runs):.0f} ms, "
             f"map JSON {statistics.median(r['fetch_ms'] for r in runs):.0f} ms, "
             f"graph {statistics.median(r['build_ms'] for r in runs):.0f} ms, "
             f"first frames {statistics.median(r['frames_ms'] for r in runs):.0f} ms; {len(runs)} loads)")
        browser.close()
