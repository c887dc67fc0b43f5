"""Graph views agree with networkx and never leak interactions outside their window."""

from __future__ import annotations

from datetime import datetime, timedelta

import networkx as nx
import numpy as np
import pytest

from einfluence.base.arrays import InteractionArrays
from einfluence.graph.view import GraphView
from einfluence.io import Records

T0 = datetime(2026, 9, 7)


def _random_records(seed: int, n_nodes: int = 40, n_edges: int = 300) -> Records:
    rng = np.random.default_rng(seed)
    src = rng.integers(0, n_nodes, n_edges)
    dst = rng.integers(0, n_nodes, n_edges)
    keep = src != dst
    hours = rng.integers(0, 24 * 10, n_edges)
    return Records.from_columns(
        interactions={
            "network": "t",
            "src": [f"u{i}" for i in src[keep]],
            "dst": [f"u{i}" for i in dst[keep]],
            "kind": rng.choice(["relay", "mention", "reply"], keep.sum()),
            "time": [T0 + timedelta(hours=int(h)) for h in hours[keep]],
            "weight": rng.uniform(0.5, 2.0, keep.sum()),
        }
    )


def _nx_graph(ws, since=None, until=None) -> tuple[nx.MultiDiGraph, dict[str, int]]:
    ids = dict(ws.sql("SELECT source_id, account_id FROM accounts").fetchall())
    g = nx.MultiDiGraph()
    g.add_nodes_from(ids.values())
    rows = ws.sql(
        "SELECT src_id, dst_id, weight, created_at FROM interactions"
    ).fetchall()
    for s, d, w, t in rows:
        if (since is None or t >= since) and (until is None or t < until):
            g.add_edge(s, d, weight=w)
    return g, ids


def test_degrees_and_adjacency_match_networkx(workspace):
    workspace.add_records(_random_records(1))
    view = workspace.graph()
    reference, _ = _nx_graph(workspace)
    assert view.n_edges == reference.number_of_edges()
    nodes = np.arange(view.n_nodes)
    assert view.in_degree().tolist() == [reference.in_degree(n) for n in nodes]
    assert view.out_degree().tolist() == [reference.out_degree(n) for n in nodes]
    assert np.allclose(view.in_degree(weighted=True), [reference.in_degree(n, weight="weight") for n in nodes])
    dense = nx.to_numpy_array(reference, nodelist=list(nodes), weight="weight")
    assert np.allclose(view.to_scipy().toarray(), dense)
    assert np.allclose(view.reverse().toarray(), dense.T)


def test_window_is_half_open_and_strict(workspace):
    workspace.add_records(_random_records(2))
    since, until = T0 + timedelta(days=2), T0 + timedelta(days=5)
    view = workspace.graph(since=since, until=until)
    reference, _ = _nx_graph(workspace, since, until)
    assert view.n_edges == reference.number_of_edges()
    epoch_us = lambda t: int((t - datetime(1970, 1, 1)).total_seconds()) * 1_000_000  # noqa: E731
    assert view.time.min() >= epoch_us(since)
    assert view.time.max() < epoch_us(until)


def test_rows_are_time_ordered_and_kinds_filter(workspace):
    workspace.add_records(_random_records(3))
    view = workspace.graph(kinds=["relay"])
    assert view.kind_mask("relay").all()
    for u in range(view.n_nodes):
        row_times = view.time[view.indptr[u] : view.indptr[u + 1]]
        assert np.all(np.diff(row_times) >= 0)
    total = workspace.sql("SELECT count(*) FROM interactions WHERE kind = 'relay'").fetchall()[0][0]
    assert view.n_edges == total


def test_untimed_interactions_only_without_window(workspace):
    workspace.add_records(
        Records.from_columns(
            interactions={"network": "t", "src": ["a", "b"], "dst": ["b", "c"], "kind": ["follow", "relay"], "time": [None, T0]}
        )
    )
    assert workspace.graph().n_edges == 2
    assert workspace.graph(until=T0 + timedelta(days=1)).n_edges == 1
    assert workspace.graph(until=T0).n_edges == 0


def test_edge_subgraph_keeps_exactly_the_masked_edges(workspace):
    import pytest

    from einfluence.base.arrays import InteractionArrays
    from einfluence.exceptions import ParameterError
    from einfluence.graph import GraphView

    workspace.add_records(_random_records(5))
    view = workspace.graph(since=T0, until=T0 + timedelta(days=8))
    mask = np.random.default_rng(0).random(view.n_edges) < 0.4
    sub = view.edge_subgraph(mask)
    src = view.sources()
    # the same graph as building a view from the kept edges only
    rebuilt = GraphView.from_arrays(
        InteractionArrays(
            src=src[mask], dst=view.indices[mask], time=view.time[mask], weight=view.weight[mask],
            kind=view.kind[mask], post=view.post[mask], n_accounts=view.n_nodes,
        )
    )
    assert sub.n_nodes == view.n_nodes and sub.n_edges == int(mask.sum())
    for name in ("indptr", "indices", "weight", "time", "kind", "post"):
        assert np.array_equal(getattr(sub, name), getattr(rebuilt, name)), name
    assert np.array_equal(sub.sources(), src[mask])
    assert (sub.since, sub.until, sub.kinds, sub.networks) == (view.since, view.until, view.kinds, view.networks)
    assert sub.in_degree().sum() == mask.sum()
    assert view.edge_subgraph(np.ones(view.n_edges, bool)).to_scipy().toarray().tolist() == (
        view.to_scipy().toarray().tolist()
    )
    with pytest.raises(ParameterError):
        view.edge_subgraph(mask[:-1])
    with pytest.raises(ParameterError):
        view.edge_subgraph(mask.astype(int))


def test_sorted_arrays_with_untimed_rows_are_not_sorted_again():
    """Rows already in (source, time) order, untimed ones (NO_TIME) first, are kept as they are:
    the check must not subtract NO_TIME (-2**63) from a time, which overflows."""
    from einfluence.base import NO_TIME, InteractionArrays
    from einfluence.graph import GraphView

    src = np.array([0, 0, 0, 1, 1, 2], dtype=np.int64)
    time = np.array([NO_TIME, 5, 9, NO_TIME, 2**62, 3], dtype=np.int64)
    dst = np.array([1, 2, 3, 0, 2, 1], dtype=np.int64)
    arrays = InteractionArrays(src=src, dst=dst, time=time, weight=np.ones(6), kind=np.zeros(6, np.int8),
                               post=np.full(6, -1), n_accounts=4)
    view = GraphView.from_arrays(arrays)
    assert np.shares_memory(view.indices, dst) and np.shares_memory(view.time, time)
    shuffled = GraphView.from_arrays(InteractionArrays(
        src=src[::-1].copy(), dst=dst[::-1].copy(), time=time[::-1].copy(), weight=np.ones(6),
        kind=np.zeros(6, np.int8), post=np.full(6, -1), n_accounts=4))
    assert shuffled.time.tolist() == time.tolist() and shuffled.indices.tolist() == dst.tolist()


@pytest.mark.parametrize("n_edges", [0, 1, 7, 40])
def test_sources_of_a_few_edges_among_many_accounts(n_edges):
    """The binary-search path (few edges, many accounts: a day's window of a large workspace)
    gives the same array as the pass over every account."""
    rng = np.random.default_rng(n_edges)
    n = 1000
    src = np.sort(np.concatenate([rng.integers(0, n, n_edges - min(n_edges, 2)), [0, n - 1][:min(n_edges, 2)]]))
    dst = rng.integers(0, n, src.size)
    view = GraphView.from_arrays(InteractionArrays(
        src=src, dst=dst, time=np.zeros(src.size, np.int64), weight=np.ones(src.size),
        kind=np.zeros(src.size, np.int8), post=np.full(src.size, -1), n_accounts=n))
    assert view.n_edges * 8 < view.n_nodes
    expected = np.repeat(np.arange(n, dtype=np.int64), np.diff(view.indptr))
    got = view.sources()
    assert got.dtype == np.int64 and np.array_equal(got, expected) and np.array_equal(got, src)
