"""The input formats einfluence reads: their names, summaries and readers (loaded on first use).

Listing the formats imports no reader (the command line's help shows them at once).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from einfluence.exceptions import InputError

if TYPE_CHECKING:
    from einfluence.io.records import Records

__all__ = ["FORMATS", "FormatSpec", "get_reader"]


@dataclass(frozen=True)
class FormatSpec:
    """A registered input format: its name, one-line summary and reader location."""

    name: str
    summary: str
    reader: str  # "module:function", imported on first use

    def load(self) -> Callable[..., Records]:
        module, _, function = self.reader.partition(":")
        return getattr(importlib.import_module(module), function)


FORMATS: dict[str, FormatSpec] = {
    spec.name: spec
    for spec in [
        FormatSpec("generic", "einfluence's documented CSV / JSON Lines / Parquet tables", "einfluence.io.generic:read_generic"),
        FormatSpec(
            "posts-table",
            "posts exported by a listening tool (CSV / TSV / JSON Lines / Parquet), columns named by --map",
            "einfluence.io.posts_table:read_posts_table",
        ),
        FormatSpec("higgs", "SNAP Higgs Twitter activity file (or its folder)", "einfluence.io.higgs:read_higgs"),
        FormatSpec("twitter-trees", "Twitter15/16 propagation trees with source_tweets.txt", "einfluence.io.twitter_trees:read_twitter_trees"),
        FormatSpec("twitter-v2", "Twitter API v2 tweet JSON (data + includes)", "einfluence.io.twitter_v2:read_twitter_v2"),
        FormatSpec("mastodon", "Mastodon API status JSON", "einfluence.io.mastodon:read_mastodon"),
        FormatSpec("feeds", "RSS 2.0 / Atom feeds: one blog per feed", "einfluence.io.feeds:read_feeds"),
        FormatSpec("gml", "GML link graph (e.g. polblogs)", "einfluence.io.gml:read_gml"),
        FormatSpec("graphml", "GraphML link graph", "einfluence.io.graphml:read_graphml"),
        FormatSpec("edgelist", "SNAP-style edge list: src dst, optional weight", "einfluence.io.edgelist:read_edgelist"),
        FormatSpec("imm", "IMM folder: attribute.txt + graph_ic.inf", "einfluence.io.imm:read_imm"),
        FormatSpec(
            "musae",
            "MUSAE page/social networks (Facebook page-page, GitHub, Twitch, Wikipedia, LastFM, Deezer): "
            "*_edges.csv + *_target.csv",
            "einfluence.io.musae:read_musae",
        ),
    ]
}


def get_reader(name: str) -> Callable[..., Records]:
    """Return the reader function of a format, or raise :class:`InputError` for an unknown name."""
    try:
        spec = FORMATS[name]
    except KeyError:
        raise InputError(f"unknown format {name!r} (expected one of: {', '.join(FORMATS)})", parameter="fmt") from None
    return spec.load()
