"""Calibrating the einfluence score on the user's own history, by rolling-origin backtests.

The default weights of the score are a reasonable prior, not a law: which mix of reach,
amplification, depth, impact, momentum (and of the classic measures of :data:`EXTRA_INPUTS`)
best tells who will be amplified next depends on the network. :func:`calibrate_score` learns it
from the data itself, the way forecasts are validated [1]_:

1. **Cut points.** The window's timed reactions are split into ``n_folds + 1`` consecutive
   segments of equal numbers of events (bursty data gets short segments where it is dense).
   Fold ``f`` computes every input on the events *before* its cut ``c_f`` only (the window
   being scored, decayed from ``c_f``), and its target is what each account active before
   ``c_f`` receives in the next segment ``[c_f, c_{f+1})``: the relays by default.
2. **Objective.** A weighting (and half-life) is judged on a fold by the mean of Spearman's ρ
   and the top-``k`` overlap share between its index and the target; on several folds by
   the mean over them, minus ``regularisation`` times the L1 distance between its weights
   and the default ones (both as shares of their sum): a change of weights must pay for
   itself in prediction.
3. **Search.** Coordinate search from the defaults, and from the single input that predicts
   best alone (the better end point wins): each weight tried at 0, half and twice
   its value (an unused input at 10 %, 30 %, 100 % and 300 % of the largest weight), the half-life at each fraction of :data:`HALF_LIFE_FRACTIONS` of the fold's span,
   sweeps until nothing improves. Weights are non-negative: every input keeps its meaning, and
   an explanation still adds up.
4. **Out of sample.** Fold ``f`` is predicted by the weights fitted on the folds before it
   only (never looking past ``c_f``); its ρ and overlap, beside the default score's and each
   single measure's, are the out-of-sample figures, and their spread over folds is the
   uncertainty. The weights finally returned are fitted on every fold.
5. **Fallback.** Fewer than two usable folds (a fold needs ``min_positive`` accounts with a
   non-zero target), or fitted weights whose out-of-sample gain over the defaults (per fold,
   in the objective) is not positive by more than its standard error: the default weights are
   returned, with the reason. A calibration is adopted only when it has shown, on data it was
   not fitted on, that it predicts better.

Everything is deterministic (no randomness).

References
----------
.. [1] L. J. Tashman, "Out-of-sample tests of forecasting accuracy: an analysis and review",
   International Journal of Forecasting 16(4), pp. 437-450, 2000.
   https://doi.org/10.1016/S0169-2070(00)00065-0
.. [2] E. Bakshy, J. M. Hofman, W. A. Mason and D. J. Watts, "Everyone's an influencer:
   quantifying influence on Twitter", Proc. WSDM 2011. https://doi.org/10.1145/1935826.1935845
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np

from einfluence.base.kinds import REACTION_KINDS
from einfluence.base.timeunits import NO_TIME
from einfluence.base.validation import check_scalar
from einfluence.exceptions import ParameterError
from einfluence.graph.selection import edge_mask
from einfluence.graph.view import GraphView
from einfluence.i18n import Reason
from einfluence.scoring._ranks import centered_ranks, top_k_mask
from einfluence.scoring.evaluation import compare_predictors
from einfluence.scoring.measures import all_measures
from einfluence.scoring.reach import received
from einfluence.scoring.score import (
    DEFAULT_WEIGHTS,
    INPUTS,
    ScoreParams,
    combine,
    score_inputs,
)

if TYPE_CHECKING:
    from einfluence.base.arrays import PostArrays

__all__ = [
    "HALF_LIFE_FRACTIONS",
    "Calibration",
    "CalibrationParams",
    "FoldResult",
    "calibrate_score",
]

#: The half-lives a calibration chooses from, as fractions of the scored window's span (from
#: its first timed event to its end): the documented bounds are 1/16 and 1 span.
HALF_LIFE_FRACTIONS: tuple[float, ...] = (1 / 16, 1 / 4, 1.0)

#: the default half-life fraction of :class:`~einfluence.scoring.ScoreParams`
DEFAULT_FRACTION = 0.25

_MULTIPLIERS = (0.0, 0.5, 2.0)
_NEW_INPUT = (0.1, 0.3, 1.0, 3.0)


@dataclass(frozen=True)
class CalibrationParams:
    """Parameters of :func:`calibrate_score` (stored with each calibration).

    Attributes
    ----------
    n_folds : int
        Number of cut points (rolling origins); at least 2.
    k : int
        The top-k of the overlap in the objective and the reports.
    inputs : tuple of str
        The candidate inputs: components and extra inputs of
        :data:`~einfluence.scoring.score.INPUTS`.
    half_life_fractions : tuple of float
        Candidate half-lives as fractions of the window's span, within
        ``[1/16, 1]``; must hold the default 1/4.
    regularisation : float
        Weight of the L1 distance to the default weights in the objective; 0 lets the data
        alone decide.
    min_positive : int
        A fold is usable when at least this many accounts have a non-zero target.
    target_kinds : tuple of str
        The interactions received in the next segment that make the target (relays).
    max_sweeps : int
        At most this many sweeps of the coordinate search.
    search_sample : int
        The search computes ρ on a uniform sample of at most this many accounts of each fold
        (seeded by ``random_state``); the overlap and every reported figure use them all.
    random_state : int
        Seed of that sample.
    """

    n_folds: int = 4
    k: int = 100
    inputs: tuple[str, ...] = INPUTS
    half_life_fractions: tuple[float, ...] = HALF_LIFE_FRACTIONS
    regularisation: float = 0.02
    min_positive: int = 20
    target_kinds: tuple[str, ...] = ("relay",)
    max_sweeps: int = 3
    search_sample: int = 50_000
    random_state: int = 0

    def validated(self) -> CalibrationParams:
        check_scalar(self.n_folds, "n_folds", numbers.Integral, min_val=2, max_val=50)
        check_scalar(self.k, "k", numbers.Integral, min_val=1)
        check_scalar(self.regularisation, "regularisation", numbers.Real, min_val=0)
        check_scalar(self.min_positive, "min_positive", numbers.Integral, min_val=1)
        check_scalar(self.max_sweeps, "max_sweeps", numbers.Integral, min_val=1)
        check_scalar(self.search_sample, "search_sample", numbers.Integral, min_val=100)
        check_scalar(self.random_state, "random_state", numbers.Integral, min_val=0)
        inputs = tuple(self.inputs)
        unknown = sorted(set(inputs) - set(INPUTS))
        if unknown or not inputs:
            raise ParameterError(f"inputs: unknown input(s) {unknown} (known: {', '.join(INPUTS)})", parameter="inputs")
        if not any(c in DEFAULT_WEIGHTS for c in inputs):
            raise ParameterError("inputs: at least one component of the default score is needed", parameter="inputs")
        fractions = tuple(float(f) for f in self.half_life_fractions)
        for f in fractions:
            check_scalar(f, "half_life_fractions", numbers.Real, min_val=HALF_LIFE_FRACTIONS[0],
                         max_val=HALF_LIFE_FRACTIONS[-1])
        if DEFAULT_FRACTION not in fractions:
            raise ParameterError("half_life_fractions must hold the default 0.25", parameter="half_life_fractions")
        return replace(self, inputs=tuple(c for c in INPUTS if c in inputs), half_life_fractions=tuple(sorted(set(fractions))),
                       target_kinds=tuple(self.target_kinds))

    def as_dict(self) -> dict[str, Any]:
        return {"n_folds": int(self.n_folds), "k": int(self.k), "inputs": list(self.inputs),
                "half_life_fractions": [float(f) for f in self.half_life_fractions],
                "regularisation": float(self.regularisation), "min_positive": int(self.min_positive),
                "target_kinds": list(self.target_kinds), "max_sweeps": int(self.max_sweeps),
                "search_sample": int(self.search_sample), "random_state": int(self.random_state)}


@dataclass(frozen=True)
class FoldResult:
    """One rolling origin of a calibration.

    Attributes
    ----------
    cut, end : int
        The fold scores the events before ``cut`` and predicts ``[cut, end)`` (µs since the epoch).
    n_population, n_positive : int
        Accounts active before the cut, and those of them with a non-zero target.
    usable : bool
        Whether the fold had enough positives to be fitted and judged on.
    trained_on : int
        Earlier usable folds the weights of ``metrics["calibrated"]`` were fitted on: 0 for the
        first usable fold (no out-of-sample figure).
    weights, half_life_fraction
        What those folds chose (None without a fit).
    metrics : dict of str to dict
        ``spearman`` and ``overlap`` (at ``k``) of each predictor on this fold: ``calibrated``
        (out of sample), ``default`` (the default score), and each single measure.
    """

    cut: int
    end: int
    n_population: int
    n_positive: int
    usable: bool
    trained_on: int = 0
    weights: dict[str, float] | None = None
    half_life_fraction: float | None = None
    metrics: dict[str, dict[str, float]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        def clean(x: float) -> float | None:
            return None if x is None or math.isnan(x) else float(x)

        return {
            "cut_us": int(self.cut), "end_us": int(self.end), "n_population": self.n_population,
            "n_positive": self.n_positive, "usable": bool(self.usable), "trained_on": self.trained_on,
            "weights": self.weights, "half_life_fraction": self.half_life_fraction,
            "metrics": {name: {key: clean(v) for key, v in m.items()} for name, m in self.metrics.items()},
        }


@dataclass(frozen=True)
class Calibration:
    """The result of :func:`calibrate_score`.

    Attributes
    ----------
    weights : dict of str to float
        Weight of each input (0 for those left out); the defaults on a fallback.
    half_life_fraction : float
        The half-life as a fraction of the scored window's span.
    fallback : str or None
        Why the default weights were kept, or None when the calibration is used.
    folds : tuple of FoldResult
    objective : dict of str to float
        The objective of the fitted and of the default weighting on all usable folds (in sample).
    params : CalibrationParams
    """

    weights: dict[str, float]
    half_life_fraction: float
    fallback: str | None
    folds: tuple[FoldResult, ...]
    objective: dict[str, float]
    params: CalibrationParams

    def score_params(self, base: ScoreParams | None = None) -> ScoreParams:
        """Score parameters that use this calibration (other fields from ``base``)."""
        base = base or ScoreParams()
        return replace(base, weights=dict(self.weights), half_life_fraction=self.half_life_fraction,
                       half_life_hours=None, momentum_half_life_hours=None)

    def out_of_sample(self) -> dict[str, dict[str, float]]:
        """Per predictor: mean and standard deviation over the out-of-sample folds of ρ and overlap.

        Keys ``spearman_mean``, ``spearman_sd``, ``overlap_mean``, ``overlap_sd`` and ``n_folds``
        (the sample standard deviation; NaN with one fold).
        """
        folds = [f for f in self.folds if f.usable and f.trained_on > 0]
        names: list[str] = []
        for f in folds:
            names.extend(n for n in f.metrics if n not in names)
        out: dict[str, dict[str, float]] = {}
        for name in names:
            row: dict[str, float] = {"n_folds": float(len(folds))}
            for metric in ("spearman", "overlap"):
                values = np.array([f.metrics.get(name, {}).get(metric, math.nan) for f in folds], dtype=float)
                values = values[~np.isnan(values)]
                row[f"{metric}_mean"] = float(values.mean()) if values.size else math.nan
                row[f"{metric}_sd"] = float(values.std(ddof=1)) if values.size > 1 else math.nan
            out[name] = row
        return out

    def to_dict(self) -> dict[str, Any]:
        def clean(x: float) -> float | None:
            return None if math.isnan(x) else float(x)

        return {
            "weights": {c: float(w) for c, w in self.weights.items()},
            "default_weights": {c: float(DEFAULT_WEIGHTS.get(c, 0.0)) for c in self.weights},
            "half_life_fraction": float(self.half_life_fraction),
            "fallback": self.fallback,
            "objective": {k: clean(v) for k, v in self.objective.items()},
            "folds": [f.to_dict() for f in self.folds],
            "out_of_sample": {name: {k: clean(v) for k, v in row.items()} for name, row in self.out_of_sample().items()},
            "params": self.params.as_dict(),
        }


@dataclass
class _Fold:
    """What the search needs of a fold: the gated inputs per half-life, the target's ranks and top k.

    The search's ρ is computed on ``sample`` (a seeded uniform sample of the population, all of
    it when small); the overlap always on the whole population.
    """

    matrices: list[np.ndarray]        # per half-life fraction: (n_population, n_inputs) float64
    target_ranks: np.ndarray
    target_top: np.ndarray
    k: int
    sample: np.ndarray
    sample_ranks: np.ndarray
    sample_norm: float = field(init=False)

    def __post_init__(self) -> None:
        self.sample_norm = float(np.einsum("i,i->", self.sample_ranks, self.sample_ranks))

    def objective(self, h: int, w: np.ndarray) -> float:
        # einsum, not BLAS: thousands of small products, where a threaded BLAS on a busy machine
        # spends far more time waking its threads than computing
        index = np.einsum("ij,j->i", self.matrices[h], w)
        ranks = _centered_ranks(index[self.sample])
        den = math.sqrt(float(np.einsum("i,i->", ranks, ranks)) * self.sample_norm)
        rho = float(np.einsum("i,i->", ranks, self.sample_ranks)) / den if den > 0 else 0.0
        overlap = np.count_nonzero(top_k_mask(index, self.k) & self.target_top) / self.k
        return 0.5 * (rho + overlap)



def _centered_ranks(x: np.ndarray) -> np.ndarray:
    """Average ranks minus their mean, as :func:`~einfluence.scoring._ranks.centered_ranks` (the same
    values), by an unstable sort: ties get their average rank whatever their order."""
    n = x.size
    order = np.argsort(x)
    ordered = x[order]
    new = np.empty(n, dtype=bool)
    new[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    starts = np.flatnonzero(new)
    counts = np.diff(np.append(starts, n))
    average = starts + (counts + 1) / 2.0 - (n + 1) / 2.0
    out = np.empty(n)
    out[order] = np.repeat(average, counts)
    return out


def _cuts(view: GraphView, n_folds: int, end: int) -> list[int]:
    """``n_folds`` cut points splitting the timed reactions into ``n_folds + 1`` equal-count segments."""
    times = np.sort(view.time[edge_mask(view, REACTION_KINDS) & (view.time != NO_TIME)])
    if times.size == 0:
        return []
    positions = [int(times.size * j / (n_folds + 1)) for j in range(1, n_folds + 1)]
    cuts = sorted({int(times[p]) for p in positions if 0 < p < times.size and times[0] < times[p] < end})
    return cuts


class _Search:
    """Coordinate search of weights and half-life on a set of folds."""

    def __init__(self, folds: list[_Fold], w0: np.ndarray, h0: int, n_fractions: int, regularisation: float,
                 max_sweeps: int) -> None:
        self.folds, self.w0, self.h0 = folds, w0, h0
        self.n_fractions, self.regularisation, self.max_sweeps = n_fractions, regularisation, max_sweeps
        self.share0 = w0 / w0.sum()

    def value(self, h: int, w: np.ndarray) -> float:
        total = w.sum()
        if total <= 0:
            return -math.inf
        fit = float(np.mean([f.objective(h, w) for f in self.folds]))
        return fit - self.regularisation * float(np.abs(w / total - self.share0).sum())

    def run(self) -> tuple[int, np.ndarray, float]:
        """Search from the defaults and from the best single input (the sum of the default weights on
        it alone): an input that predicts well by itself is otherwise out of reach of steps that
        move one weight at a time. The better end point wins."""
        starts = [self.w0.copy()]
        singles = [np.where(np.arange(self.w0.size) == j, self.w0.sum(), 0.0) for j in range(self.w0.size)]
        best_single = max(singles, key=lambda w: self.value(self.h0, w))
        if not np.array_equal(best_single, self.w0):
            starts.append(best_single)
        ends = [self._descend(self.h0, w) for w in starts]
        return max(ends, key=lambda end: end[2])

    def _descend(self, h: int, w: np.ndarray) -> tuple[int, np.ndarray, float]:
        best = self.value(h, w)
        for _ in range(self.max_sweeps):
            improved = False
            for candidate in range(self.n_fractions):
                if candidate != h and (v := self.value(candidate, w)) > best + 1e-9:
                    best, h, improved = v, candidate, True
            for j in range(w.size):
                current = w[j]
                tries = [current * m for m in _MULTIPLIERS] if current > 0 else [w.max() * m for m in _NEW_INPUT]
                for value in tries:
                    trial = w.copy()
                    trial[j] = value
                    if (v := self.value(h, trial)) > best + 1e-9:
                        best, w, improved = v, trial, True
            if not improved:
                break
        return h, w / w.sum() * self.w0.sum(), best


def calibrate_score(
    view: GraphView,
    posts: PostArrays | None = None,
    *,
    groups: np.ndarray | None = None,
    params: CalibrationParams | None = None,
    base: ScoreParams | None = None,
    measures: bool = True,
    progress: Callable[[str], None] | None = None,
) -> Calibration:
    """Learn the weights and half-life of the einfluence score from the window's own history.

    Parameters
    ----------
    view : GraphView
        The interactions of the window to calibrate on (its end is ``view.until``, else just
        after its last event).
    posts : PostArrays, optional
        The posts of the same window.
    groups : numpy.ndarray of int, optional
        Calibration group (network) of each account, as in
        :func:`~einfluence.scoring.einfluence_score`.
    params : CalibrationParams, optional
    base : ScoreParams, optional
        The other score parameters (decades, evidence, depth gap); the default weights are the
        prior whatever ``base.weights`` says.
    measures : bool
        Also judge every single measure of :func:`~einfluence.scoring.all_measures` on each
        fold (the reports' yardsticks); False saves their cost.
    progress : callable, optional
        Called with a short message at each step.

    Returns
    -------
    Calibration

    Raises
    ------
    ParameterError
        On a parameter out of range or an unknown input.

    Examples
    --------
    >>> from einfluence.base import InteractionArrays
    >>> rng = np.random.default_rng(0)
    >>> src, dst = rng.integers(0, 200, 4000), rng.zipf(1.6, 4000) % 200
    >>> view = GraphView.from_arrays(InteractionArrays(
    ...     src=src, dst=dst, time=np.sort(rng.integers(0, 10**11, 4000)), weight=np.ones(4000),
    ...     kind=np.zeros(4000, np.int8), post=np.full(4000, -1), n_accounts=200))
    >>> result = calibrate_score(view, params=CalibrationParams(n_folds=3, min_positive=5), measures=False)
    >>> len(result.folds), sorted(result.weights) == sorted(INPUTS)
    (3, True)

    Notes
    -----
    Each fold computes the inputs once per half-life fraction (PageRank included), so the cost
    is about ``n_folds × len(half_life_fractions)`` scores of the window; the search then costs
    one rank transform of the population per trial (a few hundred per fit).
    """
    params = (params or CalibrationParams()).validated()
    base = (base or ScoreParams()).validated()
    say = progress or (lambda message: None)
    fractions = params.half_life_fractions
    h0 = fractions.index(DEFAULT_FRACTION)
    names = params.inputs
    w0 = np.array([DEFAULT_WEIGHTS.get(c, 0.0) for c in names])
    default_weights = {c: DEFAULT_WEIGHTS.get(c, 0.0) for c in INPUTS}

    if view.until is not None:
        end = int((np.datetime64(view.until, "us") - np.datetime64("1970-01-01T00:00:00", "us")).astype(np.int64))
    else:
        timed = view.time[view.time != NO_TIME]
        end = int(timed.max()) + 1 if timed.size else 0
    cuts = _cuts(view, params.n_folds, end)
    bounds = [*cuts, end]

    folds: list[FoldResult] = []
    prepared: list[_Fold | None] = []
    reports: list[dict[str, np.ndarray]] = []
    for f, cut in enumerate(cuts):
        say(Reason("progress.fold_inputs", n_fold=f + 1, n_of=len(cuts)))
        early = view.edge_subgraph(view.time < cut)
        late = view.edge_subgraph((view.time >= cut) & (view.time < bounds[f + 1]))
        early_posts = None if posts is None else _posts_before(posts, cut)
        population = np.zeros(view.n_nodes, dtype=bool)
        population[early.sources()] = True
        population[early.indices] = True
        target = received(late, params.target_kinds)
        n_positive = int(np.count_nonzero(target[population] > 0))
        usable = bool(n_positive >= params.min_positive and population.sum() > params.k)
        folds.append(FoldResult(cut, bounds[f + 1], int(population.sum()), n_positive, usable))
        if not usable:
            prepared.append(None)
            reports.append({})
            continue
        singles = all_measures(early, early_posts) if measures else {}
        precomputed = {c: singles[c] for c in ("k_core", "ip_influence") if singles.get(c) is not None}
        # the inputs that do not depend on the half-life, computed once per fold
        once = [c for c in ("k_core", "ip_influence") if c in names and c not in precomputed]
        if once:
            precomputed.update(score_inputs(early, early_posts, reference_time=cut, inputs=tuple(once)).raw)
        matrices, default_score = [], None
        for h, fraction in enumerate(fractions):
            inputs = score_inputs(early, early_posts, groups=groups, reference_time=cut,
                                  params=replace(base, weights=default_weights, half_life_hours=None,
                                                 momentum_half_life_hours=None, half_life_fraction=fraction),
                                  inputs=names, precomputed=precomputed)
            matrix = np.zeros((int(population.sum()), len(names)))
            for j, name in enumerate(names):
                if name in inputs.normalised:
                    matrix[:, j] = inputs.gated(name)[population]
            matrices.append(matrix)
            if h == h0:
                default_score = combine(inputs, groups).score
        t = target[population]
        k = min(params.k, t.size)
        rng = np.random.default_rng(params.random_state + f)
        sample = (np.arange(t.size) if t.size <= params.search_sample
                  else np.sort(rng.choice(t.size, params.search_sample, replace=False)))
        prepared.append(_Fold(matrices, centered_ranks(t), top_k_mask(t, k), k, sample, centered_ranks(t[sample])))
        reports.append({"target": target, "population": population, "default": default_score,
                        **{name: v for name, v in singles.items() if v is not None}})

    def judge(i: int, extra: Mapping[str, np.ndarray]) -> dict[str, dict[str, float]]:
        """ρ and overlap of the default score, each measure and ``extra`` on fold ``i``."""
        data = reports[i]
        population, target = data["population"], data["target"]
        predictors = {**extra, **{n: v for n, v in data.items() if n not in ("target", "population")}}
        table = compare_predictors(
            {n: np.where(population, np.nan_to_num(v, nan=0.0), np.nan) for n, v in predictors.items()},
            target, population=population, ks=(min(params.k, int(population.sum())),),
        )
        return {r.name: {"spearman": r.spearman, "overlap": r.overlap[0]} for r in table.rows}

    usable = [i for i, p in enumerate(prepared) if p is not None]
    for position, i in enumerate(usable):
        earlier = [prepared[j] for j in usable[:position]]
        extra: dict[str, np.ndarray] = {}
        fitted: dict[str, Any] = {}
        if earlier:
            say(Reason("progress.fold_fit", n_fold=i + 1, n=len(earlier)))
            h, w, _ = _Search(earlier, w0, h0, len(fractions), params.regularisation, params.max_sweeps).run()
            weights = _weights(names, w)
            fitted = {"trained_on": len(earlier), "weights": weights, "half_life_fraction": fractions[h]}
            fold = prepared[i]
            assert fold is not None
            extra["calibrated"] = _score_of(fold.matrices[h] @ w, reports[i]["population"])
        metrics = judge(i, extra)
        folds[i] = replace(folds[i], metrics=metrics, **fitted)

    objective = {"calibrated": math.nan, "default": math.nan}
    if len(usable) < 2:
        reason = (f"too little history: {len(usable)} usable fold(s) of {len(cuts)} (each needs "
                  f"{params.min_positive} accounts with a later {'/'.join(params.target_kinds)}); "
                  "the default weights are kept")
        return Calibration(default_weights, DEFAULT_FRACTION, reason, tuple(folds), objective, params)
    say(Reason("progress.fit_all_folds"))
    chosen = [p for p in prepared if p is not None]
    search = _Search(chosen, w0, h0, len(fractions), params.regularisation, params.max_sweeps)
    h, w, best = search.run()
    objective = {"calibrated": best, "default": search.value(h0, w0)}
    weights = _weights(names, w)
    fallback = None
    oos = [f for f in folds if f.usable and f.trained_on > 0 and "calibrated" in f.metrics]

    def fold_objective(f: FoldResult, name: str) -> float:
        m = f.metrics[name]
        return 0.5 * (float(np.nan_to_num(m["spearman"])) + m["overlap"] / min(params.k, f.n_population))

    gains = np.array([fold_objective(f, "calibrated") - fold_objective(f, "default") for f in oos])
    # adopted only when the out-of-sample gain over the defaults stands out of its own noise:
    # a positive mean gain larger than its standard error (with one fold: a positive gain)
    noise = gains.std(ddof=1) / math.sqrt(gains.size) if gains.size > 1 else 0.0
    if gains.size == 0 or gains.mean() <= noise:
        fallback = (f"out of sample the fitted weights did not beat the default ones clearly enough (gain "
                    f"{gains.mean() if gains.size else math.nan:+.4f} ± {noise:.4f} over {gains.size} fold(s), "
                    "mean of ρ and overlap share): the default weights are kept")
        weights, fraction = default_weights, DEFAULT_FRACTION
    else:
        fraction = fractions[h]
    return Calibration(weights, fraction, fallback, tuple(folds), objective, params)


def _weights(names: Iterable[str], w: np.ndarray) -> dict[str, float]:
    chosen = dict(zip(names, (float(x) for x in w), strict=True))
    return {c: round(chosen.get(c, 0.0), 12) for c in INPUTS}


def _score_of(index: np.ndarray, population: np.ndarray) -> np.ndarray:
    out = np.full(population.size, np.nan)
    out[population] = index
    return out


def _posts_before(posts: PostArrays, cut: int) -> PostArrays:
    from einfluence.base.arrays import PostArrays

    keep = posts.time < cut
    return PostArrays(**{name: getattr(posts, name)[keep] for name in
                         ("post_id", "author", "time", "kind", "parent", "root")})

