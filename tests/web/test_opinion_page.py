"""The Opinion page (issue #16) in a real browser against a real ``einfluence serve`` over the demo
world with its planted tipping community: questions run as API jobs from the page's form, each
answer's numbers on the page equal to the API's, accounts linked to their profiles, in English and
French, with no console error and no serious accessibility violation; screenshots of both."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from einfluence import Workspace

pytestmark = pytest.mark.slow

W = "/w/demo"
API = "/api/v1/workspaces/demo"


@pytest.fixture(scope="module")
def planted(world: Path, visitor: Any) -> int:
    """The community of the latest community run holding most members of the planted tipping
    community (the demo world's truth)."""
    with Workspace(world, read_only=True) as ws:
        truth = ws.truth("tipping").to_pylist()
    members = {(r["network"], str(r["id"])) for r in truth}
    run = visitor.api(f"{API}/community-runs")["body"]["data"][-1]["community_run_id"]
    rows = visitor.api(f"{API}/community-runs/{run}/members?limit=10000")["body"]["data"]
    counts: dict[int, int] = {}
    for row in rows:
        if (row["network"], str(row["account"])) in members:
            counts[row["community"]] = counts.get(row["community"], 0) + 1
    community = max(counts, key=counts.get)
    assert counts[community] >= 0.5 * len(members), counts  # one community of the run, not a scatter
    return community


def _run(visitor: Any, form: str, question: str, name: str) -> dict[str, Any]:
    """Submit a form of the page, wait for its job and the answer shown; the stored plan, from the API."""
    page = visitor.page
    page.click(f"{form} button[type=submit]")
    page.wait_for_url(f"**/opinion?*{question}=*", timeout=600_000)
    visitor.ready(name)
    plan = re.search(rf"[?&]{question}=(\d+)", page.url).group(1)
    answer = visitor.api(f"{API}/plans/{plan}")
    assert answer["status"] == 200, answer
    data = answer["body"]["data"]
    assert data["inputs"]["analysis"] == f"opinion {question}"
    return data


def _value(cell: Any) -> float:
    return float(cell.get_attribute("data-value"))


def _profile_href(account: dict[str, Any]) -> str:
    return f"{W}/accounts/{account['account']}?network={account['network']}"


def test_tipping_point_of_the_planted_community(visitor, planted):
    """Tipping on the planted community from the form: the critical share shown is the API's and
    lies within the interval the API gives; the accounts that tip it link to their profiles."""
    visitor.problems.clear()
    page = visitor.open(f"{W}/opinion", "10-opinion-empty")
    assert page.locator("nav.pages a[aria-current=page]").inner_text() == "Opinion"
    page.check("#o-tipping")
    assert page.is_visible("#o-tipping-model") and not page.is_visible("#o-k")  # the fields of the question
    page.select_option("#o-community", str(planted))
    page.select_option("#o-choose", "listened")
    plan = _run(visitor, "#opinion-form", "tipping", "10-opinion-tipping")
    r = plan["result"]
    assert r["community"] == planted and r["side"] == "a" and r["choose"] == "listened"
    assert r["critical_fraction"] is not None, r  # the planted community tips within the shares tried
    row = page.locator("#tipping-table tbody tr").first
    assert row.get_attribute("data-community") == str(planted)
    critical = row.locator("[data-key=critical]")
    interval = row.locator("[data-key=interval]")
    shown = _value(critical)
    low, high = float(interval.get_attribute("data-low")), float(interval.get_attribute("data-high"))
    assert (shown, low, high) == (r["critical_fraction"], r["low"], r["high"])
    assert low <= shown <= high
    assert critical.inner_text() == f"{100 * r['critical_fraction']:.1f}%"
    assert interval.inner_text() == f"{100 * r['low']:.1f}% – {100 * r['high']:.1f}%"
    assert int(row.locator("[data-key=count]").get_attribute("data-value")) == r["critical_count"]
    # the curve is drawn, and given as a table too
    assert page.locator("#tipping-figure .main-svg").count() >= 1
    assert page.locator("table.curve tbody tr").count() == len(r["curve"])
    # the concrete accounts whose conversion tips it, in order, each a link to its profile
    links = page.locator("#tipping-accounts a")
    assert r["accounts"] and links.count() == len(r["accounts"])
    for i, account in enumerate(r["accounts"]):
        assert links.nth(i).get_attribute("href") == _profile_href(account)
        assert links.nth(i).inner_text() == f"@{account['handle']}"
    links.first.click()
    visitor.ready()
    assert page.url.endswith(_profile_href(r["accounts"][0]))
    assert r["accounts"][0]["handle"] in page.locator("h1").inner_text()
    assert not visitor.problems, visitor.problems


def test_whom_to_convert_then_where_opinion_settles(visitor, planted):
    """Whom to convert on the planted community (greedy beside the top-scored, the numbers of the
    API), then where opinion settles if the greedy advocates are won (the page carries them over
    to the form), then the counter-case from its button."""
    visitor.problems.clear()
    page = visitor.open(f"{W}/opinion")
    page.check("#o-convert")
    assert page.is_visible("#o-k") and not page.is_visible("#o-tipping-model")
    page.select_option("#o-community", str(planted))
    page.fill("#o-k", "3")
    plan = _run(visitor, "#opinion-form", "convert", "10-opinion-convert")
    r = plan["result"]
    assert r["community"] == planted and r["k"] == 3
    table = page.locator("#convert-table")
    for key, mean, gain in (("nothing", r["nothing_done"], None), ("greedy", r["greedy"]["mean"], r["greedy"]["gain"]),
                            ("top", r["top_scored"]["mean"], r["top_scored"]["gain"])):
        row = table.locator(f"tr[data-plan={key}]")
        assert _value(row.locator("[data-key=mean]")) == mean
        if gain is not None:
            assert _value(row.locator("[data-key=gain]")) == gain
    assert r["greedy"]["gain"] >= r["top_scored"]["gain"] - 1e-9  # greedy is at least as good, as the API says
    greedy = page.locator("#greedy-table tbody a")
    assert [greedy.nth(i).get_attribute("href") for i in range(greedy.count())] == \
        [_profile_href(a) for a in r["greedy"]["accounts"]]
    top = page.locator("#top-table tbody a")
    assert [top.nth(i).get_attribute("href") for i in range(top.count())] == \
        [_profile_href(a) for a in r["top_scored"]["accounts"]]

    # where opinion settles if those advocates are won: the form comes filled in with them
    page.click("#convert a.button[href*='use=convert']")
    visitor.ready()
    assert page.is_checked("#o-settle")
    handles = [f"@{a['handle']}" for a in r["greedy"]["accounts"]]
    assert page.input_value("#o-accounts").split("\n") == handles
    settled = _run(visitor, "#opinion-form", "settle", "10-opinion-settle")
    s = settled["result"]
    assert [a["account"] for a in s["converted"]] == [a["account"] for a in r["greedy"]["accounts"]]
    rows = page.locator("#settle-table tbody tr")
    expected = list(zip(s["scenarios"]["nothing done"], s["scenarios"]["converted"], strict=True))
    assert rows.count() == len(expected)
    for i, (nothing, converted) in enumerate(expected):
        row = rows.nth(i)
        community = "all" if nothing["community"] is None else str(nothing["community"])
        assert row.get_attribute("data-community") == community
        assert _value(row.locator("[data-key=now]")) == nothing["now"]
        assert _value(row.locator("[data-key=settled]")) == nothing["settled"]
        assert _value(row.locator("[data-key=converted]")) == converted["settled"]
        # the interval the API gives is printed with the value (to 3 decimals)
        text = row.locator("[data-key=converted] .ci").inner_text().replace("−", "-")
        printed = [float(x) for x in re.findall(r"[+-]?\d+\.\d+", text)]
        assert printed == pytest.approx(converted["settled_ci95"], abs=5e-4), text
    # the planted community gains from its new advocates
    mine = next(c for c in s["scenarios"]["converted"] if c["community"] == planted)
    before = next(c for c in s["scenarios"]["nothing done"] if c["community"] == planted)
    assert mine["settled"] > before["settled"]
    assert page.locator("#settle-figure .main-svg").count() >= 1

    # the counter-case: how many detractors sink the planted community
    page.goto(visitor.server.base + f"{W}/opinion?convert={plan['plan_id']}")
    visitor.ready()
    page.click("#counter-form button[type=submit]")
    page.wait_for_url("**/opinion?*tipping=*", timeout=600_000)
    visitor.ready("10-opinion-counter-case")
    counter = page.locator("#counter").inner_text()
    tipping = int(re.search(r"[?&]tipping=(\d+)", page.url).group(1))
    c = visitor.api(f"{API}/plans/{tipping}")["body"]["data"]["result"]
    assert c["side"] == "b" and c["community"] == planted
    assert f"#{tipping}" in counter
    if c["critical_fraction"] is not None:
        assert f"{100 * c['critical_fraction']:.1f}%" in counter
    assert not visitor.problems, visitor.problems


def test_past_answers_reopen(visitor):
    page = visitor.open(f"{W}/opinion")
    rows = page.locator("#past-table tbody tr")
    listed = visitor.api(f"{API}/plans?kind=simulation&limit=200")["body"]["data"]
    ids = [str(p["plan_id"]) for p in listed if str(p["inputs"].get("analysis", "")).startswith("opinion ")]
    assert [rows.nth(i).get_attribute("data-plan") for i in range(rows.count())] == ids
    oldest = rows.last
    question = oldest.get_attribute("data-question")
    oldest.locator("a").first.click()
    visitor.ready()
    assert page.locator(f"#{question}-table").get_attribute("data-plan") == ids[-1]
    assert page.locator(f"#past-table tr[data-plan='{ids[-1]}'] a").get_attribute("aria-current") == "true"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_opinion_page_is_clean_accessible_and_french(visitor, lang):
    """No console error, no failed request, no serious axe-core violation; in French, no English."""
    visitor.problems.clear()
    page = visitor.open(f"{W}/opinion?lang={lang}", f"10-opinion-{lang}")
    assert page.get_attribute("html", "lang") == lang
    assert not visitor.axe()
    if lang == "fr":
        assert page.locator("nav.pages a[aria-current=page]").inner_text() == "Opinion"
        assert page.locator("h1").inner_text() == "Dynamique des opinions"
        assert not visitor.english_words()
        # every question's fields, in turn, are French too
        for question in ("settle", "convert"):
            page.check(f"#o-{question}")
            assert not visitor.english_words(), question
    # back to English for the tests after these (the choice is remembered)
    visitor.open(f"{W}/opinion?lang=en")
    assert not visitor.problems, visitor.problems
