"""Commands about opinion dynamics: ``opinion settle``, ``opinion tipping``, ``opinion convert``."""


import json
from typing import Annotated, Any

import typer
from rich import box
from rich.table import Table

from einfluence.base.labels import account_label
from einfluence.cli.common import (
    DbOption,
    NetworkOption,
    PlotOption,
    SinceOption,
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
from einfluence.cli.output import emphasis
from einfluence.cli.progress import RichProgress
from einfluence.settings import DEFAULT_DB

__all__ = ["demo_tipping", "opinion_app", "render_convert", "render_demo_tipping", "render_settle", "render_tipping"]

opinion_app = typer.Typer(
    help="Opinion dynamics: where perception of a brand settles, how many advocates tip a community, whom to convert.",
    no_args_is_help=True,
)

BrandArgument = Annotated[
    str | None, typer.Argument(help="The brand (default: the first declared brand that is not a competitor).")
]
KindOption = Annotated[
    list[str] | None, typer.Option("--kind", help="Interaction kinds of who listens to whom (repeat; default all).")
]
CommunityRunOption = Annotated[
    int | None, typer.Option("--community-run", help="Community run (default: the window's, found or computed).")
]
SeedOption = Annotated[int, typer.Option("--seed", help="Random seed.", min=0)]


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f} %"


def _where(c: int | None) -> str:
    return "everyone" if c is None else f"community {c}"


def render_tipping(result: dict[str, Any]) -> None:
    """Print a tipping point (and those of the communities)."""
    side = "advocates" if result["side"] == "a" else "detractors"
    about = f"{result['brand']}: " if result["brand"] else ""
    out.print(emphasis((f"{about}tipping point", "bold"),
                       f" ({result['model']}, {result['horizon']} sweeps, {result['n_runs']} runs per share, "
                       f"{side} chosen {result['choose']}, undecided {result['undecided']})"))
    grid = Table(box=box.SIMPLE)
    for column in ("population", "accounts", "committed for", "against", "critical share", "95 % interval",
                   "converts"):
        grid.add_column(column, justify="left" if column == "population" else "right", no_wrap=True)
    for r in [result, *result.get("communities", [])]:
        shown = ("not within " + _pct(r["low"]) if r["critical_fraction"] is None else _pct(r["critical_fraction"]))
        interval = "-" if r["critical_fraction"] is None else f"{_pct(r['low'])} – {_pct(r['high'])}"
        grid.add_row(_where(r["community"]), f"{r['n_nodes']:,}", f"{r['committed_for']:,}",
                     f"{r['committed_against']:,}", shown, interval,
                     "-" if r["critical_count"] is None else f"{r['critical_count']:,}")
    out.print(grid)
    if result.get("accounts"):
        names = ", ".join(account_label(a) for a in result["accounts"][:20])
        more = len(result["accounts"]) - 20
        out.print(f"converting these {len(result['accounts'])} accounts tips {_where(result['community'])}: {names}"
                  + (f" and {more} more" if more > 0 else ""))
    out.print("critical share: the share of the population converted at which its majority flips to the "
              "converts' opinion within the horizon in half the runs")


@opinion_app.command("tipping")
@fails_cleanly
def tipping(
    brand: BrandArgument = None,
    db: DbOption = DEFAULT_DB,
    model: Annotated[str, typer.Option("--model", help="naming-game, voter, q-voter or majority.")] = "naming-game",
    community: Annotated[int | None, typer.Option(help="Only the members of this community.")] = None,
    by_community: Annotated[bool, typer.Option("--by-community", metavar="",
                                               help="Also the largest communities, one by one.")] = False,
    n_communities: Annotated[int, typer.Option("--communities", help="Communities with --by-community.", min=1)] = 5,
    community_run: CommunityRunOption = None,
    detractors: Annotated[bool, typer.Option("--detractors", metavar="",
                                             help="The counter-case: how many detractors sink it.")] = False,
    choose: Annotated[str, typer.Option(help="random (drawn in each run) or listened (most listened-to first: "
                                             "lists the accounts).")] = "random",
    undecided: Annotated[str, typer.Option(help="What accounts without a clear opinion hold: resist, split or mixed.")] = "resist",
    max_share: Annotated[float, typer.Option("--max-share", help="Largest share converted.", min=0.001, max=1.0)] = 0.3,
    runs: Annotated[int, typer.Option("--runs", help="Runs per tested share.", min=1)] = 40,
    horizon: Annotated[int, typer.Option(help="Sweeps (each account updates once per sweep on average).", min=1)] = 100,
    q: Annotated[int, typer.Option("--q", help="q-voter: sources that must agree.", min=1)] = 2,
    kind: KindOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    networks: NetworkOption = None,
    seed: SeedOption = 0,
    fmt: TableOrJsonOption = "table",
    plot: PlotOption = None,
) -> None:
    """The tipping point: the smallest share of converts that flips the majority within a horizon."""
    plot = plot_path(plot)
    with open_workspace(db) as ws, RichProgress(err) as progress:
        result = ws.opinion_tipping(
            brand, model=model, community=community, by_community=by_community, n_communities=n_communities,
            community_run=community_run, side="b" if detractors else "a", choose=choose, undecided=undecided,
            max_share=max_share, n_runs=runs, horizon=horizon, q=q, kinds=kind, since=when(since, "--since"),
            until=when(until, "--until"), networks=networks, random_state=seed, progress=progress,
        )
    if plot is not None:
        from einfluence.figures import tipping_figure

        save_plot(tipping_figure(result), plot)
    if fmt == "json":
        print(json.dumps(result, indent=2, default=str))
    else:
        render_tipping(result)


def render_settle(result: dict[str, Any]) -> None:
    """Print where perception settles, per community and scenario."""
    about = f"{result['brand']}" if result["brand"] else "no brand declared: every opinion neutral"
    model = {"fj": f"Friedkin-Johnsen, susceptibility {result['susceptibility']}", "degroot": "DeGroot",
             "hk": f"Hegselmann-Krause, ε {result['epsilon']}"}[result["model"]]
    out.print(emphasis(("where perception settles", "bold"), f": {about} ({model})"))
    for name, rows in result["scenarios"].items():
        title = name if name != "converted" else f"if {len(result['converted'])} accounts become advocates"
        grid = Table(title=title, box=box.SIMPLE)
        columns = ["population", "accounts", "opinions known", "now", "settled", "95 % interval", "favourable now",
                   "favourable settled"]
        if result["model"] == "hk":
            columns.append("clusters")
        for column in columns:
            grid.add_column(column, justify="left" if column == "population" else "right", no_wrap=True)
        for r in rows:
            ci = r["settled_ci95"]
            cells = [_where(r["community"]), f"{r['accounts']:,}", f"{r['known']:,}", f"{r['now']:+.3f}",
                     f"{r['settled']:+.3f}", "-" if ci is None else f"{ci[0]:+.3f} – {ci[1]:+.3f}",
                     _pct(r["favourable_now"]), _pct(r["favourable_settled"])]
            if result["model"] == "hk":
                cells.append(" ".join(f"{c['opinion']:+.2f}×{c['accounts']}" for c in r["clusters"]))
            grid.add_row(*cells)
        out.print(grid)
    out.print("opinion: mean sentiment towards the brand in [-1, 1] (0 when unknown); favourable: above +0.05")


@opinion_app.command("settle")
@fails_cleanly
def settle(
    brand: BrandArgument = None,
    db: DbOption = DEFAULT_DB,
    model: Annotated[str, typer.Option("--model", help="fj (Friedkin-Johnsen), degroot or hk (Hegselmann-Krause).")] = "fj",
    convert: Annotated[list[str] | None, typer.Option("--convert", help="This account becomes an advocate (repeat).")] = None,
    susceptibility: Annotated[float, typer.Option(help="fj: weight of the others' opinions, in [0, 1].",
                                                  min=0.0, max=1.0)] = 0.5,
    epsilon: Annotated[float, typer.Option(help="hk: confidence bound.", min=0.0)] = 0.3,
    steps: Annotated[int, typer.Option(help="degroot and hk: rounds.", min=1)] = 100,
    n_communities: Annotated[int, typer.Option("--communities", help="Largest communities shown (0: none).", min=0)] = 10,
    community_run: CommunityRunOption = None,
    kind: KindOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    networks: NetworkOption = None,
    fmt: TableOrJsonOption = "table",
) -> None:
    """Where perception settles per community if nothing is done, and if these accounts become advocates."""
    with open_workspace(db) as ws, RichProgress(err) as progress:
        ids = None if not convert else ws.account_ids(convert, networks=networks, parameter="convert").tolist()
        result = ws.opinion_settle(
            brand, model=model, convert=ids, susceptibility=susceptibility, epsilon=epsilon, n_steps=steps,
            by_community=n_communities > 0, n_communities=n_communities, community_run=community_run, kinds=kind,
            since=when(since, "--since"), until=when(until, "--until"), networks=networks, progress=progress,
        )
    if fmt == "json":
        print(json.dumps(result, indent=2, default=str))
    else:
        render_settle(result)


def render_convert(result: dict[str, Any]) -> None:
    """Print the greedy advocates beside the top-scored influencers."""
    about = f"{result['brand']}: " if result["brand"] else ""
    out.print(emphasis((f"{about}whom to convert", "bold"),
                       f" ({result['k']} advocates for {_where(result['community'])}, {result['target_size']:,} "
                       f"accounts; Friedkin-Johnsen, susceptibility {result['susceptibility']})"))
    grid = Table(box=box.SIMPLE)
    for column in ("plan", "mean opinion", "gain"):
        grid.add_column(column, justify="left" if column == "plan" else "right")
    grid.add_row("nothing done", f"{result['nothing_done']:+.4f}", "-")
    grid.add_row("greedy (lazy, ≥ 1 − 1/e of the best)", f"{result['greedy']['mean']:+.4f}",
                 f"{result['greedy']['gain']:+.4f}")
    grid.add_row("top-scored influencers", f"{result['top_scored']['mean']:+.4f}", f"{result['top_scored']['gain']:+.4f}")
    out.print(grid)
    grid = Table(title="the greedy advocates", box=box.SIMPLE)
    for column in ("#", "account", "network", "marginal gain", "einfluence score"):
        grid.add_column(column, justify="left" if column in ("account", "network") else "right")
    for i, a in enumerate(result["greedy"]["accounts"], start=1):
        grid.add_row(str(i), account_label(a), a["network"], f"{a['gain']:+.4f}", f"{a['score']:.1f}")
    out.print(grid)


@opinion_app.command("convert")
@fails_cleanly
def convert(
    brand: BrandArgument = None,
    db: DbOption = DEFAULT_DB,
    k: Annotated[int, typer.Option("--k", help="Advocates to choose.", min=1)] = 10,
    community: Annotated[int | None, typer.Option(help="Raise this community's mean opinion (default everyone's).")] = None,
    community_run: CommunityRunOption = None,
    susceptibility: Annotated[float, typer.Option(help="Weight of the others' opinions, in [0, 1].",
                                                  min=0.0, max=1.0)] = 0.5,
    kind: KindOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    networks: NetworkOption = None,
    fmt: TableOrJsonOption = "table",
) -> None:
    """Whom to convert: the advocates that raise the target's mean opinion most, against the top-scored influencers."""
    with open_workspace(db) as ws, RichProgress(err) as progress:
        result = ws.opinion_convert(
            brand, k=k, community=community, community_run=community_run, susceptibility=susceptibility,
            kinds=kind, since=when(since, "--since"), until=when(until, "--until"), networks=networks,
            progress=progress,
        )
    if fmt == "json":
        print(json.dumps(result, indent=2, default=str))
    else:
        render_convert(result)


def demo_tipping(ws: Any, progress: Any = None) -> dict[str, Any]:
    """The demo's tipping points: every large community with converts drawn at random (the naming
    game's own question), then, for the community that tips with the fewest, the most listened-to
    members whose conversion tips it (lighter settings than the command's defaults)."""
    light = {"n_runs": 16, "horizon": 60, "max_share": 0.2, "coarse": 8, "fine": 4}
    every = ws.opinion_tipping(by_community=True, n_communities=6, progress=progress, **light)
    tipping = [c for c in every["communities"] if c["critical_fraction"]]
    first = min(tipping, key=lambda c: c["critical_fraction"], default=None)
    listened = None
    if first is not None:
        listened = ws.opinion_tipping(community=first["community"], choose="listened", progress=progress, **light)
    return {"random": every, "listened": listened}


def render_demo_tipping(result: dict[str, Any]) -> None:
    """Print the demo's tipping points."""
    render_tipping(result["random"])
    listened = result["listened"]
    if listened is None:
        return
    c = next(r for r in result["random"]["communities"] if r["community"] == listened["community"])
    out.print(
        f"community {c['community']} is divided ({_pct(c['share_for_at_start'])} favourable at the start): it tips "
        f"once {_pct(c['critical_fraction'])} of its members are recruited at random ({c['critical_count']} accounts)"
    )
    if listened.get("accounts"):
        names = ", ".join(account_label(a) for a in listened["accounts"][:10])
        out.print(f"or once its {len(listened['accounts'])} most listened-to members are: {names}")
