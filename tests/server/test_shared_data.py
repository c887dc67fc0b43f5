"""The API on real public data (``shared/data``): files uploaded through the API are imported,
counted and ranked exactly as the command line imports, counts and ranks them."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from einfluence import Workspace
from einfluence.cli import app as cli
from einfluence.server import ServerConfig, create_app
from tests.conftest import shared_path


def _cli(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def _job(client: TestClient, response, headers) -> dict:
    assert response.status_code in (200, 202), response.text
    job = response.json()
    while job["state"] in ("queued", "running"):
        job = client.get(job["links"]["self"], params={"wait": 1}, headers=headers).json()
    return job


def test_polblogs_uploaded_through_the_api_is_the_command_lines(tmp_path):
    gml = shared_path("polblogs", "polblogs.gml")
    by_cli = tmp_path / "cli" / "polblogs.duckdb"
    by_cli.parent.mkdir()
    _cli("import", "gml", str(gml), "--db", str(by_cli))
    expected_rank = json.loads(_cli("rank", "--db", str(by_cli), "--limit", "25", "--format", "json"))
    expected_stats = json.loads(_cli("stats", "--json", "--db", str(by_cli)))

    served = tmp_path / "api" / "polblogs.duckdb"
    served.parent.mkdir()
    with Workspace(served) as ws:
        token, _ = ws.create_token(name="test", scope="write")
    headers = {"Authorization": f"Bearer {token}"}
    api = "/api/v1/workspaces/polblogs"
    with TestClient(create_app(ServerConfig([served], upload_dir=tmp_path / "uploads"))) as client:
        def upload():
            return client.post(f"{api}/imports", data={"format": "gml"}, params={"wait": 120}, headers=headers,
                               files=[("files", ("polblogs.gml", gml.read_bytes()))])

        job = _job(client, upload(), headers)
        assert job["state"] == "succeeded", job
        assert job["result"]["interactions_added"] == expected_stats["interactions"]
        stats = client.get(f"{api}/stats", headers=headers).json()["data"]
        assert {k: stats[k] for k in ("accounts", "interactions")} == \
            {k: expected_stats[k] for k in ("accounts", "interactions")}
        page = client.get(f"{api}/rank", params={"limit": 25}, headers=headers)
        assert page.status_code == 200, page.text
        assert page.json()["items"] == expected_rank
        assert page.json()["produced_by"]["kind"] == "score_run"
        again = _job(client, upload(), headers)  # the same file again: nothing added
        assert again["state"] == "succeeded" and again["result"]["skipped"] is True
        assert client.get(f"{api}/stats", headers=headers).json()["data"]["interactions"] == stats["interactions"]
