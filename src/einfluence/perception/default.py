"""The default sentiment model shipped with einfluence: works without training, in English and French.

:class:`DefaultSentiment` loads the model of a language from the package
(``einfluence/perception/models/sentiment_{en,fr}.npz``, arrays and JSON, no pickle) and
predicts calibrated probabilities of the three labels with numpy and numba only (no
scikit-learn). The model is the fast linear model of :mod:`einfluence.perception._linear`
(word n-grams with negation scope, the lexicon's features, and the classifier's weights folded
into a static multilingual word-embedding table), trained on every labelled corpus einfluence
may use and calibrated by temperature on their validation splits; ``models/README.md`` lists the corpora,
the resources and their licences, and how to rebuild it
(``python -m benchmarks.bench_perception --build-default``).

It is trained on texts whose brands are masked (``@target`` / ``@other``, see
:mod:`einfluence.perception.targets`): give it the views of
:func:`~einfluence.perception.targets.mention_views` (as ``einfluence mentions`` does) or
texts passed through :func:`~einfluence.perception.targets.mask_brands`.

The lexicon's labels get probabilities too (:func:`lexicon_proba`): a three-class logistic
map of the compound score fitted on the same validation splits.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import resources

import numpy as np

from einfluence.perception._lexicons import check_lang
from einfluence.perception._linear import LinearModel, from_bytes
from einfluence.text import as_text_list

__all__ = ["DefaultSentiment", "default_metadata", "lexicon_proba", "load_default"]

_LABELS = np.array(["negative", "neutral", "positive"], dtype=object)


@cache
def load_default(lang: str) -> tuple[LinearModel, dict]:
    """The shipped model of ``lang`` and its metadata, read once per process.

    Raises
    ------
    ParameterError
        On a language other than ``"en"`` and ``"fr"``.
    EinfluenceError
        If the package's model file is missing or corrupt.
    """
    from einfluence.exceptions import EinfluenceError

    lang = check_lang(lang)
    path = resources.files("einfluence.perception").joinpath("models").joinpath(f"sentiment_{lang}.npz")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise EinfluenceError(f"the default sentiment model for {lang!r} is missing from the package: {err}") from None
    return from_bytes(data)


def default_metadata(lang: str) -> dict:
    """Provenance of the shipped model: corpora, sizes, resources, licences, validation figures."""
    return dict(load_default(lang)[1])


def lexicon_proba(compound: np.ndarray, lang: str) -> np.ndarray:
    """Probabilities (n, 3) of the lexicon's labels from its compound scores.

    A multinomial logistic map of ``(compound, |compound|)`` fitted on the validation splits of
    the training corpora (stored with the default model); with the lexicon's own thresholds the
    most probable label is usually its label, but the probability tells how often such a score
    was right.
    """
    meta = load_default(lang)[1]
    cal = meta.get("lexicon_calibration")
    c = np.asarray(compound, dtype=np.float64)
    if not cal:
        p = np.stack([np.clip(-c, 0, 1), 1 - np.abs(c), np.clip(c, 0, 1)], axis=1)
        return p / p.sum(axis=1, keepdims=True)
    w = np.asarray(cal["coef"], dtype=np.float64)
    b = np.asarray(cal["intercept"], dtype=np.float64)
    z = np.column_stack([c, np.abs(c)]) @ w.T + b
    z -= z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


class DefaultSentiment:
    """The shipped sentiment model of a language (no training, no scikit-learn).

    Parameters
    ----------
    lang : {"en", "fr"}, default "en"

    Examples
    --------
    >>> en = DefaultSentiment("en")
    >>> en.predict(["@target not my luggage", "@target thank you, great crew!",
    ...             "@target what time does the store open tomorrow?"]).tolist()
    ['negative', 'positive', 'neutral']
    >>> p = en.predict_proba(["@target lost my bag"])
    >>> p.shape, bool(np.isclose(p.sum(), 1.0)), bool(p[0, 0] > 0.5)
    ((1, 3), True, True)
    >>> DefaultSentiment("fr").predict(["Merci @target, service impeccable", "@target nul, toujours en panne",
    ...                                 "@target ouvre une boutique à Lyon lundi"]).tolist()
    ['positive', 'negative', 'neutral']
    """

    def __init__(self, lang: str = "en") -> None:
        self.lang = lang

    @property
    def metadata(self) -> dict:
        """Provenance of the model (:func:`default_metadata`)."""
        return default_metadata(self.lang)

    def predict_proba(self, texts: Sequence[str | None]) -> np.ndarray:
        """Calibrated probability of each label (columns negative, neutral, positive), rows sum to 1."""
        model = load_default(check_lang(self.lang))[0]
        text_list = as_text_list(texts)
        if not text_list:
            return np.zeros((0, 3))
        return model.predict_proba(text_list)

    def predict(self, texts: Sequence[str | None]) -> np.ndarray:
        """Most probable label of each text."""
        p = self.predict_proba(texts)
        return _LABELS[p.argmax(axis=1)].astype(str) if p.size else np.zeros(0, dtype=str)

    def score(self, texts: Sequence[str | None]) -> np.ndarray:
        """``P(positive) - P(negative)`` of each text, in [-1, 1]."""
        p = self.predict_proba(texts)
        return p[:, 2] - p[:, 0]
