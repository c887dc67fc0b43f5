"""Workspace operations on content and structure: topics, topic-sensitive rankings, communities, briefs.

Every result is stored as a run with its window, networks, parameters and einfluence version, and
found again (not recomputed) when the same window and parameters are asked for.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
import scipy.sparse as sp

from einfluence.base.progress import NullProgress, Progress
from einfluence.exceptions import InputError
from einfluence.store.database import fetch_one
from einfluence.store.topics import (
    TopicRun,
    community_members,
    community_membership,
    find_community_run,
    find_topic_run,
    get_community_run,
    get_topic_run,
    post_texts,
    save_community_run,
    save_topic_run,
    topic_matrices,
)

if TYPE_CHECKING:
    import duckdb

    from einfluence.base.arrays import PostArrays
    from einfluence.graph import GraphView
    from einfluence.scoring.score import InfluenceScore, ScoreParams

__all__ = ["ContentMixin", "TopicFilter"]

#: an interaction is "about" a topic when the topic's weight in its content reaches this
DEFAULT_MIN_TOPIC_WEIGHT = 0.3
#: term statistics (community terms, briefs) use at most this many posts, sampled with a fixed seed
MAX_TERM_POSTS = 500_000


class TopicFilter(dict):
    """Restrict a score to the interactions about one topic: ``topic_run``, ``topic``, ``min_weight``."""


def _fold(s: str) -> str:
    from einfluence.text import fold_accents

    return fold_accents(s).casefold().strip()


class ContentMixin:
    """Topics, communities and briefs; mixed into :class:`~einfluence.workspace.Workspace`."""

    con: duckdb.DuckDBPyConnection

    def _n_accounts(self) -> int:
        from einfluence.store.queries import n_accounts

        return n_accounts(self.con)

    # ------------------------------------------------------------------------------ topics

    def topics(
        self,
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
        from einfluence.topics import KeywordTopics, TopicModel, account_profiles

        progress = progress or NullProgress()
        if keywords is not None:
            declared = {str(name): [str(k) for k in words] for name, words in keywords.items()}
            params: dict[str, Any] = {"method": "keywords", "keywords": declared}
        else:
            if not (n_topics == "auto" or (isinstance(n_topics, int) and n_topics >= 1)):
                raise InputError(f"n_topics: expected a positive integer or 'auto', got {n_topics!r}")
            params = {"method": "model", "n_topics": n_topics, "random_state": int(random_state)}
        if reuse:
            found = find_topic_run(self.con, since=since, until=until, networks=networks, params=params)
            if found is not None:
                return found
        progress.start("reading the posts' texts", None)
        table = post_texts(self.con, since=since, until=until, networks=networks)
        if table.num_rows == 0:
            raise InputError("no post with text in this window: topics are found in the posts' texts")
        texts = table.column("text").to_pylist()
        progress.start(f"finding topics in {table.num_rows:,} posts", None)
        if keywords is not None:
            model: Any = KeywordTopics(declared)
        else:
            model = TopicModel(n_topics=n_topics, random_state=random_state)
        weights = model.fit_transform(texts)
        author = table.column("author").to_numpy()
        n_accounts = self._n_accounts()
        known = author >= 0
        profiles = account_profiles(author[known], weights[known], n_accounts)
        progress.start("storing the topic run", None)
        topics = [
            {"name": name, "top_terms": list(terms)}
            for name, terms in zip(model.names_, model.top_terms_, strict=True)
        ]
        return save_topic_run(
            self.con,
            method=params["method"],
            params={"request": params, **({"model": _model_params(model)} if keywords is None else {})},
            topics=topics,
            post_ids=table.column("post_id").to_numpy(),
            post_topics=weights,
            account_ids=np.arange(n_accounts),
            account_topics=profiles,
            since=since,
            until=until,
            networks=networks,
        )

    def topic_run(self, run_id: int | None = None) -> TopicRun:
        """A stored topic run (the latest by default): window, parameters and topics."""
        return get_topic_run(self.con, run_id)

    def find_topic(self, topic: str | int, run_id: int | None = None) -> tuple[int, int]:
        """``(topic_run_id, topic index)`` of a topic named by its index, its name or one of its top terms."""
        run = get_topic_run(self.con, run_id)
        names = [t["name"] for t in run["topics"]]
        text = str(topic).strip()
        if text.lstrip("-").isdigit():
            index = int(text)
            if not 0 <= index < len(names):
                raise InputError(f"topic {index} does not exist in topic run #{run['topic_run_id']} (0..{len(names) - 1})")
            return int(run["topic_run_id"]), index
        wanted = _fold(text.lstrip("#"))
        for i, t in enumerate(run["topics"]):
            if _fold(t["name"]) == wanted:
                return int(run["topic_run_id"]), i
        for i, t in enumerate(run["topics"]):
            if wanted in (_fold(term.lstrip("#")) for term in t["top_terms"][:5]):
                return int(run["topic_run_id"]), i
        listed = "; ".join(f"{i}: {n}" for i, n in enumerate(names))
        raise InputError(f"no topic {topic!r} in topic run #{run['topic_run_id']} (topics: {listed})")

    def _topic_score(
        self,
        view: GraphView,
        posts: PostArrays,
        topic: Mapping[str, Any],
        *,
        groups: np.ndarray | None,
        params: ScoreParams | None,
    ) -> InfluenceScore:
        """The einfluence score on one topic of a topic run (interactions about it only)."""
        from einfluence.topics import content_topics, edge_topics, topic_score

        post_ids, post_topics, _ = topic_matrices(self.con, int(topic["topic_run"]), self._n_accounts())
        min_weight = float(topic.get("min_weight", DEFAULT_MIN_TOPIC_WEIGHT))
        return topic_score(
            view, posts, edge_topics(view, posts, post_ids, post_topics), int(topic["topic"]),
            min_weight=min_weight,
            post_topic_weights=content_topics(posts.post_id, posts, post_ids, post_topics),
            groups=groups, params=params,
        )

    def topic_leaders(
        self,
        topic_run: int | None = None,
        *,
        k: int = 5,
        networks: Sequence[str] | None = None,
        min_weight: float = DEFAULT_MIN_TOPIC_WEIGHT,
        progress: Progress | None = None,
    ) -> list[dict[str, Any]]:
        """Each topic of a topic run with its top-``k`` accounts by on-topic einfluence score.

        The per-topic score runs cover the topic run's window and are stored (and reused).
        """
        run = get_topic_run(self.con, topic_run)
        progress = progress or NullProgress()
        progress.start("scoring each topic", len(run["topics"]))
        out = []
        for t in run["topics"]:
            score_run = self.score_run_for(  # type: ignore[attr-defined]
                since=run["since"], until=run["until"], networks=networks,
                topic=TopicFilter(topic_run=int(run["topic_run_id"]), topic=int(t["topic"]), min_weight=min_weight),
            )
            leaders = self.rank(score_run, limit=k).to_pylist()  # type: ignore[attr-defined]
            out.append({**t, "score_run": score_run, "leaders": leaders})
            progress.advance(1)
        return out

    def topic_audience(self, topic: str | int, topic_run: int | None = None) -> tuple[np.ndarray, str]:
        """The audience of a topic: accounts whose interest profile puts at least
        :data:`DEFAULT_MIN_TOPIC_WEIGHT` on it. Returns ``(mask over account ids, label)``."""
        run_id, t = self.find_topic(topic, topic_run)
        _, _, account_topics = topic_matrices(self.con, run_id, self._n_accounts())
        run = get_topic_run(self.con, run_id)
        return account_topics[:, t] >= DEFAULT_MIN_TOPIC_WEIGHT, f"audience of topic {t}: {run['topics'][t]['name']}"

    def relevance(
        self,
        query: str,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        networks: Sequence[str] | None = None,
    ) -> np.ndarray:
        """Relevance (BM25) of every account to a free-text query, from the texts it wrote."""
        from einfluence.topics import query_relevance

        if not query or not query.strip():
            raise InputError("--query: empty query")
        table = post_texts(self.con, since=since, until=until, networks=networks)
        author = table.column("author").to_numpy()
        known = np.flatnonzero(author >= 0)
        texts = table.column("text").take(pa.array(known)).to_pylist()
        return query_relevance(query, author[known], texts, self._n_accounts())

    def evaluate_topics(
        self,
        split: datetime,
        *,
        topic_run: int | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        networks: Sequence[str] | None = None,
        min_weight: float = DEFAULT_MIN_TOPIC_WEIGHT,
        params: ScoreParams | None = None,
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
        from einfluence.store.queries import post_arrays
        from einfluence.topics import account_profiles, edge_topics, evaluate_topic_prediction

        progress = progress or NullProgress()
        run = get_topic_run(self.con, topic_run)
        n = self._n_accounts()
        post_ids, post_topics, _ = topic_matrices(self.con, int(run["topic_run_id"]), n)
        progress.start("loading the early and late windows", None)
        early = self.graph(since=since, until=split, networks=networks)
        late = self.graph(since=split, until=until, networks=networks)
        early_posts = post_arrays(self.con, since=since, until=split, networks=networks)
        late_posts = post_arrays(self.con, since=split, until=until, networks=networks)
        written = np.isin(post_ids, early_posts.post_id)
        author = early_posts.author[np.searchsorted(early_posts.post_id, post_ids[written])]
        known = author >= 0
        profiles = account_profiles(author[known], post_topics[written][known], early.n_nodes)
        progress.start("scoring each topic on both windows", None)
        return evaluate_topic_prediction(
            early, late, early_posts, late_posts,
            edge_topics(early, early_posts, post_ids, post_topics),
            edge_topics(late, late_posts, post_ids, post_topics),
            account_topics=profiles, topic_names=[t["name"] for t in run["topics"]],
            min_weight=min_weight, params=params, ks=tuple(ks),
        )

    # ------------------------------------------------------------------------- communities

    def communities(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        networks: Sequence[str] | None = None,
        kinds: Sequence[str] | None = None,
        resolution: float = 1.0,
        seed: int = 0,
        reuse: bool = True,
        progress: Progress | None = None,
    ) -> int:
        """Find the communities of the interaction graph of a window (Leiden) and store them; return the run id."""
        from einfluence.communities import leiden_communities

        progress = progress or NullProgress()
        params: dict[str, Any] = {
            "kinds": None if kinds is None else sorted(kinds), "resolution": float(resolution), "seed": int(seed),
        }
        if reuse:
            found = find_community_run(self.con, since=since, until=until, networks=networks, params=params)
            if found is not None:
                return found
        progress.start("loading the interaction graph", None)
        view = self.graph(since=since, until=until, networks=networks)
        progress.start(f"finding communities (Leiden) among {view.n_nodes:,} accounts", None)
        partition = leiden_communities(view, kinds=kinds, resolution=resolution, random_state=seed)
        progress.start("storing the community run", None)
        return save_community_run(
            self.con,
            membership=partition.membership,
            modularity=partition.modularity,
            params={"request": params, "algorithm": dict(partition.params)},
            since=since,
            until=until,
            networks=networks,
        )

    def community_run(self, run_id: int | None = None) -> dict[str, Any]:
        """A stored community run (the latest by default)."""
        return get_community_run(self.con, run_id)

    def community_members(self, run_id: int | None = None, *, community: int | None = None) -> pa.Table:
        """Accounts and their community (``account``, ``network``, ``handle``, ``account_id``, ``community``)."""
        run = get_community_run(self.con, run_id)
        return community_members(self.con, int(run["community_run_id"]), community=community)

    def _term_matrix(self, since, until, networks):
        """A document-term matrix of (a seeded sample of) the window's posts, with authors and ids."""
        from sklearn.feature_extraction.text import CountVectorizer

        from einfluence.text import Analyzer

        table = post_texts(self.con, since=since, until=until, networks=networks)
        if table.num_rows > MAX_TERM_POSTS:
            keep = np.sort(np.random.default_rng(0).choice(table.num_rows, MAX_TERM_POSTS, replace=False))
            table = table.take(pa.array(keep))
        if table.num_rows == 0:
            return None
        vectorizer = CountVectorizer(analyzer=Analyzer(), min_df=2)
        try:
            matrix = vectorizer.fit_transform(table.column("text").to_pylist())
        except ValueError:  # no term appears twice
            return None
        return (
            matrix.tocsr(),
            vectorizer.get_feature_names_out().tolist(),
            table.column("author").to_numpy(),
            table.column("post_id").to_numpy(),
        )

    def community_report(
        self,
        run_id: int | None = None,
        *,
        k: int = 5,
        n_communities: int = 10,
        score_run: int | None = None,
        progress: Progress | None = None,
    ) -> dict[str, Any]:
        """The communities of a run: sizes, distinctive terms, leaders, and the brokers between them.

        * terms: the words a community's members write distinctly more than the others
          (:func:`~einfluence.topics.terms.distinctive_terms`);
        * leaders: the members most reacted to by distinct members of their own community
          (:func:`~einfluence.communities.community_leaders`), ties broken by einfluence score;
        * brokers: the accounts whose ties spread over several communities
          (:func:`~einfluence.communities.brokers`).
        """
        from einfluence.communities import brokers, community_leaders, internal_reach
        from einfluence.topics.terms import distinctive_terms, group_term_counts

        progress = progress or NullProgress()
        run = get_community_run(self.con, run_id)
        since, until, networks = run["since"], run["until"], run["networks"]
        n = self._n_accounts()
        membership = community_membership(self.con, int(run["community_run_id"]), n)
        progress.start("describing the communities", None)
        view = self.graph(since=since, until=until, networks=networks)
        membership = membership[: view.n_nodes]
        if score_run is None:
            score_run = self.score_run_for(since=since, until=until, networks=networks)  # type: ignore[attr-defined]
        scores = self._score_array(score_run, view.n_nodes)
        reach = internal_reach(view, membership)
        leaders = community_leaders(view, membership, score=scores, k=k)
        bridge = brokers(view, membership, k=k)
        sizes = np.bincount(membership[membership >= 0], minlength=int(run["n_communities"]))
        shown = np.argsort(-sizes, kind="stable")[:n_communities]
        terms: list[list[tuple[str, float, int]]] = [[] for _ in range(sizes.size)]
        matrix = self._term_matrix(since, until, networks)
        if matrix is not None:
            X, vocabulary, author, _ = matrix
            group = np.where(author >= 0, membership[np.clip(author, 0, view.n_nodes - 1)], -1)
            terms = distinctive_terms(group_term_counts(X, group, sizes.size), vocabulary, k=k)
        described = self._describe(np.concatenate([*(leaders.get(int(c), []) for c in shown), bridge.top]))
        communities = [
            {
                "community": int(c),
                "size": int(sizes[c]),
                "terms": [t for t, _, _ in terms[c]],
                "leaders": [
                    described[int(a)] | {"internal_reach": int(reach[a])} for a in leaders.get(int(c), [])
                ],
            }
            for c in shown
        ]
        return {
            "run": {key: run[key] for key in ("community_run_id", "since", "until", "networks", "params",
                                              "n_communities", "modularity", "einfluence_version")},
            "n_assigned": int(sizes.sum()),
            "communities": communities,
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

    def _score_array(self, score_run: int, n: int) -> np.ndarray:
        table = self.con.sql("SELECT account_id, score FROM scores WHERE run_id = ?", params=[score_run]).to_arrow_table()
        out = np.zeros(n)
        ids = table.column("account_id").to_numpy()
        inside = ids < n
        out[ids[inside]] = table.column("score").to_numpy()[inside]
        return out

    def _describe(self, ids: np.ndarray) -> dict[int, dict[str, Any]]:
        from einfluence.store.queries import describe_accounts

        return describe_accounts(self.con, ids)

    # ------------------------------------------------------------------------------ briefs

    def brief(
        self,
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
    ) -> dict[str, Any]:
        """A content brief for a target audience: what it relays, what is rising in it, whom it listens to.

        The target is a community of a community run, the audience of a topic (the accounts whose
        interest profile puts at least :data:`DEFAULT_MIN_TOPIC_WEIGHT` on it), or a list of
        accounts (source ids or ``@handles``).
        """
        from einfluence.store.queries import find_accounts, post_arrays
        from einfluence.topics import content_brief

        if sum(x is not None for x in (community, topic, accounts)) != 1:
            raise InputError("a brief needs exactly one target: a community, a topic or a list of accounts")
        n = self._n_accounts()
        run = get_topic_run(self.con, topic_run) if topic_run is not None or topic is not None else None
        if run is None:
            found = fetch_one(self.con, "SELECT max(topic_run_id) FROM topic_runs")
            if found is None or found[0] is None:
                run_id = self.topics(since=since, until=until, networks=networks)
            else:
                run_id = int(found[0])
            run = get_topic_run(self.con, run_id)
        topic_run_id = int(run["topic_run_id"])
        post_ids, post_topics, _ = topic_matrices(self.con, topic_run_id, n)
        target = np.zeros(n, dtype=bool)
        if community is not None:
            crun = get_community_run(self.con, community_run)
            membership = community_membership(self.con, int(crun["community_run_id"]), n)
            target = membership == community
            label = f"community {community} (community run #{crun['community_run_id']})"
        elif topic is not None:
            target, label = self.topic_audience(topic, topic_run_id)
        else:
            for name in accounts or []:
                matches = find_accounts(self.con, name, network)
                if len(matches) != 1:
                    raise InputError(f"{name!r}: " + ("no such account" if not matches else "several accounts; pass --network"))
                target[matches[0][0]] = True
            label = f"{int(target.sum())} accounts"
        if not target.any():
            raise InputError(f"the target ({label}) has no member")
        view = self.graph(since=since, until=until, networks=networks)
        posts = post_arrays(self.con, since=since, until=until, networks=networks)
        matrix = self._term_matrix(since, until, networks)
        term_kwargs: dict[str, Any] = {}
        if matrix is not None:
            X, vocabulary, _, term_post_ids = matrix
            row = np.searchsorted(post_ids, term_post_ids)
            found = (row < post_ids.size) & (post_ids[np.minimum(row, post_ids.size - 1)] == term_post_ids)
            # rows of the topic run's posts; posts outside the term sample have no terms
            aligned = sp.csr_array(
                (np.ones(int(found.sum())), (row[found], np.flatnonzero(found))),
                shape=(post_ids.size, X.shape[0]),
            ) @ X
            term_kwargs = {"post_terms": sp.csr_array(aligned), "vocabulary": vocabulary}
        result = content_brief(
            view, posts, post_ids, post_topics, target[: view.n_nodes],
            topic_names=[t["name"] for t in run["topics"]], k=k, **term_kwargs,
        )
        brief = result.to_dict()
        listened = brief["listened"]
        described = self._describe(np.array([row["account"] for row in listened], dtype=np.int64))
        for row in listened:
            row["account_id"] = row["account"]
            row.update(described.get(int(row["account"]), {}))
        return {"target": label, "n_target": int(target.sum()), "topic_run": topic_run_id,
                "since": since, "until": until, **brief}


def _model_params(model: Any) -> dict[str, Any]:
    """The fitted model's parameters and its chosen number of topics, JSON-ready."""
    params = model.get_params() if hasattr(model, "get_params") else {}
    return {**{k: v for k, v in params.items() if isinstance(v, (int, float, str, bool, type(None)))},
            "n_topics_chosen": int(getattr(model, "n_topics_", len(model.names_)))}
