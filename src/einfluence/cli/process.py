"""How an ``einfluence`` process starts and ends: the console script's entry point.

A short command such as ``einfluence seeds`` on NetHEPT does about one second of work, and two
costs of the interpreter itself used to add 0.4 s to it (measured with ``gc.callbacks`` and
``strace``; ``python -m benchmarks.run startup`` gives the whole-process figure):

- **The cyclic garbage collector during the imports.** numba, DuckDB and the analyses create
  several hundred thousand objects while they import; with Python's default first-generation
  threshold (700 allocations) that is about 280 collections, 0.12–0.16 s. None of those objects is
  garbage. :func:`run` raises the first threshold to :data:`GC_FIRST_THRESHOLD` for the life of the
  command: cycles are still collected, a few thousand times less often.
- **The interpreter's tear-down.** After the command returns, Python clears about 800 modules,
  and numba's and LLVM's object graphs take 0.28 s to destroy, a cost no command needs. :func:`leave`
  does what the exit must do — it runs the ``atexit`` handlers (temporary files, logging, process
  pools), flushes the standard streams — and then ends the process with :func:`os._exit`. It falls
  back to the normal exit while a thread that is not idle pool work is still running, so that such
  a thread is still waited for.

Commands close their database themselves (``with open_workspace(...)``), so no committed work
depends on the tear-down. :func:`einfluence.cli.app.main` keeps the ordinary ``SystemExit`` for
callers that run the command line inside their own process (tests, notebooks).
"""

from __future__ import annotations

import gc
import os
import sys
import threading
from typing import NoReturn

__all__ = ["GC_FIRST_THRESHOLD", "leave", "run"]

#: First-generation threshold of the cyclic garbage collector while a command runs (Python's
#: default is 700 in 3.11 and 2,000 in 3.13); the older generations keep their thresholds.
GC_FIRST_THRESHOLD = 50_000

#: Name prefixes of pool threads that only ever wait for work between calls (the samplers' pool
#: of :mod:`einfluence.targeting`): ending the process does not interrupt anything they do.
IDLE_POOLS = ("einfluence-rr",)


def run() -> NoReturn:
    """Run the command line of ``sys.argv`` and end the process (the ``einfluence`` script)."""
    from einfluence.cli.app import main

    _, older, oldest = gc.get_threshold()
    gc.set_threshold(GC_FIRST_THRESHOLD, older, oldest)
    try:
        main()
    except SystemExit as stop:
        leave(stop.code)
    leave(0)


def _busy_threads() -> list[threading.Thread]:
    """Threads other than this one that the normal exit would wait for."""
    me = threading.current_thread()
    return [t for t in threading.enumerate()
            if t is not me and t.is_alive() and not t.daemon and not t.name.startswith(IDLE_POOLS)]


def leave(code: int | str | None) -> NoReturn:
    """End the process with exit status ``code`` (as :class:`SystemExit` reads it), without the
    interpreter's tear-down when nothing is left to wait for.

    ``atexit`` handlers run and standard output and error are flushed first; a reader that has
    closed the pipe (``einfluence rank | head``) is not an error. A ``code`` that is not an integer
    or ``None``, or a busy thread, takes the normal exit.
    """
    if not (code is None or isinstance(code, int)) or _busy_threads():
        sys.exit(code)
    import atexit

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (BrokenPipeError, ValueError):  # the reader is gone, or the stream was closed
            pass
    os._exit(code or 0)
