"""Sentiment of French and English posts: a lexicon baseline and its features.

* :class:`LexiconSentiment`: VADER [1]_ (English) and VADER-FR [2]_ (French) word ratings with
  VADER's rules (boosters, a three-word negation window, capitals, contrast "but"/"mais",
  punctuation emphasis), vectorised over whole batches, offline and without training.
* :func:`lexicon_features`: the lexicon's scores and counts of each text, features of the
  trainable :class:`~einfluence.perception.classifier.SentimentClassifier`.

Labels are ``"negative"``, ``"neutral"`` and ``"positive"`` (:data:`SENTIMENT_LABELS`);
integer labels 0, 1, 2 (0 = negative, the TweetEval convention) are accepted too.

References
----------
.. [1] C. J. Hutto and E. Gilbert, "VADER: a parsimonious rule-based model for sentiment
   analysis of social media text", Proc. ICWSM 2014, pp. 216-225.
   https://doi.org/10.1609/icwsm.v8i1.14550
.. [2] O. Deprez and T. Ek, "VADER-Sentiment-Analysis-FR" (vadersentiment-fr 1.3.4), 2020.
   https://github.com/thomas7lieues/vader_FR
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Sequence

import numpy as np

from einfluence.base.validation import check_scalar
from einfluence.perception import _engine
from einfluence.perception._lexicons import check_lang
from einfluence.text import as_text_list

__all__ = ["LEXICON_FEATURES", "SENTIMENT_LABELS", "LexiconSentiment", "lexicon_features"]

#: The three sentiment labels, in the order of the integer codes 0, 1, 2.
SENTIMENT_LABELS: tuple[str, ...] = ("negative", "neutral", "positive")

#: Columns of :func:`lexicon_features`.
LEXICON_FEATURES: tuple[str, ...] = (
    "compound", "pos", "neg", "neu", "n_positive", "n_negative", "n_negations", "emoji",
    "exclamations", "questions", "sarcasm", "caps", "elongations", "n_tokens",
)  # fmt: skip

#: a letter repeated three times or more (``soooo``)
ELONGATED = re.compile(r"([^\W\d_])\1{2,}")


class LexiconSentiment:
    """Lexicon and rule-based sentiment (VADER for English, VADER-FR ratings for French).

    Parameters
    ----------
    lang : {"en", "fr"}, default "en"
        Language of the texts: selects the word ratings, boosters (``very`` / ``très``),
        negations (``not``, ``n't`` / ``ne``, ``n'``, ``pas``, ``jamais``...) and the contrast
        word (``but`` / ``mais``).
    threshold : float, default 0.05
        A text is positive when its compound score is ``>= threshold``, negative when
        ``<= -threshold``, neutral otherwise (VADER's recommended ±0.05 [1]_).
    sarcasm : bool, default True
        Reverse a positive score when the text carries a sarcasm marker (``#sarcasm``,
        ``#not``, ``#irony``, ``#ironie``, ``#sarcasme``, a final ``/s``).

    Notes
    -----
    Rules, as in VADER [1]_: a rated word's valence is raised by a preceding booster
    (``very good``) and lowered by a dampener (``kind of good``), by 0.293 (0.95 and 0.9 of it
    two and three words back); it is multiplied by -0.74 when one of the three preceding
    words is a negation; an ALL-CAPS rated word in a mixed-case text gets ±0.733; words before
    the first ``but`` count half and words after it 1.5 times; up to four ``!`` and two or more
    ``?`` amplify the total, which is squashed by ``x / sqrt(x**2 + 15)`` into the compound
    score in [-1, 1].

    Differences from the reference implementations:

    * French: accents folded on both sides (``deçu`` matches ``déçu``), elisions split
      (``n'est`` -> ``n``, ``est``; ``ne``/``n'`` is the negation marker, so ``le plus beau``
      stays positive whereas VADER-FR negates after every ``plus``), and about 80 opinion words
      re-rated or added (``génial`` 0.6 -> 2.6, ``parfait`` 0.5 -> 2.6, ``nul`` -0.5 -> -2.2,
      ``déçu`` -0.7 -> -2.0, ``nickel``, ``galère``...). VADER-FR's fuzzy matching of unknown
      words is not used (slow, and it matches unrelated words).
    * Both: emojis are rated as single tokens (the sum of the ratings of their English name
      in VADER's emoji list, plus einfluence ratings for ``👍``, ``👎``, ``😡``, ``🙄``...) and are
      not negated by a preceding word; elongated words are shortened (``goooood`` -> ``good``);
      a rated booster standing alone keeps its rating (French ``c'est super``); sarcasm
      markers reverse positive scores; VADER's multi-word idioms (``the shit``, ``bad ass``)
      are not handled.

    Scores agree with vaderSentiment 3.3.2 to 1e-3 on 92 % of the SemEval 2017 English
    test tweets (the rest differ through emoji, tokenisation and idiom details).

    Examples
    --------
    >>> en = LexiconSentiment("en")
    >>> en.predict(["I love it!", "not good at all", "the flight left at 6pm"]).tolist()
    ['positive', 'negative', 'neutral']
    >>> fr = LexiconSentiment("fr")
    >>> fr.predict(["Ce vélo est génial 👍", "Pas terrible, je suis déçu", "Je prends le train"]).tolist()
    ['positive', 'negative', 'neutral']
    >>> float(en.score(["VADER is VERY SMART, handsome, and FUNNY!!!"])[0])  # as vaderSentiment
    0.9342

    References
    ----------
    .. [1] C. J. Hutto and E. Gilbert, "VADER: a parsimonious rule-based model for sentiment
       analysis of social media text", Proc. ICWSM 2014.
       https://doi.org/10.1609/icwsm.v8i1.14550
    """

    def __init__(self, lang: str = "en", *, threshold: float = 0.05, sarcasm: bool = True) -> None:
        self.lang = lang
        self.threshold = threshold
        self.sarcasm = sarcasm

    def _validate(self, texts: object) -> list[str]:
        check_lang(self.lang)
        check_scalar(self.threshold, "threshold", numbers.Real, min_val=0.0, max_val=1.0, include_max=False)
        return as_text_list(texts)

    def polarity_scores(self, texts: Sequence[str | None]) -> dict[str, np.ndarray]:
        """VADER's four scores of each text.

        Parameters
        ----------
        texts : sequence of str or None

        Returns
        -------
        dict of str to numpy.ndarray of float64, shape (n_texts,)
            ``compound`` in [-1, 1], and ``pos``, ``neg``, ``neu``: the parts of the text's
            tokens that are positive, negative and neutral (summing to 1, or all 0 for a text
            without tokens).

        Examples
        --------
        >>> s = LexiconSentiment("en").polarity_scores(["good", ""])
        >>> s["pos"].tolist(), s["compound"].tolist()
        ([1.0, 0.0], [0.4404, 0.0])
        """
        text_list = self._validate(texts)
        if not text_list:
            return {k: np.zeros(0) for k in ("compound", "pos", "neg", "neu")}
        s = _engine.score_texts(text_list, self.lang, sarcasm=bool(self.sarcasm))
        return {"compound": np.round(s.compound, 4), "pos": s.pos, "neg": s.neg, "neu": s.neu}

    def score(self, texts: Sequence[str | None]) -> np.ndarray:
        """Compound score of each text, in [-1, 1] (0 for a text without rated words).

        Parameters
        ----------
        texts : sequence of str or None

        Returns
        -------
        numpy.ndarray of float64, shape (n_texts,)

        Examples
        --------
        >>> LexiconSentiment("fr").score(["Je n'aime pas ce service", "j'aime"]).round(2).tolist()
        [-0.48, 0.6]
        """
        return self.polarity_scores(texts)["compound"]

    def predict(self, texts: Sequence[str | None]) -> np.ndarray:
        """Label of each text by thresholding the compound score at ``±threshold``.

        Parameters
        ----------
        texts : sequence of str or None

        Returns
        -------
        numpy.ndarray of str, shape (n_texts,)
            ``"negative"``, ``"neutral"`` or ``"positive"``.

        Examples
        --------
        >>> LexiconSentiment("en").predict(["great #sarcasm", "great"]).tolist()
        ['negative', 'positive']
        """
        c = self.score(texts)
        codes = np.where(c >= self.threshold, 2, np.where(c <= -self.threshold, 0, 1))
        return np.asarray(SENTIMENT_LABELS, dtype=object)[codes].astype(str)


def lexicon_features(texts: Sequence[str | None], lang: str = "en") -> np.ndarray:
    """Lexicon features of each text, for a classifier (columns: :data:`LEXICON_FEATURES`).

    Parameters
    ----------
    texts : sequence of str or None
    lang : {"en", "fr"}, default "en"

    Returns
    -------
    numpy.ndarray of float64, shape (n_texts, 14)
        VADER's compound, pos, neg and neu scores; the numbers of positive and negative rated
        tokens and of negation words; the summed valence of emojis; the numbers of ``!`` and
        ``?``; a sarcasm marker (0/1); the number of emphatic ALL-CAPS tokens; the number of
        elongated words (``soooo``); the number of tokens.

    Examples
    --------
    >>> f = lexicon_features(["Not good!!! 😡", "sooo nice"], "en")
    >>> dict(zip(LEXICON_FEATURES, f[0]))["n_negations"], f[1, LEXICON_FEATURES.index("elongations")]
    (np.float64(1.0), np.float64(1.0))
    """
    lang = check_lang(lang)
    text_list = as_text_list(texts)
    if not text_list:
        return np.zeros((0, len(LEXICON_FEATURES)))
    s = _engine.score_texts(text_list, lang)
    elong = np.fromiter((len(ELONGATED.findall(t)) for t in text_list), dtype=np.float64, count=len(text_list))
    return np.column_stack(
        [s.compound, s.pos, s.neg, s.neu, s.n_positive, s.n_negative, s.n_negations, s.emoji,
         s.exclamations, s.questions, s.sarcasm, s.caps, elong, s.n_tokens]
    ).astype(np.float64)  # fmt: skip
