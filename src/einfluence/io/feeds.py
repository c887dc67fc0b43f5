"""Reader of RSS 2.0 and Atom feeds: one blog account per feed, one post per entry.

Links in an entry's content towards another *known* blog become ``hyperlink`` interactions, so
that feeds can extend a stored blog network such as polblogs.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser

from einfluence.base.progress import Progress
from einfluence.exceptions import InputError
from einfluence.i18n import Reason
from einfluence.io._html import html_to_text, parse_html
from einfluence.io._reading import ReaderContext, decode_utf8, read_all_bytes, require_file
from einfluence.io.records import Records

__all__ = ["FEED_SUFFIXES", "html_to_text", "normalise_blog_url", "read_feeds"]

#: Files of a folder that are read as feeds.
FEED_SUFFIXES: tuple[str, ...] = (".xml", ".rss", ".atom")

_NETWORK = "blog"
_ENCODING_DECL = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_ENTRY_START = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)[\s>/]")
# recoverable XML problems of real feeds: the lenient parse is kept
_TOLERATED = ("undefined entity",)


def normalise_blog_url(url: str) -> str | None:
    """Return the blog source id of a URL: lowercase host without ``www.`` + path, no final ``/``.

    The scheme, port, query and fragment are dropped; the path keeps its case.

    Parameters
    ----------
    url : str
        An absolute ``http``/``https`` URL, or a scheme-less ``host/path``.

    Returns
    -------
    str or None
        The normalised id, or None when the URL has no dotted host (relative, ``mailto:``,
        a bare word, ...).

    Examples
    --------
    >>> normalise_blog_url("https://www.DailyKos.com/")
    'dailykos.com'
    >>> normalise_blog_url("http://12thharmonic.com/wordpress/archives/42?x=1#c")
    '12thharmonic.com/wordpress/archives/42'
    """
    url = url.strip()
    if "://" not in url:
        if url.startswith(("/", "#", "?")) or ":" in url.split("/")[0]:
            return None
        url = "http://" + url
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not host or "." not in host:
        return None
    host = host.lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    path = parts.path.rstrip("/")
    return host + path


def _feed_files(paths: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in FEED_SUFFIXES
            )
            if not found:
                raise InputError(
                    Reason("input.feed.no_file", suffixes=", ".join(FEED_SUFFIXES)), path=path
                )
            files.extend(found)
        else:
            files.append(require_file(path))
    return files


def _check_encoding(data: bytes, source: str) -> None:
    declared = _ENCODING_DECL.match(data)
    encoding = declared.group(1).decode("ascii").lower() if declared else "utf-8"
    if encoding.replace("_", "-") in ("utf-8", "utf8"):
        decode_utf8(data, source=source)
        return
    try:
        data.decode(encoding)
    except LookupError:
        raise InputError(
            Reason("input.feed.encoding", encoding=repr(encoding)), path=source, line=1
        ) from None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(Reason("input.feed.text", encoding=encoding), path=source, line=line) from None


def _entry_lines(text: str) -> list[int]:
    """1-based line of each ``<item>``/``<entry>`` start tag, in document order."""
    return [text.count("\n", 0, m.start()) + 1 for m in _ENTRY_START.finditer(text)]


def _line_of(text: str, needle: str, start_line: int | None) -> int | None:
    """Line of ``needle`` at or after ``start_line`` (falls back to ``start_line``)."""
    offset = 0
    if start_line is not None:
        for _ in range(start_line - 1):
            offset = text.find("\n", offset) + 1
    where = text.find(needle, offset) if needle else -1
    if where < 0:
        return start_line
    return text.count("\n", 0, where) + 1


def _time(entry: Any, key: str, source: str, text: str, line: int | None) -> datetime | None:
    raw = entry.get(key)
    if not raw:
        return None
    parsed = entry.get(key + "_parsed")
    if parsed is None:
        raise InputError(
            Reason("input.feed.date", found=repr(raw)), path=source, line=_line_of(text, raw, line), field=key
        )
    return datetime(*parsed[:6])


class _Feed:
    """One parsed feed file: its blog id, account row and raw entries."""

    def __init__(self, path: Path, data: bytes) -> None:
        source = str(path)
        self.source = source
        _check_encoding(data, source)
        self.text = data.decode(self._encoding(data), errors="replace")
        parsed = feedparser.parse(io.BytesIO(data))
        self.notes: list[str] = []
        exc = parsed.get("bozo_exception")
        fatal_xml = exc is not None and hasattr(exc, "getLineNumber")
        if not parsed.entries and (not parsed.feed.get("title") or not parsed.get("version")):
            line = exc.getLineNumber() if fatal_xml else None
            reason = (Reason("input.feed.not_feed_xml", detail=exc.getMessage()) if fatal_xml
                      else Reason("input.feed.not_feed"))
            raise InputError(reason, path=source, line=line)
        if fatal_xml:
            message = exc.getMessage()
            if not any(t in message for t in _TOLERATED):
                raise InputError(
                    Reason("input.feed.xml", detail=message),
                    path=source,
                    line=exc.getLineNumber(),
                )
            self.notes.append(
                f"{path.name}: lenient parse after XML error at line {exc.getLineNumber()}: {message}"
            )
        self.feed = parsed.feed
        self.entries = parsed.entries
        self.entry_lines = _entry_lines(self.text)
        site = self.feed.get("link") or next(
            (e.get("link") for e in self.entries if e.get("link")), None
        )
        blog_id = normalise_blog_url(site) if site else None
        if blog_id is None:
            raise InputError(
                Reason("input.feed.no_link"),
                path=source,
                field="link",
            )
        self.blog_id = blog_id
        self.site = site
        self.host = blog_id.split("/", 1)[0]

    @staticmethod
    def _encoding(data: bytes) -> str:
        declared = _ENCODING_DECL.match(data)
        return declared.group(1).decode("ascii") if declared else "utf-8"

    def line(self, index: int) -> int | None:
        return self.entry_lines[index] if index < len(self.entry_lines) else None


def _longest_known_prefix(target: str, known: set[str]) -> str | None:
    """The longest known blog id equal to ``target`` or a prefix of it at a ``/`` boundary."""
    candidate = target
    while True:
        if candidate in known:
            return candidate
        cut = candidate.rfind("/")
        if cut < 0:
            return None
        candidate = candidate[:cut]


def read_feeds(
    paths: Sequence[Path],
    *,
    progress: Progress | None = None,
    context: ReaderContext | None = None,
) -> Records:
    """Read RSS 2.0 / Atom feeds: each feed is a blog, each entry a blog post.

    Parameters
    ----------
    paths : sequence of Path
        Feed files, or folders whose ``*.xml``, ``*.rss`` and ``*.atom`` files (recursively,
        sorted) are read.
    progress : Progress, optional
        Advanced by the bytes of each file.
    context : ReaderContext, optional
        ``context.known_accounts("blog")`` gives the blogs already stored, so that links
        towards them become interactions.

    Returns
    -------
    Records
        Accounts (one per feed, network ``"blog"``, kind ``blog``), posts (kind ``blog_post``)
        and ``hyperlink`` interactions. ``rows_read`` counts the entries.

    Raises
    ------
    InputError
        Missing file, a file that is not a feed (no title and no entries, or an XML error with
        nothing parsed), an XML syntax error (truncated file), bytes that do not match the
        declared encoding (UTF-8 by default), a feed without site link, an entry without
        ``id`` and ``link``, or an unreadable date: naming file, line and field.

    Notes
    -----
    * **Blog id**: the feed's site link (RSS ``<channel><link>``, Atom ``<link
      rel="alternate">``; else the first entry link), normalised by
      :func:`normalise_blog_url`: lowercase host without ``www.`` followed by the path without
      its final ``/`` (``https://www.DailyKos.com/`` -> ``dailykos.com``), which is how polblogs
      names blogs. The account's handle is that host, its name the feed title, its language the
      feed language (RSS ``<language>``, Atom ``xml:lang``) and its url the link as given.
    * **Posts**: id = entry ``id``/``guid``, else its link; time = ``published``, else
      ``updated``, converted to UTC. An entry with neither date is kept with a NULL time (its
      date is unknown; the feed's own date is the build date, not the post's); their number is
      given in ``Records.notes``. A date present but unreadable is an error. Text = the
      content (else the summary) as plain text; url = entry link.
    * **Hyperlinks**: every ``<a href>`` of the content and summary (relative links resolved
      against the entry link) is normalised and matched to the *longest* known blog id that is
      equal to it or a prefix of it at a ``/`` boundary; known blogs are the feeds of this import
      and the stored blogs. Links to the entry's own blog are not interactions. An entry gives
      one interaction per distinct blog it links to, its weight the number of such links, its
      time the entry time and its post the entry.
    * **Leniency**: feedparser's lenient result is kept after an "undefined entity" XML error
      (common ``&nbsp;`` in RSS), with a note; any other XML error is fatal, because the
      lenient parser silently drops the rest of a truncated file.

    References
    ----------
    .. [1] RSS Advisory Board, "RSS 2.0 Specification", https://www.rssboard.org/rss-specification
    .. [2] M. Nottingham and R. Sayre, "The Atom Syndication Format", RFC 4287, IETF, 2005.
    .. [3] feedparser documentation, https://feedparser.readthedocs.io/
    """
    files = _feed_files(paths)
    if progress is not None:
        progress.start(Reason("progress.read_feeds"), sum(f.stat().st_size for f in files), "bytes")
    feeds: list[_Feed] = []
    for path in files:
        data = read_all_bytes(path)
        feeds.append(_Feed(path, data))
        if progress is not None:
            progress.advance(len(data))
    known = set(context.known_accounts(_NETWORK)) if context is not None else set()
    known.update(f.blog_id for f in feeds)

    accounts: dict[str, list[Any]] = {k: [] for k in ("id", "handle", "name", "language", "url")}
    posts: dict[str, list[Any]] = {
        k: [] for k in ("id", "author", "time", "text", "language", "url")
    }
    inter: dict[str, list[Any]] = {k: [] for k in ("src", "dst", "time", "post", "weight")}
    notes: list[str] = []
    rows = 0
    for feed in feeds:
        notes.extend(feed.notes)
        language = feed.feed.get("language") or None
        accounts["id"].append(feed.blog_id)
        accounts["handle"].append(feed.host)
        accounts["name"].append(feed.feed.get("title") or None)
        accounts["language"].append(language)
        accounts["url"].append(feed.site)
        n_entries, undated = _add_entries(feed, language, known, posts, inter)
        rows += n_entries
        if undated:
            notes.append(
                f"{Path(feed.source).name}: {undated} entr{'y' if undated == 1 else 'ies'} without date kept with no time"
            )
    return Records.from_columns(
        accounts={"network": _NETWORK, "kind": "blog", **accounts},
        posts={"network": _NETWORK, "kind": "blog_post", **posts},
        interactions={"network": _NETWORK, "kind": "hyperlink", **inter},
        rows_read=rows,
        notes=notes,
        source=", ".join(str(f) for f in files),
    )


def _add_entries(
    feed: _Feed,
    language: str | None,
    known: set[str],
    posts: dict[str, list[Any]],
    inter: dict[str, list[Any]],
) -> tuple[int, int]:
    """Append the feed's entries to ``posts`` and their links to known blogs to ``inter``.

    Returns the number of entries and of entries without date.
    """
    undated = 0
    for index, entry in enumerate(feed.entries):
        line = feed.line(index)
        link = entry.get("link") or None
        post_id = entry.get("id") or link
        if not post_id:
            raise InputError(
                Reason("input.feed.entry_id"), path=feed.source, line=line, field="link"
            )
        when = _time(entry, "published", feed.source, feed.text, line)
        if when is None:
            when = _time(entry, "updated", feed.source, feed.text, line)
        if when is None:
            undated += 1
        fragments = [c.get("value", "") for c in entry.get("content", [])]
        summary = entry.get("summary") or ""
        body = fragments[0] if fragments and fragments[0] else summary
        parsed = parse_html(body)
        hrefs = list(parsed.links)
        if body is not summary and summary:
            hrefs.extend(parse_html(summary).links)
        posts["id"].append(post_id)
        posts["author"].append(feed.blog_id)
        posts["time"].append(when)
        posts["text"].append(parsed.text() or None)
        posts["language"].append(entry.get("language") or language)
        posts["url"].append(link)
        targets: dict[str, int] = {}
        for href in hrefs:
            absolute = urljoin(link or feed.site, href.strip())
            normalised = normalise_blog_url(absolute)
            blog = _longest_known_prefix(normalised, known) if normalised else None
            if blog is not None and blog != feed.blog_id:
                targets[blog] = targets.get(blog, 0) + 1
        for blog, count in targets.items():
            inter["src"].append(feed.blog_id)
            inter["dst"].append(blog)
            inter["time"].append(when)
            inter["post"].append(post_id)
            inter["weight"].append(float(count))
    return len(feed.entries), undated
