import numpy as np
import pytest

from einfluence.base.arrays import InteractionArrays
from einfluence.base.kinds import INTERACTION_KINDS
from einfluence.diffusion import DiffusionGraph
from einfluence.exceptions import GraphTypeError, ParameterError
from einfluence.graph import GraphView


def _view(src, dst, kinds, weight=None, n=None):
    src, dst = np.asarray(src), np.asarray(dst)
    return GraphView.from_arrays(InteractionArrays(
        src=src, dst=dst, time=np.arange(src.size), weight=np.ones(src.size) if weight is None else np.asarray(weight),
        kind=np.array([INTERACTION_KINDS.index(k) for k in kinds], dtype=np.int8), post=np.full(src.size, -1),
        n_accounts=n or int(max(src.max(), dst.max()) + 1)))


def test_repeated_arcs_merge_as_asked_and_self_loops_are_dropped():
    src, dst, p = [0, 0, 1, 2], [1, 1, 1, 0], [0.5, 0.5, 0.9, 0.3]
    combined = DiffusionGraph.from_arcs(src, dst, p)
    assert combined.n_arcs == 2  # (0, 1) twice and (2, 0); (1, 1) is a self-loop
    assert combined.prob.tolist() == pytest.approx([0.75, 0.3])  # 1 - (1 - .5)(1 - .5)
    assert DiffusionGraph.from_arcs(src, dst, p, duplicates="max").prob.tolist() == [0.5, 0.3]
    assert DiffusionGraph.from_arcs(src, dst, p, duplicates="sum").prob.tolist() == [1.0, 0.3]


def test_reverse_is_the_transpose():
    rng = np.random.default_rng(0)
    src, dst = rng.integers(0, 30, 200), rng.integers(0, 30, 200)
    g = DiffusionGraph.from_arcs(src, dst, rng.random(200), n_nodes=30)
    assert np.allclose(g.reverse().to_scipy().toarray(), g.to_scipy().toarray().T)
    assert g.reverse().reverse().to_scipy().toarray() == pytest.approx(g.to_scipy().toarray())
    assert g.in_degree().sum() == g.out_degree().sum() == g.n_arcs


def test_from_view_points_influence_against_the_interactions():
    # b follows a, c relays a: influence flows a -> b and a -> c; the like of c by a is left out
    view = _view([1, 2, 0], [0, 0, 2], ["follow", "relay", "like"], weight=[0.2, 0.7, 0.9])
    g = DiffusionGraph.from_view(view, kinds=["follow", "relay"])
    assert g.indices[g.indptr[0]:g.indptr[1]].tolist() == [1, 2] and g.out_degree().tolist() == [2, 0, 0]
    assert g.prob.tolist() == [1.0, 1.0]
    weighted = DiffusionGraph.from_view(view, kinds=["follow", "relay"], prob="weight")
    assert weighted.prob.tolist() == [0.2, 0.7]
    with pytest.raises(ParameterError):
        DiffusionGraph.from_view(view, prob="heavy")


def test_invalid_input_is_refused():
    with pytest.raises(ParameterError):
        DiffusionGraph.from_arcs([0], [1], [1.5])
    with pytest.raises(GraphTypeError):
        DiffusionGraph.from_arcs([0], [5], [0.5], n_nodes=3)
    with pytest.raises(ParameterError):
        DiffusionGraph.from_arcs([0, 1], [1], 0.5)
    with pytest.raises(GraphTypeError):
        DiffusionGraph.from_view("not a view")
    g = DiffusionGraph.from_arcs([0], [1], [0.5])
    with pytest.raises(ParameterError):
        g.with_prob([2.0])
