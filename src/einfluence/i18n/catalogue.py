"""The catalogue: every key's text in each language, gathered from its rooms.

Each room (:mod:`~einfluence.i18n.words_results`, :mod:`~einfluence.i18n.words_dashboard`,
:mod:`~einfluence.i18n.words_work`, :mod:`~einfluence.i18n.words_imports`,
:mod:`~einfluence.i18n.words_evidence`) holds the words of one
part of the product; a key lives in exactly one of them.
"""

from __future__ import annotations

from einfluence.i18n import (
    words_dashboard,
    words_evidence,
    words_imports,
    words_results,
    words_work,
)

__all__ = ["LANGUAGES", "MESSAGES"]

#: the languages of the interfaces
LANGUAGES: tuple[str, ...] = ("en", "fr")


def _gathered(*rooms: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """The rooms' words in one dict; a key in two rooms is a mistake, said at import."""
    out: dict[str, dict[str, str]] = {}
    for room in rooms:
        twice = out.keys() & room.keys()
        if twice:
            raise AssertionError(f"catalogue keys in two rooms: {sorted(twice)}")
        out.update(room)
    return out


#: key -> {language: text}
MESSAGES: dict[str, dict[str, str]] = _gathered(
    words_results.WORDS, words_dashboard.WORDS, words_work.WORDS, words_imports.WORDS, words_evidence.WORDS)
