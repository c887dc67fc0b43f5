"""The brand report: how the brand is perceived over time and against its competitors, its
advocacy funnel, its advocates and detractors, and what the influencers say of it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from einfluence.base.progress import NullProgress, Progress
from einfluence.exceptions import InputError
from einfluence.i18n import Reason, check_lang, code_label, colon, label, number, percent
from einfluence.reports._common import account, interval, now, version
from einfluence.reports.document import Facts, Figure, Report, Section, Table, Text

if TYPE_CHECKING:
    from einfluence.workspace import Workspace

__all__ = ["brand_report"]


def _people(rows: list[dict[str, Any]], lang: str) -> Table | Text:
    if not rows:
        return Text(label("brand.none", lang), "note")
    return Table(
        columns=[label("account", lang), label("network", lang), label("report.kind", lang),
                 label("report.followers", lang), label("brand.since", lang), label("brand.spontaneous", lang),
                 label("report.sentiment", lang)],
        rows=[[account(r), r["network"], r["kind"], number(r.get("followers"), lang), str(r["since"])[:10],
               number(r["spontaneous_mentions"], lang), number(r["mean_sentiment"], lang, 2)] for r in rows],
        numeric={3, 5, 6},
    )


def brand_report(
    ws: Workspace,
    *,
    brand: str | None = None,
    lang: str = "en",
    since: datetime | None = None,
    until: datetime | None = None,
    networks: Sequence[str] | None = None,
    periods: int = 12,
    top: int = 20,
    progress: Progress | None = None,
) -> Report:
    """The report of a declared brand (by default the first that is not a competitor), its
    perception in ``periods`` equal periods of the window, and its ``top`` influencers."""
    from einfluence.figures import funnel_figure, perception_figure

    check_lang(lang)
    progress = progress or NullProgress()
    declared = ws.brands()
    if not declared:
        raise InputError("no brand is declared: declare one with 'einfluence brand add'", parameter="brand")
    if brand is None:
        brand = next((b["name"] for b in declared if not b["competitor"]), declared[0]["name"])
    window = {"since": since, "until": until, "networks": networks}
    progress.start(Reason("progress.read_perception"), None)
    everyone = ws.brand_perception(None, **window, limit=1, timeline_bins=periods)
    own = ws.brand_perception(brand, **window, limit=top)
    name = own["brands"][0]["brand"] if own["brands"] else brand
    this = next(b for b in everyone["brands"] if b["brand"] == name)
    progress.start(Reason("progress.follow_funnel"), None)
    advocacy = ws.advocates(name, **window, limit=top)
    funnel = advocacy["brands"][0]
    rules = label("brand.rules", lang).format(
        **{**advocacy["rules"], "exposure": code_label("web.exposure.", advocacy["rules"]["exposure"], lang)})
    facts = [(label("report.mentions", lang), number(this["mentions"], lang)),
             (label("report.sentiment", lang), number(this["mean_sentiment"], lang, 2)),
             (label("report.share_of_voice", lang), percent(this["share_of_voice"], lang)),
             (label("brand.advocates", lang), number(funnel["funnel"].get("advocate", 0), lang)),
             (label("brand.detractors", lang), number(funnel["funnel"].get("detractor", 0), lang))]
    brands = Table(
        columns=[label("web.brand", lang), label("report.mentions", lang), label("report.sentiment", lang),
                 label("report.ci95", lang), label("report.share_of_voice", lang)],
        rows=[[b["brand"] + (f" ({label('brand.competitor', lang)})" if b["competitor"] else ""),
               number(b["mentions"], lang), number(b["mean_sentiment"], lang, 2),
               interval(b["ci95"][0], b["ci95"][1], lang, 2), percent(b["share_of_voice"], lang)]
              for b in everyone["brands"]],
        numeric={1, 2, 3, 4},
    )
    said = Table(
        columns=[label("account", lang), label("report.mentions", lang), label("report.sentiment", lang),
                 label("report.ci95", lang), label("report.share_of_voice", lang), label("report.trend", lang),
                 label("report.quote", lang)],
        rows=[[account(r), number(r["mentions"], lang), number(r["mean_sentiment"], lang, 2),
               interval(r["ci95"][0], r["ci95"][1], lang, 2), percent(r["share_of_voice"], lang),
               number(r["trend"], lang, 2), (r["quotes"] or ["–"])[0]] for r in own["influencers"]],
        numeric={1, 2, 3, 4, 5},
    )
    window_text = (f"{since or label('report.first_event', lang)} → {until or label('report.last_event', lang)}; "
                   f"{periods} {label('brand.periods', lang)}; einfluence {version}")
    sections = [
        Section(label("report.summary", lang), [Facts(facts)]),
        Section(label("brand.perception", lang), [
            Figure(perception_figure(everyone, lang=lang), label("perception.title", lang),
                   f"{label('report.window', lang)} {window_text}"),
            brands,
        ]),
        Section(label("brand.funnel", lang), [
            Figure(funnel_figure(funnel, lang=lang), f"{label('funnel.title', lang)}{colon(lang)}{name}", rules),
        ], new_page=True),
        Section(label("brand.advocates", lang), [_people(funnel["advocates"], lang)]),
        Section(label("brand.detractors", lang), [_people(funnel["detractors"], lang)]),
        Section(label("brand.influencers", lang), [said], new_page=True),
    ]
    return Report(
        kind="brand", lang=lang, title=label("brand.title", lang), subtitle=name, since=since, until=until,
        networks=list(networks) if networks else None,
        runs=[(label("report.window", lang), window_text), (label("brand.funnel", lang), rules)],
        sections=sections, version=version, generated_at=now(),
        data={"brand": name, "brands": everyone["brands"], "funnel": funnel["funnel"],
              "advocates": funnel["advocates"], "detractors": funnel["detractors"], "influencers": own["influencers"]},
    )
