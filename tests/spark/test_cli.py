"""The command line on Spark: the contract of issue 15 (same ranking as the local engine) and
one-line errors for bad engine options."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from einfluence import Workspace
from einfluence.cli import app

runner = CliRunner()


def test_rank_on_spark_is_the_local_ranking(spark, tmp_path: Path):
    """In this process: the command finds the folder's session already running (as a notebook's
    or a spark-submit job's command would), so the contract costs no JVM of its own."""
    db = tmp_path / "demo.duckdb"
    Workspace.create_demo(db, n_accounts=150, n_days=7, seed=5)
    on_spark = runner.invoke(app, ["rank", "--db", str(db), "--engine", "spark", "--master", "local[2]",
                                   "--format", "csv", "--limit", "0"])
    assert on_spark.exit_code == 0, on_spark.output[-2000:]
    local = runner.invoke(app, ["rank", "--db", str(db), "--format", "csv", "--limit", "0"])
    assert local.exit_code == 0, local.output
    assert on_spark.stdout == local.stdout
    assert len(local.stdout.splitlines()) > 100
    with Workspace(db, read_only=True) as ws:
        engines = [run["params"].get("engine", {}).get("name", "local") for run in ws.score_runs()]
    assert sorted(engines) == ["local", "spark"]


@pytest.mark.parametrize(("options", "says"), [
    (["--engine", "flink"], "--engine: expected one of local, spark, got 'flink'"),
    (["--master", "local[2]"], "--master needs --engine spark"),
    (["--engine", "spark", "--master", "local[2]", "--remote", "sc://localhost"], "not both"),
    (["--engine", "spark", "--remote", "http://localhost:15002"], "expected a Spark Connect URL"),
])
def test_bad_engine_options_are_one_line(demo_db, options, says):
    result = runner.invoke(app, ["rank", "--db", str(demo_db), *options])
    assert result.exit_code == 1
    assert says in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_missing_pyspark_names_the_extra():
    probe = ("import sys\nsys.modules['pyspark'] = None\n"
             "from einfluence.spark import spark_session\n"
             "from einfluence.exceptions import ParameterError\n"
             "try:\n    spark_session()\nexcept ParameterError as error:\n    print(error)\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == ("engine: the Spark engine needs pyspark, which is not installed: "
                                   "pip install -e '.[spark]'")
