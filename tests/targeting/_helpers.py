"""Small graphs shared by the targeting tests."""

from __future__ import annotations

import numpy as np

from einfluence.diffusion import DiffusionGraph


def random_graph(n: int, m: int, seed: int, *, model: str = "ic") -> DiffusionGraph:
    """A random digraph of ``n`` nodes and up to ``m`` distinct arcs (IC probabilities or LT weights)."""
    rng = np.random.default_rng(seed)
    pairs = rng.choice(n * n, size=4 * m, replace=True)
    src, dst = pairs // n, pairs % n
    keep = src != dst
    _, first = np.unique(pairs[keep], return_index=True)
    src, dst = src[keep][np.sort(first)][:m], dst[keep][np.sort(first)][:m]
    if model == "ic":
        prob = rng.uniform(0.1, 0.9, src.size)
    else:  # weights into each node sum to at most 0.9
        raw = rng.uniform(0.2, 1.0, src.size)
        total = np.bincount(dst, weights=raw, minlength=n)
        prob = 0.9 * raw / total[dst]
    return DiffusionGraph.from_arcs(src, dst, prob, n_nodes=n)


def hubs_and_niches(p: float = 0.5) -> tuple[DiffusionGraph, np.ndarray, np.ndarray]:
    """Five hubs sharing the same 50 followers, and twenty niche accounts with 30 followers each.

    Degree picks the five hubs, which reach the same people; a good seed set takes one hub and
    niche accounts. Returns the graph, the hubs and the niche accounts.
    """
    hubs = np.arange(5)
    shared = np.arange(5, 55)
    niches = np.arange(55, 75)
    src = [np.repeat(hubs, shared.size), np.repeat(niches, 30)]
    dst = [np.tile(shared, hubs.size), 75 + np.arange(20 * 30)]
    return DiffusionGraph.from_arcs(np.concatenate(src), np.concatenate(dst), p), hubs, niches
