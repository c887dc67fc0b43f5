"""The generic CSV / JSON Lines / Parquet tables: round trip, types, and exact error locations."""

from __future__ import annotations

import gzip
from datetime import datetime
from pathlib import Path

import pytest

from einfluence import InputError
from einfluence.io import Records
from einfluence.io.generic import read_generic, write_generic
from tests.conftest import table_counts

ACCOUNTS = (
    "network,id,handle,name,language,followers,kind,url,person,attributes\n"
    'microblog,1,ann,Ann Martin,fr,120,person,,ann-m,"{""city"": ""Lyon""}"\n'
    "microblog,2,velo,Velora,en,5000,brand,https://velora.example,,\n"
)
INTERACTIONS = (
    "network,src,dst,kind,time,post,weight\n"
    "microblog,1,2,relay,2026-09-07T10:00:00Z,p9,\n"
    "microblog,2,1,reply,2026-09-07T12:30:00+02:00,,\n"
    "microblog,1,2,mention,1788775200,,2.5\n"
)


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_values_and_times(tmp_path):
    _write(tmp_path, "accounts.csv", ACCOUNTS)
    _write(tmp_path, "interactions.csv", INTERACTIONS)
    rec = read_generic([tmp_path])
    assert rec.rows_read == 5
    acc = rec.accounts.to_pylist()
    assert acc[0]["followers"] == 120 and acc[0]["attributes"] == '{"city": "Lyon"}'
    assert acc[1]["url"] == "https://velora.example" and acc[1]["person"] is None
    times = rec.interactions.column("time").to_pylist()
    # Z, +02:00 offset converted to UTC, and Unix seconds
    assert times == [
        datetime(2026, 9, 7, 10, 0),
        datetime(2026, 9, 7, 10, 30),
        datetime(2026, 9, 7, 10, 0),
    ]
    assert rec.interactions.column("weight").to_pylist() == [None, None, 2.5]


@pytest.mark.parametrize("file_format", ["parquet", "csv"])
def test_write_then_read_round_trip(tmp_path, file_format):
    _write(tmp_path, "accounts.csv", ACCOUNTS)
    _write(tmp_path, "interactions.csv", INTERACTIONS)
    original = read_generic([tmp_path])
    out = tmp_path / "out"
    written = write_generic(original, out, file_format=file_format)
    assert [p.name for p in written] == [f"accounts.{file_format}", f"interactions.{file_format}"]
    again = read_generic([out])
    assert again.accounts.equals(original.accounts)
    assert again.interactions.equals(original.interactions)


def test_jsonl_gz_with_mixed_value_types(tmp_path):
    lines = [
        '{"network": "m", "id": 7, "kind": "original", "time": "2026-09-07T08:00:00Z", "text": "Vélo électrique 🚲"}',
        '{"network": "m", "id": "8", "kind": "relay", "time": 1788768000, "parent": 7, "root": 7}',
    ]
    with gzip.open(tmp_path / "posts.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    rec = read_generic([tmp_path / "posts.jsonl.gz"])
    posts = rec.posts.to_pylist()
    assert posts[0]["text"] == "Vélo électrique 🚲"
    assert posts[1]["parent"] == "7" and posts[0]["time"] == posts[1]["time"]


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "interactions.csv",
            INTERACTIONS.replace("mention", "retweet"),
            r"interactions.csv:4: field 'kind': unknown kind",
        ),
        (
            "interactions.csv",
            INTERACTIONS.replace("1788775200", "tomorrow"),
            r"interactions.csv:4: field 'time': not a valid time",
        ),
        (
            "interactions.csv",
            INTERACTIONS.replace(",2.5", ",heavy"),
            r"interactions.csv:4: field 'weight': not a number",
        ),
        (
            "interactions.csv",
            INTERACTIONS.replace("microblog,2,1,reply", "microblog,,1,reply"),
            r"interactions.csv:3: field 'src': missing value",
        ),
        (
            "interactions.csv",
            INTERACTIONS + "microblog,1,2\n",
            r"interactions.csv:5: wrong number of fields",
        ),
        (
            "interactions.csv",
            INTERACTIONS.replace("network,src", "network,source"),
            r"interactions.csv:1: field 'source': unknown column",
        ),
        (
            "interactions.csv",
            INTERACTIONS.replace(",dst,", ",")
            .replace(",2,relay", ",relay")
            .replace(",1,reply", ",reply")
            .replace(",2,mention", ",mention"),
            r"field 'dst': required column missing",
        ),
        (
            "accounts.csv",
            ACCOUNTS.replace(",120,", ",many,"),
            r"accounts.csv:2: field 'followers': not an integer",
        ),
        (
            "accounts.csv",
            ACCOUNTS.replace('"{""city"": ""Lyon""}"', "[1]"),
            r"accounts.csv:2: field 'attributes': not a JSON object",
        ),
        (
            "posts.jsonl",
            '{"network": "m", "id": 1, "kind": "original"}\n{"network": "m", "id": 2, "kind": "original"\n',
            r"posts.jsonl:\d+: malformed JSON",
        ),
        ("followers.csv", "a,b\n", r"cannot tell which table"),
        ("accounts.xlsx", "x", r"unknown file type '.xlsx'"),
    ],
)
def test_bad_input_names_file_line_field(tmp_path, name, text, expected):
    path = _write(tmp_path, name, text)
    with pytest.raises(InputError, match=expected):
        read_generic([path])


def test_non_utf8_and_truncated_gzip(tmp_path):
    bad = tmp_path / "accounts.csv"
    bad.write_bytes(ACCOUNTS.encode().replace(b"Ann Martin", b"Ann Mart\xefn"))
    with pytest.raises(InputError, match=r"accounts.csv:2: not valid UTF-8"):
        read_generic([bad])
    data = gzip.compress((INTERACTIONS * 2000).encode())
    trunc = tmp_path / "interactions.csv.gz"
    trunc.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match=r"interactions.csv.gz.*corrupt or truncated"):
        read_generic([trunc])


def test_import_is_all_or_nothing_and_idempotent(workspace, tmp_path):
    _write(tmp_path, "accounts.csv", ACCOUNTS)
    _write(tmp_path, "interactions.csv", INTERACTIONS)
    first = workspace.import_files("generic", [tmp_path])
    assert (first.counts.accounts_added, first.counts.interactions_added) == (2, 3)
    before = table_counts(workspace)
    assert workspace.import_files("generic", [tmp_path]).skipped
    # the same rows under other names: nothing new either
    copy = tmp_path / "copy"
    copy.mkdir()
    _write(copy, "interactions-copy.csv", INTERACTIONS)
    again = workspace.import_files("generic", [copy])
    assert again.counts.interactions_added == 0
    before = table_counts(workspace)
    # a good file and a bad file in one import: neither lands
    bad = tmp_path / "bad"
    bad.mkdir()
    _write(bad, "accounts.csv", ACCOUNTS.replace("microblog,1,", "newnet,1,"))
    _write(bad, "interactions.csv", INTERACTIONS.replace("mention", "poke"))
    with pytest.raises(InputError):
        workspace.import_files("generic", [bad])
    assert table_counts(workspace) == before


def test_unknown_format_and_option(workspace, tmp_path):
    with pytest.raises(InputError, match="unknown format 'csv'"):
        workspace.import_files("csv", [tmp_path])
    with pytest.raises(InputError, match="directed: does not apply to format 'generic'"):
        workspace.import_files("generic", [tmp_path], directed=True)
    with pytest.raises(InputError, match="no such file"):
        workspace.import_files("generic", [tmp_path / "nope.csv"])


def test_records_from_generic_are_canonical(tmp_path):
    _write(tmp_path, "interactions.csv", INTERACTIONS)
    rec = read_generic([tmp_path / "interactions.csv"])
    assert rec.interactions.schema == Records().interactions.schema


def test_posts_attributes_round_trip_and_are_checked(tmp_path):
    _write(tmp_path, "posts.csv",
           'network,id,kind,text,attributes\nt,1,original,hi,"{""label"": ""false""}"\nt,2,original,yo,\n')
    rec = read_generic([tmp_path / "posts.csv"])
    assert rec.posts.column("attributes").to_pylist() == ['{"label": "false"}', None]
    for file_format in ("parquet", "csv"):
        again = read_generic([write_generic(rec, tmp_path / file_format, file_format=file_format)[0]])
        assert again.posts.equals(rec.posts)
    _write(tmp_path / "parquet", "posts.csv", "network,id,kind,attributes\nt,1,original,[1]\n")
    with pytest.raises(InputError, match="not a JSON object") as info:
        read_generic([tmp_path / "parquet" / "posts.csv"])
    assert (info.value.line, info.value.field) == (2, "attributes")


def test_parquet_attributes_are_checked_on_the_direct_path(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    good = {"network": ["t", "t"], "id": ["1", "2"], "kind": ["original"] * 2, "attributes": ['{"a": 1}', None]}
    pq.write_table(pa.table(good), tmp_path / "posts.parquet")
    assert read_generic([tmp_path / "posts.parquet"]).posts.column("attributes").to_pylist() == ['{"a": 1}', None]
    pq.write_table(pa.table({**good, "attributes": ['{"a": 1}', "[2]"]}), tmp_path / "posts.parquet")
    with pytest.raises(InputError, match="not a JSON object") as info:
        read_generic([tmp_path / "posts.parquet"])
    assert (info.value.line, info.value.field) == (2, "attributes")


def test_attributes_written_inline_as_objects(tmp_path):
    """JSON Lines and Parquet may hold attributes as objects rather than JSON text: each row keeps
    exactly its own keys (DuckDB's STRUCT gives every row every key, as null)."""
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [{"network": "t", "id": "1", "kind": "original", "attributes": {"lang": "fr"}},
            {"network": "t", "id": "2", "kind": "original", "attributes": {"lang": "en", "votes": 3}},
            {"network": "t", "id": "3", "kind": "original"}]
    _write(tmp_path, "posts.jsonl", "".join(json.dumps(r) + "\n" for r in rows))
    expected = [{"lang": "fr"}, {"lang": "en", "votes": 3}, None]
    got = read_generic([tmp_path / "posts.jsonl"]).posts.column("attributes").to_pylist()
    assert [None if a is None else json.loads(a) for a in got] == expected
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "posts.parquet")
    got = read_generic([tmp_path / "posts.parquet"]).posts.column("attributes").to_pylist()
    assert [None if a is None else json.loads(a) for a in got] == expected
