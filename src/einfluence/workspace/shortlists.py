"""Workspace service for shortlists: the influencers of a topic, a community, a query or a brand,
and the shortlists people save by name (then a campaign's or a seed selection's target).

A shortlist is a ranking narrowed the way a brief asks: the on-topic score (the interactions
about the topic alone), the members of a community, the accounts whose texts are relevant to a
query or that talk about a brand. The command line's ``rank``, the reports and the API all ask
for it here, so that a shortlist is the same wherever it is read.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import numpy as np

from einfluence.base.progress import NullProgress, Progress
from einfluence.exceptions import InputError

if TYPE_CHECKING:
    from einfluence.scoring.params import ScoreParams
    from einfluence.workspace.context import Context

__all__ = [
    "MAX_SHORTLIST",
    "brand_query",
    "delete_shortlist",
    "save_shortlist",
    "saved_shortlist",
    "saved_shortlists",
    "shortlist",
    "shortlist_target",
]

#: accounts a saved shortlist holds at most
MAX_SHORTLIST = 5000
#: characters of a shortlist's name at most
_MAX_NAME = 80


def brand_query(declared: Mapping[str, Any]) -> str:
    """The words a brand is talked about with (names, handles, hashtags, products), as a query."""
    words = [*declared["aliases"], *declared["handles"], *declared["hashtags"], *declared["products"]]
    return " ".join(dict.fromkeys([declared["name"], *words]))


def _calibration_of(ctx: Context, run_id: int) -> int:
    from einfluence.store.scores import get_run

    return int(get_run(ctx.con, run_id)["params"]["request"]["calibration"])


def shortlist(
    ctx: Context,
    *,
    topic: str | int | None = None,
    topic_run: int | None = None,
    community: int | None = None,
    query: str | None = None,
    brand: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    networks: Sequence[str] | None = None,
    params: ScoreParams | Mapping[str, Any] | None = None,
    run_id: int | None = None,
    limit: int | None = 20,
    min_score: float | None = None,
    min_reactors: float | None = None,
    calibration: int | str | None = None,
    compute: bool = True,
    progress: Progress | None = None,
) -> dict[str, Any] | None:
    """The best accounts for a brief, with what narrowed them.

    ``topic`` scores the window on the interactions about that topic (index, name or top term
    of ``topic_run``, the latest by default); ``community`` keeps its members (of the window's
    community run, found or computed); ``query`` keeps the accounts whose texts are relevant to
    it, ordered by score × relevance; ``brand`` does the same with the brand's names, handles,
    hashtags and products, leaving out the declared brands' own accounts. They combine. With
    ``run_id`` a stored score run is read instead (then ``topic`` is not allowed). With
    ``calibration`` (``"latest"`` or an id) the score uses a stored calibration's weights and
    half-life.

    The window's score run and community run are found, or computed and stored once. With
    ``compute=False`` nothing is computed nor written: None is returned when a run is missing
    (the server reads in read-only snapshots and computes missing runs as jobs).

    Returns a dict: ``run`` (the score run id), ``topic`` (``{"topic_run", "topic", "name"}``
    or None), ``community`` (``{"community_run", "community"}`` or None), ``query``, ``brand``,
    ``title`` (what the list is, in words) and ``rows`` (a :class:`pyarrow.Table`, best first).
    """
    from einfluence.workspace.communities import communities, find_community_run
    from einfluence.workspace.perception import brand_index, brands
    from einfluence.workspace.scores import (
        DEFAULT_MIN_TOPIC_WEIGHT,
        TopicFilter,
        find_score_run,
        rank,
        score_run_for,
    )
    from einfluence.workspace.topics import find_topic, relevance
    from einfluence.workspace.topics import topic_run as get_topic_run

    progress = progress or NullProgress()
    window = {"since": since, "until": until, "networks": networks}
    title, about = "einfluence ranking", None
    if topic is not None:
        if run_id is not None:
            raise InputError("a stored run cannot be narrowed to a topic: leave out the run", parameter="topic")
        found_run, index = find_topic(ctx, topic, topic_run)
        name = get_topic_run(ctx, found_run)["topics"][index]["name"]
        about = {"topic_run": found_run, "topic": index, "name": name}
        title += f" on topic {index} ({name})"
    if run_id is not None and calibration is not None:
        raise InputError("a stored run has its own weights: leave out the run or the calibration", parameter="calibration")
    if run_id is None:
        topic_filter = None if about is None else TopicFilter(
            topic_run=about["topic_run"], topic=about["topic"], min_weight=DEFAULT_MIN_TOPIC_WEIGHT)
        if compute:
            run_id = score_run_for(ctx, **window, params=params, topic=topic_filter, calibration=calibration,
                                   progress=progress)
        else:
            run_id = find_score_run(ctx, **window, params=params, topic=topic_filter, calibration=calibration)
            if run_id is None:
                return None
        if calibration is not None:
            title += f" with calibration #{_calibration_of(ctx, run_id)}"
    members = None
    if community is not None:
        if compute:
            community_run = communities(ctx, **window, progress=progress)
        else:
            community_run = find_community_run(ctx, **window)
            if community_run is None:
                return None
        members = {"community_run": community_run, "community": int(community)}
        title += f" in community {community} (community run #{community_run})"
    weights = None
    if query is not None:
        weights = relevance(ctx, query, **window)
        title += f" relevant to {query!r}"
    declared_brand = None
    if brand is not None:
        declared = brands(ctx)
        declared_brand = declared[brand_index(declared, brand)]
        talk = relevance(ctx, brand_query(declared_brand), **window)
        own = np.asarray([a for b in declared for a in b["accounts"]], dtype=np.int64)
        talk[own[own < talk.size]] = 0.0  # a brand's own accounts are not its influencers
        weights = talk if weights is None else weights * (talk > 0)
        title += f" talking about {declared_brand['name']}"
    rows = rank(
        ctx, run_id, limit=limit, networks=networks, min_score=min_score, min_reactors=min_reactors,
        community=None if members is None else members["community"],
        community_run=None if members is None else members["community_run"], relevance=weights,
    )
    return {"run": run_id, "topic": about, "community": members, "query": query,
            "brand": None if declared_brand is None else declared_brand["name"], "title": f"{title} (run #{run_id})",
            "rows": rows}


def _check_name(name: Any) -> str:
    """A shortlist's name, stripped: 1 to 80 printable characters."""
    text = str(name or "").strip()
    if not text:
        raise InputError("a shortlist needs a name", parameter="name")
    if len(text) > _MAX_NAME:
        raise InputError(f"a shortlist's name has at most {_MAX_NAME} characters, got {len(text)}", parameter="name")
    if any(not c.isprintable() for c in text):
        raise InputError("a shortlist's name cannot hold control characters", parameter="name")
    return text


def save_shortlist(
    ctx: Context,
    name: str,
    accounts: Sequence[str | Mapping[str, Any]],
    *,
    network: str | None = None,
    filters: Mapping[str, Any] | None = None,
    created_by: str | None = None,
) -> dict[str, Any]:
    """Save accounts under a name (replacing the shortlist of that name), in their order.

    Parameters
    ----------
    ctx : Context
        The workspace.
    name : str
        The shortlist's name (1 to 80 characters), unique in the workspace.
    accounts : sequence
        Source ids or ``@handles`` (looked for in ``network``, else everywhere: a name several
        networks share is an error), or ``{"account": ..., "network": ...}`` mappings; an
        account listed twice is kept once, at its first place.
    network : str, optional
        The network of the accounts given as plain names.
    filters : mapping, optional
        The ranking's filters the accounts were picked from (kept as they are, for the record).
    created_by : str, optional
        Who saves it (the server passes its token's name).

    Returns
    -------
    dict
        The saved shortlist, as :func:`saved_shortlist` gives it.

    Raises
    ------
    InputError
        An empty name or list, more than :data:`MAX_SHORTLIST` accounts, an unknown account.
    """
    from einfluence.store.shortlists import save_shortlist as store_save

    text = _check_name(name)
    items = list(accounts)
    if not items:
        raise InputError("a shortlist needs at least one account", parameter="accounts")
    if len(items) > MAX_SHORTLIST:
        raise InputError(f"a shortlist holds at most {MAX_SHORTLIST} accounts, got {len(items)}",
                         parameter="accounts")
    ids: list[int] = []
    for item in items:
        if isinstance(item, Mapping):
            who, where = item.get("account"), item.get("network") or network
        else:
            who, where = item, network
        if who is None or str(who).strip() == "":
            raise InputError("an empty account name", parameter="accounts")
        ids.append(int(ctx.resolve([str(who).strip()], network=where, parameter="accounts")[0]))
    store_save(ctx.con, text, list(dict.fromkeys(ids)), filters=filters, created_by=created_by)
    return saved_shortlist(ctx, text)


def saved_shortlists(ctx: Context) -> list[dict[str, Any]]:
    """The saved shortlists by name: ``shortlist_id``, ``name``, ``n_accounts``, ``filters``,
    ``created_by``, ``created_at``, ``updated_at`` (without their accounts)."""
    from einfluence.store.shortlists import list_shortlists

    return list_shortlists(ctx.con)


def saved_shortlist(ctx: Context, name: str) -> dict[str, Any]:
    """A saved shortlist with its ``accounts`` in order (``account_id``, ``account``, ``network``,
    ``handle``); an :class:`~einfluence.exceptions.InputError` when no shortlist has that name."""
    from einfluence.store.shortlists import get_shortlist

    return get_shortlist(ctx.con, str(name).strip())


def delete_shortlist(ctx: Context, name: str) -> None:
    """Forget a saved shortlist (an :class:`~einfluence.exceptions.InputError` when there is none)."""
    from einfluence.store.shortlists import delete_shortlist as store_delete

    store_delete(ctx.con, str(name).strip())


def shortlist_target(ctx: Context, name: str) -> tuple[np.ndarray, str]:
    """A saved shortlist as a campaign's target: weight 1 on its accounts, 0 elsewhere (length
    :meth:`~einfluence.Workspace.n_accounts`), and its label, as
    :meth:`~einfluence.Workspace.community_audience` gives a community's.

    Examples
    --------
    >>> from einfluence import Workspace
    >>> from einfluence.io import Records
    >>> with Workspace(":memory:") as ws:
    ...     _ = ws.add_records(Records.from_columns(interactions={
    ...         "network": "demo", "src": ["ann", "bob"], "dst": ["carl", "carl"], "kind": "relay"}))
    ...     _ = ws.save_shortlist("fans", ["ann", "bob"])
    ...     weights, label = ws.shortlist_target("fans")
    ...     int(weights.sum()), label
    (2, "shortlist 'fans' (2 accounts)")
    """
    found = saved_shortlist(ctx, name)
    weights = np.zeros(ctx.n_accounts())
    weights[[a["account_id"] for a in found["accounts"]]] = 1.0
    return weights, f"shortlist {found['name']!r} ({len(found['accounts'])} accounts)"
