"""Tests of the Twitter15/16 propagation-tree reader."""

from __future__ import annotations

import io
import tarfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from einfluence.exceptions import InputError
from einfluence.io.twitter_trees import read_twitter_trees, tweet_time_ms
from tests.conftest import shared_path, table_counts

SRC = "731166399389962242"
T0 = datetime.fromtimestamp(((int(SRC) >> 22) + 1288834974657) / 1000, UTC).replace(tzinfo=None)

TREE = "\n".join(
    [
        f"['ROOT', 'ROOT', '0.0']->['10', '{SRC}', '0.0']",
        f"['10', '{SRC}', '0.0']->['20', '{SRC}', '1.5']",  # 20 retweets the source
        f"['10', '{SRC}', '0.0']->['30', '900', '2.0']",  # 30 replies with tweet 900
        "['30', '900', '2.0']->['40', '900', '3.0']",  # 40 retweets the reply
        f"['20', '{SRC}', '1.5']->['50', '{SRC}', '4.0']",  # 50 retweets via 20's retweet
        f"['20', '{SRC}', '1.5']->['50', '{SRC}', '4.0']",  # duplicate line
        f"['10', '{SRC}', '0.0']->['50', '{SRC}', '4.0']",  # 50 again, another parent
        "['30', '900', '2.0']->['30', '900', '2.0']",  # self line
        "['40', '900', '3.0']->['60', '901', '-1.0']",  # reply to a retweet, negative delay
    ]
)


def _dataset(root: Path, name: str = "twitter15", *, tree: str = TREE, tar: bool = False) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "source_tweets.txt").write_text(f"{SRC}\tbreaking news URL\n")
    (folder / "label.txt").write_text(f"false:{SRC}\n")
    data = tree.encode() if isinstance(tree, str) else tree
    if tar:
        with tarfile.open(root / f"{name}_tree.tar.gz", "w:gz") as archive:
            info = tarfile.TarInfo(f"{name}/tree/{SRC}.txt")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    else:
        (folder / "tree").mkdir()
        (folder / "tree" / f"{SRC}.txt").write_bytes(data)
    return folder


def _at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def test_tiny_tree_gives_exact_records(tmp_path: Path) -> None:
    rec = read_twitter_trees([_dataset(tmp_path)])
    posts = {p["id"]: p for p in rec.posts.to_pylist()}
    assert set(posts) == {SRC, f"{SRC}/rt/20", "900", "900/rt/40", f"{SRC}/rt/50", "901"}
    source = posts[SRC]
    assert (source["kind"], source["author"], source["text"], source["parent"]) == (
        "original",
        "10",
        "breaking news URL",
        None,
    )
    assert source["time"] == T0
    assert posts[f"{SRC}/rt/20"]["kind"] == "relay" and posts[f"{SRC}/rt/20"]["parent"] == SRC
    assert posts["900"]["kind"] == "reply" and posts["900"]["parent"] == SRC
    assert posts["900/rt/40"]["parent"] == "900" and posts["900/rt/40"]["root"] == SRC
    assert posts[f"{SRC}/rt/50"]["parent"] == f"{SRC}/rt/20"  # first parent wins
    assert posts["901"]["parent"] == "900/rt/40" and posts["901"]["time"] == _at(-1.0)
    rows = [
        (r["src"], r["dst"], r["kind"], r["post"], r["time"]) for r in rec.interactions.to_pylist()
    ]
    assert rows == [
        ("20", "10", "relay", f"{SRC}/rt/20", _at(1.5)),
        ("30", "10", "reply", "900", _at(2.0)),
        ("40", "30", "relay", "900/rt/40", _at(3.0)),
        ("50", "20", "relay", f"{SRC}/rt/50", _at(4.0)),
        ("60", "40", "reply", "901", _at(-1.0)),
    ]
    assert set(rec.interactions.column("network").to_pylist()) == {"twitter"}
    assert rec.rows_read == 9
    note = rec.notes[0]
    assert "duplicate lines 1" in note and "lines with another parent 1" in note
    assert "self lines 1" in note
    assert any("false 1" in n for n in rec.notes)
    # label.txt's veracity label is kept with the source post
    assert source["attributes"] == '{"veracity": "false"}'
    assert sum(p["attributes"] is not None for p in posts.values()) == 1


def test_tar_layouts_and_parent_folder_give_the_same_records(tmp_path: Path) -> None:
    expected = read_twitter_trees([_dataset(tmp_path / "a")])
    folder = _dataset(tmp_path / "b", tar=True)
    for path in (folder, tmp_path / "b" / "twitter15_tree.tar.gz", tmp_path / "b"):
        rec = read_twitter_trees([path])
        assert rec.posts.sort_by("id").equals(expected.posts.sort_by("id"))
        assert rec.interactions.equals(expected.interactions)


def test_both_datasets_share_trees_without_duplicates(tmp_path: Path, workspace) -> None:
    _dataset(tmp_path, "twitter15")
    _dataset(tmp_path, "twitter16")
    result = workspace.import_files("twitter-trees", [tmp_path])
    assert result.counts.interactions_added == 5 and result.counts.posts_added == 6
    again = workspace.import_files("twitter-trees", [tmp_path / "twitter16"])
    assert not again.skipped and again.counts.interactions_added == 0
    assert again.counts.posts_added == 0
    # content-level idempotence: the same trees through another path (an archive) add nothing
    before = table_counts(workspace)
    archived = workspace.import_files("twitter-trees", [_dataset(tmp_path / "archived", "twitter16", tar=True)])
    assert not archived.skipped and archived.counts.interactions_added == archived.counts.posts_added == 0
    assert table_counts(workspace) == {**before, "imports": before["imports"] + 1}  # recorded, adding nothing


def test_cycle_is_broken(tmp_path: Path) -> None:
    tree = "\n".join(
        [
            f"['ROOT', 'ROOT', '0.0']->['10', '{SRC}', '0.0']",
            "['30', '900', '2.0']->['40', '901', '3.0']",
            "['40', '901', '3.0']->['30', '900', '2.0']",
        ]
    )
    rec = read_twitter_trees([_dataset(tmp_path, tree=tree)])
    assert rec.interactions.num_rows == 1
    assert "cycle lines 1" in rec.notes[0]


def test_tweet_time() -> None:
    assert tweet_time_ms(int(SRC)) == (int(SRC) >> 22) + 1288834974657
    assert tweet_time_ms(20_000_000_000) is None  # pre-snowflake


def test_real_datasets(workspace) -> None:
    root = shared_path("twitter15-16-rumor-trees")
    result = workspace.import_files("twitter-trees", [root])
    # 624,458 + 363,536 lines; every tree has one ROOT line
    assert result.rows_read == 987_994
    # see the notes: lines minus ROOT lines, duplicates, other parents, self lines, lines
    # into the root, nodes of the 169 shared trees already read
    assert result.counts.interactions_added == 889_036
    assert result.counts.posts_added == 891_164
    notes = "\n".join(result.notes)
    assert "twitter15: 1490 trees, 624458 lines" in notes
    assert "twitter16: 818 trees, 363536 lines" in notes and "tree seen twice 169" in notes
    texts, first, last = workspace.con.execute(
        "SELECT count(text), min(created_at), max(created_at) FROM posts WHERE text IS NOT NULL"
    ).fetchone()
    assert texts == 1490 + 818 - 169
    assert first.year == 2011 and last.year == 2016
    # the veracity labels of label.txt, on the source posts (169 tweets are in both datasets)
    labels = dict(workspace.con.execute(
        "SELECT attributes->>'veracity', count(*) FROM posts WHERE attributes IS NOT NULL GROUP BY 1"
    ).fetchall())
    assert labels == {"false": 575, "non-rumor": 579, "true": 579, "unverified": 406}
    assert workspace.import_files("twitter-trees", [root]).skipped
    # the 169 trees shared by both datasets differ slightly: importing twitter16 alone afterwards
    # adds the 425 retweets/replies that its copy attaches to another parent than twitter15's
    again = workspace.import_files("twitter-trees", [root / "twitter16"])
    assert not again.skipped and again.counts.interactions_added == 425
    # (the same trees through another path, an archive, add nothing: the small datasets above)


GOOD = f"['ROOT', 'ROOT', '0.0']->['10', '{SRC}', '0.0']\n"
BAD = [
    (GOOD + f"['10', '{SRC}', '0.0']->['20', '{SRC}']\n", 2, None, "expected"),
    (GOOD + f"['10', '{SRC}', '0.0']->['2x', '{SRC}', '1.0']\n", 2, "cuid", "not a user id"),
    (GOOD + f"['10', '{SRC}', '0.0']->['20', '9a', '1.0']\n", 2, "ctweet", "not a tweet id"),
    (GOOD + f"['10', '{SRC}', 'soon']->['20', '{SRC}', '1.0']\n", 2, "pdelay", "delay"),
    (GOOD + f"['10', '{SRC}', '0.0']->['20', '{SRC}', '1,0']\n", 2, "cdelay", "delay"),
    (f"['10', '{SRC}', '0.0']->['20', '{SRC}', '1.0']\n", None, None, "no ROOT"),
    (GOOD + GOOD, 2, None, "several ROOT"),
    (GOOD.encode() + b"['10', '\xff', '0.0']->['20', '1', '1.0']\n", 2, None, "UTF-8"),
]


@pytest.mark.parametrize(("tree", "line", "field", "message"), BAD)
@pytest.mark.parametrize("tar", [False, True])
def test_bad_input(tmp_path: Path, workspace, tree, line, field, message, tar) -> None:
    workspace.import_files("twitter-trees", [_dataset(tmp_path / "ok")])
    before = table_counts(workspace)
    folder = _dataset(tmp_path / "bad", tree=tree, tar=tar)
    with pytest.raises(InputError) as info:
        workspace.import_files("twitter-trees", [folder])
    err = info.value
    member = (
        f"{tmp_path / 'bad' / 'twitter15_tree.tar.gz'}:twitter15/tree/{SRC}.txt"
        if tar
        else str(folder / "tree" / f"{SRC}.txt")
    )
    assert err.path == member and err.line == line and err.field == field
    assert message in str(err)
    assert table_counts(workspace) == before


def test_bad_side_files_truncated_archive_and_missing(tmp_path: Path, workspace) -> None:
    before = table_counts(workspace)
    folder = _dataset(tmp_path / "s")
    (folder / "source_tweets.txt").write_text(f"{SRC}\tok\nabc\ttext\n")
    with pytest.raises(InputError) as info:
        workspace.import_files("twitter-trees", [folder])
    assert info.value.line == 2 and info.value.field == "tweet_id"
    big = "".join(
        f"['10', '{SRC}', '0.0']->['{i}', '{SRC}', '{i / 7:.2f}']\n" for i in range(100, 60_000)
    )
    folder = _dataset(tmp_path / "t", tree=GOOD + big, tar=True)
    archive = tmp_path / "t" / "twitter15_tree.tar.gz"
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match="truncated") as info:
        workspace.import_files("twitter-trees", [folder])
    assert info.value.path == str(archive)
    with pytest.raises(InputError, match="no such file"):
        workspace.import_files("twitter-trees", [tmp_path / "missing"])
    with pytest.raises(InputError, match="source_tweets"):
        read_twitter_trees([(tmp_path / "empty").mkdir() or tmp_path / "empty"])
    assert table_counts(workspace) == before


def test_the_collector_is_paused_inside_the_reader_and_back_after_it():
    import gc

    from einfluence.base.collector import collector_paused

    states = []
    with collector_paused():
        states.append(gc.isenabled())
        with collector_paused():  # nested: still off, and the outer block's state comes back
            states.append(gc.isenabled())
        states.append(gc.isenabled())
    states.append(gc.isenabled())
    assert states == [False, False, False, True]
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # a caller's own choice is kept
    finally:
        gc.enable()
    try:
        with collector_paused():
            raise ValueError("a bad line")
    except ValueError:
        pass
    assert gc.isenabled()
