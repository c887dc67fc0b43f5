"""Pausing Python's cyclic garbage collector while pure-Python code builds many objects.

A reader that builds a million small tuples, sets and lists in Python triggers thousands of
collections, and each older-generation collection walks every object built so far, although
none of them is garbage: on the Twitter15/16 trees (988,000 lines) 1.8 of the reader's 7.7
CPU-seconds. Reference counting still frees everything as usual while the collector is paused;
only reference cycles wait for it to resume.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Disable the cyclic collector inside the block, and put it back as it was (enabled or not).

    The switch is the process's: other threads' cycles also wait for the end of the block, so
    keep it around work that lasts seconds, not around a whole server.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
