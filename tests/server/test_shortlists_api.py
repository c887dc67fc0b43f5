"""Saved shortlists through the API: save, replace, read, delete, scopes and CSRF, bad input as
one-line problem details, and a saved shortlist as the target of a campaign plan and of seeds."""

from __future__ import annotations

API = "/api/v1/workspaces/demo"


def _problem(response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status and body["detail"] and "\n" not in body["detail"]
    return body


def _top(served, n: int) -> list[dict]:
    page = served.client.get(f"{API}/rank", params={"limit": n}, headers=served.headers())
    assert page.status_code == 200, page.text
    return page.json()["items"]


def test_save_read_replace_and_delete(served):
    c = served.client
    top = _top(served, 4)
    picked = [{"account": r["account"], "network": r["network"]} for r in top[::-1]]  # an order of one's own
    saved = c.put(f"{API}/shortlists/Spring picks", json={"accounts": picked, "filters": {"topic": "1"}},
                  headers=served.headers("write"))
    assert saved.status_code == 200, saved.text
    assert saved.json()["state"] == "succeeded" and saved.json()["result"]["n_accounts"] == 4
    listed = c.get(f"{API}/shortlists", headers=served.headers()).json()["data"]
    assert [(s["name"], s["n_accounts"], s["created_by"]) for s in listed] == [("Spring picks", 4, "test write")]
    one = c.get(f"{API}/shortlists/Spring picks", headers=served.headers()).json()["data"]
    assert [(a["account"], a["network"]) for a in one["accounts"]] == [(p["account"], p["network"]) for p in picked]
    assert one["filters"] == {"topic": "1"}
    again = c.put(f"{API}/shortlists/Spring picks", json={"accounts": [str(top[0]["account"])],
                                                          "network": top[0]["network"]},
                  headers=served.headers("admin"))
    assert again.status_code == 200, again.text
    one = c.get(f"{API}/shortlists/Spring picks", headers=served.headers()).json()["data"]
    assert len(one["accounts"]) == 1 and one["created_by"] == "test write"  # replaced; the author stays
    assert c.delete(f"{API}/shortlists/Spring picks", headers=served.headers("write")).status_code == 200
    _problem(c.get(f"{API}/shortlists/Spring picks", headers=served.headers()), 404)
    assert c.get(f"{API}/shortlists", headers=served.headers()).json()["data"] == []


def test_bad_input_and_scopes_change_nothing(served):
    c = served.client
    top = _top(served, 2)
    good = {"accounts": [{"account": top[0]["account"], "network": top[0]["network"]}]}
    before = served.counts()
    _problem(c.put(f"{API}/shortlists/x", json=good, headers=served.headers("read")), 403)
    body = _problem(c.put(f"{API}/shortlists/x", json={"accounts": []}, headers=served.headers("write")), 422)
    assert "at least one account" in body["detail"] and body["field"] == "accounts"
    body = _problem(c.put(f"{API}/shortlists/x", json={"accounts": [*good["accounts"], "no-such-account"]},
                          headers=served.headers("write")), 404)
    assert "no account 'no-such-account'" in body["detail"] and body["field"] == "accounts.1"
    _problem(c.put(f"{API}/shortlists/x", json={**good, "colour": "red"}, headers=served.headers("write")), 422)
    _problem(c.put(f"{API}/shortlists/{'n' * 81}", json=good, headers=served.headers("write")), 422)
    _problem(c.delete(f"{API}/shortlists/never saved", headers=served.headers("write")), 404)
    _problem(c.get(f"{API}/shortlists/never saved", headers=served.headers()), 404)
    slashed = c.put(f"{API}/shortlists/a%2Fb <i>", json=good, headers=served.headers("write"))  # any text
    assert slashed.status_code == 200, slashed.text
    assert c.get(f"{API}/shortlists/a%2Fb <i>", headers=served.headers()).json()["data"]["name"] == "a/b <i>"
    assert c.delete(f"{API}/shortlists/a%2Fb <i>", headers=served.headers("write")).status_code == 200
    # a cookie session needs the CSRF token to write
    c.get("/login", params={"token": served.tokens["write"]}, follow_redirects=False)
    _problem(c.put(f"{API}/shortlists/x", json=good), 403)
    c.post("/api/v1/logout", headers={"X-CSRF-Token": c.cookies.get("einfluence_csrf") or ""})
    c.cookies.clear()
    assert served.counts() == before


def test_a_saved_shortlist_is_the_target_of_a_plan_and_of_seeds(served):
    c = served.client
    top = _top(served, 30)[10:30]
    picked = [{"account": r["account"], "network": r["network"]} for r in top]
    assert c.put(f"{API}/shortlists/audience", json={"accounts": picked},
                 headers=served.headers("write")).status_code == 200
    both = {"budget": 500, "shortlist": "audience", "target": ["x"], "simulations": 100}
    _problem(c.post(f"{API}/plans", json=both, headers=served.headers("write")), 422)
    body = _problem(c.post(f"{API}/plans", json={"budget": 500, "shortlist": "nope", "simulations": 100},
                           headers=served.headers("write")), 404)
    assert "no saved shortlist 'nope'" in body["detail"]
    job = c.post(f"{API}/plans", params={"wait": 300}, json={"budget": 500, "shortlist": "audience",
                                                            "simulations": 100}, headers=served.headers("write"))
    assert job.status_code == 200, job.text
    plan = c.get(f"{API}/plans/{job.json()['result']['plan_id']}", headers=served.headers()).json()["data"]
    assert plan["result"]["target"] == {"label": "shortlist 'audience' (20 accounts)", "size": 20.0}
    assert plan["inputs"]["target"] == "shortlist 'audience' (20 accounts)"
    seeds = c.post(f"{API}/seeds", params={"wait": 300}, json={"k": 3, "shortlist": "audience"},
                   headers=served.headers("write"))
    assert seeds.status_code == 200, seeds.text
    chosen = c.get(f"{API}/plans/{seeds.json()['result']['plan_id']}", headers=served.headers()).json()["data"]
    assert chosen["inputs"]["target_size"] == 20.0
