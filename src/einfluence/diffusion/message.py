"""Message-aware probabilities: a message spreads better among the accounts it interests.

A campaign message has a topic mix; each account has an interest profile over the same
topics (for instance the topic shares of its posts, :mod:`einfluence.topics`). The
probability that ``u`` passes the message to ``v`` is scaled by how relevant the message is
to ``v`` and by how new it is:

``p'(u, v) = p(u, v) * relevance(v) * novelty``,

in the spirit of the topic-aware independent cascade of Barbieri, Bonchi and Manco [1]_,
where an arc's probability is the mix of per-topic probabilities weighted by the item's
topic distribution; here the per-topic probabilities are not learned but replaced by the
receiver's interest, which keeps the model usable with a single probability per arc.

References
----------
.. [1] N. Barbieri, F. Bonchi and G. Manco, "Topic-aware social influence propagation
   models", Knowledge and Information Systems 37(3), 2013, pp. 555-584.
   https://doi.org/10.1007/s10115-013-0646-6
"""

from __future__ import annotations

import numbers

import numpy as np

from einfluence.base.validation import check_scalar
from einfluence.diffusion.probabilities import _check_graph
from einfluence.exceptions import ParameterError
from einfluence.graph.diffusion import DiffusionGraph

__all__ = ["message_probabilities", "message_relevance"]


def message_relevance(
    account_topics: np.ndarray,
    message_topics: np.ndarray,
    *,
    floor: float = 0.05,
    unknown: float | None = None,
) -> np.ndarray:
    """Relevance of a message to each account, in ``[floor, 1]``.

    ``relevance(v) = floor + (1 - floor) * cos(a_v, m)``, where ``cos`` is the cosine
    similarity of the account's interest profile ``a_v`` and the message's topic vector
    ``m``; both are non-negative, so the cosine lies in [0, 1]: a message wholly on the
    account's topics keeps the full probability, an unrelated one keeps the ``floor``
    (people still pass on some off-topic content).

    Parameters
    ----------
    account_topics : numpy.ndarray, shape (n_accounts, n_topics)
        Non-negative interest of each account in each topic (any scale: only directions
        matter).
    message_topics : numpy.ndarray, shape (n_topics,)
        Non-negative topic mix of the message, not all zero.
    floor : float
        Relevance of a fully off-topic message, in [0, 1].
    unknown : float, optional
        Relevance for accounts whose profile is all zeros (no known interests), in
        ``[floor, 1]``; None gives them the mean relevance of the accounts with a profile (or
        1 if no account has one), a neutral choice.

    Returns
    -------
    numpy.ndarray of float64, shape (n_accounts,)

    Raises
    ------
    ParameterError
        On mismatched shapes, negative or non-finite topic weights, an all-zero message, or
        ``floor`` / ``unknown`` out of range.

    Examples
    --------
    >>> profiles = np.array([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0], [0.0, 0.0]])
    >>> message_relevance(profiles, np.array([1.0, 0.0]), floor=0.1).round(3).tolist()
    [1.0, 0.1, 0.736, 0.612]
    """
    a = np.asarray(account_topics, dtype=np.float64)
    m = np.asarray(message_topics, dtype=np.float64)
    if a.ndim != 2:
        raise ParameterError(f"account_topics must be two-dimensional, got shape {a.shape}")
    if m.shape != (a.shape[1],):
        raise ParameterError(f"message_topics must have shape ({a.shape[1]},), got {m.shape}")
    if not (np.isfinite(a).all() and np.isfinite(m).all()) or (a < 0).any() or (m < 0).any():
        raise ParameterError("topic weights must be finite and non-negative")
    m_norm = np.linalg.norm(m)
    if m_norm == 0:
        raise ParameterError("message_topics must not be all zeros")
    check_scalar(floor, "floor", numbers.Real, min_val=0.0, max_val=1.0)
    norms = np.linalg.norm(a, axis=1)
    known = norms > 0
    cos = np.zeros(a.shape[0])
    cos[known] = (a[known] @ m) / (norms[known] * m_norm)
    rel = floor + (1.0 - floor) * np.clip(cos, 0.0, 1.0)
    if unknown is None:
        fill = float(rel[known].mean()) if known.any() else 1.0
    else:
        check_scalar(unknown, "unknown", numbers.Real, min_val=float(floor), max_val=1.0)
        fill = float(unknown)
    rel[~known] = fill
    return rel


def message_probabilities(
    g: DiffusionGraph,
    account_topics: np.ndarray,
    message_topics: np.ndarray,
    *,
    novelty: float = 1.0,
    floor: float = 0.05,
    unknown: float | None = None,
) -> DiffusionGraph:
    """Scale the arc probabilities of ``g`` for one message: ``p(u, v) * relevance(v) * novelty``.

    Parameters
    ----------
    g : DiffusionGraph
        Message-independent probabilities (given, derived or learned).
    account_topics : numpy.ndarray, shape (g.n_nodes, n_topics)
        Non-negative interest profile of each account.
    message_topics : numpy.ndarray, shape (n_topics,)
        Non-negative topic mix of the message.
    novelty : float
        In (0, 1]: 1 for new content, lower for content the audience has already seen
        (a repeated campaign, a re-posted announcement).
    floor, unknown : float
        See :func:`message_relevance`.

    Returns
    -------
    DiffusionGraph
        Same arcs, probabilities scaled (never increased).

    Raises
    ------
    GraphTypeError
        If ``g`` is not a DiffusionGraph.
    ParameterError
        On mismatched shapes or out-of-range parameters (see :func:`message_relevance`).

    Examples
    --------
    >>> g = DiffusionGraph.from_arcs([0, 0], [1, 2], 0.5)
    >>> profiles = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    >>> message_probabilities(g, profiles, np.array([1.0, 0.0]), floor=0.1).prob.tolist()
    [0.5, 0.05]
    >>> message_probabilities(g, profiles, np.array([1.0, 0.0]), novelty=0.5).prob.tolist()
    [0.25, 0.0125]

    References
    ----------
    .. [1] N. Barbieri, F. Bonchi and G. Manco, "Topic-aware social influence propagation
       models", Knowledge and Information Systems 37(3), 2013, pp. 555-584.
       https://doi.org/10.1007/s10115-013-0646-6
    """
    g = _check_graph(g)
    a = np.asarray(account_topics, dtype=np.float64)
    if a.ndim != 2 or a.shape[0] != g.n_nodes:
        raise ParameterError(f"account_topics must have shape ({g.n_nodes}, n_topics), got {a.shape}")
    check_scalar(novelty, "novelty", numbers.Real, min_val=0.0, max_val=1.0, include_min=False)
    rel = message_relevance(a, message_topics, floor=floor, unknown=unknown)
    return g.with_prob(np.clip(g.prob * rel[g.indices] * float(novelty), 0.0, 1.0))
