"""The einfluence score on Spark: the same numbers as :func:`einfluence.scoring.einfluence_score`.

Each raw component is an aggregation of the interactions held by Spark, written to give the
local engine's value *exactly*: maxima are exact anywhere; every sum is folded over a list
sorted in the order the local engine adds (``aggregate(array_sort(collect_list(...)))``), so
that floating-point rounding is the same; the time decay is computed by NumPy on the executors
(``mapInPandas``), so that ``exp2`` is the same function. PageRank is
:func:`~einfluence.spark.pagerank.spark_pagerank`. The raw components come back to the driver as
one array per account, and the normalisation, index and 1-100 calibration are those of
:func:`einfluence.scoring.score.inputs_from_raw` and :func:`einfluence.scoring.score.combine`, on the
driver (per account, after the per-interaction work).

References
----------
.. [1] A. Rao, N. Spasojevic, Z. Li and T. Dsouza, "Klout score: measuring influence across
   multiple social networks", Proc. IEEE BigData 2015, pp. 2282-2289.
   https://doi.org/10.1109/BigData.2015.7364017
.. [2] M. Armbrust et al., "Spark SQL: relational data processing in Spark", Proc. SIGMOD 2015,
   pp. 1383-1394. https://doi.org/10.1145/2723372.2742797
"""

from __future__ import annotations

import time as _time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from einfluence.base.kinds import (
    AUDIENCE_KINDS,
    INTERACTION_KINDS,
    ORIGINAL_POST_KINDS,
    POST_KINDS,
    REACTION_KINDS,
)
from einfluence.base.timeunits import HOUR, NO_TIME
from einfluence.exceptions import ParameterError
from einfluence.graph.view import GraphView
from einfluence.scoring.cascades import CASCADE_POST_KINDS
from einfluence.scoring.score import (
    COMPONENTS,
    EXTRA_INPUTS,
    InfluenceScore,
    ScoreParams,
    by_network,
    combine,
    decay_clock,
    inputs_from_raw,
    post_structure,
    window_end,
)
from einfluence.spark.frames import collect_columns, on_executor, scatter, staging
from einfluence.spark.pagerank import spark_pagerank
from einfluence.spark.session import SparkConfig, spark_session

if TYPE_CHECKING:
    from pyspark.sql import Column, DataFrame, SparkSession

    from einfluence.base.arrays import PostArrays

__all__ = ["SparkScore", "spark_score"]


@dataclass(frozen=True)
class SparkScore:
    """The result of :func:`spark_score`.

    Attributes
    ----------
    score : InfluenceScore
        As the local engine's.
    counts : dict of str to int
        Interactions of the window by kind (self-interactions included).
    pagerank : numpy.ndarray or None
        The PageRank of the reaction graph behind *impact*.
    pagerank_iterations : int
    seconds : dict of str to float
        Wall time of each step.
    engine : dict
        What the run records of the engine (name, master or remote, Spark version).
    """

    score: InfluenceScore
    counts: dict[str, int]
    pagerank: np.ndarray | None
    pagerank_iterations: int
    seconds: dict[str, float] = field(default_factory=dict)
    engine: dict[str, Any] = field(default_factory=dict)


def _codes(kinds: tuple[str, ...], vocabulary: tuple[str, ...]) -> list[int]:
    return [vocabulary.index(k) for k in kinds]


def _fold(order: str, value: str) -> Column:
    """Sum of ``value`` over the group, added in increasing ``order`` (the local engine's order)."""
    from pyspark.sql import functions as F

    return F.aggregate(F.array_sort(F.collect_list(F.struct(order, value))), F.lit(0.0),
                       lambda acc, x: acc + x[value])


def _decay(clock: tuple[int, float, float] | None):
    """The mapInPandas function adding the decay weights ``w`` and ``wm`` (NumPy's exp2, as locally):
    on one ``(anchor, half_life, momentum_half_life)`` clock, or, when None, on each row's own
    (columns ``anchor``, ``hl``, ``mhl``: networks on clocks of their own)."""

    def add(batches):
        for pdf in batches:
            t = pdf["time"].to_numpy(np.int64)
            if clock is None:
                anchor, half_life, momentum_half_life = (pdf[c].to_numpy() for c in ("anchor", "hl", "mhl"))
            else:
                anchor, half_life, momentum_half_life = clock
            age_hours = (anchor - t.astype(np.float64)) / HOUR
            w = np.exp2(-age_hours / half_life)
            wm = np.exp2(-age_hours / momentum_half_life)
            untimed = t == NO_TIME
            w[untimed] = 1.0
            wm[untimed] = 1.0
            yield pdf.drop(columns=["anchor", "hl", "mhl"], errors="ignore").assign(w=w, wm=wm)

    return add


def _depth(weighted: DataFrame, posts_frame: DataFrame | None, with_trees: np.ndarray, n: int,
           gap_hours: float) -> np.ndarray:
    """Depth per account: the tree rule where the network's posts have parents, else the time rule
    (:func:`~einfluence.scoring.score.post_structure`, as locally)."""

    def shares(frame: DataFrame) -> np.ndarray:
        got = collect_columns(frame, ("account", "num", "den"))
        num, den = scatter(n, got["account"], got["num"]), scatter(n, got["account"], got["den"])
        out = np.zeros(n)
        np.divide(num, den, out=out, where=den > 0)
        return out

    return by_network(with_trees, shares(_tree_rule(posts_frame, weighted, n)) if with_trees.any() else None,
                      shares(_time_rule(weighted, gap_hours)) if not with_trees.all() else None)


def _time_rule(edges: DataFrame, gap_hours: float) -> DataFrame:
    """Per account, (numerator, denominator) of the time rule of
    :func:`~einfluence.scoring.cascades.amplification_depth` (weighted by the decay)."""
    from pyspark.sql import functions as F

    relays = edges.where(F.col("kind").isin(_codes(("relay", "quote"), INTERACTION_KINDS))
                         & (F.col("src") != F.col("dst")) & (F.col("time") != NO_TIME) & (F.col("w") > 0))
    relays = relays.select("e", "src", "dst", "time", "w")
    gap = round(gap_hours * HOUR)
    # Each relay v -> u at t goes "beyond" when v is relayed within (t, t + gap]. Per account v,
    # its relays out (made at t) and in (received at t') in one list ordered by time *downwards*,
    # an "in" after every "out" of the same time: the running minimum of the "in" times before a
    # row is then the first time v is relayed strictly after t. A running frame costs O(m log m)
    # in the sort and O(1) per row (a frame towards UNBOUNDED FOLLOWING would be recomputed per row).
    from pyspark.sql import Window

    events = relays.select("e", F.col("src").alias("v"), "src", "dst", "time", "w", F.lit(1).alias("out")).unionByName(
        relays.select(F.lit(None).cast("long").alias("e"), F.col("dst").alias("v"), F.lit(None).cast("long").alias("src"),
                      F.lit(None).cast("long").alias("dst"), "time", F.lit(None).cast("double").alias("w"),
                      F.lit(0).alias("out")))
    before = Window.partitionBy("v").orderBy(F.col("time").desc(), F.col("out").desc()) \
        .rowsBetween(Window.unboundedPreceding, Window.currentRow)
    next_in = F.min(F.when(F.col("out") == 0, F.col("time"))).over(before)
    flagged = events.withColumn("next_in", next_in).where(F.col("out") == 1).select(
        "e", "src", "dst", "w", (F.col("next_in").isNotNull() & (F.col("next_in") - F.col("time") <= gap)).alias("beyond"))
    pairs = flagged.groupBy("src", "dst").agg(
        F.max("w").alias("reached"), F.max(F.when(F.col("beyond"), F.col("w")).otherwise(0.0)).alias("amplified"))
    return pairs.groupBy("dst").agg(_fold("src", "amplified").alias("num"), _fold("src", "reached").alias("den")) \
        .select(F.col("dst").alias("account"), "num", "den")


def _tree_rule(posts: DataFrame, edges: DataFrame, n: int, max_rounds: int = 64) -> DataFrame:
    """Per account, (numerator, denominator) of the tree rule of
    :func:`~einfluence.scoring.cascades.amplification_depth` (weighted by the decay)."""
    from pyspark.sql import functions as F

    ids = posts.where(F.col("post_id") >= 0).groupBy("post_id").agg(F.min("row").alias("id_row"))
    parents = ids.select(F.col("post_id").alias("parent"), F.col("id_row").alias("prow"))
    top = posts.join(parents, "parent", "left").select(
        "row", F.when((F.col("parent") >= 0) & F.col("prow").isNotNull(), F.col("prow"))
        .otherwise(F.col("row")).alias("top")).localCheckpoint()
    for _ in range(max_rounds):  # pointer doubling up the parent chains
        up = top.alias("a").join(top.alias("b"), F.col("a.top") == F.col("b.row")) \
            .select(F.col("a.row").alias("row"), F.col("b.top").alias("top"), (F.col("a.top") != F.col("b.top")).alias("moved"))
        up = up.localCheckpoint()
        top = up.select("row", "top")
        if up.where("moved").limit(1).count() == 0:
            break
    tops = posts.select(F.col("row").alias("top"), F.col("post_id").alias("top_id"), F.col("parent").alias("top_parent"))
    roots = posts.join(top, "row").join(tops, "top").withColumn(
        "root_id", F.when(F.col("root") >= 0, F.col("root"))
        .otherwise(F.when(F.col("top_parent") < 0, F.col("top_id")).otherwise(F.lit(-1).cast("long"))))
    roots = roots.join(ids.select(F.col("post_id").alias("root_id"), F.col("id_row").alias("root_row")),
                       "root_id", "left").fillna({"root_row": -1})
    root_info = posts.select(F.col("row").alias("root_row"), F.col("parent").alias("root_parent"),
                             F.col("author").alias("root_author"))
    roots = roots.join(root_info, "root_row", "left")
    reaction = (F.col("kind").isin(_codes(CASCADE_POST_KINDS, POST_KINDS)) & (F.col("parent") >= 0)
                & (F.col("root_row") >= 0) & (F.col("root_parent") < 0)
                & (F.col("root_author") >= 0) & (F.col("root_author") < n))
    reactions = roots.where(reaction).select("row", "root_row", "root_author",
                                             (F.col("parent") != F.col("root_id")).alias("second"))
    on_post = edges.where((F.col("post") >= 0) & (F.col("w") > 0)).join(
        ids.select(F.col("post_id").alias("post"), F.col("id_row").alias("row")), "post")
    post_w = on_post.groupBy("row").agg(F.max("w").alias("pw"))
    weighed = reactions.join(post_w, "row", "left").fillna({"pw": 0.0})
    cascades = weighed.groupBy("root_row", "root_author").agg(
        F.greatest(F.max("pw"), F.lit(0.0)).alias("reached"),
        F.greatest(F.max(F.when(F.col("second"), F.col("pw"))), F.lit(0.0)).alias("amplified"))
    cascades = cascades.fillna({"amplified": 0.0}).where(F.col("reached") > 0)
    return cascades.groupBy("root_author").agg(
        _fold("root_row", "amplified").alias("num"), _fold("root_row", "reached").alias("den")) \
        .select(F.col("root_author").alias("account"), "num", "den")


def spark_score(
    view: GraphView,
    posts: PostArrays | None = None,
    *,
    groups: np.ndarray | None = None,
    reference_time: int | None = None,
    params: ScoreParams | None = None,
    session: SparkSession | None = None,
    config: SparkConfig | None = None,
) -> SparkScore:
    """Compute the einfluence score of a graph view on Spark.

    Parameters
    ----------
    view, posts, groups, reference_time, params
        As in :func:`einfluence.scoring.einfluence_score`.
    session : SparkSession, optional
        The session to use; by default :func:`~einfluence.spark.session.spark_session` of ``config``.
    config : SparkConfig, optional
        Where to run when no session is given; also gives the partitions of the interactions.

    Returns
    -------
    SparkScore

    Raises
    ------
    ParameterError
        On an input the Spark engine does not compute (``k_core`` and ``ip_influence`` weighed by
        a calibration), or when Spark cannot be started.

    Notes
    -----
    The same definitions as the local engine: the decayed distinct reactors (each reactor
    counted with its most recent reaction), momentum (the same with an eighth of the
    half-life), amplification (decayed relays and quotes received, per post authored when the
    data has posts), depth (tree rule with posts that have parents, time rule otherwise),
    impact (mean of ``n * PageRank`` of the distinct reactors), the evidence factor from the
    undecayed distinct reactors. O(m) work spread over the executors, plus one job per PageRank
    iteration.

    References
    ----------
    .. [1] A. Rao, N. Spasojevic, Z. Li and T. Dsouza, "Klout score: measuring influence across
       multiple social networks", Proc. IEEE BigData 2015.
       https://doi.org/10.1109/BigData.2015.7364017
    """
    from pyspark.sql import functions as F

    params = (params or ScoreParams()).validated()
    unsupported = [c for c in ("k_core", "ip_influence") if params.weights.get(c, 0) > 0]
    if unsupported:
        raise ParameterError(f"the Spark engine does not compute {', '.join(unsupported)} yet: "
                             "use the local engine for this calibration", parameter="engine")
    config = config or SparkConfig()
    session = session or spark_session(config)
    seconds: dict[str, float] = {}
    clock = _time.perf_counter()
    n = view.n_nodes
    src = view.sources()
    # the window's end and each network's clock: the local engine's own functions
    reference_time = window_end(view, reference_time)
    fading = decay_clock(view, groups, reference_time, params)
    params = fading.params
    anchor, half_life, momentum_half_life = fading.per_event(view, groups)
    # networks on clocks of their own: each interaction carries its clock
    per_row = {} if np.isscalar(anchor) else {"anchor": anchor, "hl": half_life, "mhl": momentum_half_life}
    with staging(session) as stage:
        edges = stage.frame({
            "e": np.arange(view.n_edges, dtype=np.int64), "src": src.astype(np.int64),
            "dst": view.indices.astype(np.int64), "time": view.time.astype(np.int64),
            "kind": view.kind.astype(np.int16), "post": view.post.astype(np.int64), **per_row,
        }, config.partitions)
        has_posts = posts is not None and posts.post_id.size > 0
        posts_frame = None
        if has_posts:
            posts_frame = stage.frame({
                "row": np.arange(posts.post_id.size, dtype=np.int64), "post_id": posts.post_id.astype(np.int64),
                "author": posts.author.astype(np.int64), "kind": posts.kind.astype(np.int16),
                "parent": posts.parent.astype(np.int64), "root": posts.root.astype(np.int64),
            })
        # one pass: counts by kind
        nonself = F.col("src") != F.col("dst")
        timed = F.col("time") != NO_TIME
        by_kind = edges.groupBy("kind").agg(
            F.count("*").alias("n"), F.sum(nonself.cast("long")).alias("nonself"),
            F.sum((nonself & timed).cast("long")).alias("nonself_timed"),
        ).collect()
        counts = {INTERACTION_KINDS[r["kind"]]: int(r["n"]) for r in by_kind}
        nonself_by = {INTERACTION_KINDS[r["kind"]]: int(r["nonself"]) for r in by_kind}
        timed_by = {INTERACTION_KINDS[r["kind"]]: int(r["nonself_timed"]) for r in by_kind}
        seconds["counts"] = _time.perf_counter() - clock

        basis = REACTION_KINDS
        if not any(nonself_by.get(k, 0) for k in REACTION_KINDS) and any(nonself_by.get(k, 0) for k in AUDIENCE_KINDS):
            basis = AUDIENCE_KINDS
        reacting = basis is REACTION_KINDS
        any_timed = any(timed_by.get(k, 0) for k in basis)
        wanted = COMPONENTS + tuple(c for c in EXTRA_INPUTS if params.weights.get(c, 0) > 0)

        weighted = edges.mapInPandas(
            on_executor(_decay(None if per_row else (int(anchor), float(half_life), float(momentum_half_life)))),
            "e long, src long, dst long, time long, kind short, post long, w double, wm double",
        ).persist()
        kept = weighted.where(F.col("kind").isin(_codes(basis, INTERACTION_KINDS)) & nonself)
        pairs = kept.groupBy("src", "dst").agg(
            F.coalesce(F.max(F.when(F.col("w") > 0, F.col("w"))), F.lit(0.0)).alias("bw"),
            F.coalesce(F.max(F.when(F.col("wm") > 0, F.col("wm"))), F.lit(0.0)).alias("bm"),
        ).persist()
        per_target = pairs.groupBy("dst").agg(
            F.count("*").cast("double").alias("reactors"), _fold("src", "bw").alias("reach"),
            _fold("src", "bm").alias("momentum"))
        got = collect_columns(per_target, ("dst", "reactors", "reach", "momentum"))
        reactors = scatter(n, got["dst"], got["reactors"])
        raw: dict[str, np.ndarray | None] = {"reach": scatter(n, got["dst"], got["reach"])}
        if "momentum" in wanted:
            raw["momentum"] = scatter(n, got["dst"], got["momentum"]) if any_timed else None
        active = np.zeros(n, dtype=bool)
        ends = weighted.select(F.col("src").alias("a")).union(weighted.select("dst")).distinct()
        active[collect_columns(ends, ("a",))["a"].astype(np.int64)] = True
        seconds["reach"] = _time.perf_counter() - clock - sum(seconds.values())

        with_posts, with_trees = post_structure(posts, groups, n)
        if reacting and "amplification" in wanted:
            relays = weighted.where(F.col("kind").isin(_codes(("relay", "quote"), INTERACTION_KINDS))
                                    & nonself & (F.col("w") > 0))
            got = collect_columns(relays.groupBy("dst").agg(_fold("e", "w").alias("received")), ("dst", "received"))
            received = scatter(n, got["dst"], got["received"])
            per_post = None
            if has_posts:
                authored = posts_frame.where(F.col("kind").isin(_codes(ORIGINAL_POST_KINDS, POST_KINDS))
                                             & (F.col("author") >= 0) & (F.col("author") < n))
                got = collect_columns(authored.groupBy("author").count(), ("author", "count"))
                if got["author"].size:
                    n_posts = scatter(n, got["author"], got["count"])
                    per_post = np.full(n, np.nan)
                    has = n_posts > 0
                    per_post[has] = received[has] / n_posts[has]
            # per post where the network has posts, else the relays received (as locally)
            raw["amplification"] = by_network(with_posts, None if per_post is None else np.nan_to_num(per_post),
                                              received if not with_posts.all() or per_post is None else None)
        if reacting and "depth" in wanted:
            raw["depth"] = _depth(weighted, posts_frame, with_trees, n, params.depth_gap_hours)
        seconds["amplification_depth"] = _time.perf_counter() - clock - sum(seconds.values())

        rank, n_iter = None, 0
        if "impact" in wanted:
            arcs = kept.where(F.col("w") > 0).select("e", "src", "dst", "w")
            rank, n_iter = spark_pagerank(session, arcs, n)
            if np.all(np.isfinite(rank)):
                base = rank * n
                impact_frame = stage.frame({"src": np.arange(n, dtype=np.int64), "base": base})
                per = pairs.join(impact_frame, "src").groupBy("dst").agg(
                    _fold("src", "base").alias("total"), F.count("*").cast("double").alias("norm"))
                got = collect_columns(per, ("dst", "total", "norm"))
                total = scatter(n, got["dst"], got["total"])
                norm = scatter(n, got["dst"], got["norm"])
                impact = np.zeros(n)
                np.divide(total, norm, out=impact, where=norm > 0)
                raw["impact"] = impact
            else:
                raw["impact"] = None
        seconds["impact"] = _time.perf_counter() - clock - sum(seconds.values())
        if "activity" in wanted:
            got = collect_columns(weighted.groupBy("src").agg(_fold("e", "w").alias("acts")), ("src", "acts"))
            raw["activity"] = scatter(n, got["src"], got["acts"])
        pairs.unpersist()
        weighted.unpersist()

    inputs = inputs_from_raw(raw, wanted, active=active, reactors=reactors, groups=groups, params=params,
                             reference_time=reference_time, basis="reactions" if reacting else "structure",
                             clocks=fading.networks)
    result = combine(inputs, groups)  # per account, on the driver: the local engine's code
    seconds["calibration"] = _time.perf_counter() - clock - sum(seconds.values())
    engine = {**config.describe(), "spark_version": str(session.version), "calibrated_on": "driver"}
    return SparkScore(score=result, counts=counts, pagerank=rank, pagerank_iterations=n_iter,
                      seconds=seconds, engine=engine)
