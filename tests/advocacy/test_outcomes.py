"""Campaign outcomes: before/after, matched controls, difference in differences, relay network."""

from __future__ import annotations

import numpy as np
import pytest

from einfluence.advocacy import Actions, campaign_outcomes, relay_network
from einfluence.base.kinds import POST_KINDS
from einfluence.base.timeunits import HOUR

D = 24 * HOUR
RELAY = POST_KINDS.index("relay")


def _world(lift: int, seed: int = 0):
    """40 accounts mention brand 0 at a base rate; accounts 1..10 are contacted at day 20 and
    then mention it ``lift`` extra times. Account 1's first post after the action is relayed
    by 2 accounts, one of which is relayed again by a newcomer."""
    rng = np.random.default_rng(seed)
    author, time, kind, parent = [], [], [], []
    for a in range(1, 41):
        k = rng.poisson(3)
        author += [a] * k
        time += list(rng.integers(0, 40 * D, k))
        if 1 <= a <= 10:
            author += [a] * lift
            time += list(rng.integers(21 * D, 30 * D, lift))
    n0 = len(author)
    kind, parent = [0] * n0, [-1] * n0
    mentions = list(range(n0))
    # cascade from account 1's first post after day 20
    seed_post = min((i for i in range(n0) if author[i] == 1 and time[i] >= 20 * D), key=lambda i: time[i])
    author += [41, 42, 43]
    time += [time[seed_post] + HOUR, time[seed_post] + 2 * HOUR, time[seed_post] + 3 * HOUR]
    kind += [RELAY] * 3
    parent += [seed_post, seed_post, n0 + 1]
    root = [-1] * n0 + [seed_post] * 3
    return dict(
        mention_post=mentions, mention_brand=[0] * len(mentions), post_author=author, post_time=time,
        post_kind=kind, post_parent=parent, post_root=root, sentiment=np.full(len(author), 0.3),
        brand_accounts=[[0]], n_accounts=45,
    ), Actions(account=np.arange(1, 11), brand=np.zeros(10, int), time=np.full(10, 20 * D))


def test_did_detects_planted_lift_and_not_without():
    arrays, acts = _world(lift=4)
    out = campaign_outcomes(acts, **arrays, before=20 * D, after=20 * D, n_boot=300, random_state=0)
    est, lo, hi = out.did["mentions"]
    assert lo > 0 and lo <= est <= hi and est == pytest.approx(4, abs=2)
    assert set(out.controls.ravel().tolist()).isdisjoint(range(1, 11))
    arrays0, acts0 = _world(lift=0)
    est0, lo0, hi0 = campaign_outcomes(acts0, **arrays0, before=20 * D, after=20 * D, n_boot=300,
                                       random_state=0).did["mentions"]  # fmt: skip
    assert lo0 <= 0 <= hi0 or abs(est0) < 1.5


def test_same_seed_same_interval():
    arrays, acts = _world(lift=2)
    a = campaign_outcomes(acts, **arrays, n_boot=100, random_state=5).did
    b = campaign_outcomes(acts, **arrays, n_boot=100, random_state=5).did
    assert a == b


def test_network_and_reach():
    arrays, acts = _world(lift=3)
    out = campaign_outcomes(acts, **arrays, before=20 * D, after=20 * D, n_boot=10, random_state=0)
    i = int(np.flatnonzero(out.account == 1)[0])
    assert out.network_size[i] == 3 and out.network_depth[i] == 2
    assert out.network_new[i] == 3  # 41, 42, 43 never touched the brand before
    assert out.reach_after[i] == 3 and out.reach_before[i] == 0
    assert out.mentions_after[i] >= 3
    assert len(out.to_rows()) == len(out) == 10


def test_relay_network_forward_in_time_only():
    label, depth = relay_network([0], post_parent=[-1, 0, 0], post_kind=[0, RELAY, RELAY], post_time=[5, 6, 4])
    assert label.tolist() == [0, 0, -1] and depth.tolist() == [0, 1, -1]
    label, _ = relay_network([0], post_parent=[-1, 0], post_kind=[0, RELAY], post_time=[0, 10], until=10)
    assert label.tolist() == [0, -1]
