"""The ``einfluence`` command line: parse, call the library, render. No computation here."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich import box
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


_SPARKS = "▁▂▃▄▅▆▇█"


def _sparkline(values: list[int]) -> str:
    top = max(values) if values else 0
    return "".join(_SPARKS[min(len(_SPARKS) - 1, v * len(_SPARKS) // (top + 1))] for v in values)


def _render_demo(db: Path, summary: dict[str, Any], stats: dict[str, Any], influencers: list[dict[str, Any]]) -> None:
    out.print(f"[bold]einfluence demo world[/bold] written to {db}")
    out.print(
        f"{stats['accounts']:,} accounts, {stats['posts']:,} posts, {stats['interactions']:,} interactions, "
        f"{stats['brands']} brands, {stats['persons']} persons with accounts on several networks"
    )
    grid = Table(title="what it holds", box=box.SIMPLE)
    grid.add_column("network")
    grid.add_column("accounts", justify="right")
    grid.add_column("posts", justify="right")
    grid.add_column("interactions", justify="right")
    for network, count in stats["accounts_by_network"].items():
        grid.add_row(
            network,
            f"{count:,}",
            f"{stats['posts_by_network'].get(network, 0):,}",
            f"{stats['interactions_by_network'].get(network, 0):,}",
        )
    out.print(grid)
    out.print("interactions: " + " · ".join(f"{k} {v:,}" for k, v in stats["interactions_by_kind"].items()))
    days = stats.get("interactions_by_day", {})
    if days:
        first, last = next(iter(days)), list(days)[-1]
        out.print(f"activity per day {first} {_sparkline(list(days.values()))} {last}")
    truth = Table(title="planted truth (saved in the database to check analyses)", show_header=False, box=box.SIMPLE)
    for key in ("roles", "influence_episodes", "languages"):
        if key in summary:
            truth.add_row(key.replace("_", " "), " · ".join(f"{k} {v}" for k, v in summary[key].items()))
    for key in ("topics", "brands"):
        if key in summary:
            truth.add_row(key, ", ".join(map(str, summary[key])))
    out.print(truth)
    if influencers:
        table = Table(title="strongest planted influence episodes (* niche: small audience)", box=box.SIMPLE)
        for column in ("account", "topic", "episode", "peak", "strength", "followers"):
            table.add_column(column, justify="right" if column in ("strength", "followers") else "left", no_wrap=True)
        for row in influencers:
            peak = "-" if row["peak"] is None else row["peak"].strftime("%Y-%m-%d")
            where = "" if row["network"] == "microblog" else f" ({row['network']})"
            table.add_row(
                f"@{row['handle']}{where}", row["topic"], row["kind"].replace("_", "/"), peak,
                f"{row['strength']:.2f}", f"{row['followers']:,}{'*' if row['niche'] else ' '}",
            )
        out.print(table)
    out.print(f"next: [bold]einfluence stats --db {db}[/bold]; query it with DuckDB; see README.md")


@app.command()
@_fails_cleanly
def demo(
    db: DbOption = DEFAULT_DB,
    accounts: Annotated[int, typer.Option(help="Accounts in the demo world.", min=100)] = 3000,
    days: Annotated[int, typer.Option(help="Days the demo world spans.", min=7)] = 42,
    seed: Annotated[int, typer.Option(help="Random seed (same seed, same world).", min=0)] = 0,
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
        stats = ws.stats()
        influencers = ws.planted_influencers(10)
    if as_json:
        print(json.dumps({"demo": summary, "stats": stats, "planted_influencers": influencers}, indent=2, default=str))
        return
    _render_demo(db, summary, stats, influencers)


def main() -> None:
    """Entry point of the ``einfluence`` command."""
    app()
