"""As far as one machine goes: import, score, communities and seeds at 1M, 10M and 100M interactions.

Usage (from the repository root)::

    .venv/bin/python -m benchmarks.run scale                         # 1M, 10M, 100M
    .venv/bin/python -m benchmarks.run scale --sizes 1e6 1e7         # smaller
    .venv/bin/python -m benchmarks.run scale --keep /big/disk/scale  # keep the worlds and databases
    .venv/bin/python -m benchmarks.run scale --keep /big/disk/scale --reuse-worlds  # again, worlds kept
    .venv/bin/python -m benchmarks.run scale --sizes 1e8 --keep /big/disk/scale --reuse-worlds --steps import

Each size: a world written as Parquet by :func:`einfluence.datasets.scale.write_scale_world`
(heavy-tailed degrees, communities, cascades; its time is shown but is not a goal), then four
whole ``einfluence`` processes on a fresh database, each with its wall time and peak RSS:
``import generic FOLDER``, ``score``, ``communities`` and ``seeds --k 50 --epsilon 0.1
--probabilities wc``. Issue #15's goals on a quiet 2-core machine with 24 GB: import <= 5 min,
score <= 3 min, communities <= 10 min, seeds <= 5 min, peak RSS <= 16 GB each. The output ends
with a log-log plot of time against size per step, so that the growth is visible (a slope of 1
is linear growth).
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import time
from pathlib import Path

from benchmarks._harness import einfluence_cmd, run_measured

GOALS = {"import": 300.0, "score": 180.0, "communities": 600.0, "seeds": 300.0}
LETTERS = {"import": "I", "score": "S", "communities": "C", "seeds": "D"}
RSS_GOAL_MB = 16 * 1024


def _row(name: str, value: str) -> None:
    print(f"{name:<46} {value}", flush=True)


def _steps(folder: Path, db: Path) -> dict[str, list[str]]:
    return {
        "import": einfluence_cmd("import", "generic", str(folder), "--db", str(db)),
        "score": einfluence_cmd("score", "--db", str(db), "--json"),
        "communities": einfluence_cmd("communities", "--db", str(db), "--format", "json"),
        "seeds": einfluence_cmd("seeds", "--db", str(db), "--k", "50", "--epsilon", "0.1", "--probabilities", "wc",
                                "--format", "json"),
    }


def _plot(results: dict[int, dict[str, tuple[float, float]]], width: int = 60, height: int = 16) -> list[str]:
    """A log-log plot of wall seconds against interactions, one letter per step."""
    points = [(n, step, wall) for n, steps in results.items() for step, (wall, _) in steps.items() if wall > 0]
    if len({n for n, _, _ in points}) < 2:
        return ["(the plot needs two sizes or more)"]
    xs = [math.log10(n) for n, _, _ in points]
    ys = [math.log10(w) for _, _, w in points]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    y1 = y1 if y1 > y0 else y0 + 1
    grid = [[" "] * width for _ in range(height)]
    for (_, step, _), x, y in zip(points, xs, ys, strict=True):
        col = round((x - x0) / (x1 - x0) * (width - 1))
        row = height - 1 - round((y - y0) / (y1 - y0) * (height - 1))
        grid[row][col] = LETTERS[step] if grid[row][col] == " " else "*"
    legend = ", ".join(f"{letter} {step}" for step, letter in LETTERS.items())
    lines = [f"wall seconds against interactions, both on log scales ({legend}; * several)"]
    for r, line in enumerate(grid):
        label = 10 ** (y1 - r * (y1 - y0) / (height - 1))
        lines.append(f"{label:9.1f} s |" + "".join(line))
    lines.append(" " * 12 + "+" + "-" * width)
    lines.append(" " * 12 + f"{10 ** x0:,.0f}".ljust(width - 12) + f"{10 ** x1:,.0f}".rjust(12))
    return lines


def main(workdir: Path, argv: list[str] | None = None) -> None:
    from einfluence.datasets.scale import write_scale_world

    parser = argparse.ArgumentParser(prog="python -m benchmarks.run scale", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1e6, 1e7, 1e8], help="interactions")
    parser.add_argument("--keep", type=Path, help="write the worlds and databases here and keep them")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--reuse-worlds", action="store_true",
                        help="with --keep: keep a world already written there by an earlier run with this seed "
                             "(its Parquet files are the same; only the database is made afresh)")
    parser.add_argument("--steps", nargs="+", choices=list(GOALS), default=list(GOALS),
                        help="run only these steps, in their order; without import, the others run on the "
                             "database the last import left (with --keep)")
    args = parser.parse_args(argv)
    root = args.keep or workdir
    _row("machine", f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start")
    results: dict[int, dict[str, tuple[float, float]]] = {}
    for size in (int(s) for s in args.sizes):
        folder, db = root / f"world-{size}", root / f"world-{size}.duckdb"
        for leftover in (db, db.with_name(db.name + ".wal")) if "import" in args.steps else ():
            leftover.unlink(missing_ok=True)  # a fresh database (the later steps alone reuse the last one)
        stamp = root / f"world-{size}.written-seed-{args.seed}"  # beside it: the importer reads the folder
        if args.keep and args.reuse_worlds and stamp.exists():
            _row(f"{size:,} interactions: world reused", str(folder))
        else:
            shutil.rmtree(folder, ignore_errors=True)
            started = time.perf_counter()
            world = write_scale_world(folder, size, seed=args.seed)
            stamp.touch()
            _row(f"{size:,} interactions: world written",
                 f"{time.perf_counter() - started:7.1f} s ({world.n_accounts:,} accounts, {world.n_communities:,} "
                 f"communities, {world.n_posts:,} posts, {world.n_chunks} Parquet chunks)")
        results[size] = {}
        for step, command in _steps(folder, db).items():
            if step not in args.steps:
                continue
            m = run_measured(command)
            results[size][step] = (m.wall_s, m.peak_rss_mb)
            verdict = ""
            if size >= 100_000_000:
                ok = m.wall_s <= GOALS[step] and m.peak_rss_mb <= RSS_GOAL_MB
                verdict = f"  goal <= {GOALS[step]:.0f} s and {RSS_GOAL_MB / 1024:.0f} GB: {'met' if ok else 'MISSED'}"
            _row(f"  {step}", f"{m.wall_s:8.1f} s wall, peak RSS {m.peak_rss_mb:8.0f} MB{verdict}")
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
            db.unlink(missing_ok=True)
    sizes = sorted(results)
    if len(sizes) > 1:
        for step in args.steps:
            a, b = sizes[0], sizes[-1]
            slope = math.log(results[b][step][0] / results[a][step][0]) / math.log(b / a)
            _row(f"growth of {step} ({a:,} -> {b:,})", f"time ~ size^{slope:.2f}")
    for line in _plot(results):
        print(line)
