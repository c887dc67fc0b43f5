"""The Mastodon Status reader: identities across instances, exact records, idempotence, errors."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from einfluence.exceptions import InputError
from einfluence.io.mastodon import account_key, read_mastodon
from tests.conftest import table_counts

DATA = Path(__file__).parent / "data" / "mastodon"
FILES = [DATA / "timeline.json", DATA / "statuses.jsonl", DATA / "single.json"]
S1 = "https://mastodon.social/users/Gargron/statuses/110000000000000001"
S2 = "https://piaille.fr/users/alice/statuses/109300000000000001"
S3 = "https://mastodon.social/users/bob/statuses/110000000000000003/activity"
S4 = "https://mastodon.social/users/bob/statuses/110000000000000004"
S5 = "https://piaille.fr/users/alice/statuses/109300000000000002"
GARGRON, ALICE, BOB = "gargron@mastodon.social", "alice@piaille.fr", "bob@mastodon.social"


def test_account_key() -> None:
    assert account_key("bob", "https://mastodon.social/@bob") == BOB
    assert account_key("@Alice@Piaille.fr", None) == ALICE
    assert account_key("bob", None) is None


def test_exact_records() -> None:
    rec = read_mastodon(FILES)
    accounts = {a["id"]: a for a in rec.accounts.to_pylist()}
    assert set(accounts) == {GARGRON, ALICE, BOB}
    assert (
        accounts[GARGRON]["handle"],
        accounts[GARGRON]["name"],
        accounts[GARGRON]["followers"],
    ) == (
        "Gargron@mastodon.social",
        "Eugen Rochko",
        300000,
    )
    assert accounts[BOB]["name"] is None  # empty display_name
    posts = {p["id"]: p for p in rec.posts.to_pylist()}
    assert list(posts) == [S1, S2, S3, S4, S5]
    assert rec.posts.num_rows == 5  # S1 nested in the reblog and in single.json is read once
    assert (posts[S1]["kind"], posts[S1]["author"], posts[S1]["time"], posts[S1]["language"]) == (
        "original",
        GARGRON,
        datetime(2022, 11, 14, 10, 0),
        "fr",
    )
    assert posts[S1]["text"] == "Mastodon 4.0 est sorti ! Merci à @alice #release"
    assert posts[S1]["url"] == "https://mastodon.social/@Gargron/110000000000000001"
    assert (posts[S2]["kind"], posts[S2]["parent"], posts[S2]["text"]) == (
        "reply",
        S1,
        "@Gargron Bravo !\nVraiment.",
    )
    assert (posts[S3]["kind"], posts[S3]["parent"], posts[S3]["author"], posts[S3]["text"]) == (
        "relay",
        S1,
        BOB,
        None,
    )
    assert (posts[S4]["kind"], posts[S4]["parent"]) == (
        "reply",
        None,
    )  # replied status not in the import
    assert posts[S5]["text"] == "Thanks @bob & @bob for the tips."
    got = [
        (i["src"], i["dst"], i["kind"], i["post"], i["time"]) for i in rec.interactions.to_pylist()
    ]
    assert got == [
        (GARGRON, ALICE, "mention", S1, datetime(2022, 11, 14, 10, 0)),
        (ALICE, GARGRON, "reply", S2, datetime(2022, 11, 14, 10, 5)),  # via mentions ids
        (ALICE, GARGRON, "mention", S2, datetime(2022, 11, 14, 10, 5)),
        (BOB, GARGRON, "relay", S3, datetime(2022, 11, 14, 11, 0)),
        (ALICE, BOB, "mention", S5, datetime(2022, 11, 15, 8, 0)),  # twice in the status, once here
    ]
    assert set(rec.interactions.column("network").to_pylist()) == {"mastodon"}
    assert rec.rows_read == 6
    assert any("replied-to account is unknown" in n for n in rec.notes)


def test_store_round_trip_and_idempotence(workspace, tmp_path: Path) -> None:
    first = workspace.import_files("mastodon", FILES)
    assert (
        first.counts.accounts_added,
        first.counts.posts_added,
        first.counts.interactions_added,
    ) == (3, 5, 5)
    before = table_counts(workspace)
    assert workspace.import_files("mastodon", FILES).skipped
    assert table_counts(workspace) == before
    copies = []
    for path in FILES:
        copies.append(tmp_path / ("copy-" + path.name))
        shutil.copy(path, copies[-1])
    again = workspace.import_files("mastodon", copies)
    assert not again.skipped
    assert (
        again.counts.accounts_added,
        again.counts.posts_added,
        again.counts.interactions_added,
    ) == (0, 0, 0)


def _status(**changes):
    status = json.loads((DATA / "statuses.jsonl").read_text(encoding="utf-8"))
    status.update(changes)
    return status


GOOD = json.dumps(_status())
BAD_INPUTS = {
    # name: (file name, text, line, field)
    "malformed_array": ("a.json", '[\n  {"id": "1",\n   "uri": }\n]\n', 3, None),
    "malformed_line": ("l.jsonl", GOOD + "\n{not json}\n", 2, None),
    "truncated": ("t.json", "[\n" + GOOD + ",\n" + GOOD[:60], 3, None),
    "missing_field": ("m.json", json.dumps([_status(), _status(created_at=None)]), 2, "created_at"),
    "missing_uri": (
        "u.jsonl",
        GOOD + "\n" + json.dumps(_status(uri=None, url=None)) + "\n",
        2,
        "uri",
    ),
    "wrong_type": ("w.jsonl", json.dumps(_status(mentions="bob")) + "\n", 1, "mentions"),
    "wrong_followers": (
        "f.jsonl",
        json.dumps(_status(account={**_status()["account"], "followers_count": "12"})) + "\n",
        1,
        "followers_count",
    ),
    "bad_timestamp": (
        "d.jsonl",
        GOOD + "\n" + json.dumps(_status(created_at="15/11/2022")) + "\n",
        2,
        "created_at",
    ),
    "not_a_status": ("n.jsonl", GOOD + "\n[1, 2]\n", 2, None),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_names_file_line_field(workspace, tmp_path: Path, case: str) -> None:
    workspace.import_files("mastodon", [DATA / "timeline.json"])
    before = table_counts(workspace)
    name, text, line, field = BAD_INPUTS[case]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        workspace.import_files("mastodon", [DATA / "statuses.jsonl", path])
    err = info.value
    assert (err.path, err.line, err.field) == (str(path), line, field)
    assert f"{path}:{line}:" in str(err)
    assert table_counts(workspace) == before


def test_non_utf8_and_missing_file(workspace, tmp_path: Path) -> None:
    before = table_counts(workspace)
    path = tmp_path / "latin.jsonl"
    path.write_bytes(
        (GOOD + "\n" + GOOD.replace("Thanks", "Merci é")).encode("latin-1", errors="replace")
    )
    with pytest.raises(InputError, match="UTF-8") as info:
        workspace.import_files("mastodon", [path])
    assert (info.value.path, info.value.line) == (str(path), 2)
    with pytest.raises(InputError, match="no such file"):
        workspace.import_files("mastodon", [tmp_path / "absent.json"])
    assert table_counts(workspace) == before
