"""Positions for drawing a graph of communities: communities apart, each one's members around it.

A force-directed layout of every account costs O(n²) per iteration, too much for the tens of
thousands of accounts a community map shows. :func:`community_layout` lays out the *community*
graph instead (Fruchterman–Reingold [1]_ on a few hundred nodes, the weights of the ties between
communities pulling them together, discs of radius ∝ √size pushing them apart), then places each
community's members on a Vogel sunflower spiral [2]_ inside its disc, the most important member
at the centre. Linear in the number of accounts, seeded, and the same for the same input.

References
----------
.. [1] T. M. J. Fruchterman and E. M. Reingold, "Graph drawing by force-directed placement",
   Software: Practice and Experience 21(11), 1991, pp. 1129-1164. https://doi.org/10.1002/spe.4380211102
.. [2] H. Vogel, "A better way to construct the sunflower head", Mathematical Biosciences 44(3-4),
   1979, pp. 179-189. https://doi.org/10.1016/0025-5564(79)90080-4
"""

from __future__ import annotations

import numbers

import numpy as np

from einfluence.base.random import check_random_state
from einfluence.base.validation import check_scalar
from einfluence.exceptions import ParameterError

__all__ = ["community_layout", "fruchterman_reingold"]

_GOLDEN_ANGLE = np.pi * (3.0 - np.sqrt(5.0))


def fruchterman_reingold(
    weights: np.ndarray,
    radius: np.ndarray,
    *,
    n_iterations: int = 300,
    gravity: float = 1.0,
    random_state: int | None = 0,
) -> np.ndarray:
    """Positions of a small weighted graph of discs: ties attract, discs repel and do not overlap.

    Parameters
    ----------
    weights : numpy.ndarray of float, shape (k, k)
        Symmetric tie weights between the k nodes (0 for none).
    radius : numpy.ndarray of float, shape (k,)
        Each node's disc radius.
    n_iterations : int
    gravity : float
        Strength of a pull towards the centre (ForceAtlas2's gravity), so that components with
        no or weak ties stay near the others.
    random_state : None, int or numpy.random.Generator

    Returns
    -------
    numpy.ndarray of float64, shape (k, 2)

    Examples
    --------
    >>> w = np.array([[0.0, 5.0, 0.0], [5.0, 0.0, 0.0], [0.0, 0.0, 0.0]])
    >>> xy = fruchterman_reingold(w, np.ones(3), random_state=0)
    >>> bool(np.linalg.norm(xy[0] - xy[1]) < np.linalg.norm(xy[0] - xy[2]))  # tied discs sit closer
    True
    """
    w = np.asarray(weights, dtype=np.float64)
    r = np.asarray(radius, dtype=np.float64)
    k = r.size
    if w.shape != (k, k):
        raise ParameterError(f"weights must have shape ({k}, {k}), got {w.shape}")
    check_scalar(n_iterations, "n_iterations", numbers.Integral, min_val=1)
    rng = check_random_state(random_state)
    if k == 0:
        return np.zeros((0, 2))
    if k == 1:
        return np.zeros((1, 2))
    scale = float(np.sqrt((np.pi * r**2).sum()))  # the side of a square holding every disc
    pos = rng.uniform(-scale, scale, size=(k, 2))
    w = w / w.max() if w.max() > 0 else w
    ideal = scale / np.sqrt(k)
    temperature = scale / 4
    for step in range(n_iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.sqrt((delta**2).sum(axis=2)) + 1e-9
        gap = np.maximum(dist - (r[:, None] + r[None, :]), 1e-3 * ideal)
        repel = ideal**2 / gap  # stronger when the discs nearly touch
        attract = w * dist**2 / ideal
        force = ((repel - attract) / dist)[:, :, None] * delta
        np.einsum("iij->ij", force)[:] = 0.0
        # a weak pull to the centre keeps loosely tied discs from drifting far away
        move = force.sum(axis=1) - gravity * pos / ideal * np.sqrt(k)
        length = np.sqrt((move**2).sum(axis=1)) + 1e-9
        pos += move / length[:, None] * np.minimum(length, temperature)[:, None]
        temperature = scale / 4 * (1 - (step + 1) / n_iterations) + 1e-3 * ideal
    return pos - pos.mean(axis=0)


def community_layout(
    membership: np.ndarray,
    importance: np.ndarray,
    between: np.ndarray,
    *,
    spacing: float = 1.0,
    random_state: int | None = 0,
) -> np.ndarray:
    """Positions of accounts grouped by community, for a map of communities.

    Parameters
    ----------
    membership : numpy.ndarray of int, shape (n,)
        Community of each account drawn, in ``0 .. k - 1``.
    importance : numpy.ndarray of float, shape (n,)
        Higher is drawn nearer its community's centre (a score, a degree).
    between : numpy.ndarray of float, shape (k, k)
        Tie weight between communities (for example the interactions between their members).
    spacing : float
        Distance between neighbouring accounts inside a community.
    random_state : None, int or numpy.random.Generator

    Returns
    -------
    numpy.ndarray of float64, shape (n, 2)

    Examples
    --------
    >>> xy = community_layout(np.array([0, 0, 0, 1, 1]), np.array([3.0, 1, 2, 5, 4]), np.ones((2, 2)))
    >>> xy.shape, bool(np.allclose(xy[0], xy[[0, 1, 2]].mean(axis=0), atol=1.5))
    ((5, 2), True)
    """
    labels = np.asarray(membership, dtype=np.int64)
    importance = np.asarray(importance, dtype=np.float64)
    if labels.shape != importance.shape or labels.ndim != 1:
        raise ParameterError("membership and importance must be one-dimensional and of the same length")
    k = int(labels.max(initial=-1) + 1)
    if labels.size and labels.min() < 0:
        raise ParameterError("membership must be non-negative community labels")
    check_scalar(spacing, "spacing", numbers.Real, min_val=0, include_min=False)
    sizes = np.bincount(labels, minlength=k)
    radius = spacing * np.sqrt(np.maximum(sizes, 1)) * 0.6 + spacing
    w = np.asarray(between, dtype=np.float64)[:k, :k].copy()
    np.fill_diagonal(w, 0.0)
    centres = fruchterman_reingold(w, radius, random_state=random_state)
    out = np.zeros((labels.size, 2))
    # within a community, by decreasing importance (ties by position): the sunflower from the centre out
    order = np.lexsort((np.arange(labels.size), -importance, labels))
    start = np.concatenate([[0], np.cumsum(sizes)])
    rank_in = np.empty(labels.size, dtype=np.int64)
    rank_in[order] = np.arange(labels.size) - start[labels[order]]
    angle = rank_in * _GOLDEN_ANGLE
    dist = spacing * 0.6 * np.sqrt(rank_in + 0.5)
    out[:, 0] = centres[labels, 0] + dist * np.cos(angle)
    out[:, 1] = centres[labels, 1] + dist * np.sin(angle)
    return out
