"""Distinctive terms of groups of documents: what a community or an audience says that others don't.

The measure is the weighted log-odds ratio with an informative Dirichlet prior of Monroe, Colaresi
and Quinn [1]_ ("Fightin' Words"): for a term ``w`` and a group ``g`` it compares the term's
log-odds in the group's documents with its log-odds in all the other documents, shrunk towards the
corpus frequency, and divides by its standard error. Frequent-but-generic terms (shared by every
group) and rare terms (a handful of occurrences) both get small z-scores, so the top terms of a
group are those it uses *distinctly and reliably* — unlike raw frequency (dominated by common
words) or raw lift (dominated by hapaxes).

References
----------
.. [1] B. L. Monroe, M. P. Colaresi and K. M. Quinn, "Fightin' words: lexical feature selection and
   evaluation for identifying the content of political conflict", Political Analysis 16(4), 2008,
   pp. 372-403. https://doi.org/10.1093/pan/mpn018
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from einfluence.exceptions import ParameterError

__all__ = ["MAX_TERM_DOCUMENTS", "align_rows", "distinctive_terms", "group_term_counts", "term_counts"]


def group_term_counts(term_matrix: sp.spmatrix | sp.sparray, groups: np.ndarray, n_groups: int | None = None) -> sp.csr_array:
    """Sum the rows of a document-term matrix by group.

    Parameters
    ----------
    term_matrix : scipy sparse matrix, shape (n_docs, n_terms)
        Term counts of each document.
    groups : numpy.ndarray of int, shape (n_docs,)
        Group of each document; negative values are left out.
    n_groups : int, optional
        Number of groups (default ``groups.max() + 1``).

    Returns
    -------
    scipy.sparse.csr_array, shape (n_groups, n_terms)

    Examples
    --------
    >>> X = sp.csr_array(np.array([[1, 0], [2, 1], [0, 3]]))
    >>> group_term_counts(X, np.array([0, 0, -1])).toarray().tolist()
    [[3, 1]]
    """
    groups = np.asarray(groups)
    if groups.ndim != 1 or groups.shape[0] != term_matrix.shape[0]:
        raise ParameterError("groups must have one entry per document (row of term_matrix)")
    if groups.size and not np.issubdtype(groups.dtype, np.integer):
        raise ParameterError("groups must be integers")
    n_groups = int(groups.max(initial=-1) + 1) if n_groups is None else int(n_groups)
    keep = np.flatnonzero(groups >= 0)
    membership = sp.csr_array(
        (np.ones(keep.size, dtype=np.int64), (groups[keep], keep)), shape=(n_groups, term_matrix.shape[0])
    )
    return sp.csr_array(membership @ sp.csr_array(term_matrix))


def distinctive_terms(
    counts: sp.spmatrix | sp.sparray | np.ndarray,
    vocabulary: Sequence[str],
    *,
    k: int = 10,
    min_count: int = 3,
    prior_mass: float = 10.0,
    min_z: float = 1.96,
) -> list[list[tuple[str, float, int]]]:
    """The top-``k`` distinctive terms of each group, by Monroe et al.'s prior-smoothed log-odds z-score.

    Parameters
    ----------
    counts : sparse matrix or ndarray, shape (n_groups, n_terms)
        Term counts per group (for example from :func:`group_term_counts`).
    vocabulary : sequence of str, length n_terms
    k : int
        Terms per group.
    min_count : int
        Terms used fewer times than this in a group are not reported for it.
    prior_mass : float
        Total pseudo-count ``α0`` of the Dirichlet prior, spread over terms in proportion to their
        corpus frequency (larger values shrink more towards the corpus).
    min_z : float
        Report only terms whose z-score reaches this (1.96: distinct at the 5 % level).

    Returns
    -------
    list of list of (term, z, count)
        For each group, up to ``k`` terms with a z-score of at least ``min_z``, most distinctive first.

    Examples
    --------
    >>> counts = np.array([[30, 1, 10], [2, 25, 10]])
    >>> [[t for t, _, _ in g] for g in distinctive_terms(counts, ["velo", "mode", "paris"], k=2)]
    [['velo'], ['mode']]
    """
    if k < 1 or min_count < 1 or not prior_mass > 0:
        raise ParameterError("k and min_count must be >= 1 and prior_mass > 0")
    y = sp.csr_array(counts, dtype=np.float64) if not isinstance(counts, np.ndarray) else sp.csr_array(counts.astype(np.float64))
    n_groups, n_terms = y.shape
    if len(vocabulary) != n_terms:
        raise ParameterError(f"vocabulary has {len(vocabulary)} terms, counts have {n_terms} columns")
    total_w = np.asarray(y.sum(axis=0)).ravel()
    grand = total_w.sum()
    if grand == 0:
        return [[] for _ in range(n_groups)]
    alpha_w = prior_mass * total_w / grand
    alpha0 = prior_mass
    group_n = np.asarray(y.sum(axis=1)).ravel()
    out: list[list[tuple[str, float, int]]] = []
    for g in range(n_groups):  # one vectorised pass over the group's terms per group
        start, end = y.indptr[g], y.indptr[g + 1]
        terms, y_g = y.indices[start:end], y.data[start:end]
        y_rest = total_w[terms] - y_g
        a = alpha_w[terms]
        n_g, n_rest = group_n[g], grand - group_n[g]
        delta = np.log((y_g + a) / (n_g + alpha0 - y_g - a)) - np.log(
            (y_rest + a) / (n_rest + alpha0 - y_rest - a)
        )
        z = delta / np.sqrt(1.0 / (y_g + a) + 1.0 / (y_rest + a))
        keep = (y_g >= min_count) & (z >= min_z)
        order = np.flatnonzero(keep)[np.lexsort((terms[keep], -z[keep]))][:k]
        out.append([(vocabulary[terms[i]], float(z[i]), int(y_g[i])) for i in order])
    return out


#: term statistics (community terms, briefs) use at most this many documents, sampled with a fixed seed
MAX_TERM_DOCUMENTS = 500_000


def term_counts(
    texts: Sequence[str], *, max_documents: int | None = MAX_TERM_DOCUMENTS, random_state: int = 0
) -> tuple[sp.csr_array, list[str], np.ndarray] | None:
    """The document-term count matrix of texts (terms of :class:`einfluence.text.Analyzer`).

    Parameters
    ----------
    texts : sequence of str
    max_documents : int or None
        Above this many texts, a seeded uniform sample of them is counted (term statistics
        converge long before; counting tens of millions of posts would not fit in memory).
    random_state : int
        Seed of the sample.

    Returns
    -------
    (matrix, vocabulary, rows) or None
        The sparse counts (one row per counted text, terms seen in at least two texts), the
        terms, and the positions in ``texts`` of the counted rows; None when no term appears
        twice.

    Examples
    --------
    >>> X, vocabulary, rows = term_counts(["vélo cargo", "velo électrique", "cargo bike"])
    >>> vocabulary, X.toarray().tolist(), rows.tolist()
    (['cargo', 'velo'], [[1, 1], [0, 1], [1, 0]], [0, 1, 2])
    """
    from sklearn.feature_extraction.text import CountVectorizer

    from einfluence.text import Analyzer

    rows = np.arange(len(texts))
    if max_documents is not None and rows.size > max_documents:
        rows = np.sort(np.random.default_rng(random_state).choice(rows.size, max_documents, replace=False))
        texts = [texts[i] for i in rows]
    if rows.size == 0:
        return None
    vectorizer = CountVectorizer(analyzer=Analyzer(), min_df=2)
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:  # no term appears twice
        return None
    return sp.csr_array(matrix), vectorizer.get_feature_names_out().tolist(), rows


def align_rows(ids: np.ndarray, row_ids: np.ndarray, matrix: sp.sparray) -> sp.csr_array:
    """The rows of ``matrix`` (whose rows are ``row_ids``) rearranged to follow ``ids`` (sorted).

    Rows of ``ids`` absent from ``row_ids`` are empty. For example the term counts of a sample
    of posts laid out like the posts of a topic run.

    Examples
    --------
    >>> M = sp.csr_array(np.array([[1, 2], [3, 4]]))
    >>> align_rows(np.array([5, 7, 9]), np.array([9, 5]), M).toarray().tolist()
    [[3.0, 4.0], [0.0, 0.0], [1.0, 2.0]]
    """
    ids = np.asarray(ids)
    row = np.searchsorted(ids, row_ids)
    found = (row < ids.size) & (ids[np.minimum(row, ids.size - 1)] == row_ids)
    selector = sp.csr_array(
        (np.ones(int(found.sum())), (row[found], np.flatnonzero(found))), shape=(ids.size, matrix.shape[0])
    )
    return sp.csr_array(selector @ matrix)
