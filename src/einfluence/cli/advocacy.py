"""Commands about advocacy: campaign actions towards influencers, their outcomes, the advocacy funnel."""


import csv
import json
from pathlib import Path
from typing import Annotated, Literal

import typer
from rich import box
from rich.table import Table

from einfluence.base.labels import account_label
from einfluence.cli.common import (
    DbOption,
    NetworkOption,
    PlotOption,
    SinceOption,
    UntilOption,
    fails_cleanly,
    open_workspace,
    out,
    plot_path,
    save_plot,
    when,
)
from einfluence.cli.output import emphasis
from einfluence.exceptions import InputError
from einfluence.settings import DEFAULT_DB

__all__ = ["actions_app", "advocates", "read_actions_file", "render_funnel"]

actions_app = typer.Typer(help="Log campaign actions towards influencers and list them.", no_args_is_help=True)

def read_actions_file(path: Path) -> list[dict]:
    """Rows of a CSV with columns ``account, brand, kind, at`` (ISO 8601) and optional ``campaign, note``.

    Errors name the file, the line and the field.
    """
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"account", "brand", "kind", "at"} - set(reader.fieldnames or [])
        if missing:
            raise InputError(f"{path}, line 1: missing column(s) {', '.join(sorted(missing))}")
        for number, row in enumerate(reader, start=2):
            for field in ("account", "brand", "kind", "at"):
                if not (row.get(field) or "").strip():
                    raise InputError(f"{path}, line {number}, field {field}: empty")
            try:
                at = when(row["at"].strip(), "at")
            except InputError:
                raise InputError(f"{path}, line {number}, field at: not an ISO 8601 date-time: {row['at']!r}") from None
            rows.append({"account": row["account"].strip(), "brand": row["brand"].strip(), "kind": row["kind"].strip(),
                         "at": at, "campaign": (row.get("campaign") or "").strip() or None,
                         "note": (row.get("note") or "").strip() or None, "_line": number})
    return rows


@actions_app.command("add")
@fails_cleanly
def actions_add(
    account: Annotated[str, typer.Argument(help="The influencer (source id or @handle).")],
    brand: Annotated[str, typer.Option(help="The declared brand the action is for.")],
    kind: Annotated[str, typer.Option(help="contacted, briefed, gifted, paid, invited or other.")],
    at: Annotated[str, typer.Option("--at", help="When (ISO 8601, UTC).")],
    campaign: Annotated[str | None, typer.Option(help="The campaign's name.")] = None,
    note: Annotated[str | None, typer.Option(help="A free note.")] = None,
    network: Annotated[str | None, typer.Option(help="Network of the account, when ambiguous.")] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Log one campaign action towards an influencer."""
    with open_workspace(db) as ws:
        added = ws.log_actions([{"account": account, "brand": brand, "kind": kind, "at": when(at, "--at"),
                                 "campaign": campaign, "note": note}], network=network, source="--")
    out.print("action logged" if added else "already logged: nothing added")


@actions_app.command("import")
@fails_cleanly
def actions_import(
    path: Annotated[Path, typer.Argument(help="CSV: account, brand, kind, at, and optionally campaign, note.")],
    network: Annotated[str | None, typer.Option(help="Network of the accounts, when ambiguous.")] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Import campaign actions from a CSV file, all or nothing (a row logged before adds nothing)."""
    rows = read_actions_file(path)
    with open_workspace(db) as ws:
        added = ws.log_actions(rows, network=network, source=str(path))
    out.print(f"{added} action(s) added, {len(rows) - added} already logged")


@actions_app.command("list")
@fails_cleanly
def actions_list(
    brand: Annotated[str | None, typer.Option(help="Only the actions for this brand.")] = None,
    db: DbOption = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", metavar="", help="Print JSON instead of a table.")] = False,
) -> None:
    """The logged campaign actions, oldest first."""
    with open_workspace(db, read_only=True) as ws:
        rows = ws.actions(brand=brand).to_pylist()
    if as_json:
        print(json.dumps(rows, indent=2, default=str))
        return
    grid = Table(box=box.SIMPLE)
    for column in ("at", "account", "network", "brand", "kind", "campaign", "note"):
        grid.add_column(column)
    for r in rows:
        grid.add_row(str(r["at"])[:16], account_label(r), r["network"], r["brand"],
                     r["kind"], r["campaign"] or "", r["note"] or "")
    out.print(grid)


def render_funnel(result: dict) -> None:
    """Print the advocacy funnel of each brand, its advocates and detractors, and recent stage changes."""
    rules = result["rules"]
    out.print(f"rules: advocate = at least {rules['min_mentions']} positive spontaneous original mentions "
              f"(not within {rules['prompt_window_hours']:g} h of a campaign action or of a reaction to the brand)")
    for b in result["brands"]:
        funnel = " → ".join(f"{stage} {count:,}" for stage, count in b["funnel"].items())
        out.print(emphasis((b["brand"], "bold"), f"{' (competitor)' if b['competitor'] else ''}: {funnel}"))
        for key in ("advocates", "detractors"):
            if not b[key]:
                continue
            grid = Table(title=f"{b['brand']}: {key}", box=box.SIMPLE)
            for column in ("account", "since", "spontaneous mentions", "mean sentiment"):
                grid.add_column(column, justify="left" if column in ("account", "since") else "right", no_wrap=True)
            for r in b[key]:
                grid.add_row(account_label(r), (r["since"] or "-")[:16],
                             str(r["spontaneous_mentions"]), f"{r['mean_sentiment']:+.2f}")
            out.print(grid)


@fails_cleanly
def advocates(
    brand: Annotated[str | None, typer.Argument(help="The brand (default: every declared brand).")] = None,
    db: DbOption = DEFAULT_DB,
    since: SinceOption = None,
    until: UntilOption = None,
    min_mentions: Annotated[int, typer.Option(help="Spontaneous positive (negative) mentions for an advocate (detractor).", min=1)] = 3,
    prompt_window: Annotated[float, typer.Option("--prompt-window", help="Hours after an action or a reaction to the brand during which a mention is prompted.", min=0)] = 48.0,
    exposure: Annotated[
        Literal["reaction", "follow"], typer.Option(help="What exposure prompts a mention: a reaction or a follow.")
    ] = "reaction",
    networks: NetworkOption = None,
    limit: Annotated[int, typer.Option(help="Accounts shown per list (0 for all).", min=0)] = 20,
    as_json: Annotated[bool, typer.Option("--json", metavar="", help="Print JSON instead of tables.")] = False,
    plot: PlotOption = None,
) -> None:
    """The advocacy funnel: unaware → aware → engaged → amplifier → advocate, and detractors, each change dated and explained."""
    plot = plot_path(plot)
    with open_workspace(db, read_only=True) as ws:
        result = ws.advocates(brand, since=when(since, "--since"), until=when(until, "--until"), min_mentions=min_mentions,
                              prompt_window_hours=prompt_window, exposure=exposure, limit=limit or None,
                              networks=networks)
    if plot is not None:
        from einfluence.figures import funnels_figure

        save_plot(funnels_figure(result), plot)
    if as_json:
        print(json.dumps(result, indent=2, default=str))
    else:
        render_funnel(result)


@actions_app.command("outcomes")
@fails_cleanly
def actions_outcomes(
    brand: Annotated[str, typer.Argument(help="The brand whose campaign actions are measured.")],
    campaign: Annotated[str | None, typer.Option(help="Only this campaign's actions.")] = None,
    before: Annotated[float, typer.Option(help="Days before the first action compared.", min=1)] = 14.0,
    after: Annotated[float, typer.Option(help="Days after the first action measured.", min=1)] = 14.0,
    seed: Annotated[int, typer.Option(help="Seed of the bootstrap intervals.", min=0)] = 0,
    db: DbOption = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", metavar="", help="Print JSON instead of tables.")] = False,
) -> None:
    """What followed the actions: perception, reach and funnel before and after, against comparable
    accounts not contacted (difference in differences), and the relay network grown afterwards."""
    with open_workspace(db, read_only=True) as ws:
        result = ws.campaign_outcomes(brand, campaign=campaign, before_days=before, after_days=after, random_state=seed)
    if as_json:
        print(json.dumps(result, indent=2, default=str))
        return
    out.print(emphasis((result["brand"], "bold"), f": {len(result['influencers'])} contacted influencers, "
                       f"{before:g} days before vs {after:g} days after their first action"))
    for name, d in result["difference_in_differences"].items():
        low, high = d["ci95"]
        out.print(f"  {name}: difference in differences against matched accounts "
                  + ("-" if d["estimate"] is None else f"{d['estimate']:+.3f} (95 % CI {low:+.3f} to {high:+.3f})"))
    grid = Table(box=box.SIMPLE)
    for column in ("account", "first action", "mentions", "reach", "stage", "network grown", "new accounts"):
        grid.add_column(column, justify="left" if column in ("account", "first action", "stage") else "right")
    for r in result["influencers"]:
        grid.add_row(account_label(r), (r["time"] or "-")[:16],
                     f"{r['mentions_before']} → {r['mentions_after']}", f"{r['reach_before']} → {r['reach_after']}",
                     f"{r['stage_before']} → {r['stage_after']}", f"{r['network_size']} (depth {r['network_depth']})",
                     str(r["network_new"]))
    out.print(grid)
