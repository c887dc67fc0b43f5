"""The communities report: a static map of the communities, their sizes, what they talk about,
their leaders, and the brokers who link them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from einfluence.base.progress import NullProgress, Progress
from einfluence.i18n import Reason, check_lang, colon, label, number, percent
from einfluence.reports._common import account, community_run_text, now, version
from einfluence.reports.document import Facts, Figure, Report, Section, Table

if TYPE_CHECKING:
    from einfluence.workspace import Workspace

__all__ = ["communities_report"]


def communities_report(
    ws: Workspace,
    *,
    run_id: int | None = None,
    lang: str = "en",
    since: datetime | None = None,
    until: datetime | None = None,
    networks: Sequence[str] | None = None,
    n_communities: int = 12,
    k: int = 5,
    max_accounts: int = 1500,
    progress: Progress | None = None,
) -> Report:
    """The report of a community run: ``run_id``, else the window's (found or computed now).

    The map draws the ``max_accounts`` most influential members (and every leader and broker),
    as vector markers so that it prints sharply.
    """
    from einfluence.figures import community_map_figure

    check_lang(lang)
    progress = progress or NullProgress()
    if run_id is None:
        run_id = ws.communities(since=since, until=until, networks=networks, progress=progress)
    report = ws.community_report(run_id, k=k, n_communities=n_communities, progress=progress)
    progress.start(Reason("progress.lay_out_map"), None)
    drawn = ws.community_map(run_id, max_accounts=max_accounts, k=k)
    run = report["run"]
    run_text = community_run_text(run, lang)
    facts = [(label("communities.count", lang), number(run["n_communities"], lang)),
             (label("communities.assigned", lang), number(report["n_assigned"], lang)),
             (label("communities.modularity", lang), number(run["modularity"], lang, 3))]
    table = Table(
        columns=[label("community", lang), label("size", lang), label("communities.terms", lang),
                 label("communities.leaders", lang)],
        rows=[[str(c["community"]), number(c["size"], lang), ", ".join(c["terms"]) or "–",
               ", ".join(account(x) for x in c["leaders"]) or "–"] for c in report["communities"]],
        numeric={0, 1},
    )
    brokers = Table(
        columns=[label("account", lang), label("network", lang), label("community", lang),
                 label("communities.participation", lang), label("communities.others", lang)],
        rows=[[account(b), b["network"], str(b["community"]), percent(b["participation"], lang),
               number(b["other_communities"], lang)] for b in report["brokers"]],
        numeric={2, 3, 4},
    )
    what = label("communities.drawn", lang).format(n=number(max_accounts, lang))
    sections = [
        Section(label("report.summary", lang), [Facts(facts)]),
        Section(label("communities.map", lang), [
            Figure(community_map_figure(drawn, lang=lang, webgl=False), f"{label('communities.title', lang)}{colon(lang)}{what}",
                   f"{label('report.community_run', lang)} {run_text}; layout seed 0"),
        ]),
        Section(label("communities.list", lang), [table], new_page=True),
        Section(label("communities.brokers", lang), [brokers]),
    ]
    return Report(
        kind="communities", lang=lang, title=label("communities.report", lang), subtitle=run_text.split(";")[0],
        since=run["since"], until=run["until"], networks=run["networks"],
        runs=[(label("report.community_run", lang), run_text)], sections=sections, version=version,
        generated_at=now(),
        data={"run": run["community_run_id"], "n_communities": run["n_communities"], "modularity": run["modularity"],
              "n_assigned": report["n_assigned"], "communities": report["communities"], "brokers": report["brokers"]},
    )
