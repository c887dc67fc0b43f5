"""The posts-table reader: exports of listening tools mapped by --map, mentions and relays from texts."""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections import Counter
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from einfluence.cli import app
from einfluence.exceptions import InputError
from einfluence.io.posts_table import parse_mapping, read_posts_table
from tests.conftest import shared_path, table_counts

HEADER = ["tweet_id", "user_name", "created", "body", "label", "brand"]
ROWS = [
    ["1", "Ann", "2015-02-24 11:35:52 -0800", "Loving @VelMo today, mail me at ann@example.com", "pos", "velmo"],
    ["2", "@bob", "2015-02-24T20:00:00Z", "RT @ann: Loving @VelMo today, mail me at ann@example.com", "pos", ""],
    ["3", "carl", "1424808000", "@velmo @VELMO why?\nsecond line @ann", "neg", "velmo"],
    ["1", "ann", "2015-02-24 11:35:52 -0800", "a repeated id", "neg", "velmo"],
    ["4", "dan", "Tue Feb 24 21:00:00 +0000 2015", "RT @ann: Loving @VelMo tod…", "", ""],
    ["5", "ann", "2015-02-24 22:00:00", "me, @Ann, myself", "neu", ""],
]
MAP = "id=tweet_id,author=user_name,time=created,text=body"


def _csv(path: Path, rows=ROWS, header=HEADER, delimiter=",") -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    data = buffer.getvalue().encode()
    path.write_bytes(gzip.compress(data) if path.suffix == ".gz" else data)
    return path


def _dicts(rows=ROWS, header=HEADER) -> list[dict]:
    return [{k: (v if v != "" else None) for k, v in zip(header, row, strict=True)} for row in rows]


def test_mapping_gives_posts_mentions_relays_and_attributes(tmp_path):
    rec = read_posts_table([_csv(tmp_path / "export.csv")], mapping=MAP, keep="label,collected_for=brand")
    posts = {p["id"]: p for p in rec.posts.to_pylist()}
    assert list(posts) == ["1", "2", "3", "4", "5"]  # id 1 repeated: its first row is kept
    assert posts["1"]["text"].startswith("Loving") and posts["1"]["author"] == "@ann"
    # times: offset, ISO Z, Unix seconds, Twitter's layout, no offset (UTC)
    assert [posts[i]["time"] for i in "12345"] == [
        datetime(2015, 2, 24, 19, 35, 52),
        datetime(2015, 2, 24, 20, 0),
        datetime(2015, 2, 24, 20, 0),
        datetime(2015, 2, 24, 21, 0),
        datetime(2015, 2, 24, 22, 0),
    ]
    assert posts["3"]["text"] == "@velmo @VELMO why?\nsecond line @ann"
    # RT @x: is a relay of x's post with that text (found whole, or cut by '…')
    assert [(posts[i]["kind"], posts[i]["parent"]) for i in "12345"] == [
        ("original", None), ("relay", "1"), ("original", None), ("relay", "1"), ("original", None),
    ]
    # kept columns become attributes; an empty value is left out
    assert json.loads(posts["1"]["attributes"]) == {"label": "pos", "collected_for": "velmo"}
    assert json.loads(posts["2"]["attributes"]) == {"label": "pos"}
    assert posts["4"]["attributes"] is None
    acts = [(r["src"], r["kind"], r["dst"], r["post"]) for r in rec.interactions.to_pylist()]
    assert acts == [
        ("@ann", "mention", "@velmo", "1"),  # ann@example.com is no mention
        ("@bob", "relay", "@ann", "2"),  # the relayed author is not also mentioned
        ("@bob", "mention", "@velmo", "2"),
        ("@carl", "mention", "@velmo", "3"),  # @velmo and @VELMO: one account, one mention
        ("@carl", "mention", "@ann", "3"),  # in the order of the text
        ("@dan", "relay", "@ann", "4"),
        ("@dan", "mention", "@velmo", "4"),
    ]  # '@Ann' in ann's own post is a self-mention: dropped
    handles = dict(zip(rec.accounts.column("id").to_pylist(), rec.accounts.column("handle").to_pylist(), strict=True))
    assert handles["@velmo"] == "VelMo" and handles["@bob"] == "bob" and handles["@ann"] == "ann"
    notes = "\n".join(rec.notes)
    assert "1 row(s) repeat the id of an earlier post" in notes and "export.csv line 6" in notes
    assert "2 of the 2 'RT @x:' relays linked" in notes
    assert "1 interaction(s) of an account with itself dropped" in notes
    assert rec.rows_read == 6


@pytest.mark.parametrize("suffix", [".tsv", ".jsonl", ".json", ".parquet", ".csv.gz"])
def test_every_table_layout_gives_the_same_records(tmp_path, suffix):
    expected = read_posts_table([_csv(tmp_path / "a.csv")], mapping=MAP, keep="label")
    path = tmp_path / f"export{suffix}"
    if suffix == ".tsv":
        _csv(path, delimiter="\t")
    elif suffix == ".csv.gz":
        _csv(path)
    elif suffix == ".jsonl":
        path.write_text("".join(json.dumps(d) + "\n" for d in _dicts()))
    elif suffix == ".json":
        path.write_text(json.dumps(_dicts()))
    else:
        pq.write_table(pa.Table.from_pylist(_dicts()), path)
    rec = read_posts_table([path], mapping=MAP, keep="label")
    assert rec.posts.equals(expected.posts)
    assert rec.interactions.equals(expected.interactions)


def test_author_ids_reply_columns_and_followers(tmp_path):
    header = ["id", "uid", "handle", "name", "fans", "text", "in_reply_to", "in_reply_to_user", "rt_of"]
    rows = [
        ["10", "u1", "ann", "Ann M.", "120", "hello @bob", "", "", ""],
        ["11", "u2", "bob", "Bob", "7", "@ann yes", "10", "", ""],
        ["12", "u3", "cat", "", "", "@zed what", "", "zed", ""],
        ["13", "u2", "bob", "Bob", "8", "shared", "", "", "10"],
    ]
    rec = read_posts_table(
        [_csv(tmp_path / "t.csv", rows, header)],
        mapping="id=id,author_id=uid,author=handle,author_name=name,followers=fans,text=text,"
        "reply_to=in_reply_to,reply_to_author=in_reply_to_user,relay_of=rt_of",
    )
    posts = {p["id"]: p for p in rec.posts.to_pylist()}
    assert [(posts[i]["kind"], posts[i]["parent"], posts[i]["author"]) for i in ("10", "11", "12", "13")] == [
        ("original", None, "u1"), ("reply", "10", "u2"), ("reply", None, "u3"), ("relay", "10", "u2"),
    ]
    acts = [(r["src"], r["kind"], r["dst"]) for r in rec.interactions.to_pylist()]
    # a mention of a handle the table gives an id for finds that id
    assert acts == [
        ("u1", "mention", "u2"),
        ("u2", "reply", "u1"),  # the author of the replied post
        ("u2", "mention", "u1"),
        ("u3", "reply", "@zed"),
        ("u3", "mention", "@zed"),
        ("u2", "relay", "u1"),
    ]
    accounts = rec.accounts.to_pylist()
    bob = [a for a in accounts if a["id"] == "u2"]
    assert bob[-1]["followers"] == 8 and bob[-1]["name"] == "Bob"  # the last row wins in the store
    assert [a["handle"] for a in accounts if a["id"] == "@zed"] == ["zed"]


def test_time_format_option(tmp_path):
    path = _csv(tmp_path / "t.csv", [["1", "a", "24/02/2015 11:35", "x"]], ["id", "a", "t", "x"])
    with pytest.raises(InputError, match="not a valid time") as info:
        read_posts_table([path], mapping="id=id,time=t")
    assert (info.value.line, info.value.field) == (2, "t")
    rec = read_posts_table([path], mapping="id=id,time=t", time_format="%d/%m/%Y %H:%M")
    assert rec.posts.column("time").to_pylist() == [datetime(2015, 2, 24, 11, 35)]


BAD_MAPPINGS = [
    ("author=user_name", "map the column of the post ids"),
    ("id=tweet_id,writer=user_name", "unknown target 'writer'"),
    ("id=tweet_id,id=user_name", "mapped twice"),
    ("id=tweet_id,auteur", "unknown target 'auteur'"),  # a bare NAME is NAME=NAME
    ("id=", "expected NAME=COLUMN"),
]


@pytest.mark.parametrize(("mapping", "message"), BAD_MAPPINGS)
def test_bad_mapping_is_refused(tmp_path, mapping, message):
    with pytest.raises(InputError, match=message) as info:
        read_posts_table([_csv(tmp_path / "e.csv")], mapping=mapping)
    assert info.value.parameter == "mapping"


BAD_VALUES = [
    # (rows, mapping, line, field, message); row 3's text spans two lines, so row 4 is on line 6
    ([["", "a", "2015-02-24T20:00:00Z", "x", "", ""]], MAP, 2, "tweet_id", "missing post id"),
    ([*ROWS[:3], ["9", "a", "yesterday", "x", "", ""]], MAP, 6, "created", "not a valid time"),
    ([["7", "a", "", "x", "", "12"], ["8", "b", "", "two\nlines", "", "3"], ["9", "c", "", "x", "", "-3"]],
     MAP + ",followers=brand", 5, "brand", "non-negative integer"),
    (ROWS, "id=tweet_id,author=user", 1, "user", "no such column"),
    (ROWS, MAP + ",language=lang", 1, "lang", "no such column"),
]


@pytest.mark.parametrize(("rows", "mapping", "line", "field", "message"), BAD_VALUES)
def test_bad_values_name_file_line_and_field(tmp_path, workspace, rows, mapping, line, field, message):
    workspace.import_files("posts-table", [_csv(tmp_path / "ok.csv")], mapping=MAP)
    before = table_counts(workspace)
    path = _csv(tmp_path / "bad.csv", rows)
    with pytest.raises(InputError, match=message) as info:
        workspace.import_files("posts-table", [path], mapping=mapping)
    err = info.value
    assert (err.path, err.line, err.field) == (str(path), line, field)
    assert table_counts(workspace) == before


def test_unknown_keep_column_and_file_type(tmp_path):
    with pytest.raises(InputError, match="no such column") as info:
        read_posts_table([_csv(tmp_path / "e.csv")], mapping=MAP, keep="sentiment")
    assert info.value.field == "sentiment" and info.value.line == 1
    (tmp_path / "e.xlsx").write_bytes(b"PK")
    with pytest.raises(InputError, match="unknown file type"):
        read_posts_table([tmp_path / "e.xlsx"], mapping=MAP)


def test_parse_mapping_accepts_repeated_options():
    assert parse_mapping(["id=tweet_id", "author=name, time=created"]) == {
        "id": "tweet_id", "author": "name", "time": "created"
    }


def test_cli_import_end_to_end_all_or_nothing_and_idempotent(tmp_path):
    runner = CliRunner()
    db = tmp_path / "w.duckdb"
    path = _csv(tmp_path / "export.csv")
    args = ["import", "posts-table", str(path), "--db", str(db), "--network", "brandwatch",
            "--map", MAP, "--keep", "label", "--json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    counts = json.loads(result.stdout)
    assert (counts["posts_added"], counts["interactions_added"]) == (5, 7)
    con = duckdb.connect(str(db), read_only=True)
    labels = con.execute(
        "SELECT source_id, attributes->>'label' FROM posts WHERE network = 'brandwatch' ORDER BY 1"
    ).fetchall()
    con.close()
    assert labels == [("1", "pos"), ("2", "pos"), ("3", "neg"), ("4", None), ("5", "neu")]
    again = runner.invoke(app, args)
    assert again.exit_code == 0 and json.loads(again.stdout)["skipped"]
    # same rows under another name: nothing added
    copy = _csv(tmp_path / "copy.csv")
    more = runner.invoke(app, [*args[:2], str(copy), *args[3:]])
    assert json.loads(more.stdout)["posts_added"] == 0 and json.loads(more.stdout)["interactions_added"] == 0
    bad = runner.invoke(app, ["import", "posts-table", str(path), "--db", str(db), "--map", "id=tweet_id,time=body"])
    assert bad.exit_code == 1
    assert "export.csv:2: field 'body': not a valid time" in bad.output
    assert len(bad.output.strip().splitlines()) == 1


def _first_rows(path: Path, key: str) -> list[dict]:
    """The first row of each id, read with Python's csv module (the oracle)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    seen: dict[str, dict] = {}
    for row in rows:
        seen.setdefault(row[key], row)
    return list(seen.values())


def test_real_airline_corpus(workspace):
    path = shared_path("airline-sentiment", "Tweets.csv.gz")
    result = workspace.import_files(
        "posts-table", [path], network="airline",
        mapping="id=tweet_id,author=name,time=tweet_created,text=text",
        keep="airline,sentiment=airline_sentiment,negativereason",
    )
    assert result.rows_read == 14_640 and result.counts.posts_added == 14_485  # 155 repeated ids
    first = _first_rows(path, "tweet_id")
    assert len(first) == 14_485
    stored = dict(workspace.con.execute(
        "SELECT attributes->>'sentiment', count(*) FROM posts WHERE network = 'airline' GROUP BY 1"
    ).fetchall())
    assert stored == dict(Counter(r["airline_sentiment"] for r in first))
    airlines = dict(workspace.con.execute(
        "SELECT attributes->>'airline', count(*) FROM posts WHERE network = 'airline' GROUP BY 1"
    ).fetchall())
    assert airlines == dict(Counter(r["airline"] for r in first))
    authors = workspace.con.execute(
        "SELECT count(DISTINCT author_id) FROM posts WHERE network = 'airline'"
    ).fetchone()[0]
    assert authors == len({r["name"].lower() for r in first})
    # -0800 converted to UTC: 2015-02-16 23:36:05 -0800 .. 2015-02-24 11:53:37 -0800
    lo, hi = workspace.con.execute(
        "SELECT min(created_at), max(created_at) FROM posts WHERE network = 'airline'"
    ).fetchone()
    assert (lo, hi) == (datetime(2015, 2, 17, 7, 36, 5), datetime(2015, 2, 24, 19, 53, 37))
    # every @handle of a kept text is a mention towards that account (or a self-mention, dropped)
    mentions = workspace.con.execute(
        "SELECT count(*) FROM interactions WHERE kind = 'mention'"
    ).fetchone()[0]
    assert mentions == result.counts.interactions_added - 3  # the 3 'RT @JetBlue:' relays
    assert mentions > 14_000
    united = workspace.con.execute(
        "SELECT count(*) FROM interactions i JOIN accounts a ON a.account_id = i.dst_id "
        "WHERE a.source_id = '@united' AND i.kind = 'mention'"
    ).fetchone()[0]
    assert united >= 3_700  # nearly every one of United's 3,822 tweets addresses @united


def test_real_sanders_corpus(workspace):
    path = shared_path("sanders-brand-sentiment", "full-corpus.csv")
    result = workspace.import_files(
        "posts-table", [path], network="sanders",
        mapping="id=TweetId,time=TweetDate,text=TweetText", keep="topic=Topic,sentiment=Sentiment",
    )
    assert result.rows_read == 5_113 and result.counts.posts_added == 5_113
    assert result.counts.interactions_added == 0  # no author column: mentions cannot be interactions
    assert any("no author column mapped" in note for note in result.notes)
    topics = dict(workspace.con.execute(
        "SELECT attributes->>'topic', count(*) FROM posts GROUP BY 1"
    ).fetchall())
    assert topics == {"microsoft": 1_364, "google": 1_317, "twitter": 1_290, "apple": 1_142}
    sentiments = dict(workspace.con.execute(
        "SELECT attributes->>'sentiment', count(*) FROM posts GROUP BY 1"
    ).fetchall())
    assert sentiments == {"neutral": 2_333, "irrelevant": 1_689, "negative": 572, "positive": 519}
    lo, hi = workspace.con.execute("SELECT min(created_at), max(created_at) FROM posts").fetchone()
    assert (lo, hi) == (datetime(2011, 10, 15, 5, 36, 56), datetime(2011, 10, 20, 4, 53, 44))


def test_json_errors_name_the_line_or_the_record(tmp_path):
    lines = tmp_path / "e.jsonl"
    lines.write_text('{"id": 1, "t": "2015-02-24T20:00:00Z"}\n\n{"id": 2, "t": "soon"}\n')
    with pytest.raises(InputError, match="not a valid time") as info:
        read_posts_table([lines], mapping="id=id,time=t")
    assert (info.value.line, info.value.field) == (3, "t")  # the blank line counted
    array = tmp_path / "e.json"
    array.write_text('[{"id": 1, "t": "2015-02-24T20:00:00Z"},\n {"id": 2, "t": "soon"}]')
    with pytest.raises(InputError, match="not a valid time") as info:
        read_posts_table([array], mapping="id=id,time=t")
    assert info.value.line == 2  # record 2 of the array
