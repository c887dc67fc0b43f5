"""The ``einfluence`` command line: parse, call the library, render. No computation here."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from einfluence._version import __version__
from einfluence.cli.progress import RichProgress
from einfluence.exceptions import EinfluenceError
from einfluence.io import FORMATS
from einfluence.store.database import DEFAULT_DB
from einfluence.store.schema import SCHEMA_VERSION
from einfluence.workspace import Workspace

__all__ = ["app", "main"]

app = typer.Typer(
    name="einfluence",
    help="Influence-marketing analytics: find, rank and activate the people who move opinions online.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)

DbOption = Annotated[
    Path, typer.Option("--db", help="The einfluence database file (DuckDB).", dir_okay=False)
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]

F = TypeVar("F", bound=Callable[..., Any])


def _fails_cleanly(func: F) -> F:
    """Turn einfluence errors into one line on stderr and exit status 1."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except EinfluenceError as exc:
            message = str(exc).replace("\n", " ")
            print(f"einfluence: error: {message}", file=sys.stderr)
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        out.print(f"einfluence {__version__} (schema {SCHEMA_VERSION})")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """einfluence: influence-marketing analytics on an embedded DuckDB database."""


@app.command()
@_fails_cleanly
def init(db: DbOption = DEFAULT_DB) -> None:
    """Create a database (or migrate an existing one to the current schema)."""
    with Workspace(db) as ws:
        version = ws.schema_version()
    out.print(f"database {db}: schema version {version}")


def _render_import(result: dict[str, Any]) -> None:
    if result["skipped"]:
        out.print(f"already imported as import #{result['import_id']}: nothing added")
        return
    table = Table(title=f"import #{result['import_id']} ({result['format']})", show_header=False)
    for key in ("rows_read", "accounts_added", "accounts_updated", "persons_added", "posts_added",
                "posts_updated", "interactions_added"):
        table.add_row(key.replace("_", " "), f"{result[key]:,}")
    out.print(table)
    for note in result["notes"]:
        out.print(f"note: {note}")


_FORMAT_HELP = "Input format: " + "; ".join(f"{name} ({spec.summary})" for name, spec in FORMATS.items())


@app.command("import")
@_fails_cleanly
def import_(
    fmt: Annotated[str, typer.Argument(metavar="FORMAT", help=_FORMAT_HELP)],
    paths: Annotated[list[Path], typer.Argument(metavar="PATH...", help="Files or folders to import.")],
    db: DbOption = DEFAULT_DB,
    network: Annotated[
        str | None, typer.Option(help="Network the identifiers belong to (each format has a default).")
    ] = None,
    directed: Annotated[
        bool | None, typer.Option("--directed/--undirected", help="edgelist: are the edges directed?")
    ] = None,
    kind: Annotated[
        str | None, typer.Option(help="edgelist, gml, graphml: interaction kind of the edges.")
    ] = None,
    header: Annotated[
        bool | None, typer.Option("--header/--no-header", help="edgelist: the first data line is a header.")
    ] = None,
    table: Annotated[
        str | None, typer.Option(help="generic: the table the files hold (accounts, posts, interactions).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Import files into the database: all or nothing, and re-importing adds nothing."""
    options = {"network": network, "directed": directed, "kind": kind, "header": header, "table": table}
    with Workspace(db) as ws, RichProgress(err) as progress:
        result = ws.import_files(fmt, paths, progress=progress, **options).as_dict()
    if as_json:
        out.print_json(json.dumps(result))
    else:
        _render_import(result)


def _counts_table(title: str, counts: dict[str, int], key: str) -> Table:
    table = Table(title=title)
    table.add_column(key)
    table.add_column("count", justify="right")
    for name, value in counts.items():
        table.add_row(name, f"{value:,}")
    return table


def _render_stats(stats: dict[str, Any]) -> None:
    totals = Table(title="einfluence database", show_header=False)
    for key in ("accounts", "persons", "posts", "interactions", "brands", "imports"):
        totals.add_row(key, f"{stats[key]:,}")
    totals.add_row("first interaction", str(stats["first_time"]))
    totals.add_row("last interaction", str(stats["last_time"]))
    out.print(totals)
    for key, title, column in (
        ("accounts_by_network", "accounts per network", "network"),
        ("accounts_by_kind", "accounts per kind", "kind"),
        ("posts_by_network", "posts per network", "network"),
        ("posts_by_kind", "posts per kind", "kind"),
        ("interactions_by_network", "interactions per network", "network"),
        ("interactions_by_kind", "interactions per kind", "kind"),
        ("interactions_by_day", "interactions per day (UTC)", "day"),
    ):
        if stats.get(key):
            out.print(_counts_table(title, stats[key], column))


@app.command()
@_fails_cleanly
def stats(db: DbOption = DEFAULT_DB, as_json: JsonOption = False) -> None:
    """Count what the database holds, per network, kind and day."""
    with Workspace(db, read_only=True) as ws:
        result = ws.stats()
    if as_json:
        print(json.dumps(result, indent=2))
    else:
        _render_stats(result)


@app.command()
@_fails_cleanly
def demo(
    db: DbOption = DEFAULT_DB,
    accounts: Annotated[int, typer.Option(help="Accounts in the demo world.", min=50)] = 3000,
    days: Annotated[int, typer.Option(help="Days the demo world spans.", min=7)] = 42,
    seed: Annotated[int, typer.Option(help="Random seed (same seed, same world).")] = 0,
    force: Annotated[
        bool, typer.Option(help="Replace the database even if it holds data other than a demo world.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Generate the seeded demo influence world into a fresh database and show what it holds."""
    with RichProgress(err) as progress:
        summary = Workspace.create_demo(
            db, n_accounts=accounts, n_days=days, seed=seed, force=force, progress=progress
        )
    with Workspace(db, read_only=True) as ws:
        result = {"demo": summary, "stats": ws.stats()}
    if as_json:
        print(json.dumps(result, indent=2, default=str))
        return
    out.print(f"[bold]demo world[/bold] written to {db} (seed {seed}, {accounts:,} accounts, {days} days)")
    _render_stats(result["stats"])
    if summary:
        table = Table(title="planted truth", show_header=False)
        for key, value in summary.items():
            table.add_row(str(key), str(value))
        out.print(table)


def main() -> None:
    """Entry point of the ``einfluence`` command."""
    app()
