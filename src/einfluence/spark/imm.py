"""Influence maximisation on Spark: IMM's reverse-reachable sets drawn on the executors.

RR set ``i`` of the local sampler depends only on the base seed and ``i`` (its own random
stream), not on the thread that draws it. The Spark sampler cuts each batch of RR sets into
index ranges, draws each range on an executor with the local numba kernel and the graph
broadcast once, and appends the ranges in index order: the store is the local one, set for set,
whatever the partitioning. The greedy cover runs on the driver with the local kernel, so the
seeds, θ, ε, ℓ and the guarantee are those of :func:`einfluence.targeting.imm`.

References
----------
.. [1] Y. Tang, Y. Shi and X. Xiao, "Influence maximization in near-linear time: a martingale
   approach", Proc. SIGMOD 2015, pp. 1539-1554. https://doi.org/10.1145/2723372.2723734
.. [2] C. Borgs, M. Brautbar, J. Chayes and B. Lucier, "Maximizing social influence in nearly
   optimal time", Proc. SODA 2014, pp. 946-957. https://doi.org/10.1137/1.9781611973402.70
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np

from einfluence.exceptions import ParameterError
from einfluence.graph.diffusion import DiffusionGraph
from einfluence.spark.frames import is_connect, on_executor
from einfluence.targeting._common import LANES, InGraph, RRSampler
from einfluence.targeting.imm import DEFAULT_MEMORY_LIMIT, SeedSet, imm_with

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

__all__ = ["SparkRRSampler", "spark_imm"]

#: RR sets per Spark task at least (below, the task's overhead dominates)
MIN_PER_TASK = 2_000


def _draw_on_executor(graph: dict[str, Any], start: int, count: int) -> tuple[np.ndarray, np.ndarray]:
    from einfluence.targeting._kernels import rrsets

    if graph["model"] == "ic":
        stamps = np.zeros(graph["n"], np.uint8)
        return rrsets.rr_sets_ic(graph["indptr"], graph["indices"], graph["prob"], graph["info"],
                                 graph["root_cum"], graph["seed"], start, count, stamps, LANES)
    stamps = np.zeros(graph["n"], np.int32)
    return rrsets.rr_sets_lt(graph["indptr"], graph["indices"], graph["cum"], graph["root_cum"],
                             graph["seed"], start, count, stamps)


class SparkRRSampler(RRSampler):
    """An :class:`~einfluence.targeting._common.RRSampler` drawing its RR sets on Spark's executors.

    Parameters
    ----------
    session : SparkSession
        A classic session (RDDs).
    graph, weights, seed
        As for the local sampler.
    tasks : int, optional
        Tasks per batch (default: twice the session's parallelism).
    """

    def __init__(self, session: SparkSession, graph: InGraph, weights: np.ndarray | None, seed: int,
                 tasks: int | None = None) -> None:
        super().__init__(graph, weights, seed)
        self.session = session
        sc = session.sparkContext
        self.tasks = int(tasks or max(2 * sc.defaultParallelism, 1))
        shipped = {"n": graph.n, "model": graph.model, "indptr": graph.indptr, "indices": graph.indices,
                   "root_cum": self.root_cum, "seed": self.seed}
        if graph.model == "ic":
            shipped.update(prob=graph.prob, info=graph.info)
        else:
            shipped.update(cum=graph.cum)
        self._graph = sc.broadcast(shipped)
        self.spark_jobs = 0

    def draw_range(self, start: int, count: int) -> list[tuple[np.ndarray, np.ndarray]]:
        parts = max(1, min(self.tasks, count // MIN_PER_TASK))
        bounds = np.linspace(0, count, parts + 1).astype(np.int64)
        ranges = [(start + int(bounds[i]), int(bounds[i + 1] - bounds[i])) for i in range(parts)]
        graph = self._graph
        drawn = self.session.sparkContext.parallelize(ranges, len(ranges)).map(
            on_executor(lambda r: (r[0], _draw_on_executor(graph.value, r[0], r[1])))).collect()
        self.spark_jobs += 1
        return [result for _, result in sorted(drawn, key=lambda item: item[0])]

    def close(self) -> None:
        self._graph.unpersist(blocking=False)


def spark_imm(
    g: DiffusionGraph,
    k: int,
    *,
    session: SparkSession,
    epsilon: float = 0.1,
    ell: float = 1.0,
    model: str = "ic",
    target: Iterable[int] | np.ndarray | None = None,
    random_state: int | np.random.Generator | None = None,
    exclude: Iterable[int] | np.ndarray | None = None,
    include: Iterable[int] | np.ndarray | None = None,
    memory_limit: float | None = DEFAULT_MEMORY_LIMIT,
    tasks: int | None = None,
) -> SeedSet:
    """Choose ``k`` seeds with IMM, the RR sets drawn on Spark.

    Parameters
    ----------
    g, k, epsilon, ell, model, target, random_state, exclude, include, memory_limit
        As in :func:`einfluence.targeting.imm`.
    session : SparkSession
        A classic session (``--master``).
    tasks : int, optional
        Spark tasks per batch of RR sets.

    Returns
    -------
    SeedSet
        The local engine's answer for the same ``random_state`` (the same RR sets, the same
        greedy), ``method="imm-spark"``.

    Raises
    ------
    ParameterError
        As :func:`~einfluence.targeting.imm`, or on a Spark Connect session.

    Notes
    -----
    The RR sets come back to the driver, which holds them for the greedy cover: θ sets of mean
    size s take about ``θ (4 s + 8)`` bytes there, as locally; the executors do the sampling,
    ``O(θ · EPT)`` work. The graph is broadcast once (its reverse CSR).

    References
    ----------
    .. [1] Y. Tang, Y. Shi and X. Xiao, "Influence maximization in near-linear time: a
       martingale approach", Proc. SIGMOD 2015. https://doi.org/10.1145/2723372.2723734
    """
    if is_connect(session):
        raise ParameterError("IMM on Spark needs a classic session (--master), not Spark Connect", parameter="engine")
    made: list[SparkRRSampler] = []

    def sampler(graph: InGraph, weights: np.ndarray | None, seed: int) -> SparkRRSampler:
        made.append(SparkRRSampler(session, graph, weights, seed, tasks))
        return made[-1]

    try:
        result = imm_with(sampler, g, k, epsilon=epsilon, ell=ell, model=model, target=target,
                          random_state=random_state, exclude=exclude, include=include, memory_limit=memory_limit)
    finally:
        for used in made:
            used.close()
    return dataclasses.replace(result, method="imm-spark")
