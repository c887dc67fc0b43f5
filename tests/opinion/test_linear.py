"""DeGroot and Friedkin-Johnsen against their closed forms; the influence network."""

from __future__ import annotations

import numpy as np
import pytest

from einfluence.base import InteractionArrays
from einfluence.exceptions import GraphTypeError, ParameterError
from einfluence.graph import GraphView
from einfluence.opinion import InfluenceNetwork, degroot, degroot_consensus, friedkin_johnsen
from tests.opinion._oracles import fj_closed_form


def _net(n, m, seed, connected=False):
    rng = np.random.default_rng(seed)
    src, dst = rng.integers(0, n, m), rng.integers(0, n, m)
    if connected:  # a ring through everyone: strongly connected
        src = np.concatenate([src, np.arange(n)])
        dst = np.concatenate([dst, (np.arange(n) + 1) % n])
    return InfluenceNetwork.from_arcs(src, dst, rng.random(src.size) + 0.2, n_nodes=n)


@pytest.mark.parametrize("method", ["direct", "jacobi"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_fj_steady_state_is_the_closed_form(method, seed):
    net = _net(25, 80, seed)
    rng = np.random.default_rng(seed + 10)
    x0 = rng.uniform(-1, 1, 25)
    lam = rng.uniform(0, 0.95, 25)
    lam[~net.listens()] = 0.0  # who listens to nobody keeps its opinion
    s = friedkin_johnsen(net, x0, lam, method=method, tol=1e-13)
    W = net.to_scipy().toarray()
    assert s.converged and s.method == method
    np.testing.assert_allclose(s.x, fj_closed_form(W, lam, x0), atol=1e-10)


def test_fj_stubborn_accounts_keep_their_opinion_and_pull_the_others():
    net = _net(30, 120, 3, connected=True)
    x0 = np.zeros(30)
    x0[0] = 1.0
    still = np.zeros(30, bool)
    still[0] = True
    s = friedkin_johnsen(net, x0, 0.9, stubborn=still)
    assert s.x[0] == pytest.approx(1.0)
    assert (s.x[1:] > 0).all() and (s.x[1:] < 1).all()
    # with everyone fully susceptible, a single stubborn account wins everyone over (DeGroot with an authority)
    full = friedkin_johnsen(net, x0, 1.0, stubborn=still)
    np.testing.assert_allclose(full.x, 1.0, atol=1e-8)


def test_degroot_converges_to_the_eigenvector_weighted_mean():
    for seed in (4, 5, 6):
        net = _net(20, 60, seed, connected=True)
        x0 = np.random.default_rng(seed).uniform(-1, 1, 20)
        W = net.to_scipy().toarray()
        values, vectors = np.linalg.eig(W.T)
        pi = np.real(vectors[:, np.argmin(np.abs(values - 1))])
        pi /= pi.sum()
        value, weights = degroot_consensus(net, x0)
        np.testing.assert_allclose(weights, pi, atol=1e-9)
        assert value == pytest.approx(pi @ x0, abs=1e-9)
        np.testing.assert_allclose(degroot(net, x0, 3000), pi @ x0, atol=1e-6)


def test_degroot_consensus_needs_everyone_to_listen():
    with pytest.raises(GraphTypeError):
        degroot_consensus(InfluenceNetwork.from_arcs([0], [1], n_nodes=2), np.zeros(2))


def test_bad_inputs_are_refused():
    net = InfluenceNetwork.complete(3)
    with pytest.raises(ParameterError):
        friedkin_johnsen(net, np.zeros(2))
    with pytest.raises(ParameterError):
        friedkin_johnsen(net, np.zeros(3), 1.5)
    with pytest.raises(GraphTypeError):
        friedkin_johnsen("net", np.zeros(3))
    with pytest.raises(ParameterError):
        InfluenceNetwork.from_arcs([0], [1], [-1.0])


def test_network_from_a_view_is_who_listens_to_whom():
    # 0 relays 1 twice and mentions 2; 1 follows 0; 2 relays itself (dropped)
    view = GraphView.from_arrays(InteractionArrays(
        src=np.array([0, 0, 0, 1, 2]), dst=np.array([1, 1, 2, 0, 2]), time=np.arange(5), weight=np.ones(5),
        kind=np.array([1, 1, 5, 0, 1], np.int8), post=np.full(5, -1), n_accounts=4))
    net = InfluenceNetwork.from_view(view)
    W = net.to_scipy().toarray()
    np.testing.assert_allclose(W[0], [0, 2 / 3, 1 / 3, 0])
    np.testing.assert_allclose(W[1], [1, 0, 0, 0])
    assert not W[2].any() and not W[3].any()
    flat = InfluenceNetwork.from_view(view, weighted=False).to_scipy().toarray()
    np.testing.assert_allclose(flat[0], [0, 0.5, 0.5, 0])
    assert InfluenceNetwork.from_view(view, kinds=["follow"]).n_arcs == 1
    sub = net.subnetwork([2, 0, 1])
    np.testing.assert_allclose(sub.to_scipy().toarray()[1], [1 / 3, 0, 2 / 3])
    cum = net.cumulative()
    assert cum[net.indptr[1] - 1] == 1.0 and cum[0] == pytest.approx(2 / 3)
