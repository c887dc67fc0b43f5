"""Averaging models: DeGroot consensus and Friedkin-Johnsen steady states (authority and anchoring).

DeGroot [1]_: every account repeatedly replaces its opinion by the weighted mean of the opinions
of those it listens to, ``x(t+1) = W x(t)``; on a strongly connected, aperiodic network everyone
converges to the same value, ``pi . x(0)`` with ``pi`` the left eigenvector of ``W`` for the
eigenvalue 1 (the stationary distribution of the random walk on ``W``): an account's weight in the
consensus is its eigenvector centrality in the attention network.

Friedkin-Johnsen [2]_ [3]_: account ``i`` keeps a share ``1 - lambda_i`` of its initial opinion
(its *prejudice*) and takes ``lambda_i`` from those it listens to,
``x(t+1) = Lambda W x(t) + (I - Lambda) x(0)``. When no closed set of accounts is fully susceptible
(``lambda = 1``) the iteration converges to the steady state
``x* = (I - Lambda W)^{-1} (I - Lambda) x(0)``. Stubborn accounts (``lambda_i = 0``) keep their
opinion and pull the others towards it: the brand's own accounts and committed advocates are
such *authorities*; DeGroot is the case ``Lambda = I``.

References
----------
.. [1] M. H. DeGroot, "Reaching a consensus", Journal of the American Statistical Association
   69(345), 1974, pp. 118-121. https://doi.org/10.1080/01621459.1974.10480137
.. [2] N. E. Friedkin and E. C. Johnsen, "Social influence and opinions", Journal of
   Mathematical Sociology 15(3-4), 1990, pp. 193-206. https://doi.org/10.1080/0022250X.1990.9990069
.. [3] N. E. Friedkin and E. C. Johnsen, "Social influence networks and opinion change",
   Advances in Group Processes 16, 1999, pp. 1-29.
.. [4] D. Bindel, J. Kleinberg and S. Oren, "How bad is forming your own opinion?", Games and
   Economic Behavior 92, 2015, pp. 248-265. https://doi.org/10.1016/j.geb.2014.06.004
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np

from einfluence.base.validation import check_scalar
from einfluence.exceptions import GraphTypeError, ParameterError
from einfluence.opinion import _kernels
from einfluence.opinion.network import InfluenceNetwork

__all__ = [
    "SteadyState",
    "attention_susceptibility",
    "check_network",
    "check_opinions",
    "degroot",
    "degroot_consensus",
    "friedkin_johnsen",
    "stubborn_susceptibility",
]

#: below this many accounts the steady state is solved directly (sparse LU)
_DIRECT_MAX = 3000
#: below this many accounts repeated rounds use SciPy's serial sparse product
_SERIAL_MAX = 100_000


def check_network(net: object) -> InfluenceNetwork:
    """``net`` if it is an :class:`InfluenceNetwork`, else a :class:`GraphTypeError`."""
    if not isinstance(net, InfluenceNetwork):
        raise GraphTypeError(f"expected an InfluenceNetwork, got {type(net).__name__}")
    return net


def check_opinions(x: object, n: int, name: str = "x0") -> np.ndarray:
    """Finite float64 opinions of shape ``(n,)``."""
    arr = np.asarray(x, dtype=np.float64)
    if arr.shape != (n,):
        raise ParameterError(f"{name} must have shape ({n},), got {arr.shape}", parameter=name)
    if not np.isfinite(arr).all():
        raise ParameterError(f"{name} must be finite", parameter=name)
    return arr


def _susceptibility(value: float | np.ndarray, n: int) -> np.ndarray:
    lam = np.broadcast_to(np.asarray(value, dtype=np.float64), (n,)).copy()
    if not np.isfinite(lam).all() or (lam < 0).any() or (lam > 1).any():
        raise ParameterError("susceptibility must lie in [0, 1]", parameter="susceptibility")
    return lam


def attention_susceptibility(net: InfluenceNetwork, attention: np.ndarray, self_weight: float = 1.0) -> np.ndarray:
    """Susceptibility ``a_i / (a_i + self_weight)`` from the attention ``a_i`` each account pays.

    The opinion-formation model of Bindel, Kleinberg and Oren [4]_ (the one Gionis et al. optimise)
    weighs one's own opinion like ``self_weight`` ties: an account that listens to many others is
    more susceptible. ``attention`` is, for instance, the number of accounts each one listens to.

    Examples
    --------
    >>> net = InfluenceNetwork.from_arcs([0, 0], [1, 2], n_nodes=3)
    >>> attention_susceptibility(net, np.diff(net.indptr)).tolist()
    [0.6666666666666666, 0.0, 0.0]
    """
    a = np.asarray(attention, dtype=np.float64)
    if a.shape != (net.n_nodes,) or not np.isfinite(a).all() or (a < 0).any():
        raise ParameterError(f"attention must be {net.n_nodes} finite non-negative values")
    check_scalar(self_weight, "self_weight", numbers.Real, min_val=0.0, include_min=False)
    return a / (a + float(self_weight))


def stubborn_susceptibility(lam: np.ndarray, stubborn: np.ndarray, net: InfluenceNetwork) -> np.ndarray:
    """``lam`` with 0 for stubborn accounts and for accounts that listen to nobody."""
    out = np.asarray(lam, dtype=np.float64).copy()
    out[np.asarray(stubborn, dtype=bool)] = 0.0
    out[~net.listens()] = 0.0
    return out


@dataclass(frozen=True, eq=False)
class SteadyState:
    """The steady state of Friedkin-Johnsen (compare fields, not instances).

    Attributes
    ----------
    x : numpy.ndarray of float64, shape (n_nodes,)
        The steady-state opinions.
    n_iterations : int
        Jacobi sweeps made (0 for a direct solve).
    residual : float
        ``max |x - Lambda W x - (I - Lambda) x(0)|`` at ``x``.
    converged : bool
        Whether ``residual <= tol``.
    method : str
        ``direct`` (sparse LU) or ``jacobi``.
    """

    x: np.ndarray
    n_iterations: int
    residual: float
    converged: bool
    method: str


def _residual(net: InfluenceNetwork, lam: np.ndarray, base: np.ndarray, x: np.ndarray) -> float:
    out = np.empty_like(x)
    _kernels.fj_sweep(net.indptr, net.indices, net.weight, lam, base, x, out)
    return float(np.abs(out - x).max()) if x.size else 0.0


def friedkin_johnsen(
    net: InfluenceNetwork,
    x0: np.ndarray,
    susceptibility: float | np.ndarray = 0.5,
    *,
    stubborn: np.ndarray | None = None,
    method: str = "auto",
    tol: float = 1e-10,
    max_iter: int = 10_000,
    x_start: np.ndarray | None = None,
) -> SteadyState:
    """The Friedkin-Johnsen steady state ``x* = (I - Lambda W)^{-1} (I - Lambda) x(0)``.

    Parameters
    ----------
    net : InfluenceNetwork
        Who listens to whom (``W``).
    x0 : numpy.ndarray of float64, shape (n_nodes,)
        Initial opinions (the prejudices), for example in [-1, 1].
    susceptibility : float or numpy.ndarray
        ``lambda_i`` in [0, 1]: the weight of the others' opinions. Accounts that listen to
        nobody are stubborn whatever is given.
    stubborn : numpy.ndarray of bool, optional
        Accounts that never move (``lambda_i = 0``): authorities and committed agents.
    method : {"auto", "direct", "jacobi"}
        ``direct``: sparse LU; ``jacobi``: the iteration itself (parallel sweeps), from
        ``x_start`` or ``x0``; ``auto``: direct below 3,000 accounts.
    tol : float
        Jacobi stops when no opinion moves by more than ``tol`` in a sweep.
    max_iter : int

    Returns
    -------
    SteadyState

    Raises
    ------
    GraphTypeError
        If ``net`` is not an InfluenceNetwork.
    ParameterError
        On badly shaped opinions or a susceptibility outside [0, 1].

    Examples
    --------
    Two accounts listening to each other, one stubborn at 1: the other ends at its steady state.

    >>> net = InfluenceNetwork.from_arcs([0, 1], [1, 0])
    >>> s = friedkin_johnsen(net, np.array([1.0, -1.0]), 0.5, stubborn=np.array([True, False]))
    >>> np.round(s.x, 6).tolist()
    [1.0, 0.0]

    Notes
    -----
    The Jacobi sweep costs O(n + m); the error shrinks at least by ``max lambda`` per sweep (the
    spectral radius of ``Lambda W`` in practice), so ``lambda`` close to 1 everywhere needs many
    sweeps. The direct solve factorises ``I - Lambda W`` (SuperLU).
    """
    net = check_network(net)
    n = net.n_nodes
    x0 = check_opinions(x0, n)
    lam = _susceptibility(susceptibility, n)
    if stubborn is not None:
        stubborn = np.asarray(stubborn, dtype=bool)
        if stubborn.shape != (n,):
            raise ParameterError(f"stubborn must have shape ({n},)", parameter="stubborn")
    lam = stubborn_susceptibility(lam, np.zeros(n, bool) if stubborn is None else stubborn, net)
    if method not in ("auto", "direct", "jacobi"):
        raise ParameterError(f"method must be auto, direct or jacobi, got {method!r}", parameter="method")
    check_scalar(tol, "tol", numbers.Real, min_val=0.0, include_min=False)
    check_scalar(max_iter, "max_iter", numbers.Integral, min_val=1)
    base = (1.0 - lam) * x0
    if method == "direct" or (method == "auto" and n <= _DIRECT_MAX):
        import scipy.sparse as sp
        import scipy.sparse.linalg as spla

        a = sp.identity(n, format="csc") - sp.diags(lam) @ net.to_scipy().tocsc()
        x = np.asarray(spla.spsolve(a.tocsc(), base), dtype=np.float64).reshape(n) if n else base
        r = _residual(net, lam, base, x)
        return SteadyState(x=x, n_iterations=0, residual=r, converged=bool(np.isfinite(x).all() and r <= max(tol, 1e-8)),
                           method="direct")
    x = x0.copy() if x_start is None else check_opinions(x_start, n, "x_start").copy()
    out = np.empty_like(x)
    diff = np.inf
    it = 0
    while it < max_iter:
        _kernels.fj_sweep(net.indptr, net.indices, net.weight, lam, base, x, out)
        it += 1
        diff = float(np.abs(out - x).max()) if n else 0.0
        x, out = out, x
        if diff <= tol:
            break
    return SteadyState(x=x, n_iterations=it, residual=diff, converged=diff <= tol, method="jacobi")


def degroot(net: InfluenceNetwork, x0: np.ndarray, n_steps: int = 100) -> np.ndarray:
    """Opinions after ``n_steps`` DeGroot rounds ``x(t+1) = W x(t)`` (accounts listening to nobody keep theirs).

    Examples
    --------
    >>> net = InfluenceNetwork.complete(3)
    >>> np.round(degroot(net, np.array([0.0, 0.0, 3.0]), 60), 6).tolist()
    [1.0, 1.0, 1.0]
    """
    net = check_network(net)
    x = check_opinions(x0, net.n_nodes).copy()
    check_scalar(n_steps, "n_steps", numbers.Integral, min_val=0)
    lam = net.listens().astype(np.float64)
    base = (1.0 - lam) * x
    if net.n_nodes <= _SERIAL_MAX:  # small networks: a sparse product, no thread wake-ups per round
        w = net.to_scipy()
        for _ in range(int(n_steps)):
            x = lam * (w @ x) + base
        return x
    out = np.empty_like(x)
    for _ in range(int(n_steps)):
        _kernels.fj_sweep(net.indptr, net.indices, net.weight, lam, base, x, out)
        x, out = out, x
    return x


def degroot_consensus(net: InfluenceNetwork, x0: np.ndarray, *, tol: float = 1e-12, max_iter: int = 100_000) -> tuple[float, np.ndarray]:
    """The DeGroot consensus ``pi . x(0)`` and the weights ``pi`` (left eigenvector of ``W``, sum 1).

    Valid for a strongly connected, aperiodic network (every account listens to someone);
    ``pi`` solves ``pi (I - W) = 0, sum(pi) = 1`` directly below 3,000 accounts, else by power
    iteration on ``W^T`` (lazy, so periodic networks converge too).

    Raises
    ------
    GraphTypeError
        If some account listens to nobody.

    Examples
    --------
    >>> degroot_consensus(InfluenceNetwork.complete(4), np.arange(4.0))[0]
    1.5
    """
    net = check_network(net)
    x0 = check_opinions(x0, net.n_nodes)
    if not net.listens().all():
        raise GraphTypeError("every account must listen to someone for a DeGroot consensus")
    n = net.n_nodes
    if n <= _DIRECT_MAX:
        # pi (I - W) = 0 and sum(pi) = 1: replace one equation of the transposed system by the sum
        import scipy.sparse as sp
        import scipy.sparse.linalg as spla

        a = (sp.identity(n, format="csr") - net.to_scipy()).T.tolil()
        a[n - 1, :] = np.ones(n)
        b = np.zeros(n)
        b[n - 1] = 1.0
        pi = np.asarray(spla.spsolve(a.tocsc(), b), dtype=np.float64).reshape(n)
        if np.isfinite(pi).all():
            return float(pi @ x0), pi
    t_indptr, t_indices, t_weight = net.transpose()
    pi = np.full(n, 1.0 / n)
    half = np.full(n, 0.5)
    zero = np.zeros(n)
    out = np.empty(n)
    for _ in range(max_iter):
        # lazy walk pi <- (pi + W^T pi) / 2: the same stationary vector, no periodicity
        _kernels.transpose_sweep(t_indptr, t_indices, t_weight, half, zero, pi, out)
        out += 0.5 * pi
        out /= out.sum()
        diff = float(np.abs(out - pi).max())
        pi, out = out, pi
        if diff <= tol:
            break
    return float(pi @ x0), pi
