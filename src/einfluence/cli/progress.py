"""A rich progress bar behind the :class:`einfluence.base.Progress` protocol."""


from types import TracebackType

from rich.console import Console
from rich.filesize import decimal
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

__all__ = ["RichProgress"]


class _AmountColumn(ProgressColumn):
    """How far a step is, in its unit: ``12.3/48.0 MB``, ``3/12 windows``; nothing when unknown."""

    def render(self, task: Task) -> Text:
        unit = task.fields.get("unit") or ""
        if task.total is None:
            return Text("")
        if unit == "bytes":
            return Text(f"{decimal(int(task.completed))}/{decimal(int(task.total))}", style="progress.download")
        suffix = f" {unit}" if unit else ""
        return Text(f"{int(task.completed):,}/{int(task.total):,}{suffix}", style="progress.download")


class RichProgress:
    """Progress bars on standard error, shown only on a terminal.

    Each :meth:`start` hides the previous step's bar and opens a new one; a step of unknown
    length shows a spinner and its elapsed time only.
    """

    def __init__(self, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)
        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}", markup=False),
            BarColumn(),
            _AmountColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=self.console,
            transient=True,
            disable=not self.console.is_terminal,
        )
        self._task: TaskID | None = None

    def __enter__(self) -> "RichProgress":
        self._progress.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._progress.stop()

    def start(self, description: str, total: int | None, unit: str | None = None) -> None:
        if self._task is not None:
            self._progress.update(self._task, visible=False)
        self._task = self._progress.add_task(description, total=total, unit=unit or "")

    def advance(self, amount: int) -> None:
        if self._task is not None:
            self._progress.advance(self._task, amount)
