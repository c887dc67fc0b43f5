"""The demo world's blog network: owners, blog posts and hyperlinks between blogs.

Blogs (accounts of kind ``blog``) write ``blog_post`` posts, sometimes about a brand, and
hyperlink to other blogs, mostly of the same topic and by popularity. A few microblog people own
a blog (:func:`blog_owners`), which then shares their language and main topic.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from einfluence.datasets._population import Population, Roles
from einfluence.datasets._sampling import draw_times, lognormal_mean, pareto, weighted
from einfluence.datasets._texts import Lexicon, Segments, join_texts

__all__ = ["BlogOwners", "Blogs", "blog_network", "blog_owners"]


@dataclass
class BlogOwners:
    """Blog ``b`` is owned by microblog account ``blog_owner[b]`` (or -1); ``owners`` in blog order."""

    owners: np.ndarray
    blog_owner: np.ndarray
    owner_blog: np.ndarray


def blog_owners(roles: Roles, pop: Population, n_blogs: int) -> BlogOwners:
    """About a tenth of the blogs (at least 2) belong to microblog people, drawn by activity.

    Owners keep their role (the blog makes them bloggers too); they are drawn from the people
    still free.
    """
    n = pop.n
    n_owned = max(2, round(0.1 * n_blogs))
    owners = roles.pick(
        min(n_owned, int(roles.pick.free.sum())), np.ones(n, dtype=bool), pop.activity.copy()
    )
    blog_owner = np.full(n_blogs, -1, dtype=np.int64)
    blog_owner[: owners.size] = owners
    owner_blog = np.full(n, -1, dtype=np.int64)
    owner_blog[owners] = np.arange(owners.size)
    return BlogOwners(owners=owners, blog_owner=blog_owner, owner_blog=owner_blog)


@dataclass
class Blogs:
    """The blogs and their posts (``bp_*``, in generation order) and hyperlinks (``l_*``).

    ``bp_ids`` are the posts' ids (in time order); hyperlink ``i`` goes from blog ``l_src[i]``
    to blog ``l_dst[i]`` in post ``l_post[i]``.
    """

    lang: np.ndarray
    topic: np.ndarray
    subscribers: np.ndarray
    rate: np.ndarray
    bp_author: np.ndarray
    bp_time: np.ndarray
    bp_topic: np.ndarray
    bp_lang: np.ndarray
    bp_novelty: np.ndarray
    bp_brand: np.ndarray
    bp_sent: np.ndarray
    bp_ids: np.ndarray
    texts: pa.Array
    l_post: np.ndarray
    l_src: np.ndarray
    l_dst: np.ndarray

    @property
    def n_posts(self) -> int:
        """Number of blog posts."""
        return self.bp_author.size


def _blog_texts(
    rng: np.random.Generator,
    lex: Lexicon,
    vocab_arr: pa.Array,
    bp_topic: np.ndarray,
    bp_lang: np.ndarray,
    bp_brand: np.ndarray,
    bp_sent: np.ndarray,
) -> pa.Array:
    """Blog posts' texts: a brand phrase (no ``@handle``) when they mention one, then words."""
    n_bp = bp_topic.size
    bsegs: Segments = []
    bb_idx = np.flatnonzero(bp_brand >= 0)
    bbl, bbb, bpol = bp_lang[bb_idx], bp_brand[bb_idx], bp_sent[bb_idx] + 1
    bt_ = (rng.random(bb_idx.size) * lex.sent_len[bbl, bpol]).astype(np.int64)
    bname = (rng.random(bb_idx.size) * (lex.name_len[bbb] - 1)).astype(np.int64)  # no @ on blogs
    bsegs += [
        (bb_idx, lex.sent_before[bbl, bpol] + bt_),
        (bb_idx, lex.name_off[bbb] + bname),
        (bb_idx, lex.sent_after[bbl, bpol] + bt_),
    ]
    bsegs.append(lex.words(rng, np.arange(n_bp), bp_topic, bp_lang, 20 + rng.poisson(15, n_bp), 0.4))
    return join_texts(vocab_arr, bsegs, n_bp) if n_bp else pa.array([], type=pa.string())


def blog_network(
    rng: np.random.Generator,
    lex: Lexicon,
    vocab_arr: pa.Array,
    owned: BlogOwners,
    pop: Population,
    main_topic: np.ndarray,
    *,
    n_topics: int,
    n_days: int,
    start_weekday: int,
    french_share: float,
    degree_exponent: float,
) -> Blogs:
    """Blogs with a language, a topic, a popularity; their posts, texts and hyperlinks."""
    n_blogs = owned.blog_owner.size
    blog_lang = (rng.random(n_blogs) < french_share).astype(np.int8)
    blog_topic = rng.integers(0, n_topics, n_blogs)
    blog_topic[:n_topics] = np.arange(min(n_topics, n_blogs))
    owner = owned.blog_owner
    has_owner = owner >= 0
    blog_lang[has_owner] = pop.lang[owner[has_owner]]
    blog_topic[has_owner] = main_topic[owner[has_owner]]
    blog_pop = pareto(rng, degree_exponent, n_blogs)
    blog_subscribers = np.round(blog_pop * 20).astype(np.int64)
    blog_rate = lognormal_mean(rng, 0.3, 0.8, n_blogs)
    bpn = rng.poisson(blog_rate * n_days)
    bp_author = np.repeat(np.arange(n_blogs), bpn)
    n_bp = bp_author.size
    bp_time = draw_times(rng, n_bp, n_days, start_weekday)
    bp_topic = np.where(
        rng.random(n_bp) < 0.8, blog_topic[bp_author], rng.integers(0, n_topics, n_bp)
    )
    bp_lang = blog_lang[bp_author].astype(np.int64)
    bp_novelty = rng.beta(2.0, 2.0, n_bp)
    bp_brand = np.full(n_bp, -1, dtype=np.int64)
    bp_sent = np.zeros(n_bp, dtype=np.int64)
    bmen = (bp_topic == 0) & (rng.random(n_bp) < 0.2)
    bp_brand[bmen] = weighted(rng, np.array([2.0, 1.0, 1.0]), int(bmen.sum()))
    bp_sent[bmen] = weighted(rng, np.array([0.25, 0.35, 0.4]), int(bmen.sum())) - 1
    texts = _blog_texts(rng, lex, vocab_arr, bp_topic, bp_lang, bp_brand, bp_sent)
    bp_ids = np.empty(n_bp, dtype=np.int64)
    bp_ids[np.argsort(bp_time, kind="stable")] = np.arange(1, n_bp + 1)
    # hyperlinks: mostly to blogs of the same topic, by popularity
    n_links = rng.poisson(1.5, n_bp)
    l_post = np.repeat(np.arange(n_bp), n_links)
    l_src = bp_author[l_post]
    l_dst = weighted(rng, blog_pop, l_post.size)
    same = rng.random(l_post.size) < 0.7
    for t in range(n_topics):
        sel = np.flatnonzero(same & (bp_topic[l_post] == t))
        members = np.flatnonzero(blog_topic == t)
        if sel.size and members.size:
            l_dst[sel] = members[weighted(rng, blog_pop[members], sel.size)]
    keep = l_dst != l_src
    return Blogs(
        lang=blog_lang, topic=blog_topic, subscribers=blog_subscribers, rate=blog_rate,
        bp_author=bp_author, bp_time=bp_time, bp_topic=bp_topic, bp_lang=bp_lang,
        bp_novelty=bp_novelty, bp_brand=bp_brand, bp_sent=bp_sent, bp_ids=bp_ids, texts=texts,
        l_post=l_post[keep], l_src=l_src[keep], l_dst=l_dst[keep],
    )  # fmt: skip
