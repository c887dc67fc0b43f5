"""Commands about content and structure: ``topics``, ``communities``, ``brief``."""


import csv
import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich import box
from rich.table import Table

from einfluence.base.labels import account_label, account_reference
from einfluence.cli.common import (
    DbOption,
    EngineOption,
    FormatOption,
    MasterOption,
    NetworkOption,
    PlotOption,
    SinceOption,
    SparkRemoteOption,
    UntilOption,
    err,
    fails_cleanly,
    open_workspace,
    out,
    plot_path,
    save_plot,
    when,
)
from einfluence.cli.output import emphasis, write_csv
from einfluence.cli.progress import RichProgress
from einfluence.exceptions import InputError
from einfluence.settings import DEFAULT_DB

__all__ = ["brief", "communities", "read_keywords", "render_communities", "render_topics", "topics"]


def _check_format(fmt: str, allowed: tuple[str, ...] = ("table", "csv", "json")) -> None:
    if fmt not in allowed:
        raise InputError(f"--format: expected {', '.join(allowed)}, got {fmt!r}")


def read_keywords(path: Path) -> dict[str, list[str]]:
    """Declared topics from a file: JSON ``{"topic": ["keyword", ...]}`` or CSV ``topic,keyword`` rows."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}, line {exc.lineno}: not valid JSON ({exc.msg})") from None
        if not isinstance(data, dict) or not all(
            isinstance(v, list) and all(isinstance(w, str) for w in v) for v in data.values()
        ):
            raise InputError(f"{path}: expected an object mapping each topic to a list of keywords")
        return {str(k): list(v) for k, v in data.items()}
    topics: dict[str, list[str]] = {}
    for number, row in enumerate(csv.reader(text.splitlines()), start=1):
        if not row or (number == 1 and [c.strip().lower() for c in row[:2]] == ["topic", "keyword"]):
            continue
        if len(row) != 2 or not row[0].strip() or not row[1].strip():
            raise InputError(f"{path}, line {number}: expected two fields, topic and keyword")
        topics.setdefault(row[0].strip(), []).append(row[1].strip())
    if not topics:
        raise InputError(f"{path}: no topic declared")
    return topics


def render_topics(run: dict[str, Any], leaders: list[dict[str, Any]] | None) -> None:
    """Print a topic run and, when given, each topic's leaders."""
    window = f"{run['since'] or 'start'} → {run['until'] or 'end'}"
    out.print(
        f"topic run #{run['topic_run_id']} ({run['method']}): {run['n_topics']} topics in {run['n_posts']:,} posts, "
        f"window {window}"
    )
    by_topic = {t["topic"]: t for t in leaders or []}
    grid = Table(title="topics", box=box.SIMPLE)
    for column in ("topic", "name", "posts", "top terms", *(["leaders (on-topic score)"] if leaders else [])):
        grid.add_column(column, justify="right" if column in ("topic", "posts") else "left")
    for t in run["topics"]:
        cells = [str(t["topic"]), t["name"], f"{t['n_posts']:,}", " ".join(t["top_terms"][:8])]
        if leaders:
            cells.append(
                ", ".join(f"{account_label(r)} {r['score']:.0f}" for r in by_topic.get(t["topic"], {}).get("leaders", []))
            )
        grid.add_row(*cells)
    out.print(grid)


@fails_cleanly
def topics(
    db: DbOption = DEFAULT_DB,
    since: SinceOption = None,
    until: UntilOption = None,
    networks: NetworkOption = None,
    n_topics: Annotated[
        str, typer.Option("--n-topics", help="Number of topics, or 'auto' (chosen by the model's criterion).")
    ] = "auto",
    keywords: Annotated[
        Path | None,
        typer.Option(help="Declared topics instead of learned ones: JSON {topic: [keywords]} or CSV topic,keyword.",
                     dir_okay=False),
    ] = None,
    seed: Annotated[int, typer.Option(help="Random seed of the topic model.", min=0)] = 0,
    leaders: Annotated[int, typer.Option(help="Leaders shown per topic (on-topic einfluence score); 0 for none.", min=0)] = 5,
    run: Annotated[int | None, typer.Option("--run", help="Show a stored topic run instead.")] = None,
    fmt: FormatOption = "table",
) -> None:
    """Find the topics of the posts (learned by NMF, or declared by keywords) with each topic's leaders."""
    _check_format(fmt)
    if n_topics != "auto" and not n_topics.isdigit():
        raise InputError(f"--n-topics: expected a positive integer or 'auto', got {n_topics!r}")
    declared = read_keywords(keywords) if keywords is not None else None
    with open_workspace(db) as ws, RichProgress(err) as progress:
        if run is None:
            run = ws.topics(
                n_topics="auto" if n_topics == "auto" else int(n_topics), keywords=declared,
                since=when(since, "--since"), until=when(until, "--until"), networks=networks,
                random_state=seed, progress=progress,
            )
        info = ws.topic_run(run)
        top = ws.topic_leaders(run, k=leaders, progress=progress) if leaders else None
    if fmt == "json":
        print(json.dumps({**info, "leaders": top}, indent=2, default=str))
    elif fmt == "csv":
        by_topic = {t["topic"]: t for t in top or []}
        write_csv(["topic", "name", "posts", "top_terms", "leaders"], (
            [t["topic"], t["name"], t["n_posts"], " ".join(t["top_terms"]),
             " ".join(account_reference(r) for r in by_topic.get(t["topic"], {}).get("leaders", []))]
            for t in info["topics"]
        ))
    else:
        render_topics(info, top)
        out.print("next: einfluence rank --topic TOPIC, einfluence brief --topic TOPIC")


def render_communities(report: dict[str, Any]) -> None:
    """Print a community report: sizes, distinctive terms, leaders and brokers."""
    run = report["run"]
    window = f"{run['since'] or 'start'} → {run['until'] or 'end'}"
    modularity = "-" if run["modularity"] is None else f"{run['modularity']:.3f}"
    request = run["params"]["request"]
    method = ("label propagation on Spark" if request.get("method") == "label_propagation"
              else f"Leiden, resolution {request['resolution']:g}")
    out.print(
        f"community run #{run['community_run_id']} ({method}): "
        f"{run['n_communities']:,} communities, {report['n_assigned']:,} accounts, modularity {modularity}, "
        f"window {window}"
    )
    grid = Table(title="largest communities", box=box.SIMPLE)
    for column in ("community", "size", "distinctive terms", "leaders (distinct members reacting)"):
        grid.add_column(column, justify="right" if column in ("community", "size") else "left")
    for c in report["communities"]:
        grid.add_row(
            str(c["community"]), f"{c['size']:,}", " ".join(c["terms"]),
            ", ".join(f"{account_label(r)} {r['internal_reach']}" for r in c["leaders"]),
        )
    out.print(grid)
    if report["brokers"]:
        out.print(
            "brokers between communities: "
            + ", ".join(f"{account_label(b)} (in {b['community']}, tied to {b['other_communities']} others)" for b in report["brokers"])
        )


@fails_cleanly
def communities(
    db: DbOption = DEFAULT_DB,
    since: SinceOption = None,
    until: UntilOption = None,
    networks: NetworkOption = None,
    kind: Annotated[
        list[str] | None, typer.Option("--kind", help="Interaction kinds forming the graph (repeat; default all).")
    ] = None,
    resolution: Annotated[float, typer.Option(help="Leiden resolution (higher: smaller communities).", min=0.0)] = 1.0,
    seed: Annotated[int, typer.Option(help="Random seed of Leiden.", min=0)] = 0,
    run: Annotated[int | None, typer.Option("--run", help="Show a stored community run instead.")] = None,
    summary: Annotated[
        bool, typer.Option("--summary", metavar="", help="With csv/json: one row per community instead of one per account.")
    ] = False,
    fmt: FormatOption = "table",
    plot: PlotOption = None,
    engine: EngineOption = "local",
    master: MasterOption = None,
    remote: SparkRemoteOption = None,
) -> None:
    """Communities of the interaction graph (Leiden): members, sizes, terms, leaders and brokers.

    csv and json list every assigned account with its community (columns account, network,
    handle, name, community); the table, or --summary, describes the communities. --plot draws the
    map of the communities (the most influential members, leaders and brokers marked).
    --engine spark finds them by label propagation on Spark (no --resolution there).
    """
    _check_format(fmt)
    plot = plot_path(plot)
    with open_workspace(db, engine=engine, master=master, remote=remote) as ws, RichProgress(err) as progress:
        if run is None:
            run = ws.communities(
                since=when(since, "--since"), until=when(until, "--until"), networks=networks, kinds=kind,
                resolution=resolution, seed=seed, progress=progress,
            )
        if fmt == "table" or summary:
            report = ws.community_report(run, progress=progress)
        else:
            members = ws.community_members(run)
        community_map = None if plot is None else ws.community_map(run)
    if plot is not None:
        from einfluence.figures import community_map_figure

        save_plot(community_map_figure(community_map), plot)
    if fmt == "table":
        render_communities(report)
        out.print("next: einfluence rank --community N, einfluence brief --community N")
    elif summary and fmt == "json":
        print(json.dumps(report, indent=2, default=str))
    elif summary:
        write_csv(["community", "size", "terms", "leaders"],
                  ([c["community"], c["size"], " ".join(c["terms"]), " ".join(account_reference(r) for r in c["leaders"])]
                   for c in report["communities"]))
    elif fmt == "json":
        print(json.dumps(members.select(["account", "network", "handle", "name", "community"]).to_pylist(), indent=1))
    else:
        write_csv(["account", "network", "handle", "name", "community"],
                  ([row["account"], row["network"], row["handle"] or "", row["name"] or "", row["community"]]
                   for row in members.select(["account", "network", "handle", "name", "community"]).to_pylist()))


@fails_cleanly
def brief(
    db: DbOption = DEFAULT_DB,
    community: Annotated[int | None, typer.Option(help="Target: the members of this community.")] = None,
    topic: Annotated[str | None, typer.Option(help="Target: the audience of this topic (index, name or term).")] = None,
    topic_run: Annotated[
        int | None, typer.Option("--topic-run", help="Topic run giving the topics (the latest by default).")
    ] = None,
    account: Annotated[
        list[str] | None, typer.Option("--account", help="Target: these accounts (source id or @handle; repeat).")
    ] = None,
    shortlist: Annotated[
        str | None, typer.Option("--shortlist", help="Target: the accounts of this saved shortlist (einfluence "
                                                     "shortlist save, or the dashboard).")
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    networks: NetworkOption = None,
    k: Annotated[int, typer.Option("--top", help="Rows per list.", min=1)] = 10,
    as_json: Annotated[bool, typer.Option("--json", metavar="", help="Print JSON instead of tables.")] = False,
) -> None:
    """A content brief for a target audience: topics and terms it relays, what is rising, whom it listens to."""
    with open_workspace(db) as ws:
        # a saved shortlist is resolved by the workspace, as for plan and seeds --target-shortlist
        result = ws.brief(
            community=community, topic=topic, topic_run=topic_run, accounts=account, shortlist=shortlist,
            since=when(since, "--since"), until=when(until, "--until"), networks=networks, k=k,
        )
    if as_json:
        print(json.dumps(result, indent=2, default=str))
        return
    render_brief(result)


def render_brief(b: dict[str, Any]) -> None:
    """Print a content brief."""
    out.print(emphasis(("content brief", "bold"), f" for {b['target']} ({b['n_target']:,} accounts), topic run #{b['topic_run']}"))
    for key, title, columns in (
        ("topics", "topics it reacts to (share of its reactions; lift against everyone)", ("name", "share", "lift")),
        ("terms", "terms it reacts to most", ("term", "count", "share", "lift")),
        ("distinctive_terms", "terms it reacts to more than everyone else", ("term", "count", "lift")),
        ("rising", "new and rising (second part of the window against the first)", ("kind", "label", "before", "after", "growth")),
        ("listened", "accounts it listens to (distinct members reacting)", ("account", "reactors", "reactions")),
    ):
        rows = b.get(key) or []
        if not rows:
            out.print(f"{title}: none")
            continue
        grid = Table(title=title, box=box.SIMPLE)
        for column in columns:
            grid.add_column(column, justify="left" if column in ("name", "term", "account", "kind", "label") else "right")
        for row in rows:
            cells = []
            for column in columns:
                value = account_label(row) if column == "account" else row.get(column)
                cells.append(f"{value:.3g}" if isinstance(value, float) else str(value))
            grid.add_row(*cells)
        out.print(grid)
