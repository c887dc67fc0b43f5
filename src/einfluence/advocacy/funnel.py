"""The advocacy funnel: unaware → aware → engaged → amplifier → advocate (or detractor).

Each (account, brand) pair climbs stages by documented rules; every stage change is dated by
the first event that satisfies its rule and explained by a reason string with the evidence.

Rules (brand accounts themselves are never in a funnel):

``aware``
    The account has mentioned the brand (a post whose text names it).
``engaged``
    The account interacted with one of the brand's own accounts: a reply, mention, quote, like
    or follow towards it. An untimed follow (follow lists) is dated :data:`NO_TIME`.
``amplifier``
    The account relayed or quoted a post whose root author is one of the brand's accounts.
``advocate``
    Among its *spontaneous original* mentions of the brand so far (posts that are not relays,
    not prompted, see below), at least ``min_mentions`` are positive (sentiment
    ``>= positive_threshold``) and their mean sentiment is ``> threshold``. Dated by the first
    mention at which both hold.
``detractor``
    The mirror: at least ``min_mentions`` negative spontaneous original mentions (sentiment
    ``<= -positive_threshold``) and a mean ``< -threshold``.

A mention at time ``t`` is **prompted** (and not spontaneous) when, within ``prompt_window``
before it (``t - prompt_window <= s <= t``):

* a campaign action (``actions``) towards that account for that brand took place, or
* the account reacted to one of the brand's accounts (a timed relay, reply, quote, like or
  mention towards it: it saw a brand post), or
* with ``exposure="follow"`` only: one of the brand's accounts posted while the account was
  *exposed* to the brand: it had followed or interacted with one of the brand's accounts at
  or before ``t`` (an untimed follow counts as always).

The broad ``"follow"`` exposure marks nearly every mention of a brand's followers as prompted
when the brand posts daily (in the demo world, where the brand posts about once a day, it
finds under half of the planted advocates); the default ``"reaction"`` exposure only
discounts mentions that follow the account's own visible reaction to the brand.

If the advocate (detractor) condition stops holding later (the mean sentiment of later
spontaneous mentions pulls it under the threshold), a ``lapsed`` event records the fall back
to the highest other stage reached. The current stage is ``detractor`` or ``advocate`` when
its condition holds on all the evidence, otherwise the highest of ``amplifier``,
``engaged``, ``aware`` reached.

Advocacy as repeated, positive, unpaid word of mouth follows Reichheld's promoters and
detractors [1]_ and the eWOM literature [2]_; the funnel stages are those of the customer
journey models of Lemon and Verhoef [3]_.

References
----------
.. [1] F. F. Reichheld, "The one number you need to grow", Harvard Business Review 81(12),
   2003, pp. 46-54.
.. [2] T. Hennig-Thurau, K. P. Gwinner, G. Walsh and D. D. Gremler, "Electronic word-of-mouth
   via consumer-opinion platforms", Journal of Interactive Marketing 18(1), 2004, pp. 38-52.
   https://doi.org/10.1002/dir.10073
.. [3] K. N. Lemon and P. C. Verhoef, "Understanding customer experience throughout the
   customer journey", Journal of Marketing 80(6), 2016, pp. 69-96.
   https://doi.org/10.1509/jm.15.0420
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

import numpy as np

from einfluence.advocacy.inputs import Actions, as_actions, brand_account_map, interaction_columns
from einfluence.base.kinds import INTERACTION_KINDS, POST_KINDS
from einfluence.base.timeunits import HOUR, NO_TIME
from einfluence.base.unique import unique_ints
from einfluence.base.validation import as_float, as_int, check_scalar, check_time
from einfluence.exceptions import ParameterError
from einfluence.i18n import MESSAGES, Reason
from einfluence.perception.mentions import distinct_mentions

__all__ = ["STAGES", "Actions", "Funnel", "advocacy_funnel", "brand_account_map"]

#: Funnel stages, in the order of the ``stage`` codes; ``lapsed`` only appears in events.
STAGES: tuple[str, ...] = ("unaware", "aware", "engaged", "amplifier", "advocate", "detractor", "lapsed")
_AWARE, _ENGAGED, _AMPLIFIER, _ADVOCATE, _DETRACTOR, _LAPSED = 1, 2, 3, 4, 5, 6
#: Time of an event whose time is unknown (an untimed follow), as in the store.
#: One hour in microseconds.
_ENGAGE_KINDS = ("reply", "mention", "quote", "like", "follow")
_RELAY, _QUOTE = POST_KINDS.index("relay"), POST_KINDS.index("quote")
_FOLLOW = INTERACTION_KINDS.index("follow")
_EXPOSURES = ("reaction", "follow")


@dataclass(frozen=True)
class Funnel:
    """Advocacy funnel of every (account, brand) pair with some evidence; see :func:`advocacy_funnel`.

    Attributes
    ----------
    account, brand : numpy.ndarray of int64, shape (n_pairs,)
        Sorted by account then brand.
    stage : numpy.ndarray of int8, shape (n_pairs,)
        Current stage, a code into :data:`STAGES`.
    reached : numpy.ndarray of bool, shape (n_pairs, 6)
        Whether each stage of ``STAGES[:6]`` was ever reached.
    stage_time : numpy.ndarray of int64, shape (n_pairs, 6)
        First time each stage was reached (µs); :data:`NO_TIME` when unknown or not reached.
    n_mentions, n_original, n_spontaneous : numpy.ndarray of int64, shape (n_pairs,)
        Mentions, mentions in non-relay posts, spontaneous ones among them.
    spontaneous_mean : numpy.ndarray of float64, shape (n_pairs,)
        Mean sentiment of the spontaneous original mentions (NaN without any).
    event_account, event_brand : numpy.ndarray of int64, shape (n_events,)
    event_stage : numpy.ndarray of int8
        Stage reached (a code into :data:`STAGES`; ``lapsed`` for a fall back).
    event_time : numpy.ndarray of int64
    event_post : numpy.ndarray of int64
        Id of the post or interaction post that qualified (-1 when none).
    event_reason : numpy.ndarray of object
        The rule and its evidence, in words: each a :class:`~einfluence.i18n.Reason`, its English
        with the catalogue key and values that say it in another language.
    counts : numpy.ndarray of int64, shape (n_brands, 6)
        Accounts per current stage per brand (``unaware`` counts every other non-brand
        account).
    reached_counts : numpy.ndarray of int64, shape (n_brands, 6)
        Accounts that ever reached each stage.
    """

    account: np.ndarray
    brand: np.ndarray
    stage: np.ndarray
    reached: np.ndarray
    stage_time: np.ndarray
    n_mentions: np.ndarray
    n_original: np.ndarray
    n_spontaneous: np.ndarray
    spontaneous_mean: np.ndarray
    event_account: np.ndarray
    event_brand: np.ndarray
    event_stage: np.ndarray
    event_time: np.ndarray
    event_post: np.ndarray
    event_reason: np.ndarray
    counts: np.ndarray
    reached_counts: np.ndarray

    def __len__(self) -> int:
        return int(self.account.size)

    def stage_names(self) -> list[str]:
        """Current stage of each pair, as names.

        Examples
        --------
        >>> f = advocacy_funnel([0], [0], [1], [0], [0], [-1], [0.5], brand_accounts=[[0]], n_accounts=2)
        >>> f.stage_names()
        ['aware']
        """
        return [STAGES[s] for s in self.stage.tolist()]

    def members(self, brand: int, stage: str) -> np.ndarray:
        """Accounts currently at ``stage`` for ``brand``, sorted.

        Examples
        --------
        >>> f = advocacy_funnel([0], [0], [1], [0], [0], [-1], [0.5], brand_accounts=[[0]], n_accounts=2)
        >>> f.members(0, "aware").tolist()
        [1]
        """
        if stage not in STAGES[:6]:
            raise ParameterError(f"stage must be one of {STAGES[:6]}, got {stage!r}")
        return self.account[(self.brand == brand) & (self.stage == STAGES.index(stage))]

    def events(self) -> list[dict[str, Any]]:
        """The dated stage events as dicts (account, brand, stage, time, post, reason).

        Examples
        --------
        >>> f = advocacy_funnel([0], [0], [1], [5], [0], [-1], [0.5], brand_accounts=[[0]], n_accounts=2)
        >>> f.events()[0]["stage"], f.events()[0]["time"]
        ('aware', 5)
        """
        return [
            {"account": a, "brand": b, "stage": STAGES[s], "time": t, "post": p, "reason": r}
            for a, b, s, t, p, r in zip(
                self.event_account.tolist(), self.event_brand.tolist(), self.event_stage.tolist(),
                self.event_time.tolist(), self.event_post.tolist(), self.event_reason.tolist(), strict=True,
            )
        ]

    def to_dict(self) -> dict[str, Any]:
        """Every attribute as plain lists (stage names for the stage codes).

        Examples
        --------
        >>> f = advocacy_funnel([0], [0], [1], [5], [0], [-1], [0.5], brand_accounts=[[0]], n_accounts=2)
        >>> f.to_dict()["stage"], f.to_dict()["counts"]
        (['aware'], [[0, 1, 0, 0, 0, 0]])
        """
        out = {f.name: getattr(self, f.name).tolist() for f in fields(self)}
        out["stage"] = self.stage_names()
        out["event_stage"] = [STAGES[s] for s in self.event_stage.tolist()]
        return out


def _last_event(q_key, q_time, e_key, e_time) -> tuple[np.ndarray, np.ndarray]:
    """For each query, the time of the latest event with the same key at or before it.

    Returns (found, time). One lexsort of events and queries together: O((q + e) log(q + e)).
    """
    n_e = e_key.size
    keys = np.concatenate([e_key, q_key])
    times = np.concatenate([e_time, q_time])
    is_q = np.concatenate([np.zeros(n_e, np.int8), np.ones(q_key.size, np.int8)])
    order = np.lexsort((is_q, times, keys))
    pos = np.where(is_q[order] == 0, np.arange(order.size), -1)
    last = np.maximum.accumulate(pos) if pos.size else pos
    ok = last >= 0
    ok[ok] = keys[order][last[ok]] == keys[order][ok]
    when = np.where(ok, times[order][np.maximum(last, 0)], NO_TIME)
    found = np.empty(order.size, dtype=bool)
    out_time = np.empty(order.size, dtype=np.int64)
    found[order], out_time[order] = ok, when
    return found[n_e:], out_time[n_e:]


def _first_per_key(key: np.ndarray, time: np.ndarray):
    """Unique keys, index of the earliest row of each (ties: first row), and counts."""
    order = np.lexsort((time, key))
    k = key[order]
    start = np.flatnonzero(np.concatenate([[True], k[1:] != k[:-1]])) if k.size else np.zeros(0, np.int64)
    counts = np.diff(np.concatenate([start, [k.size]]))
    return k[start], order[start], counts.astype(np.int64)


def _word(prefix: str, code: str) -> str:
    """A code of the data said in the reader's language within a :class:`~einfluence.i18n.Reason`
    (the code itself when the catalogue has no words for it)."""
    return Reason(prefix + code) if prefix + code in MESSAGES else code


def advocacy_funnel(
    mention_post: np.ndarray,
    mention_brand: np.ndarray,
    post_author: np.ndarray,
    post_time: np.ndarray,
    post_kind: np.ndarray,
    post_root_author: np.ndarray,
    sentiment: np.ndarray,
    *,
    brand_accounts: Sequence[Sequence[int]],
    n_accounts: int,
    interactions: object = None,
    actions: Actions | Mapping[str, Any] | None = None,
    post_id: np.ndarray | None = None,
    min_mentions: int = 3,
    threshold: float = 0.1,
    positive_threshold: float = 0.05,
    prompt_window: int = 48 * HOUR,
    exposure: str = "reaction",
    since: int | None = None,
    until: int | None = None,
    population: np.ndarray | None = None,
) -> Funnel:
    """Place every account in the advocacy funnel of every brand, with dated, explained events.

    Parameters
    ----------
    mention_post, mention_brand : numpy.ndarray of int
        Brand mentions: post index (into the post arrays) and brand index, as returned by
        :func:`~einfluence.perception.find_mentions` on the posts' texts.
    post_author : numpy.ndarray of int, shape (n_posts,)
        Author of each post (account id, -1 unknown).
    post_time : numpy.ndarray of int, shape (n_posts,)
        Time of each post (µs).
    post_kind : numpy.ndarray of int, shape (n_posts,)
        Codes into :data:`einfluence.io.records.POST_KINDS`.
    post_root_author : numpy.ndarray of int, shape (n_posts,)
        Author of the root post of each relay, quote or reply (-1 for none or unknown).
    sentiment : numpy.ndarray of float, shape (n_posts,)
        Sentiment of each post, taken as its sentiment towards every brand it mentions.
    brand_accounts : sequence of sequences of int
        The account ids of each brand (one entry per brand; ``len`` is the number of brands).
    n_accounts : int
        Number of accounts (ids lie in ``[0, n_accounts)``); sizes the ``unaware`` stage.
    interactions : GraphView or object with ``src``, ``dst``, ``kind``, ``time`` arrays, optional
        Interactions (``src`` acted towards ``dst``; kinds are codes into
        :data:`~einfluence.io.records.INTERACTION_KINDS`), for ``engaged`` and for exposure.
    actions : Actions or mapping of columns, optional
        Campaign actions (account, brand, time[, kind, campaign]); they prompt mentions.
    post_id : numpy.ndarray of int, shape (n_posts,), optional
        Ids of the posts, quoted in the reasons (default: the post indices).
    min_mentions : int, default 3
        Positive (negative) spontaneous original mentions needed for advocate (detractor).
    threshold : float, default 0.1
        Mean sentiment of the spontaneous original mentions above which an account may be an
        advocate (below minus which a detractor).
    positive_threshold : float, default 0.05
        A mention is positive with a sentiment ``>= positive_threshold``, negative with one
        ``<= -positive_threshold``.
    prompt_window : int, default 48 hours
        Microseconds after an action or an exposure during which a mention is prompted.
    exposure : {"reaction", "follow"}, default "reaction"
        What exposes an account to a brand post (see the module rules): ``"reaction"``, its
        own timed reaction to one of the brand's accounts (relay, reply, quote, like,
        mention); ``"follow"``, also any post of the brand's accounts while the account
        follows or has interacted with one of them.
    since, until : int, optional
        Keep mentions, posts and timed interactions with ``since <= time < until``;
        exposure and actions before ``since`` still count.
    population : numpy.ndarray of bool, shape (n_accounts,), optional
        The accounts the stage counts cover (the accounts of the networks asked for); every
        account by default. ``unaware`` counts the covered non-brand accounts without evidence.

    Returns
    -------
    Funnel

    Raises
    ------
    ParameterError
        On badly shaped arrays, out-of-range ids, an account declared for two brands, or
        parameters out of range.

    Examples
    --------
    Account 1 praises brand 0 three times on its own: an advocate from its third mention.
    Account 2 does the same, but its second mention follows a gift by 1 hour: prompted, so it
    has only two spontaneous positive mentions.

    >>> h = HOUR
    >>> t = [0, 100 * h, 200 * h, 0, 100 * h, 200 * h]
    >>> f = advocacy_funnel(
    ...     mention_post=range(6), mention_brand=[0] * 6, post_author=[1, 1, 1, 2, 2, 2],
    ...     post_time=t, post_kind=[0] * 6, post_root_author=[-1] * 6,
    ...     sentiment=[0.8, 0.6, 0.7, 0.8, 0.6, 0.7], brand_accounts=[[0]], n_accounts=3,
    ...     actions=Actions(account=[2], brand=[0], time=[99 * h]))
    >>> f.stage_names(), f.n_spontaneous.tolist()
    (['advocate', 'aware'], [3, 2])
    >>> e = f.events()[1]
    >>> e["stage"], e["time"] == 200 * h, e["reason"]
    ('advocate', True, '3 positive spontaneous original mentions (posts 0, 1, 2), mean sentiment +0.70 over 3')
    >>> f.counts.tolist()  # account 0 is the brand's own
    [[0, 1, 0, 0, 1, 0]]

    Notes
    -----
    Everything is grouped by the integer key ``account * n_brands + brand`` with sorts and
    cumulative sums: O((m + p + e + a) log(m + p + e + a)) for m mentions, p posts, e
    interactions and a actions. Python loops run over the brands (a handful) and, to write
    the reasons, over the events (one per stage reached per pair).
    """
    inp = _checked_inputs(
        post_author, post_time, post_kind, post_root_author, sentiment, post_id,
        brand_accounts=brand_accounts, n_accounts=n_accounts, interactions=interactions,
        actions=actions, min_mentions=min_mentions, threshold=threshold,
        positive_threshold=positive_threshold, prompt_window=prompt_window, exposure=exposure,
        since=since, until=until, population=population,
    )  # fmt: skip
    m = _brand_mentions(inp, mention_post, mention_brand)
    exp = _engagements(inp)
    amp_key, amp_row, amp_n = _amplifications(inp)
    o, prompted = _prompted(inp, m, exp, prompt_window, exposure)
    n_orig_by = np.bincount(np.searchsorted(m.aware_key, m.key[o]), minlength=m.aware_key.size)
    n_prompted_by = np.bincount(np.searchsorted(m.aware_key, m.key[o][prompted]), minlength=m.aware_key.size)
    runs = _spontaneous_runs(m, o[~prompted], min_mentions, threshold, positive_threshold)

    keys = unique_ints(np.concatenate([m.aware_key, exp.eng_key, amp_key]))
    reached, stime, ev = _climb_events(inp, m, exp, (amp_key, amp_row, amp_n), keys)
    final = _advocacy_events(inp, m, runs, keys, reached, stime, ev, n_prompted_by, positive_threshold)
    stage, counts, reached_counts = _tally(keys, reached, final, inp)

    # per pair mention counts
    n_pairs = keys.size
    pm = np.searchsorted(keys, m.aware_key)
    n_m, n_o, n_s = (np.zeros(n_pairs, np.int64) for _ in range(3))
    n_m[pm], n_o[pm], n_s[pm] = m.aware_n, n_orig_by, runs.pair_count
    s_mean = np.full(n_pairs, np.nan)
    s_mean[pm] = runs.pair_mean
    nb = inp.n_brands
    e_key, e_stage, e_time, e_post, e_reason = _event_columns(ev)
    order = np.lexsort((e_stage, e_time, e_key))
    return Funnel(
        account=keys // nb, brand=keys % nb, stage=stage, reached=reached, stage_time=stime,
        n_mentions=n_m, n_original=n_o, n_spontaneous=n_s, spontaneous_mean=s_mean,
        event_account=e_key[order] // nb, event_brand=e_key[order] % nb, event_stage=e_stage[order],
        event_time=e_time[order], event_post=e_post[order], event_reason=e_reason[order],
        counts=counts, reached_counts=reached_counts,
    )  # fmt: skip


# ------------------------------------------------------------------------------ stages


@dataclass(frozen=True)
class _Inputs:
    """The validated arrays of :func:`advocacy_funnel` (posts, interactions, actions)."""

    n_brands: int
    n_accounts: int
    owner: np.ndarray  # brand of each account, -1 for none
    author: np.ndarray
    time: np.ndarray
    kind: np.ndarray
    root_author: np.ndarray
    sentiment: np.ndarray
    post_id: np.ndarray
    src: np.ndarray
    dst: np.ndarray
    ikind: np.ndarray
    itime: np.ndarray
    actions: Actions
    since: int | None
    until: int | None
    population: np.ndarray | None = None  # the accounts the counts cover (all when None)

    def in_window(self, t: np.ndarray, untimed_ok: bool = False) -> np.ndarray:
        """``since <= t < until``; also :data:`NO_TIME` with ``untimed_ok``."""
        ok = np.ones(t.size, dtype=bool)
        if self.since is not None:
            ok &= t >= self.since
        if self.until is not None:
            ok &= t < self.until
        if untimed_ok:
            ok |= t == NO_TIME
        return ok


def _checked_inputs(
    post_author, post_time, post_kind, post_root_author, sentiment, post_id, *, brand_accounts,
    n_accounts, interactions, actions, min_mentions, threshold, positive_threshold,
    prompt_window, exposure, since, until, population=None,
) -> _Inputs:  # fmt: skip
    """Validate the arguments of :func:`advocacy_funnel` (its Raises), in its order."""
    brand_acc = _check_int_seq(brand_accounts)
    n_brands = len(brand_acc)
    if n_brands < 1:
        raise ParameterError("brand_accounts must declare at least one brand")
    check_scalar(n_accounts, "n_accounts", numbers.Integral, min_val=1)
    check_scalar(min_mentions, "min_mentions", numbers.Integral, min_val=1)
    check_scalar(threshold, "threshold", numbers.Real)
    check_scalar(positive_threshold, "positive_threshold", numbers.Real, min_val=0.0)
    check_scalar(prompt_window, "prompt_window", numbers.Integral, min_val=0)
    if exposure not in _EXPOSURES:
        raise ParameterError(f"exposure must be one of {_EXPOSURES}, got {exposure!r}")
    since, until = check_time(since, "since"), check_time(until, "until")
    author = as_int(post_author, "post_author")
    n_posts = author.size
    arrays = {}
    for name, values in (("post_time", post_time), ("post_kind", post_kind), ("post_root_author", post_root_author)):
        arr = as_int(values, name)
        if arr.shape != (n_posts,):
            raise ParameterError(f"{name} must have shape ({n_posts},), got {arr.shape}")
        arrays[name] = arr
    sent = as_float(sentiment, "sentiment", n_posts)
    pid = np.arange(n_posts, dtype=np.int64) if post_id is None else as_int(post_id, "post_id")
    if pid.shape != (n_posts,):
        raise ParameterError(f"post_id must have shape ({n_posts},), got {pid.shape}")
    if ((author >= n_accounts) | (arrays["post_root_author"] >= n_accounts)).any():
        raise ParameterError(f"post authors must lie in [0, n_accounts={n_accounts})")
    owner = brand_account_map(brand_acc, int(n_accounts))
    src, dst, ikind, itime = interaction_columns(interactions)
    if src.size and (min(src.min(), dst.min()) < 0 or max(src.max(), dst.max()) >= n_accounts):
        raise ParameterError(f"interaction accounts must lie in [0, n_accounts={n_accounts})")
    act = as_actions(actions)
    if len(act) and (act.account.min() < 0 or act.account.max() >= n_accounts):
        raise ParameterError("action accounts must lie in [0, n_accounts)")
    if len(act) and (act.brand.min() < 0 or act.brand.max() >= n_brands):
        raise ParameterError("action brands must lie in [0, n_brands)")
    if population is not None:
        population = np.asarray(population)
        if population.dtype != np.bool_ or population.shape != (int(n_accounts),):
            raise ParameterError(f"population must be a boolean mask of shape ({n_accounts},)")
    return _Inputs(
        n_brands=n_brands, n_accounts=int(n_accounts), owner=owner, author=author,
        time=arrays["post_time"], kind=arrays["post_kind"], root_author=arrays["post_root_author"],
        sentiment=sent, post_id=pid, src=src, dst=dst, ikind=ikind, itime=itime, actions=act,
        since=since, until=until, population=population,
    )  # fmt: skip


@dataclass(frozen=True)
class _Mentions:
    """Distinct (post, brand) mentions by non-brand authors in the window; ``aware_*`` per pair."""

    post: np.ndarray
    brand: np.ndarray
    time: np.ndarray
    sent: np.ndarray
    key: np.ndarray  # account * n_brands + brand
    aware_key: np.ndarray  # the pairs, sorted
    aware_row: np.ndarray  # each pair's first mention
    aware_n: np.ndarray  # each pair's mentions


def _brand_mentions(inp: _Inputs, mention_post: object, mention_brand: object) -> _Mentions:
    """``aware``: the mentions, and each pair's first one."""
    m_post, m_brand = distinct_mentions(mention_post, mention_brand, inp.author.size, inp.n_brands)
    m_acc = inp.author[m_post]
    keep = (m_acc >= 0) & inp.in_window(inp.time[m_post])
    keep[keep] = inp.owner[m_acc[keep]] < 0
    m_post, m_brand, m_acc = m_post[keep], m_brand[keep], m_acc[keep]
    m_time = inp.time[m_post]
    m_key = m_acc * inp.n_brands + m_brand
    aware_key, aware_row, aware_n = _first_per_key(m_key, m_time)
    return _Mentions(
        post=m_post, brand=m_brand, time=m_time, sent=inp.sentiment[m_post], key=m_key,
        aware_key=aware_key, aware_row=aware_row, aware_n=aware_n,
    )  # fmt: skip


@dataclass(frozen=True)
class _Exposures:
    """Interactions of non-brand accounts towards a brand account (``ok`` among all), keyed by
    pair; ``eng_*``: the engaging ones, first per pair (rows into all the interactions)."""

    ok: np.ndarray
    key: np.ndarray
    time: np.ndarray
    eng_key: np.ndarray
    eng_row: np.ndarray
    eng_n: np.ndarray


def _engagements(inp: _Inputs) -> _Exposures:
    """``engaged``: interactions towards a brand account."""
    src, dst, owner = inp.src, inp.dst, inp.owner
    ok = (src >= 0) & (owner[dst] >= 0) & (owner[src] < 0) if src.size else np.zeros(0, bool)
    exp_key = src[ok] * inp.n_brands + owner[dst[ok]]
    exp_time = inp.itime[ok]
    engage_codes = np.array([INTERACTION_KINDS.index(k) for k in _ENGAGE_KINDS])
    eng = np.isin(inp.ikind[ok], engage_codes) & inp.in_window(exp_time, untimed_ok=True)
    e_idx = np.flatnonzero(ok)[eng]
    eng_key, eng_row, eng_n = _first_per_key(exp_key[eng], exp_time[eng])
    return _Exposures(ok=ok, key=exp_key, time=exp_time, eng_key=eng_key, eng_row=e_idx[eng_row], eng_n=eng_n)


def _amplifications(inp: _Inputs) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``amplifier``: relays and quotes of a brand account's post; first per pair (post rows)."""
    author, owner, proot, pkind, ptime = inp.author, inp.owner, inp.root_author, inp.kind, inp.time
    root_owner = np.where(proot >= 0, owner[np.maximum(proot, 0)], -1)
    amp = ((pkind == _RELAY) | (pkind == _QUOTE)) & (root_owner >= 0) & (author >= 0) & inp.in_window(ptime)
    amp[amp] = owner[author[amp]] < 0
    a_idx = np.flatnonzero(amp)
    amp_key, amp_row, amp_n = _first_per_key(author[a_idx] * inp.n_brands + root_owner[a_idx], ptime[a_idx])
    return amp_key, a_idx[amp_row], amp_n


def _prompted(
    inp: _Inputs, m: _Mentions, exp: _Exposures, prompt_window: int, exposure: str
) -> tuple[np.ndarray, np.ndarray]:
    """The original (non-relay) mentions, and which of them are prompted (see the module rules)."""
    nb, act = inp.n_brands, inp.actions
    o = np.flatnonzero(inp.kind[m.post] != _RELAY)
    o_key, o_time = m.key[o], m.time[o]
    prompted = np.zeros(o.size, dtype=bool)
    if len(act):
        found, last = _last_event(o_key, o_time, act.account * nb + act.brand, act.time)
        prompted |= found & (o_time - last <= prompt_window)
    reacted = (inp.ikind[exp.ok] != _FOLLOW) & (exp.time != NO_TIME)
    if reacted.any():
        found, last = _last_event(o_key, o_time, exp.key[reacted], exp.time[reacted])
        prompted |= found & (o_time - last <= prompt_window)
    if exposure == "follow":
        author, owner = inp.author, inp.owner
        ex_u, ex_first_row, _ = _first_per_key(exp.key, exp.time)
        ex_start = exp.time[ex_first_row]
        pos_in = np.searchsorted(ex_u, o_key)
        has_ex = pos_in < ex_u.size
        has_ex[has_ex] = ex_u[pos_in[has_ex]] == o_key[has_ex]
        exposed = has_ex & (ex_start[np.minimum(pos_in, max(ex_u.size - 1, 0))] <= o_time) if ex_u.size else has_ex
        bp = np.flatnonzero((author >= 0) & (owner[np.maximum(author, 0)] >= 0))
        if bp.size and exposed.any():
            q = np.flatnonzero(exposed)
            found, last = _last_event(m.brand[o][q], o_time[q], owner[author[bp]], inp.time[bp])
            prompted[q] |= found & (o_time[q] - last <= prompt_window)
    return o, prompted


@dataclass(frozen=True)
class _Runs:
    """Spontaneous original mentions grouped by pair in time order, with running totals.

    ``order`` indexes the mentions; groups start at ``start`` and have ``glen`` rows (``gid``
    per row, ``last_i`` the last row of each); ``cnt``, ``mean``, ``cpos`` and ``cneg`` are the
    running count, mean sentiment, positive and negative counts; ``adv_ok`` and ``det_ok``
    whether the advocate (detractor) condition holds at each row. ``pair_count`` and
    ``pair_mean`` are per pair of :attr:`_Mentions.aware_key`.
    """

    order: np.ndarray
    key: np.ndarray
    start: np.ndarray
    glen: np.ndarray
    gid: np.ndarray
    last_i: np.ndarray
    cnt: np.ndarray
    mean: np.ndarray
    cpos: np.ndarray
    cneg: np.ndarray
    adv_ok: np.ndarray
    det_ok: np.ndarray
    pair_count: np.ndarray
    pair_mean: np.ndarray


def _spontaneous_runs(
    m: _Mentions, spont: np.ndarray, min_mentions: int, threshold: float, positive_threshold: float
) -> _Runs:
    """``advocate`` / ``detractor``: cumulative conditions over spontaneous mentions in time order."""
    s_order = spont[np.lexsort((m.time[spont], m.key[spont]))]
    s_key, s_sent = m.key[s_order], m.sent[s_order]
    start = np.flatnonzero(np.concatenate([[True], s_key[1:] != s_key[:-1]])) if s_key.size else np.zeros(0, int)
    glen = np.diff(np.concatenate([start, [s_key.size]]))
    gid = np.repeat(np.arange(start.size), glen)

    def gcum(x: np.ndarray) -> np.ndarray:
        c = np.cumsum(x)
        return c - np.repeat(c[start] - x[start], glen) if c.size else c

    cnt = gcum(np.ones(s_key.size))
    mean = gcum(s_sent) / np.maximum(cnt, 1)
    cpos, cneg = gcum(s_sent >= positive_threshold), gcum(s_sent <= -positive_threshold)
    last_i = start + glen - 1
    s_pair = np.searchsorted(m.aware_key, s_key[start]) if start.size else np.zeros(0, int)
    sp_n = np.zeros(m.aware_key.size, np.int64)
    sp_n[s_pair] = glen
    sp_mean = np.full(m.aware_key.size, np.nan)
    sp_mean[s_pair] = mean[last_i] if start.size else sp_mean[s_pair]
    return _Runs(
        order=s_order, key=s_key, start=start, glen=glen, gid=gid, last_i=last_i, cnt=cnt,
        mean=mean, cpos=cpos, cneg=cneg, adv_ok=(cpos >= min_mentions) & (mean > threshold),
        det_ok=(cneg >= min_mentions) & (mean < -threshold), pair_count=sp_n, pair_mean=sp_mean,
    )  # fmt: skip


#: one kind of stage event per entry: (pair keys, stage code, times, post ids, reasons)
_Events = list[tuple[np.ndarray, int, np.ndarray, np.ndarray, list[str]]]


def _climb_events(
    inp: _Inputs, m: _Mentions, exp: _Exposures, amp: tuple[np.ndarray, ...], keys: np.ndarray
) -> tuple[np.ndarray, np.ndarray, _Events]:
    """``aware``, ``engaged`` and ``amplifier`` of every pair: reached, first times, events."""
    n_pairs = keys.size
    pid, ptime = inp.post_id, inp.time
    reached = np.zeros((n_pairs, 6), dtype=bool)
    stime = np.full((n_pairs, 6), NO_TIME, dtype=np.int64)
    ev: _Events = []
    aware_key, aware_row = m.aware_key, m.aware_row
    ia = np.searchsorted(keys, aware_key)
    reached[ia, _AWARE] = True
    stime[ia, _AWARE] = m.time[aware_row]
    ev.append((aware_key, _AWARE, m.time[aware_row], pid[m.post[aware_row]], [
        Reason("funnel.evidence.aware" + "_one" * (n == 1), post=p, n=n)
        for p, n in zip(pid[m.post[aware_row]].tolist(), m.aware_n.tolist(), strict=True)
    ]))  # fmt: skip
    eng_key, eng_row, itime = exp.eng_key, exp.eng_row, inp.itime
    ie = np.searchsorted(keys, eng_key)
    reached[ie, _ENGAGED] = True
    stime[ie, _ENGAGED] = itime[eng_row]
    kinds = [_word("interaction.", name) for name in INTERACTION_KINDS]
    ev.append((eng_key, _ENGAGED, itime[eng_row], np.full(eng_key.size, -1, np.int64), [
        Reason("funnel.evidence.engaged" + "_untimed" * (t == NO_TIME) + "_one" * (n == 1), kind=kinds[k],
               account=d, t=t, n=n)
        for k, d, t, n in zip(inp.ikind[eng_row].tolist(), inp.dst[eng_row].tolist(), itime[eng_row].tolist(),
                              exp.eng_n.tolist(), strict=True)
    ]))  # fmt: skip
    amp_key, amp_row, amp_n = amp
    ip = np.searchsorted(keys, amp_key)
    reached[ip, _AMPLIFIER] = True
    stime[ip, _AMPLIFIER] = ptime[amp_row]
    kinds = [_word("interaction.", name) for name in POST_KINDS]  # relays and quotes: the same words
    ev.append((amp_key, _AMPLIFIER, ptime[amp_row], pid[amp_row], [
        Reason("funnel.evidence.amplifier" + "_one" * (n == 1), kind=kinds[k], post=p, account=r, n=n)
        for k, p, r, n in zip(inp.kind[amp_row].tolist(), pid[amp_row].tolist(), inp.root_author[amp_row].tolist(),
                              amp_n.tolist(), strict=True)
    ]))  # fmt: skip
    return reached, stime, ev


def _advocacy_events(
    inp: _Inputs, m: _Mentions, runs: _Runs, keys: np.ndarray, reached: np.ndarray,
    stime: np.ndarray, ev: _Events, n_prompted_by: np.ndarray, positive_threshold: float,
) -> dict[int, np.ndarray]:  # fmt: skip
    """``advocate`` and ``detractor`` (and ``lapsed``): fills ``reached``, ``stime`` and ``ev``.

    Returns, per stage code, whether each pair holds it on all the evidence.
    """
    n_pairs, pid = keys.size, inp.post_id
    start, s_key, s_order, mean, cnt = runs.start, runs.key, runs.order, runs.mean, runs.cnt
    final = {}
    for stage, ok_arr, counter, word in ((_ADVOCATE, runs.adv_ok, runs.cpos, "positive"),
                                         (_DETRACTOR, runs.det_ok, runs.cneg, "negative")):  # fmt: skip
        any_ok = np.bincount(runs.gid, weights=ok_arr, minlength=start.size) > 0 if start.size else np.zeros(0, bool)
        g = np.flatnonzero(any_ok)
        # first qualifying index per group
        idx_ok = np.where(ok_arr, np.arange(s_key.size), s_key.size)
        first_ok = np.minimum.reduceat(idx_ok, start)[g] if start.size else np.zeros(0, int)
        last_ok = np.maximum.reduceat(np.where(ok_arr, np.arange(s_key.size), -1), start)[g] if start.size else first_ok
        fin = ok_arr[runs.last_i[g]] if g.size else np.zeros(0, bool)
        gk = s_key[first_ok]
        ig = np.searchsorted(keys, gk)
        reached[ig, stage] = True
        stime[ig, stage] = m.time[s_order[first_ok]]
        final[stage] = np.zeros(n_pairs, bool)
        final[stage][ig[fin]] = True
        reasons = []
        for gg, fi in zip(g.tolist(), first_ok.tolist(), strict=True):
            rows = s_order[start[gg] : fi + 1]
            sel = rows[(m.sent[rows] >= positive_threshold) if word == "positive" else (m.sent[rows] <= -positive_threshold)]
            shown = ", ".join(str(p) for p in pid[m.post[sel[:5]]].tolist()) + (", ..." if sel.size > 5 else "")
            pair = np.searchsorted(m.aware_key, s_key[fi])
            n_pr = int(n_prompted_by[pair])
            reasons.append(Reason(
                f"funnel.evidence.{STAGES[stage]}", n=int(counter[fi]), posts=shown, s_mean=float(mean[fi]),
                n_over=int(cnt[fi]),
                prompted=Reason("funnel.evidence.prompted" + "_one" * (n_pr == 1), n=n_pr) if n_pr else "",
            ))
        ev.append((gk, stage, m.time[s_order[first_ok]], pid[m.post[s_order[first_ok]]], reasons))
        lapse = ~fin
        li = last_ok[lapse] + 1
        if li.size:
            lk = s_key[li]
            ev.append((lk, _LAPSED, m.time[s_order[li]], pid[m.post[s_order[li]]], [
                Reason(f"funnel.evidence.lapsed_{STAGES[stage]}", s_mean=float(mean[i]), n_over=int(cnt[i]),
                       n=int(counter[i])) for i in li.tolist()
            ]))  # fmt: skip
    return final


def _tally(
    keys: np.ndarray, reached: np.ndarray, final: dict[int, np.ndarray], inp: _Inputs
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Current stage of each pair, and accounts per current (and ever reached) stage per brand."""
    n_brands = inp.n_brands
    lower = np.where(reached[:, _AMPLIFIER], _AMPLIFIER, np.where(reached[:, _ENGAGED], _ENGAGED, _AWARE))
    stage = np.where(final[_DETRACTOR], _DETRACTOR, np.where(final[_ADVOCATE], _ADVOCATE, lower)).astype(np.int8)
    p_brand = keys % n_brands
    covered = np.ones(keys.size, dtype=bool) if inp.population is None else inp.population[keys // n_brands]
    counts = np.zeros((n_brands, 6), dtype=np.int64)
    np.add.at(counts, (p_brand[covered], stage[covered]), 1)
    reached_counts = np.zeros((n_brands, 6), dtype=np.int64)
    for s_code in range(1, 6):
        reached_counts[:, s_code] = np.bincount(p_brand[reached[:, s_code] & covered], minlength=n_brands)
    if inp.population is None:
        population = inp.n_accounts - int((inp.owner >= 0).sum())
    else:
        population = int((inp.population & (inp.owner < 0)).sum())
    counts[:, 0] = population - counts[:, 1:].sum(axis=1)
    reached_counts[:, 0] = population
    return stage, counts, reached_counts


def _event_columns(ev: _Events) -> tuple[np.ndarray, ...]:
    """The events as columns: pair key, stage, time, post, reason."""
    e_key = np.concatenate([e[0] for e in ev])
    e_stage = np.concatenate([np.full(e[0].size, e[1], np.int8) for e in ev])
    e_time = np.concatenate([e[2] for e in ev]).astype(np.int64)
    e_post = np.concatenate([e[3] for e in ev]).astype(np.int64)
    e_reason = np.array([r for e in ev for r in e[4]] + [None], dtype=object)[:-1]
    return e_key, e_stage, e_time, e_post, e_reason


def _check_int_seq(brand_accounts: object) -> list[np.ndarray]:
    """One int64 array of account ids per brand."""
    if isinstance(brand_accounts, (str, bytes)) or not isinstance(brand_accounts, Sequence):
        raise TypeError("brand_accounts must be a sequence (one list of account ids per brand)")
    return [np.atleast_1d(np.asarray(ids, dtype=np.int64)) for ids in brand_accounts]
