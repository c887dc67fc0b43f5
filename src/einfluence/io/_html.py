"""Plain text and links of HTML fragments (feed entries, Mastodon statuses), with the stdlib parser."""

from __future__ import annotations

from html.parser import HTMLParser

__all__ = ["TextAndLinks", "html_to_text", "parse_html"]


class TextAndLinks(HTMLParser):
    """Collect the text and the ``<a href>`` targets of an HTML fragment."""

    _BLOCK = frozenset(
        {"p", "div", "br", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "tr"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)

    def text(self) -> str:
        lines = (" ".join(line.split()) for line in "".join(self.parts).split("\n"))
        return "\n".join(line for line in lines if line)


def parse_html(fragment: str) -> TextAndLinks:
    parser = TextAndLinks()
    parser.feed(fragment)
    parser.close()
    return parser


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (stdlib :mod:`html.parser`; blocks become lines).

    Examples
    --------
    >>> html_to_text("<p>Hello <b>world</b> &amp; co</p><p>bye</p>")
    'Hello world & co\\nbye'
    """
    return parse_html(fragment).text()
