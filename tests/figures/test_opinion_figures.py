"""The opinion figures draw the numbers of the results they are given (as the workspace returns
them), tell their series apart without colour, speak French, and show text from the data literally."""

from __future__ import annotations

import json

import numpy as np
import pytest

from einfluence import Workspace
from einfluence import figures as F

LIGHT = {"n_runs": 8, "horizon": 40, "max_share": 0.25, "coarse": 6, "fine": 3}


@pytest.fixture(scope="module")
def answers(tmp_path_factory):
    """Where opinion settles (with two converts), tipping points and whom to convert, on a small
    demo world with its planted tipping community."""
    path = tmp_path_factory.mktemp("opinion-figures") / "demo.duckdb"
    Workspace.create_demo(path, n_accounts=300, n_days=14, seed=0, tipping_community=True)
    with Workspace(path) as ws:
        ws.score()
        ws.detect_mentions()
        data = ws.opinion_data(communities=True)
        top = data.largest(2)
        whom = ws.opinion_convert(k=2, community=top[0], data=data, store=False)
        converts = [a["account"] for a in whom["greedy"]["accounts"]]
        ids = ws.account_ids(converts, networks=[a["network"] for a in whom["greedy"]["accounts"]]).tolist()
        yield {
            "settle": ws.opinion_settle(convert=ids, n_communities=3, data=data, store=False),
            "hk": ws.opinion_settle(model="hk", n_communities=2, data=data, store=False),
            "tipping": ws.opinion_tipping(by_community=True, n_communities=2, choose="listened", data=data,
                                          store=False, **LIGHT),
            "convert": whom,
        }


def test_settle_draws_now_and_both_endings_with_their_intervals(answers):
    r = answers["settle"]
    fig = F.settle_figure(r)
    now, nothing, converted = fig.data
    base, after = r["scenarios"]["nothing done"], r["scenarios"]["converted"]
    np.testing.assert_allclose(now.x, [row["now"] for row in base])
    np.testing.assert_allclose(nothing.x, [row["settled"] for row in base])
    np.testing.assert_allclose(converted.x, [row["settled"] for row in after])
    # one row per population, everyone first; error bars reach the API's 95 % intervals
    assert nothing.y[0] == "everyone" and len(set(nothing.y)) == len(base)
    low = np.asarray(nothing.x) - np.asarray(nothing.error_x.arrayminus)
    high = np.asarray(nothing.x) + np.asarray(nothing.error_x.array)
    np.testing.assert_allclose(low, [row["settled_ci95"][0] for row in base])
    np.testing.assert_allclose(high, [row["settled_ci95"][1] for row in base])
    # the scenarios differ by marker shape, not by colour alone; the legend counts the converts
    assert len({t.marker.symbol for t in fig.data}) == 3
    assert converted.name == f"settled, {len(r['converted'])} new advocates"


def test_settle_without_intervals(answers):
    """Hegselmann-Krause gives no interval for the settled opinion: no error bar is drawn for it."""
    fig = F.settle_figure(answers["hk"])
    assert len(fig.data) == 2 and fig.data[1].error_x.visible is False
    assert fig.data[0].error_x.visible is True  # the measurement interval of now


def test_convert_draws_the_three_plans(answers):
    r = answers["convert"]
    bars = F.convert_figure(r).data[0]
    np.testing.assert_allclose(bars.x, [r["nothing_done"], r["greedy"]["mean"], r["top_scored"]["mean"]])
    assert f"{r['greedy']['gain']:+.3f}".replace("-", "\u2212") in bars.text[1]
    low, high = F.convert_figure(r).layout.xaxis.range
    assert low <= min(bars.x) and high >= max(bars.x)


def test_tipping_names_each_critical_share(answers):
    r = answers["tipping"]
    fig = F.tipping_figure(r)
    curves = [t for t in fig.data if t.mode == "lines+markers"]
    populations = [r, *r["communities"]]
    assert len(curves) == len(populations)
    for curve, p in zip(curves, populations, strict=True):
        np.testing.assert_allclose(curve.y, [pt["flip"] for pt in sorted(p["curve"], key=lambda pt: pt["fraction"])])
        if p["critical_fraction"] is not None:
            assert f"critical share {100 * p['critical_fraction']:.1f}%" in curve.name
    assert len({c.marker.symbol for c in curves}) == len(curves)


def test_french_and_literal_text(answers):
    r = dict(answers["convert"], brand='<img src=x onerror="alert(1)">')
    fig = F.convert_figure(r, lang="fr")
    assert "cible" in fig.layout.title.text and "<img" not in fig.layout.title.text
    assert fig.layout.title.text.startswith("&lt;img")
    settle = F.settle_figure(answers["settle"], lang="fr")
    assert "aujourd'hui" in json.dumps(settle.to_plotly_json()["data"], ensure_ascii=False)
    assert "jeu de nommage" in F.tipping_figure(answers["tipping"], lang="fr").layout.title.text
