"""Topic benchmarks: speed and memory on 1M posts, demo-world recovery, Twitter15/16 topics.

Usage (from the repository root)::

    .venv/bin/python -m benchmarks.bench_topics                 # all three
    .venv/bin/python -m benchmarks.bench_topics --posts 200000  # a smaller speed run
    .venv/bin/python -m benchmarks.bench_topics --skip-speed

The speed figure is measured in a child process that reads the generated texts from a
Parquet file, so that its wall time and peak RSS cover the topic model only.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks._harness import SHARED_DATA

_CHILD = """
import json, resource, sys, time
import pyarrow.parquet as pq
from einfluence.topics.model import TopicModel
texts = pq.read_table(sys.argv[1]).column("text").to_pylist()
rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
t = time.perf_counter()
model = TopicModel(int(sys.argv[2]) if sys.argv[2] != "auto" else "auto", solver=sys.argv[3],
                   random_state=0)
model.fit(texts)
t_fit = time.perf_counter() - t
weights = model.transform(texts)
wall = time.perf_counter() - t
print(json.dumps({"wall": wall, "fit": t_fit, "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "rss_texts": rss0, "n": len(texts), "k": model.n_topics_, "names": model.names_,
                  "empty": float((weights.sum(axis=1) == 0).mean())}))
"""


def _row(name: str, value: str) -> None:
    print(f"{name:<58} {value}")


def _generated_texts(n_posts: int) -> list[str]:
    """Texts of the demo world (mixed French/English), enough accounts for ``n_posts``."""
    import pyarrow.compute as pc

    from einfluence.datasets import make_demo_world

    world = make_demo_world(n_accounts=max(1000, int(n_posts / 12.5)), seed=1)
    text = world.records.posts.column("text")
    texts = text.filter(pc.is_valid(text)).to_pylist()
    while len(texts) < n_posts:  # top up (rarely needed)
        texts += texts[: n_posts - len(texts)]
    return texts[:n_posts]


def bench_speed(workdir: Path, n_posts: int, n_topics: str, solver: str) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    t = time.perf_counter()
    texts = _generated_texts(n_posts)
    _row(f"generate {len(texts):,} demo-world post texts", f"{time.perf_counter() - t:6.2f} s")
    path = workdir / "texts.parquet"
    pq.write_table(pa.table({"text": texts}), path)
    del texts
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), n_topics, solver],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    out = json.loads(proc.stdout)
    _row(
        f"TopicModel fit + transform, {out['n']:,} posts (K={out['k']}, {solver})",
        f"{out['wall']:6.2f} s wall (fit {out['fit']:.2f} s), peak RSS {out['rss']:6.0f} MB "
        f"({out['rss_texts']:.0f} MB with the texts loaded), {out['empty']:.1%} posts without term",
    )
    for name in out["names"]:
        print(f"    {name}")


def _matched_accuracy(top_terms, planted, weights, label) -> float:
    from scipy.optimize import linear_sum_assignment

    overlap = np.array([[len(set(t) & p) for p in planted] for t in top_terms])
    rows, cols = linear_sum_assignment(-overlap)
    mapping = np.full(len(top_terms), -1)
    mapping[rows] = cols
    return float(np.mean(mapping[weights.argmax(axis=1)] == label))


def bench_demo_recovery(workdir: Path) -> None:
    """Default demo world (3,000 accounts, 42 days, 8 bilingual topics), seeds 0, 1, 2.

    Measured: before (one NMF, IDF power 1, no merging) 0.71 at seed 0; with cross-lingual
    merging 0.949 / 0.930 / 0.949 with ``n_topics=8``, and ``"auto"`` 7 topics, 0.961 /
    0.956 / 0.955 (accuracy over the planted topics that a learned topic is matched to).
    """
    from einfluence import Workspace
    from einfluence.text import Analyzer
    from einfluence.topics.model import TopicModel

    analyzer = Analyzer()
    for n_accounts, seed in ((3000, 0), (3000, 1), (3000, 2)):
        db = workdir / f"demo-{n_accounts}-{seed}.duckdb"
        Workspace.create_demo(db, n_accounts=n_accounts, n_days=42, seed=seed)
        with Workspace(db) as ws:
            truth = ws.truth("posts_topic")  # noqa: F841 (queried by DuckDB)
            rows = ws.con.execute(
                "SELECT p.text, t.topic FROM posts p JOIN truth t ON p.network = t.network "
                "AND p.source_id = t.post WHERE p.text IS NOT NULL ORDER BY p.post_id"
            ).fetchall()
            topics = ws.truth("topics").to_pylist()
        texts = [r[0] for r in rows]
        label = np.array([r[1] for r in rows])
        planted = [set(analyzer(" ".join(t["terms_en"] + t["terms_fr"] + t["hashtags"]))) for t in topics]
        cells = []
        for name, n_topics, params in (
            ("before (no merge, idf^1)", len(planted), {"merge_threshold": None, "idf_power": 1.0}),
            ("merged K=8", len(planted), {}),
            ("merged auto", "auto", {}),
        ):
            model = TopicModel(n_topics, random_state=0, **params)
            weights = model.fit_transform(texts)
            accuracy = _matched_accuracy(model.top_terms_, planted, weights, label)
            cells.append(f"{name} {accuracy:.3f} (K={model.n_topics_})")
        _row(
            f"demo world {n_accounts} accounts seed {seed} ({len(texts):,} posts, 8 topics)",
            "accuracy after Hungarian matching: " + ", ".join(cells),
        )
        print("    topics (auto): " + "; ".join(model.names_))


def bench_twitter(path: Path) -> None:
    from einfluence.topics.model import TopicModel

    texts: list[str] = []
    for part in ("twitter15", "twitter16"):
        with open(path / part / "source_tweets.txt", encoding="utf-8") as f:
            texts += [line.rstrip("\n").split("\t", 1)[1] for line in f if "\t" in line]
    for n_topics in ("auto", 10):
        t = time.perf_counter()
        model = TopicModel(n_topics, random_state=0).fit(texts)
        merged = [n for n in model.names_ if " / " in n]
        if merged:
            print(f"    merged topics: {merged}")
        label = f"K chosen by 'auto' = {model.n_topics_}" if n_topics == "auto" else "K = 10"
        _row(f"Twitter15/16 source tweets ({len(texts):,}), {label}", f"{time.perf_counter() - t:6.2f} s")
        if n_topics == "auto":
            scores = ", ".join(f"{k}: {v:.2f}" for k, v in model.n_topics_scores_.items())
            print(f"    scores {scores}")
        for terms, coherence in zip(model.top_terms_, model.coherence_, strict=True):
            print(f"    [{coherence:+.2f}] {' '.join(terms)}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_topics", description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1_000_000, help="posts of the speed run")
    parser.add_argument("--n-topics", default="10", help="topics of the speed run (int or auto)")
    parser.add_argument("--solver", default="cd", choices=["cd", "mu"])
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--skip-demo", action="store_true")
    parser.add_argument("--skip-real", action="store_true")
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="einfluence-bench-topics-"))
    try:
        if not args.skip_speed:
            bench_speed(workdir, args.posts, args.n_topics, args.solver)
        if not args.skip_demo:
            bench_demo_recovery(workdir)
        if not args.skip_real:
            path = SHARED_DATA / "twitter15-16-rumor-trees"
            if path.exists():
                bench_twitter(path)
            else:
                _row("Twitter15/16 topics", f"skipped ({path} absent)")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
