"""One served database: its connection, concurrent reads, one writer, and letting the file go.

Design (measured and decided for issue #12)
-------------------------------------------
DuckDB lets one process open a file for writing, or several processes open it read-only; in
one process a connection serves many threads through :meth:`duckdb.DuckDBPyConnection.cursor`
(each cursor has its own transactions), and a reader sees the data committed before its
transaction began while a write transaction runs (MVCC). A :class:`WorkspaceHost` builds on
that:

* **The file is held only while the server works on it.** The connection is opened on the first
  request and closed after ``idle_release`` seconds (1 s by default) without a request or a job.
  Between requests an ``einfluence`` command on the same file therefore works, reads and writes
  alike (it waits up to a few seconds for a server that is letting go:
  :data:`einfluence.store.database.SERVER_RELEASE_WAIT`). Re-opening costs tens of
  milliseconds (about 45 ms for a small file, a little more for a 10M-interaction one), paid
  once per burst of requests, never under load.
* **Read-only while it only reads.** Without a job the connection is opened read-only, so an
  ``einfluence`` read command (``stats``, ``rank --run``, ``explain``...) may share the file with
  a busy server. A write job opens it for writing; once the last job has ended the server goes
  back to read-only. A command that needs the file while it is held for writing fails at once
  with a message naming ``einfluence serve`` and what to do (never a lock traceback).
* **Reads run concurrently, each in one read-only transaction** on a cursor of its own (FastAPI
  runs plain endpoints in a thread pool): one consistent snapshot per request, and a read can
  never write by mistake (DuckDB refuses writes in a ``READ ONLY`` transaction).
* **Answers of hot reads are cached** (a ranking page, a profile) until the data may have
  changed: the cache key holds the workspace's *generation*, which moves on after every write
  of the server, and when the file is opened again after another program changed it (the
  size and modification time of the file and of its write-ahead log differ from when the
  server let it go). A stored run never
  changes, so a ranking page is recomputed only after a write; the first request after one
  pays the query (tens to hundreds of milliseconds on a 10M-interaction world), the next ones
  a dictionary look-up.
* **Writes are serialised** on one writer thread per workspace, fed by a queue of jobs
  (:mod:`einfluence.server.jobs`); each job writes in its own transaction (the store's writes are
  all-or-nothing), so reads never wait for a job, and a job killed with the server leaves
  nothing half-written. Reads wait only while the connection is re-opened for writing or back
  to read-only: the reads already running finish, then the switch takes one file open.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import logging
import queue
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from einfluence.exceptions import EinfluenceError

if TYPE_CHECKING:
    import duckdb

    from einfluence.server.jobs import Job
    from einfluence.workspace import Workspace

__all__ = ["Computing", "WorkspaceHost"]

log = logging.getLogger("einfluence.server")

#: why a job found queued or running when a server opens a file failed
INTERRUPTED = ("the server stopped while this job was queued or running (crash, kill or restart); "
               "its work was not stored and the workspace is as it was before it")


class Computing(Exception):
    """A read computed in the background that has not ended yet (:meth:`WorkspaceHost.background`)."""

    def __init__(self, stage: str, started: float) -> None:
        super().__init__(f"{stage}: still computing")
        self.stage = stage
        self.started = started


class WorkspaceHost:
    """A database served as a workspace: connection life cycle, read leases, the writer and its jobs.

    Parameters
    ----------
    name : str
        The workspace's name (the file stem).
    path : Path
        The database file.
    idle_release : float
        Seconds without use after which the file is closed (0: never).
    """

    def __init__(self, name: str, path: Path, *, idle_release: float = 1.0) -> None:
        self.name = name
        self.path = Path(path)
        self.idle_release = float(idle_release)
        self._cond = threading.Condition()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._mode: str | None = None  # "ro", "rw" or None (closed)
        self._users = 0  # cursors handed out
        self._writers = 0  # of which for writing
        self._switching = False
        self._last_used = time.monotonic()
        self._pending = 0  # jobs queued or running
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self.jobs: dict[int, Job] = {}  # live jobs (queued or running)
        self._derived: dict[str, Job] = {}  # live jobs computing a derived run, by what they compute
        self._writer: threading.Thread | None = None
        self.opened = 0  # how many times the file was opened (tests, benchmarks)
        self.generation = 0  # moves on after every write, and after another program's
        self._let_go: tuple | None = None
        self.cache_size = 1024
        self._cache: OrderedDict[tuple[int, Any], Any] = OrderedDict()
        self._cache_lock = threading.Lock()
        self._computing: dict[str, tuple[int, concurrent.futures.Future, str, float]] = {}
        self._flights: dict[tuple[int, str], concurrent.futures.Future] = {}
        self._computer: concurrent.futures.ThreadPoolExecutor | None = None

    # ---------------------------------------------------------------------------- life cycle

    def start(self) -> list[int]:
        """Open the file once for writing: migrate it, mark the jobs a stopped server left failed;
        start the writer. Returns the ids of the jobs marked failed."""
        from einfluence.store.jobs import fail_interrupted_jobs

        with self._cond:
            self._open_locked("rw")
        with self.writing() as ws:
            failed = fail_interrupted_jobs(ws.con, INTERRUPTED)
        self._writer = threading.Thread(target=self._write_loop, name=f"einfluence-writer-{self.name}", daemon=True)
        self._writer.start()
        return failed

    def stop(self, timeout: float = 10.0) -> None:
        """Cancel the running jobs, stop the writer and close the file."""
        for job in list(self.jobs.values()):
            job.cancel_event.set()
        self._queue.put(None)
        if self._computer is not None:  # a background read still running ends with its request's snapshot
            self._computer.shutdown(wait=False, cancel_futures=True)
        if self._writer is not None:
            self._writer.join(timeout)
        with self._cond:
            self._close_locked()

    def _signature(self) -> tuple:
        """Size and modification time of the file and its write-ahead log (what another program's
        write changes)."""
        out = []
        for path in (self.path, self.path.with_name(self.path.name + ".wal")):
            try:
                st = path.stat()
                out.append((st.st_size, st.st_mtime_ns))
            except OSError:
                out.append(None)
        return tuple(out)

    def _open_locked(self, mode: str) -> None:
        from einfluence.store.database import connect

        self._close_locked()
        if self._signature() != self._let_go:  # another program wrote while the file was let go
            self.generation += 1
        self._con = connect(self.path, read_only=mode == "ro", create=False, wait=2.0)
        self._mode = mode
        self.opened += 1
        self._last_used = time.monotonic()
        log.debug("workspace %s: file opened %s", self.name, "read-only" if mode == "ro" else "for writing")

    def _close_locked(self) -> None:
        if self._con is not None:
            with contextlib.suppress(Exception):
                self._con.close()
            self._let_go = self._signature()  # compared when the file is opened again
        self._con, self._mode = None, None

    def _switch_locked(self, mode: str) -> None:
        """Re-open the file in ``mode`` once the cursors in use are given back (new ones wait)."""
        self._switching = True
        try:
            while self._users:
                self._cond.wait()
            self._open_locked(mode)
        finally:
            self._switching = False
            self._cond.notify_all()

    @property
    def mode(self) -> str | None:
        """How the file is open now: ``"ro"``, ``"rw"`` or None (let go)."""
        return self._mode

    def release_if_idle(self) -> bool:
        """Close the file if nothing used it for ``idle_release`` seconds; return whether it was closed."""
        if self.idle_release <= 0:
            return False
        with self._cond:
            idle = time.monotonic() - self._last_used
            if self._con is None or self._users or self._pending or self._switching or idle < self.idle_release:
                return False
            self._close_locked()
            log.debug("workspace %s: file let go after %.1f s idle", self.name, idle)
            return True

    # ------------------------------------------------------------------------------ leases

    def _acquire(self, write: bool) -> duckdb.DuckDBPyConnection:
        with self._cond:
            while self._switching:
                self._cond.wait()
            if self._con is None:
                self._open_locked("rw" if write or self._pending else "ro")
            elif write and self._mode == "ro":
                self._switch_locked("rw")
            elif not write and self._mode == "rw" and not self._pending and not self._writers:
                self._switch_locked("ro")  # nothing writes any more: let other programs read too
            self._users += 1
            self._writers += write
            assert self._con is not None
            try:
                return self._con.cursor()
            except Exception:
                self._users -= 1
                self._writers -= write
                raise

    def _release(self, cursor: duckdb.DuckDBPyConnection, write: bool = False) -> None:
        with contextlib.suppress(Exception):
            cursor.close()
        with self._cond:
            self._users -= 1
            self._writers -= write
            if write:
                self.generation += 1
            self._last_used = time.monotonic()
            self._cond.notify_all()

    @contextlib.contextmanager
    def reading(self) -> Iterator[Workspace]:
        """A workspace on a cursor of its own, in one read-only transaction (a consistent snapshot)."""
        from einfluence.workspace import Workspace

        cursor = self._acquire(write=False)
        try:
            cursor.execute("BEGIN TRANSACTION READ ONLY")
            try:
                yield Workspace.from_connection(cursor, self.path)
            finally:
                with contextlib.suppress(Exception):
                    cursor.execute("ROLLBACK")
        finally:
            self._release(cursor)

    @contextlib.contextmanager
    def writing(self) -> Iterator[Workspace]:
        """A workspace on a cursor of the connection opened for writing (each store write is its
        own transaction). Only the writer thread, job bookkeeping and token administration write."""
        from einfluence.workspace import Workspace

        cursor = self._acquire(write=True)
        try:
            yield Workspace.from_connection(cursor, self.path)
        finally:
            self._release(cursor, write=True)

    def _current_generation(self) -> int:
        """The generation of the data, the file opened first (another program's changes move it
        then); read before a snapshot begins, it is never newer than the snapshot."""
        with self._cond:
            while self._switching:
                self._cond.wait()
            if self._con is None:
                self._open_locked("rw" if self._pending else "ro")
            self._last_used = time.monotonic()
            return self.generation

    def _open_generation(self) -> int | None:
        """The generation of the data if the file is open and nobody holds the lock, else None:
        never waits (the event loop's fast path may call it)."""
        if not self._cond.acquire(blocking=False):
            return None
        try:
            if self._con is None or self._switching:
                return None
            self._last_used = time.monotonic()
            return self.generation
        finally:
            self._cond.release()

    def _lookup(self, generation: int, key: str) -> Any:
        with self._cache_lock:
            hit = self._cache.get((generation, key))
            if hit is not None:
                self._cache.move_to_end((generation, key))
            return hit

    def _keep(self, generation: int, key: str, value: Any) -> None:
        if value is None or self.cache_size <= 0:
            return
        with self._cache_lock:
            self._cache[(generation, key)] = value
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)

    @staticmethod
    def cache_key(key: Any) -> str:
        """A cache key made text (it may hold lists, windows, dates)."""
        import json

        from einfluence.server.jobs import jsonable

        return json.dumps(jsonable(key), sort_keys=True)

    def peek(self, key: Any) -> Any:
        """The answer :meth:`cached` keeps for ``key``, if any, without waiting for anything (no
        file to open, no lock to wait for): hot reads are answered on the event loop, without a
        trip through the thread pool. None when it would have to wait or compute."""
        generation = self._open_generation()
        return None if generation is None else self._lookup(generation, self.cache_key(key))

    def cached(self, key: Any, compute: Callable[[Workspace], Any]) -> Any:
        """``compute(workspace)`` read in a snapshot, or its answer for the same ``key`` since the
        last write (a request asking while it is computed waits for that computation). A None
        answer is not kept (a run still missing). ``key`` may hold lists, windows, dates: it is
        made text."""
        key = self.cache_key(key)
        generation = self._current_generation()
        hit = self._lookup(generation, key)
        if hit is not None:
            return hit
        # one computation of a key at a time: the others wait for its answer (a page refreshing
        # itself, or many clients at once, must not start the same heavy read again and again)
        with self._cache_lock:
            flight = self._flights.get((generation, key))
            mine = flight is None
            if mine:
                flight = concurrent.futures.Future()
                self._flights[(generation, key)] = flight
        if not mine:
            return flight.result()
        try:
            with self.reading() as ws:
                value = compute(ws)
            self._keep(generation, key, value)
            flight.set_result(value)
            return value
        except BaseException as exc:
            flight.set_exception(exc)
            raise
        finally:
            with self._cache_lock:
                self._flights.pop((generation, key), None)

    def background(self, key: Any, compute: Callable[[Workspace], Any], *, wait: float | None,
                   stage: str = "computing") -> Any:
        """:meth:`cached`, the computation run once in the background: its answer when it is kept
        or ends within ``wait`` seconds (None: however long it takes), else a :class:`Computing`
        naming ``stage`` and when it started. Many requests for the same ``key`` share one
        computation (a page that refreshes itself while it runs starts nothing more); slow reads
        run one at a time, beside the writer."""
        text = self.cache_key(key)
        generation = self._current_generation()
        hit = self._lookup(generation, text)
        if hit is not None:
            return hit
        with self._cache_lock:
            found = self._computing.get(text)
            if found is None or found[0] != generation:
                if self._computer is None:
                    self._computer = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix=f"read-{self.name}")

                def run() -> Any:
                    with self.reading() as ws:
                        value = compute(ws)
                    self._keep(generation, text, value)
                    return value

                found = (generation, self._computer.submit(run), stage, time.time())
                self._computing[text] = found
        future = found[1]
        try:
            value = future.result(timeout=wait)
        except concurrent.futures.TimeoutError:
            raise Computing(found[2], found[3]) from None
        finally:
            if future.done():
                with self._cache_lock:
                    if self._computing.get(text) is found:
                        del self._computing[text]
        return value

    # -------------------------------------------------------------------------------- jobs

    def submit(self, job: Job) -> Job:
        """Record a job (queued) and hand it to the writer."""
        from einfluence.store.jobs import add_job

        with self._cond:
            self._pending += 1
        try:
            with self.writing() as ws:
                job.job_id = add_job(ws.con, kind=job.kind, params=job.params, token_key=job.token_key)
        except BaseException:
            with self._cond:
                self._pending -= 1
            raise
        job.workspace = self.name
        self.jobs[job.job_id] = job
        self._queue.put(job)
        return job

    def derived(self, key: str, make: Callable[[], Job]) -> Job:
        """The live job computing ``key`` (a missing run that reads need), or a new one: many reads
        asking for the same missing run start one job."""
        with self._cond:
            job = self._derived.get(key)
            if job is not None and not job.done_event.is_set():
                return job
        job = self.submit(make())
        with self._cond:
            self._derived[key] = job
        return job

    def cancel(self, job_id: int) -> bool:
        """Ask a live job to stop: a queued one is cancelled at once, a running one at its next
        progress report (its transaction is rolled back). Returns False when the job has ended."""
        from einfluence.store.jobs import finish_job

        job = self.jobs.get(job_id)
        if job is None:
            return False
        job.cancel_event.set()
        with self._cond:
            queued = job.state == "queued"
            if queued:
                job.state = "cancelled"
        if queued:
            with self.writing() as ws:
                finish_job(ws.con, job_id, state="cancelled")
            self._ended(job)
        return True

    def _ended(self, job: Job) -> None:
        if job.cleanup is not None:
            try:
                job.cleanup()
            except Exception:
                log.exception("job %s: cleanup failed", job.job_id)
        self.jobs.pop(job.job_id, None)
        job.finished_at = time.time()
        job.done_event.set()
        with self._cond:
            self._pending -= 1
            self._last_used = time.monotonic()
            back_to_read_only = self._pending == 0 and self._mode == "rw"
            if back_to_read_only:
                self._switch_locked("ro")

    def _write_loop(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            if job.state != "queued":  # cancelled while it waited
                continue
            self._run(job)

    def _run(self, job: Job) -> None:
        from einfluence.server.jobs import JobCancelled, JobProgress, jsonable
        from einfluence.server.problems import problem_of
        from einfluence.store.jobs import finish_job, start_job

        with self._cond:
            job.state = "running"
        job.started_at = time.time()
        state, result, error = "failed", None, None
        try:
            with self.writing() as ws:
                start_job(ws.con, job.job_id)
                result = jsonable(job.work(ws, JobProgress(job)))
            state = "succeeded"
        except JobCancelled:
            state = "cancelled"
        except EinfluenceError as exc:
            error = problem_of(exc)
        except Exception as exc:  # a bug, or DuckDB refusing: the job fails, the server goes on
            log.exception("job %s (%s) on %s failed", job.job_id, job.kind, self.name)
            error = {"type": "about:blank", "title": "Internal error", "status": 500,
                     "detail": f"the job failed unexpectedly ({type(exc).__name__}); nothing of it was stored"}
        job.result, job.error = result, error
        try:
            with self.writing() as ws:
                finish_job(ws.con, job.job_id, state=state, stage=job.stage, result=result, error=error)
        except Exception:  # the bookkeeping itself failed: the job row is fixed at the next start
            log.exception("job %s: could not record its end", job.job_id)
        with self._cond:
            job.state = state
        self._ended(job)

    # ---------------------------------------------------------------------------- helpers

    @staticmethod
    def _token_key(token: str) -> str:
        import hashlib

        return "token:" + hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()

    def peek_token(self, token: str) -> dict[str, Any] | None:
        """The remembered answer of :meth:`verify` for a valid token, without waiting (else None)."""
        generation = self._open_generation()
        return None if generation is None else self._lookup(generation, self._token_key(token))

    def verify(self, token: str) -> dict[str, Any] | None:
        """The active token of this workspace a token string is, or None.

        A valid token is remembered until the generation moves on: creating or revoking a token
        is a write (of the server, or of ``einfluence token`` while the file was let go), so a
        revoked token is never accepted again.
        """
        key = self._token_key(token)
        generation = self._current_generation()
        hit = self._lookup(generation, key)
        if hit is not None:
            return hit
        with self.reading() as ws:
            info = ws.verify_token(token)
        self._keep(generation, key, info)
        return info
