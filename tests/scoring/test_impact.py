"""Network impact: hand-computed means and sums, a Python oracle and properties."""

from __future__ import annotations

import numpy as np
import pytest

from einfluence.base.kinds import REACTION_KINDS
from einfluence.exceptions import ParameterError
from einfluence.graph.selection import edge_mask
from einfluence.scoring.impact import network_impact
from tests.scoring.test_reach import make_view, permuted, random_view


def reference(view, base, kinds=REACTION_KINDS, weight=None, how="mean"):
    w = np.ones(view.n_edges) if weight is None else weight
    best: dict[tuple[int, int], float] = {}
    keep = edge_mask(view, kinds)
    for s, d, x, k in zip(view.sources(), view.indices, w, keep, strict=True):
        if k and x > 0:
            best[(int(s), int(d))] = max(best.get((int(s), int(d)), 0.0), x)
    num, den = np.zeros(view.n_nodes), np.zeros(view.n_nodes)
    for (s, d), x in best.items():
        num[d] += x * base[s]
        den[d] += x
    if how == "sum":
        return num
    return np.divide(num, den, out=np.zeros_like(num), where=den > 0)


def test_hand_example():
    # 0 is relayed by 1 (base 10, three times) and 2 (base 2); 3 replies to 1; 1 follows 3
    view = make_view(
        [1, 1, 1, 2, 3, 1],
        [0, 0, 0, 0, 1, 3],
        ["relay", "relay", "relay", "like", "reply", "follow"],
    )
    base = np.array([0.0, 10.0, 2.0, 4.0])
    assert network_impact(view, base).tolist() == [6.0, 4.0, 0.0, 0.0]
    assert network_impact(view, base, how="sum").tolist() == [12.0, 4.0, 0.0, 0.0]
    assert network_impact(view, base, ["follow"]).tolist() == [0.0, 0.0, 0.0, 10.0]
    # weights in view order: 1->0 x3, 1->3, 2->0, 3->1; reactor 1 weighs max(.1,.5,.2)=.5
    w = np.array([0.1, 0.5, 0.2, 1.0, 0.5, 0.0])
    got = network_impact(view, base, edge_weight=w)
    assert np.allclose(got, [(0.5 * 10 + 0.5 * 2) / 1.0, 0.0, 0.0, 0.0])


@pytest.mark.parametrize("seed", range(3))
def test_matches_reference(seed):
    view = random_view(seed, n=20, m=200)
    rng = np.random.default_rng(seed)
    base = rng.uniform(0, 5, view.n_nodes)
    w = rng.uniform(0, 1, view.n_edges) * (rng.random(view.n_edges) < 0.8)
    for how in ("mean", "sum"):
        assert np.allclose(network_impact(view, base, how=how), reference(view, base, how=how))
        assert np.allclose(
            network_impact(view, base, edge_weight=w, how=how),
            reference(view, base, weight=w, how=how),
        )


def test_properties():
    view = random_view(4)
    base = np.random.default_rng(4).uniform(0, 1, view.n_nodes)
    # constant base: the mean is that constant wherever there is a reactor
    has = reference(view, np.ones(view.n_nodes), how="sum") > 0
    assert np.allclose(network_impact(view, np.full(view.n_nodes, 3.0))[has], 3.0)
    assert np.all(network_impact(view, base)[~has] == 0.0)
    assert not network_impact(view, base, edge_weight=np.zeros(view.n_edges)).any()
    perm = np.random.default_rng(5).permutation(view.n_nodes)
    other, _ = permuted(view, perm)
    base_perm = np.empty_like(base)
    base_perm[perm] = base
    expected = np.empty(view.n_nodes)
    expected[perm] = network_impact(view, base)
    assert np.allclose(network_impact(other, base_perm), expected)


def test_bad_input():
    view = random_view(6)
    with pytest.raises(ParameterError):
        network_impact(view, np.ones(view.n_nodes), how="median")
    with pytest.raises(ParameterError):
        network_impact(view, np.ones(2))
    with pytest.raises(ParameterError):
        network_impact(view, np.full(view.n_nodes, np.nan))
