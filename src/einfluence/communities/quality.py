"""Quality of a partition: agreement with known groups, and modularity.

Agreement measures compare a found partition with ground truth (departments of email-Eu-core,
leaning of polblogs, planted communities of the demo world): normalised mutual information
[1]_, the adjusted Rand index [2]_, and the two-class accuracy reported for polblogs [3]_.
Positions where either labelling is missing are left out of every comparison.

References
----------
.. [1] L. Danon, A. Díaz-Guilera, J. Duch and A. Arenas, "Comparing community structure
   identification", Journal of Statistical Mechanics P09008, 2005.
   https://doi.org/10.1088/1742-5468/2005/09/P09008
.. [2] L. Hubert and P. Arabie, "Comparing partitions", Journal of Classification 2,
   193-218, 1985. https://doi.org/10.1007/BF01908075
.. [3] B. Karrer and M. E. J. Newman, "Stochastic blockmodels and community structure in
   networks", Physical Review E 83, 016107, 2011. https://doi.org/10.1103/PhysRevE.83.016107
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np

from einfluence.communities._backends import edges_of
from einfluence.communities.leiden import _modularity
from einfluence.exceptions import ParameterError
from einfluence.graph.selection import check_kinds
from einfluence.graph.undirected import UndirectedEdges, undirected_edges
from einfluence.graph.view import GraphView

if TYPE_CHECKING:
    import igraph
    import scipy.sparse

__all__ = [
    "adjusted_rand",
    "normalized_mutual_info",
    "partition_modularity",
    "two_largest_accuracy",
]


def _labels(values: object, name: str) -> tuple[np.ndarray, np.ndarray]:
    """``(labels, valid)``: 1-D labels and the mask of present ones (not negative, not NaN)."""
    arr = np.asarray(values)
    if arr.ndim != 1:
        raise ParameterError(f"{name} must be one-dimensional, got shape {arr.shape}")
    if arr.dtype.kind in "iu":
        return arr, arr >= 0
    if arr.dtype.kind == "f":
        valid = np.isfinite(arr) & (arr >= 0)
        return arr, valid
    if arr.dtype.kind == "b":
        return arr.astype(np.int64), np.ones(arr.size, dtype=bool)
    if arr.dtype.kind in "OUS":
        valid = np.array([v is not None and v == v and v != -1 for v in arr.tolist()], dtype=bool)
        return arr, valid
    raise ParameterError(f"{name} must hold integer or categorical labels, got {arr.dtype}")


def _paired(labels_true: object, labels_pred: object) -> tuple[np.ndarray, np.ndarray]:
    true, valid_true = _labels(labels_true, "labels_true")
    pred, valid_pred = _labels(labels_pred, "labels_pred")
    if true.shape != pred.shape:
        raise ParameterError(
            f"labels_true and labels_pred differ in length: {true.size} and {pred.size}"
        )
    keep = valid_true & valid_pred
    if not keep.any():
        raise ParameterError("no position has both labels (all are missing or -1)")
    return true[keep], pred[keep]


def normalized_mutual_info(
    labels_true: np.ndarray, labels_pred: np.ndarray, *, average_method: str = "arithmetic"
) -> float:
    """Normalised mutual information between two labellings, missing labels left out.

    Parameters
    ----------
    labels_true, labels_pred : array-like of shape (n,)
        Labels per account. Negative integers (``-1``: unassigned), NaN and None are
        missing; positions where either is missing are ignored.
    average_method : {"arithmetic", "geometric", "min", "max"}
        Normaliser of the mutual information, as in
        :func:`sklearn.metrics.normalized_mutual_info_score` (arithmetic mean of the two
        entropies by default, the NMI of [1]_).

    Returns
    -------
    float
        In [0, 1]; 1 when the labellings agree up to a renaming.

    Raises
    ------
    ParameterError
        On labellings of different lengths or shapes, or without any common present label.

    Examples
    --------
    >>> normalized_mutual_info([0, 0, 1, 1, 2], [5, 5, 7, 7, -1])
    1.0
    >>> round(normalized_mutual_info([0, 0, 1, 1], [0, 1, 0, 1]), 6)
    0.0

    Notes
    -----
    O(n) after sorting the labels.

    References
    ----------
    .. [1] L. Danon, A. Díaz-Guilera, J. Duch and A. Arenas, "Comparing community structure
       identification", Journal of Statistical Mechanics P09008, 2005.
       https://doi.org/10.1088/1742-5468/2005/09/P09008
    """
    from sklearn.metrics import normalized_mutual_info_score

    if average_method not in ("arithmetic", "geometric", "min", "max"):
        raise ParameterError(f"unknown average_method {average_method!r}")
    true, pred = _paired(labels_true, labels_pred)
    return float(normalized_mutual_info_score(true, pred, average_method=average_method))


def adjusted_rand(labels_true: np.ndarray, labels_pred: np.ndarray) -> float:
    """Adjusted Rand index between two labellings, missing labels left out.

    Parameters
    ----------
    labels_true, labels_pred : array-like of shape (n,)
        Labels per account; missing ones (negative, NaN, None) are ignored, with the other
        label of their position (see :func:`normalized_mutual_info`).

    Returns
    -------
    float
        1 for identical partitions, about 0 for independent ones (can be negative).

    Raises
    ------
    ParameterError
        On labellings of different lengths or shapes, or without any common present label.

    Examples
    --------
    >>> adjusted_rand([0, 0, 1, 1, -1], [1, 1, 0, 0, 0])
    1.0

    Notes
    -----
    A thin wrapper of :func:`sklearn.metrics.adjusted_rand_score`; O(n).

    References
    ----------
    .. [1] L. Hubert and P. Arabie, "Comparing partitions", Journal of Classification 2,
       193-218, 1985. https://doi.org/10.1007/BF01908075
    """
    from sklearn.metrics import adjusted_rand_score

    true, pred = _paired(labels_true, labels_pred)
    return float(adjusted_rand_score(true, pred))


def two_largest_accuracy(labels_true: np.ndarray, labels_pred: np.ndarray) -> float:
    """Accuracy of the two largest found communities as the two classes of a binary truth.

    The members of the two largest predicted communities (among the positions where both
    labels are present) are assigned to the two true classes, in the better of the two ways;
    the score is the share of them assigned correctly. This is how partitions of the
    political blogs are scored in the literature (about 0.95 for degree-corrected block
    models [1]_); members of smaller communities are not counted.

    Parameters
    ----------
    labels_true : array-like of shape (n,)
        Two classes (missing labels are ignored, see :func:`normalized_mutual_info`).
    labels_pred : array-like of shape (n,)
        Found communities (``-1`` ignored).

    Returns
    -------
    float
        In [0.5, 1] when there are two predicted communities; 1 means the two largest
        communities are the two classes, exactly.

    Raises
    ------
    ParameterError
        If ``labels_true`` holds more than two classes, or on the errors of
        :func:`normalized_mutual_info`.

    Examples
    --------
    >>> two_largest_accuracy([0, 0, 0, 1, 1, 1, 1], [4, 4, 3, 3, 3, 3, 9])
    0.8333333333333334

    Notes
    -----
    O(n). The largest communities are ranked by the number of their members with a true
    label; ties go to the smallest label.

    References
    ----------
    .. [1] B. Karrer and M. E. J. Newman, "Stochastic blockmodels and community structure
       in networks", Physical Review E 83, 016107, 2011.
       https://doi.org/10.1103/PhysRevE.83.016107
    """
    true, pred = _paired(labels_true, labels_pred)
    classes, true_code = np.unique(true, return_inverse=True)
    if classes.size > 2:
        raise ParameterError(f"labels_true must hold at most two classes, got {classes.size}")
    _, pred_code, counts = np.unique(pred, return_inverse=True, return_counts=True)
    top = np.argsort(-counts, kind="stable")[:2]
    keep = np.isin(pred_code, top)
    # side of each kept member: 0 in the largest community, 1 in the second
    side = (pred_code[keep] == top[-1]).astype(np.int64) if top.size == 2 else np.zeros(
        int(keep.sum()), dtype=np.int64
    )
    hits = np.count_nonzero(side == true_code[keep])
    return float(max(hits, side.size - hits) / side.size)


def partition_modularity(
    graph: GraphView | UndirectedEdges | scipy.sparse.sparray | igraph.Graph,
    membership: np.ndarray,
    *,
    resolution: float = 1.0,
    kinds: str | Iterable[str] | None = None,
    weighted: bool = True,
) -> float:
    """Modularity of a partition of the accounts on the undirected weighted graph.

    ``Q = sum_c [w_c / W - gamma (d_c / 2W)**2]`` [1]_, where ``W`` is the total edge weight,
    ``w_c`` the weight inside community ``c`` and ``d_c`` the total weighted degree of its
    members. Accounts labelled ``-1`` count as communities of their own.

    Parameters
    ----------
    graph : GraphView, UndirectedEdges, scipy.sparse matrix or array, or igraph.Graph
        A view (symmetrised as in :func:`~einfluence.communities.community_graph`, with
        ``kinds`` and ``weighted``), or an undirected graph in any format that
        :func:`~einfluence.communities.community_graph` returns: its
        :class:`~einfluence.graph.UndirectedEdges`, a symmetric SciPy sparse adjacency (the
        entry ``(u, v)`` is the weight of the edge), or an undirected ``igraph.Graph`` (its
        ``weight`` edge attribute is used when present), accepted when igraph is installed.
        Parallel edges add up and self-loops are ignored.
    membership : array-like of int, shape (n_nodes,)
        Community per node, ``-1`` for none.
    resolution : float
        ``gamma``; 1 gives Newman-Girvan modularity.
    kinds, weighted
        For a GraphView only, as in :func:`~einfluence.communities.community_graph`.

    Returns
    -------
    float
        NaN on a graph without edges.

    Raises
    ------
    GraphTypeError
        If ``graph`` is of none of these types, a directed igraph graph, or a non-square or
        asymmetric matrix.
    ParameterError
        On a membership of the wrong length or non-integer labels, or negative weights.

    Examples
    --------
    >>> from scipy.sparse import csr_array
    >>> u = np.array([0, 1, 0, 3, 4, 3, 2]); v = np.array([1, 2, 2, 4, 5, 5, 3])
    >>> adjacency = csr_array((np.ones(14), (np.r_[u, v], np.r_[v, u])), shape=(6, 6))
    >>> round(partition_modularity(adjacency, [0, 0, 0, 1, 1, 1]), 4)
    0.3571

    Notes
    -----
    O(n + m) on UndirectedEdges, O(m log m) on the other formats (merging parallel edges) and
    on a view (the symmetrisation). igraph is never imported here: an ``igraph.Graph`` exists
    only if igraph is already loaded. Agrees with :func:`networkx.community.modularity`
    (tested).

    Earlier versions accepted a GraphView or an ``igraph.Graph`` only.

    References
    ----------
    .. [1] M. E. J. Newman, "Analysis of weighted networks", Physical Review E 70, 056131,
       2004. https://doi.org/10.1103/PhysRevE.70.056131
    """
    from einfluence.base.validation import check_scalar

    check_scalar(resolution, "resolution", numbers.Real, min_val=0.0)
    if isinstance(graph, GraphView):
        edges = undirected_edges(graph, check_kinds(kinds), bool(weighted))
    else:
        edges = edges_of(graph)
    labels = np.asarray(membership)
    if labels.shape != (edges.n_nodes,):
        raise ParameterError(
            f"membership must have shape ({edges.n_nodes},), got {labels.shape}"
        )
    if labels.size and labels.dtype.kind not in "iu":
        raise ParameterError(f"membership must hold integers, got {labels.dtype}")
    return _modularity(edges, labels.astype(np.int64), float(resolution))
