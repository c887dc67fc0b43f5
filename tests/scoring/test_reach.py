"""Reach measures: hand-computed examples, networkx in-degrees, properties and the kernel."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from einfluence.base.arrays import InteractionArrays, PostArrays
from einfluence.base.kinds import AUDIENCE_KINDS, INTERACTION_KINDS, REACTION_KINDS
from einfluence.exceptions import GraphTypeError, ParameterError
from einfluence.graph import GraphView
from einfluence.graph import _kernels as graph_kernels
from einfluence.graph.selection import edge_mask
from einfluence.scoring.reach import (
    distinct_reactors,
    reactions_per_post,
    reactor_selectivity,
    received,
)


def make_view(src, dst, kind="relay", time=None, post=None, n=None) -> GraphView:
    src, dst = np.asarray(src, np.int64), np.asarray(dst, np.int64)
    m = src.size
    if isinstance(kind, str):
        kind = [kind] * m
    codes = np.array([INTERACTION_KINDS.index(k) for k in kind], np.int8).reshape(m)
    n = int(max(src.max(initial=-1), dst.max(initial=-1)) + 1) if n is None else n
    return GraphView.from_arrays(
        InteractionArrays(
            src=src,
            dst=dst,
            time=np.arange(m, dtype=np.int64) if time is None else np.asarray(time, np.int64),
            weight=np.ones(m),
            kind=codes,
            post=np.full(m, -1) if post is None else np.asarray(post, np.int64),
            n_accounts=n,
        )
    )


def random_view(
    seed: int, n: int = 30, m: int = 200, kinds=("relay", "mention", "reply", "follow")
):
    rng = np.random.default_rng(seed)
    return make_view(
        rng.integers(0, n, m),
        rng.integers(0, n, m),
        list(rng.choice(kinds, m)),
        time=rng.integers(0, 10**9, m),
        n=n,
    )


def nx_graph(view: GraphView, kinds, weight=None) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_nodes_from(range(view.n_nodes))
    keep = edge_mask(view, kinds)
    w = np.ones(view.n_edges) if weight is None else weight
    for s, d, x in zip(view.sources()[keep], view.indices[keep], w[keep], strict=True):
        g.add_edge(int(s), int(d), weight=float(x))
    return g


def permuted(view: GraphView, perm: np.ndarray) -> tuple[GraphView, np.ndarray]:
    """The view with node ``i`` renamed ``perm[i]``, and the edge order map (old -> new)."""
    src, dst = perm[view.sources()], perm[view.indices]
    new = GraphView.from_arrays(
        InteractionArrays(src, dst, view.time, view.weight, view.kind, view.post, view.n_nodes)
    )
    order = np.lexsort((view.time, src))  # from_arrays' order: new edge k = old edge order[k]
    return new, order


# ---------------------------------------------------------------------------------- received


def test_received_hand_example():
    # 1 relays 0 twice, 2 mentions 0, 3 replies to 1, 2 follows 1, 0 relays itself
    view = make_view(
        [1, 1, 2, 3, 2, 0],
        [0, 0, 0, 1, 1, 0],
        ["relay", "relay", "mention", "reply", "follow", "relay"],
    )
    assert received(view).tolist() == [3.0, 1.0, 0.0, 0.0]
    assert received(view, "relay").tolist() == [2.0, 0.0, 0.0, 0.0]
    assert received(view, ["mention", "reply"]).tolist() == [1.0, 1.0, 0.0, 0.0]
    assert received(view, AUDIENCE_KINDS).tolist() == [0.0, 1.0, 0.0, 0.0]
    assert received(view).dtype == np.float64


@pytest.mark.parametrize("seed", range(3))
def test_received_matches_networkx_in_degree(seed):
    view = random_view(seed)
    w = np.random.default_rng(seed).uniform(0, 2, view.n_edges)
    for kinds in (REACTION_KINDS, ("relay",), AUDIENCE_KINDS):
        g = nx_graph(view, kinds, w)
        nodes = range(view.n_nodes)
        assert received(view, kinds).tolist() == [g.in_degree(v) for v in nodes]
        expected = [g.in_degree(v, weight="weight") for v in nodes]
        assert np.allclose(received(view, kinds, edge_weight=w), expected)


# ------------------------------------------------------------------------- distinct reactors


def reference_distinct(view: GraphView, kinds, weight=None) -> np.ndarray:
    """Pure-Python oracle: max weight per (reactor, target) pair, summed per target."""
    w = np.ones(view.n_edges) if weight is None else weight
    best: dict[tuple[int, int], float] = {}
    keep = edge_mask(view, kinds)
    for s, d, x, k in zip(view.sources(), view.indices, w, keep, strict=True):
        if k and x > 0:
            best[(s, d)] = max(best.get((s, d), 0.0), x)
    out = np.zeros(view.n_nodes)
    for (_, d), x in best.items():
        out[d] += x
    return out


def test_distinct_reactors_hand_example():
    view = make_view(
        [1, 1, 1, 2, 3, 3],
        [0, 0, 2, 0, 3, 0],
        ["relay", "mention", "relay", "like", "relay", "follow"],
    )
    # 0: reactors 1 (twice) and 2; the follow 3 -> 0 is not a reaction; 3 -> 3 is a self-loop
    assert distinct_reactors(view).tolist() == [2.0, 0.0, 1.0, 0.0]
    assert distinct_reactors(view, AUDIENCE_KINDS).tolist() == [1.0, 0.0, 0.0, 0.0]
    # edges in view order: (1,0,relay) (1,0,mention) (1,2) (2,0) (3,3) (3,0)
    w = np.array([0.1, 0.7, 0.3, 0.5, 9.0, 9.0])
    assert np.allclose(distinct_reactors(view, edge_weight=w), [0.7 + 0.5, 0, 0.3, 0])


@pytest.mark.parametrize("seed", range(3))
def test_distinct_reactors_matches_reference(seed):
    view = random_view(seed, n=15, m=300)
    w = np.random.default_rng(seed).uniform(0, 1, view.n_edges)
    w[::7] = 0.0
    for kinds in (REACTION_KINDS, ("relay",)):
        assert np.allclose(distinct_reactors(view, kinds), reference_distinct(view, kinds))
        assert np.allclose(distinct_reactors(view, kinds, w), reference_distinct(view, kinds, w))
    g = nx.DiGraph(nx_graph(view, REACTION_KINDS))
    assert distinct_reactors(view).tolist() == [g.in_degree(v) for v in range(view.n_nodes)]


def test_distinct_pairs_kernel_matches_python():
    view = random_view(7, n=10, m=150)
    w = np.random.default_rng(7).uniform(0, 1, view.n_edges)
    mask = edge_mask(view, REACTION_KINDS)
    src, dst, best, total = graph_kernels.distinct_pairs(view.indptr, view.indices, w, mask)
    ref: dict[tuple[int, int], list[float]] = {}
    for s, d, x, k in zip(view.sources(), view.indices, w, mask, strict=True):
        if k:
            ref.setdefault((int(s), int(d)), []).append(x)
    got = {(int(s), int(d)): (b, t) for s, d, b, t in zip(src, dst, best, total, strict=True)}
    assert got.keys() == ref.keys() and len(got) == src.size
    for key, xs in ref.items():
        assert np.isclose(got[key][0], max(xs)) and np.isclose(got[key][1], sum(xs))
    assert np.all(np.diff(src) >= 0)


# ------------------------------------------------------------------------ per post, selectivity


def test_reactions_per_post():
    view = make_view([1, 2, 2, 3], [0, 0, 1, 2])
    posts = PostArrays(
        post_id=np.array([1, 2, 3, 4, 5]),
        author=np.array([0, 0, 1, 1, 2]),
        time=np.arange(5),
        kind=np.array([0, 5, 0, 1, 1], np.int8),  # original, blog, orig, relay, relay
        parent=np.array([-1, -1, -1, 9, 9]),
        root=np.array([-1, -1, -1, 9, 9]),
    )
    out = reactions_per_post(view, posts)
    assert out[:2].tolist() == [1.0, 1.0]  # 2 reactions / 2 posts; 1 / 1 (the relay is no post)
    assert np.isnan(out[2]) and np.isnan(out[3])
    empty = PostArrays(*(np.zeros(0, np.int64) for _ in range(6)))
    assert reactions_per_post(view, empty) is None
    only_relays = PostArrays(
        np.array([1]),
        np.array([0]),
        np.array([0]),
        np.array([1], np.int8),
        np.array([-1]),
        np.array([-1]),
    )
    assert reactions_per_post(view, only_relays) is None


def test_reactor_selectivity_hand_example():
    # 1 makes one reaction (to 0): worth 1; 2 makes four (0, 1, 3, 3): worth 1/4 each
    view = make_view([1, 2, 2, 2, 2], [0, 0, 1, 3, 3])
    assert reactor_selectivity(view).tolist() == [1.25, 0.25, 0.0, 0.5]
    assert reactor_selectivity(view).sum() == 2.0  # one per active reactor
    w = np.array([0.5, 1.0, 1.0, 0.0, 0.0])  # 2's reactions to 3 removed: 2 now made two
    assert reactor_selectivity(view, edge_weight=w).tolist() == [1.0, 0.5, 0.0, 0.0]


# ------------------------------------------------------------------------------- properties

MEASURES = [received, distinct_reactors, reactor_selectivity]


@pytest.mark.parametrize("measure", [received, distinct_reactors])
def test_adding_a_reaction_never_decreases(measure):
    rng = np.random.default_rng(3)
    view = random_view(3)
    base = measure(view)
    for _ in range(20):
        s, d = rng.integers(0, view.n_nodes, 2)
        src = np.append(view.sources(), s)
        more = make_view(
            src,
            np.append(view.indices, d),
            n=view.n_nodes,
            kind=[INTERACTION_KINDS[k] for k in view.kind] + ["relay"],
        )
        assert np.all(measure(more) >= base)
        if s != d:
            assert measure(more)[d] >= base[d]


@pytest.mark.parametrize("measure", MEASURES)
def test_relabelling_permutes_the_output(measure):
    view = random_view(4)
    perm = np.random.default_rng(4).permutation(view.n_nodes)
    other, order = permuted(view, perm)
    w = np.random.default_rng(5).uniform(0, 1, view.n_edges)
    expected = np.empty(view.n_nodes)
    expected[perm] = measure(view, edge_weight=w)
    assert np.allclose(measure(other, edge_weight=w[order]), expected)


@pytest.mark.parametrize("measure", MEASURES)
def test_zero_weights_mean_no_edges(measure):
    view = random_view(5)
    assert measure(view, edge_weight=np.zeros(view.n_edges)).tolist() == [0.0] * view.n_nodes
    w = np.where(view.kind == INTERACTION_KINDS.index("relay"), 0.0, 1.0)
    assert np.allclose(measure(view, edge_weight=w), measure(view, ["reply", "mention"]))


def test_bad_input():
    view = random_view(6)
    with pytest.raises(ParameterError):
        received(view, "retweet")
    with pytest.raises(ParameterError):
        received(view, edge_weight=np.ones(3))
    with pytest.raises(ParameterError):
        distinct_reactors(view, edge_weight=-np.ones(view.n_edges))
    with pytest.raises(GraphTypeError):
        received(view.to_scipy())


def test_empty_view():
    view = make_view([], [], n=3)
    for measure in MEASURES:
        assert measure(view).tolist() == [0.0, 0.0, 0.0]
