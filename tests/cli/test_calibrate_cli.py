"""einfluence calibrate, rank/explain --calibration, tied ranks and evaluate's calibrated score, end to end."""

from __future__ import annotations

import csv
import io
import json

import duckdb
import numpy as np
import pytest
from typer.testing import CliRunner

from einfluence.cli import app
from tests.scoring.test_calibration import HOUR, planted_world

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """The planted world of the calibration tests, as a generic CSV imported into a database."""
    folder = tmp_path_factory.mktemp("calibrate")
    view = planted_world(n=1500, hours=300, per_hour=40)
    start = np.datetime64("2026-09-01T00:00:00", "us")
    lines = ["network,src,dst,kind,time"]
    for s, d, t, k in zip(view.sources(), view.indices, view.time, view.kind, strict=True):
        when = (start + np.timedelta64(int(t), "us")).astype(str)
        lines.append(f"t,a{s},a{d},{'relay' if k == 0 else 'reply'},{when}Z")
    data = folder / "interactions.csv"
    data.write_text("\n".join(lines) + "\n")
    path = folder / "c.duckdb"
    result = runner.invoke(app, ["import", "generic", str(data), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


def _count(path, table):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


def test_calibrate_stores_a_calibration_that_rank_and_explain_use(db):
    result = runner.invoke(app, ["calibrate", "--db", str(db), "--folds", "3", "--format", "json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["fallback"] is None and summary["weights"]["activity"] > 0
    assert [f["trained_on"] for f in summary["folds"]] == [0, 1, 2]
    assert summary["out_of_sample"]["calibrated"]["n_folds"] == 2
    con = duckdb.connect(str(db), read_only=True)
    stored = con.execute("SELECT params, result, einfluence_version FROM calibrations").fetchall()
    con.close()
    assert len(stored) == 1 and json.loads(stored[0][1])["weights"] == summary["weights"]
    assert json.loads(stored[0][0])["calibration"]["n_folds"] == 3

    ranked = runner.invoke(app, ["rank", "--db", str(db), "--calibration", "latest", "--format", "json", "--limit", "0"])
    assert ranked.exit_code == 0, ranked.output
    rows = json.loads(ranked.stdout)
    assert "activity_points" in rows[0]
    for row in rows[:50]:
        points = sum(v for k, v in row.items() if k.endswith("_points") and v is not None)
        assert points == pytest.approx(row["score"] - 1.0, abs=1e-9)
    # the run records its calibration, and is found again rather than recomputed
    runs = _count(db, "score_runs")
    again = runner.invoke(app, ["rank", "--db", str(db), "--calibration", "1", "--format", "json", "--limit", "5"])
    assert again.exit_code == 0 and _count(db, "score_runs") == runs

    explained = runner.invoke(app, ["explain", rows[0]["account"], "--db", str(db), "--calibration", "latest", "--json"])
    assert explained.exit_code == 0, explained.output
    e = json.loads(explained.stdout)
    assert e["params"]["request"]["calibration"] == 1
    assert e["params"]["weights"]["activity"] == summary["weights"]["activity"]
    points = sum(v for k, v in e["scored"].items() if k.endswith("_points") and v is not None)
    assert points == pytest.approx(e["scored"]["score"] - 1.0, abs=1e-9)
    table = runner.invoke(app, ["explain", rows[0]["account"], "--db", str(db), "--calibration", "latest"])
    assert table.exit_code == 0 and "activity" in table.stdout


@pytest.mark.parametrize(("args", "option"), [
    (["calibrate", "--folds", "1"], "--folds"),
    (["calibrate", "--inputs", "followers"], "--inputs"),
    (["calibrate", "--regularisation", "-1"], "--regularisation"),
    (["rank", "--calibration", "99"], "--calibration"),
    (["rank", "--calibration", "best"], "--calibration"),
])
def test_bad_input_one_line_non_zero_nothing_stored(db, args, option):
    calibrations, runs = _count(db, "calibrations"), _count(db, "score_runs")
    result = runner.invoke(app, [*args, "--db", str(db)])
    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and option in lines[0]
    assert _count(db, "calibrations") == calibrations and _count(db, "score_runs") == runs


def test_tied_accounts_share_a_rank_and_the_csv_carries_full_values(db):
    window = ["--until", "2026-09-01T12:00:00"]   # early: many accounts acted, nobody reacted to them yet
    result = runner.invoke(app, ["rank", "--db", str(db), "--limit", "0", "--format", "csv", *window])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    key = [(float(r["score"]), float(r["index"])) for r in rows]
    ranks = [int(r["rank"]) for r in rows]
    for i in range(1, len(rows)):
        if key[i] == key[i - 1]:
            assert ranks[i] == ranks[i - 1]
        else:
            assert key[i] < key[i - 1] and ranks[i] == i + 1
    assert len(set(ranks)) < len(ranks)                          # the accounts nobody reacted to are tied
    assert any(len(r["score"].split(".")[-1]) > 3 for r in rows)  # not the rounded display value
    table = runner.invoke(app, ["rank", "--db", str(db), "--limit", "0", *window])
    assert f"={ranks[-1]}" in table.stdout


def test_evaluate_reports_the_calibrated_score_and_its_folds(db):
    result = runner.invoke(app, ["evaluate", "--db", str(db), "--split", "2026-09-10T00:00:00", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    names = [r["name"] for r in report["tables"]["relays_later"]["rows"]]
    assert "einfluence_calibrated" in names and "einfluence_score" in names
    oos = report["calibration"]["out_of_sample"]
    assert {"calibrated", "default", "distinct_reactors"} <= set(oos)
    assert oos["calibrated"]["spearman_sd"] is not None
    # every fold ends at or before the split: calibrated on the data before it only
    split_us = int((np.datetime64("2026-09-10T00:00:00", "us") - np.datetime64("1970-01-01", "us")).astype(int))
    assert all(f["end_us"] <= split_us for f in report["calibration"]["folds"])
    table = runner.invoke(app, ["evaluate", "--db", str(db), "--split", "2026-09-10T00:00:00"])
    assert table.exit_code == 0 and "out of sample" in table.stdout
    plain = runner.invoke(app, ["evaluate", "--db", str(db), "--split", "2026-09-10T00:00:00", "--no-calibrate",
                                "--format", "json"])
    assert json.loads(plain.stdout)["calibration"] is None


def test_hour_constant_is_shared():
    assert HOUR == 3_600_000_000
