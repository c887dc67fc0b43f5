"""``einfluence token create|list|revoke`` and ``einfluence serve``'s refusals, on real DuckDB files."""

from __future__ import annotations

import json

import duckdb
import pytest
from typer.testing import CliRunner

from einfluence import Workspace
from einfluence.cli import app

runner = CliRunner()


def _invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def _tokens(db) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT name, scope, revoked_at IS NOT NULL FROM tokens ORDER BY token_id").fetchall()
    finally:
        con.close()


def test_token_create_list_revoke(tmp_path):
    db = tmp_path / "team.duckdb"
    Workspace(db).close()
    made = _invoke("token", "create", "--db", str(db), "--scope", "write", "--name", "analyst")
    assert made.exit_code == 0, made.output
    token = made.stdout.strip().splitlines()[-1]  # alone on the last line
    assert token.startswith("einf_") and " " not in token
    listed = json.loads(_invoke("token", "list", "--db", str(db), "--json").stdout)
    assert [(t["name"], t["scope"], t["revoked_at"]) for t in listed] == [("analyst", "write", None)]
    assert token.split("_", 2)[2] not in json.dumps(listed)  # never the secret
    with Workspace(db) as ws:
        assert ws.verify_token(token)["name"] == "analyst"
    revoked = _invoke("token", "revoke", "analyst", "--db", str(db))
    assert revoked.exit_code == 0 and "revoked" in revoked.stdout
    with Workspace(db) as ws:
        assert ws.verify_token(token) is None
    again = _invoke("token", "revoke", "analyst", "--db", str(db))
    assert again.exit_code != 0 and len(again.output.strip().splitlines()) == 1


def test_token_create_by_workspace_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Workspace(tmp_path / "brand.duckdb").close()
    made = _invoke("token", "create", "--workspace", "brand", "--scope", "read", "--name", "viewer")
    assert made.exit_code == 0, made.output
    assert _tokens(tmp_path / "brand.duckdb") == [("viewer", "read", False)]


@pytest.mark.parametrize(("with_db", "args", "named"), [
    (True, ("--scope", "root", "--name", "x"), "--scope"),
    (True, ("--scope", "read"), "--name"),
    (False, ("--scope", "read", "--name", "x", "--workspace", "../team"), "--workspace"),
    (True, ("--scope", "read", "--name", "x", "--workspace", "team"), "--db or --workspace"),
])
def test_token_create_refusals_name_the_option_and_write_nothing(tmp_path, with_db, args, named):
    db = tmp_path / "team.duckdb"
    Workspace(db).close()
    result = runner.invoke(app, ["token", "create", *(("--db", str(db)) if with_db else ()), *args])
    assert result.exit_code != 0
    assert named in result.output and "Traceback" not in result.output
    assert _tokens(db) == []


@pytest.mark.parametrize(("make", "args", "named"), [
    (None, ("missing.duckdb",), "no such database"),
    ("empty-folder", ("{tmp}/empty",), "no .duckdb file"),
    ("db", ("{tmp}/team.duckdb", "--allow-path", "{tmp}/nowhere"), "--allow-path"),
    ("db", ("{tmp}/team.duckdb", "--port", "0"), "--port"),
])
def test_serve_refuses_bad_input_at_once(tmp_path, monkeypatch, make, args, named):
    monkeypatch.chdir(tmp_path)
    if make == "empty-folder":
        (tmp_path / "empty").mkdir()
    elif make == "db":
        Workspace(tmp_path / "team.duckdb").close()
    result = runner.invoke(app, ["serve", *(a.format(tmp=tmp_path) for a in args)])
    assert result.exit_code != 0
    assert named in result.output and "Traceback" not in result.output
    if make == "db":
        assert _tokens(tmp_path / "team.duckdb") == []  # no first admin token made for nothing
