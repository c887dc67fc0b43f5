"""Workspace service for opinion dynamics: where perception settles, tipping points, whom to convert.

The models of :mod:`einfluence.opinion` are tied to the data here:

* **who listens to whom** — the interaction graph of a window (``u -> v``: ``u`` paid attention to
  ``v``), as an :class:`~einfluence.opinion.InfluenceNetwork`;
* **initial opinions** — each account's mean sentiment towards the brand in its stored mentions
  (:func:`einfluence.perception.brand_perception`), neutral when it never mentioned it, with the
  standard error of that mean carried as uncertainty;
* **commitment** — the brand's own accounts and its advocates are committed for it, its detractors
  against it (:func:`einfluence.advocacy.advocacy_funnel`);
* **communities** — the stored community run of the window (found, or computed now).

Every answer is stored in ``plans`` (kind ``simulation``, with the analysis named in its inputs).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import numpy as np

from einfluence.base.progress import NullProgress, Progress
from einfluence.base.timeunits import to_us
from einfluence.base.validation import check_scalar
from einfluence.exceptions import InputError
from einfluence.i18n import Reason

if TYPE_CHECKING:
    from einfluence.opinion import InfluenceNetwork, Opinions
    from einfluence.workspace.context import Context

__all__ = ["OpinionData", "opinion_convert", "opinion_data", "opinion_settle", "opinion_tipping"]

_Z95 = 1.959963984540054
#: opinions above this are favourable, below minus this unfavourable (as the funnel's mentions)
_BAND = 0.05


@dataclass
class OpinionData:
    """The population of a window as the opinion models see it.

    Attributes
    ----------
    net : InfluenceNetwork
        Who listens to whom, over every account id.
    opinions : Opinions
        Measured opinions and commitments, by account id.
    active : numpy.ndarray of bool
        Accounts with at least one interaction in the window (the population).
    brand : str or None
        The brand whose perception the opinions are (None: no brand declared).
    membership : numpy.ndarray of int64 or None
        Community of each account (-1 unassigned) in ``community_run``.
    community_run : int or None
    """

    net: InfluenceNetwork
    opinions: Opinions
    active: np.ndarray
    brand: str | None
    membership: np.ndarray | None = None
    community_run: int | None = None

    def members(self, community: int | None) -> np.ndarray:
        """Active account ids of a community (every active account for None)."""
        if community is None:
            return np.flatnonzero(self.active)
        if self.membership is None:
            raise InputError("no community run", parameter="community")
        ids = np.flatnonzero(self.active & (self.membership == community))
        if not ids.size:
            raise InputError(f"community {community} has no active member in community run #{self.community_run}",
                             parameter="community")
        return ids

    def largest(self, n: int) -> list[int]:
        """The ``n`` largest communities (by active members)."""
        if self.membership is None:
            return []
        m = self.membership[self.active]
        sizes = np.bincount(m[m >= 0]) if (m >= 0).any() else np.zeros(0, np.int64)
        return [int(c) for c in np.argsort(-sizes, kind="stable")[:n] if sizes[c] > 0]


def _brand_choice(declared: list[dict[str, Any]], brand: str | None) -> int | None:
    from einfluence.workspace.perception import brand_index

    if brand is not None:
        return brand_index(declared, brand)
    own = [i for i, b in enumerate(declared) if not b["competitor"]]
    return own[0] if own else (0 if declared else None)


def opinion_data(
    ctx: Context,
    brand: str | None = None,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    networks: Sequence[str] | None = None,
    kinds: Sequence[str] | None = None,
    communities: bool = False,
    community_run: int | None = None,
    min_mentions: int = 3,
    single_sd: float = 0.5,
) -> OpinionData:
    """Read the population of a window: network, measured opinions, commitments, communities.

    ``brand`` defaults to the first declared brand that is not a competitor; without any declared
    brand (or stored mention) every opinion is unknown (neutral) and nobody is committed. With
    ``communities`` (or a ``community_run``), the window's community run is read (or computed).
    """
    from einfluence.advocacy import Actions, advocacy_funnel
    from einfluence.opinion import InfluenceNetwork, opinions_from_perception
    from einfluence.perception.influencers import brand_perception
    from einfluence.store.communities import community_membership, get_community_run
    from einfluence.store.mentions import mention_arrays
    from einfluence.workspace.advocacy import _action_arrays, actions
    from einfluence.workspace.communities import communities as find_communities
    from einfluence.workspace.perception import brands

    view = ctx.graph(since=since, until=until, networks=networks)
    net = InfluenceNetwork.from_view(view, kinds=kinds)
    n = net.n_nodes
    active = net.listens() | (net.attention_received() > 0)
    declared = brands(ctx)
    chosen = _brand_choice(declared, brand)
    empty = np.zeros(0)
    per = {"account": empty, "mean": empty, "n": empty, "lo": empty, "hi": empty}
    advocates = detractors = authorities = np.zeros(0, np.int64)
    if chosen is not None:
        authorities = np.asarray(declared[chosen]["accounts"], dtype=np.int64)
        try:
            m = mention_arrays(ctx.con, declared, since=since, until=until, networks=networks)
        except InputError:
            m = None
        if m is not None:
            p = brand_perception(m.mention_post, m.mention_brand, m.post_author, m.post_time, m.sentiment,
                                 n_brands=len(declared), competitors=np.array([b["competitor"] for b in declared]))
            rows = (p.brand == chosen) & (p.account >= 0)
            per = {"account": p.account[rows], "mean": p.mean_sentiment[rows], "n": p.n_mentions[rows],
                   "lo": p.ci_low[rows], "hi": p.ci_high[rows]}
            logged = actions(ctx)
            brand_of = {b["brand_id"]: i for i, b in enumerate(declared)}
            funnel = advocacy_funnel(
                m.mention_post, m.mention_brand, m.post_author, m.post_time, m.post_kind, m.post_root_author,
                m.sentiment, brand_accounts=[b["accounts"] for b in declared], n_accounts=max(n, ctx.n_accounts()),
                interactions=view, actions=Actions(**_action_arrays(logged, brand_of)) if logged.num_rows else None,
                post_id=m.post_ids, min_mentions=min_mentions, since=to_us(since), until=to_us(until),
            )
            advocates = funnel.members(chosen, "advocate")
            detractors = funnel.members(chosen, "detractor")
    opinions = opinions_from_perception(
        n, per["account"], per["mean"], per["n"], per["lo"], per["hi"], advocates=advocates,
        detractors=detractors, authorities=authorities, single_sd=single_sd,
    )
    membership = run_id = None
    if communities or community_run is not None:
        if community_run is None:
            community_run = find_communities(ctx, since=since, until=until, networks=networks)
        run = get_community_run(ctx.con, community_run)
        run_id = int(run["community_run_id"])
        membership = community_membership(ctx.con, run_id, n)
    return OpinionData(net=net, opinions=opinions, active=active,
                       brand=None if chosen is None else declared[chosen]["name"], membership=membership,
                       community_run=run_id)


def _check_seed(random_state: object) -> None:
    """A seed is a non-negative integer; the error names ``random_state``."""
    check_scalar(random_state, "random_state", numbers.Integral, min_val=0)


def _num(x: float) -> float | None:
    return float(x) if math.isfinite(x) else None


def _save(ctx: Context, analysis: str, inputs: dict[str, Any], result: dict[str, Any], since: datetime | None,
          until: datetime | None, networks: Sequence[str] | None) -> int:
    from einfluence.store.plans import save_plan

    return save_plan(ctx.con, kind="simulation", inputs={"analysis": analysis, **inputs}, result=result,
                     since=since, until=until, networks=networks)


def opinion_tipping(
    ctx: Context,
    brand: str | None = None,
    *,
    model: str = "naming-game",
    community: int | None = None,
    by_community: bool = False,
    n_communities: int = 5,
    community_run: int | None = None,
    side: str = "a",
    choose: str = "random",
    undecided: str = "resist",
    max_share: float = 0.3,
    n_runs: int = 40,
    horizon: int = 100,
    q: int = 2,
    coarse: int = 12,
    fine: int = 8,
    since: datetime | None = None,
    until: datetime | None = None,
    networks: Sequence[str] | None = None,
    kinds: Sequence[str] | None = None,
    random_state: int = 0,
    data: OpinionData | None = None,
    store: bool = True,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """The tipping point of a population (every active account, or ``community``): the smallest
    share of converts (advocates, or detractors with ``side="b"``) that flips its majority within
    ``horizon`` sweeps of ``model``, with its 95 % interval over runs
    (:func:`einfluence.opinion.tipping_point`).

    ``choose``: ``random`` draws the converts anew in each run (the model's own question);
    ``listened`` converts the most listened-to members first (attention received inside the
    population), and the result lists them. ``undecided``: what accounts without a clear opinion
    hold (:mod:`einfluence.opinion.initial`). With ``by_community``, the ``n_communities`` largest
    communities are answered too (``communities``). ``coarse`` and ``fine`` are the tested shares
    (see :func:`~einfluence.opinion.tipping_point`).
    """
    from einfluence.opinion import MODELS, UNDECIDED_RULES, tipping_point

    if model not in MODELS:
        raise InputError(f"expected one of {', '.join(MODELS)}, got {model!r}", parameter="model")
    if choose not in ("random", "listened"):
        raise InputError(f"expected random or listened, got {choose!r}", parameter="choose")
    if side not in ("a", "b"):
        raise InputError(f"expected a or b, got {side!r}", parameter="side")
    # every parameter is checked before anything is read or computed (a community run included)
    if undecided not in UNDECIDED_RULES:
        raise InputError(f"expected one of {', '.join(UNDECIDED_RULES)}, got {undecided!r}", parameter="undecided")
    check_scalar(n_communities, "n_communities", numbers.Integral, min_val=0)
    check_scalar(max_share, "max_share", numbers.Real, min_val=0.0, max_val=1.0, include_min=False)
    check_scalar(n_runs, "n_runs", numbers.Integral, min_val=1)
    check_scalar(horizon, "horizon", numbers.Integral, min_val=1)
    check_scalar(q, "q", numbers.Integral, min_val=1)
    check_scalar(coarse, "coarse", numbers.Integral, min_val=2)
    check_scalar(fine, "fine", numbers.Integral, min_val=0)
    _check_seed(random_state)
    progress = progress or NullProgress()
    progress.start(Reason("progress.read_population"), None)
    if data is None:
        data = opinion_data(ctx, brand, since=since, until=until, networks=networks, kinds=kinds,
                            communities=by_community or community is not None, community_run=community_run)
    p_a_all, p_ab_all = data.opinions.discrete(side=side, undecided=undecided, band=_BAND,
                                               naming_game=model == "naming-game")

    def one(c: int | None) -> dict[str, Any]:
        ids = data.members(c)
        sub = data.net.subnetwork(ids)
        committed = data.opinions.committed[ids]
        order = None
        if choose == "listened":
            received = sub.attention_received()
            order = np.lexsort((ids, -received))
        progress.start(Reason("progress.tipping_everyone", n=ids.size, model=model) if c is None
                       else Reason("progress.tipping_community", c=c, n=ids.size, model=model), None)
        tp = tipping_point(sub, model, initial=p_a_all[ids], undecided=p_ab_all[ids],
                           committed_a=np.flatnonzero(committed > 0), committed_b=np.flatnonzero(committed < 0),
                           side=side, order=order, max_share=max_share, n_runs=n_runs, horizon=horizon, q=q,
                           coarse=coarse, fine=fine, random_state=random_state)
        out = {"community": c, **tp.to_dict()}
        chosen = tp.accounts
        out["accounts"] = None if chosen is None else ctx.accounts_info(ids[chosen].tolist())
        out["committed_for"] = int((committed > 0).sum())
        out["committed_against"] = int((committed < 0).sum())
        out["share_for_at_start"] = float(p_a_all[ids].mean()) if side == "a" else float(1 - p_a_all[ids].mean())
        return out

    result = one(community)
    if by_community:
        result["communities"] = [one(c) for c in data.largest(n_communities) if c != community]
    result.update({"brand": data.brand, "choose": choose, "undecided": undecided, "community_run": data.community_run})
    if store:
        inputs = {"brand": data.brand, "model": model, "community": community, "side": side, "choose": choose,
                  "undecided": undecided, "max_share": max_share, "n_runs": n_runs, "horizon": horizon,
                  "random_state": random_state}
        result["plan_id"] = _save(ctx, "opinion tipping", inputs, result, since, until, networks)
    return result


def _settle_one(data: OpinionData, ids: np.ndarray, x0: np.ndarray, x: np.ndarray, weight: np.ndarray | None,
                sd_settled: float | None) -> dict[str, Any]:
    o = data.opinions
    sd0 = math.sqrt(float(np.sum(o.sd[ids] ** 2))) / ids.size
    before, after = float(x0[ids].mean()), float(x[ids].mean())
    return {
        "accounts": int(ids.size), "known": int(o.known[ids].sum()),
        "advocates": int((o.committed[ids] > 0).sum()), "detractors": int((o.committed[ids] < 0).sum()),
        "now": before, "now_ci95": [before - _Z95 * sd0, before + _Z95 * sd0],
        "settled": after,
        "settled_ci95": None if sd_settled is None else [after - _Z95 * sd_settled, after + _Z95 * sd_settled],
        "favourable_now": float((x0[ids] > _BAND).mean()), "unfavourable_now": float((x0[ids] < -_BAND).mean()),
        "favourable_settled": float((x[ids] > _BAND).mean()),
        "unfavourable_settled": float((x[ids] < -_BAND).mean()),
    }


def opinion_settle(
    ctx: Context,
    brand: str | None = None,
    *,
    model: str = "fj",
    convert: Sequence[int] | None = None,
    susceptibility: float = 0.5,
    epsilon: float = 0.3,
    n_steps: int = 100,
    by_community: bool = True,
    n_communities: int = 10,
    community_run: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    networks: Sequence[str] | None = None,
    kinds: Sequence[str] | None = None,
    random_state: int = 0,
    data: OpinionData | None = None,
    store: bool = True,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Where perception of the brand settles, overall and per community, if nothing is done and
    if the accounts of ``convert`` (account ids) become committed advocates.

    ``model``: ``fj`` (Friedkin-Johnsen steady state, ``susceptibility`` lambda; its 95 %
    interval propagates the opinions' standard errors exactly, the steady state being linear in
    them), ``degroot`` (``n_steps`` rounds of averaging), ``hk`` (Hegselmann-Krause with bound
    ``epsilon``: echo chambers, the number of opinion clusters per community).
    """
    from einfluence.opinion import friedkin_johnsen, hegselmann_krause, opinion_clusters
    from einfluence.opinion.advocates import adjoint_solve
    from einfluence.opinion.linear import stubborn_susceptibility

    if model not in ("fj", "degroot", "hk"):
        raise InputError(f"expected fj, degroot or hk, got {model!r}", parameter="model")
    check_scalar(susceptibility, "susceptibility", numbers.Real, min_val=0.0, max_val=1.0)
    check_scalar(epsilon, "epsilon", numbers.Real, min_val=0.0)
    check_scalar(n_steps, "n_steps", numbers.Integral, min_val=1)
    check_scalar(n_communities, "n_communities", numbers.Integral, min_val=0)
    _check_seed(random_state)
    conv = np.zeros(0, np.int64) if not convert else np.asarray(convert, dtype=np.int64).reshape(-1)
    if conv.size and ((conv < 0) | (conv >= ctx.n_accounts())).any():
        raise InputError("an account to convert is outside the graph", parameter="convert")
    progress = progress or NullProgress()
    progress.start(Reason("progress.read_population"), None)
    if data is None:
        data = opinion_data(ctx, brand, since=since, until=until, networks=networks, kinds=kinds,
                            communities=by_community, community_run=community_run)
    o, net = data.opinions, data.net
    if conv.size and (conv >= net.n_nodes).any():
        raise InputError("an account to convert is outside the graph", parameter="convert")
    groups = [None, *data.largest(n_communities)] if by_community else [None]
    scenarios = {}
    for name, extra in (("nothing done", np.zeros(0, np.int64)), ("converted", conv)):
        if name == "converted" and not conv.size:
            continue
        progress.start(Reason("progress.opinion_converted", model=model) if extra.size
                       else Reason("progress.opinion_nothing", model=model), None)
        x0 = o.value.copy()
        still = o.stubborn().copy()
        x0[extra] = 1.0
        still[extra] = True
        lam = stubborn_susceptibility(np.full(net.n_nodes, float(susceptibility)), still, net)
        rows = []
        if model == "fj":
            x = friedkin_johnsen(net, x0, lam, stubborn=still).x
        elif model == "degroot":
            lam = stubborn_susceptibility(np.ones(net.n_nodes), still, net)
            x = _degroot(net, x0, lam, n_steps)
        else:
            x, _ = hegselmann_krause(net, x0, epsilon, stubborn=still, max_steps=n_steps)
        for c in groups:
            ids = data.members(c)
            sd_settled = None
            if model == "fj":
                target = np.zeros(net.n_nodes)
                target[ids] = 1.0 / ids.size
                y = adjoint_solve(net, lam, target)
                sd_settled = float(np.sqrt(np.sum((y * (1 - lam) * o.sd) ** 2)))
            row = {"community": c, **_settle_one(data, ids, o.value, x, None, sd_settled)}
            if model == "hk":
                cl = opinion_clusters(x[ids], gap=1e-3, min_share=0.02)
                major = cl.sizes >= 0.02 * ids.size
                row["clusters"] = [{"opinion": float(m), "accounts": int(s)}
                                   for m, s in zip(cl.centres[major], cl.sizes[major], strict=True)]
            rows.append(row)
        scenarios[name] = rows
    result = {"brand": data.brand, "model": model, "susceptibility": susceptibility if model == "fj" else None,
              "epsilon": epsilon if model == "hk" else None, "community_run": data.community_run,
              "converted": ctx.accounts_info(conv.tolist()) if conv.size else [], "scenarios": scenarios}
    if store:
        inputs = {"brand": data.brand, "model": model, "convert": conv.tolist(), "susceptibility": susceptibility,
                  "epsilon": epsilon, "n_steps": n_steps}
        result["plan_id"] = _save(ctx, "opinion settle", inputs, result, since, until, networks)
    return result


def _degroot(net: InfluenceNetwork, x0: np.ndarray, lam: np.ndarray, n_steps: int) -> np.ndarray:
    """``n_steps`` of ``x <- Lambda W x + (I - Lambda) x0`` with ``Lambda`` 1 for the free (DeGroot
    with stubborn accounts)."""
    from einfluence.opinion import _kernels

    x = x0.copy()
    base = (1 - lam) * x0
    out = np.empty_like(x)
    for _ in range(int(n_steps)):
        _kernels.fj_sweep(net.indptr, net.indices, net.weight, lam, base, x, out)
        x, out = out, x
    return x


def opinion_convert(
    ctx: Context,
    brand: str | None = None,
    *,
    k: int = 10,
    community: int | None = None,
    community_run: int | None = None,
    susceptibility: float = 0.5,
    since: datetime | None = None,
    until: datetime | None = None,
    networks: Sequence[str] | None = None,
    kinds: Sequence[str] | None = None,
    data: OpinionData | None = None,
    store: bool = True,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Whom to convert: the ``k`` accounts whose conversion into committed advocates raises the
    target's (``community``, or everyone) mean steady-state opinion most under Friedkin-Johnsen
    (:func:`einfluence.opinion.greedy_advocates`, lazy greedy, ``(1 - 1/e)`` of the optimum),
    compared with converting the ``k`` top-scored influencers (einfluence score of the window) and
    with doing nothing."""
    from einfluence.opinion import converted_mean, greedy_advocates
    from einfluence.store.scores import score_values
    from einfluence.workspace.scores import score_run_for

    check_scalar(k, "k", numbers.Integral, min_val=0)
    check_scalar(susceptibility, "susceptibility", numbers.Real, min_val=0.0, max_val=1.0)
    progress = progress or NullProgress()
    progress.start(Reason("progress.read_population"), None)
    if data is None:
        data = opinion_data(ctx, brand, since=since, until=until, networks=networks, kinds=kinds,
                            communities=community is not None, community_run=community_run)
    o, net = data.opinions, data.net
    target = np.zeros(net.n_nodes)
    target[data.members(community)] = 1.0
    still = o.stubborn()
    candidates = np.flatnonzero(data.active & ~(still & (o.value >= 1.0)))
    progress.start(Reason("progress.choose_advocates", k=k), None)
    sel = greedy_advocates(net, o.value, k, susceptibility=susceptibility, stubborn=still, target=target,
                           candidates=candidates)
    progress.start(Reason("progress.top_scored"), None)
    run = score_run_for(ctx, since=since, until=until, networks=networks)
    scores = score_values(ctx.con, run, net.n_nodes)
    top = candidates[np.lexsort((candidates, -scores[candidates]))][:k]
    top_mean = converted_mean(net, o.value, top, susceptibility=susceptibility, stubborn=still, target=target)
    chosen = [{**a, "gain": float(g), "score": float(scores[v])}
              for a, g, v in zip(ctx.accounts_info(sel.nodes.tolist()), sel.gains, sel.nodes, strict=True)]
    result = {
        "brand": data.brand, "community": community, "community_run": data.community_run, "k": k,
        "susceptibility": susceptibility, "target_size": int(target.sum()), "nothing_done": sel.baseline,
        "greedy": {"mean": sel.objective, "gain": sel.objective - sel.baseline, "accounts": chosen,
                   "evaluations": sel.evaluations},
        "top_scored": {"mean": top_mean, "gain": top_mean - sel.baseline, "score_run": run,
                       "accounts": [{**a, "score": float(scores[v])}
                                    for a, v in zip(ctx.accounts_info(top.tolist()), top, strict=True)]},
    }
    if store:
        inputs = {"brand": data.brand, "k": k, "community": community, "susceptibility": susceptibility}
        result["plan_id"] = _save(ctx, "opinion convert", inputs, result, since, until, networks)
    return result
