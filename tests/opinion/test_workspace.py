"""Opinion dynamics on real DuckDB files: the data tie-in, the questions a brand asks, the command line."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from typer.testing import CliRunner

from einfluence import Workspace
from einfluence.cli import app

runner = CliRunner()
LIGHT = {"n_runs": 8, "horizon": 40, "max_share": 0.25, "coarse": 6, "fine": 3}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("opinion") / "demo.duckdb"
    Workspace.create_demo(db, n_accounts=600, n_days=14, seed=2, tipping_community=True)
    with Workspace(db) as ws:
        ws.detect_mentions()
    return db


def test_contract_tipping_on_one_undirected_graph(tmp_path):
    rng = np.random.default_rng(0)
    n, m = 400, 2000
    a, b = rng.integers(0, n, m), rng.integers(0, n, m)
    edges = tmp_path / "graph.txt"
    edges.write_text("".join(f"{x} {y}\n" for x, y in zip(a, b, strict=True) if x != y))
    db = tmp_path / "graph.duckdb"
    assert runner.invoke(app, ["import", "edgelist", str(edges), "--undirected", "--db", str(db)]).exit_code == 0
    result = runner.invoke(app, ["opinion", "tipping", "--db", str(db), "--model", "naming-game", "--format", "json"])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert isinstance(shown, dict)
    cf, low, high = shown["critical_fraction"], shown["low"], shown["high"]
    assert all(isinstance(v, float) for v in (cf, low, high))
    assert low <= cf <= high
    assert 0.06 <= cf <= 0.13  # Xie et al.: about a tenth on random graphs
    assert shown["n_nodes"] == n - np.isin(np.arange(n), np.concatenate([a[a != b], b[a != b]]), invert=True).sum()
    with Workspace(db, read_only=True) as ws:
        plan = ws.plan_info(shown["plan_id"])
        assert plan["kind"] == "simulation" and plan["inputs"]["analysis"] == "opinion tipping"


def test_the_data_tie_in(demo_db):
    from einfluence.perception.influencers import brand_perception
    from einfluence.store.mentions import mention_arrays

    with Workspace(demo_db) as ws:
        data = ws.opinion_data(communities=True)
        declared = ws.brands()
        advocates = ws.advocates("Ondula", limit=None)["brands"][0]
        m = mention_arrays(ws.con, declared)
        p = brand_perception(m.mention_post, m.mention_brand, m.post_author, m.post_time, m.sentiment,
                             n_brands=len(declared))
        adv_ids = ws.account_ids([str(a["account"]) for a in advocates["advocates"]], network="microblog")
        det_ids = ws.account_ids([str(a["account"]) for a in advocates["detractors"]], network="microblog")
    o = data.opinions
    assert data.brand == "Ondula"
    assert (o.committed[adv_ids] == 1).all() and (o.committed[det_ids] == -1).all()
    assert (o.committed[declared[0]["accounts"]] == 1).all()  # the brand itself is an authority
    rows = np.flatnonzero((p.brand == 0) & (p.account >= 0))
    free = rows[o.committed[p.account[rows]] == 0]
    np.testing.assert_allclose(o.value[p.account[free]], np.clip(p.mean_sentiment[free], -1, 1))
    assert (o.sd[p.account[free]] > 0).all()
    unknown = ~o.known & (o.committed == 0)
    assert (o.value[unknown] == 0).all() and (o.sd[unknown] == 0).all()
    assert data.membership is not None and data.community_run is not None


def test_settle_convert_and_tipping_answer_the_brand(demo_db):
    with Workspace(demo_db) as ws:
        data = ws.opinion_data(communities=True)
        top = data.largest(1)[0]
        members = data.members(top)
        convert = members[np.argsort(-data.net.attention_received()[members])][:5].tolist()
        settled = ws.opinion_settle(convert=convert, n_communities=3, data=data)
        converted = ws.opinion_convert(k=3, community=top, data=data)
        tipping = ws.opinion_tipping(community=top, choose="listened", data=data, **LIGHT)
        counter = ws.opinion_tipping(community=top, side="b", data=data, **LIGHT)
        hk = ws.opinion_settle(model="hk", n_communities=2, data=data, store=False)
    before = {r["community"]: r for r in settled["scenarios"]["nothing done"]}
    after = {r["community"]: r for r in settled["scenarios"]["converted"]}
    assert after[top]["settled"] > before[top]["settled"]
    lo, hi = before[None]["settled_ci95"]
    assert lo <= before[None]["settled"] <= hi
    assert converted["greedy"]["gain"] > 0
    assert converted["greedy"]["gain"] >= (1 - 1 / math.e) * converted["top_scored"]["gain"] - 1e-12
    assert len(converted["greedy"]["accounts"]) == 3
    assert tipping["community"] == top and tipping["critical_count"] is not None
    assert len(tipping["accounts"]) == tipping["critical_count"]
    assert counter["side"] == "b"
    assert all("clusters" in r for r in hk["scenarios"]["nothing done"])
    # notebook results: tables and the tipping curve's chart
    assert tipping.kind == "opinion_tipping" and tipping.rows()[0]["critical_count"] == tipping["critical_count"]
    assert len(tipping.rows("curve")) == len(tipping["curve"])
    assert len(tipping.rows("accounts")) == tipping["critical_count"]
    assert {t.name for t in tipping.figure().data if t.name} == \
        {f"community {top} (critical share {100 * tipping['critical_fraction']:.1f}%)"}
    # and the answers of settle and convert draw their charts too
    assert settled.figure().data and converted.figure().data[0].x[1] == converted["greedy"]["mean"]
    assert [r["scenario"] for r in settled.rows()].count("converted") == len(settled["scenarios"]["converted"])
    assert converted.rows()[1]["gain"] == converted["greedy"]["gain"]
    assert len(converted.rows("greedy")) == 3
    assert hk.rows("clusters") and all(r["accounts"] > 0 for r in hk.rows("clusters"))


def test_commands_print_tables_and_json(demo_db, tmp_path):
    common = ["--db", str(demo_db)]
    result = runner.invoke(app, ["opinion", "settle", *common, "--communities", "3"])
    assert result.exit_code == 0, result.output
    assert "where perception settles" in result.stdout and "community" in result.stdout
    result = runner.invoke(app, ["opinion", "convert", "Ondula", *common, "--k", "2", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert set(json.loads(result.stdout)) >= {"greedy", "top_scored", "nothing_done"}
    result = runner.invoke(app, ["opinion", "tipping", *common, "--by-community", "--communities", "2", "--runs", "6",
                                 "--horizon", "30", "--max-share", "0.2", "--detractors",
                                 "--plot", str(tmp_path / "tipping.html")])
    assert result.exit_code == 0, result.output
    assert "critical share" in result.stdout and "detractors" in result.stdout
    assert "community 0" in (tmp_path / "tipping.html").read_text(encoding="utf-8")


def test_bad_options_are_one_line(demo_db):
    result = runner.invoke(app, ["opinion", "tipping", "--db", str(demo_db), "--model", "zealots"])
    assert result.exit_code == 1
    assert result.stderr.startswith("einfluence: error: --model") and result.stderr.count("\n") == 1
    result = runner.invoke(app, ["opinion", "settle", "Nobrand", "--db", str(demo_db)])
    assert result.exit_code == 1 and "no declared brand" in result.stderr


@pytest.mark.parametrize(("method", "kwargs", "parameter"), [
    ("opinion_tipping", {"by_community": True, "undecided": "undecided"}, "undecided"),
    ("opinion_tipping", {"by_community": True, "horizon": 0}, "horizon"),
    ("opinion_tipping", {"by_community": True, "n_runs": 0}, "n_runs"),
    ("opinion_tipping", {"by_community": True, "max_share": 1.5}, "max_share"),
    ("opinion_tipping", {"by_community": True, "random_state": -1}, "random_state"),
    ("opinion_tipping", {"community": 0, "model": "zealots"}, "model"),
    ("opinion_settle", {"susceptibility": float("nan")}, "susceptibility"),
    ("opinion_settle", {"n_communities": -1}, "n_communities"),
    ("opinion_settle", {"model": "degroot", "n_steps": 0}, "n_steps"),
    ("opinion_settle", {"convert": [-1]}, "convert"),
    ("opinion_convert", {"community": 0, "k": -1}, "k"),
    ("opinion_convert", {"community": 0, "susceptibility": 2.0}, "susceptibility"),
])
def test_bad_parameters_are_refused_before_anything_is_stored(tmp_path, method, kwargs, parameter):
    from einfluence.exceptions import EinfluenceError
    from tests.conftest import table_counts

    rng = np.random.default_rng(1)
    edges = tmp_path / "graph.txt"
    edges.write_text("".join(f"{a} {b}\n" for a, b in rng.integers(0, 60, (240, 2)) if a != b))
    db = tmp_path / "graph.duckdb"
    assert runner.invoke(app, ["import", "edgelist", str(edges), "--undirected", "--db", str(db)]).exit_code == 0
    with Workspace(db) as ws:
        before = table_counts(ws)  # no community run yet: one would be computed and stored
        with pytest.raises(EinfluenceError) as caught:
            getattr(ws, method)(**kwargs)
        assert caught.value.parameter == parameter and str(caught.value).startswith(parameter + ": ")
        assert table_counts(ws) == before


def test_the_planted_community_tips_with_fewer_advocates(demo_db):
    with Workspace(demo_db) as ws:
        truth = ws.truth("tipping").to_pylist()
        data = ws.opinion_data(communities=True)
        ids = ws.account_ids([r["id"] for r in truth], network="microblog")
    membership = data.membership[ids]
    planted = int(np.bincount(membership[membership >= 0]).argmax())
    fans = [i for i, r in zip(ids, truth, strict=True) if r["stance"] == "fan"]
    assert data.opinions.value[fans].mean() > 0.2  # the fans' mentions read as favourable
    with Workspace(demo_db) as ws:
        result = ws.opinion_tipping(by_community=True, n_communities=4, data=data, store=False,
                                    **{**LIGHT, "n_runs": 12})
    rows = {r["community"]: r for r in result["communities"]}
    others = [r["critical_fraction"] for c, r in rows.items() if c != planted and r["critical_fraction"]
              and r["committed_for"] <= 1]
    assert rows[planted]["share_for_at_start"] > 0.3
    assert rows[planted]["critical_fraction"] < min(others)
