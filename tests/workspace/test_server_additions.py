"""Workspace methods the server needs: a workspace on a cursor, finding runs without computing
them, run and plan listings, import provenance, changing and removing actions."""

from __future__ import annotations

from datetime import datetime

import pytest

from einfluence import Workspace
from einfluence.exceptions import InputError


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("additions") / "demo.duckdb"
    Workspace.create_demo(path, n_accounts=200, n_days=10, seed=1)
    return path


def test_a_workspace_on_a_cursor_leaves_the_connection_open(demo):
    from einfluence.store import connect

    con = connect(demo, read_only=True)
    try:
        with Workspace.from_connection(con.cursor(), demo) as ws:
            assert ws.stats(by_day=False)["accounts"] > 0
        assert con.execute("SELECT 1").fetchall() == [(1,)]
    finally:
        con.close()


def test_runs_are_found_without_being_computed(demo):
    with Workspace(demo) as ws:
        assert ws.find_score_run() is None and ws.find_community_run() is None
        assert ws.score_runs() == [] and ws.community_runs() == [] and ws.topic_runs() == []
        run = ws.score_run_for()
        assert ws.find_score_run() == run and ws.find_score_run(params={"half_life_hours": 3}) is None
        community_run = ws.communities()
        assert ws.find_community_run() == community_run and ws.find_community_run(resolution=2.0) is None
        assert [r["run_id"] for r in ws.score_runs()] == [run]
        assert ws.community_runs()[0]["params"]["request"]["backend"] == "graspologic"
        assert ws.imports()[0]["format"] == "demo"


def test_a_run_of_an_earlier_scoring_revision_is_computed_again(tmp_path):
    """After an upgrade that changes how scores are computed, ``rank`` must not serve the old run."""
    import json

    Workspace.create_demo(tmp_path / "w.duckdb", n_accounts=100, n_days=7, seed=3)
    with Workspace(tmp_path / "w.duckdb") as ws:
        old = ws.score_run_for()
        # what the previous release stored: the same request without the revision
        params = ws.run_info(old)["params"]
        del params["request"]["revision"]
        ws.con.execute("UPDATE score_runs SET params = ? WHERE run_id = ?", [json.dumps(params), old])
        assert ws.find_score_run() is None
        new = ws.score_run_for()
        assert new != old and ws.find_score_run() == new
        assert ws.run_info(new)["params"]["request"]["revision"] >= 2
        assert [r["run_id"] for r in ws.score_runs()] == [old, new]  # the old one stays readable


def test_plan_summaries_newest_first_without_results(demo):
    with Workspace(demo) as ws:
        first = ws.select_seeds(2, epsilon=0.5)["plan_id"]
        second = ws.select_seeds(3, epsilon=0.5)["plan_id"]
        listed = ws.plans()
        assert [p["plan_id"] for p in listed][:2] == [second, first] and "result" not in listed[0]
        assert [p["plan_id"] for p in ws.plans(before=second, kind="seeds")] == [first]
        with pytest.raises(InputError):
            ws.plans(kind="nope")


def test_actions_can_be_changed_and_removed(demo):
    with Workspace(demo) as ws:
        brand = ws.brands()[0]["name"]
        account = ws.rank(ws.score_run_for(), limit=1).to_pylist()[0]
        ws.log_actions([{"account": account["account"], "brand": brand, "kind": "contacted",
                         "at": datetime(2026, 9, 3)}], network=account["network"])
        action = ws.actions().to_pylist()[-1]
        changed = ws.update_action(action["action_id"], kind="paid", note="fee")
        assert changed["kind"] == "paid" and changed["note"] == "fee"
        with pytest.raises(InputError) as bad:
            ws.update_action(action["action_id"], kind="bribed")
        assert bad.value.parameter == "kind"
        ws.delete_action(action["action_id"])
        with pytest.raises(InputError, match="no action"):
            ws.delete_action(action["action_id"])


def test_the_dashboards_reads(demo):
    """What the dashboard's API asks (its SQL lived in the web layer): the interactions per
    network and day, the stored history of some accounts and their trends, an account's
    community, an account's names."""
    with Workspace(demo) as ws:
        activity = ws.activity()
        counted = ws.sql("SELECT a.network, count(*) FROM interactions i JOIN accounts a ON a.account_id = i.dst_id "
                         "WHERE i.created_at IS NOT NULL GROUP BY 1").fetchall()
        assert {n: sum(days.values()) for n, days in activity.items()} == {n: c for n, c in counted}
        assert all(list(days) == sorted(days) for days in activity.values())

        assert ws.score_trends([1, 2]) == {"group": None, "windows": [], "scores": {}, "trend": {}}
        ws.history(width_hours=48)
        ws.score_run_for()  # a score run to rank by, whichever test of this file ran first
        top = [int(r["account_id"]) for r in ws.rank(limit=3).to_pylist()]
        trends = ws.score_trends([*top, top[0]])
        assert trends["group"] == 1 and len(trends["windows"]) > 2 and list(trends["scores"]) == top
        for account in top:
            stored = {run_id: score for run_id, score in ws.sql(
                "SELECT s.run_id, s.score FROM scores s JOIN score_runs r USING (run_id) "
                "WHERE starts_with(r.label, 'history:1:') AND s.account_id = ?", params=[account]).fetchall()}
            assert trends["scores"][account] == [stored.get(w["run_id"]) for w in trends["windows"]]
            assert trends["trend"][account] in ("rising", "fading", "stable", "unknown")
        ws.history(width_hours=72)  # the latest history is the one read
        assert ws.score_trends(top[:1])["group"] == 2

        run = ws.communities()
        members = ws.community_members(run).to_pylist()
        assert all(ws.account_community(m["account_id"], run) == m["community"] for m in members[:20])
        assert ws.account_community(members[0]["account_id"]) == members[0]["community"]  # the latest run
        unassigned = set(range(ws.n_accounts())) - {m["account_id"] for m in members}
        if unassigned:
            assert ws.account_community(min(unassigned), run) is None
        described = ws.describe_accounts([members[0]["account_id"]])[members[0]["account_id"]]
        assert (str(described["account"]), described["network"]) == (str(members[0]["account"]), members[0]["network"])
