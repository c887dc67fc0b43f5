"""The exception tree of einfluence.

Every error the platform raises on purpose derives from :class:`EinfluenceError`; the CLI turns
each into a single line on standard error and a non-zero exit status.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["EinfluenceError", "GraphTypeError", "InputError", "ParameterError", "StoreError"]


class EinfluenceError(Exception):
    """Root of every error raised by einfluence on purpose."""


class InputError(EinfluenceError):
    """Bad input data: names the file, the line (1-based) and the field when they are known.

    Parameters
    ----------
    message : str
        What is wrong, in a few words.
    path : str or Path, optional
        The file being read.
    line : int, optional
        1-based line number (or record number for formats without lines).
    field : str, optional
        The column, attribute or JSON key at fault.

    Examples
    --------
    >>> str(InputError("not an integer: 'x'", path="edges.txt", line=3, field="src"))
    "edges.txt:3: field 'src': not an integer: 'x'"
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.message = message
        self.path = None if path is None else str(path)
        self.line = line
        self.field = field
        super().__init__(self._format())

    def _format(self) -> str:
        where = self.path or "<input>"
        if self.line is not None:
            where += f":{self.line}"
        what = f"field {self.field!r}: " if self.field else ""
        return f"{where}: {what}{self.message}"


class StoreError(EinfluenceError):
    """The database cannot be used as asked (wrong schema version, locked file, ...)."""


class GraphTypeError(EinfluenceError):
    """An analysis was given a graph of a kind it does not support."""


class ParameterError(EinfluenceError, ValueError):
    """A parameter value is outside what a function accepts (a ValueError too)."""
