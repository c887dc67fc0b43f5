"""Amplification depth: both rules by hand, the time rule against a Python oracle."""

from __future__ import annotations

import numpy as np
import pytest

from einfluence.base.arrays import PostArrays
from einfluence.base.timeunits import NO_TIME
from einfluence.exceptions import ParameterError
from einfluence.scoring.cascades import amplification_depth
from tests.scoring.test_reach import make_view, permuted

H = 3_600_000_000  # one hour in microseconds


def posts_of(rows) -> PostArrays:
    """rows of (post_id, author, kind code, parent, root)."""
    a = np.array(rows, np.int64).T
    return PostArrays(
        post_id=a[0],
        author=a[1],
        time=np.arange(a.shape[1]),
        kind=a[2].astype(np.int8),
        parent=a[3],
        root=a[4],
    )


# POST_KINDS codes: original 0, relay 1, reply 2, quote 3
TREE = posts_of(
    [
        (100, 0, 0, -1, -1),  # cascade of 0 ...
        (101, 1, 1, 100, 100),  # ... relayed by 1 (first hop)
        (102, 2, 1, 101, 100),  # ... and 1's relay relayed by 2 (second hop): amplified
        (200, 0, 0, -1, -1),  # cascade of 0 with a first hop only
        (201, 3, 2, 200, 200),
        (300, 0, 0, -1, -1),  # no reaction: not a cascade
        (400, 1, 0, -1, -1),  # cascade of 1, roots unknown: found up the parent chain
        (401, 2, 3, 400, -1),
        (402, 3, 1, 401, -1),
    ]
)


def tree_view():
    # edges in view order (src, then time): p101, p102, p401, p201, p402
    return make_view(
        [1, 2, 2, 3, 3],
        [0, 1, 1, 0, 2],
        ["relay", "relay", "quote", "reply", "relay"],
        post=[101, 102, 401, 201, 402],
        n=5,
    )


def test_tree_rule_hand_example():
    view = tree_view()
    # 0: cascades 100 (amplified) and 200 (not) -> 1/2; 1: cascade 400 (amplified) -> 1
    assert amplification_depth(view, TREE).tolist() == [0.5, 1.0, 0.0, 0.0, 0.0]
    # cascade weight = max weight of its reactions, amplified weight = max over second hops:
    # 100: reached max(1.0, 0.2) = 1.0, amplified 0.2; 200: 0.5, 0; 400: max(0.5, 0) = 0.5, 0
    w = np.array([1.0, 0.2, 0.5, 0.5, 0.0])
    got = amplification_depth(view, TREE, edge_weight=w)
    assert np.allclose(got, [0.2 / 1.5, 0.0, 0.0, 0.0, 0.0])


def time_view(extra=False):
    src, dst, t = [1, 2, 3, 4], [0, 0, 1, 2], [0, 0, 1 * H, 25 * H]
    if extra:  # 2 relays 0 again at 24.5 h: 4's relay of 2 at 25 h follows it within 24 h
        src, dst, t = [*src, 2], [*dst, 0], [*t, int(24.5 * H)]
    return make_view(src, dst, time=t, n=5)


def test_time_rule_hand_example():
    # 1's relay of 0 (t=0) is relayed by 3 at 1 h; 2's (t=0) only by 4 at 25 h > 24 h
    assert amplification_depth(time_view()).tolist() == [0.5, 0.0, 0.0, 0.0, 0.0]
    assert amplification_depth(time_view(), max_gap_hours=25.0).tolist() == [1.0, 0, 0, 0, 0]
    assert amplification_depth(time_view(extra=True)).tolist() == [1.0, 0, 0, 0, 0]
    # strictly after, up to and including t + gap
    assert amplification_depth(time_view(), max_gap_hours=1.0)[0] == 0.5
    assert amplification_depth(time_view(), max_gap_hours=0.5)[0] == 0.0
    same_time = make_view([1, 2], [0, 1], time=[5, 5], n=3)
    assert amplification_depth(same_time)[0] == 0.0


def test_time_rule_weights_and_untimed():
    view = time_view(extra=True)
    # view order: 1->0 (0 h), 2->0 (0 h), 2->0 (24.5 h), 3->1, 4->2
    w = np.array([0.3, 0.1, 0.6, 1.0, 1.0])
    # relayers of 0: 1 reached .3 amplified .3; 2 reached max(.1, .6) amplified .6 (2nd relay)
    assert np.allclose(amplification_depth(view, edge_weight=w)[0], 0.9 / 0.9)
    w = np.array([0.3, 0.1, 0.6, 1.0, 0.0])  # 4's relay gone: 2 is not amplified any more
    assert np.allclose(amplification_depth(view, edge_weight=w)[0], 0.3 / 0.9)
    untimed = make_view([1, 2], [0, 1], time=[NO_TIME, 5], n=3)
    assert amplification_depth(untimed).tolist() == [0.0, 0.0, 0.0]
    assert not amplification_depth(view, edge_weight=np.zeros(view.n_edges)).any()


def test_posts_without_parents_use_the_time_rule():
    flat = posts_of([(1, 0, 0, -1, -1), (2, 1, 0, -1, -1)])
    assert np.array_equal(amplification_depth(time_view(), flat), amplification_depth(time_view()))


def reference_time_rule(view, gap_hours=24.0):
    relays = [
        (int(s), int(d), int(t))
        for s, d, t, k in zip(view.sources(), view.indices, view.time, view.kind, strict=True)
        if k in (0, 3) and s != d and t != NO_TIME
    ]
    amplified: dict[tuple[int, int], bool] = {}
    for v, u, t in relays:
        beyond = any(d == v and t < t2 <= t + gap_hours * H for _, d, t2 in relays)
        amplified[(u, v)] = amplified.get((u, v), False) or beyond
    num, den = np.zeros(view.n_nodes), np.zeros(view.n_nodes)
    for (u, _), a in amplified.items():
        den[u] += 1
        num[u] += a
    return np.divide(num, den, out=np.zeros_like(num), where=den > 0)


@pytest.mark.parametrize("seed", range(4))
def test_time_rule_matches_python_oracle_and_relabelling(seed):
    rng = np.random.default_rng(seed)
    n, m = 15, 150
    view = make_view(
        rng.integers(0, n, m),
        rng.integers(0, n, m),
        list(rng.choice(["relay", "quote", "mention"], m)),
        time=rng.integers(0, 72 * H, m),
        n=n,
    )
    got = amplification_depth(view)
    assert np.allclose(got, reference_time_rule(view))
    assert np.all((got >= 0) & (got <= 1))
    perm = rng.permutation(n)
    other, _ = permuted(view, perm)
    expected = np.empty(n)
    expected[perm] = got
    assert np.allclose(amplification_depth(other), expected)


def test_bad_gap():
    with pytest.raises(ParameterError):
        amplification_depth(time_view(), max_gap_hours=-1.0)
