import math

import numpy as np
import pytest
import scipy.sparse as sp

from einfluence.exceptions import ParameterError
from einfluence.topics.terms import distinctive_terms, group_term_counts


def test_group_term_counts_sums_rows_and_skips_negative_groups():
    X = sp.csr_array(np.array([[1, 0, 2], [0, 1, 0], [5, 5, 5], [1, 1, 1]]))
    counts = group_term_counts(X, np.array([1, 1, -1, 0]), n_groups=3).toarray()
    assert counts.tolist() == [[1, 1, 1], [1, 1, 2], [0, 0, 0]]


def test_group_term_counts_validates_length():
    with pytest.raises(ParameterError):
        group_term_counts(sp.csr_array(np.ones((2, 2))), np.array([0]))


def test_z_score_matches_monroe_formula_by_hand():
    counts = np.array([[40, 10], [10, 40]])
    (g0, g1) = distinctive_terms(counts, ["a", "b"], k=1, min_z=0, prior_mass=10.0)
    # by hand: corpus 100 words, alpha_w = 10 * 50/100 = 5 for both terms, alpha0 = 10
    delta = math.log(45 / (50 + 10 - 40 - 5)) - math.log(15 / (50 + 10 - 10 - 5))
    z = delta / math.sqrt(1 / 45 + 1 / 15)
    assert g0[0][0] == "a" and g0[0][1] == pytest.approx(z)
    assert g1[0][0] == "b" and g1[0][1] == pytest.approx(z)  # symmetric groups, symmetric answer


def test_shared_frequent_terms_and_rare_terms_are_not_distinctive():
    # "the" is frequent everywhere, "zz" appears twice in group 0 only, "velo" is group 0's own word
    vocab = ["the", "velo", "zz", "mode"]
    counts = np.array([[500, 60, 2, 3], [500, 2, 0, 60]])
    top = distinctive_terms(counts, vocab, k=4)
    assert [t for t, _, _ in top[0]] == ["velo"]
    assert [t for t, _, _ in top[1]] == ["mode"]


def test_more_evidence_gives_a_larger_z():
    small = distinctive_terms(np.array([[6, 20], [1, 20]]), ["w", "x"], min_z=0)[0][0][1]
    large = distinctive_terms(np.array([[60, 200], [10, 200]]), ["w", "x"], min_z=0)[0][0][1]
    assert large > small > 0


def test_empty_counts_and_bad_parameters():
    assert distinctive_terms(np.zeros((2, 3)), ["a", "b", "c"]) == [[], []]
    with pytest.raises(ParameterError):
        distinctive_terms(np.ones((1, 2)), ["a"])
    with pytest.raises(ParameterError):
        distinctive_terms(np.ones((1, 1)), ["a"], k=0)
