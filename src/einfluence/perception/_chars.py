"""Code points of a text and the regular-expression classes of its characters (private).

The numba passes over texts (:mod:`einfluence.perception._kernels`) read a text as its UTF-32
code points and ask :func:`char_classes` whether a character is ``\\w``, a letter
(``[^\\W\\d_]``), ``\\d`` or ``\\s``. The answers are Python's own ``re`` module's, one
distinct character at a time, so that a kernel and the pattern it replaces agree on every
character, in every script.
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np

from einfluence.base.unique import unique_ints

__all__ = ["DIGIT", "LETTER", "SPACE", "WORD", "char_classes", "codes"]

#: class bits: ``\w``, ``[^\W\d_]`` (a letter), ``\d``, ``\s``
WORD, LETTER, DIGIT, SPACE = 1, 2, 4, 8
_CLASSES = ((WORD, re.compile(r"\w")), (LETTER, re.compile(r"[^\W\d_]")), (DIGIT, re.compile(r"\d")),
            (SPACE, re.compile(r"\s")))  # fmt: skip


def codes(s: str) -> np.ndarray:
    """The code points of ``s`` (uint32). A lone surrogate (text from the data is never
    trusted) is kept as its code instead of failing."""
    return np.frombuffer(s.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


@cache
def _bits(ch: str) -> int:
    return sum(bit for bit, pattern in _CLASSES if pattern.match(ch))


_ASCII = np.array([_bits(chr(c)) for c in range(128)], dtype=np.uint8)


def char_classes(code: np.ndarray) -> np.ndarray:
    """Class bits of every code point up to ``code.max()`` (uint8, at least 128 long), as
    Python's ``re`` module classes each character: computed for ASCII and for the distinct
    characters of ``code`` only (the others are never read)."""
    top = int(code.max()) if code.size else 0
    table = np.zeros(max(top + 1, 128), dtype=np.uint8)
    table[:128] = _ASCII
    if top > 127:
        wide = unique_ints(code[code > 127])
        table[wide] = [_bits(chr(c)) for c in wide.tolist()]
    return table
