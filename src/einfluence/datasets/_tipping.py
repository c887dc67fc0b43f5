"""The planted tipping community of the demo world: divided about the demo brand, not yet won.

An optional last stage of :func:`~einfluence.datasets.make_demo_world` (``tipping_community=True``,
what ``einfluence demo`` asks for). It draws from the world's generator after every other stage,
so the records of the other stages are exactly those of the same world without it; it only adds
original microblog posts, after the others.

In the community that cares most about e-bikes after the brand's own (community 0), a share
``fans`` of the people post one or two favourable mentions of the demo brand and a share
``skeptics`` one or two unfavourable ones; the others stay silent. That is below the funnel's
advocate and detractor rule (three spontaneous mentions), so nobody there is committed: the
community is divided, with a large favourable minority but no favourable majority. Under the
naming game with committed agents (the silent holding the old opinion), it tips with fewer
recruited advocates than the other communities, where almost nobody is favourable yet.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from einfluence.datasets import vocabulary as V
from einfluence.datasets._columns import ROLES, to_timestamps
from einfluence.datasets._population import Population

__all__ = ["plant_tipping_community", "tipping_community"]


def tipping_community(pop: Population) -> int:
    """The planted community: outside community 0, the one most interested in e-bikes (topic 0)."""
    people = np.arange(pop.first_person, pop.n)
    c = pop.community[people]
    interest = np.bincount(c, weights=pop.interest[people, 0], minlength=pop.comm_main.size)
    size = np.bincount(c, minlength=pop.comm_main.size)
    mean = np.where(size > 0, interest / np.maximum(size, 1), -1.0)
    mean[0] = -1.0
    if (size[1:] == 0).all():
        return 0
    return int(np.argmax(mean))


def plant_tipping_community(
    rng: np.random.Generator,
    pop: Population,
    acc_ids: pa.Array,
    posts: pa.Table,
    posts_topic: pa.Table,
    start_us: np.datetime64,
    n_days: int,
    *,
    fans: float = 0.5,
    skeptics: float = 0.12,
) -> tuple[pa.Table, pa.Table, pa.Table]:
    """Add the divided community's brand mentions; return the posts, the posts' truth and the planted truth.

    Returns
    -------
    posts : pyarrow.Table
        ``posts`` followed by the planted mentions (ids after the largest microblog post id).
    posts_topic : pyarrow.Table
        ``posts_topic`` followed by their truth (topic 0, the demo brand, sentiment +1 or -1).
    tipping : pyarrow.Table
        One row per person of the community: ``network``, ``id``, ``community``, ``stance``
        (``fan``, ``skeptic`` or ``silent``), ``mentions``.
    """
    community = tipping_community(pop)
    people = np.flatnonzero((np.arange(pop.n) >= pop.first_person) & (pop.community == community)
                            & (pop.role == ROLES.index("regular")))
    draw = rng.random(people.size)
    stance = np.where(draw < fans, 1, np.where(draw < fans + skeptics, -1, 0))
    n_each = np.where(stance != 0, rng.integers(1, 3, people.size), 0)
    author = np.repeat(people, n_each)
    sent = np.repeat(stance, n_each)
    m = author.size
    time = np.sort(rng.random(m)) * n_days
    order = np.argsort(time, kind="stable")
    author, sent, time = author[order], sent[order], time[order]
    lang = pop.lang[author]
    templates = {
        (lg, s): V.SENTIMENT[lg]["positive" if s > 0 else "negative"] for lg in ("en", "fr") for s in (-1, 1)
    }
    pick = rng.random(m)
    products = V.BRANDS[0]["products"]
    name_pick = rng.integers(0, len(products) + 1, m)
    texts = []
    for i in range(m):
        lg = "fr" if lang[i] == 1 else "en"
        before, after = (choices := templates[(lg, int(sent[i]))])[int(pick[i] * len(choices))]
        name = "Ondula" if name_pick[i] == len(products) else products[name_pick[i]]
        texts.append(f"{before} {name} {after}")
    micro = pc.equal(posts.column("network"), "microblog")
    first = int(pc.max(pc.cast(pc.filter(posts.column("id"), micro), pa.int64())).as_py() or 0) + 1
    ids = pc.cast(pa.array(np.arange(first, first + m, dtype=np.int64)), pa.string())
    authors = pc.take(acc_ids, pa.array(author))
    columns = {
        "network": pa.array(["microblog"] * m, pa.string()),
        "id": ids,
        "author": authors,
        "time": to_timestamps(start_us, time),
        "text": pa.array(texts, pa.string()),
        "language": pa.array(["fr" if x == 1 else "en" for x in lang], pa.string()),
        "kind": pa.array(["original"] * m, pa.string()),
        "parent": pa.nulls(m, pa.string()),
        "root": pa.nulls(m, pa.string()),
    }
    planted = pa.table({name: columns.get(name, pa.nulls(m, posts.schema.field(name).type))
                        for name in posts.schema.names}).cast(posts.schema)
    truth_rows = pa.table({
        "network": pa.array(["microblog"] * m, pa.string()), "post": ids, "author": authors,
        "kind": pa.array(["original"] * m, pa.string()), "topic": pa.array(np.zeros(m, np.int32)),
        "novelty": pa.nulls(m, pa.float64()), "brand": pa.array([V.BRANDS[0]["name"]] * m, pa.string()),
        "sentiment": pa.array(sent.astype(np.int8)),
    }).select(posts_topic.schema.names).cast(posts_topic.schema)
    names = np.array(["silent", "fan", "skeptic"], dtype=object)
    tipping = pa.table({
        "network": pa.array(["microblog"] * people.size, pa.string()),
        "id": pc.take(acc_ids, pa.array(people)),
        "community": pa.array(np.full(people.size, community, np.int64)),
        "stance": pa.array(names[np.where(stance == -1, 2, stance)].tolist(), pa.string()),
        "mentions": pa.array(n_each.astype(np.int64)),
    })
    return pa.concat_tables([posts, planted]), pa.concat_tables([posts_topic, truth_rows]), tipping
