"""Trainable sentiment classifier of French and English posts, saved without pickle.

:class:`SentimentClassifier`: word and character n-gram TF-IDF [1]_ plus the
:func:`~einfluence.perception.sentiment.lexicon_features` of the lexicon baseline, fed to a
multinomial logistic regression; trained on labelled posts, saved as bytes
(:meth:`SentimentClassifier.to_bytes`) that never run code when loaded. A scikit-learn
classifier (``get_params``/``set_params``, ``clone``, ``Pipeline``, ``GridSearchCV``).

References
----------
.. [1] S. M. Mohammad, S. Kiritchenko and X. Zhu, "NRC-Canada: building the state-of-the-art
   in sentiment analysis of tweets", Proc. SemEval 2013, pp. 321-327.
   https://aclanthology.org/S13-2053/
.. [2] B. Pang, L. Lee and S. Vaithyanathan, "Thumbs up? Sentiment classification using
   machine learning techniques", Proc. EMNLP 2002, pp. 79-86.
   https://doi.org/10.3115/1118693.1118704
"""

from __future__ import annotations

import io
import itertools
import json
import numbers
import re
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.exceptions import NotFittedError

from einfluence._version import __version__
from einfluence.base.random import check_random_state
from einfluence.base.validation import check_scalar
from einfluence.exceptions import EinfluenceError, ParameterError
from einfluence.perception._lexicons import check_lang, get_lexicon
from einfluence.perception.sentiment import (
    ELONGATED,
    LEXICON_FEATURES,
    SENTIMENT_LABELS,
    lexicon_features,
)
from einfluence.text import as_text_list, fold_lower

__all__ = ["SentimentClassifier"]

_URL = re.compile(r"(?:https?://|www\.)\S+")
_MENTION = re.compile(r"(?<![\w@])@\w+")
_NEGATION_SCOPE_END = re.compile(r"[.,;:!?]")
_WORD = re.compile(r"#?[^\W_]+(?:'[^\W_]+)*|[!?]+|[\u2190-\u21ff\u2300-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff]")
_FORMAT = "einfluence.SentimentClassifier"
_FORMAT_VERSION = 1
#: the arrays and metadata entries a saved model must hold
_ARRAYS = ("metadata", "word_vocabulary", "word_idf", "char_vocabulary", "char_idf", "lexicon_mean", "lexicon_scale",
           "coef", "intercept")
_NUMERIC_ARRAYS = ("word_idf", "char_idf", "lexicon_mean", "lexicon_scale", "coef", "intercept")
_META = ("lang", "C", "min_df", "lexicon_weight", "char_ngrams", "n_train")
_SOLVER = "newton-cg"  # same optimum as lbfgs here, several times faster on these sparse problems


class _NotFittedError(ParameterError, NotFittedError):
    """A model used before ``fit``: einfluence's ParameterError and scikit-learn's NotFittedError."""


def _labels_to_codes(labels: object, n: int) -> np.ndarray:
    arr = np.asarray(labels)
    if arr.shape != (n,):
        raise ParameterError(f"labels must have shape ({n},), got {arr.shape}")
    if arr.dtype.kind in "iu":
        if arr.size and (arr.min() < 0 or arr.max() > 2):
            raise ParameterError("integer labels must be 0 (negative), 1 (neutral) or 2 (positive)")
        return arr.astype(np.int64)
    index = {lab: i for i, lab in enumerate(SENTIMENT_LABELS)}
    try:
        return np.array([index[str(x)] for x in arr.tolist()], dtype=np.int64)
    except KeyError as err:
        raise ParameterError(f"unknown label {err.args[0]!r}; expected one of {SENTIMENT_LABELS} or 0, 1, 2") from None


def _negations(lang: str) -> frozenset[str]:
    neg = set(get_lexicon(lang).negations)
    if lang == "en":
        neg |= {w[:-1] + "'t" for w in neg if w.endswith("nt")} | {"no"}
    return frozenset(neg)


def _prepare(text: str) -> str:
    """Lowercase, accent-folded text with URLs as ``http`` and mentions as ``@user``."""
    s = fold_lower(text)
    if "http" in s or "www." in s:
        s = _URL.sub(" http ", s)
    if "@" in s:
        s = _MENTION.sub(" @user ", s)
    if ELONGATED.search(s):
        s = ELONGATED.sub(r"\1\1", s)
    return s


def _word_tokens(s: str, lang: str, negations: frozenset[str]) -> list[str]:
    """Words, hashtags, ``!``/``?`` runs and emojis; words after a negation get ``_neg`` [2]_.

    The negation scope runs from a negation word to the next punctuation mark.
    """
    out: list[str] = []
    negated = False
    for m in _WORD.finditer(s):
        tok = m.group()
        parts = tok.split("'") if lang == "fr" and "'" in tok else [tok]
        for w in parts:
            if not w:
                continue
            if w[0] in "!?":
                out.append(w[:3])
                negated = False
                continue
            if w in negations:
                negated = True
                out.append(w)
                continue
            out.append(w + "_neg" if negated else w)
            if w.startswith("#"):
                out.append(w[1:])
        end = m.end()
        if negated and end < len(s) and _NEGATION_SCOPE_END.match(s, end):
            negated = False
    return out


def _tfidf(counts: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    """Sublinear TF (1 + log tf) times IDF, rows scaled to unit L2 norm."""
    x = counts.astype(np.float64).tocsr(copy=True)
    x.data = 1.0 + np.log(x.data)
    x = x @ sp.diags(idf)
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ x)


class SentimentClassifier(ClassifierMixin, BaseEstimator):
    """Trainable three-class sentiment classifier: n-gram TF-IDF plus lexicon features.

    Features, in the spirit of NRC-Canada [1]_: word unigrams and bigrams (negated context
    marked as in Pang et al. [2]_: ``not good`` -> ``not good_neg``), character 2-5-grams
    within word boundaries (robust to typos, elongations and French inflection), both
    TF-IDF weighted (sublinear TF, L2-normalised), and the standardised
    :func:`~einfluence.perception.sentiment.lexicon_features` of the lexicon baseline, scaled
    by ``lexicon_weight``. A multinomial logistic regression makes the decision.

    Parameters
    ----------
    lang : {"en", "fr"}, default "en"
        Language of the lexicon features and of the tokenisation (French elisions).
    C : float, default 1.0
        Inverse regularisation strength of the logistic regression.
    min_df : int, default 2
        Minimum number of training texts an n-gram must appear in.
    lexicon_weight : float, default 1.0
        Multiplier of the standardised lexicon features (0 switches them off).
    char_ngrams : bool, default True
        Use character n-grams.
    random_state : None, int or numpy.random.Generator, default 0
        Seed passed to the logistic regression (its Newton-CG solver is deterministic; the
        parameter keeps the house interface should a stochastic solver be used).

    Attributes
    ----------
    classes_ : numpy.ndarray of str, shape (3,)
        :data:`SENTIMENT_LABELS`, the columns of :meth:`predict_proba`.
    n_features_ : int
        Number of features after fitting.

    Examples
    --------
    >>> texts = ["love it", "great job", "awful service", "I hate delays", "flight at 6", "see you"] * 3
    >>> labels = ["positive", "positive", "negative", "negative", "neutral", "neutral"] * 3
    >>> clf = SentimentClassifier("en", C=10.0).fit(texts, labels)
    >>> clf.predict(["I love this job", "the service was awful"]).tolist()
    ['positive', 'negative']
    >>> SentimentClassifier.from_bytes(clf.to_bytes()).predict(["I hate it"]).tolist()
    ['negative']

    Notes
    -----
    Saved models (:meth:`to_bytes`) hold only numbers, strings and JSON; loading one never runs
    code, unlike a pickle, so a model from an untrusted database cannot execute anything. It
    can still make wrong predictions: check ``metadata`` (parameters, training size,
    einfluence version) before use.

    scikit-learn's estimator contract holds: ``__init__`` stores its arguments unchanged
    (validated by :meth:`fit`), ``get_params`` returns them, learned attributes end in ``_``,
    so the classifier can be cloned, put in a ``Pipeline`` and tuned by ``GridSearchCV``. The
    input is a sequence of texts (estimator tag ``input_tags.string``). Labels may be strings
    or 0/1/2, but :meth:`predict` always returns strings: give scikit-learn's metrics
    (``scoring="f1_macro"``...) string labels; :meth:`score` accepts both.
    """

    def __init__(
        self,
        lang: str = "en",
        *,
        C: float = 1.0,
        min_df: int = 2,
        lexicon_weight: float = 1.0,
        char_ngrams: bool = True,
        random_state: int | np.random.Generator | None = 0,
    ) -> None:
        self.lang = lang
        self.C = C
        self.min_df = min_df
        self.lexicon_weight = lexicon_weight
        self.char_ngrams = char_ngrams
        self.random_state = random_state

    # -- features -----------------------------------------------------------------------------
    def _word_vectorizer(self, vocabulary: dict[str, int] | None = None):
        from sklearn.feature_extraction.text import CountVectorizer

        negations = _negations(self.lang)
        lang = self.lang

        def analyzer(s: str) -> list[str]:
            toks = _word_tokens(s, lang, negations)
            return toks + [a + " " + b for a, b in itertools.pairwise(toks)]

        return CountVectorizer(analyzer=analyzer, min_df=self.min_df, vocabulary=vocabulary, dtype=np.float64)

    def _char_vectorizer(self, vocabulary: dict[str, int] | None = None):
        from sklearn.feature_extraction.text import CountVectorizer

        return CountVectorizer(
            analyzer="char_wb", ngram_range=(2, 5), lowercase=False, min_df=self.min_df,
            vocabulary=vocabulary, dtype=np.float64,
        )  # fmt: skip

    def _features(self, text_list: list[str]) -> sp.csr_matrix:
        prepared = [_prepare(t) for t in text_list]
        blocks = [_tfidf(self._word_vectorizer(self.word_vocabulary_).transform(prepared), self.word_idf_)]
        if self.char_vocabulary_ is not None:
            blocks.append(_tfidf(self._char_vectorizer(self.char_vocabulary_).transform(prepared), self.char_idf_))
        lex = (lexicon_features(text_list, self.lang) - self.lexicon_mean_) / self.lexicon_scale_
        blocks.append(sp.csr_matrix(lex * float(self.lexicon_weight)))
        return sp.csr_matrix(sp.hstack(blocks, format="csr"))

    @staticmethod
    def _idf(counts: sp.csr_matrix) -> np.ndarray:
        n = counts.shape[0]
        df = np.bincount(counts.indices, minlength=counts.shape[1])
        return np.log((1.0 + n) / (1.0 + df)) + 1.0

    # -- estimator ----------------------------------------------------------------------------
    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        return tags

    def __sklearn_is_fitted__(self) -> bool:
        return hasattr(self, "coef_")

    def fit(self, texts: Sequence[str | None], y: Sequence[str] | np.ndarray) -> SentimentClassifier:
        """Learn the vocabularies, IDF weights, feature scaling and the logistic regression.

        Parameters
        ----------
        texts : sequence of str or None
        y : sequence of str or int
            The labels: ``"negative"``, ``"neutral"``, ``"positive"`` or 0, 1, 2; aligned
            with ``texts``.

        Returns
        -------
        SentimentClassifier
            ``self``.

        Raises
        ------
        ParameterError
            On a bad parameter, unknown labels, or fewer than two distinct labels.
        """
        from sklearn.linear_model import LogisticRegression

        lang = check_lang(self.lang)
        check_scalar(self.C, "C", numbers.Real, min_val=0.0, include_min=False)
        check_scalar(self.min_df, "min_df", numbers.Integral, min_val=1)
        check_scalar(self.lexicon_weight, "lexicon_weight", numbers.Real, min_val=0.0)
        rng = check_random_state(self.random_state)
        text_list = as_text_list(texts)
        y = _labels_to_codes(y, len(text_list))
        if np.unique(y).size < 2:
            raise ParameterError("fit needs at least two distinct labels")
        prepared = [_prepare(t) for t in text_list]
        wv = self._word_vectorizer()
        wc = wv.fit_transform(prepared)
        self.word_vocabulary_ = dict(wv.vocabulary_)
        self.word_idf_ = self._idf(wc.tocsr())
        if self.char_ngrams:
            cv = self._char_vectorizer()
            cc = cv.fit_transform(prepared)
            self.char_vocabulary_: dict[str, int] | None = dict(cv.vocabulary_)
            self.char_idf_: np.ndarray | None = self._idf(cc.tocsr())
        else:
            self.char_vocabulary_ = self.char_idf_ = None
        lex = lexicon_features(text_list, lang)
        self.lexicon_mean_ = lex.mean(axis=0)
        scale = lex.std(axis=0)
        scale[scale == 0] = 1.0
        self.lexicon_scale_ = scale
        x = self._features(text_list)
        model = LogisticRegression(C=float(self.C), max_iter=5000, solver=_SOLVER, random_state=int(rng.integers(2**31 - 1)))
        model.fit(x, y)
        coef = np.zeros((3, x.shape[1]))
        intercept = np.full(3, -1e3)  # classes absent from training are never predicted
        coef_ = model.coef_ if model.coef_.shape[0] > 1 else np.vstack([-model.coef_, model.coef_])
        icpt = model.intercept_ if model.intercept_.size > 1 else np.array([-model.intercept_[0], model.intercept_[0]])
        coef[model.classes_] = coef_
        intercept[model.classes_] = icpt
        self.coef_, self.intercept_ = coef, intercept
        self.classes_ = np.asarray(SENTIMENT_LABELS)
        self.n_features_ = int(x.shape[1])
        self.n_train_ = len(text_list)
        return self

    def _check_fitted(self) -> None:
        if not hasattr(self, "coef_"):
            raise _NotFittedError("this SentimentClassifier is not fitted yet: call fit first")

    def decision_function(self, texts: Sequence[str | None]) -> np.ndarray:
        """Linear scores of each class, shape (n_texts, 3).

        Examples
        --------
        >>> clf = SentimentClassifier().fit(["good", "bad", "ok"] * 4, [2, 0, 1] * 4)
        >>> clf.decision_function(["good"]).shape
        (1, 3)
        """
        self._check_fitted()
        text_list = as_text_list(texts)
        if not text_list:
            return np.zeros((0, 3))
        return np.asarray(self._features(text_list) @ self.coef_.T) + self.intercept_

    def predict_proba(self, texts: Sequence[str | None]) -> np.ndarray:
        """Probability of each label (columns in :data:`SENTIMENT_LABELS` order).

        Parameters
        ----------
        texts : sequence of str or None

        Returns
        -------
        numpy.ndarray of float64, shape (n_texts, 3)
            Rows sum to 1.

        Examples
        --------
        >>> clf = SentimentClassifier().fit(["good", "bad", "ok"] * 4, [2, 0, 1] * 4)
        >>> p = clf.predict_proba(["good"])
        >>> bool(np.isclose(p.sum(), 1.0)), int(p.argmax())
        (True, 2)
        """
        z = self.decision_function(texts)
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def predict(self, texts: Sequence[str | None]) -> np.ndarray:
        """Most probable label of each text.

        Parameters
        ----------
        texts : sequence of str or None

        Returns
        -------
        numpy.ndarray of str, shape (n_texts,)
        """
        z = self.decision_function(texts)
        return np.asarray(SENTIMENT_LABELS, dtype=object)[z.argmax(axis=1)].astype(str)

    def score(
        self, texts: Sequence[str | None], y: Sequence[str] | np.ndarray, sample_weight: np.ndarray | None = None
    ) -> float:
        """Accuracy of :meth:`predict` on labelled texts (the criterion of ``GridSearchCV``).

        Parameters
        ----------
        texts : sequence of str or None
        y : sequence of str or int
            True labels, as in :meth:`fit` (strings or 0, 1, 2).
        sample_weight : numpy.ndarray, shape (n_texts,), optional
            Weight of each text in the mean.

        Returns
        -------
        float
            Share of texts whose predicted label is the true one, in [0, 1].

        Raises
        ------
        ParameterError
            If not fitted, ``texts`` is empty or a label is unknown.

        Examples
        --------
        >>> clf = SentimentClassifier().fit(["good", "bad", "ok"] * 4, [2, 0, 1] * 4)
        >>> clf.score(["good", "bad"], ["positive", "neutral"]), clf.score(["good", "bad"], [2, 0])
        (0.5, 1.0)
        """
        text_list = as_text_list(texts)
        if not text_list:
            raise ParameterError("texts is empty: the accuracy is measured on at least one text")
        codes = _labels_to_codes(y, len(text_list))
        hit = self.decision_function(text_list).argmax(axis=1) == codes
        return float(np.average(hit, weights=sample_weight))

    # -- persistence --------------------------------------------------------------------------
    @property
    def metadata(self) -> dict[str, object]:
        """Parameters and provenance of the fitted model (saved by :meth:`to_bytes`), JSON-ready.

        Every parameter of :meth:`get_params` under its name (a ``random_state`` generator as
        its type name), the format, einfluence version, training size and number of features.
        """
        self._check_fitted()
        seed = self.random_state
        return {
            "format": _FORMAT, "format_version": _FORMAT_VERSION, "einfluence_version": __version__,
            "lang": self.lang, "C": float(self.C), "min_df": int(self.min_df),
            "lexicon_weight": float(self.lexicon_weight), "char_ngrams": bool(self.char_ngrams),
            "random_state": seed if seed is None else int(seed) if isinstance(seed, numbers.Integral)
            else type(seed).__name__,
            "n_train": int(self.n_train_), "n_features": int(self.n_features_),
        }  # fmt: skip

    def to_bytes(self) -> bytes:
        """The fitted model as bytes (an ``.npz`` archive of arrays and JSON, no pickle).

        Returns
        -------
        bytes
            Give them to :meth:`from_bytes`; suitable for a DuckDB ``BLOB``.

        Raises
        ------
        ParameterError
            If the model is not fitted.
        """
        self._check_fitted()

        def vocab_array(vocab: dict[str, int] | None) -> np.ndarray:
            if vocab is None:
                return np.zeros(0, dtype=np.uint8)
            terms = sorted(vocab, key=vocab.__getitem__)
            return np.frombuffer(json.dumps(terms).encode("utf-8"), dtype=np.uint8)

        buf = io.BytesIO()
        np.savez_compressed(
            buf,
            metadata=np.frombuffer(json.dumps(self.metadata).encode("utf-8"), dtype=np.uint8),
            word_vocabulary=vocab_array(self.word_vocabulary_), word_idf=self.word_idf_,
            char_vocabulary=vocab_array(self.char_vocabulary_),
            char_idf=self.char_idf_ if self.char_idf_ is not None else np.zeros(0),
            lexicon_mean=self.lexicon_mean_, lexicon_scale=self.lexicon_scale_,
            coef=self.coef_, intercept=self.intercept_,
        )  # fmt: skip
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> SentimentClassifier:
        """Rebuild a model saved by :meth:`to_bytes`.

        Loading never unpickles nor runs code (``numpy.load(..., allow_pickle=False)`` and
        JSON only), so bytes from an untrusted source cannot execute anything; they are
        checked for format, version and consistent shapes. Models saved before
        ``random_state`` was recorded get the default (0), which their training used unless
        told otherwise; the solver is deterministic, so it does not change their predictions.

        Parameters
        ----------
        data : bytes

        Returns
        -------
        SentimentClassifier

        Raises
        ------
        EinfluenceError
            If the bytes are not a saved SentimentClassifier of a known format version.
        """
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise TypeError(f"data must be bytes, got {type(data).__name__}")
        try:
            with np.load(io.BytesIO(bytes(data)), allow_pickle=False) as z:
                arrays = {k: z[k] for k in z.files}
            meta = json.loads(arrays["metadata"].tobytes().decode("utf-8"))
        except Exception as err:
            raise EinfluenceError(f"not a saved SentimentClassifier: {err}") from None
        if not isinstance(meta, dict) or meta.get("format") != _FORMAT or meta.get("format_version") != _FORMAT_VERSION:
            found = meta if not isinstance(meta, dict) else f"{meta.get('format')!r} version {meta.get('format_version')!r}"
            raise EinfluenceError(f"unsupported model format {found}")
        missing = [k for k in _ARRAYS if k not in arrays] + [k for k in _META if k not in meta]
        if missing:
            raise EinfluenceError(f"corrupt SentimentClassifier: missing {', '.join(repr(k) for k in missing)}")
        for name in _NUMERIC_ARRAYS:
            values = arrays[name]
            if values.dtype.kind not in "fiu" or not np.isfinite(values).all():
                raise EinfluenceError(f"corrupt SentimentClassifier: array {name!r} holds non-finite or non-numeric values")
        seed = meta.get("random_state", 0)
        try:
            clf = cls(meta["lang"], C=meta["C"], min_df=meta["min_df"], lexicon_weight=meta["lexicon_weight"],
                      char_ngrams=meta["char_ngrams"],
                      random_state=seed if seed is None or isinstance(seed, int) else None)  # fmt: skip

            def vocab(a: np.ndarray) -> dict[str, int] | None:
                if a.size == 0:
                    return None
                return {t: i for i, t in enumerate(json.loads(a.tobytes().decode("utf-8")))}

            clf.word_vocabulary_ = vocab(arrays["word_vocabulary"]) or {}
            clf.char_vocabulary_ = vocab(arrays["char_vocabulary"])
            n_train = int(meta["n_train"])
        except (TypeError, ValueError, UnicodeDecodeError) as err:
            raise EinfluenceError(f"corrupt SentimentClassifier: {err}") from None
        clf.word_idf_ = arrays["word_idf"]
        clf.char_idf_ = arrays["char_idf"] if clf.char_vocabulary_ is not None else None
        clf.lexicon_mean_, clf.lexicon_scale_ = arrays["lexicon_mean"], arrays["lexicon_scale"]
        clf.coef_, clf.intercept_ = arrays["coef"], arrays["intercept"]
        n_char = 0 if clf.char_vocabulary_ is None else len(clf.char_vocabulary_)
        n = len(clf.word_vocabulary_) + n_char + len(LEXICON_FEATURES)
        if clf.coef_.shape != (3, n) or clf.intercept_.shape != (3,) or clf.word_idf_.shape != (len(clf.word_vocabulary_),):
            raise EinfluenceError("corrupt SentimentClassifier: inconsistent array shapes")
        clf.classes_ = np.asarray(SENTIMENT_LABELS)
        clf.n_features_ = n
        clf.n_train_ = n_train
        return clf
