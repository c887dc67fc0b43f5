"""The :class:`Workspace`: one einfluence database and everything einfluence does with it.

The workspace is a thin façade. It opens the store and hands one :class:`Context` to the
services of :mod:`einfluence.workspace` (data, scores, topics, communities, campaigns,
perception, advocacy), plain functions of that context that load windows from the store,
call the analyses and store their runs. Each method of the workspace is one such function
(:func:`_method` binds it); the command line, the server and the dashboard all call these
methods, so they cannot disagree.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from einfluence.settings import DEFAULT_DB
from einfluence.workspace import access as _access
from einfluence.workspace import advocacy as _advocacy
from einfluence.workspace import campaigns as _campaigns
from einfluence.workspace import communities as _communities
from einfluence.workspace import data as _data
from einfluence.workspace import history as _history
from einfluence.workspace import opinion as _opinion
from einfluence.workspace import perception as _perception
from einfluence.workspace import scores as _scores
from einfluence.workspace import shortlists as _shortlists
from einfluence.workspace import topics as _topics
from einfluence.workspace.context import Context
from einfluence.workspace.engines import engine_config
from einfluence.workspace.results import Result

if TYPE_CHECKING:
    import duckdb

__all__ = ["Workspace"]

P = ParamSpec("P")
R = TypeVar("R")


def _method(
    function: Callable[Concatenate[Context, P], R], result: str | None = None
) -> Callable[Concatenate[Workspace, P], R]:
    """A workspace method that calls ``function`` with the workspace's context (same signature and
    docs); with ``result``, its dict comes back as a :class:`~einfluence.workspace.results.Result`
    of that kind (a table in a notebook, a DataFrame and a chart in one call)."""

    @functools.wraps(function)
    def method(self: Workspace, /, *args: P.args, **kwargs: P.kwargs) -> R:
        out = function(self.context, *args, **kwargs)
        return Result(result, out) if result is not None and out is not None else out  # type: ignore[return-value]

    return method


class Workspace:
    """An einfluence database and the operations on it.

    Parameters
    ----------
    path : str or Path
        The DuckDB file (created and migrated if needed); ``":memory:"`` for a throw-away one.
    read_only : bool
        Open without write access (several processes may then read the file at once).
    create : bool
        Create the file when it does not exist (else a missing file is an error).
    engine : {"local", "spark"}
        Where the scores are computed: this process (the default), or Apache Spark
        (``pip install -e '.[spark]'``; see :mod:`einfluence.spark`). Runs record their engine.
    master, remote : str, optional
        With ``engine="spark"``: a cluster's master URL (``local[2]``, ``spark://host:7077``) or
        a Spark Connect URL (``sc://host``); ``local[*]`` by default.
    spark_conf : mapping of str to str, optional
        Extra Spark settings (``spark.executor.memory``, ``spark.sql.shuffle.partitions``...).

    Examples
    --------
    >>> from einfluence import Workspace
    >>> from einfluence.io import Records
    >>> with Workspace(":memory:") as ws:
    ...     result = ws.add_records(Records.from_columns(interactions={
    ...         "network": "demo", "src": ["ann", "bob"], "dst": ["carl", "carl"], "kind": "relay"}))
    ...     ws.stats()["interactions_by_kind"]
    {'relay': 2}
    """

    def __init__(
        self,
        path: str | Path = DEFAULT_DB,
        *,
        read_only: bool = False,
        create: bool = True,
        engine: str = "local",
        master: str | None = None,
        remote: str | None = None,
        spark_conf: Mapping[str, str] | None = None,
    ) -> None:
        from einfluence.store.database import connect

        config = engine_config(engine, master=master, remote=remote, conf=spark_conf)
        self.path = Path(path) if str(path) != ":memory:" else path
        self.context = Context(connect(path, read_only=read_only, create=create), self.path, config)
        self._owned = True

    @classmethod
    def from_connection(cls, con: duckdb.DuckDBPyConnection, path: str | Path = ":memory:") -> Workspace:
        """A workspace on a DuckDB connection opened elsewhere, such as one cursor of a
        connection that serves many threads (the server opens each database once and gives
        each request a cursor of it).

        The schema must already be current (:func:`einfluence.store.connect` migrates it);
        :meth:`close` leaves the connection open: its owner closes it.

        Examples
        --------
        >>> from einfluence.store import connect
        >>> con = connect(":memory:")
        >>> with Workspace.from_connection(con.cursor()) as ws:
        ...     ws.schema_version() > 0
        True
        >>> con.close()
        """
        ws = cls.__new__(cls)
        ws.path = Path(path) if str(path) != ":memory:" else path
        ws.context = Context(con, ws.path)
        ws._owned = False
        return ws

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The open DuckDB connection (for SQL of your own; see :meth:`sql`)."""
        return self.context.con

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the database (committed work is on disk); a workspace made by
        :meth:`from_connection` leaves its connection to its owner."""
        if self._owned:
            self.context.con.close()

    @classmethod
    def create_demo(cls, path: str | Path = DEFAULT_DB, **options: Any) -> dict[str, Any]:
        """Generate the seeded demo world into a fresh database file; return its summary
        (see :func:`einfluence.workspace.data.create_demo` for the options)."""
        return _data.create_demo(path, **options)

    # windows and names
    graph = _method(Context.graph)
    posts = _method(Context.posts)
    account_ids = _method(Context.resolve)
    n_accounts = _method(Context.n_accounts)
    account_weights = _method(Context.weights)
    describe_accounts = _method(Context.describe)

    # the data
    import_files = _method(_data.import_files)
    add_records = _method(_data.add_records)
    stats = _method(_data.stats)
    activity = _method(_data.activity)
    time_span = _method(_data.time_span)
    time_spans = _method(_data.time_spans)
    imports = _method(_data.imports)
    schema_version = _method(_data.schema_version)
    sql = _method(_data.sql)
    truth = _method(_data.truth)
    planted_influencers = _method(_data.planted_influencers)

    # influence scores
    score = _method(_scores.score)
    score_run_for = _method(_scores.score_run_for)
    find_score_run = _method(_scores.find_score_run)
    score_runs = _method(_scores.score_runs)
    rank = _method(_scores.rank)
    rank_persons = _method(_scores.rank_persons)
    shortlist = _method(_shortlists.shortlist, "shortlist")
    save_shortlist = _method(_shortlists.save_shortlist)
    saved_shortlists = _method(_shortlists.saved_shortlists)
    saved_shortlist = _method(_shortlists.saved_shortlist)
    delete_shortlist = _method(_shortlists.delete_shortlist)
    shortlist_target = _method(_shortlists.shortlist_target)
    run_info = _method(_scores.run_info)
    explain = _method(_scores.explain, "explanation")
    history = _method(_history.history, "history")
    score_trends = _method(_history.score_trends)
    evaluate = _method(_scores.evaluate)
    calibrate = _method(_scores.calibrate)
    calibration = _method(_scores.calibration)

    # topics and briefs
    topics = _method(_topics.topics)
    topic_run = _method(_topics.topic_run)
    topic_runs = _method(_topics.topic_runs)
    find_topic = _method(_topics.find_topic)
    topic_leaders = _method(_topics.topic_leaders)
    account_topics = _method(_topics.account_topics)
    topic_audience = _method(_topics.topic_audience)
    relevance = _method(_topics.relevance)
    evaluate_topics = _method(_topics.evaluate_topics)
    brief = _method(_topics.brief)

    # communities
    communities = _method(_communities.communities)
    community_run = _method(_communities.community_run)
    community_runs = _method(_communities.community_runs)
    find_community_run = _method(_communities.find_community_run)
    community_members = _method(_communities.community_members)
    account_community = _method(_communities.account_community)
    community_report = _method(_communities.community_report, "community_report")
    community_roles = _method(_communities.community_roles)
    community_audience = _method(_communities.community_audience)
    community_map = _method(_communities.community_map, "community_map")

    # campaigns
    diffusion_graph = _method(_campaigns.diffusion_graph)
    action_log = _method(_campaigns.action_log)
    audience = _method(_campaigns.audience)
    costs = _method(_campaigns.account_costs)
    select_seeds = _method(_campaigns.select_seeds)
    simulate_seeds = _method(_campaigns.simulate_seeds, "simulation")
    expected_reach = _method(_campaigns.expected_reach)
    message_topics = _method(_campaigns.message_topics)
    plan = _method(_campaigns.plan, "plan")
    plan_info = _method(_campaigns.plan_info)
    plans = _method(_campaigns.plans)

    # brand perception
    train_sentiment = _method(_perception.train_sentiment)
    sentiment = _method(_perception.sentiment)
    sentiment_models = _method(_perception.sentiment_models)
    add_brand = _method(_perception.add_brand)
    brands = _method(_perception.brands)
    detect_mentions = _method(_perception.detect_mentions)
    brand_perception = _method(_perception.brand_perception, "perception")

    # advocacy
    log_actions = _method(_advocacy.log_actions)
    actions = _method(_advocacy.actions)
    update_action = _method(_advocacy.update_action)
    delete_action = _method(_advocacy.delete_action)
    advocates = _method(_advocacy.advocates, "advocates")
    campaign_outcomes = _method(_advocacy.campaign_outcomes)

    # access (the server's tokens)
    create_token = _method(_access.create_token)
    tokens = _method(_access.tokens)
    revoke_token = _method(_access.revoke_token)
    verify_token = _method(_access.verify_token)
    has_admin_token = _method(_access.has_admin_token)
    # opinion dynamics
    opinion_data = _method(_opinion.opinion_data)
    opinion_settle = _method(_opinion.opinion_settle, "opinion_settle")
    opinion_tipping = _method(_opinion.opinion_tipping, "opinion_tipping")
    opinion_convert = _method(_opinion.opinion_convert, "opinion_convert")
