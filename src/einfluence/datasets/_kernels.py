"""Numba kernels of the demo world: the content-aware independent-cascade simulation.

Every per-event loop of the generator lives here, compiled with ``@njit(cache=True)`` and fed
with arrays and scalars only. Randomness comes from NumPy's legacy Mersenne Twister as Numba
implements it, seeded by an integer the caller draws from its own generator: the same seed
gives the same events, and a pure-Python transcription using ``np.random.seed`` and
``np.random.random`` reproduces them exactly (the tests do so).

References
----------
.. [1] D. Kempe, J. Kleinberg and É. Tardos, "Maximizing the spread of influence through a
   social network", Proc. KDD 2003, pp. 137-146.
.. [2] J. Leskovec, L. Backstrom and J. Kleinberg, "Meme-tracking and the dynamics of the news
   cycle", Proc. KDD 2009 (rise and decay of attention).
"""

from __future__ import annotations

import math

import numpy as np

from einfluence.base.jit import njit

__all__ = [
    "EPISODE_BURST",
    "EPISODE_RISING_FADING",
    "EPISODE_STEADY",
    "REACTION_LIKE",
    "REACTION_QUOTE",
    "REACTION_RELAY",
    "REACTION_REPLY",
    "influence_many",
    "influence_value",
    "simulate_cascades",
]

#: Episode kinds (how a planted influence multiplier varies with time).
EPISODE_RISING_FADING = 0
EPISODE_BURST = 1
EPISODE_STEADY = 2

#: Reaction kinds emitted by :func:`simulate_cascades`.
REACTION_RELAY = 0
REACTION_LIKE = 1
REACTION_REPLY = 2
REACTION_QUOTE = 3


@njit(cache=True)
def influence_value(
    u, t, topic, base, ep_indptr, ep_topic, ep_kind, ep_peak, ep_width, ep_strength
):
    """Influence of account ``u`` at time ``t`` (days) on ``topic``.

    ``base[u]`` plus, for each planted episode of ``u`` on that topic, its strength times its
    time profile: a Gaussian bump ``exp(-((t - peak) / width)**2 / 2)`` (rising then fading), a
    box ``|t - peak| <= width`` (a one-day burst has ``width = 0.5`` centred on the day), or 1
    (steady).
    """
    value = base[u]
    for e in range(ep_indptr[u], ep_indptr[u + 1]):
        if ep_topic[e] != topic:
            continue
        kind = ep_kind[e]
        if kind == EPISODE_RISING_FADING:
            z = (t - ep_peak[e]) / ep_width[e]
            value += ep_strength[e] * math.exp(-0.5 * z * z)
        elif kind == EPISODE_BURST:
            if abs(t - ep_peak[e]) <= ep_width[e]:
                value += ep_strength[e]
        else:
            value += ep_strength[e]
    return value


@njit(cache=True)
def influence_many(
    accounts, times, topics, base, ep_indptr, ep_topic, ep_kind, ep_peak, ep_width, ep_strength
):
    """Vectorised :func:`influence_value` over aligned arrays of accounts, times and topics."""
    out = np.empty(accounts.shape[0], np.float64)
    for i in range(accounts.shape[0]):
        out[i] = influence_value(
            accounts[i],
            times[i],
            topics[i],
            base,
            ep_indptr,
            ep_topic,
            ep_kind,
            ep_peak,
            ep_width,
            ep_strength,
        )
    return out


@njit(cache=True)
def _grow(a, capacity):
    b = np.empty(capacity, a.dtype)
    b[: a.shape[0]] = a
    return b


@njit(cache=True)
def _reaction_kind(r, q, p_max, like_ratio, reply_ratio, quote_ratio):
    """The reaction the uniform draw ``r`` picks at probability scale ``q``, or -1 for none.

    A relay with probability ``min(q, p_max)``, then a like, reply or quote with probabilities
    ``like_ratio * q``, ``reply_ratio * q`` and ``quote_ratio * q``, scaled down when all four
    would sum above 0.98 (see :func:`simulate_cascades`).
    """
    p_relay = min(q, p_max)
    p_like = like_ratio * q
    p_reply = reply_ratio * q
    p_quote = quote_ratio * q
    others = p_like + p_reply + p_quote
    if p_relay + others > 0.98:
        scale = (0.98 - p_relay) / others
        p_like *= scale
        p_reply *= scale
        p_quote *= scale
    if r >= p_relay + p_like + p_reply + p_quote:
        return -1
    if r < p_relay:
        return REACTION_RELAY
    if r < p_relay + p_like:
        return REACTION_LIKE
    if r < p_relay + p_like + p_reply:
        return REACTION_REPLY
    return REACTION_QUOTE


@njit(cache=True)
def _delay_days(delay_mu, delay_sigma):
    """A log-normal reaction delay, in days (two uniforms, Box-Muller)."""
    u1 = np.random.random()
    u2 = np.random.random()
    z = math.sqrt(-2.0 * math.log(1.0 - u1)) * math.cos(2.0 * math.pi * u2)
    return math.exp(delay_mu + delay_sigma * z) / 1440.0


@njit(cache=True)
def _event_buffers(capacity):
    """Empty event buffers of :func:`simulate_cascades`: src, dst, kind, time, root, parent, depth."""
    return (
        np.empty(capacity, np.int32), np.empty(capacity, np.int32), np.empty(capacity, np.int8),
        np.empty(capacity, np.float64), np.empty(capacity, np.int64), np.empty(capacity, np.int64),
        np.empty(capacity, np.int32),
    )  # fmt: skip


@njit(cache=True)
def _grow_events(src, dst, kind, time, root, parent, depth, capacity):
    """The seven event buffers of :func:`simulate_cascades`, copied into ``capacity`` slots."""
    return (
        _grow(src, capacity), _grow(dst, capacity), _grow(kind, capacity), _grow(time, capacity),
        _grow(root, capacity), _grow(parent, capacity), _grow(depth, capacity),
    )  # fmt: skip


@njit(cache=True)
def simulate_cascades(
    seed, indptr, followers, lang, interest, propensity, base,
    ep_indptr, ep_topic, ep_kind, ep_peak, ep_width, ep_strength,
    post_author, post_time, post_topic, post_novelty, post_lang,
    t_end, carry, hop_decay, cross_lang, like_ratio, reply_ratio, quote_ratio, p_max,
    delay_mu, delay_sigma, max_cascade,
):  # fmt: skip
    """Simulate one content-aware independent cascade per original post.

    Each post of author ``a`` about topic ``k`` is shown to the followers of ``a``; a follower
    ``v`` who has not yet reacted to this cascade reacts once, with probability

    ``q = I * 2 * novelty * hop_decay**d * interest[v, k] * propensity[v] * m_lang``

    where ``d`` is the hop of the post seen (0 for the original), ``I`` the influence of its
    author at the time of the post seen (:func:`influence_value`; for a relay, the relayer's
    own influence plus ``carry**d`` times the influence of the original author, so that strong
    originals travel further) and ``m_lang`` is 1 when ``v`` speaks the language of the post,
    ``cross_lang`` otherwise. The reaction is a relay with probability ``min(q, p_max)``, and a
    like, reply or quote with probabilities ``like_ratio * q``, ``reply_ratio * q`` and
    ``quote_ratio * q`` (scaled down when they would sum above 0.98). Only relays are shown on
    to the relayer's followers (multi-hop cascades); each exposure is tried once, as in the
    independent cascade model of Kempe et al. (2003). Reactions come after a log-normal delay
    (``delay_mu``, ``delay_sigma`` of the log of minutes) and are dropped from ``t_end`` on. A
    cascade stops spreading after ``max_cascade`` relays.

    Parameters
    ----------
    seed : int
        Seed of the kernel's Mersenne Twister.
    indptr, followers : ndarray of int64, int32
        CSR lists of followers: the followers of ``u`` are ``followers[indptr[u]:indptr[u+1]]``.
    lang : ndarray of int8
        Language code of each account.
    interest : ndarray of float64, shape (n_accounts, n_topics)
        Topic interest profiles (rows sum to 1).
    propensity : ndarray of float64
        How readily each account reacts (mean about 1).
    base : ndarray of float64
        Base influence of each account.
    ep_indptr, ep_topic, ep_kind, ep_peak, ep_width, ep_strength : ndarray
        Planted influence episodes, in CSR order by account (see :func:`influence_value`).
    post_author, post_time, post_topic, post_novelty, post_lang : ndarray
        The original posts: author, time in days from the start, topic, novelty in (0, 1) and
        language code.
    t_end : float
        End of the observation window (days).
    carry, hop_decay, cross_lang, like_ratio, reply_ratio, quote_ratio, p_max : float
        See above.
    delay_mu, delay_sigma : float
        Log-normal reaction delay, in log-minutes.
    max_cascade : int
        Most relays per cascade.

    Returns
    -------
    src, dst : ndarray of int32
        The reacting account and the account reacted to (the author of the post seen for a
        relay, the original author otherwise).
    kind : ndarray of int8
        One of ``REACTION_*``.
    time : ndarray of float64
        Days from the start.
    root : ndarray of int64
        Index of the original post.
    parent : ndarray of int64
        Index (into these events) of the relay seen, or -1 when the original was seen.
    depth : ndarray of int32
        Hop of the reaction (1 for a reaction to the original).
    """
    np.random.seed(seed)
    n = base.shape[0]
    episodes = (ep_indptr, ep_topic, ep_kind, ep_peak, ep_width, ep_strength)
    capacity = 1024
    ev_src, ev_dst, ev_kind, ev_time, ev_root, ev_parent, ev_depth = _event_buffers(capacity)
    count = 0
    stamp = np.full(n, -1, np.int64)
    q_node = np.empty(n, np.int64)
    q_time = np.empty(n, np.float64)
    q_event = np.empty(n, np.int64)
    q_depth = np.empty(n, np.int64)
    for p in range(post_author.shape[0]):
        a = post_author[p]
        topic = post_topic[p]
        plang = post_lang[p]
        t0 = post_time[p]
        i_root = influence_value(a, t0, topic, base, *episodes)
        stamp[a] = p
        q_node[0] = a
        q_time[0] = t0
        q_event[0] = -1
        q_depth[0] = 0
        head = 0
        tail = 1
        relays = 0
        while head < tail:
            u = q_node[head]
            tu = q_time[head]
            eu = q_event[head]
            d = q_depth[head]
            head += 1
            if d == 0:
                infl = i_root
            else:  # the relayer's own influence, plus some of the original author's
                infl = influence_value(u, tu, topic, base, *episodes) + i_root * carry**d
            factor = infl * 2.0 * post_novelty[p] * hop_decay**d
            if factor <= 0.0:
                continue
            for j in range(indptr[u], indptr[u + 1]):
                v = followers[j]
                if stamp[v] == p:
                    continue
                q = factor * interest[v, topic] * propensity[v]
                if lang[v] != plang:
                    q *= cross_lang
                if q <= 0.0:
                    continue
                r = np.random.random()
                kind = _reaction_kind(r, q, p_max, like_ratio, reply_ratio, quote_ratio)
                if kind < 0:
                    continue
                stamp[v] = p
                tv = tu + _delay_days(delay_mu, delay_sigma)
                if tv >= t_end:
                    continue
                if count == capacity:
                    capacity *= 2
                    ev_src, ev_dst, ev_kind, ev_time, ev_root, ev_parent, ev_depth = _grow_events(
                        ev_src, ev_dst, ev_kind, ev_time, ev_root, ev_parent, ev_depth, capacity
                    )
                ev_src[count] = v
                ev_dst[count] = u if kind == REACTION_RELAY else a
                ev_kind[count] = kind
                ev_time[count] = tv
                ev_root[count] = p
                ev_parent[count] = eu if kind == REACTION_RELAY else -1
                ev_depth[count] = d + 1
                if kind == REACTION_RELAY and relays < max_cascade:
                    relays += 1
                    q_node[tail] = v
                    q_time[tail] = tv
                    q_event[tail] = count
                    q_depth[tail] = d + 1
                    tail += 1
                count += 1
    return (
        ev_src[:count].copy(), ev_dst[:count].copy(), ev_kind[:count].copy(), ev_time[:count].copy(),
        ev_root[:count].copy(), ev_parent[:count].copy(), ev_depth[:count].copy(),
    )  # fmt: skip
