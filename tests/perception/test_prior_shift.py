"""The EM prior adjustment of the perception benchmark (Saerens et al. 2002) against direct
computations on small batches."""

from __future__ import annotations

import numpy as np
from benchmarks.bench_perception import em_priors


def _posteriors(likelihood: np.ndarray, prior: np.ndarray) -> np.ndarray:
    p = likelihood * prior
    return p / p.sum(axis=1, keepdims=True)


def test_em_priors_recovers_a_shifted_prior():
    """Texts drawn with priors (0.6, 0.3, 0.1) and scored by the exact posteriors under a uniform
    training prior: EM finds the batch's priors, and its adjusted posteriors are the exact
    posteriors under them (Bayes' rule)."""
    rng = np.random.default_rng(0)
    means = np.array([[0.0, 0.0], [2.0, 0.0], [0.0, 2.0]])
    true = np.array([0.6, 0.3, 0.1])
    y = rng.choice(3, size=20_000, p=true)
    x = means[y] + rng.normal(size=(y.size, 2))
    lik = np.exp(-0.5 * ((x[:, None, :] - means[None]) ** 2).sum(axis=2))
    prior, adjusted = em_priors(_posteriors(lik, np.full(3, 1 / 3)), np.full(3, 1 / 3))
    assert np.abs(prior - true).max() < 0.02
    np.testing.assert_allclose(adjusted, _posteriors(lik, prior), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(adjusted.sum(axis=1), 1.0)


def test_em_priors_keeps_the_training_prior_when_nothing_shifted():
    """A batch whose mean posterior is the training prior is a fixed point: nothing moves."""
    proba = np.array([[0.5, 0.25, 0.25], [0.1, 0.5, 0.4], [0.2, 0.4, 0.4]])
    train = proba.mean(axis=0)
    prior, adjusted = em_priors(proba, train)
    np.testing.assert_allclose(prior, train)
    np.testing.assert_allclose(adjusted, proba)
