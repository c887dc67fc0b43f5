"""Commands for influence scores: ``score``, ``rank``, ``explain``, ``trends``, ``evaluate``,
``calibrate``."""

import json
from typing import Annotated, Any

import typer
from rich import box
from rich.table import Table

from einfluence.base.labels import account_label
from einfluence.base.runs import run_half_lives
from einfluence.cli.common import (
    CalibrationOption,
    DbOption,
    EngineOption,
    FormatOption,
    HalfLifeOption,
    JsonOption,
    MasterOption,
    NetworkOption,
    PlotOption,
    SinceOption,
    SparkRemoteOption,
    TableOrJsonOption,
    UntilOption,
    err,
    fails_cleanly,
    open_workspace,
    out,
    plot_path,
    save_plot,
    when,
)
from einfluence.cli.output import emphasis, sparkline, write_csv
from einfluence.cli.progress import RichProgress
from einfluence.exceptions import InputError
from einfluence.settings import DEFAULT_DB

__all__ = ["calibrate", "evaluate", "explain", "print_ranking", "rank", "render_explanation", "score", "trends"]


def _params(half_life: float | None) -> dict[str, Any]:
    """The score parameters the options set (the workspace fills in the defaults)."""
    return {"half_life_hours": half_life}


def _component_names(columns: list[str]) -> list[str]:
    """The score components of a ranking, in order: the columns that have points."""
    return [c.removesuffix("_points") for c in columns if c.endswith("_points")]


def _shown_rank(rank: int, ranks: list[int]) -> str:
    """``12``, or ``=12`` when another account shares the rank (competition ranking)."""
    return f"={rank}" if ranks.count(rank) > 1 else str(rank)


def print_ranking(table: Any, fmt: str, title: str) -> None:

    rows = table.to_pylist()
    components = _component_names(table.column_names)
    if fmt == "json":
        print(json.dumps(rows, indent=2, default=str))
        return
    if fmt == "csv":
        relevance = "relevance" in table.column_names
        header = ["rank", "account", "network", "handle", "name", "score", "index", *components,
                  *(f"{c}_points" for c in components)]
        write_csv(header + (["relevance"] if relevance else []), (
            [row["rank"], row["account"], row["network"], row["handle"] or "", row.get("name") or "",
             repr(row["score"]), repr(row["index"])]
            + ["" if row[c] is None else repr(row[c]) for c in components]
            + ["" if row[f"{c}_points"] is None else repr(row[f"{c}_points"]) for c in components]
            + ([f"{row['relevance']:.4f}"] if relevance else [])
            for row in rows
        ))
        return
    if fmt != "table":
        raise InputError(f"--format: expected table, csv or json, got {fmt!r}")
    grid = Table(title=title, box=box.SIMPLE)
    relevance = "relevance" in table.column_names
    for column in ("rank", "account", "network", "score", *components, *(["relevance"] if relevance else [])):
        grid.add_column(column, justify="left" if column in ("account", "network") else "right", no_wrap=True)
    ranks = [row["rank"] for row in rows]
    for row in rows:
        grid.add_row(
            _shown_rank(row["rank"], ranks), account_label(row), row["network"], f"{row['score']:.1f}",
            *("-" if row[f"{c}_points"] is None else f"{row[f'{c}_points']:.1f}" for c in components),
            *([f"{row['relevance']:.2f}"] if relevance else []),
        )
    out.print(grid)
    out.print("component columns show the points each component adds to the score (they sum to score - 1); "
              "=N: accounts tied at rank N (same full-precision score), in no particular order")


@fails_cleanly
def score(
    db: DbOption = DEFAULT_DB,
    since: SinceOption = None,
    until: UntilOption = None,
    networks: NetworkOption = None,
    half_life: HalfLifeOption = None,
    label: Annotated[str | None, typer.Option(help="A name for this run.")] = None,
    calibration: CalibrationOption = None,
    as_json: JsonOption = False,
    engine: EngineOption = "local",
    master: MasterOption = None,
    remote: SparkRemoteOption = None,
) -> None:
    """Compute the einfluence score of a time window and store it as a run."""
    with open_workspace(db, engine=engine, master=master, remote=remote) as ws, RichProgress(err) as progress:
        run_id, _ = ws.score(
            since=when(since, "--since"), until=when(until, "--until"), networks=networks,
            params=_params(half_life), label=label, calibration=calibration, progress=progress,
        )
        info = ws.run_info(run_id)
        top = ws.rank(run_id, limit=10)
    summary = {
        "run_id": run_id,
        "n_scored": info["n_scored"],
        "since": info["since"],
        "until": info["until"],
        "networks": info["networks"],
        "available": info["available"],
        "half_life_hours": info["params"]["half_life_hours"],
        **({"clocks": info["params"]["clocks"]} if info["params"].get("clocks") else {}),
        "calibration": info["params"]["request"].get("calibration"),
    }
    if as_json:
        print(json.dumps(summary, indent=2, default=str))
        return
    unavailable = [c for c, ok in info["available"].items() if not ok]
    out.print(
        f"score run #{run_id}: {info['n_scored']:,} active accounts scored; {_half_lives(info['params'])}"
        + (f"; not computable from this data: {', '.join(unavailable)}" if unavailable else "")
    )
    print_ranking(top, "table", f"top 10 of run #{run_id}")


#: the last pairs of windows ``trends`` lists in its table of rank stability
STABILITY_ROWS = 30


def _half_lives(params: dict[str, Any], network: str | None = None) -> str:
    """``half-life 42.1 h``; with networks on clocks of their own, each one's (or ``network``'s)."""
    lives = run_half_lives(params)
    if lives[0][0] is None:
        return f"half-life {lives[0][1]:.1f} h"
    if network is not None:
        lives = [life for life in lives if life[0] == network] or lives
    return "half-life " + ", ".join(f"{name} {half_life:,.1f} h" for name, half_life, _ in lives)


@fails_cleanly
def rank(
    db: DbOption = DEFAULT_DB,
    since: SinceOption = None,
    until: UntilOption = None,
    networks: NetworkOption = None,
    limit: Annotated[int, typer.Option(help="Number of accounts (0 for all).", min=0)] = 20,
    min_score: Annotated[float | None, typer.Option(help="Keep scores at or above this.")] = None,
    min_reactors: Annotated[
        float | None, typer.Option(help="Minimum activity: distinct reactors (time-decayed).")
    ] = None,
    run: Annotated[int | None, typer.Option("--run", help="Show a stored run instead.")] = None,
    half_life: HalfLifeOption = None,
    by: Annotated[str, typer.Option("--by", help="account, or person: a person's accounts across networks combined.")] = "account",
    topic: Annotated[
        str | None,
        typer.Option(help="Rank by influence on this topic (index, name or top term of the latest topic run): "
                          "the score counts only the interactions about it."),
    ] = None,
    topic_run: Annotated[
        int | None, typer.Option("--topic-run", help="Topic run of --topic (the latest by default).")
    ] = None,
    community: Annotated[
        int | None, typer.Option(help="Keep the members of this community (of the window's community run, found or computed).")
    ] = None,
    query: Annotated[
        str | None,
        typer.Option(help="Keep accounts whose texts are relevant to this free-text query, ordered by score x relevance."),
    ] = None,
    brand: Annotated[
        str | None,
        typer.Option(help="Keep accounts that talk about this declared brand (its names, handles, hashtags, "
                          "products), ordered by score x relevance; the brands' own accounts left out."),
    ] = None,
    calibration: CalibrationOption = None,
    fmt: FormatOption = "table",
    plot: PlotOption = None,
    engine: EngineOption = "local",
    master: MasterOption = None,
    remote: SparkRemoteOption = None,
) -> None:
    """Rank accounts (or persons across networks) by einfluence score, computing the run when needed.

    --topic, --community, --query and --brand combine: the on-topic score of the members of a
    community who write about the query.
    """
    if by not in ("account", "person"):
        raise InputError(f"--by: expected account or person, got {by!r}")
    if by == "person" and (topic or community is not None or query or brand):
        raise InputError("--by person does not combine with --topic, --community, --query or --brand")
    window = {"since": when(since, "--since"), "until": when(until, "--until")}
    plot = plot_path(plot)
    # a stored run is only read: other processes may read the file at the same time
    read_only = run is not None and community is None and calibration is None
    with open_workspace(db, read_only=read_only, engine=engine, master=master, remote=remote) as ws, \
            RichProgress(err) as progress:
        if by == "person":
            if run is None:
                run = ws.score_run_for(**window, networks=networks, params=_params(half_life), calibration=calibration,
                                       progress=progress)
            persons = ws.rank_persons(run, limit=limit or None)
        else:
            found = ws.shortlist(
                topic=topic, topic_run=topic_run, community=community, query=query, brand=brand, **window,
                networks=networks, params=_params(half_life), run_id=run, limit=limit or None, min_score=min_score,
                min_reactors=min_reactors, calibration=calibration, progress=progress,
            )
    if by == "person":
        _print_persons(persons, fmt, f"einfluence ranking across networks (run #{run})")
        return
    rows = found["rows"].to_pylist()
    if plot is not None:
        from einfluence.figures import ranking_figure

        save_plot(ranking_figure(rows, top=max(len(rows), 1), title=found["title"]), plot)
    print_ranking(found["rows"], fmt, found["title"])


def _print_persons(rows: list[dict[str, Any]], fmt: str, title: str) -> None:

    if fmt == "json":
        print(json.dumps(rows, indent=2, default=str))
        return
    if fmt == "csv":
        # network:handle-or-id, space-separated: a name (with spaces, not unique) would not split back
        write_csv(["rank", "person", "score", "accounts"],
                  ([row["rank"], row["person"] or "", f"{row['score']:.1f}",
                    " ".join(f"{a['network']}:{a['handle'] or a['account']}" for a in row["accounts"])]
                   for row in rows))
        return
    if fmt != "table":
        raise InputError(f"--format: expected table, csv or json, got {fmt!r}")
    grid = Table(title=title, box=box.SIMPLE)
    for column in ("rank", "person", "score", "accounts (network:account)"):
        grid.add_column(column, justify="right" if column in ("rank", "score") else "left")
    for row in rows:
        grid.add_row(str(row["rank"]), row["person"] or "-", f"{row['score']:.1f}",
                     ", ".join(f"{a['network']}:{account_label(a)}" for a in row["accounts"]))
    out.print(grid)


def render_explanation(e: dict[str, Any]) -> None:
    scored = e["scored"]
    who = account_label(e)
    run = e["run"]
    window = f"{run['since'] or 'start'} → {run['until'] or 'end'}"
    if scored is None:
        out.print(f"{who} ({e['network']}) had no activity in run #{run['run_id']} ({window}): no score")
        return
    decay = _half_lives(e["params"], e["network"]) if e["available"].get("momentum") else "no times: no decay"
    out.print(emphasis(
        (who, "bold"), f" ({e['network']}, id {e['account']}): score ", (f"{scored['score']:.1f}", "bold"),
        f", rank {scored['rank']:,} of {e['n_scored']:,} — run #{run['run_id']}, window {window}, {decay}",
    ))
    table = Table(title="components", box=box.SIMPLE)
    for column in ("component", "value", "scale", "weight", "points"):
        table.add_column(column, justify="left" if column == "component" else "right")
    for name in e["params"]["weights"]:
        if not e["available"].get(name):
            table.add_row(name, "not computable from this data", "", "", "")
            continue
        value = scored[name]
        table.add_row(
            name, "-" if value is None else f"{value:.4g}", "-" if e["scales"].get(name) is None else f"{e['scales'][name]:.3g}",
            f"{e['params']['weights'][name]:g}", "-" if scored[f"{name}_points"] is None else f"{scored[f'{name}_points']:.1f}",
        )
    out.print(table)
    if e["top_reactors"]:
        reactors = Table(title="top reactors", box=box.SIMPLE)
        for column in ("account", "reactions", "kinds", "last"):
            reactors.add_column(column)
        for r in e["top_reactors"]:
            reactors.add_row(account_label(r), str(r["reactions"]), r["kinds"], str(r["last"])[:16])
        out.print(reactors)
    if e["top_posts"]:
        posts = Table(title="most relayed posts", box=box.SIMPLE)
        for column in ("post", "time", "reactions", "reactors", "text"):
            posts.add_column(column, overflow="ellipsis", no_wrap=column == "text", max_width=50 if column == "text" else None)
        for p in e["top_posts"]:
            posts.add_row(p["post"], str(p["created_at"])[:16], str(p["reactions"]), str(p["reactors"]), (p["text"] or "").replace("\n", " "))
        out.print(posts)
    days = e["daily_reactions"]
    if days:
        out.print(f"trend (reactions per day) {days[0][0]} {sparkline([d[1] for d in days])} {days[-1][0]}")
    if e["history"]:
        out.print("score history: " + " ".join(f"{h['score']:.0f}" for h in e["history"]))


@fails_cleanly
def explain(
    account: Annotated[str, typer.Argument(help="Source id or @handle of the account.")],
    db: DbOption = DEFAULT_DB,
    networks: Annotated[
        list[str] | None, typer.Option("--network", help="Network of the account, when its name is ambiguous.")
    ] = None,
    run: Annotated[int | None, typer.Option("--run", help="Score run (the latest by default).")] = None,
    calibration: CalibrationOption = None,
    as_json: JsonOption = False,
    plot: PlotOption = None,
) -> None:
    """Explain an account's score: components, top reactors, most relayed posts and trend."""
    plot = plot_path(plot)
    with open_workspace(db, read_only=calibration is None) as ws:
        explanation = ws.explain(account, networks=networks, run_id=run, calibration=calibration)
    if plot is not None:
        from einfluence.figures import explanation_figure

        save_plot(explanation_figure(explanation), plot)
    if as_json:
        print(json.dumps(explanation, indent=2, default=str))
    else:
        render_explanation(explanation)


@fails_cleanly
def trends(
    db: DbOption = DEFAULT_DB,
    width: Annotated[float, typer.Option("--width", help="Window width in hours.", min=0.01)] = 24.0,
    step: Annotated[float | None, typer.Option("--step", help="Step between windows in hours (default: the width).")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    networks: NetworkOption = None,
    top: Annotated[int, typer.Option(help="Accounts shown per list, and k of the top-k overlap.", min=1)] = 10,
    burst_quantile: Annotated[
        float, typer.Option(help="A burst reaches this quantile of the distinct reactors of all account-windows.", min=0.5, max=1.0)
    ] = 0.99,
    as_json: JsonOption = False,
    plot: PlotOption = None,
) -> None:
    """Influence over time: rolling-window scores (stored as history), stability, risers, faders, one-day influencers."""
    plot = plot_path(plot)
    with open_workspace(db) as ws, RichProgress(err) as progress:
        result = ws.history(
            width_hours=width, step_hours=step, since=when(since, "--since"), until=when(until, "--until"),
            networks=networks, top=top, burst_quantile=burst_quantile, progress=progress,
        )
    if plot is not None:
        from einfluence.figures import trends_figure

        save_plot(trends_figure(result), plot)
    if as_json:
        print(json.dumps(result, indent=2, default=str))
        return
    out.print(f"history group {result['group']}: {len(result['windows'])} windows of {width:g} h stored as score runs")
    grid = Table(title="rank stability between consecutive windows", box=box.SIMPLE)
    for column in ("window end", "next end", "kendall τ", f"top-{top} overlap", "accounts in both"):
        grid.add_column(column, justify="right")
    # pairs of windows that share fewer than two accounts have no rank to compare: counted, not listed
    comparable = [row for row in result["stability"] if row["n_common"] >= 2]
    shown = comparable[-STABILITY_ROWS:]
    for row in shown:
        grid.add_row(
            str(row["from"])[:16], str(row["to"])[:16], f"{row['kendall']:.2f}",
            "-" if row[f"overlap@{top}"] != row[f"overlap@{top}"] else f"{row[f'overlap@{top}']:.0f}", f"{row['n_common']:,}",
        )
    out.print(grid)
    hidden = len(result["stability"]) - len(shown)
    if hidden:
        out.print(f"{len(comparable) - len(shown):,} earlier pairs not shown, {len(result['stability']) - len(comparable):,} "
                  "pairs sharing fewer than two accounts left out (--json lists every pair)")
    for key, title in (("rising", "rising accounts"), ("fading", "fading accounts")):
        if not result[key]:
            out.print(f"{title}: none")
            continue
        table = Table(title=title, box=box.SIMPLE)
        for column in ("account", "network", "first", "last", "change", "per day"):
            table.add_column(column, justify="left" if column in ("account", "network") else "right")
        for r in result[key]:
            table.add_row(account_label(r), r["network"], f"{r['first']:.0f}",
                          f"{r['last']:.0f}", f"{r['change']:+.0f}", f"{r['slope_per_day']:+.1f}")
        out.print(table)
    if result["one_window_influencers"]:
        table = Table(title="one-window influencers (a burst that did not last)", box=box.SIMPLE)
        for column in ("account", "network", "window from", "reactors", "usually", "score"):
            table.add_column(column, justify="left" if column in ("account", "network", "window from") else "right")
        for r in result["one_window_influencers"]:
            table.add_row(account_label(r), r["network"], str(r["window"])[:16],
                          f"{r['reactors']:.0f}", f"{r['usual_reactors']:.0f}", f"{r['score']:.0f}")
        out.print(table)
    else:
        out.print("one-window influencers: none")


@fails_cleanly
def evaluate(
    split: Annotated[str, typer.Option("--split", help="Measures use events before it; targets those after (ISO 8601).")],
    db: DbOption = DEFAULT_DB,
    since: SinceOption = None,
    until: UntilOption = None,
    networks: NetworkOption = None,
    half_life: HalfLifeOption = None,
    by_topic: Annotated[
        bool,
        typer.Option("--by-topic", metavar="", help="Evaluate per-topic rankings on later on-topic relays instead."),
    ] = False,
    topic_run: Annotated[
        int | None, typer.Option("--topic-run", help="Topic run of --by-topic (the latest by default).")
    ] = None,
    calibrate: Annotated[
        bool, typer.Option("--calibrate/--no-calibrate",
                           help="Also calibrate the score on the events before --split and evaluate it.")
    ] = True,
    fmt: TableOrJsonOption = "table",
) -> None:
    """How well each measure and the einfluence score, computed before --split, predict amplification after it."""
    with open_workspace(db, read_only=True) as ws, RichProgress(err) as progress:
        kwargs = {"since": when(since, "--since"), "until": when(until, "--until"), "networks": networks,
                  "params": _params(half_life), "progress": progress}
        if by_topic:
            report = ws.evaluate_topics(when(split, "--split"), topic_run=topic_run, **kwargs)
        else:
            report = ws.evaluate(when(split, "--split"), calibrate=calibrate, **kwargs)
    if fmt == "json":
        print(json.dumps(report.to_dict(), indent=2))
        return
    if by_topic:
        _render_topic_evaluation(report, split)
        return
    out.print(
        f"population: {report.n_population:,} accounts active before {split}; "
        + ", ".join(f"{n:,} with {t.replace('_', ' ')} > 0" for t, n in report.n_positive.items())
    )
    for target, table in report.tables.items():
        grid = Table(title=f"predicting {target.replace('_', ' ')}", box=box.SIMPLE)
        columns = ["measure", "spearman", "kendall", *(f"overlap@{k}" for k in table.ks), *(f"ndcg@{k}" for k in table.ks)]
        for column in columns:
            grid.add_column(column, justify="left" if column == "measure" else "right")
        for record in table.to_records():
            grid.add_row(
                record["name"],
                *("-" if record[c] is None else (f"{record[c]:.0f}" if c.startswith("overlap") else f"{record[c]:.3f}") for c in columns[1:]),
            )
        out.print(grid)
    if report.unavailable:
        out.print("not computable from this data: " + ", ".join(report.unavailable))
    if report.calibration is not None:
        _render_calibration(report.calibration.to_dict(), f"calibration on the events before {split}")
    corr = report.correlations
    grid = Table(title="rank correlations between the measures (Spearman; columns numbered as the rows)",
                 box=box.SIMPLE)
    grid.add_column("measure")
    for i in range(1, len(corr.names) + 1):
        grid.add_column(str(i), justify="right")
    for i, (name, row) in enumerate(zip(corr.names, corr.matrix, strict=True), start=1):
        grid.add_row(f"{i:>2} {name}", *("-" if v != v else f"{v:.2f}" for v in row))
    out.print(grid)


def _render_calibration(result: dict[str, Any], title: str) -> None:
    """The weights a calibration chose, its folds and the out-of-sample figures of each predictor."""
    from datetime import UTC, datetime

    def at(us: int) -> str:
        return datetime.fromtimestamp(us / 1e6, UTC).strftime("%Y-%m-%d %H:%M")

    def figure(row: dict[str, Any], metric: str, digits: int) -> str:
        mean, sd = row.get(f"{metric}_mean"), row.get(f"{metric}_sd")
        if mean is None:
            return "-"
        return f"{mean:.{digits}f}" + ("" if sd is None else f" ± {sd:.{digits}f}")

    k = result["params"]["k"]
    out.print(emphasis((title, "bold"), ": ", result["fallback"] or
                       f"calibrated weights used; half-life {result['half_life_fraction']:g} of the window's span"))
    weights = Table(title="weights (default → calibrated)", box=box.SIMPLE)
    for column in ("input", "default", "calibrated"):
        weights.add_column(column, justify="left" if column == "input" else "right")
    for name, weight in result["weights"].items():
        weights.add_row(name, f"{result['default_weights'][name]:g}", f"{weight:.3g}")
    out.print(weights)
    folds = Table(title="rolling origins (calibrated: fitted on the folds before; ρ / overlap@" + str(k) + ")",
                  box=box.SIMPLE)
    for column in ("cut", "until", "accounts", "with target", "fitted on", "calibrated", "default"):
        folds.add_column(column, justify="right")
    for fold in result["folds"]:
        m = fold["metrics"]

        def pair(name: str, m: dict[str, Any] = m) -> str:
            if name not in m or m[name]["spearman"] is None:
                return "-"
            return f"{m[name]['spearman']:.3f} / {m[name]['overlap']:.0f}"

        folds.add_row(at(fold["cut_us"]), at(fold["end_us"]), f"{fold['n_population']:,}", f"{fold['n_positive']:,}",
                      str(fold["trained_on"]) if fold["usable"] else "unusable", pair("calibrated"), pair("default"))
    out.print(folds)
    if result["out_of_sample"]:
        oos = Table(title="out of sample, mean ± sd over folds", box=box.SIMPLE)
        for column in ("predictor", "spearman", f"overlap@{k}", "folds"):
            oos.add_column(column, justify="left" if column == "predictor" else "right")
        for name, row in sorted(result["out_of_sample"].items(),
                                key=lambda item: -(item[1]["spearman_mean"] if item[1]["spearman_mean"] is not None else -9)):
            oos.add_row(name, figure(row, "spearman", 3), figure(row, "overlap", 1), f"{row['n_folds']:.0f}")
        out.print(oos)


@fails_cleanly
def calibrate(
    db: DbOption = DEFAULT_DB,
    since: SinceOption = None,
    until: UntilOption = None,
    networks: NetworkOption = None,
    n_folds: Annotated[int, typer.Option("--folds", help="Cut points (rolling origins) inside the window.")] = 4,
    k: Annotated[int, typer.Option("--k", help="The k of the top-k overlap the calibration aims at.")] = 100,
    regularisation: Annotated[
        float, typer.Option(help="Pull towards the default weights (0: the data alone decides).")
    ] = 0.02,
    inputs: Annotated[
        str | None, typer.Option(help="Candidate inputs, comma-separated (default: the five components, "
                                      "activity, k_core, ip_influence).")
    ] = None,
    measures: Annotated[
        bool, typer.Option("--measures", metavar="", help="Also judge every single measure on each fold.")
    ] = False,
    label: Annotated[str | None, typer.Option(help="A name for this calibration.")] = None,
    fmt: TableOrJsonOption = "table",
) -> None:
    """Learn the score's weights and half-life from this data's own history (rolling-origin backtests); store them.

    rank, score and explain then use them with --calibration latest.
    """
    params = {"n_folds": n_folds, "k": k, "regularisation": regularisation,
              "inputs": None if inputs is None else [part.strip() for part in inputs.split(",") if part.strip()]}
    with open_workspace(db) as ws, RichProgress(err) as progress:
        calibration_id, result = ws.calibrate(
            since=when(since, "--since"), until=when(until, "--until"), networks=networks, params=params,
            measures=measures, label=label, progress=progress,
        )
    summary = {"calibration_id": calibration_id, **result.to_dict()}
    if fmt == "json":
        print(json.dumps(summary, indent=2, default=str))
        return
    _render_calibration(summary, f"calibration #{calibration_id}")
    out.print(emphasis("next: ", (f"einfluence rank --calibration latest --db {db}", "bold")))


def _render_topic_evaluation(report: Any, split: str) -> None:
    data = report.to_dict()
    out.print(
        f"per-topic evaluation: {data['n_population']:,} accounts active before {split}; target: "
        f"{data['target'].replace('_', ' ')} of on-topic content after it"
    )
    metrics = ["spearman", *(f"overlap@{k}" for k in data["ks"]), *(f"ndcg@{k}" for k in data["ks"])]
    grid = Table(title="macro average over topics", box=box.SIMPLE)
    for column in ("predictor", *metrics):
        grid.add_column(column, justify="left" if column == "predictor" else "right")
    for name, values in data["macro"].items():
        grid.add_row(name, *("-" if values.get(m) is None else f"{values[m]:.3f}" for m in metrics))
    out.print(grid)
    grid = Table(title="Spearman ρ per topic", box=box.SIMPLE)
    predictors = list(data["macro"])
    for column in ("topic", "later positive", *predictors):
        grid.add_column(column, justify="left" if column == "topic" else "right")
    for topic in data["topics"]:
        rows = {r["name"]: r for r in topic["table"]["rows"]} if "rows" in topic["table"] else {}
        grid.add_row(
            f"{topic['topic']}: {topic['name'][:30]}", f"{topic['n_positive']:,}",
            *("-" if rows.get(p, {}).get("spearman") is None else f"{rows[p]['spearman']:.3f}" for p in predictors),
        )
    out.print(grid)
