"""One Spark session for the whole folder (local[2], 2 GB driver); every test skips without pyspark or Java.

``SPARK_CONF_DIR`` points at ``tests/spark/conf`` (the JVM settings of short test runs, see its
``spark-defaults.conf``), for this session and for the command lines the tests run.
"""

from __future__ import annotations

import os
import shutil
import warnings
from pathlib import Path

import pytest

pytest.importorskip("pyspark", reason="the Spark engine's tests need pyspark: pip install -e '.[spark]'")
if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
    pytest.skip("the Spark engine's tests need Java 17+ (openjdk-17-jre-headless)", allow_module_level=True)

from einfluence import Workspace

os.environ["SPARK_CONF_DIR"] = str(Path(__file__).with_name("conf"))

#: the session every test shares, and the one a workspace of these tests finds already running
MASTER = "local[2]"
CONF = {"spark.driver.memory": "2g", "spark.sql.shuffle.partitions": "2", "spark.default.parallelism": "2"}


@pytest.fixture(scope="session")
def spark():
    from einfluence.spark import SparkConfig, spark_session

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # pyspark's note on pandas 3
        session = spark_session(SparkConfig(master=MASTER, conf=CONF))
    yield session
    session.stop()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory):
    """A small demo world (posts with parents: the tree rule of depth)."""
    path = tmp_path_factory.mktemp("spark-demo") / "demo.duckdb"
    Workspace.create_demo(path, n_accounts=200, n_days=10, seed=3)
    return path
