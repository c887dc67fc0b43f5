"""Slow reads computed once in the background: ``Prefer: wait`` bounds how long a request waits
(the dashboard renders what is ready, and a notice for the rest), many requests share one
computation, and the answer is the one a patient request gets."""

from __future__ import annotations

import threading
import time

import pytest

from einfluence.server.hosting import Computing

API = "/api/v1/workspaces/demo"


def test_one_computation_for_many_requests(served):
    host = served.app.state.einfluence.hosts["demo"]
    calls = []
    release = threading.Event()

    def slow(ws):
        calls.append(1)
        release.wait(10)
        return {"n": ws.n_accounts()}

    with pytest.raises(Computing) as pending:
        host.background(("test:slow",), slow, wait=0.05, stage="slow read")
    assert pending.value.stage == "slow read" and pending.value.started <= time.time()
    with pytest.raises(Computing):
        host.background(("test:slow",), slow, wait=0.05, stage="slow read")
    release.set()
    value = host.background(("test:slow",), slow, wait=None)
    assert value["n"] > 0 and host.background(("test:slow",), slow, wait=0) == value
    assert len(calls) == 1


def test_a_page_read_answers_202_at_once_then_the_data(served):
    c = served.client
    top = c.get(f"{API}/rank", params={"limit": 1}, headers=served.headers()).json()["items"][0]
    path = f"{API}/accounts/{top['account']}/context"
    params = {"network": top["network"]}
    # a write moves the generation on: what was read before is computed again
    c.put(f"{API}/shortlists/gen", json={"accounts": [top["account"]], "network": top["network"]},
          headers=served.headers("write"))
    started = time.perf_counter()
    early = c.get(path, params=params, headers={**served.headers(), "Prefer": "wait=0"})
    assert time.perf_counter() - started < 5
    assert early.status_code == 202, early.text  # finding the roles loads the graph: never instantaneous
    body = early.json()
    assert body["state"] == "running" and body["stage"] == "community roles" and body["job_id"] is None
    assert early.headers["retry-after"] == "3"
    late = c.get(path, params=params, headers=served.headers())
    assert late.status_code == 200, late.text
    role = late.json()["data"]["role"]
    assert role is not None and set(role) >= {"leader", "broker", "leads"}


def test_concurrent_cached_reads_compute_once(served):
    host = served.app.state.einfluence.hosts["demo"]
    calls = []

    def slow(ws):
        calls.append(1)
        time.sleep(0.3)
        return {"n": ws.n_accounts()}

    answers = []
    threads = [threading.Thread(target=lambda: answers.append(host.cached(("test:flight",), slow))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert len(answers) == 4 and all(a == answers[0] for a in answers) and len(calls) == 1


def test_the_map_answers_202_then_the_map(served):
    c = served.client
    run = c.get(f"{API}/community-runs", headers=served.headers()).json()["data"][-1]["community_run_id"]
    path = f"{API}/community-runs/{run}/map"
    params = {"max_accounts": 37, "format": "columns"}
    early = c.get(path, params={**params, "wait": 0}, headers=served.headers())
    assert early.status_code == 202, early.text
    assert early.json()["stage"] == "community map"
    late = c.get(path, params=params, headers=served.headers())
    assert late.status_code == 200 and late.json()["data"]["n_nodes"] >= 10
