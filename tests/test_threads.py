"""einfluence.base.threads: consecutive parts, in order, over threads."""

from __future__ import annotations

import itertools
import threading

import pytest

from einfluence.base.threads import bounds, in_parts


@pytest.mark.parametrize(("count", "parts"), [(0, 1), (1, 1), (10, 3), (7, 7), (1000, 4)])
def test_bounds_cover_the_range_in_near_equal_parts(count, parts):
    edges = bounds(count, parts)
    assert edges[0] == 0 and edges[-1] == count and len(edges) == parts + 1
    sizes = [b - a for a, b in itertools.pairwise(edges)]
    assert all(s >= 0 for s in sizes) and max(sizes) - min(sizes) <= 1


def test_parts_come_back_in_order_from_other_threads():
    seen = []

    def work(lo, hi, part):
        seen.append(threading.get_ident())
        return part, list(range(lo, hi))

    got = in_parts(10, 3, work)
    assert [part for part, _ in got] == [0, 1, 2]
    assert [i for _, items in got for i in items] == list(range(10))
    assert seen.count(threading.get_ident()) == 1  # the caller took one part, threads the others
    assert len(set(seen)) >= 2  # (a pool thread may take both other parts)


@pytest.mark.parametrize(("count", "threads", "min_items"), [(100, 1, 1), (100, 4, 101), (0, 4, 1)])
def test_one_part_on_one_thread_or_below_the_minimum(count, threads, min_items):
    got = in_parts(count, threads, lambda lo, hi, part: (lo, hi, part, threading.get_ident()), min_items=min_items)
    assert got == [(0, count, 0, threading.get_ident())]


def test_never_more_parts_than_items():
    assert len(in_parts(2, 8, lambda lo, hi, part: (lo, hi))) == 2
