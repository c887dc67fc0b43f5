"""Reading JSON API exports (Twitter v2, Mastodon): values with their place, typed fields, times."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from einfluence.exceptions import InputError
from einfluence.i18n import Reason
from einfluence.io._reading import decode_utf8, read_all_bytes

__all__ = ["MAX_DEPTH", "Where", "get_field", "json_values", "parse_iso_time", "too_deep"]


@dataclass(frozen=True)
class Where:
    """Where a JSON object sits: file, line (JSON Lines) or record number, and a description."""

    path: str
    line: int | None
    what: str

    def error(self, message: str, field: str | None = None) -> InputError:
        """An :class:`InputError` about this object (and one of its fields); a
        :class:`~einfluence.i18n.Reason` stays one, so that the object and why are said in the
        reader's language."""
        reason = (Reason("input.json.at", what=self.what, reason=message) if isinstance(message, Reason)
                  else f"{self.what}: {message}")
        return InputError(reason, path=self.path, line=self.line, field=field)


def get_field(
    obj: dict[str, Any],
    key: str,
    kind: type | tuple[type, ...],
    where: Where,
    required: bool = False,
) -> Any:
    """The value of ``obj[key]`` if of type ``kind`` (None when absent and not required).

    Booleans are accepted only when ``kind`` is ``bool`` (in Python a bool is also an int).
    """
    value = obj.get(key)
    if value is None:
        if required:
            raise where.error(Reason("input.json.required"), key)
        return None
    if isinstance(value, bool) != (kind is bool) or not isinstance(value, kind):
        names: str = kind.__name__ if isinstance(kind, type) else kind[-1].__name__
        for k in () if isinstance(kind, type) else reversed(kind[:-1]):
            names = Reason("input.json.or", first=k.__name__, second=names)
        raise where.error(Reason("input.json.type", expected=names, type=type(value).__name__, found=repr(value)), key)
    return value


def parse_iso_time(value: Any, where: Where, field: str = "created_at") -> datetime:
    """Parse an ISO 8601 date-time (``2022-05-05T13:07:51.000Z``) to naive UTC.

    A time without offset is taken as UTC.

    Examples
    --------
    >>> parse_iso_time("2022-05-05T15:07:51.000+02:00", Where("f.json", 1, "tweet"))
    datetime.datetime(2022, 5, 5, 13, 7, 51)
    """
    if not isinstance(value, str):
        raise where.error(Reason("input.json.iso_type", found=repr(value)), field)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise where.error(Reason("input.json.iso", found=repr(value)), field) from None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed


#: Nesting depth named in the error about a JSON value nested too deeply for Python's parser
#: (which stops with a RecursionError near 1,000 levels; API exports nest a few).
MAX_DEPTH = 500

_BRACKETS = re.compile(r'"(?:[^"\\\n]|\\.)*"|[\[\]{}\n]')


def too_deep(text: str, limit: int = MAX_DEPTH) -> int | None:
    """The 1-based line where nesting first exceeds ``limit`` (strings skipped), else None.

    Examples
    --------
    >>> too_deep('{"a": [[[1]]]}', limit=3)
    1
    >>> too_deep('{"a": "[[[[["}', limit=3) is None
    True
    """
    depth = 0
    line = 1
    for match in _BRACKETS.finditer(text):
        token = match.group()
        if token == "\n":
            line += 1
        elif token in "[{":
            depth += 1
            if depth > limit:
                return line
        elif token in "]}":
            depth -= 1
    return None


def _loads(text: str, source: str, base_line: int = 1) -> Any:
    """``json.loads``, turning the parser's RecursionError on deep nesting into an InputError."""
    try:
        return json.loads(text)
    except RecursionError:
        line = too_deep(text) or 1
        raise InputError(
            f"JSON nested too deeply (more than {MAX_DEPTH} levels of arrays and objects)",
            path=source,
            line=base_line + line - 1,
        ) from None


def json_values(path: Path) -> Iterator[tuple[Any, int | None, bool]]:
    """Yield ``(value, line, is_lines)``: the one JSON value of a file, or each JSON Lines value.

    ``line`` is None for a single JSON document. Malformed JSON, or JSON nested deeper than
    :data:`MAX_DEPTH`, raises an :class:`InputError` naming the line.
    """
    source = str(path)
    text = decode_utf8(read_all_bytes(path), source=source)
    if not text.strip():
        raise InputError("empty file: no JSON value", path=source, line=1)
    try:
        value = _loads(text, source)
    except json.JSONDecodeError as exc:
        if exc.msg != "Extra data":
            raise InputError(
                f"malformed JSON: {exc.msg} (column {exc.colno})", path=source, line=exc.lineno
            ) from None
    else:
        yield value, None, False
        return
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            value = _loads(line, source, lineno)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"malformed JSON line: {exc.msg} (column {exc.colno})", path=source, line=lineno
            ) from None
        yield value, lineno, True
