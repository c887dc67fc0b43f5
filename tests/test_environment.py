"""Running where users run it: installed where the user cannot write (issue 11, point 4)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from einfluence._environment import configure_numba_cache, numba_cache_candidates


def test_a_writable_package_keeps_numbas_own_cache(tmp_path, monkeypatch):
    monkeypatch.delenv("NUMBA_CACHE_DIR", raising=False)
    assert configure_numba_cache(tmp_path) is None
    assert "NUMBA_CACHE_DIR" not in os.environ


def test_a_cache_folder_set_by_the_user_is_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("NUMBA_CACHE_DIR", str(tmp_path / "mine"))
    assert configure_numba_cache(Path("/nonexistent-package")) is None


def test_an_unwritable_package_gets_a_per_user_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("NUMBA_CACHE_DIR", "")  # registered, so that the value set below is undone
    monkeypatch.delenv("NUMBA_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    chosen = configure_numba_cache(Path("/nonexistent-package"))  # cannot be written by anyone
    assert chosen == numba_cache_candidates()[0] == tmp_path / "cache" / "einfluence" / "numba"
    assert os.environ["NUMBA_CACHE_DIR"] == str(chosen)


@pytest.mark.slow
@pytest.mark.skipif(not (hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("runuser")
                         and Path("/usr/bin/python3").exists()), reason="needs root, runuser and /usr/bin/python3")
def test_a_system_install_runs_for_a_user_who_cannot_write_it():
    """einfluence in a root-owned folder, a numba kernel run by 'nobody' with no writable home."""
    import einfluence

    base = Path("/tmp") / f"einfluence-env-test-{os.getpid()}"  # pytest's tmp_path is private to root
    system, work = base / "system", base / "tmp"
    shutil.copytree(Path(einfluence.__file__).parent, system / "einfluence",
                    ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run(["chmod", "-R", "a+rX,go-w", str(base)], check=True)
    work.mkdir()
    work.chmod(0o777)
    dependencies = next(p for p in sys.path if p.endswith("site-packages"))
    code = ("from einfluence.graph import DiffusionGraph\n"
            "g = DiffusionGraph.from_arcs([0, 1], [1, 2], 0.5)\n"
            "print(g.n_arcs)")
    try:
        done = subprocess.run(
            ["runuser", "-u", "nobody", "--", "env", "-u", "NUMBA_CACHE_DIR", "-u", "XDG_CACHE_HOME",
             "HOME=/nonexistent", f"TMPDIR={work}",
             f"PYTHONPATH={system}:{dependencies}", "/usr/bin/python3", "-c", code],
            capture_output=True, text=True, timeout=300,
        )
        assert done.returncode == 0 and done.stdout.strip() == "2", done.stderr[-2000:]
        assert list(work.glob("einfluence-numba-*"))  # the kernels were cached there
    finally:
        shutil.rmtree(base, ignore_errors=True)


_STARTS_TOGETHER = """
import pathlib, sys, time
folder = pathlib.Path(sys.argv[1])
sys.path.insert(0, str(folder))
import kernel_once
(folder / f"ready-{sys.argv[2]}").touch()
while not (folder / "go").exists():
    time.sleep(0.002)
kernel_once.squares(1000)
stats = kernel_once.squares.stats
print(sum(stats.cache_misses.values()), sum(stats.cache_hits.values()))
"""


def test_processes_that_start_together_compile_a_kernel_once(tmp_path):
    """Three processes call a new cached kernel at the same moment: one compiles it, the two
    others wait and load its machine code (each would compile it for itself without the lock)."""
    # a kernel long enough to compile (about a second) that the three calls overlap
    steps = "".join(f"        if i % {k + 2} == 1:\n            total += i * {k}.5\n" for k in range(150))
    (tmp_path / "kernel_once.py").write_text(
        "from einfluence.base.jit import njit\n\n\n"
        "@njit(cache=True)\n"
        "def squares(n):\n"
        "    total = 0.0\n"
        "    for i in range(n):\n" + steps +
        "    return total\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_CACHE_DIR"}
    processes = [subprocess.Popen([sys.executable, "-c", _STARTS_TOGETHER, str(tmp_path), str(i)],
                                  stdout=subprocess.PIPE, text=True, env=env) for i in range(3)]
    try:
        for _ in range(6000):
            if all((tmp_path / f"ready-{i}").exists() for i in range(3)):
                break
            assert all(p.poll() is None for p in processes), "a process ended before the start"
            time.sleep(0.01)
        (tmp_path / "go").touch()
        counts = [tuple(map(int, p.communicate(timeout=120)[0].split())) for p in processes]
    finally:
        for p in processes:
            p.kill()
    assert sorted(counts) == [(0, 1), (0, 1), (1, 0)]
