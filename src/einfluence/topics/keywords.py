"""Declared topics: a brand's vocabulary as keyword lists, matched in posts.

:class:`KeywordTopics` has the interface of :class:`~einfluence.topics.model.TopicModel`
(``fit``, ``transform``, ``names_``, ``top_terms_``) but learns nothing: a post's weight for
a topic is the number of matches of the topic's keywords, hashtags and phrases in the post,
after the normalisation of :mod:`einfluence.text` (lowercase, accent folding,
elisions), so ``"vélo électrique"`` matches ``"VELO ELECTRIQUE"`` and ``"#VeloElectrique"``
matches ``"#veloelectrique"``. Rows are normalised to sum to 1, as in dictionary-based
content analysis [1]_.

References
----------
.. [1] Y. R. Tausczik and J. W. Pennebaker, "The psychological meaning of words: LIWC and
   computerized text analysis methods", Journal of Language and Social Psychology 29(1),
   2010, pp. 24-54. https://doi.org/10.1177/0261927X09351676
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassNamePrefixFeaturesOutMixin, TransformerMixin
from sklearn.feature_extraction.text import CountVectorizer

from einfluence.exceptions import ParameterError
from einfluence.text import Analyzer, as_text_list, tokenize
from einfluence.topics.model import normalize_rows

__all__ = ["KeywordTopics"]


def _forms(keyword: str) -> list[str]:
    """The features a keyword matches: words or phrases, and their hashtag."""
    tokens = tokenize(keyword)
    if not tokens:
        return []
    if len(tokens) == 1 and tokens[0].startswith("#"):
        return tokens  # a hashtag matches the same hashtag only
    words = [t.lstrip("#") for t in tokens]
    return [" ".join(words), "#" + "".join(words)]


class KeywordTopics(ClassNamePrefixFeaturesOutMixin, TransformerMixin, BaseEstimator):
    """Topics declared by keyword lists (a brand's vocabulary), matched in texts.

    Parameters
    ----------
    topics : mapping of str to sequence of str
        Topic name -> its keywords. A keyword is a word (``"vélo"``), a phrase
        (``"vélo électrique"``, matched as consecutive words) or a hashtag (``"#VAE"``).
        Keywords are normalised like texts (:func:`~einfluence.text.tokenize`:
        lowercase, accents folded, elisions removed). A word or phrase also matches its
        hashtag (``"vélo électrique"`` matches ``#veloelectrique``); a hashtag matches the
        hashtag only. Stop words count inside phrases (``"fond de teint"``).

    Attributes
    ----------
    n_topics_ : int
    names_ : list of str
        Topic names, in the order of the mapping.
    top_terms_ : list of list of str
        The normalised keywords of each topic (phrases with spaces, hashtags with ``#``).
    vocabulary_ : dict of str to int
        Matched feature (word, phrase or hashtag) -> column of ``components_``.
    components_ : numpy.ndarray, shape (n_topics_, n_features)
        1 where a feature belongs to a topic.

    Raises
    ------
    ParameterError
        From :meth:`fit`: on an empty mapping, a topic without keywords, or a keyword with
        nothing left after normalisation (``"à"``, ``"!!"``).
    TypeError
        From :meth:`fit`: if a keyword list is a single string or holds non-strings.

    Examples
    --------
    >>> kt = KeywordTopics({"e-bikes": ["vélo électrique", "#VAE", "batterie"],
    ...                     "skincare": ["sérum", "crème solaire"]}).fit()
    >>> kt.transform(["Mon VELO ELECTRIQUE et sa batterie #vae",
    ...               "#VeloElectrique + serum", "rien"]).tolist()
    [[1.0, 0.0], [0.5, 0.5], [0.0, 0.0]]
    >>> kt.names_
    ['e-bikes', 'skincare']

    Notes
    -----
    A scikit-learn transformer like :class:`~einfluence.topics.model.TopicModel`: ``topics``
    is its one parameter (``get_params``, ``clone``, ``Pipeline``), checked by :meth:`fit`.
    Each text is tokenised once in Python; matching is a sparse count matrix (texts x
    keyword forms) times the form -> topic indicator: O(total tokens x longest phrase).
    """

    def __init__(self, topics: Mapping[str, Sequence[str]]) -> None:
        self.topics = topics

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        tags.transformer_tags.preserves_dtype = []
        return tags

    @property
    def _n_features_out(self) -> int:
        """Number of output columns (topics), for ``get_feature_names_out``."""
        return self.n_topics_  # an AttributeError before fit, as scikit-learn expects

    def _check_fitted(self) -> None:
        if not hasattr(self, "_vectorizer"):
            raise ParameterError("this KeywordTopics is not fitted yet: call fit() first")

    def fit(self, texts: Sequence[str | None] | None = None, y: None = None) -> KeywordTopics:
        """Validate and compile the keyword lists (``texts`` is ignored).

        Parameters
        ----------
        texts : ignored
            Present for compatibility with :class:`~einfluence.topics.model.TopicModel`.
        y : None
            Ignored (scikit-learn's signature).

        Returns
        -------
        KeywordTopics
            ``self``.
        """
        if not isinstance(self.topics, Mapping):
            raise TypeError(f"topics must be a mapping of name to keywords, got {type(self.topics).__name__}")
        if not self.topics:
            raise ParameterError("topics is empty: declare at least one topic with keywords")
        names: list[str] = []
        terms: list[list[str]] = []
        vocabulary: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        for t, (name, keywords) in enumerate(self.topics.items()):
            if isinstance(keywords, str) or not isinstance(keywords, Sequence | set | frozenset):
                raise TypeError(f"keywords of topic {name!r} must be a list of str")
            if len(keywords) == 0:
                raise ParameterError(f"topic {name!r} has no keywords")
            seen: list[str] = []
            columns: set[int] = set()
            for keyword in keywords:
                if not isinstance(keyword, str):
                    raise TypeError(f"keyword {keyword!r} of topic {name!r} is not a str")
                forms = _forms(keyword)
                if not forms:
                    raise ParameterError(
                        f"keyword {keyword!r} of topic {name!r} has no word left after normalisation"
                    )
                if forms[0] not in seen:
                    seen.append(forms[0])
                for form in forms:
                    columns.add(vocabulary.setdefault(form, len(vocabulary)))
            names.append(str(name))
            terms.append(seen)
            rows += [t] * len(columns)
            cols += sorted(columns)
        self.names_ = names
        self.top_terms_ = terms
        self.n_topics_ = len(names)
        self.vocabulary_ = vocabulary
        self._indicator = sp.csr_matrix(
            (np.ones(len(rows)), (cols, rows)), shape=(len(vocabulary), len(names))
        )
        self.components_ = self._indicator.T.toarray()
        longest = max(f.count(" ") + 1 for f in vocabulary)
        self._vectorizer = CountVectorizer(
            analyzer=Analyzer(stop_words=frozenset(), ngram_range=(1, longest)),
            vocabulary=vocabulary,
            dtype=np.float64,
        )
        return self

    def transform(self, texts: Sequence[str | None]) -> np.ndarray:
        """Share of each topic among the keyword matches of each text.

        Parameters
        ----------
        texts : sequence of str or None

        Returns
        -------
        numpy.ndarray of float64, shape (len(texts), n_topics_)
            Rows sum to 1, or are all zero for a text without any match.

        Raises
        ------
        ParameterError
            If not fitted.
        """
        self._check_fitted()
        docs = as_text_list(texts)
        if not docs:
            return np.zeros((0, self.n_topics_))
        return normalize_rows(np.asarray((self.counts(docs)).todense()))

    def counts(self, texts: Sequence[str | None]) -> sp.csr_matrix:
        """Number of keyword matches of each topic in each text (not normalised).

        Parameters
        ----------
        texts : sequence of str or None

        Returns
        -------
        scipy.sparse.csr_matrix of float64, shape (len(texts), n_topics_)

        Examples
        --------
        >>> kt = KeywordTopics({"bikes": ["vélo", "vélo cargo"]}).fit()
        >>> kt.counts(["un vélo cargo, un autre vélo"]).toarray().tolist()
        [[3.0]]
        """
        self._check_fitted()
        x = self._vectorizer.transform(as_text_list(texts))
        return sp.csr_matrix(x @ self._indicator)

    def fit_transform(self, texts: Sequence[str | None], y: None = None) -> np.ndarray:
        """:meth:`fit`, then :meth:`transform` of ``texts``.

        Parameters
        ----------
        texts : sequence of str or None
        y : None
            Ignored.

        Returns
        -------
        numpy.ndarray of float64, shape (len(texts), n_topics_)
        """
        return self.fit().transform(texts)
