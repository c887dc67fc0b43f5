"""The influencer shortlist report: who, why, how they trend, what they cost and reach.

For a brief (a brand, a topic, a community, a query, or none), the best accounts of the window
by einfluence score, each with the points of its score components, its top reactors, its
topics, its momentum, its cost (price list or rate card) and its expected reach alone with the
95 % interval; the three best explained; their daily activity; reach against cost.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from einfluence.base.progress import NullProgress, Progress
from einfluence.i18n import Reason, check_lang, colon, label, number
from einfluence.reports._common import account, now, score_run_text, version
from einfluence.reports.document import Facts, Figure, Report, Section, Table, Text

if TYPE_CHECKING:
    from einfluence.workspace import Workspace

__all__ = ["influencers_report"]

COMPONENTS = ("reach", "amplification", "depth", "impact", "momentum")


def _brief(found: dict[str, Any], lang: str) -> str:
    parts = []
    if found["topic"]:
        parts.append(f"{label('influencers.topic', lang)} {found['topic']['topic']} ({found['topic']['name']})")
    if found["community"]:
        parts.append(f"{label('influencers.community', lang)} {found['community']['community']}")
    if found["query"]:
        parts.append(f"{label('influencers.query', lang)} « {found['query']} »" if lang == "fr"
                     else f"{label('influencers.query', lang)} “{found['query']}”")
    if found["brand"]:
        parts.append(f"{label('influencers.brand', lang)} {found['brand']}")
    return "; ".join(parts) or label("influencers.all", lang)


def influencers_report(
    ws: Workspace,
    *,
    lang: str = "en",
    brand: str | None = None,
    topic: str | int | None = None,
    community: int | None = None,
    query: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    networks: Sequence[str] | None = None,
    top: int = 15,
    n_simulations: int = 1000,
    random_state: int = 0,
    progress: Progress | None = None,
) -> Report:
    """The shortlist report of a brief (see :meth:`einfluence.Workspace.shortlist`)."""
    check_lang(lang)
    progress = progress or NullProgress()
    found = ws.shortlist(brand=brand, topic=topic, community=community, query=query, since=since, until=until,
                         networks=networks, limit=top, progress=progress)
    rows = found["rows"].to_pylist()
    run = ws.run_info(found["run"])
    ids = [r["account_id"] for r in rows]
    progress.start(Reason("progress.explain_shortlist"), len(rows), "accounts")
    explained = []
    for r in rows:
        explained.append(ws.explain(r["account"], network=r["network"], run_id=found["run"], n_reactors=3, n_posts=1))
        progress.advance(1)
    topics = ws.account_topics(ids)
    costs = ws.costs(ws.n_accounts())[ids].tolist() if ids else []
    reach = ws.expected_reach(ids, n_simulations=n_simulations, since=since, until=until, networks=networks,
                              random_state=random_state, progress=progress) if ids else []
    for r, c, e in zip(rows, costs, reach, strict=True):
        r.update(cost=float(c), expected_spread=e["expected_spread"], ci95=e["ci95"])

    brief = _brief(found, lang)
    scores = Table(
        columns=[label("rank", lang), label("account", lang), label("network", lang), label("score", lang),
                 *[label(f"component.{c}", lang) for c in COMPONENTS]],
        rows=[[str(r["rank"]), account(r), r["network"], number(r["score"], lang, 1),
               *[number(r.get(f"{c}_points"), lang, 1) for c in COMPONENTS]] for r in rows],
        numeric={0, 3, 4, 5, 6, 7, 8}, caption=label("ranking.x", lang),
    )
    activation = Table(
        columns=[label("rank", lang), label("account", lang), label("report.top_reactors", lang),
                 label("report.topics", lang), label("report.cost", lang), label("report.expected_reach", lang)],
        rows=[[str(r["rank"]), account(r), ", ".join(account(x) for x in e["top_reactors"][:3]) or "–",
               ", ".join(t["name"] for t in t_list) or "–", number(r["cost"], lang),
               f"{number(r['expected_spread'], lang, 1)} ({number(r['ci95'][0], lang, 1)} – "
               f"{number(r['ci95'][1], lang, 1)})"]
              for r, e, t_list in zip(rows, explained, topics, strict=True)],
        numeric={0, 4, 5},
    )
    from einfluence.figures import (
        activity_figure,
        explanation_figure,
        ranking_figure,
        reach_cost_figure,
    )

    run_text = score_run_text(run, lang)
    sims = f"{number(n_simulations, lang)} simulations, seed {random_state}, {run_text.split(':')[0]}"
    sections = [
        Section(label("report.summary", lang), [
            Facts([(label("report.scored", lang), number(run["n_scored"], lang)),
                   (label("report.shortlisted", lang), number(len(rows), lang)),
                   (label("report.median_cost", lang), number(sorted(costs)[len(costs) // 2], lang) if costs else "–")]),
            Text(brief),
        ]),
        Section(label("influencers.list", lang), [
            Figure(ranking_figure(rows, top=top, lang=lang), f"{label('ranking.title', lang)}{colon(lang)}{brief}",
                   f"{label('report.score_run', lang)} {run_text}"),
            scores,
            activation,
        ]),
        Section(label("influencers.why", lang), [
            Figure(explanation_figure(e, lang=lang), f"{label('explain.title', lang)}{colon(lang)}{account(e)}",
                   f"{label('report.score_run', lang)} #{run['run_id']}")
            for e in explained[:3]
        ], new_page=True),
        Section(label("influencers.activity", lang), [
            Figure(activity_figure(explained[:6], lang=lang), label("activity.title", lang),
                   f"{label('report.score_run', lang)} #{run['run_id']}"),
        ]),
        Section(label("influencers.value", lang), [
            Figure(reach_cost_figure(rows, lang=lang), label("value.title", lang),
                   f"{label('report.simulations', lang)}{colon(lang)}{sims}"),
        ], new_page=True),
        Section(label("report.method", lang), [Text(label("influencers.method", lang), "note")]),
    ]
    return Report(
        kind="influencers", lang=lang, title=label("influencers.title", lang), subtitle=brief, since=since,
        until=until, networks=list(networks) if networks else None,
        runs=[(label("report.score_run", lang), run_text), (label("report.simulations", lang), sims)],
        sections=sections, version=version, generated_at=now(),
        data={"run": found["run"], "brief": brief, "influencers": [
            {k: r.get(k) for k in ("rank", "account", "network", "handle", "name", "score",
                                   *[f"{c}_points" for c in COMPONENTS], "cost", "expected_spread", "ci95")}
            for r in rows]},
    )
