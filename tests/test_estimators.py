"""scikit-learn's estimator contract for TopicModel, KeywordTopics and SentimentClassifier.

One contract, checked for all three (as scikit-learn's ``parametrize_with_checks`` does):

* the checks of ``sklearn.utils.estimator_checks`` that do not feed numeric 2-D arrays (the
  estimators take a sequence of texts, tag ``input_tags.string``; scikit-learn's own
  ``check_estimator`` skips such estimators): cloning, repr, inert ``__init__``,
  ``get_params``/``set_params``, mixin order, tags, and errors before ``fit``;
* the data checks rewritten with texts: ``fit`` returns ``self`` and leaves the parameters
  alone, only ``_``-suffixed public attributes are learned, ``fit``/``score`` take ``y``,
  pickling and refitting give the same results, ``check_is_fitted`` follows ``fit``;
* ``Pipeline`` and ``GridSearchCV`` on small corpora, and JSON-ready parameters.
"""

from __future__ import annotations

import inspect
import json
import pickle
import warnings
from pathlib import Path

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, KFold
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer
from sklearn.utils import estimator_checks
from sklearn.utils.validation import check_is_fitted

from einfluence.perception import SentimentClassifier
from einfluence.topics import KeywordTopics, TopicModel
from tests.topics.test_model import planted_corpus

SENTIMENT_TEXTS = [
    "love it", "great job, thanks", "awful service", "I hate delays", "the flight is at 6",
    "see you tomorrow", "so happy with it 😁", "not good at all", "the train leaves at noon",
    "best crew ever", "worst airline, never again", "bags arrived on belt 4",
]  # fmt: skip
SENTIMENT_LABELS = ["positive", "positive", "negative", "negative", "neutral", "neutral",
                    "positive", "negative", "neutral", "positive", "negative", "neutral"]  # fmt: skip


def _topic_texts() -> list[str]:
    return planted_corpus(3, 240, seed=11)[0]


def _keyword_texts() -> list[str]:
    return ["un vélo électrique", "#VAE et batterie", "crème solaire", "rien", "sérum et vélo"] * 4


#: (estimator, texts, labels or None) of each estimator under test
CASES = {
    "TopicModel": (TopicModel(3, random_state=0, max_iter=100), _topic_texts, None),
    "KeywordTopics": (
        KeywordTopics({"bikes": ["vélo électrique", "#VAE", "batterie"], "skin": ["sérum", "crème solaire"]}),
        _keyword_texts,
        None,
    ),
    "SentimentClassifier": (SentimentClassifier("en", C=10.0, min_df=1), lambda: SENTIMENT_TEXTS * 3, SENTIMENT_LABELS * 3),
}

#: the checks of sklearn.utils.estimator_checks that run without numeric input
API_CHECKS = [
    "check_estimator_cloneable",
    "check_estimator_repr",
    "check_no_attributes_set_in_init",
    "check_parameters_default_constructible",
    "check_get_params_invariance",
    "check_set_params",
    "check_do_not_raise_errors_in_init_or_set_params",
    "check_mixin_order",
    "check_valid_tag_types",
    "check_estimator_tags_renamed",
    "check_estimators_unfitted",
]
TRANSFORMER_CHECKS = ["check_transformers_unfitted", "check_get_feature_names_out_error"]


def _data(name: str) -> tuple[list[str], list[str] | None]:
    _, texts, labels = CASES[name]
    return texts(), labels


def _fit(est, name: str):
    texts, labels = _data(name)
    return est.fit(texts) if labels is None else est.fit(texts, labels)


def _outputs(est, texts: list[str]) -> np.ndarray:
    return est.predict_proba(texts) if hasattr(est, "predict_proba") else est.transform(texts)


def _checks():
    for name, (est, _, _) in CASES.items():
        checks = API_CHECKS + (TRANSFORMER_CHECKS if hasattr(est, "transform") else [])
        for check in checks:
            yield pytest.param(name, check, id=f"{name}-{check}")


@pytest.mark.parametrize(("name", "check"), list(_checks()))
def test_sklearn_estimator_checks(name, check):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        getattr(estimator_checks, check)(name, clone(CASES[name][0]))


@pytest.mark.parametrize("name", list(CASES))
def test_tags_declare_text_input(name):
    tags = CASES[name][0].__sklearn_tags__()
    assert tags.input_tags.string and not tags.input_tags.two_d_array


@pytest.mark.parametrize("name", list(CASES))
def test_get_params_holds_every_constructor_argument_and_is_json_ready(name):
    est = CASES[name][0]
    cls = type(est)
    signature = inspect.signature(cls.__init__)
    names = [p for p in signature.parameters if p != "self"]
    defaults = cls(**({"topics": {}} if name == "KeywordTopics" else {})).get_params()
    assert sorted(defaults) == sorted(names) == sorted(est.get_params())
    for p in names:
        if signature.parameters[p].default is not inspect.Parameter.empty:
            assert defaults[p] == signature.parameters[p].default, p
    json.dumps(defaults)
    json.dumps(est.get_params())
    assert clone(est).get_params() == est.get_params()


def test_positional_first_arguments_are_kept():
    assert SentimentClassifier("fr").get_params()["lang"] == "fr"
    assert TopicModel(7).get_params()["n_topics"] == 7
    assert KeywordTopics({"a": ["b"]}).get_params()["topics"] == {"a": ["b"]}


@pytest.mark.parametrize("name", list(CASES))
def test_fit_returns_self_learns_underscore_attributes_and_keeps_params(name):
    est = clone(CASES[name][0])
    before = {k: (v if not isinstance(v, dict) else dict(v)) for k, v in est.get_params().items()}
    public_before = {k for k in vars(est) if not k.startswith("_")}
    with pytest.raises(NotFittedError):
        check_is_fitted(est)
    assert _fit(est, name) is est
    check_is_fitted(est)
    assert est.get_params() == before  # check_dont_overwrite_parameters / overwrite_params
    learned = {k for k in vars(est) if not k.startswith("_")} - public_before
    assert learned and all(k.endswith("_") for k in learned)


@pytest.mark.parametrize("name", list(CASES))
def test_fit_and_score_take_y(name):
    est = CASES[name][0]
    for method in ("fit", "score", "fit_transform"):
        if hasattr(est, method):
            args = list(inspect.signature(getattr(est, method)).parameters)
            assert args[1] == "y", (method, args)


@pytest.mark.parametrize("name", list(CASES))
def test_clone_refit_and_pickle_give_the_same_results(name):
    texts, _ = _data(name)
    fitted = _fit(clone(CASES[name][0]), name)
    again = clone(fitted)
    with pytest.raises(NotFittedError):
        check_is_fitted(again)
    _fit(again, name)  # fit is idempotent: same seed, same model
    np.testing.assert_array_equal(_outputs(again, texts), _outputs(fitted, texts))
    loaded = pickle.loads(pickle.dumps(fitted))
    np.testing.assert_array_equal(_outputs(loaded, texts), _outputs(fitted, texts))
    if hasattr(fitted, "get_feature_names_out"):
        names = fitted.get_feature_names_out()
        assert len(names) == fitted.n_topics_ and names[0] == f"{name.lower()}0"


def test_set_params_changes_the_next_fit():
    texts = _topic_texts()
    model = TopicModel(3, random_state=0).fit(texts)
    assert model.set_params(n_topics=2) is model
    assert model.fit(texts).n_topics_ == 2
    clf = SentimentClassifier("en", min_df=1).fit(SENTIMENT_TEXTS, SENTIMENT_LABELS)
    assert clf.set_params(char_ngrams=False).fit(SENTIMENT_TEXTS, SENTIMENT_LABELS).char_vocabulary_ is None


def test_invalid_parameters_fail_in_fit_not_in_init():
    texts = _topic_texts()
    model = TopicModel(n_topics=-3, solver="nope")  # inert: no error yet
    with pytest.raises(ValueError):
        model.fit(texts)
    clf = SentimentClassifier("de", C=-1.0)
    with pytest.raises(ValueError):
        clf.fit(SENTIMENT_TEXTS, SENTIMENT_LABELS)


# -- topics: Pipeline and GridSearchCV ---------------------------------------------------------
def test_topic_model_in_a_pipeline():
    docs, label, _ = planted_corpus(3, 450, seed=5)
    pipe = Pipeline([("topics", TopicModel(3, random_state=0)), ("clf", LogisticRegression())])
    pipe.fit(docs[:300], label[:300])
    assert pipe.score(docs[300:], label[300:]) >= 0.9
    assert pipe.named_steps["topics"].n_topics_ == 3
    kw = Pipeline([("topics", KeywordTopics({"a": ["topawordaa", "topawordba"], "b": ["topbwordaa", "topbwordba"]})),
                   ("clf", LogisticRegression())])  # fmt: skip
    assert kw.fit(docs, label).predict(docs).shape == (len(docs),)
    assert clone(pipe).get_params()["topics__n_topics"] == 3


def test_topic_model_score_is_the_auto_criterion_on_held_out_texts():
    docs, _, _ = planted_corpus(3, 600, seed=3)
    # on its own training texts, with the NMF iterations of the candidates, the score is the
    # one "auto" gave the number of subtopics it chose
    auto = TopicModel("auto", n_topics_range=(2, 6), max_iter=100, random_state=0).fit(docs)
    assert auto.score(docs) == auto.n_topics_scores_[auto.n_subtopics_]
    scores = {k: TopicModel(k, random_state=0).fit(docs[:400]).score(docs[400:]) for k in (2, 3, 4, 6)}
    assert scores[3] > scores[4] > scores[6]  # splitting planted topics is penalised
    assert scores[3] >= (1 - auto.auto_tolerance) * max(scores.values())  # on the plateau
    with pytest.raises(ValueError):
        TopicModel(3, random_state=0).fit(docs).score([])


def test_grid_search_finds_the_planted_number_of_topics():
    docs, _, _ = planted_corpus(3, 600, seed=3)
    cv = KFold(3, shuffle=True, random_state=0)
    search = GridSearchCV(TopicModel(random_state=0), {"n_topics": [2, 3, 4, 5]}, cv=cv).fit(docs)
    assert search.best_params_ == {"n_topics": 3}
    assert search.best_estimator_.n_topics_ == 3


def test_grid_search_with_the_auto_rule_as_refit():
    """Below the true number of topics the score forms a plateau (a merged topic keeps the top
    terms of one part); ``"auto"`` takes the largest candidate within ``auto_tolerance`` of the
    best, and a ``refit`` callable does the same in ``GridSearchCV``."""
    docs, _, _ = planted_corpus(4, 900, seed=4)

    def largest_within_tolerance(results, tolerance=0.05):
        score = np.asarray(results["mean_test_score"])
        ok = score >= score.max() - tolerance * abs(score.max())
        n_topics = np.asarray(results["param_n_topics"], dtype=int)
        return int(np.flatnonzero(ok)[np.argmax(n_topics[ok])])

    cv = KFold(3, shuffle=True, random_state=0)
    search = GridSearchCV(TopicModel(random_state=0), {"n_topics": [2, 3, 4, 5, 6]}, cv=cv,
                          refit=largest_within_tolerance).fit(docs)  # fmt: skip
    assert search.best_params_ == {"n_topics": 4}
    assert TopicModel("auto", n_topics_range=(2, 6), random_state=0).fit(docs).n_topics_ == 4


# -- sentiment: Pipeline and GridSearchCV ------------------------------------------------------
def _sentiment_corpus(n_repeat: int = 4) -> tuple[list[str], np.ndarray]:
    return SENTIMENT_TEXTS * n_repeat, np.array(SENTIMENT_LABELS * n_repeat)


def test_sentiment_classifier_in_a_pipeline_and_grid_search():
    texts, labels = _sentiment_corpus()
    unmention = FunctionTransformer(lambda xs: [x.replace("@", "") for x in xs])
    pipe = Pipeline([("clean", unmention), ("clf", SentimentClassifier("en", min_df=1))])
    search = GridSearchCV(pipe, {"clf__C": [0.01, 10.0], "clf__lexicon_weight": [0.0, 1.0]},
                          cv=KFold(3, shuffle=True, random_state=0))  # fmt: skip
    search.fit(texts, labels)
    assert search.best_params_["clf__C"] == 10.0  # a tiny corpus needs little regularisation
    assert search.best_estimator_.predict(["@x I love it", "awful, I hate it"]).tolist() == ["positive", "negative"]
    # scikit-learn scorers work with string labels
    f1 = GridSearchCV(SentimentClassifier("en", min_df=1), {"C": [10.0]}, cv=2, scoring="f1_macro").fit(texts, labels)
    assert 0.0 <= f1.best_score_ <= 1.0


def test_sentiment_score_accepts_string_and_integer_labels():
    texts, labels = _sentiment_corpus()
    clf = SentimentClassifier("en", C=10.0, min_df=1).fit(texts, labels)
    codes = np.searchsorted(np.array(["negative", "neutral", "positive"]), labels)
    assert clf.score(texts, labels) == clf.score(texts, codes) == float(np.mean(clf.predict(texts) == labels))
    assert clf.classes_.tolist() == ["negative", "neutral", "positive"]
    with pytest.raises(ValueError):
        clf.score([], [])


def test_sentiment_grid_search_on_semeval():
    from tests.perception._corpora import tweeteval_split

    texts, y = tweeteval_split("semeval2017-english-tweet-sentiment", "val")
    labels = np.array(["negative", "neutral", "positive"])[y]
    search = GridSearchCV(SentimentClassifier("en"), {"C": [0.1, 1.0]}, cv=KFold(2, shuffle=True, random_state=0),
                          scoring="f1_macro").fit(texts, labels)  # fmt: skip
    assert search.best_score_ >= 0.5  # 162 training tweets per fold


# -- stored parameters -------------------------------------------------------------------------
def test_sentiment_metadata_holds_every_parameter():
    texts, labels = _sentiment_corpus()
    clf = SentimentClassifier("en", C=3.0, min_df=1, lexicon_weight=0.5, char_ngrams=False, random_state=7)
    meta = clf.fit(texts, labels).metadata
    assert {k: meta[k] for k in clf.get_params()} == clf.get_params()
    json.dumps(meta)
    loaded = SentimentClassifier.from_bytes(clf.to_bytes())
    assert loaded.get_params() == clf.get_params()
    rng_meta = SentimentClassifier("en", min_df=1, random_state=np.random.default_rng(0)).fit(texts, labels).metadata
    assert rng_meta["random_state"] == "Generator" and json.dumps(rng_meta)


def test_a_stored_topic_run_keeps_the_model_parameters(tmp_path):
    from einfluence import Workspace

    path = tmp_path / "demo.duckdb"
    Workspace.create_demo(path, n_accounts=300, n_days=7, seed=1)
    with Workspace(path) as ws:
        stored = ws.topic_run(ws.topics(n_topics=4))["params"]["model"]
    params = TopicModel(n_topics=4, random_state=0).get_params()
    scalars = {k: v for k, v in params.items() if v is None or isinstance(v, (int, float, str, bool))}
    assert {k: stored[k] for k in scalars} == scalars
    assert stored["n_topics_chosen"] == 4


def test_models_saved_by_earlier_code_still_load():
    """A model saved by commit f87d0a6 (before the estimator API; no ``random_state`` in its
    metadata) loads, gets the default ``random_state`` and predicts exactly as it did then."""
    blob = (Path(__file__).parent / "perception" / "data" / "sentiment_model_f87d0a6.npz").read_bytes()
    clf = SentimentClassifier.from_bytes(blob)
    assert clf.get_params() == SentimentClassifier("en", C=10.0).get_params()
    texts = ["I love this job", "the service was awful", "see you at 6", "not great", ""]
    expected = [
        [0.023143136447105736, 0.054387004084650914, 0.9224698594682433],
        [0.9487609303682791, 0.04825880309064033, 0.002980266541080411],
        [0.002291308978634998, 0.9961739680031096, 0.001534723018255432],
        [0.9992379358796133, 0.0001933609184388856, 0.0005687032019479552],
        [0.13544381627877805, 0.18391973963338787, 0.680636444087834],
    ]
    np.testing.assert_allclose(clf.predict_proba(texts), expected, rtol=0, atol=1e-12)
    assert clf.metadata["random_state"] == 0 and clf.metadata["n_train"] == 27


def test_mentions_and_the_lexicon_do_not_load_scikit_learn():
    import subprocess
    import sys

    code = (
        "import sys; from einfluence.perception import LexiconSentiment, find_mentions; "
        "LexiconSentiment('en').score(['good']); print('sklearn' in sys.modules); "
        "from einfluence.perception import SentimentClassifier; print('sklearn' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]
