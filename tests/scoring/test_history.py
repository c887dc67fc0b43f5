"""A score history's trends are read over each account's span (the windows its network has data in)."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pytest

from einfluence.exceptions import ParameterError
from einfluence.scoring.history import summarize_windows

ENDS = [datetime(2020, 1, 1) + timedelta(days=d) for d in range(20)]


def _history():
    """Account 0 rises over windows 0-2 (its network's data ends there); account 1 is steady at 50
    over windows 3-19."""
    accounts = [np.array([0]), np.array([0]), np.array([0])] + [np.array([1])] * 17
    scores = [np.array([10.0]), np.array([40.0]), np.array([80.0])] + [np.array([50.0])] * 17
    return accounts, scores


def test_a_network_whose_data_ends_early_is_not_read_as_fading():
    accounts, scores = _history()
    every = summarize_windows(accounts, scores, scores, ENDS, n_accounts=2)
    # counted at the floor after its data ends, the riser looks like a fall
    assert every.trend.label[0] == "fading"
    has_data = np.zeros((20, 2), dtype=bool)
    has_data[:3, 0] = has_data[3:, 1] = True
    own = summarize_windows(accounts, scores, scores, ENDS, n_accounts=2, coverage=(has_data, np.array([0, 1])))
    assert own.trend.label.tolist() == ["rising", "stable"]
    assert own.rising.tolist() == [0] and own.fading.tolist() == []
    assert (own.first.tolist(), own.last.tolist()) == ([10.0, 50.0], [80.0, 50.0])
    assert own.trend.change[0] == 70.0


def test_a_window_without_data_is_left_out_and_one_with_data_counts_the_floor():
    # account 0 scored in windows 0 and 2; its network had data in 0-4 except 1
    accounts = [np.array([0]), np.array([], np.int64), np.array([0])] + [np.array([], np.int64)] * 17
    scores = [np.array([10.0]), np.array([]), np.array([40.0])] + [np.array([])] * 17
    has_data = np.zeros((20, 1), dtype=bool)
    has_data[[0, 2, 3, 4], 0] = True
    out = summarize_windows(accounts, scores, scores, ENDS, n_accounts=1, coverage=(has_data, np.array([0])))
    assert out.trend.n_windows[0] == 4  # windows 0, 2 (scored), 3, 4 (floor); 1 and 5-19 left out
    assert (out.first[0], out.last[0]) == (10.0, 1.0)


def test_coverage_is_checked():
    accounts, scores = _history()
    with pytest.raises(ParameterError, match="coverage"):
        summarize_windows(accounts, scores, scores, ENDS, n_accounts=2,
                          coverage=(np.ones((20, 1), dtype=bool), np.array([0, 1])))
    with pytest.raises(ParameterError, match="coverage"):
        summarize_windows(accounts, scores, scores, ENDS, n_accounts=2,
                          coverage=(np.ones((19, 2), dtype=bool), np.array([0, 1])))
