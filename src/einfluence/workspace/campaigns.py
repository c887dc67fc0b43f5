"""Workspace service for campaigns: the influence graph, seed selection, simulation and plans.

Every seed selection, simulation and plan is stored in ``plans`` with its inputs, window and
einfluence version.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import numpy as np

from einfluence.base.progress import NullProgress, Progress
from einfluence.exceptions import InputError
from einfluence.i18n import Reason
from einfluence.workspace.context import Nodes
from einfluence.workspace.scores import rank, score_run_for
from einfluence.workspace.topics import find_topic

if TYPE_CHECKING:
    from einfluence.diffusion import ActionLog
    from einfluence.graph import DiffusionGraph
    from einfluence.workspace.context import Context

__all__ = [
    "account_costs",
    "action_log",
    "audience",
    "diffusion_graph",
    "expected_reach",
    "graph_nodes",
    "message_topics",
    "plan",
    "plan_info",
    "plans",
    "select_seeds",
    "simulate_seeds",
]


def action_log(
    ctx: Context,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    networks: Sequence[str] | None = None,
) -> ActionLog:
    """The cascades of the posts of a window (:func:`~einfluence.diffusion.action_log`)."""
    from einfluence.diffusion import action_log as cascades

    return cascades(ctx.posts(since=since, until=until, networks=networks))


def diffusion_graph(
    ctx: Context,
    *,
    probabilities: str = "wc",
    model: str = "ic",
    kinds: Sequence[str] | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    networks: Sequence[str] | None = None,
    random_state: int = 0,
) -> tuple[DiffusionGraph, dict[str, Any]]:
    """The influence graph of a window with arc probabilities (IC) or weights (LT), and its description.

    Arcs ``u -> v`` come from the standing ties (``v`` follows, subscribes or links to ``u``),
    or, when the window holds no follow, from reactions (``v`` relayed, quoted, replied to,
    mentioned or linked to ``u``); ``kinds`` chooses. ``probabilities`` names the rule
    (:func:`~einfluence.diffusion.influence_graph`): ``stored``, ``wc``, ``trivalency``,
    ``constant:P``, ``learned`` or ``em`` (both learned from the cascades of the posts). With
    ``networks`` the graph is those networks' accounts: node ``i`` is account
    ``graph_nodes(networks).ids[i]`` (:func:`graph_nodes`).
    """
    g, info, _ = _influence_graph(ctx, probabilities=probabilities, model=model, kinds=kinds, since=since,
                                  until=until, networks=networks, random_state=random_state)
    return g, info


def graph_nodes(ctx: Context, networks: Sequence[str] | None = None) -> Nodes:
    """The nodes of the influence graph of ``networks`` (see :class:`~einfluence.workspace.context.Nodes`)."""
    from einfluence.store.queries import account_ids_of_networks

    if networks is None:
        return Nodes(None, ctx.n_accounts())
    ids = account_ids_of_networks(ctx.con, networks)
    return Nodes(ids, ids.size)


def _influence_graph(
    ctx: Context,
    *,
    probabilities: str,
    model: str,
    kinds: Sequence[str] | None,
    since: datetime | None,
    until: datetime | None,
    networks: Sequence[str] | None,
    random_state: int,
) -> tuple[DiffusionGraph, dict[str, Any], Nodes]:
    """The influence graph of a window, its description, and its nodes."""
    from einfluence.diffusion import (
        DIFFUSION_REACTIONS,
        DIFFUSION_TIES,
        ActionLog,
        influence_graph,
        parse_probabilities,
    )
    from einfluence.store.queries import has_interactions

    rule, _ = parse_probabilities(probabilities)
    window = {"since": since, "until": until, "networks": networks}
    if kinds is None:
        kinds = DIFFUSION_TIES if has_interactions(ctx.con, kinds=["follow"], **window) else DIFFUSION_REACTIONS
    arcs = ctx.arcs(kinds=kinds, **window)
    nodes = Nodes(arcs.nodes, arcs.n_accounts)
    actions = None
    if rule in ("learned", "em"):
        log = action_log(ctx, **window)
        account = nodes.lookup(log.account)
        keep = account >= 0
        # a parent outside the graph's accounts is an unknown parent (-1)
        parent = None if log.parent is None else nodes.lookup(log.parent[keep])
        actions = ActionLog(log.cascade[keep], account[keep], log.time[keep], parent)
    g = influence_graph(arcs, probabilities=probabilities, model=model, actions=actions, random_state=random_state)
    info = {
        "kinds": list(kinds), "probabilities": probabilities, "model": model,
        "n_nodes": g.n_nodes, "n_arcs": g.n_arcs, "mean_probability": float(g.prob.mean()) if g.n_arcs else 0.0,
        "networks": None if networks is None else list(networks),
    }
    return g, info, nodes


def audience(ctx: Context, n: int) -> np.ndarray:
    """Audience size of the first ``n`` accounts: declared followers, else their followers in the data."""
    from einfluence.store.queries import audience_sizes

    return audience_sizes(ctx.con, np.arange(n))


def account_costs(
    ctx: Context,
    n: int,
    *,
    price_list: Mapping[int, float] | None = None,
    rate_card: Mapping[str, float] | None = None,
) -> np.ndarray:
    """Cost of activating each of the first ``n`` accounts: its price when listed, else the rate
    card ``base + per_thousand × audience / 1000`` (:func:`~einfluence.targeting.rate_card_costs`)."""
    from einfluence.targeting import rate_card_costs

    return rate_card_costs(audience(ctx, n), rate_card=rate_card, price_list=price_list)


def _node_costs(
    ctx: Context,
    nodes: Nodes,
    *,
    price_list: Mapping[int, float] | None = None,
    rate_card: Mapping[str, float] | None = None,
) -> np.ndarray:
    """The cost of each node (:func:`account_costs` of its account)."""
    from einfluence.store.queries import audience_sizes
    from einfluence.targeting import rate_card_costs

    ids = nodes.accounts(np.arange(nodes.n))
    listed = None if price_list is None else {
        int(node): price for node, price in zip(nodes.of_accounts(list(price_list), parameter="price_list"),
                                                price_list.values(), strict=True)
    }
    return rate_card_costs(audience_sizes(ctx.con, ids), rate_card=rate_card, price_list=listed)


def _node_target(nodes: Nodes, target: np.ndarray | None) -> np.ndarray | None:
    """A target (account ids, a mask or weights over accounts) as weights over the nodes."""
    from einfluence.targeting import target_weights

    if target is None:
        return None
    t = np.asarray(target)
    if t.dtype == bool or np.issubdtype(t.dtype, np.floating):
        return nodes.per_node(t.astype(np.float64))
    return target_weights(nodes.keep(t), nodes.n)


def _load_kernels(model: str) -> None:
    """Load the compiled IMM kernels of ``model`` with a throw-away run on a two-node graph, so
    that the seconds a selection reports are the algorithm's own, not the loading's."""
    from einfluence.graph import DiffusionGraph
    from einfluence.targeting import imm

    imm(DiffusionGraph.from_arcs([0], [1], [0.5]), 1, epsilon=0.5, model=model, random_state=0)


def select_seeds(
    ctx: Context,
    k: int,
    *,
    epsilon: float = 0.1,
    ell: float = 1.0,
    model: str = "ic",
    probabilities: str = "wc",
    kinds: Sequence[str] | None = None,
    target: np.ndarray | None = None,
    budget: float | None = None,
    costs: np.ndarray | None = None,
    exclude: Sequence[int] | None = None,
    include: Sequence[int] | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    networks: Sequence[str] | None = None,
    random_state: int = 0,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Choose seeds with IMM (or budgeted IMM) on the window's influence graph; store the selection.

    ``target``: account ids, a boolean mask or per-account weights (only reach inside it
    counts). With ``budget``, ``costs`` (one per account, default :func:`account_costs`) bound
    the total and ``k`` is not used. ``exclude`` and ``include`` are account ids. With
    ``networks``, the graph, its size in IMM's guarantee and the candidates are those
    networks' accounts.
    """
    from einfluence.store.plans import save_plan
    from einfluence.targeting import budgeted_imm, imm, target_size

    progress = progress or NullProgress()
    progress.start(Reason("progress.influence_graph"), None)
    g, info, nodes = _influence_graph(ctx, probabilities=probabilities, model=model, kinds=kinds, since=since,
                                      until=until, networks=networks, random_state=random_state)
    progress.start(Reason("progress.choose_seeds"), None)
    _load_kernels(model)
    common = {
        "epsilon": epsilon, "ell": ell, "model": model, "target": _node_target(nodes, target),
        "random_state": random_state,
        "exclude": None if exclude is None else nodes.keep(exclude).tolist(),
        "include": None if include is None else nodes.of_accounts(include, parameter="include").tolist(),
    }
    cost = None
    if budget is not None:
        cost = _node_costs(ctx, nodes) if costs is None else nodes.per_node(np.asarray(costs, dtype=np.float64))
        result = budgeted_imm(g, cost, budget, **common)
    else:
        result = imm(g, k, **common)
    out = result.to_dict()
    chosen = np.asarray(out.pop("seeds"), dtype=np.int64)
    accounts = ctx.accounts_info(nodes.accounts(chosen))
    out["seeds"] = [a["account"] for a in accounts]
    out["seed_accounts"] = [
        {**a, "marginal": m, **({"cost": float(cost[i])} if cost is not None else {})}
        for a, m, i in zip(accounts, out.pop("marginal"), chosen, strict=True)
    ]
    out["graph"] = info
    inputs = {"k": k, "epsilon": epsilon, "ell": ell, "model": model, "probabilities": probabilities,
              "kinds": info["kinds"], "budget": budget, "random_state": random_state,
              "target_size": None if target is None else target_size(target),
              "exclude": list(exclude or []), "include": list(include or [])}
    out["plan_id"] = save_plan(ctx.con, kind="seeds", inputs=inputs, result=out, since=since, until=until,
                               networks=networks)
    return out


def simulate_seeds(
    ctx: Context,
    seeds: Sequence[int],
    *,
    model: str = "ic",
    probabilities: str = "wc",
    kinds: Sequence[str] | None = None,
    target: np.ndarray | None = None,
    n_simulations: int = 10_000,
    since: datetime | None = None,
    until: datetime | None = None,
    networks: Sequence[str] | None = None,
    random_state: int = 0,
    store: bool = True,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Monte-Carlo spread of a given seed set (account ids), with its confidence interval.

    On the Spark engine the simulations run on the executors
    (:func:`einfluence.spark.diffusion.spark_simulate`, the local estimate whatever the
    partitioning); the result and the stored plan's inputs then record the engine.
    """
    from einfluence.store.plans import save_plan
    from einfluence.targeting import estimate_figures

    progress = progress or NullProgress()
    progress.start(Reason("progress.influence_graph"), None)
    g, info, nodes = _influence_graph(ctx, probabilities=probabilities, model=model, kinds=kinds, since=since,
                                      until=until, networks=networks, random_state=random_state)
    where = nodes.of_accounts(seeds, parameter="seeds")
    engine: dict[str, Any] | None = None
    if ctx.engine is None:
        from einfluence.diffusion import simulate

        progress.start(Reason("progress.simulate", n=n_simulations), None)
        estimate = simulate(g, where, model=model, n_simulations=n_simulations, random_state=random_state,
                            target=_node_target(nodes, target))
    else:
        from einfluence.spark.diffusion import spark_simulate

        progress.start(Reason("progress.simulate_spark", n=n_simulations), None)
        session = ctx.spark()
        estimate = spark_simulate(g, where, session=session, model=model, n_simulations=n_simulations,
                                  random_state=random_state, target=_node_target(nodes, target),
                                  tasks=ctx.engine.partitions)
        engine = {**ctx.engine.describe(), "spark_version": str(session.version)}
    out = {"seeds": [a["account"] for a in ctx.accounts_info(seeds)], **estimate_figures(estimate), "graph": info}
    if engine is not None:
        out["engine"] = engine
    if store:
        inputs = {"seeds": out["seeds"], "model": model, "probabilities": probabilities,
                  "n_simulations": n_simulations, "random_state": random_state}
        if engine is not None:
            inputs["engine"] = "spark"
        out["plan_id"] = save_plan(ctx.con, kind="simulation", inputs=inputs, result=out, since=since, until=until,
                                   networks=networks)
    return out


def expected_reach(
    ctx: Context,
    accounts: Sequence[int],
    *,
    model: str = "ic",
    probabilities: str = "wc",
    kinds: Sequence[str] | None = None,
    target: np.ndarray | None = None,
    n_simulations: int = 1000,
    since: datetime | None = None,
    until: datetime | None = None,
    networks: Sequence[str] | None = None,
    random_state: int = 0,
    progress: Progress | None = None,
) -> list[dict[str, Any]]:
    """Each account's expected reach alone (Monte-Carlo, one influence graph for all): the
    figures of :func:`simulate_seeds` per account (``expected_spread``, ``ci95``, and the reach in
    ``target`` when given), in the order asked. Accounts outside the influence graph reach
    themselves alone."""
    from einfluence.diffusion import simulate
    from einfluence.targeting import estimate_figures

    progress = progress or NullProgress()
    progress.start(Reason("progress.influence_graph"), None)
    g, _, nodes = _influence_graph(ctx, probabilities=probabilities, model=model, kinds=kinds, since=since,
                                   until=until, networks=networks, random_state=random_state)
    node_target = _node_target(nodes, target)
    where = nodes.lookup(np.asarray(accounts, dtype=np.int64))
    progress.start(Reason("progress.simulate_each", n=n_simulations, n_accounts=len(where)), len(where), "accounts")
    out = []
    for node in where:
        if node < 0:
            out.append({"expected_spread": 1.0, "std_error": 0.0, "ci95": [1.0, 1.0], "expected_target_reach": None,
                        "target_std_error": None, "n_simulations": 0})
        else:
            est = simulate(g, [int(node)], model=model, n_simulations=n_simulations, random_state=random_state,
                           target=node_target)
            out.append(estimate_figures(est))
        progress.advance(1)
    return out


def message_topics(
    ctx: Context, *, message: str | None = None, topic: str | int | None = None, topic_run: int | None = None
) -> tuple[int, np.ndarray, str]:
    """The topic mix of a message: ``(topic_run_id, weights over the run's topics, description)``.

    A ``topic`` (index, name or top term) gives that topic alone; a text is matched against
    each topic's top terms (:class:`~einfluence.topics.KeywordTopics`).
    """
    from einfluence.store.topics import get_topic_run
    from einfluence.topics import KeywordTopics

    if topic is not None:
        run_id, index = find_topic(ctx, topic, topic_run)
        run = get_topic_run(ctx.con, run_id)
        weights = np.zeros(len(run["topics"]))
        weights[index] = 1.0
        return run_id, weights, f"topic {index}: {run['topics'][index]['name']}"
    run = get_topic_run(ctx.con, topic_run)
    model = KeywordTopics({f"{t['topic']}": list(t["top_terms"]) for t in run["topics"]})
    weights = model.fit_transform([message or ""])[0]
    if not weights.sum() > 0:
        listed = "; ".join(f"{t['topic']}: {t['name']}" for t in run["topics"])
        raise InputError(f"the message matches no topic of topic run #{run['topic_run_id']} ({listed}); "
                         "give a topic", parameter="message")
    best = int(np.argmax(weights))
    return int(run["topic_run_id"]), weights, f"text matching topic {best}: {run['topics'][best]['name']}"


def plan(
    ctx: Context,
    *,
    budget: float | None = None,
    k: int | None = None,
    message: str | None = None,
    topic: str | int | None = None,
    topic_run: int | None = None,
    novelty: float = 1.0,
    target: np.ndarray | None = None,
    target_label: str = "everyone",
    price_list: Mapping[int, float] | None = None,
    rate_card: Mapping[str, float] | None = None,
    blanket_kind: str = "blog",
    model: str = "ic",
    probabilities: str | None = None,
    kinds: Sequence[str] | None = None,
    epsilon: float = 0.2,
    n_simulations: int = 2000,
    since: datetime | None = None,
    until: datetime | None = None,
    networks: Sequence[str] | None = None,
    random_state: int = 0,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """A campaign plan: the influencers that reach the target best for a message within a budget.

    The influence graph's probabilities are learned from the cascades when there are some
    (else weighted cascade), then scaled for the message: a receiver relays with
    probability ``p × relevance × novelty`` where relevance compares the message's topics
    with the receiver's interests (:func:`einfluence.diffusion.message_probabilities`).
    The influencers are chosen by budgeted IMM (or IMM for ``k`` of them without a budget)
    on the reach inside ``target``; every plan is then evaluated by the same Monte-Carlo
    simulation (``n_simulations``, seeded; :func:`einfluence.targeting.evaluate_plan`) beside
    three plans of the same budget: the blanket plan (every account of kind ``blanket_kind``,
    whatever it costs), the top accounts by audience, and the top accounts by einfluence
    score. The plan is stored with its inputs.
    """
    from einfluence.diffusion import message_probabilities
    from einfluence.store.plans import save_plan
    from einfluence.store.queries import account_ids_of_kind, audience_sizes
    from einfluence.store.topics import topic_matrices
    from einfluence.targeting import (
        DEFAULT_RATE_CARD,
        budgeted_imm,
        evaluate_plan,
        fill_budget,
        imm,
        seed_overlap,
    )

    if budget is None and k is None:
        raise InputError("a plan needs a budget or a number of influencers (k)", parameter="budget")
    progress = progress or NullProgress()
    window = {"since": since, "until": until, "networks": networks}
    if probabilities is None:
        probabilities = "learned" if action_log(ctx, **window).account.size else "wc"
    progress.start(Reason("progress.influence_graph"), None)
    g, info, nodes = _influence_graph(ctx, probabilities=probabilities, model=model, kinds=kinds,
                                      random_state=random_state, **window)
    message_info: dict[str, Any] = {"text": message, "topic": topic, "novelty": novelty}
    if message is not None or topic is not None:
        run_id, mix, described = message_topics(ctx, message=message, topic=topic, topic_run=topic_run)
        _, _, account_topics = topic_matrices(ctx.con, run_id, ctx.n_accounts())
        g = message_probabilities(g, nodes.per_node(account_topics), mix, novelty=novelty)
        message_info.update({"topic_run": run_id, "topics": mix.tolist(), "described": described})
    weights = _node_target(nodes, target)
    cost = _node_costs(ctx, nodes, price_list=price_list, rate_card=rate_card)
    progress.start(Reason("progress.choose_influencers"), None)
    common = {"epsilon": epsilon, "model": model, "target": weights, "random_state": random_state}
    chosen = budgeted_imm(g, cost, budget, **common) if budget is not None else imm(g, int(k), **common)  # type: ignore[arg-type]
    seeds = np.asarray(chosen.seeds, dtype=np.int64)
    if budget is None:
        budget = float(cost[seeds].sum())
    simulation = {"model": model, "target": weights, "n_simulations": n_simulations, "random_state": random_state}

    progress.start(Reason("progress.simulate_plans"), 4, "plans")
    rows = [evaluate_plan(g, seeds, cost, budget, name="targeted",
                          description=f"einfluence plan: {seeds.size} influencers chosen by budgeted IMM", **simulation)]
    progress.advance(1)
    kind_ids = nodes.keep(account_ids_of_kind(ctx.con, blanket_kind, networks=networks))
    if kind_ids.size:
        rows.append(evaluate_plan(g, kind_ids, cost, budget, name="blanket",
                                  description=f"every {blanket_kind} account ({kind_ids.size})", **simulation))
    progress.advance(1)
    audiences = audience_sizes(ctx.con, nodes.accounts(np.arange(nodes.n)))
    rows.append(evaluate_plan(g, fill_budget(np.argsort(-audiences, kind="stable"), cost, budget), cost, budget,
                              name="top_audience", description="largest audiences first, within the budget",
                              **simulation))
    progress.advance(1)
    ranked = nodes.keep(rank(ctx, score_run_for(ctx, **window), limit=None).column("account_id").to_numpy())
    rows.append(evaluate_plan(g, fill_budget(ranked, cost, budget), cost, budget, name="top_score",
                              description="highest einfluence scores first, within the budget", **simulation))
    progress.advance(1)

    progress.start(Reason("progress.overlap"), None)
    overlap = seed_overlap(g, seeds, np.asarray(chosen.marginal), model=model, target=weights,
                           n_simulations=max(200, n_simulations // 4), random_state=random_state)
    influencers = [{**a, "cost": float(cost[s]), **o}
                   for a, s, o in zip(ctx.accounts_info(nodes.accounts(seeds)), seeds, overlap, strict=True)]
    result = {
        "message": message_info,
        "target": {"label": target_label, "size": None if weights is None else float(weights.sum())},
        "budget": budget, "cost": float(cost[seeds].sum()),
        "influencers": influencers,
        "selection": {key: v for key, v in chosen.to_dict().items() if key not in ("seeds", "marginal")},
        "comparison": rows,
        "graph": info,
        "cost_model": {"rate_card": {**DEFAULT_RATE_CARD, **(rate_card or {})}, "listed_prices": len(price_list or {})},
    }
    inputs = {"budget": budget, "k": k, "message": message, "topic": topic, "novelty": novelty,
              "target": target_label, "blanket_kind": blanket_kind, "model": model, "probabilities": probabilities,
              "epsilon": epsilon, "n_simulations": n_simulations, "random_state": random_state}
    result["plan_id"] = save_plan(ctx.con, kind="plan", inputs=inputs, result=result, **window)
    return result


def plan_info(ctx: Context, plan_id: int | None = None, *, kind: str | None = None) -> dict[str, Any]:
    """A stored plan, seed selection or simulation (the latest by default)."""
    from einfluence.store.plans import get_plan

    return get_plan(ctx.con, plan_id, kind=kind)


def plans(
    ctx: Context, *, kind: str | None = None, limit: int | None = None, before: int | None = None
) -> list[dict[str, Any]]:
    """Stored plans, seed selections and simulations, newest first, without their results
    (:func:`plan_info` reads one whole); ``before`` keeps those of smaller id."""
    from einfluence.store.plans import PLAN_KINDS, plan_summaries

    if kind is not None and kind not in PLAN_KINDS:
        raise InputError(f"expected one of {', '.join(PLAN_KINDS)}, got {kind!r}", parameter="kind")
    return plan_summaries(ctx.con, kind=kind, limit=limit, before=before)
