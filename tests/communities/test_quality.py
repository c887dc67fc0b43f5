"""Agreement measures: sklearn agreement, missing labels, the polblogs two-class accuracy."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from einfluence.communities import (
    adjusted_rand,
    normalized_mutual_info,
    partition_modularity,
    two_largest_accuracy,
)
from einfluence.exceptions import GraphTypeError, ParameterError
from einfluence.graph import UndirectedEdges


def test_wrappers_agree_with_sklearn_without_missing_labels():
    rng = np.random.default_rng(0)
    for _ in range(5):
        a, b = rng.integers(0, 6, 200), rng.integers(0, 4, 200)
        assert normalized_mutual_info(a, b) == pytest.approx(normalized_mutual_info_score(a, b))
        assert normalized_mutual_info(a, b, average_method="max") == pytest.approx(
            normalized_mutual_info_score(a, b, average_method="max")
        )
        assert adjusted_rand(a, b) == pytest.approx(adjusted_rand_score(a, b))


def test_missing_labels_are_left_out():
    rng = np.random.default_rng(1)
    a, b = rng.integers(0, 3, 100), rng.integers(0, 3, 100)
    a_missing, b_missing = a.copy(), b.copy()
    a_missing[:10] = -1
    b_missing[5:20] = -1
    keep = np.arange(100) >= 20
    assert normalized_mutual_info(a_missing, b_missing) == pytest.approx(
        normalized_mutual_info_score(a[keep], b[keep])
    )
    assert adjusted_rand(a_missing, b_missing) == pytest.approx(
        adjusted_rand_score(a[keep], b[keep])
    )
    floats = a.astype(float)
    floats[:20] = np.nan
    assert adjusted_rand(floats, b) == pytest.approx(adjusted_rand_score(a[keep], b[keep]))
    names = np.array(["x", "y", None, "x"], dtype=object)
    assert normalized_mutual_info(names, [0, 1, 1, 0]) == 1.0


def test_validation():
    with pytest.raises(ParameterError):
        adjusted_rand([0, 1], [0, 1, 1])
    with pytest.raises(ParameterError):
        adjusted_rand([-1, -1], [0, 1])
    with pytest.raises(ParameterError):
        normalized_mutual_info([[0, 1]], [[0, 1]])
    with pytest.raises(ParameterError):
        normalized_mutual_info([0, 1], [0, 1], average_method="median")
    with pytest.raises(ParameterError):
        two_largest_accuracy([0, 1, 2], [0, 0, 1])
    with pytest.raises(GraphTypeError):
        partition_modularity("graph", [0])
    with pytest.raises(GraphTypeError):
        partition_modularity(np.ones((2, 2)), [0, 0])  # dense: not a graph format
    with pytest.raises(GraphTypeError, match="symmetric"):
        partition_modularity(sparse.csr_array(np.array([[0.0, 1.0], [0.0, 0.0]])), [0, 0])
    with pytest.raises(GraphTypeError, match="square"):
        partition_modularity(sparse.csr_array(np.ones((2, 3))), [0, 0])
    with pytest.raises(ParameterError):
        partition_modularity(sparse.csr_array(-np.ones((2, 2))), [0, 0])
    with pytest.raises(ParameterError):
        partition_modularity(sparse.csr_array(np.ones((3, 3))), [0, 0])


def test_validation_of_igraph_graphs():
    igraph = pytest.importorskip("igraph")
    with pytest.raises(ParameterError):
        partition_modularity(igraph.Graph(n=3, edges=[(0, 1)]), [0, 0])
    with pytest.raises(GraphTypeError):
        partition_modularity(igraph.Graph(n=2, edges=[(0, 1)], directed=True), [0, 0])


def test_two_largest_accuracy():
    truth = np.array([0] * 10 + [1] * 10)
    assert two_largest_accuracy(truth, truth + 3) == 1.0
    assert two_largest_accuracy(truth, 1 - truth) == 1.0  # either matching
    pred = truth.copy()
    pred[:2] = 1  # two liberals in the conservative community
    assert two_largest_accuracy(truth, pred) == pytest.approx(18 / 20)
    # a small third community is not scored, nor are unlabelled or unassigned members
    pred = np.concatenate([truth, [7, 7, 7]])
    full = np.concatenate([truth, [0, 1, 1]])
    assert two_largest_accuracy(full, pred) == 1.0
    pred[0] = -1
    full[1] = -1
    assert two_largest_accuracy(full, pred) == 1.0
    # one community only: the best single class
    assert two_largest_accuracy(truth, np.zeros(20, int)) == 0.5


def _two_triangles():
    u = np.array([0, 1, 0, 3, 4, 3, 2])
    v = np.array([1, 2, 2, 4, 5, 5, 3])
    return u, v


def test_partition_modularity_of_every_graph_format():
    u, v = _two_triangles()
    membership = [0, 0, 0, 1, 1, 1, -1]
    expected = 5 / 14  # 6/7 - 2 * (7/14)**2 + 0, the seventh node being isolated
    edges = UndirectedEdges(7, np.minimum(u, v), np.maximum(u, v), np.ones(7))
    assert partition_modularity(edges, membership) == pytest.approx(expected)
    symmetric = sparse.coo_array((np.ones(14), (np.r_[u, v], np.r_[v, u])), shape=(7, 7))
    for matrix in (symmetric, symmetric.tocsr(), sparse.csr_matrix(symmetric)):
        assert partition_modularity(matrix, membership) == pytest.approx(expected)
    # parallel entries add up, the diagonal (self-loops) is ignored, zeros are no edge
    doubled = sparse.coo_array(
        (np.r_[np.ones(28), 5.0, 0.0, 0.0],
         (np.r_[u, v, u, v, 6, 0, 6], np.r_[v, u, v, u, 6, 6, 0])), shape=(7, 7),
    )
    assert partition_modularity(doubled, membership) == pytest.approx(expected)
    assert partition_modularity(doubled, membership, resolution=0.5) == pytest.approx(
        6 / 7 - 0.5 * 2 * (7 / 14) ** 2
    )


def test_partition_modularity_of_igraph_graph_matches_igraph():
    igraph = pytest.importorskip("igraph")

    g = igraph.Graph.Erdos_Renyi(n=40, m=120)
    g.es["weight"] = np.linspace(0.5, 2.0, g.ecount()).tolist()
    membership = np.arange(40) % 3
    assert partition_modularity(g, membership) == pytest.approx(
        g.modularity(membership.tolist(), weights="weight")
    )
    assert partition_modularity(g, membership, resolution=0.7) == pytest.approx(
        g.modularity(membership.tolist(), weights="weight", resolution=0.7)
    )
