"""Workspace service for content: topics, topic audiences and leaders, relevance to a query, briefs.

Every topic run is stored with its window, networks, parameters (the model's own included) and
einfluence version, and found again (not recomputed) when the same window and parameters are
asked for.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import numpy as np

from einfluence.base.progress import NullProgress, Progress
from einfluence.exceptions import InputError
from einfluence.i18n import Reason
from einfluence.workspace.scores import (
    DEFAULT_MIN_TOPIC_WEIGHT,
    rank,
    topic_score_runs,
)

if TYPE_CHECKING:
    from einfluence.scoring.params import ScoreParams
    from einfluence.store.topics import TopicRun
    from einfluence.workspace.context import Context

__all__ = [
    "account_topics",
    "brief",
    "evaluate_topics",
    "find_topic",
    "relevance",
    "topic_audience",
    "topic_leaders",
    "topic_run",
    "topic_runs",
    "topics",
]


def _json_ready(value: Any) -> bool:
    if isinstance(value, (list, tuple)):
        return all(_json_ready(v) for v in value)
    return isinstance(value, (int, float, str, bool, type(None)))


def _model_params(model: Any) -> dict[str, Any]:
    """A fitted topic model's parameters (tuples as lists) and its chosen number of topics, JSON-ready."""
    params = model.get_params() if hasattr(model, "get_params") else {}
    kept = {k: list(v) if isinstance(v, tuple) else v for k, v in params.items() if _json_ready(v)}
    return {**kept, "n_topics_chosen": int(getattr(model, "n_topics_", len(model.names_)))}


def topics(
    ctx: Context,
    *,
    n_topics: int | str = "auto",
    keywords: Mapping[str, Sequence[str]] | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    networks: Sequence[str] | None = None,
    random_state: int = 0,
    reuse: bool = True,
    progress: Progress | None = None,
) -> int:
    """Find the topics of the posts of a window and store them as a topic run; return its id.

    With ``keywords`` (topic name -> keywords, hashtags or phrases: a brand's vocabulary) the
    topics are the declared ones (:class:`~einfluence.topics.KeywordTopics`); otherwise they
    are learned by NMF on TF-IDF (:class:`~einfluence.topics.TopicModel`), ``n_topics`` of
    them or as many as its documented criterion chooses (``"auto"``). Each post gets topic
    weights, each account the mean profile of its posts. With ``reuse`` an existing run of
    the same window and parameters is returned instead of a new one.
    """
    from einfluence.store.topics import find_topic_run, post_texts, save_topic_run
    from einfluence.topics import KeywordTopics, TopicModel, account_profiles

    progress = progress or NullProgress()
    if keywords is not None:
        declared = {str(name): [str(k) for k in words] for name, words in keywords.items()}
        params: dict[str, Any] = {"method": "keywords", "keywords": declared}
    else:
        if not (n_topics == "auto" or (isinstance(n_topics, int) and n_topics >= 1)):
            raise InputError(f"expected a positive integer or 'auto', got {n_topics!r}", parameter="n_topics")
        params = {"method": "model", "n_topics": n_topics, "random_state": int(random_state)}
    if reuse:
        found = find_topic_run(ctx.con, since=since, until=until, networks=networks, params=params)
        if found is not None:
            return found
    progress.start(Reason("progress.read_texts"), None)
    table = post_texts(ctx.con, since=since, until=until, networks=networks)
    if table.num_rows == 0:
        raise InputError("no post with text in this window: topics are found in the posts' texts")
    texts = table.column("text").to_pylist()
    progress.start(Reason("progress.find_topics", n=table.num_rows), None)
    model: Any = KeywordTopics(declared) if keywords is not None else TopicModel(n_topics=n_topics,
                                                                                 random_state=random_state)
    weights = model.fit_transform(texts)
    author = table.column("author").to_numpy()
    n_accounts = ctx.n_accounts()
    known = author >= 0
    profiles = account_profiles(author[known], weights[known], n_accounts)
    progress.start(Reason("progress.store_topics"), None)
    return save_topic_run(
        ctx.con,
        method=params["method"],
        params={"request": params, **({"model": _model_params(model)} if keywords is None else {})},
        topics=[{"name": name, "top_terms": list(terms)} for name, terms in zip(model.names_, model.top_terms_,
                                                                                 strict=True)],
        post_ids=table.column("post_id").to_numpy(),
        post_topics=weights,
        account_ids=np.arange(n_accounts),
        account_topics=profiles,
        since=since,
        until=until,
        networks=networks,
    )


def topic_run(ctx: Context, run_id: int | None = None) -> TopicRun:
    """A stored topic run (the latest by default): window, parameters and topics."""
    from einfluence.store.topics import get_topic_run

    return get_topic_run(ctx.con, run_id)


def topic_runs(ctx: Context) -> list[dict[str, Any]]:
    """Every stored topic run (window, method, parameters, version), oldest first, without its topics."""
    from einfluence.store.runs import list_run_rows

    return list_run_rows(ctx.con, "topic_runs", "topic_run_id")


def account_topics(
    ctx: Context, account_ids: Sequence[int], *, topic_run: int | None = None, k: int = 3, min_weight: float = 0.1
) -> list[list[dict[str, Any]]]:
    """What each account writes about: its ``k`` heaviest topics of ``topic_run`` (the latest by
    default) with a weight of at least ``min_weight``, as ``{topic, name, weight}``; one list per
    account, in the order asked (empty lists when no topic run exists)."""
    from einfluence.store.topics import account_topic_weights, get_topic_run, latest_topic_run

    run_id = topic_run if topic_run is not None else latest_topic_run(ctx.con)
    found: dict[int, list[dict[str, Any]]] = {int(a): [] for a in account_ids}
    if run_id is not None:
        names = [t["name"] for t in get_topic_run(ctx.con, run_id)["topics"]]
        table = account_topic_weights(ctx.con, run_id, list(found))
        for account, topic, weight in zip(*(table.column(c).to_pylist() for c in ("account_id", "topic", "weight")),
                                          strict=True):
            chosen = found[account]
            if weight >= min_weight and len(chosen) < k:
                chosen.append({"topic": int(topic), "name": names[topic], "weight": float(weight)})
    return [list(found[int(a)]) for a in account_ids]


def find_topic(ctx: Context, topic: str | int, run_id: int | None = None) -> tuple[int, int]:
    """``(topic_run_id, topic index)`` of a topic named by its index, its name or one of its top terms."""
    from einfluence.store.topics import get_topic_run
    from einfluence.topics import find_topic_index

    run = get_topic_run(ctx.con, run_id)
    index = find_topic_index(run["topics"], topic)
    if index is None:
        listed = "; ".join(f"{i}: {t['name']}" for i, t in enumerate(run["topics"]))
        raise InputError(f"no topic {topic!r} in topic run #{run['topic_run_id']} (topics: {listed})",
                         parameter="topic")
    return int(run["topic_run_id"]), index


def topic_leaders(
    ctx: Context,
    topic_run: int | None = None,
    *,
    k: int = 5,
    networks: Sequence[str] | None = None,
    min_weight: float = DEFAULT_MIN_TOPIC_WEIGHT,
    progress: Progress | None = None,
) -> list[dict[str, Any]]:
    """Each topic of a topic run with its top-``k`` accounts by on-topic einfluence score.

    The per-topic score runs cover the topic run's window and are stored (and reused); the
    missing ones are computed together (:func:`~einfluence.workspace.scores.topic_score_runs`).
    """
    from einfluence.store.topics import get_topic_run

    run = get_topic_run(ctx.con, topic_run)
    progress = progress or NullProgress()
    progress.start(Reason("progress.score_topics"), len(run["topics"]), "topics")
    score_runs = topic_score_runs(ctx, int(run["topic_run_id"]), [int(t["topic"]) for t in run["topics"]],
                                  since=run["since"], until=run["until"], networks=networks, min_weight=min_weight,
                                  progress=progress)
    return [{**t, "score_run": score_run, "leaders": rank(ctx, score_run, limit=k).to_pylist()}
            for t, score_run in zip(run["topics"], score_runs, strict=True)]


def topic_audience(ctx: Context, topic: str | int, topic_run: int | None = None) -> tuple[np.ndarray, str]:
    """The audience of a topic: the accounts whose interest profile puts at least
    :data:`~einfluence.workspace.scores.DEFAULT_MIN_TOPIC_WEIGHT` on it. Returns
    ``(mask over account ids, label)``."""
    from einfluence.store.topics import get_topic_run, topic_matrices

    run_id, t = find_topic(ctx, topic, topic_run)
    _, _, account_topics = topic_matrices(ctx.con, run_id, ctx.n_accounts())
    name = get_topic_run(ctx.con, run_id)["topics"][t]["name"]
    return account_topics[:, t] >= DEFAULT_MIN_TOPIC_WEIGHT, f"audience of topic {t}: {name}"


def relevance(
    ctx: Context,
    query: str,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    networks: Sequence[str] | None = None,
) -> np.ndarray:
    """Relevance (BM25) of every account to a free-text query, from the texts it wrote."""
    import pyarrow as pa

    from einfluence.store.topics import post_texts
    from einfluence.topics import query_relevance

    if not query or not query.strip():
        raise InputError("empty query", parameter="query")
    table = post_texts(ctx.con, since=since, until=until, networks=networks)
    author = table.column("author").to_numpy()
    known = np.flatnonzero(author >= 0)
    texts = table.column("text").take(pa.array(known)).to_pylist()
    return query_relevance(query, author[known], texts, ctx.n_accounts())


def evaluate_topics(
    ctx: Context,
    split: datetime,
    *,
    topic_run: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    networks: Sequence[str] | None = None,
    min_weight: float = DEFAULT_MIN_TOPIC_WEIGHT,
    params: ScoreParams | Mapping[str, Any] | None = None,
    ks: Sequence[int] = (10, 100),
    progress: Progress | None = None,
) -> Any:
    """Per-topic evaluation: do on-topic rankings before ``split`` predict on-topic relays after it?

    For each topic of the topic run (the latest by default), the target is the number of
    distinct accounts relaying the account's content about that topic in ``[split, until)``;
    the predictors, computed on ``[since, split)`` only, are the topic-blind einfluence
    score, the on-topic score, TwitterRank and the topic-blind score times the account's
    interest in the topic (:func:`einfluence.topics.evaluate_topic_prediction`). Interest
    profiles are rebuilt from the posts written before ``split`` so that nothing later
    leaks in; the topics themselves (vocabulary, post weights) are those of the run.
    """
    from einfluence.store.topics import get_topic_run, topic_matrices
    from einfluence.topics import account_profiles, edge_topics, evaluate_topic_prediction
    from einfluence.workspace.scores import _score_params

    params = _score_params(params)
    progress = progress or NullProgress()
    run = get_topic_run(ctx.con, topic_run)
    post_ids, post_topics, _ = topic_matrices(ctx.con, int(run["topic_run_id"]), ctx.n_accounts())
    progress.start(Reason("progress.load_split"), None)
    early = ctx.graph(since=since, until=split, networks=networks)
    late = ctx.graph(since=split, until=until, networks=networks)
    early_posts = ctx.posts(since=since, until=split, networks=networks)
    late_posts = ctx.posts(since=split, until=until, networks=networks)
    written = np.isin(post_ids, early_posts.post_id)
    author = early_posts.author[np.searchsorted(early_posts.post_id, post_ids[written])]
    known = author >= 0
    profiles = account_profiles(author[known], post_topics[written][known], early.n_nodes)
    progress.start(Reason("progress.score_topics_split"), None)
    return evaluate_topic_prediction(
        early, late, early_posts, late_posts,
        edge_topics(early, early_posts, post_ids, post_topics),
        edge_topics(late, late_posts, post_ids, post_topics),
        account_topics=profiles, topic_names=[t["name"] for t in run["topics"]],
        min_weight=min_weight, params=params, ks=tuple(ks),
    )


def brief(
    ctx: Context,
    *,
    community: int | None = None,
    community_run: int | None = None,
    topic: str | int | None = None,
    topic_run: int | None = None,
    accounts: Sequence[str] | None = None,
    network: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    networks: Sequence[str] | None = None,
    k: int = 10,
    shortlist: str | None = None,
) -> dict[str, Any]:
    """A content brief for a target audience: what it relays, what is rising in it, whom it listens to.

    The target is a community of a community run, the audience of a topic (the accounts whose
    interest profile puts at least :data:`~einfluence.workspace.scores.DEFAULT_MIN_TOPIC_WEIGHT`
    on it), a list of accounts (source ids or ``@handles``, looked for in ``network``, else in
    ``networks``) or the accounts of a saved ``shortlist``.
    """
    from einfluence.store.communities import community_membership, get_community_run
    from einfluence.store.topics import get_topic_run, latest_topic_run, post_texts, topic_matrices
    from einfluence.topics import align_rows, content_brief, term_counts
    from einfluence.workspace.shortlists import shortlist_target

    if sum(x is not None for x in (community, topic, accounts, shortlist)) != 1:
        raise InputError("a brief needs exactly one target: a community, a topic, a list of accounts or a shortlist")
    n = ctx.n_accounts()
    listed = None if shortlist is None else shortlist_target(ctx, shortlist)  # an unknown name fails first
    if topic_run is None and topic is None:
        topic_run = latest_topic_run(ctx.con)
        if topic_run is None:
            topic_run = topics(ctx, since=since, until=until, networks=networks)
    run = get_topic_run(ctx.con, topic_run)
    topic_run_id = int(run["topic_run_id"])
    post_ids, post_topics, _ = topic_matrices(ctx.con, topic_run_id, n)
    target = np.zeros(n, dtype=bool)
    if community is not None:
        crun = get_community_run(ctx.con, community_run)
        target = community_membership(ctx.con, int(crun["community_run_id"]), n) == community
        label = f"community {community} (community run #{crun['community_run_id']})"
    elif topic is not None:
        target, label = topic_audience(ctx, topic, topic_run_id)
    elif listed is not None:
        target, label = listed[0] > 0, listed[1]
    else:
        target[ctx.resolve(list(accounts or []), network=network, networks=networks, parameter="accounts")] = True
        label = f"{int(target.sum())} accounts"
    if not target.any():
        raise InputError(f"the target ({label}) has no member")
    view = ctx.graph(since=since, until=until, networks=networks)
    posts = ctx.posts(since=since, until=until, networks=networks)
    texts = post_texts(ctx.con, since=since, until=until, networks=networks)
    counted = term_counts(texts.column("text").to_pylist())
    term_kwargs: dict[str, Any] = {}
    if counted is not None:
        X, vocabulary, rows = counted
        # the term counts laid out like the topic run's posts (posts outside the sample have none)
        term_kwargs = {"post_terms": align_rows(post_ids, texts.column("post_id").to_numpy()[rows], X),
                       "vocabulary": vocabulary}
    result = content_brief(
        view, posts, post_ids, post_topics, target[: view.n_nodes],
        topic_names=[t["name"] for t in run["topics"]], k=k, **term_kwargs,
    ).to_dict()
    listened = result["listened"]
    described = ctx.describe(np.array([row["account"] for row in listened], dtype=np.int64))
    for row in listened:
        row["account_id"] = row["account"]
        row.update(described.get(int(row["account"]), {}))
    return {"target": label, "n_target": int(target.sum()), "topic_run": topic_run_id,
            "since": since, "until": until, **result}
