"""Output that cannot be turned against the person reading it.

Every text of the data (handles, names, post texts, brand names, file names) is untrusted:

* on the terminal it is printed literally: no rich markup is interpreted (a handle such as
  ``[link=http://evil.example]x[/link]`` stays those characters) and control characters,
  including escape sequences and bidirectional overrides, are shown as escapes (``\\x1b``,
  ``\\u202e``) instead of acting on the terminal;
* in CSV a cell that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return, and not a number) is prefixed with ``'``, as the OWASP
  guidance on CSV injection recommends; JSON keeps every value as it is.

References
----------
.. [1] OWASP, "CSV Injection". https://owasp.org/www-community/attacks/CSV_Injection
"""

import csv
import re
import sys
from collections.abc import Iterable
from typing import Any

from rich.console import Console
from rich.text import Text

__all__ = ["csv_cell", "emphasis", "err", "out", "sparkline", "visible", "write_csv"]

# C0 and C1 controls (but tab and newline), DEL, and the Unicode marks that reorder or hide text
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def visible(text: str) -> str:
    r"""``text`` with its control characters shown as escapes.

    Examples
    --------
    >>> visible("a\x1b[31mb\u202ec")
    'a\\x1b[31mb\\u202ec'
    """
    return _CONTROL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


class _SafeConsole(Console):
    """A console that prints every string literally (no markup), control characters made visible."""

    def render_str(self, text: str, **kwargs: Any) -> Text:
        kwargs["markup"] = False
        return super().render_str(visible(text), **kwargs)


# soft_wrap: long lines (paths, notes) are not broken where a reader or a script would trip
# and, when the output is not a terminal (a file, a pipe, a CI log), tables get 160 columns
# instead of rich's default 80, where they would truncate handles and figures
out = _SafeConsole(soft_wrap=True, width=None if sys.stdout.isatty() else 160, markup=False, highlight=False)
err = _SafeConsole(stderr=True, soft_wrap=True, markup=False, highlight=False)


def emphasis(*parts: str | tuple[str, str]) -> Text:
    """A line whose parts given as ``(text, style)`` are styled (``"bold"``), every text literal.

    Examples
    --------
    >>> emphasis(("Ondula", "bold"), ": 12 mentions").plain
    'Ondula: 12 mentions'
    """
    return Text.assemble(*((visible(p[0]), p[1]) if isinstance(p, tuple) else visible(p) for p in parts))


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def csv_cell(value: Any) -> Any:
    """A CSV cell that no spreadsheet runs as a formula: text starting with ``= + - @``, a tab or
    a carriage return (and not a number) gets a leading ``'``.

    Examples
    --------
    >>> csv_cell('=HYPERLINK("http://evil.example")'), csv_cell("-3.5"), csv_cell("@bob")
    ('\\'=HYPERLINK("http://evil.example")', '-3.5', "'@bob")
    """
    if isinstance(value, str) and value.startswith(_FORMULA) and not _is_number(value):
        return "'" + value
    return value


def write_csv(header: Iterable[str], rows: Iterable[Iterable[Any]]) -> None:
    """Write CSV to standard output, every cell through :func:`csv_cell`."""
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(list(header))
    for row in rows:
        writer.writerow([csv_cell(cell) for cell in row])


_SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[int]) -> str:
    """Counts as bars of eight heights (the activity of a network over its span)."""
    top = max(values) if values else 0
    return "".join(_SPARKS[min(len(_SPARKS) - 1, v * len(_SPARKS) // (top + 1))] for v in values)
