"""Timing and memory of a whole command, measured in a child process."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
def _find_shared_data() -> Path:
    """$EINFLUENCE_SHARED_DATA, else the first ``shared/data`` folder above the checkout."""
    if os.environ.get("EINFLUENCE_SHARED_DATA"):
        return Path(os.environ["EINFLUENCE_SHARED_DATA"])
    for folder in REPO.parents:
        if (folder / "shared" / "data").is_dir():
            return folder / "shared" / "data"
    return REPO.parent / "shared" / "data"


SHARED_DATA = _find_shared_data()


@dataclass(frozen=True)
class Measure:
    """Wall time and peak resident memory of one child process."""

    wall_s: float
    peak_rss_mb: float
    stdout: str


def run_measured(args: list[str]) -> Measure:
    """Run ``python -c``-style argument list in a fresh process; measure wall and peak RSS.

    Peak RSS is the child's ``ru_maxrss``: every benchmark runs in its own process so that
    figures do not include the harness or an earlier step.
    """
    script = (
        "import resource, subprocess, sys, json, time\n"
        "t = time.perf_counter()\n"
        "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "wall = time.perf_counter() - t\n"
        "rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "sys.stderr.write(p.stderr)\n"
        "print(json.dumps({'wall': wall, 'rss': rss, 'rc': p.returncode, 'out': p.stdout}))\n"
    )
    proc = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr)
    import json

    result = json.loads(proc.stdout)
    if result["rc"] != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{proc.stderr}")
    return Measure(result["wall"], result["rss"], result["out"])


def einfluence_cmd(*args: str) -> list[str]:
    """The einfluence CLI of this interpreter, as an argument list."""
    return [sys.executable, "-m", "einfluence", *args]


def self_peak_rss_mb() -> float:
    """Peak RSS of the current process so far."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(func, *args, **kwargs):
    """(result, seconds) of one call."""
    start = time.perf_counter()
    result = func(*args, **kwargs)
    return result, time.perf_counter() - start
