"""The tipping point: how many converts flip a population's majority within a horizon.

:func:`tipping_point` commits a growing number ``k`` of accounts to one opinion (advocates for the
brand, or detractors against it) and runs a discrete model (:func:`~einfluence.opinion.simulate_opinions`)
from the population's measured opinions; the *flip probability* ``P(k)`` is the share of runs in
which the converts' opinion holds a strict majority at the horizon. The critical fraction is where
``P`` crosses 1/2, ``k* / n``. Converts are either drawn anew in every run among the free accounts
(``order=None``, the setting of Xie et al. [1]_ for the naming game, where ``k*/n ≈ 0.10``), or the
first ``k`` of a given order (the most listened-to accounts, a greedy selection...): then the
first ``ceil(k*)`` accounts of the order are the concrete list whose conversion tips it.

Estimation: ``P`` is measured on a coarse grid of ``k``, then on a fine grid inside the bracket
where it crosses 1/2; the measured probabilities are made non-decreasing in ``k`` (pool adjacent
violators, weighted by runs) and ``k*`` is the linear interpolation of the crossing. Its 95 %
interval combines a parametric bootstrap (each point's flips redrawn from a binomial, the curve
refitted) with the resolution of the grid (the two tested counts around the crossing).

References
----------
.. [1] J. Xie, S. Sreenivasan, G. Korniss, W. Zhang, C. Lim and B. K. Szymanski, "Social
   consensus through the influence of committed minorities", Physical Review E 84, 011130, 2011.
   https://doi.org/10.1103/PhysRevE.84.011130
.. [2] M. Ayer, H. D. Brunk, G. M. Ewing, W. T. Reid and E. Silverman, "An empirical distribution
   function for sampling with incomplete information", Annals of Mathematical Statistics 26(4),
   1955, pp. 641-647 (pool adjacent violators). https://doi.org/10.1214/aoms/1177728423
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from einfluence.base.random import check_random_state
from einfluence.base.validation import check_scalar
from einfluence.exceptions import ParameterError
from einfluence.opinion.discrete import SIDES, simulate_opinions, wilson
from einfluence.opinion.linear import check_network
from einfluence.opinion.network import InfluenceNetwork

__all__ = ["TippingPoint", "isotonic", "tipping_point"]


def isotonic(p: np.ndarray, w: np.ndarray) -> np.ndarray:
    """The non-decreasing sequence closest to ``p`` in weighted least squares (pool adjacent violators).

    Examples
    --------
    >>> isotonic(np.array([0.0, 0.5, 0.3, 1.0]), np.ones(4)).tolist()
    [0.0, 0.4, 0.4, 1.0]
    """
    values: list[float] = []
    weights: list[float] = []
    sizes: list[int] = []
    for v, ww in zip(np.asarray(p, float), np.asarray(w, float), strict=True):
        values.append(float(v))
        weights.append(float(ww))
        sizes.append(1)
        while len(values) > 1 and values[-2] > values[-1]:
            tw = weights[-2] + weights[-1]
            merged = (values[-2] * weights[-2] + values[-1] * weights[-1]) / tw if tw else values[-1]
            values[-2:] = [merged]
            weights[-2:] = [tw]
            sizes[-2:] = [sizes[-2] + sizes[-1]]
    return np.repeat(values, sizes)


def _crossing(k: np.ndarray, p: np.ndarray) -> tuple[float, int]:
    """Interpolated ``k`` where the non-decreasing ``p`` reaches 1/2, and the index of the first
    point at or above it (``nan, -1`` when never)."""
    above = np.flatnonzero(p >= 0.5)
    if not above.size:
        return math.nan, -1
    j = int(above[0])
    if j == 0:
        return float(k[0]), 0
    k0, k1, p0, p1 = k[j - 1], k[j], p[j - 1], p[j]
    return float(k0 + (0.5 - p0) / (p1 - p0) * (k1 - k0)), j


@dataclass(frozen=True, eq=False)
class TippingPoint:
    """Where a population tips (compare fields, not instances); see :func:`tipping_point`.

    Attributes
    ----------
    model, side : str
        The discrete model; ``"a"`` (converts for the brand) or ``"b"`` (against it).
    n_nodes, horizon, n_runs : int
        Population, horizon (sweeps) and runs per tested count.
    critical_fraction, low, high : float
        ``k* / n`` and its 95 % interval; NaN when even ``max_share`` does not tip it (then
        ``low`` is the largest share tested).
    critical_count : int or None
        ``ceil(k*)``: converts needed for a flip probability of at least 1/2.
    counts, flip, flip_low, flip_high, flip_fit : numpy.ndarray
        Tested counts (ascending), measured flip probability with its Wilson interval, and the
        monotone fit.
    order : numpy.ndarray of int64 or None
        The order of the converts (None when drawn at random in each run); the first
        ``critical_count`` are the accounts whose conversion tips the population.
    seed : int
    """

    model: str
    side: str
    n_nodes: int
    horizon: int
    n_runs: int
    critical_fraction: float
    low: float
    high: float
    critical_count: int | None
    counts: np.ndarray
    flip: np.ndarray
    flip_low: np.ndarray
    flip_high: np.ndarray
    flip_fit: np.ndarray
    order: np.ndarray | None
    seed: int

    @property
    def tipped(self) -> bool:
        """Whether some tested number of converts flips the majority with probability >= 1/2."""
        return self.critical_count is not None

    @property
    def accounts(self) -> np.ndarray | None:
        """The converts whose conversion tips it (the first ``critical_count`` of ``order``)."""
        if self.order is None or self.critical_count is None:
            return None
        return self.order[: self.critical_count]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields (NaN as None)."""

        def num(x: float) -> float | None:
            return None if not math.isfinite(x) else float(x)

        return {
            "model": self.model, "side": self.side, "n_nodes": self.n_nodes, "horizon": self.horizon,
            "n_runs": self.n_runs, "critical_fraction": num(self.critical_fraction), "low": num(self.low),
            "high": num(self.high), "critical_count": self.critical_count, "tipped": self.tipped,
            "curve": [
                {"count": int(k), "fraction": k / max(self.n_nodes, 1), "flip": float(p), "flip_low": float(lo),
                 "flip_high": float(hi), "fit": float(f)}
                for k, p, lo, hi, f in zip(self.counts, self.flip, self.flip_low, self.flip_high, self.flip_fit,
                                           strict=True)
            ],
            "seed": self.seed,
        }


def tipping_point(
    net: InfluenceNetwork,
    model: str = "naming-game",
    *,
    initial: float | np.ndarray = 0.0,
    undecided: float | np.ndarray = 0.0,
    committed_a: Sequence[int] | np.ndarray | None = None,
    committed_b: Sequence[int] | np.ndarray | None = None,
    side: str = "a",
    order: Sequence[int] | np.ndarray | None = None,
    pool: Sequence[int] | np.ndarray | None = None,
    max_share: float = 0.3,
    n_runs: int = 40,
    horizon: int = 100,
    coarse: int = 12,
    fine: int = 8,
    n_bootstrap: int = 400,
    q: int = 2,
    epsilon: float = 0.0,
    group_size: int = 3,
    random_state: int | np.random.Generator | None = None,
) -> TippingPoint:
    """The smallest share of converts that flips the population's majority within ``horizon``.

    Parameters
    ----------
    net : InfluenceNetwork
        The population (a community's subnetwork, or the whole graph).
    model : {"naming-game", "voter", "q-voter", "majority"}
    initial, undecided : float or numpy.ndarray
        Probability that a free account starts with A, undecided (naming game); see
        :meth:`Opinions.discrete <einfluence.opinion.initial.Opinions.discrete>`.
    committed_a, committed_b : array-like of int, optional
        Accounts already committed (the brand, advocates; detractors).
    side : {"a", "b"}
        Converts are committed to A (advocates) or B (detractors, the counter-case); the flip is
        a strict majority for that opinion.
    order : array-like of int, optional
        Convert the first ``k`` of this order (accounts already committed are skipped); None:
        ``k`` accounts drawn anew in each run from ``pool`` (every free account by default).
    max_share : float
        Largest share of the population converted.
    n_runs : int
        Runs per tested count.
    horizon : int
        Sweeps (each account updates once per sweep on average).
    coarse, fine : int
        Tested counts on the coarse grid and inside the bracket.
    n_bootstrap : int
        Bootstrap refits for the interval.
    q, epsilon, group_size
        Parameters of the q-voter and majority models.
    random_state : None, int or numpy.random.Generator

    Returns
    -------
    TippingPoint

    Raises
    ------
    GraphTypeError
        If ``net`` is not an InfluenceNetwork.
    ParameterError
        On out-of-range parameters.

    Examples
    --------
    The naming game on a complete graph of 300 accounts holding B: about a tenth must be committed.

    >>> net = InfluenceNetwork.complete(300)
    >>> tp = tipping_point(net, n_runs=8, horizon=60, coarse=6, fine=4, random_state=0)
    >>> 0.05 < tp.critical_fraction < 0.2, tp.low <= tp.critical_fraction <= tp.high
    (True, True)

    Notes
    -----
    About ``(coarse + fine) * n_runs`` runs of the model, each O(n * horizon) at most (runs stop
    at consensus).
    """
    net = check_network(net)
    n = net.n_nodes
    if side not in SIDES:
        raise ParameterError(f"must be 'a' or 'b', got {side!r}", parameter="side")
    check_scalar(max_share, "max_share", numbers.Real, min_val=0.0, max_val=1.0, include_min=False)
    check_scalar(coarse, "coarse", numbers.Integral, min_val=2)
    check_scalar(fine, "fine", numbers.Integral, min_val=0)
    check_scalar(n_bootstrap, "n_bootstrap", numbers.Integral, min_val=0)
    check_scalar(n_runs, "n_runs", numbers.Integral, min_val=1)
    rng = check_random_state(random_state)
    seed = int(rng.integers(0, 2**63 - 1))
    fixed = np.zeros(n, dtype=bool)
    for ids in (committed_a, committed_b):
        if ids is not None:
            ids = np.asarray(ids, dtype=np.int64)
            fixed[ids[(ids >= 0) & (ids < n)]] = True
    if order is not None:
        order_arr = np.asarray(order, dtype=np.int64).ravel()
        if order_arr.size and (order_arr.min() < 0 or order_arr.max() >= n):
            raise ParameterError(f"order must lie in [0, {n})", parameter="order")
        _, first = np.unique(order_arr, return_index=True)
        order_arr = order_arr[np.sort(first)]
        order_arr = order_arr[~fixed[order_arr]]
        available = order_arr.size
    else:
        order_arr = None
        pool_arr = np.flatnonzero(~fixed) if pool is None else np.asarray(pool, dtype=np.int64)
        pool_arr = pool_arr[~fixed[pool_arr]]
        available = pool_arr.size
    k_max = int(min(available, math.floor(max_share * n)))
    common = {"initial": initial, "undecided": undecided, "target": side, "n_runs": n_runs, "horizon": horizon,
              "q": q, "epsilon": epsilon, "group_size": group_size}
    measured: dict[int, int] = {}

    def measure(k: int) -> None:
        if k in measured:
            return
        stream = seed + 7919 * k  # one stream family per count: results do not depend on the grid order
        if order_arr is None:
            runs = simulate_opinions(net, model, committed_a=committed_a, committed_b=committed_b,
                                     n_random_committed=k, random_side=side, pool=pool_arr,
                                     random_state=stream % (2**63 - 1), **common)
        else:
            extra = order_arr[:k]
            ca = np.concatenate([np.asarray(committed_a if committed_a is not None else [], np.int64),
                                 extra if side == "a" else []]).astype(np.int64)
            cb = np.concatenate([np.asarray(committed_b if committed_b is not None else [], np.int64),
                                 extra if side == "b" else []]).astype(np.int64)
            if side == "b":  # converts to B win over an earlier commitment to A
                ca = ca[~np.isin(ca, extra)]
            runs = simulate_opinions(net, model, committed_a=ca, committed_b=cb, random_state=stream % (2**63 - 1),
                                     **common)
        measured[k] = int(runs.flipped.sum())

    for k in np.unique(np.linspace(0, k_max, int(coarse)).round().astype(int)):
        measure(int(k))
    ks = np.array(sorted(measured))
    fit = isotonic(np.array([measured[k] for k in ks]) / n_runs, np.ones(ks.size))
    _, j = _crossing(ks, fit)
    if j > 0:  # refine inside the bracket
        for k in np.unique(np.linspace(ks[j - 1], ks[j], int(fine) + 2).round().astype(int)):
            measure(int(k))
    ks = np.array(sorted(measured))
    flips = np.array([measured[k] for k in ks], dtype=np.float64)
    p = flips / n_runs
    fit = isotonic(p, np.full(ks.size, float(n_runs)))
    k_star, j = _crossing(ks, fit)
    bounds = np.array([wilson(f, n_runs) for f in flips]).reshape(-1, 2)
    if j < 0:
        low = k_max / n if n else math.nan
        return TippingPoint(model, side, n, int(horizon), int(n_runs), math.nan, low, math.nan, None, ks, p,
                            bounds[:, 0], bounds[:, 1], fit, order_arr, seed)
    boots = []
    for _ in range(int(n_bootstrap)):
        redrawn = rng.binomial(int(n_runs), p) / n_runs
        kb, _ = _crossing(ks, isotonic(redrawn, np.full(ks.size, float(n_runs))))
        boots.append(kb if math.isfinite(kb) else float(k_max))
    lo_k, hi_k = (float(v) for v in np.percentile(boots, [2.5, 97.5])) if boots else (k_star, k_star)
    lo_k = min(lo_k, float(ks[j - 1]) if j > 0 else float(ks[0]))
    hi_k = max(hi_k, float(ks[j]))
    return TippingPoint(model, side, n, int(horizon), int(n_runs), k_star / n, lo_k / n, hi_k / n,
                        math.ceil(k_star - 1e-9), ks, p, bounds[:, 0], bounds[:, 1], fit, order_arr, seed)
