"""Finding a topic the way people name it: by its number, its name or one of its top terms."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from einfluence.text import fold_accents

__all__ = ["find_topic_index"]

#: how many of a topic's top terms name it
N_NAMING_TERMS = 5


def _fold(s: str) -> str:
    return fold_accents(s).casefold().strip()


def find_topic_index(topics: Sequence[Mapping[str, Any]], key: str | int) -> int | None:
    """The index of the topic ``key`` names, or None.

    ``key`` is an index (``3``, ``"3"``), a topic's name, or one of its first
    :data:`N_NAMING_TERMS` top terms; names and terms are compared without case, accents or a
    leading ``#``. Names are tried before terms, and an index out of range names no topic.

    Parameters
    ----------
    topics : sequence of mapping
        Each with ``name`` and ``top_terms`` (as a stored topic run lists them).
    key : str or int

    Examples
    --------
    >>> topics = [{"name": "vélo", "top_terms": ["velo", "cargo"]}, {"name": "cuisine", "top_terms": ["recette"]}]
    >>> find_topic_index(topics, "Velo"), find_topic_index(topics, "#recette"), find_topic_index(topics, 1)
    (0, 1, 1)
    >>> find_topic_index(topics, "ski") is None
    True
    """
    text = str(key).strip()
    if text.lstrip("-").isdigit():
        index = int(text)
        return index if 0 <= index < len(topics) else None
    wanted = _fold(text.lstrip("#"))
    for i, t in enumerate(topics):
        if _fold(t["name"]) == wanted:
            return i
    for i, t in enumerate(topics):
        if wanted in (_fold(term.lstrip("#")) for term in t["top_terms"][:N_NAMING_TERMS]):
            return i
    return None
