"""Benchmarks of einfluence.diffusion: simulation speed, learning quality, Twitter15/16 fit.

Usage (from the repository root)::

    .venv/bin/python -m benchmarks.bench_diffusion                       # everything
    .venv/bin/python -m benchmarks.bench_diffusion --only speed --simulations 200000
    .venv/bin/python -m benchmarks.bench_diffusion --only learning
    .venv/bin/python -m benchmarks.bench_diffusion --only twitter

Figures, one per line:

(a) ``speed``: NetHEPT (IMM authors' ``graph_ic.inf``, n = 15,229, m = 62,752) with
    weighted-cascade probabilities and the 50 accounts of largest out-degree as seeds: cold
    compile time of the kernels (fresh numba cache in a child process), load time from the
    cache, then IC simulations per second on all numba threads and on one, and LT and
    continuous-time IC throughput;
(b) ``learning``: a random graph with planted probabilities U(0.05, 0.5); independent
    cascades drawn by :func:`sample_cascades` (discrete IC and continuous-time IC); mean
    absolute error of EM and Goyal estimates against the planted values for 100, 1,000 and
    10,000 cascades;
(c) ``twitter``: Twitter15 + Twitter16 propagation trees, 70 % / 30 % random split of the
    trees (seed 0). Probabilities are learned on the training trees; every held-out tree is
    simulated from its root, and the Kolmogorov-Smirnov distance between the simulated and
    the observed held-out sizes is reported for each way of setting probabilities.
Real datasets are read from ../shared/data (or $EINFLUENCE_SHARED_DATA) and skipped with a
message when absent.
"""

from __future__ import annotations

import argparse
import ast
import os
import subprocess
import sys
import tarfile
import tempfile
import time

import numpy as np

from benchmarks._harness import REPO, SHARED_DATA


def _row(name: str, value: object) -> None:
    print(f"{name:<60} {value}", flush=True)


def load_nethept():
    from einfluence.diffusion import DiffusionGraph, weighted_cascade

    path = SHARED_DATA / "im-benchmarks" / "nethept-imm" / "graph_ic.inf"
    if not path.exists():
        return None
    data = np.loadtxt(path)
    g = DiffusionGraph.from_arcs(data[:, 0].astype(np.int64), data[:, 1].astype(np.int64), 1.0, n_nodes=15229)
    return weighted_cascade(g)


_COMPILE = """
import time, numpy as np
t = time.perf_counter()
from einfluence.diffusion import DiffusionGraph, lt_weights, simulate
g = DiffusionGraph.from_arcs([0, 1], [1, 2], 0.5)
t0 = time.perf_counter()
simulate(g, [0], n_simulations=4, random_state=0)
t1 = time.perf_counter()
simulate(lt_weights(g), [0], model="lt", n_simulations=4, random_state=0)
t2 = time.perf_counter()
simulate(g, [0], model="ct", n_simulations=4, random_state=0)
t3 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2)
"""


def bench_speed(args: argparse.Namespace) -> None:
    import numba

    from einfluence.diffusion import lt_weights, simulate

    with tempfile.TemporaryDirectory() as cache:
        for label, env in (("cold (empty numba cache)", {"NUMBA_CACHE_DIR": cache}),
                           ("warm (loaded from the cache)", {"NUMBA_CACHE_DIR": cache})):
            out = subprocess.run([sys.executable, "-c", _COMPILE], capture_output=True, text=True, check=True,
                                 env={**os.environ, **env}, cwd=REPO)
            ic, lt, ct = (float(x) for x in out.stdout.split())
            _row(f"first call, {label}", f"IC {ic:.2f} s, LT {lt:.2f} s, CT {ct:.2f} s")
    g = load_nethept()
    if g is None:
        _row("NetHEPT simulation speed", "skipped (graph_ic.inf absent)")
        return
    seeds = np.argsort(-g.out_degree(), kind="stable")[:50]
    n = args.simulations
    simulate(g, seeds, n_simulations=1000, random_state=0)  # warm-up (compiled above)
    threads = numba.get_num_threads()
    for n_threads in sorted({threads, 1}, reverse=True):
        numba.set_num_threads(n_threads)
        best, cpu = np.inf, np.inf
        for _ in range(args.repeats):
            start, start_cpu = time.perf_counter(), time.process_time()
            est = simulate(g, seeds, n_simulations=n, random_state=1)
            best = min(best, time.perf_counter() - start)
            cpu = min(cpu, time.process_time() - start_cpu)
        _row(f"NetHEPT WC IC, 50 seeds, {n:,} sims, {n_threads} thread(s)",
             f"{n / best:9,.0f} sims/s (best of {args.repeats}: {best:.2f} s wall), "
             f"{n / cpu:,.0f} sims per CPU-second, load average {os.getloadavg()[0]:.1f}; "
             f"spread {est.mean:.1f} ± {est.std_error:.1f}, beyond hop 1 {est.beyond_first_hop:.1%}, "
             f"mean depth {est.mean_max_depth:.1f}")
    numba.set_num_threads(threads)
    glt = lt_weights(g)
    simulate(glt, seeds, model="lt", n_simulations=100, random_state=0)
    start = time.perf_counter()
    est = simulate(glt, seeds, model="lt", n_simulations=n // 4, random_state=1)
    dt = time.perf_counter() - start
    _row(f"NetHEPT LT (1/in-degree), 50 seeds, {n // 4:,} sims, {threads} thr",
         f"{n // 4 / dt:9,.0f} sims/s; spread {est.mean:.1f} ± {est.std_error:.1f}")
    start = time.perf_counter()
    est = simulate(g, seeds, model="ct", n_simulations=n // 10, random_state=1, delays=1.0,
                   times=[0.5, 1, 2, 4, 8])
    dt = time.perf_counter() - start
    by_time = ", ".join(f"t={t:g}: {s:.0f}" for t, s in zip(est.times, est.spread_by_time, strict=True))
    _row(f"NetHEPT CT-IC (Exp(1) delays), {n // 10:,} sims, {threads} thr",
         f"{n // 10 / dt:9,.0f} sims/s; spread {est.mean:.1f}; by time {by_time}")


def bench_learning(args: argparse.Namespace) -> None:
    import warnings

    from einfluence.diffusion import (
        DiffusionGraph,
        em_probabilities,
        goyal_probabilities,
        sample_cascades,
    )

    rng = np.random.default_rng(0)
    n_nodes, n_arcs = 1000, 4000
    g = DiffusionGraph.from_arcs(rng.integers(0, n_nodes, n_arcs), rng.integers(0, n_nodes, n_arcs), 1.0,
                                 n_nodes=n_nodes)
    truth = rng.uniform(0.05, 0.5, g.n_arcs)
    g = g.with_prob(truth)
    _row("planted graph", f"{n_nodes} nodes, {g.n_arcs} arcs, p ~ U(0.05, 0.5), one random seed per cascade")
    for model in ("ic", "ct"):
        for n in (100, 1_000, 10_000):
            log = sample_cascades(g, n, model=model, random_state=n, delays=1.0)
            window = 1.0 if model == "ic" else None
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                start = time.perf_counter()
                em = em_probabilities(g, log.cascade, log.account, log.time, window=window, max_iter=1000)
                t_em = time.perf_counter() - start
            goyal = goyal_probabilities(g, log.cascade, log.account, log.time, window=window)
            partial = goyal_probabilities(g, log.cascade, log.account, log.time, window=window, credit="partial")
            parent = goyal_probabilities(g, log.cascade, log.account, log.time, parent=log.parent)
            seen = ~np.isnan(goyal_probabilities(g, log.cascade, log.account, log.time, unobserved=None))
            mae = {k: np.abs(v - truth).mean() for k, v in
                   (("EM", em), ("Goyal", goyal), ("Goyal partial", partial), ("Goyal parent", parent))}
            _row(f"MAE, {model.upper()} cascades, {n:>6,} cascades ({log.n_actions:,} actions)",
                 ", ".join(f"{k} {v:.4f}" for k, v in mae.items())
                 + f"  (arcs with a trial {seen.mean():.0%}; EM {t_em:.2f} s)")


def read_twitter_trees(root):
    """Cascades of the Twitter15/16 trees: (tree id, users in order, arcs parent -> child, delays).

    Trees present in both collections are read once.
    """
    trees = {}
    for name in ("twitter15", "twitter16"):
        with tarfile.open(root / f"{name}_tree.tar.gz") as tar:
            for member in tar:
                if not member.isfile() or not member.name.endswith(".txt"):
                    continue
                tree_id = member.name.rsplit("/", 1)[-1][:-4]
                if tree_id in trees:
                    continue
                parents, children, delays = [], [], []
                for line in tar.extractfile(member).read().decode().splitlines():
                    if "->" not in line:
                        continue
                    left, right = line.split("->")
                    p, c = ast.literal_eval(left), ast.literal_eval(right)
                    parents.append(p[0])
                    children.append(c[0])
                    delays.append(float(c[2]))
                trees[tree_id] = (parents, children, delays)
    return trees


def bench_twitter(args: argparse.Namespace) -> None:
    import warnings

    from scipy.stats import ks_2samp

    from einfluence.diffusion import (
        DiffusionGraph,
        constant,
        em_probabilities,
        goyal_probabilities,
        simulate,
        weighted_cascade,
    )

    root = SHARED_DATA / "twitter15-16-rumor-trees"
    if not root.exists():
        _row("Twitter15/16 fit", f"skipped ({root} absent)")
        return
    start = time.perf_counter()
    trees = read_twitter_trees(root)
    users: dict[str, int] = {}
    cascade, account, when, parent, arc_src, arc_dst, arc_tree, source = [], [], [], [], [], [], [], {}
    for k, (_, (ps, cs, ds)) in enumerate(sorted(trees.items())):
        for p, c, d in zip(ps, cs, ds, strict=True):
            cu = users.setdefault(c, len(users))
            pu = -1 if p == "ROOT" else users.setdefault(p, len(users))
            cascade.append(k)
            account.append(cu)
            when.append(d)
            parent.append(pu)
            if p == "ROOT":
                source.setdefault(k, cu)
            elif pu != cu:
                arc_src.append(pu)
                arc_dst.append(cu)
                arc_tree.append(k)
        if k not in source and ps:  # a tree without a ROOT line: its first parent
            source[k] = users[ps[0]]
    cascade, account, when, parent = (np.array(x) for x in (cascade, account, when, parent))
    arc_src, arc_dst, arc_tree = np.array(arc_src), np.array(arc_dst), np.array(arc_tree)
    n_trees, n_users = len(trees), len(users)
    _row("Twitter15/16 trees read", f"{n_trees:,} trees, {cascade.size:,} actions, {n_users:,} users, "
         f"{time.perf_counter() - start:.1f} s")
    rng = np.random.default_rng(0)
    train_mask = rng.random(n_trees) < 0.7
    test_ids = np.flatnonzero(~train_mask)
    test_ids = test_ids[np.isin(test_ids, list(source))]
    in_train = train_mask[cascade]
    sizes = np.bincount(np.unique(cascade * n_users + account) // n_users, minlength=n_trees)
    observed = sizes[test_ids]
    roots = np.array([source[k] for k in test_ids])
    for graph_name, arcs in (("training arcs", train_mask[arc_tree]), ("all arcs (leaks held-out)", slice(None))):
        g = DiffusionGraph.from_arcs(arc_src[arcs], arc_dst[arcs], 1.0, n_nodes=n_users)
        c, a, t, p = cascade[in_train], account[in_train], when[in_train], parent[in_train]
        goyal = goyal_probabilities(g, c, a, t, parent=p, unobserved=None)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", RuntimeWarning)
            em = em_probabilities(g, c, a, t, window=None, max_iter=300, unobserved=None)
        em_note = "not converged to 1e-6 in 300 iterations" if caught else "converged"
        mean_goyal = float(np.nanmean(goyal))
        mean_em = float(np.nanmean(em))
        settings = [
            ("Goyal (parent credit)", g.with_prob(np.nan_to_num(goyal, nan=mean_goyal))),
            (f"EM (any earlier parent; {em_note})", g.with_prob(np.nan_to_num(em, nan=mean_em))),
            ("weighted cascade", weighted_cascade(g)),
            ("constant 0.01", constant(g, 0.01)),
            (f"constant {mean_goyal:.3f} (mean Goyal p)", constant(g, mean_goyal)),
        ]
        _row(f"graph: {graph_name}", f"{g.n_arcs:,} arcs; held-out trees {test_ids.size}, "
             f"roots with out-arcs {(g.out_degree()[roots] > 0).mean():.0%}; "
             f"unobserved arcs Goyal {np.isnan(goyal).mean():.0%}")
        _row("  observed held-out sizes", f"median {np.median(observed):.0f}, mean {observed.mean():.0f}")
        for label, gp in settings:
            start = time.perf_counter()
            sims = np.concatenate([
                simulate(gp, [r], n_simulations=args.twitter_simulations, random_state=int(k)).spreads
                for k, r in zip(test_ids, roots, strict=True)
            ])
            ks = ks_2samp(sims, observed).statistic
            _row(f"  {label}", f"KS {ks:.3f}; simulated median {np.median(sims):.0f}, mean {sims.mean():.0f} "
                 f"({time.perf_counter() - start:.0f} s)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--only", choices=["speed", "learning", "twitter"])
    parser.add_argument("--simulations", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--twitter-simulations", type=int, default=100)
    args = parser.parse_args(argv)
    for name, func in (("speed", bench_speed), ("learning", bench_learning), ("twitter", bench_twitter)):
        if args.only in (None, name):
            func(args)


if __name__ == "__main__":
    main()
