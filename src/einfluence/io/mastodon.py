"""Reader of Mastodon REST API Status entities (timelines, statuses, search results).

Accepted layouts, detected per file: a JSON array of statuses (what ``GET
/api/v1/timelines/...`` returns), JSON Lines of statuses, or a single status object.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from einfluence.base.progress import Progress
from einfluence.i18n import Reason
from einfluence.io._html import html_to_text
from einfluence.io._json import Where, get_field, json_values, parse_iso_time
from einfluence.io._reading import ReaderContext, reader_files
from einfluence.io.records import Records

__all__ = ["account_key", "read_mastodon"]

_NETWORK = "mastodon"


def account_key(acct: str, url: str | None) -> str | None:
    """The instance-independent source id of a Mastodon account: lowercase ``user@domain``.

    Parameters
    ----------
    acct : str
        The ``acct`` of an Account or Mention: ``user@domain`` for a remote account, only
        ``user`` for an account local to the instance that served the data.
    url : str or None
        The profile URL (``https://domain/@user``), whose host completes a local ``acct``.

    Returns
    -------
    str or None
        None when ``acct`` is local and ``url`` has no host.

    Examples
    --------
    >>> account_key("Gargron", "https://mastodon.social/@Gargron")
    'gargron@mastodon.social'
    >>> account_key("alice@Piaille.FR", "https://piaille.fr/@alice")
    'alice@piaille.fr'
    """
    acct = acct.strip().lstrip("@")
    if "@" in acct:
        return acct.lower()
    host = urlsplit(url).hostname if url else None
    if not host or not acct:
        return None
    return f"{acct}@{host}".lower()


def _values(path: Path) -> Iterator[tuple[Any, Where]]:
    """Yield each status object of a file with where it is."""
    source = str(path)
    for value, line, is_lines in json_values(path):
        if is_lines:
            yield value, Where(source, line, Reason("input.json.status"))
        elif isinstance(value, list):
            for index, item in enumerate(value, start=1):
                yield item, Where(source, index, Reason("input.json.record", name="status", index=index))
        else:
            yield value, Where(source, 1, Reason("input.json.status"))


class _Builder:
    """Accumulates the rows of one import."""

    def __init__(self) -> None:
        self.acc: dict[str, list[Any]] = {
            k: [] for k in ("id", "handle", "name", "followers", "url")
        }
        self.posts: dict[str, list[Any]] = {
            k: [] for k in ("id", "author", "time", "text", "language", "url", "kind", "parent")
        }
        self.inter: dict[str, list[Any]] = {k: [] for k in ("src", "dst", "kind", "time", "post")}
        self.seen_posts: set[str] = set()
        self.repeated = 0
        self.self_loops = 0
        self.unresolved_replies = 0
        self.unknown_parents = 0

    def account(self, obj: Any, where: Where, field: str = "account") -> tuple[str, str]:
        """Add an Account; return ``(source id, instance-local id)``."""
        if not isinstance(obj, dict):
            raise where.error(Reason("input.mastodon.account", type=type(obj).__name__), field)
        local = get_field(obj, "id", (str, int), where, required=True)
        acct = get_field(obj, "acct", str, where, required=True)
        url = get_field(obj, "url", str, where)
        key = account_key(acct, url)
        if key is None:
            raise where.error(Reason("input.mastodon.instance", acct=repr(acct)), "url")
        self.acc["id"].append(key)
        self.acc["handle"].append(acct if "@" in acct else f"{acct}@{key.split('@', 1)[1]}")
        self.acc["name"].append(get_field(obj, "display_name", str, where) or None)
        self.acc["followers"].append(get_field(obj, "followers_count", int, where))
        self.acc["url"].append(url)
        return key, str(local)

    def act(self, src: str, dst: str, kind: str, when: datetime | None, post: str) -> None:
        if src == dst:
            self.self_loops += 1
            return
        for column, value in zip(
            ("src", "dst", "kind", "time", "post"), (src, dst, kind, when, post), strict=True
        ):
            self.inter[column].append(value)


def _status_id(obj: dict[str, Any], where: Where) -> str:
    uri = get_field(obj, "uri", str, where) or get_field(obj, "url", str, where)
    if not uri:
        raise where.error(Reason("input.mastodon.uri"), "uri")
    return uri


def read_mastodon(
    paths: Sequence[Path],
    *,
    progress: Progress | None = None,
    context: ReaderContext | None = None,
    network: str | None = None,
) -> Records:
    """Read Mastodon Status entities into accounts, posts and interactions.

    Parameters
    ----------
    paths : sequence of Path
        JSON (array or single status) or JSON Lines files (``*.gz`` accepted).
    progress : Progress, optional
        Advanced by the bytes of each file.
    context : ReaderContext, optional
        Unused.
    network : str, optional
        Network name; default ``"mastodon"``.

    Returns
    -------
    Records
        ``rows_read`` counts the statuses of the files (a reblogged status nested in another
        is not counted).

    Raises
    ------
    InputError
        Missing file, non-UTF-8 bytes, malformed or truncated JSON, JSON nested too deeply, a
        reblog nested in a reblogged status, a status without ``id``,
        ``created_at``, ``account`` or ``uri``/``url``, an account without ``id``/``acct``, a
        field of the wrong JSON type or a bad ``created_at``: naming the file, the line (JSON
        Lines) or record number (in a JSON array), and the field.

    Notes
    -----
    * **Identity across instances**: local status and account ids are private to the server
      that served the data, so they are not used as source ids. An account is the lowercase
      fully qualified ``user@domain``: ``acct`` when it holds a domain, else ``acct`` plus the
      host of ``account.url`` (see :func:`account_key`). A status is its ``uri`` (the
      ActivityPub id, globally unique), else its ``url``.
    * **Accounts**: handle = ``user@domain`` (as given), name = ``display_name``, followers =
      ``followers_count``, url = profile URL. Mentioned accounts are created bare.
    * **Posts**: kind ``relay`` for a reblog (parent = the reblogged status's uri), ``reply``
      when ``in_reply_to_id`` is set, else ``original``. Text is the HTML ``content`` as plain
      text (stdlib :mod:`html.parser`); url is the status ``url`` (else its uri). The parent of
      a reply is known only when the replied status (same local id) is in the import, since
      ``in_reply_to_id`` is local; otherwise it is left null and counted in the notes. A
      reblogged status nested in ``reblog`` is stored as a post with its author too.
    * **Interactions** (src = the status's account, time = ``created_at``, post = the status):
      reblog -> ``relay`` to the reblogged status's account; reply -> ``reply`` to the
      replied-to account, found by matching ``in_reply_to_account_id`` (local) with the
      ``mentions`` ids or with accounts of statuses in the same file (skipped and counted when
      not found); each mention -> ``mention`` (once per account). Nested reblogged statuses
      give no interactions (they are the original author's acts, read when that status itself
      is imported). Interactions of an account with itself are dropped and counted.
    * A status seen twice in the import is read once.

    References
    ----------
    .. [1] Mastodon documentation, "Status" and "Account" API entities,
       https://docs.joinmastodon.org/entities/Status/ and
       https://docs.joinmastodon.org/entities/Account/
    """
    network = network or _NETWORK
    files = reader_files(paths, progress, Reason("progress.read_statuses"))
    b = _Builder()
    rows = 0
    for path in files:
        statuses = list(_values(path))
        rows += len(statuses)
        # instance-local ids of the file -> global ids, for in_reply_to_id/in_reply_to_account_id
        local_status: dict[str, str] = {}
        local_account: dict[str, str] = {}
        for obj, _where in statuses:
            if isinstance(obj, dict) and isinstance(obj.get("id"), (str, int)):
                uri = obj.get("uri") or obj.get("url")
                if isinstance(uri, str) and uri:
                    local_status[str(obj["id"])] = uri
                account = obj.get("account")
                if isinstance(account, dict) and isinstance(account.get("acct"), str):
                    url = account.get("url") if isinstance(account.get("url"), str) else None
                    key = account_key(account["acct"], url)
                    if key is not None and isinstance(account.get("id"), (str, int)):
                        local_account[str(account["id"])] = key
        for obj, where in statuses:
            if not isinstance(obj, dict):
                raise where.error(Reason("input.mastodon.status", type=type(obj).__name__))
            _read_status(obj, where, b, local_status, local_account, primary=True)
        if progress is not None:
            progress.advance(path.stat().st_size)

    notes = []
    if b.unresolved_replies:
        notes.append(
            f"{b.unresolved_replies} repl(ies) whose replied-to account is unknown: interaction skipped"
        )
    if b.unknown_parents:
        notes.append(
            f"{b.unknown_parents} repl(ies) to a status not in the import: parent left empty"
        )
    if b.self_loops:
        notes.append(f"{b.self_loops} interaction(s) of an account with itself dropped")
    if b.repeated:
        notes.append(f"{b.repeated} repeated status record(s) read once")
    return Records.from_columns(
        accounts={"network": network, **b.acc},
        posts={"network": network, **b.posts},
        interactions={"network": network, **b.inter},
        rows_read=rows,
        notes=notes,
        source=", ".join(str(f) for f in files),
    )


def _read_status(
    obj: dict[str, Any],
    where: Where,
    b: _Builder,
    local_status: dict[str, str],
    local_account: dict[str, str],
    *,
    primary: bool,
) -> tuple[str, str]:
    """Add one status (and its nested reblog); return ``(status id, author id)``."""
    get_field(obj, "id", (str, int), where, required=True)
    sid = _status_id(obj, where)
    when = parse_iso_time(get_field(obj, "created_at", str, where, required=True), where)
    author, author_local = b.account(get_field(obj, "account", dict, where, required=True), where)
    reblog = get_field(obj, "reblog", dict, where)
    reblogged: tuple[str, str] | None = None
    if reblog is not None and not primary:
        # Mastodon never nests a reblog in a reblog; following such a chain would recurse
        raise where.error(Reason("input.mastodon.nested_reblog"), "reblog")
    if reblog is not None:
        inner = Where(where.path, where.line, Reason("input.json.reblog", what=where.what))
        reblogged = _read_status(reblog, inner, b, local_status, local_account, primary=False)
    content = get_field(obj, "content", str, where)
    reply_to = get_field(obj, "in_reply_to_id", (str, int), where)
    mentions = []
    for index, mention in enumerate(get_field(obj, "mentions", list, where) or [], start=1):
        if not isinstance(mention, dict):
            raise where.error(Reason("input.mastodon.mention", index=index), "mentions")
        acct = get_field(mention, "acct", str, where, required=True)
        key = account_key(acct, get_field(mention, "url", str, where))
        if key is None:
            raise where.error(
                Reason("input.mastodon.mention_instance", index=index, acct=repr(acct)), "mentions"
            )
        mid = get_field(mention, "id", (str, int), where)
        mentions.append((key, None if mid is None else str(mid)))

    if sid in b.seen_posts:
        b.repeated += 1
        return sid, author
    b.seen_posts.add(sid)
    parent = None
    if reblogged is not None:
        kind, parent = "relay", reblogged[0]
    elif reply_to is not None:
        kind = "reply"
        parent = local_status.get(str(reply_to))
        if parent is None:
            b.unknown_parents += 1
    else:
        kind = "original"
    b.posts["id"].append(sid)
    b.posts["author"].append(author)
    b.posts["time"].append(when)
    b.posts["text"].append(html_to_text(content) if content else None)
    b.posts["language"].append(get_field(obj, "language", str, where))
    b.posts["url"].append(get_field(obj, "url", str, where) or sid)
    b.posts["kind"].append(kind)
    b.posts["parent"].append(parent)
    if not primary:
        return sid, author

    if reblogged is not None:
        b.act(author, reblogged[1], "relay", when, sid)
    if reply_to is not None:
        target_local = get_field(obj, "in_reply_to_account_id", (str, int), where)
        target = None
        if target_local is not None:
            target_local = str(target_local)
            target = next((key for key, mid in mentions if mid == target_local), None)
            if target is None:
                target = author if target_local == author_local else local_account.get(target_local)
        if target is None:
            b.unresolved_replies += 1
        else:
            b.act(author, target, "reply", when, sid)
    for key in dict.fromkeys(key for key, _ in mentions):
        b.act(author, key, "mention", when, sid)
    return sid, author
