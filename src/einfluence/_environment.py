"""Running where users run einfluence: a place for numba's compiled code when the package has none.

numba keeps the machine code of ``cache=True`` kernels next to their source, in ``__pycache__``.
Installed into a location the user cannot write (a system or shared environment), and with no
writable home for numba's own fallback, every kernel would fail with "cannot cache function ...
no locator available". :func:`configure_numba_cache` then points numba at a per-user cache folder
(``$XDG_CACHE_HOME/einfluence/numba``, ``~/.cache/einfluence/numba``), or a private temporary
folder when even that cannot be written. It runs when ``einfluence`` is imported, before numba is.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

__all__ = ["configure_numba_cache", "numba_cache_candidates", "user_cache_dir"]


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".einfluence-probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError:
        return False
    return True


def numba_cache_candidates() -> list[Path]:
    """Where numba's cache may go when the package folder cannot be written, in order of preference."""
    home = os.environ.get("XDG_CACHE_HOME") or str(Path("~/.cache").expanduser())
    uid = os.getuid() if hasattr(os, "getuid") else os.getpid()
    return [Path(home) / "einfluence" / "numba", Path(tempfile.gettempdir()) / f"einfluence-numba-{uid}"]


def user_cache_dir(name: str) -> Path | None:
    """A writable per-user cache folder for ``name`` (``$XDG_CACHE_HOME/einfluence/NAME`` or
    ``~/.cache/einfluence/NAME``), or None when there is none to write."""
    home = os.environ.get("XDG_CACHE_HOME") or str(Path("~/.cache").expanduser())
    folder = Path(home) / "einfluence" / name
    return folder if _writable(folder) else None


def configure_numba_cache(package: Path | None = None) -> Path | None:
    """Give numba a writable cache folder when the package's own cannot be written.

    Returns the folder chosen, or None when nothing was changed (the package folder is
    writable, or ``NUMBA_CACHE_DIR`` is already set by the user).
    """
    if os.environ.get("NUMBA_CACHE_DIR"):
        return None
    package = package or Path(__file__).parent
    pycache = package / "__pycache__"
    if os.access(package, os.W_OK) and (not pycache.exists() or os.access(pycache, os.W_OK)):
        return None
    for folder in numba_cache_candidates():
        if _writable(folder):
            os.environ["NUMBA_CACHE_DIR"] = str(folder)
            if "numba" in sys.modules:  # numba read its configuration already
                sys.modules["numba"].config.CACHE_DIR = str(folder)
            return folder
    return None
