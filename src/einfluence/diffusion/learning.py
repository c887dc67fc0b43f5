"""Influence probabilities learned from an action log: Goyal et al.'s frequencies and Saito et al.'s EM.

The action log lists, for each cascade (a hashtag, a URL, a source post and its relays...),
the accounts that acted and when. It comes as three aligned arrays, one row per action::

    cascade[i]  id of the cascade (any integers)
    account[i]  the account that acted (a node of the DiffusionGraph)
    time[i]     when (any unit; integer steps for discrete-time data)

An account acting several times in a cascade counts once, at its first action. The graph says
who can influence whom (arc ``u -> v``: ``v`` sees ``u``'s actions); the functions return one
probability per arc, aligned with ``g.indices``, to put on the graph with
``g.with_prob(p)``.

Both estimators rest on the same counts. An arc ``u -> v`` gets a *trial* in every cascade
where ``u`` acted while ``v`` had not acted yet, and a *success* when ``v`` then acted
within ``window`` time units after ``u`` (or after it at all when ``window`` is None):

* :func:`goyal_probabilities`: the static Bernoulli model of Goyal, Bonchi and
  Lakshmanan [1]_, successes (each fully credited, or shared among the candidate
  influencers) over trials (or over the actions of ``u``, or Jaccard);
* :func:`em_probabilities`: the expectation-maximisation of Saito, Nakano and Kimura [2]_
  for the independent cascade, which shares each activation among its candidate parents
  according to their current probabilities; with integer steps and ``window=1`` it is
  exactly their discrete-time estimator.

References
----------
.. [1] A. Goyal, F. Bonchi and L. V. S. Lakshmanan, "Learning influence probabilities in
   social networks", Proc. WSDM 2010, pp. 241-250. https://doi.org/10.1145/1718487.1718518
.. [2] K. Saito, R. Nakano and M. Kimura, "Prediction of information diffusion
   probabilities for independent cascade model", Proc. KES 2008, LNCS 5179, pp. 67-75.
   https://doi.org/10.1007/978-3-540-85567-5_9
"""

from __future__ import annotations

import numbers
import warnings
from dataclasses import dataclass

import numpy as np

from einfluence.base.arrays import PostArrays
from einfluence.base.kinds import POST_KINDS
from einfluence.base.timeunits import HOUR, NO_TIME
from einfluence.base.unique import unique_ints
from einfluence.base.validation import check_scalar
from einfluence.exceptions import GraphTypeError, ParameterError
from einfluence.graph.diffusion import DiffusionGraph

__all__ = ["ActionLog", "action_log", "em_probabilities", "goyal_probabilities"]


@dataclass(frozen=True)
class ActionLog:
    """Who acted in which cascade, when, and (when known) because of whom.

    Attributes
    ----------
    cascade : numpy.ndarray of int64
    account : numpy.ndarray of int64
    time : numpy.ndarray of float64
    parent : numpy.ndarray of int64 or None
        The account whose action this one relays (-1 for unknown or for a seed).
    """

    cascade: np.ndarray
    account: np.ndarray
    time: np.ndarray
    parent: np.ndarray | None = None

    @property
    def n_actions(self) -> int:
        """Number of rows."""
        return int(self.account.size)

    def sizes(self) -> np.ndarray:
        """Number of distinct accounts of each cascade, by increasing cascade id."""
        key = np.unique(np.stack([self.cascade, self.account]), axis=1)
        return np.unique(key[0], return_counts=True)[1]


def action_log(posts: PostArrays) -> ActionLog:
    """The cascades of posts as an action log: who relayed, quoted or replied to which root post.

    A cascade is a root post. Its actions are the root's author at the root's time, and the
    author of every relay, quote or reply of it, with the author of the post it answers as
    ``parent`` (the root's author when that post is not among ``posts``; -1 for the root).
    Times are hours since the epoch; posts without a time or an author are left out.

    Parameters
    ----------
    posts : PostArrays
        The posts of a window, sorted by post id (as the store gives them).

    Returns
    -------
    ActionLog

    Examples
    --------
    >>> from einfluence.base import PostArrays
    >>> hour = 3_600_000_000
    >>> posts = PostArrays(post_id=np.array([0, 1, 2]), author=np.array([5, 6, 7]),
    ...     time=np.array([0, hour, 2 * hour]), kind=np.array([0, 1, 1], np.int8),
    ...     parent=np.array([-1, 0, 1]), root=np.array([-1, 0, 0]))
    >>> log = action_log(posts)
    >>> log.cascade.tolist(), log.account.tolist(), log.time.tolist(), log.parent.tolist()
    ([0, 0, 0], [5, 6, 7], [0.0, 1.0, 2.0], [-1, 5, 6])
    """
    answering = [POST_KINDS.index(k) for k in ("relay", "quote", "reply")]
    acts = np.flatnonzero(np.isin(posts.kind, answering) & (posts.root >= 0) & (posts.author >= 0))
    pid = posts.post_id

    def row_of(ids: np.ndarray) -> np.ndarray:
        row = np.searchsorted(pid, ids)
        found = (row < pid.size) & (pid[np.minimum(row, pid.size - 1)] == ids)
        return np.where(found, row, -1)

    root_row = row_of(posts.root[acts])
    acts, root_row = acts[root_row >= 0], root_row[root_row >= 0]
    parent_row = row_of(posts.parent[acts])
    parent_author = np.where(parent_row >= 0, posts.author[np.maximum(parent_row, 0)], posts.author[root_row])
    roots = unique_ints(root_row)
    rows = np.concatenate([roots, acts])
    cascade = np.concatenate([posts.post_id[roots], posts.post_id[root_row]])
    account = posts.author[rows]
    time = posts.time[rows].astype(np.float64) / HOUR
    parent = np.concatenate([np.full(roots.size, -1), parent_author])
    keep = (account >= 0) & (posts.time[rows] != NO_TIME)
    return ActionLog(cascade[keep], account[keep], time[keep], parent[keep])


@dataclass(frozen=True)
class _Pairs:
    """The (action of v, in-arc u -> v) pairs where u acted in the same cascade."""

    arc: np.ndarray  # arc index into g.indices
    act: np.ndarray  # index of v's action
    t_u: np.ndarray
    t_v: np.ndarray
    is_parent: np.ndarray | None  # u is v's recorded parent
    n_actions_of: np.ndarray  # actions (distinct cascades) of each node
    n_actions: int


def _check_log(g, cascade, account, time, parent):
    if not isinstance(g, DiffusionGraph):
        raise GraphTypeError(f"expected a DiffusionGraph, got {type(g).__name__}")
    c = np.asarray(cascade)
    a = np.asarray(account)
    t = np.asarray(time, dtype=np.float64)
    if not (c.ndim == a.ndim == t.ndim == 1) or not (c.size == a.size == t.size):
        raise ParameterError("cascade, account and time must be one-dimensional arrays of the same length")
    for name, arr in (("cascade", c), ("account", a)):
        if arr.size and not np.issubdtype(arr.dtype, np.integer):
            raise ParameterError(f"{name} must hold integers, got dtype {arr.dtype}")
    a = a.astype(np.int64)
    if a.size and (a.min() < 0 or a.max() >= g.n_nodes):
        raise ParameterError(f"account ids must lie in [0, {g.n_nodes})")
    if not np.isfinite(t).all():
        raise ParameterError("time must be finite")
    p = None
    if parent is not None:
        p = np.asarray(parent)
        if p.shape != a.shape or (p.size and not np.issubdtype(p.dtype, np.integer)):
            raise ParameterError("parent must be an integer array aligned with account")
        p = p.astype(np.int64)
    return c.astype(np.int64), a, t, p


def _pairs(g: DiffusionGraph, cascade, account, time, parent) -> _Pairs:
    n = g.n_nodes
    _, c = np.unique(cascade, return_inverse=True)
    c = c.astype(np.int64).ravel()
    # first action of each (cascade, account)
    order = np.lexsort((time, account, c))
    c, a, t = c[order], account[order], time[order]
    first = np.ones(c.size, dtype=bool)
    first[1:] = (c[1:] != c[:-1]) | (a[1:] != a[:-1])
    c, a, t = c[first], a[first], t[first]
    par = parent[order][first] if parent is not None else None
    keys = c * n + a  # sorted
    n_act = int(a.size)
    # in-arcs of each acting v: arcs sorted by target
    src = g.sources()
    by_dst = np.argsort(g.indices, kind="stable")
    indeg = g.in_degree()
    in_ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(indeg, out=in_ptr[1:])
    lengths = indeg[a]
    act = np.repeat(np.arange(n_act, dtype=np.int64), lengths)
    offset = np.arange(act.size, dtype=np.int64) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    arc = by_dst[in_ptr[a[act]] + offset]
    u_key = c[act] * n + src[arc]
    pos = np.searchsorted(keys, u_key)
    pos_ok = np.minimum(pos, max(n_act - 1, 0))
    found = (pos < n_act) & (keys[pos_ok] == u_key) if n_act else np.zeros(0, dtype=bool)
    arc, act, pos = arc[found], act[found], pos[found]
    is_parent = None if par is None else par[act] == src[arc]
    return _Pairs(arc, act, t[pos], t[act], is_parent, np.bincount(a, minlength=n), n_act)


def _check_window(window):
    if window is not None:
        check_scalar(window, "window", numbers.Real, min_val=0.0, include_min=False)
        return float(window)
    return None


def _check_unobserved(unobserved):
    if unobserved is None:
        return np.nan
    check_scalar(unobserved, "unobserved", numbers.Real, min_val=0.0, max_val=1.0)
    return float(unobserved)


def _trials(g: DiffusionGraph, pairs: _Pairs, success: np.ndarray) -> np.ndarray:
    """Trials of each arc: actions of u minus those where v acted no later (and not because of u)."""
    before = (pairs.t_v <= pairs.t_u) & ~success
    n_before = np.bincount(pairs.arc[before], minlength=g.n_arcs)
    return pairs.n_actions_of[g.sources()] - n_before


def _success(pairs: _Pairs, window: float | None) -> np.ndarray:
    if pairs.is_parent is not None:
        return pairs.is_parent
    ok = pairs.t_u < pairs.t_v
    if window is not None:
        ok &= pairs.t_v - pairs.t_u <= window
    return ok


def goyal_probabilities(
    g: DiffusionGraph,
    cascade: np.ndarray,
    account: np.ndarray,
    time: np.ndarray,
    *,
    parent: np.ndarray | None = None,
    window: float | None = None,
    credit: str = "full",
    denominator: str = "trials",
    unobserved: float | None = 0.0,
) -> np.ndarray:
    """Static Bernoulli influence probabilities of Goyal, Bonchi and Lakshmanan [1]_.

    ``p(u, v) = A(u -> v) / A(u)``: the number of cascades in which ``v`` acted after ``u``
    (its influence), over the number of cascades in which ``u``'s action could have
    influenced ``v``.

    Parameters
    ----------
    g : DiffusionGraph
        Who can influence whom (its probabilities are ignored).
    cascade, account, time : numpy.ndarray
        The action log, one row per action (see the module docstring).
    parent : numpy.ndarray of int, optional
        The account each action relays (-1 when unknown), aligned with ``account``: when
        given, an action of ``v`` credits its recorded parent only, whatever the times.
    window : float, optional
        ``v``'s action credits ``u`` only if it comes at most ``window`` after ``u``'s (the
        time limit of [1]_); None: any later action.
    credit : {"full", "partial"}
        ``full``: each candidate influencer gets one success; ``partial``: an action
        shares one unit of credit equally among its candidate influencers [1]_.
    denominator : {"trials", "actions", "jaccard"}
        ``trials``: the cascades where ``u`` acted while ``v`` had not (the maximum
        likelihood estimate of a Bernoulli trial when ``v`` has one candidate influencer);
        ``actions``: all cascades where ``u`` acted (Goyal et al.'s Bernoulli model);
        ``jaccard``: the cascades where ``u`` or ``v`` acted.
    unobserved : float or None
        Probability of the arcs whose denominator is zero (no evidence), in [0, 1]; None
        leaves NaN there, for the caller to fill.

    Returns
    -------
    numpy.ndarray of float64, shape (g.n_arcs,)
        Aligned with ``g.indices``.

    Raises
    ------
    GraphTypeError
        If ``g`` is not a DiffusionGraph.
    ParameterError
        On misaligned or out-of-range log arrays or parameters.

    Examples
    --------
    ``0 -> 1`` and ``0 -> 2``; in three cascades 0 acts, 1 follows twice, 2 once but before 0:

    >>> g = DiffusionGraph.from_arcs([0, 0], [1, 2], 1.0)
    >>> cascade = np.array([0, 0, 1, 1, 2, 2])
    >>> account = np.array([0, 1, 0, 1, 0, 2])
    >>> time = np.array([0, 1, 0, 5, 3, 2])
    >>> goyal_probabilities(g, cascade, account, time).round(3).tolist()
    [0.667, 0.0]
    >>> goyal_probabilities(g, cascade, account, time, window=2).round(3).tolist()
    [0.333, 0.0]
    >>> goyal_probabilities(g, cascade, account, time, denominator="jaccard").round(3).tolist()
    [0.667, 0.0]

    Notes
    -----
    Vectorised: one sort of the log and one binary search per (action of ``v``, in-arc of
    ``v``) pair, O(P log N) for P such pairs and N actions.

    References
    ----------
    .. [1] A. Goyal, F. Bonchi and L. V. S. Lakshmanan, "Learning influence probabilities in
       social networks", Proc. WSDM 2010, pp. 241-250. https://doi.org/10.1145/1718487.1718518
    """
    c, a, t, p = _check_log(g, cascade, account, time, parent)
    window = _check_window(window)
    if credit not in ("full", "partial"):
        raise ParameterError(f"credit must be 'full' or 'partial', got {credit!r}")
    if denominator not in ("trials", "actions", "jaccard"):
        raise ParameterError(f"denominator must be 'trials', 'actions' or 'jaccard', got {denominator!r}")
    fill = _check_unobserved(unobserved)
    pairs = _pairs(g, c, a, t, p)
    ok = _success(pairs, window)
    if credit == "full":
        w = np.ones(int(ok.sum()))
    else:
        per_action = np.bincount(pairs.act[ok], minlength=pairs.n_actions)
        w = 1.0 / per_action[pairs.act[ok]]
    num = np.bincount(pairs.arc[ok], weights=w, minlength=g.n_arcs)
    if denominator == "trials":
        den = _trials(g, pairs, ok).astype(np.float64)
    else:
        den = pairs.n_actions_of[g.sources()].astype(np.float64)
        if denominator == "jaccard":
            both = np.bincount(pairs.arc, minlength=g.n_arcs)
            den = den + pairs.n_actions_of[g.indices] - both
    out = np.full(g.n_arcs, fill)
    has = den > 0
    out[has] = np.minimum(num[has] / den[has], 1.0)
    return out


def em_probabilities(
    g: DiffusionGraph,
    cascade: np.ndarray,
    account: np.ndarray,
    time: np.ndarray,
    *,
    window: float | None = 1.0,
    max_iter: int = 1000,
    tol: float = 1e-6,
    init: float = 0.5,
    unobserved: float | None = 0.0,
) -> np.ndarray:
    """Independent-cascade probabilities by expectation-maximisation (Saito et al. [1]_).

    In a cascade, the candidate parents of an action of ``v`` at time ``t`` are the
    in-neighbours ``u`` of ``v`` that acted in ``[t - window, t)``. The E-step shares the
    activation among them in proportion to ``p(u, v) / P_v``, where
    ``P_v = 1 - prod(1 - p(u, v))`` is the probability that one of them succeeded; the M-step
    sets ``p(u, v)`` to the expected successes over the trials of the arc (see the module
    docstring):

    ``p(u, v) <- sum over its successes of p(u, v) / P_v, divided by its trials``.

    Parameters
    ----------
    g : DiffusionGraph
        Who can influence whom (its probabilities are ignored).
    cascade, account, time : numpy.ndarray
        The action log, one row per action (see the module docstring).
    window : float or None
        Discrete time (the model of [1]_): integer steps and ``window=1``, the parents of an
        action at step ``t + 1`` are the in-neighbours active at step ``t``. Continuous time:
        a ``u`` that acted at most ``window`` before ``v`` is a candidate parent, and a trial
        of ``u -> v`` fails when ``v`` did not act within ``window`` after ``u``; ``None``:
        every in-neighbour that acted earlier is a candidate (the "any earlier active
        parent" reading, for cascades without a time scale).
    max_iter : int
        Maximum number of EM iterations.
    tol : float
        Stop when no probability changes by more than ``tol``.
    init : float
        Starting probability of every arc, in (0, 1].
    unobserved : float or None
        Probability of the arcs without a trial, in [0, 1]; None leaves NaN there.

    Returns
    -------
    numpy.ndarray of float64, shape (g.n_arcs,)
        Aligned with ``g.indices``.

    Raises
    ------
    GraphTypeError
        If ``g`` is not a DiffusionGraph.
    ParameterError
        On misaligned or out-of-range log arrays or parameters.

    Warns
    -----
    RuntimeWarning
        When ``max_iter`` iterations did not reach ``tol``; the last iterate is returned.

    Examples
    --------
    Two parents 0 and 1 of node 2: both active at step 0 in three cascades, 2 active at step
    1 in two of them; 0 alone in two more cascades, 2 following once.

    >>> g = DiffusionGraph.from_arcs([0, 1], [2, 2], 1.0)
    >>> cascade = np.array([0, 0, 0, 1, 1, 1, 2, 2, 3, 3, 4])
    >>> account = np.array([0, 1, 2, 0, 1, 2, 0, 1, 0, 2, 0])
    >>> time = np.array([0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0])
    >>> em_probabilities(g, cascade, account, time).round(3).tolist()
    [0.5, 0.333]

    Notes
    -----
    Each iteration is two ``bincount`` over the (action, candidate parent) pairs: O(P).

    References
    ----------
    .. [1] K. Saito, R. Nakano and M. Kimura, "Prediction of information diffusion
       probabilities for independent cascade model", Proc. KES 2008, LNCS 5179, pp. 67-75.
       https://doi.org/10.1007/978-3-540-85567-5_9
    """
    c, a, t, _ = _check_log(g, cascade, account, time, None)
    window = _check_window(window)
    check_scalar(max_iter, "max_iter", numbers.Integral, min_val=1)
    check_scalar(tol, "tol", numbers.Real, min_val=0.0, include_min=False)
    check_scalar(init, "init", numbers.Real, min_val=0.0, max_val=1.0, include_min=False)
    fill = _check_unobserved(unobserved)
    pairs = _pairs(g, c, a, t, None)
    ok = _success(pairs, window)
    trials = _trials(g, pairs, ok).astype(np.float64)
    arc = pairs.arc[ok]
    # compress the positive events (actions with at least one candidate parent)
    _, event = np.unique(pairs.act[ok], return_inverse=True)
    event = event.ravel()
    n_events = int(event.max()) + 1 if event.size else 0
    has = trials > 0
    kappa = np.where(has, float(init), 0.0)
    for _ in range(int(max_iter)):
        with np.errstate(divide="ignore"):  # log(0) = -inf when an arc has probability 1
            log_fail = np.bincount(event, weights=np.log1p(-np.minimum(kappa[arc], 1.0)), minlength=n_events)
        p_event = -np.expm1(log_fail)
        share = np.divide(kappa[arc], p_event[event], out=np.zeros(arc.size), where=p_event[event] > 0)
        expected = np.bincount(arc, weights=share, minlength=g.n_arcs)
        new = np.zeros(g.n_arcs)
        new[has] = np.minimum(expected[has] / trials[has], 1.0)
        delta = np.abs(new - kappa).max(initial=0.0)
        kappa = new
        if delta < tol:
            break
    else:
        warnings.warn(
            f"em_probabilities did not converge to tol={tol} in {max_iter} iterations; "
            "returning the last iterate",
            RuntimeWarning,
            stacklevel=2,
        )
    kappa[~has] = fill
    return kappa
