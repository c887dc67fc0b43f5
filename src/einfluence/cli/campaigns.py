"""Commands for campaigns: ``seeds``, ``simulate``, ``plan``."""


import csv
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich import box
from rich.table import Table

from einfluence.base.labels import account_label
from einfluence.cli.common import (
    DbOption,
    EngineOption,
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
from einfluence.cli.output import emphasis
from einfluence.cli.progress import RichProgress
from einfluence.exceptions import InputError
from einfluence.settings import DEFAULT_DB

if TYPE_CHECKING:
    from einfluence.workspace import Workspace

__all__ = ["plan", "read_account_values", "render_plan", "seeds", "simulate"]

ModelOption = Annotated[str, typer.Option("--model", help="Diffusion model: ic (independent cascade) or lt (linear threshold).")]
ProbabilitiesOption = Annotated[
    str,
    typer.Option(
        "--probabilities",
        help="Arc probabilities: stored (the imported weights), wc (1/in-degree), trivalency, "
             "constant:P, learned (from the cascades, Goyal et al.) or em (Saito et al.).",
    ),
]
KindOption = Annotated[
    list[str] | None,
    typer.Option("--kind", help="Interaction kinds forming the influence graph (repeat; default follows, else reactions)."),
]
SeedOption = Annotated[int, typer.Option("--seed", help="Random seed.", min=0)]


def read_account_values(path: Path, what: str, *, value_required: bool) -> list[tuple[str, float | None]]:
    """Rows ``account[,value]`` of a CSV or text file (an optional header row is skipped).

    Errors name the file and the line.
    """
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    rows: list[tuple[str, float | None]] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.reader(handle), start=1):
            cells = [c.strip() for c in row]
            if not cells or not cells[0] or cells[0].startswith("#"):
                continue  # blank lines and comments
            if number == 1 and cells[0].lower() in ("account", "id", "account_id", "handle"):
                continue
            if len(cells) > 2 or (value_required and len(cells) < 2):
                raise InputError(f"{path}, line {number}: expected 'account,{what}'")
            value = None
            if len(cells) == 2:
                try:
                    value = float(cells[1])
                except ValueError:
                    raise InputError(f"{path}, line {number}, field {what}: not a number: {cells[1]!r}") from None
                if not value >= 0:
                    raise InputError(f"{path}, line {number}, field {what}: must be >= 0, got {cells[1]}")
            rows.append((cells[0], value))
    if not rows:
        raise InputError(f"{path}: no account listed")
    return rows


TargetShortlistOption = Annotated[
    str | None, typer.Option("--target-shortlist", help="Target: the accounts of this saved shortlist.")]


def _target(ws: "Workspace", path: Path | None, networks: list[str] | None, shortlist: str | None = None) -> Any:
    if shortlist is not None:
        if path is not None:
            raise InputError("choose one target: --target or --target-shortlist")
        return ws.shortlist_target(shortlist)[0]
    if path is None:
        return None
    rows = read_account_values(path, "weight", value_required=False)
    return ws.account_weights([a for a, _ in rows], [w for _, w in rows], networks=networks, parameter="target")


def _costs(ws: "Workspace", path: Path | None, networks: list[str] | None) -> dict[int, float] | None:
    if path is None:
        return None
    rows = read_account_values(path, "cost", value_required=True)
    ids = ws.account_ids([a for a, _ in rows], networks=networks, parameter="costs")
    return {int(i): float(c) for i, (_, c) in zip(ids, rows, strict=True)}  # type: ignore[arg-type]


@fails_cleanly
def seeds(
    db: DbOption = DEFAULT_DB,
    k: Annotated[int, typer.Option("--k", help="Number of seeds.", min=1)] = 10,
    epsilon: Annotated[float, typer.Option("--epsilon", help="IMM accuracy ε: spread ≥ (1 - 1/e - ε) OPT.")] = 0.1,
    ell: Annotated[float, typer.Option("--ell", help="IMM confidence ℓ: the bound holds with probability 1 - n^-ℓ.")] = 1.0,
    model: ModelOption = "ic",
    probabilities: ProbabilitiesOption = "wc",
    kind: KindOption = None,
    target: Annotated[
        Path | None, typer.Option(help="Target audience: a file of accounts, one per line, optionally 'account,weight'.")
    ] = None,
    budget: Annotated[float | None, typer.Option(help="Budget: the seeds' costs must fit in it (then --k is not used).")] = None,
    costs: Annotated[
        Path | None, typer.Option(help="Price list 'account,cost' (others: 50 + 10 per thousand followers).")
    ] = None,
    target_shortlist: TargetShortlistOption = None,
    exclude: Annotated[list[str] | None, typer.Option(help="Never choose this account (repeat).")] = None,
    include: Annotated[list[str] | None, typer.Option(help="Always choose this account first (repeat).")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    networks: NetworkOption = None,
    seed: SeedOption = 0,
    fmt: TableOrJsonOption = "table",
) -> None:
    """Choose the k seeds of largest expected spread (IMM, Tang et al. 2015), targeted or under a budget."""
    with open_workspace(db) as ws, RichProgress(err) as progress:
        result = ws.select_seeds(
            k, epsilon=epsilon, ell=ell, model=model, probabilities=probabilities, kinds=kind,
            target=_target(ws, target, networks, target_shortlist), budget=budget,
            costs=None if costs is None else ws.costs(ws.n_accounts(), price_list=_costs(ws, costs, networks)),
            exclude=None if not exclude else ws.account_ids(exclude, networks=networks, parameter="exclude").tolist(),
            include=None if not include else ws.account_ids(include, networks=networks, parameter="include").tolist(),
            since=when(since, "--since"), until=when(until, "--until"), networks=networks,
            random_state=seed, progress=progress,
        )
    if fmt == "json":
        print(json.dumps(result, indent=2, default=str))
        return
    out.print(
        f"{len(result['seeds'])} seeds by {result['method']} ({result['model']}, {result['graph']['probabilities']}): "
        f"expected spread {result['expected_spread']:,.1f}, {result['rr_sets']:,} RR sets, "
        f"guarantee {result['approximation']:.3f} × optimum (ε {result['epsilon']}, ℓ {result['ell']}), "
        f"{result['seconds']:.2f} s; stored as plan #{result['plan_id']}"
    )
    grid = Table(box=box.SIMPLE)
    for column in ("#", "account", "network", "marginal reach", *(["cost"] if budget is not None else [])):
        grid.add_column(column, justify="left" if column in ("account", "network") else "right")
    for i, s in enumerate(result["seed_accounts"], start=1):
        grid.add_row(str(i), account_label(s), s["network"],
                     f"{s['marginal']:,.1f}", *([f"{s['cost']:,.2f}"] if budget is not None else []))
    out.print(grid)


@fails_cleanly
def simulate(
    accounts: Annotated[list[str], typer.Argument(help="The seed accounts (source ids or @handles).")],
    db: DbOption = DEFAULT_DB,
    model: ModelOption = "ic",
    probabilities: ProbabilitiesOption = "wc",
    kind: KindOption = None,
    target: Annotated[Path | None, typer.Option(help="Target audience file (accounts, optionally 'account,weight').")] = None,
    n_simulations: Annotated[int, typer.Option("--simulations", help="Monte-Carlo simulations.", min=1)] = 10_000,
    since: SinceOption = None,
    until: UntilOption = None,
    networks: NetworkOption = None,
    seed: SeedOption = 0,
    fmt: TableOrJsonOption = "table",
    plot: PlotOption = None,
    engine: EngineOption = "local",
    master: MasterOption = None,
    remote: SparkRemoteOption = None,
) -> None:
    """Simulate a given seed set: expected spread with its 95 % interval, reach in the target, depth.

    --engine spark runs the simulations on Spark's executors (the same numbers as locally).
    """
    plot = plot_path(plot)
    with open_workspace(db, engine=engine, master=master, remote=remote) as ws, RichProgress(err) as progress:
        ids = ws.account_ids(accounts, networks=networks, parameter="accounts")
        result = ws.simulate_seeds(
            ids, model=model, probabilities=probabilities, kinds=kind, target=_target(ws, target, networks),
            n_simulations=n_simulations, since=when(since, "--since"), until=when(until, "--until"),
            networks=networks, random_state=seed, progress=progress,
        )
    if plot is not None:
        from einfluence.figures import simulation_figure

        save_plot(simulation_figure(result), plot)
    if fmt == "json":
        print(json.dumps(result, indent=2, default=str))
        return
    low, high = result["ci95"]
    out.print(
        f"{len(ids)} seeds, {result['model']} with {result['graph']['probabilities']} probabilities, "
        f"{result['n_simulations']:,} simulations: expected spread {result['expected_spread']:,.1f} "
        f"(95 % CI {low:,.1f} – {high:,.1f})"
    )
    if result["expected_target_reach"] is not None:
        out.print(f"reach in the target: {result['expected_target_reach']:,.1f} ± {1.96 * result['target_std_error']:,.1f}")
    if result["beyond_first_hop"] is not None:
        out.print(f"beyond the first hop: {result['beyond_first_hop']:.0%} of the activations; "
                  f"mean deepest hop {result['mean_max_depth']:.1f}")


def render_plan(result: dict[str, Any]) -> None:
    """Print a campaign plan and its comparison with the blanket and top-N plans."""
    message = result["message"]
    about = message.get("described") or "any content"
    out.print(emphasis(
        (f"campaign plan #{result['plan_id']}", "bold"), f": {about}; target {result['target']['label']}"
        + (f" ({result['target']['size']:,.0f} accounts)" if result["target"]["size"] is not None else "")
        + f"; budget {result['budget']:,.0f}, spent {result['cost']:,.0f}"
    ))
    grid = Table(title="chosen influencers", box=box.SIMPLE)
    for column in ("#", "account", "network", "kind", "cost", "marginal reach", "alone", "overlap"):
        grid.add_column(column, justify="left" if column in ("account", "network", "kind") else "right", no_wrap=True)
    for i, r in enumerate(result["influencers"], start=1):
        grid.add_row(
            str(i), account_label(r), r["network"], r["kind"],
            f"{r['cost']:,.0f}", f"{r['marginal_reach']:,.1f}", f"{r['standalone_reach']:,.1f}",
            "-" if r["overlap"] is None else f"{r['overlap']:.0%}",
        )
    out.print(grid)
    grid = Table(title="the same budget spent otherwise (Monte-Carlo, same simulations)", box=box.SIMPLE)
    for column in ("plan", "contacts", "cost", "reach", "95 % CI", "per 1k spent", "per contact"):
        grid.add_column(column, justify="left" if column == "plan" else "right", no_wrap=True)
    for r in result["comparison"]:
        grid.add_row(
            r["plan"], f"{r['contacts']:,}",
            f"{r['cost']:,.0f}" + ("*" if r["over_budget"] else ""), f"{r['reach']:,.1f}",
            f"{r['reach_ci95'][0]:,.1f}–{r['reach_ci95'][1]:,.1f}",
            "-" if r["reach_per_cost"] is None else f"{1000 * r['reach_per_cost']:,.1f}",
            "-" if r["reach_per_contact"] is None else f"{r['reach_per_contact']:,.2f}",
        )
    out.print(grid)
    for r in result["comparison"]:
        out.print(f"  {r['plan']}: {r['description']}" + (" (* over budget)" if r["over_budget"] else ""))
    out.print("  reach: expected accounts of the target reached, seeds included")


@fails_cleanly
def plan(
    db: DbOption = DEFAULT_DB,
    budget: Annotated[float | None, typer.Option(help="Campaign budget (same unit as the costs).")] = None,
    k: Annotated[int | None, typer.Option("--k", help="Number of influencers, when there is no budget.", min=1)] = None,
    message: Annotated[str | None, typer.Option(help="The message's text (matched to the topics).")] = None,
    topic: Annotated[str | None, typer.Option(help="The message's topic (index, name or top term), instead of a text.")] = None,
    topic_run: Annotated[int | None, typer.Option("--topic-run", help="Topic run (the latest by default).")] = None,
    novelty: Annotated[float, typer.Option(help="Novelty of the message, in (0, 1]: old news spreads less.", min=0.01, max=1.0)] = 1.0,
    community: Annotated[int | None, typer.Option(help="Target: the members of this community.")] = None,
    audience: Annotated[str | None, typer.Option(help="Target: the audience of this topic.")] = None,
    target: Annotated[Path | None, typer.Option(help="Target: a file of accounts, optionally 'account,weight'.")] = None,
    target_shortlist: TargetShortlistOption = None,
    costs: Annotated[Path | None, typer.Option(help="Price list 'account,cost' (others: the rate card).")] = None,
    base_fee: Annotated[float, typer.Option(help="Rate card: fixed fee per influencer.", min=0.0)] = 50.0,
    per_thousand: Annotated[float, typer.Option(help="Rate card: fee per thousand followers.", min=0.0)] = 10.0,
    blanket_kind: Annotated[str, typer.Option(help="The blanket plan contacts every account of this kind.")] = "blog",
    model: ModelOption = "ic",
    probabilities: Annotated[
        str | None, typer.Option("--probabilities", help="As in 'seeds'; default learned when the data has cascades, else wc.")
    ] = None,
    kind: KindOption = None,
    simulations: Annotated[int, typer.Option("--simulations", help="Monte-Carlo simulations per plan.", min=100)] = 2000,
    since: SinceOption = None,
    until: UntilOption = None,
    networks: NetworkOption = None,
    seed: SeedOption = 0,
    fmt: TableOrJsonOption = "table",
    plot: PlotOption = None,
) -> None:
    """Plan a campaign: for a message, a target and a budget, the influencers who reach the target best."""
    if sum(x is not None for x in (community, audience, target, target_shortlist)) > 1:
        raise InputError("choose one target: --community, --audience, --target or --target-shortlist")
    plot = plot_path(plot)
    window = {"since": when(since, "--since"), "until": when(until, "--until")}
    with open_workspace(db) as ws, RichProgress(err) as progress:
        label, weights = "everyone", None
        if community is not None:
            weights, label = ws.community_audience(community, **window, networks=networks)
        elif audience is not None:
            weights, label = ws.topic_audience(audience, topic_run)
        elif target is not None:
            weights, label = _target(ws, target, networks), f"accounts of {target.name}"
        elif target_shortlist is not None:
            weights, label = ws.shortlist_target(target_shortlist)
        result = ws.plan(
            budget=budget, k=k, message=message, topic=topic, topic_run=topic_run, novelty=novelty,
            target=weights, target_label=label, price_list=_costs(ws, costs, networks),
            rate_card={"base": base_fee, "per_thousand": per_thousand}, blanket_kind=blanket_kind, model=model,
            probabilities=probabilities, kinds=kind, n_simulations=simulations, **window, networks=networks,
            random_state=seed, progress=progress,
        )
    if plot is not None:
        from einfluence.figures import plan_figure

        save_plot(plan_figure(result), plot)
    if fmt == "json":
        print(json.dumps(result, indent=2, default=str))
    else:
        render_plan(result)
