"""Demo world -> arrays for the advocacy analyses (shared by tests; the benchmark has its own copy)."""

from __future__ import annotations

import numpy as np

from einfluence import Workspace
from einfluence.advocacy import advocacy_funnel
from einfluence.base.kinds import POST_KINDS
from einfluence.datasets import make_demo_world
from einfluence.perception import Brand, LexiconSentiment, find_mentions
from einfluence.store.queries import interaction_arrays


def demo_funnel(n_accounts: int = 3000, seed: int = 0, **params):
    """Funnel of the demo world with lexicon sentiment; returns (funnel, planted ids by role)."""
    world = make_demo_world(n_accounts=n_accounts, seed=seed)
    ws = Workspace(":memory:")
    try:
        ws.add_records(world.records)
        codes = " ".join(f"WHEN '{k}' THEN {c}" for c, k in enumerate(POST_KINDS))
        t = ws.con.sql(
            f"""SELECT p.post_id, coalesce(p.author_id, -1) AS author, epoch_us(p.created_at) AS time,
                   (CASE p.kind {codes} END) AS kind, p.text, coalesce(p.language, 'en') AS lang,
                   coalesce(r.author_id, -1) AS root_author
            FROM posts p LEFT JOIN posts r ON r.post_id = p.root_id
            WHERE p.kind IS NOT NULL ORDER BY p.post_id"""
        ).fetchnumpy()
        acc = ws.con.sql("SELECT account_id, network, source_id FROM accounts").fetchall()
        inter = interaction_arrays(ws.con)
    finally:
        ws.close()
    ids = {(n, s): int(i) for i, n, s in acc}
    tb = world.truth["brands"].to_pylist()
    brands = [Brand(b["name"], aliases=b["aliases"], handles=b["handles"], hashtags=b["hashtags"],
                    products=b["products"], competitor=b["competitor"]) for b in tb]  # fmt: skip
    texts = t["text"].tolist()
    m = find_mentions(texts, brands)
    lang = np.asarray(t["lang"].astype(str))
    sent = np.zeros(len(texts))
    for code in ("en", "fr"):
        sel = np.flatnonzero(lang == code)
        sent[sel] = LexiconSentiment(code).score([texts[i] for i in sel])
    f = advocacy_funnel(
        m.post, m.brand, t["author"].astype(np.int64), t["time"].astype(np.int64), t["kind"].astype(np.int64),
        t["root_author"].astype(np.int64), sent, brand_accounts=[[ids[(b["network"], b["account"])]] for b in tb],
        n_accounts=int(inter.n_accounts), interactions=inter, post_id=t["post_id"].astype(np.int64), **params,
    )  # fmt: skip
    roles = world.truth["accounts"].to_pylist()
    planted = {r: {ids[(a["network"], a["id"])] for a in roles if a["role"] == r} for r in ("advocate", "detractor")}
    return f, planted


def precision_recall(found: set[int], planted: set[int]) -> tuple[float, float]:
    tp = len(found & planted)
    return tp / max(len(found), 1), tp / max(len(planted), 1)
