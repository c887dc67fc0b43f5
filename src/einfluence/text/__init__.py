"""Text in one place: normalisation, tokens, stop words, the vectorizers' analyzer.

Topics, relevance, brand mentions and sentiment all read texts through this package, so a
word is the same word everywhere. :mod:`~einfluence.text.normalize` imports nothing heavy;
:mod:`~einfluence.text.analyzer` (stop words, :class:`Analyzer`) brings scikit-learn's word
list and is loaded on first use.
"""

from __future__ import annotations

from typing import Any

from einfluence.text.normalize import (
    as_text_list,
    fold_accents,
    fold_lower,
    hashtags,
    normalize,
    tokenize,
    unify_apostrophes,
)

__all__ = [
    "ENGLISH_STOP_WORDS_FOLDED",
    "FRENCH_STOP_WORDS",
    "SOCIAL_STOP_WORDS",
    "STOP_WORDS",
    "Analyzer",
    "as_text_list",
    "fold_accents",
    "fold_lower",
    "hashtags",
    "normalize",
    "tokenize",
    "unify_apostrophes",
]

_ANALYZER = {"ENGLISH_STOP_WORDS_FOLDED", "FRENCH_STOP_WORDS", "SOCIAL_STOP_WORDS", "STOP_WORDS", "Analyzer"}


def __getattr__(name: str) -> Any:
    # the stop words and the analyzer load scikit-learn: only when asked for
    if name in _ANALYZER:
        from einfluence.text import analyzer

        return getattr(analyzer, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
