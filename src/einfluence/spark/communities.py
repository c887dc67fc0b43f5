"""Communities on Spark: label propagation over blocks of the community graph held by the executors.

Without GraphFrames. The undirected weighted community graph (the one Leiden partitions,
:func:`einfluence.communities.community_graph`, built on the driver from the view it already
holds) is handed to Spark once; its symmetric adjacency is cut into row blocks (ranges of
accounts), each built as CSR rows on an executor and cached there, as PageRank's blocks are
(:mod:`einfluence.spark.pagerank`). A step broadcasts the labels (one int64 per account), each
executor applies :func:`einfluence.communities.propagation.propagation_step` to its blocks, and
the driver assembles the new labels and stops when no account is unsettled. The step of an
account reads only its own row (neighbours in increasing order) and hashes of (seed, step,
account) and (seed, account, label), so the labels are *those of the local*
:func:`einfluence.communities.label_propagation` whatever the blocks and the partitioning. The
modularity is computed on the driver with the local code.

References
----------
.. [1] U. N. Raghavan, R. Albert and S. Kumara, "Near linear time algorithm to detect community
   structures in large-scale networks", Physical Review E 76, 036106, 2007.
   https://doi.org/10.1103/PhysRevE.76.036106
.. [2] M. Zaharia et al., "Resilient distributed datasets: a fault-tolerant abstraction for
   in-memory cluster computing", Proc. NSDI 2012.
   https://www.usenix.org/conference/nsdi12/technical-sessions/presentation/zaharia
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np

from einfluence.base.validation import check_scalar
from einfluence.communities.leiden import CommunityPartition
from einfluence.communities.propagation import _seed, finish_partition, propagation_step
from einfluence.exceptions import ParameterError
from einfluence.graph.selection import check_kinds, check_view
from einfluence.graph.undirected import undirected_edges
from einfluence.graph.view import GraphView
from einfluence.spark.frames import freeze_worker, is_connect, on_executor, staging

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

__all__ = ["spark_label_propagation"]


def _build_rows(pdf):  # on the executors, once per block: its rows of the symmetric adjacency
    import pandas as pd

    freeze_worker()

    pdf = pdf.sort_values(["node", "nbr"], kind="stable")
    lo, hi = int(pdf["lo"].iloc[0]), int(pdf["hi"].iloc[0])
    indptr = np.zeros(hi - lo + 1, dtype=np.int64)
    np.cumsum(np.bincount(pdf["node"].to_numpy(np.int64) - lo, minlength=hi - lo), out=indptr[1:])
    return pd.DataFrame({"lo": [lo], "indptr": [indptr.tobytes()],
                         "indices": [pdf["nbr"].to_numpy(np.int64).tobytes()],
                         "data": [pdf["w"].to_numpy(np.float64).tobytes()]})


def spark_label_propagation(
    view: GraphView,
    *,
    session: SparkSession,
    kinds: str | Iterable[str] | None = None,
    weighted: bool = True,
    max_iter: int = 100,
    random_state: int | np.random.Generator | None = None,
    n_blocks: int | None = None,
    partitions: int | None = None,
) -> CommunityPartition:
    """Communities by label propagation, the steps run on Spark's executors.

    Parameters
    ----------
    view, kinds, weighted, max_iter, random_state
        As in :func:`einfluence.communities.label_propagation`.
    session : SparkSession
        A classic session (``--master``): the blocks live in the executors' caches (RDDs).
    n_blocks : int, optional
        Row blocks of the adjacency (default: twice the session's parallelism).
    partitions : int, optional
        Partitions of the edge list handed to Spark.

    Returns
    -------
    CommunityPartition
        The local :func:`~einfluence.communities.label_propagation`'s partition, label for
        label; ``params`` add ``n_blocks``.

    Raises
    ------
    ParameterError
        On a Spark Connect session, or a bad view, kind or parameter.

    Notes
    -----
    One Spark job per step: ``O(m log m / executors)`` work plus a broadcast and a collect of
    one int64 per account (the labels must fit in the driver's and each executor's memory).
    The driver also builds the community graph from the view, O(m log m) NumPy work.

    References
    ----------
    .. [1] U. N. Raghavan, R. Albert and S. Kumara, "Near linear time algorithm to detect
       community structures in large-scale networks", Physical Review E 76, 036106, 2007.
       https://doi.org/10.1103/PhysRevE.76.036106
    """
    if is_connect(session):
        raise ParameterError("label propagation on Spark needs a classic session (--master), not Spark Connect",
                             parameter="engine")
    from pyspark.sql import functions as F

    view = check_view(view)
    kinds = check_kinds(kinds)
    check_scalar(max_iter, "max_iter", numbers.Integral, min_val=1)
    seed = _seed(random_state)
    edges = undirected_edges(view, kinds, bool(weighted))
    n = edges.n_nodes
    sc = session.sparkContext
    n_blocks = max(1, min(int(n_blocks or max(2 * sc.defaultParallelism, 1)), max(n, 1)))
    labels = np.where(edges.degree() > 0, np.arange(n, dtype=np.int64), -1)
    params: dict[str, Any] = {
        "method": "label_propagation", "kinds": kinds, "weighted": bool(weighted), "max_iter": int(max_iter),
        "random_state": int(random_state) if isinstance(random_state, numbers.Integral) else None,
        "seed": seed, "n_iter": 0, "converged": edges.a.size == 0, "n_blocks": n_blocks,
    }
    if edges.a.size == 0:
        return finish_partition(edges, labels, params)
    with staging(session) as stage:
        pairs = stage.frame({"a": edges.a.astype(np.int64), "b": edges.b.astype(np.int64),
                             "w": edges.weight.astype(np.float64)}, partitions)
        arcs = pairs.select(F.col("a").alias("node"), F.col("b").alias("nbr"), "w").unionByName(
            pairs.select(F.col("b").alias("node"), F.col("a").alias("nbr"), "w"))
        # block b holds the accounts [ceil(b n / B), ceil((b + 1) n / B)), as PageRank's blocks
        arcs = arcs.withColumn("block", F.expr(f"(node * {n_blocks}) div {n}"))
        arcs = arcs.withColumn("lo", F.expr(f"(block * {n} + {n_blocks - 1}) div {n_blocks}"))
        arcs = arcs.withColumn("hi", F.expr(f"((block + 1) * {n} + {n_blocks - 1}) div {n_blocks}"))
        built = arcs.groupBy("block").applyInPandas(_build_rows, "lo long, indptr binary, indices binary, data binary")

        def as_rows(row):
            return (int(row["lo"]), np.frombuffer(row["indptr"], dtype=np.int64),
                    np.frombuffer(row["indices"], dtype=np.int64), np.frombuffer(row["data"], dtype=np.float64))

        blocks = built.rdd.map(on_executor(as_rows)).persist()
        try:
            for step in range(int(max_iter)):
                shared = sc.broadcast(labels)
                parts = blocks.map(on_executor(lambda b, shared=shared, step=step: (
                    b[0], *propagation_step(b[1], b[2], b[3], b[0], shared.value, seed, step)))).collect()
                shared.unpersist(blocking=False)
                if sum(unsettled for _, _, unsettled in parts) == 0:
                    params["converged"] = True
                    break
                labels = labels.copy()
                for lo, new, _ in parts:
                    labels[lo:lo + new.size] = new
                params["n_iter"] = step + 1
        finally:
            blocks.unpersist()
    return finish_partition(edges, labels, params)
