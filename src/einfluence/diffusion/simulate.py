"""Monte-Carlo simulation of diffusion: independent cascade, linear threshold, continuous time.

:func:`simulate` estimates the expected spread of a seed set ``S``, ``sigma(S)``, under the
independent cascade (IC) and linear threshold (LT) models of Kempe, Kleinberg and Tardos
[1]_, or under the continuous-time independent cascade of Gomez-Rodriguez, Balduzzi and
Schölkopf [2]_ where each live arc transmits after a random delay, which gives the spread by
time horizon. :func:`sample_cascades` draws the action log of independent cascades, to learn
probabilities back (:mod:`einfluence.diffusion.learning`).

Simulations run in parallel, consecutive ranges of them on threads (compiled kernels that
release the GIL, :func:`einfluence.base.threads.in_parts`); each one draws from its own random
stream derived from one base seed, so the same ``random_state`` gives the same estimate
whatever the number of threads.

References
----------
.. [1] D. Kempe, J. Kleinberg and É. Tardos, "Maximizing the spread of influence through a
   social network", Proc. KDD 2003, pp. 137-146. https://doi.org/10.1145/956750.956769
.. [2] M. Gomez-Rodriguez, D. Balduzzi and B. Schölkopf, "Uncovering the temporal dynamics
   of diffusion networks", Proc. ICML 2011, pp. 561-568. https://arxiv.org/abs/1105.0697
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from einfluence.base.random import base_seed, check_random_state
from einfluence.base.threads import in_parts
from einfluence.base.unique import unique_ints
from einfluence.base.validation import check_scalar
from einfluence.diffusion import _kernels
from einfluence.diffusion.learning import ActionLog
from einfluence.diffusion.probabilities import _check_graph, check_lt_weights
from einfluence.exceptions import ParameterError
from einfluence.graph.diffusion import DiffusionGraph

__all__ = ["SpreadEstimate", "combine_simulations", "prepare_simulations", "run_simulations", "sample_cascades",
           "simulate"]

MODELS = ("ic", "lt", "ct")
DELAY_DISTRIBUTIONS = ("exponential", "fixed")
#: two-sided 95 % quantile of the normal distribution
_Z95 = 1.959963984540054
_MAX_SIMULATIONS = 2**31 - 2


@dataclass(frozen=True, eq=False)
class SpreadEstimate:
    """Monte-Carlo estimate of the spread of a seed set (compare fields, not instances).

    Attributes
    ----------
    mean : float
        Expected number of active accounts at the end, seeds included (``sigma(S)``).
    std_error : float
        Standard error of ``mean`` (sample standard deviation / sqrt(n_simulations)).
    ci_low, ci_high : float
        Normal 95 % confidence interval, ``mean -/+ 1.96 std_error``.
    target_mean : float or None
        Expected total target weight of the active accounts (seeds included): the expected
        number of target accounts reached for a boolean target. None without a target.
    target_std_error : float or None
        Its standard error.
    beyond_first_hop : float
        Share of the non-seed activations that happen at hop 2 or more (pooled over the
        simulations): how much of the spread the seeds' direct audience passes on. NaN when
        no simulation activated anything beyond the seeds.
    mean_max_depth : float
        Mean over simulations of the largest hop (0 when only the seeds are active).
    spread_by_step : numpy.ndarray of float64
        ``spread_by_step[t]``: expected number of accounts active at hop (IC, LT: step) at
        most ``t``, for ``t = 0 ..`` the largest hop seen; ends with ``mean``.
    times : numpy.ndarray of float64 or None
        Continuous-time model only: the time points of ``spread_by_time``.
    spread_by_time : numpy.ndarray of float64 or None
        Continuous-time model only: expected number of accounts active by each time.
    spreads : numpy.ndarray of int64
        The final spread of each simulation (its distribution, quantiles...).
    n_simulations : int
    seed : int
        The base seed of the per-simulation random streams.
    model : str
    """

    mean: float
    std_error: float
    ci_low: float
    ci_high: float
    target_mean: float | None
    target_std_error: float | None
    beyond_first_hop: float
    mean_max_depth: float
    spread_by_step: np.ndarray
    times: np.ndarray | None
    spread_by_time: np.ndarray | None
    spreads: np.ndarray
    n_simulations: int
    seed: int
    model: str

    @property
    def ci(self) -> tuple[float, float]:
        """The 95 % confidence interval ``(ci_low, ci_high)``."""
        return (self.ci_low, self.ci_high)


def _check_nodes(nodes: Sequence[int] | np.ndarray, n: int, name: str) -> np.ndarray:
    arr = np.asarray(nodes)
    if arr.ndim != 1 and arr.size:
        raise ParameterError(f"{name} must be a one-dimensional array of node ids")
    if arr.size and not np.issubdtype(arr.dtype, np.integer):
        raise ParameterError(f"{name} must hold integer node ids, got dtype {arr.dtype}")
    arr = arr.astype(np.int64).ravel()
    if arr.size and (arr.min() < 0 or arr.max() >= n):
        raise ParameterError(f"{name} must lie in [0, {n})")
    return arr


def _check_target(target: np.ndarray | None, n: int) -> np.ndarray:
    if target is None:
        return np.zeros(0)
    t = np.asarray(target)
    if t.shape != (n,):
        raise ParameterError(f"target must have shape ({n},), got {t.shape}")
    t = t.astype(np.float64)
    if not np.isfinite(t).all() or (t < 0).any():
        raise ParameterError("target weights must be finite and non-negative")
    return t


def _check_max_steps(max_steps: int | None) -> int:
    if max_steps is None:
        return -1
    check_scalar(max_steps, "max_steps", numbers.Integral, min_val=0)
    return int(max_steps)


def _check_delays(delays: float | np.ndarray, distribution: str, m: int) -> tuple[np.ndarray, bool]:
    if distribution not in DELAY_DISTRIBUTIONS:
        raise ParameterError(f"delay_distribution must be one of {DELAY_DISTRIBUTIONS}, got {distribution!r}")
    d = np.asarray(delays, dtype=np.float64)
    if d.ndim == 0:
        d = np.full(m, float(d))
    elif d.shape != (m,):
        raise ParameterError(f"delays must be a scalar or have shape ({m},), got {d.shape}")
    fixed = distribution == "fixed"
    if not np.isfinite(d).all() or (d < 0).any() or (not fixed and (d <= 0).any()):
        raise ParameterError("delays must be finite, positive (exponential means) or non-negative (fixed)")
    return d, fixed


def _check_horizon(horizon: float | None) -> float:
    if horizon is None:
        return math.inf
    check_scalar(horizon, "horizon", numbers.Real, min_val=0.0, include_min=False)
    return float(horizon)


def _n_chunks() -> int:
    from einfluence.base.jit import get_num_threads

    return max(1, int(get_num_threads()))


def simulate(
    g: DiffusionGraph,
    seeds: Sequence[int] | np.ndarray,
    *,
    model: str = "ic",
    n_simulations: int = 10_000,
    random_state: int | np.random.Generator | None = None,
    target: np.ndarray | None = None,
    max_steps: int | None = None,
    delays: float | np.ndarray = 1.0,
    delay_distribution: str = "exponential",
    horizon: float | None = None,
    times: np.ndarray | None = None,
) -> SpreadEstimate:
    """Estimate the expected spread of ``seeds`` by Monte-Carlo simulation.

    Parameters
    ----------
    g : DiffusionGraph
        Arc probabilities (``ic``, ``ct``) or weights (``lt``; incoming weights must sum to at
        most 1, see :func:`~einfluence.diffusion.probabilities.lt_weights`).
    seeds : array-like of int
        The initially active accounts (duplicates ignored; may be empty).
    model : {"ic", "lt", "ct"}
        Independent cascade: every newly active ``u`` activates each inactive out-neighbour
        ``v`` with probability ``p(u, v)``, once [1]_. Linear threshold: ``v`` draws a
        threshold uniformly in (0, 1] and activates when the weights of its active
        in-neighbours reach it [1]_. Continuous-time IC: arc ``u -> v`` is live with
        probability ``p(u, v)`` and then transmits after a delay (exponential with mean
        ``delays``, or fixed), ``v`` activates at the earliest arrival [2]_.
    n_simulations : int
        Number of independent realisations.
    random_state : None, int or numpy.random.Generator
        Draws the base seed of the per-simulation streams (see
        :func:`einfluence._utils.check_random_state`): the same seed gives the same estimate,
        whatever the number of threads.
    target : numpy.ndarray, optional
        Boolean mask or non-negative weight of each account: also estimate the (weighted)
        number of target accounts reached.
    max_steps : int, optional
        Stop spreading beyond this many hops from the seeds (``0``: only the seeds).
    delays : float or numpy.ndarray
        ``ct`` only: mean (``exponential``) or value (``fixed``) of the transmission delay,
        one for all arcs or one per arc (aligned with ``g.indices``), in any time unit.
    delay_distribution : {"exponential", "fixed"}
        ``ct`` only.
    horizon : float, optional
        ``ct`` only: activations after this time do not count (None: no limit).
    times : numpy.ndarray, optional
        ``ct`` only: increasing positive time points of ``spread_by_time``; by default ten
        points up to ``horizon``, or 1..10 mean delays without a horizon.

    Returns
    -------
    SpreadEstimate

    Raises
    ------
    GraphTypeError
        If ``g`` is not a DiffusionGraph.
    ParameterError
        On an unknown model, out-of-range seeds or parameters, badly shaped ``target`` or
        ``delays``, or LT weights summing to more than 1 into a node.

    Examples
    --------
    A path ``0 -> 1 -> 2`` with probabilities 1 and 0.5: the spread of ``{0}`` is 2.5.

    >>> g = DiffusionGraph.from_arcs([0, 1], [1, 2], [1.0, 0.5])
    >>> est = simulate(g, [0], n_simulations=20_000, random_state=0)
    >>> abs(est.mean - 2.5) < 4 * est.std_error, est.spread_by_step.round(1).tolist()
    (True, [1.0, 2.0, 2.5])
    >>> lt = simulate(g, [0], model="lt", n_simulations=2_000, random_state=0)
    >>> abs(lt.mean - 2.5) < 4 * lt.std_error
    True
    >>> ct = simulate(g, [0], model="ct", n_simulations=2_000, random_state=0, times=[1.0, 100.0])
    >>> bool(ct.spread_by_time[0] < ct.spread_by_time[1] <= 3)
    True

    Notes
    -----
    Each simulation costs O(arcs out of the active nodes) (IC, LT) or that times a heap
    operation (CT); per-simulation buffers are allocated once per thread and reused.

    References
    ----------
    .. [1] D. Kempe, J. Kleinberg and É. Tardos, "Maximizing the spread of influence through
       a social network", Proc. KDD 2003. https://doi.org/10.1145/956750.956769
    .. [2] M. Gomez-Rodriguez, D. Balduzzi and B. Schölkopf, "Uncovering the temporal
       dynamics of diffusion networks", Proc. ICML 2011. https://arxiv.org/abs/1105.0697
    """
    plan = prepare_simulations(g, seeds, model=model, n_simulations=n_simulations, random_state=random_state,
                               target=target, max_steps=max_steps, delays=delays,
                               delay_distribution=delay_distribution, horizon=horizon, times=times)
    return combine_simulations(plan, [run_simulations(plan, 0, plan["n_sims"], _n_chunks())])


def prepare_simulations(
    g: DiffusionGraph,
    seeds: Sequence[int] | np.ndarray,
    *,
    model: str = "ic",
    n_simulations: int = 10_000,
    random_state: int | np.random.Generator | None = None,
    target: np.ndarray | None = None,
    max_steps: int | None = None,
    delays: float | np.ndarray = 1.0,
    delay_distribution: str = "exponential",
    horizon: float | None = None,
    times: np.ndarray | None = None,
) -> dict[str, Any]:
    """Validate the input of :func:`simulate` (same parameters, same errors) and return what the
    kernels need: a dict of arrays and scalars (picklable, to ship to other processes).

    With :func:`run_simulations` on ranges of simulations and :func:`combine_simulations`, the
    simulations of one estimate can run apart (on Spark's executors,
    :func:`einfluence.spark.diffusion.spark_simulate`): simulation ``i`` draws from its own
    stream, so the estimate is the same whatever the ranges.
    """
    g = _check_graph(g)
    if model not in MODELS:
        raise ParameterError(f"model must be one of {MODELS}, got {model!r}")
    check_scalar(n_simulations, "n_simulations", numbers.Integral, min_val=1, max_val=_MAX_SIMULATIONS)
    plan: dict[str, Any] = {
        "model": model, "n_sims": int(n_simulations),
        "seeds": unique_ints(_check_nodes(seeds, g.n_nodes, "seeds")),
        "weight": _check_target(target, g.n_nodes), "has_target": target is not None,
        "steps": _check_max_steps(max_steps), "base": base_seed(random_state),
        "indptr": np.ascontiguousarray(g.indptr, dtype=np.int64),
        "indices": np.ascontiguousarray(g.indices, dtype=np.int32),
        "grid": None,
    }
    if model == "ic":
        plan["thr"] = _kernels.thresholds(g.prob)
    elif model == "lt":
        check_lt_weights(g)
        plan["prob"] = np.ascontiguousarray(g.prob, np.float64)
    else:
        d, fixed = _check_delays(delays, delay_distribution, g.n_arcs)
        h = _check_horizon(horizon)
        if times is None:
            if math.isfinite(h):
                grid = np.linspace(h / 10, h, 10)
            else:
                grid = (d.mean() if d.size else 1.0) * np.arange(1.0, 11.0)
        else:
            grid = np.asarray(times, dtype=np.float64).ravel()
            if grid.size == 0 or not np.isfinite(grid).all() or (grid < 0).any() or (np.diff(grid) <= 0).any():
                raise ParameterError("times must be a non-empty, increasing array of non-negative times")
        plan.update(prob=np.ascontiguousarray(g.prob, np.float64), delays=d, fixed=fixed, horizon=h, grid=grid)
    return plan


def run_simulations(plan: dict[str, Any], first: int, count: int, n_chunks: int = 1) -> tuple[np.ndarray, ...]:
    """Simulations ``first .. first + count - 1`` of a :func:`prepare_simulations` plan:
    ``(spread, reach, depth, hist)``, plus ``time_hist`` for the continuous-time model.

    ``n_chunks`` is the number of threads the simulations are split over, in consecutive ranges
    (the results do not depend on it).
    """
    p = plan
    if p["model"] == "ic":
        kernel, inputs = _kernels.ic_spread_range, (p["thr"], p["seeds"], p["weight"], p["base"], p["steps"])
    elif p["model"] == "lt":
        kernel, inputs = _kernels.lt_spread_range, (p["prob"], p["seeds"], p["weight"], p["base"], p["steps"])
    else:
        kernel = _kernels.ct_spread_range
        inputs = (p["prob"], p["delays"], p["fixed"], p["seeds"], p["weight"], p["base"], p["steps"], p["horizon"],
                  p["grid"])
    n = p["indptr"].size - 1
    spread = np.zeros(count, np.int64)
    reach = np.zeros(count, np.float64)
    depth = np.zeros(count, np.int64)
    # one histogram per part (no two threads add to the same one), summed after: integer counts
    hist_sizes = (n + 1,) if p["grid"] is None else (n + 1, p["grid"].size + 1)

    def simulate_range(lo: int, hi: int, part: int) -> list[np.ndarray]:
        hists = [np.zeros(size, np.int64) for size in hist_sizes]
        kernel(p["indptr"], p["indices"], *inputs, int(first), lo, hi, spread, reach, depth, *hists)
        return hists

    per_part = in_parts(count, n_chunks, simulate_range)
    hists = [np.sum(h, axis=0) for h in zip(*per_part, strict=True)]
    return (spread, reach, depth, hists[0][:n], *hists[1:])


def combine_simulations(plan: dict[str, Any], parts: Sequence[tuple[np.ndarray, ...]]) -> SpreadEstimate:
    """The :class:`SpreadEstimate` of the consecutive ranges ``parts`` of :func:`run_simulations`
    (in order, covering all the plan's simulations): per-simulation arrays concatenated,
    integer histograms added (exact in any order)."""
    spread = np.concatenate([part[0] for part in parts])
    reach = np.concatenate([part[1] for part in parts])
    depth = np.concatenate([part[2] for part in parts])
    hist = np.sum([part[3] for part in parts], axis=0)
    thist = None if plan["grid"] is None else np.sum([part[4] for part in parts], axis=0)
    return _estimate(spread, reach, depth, hist, plan["n_sims"], plan["base"], plan["model"], plan["has_target"],
                     plan["grid"], thist)


def _mean_se(x: np.ndarray) -> tuple[float, float]:
    mean = float(x.mean())
    se = float(x.std(ddof=1) / math.sqrt(x.size)) if x.size > 1 else math.nan
    return mean, se


def _estimate(spread, reach, depth, hist, n_sims, base, model, has_target, grid, thist) -> SpreadEstimate:
    mean, se = _mean_se(spread.astype(np.float64))
    t_mean, t_se = _mean_se(reach) if has_target else (None, None)
    last = int(depth.max()) if depth.size else 0
    by_step = np.cumsum(hist[: last + 1]) / n_sims
    later = int(hist[1:].sum())
    beyond = float(hist[2:].sum() / later) if later else math.nan
    return SpreadEstimate(
        mean=mean,
        std_error=se,
        ci_low=mean - _Z95 * se,
        ci_high=mean + _Z95 * se,
        target_mean=t_mean,
        target_std_error=t_se,
        beyond_first_hop=beyond,
        mean_max_depth=float(depth.mean()),
        spread_by_step=by_step,
        times=grid,
        spread_by_time=None if thist is None else np.cumsum(thist[:-1]) / n_sims,
        spreads=spread,
        n_simulations=n_sims,
        seed=base,
        model=model,
    )


def sample_cascades(
    g: DiffusionGraph,
    n_cascades: int,
    *,
    seeds: Sequence[Sequence[int]] | None = None,
    n_seeds: int = 1,
    model: str = "ic",
    random_state: int | np.random.Generator | None = None,
    delays: float | np.ndarray = 1.0,
    delay_distribution: str = "exponential",
    max_steps: int | None = None,
    horizon: float | None = None,
) -> ActionLog:
    """Draw independent cascades and return their action log.

    Parameters
    ----------
    g : DiffusionGraph
    n_cascades : int
    seeds : sequence of sequences of int, optional
        The seed set of each cascade (``n_cascades`` of them); by default each cascade
        starts from ``n_seeds`` distinct accounts drawn uniformly.
    n_seeds : int
        Seeds per cascade when ``seeds`` is None.
    model : {"ic", "lt", "ct"}
        As in :func:`simulate`. For ``ic`` and ``lt`` the time of an action is its step.
    random_state : None, int or numpy.random.Generator
    delays, delay_distribution, max_steps, horizon
        As in :func:`simulate`.

    Returns
    -------
    ActionLog
        One row per activation, sorted by cascade then activation time; ``parent`` is the
        account whose arc caused the activation (-1 for seeds).

    Raises
    ------
    GraphTypeError
        If ``g`` is not a DiffusionGraph.
    ParameterError
        On out-of-range parameters or seeds.

    Examples
    --------
    >>> g = DiffusionGraph.from_arcs([0, 1], [1, 2], [1.0, 1.0])
    >>> log = sample_cascades(g, 2, seeds=[[0], [1]], random_state=0)
    >>> log.cascade.tolist(), log.account.tolist(), log.time.tolist(), log.parent.tolist()
    ([0, 0, 0, 1, 1], [0, 1, 2, 1, 2], [0.0, 1.0, 2.0, 0.0, 1.0], [-1, 0, 1, -1, 1])
    """
    g = _check_graph(g)
    if model not in MODELS:
        raise ParameterError(f"model must be one of {MODELS}, got {model!r}")
    check_scalar(n_cascades, "n_cascades", numbers.Integral, min_val=0)
    rng = check_random_state(random_state)
    if seeds is None:
        check_scalar(n_seeds, "n_seeds", numbers.Integral, min_val=1, max_val=max(g.n_nodes, 1))
        if g.n_nodes == 0:
            raise ParameterError("cannot draw seeds from an empty graph")
        k = int(n_seeds)
        if k == 1:
            nodes = rng.integers(0, g.n_nodes, int(n_cascades)).astype(np.int64)
        else:
            # k distinct nodes per cascade (one small draw per cascade, not per arc)
            nodes = np.concatenate(
                [rng.choice(g.n_nodes, k, replace=False) for _ in range(int(n_cascades))] or [np.zeros(0, np.int64)]
            )
        ptr = np.arange(int(n_cascades) + 1, dtype=np.int64) * k
        nodes = nodes.astype(np.int64)
    else:
        if len(seeds) != n_cascades:
            raise ParameterError(f"seeds must hold {n_cascades} seed sets, got {len(seeds)}")
        sets = [unique_ints(_check_nodes(s, g.n_nodes, "seeds")) for s in seeds]
        ptr = np.zeros(len(sets) + 1, dtype=np.int64)
        np.cumsum([s.size for s in sets], out=ptr[1:])
        nodes = np.concatenate(sets).astype(np.int64) if sets else np.zeros(0, np.int64)
    if model == "lt":
        check_lt_weights(g)
    d, fixed = _check_delays(delays, delay_distribution, g.n_arcs) if model == "ct" else (np.zeros(g.n_arcs), True)
    h = _check_horizon(horizon)
    base = base_seed(rng)
    c, a, t, p = _kernels.sample_cascades(
        np.ascontiguousarray(g.indptr, dtype=np.int64), np.ascontiguousarray(g.indices, dtype=np.int32),
        np.ascontiguousarray(g.prob, np.float64), _kernels.thresholds(g.prob), d, fixed,
        _kernels.MODEL_CODES[model], ptr, nodes, base, _check_max_steps(max_steps), h,
    )
    return ActionLog(cascade=c, account=a, time=t, parent=p)
