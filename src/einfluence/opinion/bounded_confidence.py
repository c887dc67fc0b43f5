"""Bounded confidence: accounts only listen to opinions close enough to theirs (echo chambers).

Hegselmann-Krause [1]_: at every step each account takes the mean of the opinions within
``epsilon`` of its own among itself and those it listens to (everyone, on the complete graph),
all at once. Deffuant-Weisbuch [2]_: a random pair (a listener and a source) whose opinions differ
by less than ``epsilon`` both move towards each other by ``mu`` of their gap. Both freeze into
opinion clusters that no longer hear each other; from uniform opinions on an interval of width 1,
about ``floor(1 / (2 epsilon))`` of them [2]_ [3]_: communities that re-form around their own views.

References
----------
.. [1] R. Hegselmann and U. Krause, "Opinion dynamics and bounded confidence: models, analysis
   and simulation", Journal of Artificial Societies and Social Simulation 5(3), 2002, paper 2.
   https://www.jasss.org/5/3/2.html
.. [2] G. Deffuant, D. Neau, F. Amblard and G. Weisbuch, "Mixing beliefs among interacting
   agents", Advances in Complex Systems 3(1-4), 2000, pp. 87-98.
   https://doi.org/10.1142/S0219525900000078
.. [3] J. Lorenz, "Continuous opinion dynamics under bounded confidence: a survey",
   International Journal of Modern Physics C 18(12), 2007, pp. 1819-1838.
   https://doi.org/10.1142/S0129183107011789
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np

from einfluence.base.random import base_seed
from einfluence.base.validation import check_scalar
from einfluence.exceptions import ParameterError
from einfluence.opinion import _kernels
from einfluence.opinion.discrete import CHUNK, run_chunks
from einfluence.opinion.linear import check_network, check_opinions
from einfluence.opinion.network import InfluenceNetwork

__all__ = ["Clusters", "deffuant", "hegselmann_krause", "opinion_clusters"]


def _stubborn(stubborn: np.ndarray | None, n: int) -> np.ndarray:
    if stubborn is None:
        return np.zeros(n, dtype=bool)
    s = np.asarray(stubborn, dtype=bool)
    if s.shape != (n,):
        raise ParameterError(f"stubborn must have shape ({n},)", parameter="stubborn")
    return s


def hegselmann_krause(
    net: InfluenceNetwork | None,
    x0: np.ndarray,
    epsilon: float,
    *,
    stubborn: np.ndarray | None = None,
    max_steps: int = 1000,
    tol: float = 1e-9,
) -> tuple[np.ndarray, int]:
    """Synchronous Hegselmann-Krause dynamics until no opinion moves by more than ``tol``.

    Parameters
    ----------
    net : InfluenceNetwork or None
        Whom each account listens to; None for the complete graph (everyone hears everyone,
        O(n log n) per step).
    x0 : numpy.ndarray of float64
        Initial opinions.
    epsilon : float
        Confidence bound: opinions at most ``epsilon`` away are heard.
    stubborn : numpy.ndarray of bool, optional
        Accounts that keep their opinion.
    max_steps : int
    tol : float

    Returns
    -------
    x : numpy.ndarray of float64
        Final opinions.
    n_steps : int
        Steps made.

    Examples
    --------
    >>> x, steps = hegselmann_krause(None, np.array([0.0, 0.1, 0.9, 1.0]), 0.2)
    >>> np.round(x, 3).tolist()
    [0.05, 0.05, 0.95, 0.95]
    """
    n = int(np.asarray(x0).size) if net is None else check_network(net).n_nodes
    x = check_opinions(x0, n).copy()
    check_scalar(epsilon, "epsilon", numbers.Real, min_val=0.0)
    check_scalar(max_steps, "max_steps", numbers.Integral, min_val=0)
    still = _stubborn(stubborn, n)
    out = np.empty_like(x)
    steps = 0
    while steps < max_steps:
        if net is None:
            _kernels.hk_complete_step(x, still, float(epsilon), out)
        else:
            _kernels.hk_graph_step(net.indptr, net.indices, x, still, float(epsilon), out)
        steps += 1
        moved = float(np.abs(out - x).max()) if n else 0.0
        x, out = out, x
        if moved <= tol:
            break
    return x, steps


def deffuant(
    net: InfluenceNetwork | None,
    x0: np.ndarray,
    epsilon: float,
    *,
    mu: float = 0.5,
    n_sweeps: int = 200,
    n_runs: int = 1,
    stubborn: np.ndarray | None = None,
    random_state: int | np.random.Generator | None = None,
) -> np.ndarray:
    """Deffuant-Weisbuch runs: final opinions, shape ``(n_runs, n)``.

    Parameters
    ----------
    net : InfluenceNetwork or None
        Pairs are a listener and one of its sources (drawn by attention); None: any two accounts.
    x0 : numpy.ndarray of float64
    epsilon : float
        Pairs further apart than this ignore each other.
    mu : float
        Convergence parameter in (0, 0.5].
    n_sweeps : int
        Sweeps of ``n`` pair meetings.
    n_runs : int
    stubborn : numpy.ndarray of bool, optional
    random_state : None, int or numpy.random.Generator

    Examples
    --------
    >>> x = deffuant(None, np.array([0.0, 0.1, 0.9, 1.0]), 0.2, n_sweeps=200, random_state=0)
    >>> np.round(x[0], 3).tolist()
    [0.05, 0.05, 0.95, 0.95]
    """
    n = int(np.asarray(x0).size) if net is None else check_network(net).n_nodes
    x = check_opinions(x0, n)
    check_scalar(epsilon, "epsilon", numbers.Real, min_val=0.0)
    check_scalar(mu, "mu", numbers.Real, min_val=0.0, max_val=0.5, include_min=False)
    check_scalar(n_sweeps, "n_sweeps", numbers.Integral, min_val=0)
    check_scalar(n_runs, "n_runs", numbers.Integral, min_val=1)
    if net is None and n < 2:
        raise ParameterError("the complete graph needs at least two accounts", parameter="x0")
    still = _stubborn(stubborn, n)
    if net is None:
        indptr, indices, cum, weighted = np.zeros(1, np.int64), np.zeros(0, np.int64), np.zeros(0), False
    else:
        indptr, indices, cum, weighted = net.indptr, net.indices, net.cumulative(), not net.uniform
    out = np.empty((int(n_runs), n))
    seed = base_seed(random_state)
    run_chunks(_kernels.deffuant_chunk, int(n_runs), indptr, indices, cum, weighted, x, still, float(epsilon),
               float(mu), int(n_sweeps), net is None, CHUNK, np.uint64(seed), out)
    return out


@dataclass(frozen=True, eq=False)
class Clusters:
    """Opinion clusters of a final state.

    Attributes
    ----------
    labels : numpy.ndarray of int64, shape (n,)
        Cluster of each account, numbered by increasing opinion.
    centres : numpy.ndarray of float64
        Mean opinion of each cluster.
    sizes : numpy.ndarray of int64
    n_major : int
        Clusters holding at least ``min_share`` of the accounts.
    """

    labels: np.ndarray
    centres: np.ndarray
    sizes: np.ndarray
    n_major: int

    @property
    def n_clusters(self) -> int:
        """Number of clusters, minor ones included."""
        return int(self.sizes.size)


def opinion_clusters(x: np.ndarray, *, gap: float = 1e-3, min_share: float = 0.02) -> Clusters:
    """Group final opinions into clusters: sorted opinions further apart than ``gap`` start a new one.

    Examples
    --------
    >>> c = opinion_clusters(np.array([0.2, 0.8, 0.2001, 0.8]), gap=0.01)
    >>> c.labels.tolist(), c.sizes.tolist(), c.n_major
    ([0, 1, 0, 1], [2, 2], 2)
    """
    x = np.asarray(x, dtype=np.float64).ravel()
    check_scalar(gap, "gap", numbers.Real, min_val=0.0)
    check_scalar(min_share, "min_share", numbers.Real, min_val=0.0, max_val=1.0)
    if not x.size:
        return Clusters(np.zeros(0, np.int64), np.zeros(0), np.zeros(0, np.int64), 0)
    order = np.argsort(x, kind="stable")
    xs = x[order]
    starts = np.concatenate([[True], np.diff(xs) > gap])
    sorted_labels = np.cumsum(starts) - 1
    labels = np.empty(x.size, dtype=np.int64)
    labels[order] = sorted_labels
    sizes = np.bincount(sorted_labels)
    centres = np.bincount(sorted_labels, weights=xs) / sizes
    return Clusters(labels, centres, sizes, int((sizes >= min_share * x.size).sum()))
