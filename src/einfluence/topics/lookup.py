"""Finding a topic the way people name it: by its number, its name or one of its top terms."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from einfluence.text import fold_accents

__all__ = ["find_topic_index"]

def _fold(s: str) -> str:
    return fold_accents(s).casefold().strip()


def find_topic_index(topics: Sequence[Mapping[str, Any]], key: str | int) -> int | None:
    """The index of the topic ``key`` names, or None.

    ``key`` is an index (``3``, ``"3"``), a topic's name, or one of its top terms; names and
    terms are compared without case, accents or a leading ``#``. Names are tried before terms;
    a term of several topics names the one where it ranks highest (the first such topic on a
    tie). An index out of range names no topic.

    Parameters
    ----------
    topics : sequence of mapping
        Each with ``name`` and ``top_terms`` (as a stored topic run lists them).
    key : str or int

    Examples
    --------
    >>> topics = [{"name": "vélo", "top_terms": ["velo", "cargo", "famille"]},
    ...           {"name": "cuisine", "top_terms": ["recette", "famille"]}]
    >>> find_topic_index(topics, "Velo"), find_topic_index(topics, "#recette"), find_topic_index(topics, 1)
    (0, 1, 1)
    >>> find_topic_index(topics, "famille")  # second term of topic 1, third of topic 0
    1
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
    best: tuple[int, int] | None = None  # (position of the term, topic)
    for i, t in enumerate(topics):
        for position, term in enumerate(t["top_terms"]):
            if _fold(term.lstrip("#")) == wanted and (best is None or position < best[0]):
                best = (position, i)
                break
    return None if best is None else best[1]
