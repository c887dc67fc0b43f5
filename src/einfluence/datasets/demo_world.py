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

Stages
------
:func:`make_demo_world` validates its parameters, then runs the generator's stages in the
order in which they draw from its random generator (changing that order changes every world):

* :mod:`~einfluence.datasets._population`: accounts (communities, languages, interests),
  the follow graph, roles, planted influence episodes;
* :mod:`~einfluence.datasets._posts`: original posts, cascades (the kernel of
  :mod:`~einfluence.datasets._kernels`), relays, replies and quotes as posts, mentions;
* :mod:`~einfluence.datasets._texts`: the vocabulary, handles and the microblog texts;
* :mod:`~einfluence.datasets._blogs`: blog owners, blog posts and hyperlinks;
* :mod:`~einfluence.datasets._tables`: the records and the planted truth;
* :mod:`~einfluence.datasets._tipping` (only with ``tipping_community``): a community divided
  about the demo brand, whose opinion tips when enough advocates are recruited.

Random draws and Arrow column helpers shared by the stages are in
:mod:`~einfluence.datasets._sampling` and :mod:`~einfluence.datasets._columns`.

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
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from einfluence.base.random import check_random_state
from einfluence.base.validation import check_scalar
from einfluence.datasets import vocabulary as V
from einfluence.datasets._blogs import blog_network, blog_owners
from einfluence.datasets._population import (
    assign_roles,
    follow_graph,
    make_population,
    plant_episodes,
)
from einfluence.datasets._posts import (
    follow_mentions,
    microblog_posts,
    original_posts,
    run_cascades,
)
from einfluence.datasets._tables import (
    account_columns,
    accounts_table,
    interactions_table,
    posts_table,
    truth_tables,
)
from einfluence.datasets._texts import blog_identities, build_lexicon, handles, microblog_texts
from einfluence.datasets._tipping import plant_tipping_community
from einfluence.exceptions import ParameterError
from einfluence.io.records import Records

__all__ = ["DemoWorld", "make_demo_world"]

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
    tipping_community: bool = False,
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
        Randomness (see :func:`einfluence.base.random.check_random_state`); the same
        integer gives the same world.
    tipping_community : bool
        Also plant a community divided about the demo brand (a large favourable minority, no
        majority) that tips when enough advocates are recruited
        (:mod:`~einfluence.datasets._tipping`): extra original posts after all the others, and
        the truth table ``tipping``. The other records are exactly those of the world without it
        (its stage draws last), and ``params`` holds the flag only when it is set.

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
    args = dict(locals())  # the keyword arguments as given
    params = _checked_params(args)
    return _generate(check_random_state(seed), params, args)


def _auto(value: int | None, default: int, name: str) -> int:
    """A count: ``default`` when ``value`` is None, else ``value`` checked."""
    if value is None:
        return default
    check_scalar(value, name, numbers.Integral, min_val=0)
    return int(value)


def _checked_params(args: dict[str, Any]) -> dict[str, Any]:
    """Validate the keyword arguments of :func:`make_demo_world`; return :attr:`DemoWorld.params`.

    Automatic counts are resolved and numbers converted to ``int`` or ``float``; ``seed`` is
    ``"Generator"`` when a generator was passed.

    Raises
    ------
    TypeError, ValueError
        On a parameter of the wrong type or out of range (see :func:`make_demo_world`).
    """
    a = args
    check_scalar(a["n_accounts"], "n_accounts", numbers.Integral, min_val=100)
    check_scalar(a["n_days"], "n_days", numbers.Integral, min_val=7, max_val=3660)
    check_scalar(a["n_communities"], "n_communities", numbers.Integral, min_val=1, max_val=64)
    check_scalar(a["n_topics"], "n_topics", numbers.Integral, min_val=2, max_val=len(V.TOPICS))
    check_scalar(a["mean_following"], "mean_following", numbers.Real, min_val=1.0)
    check_scalar(
        a["degree_exponent"],
        "degree_exponent",
        numbers.Real,
        min_val=2.0,
        max_val=4.0,
        include_min=False,
    )
    shares = ("homophily", "french_share", "mention_rate", "brand_mention_rate", "carry",
              "hop_decay", "cross_language")  # fmt: skip
    for name in shares:
        check_scalar(a[name], name, numbers.Real, min_val=0.0, max_val=1.0)
    for name in ("posts_per_day", "base_influence", "like_ratio", "reply_ratio", "quote_ratio"):
        check_scalar(a[name], name, numbers.Real, min_val=0.0, max_val=100.0)
    check_scalar(a["delay_minutes"], "delay_minutes", numbers.Real, min_val=0.0, include_min=False)
    check_scalar(a["delay_sigma"], "delay_sigma", numbers.Real, min_val=0.0, max_val=5.0)
    check_scalar(a["max_cascade"], "max_cascade", numbers.Integral, min_val=0)
    if not isinstance(a["tipping_community"], (bool, np.bool_)):
        raise TypeError(f"tipping_community must be a bool, got {type(a['tipping_community']).__name__}")
    start = a["start"]
    if not isinstance(start, str):
        raise TypeError(f"start must be an ISO date string, got {type(start).__name__}")
    try:
        start64 = np.datetime64(start, "D")
    except ValueError as exc:
        raise ParameterError(f"start must be an ISO date like '2026-09-07', got {start!r}") from exc
    n = int(a["n_accounts"])
    n_blogs = _auto(a["n_blogs"], max(12, n // 40), "n_blogs")
    if n_blogs < 2:
        raise ParameterError(f"n_blogs must be >= 2, got {n_blogs}")
    counts = {
        "n_rising": _auto(a["n_rising"], max(6, round(0.005 * n)), "n_rising"),
        "n_bursts": _auto(a["n_bursts"], max(4, round(0.002 * n)), "n_bursts"),
        "n_steady": _auto(a["n_steady"], max(4, round(0.0025 * n)), "n_steady"),
        "n_advocates": _auto(a["n_advocates"], max(8, round(0.005 * n)), "n_advocates"),
        "n_detractors": _auto(a["n_detractors"], max(5, round(0.0025 * n)), "n_detractors"),
    }
    n_planted = sum(counts.values())
    if n_planted + len(V.BRANDS) + _n_media(n) > n // 2:
        raise ParameterError(
            f"too many planted accounts ({n_planted}) for n_accounts={n}: at most half may be planted"
        )
    floats = ("mean_following", "degree_exponent", "homophily", "french_share", "posts_per_day",
              "base_influence")  # fmt: skip
    later = ("mention_rate", "brand_mention_rate", "carry", "hop_decay", "cross_language",
             "like_ratio", "reply_ratio", "quote_ratio", "delay_minutes", "delay_sigma")  # fmt: skip
    seed = a["seed"]
    return {
        "n_accounts": n,
        "n_days": int(a["n_days"]),
        "start": str(start64),
        "n_communities": int(a["n_communities"]),
        "n_topics": int(a["n_topics"]),
        "n_blogs": n_blogs,
        **{name: float(a[name]) for name in floats},
        **counts,
        **{name: float(a[name]) for name in later},
        "max_cascade": int(a["max_cascade"]),
        "seed": "Generator" if isinstance(seed, np.random.Generator) else seed,
        **({"tipping_community": True} if a["tipping_community"] else {}),
    }


def _n_media(n: int) -> int:
    """Media accounts among ``n`` microblog accounts."""
    return max(3, round(0.01 * n))


def _generate(rng: np.random.Generator, params: dict[str, Any], args: dict[str, Any]) -> DemoWorld:
    """The generator's stages, in the order in which they draw from ``rng``.

    ``params`` are the resolved parameters (counts), ``args`` the keyword arguments as given:
    the stages use the numbers as given, as they always have, so that a world never changes
    with the type of an argument.
    """
    n, n_days, n_topics, n_blogs = (params[k] for k in ("n_accounts", "n_days", "n_topics", "n_blogs"))
    start64 = np.datetime64(params["start"], "D")
    start_weekday = int((start64.astype("datetime64[D]").astype(np.int64) + 3) % 7)  # 0 = Monday
    topic_names = list(V.TOPICS)[:n_topics]
    n_brands = len(V.BRANDS)
    # people, their follows, their roles and planted influence
    pop = make_population(rng, n, n_brands, _n_media(n), params["n_communities"], n_topics,
                          args["french_share"], args["posts_per_day"])  # fmt: skip
    graph = follow_graph(rng, pop, args["mean_following"], args["degree_exponent"], args["homophily"])
    n_influencers = params["n_rising"] + params["n_bursts"] + params["n_steady"]
    roles = assign_roles(
        rng, pop, graph, n_topics=n_topics, n_influencers=n_influencers,
        n_advocates=params["n_advocates"], n_detractors=params["n_detractors"],
        base_influence=args["base_influence"],
    )  # fmt: skip
    episodes = plant_episodes(rng, pop, roles, n_rising=params["n_rising"],
                              n_bursts=params["n_bursts"], n_steady=params["n_steady"], n_days=n_days)  # fmt: skip
    # what they post, and how it spreads
    orig = original_posts(rng, pop, roles, episodes, n_days=n_days, start_weekday=start_weekday,
                          brand_mention_rate=args["brand_mention_rate"])  # fmt: skip
    events = run_cascades(rng, pop, graph, roles, episodes, orig, args)
    graph.fol = None  # the followers' lists were for the cascades only
    posts = microblog_posts(orig, events, pop.lang)
    mentions = follow_mentions(rng, orig, graph, args["mention_rate"])
    # the words, then the texts of both networks
    lex = build_lexicon(topic_names)
    handle_col = handles(rng, lex, n, n_brands)
    blog_identity = blog_identities(rng, lex, n_blogs)
    owned = blog_owners(roles, pop, n_blogs)
    vocab_arr = lex.vocab.array()
    texts, brand_at, linking, rq = microblog_texts(
        rng, lex, vocab_arr, orig, posts, *mentions, owned.owner_blog, n_brands
    )
    blogs = blog_network(
        rng, lex, vocab_arr, owned, pop, roles.main_topic, n_topics=n_topics, n_days=n_days,
        start_weekday=start_weekday, french_share=args["french_share"],
        degree_exponent=args["degree_exponent"],
    )  # fmt: skip
    del vocab_arr, lex
    # the tables
    cols = account_columns(pop, blogs, owned, handle_col, blog_identity)
    start_us = start64.astype("datetime64[us]")
    accounts = accounts_table(rng, pop, graph, blogs, cols)
    posts_t = posts_table(start_us, posts, texts, blogs, cols)
    del texts
    interactions = interactions_table(
        start_us, graph, events, orig, posts, mentions, brand_at, linking, owned, blogs, cols
    )
    truth = truth_tables(
        start_us, topic_names, pop=pop, graph=graph, roles=roles, episodes=episodes, orig=orig,
        events=events, posts=posts, rq=rq, blogs=blogs, cols=cols,
    )  # fmt: skip
    if params.get("tipping_community"):  # the last stage: the draws above are those of the world without it
        posts_t, truth["posts_topic"], truth["tipping"] = plant_tipping_community(
            rng, pop, cols.acc_ids, posts_t, truth["posts_topic"], start64, n_days
        )
    records = Records(
        accounts=accounts,
        posts=posts_t,
        interactions=interactions,
        rows_read=0,
        notes=[f"demo world, seed={params['seed']}"],
    )
    return DemoWorld(records=records, truth=truth, params=params)
