"""Advocacy benchmarks: planted advocates/detractors in the demo world, airline advocates.

Usage (from the repository root)::

    .venv/bin/python -m benchmarks.bench_advocacy                 # demo seeds 0, 1, 2 + airline
    .venv/bin/python -m benchmarks.bench_advocacy --accounts 1000 --skip-airline

Demo world: precision and recall of the planted advocates and detractors of the demo brand
(lexicon sentiment, default funnel rules). Airline corpus (Twitter US Airline Sentiment, the
"Delta" tweets being addressed to @JetBlue in this copy): advocates and detractors per
airline by the funnel rules, with lexicon sentiment, with the default model on brand-aware
mention views (no training; it saw 70 % of these tweets when it was built), and with a classifier cross-fitted on the
corpus (5 folds, seeded); agreement = share of them whose labelled tweets about that airline
are mostly positive (advocates) or mostly negative (detractors).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import time
from datetime import datetime

import numpy as np

from benchmarks._harness import SHARED_DATA

CODE = {"negative": 0, "neutral": 1, "positive": 2}


def _row(name: str, value: str) -> None:
    print(f"{name:<64} {value}")


def bench_demo(n_accounts: int, seeds: list[int]) -> None:
    from tests.advocacy._demo import demo_funnel, precision_recall

    for seed in seeds:
        t = time.perf_counter()
        f, planted = demo_funnel(n_accounts, seed=seed)
        wall = time.perf_counter() - t
        for role in ("advocate", "detractor"):
            p, r = precision_recall(set(f.members(0, role).tolist()), planted[role])
            _row(f"demo {n_accounts} seed {seed}: {role} precision / recall", f"{p:.3f} / {r:.3f}")
        _row(f"demo {n_accounts} seed {seed}: wall (world + mentions + sentiment + funnel)", f"{wall:.1f} s")


def bench_airline(min_mentions: list[int]) -> None:
    from benchmarks.bench_perception import _brands
    from einfluence.advocacy import advocacy_funnel
    from einfluence.perception import LexiconSentiment, SentimentClassifier, find_mentions
    from einfluence.perception.default import DefaultSentiment
    from einfluence.perception.targets import mention_views, resolve

    with gzip.open(SHARED_DATA / "airline-sentiment" / "Tweets.csv.gz", "rt", encoding="utf-8", newline="") as fh:
        rows, seen = [], set()
        for r in csv.DictReader(fh):
            if r["tweet_id"] not in seen:
                seen.add(r["tweet_id"])
                rows.append(r)
    texts = [r["text"] for r in rows]
    names = [b.name for b in _brands()]
    label_brand = np.array([names.index({"Delta": "JetBlue"}.get(r["airline"], r["airline"])) for r in rows])
    y = np.array([CODE[r["airline_sentiment"]] for r in rows])
    users = sorted({r["name"] for r in rows})
    uid = {u: i for i, u in enumerate(users)}
    author = np.array([uid[r["name"]] for r in rows], dtype=np.int64)
    t_us = np.array([int(datetime.strptime(r["tweet_created"], "%Y-%m-%d %H:%M:%S %z").timestamp() * 1e6)
                     for r in rows], dtype=np.int64)  # fmt: skip
    kind = np.array([1 if r["text"].startswith("RT @") else 0 for r in rows], dtype=np.int64)
    m = find_mentions(texts, _brands())
    lex = LexiconSentiment("en").score(texts)
    fold = np.random.default_rng(0).integers(0, 5, len(texts))
    clf_score = np.zeros(len(texts))
    for k in range(5):
        tr, te = np.flatnonzero(fold != k), np.flatnonzero(fold == k)
        proba = SentimentClassifier("en").fit([texts[i] for i in tr], y[tr]).predict_proba([texts[i] for i in te])
        clf_score[te] = proba[:, 2] - proba[:, 0]
    # labelled majority per (author, airline)
    key = author * len(names) + label_brand
    pos = np.bincount(key, weights=y == 2, minlength=len(users) * len(names))
    neg = np.bincount(key, weights=y == 0, minlength=len(users) * len(names))
    cnt = np.bincount(key, minlength=len(users) * len(names))
    # the default model, no training: each (post, brand) mention scored on its brand-aware view,
    # one funnel row per mention (as the workspace does)
    views = mention_views(texts, m, _brands())
    proba = DefaultSentiment("en").predict_proba(views.text)
    own, _ = resolve(proba[:, 2] - proba[:, 0], np.array(["negative", "neutral", "positive"])[proba.argmax(axis=1)],
                     views)
    per_post = (m.post, m.brand, author, t_us, kind)
    per_mention = (np.arange(len(views)), views.brand, author[views.post], t_us[views.post], kind[views.post])
    _row("airline: tweets / authors / mentions found", f"{len(rows):,} / {len(users):,} / {len(m):,}")
    for sent_name, sent, (post, brand, who, when, what) in (
            ("lexicon", lex, per_post), ("classifier (5-fold cross-fitted)", clf_score, per_post),
            ("default model (brand-aware, no training)", own, per_mention)):  # fmt: skip
        for mm in min_mentions:
            f = advocacy_funnel(post, brand, who, when, what, np.full(len(when), -1), sent,
                                brand_accounts=[[] for _ in names], n_accounts=len(users), min_mentions=mm)  # fmt: skip
            for role, ok in (("advocate", pos > cnt / 2), ("detractor", neg > cnt / 2)):
                sel = f.stage == (4 if role == "advocate" else 5)
                k = f.account[sel] * len(names) + f.brand[sel]
                agree = ok[k].mean() if k.size else float("nan")
                per = np.bincount(f.brand[sel], minlength=len(names))
                _row(f"airline {sent_name}, min_mentions={mm}: {role}s (agreement)",
                     f"{int(sel.sum()):4d} ({agree:.3f})  per airline {dict(zip(names, per.tolist(), strict=True))}")
            if mm == min_mentions[0]:
                for b, name in enumerate(names):
                    for role, code in (("advocate", 4), ("detractor", 5)):
                        sel = np.flatnonzero((f.brand == b) & (f.stage == code))
                        top = sel[np.argsort(-f.n_spontaneous[sel], kind="stable")][:3]
                        shown = ", ".join(f"@{users[f.account[i]]} ({f.n_spontaneous[i]})" for i in top)
                        _row(f"  {sent_name} top {role}s {name}", shown or "-")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=3000)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--skip-airline", action="store_true")
    args = parser.parse_args(argv)
    bench_demo(args.accounts, args.seeds)
    if not args.skip_airline:
        if (SHARED_DATA / "airline-sentiment").exists():
            bench_airline([3, 2])
        else:
            _row("airline-sentiment", "absent, skipped")


if __name__ == "__main__":
    main()
