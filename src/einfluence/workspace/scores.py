"""Workspace service for influence scores: score runs, rankings, explanations, history, evaluation.

Every score is stored as a run with its window, networks, parameters (with the components'
scales) and einfluence version, and found again (not recomputed) when the same window and
parameters are asked for.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import numpy as np

from einfluence.base.progress import NullProgress, Progress
from einfluence.exceptions import InputError
from einfluence.i18n import Reason
from einfluence.scoring.params import SCORE_REVISION

if TYPE_CHECKING:
    import pyarrow as pa

    from einfluence.base.arrays import PostArrays
    from einfluence.graph import GraphView
    from einfluence.scoring.calibration import Calibration, CalibrationParams
    from einfluence.scoring.harness import EvaluationReport
    from einfluence.scoring.score import InfluenceScore, ScoreParams
    from einfluence.workspace.context import Context

__all__ = [
    "DEFAULT_MIN_TOPIC_WEIGHT",
    "TopicFilter",
    "calibrate",
    "calibration",
    "evaluate",
    "explain",
    "find_score_run",
    "rank",
    "rank_persons",
    "run_info",
    "score",
    "score_run_for",
    "score_runs",
    "topic_score_runs",
]

#: what asking the Spark engine for an on-topic score says (score and topic_score_runs)
_NO_TOPIC_ON_SPARK = "the Spark engine does not score a topic yet: use the local engine for --topic"

#: an interaction is "about" a topic when the topic's weight in its content reaches this
DEFAULT_MIN_TOPIC_WEIGHT = 0.3


class TopicFilter(dict):
    """Restrict a score to the interactions about one topic: ``topic_run``, ``topic``, ``min_weight``."""


def _score_params(params: ScoreParams | Mapping[str, Any] | None) -> ScoreParams:
    """Score parameters from a :class:`~einfluence.scoring.ScoreParams` or a mapping of its fields
    (None values mean the default)."""
    from einfluence.scoring.params import ScoreParams

    if params is None or isinstance(params, ScoreParams):
        return params or ScoreParams()
    known = {f.name for f in dataclasses.fields(ScoreParams)}
    unknown = sorted(set(params) - known)
    if unknown:
        raise InputError(f"unknown score parameter(s) {unknown}; known: {sorted(known)}", parameter="params")
    return ScoreParams(**{key: value for key, value in params.items() if value is not None})


def _calibration_params(params: CalibrationParams | Mapping[str, Any] | None) -> CalibrationParams:
    """Calibration parameters from a :class:`~einfluence.scoring.calibration.CalibrationParams` or
    a mapping of its fields (None values mean the default), validated."""
    from einfluence.scoring.calibration import CalibrationParams

    if params is None or isinstance(params, CalibrationParams):
        return (params or CalibrationParams()).validated()
    known = {f.name for f in dataclasses.fields(CalibrationParams)}
    unknown = sorted(set(params) - known)
    if unknown:
        raise InputError(f"unknown calibration parameter(s) {unknown}; known: {sorted(known)}", parameter="params")
    values = {key: tuple(v) if isinstance(v, list) else v for key, v in params.items() if v is not None}
    return CalibrationParams(**values).validated()


def _apply_calibration(
    ctx: Context, calibration: int | str | None, params: ScoreParams | Mapping[str, Any] | None
) -> tuple[ScoreParams, int | None]:
    """The score parameters with a stored calibration's weights and half-life (``"latest"`` or an
    id; None leaves them), and the calibration's id."""
    from einfluence.store.calibrations import get_calibration

    base = _score_params(params)
    if calibration is None:
        return base, None
    if isinstance(calibration, str):
        if calibration != "latest" and not calibration.isdigit():
            raise InputError(f"expected 'latest' or a calibration id, got {calibration!r}", parameter="calibration")
        calibration = None if calibration == "latest" else int(calibration)
    stored = get_calibration(ctx.con, calibration)
    result = stored["result"]
    chosen = dataclasses.replace(base, weights=dict(result["weights"]), half_life_fraction=result["half_life_fraction"],
                                 half_life_hours=None, momentum_half_life_hours=None).validated()
    return chosen, int(stored["calibration_id"])


def _describe_window(since: datetime | None, until: datetime | None, networks: Sequence[str] | None) -> str:
    """``2026-09-01 → 2026-10-01, network higgs`` for messages."""
    window = f"{since.isoformat() if since else 'start'} → {until.isoformat() if until else 'end'}"
    return window + (f", network(s) {', '.join(networks)}" if networks else "")


def _request(
    params: ScoreParams | None, topic: Mapping[str, Any] | None, calibration: int | None = None,
    engine: str | None = None,
) -> dict[str, Any]:
    """What a score run was asked for: its parameters, the topic it is restricted to, the
    calibration whose weights and half-life it uses, and the engine when it is not the local one
    (so that a local run is not taken for a Spark one, and runs made before engines stay found)."""
    # the revision: a run computed the way an earlier release did is not taken for this one's
    request = {**_score_params(params).as_dict(), "revision": SCORE_REVISION}
    if engine is not None and engine != "local":
        request["engine"] = engine
    if topic is not None:
        request["topic"] = {key: topic[key] for key in sorted(topic)}
    if calibration is not None:
        request["calibration"] = calibration
    return request


def _topic_score(
    ctx: Context,
    view: GraphView,
    posts: PostArrays,
    topic: Mapping[str, Any],
    *,
    groups: np.ndarray | None,
    params: ScoreParams | None,
) -> InfluenceScore:
    """The einfluence score on one topic of a topic run (the interactions about it only)."""
    from einfluence.store.topics import topic_matrices
    from einfluence.topics import content_topics, edge_topics, topic_score

    post_ids, post_topics, _ = topic_matrices(ctx.con, int(topic["topic_run"]), ctx.n_accounts())
    return topic_score(
        view, posts, edge_topics(view, posts, post_ids, post_topics), int(topic["topic"]),
        min_weight=float(topic.get("min_weight", DEFAULT_MIN_TOPIC_WEIGHT)),
        post_topic_weights=content_topics(posts.post_id, posts, post_ids, post_topics),
        groups=groups, params=params,
    )


def _payload(
    result: InfluenceScore,
    network_names: Sequence[str],
    *,
    since: datetime | None,
    until: datetime | None,
    networks: Sequence[str] | None,
    request: Mapping[str, Any],
    label: str | None,
) -> dict[str, Any]:
    """What :func:`~einfluence.store.scores.save_score_runs` stores of a score: the active accounts'
    scores, components and points, the window, and the parameters with the scales actually used
    (a scale per network is keyed ``component/network``)."""
    scored = np.flatnonzero(result.active)
    scales = {}
    for key, value in result.scales.items():
        name, _, group = key.partition("/")
        scales[f"{name}/{network_names[int(group)]}" if group else name] = value
    return {
        "account_id": scored,
        "score": result.score[scored],
        "index": result.index[scored],
        "components": {name: values[scored] for name, values in result.components.items()},
        "points": {name: values[scored] for name, values in result.points.items()},
        "since": since,
        "until": until,
        "networks": networks,
        "params": {**result.params.as_dict(), "request": dict(request), "scales": scales,
                   "reference_time_us": result.reference_time, "basis": result.basis,
                   # networks on clocks of their own (half_life_hours is then None)
                   **({"clocks": {network_names[int(code)]: {
                       "reference_time_us": int(anchor), "half_life_hours": float(half_life),
                       "momentum_half_life_hours": float(momentum)}
                       for code, (anchor, half_life, momentum) in result.clocks.items()}} if result.clocks else {})},
        "available": result.available,
        "label": label,
    }


def score(
    ctx: Context,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    networks: Sequence[str] | None = None,
    params: ScoreParams | Mapping[str, Any] | None = None,
    label: str | None = None,
    topic: Mapping[str, Any] | None = None,
    calibration: int | str | None = None,
    progress: Progress | None = None,
) -> tuple[int, InfluenceScore]:
    """Compute the einfluence score of a window and store it as a run; return ``(run_id, result)``.

    ``until`` is strict: nothing at or after it is used. The run records the window, the
    networks, the parameters (with the components' scales) and the einfluence version.
    With ``topic`` (a :class:`TopicFilter`: a topic run, a topic of it and a minimum weight)
    only the interactions about that topic count: the score is topic-sensitive. With
    ``calibration`` (``"latest"`` or the id of a stored calibration) the score uses the weights
    and half-life learned by :func:`calibrate`, and the run records the calibration.
    """
    from einfluence.scoring.score import einfluence_score
    from einfluence.store.scores import save_score_runs

    params, calibration_id = _apply_calibration(ctx, calibration, params)
    progress = progress or NullProgress()
    progress.start(Reason("progress.load_graph"), None)
    view = ctx.graph(since=since, until=until, networks=networks)
    if view.n_edges == 0:
        raise InputError(f"no interaction in this window ({_describe_window(since, until, networks)}): nothing to score")
    posts = ctx.posts(since=since, until=until, networks=networks)
    accounts = ctx.accounts()
    groups = accounts.network[: view.n_nodes]
    engine: dict[str, Any] | None = None
    if ctx.engine is not None:
        from einfluence.spark.score import spark_score

        if topic is not None:
            raise InputError(_NO_TOPIC_ON_SPARK, parameter="engine")
        progress.start(Reason("progress.score_spark"), None)
        computed = spark_score(view, posts, groups=groups, params=params, session=ctx.spark(), config=ctx.engine)
        result, engine = computed.score, computed.engine
    elif topic is None:
        progress.start(Reason("progress.score"), None)
        result = einfluence_score(view, posts, groups=groups, params=params)
    else:
        progress.start(Reason("progress.score"), None)
        result = _topic_score(ctx, view, posts, topic, groups=groups, params=params)
    progress.start(Reason("progress.store_run"), None)
    payload = _payload(result, accounts.networks, since=since, until=until, networks=networks,
                       request=_request(params, topic, calibration_id, _engine(ctx)), label=label)
    if engine is not None:
        payload["params"]["engine"] = engine
    (run_id,) = save_score_runs(ctx.con, [payload])
    return run_id, result


def _stages(progress: Progress) -> Callable[[Reason], None]:
    """The step messages of an analysis (``progress(message)``) as the stages of ``progress``."""

    def stage(message: Reason) -> None:
        progress.start(message, None)

    return stage


def _engine(ctx: Context) -> str:
    """The name of the context's engine."""
    return "local" if ctx.engine is None else "spark"


def score_run_for(
    ctx: Context,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    networks: Sequence[str] | None = None,
    params: ScoreParams | Mapping[str, Any] | None = None,
    topic: Mapping[str, Any] | None = None,
    calibration: int | str | None = None,
    progress: Progress | None = None,
) -> int:
    """The run of this window and parameters (and calibration): an existing one, or a new one computed now."""
    from einfluence.store.scores import find_run

    chosen, calibration_id = _apply_calibration(ctx, calibration, params)
    found = find_run(ctx.con, since=since, until=until, networks=networks,
                     request=_request(chosen, topic, calibration_id, _engine(ctx)))
    if found is not None:
        return found
    run_id, _ = score(
        ctx, since=since, until=until, networks=networks, params=params, topic=topic, progress=progress,
        calibration=calibration_id,
        label=None if topic is None else f"topic:{topic['topic_run']}:{topic['topic']}",
    )
    return run_id


def topic_score_runs(
    ctx: Context,
    topic_run: int,
    topics: Sequence[int],
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    networks: Sequence[str] | None = None,
    min_weight: float = DEFAULT_MIN_TOPIC_WEIGHT,
    progress: Progress | None = None,
) -> list[int]:
    """The on-topic score run of each of ``topics`` (of ``topic_run``), in order: what
    :func:`score_run_for` gives for each one's :class:`TopicFilter`, the same runs to the bit.

    The missing ones are computed together: the window's interactions, posts and accounts and
    the topic run's weights are read once, the topic weights of each interaction's content are
    resolved once, then each topic is scored on its own interactions; the new runs are stored
    in one transaction. (One :func:`score` per topic read and resolved all of it again for each
    topic: on a 10M-interaction world, most of the time of the Topics page.)
    """
    from einfluence.store.scores import find_run, save_score_runs
    from einfluence.store.topics import topic_matrices
    from einfluence.topics import content_topics, edge_topics, topic_score_each

    progress = progress or NullProgress()
    params = _score_params(None)
    filters = [TopicFilter(topic_run=int(topic_run), topic=int(t), min_weight=min_weight) for t in topics]
    requests = [_request(params, f, None, _engine(ctx)) for f in filters]
    runs: list[int | None] = [find_run(ctx.con, since=since, until=until, networks=networks, request=r)
                              for r in requests]
    missing = [i for i, run in enumerate(runs) if run is None]
    progress.advance(len(topics) - len(missing))
    if not missing:
        return [int(run) for run in runs if run is not None]
    if ctx.engine is not None:
        raise InputError(_NO_TOPIC_ON_SPARK, parameter="engine")
    view = ctx.graph(since=since, until=until, networks=networks)
    if view.n_edges == 0:
        raise InputError(f"no interaction in this window ({_describe_window(since, until, networks)}): nothing to score")
    posts = ctx.posts(since=since, until=until, networks=networks)
    accounts = ctx.accounts()
    post_ids, post_topics, _ = topic_matrices(ctx.con, int(topic_run), ctx.n_accounts())
    payloads = []

    def store(topic: int, result: InfluenceScore) -> None:
        i = missing[len(payloads)]
        payloads.append(_payload(result, accounts.networks, since=since, until=until, networks=networks,
                                 request=requests[i], label=f"topic:{int(topic_run)}:{topic}"))
        progress.advance(1)

    topic_score_each(
        view, posts, edge_topics(view, posts, post_ids, post_topics), [filters[i]["topic"] for i in missing],
        min_weight=float(min_weight), post_topic_weights=content_topics(posts.post_id, posts, post_ids, post_topics),
        groups=accounts.network[: view.n_nodes], params=params, each=store,
    )
    for i, run_id in zip(missing, save_score_runs(ctx.con, payloads), strict=True):
        runs[i] = run_id
    return [int(run) for run in runs if run is not None]


def find_score_run(
    ctx: Context,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    networks: Sequence[str] | None = None,
    params: ScoreParams | Mapping[str, Any] | None = None,
    topic: Mapping[str, Any] | None = None,
    calibration: int | str | None = None,
) -> int | None:
    """The stored run of this window and parameters (and calibration), or None: :func:`score_run_for`
    without computing anything (it only reads the database)."""
    from einfluence.store.scores import find_run

    chosen, calibration_id = _apply_calibration(ctx, calibration, params)
    return find_run(ctx.con, since=since, until=until, networks=networks,
                    request=_request(chosen, topic, calibration_id, _engine(ctx)))


def score_runs(ctx: Context, *, label_prefix: str | None = None) -> list[dict[str, Any]]:
    """Every stored score run (window, networks, parameters, version), oldest first."""
    from einfluence.store.scores import list_runs

    return [dict(run) for run in list_runs(ctx.con, label_prefix=label_prefix)]


def rank(
    ctx: Context,
    run_id: int | None = None,
    *,
    limit: int | None = 100,
    network: str | None = None,
    networks: Sequence[str] | None = None,
    min_score: float | None = None,
    min_reactors: float | None = None,
    community: int | None = None,
    community_run: int | None = None,
    relevance: np.ndarray | None = None,
) -> pa.Table:
    """The ranking of a stored run (the latest by default), best first.

    ``network`` (or ``networks``) keeps the accounts of that network (those networks), ranked
    among themselves. ``community`` keeps the members of that community of ``community_run`` (the latest
    community run by default). ``relevance`` (one value per account, for example
    :func:`~einfluence.workspace.topics.relevance` to a query) keeps the accounts with a
    positive relevance and orders them by ``score × relevance / max relevance``
    (:func:`~einfluence.scoring.relevance_order`), in an added ``relevance`` column.
    """
    import pyarrow as pa

    from einfluence.store.communities import community_membership, get_community_run
    from einfluence.store.scores import competition_ranks, get_run, ranking

    run = get_run(ctx.con, run_id)
    keep: np.ndarray | None = None
    if community is not None:
        crun = get_community_run(ctx.con, community_run)
        if not 0 <= community < crun["n_communities"]:
            raise InputError(
                f"community {community} does not exist in community run #{crun['community_run_id']} "
                f"(0..{crun['n_communities'] - 1})", parameter="community",
            )
        keep = community_membership(ctx.con, int(crun["community_run_id"]), ctx.n_accounts()) == community
    if relevance is not None:
        relevance = np.asarray(relevance, dtype=np.float64)
        relevant = np.zeros(ctx.n_accounts(), dtype=bool)
        relevant[: relevance.size] = relevance > 0
        keep = relevant if keep is None else keep & relevant
    table = ranking(
        ctx.con, run["run_id"], limit=limit if relevance is None else None, network=network, networks=networks,
        min_score=min_score, min_reactors=min_reactors,
        accounts=None if keep is None else np.flatnonzero(keep).tolist(),
    )
    if relevance is None or table.num_rows == 0:
        return table
    from einfluence.scoring.score import relevance_order  # (imports the graph kernels: only here)

    rel = relevance[table.column("account_id").to_numpy()] / relevance.max()
    scores = table.column("score").to_numpy()
    order = relevance_order(scores, rel, table.column("rank").to_numpy())
    # competition ranks of score x relevance, ties broken by the score ranking's own ranks
    ranks = competition_ranks(scores * rel, -table.column("rank").to_numpy().astype(np.float64))
    table = table.append_column("relevance", pa.array(rel)).set_column(0, "rank", pa.array(ranks))
    return table.take(pa.array(order[: limit or None]))


def rank_persons(ctx: Context, run_id: int | None = None, *, limit: int | None = 100) -> list[dict[str, Any]]:
    """Ranking across networks: a person's accounts combined (indices added), best first.

    Accounts without a known person stand for themselves.
    """
    from einfluence.scoring.score import combine_accounts
    from einfluence.store.scores import competition_ranks, get_run, run_accounts

    run = get_run(ctx.con, run_id)
    table = run_accounts(ctx.con, run["run_id"])
    index = table.column("index").to_numpy()
    owner = table.column("person_id").to_numpy()
    entity, combined, person_score = combine_accounts(index, owner, decades=run["params"]["decades"])
    order = np.lexsort((entity, -combined))[: limit or None]
    ranks = competition_ranks(person_score, combined)   # persons tied on their combined index share a rank
    members: dict[int, list[dict[str, Any]]] = {}
    for i, row in enumerate(table.to_pylist()):
        members.setdefault(row["person_id"] if row["person_id"] >= 0 else -1 - i, []).append(row)
    out = []
    for e in order:
        accounts = members[int(entity[e])]
        out.append({
            "rank": int(ranks[e]),
            "person": accounts[0]["person"],
            "score": float(person_score[e]),
            "index": float(combined[e]),
            "accounts": [
                {"network": a["network"], "account": a["source_id"], "handle": a["handle"], "name": a["name"],
                 "score": a["score"]}
                for a in accounts
            ],
        })
    return out


def run_info(ctx: Context, run_id: int | None = None) -> dict[str, Any]:
    """A stored run's window, networks, parameters and version."""
    from einfluence.store.scores import get_run

    return dict(get_run(ctx.con, run_id))


def explain(
    ctx: Context,
    account: str,
    *,
    network: str | None = None,
    networks: Sequence[str] | None = None,
    run_id: int | None = None,
    calibration: int | str | None = None,
    n_reactors: int = 10,
    n_posts: int = 5,
) -> dict[str, Any]:
    """Why an account has its score: components and points, top reactors and posts, trend.

    ``account`` is a source id or a handle (``@name``), looked for in ``network`` (or
    ``networks``) when given. The run
    is ``run_id``, by default the latest run that scored the account's network; the rank is
    the account's rank in that whole run. With ``calibration`` (``"latest"`` or an id, and no
    ``run_id``) it is the run of the calibration's window with the calibrated weights, found or
    computed: its points still add up to the score.
    """
    from einfluence.store.calibrations import get_calibration
    from einfluence.store.queries import daily_reactions, top_reactors, top_relayed_posts
    from einfluence.store.scores import get_run, ranking, score_history

    (account_id,) = ctx.resolve([account], network=network, networks=networks, parameter="account")
    info = ctx.describe([account_id])[int(account_id)]
    if calibration is not None:
        if run_id is not None:
            raise InputError("give a run or a calibration, not both", parameter="calibration")
        _, calibration_id = _apply_calibration(ctx, calibration, None)
        stored = get_calibration(ctx.con, calibration_id)
        run_id = score_run_for(ctx, since=stored["since"], until=stored["until"], networks=stored["networks"],
                               calibration=calibration_id)
    run = get_run(ctx.con, run_id, network=info["network"] if run_id is None else None)
    rows = ranking(ctx.con, run["run_id"], limit=None, accounts=[int(account_id)], renumber=False).to_pylist()
    since, until = run["since"], run["until"]
    scales = run["params"].get("scales", {})
    return {
        "account": info["account"],
        "network": info["network"],
        "handle": info["handle"],
        "name": info["name"],
        "run": {k: run[k] for k in ("run_id", "since", "until", "networks", "label", "einfluence_version")},
        "params": run["params"],
        "available": run["available"],
        # each network is on its own scale (keyed component/network); older runs have one per component
        "scales": {c: scales.get(f"{c}/{info['network']}", scales.get(c)) for c in run["params"]["weights"]},
        "scored": rows[0] if rows else None,
        "rank_in_run": rows[0]["rank"] if rows else None,
        "n_scored": run["n_scored"],
        "top_reactors": top_reactors(ctx.con, int(account_id), since=since, until=until, limit=n_reactors),
        "top_posts": top_relayed_posts(ctx.con, int(account_id), since=since, until=until, limit=n_posts),
        "daily_reactions": daily_reactions(ctx.con, int(account_id), since=since, until=until),
        "history": score_history(ctx.con, int(account_id)).to_pylist(),
    }


def evaluate(
    ctx: Context,
    split: datetime,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    networks: Sequence[str] | None = None,
    params: ScoreParams | Mapping[str, Any] | None = None,
    ks: Sequence[int] = (10, 100, 1000),
    calibrate: bool | CalibrationParams | Mapping[str, Any] = True,
    progress: Progress | None = None,
) -> EvaluationReport:
    """Temporal evaluation: measures on ``[since, split)`` predicting ``[split, until)``.

    With ``calibrate`` (the default; or calibration parameters) the score is also calibrated on
    ``[since, split)`` alone and evaluated as ``einfluence_calibrated``, and the report carries
    the calibration's folds with the out-of-sample figures of every predictor.
    """
    from einfluence.scoring.harness import evaluate_prediction

    params = _score_params(params)
    calibration_params = None if calibrate is False else _calibration_params(None if calibrate is True else calibrate)
    progress = progress or NullProgress()
    progress.start(Reason("progress.load_split"), None)
    early = ctx.graph(since=since, until=split, networks=networks)
    late = ctx.graph(since=split, until=until, networks=networks)
    for name, view, (a, b) in (("before", early, (since, split)), ("after", late, (split, until))):
        if view.n_edges == 0:
            raise InputError(f"no interaction {name} the split ({_describe_window(a, b, networks)}): "
                             "choose a split inside the data", parameter="split")
    posts = ctx.posts(since=since, until=split, networks=networks)
    accounts = ctx.accounts()
    progress.start(Reason("progress.compare_measures"), None)
    return evaluate_prediction(
        early, late, early_posts=posts, followers=accounts.followers[: early.n_nodes],
        groups=accounts.network[: early.n_nodes], params=params, ks=ks, calibration=calibration_params,
        progress=_stages(progress),
    )


def calibrate(
    ctx: Context,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    networks: Sequence[str] | None = None,
    params: CalibrationParams | Mapping[str, Any] | None = None,
    score_params: ScoreParams | Mapping[str, Any] | None = None,
    measures: bool = False,
    label: str | None = None,
    progress: Progress | None = None,
) -> tuple[int, Calibration]:
    """Calibrate the score on the window's own history and store it; return ``(calibration_id, result)``.

    Rolling-origin backtests inside ``[since, until)``
    (:func:`~einfluence.scoring.calibration.calibrate_score`) choose the weights of the inputs and
    the half-life; the calibration is stored with its parameters, window, folds (each with its
    out-of-sample ρ and overlap), fallback reason and version. ``measures`` also judges every
    single measure on each fold. ``rank``, ``score`` and ``explain`` use it with
    ``calibration="latest"`` (or its id).
    """
    from einfluence.scoring.calibration import calibrate_score
    from einfluence.store.calibrations import save_calibration

    chosen = _calibration_params(params)
    base = _score_params(score_params)
    progress = progress or NullProgress()
    progress.start(Reason("progress.load_graph"), None)
    view = ctx.graph(since=since, until=until, networks=networks)
    if view.n_edges == 0:
        raise InputError(f"no interaction in this window ({_describe_window(since, until, networks)}): "
                         "nothing to calibrate on")
    posts = ctx.posts(since=since, until=until, networks=networks)
    groups = ctx.accounts().network[: view.n_nodes]
    result = calibrate_score(view, posts, groups=groups, params=chosen, base=base, measures=measures,
                             progress=_stages(progress))
    progress.start(Reason("progress.store_calibration"), None)
    request = {"calibration": chosen.as_dict(), "score": base.as_dict(), "measures": bool(measures)}
    calibration_id = save_calibration(ctx.con, params=request, result=result.to_dict(), since=since, until=until,
                                      networks=networks, label=label)
    return calibration_id, result


def calibration(ctx: Context, calibration_id: int | str | None = None) -> dict[str, Any]:
    """A stored calibration (the latest by default, or ``"latest"``): window, request, result, version."""
    from einfluence.store.calibrations import get_calibration

    if isinstance(calibration_id, str):
        _, calibration_id = _apply_calibration(ctx, calibration_id, None)
    return get_calibration(ctx.con, calibration_id)
