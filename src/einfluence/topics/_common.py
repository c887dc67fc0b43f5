"""Shared pieces of the topic analyses: validation at the edge, topic columns, content rows.

Used by :mod:`~einfluence.topics.content`, :mod:`~einfluence.topics.influence`,
:mod:`~einfluence.topics.twitterrank`, :mod:`~einfluence.topics.evaluation` and
:mod:`~einfluence.topics.brief`: each public function validates its inputs here, then works
on what these return.
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from einfluence.base.validation import check_scalar
from einfluence.exceptions import GraphTypeError, ParameterError
from einfluence.graph.view import GraphView

if TYPE_CHECKING:
    from einfluence.base.arrays import PostArrays

__all__ = [
    "TopicColumns",
    "check_min_weight",
    "check_post_ids",
    "check_view",
    "check_weights_matrix",
    "content_rows",
    "index_of",
    "row_normalised",
    "topic_indices",
]


def check_view(view: object, name: str = "view") -> GraphView:
    """``view`` if it is a :class:`~einfluence.graph.GraphView`, else :class:`GraphTypeError`."""
    if not isinstance(view, GraphView):
        raise GraphTypeError(f"{name} must be a GraphView, got {type(view).__name__}")
    return view


def check_weights_matrix(
    values: object, name: str, n_rows: int | None
) -> sp.csr_array | np.ndarray:
    """A finite non-negative (n_rows, K) matrix, dense float or scipy sparse (kept sparse)."""
    if sp.issparse(values):
        matrix = sp.csr_array(values)
        data = matrix.data
    else:
        matrix = np.asarray(values, dtype=np.float64)
        data = matrix
    if matrix.ndim != 2 or (n_rows is not None and matrix.shape[0] != n_rows):
        expected = f"({n_rows}, n_topics)" if n_rows is not None else "(n, n_topics)"
        raise ParameterError(f"{name} must have shape {expected}, got {matrix.shape}")
    if matrix.shape[1] == 0:
        raise ParameterError(f"{name} must have at least one topic column")
    if not np.isfinite(data).all() or (data < 0).any():
        raise ParameterError(f"{name} must be finite and non-negative")
    return matrix


def check_post_ids(
    post_ids: object, post_topics: object
) -> tuple[np.ndarray, sp.csr_array, np.ndarray | None]:
    """Sorted int64 ids, their topic rows (CSR float32), and the sorting permutation (or None)."""
    ids = np.asarray(post_ids)
    if ids.ndim != 1 or (ids.size and ids.dtype.kind not in "iu"):
        raise ParameterError("post_ids must be a one-dimensional array of integer post ids")
    ids = ids.astype(np.int64)
    topics = check_weights_matrix(post_topics, "post_topics", ids.size)
    topics = sp.csr_array(topics, dtype=np.float32)
    order = None
    if ids.size > 1 and not np.all(np.diff(ids) > 0):
        order = np.argsort(ids, kind="stable")
        ids = ids[order]
        if np.any(np.diff(ids) == 0):
            raise ParameterError("post_ids must not repeat a post id")
        topics = topics[order]
    return ids, topics, order


#: ids spread over at most this many times their count (plus a million) are looked up in a table
#: of 8 bytes per id of their span: at most 32 bytes per id, plus 8 MB
_DENSE_SPAN = 4


def index_of(sorted_ids: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Position of each value in ``sorted_ids`` (strictly increasing), -1 when absent.

    Ids that are non-negative and dense (the store's post ids: at most
    :data:`_DENSE_SPAN` times as large as their count, plus a margin) are looked up in a table
    indexed by id, one gather instead of a binary search per value: the searches, scattered
    over tens of millions of ids, were most of the time of :func:`content_rows` on a
    10M-interaction world. The positions are the same either way.

    Examples
    --------
    >>> ids = np.array([2, 5, 9])
    >>> index_of(ids, np.array([9, 3, -1, 2, 40])).tolist()
    [2, -1, -1, 0, -1]
    >>> index_of(ids * 10**9, np.array([9, 5]) * 10**9).tolist()  # sparse ids: binary search
    [2, 1]
    """
    if sorted_ids.size == 0:
        return np.full(values.shape, -1, dtype=np.int64)
    low, high = int(sorted_ids[0]), int(sorted_ids[-1])
    if low >= 0 and high < _DENSE_SPAN * sorted_ids.size + 1_000_000:
        table = np.full(high + 1, -1, dtype=np.int64)
        table[sorted_ids] = np.arange(sorted_ids.size, dtype=np.int64)
        wanted = np.asarray(values, dtype=np.int64)
        inside = (wanted >= 0) & (wanted <= high)
        out = np.full(wanted.shape, -1, dtype=np.int64)
        out[inside] = table[wanted[inside]]
        return out
    pos = np.minimum(np.searchsorted(sorted_ids, values), sorted_ids.size - 1)
    return np.where((sorted_ids[pos] == values) & (values >= 0), pos, -1).astype(np.int64)


def topic_indices(topics: Iterable[int] | None, n_topics: int) -> list[int]:
    """The topic columns asked for (all when None), checked: integers in range, no repeat."""
    if topics is None:
        return list(range(n_topics))
    out = []
    for t in topics:
        if isinstance(t, (bool, np.bool_)) or not isinstance(t, numbers.Integral):
            raise ParameterError(f"topics must be integer topic indices, got {t!r}")
        if not 0 <= int(t) < n_topics:
            raise ParameterError(f"topic {t} is outside [0, {n_topics})")
        out.append(int(t))
    if len(set(out)) != len(out):
        raise ParameterError("topics must not repeat a topic")
    return out


def check_min_weight(min_weight: float) -> float:
    """A topic-weight threshold in [0, 1], as a float."""
    check_scalar(min_weight, "min_weight", numbers.Real, min_val=0.0, max_val=1.0)
    return float(min_weight)


class TopicColumns:
    """Column access to an (n_edges, K) edge-topic matrix, dense or sparse (CSC once)."""

    def __init__(self, weights: object, n_rows: int, name: str = "edge_topic_weights") -> None:
        matrix = check_weights_matrix(weights, name, n_rows)
        self.n_topics = int(matrix.shape[1])
        self.n_rows = n_rows
        self._dense = None if sp.issparse(matrix) else matrix
        self._csc = sp.csc_array(matrix) if sp.issparse(matrix) else None
        # a column's rows appear once each (the usual case): they are written, not added up
        self._unique = self._csc is not None and bool(self._csc.has_canonical_format)

    def __call__(self, t: int) -> np.ndarray:
        """Column ``t`` as a dense float array."""
        if self._dense is not None:
            return self._dense[:, t]
        csc = self._csc
        col = np.zeros(self.n_rows)
        start, end = csc.indptr[t], csc.indptr[t + 1]
        if self._unique:
            col[csc.indices[start:end]] = csc.data[start:end]
        else:
            np.add.at(col, csc.indices[start:end], csc.data[start:end])
        return col

    def on_topic(self, t: int, min_weight: float) -> np.ndarray:
        """Rows with a positive weight of at least ``min_weight`` on topic ``t``."""
        if self._unique:  # from the column's stored weights, without a dense column
            csc = self._csc
            start, end = csc.indptr[t], csc.indptr[t + 1]
            data = csc.data[start:end].astype(np.float64)  # compared as the dense column is
            out = np.zeros(self.n_rows, dtype=bool)
            out[csc.indices[start:end][(data >= min_weight) & (data > 0)]] = True
            return out
        col = self(t)
        return (col >= min_weight) & (col > 0)


def content_rows(
    post: np.ndarray, posts: PostArrays | None, ids: np.ndarray, has_topic: np.ndarray
) -> np.ndarray:
    """Row in ``ids`` of the content each post is about: itself, else its root, else its parent."""
    post = np.asarray(post, dtype=np.int64)
    rows = index_of(ids, post)
    rows[rows >= 0] = np.where(has_topic[rows[rows >= 0]], rows[rows >= 0], -1)
    if posts is None or np.asarray(posts.post_id).size == 0:
        return rows
    pid = np.asarray(posts.post_id, dtype=np.int64)
    order = None
    if pid.size > 1 and not np.all(np.diff(pid) > 0):
        order = np.argsort(pid, kind="stable")
        pid = pid[order]
    where = index_of(pid, post)
    if order is not None:
        where = np.where(where >= 0, order[np.maximum(where, 0)], -1)
    known = where >= 0
    for link in (posts.root, posts.parent):
        missing = known & (rows < 0)
        if not missing.any():
            break
        linked = np.asarray(link, dtype=np.int64)[where[missing]]
        found = index_of(ids, linked)
        ok = found >= 0
        ok[ok] = has_topic[found[ok]]
        fill = rows[missing]
        fill[ok] = found[ok]
        rows[missing] = fill
    return rows


def row_normalised(profile: np.ndarray) -> np.ndarray:
    """Rows scaled to sum to 1; zero rows stay zero."""
    total = profile.sum(axis=1, keepdims=True)
    return np.divide(profile, total, out=np.zeros_like(profile), where=total > 0)
