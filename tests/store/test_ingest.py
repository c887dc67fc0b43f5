"""Ingestion: natural keys, idempotence, merging of later information, atomicity."""

from __future__ import annotations

from datetime import datetime

import pytest

from einfluence import InputError, StoreError
from einfluence.io import Records
from tests.conftest import table_counts

T0 = datetime(2026, 9, 7, 10, 0)


def _records(**kw) -> Records:
    return Records.from_columns(**kw)


def test_ids_are_namespaced_by_network(workspace):
    workspace.add_records(
        _records(
            interactions={
                "network": ["a", "b"],
                "src": ["1", "1"],
                "dst": ["2", "2"],
                "kind": "relay",
            }
        )
    )
    rows = workspace.sql("SELECT network, source_id FROM accounts ORDER BY 1, 2").fetchall()
    assert rows == [("a", "1"), ("a", "2"), ("b", "1"), ("b", "2")]
    # dense internal keys
    ids = sorted(r[0] for r in workspace.sql("SELECT account_id FROM accounts").fetchall())
    assert ids == [0, 1, 2, 3]


def test_identical_events_are_kept_and_reimport_adds_nothing(workspace):
    rec = _records(
        interactions={"network": "t", "src": [1, 1, 1], "dst": [2, 2, 3], "kind": "mention", "time": [T0, T0, T0]}
    )
    first = workspace.add_records(rec, checksum="one")
    assert first.counts.interactions_added == 3  # two identical events are two events
    second = workspace.add_records(rec, checksum="another-file-same-content")
    assert not second.skipped
    assert second.counts.interactions_added == 0
    assert second.counts.accounts_added == 0
    again = workspace.add_records(rec, checksum="one")
    assert again.skipped
    assert workspace.stats()["interactions"] == 3


def test_a_later_import_adds_a_third_identical_event(workspace):
    rec = _records(interactions={"network": "t", "src": [1, 1], "dst": [2, 2], "kind": "relay", "time": [T0, T0]})
    workspace.add_records(rec, checksum="a")
    more = _records(interactions={"network": "t", "src": [1, 1, 1], "dst": [2, 2, 2], "kind": "relay", "time": [T0] * 3})
    assert workspace.add_records(more, checksum="b").counts.interactions_added == 1


def test_bare_accounts_and_posts_are_filled_by_later_imports(workspace):
    workspace.add_records(
        _records(posts={"network": "t", "id": ["r1"], "author": ["u2"], "kind": "reply", "parent": ["p1"], "time": [T0]}),
        checksum="replies",
    )
    bare = workspace.sql("SELECT kind, author_id FROM posts WHERE source_id = 'p1'").fetchall()
    assert bare == [(None, None)]
    assert workspace.stats()["posts"] == 1  # the bare parent is not counted as a post
    result = workspace.add_records(
        _records(
            accounts={"network": "t", "id": ["u1"], "handle": ["ann"], "followers": [10], "kind": ["person"]},
            posts={"network": "t", "id": ["p1"], "author": ["u1"], "kind": "original", "text": ["bonjour"], "time": [T0]},
        ),
        checksum="originals",
    )
    assert result.counts.posts_added == 0 and result.counts.posts_updated == 1
    row = workspace.sql(
        "SELECT p.kind, p.text, a.handle, a.followers FROM posts p JOIN accounts a ON a.account_id = p.author_id "
        "WHERE p.source_id = 'p1'"
    ).fetchall()
    assert row == [("original", "bonjour", "ann", 10)]
    parent = workspace.sql(
        "SELECT pa.source_id FROM posts p JOIN posts pa ON pa.post_id = p.parent_id WHERE p.source_id = 'r1'"
    ).fetchall()
    assert parent == [("p1",)]


def test_missing_values_never_erase_known_ones(workspace):
    workspace.add_records(_records(accounts={"network": "t", "id": ["u1"], "handle": ["ann"], "language": ["fr"]}), checksum="a")
    workspace.add_records(_records(accounts={"network": "t", "id": ["u1"], "language": ["en"]}), checksum="b")
    assert workspace.sql("SELECT handle, language FROM accounts").fetchall() == [("ann", "en")]


def test_persons_group_accounts_across_networks(workspace):
    workspace.add_records(
        _records(
            accounts={
                "network": ["microblog", "blog", "microblog"],
                "id": ["ann", "ann.example.org", "bob"],
                "person": ["Ann Martin", "Ann Martin", None],
            }
        )
    )
    rows = workspace.sql(
        "SELECT p.key, list(a.network ORDER BY a.network) FROM accounts a JOIN persons p USING (person_id) GROUP BY 1"
    ).fetchall()
    assert rows == [("Ann Martin", ["blog", "microblog"])]


def test_interactions_trace_to_post_and_import(workspace):
    result = workspace.add_records(
        _records(
            posts={"network": "t", "id": ["m1"], "author": ["u1"], "kind": "original", "text": ["hi @u2"]},
            interactions={"network": "t", "src": ["u1"], "dst": ["u2"], "kind": "mention", "post": ["m1"]},
        )
    )
    row = workspace.sql(
        "SELECT p.source_id, i.import_id FROM interactions i JOIN posts p USING (post_id)"
    ).fetchall()
    assert row == [("m1", result.import_id)]


def test_cross_network_interaction(workspace):
    workspace.add_records(
        _records(interactions={"network": "twitter", "src": ["ann"], "dst": ["blog.example.org"], "dst_network": ["blog"], "kind": "hyperlink"})
    )
    rows = workspace.sql(
        "SELECT s.network, d.network FROM interactions i JOIN accounts s ON s.account_id = i.src_id "
        "JOIN accounts d ON d.account_id = i.dst_id"
    ).fetchall()
    assert rows == [("twitter", "blog")]


def test_failed_ingestion_leaves_database_unchanged(workspace):
    workspace.add_records(_records(interactions={"network": "t", "src": ["a"], "dst": ["b"], "kind": "relay"}))
    before = table_counts(workspace)
    # a negative follower count violates the schema's CHECK, after accounts were already inserted
    bad = _records(
        accounts={"network": "t", "id": ["c", "d"], "followers": [5, -1]},
        interactions={"network": "t", "src": ["c"], "dst": ["d"], "kind": "relay"},
    )
    with pytest.raises(StoreError, match="database unchanged"):
        workspace.add_records(bad)
    assert table_counts(workspace) == before


def test_records_validation_names_the_field():
    with pytest.raises(InputError, match="field 'kind'.*unknown kind 'retweet'"):
        Records.from_columns(interactions={"network": "t", "src": ["a"], "dst": ["b"], "kind": ["retweet"]})
    with pytest.raises(InputError, match="field 'dst'.*missing"):
        Records.from_columns(interactions={"network": "t", "src": ["a"], "kind": ["relay"]})
    with pytest.raises(InputError, match=":2: field 'src': missing value"):
        Records.from_columns(interactions={"network": "t", "src": ["a", None], "dst": ["b", "c"], "kind": "relay"})


def test_post_attributes_are_stored_and_merged_key_by_key(workspace):
    posts = {"network": "t", "id": ["p1", "p2"], "kind": "original", "attributes": ['{"label": "false"}', None]}
    workspace.add_records(_records(posts=posts), checksum="labels")
    # a later import adds a key, changes none it does not give, and a missing value erases nothing
    later = {"network": "t", "id": ["p1", "p2"], "kind": "original", "text": ["hi", "yo"],
             "attributes": ['{"brand": "velmo"}', '{"label": "true"}']}
    result = workspace.add_records(_records(posts=later), checksum="brands")
    assert result.counts.posts_updated == 2
    rows = workspace.sql("SELECT source_id, attributes->>'label', attributes->>'brand' FROM posts ORDER BY 1").fetchall()
    assert rows == [("p1", "false", "velmo"), ("p2", "true", None)]
    # the same facts again (another file): nothing changes
    again = workspace.add_records(_records(posts=later), checksum="brands-again")
    assert again.counts.posts_updated == 0 and again.counts.posts_added == 0
    blank = workspace.add_records(_records(posts={**later, "attributes": [None, None]}), checksum="blank")
    assert blank.counts.posts_updated == 0


def test_a_database_of_schema_6_is_migrated_to_post_attributes(db_path):
    from einfluence.store import connect
    from einfluence.store.schema import SCHEMA_VERSION
    from tests.conftest import database_at

    con = database_at(db_path, 6)
    con.execute("INSERT INTO posts (post_id, network, source_id, kind, import_id) VALUES (0, 't', 'old', 'original', 1)")
    con.close()
    con = connect(db_path)
    assert con.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] == SCHEMA_VERSION
    assert con.execute("SELECT source_id, attributes FROM posts").fetchall() == [("old", None)]
    con.close()


def test_a_database_of_schema_7_is_migrated_through_8_to_mention_confidence(db_path):
    from einfluence.store import connect, schema_version
    from einfluence.store.schema import SCHEMA_VERSION
    from tests.conftest import database_at

    con = database_at(db_path, 7)
    con.execute("INSERT INTO posts (post_id, network, source_id, kind, import_id, attributes) "
                "VALUES (0, 't', 'old', 'original', 1, '{\"label\": \"negative\"}')")
    con.execute("INSERT INTO brands (brand_id, name) VALUES (1, 'United')")
    con.execute("INSERT INTO mentions (post_id, brand_id, kind, matched, sentiment, score, model) "
                "VALUES (0, 1, 'name', 'united', 'negative', -0.5, 'lexicon')")
    con.close()
    con = connect(db_path)
    assert schema_version(con) == SCHEMA_VERSION == 11
    assert [v for (v,) in con.execute("SELECT version FROM schema_migrations ORDER BY 1").fetchall()] == [
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
    assert con.execute("SELECT count(*) FROM tokens").fetchone()[0] == 0  # main's 8 applied on the way
    # the rows stored before keep their sentiment, with no confidence and no threshold
    assert con.execute("SELECT sentiment, confidence, min_confidence FROM mentions").fetchall() == [("negative", None, None)]
    assert con.execute("SELECT attributes->>'label' FROM posts").fetchall() == [("negative",)]
    con.close()
