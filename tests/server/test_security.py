"""Security: tokens and scopes, one workspace's token on another, the cookie session and CSRF,
path traversal, upload and body limits, server-side folders, hostile text in every filter."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from tests.server.conftest import make_served

API = "/api/v1/workspaces"
HOSTILE = ["' OR 1=1 --", "x'); DROP TABLE accounts; --", "<script>alert(1)</script>", '"><img src=x onerror=1>',
           "%' UNION SELECT * FROM tokens --", "\u202e\x1b[31m", "..\\..\\etc\\passwd"]


def _problem(response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status and body["detail"]
    return body


def test_every_data_endpoint_needs_a_valid_token(served):
    c = served.client
    schema = c.get("/api/v1/openapi.json").json()
    public = {"/api/v1/health", "/login", "/api/v1/logout"}
    checked = 0
    for path, operations in schema["paths"].items():
        if path in public:
            continue
        url = (path.replace("{workspace}", "demo").replace("{run}", "1").replace("{plan}", "1")
               .replace("{job_id}", "1").replace("{token_id}", "1").replace("{action_id}", "1")
               .replace("{account}", "x").replace("{name}", "b"))
        for method in operations:
            for headers in ({}, {"Authorization": "Bearer einf_000000000000_" + "A" * 43},
                            {"Authorization": "Basic dXNlcjpwYXNz"}):
                response = c.request(method.upper(), url, headers=headers)
                assert response.status_code == 401, (method, url, response.text)
                checked += 1
    assert checked > 100


def test_revoked_token_stops_at_once(served):
    c = served.client
    made = c.post(f"{API}/demo/tokens", json={"name": "short-lived", "scope": "read"}, headers=served.headers("admin"))
    assert made.status_code == 201
    token = made.json()["token"]
    assert c.get(f"{API}/demo/stats", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    listed = c.get(f"{API}/demo/tokens", headers=served.headers("admin")).json()["items"]
    assert all("token" not in t and "digest" not in t and "salt" not in t for t in listed)
    assert token not in c.get(f"{API}/demo/tokens", headers=served.headers("admin")).text
    revoked = c.delete(f"{API}/demo/tokens/{made.json()['token_id']}", headers=served.headers("admin"))
    assert revoked.status_code == 200 and revoked.json()["revoked_at"]
    _problem(c.get(f"{API}/demo/stats", headers={"Authorization": f"Bearer {token}"}), 401)


def test_scopes(served):
    c = served.client
    for scope in ("read", "write"):
        _problem(c.get(f"{API}/demo/tokens", headers=served.headers(scope)), 403)
        _problem(c.post(f"{API}/demo/tokens", json={"name": "x"}, headers=served.headers(scope)), 403)
    before = served.counts()
    _problem(c.post(f"{API}/demo/score-runs", json={}, headers=served.headers("read")), 403)
    _problem(c.put(f"{API}/demo/brands/Evil", json={}, headers=served.headers("read")), 403)
    _problem(c.post(f"{API}/demo/imports", data={"format": "generic"}, headers=served.headers("read"),
                    files=[("files", ("interactions.csv", b"network,src,dst,kind\nn,a,b,relay\n"))]), 403)
    assert served.counts() == before


def test_a_token_of_one_workspace_never_opens_another(served):
    c = served.client
    other = {"Authorization": f"Bearer {served.other_token}"}
    _problem(c.get(f"{API}/demo/rank", headers=other), 401)
    _problem(c.get(f"{API}/other/rank", headers=served.headers("admin")), 401)
    _problem(c.post(f"{API}/demo/tokens", json={"name": "x"}, headers=other), 401)
    assert c.get(f"{API}/other/rank", headers=other).status_code == 200
    listed = c.get("/api/v1/workspaces", headers=served.headers("admin")).json()["items"]
    assert [w["workspace"] for w in listed] == ["demo"]


@pytest.mark.parametrize("name", ["..", "../demo", "..%2Fdemo", "%2e%2e", "demo%00", "demo.duckdb", "/etc/passwd",
                                  "..%2F..%2Fetc%2Fpasswd", "DEMO"])
def test_workspace_names_cannot_escape(served, name):
    response = served.client.get(f"{API}/{name}/stats", headers=served.headers("admin"))
    assert response.status_code in (401, 404), response.text


@pytest.mark.parametrize("filename", ["../interactions.csv", "..", ".hidden.csv", "a/b.csv", "a\\b.csv"])
def test_upload_names_cannot_escape(served, filename):
    before = served.counts()
    response = served.client.post(f"{API}/demo/imports", data={"format": "generic"}, headers=served.headers("write"),
                                  files=[("files", (filename, b"network,src,dst,kind\nn,a,b,relay\n"))])
    assert response.status_code == 422, response.text
    assert served.counts() == before
    assert not (served.folder / "interactions.csv").exists()


def test_hostile_text_in_every_text_filter_is_data(served):
    c, h = served.client, served.headers("read")
    before = served.counts()
    for text in HOSTILE:
        for url, params in (
            ("rank", {"network": text}), ("rank", {"query": text}), ("rank", {"topic": text}),
            ("score-runs", {"label": text}), ("perception", {"brand": text}), ("advocates", {"brand": text}),
            ("actions", {"brand": text}), ("outcomes", {"brand": text}), ("brief", {"account": text}),
            ("accounts/" + quote(text, safe="") + "/profile", {}), ("stats", {"network": text}),
        ):
            response = c.get(f"{API}/demo/{url}", params=params, headers=h)
            assert response.status_code < 500, (url, params, response.text)
            assert response.headers["content-type"].startswith(("application/json", "application/problem+json"))
            assert response.headers["x-content-type-options"] == "nosniff"
    assert served.counts() == before
    with served.app.state.einfluence.hosts["demo"].reading() as ws:
        assert ws.sql("SELECT count(*) FROM accounts").fetchall()[0][0] == before["accounts"]


def test_cookie_session_httponly_samesite_and_csrf(served):
    c = served.client
    assert c.get("/login", params={"token": "einf_nope"}, follow_redirects=False).status_code == 401
    login = c.get("/login", params={"token": served.tokens["write"]}, follow_redirects=False)
    assert login.status_code == 303 and login.headers["location"] == "/"
    cookies = login.headers.get_list("set-cookie")
    session = next(v for v in cookies if v.startswith("einfluence_session="))
    assert "HttpOnly" in session and "SameSite=strict" in session.replace("Strict", "strict")
    csrf = c.cookies.get("einfluence_csrf")
    assert csrf
    assert c.get(f"{API}/demo/stats").status_code == 200  # the cookie alone reads
    who = c.get("/api/v1/session").json()
    assert who["workspaces"]["demo"]["scope"] == "write" and who["csrf"] == csrf
    before = served.counts()
    brand = {"aliases": ["csrf test"]}
    _problem(c.put(f"{API}/demo/brands/Csrf", json=brand), 403)  # no CSRF token: refused
    _problem(c.put(f"{API}/demo/brands/Csrf", json=brand, headers={"X-CSRF-Token": "wrong"}), 403)
    _problem(c.put(f"{API}/demo/brands/Csrf", json=brand,
                   headers={"X-CSRF-Token": csrf, "Origin": "http://evil.example"}), 403)
    _problem(c.put(f"{API}/demo/brands/Csrf", json=brand,
                   headers={"X-CSRF-Token": csrf, "Sec-Fetch-Site": "cross-site"}), 403)
    assert served.counts() == before
    ok = c.put(f"{API}/demo/brands/Csrf", json=brand, headers={"X-CSRF-Token": csrf})
    assert ok.status_code == 200, ok.text
    assert c.post("/api/v1/logout").status_code == 204
    c.cookies.clear()
    _problem(c.get(f"{API}/demo/stats"), 401)


def test_limits_and_server_side_folders(demo_file, tmp_path):
    allowed = tmp_path / "allowed"
    allowed.mkdir()
    (allowed / "interactions.csv").write_text("network,src,dst,kind\nsrv,a,b,relay\n")
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "interactions.csv").write_text("network,src,dst,kind\nsrv,c,d,relay\n")
    (allowed / "escape").symlink_to(secret)
    served, app = make_served(demo_file, tmp_path / "w", max_upload=2000, max_body=4000, allow_paths=(allowed,))
    with TestClient(app) as c:
        served.client = c
        h = served.headers("write")
        before = served.counts()
        big = b"network,src,dst,kind\n" + b"n,a,b,relay\n" * 400
        _problem(c.post(f"{API}/demo/imports", data={"format": "generic"}, headers=h,
                        files=[("files", ("interactions.csv", big))]), 413)
        _problem(c.post(f"{API}/demo/sentiment", json={"texts": ["x" * 5000]}, headers=h), 413)
        for path in (str(secret / "interactions.csv"), str(allowed / "escape" / "interactions.csv"),
                     str(allowed / ".." / "secret"), "/etc/passwd"):
            body = _problem(c.post(f"{API}/demo/imports/paths", json={"format": "generic", "paths": [path]},
                                   headers=h), 403)
            assert body["field"] == "paths"
        assert served.counts() == before
        done = c.post(f"{API}/demo/imports/paths", params={"wait": 60}, headers=h,
                      json={"format": "generic", "paths": [str(allowed / "interactions.csv")]})
        assert done.status_code == 200 and done.json()["result"]["interactions_added"] == 1


def test_server_side_imports_are_off_by_default(served):
    body = _problem(served.client.post(f"{API}/demo/imports/paths", headers=served.headers("admin"),
                                       json={"format": "generic", "paths": ["/etc"]}), 403)
    assert "--allow-path" in body["detail"]
