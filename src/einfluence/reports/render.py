"""Rendering a :class:`~einfluence.reports.document.Report`: one self-contained HTML file, or a PDF
printed from that same HTML by headless Chromium.

The HTML is made with a Jinja2 template that escapes every value (texts from the data are
shown, never run); the figures' specifications are embedded as JSON and plotly.js comes inside
the page (:mod:`einfluence.figures.page`), so the file opens anywhere with no network. The
report's numbers are embedded too (``<script id="einfluence-data" type="application/json">``),
for whoever wants to read them back.
"""

from __future__ import annotations

import functools
import json
import tempfile
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from einfluence.base.files import write_atomic
from einfluence.exceptions import ParameterError
from einfluence.i18n import label
from einfluence.reports.document import Facts, Figure, Report, Table, Text

if TYPE_CHECKING:
    from einfluence.figures.browser import Browser

__all__ = ["FORMATS", "check_report_path", "to_html", "write_report"]

#: the file endings a report is written to
FORMATS = (".html", ".pdf")


@functools.lru_cache(maxsize=1)
def _environment() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("einfluence.reports", "templates"),
        autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
    )
    env.filters["breakable"] = breakable
    return env


#: a run of this many characters without a space is broken into pieces of :data:`_PIECE`
_LONG = 24
_PIECE = 12


def breakable(value: Any) -> Any:
    r"""A table cell's text, escaped, with a line-break opportunity (``<wbr>``) every
    :data:`_PIECE` characters of a run of :data:`_LONG` or more without a space (a hostile
    300-character handle), so that it cannot widen the table past the page, while every word
    of ordinary length stays whole (the cells do not break words anywhere: a squeezed column
    would cut "einfluence" into "einflu-ence"). ``<wbr>`` adds no character: the text copied
    or extracted from the PDF is the data's, but for a bidirectional override (which would
    reverse the rest of the cell: the other accounts of a list), shown as an escape
    (:func:`~einfluence.base.labels.bidi_visible`).

    Examples
    --------
    >>> str(breakable("plan einfluence")), str(breakable("<b>" + "x" * 30)), str(breakable("a\u202eb"))
    ('plan einfluence', '&lt;b&gt;xxxxxxxxx<wbr>xxxxxxxxxxxx<wbr>xxxxxxxxx', 'a\\u202eb')
    """
    import re

    from markupsafe import Markup, escape

    from einfluence.base.labels import bidi_visible

    if not isinstance(value, str):
        return value
    value = bidi_visible(value)
    out = Markup("")
    for part in re.split(r"(\s+)", value):
        if len(part) < _LONG:
            out += escape(part)
        else:
            out += Markup("<wbr>").join(escape(part[i:i + _PIECE]) for i in range(0, len(part), _PIECE))
    return out


def _stamp(value: datetime | None, lang: str, empty: str) -> str:
    if value is None:
        return empty
    return value.strftime("%d/%m/%Y %H:%M" if lang == "fr" else "%Y-%m-%d %H:%M") + " UTC"


def _open_end(bound: datetime | None, event: datetime | None, name: str, lang: str) -> str:
    """A window's end: the bound given, else the first or last event and when it happened."""
    if bound is not None:
        return _stamp(bound, lang, "")
    return f"{name} ({_stamp(event, lang, '')})" if event is not None else name


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if hasattr(value, "tolist"):
        return value.tolist()
    return str(value)


def to_html(report: Report) -> str:
    """The report as one HTML document that opens with no network."""
    from markupsafe import Markup

    from einfluence.figures.page import CONFIG, figure_block, plotly_script
    from einfluence.figures.plotlyjs import trace_types

    lang = report.lang
    words = {key: label(f"report.{key}", lang) for key in (
        "window", "networks", "version", "generated", "runs", "figures", "figure", "colophon")}
    sections, listed, number = [], [], 0
    for section in report.sections:
        blocks = []
        for block in section.blocks:
            if isinstance(block, Figure):
                number += 1
                listed.append({"caption": f"{words['figure']} {number}. {block.caption}",
                               "parameters": block.parameters})
                blocks.append({"type": "figure", "number": number, "caption": block.caption,
                               "parameters": block.parameters,
                               "html": Markup(figure_block(block.figure, f"figure-{number}",
                                                           fallback=label("report.no_charts", lang)))})
            elif isinstance(block, Table):
                blocks.append({"type": "table", "columns": block.columns, "rows": block.rows,
                               "numeric": block.numeric, "caption": block.caption})
            elif isinstance(block, Facts):
                blocks.append({"type": "facts", "facts": block.items})
            elif isinstance(block, Text):
                blocks.append({"type": "text", "text": block.text, "kind": block.kind})
            else:  # pragma: no cover - the builders make only these
                raise TypeError(f"unknown report block {type(block).__name__}")
        sections.append({"title": section.title, "new_page": section.new_page, "blocks": blocks})
    first, last = report.data_span
    window = (f"{_open_end(report.since, first, label('report.first_event', lang), lang)} → "
              f"{_open_end(report.until, last, label('report.last_event', lang), lang)}")
    data = json.dumps(report.data, default=_json_default, ensure_ascii=False).replace("<", "\\u003c")
    return _environment().get_template("report.html.j2").render(
        report=report, words=words, sections=sections, figures=listed, window=window,
        networks=", ".join(report.networks) if report.networks else label("report.all_networks", lang),
        generated=_stamp(report.generated_at, lang, ""), css=Markup(_css()), data_json=Markup(data),
        plotly=Markup(plotly_script(trace_types(block.figure for block in report.figures()))), plotly_config=json.dumps(CONFIG),
    )


@functools.lru_cache(maxsize=1)
def _css() -> str:
    from importlib.resources import files

    return (files("einfluence.reports") / "templates" / "report.css").read_text(encoding="utf-8")


def check_report_path(path: str | Path, parameter: str = "out") -> Path:
    """``path`` if it ends in ``.html`` or ``.pdf`` and its folder exists, else a :class:`ParameterError`."""
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise ParameterError(f"{path}: expected a file ending in .html or .pdf", parameter=parameter)
    if not path.parent.is_dir():
        raise ParameterError(f"{path}: the folder {path.parent} does not exist", parameter=parameter)
    return path


def write_report(report: Report, path: str | Path, *, browser: Browser | None = None) -> Path:
    """Write the report to ``path`` (``.html`` or ``.pdf``), whole or not at all.

    A PDF is printed by ``browser`` (a started :class:`~einfluence.figures.browser.Browser`, to
    print several reports with one), else by a Chromium started for it.
    """
    path = check_report_path(path)
    html = to_html(report)
    if path.suffix.lower() == ".html":
        return write_atomic(path, html)
    from einfluence.figures.browser import Browser

    footer = f"einfluence {report.version} — {report.title}"
    with tempfile.TemporaryDirectory(prefix="einfluence-report-") as folder:
        page = Path(folder) / "report.html"
        page.write_text(html, encoding="utf-8")
        if browser is not None:
            pdf = browser.print_pdf(page, footer=footer)
        else:
            with Browser() as started:
                pdf = started.print_pdf(page, footer=footer)
    return write_atomic(path, pdf)
