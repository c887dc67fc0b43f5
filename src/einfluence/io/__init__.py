"""Readers of public formats. Each turns files into validated :class:`Records`; none touches the store.

Every reader is a function ``read_X(paths, *, progress=None, context=None, **options) -> Records``
registered in :data:`FORMATS` (:mod:`einfluence.io.formats`) under the name the CLI uses
(``einfluence import FORMAT PATH...``). The record columns are in :mod:`einfluence.io.records`
(which needs pyarrow, so it is loaded on first use).
"""

from __future__ import annotations

from typing import Any

from einfluence.io._reading import ReaderContext
from einfluence.io.formats import FORMATS, FormatSpec, get_reader

__all__ = [
    "ACCOUNT_COLUMNS",
    "FORMATS",
    "INTERACTION_COLUMNS",
    "POST_COLUMNS",
    "FormatSpec",
    "ReaderContext",
    "Records",
    "get_reader",
]

_RECORDS = {"ACCOUNT_COLUMNS", "INTERACTION_COLUMNS", "POST_COLUMNS", "Records"}


def __getattr__(name: str) -> Any:
    if name in _RECORDS:
        from einfluence.io import records

        return getattr(records, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
