"""Brand-aware, target-dependent sentiment and the default model (issue 17)."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import numpy as np
import pytest

from einfluence.exceptions import EinfluenceError
from einfluence.perception import Brand, LexiconSentiment, find_mentions
from einfluence.perception._linear import from_bytes
from einfluence.perception.default import (
    DefaultSentiment,
    default_metadata,
    lexicon_proba,
    load_default,
)
from einfluence.perception.targets import (
    OTHER,
    TARGET,
    mask_brands,
    mention_views,
    name_words,
    resolve,
)

AIRLINES = [Brand("United", aliases=["United Airlines"], handles=["united"]),
            Brand("Delta", handles=["delta"]), Brand("American", aliases=["American Airlines"], handles=["AmericanAir"])]


def _mention_sentiment(texts, brands=AIRLINES, lang="en"):
    views = mention_views(texts, find_mentions(texts, brands), brands)
    proba = DefaultSentiment(lang).predict_proba(views.text)
    labels = np.array(["negative", "neutral", "positive"])[proba.argmax(axis=1)]
    scores, labels = resolve(proba[:, 2] - proba[:, 0], labels, views)
    return {(int(p), brands[int(b)].name): (lab, s) for p, b, lab, s in zip(views.post, views.brand, labels, scores,
                                                                            strict=True)}


def test_the_brand_name_is_not_an_opinion():
    # the lexicon read "united" as a positive word (issue 17)
    assert LexiconSentiment("en").score(["@united not my luggage"])[0] == 0.0
    assert mask_brands(["United Airlines lost my bag"], AIRLINES) == [f"{TARGET} lost my bag"]
    got = _mention_sentiment(["@united not my luggage", "United Airlines lost my bag"])
    assert got[(0, "United")][0] == "negative"
    assert got[(1, "United")][0] == "negative"
    assert name_words(Brand("Free", aliases=["Free Mobile"])) == ("free",)
    assert name_words(Brand("United", aliases=["United Airlines"])) == ("united",)


def test_a_switch_post_gets_opposite_sentiments():
    got = _mention_sentiment(["Leaving @united for @delta, so happy", "Quitte @AmericanAir pour @united"])
    assert got[(0, "United")][0] == "negative" and got[(0, "Delta")][0] == "positive"
    assert got[(1, "American")][1] < 0 < got[(1, "United")][1]


def test_each_brand_gets_its_own_clause():
    got = _mention_sentiment(["@united lost my bag and cancelled my flight. @delta was wonderful, thank you"])
    assert got[(0, "United")][0] == "negative" and got[(0, "Delta")][0] == "positive"
    v = mention_views(["@delta is better than @united"], find_mentions(["@delta is better than @united"], AIRLINES),
                      AIRLINES)
    assert v.text == [f"{OTHER} is better than {TARGET}", f"{TARGET} is better than {OTHER}"]
    assert v.relation.tolist() == [3, 4]  # United the worse side, Delta the better


def test_default_model_is_calibrated_data_without_pickle():
    p = DefaultSentiment("en").predict_proba(["@target thanks for the great flight", "@target flight 203 to Denver"])
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    assert p[0, 2] > 0.5
    meta = default_metadata("fr")
    # French: DEFT, and the English corpora through the multilingual word vectors; calibrated on DEFT only
    assert set(meta["trained_on"]) >= {"deft"} and set(meta["calibrated_on"]) == {"deft"}
    assert meta["lexicon_calibration"]
    q = lexicon_proba(np.array([-0.9, 0.0, 0.9]), "en")
    assert q.argmax(axis=1).tolist() == [0, 1, 2]
    # prediction needs no scikit-learn
    code = ("import sys; from einfluence.perception.default import DefaultSentiment; "
            "DefaultSentiment('fr').predict(['super']); print('sklearn' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"


def test_a_corrupt_default_model_is_refused():
    from importlib import resources

    blob = resources.files("einfluence.perception").joinpath("models/sentiment_en.npz").read_bytes()
    with np.load(io.BytesIO(blob), allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    arrays["coef"] = arrays["coef"].copy()
    arrays["coef"][0, 0] = np.nan
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    with pytest.raises(EinfluenceError, match="non-finite"):
        from_bytes(buf.getvalue())
    meta = json.loads(arrays["metadata"].tobytes())
    meta["format"] = "pickle"
    arrays["metadata"] = np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)
    arrays["coef"][0, 0] = 0.0
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    with pytest.raises(EinfluenceError, match="unsupported"):
        from_bytes(buf.getvalue())
    assert load_default("en")[0].temperature > 0


def test_uncertain_mentions_widen_perception():
    from einfluence.perception import brand_perception

    sure = brand_perception([0, 1, 2, 3], [0] * 4, [7] * 4, [0, 1, 2, 3], [0.8, 0.7, 0.9, 0.6], n_brands=1)
    unsure = brand_perception([0, 1, 2, 3], [0] * 4, [7] * 4, [0, 1, 2, 3], [0.8, 0.7, np.nan, np.nan], n_brands=1)
    assert unsure.n_mentions.tolist() == [4] and unsure.n_uncertain.tolist() == [1 * 2]
    assert unsure.mean_sentiment[0] == pytest.approx(0.75)
    assert unsure.positive_low[0] < sure.positive_low[0] and unsure.positive_high[0] == pytest.approx(sure.positive_high[0])
    assert (unsure.ci_high - unsure.ci_low)[0] > (sure.ci_high - sure.ci_low)[0]


def test_batched_views_equal_the_per_post_ones(monkeypatch):
    from einfluence.perception import targets

    texts = ["Leaving @united for @delta, so happy", "@delta is better than @united", "United lost my bag. Delta was great",
             "@united never again, @delta was not bad\nAmerican Airlines? unlike @united", "@AmericanAir > @delta",
             "quitte @united pour @delta mais je regrette", "no brand here", None, "@united @delta @AmericanAir",
             "United Airlines: worse than Delta - but American was fine; united we stand", "@united not my luggage"]
    found = find_mentions(texts, AIRLINES)
    monkeypatch.setattr(targets, "_BATCH_MULTI", True)
    batch = mention_views(texts, found, AIRLINES)
    monkeypatch.setattr(targets, "_BATCH_MULTI", False)
    one = mention_views(texts, found, AIRLINES)
    assert batch.text == one.text and int(batch.multi.sum()) == 19
    for name in ("post", "brand", "relation", "partner", "multi"):
        np.testing.assert_array_equal(getattr(batch, name), getattr(one, name))


def test_name_words_are_found_as_the_case_insensitive_pattern_finds_them():
    from einfluence.perception.targets import _name_hits, _name_word_pattern

    pattern = _name_word_pattern(["united", "free"])
    for text in ["UNITED lost it, @united #united x_united united_ Free! freedom united", "İstanbul: United free",
                 "unitedfree united9 9united émunited"]:
        assert _name_hits(pattern, text) == [(m.start(), m.end()) for m in pattern.finditer(text)], text
