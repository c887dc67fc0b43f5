"""One workspace, many networks: every analysis covers the networks asked for, and says so (issue 11)."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pytest

from einfluence import InputError, Workspace
from einfluence.io import Records

T0 = datetime(2026, 9, 1)


def _star(network: str, hub: str, n_fans: int, kind: str, *, timed: bool, start: datetime = T0, days: int = 1):
    """A hub and its fans acting towards it (fans also act towards one another, less)."""
    fans = [f"{network}-f{i}" for i in range(n_fans)]
    src = fans + fans[1:]
    dst = [hub] * n_fans + fans[:-1]
    cols = {"network": network, "src": src, "dst": dst, "kind": kind}
    if timed:
        cols["time"] = [start + timedelta(hours=(24 * days * i) // len(src)) for i in range(len(src))]
    return cols


@pytest.fixture
def mixed(tmp_path):
    """Three networks: timed relays (tw), a follow-only graph (fo), an untimed link graph (bl)."""
    path = tmp_path / "mixed.duckdb"
    with Workspace(path) as ws:
        for cols in (
            _star("tw", "tw-hub", 30, "relay", timed=True, days=10),
            _star("fo", "fo-hub", 40, "follow", timed=False),
            _star("bl", "bl-hub", 25, "hyperlink", timed=False),
        ):
            ws.add_records(Records.from_columns(interactions=cols))
        # a second, older network of the same kind far away in time
        ws.add_records(Records.from_columns(
            interactions=_star("old", "old-hub", 10, "relay", timed=True, start=datetime(2011, 1, 1))))
    with Workspace(path) as ws:
        yield ws


def _n_accounts(ws, network):
    return ws.sql("SELECT count(*) FROM accounts WHERE network = ?", [network]).fetchall()[0][0]


def test_seeds_graph_is_the_selected_networks_accounts(mixed):
    out = mixed.select_seeds(2, networks=["fo"])
    assert out["graph"]["n_nodes"] == _n_accounts(mixed, "fo") < mixed.n_accounts()
    assert out["seeds"][0] == "fo-hub"
    alone = mixed.simulate_seeds(mixed.account_ids(["fo-hub"]), networks=["fo"], n_simulations=500)
    assert alone["graph"]["n_nodes"] == _n_accounts(mixed, "fo")


def test_trends_windows_cover_the_selected_data_only(mixed):
    result = mixed.history(width_hours=24, networks=["tw"])
    # about ten days of tw, not 2011 -> 2026 (the other relay network)
    assert 9 <= len(result["windows"]) <= 11 and result["windows"][0]["since"] >= T0
    assert all(w["run_id"] is not None for w in result["windows"])


def test_trends_read_each_network_over_its_own_data(tmp_path):
    """A hub whose network's week of data ends a year before another network's is rising in
    that week, not fading for the year its network has no data."""
    with Workspace(tmp_path / "two.duckdb") as ws:
        for network, start, growing in (("early", datetime(2020, 3, 1), True), ("late", datetime(2021, 3, 1), False)):
            src, dst, time = [], [], []
            for day in range(7):  # the hub gains fans day by day (early) or keeps the same (late)
                for fan in range(2 ** day if growing else 10):
                    src.append(f"{network}-f{fan}")
                    dst.append(f"{network}-hub")
                    time.append(start + timedelta(days=day, minutes=fan))
                src.append(f"{network}-f0")  # and the fans among themselves
                dst.append(f"{network}-f1")
                time.append(start + timedelta(days=day, hours=12))
            ws.add_records(Records.from_columns(interactions={
                "network": network, "src": src, "dst": dst, "kind": "relay", "time": time}))
        result = ws.history(width_hours=24)
        assert len(result["windows"]) > 365
        fading = [r["account"] for r in result["fading"]]
        rising = {r["account"]: r for r in result["rising"]}
        assert "early-hub" not in fading and "early-hub" in rising
        # its first and last scores are those of its own week, not of the first and last windows
        assert 1.0 < rising["early-hub"]["first"] < rising["early-hub"]["last"]
        # the dashboard's trends (from the stored windows) say the same as einfluence trends
        movers = {r["account"]: label for label in ("rising", "fading") for r in result[label]}
        ids = {a: int(ws.account_ids([a])[0]) for a in movers}
        stored = ws.score_trends(list(ids.values()))["trend"]
        assert {a: stored[i] for a, i in ids.items()} == movers


def test_trends_on_untimed_networks_are_refused(mixed):
    with pytest.raises(InputError, match="no timed interaction in network.*bl"):
        mixed.history(networks=["bl"])


def test_an_interrupted_history_leaves_no_run(mixed, monkeypatch):
    import einfluence.scoring.score as score_module

    calls = {"n": 0}
    real = score_module.einfluence_score

    def failing(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 4:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(score_module, "einfluence_score", failing)
    before = mixed.sql("SELECT count(*) FROM score_runs").fetchall()[0][0]
    with pytest.raises(KeyboardInterrupt):
        mixed.history(width_hours=24, networks=["tw"])
    assert mixed.sql("SELECT count(*) FROM score_runs").fetchall()[0][0] == before


def test_untimed_data_gives_no_momentum(mixed):
    _, result = mixed.score(networks=["bl"])
    assert not result.available["momentum"] and result.available["reach"]


def test_a_follow_only_graph_is_scored_on_its_structure(mixed):
    _, result = mixed.score(networks=["fo"])
    active = result.score[result.active]
    assert result.basis == "structure" and result.available["reach"] and result.available["impact"]
    assert np.unique(np.round(active, 6)).size > 2  # not everyone at 1.0
    hub = int(mixed.account_ids(["fo-hub"])[0])
    assert result.score[hub] == active.max()


def test_explain_gives_the_rank_in_the_whole_run_and_real_scales(mixed):
    run, _ = mixed.score(networks=["tw", "fo"])
    table = mixed.rank(run, limit=None).to_pylist()
    second = table[1]
    e = mixed.explain(second["account"], run_id=run)
    assert e["scored"]["rank"] == 2
    assert all(v is not None and np.isfinite(v) for c, v in e["scales"].items() if e["available"][c])


def test_explain_defaults_to_the_latest_run_of_the_accounts_network(mixed):
    run_tw, _ = mixed.score(networks=["tw"])
    mixed.score(networks=["bl"])
    assert mixed.explain("tw-hub")["run"]["run_id"] == run_tw


def test_community_leaders_on_link_and_follow_graphs(mixed):
    for network, hub in (("bl", "bl-hub"), ("fo", "fo-hub")):
        run = mixed.communities(networks=[network])
        report = mixed.community_report(run, k=3)
        leaders = [a["account"] for c in report["communities"] for a in c["leaders"]]
        assert hub in leaders, (network, report["leader_kinds"])
        # the roles a profile reads are the report's, without its terms
        roles = mixed.community_roles(run, k=3)
        assert {c["community"]: [a["account"] for a in c["leaders"]] for c in report["communities"]} == \
            {c: [a["account"] for a in members] for c, members in roles["leaders"].items()}
        assert [(b["account"], b["community"], b["participation"]) for b in report["brokers"]] == \
            [(b["account"], b["community"], b["participation"]) for b in roles["brokers"]]


def test_empty_or_reversed_windows_are_errors_and_store_nothing(mixed):
    before = mixed.sql("SELECT count(*) FROM score_runs").fetchall()[0][0]
    with pytest.raises(InputError, match="window is empty"):
        mixed.score(since=T0 + timedelta(days=5), until=T0)
    with pytest.raises(InputError, match="no interaction in this window"):
        mixed.score(since=datetime(2030, 1, 1), until=datetime(2030, 2, 1))
    with pytest.raises(InputError, match="after the split"):
        mixed.evaluate(datetime(2030, 1, 1))
    assert mixed.sql("SELECT count(*) FROM score_runs").fetchall()[0][0] == before


def test_mentions_of_one_scope_keep_the_others(tmp_path):
    path = tmp_path / "m.duckdb"
    with Workspace(path) as ws:
        for network in ("a", "b"):
            ws.add_records(Records.from_columns(posts={
                "network": network, "id": [f"{network}{i}" for i in range(4)], "author": "u", "kind": "original",
                "text": ["I love Ondula", "Ondula is great", "meh", "Ondula bike"], "time": [T0] * 4}))
        ws.add_brand("Ondula")
        ws.detect_mentions()
        assert ws.sql("SELECT count(*) FROM mentions").fetchall()[0][0] == 6
        ws.detect_mentions(networks=["a"])
        assert ws.sql("SELECT count(*) FROM mentions").fetchall()[0][0] == 6


def test_the_funnel_counts_the_selected_networks_accounts(tmp_path):
    path = tmp_path / "f.duckdb"
    with Workspace(path) as ws:
        for network, n in (("a", 5), ("b", 50)):
            ws.add_records(Records.from_columns(
                accounts={"network": network, "id": [f"{network}{i}" for i in range(n)]},
                posts={"network": network, "id": [f"{network}-p{i}" for i in range(3)], "author": f"{network}0",
                       "kind": "original", "text": ["I love Ondula"] * 3,
                       "time": [T0 + timedelta(days=i) for i in range(3)]}))
        ws.add_brand("Ondula")
        ws.detect_mentions()
        everything = ws.advocates("Ondula", min_mentions=1)["brands"][0]["funnel"]
        only_a = ws.advocates("Ondula", min_mentions=1, networks=["a"])["brands"][0]["funnel"]
    assert sum(everything.values()) == 55 and sum(only_a.values()) == 5
    assert only_a["unaware"] == 4 and everything["unaware"] == 53


def test_time_spans_are_each_networks_time_span(mixed):
    spans = mixed.time_spans()
    assert spans["*"] == mixed.time_span()
    networks = {r[0] for r in mixed.sql("SELECT DISTINCT network FROM accounts").fetchall()}
    assert set(spans) - {"*"} <= networks and len(spans) > 2
    for network, span in spans.items():
        if network != "*":
            assert span == mixed.time_span(networks=[network])
