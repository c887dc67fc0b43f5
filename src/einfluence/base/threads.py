"""Work split over threads that run compiled kernels releasing the GIL.

A kernel written as a plain loop over a range (``@njit(nogil=True)``), called from a few Python
threads on consecutive parts of the range, runs as fast as the same loop under numba's
``prange`` on coarse parts, and compiles in a fraction of the time: numba's parallel
transformation (parfors, gufunc wrappers, the threading layer) is the dearest part of a
kernel's first compile, paid again by every install and every empty cache. The parts are
fixed by the count and the number of threads only, so a kernel whose items draw from their own
random stream (the index of the item) gives the same result on any number of threads.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import numpy as np

__all__ = ["bounds", "in_parts"]

T = TypeVar("T")

_POOLS: dict[int, ThreadPoolExecutor] = {}


def _pool(parts: int) -> ThreadPoolExecutor:
    """A lasting pool of ``parts - 1`` worker threads (the calling thread takes the first part)."""
    if parts not in _POOLS:
        _POOLS[parts] = ThreadPoolExecutor(max_workers=parts - 1, thread_name_prefix="einfluence-part")
    return _POOLS[parts]


def bounds(count: int, parts: int) -> list[int]:
    """The ``parts + 1`` bounds of ``parts`` consecutive, near-equal parts of ``range(count)``."""
    return [int(b) for b in np.linspace(0, count, parts + 1).astype(np.int64)]


def in_parts(count: int, threads: int, work: Callable[[int, int, int], T], *, min_items: int = 1) -> list[T]:
    """``work(lo, hi, part)`` over consecutive parts of ``range(count)``, one part per thread, the
    calling thread taking the first; the results in the order of the parts.

    Parameters
    ----------
    count : int
        Items to split.
    threads : int
        Parts (and threads) at most; one part when ``count < min_items`` or ``threads < 2``.
    work : callable
        ``work(lo, hi, part)`` computes items ``lo .. hi - 1``; it should spend its time in a
        kernel that releases the GIL (``nogil=True``), or the threads take turns.
    min_items : int
        Below this many items, one thread does all the work (a thread hand-off costs tens of
        microseconds).
    """
    parts = max(1, min(threads, count)) if count >= min_items and threads > 1 else 1
    if parts == 1:
        return [work(0, count, 0)]
    edges = bounds(count, parts)
    futures = [_pool(parts).submit(work, edges[i], edges[i + 1], i) for i in range(1, parts)]
    first = work(edges[0], edges[1], 0)
    return [first, *(f.result() for f in futures)]
