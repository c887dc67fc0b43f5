"""query_relevance: BM25 of account documents, hand-computed and on planted accounts."""

from __future__ import annotations

import math

import numpy as np
import pytest

from einfluence.exceptions import ParameterError
from einfluence.topics.relevance import query_relevance, query_terms


def bm25(tf, length, avg, n_docs, df, k1=1.2, b=0.75):
    idf = math.log(1 + (n_docs - df + 0.5) / (df + 0.5))
    return idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / avg))


def test_hand_computed_example():
    # account documents after normalisation and stop words:
    #   0: velo electrique velo | 1: velo cargo | 2: gratin recette | 3: none | 4: electrique
    texts = ["Mon vélo électrique", "le velo", "velo cargo", "Recette du gratin", "électrique"]
    author = np.array([0, 0, 1, 2, 4])
    scores = query_relevance("Vélo électrique", author, texts, 6)
    avg = (3 + 2 + 2 + 1) / 4
    expected = [
        bm25(2, 3, avg, 4, 2) + bm25(1, 3, avg, 4, 2),
        bm25(1, 2, avg, 4, 2),
        0.0,
        0.0,
        bm25(1, 1, avg, 4, 2),
        0.0,
    ]
    np.testing.assert_allclose(scores, expected)
    # b = 0: no length normalisation; k1 = 0: presence only
    np.testing.assert_allclose(
        query_relevance("velo", author, texts, 6, k1=0.0),
        [bm25(1, 3, avg, 4, 2, k1=0)] * 2 + [0.0] * 4,
    )


def test_accents_hashtags_and_stop_words():
    texts = ["velo electrique", "#velo #VéloÉlectrique", "le vélo", "the bike"]
    scores = query_relevance("le VÉLO", np.arange(4), texts, 4)
    assert (scores[:3] > 0).all() and scores[3] == 0
    assert query_terms("Le vélo, LE VELO et #VAE") == ["velo", "#vae"]
    tag_only = query_relevance("#vae", np.arange(2), ["vae", "#vae"], 2)
    assert tag_only[0] == 0 and tag_only[1] > 0


def test_planted_on_topic_accounts_rank_first():
    rng = np.random.default_rng(0)
    topic = ["skincare", "vegan", "serum", "cruelty", "free", "glow"]
    other = ["football", "match", "recette", "gratin", "concert", "voyage", "vélo", "train"]
    n_accounts, n_planted = 200, 10
    author, texts = [], []
    for a in range(n_accounts):
        for _ in range(rng.integers(3, 15)):
            words = list(rng.choice(other, rng.integers(4, 12)))
            if a < n_planted and rng.random() < 0.7:
                words += list(rng.choice(topic, 3))
            elif rng.random() < 0.02:  # background accounts mention it by chance
                words.append("vegan")
            texts.append(" ".join(words))
            author.append(a)
    scores = query_relevance("skincare vegan", np.array(author), texts, n_accounts + 5)
    top = np.argsort(-scores, kind="stable")[:n_planted]
    assert set(top.tolist()) == set(range(n_planted))
    assert (scores[n_accounts:] == 0).all()


def test_account_documents_group_their_posts():
    texts = ["velo", "velo", "gratin"]
    split = query_relevance("velo", np.array([0, 0, 1]), texts, 2)
    joined = query_relevance("velo", np.array([0, 1]), ["velo velo", "gratin"], 2)
    np.testing.assert_allclose(split, joined)


def test_validation():
    author = np.array([0, 1])
    with pytest.raises(ParameterError, match="no term"):
        query_relevance("the le", author, ["a", "b"], 2)
    with pytest.raises(ParameterError):
        query_relevance("velo", author, ["a", "b"], 2, method="tfidf")
    with pytest.raises(ParameterError):
        query_relevance("velo", author, ["a"], 2)
    with pytest.raises(ParameterError):
        query_relevance("velo", np.array([0, 2]), ["a", "b"], 2)
    with pytest.raises(ParameterError):
        query_relevance("velo", author, ["a", "b"], 2, b=1.5)
    with pytest.raises(TypeError):
        query_relevance(["velo"], author, ["a", "b"], 2)
    assert query_relevance("velo", np.array([], dtype=np.int64), [], 3).tolist() == [0, 0, 0]
