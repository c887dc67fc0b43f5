"""A snapshot of einfluence's results, to check that a refactor changes none of them.

Usage (from the repository root; run it with the environment of each version to compare)::

    .venv/bin/python -m benchmarks.snapshot before.json     # on the old commit
    .venv/bin/python -m benchmarks.snapshot after.json      # on the new one
    cmp before.json after.json

It records, on the seeded demo world (3,000 accounts, 42 days) and on shared data: the
ranking, an explanation, topics and their leaders, communities and their report, a brief,
seeds, a campaign plan, mentions, perception, advocates, a weekly history; NetHEPT seeds and a
simulation; polblogs communities and ranking; lexicon sentiment of 5,000 airline tweets and
3,000 French tweets. Run ids, times of creation, versions and timings are left out; floats are
rounded to 1e-9. It prints a digest per part.
"""
import csv
import gzip
import hashlib
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

from einfluence import Workspace

SHARED = Path(__import__("os").environ.get("EINFLUENCE_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
out = {}


def digest(obj):
    return hashlib.sha256(json.dumps(obj, sort_keys=True, default=str).encode()).hexdigest()[:16]


with tempfile.TemporaryDirectory() as folder:
    db = Path(folder) / "demo.duckdb"
    Workspace.create_demo(db, n_accounts=3000, n_days=42, seed=0)
    with Workspace(db) as ws:
        out["stats"] = ws.stats(by_day=False)
        run, _ = ws.score(label="snap")
        out["rank"] = ws.rank(run, limit=None).to_pylist()
        best = out["rank"][0]
        e = ws.explain(best["account"], network=best["network"], run_id=run)
        out["explain"] = {k: e[k] for k in ("scored", "top_reactors", "top_posts", "daily_reactions")}
        topic_run = ws.topics()
        out["topics"] = ws.topic_run(topic_run)["topics"]
        out["topic_leaders"] = ws.topic_leaders(topic_run, k=3)
        crun = ws.communities()
        out["communities"] = ws.community_members(crun).to_pylist()
        out["community_report"] = ws.community_report(crun, k=3, n_communities=8, score_run=run)
        out["brief"] = ws.brief(community=0)
        out["seeds"] = ws.select_seeds(20)
        out["seeds"].pop("seconds", None)
        msg = "vélo électrique"
        t, mix, _ = ws.message_topics(message=msg, topic_run=topic_run)
        audience, label = ws.topic_audience(int(mix.argmax()), t)
        plan = ws.plan(budget=1000, message=msg, topic_run=topic_run, target=audience, target_label=label)
        plan["selection"].pop("seconds", None)
        out["plan"] = plan
        out["mentions"] = ws.detect_mentions()
        out["perception"] = ws.brand_perception()
        out["advocates"] = ws.advocates(limit=5)
        out["history"] = ws.history(width_hours=24 * 7)

nethept = SHARED / "im-benchmarks" / "nethept-imm"
with Workspace(":memory:") as ws:
    ws.import_files("imm", [nethept])
    r = ws.select_seeds(50)
    r.pop("seconds", None)
    out["nethept_seeds"] = r
    r = ws.simulate_seeds([0, 1, 2], n_simulations=2000)
    out["nethept_simulate"] = r

with Workspace(":memory:") as ws:
    ws.import_files("gml", [SHARED / "polblogs" / "polblogs.gml"])
    crun = ws.communities()
    out["polblogs_communities"] = ws.community_members(crun).column("community").to_pylist()
    run, _ = ws.score()
    out["polblogs_rank"] = ws.rank(run, limit=50).to_pylist()

with gzip.open(SHARED / "airline-sentiment" / "Tweets.csv.gz", "rt", encoding="utf-8") as f:
    texts = [row["text"] for row in csv.DictReader(f)][:5000]
with Workspace(":memory:") as ws:
    labels, scores = ws.sentiment(texts, lang="en")
    out["sentiment_en"] = [list(map(str, labels)), [round(float(s), 12) for s in scores]]
    fr = (SHARED / "deft2017-french-tweet-sentiment" / "test_text.txt").read_text(encoding="utf-8").splitlines()[:3000]
    labels, scores = ws.sentiment(fr, lang="fr")
    out["sentiment_fr"] = [list(map(str, labels)), [round(float(s), 12) for s in scores]]

def clean(x):
    if isinstance(x, dict):
        return {k: clean(v) for k, v in x.items() if k not in ("created_at", "run_id", "plan_id", "einfluence_version", "score_run", "topic_run", "community_run_id", "seconds")}
    if isinstance(x, (list, tuple)):
        return [clean(v) for v in x]
    if isinstance(x, float):
        return round(x, 9)
    if isinstance(x, np.generic):
        return clean(x.item())
    return x

snap = {k: clean(v) for k, v in out.items()}
Path(sys.argv[1]).write_text(json.dumps(snap, sort_keys=True, default=str, indent=1))
print({k: digest(v) for k, v in snap.items()})
