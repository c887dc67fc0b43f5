"""The shipped default model on the labelled corpora, no training (issue 17); skipped when absent.

The test splits were never used to train, calibrate or choose the model (see
``src/einfluence/perception/models/README.md``)."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import f1_score

from einfluence.perception import Brand, LexiconSentiment, find_mentions
from einfluence.perception.default import DefaultSentiment
from einfluence.perception.targets import mention_views

from ._corpora import sanders_rows, tweeteval_split

SEMEVAL = "semeval2017-english-tweet-sentiment"
DEFT = "deft2017-french-tweet-sentiment"
CODE = {"negative": 0, "neutral": 1, "positive": 2}


def _ece(proba: np.ndarray, y: np.ndarray) -> float:
    """Expected calibration error over ten confidence bins."""
    conf, right = proba.max(axis=1), proba.argmax(axis=1) == y
    bins = np.minimum((conf * 10).astype(int), 9)
    return float(sum(abs(right[bins == b].mean() - conf[bins == b].mean()) * (bins == b).mean()
                     for b in range(10) if (bins == b).any()))


@pytest.mark.slow
@pytest.mark.parametrize(("name", "lang", "floor"), [(SEMEVAL, "en", 0.62), (DEFT, "fr", 0.62)])
def test_default_model_on_the_test_splits(name, lang, floor):
    """Floors of what the shipped model reaches (0.624 and 0.623); the issue's goal, 0.65 on both,
    is not reached by this shallow model (see the README's figures and the test below)."""
    texts, y = tweeteval_split(name, "test")
    proba = DefaultSentiment(lang).predict_proba(texts)
    f1 = f1_score(y, proba.argmax(axis=1), average="macro")
    lexicon = f1_score(y, [CODE[p] for p in LexiconSentiment(lang).predict(texts)], average="macro")
    assert f1 >= floor and f1 > lexicon + 0.05, (f1, lexicon)
    # calibrated: the probability of a label is about how often such labels are right, and the
    # labels kept by a confidence threshold are right more often than those it leaves out
    assert _ece(proba, y) < 0.08
    conf, right = proba.max(axis=1), proba.argmax(axis=1) == y
    assert right[conf >= 0.6].mean() > right.mean() > right[conf < 0.6].mean()


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="issue 17's goal: not reached by the shipped linear model (0.624 / 0.623)")
@pytest.mark.parametrize(("name", "lang"), [(SEMEVAL, "en"), (DEFT, "fr")])
def test_default_model_reaches_the_goal(name, lang):
    """Macro-F1 >= 0.65 on the test split: strict, so that a model reaching it fails here until
    the goal is marked as met."""
    texts, y = tweeteval_split(name, "test")
    assert f1_score(y, DefaultSentiment(lang).predict_proba(texts).argmax(axis=1), average="macro") >= 0.65


@pytest.mark.slow
def test_default_model_on_each_sanders_brand():
    """Sanders: each tech brand's tweets scored towards that brand; the majority label per brand
    is the crowd's and the per-tweet agreement beats the lexicon's. The model saw the train split
    (70 %) of these tweets: this checks the brand-aware path, not how well it generalises."""
    rows = [r for r in sanders_rows() if r["Sentiment"] in CODE]
    brands = [Brand("Apple", handles=["apple"], products=["iPhone", "iPad", "iOS", "Siri", "Mac", "iTunes"]),
              Brand("Google", handles=["google"], products=["Android", "Gmail", "Chrome", "Nexus"]),
              Brand("Microsoft", handles=["microsoft"], products=["Windows", "Xbox", "Bing", "Skype"]),
              Brand("Twitter", handles=["twitter"])]  # fmt: skip
    texts = [r["TweetText"] for r in rows]
    views = mention_views(texts, find_mentions(texts, brands), brands)
    own = {(int(p), int(b)): i for i, (p, b) in enumerate(zip(views.post, views.brand, strict=True))}
    code = {"apple": 0, "google": 1, "microsoft": 2, "twitter": 3}
    at = [own.get((i, code[r["Topic"]])) for i, r in enumerate(rows)]
    keep = [i for i, j in enumerate(at) if j is not None]
    assert len(keep) > 0.9 * len(rows)
    scored = [views.text[at[i]] for i in keep]
    y = np.array([CODE[rows[i]["Sentiment"]] for i in keep])
    pred = DefaultSentiment("en").predict_proba(scored).argmax(axis=1)
    lex = np.array([CODE[p] for p in LexiconSentiment("en").predict(scored)])
    assert (pred == y).mean() > (lex == y).mean() + 0.05
    topic = np.array([code[rows[i]["Topic"]] for i in keep])
    for b in range(4):
        sel = topic == b
        assert np.bincount(pred[sel], minlength=3).argmax() == np.bincount(y[sel], minlength=3).argmax()
