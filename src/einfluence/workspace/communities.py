"""Workspace service for communities: Leiden runs, members, and the report of who leads and bridges them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import numpy as np

from einfluence.base.progress import NullProgress, Progress
from einfluence.exceptions import InputError
from einfluence.i18n import Reason
from einfluence.workspace.scores import score_run_for

if TYPE_CHECKING:
    import pyarrow as pa

    from einfluence.workspace.context import Context

__all__ = [
    "account_community",
    "communities",
    "community_audience",
    "community_map",
    "community_members",
    "community_report",
    "community_roles",
    "community_run",
    "community_runs",
    "find_community_run",
]


def _request(kinds: Sequence[str] | None, resolution: float, seed: int, backend: str,
             engine: Any = None) -> dict[str, Any]:
    """What a community run was asked for (its ``params["request"]``): Leiden's on the local
    engine, label propagation's on Spark (``engine`` a SparkConfig), which has no resolution
    nor backend (a resolution other than 1 is an error there)."""
    chosen = None if kinds is None else sorted(kinds)
    if engine is None:
        return {"kinds": chosen, "resolution": float(resolution), "seed": int(seed), "backend": backend}
    if float(resolution) != 1.0:
        raise InputError("--resolution is Leiden's: label propagation on Spark has none", parameter="resolution")
    return {"kinds": chosen, "seed": int(seed), "method": "label_propagation", "engine": "spark"}


def find_community_run(
    ctx: Context,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    networks: Sequence[str] | None = None,
    kinds: Sequence[str] | None = None,
    resolution: float = 1.0,
    seed: int = 0,
    backend: str = "graspologic",
) -> int | None:
    """The stored community run of this window and parameters, or None: :func:`communities`
    with ``reuse`` but without computing anything (it only reads the database)."""
    from einfluence.store.communities import find_community_run as find

    return find(ctx.con, since=since, until=until, networks=networks,
                params=_request(kinds, resolution, seed, backend, ctx.engine))


def community_runs(ctx: Context) -> list[dict[str, Any]]:
    """Every stored community run (window, parameters, modularity, version), oldest first."""
    from einfluence.store.runs import list_run_rows

    return list_run_rows(ctx.con, "community_runs", "community_run_id")


def communities(
    ctx: Context,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    networks: Sequence[str] | None = None,
    kinds: Sequence[str] | None = None,
    resolution: float = 1.0,
    seed: int = 0,
    backend: str = "graspologic",
    reuse: bool = True,
    progress: Progress | None = None,
) -> int:
    """Find the communities of the interaction graph of a window (Leiden) and store them; return the run id.

    ``backend`` is the Leiden implementation (``graspologic``, or ``igraph`` with the
    ``einfluence[igraph]`` extra: see :func:`~einfluence.communities.leiden_communities`). With
    ``reuse`` an existing run of the same window and parameters is returned instead.

    On the Spark engine (the workspace's ``engine="spark"``) the communities are found by label
    propagation on the executors (:func:`einfluence.spark.communities.spark_label_propagation`),
    their modularity computed on the driver as Leiden's; the run records ``engine`` and
    ``method: "label_propagation"`` in its request, so that it is never taken for a Leiden run.
    """
    from einfluence.store.communities import find_community_run, save_community_run

    progress = progress or NullProgress()
    params = _request(kinds, resolution, seed, backend, ctx.engine)
    if reuse:
        found = find_community_run(ctx.con, since=since, until=until, networks=networks, params=params)
        if found is not None:
            return found
    progress.start(Reason("progress.load_graph"), None)
    view = ctx.graph(since=since, until=until, networks=networks)
    stored: dict[str, Any] = {"request": params}
    if ctx.engine is None:
        from einfluence.communities import community_graph, leiden_communities

        n_accounts = view.n_nodes
        edges = community_graph(view, kinds=kinds)
        del view  # Leiden needs the linked pairs only: the interactions' memory goes back first
        progress.start(Reason("progress.leiden", n=n_accounts), None)
        partition = leiden_communities(edges, kinds=kinds, resolution=resolution, random_state=seed, backend=backend)
    else:
        from einfluence.spark.communities import spark_label_propagation

        progress.start(Reason("progress.propagation_spark", n=view.n_nodes), None)
        session = ctx.spark()
        partition = spark_label_propagation(view, session=session, kinds=kinds, random_state=seed,
                                            partitions=ctx.engine.partitions)
        stored["engine"] = {**ctx.engine.describe(), "spark_version": str(session.version)}
    stored["algorithm"] = dict(partition.params)
    progress.start(Reason("progress.store_communities"), None)
    return save_community_run(
        ctx.con,
        membership=partition.membership,
        modularity=partition.modularity,
        params=stored,
        since=since,
        until=until,
        networks=networks,
    )


def community_run(ctx: Context, run_id: int | None = None) -> dict[str, Any]:
    """A stored community run (the latest by default)."""
    from einfluence.store.communities import get_community_run

    return get_community_run(ctx.con, run_id)


def account_community(ctx: Context, account_id: int, run_id: int | None = None) -> int | None:
    """The community of one account (by id) in a stored community run (the latest by default);
    None when the run did not assign it."""
    from einfluence.store.communities import account_community as community_of
    from einfluence.store.communities import get_community_run

    run = int(get_community_run(ctx.con, run_id)["community_run_id"]) if run_id is None else int(run_id)
    return community_of(ctx.con, run, int(account_id))


def community_members(ctx: Context, run_id: int | None = None, *, community: int | None = None) -> pa.Table:
    """Accounts and their community (``account``, ``network``, ``handle``, ``name``, ``account_id``,
    ``community``)."""
    from einfluence.store.communities import community_members as members
    from einfluence.store.communities import get_community_run

    run = get_community_run(ctx.con, run_id)
    return members(ctx.con, int(run["community_run_id"]), community=community)


def community_audience(
    ctx: Context,
    community: int,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    networks: Sequence[str] | None = None,
) -> tuple[np.ndarray, str]:
    """The members of a community of the window's community run (found or computed now), as a
    mask over account ids, and a label. An empty community is an error."""
    from einfluence.store.communities import community_membership

    run = communities(ctx, since=since, until=until, networks=networks)
    members = community_membership(ctx.con, run, ctx.n_accounts()) == community
    if not members.any():
        raise InputError(f"community {community} has no member in community run #{run}", parameter="community")
    return members, f"community {community}"


def _run_leaders(ctx: Context, run_id: int | None, score_run: int | None, k: int) -> tuple:
    """A community run's row, the graph of its window, its membership, the score run (the window's
    when none is given), the scores and the ``k`` leaders of each community: what the roles and
    the map of a run start from."""
    from einfluence.communities import community_leaders, leader_kinds
    from einfluence.store.communities import community_membership, get_community_run
    from einfluence.store.scores import score_values

    run = get_community_run(ctx.con, run_id)
    since, until, networks = run["since"], run["until"], run["networks"]
    view = ctx.graph(since=since, until=until, networks=networks)
    membership = community_membership(ctx.con, int(run["community_run_id"]), ctx.n_accounts())[: view.n_nodes]
    if score_run is None:
        score_run = score_run_for(ctx, since=since, until=until, networks=networks)
    scores = score_values(ctx.con, score_run, view.n_nodes)
    leaders = community_leaders(view, membership, score=scores, k=k, kinds=leader_kinds(view))
    return run, view, membership, score_run, scores, leaders


def community_roles(
    ctx: Context,
    run_id: int | None = None,
    *,
    k: int = 5,
    score_run: int | None = None,
) -> dict[str, Any]:
    """Who leads each community of a run and who brokers between them, as
    :func:`community_report` finds them (same functions, same ``k``), without the report's terms
    and sizes: what a profile needs to name an account's role, at a fraction of the cost (the
    report reads every post's text).

    Returns ``{"community_run", "score_run", "leaders": {community: [account...]},
    "brokers": [account with community, participation, other_communities, between_weight]}``,
    accounts as :meth:`~einfluence.workspace.context.Context.describe` gives them, with their id.
    """
    from einfluence.communities import brokers

    run, view, membership, score_run, _, leaders = _run_leaders(ctx, run_id, score_run, k)
    bridge = brokers(view, membership, k=k)
    described = ctx.describe(np.concatenate([np.asarray(v, dtype=np.int64) for v in leaders.values()]
                                            + [np.asarray(bridge.top, dtype=np.int64)]))
    return {
        "community_run": int(run["community_run_id"]), "score_run": int(score_run),
        "leaders": {int(c): [described[int(a)] | {"account_id": int(a)} for a in members]
                    for c, members in leaders.items()},
        "brokers": [described[int(a)] | {"account_id": int(a), "community": int(membership[a]),
                                         "participation": float(bridge.participation[a]),
                                         "other_communities": int(bridge.n_other_communities[a]),
                                         "between_weight": float(bridge.between_weight[a])} for a in bridge.top],
    }


def community_report(
    ctx: Context,
    run_id: int | None = None,
    *,
    k: int = 5,
    n_communities: int = 10,
    score_run: int | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """The communities of a run: sizes, distinctive terms, leaders, and the brokers between them.

    * terms: the words a community's members write distinctly more than the others
      (:func:`~einfluence.topics.distinctive_terms`);
    * leaders: the members most reacted to by distinct members of their own community
      (:func:`~einfluence.communities.community_leaders`), ties broken by einfluence score;
      on a graph without reactions, the most linked to or followed
      (:func:`~einfluence.communities.leader_kinds`);
    * brokers: the accounts whose ties spread over several communities
      (:func:`~einfluence.communities.brokers`).
    """
    from einfluence.communities import brokers, community_leaders, internal_reach, leader_kinds
    from einfluence.store.communities import community_membership, get_community_run
    from einfluence.store.scores import score_values
    from einfluence.store.topics import post_texts
    from einfluence.topics import distinctive_terms, group_term_counts, term_counts

    progress = progress or NullProgress()
    run = get_community_run(ctx.con, run_id)
    since, until, networks = run["since"], run["until"], run["networks"]
    membership = community_membership(ctx.con, int(run["community_run_id"]), ctx.n_accounts())
    progress.start(Reason("progress.describe_communities"), None)
    view = ctx.graph(since=since, until=until, networks=networks)
    membership = membership[: view.n_nodes]
    if score_run is None:
        score_run = score_run_for(ctx, since=since, until=until, networks=networks)
    scores = score_values(ctx.con, score_run, view.n_nodes)
    kinds = leader_kinds(view)
    reach = internal_reach(view, membership, kinds=kinds)
    leaders = community_leaders(view, membership, score=scores, k=k, kinds=kinds)
    bridge = brokers(view, membership, k=k)
    sizes = np.bincount(membership[membership >= 0], minlength=int(run["n_communities"]))
    shown = np.argsort(-sizes, kind="stable")[:n_communities]
    terms: list[list[tuple[str, float, int]]] = [[] for _ in range(sizes.size)]
    texts = post_texts(ctx.con, since=since, until=until, networks=networks)
    counted = term_counts(texts.column("text").to_pylist())
    if counted is not None:
        X, vocabulary, rows = counted
        author = texts.column("author").to_numpy()[rows]
        group = np.where(author >= 0, membership[np.clip(author, 0, view.n_nodes - 1)], -1)
        terms = distinctive_terms(group_term_counts(X, group, sizes.size), vocabulary, k=k)
    described = ctx.describe(np.concatenate([*(leaders.get(int(c), []) for c in shown), bridge.top]))
    return {
        "run": {key: run[key] for key in ("community_run_id", "since", "until", "networks", "params",
                                          "n_communities", "modularity", "einfluence_version")},
        "n_assigned": int(sizes.sum()),
        "leader_kinds": list(kinds),
        "communities": [
            {
                "community": int(c),
                "size": int(sizes[c]),
                "terms": [t for t, _, _ in terms[c]],
                "leaders": [described[int(a)] | {"internal_reach": int(reach[a])} for a in leaders.get(int(c), [])],
            }
            for c in shown
        ],
        "brokers": [
            described[int(a)] | {
                "community": int(membership[a]),
                "participation": float(bridge.participation[a]),
                "other_communities": int(bridge.n_other_communities[a]),
                "between_weight": float(bridge.between_weight[a]),
            }
            for a in bridge.top
        ],
    }


def community_map(
    ctx: Context,
    run_id: int | None = None,
    *,
    max_accounts: int = 2000,
    k: int = 5,
    score_run: int | None = None,
    random_state: int = 0,
) -> dict[str, Any]:
    """A map of a community run (the latest by default): the most influential members (by
    einfluence score), the ``k`` leaders and brokers of each community, their positions, and the
    ties between communities (:func:`einfluence.communities.community_map`).

    Returns a JSON-ready dict: ``run``, ``nodes`` (account, network, handle, name, community, x, y,
    score, leader, broker), ``communities`` (community, size) and ``edges`` (``[a, b, weight]``,
    positions in ``nodes``).
    """
    from einfluence.communities import brokers
    from einfluence.communities import community_map as build

    run, view, membership, score_run, scores, leaders = _run_leaders(ctx, run_id, score_run, k)
    lead = np.concatenate([np.asarray(v, dtype=np.int64) for v in leaders.values()]) if leaders else np.zeros(0, np.int64)
    drawn = build(view, membership, scores, leaders=lead, brokers=brokers(view, membership, k=k).top,
                  max_accounts=max_accounts, random_state=random_state)
    described = ctx.describe(drawn.account)
    nodes = [
        {**described[int(a)], "account_id": int(a), "community": int(c), "x": float(x), "y": float(y),
         "score": float(s), "leader": bool(le), "broker": bool(br)}
        for a, c, x, y, s, le, br in zip(drawn.account, drawn.community, drawn.x, drawn.y, drawn.importance,
                                         drawn.leader, drawn.broker, strict=True)
    ]
    return {
        "run": {key: run[key] for key in ("community_run_id", "since", "until", "networks", "n_communities",
                                          "modularity", "einfluence_version")},
        "score_run": score_run,
        "nodes": nodes,
        "communities": [{"community": int(c), "size": int(n)} for c, n in zip(drawn.communities, drawn.sizes,
                                                                              strict=True)],
        "edges": [[int(a), int(b), float(w)] for a, b, w in zip(drawn.edge_a, drawn.edge_b, drawn.edge_weight,
                                                                strict=True)],
    }
