"""Figures of opinion dynamics: the tipping curve of each population."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from einfluence.figures._style import PALETTE, layout, text
from einfluence.i18n import check_lang, label

if TYPE_CHECKING:
    import plotly.graph_objects as go

__all__ = ["tipping_figure"]


def _rgba(colour: str, alpha: float) -> str:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def tipping_figure(tipping: Mapping[str, Any], *, lang: str = "en") -> go.Figure:
    """The share of runs whose majority flips to the converts against the share converted, with its
    95 % band, per population (everyone, then each community); a dotted line marks each critical
    share.

    ``tipping`` is :meth:`einfluence.Workspace.opinion_tipping`'s result.
    """
    import plotly.graph_objects as go

    check_lang(lang)
    fig = go.Figure()
    populations = [tipping, *tipping.get("communities", [])]
    for k, p in enumerate(populations):
        colour = PALETTE[k % len(PALETTE)]
        name = (label("tipping.everyone", lang) if p["community"] is None
                else f"{label('tipping.community', lang)} {p['community']}")
        curve = sorted(p["curve"], key=lambda point: point["fraction"])
        x = [point["fraction"] for point in curve]
        fig.add_scatter(x=x + x[::-1], y=[point["flip_high"] for point in curve]
                        + [point["flip_low"] for point in curve][::-1], fill="toself", mode="none",
                        fillcolor=_rgba(colour, 0.15), hoverinfo="skip", showlegend=False, legendgroup=name)
        fig.add_scatter(x=x, y=[point["flip"] for point in curve], mode="lines+markers", name=name,
                        line={"color": colour}, legendgroup=name,
                        customdata=[point["count"] for point in curve],
                        hovertemplate="%{x:.1%}: %{y:.0%} (%{customdata})<extra>" + name + "</extra>")
        if p.get("critical_fraction") is not None:
            fig.add_vline(x=p["critical_fraction"], line={"color": colour, "dash": "dot", "width": 1})
    about = f"{text(tipping['brand'])}: " if tipping.get("brand") else ""
    title = (f"{about}{label('tipping.title', lang)} ({tipping['model']}, {tipping['horizon']} "
             f"{label('tipping.sweeps', lang)}, {tipping['n_runs']} {label('tipping.runs', lang)})")
    fig.update_layout(**layout(lang, title, height=420,
                               xaxis={"title": label("tipping.share", lang), "tickformat": ".0%"},
                               yaxis={"title": label("tipping.flip", lang), "tickformat": ".0%",
                                      "range": [-0.02, 1.02]}))
    return fig
