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


def ego_figure(explanation: Mapping[str, Any], *, lang: str = "en") -> Any:
    """The account's ego network: it in the middle, its top reactors around it, each tie as thick
    as the reactions it carried (the number is in the label and the hover, not in the width alone)."""
    import math

    import plotly.graph_objects as go

    from einfluence.figures._style import POINT_LABEL_CHARS, account_name

    check_lang(lang)
    reactors = list(explanation.get("top_reactors") or [])
    fig = go.Figure()
    top = max((r["reactions"] for r in reactors), default=1) or 1
    xs, ys = [], []
    for i, r in enumerate(reactors):
        angle = 2 * math.pi * i / max(len(reactors), 1)
        x, y = math.cos(angle), math.sin(angle)
        xs.append(x)
        ys.append(y)
        fig.add_trace(go.Scatter(x=[0, x], y=[0, y], mode="lines", hoverinfo="skip", showlegend=False,
                                 line={"color": "rgba(0,114,178,0.45)", "width": 1 + 6 * r["reactions"] / top}))
    fig.add_trace(go.Scatter(
        x=xs, y=ys, mode="markers+text", showlegend=False,
        text=[f"{account_name(r, POINT_LABEL_CHARS)} ({r['reactions']})" for r in reactors], textposition="top center",
        marker={"size": [10 + 14 * (r["reactions"] / top) ** 0.5 for r in reactors], "color": PALETTE[1],
                "line": {"width": 1, "color": "#333"}},
        hovertext=[f"{account_name(r)} · {r['reactions']} {label('reactions', lang)} · {text(_kinds(r.get('kinds'), lang))}"
                   for r in reactors], hoverinfo="text"))
    fig.add_trace(go.Scatter(x=[0], y=[0], mode="markers+text", showlegend=False,
                             text=[account_name(explanation, POINT_LABEL_CHARS)],
                             textposition="bottom center", hoverinfo="text", hovertext=[account_name(explanation)],
                             marker={"size": 26, "color": PALETTE[0], "symbol": "star",
                                     "line": {"width": 1.5, "color": "#222"}}))
    fig.update_layout(**layout(lang, label("web.profile.ego", lang), height=380,
                               margin={"l": 10, "r": 10, "t": 44, "b": 10}))
    fig.update_xaxes(visible=False, range=[-1.5, 1.5])
    fig.update_yaxes(visible=False, range=[-1.35, 1.35])
    return fig


def _kinds(kinds: Any, lang: str) -> str:
    """Interaction kinds (a list, or codes joined by commas) in words."""
    from einfluence.i18n import MESSAGES

    codes = kinds.split(",") if isinstance(kinds, str) else list(kinds or [])
    return ", ".join(label(f"interaction.{c.strip()}", lang) if f"interaction.{c.strip()}" in MESSAGES else c.strip()
                     for c in codes if c.strip())
