"""Ranking-quality metrics: scipy oracles, hand-computed examples and invariance properties."""

from __future__ import annotations

import itertools
import json
import math

import numpy as np
import pytest
from scipy import stats

from einfluence.exceptions import ParameterError
from einfluence.scoring.evaluation import ComparisonTable, compare_predictors, correlation_matrix
from einfluence.scoring.metrics import (
    kendall_tau,
    ndcg_at_k,
    precision_at_k,
    spearman,
    top_k_overlap,
)

# ------------------------------------------------------------------------------------------
# slow twins (the definitions, written out)
# ------------------------------------------------------------------------------------------


def naive_tau_b(x, y):
    n = len(x)
    c = d = tx = ty = 0
    for i, j in itertools.combinations(range(n), 2):
        sx, sy = np.sign(x[i] - x[j]), np.sign(y[i] - y[j])
        if sx == 0 and sy == 0:
            continue
        if sx == 0:
            tx += 1
        elif sy == 0:
            ty += 1
        elif sx == sy:
            c += 1
        else:
            d += 1
    return (c - d) / math.sqrt((c + d + tx) * (c + d + ty))


def naive_top_k(x, k):
    """Sort by (value desc, index asc) and take k."""
    return sorted(range(len(x)), key=lambda i: (-x[i], i))[:k]


def naive_ndcg(pred, target, k):
    order = naive_top_k(pred, k)
    ideal = sorted(target, reverse=True)[:k]
    dcg = sum(target[i] / math.log2(r + 2) for r, i in enumerate(order))
    idcg = sum(g / math.log2(r + 2) for r, g in enumerate(ideal))
    return dcg / idcg


def all_tie_orders_mean(pred, target, k, metric):
    """Mean of a top-k metric over every order of the tied predictor values (tiny inputs)."""
    n = len(pred)
    values = []
    for perm in itertools.permutations(range(n)):
        # a strictly decreasing score consistent with pred, ties ordered by perm
        rank_key = sorted(range(n), key=lambda i: (-pred[i], perm.index(i)))
        strict = np.empty(n)
        strict[rank_key] = np.arange(n, 0, -1)
        values.append(metric(strict, target, k))
    return float(np.mean(values))


def tied_data(rng, n):
    """Counts that are 0 for most accounts, like real influence measures."""
    target = rng.poisson(0.4, n) * rng.integers(1, 4, n)
    pred = rng.poisson(0.3, n) + (target > 0) * rng.poisson(1.0, n)
    return pred.astype(float), target.astype(float)


# ------------------------------------------------------------------------------------------
# rank correlations
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(5))
def test_rank_correlations_agree_with_scipy_on_tied_data(seed):
    rng = np.random.default_rng(seed)
    pred, target = tied_data(rng, 2000)
    assert spearman(pred, target) == pytest.approx(
        stats.spearmanr(pred, target).statistic, abs=1e-12
    )
    assert kendall_tau(pred, target) == pytest.approx(
        stats.kendalltau(pred, target).statistic, abs=1e-12
    )


@pytest.mark.parametrize("seed", range(3))
def test_rank_correlations_agree_with_scipy_on_continuous_data(seed):
    rng = np.random.default_rng(seed)
    pred = rng.normal(size=500)
    target = pred + rng.normal(size=500)
    assert spearman(pred, target) == pytest.approx(
        stats.spearmanr(pred, target).statistic, abs=1e-12
    )
    assert kendall_tau(pred, target) == pytest.approx(
        stats.kendalltau(pred, target).statistic, abs=1e-12
    )


def test_kendall_is_tau_b_by_definition():
    rng = np.random.default_rng(7)
    pred, target = tied_data(rng, 60)
    assert kendall_tau(pred, target) == pytest.approx(naive_tau_b(pred, target), abs=1e-12)


def test_perfect_and_reversed_predictors():
    target = np.arange(100.0)
    assert spearman(target * 3 + 1, target) == 1.0
    assert kendall_tau(target * 3 + 1, target) == 1.0
    assert spearman(-target, target) == -1.0
    assert kendall_tau(-target, target) == -1.0


def test_constant_input_gives_nan():
    assert math.isnan(spearman([1, 1, 1], [1, 2, 3]))
    assert math.isnan(kendall_tau([1, 2, 3], [0, 0, 0]))
    assert math.isnan(spearman([1], [1]))


def test_bool_and_int_inputs_are_accepted():
    assert spearman(np.array([True, False, True]), [3, 1, 2]) == pytest.approx(
        stats.spearmanr([1, 0, 1], [3, 1, 2]).statistic
    )


# ------------------------------------------------------------------------------------------
# top-k metrics, hand-computed
# ------------------------------------------------------------------------------------------


def test_overlap_hand_example():
    pred = [10, 9, 8, 7, 6]
    target = [0, 5, 9, 1, 8]  # true top-3: {2, 4, 1}; predicted top-3: {0, 1, 2}
    assert top_k_overlap(pred, target, 3) == 2
    assert top_k_overlap(pred, target, 5) == 5
    assert top_k_overlap(pred, target, 1) == 0


def test_overlap_ties_broken_by_index():
    pred = [0, 1, 1, 1, 0]  # top-2: accounts 1 and 2 (lower indices win the tie)
    assert top_k_overlap(pred, [0, 9, 8, 0, 0], 2) == 2
    assert top_k_overlap(pred, [0, 0, 0, 9, 8], 2) == 0
    # target ties also broken by index: true top-2 of all zeros is {0, 1}
    assert top_k_overlap(pred, [0, 0, 0, 0, 0], 2) == 1


def test_ndcg_hand_example():
    # ranking by pred: account 2 (gain 1), account 0 (gain 3), account 1 (gain 2)
    pred, target = [5, 1, 9], [3, 2, 1]
    dcg = 1 + 3 / math.log2(3)
    idcg = 3 + 2 / math.log2(3)
    assert ndcg_at_k(pred, target, 2) == pytest.approx(dcg / idcg, abs=1e-15)
    assert ndcg_at_k(pred, target, 1) == pytest.approx(1 / 3)
    full = (1 + 3 / math.log2(3) + 2 / 2) / (3 + 2 / math.log2(3) + 1 / 2)
    assert ndcg_at_k(pred, target, 3) == pytest.approx(full)
    assert ndcg_at_k(pred, target, 2, gains="log1p") == pytest.approx(
        (math.log(2) + math.log(4) / math.log2(3)) / (math.log(4) + math.log(3) / math.log2(3))
    )


@pytest.mark.parametrize("seed", range(5))
def test_ndcg_and_overlap_match_the_definitions_on_tied_data(seed):
    rng = np.random.default_rng(seed)
    pred, target = tied_data(rng, 300)
    for k in (1, 5, 30, 300):
        assert ndcg_at_k(pred, target, k) == pytest.approx(naive_ndcg(pred, target, k), abs=1e-12)
        expected = len(set(naive_top_k(pred, k)) & set(naive_top_k(target, k)))
        assert top_k_overlap(pred, target, k) == expected


def test_ndcg_undefined_without_gain():
    assert math.isnan(ndcg_at_k([1, 2, 3], [0, 0, 0], 2))


def test_average_ties_are_the_mean_over_tie_orders():
    pred = [2, 1, 1, 1, 0, 0]
    target = [0, 3, 0, 5, 1, 2]
    for k in (1, 2, 3, 5):
        expected = all_tie_orders_mean(pred, target, k, ndcg_at_k)
        assert ndcg_at_k(pred, target, k, ties="average") == pytest.approx(expected, abs=1e-12)
        # overlap: the target has no ties here, so the expectation is over pred's ties only
        expected = all_tie_orders_mean(pred, target, k, top_k_overlap)
        assert top_k_overlap(pred, target, k, ties="average") == pytest.approx(expected, abs=1e-12)


def test_average_ties_equal_index_ties_without_ties():
    rng = np.random.default_rng(3)
    pred, target = rng.random(200), rng.random(200)
    for k in (1, 10, 200):
        assert ndcg_at_k(pred, target, k, ties="average") == pytest.approx(
            ndcg_at_k(pred, target, k)
        )
        assert top_k_overlap(pred, target, k, ties="average") == top_k_overlap(pred, target, k)


def test_precision_at_k():
    pred = [0.9, 0.8, 0.1, 0.5, 0.5]
    rel = np.array([True, False, False, False, True])
    assert precision_at_k(pred, rel, 1) == 1.0
    assert precision_at_k(pred, rel, 3) == pytest.approx(1 / 3)  # 0, 1, 3 (3 wins the tie)
    assert precision_at_k(pred, rel, 3, ties="average") == pytest.approx((1 + 0.5) / 3)


def test_perfect_predictor_scores_one_everywhere():
    rng = np.random.default_rng(0)
    target = rng.permutation(1000).astype(float)
    for k in (1, 10, 100):
        assert top_k_overlap(target, target, k) == k
        assert ndcg_at_k(target, target, k) == pytest.approx(1.0)
        assert precision_at_k(target, target >= 1000 - k, k) == 1.0


def test_monotone_transforms_of_the_predictor_change_nothing():
    rng = np.random.default_rng(11)
    pred, target = tied_data(rng, 1000)
    transformed = np.log1p(pred) * 7 - 3  # strictly increasing
    for ties in ("index", "average"):
        for k in (10, 100):
            assert top_k_overlap(transformed, target, k, ties=ties) == top_k_overlap(
                pred, target, k, ties=ties
            )
            assert ndcg_at_k(transformed, target, k, ties=ties) == pytest.approx(
                ndcg_at_k(pred, target, k, ties=ties), abs=1e-14
            )
    assert spearman(transformed, target) == pytest.approx(spearman(pred, target), abs=1e-14)
    assert kendall_tau(transformed, target) == pytest.approx(kendall_tau(pred, target), abs=1e-14)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: spearman([1, 2], [1, 2, 3]), "shape"),
        (lambda: spearman([1, np.nan], [1, 2]), "NaN"),
        (lambda: kendall_tau([[1, 2]], [[1, 2]]), "one-dimensional"),
        (lambda: top_k_overlap([1, 2], [1, 2], 3), "exceed"),
        (lambda: top_k_overlap([1, 2], [1, 2], 1, ties="random"), "ties"),
        (lambda: ndcg_at_k([1, 2], [-1, 2], 1), "non-negative"),
        (lambda: ndcg_at_k([1, 2], [1, 2], 1, gains="exp"), "gains"),
        (lambda: precision_at_k([1, 2], [1, 0], 1), "boolean"),
        (lambda: spearman(["a", "b"], [1, 2]), "numeric"),
    ],
)
def test_bad_input_is_refused(call, match):
    with pytest.raises(ParameterError, match=match):
        call()


def test_k_must_be_a_positive_integer():
    with pytest.raises(ParameterError):
        top_k_overlap([1, 2], [1, 2], 0)
    with pytest.raises(TypeError):
        top_k_overlap([1, 2], [1, 2], 1.5)


# ------------------------------------------------------------------------------------------
# compare_predictors
# ------------------------------------------------------------------------------------------


def test_compare_matches_the_primitives_and_is_sorted():
    rng = np.random.default_rng(5)
    pred, target = tied_data(rng, 3000)
    predictors = {
        "noise": rng.random(3000),
        "good": pred,
        "perfect": target * 2,
        "reversed": -target,
    }
    table = compare_predictors(predictors, target, ks=(10, 100))
    assert isinstance(table, ComparisonTable)
    assert table.names == ("perfect", "good", "noise", "reversed")
    assert [r.rank for r in table.rows] == [1, 2, 3, 4]
    good = table["good"]
    assert good.spearman == pytest.approx(spearman(pred, target), abs=1e-14)
    assert good.kendall == pytest.approx(kendall_tau(pred, target), abs=1e-14)
    assert good.overlap == (top_k_overlap(pred, target, 10), top_k_overlap(pred, target, 100))
    assert good.ndcg == pytest.approx((ndcg_at_k(pred, target, 10), ndcg_at_k(pred, target, 100)))
    perfect = table["perfect"]
    assert perfect.spearman == perfect.kendall == 1.0
    assert perfect.overlap == (10.0, 100.0)
    assert perfect.ndcg == pytest.approx((1.0, 1.0))
    rev = table["reversed"]
    assert rev.spearman == pytest.approx(-1.0) and rev.kendall == pytest.approx(-1.0)


def test_compare_respects_the_population():
    rng = np.random.default_rng(2)
    n = 2000
    target = rng.poisson(2.0, n).astype(float)
    pred = target + rng.normal(size=n)
    population = rng.random(n) < 0.4
    # outside the population the predictor is garbage: it must not matter
    garbage = pred.copy()
    garbage[~population] = rng.normal(size=(~population).sum()) * 1e6
    table = compare_predictors({"p": garbage}, target, population=population, ks=(20,))
    row = table["p"]
    assert table.n == row.n == population.sum() and table.n_total == n
    assert row.spearman == pytest.approx(spearman(pred[population], target[population]), abs=1e-14)
    assert row.kendall == pytest.approx(
        kendall_tau(pred[population], target[population]), abs=1e-14
    )
    assert row.overlap[0] == top_k_overlap(pred[population], target[population], 20)
    assert row.ndcg[0] == pytest.approx(ndcg_at_k(pred[population], target[population], 20))


def test_nan_predictors_are_reported_not_ranked():
    target = np.array([5.0, 4, 3, 2, 1, 0])
    table = compare_predictors(
        {
            "all_nan": np.full(6, np.nan),
            "constant": np.ones(6),
            "partial": np.array([9, np.nan, 7, np.nan, 1, 0]),
            "good": target.copy(),
        },
        target,
        ks=(2, 10),
    )
    assert table.names == ("good", "partial", "all_nan", "constant")
    assert [r.rank for r in table.rows] == [1, 2, None, None]
    for name, reason in (("all_nan", "no value"), ("constant", "constant")):
        row = table[name]
        assert not row.computable and reason in row.reason
        assert math.isnan(row.spearman) and math.isnan(row.kendall)
        assert all(math.isnan(v) for v in row.overlap + row.ndcg)
    partial = table["partial"]
    assert partial.computable and partial.n_missing == 2
    # NaN ranked last, tied: same as -inf
    filled = np.array([9, -np.inf, 7, -np.inf, 1, 0])
    assert partial.spearman == pytest.approx(spearman(filled, target))
    assert partial.kendall == pytest.approx(kendall_tau(filled, target))
    # k larger than the population: NaN, not a trivial value
    assert math.isnan(table["good"].overlap[1]) and math.isnan(table["good"].ndcg[1])


def test_compare_to_records_is_json_ready():
    target = np.array([3.0, 2, 1, 0])
    table = compare_predictors({"a": [3, 2, 1, 0], "b": [np.nan] * 4}, target, ks=(2,))
    records = table.to_records()
    assert records[0] == {
        "name": "a", "rank": 1, "computable": True, "reason": None, "n": 4, "n_missing": 0,
        "spearman": 1.0, "kendall": 1.0, "overlap@2": 2.0, "ndcg@2": 1.0,
    }  # fmt: skip
    assert records[1]["spearman"] is None and records[1]["rank"] is None
    text = json.dumps(table.to_dict(), allow_nan=False)
    assert json.loads(text)["ks"] == [2]


def test_compare_sort_by_another_metric():
    target = np.r_[100.0, np.arange(1.0, 20.0)]
    predictors = {
        "head": np.r_[9.0, np.zeros(19)],  # finds the star, ranks the rest badly
        "body": np.r_[0.0, np.arange(1.0, 20.0)],  # misses the star, ranks the rest well
    }
    assert compare_predictors(predictors, target, ks=(1,)).names == ("body", "head")
    assert compare_predictors(predictors, target, ks=(1,), sort_by="ndcg@1").names == (
        "head",
        "body",
    )
    with pytest.raises(ParameterError, match="sort_by"):
        compare_predictors(predictors, target, ks=(1,), sort_by="ndcg@5")


def test_compare_refuses_bad_input():
    target = np.arange(4.0)
    with pytest.raises(ParameterError, match="finite"):
        compare_predictors({"a": target}, [0, 1, np.nan, 2])
    with pytest.raises(ParameterError, match="shape"):
        compare_predictors({"a": np.arange(3.0)}, target)
    with pytest.raises(ParameterError, match="boolean"):
        compare_predictors({"a": target}, target, population=[0, 1, 1, 0])
    with pytest.raises(ParameterError, match="repeat"):
        compare_predictors({"a": target}, target, ks=(2, 2))
    with pytest.raises(ParameterError, match="non-negative"):
        compare_predictors({"a": target}, -target)


def test_compare_average_ties():
    target = np.array([0.0, 0, 5, 1])
    table = compare_predictors({"p": [1, 1, 1, 0]}, target, ks=(2,), ties="average")
    assert table["p"].overlap[0] == pytest.approx(
        top_k_overlap([1, 1, 1, 0], target, 2, ties="average")
    )
    assert table["p"].ndcg[0] == pytest.approx(ndcg_at_k([1, 1, 1, 0], target, 2, ties="average"))


# ------------------------------------------------------------------------------------------
# correlation_matrix
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["spearman", "kendall"])
def test_correlation_matrix_matches_pairwise(method):
    rng = np.random.default_rng(9)
    a, b = tied_data(rng, 500)
    measures = {"a": a, "b": b, "c": rng.random(500), "flat": np.zeros(500)}
    cm = correlation_matrix(measures, method=method)
    ref = stats.spearmanr if method == "spearman" else stats.kendalltau
    assert cm.names == ("a", "b", "c", "flat")
    assert np.allclose(np.diag(cm.matrix)[:3], 1.0)
    assert np.isnan(cm.matrix[3]).all() and np.isnan(cm.matrix[:, 3]).all()
    np.testing.assert_array_equal(cm.matrix, cm.matrix.T)
    for x, y in itertools.combinations("abc", 2):
        assert cm[x, y] == pytest.approx(ref(measures[x], measures[y]).statistic, abs=1e-12)
    assert not cm.matrix.flags.writeable
    json.dumps(cm.to_dict(), allow_nan=False)


def test_correlation_matrix_population():
    rng = np.random.default_rng(1)
    a, b = rng.random(100), rng.random(100)
    mask = rng.random(100) < 0.5
    cm = correlation_matrix({"a": a, "b": b}, population=mask)
    assert cm.n == mask.sum()
    assert cm["a", "b"] == pytest.approx(spearman(a[mask], b[mask]))
    with pytest.raises(ParameterError, match="method"):
        correlation_matrix({"a": a}, method="pearson")
