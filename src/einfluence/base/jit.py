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

Processes that start together on a fresh install (a server and its job pool, commands run side
by side, a test suite's workers) would each compile the same kernels at once, for minutes of
CPU: the first call of the naming game alone compiles for more than a minute. :func:`njit`
therefore gives every cached kernel a lock file beside its cache (``fcntl.flock``, released by
the system if a process dies): one process compiles, the others wait and load its machine code
from the cache. Only a process's outermost compile takes a lock (the kernels it calls compile
under it, numba's own compiler lock held), so a process waits on at most one lock and two
processes cannot wait on each other.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.abc
import importlib.util
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: each process compiles for itself
    fcntl = None  # type: ignore[assignment]

__all__ = ["copy_into", "get_num_threads", "njit", "prange", "read_only"]

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

import numpy as np  # noqa: E402
from numba import get_num_threads, prange  # noqa: E402  (after the registry above)
from numba import njit as _numba_njit  # noqa: E402
from numba.core.compiler_lock import global_compiler_lock  # noqa: E402
from numba.extending import overload as _overload  # noqa: E402


def _lock_path(dispatcher: Any) -> Path | None:
    """The lock file of a cached kernel, beside its machine code; None for a kernel not cached."""
    folder = getattr(getattr(dispatcher, "_cache", None), "_cache_path", None)
    func = getattr(dispatcher, "py_func", None)
    if folder is None or func is None:
        return None
    return Path(folder) / f"{func.__module__}.{func.__qualname__}.compile-lock"


def _compile_once(dispatcher: Any) -> Any:
    """``dispatcher``, whose compiles wait for any other process compiling the same kernel (see
    the module docstring)."""
    path = _lock_path(dispatcher)
    if fcntl is None or path is None:
        return dispatcher
    compile_now = dispatcher.compile

    @functools.wraps(compile_now)
    def compile(signature: Any) -> Any:
        # a compile inside another one (a kernel that calls this one), of einfluence or not: this
        # thread holds numba's compiler lock, and waiting for a file then could wait on a thread
        # of this process that waits for that lock
        if global_compiler_lock.is_locked():
            return compile_now(signature)
        try:
            lock = os.open(path, os.O_CREAT | os.O_RDWR, 0o666)
        except OSError:  # a cache folder that cannot take the file: compile alone
            return compile_now(signature)
        try:
            # then numba finds the other process's code in the cache; a file system without locks
            # (some network mounts) compiles alone
            with contextlib.suppress(OSError):
                fcntl.flock(lock, fcntl.LOCK_EX)
            return compile_now(signature)
        finally:
            os.close(lock)

    dispatcher.compile = compile
    return dispatcher


def njit(*args: Any, **options: Any) -> Any:
    """numba's ``njit``; a kernel with ``cache=True`` is compiled by one process at a time (see the
    module docstring)."""
    if args and callable(args[0]):  # @njit without options: nothing is cached
        return _numba_njit(*args, **options)
    decorate = _numba_njit(*args, **options)
    if not options.get("cache"):
        return decorate

    def cached(func: Callable[..., Any]) -> Any:
        return _compile_once(decorate(func))

    return cached


def read_only(a: Any, dtype: Any) -> np.ndarray:
    """``a`` as a C-contiguous, read-only ``dtype`` array, for a kernel that only reads it.

    numba compiles a kernel once per argument type, and an array's type holds its dtype, its
    layout and whether it is writeable: the same input arriving writeable from one caller and
    read-only (a buffer, a view of the store) or strided from another compiles the kernel twice.
    Passed through this function, it arrives one way. A view, not a copy, when ``a`` already is
    a C-contiguous ``dtype`` array (flagging a view read-only leaves ``a`` writeable).
    """
    view = np.ascontiguousarray(a, dtype=dtype).view()
    view.flags.writeable = False
    return view


def copy_into(dst: Any, at: int, src: Any) -> None:
    """``dst[at:at + src.size] = src``, for compiled kernels: there a plain loop (one-dimensional
    arrays; pass ``a.reshape(-1)`` of C-ordered ones, others fail to compile).

    numba compiles the slice assignment itself with a shape check whose error message is
    formatted by compiled string code: about 1.9 CPU-seconds the first time a process compiles
    a kernel that holds one, against 0.07 s for this loop (measured, numba 0.68). The check on
    the dimensions is made when the kernel compiles, not when it runs: a ``raise`` inside a
    ``prange`` loop would keep numba from running the loop in parallel. Called from Python, this
    function does the same copy with NumPy.
    """
    if np.ndim(dst) != 1 or np.ndim(src) != 1:
        raise ValueError("copy_into copies one-dimensional arrays")
    dst[at : at + len(src)] = src


def _copy_into_typed(dst: Any, at: Any, src: Any) -> Any:
    from numba.core.errors import TypingError

    if getattr(dst, "ndim", None) != 1 or getattr(src, "ndim", None) != 1:
        raise TypingError("copy_into copies one-dimensional arrays")

    def loop(dst: Any, at: Any, src: Any) -> None:
        for i in range(src.size):
            dst[at + i] = src[i]

    return loop


_overload(copy_into, inline="always")(_copy_into_typed)
