"""einfluence benchmarks: print the figures the issues ask for.

Usage (from the repository root, after the README's set-up)::

    .venv/bin/python -m benchmarks.run import            # all import figures
    .venv/bin/python -m benchmarks.run import --interactions 10000000
    .venv/bin/python -m benchmarks.run score             # scoring a 10M-interaction world
    .venv/bin/python -m benchmarks.run evaluate          # Higgs, Twitter15/16, demo recovery
    .venv/bin/python -m benchmarks.run calibrate         # calibrated score on Higgs, Twitter15/16; 10M world
    .venv/bin/python -m benchmarks.run communities       # Leiden: real labels, 10M edges
    .venv/bin/python -m benchmarks.run topics            # topic model: 1M posts, demo, Twitter15/16
    .venv/bin/python -m benchmarks.run topic-influence   # per-topic rankings: recovery and evaluation
    .venv/bin/python -m benchmarks.run diffusion         # Monte-Carlo speed, learned probabilities, Twitter15/16
    .venv/bin/python -m benchmarks.run targeting         # IMM end to end (NetHEPT, Higgs, 10M arcs) vs a C++ IMM
    .venv/bin/python -m benchmarks.run perception        # sentiment quality, mention detection, 1M posts
    .venv/bin/python -m benchmarks.run advocacy          # planted advocates and detractors, airline agreement
    .venv/bin/python -m benchmarks.run opinion           # FJ steady state on 10M interactions, 1,000 runs on 100k accounts
    .venv/bin/python -m benchmarks.run startup           # --help, --version and a whole seeds process
    .venv/bin/python -m benchmarks.run server            # the API under 20 clients while an import runs
    .venv/bin/python -m benchmarks.run web               # the dashboard's pages and its 20,000-node map
    .venv/bin/python -m benchmarks.run reports           # every report, HTML and PDF, on a 10M-interaction world
    .venv/bin/python -m benchmarks.run scale             # import, score, communities, seeds at 1M, 10M, 100M
    .venv/bin/python -m benchmarks.run spark             # local vs Spark score (1M), a standalone cluster on loopback

Each figure is measured on a fresh database in a fresh child process (wall time and peak RSS of
that process). Real datasets are read from ../shared/data (or $EINFLUENCE_SHARED_DATA) and
skipped with a message when absent.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from benchmarks._harness import SHARED_DATA, einfluence_cmd, run_measured, self_peak_rss_mb, timed


def _row(name: str, value: str) -> None:
    print(f"{name:<58} {value}")


REFERENCE_IMM = Path(__file__).parent / "reference" / "imm_reference.cpp"


def reference_imm(workdir: Path, g, k: int, epsilon: float) -> dict | None:
    """Run the plain single-threaded C++ IMM of ``benchmarks/reference`` on ``g`` (None without g++).

    A compiled yardstick where the authors' program was not run: same θ formulas, one coin per
    in-arc, a node -> RR sets index filled while sampling. Its ``seconds`` exclude reading the graph.
    """
    import numpy as np

    binary = workdir / "imm_reference"
    if not binary.exists():
        compiler = shutil.which("g++")
        if compiler is None:
            return None
        subprocess.run([compiler, "-O3", "-march=native", "-std=c++17", str(REFERENCE_IMM), "-o", str(binary)],
                       check=True)
    graph = workdir / "reference-graph.bin"
    with graph.open("wb") as f:
        np.array([g.n_nodes, g.n_arcs], np.int64).tofile(f)
        g.sources().astype(np.int32).tofile(f)
        g.indices.astype(np.int32).tofile(f)
        g.prob.astype(np.float64).tofile(f)
    m = run_measured([str(binary), str(graph), str(k), str(epsilon)])
    graph.unlink()
    return {**json.loads(m.stdout), "wall": m.wall_s, "peak_rss_mb": m.peak_rss_mb}


def bench_import_real(workdir: Path) -> None:
    cases = [
        ("higgs", SHARED_DATA / "higgs-twitter", "Higgs Twitter (563,069 events)"),
        ("twitter-trees", SHARED_DATA / "twitter15-16-rumor-trees", "Twitter15 + Twitter16 propagation trees"),
        ("gml", SHARED_DATA / "polblogs" / "polblogs.gml", "polblogs GML"),
        ("imm", SHARED_DATA / "im-benchmarks" / "nethept-imm", "NetHEPT (IMM format)"),
    ]
    for fmt, path, label in cases:
        if not path.exists():
            _row(f"import {label}", f"skipped ({path} absent)")
            continue
        db = workdir / f"{fmt}.duckdb"
        m = run_measured(einfluence_cmd("import", fmt, str(path), "--db", str(db), "--json"))
        added = json.loads(m.stdout)
        _row(
            f"import {label}",
            f"{m.wall_s:6.2f} s wall, peak RSS {m.peak_rss_mb:7.0f} MB, "
            f"{added['interactions_added']:,} interactions, {added['accounts_added']:,} accounts",
        )
        again = run_measured(einfluence_cmd("import", fmt, str(path), "--db", str(db), "--json"))
        _row("  re-import (same files)", f"{again.wall_s:6.2f} s wall, added {json.loads(again.stdout)['interactions_added']}")


def bench_import_generated(workdir: Path, n_interactions: int) -> None:
    from einfluence.datasets import make_demo_world
    from einfluence.io.generic import write_generic

    # the demo world's default activity gives about 48 interactions per account
    n_accounts = max(1000, -(-n_interactions // 48))
    world, seconds = timed(make_demo_world, n_accounts=n_accounts, seed=1)
    got = world.records.interactions.num_rows
    _row(
        f"generate demo world ({n_accounts:,} accounts)",
        f"{seconds:6.2f} s, {got:,} interactions, {world.records.posts.num_rows:,} posts, "
        f"peak RSS {self_peak_rss_mb():7.0f} MB",
    )
    folder = workdir / "world"
    _, seconds = timed(write_generic, world.records, folder, file_format="parquet")
    _row("  write as generic Parquet", f"{seconds:6.2f} s")
    del world
    db = workdir / "world.duckdb"
    m = run_measured(einfluence_cmd("import", "generic", str(folder), "--db", str(db), "--json"))
    added = json.loads(m.stdout)
    _row(
        f"import generated world ({got:,} interactions)",
        f"{m.wall_s:6.2f} s wall, peak RSS {m.peak_rss_mb:7.0f} MB, "
        f"{added['interactions_added']:,} interactions, {added['posts_added']:,} posts",
    )
    again = run_measured(einfluence_cmd("import", "generic", str(folder), "--db", str(db), "--json"))
    _row("  re-import (same files, checksum skip)", f"{again.wall_s:6.2f} s wall")
    # the same rows under other file names: recognised row by row, by natural key
    renamed = workdir / "world-renamed"
    renamed.mkdir()
    for path in folder.iterdir():
        shutil.copy(path, renamed / path.name.replace(".parquet", "-copy.parquet"))
    m = run_measured(einfluence_cmd("import", "generic", str(renamed), "--db", str(db), "--json"))
    added = json.loads(m.stdout)
    _row(
        "  re-import (same rows, renamed files)",
        f"{m.wall_s:6.2f} s wall, peak RSS {m.peak_rss_mb:7.0f} MB, added {added['interactions_added']} "
        f"interactions, {added['posts_added']} posts, {added['accounts_added']} accounts",
    )


def _generated_db(workdir: Path, n_interactions: int) -> Path:
    from einfluence import Workspace
    from einfluence.datasets import make_demo_world
    from einfluence.io.generic import write_generic

    world = make_demo_world(n_accounts=max(1000, -(-n_interactions // 48)), seed=1)
    folder = workdir / "world"
    write_generic(world.records, folder)
    db = workdir / "world.duckdb"
    with Workspace(db) as ws:
        ws.import_files("generic", [folder])
    return db


def bench_score(workdir: Path, n_interactions: int) -> None:
    db = _generated_db(workdir, n_interactions)
    from einfluence import Workspace

    with Workspace(db, read_only=True) as ws:
        stats = ws.stats(by_day=False)
    m = run_measured(einfluence_cmd("score", "--db", str(db), "--json"))
    info = json.loads(m.stdout)
    _row(
        f"score generated world ({stats['interactions']:,} interactions)",
        f"{m.wall_s:6.2f} s wall, peak RSS {m.peak_rss_mb:7.0f} MB, {info['n_scored']:,} accounts scored "
        "(graph view, all components, score, stored run; includes process start)",
    )


def bench_communities_end_to_end(workdir: Path, n_interactions: int) -> None:
    """``einfluence communities`` on a generated world: graph view from DuckDB, Leiden, stored run."""
    db = _generated_db(workdir, n_interactions)
    from einfluence import Workspace

    with Workspace(db, read_only=True) as ws:
        stats = ws.stats(by_day=False)
    m = run_measured(einfluence_cmd("communities", "--db", str(db), "--format", "json", "--summary"))
    report = json.loads(m.stdout)
    _row(
        f"communities of the generated world ({stats['interactions']:,} interactions)",
        f"{m.wall_s:6.2f} s wall, peak RSS {m.peak_rss_mb:7.0f} MB, {report['run']['n_communities']:,} communities, "
        f"modularity {report['run']['modularity']:.3f} (whole command: view, Leiden, store, report)",
    )
    m = run_measured(einfluence_cmd("topics", "--db", str(db), "--format", "json", "--leaders", "0"))
    run = json.loads(m.stdout)
    _row(
        f"topics of the generated world ({run['n_posts']:,} posts with text)",
        f"{m.wall_s:6.2f} s wall, peak RSS {m.peak_rss_mb:7.0f} MB, {run['n_topics']} topics "
        "(whole command: read texts, TF-IDF, NMF, profiles, store)",
    )


def _planted_topic_precision(ws, k: int = 10) -> tuple[float, float, int]:
    """Precision@k of on-topic and topic-blind rankings against planted per-topic influencers.

    Learned topics are matched to planted ones by the majority planted topic of their posts; a
    planted topic is ranked by the on-topic score of its matched learned topics (the best of
    them per account).
    """
    import numpy as np
    from einfluence.workspace.content import TopicFilter

    run = ws.topic_run()
    mapping = dict(ws.sql(
        """SELECT pt.topic, mode(tt.name) FROM post_topics pt
           JOIN posts p USING (post_id)
           JOIN truth_posts_topic t ON t.network = p.network AND t.post = p.source_id
           JOIN truth_topics tt ON tt.topic = t.topic
           WHERE pt.topic_run_id = ? AND pt.weight >= 0.5 GROUP BY pt.topic""",
        [run["topic_run_id"]],
    ).fetchall())
    planted = ws.sql(
        "SELECT topic, list(DISTINCT id) FROM truth_influence WHERE network = 'microblog' GROUP BY topic"
    ).fetchall()
    blind = [r["account"] for r in ws.rank(ws.score_run_for(), limit=k, network="microblog").to_pylist()]
    hits_topic = hits_blind = total = 0
    for name, accounts in planted:
        learned = [t for t, n in mapping.items() if n == name]
        if not learned:
            total += min(k, len(accounts))
            continue
        best: dict[str, float] = {}
        for t in learned:
            run_id = ws.score_run_for(topic=TopicFilter(topic_run=run["topic_run_id"], topic=int(t), min_weight=0.3))
            for row in ws.rank(run_id, limit=None, network="microblog").to_pylist():
                best[row["account"]] = max(best.get(row["account"], 0.0), row["score"])
        kk = min(k, len(accounts))
        top = sorted(best, key=lambda a: -best[a])[:kk]
        hits_topic += len(set(top) & set(accounts))
        hits_blind += len(set(blind[:kk]) & set(accounts))
        total += kk
    return hits_topic / total, hits_blind / total, int(np.sum([len(a) for _, a in planted]))


def bench_topic_influence(workdir: Path) -> None:
    """Per-topic rankings: planted per-topic influencers on the demo world; the per-topic harness."""
    from einfluence import Workspace

    db = workdir / "demo-topics.duckdb"
    for seed in (0, 1, 2):
        Workspace.create_demo(db, n_accounts=3000, seed=seed, force=True)
        with Workspace(db) as ws:
            ws.topics()
            on_topic, blind, n_planted = _planted_topic_precision(ws)
            report = ws.evaluate_topics(_demo_split(ws)).to_dict()
        macro = report["macro"]
        _row(
            f"demo seed {seed}: planted per-topic influencers ({n_planted})",
            f"precision@k on-topic {on_topic:.2f} vs topic-blind {blind:.2f} (k = min(10, planted on the topic))",
        )
        _row(
            "  later on-topic relayers (macro over topics)",
            "; ".join(f"{name} ρ {m['spearman']:.3f} nDCG@10 {m['ndcg@10']:.3f}" for name, m in macro.items()),
        )
    path = SHARED_DATA / "twitter15-16-rumor-trees"
    if not path.exists():
        _row("Twitter15/16 per-topic evaluation", f"skipped ({path} absent)")
        return
    db = workdir / "trees.duckdb"
    run_measured(einfluence_cmd("import", "twitter-trees", str(path), "--db", str(db)))
    run_measured(einfluence_cmd("topics", "--db", str(db), "--n-topics", "10", "--leaders", "0", "--format", "json"))
    m = run_measured(einfluence_cmd("evaluate", "--db", str(db), "--split", "2015-11-01", "--by-topic", "--format", "json"))
    report = json.loads(m.stdout)
    print(f"\nTwitter15/16, split 2015-11-01, 10 topics, target distinct on-topic relayers ({m.wall_s:.1f} s)")
    for name, values in report["macro"].items():
        _row(f"  {name}", "  ".join(f"{k} {v:.3f}" for k, v in values.items() if v is not None))


#: graphs of the end-to-end seeds benchmark: name, import command arguments, and for each run
#: the model, the probabilities and what the authors' C++ IMM reached (when measured)
SEED_GRAPHS = (
    ("NetHEPT", ("imm", "im-benchmarks/nethept-imm"),
     (("ic", "stored", "C++ IMM 963 ± 1"), ("lt", "wc", "C++ IMM 1295 ± 2"))),
    ("Higgs Twitter (reactions)", ("higgs", "higgs-twitter"), (("ic", "wc", None), ("lt", "wc", None))),
)


def bench_seeds_end_to_end(workdir: Path) -> None:
    """``einfluence seeds`` (k = 50, ε = 0.1) on NetHEPT as imported from IMM's files and on Higgs.

    The seeds are judged by 10,000 simulations of the same graph, beside IMM at ε = 0.05 (a
    tighter guarantee, the reference where the authors' C++ was not run) and the heuristic
    baselines: out-degree, degree discount (IC), PageRank and, on Higgs, the einfluence score.
    """
    import numpy as np

    from einfluence import Workspace
    from einfluence.diffusion import simulate
    from einfluence.targeting import (
        degree_discount_seeds,
        degree_seeds,
        imm,
        pagerank_seeds,
        score_seeds,
    )

    for label, (fmt, folder), runs in SEED_GRAPHS:
        path = SHARED_DATA / folder
        if not path.exists():
            _row(f"{label} seeds", f"skipped ({path} absent)")
            continue
        db = workdir / f"{fmt}-seeds.duckdb"
        run_measured(einfluence_cmd("import", fmt, str(path), "--db", str(db)))
        score = None
        if fmt != "imm":
            with Workspace(db) as ws:
                _, result = ws.score()
                score = np.nan_to_num(result.score, nan=0.0)
        for model, probabilities, reference in runs:
            m = run_measured(einfluence_cmd(
                "seeds", "--db", str(db), "--k", "50", "--epsilon", "0.1", "--model", model,
                "--probabilities", probabilities, "--format", "json",
            ))
            result = json.loads(m.stdout)
            with Workspace(db, read_only=True) as ws:
                g, _ = ws.diffusion_graph(probabilities=probabilities, model=model)
                ids = ws.account_ids([str(s) for s in result["seeds"]])

            def judged(seeds: np.ndarray, g=g, model=model) -> str:
                est = simulate(g, np.asarray(seeds), model=model, n_simulations=10_000, random_state=12345)
                return f"spread {est.mean:,.1f} ± {est.std_error:.1f}"

            _row(
                f"{label} {model.upper()} ({probabilities}, {g.n_nodes:,} nodes, {g.n_arcs:,} arcs), k=50, ε=0.1",
                f"{judged(ids)} (10,000 simulations{'; ' + reference if reference else ''}); algorithm "
                f"{result['seconds']:.3f} s, whole command {m.wall_s:.2f} s, peak RSS {m.peak_rss_mb:.0f} MB, "
                f"θ {result['rr_sets']:,}, guarantee {result['approximation']:.3f}",
            )
            reference_run = reference_imm(workdir, g, 50, 0.1) if model == "ic" else None
            if reference_run is not None:
                _row(f"  plain C++ IMM (benchmarks/reference), θ {reference_run['rr_sets']:,}, "
                     f"{reference_run['seconds']:.3f} s algorithm",
                     judged(np.asarray(reference_run["seeds"])))
            tight = imm(g, 50, epsilon=0.05, model=model, random_state=1)
            baselines = {
                f"IMM ε=0.05 (θ {tight.rr_sets:,}, {tight.seconds:.2f} s)": tight.seeds,
                "degree": degree_seeds(g, 50),
                "degree discount": degree_discount_seeds(g, 50, p=float(np.median(g.prob))) if model == "ic" else None,
                "PageRank": pagerank_seeds(g, 50),
                "einfluence score": None if score is None else score_seeds(score[: g.n_nodes], 50),
            }
            for name, seeds in baselines.items():
                if seeds is not None:
                    _row(f"  {name} seeds", judged(getattr(seeds, "seeds", seeds)))


def bench_mentions_end_to_end(workdir: Path, n_posts: int) -> None:
    """``einfluence mentions`` on a generated world with about ``n_posts`` posts with text."""
    from einfluence import Workspace

    db = workdir / "mentions.duckdb"
    # the demo world (with its brands) writes about 14 posts with text per account
    Workspace.create_demo(db, n_accounts=max(1000, n_posts // 14), seed=2, force=True)
    m = run_measured(einfluence_cmd("mentions", "--db", str(db), "--json"))
    summary = json.loads(m.stdout)
    _row(
        f"einfluence mentions, {summary['posts_read']:,} posts with text",
        f"{m.wall_s:6.2f} s wall, peak RSS {m.peak_rss_mb:7.0f} MB, {summary['mentions_stored']:,} mentions "
        f"(whole command: read, detect, {summary.get('model', 'lexicon')} sentiment of each mention on its "
        "brand-aware view, store)",
    )


def bench_seeds_generated(workdir: Path, n_arcs: int, simulations: int = 500) -> None:
    """The issue's protocol: a generated graph of ``n_arcs`` arcs (1M nodes) written as an IMM folder with
    weighted-cascade probabilities, imported once, then ``einfluence seeds`` measured as a whole process.

    Two generators (``benchmarks.bench_targeting.synthetic_graph``): uniform destinations and
    power-law in- and out-degrees (Chung-Lu). On each, the weighted cascade (the file's
    probabilities) and a constant 0.01; beside einfluence, the plain C++ IMM of
    ``benchmarks/reference`` on the same graph, and both seed sets judged by ``simulations``
    Monte-Carlo cascades.
    """
    import duckdb
    import numpy as np
    import pyarrow as pa

    from benchmarks.bench_targeting import synthetic_graph
    from einfluence import Workspace
    from einfluence.diffusion import simulate

    n = 1_000_000
    for kind in ("uniform", "power-law"):
        src, dst = synthetic_graph(n, n_arcs, seed=0, kind=kind)
        keep = src != dst
        pairs = np.unique(src[keep] * n + dst[keep])
        src, dst = pairs // n, pairs % n
        p = 1.0 / np.bincount(dst, minlength=n)[dst]
        folder = workdir / f"imm-{kind}"
        folder.mkdir()
        (folder / "attribute.txt").write_text(f"n={n}\nm={src.size}\n")
        con = duckdb.connect()
        con.register("arcs", pa.table({"s": src, "d": dst, "p": p}))
        con.execute(f"COPY arcs TO '{folder / 'graph_ic.inf'}' (DELIMITER ' ', HEADER false)")
        con.close()
        del src, dst, p, pairs
        db = workdir / f"imm-{kind}.duckdb"
        m = run_measured(einfluence_cmd("import", "imm", str(folder), "--db", str(db)))
        shutil.rmtree(folder)
        print(f"\nGenerated graph, {kind}: 1,000,000 nodes, {n_arcs:,} arcs drawn")
        _row("  import the IMM folder", f"{m.wall_s:6.2f} s, peak RSS {m.peak_rss_mb:.0f} MB")
        for probabilities in ("stored", "constant:0.01"):
            m = run_measured(einfluence_cmd("seeds", "--db", str(db), "--k", "50", "--epsilon", "0.1", "--model", "ic",
                                            "--probabilities", probabilities, "--format", "json"))
            result = json.loads(m.stdout)
            with Workspace(db, read_only=True) as ws:
                g, _ = ws.diffusion_graph(probabilities=probabilities)
                ids = ws.account_ids([str(s) for s in result["seeds"]])
            est = simulate(g, ids, n_simulations=simulations, random_state=12345)
            _row(
                f"  einfluence seeds, {probabilities}, k=50, ε=0.1",
                f"whole command {m.wall_s:6.2f} s, algorithm {result['seconds']:.2f} s, peak RSS "
                f"{m.peak_rss_mb:.0f} MB, θ {result['rr_sets']:,}; spread {est.mean:,.0f} ± {est.std_error:,.0f} "
                f"({simulations:,} simulations)",
            )
            reference = reference_imm(workdir, g, 50, 0.1)
            if reference is not None:
                est = simulate(g, np.asarray(reference["seeds"]), n_simulations=simulations, random_state=12345)
                _row(
                    "    plain C++ IMM (benchmarks/reference), same graph",
                    f"whole process {reference['wall']:6.2f} s, algorithm {reference['seconds']:.2f} s, peak RSS "
                    f"{reference['peak_rss_mb']:.0f} MB, θ {reference['rr_sets']:,}; spread {est.mean:,.0f} ± "
                    f"{est.std_error:,.0f}",
                )
            del g
        db.unlink()


def _demo_split(ws) -> object:
    """Two thirds into the demo world's time span."""
    first, last = ws.sql("SELECT min(created_at), max(created_at) FROM interactions").fetchall()[0]
    return first + (last - first) * 2 / 3


def _print_table(title: str, report: dict, target: str = "relays_later") -> None:
    table = report["tables"][target]
    print(f"\n{title}: population {report['n_population']:,}, positive {report['n_positive'][target]:,}")
    ks = table["ks"]
    header = f"  {'measure':22s} {'spearman':>9s} {'kendall':>8s} " + " ".join(f"{'ov@' + str(k):>7s}" for k in ks)
    print(header + " " + " ".join(f"{'ndcg@' + str(k):>9s}" for k in ks))
    for row in table["rows"]:
        if not row["computable"]:
            continue
        cells = [f"{row['spearman']:9.4f}", f"{row['kendall']:8.4f}"]
        cells += [f"{row[f'overlap@{k}']:7.0f}" if row[f"overlap@{k}"] is not None else "      -" for k in ks]
        cells += [f"{row[f'ndcg@{k}']:9.3f}" if row[f"ndcg@{k}"] is not None else "        -" for k in ks]
        print(f"  {row['name']:22s} " + " ".join(cells))
    if report["unavailable"]:
        print("  not computable: " + ", ".join(report["unavailable"]))


def bench_evaluate(workdir: Path) -> None:
    cases = [
        ("higgs", SHARED_DATA / "higgs-twitter", "2012-07-04T00:00:00", "Higgs Twitter, split 2012-07-04"),
        ("twitter-trees", SHARED_DATA / "twitter15-16-rumor-trees", "2015-11-01T00:00:00", "Twitter15/16, split 2015-11-01"),
    ]
    for fmt, path, split, title in cases:
        if not path.exists():
            print(f"{title}: skipped ({path} absent)")
            continue
        db = workdir / f"eval-{fmt}.duckdb"
        run_measured(einfluence_cmd("import", fmt, str(path), "--db", str(db)))
        m = run_measured(einfluence_cmd("evaluate", "--db", str(db), "--split", split, "--format", "json"))
        report = json.loads(m.stdout)
        _print_table(f"{title} ({m.wall_s:.1f} s)", report)
        _print_table(f"{title}, target distinct relayers", report, "distinct_relayers_later")


def bench_demo_recovery(workdir: Path) -> None:
    """Precision@k of the score against the demo world's planted influencers."""
    from einfluence import Workspace

    db = workdir / "demo.duckdb"
    for seed in (0, 1, 2):
        Workspace.create_demo(db, n_accounts=3000, seed=seed, force=True)
        with Workspace(db) as ws:
            run_id, _ = ws.score()
            ranked = [r["account"] for r in ws.rank(run_id, limit=100, network="microblog").to_pylist()]
            planted = {r["id"] for r in ws.truth("influence").to_pylist() if r["network"] == "microblog"}
            brands = {r["account"] for r in ws.truth("brands").to_pylist()}
        figures = ", ".join(
            f"P@{k} {sum(a in planted for a in ranked[:k]) / k:.2f}" for k in (10, 20, 50)
        )
        with_brands = sum(a in planted | brands for a in ranked[:20]) / 20
        _row(
            f"demo world seed {seed}: {len(planted)} planted influencers",
            f"{figures}; P@20 counting brand accounts {with_brands:.2f}",
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="suite", required=True)
    imp = sub.add_parser("import", help="import speed and memory")
    imp.add_argument("--interactions", type=int, default=10_000_000, help="size of the generated world")
    imp.add_argument("--skip-generated", action="store_true")
    imp.add_argument("--skip-real", action="store_true")
    sco = sub.add_parser("score", help="scoring speed and memory on a generated world")
    sco.add_argument("--interactions", type=int, default=10_000_000)
    sub.add_parser("evaluate", help="evaluation tables on real data and recovery on the demo world")
    sub.add_parser("calibrate", help="calibrated score vs every measure on Higgs and Twitter15/16; calibrating 10M")
    com = sub.add_parser("communities", help="Leiden quality on real labels and speed on 10M edges")
    com.add_argument("--interactions", type=int, default=10_000_000, help="size of the generated world")
    com.add_argument("--skip-generated", action="store_true")
    sub.add_parser("topics", help="topic model speed (1M posts) and quality (demo, Twitter15/16)")
    sub.add_parser("topic-influence", help="per-topic rankings: planted recovery and the per-topic harness")
    sub.add_parser("diffusion", help="Monte-Carlo speed, learned probabilities, Twitter15/16 cascade sizes")
    sub.add_parser("targeting", help="IMM end to end (NetHEPT, Higgs, two 10M-arc graphs) vs a C++ IMM, baselines")
    sub.add_parser("perception", help="sentiment macro-F1, mention detection, speed on 1M posts")
    sub.add_parser("advocacy", help="planted advocates and detractors; airline advocates vs labels")
    sub.add_parser("opinion", help="FJ steady state on the 10M-interaction world, 1,000 naming-game/voter runs on 100k accounts")
    sub.add_parser("startup", help="command-line start: --help, --version, a whole seeds process; importtime")
    sub.add_parser("server", help="the API (ranking, profile, plan list) under 20 clients while an import runs")
    sub.add_parser("web", help="the dashboard: each page's HTML p50/p95, the 20,000-node map's time to interactive")
    rep = sub.add_parser("reports", help="each report as HTML and PDF on a generated world with its runs computed")
    rep.add_argument("--interactions", type=int, default=10_000_000, help="size of the generated world")
    sub.add_parser("scale", help="import, score, communities and seeds at 1M, 10M and 100M interactions")
    sub.add_parser("spark", help="the score on the local engine and on Spark local[2] (1M), a loopback cluster; "
                                 "options of benchmarks.bench_spark after the suite")
    args, rest = parser.parse_known_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="einfluence-bench-"))
    try:
        if args.suite == "import":
            if not args.skip_real:
                bench_import_real(workdir)
            if not args.skip_generated:
                bench_import_generated(workdir, args.interactions)
        elif args.suite == "score":
            bench_score(workdir, args.interactions)
        elif args.suite == "evaluate":
            bench_demo_recovery(workdir)
            bench_evaluate(workdir)
        elif args.suite == "calibrate":
            from benchmarks import bench_calibration

            bench_calibration.main(workdir, rest)
        elif args.suite == "communities":
            from benchmarks import bench_communities

            bench_communities.main(rest)
            if not args.skip_generated:
                bench_communities_end_to_end(workdir, args.interactions)
        elif args.suite == "topics":
            from benchmarks import bench_topics

            bench_topics.main(rest)
        elif args.suite == "topic-influence":
            bench_topic_influence(workdir)
        elif args.suite == "diffusion":
            from benchmarks import bench_diffusion

            bench_diffusion.main(rest)
        elif args.suite == "targeting":
            from benchmarks import bench_targeting

            bench_seeds_end_to_end(workdir)
            if "--only" not in rest or "synthetic" in rest:
                bench_seeds_generated(workdir, 10_000_000)
            bench_targeting.main(rest)
        elif args.suite == "perception":
            from benchmarks import bench_perception

            bench_mentions_end_to_end(workdir, 1_000_000)
            bench_perception.main(rest)
        elif args.suite == "advocacy":
            from benchmarks import bench_advocacy

            bench_advocacy.main(rest)
        elif args.suite == "opinion":
            from benchmarks import bench_opinion

            bench_opinion.main(rest)
        elif args.suite == "startup":
            from benchmarks import bench_startup

            bench_startup.main(rest)
        elif args.suite == "server":
            from benchmarks import bench_server

            bench_server.main(rest)
        elif args.suite == "web":
            from benchmarks import bench_web

            bench_web.main(rest)
        elif args.suite == "reports":
            from benchmarks import bench_reports

            bench_reports.main(workdir, args.interactions, rest)
        elif args.suite == "scale":
            from benchmarks import bench_scale

            bench_scale.main(workdir, rest)
        elif args.suite == "spark":
            from benchmarks import bench_spark

            bench_spark.main(rest or ["--cluster"])
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
