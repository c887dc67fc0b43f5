"""Fixtures of the dashboard's browser tests: a demo world served by a real ``einfluence serve``
process on a loopback port, and Debian's Chromium driven by Playwright.

With ``EINFLUENCE_SCREENSHOTS=FOLDER`` (``tests/web/screenshots`` is git-ignored), a full-page
screenshot of every page the tests open is saved there, for a person to look at. Not by
default: they cost about 17 CPU-seconds of Chromium per run (a full-page layout and PNG each)
and no test reads them.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from einfluence import Workspace

HERE = Path(__file__).parent
SCREENSHOTS = Path(os.environ["EINFLUENCE_SCREENSHOTS"]) if os.environ.get("EINFLUENCE_SCREENSHOTS") else None
AXE = HERE / "vendor" / "axe-4.10.3.min.js"
#: text from the data that must never run: shown as text wherever it appears
EVIL_HANDLE = '<img src=x onerror="window.__xss=1">'
EVIL_TEXT = "<script>window.__xss=2</script> Ondula rocks"
#: the name of an account without a handle, shown by its name (account id ``evil-name``)
EVIL_NAME = '<img src=x onerror="window.__xss=3"> page\u202eeman'


#: words of the interface in English that no French page may show (none is a word of the demo
#: world's data: its posts are English, and are shown as they are)
ENGLISH = ("Produced", "computation", "everyone", "accounts", "account", "influencers", "chosen", "largest",
           "highest", "within", "every", "shortlist", "like", "relay", "reply", "quote", "follow", "succeeded",
           "failed", "running", "queued", "rising", "fading", "broker", "brokers", "event", "reaction", "reactions",
           "campaign", "logged", "window", "members", "growth", "run", "person", "media", "brand", "community",
           "topic", "mm", "dd", "yyyy", "scoring",
           # the funnel's evidence and the importers' reasons
           "spontaneous", "original", "prompted", "towards", "mean", "over", "longer", "expected", "found",
           "neither", "nor", "unterminated", "record", "feed", "string", "object", "refers", "unknown")


def build_world(path: Path) -> None:
    """The demo world (small) with its planted tipping community (as ``einfluence demo`` makes it),
    an account whose handle and post are HTML, one without a handle whose name is, and every run
    the pages read: scores, a history (sparklines), topics, communities, brand mentions."""
    from datetime import datetime, timedelta

    from einfluence.io import Records

    Workspace.create_demo(path, n_accounts=300, n_days=14, seed=0, tipping_community=True)
    with Workspace(path) as ws:
        start = datetime(2026, 9, 8, 12)
        fans = [str(i) for i in range(20, 32)]
        ws.add_records(Records.from_columns(
            accounts={"network": "microblog", "id": ["evil", "evil-name"], "handle": [EVIL_HANDLE, None],
                      "name": [None, EVIL_NAME], "kind": "person"},
            posts={"network": "microblog", "id": ["evil-1"], "author": ["evil"], "time": [start],
                   "text": [EVIL_TEXT], "kind": "original"},
            interactions={"network": "microblog", "src": fans * 2, "dst": ["evil"] * len(fans) + ["evil-name"] * len(fans),
                          "kind": "relay", "time": [start + timedelta(hours=i) for i in range(len(fans))] * 2,
                          "post": ["evil-1"] * len(fans) + [None] * len(fans)},
        ))
        ws.score(label="demo")
        ws.history(width_hours=48)
        ws.topics(n_topics=4)
        ws.communities()
        ws.detect_mentions()


@pytest.fixture(scope="session")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "demo.duckdb"
    build_world(path)
    return path


@dataclass
class Server:
    """A running ``einfluence serve``: its base URL and login link."""

    base: str
    login: str
    process: Any
    log: list[str] = field(default_factory=list)


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def server(world: Path) -> Any:
    """``einfluence serve demo.duckdb --port P`` as another process; its first-run login link."""
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "einfluence", "serve", str(world), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    link = None
    deadline = time.monotonic() + 120
    while link is None and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        found = re.search(rf"(http://127\.0\.0\.1:{port}/login\?token=\S+)", line)
        link = found.group(1) if found else None
    if link is None:
        process.kill()
        raise RuntimeError("einfluence serve printed no login link:\n" + "".join(lines))
    import threading

    threading.Thread(target=lambda: [lines.append(x) for x in process.stdout], daemon=True).start()
    yield Server(f"http://127.0.0.1:{port}", link, process, lines)
    process.terminate()
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="module")
def browser() -> Any:
    """A Chromium for one test file, stopped after it: Playwright's sync API keeps an event loop
    running in this thread while it is started, and a later test file on the same worker (the
    reports' PDFs) starts its own, which Playwright refuses inside a running loop."""
    from playwright.sync_api import sync_playwright

    from einfluence.figures.browser import chromium_path

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
        yield chromium
        chromium.close()


class Visitor:
    """A logged-in browser tab that records every console error, page error, failed request
    and error response, and checks each page it opens (ready, accessible, screenshot)."""

    def __init__(self, page: Any, server: Server) -> None:
        self.page = page
        self.server = server
        self.problems: list[str] = []
        page.on("console", lambda m: self.problems.append(f"console {m.type}: {m.text}")
                if m.type == "error" else None)
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on("requestfailed", self._failed)
        page.on("response", lambda r: self.problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)

    def _failed(self, request: Any) -> None:
        # Chromium asks for the favicon once a page has loaded; opening the next page aborts that
        # request (net::ERR_ABORTED, seen once the pages drew faster): not a fault of the page
        if request.url.endswith("/static/favicon.svg") and "ERR_ABORTED" in (request.failure or ""):
            return
        self.problems.append(f"failed request: {request.url} {request.failure}")

    def open(self, path: str, name: str | None = None, *, timeout: float = 240_000) -> Any:
        """Open a page, wait until its figures (and map) are drawn, save its screenshot.

        The tab may still show a page that reloads itself (a run being computed, a job that
        finished): its reload, fired while the new page loads, aborts that navigation
        (``net::ERR_ABORTED``, seen on a loaded machine). A blank page first ends the old
        page and its timers."""
        self.page.goto("about:blank")
        self.page.goto(self.server.base + path)
        return self.ready(name, timeout=timeout)

    def ready(self, name: str | None = None, *, timeout: float = 240_000) -> Any:
        # a page computing a missing run refreshes itself until the run is stored
        try:
            # a selector, not a script: the pages' Content-Security-Policy forbids eval
            self.page.wait_for_selector("html[data-ready='1']:not(:has([data-refresh]))", state="attached",
                                        timeout=timeout)
        except Exception as exc:
            state = [self.page.get_attribute("html", "data-error"), self.page.title()]
            raise AssertionError(f"{self.page.url} not ready: {state}; {self.problems[-5:]}") from exc
        if name:
            self.screenshot(name)
        return self.page

    def screenshot(self, name: str) -> None:
        """The whole page as ``name.png`` in :data:`SCREENSHOTS`, when it is set."""
        if SCREENSHOTS is not None:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    def axe(self) -> list[dict[str, Any]]:
        """The serious and critical accessibility violations axe-core finds on the page."""
        self.page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        found = self.page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                                   ".map(v => ({id: v.id, impact: v.impact, help: v.help, "
                                   "nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))")
        return [v for v in found if v["impact"] in ("serious", "critical")]

    def english_words(self) -> list[str]:
        """The words of :data:`ENGLISH` on the page, each in its context: the page's text without
        the elements marked in another language (the language switch), and the inputs'
        placeholders and types (the date fields' format)."""
        text = self.page.evaluate("""() => {
            let text = document.body.innerText;
            for (const el of document.querySelectorAll('body [lang]:not([lang^=fr])')) text = text.replace(el.innerText, ' ');
            const dates = [...document.querySelectorAll('input')].map((i) => i.placeholder + ' ' + (i.type || ''));
            return text + ' ' + dates.join(' ');
        }""")
        words = set(re.findall(r"[A-Za-zÀ-ÿ]+", text))
        return [re.search(rf".{{0,60}}\b{w}\b.{{0,60}}", text).group(0) for w in sorted(ENGLISH) if w in words]

    def api(self, path: str) -> Any:
        """An API answer fetched with the page's session cookie, outside the page: a page that
        reloads itself (a running job's notice) cannot cut the request."""
        response = self.page.context.request.get(self.server.base + path)
        return {"status": response.status, "body": response.json()}

    def api_post(self, path: str, body: Any = None) -> Any:
        """``POST path`` by the page's own script (its session and CSRF token)."""
        return self.page.evaluate("async ([p, b]) => window.einfluence.call('POST', p, b === null ? undefined : b)",
                                  [path, body])


@pytest.fixture(scope="module")
def visitor(browser: Any, server: Server) -> Any:
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(server.login)
    v = Visitor(page, server)
    yield v
    context.close()
