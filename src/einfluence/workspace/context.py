"""The context every workspace service shares: the open store, windows read from it, names resolved.

A :class:`Context` is the only object the services of the workspace receive. It reads a window
of the store into the array types of :mod:`einfluence.base.arrays` and the graph containers of
:mod:`einfluence.graph`, resolves the names a user gives (source ids, ``@handles``) to account
ids, and describes account ids back for display. Services never reach into each other: they
call the store, the analyses and this context.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from einfluence.exceptions import InputError

if TYPE_CHECKING:
    import duckdb

    from einfluence.base.arrays import AccountArrays, ArcArrays, PostArrays
    from einfluence.graph import GraphView

__all__ = ["Context", "Nodes", "check_window", "json_id"]


def json_id(source_id: str) -> int | str:
    """A source id as the source wrote it: an integer when it is one (IMM, SNAP), else text.

    Examples
    --------
    >>> json_id("42"), json_id("042"), json_id("@ann")
    (42, '042', '@ann')
    """
    digits = source_id.isdigit() and (source_id == "0" or not source_id.startswith("0"))
    return int(source_id) if digits else source_id


class Nodes:
    """The nodes of a graph read for some networks, and the accounts they are.

    A graph of the accounts of some networks (:meth:`Context.arcs` with ``networks``) numbers
    its nodes ``0 .. n - 1`` over those accounts only, so that its size, and every figure that
    depends on it (IMM's guarantee, uniform roots, averages), is the selected networks'.
    Without networks, node ``i`` is account ``i``.

    Parameters
    ----------
    ids : numpy.ndarray of int64 or None
        The account id of each node, ascending; None for the identity over ``n`` accounts.
    n : int
        The number of nodes.
    """

    def __init__(self, ids: np.ndarray | None, n: int) -> None:
        self.ids = ids
        self.n = int(n)

    def accounts(self, nodes: Sequence[int] | np.ndarray) -> np.ndarray:
        """The account ids of nodes."""
        nodes = np.asarray(nodes, dtype=np.int64)
        return nodes if self.ids is None else self.ids[nodes]

    def lookup(self, accounts: Sequence[int] | np.ndarray) -> np.ndarray:
        """The node of each account id, -1 for an account outside the graph."""
        accounts = np.asarray(accounts, dtype=np.int64)
        if self.ids is None:
            return np.where((accounts >= 0) & (accounts < self.n), accounts, -1)
        at = np.searchsorted(self.ids, accounts)
        inside = (at < self.ids.size) & (self.ids[np.minimum(at, self.ids.size - 1)] == accounts)
        return np.where(inside, at, -1)

    def of_accounts(self, accounts: Sequence[int] | np.ndarray, *, parameter: str = "accounts") -> np.ndarray:
        """The nodes of account ids; an account outside the graph's networks is an error."""
        nodes = self.lookup(accounts)
        if (nodes < 0).any():
            outside = int(np.asarray(accounts, dtype=np.int64)[nodes < 0][0])
            raise InputError(f"account id {outside} is not in the selected networks", parameter=parameter)
        return nodes

    def keep(self, accounts: Sequence[int] | np.ndarray) -> np.ndarray:
        """The nodes of the account ids that are in the graph, in the given order (others dropped)."""
        nodes = self.lookup(accounts)
        return nodes[nodes >= 0]

    def per_node(self, per_account: np.ndarray) -> np.ndarray:
        """A per-account array (of any length, missing accounts counting 0) taken per node."""
        per_account = np.asarray(per_account)
        ids = np.arange(self.n) if self.ids is None else self.ids
        out = np.zeros((ids.size, *per_account.shape[1:]), dtype=per_account.dtype)
        inside = ids < per_account.shape[0]
        out[inside] = per_account[ids[inside]]
        return out


def check_window(since: datetime | None, until: datetime | None) -> None:
    """A window ``[since, until)`` must be able to hold something: ``since`` before ``until``."""
    if since is not None and until is not None and since >= until:
        raise InputError(f"the window is empty: since ({since.isoformat()}) is not before until ({until.isoformat()})",
                         parameter="until")


class Context:
    """An open einfluence database and what the services read from it.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        The open store.
    path : Path or str
        Where it lives (``":memory:"`` for a throw-away database).
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path | str, engine: Any = None) -> None:
        self.con = con
        self.path = path
        #: the execution engine of the scores: None (local), or a
        #: :class:`~einfluence.spark.SparkConfig` (see :func:`einfluence.workspace.engines.engine_config`)
        self.engine = engine
        self._spark_session: Any = None

    def spark(self) -> Any:
        """The Spark session of this context's engine (started on first use, then kept)."""
        from einfluence.spark import spark_session

        if self._spark_session is None:
            self._spark_session = spark_session(self.engine)
        return self._spark_session

    # ------------------------------------------------------------------------- windows

    def graph(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        kinds: Sequence[str] | None = None,
        networks: Sequence[str] | None = None,
        include_untimed: bool | None = None,
    ) -> GraphView:
        """The interaction graph of a window (``since <= time < until``, UTC)."""
        from einfluence.graph import GraphView
        from einfluence.store.database import release_cache
        from einfluence.store.queries import interaction_arrays

        check_window(since, until)
        arrays = interaction_arrays(
            self.con, since=since, until=until, kinds=kinds, networks=networks, include_untimed=include_untimed
        )
        release_cache(self.con)  # DuckDB keeps the blocks of a large read; give them back
        return GraphView.from_arrays(
            arrays, since=since, until=until,
            kinds=None if kinds is None else tuple(kinds), networks=None if networks is None else tuple(networks),
        )

    def arcs(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        kinds: Sequence[str] | None = None,
        networks: Sequence[str] | None = None,
    ) -> ArcArrays:
        """Who acted towards whom in a window, unordered: the lightest read of a large graph.

        With ``networks`` the nodes are those networks' accounts only (see :class:`Nodes`).
        """
        from einfluence.store.database import release_cache
        from einfluence.store.queries import arc_arrays

        check_window(since, until)
        arcs = arc_arrays(self.con, since=since, until=until, kinds=kinds, networks=networks)
        release_cache(self.con)  # DuckDB keeps the blocks of a large read; give them back
        return arcs

    def posts(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        networks: Sequence[str] | None = None,
    ) -> PostArrays:
        """The posts of a window, by post id."""
        from einfluence.store.queries import post_arrays

        check_window(since, until)
        return post_arrays(self.con, since=since, until=until, networks=networks)

    def accounts(self) -> AccountArrays:
        """Every account's network, source id, handle and declared followers, by account id."""
        from einfluence.store.queries import account_arrays

        return account_arrays(self.con)

    def n_accounts(self) -> int:
        """The number of account ids: the length of per-account arrays."""
        from einfluence.store.queries import n_accounts

        return n_accounts(self.con)

    # --------------------------------------------------------------------------- names

    def resolve(
        self,
        names: Sequence[str],
        *,
        network: str | None = None,
        networks: Sequence[str] | None = None,
        parameter: str = "accounts",
    ) -> np.ndarray:
        """Account ids of source ids or ``@handles``, one match each, or an :class:`InputError`.

        Names are looked for in ``network``, or in ``networks`` (the networks an analysis
        covers), or everywhere; ``parameter`` is the argument the names came from, for the error
        message. A name that several of those networks share is an error that lists them.
        """
        from einfluence.store.queries import find_accounts

        ids = []
        for name in names:
            matches = find_accounts(self.con, str(name), network, networks=networks)
            if not matches:
                scope = network or (", ".join(networks) if networks else None)
                where = f" in network(s) {scope}" if scope else ""
                raise InputError(f"no account {name!r}{where}", parameter=parameter)
            if len(matches) > 1:
                found = ", ".join(f"{m[2]} ({m[1]})" for m in matches[:5])
                raise InputError(f"{name!r} names several accounts: {found}; choose its network", parameter="networks")
            ids.append(int(matches[0][0]))
        return np.asarray(ids, dtype=np.int64)

    def weights(
        self,
        names: Sequence[str],
        weights: Sequence[float | None] | None = None,
        *,
        network: str | None = None,
        networks: Sequence[str] | None = None,
        parameter: str = "target",
    ) -> np.ndarray:
        """Per-account weights (length :meth:`n_accounts`) of named accounts, 0 elsewhere.

        ``weights`` gives each name's weight (None or missing: 1), as in a target file of
        ``account,weight`` lines.
        """
        ids = self.resolve(names, network=network, networks=networks, parameter=parameter)
        out = np.zeros(self.n_accounts())
        out[ids] = [1.0 if w is None else float(w) for w in (weights or [None] * len(ids))]
        return out

    def describe(self, ids: Sequence[int] | np.ndarray) -> dict[int, dict[str, Any]]:
        """``account_id -> {account, network, handle, name, kind, followers}`` for the given ids."""
        from einfluence.store.queries import describe_accounts

        return describe_accounts(self.con, ids)

    def accounts_info(self, ids: Sequence[int] | np.ndarray) -> list[dict[str, Any]]:
        """Each account of ``ids``, in order, with its id as the source wrote it (:func:`json_id`)."""
        info = self.describe(ids)
        return [{**info[int(i)], "account": json_id(info[int(i)]["account"])} for i in ids]
