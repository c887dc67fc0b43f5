"""How fast reports are written: each kind on a generated world with its runs computed.

Usage (from the repository root)::

    .venv/bin/python -m benchmarks.run reports                        # the 10M-interaction world
    .venv/bin/python -m benchmarks.run reports --interactions 1000000

The world is the demo generator scaled to about ``--interactions`` interactions, imported, then
given what the reports read (score run, community run, mentions, a campaign plan) —
those are timed too, once. Each report is then written as HTML and as PDF by the command line,
as whole processes (``einfluence report KIND --out FILE``): wall time and peak RSS, the file's
size, and for PDFs their pages. The issue's goal: a campaign report in at most 5 s (HTML) and
15 s (PDF) on the 10M world.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
from pathlib import Path

from benchmarks._harness import einfluence_cmd, run_measured, timed


def _row(name: str, value: str) -> None:
    print(f"{name:<58} {value}", flush=True)


def prepare(db: Path) -> None:
    """The runs the reports read, computed once (and timed)."""
    from einfluence import Workspace

    with Workspace(db) as ws:
        # no topic run: none of the reports needs one (the shortlist's topics column stays empty),
        # and a topic model of millions of posts is another benchmark's business
        for name, step in (("score run", lambda: ws.score()),
                           ("community run", lambda: ws.communities()), ("mentions", lambda: ws.detect_mentions()),
                           ("campaign plan (budget 5,000)", lambda: ws.plan(budget=5000, n_simulations=1000))):
            _, seconds = timed(step)
            _row(f"  {name}", f"{seconds:7.1f} s")


def write_reports(db: Path, folder: Path, kinds: list[str]) -> None:
    for kind in kinds:
        for ending in ("html", "pdf"):
            out = folder / f"{kind}.{ending}"
            extra = ["--account", _first_account(db)] if kind == "profile" else []
            m = run_measured(einfluence_cmd("report", kind, "--db", str(db), "--out", str(out), *extra))
            detail = f"{out.stat().st_size / 1e6:5.1f} MB"
            if ending == "pdf" and shutil.which("pdfinfo"):
                info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
                pages = re.search(r"Pages:\s+(\d+)", info).group(1)
                detail += f", {pages} pages"
            _row(f"report {kind} → {ending}", f"{m.wall_s:6.2f} s wall, peak RSS {m.peak_rss_mb:6.0f} MB, {detail}")


def _first_account(db: Path) -> str:
    from einfluence import Workspace

    with Workspace(db, read_only=True) as ws:
        return ws.rank(limit=1).to_pylist()[0]["account"]


def main(workdir: Path, n_interactions: int, argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run reports")
    parser.add_argument("--kinds", default="campaign,influencers,profile,brand,communities")
    args = parser.parse_args(argv)
    from einfluence import Workspace

    db = workdir / "world.duckdb"
    # the demo world's default activity gives about 48 interactions per account
    _, seconds = timed(Workspace.create_demo, db, n_accounts=max(1000, -(-n_interactions // 48)), seed=1)
    with Workspace(db, read_only=True) as ws:
        stats = ws.stats(by_day=False)
    _row("world", f"{stats['interactions']:,} interactions, {stats['accounts']:,} accounts "
                  f"(generated and stored in {seconds:.0f} s)")
    prepare(db)
    write_reports(db, workdir, args.kinds.split(","))
