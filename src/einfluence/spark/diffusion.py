"""Monte-Carlo simulation of a plan's spread on Spark: ranges of simulations on the executors.

Simulation ``i`` of the local estimator (:func:`einfluence.diffusion.simulate`) draws from its
own SplitMix64 stream, started from the base seed and ``i``, whatever thread runs it. The Spark
estimator cuts the simulations into consecutive index ranges, runs each range on an executor
with the local numba kernel (the validated plan, graph included, broadcast once), and the
driver concatenates the per-simulation spreads in index order and adds the integer histograms:
the mean spread, its standard error and 95 % interval are *the local ones*, whatever the
number of ranges or partitions.

References
----------
.. [1] D. Kempe, J. Kleinberg and É. Tardos, "Maximizing the spread of influence through a
   social network", Proc. KDD 2003, pp. 137-146. https://doi.org/10.1145/956750.956769
.. [2] G. L. Steele, D. Lea and C. H. Flood, "Fast splittable pseudorandom number generators",
   Proc. OOPSLA 2014, pp. 453-472. https://doi.org/10.1145/2660193.2660195
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from einfluence.diffusion.simulate import (
    SpreadEstimate,
    combine_simulations,
    prepare_simulations,
    run_simulations,
)
from einfluence.exceptions import ParameterError
from einfluence.graph.diffusion import DiffusionGraph
from einfluence.spark.frames import is_connect, on_executor

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

__all__ = ["spark_simulate"]

#: simulations per Spark task at least (below, the task's overhead dominates)
MIN_PER_TASK = 500


def spark_simulate(
    g: DiffusionGraph,
    seeds: Sequence[int] | np.ndarray,
    *,
    session: SparkSession,
    model: str = "ic",
    n_simulations: int = 10_000,
    random_state: int | np.random.Generator | None = None,
    target: np.ndarray | None = None,
    max_steps: int | None = None,
    tasks: int | None = None,
    min_per_task: int = MIN_PER_TASK,
) -> SpreadEstimate:
    """Estimate the expected spread of ``seeds`` by Monte-Carlo simulation on Spark's executors.

    Parameters
    ----------
    g, seeds, model, n_simulations, random_state, target, max_steps
        As in :func:`einfluence.diffusion.simulate` (``model`` ``"ic"``, ``"lt"`` or ``"ct"``
        with the default delays).
    session : SparkSession
        A classic session (``--master``).
    tasks : int, optional
        Ranges of simulations, one Spark task each (default: twice the session's parallelism,
        fewer when a range would hold fewer than ``min_per_task`` simulations).
    min_per_task : int

    Returns
    -------
    SpreadEstimate
        Field for field the local estimate of the same ``random_state``.

    Raises
    ------
    ParameterError
        As :func:`~einfluence.diffusion.simulate`, or on a Spark Connect session.

    Notes
    -----
    The graph travels once to each executor (a broadcast of its CSR arrays); each task returns
    three numbers per simulation and a histogram of hops, so the driver holds ``O(n_simulations
    + n)`` values, as locally.

    References
    ----------
    .. [1] D. Kempe, J. Kleinberg and É. Tardos, "Maximizing the spread of influence through
       a social network", Proc. KDD 2003. https://doi.org/10.1145/956750.956769
    """
    if is_connect(session):
        raise ParameterError("simulations on Spark need a classic session (--master), not Spark Connect",
                             parameter="engine")
    plan = prepare_simulations(g, seeds, model=model, n_simulations=n_simulations, random_state=random_state,
                               target=target, max_steps=max_steps)
    sc = session.sparkContext
    n_sims = plan["n_sims"]
    wanted = int(tasks or max(2 * sc.defaultParallelism, 1))
    parts = max(1, min(wanted, n_sims if tasks else n_sims // max(int(min_per_task), 1)))
    bounds = np.linspace(0, n_sims, parts + 1).astype(np.int64)
    ranges = [(int(bounds[i]), int(bounds[i + 1] - bounds[i])) for i in range(parts) if bounds[i + 1] > bounds[i]]
    shared = sc.broadcast(plan)
    try:
        done = sc.parallelize(ranges, len(ranges)).map(
            on_executor(lambda r: (r[0], run_simulations(shared.value, r[0], r[1], 1)))).collect()
    finally:
        shared.unpersist(blocking=False)
    return combine_simulations(plan, [result for _, result in sorted(done, key=lambda item: item[0])])
