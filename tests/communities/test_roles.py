"""Leaders, brokers and summaries of communities."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from einfluence.communities import (
    brokers,
    community_leaders,
    community_summary,
    internal_reach,
    leiden_communities,
)
from einfluence.exceptions import GraphTypeError, ParameterError
from tests.communities._helpers import make_view


def _hub_world(seed=0):
    """Three communities of 30; in each, a planted hub gets relays from most members."""
    rng = np.random.default_rng(seed)
    src, dst, kind = [], [], []
    hubs = []
    for c in range(3):
        members = np.arange(30 * c, 30 * c + 30)
        hub = int(members[rng.integers(30)])
        hubs.append(hub)
        for v in members:
            if v != hub and rng.random() < 0.8:
                src += [int(v)] * 3  # repeated reactions count once
                dst += [hub] * 3
                kind += ["relay", "like", "reply"]
            for u in rng.choice(members, 3):
                if u != v:
                    src.append(int(v))
                    dst.append(int(u))
                    kind.append("mention")
        # the hub of the next community is followed by everyone here: not a reaction,
        # and outside the community
        other = 30 * ((c + 1) % 3)
        src += [int(members[0]), int(members[1])]
        dst += [other, other + 1]
        kind += ["follow", "relay"]
    return make_view(src, dst, 90, kind=kind), np.array(hubs), np.repeat(np.arange(3), 30)


def test_planted_hub_leads_its_community():
    view, hubs, blocks = _hub_world()
    leaders = community_leaders(view, blocks, k=3)
    assert sorted(leaders) == [0, 1, 2]
    for c in range(3):
        assert leaders[c][0] == hubs[c]
        assert len(leaders[c]) == 3
        assert np.all(blocks[leaders[c]] == c)
    # with communities found by Leiden the hubs still lead
    part = leiden_communities(view, random_state=0)
    found = community_leaders(view, part.membership, k=1)
    assert sorted(int(ids[0]) for ids in found.values()) == sorted(hubs.tolist())


def test_internal_reach_counts_distinct_same_community_reactors():
    view, hubs, blocks = _hub_world()
    reach = internal_reach(view, blocks)
    src, dst = view.sources(), view.indices
    kinds = np.isin(view.kind, [0, 1, 2, 3, 4])  # relay reply mention quote like
    for u in [*hubs.tolist(), 5, 40]:
        reactors = {
            int(v) for v, t, ok in zip(src, dst, kinds, strict=True)
            if ok and t == u and v != u and blocks[v] == blocks[u]
        }
        assert reach[u] == len(reactors)
    # only follows: nobody reacts
    assert internal_reach(view, blocks, kinds="follow").sum() == 0


def test_leaders_ties_broken_by_score_and_unassigned_ignored():
    # 0 and 1 each receive from 2 and 3; 4 is unassigned and reacts to 1
    view = make_view([2, 3, 2, 3, 4], [0, 0, 1, 1, 1], 5)
    membership = np.array([0, 0, 0, 0, -1])
    assert community_leaders(view, membership)[0].tolist() == [0, 1]  # then by id
    score = np.array([0.1, 0.9, 0.0, 0.0, 0.0])
    assert community_leaders(view, membership, score=score)[0].tolist() == [1, 0]
    assert -1 not in community_leaders(view, membership)
    assert internal_reach(view, membership).tolist() == [2, 2, 0, 0, 0]


def test_leaders_validation():
    view = make_view([1], [0], 2)
    with pytest.raises(ParameterError):
        community_leaders(view, np.array([0]))
    with pytest.raises(ParameterError):
        community_leaders(view, np.array([0.0, 1.0]))
    with pytest.raises(ParameterError):
        community_leaders(view, np.array([0, 0]), k=0)
    with pytest.raises(ParameterError):
        community_leaders(view, np.array([0, 0]), score=np.ones(3))
    with pytest.raises(GraphTypeError):
        internal_reach(nx.Graph(), np.array([0, 0]))


def _two_cliques():
    """Cliques {0..4} and {6..10}; 5 is tied to 0 and 6; 1 has a stray tie to 10."""
    edges = [(u, v) for u in range(5) for v in range(u + 1, 5)]
    edges += [(u, v) for u in range(6, 11) for v in range(u + 1, 11)]
    edges += [(5, 0), (5, 6), (1, 10)]
    src, dst = zip(*edges, strict=True)
    membership = np.array([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1])
    return make_view(src, dst, 11), membership


def test_bridge_has_top_participation_and_clique_member_zero():
    view, membership = _two_cliques()
    b = brokers(view, membership, k=3)
    assert int(np.argmax(b.participation)) == 5
    assert b.participation[5] == pytest.approx(0.5)
    assert b.participation[2] == 0.0 and b.participation[8] == 0.0
    assert b.top[0] == 5
    assert b.n_other_communities.tolist() == [0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1]
    assert b.between_weight[5] == 1.0 and b.between_weight[1] == 1.0
    assert b.degree[1] == 5.0
    # clique members with one tie outside (1, 6, 10: P = 0.32) come after the bridge, by id
    assert b.top.tolist() == [5, 1, 6]
    assert b.score[1] == pytest.approx(b.score[10]) and b.score[0] == 0.0


def test_participation_matches_a_python_reference():
    rng = np.random.default_rng(5)
    src, dst = rng.integers(0, 40, 400), rng.integers(0, 40, 400)
    w = rng.random(400)
    view = make_view(src, dst, 42, weight=w)
    membership = rng.integers(-1, 5, 42)
    b = brokers(view, membership)
    graph = nx.Graph()
    graph.add_nodes_from(range(42))
    for u, v, x in zip(src.tolist(), dst.tolist(), w.tolist(), strict=True):
        if u != v:
            graph.add_edge(u, v, weight=graph.get_edge_data(u, v, {"weight": 0})["weight"] + x)
    for i in range(42):
        per = {}
        for j, data in graph[i].items():
            if membership[j] >= 0:
                per[membership[j]] = per.get(membership[j], 0.0) + data["weight"]
        k = sum(per.values())
        expected = 1 - sum((x / k) ** 2 for x in per.values()) if k else 0.0
        assert b.participation[i] == pytest.approx(expected, abs=1e-12)
        assert b.degree[i] == pytest.approx(k)
        assert b.n_other_communities[i] == len([c for c in per if c != membership[i]])
    assert b.score == pytest.approx(b.participation * np.log1p(b.between_weight))
    assert np.all(np.diff(b.score[b.top]) <= 0)


def test_community_summary_sizes_and_topics():
    membership = np.array([1, 0, 0, 1, 1, -1])
    rows = community_summary(membership)
    assert [(r["community"], r["size"]) for r in rows] == [(0, 2), (1, 3)]
    assert sum(r["share"] for r in rows) == pytest.approx(1.0)
    profiles = np.array([[0, 5, 0], [4, 0, 1], [2, 0, 0], [0, 1, 1], [0, 2, 0], [9, 9, 9]])
    rows = community_summary(membership, topic_profiles=profiles, topic_names=["a", "b", "c"])
    assert rows[0]["topics"] == [("a", pytest.approx(6 / 7)), ("c", pytest.approx(1 / 7))]
    assert [name for name, _ in rows[1]["topics"]] == ["b", "c"]
    import scipy.sparse as sp

    sparse_rows = community_summary(membership, topic_profiles=sp.csr_array(profiles))
    assert sparse_rows[1]["topics"][0] == ("topic 1", pytest.approx(8 / 9))
    with pytest.raises(ParameterError):
        community_summary(membership, topic_profiles=profiles[:3])
    with pytest.raises(ParameterError):
        community_summary(membership, topic_profiles=-profiles)
    with pytest.raises(ParameterError):
        community_summary(membership, topic_profiles=profiles, topic_names=["a"])
