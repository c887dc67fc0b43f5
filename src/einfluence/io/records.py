"""The canonical record batches that every reader produces and the store ingests.

A reader turns files into a :class:`Records` bundle of three Arrow tables — accounts, posts and
interactions — whose columns are fixed here. Identifiers are the *source* identifiers (the Higgs
user id, the tweet id, the blog URL), always namespaced by a ``network`` column, so two networks
never collide; the store maps them to dense internal integer keys.

Direction convention for interactions: ``src`` acted towards ``dst`` (``src`` relayed, replied
to, mentioned, quoted, liked, followed, linked to or subscribed to ``dst``). Attention flows
``src -> dst``; influence flows the other way, ``dst -> src``. This is the convention of the SNAP
Higgs files ("userA retweeted userB") and of follow lists ("A follows B").

All times are UTC, stored without a time zone, to the microsecond.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from einfluence.base.kinds import ACCOUNT_KINDS, INTERACTION_KINDS, POST_KINDS
from einfluence.exceptions import InputError
from einfluence.i18n import Reason

__all__ = [
    "ACCOUNT_COLUMNS",
    "ACCOUNT_KINDS",
    "CATEGORICAL_COLUMNS",
    "INTERACTION_COLUMNS",
    "INTERACTION_KINDS",
    "POST_COLUMNS",
    "POST_KINDS",
    "Records",
    "make_table",
]

_TS = pa.timestamp("us")

#: Column name -> (Arrow type, required). Identifier columns accept integers too: they are
#: converted to strings, which is how the store keeps every source identifier.
ACCOUNT_COLUMNS: dict[str, tuple[pa.DataType, bool]] = {
    "network": (pa.string(), True),
    "id": (pa.string(), True),
    "handle": (pa.string(), False),
    "name": (pa.string(), False),
    "language": (pa.string(), False),
    "followers": (pa.int64(), False),
    "kind": (pa.string(), False),
    "url": (pa.string(), False),
    # key of the person or organisation owning the account, shared across networks
    "person": (pa.string(), False),
    # free-form JSON object (for example a blog's political leaning in polblogs)
    "attributes": (pa.string(), False),
}
POST_COLUMNS: dict[str, tuple[pa.DataType, bool]] = {
    "network": (pa.string(), True),
    "id": (pa.string(), True),
    "author": (pa.string(), False),
    "time": (_TS, False),
    "text": (pa.string(), False),
    "language": (pa.string(), False),
    "url": (pa.string(), False),
    "kind": (pa.string(), True),
    "parent": (pa.string(), False),
    "root": (pa.string(), False),
    # free-form JSON object: labels that come with the data (a veracity or sentiment label,
    # the brand a tweet was collected for, ...)
    "attributes": (pa.string(), False),
}
INTERACTION_COLUMNS: dict[str, tuple[pa.DataType, bool]] = {
    "network": (pa.string(), True),
    "src": (pa.string(), True),
    "dst": (pa.string(), True),
    # network of dst when it differs from network (a tweet linking to a blog); null = same
    "dst_network": (pa.string(), False),
    "kind": (pa.string(), True),
    "time": (_TS, False),
    # source id of the post that produced the interaction, in the network of src
    "post": (pa.string(), False),
    "weight": (pa.float64(), False),
}

_ID_COLUMNS = {"id", "author", "parent", "root", "src", "dst", "post", "person"}

#: Columns with few distinct values, kept dictionary-encoded: on ten million interactions this
#: saves hundreds of megabytes, and DuckDB reads them as plain text.
CATEGORICAL_COLUMNS = frozenset({"network", "dst_network", "kind", "language"})
_DICT = pa.dictionary(pa.int32(), pa.string())


def _to_arrow(name: str, values: Any, dtype: pa.DataType, n: int) -> pa.Array:
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if isinstance(values, (str, int, float)) or values is None:
        # a constant column
        return pa.array([values] * n, type=dtype) if n else pa.array([], type=dtype)
    if isinstance(values, np.ndarray) and values.dtype.kind == "M":
        values = values.astype("datetime64[us]")
    arr = values if isinstance(values, pa.Array) else pa.array(values, from_pandas=True)
    if pa.types.is_dictionary(arr.type):
        arr = arr.dictionary_decode()
    if name in _ID_COLUMNS and pa.types.is_integer(arr.type):
        return pc.cast(arr, pa.string())
    if arr.type != dtype:
        arr = pc.cast(arr, dtype)
    return arr


def make_table(
    columns: Mapping[str, Any],
    spec: Mapping[str, tuple[pa.DataType, bool]],
    *,
    kinds: tuple[str, ...] | None = None,
    source: str = "<records>",
) -> pa.Table:
    """Build a canonical Arrow table from column values.

    Parameters
    ----------
    columns : mapping of str to array-like or scalar
        Values per column: NumPy arrays, Python lists, Arrow arrays, or a scalar for a constant
        column. Integer identifier columns are converted to strings. Missing optional columns
        are filled with nulls.
    spec : mapping
        One of :data:`ACCOUNT_COLUMNS`, :data:`POST_COLUMNS`, :data:`INTERACTION_COLUMNS`.
    kinds : tuple of str, optional
        Allowed values of the ``kind`` column.
    source : str
        Named in errors (a reader passes the file path).

    Returns
    -------
    pyarrow.Table
        Columns in the order of ``spec``, with its types, except that the columns of
        :data:`CATEGORICAL_COLUMNS` are dictionary-encoded strings.

    Raises
    ------
    InputError
        On an unknown column, a missing required column or value, or a kind outside ``kinds``.

    Examples
    --------
    >>> t = make_table({"network": "higgs", "src": [1, 2], "dst": [2, 3], "kind": "relay"},
    ...                INTERACTION_COLUMNS, kinds=INTERACTION_KINDS)
    >>> t.column("src").to_pylist(), t.num_rows
    (['1', '2'], 2)
    """
    unknown = set(columns) - set(spec)
    if unknown:
        raise InputError(Reason("input.columns", columns=str(sorted(unknown))), path=source)
    n = None
    for values in columns.values():
        if not isinstance(values, (str, int, float)) and values is not None:
            n = len(values)
            break
    if n is None:
        n = 0
    arrays = {}
    for name, (dtype, required) in spec.items():
        if name not in columns:
            if required:
                raise InputError(Reason("input.required"), path=source, field=name)
            arrays[name] = pa.nulls(n, type=dtype)
            continue
        arr = _to_arrow(name, columns[name], dtype, n)
        if len(arr) != n:
            raise InputError(Reason("input.length", count=len(arr), expected=n), path=source, field=name)
        if required and arr.null_count:
            first = pc.index(pc.is_null(arr), True).as_py()
            raise InputError(Reason("input.missing"), path=source, line=first + 1, field=name)
        arrays[name] = arr
    if kinds is not None and n:
        kind = arrays["kind"]
        bad = pc.and_(pc.invert(pc.is_in(kind, value_set=pa.array(kinds))), pc.is_valid(kind))
        if pc.any(bad).as_py():
            first = pc.index(bad, True).as_py()
            raise InputError(
                Reason("input.kind_named", kind=repr(arrays["kind"][first].as_py()), expected=", ".join(kinds)),
                path=source,
                line=first + 1,
                field="kind",
            )
    for name in CATEGORICAL_COLUMNS & set(arrays):
        arrays[name] = pc.dictionary_encode(arrays[name]).cast(_DICT)
    return pa.table(arrays)


def _empty(spec: Mapping[str, tuple[pa.DataType, bool]]) -> pa.Table:
    return pa.schema(
        [(name, _DICT if name in CATEGORICAL_COLUMNS else dtype) for name, (dtype, _) in spec.items()]
    ).empty_table()


@dataclass
class Records:
    """A bundle of canonical accounts, posts and interactions, ready for the store.

    Build it with :meth:`from_columns` (which validates) or from already canonical tables.
    Accounts referenced by posts or interactions but absent from ``accounts`` are created by the
    store as bare accounts (kind ``unknown``); posts referenced as parent or root but absent are
    created as bare posts, filled in when a later import brings them.

    Attributes
    ----------
    accounts, posts, interactions : pyarrow.Table
        Tables with the columns of :data:`ACCOUNT_COLUMNS`, :data:`POST_COLUMNS` and
        :data:`INTERACTION_COLUMNS`.
    rows_read : int
        Input rows (lines, records, entries) the reader consumed, for the import log.
    notes : list of str
        Remarks for the user (rows skipped by a documented rule, files ignored, ...).
    """

    accounts: pa.Table = field(default_factory=lambda: _empty(ACCOUNT_COLUMNS))
    posts: pa.Table = field(default_factory=lambda: _empty(POST_COLUMNS))
    interactions: pa.Table = field(default_factory=lambda: _empty(INTERACTION_COLUMNS))
    rows_read: int = 0
    notes: list[str] = field(default_factory=list)

    @classmethod
    def from_columns(
        cls,
        *,
        accounts: Mapping[str, Any] | None = None,
        posts: Mapping[str, Any] | None = None,
        interactions: Mapping[str, Any] | None = None,
        rows_read: int = 0,
        notes: list[str] | None = None,
        source: str = "<records>",
    ) -> Records:
        """Validate column values and build a bundle (see :func:`make_table`)."""
        rec = cls(rows_read=rows_read, notes=list(notes or []))
        if accounts is not None:
            rec.accounts = make_table(accounts, ACCOUNT_COLUMNS, kinds=ACCOUNT_KINDS, source=source)
        if posts is not None:
            rec.posts = make_table(posts, POST_COLUMNS, kinds=POST_KINDS, source=source)
        if interactions is not None:
            rec.interactions = make_table(
                interactions, INTERACTION_COLUMNS, kinds=INTERACTION_KINDS, source=source
            )
        return rec

    def extend(self, other: Records) -> Records:
        """Return a bundle holding the rows of both (used to merge the files of one import)."""
        return Records(
            accounts=pa.concat_tables([self.accounts, other.accounts]),
            posts=pa.concat_tables([self.posts, other.posts]),
            interactions=pa.concat_tables([self.interactions, other.interactions]),
            rows_read=self.rows_read + other.rows_read,
            notes=self.notes + other.notes,
        )

    def __repr__(self) -> str:
        return (
            f"Records(accounts={self.accounts.num_rows}, posts={self.posts.num_rows}, "
            f"interactions={self.interactions.num_rows}, rows_read={self.rows_read})"
        )
