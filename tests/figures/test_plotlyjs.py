"""The figures' plotly.js: the partial bundle holds what the figures draw, and nothing is drawn by
a plotly.js that lacks its trace type."""

from __future__ import annotations

import base64
import gzip
import re
import shutil
from pathlib import Path

import plotly.graph_objects as go
import pytest
from plotly.basedatatypes import BaseTraceType

import einfluence
from einfluence.figures import plotlyjs, to_html
from einfluence.figures.plotlyjs import (
    BUNDLE,
    bundle_draws,
    bundle_spec,
    check_bundled,
    plotly_js,
    trace_types,
)

SOURCES = Path(einfluence.__file__).parent
BANNER = "/*! plotly.js "
#: the tests that open the bundle through a page need a plotly that writes figures for it
needs_matching_plotly = pytest.mark.skipif(
    not bundle_draws(()), reason="the installed plotly writes figures for another major version of plotly.js "
                                 "(the pages then embed its own library: tested below)")


def _embedded(html: str) -> str:
    """The plotly.js a self-contained page carries (base64 of gzip, see figures/page.py)."""
    packed = re.search(r'<script type="application/octet-stream" id="einfluence-plotly">([^<]+)</script>', html)
    return gzip.decompress(base64.b64decode(packed.group(1))).decode("utf-8")


def test_every_trace_type_the_figures_use_is_in_the_bundle():
    """A static scan of einfluence's sources: ``go.Bar(...)``, ``fig.add_bar(...)`` and the like."""
    used = set()
    for source in SOURCES.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        for name in re.findall(r"\bgo\.([A-Z]\w*)\b", text):
            kind = getattr(go, name, None)
            if isinstance(kind, type) and issubclass(kind, BaseTraceType):
                used.add(kind().type)
        for name in re.findall(r"\.add_([a-z]+)\(", text):
            kind = getattr(go, name.capitalize(), None)
            if isinstance(kind, type) and issubclass(kind, BaseTraceType):
                used.add(kind().type)
    assert {"bar", "sankey", "scatter", "scattergl", "waterfall"} <= used  # the scan finds them
    assert used <= set(bundle_spec()["traces"])


@needs_matching_plotly
def test_a_page_of_einfluence_figures_embeds_the_bundle():
    html = to_html(go.Figure([go.Bar(y=[1, 2]), go.Waterfall(y=[1, -1]), go.Scattergl(y=[3, 1])]))
    text = _embedded(html)
    assert text == BUNDLE.read_text(encoding="utf-8")
    assert text.startswith(BANNER + bundle_spec()["plotly.js"] + " ") and "partial bundle" in text.split("*/")[0]


@needs_matching_plotly
def test_a_figure_the_bundle_cannot_draw_gets_the_whole_library():
    """A user's own figure with a pie: plotly.js would draw an unknown type as a scatter."""
    from plotly.offline import get_plotlyjs

    assert not bundle_draws({"bar", "pie"}) and bundle_draws({"bar", "sankey"})
    html = to_html(go.Figure([go.Bar(y=[1, 2]), go.Pie(values=[1, 2])]))
    assert _embedded(html) == get_plotlyjs()
    assert trace_types([go.Figure(go.Pie(values=[1]))]) == {"pie"}


def test_a_plotly_for_another_major_version_gets_its_own_library(monkeypatch):
    import plotly.offline

    major = int(bundle_spec()["plotly.js"].split(".")[0])
    monkeypatch.setattr(plotly.offline, "get_plotlyjs_version", lambda: f"{major + 1}.0.0")
    plotlyjs._bundle_matches_plotly.cache_clear()
    try:
        assert not bundle_draws({"bar"})
        assert plotly_js({"bar"}) == plotly.offline.get_plotlyjs()
    finally:
        monkeypatch.undo()
        plotlyjs._bundle_matches_plotly.cache_clear()
    assert bundle_draws({"bar"})


def test_the_dashboard_refuses_a_figure_outside_the_bundle():
    bar = go.Figure(go.Bar(y=[1]))
    assert check_bundled(bar) is bar
    with pytest.raises(TypeError, match=r"trace type pie is not in einfluence's plotly\.js bundle"):
        check_bundled(go.Figure(go.Pie(values=[1])))


@needs_matching_plotly
def test_the_dashboard_serves_the_bundle():
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    from einfluence.web import static

    app = FastAPI()
    static.install(app)
    with TestClient(app) as client:
        answer = client.get(static.plotly_url())
        assert answer.status_code == 200 and answer.text == plotly_js()
        assert answer.headers["content-type"].startswith("text/javascript")
        again = client.get(static.plotly_url(), headers={"If-None-Match": answer.headers["etag"]})
        assert again.status_code == 304


@needs_matching_plotly
@pytest.mark.skipif(not (shutil.which("chromium") or shutil.which("chromium-browser")), reason="no Chromium here")
def test_the_bundle_registers_what_bundle_json_says(tmp_path):
    """In a browser: the bundle's plotly.js version and trace types are ``bundle.json``'s, and a
    figure of each type draws."""
    from einfluence.figures.browser import Browser
    from einfluence.figures.page import figure_block, page

    figures = [go.Figure(go.Bar(y=[1, 2])), go.Figure(go.Waterfall(y=[1, -1])),
               go.Figure(go.Scatter(y=[1, 3])), go.Figure(go.Scattergl(y=[2, 1])),
               go.Figure(go.Sankey(node={"label": ["a", "b"]}, link={"source": [0], "target": [1], "value": [1]}))]
    body = "".join(figure_block(fig, f"f{i}") for i, fig in enumerate(figures))
    path = tmp_path / "all.html"
    path.write_text(page("all", body, traces=trace_types(figures)), encoding="utf-8")
    with Browser() as browser:
        tab = browser.open(path)  # raises if a figure fails or the page logs an error
        try:
            version, traces, drawn = tab.evaluate(
                "[Plotly.version, Object.keys(Plotly.PlotSchema.get().traces),"
                " [...document.querySelectorAll('.figure')].map((d) => d._fullData[0].type)]")
        finally:
            tab.close()
    assert version == bundle_spec()["plotly.js"]
    assert sorted(traces) == sorted(bundle_spec()["traces"])
    assert drawn == ["bar", "waterfall", "scatter", "scattergl", "sankey"]
