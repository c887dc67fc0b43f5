"""Message-aware probabilities: relevance mapping, and on-topic messages spreading further."""

from __future__ import annotations

import numpy as np
import pytest

from einfluence.diffusion import (
    DiffusionGraph,
    message_probabilities,
    message_relevance,
    simulate,
    weighted_cascade,
)
from einfluence.exceptions import ParameterError


def test_relevance_maps_cosine_to_floor_one():
    rng = np.random.default_rng(0)
    profiles = rng.random((50, 4))
    profiles[:5] = 0
    m = np.array([0.0, 1.0, 0.0, 0.0])
    rel = message_relevance(profiles, m, floor=0.2)
    assert np.all((rel >= 0.2) & (rel <= 1.0))
    cos = profiles[5:, 1] / np.linalg.norm(profiles[5:], axis=1)
    np.testing.assert_allclose(rel[5:], 0.2 + 0.8 * cos)
    np.testing.assert_allclose(rel[:5], rel[5:].mean())
    assert np.all(message_relevance(profiles, m, floor=0.2, unknown=0.5)[:5] == 0.5)
    # scale-free in both arguments
    np.testing.assert_allclose(message_relevance(3 * profiles, 7 * m, floor=0.2), rel)


def _community_world(seed=0):
    """Two interest groups (topics 0 and 1) of 150 accounts, dense inside, sparse across."""
    rng = np.random.default_rng(seed)
    n = 300
    group = np.repeat([0, 1], n // 2)
    src = rng.integers(0, n, 3000)
    dst = rng.integers(0, n, 3000)
    same = group[src] == group[dst]
    keep = same | (rng.random(3000) < 0.1)
    g = weighted_cascade(DiffusionGraph.from_arcs(src[keep], dst[keep], 1.0, n_nodes=n))
    profiles = np.zeros((n, 2))
    profiles[np.arange(n), group] = 1.0
    profiles += rng.random((n, 2)) * 0.2
    return g, profiles, group


def test_on_topic_message_reaches_more_and_novelty_scales_down():
    g, profiles, group = _community_world()
    seeds = np.flatnonzero(group == 0)[:5]
    on = message_probabilities(g, profiles, np.array([1.0, 0.0]))
    off = message_probabilities(g, profiles, np.array([0.0, 1.0]))
    assert np.all(on.prob <= g.prob + 1e-15) and np.all(off.prob <= g.prob + 1e-15)
    kw = {"n_simulations": 4_000, "random_state": 0}
    s_full, s_on, s_off = (simulate(x, seeds, **kw) for x in (g, on, off))
    assert s_full.mean >= s_on.mean > s_off.mean + 4 * (s_on.std_error + s_off.std_error)
    reach = [
        simulate(message_probabilities(g, profiles, np.array([1.0, 0.0]), novelty=nu), seeds, **kw).mean
        for nu in (1.0, 0.6, 0.3)
    ]
    assert reach[0] > reach[1] > reach[2] >= seeds.size
    # an in-between message reaches in between
    mid = simulate(message_probabilities(g, profiles, np.array([1.0, 1.0])), seeds, **kw).mean
    assert s_on.mean > mid > s_off.mean


def test_validation():
    g = DiffusionGraph.from_arcs([0], [1], 0.5)
    with pytest.raises(ParameterError, match="shape"):
        message_probabilities(g, np.ones((3, 2)), np.ones(2))
    with pytest.raises(ParameterError, match="message_topics"):
        message_probabilities(g, np.ones((2, 2)), np.ones(3))
    with pytest.raises(ParameterError, match="all zeros"):
        message_probabilities(g, np.ones((2, 2)), np.zeros(2))
    with pytest.raises(ParameterError, match="non-negative"):
        message_relevance(-np.ones((2, 2)), np.ones(2))
    with pytest.raises(ParameterError, match="novelty"):
        message_probabilities(g, np.ones((2, 2)), np.ones(2), novelty=0.0)
    with pytest.raises(ParameterError, match="unknown"):
        message_relevance(np.ones((2, 2)), np.ones(2), floor=0.3, unknown=0.1)
