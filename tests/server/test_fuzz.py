"""Property-based fuzzing of the whole OpenAPI schema (schemathesis), bounded in time: no 500, no
response outside its schema, and nothing written by a request the server refused."""

from __future__ import annotations

import time

import pytest

pytestmark = pytest.mark.slow

schemathesis = pytest.importorskip("schemathesis")

#: examples per operation (about 20 s for each half on an idle 2-core machine), and a safety net
#: on the time of each half for a busy one (the operations left are then not fuzzed)
EXAMPLES = 5
BUDGET_SECONDS = 60.0
#: operations left to test_api (each call is a whole evaluation harness run)
HEAVY = ("/evaluation",)


def _operations(app, methods: set[str]) -> list:
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
    ops = [result.ok() for result in schema.get_all_operations()]
    return [op for op in ops if op.method.upper() in methods and "{workspace}" in op.path
            and not op.path.endswith(HEAVY)]


def _fuzz(served, methods: set[str], scope: str, after_each) -> int:
    headers = served.headers(scope)
    operations = _operations(served.app, methods)
    deadline = time.monotonic() + BUDGET_SECONDS
    counter = [0]
    for op in operations:
        if time.monotonic() > deadline:
            break
        _fuzz_one(served, op, headers, after_each, counter)
    return counter[0]


def _fuzz_one(served, op, headers, after_each, counter) -> None:
    from hypothesis import HealthCheck, Phase, given, settings
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import response_schema_conformance

    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(case=op.as_strategy())
    def run(case) -> None:
        case.path_parameters = {**(case.path_parameters or {}), "workspace": "demo"}
        before = served.counts()
        response = case.call(headers=headers, timeout=60, params={**(case.query or {}), "wait": 0}
                             if op.method.upper() != "GET" else None)
        counter[0] += 1
        case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])
        after_each(op, response, before)

    run()


def test_reads_never_fail_nor_leave_their_schema(served):
    calls = _fuzz(served, {"GET"}, "read", lambda op, response, before: None)
    assert calls > 0


def test_refused_writes_write_nothing(served):
    c = served.client

    def check(op, response, before) -> None:
        body = response.json() if response.content else {}
        if 400 <= response.status_code < 500:
            assert served.counts() == before, (op.method, op.path, response.text)
        elif response.status_code in (200, 202) and "links" in body and body.get("state") in ("queued", "running"):
            job = body["links"]["self"]
            c.post(job + "/cancel", headers=served.headers("write"))  # keep the fuzzing short
            # a job not cancelled in time still writes: wait for its end, or the next case's counts
            # would be taken while it runs and its write blamed on a refused request
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                state = c.get(job, headers=served.headers("write")).json().get("state")
                if state not in ("queued", "running"):
                    break
                time.sleep(0.05)

    calls = _fuzz(served, {"POST", "PUT", "PATCH", "DELETE"}, "write", check)
    assert calls > 0
