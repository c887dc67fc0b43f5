"""PageRank on Spark: power iterations over blocks of the reaction matrix held by the executors.

The transposed reaction matrix is cut into row blocks (ranges of target accounts); each block
is built once, as a SciPy CSR, on an executor and cached there. An iteration broadcasts the
vector ``x / out_weight`` (one float per account), each executor multiplies its blocks, and the
driver assembles the next iterate with exactly the steps of the local engine
(:func:`einfluence.scoring.pagerank`): dangling mass spread like the restart vector, damping,
restart, and the same stopping rule (L1 change below ``n * tol``). Inside a block, each row
keeps its entries in the local engine's order (by source, then edge), so each product is the
local one's, bit for bit.

References
----------
.. [1] L. Page, S. Brin, R. Motwani and T. Winograd, "The PageRank citation ranking: bringing
   order to the Web", Stanford InfoLab technical report 1999-66, 1999.
   http://ilpubs.stanford.edu:8090/422/
.. [2] M. Zaharia et al., "Resilient distributed datasets: a fault-tolerant abstraction for
   in-memory cluster computing", Proc. NSDI 2012. https://www.usenix.org/conference/nsdi12/technical-sessions/presentation/zaharia
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

import numpy as np

from einfluence.exceptions import ParameterError
from einfluence.spark.frames import collect_columns, freeze_worker, is_connect, on_executor, scatter

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["DRIVER_BELOW", "spark_pagerank"]

#: Arcs below which :func:`spark_pagerank` iterates on the driver (see its Notes).
DRIVER_BELOW = 2_000_000


def _build_block(pdf):  # executed on the executors, once per block (all its arcs)
    import pandas as pd

    freeze_worker()

    pdf = pdf.sort_values(["dst", "src", "e"], kind="stable")
    lo, hi = int(pdf["lo"].iloc[0]), int(pdf["hi"].iloc[0])
    counts = np.bincount(pdf["dst"].to_numpy(np.int64) - lo, minlength=hi - lo)
    indptr = np.zeros(hi - lo + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    return pd.DataFrame({
        "lo": [lo], "hi": [hi],
        "indptr": [indptr.tobytes()],
        "indices": [pdf["src"].to_numpy(np.int64).tobytes()],
        "data": [pdf["w"].to_numpy(np.float64).tobytes()],
    })


def spark_pagerank(
    session: SparkSession,
    arcs: DataFrame,
    n: int,
    *,
    alpha: float = 0.85,
    tol: float = 1e-12,
    max_iter: int = 1000,
    n_blocks: int | None = None,
    driver_below: int = DRIVER_BELOW,
) -> tuple[np.ndarray, int]:
    """PageRank of a weighted arc list held by Spark.

    Parameters
    ----------
    session : SparkSession
    arcs : pyspark.sql.DataFrame
        Columns ``e`` (the arc's position in the local engine's edge order), ``src``, ``dst``
        (node ids in ``[0, n)``, no self-loop) and ``w`` (positive weight); parallel arcs add up.
    n : int
        Number of nodes.
    alpha, tol, max_iter
        As in :func:`einfluence.scoring.pagerank`: damping, convergence when the L1 change of an
        iteration is below ``n * tol``, at most ``max_iter`` iterations.
    n_blocks : int, optional
        Row blocks of the matrix (default: twice the session's parallelism).
    driver_below : int
        A matrix of fewer arcs than this is iterated on the driver: its blocks are still built
        on the executors, then collected once (see Notes). 0 always iterates on the executors.

    Returns
    -------
    rank : numpy.ndarray of float64, shape (n,)
        The stationary distribution, uniform restart, dangling mass spread uniformly.
    n_iter : int
        Iterations done.

    Raises
    ------
    ParameterError
        On a Spark Connect session (the blocks need the executors' caches: RDDs).

    Warns
    -----
    RuntimeWarning
        When ``max_iter`` iterations do not reach ``tol``.

    Notes
    -----
    One Spark job per iteration, O(m / executors) work each plus a broadcast and a collect of
    ``n`` floats: the vector must fit in the driver's and each executor's memory (8 bytes per
    account: 800 MB for a hundred million accounts).

    A job costs about 0.1 s however small its work, and PageRank takes 50 to 100 iterations to
    reach ``tol``: on a graph of a few thousand arcs that is 10 s of scheduling for
    milliseconds of arithmetic. Below ``driver_below`` arcs (:data:`DRIVER_BELOW`, 16 bytes of
    matrix each, an index and a weight: under 32 MB) the blocks come to the driver once and the same products run
    there, block by block: the iterates are the executors' ones, bit for bit (tested).
    """
    if is_connect(session):
        raise ParameterError("PageRank on Spark needs a classic session (--master), not Spark Connect",
                             parameter="engine")
    from pyspark.sql import functions as F

    if n == 0:
        return np.zeros(0), 0
    sc = session.sparkContext
    n_blocks = int(n_blocks or max(2 * sc.defaultParallelism, 1))
    n_blocks = max(1, min(n_blocks, n))
    # out-weight of each source, summed in the local engine's order (by edge)
    folded = arcs.groupBy("src").agg(
        F.aggregate(F.array_sort(F.collect_list(F.struct("e", "w"))), F.lit(0.0),
                    lambda acc, x: acc + x["w"]).alias("out"),
        F.count(F.lit(1)).alias("arcs"))
    got = collect_columns(folded, ("src", "out", "arcs"))
    out_weight = scatter(n, got["src"], got["out"])
    on_driver = int(got["arcs"].sum()) < driver_below
    # block b holds the targets [ceil(b n / B), ceil((b + 1) n / B)): b = floor(dst B / n)
    with_block = arcs.select("e", "src", "dst", "w", F.expr(f"(dst * {n_blocks}) div {n}").alias("block"))
    with_block = with_block.withColumn("lo", F.expr(f"(block * {n} + {n_blocks - 1}) div {n_blocks}"))
    with_block = with_block.withColumn("hi", F.expr(f"((block + 1) * {n} + {n_blocks - 1}) div {n_blocks}"))
    schema = "lo long, hi long, indptr binary, indices binary, data binary"
    built = with_block.groupBy("block").applyInPandas(_build_block, schema)

    def as_csr(row):
        import scipy.sparse as sp

        indptr = np.frombuffer(row["indptr"], dtype=np.int64)
        indices = np.frombuffer(row["indices"], dtype=np.int64)
        data = np.frombuffer(row["data"], dtype=np.float64)
        return int(row["lo"]), sp.csr_array((data, indices, indptr), shape=(indptr.size - 1, n))

    if on_driver:
        held = [as_csr(row) for row in built.collect()]

        def multiply(x: np.ndarray) -> list[tuple[int, np.ndarray]]:
            return [(lo, block @ x) for lo, block in held]

        return _iterate(multiply, out_weight, n, float(alpha), float(tol), int(max_iter))

    blocks = built.rdd.map(on_executor(as_csr)).persist()

    def multiply_on_executors(x: np.ndarray) -> list[tuple[int, np.ndarray]]:
        y = sc.broadcast(x)
        try:
            return blocks.map(on_executor(lambda block, y=y: (block[0], block[1] @ y.value))).collect()
        finally:
            y.unpersist(blocking=False)

    try:
        return _iterate(multiply_on_executors, out_weight, n, float(alpha), float(tol), int(max_iter))
    finally:
        blocks.unpersist()


def _iterate(multiply, out_weight: np.ndarray, n: int, alpha: float, tol: float, max_iter: int):
    """Power iterations; ``multiply(y)`` gives each block's ``(first row, rows @ y)``."""
    p = np.full(n, 1.0 / n)
    is_dangling = out_weight == 0
    inv = np.zeros(n)
    inv[~is_dangling] = 1.0 / out_weight[~is_dangling]
    x = np.full(n, 1.0 / n)
    for it in range(max_iter):
        x_last = x
        parts = multiply(x * inv)
        x = np.zeros(n)
        for lo, values in parts:
            x[lo:lo + values.size] = values
        x += x_last[is_dangling].sum() * p
        x *= alpha
        x += (1.0 - alpha) * p
        if np.abs(x - x_last).sum() < n * tol:
            return x, it + 1
    warnings.warn(f"pagerank did not converge to tol={tol} in {max_iter} iterations; returning the last iterate",
                  RuntimeWarning, stacklevel=3)
    return x, max_iter
