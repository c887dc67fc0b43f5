"""store.stats against a plain-Python count of the same rows: every key, value and order."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from typing import Any

import numpy as np
import pytest

from einfluence.base.kinds import ACCOUNT_KINDS, INTERACTION_KINDS, POST_KINDS
from einfluence.store import connect
from einfluence.store.queries import ACTIVITY_BINS, stats

US = timedelta(microseconds=1)
T0 = datetime(2026, 1, 5, 1, 6, 48, 959154)


def _reference(con, *, by_day: bool = True) -> dict[str, Any]:
    """What stats should say, from the raw rows: one Python loop per figure, no SQL beyond SELECT *."""
    accounts = con.execute("SELECT account_id, network, kind FROM accounts").fetchall()
    posts = con.execute("SELECT network, kind FROM posts").fetchall()
    interactions = con.execute("SELECT src_id, kind, created_at FROM interactions").fetchall()
    network_of = {a: n for a, n, _ in accounts}

    def by_name(counter: Counter) -> dict[str, int]:
        return dict(sorted(counter.items()))

    posted = [(n, k) for n, k in posts if k is not None]
    timed = [t for _, _, t in interactions if t is not None]
    acting = [(network_of[s], k, t) for s, k, t in interactions if s in network_of]  # the join: orphans drop out
    networks: dict[str, dict[str, Any]] = {}
    for name, n_accounts in by_name(Counter(n for _, n, _ in accounts)).items():
        mine = [(k, t) for n, k, t in acting if n == name]
        times = [t for _, t in mine if t is not None]
        by_kind = Counter(k for k, _ in mine)
        summary = {
            "accounts": n_accounts,
            "posts": sum(n == name for n, _ in posted),
            "interactions": len(mine),
            "interactions_by_kind": dict(sorted(by_kind.items(), key=lambda kv: (-kv[1], kv[0]))),
            "first_time": None, "last_time": None, "activity": [],
        }
        if times:
            first, last = min(times), max(times)
            span_us = max((last - first) // US, 1) + 1
            activity = [0] * ACTIVITY_BINS
            for t in times:
                activity[((t - first) // US * ACTIVITY_BINS) // span_us] += 1
            summary.update(first_time=first.isoformat(), last_time=last.isoformat(), activity=activity)
        networks[name] = summary
    out = {
        "accounts": len(accounts),
        "posts": len(posted),
        "interactions": len(interactions),
        "persons": 0,
        "brands": 0,
        "imports": 0,
        "posts_referenced_only": sum(k is None for _, k in posts),
        "accounts_by_network": by_name(Counter(n for _, n, _ in accounts)),
        "accounts_by_kind": by_name(Counter(k for _, _, k in accounts)),
        "posts_by_network": by_name(Counter(n for n, _ in posted)),
        "posts_by_kind": by_name(Counter(k for _, k in posted)),
        "interactions_by_kind": by_name(Counter(k for _, k, _ in interactions)),
        "interactions_by_network": by_name(Counter(n for n, _, _ in acting)),
        "first_time": min(timed).isoformat() if timed else None,
        "last_time": max(timed).isoformat() if timed else None,
        "networks": networks,
    }
    if by_day:
        out["interactions_by_day"] = by_name(Counter(t.strftime("%Y-%m-%d") for t in timed))
    return out


def _ordered(value: Any) -> Any:
    """Dicts as lists of pairs, all the way down: == then also compares the order of the keys."""
    if isinstance(value, dict):
        return [(k, _ordered(v)) for k, v in value.items()]
    if isinstance(value, list):
        return [_ordered(v) for v in value]
    return value


def _assert_same(con) -> None:
    for by_day in (True, False):
        got, want = stats(con, by_day=by_day), _reference(con, by_day=by_day)
        assert _ordered(got) == _ordered(want)


def _insert(con, accounts: list[tuple], interactions: list[tuple], posts: list[tuple] = ()) -> None:
    """accounts (id, network, kind), interactions (src, dst, kind, time or None), posts (network, kind)."""
    if accounts:
        con.executemany("INSERT INTO accounts (account_id, network, source_id, kind, import_id) VALUES (?, ?, ?, ?, 1)",
                        [(a, n, str(a), k) for a, n, k in accounts])
    if interactions:
        con.executemany("INSERT INTO interactions (src_id, dst_id, kind, created_at, seq, import_id) "
                        "VALUES (?, ?, ?, ?, ?, 1)", [(s, d, k, t, i) for i, (s, d, k, t) in enumerate(interactions)])
    if posts:
        con.executemany("INSERT INTO posts (post_id, network, source_id, kind, import_id) VALUES (?, ?, ?, ?, 1)",
                        [(i, n, str(i), k) for i, (n, k) in enumerate(posts)])


def _random_world(seed: int) -> tuple[list, list, list]:
    """Several networks with the cases that matter: accounts that never act, a network of untimed
    interactions only, one of a single instant, one before 1970, same-instant events, NULL times,
    events on the period boundaries, and interactions whose acting account is not stored."""
    rng = np.random.default_rng(seed)
    names = ["Mastodon", "bluesky", "web", "ñetwork", "quiet", "untimed", "instant", "old"]
    accounts = [(i, names[int(rng.integers(len(names)))], ACCOUNT_KINDS[int(rng.integers(len(ACCOUNT_KINDS)))])
                for i in range(int(rng.integers(40, 120)))]
    accounts += [(len(accounts) + j, name, "unknown") for j, name in enumerate(names)]  # each network has one
    by_network: dict[str, list[int]] = {}
    for a, n, _ in accounts:
        by_network.setdefault(n, []).append(a)
    span = {"Mastodon": 90, "bluesky": 1, "web": 400, "ñetwork": 2, "old": 20_000}  # days
    start = {"old": datetime(1961, 4, 12, 6, 7)}
    interactions, times = [], {}
    for a, n, _ in accounts:
        for _ in range(0 if n == "quiet" else int(rng.poisson(8))):
            kind = INTERACTION_KINDS[int(rng.integers(len(INTERACTION_KINDS)))]
            dst = int(rng.integers(len(accounts)))
            seen = times.setdefault(n, [])
            if n == "untimed" or rng.random() < 0.25:
                t = None
            elif n == "instant":
                t = T0 + timedelta(hours=5)
            elif seen and rng.random() < 0.15:
                t = seen[int(rng.integers(len(seen)))]  # at the same instant as another one
            else:
                t = start.get(n, T0) + int(rng.integers(span[n] * 86_400_000_000)) * US
                seen.append(t)
            interactions.append((a, dst, kind, t))
    # the boundaries of a network's periods: its span made 24 * k - 1 us long, events on and next to k * m
    first = min(t for s, _, _, t in interactions if t is not None and accounts[s][1] == "bluesky")
    k = 3_600_000_017
    src = by_network["bluesky"][0]
    interactions.append((src, src, "like", first + (ACTIVITY_BINS * k - 1) * US))
    for m in range(1, ACTIVITY_BINS):
        interactions += [(src, src, "reply", first + m * k * US), (src, src, "reply", first + (m * k - 1) * US)]
    interactions = [(s, d, kd, t) for s, d, kd, t in interactions if accounts[s][1] != "bluesky" or t is None
                    or first <= t <= first + (ACTIVITY_BINS * k - 1) * US]
    # two interactions of accounts that are not in the store (the ingest never writes them)
    interactions += [(10_000, 0, "follow", None), (10_001, 0, "like", T0)]
    order = rng.permutation(len(interactions))
    posts = [(names[int(rng.integers(len(names)))], None if rng.random() < 0.2 else
              POST_KINDS[int(rng.integers(len(POST_KINDS)))]) for _ in range(int(rng.integers(0, 60)))]
    return accounts, [interactions[i] for i in order], posts


@pytest.mark.parametrize("seed", range(6))
def test_stats_of_a_random_store_match_a_plain_count(seed):
    con = connect(":memory:")
    accounts, interactions, posts = _random_world(seed)
    _insert(con, accounts, interactions, posts)
    _assert_same(con)
    got = stats(con)["networks"]
    assert got["quiet"]["interactions"] == 0 and got["quiet"]["activity"] == []
    assert got["untimed"]["interactions"] > 0 and got["untimed"]["first_time"] is None
    assert got["untimed"]["activity"] == []
    assert got["instant"]["activity"][0] == sum(got["instant"]["activity"]) > 0  # a span of 0: all in the first
    assert all(sum(n > 0 for n in got[name]["activity"]) > 12 for name in ("Mastodon", "bluesky", "web", "old"))
    assert [got["bluesky"]["activity"][m] >= 2 for m in range(ACTIVITY_BINS)] == [True] * ACTIVITY_BINS


def test_events_on_a_period_boundary_fall_in_the_later_period():
    # a span of 24 * 1000 - 1 us: the periods are 1000 us long, the m-th starting at first + 1000 * m us
    con = connect(":memory:")
    times = [T0, T0 + (ACTIVITY_BINS * 1000 - 1) * US, T0 + 1000 * US, T0 + 999 * US, T0 + 23_000 * US]
    _insert(con, [(0, "n", "person")], [(0, 0, "like", t) for t in times])
    activity = stats(con)["networks"]["n"]["activity"]
    assert activity[0] == 2 and activity[1] == 1 and activity[23] == 2
    assert sum(activity) == len(times)
    _assert_same(con)


def test_the_span_is_counted_in_whole_microseconds():
    # 6 days 6:20:57.222536 is 541257222536 us, but total_seconds() * 1e6 truncated to 541257222535
    # in floating point: the code before this test put the event at 67657152817 us (3/24 of the span,
    # just short of 3/24 of span + 1 us) in period 3 instead of 2
    con = connect(":memory:")
    span, at = 541_257_222_536, 67_657_152_817
    assert int(timedelta(microseconds=span).total_seconds() * 1e6) == span - 1
    _insert(con, [(0, "n", "person")], [(0, 0, "like", T0), (0, 0, "like", T0 + span * US),
                                         (0, 0, "like", T0 + at * US)])
    activity = stats(con)["networks"]["n"]["activity"]
    assert activity[2] == 1 and activity[3] == 0
    _assert_same(con)


def test_stats_of_an_empty_store():
    con = connect(":memory:")
    _assert_same(con)
    got = stats(con)
    assert got["networks"] == {} and got["interactions_by_network"] == {} and got["interactions_by_day"] == {}
    assert got["first_time"] is None and "interactions_by_day" not in stats(con, by_day=False)


def test_stats_of_accounts_without_interactions():
    con = connect(":memory:")
    _insert(con, [(0, "b", "person"), (1, "a", "brand")], [])
    _assert_same(con)
    assert stats(con)["networks"]["a"] == {"accounts": 1, "posts": 0, "interactions": 0, "interactions_by_kind": {},
                                           "first_time": None, "last_time": None, "activity": []}
