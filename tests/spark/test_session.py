"""Sessions and the helpers every Spark analysis shares (:mod:`einfluence.spark.session`,
:mod:`einfluence.spark.frames`)."""

from __future__ import annotations

import gc
import sys

from einfluence.spark.frames import on_executor
from einfluence.spark.session import SparkConfig, session_settings


def test_the_sites_spark_defaults_conf_beats_einfluences_defaults(tmp_path, monkeypatch):
    # settings given to the builder beat spark-defaults.conf: einfluence's own must step aside
    (tmp_path / "spark-defaults.conf").write_text(
        "# the cluster's choices\n"
        "spark.sql.shuffle.partitions   200\n"
        "spark.ui.enabled=true\n"
        "! a properties-file comment\n"
        "spark.driver.extraJavaOptions -Dx=1\n", encoding="utf-8")
    monkeypatch.setenv("SPARK_CONF_DIR", str(tmp_path))
    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)
    settings = session_settings(SparkConfig(master="local[2]"))
    assert "spark.sql.shuffle.partitions" not in settings and "spark.ui.enabled" not in settings
    assert settings["spark.sql.session.timeZone"] == "UTC"  # not in the file: einfluence's
    # the caller's own settings beat both
    mine = session_settings(SparkConfig(master="local[2]", conf={"spark.sql.shuffle.partitions": "3"}))
    assert mine["spark.sql.shuffle.partitions"] == "3"
    # without a file (or a folder), einfluence's defaults
    monkeypatch.setenv("SPARK_CONF_DIR", str(tmp_path / "none"))
    assert session_settings(SparkConfig())["spark.sql.shuffle.partitions"] == "8"
    # Spark Connect: only the SQL settings go to the server
    assert all(k.startswith("spark.sql.") for k in session_settings(SparkConfig(remote="sc://h")))


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
