"""Opinion dynamics benchmarks: a Friedkin-Johnsen steady state on the 10M-interaction world, and
1,000 naming-game and voter runs on a 100k-account community.

Usage (from the repository root)::

    .venv/bin/python -m benchmarks.run opinion                       # both
    .venv/bin/python -m benchmarks.bench_opinion --skip-world         # only the runs on 100k accounts
    .venv/bin/python -m benchmarks.bench_opinion --interactions 1000000

The steady state: the interaction graph of the generated world read from DuckDB (``ws.graph``),
turned into who-listens-to-whom (``InfluenceNetwork.from_view``), then solved by Jacobi sweeps from
opinions drawn uniformly in [-1, 1] (a hard case: every account has an opinion) with susceptibility
0.5 and with the attention rule (``a / (a + 1)``, close to 1 for active accounts); kernels are
compiled before timing. Then the whole ``einfluence opinion settle`` command on the same file.

The runs: a 100,000-account community, an Erdős-Rényi graph of mean degree 12 (undirected, its
isolated accounts dropped), 1,000
naming-game runs with 15 % committed agents drawn anew in each run (above the tipping point: each run
ends at consensus, within the 100-sweep horizon), and 1,000 voter runs of 10 sweeps; all threads.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks._harness import einfluence_cmd, run_measured


def _row(name: str, value: str) -> None:
    print(f"{name:<64} {value}", flush=True)


class _Clock:
    """Wall time and the CPU time of every thread of this process: on a shared machine the CPU
    time divided by the threads is what the wall time would be on idle cores."""

    def __enter__(self) -> _Clock:
        self.t, self.c = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self.t
        self.cpu = time.process_time() - self.c

    def __str__(self) -> str:
        from numba import get_num_threads

        return f"{self.wall:6.2f} s wall, {self.cpu:6.2f} s CPU ({self.cpu / get_num_threads():5.2f} s on idle cores)"


def bench_steady_state(workdir: Path, n_interactions: int) -> None:
    from benchmarks.run import _generated_db
    from einfluence import Workspace
    from einfluence.opinion import InfluenceNetwork, attention_susceptibility, friedkin_johnsen

    db = _generated_db(workdir, n_interactions)
    friedkin_johnsen(InfluenceNetwork.complete(3), np.zeros(3), 0.5, method="jacobi")  # compile
    with Workspace(db, read_only=True) as ws:
        t = time.perf_counter()
        view = ws.graph()
        read = time.perf_counter() - t
    t = time.perf_counter()
    net = InfluenceNetwork.from_view(view)
    build = time.perf_counter() - t
    x0 = np.random.default_rng(0).uniform(-1, 1, net.n_nodes)
    _row(f"world: {view.n_edges:,} interactions, {net.n_nodes:,} accounts",
         f"read {read:5.2f} s, who-listens-to-whom {build:5.2f} s ({net.n_arcs:,} pairs)")
    for label, lam in (("susceptibility 0.5", 0.5),
                       ("attention rule a/(a+1)", attention_susceptibility(net, np.diff(net.indptr)))):
        with _Clock() as clock:
            s = friedkin_johnsen(net, x0, lam, method="jacobi", tol=1e-8)
        _row(f"  FJ steady state, {label}",
             f"{clock} ({s.n_iterations} sweeps, residual {s.residual:.1e}); "
             f"with building: {build + clock.wall:5.2f} s wall")
    m = run_measured(einfluence_cmd("opinion", "settle", "--db", str(db), "--communities", "0", "--format", "json"))
    settled = json.loads(m.stdout)["scenarios"]["nothing done"][0]
    _row("  einfluence opinion settle (whole command)",
         f"{m.wall_s:5.2f} s wall, peak RSS {m.peak_rss_mb:6.0f} MB, {settled['accounts']:,} accounts")


def bench_runs(n_nodes: int, n_runs: int) -> None:
    from numba import get_num_threads

    from einfluence.opinion import InfluenceNetwork, simulate_opinions

    rng = np.random.default_rng(1)
    m = n_nodes * 6
    net = InfluenceNetwork.undirected(rng.integers(0, n_nodes, m), rng.integers(0, n_nodes, m), n_nodes=n_nodes)
    # a community has no isolated account (one would hold its opinion for ever: no run ever ends)
    net = net.subnetwork(np.flatnonzero(np.diff(net.indptr) > 0))
    simulate_opinions(InfluenceNetwork.complete(4), "naming-game", n_runs=2, horizon=2)  # compile
    simulate_opinions(InfluenceNetwork.complete(4), "voter", n_runs=2, horizon=2)
    _row(f"community: Erdős-Rényi, {n_nodes:,} accounts, {net.n_arcs:,} arcs", f"{get_num_threads()} threads")
    with _Clock() as clock:
        runs = simulate_opinions(net, "naming-game", n_random_committed=int(0.15 * n_nodes), n_runs=n_runs,
                                 horizon=100, random_state=0)
    done = runs.t_consensus[runs.consensus]
    _row(f"  {n_runs:,} naming-game runs, 15 % committed",
         f"{clock}; consensus in {runs.consensus.mean():.0%} of runs, after {done.mean():.1f} sweeps on average "
         f"({done.mean() * n_nodes * n_runs / clock.cpu / 1e6:.0f} M updates per CPU second)")
    with _Clock() as clock:
        simulate_opinions(net, "voter", initial=0.5, n_runs=n_runs, horizon=10, random_state=0)
    _row(f"  {n_runs:,} voter runs, 10 sweeps each",
         f"{clock} ({10 * n_nodes * n_runs / clock.cpu / 1e6:.0f} M updates per CPU second)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_opinion", description=__doc__.splitlines()[0])
    parser.add_argument("--interactions", type=int, default=10_000_000, help="size of the generated world")
    parser.add_argument("--nodes", type=int, default=100_000, help="accounts of the community of the runs")
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--skip-world", action="store_true")
    parser.add_argument("--skip-runs", action="store_true")
    args = parser.parse_args(argv)
    import os

    _row("machine", f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start")
    if not args.skip_runs:
        bench_runs(args.nodes, args.runs)
    if not args.skip_world:
        workdir = Path(tempfile.mkdtemp(prefix="einfluence-bench-opinion-"))
        try:
            bench_steady_state(workdir, args.interactions)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
