"""einfluence benchmarks: print the figures the issues ask for.

Usage (from the repository root, after the README's set-up)::

    .venv/bin/python -m benchmarks.run import            # all import figures
    .venv/bin/python -m benchmarks.run import --interactions 10000000

Each figure is measured on a fresh database in a fresh child process (wall time and peak RSS of
that process). Real datasets are read from ../shared/data (or $EINFLUENCE_SHARED_DATA) and
skipped with a message when absent.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from pathlib import Path

from benchmarks._harness import SHARED_DATA, einfluence_cmd, run_measured, self_peak_rss_mb, timed


def _row(name: str, value: str) -> None:
    print(f"{name:<58} {value}")


def bench_import_real(workdir: Path) -> None:
    cases = [
        ("higgs", SHARED_DATA / "higgs-twitter", "Higgs Twitter (563,069 events)"),
        ("twitter-trees", SHARED_DATA / "twitter15-16-rumor-trees", "Twitter15 + Twitter16 propagation trees"),
        ("gml", SHARED_DATA / "polblogs" / "polblogs.gml", "polblogs GML"),
        ("imm", SHARED_DATA / "im-benchmarks" / "nethept-imm", "NetHEPT (IMM format)"),
    ]
    for fmt, path, label in cases:
        if not path.exists():
            _row(f"import {label}", f"skipped ({path} absent)")
            continue
        db = workdir / f"{fmt}.duckdb"
        m = run_measured(einfluence_cmd("import", fmt, str(path), "--db", str(db), "--json"))
        added = json.loads(m.stdout)
        _row(
            f"import {label}",
            f"{m.wall_s:6.2f} s wall, peak RSS {m.peak_rss_mb:7.0f} MB, "
            f"{added['interactions_added']:,} interactions, {added['accounts_added']:,} accounts",
        )
        again = run_measured(einfluence_cmd("import", fmt, str(path), "--db", str(db), "--json"))
        _row("  re-import (same files)", f"{again.wall_s:6.2f} s wall, added {json.loads(again.stdout)['interactions_added']}")


def bench_import_generated(workdir: Path, n_interactions: int) -> None:
    from einfluence.datasets import make_demo_world
    from einfluence.io.generic import write_generic

    # the demo world's default activity gives about 48 interactions per account
    n_accounts = max(1000, -(-n_interactions // 48))
    world, seconds = timed(make_demo_world, n_accounts=n_accounts, seed=1)
    got = world.records.interactions.num_rows
    _row(
        f"generate demo world ({n_accounts:,} accounts)",
        f"{seconds:6.2f} s, {got:,} interactions, {world.records.posts.num_rows:,} posts, "
        f"peak RSS {self_peak_rss_mb():7.0f} MB",
    )
    folder = workdir / "world"
    _, seconds = timed(write_generic, world.records, folder, file_format="parquet")
    _row("  write as generic Parquet", f"{seconds:6.2f} s")
    del world
    db = workdir / "world.duckdb"
    m = run_measured(einfluence_cmd("import", "generic", str(folder), "--db", str(db), "--json"))
    added = json.loads(m.stdout)
    _row(
        f"import generated world ({got:,} interactions)",
        f"{m.wall_s:6.2f} s wall, peak RSS {m.peak_rss_mb:7.0f} MB, "
        f"{added['interactions_added']:,} interactions, {added['posts_added']:,} posts",
    )
    again = run_measured(einfluence_cmd("import", "generic", str(folder), "--db", str(db), "--json"))
    _row("  re-import (same files, checksum skip)", f"{again.wall_s:6.2f} s wall")
    # the same rows under other file names: recognised row by row, by natural key
    renamed = workdir / "world-renamed"
    renamed.mkdir()
    for path in folder.iterdir():
        shutil.copy(path, renamed / path.name.replace(".parquet", "-copy.parquet"))
    m = run_measured(einfluence_cmd("import", "generic", str(renamed), "--db", str(db), "--json"))
    added = json.loads(m.stdout)
    _row(
        "  re-import (same rows, renamed files)",
        f"{m.wall_s:6.2f} s wall, peak RSS {m.peak_rss_mb:7.0f} MB, added {added['interactions_added']} "
        f"interactions, {added['posts_added']} posts, {added['accounts_added']} accounts",
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="suite", required=True)
    imp = sub.add_parser("import", help="import speed and memory")
    imp.add_argument("--interactions", type=int, default=10_000_000, help="size of the generated world")
    imp.add_argument("--skip-generated", action="store_true")
    imp.add_argument("--skip-real", action="store_true")
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="einfluence-bench-"))
    try:
        if args.suite == "import":
            if not args.skip_real:
                bench_import_real(workdir)
            if not args.skip_generated:
                bench_import_generated(workdir, args.interactions)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
