"""The array types that carry data from the store to the analyses.

The store reads a window of the database into these frozen bundles of parallel NumPy arrays;
the analyses take them (or the graph containers of :mod:`einfluence.graph` built from them)
and never see the database. Account ids are dense integers from 0 (``accounts.account_id``),
post ids likewise (``posts.post_id``); -1 stands for none. Times are microseconds since the
epoch (UTC), :data:`~einfluence.base.timeunits.NO_TIME` when unknown; kinds are codes indexing
the tuples of :mod:`einfluence.base.kinds`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

__all__ = ["AccountArrays", "ArcArrays", "InteractionArrays", "PostArrays"]


@dataclass(frozen=True)
class InteractionArrays:
    """Interactions as parallel NumPy arrays.

    Attributes
    ----------
    src, dst : numpy.ndarray of int64
        Account ids: ``src`` acted towards ``dst``.
    time : numpy.ndarray of int64
        Microseconds since 1970-01-01 UTC; ``NO_TIME`` when unknown.
    weight : numpy.ndarray of float64
    kind : numpy.ndarray of int8
        Codes indexing :data:`~einfluence.base.kinds.INTERACTION_KINDS`.
    post : numpy.ndarray of int64
        The post of the act (the relay, the reply...), -1 when unknown.
    n_accounts : int
        The number of account ids (one more than the largest): the size of per-account arrays.
    """

    src: np.ndarray
    dst: np.ndarray
    time: np.ndarray
    weight: np.ndarray
    kind: np.ndarray
    post: np.ndarray
    n_accounts: int


@dataclass(frozen=True)
class ArcArrays:
    """The ends and weights of interactions, in no particular order: the lightest read of a graph.

    Attributes
    ----------
    src, dst : numpy.ndarray of int32
        Nodes: ``src`` acted towards ``dst``.
    weight : numpy.ndarray of float64
    n_accounts : int
        The number of nodes.
    nodes : numpy.ndarray of int64 or None
        The account id of each node when the arcs are numbered over a subset of the accounts
        (the accounts of some networks); None when node ``i`` is account ``i``.
    """

    src: np.ndarray
    dst: np.ndarray
    weight: np.ndarray
    n_accounts: int
    nodes: np.ndarray | None = None


@dataclass(frozen=True)
class PostArrays:
    """Posts as parallel NumPy arrays, sorted by ``post_id``.

    Attributes
    ----------
    post_id, author, parent, root : numpy.ndarray of int64
        -1 stands for none.
    time : numpy.ndarray of int64
        Microseconds since the epoch (UTC); ``NO_TIME`` when unknown.
    kind : numpy.ndarray of int8
        Codes indexing :data:`~einfluence.base.kinds.POST_KINDS`.
    """

    post_id: np.ndarray
    author: np.ndarray
    time: np.ndarray
    kind: np.ndarray
    parent: np.ndarray
    root: np.ndarray


@dataclass(frozen=True)
class AccountArrays:
    """Every account of the store, indexed by ``account_id``.

    Attributes
    ----------
    network : numpy.ndarray of int16
        Codes indexing ``networks`` (-1 for an id without an account).
    networks : tuple of str
    source_id, handle : numpy.ndarray of object
        The source identifiers and handles (None when unknown).
    followers : numpy.ndarray of float64
        Declared follower counts (NaN when unknown).
    """

    network: np.ndarray
    networks: tuple[str, ...]
    source_id: np.ndarray
    handle: np.ndarray
    followers: np.ndarray
