"""Reports through the API: made by a job with the command line's builders, downloaded as attachments."""

from __future__ import annotations

import pytest

from tests.server.test_api import API, _ok, _wait


def test_a_report_is_a_job_then_a_download(served):
    c, h = served.client, served.headers()  # a read token may make one (a report reads)
    before = served.counts()
    job = _wait(c, c.post(f"{API}/reports", json={"kind": "brand", "brand": "Ondula", "top": 5}, params={"wait": 120},
                          headers=h), h)
    assert job["state"] == "succeeded", job
    assert job["result"]["kind"] == "brand" and job["result"]["format"] == "html" and job["result"]["bytes"] > 0
    got = c.get(f"{API}/reports/{job['job_id']}", headers=h)
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/html")
    assert got.headers["content-disposition"].startswith("attachment;")
    page = got.text
    assert "Ondula" in page and 'id="einfluence-data"' in page and "<script src=\"http" not in page
    assert served.counts() == before  # the brand report needed no new run
    assert c.get(f"{API}/reports/{job['job_id']}").status_code == 401
    other = {"Authorization": f"Bearer {served.other_token}"}
    assert c.get(f"/api/v1/workspaces/other/reports/{job['job_id']}", headers=other).status_code in (404, 409)


def test_a_french_influencers_report_escapes_the_data(served):
    c, h = served.client, served.headers()
    hostile = "<script>alert(1)</script>"
    job = _wait(c, c.post(f"{API}/reports", json={"kind": "influencers", "lang": "fr", "query": hostile, "top": 3,
                                                  "simulations": 100}, params={"wait": 300}, headers=h), h)
    assert job["state"] == "succeeded", job
    page = c.get(f"{API}/reports/{job['job_id']}", headers=h).text
    assert hostile not in page and "lang=\"fr\"" in page


@pytest.mark.parametrize(("body", "field"), [
    ({"kind": "brand", "account": "x"}, "account"),
    ({"kind": "profile"}, "account"),
    ({"kind": "campaign", "top": 3}, "top"),
    ({"kind": "annual"}, "kind"),
    ({"kind": "brand", "format": "docx"}, "format"),
])
def test_report_refusals_name_the_field_and_queue_nothing(served, body, field):
    c, h = served.client, served.headers()
    jobs = _ok(c.get(f"{API}/jobs", headers=h))["items"]
    refused = c.post(f"{API}/reports", json=body, headers=h)
    assert refused.status_code == 422, refused.text
    problem = refused.json()
    assert problem["field"] == field or any(e.get("field") == field for e in problem.get("errors", [])), problem
    assert _ok(c.get(f"{API}/jobs", headers=h))["items"] == jobs


def test_a_report_of_a_job_that_made_none_is_a_404(served):
    c, h = served.client, served.headers("write")
    job = _wait(c, c.put(f"{API}/brands/Reportless", json={"aliases": ["report less"]}, headers=h), h)
    assert c.get(f"{API}/reports/{job['job_id']}", headers=h).status_code == 404
    assert c.get(f"{API}/reports/999999", headers=h).status_code == 404
