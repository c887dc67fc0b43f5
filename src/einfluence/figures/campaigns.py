"""Figures of campaigns: a plan beside the other ways to spend its budget, a simulated cascade."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from einfluence.figures._style import GREY, PALETTE, account_name, layout, text
from einfluence.i18n import check_lang, colon, label, number, server_text

if TYPE_CHECKING:
    import plotly.graph_objects as go

__all__ = ["plan_figure", "reach_cost_figure", "simulation_figure"]

_PLAN_COLOURS = {"targeted": PALETTE[0], "blanket": PALETTE[5], "top_audience": PALETTE[1], "top_score": PALETTE[3]}


def plan_figure(plan: Mapping[str, Any], *, lang: str = "en") -> go.Figure:
    """A campaign plan's expected reach in its target with the 95 % interval, beside the blanket,
    top-audience and top-score plans of the same budget; and the reach per 1,000 spent.

    ``plan`` is :meth:`einfluence.Workspace.plan`'s result (its ``comparison`` rows).
    """
    from plotly.subplots import make_subplots

    check_lang(lang)
    rows = plan.get("comparison") or []
    names = [label(f"plan.{r['plan']}", lang) for r in rows]
    colours = [_PLAN_COLOURS.get(r["plan"], GREY) for r in rows]
    fig = make_subplots(rows=1, cols=2, column_widths=[0.6, 0.4],
                        subplot_titles=(label("plan.reach", lang), label("plan.per_cost", lang)))
    reach = [r["reach"] for r in rows]
    fig.add_bar(x=names, y=reach, marker_color=colours, showlegend=False,
                error_y={"type": "data", "symmetric": False,
                         "array": [r["reach_ci95"][1] - r["reach"] for r in rows],
                         "arrayminus": [r["reach"] - r["reach_ci95"][0] for r in rows]},
                text=[number(v, lang) for v in reach], textposition="outside",
                hovertext=[f"{text(server_text(r['description'], lang))}{colon(lang)}{number(r['contacts'], lang)} "
                           f"{label('campaign.contacts', lang)}, {label('report.cost', lang)} {number(r['cost'], lang)}"
                           for r in rows],
                row=1, col=1)
    per_cost = [1000 * r["reach_per_cost"] if r.get("reach_per_cost") else 0.0 for r in rows]
    fig.add_bar(x=names, y=per_cost, marker_color=colours, showlegend=False,
                text=[number(v, lang, 1) for v in per_cost], textposition="outside", row=1, col=2)
    budget = plan.get("budget")
    title = label("plan.title", lang) + (f" ({number(budget, lang)})" if budget else "")
    fig.update_layout(**layout(lang, title, height=440))
    return fig


def simulation_figure(simulation: Mapping[str, Any], *, lang: str = "en") -> go.Figure:
    """The mean number of accounts reached after each step of the simulated cascades.

    ``simulation`` is :meth:`einfluence.Workspace.simulate_seeds`'s result.
    """
    import plotly.graph_objects as go

    check_lang(lang)
    steps = simulation.get("spread_by_step") or []
    fig = go.Figure()
    fig.add_scatter(x=list(range(len(steps))), y=steps, mode="lines+markers", line={"color": PALETTE[0]},
                    name=label("simulate.spread", lang))
    low, high = (simulation.get("ci95") or [None, None])[:2]
    if low is not None and high is not None and steps:
        fig.add_hrect(y0=low, y1=high, fillcolor=PALETTE[4], opacity=0.2, line_width=0,
                      annotation_text="95 %", annotation_position="top left")
    fig.update_layout(**layout(lang, label("simulate.title", lang), height=380,
                               xaxis={"title": label("simulate.step", lang)},
                               yaxis={"title": label("simulate.spread", lang)}))
    return fig


def cost_range(costs: Sequence[float]) -> list[float]:
    """The cost axis: from zero when the costs spread from near zero, else around the costs (costs
    of 50 to 55 on an axis from 0 would crowd every point at the right edge), with room on the
    right for the names.

    >>> cost_range([50, 55])
    [48.75, 57.8125]
    >>> cost_range([5, 100])
    [0, 145.0]
    """
    low, high = min(costs, default=0), max(costs, default=0)
    span = max(high - low, 0.05 * abs(high))
    if span <= 0:
        return [0, 1.0]
    start = 0 if low <= span else low - 0.25 * span
    return [start, high + 0.45 * max(high - start, span)]


def reach_cost_figure(rows: Sequence[Mapping[str, Any]], *, lang: str = "en") -> go.Figure:
    """Each influencer's expected reach alone (with its 95 % interval) against its cost: the ones
    up and to the left give the most reach for the money.

    ``rows`` carry ``handle``/``account``, ``cost``, ``expected_spread`` and ``ci95``.
    """
    import plotly.graph_objects as go

    check_lang(lang)
    # only the five largest reaches are named on the chart (every point has its name on hover)
    named = sorted((r["expected_spread"] for r in rows), reverse=True)[min(4, len(rows) - 1)] if rows else 0.0
    fig = go.Figure()
    fig.add_scatter(
        x=[r["cost"] for r in rows], y=[r["expected_spread"] for r in rows], mode="markers+text",
        text=[account_name(r) if r["expected_spread"] >= named else "" for r in rows],
        customdata=[account_name(r) for r in rows], textposition="middle right",
        marker={"size": 10, "color": PALETTE[0], "opacity": 0.8},
        error_y={"type": "data", "symmetric": False,
                 "array": [(r["ci95"][1] or r["expected_spread"]) - r["expected_spread"] for r in rows],
                 "arrayminus": [r["expected_spread"] - (r["ci95"][0] or r["expected_spread"]) for r in rows],
                 "color": GREY},
        hovertemplate="%{customdata}: cost %{x:,.0f}, reach %{y:,.1f}<extra></extra>", showlegend=False,
    )
    fig.update_layout(**layout(lang, label("value.title", lang), height=440,
                               xaxis={"title": label("report.cost", lang), "range": cost_range([r["cost"] for r in rows])},
                               yaxis={"title": label("report.expected_reach", lang), "rangemode": "tozero"}))
    return fig
