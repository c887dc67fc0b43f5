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
    elements): a kernel using it so does not compile; from Python, a ValueError."""
    from numba.core.errors import TypingError

    with pytest.raises(ValueError, match="one-dimensional"):
        copy_into(np.zeros((4, 3)), 0, np.ones((2, 3)))
    with pytest.raises(TypingError, match="one-dimensional"):
        _grow_and_copy(np.zeros((2, 3), np.int32), 0, 6)
    out = np.zeros(5)
    copy_into(out, 1, np.array([1.0, 2.0]))
    assert out.tolist() == [0.0, 1.0, 2.0, 0.0, 0.0]


def test_copy_into_keeps_prange_loops_parallel():
    """No ``raise`` is left in the loop: numba runs a ``prange`` loop using it in parallel (it
    warns when it cannot, as it did for the CSR builder's row sort)."""
    import warnings

    from numba.core.errors import NumbaPerformanceWarning

    from einfluence.base.jit import prange

    @njit(parallel=True)
    def rows(out, src, width):
        for r in prange(out.size // width):
            copy_into(out, r * width, src[r * width : (r + 1) * width])
        return out

    with warnings.catch_warnings():
        warnings.simplefilter("error", NumbaPerformanceWarning)
        got = rows(np.zeros(12), np.arange(12.0), 4)
    np.testing.assert_array_equal(got, np.arange(12.0))
