"""Campaign outcomes: what changed for contacted influencers, against comparable ones.

For every contacted (account, brand) pair, dated by its first action ``t0``,
:func:`campaign_outcomes` measures before (``[t0 - before, t0)``) and after
(``[t0, t0 + after)``):

* **perception**: distinct posts mentioning the brand and their mean sentiment;
* **reach**: distinct accounts that relayed, quoted or replied to the account's posts
  mentioning the brand (reactions that are posts; likes carry no post and are not counted);
* **funnel stage** at ``t0`` and at ``t0 + after`` (:func:`~einfluence.advocacy.advocacy_funnel`,
  stage = highest stage reached by then; a later lapse is ignored);
* **comparable uncontacted influencers**: the ``n_neighbors`` nearest accounts never contacted
  for that brand, on the standardised ``log1p`` of (mentions of the brand before, reactions
  received before, followers), measured on the same window before the same ``t0``
  (nearest-neighbour matching with replacement [1]_). The difference-in-differences estimate
  [2]_ is the mean over contacted pairs of (after - before) minus the mean over their matched
  controls of (after - before), with a percentile bootstrap interval resampling contacted
  pairs together with their controls;
* **influence network**: the relay network grown from the account's posts mentioning the
  brand after ``t0`` (:func:`relay_network`: relays and quotes, hop by hop, forward in time,
  within ``after``): its size (distinct accounts), depth (longest chain) and the accounts it
  drew in that had never touched the brand before ``t0`` (no mention, interaction with a brand
  account or relay of a brand post).

References
----------
.. [1] E. A. Stuart, "Matching methods for causal inference: a review and a look forward",
   Statistical Science 25(1), 2010, pp. 1-21. https://doi.org/10.1214/09-STS313
.. [2] O. Ashenfelter and D. Card, "Using the longitudinal structure of earnings to estimate
   the effect of training programs", Review of Economics and Statistics 67(4), 1985,
   pp. 648-660. https://doi.org/10.2307/1924810
.. [3] B. Efron and R. J. Tibshirani, "An Introduction to the Bootstrap", Chapman & Hall,
   1993. https://doi.org/10.1201/9780429246593
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

import numpy as np

from einfluence.advocacy.funnel import (
    _AMPLIFIER,
    _AWARE,
    _DETRACTOR,
    _ENGAGED,
    Funnel,
    advocacy_funnel,
)
from einfluence.advocacy.inputs import Actions, as_actions, brand_account_map, interaction_columns
from einfluence.base.kinds import INTERACTION_KINDS, POST_KINDS
from einfluence.base.random import check_random_state
from einfluence.base.timeunits import DAY
from einfluence.base.unique import unique_ints
from einfluence.base.validation import as_float, as_int, check_scalar
from einfluence.exceptions import ParameterError
from einfluence.perception.mentions import distinct_mentions

__all__ = ["CampaignOutcomes", "campaign_outcomes", "relay_network"]

_RELAY_KINDS = (POST_KINDS.index("relay"), POST_KINDS.index("quote"))
_REACT_KINDS = (POST_KINDS.index("relay"), POST_KINDS.index("quote"), POST_KINDS.index("reply"))
_FOLLOW = INTERACTION_KINDS.index("follow")
OUTCOMES = ("mentions", "sentiment", "reach")


def relay_network(
    seed_post: np.ndarray,
    post_parent: np.ndarray,
    post_kind: np.ndarray,
    post_time: np.ndarray,
    *,
    seed_label: np.ndarray | None = None,
    until: np.ndarray | int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Posts reached from seed posts by relay and quote hops, forward in time.

    Parameters
    ----------
    seed_post : numpy.ndarray of int
        Indices of the seed posts.
    post_parent : numpy.ndarray of int, shape (n_posts,)
        Index of the post each post relays, quotes or answers (-1 for none).
    post_kind : numpy.ndarray of int, shape (n_posts,)
        Codes into :data:`~einfluence.io.records.POST_KINDS`; only relays and quotes are hops.
    post_time : numpy.ndarray of int, shape (n_posts,)
        Times (µs); a hop must not go back in time.
    seed_label : numpy.ndarray of int, optional
        A label per seed (default: its position); reached posts inherit it.
    until : int or numpy.ndarray of int, optional
        Posts at or after this time (per label when an array indexed by label) are not reached.

    Returns
    -------
    label, depth : numpy.ndarray of int64, shape (n_posts,)
        Label of the seed each post descends from (-1 if none) and its hop count (0 for the
        seeds, -1 if not reached).

    Examples
    --------
    >>> label, depth = relay_network([0], post_parent=[-1, 0, 1, 0, -1],
    ...     post_kind=[0, 1, 1, 2, 1], post_time=[0, 1, 2, 3, 4])
    >>> label.tolist(), depth.tolist()  # post 3 is a reply, not a hop
    ([0, 0, 0, -1, -1], [0, 1, 2, -1, -1])

    Notes
    -----
    One vectorised pass per hop: O(p · d) for p posts and a longest chain of d hops.
    """
    parent = as_int(post_parent, "post_parent")
    n = parent.size
    kind = as_int(post_kind, "post_kind")
    time = as_int(post_time, "post_time")
    if kind.shape != (n,) or time.shape != (n,):
        raise ParameterError("post_parent, post_kind and post_time must have the same length")
    seeds = as_int(seed_post, "seed_post")
    lab = np.arange(seeds.size, dtype=np.int64) if seed_label is None else as_int(seed_label, "seed_label")
    if lab.shape != seeds.shape:
        raise ParameterError("seed_label must have the shape of seed_post")
    label = np.full(n, -1, dtype=np.int64)
    depth = np.full(n, -1, dtype=np.int64)
    label[seeds], depth[seeds] = lab, 0
    hop = np.isin(kind, _RELAY_KINDS) & (parent >= 0)
    cand = np.flatnonzero(hop)
    par = parent[cand]
    d = 0
    while cand.size:
        reach = (label[par] >= 0) & (depth[par] == d) & (label[cand] < 0) & (time[cand] >= time[par])
        if until is not None:
            lim = np.asarray(until, dtype=np.int64)
            lim = lim[label[par]] if lim.ndim else lim
            reach &= time[cand] < lim
        if not reach.any():
            break
        d += 1
        label[cand[reach]] = label[par[reach]]
        depth[cand[reach]] = d
        cand, par = cand[~reach], par[~reach]
    return label, depth


@dataclass(frozen=True)
class CampaignOutcomes:
    """Outcomes of contacted (account, brand) pairs; see :func:`campaign_outcomes`.

    Attributes
    ----------
    account, brand, time, campaign, n_actions : numpy.ndarray of int64, shape (n_contacted,)
        The pair, its first action time ``t0``, that action's campaign, number of actions.
    mentions_before, mentions_after : numpy.ndarray of int64
    sentiment_before, sentiment_after : numpy.ndarray of float64
        Mean sentiment of the mentions (NaN without mention).
    reach_before, reach_after : numpy.ndarray of int64
        Distinct accounts reacting (relay, quote, reply) to the pair's brand posts.
    stage_before, stage_after : numpy.ndarray of int8
        Funnel stage (code into :data:`~einfluence.advocacy.STAGES`) at ``t0`` and ``t0 + after``.
    controls : numpy.ndarray of int64, shape (n_contacted, n_neighbors)
        Matched uncontacted accounts (-1 padded when too few candidates).
    control_mentions_before, control_mentions_after, control_sentiment_before,
    control_sentiment_after, control_reach_before, control_reach_after : numpy.ndarray of float64
        Means over the matched controls (NaN-aware for sentiment).
    control_rose : numpy.ndarray of float64
        Share of the controls whose funnel stage rose between ``t0`` and ``t0 + after``.
    did : dict of str to tuple of float
        ``"mentions"``, ``"sentiment"``, ``"reach"``: (estimate, ci_low, ci_high) of the
        difference in differences (95 % percentile bootstrap).
    network_size, network_depth, network_new : numpy.ndarray of int64
        The relay network grown after ``t0`` from the pair's brand posts: distinct accounts,
        longest chain, accounts that had never touched the brand before ``t0``.
    """

    account: np.ndarray
    brand: np.ndarray
    time: np.ndarray
    campaign: np.ndarray
    n_actions: np.ndarray
    mentions_before: np.ndarray
    mentions_after: np.ndarray
    sentiment_before: np.ndarray
    sentiment_after: np.ndarray
    reach_before: np.ndarray
    reach_after: np.ndarray
    stage_before: np.ndarray
    stage_after: np.ndarray
    controls: np.ndarray
    control_mentions_before: np.ndarray
    control_mentions_after: np.ndarray
    control_sentiment_before: np.ndarray
    control_sentiment_after: np.ndarray
    control_reach_before: np.ndarray
    control_reach_after: np.ndarray
    control_rose: np.ndarray
    did: dict[str, tuple[float, float, float]]
    network_size: np.ndarray
    network_depth: np.ndarray
    network_new: np.ndarray

    def __len__(self) -> int:
        return int(self.account.size)

    def to_dict(self) -> dict[str, Any]:
        """Every attribute as plain Python values."""
        return {f.name: (dict(self.did) if f.name == "did" else getattr(self, f.name).tolist()) for f in fields(self)}

    def to_rows(self) -> list[dict[str, Any]]:
        """One dict per contacted pair (without ``did``)."""
        d = self.to_dict()
        d.pop("did")
        return [dict(zip(d, values, strict=True)) for values in zip(*d.values(), strict=True)]


def _window_stats(acc, brand, t0, lo_off, hi_off, m_acc, m_brand, m_time, m_sent, nb):
    """Mentions and sentiment of (acc, brand) in [t0 + lo_off, t0 + hi_off), vectorised over queries."""
    order = np.lexsort((m_time, m_acc * nb + m_brand))
    k, tt = (m_acc * nb + m_brand)[order], m_time[order]
    cs = np.concatenate([[0.0], np.cumsum(m_sent[order])])
    q = acc * nb + brand
    # rows with key q and time in [lo, hi): two searches on the (key, time) order
    lo_i = _search(k, tt, q, t0 + lo_off)
    hi_i = _search(k, tt, q, t0 + hi_off)
    n = hi_i - lo_i
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = (cs[hi_i] - cs[lo_i]) / n
    return n.astype(np.int64), np.where(n > 0, mean, np.nan)


def _search(k: np.ndarray, t: np.ndarray, qk: np.ndarray, qt: np.ndarray) -> np.ndarray:
    """Index of the first row with (key, time) >= (qk, qt) in rows sorted by (key, time).

    One lexsort of rows and queries together (a query sorts before rows equal to it).
    """
    keys = np.concatenate([qk, k])
    times = np.concatenate([qt, t])
    is_row = np.concatenate([np.zeros(qk.size, np.int8), np.ones(k.size, np.int8)])
    order = np.lexsort((is_row, times, keys))
    rows_before = np.cumsum(is_row[order]) - is_row[order]
    out = np.empty(qk.size, dtype=np.int64)
    q_at = order < qk.size
    out[order[q_at]] = rows_before[q_at]
    return out


def campaign_outcomes(
    actions: Actions | Mapping[str, Any],
    mention_post: np.ndarray,
    mention_brand: np.ndarray,
    post_author: np.ndarray,
    post_time: np.ndarray,
    post_kind: np.ndarray,
    post_parent: np.ndarray,
    post_root: np.ndarray,
    sentiment: np.ndarray,
    *,
    brand_accounts: Sequence[Sequence[int]],
    n_accounts: int,
    interactions: object = None,
    followers: np.ndarray | None = None,
    before: int = 14 * DAY,
    after: int = 14 * DAY,
    n_neighbors: int = 3,
    n_boot: int = 1000,
    random_state: int | np.random.Generator | None = None,
    **funnel_params: Any,
) -> CampaignOutcomes:
    """Perception, reach, funnel and network outcomes of campaign actions, with matched controls.

    Parameters
    ----------
    actions : Actions or mapping of columns
        Campaign actions (account, brand, time[, kind, campaign]).
    mention_post, mention_brand : numpy.ndarray of int
        Brand mentions (post index, brand index).
    post_author, post_time, post_kind : numpy.ndarray, shape (n_posts,)
        Author (account id), time (µs) and kind code (:data:`~einfluence.io.records.POST_KINDS`).
    post_parent, post_root : numpy.ndarray of int, shape (n_posts,)
        Index of the parent and of the root post of relays, quotes and replies (-1 for none).
    sentiment : numpy.ndarray of float, shape (n_posts,)
    brand_accounts : sequence of sequences of int
        Account ids of each brand.
    n_accounts : int
    interactions : GraphView or object with ``src``, ``dst``, ``kind``, ``time``, optional
        For the funnel (engagement, exposure), reactions received and, without
        ``followers``, the follow in-degree.
    followers : numpy.ndarray, shape (n_accounts,), optional
        Declared followers per account (matching feature).
    before, after : int, default 14 days
        Lengths (µs) of the windows before and after the first action.
    n_neighbors : int, default 3
        Matched controls per contacted pair.
    n_boot : int, default 1000
        Bootstrap resamples for the difference-in-differences interval.
    random_state : None, int or numpy.random.Generator
        Seeds the bootstrap.
    **funnel_params
        Passed to :func:`~einfluence.advocacy.advocacy_funnel` (``min_mentions``,
        ``threshold``, ``prompt_window``...).

    Returns
    -------
    CampaignOutcomes

    Raises
    ------
    ParameterError
        On inconsistent arrays or parameters out of range.

    Examples
    --------
    Account 1 is contacted at day 10 and mentions the brand twice afterwards; accounts 2 and 3
    are not contacted and stay silent.

    >>> from einfluence.base.timeunits import DAY
    >>> d = DAY
    >>> out = campaign_outcomes(
    ...     Actions(account=[1], brand=[0], time=[10 * d]),
    ...     mention_post=[0, 1, 2], mention_brand=[0, 0, 0], post_author=[1, 1, 1],
    ...     post_time=[5 * d, 12 * d, 13 * d], post_kind=[0, 0, 0], post_parent=[-1] * 3,
    ...     post_root=[-1] * 3, sentiment=[0.1, 0.5, 0.7], brand_accounts=[[0]], n_accounts=4,
    ...     n_neighbors=2, n_boot=50, random_state=0)
    >>> out.mentions_before.tolist(), out.mentions_after.tolist(), out.controls.tolist()
    ([1], [2], [[2, 3]])
    >>> out.did["mentions"][0]
    1.0

    Notes
    -----
    Matching recomputes the features of every candidate for each distinct ``t0``:
    O(T (n + m + e)) for T distinct first-action times, n accounts, m mentions and e
    interactions; the rest is O((m + p + e) log(m + p + e)). Matching only balances the
    observed pre-period activity: contacted influencers were usually chosen for reasons the
    features do not capture, so read the estimate as descriptive.
    """
    act = as_actions(actions)
    brand_acc = [np.atleast_1d(np.asarray(ids, dtype=np.int64)) for ids in brand_accounts]
    nb = len(brand_acc)
    check_scalar(n_accounts, "n_accounts", numbers.Integral, min_val=1)
    for name, value in (("before", before), ("after", after)):
        check_scalar(value, name, numbers.Integral, min_val=1)
    check_scalar(n_neighbors, "n_neighbors", numbers.Integral, min_val=1)
    check_scalar(n_boot, "n_boot", numbers.Integral, min_val=1)
    rng = check_random_state(random_state)
    posts = _checked_posts(post_author, post_time, post_kind, post_parent, post_root, sentiment)
    author, ptime, pkind = posts.author, posts.time, posts.kind
    owner = brand_account_map(brand_acc, int(n_accounts))
    _check_action_range(act, nb, n_accounts)
    src, dst, ikind, itime = interaction_columns(interactions)

    pairs, t0, campaign, n_act = _contacted_pairs(act, nb)
    acc, brand = pairs // nb, pairs % nb

    m = _known_mentions(distinct_mentions(mention_post, mention_brand, author.size, nb), posts, nb)
    reach = _Reach(posts, m, nb, int(n_accounts))
    funnel = advocacy_funnel(
        mention_post=m.post, mention_brand=m.brand, post_author=author, post_time=ptime, post_kind=pkind,
        post_root_author=posts.root_author, sentiment=posts.sentiment, brand_accounts=brand_acc,
        n_accounts=n_accounts, actions=act, **funnel_params,
        interactions=None if interactions is None else {"src": src, "dst": dst, "kind": ikind, "time": itime},
    )  # fmt: skip
    stages = _Stages(funnel, nb)
    mb, sb = m.stats(acc, brand, t0, -before, 0)
    ma, sa = m.stats(acc, brand, t0, 0, after)
    treat = {
        "mentions": (mb, ma),
        "sentiment": (sb, sa),
        "reach": (reach(acc, brand, t0 - before, t0), reach(acc, brand, t0, t0 + after)),
    }

    # ---- matched controls, measured like the contacted pairs
    fol = _followers(followers, dst, ikind, n_accounts)
    contacted = np.zeros((n_accounts, nb), dtype=bool)
    contacted[act.account, act.brand] = True
    controls = _match_controls(
        acc, brand, t0, m, ~contacted & (owner < 0)[:, None], fol, (dst, ikind, itime),
        n_neighbors=int(n_neighbors), before=before, n_posts=author.size,
    )  # fmt: skip
    ctrl, control_rose = _control_outcomes(controls, brand, t0, m, reach, stages, before, after)
    n_t = pairs.size
    did = _did(treat, ctrl, rng.integers(0, max(n_t, 1), size=(int(n_boot), max(n_t, 1))), n_t)
    net_size, net_depth, net_new = _grown_networks(m, posts, pairs, t0, acc, brand, owner, stages, after, nb,
                                                   int(n_accounts))  # fmt: skip
    return CampaignOutcomes(
        account=acc, brand=brand, time=t0, campaign=campaign, n_actions=n_act,
        mentions_before=mb, mentions_after=ma, sentiment_before=sb, sentiment_after=sa,
        reach_before=treat["reach"][0], reach_after=treat["reach"][1], stage_before=stages.at(acc, brand, t0),
        stage_after=stages.at(acc, brand, t0 + after), controls=controls,
        control_mentions_before=ctrl["mentions"][0], control_mentions_after=ctrl["mentions"][1],
        control_sentiment_before=ctrl["sentiment"][0], control_sentiment_after=ctrl["sentiment"][1],
        control_reach_before=ctrl["reach"][0], control_reach_after=ctrl["reach"][1],
        control_rose=control_rose, did=did, network_size=net_size, network_depth=net_depth,
        network_new=net_new,
    )  # fmt: skip


# ------------------------------------------------------------------------------ stages


@dataclass(frozen=True)
class _Posts:
    """The validated post arrays of :func:`campaign_outcomes`."""

    author: np.ndarray
    time: np.ndarray
    kind: np.ndarray
    parent: np.ndarray
    root: np.ndarray
    sentiment: np.ndarray

    @property
    def root_author(self) -> np.ndarray:
        """Author of each post's root (-1 for none)."""
        return np.where(self.root >= 0, self.author[np.maximum(self.root, 0)], -1)


def _checked_posts(post_author, post_time, post_kind, post_parent, post_root, sentiment) -> _Posts:
    """Validate the post arrays (same length; parents and roots index the posts)."""
    author = as_int(post_author, "post_author")
    n_posts = author.size
    cols = {}
    for name, values in (("post_time", post_time), ("post_kind", post_kind), ("post_parent", post_parent),
                         ("post_root", post_root)):  # fmt: skip
        arr = as_int(values, name)
        if arr.shape != (n_posts,):
            raise ParameterError(f"{name} must have shape ({n_posts},), got {arr.shape}")
        cols[name] = arr
    parent, root = cols["post_parent"], cols["post_root"]
    if ((parent >= n_posts) | (root >= n_posts)).any():
        raise ParameterError("post_parent and post_root must index the posts")
    sent = as_float(sentiment, "sentiment", n_posts)
    return _Posts(author, cols["post_time"], cols["post_kind"], parent, root, sent)


@dataclass(frozen=True)
class _Mentions:
    """Distinct (post, brand) mentions with a known author: post, brand, account, time, sentiment."""

    post: np.ndarray
    brand: np.ndarray
    acc: np.ndarray
    time: np.ndarray
    sent: np.ndarray
    n_brands: int

    def stats(self, acc, brand, t0, lo_off, hi_off) -> tuple[np.ndarray, np.ndarray]:
        """Mentions and mean sentiment of each (acc, brand) in ``[t0 + lo_off, t0 + hi_off)``."""
        return _window_stats(acc, brand, t0, lo_off, hi_off, self.acc, self.brand, self.time, self.sent,
                             self.n_brands)  # fmt: skip


def _known_mentions(mentions: tuple[np.ndarray, np.ndarray], posts: _Posts, nb: int) -> _Mentions:
    """The mentions whose post has a known author."""
    m_post, m_brand = mentions
    m_acc, m_time, m_sent = posts.author[m_post], posts.time[m_post], posts.sentiment[m_post]
    ok = m_acc >= 0
    return _Mentions(m_post[ok], m_brand[ok], m_acc[ok], m_time[ok], m_sent[ok], nb)


class _Reach:
    """Distinct accounts that reacted (relay, quote, reply) to an account's posts mentioning a brand.

    The reactions are the reaction posts whose root is a post of the account mentioning the
    brand, by someone else; :meth:`__call__` counts their distinct authors in a window.
    """

    def __init__(self, posts: _Posts, m: _Mentions, nb: int, n_accounts: int) -> None:
        author, root = posts.author, posts.root
        r_post = np.flatnonzero(np.isin(posts.kind, _REACT_KINDS) & (root >= 0) & (author >= 0))
        r_root = root[r_post]
        # (root post, brand) pairs that are mentions
        mb_key = unique_ints(m.post * nb + m.brand)
        r_items_post, r_items_brand = [], []
        for b in range(nb):
            hit = np.isin(r_root * nb + b, mb_key)
            r_items_post.append(r_post[hit])
            r_items_brand.append(np.full(int(hit.sum()), b, np.int64))
        rp = np.concatenate(r_items_post)
        rb = np.concatenate(r_items_brand)
        r_owner = author[root[rp]]
        keep = author[rp] != r_owner
        self.rp, self.rb, self.r_owner = rp[keep], rb[keep], r_owner[keep]
        self.posts, self.nb, self.n_accounts = posts, nb, n_accounts

    def __call__(self, acc_q, brand_q, lo, hi) -> np.ndarray:
        """Distinct reactors of each (acc_q, brand_q) pair in ``[lo, hi)``."""
        nb, n_accounts, rp, author = self.nb, self.n_accounts, self.rp, self.posts.author
        qk = acc_q * nb + brand_q
        qi = np.repeat(np.arange(qk.size), 1)
        # rows (query, reactor) for reactions of the query pair inside its window
        rk = self.r_owner * nb + self.rb
        ordr = np.argsort(rk, kind="stable")
        rk_s = rk[ordr]
        lo_i, hi_i = np.searchsorted(rk_s, qk, "left"), np.searchsorted(rk_s, qk, "right")
        lens = hi_i - lo_i
        rows = np.repeat(qi, lens)
        idx = ordr[np.repeat(lo_i - np.cumsum(np.concatenate([[0], lens[:-1]])), lens) + np.arange(lens.sum())]
        t = self.posts.time[rp[idx]]
        inside = (t >= lo[rows]) & (t < hi[rows])
        pairs_u = unique_ints(rows[inside] * np.int64(n_accounts) + author[rp[idx[inside]]])
        return np.bincount(pairs_u // n_accounts, minlength=qk.size).astype(np.int64)


class _Stages:
    """Funnel stages of (account, brand) pairs at given times, from one :class:`Funnel`."""

    def __init__(self, funnel: Funnel, nb: int) -> None:
        self.funnel, self.nb = funnel, nb
        self.key = funnel.account * nb + funnel.brand

    def _rows(self, acc_q, brand_q) -> tuple[np.ndarray, np.ndarray]:
        qk = acc_q * self.nb + brand_q
        f_key = self.key
        pos = np.searchsorted(f_key, qk)
        found = pos < f_key.size
        found[found] = f_key[pos[found]] == qk[found]
        return found, np.where(found, pos, 0)

    def at(self, acc_q, brand_q, when) -> np.ndarray:
        """Highest stage reached before ``when`` (detractor wins), 0 (unaware) for unknown pairs."""
        found, p = self._rows(acc_q, brand_q)
        by = self.funnel.reached[p] & (self.funnel.stage_time[p] < when[:, None])
        by &= found[:, None]
        codes = np.arange(6)
        best = np.where(by[:, :5], codes[:5], 0).max(axis=1)
        return np.where(by[:, _DETRACTOR], _DETRACTOR, best).astype(np.int8)

    def first_touch(self, acc_q, brand_q) -> np.ndarray:
        """First time each pair was aware, engaged or amplifier (int64 max when never)."""
        found, p = self._rows(acc_q, brand_q)
        st = self.funnel.stage_time[p][:, [_AWARE, _ENGAGED, _AMPLIFIER]]
        rc = self.funnel.reached[p][:, [_AWARE, _ENGAGED, _AMPLIFIER]]
        t = np.where(rc, st, np.iinfo(np.int64).max).min(axis=1)
        return np.where(found, t, np.iinfo(np.int64).max)


def _match_controls(
    acc, brand, t0, m: _Mentions, eligible, fol, interactions, *, n_neighbors, before, n_posts
) -> np.ndarray:
    """The ``n_neighbors`` nearest eligible accounts of each contacted pair (-1 when missing).

    Features, measured on ``[t0 - before, t0)``: the brand's mentions, reactions received and
    followers, as standardised ``log1p``; ``eligible[a, b]``: account ``a`` may control for
    brand ``b`` (never contacted for it, not a brand account).
    """
    dst, ikind, itime = interactions
    n_accounts = eligible.shape[0]
    react = ikind != _FOLLOW
    controls = np.full((acc.size, n_neighbors), -1, dtype=np.int64)
    for b, t in sorted({(int(b), int(t)) for b, t in zip(brand.tolist(), t0.tolist(), strict=True)}):
        lo = t - before
        in_m = (m.brand == b) & (m.time >= lo) & (m.time < t)
        f_m = np.bincount(unique_ints(m.acc[in_m] * n_posts + m.post[in_m]) // n_posts, minlength=n_accounts)
        in_i = react & (itime >= lo) & (itime < t)
        f_r = np.bincount(dst[in_i], minlength=n_accounts)
        feats = np.log1p(np.column_stack([f_m, f_r, fol]).astype(np.float64))
        cand = np.flatnonzero(eligible[:, b])
        rows = np.flatnonzero((brand == b) & (t0 == t))
        if cand.size == 0:
            continue
        scale = feats[cand].std(axis=0)
        scale[scale == 0] = 1.0
        z_c = feats[cand] / scale
        z_t = feats[acc[rows]] / scale
        dist = ((z_t[:, None, :] - z_c[None, :, :]) ** 2).sum(axis=2)
        k = min(n_neighbors, cand.size)
        nearest = np.argsort(dist + 1e-9 * cand[None, :], axis=1, kind="stable")[:, :k]
        controls[rows, :k] = cand[nearest]
    return controls


def _did(
    treat: dict[str, tuple[np.ndarray, np.ndarray]],
    ctrl: dict[str, tuple[np.ndarray, np.ndarray]],
    boot_idx: np.ndarray,
    n_t: int,
) -> dict[str, tuple[float, float, float]]:
    """Difference in differences per outcome, with its percentile bootstrap interval [3]_.

    ``boot_idx`` holds the resampled contacted pairs, one row per bootstrap resample.
    """
    did = {}
    for name in OUTCOMES:
        diff = (treat[name][1] - treat[name][0]) - (ctrl[name][1] - ctrl[name][0])
        diff = diff.astype(np.float64)
        use = np.isfinite(diff)
        if not use.any():
            did[name] = (float("nan"), float("nan"), float("nan"))
            continue
        est = float(diff[use].mean())
        d_all = np.where(use, diff, 0.0)
        num = d_all[boot_idx].sum(axis=1) if n_t else np.zeros(1)
        den = use[boot_idx].sum(axis=1) if n_t else np.ones(1)
        with np.errstate(invalid="ignore", divide="ignore"):
            boots = num / den
        boots = boots[np.isfinite(boots)]
        lo_ci, hi_ci = np.percentile(boots, [2.5, 97.5]) if boots.size else (np.nan, np.nan)
        did[name] = (est, float(lo_ci), float(hi_ci))
    return did


def _grown_networks(
    m: _Mentions, posts: _Posts, pairs, t0, acc, brand, owner, stages: _Stages, after, nb, n_accounts
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Size, depth and accounts new to the brand of the relay network grown after ``t0``.

    The network grows from the pair's own posts mentioning the brand in ``[t0, t0 + after)``.
    """
    n_t = pairs.size
    author, pkind = posts.author, posts.kind
    sk = m.acc * nb + m.brand
    pos = np.searchsorted(pairs, sk)
    hit = pos < n_t
    hit[hit] = pairs[pos[hit]] == sk[hit]
    tq = np.where(hit, t0[np.minimum(pos, max(n_t - 1, 0))], 0) if n_t else np.zeros(sk.size, np.int64)
    seed = hit & (m.time >= tq) & (m.time < tq + after) & (pkind[m.post] != POST_KINDS.index("relay"))
    seeds_post, seeds_lab = m.post[seed], pos[seed]
    first_seed = np.unique(seeds_post, return_index=True)[1]
    label, depth = relay_network(seeds_post[first_seed], posts.parent, pkind, posts.time,
                                 seed_label=seeds_lab[first_seed], until=t0 + after)  # fmt: skip
    reached_posts = np.flatnonzero((label >= 0) & (depth > 0))
    lab_r, au_r = label[reached_posts], author[reached_posts]
    keep = (au_r >= 0) & (au_r != acc[lab_r])
    pa = unique_ints(lab_r[keep] * np.int64(n_accounts) + au_r[keep])
    p_lab, p_acc = pa // n_accounts, pa % n_accounts
    net_size = np.bincount(p_lab, minlength=n_t).astype(np.int64)
    net_depth = np.zeros(n_t, np.int64)
    np.maximum.at(net_depth, lab_r, depth[reached_posts])
    touch = stages.first_touch(p_acc, brand[p_lab]) if p_acc.size else np.zeros(0, np.int64)
    is_new = (touch >= t0[p_lab]) & (owner[p_acc] < 0) if p_acc.size else np.zeros(0, bool)
    net_new = np.bincount(p_lab[is_new], minlength=n_t).astype(np.int64)
    return net_size, net_depth, net_new


def _contacted_pairs(act: Actions, nb: int) -> tuple[np.ndarray, ...]:
    """Contacted (account, brand) pairs as sorted keys, dated by their first action.

    Returns the keys, the first actions' times and campaigns, and the actions per pair.
    """
    a_key = act.account * nb + act.brand
    order = np.lexsort((act.time, a_key))
    k_sorted = a_key[order]
    first = np.flatnonzero(np.concatenate([[True], k_sorted[1:] != k_sorted[:-1]])) if k_sorted.size else order
    n_act = np.diff(np.concatenate([first, [k_sorted.size]])).astype(np.int64)
    return k_sorted[first], act.time[order][first], act.campaign[order][first], n_act


def _control_outcomes(
    controls: np.ndarray, brand, t0, m: _Mentions, reach: _Reach, stages: _Stages, before, after
) -> tuple[dict[str, tuple[np.ndarray, np.ndarray]], np.ndarray]:
    """Per contacted pair, the mean outcomes of its controls before and after, and the share
    of them whose funnel stage rose (controls measured on the pair's own windows)."""
    valid = controls.ravel() >= 0
    c_acc = np.where(valid, controls.ravel(), 0)
    c_brand = np.repeat(brand, controls.shape[1])
    c_t0 = np.repeat(t0, controls.shape[1])

    def per_treated(x: np.ndarray) -> np.ndarray:
        x = np.where(valid, x.astype(np.float64), np.nan).reshape(controls.shape)
        n_ok = np.isfinite(x).sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(n_ok > 0, np.nansum(x, axis=1) / n_ok, np.nan)

    cmb, csb = m.stats(c_acc, c_brand, c_t0, -before, 0)
    cma, csa = m.stats(c_acc, c_brand, c_t0, 0, after)
    crb, cra = reach(c_acc, c_brand, c_t0 - before, c_t0), reach(c_acc, c_brand, c_t0, c_t0 + after)
    c_rose = (stages.at(c_acc, c_brand, c_t0 + after) > stages.at(c_acc, c_brand, c_t0)).astype(np.float64)
    ctrl = {
        "mentions": (per_treated(cmb), per_treated(cma)),
        "sentiment": (per_treated(csb), per_treated(csa)),
        "reach": (per_treated(crb), per_treated(cra)),
    }
    return ctrl, per_treated(c_rose)


def _check_action_range(act: Actions, nb: int, n_accounts: int) -> None:
    """Actions must name accounts in ``[0, n_accounts)`` and brands in ``[0, nb)``."""
    if len(act) and (act.brand.min() < 0 or act.brand.max() >= nb or act.account.min() < 0
                     or act.account.max() >= n_accounts):  # fmt: skip
        raise ParameterError("actions must name accounts in [0, n_accounts) and brands in [0, n_brands)")


def _followers(followers: object, dst: np.ndarray, ikind: np.ndarray, n_accounts: int) -> np.ndarray:
    """Declared followers per account, else the follow in-degree of the interactions."""
    fol = (np.asarray(followers, dtype=np.float64) if followers is not None
           else np.bincount(dst[ikind == _FOLLOW], minlength=n_accounts).astype(np.float64))  # fmt: skip
    if fol.shape != (n_accounts,):
        raise ParameterError(f"followers must have shape ({n_accounts},), got {fol.shape}")
    return fol
