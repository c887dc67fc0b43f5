"""The Spark engine against the local one: score time, per-executor throughput, a real cluster.

Usage (from the repository root, after ``pip install -e '.[spark]'``)::

    .venv/bin/python -m benchmarks.bench_spark                       # 1M interactions, local vs local[2]
    .venv/bin/python -m benchmarks.bench_spark --interactions 1000000 10000000
    .venv/bin/python -m benchmarks.bench_spark --cluster             # + a standalone cluster on loopback
    .venv/bin/python -m benchmarks.run spark                          # the same, through the runner

The world is synthetic and seeded: ``m`` timed reactions (relays, mentions, replies, quotes) of
``m / 10`` accounts towards Zipf-distributed targets over 30 days, no posts (the time rule of
depth). Each engine scores the same arrays; the Spark score is checked equal to the local one.
``--cluster`` starts a real standalone cluster on 127.0.0.1 (one master, two workers of one core
and 1 GB each, from the ``spark-class`` launcher inside the pyspark wheel), scores the world and
draws IMM's seeds on it, then stops the three processes it started.
"""

from __future__ import annotations

import argparse
import math
import os
import socket
import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np

HOUR = 3_600_000_000


def world(m: int, seed: int = 0):
    """A synthetic interaction graph of ``m`` timed reactions (GraphView)."""
    from einfluence.base import InteractionArrays
    from einfluence.graph import GraphView

    rng = np.random.default_rng(seed)
    n = max(m // 10, 10)
    src = rng.integers(0, n, m)
    dst = (rng.zipf(1.7, m) * 7919 + rng.integers(0, 3, m)) % n
    time_ = rng.integers(0, 30 * 24 * HOUR, m)
    kind = rng.choice(np.array([0, 0, 0, 1, 2, 2, 3], np.int8), m)
    return GraphView.from_arrays(InteractionArrays(src=src, dst=dst, time=time_, weight=np.ones(m), kind=kind,
                                                   post=np.full(m, -1), n_accounts=n))


def _local(view):
    from einfluence.scoring import einfluence_score

    einfluence_score(world(2000, seed=1))  # compile the kernels before timing
    started = time.perf_counter()
    result = einfluence_score(view)
    return result, time.perf_counter() - started


def _spark(view, session):
    from einfluence.spark.score import spark_score

    started = time.perf_counter()
    got = spark_score(view, session=session)
    return got, time.perf_counter() - started


def _row(name: str, value: str) -> None:
    print(f"{name:<58} {value}", flush=True)


def compare(sizes: list[int], master: str, executor_cores: int, driver_memory: str = "2g") -> None:
    from einfluence.spark import SparkConfig, spark_session

    started = time.perf_counter()
    session = spark_session(SparkConfig(master=master, conf={"spark.driver.memory": driver_memory}))
    _row(f"Spark session {master}", f"{time.perf_counter() - started:6.1f} s to start")
    for m in sizes:
        view = world(m)
        local, t_local = _local(view)
        got, t_spark = _spark(view, session)
        same = np.array_equal(local.score, got.score.score, equal_nan=True)
        _row(f"score, {m:,} interactions, local engine", f"{t_local:8.1f} s  ({m / t_local:,.0f} interactions/s)")
        _row(f"score, {m:,} interactions, Spark {master}",
             f"{t_spark:8.1f} s  ({m / t_spark / executor_cores:,.0f} interactions/s per executor core; "
             f"same scores: {same}; PageRank {got.pagerank_iterations} iterations; steps "
             + ", ".join(f"{k} {v:.0f} s" for k, v in got.seconds.items()) + ")")
        per_core = m / t_spark / executor_cores
        cores = math.ceil((m / t_local) / per_core)
        _row("  cores for Spark to beat this machine (linear model)",
             f"{cores}: 1B interactions take {1e9 / (m / t_local) / 60:,.0f} min here, "
             f"{1e9 / per_core / cores / 60:,.0f} min on {cores} Spark cores")
    session.stop()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cluster(m: int) -> None:
    """Start a standalone cluster on loopback, score and draw seeds through it, stop it."""
    import pyspark

    from einfluence.diffusion import DiffusionGraph
    from einfluence.spark import SparkConfig, spark_session
    from einfluence.spark.imm import spark_imm
    from einfluence.targeting import imm

    spark_class = Path(pyspark.__file__).parent / "bin" / "spark-class"
    port = _free_port()
    env = {**os.environ, "SPARK_HOME": str(spark_class.parent.parent), "PYSPARK_PYTHON": sys.executable}
    launched: list[subprocess.Popen] = []
    url = f"spark://127.0.0.1:{port}"
    try:
        launched.append(subprocess.Popen(
            [str(spark_class), "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", str(port),
             "--webui-port", str(_free_port())], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        time.sleep(8)
        for _ in range(2):
            launched.append(subprocess.Popen(
                [str(spark_class), "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1",
                 "--memory", "1g", "--webui-port", str(_free_port()), url],
                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        time.sleep(8)
        config = SparkConfig(master=url, conf={"spark.executor.memory": "768m", "spark.executor.cores": "1",
                                               "spark.driver.memory": "1g", "spark.driver.host": "127.0.0.1",
                                               "spark.sql.shuffle.partitions": "4"})
        started = time.perf_counter()
        session = spark_session(config)
        executors = session.sparkContext._jsc.sc().getExecutorMemoryStatus().size() - 1
        _row(f"standalone cluster {url}", f"{time.perf_counter() - started:6.1f} s to connect; {executors} executors")
        view = world(m)
        local, _ = _local(view)
        got, t_spark = _spark(view, session)
        _row(f"  score, {m:,} interactions, on the cluster",
             f"{t_spark:8.1f} s; same scores as local: {np.array_equal(local.score, got.score.score, equal_nan=True)}")
        rng = np.random.default_rng(3)
        n, arcs = 2000, 20000
        g = DiffusionGraph.from_arcs(rng.integers(0, n, arcs), rng.zipf(1.6, arcs) % n,
                                     rng.uniform(0.01, 0.1, arcs), n_nodes=n)
        started = time.perf_counter()
        seeds = spark_imm(g, 10, epsilon=0.3, random_state=0, session=session)
        t_imm = time.perf_counter() - started
        same = seeds.seeds.tolist() == imm(g, 10, epsilon=0.3, random_state=0).seeds.tolist()
        _row("  IMM seeds, 2,000 accounts, 20,000 arcs, on the cluster",
             f"{t_imm:8.1f} s; {seeds.rr_sets:,} RR sets; same seeds as local: {same}")
        session.stop()
    finally:
        for process in reversed(launched):  # only the processes started here, by their id
            process.terminate()
        for process in launched:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_spark", description=__doc__.splitlines()[0])
    parser.add_argument("--interactions", type=int, nargs="+", default=[1_000_000])
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--executor-cores", type=int, default=2, help="cores of --master, for the throughput")
    parser.add_argument("--driver-memory", default="2g",
                        help="spark.driver.memory (with local[N] the executors live in the driver: 10M needs about 8g)")
    parser.add_argument("--cluster", action="store_true", help="also run on a standalone cluster on loopback")
    parser.add_argument("--cluster-interactions", type=int, default=100_000)
    parser.add_argument("--skip-compare", action="store_true")
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore", FutureWarning)
    if not args.skip_compare:
        compare(args.interactions, args.master, args.executor_cores, args.driver_memory)
    if args.cluster:
        cluster(args.cluster_interactions)


if __name__ == "__main__":
    main()
