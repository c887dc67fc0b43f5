"""Figures of einfluence's results: one builder per kind of result, shared by every interface.

Each builder takes a result as the workspace returns it (a ranking's rows, an explanation, a
history, a plan, a simulation, perception, a funnel, a community map) and a language, and
returns a :class:`plotly.graph_objects.Figure`. The command line's ``--plot``, the reports and
the dashboard all draw with these builders, so they always show the same numbers the same way.
:func:`save` writes a figure as a self-contained HTML file, or as PNG or SVG through headless
Chromium.

Colours are the Okabe–Ito palette (distinguishable with the common colour-vision
deficiencies), and every figure carries its numbers in its labels and hover texts, so that no
information is carried by colour alone.

References
----------
.. [1] M. Okabe and K. Ito, "Color Universal Design (CUD): how to make figures and
   presentations that are friendly to colorblind people", 2002. https://jfly.uni-koeln.de/color/
"""

from __future__ import annotations

from einfluence.figures.brands import funnel_figure, funnels_figure, perception_figure
from einfluence.figures.campaigns import plan_figure, reach_cost_figure, simulation_figure
from einfluence.figures.communities import community_map_figure
from einfluence.figures.opinion import convert_figure, settle_figure, tipping_figure
from einfluence.figures.output import check_plot_path, save, to_html
from einfluence.figures.scores import (
    activity_figure,
    explanation_figure,
    ranking_figure,
    score_history_figure,
    trends_figure,
)

__all__ = [
    "activity_figure",
    "check_plot_path",
    "community_map_figure",
    "convert_figure",
    "explanation_figure",
    "funnel_figure",
    "funnels_figure",
    "perception_figure",
    "plan_figure",
    "ranking_figure",
    "reach_cost_figure",
    "save",
    "score_history_figure",
    "settle_figure",
    "simulation_figure",
    "tipping_figure",
    "to_html",
    "trends_figure",
]
