"""What a report is made of: sections of facts, tables, texts and figures, and what produced them.

A report builder (one module per kind) reads the workspace and returns a :class:`Report`;
:mod:`einfluence.reports.render` writes it as HTML or PDF. Keeping the content apart from its
rendering lets the tests compare a report's numbers with the API's, and lets one report be
written in both formats.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

__all__ = ["Facts", "Figure", "Report", "Section", "Table", "Text"]


@dataclass
class Facts:
    """Key figures shown as large numbers: ``(label, value)`` pairs, values already formatted."""

    items: list[tuple[str, str]]


@dataclass
class Table:
    """A table of formatted cells; ``numeric`` marks the right-aligned columns."""

    columns: list[str]
    rows: list[list[str]]
    numeric: set[int] = field(default_factory=set)
    caption: str = ""


@dataclass
class Text:
    """A paragraph (``kind`` ``"p"``) or a note in small print (``"note"``)."""

    text: str
    kind: str = "p"


@dataclass
class Figure:
    """A plotly figure, what it shows (``caption``) and the parameters that produced it."""

    figure: Any
    caption: str
    parameters: str


@dataclass
class Section:
    """A titled part of a report; ``new_page`` starts it on a new page when printed."""

    title: str
    blocks: list[Facts | Table | Text | Figure]
    new_page: bool = False


@dataclass
class Report:
    """A report ready to render.

    Attributes
    ----------
    kind : str
        ``influencers``, ``profile``, ``campaign``, ``brand`` or ``communities``.
    lang : str
    title, subtitle : str
    since, until : datetime or None
        The data window (None: from the first, to the last event).
    networks : list of str or None
        The networks read (None: all).
    runs : list of (str, str)
        Each stored run used, and its parameters, for the title page.
    sections : list of Section
    data : dict
        The report's numbers in machine-readable form (embedded in the HTML as JSON).
    version : str
        einfluence's version.
    generated_at : datetime
        When the report was made (UTC).
    data_span : (datetime or None, datetime or None)
        The first and last event of the networks read: what an open window covers (filled by
        :func:`einfluence.reports.build_report`).
    """

    kind: str
    lang: str
    title: str
    subtitle: str
    since: datetime | None
    until: datetime | None
    networks: list[str] | None
    runs: list[tuple[str, str]]
    sections: list[Section]
    data: dict[str, Any]
    version: str
    generated_at: datetime
    data_span: tuple[datetime | None, datetime | None] = (None, None)

    def figures(self) -> list[Figure]:
        """The figures, in the order they appear."""
        return [b for s in self.sections for b in s.blocks if isinstance(b, Figure)]
