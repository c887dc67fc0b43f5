"""The evaluation harness: does a measure computed before a date predict amplification after it?

Protocol (a temporal split, as in Cha et al. [1]_ and Bakshy et al. [2]_): every measure and the
einfluence score are computed on the *early* window only; the *targets* are what each account
receives in the *later* window — relays received and distinct relayers; the population is the
accounts active in the early window (as actor or target). Each predictor is then compared with
each target by Spearman ρ, Kendall τ, top-k overlap and nDCG@k
(:func:`~einfluence.scoring.evaluation.compare_predictors`), and the measures are compared with
one another by rank correlation (the table of Cha et al.).

References
----------
.. [1] M. Cha, H. Haddadi, F. Benevenuto and K. P. Gummadi, "Measuring user influence in
   Twitter: the million follower fallacy", Proc. ICWSM 2010.
   https://doi.org/10.1609/icwsm.v4i1.14033
.. [2] E. Bakshy, J. M. Hofman, W. A. Mason and D. J. Watts, "Everyone's an influencer:
   quantifying influence on Twitter", Proc. WSDM 2011. https://doi.org/10.1145/1935826.1935845
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from einfluence.graph.view import GraphView
from einfluence.scoring.calibration import Calibration, CalibrationParams, calibrate_score
from einfluence.scoring.evaluation import (
    ComparisonTable,
    CorrelationMatrix,
    compare_predictors,
    correlation_matrix,
)
from einfluence.scoring.measures import all_measures
from einfluence.scoring.reach import distinct_reactors, received
from einfluence.scoring.score import ScoreParams, einfluence_score

if TYPE_CHECKING:
    from einfluence.base.arrays import PostArrays

__all__ = ["TARGETS", "EvaluationReport", "evaluate_prediction"]

#: later-window outcomes the predictors are judged on
TARGETS: dict[str, str] = {
    "relays_later": "relays received in the later window",
    "distinct_relayers_later": "distinct accounts relaying in the later window",
}


@dataclass(frozen=True)
class EvaluationReport:
    """Tables of :func:`evaluate_prediction`.

    Attributes
    ----------
    tables : dict of str to ComparisonTable
        One table per target of :data:`TARGETS`.
    correlations : CorrelationMatrix
        Spearman correlations between the measures themselves over the population.
    n_population : int
        Accounts active in the early window.
    n_positive : dict of str to int
        Accounts of the population with a non-zero target.
    unavailable : tuple of str
        Measures the data could not give.
    calibration : Calibration or None
        The calibration of the score on the early window alone (its weights, half-life,
        folds and out-of-sample figures), when asked for: the ``einfluence_calibrated``
        predictor of the tables uses it.
    """

    tables: dict[str, ComparisonTable]
    correlations: CorrelationMatrix
    n_population: int
    n_positive: dict[str, int]
    unavailable: tuple[str, ...]
    calibration: Calibration | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (``calibration`` is None when not asked for)."""
        return {
            "n_population": self.n_population,
            "n_positive": self.n_positive,
            "unavailable": list(self.unavailable),
            "tables": {name: table.to_dict() for name, table in self.tables.items()},
            "correlations": self.correlations.to_dict(),
            "calibration": None if self.calibration is None else self.calibration.to_dict(),
        }


def evaluate_prediction(
    early: GraphView,
    late: GraphView,
    *,
    early_posts: PostArrays | None = None,
    followers: np.ndarray | None = None,
    groups: np.ndarray | None = None,
    params: ScoreParams | None = None,
    ks: Iterable[int] = (10, 100, 1000),
    calibration: CalibrationParams | bool | None = None,
    progress: Callable[[str], None] | None = None,
) -> EvaluationReport:
    """Compare every measure and the einfluence score at predicting later amplification.

    Parameters
    ----------
    early, late : GraphView
        The interactions before and after the split (same account ids).
    early_posts : PostArrays, optional
        Posts of the early window.
    followers : numpy.ndarray, optional
        Declared follower counts per account.
    groups : numpy.ndarray, optional
        Calibration group (network) of each account, for the score.
    params : ScoreParams, optional
        Parameters of the einfluence score.
    ks : iterable of int
        Cut-offs of the top-k metrics.
    calibration : CalibrationParams or bool, optional
        Also calibrate the score on the early window alone
        (:func:`~einfluence.scoring.calibration.calibrate_score`, every measure judged on its
        folds) and evaluate the calibrated score as ``einfluence_calibrated``; True for the
        default calibration parameters.
    progress : callable, optional
        Called with a short message at each step of the calibration.

    Returns
    -------
    EvaluationReport
    """
    n = max(early.n_nodes, late.n_nodes)
    if early.n_nodes != late.n_nodes:
        raise ValueError("early and late views must index the same accounts")
    measures = all_measures(early, early_posts, followers=followers)
    result = einfluence_score(early, early_posts, groups=groups, params=params)
    predictors: dict[str, np.ndarray] = {"einfluence_score": result.score}
    calibrated = None
    if calibration:
        calibrated = calibrate_score(
            early, early_posts, groups=groups, base=params, progress=progress,
            params=calibration if isinstance(calibration, CalibrationParams) else None,
        )
        predictors["einfluence_calibrated"] = einfluence_score(
            early, early_posts, groups=groups, params=calibrated.score_params(params)).score
    predictors.update({name: values for name, values in measures.items() if values is not None})
    unavailable = tuple(name for name, values in measures.items() if values is None)

    population = np.zeros(n, dtype=bool)
    population[early.sources()] = True
    population[early.indices] = True
    targets = {
        "relays_later": received(late, "relay"),
        "distinct_relayers_later": distinct_reactors(late, "relay"),
    }
    ks = tuple(ks)
    tables = {
        name: compare_predictors(
            {k: np.where(population, np.nan_to_num(v, nan=0.0), np.nan) for k, v in predictors.items()},
            target,
            population=population,
            ks=ks,
        )
        for name, target in targets.items()
    }
    correlations = correlation_matrix(predictors, population=population)
    return EvaluationReport(
        tables=tables,
        correlations=correlations,
        n_population=int(population.sum()),
        n_positive={name: int((target[population] > 0).sum()) for name, target in targets.items()},
        unavailable=unavailable,
        calibration=calibrated,
    )
