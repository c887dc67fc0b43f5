"""The numba kernel of the linear sentiment model against its NumPy oracle, and the array helpers."""

from __future__ import annotations

import numpy as np
import pytest

from einfluence.perception._arrays import unique_ints
from einfluence.perception._linear import tokenize_batch
from einfluence.perception.default import load_default

TEXTS = ["@target not good at all, not good!!", "", "Soooo happy :) :) with @target", "@target late again. late",
         "pas mal du tout @target", "@target " + "very " * 80 + "good", "ok ok ok ok"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_ngram_kernel_matches_numpy(lang):
    model = load_default(lang)[0]
    rng = np.random.default_rng(0)
    words = [w for w in model.words[12:3000]]
    texts = TEXTS + [" ".join(rng.choice(words, size=rng.integers(0, 60))) for _ in range(300)]
    tok = tokenize_batch(texts, lang, model.vocab(), model.flags())
    fast, slow = model.ngram_scores(tok), model.ngram_scores_numpy(tok)
    assert fast.shape == (len(texts), 3)
    np.testing.assert_allclose(fast, slow, rtol=1e-10, atol=1e-12)
    assert np.abs(slow).sum(axis=1)[1] == 0 and np.abs(slow).sum() > 0


@pytest.mark.parametrize("values", [[], [3], [5, 1, 5, 5, -2, 1], list(range(50, 0, -1)) * 3])
def test_unique_ints_is_np_unique(values):
    x = np.asarray(values, dtype=np.int64)
    v, c = unique_ints(x, return_counts=True)
    ev, ec = np.unique(x, return_counts=True)
    assert v.tolist() == ev.tolist() and c.tolist() == ec.tolist()
    assert unique_ints(x).tolist() == ev.tolist()
