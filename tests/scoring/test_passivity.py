"""Influence-passivity: a worked example by hand, the fixed point and properties."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from einfluence.base.arrays import PostArrays
from einfluence.exceptions import ParameterError
from einfluence.scoring.passivity import influence_passivity
from tests.scoring.test_reach import make_view, permuted, random_view

A, B, C, D = 0, 1, 2, 3


def example(extra_relay=False):
    """Authors A and B post twice each. C relays A once and follows B without relaying it;
    D relays A twice and B once."""
    src = [C, D, D, D, C]
    dst = [A, A, A, B, B]
    kind = ["relay", "relay", "relay", "relay", "follow"]
    if extra_relay:
        src, dst, kind = [*src, C], [*dst, B], [*kind, "relay"]
    view = make_view(src, dst, kind, n=4)
    posts = PostArrays(
        post_id=np.arange(4),
        author=np.array([A, A, B, B]),
        time=np.arange(4),
        kind=np.zeros(4, np.int8),
        parent=np.full(4, -1),
        root=np.full(4, -1),
    )
    return view, posts


def test_worked_example_by_hand():
    # Arcs author -> audience with w = S / Q (Q_A = Q_B = 2):
    #   w_AC = 1/2, w_AD = 2/2 = 1, w_BD = 1/2, w_BC = 0 (C follows B, never relays it)
    # Acceptance u_ij = w_ij / sum_k w_kj:
    #   C accepted 1/2 + 0 = 1/2  -> u_AC = 1,   u_BC = 0
    #   D accepted 1 + 1/2 = 3/2  -> u_AD = 2/3, u_BD = 1/3
    # Rejection v_ij = (1 - w_ij) / sum_k (1 - w_ik):
    #   A was rejected 1/2 + 0 = 1/2 -> v_AC = 1,   v_AD = 0
    #   B was rejected 1/2 + 1 = 3/2 -> v_BD = 1/3, v_BC = 2/3
    # Iteration 1 from I = 1:
    #   P_C = v_AC I_A + v_BC I_B = 1 + 2/3 = 5/3, P_D = v_AD I_A + v_BD I_B = 1/3
    #   normalised: P = (0, 0, 5/6, 1/6)
    #   I_A = u_AC P_C + u_AD P_D = 5/6 + 2/3 * 1/6 = 17/18, I_B = u_BD P_D = 1/18 (sum 1)
    # Iteration 2:
    #   P_C = 17/18 + 2/3 * 1/18 = 53/54, P_D = 1/3 * 1/18 = 1/54 (sum 1)
    #   I_A = 53/54 + 2/3 * 1/54 = 161/162, I_B = 1/3 * 1/54 = 1/162
    # I_B shrinks by 3 each time: the fixed point is I = (1, 0, 0, 0), P = (0, 0, 1, 0).
    view, posts = example()
    with pytest.warns(RuntimeWarning):
        i1, p1 = influence_passivity(view, posts, max_iter=1)
    assert np.allclose(i1, [17 / 18, 1 / 18, 0, 0]) and np.allclose(p1, [0, 0, 5 / 6, 1 / 6])
    with pytest.warns(RuntimeWarning):
        i2, p2 = influence_passivity(view, posts, max_iter=2)
    assert np.allclose(i2, [161 / 162, 1 / 162, 0, 0]) and np.allclose(p2, [0, 0, 53 / 54, 1 / 54])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        influence, passivity = influence_passivity(view, posts)
    assert np.allclose(influence, [1, 0, 0, 0], atol=1e-9)
    assert np.allclose(passivity, [0, 0, 1, 0], atol=1e-9)


def test_without_audience_arcs_and_without_posts():
    view, posts = example()
    # relay arcs only: w_BC disappears, so v_BD = 1 and B's rejection all falls on D
    with pytest.warns(RuntimeWarning):
        i, p = influence_passivity(view, posts, audience_kinds=(), max_iter=1)
    # P_C = v_AC = 1, P_D = v_BD = 1 -> P = (0, 0, 1/2, 1/2); I_A = 1/2 + 2/3 * 1/2, I_B = 1/6
    assert np.allclose(p, [0, 0, 0.5, 0.5]) and np.allclose(i, [5 / 6, 1 / 6, 0, 0])
    # no posts: Q = distinct timed acts of the author (none here), raised to max_j S_ij:
    # Q_A = 2, Q_B = 1 -> w_BD = 1 and B is rejected only by C (w_BC = 0)
    with pytest.warns(RuntimeWarning):
        i, p = influence_passivity(view, None, max_iter=1)
    # v_AC = 1, v_AD = 0, v_BC = 1, v_BD = 0 -> P_C = 2, P_D = 0 -> P = (0, 0, 1, 0)
    # u_AC = 1, u_AD = 1/2, u_BD = 1/2 -> I_A = 1, I_B = 0
    assert np.allclose(p, [0, 0, 1, 0]) and np.allclose(i, [1, 0, 0, 0])


def test_properties():
    view, posts = example()
    influence, _ = influence_passivity(view, posts)
    # nobody relays C or D: no influence
    assert influence[C] == 0 and influence[D] == 0
    # C now relays B too: B's influence increases
    more, _ = influence_passivity(*example(extra_relay=True))
    assert more[B] > influence[B] + 0.1
    # relabelling
    view = random_view(3, n=25, m=300, kinds=("relay", "follow"))
    i, p = influence_passivity(view)
    assert np.isclose(i.sum(), 1) and np.isclose(p.sum(), 1)
    nobody = np.bincount(view.indices[view.kind == 0], minlength=view.n_nodes) == 0
    assert np.all(i[nobody] == 0)
    perm = np.random.default_rng(3).permutation(view.n_nodes)
    other, _ = permuted(view, perm)
    i2, p2 = influence_passivity(other)
    assert np.allclose(i2[perm], i) and np.allclose(p2[perm], p)


def test_empty_and_bad_parameters():
    i, p = influence_passivity(make_view([1], [0], "mention", n=2))
    assert i.tolist() == [0, 0] and p.tolist() == [0, 0]
    view, posts = example()
    with pytest.raises(ParameterError):
        influence_passivity(view, posts, max_iter=0)
    with pytest.raises(ParameterError):
        influence_passivity(view, posts, kinds="retweet")
