"""The helpers every Spark analysis shares (:mod:`einfluence.spark.frames`)."""

from __future__ import annotations

import gc

from einfluence.spark.frames import on_executor


def _frozen(_: int) -> int:
    return gc.get_freeze_count()


def test_executor_functions_freeze_the_worker_not_the_driver(spark):
    # in Spark's Python workers, what is alive when a task starts (NumPy, pandas, einfluence's
    # modules) leaves the full collection PySpark runs after every task
    counts = spark.sparkContext.parallelize([1, 2], 2).map(on_executor(_frozen)).collect()
    assert min(counts) > 10_000
    # applied in the driver's process (to collected rows), the wrapper freezes nothing
    before = gc.get_freeze_count()
    assert on_executor(lambda x: x + 1)(1) == 2
    assert gc.get_freeze_count() == before
