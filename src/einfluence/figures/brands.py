"""Figures of brands: how each brand is perceived, and its advocacy funnel."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from einfluence.figures._style import GREY, PALETTE, layout, text
from einfluence.i18n import check_lang, colon, counted, label, number, percent

if TYPE_CHECKING:
    import plotly.graph_objects as go

__all__ = ["funnel_figure", "funnels_figure", "perception_figure"]

_LADDER = ("aware", "engaged", "amplifier", "advocate")


def perception_figure(perception: Mapping[str, Any], *, lang: str = "en") -> go.Figure:
    """Each brand's mean sentiment with its 95 % interval, and its share of voice; over time too
    when the brands carry a ``timeline``.

    ``perception`` is :meth:`einfluence.Workspace.brand_perception`'s result.
    """
    from plotly.subplots import make_subplots

    check_lang(lang)
    brands = [b for b in perception.get("brands", []) if b.get("mean_sentiment") is not None]
    over_time = any(b.get("timeline") for b in brands)
    names = [text(b["brand"]) + (" *" if b.get("competitor") else "") for b in brands]
    means = [b["mean_sentiment"] for b in brands]
    titles = [label("perception.sentiment", lang), label("perception.voice", lang)]
    if over_time:
        titles += [label("perception.sentiment_time", lang), label("perception.mentions_time", lang)]
    fig = make_subplots(rows=2 if over_time else 1, cols=2, column_widths=[0.55, 0.45], subplot_titles=titles,
                        vertical_spacing=0.16)
    fig.add_bar(x=names, y=means, showlegend=False,
                marker_color=[PALETTE[2] if m >= 0 else PALETTE[5] for m in means],
                error_y={"type": "data", "symmetric": False,
                         "array": [(b["ci95"][1] or m) - m for b, m in zip(brands, means, strict=True)],
                         "arrayminus": [m - (b["ci95"][0] or m) for b, m in zip(brands, means, strict=True)]},
                text=[("+" if m > 0 else "") + number(m, lang, 2) for m in means], textposition="inside", insidetextanchor="start", row=1, col=1)
    voice = [b.get("share_of_voice") or 0.0 for b in brands]
    fig.add_bar(x=names, y=voice, showlegend=False, marker_color=PALETTE[0],
                text=[percent(v, lang) for v in voice], textposition="outside", row=1, col=2)
    fig.update_yaxes(range=[-1, 1], row=1, col=1)
    fig.update_yaxes(tickformat=".0%", row=1, col=2)
    if over_time:
        for i, (b, name) in enumerate(zip(brands, names, strict=True)):
            periods = b.get("timeline") or []
            middle = [p["from"] + (p["to"] - p["from"]) / 2 for p in periods]
            colour = PALETTE[i % len(PALETTE)]
            fig.add_scatter(x=middle, y=[p["mean_sentiment"] for p in periods], mode="lines+markers", name=name,
                            line={"color": colour}, legendgroup=name, connectgaps=False, row=2, col=1)
            fig.add_bar(x=middle, y=[p["mentions"] for p in periods], name=name, marker_color=colour,
                        legendgroup=name, showlegend=False, row=2, col=2)
        # bars stand at the middle of each period, at any hour: the day is what a reader needs
        fig.update_xaxes(tickformat="%-d %b", row=2, col=2)
        fig.update_yaxes(range=[-1, 1], row=2, col=1)
    fig.update_layout(**layout(lang, label("perception.title", lang), height=720 if over_time else 420,
                               legend={"orientation": "h", "x": 0.0, "y": -0.08, "yanchor": "top"},
                               # a small brand's bar is thin: its label overflows rather than shrinks unread
                               uniformtext={"minsize": 10, "mode": "show"}))
    return fig


def _funnel_links(now: Mapping[str, int]) -> tuple[list[int], list[int], list[int]]:
    """The flows of a funnel's Sankey: an account at a stage has passed the earlier ones, so the
    flow into a stage is the count at and beyond it; the rest stopped at the stage before."""
    beyond = {stage: sum(now.get(s, 0) for s in _LADDER[i:]) for i, stage in enumerate(_LADDER)}
    index = {s: i for i, s in enumerate(_NODES)}
    stopped = {s: len(index) + i for i, s in enumerate(_LADDER[:-1])}
    source: list[int] = []
    target: list[int] = []
    value: list[int] = []
    for a, b, n in [(index["aware"], index["detractor"], now.get("detractor", 0)),
                    *[(index[stage], index[_LADDER[i + 1]], beyond[_LADDER[i + 1]]) for i, stage in
                      enumerate(_LADDER[:-1])],
                    *[(index[stage], stopped[stage], now.get(stage, 0)) for stage in _LADDER[:-1]]]:
        if n > 0:
            source.append(a)
            target.append(b)
            value.append(int(n))
    return source, target, value


_NODES = ("unaware", *_LADDER, "detractor")
_NODE_COLOURS = [GREY, PALETTE[4], PALETTE[0], PALETTE[1], PALETTE[2], PALETTE[5]] + [GREY] * 3


def _sankey(brand: Mapping[str, Any], lang: str, domain: dict[str, list[float]] | None = None) -> Any:
    import plotly.graph_objects as go

    now = brand.get("funnel", {})
    source, target, value = _funnel_links(now)
    through = {stage: sum(now.get(s, 0) for s in _LADDER[i:]) for i, stage in enumerate(_LADDER)}
    through["aware"] += now.get("detractor", 0)
    through["detractor"] = now.get("detractor", 0)
    through["unaware"] = now.get("unaware", 0)
    names = [f"{label(f'stage.{s}', lang)} ({number(through[s], lang)})" for s in _NODES]
    # the flow into a 'stopped' node says which stage: its label stays short, so that it never
    # runs into the label of the stage beside it
    names += [f"{label('stage.stopped', lang)} ({number(now.get(s, 0), lang)})" for s in _LADDER[:-1]]
    return go.Sankey(
        node={"label": names, "pad": 18, "thickness": 16, "color": _NODE_COLOURS,
              "hovertemplate": "%{label}<extra></extra>"},
        link={"source": source, "target": target, "value": value}, domain=domain or {},
    )


def _funnel_title(brand: Mapping[str, Any], lang: str) -> str:
    now = brand.get("funnel", {})
    reached = sum(now.get(s, 0) for s in (*_LADDER, "detractor"))
    return (f"{text(brand.get('brand'))}{colon(lang)}{counted(reached, 'stage.aware', lang)}, "
            f"{counted(now.get('advocate', 0), 'stage.advocate', lang)}, "
            f"{counted(now.get('detractor', 0), 'stage.detractor', lang)}, "
            f"{counted(now.get('unaware', 0), 'stage.unaware', lang)}")


def funnel_figure(brand: Mapping[str, Any], *, lang: str = "en") -> go.Figure:
    """One brand's advocacy funnel as a Sankey: how many accounts reached each stage, where they
    stopped, and the detractors.

    ``brand`` is one entry of :meth:`einfluence.Workspace.advocates`'s ``brands``: its
    ``funnel`` counts accounts by current stage; an account at a stage has passed the earlier
    ones, so the flows are the counts at and beyond each stage.
    """
    import plotly.graph_objects as go

    check_lang(lang)
    fig = go.Figure()
    if _funnel_links(brand.get("funnel", {}))[2]:
        fig.add_trace(_sankey(brand, lang))
    else:
        fig.add_annotation(text=label("funnel.nobody", lang), x=0.5, y=0.5, xref="paper", yref="paper",
                           showarrow=False, font={"size": 15})
        fig.update_xaxes(visible=False)
        fig.update_yaxes(visible=False)
    fig.update_layout(**layout(lang, f"{label('funnel.title', lang)}<br><sup>{_funnel_title(brand, lang)}</sup>",
                               height=440))
    return fig


def funnels_figure(advocates: Mapping[str, Any], *, lang: str = "en") -> go.Figure:
    """Every brand's funnel of :meth:`einfluence.Workspace.advocates`'s result, one above the other."""
    import plotly.graph_objects as go

    check_lang(lang)
    brands = list(advocates.get("brands", []))
    if len(brands) == 1:
        return funnel_figure(brands[0], lang=lang)
    fig = go.Figure()
    n = max(len(brands), 1)
    gap = 0.08 / n
    for i, brand in enumerate(brands):
        top = 1 - i / n
        bottom = 1 - (i + 1) / n + gap
        if _funnel_links(brand.get("funnel", {}))[2]:
            fig.add_trace(_sankey(brand, lang, {"x": [0, 1], "y": [bottom, top - gap]}))
        fig.add_annotation(text=f"<b>{_funnel_title(brand, lang)}</b>", x=0, y=top, xref="paper", yref="paper",
                           xanchor="left", yanchor="bottom", showarrow=False)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.update_layout(**layout(lang, label("funnel.title", lang), height=90 + 300 * n))
    return fig
