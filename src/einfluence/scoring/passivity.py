"""Influence and passivity (Romero, Galuba, Asur and Huberman, 2011).

Most accounts relay little of what they see: being relayed by someone who relays everything
says less than being relayed by someone who rarely does. The influence-passivity algorithm
[1]_ is a HITS-like [2]_ mutual recursion: an account is influential when it moves passive
accounts, and passive when it resists influential ones.

References
----------
.. [1] D. M. Romero, W. Galuba, S. Asur and B. A. Huberman, "Influence and passivity in
   social media", Proc. ECML PKDD 2011, LNCS 6913, pp. 18-33.
   https://doi.org/10.1007/978-3-642-23808-6_2
.. [2] J. M. Kleinberg, "Authoritative sources in a hyperlinked environment", Journal of the
   ACM 46(5), 604-632, 1999. https://doi.org/10.1145/324133.324140
"""

from __future__ import annotations

import numbers
import warnings
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np

from einfluence.base.kinds import AUDIENCE_KINDS
from einfluence.base.timeunits import NO_TIME
from einfluence.base.validation import check_scalar
from einfluence.graph import _kernels as graph_kernels
from einfluence.graph.selection import check_view, edge_mask
from einfluence.graph.view import GraphView
from einfluence.scoring import _kernels

if TYPE_CHECKING:
    from einfluence.base.arrays import PostArrays

__all__ = ["influence_passivity"]


def _attempts(view: GraphView, posts: PostArrays | None) -> np.ndarray:
    """``Q_i``: posts of ``i`` when known, else its distinct timed acts in the view."""
    n = view.n_nodes
    if posts is not None:
        author = np.asarray(posts.author, dtype=np.int64)
        author = author[(author >= 0) & (author < n)]
        if author.size:
            return np.bincount(author, minlength=n).astype(np.float64)
    # rows are sorted by (src, time): a new act starts at each change of time within a row
    src = view.sources()
    new = np.ones(view.n_edges, dtype=bool)
    new[1:] = (src[1:] != src[:-1]) | (view.time[1:] != view.time[:-1])
    new &= view.time != NO_TIME
    return np.bincount(src[new], minlength=n).astype(np.float64)


def influence_passivity(
    view: GraphView,
    posts: PostArrays | None = None,
    *,
    kinds: str | Iterable[str] = ("relay",),
    audience_kinds: str | Iterable[str] = AUDIENCE_KINDS,
    max_iter: int = 100,
    tol: float = 1e-10,
) -> tuple[np.ndarray, np.ndarray]:
    """Influence and passivity scores of Romero et al. [1]_.

    Arcs ``i -> j`` of the influence graph join an author ``i`` to each account ``j`` that
    relayed it (an interaction ``j -> i`` of ``kinds``) or that is in its audience (an
    interaction ``j -> i`` of ``audience_kinds``, when the view holds any: the follower graph
    of the paper, where silent followers reject influence). Their weight is the share of
    ``i``'s attempts that ``j`` accepted, ``w_ij = S_ij / Q_i``, with ``S_ij`` the number of
    relays of ``i`` by ``j`` and ``Q_i`` the number of posts of ``i``. Then

    * acceptance rate ``u_ij = w_ij / sum_k w_kj`` (the share of all the influence ``j``
      accepted that came from ``i``);
    * rejection rate ``v_ji = (1 - w_ji) / sum_k (1 - w_jk)`` (the share of all the influence
      ``j`` failed to exert that ``i`` rejected);

    and, from ``I = P = 1``, each iteration computes ``P_i = sum_j v_ji I_j`` (over the
    authors ``j`` of ``i``), then ``I_i = sum_j u_ij P_j`` (over the audience ``j`` of
    ``i``), and normalises both to sum 1. Zero denominators give zero rates.

    Parameters
    ----------
    view : GraphView
    posts : PostArrays, optional
        Posts of the same window: ``Q_i`` is the number of posts authored by ``i`` (every
        kind). **Substitute** when posts are not given (or hold no author): ``Q_i`` is the
        number of distinct timed acts of ``i`` in the view (interactions of ``i`` at distinct
        times, any kind), the visible part of its activity. In both cases ``Q_i`` is raised to
        ``max_j S_ij`` when smaller (Higgs lists relays of tweets it does not list), so that
        ``0 <= w_ij <= 1``.
    kinds : str or iterable of str
        Interaction kinds that are acceptances (relays by default).
    audience_kinds : str or iterable of str
        Interaction kinds that make ``j`` part of ``i``'s audience; ``()`` to use the relay
        arcs only.
    max_iter : int
        Maximum number of iterations.
    tol : float
        Stop when the L1 change of ``I`` plus that of ``P`` is below ``tol``.

    Returns
    -------
    influence, passivity : numpy.ndarray of float64, shape (view.n_nodes,)
        Each sums to 1 (or is all zero when there is no arc). An account nobody relays has
        influence 0.

    Raises
    ------
    GraphTypeError
        If ``view`` is not a GraphView.
    ParameterError
        On an unknown kind or a parameter out of range.

    Warns
    -----
    RuntimeWarning
        When ``max_iter`` iterations do not reach ``tol``; the last iterate is returned.

    Examples
    --------
    1 relays one of 0's two posts, 2 relays both:

    >>> from einfluence.base import InteractionArrays, PostArrays
    >>> view = GraphView.from_arrays(InteractionArrays(
    ...     src=np.array([1, 2, 2]), dst=np.array([0, 0, 0]), time=np.arange(3),
    ...     weight=np.ones(3), kind=np.zeros(3, np.int8), post=np.full(3, -1), n_accounts=3))
    >>> posts = PostArrays(post_id=np.array([7, 8]), author=np.array([0, 0]),
    ...     time=np.arange(2), kind=np.zeros(2, np.int8), parent=np.full(2, -1),
    ...     root=np.full(2, -1))
    >>> influence, passivity = influence_passivity(view, posts)
    >>> influence.tolist(), passivity.tolist()
    ([1.0, 0.0, 0.0], [0.0, 1.0, 0.0])

    Notes
    -----
    O(m) to build the arcs (one compiled pass), then O(arcs) per iteration, also compiled.

    References
    ----------
    .. [1] D. M. Romero, W. Galuba, S. Asur and B. A. Huberman, "Influence and passivity in
       social media", Proc. ECML PKDD 2011, LNCS 6913, pp. 18-33.
       https://doi.org/10.1007/978-3-642-23808-6_2
    """
    view = check_view(view)
    check_scalar(max_iter, "max_iter", numbers.Integral, min_val=1)
    check_scalar(tol, "tol", numbers.Real, min_val=0.0, include_min=False)
    n = view.n_nodes
    relay = edge_mask(view, kinds)
    audience = tuple([audience_kinds] if isinstance(audience_kinds, str) else audience_kinds)
    arcs = relay | edge_mask(view, audience) if audience else relay
    # one arc per (j, i) pair; total = number of relays S_ij
    j, i, _, s = graph_kernels.distinct_pairs(view.indptr, view.indices, relay.astype(np.float64), arcs)
    q = np.maximum(_attempts(view, posts), _kernels.group_max(i, s, n))
    w = np.zeros(s.size)
    np.divide(s, q[i], out=w, where=q[i] > 0)
    accepted = np.bincount(j, weights=w, minlength=n)  # sum_k w_kj
    u = np.zeros(s.size)
    np.divide(w, accepted[j], out=u, where=accepted[j] > 0)
    rejected = np.bincount(i, weights=1.0 - w, minlength=n)  # sum_k (1 - w_ik)
    v = np.zeros(s.size)
    np.divide(1.0 - w, rejected[i], out=v, where=rejected[i] > 0)

    if s.size == 0:
        return np.zeros(n), np.zeros(n)
    influence, passivity, _, converged = _kernels.influence_passivity_iterations(
        i, j, u, v, n, int(max_iter), float(tol)
    )
    if converged:
        return influence, passivity
    warnings.warn(
        f"influence_passivity did not converge to tol={tol} in {max_iter} iterations; "
        "returning the last iterate",
        RuntimeWarning,
        stacklevel=2,
    )
    return influence, passivity
