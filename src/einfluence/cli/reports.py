"""``einfluence report``: shareable HTML and PDF reports."""

from pathlib import Path
from typing import Annotated, Literal

import typer

from einfluence.cli.common import (
    DbOption,
    NetworkOption,
    SinceOption,
    UntilOption,
    err,
    fails_cleanly,
    open_workspace,
    when,
)
from einfluence.cli.progress import RichProgress
from einfluence.exceptions import InputError
from einfluence.i18n import Reason
from einfluence.settings import DEFAULT_DB

__all__ = ["report"]

Kind = Literal["influencers", "profile", "campaign", "brand", "communities"]

_FLAGS = {"networks": "--network", "account": "--account", "plan": "--plan", "run": "--run", "top": "--top",
          "simulations": "--simulations", "seed": "--seed", "brand": "--brand", "topic": "--topic",
          "community": "--community", "query": "--query", "since": "--since", "until": "--until"}


@fails_cleanly
def report(
    kind: Annotated[Kind, typer.Argument(help="influencers, profile, campaign, brand or communities.")],
    out: Annotated[Path, typer.Option("--out", metavar="FILE", dir_okay=False,
                                      help="The report file: .html (one self-contained file) or .pdf.")],
    db: DbOption = DEFAULT_DB,
    lang: Annotated[Literal["en", "fr"], typer.Option("--lang", help="Language of the report.")] = "en",
    brand: Annotated[str | None, typer.Option(help="influencers: who talk about this brand; brand: the brand "
                                                   "(default the first own brand); campaign: whose outcomes.")] = None,
    topic: Annotated[str | None, typer.Option(help="influencers: influence on this topic (index, name or term).")] = None,
    community: Annotated[int | None, typer.Option(help="influencers: members of this community.")] = None,
    query: Annotated[str | None, typer.Option(help="influencers: who write about this query.")] = None,
    account: Annotated[str | None, typer.Option("--account", help="profile: the account (source id or @handle).")] = None,
    plan: Annotated[int | None, typer.Option("--plan", help="campaign: the stored plan (default the latest).")] = None,
    run: Annotated[int | None, typer.Option("--run", help="profile: score run; communities: community run.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    networks: NetworkOption = None,
    top: Annotated[int, typer.Option("--top", help="influencers, brand: accounts listed.", min=1)] = 15,
    simulations: Annotated[int, typer.Option("--simulations", help="Monte-Carlo simulations per expected reach.", min=100)] = 1000,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the simulations.", min=0)] = 0,
) -> None:
    """Write a report to hand over: an HTML file that opens with no network, or a PDF printed from it.

    \b
    influencers  a shortlist (--brand, --topic, --community, --query): who, why, trend, cost, reach
    profile      one influencer (--account)
    campaign     a stored plan (--plan) beside the blanket plan, and the outcomes of its actions
    brand        perception over time, share of voice, funnel, advocates and detractors (--brand)
    communities  the map, sizes, terms, leaders and brokers (--run, or the window's)
    """
    from einfluence.reports import (
        OPTIONS,
        build_report,
        builder_options,
        check_report_path,
        write_report,
    )

    check_report_path(out, "out")
    given = {"brand": brand, "topic": topic, "community": community, "query": query, "account": account, "plan": plan,
             "run": run, "since": since, "until": until, "networks": networks,
             "top": None if top == 15 else top, "simulations": None if simulations == 1000 else simulations,
             "seed": None if seed == 0 else seed}
    stray = [_FLAGS[name] for name, value in given.items() if value is not None and name not in OPTIONS[kind]]
    if stray:
        raise InputError(f"{', '.join(stray)}: not an option of the {kind} report")
    if kind == "profile" and account is None:
        raise InputError("--account: the profile report needs an account")
    options = builder_options(kind, brand=brand, topic=topic, community=community, query=query, account=account,
                              plan=plan, run=run, since=when(since, "--since"), until=when(until, "--until"),
                              networks=networks, top=top, simulations=simulations, seed=seed)
    # a report reads; only the runs it needs and does not find are computed (and stored)
    with open_workspace(db) as ws, RichProgress(err) as progress:
        document = build_report(ws, kind, lang=lang, progress=progress, **options)
    with RichProgress(err) as progress:
        progress.start(Reason("progress.write_file", file=str(out)), None)
        write_report(document, out)
    err.print(f"wrote {out}")
