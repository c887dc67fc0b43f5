"""How fast the command line starts: help, version, and a whole ``einfluence seeds`` process.

Usage (from the repository root)::

    .venv/bin/python -m benchmarks.run startup            # 7 runs of each, min and median
    .venv/bin/python -m benchmarks.run startup --runs 15

Figures: wall time of ``einfluence --help``, ``einfluence seeds --help``, ``einfluence
--version`` and ``einfluence seeds`` on NetHEPT (IMM, k = 50, ε = 0.1: the issue's protocol)
as whole processes (the console script, as a user runs it), min and median over the runs;
then ``python -X importtime`` of ``einfluence --help``: the ten slowest imports (cumulative).
NetHEPT is read from ../shared/data (or $EINFLUENCE_SHARED_DATA); skipped when absent.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._harness import SHARED_DATA


def _row(name: str, value: str) -> None:
    print(f"{name:<52} {value}", flush=True)


def _console_script() -> str:
    """The ``einfluence`` entry point next to this interpreter (what a user runs)."""
    script = Path(sys.executable).parent / "einfluence"
    return str(script) if script.exists() else "einfluence"


def _times(argv: list[str], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, capture_output=True, check=True)
        out.append(time.perf_counter() - start)
    return out


def _report(name: str, seconds: list[float]) -> None:
    _row(name, f"min {min(seconds):.3f} s, median {statistics.median(seconds):.3f} s ({len(seconds)} runs)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run startup")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    cli = _console_script()
    for label, extra in (("--help", ["--help"]), ("seeds --help", ["seeds", "--help"]), ("--version", ["--version"])):
        _report(f"einfluence {label}", _times([cli, *extra], args.runs))
    nethept = SHARED_DATA / "im-benchmarks" / "nethept-imm"
    if nethept.exists():
        with tempfile.TemporaryDirectory() as folder:
            db = str(Path(folder) / "nethept.duckdb")
            subprocess.run([cli, "import", "imm", str(nethept), "--db", db], capture_output=True, check=True)
            seeds = [cli, "seeds", "--db", db, "--k", "50", "--epsilon", "0.1", "--format", "json"]
            subprocess.run(seeds, capture_output=True, check=True)  # numba's cache written once
            _report("einfluence seeds (NetHEPT, k=50, ε=0.1), whole process", _times(seeds, args.runs))
    else:
        _row("einfluence seeds (NetHEPT)", f"skipped ({nethept} absent)")
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "einfluence", "--help"],
                          capture_output=True, text=True, check=True)
    rows = []
    for line in done.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            rows.append((int(parts[1]), parts[2].rstrip()))
    _row("importtime of 'einfluence --help' (cumulative µs)", "")
    for cumulative, name in sorted(rows, reverse=True)[:10]:
        _row(f"  {name.strip()}", f"{cumulative:>9,} µs")


if __name__ == "__main__":
    main()
