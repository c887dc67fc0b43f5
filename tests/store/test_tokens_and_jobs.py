"""The server's tables: tokens stored hashed and verified in constant time, jobs never lost."""

from __future__ import annotations

import pytest

from einfluence import Workspace
from einfluence.exceptions import InputError
from einfluence.store.jobs import (
    add_job,
    fail_interrupted_jobs,
    finish_job,
    get_job,
    list_jobs,
    start_job,
)
from einfluence.store.tokens import new_token


def test_tokens_are_stored_hashed_verified_and_revoked(workspace):
    token, row = workspace.create_token(name="analyst", scope="write")
    assert row["scope"] == "write" and row["key"] == token.split("_")[1]
    stored = workspace.sql("SELECT * FROM tokens").fetchall()
    assert token.split("_", 2)[2] not in repr(stored)  # the secret is not in the file
    assert workspace.verify_token(token)["name"] == "analyst"
    assert workspace.verify_token(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert workspace.verify_token("einf_nonsense") is None and workspace.verify_token("") is None
    other, _ = workspace.create_token(name="other", scope="admin", token=new_token())
    assert workspace.has_admin_token()
    assert [t["name"] for t in workspace.revoke_token("analyst")] == ["analyst"]
    assert workspace.verify_token(token) is None and workspace.verify_token(other)["scope"] == "admin"
    with pytest.raises(InputError, match="no active token"):
        workspace.revoke_token("analyst")
    with pytest.raises(InputError) as bad:
        workspace.create_token(name="x", scope="root")
    assert bad.value.parameter == "scope"


def test_a_token_is_unknown_to_another_workspace(tmp_path):
    with Workspace(tmp_path / "a.duckdb") as a, Workspace(tmp_path / "b.duckdb") as b:
        token, _ = a.create_token(name="a", scope="admin")
        assert a.verify_token(token) is not None and b.verify_token(token) is None


def test_jobs_left_running_by_a_stopped_server_are_marked_failed(workspace):
    con = workspace.con
    done = add_job(con, kind="score", params={"a": 1})
    start_job(con, done)
    finish_job(con, done, state="succeeded", result={"run_id": 3})
    running = add_job(con, kind="import", params={})
    start_job(con, running)
    queued = add_job(con, kind="plan", params={})
    assert fail_interrupted_jobs(con, "the server stopped") == [running, queued]
    assert get_job(con, done)["result"] == {"run_id": 3}
    failed = get_job(con, running)
    assert failed["state"] == "failed" and failed["error"]["detail"] == "the server stopped"
    assert [j["job_id"] for j in list_jobs(con, limit=2)] == [queued, running]
    assert [j["job_id"] for j in list_jobs(con, before=running)] == [done]
    with pytest.raises(InputError):
        get_job(con, 99)


def test_a_database_of_schema_7_is_migrated_to_tokens_and_jobs(db_path):
    """A file written by einfluence before the server (post attributes, v7) gains tokens and jobs, data kept."""
    from einfluence.store import connect
    from einfluence.store.schema import MIGRATIONS
    from tests.conftest import database_at

    assert [(v, n) for v, n, _ in MIGRATIONS[6:8]] == [
        (7, "post attributes (labels that come with the data)"), (8, "server access tokens and background jobs")]
    con = database_at(db_path, 7)
    con.execute("INSERT INTO posts (post_id, network, source_id, kind, import_id, attributes) "
                "VALUES (0, 't', 'old', 'original', 1, '{\"label\": \"true\"}')")
    con.close()
    con = connect(db_path)
    assert [v for (v,) in con.execute("SELECT version FROM schema_migrations ORDER BY 1").fetchall()][-2:] == [7, 8]
    assert con.execute("SELECT source_id, attributes->>'label' FROM posts").fetchall() == [("old", "true")]
    assert con.execute("SELECT count(*) FROM tokens").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM jobs").fetchone()[0] == 0
    con.close()
    with Workspace(db_path) as ws:
        token, _ = ws.create_token(name="first", scope="admin")
        assert ws.verify_token(token)["scope"] == "admin"
