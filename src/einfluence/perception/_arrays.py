"""Array helpers of the perception hot paths (private).

:func:`unique_ints` is ``np.unique`` for integer arrays by sorting: NumPy 2.3 and later find the
distinct values of an integer array through a hash table, which on a few hundred thousand
values was measured 50 times slower than a sort (1.0 s against 0.02 s for 800,000 values,
NumPy 2.4).
"""

from __future__ import annotations

import numpy as np

__all__ = ["unique_ints"]


def unique_ints(x: np.ndarray, return_counts: bool = False):
    """The sorted distinct values of an integer array (and how often each occurs)."""
    s = np.sort(np.asarray(x).ravel())
    first = np.empty(s.size, dtype=bool)
    if s.size:
        first[0] = True
        np.not_equal(s[1:], s[:-1], out=first[1:])
    values = s[first]
    if not return_counts:
        return values
    at = np.flatnonzero(first)
    return values, np.diff(np.append(at, s.size))
