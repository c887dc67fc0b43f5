"""Codes and Arrow columns of the demo world: small integer codes, labels, ids and times.

The generator works on integer codes (indices into the tuples below) and turns them into
string columns only when it assembles the tables, without Python objects per row.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

__all__ = [
    "ACCOUNT_KINDS",
    "BLOG",
    "EPISODE_KINDS",
    "INTERACTION_KINDS",
    "LANGS",
    "MICROBLOG",
    "POLARITIES",
    "POST_KINDS",
    "ROLES",
    "ids_or_null",
    "labels",
    "networks",
    "str_ids",
    "to_timestamps",
]

MICROBLOG = "microblog"
BLOG = "blog"
LANGS = ("en", "fr")  # language codes 0 and 1
ROLES = (
    "regular",
    "influencer",
    "advocate",
    "detractor",
    "brand",
    "media",
    "celebrity",
    "blogger",
)
ACCOUNT_KINDS = ("person", "brand", "media", "blog")
POST_KINDS = ("original", "relay", "like", "reply", "quote", "blog_post")  # 2 unused
INTERACTION_KINDS = ("follow", "relay", "like", "reply", "quote", "mention", "hyperlink")
EPISODE_KINDS = ("rising_fading", "burst", "steady")
POLARITIES = ("negative", "neutral", "positive")  # sentiment -1, 0, +1


def to_timestamps(start: np.datetime64, days: np.ndarray) -> pa.Array:
    """UTC timestamps (microseconds) of times in days from ``start``."""
    us = start.astype("datetime64[us]") + (days * 86_400e6).astype(np.int64).astype(
        "timedelta64[us]"
    )
    return pa.array(us, type=pa.timestamp("us"))


def labels(names: Sequence[str], codes: np.ndarray) -> pa.Array:
    """String column from small integer codes into ``names``, without Python objects."""
    return pc.take(pa.array(list(names), type=pa.string()), pa.array(np.asarray(codes)))


def networks(*counts: int) -> pa.Array:
    """``microblog`` repeated ``counts[0]`` times, then ``blog`` ``counts[1]`` times."""
    return labels((MICROBLOG, BLOG), np.repeat(np.arange(len(counts), dtype=np.int8), counts))


def str_ids(values: np.ndarray, prefix: str = "") -> pa.Array:
    """Integer ids as strings, optionally prefixed."""
    ids = pc.cast(pa.array(values, type=pa.int64()), pa.string())
    return pc.binary_join_element_wise(prefix, ids, "") if prefix else ids


def ids_or_null(id_of: np.ndarray, index: np.ndarray) -> pa.Array:
    """String ids ``id_of[index]``, null where ``index`` is negative."""
    return pc.cast(pa.array(id_of[np.maximum(index, 0)], mask=index < 0), pa.string())
