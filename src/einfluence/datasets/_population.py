"""The people of the demo world: accounts, the follow graph, roles and planted influence.

Four stages of :func:`~einfluence.datasets.make_demo_world`, run in this order on the world's
generator: :func:`make_population` (communities, languages, interests, activity),
:func:`follow_graph` (a degree-corrected stochastic block model [1]_ [2]_ with Chung-Lu
expected degrees [3]_), :func:`assign_roles` (celebrities, influencers, advocates, detractors
and base influence) and :func:`plant_episodes` (rising and fading, burst and steady influence).

References
----------
.. [1] P. W. Holland, K. B. Laskey and S. Leinhardt, "Stochastic blockmodels: first steps",
   Social Networks 5, 1983, pp. 109-137.
.. [2] B. Karrer and M. E. J. Newman, "Stochastic blockmodels and community structure in
   networks", Physical Review E 83, 016107, 2011 (degree correction).
.. [3] F. Chung and L. Lu, "Connected components in random graphs with given expected degree
   sequences", Annals of Combinatorics 6, 2002, pp. 125-145.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from einfluence.datasets import _kernels as K
from einfluence.datasets._columns import ACCOUNT_KINDS, ROLES
from einfluence.datasets._sampling import Picker, lognormal_mean, pareto, weighted

__all__ = [
    "Episodes",
    "FollowGraph",
    "Population",
    "Roles",
    "assign_roles",
    "follow_graph",
    "make_population",
    "plant_episodes",
]


@dataclass
class Population:
    """The microblog accounts: brands ``[0, n_brands)``, media next, people after.

    Integer codes index :data:`~einfluence.datasets._columns.ACCOUNT_KINDS` (``kind``),
    :data:`~einfluence.datasets._columns.ROLES` (``role``, updated by :func:`assign_roles`) and
    :data:`~einfluence.datasets._columns.LANGS` (``lang``). ``interest`` (rows sum to 1) and
    ``activity`` (expected original posts per day) are updated by :func:`plant_episodes`.
    """

    n: int
    n_brands: int
    n_media: int
    kind: np.ndarray
    role: np.ndarray
    community: np.ndarray
    comm_main: np.ndarray
    comm_second: np.ndarray
    comm_fr: np.ndarray
    lang: np.ndarray
    interest: np.ndarray
    activity: np.ndarray
    propensity: np.ndarray

    @property
    def first_person(self) -> int:
        """Index of the first person (after the brands and the media)."""
        return self.n_brands + self.n_media


def make_population(
    rng: np.random.Generator,
    n: int,
    n_brands: int,
    n_media: int,
    n_communities: int,
    n_topics: int,
    french_share: float,
    posts_per_day: float,
) -> Population:
    """Accounts with their community, language, topic interests, activity and propensity.

    Communities lean French or English (the overall share staying near ``french_share``) and
    have a main and a second topic; interests are Dirichlet profiles tied to the community
    (drawn as normalised gammas). The brands live in community 0 and care about topic 0.
    """
    first_person = n_brands + n_media
    kind = np.zeros(n, dtype=np.int8)  # index into ACCOUNT_KINDS
    kind[:n_brands] = ACCOUNT_KINDS.index("brand")
    kind[n_brands:first_person] = ACCOUNT_KINDS.index("media")
    role = np.zeros(n, dtype=np.int8)  # index into ROLES
    role[:n_brands] = ROLES.index("brand")
    role[n_brands:first_person] = ROLES.index("media")

    comm_p = rng.dirichlet(np.full(n_communities, 6.0))
    community = weighted(rng, comm_p, n)
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

    activity = lognormal_mean(rng, posts_per_day, 1.0, n)
    activity[n_brands:first_person] *= 8.0
    activity[0] = 1.0
    activity[1:n_brands] = 0.5
    propensity = lognormal_mean(rng, 1.0, 0.8, n)
    return Population(
        n=n, n_brands=n_brands, n_media=n_media, kind=kind, role=role, community=community,
        comm_main=comm_main, comm_second=comm_second, comm_fr=comm_fr, lang=lang,
        interest=interest, activity=activity, propensity=propensity,
    )  # fmt: skip


@dataclass
class FollowGraph:
    """Follows ``f_src -> f_dst`` (sorted by follower), with both CSR layouts.

    ``out_indptr`` indexes ``f_dst`` (whom each account follows); ``fol_indptr`` indexes
    ``fol`` (the followers of each account, as the cascade kernel reads them).
    """

    f_src: np.ndarray
    f_dst: np.ndarray
    in_degree: np.ndarray
    out_degree: np.ndarray
    out_indptr: np.ndarray
    fol_indptr: np.ndarray
    fol: np.ndarray | None

    @property
    def followers(self) -> np.ndarray:
        """Declared follower counts: exactly the follow in-degrees."""
        return self.in_degree.astype(np.int64)


def follow_graph(
    rng: np.random.Generator,
    pop: Population,
    mean_following: float,
    degree_exponent: float,
    homophily: float,
) -> FollowGraph:
    """The follow graph: a degree-corrected stochastic block model.

    Each account gets a popularity weight (Pareto, tail ``degree_exponent``; media and brands
    get more) and a following weight (log-normal). A follow ``v -> u`` is drawn with ``v``
    proportional to its following weight and ``u`` proportional to popularity, inside ``v``'s
    community with probability ``homophily``. Duplicates and self-follows are dropped.
    """
    n, n_brands, first_person, community = pop.n, pop.n_brands, pop.first_person, pop.community
    popularity = pareto(rng, degree_exponent, n)
    popularity[n_brands:first_person] *= 25.0
    popularity[:n_brands] *= 12.0
    following_w = lognormal_mean(rng, 1.0, 1.0, n)
    n_draws = round(n * mean_following * 1.08)
    for _ in range(3):  # cap so no expected in-degree exceeds 40 % of the accounts
        cap = 0.4 * n * popularity.sum() / n_draws
        popularity = np.minimum(popularity, cap)
    src = weighted(rng, following_w, n_draws)
    dst = np.empty(n_draws, dtype=np.int64)
    inside = rng.random(n_draws) < homophily
    dst[~inside] = weighted(rng, popularity, int((~inside).sum()))
    for c in range(len(pop.comm_main)):  # the communities
        sel = np.flatnonzero(inside & (community[src] == c))
        members = np.flatnonzero(community == c)
        if sel.size:
            dst[sel] = members[weighted(rng, popularity[members], sel.size)]
    keys = np.sort(src * n + dst)
    del src, dst, inside
    f_src, f_dst = keys // n, keys % n
    keep = f_src != f_dst
    keep[1:] &= keys[1:] != keys[:-1]
    del keys
    f_src, f_dst = f_src[keep], f_dst[keep]  # sorted by follower: the "following" CSR
    in_degree = np.bincount(f_dst, minlength=n)
    out_degree = np.bincount(f_src, minlength=n)
    out_indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(out_degree, out=out_indptr[1:])
    order = np.argsort(f_dst, kind="stable")
    fol_indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(in_degree, out=fol_indptr[1:])
    fol = f_src[order].astype(np.int32)
    return FollowGraph(
        f_src=f_src, f_dst=f_dst, in_degree=in_degree, out_degree=out_degree,
        out_indptr=out_indptr, fol_indptr=fol_indptr, fol=fol,
    )  # fmt: skip


@dataclass
class Roles:
    """Who plays which part, and the base influence of every account.

    ``infl`` lists the planted influencers in episode order (rising, then bursting, then
    steady); ``niche`` marks those planted with a small audience; ``main_topic`` is each
    account's largest interest *before* the influencers' focus. ``pick`` draws from the
    remaining free people (the blog owners are drawn from it later).
    """

    celebrities: np.ndarray
    infl: np.ndarray
    niche: np.ndarray
    advocates: np.ndarray
    detractors: np.ndarray
    base: np.ndarray
    main_topic: np.ndarray
    pick: Picker


def assign_roles(
    rng: np.random.Generator,
    pop: Population,
    graph: FollowGraph,
    *,
    n_topics: int,
    n_influencers: int,
    n_advocates: int,
    n_detractors: int,
    base_influence: float,
) -> Roles:
    """Celebrities, planted influencers (some niche), advocates and detractors; base influence.

    The most followed people are celebrities, with a tiny base influence (large audiences that
    rarely relay). Influencers come from the upper audience band (a share of them on the
    brand's topic, so that campaigns have candidates), niche ones from a small audience;
    advocates and detractors are drawn by their interest in e-bikes. Roles are written into
    ``pop.role``.
    """
    n, first_person, in_degree, role = pop.n, pop.first_person, graph.in_degree, pop.role
    people = np.arange(first_person, n)
    rank = people[np.argsort(-in_degree[people], kind="stable")]
    n_celebrities = max(2, round(0.01 * people.size))
    celebrities = rank[:n_celebrities]
    role[celebrities] = ROLES.index("celebrity")
    free = np.ones(n, dtype=bool)
    free[:first_person] = False
    free[celebrities] = False
    deg_q = np.quantile(in_degree[people], [0.25, 0.6, 0.75, 0.99])
    main_topic = pop.interest.argmax(axis=1)
    pick = Picker(rng, free)

    n_niche = n_influencers // 3
    # influencers: upper audience band; niche ones: a small audience (but some)
    band_hi = (in_degree >= max(deg_q[2], 10)) & (in_degree <= deg_q[3])
    band_lo = (in_degree >= max(deg_q[0], 6)) & (in_degree <= max(deg_q[1], 8))
    # a share of the influencers on the brand's topic, so that campaigns have candidates
    on_brand_topic = max(1, n_influencers // n_topics)
    infl = np.concatenate(
        [
            pick(on_brand_topic, band_hi & (main_topic == 0)),
            pick(n_influencers - n_niche - on_brand_topic, band_hi),
        ]
    )
    niche_ids = pick(n_niche, band_lo)
    infl = rng.permutation(np.concatenate([infl, niche_ids]))
    niche = np.zeros(n, dtype=bool)
    niche[niche_ids] = True
    role[infl] = ROLES.index("influencer")
    ebike_w = pop.interest[:, 0] ** 2 + 1e-12
    advocates = pick(n_advocates, np.ones(n, dtype=bool), ebike_w)
    detractors = pick(n_detractors, np.ones(n, dtype=bool), ebike_w)
    role[advocates] = ROLES.index("advocate")
    role[detractors] = ROLES.index("detractor")

    n_brands = pop.n_brands
    base = np.minimum(lognormal_mean(rng, base_influence, 0.7, n), 5 * base_influence)
    base[n_brands:first_person] = 0.004
    base[celebrities] = 0.003
    base[0] = 0.15
    base[1:n_brands] = 0.08
    base[infl] = 0.6 * base_influence
    return Roles(
        celebrities=celebrities, infl=infl, niche=niche, advocates=advocates,
        detractors=detractors, base=base, main_topic=main_topic, pick=pick,
    )  # fmt: skip


@dataclass
class Episodes:
    """Planted influence episodes in CSR order by account (see :mod:`._kernels`).

    ``kind`` holds the kernel's ``EPISODE_*`` codes; ``peak`` and ``width`` are in days (NaN
    when steady). ``burst_account`` and ``burst_day`` list the burst days (an account may
    burst twice); ``planted_topic`` is each account's episode topic, or -1.
    """

    account: np.ndarray
    kind: np.ndarray
    peak: np.ndarray
    width: np.ndarray
    strength: np.ndarray
    topic: np.ndarray
    indptr: np.ndarray
    burst_account: np.ndarray
    burst_day: np.ndarray
    planted_topic: np.ndarray

    def kernel_args(self) -> tuple[np.ndarray, ...]:
        """``ep_indptr, ep_topic, ep_kind, ep_peak, ep_width, ep_strength`` of the kernels."""
        return self.indptr, self.topic, self.kind, self.peak, self.width, self.strength


def plant_episodes(
    rng: np.random.Generator,
    pop: Population,
    roles: Roles,
    *,
    n_rising: int,
    n_bursts: int,
    n_steady: int,
    n_days: int,
) -> Episodes:
    """Influence episodes of the planted influencers, each on its main topic.

    Rising-and-fading episodes are Gaussian bumps, bursts one-day boxes (a second one, at least
    4 days apart, for some), steady ones constants; niche influencers get stronger episodes.
    The influencers then focus on their topic and post regularly (``pop.interest`` and
    ``pop.activity`` are updated).
    """
    n, infl, main_topic = pop.n, roles.infl, roles.main_topic
    rising = infl[:n_rising]
    bursting = infl[n_rising : n_rising + n_bursts]
    steady = infl[n_rising + n_bursts :]
    acc: list[np.ndarray] = [rising]
    kind: list[np.ndarray] = [np.full(n_rising, K.EPISODE_RISING_FADING)]
    peak: list[np.ndarray] = []
    width: list[np.ndarray] = []
    strength: list[np.ndarray] = []
    peak.append(rng.uniform(0.15, 0.85, n_rising) * n_days)
    width.append(rng.uniform(0.05, 0.1, n_rising) * n_days)
    strength.append(rng.uniform(0.8, 1.4, n_rising))
    # one burst day each, and a second one, at least 4 days apart, for some
    first_day = rng.integers(1, n_days - 1, n_bursts)
    twice = (rng.random(n_bursts) < 0.3) & (n_days >= 14)
    second_day = rng.integers(1, max(2, n_days - 8), n_bursts)
    second_day = np.where(second_day >= first_day - 3, second_day + 7, second_day)
    burst_acc = np.concatenate([bursting, bursting[twice]])
    burst_day = np.concatenate([first_day, second_day[twice]])
    acc.append(burst_acc)
    kind.append(np.full(burst_acc.size, K.EPISODE_BURST))
    peak.append(burst_day + 0.5)
    width.append(np.full(burst_acc.size, 0.5))
    strength.append(rng.uniform(1.2, 2.0, burst_acc.size))
    acc.append(steady)
    kind.append(np.full(n_steady, K.EPISODE_STEADY))
    peak.append(np.full(n_steady, np.nan))
    width.append(np.full(n_steady, np.nan))
    strength.append(rng.uniform(0.35, 0.6, n_steady))
    ep_account = np.concatenate(acc)
    ep_order = np.argsort(ep_account, kind="stable")
    ep_account = ep_account[ep_order]
    ep_strength = np.concatenate(strength)[ep_order]
    ep_strength[roles.niche[ep_account]] *= 1.5  # small audience, eager to relay
    ep_topic = main_topic[ep_account].astype(np.int32)
    ep_indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(ep_account, minlength=n), out=ep_indptr[1:])
    # influencers focus on their topic and post regularly
    planted_topic = np.full(n, -1)
    planted_topic[ep_account] = ep_topic
    focus = pop.interest[infl] * 0.4
    focus[np.arange(infl.size), main_topic[infl]] += 0.6
    pop.interest[infl] = focus
    pop.activity[infl] = np.maximum(pop.activity[infl], rng.uniform(0.8, 1.6, infl.size))
    return Episodes(
        account=ep_account,
        kind=np.concatenate(kind).astype(np.int8)[ep_order],
        peak=np.concatenate(peak)[ep_order],
        width=np.concatenate(width)[ep_order],
        strength=ep_strength,
        topic=ep_topic,
        indptr=ep_indptr,
        burst_account=burst_acc,
        burst_day=burst_day,
        planted_topic=planted_topic,
    )
