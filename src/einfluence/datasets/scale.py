"""A synthetic influence world of any size, written as Parquet in bounded memory.

The demo world (:func:`~einfluence.datasets.make_demo_world`) tells a story (brands, topics in two
languages, planted influencers) and builds it in memory, which caps it near 10M interactions.
:func:`write_scale_world` keeps the *shape* that matters to the analyses and drops the story, so
that 100M interactions and more can be generated on one machine and imported with
``einfluence import generic FOLDER``:

- **heavy-tailed degrees**: each account's popularity (what draws follows and reactions) follows
  a Pareto law of exponent 1.1 and its activity (how often it follows and reacts) one of exponent
  1.5, so in- and out-degrees are heavy-tailed as in real networks [1]_;
- **communities**: accounts belong to communities of Pareto-distributed sizes; 85 % of follows
  and 80 % of reactions stay inside the actor's community [2]_;
- **cascades**: original posts, and reactions to them (likes, relays, replies, quotes, mentions);
  a quarter of the relays relay an earlier relay of the same cascade, so cascades have depth;
  reactions come after what they react to (log-normal delays of a few hours);
- the mix of the demo world: about three follows in four, then likes, relays, replies, quotes
  and mentions.

The world is generated in chunks of at most ``chunk`` interactions; each chunk is drawn from its
own random stream (``SeedSequence(seed).spawn``), holds its own original posts and their
cascades, and is written to its own files (``interactions-00007.parquet``,
``posts-00007.parquet``), so that memory stays bounded by one chunk whatever the size and the
same ``seed`` always writes the same files.

References
----------
.. [1] A.-L. Barabási and R. Albert, "Emergence of scaling in random networks", Science 286
   (1999) 509-512.
.. [2] S. Fortunato, "Community detection in graphs", Physics Reports 486 (2010) 75-174.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from einfluence.base.progress import NullProgress, Progress
from einfluence.base.validation import check_scalar
from einfluence.i18n import Reason

__all__ = ["ScaleWorld", "write_scale_world"]

#: interactions per account, as in the demo world
INTERACTIONS_PER_ACCOUNT = 48
#: share of each reaction kind among the reactions (follows apart)
REACTION_MIX = {"like": 0.52, "relay": 0.38, "reply": 0.05, "quote": 0.02, "mention": 0.03}
FOLLOW_SHARE = 0.75
#: reactions per original post (on average; cascade sizes are heavy-tailed)
REACTIONS_PER_POST = 8.0
_NETWORK = "microblog"
_START = np.datetime64("2026-01-05T00:00:00", "us")
_DAYS = 28


@dataclasses.dataclass(frozen=True)
class ScaleWorld:
    """What :func:`write_scale_world` wrote."""

    folder: Path
    n_accounts: int
    n_communities: int
    n_interactions: int
    n_posts: int
    n_chunks: int
    seed: int


def _pareto(rng: np.random.Generator, exponent: float, size: int) -> np.ndarray:
    return rng.pareto(exponent, size) + 1.0


def _within(rng: np.random.Generator, cum: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """For each pair, an index in ``[lo, hi)`` drawn in proportion to the weights whose running
    sums are ``cum`` (``cum[i]`` = sum of the weights up to and including ``i``)."""
    base = np.where(lo > 0, cum[np.maximum(lo - 1, 0)], 0.0)
    u = base + rng.random(lo.size) * (cum[hi - 1] - base)
    return np.minimum(np.searchsorted(cum, u, side="right"), hi - 1)


@dataclasses.dataclass(frozen=True)
class _Population:
    community: np.ndarray  # community of each account (accounts are grouped by community)
    start: np.ndarray  # first account of each community, and n at the end
    popularity: np.ndarray
    popularity_cum: np.ndarray
    activity_cum: np.ndarray


def _population(rng: np.random.Generator, n: int) -> _Population:
    n_communities = max(4, n // 2000)
    sizes = _pareto(rng, 1.5, n_communities)
    sizes = np.maximum(1, np.floor(sizes / sizes.sum() * n)).astype(np.int64)
    sizes[np.argmax(sizes)] += n - sizes.sum()
    start = np.concatenate([[0], np.cumsum(sizes)])
    community = np.repeat(np.arange(n_communities), sizes)
    popularity = _pareto(rng, 1.1, n)
    activity = _pareto(rng, 1.5, n)
    return _Population(community, start, popularity, np.cumsum(popularity), np.cumsum(activity))


def _draw(rng: np.random.Generator, pop: _Population, cum: np.ndarray, near: np.ndarray, local: float) -> np.ndarray:
    """Accounts drawn in proportion to ``cum``'s weights, inside the community of ``near`` with
    probability ``local`` (else anywhere)."""
    n = cum.size
    inside = rng.random(near.size) < local
    c = pop.community[near]
    lo = np.where(inside, pop.start[c], 0)
    hi = np.where(inside, pop.start[c + 1], n)
    return _within(rng, cum, lo, hi)


def _times(rng: np.random.Generator, size: int) -> np.ndarray:
    """Times over the window, busier in the day than at night (microseconds from the start)."""
    day = rng.integers(0, _DAYS, size)
    hour = np.clip(rng.normal(14.0, 4.0, size), 0.0, 23.999)
    return ((day * 24.0 + hour) * 3600e6).astype(np.int64)


def _chunk(rng: np.random.Generator, pop: _Population, n_interactions: int, first_post: int) -> tuple[dict, dict]:
    """The interactions and posts of one chunk (column arrays)."""
    n = pop.community.size
    n_follows = round(n_interactions * FOLLOW_SHARE)
    n_reactions = n_interactions - n_follows
    # follows: an active account follows a popular one, mostly of its community
    follower = _within(rng, pop.activity_cum, np.zeros(n_follows, np.int64), np.full(n_follows, n))
    followed = _draw(rng, pop, pop.popularity_cum, follower, 0.85)
    # original posts: popular accounts post more; each draws a heavy-tailed share of the reactions
    n_originals = max(1, int(n_reactions / REACTIONS_PER_POST))
    author = _within(rng, pop.popularity_cum, np.zeros(n_originals, np.int64), np.full(n_originals, n))
    appeal = np.cumsum(_pareto(rng, 1.3, n_originals) * np.sqrt(pop.popularity[author]))
    post_time = _times(rng, n_originals)
    # reactions: to a post in proportion to its appeal, by an active account near its author
    target = _within(rng, appeal, np.zeros(n_reactions, np.int64), np.full(n_reactions, n_originals))
    reactor = _draw(rng, pop, pop.activity_cum, author[target], 0.8)
    kinds = np.array(list(REACTION_MIX))
    kind = rng.choice(kinds.size, n_reactions, p=np.array(list(REACTION_MIX.values())))
    delay = np.exp(rng.normal(np.log(3600e6 * 2), 1.2, n_reactions)).astype(np.int64)  # median 2 h
    time = post_time[target] + delay
    # reactions that are posts (relays, replies, quotes) get their own ids
    is_post = np.isin(kind, [1, 2, 3])
    post_id = np.full(n_reactions, -1, np.int64)
    post_id[is_post] = first_post + n_originals + np.arange(int(is_post.sum()))
    parent_post = first_post + target  # the post reacted to
    parent_author = author[target]
    # depth: a quarter of the relays relay an earlier relay of the same cascade
    relay = np.flatnonzero(kind == 1)
    order = relay[np.lexsort((time[relay], target[relay]))]
    group_start = np.r_[0, np.flatnonzero(np.diff(target[order])) + 1]
    position = np.arange(order.size) - np.repeat(group_start, np.diff(np.r_[group_start, order.size]))
    deeper = (position > 0) & (rng.random(order.size) < 0.25)
    earlier = order[np.repeat(group_start, np.diff(np.r_[group_start, order.size])) +
                    np.floor(rng.random(order.size) * np.maximum(position, 1)).astype(np.int64)]
    pick, via = order[deeper], earlier[deeper]
    parent_post[pick] = post_id[via]
    parent_author[pick] = reactor[via]
    time[pick] = np.maximum(time[pick], time[via] + 1)
    self_reaction = reactor == parent_author  # nobody reacts to oneself: the reaction goes to the author's author
    reactor[self_reaction] = (reactor[self_reaction] + 1) % n
    interactions = {
        "src": np.concatenate([follower, reactor]),
        "dst": np.concatenate([followed, parent_author]),
        "kind": np.concatenate([np.zeros(n_follows, np.int8), kind.astype(np.int8) + 1]),
        "time": np.concatenate([np.full(n_follows, -1, np.int64), time]),
        "post": np.concatenate([np.full(n_follows, -1, np.int64), parent_post]),
    }
    root = first_post + target
    posts = {
        "id": np.concatenate([first_post + np.arange(n_originals), post_id[is_post]]),
        "author": np.concatenate([author, reactor[is_post]]),
        "time": np.concatenate([post_time, time[is_post]]),
        "kind": np.concatenate([np.zeros(n_originals, np.int8), kind[is_post].astype(np.int8)]),
        "parent": np.concatenate([np.full(n_originals, -1, np.int64), parent_post[is_post]]),
        "root": np.concatenate([np.full(n_originals, -1, np.int64), root[is_post]]),
    }
    return interactions, posts


_INTERACTION_KINDS = ["follow", *REACTION_MIX]
_POST_KINDS = ["original", "relay", "reply", "quote"]


def _write(path: Path, columns: dict) -> None:
    pq.write_table(pa.table(columns), path, compression="zstd")


def _timestamps(us: np.ndarray) -> pa.Array:
    return pa.array(_START + us.astype("timedelta64[us]"), mask=us < 0)


def _dictionary(codes: np.ndarray, names: list[str]) -> pa.Array:
    return pa.DictionaryArray.from_arrays(pa.array(codes, pa.int8()), pa.array(names))


def write_scale_world(
    folder: str | Path,
    n_interactions: int,
    *,
    seed: int = 0,
    chunk: int = 5_000_000,
    progress: Progress | None = None,
) -> ScaleWorld:
    """Write a synthetic world of about ``n_interactions`` interactions to ``folder`` as Parquet.

    Files: ``accounts.parquet``, then per chunk ``interactions-NNNNN.parquet`` and
    ``posts-NNNNN.parquet``, in einfluence's generic format (``einfluence import generic
    FOLDER``). One account per :data:`INTERACTIONS_PER_ACCOUNT` interactions. Memory stays
    bounded by one chunk; the same ``seed`` writes the same files.

    Examples
    --------
    >>> import tempfile
    >>> world = write_scale_world(tempfile.mkdtemp(), 10_000, seed=1)
    >>> world.n_accounts, world.n_interactions
    (1000, 10000)
    """
    check_scalar(n_interactions, "n_interactions", int, min_val=1000)
    check_scalar(chunk, "chunk", int, min_val=1000)
    check_scalar(seed, "seed", int, min_val=0)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    progress = progress or NullProgress()
    n = max(1000, n_interactions // INTERACTIONS_PER_ACCOUNT)
    streams = np.random.SeedSequence(seed).spawn(2)
    pop = _population(np.random.default_rng(streams[0]), n)
    handles = pa.array([f"user{i}" for i in range(n)])
    _write(folder / "accounts.parquet", {
        "network": _dictionary(np.zeros(n, np.int8), [_NETWORK]), "id": pa.array(np.arange(n)), "handle": handles,
        "kind": _dictionary(np.zeros(n, np.int8), ["person"]),
    })
    sizes = [chunk] * (n_interactions // chunk) + ([n_interactions % chunk] if n_interactions % chunk else [])
    chunk_streams = streams[1].spawn(len(sizes))
    progress.start(Reason("progress.write_world"), n_interactions, "interactions")
    first_post = 0
    n_posts = 0
    for k, (size, stream) in enumerate(zip(sizes, chunk_streams, strict=True)):
        inter, posts = _chunk(np.random.default_rng(stream), pop, size, first_post)
        network = _dictionary(np.zeros(inter["src"].size, np.int8), [_NETWORK])
        _write(folder / f"interactions-{k:05d}.parquet", {
            "network": network, "src": inter["src"], "dst": inter["dst"],
            "kind": _dictionary(inter["kind"], _INTERACTION_KINDS), "time": _timestamps(inter["time"]),
            "post": pa.array(inter["post"], mask=inter["post"] < 0),
        })
        m = posts["id"].size
        _write(folder / f"posts-{k:05d}.parquet", {
            "network": _dictionary(np.zeros(m, np.int8), [_NETWORK]), "id": posts["id"], "author": posts["author"],
            "time": _timestamps(posts["time"]), "kind": _dictionary(posts["kind"], _POST_KINDS),
            "parent": pa.array(posts["parent"], mask=posts["parent"] < 0),
            "root": pa.array(posts["root"], mask=posts["root"] < 0),
        })
        first_post = int(posts["id"].max()) + 1
        n_posts += m
        progress.advance(size)
    n_communities = int(pop.start.size - 1)
    return ScaleWorld(folder, n, n_communities, n_interactions, n_posts, len(sizes), seed)
