"""csr_from_arcs against a sort-based reference: rows, order, merged values."""

from __future__ import annotations

import numpy as np
import pytest

from einfluence.graph.csr import csr_from_arcs


def _reference(src, dst, values, n, rule):
    """The same CSR by sorting every (src, dst) key, merging in Python."""
    merged: dict[tuple[int, int], list[float]] = {}
    for s, d, v in zip(src.tolist(), dst.tolist(), values.tolist(), strict=True):
        if s != d:
            merged.setdefault((s, d), []).append(v)
    indptr = np.zeros(n + 1, np.int64)
    indices, out = [], []
    for (s, d) in sorted(merged):
        vals = merged[(s, d)]
        if len(vals) == 1:
            x = vals[0]
        elif rule == "combine":
            x = 1.0 - float(np.prod([1.0 - v for v in vals]))
        elif rule == "max":
            x = max(vals)
        else:
            x = min(sum(vals), 1.0)
        indptr[s + 1] += 1
        indices.append(d)
        out.append(x)
    return np.cumsum(indptr), np.array(indices, np.int64), np.array(out)


@pytest.mark.parametrize("rule", ["combine", "max", "sum"])
@pytest.mark.parametrize("dtype", [np.int32, np.int64])
def test_matches_the_sorted_reference(rule, dtype):
    rng = np.random.default_rng(7)
    n = 40
    # node 0 gets a long row (merge-sort path), the others short ones (insertion path)
    src = np.concatenate([np.zeros(200, int), rng.integers(0, n, 600)]).astype(dtype)
    dst = rng.integers(0, n, src.size).astype(dtype)
    values = rng.random(src.size)
    indptr, indices, out = csr_from_arcs(src, dst, values, n, rule)
    ref_ptr, ref_idx, ref_val = _reference(src, dst, values, n, rule)
    assert indptr.tolist() == ref_ptr.tolist()
    assert indices.tolist() == ref_idx.tolist()
    np.testing.assert_allclose(out, ref_val, rtol=1e-12, atol=1e-15)
    assert indices.dtype == np.int32 and indptr.dtype == np.int64


def test_lone_arcs_keep_their_exact_value_and_self_loops_go():
    values = np.array([0.1 + 0.2, 0.7, 0.4])
    indptr, indices, out = csr_from_arcs(np.array([0, 1, 1]), np.array([1, 1, 0]), values, 2)
    assert indptr.tolist() == [0, 1, 2]
    assert indices.tolist() == [1, 0]
    assert out.tolist() == [values[0], values[2]]  # bit for bit, no 1 - (1 - p) round trip


def test_a_sure_copy_makes_a_sure_arc():
    _, _, out = csr_from_arcs(np.array([0, 0, 0]), np.array([1, 1, 1]), np.array([0.3, 1.0, 0.2]), 2)
    assert out.tolist() == [1.0]


def test_no_arc():
    indptr, indices, out = csr_from_arcs(np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0), 3)
    assert indptr.tolist() == [0, 0, 0, 0] and indices.size == 0 and out.size == 0
