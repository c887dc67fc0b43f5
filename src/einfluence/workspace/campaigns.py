"""Workspace operations for campaigns: the influence graph, seed selection, simulation and plans.

Every seed selection, simulation and plan is stored in ``plans`` with its inputs, window and
einfluence version.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import numpy as np

from einfluence.base.progress import NullProgress, Progress
from einfluence.base.timeunits import NO_TIME
from einfluence.exceptions import InputError
from einfluence.store.plans import get_plan, save_plan

if TYPE_CHECKING:
    import duckdb

    from einfluence.diffusion import DiffusionGraph

__all__ = ["DEFAULT_RATE_CARD", "DIFFUSION_REACTIONS", "DIFFUSION_TIES", "CampaignMixin", "parse_probabilities"]

#: the standing ties of attention that carry influence (when the data has follows)
DIFFUSION_TIES = ("follow", "subscription", "hyperlink")
#: interaction kinds that carry influence when the data holds no follow graph
DIFFUSION_REACTIONS = ("relay", "quote", "reply", "mention", "hyperlink")
#: the default cost of an influencer: a fixed fee plus a rate per thousand of audience
DEFAULT_RATE_CARD = {"base": 50.0, "per_thousand": 10.0}
_CONSTANT = re.compile(r"^constant:(\d*\.?\d+(?:[eE]-?\d+)?)$")


def parse_probabilities(spec: str) -> tuple[str, float | None]:
    """``stored``, ``wc``, ``trivalency``, ``learned`` or ``constant:P`` -> (name, P)."""
    spec = spec.strip()
    if spec in ("stored", "wc", "trivalency", "learned", "em"):
        return spec, None
    match = _CONSTANT.match(spec)
    if match:
        p = float(match.group(1))
        if not 0 < p <= 1:
            raise InputError(f"--probabilities constant:P needs 0 < P <= 1, got {p}")
        return "constant", p
    raise InputError(
        f"--probabilities: expected stored, wc, trivalency, learned, em or constant:P, got {spec!r}"
    )


def _json_id(source_id: str) -> int | str:
    """A source id as the source wrote it: an integer when it is one (IMM, SNAP), else text."""
    return int(source_id) if source_id.isdigit() and (source_id == "0" or not source_id.startswith("0")) else source_id


class CampaignMixin:
    """Seeds, simulations and campaign plans; mixed into :class:`~einfluence.workspace.Workspace`."""

    con: duckdb.DuckDBPyConnection

    # ------------------------------------------------------------------ the influence graph

    def diffusion_graph(
        self,
        *,
        probabilities: str = "wc",
        model: str = "ic",
        kinds: Sequence[str] | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        networks: Sequence[str] | None = None,
        random_state: int = 0,
    ) -> tuple[DiffusionGraph, dict[str, Any]]:
        """The influence graph of a window with arc probabilities (IC) or weights (LT).

        Arcs ``u -> v`` come from the standing ties (``v`` follows, subscribes or links to
        ``u``), or, when the window holds no follow, from reactions (``v`` relayed, quoted,
        replied to, mentioned or linked to ``u``); ``kinds`` chooses. ``probabilities``: ``stored`` (the interactions' weights,
        for example an IMM file's), ``wc`` (weighted cascade, ``1/in-degree``; the LT weights
        too), ``trivalency``, ``constant:P``, ``learned`` (Goyal et al., from the cascades of
        the posts: each relay, quote or reply credits its parent's author) or ``em`` (Saito
        et al.'s expectation-maximisation on the same cascades).
        """
        from einfluence.diffusion import DiffusionGraph
        from einfluence.diffusion.probabilities import (
            check_lt_weights,
            constant,
            lt_weights,
            trivalency,
            weighted_cascade,
        )
        from einfluence.store.database import release_cache
        from einfluence.store.queries import arc_arrays, has_interactions

        if model not in ("ic", "lt"):
            raise InputError(f"--model: expected ic or lt, got {model!r}")
        name, p = parse_probabilities(probabilities)
        window = {"since": since, "until": until, "networks": networks}
        if kinds is None:
            kinds = DIFFUSION_TIES if has_interactions(self.con, kinds=["follow"], **window) else DIFFUSION_REACTIONS
        arcs = arc_arrays(self.con, kinds=kinds, **window)
        release_cache(self.con)
        if name == "stored" and arcs.weight.size and (arcs.weight.min() < 0 or arcs.weight.max() > 1):
            raise InputError("--probabilities stored: the interactions' weights are not probabilities in [0, 1]")
        # interactions point from the actor to the account acted upon; influence flows back
        g = DiffusionGraph.from_arcs(arcs.dst, arcs.src, arcs.weight if name == "stored" else 1.0,
                                     n_nodes=arcs.n_accounts, duplicates="max")
        del arcs
        if g.n_arcs == 0:
            raise InputError(f"no {', '.join(kinds)} interaction in this window: no influence graph")
        if name == "stored":
            if model == "lt":
                g = check_lt_weights(g)
        elif name == "wc":
            g = lt_weights(g) if model == "lt" else weighted_cascade(g)
        elif name == "constant":
            g = constant(g, float(p))  # type: ignore[arg-type]
        elif name == "trivalency":
            g = trivalency(g, random_state=random_state)
        else:
            g = self._learned(g, name, since=since, until=until, networks=networks)
            if model == "lt":
                g = lt_weights(g, weight=g.prob)
        info = {
            "kinds": list(kinds), "probabilities": probabilities, "model": model,
            "n_nodes": g.n_nodes, "n_arcs": g.n_arcs, "mean_probability": float(g.prob.mean()),
        }
        return g, info

    def action_log(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        networks: Sequence[str] | None = None,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The cascades of the posts: ``(cascade, account, time, parent)`` arrays, one row per act.

        A cascade is a root post; its rows are the root's author at the root's time and the
        author of every relay, quote or reply of it, with the author of the post it answers as
        ``parent`` (-1 for the root). Times are hours since the epoch.
        """
        from einfluence.base.kinds import POST_KINDS
        from einfluence.store.queries import post_arrays

        posts = post_arrays(self.con, since=since, until=until, networks=networks)
        kinds = [POST_KINDS.index(k) for k in ("relay", "quote", "reply") if k in POST_KINDS]
        acts = np.flatnonzero(np.isin(posts.kind, kinds) & (posts.root >= 0) & (posts.author >= 0))
        pid = posts.post_id

        def lookup(ids: np.ndarray) -> np.ndarray:
            row = np.searchsorted(pid, ids)
            ok = (row < pid.size) & (pid[np.minimum(row, pid.size - 1)] == ids)
            return np.where(ok, row, -1)

        root_row = lookup(posts.root[acts])
        acts, root_row = acts[root_row >= 0], root_row[root_row >= 0]
        parent_row = lookup(posts.parent[acts])
        parent_author = np.where(parent_row >= 0, posts.author[np.maximum(parent_row, 0)], posts.author[root_row])
        roots = np.unique(root_row)
        cascade = np.concatenate([posts.post_id[roots], posts.post_id[root_row]])
        account = np.concatenate([posts.author[roots], posts.author[acts]])
        time = np.concatenate([posts.time[roots], posts.time[acts]]).astype(np.float64) / 3.6e9
        parent = np.concatenate([np.full(roots.size, -1), parent_author])
        keep = (account >= 0) & (posts.time[np.concatenate([roots, acts])] != NO_TIME)
        return cascade[keep], account[keep], time[keep], parent[keep]

    def _learned(self, g: DiffusionGraph, method: str, *, since, until, networks) -> DiffusionGraph:
        from einfluence.diffusion.learning import em_probabilities, goyal_probabilities

        cascade, account, time, parent = self.action_log(since=since, until=until, networks=networks)
        if cascade.size == 0:
            raise InputError(
                "learned probabilities need cascades (posts relaying, quoting or replying to a root post); "
                "this window has none: use --probabilities wc or constant:P"
            )
        inside = account < g.n_nodes
        cascade, account, time, parent = cascade[inside], account[inside], time[inside], parent[inside]
        if method == "em":
            prob = em_probabilities(g, cascade, account, time)
        else:
            prob = goyal_probabilities(g, cascade, account, time, parent=np.where(parent < g.n_nodes, parent, -1))
        return g.with_prob(np.clip(prob, 0.0, 1.0))

    # ------------------------------------------------------------------------ accounts

    def account_ids(self, names: Sequence[str], *, network: str | None = None) -> np.ndarray:
        """Account ids of source ids or ``@handles`` (one match each, or a clear error)."""
        from einfluence.store.queries import find_accounts

        ids = []
        for name in names:
            matches = find_accounts(self.con, name, network)
            if not matches:
                raise InputError(f"no account {name!r}" + (f" in network {network!r}" if network else ""))
            if len(matches) > 1:
                raise InputError(f"{name!r} names several accounts; pass --network")
            ids.append(int(matches[0][0]))
        return np.asarray(ids, dtype=np.int64)

    def _accounts_info(self, ids: Sequence[int]) -> list[dict[str, Any]]:
        """Each account of ``ids``, in order, with its id as the source wrote it (see :func:`_json_id`)."""
        from einfluence.store.queries import describe_accounts

        info = describe_accounts(self.con, ids)
        return [{**info[int(i)], "account": _json_id(info[int(i)]["account"])} for i in ids]

    def audience(self, n: int) -> np.ndarray:
        """Audience size of every account: declared followers, else its follower count in the data."""
        followers = np.zeros(n)
        declared = self.con.sql(
            "SELECT account_id, followers FROM accounts WHERE followers IS NOT NULL AND account_id < ?", params=[n]
        ).to_arrow_table()
        counted = self.con.sql(
            "SELECT dst_id, count(DISTINCT src_id) FROM interactions WHERE kind = 'follow' AND dst_id < ? GROUP BY dst_id",
            params=[n],
        ).fetchnumpy()
        followers[counted["dst_id"]] = counted["count(DISTINCT src_id)"]
        followers[declared.column("account_id").to_numpy()] = declared.column("followers").to_numpy()
        return followers

    def costs(self, n: int, *, price_list: Mapping[int, float] | None = None,
              rate_card: Mapping[str, float] | None = None) -> np.ndarray:
        """Cost of activating each account: its price when listed, else the rate card
        ``base + per_thousand × audience / 1000`` (:data:`DEFAULT_RATE_CARD`)."""
        card = {**DEFAULT_RATE_CARD, **(rate_card or {})}
        cost = card["base"] + card["per_thousand"] * self.audience(n) / 1000.0
        for account, price in (price_list or {}).items():
            if not price > 0:
                raise InputError(f"the price of account {account} must be positive, got {price}")
            cost[int(account)] = float(price)
        return cost

    # ---------------------------------------------------------------------------- seeds

    def select_seeds(
        self,
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
        counts). With ``budget``, ``costs`` (one per account, default :meth:`costs`) bound the
        total and ``k`` is not used.
        """
        from einfluence.diffusion import DiffusionGraph
        from einfluence.targeting import budgeted_imm, imm

        progress = progress or NullProgress()
        progress.start("building the influence graph", None)
        g, info = self.diffusion_graph(
            probabilities=probabilities, model=model, kinds=kinds, since=since, until=until,
            networks=networks, random_state=random_state,
        )
        progress.start("choosing seeds (IMM)", None)
        # a throw-away run on a two-node graph loads the compiled kernels first, so that the
        # reported seconds are the algorithm's own (loading and compilation excluded)
        imm(DiffusionGraph.from_arcs([0], [1], [0.5]), 1, epsilon=0.5, model=model, random_state=0)
        common = {"epsilon": epsilon, "ell": ell, "model": model, "target": target, "random_state": random_state,
                  "exclude": exclude, "include": include}
        if budget is not None:
            costs = self.costs(g.n_nodes) if costs is None else np.asarray(costs, dtype=np.float64)[: g.n_nodes]
            result = budgeted_imm(g, costs, budget, **common)
        else:
            result = imm(g, k, **common)
        out = result.to_dict()
        ids = out.pop("seeds")
        accounts = self._accounts_info(ids)
        out["seeds"] = [a["account"] for a in accounts]
        out["seed_accounts"] = [
            {**a, "marginal": m, **({"cost": float(costs[i])} if costs is not None else {})}
            for a, m, i in zip(accounts, out.pop("marginal"), ids, strict=True)
        ]
        out["graph"] = info
        inputs = {"k": k, "epsilon": epsilon, "ell": ell, "model": model, "probabilities": probabilities,
                  "kinds": info["kinds"], "budget": budget, "random_state": random_state,
                  "target_size": None if target is None else _target_size(target),
                  "exclude": list(exclude or []), "include": list(include or [])}
        out["plan_id"] = save_plan(self.con, kind="seeds", inputs=inputs, result=out, since=since, until=until,
                                   networks=networks)
        return out

    def simulate_seeds(
        self,
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
        """Monte-Carlo spread of a given seed set (account ids), with its confidence interval."""
        from einfluence.diffusion import simulate

        progress = progress or NullProgress()
        progress.start("building the influence graph", None)
        g, info = self.diffusion_graph(
            probabilities=probabilities, model=model, kinds=kinds, since=since, until=until,
            networks=networks, random_state=random_state,
        )
        progress.start(f"simulating {n_simulations:,} cascades", None)
        estimate = simulate(g, np.asarray(seeds, dtype=np.int64), model=model, n_simulations=n_simulations,
                            random_state=random_state, target=_target_weights(target, g.n_nodes))
        out = {"seeds": [a["account"] for a in self._accounts_info(seeds)], **_estimate_dict(estimate), "graph": info}
        if store:
            out["plan_id"] = save_plan(
                self.con, kind="simulation",
                inputs={"seeds": out["seeds"], "model": model, "probabilities": probabilities,
                        "n_simulations": n_simulations, "random_state": random_state},
                result=out, since=since, until=until, networks=networks,
            )
        return out

    def message_topics(self, *, message: str | None = None, topic: str | int | None = None,
                       topic_run: int | None = None) -> tuple[int, np.ndarray, str]:
        """The topic mix of a message: ``(topic_run_id, weights over the run's topics, description)``.

        A ``topic`` (index, name or top term) gives that topic alone; a text is matched against
        each topic's top terms (:class:`~einfluence.topics.KeywordTopics`).
        """
        from einfluence.store.topics import get_topic_run
        from einfluence.topics import KeywordTopics

        if topic is not None:
            run_id, index = self.find_topic(topic, topic_run)  # type: ignore[attr-defined]
            run = get_topic_run(self.con, run_id)
            weights = np.zeros(len(run["topics"]))
            weights[index] = 1.0
            return run_id, weights, f"topic {index}: {run['topics'][index]['name']}"
        run = get_topic_run(self.con, topic_run)
        model = KeywordTopics({f"{t['topic']}": list(t["top_terms"]) for t in run["topics"]})
        weights = model.fit_transform([message or ""])[0]
        if not weights.sum() > 0:
            listed = "; ".join(f"{t['topic']}: {t['name']}" for t in run["topics"])
            raise InputError(f"the message matches no topic of topic run #{run['topic_run_id']} ({listed}); pass --topic")
        best = int(np.argmax(weights))
        return int(run["topic_run_id"]), weights, f"text matching topic {best}: {run['topics'][best]['name']}"

    def plan(
        self,
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
        simulation (``n_simulations``, seeded) beside three plans of the same budget: the blanket
        plan (every account of kind ``blanket_kind``, whatever it costs), the top accounts by
        audience, and the top accounts by einfluence score. The plan is stored with its inputs.
        """
        from einfluence.diffusion import message_probabilities, simulate
        from einfluence.store.topics import topic_matrices
        from einfluence.targeting import budgeted_imm, imm

        if budget is None and k is None:
            raise InputError("a plan needs a budget or a number of influencers (k)")
        progress = progress or NullProgress()
        if probabilities is None:
            cascades = self.action_log(since=since, until=until, networks=networks)[0]
            probabilities = "learned" if cascades.size else "wc"
        progress.start("building the influence graph", None)
        g, info = self.diffusion_graph(
            probabilities=probabilities, model=model, kinds=kinds, since=since, until=until,
            networks=networks, random_state=random_state,
        )
        n = g.n_nodes
        message_info: dict[str, Any] = {"text": message, "topic": topic, "novelty": novelty}
        if message is not None or topic is not None:
            run_id, mix, described = self.message_topics(message=message, topic=topic, topic_run=topic_run)
            _, _, account_topics = topic_matrices(self.con, run_id, n)
            g = message_probabilities(g, account_topics[:n], mix, novelty=novelty)
            message_info.update({"topic_run": run_id, "topics": mix.tolist(), "described": described})
        weights = _target_weights(target, n)
        costs = self.costs(n, price_list=price_list, rate_card=rate_card)
        progress.start("choosing the influencers (IMM)", None)
        common = {"epsilon": epsilon, "model": model, "target": weights, "random_state": random_state}
        chosen = budgeted_imm(g, costs, budget, **common) if budget is not None else imm(g, int(k), **common)
        seeds = np.asarray(chosen.seeds, dtype=np.int64)
        if budget is None:
            budget = float(costs[seeds].sum())

        def evaluate(name: str, ids: np.ndarray, description: str) -> dict[str, Any]:
            ids = np.asarray(ids, dtype=np.int64)
            est = simulate(g, ids, model=model, n_simulations=n_simulations, random_state=random_state, target=weights)
            figures = _estimate_dict(est)
            reach = figures["expected_target_reach"] if weights is not None else figures["expected_spread"]
            reach_se = figures["target_std_error"] if weights is not None else figures["std_error"]
            cost = float(costs[ids].sum())
            return {
                "plan": name, "description": description, "contacts": int(ids.size), "cost": cost,
                "over_budget": bool(cost > budget + 1e-9), "reach": reach,
                "reach_ci95": [reach - 1.96 * reach_se, reach + 1.96 * reach_se],
                "total_spread": figures["expected_spread"], "beyond_first_hop": figures["beyond_first_hop"],
                "reach_per_cost": reach / cost if cost else None,
                "reach_per_contact": reach / ids.size if ids.size else None,
            }

        progress.start("simulating the plans", 4)
        rows = [evaluate("targeted", seeds, f"einfluence plan: {seeds.size} influencers chosen by budgeted IMM")]
        progress.advance(1)
        kind_ids = self.con.execute(
            "SELECT account_id FROM accounts WHERE kind = ? AND account_id < ?" + _network_filter(networks),
            [blanket_kind, n, *([list(networks)] if networks else [])],
        ).fetchnumpy()["account_id"]
        if kind_ids.size:
            rows.append(evaluate("blanket", kind_ids, f"every {blanket_kind} account ({kind_ids.size})"))
        progress.advance(1)
        audience = self.audience(n)
        rows.append(evaluate("top_audience", _fill_budget(np.argsort(-audience, kind="stable"), costs, budget),
                             "largest audiences first, within the budget"))
        progress.advance(1)
        score_run = self.score_run_for(since=since, until=until, networks=networks)  # type: ignore[attr-defined]
        ranked = self.rank(score_run, limit=None).column("account_id").to_numpy()  # type: ignore[attr-defined]
        rows.append(evaluate("top_score", _fill_budget(ranked[ranked < n], costs, budget),
                             "highest einfluence scores first, within the budget"))
        progress.advance(1)

        progress.start("measuring each influencer alone (overlap)", None)
        alone = [
            simulate(g, [int(s)], model=model, n_simulations=max(200, n_simulations // 4), random_state=random_state,
                     target=weights)
            for s in seeds
        ]
        accounts = self._accounts_info(seeds)
        influencers = []
        for a, s, m, est in zip(accounts, seeds, chosen.marginal, alone, strict=True):
            standalone = float(est.target_mean if weights is not None else est.mean)
            influencers.append({**a, "cost": float(costs[s]), "marginal_reach": float(m), "standalone_reach": standalone,
                                "overlap": float(max(0.0, 1.0 - m / standalone)) if standalone > 0 else None})
        result = {
            "message": message_info,
            "target": {"label": target_label, "size": None if weights is None else float(weights.sum())},
            "budget": budget, "cost": float(costs[seeds].sum()),
            "influencers": influencers,
            "selection": {k_: v for k_, v in chosen.to_dict().items() if k_ not in ("seeds", "marginal")},
            "comparison": rows,
            "graph": info,
            "cost_model": {"rate_card": {**DEFAULT_RATE_CARD, **(rate_card or {})}, "listed_prices": len(price_list or {})},
        }
        inputs = {"budget": budget, "k": k, "message": message, "topic": topic, "novelty": novelty,
                  "target": target_label, "blanket_kind": blanket_kind, "model": model, "probabilities": probabilities,
                  "epsilon": epsilon, "n_simulations": n_simulations, "random_state": random_state}
        result["plan_id"] = save_plan(self.con, kind="plan", inputs=inputs, result=result, since=since, until=until,
                                      networks=networks)
        return result

    def plan_info(self, plan_id: int | None = None, *, kind: str | None = None) -> dict[str, Any]:
        """A stored plan, seed selection or simulation (the latest by default)."""
        return get_plan(self.con, plan_id, kind=kind)


def _network_filter(networks: Sequence[str] | None) -> str:
    return " AND network IN (SELECT unnest(?::VARCHAR[]))" if networks else ""


def _fill_budget(order: np.ndarray, costs: np.ndarray, budget: float) -> np.ndarray:
    """Accounts taken in ``order`` while they fit in the budget (those that don't are skipped)."""
    cumulative, chosen = 0.0, []
    for account in order:  # stops early: a budget buys few accounts
        if cumulative + costs[account] <= budget:
            cumulative += costs[account]
            chosen.append(int(account))
        if cumulative >= budget - costs.min():
            break
    return np.asarray(chosen, dtype=np.int64)


def _target_size(target: np.ndarray) -> float:
    t = np.asarray(target)
    return float(t.sum()) if t.dtype == bool or np.issubdtype(t.dtype, np.floating) else float(np.unique(t).size)


def _target_weights(target: np.ndarray | None, n: int) -> np.ndarray | None:
    """A target as per-account weights of length ``n`` (ids, mask or weights accepted)."""
    if target is None:
        return None
    t = np.asarray(target)
    if t.dtype == bool or (np.issubdtype(t.dtype, np.floating) and t.size == n):
        out = np.zeros(n)
        out[: min(n, t.size)] = t[:n]
        return out
    out = np.zeros(n)
    out[t[t < n].astype(np.int64)] = 1.0
    return out


def _estimate_dict(estimate: Any) -> dict[str, Any]:
    """The JSON-ready figures of a SpreadEstimate (not the per-simulation spreads)."""

    def clean(x: Any) -> Any:
        if x is None:
            return None
        x = float(x)
        return None if np.isnan(x) else x

    return {
        "expected_spread": clean(estimate.mean),
        "std_error": clean(estimate.std_error),
        "ci95": [clean(estimate.ci_low), clean(estimate.ci_high)],
        "expected_target_reach": clean(estimate.target_mean),
        "target_std_error": clean(estimate.target_std_error),
        "beyond_first_hop": clean(estimate.beyond_first_hop),
        "mean_max_depth": clean(estimate.mean_max_depth),
        "spread_by_step": [float(v) for v in np.asarray(estimate.spread_by_step)],
        "n_simulations": int(estimate.n_simulations),
        "seed": int(estimate.seed),
        "model": estimate.model,
    }
