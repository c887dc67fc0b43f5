"""Background jobs: long work (imports, scores, topics, communities, plans, mentions, training)
run by the writer of a workspace, with a state, a stage and a percentage.

A job's progress comes from the same protocol the command line's bars use
(:class:`einfluence.base.progress.Progress`): each ``start(description, total, unit)`` is a new
stage, each ``advance(amount)`` moves its percentage. Cancelling is cooperative: once asked,
the job's next ``start`` or ``advance`` raises :class:`JobCancelled`, which unwinds the work
through its transaction (rolled back), so nothing half-written remains. A job's result (JSON)
or its error (a problem details object) is kept in the workspace's ``jobs`` table.
"""

from __future__ import annotations

import dataclasses
import math
import threading
import time
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from einfluence.base.progress import Progress
    from einfluence.workspace import Workspace

__all__ = ["Job", "JobCancelled", "JobProgress", "jsonable"]


class JobCancelled(Exception):
    """Raised inside a job's work by its progress once the job has been cancelled."""


@dataclasses.dataclass(eq=False)
class Job:
    """A unit of write work for a workspace's writer.

    Parameters
    ----------
    kind : str
        What it does (``import``, ``score``, ``topics``, ``plan``...).
    params : dict
        What was asked (JSON), recorded with the job.
    work : callable
        ``work(workspace, progress) -> result``; the result is made JSON (:func:`jsonable`).
    token_key : str, optional
        The public key of the token that submitted it.
    cleanup : callable, optional
        Called once the job has ended (uploaded files removed).
    """

    kind: str
    params: dict[str, Any]
    work: Callable[[Workspace, Progress], Any]
    token_key: str | None = None
    cleanup: Callable[[], None] | None = None
    job_id: int = 0
    workspace: str = ""
    state: str = "queued"
    stage: str | None = None
    stage_done: int = 0
    stage_total: int | None = None
    unit: str | None = None
    n_stages: int = 0
    created_at: float = dataclasses.field(default_factory=time.time)
    started_at: float | None = None
    finished_at: float | None = None
    result: Any = None
    error: dict[str, Any] | None = None
    cancel_event: threading.Event = dataclasses.field(default_factory=threading.Event)
    done_event: threading.Event = dataclasses.field(default_factory=threading.Event)

    @property
    def percent(self) -> float | None:
        """How far the current stage is (None when its length is unknown)."""
        if self.state == "succeeded":
            return 100.0
        if not self.stage_total:
            return None
        return round(min(100.0, 100.0 * self.stage_done / self.stage_total), 1)


class JobProgress:
    """The :class:`~einfluence.base.progress.Progress` of a job: its stage and percentage, and
    the point where a cancelled job stops."""

    def __init__(self, job: Job) -> None:
        self.job = job

    def _check(self) -> None:
        if self.job.cancel_event.is_set():
            raise JobCancelled(f"job #{self.job.job_id} cancelled")

    def start(self, description: str, total: int | None, unit: str | None = None) -> None:
        self._check()
        job = self.job
        job.stage, job.stage_total, job.stage_done, job.unit = description, total, 0, unit
        job.n_stages += 1

    def advance(self, amount: int) -> None:
        self._check()
        self.job.stage_done += int(amount)


def jsonable(value: Any) -> Any:
    """A result made JSON: numpy scalars and arrays, Arrow tables, dataclasses, datetimes (ISO
    8601 in UTC, ``Z``), paths; non-finite floats become None.

    Examples
    --------
    >>> import numpy as np
    >>> jsonable({"a": np.int64(3), "b": [np.float64("nan"), 1.5], "c": (1, 2)})
    {'a': 3, 'b': [None, 1.5], 'c': [1, 2]}
    """
    import numpy as np

    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, np.generic):
        return jsonable(value.item())
    if isinstance(value, np.ndarray):
        return [jsonable(v) for v in value.tolist()]
    if isinstance(value, datetime):  # the store's times are UTC: say so (RFC 3339)
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.isoformat() + "Z"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(v) for v in value]
    if hasattr(value, "to_pylist") and hasattr(value, "column_names"):  # an Arrow table
        return jsonable(value.to_pylist())
    if hasattr(value, "as_dict"):
        return jsonable(value.as_dict())
    if hasattr(value, "to_dict"):
        return jsonable(value.to_dict())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return jsonable(dataclasses.asdict(value))
    return str(value)
