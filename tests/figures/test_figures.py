"""The figure builders: each draws the numbers of the result it is given, safely, in both languages."""

from __future__ import annotations

import json
import re
import shutil

import numpy as np
import pytest

from einfluence import Workspace
from einfluence import figures as F
from einfluence.exceptions import ParameterError


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """Results of a small demo world, computed once."""
    path = tmp_path_factory.mktemp("figures") / "demo.duckdb"
    Workspace.create_demo(path, n_accounts=600, n_days=14, seed=4)
    with Workspace(path) as ws:
        run, _ = ws.score()
        rows = ws.rank(run, limit=15).to_pylist()
        ws.communities()
        ws.detect_mentions()
        yield {
            "rows": rows,
            "explain": ws.explain(rows[0]["account"], run_id=run),
            "history": ws.history(width_hours=24 * 3),
            "simulation": ws.simulate_seeds(ws.account_ids([r["account"] for r in rows[:2]]), n_simulations=200,
                                            store=False),
            "perception": ws.brand_perception(),
            "advocates": ws.advocates(),
            "map": ws.community_map(max_accounts=300),
        }


def trace_values(fig, name):
    return [t for t in fig.data if t.name == name]


def test_ranking_bars_add_up_to_the_score(demo):
    rows = demo["rows"]
    fig = F.ranking_figure(rows, top=10)
    bars = [t for t in fig.data if t.type == "bar"]
    totals = np.sum([np.asarray(t.x, dtype=float) for t in bars], axis=0)
    expected = [r["score"] for r in rows[:10]][::-1]  # best drawn at the top
    np.testing.assert_allclose(totals, expected, atol=1e-6)
    # the labels carry the rank and the name, the numbers are printed beside the bars
    assert bars[0].y[-1].startswith("1. ")
    labels = next(t for t in fig.data if t.type == "scatter").text
    assert labels[-1] == f"{rows[0]['score']:.1f}"


def test_explanation_waterfall_ends_at_the_score(demo):
    e = demo["explain"]
    fig = F.explanation_figure(e)
    waterfall = next(t for t in fig.data if t.type == "waterfall")
    assert waterfall.text[-1] == f"{e['scored']['score']:.1f}"
    assert sum(waterfall.y) == pytest.approx(e["scored"]["score"], abs=1e-6)


def test_an_untimed_explanation_says_it_has_no_daily_reactions(demo):
    e = {**demo["explain"], "daily_reactions": []}
    fig = F.explanation_figure(e)
    assert [a.text for a in fig.layout.annotations if a.text == "no dated reaction in this data"]
    assert fig.layout.xaxis2.visible is False
    assert not [a.text for a in F.explanation_figure(demo["explain"]).layout.annotations
                if a.text == "no dated reaction in this data"]


def test_long_names_beside_points_are_cut_and_whole_in_the_hover(demo):
    """A page's name drawn beside a point of the ego network would run over its neighbours."""
    from einfluence.web.figures import ego_figure

    long = "Honolulu District, U.S. Army Corps of Engineers"
    e = {**demo["explain"], "handle": None, "name": long,
         "top_reactors": [{"account": "1", "handle": None, "name": long, "reactions": 3, "kinds": "relay"}]}
    reactors, centre = [t for t in ego_figure(e).data if t.mode == "markers+text"]
    assert reactors.text[0] == "Honolulu District, U.S.… (3)" and centre.text[0] == "Honolulu District, U.S.…"
    assert long in reactors.hovertext[0] and centre.hovertext[0] == long


def test_french_labels(demo):
    en = F.ranking_figure(demo["rows"], lang="en").layout.title.text
    fr = F.ranking_figure(demo["rows"], lang="fr").layout.title.text
    assert en != fr and "influen" in fr.lower()
    with pytest.raises(ParameterError, match="lang"):
        F.ranking_figure(demo["rows"], lang="de")


def test_every_builder_draws_its_result(demo):
    brand = demo["advocates"]["brands"][0]
    figures = {
        "trends": F.trends_figure(demo["history"]),
        "simulation": F.simulation_figure(demo["simulation"]),
        "perception": F.perception_figure(demo["perception"]),
        "funnel": F.funnel_figure(brand),
        "map": F.community_map_figure(demo["map"]),
    }
    for name, fig in figures.items():
        assert fig.data, name
        assert fig.layout.title.text, name
    # the simulated spread is the curve drawn
    curve = figures["simulation"].data[0]
    np.testing.assert_allclose(curve.y, demo["simulation"]["spread_by_step"])
    # the funnel's flows: out of "aware" go exactly the accounts that are aware or further on
    sankey = figures["funnel"].data[0]
    funnel = brand["funnel"]
    aware_out = sum(v for s, v in zip(sankey.link.source, sankey.link.value, strict=True) if s == 1)
    assert aware_out == sum(funnel.get(k, 0) for k in ("aware", "engaged", "amplifier", "advocate", "detractor"))
    # perception: one bar per brand with a mean sentiment, at its mean
    bars = figures["perception"].data[0]
    means = [b["mean_sentiment"] for b in demo["perception"]["brands"] if b.get("mean_sentiment") is not None]
    np.testing.assert_allclose(bars.y, means)


def test_community_map_draws_every_node_once_and_marks_leaders(demo):
    cmap = demo["map"]
    fig = F.community_map_figure(cmap)
    markers = [t for t in fig.data if t.mode == "markers" and t.name not in ("leader", "broker")]
    assert sum(len(t.x) for t in markers) == len(cmap["nodes"])
    leaders = [t for t in fig.data if t.name == "leader"]
    assert len(leaders) == 1 and len(leaders[0].x) == sum(n["leader"] for n in cmap["nodes"])
    # the map itself: finite positions, members nearer their own community's centre than others'
    xy = np.array([[n["x"], n["y"]] for n in cmap["nodes"]])
    community = np.array([n["community"] for n in cmap["nodes"]])
    assert np.isfinite(xy).all()
    centres = {c: xy[community == c].mean(axis=0) for c in np.unique(community)}
    if len(centres) > 1:
        keys = list(centres)
        nearest = [keys[int(np.argmin([np.linalg.norm(p - centres[c]) for c in keys]))] for p in xy]
        assert np.mean(np.array(nearest) == community) > 0.9


HOSTILE = '<a href="javascript:alert(1)">x</a><img src=x onerror=alert(2)>'


def test_text_from_the_data_is_shown_literally(demo):
    rows = [dict(r) for r in demo["rows"][:3]]
    rows[0]["handle"] = HOSTILE
    fig = F.ranking_figure(rows)
    spec = json.dumps(fig.to_plotly_json()["data"])
    assert "<a " not in spec and "<img" not in spec
    assert "&lt;a href" in spec
    brand = dict(demo["advocates"]["brands"][0], brand=HOSTILE)
    assert "<img" not in F.funnel_figure(brand).layout.title.text


def test_an_account_without_a_handle_is_named_by_its_name_literally(demo):
    """A name stands in for the missing handle (not the id), as text; a right-to-left override
    in it is shown as an escape: it would reverse the rest of the label (the score)."""
    rows = [dict(r) for r in demo["rows"][:3]]
    rows[0].update(handle=None, name=HOSTILE + " page\u202eeman")
    rows[1].update(handle=None, name="U.S. Army")
    names = set(next(t for t in F.ranking_figure(rows).data if t.type == "bar").y)
    assert "1. &lt;a href=\"javascript:alert(1)\"&gt;x&lt;/a&gt;&lt;img src=x onerror=alert(2)&gt; page\\u202eeman" in names
    assert "2. U.S. Army" in names


def test_html_opens_without_the_network(demo, tmp_path):
    path = F.save(F.ranking_figure(demo["rows"]), tmp_path / "ranking.html")
    html = path.read_text(encoding="utf-8")
    assert "Plotly.newPlot" in html or "newPlot" in html
    # no script, style sheet or image is fetched from elsewhere
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=[\"']?(https?:)?//", html, re.I)


def test_unknown_ending_is_refused(demo, tmp_path):
    with pytest.raises(ParameterError, match=r"\.png"):
        F.save(F.ranking_figure(demo["rows"]), tmp_path / "ranking.jpg")


@pytest.mark.skipif(not (shutil.which("chromium") or shutil.which("chromium-browser")), reason="no Chromium here")
def test_pictures_are_drawn_inside_a_running_event_loop(demo, tmp_path):
    """As from a notebook's cell, where an asyncio loop runs: Playwright's synchronous API
    refuses to run in that thread, so the browser drives Chromium from its own."""
    import asyncio

    async def cell():
        asyncio.get_running_loop()  # the situation of a notebook
        return F.save(F.ranking_figure(demo["rows"]), tmp_path / "ranking.svg")

    svg = asyncio.run(cell()).read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "</svg>" in svg


def test_funnel_title_counts_in_the_readers_grammar():
    brand = {"brand": "Vélo", "funnel": {"aware": 4, "advocate": 3, "detractor": 1, "unaware": 0}}
    fr = F.funnel_figure(brand, lang="fr").layout.title.text
    en = F.funnel_figure(brand).layout.title.text
    assert "3 ambassadeurs" in fr and "1 détracteur," in fr and "0 ne connaît pas" in fr
    assert "3 advocates" in en and "1 detractor," in en and "0 unaware" in en
