"""Benchmarks of einfluence.targeting: IMM on NetHEPT (vs the authors' C++), Wiki-Vote, 10M arcs.

Usage (from the repository root)::

    .venv/bin/python -m benchmarks.bench_targeting                       # everything
    .venv/bin/python -m benchmarks.bench_targeting --only nethept
    .venv/bin/python -m benchmarks.bench_targeting --only synthetic --nodes 1000000 --arcs 10000000

Figures, one per line. Numba compile (or cache load) time is measured first, on a tiny graph,
and never counted in algorithm times. For each graph: IMM's algorithm time (median of
``--repeats`` runs; ``SeedSet.seconds``: graph transposition, sampling and selection), θ, the
reported spread, and the spread of the seeds measured by an independent Monte-Carlo of
``--simulations`` cascades (mean ± standard error), twice: with the private numba simulator
``einfluence.targeting.celf._mc_spread`` and with ``einfluence.diffusion.simulate`` (written
independently) when it is available.

* NetHEPT as shipped with IMM (``graph_ic.inf``, influence flows ``src -> dst`` as in IMM's
  reader, whose arcs are weighted-cascade 1/in-degree): IC with the file's probabilities, and LT
  with the same 1/in-degree weights; the authors' C++ reaches 963 (IC) and 1295 (LT) at k = 50.
* Wiki-Vote (SNAP): vote ``A -> B`` read as ``B`` influencing ``A``, weighted cascade.
* A generated graph (heavy-tailed out-degrees, ``--nodes``/``--arcs``, ``--generator``
  planted communities or uniform destinations), weighted cascade and a constant ``p = 0.01``: run in a child process, whose wall time and peak RSS are the "whole
  process" figures (Python start, imports, generation, IMM and evaluation).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time

import numpy as np

from benchmarks._harness import SHARED_DATA, run_measured, self_peak_rss_mb


def _row(name: str, value: object) -> None:
    print(f"{name:<52} {value}", flush=True)


def _compile() -> float:
    from einfluence.diffusion import DiffusionGraph
    from einfluence.targeting import budgeted_imm, estimate_spread, imm
    from einfluence.targeting.celf import _mc_spread

    t = time.perf_counter()
    g = DiffusionGraph.from_arcs([0, 1, 2], [1, 2, 0], 0.5, n_nodes=4)
    for model in ("ic", "lt"):
        imm(g, 2, epsilon=0.5, model=model, random_state=0)
        estimate_spread(g, [0], model=model, n_sets=10, random_state=0)
        _mc_spread(g, np.array([0]), model, 10, 0)
    budgeted_imm(g, np.ones(4), 2.0, epsilon=0.5, random_state=0)
    return time.perf_counter() - t


def _cold_compile() -> float:
    """Seconds of :func:`_compile` in a fresh process with an empty numba cache: the one-off compilation."""
    import os
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as cache:
        out = subprocess.run(
            [sys.executable, "-c", "from benchmarks.bench_targeting import _compile; print(_compile())"],
            env={**os.environ, "NUMBA_CACHE_DIR": cache}, capture_output=True, text=True, check=True,
        )
    return float(out.stdout.split()[-1])


def _evaluate(name: str, g, model: str, k: int, args: argparse.Namespace) -> None:
    from einfluence.targeting import imm
    from einfluence.targeting.celf import _mc_spread

    runs = [imm(g, k, epsilon=args.epsilon, ell=1.0, model=model, random_state=i) for i in range(args.repeats)]
    seconds = [r.seconds for r in runs]
    result = runs[0]
    _row(f"{name}: imm seconds (median of {args.repeats})", f"{statistics.median(seconds):.3f}  (min {min(seconds):.3f})")
    _row(f"{name}: theta (RR sets)", f"{result.rr_sets:,}")
    _row(f"{name}: lower bound LB", f"{result.lower_bound:.1f}")
    _row(f"{name}: reported spread", f"{result.expected_spread:.1f}")
    t = time.perf_counter()
    sims = _mc_spread(g, result.seeds, model, args.simulations, 12345)
    _row(
        f"{name}: Monte-Carlo spread ({args.simulations:,} sims)",
        f"{sims.mean():.1f} ± {sims.std(ddof=1) / np.sqrt(sims.size):.1f}  ({time.perf_counter() - t:.2f} s)",
    )
    try:  # the diffusion package's simulator, an implementation independent of ours
        from einfluence.diffusion import simulate
    except ImportError:
        simulate = None
    if simulate is not None:
        t = time.perf_counter()
        est = simulate(g, result.seeds, model=model, n_simulations=args.simulations, random_state=12345)
        _row(
            f"{name}: diffusion.simulate spread ({args.simulations:,})",
            f"{est.mean:.1f} ± {est.std_error:.1f}  ({time.perf_counter() - t:.2f} s)",
        )
    spreads = [_mc_spread(g, r.seeds, model, 2000, 777).mean() for r in runs[1:]]
    if spreads:
        _row(f"{name}: other seeds' spreads (2,000 sims each)", " ".join(f"{s:.1f}" for s in spreads))


def _read_imm(folder):
    from einfluence.diffusion import DiffusionGraph

    n = int((folder / "attribute.txt").read_text().split()[0].split("=")[1])
    data = np.loadtxt(folder / "graph_ic.inf")  # no header: "src dst p" lines
    return DiffusionGraph.from_arcs(data[:, 0].astype(np.int64), data[:, 1].astype(np.int64), data[:, 2], n_nodes=n)


def _weighted_cascade(src: np.ndarray, dst: np.ndarray, n: int):
    from einfluence.diffusion import DiffusionGraph

    g = DiffusionGraph.from_arcs(src, dst, 1.0, n_nodes=n)
    return g.with_prob(1.0 / g.in_degree()[g.indices])


def bench_nethept(args: argparse.Namespace) -> None:
    folder = SHARED_DATA / "im-benchmarks" / "nethept-imm"
    if not folder.exists():
        _row("nethept", f"skipped: {folder} absent")
        return
    g = _read_imm(folder)
    _row("nethept: nodes / arcs", f"{g.n_nodes:,} / {g.n_arcs:,}")
    _evaluate("nethept IC (file weights)", g, "ic", args.k, args)
    lt = g.with_prob(1.0 / g.in_degree()[g.indices])
    _evaluate("nethept LT (1/in-degree)", lt, "lt", args.k, args)


def bench_wiki(args: argparse.Namespace) -> None:
    path = SHARED_DATA / "im-benchmarks" / "wiki-vote" / "wiki-Vote.txt"
    if not path.exists():
        _row("wiki-vote", f"skipped: {path} absent")
        return
    data = np.loadtxt(path, dtype=np.int64, comments="#")
    ids, dense = np.unique(data, return_inverse=True)
    dense = dense.reshape(data.shape)
    # "A voted on B": B influences A
    g = _weighted_cascade(dense[:, 1], dense[:, 0], ids.size)
    _row("wiki-vote: nodes / arcs", f"{g.n_nodes:,} / {g.n_arcs:,}")
    _evaluate("wiki-vote IC (weighted cascade)", g, "ic", args.k, args)


def synthetic_graph(n: int, m: int, seed: int, kind: str = "planted") -> tuple[np.ndarray, np.ndarray]:
    """``m`` arcs (before de-duplication) with heavy-tailed out-degrees.

    ``planted``: sources drawn with Pareto(2) weights, 90 % of the arcs inside blocks of 200
    consecutive accounts (communities), the rest uniform. ``uniform``: Pareto(1.5) sources and
    uniform destinations, a locally tree-like graph where reverse cascades under the weighted
    cascade are critical branching processes (large RR sets: a hard case). ``power-law``:
    Pareto(1.5) weights at both ends (Chung-Lu), heavy-tailed in- and out-degrees.
    """
    rng = np.random.default_rng(seed)
    w = rng.pareto(2.0 if kind == "planted" else 1.5, n) + 1.0
    src = np.searchsorted(np.cumsum(w), rng.uniform(0, w.sum(), m)).clip(0, n - 1)
    if kind == "uniform":
        return src, rng.integers(0, n, m)
    if kind == "power-law":
        w_in = rng.pareto(1.5, n) + 1.0
        return src, np.searchsorted(np.cumsum(w_in), rng.uniform(0, w_in.sum(), m)).clip(0, n - 1)
    block = 200
    local = rng.random(m) < 0.9
    dst = np.where(local, (src // block) * block + rng.integers(0, block, m), rng.integers(0, n, m))
    return src, dst.clip(0, n - 1)


def bench_synthetic_child(args: argparse.Namespace) -> None:
    from einfluence.targeting import imm
    from einfluence.targeting.celf import _mc_spread

    started = time.perf_counter()
    _row("synthetic: compile / cache load seconds", f"{_compile():.2f}")
    t = time.perf_counter()
    src, dst = synthetic_graph(args.nodes, args.arcs, 0, args.generator)
    g = _weighted_cascade(src, dst, args.nodes)
    _row("synthetic: generation seconds", f"{time.perf_counter() - t:.2f}")
    _row(f"synthetic ({args.generator}): nodes / arcs", f"{g.n_nodes:,} / {g.n_arcs:,}")
    from einfluence.exceptions import ParameterError

    try:
        from einfluence.diffusion import simulate
    except ImportError:
        simulate = None
    for label, graph in (("WC", g), ("p=0.01", g.with_prob(0.01))):
        try:
            result = imm(graph, args.k, epsilon=args.epsilon, random_state=0)
        except ParameterError as exc:  # the memory cap: θ beyond memory_limit
            _row(f"synthetic {label}: imm refused", str(exc))
            continue
        _row(f"synthetic {label}: imm seconds", f"{result.seconds:.2f}")
        _row(f"synthetic {label}: theta / LB", f"{result.rr_sets:,} / {result.lower_bound:.0f}")
        _row(f"synthetic {label}: reported spread", f"{result.expected_spread:.0f}")
        _row(f"synthetic {label}: peak RSS after imm (MB)", f"{self_peak_rss_mb():.0f}")
        sims = _mc_spread(graph, result.seeds, "ic", args.synthetic_simulations, 99)
        _row(
            f"synthetic {label}: Monte-Carlo spread ({args.synthetic_simulations:,} sims)",
            f"{sims.mean():.0f} ± {sims.std(ddof=1) / np.sqrt(sims.size):.0f}",
        )
        if simulate is not None:
            est = simulate(graph, result.seeds, model="ic", n_simulations=args.synthetic_simulations, random_state=99)
            _row(
                f"synthetic {label}: diffusion.simulate ({args.synthetic_simulations:,})",
                f"{est.mean:.0f} ± {est.std_error:.0f}",
            )
    _row("synthetic: in-process seconds", f"{time.perf_counter() - started:.2f}")


def bench_synthetic(args: argparse.Namespace) -> None:
    cmd = [
        sys.executable, "-m", "benchmarks.bench_targeting", "--only", "synthetic-child",
        "--nodes", str(args.nodes), "--arcs", str(args.arcs), "--k", str(args.k),
        "--epsilon", str(args.epsilon), "--synthetic-simulations", str(args.synthetic_simulations),
        "--generator", args.generator,
    ]
    measure = run_measured(cmd)
    sys.stdout.write(measure.stdout)
    _row("synthetic: whole process wall seconds", f"{measure.wall_s:.2f}")
    _row("synthetic: whole process peak RSS (MB)", f"{measure.peak_rss_mb:.0f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=["nethept", "wiki", "synthetic", "synthetic-child"])
    parser.add_argument("--k", type=int, default=50)
    parser.add_argument("--epsilon", type=float, default=0.1)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--simulations", type=int, default=10_000)
    parser.add_argument("--synthetic-simulations", type=int, default=1_000)
    parser.add_argument("--nodes", type=int, default=1_000_000)
    parser.add_argument("--arcs", type=int, default=10_000_000)
    parser.add_argument("--generator", choices=["planted", "uniform", "power-law"], default="planted")
    args = parser.parse_args(argv)
    if args.only == "synthetic-child":
        bench_synthetic_child(args)
        return
    if args.only in (None, "nethept", "wiki"):
        _row("numba first compilation (empty cache), one-off seconds", f"{_cold_compile():.2f}")
        _row("numba cache load seconds (each new process)", f"{_compile():.2f}")
    if args.only in (None, "nethept"):
        bench_nethept(args)
    if args.only in (None, "wiki"):
        bench_wiki(args)
    if args.only in (None, "synthetic"):
        bench_synthetic(args)
    print(json.dumps({"peak_rss_mb": round(self_peak_rss_mb())}))


if __name__ == "__main__":
    main()
