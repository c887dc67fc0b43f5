"""Figures the dashboard draws that no result had yet, in the style of :mod:`einfluence.figures`
(Okabe–Ito palette, labels in the reader's language, numbers in the hover texts)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from einfluence.figures._style import PALETTE, layout, text
from einfluence.i18n import check_lang, label

__all__ = ["activity_figure"]


def activity_figure(activity: Mapping[str, Mapping[str, int]], *, lang: str = "en") -> Any:
    """Interactions per UTC day, one line per network (markers of a different shape per network,
    so that colour is not the only cue)."""
    import plotly.graph_objects as go

    check_lang(lang)
    fig = go.Figure()
    symbols = ("circle", "square", "diamond", "triangle-up", "x", "cross", "star", "hexagon")
    for i, (network, days) in enumerate(sorted(activity.items(), key=lambda kv: -sum(kv[1].values()))):
        fig.add_trace(go.Scatter(
            x=list(days), y=list(days.values()), name=text(network), mode="lines+markers",
            line={"color": PALETTE[i % len(PALETTE)], "width": 2},
            marker={"symbol": symbols[i % len(symbols)], "size": 6},
            hovertemplate=f"{text(network)} · %{{x}}: %{{y:,}} {label('web.interactions', lang)}<extra></extra>"))
    fig.update_layout(**layout(lang, label("web.overview.activity", lang), height=320,
                               margin={"l": 60, "r": 16, "t": 48, "b": 40}))
    fig.update_yaxes(title=label("web.interactions", lang), rangemode="tozero", gridcolor="#eee")
    fig.update_xaxes(title=label("day", lang), gridcolor="#eee")
    return fig
