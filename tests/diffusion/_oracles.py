"""Slow, obviously correct references for the diffusion tests (pure Python, tiny graphs)."""

from __future__ import annotations

import itertools
from collections import deque

import numpy as np

from einfluence.diffusion import DiffusionGraph


def arcs(g: DiffusionGraph) -> list[tuple[int, int, float]]:
    return list(zip(g.sources().tolist(), g.indices.tolist(), g.prob.tolist(), strict=True))


def _reach(n: int, live: list[tuple[int, int]], seeds) -> set[int]:
    out: dict[int, list[int]] = {u: [] for u in range(n)}
    for u, v in live:
        out[u].append(v)
    seen = set(seeds)
    queue = deque(seen)
    while queue:
        u = queue.popleft()
        for v in out[u]:
            if v not in seen:
                seen.add(v)
                queue.append(v)
    return seen


def exact_ic(g: DiffusionGraph, seeds, target=None) -> float:
    """Expected spread (or target weight reached) under IC: every live-edge world, weighted."""
    a = arcs(g)
    w = np.ones(g.n_nodes) if target is None else np.asarray(target, float)
    total = 0.0
    for mask in itertools.product((False, True), repeat=len(a)):
        prob = 1.0
        live = []
        for (u, v, p), on in zip(a, mask, strict=True):
            prob *= p if on else 1.0 - p
            if on:
                live.append((u, v))
        if prob:
            total += prob * sum(w[x] for x in _reach(g.n_nodes, live, seeds))
    return total


def exact_lt(g: DiffusionGraph, seeds) -> float:
    """Expected spread under LT: each node keeps one in-arc with probability its weight, or none."""
    a = arcs(g)
    choices = []
    for v in range(g.n_nodes):
        ins = [(u, p) for u, x, p in a if x == v]
        options = [(None, 1.0 - sum(p for _, p in ins)), *ins]
        choices.append([(u, p) for u, p in options if p > 0])
    total = 0.0
    for pick in itertools.product(*choices):
        prob = float(np.prod([p for _, p in pick]))
        live = [(u, v) for v, (u, _) in enumerate(pick) if u is not None]
        total += prob * len(_reach(g.n_nodes, live, seeds))
    return total


def random_graph(rng: np.random.Generator, n_nodes: int, n_arcs: int) -> DiffusionGraph:
    pairs = [(u, v) for u in range(n_nodes) for v in range(n_nodes) if u != v]
    pick = rng.choice(len(pairs), n_arcs, replace=False)
    src = [pairs[i][0] for i in pick]
    dst = [pairs[i][1] for i in pick]
    return DiffusionGraph.from_arcs(src, dst, rng.uniform(0.1, 0.9, n_arcs), n_nodes=n_nodes)
