"""`einfluence demo`: a fresh, reproducible demo database with its planted truth."""

from __future__ import annotations

import json

import duckdb
from typer.testing import CliRunner

from einfluence import Workspace
from einfluence.cli import app

runner = CliRunner()
SMALL = ["--accounts", "300", "--days", "14"]


def _demo(db, *extra: str):
    return runner.invoke(app, ["demo", "--db", str(db), *SMALL, *extra])


def test_demo_builds_database_with_truth_and_brands_reproducibly(tmp_path):
    """One demo run (the whole command, over the world alone generated first with its seed)."""
    db = tmp_path / "demo.duckdb"
    # the world alone (what reproducibility is about), then the whole command over it
    Workspace.create_demo(db, n_accounts=int(SMALL[1]), n_days=int(SMALL[3]), seed=0)
    with Workspace(db, read_only=True) as ws:
        first = ws.sql("SELECT source_id, handle, followers FROM accounts ORDER BY account_id").fetchall()
    result = _demo(db, "--json")
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    con = duckdb.connect(str(db), read_only=True)
    stored = {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in ("accounts", "interactions")}
    assert shown["stats"]["accounts"] == stored["accounts"] > 300  # plus the blogs
    assert shown["stats"]["interactions"] == stored["interactions"] > 1000
    assert set(shown["stats"]["accounts_by_network"]) == {"microblog", "blog"}
    brands = con.execute("SELECT name, competitor FROM brands ORDER BY name").fetchall()
    assert ("Ondula", False) in brands and any(c for _, c in brands)
    # every planted influencer exists as a stored account
    missing = con.execute(
        "SELECT count(*) FROM truth_influence t ANTI JOIN accounts a ON a.network = t.network AND a.source_id = t.id"
    ).fetchall()[0][0]
    assert missing == 0
    # the command replaced its own database with the same world
    assert con.execute("SELECT source_id, handle, followers FROM accounts ORDER BY account_id").fetchall() == first
    con.close()
    assert shown["planted_influencers"]
    with Workspace(db, read_only=True) as ws:
        assert ws.stats()["imports"] == 1
    Workspace.create_demo(db, n_accounts=int(SMALL[1]), n_days=int(SMALL[3]), seed=2)
    with Workspace(db, read_only=True) as ws:
        assert ws.sql("SELECT source_id, handle, followers FROM accounts ORDER BY account_id").fetchall() != first


def test_demo_never_silently_replaces_imported_data(tmp_path):
    db = tmp_path / "mine.duckdb"
    data = tmp_path / "interactions.csv"
    data.write_text("network,src,dst,kind\nt,a,b,relay\n")
    runner.invoke(app, ["import", "generic", str(data), "--db", str(db)])
    result = _demo(db)
    assert result.exit_code == 1
    assert "holds imported data" in result.stderr
    with Workspace(db, read_only=True) as ws:
        assert ws.stats()["interactions"] == 1
    assert _demo(db, "--force").exit_code == 0


def test_bad_demo_parameter_is_one_line(tmp_path):
    result = runner.invoke(app, ["demo", "--db", str(tmp_path / "d.duckdb"), "--accounts", "10"])
    assert result.exit_code != 0
    assert not (tmp_path / "d.duckdb").exists()
