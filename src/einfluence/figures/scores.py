"""Figures of scores: a ranking and its components, one account's explanation, a history."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from einfluence.figures._style import (
    COMPONENT_COLOURS,
    GREY,
    PALETTE,
    POINT_LABEL_CHARS,
    account_name,
    layout,
    text,
)
from einfluence.i18n import check_lang, colon, label, number

if TYPE_CHECKING:
    import plotly.graph_objects as go

__all__ = ["activity_figure", "explanation_figure", "ranking_figure", "score_history_figure", "trends_figure"]

COMPONENTS = ("reach", "amplification", "depth", "impact", "momentum")


def ranking_figure(rows: Sequence[Mapping[str, Any]], *, top: int = 20, lang: str = "en",
                   title: str | None = None) -> go.Figure:
    """The best accounts of a ranking, each bar its score split into the points of its components.

    Parameters
    ----------
    rows : sequence of mapping
        Ranking rows as :meth:`einfluence.Workspace.rank` gives them (``rank``, ``account``,
        ``handle``, ``network``, ``score`` and ``<component>_points``), best first.
    top : int
        How many accounts to draw.
    lang : {"en", "fr"}
    title : str, optional
        What the list is (the data's own words are escaped); the default says "by einfluence score".
    """
    import plotly.graph_objects as go

    check_lang(lang)
    shown = list(rows)[:top][::-1]  # best at the top
    names = [f"{r['rank']}. {account_name(r)}" for r in shown]
    fig = go.Figure()
    fig.add_bar(y=names, x=[1.0] * len(shown), orientation="h", name=label("base", lang), marker_color=GREY,
                hovertemplate="%{y}: 1<extra></extra>")
    for name in COMPONENTS:
        key = f"{name}_points"
        if not any(r.get(key) for r in shown):
            continue
        values = [r.get(key) or 0.0 for r in shown]
        fig.add_bar(y=names, x=values, orientation="h", name=label(f"component.{name}", lang),
                    marker_color=COMPONENT_COLOURS[name],
                    hovertemplate=f"%{{y}}: {label(f'component.{name}', lang)} %{{x:.1f}}<extra></extra>")
    fig.add_scatter(y=names, x=[r["score"] + 0.5 for r in shown], mode="text", showlegend=False,
                    text=[number(r["score"], lang, 1) for r in shown], textposition="middle right", hoverinfo="skip")
    top_score = max((r["score"] for r in shown), default=100.0)
    fig.update_layout(**layout(lang, label("ranking.title", lang) if title is None else text(title), barmode="stack", height=max(320, 28 * len(shown) + 120),
                               xaxis={"title": label("ranking.x", lang), "range": [0, min(105, top_score * 1.1 + 6)]}))
    fig.update_layout(legend_traceorder="normal")
    return fig


def explanation_figure(e: Mapping[str, Any], *, lang: str = "en") -> go.Figure:
    """One account's score: the points of each component, and its reactions per day.

    ``e`` is :meth:`einfluence.Workspace.explain`'s result.
    """
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    check_lang(lang)
    scored = e.get("scored") or {}
    fig = make_subplots(rows=1, cols=2, column_widths=[0.45, 0.55],
                        subplot_titles=(label("explain.components", lang), label("explain.daily", lang)))
    names, points, colours = [label("base", lang)], [1.0], [GREY]
    for name in COMPONENTS:
        if e.get("available", {}).get(name) and scored.get(f"{name}_points") is not None:
            names.append(label(f"component.{name}", lang))
            points.append(float(scored[f"{name}_points"]))
            colours.append(COMPONENT_COLOURS[name])
    fig.add_trace(go.Waterfall(x=[*names, label("score", lang)], y=[*points, 0.0],
                               measure=["relative"] * len(points) + ["total"], connector={"line": {"color": GREY}},
                               text=[number(p, lang, 1) for p in points] + [number(sum(points), lang, 1)], textposition="outside",
                               increasing={"marker": {"color": PALETTE[0]}}, totals={"marker": {"color": PALETTE[5]}},
                               showlegend=False), row=1, col=1)
    daily = e.get("daily_reactions") or []
    if not daily:  # untimed data (a link or like graph): say so rather than leave the panel blank
        left, right = fig.layout.xaxis2.domain  # the middle of the right-hand panel
        fig.add_annotation(text=label("explain.no_daily", lang), showarrow=False, x=(left + right) / 2, y=0.5,
                           xref="paper", yref="paper", xanchor="center", font={"color": GREY})
        fig.update_xaxes(visible=False, row=1, col=2)
        fig.update_yaxes(visible=False, row=1, col=2)
    else:
        days = [d[0] for d in daily]
        fig.add_bar(x=days, y=[d[1] for d in daily], name=label("reactions", lang), marker_color=PALETTE[4],
                    row=1, col=2)
        fig.add_scatter(x=days, y=[d[2] for d in daily], name=label("reactors", lang), mode="lines+markers",
                        line={"color": PALETTE[5]}, row=1, col=2)
    who = f"{account_name(e)} ({text(e.get('network'))})"
    score = number(scored["score"], lang, 1) if scored else "–"
    fig.update_layout(**layout(lang, f"{label('explain.title', lang)}{colon(lang)}{who}, {label('score', lang)} {score}", height=420))
    return fig


def trends_figure(history: Mapping[str, Any], *, lang: str = "en") -> go.Figure:
    """A history of score windows: how stable the ranking is, and the accounts that rise and fade.

    ``history`` is :meth:`einfluence.Workspace.history`'s result.
    """
    from plotly.subplots import make_subplots

    check_lang(lang)
    fig = make_subplots(rows=1, cols=2, column_widths=[0.5, 0.5],
                        subplot_titles=(label("trends.stability", lang),
                                        f"{label('trends.rising', lang)} / {label('trends.fading', lang)}"))
    stability = history.get("stability") or []
    fig.add_scatter(x=[s["to"] for s in stability], y=[s["kendall"] for s in stability], mode="lines+markers",
                    name="Kendall τ", line={"color": PALETTE[0]}, row=1, col=1)
    movers = [(m, "rising") for m in history.get("rising", [])] + [(m, "fading") for m in history.get("fading", [])]
    for i, (m, kind) in enumerate(movers):
        colour = PALETTE[2] if kind == "rising" else PALETTE[5]
        fig.add_scatter(x=[label("trends.first", lang), label("trends.last", lang)], y=[m["first"], m["last"]],
                        mode="lines+markers+text", text=["", account_name(m, POINT_LABEL_CHARS)],
                        textposition="middle right", hovertext=account_name(m), hoverinfo="text+y",
                        line={"color": colour}, name=label(f"trends.{kind}", lang),
                        legendgroup=kind, showlegend=i in (0, len(history.get("rising", []))), row=1, col=2)
    fig.update_xaxes(title_text=label("window_end", lang), row=1, col=1)
    fig.update_yaxes(range=[-1, 1], row=1, col=1)
    fig.update_yaxes(title_text=label("score", lang), row=1, col=2)
    fig.update_layout(**layout(lang, label("trends.title", lang), height=440))
    return fig


def activity_figure(explanations: Sequence[Mapping[str, Any]], *, lang: str = "en") -> go.Figure:
    """Distinct reactors per day of several accounts, one line each.

    ``explanations`` are :meth:`einfluence.Workspace.explain` results (their ``daily_reactions``).
    """
    import plotly.graph_objects as go

    check_lang(lang)
    fig = go.Figure()
    for i, e in enumerate(explanations):
        daily = e.get("daily_reactions") or []
        fig.add_scatter(x=[d[0] for d in daily], y=[d[2] for d in daily], mode="lines+markers",
                        name=account_name(e), line={"color": PALETTE[i % len(PALETTE)], "width": 2},
                        marker={"size": 5})
    fig.update_layout(**layout(lang, label("activity.title", lang), height=380,
                               yaxis={"title": label("reactors", lang), "rangemode": "tozero"}))
    return fig


def score_history_figure(e: Mapping[str, Any], *, lang: str = "en") -> go.Figure:
    """One account's score in each stored window (``history`` of :meth:`einfluence.Workspace.explain`),
    with its rank in the window on hover."""
    import plotly.graph_objects as go

    check_lang(lang)
    history = e.get("history") or []
    fig = go.Figure()
    fig.add_scatter(x=[h["until"] for h in history], y=[h["score"] for h in history], mode="lines+markers",
                    line={"color": PALETTE[0], "width": 2}, customdata=[h["rank"] for h in history],
                    hovertemplate=f"%{{x}}: {label('score', lang)} %{{y:.1f}}, {label('rank', lang)} %{{customdata}}"
                                  "<extra></extra>", showlegend=False)
    fig.update_layout(**layout(lang, f"{label('profile.history', lang)}{colon(lang)}{account_name(e)}", height=340,
                               xaxis={"title": label("window_end", lang)},
                               yaxis={"title": label("score", lang), "rangemode": "tozero"}))
    return fig
