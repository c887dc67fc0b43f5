"""IMM: influence maximisation in near-linear time with a martingale stopping rule.

IMM [1]_ picks ``k`` seeds whose expected spread is at least ``(1 - 1/e - ε)`` times the
optimum with probability ``1 - 1/n^ℓ``. It samples random RR sets (:mod:`.rrsets`) in two
phases: the *sampling* phase halves a guess ``x`` of the optimum until greedy coverage on
``λ'/x`` RR sets certifies ``OPT >= LB``; the final ``θ = λ*/LB`` RR sets then go to a greedy
maximum coverage, whose covered fraction times ``n`` is the reported spread. With a target
audience, roots are drawn from it (proportionally to weights) and every ``n`` that scales a
spread becomes the total target weight ``W`` [2]_.

References
----------
.. [1] Y. Tang, Y. Shi and X. Xiao, "Influence maximization in near-linear time: a martingale
   approach", Proc. SIGMOD 2015, pp. 1539-1554. https://doi.org/10.1145/2723372.2723734
.. [2] Y. Li, D. Zhang and K.-L. Tan, "Real-time targeted influence maximization for online
   advertisements", PVLDB 8(10), 2015, pp. 1070-1081. https://doi.org/10.14778/2794367.2794376
"""

from __future__ import annotations

import math
import numbers
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np

from einfluence.base.random import base_seed
from einfluence.base.validation import check_scalar
from einfluence.exceptions import ParameterError
from einfluence.graph.diffusion import DiffusionGraph
from einfluence.targeting._common import (
    CoverIndex,
    InGraph,
    RRSampler,
    check_graph,
    check_k,
    check_model,
    check_nodes,
    log_binomial,
    target_weights,
)

__all__ = ["SeedSet", "imm", "imm_bounds", "imm_with", "rr_memory"]

_ONE_MINUS_INV_E = 1.0 - 1.0 / math.e


@dataclass(frozen=True)
class SeedSet:
    """Seeds chosen for a campaign, with what the algorithm knows about them.

    Attributes
    ----------
    seeds : numpy.ndarray of int64
        Account ids in selection order (forced seeds first).
    marginal : numpy.ndarray of float64
        Estimated reach added by each seed, in the order of ``seeds``; sums to
        ``expected_spread``.
    expected_spread : float
        Estimated expected number of accounts reached (or target weight reached).
    method : str
        ``"imm"``, ``"budgeted_imm"``, ``"celf"`` or ``"greedy_exact"``.
    model : str
        ``"ic"`` or ``"lt"``.
    rr_sets : int
        Number of RR sets θ behind the estimate (0 without RR sets).
    epsilon, ell : float or None
        Accuracy and confidence parameters (ℓ as given, before IMM's adjustment).
    approximation : float or None
        Guaranteed ratio to the optimum (with probability ``1 - 1/n^ℓ`` for IMM):
        ``1 - 1/e - ε`` for IMM, ``(1 - 1/e)/2 - ε`` for the budgeted variant.
    lower_bound : float or None
        The lower bound LB of the optimum found by IMM's sampling phase.
    seconds : float
        Time of the algorithm (validation and graph preparation included).
    seed : int or None
        The 63-bit base seed of the random streams.
    cost : float or None
        Total cost of the seeds (budgeted selection).
    budget : float or None
    """

    seeds: np.ndarray
    marginal: np.ndarray
    expected_spread: float
    method: str
    model: str
    rr_sets: int = 0
    epsilon: float | None = None
    ell: float | None = None
    approximation: float | None = None
    lower_bound: float | None = None
    seconds: float = 0.0
    seed: int | None = None
    cost: float | None = None
    budget: float | None = None
    extra: dict = field(default_factory=dict)

    def __len__(self) -> int:
        return int(self.seeds.size)

    def to_dict(self) -> dict:
        """Plain Python values (lists, floats, ints, str, None), ready for JSON."""
        out = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if isinstance(value, np.ndarray):
                value = value.tolist()
            elif isinstance(value, np.generic):
                value = value.item()
            elif isinstance(value, dict):
                value = dict(value)
            out[name] = value
        return out


def imm_bounds(
    n: int, k: int, epsilon: float, ell: float, *, scale: float | None = None, ratio: float = _ONE_MINUS_INV_E
) -> dict[str, float]:
    """The constants of IMM (Tang, Shi & Xiao 2015, Algorithms 2 and 3, Equations 6 and 9).

    Parameters
    ----------
    n : int
        Number of nodes (in ``log C(n, k)`` and ``ℓ log n``).
    k : int
        Number of seeds.
    epsilon, ell : float
        ε and ℓ as given by the user; ℓ is adjusted here to ``ℓ (1 + log 2 / log n)`` so that
        both phases together fail with probability at most ``1/n^ℓ``.
    scale : float, optional
        What multiplies a covered fraction into a spread: ``n`` (default) or the total target
        weight.
    ratio : float
        Approximation ratio of the node selection (``1 - 1/e`` for the greedy).

    Returns
    -------
    dict
        ``ell`` (adjusted), ``epsilon_prime`` (``√2 ε``), ``lambda_prime``, ``lambda_star`` and
        ``rounds`` (the number of halvings of the sampling phase, ``⌊log2 scale⌋ - 1``).

    Examples
    --------
    >>> b = imm_bounds(1000, 10, 0.5, 1.0)
    >>> round(b["epsilon_prime"], 4), b["rounds"]
    (0.7071, 8)
    """
    scale = float(n if scale is None else scale)
    log_n = math.log(n) if n > 1 else 0.0
    ell = ell * (1.0 + math.log(2.0) / log_n) if n > 1 else ell
    eps_p = math.sqrt(2.0) * epsilon
    log_cnk = log_binomial(n, k)
    log_log2 = math.log(math.log2(n)) if n > 2 else 0.0
    lambda_prime = (2.0 + 2.0 / 3.0 * eps_p) * (log_cnk + ell * log_n + log_log2) * scale / eps_p**2
    alpha = math.sqrt(ell * log_n + math.log(2.0))
    beta = math.sqrt(ratio * (log_cnk + ell * log_n + math.log(2.0)))
    lambda_star = 2.0 * scale * (ratio * alpha + beta) ** 2 / epsilon**2
    rounds = max(math.floor(math.log2(scale)) - 1, 0) if scale >= 1 else 0
    return {
        "ell": ell,
        "epsilon_prime": eps_p,
        "lambda_prime": lambda_prime,
        "lambda_star": lambda_star,
        "rounds": rounds,
    }


#: default ``memory_limit`` of IMM's RR-set store, in bytes (4 GiB)
DEFAULT_MEMORY_LIMIT = 4 * 2**30
#: bytes per stored RR-set entry (the store and the inverted index of the greedy, int32 each,
#: the index kept from round to round in segments, plus the sampler's transient buffers), and
#: per RR set (offset, covered flag, sizes)
_BYTES_PER_ENTRY = 16
_BYTES_PER_SET = 13
#: RR sets drawn to measure their mean size before the first memory check
_PILOT = 1000


def rr_memory(n_sets: float, mean_size: float) -> float:
    """Estimated bytes for ``n_sets`` RR sets of ``mean_size`` accounts on average (store + greedy)."""
    return n_sets * (_BYTES_PER_ENTRY * mean_size + _BYTES_PER_SET)


def _check_memory(sampler: RRSampler, total: int, epsilon: float, limit: float | None, why: str) -> None:
    """Raise before drawing ``total`` RR sets if they would not fit in ``limit`` bytes."""
    if limit is None or total <= sampler.n_sets:
        return
    if sampler.n_sets == 0:
        sampler.extend_to(min(total, _PILOT))
    need = rr_memory(total, sampler.mean_size())
    if need > limit:
        fit = epsilon * math.sqrt(need / limit)
        raise ParameterError(
            f"IMM needs {total:,} RR sets ({why}) of {sampler.mean_size():.3g} accounts on average: "
            f"about {need / 2**30:.1f} GiB, above memory_limit = {limit / 2**30:.2f} GiB. The "
            f"optimum spread to certify is tiny next to the number of accounts, and θ grows as "
            f"1/ε²: use a larger epsilon (about {min(fit, 0.99):.2g} would fit) or raise memory_limit."
        )


def run_imm(
    sampler: RRSampler,
    n: int,
    k_bound: int,
    epsilon: float,
    ell: float,
    ratio: float,
    select: Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]],
    lb_floor: float,
    memory_limit: float | None = None,
) -> tuple[np.ndarray, np.ndarray, float, float]:
    """IMM's two phases around any node selection; returns seeds, gains, θ-coverage scale, LB.

    Before each batch of RR sets, their memory is estimated from the mean size of those drawn so
    far (:func:`rr_memory`); above ``memory_limit`` bytes a ParameterError is raised, suggesting
    a larger ε, instead of exhausting the machine.
    """
    b = imm_bounds(n, k_bound, epsilon, ell, scale=sampler.total_weight, ratio=ratio)
    scale = sampler.total_weight
    eps_p = b["epsilon_prime"]
    lower = lb_floor
    last: tuple[int, np.ndarray, np.ndarray] | None = None
    for i in range(1, b["rounds"] + 1):
        x = scale / 2.0**i
        total = math.ceil(b["lambda_prime"] / x)
        _check_memory(sampler, total, epsilon, memory_limit, f"sampling phase: λ'/x with x = {x:.4g}, OPT not yet above x")
        sampler.extend_to(total)
        nodes, offsets = sampler.view()
        seeds, gains = select(nodes, offsets)
        last = (sampler.n_sets, seeds, gains)
        estimate = scale * gains.sum() / sampler.n_sets
        if estimate >= (1.0 + eps_p) * x:
            lower = max(estimate / (1.0 + eps_p), lb_floor)
            break
    total = math.ceil(b["lambda_star"] / lower)
    _check_memory(sampler, total, epsilon, memory_limit, f"θ = λ*/LB with λ* = {b['lambda_star']:.4g}, LB = {lower:.4g}")
    sampler.extend_to(total)
    if last is None or last[0] != sampler.n_sets:  # else: the same RR sets, the same greedy
        nodes, offsets = sampler.view()
        seeds, gains = select(nodes, offsets)
    else:
        seeds, gains = last[1], last[2]
    return seeds, gains, scale / sampler.n_sets, lower


def prepare(
    g: DiffusionGraph,
    model: str,
    target: object,
    exclude: object,
    include: object,
) -> tuple[DiffusionGraph, str, np.ndarray | None, np.ndarray, np.ndarray]:
    """Validate the shared arguments: the graph, the model, target weights, include ids and the allowed mask."""
    g = check_graph(g)
    model = check_model(model)
    n = g.n_nodes
    weights = target_weights(target, n)
    forced = check_nodes(include, n, "include")
    excluded = check_nodes(exclude, n, "exclude")
    if np.intersect1d(forced, excluded).size:
        raise ParameterError("an account cannot be both included and excluded")
    allowed = np.ones(n, np.bool_)
    allowed[excluded] = False
    return g, model, weights, forced, allowed


def imm(
    g: DiffusionGraph,
    k: int,
    *,
    epsilon: float = 0.1,
    ell: float = 1.0,
    model: str = "ic",
    target: Iterable[int] | np.ndarray | None = None,
    random_state: int | np.random.Generator | None = None,
    exclude: Iterable[int] | np.ndarray | None = None,
    include: Iterable[int] | np.ndarray | None = None,
    memory_limit: float | None = DEFAULT_MEMORY_LIMIT,
) -> SeedSet:
    """Choose ``k`` seed accounts of near-maximum expected spread with IMM.

    Parameters
    ----------
    g : DiffusionGraph
        Influence arcs ``u -> v`` with their IC probability (or LT weight).
    k : int
        Number of seeds, ``len(include) <= k <= n_nodes - len(exclude)``.
    epsilon : float
        Accuracy ε in (0, 1): the spread is at least ``(1 - 1/e - ε) OPT``.
    ell : float
        Confidence ℓ > 0: the guarantee holds with probability at least ``1 - 1/n^ℓ``.
    model : {"ic", "lt"}
        Independent cascade or linear threshold.
    target : array-like, optional
        Maximise the reach inside this audience: account ids, a boolean mask or non-negative
        float weights of shape ``(n_nodes,)`` (targeted RR sets). None: every account counts 1.
    random_state : None, int or numpy.random.Generator
        Seed; the result does not depend on the number of threads.
    exclude : iterable of int, optional
        Accounts never chosen (they still relay influence).
    include : iterable of int, optional
        Accounts chosen first, in the given order; the greedy completes the set to ``k``.
    memory_limit : float or None
        Bytes the RR sets may take (default 4 GiB, None: no limit). θ is known before the RR
        sets are drawn (``λ'/x`` in the sampling phase, ``λ*/LB`` at the end); when it would
        need more, about ``16`` bytes per RR-set entry, IMM stops with a ParameterError that
        suggests a larger ε, rather than weakening its guarantee.

    Returns
    -------
    SeedSet
        ``seeds`` in selection order, ``marginal`` estimated gains, ``expected_spread``
        (``W · covered / θ``, ``W = n`` or the target weight), ``rr_sets`` θ, ``lower_bound``,
        ``approximation = 1 - 1/e - ε``, ``seconds``.

    Raises
    ------
    GraphTypeError
        If ``g`` is not a DiffusionGraph (or is empty).
    ParameterError
        On ε, ℓ, k, model or target out of range, or an account both included and excluded;
        when the RR sets would exceed ``memory_limit``.

    Examples
    --------
    >>> g = DiffusionGraph.from_arcs([0, 0, 0, 3], [1, 2, 3, 4], 1.0, n_nodes=6)
    >>> result = imm(g, 2, epsilon=0.5, random_state=0)
    >>> result.seeds.tolist(), result.expected_spread  # 0 reaches 5 accounts, 5 only itself
    ([0, 5], 6.0)
    >>> imm(g, 1, epsilon=0.5, exclude=[0], random_state=0).seeds.tolist()
    [3]

    Notes
    -----
    Expected time ``O((k + ℓ)(n + m) log n / ε²)``; memory: the θ RR sets as one int32 array
    (offsets int32 below 2^31 entries) and its inverted index, kept from round to round. The node selection is IMM's greedy maximum
    coverage: a counting sort over the threads indexes the RR sets of each round as they come (node ->
    RR sets), then each step takes the largest count from a lazy max-heap and updates the
    counts over the newly covered RR sets only. As in
    the paper, the final RR sets extend those of the sampling phase (Chen [3]_ showed that
    strictly this reuse needs a slightly larger θ; the effect is negligible in practice).

    References
    ----------
    .. [1] Y. Tang, Y. Shi and X. Xiao, "Influence maximization in near-linear time: a
       martingale approach", Proc. SIGMOD 2015, pp. 1539-1554.
       https://doi.org/10.1145/2723372.2723734
    .. [2] Y. Li, D. Zhang and K.-L. Tan, "Real-time targeted influence maximization for
       online advertisements", PVLDB 8(10), 2015, pp. 1070-1081.
       https://doi.org/10.14778/2794367.2794376
    .. [3] W. Chen, "An issue in the martingale analysis of the influence maximization
       algorithm IMM", Proc. CSoNet 2018, pp. 286-297.
       https://doi.org/10.1007/978-3-030-04648-4_24
    """
    return imm_with(RRSampler, g, k, epsilon=epsilon, ell=ell, model=model, target=target,
                    random_state=random_state, exclude=exclude, include=include, memory_limit=memory_limit)


def imm_with(
    sampler_type: Callable[[InGraph, np.ndarray | None, int], RRSampler],
    g: DiffusionGraph,
    k: int,
    *,
    epsilon: float = 0.1,
    ell: float = 1.0,
    model: str = "ic",
    target: Iterable[int] | np.ndarray | None = None,
    random_state: int | np.random.Generator | None = None,
    exclude: Iterable[int] | np.ndarray | None = None,
    include: Iterable[int] | np.ndarray | None = None,
    memory_limit: float | None = DEFAULT_MEMORY_LIMIT,
) -> SeedSet:
    """:func:`imm` with the RR sets drawn by another sampler (``sampler_type(graph, weights, seed)``,
    a :class:`~einfluence.targeting._common.RRSampler` whose RR set ``i`` depends only on the seed
    and ``i``): the Spark engine draws them on its executors, the rest is this function's."""
    started = time.perf_counter()
    g, model, weights, forced, allowed = prepare(g, model, target, exclude, include)
    check_scalar(epsilon, "epsilon", numbers.Real, min_val=0.0, max_val=1.0, include_min=False, include_max=False)
    check_scalar(ell, "ell", numbers.Real, min_val=0.0, include_min=False)
    if memory_limit is not None:
        check_scalar(memory_limit, "memory_limit", numbers.Real, min_val=0.0, include_min=False)
    n = g.n_nodes
    k = check_k(k, int(allowed.sum()))
    if forced.size > k:
        raise ParameterError(f"include holds {forced.size} accounts, more than k={k}")
    seed = base_seed(random_state)
    sampler = sampler_type(InGraph(g, model), weights, seed)

    index = CoverIndex(n)  # extended round after round: each RR set is indexed once

    def select(nodes: np.ndarray, offsets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return index.greedy(nodes, offsets, k, forced, allowed)

    lb_floor = 1.0 if weights is None else float(weights.max())
    seeds, gains, unit, lower = run_imm(
        sampler, n, k, float(epsilon), float(ell), _ONE_MINUS_INV_E, select, lb_floor, memory_limit
    )
    marginal = gains * unit
    return SeedSet(
        seeds=seeds.astype(np.int64),
        marginal=marginal,
        expected_spread=float(marginal.sum()),
        method="imm",
        model=model,
        rr_sets=sampler.n_sets,
        epsilon=float(epsilon),
        ell=float(ell),
        approximation=_ONE_MINUS_INV_E - float(epsilon),
        lower_bound=float(lower),
        seconds=time.perf_counter() - started,
        seed=seed,
    )
