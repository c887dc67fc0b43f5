"""The profile report of one influencer: the score and why, who reacts, what is relayed, what it
says of the brands, how its score moved, what it costs and reaches."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from einfluence.base.progress import NullProgress, Progress
from einfluence.i18n import check_lang, colon, label, number, percent
from einfluence.reports._common import account, interval, now, score_run_text, version
from einfluence.reports.document import Facts, Figure, Report, Section, Table, Text

if TYPE_CHECKING:
    from einfluence.workspace import Workspace

__all__ = ["profile_report"]

COMPONENTS = ("reach", "amplification", "depth", "impact", "momentum")


def profile_report(
    ws: Workspace,
    *,
    account_name: str,
    lang: str = "en",
    networks: Sequence[str] | None = None,
    run_id: int | None = None,
    n_simulations: int = 2000,
    random_state: int = 0,
    progress: Progress | None = None,
) -> Report:
    """The profile of ``account_name`` (source id or ``@handle``; ``networks`` when ambiguous) in
    a score run (the latest by default)."""
    from einfluence.figures import explanation_figure, score_history_figure

    check_lang(lang)
    progress = progress or NullProgress()
    e = ws.explain(account_name, networks=networks, run_id=run_id, n_reactors=10, n_posts=5)
    run = ws.run_info(e["run"]["run_id"])
    scored = e.get("scored")
    ids = ws.account_ids([e["account"]], network=e["network"])
    account_id = int(ids[0])
    topics = ws.account_topics([account_id])[0]
    cost = float(ws.costs(ws.n_accounts())[account_id])
    reach = ws.expected_reach([account_id], n_simulations=n_simulations, since=run["since"], until=run["until"],
                              networks=run["networks"], random_state=random_state, progress=progress)[0]
    perception = [p for p in ws.brand_perception(since=run["since"], until=run["until"], limit=None,
                                                 networks=run["networks"])["influencers"]
                  if p["account"] == account_id]
    who = f"{account(e)} ({e['network']})"
    run_text = score_run_text(run, lang)
    sims = f"{number(n_simulations, lang)} simulations, seed {random_state}, #{run['run_id']}"
    facts = [(label("score", lang), number(scored["score"], lang, 1) if scored else "–"),
             (label("profile.rank_of", lang), f"{number(e['rank_in_run'], lang)} / {number(e['n_scored'], lang)}"
              if e.get("rank_in_run") else "–"),
             (label("report.expected_reach", lang),
              f"{number(reach['expected_spread'], lang, 1)} ({number(reach['ci95'][0], lang, 1)} – "
              f"{number(reach['ci95'][1], lang, 1)})"),
             (label("report.cost", lang), number(cost, lang))]
    components = Table(
        columns=[label("profile.components", lang), label("profile.value", lang), label("profile.scale", lang),
                 label("points", lang)],
        rows=[[label(f"component.{c}", lang), number(scored.get(c), lang, 2) if scored else "–",
               number(e["scales"].get(c), lang, 2), number(scored.get(f"{c}_points"), lang, 1) if scored else "–"]
              for c in COMPONENTS if e["available"].get(c)],
        numeric={1, 2, 3},
    )
    reactors = Table(
        columns=[label("account", lang), label("network", lang), label("profile.reactions", lang),
                 label("profile.kinds", lang), label("profile.last", lang)],
        rows=[[account(r), r["network"], number(r["reactions"], lang), r["kinds"], str(r["last"])[:16]]
              for r in e["top_reactors"]],
        numeric={2},
    )
    posts = Table(
        columns=[label("profile.post", lang), label("profile.text", lang), label("profile.reactions", lang),
                 label("profile.reactors_n", lang)],
        rows=[[str(p["created_at"])[:16], p["text"] or "–", number(p["reactions"], lang), number(p["reactors"], lang)]
              for p in e["top_posts"]],
        numeric={2, 3},
    )
    said: list = [Text(label("profile.no_perception", lang), "note")]
    if perception:
        said = [Table(
            columns=["brand", label("report.mentions", lang), label("report.sentiment", lang),
                     label("report.ci95", lang), label("report.share_of_voice", lang), label("report.quote", lang)],
            rows=[[p["brand"], number(p["mentions"], lang), number(p["mean_sentiment"], lang, 2),
                   interval(p["ci95"][0], p["ci95"][1], lang, 2),
                   percent(p["share_of_voice"], lang), (p["quotes"] or ["–"])[0]] for p in perception],
            numeric={1, 2, 3, 4},
        )]
    sections = [
        Section(label("report.summary", lang), [
            Facts(facts),
            Text(f"{label('report.topics', lang)}{colon(lang)}" + (", ".join(f"{t['name']} ({percent(t['weight'], lang)})"
                                                                   for t in topics) or "–")),
            Figure(explanation_figure(e, lang=lang), f"{label('explain.title', lang)}{colon(lang)}{who}",
                   f"{label('report.score_run', lang)} {run_text}"),
            components,
        ]),
        Section(label("profile.reactors", lang), [reactors], new_page=True),
        Section(label("profile.posts", lang), [posts]),
        Section(label("profile.perception", lang), said),
    ]
    if e.get("history"):
        sections.append(Section(label("profile.history", lang), [
            Figure(score_history_figure(e, lang=lang), f"{label('profile.history', lang)}{colon(lang)}{who}",
                   ", ".join(f"#{h['run_id']}" for h in e["history"])),
        ]))
    sections.append(Section(label("report.method", lang), [Text(label("influencers.method", lang), "note")]))
    return Report(
        kind="profile", lang=lang, title=label("profile.title", lang), subtitle=who, since=run["since"],
        until=run["until"], networks=run["networks"],
        runs=[(label("report.score_run", lang), run_text), (label("report.simulations", lang), sims)],
        sections=sections, version=version, generated_at=now(),
        data={"account": e["account"], "network": e["network"], "handle": e["handle"], "name": e.get("name"),
              "run": run["run_id"],
              "score": scored["score"] if scored else None, "rank": e.get("rank_in_run"), "cost": cost,
              "expected_spread": reach["expected_spread"], "ci95": reach["ci95"],
              "components": {c: scored.get(f"{c}_points") for c in COMPONENTS} if scored else {}},
    )
