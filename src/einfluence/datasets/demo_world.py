"""The demo world: a seeded synthetic influence world with its planted truth.

:func:`make_demo_world` builds, fully offline and reproducibly, two networks of canonical
:class:`~einfluence.io.Records`:

``microblog`` (Twitter-like)
    People, media and brands, French and English, who follow each other (a degree-corrected
    stochastic block model with heavy-tailed, Chung-Lu-like expected degrees), write original
    posts about topics, and relay, like, reply to, quote and mention each other. Diffusion is a
    content-aware independent cascade: a follower relays what is interesting to them, new,
    in their language and written by someone influential *at that time*.
``blog``
    Blogs (accounts of kind ``blog``) writing ``blog_post`` posts that hyperlink to other blogs.
    A few people own both a microblog account and a blog (shared ``person`` key); their
    microblog posts link to their blog (``hyperlink`` interactions with ``dst_network="blog"``).

The world contains a demo brand (the e-bike maker *Ondula*) and two competitors, mentioned with
positive, negative (negations included) and neutral wording by planted advocates, detractors
and by chance; planted influencers who rise and fade, burst for one day, or stay steady, each
on one topic; famous accounts whose audience rarely relays; and niche accounts with a small
audience that relays them eagerly. Everything planted is returned in :attr:`DemoWorld.truth`.

Scaling
-------
The size is driven by ``n_accounts`` (and ``mean_following``, ``posts_per_day``,
``n_days``); with the other defaults there are about 45 interactions and 20 posts per account.
``n_accounts=400, n_days=14`` (the tests) gives about 12,000 interactions (mostly follows) in
0.2 s; ``n_accounts=3000`` (the default) 0.13 million in 0.3 s; and
``make_demo_world(n_accounts=200_000)`` 10.0 million interactions (5.7 M follows, 2.4 M likes,
1.4 M relays, 0.18 M replies, 0.12 M mentions, 0.1 M hyperlinks, 0.06 M quotes) and 4.1 M
posts, in about 19 s with a peak resident memory of 3.8 GB (the records themselves take
1.2 GB of Arrow memory), measured on a 2-core machine; the cascade kernel is single-threaded.
Time and memory grow linearly with ``n_accounts``. The first call in a fresh environment also
compiles the Numba kernels (about 5 s, then cached on disk).

References
----------
.. [1] D. Kempe, J. Kleinberg and É. Tardos, "Maximizing the spread of influence through a
   social network", Proc. KDD 2003, pp. 137-146.
.. [2] F. Chung and L. Lu, "Connected components in random graphs with given expected degree
   sequences", Annals of Combinatorics 6, 2002, pp. 125-145.
.. [3] A.-L. Barabási and R. Albert, "Emergence of scaling in random networks", Science 286,
   1999, pp. 509-512.
.. [4] P. W. Holland, K. B. Laskey and S. Leinhardt, "Stochastic blockmodels: first steps",
   Social Networks 5, 1983, pp. 109-137.
.. [5] B. Karrer and M. E. J. Newman, "Stochastic blockmodels and community structure in
   networks", Physical Review E 83, 016107, 2011 (degree correction).
.. [6] M. Cha, H. Haddadi, F. Benevenuto and K. P. Gummadi, "Measuring user influence in
   Twitter: the million follower fallacy", Proc. ICWSM 2010.
.. [7] J. Leskovec, L. Backstrom and J. Kleinberg, "Meme-tracking and the dynamics of the news
   cycle", Proc. KDD 2009.
.. [8] D. M. Blei, A. Y. Ng and M. I. Jordan, "Latent Dirichlet allocation", JMLR 3, 2003
   (Dirichlet topic profiles).
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from einfluence.base.random import check_random_state
from einfluence.base.validation import check_scalar
from einfluence.datasets import _kernels as K
from einfluence.datasets import vocabulary as V
from einfluence.exceptions import ParameterError
from einfluence.io.records import (
    ACCOUNT_COLUMNS,
    INTERACTION_COLUMNS,
    POST_COLUMNS,
    Records,
    make_table,
)

__all__ = ["DemoWorld", "make_demo_world"]

MICROBLOG = "microblog"
BLOG = "blog"
_LANGS = ("en", "fr")  # language codes 0 and 1
_ROLES = (
    "regular",
    "influencer",
    "advocate",
    "detractor",
    "brand",
    "media",
    "celebrity",
    "blogger",
)
_ACCOUNT_KINDS = ("person", "brand", "media", "blog")
_POST_KINDS = ("original", "relay", "like", "reply", "quote", "blog_post")  # 2 unused
_INTERACTION_KINDS = ("follow", "relay", "like", "reply", "quote", "mention", "hyperlink")
_EPISODE_KINDS = ("rising_fading", "burst", "steady")
_POLARITIES = ("negative", "neutral", "positive")  # sentiment -1, 0, +1
# relative activity by hour of day (UTC), two peaks (lunch, evening)
_DIURNAL = np.array(
    [2, 1, 1, 1, 1, 2, 4, 7, 9, 9, 8, 9, 11, 10, 8, 8, 9, 10, 12, 13, 12, 10, 7, 4], dtype=float
)
_WEEKDAY = np.array([1.0, 1.0, 1.0, 1.0, 1.0, 0.8, 0.75])  # Monday .. Sunday


@dataclass(frozen=True)
class DemoWorld:
    """A generated demo world: records for the store, planted truth and parameters.

    Attributes
    ----------
    records : Records
        Canonical accounts, posts and interactions of both networks, ready for
        :meth:`einfluence.Workspace.add_records`.
    truth : dict of str to pyarrow.Table
        The planted truth. Times are UTC timestamps (microseconds); topics are named as in
        ``truth["topics"]``.

        ``accounts``
            ``network``, ``id``, ``handle``, ``community`` (int, null for blogs), ``language``
            (``en``/``fr``), ``kind`` (account kind), ``role`` (one of ``regular``,
            ``influencer``, ``advocate``, ``detractor``, ``brand``, ``media``, ``celebrity``
            (large audience, low influence), ``blogger``), ``base_influence`` (influence outside
            planted episodes), ``main_topic`` (name of the largest interest), ``followers``
            (declared; for the microblog exactly the follow in-degree), ``activity`` (expected
            original posts per day), ``person`` (shared key of cross-network owners, else null).
        ``influence``
            One row per planted influence episode: ``network``, ``id``, ``topic``,
            ``kind`` (``rising_fading``, ``burst``, ``steady``), ``peak`` (timestamp of the
            maximum; the middle of the day for a burst; null when steady), ``width_days``
            (standard deviation of the Gaussian bump; 0.5 for a burst: the whole calendar day;
            null when steady), ``strength`` (added to the base influence at the peak), ``niche``
            (true for accounts planted with a small audience).
        ``topics``
            ``topic`` (index), ``name``, ``terms_en``, ``terms_fr``, ``hashtags`` (lists).
        ``brands``
            ``name``, ``aliases``, ``handles`` (as written in posts, with ``@``), ``hashtags``,
            ``products`` (lists), ``competitor`` (bool), ``topic``, ``network``, ``account``
            (id of the brand's own microblog account).
        ``posts_topic``
            Every post with its own text (originals, replies, quotes, blog posts; relays carry
            no text and inherit the topic of their ``root``): ``network``, ``post`` (id),
            ``author``, ``kind``, ``topic`` (index), ``novelty`` (in (0, 1); null for replies
            and quotes), ``brand`` (name of the brand mentioned, or null), ``sentiment``
            (-1, 0, +1 towards that brand, null without brand; brand accounts' own posts count
            +1).
        ``communities``
            ``community``, ``size``, ``main_topic``, ``second_topic``, ``french_share``.
        ``cascades``
            One row per microblog original post: ``network``, ``post``, ``author``, ``topic``,
            ``relays`` (relay posts in its cascade, all hops), ``reactions`` (relays, likes,
            replies, quotes), ``depth`` (longest relay chain; 0 without relay), ``influence``
            (the author's planted influence on that topic at posting time, the kernel's
            :func:`~einfluence.datasets._kernels.influence_value`).
    params : dict
        Every keyword argument of :func:`make_demo_world`, defaults resolved (automatic counts
        included), so that ``make_demo_world(**world.params)`` rebuilds the same world when the
        seed was an integer; ``seed`` is ``"Generator"`` when a generator was passed (then the
        world cannot be rebuilt from ``params``).
    """

    records: Records
    truth: dict[str, pa.Table]
    params: dict[str, Any]

    def summary(self) -> dict[str, Any]:
        """Counts for a quick report: per network, per kind, per role, time range.

        Returns
        -------
        dict
            ``accounts``, ``posts``, ``interactions`` (totals), ``accounts_by_network``,
            ``posts_by_kind``, ``interactions_by_kind``, ``roles``, ``languages``,
            ``influence_episodes``, ``topics``, ``brands``, ``start``, ``end``.
        """

        def counts(table: pa.Table, column: str) -> dict[str, int]:
            vc = pc.value_counts(table.column(column).combine_chunks())
            pairs = zip(vc.field("values").to_pylist(), vc.field("counts").to_pylist(), strict=True)
            return dict(sorted(pairs, key=lambda kv: str(kv[0])))

        rec = self.records
        times = rec.posts.column("time")
        return {
            "accounts": rec.accounts.num_rows,
            "posts": rec.posts.num_rows,
            "interactions": rec.interactions.num_rows,
            "accounts_by_network": counts(rec.accounts, "network"),
            "posts_by_kind": counts(rec.posts, "kind"),
            "interactions_by_kind": counts(rec.interactions, "kind"),
            "roles": counts(self.truth["accounts"], "role"),
            "languages": counts(rec.accounts, "language"),
            "influence_episodes": counts(self.truth["influence"], "kind"),
            "topics": self.truth["topics"].column("name").to_pylist(),
            "brands": self.truth["brands"].column("name").to_pylist(),
            "start": str(pc.min(times).as_py()) if len(times) else None,
            "end": str(pc.max(times).as_py()) if len(times) else None,
        }


# ----------------------------------------------------------------------------- helpers


def _sample_rows(rng: np.random.Generator, cum: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Categorical draw per row of a cumulative probability matrix (rows sum to 1)."""
    u = rng.random(rows.shape[0])[:, None]
    return np.minimum((cum[rows] < u).sum(axis=1), cum.shape[1] - 1)


def _weighted(rng: np.random.Generator, weights: np.ndarray, size: int) -> np.ndarray:
    """Indices drawn with probability proportional to ``weights`` (with replacement)."""
    cum = np.cumsum(weights, dtype=np.float64)
    idx = np.searchsorted(cum, rng.random(size) * cum[-1], side="right")
    return np.minimum(idx, weights.shape[0] - 1)


def _draw_times(rng: np.random.Generator, n: int, n_days: int, start_weekday: int) -> np.ndarray:
    """Times in days from the start, with weekly and diurnal rhythms."""
    day_w = _WEEKDAY[(start_weekday + np.arange(n_days)) % 7]
    day = _weighted(rng, day_w, n)
    hour = _weighted(rng, _DIURNAL, n)
    return day + (hour + rng.random(n)) / 24.0


def _times_on_days(rng: np.random.Generator, days: np.ndarray) -> np.ndarray:
    hour = _weighted(rng, _DIURNAL, days.shape[0])
    return days + (hour + rng.random(days.shape[0])) / 24.0


def _to_timestamps(start: np.datetime64, days: np.ndarray) -> pa.Array:
    us = start.astype("datetime64[us]") + (days * 86_400e6).astype(np.int64).astype(
        "timedelta64[us]"
    )
    return pa.array(us, type=pa.timestamp("us"))


def _pareto(rng: np.random.Generator, exponent: float, size: int) -> np.ndarray:
    """Weights with tail P(W > w) ~ w^-(exponent - 1), minimum 1."""
    return (1.0 - rng.random(size)) ** (-1.0 / (exponent - 1.0))


def _lognormal_mean(rng: np.random.Generator, mean: float, sigma: float, size: int) -> np.ndarray:
    return rng.lognormal(np.log(mean) - 0.5 * sigma * sigma, sigma, size)


def _labels(names: Sequence[str], codes: np.ndarray) -> pa.Array:
    """String column from small integer codes into ``names``, without Python objects."""
    return pc.take(pa.array(list(names), type=pa.string()), pa.array(np.asarray(codes)))


def _networks(*counts: int) -> pa.Array:
    """``microblog`` repeated ``counts[0]`` times, then ``blog`` ``counts[1]`` times."""
    return _labels((MICROBLOG, BLOG), np.repeat(np.arange(len(counts), dtype=np.int8), counts))


def _str_ids(values: np.ndarray, prefix: str = "") -> pa.Array:
    ids = pc.cast(pa.array(values, type=pa.int64()), pa.string())
    return pc.binary_join_element_wise(prefix, ids, "") if prefix else ids


class _Vocab:
    """A growing list of strings; tokens are indices into it."""

    def __init__(self) -> None:
        self.parts: list[pa.Array] = []
        self.size = 0

    def add(self, strings: Sequence[str] | pa.Array) -> int:
        arr = (
            strings if isinstance(strings, pa.Array) else pa.array(list(strings), type=pa.string())
        )
        offset = self.size
        self.parts.append(arr)
        self.size += len(arr)
        return offset

    def array(self) -> pa.Array:
        return pa.concat_arrays(self.parts)


def _join_texts(vocab: pa.Array, segments: list[tuple[np.ndarray, np.ndarray]], n: int) -> pa.Array:
    """Texts of ``n`` documents from token segments, joined by spaces.

    ``segments`` is a list of ``(document index, token)`` arrays; within a document the tokens
    keep the order of the segments, then the order inside each segment.
    """
    docs = np.concatenate([s[0].astype(np.int32) for s in segments])
    toks = np.concatenate([s[1].astype(np.int32) for s in segments])
    order = np.argsort(docs, kind="stable")
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(docs, minlength=n), out=offsets[1:])
    del docs
    values = pc.take(vocab, pa.array(toks[order]))
    del toks, order
    lists = pa.LargeListArray.from_arrays(pa.array(offsets), values)
    return pc.binary_join(lists, " ")


def _auto(value: int | None, default: int, name: str) -> int:
    if value is None:
        return default
    check_scalar(value, name, numbers.Integral, min_val=0)
    return int(value)


# ----------------------------------------------------------------------------- generator


def make_demo_world(
    *,
    n_accounts: int = 3000,
    n_days: int = 42,
    start: str = "2026-09-07",
    n_communities: int = 6,
    n_topics: int = 8,
    n_blogs: int | None = None,
    mean_following: float = 28.0,
    degree_exponent: float = 2.3,
    homophily: float = 0.8,
    french_share: float = 0.4,
    posts_per_day: float = 0.25,
    base_influence: float = 0.03,
    n_rising: int | None = None,
    n_bursts: int | None = None,
    n_steady: int | None = None,
    n_advocates: int | None = None,
    n_detractors: int | None = None,
    mention_rate: float = 0.05,
    brand_mention_rate: float = 0.04,
    carry: float = 0.2,
    hop_decay: float = 0.6,
    cross_language: float = 0.2,
    like_ratio: float = 2.0,
    reply_ratio: float = 0.15,
    quote_ratio: float = 0.05,
    delay_minutes: float = 25.0,
    delay_sigma: float = 1.2,
    max_cascade: int = 10_000,
    seed: int | np.random.Generator | None = 0,
) -> DemoWorld:
    """Generate the demo world: two networks of records and their planted truth.

    Parameters
    ----------
    n_accounts : int
        Microblog accounts (people, media, brands); at least 100.
    n_days : int
        Length of the observation window, in days (at least 7).
    start : str
        First day of the window (ISO date, UTC midnight).
    n_communities : int
        Blocks of the follow graph; each has a main and a second topic and a dominant language.
    n_topics : int
        Topics used, the first ``n_topics`` of :data:`vocabulary.TOPICS` (2 to 8); topic 0 is
        the demo brand's (e-bikes).
    n_blogs : int, optional
        Blogs; default ``max(12, n_accounts // 40)``.
    mean_following : float
        Mean out-degree of the follow graph (accounts each account follows).
    degree_exponent : float
        Tail exponent ``gamma`` of the expected in-degree (popularity) distribution,
        ``P(k) ~ k**-gamma``, in (2, 4).
    homophily : float
        Share of follows that stay inside the follower's community.
    french_share : float
        Share of French-speaking accounts (communities lean to one language).
    posts_per_day : float
        Mean original posts per person per day (heavy-tailed across people).
    base_influence : float
        Median base influence of regular accounts (the relay probability scale).
    n_rising, n_bursts, n_steady : int, optional
        Planted influencers whose influence rises and fades, bursts for one day (some twice),
        or stays steady; default about 0.5 %, 0.2 % and 0.25 % of the accounts (at least 6, 4
        and 4).
    n_advocates, n_detractors : int, optional
        People who repeatedly post positive (negative) mentions of the demo brand; default
        about 0.5 % and 0.25 % of the accounts (at least 8 and 5).
    mention_rate : float
        Probability that an original post mentions (``@``) an account its author follows.
    brand_mention_rate : float
        Probability that a regular post about topic 0 mentions one of the brands.
    carry : float
        Share of the original author's influence carried by a relay, per hop (``carry**hop``).
    hop_decay : float
        Novelty lost per hop (``hop_decay**hop``): later audiences have seen it before.
    cross_language : float
        Relay-probability factor when the reader does not speak the post's language.
    like_ratio, reply_ratio, quote_ratio : float
        Likes, replies and quotes per relay at equal probability.
    delay_minutes, delay_sigma : float
        Median and log-standard deviation of the log-normal reaction delay.
    max_cascade : int
        Most relays shown on per cascade (a safety bound).
    seed : None, int or numpy.random.Generator
        Randomness (see :func:`einfluence._utils.validation.check_random_state`); the same
        integer gives the same world.

    Returns
    -------
    DemoWorld

    Raises
    ------
    TypeError, ValueError
        On a parameter of the wrong type or out of range.

    Notes
    -----
    *Follow graph.* Each account gets a popularity weight (Pareto, tail ``gamma``; media,
    brands and the would-be famous get more) and an activity weight (log-normal). A follow
    ``v -> u`` is drawn with ``v`` proportional to activity and ``u`` proportional to popularity,
    inside ``v``'s community with probability ``homophily``: a degree-corrected stochastic block
    model [4]_ [5]_ whose expected degrees follow Chung and Lu [2]_, giving power-law in-degrees
    as preferential attachment would [3]_. Duplicates and self-follows are dropped. Declared
    ``followers`` equal the sampled in-degree exactly.

    *Diffusion.* Every original post runs an independent cascade [1]_ over the followers
    (:func:`einfluence.datasets._kernels.simulate_cascades`): the relay probability of follower
    ``v`` for a post of ``u`` on topic ``k`` at time ``t`` is proportional to the influence of
    ``u`` on ``k`` at ``t``, to ``v``'s interest in ``k`` (Dirichlet profiles tied to the
    community [8]_), to the post's novelty, and is cut when the languages differ. Influence is
    a base value plus planted episodes: Gaussian bumps (rising then fading, as attention in
    [7]_), one-day boxes (bursts) or constants (steady). Famous accounts and media get a tiny
    base influence: large audiences that rarely relay, the million-follower fallacy of [6]_.

    Examples
    --------
    >>> world = make_demo_world(n_accounts=300, n_days=14, seed=1)
    >>> sorted(world.truth)
    ['accounts', 'brands', 'cascades', 'communities', 'influence', 'posts_topic', 'topics']
    >>> world.summary()["accounts_by_network"]["microblog"]
    300
    """
    # ------------------------------------------------------------------ validation
    check_scalar(n_accounts, "n_accounts", numbers.Integral, min_val=100)
    check_scalar(n_days, "n_days", numbers.Integral, min_val=7, max_val=3660)
    check_scalar(n_communities, "n_communities", numbers.Integral, min_val=1, max_val=64)
    check_scalar(n_topics, "n_topics", numbers.Integral, min_val=2, max_val=len(V.TOPICS))
    check_scalar(mean_following, "mean_following", numbers.Real, min_val=1.0)
    check_scalar(
        degree_exponent,
        "degree_exponent",
        numbers.Real,
        min_val=2.0,
        max_val=4.0,
        include_min=False,
    )
    for name, value in (
        ("homophily", homophily),
        ("french_share", french_share),
        ("mention_rate", mention_rate),
        ("brand_mention_rate", brand_mention_rate),
        ("carry", carry),
        ("hop_decay", hop_decay),
        ("cross_language", cross_language),
    ):
        check_scalar(value, name, numbers.Real, min_val=0.0, max_val=1.0)
    for name, value in (
        ("posts_per_day", posts_per_day),
        ("base_influence", base_influence),
        ("like_ratio", like_ratio),
        ("reply_ratio", reply_ratio),
        ("quote_ratio", quote_ratio),
    ):
        check_scalar(value, name, numbers.Real, min_val=0.0, max_val=100.0)
    check_scalar(delay_minutes, "delay_minutes", numbers.Real, min_val=0.0, include_min=False)
    check_scalar(delay_sigma, "delay_sigma", numbers.Real, min_val=0.0, max_val=5.0)
    check_scalar(max_cascade, "max_cascade", numbers.Integral, min_val=0)
    if not isinstance(start, str):
        raise TypeError(f"start must be an ISO date string, got {type(start).__name__}")
    try:
        start64 = np.datetime64(start, "D")
    except ValueError as exc:
        raise ParameterError(f"start must be an ISO date like '2026-09-07', got {start!r}") from exc
    n = int(n_accounts)
    n_days = int(n_days)
    n_topics = int(n_topics)
    n_communities = int(n_communities)
    n_blogs = _auto(n_blogs, max(12, n // 40), "n_blogs")
    if n_blogs < 2:
        raise ParameterError(f"n_blogs must be >= 2, got {n_blogs}")
    n_rising = _auto(n_rising, max(6, round(0.005 * n)), "n_rising")
    n_bursts = _auto(n_bursts, max(4, round(0.002 * n)), "n_bursts")
    n_steady = _auto(n_steady, max(4, round(0.0025 * n)), "n_steady")
    n_advocates = _auto(n_advocates, max(8, round(0.005 * n)), "n_advocates")
    n_detractors = _auto(n_detractors, max(5, round(0.0025 * n)), "n_detractors")
    n_brands = len(V.BRANDS)
    n_media = max(3, round(0.01 * n))
    n_planted = n_rising + n_bursts + n_steady + n_advocates + n_detractors
    if n_planted + n_brands + n_media > n // 2:
        raise ParameterError(
            f"too many planted accounts ({n_planted}) for n_accounts={n}: at most half may be planted"
        )
    params: dict[str, Any] = {
        "n_accounts": n,
        "n_days": n_days,
        "start": str(start64),
        "n_communities": n_communities,
        "n_topics": n_topics,
        "n_blogs": n_blogs,
        "mean_following": float(mean_following),
        "degree_exponent": float(degree_exponent),
        "homophily": float(homophily),
        "french_share": float(french_share),
        "posts_per_day": float(posts_per_day),
        "base_influence": float(base_influence),
        "n_rising": n_rising,
        "n_bursts": n_bursts,
        "n_steady": n_steady,
        "n_advocates": n_advocates,
        "n_detractors": n_detractors,
        "mention_rate": float(mention_rate),
        "brand_mention_rate": float(brand_mention_rate),
        "carry": float(carry),
        "hop_decay": float(hop_decay),
        "cross_language": float(cross_language),
        "like_ratio": float(like_ratio),
        "reply_ratio": float(reply_ratio),
        "quote_ratio": float(quote_ratio),
        "delay_minutes": float(delay_minutes),
        "delay_sigma": float(delay_sigma),
        "max_cascade": int(max_cascade),
        "seed": "Generator" if isinstance(seed, np.random.Generator) else seed,
    }
    rng = check_random_state(seed)
    topic_names = list(V.TOPICS)[:n_topics]
    start_weekday = int((start64.astype("datetime64[D]").astype(np.int64) + 3) % 7)  # 0 = Monday

    # ------------------------------------------------------------------ accounts
    # layout: brands [0, n_brands), media [n_brands, n_brands + n_media), people after
    first_person = n_brands + n_media
    kind = np.zeros(n, dtype=np.int8)  # index into _ACCOUNT_KINDS
    kind[:n_brands] = _ACCOUNT_KINDS.index("brand")
    kind[n_brands:first_person] = _ACCOUNT_KINDS.index("media")
    role = np.zeros(n, dtype=np.int8)  # index into _ROLES
    role[:n_brands] = _ROLES.index("brand")
    role[n_brands:first_person] = _ROLES.index("media")

    comm_p = rng.dirichlet(np.full(n_communities, 6.0))
    community = _weighted(rng, comm_p, n)
    community[:n_brands] = 0  # the brands live in the e-bike community
    comm_main = np.arange(n_communities) % n_topics
    comm_second = (comm_main + 1 + rng.integers(0, n_topics - 1, n_communities)) % n_topics
    # communities lean French or English, the mean share staying near french_share
    lean = np.where(np.arange(n_communities) % 2 == 0, 1.0, -1.0)
    if n_communities % 2:
        lean[-1] = 0.0
    rng.shuffle(lean)
    spread = min(french_share, 1.0 - french_share) * 0.8
    comm_fr = np.clip(french_share + spread * lean, 0.0, 1.0)
    size = np.bincount(community, minlength=n_communities) / n
    for _ in range(5):  # communities differ in size: shift so the overall share is right
        comm_fr = np.clip(comm_fr + french_share - size @ comm_fr, 0.0, 1.0)
    lang = (rng.random(n) < comm_fr[community]).astype(np.int8)  # 0 en, 1 fr
    lang[0] = 1  # Ondula is French
    lang[1:n_brands] = 0

    alpha = np.full((n_communities, n_topics), 0.15)
    alpha[np.arange(n_communities), comm_second] += 1.5
    alpha[np.arange(n_communities), comm_main] += 4.0
    interest = rng.gamma(alpha[community])
    interest /= interest.sum(axis=1, keepdims=True)
    interest[:n_brands] = 0.02 / max(1, n_topics - 1)
    interest[:n_brands, 0] = 0.98

    activity = _lognormal_mean(rng, posts_per_day, 1.0, n)
    activity[n_brands:first_person] *= 8.0
    activity[0] = 1.0
    activity[1:n_brands] = 0.5
    propensity = _lognormal_mean(rng, 1.0, 0.8, n)

    # ------------------------------------------------------------------ follow graph
    popularity = _pareto(rng, degree_exponent, n)
    popularity[n_brands:first_person] *= 25.0
    popularity[:n_brands] *= 12.0
    following_w = _lognormal_mean(rng, 1.0, 1.0, n)
    n_draws = round(n * mean_following * 1.08)
    for _ in range(3):  # cap so no expected in-degree exceeds 40 % of the accounts
        cap = 0.4 * n * popularity.sum() / n_draws
        popularity = np.minimum(popularity, cap)
    src = _weighted(rng, following_w, n_draws)
    dst = np.empty(n_draws, dtype=np.int64)
    inside = rng.random(n_draws) < homophily
    dst[~inside] = _weighted(rng, popularity, int((~inside).sum()))
    for c in range(n_communities):
        sel = np.flatnonzero(inside & (community[src] == c))
        members = np.flatnonzero(community == c)
        if sel.size:
            dst[sel] = members[_weighted(rng, popularity[members], sel.size)]
    keys = np.sort(src * n + dst)
    f_src, f_dst = keys // n, keys % n
    keep = f_src != f_dst
    keep[1:] &= keys[1:] != keys[:-1]
    f_src, f_dst = f_src[keep], f_dst[keep]  # sorted by follower: the "following" CSR
    in_degree = np.bincount(f_dst, minlength=n)
    out_degree = np.bincount(f_src, minlength=n)
    out_indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(out_degree, out=out_indptr[1:])
    order = np.argsort(f_dst, kind="stable")
    fol_indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(in_degree, out=fol_indptr[1:])
    fol = f_src[order].astype(np.int32)
    followers = in_degree.astype(np.int64)

    # ------------------------------------------------------------------ roles
    people = np.arange(first_person, n)
    rank = people[np.argsort(-in_degree[people], kind="stable")]
    n_celebrities = max(2, round(0.01 * people.size))
    celebrities = rank[:n_celebrities]
    role[celebrities] = _ROLES.index("celebrity")
    free = np.ones(n, dtype=bool)
    free[:first_person] = False
    free[celebrities] = False
    deg_q = np.quantile(in_degree[people], [0.25, 0.6, 0.75, 0.99])
    main_topic = interest.argmax(axis=1)

    def pick(count: int, mask: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
        cand = np.flatnonzero(mask & free)
        if cand.size < count:  # fall back to any free person
            rest = free.copy()
            rest[cand] = False
            extra = np.flatnonzero(rest)
            cand = np.concatenate([cand, rng.permutation(extra)[: count - cand.size]])
        w = None if weights is None else weights[cand] / weights[cand].sum()
        chosen = rng.choice(cand, size=count, replace=False, p=w)
        free[chosen] = False
        return np.sort(chosen)

    n_infl = n_rising + n_bursts + n_steady
    n_niche = n_infl // 3
    # influencers: upper audience band; niche ones: a small audience (but some)
    band_hi = (in_degree >= max(deg_q[2], 10)) & (in_degree <= deg_q[3])
    band_lo = (in_degree >= max(deg_q[0], 6)) & (in_degree <= max(deg_q[1], 8))
    # a share of the influencers on the brand's topic, so that campaigns have candidates
    on_brand_topic = max(1, n_infl // n_topics)
    infl = np.concatenate(
        [
            pick(on_brand_topic, band_hi & (main_topic == 0)),
            pick(n_infl - n_niche - on_brand_topic, band_hi),
        ]
    )
    niche_ids = pick(n_niche, band_lo)
    infl = rng.permutation(np.concatenate([infl, niche_ids]))
    niche = np.zeros(n, dtype=bool)
    niche[niche_ids] = True
    role[infl] = _ROLES.index("influencer")
    ebike_w = interest[:, 0] ** 2 + 1e-12
    advocates = pick(n_advocates, np.ones(n, dtype=bool), ebike_w)
    detractors = pick(n_detractors, np.ones(n, dtype=bool), ebike_w)
    role[advocates] = _ROLES.index("advocate")
    role[detractors] = _ROLES.index("detractor")

    base = np.minimum(_lognormal_mean(rng, base_influence, 0.7, n), 5 * base_influence)
    base[n_brands:first_person] = 0.004
    base[celebrities] = 0.003
    base[0] = 0.15
    base[1:n_brands] = 0.08
    base[infl] = 0.6 * base_influence

    # ------------------------------------------------------------------ influence episodes
    ep_acc: list[np.ndarray] = []
    ep_kind_l: list[np.ndarray] = []
    ep_peak_l: list[np.ndarray] = []
    ep_width_l: list[np.ndarray] = []
    ep_str_l: list[np.ndarray] = []
    rising = infl[:n_rising]
    bursting = infl[n_rising : n_rising + n_bursts]
    steady = infl[n_rising + n_bursts :]
    ep_acc.append(rising)
    ep_kind_l.append(np.full(n_rising, K.EPISODE_RISING_FADING))
    ep_peak_l.append(rng.uniform(0.15, 0.85, n_rising) * n_days)
    ep_width_l.append(rng.uniform(0.05, 0.1, n_rising) * n_days)
    ep_str_l.append(rng.uniform(0.8, 1.4, n_rising))
    # one burst day each, and a second one, at least 4 days apart, for some
    first_day = rng.integers(1, n_days - 1, n_bursts)
    twice = (rng.random(n_bursts) < 0.3) & (n_days >= 14)
    second_day = rng.integers(1, max(2, n_days - 8), n_bursts)
    second_day = np.where(second_day >= first_day - 3, second_day + 7, second_day)
    burst_acc = np.concatenate([bursting, bursting[twice]])
    burst_day = np.concatenate([first_day, second_day[twice]])
    ep_acc.append(burst_acc)
    ep_kind_l.append(np.full(burst_acc.size, K.EPISODE_BURST))
    ep_peak_l.append(burst_day + 0.5)
    ep_width_l.append(np.full(burst_acc.size, 0.5))
    ep_str_l.append(rng.uniform(1.2, 2.0, burst_acc.size))
    ep_acc.append(steady)
    ep_kind_l.append(np.full(n_steady, K.EPISODE_STEADY))
    ep_peak_l.append(np.full(n_steady, np.nan))
    ep_width_l.append(np.full(n_steady, np.nan))
    ep_str_l.append(rng.uniform(0.35, 0.6, n_steady))
    ep_account = np.concatenate(ep_acc)
    ep_order = np.argsort(ep_account, kind="stable")
    ep_account = ep_account[ep_order]
    ep_kind = np.concatenate(ep_kind_l).astype(np.int8)[ep_order]
    ep_peak = np.concatenate(ep_peak_l)[ep_order]
    ep_width = np.concatenate(ep_width_l)[ep_order]
    ep_strength = np.concatenate(ep_str_l)[ep_order]
    ep_strength[niche[ep_account]] *= 1.5  # small audience, eager to relay
    ep_topic = main_topic[ep_account].astype(np.int32)
    ep_indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(ep_account, minlength=n), out=ep_indptr[1:])
    # influencers focus on their topic and post regularly
    planted_topic = np.full(n, -1)
    planted_topic[ep_account] = ep_topic
    focus = interest[infl] * 0.4
    focus[np.arange(infl.size), main_topic[infl]] += 0.6
    interest[infl] = focus
    activity[infl] = np.maximum(activity[infl], rng.uniform(0.8, 1.6, infl.size))

    # ------------------------------------------------------------------ original posts
    n_posts_each = rng.poisson(activity * n_days)
    n_posts_each[advocates] = rng.poisson(0.5 * n_days, advocates.size)  # chit-chat
    n_posts_each[detractors] = rng.poisson(0.5 * n_days, detractors.size)
    gen_author = np.repeat(np.arange(n), n_posts_each)
    gen_time = _draw_times(rng, gen_author.size, n_days, start_weekday)
    # advocates and detractors: repeated spontaneous brand mentions
    adv_counts = rng.poisson(0.22 * n_days, advocates.size)
    det_counts = rng.poisson(0.18 * n_days, detractors.size)
    adv_author = np.repeat(advocates, adv_counts)
    det_author = np.repeat(detractors, det_counts)
    # bursts: the planted account posts 3 to 5 times on its burst day
    burst_n = rng.integers(3, 6, burst_acc.size)
    burst_author = np.repeat(burst_acc, burst_n)
    burst_time = _times_on_days(rng, np.repeat(burst_day, burst_n).astype(float))
    author = np.concatenate([gen_author, adv_author, det_author, burst_author])
    n_gen, n_adv, n_det = gen_author.size, adv_author.size, det_author.size
    p_time = np.concatenate(
        [
            gen_time,
            _draw_times(rng, n_adv + n_det, n_days, start_weekday),
            burst_time,
        ]
    )
    n_orig = author.size
    cum_interest = np.cumsum(interest, axis=1)
    p_topic = _sample_rows(rng, cum_interest, author)
    focused = (planted_topic[author] >= 0) & (rng.random(n_orig) < 0.75)
    p_topic[focused] = planted_topic[author[focused]]
    p_topic[n_gen:] = 0
    p_topic[n_gen + n_adv + n_det :] = planted_topic[burst_author]
    p_topic[author < n_brands] = 0
    p_lang = lang[author].copy()
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
        & (author >= first_person)
        & (role[author] != _ROLES.index("advocate"))
        & (role[author] != _ROLES.index("detractor"))
        & (rng.random(n_orig) < brand_mention_rate)
    )
    k = int(regular_ebike.sum())
    p_brand[regular_ebike] = _weighted(rng, np.array([2.0, 1.0, 1.0]), k)
    p_sent[regular_ebike] = _weighted(rng, np.array([0.2, 0.4, 0.4]), k) - 1
    own = author < n_brands  # brands' own posts: promotion of themselves
    p_brand[own] = author[own]
    p_sent[own] = 1
    p_lang[own & (rng.random(n_orig) < 0.5)] = 0
    p_lang[own & (author == 0) & (rng.random(n_orig) < 0.5)] = 1

    # ------------------------------------------------------------------ cascades
    kernel_seed = int(rng.integers(0, 2**31 - 1))
    ev_src, ev_dst, ev_kind, ev_time, ev_root, ev_parent, ev_depth = K.simulate_cascades(
        kernel_seed,
        fol_indptr,
        fol,
        lang,
        np.ascontiguousarray(interest),
        propensity,
        base,
        ep_indptr,
        ep_topic,
        ep_kind,
        ep_peak,
        ep_width,
        ep_strength,
        author.astype(np.int64),
        p_time,
        p_topic.astype(np.int64),
        p_novelty,
        p_lang.astype(np.int8),
        float(n_days),
        float(carry),
        float(hop_decay),
        float(cross_language),
        float(like_ratio),
        float(reply_ratio),
        float(quote_ratio),
        0.9,
        float(np.log(delay_minutes)),
        float(delay_sigma),
        int(max_cascade),
    )

    # ------------------------------------------------------------------ microblog posts
    makes_post = ev_kind != K.REACTION_LIKE
    ev_post = np.full(ev_src.size, -1, dtype=np.int64)
    ev_post[makes_post] = n_orig + np.arange(int(makes_post.sum()))
    post_ev = np.flatnonzero(makes_post)
    n_all = n_orig + post_ev.size
    all_author = np.concatenate([author, ev_src[post_ev]])
    all_time = np.concatenate([p_time, ev_time[post_ev]])
    rk = ev_kind[post_ev]
    all_kind = np.concatenate([np.zeros(n_orig, dtype=np.int64), rk.astype(np.int64) + 1])
    seen = ev_parent[post_ev]
    parent_idx = np.where(seen >= 0, ev_post[np.maximum(seen, 0)], ev_root[post_ev])
    all_parent = np.concatenate([np.full(n_orig, -1), parent_idx])
    all_root = np.concatenate([np.full(n_orig, -1), ev_root[post_ev]])
    all_lang = np.concatenate([p_lang, lang[ev_src[post_ev]]])
    # ids follow time, as snowflake ids do
    id_of = np.empty(n_all, dtype=np.int64)
    id_of[np.argsort(all_time, kind="stable")] = np.arange(1, n_all + 1) + 10**9

    # mentions of followed accounts, and of brand handles
    has_out = out_degree[author] > 0
    mentions = (rng.random(n_orig) < mention_rate) & has_out & (p_brand < 0)
    m_post = np.flatnonzero(mentions)
    m_pick = out_indptr[author[m_post]] + (
        rng.random(m_post.size) * out_degree[author[m_post]]
    ).astype(np.int64)
    m_target = f_dst[m_pick]

    # ------------------------------------------------------------------ texts
    vocab = _Vocab()
    term_off = np.zeros((n_topics, 2), dtype=np.int64)
    term_len = np.zeros((n_topics, 2), dtype=np.int64)
    tag_off = np.zeros(n_topics, dtype=np.int64)
    tag_len = np.zeros(n_topics, dtype=np.int64)
    for t, name in enumerate(topic_names):
        for li, code in enumerate(_LANGS):
            term_off[t, li] = vocab.add(V.TOPICS[name][code])
            term_len[t, li] = len(V.TOPICS[name][code])
        tag_off[t] = vocab.add(V.TOPICS[name]["hashtags"])
        tag_len[t] = len(V.TOPICS[name]["hashtags"])
    fill_off = np.array([vocab.add(V.FILLERS[c]) for c in _LANGS])
    fill_len = np.array([len(V.FILLERS[c]) for c in _LANGS])
    com_off = np.array([vocab.add(V.COMMENTS[c]) for c in _LANGS])
    com_len = np.array([len(V.COMMENTS[c]) for c in _LANGS])
    # sentiment templates: (lang, polarity) -> before offset, after offset, count
    sent_before = np.zeros((2, 3), dtype=np.int64)
    sent_after = np.zeros((2, 3), dtype=np.int64)
    sent_len = np.zeros((2, 3), dtype=np.int64)
    for li, code in enumerate(_LANGS):
        for pi, pol in enumerate(_POLARITIES):
            templates = V.SENTIMENT[code][pol]
            sent_before[li, pi] = vocab.add([b for b, _ in templates])
            sent_after[li, pi] = vocab.add([a for _, a in templates])
            sent_len[li, pi] = len(templates)
    promo_before = np.array([vocab.add([b for b, _ in V.BRAND_PROMO[c]]) for c in _LANGS])
    promo_after = np.array([vocab.add([a for _, a in V.BRAND_PROMO[c]]) for c in _LANGS])
    promo_len = np.array([len(V.BRAND_PROMO[c]) for c in _LANGS])
    # brand names as written: aliases + products + handle; the handle is the last one
    name_off = np.zeros(n_brands, dtype=np.int64)
    name_len = np.zeros(n_brands, dtype=np.int64)
    btag_off = np.zeros(n_brands, dtype=np.int64)
    btag_len = np.zeros(n_brands, dtype=np.int64)
    for b, brand in enumerate(V.BRANDS):
        names = [*brand["aliases"], *brand["products"], brand["handle"]]  # type: ignore[misc]
        name_off[b] = vocab.add(names)
        name_len[b] = len(names)
        btag_off[b] = vocab.add(list(brand["hashtags"]))  # type: ignore[call-overload]
        btag_len[b] = len(brand["hashtags"])  # type: ignore[arg-type]
    handle_words = pc.binary_join_element_wise(
        pc.take(pa.array(V.SYLLABLES), pa.array(rng.integers(0, len(V.SYLLABLES), n))),
        pc.take(pa.array(V.SYLLABLES), pa.array(rng.integers(0, len(V.SYLLABLES), n))),
        _str_ids(np.arange(n)),
        "",
    )
    brand_handles = pa.array([str(b["handle"]).lstrip("@") for b in V.BRANDS])
    handles = pa.concat_arrays([brand_handles, handle_words[n_brands:]])
    at_off = vocab.add(pc.binary_join_element_wise("@", handles, ""))

    # blogs (needed for the URLs in microblog posts of their owners)
    blog_words = pc.binary_join_element_wise(
        pc.take(pa.array(V.SYLLABLES), pa.array(rng.integers(0, len(V.SYLLABLES), n_blogs))),
        pc.take(pa.array(V.SYLLABLES), pa.array(rng.integers(0, len(V.SYLLABLES), n_blogs))),
        _str_ids(np.arange(n_blogs)),
        "",
    )
    # a blog's id is its normalised site URL (host, no scheme), as the feeds reader makes it
    blog_ids = pc.binary_join_element_wise(blog_words, ".blog.example", "")
    blog_urls = pc.binary_join_element_wise("https://", blog_ids, "")
    url_off = vocab.add(blog_urls)
    n_owned = max(2, round(0.1 * n_blogs))
    owners = pick(min(n_owned, int(free.sum())), np.ones(n, dtype=bool), activity.copy())
    # owners keep their role (the blog makes them bloggers too); prefer the free pool
    blog_owner = np.full(n_blogs, -1, dtype=np.int64)
    blog_owner[: owners.size] = owners
    owner_blog = np.full(n, -1, dtype=np.int64)
    owner_blog[owners] = np.arange(owners.size)

    def topic_terms(docs: np.ndarray, topics: np.ndarray, langs: np.ndarray) -> np.ndarray:
        return term_off[topics, langs] + (rng.random(docs.size) * term_len[topics, langs]).astype(
            np.int64
        )

    def words(
        docs: np.ndarray, topics: np.ndarray, langs: np.ndarray, counts: np.ndarray, p_term: float
    ) -> tuple[np.ndarray, np.ndarray]:
        d = np.repeat(docs, counts)
        t = np.repeat(topics, counts)
        lg = np.repeat(langs, counts)
        is_term = rng.random(d.size) < p_term
        tok = fill_off[lg] + (rng.random(d.size) * fill_len[lg]).astype(np.int64)
        tok[is_term] = topic_terms(d[is_term], t[is_term], lg[is_term])
        return d, tok

    segments: list[tuple[np.ndarray, np.ndarray]] = []
    orig = np.arange(n_orig)
    # brand phrase first: before, name, after
    bp = np.flatnonzero(p_brand >= 0)
    bl, bb = p_lang[bp].astype(np.int64), p_brand[bp]
    promo = author[bp] < n_brands
    pol = p_sent[bp] + 1
    tmpl_len = np.where(promo, promo_len[bl], sent_len[bl, pol])
    tmpl = (rng.random(bp.size) * tmpl_len).astype(np.int64)
    before = np.where(promo, promo_before[bl], sent_before[bl, pol]) + tmpl
    after = np.where(promo, promo_after[bl], sent_after[bl, pol]) + tmpl
    name_choice = (rng.random(bp.size) * name_len[bb]).astype(np.int64)
    name_choice[promo] = np.minimum(name_choice[promo], name_len[bb[promo]] - 2)  # no self @
    segments += [(bp, before), (bp, name_off[bb] + name_choice), (bp, after)]
    brand_at = bp[name_choice == name_len[bb] - 1]  # posts that @mention the brand handle
    n_words = np.where(p_brand >= 0, 2 + rng.poisson(2, n_orig), 5 + rng.poisson(5, n_orig))
    segments.append(words(orig, p_topic, p_lang.astype(np.int64), n_words, 0.45))
    segments.append((m_post, at_off + m_target))
    with_tag = rng.random(n_orig) < 0.35
    tag_brand = with_tag & (p_brand >= 0) & (rng.random(n_orig) < 0.5)
    brand_tag = np.flatnonzero(tag_brand)
    topic_tag = np.flatnonzero(with_tag & ~tag_brand)
    segments.append(
        (
            topic_tag,
            tag_off[p_topic[topic_tag]]
            + (rng.random(topic_tag.size) * tag_len[p_topic[topic_tag]]).astype(np.int64),
        )
    )
    bt = p_brand[brand_tag]
    segments.append(
        (brand_tag, btag_off[bt] + (rng.random(brand_tag.size) * btag_len[bt]).astype(np.int64))
    )
    linking = np.flatnonzero((owner_blog[author] >= 0) & (rng.random(n_orig) < 0.3))
    segments.append((linking, url_off + owner_blog[author[linking]]))
    # replies and quotes: "@author" (replies), a comment, a few terms of the root topic
    rq = np.flatnonzero(all_kind >= 3)
    rq_lang = all_lang[rq].astype(np.int64)
    rq_topic = p_topic[all_root[rq]]
    replies = rq[all_kind[rq] == 3]
    segments_rq = [
        (replies, at_off + all_author[all_parent[replies]]),
        (rq, com_off[rq_lang] + (rng.random(rq.size) * com_len[rq_lang]).astype(np.int64)),
        words(rq, rq_topic, rq_lang, rng.integers(1, 4, rq.size), 0.7),
    ]
    vocab_arr = vocab.array()
    texts_orig = _join_texts(vocab_arr, segments, n_orig)
    text_all = pa.nulls(n_all, type=pa.string())
    if rq.size:
        rq_docs = [(np.searchsorted(rq, d), t) for d, t in segments_rq]
        texts_rq = _join_texts(vocab_arr, rq_docs, rq.size)
        # scatter: originals, then relays (null), replies and quotes in event order
        pos = np.full(n_all, -1, dtype=np.int64)
        pos[:n_orig] = np.arange(n_orig)
        pos[rq] = n_orig + np.arange(rq.size)
        combined = pa.concat_arrays([texts_orig, texts_rq])
        text_all = pc.take(combined, pa.array(pos, mask=pos < 0))
    else:
        pos = np.where(np.arange(n_all) < n_orig, np.arange(n_all), -1)
        text_all = pc.take(texts_orig, pa.array(pos, mask=pos < 0))

    # ------------------------------------------------------------------ blog network
    blog_lang = (rng.random(n_blogs) < french_share).astype(np.int8)
    blog_topic = rng.integers(0, n_topics, n_blogs)
    blog_topic[:n_topics] = np.arange(min(n_topics, n_blogs))
    owned = blog_owner >= 0
    blog_lang[owned] = lang[blog_owner[owned]]
    blog_topic[owned] = main_topic[blog_owner[owned]]
    blog_pop = _pareto(rng, degree_exponent, n_blogs)
    blog_subscribers = np.round(blog_pop * 20).astype(np.int64)
    blog_rate = _lognormal_mean(rng, 0.3, 0.8, n_blogs)
    bpn = rng.poisson(blog_rate * n_days)
    bp_author = np.repeat(np.arange(n_blogs), bpn)
    n_bp = bp_author.size
    bp_time = _draw_times(rng, n_bp, n_days, start_weekday)
    bp_topic = np.where(
        rng.random(n_bp) < 0.8, blog_topic[bp_author], rng.integers(0, n_topics, n_bp)
    )
    bp_lang = blog_lang[bp_author].astype(np.int64)
    bp_novelty = rng.beta(2.0, 2.0, n_bp)
    bp_brand = np.full(n_bp, -1, dtype=np.int64)
    bp_sent = np.zeros(n_bp, dtype=np.int64)
    bmen = (bp_topic == 0) & (rng.random(n_bp) < 0.2)
    bp_brand[bmen] = _weighted(rng, np.array([2.0, 1.0, 1.0]), int(bmen.sum()))
    bp_sent[bmen] = _weighted(rng, np.array([0.25, 0.35, 0.4]), int(bmen.sum())) - 1
    bsegs: list[tuple[np.ndarray, np.ndarray]] = []
    bb_idx = np.flatnonzero(bmen)
    bbl, bbb, bpol = bp_lang[bb_idx], bp_brand[bb_idx], bp_sent[bb_idx] + 1
    bt_ = (rng.random(bb_idx.size) * sent_len[bbl, bpol]).astype(np.int64)
    bname = (rng.random(bb_idx.size) * (name_len[bbb] - 1)).astype(np.int64)  # no @ on blogs
    bsegs += [
        (bb_idx, sent_before[bbl, bpol] + bt_),
        (bb_idx, name_off[bbb] + bname),
        (bb_idx, sent_after[bbl, bpol] + bt_),
    ]
    bsegs.append(words(np.arange(n_bp), bp_topic, bp_lang, 20 + rng.poisson(15, n_bp), 0.4))
    blog_texts = _join_texts(vocab_arr, bsegs, n_bp) if n_bp else pa.array([], type=pa.string())
    bp_ids = np.empty(n_bp, dtype=np.int64)
    bp_ids[np.argsort(bp_time, kind="stable")] = np.arange(1, n_bp + 1)
    # hyperlinks: mostly to blogs of the same topic, by popularity
    n_links = rng.poisson(1.5, n_bp)
    l_post = np.repeat(np.arange(n_bp), n_links)
    l_src = bp_author[l_post]
    l_dst = _weighted(rng, blog_pop, l_post.size)
    same = rng.random(l_post.size) < 0.7
    for t in range(n_topics):
        sel = np.flatnonzero(same & (bp_topic[l_post] == t))
        members = np.flatnonzero(blog_topic == t)
        if sel.size and members.size:
            l_dst[sel] = members[_weighted(rng, blog_pop[members], sel.size)]
    keep = l_dst != l_src
    l_post, l_src, l_dst = l_post[keep], l_src[keep], l_dst[keep]

    # ------------------------------------------------------------------ assemble records
    del keys, src, dst, inside, fol, order
    start_us = start64.astype("datetime64[us]")
    acc_ids = _str_ids(np.arange(n))
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
    mi = np.arange(n_media) % n_outlets + lang[n_brands:first_person].astype(np.int64) * n_outlets
    media_full = pc.binary_join_element_wise(
        pc.take(outlets, pa.array(mi)), _str_ids(np.arange(n_media) // n_outlets + 1), " "
    )
    brand_names = [str(b["name"]) for b in V.BRANDS]
    names = pa.concat_arrays([pa.array(brand_names), media_full, names[first_person:]])
    person_ids = np.full(n, -1, dtype=np.int64)
    person_ids[owners] = np.arange(owners.size)
    blog_person_ids = np.full(n_blogs, -1, dtype=np.int64)
    blog_person_ids[: owners.size] = np.arange(owners.size)
    all_person = np.concatenate([person_ids, blog_person_ids])
    person_col = pc.if_else(
        pa.array(all_person < 0),
        pa.scalar(None, pa.string()),
        _str_ids(np.maximum(all_person, 0), "person:"),
    )
    acc_kind = _labels(_ACCOUNT_KINDS, np.concatenate([kind, np.full(n_blogs, 3, np.int8)]))
    acc_lang = _labels(_LANGS, np.concatenate([lang, blog_lang]))
    accounts = make_table(
        {
            "network": _networks(n, n_blogs),
            "id": pa.concat_arrays([acc_ids, blog_ids]),
            "handle": pa.concat_arrays([handles, blog_words]),
            "name": pa.concat_arrays([names, blog_words]),
            "language": acc_lang,
            "followers": np.concatenate([followers, blog_subscribers]),
            "kind": acc_kind,
            "url": pa.concat_arrays([pa.nulls(n, pa.string()), blog_urls]),
            "person": person_col,
        },
        ACCOUNT_COLUMNS,
    )

    def ids_or_null(index: np.ndarray) -> pa.Array:
        return pc.cast(pa.array(id_of[np.maximum(index, 0)], mask=index < 0), pa.string())

    post_kind_code = np.concatenate([all_kind, np.full(n_bp, 5, np.int64)])
    posts = make_table(
        {
            "network": _networks(n_all, n_bp),
            "id": pa.concat_arrays([_str_ids(id_of), _str_ids(bp_ids)]),
            "author": pa.concat_arrays(
                [pc.take(acc_ids, pa.array(all_author)), pc.take(blog_ids, pa.array(bp_author))]
            ),
            "time": pa.concat_arrays(
                [_to_timestamps(start_us, all_time), _to_timestamps(start_us, bp_time)]
            ),
            "text": pa.concat_arrays([text_all, blog_texts]),
            "language": _labels(_LANGS, np.concatenate([all_lang, bp_lang])),
            "kind": _labels(_POST_KINDS, post_kind_code),
            "parent": pa.concat_arrays([ids_or_null(all_parent), pa.nulls(n_bp, pa.string())]),
            "root": pa.concat_arrays([ids_or_null(all_root), pa.nulls(n_bp, pa.string())]),
        },
        POST_COLUMNS,
    )
    del text_all, blog_texts

    # interactions: follows, reactions, mentions, hyperlinks (microblog -> blog, blog -> blog)
    n_f = f_src.size
    i_src = np.concatenate([f_src, ev_src, author[m_post], author[brand_at]])
    i_dst = np.concatenate([f_dst, ev_dst, m_target, p_brand[brand_at]])
    n_mention = m_post.size + brand_at.size
    i_kind = np.concatenate(
        [
            np.zeros(n_f, np.int8),
            ev_kind + 1,
            np.full(n_mention, 5, np.int8),
            np.full(linking.size + l_post.size, 6, np.int8),
        ]
    )
    i_time = np.concatenate([np.full(n_f, np.nan), ev_time, p_time[m_post], p_time[brand_at]])
    i_post = np.concatenate([np.full(n_f, -1), ev_post, m_post, brand_at])
    mb_ts = pc.if_else(
        pa.array(np.isnan(i_time)),
        pa.scalar(None, pa.timestamp("us")),
        _to_timestamps(start_us, np.nan_to_num(i_time)),
    )
    n_mb = i_src.size
    interactions = make_table(
        {
            "network": _networks(n_mb + linking.size, l_post.size),
            "src": pa.concat_arrays(
                [
                    pc.take(acc_ids, pa.array(i_src)),
                    pc.take(acc_ids, pa.array(author[linking])),
                    pc.take(blog_ids, pa.array(l_src)),
                ]
            ),
            "dst": pa.concat_arrays(
                [
                    pc.take(acc_ids, pa.array(i_dst)),
                    pc.take(blog_ids, pa.array(owner_blog[author[linking]])),
                    pc.take(blog_ids, pa.array(l_dst)),
                ]
            ),
            "dst_network": pa.concat_arrays(
                [
                    pa.nulls(n_mb, pa.string()),
                    _labels((BLOG,), np.zeros(linking.size, np.int8)),
                    pa.nulls(l_post.size, pa.string()),
                ]
            ),
            "kind": _labels(_INTERACTION_KINDS, i_kind),
            "time": pa.concat_arrays(
                [
                    mb_ts,
                    _to_timestamps(start_us, p_time[linking]),
                    _to_timestamps(start_us, bp_time[l_post]),
                ]
            ),
            "post": pa.concat_arrays(
                [
                    ids_or_null(i_post),
                    _str_ids(id_of[linking]),
                    _str_ids(bp_ids[l_post]),
                ]
            ),
        },
        INTERACTION_COLUMNS,
    )
    del i_src, i_dst, i_kind, i_time, i_post, mb_ts
    records = Records(
        accounts=accounts,
        posts=posts,
        interactions=interactions,
        rows_read=0,
        notes=[f"demo world, seed={params['seed']}"],
    )

    # ------------------------------------------------------------------ truth
    t_accounts = pa.table(
        {
            "network": _networks(n, n_blogs),
            "id": pa.concat_arrays([acc_ids, blog_ids]),
            "handle": pa.concat_arrays([handles, blog_words]),
            "community": pa.array(
                np.concatenate([community, np.zeros(n_blogs, np.int64)]),
                mask=np.arange(n + n_blogs) >= n,
                type=pa.int32(),
            ),
            "language": acc_lang,
            "kind": acc_kind,
            "role": _labels(
                _ROLES, np.concatenate([role, np.full(n_blogs, _ROLES.index("blogger"), np.int8)])
            ),
            "base_influence": pa.array(
                np.concatenate([base, np.full(n_blogs, np.nan)]), from_pandas=True
            ),
            "main_topic": _labels(topic_names, np.concatenate([main_topic, blog_topic])),
            "followers": np.concatenate([followers, blog_subscribers]),
            "activity": np.concatenate([activity, blog_rate]),
            "person": person_col,
        }
    )
    t_influence = pa.table(
        {
            "network": _networks(ep_account.size),
            "id": pc.take(acc_ids, pa.array(ep_account)),
            "topic": _labels(topic_names, ep_topic),
            "kind": _labels(_EPISODE_KINDS, ep_kind),
            "peak": pc.if_else(
                pa.array(np.isnan(ep_peak)),
                pa.scalar(None, pa.timestamp("us")),
                _to_timestamps(start_us, np.nan_to_num(ep_peak)),
            ),
            "width_days": pa.array(ep_width, from_pandas=True),
            "strength": ep_strength,
            "niche": niche[ep_account],
        }
    )
    t_topics = pa.table(
        {
            "topic": pa.array(np.arange(n_topics), type=pa.int32()),
            "name": topic_names,
            "terms_en": [list(V.TOPICS[t]["en"]) for t in topic_names],
            "terms_fr": [list(V.TOPICS[t]["fr"]) for t in topic_names],
            "hashtags": [list(V.TOPICS[t]["hashtags"]) for t in topic_names],
        }
    )
    t_brands = pa.table(
        {
            "name": brand_names,
            "aliases": [list(b["aliases"]) for b in V.BRANDS],  # type: ignore[call-overload]
            "handles": [[str(b["handle"])] for b in V.BRANDS],
            "hashtags": [list(b["hashtags"]) for b in V.BRANDS],  # type: ignore[call-overload]
            "products": [list(b["products"]) for b in V.BRANDS],  # type: ignore[call-overload]
            "competitor": [bool(b["competitor"]) for b in V.BRANDS],
            "topic": [topic_names[0]] * n_brands,
            "network": [MICROBLOG] * n_brands,
            "account": pc.take(acc_ids, pa.array(np.arange(n_brands))),
        }
    )
    non_relay = np.concatenate([orig, rq])
    pt_brand = np.concatenate([p_brand, np.full(rq.size, -1), bp_brand])
    pt_sent = np.concatenate([p_sent, np.zeros(rq.size, np.int64), bp_sent])
    no_brand = pt_brand < 0
    t_posts = pa.table(
        {
            "network": _networks(non_relay.size, n_bp),
            "post": pa.concat_arrays([_str_ids(id_of[non_relay]), _str_ids(bp_ids)]),
            "author": pa.concat_arrays(
                [
                    pc.take(acc_ids, pa.array(all_author[non_relay])),
                    pc.take(blog_ids, pa.array(bp_author)),
                ]
            ),
            "kind": _labels(
                _POST_KINDS, np.concatenate([all_kind[non_relay], np.full(n_bp, 5, np.int64)])
            ),
            "topic": pa.array(np.concatenate([p_topic, rq_topic, bp_topic]), type=pa.int32()),
            "novelty": pa.array(
                np.concatenate([p_novelty, np.full(rq.size, np.nan), bp_novelty]), from_pandas=True
            ),
            "brand": pc.if_else(
                pa.array(no_brand),
                pa.scalar(None, pa.string()),
                _labels(brand_names, np.maximum(pt_brand, 0)),
            ),
            "sentiment": pa.array(pt_sent, mask=no_brand, type=pa.int8()),
        }
    )
    is_relay = ev_kind == K.REACTION_RELAY
    depth = np.zeros(n_orig, dtype=np.int64)
    np.maximum.at(depth, ev_root[is_relay], ev_depth[is_relay])
    t_cascades = pa.table(
        {
            "network": _networks(n_orig),
            "post": _str_ids(id_of[:n_orig]),
            "author": pc.take(acc_ids, pa.array(author)),
            "topic": pa.array(p_topic, type=pa.int32()),
            "relays": np.bincount(ev_root[is_relay], minlength=n_orig),
            "reactions": np.bincount(ev_root, minlength=n_orig),
            "depth": depth,
            "influence": K.influence_many(
                author.astype(np.int64),
                p_time,
                p_topic.astype(np.int64),
                base,
                ep_indptr,
                ep_topic,
                ep_kind,
                ep_peak,
                ep_width,
                ep_strength,
            ),
        }
    )
    t_comm = pa.table(
        {
            "community": pa.array(np.arange(n_communities), type=pa.int32()),
            "size": np.bincount(community, minlength=n_communities),
            "main_topic": _labels(topic_names, comm_main),
            "second_topic": _labels(topic_names, comm_second),
            "french_share": comm_fr,
        }
    )
    truth = {
        "accounts": t_accounts,
        "influence": t_influence,
        "topics": t_topics,
        "brands": t_brands,
        "posts_topic": t_posts,
        "communities": t_comm,
        "cascades": t_cascades,
    }
    return DemoWorld(records=records, truth=truth, params=params)
