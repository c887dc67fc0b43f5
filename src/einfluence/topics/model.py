"""Topic model of posts: non-negative matrix factorisation of their TF-IDF matrix.

:class:`TopicModel` learns topics from French, English or mixed texts: each text goes through
:class:`~einfluence.topics.text.Analyzer` (accent folding, elisions, hashtags kept as
``#tokens``, English and French stop words), the TF-IDF matrix ``X`` (sublinear term
frequency, l2-normalised rows) of a random sample of the posts is factorised as ``X ≈ W H``
with ``W, H ≥ 0`` [1]_ [2]_, and every post is then projected on the topics (rows of ``H``)
by non-negative least squares. A topic is named by its top terms. The number of topics is
given, or chosen by :func:`topic_separation` (NPMI coherence [4]_ [5]_ of each topic's top
terms minus their redundancy with the closest other topic).

:func:`account_profiles` averages post topic weights per author.

References
----------
.. [1] D. D. Lee and H. S. Seung, "Learning the parts of objects by non-negative matrix
   factorization", Nature 401, 1999, pp. 788-791. https://doi.org/10.1038/44565
.. [2] D. D. Lee and H. S. Seung, "Algorithms for non-negative matrix factorization",
   NIPS 13, 2001, pp. 556-562.
.. [3] C. Févotte and J. Idier, "Algorithms for nonnegative matrix factorization with the
   β-divergence", Neural Computation 23(9), 2011, pp. 2421-2456.
   https://doi.org/10.1162/NECO_a_00168
.. [4] G. Bouma, "Normalized (pointwise) mutual information in collocation extraction",
   Proc. GSCL 2009, pp. 31-40.
.. [5] N. Aletras and M. Stevenson, "Evaluating topic coherence using distributional
   semantics", Proc. IWCS 2013, pp. 13-22.
.. [6] C. Boutsidis and E. Gallopoulos, "SVD based initialization: a head start for
   nonnegative matrix factorization", Pattern Recognition 41(4), 2008, pp. 1350-1362.
   https://doi.org/10.1016/j.patcog.2007.09.010
"""

from __future__ import annotations

import numbers
import warnings
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.decomposition import NMF
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer

from einfluence._utils.validation import check_random_state, check_scalar
from einfluence.exceptions import ParameterError
from einfluence.topics.text import STOP_WORDS, Analyzer, as_text_list

__all__ = ["TopicModel", "account_profiles", "normalize_rows", "topic_separation"]

#: candidate numbers of topics of ``n_topics="auto"`` when ``n_topics_range`` is None
DEFAULT_N_TOPICS_RANGE = (2, 20)
#: NMF iterations of each candidate of ``n_topics="auto"`` (top terms settle long before)
AUTO_MAX_ITER = 100


def normalize_rows(matrix: np.ndarray) -> np.ndarray:
    """Divide each row by its sum; all-zero rows stay zero.

    Parameters
    ----------
    matrix : numpy.ndarray, shape (n, k), non-negative

    Returns
    -------
    numpy.ndarray of float64, shape (n, k)
        Rows sum to 1, or to 0 when they were all zero.

    Examples
    --------
    >>> normalize_rows(np.array([[1.0, 3.0], [0.0, 0.0]])).tolist()
    [[0.25, 0.75], [0.0, 0.0]]
    """
    out = np.asarray(matrix, dtype=np.float64)
    total = out.sum(axis=1, keepdims=True)
    return np.divide(out, total, out=np.zeros_like(out), where=total > 0)


def _npmi(presence: sp.csr_matrix, columns: np.ndarray) -> np.ndarray:
    """NPMI between the given columns of a binary document-term matrix.

    ``npmi[a, b] = log(p_ab / (p_a p_b)) / -log(p_ab)`` with document probabilities; -1 for
    pairs that never co-occur, 1 on the diagonal.
    """
    n_docs = max(presence.shape[0], 1)
    sub = presence[:, columns].astype(np.float64)
    co = np.asarray((sub.T @ sub).todense(), dtype=np.float64) / n_docs
    p = np.diag(co).copy()
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(co) - np.log(p)[:, None] - np.log(p)[None, :]
        npmi = pmi / -np.log(co)
    npmi[co <= 0] = -1.0
    npmi[co >= 1] = 1.0
    return np.clip(npmi, -1.0, 1.0)


def topic_separation(
    presence: sp.spmatrix | np.ndarray, top_terms: np.ndarray
) -> tuple[float, np.ndarray, np.ndarray]:
    """Coherence of each topic minus its redundancy with the closest other topic.

    The criterion of ``TopicModel(n_topics="auto")``. With ``npmi`` the normalised pointwise
    mutual information [1]_ of two terms over documents, the coherence of topic ``t`` is the
    mean ``npmi`` over pairs of its top terms [2]_, and its redundancy with topic ``s`` the
    mean ``npmi`` between a top term of ``t`` and one of ``s`` (a shared term counts 1). The
    score is ``mean_t coherence_t - mean_t max_{s != t} redundancy_ts``: merging two real
    topics lowers the coherence (their terms do not co-occur), splitting one raises the
    redundancy (the halves' terms do).

    Parameters
    ----------
    presence : scipy.sparse matrix or numpy.ndarray, shape (n_documents, n_terms)
        Document-term matrix; only whether an entry is positive matters.
    top_terms : numpy.ndarray of int, shape (n_topics, n_top)
        Column indices of each topic's top terms.

    Returns
    -------
    score : float
        Higher is better. With one topic there is no redundancy: the score is its coherence.
    coherence : numpy.ndarray, shape (n_topics,)
        Mean NPMI within each topic's top terms, in [-1, 1].
    redundancy : numpy.ndarray, shape (n_topics,)
        Largest mean NPMI with another topic's top terms (-1 with a single topic).

    Raises
    ------
    ParameterError
        If ``top_terms`` is not a 2-D array of valid column indices with at least two terms.

    Examples
    --------
    Two topics whose terms never meet, then the same terms cut across them:

    >>> docs = np.array([[1, 1, 0, 0], [1, 1, 0, 0], [0, 0, 1, 1], [0, 0, 1, 1]])
    >>> score, coh, red = topic_separation(docs, np.array([[0, 1], [2, 3]]))
    >>> float(score), coh.tolist(), red.tolist()
    (2.0, [1.0, 1.0], [-1.0, -1.0])
    >>> float(topic_separation(docs, np.array([[0, 2], [1, 3]]))[0]) < 0
    True

    Notes
    -----
    One sparse product ``B_U^T B_U`` over the union ``U`` of the top terms, then dense
    ``(n_topics, n_topics, n_top, n_top)`` indexing: O(nnz + n_topics² n_top²).

    References
    ----------
    .. [1] G. Bouma, "Normalized (pointwise) mutual information in collocation extraction",
       Proc. GSCL 2009, pp. 31-40.
    .. [2] N. Aletras and M. Stevenson, "Evaluating topic coherence using distributional
       semantics", Proc. IWCS 2013, pp. 13-22.
    """
    top = np.asarray(top_terms)
    if top.ndim != 2 or top.shape[1] < 2 or not np.issubdtype(top.dtype, np.integer):
        raise ParameterError(
            f"top_terms must be a 2-D integer array with at least 2 terms per topic, got shape {top.shape}"
        )
    presence = sp.csr_matrix(presence)
    if top.size and (top.min() < 0 or top.max() >= presence.shape[1]):
        raise ParameterError("top_terms holds column indices outside the document-term matrix")
    presence = (presence > 0).astype(np.float64)
    columns, local = np.unique(top, return_inverse=True)
    local = local.reshape(top.shape)
    npmi = _npmi(presence, columns)
    k, n = top.shape
    within = npmi[local[:, :, None], local[:, None, :]]  # (k, n, n)
    off_diag = ~np.eye(n, dtype=bool)
    coherence = within[:, off_diag].mean(axis=1)
    if k == 1:
        return float(coherence[0]), coherence, np.full(1, -1.0)
    cross = npmi[local[:, None, :, None], local[None, :, None, :]].mean(axis=(2, 3))  # (k, k)
    np.fill_diagonal(cross, -np.inf)
    redundancy = cross.max(axis=1)
    return float(coherence.mean() - redundancy.mean()), coherence, redundancy


def _pick_n_topics(scores: dict[int, float], tolerance: float) -> int:
    """The largest candidate whose score is within ``tolerance`` (relative) of the best."""
    best = max(scores.values())
    floor = best - tolerance * abs(best)
    return max(k for k, v in scores.items() if v >= floor)


def _top_terms(components: np.ndarray, n_top: int) -> np.ndarray:
    n_top = min(n_top, components.shape[1])
    part = np.argpartition(-components, n_top - 1, axis=1)[:, :n_top]
    order = np.argsort(-np.take_along_axis(components, part, axis=1), axis=1, kind="stable")
    return np.take_along_axis(part, order, axis=1)


class TopicModel:
    """Topics of French, English or mixed posts: NMF of their TF-IDF matrix.

    Parameters
    ----------
    n_topics : int or "auto", default 10
        Number of topics, or ``"auto"`` to choose it in ``n_topics_range``: each candidate is
        fitted on ``auto_sample_size`` posts of the sample and scored by
        :func:`topic_separation` (NPMI coherence of the top terms minus their redundancy with
        the closest other topic); the largest candidate scoring within ``auto_tolerance`` of
        the best wins (see Notes).
    max_features : int or None, default 20000
        Keep the most frequent terms only (None: all).
    min_df : int or float, default 2
        Ignore terms in fewer documents of the sample (a count, or a proportion if float).
    max_df : int or float, default 0.9
        Ignore terms in more documents of the sample (a count, or a proportion if float).
    sample_size : int or None, default 200_000
        Fit the vocabulary, IDF and NMF on a random sample of at most that many texts (None:
        all); :meth:`transform` then projects any number of texts.
    solver : {"cd", "mu"}, default "cd"
        NMF solver of scikit-learn: coordinate descent or multiplicative updates [2]_ [3]_.
    max_iter : int, default 300
        Maximum NMF iterations (fit and projection).
    tol : float, default 1e-4
        Stopping tolerance of the NMF solver.
    n_top_terms : int, default 10
        Length of ``top_terms_`` (the first three name the topic); also the number of terms
        the ``"auto"`` criterion looks at.
    hashtag_weight : float, default 1.0
        Multiplier of the TF-IDF columns of hashtags (``#velotaf``); 0 ignores hashtags.
    n_topics_range : (int, int) or None, default None
        Inclusive range of candidates of ``n_topics="auto"``; None means (2, 20).
    auto_sample_size : int, default 20_000
        Texts of the sample used to fit and score each candidate of ``"auto"``.
    auto_tolerance : float, default 0.05
        Relative tolerance of ``"auto"``: candidates scoring at least
        ``best - auto_tolerance * |best|`` are equivalent and the largest is chosen.
    stop_words : iterable of str or None, default None
        Stop words (normalised: lowercase, accent-folded); None means
        :data:`~einfluence.topics.text.STOP_WORDS`.
    ngram_range : (int, int), default (1, 1)
        Word n-grams of the features (``(1, 2)`` adds bigrams such as ``velo cargo``).
    random_state : None, int or numpy.random.Generator
        Seeds the sample and the NMF solver.

    Attributes
    ----------
    n_topics_ : int
        Number of topics learned.
    vocabulary_ : dict of str to int
        Term -> column of ``components_``.
    feature_names_ : numpy.ndarray of str, shape (n_features,)
        The terms, in column order.
    components_ : numpy.ndarray, shape (n_topics_, n_features)
        Non-negative term weights of each topic (``H``).
    top_terms_ : list of list of str
        The ``n_top_terms`` heaviest terms of each topic, heaviest first.
    names_ : list of str
        Topic names: the first three top terms joined by `` · ``.
    coherence_ : numpy.ndarray, shape (n_topics_,)
        NPMI coherence of each topic's top terms on (a part of) the sample.
    n_topics_scores_ : dict of int to float or None
        With ``n_topics="auto"``: :func:`topic_separation` score of each candidate.
    n_samples_fit_ : int
        Number of texts the topics were fitted on.

    Examples
    --------
    >>> texts = ["vélo électrique batterie", "velo batterie autonomie", "ebike battery range",
    ...          "recette gâteau chocolat", "chocolate cake recipe", "recette chocolat four"] * 3
    >>> model = TopicModel(n_topics=2, random_state=0).fit(texts)
    >>> sorted(name.split(" · ")[0] for name in model.names_)
    ['batterie', 'chocolat']
    >>> weights = model.transform(["Un vélo avec une bonne batterie", "rien à voir", None])
    >>> weights.sum(axis=1).round(6).tolist()
    [1.0, 0.0, 0.0]

    Notes
    -----
    Choosing the number of topics: too few topics merge real ones, but a merged topic can keep
    top terms from one of its parts only, so the score forms a plateau below the true number;
    too many topics split real ones or add a background topic of common words, whose terms
    co-occur with other topics' terms, and the score drops sharply. Hence the largest
    candidate on the plateau. Each candidate costs one NMF fit (at most 100 iterations) on
    ``auto_sample_size`` texts.

    The texts are tokenised once per pass in Python (about 20 µs per post); the TF-IDF
    matrix, NMF and projection are sparse/dense linear algebra. The projection uses the same
    NMF solver with ``components_`` fixed, so ``fit_transform`` on more than
    ``sample_size`` texts equals ``fit`` then ``transform``.

    References
    ----------
    .. [1] D. D. Lee and H. S. Seung, "Learning the parts of objects by non-negative matrix
       factorization", Nature 401, 1999, pp. 788-791. https://doi.org/10.1038/44565
    .. [2] D. D. Lee and H. S. Seung, "Algorithms for non-negative matrix factorization",
       NIPS 13, 2001, pp. 556-562.
    .. [3] C. Févotte and J. Idier, "Algorithms for nonnegative matrix factorization with the
       β-divergence", Neural Computation 23(9), 2011, pp. 2421-2456.
       https://doi.org/10.1162/NECO_a_00168
    .. [4] N. Aletras and M. Stevenson, "Evaluating topic coherence using distributional
       semantics", Proc. IWCS 2013, pp. 13-22.
    """

    def __init__(
        self,
        n_topics: int | str = 10,
        *,
        max_features: int | None = 20000,
        min_df: int | float = 2,
        max_df: int | float = 0.9,
        sample_size: int | None = 200_000,
        solver: str = "cd",
        max_iter: int = 300,
        tol: float = 1e-4,
        n_top_terms: int = 10,
        hashtag_weight: float = 1.0,
        n_topics_range: tuple[int, int] | None = None,
        auto_sample_size: int = 20_000,
        auto_tolerance: float = 0.05,
        stop_words: Sequence[str] | frozenset[str] | None = None,
        ngram_range: tuple[int, int] = (1, 1),
        random_state: int | np.random.Generator | None = None,
    ) -> None:
        self.n_topics = n_topics
        self.max_features = max_features
        self.min_df = min_df
        self.max_df = max_df
        self.sample_size = sample_size
        self.solver = solver
        self.max_iter = max_iter
        self.tol = tol
        self.n_top_terms = n_top_terms
        self.hashtag_weight = hashtag_weight
        self.n_topics_range = n_topics_range
        self.auto_sample_size = auto_sample_size
        self.auto_tolerance = auto_tolerance
        self.stop_words = stop_words
        self.ngram_range = ngram_range
        self.random_state = random_state

    # ------------------------------------------------------------------ validation
    def _check_params(self) -> tuple[int, int]:
        if isinstance(self.n_topics, str):
            if self.n_topics != "auto":
                raise ParameterError(f"n_topics must be a positive int or 'auto', got {self.n_topics!r}")
        else:
            check_scalar(self.n_topics, "n_topics", numbers.Integral, min_val=1)
        lo, hi = self.n_topics_range if self.n_topics_range is not None else DEFAULT_N_TOPICS_RANGE
        check_scalar(lo, "n_topics_range[0]", numbers.Integral, min_val=1)
        check_scalar(hi, "n_topics_range[1]", numbers.Integral, min_val=lo)
        if self.max_features is not None:
            check_scalar(self.max_features, "max_features", numbers.Integral, min_val=1)
        for name in ("min_df", "max_df"):
            value = getattr(self, name)
            if isinstance(value, numbers.Integral):
                check_scalar(value, name, numbers.Integral, min_val=1)
            else:
                check_scalar(value, name, numbers.Real, min_val=0.0, max_val=1.0)
        if self.sample_size is not None:
            check_scalar(self.sample_size, "sample_size", numbers.Integral, min_val=1)
        if self.solver not in ("cd", "mu"):
            raise ParameterError(f"solver must be 'cd' or 'mu', got {self.solver!r}")
        check_scalar(self.max_iter, "max_iter", numbers.Integral, min_val=1)
        check_scalar(self.tol, "tol", numbers.Real, min_val=0.0)
        check_scalar(self.n_top_terms, "n_top_terms", numbers.Integral, min_val=2)
        check_scalar(self.hashtag_weight, "hashtag_weight", numbers.Real, min_val=0.0)
        check_scalar(self.auto_sample_size, "auto_sample_size", numbers.Integral, min_val=2)
        check_scalar(self.auto_tolerance, "auto_tolerance", numbers.Real, min_val=0.0)
        return int(lo), int(hi)

    def _check_fitted(self) -> None:
        if not hasattr(self, "components_"):
            raise ParameterError("this TopicModel is not fitted yet: call fit(texts) first")

    # ------------------------------------------------------------------ internals
    def _nmf(self, n_topics: int, seed: int) -> NMF:
        return NMF(
            n_components=n_topics,
            init="nndsvda",
            solver=self.solver,
            beta_loss="frobenius",
            max_iter=self.max_iter,
            tol=self.tol,
            random_state=seed,
        )

    def _scaled(self, x: sp.csr_matrix) -> sp.csr_matrix:
        if self._column_scale is None:
            return x
        return sp.csr_matrix(x @ sp.diags(self._column_scale))

    def _select_n_topics(self, x: sp.csr_matrix, lo: int, hi: int, seed: int) -> int:
        hi = min(hi, x.shape[1], max(x.shape[0] - 1, 1))
        lo = min(lo, hi)
        scores: dict[int, float] = {}
        for k in range(lo, hi + 1):
            nmf = self._nmf(k, seed).set_params(max_iter=min(self.max_iter, AUTO_MAX_ITER))
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ConvergenceWarning)
                h = nmf.fit(x).components_
            scores[k] = topic_separation(x, _top_terms(h, self.n_top_terms))[0]
        self.n_topics_scores_ = scores
        return _pick_n_topics(scores, self.auto_tolerance)

    # ------------------------------------------------------------------ API
    def fit(self, texts: Sequence[str | None]) -> TopicModel:
        """Learn the vocabulary, IDF weights and topics from texts.

        Parameters
        ----------
        texts : sequence of str or None (list, numpy array, pyarrow array)
            Posts; None and empty texts are allowed.

        Returns
        -------
        TopicModel
            ``self``, fitted.

        Raises
        ------
        ParameterError
            On an invalid parameter, or when no term is left after filtering (too few or
            too short texts for ``min_df``/``max_df``), or when ``n_topics`` exceeds the
            number of terms.
        TypeError
            If ``texts`` is not a sequence of str and None.
        """
        self._fit(as_text_list(texts))
        return self

    def _fit(self, docs: list[str]) -> sp.csr_matrix | None:
        """Fit; return the scaled TF-IDF matrix of ``docs`` when the sample was all of them."""
        lo, hi = self._check_params()
        rng = check_random_state(self.random_state)
        n = len(docs)
        if n == 0:
            raise ParameterError("texts is empty")
        whole = self.sample_size is None or n <= self.sample_size
        if whole:
            sample = docs
        else:
            rows = np.sort(rng.choice(n, size=self.sample_size, replace=False))
            sample = [docs[i] for i in rows]
        stop = STOP_WORDS if self.stop_words is None else frozenset(self.stop_words)
        self._vectorizer = TfidfVectorizer(
            analyzer=Analyzer(stop_words=stop, ngram_range=tuple(self.ngram_range)),
            min_df=self.min_df,
            max_df=self.max_df,
            max_features=self.max_features,
            sublinear_tf=True,
            dtype=np.float64,
        )
        try:
            x = self._vectorizer.fit_transform(sample)
        except ValueError as exc:  # empty vocabulary, or min_df > max_df
            raise ParameterError(f"no term left to learn topics from: {exc}") from None
        names = self._vectorizer.get_feature_names_out()
        is_tag = np.char.startswith(names.astype(str), "#")
        self._column_scale = None
        if self.hashtag_weight != 1.0 and is_tag.any():
            self._column_scale = np.where(is_tag, float(self.hashtag_weight), 1.0)
            x = self._scaled(x)
        seed = int(rng.integers(2**31 - 1))
        if self.n_topics == "auto":
            m = min(self.auto_sample_size, x.shape[0])
            sub = x if m == x.shape[0] else x[np.sort(rng.choice(x.shape[0], m, replace=False))]
            n_topics = self._select_n_topics(sub, lo, hi, seed)
        else:
            n_topics = int(self.n_topics)
            self.n_topics_scores_ = None
        if n_topics > x.shape[1]:
            raise ParameterError(
                f"n_topics={n_topics} exceeds the number of terms kept ({x.shape[1]})"
            )
        self._model = self._nmf(n_topics, seed)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            w = self._model.fit_transform(x)
        self._fit_w = w if whole else None
        self.n_topics_ = n_topics
        self.n_samples_fit_ = x.shape[0]
        self.feature_names_ = names
        self.vocabulary_ = dict(self._vectorizer.vocabulary_)
        self.components_ = self._model.components_
        top = _top_terms(self.components_, self.n_top_terms)
        self.top_terms_ = [[str(names[j]) for j in row] for row in top]
        self.names_ = [" · ".join(terms[:3]) for terms in self.top_terms_]
        m = min(self.auto_sample_size, x.shape[0])
        coh_rows = x if m == x.shape[0] else x[np.sort(rng.choice(x.shape[0], m, replace=False))]
        if top.shape[1] >= 2:
            self.coherence_ = topic_separation(coh_rows, top)[1]
        else:
            self.coherence_ = np.full(n_topics, np.nan)
        return x if whole else None

    def transform(self, texts: Sequence[str | None]) -> np.ndarray:
        """Topic weights of each text.

        Parameters
        ----------
        texts : sequence of str or None

        Returns
        -------
        numpy.ndarray of float64, shape (len(texts), n_topics_)
            Non-negative; each row sums to 1, or is all zero for a text without any term of
            the vocabulary (None, empty, only stop words...).

        Raises
        ------
        ParameterError
            If the model is not fitted.
        """
        self._check_fitted()
        docs = as_text_list(texts)
        if not docs:
            return np.zeros((0, self.n_topics_))
        return self._project(self._scaled(self._vectorizer.transform(docs)))

    def _project(self, x: sp.csr_matrix) -> np.ndarray:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            w = self._model.transform(x)
        w[np.asarray(x.getnnz(axis=1)) == 0] = 0.0
        return normalize_rows(w)

    def fit_transform(self, texts: Sequence[str | None]) -> np.ndarray:
        """Fit, then return the topic weights of the same texts (see :meth:`transform`).

        Parameters
        ----------
        texts : sequence of str or None

        Returns
        -------
        numpy.ndarray of float64, shape (len(texts), n_topics_)
        """
        docs = as_text_list(texts)
        x = self._fit(docs)
        if x is None:
            return self.transform(docs)
        w = self._fit_w
        del self._fit_w
        w[np.asarray(x.getnnz(axis=1)) == 0] = 0.0
        return normalize_rows(w)


def account_profiles(
    author: np.ndarray,
    post_topics: np.ndarray,
    n_accounts: int,
    *,
    weights: np.ndarray | None = None,
) -> np.ndarray:
    """Topic profile of each account: the (weighted) mean topic weights of its posts.

    Parameters
    ----------
    author : numpy.ndarray of int, shape (n_posts,)
        Author of each post, in ``[0, n_accounts)``; negative values (unknown author) are
        ignored.
    post_topics : numpy.ndarray, shape (n_posts, n_topics)
        Non-negative topic weights of each post (for example :meth:`TopicModel.transform`).
    n_accounts : int
    weights : numpy.ndarray, shape (n_posts,), optional
        Non-negative weight of each post (its reactions, a time decay...); None weighs all
        posts equally.

    Returns
    -------
    numpy.ndarray of float64, shape (n_accounts, n_topics)
        Posts whose row is all zero (no known term) and posts of weight 0 are left out of the
        mean; accounts without any other post get a zero row. With rows of ``post_topics``
        summing to 1, each profile sums to 1 or 0.

    Raises
    ------
    ParameterError
        On mismatched shapes, an author ``>= n_accounts``, or negative or non-finite values.

    Examples
    --------
    >>> post_topics = np.array([[1.0, 0.0], [0.5, 0.5], [0.0, 0.0], [0.0, 1.0]])
    >>> account_profiles(np.array([0, 0, 1, 2]), post_topics, 4).tolist()
    [[0.75, 0.25], [0.0, 0.0], [0.0, 1.0], [0.0, 0.0]]
    >>> account_profiles(np.array([0, 0, 1, 2]), post_topics, 4,
    ...                  weights=np.array([3.0, 1.0, 1.0, 1.0]))[0].tolist()
    [0.875, 0.125]

    Notes
    -----
    One sparse (accounts x posts) by dense (posts x topics) product: O(n_posts n_topics).
    """
    check_scalar(n_accounts, "n_accounts", numbers.Integral, min_val=0)
    author = np.asarray(author)
    topics = np.asarray(post_topics, dtype=np.float64)
    if author.ndim != 1 or not (np.issubdtype(author.dtype, np.integer) or author.size == 0):
        raise ParameterError(f"author must be a 1-D integer array, got {author.dtype} {author.shape}")
    if topics.ndim != 2 or topics.shape[0] != author.size:
        raise ParameterError(
            f"post_topics must have shape ({author.size}, n_topics), got {topics.shape}"
        )
    if not np.isfinite(topics).all() or (topics < 0).any():
        raise ParameterError("post_topics must be finite and non-negative")
    if author.size and author.max() >= n_accounts:
        raise ParameterError(f"author holds {author.max()}, not < n_accounts={n_accounts}")
    if weights is None:
        w = np.ones(author.size)
    else:
        w = np.asarray(weights, dtype=np.float64)
        if w.shape != author.shape:
            raise ParameterError(f"weights must have shape {author.shape}, got {w.shape}")
        if not np.isfinite(w).all() or (w < 0).any():
            raise ParameterError("weights must be finite and non-negative")
    keep = (author >= 0) & (w > 0) & (topics.sum(axis=1) > 0)
    rows = np.flatnonzero(keep)
    indicator = sp.csr_matrix(
        (w[rows], (author[rows].astype(np.int64), rows)), shape=(int(n_accounts), author.size)
    )
    total = np.bincount(author[rows].astype(np.int64), weights=w[rows], minlength=int(n_accounts))
    sums = indicator @ topics
    return np.divide(sums, total[:, None], out=np.zeros_like(sums), where=total[:, None] > 0)
