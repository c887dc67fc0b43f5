"""Relevance of each account to a free-text query, from the texts it wrote.

An account's document is the concatenation of its posts; :func:`query_relevance` scores it
with Okapi BM25 [1]_ [2]_ after the normalisation of :mod:`einfluence.text`, so that
``"vélo électrique"`` finds accounts writing ``velo electrique`` or ``#velo``.

References
----------
.. [1] S. E. Robertson, S. Walker, S. Jones, M. Hancock-Beaulieu and M. Gatford, "Okapi at
   TREC-3", Proc. TREC-3, 1994, pp. 109-126.
.. [2] S. Robertson and H. Zaragoza, "The probabilistic relevance framework: BM25 and
   beyond", Foundations and Trends in Information Retrieval 3(4), 2009, pp. 333-389.
   https://doi.org/10.1561/1500000019
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from einfluence.base.validation import check_scalar
from einfluence.exceptions import ParameterError
from einfluence.text import STOP_WORDS, Analyzer, as_text_list

__all__ = ["query_relevance", "query_terms"]

_METHODS = ("bm25",)
_CHUNK = 100_000  # texts tokenised at a time (bounds the memory of token lists)


def query_terms(query: str) -> list[str]:
    """The distinct normalised terms of a query, stop words removed, in order.

    Parameters
    ----------
    query : str

    Returns
    -------
    list of str

    Examples
    --------
    >>> query_terms("Le vélo électrique, #VAE et le vélo")
    ['velo', 'electrique', '#vae']
    """
    if not isinstance(query, str):
        raise TypeError(f"query must be a str, got {type(query).__name__}")
    return list(dict.fromkeys(Analyzer()(query)))


def _term_counts(
    docs: list[str], columns: dict[str, int], n_columns: int
) -> tuple[sp.csr_matrix, np.ndarray]:
    """(texts x query terms) counts and the number of terms (stop words excluded) of each text."""
    analyzer = Analyzer(stop_words=STOP_WORDS)
    blocks = []
    lengths = np.zeros(len(docs), dtype=np.float64)
    for start in range(0, len(docs), _CHUNK):
        tokens = [analyzer(d) for d in docs[start : start + _CHUNK]]
        counts = np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens))
        lengths[start : start + len(tokens)] = counts
        flat = [columns.get(t, -1) for doc in tokens for t in doc]
        col = np.asarray(flat, dtype=np.int64)
        row = np.repeat(np.arange(len(tokens)), counts)
        hit = col >= 0
        blocks.append(
            sp.csr_matrix(
                (np.ones(int(hit.sum())), (row[hit], col[hit])), shape=(len(tokens), n_columns)
            )
        )
    if not blocks:
        return sp.csr_matrix((0, n_columns)), lengths
    return sp.vstack(blocks, format="csr"), lengths


def query_relevance(
    query: str,
    author: np.ndarray,
    texts: Sequence[str | None],
    n_accounts: int,
    *,
    method: str = "bm25",
    k1: float = 1.2,
    b: float = 0.75,
) -> np.ndarray:
    """BM25 relevance of each account to a free-text query, from the texts it wrote.

    Parameters
    ----------
    query : str
        Free text (``"skincare vegan"``, ``"vélo électrique"``); normalised by
        :func:`query_terms`. A query word also matches its hashtag (``velo`` matches
        ``#velo``); a query hashtag matches the hashtag only. A repeated query term counts
        once.
    author : numpy.ndarray of int, shape (n_texts,)
        Author of each text in ``[0, n_accounts)``; negative values are ignored.
    texts : sequence of str or None, length n_texts
        The posts.
    n_accounts : int
    method : {"bm25"}, default "bm25"
        Okapi BM25 [1]_ on account documents.
    k1 : float, default 1.2
        Term-frequency saturation (``>= 0``).
    b : float, default 0.75
        Document-length normalisation, in [0, 1].

    Returns
    -------
    numpy.ndarray of float64, shape (n_accounts,)
        ``sum_t idf(t) tf (k1 + 1) / (tf + k1 (1 - b + b len / avglen))`` over the query
        terms, with ``tf`` the term's count in the account's texts, ``len`` their number of
        terms (stop words excluded), ``avglen`` its mean over accounts with text and
        ``idf(t) = ln(1 + (N - n_t + 0.5) / (n_t + 0.5))`` (``N`` accounts with text,
        ``n_t`` of them using ``t``; this form is never negative). 0 for accounts without a
        matching text.

    Raises
    ------
    ParameterError
        On a query without any term left (empty, only stop words), an unknown method,
        mismatched lengths, an author ``>= n_accounts`` or out-of-range ``k1``, ``b``.
    TypeError
        If ``query`` is not a str or ``texts`` not a sequence of str and None.

    Examples
    --------
    >>> texts = ["Mon vélo électrique", "velo cargo, velo partout", "Recette du gratin",
    ...          "#velo"]
    >>> scores = query_relevance("vélo", np.array([0, 1, 2, 3]), texts, 5)
    >>> [round(float(s), 3) for s in scores]
    [0.374, 0.402, 0.0, 0.462, 0.0]

    Notes
    -----
    Each text is tokenised once (in chunks of 100,000); the account x query-term counts are
    one sparse product: O(total tokens + n_accounts x query terms) time, and memory linear in
    the number of matches.

    References
    ----------
    .. [1] S. Robertson and H. Zaragoza, "The probabilistic relevance framework: BM25 and
       beyond", Foundations and Trends in Information Retrieval 3(4), 2009, pp. 333-389.
       https://doi.org/10.1561/1500000019
    """
    terms = query_terms(query)
    if not terms:
        raise ParameterError(f"query {query!r} has no term left after removing stop words")
    if method not in _METHODS:
        raise ParameterError(f"method must be one of {_METHODS}, got {method!r}")
    check_scalar(n_accounts, "n_accounts", numbers.Integral, min_val=0)
    check_scalar(k1, "k1", numbers.Real, min_val=0.0)
    check_scalar(b, "b", numbers.Real, min_val=0.0, max_val=1.0)
    docs = as_text_list(texts)
    author = np.asarray(author)
    if author.ndim != 1 or author.size != len(docs):
        raise ParameterError(f"author must have shape ({len(docs)},), got {author.shape}")
    if author.size and not np.issubdtype(author.dtype, np.integer):
        raise ParameterError(f"author must hold integers, got {author.dtype}")
    if author.size and author.max() >= n_accounts:
        raise ParameterError(f"author holds {author.max()}, not < n_accounts={n_accounts}")
    n = int(n_accounts)
    # each query term is a column; a word also collects its hashtag
    columns: dict[str, int] = {}
    for j, term in enumerate(terms):
        columns[term] = j
        if not term.startswith("#"):
            columns.setdefault("#" + term.replace(" ", ""), j)
    counts, lengths = _term_counts(docs, columns, len(terms))
    keep = author >= 0
    rows = np.flatnonzero(keep)
    owner = sp.csr_matrix(
        (np.ones(rows.size), (author[rows].astype(np.int64), rows)), shape=(n, len(docs))
    )
    tf = (owner @ counts).toarray()  # (n_accounts, n_terms)
    doc_len = np.bincount(author[rows].astype(np.int64), weights=lengths[rows], minlength=n)
    has_text = doc_len > 0
    n_docs = int(has_text.sum())
    if n_docs == 0:
        return np.zeros(n)
    avg_len = doc_len[has_text].mean()
    df = (tf > 0).sum(axis=0)
    idf = np.log1p((n_docs - df + 0.5) / (df + 0.5))
    norm = k1 * (1.0 - b + b * doc_len / avg_len)
    with np.errstate(invalid="ignore", divide="ignore"):
        part = np.where(tf > 0, tf * (k1 + 1.0) / (tf + norm[:, None]), 0.0)
    return part @ idf
