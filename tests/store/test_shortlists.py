"""Saved shortlists (migration 11): stored in order, replaced by name, read back after reopening,
usable as a campaign target; bad input refused in one line, leaving the table untouched."""

import duckdb
import numpy as np
import pytest

from einfluence import Workspace
from einfluence.exceptions import InputError
from einfluence.io import Records
from einfluence.store.shortlists import list_shortlists
from tests.conftest import database_at


def _accounts(ws: Workspace) -> None:
    ws.add_records(Records.from_columns(
        accounts={"network": ["a", "a", "b", "b"], "id": ["ann", "bob", "ann", "cy"],
                  "handle": ["@annie", None, "@ann_b", "@cy"], "kind": "person"},
        interactions={"network": "a", "src": ["ann", "bob"], "dst": ["bob", "ann"], "kind": "relay"}))


def test_saved_in_order_replaced_by_name_and_kept_after_reopening(db_path):
    with Workspace(db_path) as ws:
        _accounts(ws)
        first = ws.save_shortlist("  picks ", [{"account": "bob", "network": "a"}, "@cy", "@annie", "@cy"],
                                  filters={"topic": "2", "network": ["a"]}, created_by="analyst")
        assert first["name"] == "picks" and first["n_accounts"] == 3
        assert [(a["account"], a["network"]) for a in first["accounts"]] == [("bob", "a"), ("cy", "b"), ("ann", "a")]
        created = first["created_at"]
        again = ws.save_shortlist("picks", ["ann"], network="b", filters={"query": "x"}, created_by="someone else")
        assert again["shortlist_id"] == first["shortlist_id"] and again["created_at"] == created
        assert again["updated_at"] >= created and again["created_by"] == "analyst"
        assert [(a["account"], a["network"]) for a in again["accounts"]] == [("ann", "b")]
        ws.save_shortlist("other", ["bob"])
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        rows = con.execute("SELECT name, accounts, filters FROM shortlists ORDER BY name").fetchall()
    finally:
        con.close()
    assert [r[0] for r in rows] == ["other", "picks"]
    assert '"query": "x"' in rows[1][2]
    with Workspace(db_path, read_only=True) as ws:
        assert [(s["name"], s["n_accounts"]) for s in ws.saved_shortlists()] == [("other", 1), ("picks", 1)]
        assert ws.saved_shortlist("picks")["filters"] == {"query": "x"}


def test_bad_input_is_one_clear_error_and_changes_nothing(workspace):
    _accounts(workspace)
    workspace.save_shortlist("kept", ["bob"])
    cases = [("", ["bob"], "needs a name"), ("x" * 81, ["bob"], "at most 80"), ("bad\nname", ["bob"], "control"),
             ("new", [], "at least one account"), ("new", ["bob", "nobody"], "no account 'nobody'"),
             ("new", ["ann"], "names several accounts"), ("kept", ["zed"], "no account 'zed'")]
    for name, accounts, message in cases:
        with pytest.raises(InputError, match=message) as caught:
            workspace.save_shortlist(name, accounts)
        assert "\n" not in str(caught.value)
    assert [(s["name"], s["n_accounts"]) for s in list_shortlists(workspace.con)] == [("kept", 1)]
    with pytest.raises(InputError, match="no saved shortlist 'gone'"):
        workspace.saved_shortlist("gone")
    with pytest.raises(InputError, match="no saved shortlist 'gone'"):
        workspace.delete_shortlist("gone")
    workspace.delete_shortlist("kept")
    assert workspace.saved_shortlists() == []


def test_a_saved_shortlist_is_a_campaign_target(workspace):
    _accounts(workspace)
    workspace.save_shortlist("two", ["bob", "@cy"])
    weights, label = workspace.shortlist_target("two")
    ids = workspace.account_ids(["bob", "@cy"])
    assert weights.shape == (workspace.n_accounts(),) and np.flatnonzero(weights).tolist() == sorted(ids.tolist())
    assert label == "shortlist 'two' (2 accounts)"


def test_migration_11_adds_the_table_to_a_schema_10_file(db_path):
    con = database_at(db_path, 10)
    con.close()
    with Workspace(db_path) as ws:
        assert ws.schema_version() == 11
        assert ws.saved_shortlists() == []
