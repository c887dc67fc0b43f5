"""The ``einfluence`` command line: parse, call the library, render. No computation here."""


import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich import box
from rich.table import Table

from einfluence._version import __version__
from einfluence.base.labels import account_label
from einfluence.cli import (
    advocacy,
    brands,
    campaigns,
    content,
    opinion,
    reports,
    scores,
    server,
    shortlists,
)
from einfluence.cli.common import (
    REMOTE,
    DbOption,
    EngineOption,
    JsonOption,
    MasterOption,
    SparkRemoteOption,
    err,
    fails_cleanly,
    open_workspace,
    out,
)
from einfluence.cli.output import emphasis, sparkline
from einfluence.cli.progress import RichProgress
from einfluence.io.formats import FORMATS
from einfluence.settings import DEFAULT_DB

__all__ = ["app", "main"]

app = typer.Typer(
    name="einfluence",
    help="Influence-marketing analytics: find, rank and activate the people who move opinions online.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
def _version(value: bool) -> None:
    if value:
        from einfluence.store.schema import SCHEMA_VERSION

        out.print(f"einfluence {__version__} (schema {SCHEMA_VERSION})")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", metavar="", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    wait: Annotated[
        float | None,
        typer.Option("--wait", metavar="SECONDS", min=0,
                     help="Keep retrying this long while another process holds the database file."),
    ] = None,
    server: Annotated[
        str | None,
        typer.Option("--server", metavar="URL", envvar="EINFLUENCE_SERVER",
                     help="Run the command against an einfluence server (rank, stats, explain); --db names its "
                          "workspace (default: the token's only one)."),
    ] = None,
    token: Annotated[
        str | None,
        typer.Option("--token", metavar="TOKEN", envvar="EINFLUENCE_TOKEN", help="The server's token (with --server)."),
    ] = None,
) -> None:
    """einfluence: influence-marketing analytics on an embedded DuckDB database."""
    REMOTE.clear()
    if server:
        REMOTE.update(server=server, token=token or "")
    if wait is not None:
        import os

        os.environ["EINFLUENCE_LOCK_WAIT"] = str(wait)


@app.command()
@fails_cleanly
def init(db: DbOption = DEFAULT_DB) -> None:
    """Create a database (or migrate an existing one to the current schema)."""
    with open_workspace(db, create=True) as ws:
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
@fails_cleanly
def import_(
    fmt: Annotated[str, typer.Argument(metavar="FORMAT", help=_FORMAT_HELP)],
    paths: Annotated[
        list[str], typer.Argument(metavar="PATH...", help="Files or folders to import (with --engine spark, also URIs: "
                                                          "hdfs://, s3a://...).")
    ],
    db: DbOption = DEFAULT_DB,
    network: Annotated[
        str | None, typer.Option(help="Network the identifiers belong to (each format has a default).")
    ] = None,
    directed: Annotated[
        bool | None, typer.Option("--directed/--undirected", metavar="", help="edgelist: are the edges directed?")
    ] = None,
    kind: Annotated[
        str | None, typer.Option(help="edgelist, gml, graphml, musae: interaction kind of the edges.")
    ] = None,
    header: Annotated[
        bool | None,
        typer.Option(
            "--header/--no-header", metavar="",
            help="edgelist: the first data line is (or is not) a header; by default an 'n m' line is detected.",
        ),
    ] = None,
    table: Annotated[
        str | None, typer.Option(help="generic: the table the files hold (accounts, posts, interactions).")
    ] = None,
    mapping: Annotated[
        list[str] | None,
        typer.Option(
            "--map", metavar="TARGET=COLUMN,...",
            help="posts-table: which column holds what: id (required), author, author_id, author_name, followers, "
            "time, text, language, url, reply_to, reply_to_author, relay_of.",
        ),
    ] = None,
    keep: Annotated[
        list[str] | None,
        typer.Option(
            metavar="[NAME=]COLUMN,...", help="posts-table: other columns to keep as post attributes."
        ),
    ] = None,
    time_format: Annotated[
        str | None,
        typer.Option(metavar="LAYOUT", help="posts-table: the time column's layout in strptime codes (%d/%m/%Y %H:%M)."),
    ] = None,
    as_json: JsonOption = False,
    engine: EngineOption = "local",
    master: MasterOption = None,
    remote: SparkRemoteOption = None,
) -> None:
    """Import files into the database: all or nothing, and re-importing adds nothing.

    --engine spark reads the generic format with Spark (paths the cluster sees), checked and
    stored as locally.
    """
    options = {
        "network": network, "directed": directed, "kind": kind, "header": header, "table": table,
        "mapping": mapping or None, "keep": keep or None, "time_format": time_format,
    }
    with open_workspace(db, create=True, engine=engine, master=master, remote=remote) as ws, \
            RichProgress(err) as progress:
        result = ws.import_files(fmt, paths, progress=progress, **options).as_dict()
    if as_json:
        out.print_json(json.dumps(result))
    else:
        _render_import(result)


def _render_stats(stats: dict[str, Any]) -> None:
    totals = Table(title="einfluence database", show_header=False, box=box.SIMPLE)
    for key in ("accounts", "persons", "posts", "interactions", "brands", "imports"):
        totals.add_row(key, f"{stats[key]:,}")
    totals.add_row("timed interactions", f"{stats['first_time'] or '-'} → {stats['last_time'] or '-'}")
    out.print(totals)
    grid = Table(title="per network", box=box.SIMPLE)
    for column in ("network", "accounts", "posts", "interactions", "kinds", "from", "to", "activity"):
        grid.add_column(column, justify="right" if column in ("accounts", "posts", "interactions") else "left",
                        no_wrap=column != "kinds")
    for name, n in stats["networks"].items():
        kinds = " · ".join(f"{k} {v:,}" for k, v in n["interactions_by_kind"].items())
        grid.add_row(name, f"{n['accounts']:,}", f"{n['posts']:,}", f"{n['interactions']:,}", kinds or "-",
                     (n["first_time"] or "untimed")[:10], (n["last_time"] or "")[:10], sparkline(n["activity"]))
    out.print(grid)
    for key, title in (("accounts_by_kind", "accounts"), ("posts_by_kind", "posts")):
        if stats.get(key):
            out.print(f"{title} by kind: " + " · ".join(f"{k} {v:,}" for k, v in stats[key].items()))
    days = stats.get("interactions_by_day")
    if days:
        table = Table(title="interactions per day (UTC)", box=box.SIMPLE)
        table.add_column("day")
        table.add_column("interactions", justify="right")
        for day, count in days.items():
            table.add_row(day, f"{count:,}")
        out.print(table)


@app.command()
@fails_cleanly
def stats(
    db: DbOption = DEFAULT_DB,
    by_day: Annotated[bool, typer.Option("--by-day", metavar="", help="Also list the interactions of every UTC day.")] = False,
    as_json: JsonOption = False,
) -> None:
    """What the database holds: per network its accounts, posts, interactions by kind, span and activity."""
    with open_workspace(db, read_only=True) as ws:
        result = ws.stats(by_day=by_day or as_json)  # JSON is for programs: everything
    if as_json:
        print(json.dumps(result, indent=2))
    else:
        _render_stats(result)






def _render_demo(db: Path, summary: dict[str, Any], stats: dict[str, Any], influencers: list[dict[str, Any]]) -> None:
    out.print(emphasis(("einfluence demo world", "bold"), f" written to {db}"))
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
        out.print(f"activity per day {first} {sparkline(list(days.values()))} {last}")
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
                account_label({"handle": row["handle"], "account": row["id"]}) + where, row["topic"],
                row["kind"].replace("_", "/"), peak,
                f"{row['strength']:.2f}", f"{row['followers']:,}{'*' if row['niche'] else ' '}",
            )
        out.print(table)
    out.print(emphasis("next: ", (f"einfluence rank --db {db}", "bold"), ", ", (f"einfluence explain @HANDLE --db {db}", "bold"),
                       ", ", (f"einfluence evaluate --db {db} --split 2026-10-05", "bold"), "; see README.md"))


#: the demo brand's campaign message (French and English, as the demo world's e-bike community)
DEMO_MESSAGE = "Ondula Cargo : le vélo électrique cargo, e-bike for the family"


@app.command()
@fails_cleanly
def demo(
    db: DbOption = DEFAULT_DB,
    accounts: Annotated[int, typer.Option(help="Accounts in the demo world.", min=100)] = 3000,
    days: Annotated[int, typer.Option(help="Days the demo world spans.", min=7)] = 42,
    seed: Annotated[int, typer.Option(help="Random seed (same seed, same world).", min=0)] = 0,
    force: Annotated[
        bool, typer.Option(metavar="", help="Replace the database even if it holds data other than a demo world.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Generate the seeded demo influence world into a fresh database and show what it holds."""
    from einfluence.workspace import Workspace

    with RichProgress(err) as progress:
        summary = Workspace.create_demo(
            db, n_accounts=accounts, n_days=days, seed=seed, force=force, tipping_community=True, progress=progress
        )
    with open_workspace(db) as ws, RichProgress(err) as progress:
        stats = ws.stats()
        influencers = ws.planted_influencers(10)
        run_id, _ = ws.score(label="demo", progress=progress)
        top = ws.rank(run_id, limit=10)
        best = top.to_pylist()[0] if top.num_rows else None
        explanation = ws.explain(best["account"], network=best["network"], run_id=run_id) if best else None
        topic_run = ws.topics(progress=progress)
        topics = ws.topic_run(topic_run)
        leaders = ws.topic_leaders(topic_run, k=3, progress=progress)
        community_run = ws.communities(progress=progress)
        communities = ws.community_report(community_run, k=3, n_communities=8, score_run=run_id, progress=progress)
        topic_of_message, mix, _ = ws.message_topics(message=DEMO_MESSAGE, topic_run=topic_run)
        audience, label = ws.topic_audience(int(mix.argmax()), topic_of_message)
        plan = ws.plan(budget=1000, message=DEMO_MESSAGE, topic_run=topic_run, target=audience, target_label=label,
                       n_simulations=1000, progress=progress)
        ws.detect_mentions(progress=progress)
        funnel = ws.advocates(limit=5)
        tipping = opinion.demo_tipping(ws, progress=progress)
    if as_json:
        print(
            json.dumps(
                {"demo": summary, "stats": stats, "planted_influencers": influencers,
                 "ranking": top.to_pylist(), "explanation": explanation,
                 "topics": {**topics, "leaders": leaders}, "communities": communities, "plan": plan,
                 "advocacy": funnel, "opinion": tipping},
                indent=2, default=str,
            )
        )
        return
    _render_demo(db, summary, stats, influencers)
    scores.print_ranking(top, "table", f"einfluence ranking of the demo world (run #{run_id}, top 10)")
    if explanation is not None:
        out.print()
        out.print(emphasis(("why the first one?", "bold"), "  (einfluence explain)"))
        scores.render_explanation(explanation)
    out.print()
    out.print(emphasis(("who is influential on what", "bold"), "  (einfluence topics)"))
    content.render_topics(topics, leaders)
    out.print()
    out.print(emphasis(("and in which community", "bold"), "  (einfluence communities)"))
    content.render_communities(communities)
    out.print()
    out.print(emphasis(("a campaign for Ondula", "bold"), f"  (einfluence plan --budget 1000 --message {DEMO_MESSAGE!r} ...)"))
    campaigns.render_plan(plan)
    out.print()
    out.print(emphasis(("who defends the brands on their own", "bold"), "  (einfluence mentions, einfluence advocates)"))
    advocacy.render_funnel(funnel)
    out.print()
    out.print(emphasis(("how many advocates tip each community", "bold"),
                       "  (einfluence opinion tipping --by-community --choose random|listened)"))
    opinion.render_demo_tipping(tipping)
    out.print(emphasis("next: ", (f"einfluence rank --topic 0 --db {db}", "bold"), ", ",
                       (f"einfluence brief --community 0 --db {db}", "bold"), ", ",
                       (f'einfluence rank --query "vélo électrique" --db {db}', "bold")))


app.command()(scores.score)
app.command()(scores.rank)
app.command()(scores.explain)
app.command()(scores.trends)
app.command()(scores.evaluate)
app.command()(scores.calibrate)
app.command()(content.topics)
app.command()(content.communities)
app.command()(content.brief)
app.command()(campaigns.seeds)
app.command()(campaigns.simulate)
app.command()(campaigns.plan)
app.add_typer(brands.sentiment_app, name="sentiment")
app.command()(brands.mentions)
app.command()(brands.perception)
app.command()(advocacy.advocates)
app.add_typer(brands.brand_app, name="brand")
app.add_typer(shortlists.shortlist_app, name="shortlist")
app.add_typer(advocacy.actions_app, name="actions")
app.command()(server.serve)
app.add_typer(server.token_app, name="token")
app.add_typer(opinion.opinion_app, name="opinion")
app.command()(reports.report)


def _note(message: Warning | str, category: type[Warning], filename: str, lineno: int, *args: Any, **kwargs: Any) -> None:
    """A warning as the command line says it: one 'note:' line, without the source file."""
    err.print(f"note: {message}")


def main() -> None:
    """Entry point of the ``einfluence`` command."""
    import warnings

    warnings.showwarning = _note
    app()
