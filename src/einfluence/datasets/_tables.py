"""The demo world's tables: canonical records for the store, and the planted truth.

The last stages of :func:`~einfluence.datasets.make_demo_world`: the arrays of the earlier
stages become the Arrow tables of :class:`~einfluence.io.Records` (:func:`accounts_table`,
:func:`posts_table`, :func:`interactions_table`) and the truth tables documented in
:class:`~einfluence.datasets.DemoWorld` (:func:`truth_tables`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from einfluence.datasets import _kernels as K
from einfluence.datasets import vocabulary as V
from einfluence.datasets._blogs import BlogOwners, Blogs
from einfluence.datasets._columns import (
    ACCOUNT_KINDS,
    BLOG,
    EPISODE_KINDS,
    INTERACTION_KINDS,
    LANGS,
    MICROBLOG,
    POST_KINDS,
    ROLES,
    ids_or_null,
    labels,
    networks,
    str_ids,
    to_timestamps,
)
from einfluence.datasets._population import Episodes, FollowGraph, Population, Roles
from einfluence.datasets._posts import Events, MicroblogPosts, Originals
from einfluence.io.records import (
    ACCOUNT_COLUMNS,
    INTERACTION_COLUMNS,
    POST_COLUMNS,
    make_table,
)

__all__ = [
    "AccountColumns",
    "account_columns",
    "accounts_table",
    "interactions_table",
    "posts_table",
    "truth_tables",
]


@dataclass
class AccountColumns:
    """Columns shared by the accounts table and the truth: microblog accounts, then blogs."""

    acc_ids: pa.Array
    blog_ids: pa.Array
    blog_words: pa.Array
    blog_urls: pa.Array
    handles: pa.Array
    kind: pa.Array
    lang: pa.Array
    person: pa.Array
    brand_names: list[str]


def account_columns(
    pop: Population,
    blogs: Blogs,
    owned: BlogOwners,
    handles: pa.Array,
    blog_identity: tuple[pa.Array, pa.Array, pa.Array],
) -> AccountColumns:
    """Ids, kinds, languages and the shared ``person`` key of every account."""
    n, n_blogs = pop.n, blogs.lang.size
    owners = owned.owners
    person_ids = np.full(n, -1, dtype=np.int64)
    person_ids[owners] = np.arange(owners.size)
    blog_person_ids = np.full(n_blogs, -1, dtype=np.int64)
    blog_person_ids[: owners.size] = np.arange(owners.size)
    all_person = np.concatenate([person_ids, blog_person_ids])
    person_col = pc.if_else(
        pa.array(all_person < 0),
        pa.scalar(None, pa.string()),
        str_ids(np.maximum(all_person, 0), "person:"),
    )
    blog_words, blog_ids, blog_urls = blog_identity
    return AccountColumns(
        acc_ids=str_ids(np.arange(n)),
        blog_ids=blog_ids,
        blog_words=blog_words,
        blog_urls=blog_urls,
        handles=handles,
        kind=labels(ACCOUNT_KINDS, np.concatenate([pop.kind, np.full(n_blogs, 3, np.int8)])),
        lang=labels(LANGS, np.concatenate([pop.lang, blogs.lang])),
        person=person_col,
        brand_names=[str(b["name"]) for b in V.BRANDS],
    )


def _display_names(rng: np.random.Generator, pop: Population, brand_names: list[str]) -> pa.Array:
    """Names of the microblog accounts: brand names, media outlets, then people's names."""
    n, n_brands, first_person, lang = pop.n, pop.n_brands, pop.first_person, pop.lang
    n_first, n_last = len(V.FIRST_NAMES["en"]), len(V.LAST_NAMES["en"])
    first = pa.array([*V.FIRST_NAMES["en"], *V.FIRST_NAMES["fr"]])
    last = pa.array([*V.LAST_NAMES["en"], *V.LAST_NAMES["fr"]])
    fi = rng.integers(0, n_first, n) + lang.astype(np.int64) * n_first
    la = rng.integers(0, n_last, n) + lang.astype(np.int64) * n_last
    names = pc.binary_join_element_wise(
        pc.take(first, pa.array(fi)), pc.take(last, pa.array(la)), " "
    )
    n_outlets = len(V.MEDIA_NAMES["en"])
    outlets = pa.array([*V.MEDIA_NAMES["en"], *V.MEDIA_NAMES["fr"]])
    mi = np.arange(pop.n_media) % n_outlets + lang[n_brands:first_person].astype(np.int64) * n_outlets
    media_full = pc.binary_join_element_wise(
        pc.take(outlets, pa.array(mi)), str_ids(np.arange(pop.n_media) // n_outlets + 1), " "
    )
    return pa.concat_arrays([pa.array(brand_names), media_full, names[first_person:]])


def accounts_table(
    rng: np.random.Generator, pop: Population, graph: FollowGraph, blogs: Blogs, cols: AccountColumns
) -> pa.Table:
    """The accounts of both networks (draws the people's names)."""
    n, n_blogs = pop.n, blogs.lang.size
    names = _display_names(rng, pop, cols.brand_names)
    return make_table(
        {
            "network": networks(n, n_blogs),
            "id": pa.concat_arrays([cols.acc_ids, cols.blog_ids]),
            "handle": pa.concat_arrays([cols.handles, cols.blog_words]),
            "name": pa.concat_arrays([names, cols.blog_words]),
            "language": cols.lang,
            "followers": np.concatenate([graph.followers, blogs.subscribers]),
            "kind": cols.kind,
            "url": pa.concat_arrays([pa.nulls(n, pa.string()), cols.blog_urls]),
            "person": cols.person,
        },
        ACCOUNT_COLUMNS,
    )


def posts_table(
    start_us: np.datetime64, posts: MicroblogPosts, texts: pa.Array, blogs: Blogs, cols: AccountColumns
) -> pa.Table:
    """The posts of both networks: microblog posts (texts null for relays), then blog posts."""
    n_bp = blogs.n_posts
    id_of = posts.id_of
    post_kind_code = np.concatenate([posts.kind, np.full(n_bp, 5, np.int64)])
    return make_table(
        {
            "network": networks(posts.n, n_bp),
            "id": pa.concat_arrays([str_ids(id_of), str_ids(blogs.bp_ids)]),
            "author": pa.concat_arrays(
                [
                    pc.take(cols.acc_ids, pa.array(posts.author)),
                    pc.take(cols.blog_ids, pa.array(blogs.bp_author)),
                ]
            ),
            "time": pa.concat_arrays(
                [to_timestamps(start_us, posts.time), to_timestamps(start_us, blogs.bp_time)]
            ),
            "text": pa.concat_arrays([texts, blogs.texts]),
            "language": labels(LANGS, np.concatenate([posts.lang, blogs.bp_lang])),
            "kind": labels(POST_KINDS, post_kind_code),
            "parent": pa.concat_arrays([ids_or_null(id_of, posts.parent), pa.nulls(n_bp, pa.string())]),
            "root": pa.concat_arrays([ids_or_null(id_of, posts.root), pa.nulls(n_bp, pa.string())]),
        },
        POST_COLUMNS,
    )


def interactions_table(
    start_us: np.datetime64,
    graph: FollowGraph,
    ev: Events,
    orig: Originals,
    posts: MicroblogPosts,
    mentions: tuple[np.ndarray, np.ndarray],
    brand_at: np.ndarray,
    linking: np.ndarray,
    owned: BlogOwners,
    blogs: Blogs,
    cols: AccountColumns,
) -> pa.Table:
    """Follows, reactions, mentions and hyperlinks (microblog -> blog, blog -> blog)."""
    f_src, author, p_time, id_of = graph.f_src, orig.author, orig.time, posts.id_of
    m_post, m_target = mentions
    acc_ids, blog_ids = cols.acc_ids, cols.blog_ids
    l_post = blogs.l_post
    n_f = f_src.size
    i_src = np.concatenate([f_src, ev.src, author[m_post], author[brand_at]])
    i_dst = np.concatenate([graph.f_dst, ev.dst, m_target, orig.brand[brand_at]])
    n_mention = m_post.size + brand_at.size
    i_kind = np.concatenate(
        [
            np.zeros(n_f, np.int8),
            ev.kind + 1,
            np.full(n_mention, 5, np.int8),
            np.full(linking.size + l_post.size, 6, np.int8),
        ]
    )
    i_time = np.concatenate([np.full(n_f, np.nan), ev.time, p_time[m_post], p_time[brand_at]])
    i_post = np.concatenate([np.full(n_f, -1), posts.ev_post, m_post, brand_at])
    mb_ts = pc.if_else(
        pa.array(np.isnan(i_time)),
        pa.scalar(None, pa.timestamp("us")),
        to_timestamps(start_us, np.nan_to_num(i_time)),
    )
    n_mb = i_src.size
    linked_blog = owned.owner_blog[author[linking]]
    return make_table(
        {
            "network": networks(n_mb + linking.size, l_post.size),
            "src": pa.concat_arrays(
                [
                    pc.take(acc_ids, pa.array(i_src)),
                    pc.take(acc_ids, pa.array(author[linking])),
                    pc.take(blog_ids, pa.array(blogs.l_src)),
                ]
            ),
            "dst": pa.concat_arrays(
                [
                    pc.take(acc_ids, pa.array(i_dst)),
                    pc.take(blog_ids, pa.array(linked_blog)),
                    pc.take(blog_ids, pa.array(blogs.l_dst)),
                ]
            ),
            "dst_network": pa.concat_arrays(
                [
                    pa.nulls(n_mb, pa.string()),
                    labels((BLOG,), np.zeros(linking.size, np.int8)),
                    pa.nulls(l_post.size, pa.string()),
                ]
            ),
            "kind": labels(INTERACTION_KINDS, i_kind),
            "time": pa.concat_arrays(
                [
                    mb_ts,
                    to_timestamps(start_us, p_time[linking]),
                    to_timestamps(start_us, blogs.bp_time[l_post]),
                ]
            ),
            "post": pa.concat_arrays(
                [
                    ids_or_null(id_of, i_post),
                    str_ids(id_of[linking]),
                    str_ids(blogs.bp_ids[l_post]),
                ]
            ),
        },
        INTERACTION_COLUMNS,
    )


# ----------------------------------------------------------------------------- truth


def _truth_accounts(
    pop: Population, graph: FollowGraph, roles: Roles, blogs: Blogs, cols: AccountColumns,
    topic_names: Sequence[str],
) -> pa.Table:  # fmt: skip
    n, n_blogs = pop.n, blogs.lang.size
    return pa.table(
        {
            "network": networks(n, n_blogs),
            "id": pa.concat_arrays([cols.acc_ids, cols.blog_ids]),
            "handle": pa.concat_arrays([cols.handles, cols.blog_words]),
            "community": pa.array(
                np.concatenate([pop.community, np.zeros(n_blogs, np.int64)]),
                mask=np.arange(n + n_blogs) >= n,
                type=pa.int32(),
            ),
            "language": cols.lang,
            "kind": cols.kind,
            "role": labels(
                ROLES, np.concatenate([pop.role, np.full(n_blogs, ROLES.index("blogger"), np.int8)])
            ),
            "base_influence": pa.array(
                np.concatenate([roles.base, np.full(n_blogs, np.nan)]), from_pandas=True
            ),
            "main_topic": labels(topic_names, np.concatenate([roles.main_topic, blogs.topic])),
            "followers": np.concatenate([graph.followers, blogs.subscribers]),
            "activity": np.concatenate([pop.activity, blogs.rate]),
            "person": cols.person,
        }
    )


def _truth_influence(
    start_us: np.datetime64, ep: Episodes, roles: Roles, cols: AccountColumns, topic_names: Sequence[str]
) -> pa.Table:
    return pa.table(
        {
            "network": networks(ep.account.size),
            "id": pc.take(cols.acc_ids, pa.array(ep.account)),
            "topic": labels(topic_names, ep.topic),
            "kind": labels(EPISODE_KINDS, ep.kind),
            "peak": pc.if_else(
                pa.array(np.isnan(ep.peak)),
                pa.scalar(None, pa.timestamp("us")),
                to_timestamps(start_us, np.nan_to_num(ep.peak)),
            ),
            "width_days": pa.array(ep.width, from_pandas=True),
            "strength": ep.strength,
            "niche": roles.niche[ep.account],
        }
    )


def _truth_topics_and_brands(cols: AccountColumns, topic_names: Sequence[str]) -> tuple[pa.Table, pa.Table]:
    n_brands = len(V.BRANDS)
    topics = pa.table(
        {
            "topic": pa.array(np.arange(len(topic_names)), type=pa.int32()),
            "name": list(topic_names),
            "terms_en": [list(V.TOPICS[t]["en"]) for t in topic_names],
            "terms_fr": [list(V.TOPICS[t]["fr"]) for t in topic_names],
            "hashtags": [list(V.TOPICS[t]["hashtags"]) for t in topic_names],
        }
    )
    brands = pa.table(
        {
            "name": cols.brand_names,
            "aliases": [list(b["aliases"]) for b in V.BRANDS],  # type: ignore[call-overload]
            "handles": [[str(b["handle"])] for b in V.BRANDS],
            "hashtags": [list(b["hashtags"]) for b in V.BRANDS],  # type: ignore[call-overload]
            "products": [list(b["products"]) for b in V.BRANDS],  # type: ignore[call-overload]
            "competitor": [bool(b["competitor"]) for b in V.BRANDS],
            "topic": [topic_names[0]] * n_brands,
            "network": [MICROBLOG] * n_brands,
            "account": pc.take(cols.acc_ids, pa.array(np.arange(n_brands))),
        }
    )
    return topics, brands


def _truth_posts(
    orig: Originals, posts: MicroblogPosts, rq: np.ndarray, blogs: Blogs, cols: AccountColumns
) -> pa.Table:
    n_bp = blogs.n_posts
    non_relay = np.concatenate([np.arange(orig.n), rq])
    rq_topic = orig.topic[posts.root[rq]]
    pt_brand = np.concatenate([orig.brand, np.full(rq.size, -1), blogs.bp_brand])
    pt_sent = np.concatenate([orig.sent, np.zeros(rq.size, np.int64), blogs.bp_sent])
    no_brand = pt_brand < 0
    return pa.table(
        {
            "network": networks(non_relay.size, n_bp),
            "post": pa.concat_arrays([str_ids(posts.id_of[non_relay]), str_ids(blogs.bp_ids)]),
            "author": pa.concat_arrays(
                [
                    pc.take(cols.acc_ids, pa.array(posts.author[non_relay])),
                    pc.take(cols.blog_ids, pa.array(blogs.bp_author)),
                ]
            ),
            "kind": labels(
                POST_KINDS, np.concatenate([posts.kind[non_relay], np.full(n_bp, 5, np.int64)])
            ),
            "topic": pa.array(np.concatenate([orig.topic, rq_topic, blogs.bp_topic]), type=pa.int32()),
            "novelty": pa.array(
                np.concatenate([orig.novelty, np.full(rq.size, np.nan), blogs.bp_novelty]),
                from_pandas=True,
            ),
            "brand": pc.if_else(
                pa.array(no_brand),
                pa.scalar(None, pa.string()),
                labels(cols.brand_names, np.maximum(pt_brand, 0)),
            ),
            "sentiment": pa.array(pt_sent, mask=no_brand, type=pa.int8()),
        }
    )


def _truth_cascades(
    ev: Events, orig: Originals, posts: MicroblogPosts, roles: Roles, ep: Episodes, cols: AccountColumns
) -> pa.Table:
    n_orig = orig.n
    is_relay = ev.kind == K.REACTION_RELAY
    depth = np.zeros(n_orig, dtype=np.int64)
    np.maximum.at(depth, ev.root[is_relay], ev.depth[is_relay])
    return pa.table(
        {
            "network": networks(n_orig),
            "post": str_ids(posts.id_of[:n_orig]),
            "author": pc.take(cols.acc_ids, pa.array(orig.author)),
            "topic": pa.array(orig.topic, type=pa.int32()),
            "relays": np.bincount(ev.root[is_relay], minlength=n_orig),
            "reactions": np.bincount(ev.root, minlength=n_orig),
            "depth": depth,
            "influence": K.influence_many(
                orig.author.astype(np.int64),
                orig.time,
                orig.topic.astype(np.int64),
                roles.base,
                *ep.kernel_args(),
            ),
        }
    )


def _truth_communities(pop: Population, topic_names: Sequence[str]) -> pa.Table:
    n_communities = pop.comm_main.size
    return pa.table(
        {
            "community": pa.array(np.arange(n_communities), type=pa.int32()),
            "size": np.bincount(pop.community, minlength=n_communities),
            "main_topic": labels(topic_names, pop.comm_main),
            "second_topic": labels(topic_names, pop.comm_second),
            "french_share": pop.comm_fr,
        }
    )


def truth_tables(
    start_us: np.datetime64,
    topic_names: Sequence[str],
    *,
    pop: Population,
    graph: FollowGraph,
    roles: Roles,
    episodes: Episodes,
    orig: Originals,
    events: Events,
    posts: MicroblogPosts,
    rq: np.ndarray,
    blogs: Blogs,
    cols: AccountColumns,
) -> dict[str, pa.Table]:
    """The planted truth, table by table (see :attr:`DemoWorld.truth`)."""
    topics, brands = _truth_topics_and_brands(cols, topic_names)
    return {
        "accounts": _truth_accounts(pop, graph, roles, blogs, cols, topic_names),
        "influence": _truth_influence(start_us, episodes, roles, cols, topic_names),
        "topics": topics,
        "brands": brands,
        "posts_topic": _truth_posts(orig, posts, rq, blogs, cols),
        "communities": _truth_communities(pop, topic_names),
        "cascades": _truth_cascades(events, orig, posts, roles, episodes, cols),
    }
