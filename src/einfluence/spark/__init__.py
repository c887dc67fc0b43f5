"""Apache Spark as an optional execution engine of einfluence's analyses.

Why a room of its own: the Spark engine is one more *analysis* layer (arrays in, arrays out; it
never sees the store), but it is the only code that speaks to a cluster, so it lives apart from
the single-machine analyses it mirrors (:mod:`einfluence.scoring`, :mod:`einfluence.targeting`)
and is imported only when the Spark engine is asked for. ``pyspark`` is never imported by
``import einfluence.spark``; each function imports it when it runs, and
:func:`~einfluence.spark.session.spark_session` turns its absence into one line naming the
extra to install (``pip install -e '.[spark]'``).

What runs on the cluster and what on the driver
-----------------------------------------------
* :func:`~einfluence.spark.score.spark_score`: every raw component of the einfluence score (distinct reactors and
  their decayed reach, momentum, amplification, cascade depth, network impact, the counts by
  kind) as DataFrame aggregations, PageRank as power iterations over blocks of the reaction
  matrix held by the executors (:func:`~einfluence.spark.pagerank.spark_pagerank`); the
  normalisation and the 1-100 calibration (per account) run on the driver with the local code.
  Sums are folded in the
  local engine's order and the time decay uses NumPy on the executors, so that the numbers are
  *the same* as :func:`einfluence.scoring.einfluence_score`'s, not merely close.
* :func:`~einfluence.spark.imm.spark_imm`: IMM's reverse-reachable sets sampled on the
  executors, one seeded stream per RR set (so the sets do not depend on the partitioning), the
  greedy cover on the driver with the local kernel.
* :func:`~einfluence.spark.communities.spark_label_propagation`: label propagation over blocks of
  the community graph cached on the executors, the labels of the local
  :func:`einfluence.communities.label_propagation`; the modularity on the driver.
* :func:`~einfluence.spark.diffusion.spark_simulate`: ranges of Monte-Carlo simulations on the
  executors with the local kernel and per-simulation streams; the estimate on the driver.
* :func:`~einfluence.spark.io.spark_read_generic`: the generic tables parsed by Spark (local paths
  or URIs), checked and converted on the driver by the local rules.

References
----------
.. [1] M. Zaharia et al., "Apache Spark: a unified engine for big data processing",
   Communications of the ACM 59(11), 56-65, 2016. https://doi.org/10.1145/2934664
"""

from __future__ import annotations

from einfluence.spark.session import SparkConfig, spark_session, spark_version

__all__ = ["SparkConfig", "spark_session", "spark_version"]
