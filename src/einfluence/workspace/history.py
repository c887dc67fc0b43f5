"""Scores over time: the rolling-window history behind ``einfluence trends`` and the trends the
dashboard reads from it (both read each account's series the same way)."""

from __future__ import annotations

import dataclasses
import numbers
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np

from einfluence.base.progress import NullProgress, Progress
from einfluence.exceptions import InputError
from einfluence.i18n import Reason
from einfluence.workspace.scores import _payload, _request, _score_params

if TYPE_CHECKING:
    from einfluence.scoring.score import ScoreParams
    from einfluence.workspace.context import Context

__all__ = ["history", "score_trends"]


def score_trends(ctx: Context, account_ids: Sequence[int]) -> dict[str, Any]:
    """The scores of accounts (by id) in each window of the latest stored history
    (:func:`history`, ``einfluence trends``) and their trends, without computing anything.

    Returns ``{"group", "windows": [{run_id, since, until}], "scores": {account_id: [score or
    None per window]}, "trend": {account_id: label}}``, windows oldest first; the labels are
    those of :func:`einfluence.scoring.dynamics.trends` (``rising``, ``fading``, ``stable``, or
    ``unknown`` with fewer than two windows) on the series ``einfluence trends`` reads
    (:func:`~einfluence.scoring.history.with_floor`), so that both say the same. Without a stored history, ``group`` is None and
    the rest is empty.

    Examples
    --------
    >>> from einfluence import Workspace
    >>> with Workspace(":memory:") as ws:
    ...     ws.score_trends([0, 1])
    {'group': None, 'windows': [], 'scores': {}, 'trend': {}}
    """
    from einfluence.scoring.dynamics import trends
    from einfluence.scoring.history import with_floor
    from einfluence.store.scores import history_scores, history_windows, latest_history_group

    group = latest_history_group(ctx.con)
    if group is None:
        return {"group": None, "windows": [], "scores": {}, "trend": {}}
    windows = history_windows(ctx.con, group)
    position = {w["run_id"]: i for i, w in enumerate(windows)}
    ids = list(dict.fromkeys(int(a) for a in account_ids))
    column = {a: j for j, a in enumerate(ids)}
    matrix = np.full((len(windows), len(ids)), np.nan)
    for account, run_id, value in history_scores(ctx.con, group, ids):
        matrix[position[run_id], column[account]] = value
    if ids and all(w["networks_with_data"] is not None for w in windows):
        # as einfluence trends reads them: the floor where the account's network had data
        accounts = ctx.accounts()
        networks = [accounts.networks[int(accounts.network[a])] if a < accounts.network.size else None for a in ids]
        present = [set(w["networks_with_data"]) for w in windows]
        has_data = np.array([[n in names for n in networks] for names in present], dtype=bool)
        series = with_floor(matrix, has_data.reshape(matrix.shape))
    else:  # a history stored before the windows recorded their networks: the scored windows only
        series = matrix
    labels = (trends(series, [w["until"] for w in windows]).label if len(windows) > 1 and ids
              else ["unknown"] * len(ids))
    return {"group": group, "windows": windows,
            "scores": {a: [None if v != v else float(v) for v in matrix[:, j]] for a, j in column.items()},
            "trend": {a: str(labels[j]) for a, j in column.items()}}


def history(
    ctx: Context,
    *,
    width_hours: float = 24.0,
    step_hours: float | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    networks: Sequence[str] | None = None,
    params: ScoreParams | Mapping[str, Any] | None = None,
    top: int = 10,
    burst_quantile: float = 0.99,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Scores over rolling windows, stored as history runs, and what they say over time.

    The windows ``[since + i * step, since + i * step + width)`` cover the selected data: from
    ``since`` (default: the first timed interaction of ``networks``, at midnight) to ``until``
    (default: just after the last one). Each window is scored on its own events; the windows
    with events are stored as runs labelled ``history:<group>:<i>``, all in one transaction
    (an interrupted history leaves nothing behind). Returns the windows and run ids, the rank
    stability between consecutive windows (Kendall τ, top-``top`` overlap), the rising and
    fading accounts (trends of the score), and the one-window influencers
    (:func:`~einfluence.scoring.summarize_windows`). The data is read once; memory follows the
    active accounts of the windows, not their number.
    """
    from einfluence.base.arrays import PostArrays
    from einfluence.base.timeunits import to_us
    from einfluence.base.unique import unique_ints
    from einfluence.base.validation import check_scalar
    from einfluence.scoring.dynamics import rolling_windows
    from einfluence.scoring.history import summarize_windows
    from einfluence.scoring.score import einfluence_score
    from einfluence.store.queries import interaction_time_span
    from einfluence.store.scores import next_history_group, save_score_runs

    params = _score_params(params)
    check_scalar(width_hours, "width_hours", numbers.Real, min_val=0, include_min=False)
    if step_hours is not None:
        check_scalar(step_hours, "step_hours", numbers.Real, min_val=0, include_min=False)
    progress = progress or NullProgress()
    first, last = interaction_time_span(ctx.con, networks=networks)
    if first is None:
        where = f"network(s) {', '.join(networks)}" if networks else "the database"
        raise InputError(f"no timed interaction in {where}: a history follows scores over time", parameter="networks")
    start = since or first.replace(hour=0, minute=0, second=0, microsecond=0)
    end = until or last + timedelta(microseconds=1)
    if end <= start:
        raise InputError(f"the window is empty: until ({end}) is not after since ({start})", parameter="until")
    windows = rolling_windows(start, end, width=timedelta(hours=width_hours),
                              step=None if step_hours is None else timedelta(hours=step_hours))
    progress.start(Reason("progress.load_span"), None)
    view = ctx.graph(since=start, until=windows[-1][1], networks=networks)
    posts = ctx.posts(since=start, until=windows[-1][1], networks=networks)
    accounts = ctx.accounts()
    groups = accounts.network[: view.n_nodes]
    request = _request(params, None)
    group = next_history_group(ctx.con)
    payloads, stored = [], []
    active: list[np.ndarray] = []
    scores: list[np.ndarray] = []
    reactors: list[np.ndarray] = []
    # which networks have data in each window: the windows each account's trend is read over
    network_of = np.asarray(accounts.network, dtype=np.int64)
    has_data = np.zeros((len(windows), len(accounts.networks)), dtype=bool)
    progress.start(Reason("progress.score_windows"), len(windows), "windows")
    for i, (w_since, w_until) in enumerate(windows):
        lo, hi = to_us(w_since), to_us(w_until)
        inside = (view.time >= lo) & (view.time < hi)
        has_data[i, unique_ints(network_of[view.indices[inside]])] = True
        if not inside.any():  # no event: nothing to score or to store
            active.append(np.zeros(0, np.int64))
            scores.append(np.zeros(0))
            reactors.append(np.zeros(0))
            progress.advance(1)
            continue
        window_view = dataclasses.replace(view.edge_subgraph(inside), since=w_since, until=w_until)
        timed = (posts.time >= lo) & (posts.time < hi)
        window_posts = PostArrays(**{f.name: getattr(posts, f.name)[timed] for f in dataclasses.fields(PostArrays)})
        result = einfluence_score(window_view, window_posts, groups=groups, params=params)
        ids = np.flatnonzero(result.active)
        active.append(ids)
        scores.append(result.score[ids])
        reactors.append(result.reactors[ids])
        payload = _payload(result, accounts.networks, since=w_since, until=w_until, networks=networks,
                           request=request, label=f"history:{group}:{i}")
        # what the dashboard's trends read (score_trends): the same windows for each account
        payload["params"]["networks_with_data"] = [accounts.networks[c] for c in np.flatnonzero(has_data[i])]
        payloads.append(payload)
        stored.append(i)
        progress.advance(1)
    progress.start(Reason("progress.store_history"), None)
    run_ids: list[int | None] = [None] * len(windows)
    for i, run_id in zip(stored, save_score_runs(ctx.con, payloads), strict=True):
        run_ids[i] = run_id
    del payloads
    ends = [w[1] for w in windows]
    n_accounts = ctx.n_accounts()
    summary = summarize_windows(active, scores, reactors, ends, n_accounts=n_accounts, top=top,
                                burst_quantile=burst_quantile, coverage=(has_data, network_of[:n_accounts]))
    described = ctx.describe(np.concatenate([summary.rising, summary.fading, summary.bursts.accounts]))

    def movers(ids: np.ndarray) -> list[dict[str, Any]]:
        return [
            {**described[int(a)], "change": float(summary.trend.change[a]),
             "slope_per_day": float(summary.trend.slope[a]),
             "first": float(summary.first[a]), "last": float(summary.last[a])}
            for a in ids
        ]

    def score_in(window: int, account: int) -> float:
        at = np.searchsorted(active[window], account)
        found = at < active[window].size and active[window][at] == account
        return float(scores[window][at]) if found else float("nan")

    bursts = summary.bursts
    stability = summary.stability
    return {
        "group": group,
        "windows": [{"since": a, "until": b, "run_id": r} for (a, b), r in zip(windows, run_ids, strict=True)],
        "stability": [
            {"from": ends[i], "to": ends[i + 1], "kendall": float(stability.kendall[i]),
             f"overlap@{top}": float(stability.overlap[i]), "n_common": int(stability.n_common[i])}
            for i in range(len(windows) - 1)
        ],
        "rising": movers(summary.rising),
        "fading": movers(summary.fading),
        "one_window_influencers": [
            {**described[int(a)], "window": windows[int(w)][0], "reactors": float(p), "usual_reactors": float(b),
             "score": score_in(int(w), int(a))}
            for a, w, p, b in zip(bursts.accounts, bursts.window, bursts.peak, bursts.baseline, strict=True)
        ],
    }
