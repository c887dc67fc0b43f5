"""communities and simulate with --engine spark through the command line, in this process (the
shared session): stored like local runs, with their engine."""

from __future__ import annotations

import json
import shutil

from typer.testing import CliRunner

from einfluence import Workspace
from einfluence.cli import app

runner = CliRunner()


def test_communities_and_simulate_on_spark(spark, demo_db, tmp_path):
    db = tmp_path / "demo.duckdb"
    shutil.copy(demo_db, db)
    spark_opts = ["--engine", "spark", "--master", "local[2]"]
    done = runner.invoke(app, ["communities", "--db", str(db), "--format", "csv", *spark_opts])
    assert done.exit_code == 0, done.output
    assert done.stdout.splitlines()[0] == "account,network,handle,name,community"
    with Workspace(db, read_only=True) as ws:
        (run,) = ws.community_runs()
        accounts = ws.con.execute("SELECT source_id FROM accounts ORDER BY account_id LIMIT 2").fetchall()
    assert run["params"]["request"]["method"] == "label_propagation"
    shown = runner.invoke(app, ["communities", "--db", str(db), "--run", str(run["community_run_id"])])
    assert shown.exit_code == 0, shown.output
    assert "(label propagation on Spark)" in shown.stdout
    seeds = [a for (a,) in accounts]
    args = ["simulate", *seeds, "--db", str(db), "--simulations", "600", "--format", "json"]
    on_spark = runner.invoke(app, [*args, *spark_opts])
    assert on_spark.exit_code == 0, on_spark.output
    local = runner.invoke(app, args)
    assert local.exit_code == 0, local.output
    got, want = json.loads(on_spark.stdout), json.loads(local.stdout)
    assert got.pop("engine")["name"] == "spark"
    got.pop("plan_id"), want.pop("plan_id")
    assert got == want
