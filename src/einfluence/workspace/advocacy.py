"""Workspace service for advocacy: campaign actions, the advocacy funnel, and what followed a campaign."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import numpy as np

from einfluence.base.timeunits import DAY, HOUR, to_us
from einfluence.exceptions import InputError
from einfluence.i18n import Reason
from einfluence.workspace.campaigns import audience, graph_nodes
from einfluence.workspace.perception import brand_index, brands

if TYPE_CHECKING:
    import pyarrow as pa

    from einfluence.workspace.context import Context

__all__ = ["actions", "advocates", "campaign_outcomes", "delete_action", "log_actions", "update_action"]


def log_actions(
    ctx: Context, rows: Sequence[dict[str, Any]], *, network: str | None = None, source: str = "python"
) -> int:
    """Log campaign actions, all or nothing; return how many were new.

    Each row: ``account`` (source id or @handle, of ``network`` when names are shared),
    ``brand`` (name), ``kind`` (see :data:`einfluence.store.mentions.ACTION_KINDS`), ``at``
    (datetime), optional ``campaign`` and ``note``. Errors name the row (``source`` and its
    ``_line``, or the action's number) and the field.
    """
    from einfluence.store.mentions import add_actions

    brand_ids = {b["name"].casefold(): b["brand_id"] for b in brands(ctx, accounts=False)}
    resolved = []
    for i, row in enumerate(rows, start=1):
        where = f"{source}, line {row['_line']}" if "_line" in row else f"{source}, action {i}"
        brand = brand_ids.get(str(row.get("brand", "")).casefold())
        if brand is None:
            raise InputError(f"{where}, field brand: no declared brand {row.get('brand')!r}")
        if row.get("account") is None:
            raise InputError(f"{where}, field account: missing")
        try:
            (account,) = ctx.resolve([str(row["account"])], network=network)
        except InputError as exc:
            raise InputError(f"{where}, field account: {exc.message}") from None
        if not isinstance(row.get("at"), datetime):
            raise InputError(f"{where}, field at: expected a date-time")
        resolved.append({"account_id": int(account), "brand_id": int(brand), "kind": row["kind"], "at": row["at"],
                         "campaign": row.get("campaign"), "note": row.get("note")})
    return add_actions(ctx.con, resolved)


def update_action(ctx: Context, action_id: int, **changes: Any) -> dict[str, Any]:
    """Change a logged action (``kind``, ``at``, ``campaign``, ``note``); return it as stored."""
    from einfluence.store.mentions import update_action as update

    update(ctx.con, int(action_id), changes)
    return next(r for r in actions(ctx).to_pylist() if r["action_id"] == int(action_id))


def delete_action(ctx: Context, action_id: int) -> None:
    """Remove a logged action."""
    from einfluence.store.mentions import delete_action as delete

    delete(ctx.con, int(action_id))


def actions(ctx: Context, *, brand: str | None = None) -> pa.Table:
    """The logged actions (all, or towards one brand's influencers), oldest first."""
    from einfluence.store.mentions import read_actions

    declared = brands(ctx, accounts=False)
    chosen = brand_index(declared, brand)
    return read_actions(ctx.con, brand_id=None if chosen is None else declared[chosen]["brand_id"])


def _action_arrays(logged: pa.Table, brand_of: dict[int, int]) -> dict[str, np.ndarray]:
    """The logged actions as the arrays of :class:`einfluence.advocacy.Actions`."""
    return {
        "account": logged.column("account_id").to_numpy(),
        "brand": np.array([brand_of[b] for b in logged.column("brand_id").to_pylist()], dtype=np.int64),
        "time": np.array([to_us(t) for t in logged.column("at").to_pylist()], dtype=np.int64),
    }


def advocates(
    ctx: Context,
    brand: str | None = None,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    min_mentions: int = 3,
    prompt_window_hours: float = 48.0,
    exposure: str = "reaction",
    limit: int | None = 20,
    networks: Sequence[str] | None = None,
) -> dict[str, Any]:
    """The advocacy funnel of each brand (:func:`einfluence.advocacy.advocacy_funnel`): counts per
    stage, the advocates and detractors with their evidence, and the dated stage events.

    With ``networks``, the mentions, interactions and accounts counted are those networks'
    (``unaware`` counts their accounts only)."""
    from einfluence.advocacy import STAGES, Actions, advocacy_funnel
    from einfluence.store.mentions import mention_arrays

    declared = brands(ctx)
    chosen = brand_index(declared, brand)
    m = mention_arrays(ctx.con, declared, since=since, until=until, networks=networks)
    logged = actions(ctx)
    brand_of = {b["brand_id"]: i for i, b in enumerate(declared)}
    population = None
    if networks is not None:
        population = np.zeros(ctx.n_accounts(), dtype=bool)
        population[graph_nodes(ctx, networks).ids] = True
    funnel = advocacy_funnel(
        m.mention_post, m.mention_brand, m.post_author, m.post_time, m.post_kind, m.post_root_author, m.sentiment,
        brand_accounts=[b["accounts"] for b in declared], n_accounts=ctx.n_accounts(),
        interactions=ctx.graph(until=until, networks=networks), population=population,
        actions=Actions(**_action_arrays(logged, brand_of)) if logged.num_rows else None,
        post_id=m.post_ids, min_mentions=min_mentions, prompt_window=int(prompt_window_hours * HOUR),
        exposure=exposure, since=to_us(since), until=to_us(until),
    )
    out = []
    for i, b in enumerate(declared):
        if chosen is not None and i != chosen:
            continue
        lists = {}
        for stage in ("advocate", "detractor"):
            pair = np.flatnonzero((funnel.brand == i) & np.isin(funnel.account, funnel.members(i, stage)))
            pair = pair[np.argsort(-funnel.n_spontaneous[pair], kind="stable")][: limit or None]
            lists[stage + "s"] = [
                {**a, "since": _iso(funnel.stage_time[p, STAGES.index(stage)]),
                 "spontaneous_mentions": int(funnel.n_spontaneous[p]),
                 "mean_sentiment": float(funnel.spontaneous_mean[p])}
                for a, p in zip(ctx.accounts_info(funnel.account[pair].tolist()), pair, strict=True)
            ]
        events = [e for e in funnel.events() if e["brand"] == i and e["stage"] in ("advocate", "detractor", "lapsed")]
        out.append({
            "brand": b["name"], "competitor": b["competitor"],
            "funnel": dict(zip(STAGES[:6], (int(c) for c in funnel.counts[i]), strict=False)),
            **lists,
            "events": [_event(e) for e in events[-(limit or len(events)):]],
        })
    rules = {"min_mentions": min_mentions, "prompt_window_hours": prompt_window_hours, "exposure": exposure}
    return {"since": since, "until": until, "networks": None if networks is None else list(networks), "rules": rules,
            "brands": out}


def _event(event: dict[str, Any]) -> dict[str, Any]:
    """A funnel event as the workspace gives it: its time in ISO 8601, its evidence in English
    (``reason``) and as the catalogue key and values that say it in another language."""
    reason = event["reason"]
    key, values = reason.parts() if isinstance(reason, Reason) else (None, None)
    return {**event, "time": _iso(event["time"]), "reason": str(reason), "reason_key": key, "reason_values": values}


def _iso(value: int | None) -> str | None:
    """Microseconds since the epoch as ISO 8601 to the microsecond (None for an unknown time)."""
    if value is None or value < -(2**62):  # NO_TIME and the stage times of stages never reached
        return None
    return str(np.datetime64(int(value), "us"))


def campaign_outcomes(
    ctx: Context,
    brand: str,
    *,
    campaign: str | None = None,
    before_days: float = 14.0,
    after_days: float = 14.0,
    n_neighbors: int = 3,
    random_state: int = 0,
) -> dict[str, Any]:
    """What followed the campaign actions for a brand (:func:`einfluence.advocacy.campaign_outcomes`):
    per contacted influencer, mentions, sentiment and reach of their brand posts before and after
    the first action, funnel stage before and after, the same for matched comparable accounts
    that were not contacted, difference-in-differences estimates with bootstrap intervals, and the
    relay network grown from their brand posts afterwards (size, depth, accounts new to the brand)."""
    import pyarrow.compute as pc

    from einfluence.advocacy import STAGES, Actions
    from einfluence.advocacy import campaign_outcomes as outcomes
    from einfluence.store.mentions import mention_arrays

    logged = actions(ctx, brand=brand)
    if campaign is not None:
        logged = logged.filter(pc.equal(logged.column("campaign"), campaign))
    if logged.num_rows == 0:
        raise InputError(f"no campaign action logged for {brand!r}" + (f" in campaign {campaign!r}" if campaign else ""),
                         parameter="campaign" if campaign else "brand")
    declared = brands(ctx)
    index = brand_index(declared, brand)
    m = mention_arrays(ctx.con, declared)
    posts = ctx.posts()
    mentioning = m.post_ids[: m.n_mentioning]
    row = np.searchsorted(posts.post_id, mentioning)
    sentiment = np.zeros(posts.post_id.size)
    sentiment[row] = m.sentiment[: m.n_mentioning]

    def rows_of(ids: np.ndarray) -> np.ndarray:
        at = np.searchsorted(posts.post_id, ids)
        ok = (ids >= 0) & (at < posts.post_id.size) & (posts.post_id[np.minimum(at, posts.post_id.size - 1)] == ids)
        return np.where(ok, at, -1)

    campaigns = sorted({c or "" for c in logged.column("campaign").to_pylist()})
    arrays = _action_arrays(logged, {declared[index]["brand_id"]: index})
    result = outcomes(
        Actions(**arrays, kind=np.array(logged.column("kind").to_pylist(), dtype=object),
                campaign=np.array([campaigns.index(c or "") for c in logged.column("campaign").to_pylist()],
                                  dtype=np.int64)),
        row[m.mention_post], m.mention_brand, posts.author, posts.time, posts.kind.astype(np.int64),
        rows_of(posts.parent), rows_of(posts.root), sentiment,
        brand_accounts=[b["accounts"] for b in declared], n_accounts=ctx.n_accounts(), interactions=ctx.graph(),
        followers=audience(ctx, ctx.n_accounts()), before=int(before_days * DAY), after=int(after_days * DAY),
        n_neighbors=n_neighbors, random_state=random_state,
    )
    rows = result.to_rows()
    for r, a in zip(rows, ctx.accounts_info([r["account"] for r in rows]), strict=True):
        r.update({"account_id": r["account"], **a, "time": _iso(r["time"]), "campaign": campaigns[r["campaign"]] or None,
                  "stage_before": STAGES[r["stage_before"]], "stage_after": STAGES[r["stage_after"]]})
    return {
        "brand": declared[index]["name"], "campaign": campaign, "before_days": before_days, "after_days": after_days,
        "difference_in_differences": {
            k: {"estimate": _finite(v[0]), "ci95": [_finite(v[1]), _finite(v[2])]} for k, v in result.did.items()
        },
        "influencers": rows,
    }


def _finite(x: float) -> float | None:
    return float(x) if np.isfinite(x) else None
