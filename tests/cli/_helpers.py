"""What the command-line tests share."""

from __future__ import annotations

from typer.testing import CliRunner, Result

from einfluence.cli import app

runner = CliRunner()


def run_cli(*args: str, ok: bool = True) -> Result:
    """``einfluence ARGS`` in this process; with ``ok``, assert that it succeeded."""
    result = runner.invoke(app, list(args))
    if ok:
        assert result.exit_code == 0, result.output + str(result.exception)
    return result
