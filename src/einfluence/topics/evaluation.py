"""Evaluation of topical influence: does it predict on-topic amplification after a split?

:func:`evaluate_topic_prediction` is the protocol of
:func:`einfluence.scoring.evaluate_prediction`, topic by topic: predictors measured before a
split (the topic-blind score, the on-topic score of :mod:`~einfluence.topics.influence`,
TwitterRank [2]_ and a score-times-interest baseline) ranked against what each account
receives on the topic afterwards, as Cha et al. [1]_ compare influence measures.

References
----------
.. [1] M. Cha, H. Haddadi, F. Benevenuto and K. P. Gummadi, "Measuring user influence in
   Twitter: the million follower fallacy", Proc. ICWSM 2010.
   https://doi.org/10.1609/icwsm.v4i1.14033
.. [2] J. Weng, E.-P. Lim, J. Jiang and Q. He, "TwitterRank: finding topic-sensitive
   influential twitterers", Proc. WSDM 2010. https://doi.org/10.1145/1718487.1718520
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import scipy.sparse as sp

from einfluence.exceptions import ParameterError
from einfluence.graph.view import GraphView
from einfluence.scoring.evaluation import ComparisonTable, compare_predictors
from einfluence.scoring.reach import distinct_reactors, received
from einfluence.scoring.score import ScoreParams, einfluence_score
from einfluence.topics._common import (
    TopicColumns,
    check_min_weight,
    check_view,
    check_weights_matrix,
    row_normalised,
    topic_indices,
)
from einfluence.topics.influence import topic_scores
from einfluence.topics.twitterrank import twitterrank

if TYPE_CHECKING:
    from einfluence.base.arrays import PostArrays

__all__ = ["TopicEvaluationReport", "evaluate_topic_prediction"]


@dataclass(frozen=True)
class TopicEvaluationReport:
    """Result of :func:`evaluate_topic_prediction`.

    Attributes
    ----------
    tables : dict of int to ComparisonTable
        One table per evaluated topic: how each predictor ranks the early-active accounts by
        the topic's later target.
    macro : dict of str to dict of str to float
        Per predictor, each metric averaged over the topics where it is defined (NaN-free
        mean; NaN when defined nowhere).
    topic_names : dict of int to str
    n_population : int
        Accounts active in the early window.
    n_positive : dict of int to int
        Accounts of the population with a positive target, per topic.
    target : str
        ``"distinct_relayers"`` or ``"relays"``.
    ks : tuple of int
    """

    tables: dict[int, ComparisonTable]
    macro: dict[str, dict[str, float]]
    topic_names: dict[int, str]
    n_population: int
    n_positive: dict[int, int]
    target: str
    ks: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (NaN becomes None)."""

        def clean(x: float) -> float | None:
            return None if math.isnan(x) else float(x)

        return {
            "target": self.target,
            "ks": list(self.ks),
            "n_population": self.n_population,
            "macro": {p: {k: clean(v) for k, v in m.items()} for p, m in self.macro.items()},
            "topics": [
                {
                    "topic": t,
                    "name": self.topic_names.get(t, str(t)),
                    "n_positive": self.n_positive[t],
                    "table": table.to_dict(),
                }
                for t, table in self.tables.items()
            ],
        }


def evaluate_topic_prediction(
    early: GraphView,
    late: GraphView,
    early_posts: PostArrays | None,
    late_posts: PostArrays | None,
    early_edge_topics: np.ndarray | sp.sparray,
    late_edge_topics: np.ndarray | sp.sparray,
    *,
    account_topics: np.ndarray | None = None,
    topics: Iterable[int] | None = None,
    topic_names: Sequence[str] | None = None,
    min_weight: float = 0.3,
    target: str = "distinct_relayers",
    params: ScoreParams | None = None,
    ks: Iterable[int] = (10, 100),
) -> TopicEvaluationReport:
    """Does topical influence measured before a split predict on-topic amplification after it?

    The protocol of :func:`einfluence.scoring.evaluate_prediction`, per topic: every
    predictor is computed on the early window; the target of topic ``t`` is what each account
    receives in the later window on ``t`` (distinct relayers, or relays, of its content about
    ``t``); the population is the accounts active in the early window. Predictors:

    ``einfluence_score``
        The topic-blind score (the same for every topic).
    ``topic_score``
        The score on on-topic reactions only (:func:`~einfluence.topics.influence.topic_scores`).
    ``twitterrank``
        Column ``t`` of :func:`~einfluence.topics.twitterrank.twitterrank` (only with ``account_topics``).
    ``score_x_interest``
        The topic-blind score times the account's interest in ``t`` (only with
        ``account_topics``): a simple baseline.

    Parameters
    ----------
    early, late : GraphView
        Interactions before and after the split (same accounts).
    early_posts, late_posts : PostArrays or None
        Posts of each window (``late_posts`` is accepted for symmetry; the target only needs
        ``late_edge_topics``).
    early_edge_topics, late_edge_topics : numpy.ndarray or scipy sparse matrix
        :func:`~einfluence.topics.content.edge_topics` of each view.
    account_topics : numpy.ndarray, shape (n_accounts, K), optional
        Interest profiles (for example measured on the early window).
    topics : iterable of int, optional
        Topics to evaluate (all by default).
    topic_names : sequence of str, optional
        Names of the ``K`` topics, for the report.
    min_weight : float
        Threshold of :func:`~einfluence.topics.content.topic_view`, for predictors and targets alike.
    target : {"distinct_relayers", "relays"}
    params : ScoreParams, optional
        Parameters of the scores.
    ks : iterable of int
        Cut-offs of the top-k metrics.

    Returns
    -------
    TopicEvaluationReport

    Raises
    ------
    GraphTypeError
        If a view is not a GraphView.
    ParameterError
        Views over different accounts, mismatched topic counts, an unknown target.

    Examples
    --------
    >>> from einfluence.base import InteractionArrays
    >>> def relays(src, dst):
    ...     return GraphView.from_arrays(InteractionArrays(src=np.array(src), dst=np.array(dst),
    ...         time=np.arange(len(src)) * 3_600_000_000, weight=np.ones(len(src)),
    ...         kind=np.zeros(len(src), np.int8), post=np.full(len(src), -1), n_accounts=6))
    >>> early, late = relays([2, 3, 4, 5], [0, 0, 1, 1]), relays([2, 3, 4, 5], [0, 0, 0, 1])
    >>> topics = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 1.0]])
    >>> report = evaluate_topic_prediction(early, late, None, None, topics, topics, ks=(1,))
    >>> sorted(report.macro)
    ['einfluence_score', 'topic_score']
    >>> report.n_positive  # later, 0 is relayed on both topics
    {0: 1, 1: 2}

    References
    ----------
    .. [1] M. Cha, H. Haddadi, F. Benevenuto and K. P. Gummadi, "Measuring user influence in
       Twitter: the million follower fallacy", Proc. ICWSM 2010.
       https://doi.org/10.1609/icwsm.v4i1.14033
    .. [2] J. Weng, E.-P. Lim, J. Jiang and Q. He, "TwitterRank: finding topic-sensitive
       influential twitterers", Proc. WSDM 2010. https://doi.org/10.1145/1718487.1718520
    """
    early, late, late_columns, chosen, names, min_weight = _checked_windows(
        early, late, early_edge_topics, late_edge_topics, topics, topic_names, min_weight, target
    )
    ks = tuple(ks)
    n = early.n_nodes
    population = np.zeros(n, dtype=bool)
    population[early.sources()] = True
    population[early.indices] = True
    blind = einfluence_score(early, early_posts, params=params).score
    on_topic = topic_scores(
        early, early_posts, early_edge_topics, topics=chosen, min_weight=min_weight, params=params
    )
    interest = tr = None
    if account_topics is not None:
        profile = np.asarray(
            check_weights_matrix(account_topics, "account_topics", n), dtype=np.float64
        )
        if profile.shape[1] != late_columns.n_topics:
            raise ParameterError("account_topics must have one column per topic")
        interest = row_normalised(profile)
        tr = twitterrank(early, profile)

    def masked(values: np.ndarray) -> np.ndarray:
        return np.where(population, np.nan_to_num(values, nan=0.0), np.nan)

    tables: dict[int, ComparisonTable] = {}
    n_positive: dict[int, int] = {}
    for t in chosen:
        late_t = late.edge_subgraph(late_columns.on_topic(t, min_weight))
        goal = (
            distinct_reactors(late_t, "relay")
            if target == "distinct_relayers"
            else received(late_t, "relay")
        )
        predictors = {"einfluence_score": masked(blind), "topic_score": masked(on_topic[:, t])}
        if tr is not None and interest is not None:
            predictors["twitterrank"] = masked(tr[:, t])
            predictors["score_x_interest"] = masked(np.nan_to_num(blind) * interest[:, t])
        tables[t] = compare_predictors(predictors, goal, population=population, ks=ks)
        n_positive[t] = int((goal[population] > 0).sum())
    return TopicEvaluationReport(
        tables=tables,
        macro=_macro_averages(tables, chosen, ks),
        topic_names={t: names[t] for t in chosen},
        n_population=int(population.sum()),
        n_positive=n_positive,
        target=target,
        ks=ks,
    )


def _checked_windows(
    early: object,
    late: object,
    early_edge_topics: object,
    late_edge_topics: object,
    topics: Iterable[int] | None,
    topic_names: Sequence[str] | None,
    min_weight: float,
    target: str,
) -> tuple[GraphView, GraphView, TopicColumns, list[int], list[str], float]:
    """Validated inputs of :func:`evaluate_topic_prediction`.

    Returns the two views, the late edge topics by column, the topics to evaluate, the names
    of all the topics and the threshold.
    """
    early = check_view(early, "early")
    late = check_view(late, "late")
    if early.n_nodes != late.n_nodes:
        raise ParameterError("early and late views must index the same accounts")
    if target not in ("distinct_relayers", "relays"):
        raise ParameterError(f"target must be 'distinct_relayers' or 'relays', got {target!r}")
    early_columns = TopicColumns(early_edge_topics, early.n_edges, "early_edge_topics")
    late_columns = TopicColumns(late_edge_topics, late.n_edges, "late_edge_topics")
    n_topics = early_columns.n_topics
    if late_columns.n_topics != n_topics:
        raise ParameterError("early and late edge topics must have the same number of topics")
    chosen = topic_indices(topics, n_topics)
    min_weight = check_min_weight(min_weight)
    names = (
        [str(t) for t in range(n_topics)] if topic_names is None else [str(x) for x in topic_names]
    )
    if len(names) != n_topics:
        raise ParameterError(f"topic_names must name the {n_topics} topics")
    return early, late, late_columns, chosen, names, min_weight


def _macro_averages(
    tables: dict[int, ComparisonTable], chosen: list[int], ks: tuple[int, ...]
) -> dict[str, dict[str, float]]:
    """Per predictor, each metric averaged over the topics where it is finite (NaN if none)."""
    macro: dict[str, dict[str, float]] = {}
    for name in next(iter(tables.values())).names if tables else ():
        metrics = [tables[t][name].metrics(ks) for t in chosen]
        macro[name] = {}
        for key in metrics[0]:
            values = np.array([m[key] for m in metrics], dtype=np.float64)
            finite = values[np.isfinite(values)]
            macro[name][key] = float(finite.mean()) if finite.size else math.nan
    order = ["einfluence_score", "topic_score", "twitterrank", "score_x_interest"]
    return {name: macro[name] for name in order if name in macro}
