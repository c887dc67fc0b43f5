"""Reports: every kind from the demo world, as HTML that opens offline without error and as a PDF
whose pages and text hold the API's numbers; hostile text shown, never run; bad input refused."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser

import numpy as np
import pytest

from einfluence import Workspace
from einfluence.exceptions import EinfluenceError
from einfluence.i18n import number
from einfluence.reports import KINDS, build_report, to_html, write_report
from tests.conftest import run_in_process

needs_chromium = pytest.mark.skipif(
    not (shutil.which("chromium") or shutil.which("chromium-browser")), reason="no Chromium on this machine")
needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) not installed")

HOSTILE = 'Evil<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A demo world with everything the reports read: scores, topics, communities, mentions, a
    plan, and a hostile brand name."""
    path = tmp_path_factory.mktemp("reports") / "demo.duckdb"
    Workspace.create_demo(path, n_accounts=400, n_days=10, seed=5)
    with Workspace(path) as ws:
        ws.score()
        ws.topics()
        ws.communities()
        ws.add_brand(HOSTILE, aliases=["evilcorp"], competitor=True)
        ws.detect_mentions()
        ws.plan(budget=600, message="bike ebike velo electrique", n_simulations=300)
    return path


@pytest.fixture(scope="module")
def reports(demo):
    """One report of each kind (English), and the workspace's own numbers to check them against."""
    with Workspace(demo) as ws:
        built = {
            "influencers": build_report(ws, "influencers", top=8, n_simulations=300),
            "profile": build_report(ws, "profile", account_name=ws.rank(limit=1).to_pylist()[0]["account"],
                                    n_simulations=300),
            "campaign": build_report(ws, "campaign"),
            "brand": build_report(ws, "brand"),
            "communities": build_report(ws, "communities"),
        }
        api = {"rank": ws.rank(limit=8).to_pylist(), "plan": ws.plan_info(kind="plan"),
               "community": ws.community_report(), "perception": ws.brand_perception()}
    return built, api


@pytest.fixture(scope="module")
def browser():
    """One Chromium for the file's pages and PDFs (each start costs a second or two of CPU)."""
    from einfluence.figures.browser import Browser

    with Browser() as chromium:
        yield chromium


class _Resources(HTMLParser):
    """Every URL a page would fetch: src, href, and url(...) in style attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.scripts_with_src = 0

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href", "data", "poster", "srcset", "action") and value:
                self.urls.append(value)
            if name == "style" and value and "url(" in value:
                self.urls.append(value)
        if tag == "script" and dict(attrs).get("src"):
            self.scripts_with_src += 1


def test_every_kind_is_built(reports):
    built, _ = reports
    assert set(built) == set(KINDS)
    for kind, report in built.items():
        assert report.kind == kind and report.sections and report.runs, kind
        assert report.figures(), f"{kind} has no figure"
        for figure in report.figures():
            assert figure.parameters and figure.caption


def test_the_numbers_are_the_apis(reports):
    built, api = reports
    shortlist = built["influencers"].data["influencers"]
    assert [r["account"] for r in shortlist] == [r["account"] for r in api["rank"]]
    np.testing.assert_allclose([r["score"] for r in shortlist], [r["score"] for r in api["rank"]])
    html = to_html(built["influencers"])
    for r in api["rank"][:3]:
        assert f"{r['score']:.1f}" in html
    # the campaign's comparison is the stored plan's
    assert built["campaign"].data["comparison"] == api["plan"]["result"]["comparison"]
    campaign_html = to_html(built["campaign"])
    targeted = next(r for r in api["plan"]["result"]["comparison"] if r["plan"] == "targeted")
    assert f"{targeted['reach']:,.1f}" in campaign_html
    # communities: sizes and modularity
    assert built["communities"].data["modularity"] == pytest.approx(api["community"]["run"]["modularity"])
    sizes = [c["size"] for c in built["communities"].data["communities"]]
    assert sizes == [c["size"] for c in api["community"]["communities"]][: len(sizes)]
    # brand: the declared brand's mentions
    brand = built["brand"].data["brand"]
    ours = next(b for b in built["brand"].data["brands"] if b["brand"] == brand)
    theirs = next(b for b in api["perception"]["brands"] if b["brand"] == brand)
    assert ours["mentions"] == theirs["mentions"] and ours["mean_sentiment"] == pytest.approx(theirs["mean_sentiment"])


def test_embedded_data_reads_back(reports):
    built, _ = reports
    html = to_html(built["influencers"])
    found = re.search(r'<script type="application/json" id="einfluence-data">(.*?)</script>', html, re.S)
    data = json.loads(found.group(1))
    assert [r["account"] for r in data["influencers"]] == [r["account"] for r in built["influencers"].data["influencers"]]


@needs_chromium
def test_a_page_that_fetches_from_elsewhere_is_refused(browser, tmp_path):
    from einfluence.figures.browser import RenderError

    page = tmp_path / "leaky.html"
    page.write_text('<html><body><img src="https://example.invalid/pixel.png">'
                    '<script>document.documentElement.dataset.ready = "1"</script></body></html>')
    with pytest.raises(RenderError, match="example.invalid"):
        browser.open(page)


def test_html_references_nothing_outside_itself(reports):
    built, _ = reports
    for kind, report in built.items():
        html = to_html(report)
        parser = _Resources()
        parser.feed(html)
        assert parser.scripts_with_src == 0, kind
        assert not [u for u in parser.urls if not u.startswith(("#", "data:"))], kind
        assert "<link" not in html, kind


def test_hostile_text_is_escaped(reports):
    built, _ = reports
    html = to_html(built["brand"])
    assert "evil" in html.lower()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html or "\\u003cscript" in html


def test_accounts_without_handles_are_named_by_their_names_escaped():
    """Pages named, without handles (as on Facebook): the report names them, its embedded data
    keeps the id beside the name; a hostile name is shown as text, its right-to-left override
    as an escape (it would reverse the rest of a caption or a list)."""
    from einfluence.io import Records

    names = [HOSTILE + " page\u202eeman", "U.S. Army", "=HYPERLINK(1)"]
    ids = ["p0", "p1", "p2"]
    fans = [f"f{j}" for j in range(8)]
    with Workspace(":memory:") as ws:
        ws.add_records(Records.from_columns(
            accounts={"network": "pages", "id": ids, "name": names},
            interactions={"network": "pages", "src": [f for _ in ids for f in fans],
                          "dst": [t for t in ids for _ in fans], "kind": "relay"}))
        page = to_html(build_report(ws, "influencers", top=3, n_simulations=50))
    cells = re.findall(r"<td>(.*?)</td>", page)
    assert "U.S. Army" in cells and "=HYPERLINK(1)" in cells and "p1" not in cells
    hostile = next(c for c in cells if c.startswith("Evil"))
    assert html.unescape(hostile.replace("<wbr>", "")) == HOSTILE + " page\\u202eeman"
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "Why this score: U.S. Army" in page
    data = re.search(r'<script type="application/json" id="einfluence-data">(.*?)</script>', page, re.S)
    shown = {r["account"]: (r["handle"], r["name"]) for r in json.loads(data.group(1))["influencers"]}
    assert shown == {i: (None, n) for i, n in zip(ids, names, strict=True)}


@needs_chromium
def test_pages_open_offline_without_error_and_draw_every_figure(reports, browser, tmp_path):
    built, _ = reports
    for kind, report in built.items():
        path = write_report(report, tmp_path / f"{kind}.html")
        # raises on a console error, a figure that fails, or any attempt to fetch from elsewhere
        page = browser.open(path)
        try:
            drawn = page.evaluate("document.querySelectorAll('.figure .main-svg').length")
            figures = page.evaluate("document.querySelectorAll('.figure').length")
        finally:
            page.close()
        assert figures == len(report.figures()) and drawn >= figures, kind


@needs_chromium
@needs_poppler
def test_pdfs_have_a_title_page_numbered_pages_and_the_numbers(reports, browser, tmp_path):
    from PIL import Image

    built, api = reports
    for kind, report in built.items():
        pdf = write_report(report, tmp_path / f"{kind}.pdf", browser=browser)
        assert pdf.read_bytes().startswith(b"%PDF"), kind
        pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
            ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout).group(1))
        assert pages >= 2, kind
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        # the title page: the title, the version, the runs; a page number on every page
        first = text.split("\f")[0]
        assert report.title in first and report.version in first, kind
        assert re.search(rf"\b1\s*/\s*{pages}\b", first) and re.search(rf"\b{pages}\s*/\s*{pages}\b", text), kind
        if kind == "influencers":
            for r in api["rank"][:3]:
                assert (r["handle"] or r["account"]) in text
                assert f"{r['score']:.1f}" in text
        # a page of figures is not blank
        subprocess.run(["pdftoppm", "-r", "40", "-f", "2", "-l", "2", "-png", str(pdf), str(tmp_path / kind)],
                       check=True)
        picture = next(tmp_path.glob(f"{kind}-*2.png"))
        pixels = np.asarray(Image.open(picture).convert("L"), dtype=float)
        assert pixels.std() > 10, kind


def test_french_reports(demo):
    with Workspace(demo) as ws:
        report = build_report(ws, "brand", lang="fr")
    html = to_html(report)
    assert '<html lang="fr"' in html
    assert "Perception de la marque" in html and "part de voix" in html
    headers = {h.strip() for h in re.findall(r"<th[^>]*>([^<]*)</th>", html)}
    assert "marque" in headers and "brand" not in headers, headers  # the brands' table spoke English
    assert "exposition à la marque (réaction)" in html and "(reaction)" not in html  # the rule's exposure too


#: the English of the plans' descriptions ("how" each plan was built) and of the plan's inputs
PLAN_ENGLISH = ("chosen", "budgeted", "largest", "highest", "within", "every", "account", "accounts", "model",
                "probabilities", "sets", "seed", "per")


@needs_chromium
@needs_poppler
def test_french_campaign_report_describes_its_plans_in_french(demo, browser, tmp_path):
    """The PDF of a French campaign report says how each plan was built, what it targets and how
    it was computed in French (the English report keeps the workspace's own words)."""
    with Workspace(demo) as ws:
        english, french = (build_report(ws, "campaign", lang=lang) for lang in ("en", "fr"))
    texts = {}
    for name, report in (("en", english), ("fr", french)):
        pdf = write_report(report, tmp_path / f"campaign-{name}.pdf", browser=browser)
        texts[name] = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                              check=True).stdout.split())
    described = [r["description"] for r in english.data["comparison"]]
    assert any("chosen by budgeted IMM" in d for d in described)
    words = set(re.findall(r"[A-Za-zÀ-ÿ]+", texts["fr"]))
    assert not [w for w in PLAN_ENGLISH if w in words], sorted(w for w in PLAN_ENGLISH if w in words)
    assert "choisis par IMM sous budget" in texts["fr"] and "simulations par plan" in texts["fr"]
    assert "chosen by budgeted IMM" in texts["en"] and "simulations per plan" in texts["en"]


def _pdf_words(pdf) -> tuple[float, list[tuple[str, float, float]]]:
    """The page width and every word of a PDF with its left and right edge (points)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    width = float(re.search(r'<page width="([\d.]+)"', out).group(1))
    words = [(html.unescape(w), float(x0), float(x1)) for x0, x1, w in
             re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', out)]
    return width, words


@needs_chromium
@needs_poppler
def test_french_campaign_pdf_keeps_words_whole_and_a_hostile_token_on_the_page(demo, browser, tmp_path):
    """The comparison table's words stay whole in a French PDF (its cells broke anywhere:
    "einflu" / "ence", "blogu" / "eurs"), its name–value lines put a no-break space before the
    colon, and a 300-character token without spaces in a table cell stays within the page."""
    from einfluence.reports.document import Table

    with Workspace(demo) as ws:
        report = build_report(ws, "campaign", lang="fr")
    hostile = "@" + "x" * 299
    report.sections[0].blocks.append(Table(["compte", "score"], [[hostile, "1"]], numeric={1}))
    pdf = write_report(report, tmp_path / "campaign-fr.pdf", browser=browser)
    width, words = _pdf_words(pdf)
    texts = [w for w, _, _ in words]
    for whole in ("einfluence", "blogueurs"):  # the table's first column ("plan einfluence", "tous les blogueurs")
        assert whole in texts, whole
        pieces = [w for w in texts  # no piece of them ("blog" is a word; the charts' slanted labels come
                  if w != whole and len(w) >= 5 and (whole.startswith(w) or whole.endswith(w))]  # out in bits)
        assert not pieces, (whole, pieces)
    assert "".join(w for w in texts if set(w) <= set("@x")) == hostile  # all of it, in pieces
    beyond = [(w, x1) for w, _, x1 in words if x1 > width]
    assert not beyond, (width, beyond[:3])
    plain = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "cible :" in plain and "message :" in plain and "cible:" not in plain  # pdftotext: a space
    assert "cible\u00a0: " in to_html(report) and "message\u00a0: " in to_html(report)  # a no-break one


def test_bad_requests_are_refused(demo):
    with Workspace(demo) as ws:
        with pytest.raises(EinfluenceError, match="kind"):
            build_report(ws, "weather")
        with pytest.raises(EinfluenceError, match="brand"):
            build_report(ws, "brand", brand="NoSuchBrand")
        with pytest.raises(EinfluenceError, match="lang"):
            build_report(ws, "communities", lang="de")


def test_cli_contract(demo, tmp_path):
    out = tmp_path / "influencers.html"
    done = run_in_process("report", "influencers", "--db", str(demo), "--out", str(out), "--top", "5", "--simulations", "200")
    assert done.returncode == 0, done.stderr
    html = out.read_text(encoding="utf-8")
    parser = _Resources()
    parser.feed(html)
    assert not [u for u in parser.urls if re.match(r"https?://", u)]
    # bad input: one line naming the option, exit 1, no file left behind
    for args, option in ((["campaign", "--out", str(tmp_path / "c.docx")], "--out"),
                         (["campaign", "--out", str(tmp_path / "c.html"), "--top", "3"], "--top"),
                         (["profile", "--out", str(tmp_path / "p.html")], "--account"),
                         (["brand", "--brand", "Nope", "--out", str(tmp_path / "b.html")], "brand")):
        done = run_in_process("report", *args, "--db", str(demo))
        assert done.returncode == 1, (args, done.stderr)
        assert len(done.stderr.strip().splitlines()) == 1 and option in done.stderr, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["influencers.html"]


def test_cli_plot_files(demo, tmp_path):
    done = run_in_process("rank", "--db", str(demo), "--limit", "5", "--plot", str(tmp_path / "rank.html"))
    assert done.returncode == 0, done.stderr
    assert "newPlot" in (tmp_path / "rank.html").read_text(encoding="utf-8")
    done = run_in_process("rank", "--db", str(demo), "--plot", str(tmp_path / "rank.gif"))
    assert done.returncode == 1 and "--plot" in done.stderr
    assert not (tmp_path / "rank.gif").exists()


@needs_chromium
def test_png_and_svg_figures_are_not_blank(demo, tmp_path):
    from PIL import Image

    done = run_in_process("perception", "--db", str(demo), "--plot", str(tmp_path / "perception.png"))
    assert done.returncode == 0, done.stderr
    pixels = np.asarray(Image.open(tmp_path / "perception.png").convert("L"), dtype=float)
    assert pixels.shape[1] >= 1100 and pixels.std() > 10
    done = run_in_process("advocates", "--db", str(demo), "--plot", str(tmp_path / "funnel.svg"))
    assert done.returncode == 0, done.stderr
    svg = (tmp_path / "funnel.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "sankey" in svg


@pytest.mark.slow
def test_reports_on_a_real_network(tmp_path):
    from tests.conftest import shared_path

    folder = shared_path("im-benchmarks", "email-eu-core")
    path = tmp_path / "email.duckdb"
    with Workspace(path, create=True) as ws:
        ws.import_files("edgelist", [folder / "email-Eu-core.txt"])
        report = build_report(ws, "communities")
        shortlist = build_report(ws, "influencers", top=5, n_simulations=200)
    assert report.data["n_communities"] >= 5 and report.data["modularity"] > 0.3
    assert len(shortlist.data["influencers"]) == 5
    html = to_html(report)
    assert "Communities" in html and str(report.data["n_assigned"]) in html.replace(",", "")


@pytest.mark.slow
def test_brand_report_on_a_real_corpus(tmp_path):
    """The airline corpus as a listening tool exports it: United's report counts United's
    mentions as the API does, names the real data span, and its quotes are the tweets'."""
    from datetime import datetime

    from tests.conftest import shared_path

    path = shared_path("airline-sentiment", "Tweets.csv.gz")
    with Workspace(tmp_path / "air.duckdb", create=True) as ws:
        ws.import_files("posts-table", [path], network="airline",
                        mapping="id=tweet_id,author=name,time=tweet_created,text=text")
        ws.add_brand("United", handles=["united"])
        ws.add_brand("Delta", handles=["Delta"], competitor=True)
        ws.detect_mentions()
        report = build_report(ws, "brand", brand="United", lang="fr")
        api = {b["brand"]: b for b in ws.brand_perception()["brands"]}
    ours = {b["brand"]: b for b in report.data["brands"]}
    assert ours["United"]["mentions"] == api["United"]["mentions"] > 3_000
    assert ours["Delta"]["mentions"] == api["Delta"]["mentions"]
    # an open window is shown as the corpus's own span (tweets of 17-24 February 2015, UTC)
    first, last = report.data_span
    assert first.date() == datetime(2015, 2, 17).date() and last.date() == datetime(2015, 2, 24).date()
    html = to_html(report)
    assert "17/02/2015" in html and "24/02/2015" in html
    assert number(api["United"]["mentions"], "fr") in html  # 3 881, as a French reader writes it
