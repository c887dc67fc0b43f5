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
   exponential time decay ``0.5 ** (age / half_life)``, the age counted back from the end of
   the window: yesterday's star fades.
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
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

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
    "InfluenceScore",
    "ScoreInputs",
    "ScoreParams",
    "calibrate",
    "combine",
    "combine_accounts",
    "decay_weights",
    "einfluence_score",
    "inputs_from_raw",
    "relevance_order",
    "resolve_half_lives",
    "score_inputs",
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

    def rank(self) -> np.ndarray:
        """Accounts by decreasing score (ties by decreasing index, then account id)."""
        candidates = np.flatnonzero(self.active)
        order = np.lexsort((candidates, -self.index[candidates], -self.score[candidates]))
        return candidates[order]


def decay_weights(time: np.ndarray, reference_time: int, half_life_hours: float) -> np.ndarray:
    """Exponential time-decay weight of each event: ``0.5 ** (age / half_life)``.

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
    active, reactors, reference_time, basis
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

    def gated(self, name: str) -> np.ndarray:
        """The input as it enters the index: a component times the evidence factor, an extra input as it is."""
        return self.normalised[name] * self.shrink if name in COMPONENTS else self.normalised[name]


def _window_end(view: GraphView, reference_time: int | None) -> int:
    if reference_time is not None:
        return int(reference_time)
    if view.until is not None:
        epoch = np.datetime64("1970-01-01T00:00:00", "us")
        return int((np.datetime64(view.until, "us") - epoch).astype(np.int64))
    timed = view.time[view.time != NO_TIME]
    return int(timed.max()) if timed.size else 0


def resolve_half_lives(view: GraphView, reference_time: int, params: ScoreParams) -> ScoreParams:
    """The parameters with the half-lives of this window filled in.

    ``half_life_hours`` when given; else ``half_life_fraction`` (a quarter by default) of the span
    from the window's first timed event to its end, at least one hour. The momentum half-life
    is an eighth of it unless given.
    """
    timed = view.time[view.time != NO_TIME]
    span_hours = (reference_time - int(timed.min())) / HOUR if timed.size else 0.0
    fraction = params.half_life_fraction if params.half_life_fraction is not None else 0.25
    half_life = params.half_life_hours or max(span_hours * fraction, 1.0)
    momentum_half_life = params.momentum_half_life_hours or half_life / 8.0
    return replace(params, half_life_hours=half_life, momentum_half_life_hours=momentum_half_life)


def score_inputs(
    view: GraphView,
    posts: PostArrays | None = None,
    *,
    groups: np.ndarray | None = None,
    reference_time: int | None = None,
    params: ScoreParams | None = None,
    inputs: tuple[str, ...] | None = None,
    precomputed: Mapping[str, np.ndarray] | None = None,
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

    Returns
    -------
    ScoreInputs
    """
    params = (params or ScoreParams()).validated()
    n = view.n_nodes
    reference_time = _window_end(view, reference_time)
    params = resolve_half_lives(view, reference_time, params)
    if inputs is None:  # every component (reported even at weight 0), and the extra inputs weighed
        inputs = COMPONENTS + tuple(c for c in EXTRA_INPUTS if params.weights.get(c, 0) > 0)
    wanted = tuple(inputs)
    unknown = set(wanted) - set(INPUTS)
    if unknown:
        raise ParameterError(f"unknown input(s) {sorted(unknown)} (known: {', '.join(INPUTS)})")
    precomputed = precomputed or {}
    decay = decay_weights(view.time, reference_time, params.half_life_hours)

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
        recent = decay_weights(view.time, reference_time, params.momentum_half_life_hours)
        # recent reach needs times: without them it would only repeat the reach
        raw["momentum"] = distinct_reactors(view, basis, edge_weight=recent) if timed.any() else None
    if reacting and "amplification" in wanted:
        per_post = reactions_per_post(view, posts, ("relay", "quote"), edge_weight=decay) if has_posts else None
        raw["amplification"] = (
            np.nan_to_num(per_post) if per_post is not None else received(view, ("relay", "quote"), edge_weight=decay)
        )
    if reacting and "depth" in wanted:
        raw["depth"] = amplification_depth(
            view, posts if has_posts else None, edge_weight=decay, max_gap_hours=params.depth_gap_hours
        )
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
                           reference_time=reference_time, basis="reactions" if reacting else "structure")


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
        With the half-lives resolved (:func:`resolve_half_lives`).
    reference_time : int
    basis : {"reactions", "structure"}

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
    for name in wanted:
        if not available[name]:
            continue
        values = np.nan_to_num(np.asarray(raw[name], dtype=np.float64))
        values = values if name in _UNLOGGED else np.log1p(values)
        # each network is put on its own scale, so that indices are comparable across networks
        normalised[name] = np.zeros(n)
        for group in unique_ints(group_codes[active]):
            members = active & (group_codes == group)
            if name in EXTRA_INPUTS:  # a classic measure enters as its percentile (scale 1)
                scale, normalised[name][members] = 1.0, _percentile(values[members])
            else:
                scale = _scale(values[members])
                normalised[name][members] = values[members] / scale
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
    )


def einfluence_score(
    view: GraphView,
    posts: PostArrays | None = None,
    *,
    groups: np.ndarray | None = None,
    reference_time: int | None = None,
    params: ScoreParams | None = None,
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
    return combine(score_inputs(view, posts, groups=groups, reference_time=reference_time, params=params), groups)


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
