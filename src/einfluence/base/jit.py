"""The one door to numba: every compiled kernel of einfluence imports ``njit`` from here.

Importing this module imports numba, so only kernel modules import it (never at ``--help``).
It exists to keep one start-up cost out of every command that runs a kernel.

The first call of any numba function (compiled now or loaded from the cache) loads numba's
lowering registries, and one of them, ``numba.np.arraymath``, probes for BLAS at import by
importing ``scipy.linalg.cython_blas``. That import pulls in all of ``scipy.linalg`` and, through
SciPy's array-API layer, ``numpy.f2py``: about 0.2 s of a 2 s ``einfluence seeds`` on NetHEPT,
for a probe whose only use is to choose how ``np.vdot``-style inner products are lowered.
einfluence's kernels do no linear algebra in numba, so :func:`_load_numba` imports
``numba.np.arraymath`` with that probe refused, then records whether SciPy is installed, which
is the answer the probe would have given. Nothing else changes: ``np.dot`` and ``np.linalg``
in a kernel still import SciPy's BLAS themselves when they are compiled
(``tests/test_architecture.py`` checks both halves).
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import sys
import threading

__all__ = ["get_num_threads", "njit", "prange"]

_PROBED = "scipy.linalg.cython_blas"


class _RefuseBlasProbe(importlib.abc.MetaPathFinder):
    """Refuse ``scipy.linalg`` while numba's array registry is imported (see the module docstring),
    to the thread that imports it only: ``sys.meta_path`` is the whole process's, and a server's
    other threads may import ``scipy.linalg`` meanwhile (``scipy.stats`` does), which must work."""

    def __init__(self) -> None:
        self.thread = threading.get_ident()

    def find_spec(self, fullname: str, path: object = None, target: object = None) -> None:
        if fullname in ("scipy.linalg", _PROBED) and threading.get_ident() == self.thread:
            raise ImportError(f"{fullname} is not needed by numba's registries at start-up")
        return None


def _load_numba() -> None:
    if "numba.np.arraymath" in sys.modules or _PROBED in sys.modules:
        return
    refuse = _RefuseBlasProbe()
    sys.meta_path.insert(0, refuse)
    try:
        import numba.np.arraymath as arraymath
    finally:
        sys.meta_path.remove(refuse)
    arraymath._HAVE_BLAS = importlib.util.find_spec("scipy") is not None


_load_numba()

from numba import get_num_threads, njit, prange  # noqa: E402  (after the registry above)
