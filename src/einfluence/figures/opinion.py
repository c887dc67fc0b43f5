"""Figures of opinion dynamics: where opinion settles, the tipping curve of each population, and
whom to convert."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from einfluence.figures._style import GREY, PALETTE, layout, text
from einfluence.i18n import MESSAGES, check_lang, colon, label, number, percent

if TYPE_CHECKING:
    import plotly.graph_objects as go

__all__ = ["convert_figure", "settle_figure", "tipping_figure"]


def _rgba(colour: str, alpha: float) -> str:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def _model(code: str, lang: str) -> str:
    """A model's name in words (its code when the catalogue has none)."""
    key = f"opinion.model.{code}"
    return label(key, lang) if key in MESSAGES else text(code)


def _population(community: int | None, lang: str) -> str:
    return (label("tipping.everyone", lang) if community is None
            else f"{label('tipping.community', lang)} {community}")


def _about(result: Mapping[str, Any], lang: str) -> str:
    """``Brand: `` before a title (``Brand : `` in French), or nothing without a brand."""
    if not result.get("brand"):
        return ""
    return f"{text(result['brand'])}\u00a0: " if lang == "fr" else f"{text(result['brand'])}: "


def _signed(value: float, lang: str) -> str:
    """An opinion in [-1, 1] with its sign (``+0.016``, ``−0.043``; ``+0,016`` in French)."""
    return ("+" if value > 0 else "") + number(value, lang, 3).replace("-", "\u2212")


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
    symbols = ("circle", "square", "diamond", "triangle-up", "x", "cross", "star", "hexagon")
    for k, p in enumerate(populations):
        colour = PALETTE[k % len(PALETTE)]
        name = _population(p["community"], lang)
        if p.get("critical_fraction") is not None:  # the dotted line's value, in words too
            name += f" ({label('opinion.critical', lang)} {percent(p['critical_fraction'], lang, 1)})"
        curve = sorted(p["curve"], key=lambda point: point["fraction"])
        x = [point["fraction"] for point in curve]
        fig.add_scatter(x=x + x[::-1], y=[point["flip_high"] for point in curve]
                        + [point["flip_low"] for point in curve][::-1], fill="toself", mode="none",
                        fillcolor=_rgba(colour, 0.15), hoverinfo="skip", showlegend=False, legendgroup=name)
        # a marker shape per population as well as a colour: the curves are told apart without colour
        fig.add_scatter(x=x, y=[point["flip"] for point in curve], mode="lines+markers", name=name,
                        line={"color": colour}, marker={"symbol": symbols[k % len(symbols)], "size": 7},
                        legendgroup=name, customdata=[point["count"] for point in curve],
                        hovertemplate="%{x:.1%}: %{y:.0%} (%{customdata})<extra>" + name + "</extra>")
        if p.get("critical_fraction") is not None:
            fig.add_vline(x=p["critical_fraction"], line={"color": colour, "dash": "dot", "width": 1})
    about = _about(tipping, lang)
    title = (f"{about}{label('tipping.title', lang)}<br><sup>{_model(tipping['model'], lang)} · {tipping['horizon']} "
             f"{label('tipping.sweeps', lang)} · {tipping['n_runs']} {label('tipping.runs', lang)}</sup>")
    fig.update_layout(**layout(lang, title, height=420,
                               xaxis={"title": label("tipping.share", lang), "tickformat": ".0%"},
                               yaxis={"title": label("tipping.flip", lang), "tickformat": ".0%",
                                      "range": [-0.02, 1.02]}))
    return fig


def settle_figure(settle: Mapping[str, Any], *, lang: str = "en") -> go.Figure:
    """Each population's mean opinion now, settled if nothing is done and settled once the chosen
    accounts are advocates, with their 95 % intervals where the model gives them: one row per
    population (everyone first), one marker shape per scenario.

    ``settle`` is :meth:`einfluence.Workspace.opinion_settle`'s result.
    """
    import plotly.graph_objects as go

    check_lang(lang)
    fig = go.Figure()
    scenarios = settle["scenarios"]
    base = scenarios["nothing done"]
    names = [_population(r["community"], lang) for r in base]
    n_converted = len(settle.get("converted") or [])

    def add(rows: list[Mapping[str, Any]], value: str, interval: str, name: str, colour: str, symbol: str) -> None:
        x = [r[value] for r in rows]
        ci = [r.get(interval) for r in rows]
        shown = any(c is not None for c in ci)
        fig.add_scatter(
            x=x, y=[_population(r["community"], lang) for r in rows], mode="markers", name=name,
            marker={"color": colour, "symbol": symbol, "size": 11, "line": {"width": 1, "color": "#222"}},
            error_x={"type": "data", "symmetric": False, "visible": shown, "color": colour, "thickness": 1.5,
                     "array": [0 if c is None else c[1] - v for v, c in zip(x, ci, strict=True)],
                     "arrayminus": [0 if c is None else v - c[0] for v, c in zip(x, ci, strict=True)]},
            hovertext=[f"{name} · {n}{colon(lang)}{_signed(v, lang)}"
                       + ("" if c is None else f" ({label('report.ci95', lang)} {_signed(c[0], lang)} – "
                                               f"{_signed(c[1], lang)})")
                       for n, v, c in zip(names, x, ci, strict=True)], hoverinfo="text")

    add(base, "now", "now_ci95", label("opinion.now", lang), GREY, "circle")
    add(base, "settled", "settled_ci95", label("opinion.nothing", lang), PALETTE[0], "diamond")
    if "converted" in scenarios:
        add(scenarios["converted"], "settled", "settled_ci95", label("opinion.converted", lang).format(n=n_converted),
            PALETTE[1], "triangle-right")
    about = _about(settle, lang)
    title = f"{about}{label('opinion.settle.title', lang)}<br><sup>{_model(settle['model'], lang)}</sup>"
    fig.add_vline(x=0, line={"color": "#888", "width": 1})
    fig.update_layout(**layout(lang, title, height=150 + 34 * len(names),
                               xaxis={"title": label("opinion.axis", lang), "zeroline": False, "gridcolor": "#eee"},
                               yaxis={"autorange": "reversed", "type": "category"}))
    return fig


def convert_figure(convert: Mapping[str, Any], *, lang: str = "en") -> go.Figure:
    """The target's mean settled opinion if nothing is done, with the greedy advocates and with the
    best-scored influencers converted (each bar labelled with its value and gain).

    ``convert`` is :meth:`einfluence.Workspace.opinion_convert`'s result.
    """
    import plotly.graph_objects as go

    check_lang(lang)
    rows = [(label("opinion.plan.nothing", lang), convert["nothing_done"], None, GREY),
            (label("opinion.plan.greedy", lang), convert["greedy"]["mean"], convert["greedy"]["gain"], PALETTE[0]),
            (label("opinion.plan.top", lang), convert["top_scored"]["mean"], convert["top_scored"]["gain"],
             PALETTE[3])]
    fig = go.Figure()
    fig.add_bar(x=[r[1] for r in rows], y=[r[0] for r in rows], orientation="h", showlegend=False,
                marker_color=[r[3] for r in rows],
                text=[_signed(r[1], lang) + ("" if r[2] is None else f" ({label('opinion.gain', lang)} "
                                             f"{_signed(r[2], lang)})") for r in rows],
                textposition="outside", cliponaxis=False, hoverinfo="text",
                hovertext=[f"{r[0]}{colon(lang)}{_signed(r[1], lang)}" for r in rows])
    about = _about(convert, lang)
    title = (f"{about}{label('opinion.convert.title', lang)}<br><sup>{_population(convert['community'], lang)} · "
             f"k = {convert['k']}</sup>")
    low = min(0.0, *(r[1] for r in rows))
    high = max(0.0, *(r[1] for r in rows))
    # room for the labels printed beyond the bars' ends, on the side each bar grows towards
    pad = 0.45 * (high - low or 1.0)
    fig.update_layout(**layout(lang, title, height=260, margin={"l": 200, "r": 24, "t": 64, "b": 48},
                               xaxis={"title": label("opinion.mean", lang),
                                      "range": [low - (pad if low < 0 else 0.05 * pad), high + (pad if high > 0 else 0.05 * pad)],
                                      "gridcolor": "#eee", "zeroline": True, "zerolinecolor": "#888"},
                               yaxis={"autorange": "reversed"}))
    return fig
