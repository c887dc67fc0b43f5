"""Planted advocates and detractors of the demo world are found by the funnel rules."""

from __future__ import annotations

from tests.advocacy._demo import demo_funnel, precision_recall


def test_demo_world_advocates_and_detractors():
    f, planted = demo_funnel(3000, seed=0)
    # measured (seed 0, lexicon sentiment): advocates P 0.87 R 0.87; detractors P 1.0 R 0.62
    p, r = precision_recall(set(f.members(0, "advocate").tolist()), planted["advocate"])
    assert p >= 0.75 and r >= 0.75, (p, r)
    p, r = precision_recall(set(f.members(0, "detractor").tolist()), planted["detractor"])
    assert p >= 0.8 and r >= 0.5, (p, r)
    # competitors have no planted advocates: none, or very few, are found
    assert f.counts[1:, 4].sum() <= 2
    # every advocate event explains itself with post ids
    reasons = [e["reason"] for e in f.events() if e["stage"] == "advocate"]
    assert reasons and all("positive spontaneous original mentions (posts" in x for x in reasons)
