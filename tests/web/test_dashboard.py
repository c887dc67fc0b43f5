"""The dashboard in a real browser (Debian's Chromium through Playwright) against a real
``einfluence serve`` process over the demo world: the flows of issue #13, and on every page no
console error, no failed request, no serious accessibility violation; a screenshot of each."""

from __future__ import annotations

import pytest

from tests.web.conftest import EVIL_HANDLE, EVIL_NAME

pytestmark = pytest.mark.slow

W = "/w/demo"


def test_login_link_lands_on_the_overview(visitor):
    """The one-time link opens a session and lands on the first workspace's overview."""
    page = visitor.page
    assert page.url.rstrip("/").endswith(W), page.url
    visitor.ready("1-overview")
    assert page.locator("h1").inner_text() == "Workspace demo"
    assert page.locator(".kpi .v").first.inner_text() == "314"  # 312 demo accounts and two more
    assert page.locator("#activity .main-svg").count() >= 1  # the chart is drawn


def test_leaderboard_filtered_by_topic_and_community_matches_the_api(visitor):
    visitor.open(f"{W}/influencers", "2-influencers")
    page = visitor.page
    page.select_option("#f-topic", index=2)  # the second topic
    page.select_option("#f-community", index=1)  # community 0
    page.click("form.filters button[type=submit]")
    visitor.ready("2-influencers-filtered")
    topic = page.eval_on_selector("#f-topic", "s => s.value")
    community = page.eval_on_selector("#f-community", "s => s.value")
    assert topic and community
    shown = page.eval_on_selector_all("#board tbody tr[data-account]", "rows => rows.map(r => "
                                      "[r.dataset.account, r.dataset.network, Number(r.cells[4].dataset.value)])")
    answer = visitor.api(f"/api/v1/workspaces/demo/rank?topic={topic}&community={community}&limit=25")
    assert answer["status"] == 200
    expected = [[i["account"], i["network"], i["score"]] for i in answer["body"]["items"]]
    assert shown == expected and shown
    assert answer["body"]["produced_by"]["community"]["community"] == int(community)


def test_leaderboard_pages_sorts_and_exports(visitor):
    page = visitor.open(f"{W}/influencers?limit=10")
    first = page.eval_on_selector_all("#board tbody tr[data-account]", "rows => rows.map(r => r.dataset.account)")
    assert len(first) == 10
    assert page.locator("svg.spark").count() > 0  # the history's sparklines
    page.click("a[rel=next]")
    visitor.ready()
    second = page.eval_on_selector_all("#board tbody tr[data-account]", "rows => rows.map(r => r.dataset.account)")
    assert second and not set(first) & set(second)
    assert page.locator("#board tbody tr td.n").nth(0).inner_text() == "11"  # rank 11 opens page 2
    page.click("a[rel=prev]")
    visitor.ready()
    assert page.eval_on_selector_all("#board tbody tr[data-account]", "rows => rows.map(r => r.dataset.account)") \
        == first
    page.click("a[rel=next]")
    visitor.ready()
    # sort by reach with the keyboard
    page.locator("#board thead th button.sort").nth(4).focus()
    page.keyboard.press("Enter")
    values = page.eval_on_selector_all("#board tbody tr", "rows => rows.map(r => Number(r.cells[5].dataset.value))")
    assert values == sorted(values, reverse=True)
    csv = page.evaluate("async () => (await fetch('/w/demo/influencers.csv?limit=10')).text()")
    lines = csv.strip().splitlines()
    assert lines[0].startswith("rank,account,network") and len(lines) > 11


def test_the_overview_says_which_networks_a_run_covers(visitor):
    visitor.open(f"{W}/influencers?network=blog")  # computes and stores the blog network's run
    page = visitor.open(W)
    rows = page.eval_on_selector_all("table.overview-runs tbody tr", "rows => rows.map(r => r.innerText)")
    assert any("blog · " in r and "accounts scored" in r for r in rows), rows


def test_shortlist_is_saved_on_the_server_and_planned_as_a_campaign_target(visitor):
    """Saved from the leaderboard (in the workspace, not the browser), still there after a reload,
    offered by the planner, and a plan made with it targets exactly its accounts."""
    page = visitor.open(f"{W}/influencers?limit=10&topic=1")
    picked = [page.get_attribute(f"#board tbody tr:nth-child({i})", "data-account") for i in (1, 2, 3)]
    for i in (1, 2, 3):
        page.check(f"#pick-{i}")
    page.fill("#short-name", "top <b>three</b>")
    page.click("#shortlist-form button[type=submit]")
    page.wait_for_selector("#short-lists li[data-shortlist='top <b>three</b>']")
    page.reload()
    visitor.ready("2-influencers-shortlist")
    assert "top <b>three</b>" in page.locator("#short-lists").inner_text()  # text, never markup
    assert page.locator("#short-lists b").count() == 0
    saved = visitor.api("/api/v1/workspaces/demo/shortlists/top%20%3Cb%3Ethree%3C%2Fb%3E")
    assert saved["status"] == 200 and [a["account"] for a in saved["body"]["data"]["accounts"]] == picked
    assert saved["body"]["data"]["filters"] == {"topic": "1"}
    visitor.open(f"{W}/campaigns")
    page.select_option("#p-shortlist", "top <b>three</b>")
    page.fill("#p-budget", "800")
    page.fill("#p-sims", "200")
    page.click("#plan-form button[type=submit]")
    page.wait_for_url("**/campaigns?plan=*", timeout=600_000)
    visitor.ready("6-campaign-plan-shortlist")
    assert "shortlist 'top <b>three</b>' (3 accounts)" in page.locator("#plan-h").inner_text()
    # removed from the leaderboard's page, it is gone for everyone
    visitor.open(f"{W}/influencers")
    page.click("[data-remove-shortlist='top <b>three</b>']")
    page.wait_for_selector("#short-lists li[data-shortlist]", state="detached")
    assert visitor.api("/api/v1/workspaces/demo/shortlists")["body"]["data"] == []


def test_profile(visitor):
    page = visitor.open(f"{W}/influencers?limit=10")
    link = page.locator("#board tbody tr").first.locator("td a").first
    handle = link.inner_text()
    link.click()
    visitor.ready("3-profile")
    assert page.locator("h1").inner_text().startswith(handle)
    assert page.locator("#components .main-svg").count() >= 1
    assert page.locator("#ego .main-svg").count() >= 1
    assert page.locator("#history .main-svg").count() >= 1  # the stored history
    assert page.locator("#funnel-h").inner_text() == "Funnel history and its evidence"


def test_profile_logs_an_action(visitor):
    page = visitor.open(f"{W}/accounts/229?network=microblog")
    page.select_option("#a-kind", "briefed")
    page.fill("#a-at", "2026-09-15T10:00")
    page.fill("#a-campaign", "spring <b>launch</b>")
    page.click("form[data-job=action] button[type=submit]")
    visitor.ready()
    page.wait_for_selector("#actions-body td:has-text('spring <b>launch</b>')")  # shown as text
    assert page.locator("#actions-body b").count() == 0


def test_text_from_the_data_is_never_run(visitor):
    page = visitor.open(f"{W}/accounts/evil?network=microblog", "3-profile-html-in-data")
    assert page.evaluate("window.__xss") is None
    assert EVIL_HANDLE in page.locator("h1").inner_text()
    assert "<script>window.__xss=2</script>" in page.locator("body").inner_text()


def test_an_account_without_a_handle_is_shown_by_its_name_never_run(visitor):
    """The leaderboard, the community map's table and the profile name an account without a
    handle by its name (not its id), as text, isolated (``<bdi>``: its right-to-left override
    reverses nothing after it); the id stays in the link to the profile."""
    page = visitor.open(f"{W}/influencers?limit=100", "2-influencers-name-in-data")
    link = page.locator("#board tbody tr[data-account='evil-name'] td a")
    assert link.locator("bdi").inner_text() == EVIL_NAME and "/accounts/evil-name?" in link.get_attribute("href")
    assert page.locator("#board img").count() == 0 and page.evaluate("window.__xss") is None
    page = visitor.open(f"{W}/communities")
    page.click("#map-table-box summary")
    page.wait_for_selector("#map-table tbody tr")
    link = page.locator("#map-table tbody a[href*='/accounts/evil-name?']")
    assert link.locator("bdi").inner_text() == EVIL_NAME
    assert page.locator("#map-table img").count() == 0 and page.evaluate("window.__xss") is None
    page = visitor.open(f"{W}/accounts/evil-name?network=microblog", "3-profile-name-in-data")
    heading = page.locator("h1").inner_text()
    assert page.locator("h1 bdi").inner_text() == EVIL_NAME and heading.endswith("· microblog · evil-name")
    assert page.title().startswith(EVIL_NAME) and page.evaluate("window.__xss") is None


def test_community_map_draws_nodes(visitor):
    from io import BytesIO

    import numpy as np
    from PIL import Image

    page = visitor.open(f"{W}/communities", "4-communities")
    assert int(page.get_attribute("#map", "data-drawn")) > 100
    picture = Image.open(BytesIO(page.locator("#map").screenshot())).convert("RGB")
    colours = picture.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 20  # not a blank canvas
    state = page.evaluate("window.einfluence.mapState()")
    assert 0 < state["labelled"] == state["roles"]  # only leaders and brokers carry a label
    # the ties are seen: hiding them changes a good part of the map (they were once drawn lighter
    # than the page: a translucent grey blended as a premultiplied colour), and the nodes stay
    page.wait_for_selector("#map[data-ties-shown='1']", state="attached")
    with_ties = np.asarray(Image.open(BytesIO(page.locator("#map").screenshot())).convert("L"), dtype=float)
    page.uncheck("#m-ties")
    page.wait_for_selector("#map[data-ties-shown='0']", state="attached")
    page.wait_for_timeout(300)
    without = np.asarray(Image.open(BytesIO(page.locator("#map").screenshot())).convert("L"), dtype=float)
    page.check("#m-ties")
    darker = (without - with_ties) > 25  # a tie on the page's background
    assert darker.mean() > 0.01, darker.mean()
    node_ink = without < 200  # nodes and labels, drawn above the ties
    assert (np.abs(with_ties - without)[node_ink] > 25).mean() < 0.2
    page.select_option("#m-view", "communities")
    page.wait_for_timeout(300)
    assert int(page.evaluate("document.querySelectorAll('#map-legend li').length")) >= 2


def test_community_map_works_without_the_canvas(visitor):
    """Keyboard: the buttons (and keys on them) zoom and move the map; the table lists every
    account drawn, best first, with links to the profiles, a page at a time, by community."""
    page = visitor.open(f"{W}/communities")
    before = page.evaluate("window.einfluence.mapState().camera")
    page.focus("button[data-map=in]")
    page.keyboard.press("Enter")
    page.wait_for_timeout(400)
    zoomed = page.evaluate("window.einfluence.mapState().camera")
    assert zoomed["ratio"] < before["ratio"]
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(400)
    assert page.evaluate("window.einfluence.mapState().camera")["x"] > zoomed["x"]
    page.keyboard.press("0")
    page.wait_for_timeout(400)
    assert page.evaluate("window.einfluence.mapState().camera")["ratio"] == pytest.approx(1.0)
    page.focus("#map-table-box summary")
    page.keyboard.press("Enter")
    page.wait_for_selector("#map-table tbody tr")
    drawn = int(page.get_attribute("#map", "data-drawn"))
    assert page.locator("#map-table tbody tr").count() == min(100, drawn)
    scores = page.eval_on_selector_all("#map-table tbody tr td:last-child", "cells => cells.map(c => c.textContent)")
    values = [float(v.replace(",", "")) for v in scores]
    assert values == sorted(values, reverse=True)
    href = page.get_attribute("#map-table tbody tr:first-child a", "href")
    assert href.startswith("/w/demo/accounts/") and "network=" in href
    page.click("#map-more")
    assert page.locator("#map-table tbody tr td:first-child").first.inner_text() == "101"
    page.select_option("#map-filter", "0")
    communities = page.eval_on_selector_all("#map-table tbody tr td:nth-child(4)", "cells => cells.map(c => c.textContent)")
    assert communities and set(communities) == {"0"}
    visitor.ready("4-communities-table")


def test_topics_and_a_brief(visitor):
    page = visitor.open(f"{W}/topics", "5-topics")
    page.select_option("#b-target", index=1)
    page.click("#brief-form button[type=submit]")
    visitor.ready("5-topics-brief")
    assert page.locator("#brief-h").inner_text().startswith("Brief for community 0")


def test_plan_a_campaign_beats_the_blanket_plan(visitor):
    page = visitor.open(f"{W}/campaigns")
    page.select_option("#p-target", "community:0")
    page.fill("#p-budget", "1500")
    page.fill("#p-sims", "200")
    page.click("#plan-form button[type=submit]")
    page.wait_for_url("**/campaigns?plan=*", timeout=600_000)
    visitor.ready("6-campaign-plan")
    reach = dict(page.eval_on_selector_all("#comparison tbody tr",
                                           "rows => rows.map(r => [r.dataset.plan, Number(r.dataset.reach)])"))
    assert reach["targeted"] > reach["blanket"]
    # at 1366x768 each plan's "how" keeps a readable width: a few lines, not a word per line
    lines = page.eval_on_selector_all("#comparison tbody tr > td:first-of-type", """cells => cells.map(c => {
        const range = document.createRange(); range.selectNodeContents(c);
        return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size; })""")
    assert lines and max(lines) <= 3, lines
    plan = page.url.rsplit("=", 1)[1]
    csv = page.evaluate(f"async () => (await fetch('/w/demo/plans/{plan}.csv')).text()")
    assert csv.startswith("influencers,")


def test_brand_funnel(visitor):
    page = visitor.open(f"{W}/brands", "7-brands")
    assert page.locator("#funnel .sankey").count() == 1
    stages = page.eval_on_selector_all("#funnel-table tbody th", "cells => cells.map(c => c.textContent)")
    assert stages[0] == "unaware" and "advocate" in stages


def test_import_errors_name_the_file_and_line(visitor, tmp_path):
    page = visitor.open(f"{W}/imports", "8-imports")
    bad = tmp_path / "edges.csv"
    bad.write_text("src,dst,kind,time\na,b,relay,2026-09-10T10:00:00\nc,d,relay,not a date\n", encoding="utf-8")
    page.select_option("#u-format", "generic")
    page.set_input_files("#u-files", str(bad))
    page.click("#upload-form button[type=submit]")
    error = page.locator("[data-job-error]")
    error.wait_for(state="visible", timeout=120_000)
    assert "edges.csv" in error.inner_text()


def test_switch_to_french_and_back(visitor):
    page = visitor.open(f"{W}/influencers")
    page.click("nav.lang a[hreflang=fr]")
    visitor.ready("9-influencers-fr")
    assert page.get_attribute("html", "lang") == "fr"
    assert page.locator("nav.pages a").first.inner_text() == "Vue d'ensemble"
    visitor.open(f"{W}/brands", "9-brands-fr")  # remembered
    assert page.get_attribute("html", "lang") == "fr"
    page.click("nav.lang a[hreflang=en]")
    visitor.ready()
    assert page.get_attribute("html", "lang") == "en"
    assert page.locator("nav.pages a").first.inner_text() == "Overview"


PAGES = ["/", "/influencers", "/accounts/229?network=microblog", "/communities", "/topics?target=community:1",
         "/campaigns", "/brands", "/imports"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_page_is_clean_and_accessible(visitor, lang):
    """No console error, no failed request, no serious accessibility violation (axe-core); in
    French, no English word either (as :func:`test_french_pages_show_no_english` checks, which
    opens the pages left)."""
    visitor.problems.clear()
    english = {}
    for path in PAGES:
        sep = "&" if "?" in path else "?"
        name = path.strip("/").split("?")[0].replace("/", "-") or "overview"
        visitor.open(f"{W}{path}{sep}lang={lang}", f"0-{lang}-{name}")
        violations = visitor.axe()
        assert not violations, (path, violations)
        if lang == "fr" and (hits := visitor.english_words()):
            english[path] = hits
    assert not visitor.problems, visitor.problems
    assert not english, ("English on a French page", english)


def test_sign_out_and_in_again(browser, server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(server.login)
    page.wait_for_selector("html[data-ready='1']", state="attached")
    page.click("#sign-out")
    page.wait_for_selector("input#token")
    assert page.goto(server.base + W + "/").status == 401
    context.close()


def test_a_page_without_a_session_asks_to_sign_in(browser, server):
    context = browser.new_context()
    page = context.new_page()
    response = page.goto(server.base + W + "/influencers")
    assert response.status == 401
    assert page.locator("input#token").count() == 1
    context.close()


#: French pages beyond :data:`PAGES` (those are read in French by test_every_page_is_clean_and_accessible)
FRENCH_PAGES = ["/topics", "/influencers?topic=1&community=0", "/campaigns?plan=1"]


def test_french_pages_show_no_english(visitor, tmp_path):
    """Every label, the server's analysis words (targets, plans, kinds, roles, jobs) and the date
    fields' format are French on ?lang=fr; only elements marked in another language (the language
    switch) are left out of the scan (here the pages not in :data:`PAGES`, which
    test_every_page_is_clean_and_accessible reads in French). On the Imports page too, with a failed import (its file,
    line, field and reason) and a running job (its stage), as the page shows them and as its
    script follows them."""
    found = {}
    for path in FRENCH_PAGES:
        sep = "&" if "?" in path else "?"
        visitor.open(f"{W}{path}{sep}lang=fr")
        hits = visitor.english_words()
        if hits:
            found[path] = hits
    assert not found, found
    page = visitor.open(f"{W}/influencers?lang=fr")
    assert page.get_attribute("#f-since", "type") == "text" and page.get_attribute("#f-since", "placeholder") == \
        "AAAA-MM-JJ"

    # a failed import, followed by the upload form's script
    page = visitor.open(f"{W}/imports?lang=fr")
    bad = tmp_path / "interactions.csv"
    bad.write_text("network,src,dst,kind,time\nx,a,b,relay,2026-09-10T10:00:00\nx,c,d,relay,not a date\n",
                   encoding="utf-8")
    page.select_option("#u-format", "generic")
    page.set_input_files("#u-files", str(bad))
    page.click("#upload-form button[type=submit]")
    error = page.locator("[data-job-error]")
    error.wait_for(state="visible", timeout=120_000)
    said = "Fichier interactions.csv, ligne 3, champ time\u00a0: date non valide (ISO 8601 ou secondes Unix attendues)"
    assert said in error.inner_text()
    # a running job: scores over rolling windows, followed until it scores them
    job = page.evaluate("""async () => (await window.einfluence.call("POST", window.einfluence.api("/trends"),
                           {width: 24, step: 0.05})).data""")
    try:
        for _ in range(600):
            state = visitor.api(f"/api/v1/workspaces/demo/jobs/{job['job_id']}")["body"]
            if state["stage_key"] == "progress.score_windows" or state["state"] not in ("queued", "running"):
                break
            page.wait_for_timeout(200)
        assert state["state"] == "running" and state["stage"] == "scoring the windows", state
        page = visitor.open(f"{W}/imports?lang=fr", "8-imports-fr-running")
        hits = visitor.english_words()
        assert not hits, hits
        running = page.locator(f"#jobs tr[data-job='{job['job_id']}']").inner_text()
        assert "en cours" in running and "calcul du score de chaque fenêtre" in running, running
        assert said in page.locator("#jobs tbody").inner_text()  # the failed import, as the page says it
    finally:
        visitor.api_post(f"/api/v1/workspaces/demo/jobs/{job['job_id']}/cancel")
        for _ in range(600):
            if visitor.api(f"/api/v1/workspaces/demo/jobs/{job['job_id']}")["body"]["state"] != "running":
                break
            page.wait_for_timeout(200)


#: failed imports of one format each, and what the Imports page says of them in French
FORMAT_ERRORS = [
    ("twitter-v2", "tweets.jsonl", '{"id": "1", "text": "hi", "author_id": "7", "created_at": 5}\n',
     "Fichier tweets.jsonl, ligne 1, champ created_at\u00a0: tweet\u00a0: chaîne ISO 8601 attendue, 5 trouvé"),
    ("feeds", "blog.xml", "<html><body>nothing here</body></html>", "Fichier blog.xml\u00a0: pas un flux RSS ou Atom"),
]


def test_french_funnel_evidence_and_format_import_errors(visitor, tmp_path):
    """The funnel's evidence (why an account reached a stage, on the Brands and Profile pages)
    and the errors of one importer (a Twitter export, a feed) are French on ?lang=fr, said from
    the keys the work wrote, as the pages show them and as the upload form's script follows them;
    the scan fails on any English reason left."""
    page = visitor.open(f"{W}/brands?lang=fr")
    page.click("details:has(ul) > summary")  # the evidence is folded: open it, as a reader would
    evidence = page.locator("details ul li").all_inner_texts()
    assert any("mentions originales spontanées" in e for e in evidence), evidence
    visitor.screenshot("9-brands-fr-evidence")
    hits = visitor.english_words()
    assert not hits, hits

    funnel = visitor.api("/api/v1/workspaces/demo/advocates?limit=5")["body"]["data"]
    event = next(e for b in funnel["brands"] for e in b["events"])
    assert event["reason_key"].startswith("funnel.evidence."), event
    who = next(a for b in funnel["brands"] for a in b["advocates"] + b["detractors"])  # has evidence
    page = visitor.open(f"{W}/accounts/{who['account']}?network={who['network']}&lang=fr", "9-profile-fr-evidence")
    cells = page.locator("#funnel-h ~ table tbody td").all_inner_texts()
    assert any("sentiment moyen" in c for c in cells), cells
    hits = visitor.english_words()
    assert not hits, hits

    for fmt, name, content, said in FORMAT_ERRORS:
        page = visitor.open(f"{W}/imports?lang=fr")
        bad = tmp_path / name
        bad.write_text(content, encoding="utf-8")
        page.select_option("#u-format", fmt)
        page.set_input_files("#u-files", str(bad))
        page.click("#upload-form button[type=submit]")
        error = page.locator("[data-job-error]")
        error.wait_for(state="visible", timeout=120_000)
        assert said in error.inner_text(), error.inner_text()  # as the form's script says it
        hits = visitor.english_words()
        assert not hits, (fmt, hits)
    page = visitor.open(f"{W}/imports?lang=fr", "8-imports-fr-format-errors")
    jobs = page.locator("#jobs tbody").inner_text()
    for _, _, _, said in FORMAT_ERRORS:
        assert said in jobs, jobs  # as the page says them
    hits = visitor.english_words()
    assert not hits, hits
