"""The einfluence score: a transparent 1-100 influence score built from reactions, not audience.

The score follows the three pillars of Klout [1]_ — *reach* (how many distinct people react),
*amplification* (how much they relay, and how far cascades travel beyond the first hop) and
*network impact* (how influential the reactors themselves are) — and adds *momentum* (the same
reach with a much shorter memory), because influence is volatile. Audience size (followers) is
deliberately not a component: Cha et al. [2]_ showed it ranks accounts very differently from the
reactions they actually get.

How it is computed
------------------
1. Every reaction received (relay, reply, mention, quote, like, hyperlink) is weighted by an
   exponential time decay ``0.5 ** (age / half_life)``: yesterday's star fades. The age is
   counted back from the network's most recent event in the window (never after the window's
   end), and the half-life is a share of the network's own span (:func:`decay_clock`): a
   network is scored the same alone or beside others whose data runs later, and a window that
   reaches past the data changes nothing (decaying a whole network uniformly would push its
   counts into the linear part of ``log1p`` below and reorder its accounts).
2. Each component is computed per account (see :data:`COMPONENTS`), put on a log scale
   (``log1p``; *depth* is already a share in [0, 1]) and divided by its own scale, the 99th
   percentile of its positive values among the active accounts of the same network, so that a
   typical strong account is near 1 on every component whatever the volume of the network.
3. The *index* is the weighted sum of the normalised components that the data can give; a
   component the data cannot give (no post structure, for instance) is left out and reported
   as unavailable, never invented. The index is then shrunk by ``r / (r + evidence)`` where
   ``r`` is the number of distinct reactors: a single enthusiastic fan is weak evidence.
4. The index becomes a score by a **calibration on the population's tail**: with ``p`` the
   share of the active accounts of the same network whose index is at least as high,
   ``score = 1 + 99 * min(1, log10(1/p) / decades)``. With the default six decades, 34 means
   "top 1 %", 50 "top 0.3 %", 67 "top 0.01 %" and 100 "one in a million", on any dataset: the
   scale means the same from one dataset to another. Accounts without any reaction score 1.
5. Each component's share of the index gives its share of the points above 1: the points of
   the components add up to ``score - 1`` (:func:`explain` shows them).
6. Across networks, a person's accounts combine by adding their indices (each network being on
   its own scale), then calibrating against every person and unaffiliated account
   (:func:`combine_accounts`).

References
----------
.. [1] A. Rao, N. Spasojevic, Z. Li and T. Dsouza, "Klout score: measuring influence across
   multiple social networks", Proc. IEEE BigData 2015, pp. 2282-2289.
   https://doi.org/10.1109/BigData.2015.7364017
.. [2] M. Cha, H. Haddadi, F. Benevenuto and K. P. Gummadi, "Measuring user influence in
   Twitter: the million follower fallacy", Proc. ICWSM 2010.
   https://doi.org/10.1609/icwsm.v4i1.14033
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np

from einfluence.base.kinds import AUDIENCE_KINDS, REACTION_KINDS
from einfluence.base.timeunits import HOUR, NO_TIME
from einfluence.base.unique import unique_ints
from einfluence.exceptions import ParameterError
from einfluence.graph.selection import edge_mask
from einfluence.graph.view import GraphView
from einfluence.scoring.cascades import amplification_depth
from einfluence.scoring.core import core_number
from einfluence.scoring.impact import network_impact
from einfluence.scoring.pagerank import pagerank
from einfluence.scoring.params import COMPONENTS, DEFAULT_WEIGHTS, EXTRA_INPUTS, INPUTS, ScoreParams
from einfluence.scoring.passivity import influence_passivity
from einfluence.scoring.reach import distinct_reactors, reactions_per_post, received

if TYPE_CHECKING:
    from einfluence.base.arrays import PostArrays

__all__ = [
    "COMPONENTS",
    "DEFAULT_WEIGHTS",
    "EXTRA_INPUTS",
    "INPUTS",
    "DecayClock",
    "InfluenceScore",
    "ScoreInputs",
    "ScoreParams",
    "by_network",
    "calibrate",
    "combine",
    "combine_accounts",
    "decay_clock",
    "decay_weights",
    "einfluence_score",
    "inputs_from_raw",
    "post_structure",
    "relevance_order",
    "score_inputs",
    "window_end",
]

#: inputs that are shares already: not log-scaled
_UNLOGGED = frozenset({"depth"})


@dataclass(frozen=True)
class InfluenceScore:
    """The result of :func:`einfluence_score`.

    Attributes
    ----------
    score : numpy.ndarray of float64
        1-100 per account; NaN for accounts not active in the view (neither acting nor
        receiving).
    index : numpy.ndarray of float64
        The weighted sum of normalised components (0 without reactions; NaN when inactive).
    components : dict of str to numpy.ndarray
        Raw value of each *available* component, per account.
    points : dict of str to numpy.ndarray
        Points of each available component; they add up to ``score - 1``.
    available : dict of str to bool
        Which components the data could give.
    scales : dict of str to float
        The normalising scale of each available component in this run (keyed
        ``component/group`` when there are calibration groups).
    active : numpy.ndarray of bool
    reactors : numpy.ndarray of float64
        Distinct reactors of each account in the window (no decay): the evidence behind it.
    params : ScoreParams
        The parameters, with the half-lives actually used filled in.
    reference_time : int
        End of the window in microseconds since the epoch: ages are counted from it.
    basis : str
        ``"reactions"``, or ``"structure"`` when the window holds no reaction but follows or
        subscriptions: the reach is then the distinct followers, the impact the followers'
        PageRank on the follow graph, and amplification, depth (and momentum without times)
        are not computable.
    clocks : dict of int to tuple of (int, float, float)
        When the networks' clocks differ (:func:`decay_clock`): per network code, the time its
        ages were counted from and its half-life and momentum half-life in hours (``params``
        then holds only the half-lives given explicitly); empty otherwise.
    """

    score: np.ndarray
    index: np.ndarray
    components: dict[str, np.ndarray]
    points: dict[str, np.ndarray]
    available: dict[str, bool]
    scales: dict[str, float]
    active: np.ndarray
    reactors: np.ndarray
    params: ScoreParams
    reference_time: int
    basis: str = "reactions"
    clocks: Mapping[int, tuple[int, float, float]] = field(default_factory=dict)

    def rank(self) -> np.ndarray:
        """Accounts by decreasing score (ties by decreasing index, then account id)."""
        candidates = np.flatnonzero(self.active)
        order = np.lexsort((candidates, -self.index[candidates], -self.score[candidates]))
        return candidates[order]


def decay_weights(time: np.ndarray, reference_time: int | np.ndarray, half_life_hours: float) -> np.ndarray:
    """Exponential time-decay weight of each event: ``0.5 ** (age / half_life)``.

    ``reference_time`` is one time for every event, or one per event (:class:`DecayClock`).
    Events without a time (:data:`~einfluence.store.queries.NO_TIME`) weigh 1; events after
    the reference time (none, in a strict window) would weigh more than 1.

    Examples
    --------
    >>> decay_weights(np.array([0, 3_600_000_000]), 7_200_000_000, 1.0).tolist()
    [0.25, 0.5]
    """
    age_hours = (reference_time - time.astype(np.float64)) / HOUR
    weights = np.exp2(-age_hours / half_life_hours)
    weights[time == NO_TIME] = 1.0
    return weights


def calibrate(index: np.ndarray, groups: np.ndarray, *, decades: float = 6.0) -> np.ndarray:
    """Turn an index into the 1-100 scale by the log of its upper-tail share within its group.

    Parameters
    ----------
    index : numpy.ndarray of float64
        NaN for accounts outside the population.
    groups : numpy.ndarray of int
        Calibration group of each account (its network): shares are computed within a group.
    decades : float
        The score reaches 100 at an upper-tail share of ``10**-decades``.

    Returns
    -------
    numpy.ndarray of float64
        ``1 + 99 * min(1, log10(1 / p) / decades)``, NaN where ``index`` is NaN; an index of
        0 (no reaction) gives 1.

    Examples
    --------
    >>> calibrate(np.array([0.0, 0.0, 1.0, 2.0, np.nan]), np.zeros(5, int), decades=1).round(1).tolist()
    [1.0, 1.0, 30.8, 60.6, nan]
    """
    score = np.full(index.shape, np.nan)
    valid = ~np.isnan(index)
    for group in unique_ints(groups[valid]):
        members = np.flatnonzero(valid & (groups == group))
        values = index[members]
        ordered = np.sort(values)
        at_least = values.size - np.searchsorted(ordered, values, side="left")
        share = at_least / values.size
        score[members] = 1.0 + 99.0 * np.minimum(1.0, -np.log10(share) / decades)
        score[members[values <= 0]] = 1.0
    return score


def _scale(values: np.ndarray) -> float:
    positive = values[values > 0]
    if positive.size == 0:
        return 1.0
    return float(np.quantile(positive, 0.99)) or 1.0


def _percentile(values: np.ndarray) -> np.ndarray:
    """Share of the values at or below each one (0 for a value of 0 or less)."""
    ordered = np.sort(values)
    out = np.searchsorted(ordered, values, side="right") / max(values.size, 1)
    out[values <= 0] = 0.0
    return out


def combine_accounts(
    index: np.ndarray, owner: np.ndarray, *, decades: float = 6.0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Combine accounts owned by the same person across networks into one score.

    Parameters
    ----------
    index : numpy.ndarray of float64
        Per-account index of :func:`einfluence_score` (NaN when inactive).
    owner : numpy.ndarray of int64
        Person id of each account, -1 for an account without a known person.

    Returns
    -------
    entity : numpy.ndarray of int64
        One entry per person (its id) and per unaffiliated active account (``-1 - account``).
    combined : numpy.ndarray of float64
        Sum of the indices of the entity's active accounts.
    score : numpy.ndarray of float64
        The combined index calibrated as in :func:`calibrate`, over all entities.

    Examples
    --------
    >>> entity, combined, score = combine_accounts(np.array([1.0, 0.5, 0.2, np.nan]), np.array([7, 7, -1, -1]))
    >>> entity.tolist(), combined.tolist()
    ([-3, 7], [0.2, 1.5])
    """
    active = ~np.isnan(index)
    owner = np.asarray(owner, dtype=np.int64)
    key = np.where(owner >= 0, owner, -1 - np.arange(index.size))[active]
    entity, inverse = np.unique(key, return_inverse=True)
    combined = np.bincount(inverse, weights=index[active], minlength=entity.size)
    score = calibrate(combined, np.zeros(entity.size, dtype=np.int64), decades=decades)
    return entity, combined, score


@dataclass(frozen=True)
class ScoreInputs:
    """The inputs of the index of :func:`einfluence_score`, normalised, before they are weighed.

    Attributes
    ----------
    normalised : dict of str to numpy.ndarray
        Each computed and available input, log-scaled (``depth`` as it is) and divided by its
        scale (per calibration group); 0 outside the active accounts.
    raw : dict of str to numpy.ndarray
        The raw value of each available input.
    available : dict of str to bool
        Which inputs the data could give (every input of :data:`INPUTS` that was asked for).
    scales : dict of str to float
        As :attr:`InfluenceScore.scales`.
    shrink : numpy.ndarray of float64
        The evidence factor ``r / (r + evidence)`` of the components (0 without reaction).
    active, reactors, reference_time, basis, clocks
        As in :class:`InfluenceScore`.
    params : ScoreParams
        With the half-lives actually used.
    """

    normalised: dict[str, np.ndarray]
    raw: dict[str, np.ndarray]
    available: dict[str, bool]
    scales: dict[str, float]
    shrink: np.ndarray
    active: np.ndarray
    reactors: np.ndarray
    params: ScoreParams
    reference_time: int
    basis: str
    clocks: Mapping[int, tuple[int, float, float]] = field(default_factory=dict)

    def gated(self, name: str) -> np.ndarray:
        """The input as it enters the index: a component times the evidence factor, an extra input as it is."""
        return self.normalised[name] * self.shrink if name in COMPONENTS else self.normalised[name]


def window_end(view: GraphView, reference_time: int | None) -> int:
    """The end of the window (µs since the epoch): ``reference_time``, else the view's ``until``, else its last timed event."""
    if reference_time is not None:
        return int(reference_time)
    if view.until is not None:
        epoch = np.datetime64("1970-01-01T00:00:00", "us")
        return int((np.datetime64(view.until, "us") - epoch).astype(np.int64))
    timed = view.time[view.time != NO_TIME]
    return int(timed.max()) if timed.size else 0


@dataclass(frozen=True)
class DecayClock:
    """When and how fast reactions fade: the result of :func:`decay_clock`.

    Attributes
    ----------
    anchor : int
        The time ages are counted from (µs since the epoch), for every event when there is one
        clock, else for the events of networks without a clock of their own.
    half_life, momentum_half_life : float
        The half-lives in hours, likewise.
    networks : dict of int to tuple of (int, float, float)
        When the networks' clocks differ: per network code, its ``(anchor, half_life,
        momentum_half_life)``; else empty.
    params : ScoreParams
        The parameters with the half-lives filled in when there is one clock (with several,
        only those given explicitly are).
    """

    anchor: int
    half_life: float
    momentum_half_life: float
    networks: dict[int, tuple[int, float, float]]
    params: ScoreParams

    def per_event(self, view: GraphView, groups: np.ndarray | None) -> tuple[Any, Any, Any]:
        """``(anchor, half_life, momentum_half_life)`` of each event of ``view`` (an event follows
        the network of the account it is towards): scalars when there is one clock."""
        if not self.networks or groups is None:
            return self.anchor, self.half_life, self.momentum_half_life
        codes = np.array(sorted(self.networks), dtype=np.int64)
        table = np.array([self.networks[c] for c in codes.tolist()] + [(self.anchor, self.half_life,
                                                                         self.momentum_half_life)])
        edge_group = np.asarray(groups, dtype=np.int64)[view.indices]
        where = np.searchsorted(codes, edge_group).clip(0, codes.size - 1)
        where[codes[where] != edge_group] = codes.size  # a network without timed events
        return table[where, 0].astype(np.int64), table[where, 1], table[where, 2]

    def weights(self, view: GraphView, groups: np.ndarray | None, *, momentum: bool = False) -> np.ndarray:
        """The decay weight of each event of ``view``."""
        anchor, half_life, momentum_half_life = self.per_event(view, groups)
        return decay_weights(view.time, anchor, momentum_half_life if momentum else half_life)


def _half_lives(span_hours: float, params: ScoreParams) -> tuple[float, float]:
    fraction = params.half_life_fraction if params.half_life_fraction is not None else 0.25
    half_life = params.half_life_hours or max(span_hours * fraction, 1.0)
    return half_life, params.momentum_half_life_hours or half_life / 8.0


def decay_clock(view: GraphView, groups: np.ndarray | None, end: int, params: ScoreParams) -> DecayClock:
    """Each network's clock: the time its ages are counted from, and its half-lives.

    A network's ages are counted from its last timed event in the view (``end`` when that is
    earlier), and its half-life is ``half_life_fraction`` of its own span, from its first timed
    event to that anchor (unless ``half_life_hours`` is given). So a network is scored the same
    alone, in a workspace that holds other networks (a week of tweets beside five years of
    cascades), and in a window that reaches past its data: decaying a whole network by one
    factor says nothing of its accounts, but it would reorder them, since the components are
    ``log1p`` of decayed counts, nearly linear once every count is far below 1.

    Parameters
    ----------
    view : GraphView
    groups : numpy.ndarray of int, optional
        Network (calibration group) of each account; None for one network.
    end : int
        End of the window (µs since the epoch).
    params : ScoreParams

    Returns
    -------
    DecayClock

    Examples
    --------
    >>> from einfluence.base import InteractionArrays
    >>> hour = 3_600_000_000
    >>> view = GraphView.from_arrays(InteractionArrays(
    ...     src=np.array([0, 0, 2, 2]), dst=np.array([1, 1, 3, 3]), time=np.array([0, 8, 100, 900]) * hour,
    ...     weight=np.ones(4), kind=np.zeros(4, np.int8), post=np.full(4, -1), n_accounts=4))
    >>> one = decay_clock(view, None, 1000 * hour, ScoreParams())
    >>> one.anchor // hour, one.half_life, one.networks
    (900, 225.0, {})
    >>> two = decay_clock(view, np.array([0, 0, 1, 1]), 1000 * hour, ScoreParams())
    >>> {code: (anchor // hour, half_life) for code, (anchor, half_life, _) in two.networks.items()}
    {0: (8, 2.0), 1: (900, 200.0)}
    """
    timed = view.time != NO_TIME
    clocks: dict[int, tuple[int, float, float]] = {}
    if groups is not None:
        edge_group = np.asarray(groups, dtype=np.int64)[view.indices]
        for code in unique_ints(edge_group[timed]).tolist():  # a few networks: one pass each
            t = view.time[(edge_group == code) & timed]
            anchor = min(int(t.max()), int(end))
            clocks[int(code)] = (anchor, *_half_lives((anchor - int(t.min())) / HOUR, params))
    latest = min(int(view.time[timed].max()), int(end)) if timed.any() else int(end)
    span_hours = (latest - int(view.time[timed].min())) / HOUR if timed.any() else 0.0
    half_life, momentum = _half_lives(span_hours, params)
    if len(set(clocks.values())) > 1:
        return DecayClock(latest, half_life, momentum, clocks, params)
    resolved = replace(params, half_life_hours=half_life, momentum_half_life_hours=momentum)
    return DecayClock(latest, half_life, momentum, {}, resolved)


def post_structure(posts: PostArrays | None, groups: np.ndarray | None, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Per account: whether its network has posts, and whether some of them have parents.

    Amplification is counted per post authored where a network has posts, and depth by the
    tree rule where its posts have parents (:func:`~einfluence.scoring.cascades.amplification_depth`);
    a network without them (an activity file such as Higgs) keeps the relays received and the
    time rule even when the workspace also holds one with posts. Without ``groups`` the
    accounts form one network.
    """
    if posts is None or posts.post_id.size == 0:
        return np.zeros(n, dtype=bool), np.zeros(n, dtype=bool)
    parented = np.asarray(posts.parent) >= 0
    if groups is None:
        return np.ones(n, dtype=bool), np.full(n, bool(parented.any()))
    codes = np.asarray(groups, dtype=np.int64)[:n]
    author = np.asarray(posts.author, dtype=np.int64)
    known = (author >= 0) & (author < n)
    return (np.isin(codes, unique_ints(codes[author[known]])),
            np.isin(codes, unique_ints(codes[author[known & parented]])))


def by_network(chosen: np.ndarray, where_chosen: np.ndarray | None, elsewhere: np.ndarray | None) -> np.ndarray:
    """``where_chosen`` for the accounts of ``chosen``, ``elsewhere`` for the others: a component
    computed one way in the networks with posts and another in the rest (:func:`post_structure`).
    Either may be None when no account needs it (the other is then returned whole).

    Examples
    --------
    >>> by_network(np.array([True, False]), np.array([1.0, 1.0]), np.array([2.0, 2.0])).tolist()
    [1.0, 2.0]
    """
    if where_chosen is None:
        return elsewhere  # type: ignore[return-value]
    if elsewhere is None:
        return where_chosen
    return np.where(chosen, where_chosen, elsewhere)


def score_inputs(
    view: GraphView,
    posts: PostArrays | None = None,
    *,
    groups: np.ndarray | None = None,
    reference_time: int | None = None,
    params: ScoreParams | None = None,
    inputs: tuple[str, ...] | None = None,
    precomputed: Mapping[str, np.ndarray] | None = None,
    clock: DecayClock | None = None,
) -> ScoreInputs:
    """Compute and normalise the inputs of the einfluence index (see :func:`einfluence_score`).

    Parameters
    ----------
    view, posts, groups, reference_time, params
        As in :func:`einfluence_score`.
    inputs : tuple of str, optional
        The inputs to compute; by default those with a positive weight in ``params``.
    precomputed : mapping of str to numpy.ndarray, optional
        Raw values of inputs that do not depend on the half-life (``k_core``, ``ip_influence``)
        already computed on the same view: they are not computed again.
    clock : DecayClock, optional
        The clock to decay by (one made for a larger view that this one is part of, such as
        every topic's share of a window); by default :func:`decay_clock` of this view. Its
        ``params`` are then the score's.

    Returns
    -------
    ScoreInputs
    """
    params = (params or ScoreParams()).validated()
    n = view.n_nodes
    reference_time = window_end(view, reference_time)
    clock = clock or decay_clock(view, groups, reference_time, params)
    params = clock.params
    if inputs is None:  # every component (reported even at weight 0), and the extra inputs weighed
        inputs = COMPONENTS + tuple(c for c in EXTRA_INPUTS if params.weights.get(c, 0) > 0)
    wanted = tuple(inputs)
    unknown = set(wanted) - set(INPUTS)
    if unknown:
        raise ParameterError(f"unknown input(s) {sorted(unknown)} (known: {', '.join(INPUTS)})")
    precomputed = precomputed or {}
    decay = clock.weights(view, groups)

    active = np.zeros(n, dtype=bool)
    active[view.sources()] = True
    active[view.indices] = True

    # the evidence of influence: reactions; where the data has none, only structure (who follows
    # or subscribes to whom), the influence network those ties form
    basis = REACTION_KINDS
    if not edge_mask(view, REACTION_KINDS).any() and edge_mask(view, AUDIENCE_KINDS).any():
        basis = AUDIENCE_KINDS
    reacting = basis is REACTION_KINDS
    timed = edge_mask(view, basis) & (view.time != NO_TIME)
    has_posts = posts is not None and posts.post_id.size > 0
    reach = distinct_reactors(view, basis, edge_weight=decay)
    raw: dict[str, np.ndarray | None] = {"reach": reach}
    if "momentum" in wanted:
        recent = clock.weights(view, groups, momentum=True)
        # recent reach needs times: without them it would only repeat the reach
        raw["momentum"] = distinct_reactors(view, basis, edge_weight=recent) if timed.any() else None
    with_posts, with_trees = post_structure(posts, groups, n)
    if reacting and "amplification" in wanted:
        # per post authored where the network has posts; else the relays received
        per_post = (np.nan_to_num(reactions_per_post(view, posts, ("relay", "quote"), edge_weight=decay))
                    if with_posts.any() else None)
        relayed = received(view, ("relay", "quote"), edge_weight=decay) if not with_posts.all() else None
        raw["amplification"] = by_network(with_posts, per_post, relayed)
    if reacting and "depth" in wanted:
        # the tree rule where the network's posts have parents; else the time rule
        def depth(rule_posts: PostArrays | None) -> np.ndarray:
            return amplification_depth(view, rule_posts, edge_weight=decay, max_gap_hours=params.depth_gap_hours)

        raw["depth"] = by_network(with_trees, depth(posts) if with_trees.any() else None,
                                   depth(None) if not with_trees.all() else None)
    if "impact" in wanted:
        rank = pagerank(view, kinds=basis, edge_weight=decay)
        raw["impact"] = network_impact(view, rank * n, kinds=basis, how="mean") if np.all(np.isfinite(rank)) else None
    if "activity" in wanted:
        # acts of any kind the account made, decayed like the reactions it received
        raw["activity"] = np.bincount(view.sources(), weights=decay, minlength=n)
    if "k_core" in wanted:
        raw["k_core"] = precomputed["k_core"] if "k_core" in precomputed else core_number(view, basis)
    if "ip_influence" in wanted:
        if "ip_influence" in precomputed:
            raw["ip_influence"] = precomputed["ip_influence"]
        elif reacting:
            with warnings.catch_warnings():  # the last iterate is an honest ranking input
                warnings.simplefilter("ignore", RuntimeWarning)
                raw["ip_influence"] = influence_passivity(view, posts if has_posts else None)[0]

    reactors = distinct_reactors(view, basis)
    return inputs_from_raw(raw, wanted, active=active, reactors=reactors, groups=groups, params=params,
                           reference_time=reference_time, basis="reactions" if reacting else "structure",
                           clocks=clock.networks)


def inputs_from_raw(
    raw: Mapping[str, np.ndarray | None],
    wanted: tuple[str, ...],
    *,
    active: np.ndarray,
    reactors: np.ndarray,
    groups: np.ndarray | None,
    params: ScoreParams,
    reference_time: int,
    basis: str,
    clocks: Mapping[int, tuple[int, float, float]] | None = None,
) -> ScoreInputs:
    """Normalise raw input values into :class:`ScoreInputs` (the second half of :func:`score_inputs`).

    Shared by every engine that computes the raw values (:mod:`einfluence.spark` computes them on a
    cluster), so that the scales, the evidence factor and hence the score are the same.

    Parameters
    ----------
    raw : mapping of str to numpy.ndarray or None
        Raw value of each input per account (None when the data cannot give it); must hold
        ``reach`` (the decayed distinct reactors).
    wanted : tuple of str
        The inputs asked for.
    active, reactors : numpy.ndarray
        As in :class:`InfluenceScore`.
    groups : numpy.ndarray of int, optional
        Calibration group per account.
    params : ScoreParams
        With the half-lives resolved (:attr:`DecayClock.params`).
    reference_time : int
    basis : {"reactions", "structure"}
    clocks : mapping, optional
        :attr:`DecayClock.networks` of the clock the raw values were decayed with.

    Returns
    -------
    ScoreInputs
    """
    n = active.size
    reach = raw["reach"]
    available = {c: raw.get(c) is not None and bool(np.any(raw[c][active] > 0)) for c in INPUTS if c in wanted}
    group_codes = np.zeros(n, dtype=np.int64) if groups is None else np.asarray(groups, dtype=np.int64)
    normalised: dict[str, np.ndarray] = {}
    scales: dict[str, float] = {}
    # the active accounts of each network (their positions among the active ones, and their ids),
    # found once: not a pass over every account for each input
    active_ids = np.flatnonzero(active)
    active_codes = group_codes[active_ids]
    networks = []
    for group in unique_ints(active_codes):
        at = np.flatnonzero(active_codes == group)
        networks.append((group, at, active_ids[at]))
    for name in wanted:
        if not available[name]:
            continue
        values = np.nan_to_num(np.asarray(raw[name], dtype=np.float64)[active_ids])
        values = values if name in _UNLOGGED else np.log1p(values)
        # each network is put on its own scale, so that indices are comparable across networks
        normalised[name] = np.zeros(n)
        for group, at, members in networks:
            if name in EXTRA_INPUTS:  # a classic measure enters as its percentile (scale 1)
                scale, normalised[name][members] = 1.0, _percentile(values[at])
            else:
                scale = _scale(values[at])
                normalised[name][members] = values[at] / scale
            scales[name if groups is None else f"{name}/{group}"] = scale

    shrink = reactors / (reactors + params.evidence) if params.evidence > 0 else np.ones(n)
    # an account without any reaction has no influence to show, whatever else it did
    shrink[reach <= 0] = 0.0
    return ScoreInputs(
        normalised=normalised,
        raw={c: np.asarray(raw[c], dtype=np.float64) for c in wanted if available[c]},
        available=available,
        scales=scales,
        shrink=shrink,
        active=active,
        reactors=reactors,
        params=params,
        reference_time=reference_time,
        basis=basis,
        clocks=dict(clocks or {}),
    )


def combine(inputs: ScoreInputs, groups: np.ndarray | None = None) -> InfluenceScore:
    """Weigh the inputs into the index, calibrate it into the 1-100 score and share out its points.

    The weights are those of ``inputs.params``; an input that is not available adds nothing.
    """
    params = inputs.params
    n = inputs.active.size
    group_codes = np.zeros(n, dtype=np.int64) if groups is None else np.asarray(groups, dtype=np.int64)
    used = [c for c in INPUTS if params.weights.get(c, 0) > 0 and c in inputs.normalised]
    index = np.zeros(n)
    for name in used:
        index += params.weights[name] * inputs.gated(name)
    index[~inputs.active] = np.nan
    score = calibrate(index, group_codes, decades=params.decades)

    above = np.where(index > 0, (score - 1.0) / np.where(index > 0, index, 1.0), 0.0)
    points = {name: params.weights[name] * inputs.gated(name) * above for name in used}
    available = {c: inputs.available.get(c, False) for c in COMPONENTS}
    available.update({c: inputs.available.get(c, False) for c in EXTRA_INPUTS if params.weights.get(c, 0) > 0})
    return InfluenceScore(
        score=score,
        index=index,
        components={c: inputs.raw[c] for c in available if available[c]},
        points=points,
        available=available,
        scales=inputs.scales,
        active=inputs.active,
        reactors=inputs.reactors,
        params=params,
        reference_time=inputs.reference_time,
        basis=inputs.basis,
        clocks=inputs.clocks,
    )


def einfluence_score(
    view: GraphView,
    posts: PostArrays | None = None,
    *,
    groups: np.ndarray | None = None,
    reference_time: int | None = None,
    params: ScoreParams | None = None,
    clock: DecayClock | None = None,
) -> InfluenceScore:
    """Compute the einfluence score of every account of a graph view.

    Parameters
    ----------
    view : GraphView
        The interactions of the window (reactions are what counts; follows are ignored).
    posts : PostArrays, optional
        The posts of the window, when the data has them: they give *amplification* per post
        and exact cascade *depth*; without them amplification is the relays received and depth
        uses the time-respecting rule of :func:`~einfluence.scoring.cascades.amplification_depth`.
    groups : numpy.ndarray of int, optional
        Calibration group (network code) per account; one group by default.
    reference_time : int, optional
        End of the window (µs since the epoch) for the time decay; defaults to ``view.until``,
        else the last event of the view.
    params : ScoreParams, optional
        With the default weights only the five components count; a calibration
        (:func:`~einfluence.scoring.calibration.calibrate_score`) may also weigh the extra
        inputs of :data:`EXTRA_INPUTS`, which enter the index without the evidence factor.
    clock : DecayClock, optional
        As in :func:`score_inputs`: by default each network's own (:func:`decay_clock`).

    Returns
    -------
    InfluenceScore

    Examples
    --------
    >>> from einfluence.base import InteractionArrays
    >>> view = GraphView.from_arrays(InteractionArrays(
    ...     src=np.array([1, 2, 3, 3]), dst=np.array([0, 0, 0, 1]), time=np.arange(4) * 3_600_000_000,
    ...     weight=np.ones(4), kind=np.zeros(4, np.int8), post=np.full(4, -1), n_accounts=4))
    >>> result = einfluence_score(view, params=ScoreParams(half_life_hours=24))
    >>> result.rank().tolist()[:2], result.score.round(1).tolist()
    ([0, 1], [10.9, 6.0, 1.0, 1.0])
    """
    return combine(score_inputs(view, posts, groups=groups, reference_time=reference_time, params=params,
                                clock=clock), groups)


def relevance_order(score: np.ndarray, relevance: np.ndarray, rank: np.ndarray) -> np.ndarray:
    """The order of a ranking by influence *and* relevance: ``score × relevance``, best first.

    Traackr's rule for a query: an influencer matters for a brief when both influential and on
    the subject. Ties keep the score ranking's order (``rank``).

    Parameters
    ----------
    score : numpy.ndarray of float
        The 1-100 score of each ranked account.
    relevance : numpy.ndarray of float
        Each account's relevance to the query, in [0, 1] (divided by the largest).
    rank : numpy.ndarray of int
        Each account's rank by score alone.

    Returns
    -------
    numpy.ndarray of int64
        Positions into the inputs, best first.

    Examples
    --------
    >>> relevance_order(np.array([90.0, 50.0, 40.0]), np.array([0.2, 1.0, 1.0]), np.array([1, 2, 3])).tolist()
    [1, 2, 0]
    """
    return np.lexsort((rank, -(np.asarray(score) * np.asarray(relevance))))
