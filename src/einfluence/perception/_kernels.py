"""Numba kernels of the fast linear sentiment model (private).

:func:`ngram_scores` computes the class scores of the TF-IDF word n-gram features of every text
in one pass over the flat token arrays of :func:`~einfluence.perception._linear.tokenize_batch`:
the same numbers as :func:`~einfluence.perception._linear.ngram_features` followed by a sparse
product with the weights (its NumPy oracle in the tests), without building the sparse rows.
"""

from __future__ import annotations

import numpy as np

from einfluence.base.jit import njit

__all__ = ["ngram_scores"]


@njit(cache=True)
def ngram_scores(text, ids, negated, n_texts, n_words, bigram_keys, unigram_idf, bigram_idf, coef):
    """Scores ``(n_texts, n_classes)`` of the L2-normalised sublinear TF-IDF n-gram features.

    Parameters
    ----------
    text, ids, negated : arrays of the tokens, sorted by ``text``
    n_texts, n_words : int
    bigram_keys : sorted int64 array of ``first * n_words + second``
    unigram_idf : float64 array (2 * n_words,), 0 for an unlearned (word, negated) feature
    bigram_idf : float64 array like ``bigram_keys``
    coef : float64 array (2 * n_words + n_bigrams, n_classes), the weights of the features
    """
    n_classes = coef.shape[1]
    n_uni = 2 * n_words
    n_bi = bigram_keys.size
    out = np.zeros((n_texts, n_classes))
    n_tok = ids.size
    buf = np.empty(2 * max(n_tok, 1), np.int64)
    a = 0
    while a < n_tok:
        t = text[a]
        b = a + 1
        while b < n_tok and text[b] == t:
            b += 1
        m = 0
        for i in range(a, b):
            f = ids[i] * 2 + (1 if negated[i] else 0)
            if unigram_idf[f] > 0:
                buf[m] = f
                m += 1
            if i > a and n_bi > 0:
                key = ids[i - 1] * n_words + ids[i]
                lo, hi = 0, n_bi
                while lo < hi:
                    mid = (lo + hi) >> 1
                    if bigram_keys[mid] < key:
                        lo = mid + 1
                    else:
                        hi = mid
                if lo < n_bi and bigram_keys[lo] == key:
                    buf[m] = n_uni + lo
                    m += 1
        if m > 0:
            if m <= 48:  # insertion sort in place: no allocation for a short text
                for i in range(1, m):
                    x = buf[i]
                    j = i - 1
                    while j >= 0 and buf[j] > x:
                        buf[j + 1] = buf[j]
                        j -= 1
                    buf[j + 1] = x
                feats = buf[:m]
            else:
                feats = np.sort(buf[:m])
            norm2 = 0.0
            j = 0
            while j < m:
                k = j + 1
                while k < m and feats[k] == feats[j]:
                    k += 1
                f = feats[j]
                idf = unigram_idf[f] if f < n_uni else bigram_idf[f - n_uni]
                v = (1.0 + np.log(k - j)) * idf
                norm2 += v * v
                for c in range(n_classes):
                    out[t, c] += v * coef[f, c]
                j = k
            if norm2 > 0:
                inv = 1.0 / np.sqrt(norm2)
                for c in range(n_classes):
                    out[t, c] *= inv
        a = b
    return out
