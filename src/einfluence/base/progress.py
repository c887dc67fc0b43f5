"""The progress protocol: how long work (imports, scores, plans) reports where it is.

The command line renders it as progress bars; the server as a job's stage and percentage.
"""

from __future__ import annotations

from typing import Protocol

__all__ = ["NullProgress", "Progress"]


class Progress(Protocol):
    """What long work reports while it runs."""

    def start(self, description: str, total: int | None, unit: str | None = None) -> None:
        """Begin a step of ``total`` units (None when unknown); ``unit`` names them (``"bytes"``,
        ``"rows"``, ``"windows"``...)."""

    def advance(self, amount: int) -> None:
        """Report ``amount`` more units done in the current step."""


class NullProgress:
    """A :class:`Progress` that reports nothing."""

    def start(self, description: str, total: int | None, unit: str | None = None) -> None:
        pass

    def advance(self, amount: int) -> None:
        pass
