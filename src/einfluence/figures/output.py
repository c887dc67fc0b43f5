"""Writing figures to files: a self-contained HTML page, or a PNG or SVG picture.

HTML embeds plotly.js (see :mod:`einfluence.figures.page`): it opens with no network. PNG and
SVG are drawn by that same plotly.js in a headless Chromium (:class:`~einfluence.figures.browser.Browser`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from einfluence.base.files import write_atomic
from einfluence.exceptions import ParameterError

if TYPE_CHECKING:
    import plotly.graph_objects as go

__all__ = ["FORMATS", "check_plot_path", "save", "to_html"]

#: the file endings :func:`save` writes
FORMATS = (".html", ".png", ".svg")


def to_html(fig: go.Figure, *, title: str | None = None, lang: str = "en") -> str:
    """The figure as a whole HTML page that opens with no network."""
    from einfluence.figures.page import figure_block, page
    from einfluence.figures.plotlyjs import trace_types

    title = title or str(fig.layout.title.text or "einfluence")
    return page(title, figure_block(fig, "figure"), lang=lang, style="body{margin:0;font-family:sans-serif}",
                traces=trace_types([fig]))


def check_plot_path(path: str | Path, parameter: str = "plot") -> Path:
    """``path`` if it ends in one of :data:`FORMATS` and its folder exists, else a :class:`ParameterError`."""
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise ParameterError(f"{path}: expected a file ending in {', '.join(FORMATS)}",
                             parameter=parameter)
    if not path.parent.is_dir():
        raise ParameterError(f"{path}: the folder {path.parent} does not exist", parameter=parameter)
    return path


def save(fig: go.Figure, path: str | Path, *, width: int = 1100, height: int | None = None,
         lang: str = "en") -> Path:
    """Write a figure to ``path``: ``.html`` (self-contained), ``.png`` or ``.svg``; atomically
    (a failure leaves no file).

    Raises
    ------
    ParameterError
        For another ending, a missing folder, or PNG/SVG without a Chromium to draw them.
    """
    path = check_plot_path(path)
    suffix = path.suffix.lower()
    if suffix == ".html":
        return write_atomic(path, to_html(fig, lang=lang))
    from einfluence.figures.browser import Browser

    with Browser() as browser:
        data = browser.figure_image(fig, suffix[1:], width=int(width), height=height)
    return write_atomic(path, data)
