"""Looking post ids up: the table of dense ids gives the positions the binary search gives."""

from __future__ import annotations

import numpy as np
import pytest

from einfluence.topics._common import index_of


def _searched(sorted_ids: np.ndarray, values: np.ndarray) -> np.ndarray:
    pos = np.minimum(np.searchsorted(sorted_ids, values), sorted_ids.size - 1)
    return np.where((sorted_ids[pos] == values) & (values >= 0), pos, -1)


@pytest.mark.parametrize("span", [1, 3, 10**7, 10**15])
def test_dense_and_sparse_ids_give_the_binary_searchs_positions(span):
    rng = np.random.default_rng(span)
    ids = np.unique(rng.integers(0, 5_000 * span, size=5_000))
    values = np.concatenate([rng.choice(ids, 3_000), rng.integers(-5, 5_000 * span + 9, size=3_000), [-1]])
    rng.shuffle(values)
    np.testing.assert_array_equal(index_of(ids, values), _searched(ids, values))
