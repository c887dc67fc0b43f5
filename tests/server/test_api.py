"""The REST API through FastAPI's test client, on a real DuckDB demo world: every area, the
contract with ``einfluence rank --format json``, pagination, provenance and jobs."""

from __future__ import annotations

import io
import json

import pytest
from typer.testing import CliRunner

from einfluence.cli import app as cli
from einfluence.store.schema import SCHEMA_VERSION

API = "/api/v1/workspaces/demo"


def _cli_rank(db, *args: str) -> list[dict]:
    result = CliRunner().invoke(cli, ["rank", "--db", str(db), "--format", "json", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _ok(response, status: int = 200):
    assert response.status_code == status, response.text
    return response.json()


def test_health_schema_and_docs_need_no_token_and_no_internet(served):
    c = served.client
    health = _ok(c.get("/api/v1/health"))
    assert health["status"] == "ok" and health["schema_version"] == SCHEMA_VERSION
    schema = _ok(c.get("/api/v1/openapi.json"))
    assert f"{API.replace('demo', '{workspace}')}/rank" in schema["paths"]
    for page, asset in (("/api/v1/docs", "swagger-ui-bundle.js"), ("/api/v1/redoc", "redoc.standalone.js")):
        html = c.get(page).text
        assert f"/api/v1/docs/assets/{asset}" in html
        assert "cdn" not in html.lower() and "https://" not in html  # nothing from the internet
        assert c.get(f"/api/v1/docs/assets/{asset}").status_code == 200
    assert "default-src 'self'" in c.get("/api/v1/docs").headers["content-security-policy"]


@pytest.mark.parametrize("args", [(), ("--network", "microblog"), ("--query", "vélo électrique"),
                                  ("--min-reactors", "2"), ("--community", "0"), ("--by", "person"),
                                  ("--brand", "Ondula"), ("--topic", "0"),
                                  ("--topic", "0", "--community", "0", "--query", "vélo")])
def test_rank_is_the_command_lines_ranking(served, demo_file, args):
    """Contract: GET rank?limit=N answers the order and values of 'einfluence rank --format json'."""
    expected = _cli_rank(demo_file, "--limit", "15", *args)
    query = {"limit": 15}
    names = {"--network": "network", "--query": "query", "--min-reactors": "min_reactors",
             "--community": "community", "--by": "by", "--brand": "brand", "--topic": "topic"}
    for flag, value in zip(args[::2], args[1::2], strict=True):
        query[names[flag]] = value
    page = _ok(served.client.get(f"{API}/rank", params=query, headers=served.headers()))
    assert page["items"] == expected
    if "--by" not in args:
        assert [row["rank"] for row in page["items"]] == list(range(1, len(expected) + 1))
        assert {"rank", "account", "network", "score"} <= set(page["items"][0])


def test_rank_pages_follow_the_cursor_and_say_what_produced_them(served):
    c, h = served.client, served.headers()
    whole = _ok(c.get(f"{API}/rank", params={"limit": 30}, headers=h))
    produced = whole["produced_by"]
    assert produced["kind"] == "score_run" and produced["id"] >= 1
    assert produced["einfluence_version"] and "half_life_hours" in produced["params"]
    items, cursor = [], None
    while True:
        page = _ok(c.get(f"{API}/rank", params={"limit": 7, **({"cursor": cursor} if cursor else {})}, headers=h))
        items += page["items"]
        cursor = page["next_cursor"]
        if cursor is None or len(items) >= 30:
            break
    assert items[:30] == whole["items"]
    bad = c.get(f"{API}/rank", params={"cursor": "not-a-cursor"}, headers=h)
    assert bad.status_code == 422 and bad.json()["field"] == "cursor"
    first = _ok(c.get(f"{API}/rank", params={"limit": 2}, headers=h))
    other = c.get(f"{API}/rank", params={"limit": 2, "network": "blog", "cursor": first["next_cursor"]}, headers=h)
    assert other.status_code == 422 and other.json()["field"] == "cursor"
    on_topic = _ok(c.get(f"{API}/rank", params={"limit": 10, "topic": "0"}, headers=h))
    assert on_topic["produced_by"]["topic"]["topic"] == 0
    start = _ok(c.get(f"{API}/rank", params={"limit": 4, "topic": "0"}, headers=h))
    rest = _ok(c.get(f"{API}/rank", params={"limit": 6, "topic": "0", "cursor": start["next_cursor"]}, headers=h))
    assert start["items"] + rest["items"] == on_topic["items"]  # the cursor pins the topic's run
    both = c.get(f"{API}/rank", params={"run": produced["id"], "topic": "0"}, headers=h)
    assert both.status_code == 422 and both.json()["field"] == "topic"


def test_rank_of_a_new_window_is_computed_once_as_a_job(served):
    c, h = served.client, served.headers()
    before = {j["job_id"] for j in _ok(c.get(f"{API}/jobs", headers=h))["items"]}
    page = _ok(c.get(f"{API}/rank", params={"until": "2026-09-10T00:00:00Z", "limit": 5}, headers=h))
    assert page["produced_by"]["until"].startswith("2026-09-10T00:00:00")
    jobs = [j for j in _ok(c.get(f"{API}/jobs", headers=h))["items"] if j["job_id"] not in before]
    assert [j["kind"] for j in jobs] == ["score"] and jobs[0]["state"] == "succeeded"
    again = _ok(c.get(f"{API}/rank", params={"until": "2026-09-10T00:00:00", "limit": 5}, headers=h))
    assert again["items"] == page["items"] and again["produced_by"]["id"] == page["produced_by"]["id"]


def test_profile_is_explain(served, demo_file):
    from einfluence import Workspace

    c, h = served.client, served.headers()
    page = _ok(c.get(f"{API}/rank", params={"limit": 1}, headers=h))
    top, run = page["items"][0], page["produced_by"]["id"]
    profile = _ok(c.get(f"{API}/accounts/{top['account']}/profile", params={"network": top["network"], "run": run},
                        headers=h))
    with Workspace(demo_file, read_only=True) as ws:
        expected = ws.explain(top["account"], network=top["network"], run_id=run)
    assert profile["data"]["scored"]["score"] == expected["scored"]["score"]
    assert profile["data"]["rank_in_run"] == expected["rank_in_run"]
    assert [r["account"] for r in profile["data"]["top_reactors"]] == [r["account"] for r in expected["top_reactors"]]
    assert profile["produced_by"]["id"] == expected["run"]["run_id"]
    missing = c.get(f"{API}/accounts/@nobody-here/profile", headers=h)
    assert missing.status_code == 404 and missing.json()["field"] == "account"
    assert missing.headers["content-type"].startswith("application/problem+json")


def test_reads_of_every_area(served):
    c, h = served.client, served.headers()
    summary = _ok(c.get(API, headers=h))["data"]
    assert summary["stats"]["accounts"] > 0 and summary["your_scope"] == "read"
    assert _ok(c.get(f"{API}/stats", params={"by_day": True}, headers=h))["data"]["interactions_by_day"]
    assert _ok(c.get(f"{API}/imports", headers=h))["data"][0]["format"] == "demo"
    runs = _ok(c.get(f"{API}/score-runs", headers=h))["data"]
    assert _ok(c.get(f"{API}/score-runs/{runs[0]['run_id']}", headers=h))["produced_by"]["id"] == runs[0]["run_id"]
    topic_run = _ok(c.get(f"{API}/topic-runs", headers=h))["data"][0]["topic_run_id"]
    topics = _ok(c.get(f"{API}/topic-runs/{topic_run}", headers=h))["data"]["topics"]
    leaders = _ok(c.get(f"{API}/topic-runs/{topic_run}/leaders", params={"k": 2}, headers=h))["data"]
    assert len(leaders) == len(topics) and all(len(t["leaders"]) <= 2 for t in leaders)
    brief = _ok(c.get(f"{API}/brief", params={"community": 0}, headers=h))
    assert brief["data"]["n_target"] > 0 and brief["produced_by"]["kind"] == "topic_run"
    community_run = _ok(c.get(f"{API}/community-runs", headers=h))["data"][0]["community_run_id"]
    report = _ok(c.get(f"{API}/community-runs/{community_run}/report", headers=h))
    assert report["data"]["communities"] and report["produced_by"]["score_run"] >= 1
    members = _ok(c.get(f"{API}/community-runs/{community_run}/members", params={"limit": 10}, headers=h))
    assert len(members["data"]) == 10 and members["next_cursor"]
    assert _ok(c.get(f"{API}/brands", headers=h))["data"]
    assert "influencers" in _ok(c.get(f"{API}/perception", headers=h))["data"]
    assert _ok(c.get(f"{API}/advocates", params={"limit": 3}, headers=h))["data"]["brands"]
    scored = _ok(c.post(f"{API}/sentiment", json={"texts": ["I love it", "awful, broken"], "lang": "en"}, headers=h))
    assert [i["label"] for i in scored["items"]] == ["positive", "negative"]
    report = _ok(c.get(f"{API}/evaluation", params={"split": "2026-09-08T00:00:00"}, headers=h))
    assert report["data"]["tables"] and report["produced_by"]["params"]["split"].startswith("2026-09-08")


def _wait(c, response, h):
    body = response.json()
    assert response.status_code in (200, 202), response.text
    job = body
    for _ in range(600):
        if job["state"] in ("succeeded", "failed", "cancelled"):
            return job
        import time

        time.sleep(0.05)
        job = _ok(c.get(job["links"]["self"], headers=h))
    raise AssertionError(f"job {job} did not end")


def test_write_jobs_of_every_area(served):
    c, h = served.client, served.headers("write")
    score = _wait(c, c.post(f"{API}/score-runs", params={"wait": 60}, json={"half_life": 12, "label": "api"},
                            headers=h), h)
    assert score["state"] == "succeeded" and score["result"]["run"]["label"] == "api" and score["percent"] == 100
    seeds = _wait(c, c.post(f"{API}/seeds", json={"k": 2, "epsilon": 0.5}, params={"wait": 60}, headers=h), h)
    assert len(seeds["result"]["seeds"]) == 2 and seeds["result"]["plan_id"]
    sim = _wait(c, c.post(f"{API}/simulations", json={"accounts": [str(a) for a in seeds["result"]["seeds"]],
                                                      "simulations": 100}, params={"wait": 60}, headers=h), h)
    assert sim["result"]["expected_spread"] >= 2
    plan = _wait(c, c.post(f"{API}/plans", json={"budget": 500, "topic": "0", "simulations": 100, "epsilon": 0.5},
                           params={"wait": 120}, headers=h), h)
    assert plan["state"] == "succeeded", plan
    plans = _ok(c.get(f"{API}/plans", params={"limit": 2}, headers=h))
    assert [p["plan_id"] for p in plans["data"]] == [plan["result"]["plan_id"], sim["result"]["plan_id"]]
    assert "result" not in plans["data"][0] and plans["next_before"] == sim["result"]["plan_id"]
    whole = _ok(c.get(f"{API}/plans/{plan['result']['plan_id']}", headers=h))
    assert whole["data"]["result"]["comparison"] and whole["produced_by"]["kind"] == "plan"
    compared = _ok(c.get(f"{API}/plans/compare", params=[("ids", seeds["result"]["plan_id"]),
                                                         ("ids", plan["result"]["plan_id"])], headers=h))
    assert compared["data"][1]["figures"]["comparison"][0]["plan"] == "targeted"
    assert compared["data"][0]["figures"]["expected_spread"] > 0
    topics = _wait(c, c.post(f"{API}/topic-runs", json={"n_topics": 3}, params={"wait": 60}, headers=h), h)
    assert topics["result"]["run"]["n_topics"] == 3
    comms = _wait(c, c.post(f"{API}/community-runs", json={"resolution": 0.5}, params={"wait": 60}, headers=h), h)
    assert comms["result"]["community_run_id"] >= 1
    trends = _wait(c, c.post(f"{API}/trends", json={"width": 96}, params={"wait": 60}, headers=h), h)
    assert trends["result"]["windows"]
    brand = _ok(c.put(f"{API}/brands/Velotest", json={"aliases": ["velo test"], "hashtags": ["velotest"]},
                      headers=h))
    assert brand["result"]["name"] == "Velotest"
    mentions = _wait(c, c.post(f"{API}/mentions", json={}, params={"wait": 60}, headers=h), h)
    assert mentions["result"]["model"] == "default"  # the model shipped with einfluence (issue 17)
    train = _wait(c, c.post(f"{API}/sentiment-models", params={"wait": 120}, headers=h, json={
        "name": "tiny", "lang": "en", "texts": ["good", "great", "bad", "awful", "ok", "fine"] * 3,
        "labels": ["positive", "positive", "negative", "negative", "neutral", "neutral"] * 3}), h)
    assert train["state"] == "succeeded"
    assert _ok(c.get(f"{API}/sentiment-models", headers=h))["data"][0]["name"] == "tiny"


def test_opinion_jobs_answer_as_the_python_api(served, demo_file):
    """settle, tipping and convert as jobs: the numbers of the Workspace's own methods on the same
    data, stored as simulation plans; an unknown brand or account is a 422 before any job."""
    from einfluence import Workspace

    c, h = served.client, served.headers("write")
    brand = _ok(c.get(f"{API}/brands", headers=h))["data"]
    name = brand[0]["name"] if brand else None
    tipping = _wait(c, c.post(f"{API}/opinion/tipping", params={"wait": 120}, headers=h, json={
        "brand": name, "model": "voter", "runs": 6, "horizon": 20, "max_share": 0.5, "seed": 3}), h)
    assert tipping["state"] == "succeeded", tipping
    settle = _wait(c, c.post(f"{API}/opinion/settle", params={"wait": 120}, headers=h, json={
        "brand": name, "communities": 2}), h)
    assert settle["state"] == "succeeded", settle
    convert = _wait(c, c.post(f"{API}/opinion/convert", params={"wait": 120}, headers=h, json={
        "brand": name, "k": 2}), h)
    assert convert["state"] == "succeeded", convert
    with Workspace(demo_file, read_only=True) as ws:
        expected_tipping = ws.opinion_tipping(name, model="voter", n_runs=6, horizon=20, max_share=0.5,
                                              random_state=3, store=False)
        expected_convert = ws.opinion_convert(name, k=2, store=False)
    got = tipping["result"]
    assert (got["critical_fraction"], got["low"], got["high"]) == (
        expected_tipping["critical_fraction"], expected_tipping["low"], expected_tipping["high"])
    assert [a["account"] for a in convert["result"]["greedy"]["accounts"]] == [
        a["account"] for a in expected_convert["greedy"]["accounts"]]
    assert settle["result"]["scenarios"]["nothing done"]
    stored = _ok(c.get(f"{API}/plans", params={"kind": "simulation", "limit": 3}, headers=h))["data"]
    assert [p["inputs"]["analysis"] for p in stored] == ["opinion convert", "opinion settle", "opinion tipping"]
    for path, body, field, status in (("tipping", {"brand": "No such brand"}, "brand", 404),
                                      ("settle", {"convert": ["@nobody-here"]}, "convert", 404),
                                      ("tipping", {"model": "zealots"}, "model", 422),
                                      ("convert", {"k": 0}, "k", 422)):
        refused = c.post(f"{API}/opinion/{path}", headers=h, json=body)
        assert refused.status_code == status, (path, body, refused.text)
        assert field in json.dumps(refused.json()), refused.text


def test_actions_create_read_update_delete_and_import(served):
    c, h = served.client, served.headers("write")
    account = _ok(c.get(f"{API}/rank", params={"limit": 1, "network": "microblog"}, headers=h))["items"][0]
    brand = _ok(c.get(f"{API}/brands", headers=h))["data"][0]["name"]
    row = {"account": account["account"], "brand": brand, "kind": "contacted", "at": "2026-09-05T10:00:00Z"}
    added = _ok(c.post(f"{API}/actions", json={"actions": [row], "network": "microblog"}, headers=h))
    assert added["result"] == {"added": 1, "already_logged": 0}
    again = _ok(c.post(f"{API}/actions", json={"actions": [row], "network": "microblog"}, headers=h))
    assert again["result"] == {"added": 0, "already_logged": 1}
    listed = _ok(c.get(f"{API}/actions", params={"brand": brand}, headers=h))["data"]
    action = next(a for a in listed if a["account"] == account["account"] and a["kind"] == "contacted")
    changed = _ok(c.patch(f"{API}/actions/{action['action_id']}", json={"kind": "gifted", "note": "a bike"},
                          headers=h))
    assert changed["result"]["kind"] == "gifted" and changed["result"]["note"] == "a bike"
    outcomes = _ok(c.get(f"{API}/outcomes", params={"brand": brand}, headers=h))
    assert outcomes["data"]["brand"] == brand
    assert _ok(c.delete(f"{API}/actions/{action['action_id']}", headers=h))["state"] == "succeeded"
    assert c.delete(f"{API}/actions/{action['action_id']}", headers=h).status_code == 404
    text = f"account,brand,kind,at\n{account['account']},{brand},briefed,2026-09-06T10:00:00\n"
    imported = _ok(c.post(f"{API}/actions/import", files={"file": ("acts.csv", text.encode())},
                          data={"network": "microblog"}, headers=h))
    assert imported["result"]["added"] == 1
    before = served.counts()
    bad = c.post(f"{API}/actions/import", headers=h,
                 files={"file": ("bad.csv", b"account,brand,kind,at\nx,y,contacted,8 sept\n")})
    assert bad.status_code == 422 and "bad.csv, line 2, field at" in bad.json()["detail"]
    unknown = c.post(f"{API}/actions", headers=h, json={"actions": [{**row, "brand": "Nobody"}]})
    assert unknown.status_code == 422 and unknown.json()["field"] == "actions.0.brand"
    assert served.counts() == before


GENERIC = "network,src,dst,kind,time\nupl,ann,bob,relay,2026-09-07T10:00:00Z\nupl,carl,bob,relay,2026-09-08T10:00:00Z\n"


def test_upload_import_is_all_or_nothing_and_idempotent(served):
    c, h = served.client, served.headers("write")
    before = served.counts()
    job = _wait(c, c.post(f"{API}/imports", data={"format": "generic"}, params={"wait": 60}, headers=h,
                          files=[("files", ("interactions.csv", io.BytesIO(GENERIC.encode())))]), h)
    assert job["state"] == "succeeded" and job["result"]["interactions_added"] == 2
    # the stage as the importer says it (the command line's words) and its key in the catalogue
    assert (job["stage"], job["stage_key"], job["stage_values"]) == ("storing", "progress.store", {})
    after = served.counts()
    assert after["interactions"] == before["interactions"] + 2
    again = _wait(c, c.post(f"{API}/imports", data={"format": "generic"}, params={"wait": 60}, headers=h,
                            files=[("files", ("interactions.csv", io.BytesIO(GENERIC.encode())))]), h)
    assert again["result"]["skipped"] is True
    bad = GENERIC.replace("2026-09-08T10:00:00Z", "8 sept").replace("ann", "dan")
    failed = c.post(f"{API}/imports", data={"format": "generic"}, params={"wait": 60}, headers=h,
                    files=[("files", ("interactions.csv", io.BytesIO(bad.encode())))])
    assert failed.status_code == 422, failed.text
    assert "interactions.csv:3: field 'time'" in failed.json()["detail"]
    # its parts, for a page to say in its reader's language: the file (its name: the server's
    # folders are its own), the line, the field, the reason and the reason's key and values
    problem = failed.json()
    assert (problem["file"], problem["line"], problem["field"]) == ("interactions.csv", 3, "time")
    assert problem["reason"] == "not a valid time (expected ISO 8601 or Unix seconds): '8 sept'"
    assert (problem["reason_key"], problem["reason_values"]) == ("input.time", {"value": "'8 sept'"})
    assert failed.json()["job"]["state"] == "failed"
    unknown = c.post(f"{API}/imports", data={"format": "excel"}, headers=h,
                     files=[("files", ("a.csv", b"x"))])
    assert unknown.status_code == 422 and unknown.json()["field"] == "format"
    assert served.counts() == after
    assert not list((served.folder / "uploads").iterdir())  # uploaded files are removed with their job


def test_jobs_list_get_and_cancel(served):
    c, h = served.client, served.headers("write")
    jobs = _ok(c.get(f"{API}/jobs", params={"limit": 3}, headers=h))
    assert len(jobs["items"]) == 3 and jobs["next_before"]
    job = _ok(c.get(jobs["items"][0]["links"]["self"], headers=h))
    assert job["state"] in ("succeeded", "failed", "cancelled")
    ended = c.post(f"{API}/jobs/{job['job_id']}/cancel", headers=h)
    assert ended.status_code == 409 and ended.json()["field"] == "job_id"
    assert c.get(f"{API}/jobs/999999", headers=h).status_code == 404


def test_cached_answers_last_until_the_next_write(served):
    c, h = served.client, served.headers("write")
    host = served.app.state.einfluence.hosts["demo"]
    host.idle_release = 0  # keep the file open for this test (letting it go also moves the generation)
    try:
        first = _ok(c.get(f"{API}/rank", params={"limit": 4}, headers=h))
        generation = host.generation
        assert _ok(c.get(f"{API}/rank", params={"limit": 4}, headers=h)) == first
        assert host.generation == generation  # reads do not move it
        _ok(c.put(f"{API}/brands/Cachetest", json={"aliases": ["cache test"]}, headers=h))
        assert host.generation > generation
        assert _ok(c.get(f"{API}/rank", params={"limit": 4}, headers=h))["items"] == first["items"]
    finally:
        host.idle_release = 1.0


def test_listings_are_kept_until_the_next_write(served):
    """The lists the dashboard's pages read at every visit (runs, imports, brands, actions, a
    brand's outcomes) are answered from the cache until a write, then read again."""
    c, h = served.client, served.headers("write")
    host = served.app.state.einfluence.hosts["demo"]
    host.idle_release = 0  # keep the file open (letting it go also moves the generation)
    try:
        runs = _ok(c.get(f"{API}/score-runs", headers=h))["data"]
        brands = [b["name"] for b in _ok(c.get(f"{API}/brands", headers=h))["data"]]
        for key in (("score-runs", None), ("brands",)):
            assert host.peek(key) is not None, key
        account = _ok(c.get(f"{API}/rank", params={"limit": 1, "network": "microblog"}, headers=h))["items"][0]
        brand = "Listtest"
        _ok(c.put(f"{API}/brands/{brand}", json={"aliases": ["list test"]}, headers=h))
        assert [b["name"] for b in _ok(c.get(f"{API}/brands", headers=h))["data"]] == [*brands, brand]
        assert _ok(c.get(f"{API}/actions", params={"brand": brand}, headers=h))["data"] == []
        assert c.get(f"{API}/outcomes", params={"brand": brand}, headers=h).status_code == 422  # nothing logged
        row = {"account": account["account"], "brand": brand, "kind": "contacted", "at": "2026-09-05T10:00:00Z"}
        _ok(c.post(f"{API}/actions", json={"actions": [row], "network": "microblog"}, headers=h))
        assert len(_ok(c.get(f"{API}/actions", params={"brand": brand}, headers=h))["data"]) == 1
        assert _ok(c.get(f"{API}/outcomes", params={"brand": brand}, headers=h))["data"]["brand"] == brand
        _wait(c, c.post(f"{API}/score-runs", params={"wait": 60}, json={"half_life": 7, "label": "listed"},
                        headers=h), h)
        after = _ok(c.get(f"{API}/score-runs", headers=h))["data"]
        assert len(after) == len(runs) + 1 and after[-1]["label"] == "listed"
        assert _ok(c.get(f"{API}/imports", headers=h))["data"][0]["format"] == "demo"
    finally:
        host.idle_release = 1.0


def test_every_server_setting_and_option_is_documented():
    from pathlib import Path

    from einfluence.server.config import SERVER_SETTINGS

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Server and API", 1)[1].split("\n## ", 1)[0]
    serve = readme.split("### `einfluence serve", 1)[1].split("\n### ", 1)[0]
    for name, _, _ in SERVER_SETTINGS:
        assert f"`{name}`" in section, name
        if name != "max_body":
            assert "--" + name.replace("_", "-").replace("allow-paths", "allow-path") in serve, name


def test_a_file_held_by_another_program_is_a_503_naming_it(served):
    import subprocess
    import sys
    import time

    host = served.app.state.einfluence.hosts["demo"]
    deadline = time.monotonic() + 30
    while host.mode is not None and time.monotonic() < deadline:  # the server lets the idle file go
        time.sleep(0.1)
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time\n"
                               f"con = duckdb.connect({str(host.path)!r})\nprint('ready', flush=True)\n"
                               "time.sleep(60)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        busy = served.client.get(f"{API}/stats", headers=served.headers())
        assert busy.status_code == 503 and busy.headers["retry-after"]
        assert f"PID {holder.pid}" in busy.json()["detail"]
    finally:
        holder.kill()
        holder.wait()
    assert served.client.get(f"{API}/stats", headers=served.headers()).status_code == 200


def test_cached_answers_survive_letting_the_file_go_unless_another_program_wrote(served, demo_file):
    import time

    from einfluence import Workspace

    c, h = served.client, served.headers()
    host = served.app.state.einfluence.hosts["demo"]
    first = _ok(c.get(f"{API}/stats", headers=h))
    _ok(c.get(f"{API}/rank", params={"limit": 3}, headers=h))
    generation = host.generation
    deadline = time.monotonic() + 30
    while host.mode is not None and time.monotonic() < deadline:
        time.sleep(0.1)
    _ok(c.get(f"{API}/rank", params={"limit": 3}, headers=h))
    assert host.generation == generation  # let go and opened again: nobody else wrote
    while host.mode is not None and time.monotonic() < deadline:
        time.sleep(0.1)
    with Workspace(host.path) as ws:  # another program writes meanwhile
        ws.add_brand("Elsewhere", aliases=["else where"])
    _ok(c.get(f"{API}/rank", params={"limit": 3}, headers=h))
    assert host.generation > generation
    assert _ok(c.get(f"{API}/stats", headers=h))["data"]["brands"] == first["data"]["brands"] + 1


def test_cached_reads_with_every_kind_of_parameter(served):
    c, h = served.client, served.headers()
    for url, params in (("advocates", {"network": ["microblog", "blog"], "limit": 2}),
                        ("perception", {"network": "microblog", "since": "2026-09-01T00:00:00Z"}),
                        ("plans", {"kind": "seeds"}), ("stats", {"by_day": True}), ("", {}),
                        ("rank", {"network": ["microblog", "blog"], "limit": 3})):
        first = _ok(c.get(f"{API}/{url}".rstrip("/"), params=params, headers=h))
        assert _ok(c.get(f"{API}/{url}".rstrip("/"), params=params, headers=h)) == first


def test_a_kept_answer_is_found_without_waiting_and_only_until_the_next_write(demo_file, tmp_path):
    """``peek`` (the event loop's fast path) never opens the file nor waits for its lock, and never
    finds an answer older than the last write; a verified token is remembered the same way."""
    import threading

    from einfluence import Workspace
    from einfluence.server.hosting import WorkspaceHost
    from tests.server.conftest import copy_db

    path = copy_db(demo_file, tmp_path, "peek")
    with Workspace(path) as ws:
        token, _ = ws.create_token(name="peek", scope="read")
    host = WorkspaceHost("peek", path, idle_release=0.01)
    host.start()
    try:
        key = ("stats", False)
        assert host.peek(key) is None  # nothing kept yet
        answer = host.cached(key, lambda ws: b'{"n": %d}' % ws.stats(by_day=False)["accounts"])
        assert host.peek(key) == answer
        assert host.peek_token(token) is None and host.verify(token)["name"] == "peek"
        assert host.peek_token(token)["name"] == "peek"
        held = threading.Event()
        release = threading.Event()

        def hold() -> None:
            with host._cond:
                held.set()
                release.wait(5)

        holder = threading.Thread(target=hold)
        holder.start()
        held.wait(5)
        assert host.peek(key) is None  # the lock is taken (a file being opened): no waiting
        release.set()
        holder.join()
        with host.writing():  # a write: what was kept is past
            pass
        assert host.peek(key) is None and host.peek_token(token) is None
        host.cached(key, lambda ws: answer)
        while not host.release_if_idle():
            threading.Event().wait(0.02)
        assert host.mode is None and host.peek(key) is None  # let go: opening is for the thread pool
    finally:
        host.stop()


def test_reads_do_not_wait_for_a_write_job_of_their_workspace(demo_file, tmp_path):
    """While an import job writes, reads of the same workspace answer at once, from the data as it
    was before the job (a snapshot): they never queue behind the writer."""
    import time

    from fastapi.testclient import TestClient

    from tests.server.conftest import make_served

    served, app = make_served(demo_file, tmp_path)
    rows = ["network,src,dst,kind,time"] + [
        f"bulk,u{i % 40_000},v{(i * 7) % 30_000},relay,2026-09-0{1 + i % 9}T{i % 24:02d}:00:00Z"
        for i in range(300_000)]
    with TestClient(app) as c:
        h = served.headers("write")
        before = _ok(c.get(f"{API}/stats", headers=h))["data"]["interactions"]
        job = _ok(c.post(f"{API}/imports", data={"format": "generic"}, headers=h,
                         files=[("files", ("interactions.csv", ("\n".join(rows) + "\n").encode()))]), 202)
        deadline = time.monotonic() + 60
        while job["state"] == "queued" and time.monotonic() < deadline:
            job = _ok(c.get(job["links"]["self"], headers=h))
        assert job["state"] == "running", job
        answered = []
        for url in ("stats", "rank", "plans", "score-runs", "jobs"):
            started = time.monotonic()
            response = _ok(c.get(f"{API}/{url}", headers=h))
            answered.append(time.monotonic() - started)
            if url == "stats":
                assert response["data"]["interactions"] == before  # the snapshot before the job
        assert _ok(c.get(job["links"]["self"], headers=h))["state"] == "running", answered
        done = _wait(c, c.get(job["links"]["self"], params={"wait": 120}, headers=h), h)
        assert done["state"] == "succeeded"
        assert _ok(c.get(f"{API}/stats", headers=h))["data"]["interactions"] > before


def test_the_map_in_columns_is_the_map_in_rows(served):
    """``format=columns`` (what the dashboard draws from) carries the same nodes and ties."""
    runs = _ok(served.client.get(f"{API}/community-runs", headers=served.headers()))["data"]
    path = f"{API}/community-runs/{runs[-1]['community_run_id']}/map"
    rows = _ok(served.client.get(path, params={"max_accounts": 50}, headers=served.headers()))["data"]
    columns = _ok(served.client.get(path, params={"max_accounts": 50, "format": "columns"},
                                    headers=served.headers()))["data"]
    nodes = columns["nodes"]
    assert columns["n_nodes"] == len(rows["nodes"]) >= 10
    for i, node in enumerate(rows["nodes"]):
        assert (nodes["account"][i], columns["networks"][nodes["network"][i]], nodes["community"][i]) == \
            (node["account"], node["network"], node["community"])
        assert abs(nodes["x"][i] - node["x"]) <= 0.005 and bool(nodes["leader"][i]) == node["leader"]
    assert list(zip(columns["edges"]["a"], columns["edges"]["b"], strict=True)) == [(a, b) for a, b, _ in rows["edges"]]
    assert len(json.dumps(columns)) < 0.7 * len(json.dumps(rows))
