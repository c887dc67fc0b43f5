"""Benchmarks of einfluence.communities: speed at ten million interactions, and recovery.

Usage (from the repository root)::

    .venv/bin/python -m benchmarks.bench_communities                 # everything
    .venv/bin/python -m benchmarks.bench_communities --backend igraph   # the optional engine
    .venv/bin/python -m benchmarks.bench_communities --only synthetic --edges 10000000
    .venv/bin/python -m benchmarks.bench_communities --only synthetic --until-stable

Figures, one per line, for one Leiden ``--backend`` (graspologic, the default, or igraph, which
needs ``pip install 'einfluence[igraph]'``): (a) a generated degree-corrected planted partition
with heavy-tailed degrees (``--nodes`` accounts, ``--edges`` directed interactions of five
kinds): time to build the community graph from the GraphView (the numpy symmetrise and merge,
then the hand-over to the backend), time of Leiden, peak RSS of this process, communities,
modularity and NMI against the planted blocks; (b) email-Eu-core departments (NMI, ARI, at
several resolutions, and the best NMI); (c) polblogs leaning (two-largest accuracy,
modularity); (d) the demo world's planted communities (NMI). Times are wall seconds with the
CPU seconds of this process in brackets (the Leiden of both backends runs on one thread, so
CPU time is the steadier figure on a busy machine). Real datasets are read from
../shared/data (or $EINFLUENCE_SHARED_DATA) and skipped with a message when absent.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks._harness import SHARED_DATA


def _row(name: str, value: object) -> None:
    print(f"{name:<52} {value}", flush=True)


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def planted_view(n_nodes: int, n_edges: int, n_blocks: int, mixing: float, seed: int):
    """A degree-corrected planted partition as a GraphView, and its blocks (numpy only).

    Sources are drawn proportionally to a log-normal activity, targets proportionally to a
    Pareto (tail 1.5) popularity, inside the source's block with probability ``1 - mixing``.
    """
    from einfluence.base.arrays import InteractionArrays
    from einfluence.graph.view import GraphView

    rng = np.random.default_rng(seed)
    block = rng.integers(0, n_blocks, n_nodes)
    popularity = rng.pareto(1.5, n_nodes) + 1.0
    activity = rng.lognormal(0.0, 1.0, n_nodes)
    cum_activity = np.cumsum(activity)
    src = np.searchsorted(cum_activity, rng.random(n_edges) * cum_activity[-1], side="right")
    src = np.minimum(src, n_nodes - 1)
    src.sort()
    order = np.argsort(block, kind="stable")
    cum = np.cumsum(popularity[order])
    first = np.searchsorted(block[order], np.arange(n_blocks), side="left")
    last = np.append(first[1:], n_nodes)
    low = np.concatenate([[0.0], cum])[first]
    high = cum[np.maximum(last - 1, 0)]
    inside = rng.random(n_edges) >= mixing
    b = block[src]
    u = rng.random(n_edges)
    target = np.where(inside, low[b] + u * (high[b] - low[b]), u * cum[-1])
    dst = order[np.minimum(np.searchsorted(cum, target, side="right"), n_nodes - 1)]
    kind = rng.choice(np.array([0, 1, 2, 4, 5], np.int8), n_edges, p=[0.35, 0.1, 0.15, 0.3, 0.1])
    time_us = np.sort(rng.integers(1_300_000_000_000_000, 1_400_000_000_000_000, n_edges))
    arrays = InteractionArrays(
        src=src, dst=dst, time=time_us, weight=np.ones(n_edges), kind=kind,
        post=np.full(n_edges, -1, np.int64), n_accounts=n_nodes,
    )
    return GraphView.from_arrays(arrays), block


class _Clock:
    """Wall and CPU seconds since the last reading."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def lap(self) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        lap = (wall - self.wall, cpu - self.cpu)
        self.wall, self.cpu = wall, cpu
        return lap


def _seconds(lap: tuple[float, float]) -> str:
    return f"{lap[0]:7.2f} s ({lap[1]:6.2f} s CPU)"


def bench_synthetic(args: argparse.Namespace) -> None:
    from einfluence.communities import normalized_mutual_info
    from einfluence.communities._backends import backend_version, hand_over, run_leiden
    from einfluence.communities.leiden import _modularity, _relabel
    from einfluence.graph.selection import check_kinds
    from einfluence.graph.undirected import undirected_edges

    clock = _Clock()
    view, block = planted_view(args.nodes, args.edges, args.blocks, args.mixing, args.seed)
    _row(f"synthetic: generate {args.edges:,} interactions", _seconds(clock.lap()))
    _row("  accounts / planted blocks", f"{view.n_nodes:,} / {args.blocks}")
    _row("  peak RSS after generation", f"{_peak_rss_mb():7.0f} MB")
    _row("  backend", f"{args.backend} {backend_version(args.backend)}")

    # the steps of leiden_communities, timed one by one
    clock.lap()
    edges = undirected_edges(view, check_kinds(None), True)
    merge = clock.lap()
    graph = hand_over(edges, args.backend)
    handing = clock.lap()
    _row("  build: symmetrise + merge (numpy)", f"{_seconds(merge)}, {edges.a.size:,} pairs")
    _row(f"  build: hand-over to {args.backend}", _seconds(handing))
    build = (merge[0] + handing[0], merge[1] + handing[1])
    _row("  build total", _seconds(build))
    iterations = [2, -1] if args.until_stable else [args.n_iterations]
    for n_iterations in iterations:
        clock.lap()
        labels = run_leiden(
            graph, args.backend, resolution=1.0, n_iterations=n_iterations, beta=0.01,
            seed=args.seed,
        )
        leiden = clock.lap()
        membership = _relabel(labels, edges.degree() > 0, 1)
        relabel = clock.lap()
        label = "until stable" if n_iterations < 0 else f"n_iterations={n_iterations}"
        _row(f"  Leiden ({label})", _seconds(leiden))
        _row("  build + Leiden", _seconds((build[0] + leiden[0], build[1] + leiden[1])))
        _row("  relabel", _seconds(relabel))
        _row("  communities", f"{int(membership.max()) + 1:,}")
        _row("  modularity", f"{_modularity(edges, membership):.6f}")
        _row("  NMI vs planted blocks", f"{normalized_mutual_info(block, membership):.4f}")
        _row("  peak RSS", f"{_peak_rss_mb():7.0f} MB")
    del graph


def bench_email(backend: str) -> None:
    from einfluence import Workspace
    from einfluence.communities import adjusted_rand, leiden_communities, normalized_mutual_info

    folder = SHARED_DATA / "im-benchmarks" / "email-eu-core"
    if not folder.exists():
        _row("email-Eu-core", f"skipped ({folder} absent)")
        return
    with Workspace(":memory:") as ws:
        ws.import_files("edgelist", [folder / "email-Eu-core.txt"])
        view = ws.graph()
        ids = [int(s) for (s,) in ws.con.execute(
            "SELECT source_id FROM accounts ORDER BY account_id").fetchall()]
    department = dict(np.loadtxt(folder / "email-Eu-core-department-labels.txt", dtype=np.int64).tolist())
    truth = np.array([department[i] for i in ids])
    best = (-1.0, 0.0)
    for resolution in (1.0, 2.0, 3.0, 4.0):
        clock = _Clock()
        part = leiden_communities(view, resolution=resolution, random_state=0, backend=backend)
        lap = clock.lap()
        nmi = normalized_mutual_info(truth, part.membership)
        best = max(best, (nmi, resolution))
        _row(
            f"email-Eu-core (42 departments), resolution {resolution}",
            f"NMI {nmi:.3f}, ARI {adjusted_rand(truth, part.membership):.3f}, "
            f"{part.n_communities} communities, Q {part.modularity:.4f}, "
            f"{lap[0]:.2f} s ({lap[1]:.2f} s CPU)",
        )
    _row("email-Eu-core, best NMI (goal >= 0.70)", f"{best[0]:.3f} at resolution {best[1]}")


def bench_polblogs(backend: str) -> None:
    from einfluence import Workspace
    from einfluence.communities import leiden_communities, two_largest_accuracy

    path = SHARED_DATA / "polblogs" / "polblogs.gml"
    if not path.exists():
        _row("polblogs", f"skipped ({path} absent)")
        return
    with Workspace(":memory:") as ws:
        ws.import_files("gml", [path])
        view = ws.graph()
        rows = ws.con.execute("SELECT attributes FROM accounts ORDER BY account_id").fetchall()
    leaning = np.array([json.loads(a)["value"] for (a,) in rows])
    for seed in range(3):
        part = leiden_communities(view, random_state=seed, backend=backend)
        _row(
            f"polblogs (leaning), seed {seed}",
            f"two-largest accuracy {two_largest_accuracy(leaning, part.membership):.3f}, "
            f"Q {part.modularity:.4f}, sizes {part.sizes[:3].tolist()}",
        )


def bench_demo(n_accounts: int, backend: str) -> None:
    from einfluence import Workspace
    from einfluence.communities import leiden_communities, normalized_mutual_info

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.duckdb"
        Workspace.create_demo(path, n_accounts=n_accounts, n_days=14, seed=0)
        with Workspace(path) as ws:
            ws.con.register("truth_accounts", ws.truth("accounts"))
            rows = ws.con.execute(
                "SELECT t.community FROM accounts a LEFT JOIN truth_accounts t "
                "ON a.network = t.network AND a.source_id = t.id ORDER BY a.account_id"
            ).fetchall()
            view = ws.graph()
    planted = np.array([-1 if c is None else c for (c,) in rows])
    for label, kinds in [
        ("all kinds", None),
        ("follows", ("follow",)),
        ("reactions", ("relay", "reply", "quote", "mention", "like")),
    ]:
        part = leiden_communities(view, kinds=kinds, random_state=0, backend=backend)
        _row(
            f"demo world ({n_accounts:,} accounts), {label}",
            f"NMI {normalized_mutual_info(planted, part.membership):.3f}, "
            f"{part.n_communities} communities, Q {part.modularity:.4f}",
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["synthetic", "email", "polblogs", "demo"], action="append")
    parser.add_argument("--edges", type=int, default=10_000_000)
    parser.add_argument("--nodes", type=int, default=1_000_000)
    parser.add_argument("--blocks", type=int, default=500)
    parser.add_argument("--mixing", type=float, default=0.2, help="share of edges between blocks")
    parser.add_argument("--n-iterations", type=int, default=2)
    parser.add_argument("--until-stable", action="store_true", help="also run Leiden until stable")
    parser.add_argument("--demo-accounts", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--backend", choices=["graspologic", "igraph"], default="graspologic",
        help="Leiden engine (igraph needs: pip install 'einfluence[igraph]')",
    )
    args = parser.parse_args(argv)
    from einfluence.communities._backends import check_backend

    check_backend(args.backend)
    only = set(args.only or ["synthetic", "email", "polblogs", "demo"])
    if "email" in only:
        bench_email(args.backend)
    if "polblogs" in only:
        bench_polblogs(args.backend)
    if "demo" in only:
        bench_demo(args.demo_accounts, args.backend)
    if "synthetic" in only:
        bench_synthetic(args)


if __name__ == "__main__":
    main()
