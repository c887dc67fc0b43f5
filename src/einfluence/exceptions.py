"""The exception tree of einfluence.

Every error the platform raises on purpose derives from :class:`EinfluenceError`; the command
line turns each into a single line on standard error and a non-zero exit status, the server
into a problem-details response. An error about an argument names it (``parameter``) by its
Python name; the command line shows the option that sets it instead.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["EinfluenceError", "GraphTypeError", "InputError", "ParameterError", "StoreError"]


class EinfluenceError(Exception):
    """Root of every error raised by einfluence on purpose.

    Parameters
    ----------
    message : str
        What is wrong, in a few words.
    parameter : str, optional
        The argument at fault, by its Python name (``network``, ``probabilities``...).

    Examples
    --------
    >>> str(EinfluenceError("expected ic or lt, got 'x'", parameter="model"))
    "model: expected ic or lt, got 'x'"
    """

    def __init__(self, message: str = "", *, parameter: str | None = None) -> None:
        self.message = message
        self.parameter = parameter
        super().__init__(self._format())

    def _format(self) -> str:
        return f"{self.parameter}: {self.message}" if self.parameter else self.message


class InputError(EinfluenceError):
    """Bad input: names the file, the line (1-based) and the field when they are known.

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
    parameter : str, optional
        The argument at fault, when the input is an argument rather than a file.

    Examples
    --------
    >>> str(InputError("not an integer: 'x'", path="edges.txt", line=3, field="src"))
    "edges.txt:3: field 'src': not an integer: 'x'"
    >>> str(InputError("no account 'zed'", parameter="accounts"))
    "accounts: no account 'zed'"
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        field: str | None = None,
        parameter: str | None = None,
    ) -> None:
        self.path = None if path is None else str(path)
        self.line = line
        self.field = field
        super().__init__(message, parameter=parameter)

    def _format(self) -> str:
        what = f"field {self.field!r}: " if self.field else ""
        if self.path is None and self.line is None:
            return super()._format() if not what else f"{what}{self.message}"
        where = self.path or "<input>"
        if self.line is not None:
            where += f":{self.line}"
        return f"{where}: {what}{self.message}"


class StoreError(EinfluenceError):
    """The database cannot be used as asked (wrong schema version, locked file, ...)."""


class GraphTypeError(EinfluenceError):
    """An analysis was given a graph of a kind it does not support."""


class ParameterError(EinfluenceError, ValueError):
    """A parameter value is outside what a function accepts (a ValueError too)."""
