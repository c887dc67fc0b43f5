"""KeywordTopics: declared topics matched across accents, case, hashtags and phrases."""

from __future__ import annotations

import numpy as np
import pytest

from einfluence.exceptions import ParameterError
from einfluence.topics.keywords import KeywordTopics

TOPICS = {
    "e-bikes": ["vélo électrique", "#VAE", "batterie", "l'autonomie"],
    "skincare": ["sérum", "fond de teint", "#SkinCare"],
}


def test_matches_across_accents_case_and_hashtags():
    kt = KeywordTopics(TOPICS).fit()
    weights = kt.transform([
        "VELO ELECTRIQUE !",          # phrase, no accents, upper case
        "#VeloElectrique",            # phrase as a hashtag
        "#vae et #Vae",               # hashtag, twice
        "un vélo, électrique",        # both words but punctuation between: still consecutive tokens
        "vélo seul",                  # one word of a phrase is not a match
        "Super autonomie, un sérum",  # elision in the keyword; one match each
        "mon FOND DE TEINT #skincare",
        "skincare sans hashtag",      # a hashtag keyword matches only the hashtag
        None,
    ])  # fmt: skip
    assert weights.tolist() == [
        [1, 0], [1, 0], [1, 0], [1, 0], [0, 0], [0.5, 0.5], [0, 1], [0, 0], [0, 0]
    ]
    counts = kt.counts(["#vae et #Vae, batterie batterie"]).toarray()
    assert counts.tolist() == [[4.0, 0.0]]


def test_attributes():
    kt = KeywordTopics(TOPICS).fit()
    assert kt.n_topics_ == 2 and kt.names_ == ["e-bikes", "skincare"]
    assert kt.top_terms_[0] == ["velo electrique", "#vae", "batterie", "autonomie"]
    assert kt.components_.shape == (2, len(kt.vocabulary_))
    assert kt.components_[0, kt.vocabulary_["#veloelectrique"]] == 1
    # a form in two topics counts for both
    both = KeywordTopics({"a": ["match"], "b": ["match", "stade"]}).fit()
    assert both.transform(["le match"]).tolist() == [[0.5, 0.5]]
    assert KeywordTopics(TOPICS).fit_transform(["sérum"]).tolist() == [[0.0, 1.0]]


def test_rows_sum_to_one_or_zero_on_many_texts():
    rng = np.random.default_rng(0)
    words = np.array(["vélo", "électrique", "sérum", "batterie", "le", "#vae", "chat"])
    texts = [" ".join(rng.choice(words, 6)) for _ in range(500)]
    weights = KeywordTopics(TOPICS).fit().transform(texts)
    sums = weights.sum(axis=1)
    assert np.allclose(sums[sums > 0], 1.0) and (sums > 0).mean() > 0.5


@pytest.mark.parametrize(
    ("topics", "error"),
    [
        ({}, ParameterError),
        ({"a": []}, ParameterError),
        ({"a": ["à", "!!"]}, ParameterError),
        ({"a": "vélo"}, TypeError),
        ({"a": ["vélo", 3]}, TypeError),
        (["vélo"], TypeError),
    ],
)
def test_validation(topics, error):
    with pytest.raises(error):
        KeywordTopics(topics).fit()


def test_not_fitted():
    with pytest.raises(ParameterError, match="not fitted"):
        KeywordTopics(TOPICS).transform(["vélo"])
