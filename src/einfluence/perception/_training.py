"""Fitting the fast linear sentiment model (private; loads scikit-learn and SciPy).

:func:`fit_linear` learns a :class:`~einfluence.perception._linear.LinearModel` from labelled
texts: vocabulary and bigrams of at least ``min_df`` texts, TF-IDF weights, standardised
lexicon features, optionally the mean static word embedding of each text, and a multinomial
logistic regression over all of them; :func:`fit_temperature` calibrates its probabilities on
held-out texts (temperature scaling [1]_).

References
----------
.. [1] C. Guo, G. Pleiss, Y. Sun and K. Q. Weinberger, "On calibration of modern neural
   networks", Proc. ICML 2017, pp. 1321-1330. https://proceedings.mlr.press/v70/guo17a.html
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from einfluence.base.unique import unique_ints
from einfluence.perception._linear import (
    _SEP,
    SPECIALS,
    LinearModel,
    embedding_mean,
    ngram_counts,
    ngram_features,
    prepare,
    split_tokens,
    tokenize_batch,
    word_flags,
    word_valence,
)
from einfluence.perception._linear import stream_lexicon as _stream
from einfluence.perception.sentiment import lexicon_features

__all__ = ["fit_linear", "fit_temperature"]


def _words_of(texts: list[str], lang: str) -> list[str]:
    joined = f" {_SEP} ".join(t.replace(_SEP, " ") for t in texts)
    return split_tokens(prepare(joined), lang)


def fit_linear(
    texts: list[str],
    y: np.ndarray,
    lang: str,
    *,
    C: float = 1.0,
    min_df: int = 2,
    lexicon_weight: float = 1.0,
    class_weight: str | None = "balanced",
    sample_weight: np.ndarray | None = None,
    embedding: tuple[list[str], np.ndarray] | None = None,
    embedding_weight: float = 1.0,
    stream_lexicon: bool = True,
    embedding_known_only: bool = False,
    subjectivity: dict[str, tuple[float, float]] | None = None,
    targets: np.ndarray | None = None,
    random_state: int = 0,
) -> LinearModel:
    """Fit the model; ``y`` holds codes 0, 1, 2 (negative, neutral, positive).

    ``embedding`` is ``(words, vectors)``: accent-folded lowercase words and their vectors
    (n_words, d); the learned weights are folded into one 3-vector per word. ``subjectivity``
    maps accent-folded lowercase words to their (polarity, subjectivity) in a Pattern lexicon:
    four more lexicon features (with ``stream_lexicon`` only). ``targets`` (n, 3), rows summing
    to 1, are soft labels (e.g. a teacher model's probabilities mixed with the gold labels): the
    cross-entropy to them is minimised, each text weighted by ``sample_weight`` and by the
    balanced weight of its class in ``y`` as for hard labels (knowledge distillation [2]_).

    .. [2] G. Hinton, O. Vinyals and J. Dean, "Distilling the knowledge in a neural network",
       NIPS 2014 Deep Learning Workshop. https://arxiv.org/abs/1503.02531
    """
    from sklearn.linear_model import LogisticRegression

    words = list(SPECIALS)
    index = {w: i for i, w in enumerate(words)}
    for w in _words_of(texts, lang):
        if w not in index:
            index[w] = len(words)
            words.append(w)
    emb_words = embedding[0] if embedding is not None else []
    if stream_lexicon:  # every rated word is in the vocabulary, so that its rating is read
        from einfluence.perception._lexicons import get_lexicon

        lexicon = get_lexicon(lang)
        for w in [*lexicon.valence, *lexicon.emoji]:
            if w not in index:
                index[w] = len(words)
                words.append(w)
    for w in [*emb_words, *(subjectivity or {})] if stream_lexicon else emb_words:
        if w not in index:
            index[w] = len(words)
            words.append(w)
    vocab = {w: i for i, w in enumerate(words) if w}
    n_words = len(words)
    tok = tokenize_batch(texts, lang, vocab, word_flags(words, lang))
    n = len(texts)
    t_uni, uni, t_bi, keys = ngram_counts(tok, n_words)
    # document frequencies
    uni_df = np.bincount(unique_ints(t_uni * (2 * n_words) + uni) % (2 * n_words), minlength=2 * n_words)
    uni_df[:2] = 0  # the unknown word (id 0) is never a feature
    pair = unique_ints(t_bi * (n_words * n_words) + keys) % (n_words * n_words) if keys.size else keys
    bkeys, bdf = unique_ints(pair, return_counts=True)
    bkeys, bdf = bkeys[bdf >= min_df], bdf[bdf >= min_df]
    uni_idf = np.where(uni_df >= min_df, np.log((1.0 + n) / (1.0 + uni_df)) + 1.0, 0.0)
    bi_idf = np.log((1.0 + n) / (1.0 + bdf)) + 1.0
    t_idx, feat, val = ngram_features(tok, n_words, bkeys, uni_idf, bi_idf)
    n_feat = 2 * n_words + bkeys.size
    x_ngram = sp.csr_matrix((val, (t_idx, feat)), shape=(n, n_feat))
    used = unique_ints(feat)  # fit only the columns that occur
    valence = word_valence(words, lang) if stream_lexicon else None
    subj = None
    if subjectivity and stream_lexicon:
        subj = np.array([subjectivity.get(w, (0.0, 0.0)) for w in words], dtype=np.float64)
        subj = subj.astype(np.float16).astype(np.float64)  # as saved
    lex = _stream(tok, valence, words, subj) if stream_lexicon else lexicon_features(texts, lang)
    lex_mean = lex.mean(axis=0)
    lex_scale = lex.std(axis=0)
    lex_scale[lex_scale == 0] = 1.0
    blocks = [x_ngram[:, used], sp.csr_matrix((lex - lex_mean) / lex_scale * lexicon_weight)]
    table = None
    if embedding is not None:
        vectors = np.asarray(embedding[1], dtype=np.float64)
        table = np.zeros((n_words, vectors.shape[1]))
        table[[index[w] for w in emb_words]] = vectors
        blocks.append(sp.csr_matrix(embedding_mean(tok, table, embedding_known_only) * embedding_weight))
    x = sp.csr_matrix(sp.hstack(blocks, format="csr"))
    model = LogisticRegression(C=C, max_iter=3000, class_weight=class_weight, solver="newton-cg",
                               random_state=random_state)  # fmt: skip
    if targets is None:
        model.fit(x, y, sample_weight=sample_weight)
    else:  # soft labels: each text three times, weighted by its target probability of each class
        y = np.asarray(y, dtype=np.int64)
        sw = np.ones(n) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
        if class_weight == "balanced":  # as scikit-learn's: class totals of the sample weights
            tot = np.bincount(y, weights=sw, minlength=3)
            sw = sw * (sw.sum() / (np.count_nonzero(tot) * np.where(tot > 0, tot, 1.0)))[y]
        model.set_params(class_weight=None)
        t = np.asarray(targets, dtype=np.float64)
        rows, cls = np.nonzero(t > 1e-6)
        model.fit(x[rows], cls, sample_weight=sw[rows] * t[rows, cls])
    coef_all = np.zeros((3, x.shape[1]))
    intercept = np.full(3, -1e3)
    coef_all[model.classes_] = model.coef_ if model.coef_.shape[0] > 1 else np.vstack([-model.coef_, model.coef_])
    intercept[model.classes_] = model.intercept_ if model.intercept_.size > 1 else np.array(
        [-model.intercept_[0], model.intercept_[0]])
    coef = np.zeros((3, n_feat))
    coef[:, used] = coef_all[:, : used.size]
    n_lex = lex.shape[1]
    lex_coef = coef_all[:, used.size : used.size + n_lex] * lexicon_weight
    emb3 = np.zeros((n_words, 3))
    if table is not None:
        w_emb = coef_all[:, used.size + n_lex :] * embedding_weight
        emb3 = table @ w_emb.T
    # features never seen in training carry no weight: drop their IDF (smaller, faster)
    return LinearModel(
        lang=lang, words=words, unigram_idf=uni_idf, bigram_keys=bkeys.astype(np.int64), bigram_idf=bi_idf,
        coef=coef, lexicon_mean=lex_mean, lexicon_scale=lex_scale, lexicon_coef=lex_coef, embedding=emb3,
        intercept=intercept, temperature=1.0, valence=valence, embedding_known_only=embedding_known_only,
        subjectivity=subj,
    )  # fmt: skip


def fit_temperature(model: LinearModel, texts: list[str], y: np.ndarray) -> float:
    """The temperature minimising the negative log-likelihood of held-out labels (golden section)."""
    z = model.decision_function(texts)
    y = np.asarray(y, dtype=np.int64)

    def nll(t: float) -> float:
        s = z / t
        s = s - s.max(axis=1, keepdims=True)
        return float(-(s[np.arange(y.size), y] - np.log(np.exp(s).sum(axis=1))).mean())

    lo, hi = 0.05, 20.0
    g = (np.sqrt(5) - 1) / 2
    a, b = hi - g * (hi - lo), lo + g * (hi - lo)
    for _ in range(60):
        if nll(a) < nll(b):
            hi = b
        else:
            lo = a
        a, b = hi - g * (hi - lo), lo + g * (hi - lo)
    return float((lo + hi) / 2)
