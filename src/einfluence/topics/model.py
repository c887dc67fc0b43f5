"""Topic model of posts: non-negative matrix factorisation of their TF-IDF matrix.

:class:`TopicModel` learns topics from French, English or mixed texts: each text goes through
:class:`~einfluence.text.Analyzer` (accent folding, elisions, hashtags kept as
``#tokens``, English and French stop words), the TF-IDF matrix ``X`` (sublinear term
frequency, IDF raised to ``idf_power``, l2-normalised rows) of a random sample of the posts
is factorised as ``X ≈ W H`` with ``W, H ≥ 0`` [1]_ [2]_, and every post is then projected
on the components (rows of ``H``) by non-negative least squares.

Cross-lingual merging. Word vocabularies of a subject barely overlap across languages
("bike lane" / "piste cyclable"), so NMF learns one component per subject *and language*
(and splits big subjects along multi-word phrases). The components are therefore
*subtopics*: each gets a language-independent profile, the hashtags of its posts (posts
counted by the subtopic's share in them; hashtags such as ``#ebike`` or ``#velo`` are used in
both languages [7]_ [8]_), and subtopics whose profiles have a cosine similarity of at least
``merge_threshold`` are merged by average-linkage agglomerative clustering [9]_. A topic is
the sum of its subtopics. The number of subtopics is chosen by :func:`topic_separation`
(in :mod:`einfluence.topics.coherence`: NPMI coherence [4]_ [5]_ of each subtopic's top
terms minus their redundancy with the closest subtopic of *another* topic), among
``n_topics_range`` with ``n_topics="auto"``, or between ``n_topics`` and ``2 n_topics`` (then
cut at exactly ``n_topics`` topics). The same criterion on held-out texts is the model's
:meth:`TopicModel.score`, so that scikit-learn's ``GridSearchCV`` can tune it.

:class:`TopicModel` is a scikit-learn transformer (``get_params``/``set_params``, ``clone``,
``Pipeline``, ``GridSearchCV``). :func:`account_profiles` (in :mod:`einfluence.topics.profiles`)
averages post topic weights per author.

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
.. [7] J. Blitzer, R. McDonald and F. Pereira, "Domain adaptation with structural
   correspondence learning", Proc. EMNLP 2006, pp. 120-128 (pivot features shared by two
   feature spaces).
.. [8] R. Mehrotra, S. Sanner, W. Buntine and L. Xie, "Improving LDA topic models for
   microblogs via tweet pooling and automatic labeling", Proc. SIGIR 2013, pp. 889-892.
   https://doi.org/10.1145/2484028.2484166 (hashtags as topic evidence)
.. [9] R. R. Sokal and C. D. Michener, "A statistical method for evaluating systematic
   relationships", University of Kansas Science Bulletin 38, 1958, pp. 1409-1438 (UPGMA,
   average linkage).
.. [10] K. Spärck Jones, "A statistical interpretation of term specificity and its
   application in retrieval", Journal of Documentation 28(1), 1972, pp. 11-21.
   https://doi.org/10.1108/eb026526
"""

from __future__ import annotations

import numbers
import warnings
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from scipy.cluster.hierarchy import cut_tree, linkage
from sklearn.base import BaseEstimator, ClassNamePrefixFeaturesOutMixin, TransformerMixin
from sklearn.decomposition import NMF
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize as _l2_normalize

from einfluence.base.random import check_random_state
from einfluence.base.unique import unique_ints
from einfluence.base.validation import check_scalar
from einfluence.exceptions import ParameterError
from einfluence.text import STOP_WORDS, Analyzer, as_text_list
from einfluence.topics.coherence import topic_separation
from einfluence.topics.profiles import account_profiles

__all__ = ["TopicModel", "account_profiles", "normalize_rows", "topic_separation"]

#: candidate numbers of topics of ``n_topics="auto"`` when ``n_topics_range`` is None
DEFAULT_N_TOPICS_RANGE = (2, 20)
#: NMF iterations of each candidate of ``n_topics="auto"`` (top terms settle long before)
AUTO_MAX_ITER = 100
#: fewest tagged posts (in topic-weight mass) for a subtopic's hashtag profile to count
MIN_TAGGED_POSTS = 10.0
#: at most this many subtopics per topic when ``n_topics`` is given (two languages)
MAX_SUBTOPICS_PER_TOPIC = 2
#: candidates of the number of subtopics when ``n_topics`` is given: n_topics to
#: ``MAX_SUBTOPICS_PER_TOPIC * n_topics`` by steps of ``n_topics // SEARCH_STEPS_PER_LANGUAGE``
SEARCH_STEPS_PER_LANGUAGE = 4


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


def _subtopic_similarity(weights: np.ndarray, tagged: sp.csr_matrix) -> np.ndarray:
    """Cosine similarity of the hashtag profiles of subtopics (see :class:`TopicModel`).

    The profile of subtopic ``i`` is ``sum_d share_di tagged_d``: how often each hashtag
    appears in its posts, each post counted by the share of the subtopic in it. A subtopic
    with fewer than ``MIN_TAGGED_POSTS`` tagged posts (in share mass) is similar to none.
    """
    share = normalize_rows(weights)
    profile = np.asarray(tagged.T @ share).T  # (k, n_tags)
    has_tag = np.asarray(tagged.getnnz(axis=1)) > 0
    support = share[has_tag].sum(axis=0)
    norm = np.linalg.norm(profile, axis=1)
    ok = (support >= MIN_TAGGED_POSTS) & (norm > 0)
    unit = np.divide(profile, norm[:, None], out=np.zeros_like(profile), where=ok[:, None])
    sim = np.clip(unit @ unit.T, 0.0, 1.0)
    np.fill_diagonal(sim, 1.0)
    return sim


def _merge_subtopics(
    similarity: np.ndarray, *, threshold: float | None = None, n_groups: int | None = None
) -> np.ndarray:
    """Average-linkage agglomeration of subtopics; the topic of each subtopic.

    Cut where the average similarity of merged groups falls below ``threshold``, or at
    exactly ``n_groups`` groups. Topics are numbered by their first subtopic.
    """
    k = similarity.shape[0]
    if k == 1:
        return np.zeros(1, dtype=np.int64)
    distance = 1.0 - similarity[np.triu_indices(k, 1)]
    tree = linkage(distance, method="average")
    if n_groups is None:
        n_groups = k - int(np.count_nonzero(tree[:, 2] <= 1.0 - threshold + 1e-12))
    labels = cut_tree(tree, n_clusters=max(int(n_groups), 1)).ravel()
    _, first = np.unique(labels, return_index=True)
    order = np.argsort(np.argsort(first))  # renumber by first subtopic
    return order[np.searchsorted(unique_ints(labels), labels)].astype(np.int64)


def _nndsvda(x: sp.csr_matrix, k: int, seed: int, eps: float = 1e-6) -> tuple[np.ndarray, np.ndarray]:
    """NNDSVD initial factors of rank ``k`` with their zeros set to the mean of ``x`` (NNDSVDa,
    Boutsidis and Gallopoulos [6]_; scikit-learn's ``init="nndsvda"``).

    Column ``j`` of ``W`` and row ``j`` of ``H`` depend only on the ``j``-th singular triplet
    (the larger of its positive and negative parts), so the first ``k' < k`` of them are the
    rank-``k'`` initialisation from the same SVD: the automatic choice of the number of topics
    computes one randomized SVD for all its candidates instead of one for each.
    """
    from scipy.linalg import norm
    from sklearn.utils.extmath import randomized_svd

    u, s, vt = randomized_svd(x, k, random_state=seed)
    w, h = np.zeros_like(u), np.zeros_like(vt)
    w[:, 0], h[0] = np.sqrt(s[0]) * np.abs(u[:, 0]), np.sqrt(s[0]) * np.abs(vt[0])  # a non-negative triplet
    for j in range(1, k):
        x_p, y_p = np.maximum(u[:, j], 0), np.maximum(vt[j], 0)
        x_n, y_n = -np.minimum(u[:, j], 0), -np.minimum(vt[j], 0)
        m_p, m_n = norm(x_p) * norm(y_p), norm(x_n) * norm(y_n)
        a, b, sigma = (x_p, y_p, m_p) if m_p > m_n else (x_n, y_n, m_n)
        if sigma > 0:
            scale = np.sqrt(s[j] * sigma)
            w[:, j], h[j] = scale * a / norm(a), scale * b / norm(b)
    w[w < eps] = 0.0
    h[h < eps] = 0.0
    mean = x.mean()
    w[w == 0] = mean
    h[h == 0] = mean
    return w, h


class TopicModel(ClassNamePrefixFeaturesOutMixin, TransformerMixin, BaseEstimator):
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
        Multiplier of the TF-IDF columns of hashtags (``#velotaf``); 0 ignores hashtags in
        the factorisation (they still drive the merging).
    idf_power : float, default 2.0
        Exponent of the IDF weights [7]_. Above 1, frequent words used alike in every topic
        ("check", "weekend", "franchement") weigh less in the least-squares fit, which
        otherwise spends components on them (measured on the demo world: with 16
        components, 0.88 of the posts fall in a pure component with 1.0, 0.96 with 2.0).
    merge_threshold : float in [0, 1] or None, default 0.5
        Cosine similarity of hashtag profiles from which subtopics are merged (average
        linkage). None disables merging: topics are the NMF components, as with a corpus
        without hashtags.
    n_topics_range : (int, int) or None, default None
        Inclusive range of the candidate numbers of subtopics of ``n_topics="auto"``; None
        means (2, 20).
    auto_sample_size : int, default 20_000
        Texts of the sample used to fit and score each candidate of ``"auto"``.
    auto_tolerance : float, default 0.05
        Relative tolerance of ``"auto"``: candidates scoring at least
        ``best - auto_tolerance * |best|`` are equivalent and the largest is chosen.
    stop_words : iterable of str or None, default None
        Stop words (normalised: lowercase, accent-folded); None means
        :data:`~einfluence.text.STOP_WORDS`.
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
        Non-negative term weights of each topic: the mean of its subtopics' rows of ``H``
        weighted by the TF-IDF mass each explains in the sample (a single subtopic's row
        unchanged).
    top_terms_ : list of list of str
        The ``n_top_terms`` heaviest terms of each topic, heaviest first.
    names_ : list of str
        Topic names: the first three top terms joined by `` · `` for a topic of one
        subtopic; for merged topics the first two terms of each subtopic, heaviest subtopic
        first, joined by `` / `` (``"velo · electrique / bike · ebike"``).
    coherence_ : numpy.ndarray, shape (n_topics_,)
        NPMI coherence of the top terms of each topic's subtopics on (a part of) the sample,
        averaged with the weights of ``components_`` (the terms of two language halves
        never meet in a post).
    n_subtopics_ : int
        Number of NMF components (subtopics).
    subtopic_labels_ : numpy.ndarray of int, shape (n_subtopics_,)
        Topic of each subtopic.
    subtopic_components_ : numpy.ndarray, shape (n_subtopics_, n_features)
        The NMF components ``H``.
    subtopic_names_ : list of str
        First three top terms of each subtopic.
    subtopic_similarity_ : numpy.ndarray, shape (n_subtopics_, n_subtopics_)
        Cosine similarity of the subtopics' hashtag profiles (0 for a subtopic with fewer
        than ``MIN_TAGGED_POSTS`` tagged posts; the identity without hashtags or merging).
    n_topics_scores_ : dict of int to float or None
        :func:`topic_separation` score (merged subtopics not counted as redundant) of each
        candidate number of subtopics; None when no candidate was scored (``n_topics`` given
        and no hashtag or no merging).
    n_samples_fit_ : int
        Number of texts the topics were fitted on.

    See Also
    --------
    einfluence.topics.KeywordTopics : declared topics with the same interface.

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

    A scikit-learn transformer: it can be cloned, put in a ``Pipeline`` and tuned by
    ``GridSearchCV``, which ranks candidates with :meth:`score`:

    >>> from sklearn.base import clone
    >>> clone(model).get_params()["n_topics"]
    2

    Notes
    -----
    scikit-learn's estimator contract holds: ``__init__`` stores its arguments unchanged
    (validated by :meth:`fit`), ``get_params`` returns them (numbers, strings, None and
    tuples: JSON-ready), learned attributes end in ``_``; the input is a sequence of texts
    rather than a 2-D array (estimator tag ``input_tags.string``).

    Merging: a subtopic's hashtag profile is ``sum_d share_d h_d`` over the posts ``d`` with
    ``share_d`` its normalised weight in ``d`` and ``h_d`` the post's hashtag indicator
    vector; two halves of a subject written in two languages share hashtags [5]_ (or brand tags,
    handles turned into hashtags...), two subjects do not. A subtopic needs
    ``MIN_TAGGED_POSTS`` tagged posts for its profile to count. The threshold 0.5 sits
    between the similarities (average linkage [6]_) measured on the demo world: 0.96 to 1.0 for the two language
    halves of a subject, below 0.15 between subjects, 0.3 to 0.6 for components of common
    words. Without hashtags nothing is merged and, with ``n_topics`` given, a single NMF is
    fitted, as before. A post's topic weights are the sums over each topic's subtopics of
    their NMF weights times their components' TF-IDF mass, normalised.

    Choosing the number of (sub)topics: too few topics merge real ones, but a merged topic can keep
    top terms from one of its parts only, so the score forms a plateau below the true number;
    too many topics split real ones or add a background topic of common words, whose terms
    co-occur with other topics' terms, and the score drops sharply. Hence the largest
    candidate on the plateau. Each candidate costs one NMF fit (at most 100 iterations) on
    ``auto_sample_size`` texts; with ``n_topics`` given and hashtags present, the candidates
    are ``n_topics`` to ``2 n_topics`` by steps of ``max(1, n_topics // 4)``.

    The texts are tokenised once per pass in Python (about 20 µs per post); the TF-IDF
    matrix, NMF and projection are sparse/dense linear algebra. The projection uses the same
    NMF solver with ``components_`` fixed, so ``fit_transform`` on more than
    ``sample_size`` texts equals ``fit`` then ``transform``.

    Measured (``python -m benchmarks.bench_topics``), dominant-topic accuracy on the default
    demo world (3,000 accounts, 42 days, 8 planted bilingual topics), seeds 0, 1, 2: from
    0.71 (seed 0, one NMF with IDF power 1, no merging) to 0.949, 0.930, 0.949 with ``n_topics=8``; ``"auto"`` finds 7 topics
    (the smallest, gaming or music, is absorbed) with 0.961, 0.956, 0.955.

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
    .. [5] R. Mehrotra, S. Sanner, W. Buntine and L. Xie, "Improving LDA topic models for
       microblogs via tweet pooling and automatic labeling", Proc. SIGIR 2013, pp. 889-892.
       https://doi.org/10.1145/2484028.2484166
    .. [6] R. R. Sokal and C. D. Michener, "A statistical method for evaluating systematic
       relationships", University of Kansas Science Bulletin 38, 1958, pp. 1409-1438.
    .. [7] K. Spärck Jones, "A statistical interpretation of term specificity and its
      application in retrieval", Journal of Documentation 28(1), 1972, pp. 11-21.
       https://doi.org/10.1108/eb026526
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
        idf_power: float = 2.0,
        merge_threshold: float | None = 0.5,
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
        self.idf_power = idf_power
        self.merge_threshold = merge_threshold
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
        check_scalar(self.idf_power, "idf_power", numbers.Real, min_val=0.0)
        if self.merge_threshold is not None:
            check_scalar(self.merge_threshold, "merge_threshold", numbers.Real, min_val=0.0, max_val=1.0)
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
        """Raw TF-IDF (no norm) -> columns scaled, rows l2-normalised."""
        if self._column_scale is not None:
            x = sp.csr_matrix(x @ sp.diags(self._column_scale))
        return _l2_normalize(x, norm="l2", copy=False)

    def _fit_subtopics(self, x: sp.csr_matrix, k: int, seed: int, max_iter: int,
                       start: tuple[np.ndarray, np.ndarray] | None = None) -> tuple[NMF, np.ndarray]:
        """NMF of ``x`` with ``k`` components, from ``start``'s first ``k`` columns and rows (see
        :func:`_nndsvda`) or, without it, from scikit-learn's own NNDSVDa."""
        nmf = self._nmf(k, seed).set_params(max_iter=max_iter)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            if start is None:
                w = nmf.fit_transform(x)
            else:
                nmf.set_params(init="custom")
                w = nmf.fit_transform(x, W=start[0][:, :k].copy(), H=start[1][:k].copy())
        return nmf, w

    def _groups(self, w: np.ndarray, x: sp.csr_matrix, n_groups: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Similarity of the subtopics and the topic of each (merged by hashtags)."""
        k = w.shape[1]
        if self.merge_threshold is None or not self._is_tag.any():
            sim = np.eye(k)
        else:
            sim = _subtopic_similarity(w, (x[:, self._is_tag] > 0).astype(np.float64).tocsr())
        if self.merge_threshold is None and n_groups is None:
            return sim, np.arange(k, dtype=np.int64)
        return sim, _merge_subtopics(sim, threshold=self.merge_threshold, n_groups=n_groups)

    def _max_subtopics(self, x: sp.csr_matrix) -> int:
        return max(min(x.shape[1], max(x.shape[0] - 1, 1)), 1)

    def _select_n_topics(self, x: sp.csr_matrix, lo: int, hi: int, seed: int, step: int = 1) -> int:
        """Number of subtopics of ``n_topics="auto"``: the best separated once merged."""
        hi = min(hi, self._max_subtopics(x))
        lo = min(lo, hi)
        scores: dict[int, float] = {}
        start = _nndsvda(x, hi, seed)  # one SVD for every k (its first k triplets)
        for k in range(lo, hi + 1, step):
            nmf, w = self._fit_subtopics(x, k, seed, min(self.max_iter, AUTO_MAX_ITER), start)
            groups = self._groups(w, x)[1]
            top = _top_terms(nmf.components_, self.n_top_terms)
            scores[k] = topic_separation(x, top, groups)[0]
        self.n_topics_scores_ = scores
        return _pick_n_topics(scores, self.auto_tolerance)

    def _search_n_subtopics(self, x: sp.csr_matrix, n_topics: int, seed: int) -> int:
        """Number of subtopics when ``n_topics`` is given: the auto criterion from ``n_topics``."""
        if self.merge_threshold is None or not self._is_tag.any():
            return n_topics
        step = max(1, n_topics // SEARCH_STEPS_PER_LANGUAGE)
        return self._select_n_topics(x, n_topics, MAX_SUBTOPICS_PER_TOPIC * n_topics, seed, step)

    # ------------------------------------------------------------------ API
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

    def fit(self, texts: Sequence[str | None], y: None = None) -> TopicModel:
        """Learn the vocabulary, IDF weights and topics from texts.

        Parameters
        ----------
        texts : sequence of str or None (list, numpy array, pyarrow array)
            Posts; None and empty texts are allowed.
        y : None
            Ignored (scikit-learn's signature).

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
            norm=None,
            dtype=np.float64,
        )
        try:
            x = self._vectorizer.fit_transform(sample)
        except ValueError as exc:  # empty vocabulary, or min_df > max_df
            raise ParameterError(f"no term left to learn topics from: {exc}") from None
        names = self._vectorizer.get_feature_names_out()
        self._is_tag = np.char.startswith(names.astype(str), "#")
        scale = np.where(self._is_tag, float(self.hashtag_weight), 1.0)
        if self.idf_power != 1.0:
            scale = scale * self._vectorizer.idf_ ** (float(self.idf_power) - 1.0)
        self._column_scale = None if np.all(scale == 1.0) else scale
        x = self._scaled(x)
        seed = int(rng.integers(2**31 - 1))
        m = min(self.auto_sample_size, x.shape[0])
        sub = x if m == x.shape[0] else x[np.sort(rng.choice(x.shape[0], m, replace=False))]
        if self.n_topics == "auto":
            n_sub = self._select_n_topics(sub, lo, hi, seed)
            n_groups = None
        else:
            n_groups = int(self.n_topics)
            if n_groups > x.shape[1]:
                raise ParameterError(
                    f"n_topics={n_groups} exceeds the number of terms kept ({x.shape[1]})"
                )
            self.n_topics_scores_ = None
            n_sub = self._search_n_subtopics(sub, n_groups, seed)
            n_sub = max(n_sub, n_groups)
        self._model, w = self._fit_subtopics(x, n_sub, seed, self.max_iter)
        h = self._model.components_
        sim, labels = self._groups(w, x, n_groups)
        n_topics = int(labels.max()) + 1
        # weights of the subtopics -> of the topics: each subtopic's weight in a post times the
        # TF-IDF mass of its component is the mass of the post it explains; summed per topic
        self._merge = sp.csr_matrix(
            (h.sum(axis=1), (np.arange(n_sub), labels)), shape=(n_sub, n_topics)
        )
        mass = np.asarray(w.sum(axis=0)) * h.sum(axis=1)
        share = np.zeros(n_sub)
        for_topic = np.bincount(labels, weights=mass, minlength=n_topics)
        np.divide(mass, for_topic[labels], out=share, where=for_topic[labels] > 0)
        share[for_topic[labels] <= 0] = 1.0 / np.bincount(labels)[labels][for_topic[labels] <= 0]
        components = np.asarray(
            sp.csr_matrix((share, (labels, np.arange(n_sub))), shape=(n_topics, n_sub)) @ h
        )
        self._fit_w = w if whole else None
        self.n_topics_ = n_topics
        self.n_subtopics_ = n_sub
        self.subtopic_labels_ = labels
        self.subtopic_similarity_ = sim
        self.subtopic_components_ = h
        self.n_samples_fit_ = x.shape[0]
        self.feature_names_ = names
        self.vocabulary_ = dict(self._vectorizer.vocabulary_)
        self.components_ = components
        top = _top_terms(components, self.n_top_terms)
        self.top_terms_ = [[str(names[j]) for j in row] for row in top]
        sub_top = _top_terms(h, self.n_top_terms)
        self.subtopic_names_ = [" · ".join(str(names[j]) for j in row[:3]) for row in sub_top]
        self.names_ = []
        for t in range(n_topics):
            members = np.flatnonzero(labels == t)
            if members.size == 1:
                self.names_.append(self.subtopic_names_[members[0]])
            else:
                members = members[np.argsort(-mass[members], kind="stable")]
                self.names_.append(
                    " / ".join(" · ".join(str(names[j]) for j in sub_top[i, :2]) for i in members)
                )
        coh_rows = sub
        if sub_top.shape[1] >= 2:
            coherence = topic_separation(coh_rows, sub_top)[1]
            self.coherence_ = np.bincount(labels, weights=share * coherence, minlength=n_topics)
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
        return self._topic_weights(w, x)

    def _topic_weights(self, w: np.ndarray, x: sp.csr_matrix) -> np.ndarray:
        w[np.asarray(x.getnnz(axis=1)) == 0] = 0.0
        return normalize_rows(np.asarray(self._merge.T @ w.T).T)

    def fit_transform(self, texts: Sequence[str | None], y: None = None) -> np.ndarray:
        """Fit, then return the topic weights of the same texts (see :meth:`transform`).

        Parameters
        ----------
        texts : sequence of str or None
        y : None
            Ignored.

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
        return self._topic_weights(w, x)

    def score(self, texts: Sequence[str | None], y: None = None) -> float:
        """Separation of the learned topics on texts (higher is better): the ``"auto"`` criterion.

        :func:`topic_separation` of the subtopics' top terms over the TF-IDF matrix of
        ``texts``, subtopics of one topic not counted as redundant: the criterion by which
        ``n_topics="auto"`` chooses the number of subtopics, measured on other texts (as
        ``GridSearchCV`` does on each held-out fold). The reconstruction error ``||X - W H||``
        is not used: it falls with every added topic, so a search would pick the most topics.
        ``GridSearchCV`` keeps the best score, which may sit on the plateau below the true
        number (see Notes); ``"auto"`` keeps the largest candidate within ``auto_tolerance``
        of the best, which a ``refit`` callable of ``GridSearchCV`` can do too.

        Parameters
        ----------
        texts : sequence of str or None
            Held-out texts; at least one.
        y : None
            Ignored.

        Returns
        -------
        float
            Mean NPMI coherence of the subtopics' top terms minus their mean redundancy with
            other topics, in [-2, 2]; the coherence alone when all subtopics form one topic.

        Raises
        ------
        ParameterError
            If the model is not fitted, ``texts`` is empty or fewer than two terms were kept.

        Examples
        --------
        >>> texts = ["bike lane city", "bike lane ride", "cake recipe oven", "cake oven sugar"] * 5
        >>> model = TopicModel(n_topics=2, n_top_terms=2, random_state=0).fit(texts)
        >>> round(model.score(texts), 3)
        2.0
        """
        self._check_fitted()
        docs = as_text_list(texts)
        if not docs:
            raise ParameterError("texts is empty: the score is measured on at least one text")
        if self.subtopic_components_.shape[1] < 2:
            raise ParameterError("the model kept fewer than two terms: no coherence to measure")
        x = self._scaled(self._vectorizer.transform(docs))
        top = _top_terms(self.subtopic_components_, self.n_top_terms)
        return topic_separation(x, top, self.subtopic_labels_)[0]

