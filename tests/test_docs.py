"""The documentation keeps up with the code: every command, format and table is in README.md."""

from __future__ import annotations

import re
from pathlib import Path

from einfluence.cli import app
from einfluence.io import FORMATS
from einfluence.io.generic import TABLES

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_quick_start_has_exactly_two_commands_and_ci_runs_the_second():
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = section.split("```bash", 1)[1].split("```", 1)[0]
    commands = [ln for ln in block.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    assert len(commands) == 2
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1].strip() in ci


def test_every_command_has_a_section():
    names = {c.name or c.callback.__name__ for c in app.registered_commands}
    for group in app.registered_groups:  # a group's section names each of its commands
        names |= {f"{group.name} {c.name or c.callback.__name__}" for c in group.typer_instance.registered_commands}
    headings = re.findall(r"^### (.+)$", README, flags=re.M)
    documented = {m for h in headings for m in re.findall(r"`einfluence (\w+(?: (?!NAME|FILE|ACCOUNT|FORMAT|PATH|--)\w+)?)", h)}
    assert names == documented


def test_every_format_is_documented():
    section = README.split("## Input formats", 1)[1].split("\n## ", 1)[0]
    table_rows = [ln for ln in section.splitlines() if ln.startswith("| `")]
    for name in FORMATS:
        assert any(f"`{name}`" in row.split("|")[1] for row in table_rows), name


def test_every_generic_column_is_documented():
    for table, (spec, _) in TABLES.items():
        row = next(ln for ln in README.splitlines() if ln.startswith(f"| {table} |"))
        for column in spec:
            assert column in row, (table, column)


def test_every_setting_is_documented():
    from einfluence.settings import SETTINGS

    for setting in SETTINGS.values():
        row = next((ln for ln in README.splitlines() if ln.startswith(f"| `{setting.name}` |")), None)
        assert row is not None, setting.name
        assert f"`{setting.env}`" in row and f"`{setting.default}`" in row and setting.help in row
