"""TopicModel: recovery of planted topics, the auto number of topics, profiles, real data."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import linear_sum_assignment

from einfluence import Workspace
from einfluence.exceptions import ParameterError
from einfluence.text import STOP_WORDS, Analyzer
from einfluence.topics.model import TopicModel, account_profiles, topic_separation
from tests.conftest import shared_path


def planted_corpus(n_topics: int, n_docs: int, seed: int, n_terms: int = 25, n_background: int = 60):
    """Documents of one topic each: 60 % topic words, 40 % background words (shared)."""
    rng = np.random.default_rng(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    terms = [[f"top{letters[t]}word{letters[j % 26]}{letters[j // 26]}" for j in range(n_terms)]
             for t in range(n_topics)]  # fmt: skip
    background = np.array([f"common{letters[j % 26]}{letters[j // 26]}" for j in range(n_background)])
    label = rng.integers(0, n_topics, n_docs)
    length = rng.integers(6, 14, n_docs)
    docs = []
    for d in range(n_docs):
        is_topic = rng.random(length[d]) < 0.6
        words = np.where(
            is_topic,
            np.array(terms[label[d]])[rng.integers(0, n_terms, length[d])],
            background[rng.integers(0, n_background, length[d])],
        )
        docs.append(" ".join(words))
    return docs, label, [set(t) for t in terms]


def matched_accuracy(top_terms, planted, weights, label):
    """Dominant-topic accuracy after matching learned to planted topics by word overlap."""
    overlap = np.array([[len(set(t) & p) for p in planted] for t in top_terms])
    rows, cols = linear_sum_assignment(-overlap)
    mapping = np.full(len(top_terms), -1)
    mapping[rows] = cols
    return float(np.mean(mapping[weights.argmax(axis=1)] == label)), overlap[rows, cols]


def test_recovers_planted_topics():
    docs, label, planted = planted_corpus(5, 2000, seed=1)
    model = TopicModel(5, random_state=0)
    weights = model.fit_transform(docs)
    accuracy, overlaps = matched_accuracy(model.top_terms_, planted, weights, label)
    assert accuracy >= 0.9
    assert (overlaps == 10).all()  # every top term of a topic comes from its planted topic
    assert model.n_topics_ == 5 and model.components_.shape == (5, len(model.vocabulary_))
    assert len(model.names_) == 5 and all(n.count(" · ") == 2 for n in model.names_)
    assert model.feature_names_[model.vocabulary_["commonaa"]] == "commonaa"
    assert (model.coherence_ > 0.2).all()


def test_transform_rows_sum_to_one_or_zero():
    docs, _, _ = planted_corpus(3, 600, seed=2)
    model = TopicModel(3, random_state=0).fit(docs)
    weights = model.transform([*docs[:5], None, "", "le la les the and", "unseen words only"])
    assert weights.shape == (9, 3) and (weights >= 0).all()
    np.testing.assert_allclose(weights[:5].sum(axis=1), 1.0)
    assert (weights[5:] == 0).all()
    assert model.transform([]).shape == (0, 3)


def test_random_state_reproducibility_and_sampling():
    docs, label, planted = planted_corpus(4, 1500, seed=3)
    a = TopicModel(4, sample_size=500, random_state=7).fit_transform(docs)
    b = TopicModel(4, sample_size=500, random_state=7).fit_transform(docs)
    np.testing.assert_array_equal(a, b)
    sampled = TopicModel(4, sample_size=500, random_state=7).fit(docs)
    assert sampled.n_samples_fit_ == 500
    np.testing.assert_allclose(sampled.transform(docs), a)
    accuracy, _ = matched_accuracy(sampled.top_terms_, planted, a, label)
    assert accuracy >= 0.9  # fitted on a third, projected on all


@pytest.mark.parametrize("n_planted", [3, 6])
def test_auto_number_of_topics_finds_the_planted_one(n_planted):
    docs, _, _ = planted_corpus(n_planted, 1500, seed=n_planted)
    model = TopicModel("auto", n_topics_range=(2, 9), random_state=0).fit(docs)
    assert model.n_topics_ == n_planted
    assert set(model.n_topics_scores_) == set(range(2, 10))


def test_topic_separation_prefers_clean_topics():
    docs = np.array([[1, 1, 0, 0], [1, 1, 0, 0], [0, 0, 1, 1], [0, 0, 1, 1], [1, 1, 1, 1]])
    clean, coherence, redundancy = topic_separation(docs, np.array([[0, 1], [2, 3]]))
    mixed, _, _ = topic_separation(docs, np.array([[0, 2], [1, 3]]))
    assert clean > mixed
    assert (coherence > redundancy).all()
    with pytest.raises(ParameterError):
        topic_separation(docs, np.array([[0], [1]]))
    with pytest.raises(ParameterError):
        topic_separation(docs, np.array([[0, 9]]))


def test_validation():
    docs, _, _ = planted_corpus(2, 100, seed=4)
    with pytest.raises(ParameterError):
        TopicModel(0).fit(docs)
    with pytest.raises(ParameterError):
        TopicModel("many").fit(docs)
    with pytest.raises(ParameterError):
        TopicModel(2, solver="sgd").fit(docs)
    with pytest.raises(ParameterError, match="no term left"):
        TopicModel(2).fit(["the", "le", None])
    with pytest.raises(ParameterError, match="exceeds"):
        TopicModel(500).fit(docs)
    with pytest.raises(ParameterError, match="not fitted"):
        TopicModel(2).transform(docs)
    with pytest.raises(TypeError):
        TopicModel(2).fit("one string")


def test_account_profiles():
    post_topics = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0], [0.2, 0.8], [1.0, 0.0]])
    author = np.array([0, 0, 1, 2, -1])
    profiles = account_profiles(author, post_topics, 4)
    np.testing.assert_allclose(profiles, [[0.5, 0.5], [0, 0], [0.2, 0.8], [0, 0]])
    weighted = account_profiles(author, post_topics, 4, weights=np.array([3.0, 1, 1, 1, 1]))
    np.testing.assert_allclose(weighted[0], [0.75, 0.25])
    # the sparse product agrees with a per-account loop
    rng = np.random.default_rng(0)
    a = rng.integers(0, 50, 1000)
    w = rng.dirichlet(np.ones(4), 1000)
    expected = np.array([w[a == i].mean(axis=0) if (a == i).any() else np.zeros(4) for i in range(60)])
    np.testing.assert_allclose(account_profiles(a, w, 60), expected)
    with pytest.raises(ParameterError):
        account_profiles(np.array([0, 5]), post_topics[:2], 4)
    with pytest.raises(ParameterError):
        account_profiles(author, post_topics[:3], 4)
    with pytest.raises(ParameterError):
        account_profiles(author, -post_topics, 4)
    with pytest.raises(ParameterError):
        account_profiles(author, post_topics, 4, weights=np.ones(3))


def demo_posts(tmp_path, n_accounts=1500, seed=0):
    """Post texts, authors and planted topics of a small demo world."""
    db = tmp_path / "demo.duckdb"
    Workspace.create_demo(db, n_accounts=n_accounts, n_days=14, seed=seed)
    with Workspace(db) as ws:
        truth = ws.truth("posts_topic")  # noqa: F841 (queried by DuckDB below)
        rows = ws.con.execute(
            """
            SELECT p.author_id, p.text, t.topic
            FROM posts p JOIN truth t ON p.network = t.network AND p.source_id = t.post
            WHERE p.text IS NOT NULL ORDER BY p.post_id
            """
        ).fetchall()
        topics = ws.truth("topics").to_pylist()
        n = ws.con.execute("SELECT max(account_id) + 1 FROM accounts").fetchone()[0]
    author = np.array([r[0] for r in rows])
    texts = [r[1] for r in rows]
    label = np.array([r[2] for r in rows])
    analyzer = Analyzer()
    planted = [set(analyzer(" ".join(t["terms_en"] + t["terms_fr"] + t["hashtags"]))) for t in topics]
    return author, texts, label, planted, n


def test_demo_world_topics_are_recovered(tmp_path):
    author, texts, label, planted, n_accounts = demo_posts(tmp_path)
    model = TopicModel(len(planted), random_state=0)
    weights = model.fit_transform(texts)
    accuracy, overlaps = matched_accuracy(model.top_terms_, planted, weights, label)
    # the French and English halves of a planted topic share only hashtags and a few words:
    # NMF learns them as subtopics, merged by their hashtag profiles (0.78 before merging)
    print(f"demo world dominant-topic accuracy after Hungarian matching: {accuracy:.3f}")
    assert accuracy >= 0.85  # chance is about 0.2
    assert (overlaps >= 5).sum() >= 6  # most learned topics are made of one planted vocabulary
    profiles = account_profiles(author, weights, n_accounts)
    active = profiles.sum(axis=1) > 0
    assert active.sum() > 0.5 * len(np.unique(author))
    np.testing.assert_allclose(profiles[active].sum(axis=1), 1.0)


def test_twitter15_16_topics():
    root = shared_path("twitter15-16-rumor-trees")
    texts = []
    for part in ("twitter15", "twitter16"):
        with open(root / part / "source_tweets.txt", encoding="utf-8") as f:
            texts += [line.rstrip("\n").split("\t", 1)[1] for line in f if "\t" in line]
    assert len(texts) > 2000
    model = TopicModel(10, random_state=0).fit(texts)
    for terms in model.top_terms_:
        assert not set(terms) & STOP_WORDS
        assert all(len(t) > 1 for t in terms)
    heads = [tuple(t[:3]) for t in model.top_terms_]
    assert len(set(heads)) == 10
    tops = [set(t) for t in model.top_terms_]
    max_shared = max(len(a & b) for i, a in enumerate(tops) for b in tops[i + 1 :])
    assert max_shared <= 3  # topics are distinct
    weights = model.transform(texts)
    assert (weights.sum(axis=1) > 0).mean() > 0.8


def bilingual_corpus(n_topics: int, n_docs: int, seed: int, p_tag: float = 0.35):
    """Each topic has an English and a French vocabulary that share nothing but hashtags.

    A document is in one language: 60 % words of its topic in that language, 40 % background
    words of that language, and with probability ``p_tag`` one hashtag of its topic (hashtags
    are the same in both languages, as ``#ebike`` is).
    """
    rng = np.random.default_rng(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    vocab = {
        lang: [[f"{lang}{letters[t]}word{letters[j]}" for j in range(20)] for t in range(n_topics)]
        for lang in ("en", "fr")
    }
    background = {lang: [f"{lang}common{letters[j % 26]}{letters[j // 26]}" for j in range(40)]
                  for lang in ("en", "fr")}  # fmt: skip
    tags = [[f"#tag{letters[t]}{j}" for j in range(3)] for t in range(n_topics)]
    label = rng.integers(0, n_topics, n_docs)
    lang = rng.integers(0, 2, n_docs)
    docs = []
    for d in range(n_docs):
        code = ("en", "fr")[lang[d]]
        words = [
            vocab[code][label[d]][rng.integers(20)] if rng.random() < 0.6 else background[code][rng.integers(40)]
            for _ in range(rng.integers(6, 12))
        ]
        if rng.random() < p_tag:
            words.append(tags[label[d]][rng.integers(3)])
        docs.append(" ".join(words))
    return docs, label, lang


def dominant_accuracy(weights, label):
    """Dominant-topic accuracy after Hungarian matching of learned to planted topics."""
    k = max(weights.shape[1], label.max() + 1)
    counts = np.zeros((k, k))
    np.add.at(counts, (weights.argmax(axis=1), label), 1)
    rows, cols = linear_sum_assignment(-counts)
    return counts[rows, cols].sum() / label.size


def test_bilingual_topics_are_merged_by_their_hashtags():
    docs, label, lang = bilingual_corpus(4, 2400, seed=5)
    model = TopicModel(4, random_state=0)
    weights = model.fit_transform(docs)
    assert model.n_topics_ == 4 and weights.shape == (2400, 4)
    assert model.n_subtopics_ >= 8  # at least one per language and topic
    assert (np.bincount(model.subtopic_labels_) >= 2).all()
    assert dominant_accuracy(weights, label) >= 0.95
    for t in range(4):  # every topic speaks both languages
        assert (lang[weights.argmax(axis=1) == t] == 0).mean() == pytest.approx(0.5, abs=0.1)
        # the name shows the heaviest terms of each language half
        assert {term[:2] for term in model.names_[t].replace(" / ", " · ").split(" · ")} == {"en", "fr"}
    np.testing.assert_allclose(model.transform(docs[:50]).sum(axis=1), 1.0)
    assert model.components_.shape == (4, len(model.vocabulary_)) and (model.components_ >= 0).all()
    # without merging, NMF learns language halves: half the topics are lost
    split = TopicModel(4, merge_threshold=None, random_state=0).fit_transform(docs)
    assert dominant_accuracy(split, label) < 0.8


def test_bilingual_auto_number_of_topics():
    docs, label, _ = bilingual_corpus(3, 1800, seed=6)
    model = TopicModel("auto", n_topics_range=(2, 9), random_state=0)
    weights = model.fit_transform(docs)
    assert model.n_topics_ == 3 and model.n_subtopics_ >= 6
    assert dominant_accuracy(weights, label) >= 0.95


def test_monolingual_topics_are_not_merged():
    docs, label, _ = planted_corpus(4, 1500, seed=7)
    rng = np.random.default_rng(0)
    tagged = [f"{d} #tag{y}" if rng.random() < 0.4 else d for d, y in zip(docs, label, strict=True)]
    model = TopicModel(4, random_state=0)
    weights = model.fit_transform(docs)  # no hashtag: no merge signal, no subtopic search
    assert model.n_subtopics_ == 4 and model.subtopic_labels_.tolist() == [0, 1, 2, 3]
    np.testing.assert_allclose(model.components_, model.subtopic_components_)
    assert dominant_accuracy(weights, label) >= 0.9
    model = TopicModel(4, random_state=0)
    weights = model.fit_transform(tagged)  # one set of hashtags per topic: topics stay apart
    assert dominant_accuracy(weights, label) >= 0.9
    for t in range(4):  # subtopics merged into a topic are parts of one planted topic
        assert np.bincount(label[weights.argmax(axis=1) == t]).max() >= 0.9 * (weights.argmax(axis=1) == t).sum()
    assert TopicModel("auto", n_topics_range=(2, 7), random_state=0).fit(tagged).n_topics_ == 4


def test_merge_validation():
    docs, _, _ = planted_corpus(2, 100, seed=4)
    with pytest.raises(ParameterError):
        TopicModel(2, merge_threshold=1.5).fit(docs)
    with pytest.raises(ParameterError):
        TopicModel(2, idf_power=-1).fit(docs)
    with pytest.raises(ParameterError):
        topic_separation(np.eye(3), np.array([[0, 1], [1, 2]]), groups=np.array([0]))


def test_one_svd_initialises_every_candidate_number_of_topics(monkeypatch):
    """The NNDSVDa factors are scikit-learn's for the same SVD, and the automatic choice of the
    number of topics computes one SVD for all its candidates (the first k columns of its start)."""
    import scipy.sparse as sp
    import sklearn.utils.extmath

    from einfluence.topics.model import _nndsvda

    nmf_module = pytest.importorskip("sklearn.decomposition._nmf")  # the oracle, private
    x = sp.random(300, 200, density=0.05, random_state=1, format="csr")
    for k in (1, 4, 12):
        w, h = _nndsvda(x, k, 7)
        w_ref, h_ref = nmf_module._initialize_nmf(x, k, init="nndsvda", random_state=7)
        np.testing.assert_allclose(w, w_ref, atol=1e-12)
        np.testing.assert_allclose(h, h_ref, atol=1e-12)
        assert (w > 0).all() and (h > 0).all()
    ranks = []
    svd = sklearn.utils.extmath.randomized_svd
    monkeypatch.setattr(sklearn.utils.extmath, "randomized_svd",
                        lambda m, k, **kw: ranks.append(k) or svd(m, k, **kw))
    docs, _, _ = planted_corpus(3, 600, seed=3)
    model = TopicModel("auto", n_topics_range=(2, 9), random_state=0).fit(docs)
    assert ranks == [9] and set(model.n_topics_scores_) == set(range(2, 10))
