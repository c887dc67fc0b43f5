"""Discrete opinion models: conformity (voter, majority rule, q-voter) and innovation (naming game).

Each account holds opinion A (for the brand) or B (against); in the naming game it may also hold
both (AB: undecided). Time runs in sweeps of ``n`` elementary updates; at each update an account is
drawn uniformly (the *listener*) and the accounts it listens to are drawn in proportion to the
attention it pays them (:class:`~einfluence.opinion.InfluenceNetwork`):

``voter`` (Clifford & Sudbury [1]_, Holley & Liggett [2]_)
    The listener copies the opinion of one source. On a complete graph the probability that all
    end on A equals the initial share of A (the share of A is a martingale).
``q-voter`` (Castellano, Muñoz & Pastor-Satorras [3]_)
    The listener draws ``q`` sources (with repetition); if they agree it adopts their opinion,
    otherwise it flips with probability ``epsilon``: conformity to a unanimous group.
``majority`` (Galam [4]_)
    The listener and ``group_size - 1`` of its sources (distinct when possible) form a group; every
    member adopts the group's majority (``group_size`` odd).
``naming-game`` (binary agreement model, Xie et al. [5]_)
    A source (the speaker) voices one of its words (at random when it holds both); if the listener
    holds it, both keep only that word, otherwise the listener adds it. With a fraction ``p`` of
    agents committed to A in a population holding B, consensus on A takes a time logarithmic in the
    size above ``p_c ≈ 0.10`` and exponential below: a committed minority tips the majority.

Committed agents (advocates, detractors, the brand) never change. Every run draws the initial
opinions of the free agents from per-account probabilities (so the uncertainty of measured
opinions is carried over the runs) and may also commit ``n_random_committed`` agents drawn anew.

References
----------
.. [1] P. Clifford and A. Sudbury, "A model for spatial conflict", Biometrika 60(3), 1973,
   pp. 581-588. https://doi.org/10.1093/biomet/60.3.581
.. [2] R. A. Holley and T. M. Liggett, "Ergodic theorems for weakly interacting infinite systems
   and the voter model", Annals of Probability 3(4), 1975, pp. 643-663.
   https://doi.org/10.1214/aop/1176996306
.. [3] C. Castellano, M. A. Muñoz and R. Pastor-Satorras, "Nonlinear q-voter model", Physical
   Review E 80, 041129, 2009. https://doi.org/10.1103/PhysRevE.80.041129
.. [4] S. Galam, "Minority opinion spreading in random geometry", European Physical Journal B
   25(4), 2002, pp. 403-406. https://doi.org/10.1140/epjb/e20020045
.. [5] J. Xie, S. Sreenivasan, G. Korniss, W. Zhang, C. Lim and B. K. Szymanski, "Social
   consensus through the influence of committed minorities", Physical Review E 84, 011130, 2011.
   https://doi.org/10.1103/PhysRevE.84.011130
.. [6] C. Castellano, S. Fortunato and V. Loreto, "Statistical physics of social dynamics",
   Reviews of Modern Physics 81, 2009, pp. 591-646. https://doi.org/10.1103/RevModPhys.81.591
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from einfluence.base.random import base_seed
from einfluence.base.unique import unique_ints
from einfluence.base.validation import check_scalar
from einfluence.exceptions import ParameterError
from einfluence.opinion import _kernels
from einfluence.opinion.linear import check_network
from einfluence.opinion.network import InfluenceNetwork

__all__ = ["MODELS", "SIDES", "DiscreteRuns", "simulate_opinions", "wilson"]

#: the discrete models, as named in the command line
MODELS = tuple(_kernels.MODEL_CODES)
#: the two opinions: "a" (for) and "b" (against)
SIDES = ("a", "b")
_CODE = {"b": 0, "a": 1}
_Z95 = 1.959963984540054


def wilson(k: float, n: float, z: float = _Z95) -> tuple[float, float]:
    """Wilson 95 % interval of a proportion ``k / n`` (``(nan, nan)`` for ``n == 0``).

    Examples
    --------
    >>> tuple(round(v, 3) for v in wilson(5, 10))
    (0.237, 0.763)
    """
    if n <= 0:
        return (float("nan"), float("nan"))
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (float(max(0.0, centre - half)), float(min(1.0, centre + half)))


@dataclass(frozen=True, eq=False)
class DiscreteRuns:
    """Monte-Carlo runs of a discrete opinion model (compare fields, not instances).

    Attributes
    ----------
    model : str
    n_nodes, n_runs, horizon : int
    target : str
        The opinion (``"a"`` or ``"b"``) whose majority and consensus are recorded.
    final : numpy.ndarray of int64, shape (n_runs, 3)
        Accounts holding B, A and AB at the end of each run.
    t_majority, t_consensus : numpy.ndarray of float64, shape (n_runs,)
        First time (in sweeps) a majority, resp. all, held the target opinion; -1 if never.
    trajectory : numpy.ndarray of float64, shape (horizon + 1,)
        Mean share holding the target opinion at the end of each sweep (0 = the start).
    seed : int
        The base seed of the per-run streams.
    """

    model: str
    n_nodes: int
    n_runs: int
    horizon: int
    target: str
    final: np.ndarray
    t_majority: np.ndarray
    t_consensus: np.ndarray
    trajectory: np.ndarray
    seed: int

    @property
    def share(self) -> np.ndarray:
        """Final share holding the target opinion, per run."""
        return self.final[:, _CODE[self.target]] / max(self.n_nodes, 1)

    @property
    def flipped(self) -> np.ndarray:
        """Whether the target opinion holds a strict majority at the horizon, per run."""
        return 2 * self.final[:, _CODE[self.target]] > self.n_nodes

    @property
    def consensus(self) -> np.ndarray:
        """Whether every account held the target opinion within the horizon, per run."""
        return self.t_consensus >= 0

    def flip_probability(self) -> tuple[float, float, float]:
        """Share of runs whose majority holds the target opinion at the horizon, with its
        Wilson 95 % interval: ``(p, low, high)``."""
        k = int(self.flipped.sum())
        return (k / self.n_runs, *wilson(k, self.n_runs))

    def consensus_probability(self) -> tuple[float, float, float]:
        """Share of runs reaching consensus on the target opinion, with its Wilson interval."""
        k = int(self.consensus.sum())
        return (k / self.n_runs, *wilson(k, self.n_runs))


def _node_list(values: Sequence[int] | np.ndarray | None, n: int, name: str) -> np.ndarray:
    if values is None:
        return np.zeros(0, dtype=np.int64)
    arr = np.asarray(values)
    if arr.size and (arr.ndim != 1 or not np.issubdtype(arr.dtype, np.integer)):
        raise ParameterError(f"{name} must be a one-dimensional array of node ids", parameter=name)
    arr = arr.astype(np.int64).ravel()
    if arr.size and (arr.min() < 0 or arr.max() >= n):
        raise ParameterError(f"{name} must lie in [0, {n})", parameter=name)
    return unique_ints(arr)


def _probabilities(value: float | np.ndarray, n: int, name: str) -> np.ndarray:
    p = np.broadcast_to(np.asarray(value, dtype=np.float64), (n,)).copy()
    if not np.isfinite(p).all() or (p < 0).any() or (p > 1).any():
        raise ParameterError(f"{name} must lie in [0, 1]", parameter=name)
    return p


def n_threads(n_runs: int) -> int:
    """Threads for ``n_runs`` runs: numba's thread count (``NUMBA_NUM_THREADS``), at most one per run."""
    from einfluence.base.jit import get_num_threads

    return max(1, min(int(get_num_threads()), n_runs))


def run_chunks(kernel: object, n_runs: int, *args: object) -> None:
    """Call ``kernel(*args[:-k], lo, hi, *rest)`` on blocks of runs handed out to the threads.

    ``kernel`` is a GIL-releasing numba function taking ``lo, hi`` (a block of runs) where
    :func:`run_chunks` finds the placeholder ``CHUNK`` among ``args``; a per-thread output is
    given as a list of ``n_threads`` arrays (:class:`PerChunk`) and each thread receives its own.

    The threads take the next block from a shared counter when they are done with the previous
    one (guided scheduling: a block is the ``1 / (2 * threads)`` of the runs not yet handed out,
    at least one run), so that a thread whose runs end sooner, or whose core is busier, takes
    more of them: a few large blocks first, single runs at the end. Which thread runs a run never
    matters to its result (each run draws from its own streams and writes its own rows; the
    per-thread outputs are summed exactly by the caller).
    """
    n_chunks = n_threads(n_runs)
    at = next(i for i, a in enumerate(args) if a is CHUNK)

    def call(c: int, lo: int, hi: int) -> None:
        full = [a[c] if isinstance(a, PerChunk) else a for a in args]
        kernel(*full[:at], lo, hi, *full[at + 1:])  # type: ignore[operator]

    if n_chunks == 1:
        call(0, 0, n_runs)
        return
    import threading
    from concurrent.futures import ThreadPoolExecutor

    lock = threading.Lock()
    handed = [0]

    def worker(c: int) -> None:
        while True:
            with lock:
                lo = handed[0]
                hi = min(n_runs, lo + max(1, (n_runs - lo) // (2 * n_chunks)))
                handed[0] = hi
            if lo >= n_runs:
                return
            call(c, lo, hi)

    with ThreadPoolExecutor(max_workers=n_chunks) as pool:
        list(pool.map(worker, range(n_chunks)))


#: where :func:`run_chunks` puts a chunk's ``lo, hi``
CHUNK = object()


class PerChunk(list):
    """One array per thread of :func:`run_chunks` (each thread receives its own, for every block)."""


def sampling_tables(net: InfluenceNetwork) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The tables from which the discrete kernels draw a source in O(1), weighted or not
    (:func:`einfluence.opinion._kernels.sampling_tables`): ``(offs, src, alias, keep)``.

    Raises
    ------
    ParameterError
        Beyond ``2**31 - 1`` accounts or ``2**32 - 1`` pairs (the draws take 32 bits).
    """
    if net.n_nodes >= 2**31 - 1 or net.n_arcs >= 2**32 - 1 or np.diff(net.indptr).max(initial=0) >= 2**31:
        raise ParameterError("the discrete models take fewer than 2**31 - 1 accounts and 2**32 - 1 pairs")
    offs, src, alias, keep, _ = _kernels.sampling_tables(net.indptr, net.indices, net.weight)
    return offs, src, alias, keep


def simulate_opinions(
    net: InfluenceNetwork,
    model: str = "voter",
    *,
    initial: float | np.ndarray = 0.0,
    undecided: float | np.ndarray = 0.0,
    committed_a: Sequence[int] | np.ndarray | None = None,
    committed_b: Sequence[int] | np.ndarray | None = None,
    n_random_committed: int = 0,
    random_side: str = "a",
    pool: Sequence[int] | np.ndarray | None = None,
    target: str = "a",
    n_runs: int = 100,
    horizon: int = 100,
    q: int = 2,
    epsilon: float = 0.0,
    group_size: int = 3,
    stop_at_consensus: bool = True,
    random_state: int | np.random.Generator | None = None,
) -> DiscreteRuns:
    """Run a discrete opinion model ``n_runs`` times for ``horizon`` sweeps.

    Parameters
    ----------
    net : InfluenceNetwork
        Who listens to whom.
    model : {"voter", "q-voter", "majority", "naming-game"}
    initial : float or numpy.ndarray
        Probability that a free account starts with opinion A (one for all, or per account).
    undecided : float or numpy.ndarray
        Naming game only: probability that a free account starts undecided (AB); else B.
    committed_a, committed_b : array-like of int, optional
        Accounts committed to A, to B (they never change; A wins when listed in both).
    n_random_committed : int
        Each run also commits this many accounts, drawn uniformly from ``pool`` (default: every
        account not already committed), to ``random_side``.
    random_side : {"a", "b"}
    pool : array-like of int, optional
    target : {"a", "b"}
        The opinion whose majority and consensus are recorded.
    n_runs, horizon : int
        Runs, and sweeps per run (a sweep is ``n_nodes`` updates).
    q : int
        q-voter: sources that must agree.
    epsilon : float
        q-voter: probability of flipping when they do not.
    group_size : int
        Majority rule: the group's size (odd).
    stop_at_consensus : bool
        End a run once every account holds the same opinion (consensus is final, but for the
        q-voter with ``epsilon > 0``; the trajectory then stays where it is).
    random_state : None, int or numpy.random.Generator
        Draws the base seed of the per-run streams (:func:`einfluence.base.random.check_random_state`):
        same seed, same runs, whatever the number of threads.

    Returns
    -------
    DiscreteRuns

    Raises
    ------
    GraphTypeError
        If ``net`` is not an InfluenceNetwork.
    ParameterError
        On an unknown model or side, out-of-range probabilities, ids or counts.

    Examples
    --------
    The voter model on a complete graph of 20 accounts with a quarter for A: about a quarter of
    the runs end with everyone for A.

    >>> net = InfluenceNetwork.complete(20)
    >>> runs = simulate_opinions(net, "voter", committed_a=range(5), committed_b=[], n_runs=1,
    ...                          horizon=10_000, random_state=0)
    >>> bool(runs.consensus[0])  # five zealots for A and none against: A always wins
    True
    >>> runs = simulate_opinions(net, "naming-game", committed_a=[0, 1, 2, 3], horizon=200,
    ...                          n_runs=20, random_state=1)
    >>> runs.consensus_probability()[0]  # 20 % committed: above the tipping point
    1.0

    Notes
    -----
    Each update costs O(1), weighted or not (Walker's alias tables, built once per call in
    O(n_arcs)); a run costs O(n) to start and O(n) per sweep. Runs are spread over numba
    threads, two random streams each (see :mod:`einfluence.opinion._kernels`).
    """
    net = check_network(net)
    if model not in MODELS:
        raise ParameterError(f"model must be one of {MODELS}, got {model!r}", parameter="model")
    for name, side in (("random_side", random_side), ("target", target)):
        if side not in SIDES:
            raise ParameterError(f"must be 'a' or 'b', got {side!r}", parameter=name)
    n = net.n_nodes
    check_scalar(n_runs, "n_runs", numbers.Integral, min_val=1, max_val=2**31 - 2)
    check_scalar(horizon, "horizon", numbers.Integral, min_val=0, max_val=10**9)
    check_scalar(q, "q", numbers.Integral, min_val=1, max_val=1000)
    check_scalar(epsilon, "epsilon", numbers.Real, min_val=0.0, max_val=1.0)
    check_scalar(group_size, "group_size", numbers.Integral, min_val=1, max_val=1001)
    if group_size % 2 == 0:
        raise ParameterError(f"must be odd, got {group_size}", parameter="group_size")
    p_a = _probabilities(initial, n, "initial")
    p_ab = _probabilities(undecided, n, "undecided") if model == "naming-game" else np.zeros(n)
    if (p_a + p_ab > 1 + 1e-12).any():
        raise ParameterError("initial + undecided must be at most 1", parameter="undecided")
    fixed = np.full(n, -1, dtype=np.int8)
    fixed[_node_list(committed_b, n, "committed_b")] = 0
    fixed[_node_list(committed_a, n, "committed_a")] = 1
    pool_nodes = np.flatnonzero(fixed < 0) if pool is None else _node_list(pool, n, "pool")
    pool_nodes = pool_nodes[fixed[pool_nodes] < 0]
    check_scalar(n_random_committed, "n_random_committed", numbers.Integral, min_val=0)
    if n_random_committed > pool_nodes.size:
        raise ParameterError(f"cannot commit {n_random_committed} of {pool_nodes.size} free accounts",
                             parameter="n_random_committed")
    seed = base_seed(random_state)
    runs, steps = int(n_runs), int(horizon)
    final = np.zeros((runs, 3), np.int64)
    t_maj = np.full(runs, -1.0)
    t_con = np.full(runs, -1.0)
    trajs = PerChunk(np.zeros(steps + 1, np.int64) for _ in range(n_threads(runs)))
    offs, src, alias, keep = sampling_tables(net)
    run_chunks(
        _kernels.discrete_chunk, runs, _kernels.MODEL_CODES[model], offs, src, alias, keep,
        p_a, p_ab, fixed, pool_nodes.astype(np.int64), int(n_random_committed), _CODE[random_side],
        _CODE[target], CHUNK, steps, np.uint64(seed), int(q), float(epsilon), int(group_size),
        bool(stop_at_consensus), final, t_maj, t_con, trajs,
    )
    trajectory = np.sum(trajs, axis=0) / (max(n, 1) * runs)  # integer counts: an exact sum
    return DiscreteRuns(model=model, n_nodes=n, n_runs=runs, horizon=steps, target=target, final=final,
                        t_majority=t_maj, t_consensus=t_con, trajectory=trajectory, seed=seed)
