"""seeds / simulate / plan end to end on real DuckDB files."""

from __future__ import annotations

import json

import duckdb
import numpy as np
import pytest

from einfluence import Workspace
from tests.cli._helpers import run_cli


@pytest.fixture(scope="module")
def imm_db(tmp_path_factory):
    """A small IMM-format graph: two stars (hubs 0 and 10) and a chain, imported."""
    folder = tmp_path_factory.mktemp("imm")
    rng = np.random.default_rng(0)
    arcs = [(0, v, 0.9) for v in range(1, 10)] + [(10, v, 0.9) for v in range(11, 18)]
    arcs += [(18 + i, 19 + i, 0.5) for i in range(6)]
    arcs += [(int(u), int(v), 0.05) for u, v in rng.integers(0, 25, (20, 2)) if u != v]
    (folder / "attribute.txt").write_text(f"n=25\nm={len(arcs)}\n")
    (folder / "graph_ic.inf").write_text("".join(f"{u} {v} {p}\n" for u, v, p in arcs))
    db = folder / "imm.duckdb"
    run_cli("import", "imm", str(folder), "--db", str(db))
    return db


def test_seeds_json_interface(imm_db):
    result = json.loads(run_cli(
        "seeds", "--db", str(imm_db), "--k", "2", "--epsilon", "0.3", "--model", "ic",
        "--probabilities", "stored", "--format", "json",
    ).stdout)
    assert {"seeds", "expected_spread", "rr_sets", "epsilon", "approximation", "seconds"} <= set(result)
    assert sorted(result["seeds"]) == [0, 10]  # the two hubs, as the source's integer ids
    assert result["expected_spread"] > 15 and result["rr_sets"] > 0 and result["epsilon"] == 0.3
    assert result["approximation"] == pytest.approx(1 - 1 / np.e - 0.3)
    con = duckdb.connect(str(imm_db), read_only=True)
    assert con.execute("SELECT count(*) FROM plans WHERE kind = 'seeds'").fetchall()[0][0] >= 1
    con.close()


def test_seeds_lt_targeted_and_budgeted(imm_db, tmp_path):
    lt = json.loads(run_cli("seeds", "--db", str(imm_db), "--k", "1", "--model", "lt", "--probabilities", "wc",
                         "--format", "json").stdout)
    assert len(lt["seeds"]) == 1 and lt["expected_spread"] >= 1
    target = tmp_path / "target.csv"
    target.write_text("account\n11\n12\n13\n14\n")
    targeted = json.loads(run_cli("seeds", "--db", str(imm_db), "--k", "1", "--probabilities", "stored",
                               "--target", str(target), "--format", "json").stdout)
    assert targeted["seeds"] == [10] and targeted["expected_spread"] <= 4 + 1e-9
    costs = tmp_path / "costs.csv"
    costs.write_text("account,cost\n0,100\n10,1\n18,1\n")
    budgeted = json.loads(run_cli("seeds", "--db", str(imm_db), "--budget", "60", "--costs", str(costs),
                               "--probabilities", "stored", "--format", "json").stdout)
    assert 0 not in budgeted["seeds"] and budgeted["cost"] <= 60


def test_bad_cost_file_names_the_line(imm_db, tmp_path):
    costs = tmp_path / "costs.csv"
    costs.write_text("account,cost\n0,100\n10,cheap\n")
    result = run_cli("seeds", "--db", str(imm_db), "--budget", "5", "--costs", str(costs), ok=False)
    assert result.exit_code == 1 and "costs.csv, line 3, field cost" in result.output


def test_unknown_probabilities_fail_cleanly(imm_db):
    result = run_cli("seeds", "--db", str(imm_db), "--probabilities", "magic", ok=False)
    assert result.exit_code == 1 and "--probabilities" in result.output


def test_simulate_reports_an_interval(imm_db):
    result = json.loads(run_cli("simulate", "0", "--db", str(imm_db), "--probabilities", "stored",
                             "--simulations", "4000", "--format", "json").stdout)
    low, high = result["ci95"]
    # hub 0 reaches itself and each of its 9 leaves with p = 0.9 (plus the weak random arcs)
    assert low <= result["expected_spread"] <= high and result["expected_spread"] >= 1 + 9 * 0.9 - 0.3


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("plan") / "demo.duckdb"
    Workspace.create_demo(path, n_accounts=500, n_days=14, seed=3)
    with Workspace(path) as ws:
        ws.topics(n_topics=8)
    return path


def test_plan_beats_the_blanket_and_top_n_plans(demo_db):
    result = json.loads(run_cli(
        "plan", "--db", str(demo_db), "--budget", "500", "--message", "le vélo électrique, e-bike",
        "--audience", "velo", "--simulations", "1000", "--format", "json",
    ).stdout)
    rows = {r["plan"]: r for r in result["comparison"]}
    assert set(rows) == {"targeted", "blanket", "top_audience", "top_score"}
    assert result["cost"] <= 500 and rows["targeted"]["cost"] <= 500
    assert rows["targeted"]["reach"] >= 0.95 * max(rows["top_audience"]["reach"], rows["top_score"]["reach"])
    assert rows["targeted"]["reach_per_cost"] > rows["blanket"]["reach_per_cost"]
    assert all(i["cost"] > 0 and i["marginal_reach"] > 0 for i in result["influencers"])
    table = run_cli("plan", "--db", str(demo_db), "--budget", "300", "--topic", "velo", "--community", "0",
                 "--simulations", "300")
    assert "the same budget spent otherwise" in table.stdout
