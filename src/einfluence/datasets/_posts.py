"""Posts and diffusion of the demo world's microblog: originals, cascades, mentions.

Three stages of :func:`~einfluence.datasets.make_demo_world`: :func:`original_posts` (who
writes what, when, in which language, about which topic and brand), :func:`run_cascades` (a
content-aware independent cascade [1]_ per original post, in
:func:`einfluence.datasets._kernels.simulate_cascades`) and :func:`microblog_posts` (the
relays, replies and quotes become posts; ids follow time), followed by
:func:`follow_mentions` (``@`` mentions of followed accounts).

References
----------
.. [1] D. Kempe, J. Kleinberg and É. Tardos, "Maximizing the spread of influence through a
   social network", Proc. KDD 2003, pp. 137-146.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from einfluence.datasets import _kernels as K
from einfluence.datasets._columns import ROLES
from einfluence.datasets._population import Episodes, FollowGraph, Population, Roles
from einfluence.datasets._sampling import draw_times, sample_rows, times_on_days, weighted

__all__ = [
    "Events",
    "MicroblogPosts",
    "Originals",
    "follow_mentions",
    "microblog_posts",
    "original_posts",
    "run_cascades",
]


@dataclass
class Originals:
    """The original microblog posts, in generation order.

    The first ``n_gen`` are everyday posts, then the advocates' and detractors' brand posts,
    then the bursts. Times are in days from the start; ``brand`` is a brand index (-1 none) and
    ``sent`` the sentiment towards it (-1, 0, +1).
    """

    author: np.ndarray
    time: np.ndarray
    topic: np.ndarray
    lang: np.ndarray
    novelty: np.ndarray
    brand: np.ndarray
    sent: np.ndarray
    n_gen: int

    @property
    def n(self) -> int:
        """Number of original posts."""
        return self.author.size


def original_posts(
    rng: np.random.Generator,
    pop: Population,
    roles: Roles,
    episodes: Episodes,
    *,
    n_days: int,
    start_weekday: int,
    brand_mention_rate: float,
) -> Originals:
    """Everyday posts, the advocates' and detractors' brand mentions, and the bursts.

    Everyone posts at their activity rate (advocates and detractors chit-chat at 0.5 a day),
    with weekly and diurnal rhythms; advocates and detractors also mention the demo brand
    repeatedly (mostly positively, resp. negatively); a bursting influencer posts 3 to 5 times
    on its burst day. Topics follow the author's interests (planted influencers mostly stay on
    their topic); regular posts about e-bikes sometimes mention a brand; the brands promote
    themselves.
    """
    n, n_brands = pop.n, pop.n_brands
    advocates, detractors, planted_topic = roles.advocates, roles.detractors, episodes.planted_topic
    n_posts_each = rng.poisson(pop.activity * n_days)
    n_posts_each[advocates] = rng.poisson(0.5 * n_days, advocates.size)  # chit-chat
    n_posts_each[detractors] = rng.poisson(0.5 * n_days, detractors.size)
    gen_author = np.repeat(np.arange(n), n_posts_each)
    gen_time = draw_times(rng, gen_author.size, n_days, start_weekday)
    # advocates and detractors: repeated spontaneous brand mentions
    adv_counts = rng.poisson(0.22 * n_days, advocates.size)
    det_counts = rng.poisson(0.18 * n_days, detractors.size)
    adv_author = np.repeat(advocates, adv_counts)
    det_author = np.repeat(detractors, det_counts)
    # bursts: the planted account posts 3 to 5 times on its burst day
    burst_n = rng.integers(3, 6, episodes.burst_account.size)
    burst_author = np.repeat(episodes.burst_account, burst_n)
    burst_time = times_on_days(rng, np.repeat(episodes.burst_day, burst_n).astype(float))
    author = np.concatenate([gen_author, adv_author, det_author, burst_author])
    n_gen, n_adv, n_det = gen_author.size, adv_author.size, det_author.size
    p_time = np.concatenate(
        [
            gen_time,
            draw_times(rng, n_adv + n_det, n_days, start_weekday),
            burst_time,
        ]
    )
    n_orig = author.size
    cum_interest = np.cumsum(pop.interest, axis=1)
    p_topic = sample_rows(rng, cum_interest, author)
    focused = (planted_topic[author] >= 0) & (rng.random(n_orig) < 0.75)
    p_topic[focused] = planted_topic[author[focused]]
    p_topic[n_gen:] = 0
    p_topic[n_gen + n_adv + n_det :] = planted_topic[burst_author]
    p_topic[author < n_brands] = 0
    p_lang = pop.lang[author].copy()
    p_novelty = rng.beta(2.0, 2.0, n_orig)
    # brand mentions: brand index (-1 none), sentiment (-1, 0, +1)
    p_brand = np.full(n_orig, -1, dtype=np.int64)
    p_sent = np.zeros(n_orig, dtype=np.int64)
    p_brand[n_gen : n_gen + n_adv + n_det] = 0
    p_sent[n_gen : n_gen + n_adv] = np.where(rng.random(n_adv) < 0.9, 1, 0)
    p_sent[n_gen + n_adv : n_gen + n_adv + n_det] = np.where(rng.random(n_det) < 0.9, -1, 0)
    regular_ebike = (
        (np.arange(n_orig) < n_gen)
        & (p_topic == 0)
        & (author >= pop.first_person)
        & (pop.role[author] != ROLES.index("advocate"))
        & (pop.role[author] != ROLES.index("detractor"))
        & (rng.random(n_orig) < brand_mention_rate)
    )
    k = int(regular_ebike.sum())
    p_brand[regular_ebike] = weighted(rng, np.array([2.0, 1.0, 1.0]), k)
    p_sent[regular_ebike] = weighted(rng, np.array([0.2, 0.4, 0.4]), k) - 1
    own = author < n_brands  # brands' own posts: promotion of themselves
    p_brand[own] = author[own]
    p_sent[own] = 1
    p_lang[own & (rng.random(n_orig) < 0.5)] = 0
    p_lang[own & (author == 0) & (rng.random(n_orig) < 0.5)] = 1
    return Originals(
        author=author, time=p_time, topic=p_topic, lang=p_lang, novelty=p_novelty,
        brand=p_brand, sent=p_sent, n_gen=n_gen,
    )  # fmt: skip


@dataclass
class Events:
    """Reactions returned by :func:`einfluence.datasets._kernels.simulate_cascades`."""

    src: np.ndarray
    dst: np.ndarray
    kind: np.ndarray
    time: np.ndarray
    root: np.ndarray
    parent: np.ndarray
    depth: np.ndarray


def run_cascades(
    rng: np.random.Generator,
    pop: Population,
    graph: FollowGraph,
    roles: Roles,
    episodes: Episodes,
    orig: Originals,
    args: dict[str, Any],
) -> Events:
    """One content-aware independent cascade per original post, seeded from ``rng``.

    ``args`` are the validated keyword arguments of
    :func:`~einfluence.datasets.make_demo_world` as given (``n_days``, ``carry``,
    ``hop_decay``, ``cross_language``, the reaction ratios, the delay and ``max_cascade``).
    """
    kernel_seed = int(rng.integers(0, 2**31 - 1))
    events = K.simulate_cascades(
        kernel_seed,
        graph.fol_indptr,
        graph.fol,
        pop.lang,
        np.ascontiguousarray(pop.interest),
        pop.propensity,
        roles.base,
        *episodes.kernel_args(),
        orig.author.astype(np.int64),
        orig.time,
        orig.topic.astype(np.int64),
        orig.novelty,
        orig.lang.astype(np.int8),
        float(int(args["n_days"])),
        float(args["carry"]),
        float(args["hop_decay"]),
        float(args["cross_language"]),
        float(args["like_ratio"]),
        float(args["reply_ratio"]),
        float(args["quote_ratio"]),
        0.9,
        float(np.log(args["delay_minutes"])),
        float(args["delay_sigma"]),
        int(args["max_cascade"]),
    )
    return Events(*events)


@dataclass
class MicroblogPosts:
    """Every microblog post: the originals first, then the relays, replies and quotes.

    ``kind`` indexes :data:`~einfluence.datasets._columns.POST_KINDS`; ``parent`` and ``root``
    are post indices (-1 for originals); ``id_of`` the post ids (in time order, as snowflake
    ids are); ``ev_post`` the post index of each event (-1 for likes).
    """

    n_orig: int
    author: np.ndarray
    time: np.ndarray
    kind: np.ndarray
    parent: np.ndarray
    root: np.ndarray
    lang: np.ndarray
    id_of: np.ndarray
    ev_post: np.ndarray

    @property
    def n(self) -> int:
        """Number of microblog posts."""
        return self.author.size


def microblog_posts(orig: Originals, ev: Events, lang: np.ndarray) -> MicroblogPosts:
    """The originals plus a post for every reaction but likes; ids follow time."""
    n_orig = orig.n
    makes_post = ev.kind != K.REACTION_LIKE
    ev_post = np.full(ev.src.size, -1, dtype=np.int64)
    ev_post[makes_post] = n_orig + np.arange(int(makes_post.sum()))
    post_ev = np.flatnonzero(makes_post)
    n_all = n_orig + post_ev.size
    all_time = np.concatenate([orig.time, ev.time[post_ev]])
    rk = ev.kind[post_ev]
    seen = ev.parent[post_ev]
    parent_idx = np.where(seen >= 0, ev_post[np.maximum(seen, 0)], ev.root[post_ev])
    # ids follow time, as snowflake ids do
    id_of = np.empty(n_all, dtype=np.int64)
    id_of[np.argsort(all_time, kind="stable")] = np.arange(1, n_all + 1) + 10**9
    return MicroblogPosts(
        n_orig=n_orig,
        author=np.concatenate([orig.author, ev.src[post_ev]]),
        time=all_time,
        kind=np.concatenate([np.zeros(n_orig, dtype=np.int64), rk.astype(np.int64) + 1]),
        parent=np.concatenate([np.full(n_orig, -1), parent_idx]),
        root=np.concatenate([np.full(n_orig, -1), ev.root[post_ev]]),
        lang=np.concatenate([orig.lang, lang[ev.src[post_ev]]]),
        id_of=id_of,
        ev_post=ev_post,
    )


def follow_mentions(
    rng: np.random.Generator, orig: Originals, graph: FollowGraph, mention_rate: float
) -> tuple[np.ndarray, np.ndarray]:
    """Original posts (without a brand) that ``@`` mention an account their author follows.

    Returns
    -------
    post, target : ndarray
        Index of each mentioning original post and of the account it mentions.
    """
    author = orig.author
    has_out = graph.out_degree[author] > 0
    mentions = (rng.random(orig.n) < mention_rate) & has_out & (orig.brand < 0)
    m_post = np.flatnonzero(mentions)
    m_pick = graph.out_indptr[author[m_post]] + (
        rng.random(m_post.size) * graph.out_degree[author[m_post]]
    ).astype(np.int64)
    return m_post, graph.f_dst[m_pick]
