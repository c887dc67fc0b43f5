"""Topic-sensitive influence: edge topics, topic views and scores, TwitterRank, evaluation."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import networkx as nx
import numpy as np
import pytest

from einfluence import Workspace
from einfluence.base.arrays import InteractionArrays, PostArrays
from einfluence.base.kinds import INTERACTION_KINDS, POST_KINDS
from einfluence.datasets import make_demo_world
from einfluence.exceptions import GraphTypeError, ParameterError
from einfluence.graph import GraphView
from einfluence.scoring import einfluence_score, precision_at_k
from einfluence.store.truth import save_truth
from einfluence.topics import (
    aggregate_twitterrank,
    content_topics,
    edge_topics,
    evaluate_topic_prediction,
    topic_scores,
    topic_view,
    twitterrank,
)

HOUR = 3_600_000_000


def _view(src, dst, *, kind="relay", post=None, time=None, n=None) -> GraphView:
    src, dst = np.asarray(src), np.asarray(dst)
    m = src.size
    kinds = (
        np.full(m, INTERACTION_KINDS.index(kind), np.int8)
        if isinstance(kind, str)
        else np.asarray([INTERACTION_KINDS.index(k) for k in kind], np.int8)
    )
    return GraphView.from_arrays(
        InteractionArrays(
            src=src,
            dst=dst,
            time=np.arange(m) * HOUR if time is None else np.asarray(time),
            weight=np.ones(m),
            kind=kinds,
            post=np.full(m, -1) if post is None else np.asarray(post),
            n_accounts=int(max(src.max(), dst.max()) + 1) if n is None else n,
        )
    )


def _posts(rows) -> PostArrays:
    """rows: (post_id, author, kind, parent, root)."""
    a = np.array([(p, au, POST_KINDS.index(k), pa, r) for p, au, k, pa, r in rows], dtype=np.int64)
    return PostArrays(
        post_id=a[:, 0],
        author=a[:, 1],
        time=np.arange(len(rows)),
        kind=a[:, 2].astype(np.int8),
        parent=a[:, 3],
        root=a[:, 4],
    )


# ------------------------------------------------------------------ edge topics

POSTS = _posts(
    [
        (10, 0, "original", -1, -1),  # topic 1
        (11, 1, "relay", 10, 10),  # relay of 10: no text
        (12, 2, "relay", 11, 10),  # relay of the relay: root 10
        (13, 3, "reply", 10, 10),  # a reply with text of its own (topic 0)
        (14, 4, "relay", 20, -1),  # root unknown, parent 20 has a topic (2)
        (15, 4, "relay", 30, -1),  # parent 30 has no topic
        (20, 5, "original", -1, -1),
    ]
)
POST_IDS = np.array([10, 13, 20, 30])
POST_TOPICS = np.array([[0.0, 1.0, 0.0], [0.7, 0.3, 0.0], [0.0, 0.0, 1.0], [0.0, 0.0, 0.0]])


def test_edge_topics_use_own_text_then_root_then_parent():
    view = _view(
        [1, 2, 3, 4, 4, 5, 6, 7],
        [0, 1, 0, 5, 0, 0, 0, 0],
        kind=["relay", "relay", "reply", "relay", "relay", "like", "mention", "relay"],
        post=[11, 12, 13, 14, 15, -1, 10, 99],
    )
    got = edge_topics(view, POSTS, POST_IDS, POST_TOPICS).toarray()
    # edges are in (src, time) order: 1->0, 2->1, 3->0, 4->5, 4->0, 5->0, 6->0, 7->0
    expected = [
        [0, 1, 0],
        [0, 1, 0],
        [0.7, 0.3, 0],
        [0, 0, 1],
        [0, 0, 0],
        [0, 0, 0],
        [0, 1, 0],
        [0, 0, 0],
    ]
    assert np.allclose(got, expected)
    assert got.dtype == np.float32
    # without post links, only the act posts' own topics are known
    own = edge_topics(view, None, POST_IDS, POST_TOPICS).toarray()
    assert np.allclose(
        own,
        [
            [0, 0, 0],
            [0, 0, 0],
            [0.7, 0.3, 0],
            [0, 0, 0],
            [0, 0, 0],
            [0, 0, 0],
            [0, 1, 0],
            [0, 0, 0],
        ],
    )


def test_edge_topics_do_not_depend_on_input_order_and_threshold_sparsifies():
    view = _view([1, 2, 3, 4], [0, 1, 0, 5], post=[11, 12, 13, 14])
    ref = edge_topics(view, POSTS, POST_IDS, POST_TOPICS).toarray()
    perm = np.array([3, 1, 0, 2])
    shuffled_posts = PostArrays(**{f: getattr(POSTS, f)[::-1] for f in POSTS.__dataclass_fields__})
    got = edge_topics(view, shuffled_posts, POST_IDS[perm], POST_TOPICS[perm]).toarray()
    assert np.array_equal(ref, got)
    sparse = edge_topics(view, POSTS, POST_IDS, POST_TOPICS, min_weight=0.5)
    assert np.allclose(sparse.toarray(), np.where(ref >= 0.5, ref, 0))
    assert sparse.nnz == 4
    with pytest.raises(ParameterError):
        edge_topics(view, POSTS, np.array([10, 10, 20, 30]), POST_TOPICS)
    with pytest.raises(ParameterError):
        edge_topics(view, POSTS, POST_IDS, -POST_TOPICS)
    with pytest.raises(ParameterError):
        edge_topics(view, POSTS, POST_IDS, POST_TOPICS[:2])
    with pytest.raises(GraphTypeError):
        edge_topics("not a view", POSTS, POST_IDS, POST_TOPICS)


def test_content_topics_of_posts_follow_the_same_rule():
    got = content_topics(POSTS.post_id, POSTS, POST_IDS, POST_TOPICS).toarray()
    assert np.allclose(got[:4], [[0, 1, 0], [0, 1, 0], [0, 1, 0], [0.7, 0.3, 0]])
    assert np.allclose(got[4], [0, 0, 1]) and not got[5].any()


def test_topic_view_keeps_the_interactions_above_the_threshold():
    rng = np.random.default_rng(0)
    view = _view(rng.integers(0, 30, 400), rng.integers(0, 30, 400), n=30)
    weights = rng.dirichlet(np.ones(4), view.n_edges)
    for t in range(4):
        sub = topic_view(view, weights, t, min_weight=0.3)
        assert sub.n_edges == int((weights[:, t] >= 0.3).sum())
        assert np.array_equal(sub.post, view.post[weights[:, t] >= 0.3])
    with pytest.raises(ParameterError):
        topic_view(view, weights, 4)
    with pytest.raises(ParameterError):
        topic_view(view, weights, 0, min_weight=1.5)


def test_topic_scores_count_only_on_topic_reactions():
    # 0 is relayed by 5 accounts on topic 0; 1 by 5 accounts on topic 1 and once on topic 0
    src = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
    dst = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]
    view = _view(src, dst, n=13)
    weights = np.zeros((view.n_edges, 2))
    weights[:5, 0] = 1.0
    weights[5:10, 1] = 1.0
    weights[10, 0] = 1.0
    scores = topic_scores(view, None, weights)
    assert scores[0, 0] > scores[1, 0] > 1
    assert np.isnan(scores[0, 1]) and scores[1, 1] > 1
    # the same as the einfluence score of the topic's view on the whole view's clock
    alone = topic_scores(view, None, weights, topics=[1])
    assert np.isnan(alone[:, 0]).all() and np.allclose(alone[:, 1], scores[:, 1], equal_nan=True)
    sub = topic_view(view, weights, 1)
    params = einfluence_score(view).params
    direct = einfluence_score(sub, reference_time=int(view.time.max()), params=params).score
    assert np.allclose(direct, scores[:, 1], equal_nan=True)


# ------------------------------------------------------------------ TwitterRank


def _twitterrank_python(n, edges, profile, sizes, gamma=0.85, iters=500):
    """Slow reference: dict loops over followers, straight from Weng et al.'s formulas."""
    followees = {s: sorted({i for u, i in edges if u == s and u != i}) for s in range(n)}
    dt = [row / row.sum() if row.sum() > 0 else row * 0 for row in profile]
    n_topics = profile.shape[1]
    out = np.zeros((n, n_topics))
    for t in range(n_topics):
        col = sum(dt[i][t] for i in range(n))
        e = [dt[i][t] / col if col > 0 else 1 / n for i in range(n)]
        x = [1 / n] * n
        for _ in range(iters):
            new = [0.0] * n
            lost = 0.0
            for s in range(n):
                total = sum(sizes[j] for j in followees[s])
                carried = 0.0
                for i in followees[s]:
                    p = sizes[i] / total * (1 - abs(dt[i][t] - dt[s][t])) if total > 0 else 0.0
                    new[i] += x[s] * p
                    carried += p
                lost += x[s] * (1 - carried)
            x = [gamma * (new[i] + lost * e[i]) + (1 - gamma) * e[i] for i in range(n)]
        out[:, t] = x
    return out


def _random_follows(seed, n=25, m=90):
    rng = np.random.default_rng(seed)
    src, dst = rng.integers(0, n, m), rng.integers(0, n, m)
    return _view(src, dst, kind="follow", n=n), rng


def test_twitterrank_matches_a_slow_reference():
    view, rng = _random_follows(1)
    profile = rng.dirichlet(np.ones(3) * 0.5, view.n_nodes)
    profile[3] = 0  # an account without known interests
    sizes = rng.integers(0, 8, view.n_nodes).astype(float)
    got = twitterrank(view, profile, n_posts=sizes, tol=1e-14, max_iter=1000)
    edges = list(zip(view.sources().tolist(), view.indices.tolist(), strict=True))
    ref = _twitterrank_python(view.n_nodes, edges, profile, sizes)
    assert np.allclose(got, ref, atol=1e-10)
    assert np.allclose(got.sum(axis=0), 1.0) and (got >= 0).all()


def test_twitterrank_with_one_topic_is_networkx_pagerank():
    view, rng = _random_follows(2, n=30, m=120)
    sizes = rng.integers(1, 10, view.n_nodes).astype(float)
    got = twitterrank(view, np.ones((view.n_nodes, 1)), n_posts=sizes, tol=1e-12, max_iter=1000)
    g = nx.DiGraph()
    g.add_nodes_from(range(view.n_nodes))
    for s, i in zip(view.sources(), view.indices, strict=True):
        if s != i:
            g.add_edge(int(s), int(i), weight=sizes[i])
    ref = nx.pagerank(g, alpha=0.85, weight="weight", tol=1e-13, max_iter=1000)
    assert np.allclose(got[:, 0], [ref[i] for i in range(view.n_nodes)], atol=1e-9)


def test_twitterrank_favours_accounts_followed_by_on_topic_followers():
    # 0 is followed by three topic-0 fans, 1 by three topic-1 fans; 0 and 1 look alike
    view = _view([2, 3, 4, 5, 6, 7], [0, 0, 0, 1, 1, 1], kind="follow")
    profile = np.array(
        [[0.5, 0.5], [0.5, 0.5], [1, 0], [1, 0], [0.9, 0.1], [0, 1], [0, 1], [0.1, 0.9]]
    )
    tr = twitterrank(view, profile)
    assert tr[0, 0] > tr[1, 0] and tr[1, 1] > tr[0, 1]
    assert np.allclose(tr.sum(axis=0), 1.0)
    # without follows the walk uses the reactions
    relays = _view([2, 3, 4, 5, 6, 7], [0, 0, 0, 1, 1, 1])
    assert np.allclose(twitterrank(relays, profile), tr)
    with pytest.raises(ParameterError):
        twitterrank(view, profile[:5])
    with pytest.raises(ParameterError):
        twitterrank(view, profile, n_posts=-np.ones(8))
    with pytest.raises(ParameterError):
        twitterrank(view, profile, damping=1.0)
    with pytest.warns(RuntimeWarning):
        twitterrank(view, profile, tol=1e-300, max_iter=2)


def test_aggregate_twitterrank_is_a_weighted_mix():
    tr = np.random.default_rng(0).dirichlet(np.ones(6), 3).T  # 6 accounts, 3 topics
    one = aggregate_twitterrank(tr, np.array([0.0, 2.0, 0.0]))
    assert np.allclose(one, tr[:, 1])
    many = aggregate_twitterrank(tr, np.array([[1.0, 1.0, 2.0], [0, 0, 1.0]]))
    assert many.shape == (6, 2) and np.allclose(many.sum(axis=0), 1.0)
    assert np.allclose(many[:, 0], tr @ np.array([0.25, 0.25, 0.5]))
    with pytest.raises(ParameterError):
        aggregate_twitterrank(tr, np.zeros(3))
    with pytest.raises(ParameterError):
        aggregate_twitterrank(tr, np.ones(4))


# ------------------------------------------------------------------ demo world: planted truth

START = datetime(2026, 9, 7)


@pytest.fixture(scope="module")
def demo():
    world = make_demo_world(n_accounts=600, n_days=21, seed=1, n_rising=10, n_bursts=6, n_steady=8)
    ws = Workspace(":memory:")
    ws.add_records(world.records)
    save_truth(ws.con, world.truth, world.params)
    con = ws.con
    names = [r[0] for r in con.sql("SELECT name FROM truth_topics ORDER BY topic").fetchall()]
    planted_topics = con.sql(
        "SELECT p.post_id, t.topic FROM truth_posts_topic t "
        "JOIN posts p ON p.network = t.network AND p.source_id = t.post ORDER BY 1"
    ).fetchnumpy()
    influence = con.sql(
        "SELECT a.account_id, tp.topic FROM truth_influence i "
        "JOIN accounts a ON a.network = i.network AND a.source_id = i.id "
        "JOIN truth_topics tp ON tp.name = i.topic"
    ).fetchnumpy()
    post_ids = planted_topics["post_id"].astype(np.int64)
    post_topics = np.eye(len(names))[planted_topics["topic"]]  # planted topics, one-hot
    yield {
        "ws": ws,
        "names": names,
        "post_ids": post_ids,
        "post_topics": post_topics,
        "influence": influence,
    }
    ws.close()


def _planted(demo, n, t):
    mask = np.zeros(n, dtype=bool)
    mask[demo["influence"]["account_id"][demo["influence"]["topic"] == t]] = True
    return mask


def test_on_topic_scores_recover_planted_topic_influencers(demo):
    ws = demo["ws"]
    view, posts = ws.graph(), ws.posts()
    weights = edge_topics(view, posts, demo["post_ids"], demo["post_topics"])
    relays = view.kind_mask("relay")
    # every relay is about a post with a planted topic (its root)
    assert (np.diff(weights.indptr)[relays] == 1).all()
    on_topic = topic_scores(view, posts, weights)
    blind = einfluence_score(view, posts).score
    hits_topic = hits_blind = total = 0
    for t in range(len(demo["names"])):
        planted = _planted(demo, view.n_nodes, t)
        k = int(planted.sum())  # R-precision: k = number of planted influencers of the topic
        if k == 0:
            continue
        hits_topic += precision_at_k(np.nan_to_num(on_topic[:, t]), planted, k) * k
        hits_blind += precision_at_k(np.nan_to_num(blind), planted, k) * k
        total += k
    # measured (seed 1): on-topic 15/24 = 0.625, topic-blind 5/24 = 0.21
    assert hits_topic / total >= 0.5
    assert hits_topic >= hits_blind + 0.25 * total


def test_topic_prediction_on_a_demo_split(demo):
    ws = demo["ws"]
    split = START + timedelta(days=14)
    early, late = ws.graph(until=split), ws.graph(since=split)
    early_posts, late_posts, all_posts = ws.posts(until=split), ws.posts(since=split), ws.posts()
    args = (all_posts, demo["post_ids"], demo["post_topics"])
    early_topics, late_topics = edge_topics(early, *args), edge_topics(late, *args)
    # interest profiles: the planted topics of each account's early posts
    author = all_posts.author[np.searchsorted(all_posts.post_id, demo["post_ids"])]
    is_early = np.isin(demo["post_ids"], early_posts.post_id)
    profile = np.zeros((early.n_nodes, len(demo["names"])))
    np.add.at(profile, author[is_early], demo["post_topics"][is_early])
    tr = twitterrank(early, profile, n_posts=profile.sum(axis=1))
    assert np.allclose(tr.sum(axis=0), 1.0) and (tr >= 0).all()

    report = evaluate_topic_prediction(
        early,
        late,
        early_posts,
        late_posts,
        early_topics,
        late_topics,
        account_topics=profile,
        topic_names=demo["names"],
        ks=(10, 50),
    )
    assert list(report.macro) == [
        "einfluence_score",
        "topic_score",
        "twitterrank",
        "score_x_interest",
    ]
    blind, on_topic = report.macro["einfluence_score"], report.macro["topic_score"]
    # measured (seed 1): Spearman 0.43 vs 0.15, nDCG@10 0.76 vs 0.20
    assert on_topic["spearman"] > blind["spearman"] + 0.1
    assert on_topic["ndcg@10"] > blind["ndcg@10"] + 0.2
    assert sum(report.n_positive.values()) > 50
    out = json.loads(json.dumps(report.to_dict()))
    assert {t["name"] for t in out["topics"]} == set(demo["names"])
    with pytest.raises(ParameterError):
        evaluate_topic_prediction(
            early, late, None, None, early_topics, late_topics, target="likes"
        )


@pytest.mark.parametrize("min_weight", [0.0, 0.3, 0.30000001, 1.0])
def test_topic_columns_of_a_sparse_matrix_are_those_of_the_dense_one(min_weight):
    """A column's rows written once (canonical sparse) or added up (repeated rows) give the
    dense matrix's columns and on-topic rows, float32 weights compared as float64."""
    import scipy.sparse as sp

    from einfluence.topics._common import TopicColumns

    rng = np.random.default_rng(3)
    dense = rng.random((500, 4)).astype(np.float32)
    dense[rng.random((500, 4)) < 0.6] = 0
    dense[7, 1] = np.float32(0.3)  # just above 0.3 in float64
    canonical = sp.csr_array(dense)
    rows, cols = np.nonzero(dense)  # each weight split in two halves: repeated rows
    halves = np.concatenate([dense[rows, cols] / 2, dense[rows, cols] - dense[rows, cols] / 2])
    repeated = sp.coo_array((halves, (np.tile(rows, 2), np.tile(cols, 2))), shape=dense.shape)
    wanted = TopicColumns(dense.astype(np.float64), 500)
    for matrix in (canonical, repeated):
        columns = TopicColumns(matrix, 500)
        for t in range(4):
            assert np.array_equal(columns(t), wanted(t)), t
            assert np.array_equal(columns.on_topic(t, min_weight), wanted.on_topic(t, min_weight)), t


def test_scoring_topics_does_not_load_scikit_learn():
    """The topic scores, briefs and term counts leave scikit-learn and SciPy's statistics
    unloaded (seconds of a server's first Topics page); the learning modules load them when used."""
    import subprocess
    import sys

    code = ("import sys\n"
            "from einfluence.topics import content_brief, content_topics, edge_topics, topic_score_each, term_counts\n"
            "import einfluence.workspace.scores, einfluence.workspace.topics\n"
            "print(sorted(m for m in ('sklearn', 'scipy.stats') if m in sys.modules))\n"
            "from einfluence.topics import TopicModel\n"
            "print('sklearn' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[:2] == ["[]", "True"], out
