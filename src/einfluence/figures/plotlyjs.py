"""The plotly.js that draws einfluence's figures: a partial bundle shipped with einfluence.

plotly's Python package carries the whole of plotly.js (about 4.8 MB, some fifty trace types);
einfluence's figures use five (``bar``, ``sankey``, ``scatter``, ``scattergl``, ``waterfall``).
``js/plotly.min.js`` is plotly.js built with those only (1.7 MB; ``tools/plotly-bundle`` builds
it, ``js/bundle.json`` lists its version and trace types). A browser evaluates it in about a
fifth of the time of the whole library (measured in headless Chromium: 0.2 s instead of 1.05 s
for each page that opens), and a self-contained report embedding it is a third of the size.

The bundle draws a page when it holds every trace type of the page's figures and the installed
plotly writes figures for the bundle's major version of plotly.js; otherwise (a figure of the
user's own with a pie, say, or a plotly release for a new major version) the page gets the
installed plotly's whole library, so that no figure is drawn by a plotly.js that cannot draw it
(plotly.js draws an unknown trace type as a scatter, silently).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import plotly.graph_objects as go

__all__ = ["BUNDLE", "bundle_draws", "bundle_spec", "check_bundled", "plotly_js", "trace_types"]

#: the partial bundle; ``bundle.json`` beside it gives its plotly.js version and trace types
BUNDLE = Path(__file__).parent / "js" / "plotly.min.js"


@functools.lru_cache(maxsize=1)
def bundle_spec() -> dict[str, object]:
    """The bundle's plotly.js version and trace types (``js/bundle.json``, which
    ``tools/plotly-bundle`` builds from)."""
    return json.loads(BUNDLE.with_name("bundle.json").read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def _bundle_matches_plotly() -> bool:
    """Whether the installed plotly writes figures for the bundle's major version of plotly.js."""
    from plotly.offline import get_plotlyjs_version

    return get_plotlyjs_version().split(".")[0] == str(bundle_spec()["plotly.js"]).split(".")[0]


def trace_types(figures: Iterable[go.Figure]) -> set[str]:
    """The trace types of ``figures`` (``"bar"``, ``"sankey"``, …)."""
    return {trace.type for fig in figures for trace in fig.data}


def bundle_draws(traces: Iterable[str]) -> bool:
    """Whether the bundle can draw figures of these trace types (for the installed plotly)."""
    return _bundle_matches_plotly() and set(traces) <= set(bundle_spec()["traces"])  # type: ignore[arg-type]


def check_bundled(fig: go.Figure) -> go.Figure:
    """``fig``, if the bundle holds all its trace types; else a :class:`TypeError` (the
    dashboard serves one plotly.js to all its pages, so its figures must keep to the bundle)."""
    missing = trace_types([fig]) - set(bundle_spec()["traces"])  # type: ignore[arg-type]
    if missing:
        raise TypeError(f"trace type {', '.join(sorted(missing))} is not in einfluence's plotly.js bundle: "
                        f"add it to {BUNDLE.with_name('bundle.json')} and rebuild (tools/plotly-bundle)")
    return fig


def plotly_js(traces: Iterable[str] = ()) -> str:
    """The text of a plotly.js that draws these trace types: the bundle when it can
    (:func:`bundle_draws`), else the installed plotly's whole library."""
    return _bundle_text() if bundle_draws(traces) else _full_text()


@functools.lru_cache(maxsize=1)
def _bundle_text() -> str:
    return BUNDLE.read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def _full_text() -> str:
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()
