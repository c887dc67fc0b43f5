"""Normalisation, tokenisation, stop words and hashtags in French and English."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from einfluence.exceptions import ParameterError
from einfluence.text import (
    FRENCH_STOP_WORDS,
    STOP_WORDS,
    Analyzer,
    as_text_list,
    fold_accents,
    hashtags,
    normalize,
    tokenize,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("vélo électrique", "velo electrique"),
        ("Ça, c'est déjà l'été à Noël", "Ca, c'est deja l'ete a Noel"),
        ("cœur, Œuvre, ex æquo, Straße", "coeur, OEuvre, ex aequo, Strasse"),
        ("ﬁne ｆｕｌｌ", "fine full"),
        ("plain ascii", "plain ascii"),
        ("Ελληνικά 日本", "Ελληνικα 日本"),  # other scripts kept, only their marks removed
    ],
)
def test_fold_accents(text, expected):
    assert fold_accents(text) == expected


def test_fold_accents_of_a_long_text_is_that_of_its_pieces():
    """Long texts decompose only their non-ASCII runs: the same string as the whole text's NFKD."""
    import unicodedata

    from einfluence.text.normalize import _COMBINING, _NON_DECOMPOSING

    rng = np.random.default_rng(1)
    alphabet = [*"ae E\x00,", "é", "\u0301", "\u0327", "\u0345", "ﬁ", "œ", "ß", "😀", "\u200d", "🏽", "Å", "ǅ", "ſt", "日"]
    for _ in range(30):
        text = "".join(rng.choice(alphabet, size=6000))
        plain = text
        for letter, folded in _NON_DECOMPOSING.items():
            plain = plain.replace(letter, folded)
        assert fold_accents(text) == _COMBINING.sub("", unicodedata.normalize("NFKD", plain))


def test_normalize_urls_mentions_and_apostrophes():
    text = "L’AVION de @Marie_B: https://t.co/abc www.site.fr/x #VéloTaf"
    out = normalize(text)
    assert "http" not in out and "www" not in out and "@" not in out
    assert out.startswith("l'avion de")
    assert "#velotaf" in out
    kept = normalize(text, keep_urls=True, keep_mentions=True)
    assert "@marie_b" in kept and "https://t.co/abc" in kept
    assert normalize(None) == "" and normalize("") == ""
    assert normalize("mail me at a@b.com") == "mail me at a@b.com"  # not a mention


def test_tokenize_french_elisions():
    assert tokenize("L'autonomie d'un VAE qu'on adore, jusqu'à Lorsqu'il pleut") == [
        "autonomie", "un", "vae", "on", "adore", "il", "pleut"
    ]
    assert tokenize("J’aime l’huile d’olive") == ["aime", "huile", "olive"]
    assert tokenize("aujourd'hui quelqu'un") == ["aujourdhui", "quelquun"]


def test_tokenize_english_contractions_numbers_and_hashtags():
    assert tokenize("Don't miss the brand's 2024 e-bike: 120km, 5G #Ligue1 #2024 #a") == [
        "dont", "miss", "the", "brand", "ebike", "120km", "5g", "#ligue1"
    ]
    assert tokenize("snake_case words") == ["snake", "case", "words"]
    assert tokenize("#vélo_électrique") == ["#velo_electrique"]
    assert tokenize(None) == []


def test_stop_words_cover_both_languages_and_are_folded():
    for word in ("the", "and", "le", "les", "tres", "ete", "etre", "deja", "rt", "https", "amp"):
        assert word in STOP_WORDS
    assert all(fold_accents(w) == w and w == w.lower() for w in STOP_WORDS)
    assert len(FRENCH_STOP_WORDS) >= 150
    # content words of both languages survive
    for word in ("velo", "batterie", "skincare", "recette", "football", "system"):
        assert word not in STOP_WORDS


def test_hashtags():
    assert hashtags("#VéloTaf et #velotaf, #Ligue1 mais pas C# ni #1 ni a#b") == [
        "#velotaf", "#velotaf", "#ligue1"
    ]
    assert hashtags(None) == [] and hashtags("no tag") == []


def test_analyzer_in_sklearn_vectorizers():
    docs = ["Le vélo électrique d'Ondula", "VELO ELECTRIQUE pour le trajet", "the e-bike #VAE"]
    cv = CountVectorizer(analyzer=Analyzer()).fit(docs)
    assert cv.get_feature_names_out().tolist() == [
        "#vae", "ebike", "electrique", "ondula", "trajet", "velo"
    ]
    x = cv.transform(docs).toarray()
    velo = cv.vocabulary_["velo"]
    assert x[:, velo].tolist() == [1, 1, 0]
    tfidf = TfidfVectorizer(analyzer=Analyzer(ngram_range=(1, 2))).fit(docs)
    assert "velo electrique" in tfidf.vocabulary_
    assert pickle.loads(pickle.dumps(Analyzer())) == Analyzer()
    assert Analyzer(stop_words={"velo"})("le vélo") == ["le"]
    with pytest.raises(ParameterError):
        Analyzer(ngram_range=(2, 1))


def test_as_text_list_validation():
    assert as_text_list(["a", None, float("nan"), np.str_("b")]) == ["a", "", "", "b"]
    with pytest.raises(TypeError):
        as_text_list("a single string")
    with pytest.raises(TypeError):
        as_text_list(["ok", 3])
    with pytest.raises(ParameterError):
        as_text_list(np.array([["a"]]))
