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
    spans = (np.array([0, 3]), np.array([2, 19]))
    own = summarize_windows(accounts, scores, scores, ENDS, n_accounts=2, spans=spans)
    assert own.trend.label.tolist() == ["rising", "stable"]
    assert own.rising.tolist() == [0] and own.fading.tolist() == []
    assert (own.first.tolist(), own.last.tolist()) == ([10.0, 50.0], [80.0, 50.0])
    assert own.trend.change[0] == 70.0


def test_spans_are_checked():
    accounts, scores = _history()
    with pytest.raises(ParameterError, match="spans"):
        summarize_windows(accounts, scores, scores, ENDS, n_accounts=2, spans=(np.array([3, 0]), np.array([2, 19])))
    with pytest.raises(ParameterError, match="spans"):
        summarize_windows(accounts, scores, scores, ENDS, n_accounts=2, spans=(np.array([0]), np.array([2])))
