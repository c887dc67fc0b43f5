"""Agreement measures: sklearn agreement, missing labels, the polblogs two-class accuracy."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from einfluence.communities import (
    adjusted_rand,
    normalized_mutual_info,
    partition_modularity,
    two_largest_accuracy,
)
from einfluence.exceptions import GraphTypeError, ParameterError


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
    import igraph

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


def test_partition_modularity_of_igraph_graph_matches_igraph():
    import igraph

    g = igraph.Graph.Erdos_Renyi(n=40, m=120)
    g.es["weight"] = np.linspace(0.5, 2.0, g.ecount()).tolist()
    membership = np.arange(40) % 3
    assert partition_modularity(g, membership) == pytest.approx(
        g.modularity(membership.tolist(), weights="weight")
    )
    assert partition_modularity(g, membership, resolution=0.7) == pytest.approx(
        g.modularity(membership.tolist(), weights="weight", resolution=0.7)
    )
