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

from typing import TYPE_CHECKING, Any

from einfluence.exceptions import ParameterError
from einfluence.reports.document import Report
from einfluence.reports.render import FORMATS, check_report_path, to_html, write_report

if TYPE_CHECKING:
    from einfluence.workspace import Workspace

__all__ = ["FORMATS", "KINDS", "Report", "build_report", "check_report_path", "to_html", "write_report"]

#: the kinds of report, and the module and function that build each
KINDS = {
    "influencers": ("einfluence.reports.influencers", "influencers_report"),
    "profile": ("einfluence.reports.profile", "profile_report"),
    "campaign": ("einfluence.reports.campaign", "campaign_report"),
    "brand": ("einfluence.reports.brand", "brand_report"),
    "communities": ("einfluence.reports.communities", "communities_report"),
}


def build_report(ws: Workspace, kind: str, **options: Any) -> Report:
    """Build a report of ``kind`` (one of :data:`KINDS`) from the workspace; ``options`` are the
    builder's (``lang`` for all)."""
    import importlib

    if kind not in KINDS:
        raise ParameterError(f"expected one of {', '.join(KINDS)}, got {kind!r}", parameter="kind")
    module, function = KINDS[kind]
    return getattr(importlib.import_module(module), function)(ws, **options)
