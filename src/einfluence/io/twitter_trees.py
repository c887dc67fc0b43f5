"""Reader of the Twitter15 / Twitter16 rumour propagation trees (Ma, Gao & Wong, ACL 2017)."""

from __future__ import annotations

import json
import re
import tarfile
import zlib
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from einfluence.base.collector import collector_paused
from einfluence.base.progress import NullProgress, Progress
from einfluence.exceptions import InputError
from einfluence.i18n import Reason
from einfluence.io._reading import ReaderContext, iter_lines, require_file
from einfluence.io.records import Records

__all__ = ["DEFAULT_NETWORK", "SNOWFLAKE_EPOCH_MS", "read_twitter_trees", "tweet_time_ms"]

#: Network name used when none is given: the user and tweet ids are real Twitter ids.
DEFAULT_NETWORK = "twitter"

#: Twitter's snowflake epoch (2010-11-04 01:42:54.657 UTC) in Unix milliseconds.
SNOWFLAKE_EPOCH_MS = 1288834974657

# Sequential (pre-snowflake) tweet ids never exceeded ~3e10; a snowflake id below 1e12 would
# be from the first 4 minutes of the snowflake epoch, when none was issued.
_FIRST_SNOWFLAKE = 10**12

_NODE = r"\[\s*'([^']*)'\s*,\s*'([^']*)'\s*,\s*'([^']*)'\s*\]"
_LINE = re.compile(_NODE + r"\s*->\s*" + _NODE)
# The common case in one pass over a whole file: every line well formed, ids of digits (ROOT
# allowed for the parent), plain decimal delays. A file with any other line takes the line-by-line
# path below, which accepts the same lines and names the line and field of the first bad one.
_DELAY = r"(-?\d+(?:\.\d+)?)"
_ID = r"[ \t]*'(\d+|ROOT)'[ \t]*,[ \t]*'(\d+|ROOT)'[ \t]*,[ \t]*'" + _DELAY + r"'[ \t]*\]"
_FAST_LINE = re.compile(
    r"^[ \t]*\[" + _ID + r"[ \t]*->[ \t]*\[" + _ID.replace("|ROOT", "") + r"[ \t\r]*$", re.MULTILINE
)
_DIGITS = re.compile(r"\d+")
_FIELDS = ("puid", "ptweet", "pdelay", "cuid", "ctweet", "cdelay")
_MEMBER = re.compile(r"(?:^|/)tree/(\d+)\.txt$")


def tweet_time_ms(tweet_id: int) -> int | None:
    """Unix milliseconds of a snowflake tweet id; None for a pre-snowflake (before Nov 2010) id.

    Examples
    --------
    >>> tweet_time_ms(731166399389962242)
    1463158628686
    """
    if tweet_id < _FIRST_SNOWFLAKE:
        return None
    return (tweet_id >> 22) + SNOWFLAKE_EPOCH_MS


@dataclass
class _Dataset:
    name: str
    folder: Path | None  # holds source_tweets.txt and label.txt
    trees: Path  # a tree/ folder or a *_tree.tar.gz


@dataclass
class _Out:
    """Columns of the records being built, and counters of the quirks met."""

    post_id: list[str] = field(default_factory=list)
    post_author: list[str | None] = field(default_factory=list)
    post_time: list[int | None] = field(default_factory=list)
    post_text: list[str | None] = field(default_factory=list)
    post_kind: list[str] = field(default_factory=list)
    post_parent: list[str | None] = field(default_factory=list)
    post_root: list[str | None] = field(default_factory=list)
    src: list[str] = field(default_factory=list)
    dst: list[str] = field(default_factory=list)
    kind: list[str] = field(default_factory=list)
    time: list[int | None] = field(default_factory=list)
    post: list[str] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    seen_nodes: set[tuple[str, str]] = field(default_factory=set)
    seen_trees: set[str] = field(default_factory=set)

    def add_post(self, pid, author, time, text, kind, parent, root) -> None:
        self.post_id.append(pid)
        self.post_author.append(author)
        self.post_time.append(time)
        self.post_text.append(text)
        self.post_kind.append(kind)
        self.post_parent.append(parent)
        self.post_root.append(root)


# --------------------------------------------------------------------------- locating the files


def _tar_for(folder: Path, name: str) -> Path | None:
    for candidate in (folder / f"{name}_tree.tar.gz", folder.parent / f"{name}_tree.tar.gz"):
        if candidate.is_file():
            return candidate
    return None


def _datasets(paths: Sequence[Path]) -> list[_Dataset]:
    found: list[_Dataset] = []
    for path in paths:
        path = Path(path)
        if not path.exists():
            raise InputError(Reason("input.no_file"), path=path)
        if path.is_file():
            if not path.name.endswith("_tree.tar.gz"):
                raise InputError(
                    Reason("input.trees.not_dataset"),
                    path=path,
                )
            name = path.name[: -len("_tree.tar.gz")]
            folder = next(
                (
                    f
                    for f in (path.parent / name, path.parent)
                    if (f / "source_tweets.txt").is_file()
                ),
                None,
            )
            found.append(_Dataset(name, folder, path))
        elif (path / "source_tweets.txt").is_file():
            trees = path / "tree" if (path / "tree").is_dir() else _tar_for(path, path.name)
            if trees is None:
                raise InputError(
                    Reason("input.trees.no_tree", name=path.name),
                    path=path,
                )
            found.append(_Dataset(path.name, path, trees))
        else:
            subs = [
                sub
                for sub in sorted(path.iterdir())
                if sub.is_dir() and (sub / "source_tweets.txt").is_file()
            ]
            if not subs:
                raise InputError(
                    Reason("input.trees.no_source"),
                    path=path,
                )
            found.extend(_datasets(subs))
    return found


def _tree_files(dataset: _Dataset, progress: Progress) -> Iterator[tuple[str, str, bytes]]:
    """Yield (name for errors, source tweet id, bytes) of each tree file, streaming a tar."""
    trees = dataset.trees
    if trees.is_dir():
        files = sorted(trees.glob("*.txt"))
        progress.start(Reason("progress.read_trees", name=dataset.name), sum(f.stat().st_size for f in files), "bytes")
        for f in files:
            if not _DIGITS.fullmatch(f.stem):
                raise InputError(Reason("input.trees.file_name"), path=f)
            data = f.read_bytes()
            progress.advance(len(data))
            yield str(f), f.stem, data
        return
    progress.start(Reason("progress.read_file", file=trees.name), trees.stat().st_size, "bytes")
    try:
        with open(trees, "rb") as raw, tarfile.open(fileobj=raw, mode="r|gz") as archive:
            done = 0
            for member in archive:
                if not member.isfile():
                    continue
                name = f"{trees}:{member.name}"
                match = _MEMBER.search(member.name)
                if match is None:
                    continue  # not a tree file (a README, ...)
                handle = archive.extractfile(member)
                data = handle.read() if handle is not None else b""
                position = raw.tell()
                progress.advance(position - done)
                done = position
                yield name, match.group(1), data
    except (tarfile.TarError, EOFError, zlib.error, OSError) as exc:
        raise InputError(Reason("input.trees.archive", detail=str(exc)), path=trees) from None


# --------------------------------------------------------------------------- side files


def _source_texts(folder: Path | None) -> dict[str, str]:
    texts: dict[str, str] = {}
    if folder is None:
        return texts
    path = require_file(folder / "source_tweets.txt")
    for lineno, text in iter_lines(path):
        if not text.strip():
            continue
        tweet, sep, body = text.partition("\t")
        if not sep:
            raise InputError(Reason("input.trees.text_line"), path=path, line=lineno, field="text")
        if not _DIGITS.fullmatch(tweet):
            raise InputError(Reason("input.trees.tweet_id", found=repr(tweet)), path=path, line=lineno, field="tweet_id")
        texts.setdefault(tweet, body)
    return texts


def _labels(folder: Path | None) -> dict[str, str]:
    """The veracity label of each source tweet id (``label.txt``: ``label:tweet_id`` lines)."""
    labels: dict[str, str] = {}
    if folder is None or not (folder / "label.txt").is_file():
        return labels
    path = folder / "label.txt"
    for lineno, text in iter_lines(path):
        if not text.strip():
            continue
        label, sep, tweet = text.strip().rpartition(":")
        if not sep or not _DIGITS.fullmatch(tweet):
            raise InputError(Reason("input.trees.label_line"), path=path, line=lineno, field="tweet_id")
        if not label:
            raise InputError(Reason("input.trees.empty_label"), path=path, line=lineno, field="label")
        labels[tweet] = label
    return labels


# --------------------------------------------------------------------------- one tree


def _parse_tree(name: str, data: bytes) -> list[tuple[int, tuple[str, ...], float, float]]:
    """Parse and validate the lines of a tree file: (line, six fields, pdelay, cdelay)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(Reason("input.utf8"), path=name, line=line) from None
    found = _FAST_LINE.findall(text)
    # every line matched (a match never spans two lines), and no parent ROOT for a child's tweet
    if len(found) == text.count("\n") + (not text.endswith("\n")) and not any(
        g[1] == "ROOT" and g[0] != "ROOT" for g in found
    ):
        return [(lineno, g, float(g[2]), float(g[5])) for lineno, g in enumerate(found, 1)]
    rows = []
    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        match = _LINE.fullmatch(line)
        if match is None:
            raise InputError(
                Reason("input.trees.edge_line"),
                path=name,
                line=lineno,
            )
        groups = match.groups()
        is_root = groups[0] == "ROOT"
        for i in (0, 1, 3, 4):
            if not (_DIGITS.fullmatch(groups[i]) or (is_root and i < 3 and groups[i] == "ROOT")):
                what = "input.trees.user_id" if i in (0, 3) else "input.trees.tweet_id"
                raise InputError(
                    Reason(what, found=repr(groups[i])), path=name, line=lineno, field=_FIELDS[i]
                )
        delays = []
        for i in (2, 5):
            try:
                delays.append(float(groups[i]))
            except ValueError:
                raise InputError(
                    Reason("input.trees.delay", found=repr(groups[i])),
                    path=name,
                    line=lineno,
                    field=_FIELDS[i],
                ) from None
        rows.append((lineno, groups, delays[0], delays[1]))
    return rows


def _read_tree(name: str, source_id: str, data: bytes, texts: dict[str, str], out: _Out) -> None:
    rows = _parse_tree(name, data)
    counts = out.counts
    counts["lines"] += len(rows)
    roots = [r for r in rows if r[1][0] == "ROOT"]
    if not roots:
        raise InputError(Reason("input.trees.no_root"), path=name)
    if len(roots) > 1:
        raise InputError(Reason("input.trees.roots"), path=name, line=roots[1][0])
    if roots[0] is not rows[0]:
        counts["root_not_first"] += 1
    root_uid, root_tweet = roots[0][1][3], roots[0][1][4]
    if root_tweet != source_id:
        counts["root_is_other_tweet"] += 1
    t0 = tweet_time_ms(int(source_id))
    if t0 is None:
        counts["pre_snowflake"] += 1

    def at(delay: float) -> int | None:
        return None if t0 is None else t0 + round(delay * 60_000)

    # pass 1: the author of each tweet id = the first user seen posting it (the ROOT child,
    # then children whose tweet differs from their parent's)
    author: dict[str, str] = {root_tweet: root_uid}
    for _, g, _, _ in rows:
        if g[0] != "ROOT" and g[4] != g[1]:
            author.setdefault(g[4], g[3])

    root_node = (root_uid, root_tweet)
    if source_id in out.seen_trees:
        counts["tree_seen_twice"] += 1
    out.seen_trees.add(source_id)
    if root_node not in out.seen_nodes:
        out.seen_nodes.add(root_node)
        out.add_post(
            root_tweet, root_uid, at(roots[0][3]), texts.get(root_tweet), "original", None, None
        )
    parent_of: dict[str, str] = {}
    lines_seen: set[tuple[str, ...]] = set()
    tree_nodes: set[tuple[str, str]] = set()
    first = len(out.src)
    first_post = len(out.post_id)
    # the loop of every line of every tree, its names bound once and its helpers written out: the
    # post of (uid, tweet) is the tweet itself when uid is its author, else the retweet
    # "tweet/rt/uid"; a node's time is at(cdelay); its post goes to out.add_post's columns
    seen_nodes = out.seen_nodes
    post_id, post_author, post_time = out.post_id.append, out.post_author.append, out.post_time.append
    post_text, post_kind = out.post_text.append, out.post_kind.append
    post_parent, post_root = out.post_parent.append, out.post_root.append
    src, dst, kinds, times, posts = out.src.append, out.dst.append, out.kind.append, out.time.append, out.post.append
    author_of = author.get
    for _, g, _, cdelay in rows:
        puid, ptweet, _, cuid, ctweet, _ = g
        if puid == "ROOT":
            continue
        node = (cuid, ctweet)
        if node == root_node:
            counts["lines_into_root"] += 1
            continue
        if cuid == puid and ctweet == ptweet:
            counts["self_lines"] += 1
            continue
        if node in seen_nodes:
            if g in lines_seen:
                counts["duplicate_lines"] += 1
            elif node in tree_nodes:
                counts["lines_with_another_parent"] += 1
            else:
                counts["nodes_already_read_from_another_tree"] += 1
            lines_seen.add(g)
            continue
        lines_seen.add(g)
        tree_nodes.add(node)
        seen_nodes.add(node)
        pid = ctweet if author_of(ctweet, cuid) == cuid else f"{ctweet}/rt/{cuid}"
        parent = ptweet if author_of(ptweet, puid) == puid else f"{ptweet}/rt/{puid}"
        time = None if t0 is None else t0 + round(cdelay * 60_000)
        kind = "relay" if pid != ctweet else "reply"
        post_id(pid)
        post_author(cuid)
        post_time(time)
        post_text(None)
        post_kind(kind)
        post_parent(parent)
        post_root(root_tweet)
        parent_of[pid] = parent
        src(cuid)
        dst(puid)
        kinds(kind)
        times(time)
        posts(pid)
    # break cycles of the parent links (contradictory lines): drop the line closing each
    state: dict[str, int] = {}
    dropped: set[str] = set()
    for start in parent_of:
        path = []
        node: str | None = start
        while node is not None and node in parent_of and node not in state:
            state[node] = 1
            path.append(node)
            node = parent_of[node]
        if node is not None and state.get(node) == 1:  # back on the current path: a cycle
            dropped.add(path[-1])
        for p in path:
            state[p] = 2
    if dropped:
        counts["cycle_lines"] += len(dropped)
        keep = [i for i in range(first, len(out.src)) if out.post[i] not in dropped]
        for column in (out.src, out.dst, out.kind, out.time, out.post):
            column[first:] = [column[i] for i in keep]
        for i in range(first_post, len(out.post_id)):
            if out.post_id[i] in dropped:
                out.post_parent[i] = None


def read_twitter_trees(
    paths: Sequence[Path],
    *,
    progress: Progress | None = None,
    context: ReaderContext | None = None,
    network: str | None = None,
) -> Records:
    """Read Twitter15 / Twitter16 propagation trees with their source tweets.

    Parameters
    ----------
    paths : sequence of Path
        Each one of: a dataset folder (``twitter15``) holding ``source_tweets.txt``,
        ``label.txt`` and either a ``tree/`` folder of ``<tweet_id>.txt`` files or a
        ``twitter15_tree.tar.gz`` (inside or beside the folder, members
        ``twitter15/tree/<id>.txt``, read as a stream without extracting); such an archive
        itself (the texts are then taken from the sibling ``twitter15/`` folder when present);
        or the parent folder of ``twitter15`` and ``twitter16`` (both are read).
    progress : Progress, optional
        Receives progress in bytes of the trees.
    context : ReaderContext, optional
        Unused.
    network : str, optional
        Default ``"twitter"``: the user and tweet ids are real Twitter ids.

    Returns
    -------
    Records
        Posts and interactions (accounts are created by the store from the user ids):

        * the ROOT line ``['ROOT', 'ROOT', '0.0']->[uid, tweet, delay]`` gives the source post,
          kind ``original``, author ``uid``, text from ``source_tweets.txt``;
        * each other line ``parent->child`` is an interaction ``src=child uid``,
          ``dst=parent uid``, kind ``relay`` when the child is a retweet and ``reply``
          otherwise, with ``post`` = the child's post, and gives that post (``parent`` = the
          parent node's post, ``root`` = the source post). A reply keeps its tweet id; a
          retweet has no id of its own and gets ``<tweet_id>/rt/<uid>``.

        A child is a retweet when its tweet id belongs to another user: the author of a tweet
        id is the ROOT child for the source, else the first user carrying it on a line where
        it differs from the parent's tweet id. In practice this is the rule "child tweet id ==
        parent tweet id" plus the few odd trees described below.

    Raises
    ------
    InputError
        Missing files; a line that is not two ``['uid', 'tweet_id', 'delay']`` lists joined by
        ``->``; a non-numeric id or delay; a tree without ROOT line or with several;
        malformed ``source_tweets.txt`` / ``label.txt``; non-UTF-8 bytes; a corrupt archive.
        Errors name ``archive.tar.gz:member`` (or the file), the line and the field
        (``puid``, ``ptweet``, ``pdelay``, ``cuid``, ``ctweet``, ``cdelay``).

    Notes
    -----
    *Times.* The source time ``T0`` is decoded from the file's tweet id (a snowflake id):
    ``ms = (id >> 22) + 1288834974657``. Every node is at ``T0 + delay`` minutes (rounded to
    the millisecond), including the ROOT child, whose delay is not always 0. Pre-snowflake ids
    (below 10**12, tweets before November 2010) carry no time: the whole tree then gets null
    times (none occurs in the published data).

    *Quirks, as measured on the published files* (Twitter15 / Twitter16) and counted in
    ``Records.notes`` for each import:

    * every tree has exactly one ROOT line, but in 17 / 10 trees it is not the first line
      (these are the trees SOURCE.md counts as lacking a first ROOT line); ROOT lines are not
      interactions;
    * in 8 / 9 trees the ROOT child is another (earlier) tweet than the file's id; the file's
      tweet then appears inside the tree and gets the text of ``source_tweets.txt``;
    * a node (same user and tweet id) is one post and one interaction, from its first line in
      file order; later lines for it are not stored: 16,545 / 9,996 exact duplicate lines,
      7,026 / 3,240 lines giving a node another parent, 976 / 56,059 nodes already read from
      another tree (the 169 shared trees account for most of the latter);
    * 589 / 474 lines whose child is the source node and 1,057 / 688 lines whose child equals
      the parent are not interactions;
    * delays may be negative (tweets before the source); they are kept;
    * parent links that would close a cycle are dropped (the line's interaction too);
    * 169 trees are in both datasets; importing both in one go stores each node once, and
      separate imports agree on ids, so the store does not duplicate them -- except where
      the two copies give a node different parents (425 interactions when twitter16 is
      imported after both).

    Both datasets give 987,994 lines, 889,036 interactions and 891,164 posts in one import.

    The veracity labels of ``label.txt`` (``false``, ``true``, ``unverified``, ``non-rumor``)
    are kept as the source post's attributes, ``{"veracity": "false"}`` (query them with
    ``attributes->>'veracity'``); the note counts them.

    References
    ----------
    .. [1] J. Ma, W. Gao, K.-F. Wong, "Detect Rumors in Microblog Posts Using Propagation
       Structure via Kernel Learning", ACL 2017, pp. 708-717.
    .. [2] X. Liu et al., "Real-time Rumor Debunking on Twitter", CIKM 2015 (Twitter15).
    .. [3] J. Ma et al., "Detecting Rumors from Microblogs with Recurrent Neural Networks",
       IJCAI 2016 (Twitter16).
    """
    with collector_paused():  # a million tuples and strings, none of them garbage
        return _read_twitter_trees(paths, progress or NullProgress(), network or DEFAULT_NETWORK)


def _read_twitter_trees(paths: Sequence[Path], progress: Progress, network: str) -> Records:
    out = _Out()
    notes: list[str] = []
    all_texts: dict[str, str] = {}
    labels: dict[str, str] = {}
    for dataset in _datasets(paths):
        texts = _source_texts(dataset.folder)
        all_texts.update(texts)
        found = _labels(dataset.folder)
        labels.update(found)
        notes.extend(_read_dataset(dataset, texts, found, out, progress))
    # texts of source tweets that are not a ROOT child: on their post in the tree, or on a
    # post of their own (text and time, no author) when the tree does not hold them
    present = set(out.post_id)
    for tweet, body in all_texts.items():
        if tweet not in present:
            out.add_post(tweet, None, tweet_time_ms(int(tweet)), body, "original", None, None)
            out.counts["source_tweets_outside_their_tree"] += 1
    post_text = [
        t if t is not None else all_texts.get(pid)
        for pid, t in zip(out.post_id, out.post_text, strict=True)
    ]
    if out.counts["source_tweets_outside_their_tree"]:
        notes.append(
            f"{out.counts['source_tweets_outside_their_tree']} source tweets absent from their "
            "tree stored as posts without author"
        )
    attributes = _label_attributes(out, labels, notes)
    return _records(
        out, post_text, attributes, network, notes, str(paths[0]) if len(paths) == 1 else "<twitter trees>"
    )


def _label_attributes(out: _Out, labels: dict[str, str], notes: list[str]) -> list[str | None]:
    """The ``attributes`` of each post: ``{"veracity": label}`` for the labelled source tweets.

    A labelled tweet that no tree or text gives is stored as a post of its own (id and label).
    """
    attributes: list[str | None] = [None] * len(out.post_id)
    index = {pid: i for i, pid in enumerate(out.post_id) if pid in labels}
    absent = 0
    for tweet, label in labels.items():
        value = json.dumps({"veracity": label})
        if tweet in index:
            attributes[index[tweet]] = value
        else:
            out.add_post(tweet, None, tweet_time_ms(int(tweet)), None, "original", None, None)
            attributes.append(value)
            absent += 1
    if labels:
        counts = Counter(labels.values())
        notes.append(
            "veracity labels stored as post attributes ({\"veracity\": ...}): "
            + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        )
    if absent:
        notes.append(f"{absent} labelled tweets absent from the trees and texts stored as posts with their label only")
    return attributes


def _read_dataset(
    dataset: _Dataset, texts: dict[str, str], labels: dict[str, str], out: _Out, progress: Progress
) -> list[str]:
    """Read every tree of a dataset into ``out``; return its notes (counts, missing texts, labels)."""
    before = Counter(out.counts)
    trees = 0
    for name, source_id, data in _tree_files(dataset, progress):
        _read_tree(name, source_id, data, texts, out)
        trees += 1
    delta = out.counts - before
    notes = [
        f"{dataset.name}: {trees} trees, {delta['lines']} lines; "
        + ", ".join(
            f"{k.replace('_', ' ')} {v}" for k, v in sorted(delta.items()) if k != "lines"
        )
    ]
    if dataset.folder is None:
        notes.append(f"{dataset.name}: source_tweets.txt not found, posts have no text")
    if dataset.folder is not None and not labels:
        notes.append(f"{dataset.name}: no label.txt, posts have no veracity label")
    return notes


def _records(
    out: _Out, post_text: list[str | None], attributes: list[str | None], network: str, notes: list[str], source: str
) -> Records:
    """The posts and interactions gathered in ``out`` as records (times in milliseconds)."""
    ms = pa.timestamp("ms")
    return Records.from_columns(
        posts={
            "network": network,
            "id": pa.array(out.post_id, pa.string()),
            "author": pa.array(out.post_author, pa.string()),
            "time": pa.array(out.post_time, pa.int64()).cast(ms),
            "text": pa.array(post_text + [None] * (len(out.post_id) - len(post_text)), pa.string()),
            "kind": pa.array(out.post_kind, pa.string()),
            "attributes": pa.array(attributes, pa.string()),
            "parent": pa.array(out.post_parent, pa.string()),
            "root": pa.array(out.post_root, pa.string()),
        },
        interactions={
            "network": network,
            "src": pa.array(out.src, pa.string()),
            "dst": pa.array(out.dst, pa.string()),
            "kind": pa.array(out.kind, pa.string()),
            "time": pa.array(out.time, pa.int64()).cast(ms),
            "post": pa.array(out.post, pa.string()),
        },
        rows_read=out.counts["lines"],
        notes=notes,
        source=source,
    )
