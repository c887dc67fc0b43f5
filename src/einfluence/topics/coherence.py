"""Topic coherence: NPMI of top terms, and the separation criterion of the topic model.

:func:`topic_separation` scores a set of topics, given as their top terms, on a
document-term matrix: the coherence of each topic (mean normalised pointwise mutual
information, NPMI [1]_, of its top-term pairs over documents [2]_) minus its redundancy with
the closest topic of another group. :class:`~einfluence.topics.model.TopicModel` uses it to
choose its number of topics (``n_topics="auto"``) and as its ``score`` (model selection).

References
----------
.. [1] G. Bouma, "Normalized (pointwise) mutual information in collocation extraction",
   Proc. GSCL 2009, pp. 31-40.
.. [2] N. Aletras and M. Stevenson, "Evaluating topic coherence using distributional
   semantics", Proc. IWCS 2013, pp. 13-22.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from einfluence.exceptions import ParameterError

__all__ = ["topic_separation"]


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
    presence: sp.spmatrix | np.ndarray, top_terms: np.ndarray, groups: np.ndarray | None = None
) -> tuple[float, np.ndarray, np.ndarray]:
    """Coherence of each topic minus its redundancy with the closest other topic.

    The criterion of ``TopicModel(n_topics="auto")``. With ``npmi`` the normalised pointwise
    mutual information [1]_ of two terms over documents, the coherence of topic ``t`` is the
    mean ``npmi`` over pairs of its top terms [2]_, and its redundancy with topic ``s`` the
    mean ``npmi`` between a top term of ``t`` and one of ``s`` (a shared term counts 1). The
    score is ``mean_t coherence_t - mean_t max_{s != t} redundancy_ts``: merging two real
    topics lowers the coherence (their terms do not co-occur), splitting one raises the
    redundancy (the halves' terms do). Topics of the same ``group`` (the subtopics that
    :class:`~einfluence.topics.model.TopicModel` merges into one topic, such as its French
    and English halves) are not redundant with each other.

    Parameters
    ----------
    presence : scipy.sparse matrix or numpy.ndarray, shape (n_documents, n_terms)
        Document-term matrix; only whether an entry is positive matters.
    top_terms : numpy.ndarray of int, shape (n_topics, n_top)
        Column indices of each topic's top terms.
    groups : numpy.ndarray of int, shape (n_topics,), optional
        Group of each topic; the redundancy of a topic is taken over the topics of other
        groups only. None: every topic is its own group.

    Returns
    -------
    score : float
        Higher is better. With one topic there is no redundancy: the score is its coherence.
    coherence : numpy.ndarray, shape (n_topics,)
        Mean NPMI within each topic's top terms, in [-1, 1].
    redundancy : numpy.ndarray, shape (n_topics,)
        Largest mean NPMI with another topic's top terms (-1 with a single topic, or for a
        topic whose group holds all the topics).

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

    Two halves of one subject are not redundant once grouped:

    >>> split = np.array([[0, 1], [0, 1]])
    >>> float(topic_separation(docs, split)[0]), float(topic_separation(docs, split, np.array([0, 0]))[0])
    (0.0, 1.0)

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
    if groups is not None:
        groups = np.asarray(groups)
        if groups.shape != (top.shape[0],) or not np.issubdtype(groups.dtype, np.integer):
            raise ParameterError(
                f"groups must be a 1-D integer array of shape ({top.shape[0]},), got {groups.shape}"
            )
    presence = (presence > 0).astype(np.float64)
    columns, local = np.unique(top, return_inverse=True)
    local = local.reshape(top.shape)
    npmi = _npmi(presence, columns)
    k, n = top.shape
    within = npmi[local[:, :, None], local[:, None, :]]  # (k, n, n)
    off_diag = ~np.eye(n, dtype=bool)
    coherence = within[:, off_diag].mean(axis=1)
    same = np.eye(k, dtype=bool) if groups is None else groups[:, None] == groups[None, :]
    if same.all():
        return float(coherence.mean()), coherence, np.full(k, -1.0)
    cross = npmi[local[:, None, :, None], local[None, :, None, :]].mean(axis=(2, 3))  # (k, k)
    cross[same] = -np.inf
    redundancy = np.maximum(cross.max(axis=1), -1.0)
    return float(coherence.mean() - redundancy.mean()), coherence, redundancy
