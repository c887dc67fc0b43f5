"""The Spark engine's score is the local engine's: same counts, components, points and ranking."""

from __future__ import annotations

import numpy as np
import pytest

from einfluence import Workspace
from einfluence.base import InteractionArrays
from einfluence.graph import GraphView
from einfluence.scoring import einfluence_score
from einfluence.scoring.pagerank import pagerank
from einfluence.spark.pagerank import spark_pagerank
from einfluence.spark.score import spark_score
from tests.conftest import shared_path
from tests.spark.conftest import CONF, MASTER

HOUR = 3_600_000_000


def _same(local, spark_result):
    """Exact agreement of everything a run stores, and of the integer points."""
    assert np.array_equal(local.active, spark_result.active)
    assert np.array_equal(local.reactors, spark_result.reactors)
    assert local.available == spark_result.available
    assert local.params == spark_result.params
    for name, values in local.components.items():
        np.testing.assert_array_equal(spark_result.components[name], values, err_msg=name)
    np.testing.assert_array_equal(spark_result.score, local.score)
    np.testing.assert_array_equal(spark_result.index, local.index)
    for name, values in local.points.items():
        np.testing.assert_array_equal(np.round(spark_result.points[name]), np.round(values), err_msg=name)
    np.testing.assert_array_equal(spark_result.rank(), local.rank())


def _timed_relays(seed: int = 0, n: int = 60, m: int = 900) -> GraphView:
    """Interactions without posts, with times: the time rule of depth, momentum, dangling accounts."""
    rng = np.random.default_rng(seed)
    src, dst = rng.integers(0, n, m), rng.zipf(1.6, m) % n
    time = np.sort(rng.integers(0, 200 * HOUR, m))
    time[rng.random(m) < 0.05] = np.iinfo(np.int64).min  # a few untimed events
    kind = rng.choice(np.array([0, 0, 0, 2, 3, 5], np.int8), m)
    return GraphView.from_arrays(InteractionArrays(src=src, dst=dst, time=time, weight=np.ones(m), kind=kind,
                                                   post=np.full(m, -1), n_accounts=n + 5))


def test_time_rule_without_posts_is_exact(spark):
    view = _timed_relays()
    local = einfluence_score(view)
    got = spark_score(view, session=spark)
    _same(local, got.score)
    assert got.score.available["depth"] and got.score.available["momentum"]
    kinds = np.bincount(view.kind, minlength=8)
    assert got.counts == {name: int(kinds[code]) for code, name in enumerate(
        ("relay", "reply", "mention", "quote", "like", "follow", "hyperlink", "subscription")) if kinds[code]}
    assert got.engine["name"] == "spark" and got.engine["calibrated_on"] == "driver"


def test_networks_ending_at_different_times_decay_from_their_own_last_event(spark):
    """Two networks, the second's data a year later: each interaction carries its network's anchor."""
    a, b = _timed_relays(seed=2), _timed_relays(seed=3)
    n = a.n_nodes
    later = np.where(b.time == np.iinfo(np.int64).min, b.time, b.time + 365 * 24 * HOUR)
    view = GraphView.from_arrays(InteractionArrays(
        src=np.concatenate([a.sources(), b.sources() + n]), dst=np.concatenate([a.indices, b.indices + n]),
        time=np.concatenate([a.time, later]), weight=np.ones(a.n_edges + b.n_edges),
        kind=np.concatenate([a.kind, b.kind]), post=np.full(a.n_edges + b.n_edges, -1), n_accounts=2 * n))
    groups = np.repeat([0, 1], n)
    local = einfluence_score(view, groups=groups)
    _same(local, spark_score(view, groups=groups, session=spark).score)
    # the first network's reach is its own: decayed from its last event, not a year later
    assert np.nanmax(local.components["reach"][:n]) > 1.0


def test_pagerank_within_1e_6_of_the_local_one(spark):
    view = _timed_relays(seed=1)
    keep = (view.kind != 5) & (view.sources() != view.indices)
    weight = np.exp2(-np.arange(view.n_edges) / 400.0)
    local = pagerank(view, edge_weight=weight)
    arcs = spark.createDataFrame([(int(e), int(s), int(d), float(weight[e])) for e, s, d in zip(
        np.flatnonzero(keep), view.sources()[keep], view.indices[keep], strict=True)], "e long, src long, dst long, w double")
    rank, n_iter = spark_pagerank(spark, arcs, view.n_nodes, n_blocks=3, driver_below=0)
    assert np.abs(rank - local).max() < 1e-6
    assert n_iter > 10 and abs(rank.sum() - 1) < 1e-12
    # a graph this small is iterated on the driver by default: the same products, bit for bit
    on_driver, n_driver = spark_pagerank(spark, arcs, view.n_nodes, n_blocks=3)
    assert n_driver == n_iter and np.array_equal(on_driver, rank)


def test_demo_world_through_the_workspace(spark, demo_db):
    with Workspace(demo_db) as ws:
        local_run, local = ws.score()
        with Workspace(demo_db, engine="spark", master=MASTER, spark_conf=CONF) as sws:
            spark_run, on_spark = sws.score()
            again = sws.score_run_for()
        _same(local, on_spark)
        assert again == spark_run != local_run  # found, not recomputed; not taken for the local run
        info = ws.run_info(spark_run)
        assert info["params"]["engine"]["name"] == "spark"
        assert info["params"]["engine"]["master"] == MASTER
        assert info["params"]["request"]["engine"] == "spark"
        assert "engine" not in ws.run_info(local_run)["params"]
        assert ws.score_run_for() == local_run
        a, b = ws.rank(local_run, limit=None), ws.rank(spark_run, limit=None)
        assert a.column("account_id").to_pylist() == b.column("account_id").to_pylist()
        assert a.column("score").to_pylist() == b.column("score").to_pylist()


@pytest.mark.slow
def test_polblogs_is_exact(spark, tmp_path):
    gml = shared_path("polblogs", "polblogs.gml")
    with Workspace(tmp_path / "polblogs.duckdb") as ws:
        ws.import_files("gml", [gml])
        view, posts = ws.graph(), ws.posts()
        groups = ws.context.accounts().network[: view.n_nodes]
    local = einfluence_score(view, posts, groups=groups)
    got = spark_score(view, posts, groups=groups, session=spark)
    _same(local, got.score)
    assert got.counts == {"hyperlink": view.n_edges}


def test_time_rule_ties_and_the_gap_edge_are_the_local_ones(spark):
    """A relay of v at the very time v relayed is not "after" it; one at exactly t + 24 h is within."""
    day = 24 * HOUR
    t0, t1, t2 = 100 * HOUR, 300 * HOUR, 500 * HOUR
    # 1 -> 0 relayed only at its own time (not after); 4 -> 0 relayed at exactly t + 24 h (within);
    # 6 -> 0 relayed 1 microsecond too late
    src = np.array([1, 2, 4, 5, 6, 7, 3])
    dst = np.array([0, 1, 0, 4, 0, 6, 0])
    time = np.array([t0, t0, t1, t1 + day, t2, t2 + day + 1, t0 + 5])
    order = np.lexsort((time, src))
    view = GraphView.from_arrays(InteractionArrays(
        src=src[order], dst=dst[order], time=time[order], weight=np.ones(7), kind=np.zeros(7, np.int8),
        post=np.full(7, -1), n_accounts=8))
    local = einfluence_score(view)
    _same(local, spark_score(view, session=spark).score)
    assert local.available["depth"]
