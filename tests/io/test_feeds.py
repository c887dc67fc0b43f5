"""The RSS 2.0 / Atom reader: exact records, links to known blogs, idempotence and errors."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from einfluence.exceptions import InputError
from einfluence.io._reading import ReaderContext
from einfluence.io.feeds import html_to_text, normalise_blog_url, read_feeds
from tests.conftest import shared_path, table_counts

DATA = Path(__file__).parent / "data" / "feeds"
KNOWN = {"dailykos.com", "12thharmonic.com/wordpress", "12thharmonic.com"}

BLOGS_GML = """graph [
  directed 1
  node [ id 1 label "dailykos.com" value 0 ]
  node [ id 2 label "12thharmonic.com/wordpress" value 0 ]
  edge [ source 2 target 1 ]
]
"""


def test_normalise_blog_url() -> None:
    assert normalise_blog_url("https://www.PolicyWonk.example.com/") == "policywonk.example.com"
    assert normalise_blog_url("http://12thharmonic.com/wordpress/") == "12thharmonic.com/wordpress"
    assert normalise_blog_url("dailykos.com") == "dailykos.com"
    assert normalise_blog_url("mailto:someone@example.com") is None
    assert normalise_blog_url("/relative/path") is None
    assert normalise_blog_url("guid-123") is None


def test_html_to_text() -> None:
    assert (
        html_to_text("<p>Été <i>chaud</i></p><script>x()</script><p>fin&nbsp;!</p>")
        == "Été chaud\nfin !"
    )


def test_exact_records() -> None:
    rec = read_feeds([DATA], context=ReaderContext(known_accounts=lambda network: set(KNOWN)))
    accounts = {a["id"]: a for a in rec.accounts.to_pylist()}
    assert set(accounts) == {"carnet.example.fr/blog", "policywonk.example.com"}
    carnet = accounts["carnet.example.fr/blog"]
    assert (carnet["name"], carnet["language"], carnet["handle"], carnet["kind"]) == (
        "Le Carnet Politique",
        "fr",
        "carnet.example.fr",
        "blog",
    )
    wonk = accounts["policywonk.example.com"]
    assert (wonk["name"], wonk["language"], wonk["url"]) == (
        "The Policy Wonk",
        "en-us",
        "https://www.PolicyWonk.example.com/",
    )
    posts = {p["id"]: p for p in rec.posts.to_pylist()}
    assert set(posts) == {
        "tag:carnet.example.fr,2004:ohio",
        "tag:carnet.example.fr,2004:resultats",
        "policywonk-2004-11-02-ohio",
        "https://www.policywonk.example.com/notes/undated",
    }
    ohio = posts["tag:carnet.example.fr,2004:ohio"]
    assert ohio["time"] == datetime(2004, 11, 1, 17, 30)  # published 18:30+01:00
    assert ohio["kind"] == "blog_post" and ohio["author"] == "carnet.example.fr/blog"
    assert (
        ohio["text"]
        == "Selon The Policy Wonk, le vote anticipé est élevé. Voir aussi nos sondages."
    )
    assert ohio["url"] == "https://carnet.example.fr/blog/2004/11/01/ohio"
    assert posts["tag:carnet.example.fr,2004:resultats"]["time"] == datetime(2004, 11, 3, 7, 45)
    wonk_post = posts["policywonk-2004-11-02-ohio"]
    assert wonk_post["time"] == datetime(2004, 11, 3, 3, 45)  # 22:45 -0500
    assert wonk_post["language"] == "en-us"
    assert wonk_post["text"].startswith("Turnout in Ohio is huge. Daily Kos has county numbers")
    assert posts["https://www.policywonk.example.com/notes/undated"]["time"] is None
    links = sorted(
        (i["src"], i["dst"], i["post"], i["weight"], i["time"])
        for i in rec.interactions.to_pylist()
    )
    assert links == [
        (
            "carnet.example.fr/blog",
            "12thharmonic.com/wordpress",  # longest known prefix, not 12thharmonic.com
            "tag:carnet.example.fr,2004:resultats",
            1.0,
            datetime(2004, 11, 3, 7, 45),
        ),
        (
            "carnet.example.fr/blog",
            "policywonk.example.com",
            "tag:carnet.example.fr,2004:ohio",
            1.0,
            datetime(2004, 11, 1, 17, 30),
        ),
        (
            "policywonk.example.com",
            "12thharmonic.com/wordpress",
            "https://www.policywonk.example.com/notes/undated",
            1.0,
            None,
        ),
        # two links to Daily Kos in one entry: one interaction of weight 2; the Times is not a
        # known blog; the relative link and the carnet's link to itself are self-links
        (
            "policywonk.example.com",
            "carnet.example.fr/blog",
            "policywonk-2004-11-02-ohio",
            1.0,
            datetime(2004, 11, 3, 3, 45),
        ),
        (
            "policywonk.example.com",
            "dailykos.com",
            "policywonk-2004-11-02-ohio",
            2.0,
            datetime(2004, 11, 3, 3, 45),
        ),
    ]
    assert set(rec.interactions.column("kind").to_pylist()) == {"hyperlink"}
    assert rec.rows_read == 4
    assert any("1 entry without date" in n for n in rec.notes)


def test_without_known_blogs_only_feed_to_feed_links() -> None:
    rec = read_feeds([DATA / "policywonk.rss", DATA / "carnet.atom"])
    pairs = sorted((i["src"], i["dst"]) for i in rec.interactions.to_pylist())
    assert pairs == [
        ("carnet.example.fr/blog", "policywonk.example.com"),
        ("policywonk.example.com", "carnet.example.fr/blog"),
    ]


def test_store_links_to_stored_blogs_and_idempotence(workspace, tmp_path: Path) -> None:
    gml = tmp_path / "blogs.gml"
    gml.write_text(BLOGS_GML, encoding="utf-8")
    workspace.import_files("gml", [gml])
    first = workspace.import_files("feeds", [DATA])
    assert first.counts.accounts_added == 2
    assert first.counts.posts_added == 4
    assert first.counts.interactions_added == 5
    linked = workspace.con.execute(
        "SELECT d.source_id, d.kind, count(*) FROM interactions i "
        "JOIN accounts d ON d.account_id = i.dst_id WHERE i.import_id = ? GROUP BY ALL ORDER BY 1",
        [first.import_id],
    ).fetchall()
    assert linked == [
        ("12thharmonic.com/wordpress", "blog", 2),
        ("carnet.example.fr/blog", "blog", 1),
        ("dailykos.com", "blog", 1),
        ("policywonk.example.com", "blog", 1),
    ]
    before = table_counts(workspace)
    assert workspace.import_files("feeds", [DATA]).skipped
    assert table_counts(workspace) == before
    copy = tmp_path / "copy"
    copy.mkdir()
    shutil.copy(DATA / "policywonk.rss", copy / "wonk-renamed.xml")
    shutil.copy(DATA / "carnet.atom", copy / "carnet-renamed.atom")
    again = workspace.import_files("feeds", [copy])
    assert not again.skipped
    assert (
        again.counts.accounts_added,
        again.counts.posts_added,
        again.counts.interactions_added,
    ) == (0, 0, 0)


def test_links_to_real_polblogs(workspace) -> None:
    workspace.import_files("gml", [shared_path("polblogs", "polblogs.gml")])
    result = workspace.import_files("feeds", [DATA / "policywonk.rss"])
    dsts = workspace.con.execute(
        "SELECT DISTINCT d.source_id FROM interactions i JOIN accounts d ON d.account_id = i.dst_id "
        "WHERE i.import_id = ? ORDER BY 1",
        [result.import_id],
    ).fetchall()
    assert dsts == [("12thharmonic.com/wordpress",), ("dailykos.com",)]


RSS_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>Broken</title>
    <link>http://broken.example.com/</link>
"""

BAD_INPUTS = {
    # name: (text, line, field)
    "malformed": (RSS_HEAD + "    <item><title>a</titel></item>\n  </channel>\n</rss>\n", 6, None),
    "truncated": (RSS_HEAD + "    <item>\n      <title>cut here", 7, None),
    "missing_field": (
        RSS_HEAD + "    <item><title>ok</title><link>http://broken.example.com/1</link></item>\n"
        "    <item>\n      <title>no id, no link</title>\n    </item>\n  </channel>\n</rss>\n",
        7,
        "link",
    ),
    "bad_timestamp": (
        RSS_HEAD + "    <item>\n      <guid>x1</guid>\n      <pubDate>yesterday at noon</pubDate>\n"
        "    </item>\n  </channel>\n</rss>\n",
        8,
        "published",
    ),
    "no_site_link": (
        '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>t</title>'
        "<item><guid>g</guid></item></channel></rss>\n",
        None,
        "link",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_names_file_line_field(workspace, tmp_path: Path, case: str) -> None:
    workspace.import_files("feeds", [DATA / "carnet.atom"])
    before = table_counts(workspace)
    text, line, field = BAD_INPUTS[case]
    path = tmp_path / f"{case}.rss"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        workspace.import_files("feeds", [DATA / "policywonk.rss", path])
    err = info.value
    assert err.path == str(path)
    assert err.line == line
    assert err.field == field
    assert str(path) in str(err)
    assert table_counts(workspace) == before


def test_not_a_feed_non_utf8_and_missing_file(workspace, tmp_path: Path) -> None:
    before = table_counts(workspace)
    page = tmp_path / "page.xml"
    page.write_text("<html><head></head><body><p>hello</p></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="not an RSS or Atom feed") as info:
        workspace.import_files("feeds", [page])
    assert info.value.path == str(page)
    as_json = tmp_path / "data.rss"
    as_json.write_text('{"items": [1, 2]}\n', encoding="utf-8")
    with pytest.raises(InputError, match="not an RSS or Atom feed") as info:
        workspace.import_files("feeds", [as_json])
    assert info.value.path == str(as_json)
    latin = tmp_path / "latin.rss"
    latin.write_bytes(
        (RSS_HEAD + "    <item><guid>é</guid></item>\n  </channel>\n</rss>\n").encode("latin-1")
    )
    with pytest.raises(InputError, match="UTF-8") as info:
        workspace.import_files("feeds", [latin])
    assert (info.value.path, info.value.line) == (str(latin), 6)
    with pytest.raises(InputError, match="no such file"):
        workspace.import_files("feeds", [tmp_path / "absent.rss"])
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="no feed file"):
        workspace.import_files("feeds", [empty])
    assert table_counts(workspace) == before


def test_declared_latin1_is_read_and_undefined_entity_tolerated(tmp_path: Path) -> None:
    latin = tmp_path / "latin.rss"
    text = RSS_HEAD.replace("UTF-8", "ISO-8859-1") + (
        "    <item><guid>é</guid><description>Caf&nbsp;é</description></item>\n  </channel>\n</rss>\n"
    )
    latin.write_bytes(text.encode("latin-1"))
    rec = read_feeds([latin])
    assert rec.posts.column("id").to_pylist() == ["é"]
    assert any("undefined entity" in n for n in rec.notes)
