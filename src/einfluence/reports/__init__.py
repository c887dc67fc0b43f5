"""Reports to hand over: self-contained HTML files and PDFs, in English or French.

Five kinds, each a builder that reads the workspace and returns a
:class:`~einfluence.reports.document.Report`:

* ``influencers`` — a shortlist for a brand, topic, community or query: who, why, trend, cost,
  expected reach (:func:`~einfluence.reports.influencers.influencers_report`);
* ``profile`` — one influencer (:func:`~einfluence.reports.profile.profile_report`);
* ``campaign`` — a stored plan beside the blanket plan, and the outcomes of its actions
  (:func:`~einfluence.reports.campaign.campaign_report`);
* ``brand`` — perception over time, share of voice, the funnel, advocates and detractors
  (:func:`~einfluence.reports.brand.brand_report`);
* ``communities`` — the map, sizes, terms, leaders and brokers
  (:func:`~einfluence.reports.communities.communities_report`).

:func:`~einfluence.reports.render.write_report` writes any of them as ``.html`` (one file, no
network needed to open it) or ``.pdf`` (printed from that HTML by headless Chromium, with a
title page holding the data window, the version and the parameters behind every figure, and
page numbers).

Examples
--------
::

    from einfluence import Workspace
    from einfluence.reports import build_report, write_report

    with Workspace("einfluence.duckdb") as ws:
        write_report(build_report(ws, "brand", brand="Ondula", lang="fr"), "ondula.pdf")
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from einfluence.exceptions import ParameterError
from einfluence.reports.document import Report
from einfluence.reports.render import FORMATS, check_report_path, to_html, write_report

if TYPE_CHECKING:
    from einfluence.workspace import Workspace

__all__ = [
    "FORMATS",
    "KINDS",
    "OPTIONS",
    "Report",
    "build_report",
    "builder_options",
    "check_report_path",
    "to_html",
    "write_report",
]

#: the kinds of report, and the module and function that build each
KINDS = {
    "influencers": ("einfluence.reports.influencers", "influencers_report"),
    "profile": ("einfluence.reports.profile", "profile_report"),
    "campaign": ("einfluence.reports.campaign", "campaign_report"),
    "brand": ("einfluence.reports.brand", "brand_report"),
    "communities": ("einfluence.reports.communities", "communities_report"),
}


#: which options each kind of report reads (the command line and the API refuse the others
#: rather than ignore them)
OPTIONS = {
    "influencers": {"brand", "topic", "community", "query", "since", "until", "networks", "top", "simulations", "seed"},
    "profile": {"account", "networks", "run", "simulations", "seed"},
    "campaign": {"plan", "brand"},
    "brand": {"brand", "since", "until", "networks", "top"},
    "communities": {"run", "since", "until", "networks"},
}


def builder_options(kind: str, *, brand: str | None = None, topic: str | None = None, community: int | None = None,
                    query: str | None = None, account: str | None = None, plan: int | None = None,
                    run: int | None = None, since: datetime | None = None, until: datetime | None = None,
                    networks: list[str] | None = None, top: int = 15, simulations: int = 1000,
                    seed: int = 0) -> dict[str, Any]:
    """The keyword arguments of the builder of ``kind`` from the options as the command line and
    the API name them (:data:`OPTIONS` says which each kind reads)."""
    window = {"since": since, "until": until, "networks": networks}
    return {
        "influencers": dict(brand=brand, topic=topic, community=community, query=query, **window, top=top,
                            n_simulations=simulations, random_state=seed),
        "profile": dict(account_name=account, networks=networks, run_id=run, n_simulations=simulations,
                        random_state=seed),
        "campaign": dict(plan_id=plan, brand=brand),
        "brand": dict(brand=brand, **window, top=top),
        "communities": dict(run_id=run, **window),
    }[kind]


def build_report(ws: Workspace, kind: str, **options: Any) -> Report:
    """Build a report of ``kind`` (one of :data:`KINDS`) from the workspace; ``options`` are the
    builder's (``lang`` for all)."""
    import importlib

    if kind not in KINDS:
        raise ParameterError(f"expected one of {', '.join(KINDS)}, got {kind!r}", parameter="kind")
    module, function = KINDS[kind]
    return getattr(importlib.import_module(module), function)(ws, **options)
