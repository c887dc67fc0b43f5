"""Kernels behind IMM's speed: in-CSR, inverted index in segments, greedy coverage, memory cap."""

from __future__ import annotations

import numpy as np
import pytest

from einfluence.diffusion import DiffusionGraph
from einfluence.exceptions import ParameterError
from einfluence.targeting import _common, estimate_spread, imm, sample_rr_sets
from einfluence.targeting._common import CoverIndex, InGraph, RRSampler, hits
from einfluence.targeting._kernels import coverage, graphs, rrsets
from einfluence.targeting.imm import rr_memory
from tests.targeting._helpers import random_graph


def random_rr_sets(n, n_sets, seed):
    rng = np.random.default_rng(seed)
    sets = [rng.choice(n, size=rng.integers(1, 6), replace=False) for _ in range(n_sets)]
    offsets = np.concatenate(([0], np.cumsum([s.size for s in sets])))
    return np.concatenate(sets).astype(np.int32), offsets


def naive_greedy(sets, n, k, forced, allowed):
    covered = np.zeros(len(sets), bool)
    seeds, gains = [], []
    for step in range(k):
        if step < len(forced):
            s = forced[step]
        else:
            counts = np.array([sum(v in sets[r] for r in np.flatnonzero(~covered)) for v in range(n)])
            counts = np.where(allowed & ~np.isin(np.arange(n), seeds), counts, -1)
            s = int(np.argmax(counts))  # the lowest id among ties
        hit = np.array([s in sets[r] for r in range(len(sets))]) & ~covered
        covered |= hit
        seeds.append(s)
        gains.append(int(hit.sum()))
    return seeds, gains


@pytest.mark.parametrize("dtype", [np.int32, np.int64])
def test_inverted_index_does_not_depend_on_chunks(dtype):
    nodes, offsets = random_rr_sets(30, 400, 0)
    offsets = offsets.astype(dtype)
    ref = None
    for chunks in (1, 2, 7):
        deg, iptr, inv = coverage.inverted_index(nodes, offsets, 30, chunks)
        if ref is None:
            ref = (deg, iptr, inv)
            assert np.array_equal(deg, np.bincount(nodes, minlength=30))
            set_of = np.repeat(np.arange(offsets.size - 1), np.diff(offsets))
            for v in range(30):
                assert inv[iptr[v] : iptr[v + 1]].tolist() == sorted(set_of[nodes == v].tolist())
        else:
            for a, b in zip(ref, (deg, iptr, inv), strict=True):
                assert np.array_equal(a, b)


@pytest.mark.parametrize("seed", range(3))
def test_greedy_cover_matches_the_naive_greedy(seed):
    n = 25
    nodes, offsets = random_rr_sets(n, 300, seed)
    sets = [set(nodes[offsets[r] : offsets[r + 1]].tolist()) for r in range(offsets.size - 1)]
    allowed = np.ones(n, bool)
    allowed[[3, 7]] = False
    forced = np.array([11], np.int64)
    seeds, gains = coverage.greedy_cover(nodes, offsets, n, 6, forced, allowed, 2)
    want_seeds, want_gains = naive_greedy(sets, n, 6, [11], allowed)
    assert seeds.tolist() == want_seeds and gains.tolist() == want_gains


def test_in_graph_is_the_reverse_graph():
    g = random_graph(40, 150, 2)
    ing = InGraph(g, "ic")
    r = g.reverse()
    assert ing.indptr.tolist() == r.indptr.tolist()
    assert ing.indices.tolist() == r.indices.tolist() and ing.prob.tolist() == r.prob.tolist()
    # under the weighted cascade the samplers read each node's one probability in ``info``
    wc = InGraph(g.with_prob(1.0 / np.maximum(g.in_degree(), 1)[g.indices]), "ic")
    assert wc.prob.size == 0 and wc.indices.tolist() == r.indices.tolist()
    for i in range(40):
        assert abs(ing.info[i, 3]) == r.indptr[i + 1] - r.indptr[i] and ing.info[i, 2] == ing.indptr[i]


def test_imm_on_renamed_graph_finds_the_renamed_seeds():
    # a star of 40 around 0 and one of 20 around 50: the best pair, then their images
    src = np.concatenate([np.zeros(40, int), np.full(20, 50)])
    dst = np.concatenate([np.arange(1, 41), np.arange(51, 71)])
    perm = np.random.default_rng(3).permutation(80)
    g = DiffusionGraph.from_arcs(src, dst, 0.9, n_nodes=80)
    h = DiffusionGraph.from_arcs(perm[src], perm[dst], 0.9, n_nodes=80)
    a = imm(g, 2, epsilon=0.2, random_state=0)
    b = imm(h, 2, epsilon=0.2, random_state=0)
    assert a.seeds.tolist() == [0, 50]
    assert b.seeds.tolist() == perm[[0, 50]].tolist()
    est, err = estimate_spread(h, b.seeds, n_sets=50_000, random_state=1)
    assert abs(est - b.expected_spread) < 5 * err + 0.02 * est


def test_offsets_are_int32_in_the_sampler_and_int64_in_rr_sets():
    sampler = RRSampler(InGraph(random_graph(50, 200, 0), "ic"), None, 0)
    sampler.extend_to(5000)
    nodes, offsets = sampler.view()
    assert offsets.dtype == np.int32 and offsets[-1] == nodes.size == sampler.size
    assert np.all(np.diff(offsets) >= 1)


def test_memory_limit_stops_tiny_spread_settings_with_advice():
    # no arc at all: every account reaches only itself, OPT = k, θ = λ*/k is huge
    g = DiffusionGraph.from_arcs([0], [1], 0.0, n_nodes=20_000)
    with pytest.raises(ParameterError, match="larger epsilon") as info:
        imm(g, 5, epsilon=0.05, memory_limit=200e6, random_state=0)
    assert "memory_limit" in str(info.value)
    assert rr_memory(1e6, 1.0) == pytest.approx(29e6)
    # a larger ε fits
    assert len(imm(g, 5, epsilon=0.5, memory_limit=200e6, random_state=0)) == 5
    with pytest.raises(ParameterError):
        imm(g, 5, memory_limit=-1.0)


@pytest.mark.parametrize("prob", [None, 0.3, 0.01, 1.0])
def test_interleaved_lanes_draw_the_same_rr_sets(prob):
    # RR set i depends on the seed and i only: not on how many searches advance together
    g = random_graph(120, 900, 5)
    if prob is not None:
        g = g.with_prob(prob)
    ing = InGraph(g, "ic")
    roots = np.cumsum(np.random.default_rng(1).random(120))
    for root_cum in (np.empty(0), roots):
        ref = None
        for lanes in (1, 3, 8):
            seen = np.zeros(120, np.uint8)
            got = rrsets.rr_sets_ic(
                ing.indptr, ing.indices, ing.prob, ing.info, root_cum, np.uint64(7), 5, 400, seen, lanes
            )
            assert not seen.any()  # the marks are cleared for the next call
            if ref is None:
                ref = got
            assert np.array_equal(got[0], ref[0]) and np.array_equal(got[1], ref[1])
        nodes, sizes = ref
        offsets = np.concatenate(([0], np.cumsum(sizes)))
        for i in range(sizes.size):  # no account twice in a set
            assert np.unique(nodes[offsets[i] : offsets[i + 1]]).size == sizes[i]


def test_info_table_chooses_binomial_counts_or_geometric_jumps():
    # node 0: 4 in-arcs at 1/4 (d p = 1: binomial, P(none) stored); node 1: 40 in-arcs at 0.5
    src = np.concatenate((np.arange(2, 6), np.arange(2, 42)))
    dst = np.concatenate((np.zeros(4, int), np.ones(40, int)))
    p = np.concatenate((np.full(4, 0.25), np.full(40, 0.5)))
    ing = InGraph(DiffusionGraph.from_arcs(src, dst, p, n_nodes=42), "ic")
    assert ing.info[0, 1] == pytest.approx(0.75**4)
    assert ing.info[1, 1] == pytest.approx(np.log(0.5))
    assert ing.info[0, 3] == 4 and ing.info[1, 3] == 40


def test_binomial_count_with_thinning_keeps_each_arc_with_its_probability():
    # 12 in-arcs of mixed probabilities, d * pmax = 2.4 <= BINOMIAL_MEAN: binomial candidates
    # at rate pmax, each kept with probability p / pmax
    p = np.linspace(0.02, 0.2, 12)
    g = DiffusionGraph.from_arcs(np.arange(1, 13), np.zeros(12, int), p, n_nodes=13)
    assert 12 * p.max() <= rrsets.BINOMIAL_MEAN
    rr = sample_rr_sets(g, 300_000, target=[0], random_state=3)
    freq = np.bincount(rr.nodes, minlength=13)[1:] / rr.n_sets
    assert np.all(np.abs(freq - p) < 5 * np.sqrt(p * (1 - p) / rr.n_sets))
    # arcs are independent: the number kept is Poisson-binomial
    kept = rr.sizes() - 1
    assert abs(kept.var() - (p * (1 - p)).sum()) < 0.02


@pytest.mark.parametrize("chunks", [1, 3])
def test_inverted_index_in_segments_equals_the_one_shot_index(chunks):
    # IMM's rounds append RR sets: indexing them batch by batch gives the index of all at once
    nodes, offsets = random_rr_sets(30, 500, 4)
    _, want_ptr, want_inv = coverage.inverted_index(nodes, offsets, 30, 1)
    index = CoverIndex(30)
    for upto in (0, 1, 120, 121, 400, 500, 500):
        index.update(nodes, offsets[: upto + 1])
        assert index.n_sets == upto
    assert index.iptrs.shape == (5, 31)  # one segment per batch that added sets
    assert np.array_equal(index.deg, np.diff(want_ptr))
    rows = [np.concatenate([index.inv[ptr[v] : ptr[v + 1]] for ptr in index.iptrs]) for v in range(30)]
    assert np.array_equal(np.concatenate(rows), want_inv)  # segments in turn: the one-shot rows
    _, ptr, inv = coverage.inverted_index(nodes, offsets, 30, chunks)
    assert np.array_equal(ptr, want_ptr) and np.array_equal(inv, want_inv)
    with pytest.raises(ValueError, match="shrank"):
        index.update(nodes, offsets[:10])


def test_cover_index_greedy_between_rounds_matches_the_naive_greedy():
    n = 25
    nodes, offsets = random_rr_sets(n, 300, 7)
    allowed = np.ones(n, bool)
    allowed[0] = False
    index = CoverIndex(n)
    for upto in (100, 300):
        sets = [set(nodes[offsets[r] : offsets[r + 1]].tolist()) for r in range(upto)]
        seeds, gains = index.greedy(nodes, offsets[: upto + 1], 5, np.array([4], np.int64), allowed)
        assert (seeds.tolist(), gains.tolist()) == naive_greedy(sets, n, 5, [4], allowed)


def test_greedy_cover_fills_with_zero_gain_accounts_by_lowest_id():
    # one RR set {5, 7}: the first seed is 5 (tie with 7, lowest id), then nothing is left to
    # cover and the lowest allowed ids come, exactly as the naive greedy takes them
    nodes = np.array([7, 5], np.int32)
    offsets = np.array([0, 2])
    allowed = np.ones(10, bool)
    allowed[0] = False
    seeds, gains = coverage.greedy_cover(nodes, offsets, 10, 4, np.empty(0, np.int64), allowed)
    assert seeds.tolist() == [5, 1, 2, 3] and gains.tolist() == [1, 0, 0, 0]
    assert (seeds.tolist(), gains.tolist()) == naive_greedy([{5, 7}], 10, 4, [], allowed)


@pytest.mark.parametrize("chunks", [1, 2, 5])
def test_in_csr_is_the_transpose_whatever_the_chunks(chunks):
    g = random_graph(60, 400, 8)
    ptr, ind, prob = graphs.in_csr(g.indptr, g.indices, g.prob, chunks)
    dense = np.zeros((60, 60))
    dense[g.sources(), g.indices] = g.prob
    got = np.zeros((60, 60))
    got[ind, np.repeat(np.arange(60), np.diff(ptr))] = prob  # row w of the in-CSR: sources of w
    assert np.array_equal(got, dense)
    for w in range(60):  # sources in increasing order
        assert np.all(np.diff(ind[ptr[w] : ptr[w + 1]]) > 0)


def test_lt_in_graph_cumulates_weights_within_rows():
    g = random_graph(50, 300, 1, model="lt")
    ing = InGraph(g, "lt")
    r = g.reverse()
    for v in range(50):
        row = slice(ing.indptr[v], ing.indptr[v + 1])
        assert np.allclose(ing.cum[row], np.cumsum(r.prob[row]))
    assert ing.prob.size == 0  # the walks only read the cumulated weights
    heavy = DiffusionGraph.from_arcs([0, 1], [2, 2], [0.7, 0.6], n_nodes=3)
    with pytest.raises(ParameterError, match="node 2 receives 1.3"):
        InGraph(heavy, "lt")


@pytest.mark.parametrize("prob", [None, 0.05, 1.0])
def test_hits_count_the_rr_sets_that_meet_the_seeds(prob):
    # the sampler (expansion written out) and the hit counter (stopping at the first seed) draw
    # the same RR set from the same stream: hits = RR sets holding a seed, exactly
    g = random_graph(150, 1200, 6)
    if prob is not None:
        g = g.with_prob(prob)
    ing = InGraph(g, "ic")
    is_seed = np.zeros(150, bool)
    is_seed[[3, 40, 77]] = True
    audience = np.random.default_rng(0).random(150)
    for root_cum, weights in ((np.empty(0), None), (np.cumsum(audience), audience)):
        nodes, sizes = rrsets.rr_sets_ic(
            ing.indptr, ing.indices, ing.prob, ing.info, root_cum, np.uint64(11), 0, 3000, np.zeros(150, np.uint8), 4
        )
        set_of = np.repeat(np.arange(sizes.size), sizes)
        want = np.unique(set_of[is_seed[nodes]]).size
        got = rrsets.hits_range_ic(ing.indptr, ing.indices, ing.prob, ing.info, root_cum, is_seed, np.uint64(11), 0, 3000)
        assert got == want
        # over the threads, in parts: the same count
        assert hits(ing, weights, np.array([3, 40, 77]), 3000, 11) == want


@pytest.mark.parametrize("model", ["ic", "lt"])
def test_in_graph_is_the_same_on_one_thread_and_in_parts(model, monkeypatch):
    # the in-CSR (three passes of a counting sort) and the per-node tables, each split over the
    # threads in parts: the same arrays, bit for bit, as on one thread
    g = random_graph(300, 3000, 9, model=model)
    monkeypatch.setattr(_common, "_MIN_PARALLEL_ARCS", 0)  # parts even on a small graph
    built = []
    for threads in (1, 3):
        monkeypatch.setattr(_common, "n_threads", lambda threads=threads: threads)
        ing = InGraph(g, model)
        built.append([ing.indptr, ing.indices, ing.prob, ing.info if model == "ic" else ing.cum])
    for one, parts in zip(*built, strict=True):
        assert one.dtype == parts.dtype and np.array_equal(one, parts)


@pytest.mark.parametrize("dtype", [np.int32, np.int64])
def test_cover_index_is_the_same_on_one_thread_and_in_parts(dtype, monkeypatch):
    nodes, offsets = random_rr_sets(40, 900, 5)
    offsets = offsets.astype(dtype)
    monkeypatch.setattr(_common, "_MIN_PARALLEL", 1)  # parts even for a few sets
    built = []
    for threads in (1, 4):
        monkeypatch.setattr(_common, "n_threads", lambda threads=threads: threads)
        index = CoverIndex(40)
        for upto in (300, 301, 900):  # segments of several, one and many sets
            index.update(nodes, offsets[: upto + 1])
        built.append([index.iptrs, index.inv[: index.used], index.deg])
    for one, parts in zip(*built, strict=True):
        assert np.array_equal(one, parts)
