"""einfluence.base.jit's helpers for kernels."""

from __future__ import annotations

import numpy as np
import pytest

from einfluence.base.jit import copy_into, njit


@njit(cache=True)
def _grow_and_copy(src, at, size):
    out = np.full(size, -1, src.dtype)
    copy_into(out, at, src)
    return out


def test_copy_into_is_the_slice_assignment():
    rng = np.random.default_rng(3)
    for size, at, n in ((10, 0, 10), (12, 5, 4), (7, 7, 0), (1000, 13, 900)):
        src = rng.integers(0, 100, n).astype(np.int32)
        expected = np.full(size, -1, np.int32)
        expected[at : at + n] = src
        np.testing.assert_array_equal(_grow_and_copy(src, at, size), expected)
    # a strided view copies its elements, not its memory
    src = np.arange(60, dtype=np.int32)[::9]
    np.testing.assert_array_equal(_grow_and_copy(src, 2, 10)[2:9], src)


def test_copy_into_refuses_two_dimensional_arrays():
    """It would copy rows, not elements, and walk past the rows of ``src`` (``src.size``
    elements): refused when the kernel runs (its Python code here: compiling the row copy would
    cost the seconds the helper saves), or already when it compiles."""
    from numba.core.errors import TypingError

    with pytest.raises(ValueError, match="one-dimensional"):
        copy_into.py_func(np.zeros((4, 3)), 0, np.ones((2, 3)))
    with pytest.raises(TypingError):
        _grow_and_copy(np.zeros((2, 3), np.int32), 0, 6)
