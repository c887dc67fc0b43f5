"""The demo world's planted tipping community: added last, nothing else changes."""

from __future__ import annotations

import pyarrow.compute as pc

from einfluence.datasets import make_demo_world


def test_tipping_community_only_adds_posts():
    plain = make_demo_world(n_accounts=300, n_days=7, seed=4)
    planted = make_demo_world(n_accounts=300, n_days=7, seed=4, tipping_community=True)
    n = plain.records.posts.num_rows
    assert planted.records.accounts.equals(plain.records.accounts)
    assert planted.records.interactions.equals(plain.records.interactions)
    assert planted.records.posts.slice(0, n).equals(plain.records.posts)
    added = planted.records.posts.slice(n)
    assert added.num_rows > 0 and set(added.column("kind").to_pylist()) == {"original"}
    assert "tipping_community" not in plain.params and planted.params["tipping_community"] is True
    assert make_demo_world(**planted.params).records.posts.equals(planted.records.posts)
    truth = planted.truth["tipping"]
    assert set(truth.column("stance").to_pylist()) <= {"fan", "skeptic", "silent"}
    assert len(set(truth.column("community").to_pylist())) == 1
    assert pc.sum(truth.column("mentions")).as_py() == added.num_rows
    # every planted post names the demo brand, and its truth says so
    assert all("Ondula" in t for t in added.column("text").to_pylist())
    assert planted.truth["posts_topic"].num_rows == plain.truth["posts_topic"].num_rows + added.num_rows
    for name in plain.truth:
        if name != "posts_topic":
            assert planted.truth[name].equals(plain.truth[name])
