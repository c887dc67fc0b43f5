"""Perception benchmarks: mentions + lexicon sentiment speed on 1M posts, sentiment quality.

Usage (from the repository root)::

    .venv/bin/python -m benchmarks.bench_perception                  # everything
    .venv/bin/python -m benchmarks.bench_perception --posts 200000   # a smaller speed run
    .venv/bin/python -m benchmarks.bench_perception --skip-speed

Quality: macro-F1 (negative/neutral/positive) on the SemEval 2017 English and DEFT 2017
French test splits (lexicon, and classifier trained on the train split); airline mention
recall and sentiment accuracy (lexicon, and classifier by 5-fold cross-validation); Sanders
per-brand accuracy. Speed: :func:`find_mentions` with six brands plus
:meth:`LexiconSentiment.score` over posts made of real airline tweets, repeated with a random
brand swapped in, in chunks of 100,000 over two worker processes.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import time
from concurrent.futures import ProcessPoolExecutor

import numpy as np

from benchmarks._harness import SHARED_DATA

CODE = {"negative": 0, "neutral": 1, "positive": 2}


def _row(name: str, value: str) -> None:
    print(f"{name:<64} {value}")


def _brands():
    from einfluence.perception import Brand

    return [
        Brand("United", aliases=["United Airlines"], handles=["@united"]),
        Brand("US Airways", aliases=["US Air"], handles=["@USAirways"]),
        Brand("American", aliases=["American Airlines"], handles=["@AmericanAir"]),
        Brand("Southwest", aliases=["Southwest Airlines"], handles=["@SouthwestAir"]),
        Brand("JetBlue", aliases=["Jet Blue"], handles=["@JetBlue"]),
        Brand("Virgin America", handles=["@VirginAmerica"]),
    ]


def _airline():
    with gzip.open(SHARED_DATA / "airline-sentiment" / "Tweets.csv.gz", "rt", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _split(name: str, split: str):
    folder = SHARED_DATA / name
    texts = (folder / f"{split}_text.txt").read_text(encoding="utf-8").split("\n")
    labels = np.array((folder / f"{split}_labels.txt").read_text().split(), dtype=np.int64)
    return texts[: labels.size], labels


def _f1(y, pred) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(y, [CODE[p] for p in pred], average="macro"))


def bench_quality() -> None:
    from einfluence.perception import LexiconSentiment, SentimentClassifier, find_mentions

    for name, lang in (("semeval2017-english-tweet-sentiment", "en"), ("deft2017-french-tweet-sentiment", "fr")):
        if not (SHARED_DATA / name).exists():
            _row(f"{name}", "absent, skipped")
            continue
        train, y_train = _split(name, "train")
        test, y_test = _split(name, "test")
        _row(f"{lang} lexicon macro-F1 (test)", f"{_f1(y_test, LexiconSentiment(lang).predict(test)):.4f}")
        t = time.perf_counter()
        clf = SentimentClassifier(lang).fit(train, y_train)
        _row(f"{lang} classifier macro-F1 (train -> test, fit {time.perf_counter() - t:.1f} s)",
             f"{_f1(y_test, clf.predict(test)):.4f}")  # fmt: skip
        val, y_val = _split(name, "val")
        clf = SentimentClassifier(lang).fit(train + val, np.concatenate([y_train, y_val]))
        _row(f"{lang} classifier macro-F1 (train+val -> test)", f"{_f1(y_test, clf.predict(test)):.4f}")
    if (SHARED_DATA / "airline-sentiment").exists():
        rows = _airline()
        texts = [r["text"] for r in rows]
        names = [b.name for b in _brands()]
        truth = np.array([names.index({"Delta": "JetBlue"}.get(r["airline"], r["airline"])) for r in rows])
        found = find_mentions(texts, _brands()).post_brand_matrix()
        _row("airline: tweets whose airline is found", f"{found[np.arange(len(rows)), truth].mean():.4f}")
        y = np.array([CODE[r["airline_sentiment"]] for r in rows])
        pred = np.array([CODE[p] for p in LexiconSentiment("en").predict(texts)])
        _row("airline: lexicon accuracy / macro-F1",
             f"{(pred == y).mean():.4f} / {_f1(y, LexiconSentiment('en').predict(texts)):.4f}")  # fmt: skip
        rng = np.random.default_rng(0)
        fold = rng.integers(0, 5, len(texts))
        acc, pred_all = [], np.empty(len(texts), dtype=object)
        for k in range(5):
            tr, te = np.flatnonzero(fold != k), np.flatnonzero(fold == k)
            clf = SentimentClassifier("en").fit([texts[i] for i in tr], y[tr])
            pred_all[te] = clf.predict([texts[i] for i in te])
        acc = np.mean([CODE[p] for p in pred_all] == y)
        _row("airline: classifier accuracy / macro-F1 (5-fold CV)", f"{acc:.4f} / {_f1(y, pred_all):.4f}")
    path = SHARED_DATA / "sanders-brand-sentiment" / "full-corpus.csv"
    if path.exists():
        with open(path, encoding="utf-8", newline="") as f:
            rows = [r for r in csv.DictReader(f) if r["Sentiment"] in CODE]
        pred = LexiconSentiment("en").predict([r["TweetText"] for r in rows])
        for brand in ("apple", "google", "microsoft", "twitter"):
            sel = [i for i, r in enumerate(rows) if r["Topic"] == brand]
            acc = np.mean([pred[i] == rows[i]["Sentiment"] for i in sel])
            _row(f"sanders {brand}: lexicon accuracy ({len(sel)} tweets)", f"{acc:.4f}")


def _chunk(texts: list[str]) -> tuple[int, float]:
    from einfluence.perception import LexiconSentiment, find_mentions

    m = find_mentions(texts, _brands())
    s = LexiconSentiment("en").score(texts)
    return len(m), float(s.sum())


def _posts(n_posts: int) -> list[str]:
    rows = _airline()
    base = [r["text"] for r in rows]
    swaps = ["@united", "@JetBlue", "@SouthwestAir", "@AmericanAir", "@USAirways", "@VirginAmerica", "Delta"]
    rng = np.random.default_rng(0)
    out = []
    idx = rng.integers(0, len(base), n_posts)
    sw = rng.integers(0, len(swaps), n_posts)
    for i, j in zip(idx.tolist(), sw.tolist(), strict=True):
        out.append(base[i] + " " + swaps[j])
    return out


def bench_speed(n_posts: int, workers: int) -> None:
    t = time.perf_counter()
    texts = _posts(n_posts)
    _row(f"generate {len(texts):,} posts (airline tweets + a brand)", f"{time.perf_counter() - t:6.2f} s")
    _chunk(texts[:1000])  # warm the lexicon tables and regexes
    chunks = [texts[i : i + 100_000] for i in range(0, len(texts), 100_000)]
    t = time.perf_counter()
    for c in chunks[:1]:
        _chunk(c)
    one = time.perf_counter() - t
    _row("  one process, 100,000 posts", f"{one:6.2f} s")
    t = time.perf_counter()
    with ProcessPoolExecutor(workers) as pool:
        results = list(pool.map(_chunk, chunks))
    wall = time.perf_counter() - t
    _row(f"mentions + lexicon sentiment, {len(texts):,} posts, {workers} processes",
         f"{wall:6.2f} s ({sum(r[0] for r in results):,} mentions)")  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--skip-quality", action="store_true")
    args = parser.parse_args(argv)
    if not args.skip_quality:
        bench_quality()
    if not args.skip_speed and (SHARED_DATA / "airline-sentiment").exists():
        bench_speed(args.posts, args.workers)


if __name__ == "__main__":
    main()
