"""The Twitter API v2 reader: layouts, exact records, store round trip, idempotence and errors."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from einfluence.exceptions import InputError
from einfluence.io.twitter_v2 import parse_twitter_time, read_twitter_v2
from tests.conftest import table_counts

DATA = Path(__file__).parent / "data" / "twitter_v2"
FILES = [DATA / "search_recent.json", DATA / "pages.jsonl", DATA / "bare.jsonl"]
T = "15000000000000000"  # prefix of the fixture tweet ids


def test_parse_time() -> None:
    assert parse_twitter_time("2022-03-01T15:05:30.000Z") == datetime(2022, 3, 1, 15, 5, 30)
    assert parse_twitter_time("2022-03-01T16:05:30+01:00") == datetime(2022, 3, 1, 15, 5, 30)


def test_exact_records() -> None:
    rec = read_twitter_v2(FILES)
    users = {a["id"]: a for a in rec.accounts.to_pylist()}
    assert set(users) == {"2244994945", "783214", "1001", "1002", "@ghost_user"}
    assert (users["1001"]["handle"], users["1001"]["name"], users["1001"]["followers"]) == (
        "alice_fr",
        "Alice Dupont",
        120,
    )
    assert users["@ghost_user"]["handle"] == "ghost_user"
    # bob appears twice; the later row (46 followers) is the one the store keeps
    assert [a["followers"] for a in rec.accounts.to_pylist() if a["id"] == "1002"] == [45, 46]
    assert set(rec.accounts.column("network").to_pylist()) == {"twitter"}

    posts = {p["id"]: p for p in rec.posts.to_pylist()}
    assert len(posts) == rec.posts.num_rows == 9  # the included copy of tweet 01 is read once
    expect = {
        "01": ("original", None, None, "2244994945", datetime(2022, 3, 1, 15, 0), "en"),
        "02": ("relay", T + "01", None, "1001", datetime(2022, 3, 1, 15, 5, 30), "en"),
        "03": ("reply", T + "01", T + "01", "1002", datetime(2022, 3, 1, 15, 10), "en"),
        "04": ("quote", T + "01", None, "1001", datetime(2022, 3, 1, 16, 0), "fr"),
        "05": ("relay", "1400000000000000009", None, "1002", datetime(2022, 3, 2, 8, 0), "en"),
        "06": ("relay", "1400000000000000010", None, "1001", datetime(2022, 3, 2, 9, 0), None),
        "07": ("original", None, None, "1002", datetime(2022, 3, 3, 10, 0), "en"),
        "08": ("reply", T + "07", T + "07", "1002", datetime(2022, 3, 3, 10, 1), "fr"),
        "09": ("original", None, None, "1001", datetime(2022, 3, 4, 18, 30), "fr"),
    }
    for suffix, (kind, parent, root, author, time, lang) in expect.items():
        p = posts[T + suffix]
        assert (p["kind"], p["parent"], p["root"], p["author"], p["time"], p["language"]) == (
            kind,
            parent,
            root,
            author,
            time,
            lang,
        ), suffix
    assert (
        posts[T + "04"]["text"] == "Excellente nouvelle pour les développeurs ! https://t.co/AbCdEf"
    )

    got = [(i["src"], i["dst"], i["kind"], i["post"][-2:]) for i in rec.interactions.to_pylist()]
    assert got == [
        ("2244994945", "783214", "mention", "01"),
        ("1001", "2244994945", "relay", "02"),  # author known from includes.tweets
        ("1001", "783214", "mention", "02"),  # not the retweeted author's mention
        ("1002", "2244994945", "reply", "03"),
        ("1002", "2244994945", "mention", "03"),
        ("1001", "2244994945", "quote", "04"),
        ("1002", "@ghost_user", "relay", "05"),  # from the "RT @ghost_user:" prefix
        ("1002", "1001", "mention", "07"),  # username resolved through includes.users
        ("1001", "1002", "mention", "09"),
    ]
    times = rec.interactions.column("time").to_pylist()
    assert times[1] == datetime(2022, 3, 1, 15, 5, 30)
    assert rec.rows_read == 10
    assert any("1 retweet(s) whose original author is unknown" in n for n in rec.notes)
    assert any("with itself" in n for n in rec.notes)


def test_single_bare_tweet_and_array(tmp_path: Path) -> None:
    tweet = json.loads((DATA / "bare.jsonl").read_text(encoding="utf-8").splitlines()[0])
    single = tmp_path / "one.json"
    single.write_text(json.dumps(tweet, indent=2), encoding="utf-8")
    array = tmp_path / "many.json"
    array.write_text(json.dumps([tweet]), encoding="utf-8")
    for path in (single, array):
        rec = read_twitter_v2([path])
        assert rec.posts.column("id").to_pylist() == [T + "09"]
        assert rec.interactions.column("dst").to_pylist() == ["1002"]


def test_store_round_trip_and_idempotence(workspace, tmp_path: Path) -> None:
    first = workspace.import_files("twitter-v2", FILES)
    assert first.counts.accounts_added == 5
    assert first.counts.posts_added == 11  # 9 tweets + 2 retweeted originals known only by id
    assert first.counts.interactions_added == 9
    row = workspace.con.execute(
        "SELECT a.handle, a.followers FROM accounts a WHERE a.source_id = '1002'"
    ).fetchone()
    assert row == ("bob", 46)
    before = table_counts(workspace)
    assert workspace.import_files("twitter-v2", FILES).skipped
    assert table_counts(workspace) == before
    copies = []
    for path in FILES:
        copies.append(tmp_path / ("renamed-" + path.name))
        shutil.copy(path, copies[-1])
    again = workspace.import_files("twitter-v2", copies)
    assert not again.skipped
    assert (
        again.counts.accounts_added,
        again.counts.posts_added,
        again.counts.interactions_added,
    ) == (0, 0, 0)


GOOD = '{"id": "1", "text": "hi", "author_id": "10", "created_at": "2022-03-01T15:00:00.000Z"}'
BAD_INPUTS = {
    # name: (file name, text, line, field)
    "malformed_document": (
        "doc.json",
        '{\n  "data": [\n    {"id": "1",, "text": "x"}\n  ]\n}\n',
        3,
        None,
    ),
    "malformed_line": ("lines.jsonl", GOOD + "\n" + '{"id": "2" "text": "x"}\n', 2, None),
    "truncated_document": (
        "cut.json",
        '{\n  "data": [\n    {"id": "1", "text": "x", "auth',
        3,
        None,
    ),
    "truncated_lines": ("cut.jsonl", GOOD + "\n" + GOOD[:30], 2, None),
    "missing_field": ("miss.jsonl", GOOD + "\n" + '{"id": "2", "text": "x"}\n', 2, "author_id"),
    "missing_in_document": (
        "miss.json",
        json.dumps({"data": [json.loads(GOOD), {"text": "no id", "author_id": "10"}]}, indent=1),
        2,  # record number inside "data"
        "id",
    ),
    "wrong_type": (
        "type.json",
        json.dumps(
            {
                "data": [json.loads(GOOD)],
                "includes": {
                    "users": [
                        {"id": "10", "username": "x", "public_metrics": {"followers_count": "many"}}
                    ]
                },
            }
        ),
        1,
        "followers_count",
    ),
    "wrong_id_type": ("idtype.jsonl", '{"id": ["1"], "text": "x", "author_id": "10"}\n', 1, "id"),
    "bad_timestamp": (
        "time.jsonl",
        GOOD
        + "\n"
        + GOOD.replace("2022-03-01T15:00:00.000Z", "03/01/2022 3pm").replace('"1"', '"2"'),
        2,
        "created_at",
    ),
    "unknown_kind": (
        "kind.jsonl",
        GOOD[:-1] + ', "referenced_tweets": [{"type": "liked", "id": "5"}]}\n',
        1,
        "referenced_tweets.type",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_names_file_line_field(workspace, tmp_path: Path, case: str) -> None:
    workspace.import_files("twitter-v2", [DATA / "bare.jsonl"])
    before = table_counts(workspace)
    name, text, line, field = BAD_INPUTS[case]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        workspace.import_files("twitter-v2", [DATA / "pages.jsonl", path])
    err = info.value
    assert (err.path, err.line, err.field) == (str(path), line, field)
    assert f"{path}:{line}:" in str(err)
    assert table_counts(workspace) == before


def test_non_utf8_and_missing_file(workspace, tmp_path: Path) -> None:
    before = table_counts(workspace)
    path = tmp_path / "latin.jsonl"
    path.write_bytes((GOOD + "\n" + GOOD.replace("hi", "café")).encode("latin-1"))
    with pytest.raises(InputError, match="UTF-8") as info:
        workspace.import_files("twitter-v2", [path])
    assert (info.value.path, info.value.line) == (str(path), 2)
    with pytest.raises(InputError, match="no such file"):
        workspace.import_files("twitter-v2", [tmp_path / "absent.json"])
    assert table_counts(workspace) == before
