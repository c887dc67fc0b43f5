"""Workspace results in notebooks: still dicts, tables in one call, a chart, escaped HTML."""

from __future__ import annotations

import json

import pytest

from einfluence import Workspace
from einfluence.exceptions import ParameterError
from einfluence.workspace.results import Result


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    path = tmp_path_factory.mktemp("results") / "demo.duckdb"
    Workspace.create_demo(path, n_accounts=300, n_days=7, seed=2)
    with Workspace(path) as workspace:
        workspace.score()
        workspace.detect_mentions()
        workspace.communities()
        yield workspace


def test_results_stay_plain_dicts(ws):
    account = ws.rank(limit=1).to_pylist()[0]["account"]
    e = ws.explain(account)
    assert isinstance(e, dict) and isinstance(e, Result) and e.kind == "explanation"
    assert json.loads(json.dumps(e, default=str))["account"] == account


def test_every_table_converts_in_one_call(ws):
    pd = pytest.importorskip("pandas")
    account = ws.rank(limit=1).to_pylist()[0]["account"]
    e = ws.explain(account)
    frame = e.to_pandas()
    assert isinstance(frame, pd.DataFrame)
    assert frame["points"].sum() + 1 == pytest.approx(e["scored"]["score"])
    adv = ws.advocates()
    funnel = adv.to_pandas()
    assert list(funnel["brand"]) == [b["brand"] for b in adv["brands"]]
    assert funnel["advocate"].tolist() == [b["funnel"]["advocate"] for b in adv["brands"]]
    perception = ws.brand_perception()
    for part in perception.parts():
        assert len(perception.to_pandas(part)) == len(perception.rows(part))
    shortlist = ws.shortlist(limit=5)
    assert shortlist.to_pandas()["account"].tolist() == ws.rank(limit=5).to_pandas()["account"].tolist()
    with pytest.raises(ParameterError, match="part"):
        perception.to_pandas("nope")


def test_polars_too(ws):
    pl = pytest.importorskip("polars")
    assert isinstance(ws.brand_perception().to_polars(), pl.DataFrame)


def test_charts_and_html(ws):
    adv = ws.advocates()
    fig = adv.figure(lang="fr")
    assert fig.data and "recommandation" in fig.layout.title.text
    html = Result("perception", {"brands": [], "influencers": [
        {"account": 1, "handle": "<img src=x onerror=alert(1)>", "mentions": 2}]})._repr_html_()
    assert "<img" not in html and "&lt;img" in html
    with pytest.raises(ParameterError, match="no chart"):
        ws.community_report().figure()
