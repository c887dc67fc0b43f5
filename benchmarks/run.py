"""einfluence benchmarks: print the figures the issues ask for.

Usage (from the repository root, after the README's set-up)::

    .venv/bin/python -m benchmarks.run import            # all import figures
    .venv/bin/python -m benchmarks.run import --interactions 10000000
    .venv/bin/python -m benchmarks.run score             # scoring a 10M-interaction world
    .venv/bin/python -m benchmarks.run evaluate          # Higgs, Twitter15/16, demo recovery

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


def _generated_db(workdir: Path, n_interactions: int) -> Path:
    from einfluence import Workspace
    from einfluence.datasets import make_demo_world
    from einfluence.io.generic import write_generic

    world = make_demo_world(n_accounts=max(1000, -(-n_interactions // 48)), seed=1)
    folder = workdir / "world"
    write_generic(world.records, folder)
    db = workdir / "world.duckdb"
    with Workspace(db) as ws:
        ws.import_files("generic", [folder])
    return db


def bench_score(workdir: Path, n_interactions: int) -> None:
    db = _generated_db(workdir, n_interactions)
    from einfluence import Workspace

    with Workspace(db, read_only=True) as ws:
        stats = ws.stats(by_day=False)
    m = run_measured(einfluence_cmd("score", "--db", str(db), "--json"))
    info = json.loads(m.stdout)
    _row(
        f"score generated world ({stats['interactions']:,} interactions)",
        f"{m.wall_s:6.2f} s wall, peak RSS {m.peak_rss_mb:7.0f} MB, {info['n_scored']:,} accounts scored "
        "(graph view, all components, score, stored run; includes process start)",
    )


def _print_table(title: str, report: dict, target: str = "relays_later") -> None:
    table = report["tables"][target]
    print(f"\n{title}: population {report['n_population']:,}, positive {report['n_positive'][target]:,}")
    ks = table["ks"]
    header = f"  {'measure':22s} {'spearman':>9s} {'kendall':>8s} " + " ".join(f"{'ov@' + str(k):>7s}" for k in ks)
    print(header + " " + " ".join(f"{'ndcg@' + str(k):>9s}" for k in ks))
    for row in table["rows"]:
        if not row["computable"]:
            continue
        cells = [f"{row['spearman']:9.4f}", f"{row['kendall']:8.4f}"]
        cells += [f"{row[f'overlap@{k}']:7.0f}" if row[f"overlap@{k}"] is not None else "      -" for k in ks]
        cells += [f"{row[f'ndcg@{k}']:9.3f}" if row[f"ndcg@{k}"] is not None else "        -" for k in ks]
        print(f"  {row['name']:22s} " + " ".join(cells))
    if report["unavailable"]:
        print("  not computable: " + ", ".join(report["unavailable"]))


def bench_evaluate(workdir: Path) -> None:
    cases = [
        ("higgs", SHARED_DATA / "higgs-twitter", "2012-07-04T00:00:00", "Higgs Twitter, split 2012-07-04"),
        ("twitter-trees", SHARED_DATA / "twitter15-16-rumor-trees", "2015-11-01T00:00:00", "Twitter15/16, split 2015-11-01"),
    ]
    for fmt, path, split, title in cases:
        if not path.exists():
            print(f"{title}: skipped ({path} absent)")
            continue
        db = workdir / f"eval-{fmt}.duckdb"
        run_measured(einfluence_cmd("import", fmt, str(path), "--db", str(db)))
        m = run_measured(einfluence_cmd("evaluate", "--db", str(db), "--split", split, "--format", "json"))
        report = json.loads(m.stdout)
        _print_table(f"{title} ({m.wall_s:.1f} s)", report)
        _print_table(f"{title}, target distinct relayers", report, "distinct_relayers_later")


def bench_demo_recovery(workdir: Path) -> None:
    """Precision@k of the score against the demo world's planted influencers."""
    from einfluence import Workspace

    db = workdir / "demo.duckdb"
    for seed in (0, 1, 2):
        Workspace.create_demo(db, n_accounts=3000, seed=seed, force=True)
        with Workspace(db) as ws:
            run_id, _ = ws.score()
            ranked = [r["account"] for r in ws.rank(run_id, limit=100, network="microblog").to_pylist()]
            planted = {r["id"] for r in ws.truth("influence").to_pylist() if r["network"] == "microblog"}
            brands = {r["account"] for r in ws.truth("brands").to_pylist()}
        figures = ", ".join(
            f"P@{k} {sum(a in planted for a in ranked[:k]) / k:.2f}" for k in (10, 20, 50)
        )
        with_brands = sum(a in planted | brands for a in ranked[:20]) / 20
        _row(
            f"demo world seed {seed}: {len(planted)} planted influencers",
            f"{figures}; P@20 counting brand accounts {with_brands:.2f}",
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="suite", required=True)
    imp = sub.add_parser("import", help="import speed and memory")
    imp.add_argument("--interactions", type=int, default=10_000_000, help="size of the generated world")
    imp.add_argument("--skip-generated", action="store_true")
    imp.add_argument("--skip-real", action="store_true")
    sco = sub.add_parser("score", help="scoring speed and memory on a generated world")
    sco.add_argument("--interactions", type=int, default=10_000_000)
    sub.add_parser("evaluate", help="evaluation tables on real data and recovery on the demo world")
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="einfluence-bench-"))
    try:
        if args.suite == "import":
            if not args.skip_real:
                bench_import_real(workdir)
            if not args.skip_generated:
                bench_import_generated(workdir, args.interactions)
        elif args.suite == "score":
            bench_score(workdir, args.interactions)
        elif args.suite == "evaluate":
            bench_demo_recovery(workdir)
            bench_evaluate(workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
