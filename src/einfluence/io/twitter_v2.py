"""Reader of Twitter API v2 tweet JSON: response objects (``data`` + ``includes``) or bare tweets.

Accepted layouts, detected per file:

* one response object ``{"data": [tweets] or tweet, "includes": {"users": [...], "tweets": [...]}}``
  (as returned by ``GET /2/tweets/search/recent`` and the other tweet lookup endpoints);
* JSON Lines, one response object per line (a paginated collection);
* JSON Lines, one bare tweet object per line (also a single bare tweet, or a JSON array of
  tweets).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from einfluence.base.progress import Progress
from einfluence.exceptions import InputError
from einfluence.i18n import Reason
from einfluence.io._json import Where, get_field, json_values, parse_iso_time
from einfluence.io._reading import ReaderContext, reader_files
from einfluence.io.records import Records

__all__ = ["parse_twitter_time", "read_twitter_v2"]

_NETWORK = "twitter"
_RT_PREFIX = re.compile(r"^RT @([A-Za-z0-9_]{1,50}):")
_REF_KINDS = {"retweeted": "relay", "replied_to": "reply", "quoted": "quote"}
_RESPONSE_KEYS = frozenset({"data", "includes", "meta", "errors"})


def parse_twitter_time(value: Any, where: Where | None = None, field: str = "created_at") -> datetime:
    """Parse an ISO 8601 time of the API (``2022-05-05T13:07:51.000Z``) to naive UTC.

    A time without offset is taken as UTC.

    Raises
    ------
    InputError
        When ``value`` is not a string or not an ISO 8601 date-time.

    Examples
    --------
    >>> parse_twitter_time("2022-05-05T13:07:51.000Z")
    datetime.datetime(2022, 5, 5, 13, 7, 51)
    """
    return parse_iso_time(value, where or Where("<twitter>", None, "tweet"), field)


def _id(obj: dict[str, Any], key: str, where: Where, required: bool = False) -> str | None:
    value = get_field(obj, key, (str, int), where, required)
    if value is None:
        return None
    value = str(value)
    if not value:
        raise where.error(Reason("input.twitter.empty_id"), key)
    return value


@dataclass
class _Tweet:
    obj: dict[str, Any]
    where: Where
    primary: bool  # from ``data`` (or a bare tweet), not from ``includes.tweets``


def _collect(path: Path, tweets: list[_Tweet], users: list[tuple[dict[str, Any], Where]]) -> int:
    """Add the tweets and users of a file; returns the number of records read."""
    source = str(path)
    rows = 0

    def add_tweets(items: Any, line: int | None, is_lines: bool, label: str, primary: bool) -> None:
        nonlocal rows
        if items is None:
            return
        if isinstance(items, dict):
            items = [items]
        if not isinstance(items, list):
            raise InputError(
                Reason("input.twitter.tweets", type=type(items).__name__),
                path=source,
                line=line,
                field=label,
            )
        for index, item in enumerate(items, start=1):
            where = Where(source, line if is_lines else index, Reason("input.json.record", name=label, index=index))
            if not isinstance(item, dict):
                raise where.error(Reason("input.twitter.tweet", type=type(item).__name__), label)
            tweets.append(_Tweet(item, where, primary))
            rows += 1

    for value, line, is_lines in json_values(path):
        where = Where(source, line if is_lines else 1, Reason("input.json.top"))
        if isinstance(value, list) and not is_lines:
            add_tweets(value, None, False, "tweets", True)
            continue
        if not isinstance(value, dict):
            raise where.error(Reason("input.twitter.json_object", type=type(value).__name__))
        if value.keys() & _RESPONSE_KEYS and "id" not in value:
            add_tweets(value.get("data"), line, is_lines, "data", True)
            includes = value.get("includes") or {}
            if not isinstance(includes, dict):
                raise where.error(Reason("input.twitter.object"), "includes")
            add_tweets(includes.get("tweets"), line, is_lines, "includes.tweets", False)
            listed = includes.get("users") or []
            if not isinstance(listed, list):
                raise where.error(Reason("input.twitter.users"), "includes.users")
            for index, user in enumerate(listed, start=1):
                uwhere = Where(
                    source, line if is_lines else index, Reason("input.json.record", name="includes.users", index=index)
                )
                if not isinstance(user, dict):
                    raise uwhere.error(Reason("input.twitter.user"), "includes.users")
                users.append((user, uwhere))
        else:
            tweets.append(_Tweet(value, Where(source, line if is_lines else 1, Reason("input.json.tweet")), True))
            rows += 1
    return rows


def read_twitter_v2(
    paths: Sequence[Path],
    *,
    progress: Progress | None = None,
    context: ReaderContext | None = None,
    network: str | None = None,
) -> Records:
    """Read Twitter API v2 tweets and users into accounts, posts and interactions.

    Parameters
    ----------
    paths : sequence of Path
        JSON or JSON Lines files (``*.gz`` accepted), read together (a retweet in one file may
        find its original's author in another).
    progress : Progress, optional
        Advanced by the bytes of each file.
    context : ReaderContext, optional
        Unused.
    network : str, optional
        Network name; default ``"twitter"``.

    Returns
    -------
    Records
        ``rows_read`` counts tweet records (``data`` and ``includes.tweets``).

    Raises
    ------
    InputError
        Missing file, non-UTF-8 bytes, malformed, truncated or too deeply nested JSON (naming
        the line), a tweet
        without ``id``/``text``/``author_id``, a field of the wrong JSON type, a bad
        ``created_at``, or an unknown ``referenced_tweets`` type. For JSON Lines the line is the
        file line; for a single JSON document it is the record number inside its list (the
        message says which list, e.g. ``data record 3``).

    Notes
    -----
    * **Accounts** come from ``includes.users``: id, ``username`` -> handle, ``name``,
      ``public_metrics.followers_count`` -> followers (``verified`` and the rest are ignored).
    * **Posts**: every tweet of ``data`` and ``includes.tweets`` (a tweet seen twice is taken
      once: the ``data`` copy wins). Kind: ``relay`` for a retweet, else ``reply``, else
      ``quote``, else ``original``; ``parent`` is the tweet referenced by that kind; ``root`` is
      ``conversation_id`` when it differs from the tweet's own id. Text is kept as given.
    * **Interactions** (only from ``data`` tweets; src = the tweet's author, time = its
      ``created_at``, post = its id):

      - retweet -> ``relay`` to the retweeted tweet's author, taken from the tweets of the
        import (``includes.tweets``); else from the ``RT @handle:`` text prefix or, failing it,
        the first mention; if still unknown the interaction is skipped and counted in
        ``Records.notes``;
      - reply -> ``reply`` to ``in_reply_to_user_id`` (else to the replied tweet's author);
      - quote -> ``quote`` to the quoted tweet's author (skipped, and counted, when unknown);
      - each mentioned user -> ``mention`` (once per user and tweet), except, in a retweet,
        the retweeted author: the ``RT @handle:`` mention is not a separate act.

      An interaction of an account with itself (a reply in one's own thread) is dropped and
      counted in the notes.
    * **Mentions without id**: the username is resolved through ``includes.users``
      (case-insensitively); when it is not there the account's source id is ``@`` followed by
      the lowercase username (stable across imports, and distinct from the numeric ids Twitter
      uses; such an account is a different row from the same user later seen with its id).
    * Times are ISO 8601 (``...Z``) converted to naive UTC; a time without offset is UTC.

    References
    ----------
    .. [1] Twitter API v2 data dictionary: Tweet object, User object, expansions,
       https://developer.twitter.com/en/docs/twitter-api/data-dictionary/introduction
    """
    network = network or _NETWORK
    files = reader_files(paths, progress, Reason("progress.read_tweets"))
    tweets: list[_Tweet] = []
    users: list[tuple[dict[str, Any], Where]] = []
    rows = 0
    for path in files:
        rows += _collect(path, tweets, users)
        if progress is not None:
            progress.advance(path.stat().st_size)
    acc, names = _accounts(users)
    unique, repeated, author_of = _unique_tweets(tweets)
    posts: dict[str, list[Any]] = {
        k: [] for k in ("id", "author", "time", "text", "language", "kind", "parent", "root")
    }
    inter: dict[str, list[Any]] = {k: [] for k in ("src", "dst", "kind", "time", "post")}
    skipped = {"relay": 0, "quote": 0, "reply": 0}
    self_loops = 0
    for tid, tweet in unique.items():
        obj, where = tweet.obj, tweet.where
        text = get_field(obj, "text", str, where, required=tweet.primary)
        created = obj.get("created_at")
        when = parse_twitter_time(created, where) if created is not None else None
        conversation = _id(obj, "conversation_id", where)
        refs = _references(obj, where)
        kind_ref = next((r for r in ("retweeted", "replied_to", "quoted") if r in refs), None)
        mentions = _mentions(obj, where)
        author = author_of.get(tid)
        posts["id"].append(tid)
        posts["author"].append(author)
        posts["time"].append(when)
        posts["text"].append(text)
        posts["language"].append(get_field(obj, "lang", str, where))
        posts["kind"].append(_REF_KINDS[kind_ref] if kind_ref else "original")
        posts["parent"].append(refs[kind_ref] if kind_ref else None)
        posts["root"].append(conversation if conversation and conversation != tid else None)
        if not tweet.primary or author is None:
            continue
        for kind, target in _acts(obj, where, text, refs, mentions, author_of, names, skipped):
            if target == author:
                self_loops += 1
                continue
            inter["src"].append(author)
            inter["dst"].append(target)
            inter["kind"].append(kind)
            inter["time"].append(when)
            inter["post"].append(tid)

    for key, username in names.mention_only.items():
        acc["id"].append(key)
        acc["handle"].append(username)
        acc["name"].append(None)
        acc["followers"].append(None)
    return Records.from_columns(
        accounts={"network": network, **acc},
        posts={"network": network, **posts},
        interactions={"network": network, **inter},
        rows_read=rows,
        notes=_notes(skipped, self_loops, repeated, len(names.mention_only)),
        source=", ".join(str(f) for f in files),
    )


class _Usernames:
    """Account ids by username (from ``includes.users``), and the accounts known only by one."""

    def __init__(self, by_name: dict[str, str]) -> None:
        self.by_name = by_name
        self.mention_only: dict[str, str] = {}  # "@name" -> username

    def __call__(self, username: str) -> str:
        """The id of the user with this username, else ``@`` and the lowercase username."""
        key = username.lower()
        if key in self.by_name:
            return self.by_name[key]
        self.mention_only.setdefault("@" + key, username)
        return "@" + key


def _accounts(users: list[tuple[dict[str, Any], Where]]) -> tuple[dict[str, list[Any]], _Usernames]:
    """The account columns of ``includes.users``, and the username -> id map for mentions."""
    acc: dict[str, list[Any]] = {k: [] for k in ("id", "handle", "name", "followers")}
    by_name: dict[str, str] = {}
    for user, where in users:
        uid = _id(user, "id", where, required=True)
        username = get_field(user, "username", str, where)
        metrics = get_field(user, "public_metrics", dict, where) or {}
        followers = get_field(metrics, "followers_count", int, where)
        acc["id"].append(uid)
        acc["handle"].append(username)
        acc["name"].append(get_field(user, "name", str, where))
        acc["followers"].append(followers)
        if username:
            by_name[username.lower()] = uid
    return acc, _Usernames(by_name)


def _unique_tweets(tweets: list[_Tweet]) -> tuple[dict[str, _Tweet], int, dict[str, str]]:
    """One copy of each tweet (``data`` first), how many copies were dropped, and each known
    tweet's author."""
    unique: dict[str, _Tweet] = {}
    repeated = 0
    for tweet in sorted(tweets, key=lambda t: not t.primary):
        tid = _id(tweet.obj, "id", tweet.where, required=True)
        if tid in unique:
            repeated += 1
            continue
        unique[tid] = tweet
    author_of: dict[str, str] = {}
    for tid, tweet in unique.items():
        author = _id(tweet.obj, "author_id", tweet.where, required=tweet.primary)
        if author is not None:
            author_of[tid] = author
    return unique, repeated, author_of


def _references(obj: dict[str, Any], where: Where) -> dict[str, str]:
    """The tweet's ``referenced_tweets``: type -> id (the first of each type)."""
    refs: dict[str, str] = {}
    for index, ref in enumerate(get_field(obj, "referenced_tweets", list, where) or [], start=1):
        if not isinstance(ref, dict):
            raise where.error(
                Reason("input.twitter.reference", index=index), "referenced_tweets"
            )
        rtype = get_field(ref, "type", str, where, required=True)
        if rtype not in _REF_KINDS:
            raise where.error(
                Reason("input.twitter.reference_type", type=repr(rtype), expected=", ".join(_REF_KINDS)),
                "referenced_tweets.type",
            )
        refs.setdefault(rtype, _id(ref, "id", where, required=True))
    return refs


def _mentions(obj: dict[str, Any], where: Where) -> list[tuple[str | None, str | None]]:
    """The tweet's ``entities.mentions`` as (id, username) pairs, either possibly None."""
    entities = get_field(obj, "entities", dict, where) or {}
    mentions: list[tuple[str | None, str | None]] = []
    for index, mention in enumerate(get_field(entities, "mentions", list, where) or [], start=1):
        if not isinstance(mention, dict):
            raise where.error(Reason("input.twitter.mention", index=index), "entities.mentions")
        mid = _id(mention, "id", where)
        mname = get_field(mention, "username", str, where)
        if mid is None and not mname:
            raise where.error(
                Reason("input.twitter.mention_empty", index=index), "entities.mentions"
            )
        mentions.append((mid, mname))
    return mentions


def _acts(
    obj: dict[str, Any],
    where: Where,
    text: str | None,
    refs: dict[str, str],
    mentions: list[tuple[str | None, str | None]],
    author_of: dict[str, str],
    user_by_name: _Usernames,
    skipped: dict[str, int],
) -> list[tuple[str, str]]:
    """The interactions of a ``data`` tweet, as (kind, target account) (see the reader's Notes).

    Counts in ``skipped`` the relays, replies and quotes whose target is unknown.
    """
    acts: list[tuple[str, str]] = []
    rt_author: str | None = None
    if "retweeted" in refs:
        rt_author = author_of.get(refs["retweeted"])
        if rt_author is None:
            prefix = _RT_PREFIX.match(text or "")
            if prefix:
                handle = prefix.group(1).lower()
                rt_author = next(
                    (
                        mid
                        for mid, mname in mentions
                        if mid and mname and mname.lower() == handle
                    ),
                    None,
                ) or user_by_name(prefix.group(1))
            elif mentions:
                mid, mname = mentions[0]
                rt_author = mid or user_by_name(mname or "")
        if rt_author is None:
            skipped["relay"] += 1
        else:
            acts.append(("relay", rt_author))
    if "replied_to" in refs:
        target = _id(obj, "in_reply_to_user_id", where) or author_of.get(refs["replied_to"])
        if target is None:
            skipped["reply"] += 1
        else:
            acts.append(("reply", target))
    elif "in_reply_to_user_id" in obj and obj["in_reply_to_user_id"] is not None:
        acts.append(("reply", _id(obj, "in_reply_to_user_id", where)))  # type: ignore[arg-type]
    if "quoted" in refs:
        target = author_of.get(refs["quoted"])
        if target is None:
            skipped["quote"] += 1
        else:
            acts.append(("quote", target))
    seen_mentions: set[str] = set()
    for mid, mname in mentions:
        target = mid or user_by_name(mname or "")
        if target == rt_author or target in seen_mentions:
            continue
        seen_mentions.add(target)
        acts.append(("mention", target))
    return acts


def _notes(skipped: dict[str, int], self_loops: int, repeated: int, n_mention_only: int) -> list[str]:
    """What the reader skipped, dropped or guessed, in words."""
    notes = []
    names = {
        "relay": "retweet(s) whose original author is unknown",
        "quote": "quote(s) of a tweet whose author is unknown",
        "reply": "reply(ies) whose replied-to account is unknown",
    }
    for kind, count in skipped.items():
        if count:
            notes.append(f"{count} {names[kind]}: interaction skipped")
    if self_loops:
        notes.append(
            f"{self_loops} interaction(s) of an account with itself dropped (self-replies, self-mentions)"
        )
    if repeated:
        notes.append(f"{repeated} repeated tweet record(s) read once")
    if n_mention_only:
        notes.append(
            f"{n_mention_only} account(s) known only by a mentioned username, stored as '@username'"
        )
    return notes
