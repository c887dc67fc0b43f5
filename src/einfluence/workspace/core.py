"""The :class:`Workspace`: storage, imports, the demo world and influence scores."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.ipc

from einfluence.base.arrays import PostArrays
from einfluence.base.progress import NullProgress, Progress
from einfluence.exceptions import InputError, StoreError
from einfluence.graph import GraphView
from einfluence.io import Records
from einfluence.scoring.harness import EvaluationReport, evaluate_prediction
from einfluence.scoring.score import InfluenceScore, ScoreParams, einfluence_score
from einfluence.store import connect, import_files, import_records, schema_version, stats
from einfluence.store.brands import upsert_brands
from einfluence.store.database import DEFAULT_DB, fetch_one
from einfluence.store.imports import ImportResult
from einfluence.store.scores import find_run, get_run, ranking, save_score_run
from einfluence.store.truth import planted_influencers, read_metadata, read_truth, save_truth
from einfluence.workspace.campaigns import CampaignMixin
from einfluence.workspace.content import ContentMixin, TopicFilter
from einfluence.workspace.perception import PerceptionMixin

__all__ = ["Workspace"]


def _save_world_extras(con: duckdb.DuckDBPyConnection, world: Any) -> None:
    save_truth(con, world.truth, world.params)
    upsert_brands(con, world.truth["brands"])


def _request(params: ScoreParams | None, topic: TopicFilter | None) -> dict[str, Any]:
    """What a score run was asked for: its parameters, and the topic it is restricted to."""
    request = (params or ScoreParams()).as_dict()
    if topic is not None:
        request["topic"] = {key: topic[key] for key in sorted(topic)}
    return request


def _records_checksum(records: Records) -> str:
    """SHA-256 of the records' Arrow IPC serialisation (exact, and fast on millions of rows)."""
    digest = hashlib.sha256()
    for table in (records.accounts, records.posts, records.interactions):
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, table.schema) as writer:
            writer.write_table(table)
        digest.update(sink.getvalue())
    return digest.hexdigest()


class Workspace(ContentMixin, CampaignMixin, PerceptionMixin):
    """An einfluence database and the operations on it.

    Parameters
    ----------
    path : str or Path
        The DuckDB file (created and migrated if needed); ``":memory:"`` for a throw-away one.
    read_only : bool
        Open without write access (several readers may then share the file).

    Examples
    --------
    >>> from einfluence import Workspace
    >>> with Workspace(":memory:") as ws:
    ...     result = ws.add_records(Records.from_columns(interactions={
    ...         "network": "demo", "src": ["ann", "bob"], "dst": ["carl", "carl"], "kind": "relay"}))
    ...     ws.stats()["interactions_by_kind"]
    {'relay': 2}
    """

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False) -> None:
        self.path = Path(path) if str(path) != ":memory:" else path
        self.con: duckdb.DuckDBPyConnection = connect(path, read_only=read_only)

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the database (committed work is on disk)."""
        self.con.close()

    def graph(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        kinds: Sequence[str] | None = None,
        networks: Sequence[str] | None = None,
        include_untimed: bool | None = None,
    ) -> GraphView:
        """The interaction graph of a window (:class:`~einfluence.graph.GraphView`).

        ``since <= time < until`` (UTC): nothing at or after ``until`` is in the view.
        ``kinds`` keeps those interaction kinds, ``networks`` the interactions of accounts of
        those networks; ``include_untimed`` keeps interactions without a time (follow lists,
        link graphs), by default only when no window is given.

        Examples
        --------
        >>> ws = Workspace(":memory:")
        >>> _ = ws.add_records(Records.from_columns(interactions={
        ...     "network": "t", "src": ["a", "b", "b"], "dst": ["c", "c", "a"], "kind": "relay"}))
        >>> g = ws.graph()
        >>> g.n_nodes, g.n_edges, g.in_degree().tolist()
        (3, 3, [1, 0, 2])
        """
        from einfluence.graph import GraphView
        from einfluence.store.queries import interaction_arrays

        arrays = interaction_arrays(
            self.con, since=since, until=until, kinds=kinds, networks=networks, include_untimed=include_untimed
        )
        return GraphView.from_arrays(
            arrays, since=since, until=until,
            kinds=None if kinds is None else tuple(kinds), networks=None if networks is None else tuple(networks),
        )

    def posts(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        networks: Sequence[str] | None = None,
    ) -> PostArrays:
        """The posts of a window as arrays (:class:`~einfluence.base.PostArrays`), by post id."""
        from einfluence.store.queries import post_arrays

        return post_arrays(self.con, since=since, until=until, networks=networks)

    def import_files(
        self,
        fmt: str,
        paths: Sequence[str | Path],
        *,
        progress: Progress | None = None,
        **options: Any,
    ) -> ImportResult:
        """Import files of a format (see ``einfluence import --help``); all or nothing, idempotent."""
        return import_files(self.con, fmt, paths, options=options, progress=progress)

    def add_records(self, records: Records, *, source: str = "python", checksum: str | None = None) -> ImportResult:
        """Store records built in Python as one import (idempotent when ``checksum`` is given)."""
        if checksum is None:
            checksum = _records_checksum(records)
        return import_records(self.con, records, fmt="records", sources=[source], checksum=checksum)

    def schema_version(self) -> int:
        """The schema version of the open database."""
        return schema_version(self.con)

    def truth(self, name: str) -> pa.Table:
        """A planted-truth table of a generated world (see :func:`make_demo_world`)."""
        return read_truth(self.con, name)

    def planted_influencers(self, limit: int = 10) -> list[dict[str, Any]]:
        """The demo world's strongest planted influence episodes (empty for other data)."""
        return planted_influencers(self.con, limit=limit)

    @classmethod
    def create_demo(
        cls,
        path: str | Path = DEFAULT_DB,
        *,
        n_accounts: int = 3000,
        n_days: int = 42,
        seed: int = 0,
        force: bool = False,
        progress: Progress | None = None,
        **params: Any,
    ) -> dict[str, Any]:
        """Generate the seeded demo world into a fresh database file; return its summary.

        An existing file is replaced only if it holds a demo world or nothing at all, or if
        ``force`` is true: the demo never silently destroys imported data.
        """
        from einfluence.datasets import make_demo_world

        progress = progress or NullProgress()
        target = Path(path)
        if target.exists():
            with cls(target, read_only=False) as ws:
                is_demo = read_metadata(ws.con, "demo_world") is not None
                empty = fetch_one(ws.con, "SELECT count(*) FROM imports")[0] == 0
            if not (is_demo or empty or force):
                raise StoreError(
                    f"{target} holds imported data; pass --force to replace it, or choose another --db"
                )
            target.unlink()
            Path(str(target) + ".wal").unlink(missing_ok=True)
        progress.start("generating the demo world", None)
        world = make_demo_world(n_accounts=n_accounts, n_days=n_days, seed=seed, **params)
        checksum = hashlib.sha256(json.dumps(world.params, sort_keys=True, default=str).encode()).hexdigest()
        with cls(target) as ws:
            import_records(
                ws.con,
                world.records,
                fmt="demo",
                sources=[f"demo(seed={seed})"],
                checksum=checksum,
                options=world.params,
                progress=progress,
                also=lambda con, _: _save_world_extras(con, world),
            )
        return world.summary()

    # ------------------------------------------------------------------ influence scores

    def _views(self, since, until, networks):
        from einfluence.store.queries import account_arrays, post_arrays

        view = self.graph(since=since, until=until, networks=networks)
        posts = post_arrays(self.con, since=since, until=until, networks=networks)
        accounts = account_arrays(self.con)
        return view, posts, accounts

    def score(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        networks: Sequence[str] | None = None,
        params: ScoreParams | None = None,
        label: str | None = None,
        topic: TopicFilter | None = None,
        progress: Progress | None = None,
    ) -> tuple[int, InfluenceScore]:
        """Compute the einfluence score of a window and store it as a run; return (run_id, result).

        ``until`` is strict: nothing at or after it is used. The run records the window, the
        networks, the parameters (with the components' scales) and the einfluence version.
        With ``topic`` (a topic run, a topic of it and a minimum weight) only the interactions
        about that topic count: the score is topic-sensitive.
        """
        progress = progress or NullProgress()
        progress.start("loading the interaction graph", None)
        view, posts, accounts = self._views(since, until, networks)
        groups = accounts.network[: view.n_nodes]
        progress.start("computing the score", None)
        if topic is None:
            result = einfluence_score(view, posts, groups=groups, params=params)
        else:
            result = self._topic_score(view, posts, topic, groups=groups, params=params)
        progress.start("storing the run", None)
        scored = np.flatnonzero(result.active)
        run_id = save_score_run(
            self.con,
            account_id=scored,
            score=result.score[scored],
            index=result.index[scored],
            components={name: values[scored] for name, values in result.components.items()},
            points={name: values[scored] for name, values in result.points.items()},
            since=since,
            until=until,
            networks=networks,
            params={
                **result.params.as_dict(),
                "request": _request(params, topic),
                "scales": result.scales,
                "reference_time_us": result.reference_time,
            },
            available=result.available,
            label=label,
        )
        return run_id, result

    def score_run_for(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        networks: Sequence[str] | None = None,
        params: ScoreParams | None = None,
        topic: TopicFilter | None = None,
        progress: Progress | None = None,
    ) -> int:
        """The run of this window and parameters: an existing one, or a new one computed now."""
        found = find_run(self.con, since=since, until=until, networks=networks, request=_request(params, topic))
        if found is not None:
            return found
        run_id, _ = self.score(
            since=since, until=until, networks=networks, params=params, topic=topic, progress=progress,
            label=None if topic is None else f"topic:{topic['topic_run']}:{topic['topic']}",
        )
        return run_id

    def rank(
        self,
        run_id: int | None = None,
        *,
        limit: int | None = 100,
        network: str | None = None,
        min_score: float | None = None,
        min_reactors: float | None = None,
        community: int | None = None,
        community_run: int | None = None,
        relevance: np.ndarray | None = None,
    ) -> pa.Table:
        """The ranking of a stored run (the latest by default), best first.

        ``community`` keeps the members of that community of ``community_run`` (the latest
        community run by default). ``relevance`` (one value per account, for example
        :meth:`relevance` to a query) keeps the accounts with a positive relevance and orders them
        by ``score × relevance / max relevance`` (Traackr-style: influence *and* relevance), in an
        added ``relevance`` column.
        """
        from einfluence.store.topics import community_membership, get_community_run

        run = get_run(self.con, run_id)
        keep: np.ndarray | None = None
        if community is not None:
            crun = get_community_run(self.con, community_run)
            if not 0 <= community < crun["n_communities"]:
                raise InputError(
                    f"community {community} does not exist in community run #{crun['community_run_id']} "
                    f"(0..{crun['n_communities'] - 1})"
                )
            membership = community_membership(self.con, int(crun["community_run_id"]), self._n_accounts())
            keep = membership == community
        if relevance is not None:
            relevance = np.asarray(relevance, dtype=np.float64)
            relevant = np.zeros(self._n_accounts(), dtype=bool)
            relevant[: relevance.size] = relevance > 0
            keep = relevant if keep is None else keep & relevant
        table = ranking(
            self.con, run["run_id"], limit=limit if relevance is None else None, network=network,
            min_score=min_score, min_reactors=min_reactors,
            accounts=None if keep is None else np.flatnonzero(keep).tolist(),
        )
        if relevance is None or table.num_rows == 0:
            return table
        rel = relevance[table.column("account_id").to_numpy()] / relevance.max()
        combined = table.column("score").to_numpy() * rel
        order = np.lexsort((table.column("rank").to_numpy(), -combined))[: limit or None]
        table = table.append_column("relevance", pa.array(rel)).take(pa.array(order))
        return table.set_column(0, "rank", pa.array(np.arange(1, table.num_rows + 1, dtype=np.int32)))

    def rank_persons(self, run_id: int | None = None, *, limit: int | None = 100) -> list[dict[str, Any]]:
        """Ranking across networks: a person's accounts combined (indices added), best first.

        Accounts without a known person stand for themselves.
        """
        from einfluence.scoring.score import combine_accounts
        from einfluence.store.scores import run_accounts

        run = get_run(self.con, run_id)
        table = run_accounts(self.con, run["run_id"])
        index = table.column("index").to_numpy()
        owner = table.column("person_id").to_numpy()
        entity, combined, score = combine_accounts(index, owner, decades=run["params"]["decades"])
        order = np.lexsort((entity, -combined))[: limit or None]
        rows = table.to_pylist()
        members: dict[int, list[dict[str, Any]]] = {}
        for i, row in enumerate(rows):
            key = row["person_id"] if row["person_id"] >= 0 else -1 - i
            members.setdefault(key, []).append(row)
        out = []
        for rank, e in enumerate(order, start=1):
            accounts = members[int(entity[e])]
            out.append(
                {
                    "rank": rank,
                    "person": accounts[0]["person"],
                    "score": float(score[e]),
                    "index": float(combined[e]),
                    "accounts": [
                        {"network": a["network"], "account": a["source_id"], "handle": a["handle"],
                         "score": a["score"]}
                        for a in accounts
                    ],
                }
            )
        return out

    def run_info(self, run_id: int | None = None) -> dict[str, Any]:
        """A stored run's window, networks, parameters and version."""
        return dict(get_run(self.con, run_id))

    def explain(
        self,
        account: str,
        *,
        network: str | None = None,
        run_id: int | None = None,
        n_reactors: int = 10,
        n_posts: int = 5,
    ) -> dict[str, Any]:
        """Why an account has its score: components and points, top reactors and posts, trend.

        ``account`` is a source id or a handle (``@name``); ``network`` settles ambiguity.
        """
        from einfluence.store.queries import (
            daily_reactions,
            find_accounts,
            top_reactors,
            top_relayed_posts,
        )
        from einfluence.store.scores import score_history

        matches = find_accounts(self.con, account, network)
        if not matches:
            raise InputError(f"no account {account!r}" + (f" in network {network!r}" if network else ""))
        if len(matches) > 1:
            found = ", ".join(f"{m[2]} ({m[1]})" for m in matches[:5])
            raise InputError(f"{account!r} names several accounts: {found}; pass --network")
        account_id, net, source_id, handle = matches[0]
        run = get_run(self.con, run_id)
        rows = ranking(self.con, run["run_id"], limit=None, accounts=[account_id]).to_pylist()
        since, until = run["since"], run["until"]
        history = score_history(self.con, account_id).to_pylist()
        return {
            "account": source_id,
            "network": net,
            "handle": handle,
            "run": {k: run[k] for k in ("run_id", "since", "until", "networks", "label", "einfluence_version")},
            "params": run["params"],
            "available": run["available"],
            "scored": rows[0] if rows else None,
            "rank_in_run": rows[0]["rank"] if rows else None,
            "n_scored": run["n_scored"],
            "top_reactors": top_reactors(self.con, account_id, since=since, until=until, limit=n_reactors),
            "top_posts": top_relayed_posts(self.con, account_id, since=since, until=until, limit=n_posts),
            "daily_reactions": daily_reactions(self.con, account_id, since=since, until=until),
            "history": history,
        }

    def history(
        self,
        *,
        width_hours: float = 24.0,
        step_hours: float | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        networks: Sequence[str] | None = None,
        params: ScoreParams | None = None,
        top: int = 10,
        burst_quantile: float = 0.99,
        progress: Progress | None = None,
    ) -> dict[str, Any]:
        """Scores over rolling windows, stored as history runs, and what they say over time.

        Each window ``[since + i * step, since + i * step + width)`` is scored on its own events
        and stored as a run labelled ``history:<group>:<i>``. Returns the windows and run ids,
        the rank stability between consecutive windows (Kendall τ, top-``top`` overlap), the
        rising and fading accounts (trends of the score), and the one-window influencers: an
        account whose distinct reactors in one window reach the ``burst_quantile`` of all
        account-windows with reactors, at least three times its usual level, and fall back in
        the next window (a burst that does not last).
        """
        from datetime import timedelta

        from einfluence.scoring.dynamics import (
            one_day_influencers,
            rank_stability,
            rolling_windows,
            trends,
        )

        progress = progress or NullProgress()
        first, last = fetch_one(
            self.con, "SELECT min(created_at), max(created_at) FROM interactions WHERE created_at IS NOT NULL"
        )
        if first is None:
            raise InputError("no timed interaction in the database: nothing to follow over time")
        start = since or first.replace(hour=0, minute=0, second=0, microsecond=0)
        end = until or last + timedelta(microseconds=1)
        windows = rolling_windows(
            start, end, width=timedelta(hours=width_hours),
            step=None if step_hours is None else timedelta(hours=step_hours),
        )
        group = int(fetch_one(self.con, "SELECT count(DISTINCT split_part(label, ':', 2)) FROM score_runs "
                              "WHERE starts_with(label, 'history:')")[0]) + 1
        n = self._n_accounts()
        scores = np.full((len(windows), n), np.nan)
        reactors = np.zeros((len(windows), n))
        run_ids = []
        progress.start("scoring the windows", len(windows))
        for i, (w_since, w_until) in enumerate(windows):
            run_id, result = self.score(
                since=w_since, until=w_until, networks=networks, params=params, label=f"history:{group}:{i}"
            )
            scores[i, : result.score.size] = result.score
            reactors[i, : result.reactors.size] = result.reactors
            run_ids.append(run_id)
            progress.advance(1)
        ends = [w[1] for w in windows]
        stability = rank_stability(scores, k=top)
        floor = np.where(np.isnan(scores), 1.0, scores)  # no activity in a window: no influence
        trend = trends(floor, ends)
        positive = reactors[reactors > 0]
        threshold = float(np.quantile(positive, burst_quantile)) if positive.size else np.inf
        bursts = one_day_influencers(reactors, burst_threshold=threshold)

        described = self._describe

        def movers(label: str) -> list[dict[str, Any]]:
            ids = trend.accounts(label)
            order = np.argsort(-np.abs(trend.change[ids]), kind="stable")[:top]
            chosen = ids[order]
            info = described(chosen)
            return [
                {**info[int(a)], "change": float(trend.change[a]), "slope_per_day": float(trend.slope[a]),
                 "first": float(floor[0, a]), "last": float(floor[-1, a])}
                for a in chosen
            ]

        order = np.argsort(-bursts.peak, kind="stable")[:top]
        info = described(bursts.accounts[order])
        return {
            "group": group,
            "windows": [{"since": a, "until": b, "run_id": r} for (a, b), r in zip(windows, run_ids, strict=True)],
            "stability": [
                {"from": ends[i], "to": ends[i + 1], "kendall": float(stability.kendall[i]),
                 f"overlap@{top}": float(stability.overlap[i]), "n_common": int(stability.n_common[i])}
                for i in range(len(windows) - 1)
            ],
            "rising": movers("rising"),
            "fading": movers("fading"),
            "one_window_influencers": [
                {**info[int(a)], "window": windows[int(w)][0], "reactors": float(p), "usual_reactors": float(b),
                 "score": float(scores[int(w), int(a)])}
                for a, w, p, b in zip(
                    bursts.accounts[order], bursts.window[order], bursts.peak[order], bursts.baseline[order], strict=True
                )
            ],
        }

    def evaluate(
        self,
        split: datetime,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        networks: Sequence[str] | None = None,
        params: ScoreParams | None = None,
        ks: Sequence[int] = (10, 100, 1000),
        progress: Progress | None = None,
    ) -> EvaluationReport:
        """Temporal evaluation: measures on ``[since, split)`` predicting ``[split, until)``."""
        from einfluence.store.queries import account_arrays, post_arrays

        progress = progress or NullProgress()
        progress.start("loading the early and late windows", None)
        early = self.graph(since=since, until=split, networks=networks)
        late = self.graph(since=split, until=until, networks=networks)
        posts = post_arrays(self.con, since=since, until=split, networks=networks)
        accounts = account_arrays(self.con)
        progress.start("computing and comparing the measures", None)
        return evaluate_prediction(
            early,
            late,
            early_posts=posts,
            followers=accounts.followers[: early.n_nodes],
            groups=accounts.network[: early.n_nodes],
            params=params,
            ks=ks,
        )

    def stats(self, *, by_day: bool = True) -> dict[str, Any]:
        """Counts per table, network, kind and day (see :func:`einfluence.store.stats`)."""
        return stats(self.con, by_day=by_day)

    def sql(self, query: str, params: Sequence[Any] | None = None) -> duckdb.DuckDBPyRelation | None:
        """Run SQL on the database (the tables are described in README.md, "The data model")."""
        return self.con.execute(query, params or [])  # type: ignore[return-value]
