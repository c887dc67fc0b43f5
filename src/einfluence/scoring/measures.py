"""Every single influence measure of an account, side by side (the baselines of the score).

:func:`all_measures` computes, on one graph view, each measure the evaluation harness compares
with the einfluence score, in the spirit of Cha et al. [1]_: audience (followers), the reactions
received by kind, true reach, engagement per post, selectivity, cascade depth, PageRank, k-core,
influence-passivity and network impact. A measure the data cannot give is ``None``.

References
----------
.. [1] M. Cha, H. Haddadi, F. Benevenuto and K. P. Gummadi, "Measuring user influence in
   Twitter: the million follower fallacy", Proc. ICWSM 2010.
   https://doi.org/10.1609/icwsm.v4i1.14033
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from einfluence.base.kinds import AUDIENCE_KINDS, REACTION_KINDS
from einfluence.graph.view import GraphView
from einfluence.scoring.cascades import amplification_depth
from einfluence.scoring.core import core_number
from einfluence.scoring.impact import network_impact
from einfluence.scoring.pagerank import pagerank
from einfluence.scoring.passivity import influence_passivity
from einfluence.scoring.reach import (
    distinct_reactors,
    reactions_per_post,
    reactor_selectivity,
    received,
)

if TYPE_CHECKING:
    from einfluence.base.arrays import PostArrays

__all__ = ["MEASURES", "all_measures"]

#: name -> one-line description, in display order
MEASURES: dict[str, str] = {
    "followers": "declared follower count (audience, when the data has it)",
    "follower_indegree": "follow / subscription interactions received",
    "relays_received": "relays received (retweets, reblogs, shares)",
    "mentions_received": "mentions received",
    "replies_received": "replies received",
    "reactions_received": "all reactions received",
    "distinct_reactors": "distinct accounts that reacted (useful contacts, true reach)",
    "reactions_per_post": "reactions received per post authored",
    "reactor_selectivity": "reactions weighted by 1 / activity of the reactor",
    "amplification_depth": "share of cascades reaching beyond the first hop",
    "pagerank": "PageRank of the reaction graph",
    "k_core": "core number of the undirected reaction graph",
    "ip_influence": "influence of the influence-passivity algorithm (Romero et al.)",
    "network_impact": "mean PageRank of the reactors",
}


def _any(values: np.ndarray | None) -> np.ndarray | None:
    if values is None or not np.any(np.nan_to_num(values) != 0):
        return None
    return values


def all_measures(
    view: GraphView,
    posts: PostArrays | None = None,
    *,
    followers: np.ndarray | None = None,
    depth_gap_hours: float = 24.0,
) -> dict[str, np.ndarray | None]:
    """Compute every single measure of :data:`MEASURES` on a view.

    Parameters
    ----------
    view : GraphView
        Interactions of the window.
    posts : PostArrays, optional
        Posts of the window (for reactions per post, exact cascade depth and the attempts of
        influence-passivity).
    followers : numpy.ndarray, optional
        Declared follower counts per account (NaN when unknown).
    depth_gap_hours : float
        See :func:`~einfluence.scoring.cascades.amplification_depth`.

    Returns
    -------
    dict of str to numpy.ndarray or None
        One array per measure (length ``view.n_nodes``); None when the data cannot give it
        (no declared followers, no follows, no posts, no relays...).
    """
    has_posts = posts is not None and posts.post_id.size > 0
    rank = pagerank(view, kinds=REACTION_KINDS)
    influence, _ = influence_passivity(view, posts if has_posts else None)
    out: dict[str, np.ndarray | None] = {
        "followers": None if followers is None or np.all(np.isnan(followers)) else np.nan_to_num(followers),
        "follower_indegree": received(view, AUDIENCE_KINDS),
        "relays_received": received(view, "relay"),
        "mentions_received": received(view, "mention"),
        "replies_received": received(view, "reply"),
        "reactions_received": received(view, REACTION_KINDS),
        "distinct_reactors": distinct_reactors(view, REACTION_KINDS),
        "reactions_per_post": reactions_per_post(view, posts) if has_posts else None,
        "reactor_selectivity": reactor_selectivity(view, REACTION_KINDS),
        "amplification_depth": amplification_depth(
            view, posts if has_posts else None, max_gap_hours=depth_gap_hours
        ),
        "pagerank": rank,
        "k_core": core_number(view, REACTION_KINDS).astype(np.float64),
        "ip_influence": influence,
        "network_impact": network_impact(view, rank * view.n_nodes, kinds=REACTION_KINDS),
    }
    return {name: _any(values) for name, values in out.items()}
