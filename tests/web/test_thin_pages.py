"""The pages are thin: they ask the API and render; they never read the store themselves."""

from __future__ import annotations

import ast
from pathlib import Path

import einfluence.web

WEB = Path(einfluence.web.__file__).parent


def test_pages_read_no_store_and_no_workspace():
    """Every number of a page comes through the API (``api_get``): the page modules import neither
    the workspace nor the store's queries, and never open a read of a served database."""
    for name in ("pages.py", "render.py", "calls.py", "figures.py"):
        source = (WEB / name).read_text(encoding="utf-8")
        tree = ast.parse(source)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith(("einfluence.workspace", "einfluence.store.queries")), \
                    f"{name} imports {node.module}"
                if node.module.startswith("einfluence.store"):  # constants only (the action kinds)
                    assert {a.name for a in node.names} <= {"ACTION_KINDS"}, f"{name}: {node.module}"
        assert ".reading(" not in source and ".cached(" not in source and ".writing(" not in source, name


def test_vendored_scripts_have_their_licences():
    vendor = WEB / "static" / "vendor"
    readme = (vendor / "README.md").read_text(encoding="utf-8")
    for script in vendor.glob("*.js"):
        assert script.name in readme, script.name
        stem = script.name.split("-")[0]
        assert (vendor / f"{stem}-LICENSE.txt").is_file(), stem


def test_no_page_loads_anything_from_elsewhere():
    """No CDN: every script, style and font of a template is served by einfluence."""
    for template in (WEB / "templates").glob("*.html"):
        text = template.read_text(encoding="utf-8")
        for marker in ("http://", "https://", "//cdn", "fonts.googleapis"):
            assert marker not in text, f"{template.name}: {marker}"


def test_csv_cells_are_not_formulas():
    from einfluence.web.pages import _csv_cell

    assert _csv_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert _csv_cell("@handle") == "'@handle"
    assert _csv_cell("plain") == "plain" and _csv_cell(3.5) == 3.5


def test_sparkline():
    from einfluence.web.pages import _sparkline

    assert _sparkline([None, 1.0]) is None
    points = _sparkline([0.0, None, 2.0, 1.0]).split()
    assert len(points) == 3 and points[1].startswith("56.0,")


def test_an_open_window_shows_the_datas_own_span():
    """As the reports write it: the bound asked, else the first or last event of the run's networks."""
    from einfluence.web.render import data_window

    spans = {"*": {"first": "2026-09-01T08:00:00", "last": "2026-09-14T20:30:00"},
             "blog": {"first": "2026-09-03T00:00:00", "last": "2026-09-10T00:00:00"}}
    assert data_window({"since": None, "until": None}, spans) == \
        "first event (2026-09-01 08:00) → last event (2026-09-14 20:30)"
    assert data_window({"since": "2026-09-05T00:00:00", "until": None, "networks": ["blog"]}, spans, "fr") == \
        "05/09/2026 00:00 → dernier événement (10/09/2026 00:00)"
    assert data_window({"since": None, "until": None}, {}, "en") == "first event → last event"  # no timed data


def test_a_leaderboard_still_computing_is_a_notice_not_an_error(tmp_path, monkeypatch):
    """A window whose score run is not computed yet: the rank API answers 202 (a job), and the
    page shows what it does in that case, a notice that refreshes it (it once failed with a 500:
    the template read the job as if it were a ranking). The pages here wait 0 s instead of 2 s."""
    from fastapi.testclient import TestClient

    import einfluence.web.calls
    from einfluence import Workspace
    from einfluence.server import ServerConfig, create_app

    path = tmp_path / "demo.duckdb"
    Workspace.create_demo(path, n_accounts=200, n_days=10, seed=1)
    with Workspace(path) as ws:
        token, _ = ws.create_token(name="page", scope="read")
    monkeypatch.setattr(einfluence.web.calls, "PAGE_WAIT", 0.0)
    with TestClient(create_app(ServerConfig([path], upload_dir=tmp_path / "uploads"))) as client:
        client.get(f"/login?token={token}")
        page = client.get("/w/demo/influencers", params={"since": "2026-09-03"})
        assert page.status_code == 200, page.text[-2000:]
        assert "data-refresh" in page.text
