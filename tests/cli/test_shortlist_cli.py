"""``einfluence shortlist save|list|show|delete``, ``--target-shortlist`` and ``brief --shortlist`` on a
real DuckDB file."""

from __future__ import annotations

import json

import duckdb
import pytest

from einfluence import Workspace
from tests.cli._helpers import run_cli


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("shortlist") / "demo.duckdb"
    Workspace.create_demo(path, n_accounts=200, n_days=10, seed=1)
    return path


def test_save_list_show_plan_and_delete(db):
    with Workspace(db, read_only=True) as ws:
        names = [str(r[0]) for r in ws.sql("SELECT source_id FROM accounts WHERE network = 'microblog' "
                                           "ORDER BY account_id LIMIT 12").fetchall()]
    assert "12 account(s)" in run_cli("shortlist", "save", "picks", *names, "--db", str(db), "--network",
                                   "microblog").stdout
    listed = json.loads(run_cli("shortlist", "list", "--db", str(db), "--json").stdout)
    assert [(s["name"], s["n_accounts"]) for s in listed] == [("picks", 12)]
    shown = json.loads(run_cli("shortlist", "show", "picks", "--db", str(db), "--json").stdout)
    assert [a["account"] for a in shown["accounts"]] == names
    assert "picks (12 accounts)" in run_cli("shortlist", "show", "picks", "--db", str(db)).stdout
    plan = json.loads(run_cli("plan", "--db", str(db), "--budget", "300", "--target-shortlist", "picks",
                           "--simulations", "200", "--format", "json").stdout)
    assert plan["target"] == {"label": "shortlist 'picks' (12 accounts)", "size": 12.0}
    seeds = json.loads(run_cli("seeds", "--db", str(db), "--k", "2", "--target-shortlist", "picks",
                            "--format", "json").stdout)
    assert len(seeds["seeds"]) == 2
    assert "deleted" in run_cli("shortlist", "delete", "picks", "--db", str(db)).stdout
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM shortlists").fetchone()[0] == 0
    finally:
        con.close()


@pytest.mark.parametrize(("args", "message"), [
    (("shortlist", "show", "nope"), "no saved shortlist 'nope'"),
    (("shortlist", "delete", "nope"), "no saved shortlist 'nope'"),
    (("shortlist", "save", "x", "no-such-account"), "no account 'no-such-account'"),
    (("plan", "--budget", "100", "--target-shortlist", "nope"), "no saved shortlist 'nope'"),
    (("plan", "--budget", "100", "--target-shortlist", "a", "--community", "0"), "choose one target"),
])
def test_bad_input_is_one_line(db, args, message):
    result = run_cli(*args, "--db", str(db), ok=False)
    assert result.exit_code != 0
    lines = [ln for ln in result.output.strip().splitlines() if ln.strip()]
    assert len(lines) == 1 and message in lines[0], result.output


def test_brief_of_a_saved_shortlist_is_the_brief_of_its_accounts(db):
    """``brief --shortlist NAME`` targets the shortlist's accounts as they are saved: the same
    brief as ``--account`` with each of them, under the shortlist's name."""
    with Workspace(db, read_only=True) as ws:
        names = [str(r["account"]) for r in ws.rank(limit=8, networks=["microblog"]).to_pylist()]
    run_cli("shortlist", "save", "brief picks", *names, "--db", str(db), "--network", "microblog")
    try:
        listed = json.loads(run_cli("brief", "--db", str(db), "--shortlist", "brief picks", "--json").stdout)
        accounts = [a for name in names for a in ("--account", name)]
        direct = json.loads(run_cli("brief", "--db", str(db), *accounts, "--json").stdout)
        assert listed["target"] == "shortlist 'brief picks' (8 accounts)" and listed["n_target"] == 8
        assert {k: v for k, v in listed.items() if k != "target"} == {k: v for k, v in direct.items() if k != "target"}
        assert "content brief for shortlist 'brief picks' (8 accounts)" in \
            run_cli("brief", "--db", str(db), "--shortlist", "brief picks").stdout
    finally:
        run_cli("shortlist", "delete", "brief picks", "--db", str(db))


@pytest.mark.parametrize(("args", "message"), [
    (("brief", "--shortlist", "nope"), "--shortlist: no saved shortlist 'nope'"),
    (("brief", "--shortlist", "nope", "--community", "0"), "exactly one target"),
])
def test_brief_of_an_unknown_shortlist_is_one_line_naming_the_option(db, args, message):
    result = run_cli(*args, "--db", str(db), ok=False)
    assert result.exit_code == 1
    lines = [ln for ln in result.output.strip().splitlines() if ln.strip()]
    assert len(lines) == 1 and message in lines[0], result.output


def test_a_name_with_brackets_is_printed_as_written(db):
    """The terminal prints literally: escaping rich markup as well showed ``x\\[bold]y``."""
    with Workspace(db) as ws:
        account = str(ws.rank(limit=1, networks=["microblog"]).to_pylist()[0]["account"])
    for args in (["shortlist", "save", "x[bold]y", account, "--network", "microblog"], ["shortlist", "list"],
                 ["shortlist", "show", "x[bold]y"], ["shortlist", "delete", "x[bold]y"]):
        result = run_cli(*args, "--db", str(db))
        assert "x[bold]y" in result.output and "\\[" not in result.output, result.output
