"""Running where users run it: installed where the user cannot write (issue 11, point 4)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
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
