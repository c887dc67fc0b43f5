"""The numba kernel of the linear sentiment model against its NumPy oracle, and the array helpers."""

from __future__ import annotations

import numpy as np
import pytest

from einfluence.base.unique import unique_ints
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


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_shipped_archives_are_small_plain_arrays(lang):
    """The default models load with ``allow_pickle=False``, hold no object arrays, weigh a few MB."""
    from importlib import resources

    path = resources.files("einfluence.perception").joinpath("models").joinpath(f"sentiment_{lang}.npz")
    data = path.read_bytes()
    assert len(data) < 4_000_000
    import io

    with np.load(io.BytesIO(data), allow_pickle=False) as z:
        assert all(z[k].dtype.kind in "fiub" for k in z.files)
    model, meta = load_default(lang)
    assert meta["lang"] == lang and model.valence is not None


def test_subjectivity_features_round_trip():
    """A model with the Pattern-lexicon features saves, loads and predicts the same; one without
    them (as saved before) still loads and has ten lexicon features."""
    from einfluence.perception._linear import from_bytes, to_bytes
    from einfluence.perception._training import fit_linear

    texts = ["great love it", "awful hate it", "it is a bike", "love this great bike", "hate this awful delay",
             "the bike is here", "not great at all", "boring and bad"] * 4
    y = np.array([2, 0, 1, 2, 0, 1, 0, 0] * 4)
    subj = {"great": (0.8, 0.75), "awful": (-1.0, 1.0), "boring": (-1.0, 1.0), "bad": (-0.7, 0.67)}
    with_subj = fit_linear(texts, y, "en", subjectivity=subj)
    without = fit_linear(texts, y, "en")
    assert with_subj.lexicon_coef.shape == (3, 14) and without.lexicon_coef.shape == (3, 10)
    probe = ["not boring", "a great bike", "bad"]
    for model in (with_subj, without):
        again, _ = from_bytes(to_bytes(model, {}))
        assert (again.subjectivity is None) == (model.subjectivity is None)
        np.testing.assert_allclose(again.predict_proba(probe), model.predict_proba(probe), atol=1e-5)
    # negation flips the Pattern polarity of "boring" (times -0.5)
    tok = tokenize_batch(["boring", "not boring"], "en", with_subj.vocab(), with_subj.flags())
    from einfluence.perception._linear import stream_lexicon

    lex = stream_lexicon(tok, with_subj.valence, with_subj.words, with_subj.subjectivity)
    assert lex.shape == (2, 14) and lex[0, 10] == -1.0 and lex[1, 10] == 0.5 and lex[1, 12] == 1.0


def test_soft_targets():
    """Soft labels (``targets``): one-hot targets fit the model the hard labels fit (class
    weights balanced over the sample weights, as scikit-learn's); a softer target moves the
    probabilities towards it."""
    from einfluence.perception._training import fit_linear

    texts = ["great love it", "awful hate it", "it is a bike", "love this great bike", "hate this awful delay",
             "the bike is here", "not great at all", "boring and bad"] * 4
    y = np.array([2, 0, 1, 2, 0, 1, 0, 0] * 4)
    w = np.linspace(0.5, 2.0, y.size)
    probe = ["not boring", "a great bike", "bad"]
    hard = fit_linear(texts, y, "en", sample_weight=w)
    onehot = fit_linear(texts, y, "en", sample_weight=w, targets=np.eye(3)[y])
    np.testing.assert_allclose(onehot.predict_proba(probe), hard.predict_proba(probe), atol=2e-3)
    soft = fit_linear(texts, y, "en", sample_weight=w, targets=0.5 * np.eye(3)[y] + 0.5 / 3)
    assert soft.predict_proba(probe).max(axis=1).mean() < hard.predict_proba(probe).max(axis=1).mean()
