"""Leiden communities: oracles from networkx and the literature, planted structure, real data."""

from __future__ import annotations

import importlib.metadata
import json

import networkx as nx
import numpy as np
import pytest
from scipy import sparse

from einfluence.communities import (
    CommunityPartition,
    community_graph,
    leiden_communities,
    normalized_mutual_info,
    partition_modularity,
)
from einfluence.exceptions import GraphTypeError, ParameterError
from einfluence.graph import UndirectedEdges
from tests.communities._helpers import make_view, planted_partition, view_of_networkx
from tests.conftest import shared_path


def _nx_partition(membership):
    groups = {}
    for node, c in enumerate(membership.tolist()):
        groups.setdefault(c if c >= 0 else ("single", node), set()).add(node)
    return list(groups.values())


def _pairs(edges):
    return {(a, b): w for a, b, w in zip(edges.a.tolist(), edges.b.tolist(), edges.weight.tolist(), strict=True)}


def test_community_graph_symmetrises_merges_and_drops_loops():
    view = make_view([0, 1, 1, 2, 3], [1, 0, 1, 0, 0], 5, weight=[1.0, 2.0, 5.0, 0.5, 0.0])
    g = community_graph(view)
    assert isinstance(g, UndirectedEdges) and g.n_nodes == 5
    assert _pairs(g) == {(0, 1): 3.0, (0, 2): 0.5}  # zero weight drops 3 -> 0, 1 -> 1 is a loop
    counted = community_graph(view, weighted=False)
    assert _pairs(counted) == {(0, 1): 2.0, (0, 2): 1.0, (0, 3): 1.0}


def test_community_graph_matches_networkx_on_random_multigraph():
    rng = np.random.default_rng(3)
    src, dst = rng.integers(0, 40, 500), rng.integers(0, 40, 500)
    w = rng.random(500)
    view = make_view(src, dst, 45, weight=w)
    g = community_graph(view)
    ref = nx.Graph()
    ref.add_nodes_from(range(45))
    for u, v, x in zip(src.tolist(), dst.tolist(), w.tolist(), strict=True):
        if u != v:
            old = ref.get_edge_data(u, v, {"weight": 0.0})["weight"]
            ref.add_edge(u, v, weight=old + x)
    assert g.n_nodes == 45 and g.a.size == ref.number_of_edges()
    assert (g.a < g.b).all() and (np.diff(g.a * 45 + g.b) > 0).all()  # one sorted row per pair
    for (u, v), x in _pairs(g).items():
        assert x == pytest.approx(ref[u][v]["weight"])
    # the SciPy adjacency is networkx's, entry for entry, in canonical CSR form
    matrix = community_graph(view, output="scipy")
    assert isinstance(matrix, sparse.csr_array) and matrix.shape == (45, 45)
    assert matrix.has_canonical_format
    expected = nx.to_scipy_sparse_array(ref, nodelist=range(45), weight="weight")
    np.testing.assert_allclose(matrix.toarray(), expected.toarray())


def test_community_graph_as_igraph():
    pytest.importorskip("igraph")
    view = make_view([0, 1, 1, 2, 3], [1, 0, 1, 0, 0], 5, weight=[1.0, 2.0, 5.0, 0.5, 0.0])
    g = community_graph(view, output="igraph")
    assert g.vcount() == 5 and not g.is_directed()
    assert {e.tuple: e["weight"] for e in g.es} == {(0, 1): 3.0, (0, 2): 0.5}


def test_kinds_filter():
    view = make_view([0, 0, 2], [1, 2, 3], 4, kind=["relay", "follow", "mention"])
    assert set(_pairs(community_graph(view, kinds="follow"))) == {(0, 2)}
    assert set(_pairs(community_graph(view, kinds=["relay", "mention"]))) == {(0, 1), (2, 3)}
    assert community_graph(view).a.size == 3  # follows included by default
    part = leiden_communities(view, kinds=["relay"], random_state=0)
    assert part.membership[[2, 3]].tolist() == [-1, -1]
    assert part.params["kinds"] == ("relay",)
    with pytest.raises(ParameterError):
        community_graph(view, kinds=["retweet"])
    with pytest.raises(ParameterError):
        leiden_communities(view, kinds=[])


def test_karate_club_modularity_near_optimum_and_agrees_with_networkx():
    karate = nx.karate_club_graph()
    view = view_of_networkx(karate)  # unweighted: one interaction per friendship
    part = leiden_communities(view, random_state=0, n_iterations=-1)
    assert part.modularity >= 0.41  # optimum 0.4198 (Brandes et al. 2008)
    assert part.modularity <= 0.4198 + 1e-4
    ref = nx.community.modularity(karate, _nx_partition(part.membership), weight=None)
    assert part.modularity == pytest.approx(ref, abs=1e-12)
    assert partition_modularity(view, part.membership) == pytest.approx(ref, abs=1e-12)
    assert part.n_communities == part.sizes.size and part.sizes.sum() == 34


def test_modularity_with_unassigned_and_weights_matches_networkx():
    rng = np.random.default_rng(0)
    src, dst = rng.integers(0, 30, 200), rng.integers(0, 30, 200)
    w = rng.random(200) + 0.1
    view = make_view(src, dst, 32, weight=w)
    membership = rng.integers(-1, 4, 32)
    ref_graph = nx.Graph()
    ref_graph.add_nodes_from(range(32))
    for u, v, x in zip(src.tolist(), dst.tolist(), w.tolist(), strict=True):
        if u != v:
            old = ref_graph.get_edge_data(u, v, {"weight": 0.0})["weight"]
            ref_graph.add_edge(u, v, weight=old + x)
    for gamma in (1.0, 0.5, 2.0):
        ref = nx.community.modularity(
            ref_graph, _nx_partition(membership), weight="weight", resolution=gamma
        )
        assert partition_modularity(view, membership, resolution=gamma) == pytest.approx(ref)
        for output in ("edges", "scipy"):
            graph = community_graph(view, output=output)
            assert partition_modularity(graph, membership, resolution=gamma) == pytest.approx(ref)


def test_planted_partition_is_recovered():
    view, blocks = planted_partition(n_blocks=4, size=60, p_in=0.3, p_out=0.01, seed=1)
    part = leiden_communities(view, random_state=1)
    assert part.n_communities == 4
    assert normalized_mutual_info(blocks, part.membership) >= 0.95
    assert part.sizes.tolist() == sorted(part.sizes.tolist(), reverse=True)


def test_same_seed_same_partition():
    view, _ = planted_partition(n_blocks=5, size=40, p_in=0.15, p_out=0.03, seed=2)
    runs = [leiden_communities(view, random_state=7) for _ in range(2)]
    np.testing.assert_array_equal(runs[0].membership, runs[1].membership)
    again = leiden_communities(view, random_state=np.random.default_rng(7))
    np.testing.assert_array_equal(again.membership, runs[0].membership)
    assert runs[0].params["seed"] == again.params["seed"]
    assert runs[0].params["backend"] == "graspologic"
    assert runs[0].params["backend_version"] == importlib.metadata.version("graspologic-native")


def test_isolated_accounts_and_min_size_get_minus_one():
    # a 4-clique, a triangle, a pair, and two accounts without interactions (one self-loop)
    src = [0, 0, 0, 1, 1, 2, 4, 4, 5, 7, 9]
    dst = [1, 2, 3, 2, 3, 3, 5, 6, 6, 8, 9]
    view = make_view(src, dst, 11)
    part = leiden_communities(view, random_state=0)
    assert part.membership.tolist() == [0, 0, 0, 0, 1, 1, 1, 2, 2, -1, -1]
    assert part.sizes.tolist() == [4, 3, 2] and part.n_unassigned == 2
    assert part.members(2).tolist() == [7, 8]
    assert part.members(-1).tolist() == [9, 10]
    small = leiden_communities(view, random_state=0, min_size=3)
    assert small.membership.tolist() == [0, 0, 0, 0, 1, 1, 1, -1, -1, -1, -1]
    assert small.n_communities == 2
    # unassigned accounts count as singletons in the reported modularity
    assert small.modularity == pytest.approx(partition_modularity(view, small.membership))
    assert small.modularity < part.modularity
    with pytest.raises(ParameterError):
        part.members(3)


def test_empty_and_edgeless_views():
    part = leiden_communities(make_view([], [], 3), random_state=0)
    assert part.membership.tolist() == [-1, -1, -1] and part.n_communities == 0
    assert np.isnan(part.modularity)
    assert isinstance(part, CommunityPartition) and "n_communities=0" in repr(part)


def test_validation():
    view = make_view([0], [1], 2)
    with pytest.raises(GraphTypeError):
        leiden_communities(nx.Graph())
    for bad in (
        {"resolution": 0.0}, {"n_iterations": 0}, {"min_size": 0}, {"beta": -1.0},
        {"backend": "networkx"}, {"backend": None},
    ):
        with pytest.raises(ParameterError):
            leiden_communities(view, **bad)
    with pytest.raises(ParameterError, match="output"):
        community_graph(view, output="networkx")
    with pytest.raises(TypeError):
        leiden_communities(view, random_state="seed")
    with pytest.raises(ParameterError):
        community_graph(view, edge_weight=np.ones(3))
    with pytest.raises(ParameterError):
        community_graph(view, edge_weight=np.array([-1.0]))


def test_resolution_controls_granularity():
    view, _ = planted_partition(n_blocks=4, size=50, p_in=0.3, p_out=0.02, seed=4)
    coarse = leiden_communities(view, resolution=0.05, random_state=0)
    fine = leiden_communities(view, resolution=4.0, random_state=0)
    assert coarse.n_communities < 4 < fine.n_communities


# ---------------------------------------------------------------- real and demo data


def polblogs_view(tmp_path):
    """The political blogs as a view, with each blog's leaning (0 liberal, 1 conservative)."""
    from einfluence import Workspace

    path = shared_path("polblogs", "polblogs.gml")
    with Workspace(tmp_path / "polblogs.duckdb") as ws:
        ws.import_files("gml", [path])
        view = ws.graph()
        rows = ws.con.execute("SELECT attributes FROM accounts ORDER BY account_id").fetchall()
    return view, np.array([json.loads(a)["value"] for (a,) in rows])


def email_view(tmp_path):
    """email-Eu-core as a view, with each member's department (42 departments)."""
    from einfluence import Workspace

    folder = shared_path("im-benchmarks", "email-eu-core")
    with Workspace(tmp_path / "email.duckdb") as ws:
        ws.import_files("edgelist", [folder / "email-Eu-core.txt"])
        view = ws.graph()
        ids = [int(s) for (s,) in ws.con.execute(
            "SELECT source_id FROM accounts ORDER BY account_id").fetchall()]
    labels = np.loadtxt(folder / "email-Eu-core-department-labels.txt", dtype=np.int64)
    department = dict(labels.tolist())
    return view, np.array([department[i] for i in ids])


#: resolutions searched for the best NMI on email-Eu-core (NMI still rises at 4)
EMAIL_RESOLUTIONS = (1.0, 2.0, 3.0, 4.0)


@pytest.mark.slow
def test_polblogs_two_communities_match_leaning(tmp_path):
    from einfluence.communities import two_largest_accuracy

    view, leaning = polblogs_view(tmp_path)
    for seed in range(3):
        part = leiden_communities(view, random_state=seed)
        # 266 blogs without links; published Leiden/Louvain modularity is about 0.43
        assert part.n_unassigned == 266
        assert part.modularity > 0.42
        # the goal of issue #10; measured 0.960 / 0.959 / 0.960 (igraph: 0.960 each);
        # degree-corrected SBM reports about 0.95
        assert two_largest_accuracy(leaning, part.membership) >= 0.95


@pytest.mark.slow
def test_email_eu_core_departments(tmp_path):
    from einfluence.communities import adjusted_rand

    view, truth = email_view(tmp_path)
    part = leiden_communities(view, random_state=0)
    nmi = normalized_mutual_info(truth, part.membership)
    ari = adjusted_rand(truth, part.membership)
    # measured NMI 0.56 / ARI 0.29 at resolution 1 (7 communities for 42 departments)
    assert nmi >= 0.5 and ari >= 0.2
    best = max(
        normalized_mutual_info(truth, leiden_communities(view, random_state=0, resolution=r).membership)
        for r in EMAIL_RESOLUTIONS
    )
    # the goal of issue #10: NMI >= 0.70 at the best resolution (measured 0.747 at 4;
    # igraph 0.741)
    assert best >= 0.70 and best > nmi


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from einfluence import Workspace

    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    Workspace.create_demo(path, n_accounts=1000, n_days=14, seed=0)
    with Workspace(path) as ws:
        ws.con.register("truth_accounts", ws.truth("accounts"))
        rows = ws.con.execute(
            "SELECT t.community FROM accounts a LEFT JOIN truth_accounts t "
            "ON a.network = t.network AND a.source_id = t.id ORDER BY a.account_id"
        ).fetchall()
        view = ws.graph()
    planted = np.array([-1 if c is None else c for (c,) in rows])
    return view, planted


def test_demo_world_planted_communities_recovered(demo):
    view, planted = demo
    part = leiden_communities(view, random_state=0)
    # measured NMI 1.00 with all kinds and with follows only; 0.95 with reactions only
    assert normalized_mutual_info(planted, part.membership) >= 0.95
    follows = leiden_communities(view, kinds="follow", random_state=0)
    assert normalized_mutual_info(planted, follows.membership) >= 0.95
    reactions = leiden_communities(
        view, kinds=["relay", "reply", "quote", "mention", "like"], random_state=0
    )
    assert normalized_mutual_info(planted, reactions.membership) >= 0.85


def test_the_community_graph_built_first_gives_the_same_partition():
    """What the workspace does to free the interactions before Leiden runs changes nothing."""
    view, _ = planted_partition(n_blocks=4, size=50, p_in=0.2, p_out=0.02, seed=4)
    direct = leiden_communities(view, kinds=["relay", "mention"], random_state=3)
    built = leiden_communities(community_graph(view, kinds=["relay", "mention"]), kinds=["relay", "mention"],
                               random_state=3)
    np.testing.assert_array_equal(built.membership, direct.membership)
    assert built.modularity == direct.modularity and built.params == direct.params
    with pytest.raises(ParameterError, match="edge_weight"):
        leiden_communities(community_graph(view), edge_weight=np.ones(view.n_edges))
