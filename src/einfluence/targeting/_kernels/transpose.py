"""Transposing compressed rows by a counting sort in chunks, over threads.

Both the in-CSR of a graph (:mod:`.graphs`: rows are sources, entries their targets) and the
node -> RR sets index (:mod:`.coverage`: rows are RR sets, entries their nodes) turn rows of
entries into one row per entry value. The rows are cut into consecutive chunks, and three
passes run, each over the threads (:func:`~einfluence.base.threads.in_parts`):

1. :func:`count_targets`: each chunk counts its entries per target, one chunk per thread;
2. :func:`first_slots`: the counts become each chunk's first slot in every target row, over
   consecutive ranges of targets (the row pointers, a prefix sum, are taken between the passes);
3. the caller's scatter kernel: each chunk writes its entries into its own slots, one chunk per
   thread (the caller knows what to store: a source and its probability, or an RR set).

The chunks are read in order and follow one another in every target row, so each row lists its
entries in increasing row order: the result does not depend on the number of chunks.

Each pass is a plain loop over a range compiled with ``nogil=True``: numba's ``parallel=True``
costs several CPU-seconds more at a kernel's first compile (see :mod:`einfluence.base.threads`).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from einfluence.base.jit import njit
from einfluence.base.threads import bounds, in_parts

__all__ = ["chunk_edges", "count_targets", "first_slots", "transpose"]


@njit(cache=True, nogil=True)
def count_targets(targets, starts, c_lo, c_hi, counts):
    """``counts[c, t]``: entries ``starts[c] .. starts[c + 1] - 1`` (chunk ``c``'s) equal to ``t``,
    for the chunks ``c_lo .. c_hi - 1`` (``counts`` zeroed)."""
    for c in range(c_lo, c_hi):
        row = counts[c]
        for e in range(starts[c], starts[c + 1]):
            row[targets[e]] += 1


@njit(cache=True, nogil=True)
def first_slots(counts, tptr, lo, hi):
    """For targets ``lo .. hi - 1``: ``counts[c, t]`` becomes chunk ``c``'s first slot in row ``t``
    (the chunks one after the other from ``tptr[t]``)."""
    for t in range(lo, hi):
        at = tptr[t]
        for c in range(counts.shape[0]):
            d = counts[c, t]
            counts[c, t] = at
            at += d


def chunk_edges(first: int, count: int, chunks: int) -> np.ndarray:
    """The ``chunks + 1`` int64 bounds of consecutive, near-equal chunks of rows ``first .. first + count - 1``."""
    return np.asarray(bounds(count, chunks), np.int64) + np.int64(first)


def transpose(
    ptr: np.ndarray,
    targets: np.ndarray,
    edges: np.ndarray,
    n_targets: int,
    scatter: Callable[[np.ndarray, int, int], None],
) -> np.ndarray:
    """The row pointers of the transpose of rows ``edges[0] .. edges[-1] - 1``; ``scatter(slots,
    c_lo, c_hi)`` fills the entries of chunks ``c_lo .. c_hi - 1``, chunk ``c``'s entry of target
    ``t`` going to ``slots[c, t]`` (then to the next slot).

    Parameters
    ----------
    ptr : int32 or int64 array
        Row ``r``'s entries are ``targets[ptr[r]:ptr[r + 1]]``.
    targets : int32 array
        Values in ``[0, n_targets)``.
    edges : int64 array
        The chunks' bounds (:func:`chunk_edges`); one thread per chunk.
    n_targets : int
        Rows of the transpose.

    Returns
    -------
    tptr : int64 array, shape (n_targets + 1,)
        Row ``t`` of the transpose fills positions ``tptr[t] .. tptr[t + 1] - 1``.
    """
    chunks = edges.size - 1
    counts = np.zeros((chunks, n_targets), np.int64)
    starts = ptr[edges].astype(np.int64)  # each chunk's first entry: counting ignores the rows
    in_parts(chunks, chunks, lambda lo, hi, _: count_targets(targets, starts, lo, hi, counts))
    tptr = np.zeros(n_targets + 1, np.int64)
    np.cumsum(counts.sum(axis=0), out=tptr[1:])
    in_parts(n_targets, chunks, lambda lo, hi, _: first_slots(counts, tptr, lo, hi))
    in_parts(chunks, chunks, lambda lo, hi, _: scatter(counts, lo, hi))
    return tptr
