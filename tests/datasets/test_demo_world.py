"""Tests of the demo world generator: determinism, validity, and its planted truth."""

from __future__ import annotations

import math

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from scipy.stats import spearmanr

from einfluence.base.kinds import ACCOUNT_KINDS, INTERACTION_KINDS, POST_KINDS
from einfluence.base.random import check_random_state
from einfluence.base.validation import check_scalar
from einfluence.datasets import DemoWorld, make_demo_world
from einfluence.datasets import _kernels as K
from einfluence.datasets import vocabulary as V
from einfluence.io.records import ACCOUNT_COLUMNS, INTERACTION_COLUMNS, POST_COLUMNS, Records

SMALL = {"n_accounts": 400, "n_days": 14}


@pytest.fixture(scope="module")
def world() -> DemoWorld:
    """The default-size world (3000 accounts, 6 weeks), shared by the statistical tests."""
    return make_demo_world(seed=0)


@pytest.fixture(scope="module")
def con(world: DemoWorld):
    """An in-memory DuckDB connection over the records and the truth of ``world``."""
    c = duckdb.connect()
    c.register("accounts", world.records.accounts)
    c.register("posts", world.records.posts)
    c.register("inter", world.records.interactions)
    for name, table in world.truth.items():
        c.register(f"t_{name}", table)
    yield c
    c.close()


def _tables(w: DemoWorld) -> list[pa.Table]:
    return [w.records.accounts, w.records.posts, w.records.interactions, *w.truth.values()]


# ----------------------------------------------------------------------------- determinism


def test_same_seed_same_world_and_different_seed_differs():
    a = make_demo_world(**SMALL, seed=7)
    b = make_demo_world(**SMALL, seed=7)
    c = make_demo_world(**SMALL, seed=8)
    assert list(a.truth) == list(b.truth)
    assert all(x.equals(y) for x, y in zip(_tables(a), _tables(b), strict=True))
    assert a.params == b.params
    assert not a.records.interactions.equals(c.records.interactions)
    assert not a.records.posts.equals(c.records.posts)


def test_params_reproduce_the_world():
    a = make_demo_world(**SMALL, seed=4, n_topics=6)
    b = make_demo_world(**a.params)
    assert a.params["n_blogs"] == 12 and a.params["n_topics"] == 6
    assert all(x.equals(y) for x, y in zip(_tables(a), _tables(b), strict=True))


def test_generator_seed_is_accepted_and_recorded():
    w = make_demo_world(**SMALL, seed=np.random.default_rng(5))
    assert w.params["seed"] == "Generator"
    assert w.records.interactions.num_rows > 0


# ----------------------------------------------------------------------------- validity


def test_records_are_canonical(world: DemoWorld):
    rec = world.records
    canonical = Records()
    for table, spec, kinds, empty in (
        (rec.accounts, ACCOUNT_COLUMNS, ACCOUNT_KINDS, canonical.accounts),
        (rec.posts, POST_COLUMNS, POST_KINDS, canonical.posts),
        (rec.interactions, INTERACTION_COLUMNS, INTERACTION_KINDS, canonical.interactions),
    ):
        assert table.schema.names == list(spec)
        assert table.schema == empty.schema
        for name, (_, required) in spec.items():
            if required:
                assert table.column(name).null_count == 0, name
        assert set(pc.unique(table.column("kind")).to_pylist()) <= set(kinds)
    # the validating constructor accepts the same columns
    again = Records.from_columns(
        accounts=rec.accounts.to_pydict(), interactions=rec.interactions.slice(0, 2000).to_pydict()
    )
    assert again.accounts.equals(rec.accounts)
    # unique identifiers per network
    for table in (rec.accounts, rec.posts):
        network = table.column("network").cast(pa.string())
        keys = pc.binary_join_element_wise(network, table.column("id"), "/")
        assert len(pc.unique(keys)) == table.num_rows


def test_references_resolve_and_directions_hold(con: duckdb.DuckDBPyConnection):
    q = con.execute
    # every author, src and dst is a listed account; every parent, root and post is a listed post
    assert (
        q("""SELECT count(*) FROM posts p ANTI JOIN accounts a
               ON a.network = p.network AND a.id = p.author""").fetchone()[0]
        == 0
    )
    assert (
        q("""SELECT count(*) FROM inter i ANTI JOIN accounts a
               ON a.network = coalesce(i.dst_network, i.network) AND a.id = i.dst""").fetchone()[0]
        == 0
    )
    assert (
        q("""SELECT count(*) FROM posts c ANTI JOIN posts p ON p.network = c.network AND p.id = c.parent
               WHERE c.parent IS NOT NULL""").fetchone()[0]
        == 0
    )
    # the post of an interaction is a post of src; a relay's parent is a post of dst
    bad = q("""SELECT count(*) FROM inter i JOIN posts p ON p.network = i.network AND p.id = i.post
               WHERE p.author <> i.src""").fetchone()[0]
    assert bad == 0
    relays = q("""SELECT count(*), count(*) FILTER (WHERE par.author = i.dst AND p.kind = 'relay'
                                                    AND p.root IS NOT NULL AND p.time > par.time)
               FROM inter i JOIN posts p ON p.network = i.network AND p.id = i.post
               JOIN posts par ON par.network = p.network AND par.id = p.parent
               WHERE i.kind = 'relay'""").fetchone()
    assert relays[0] > 1000 and relays[1] == relays[0]
    # follows are a timeless snapshot; every other interaction has a time inside the window
    assert (
        q("SELECT count(*) FROM inter WHERE kind = 'follow' AND time IS NOT NULL").fetchone()[0]
        == 0
    )
    lo, hi = q("SELECT min(time), max(time) FROM inter WHERE kind <> 'follow'").fetchone()
    assert str(lo) >= "2026-09-07" and str(hi) < "2026-10-19"
    # cross-network links of the people who own a blog
    cross = q("""SELECT count(*) FROM inter i JOIN accounts a ON a.network = 'blog' AND a.id = i.dst
                 JOIN accounts m ON m.network = 'microblog' AND m.id = i.src AND m.person = a.person
                 WHERE i.dst_network = 'blog'""").fetchone()[0]
    assert cross > 0


def test_imports_into_the_store(workspace):
    w = make_demo_world(**SMALL, seed=2)
    rec = w.records
    result = workspace.add_records(rec)
    assert result.counts.accounts_added == rec.accounts.num_rows
    assert result.counts.posts_added == rec.posts.num_rows
    assert result.counts.interactions_added == rec.interactions.num_rows
    assert (
        result.counts.persons_added == pc.count_distinct(rec.accounts.column("person")).as_py() > 0
    )
    stats = workspace.stats(by_day=False)
    assert sum(stats["interactions_by_kind"].values()) == rec.interactions.num_rows
    again = workspace.add_records(rec)
    assert again.skipped


def test_summary(world: DemoWorld):
    s = world.summary()
    assert s["accounts_by_network"] == {"blog": world.params["n_blogs"], "microblog": 3000}
    assert s["interactions"] == world.records.interactions.num_rows
    assert set(s["interactions_by_kind"]) == {
        "follow",
        "relay",
        "like",
        "reply",
        "quote",
        "mention",
        "hyperlink",
    }
    assert {"original", "relay", "reply", "quote", "blog_post"} <= set(s["posts_by_kind"])
    assert s["brands"] == ["Ondula", "Rapidel", "Velmo"]
    assert s["start"].startswith("2026-09-07")


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"n_accounts": 50}, ValueError),
        ({"n_accounts": 1000.0}, TypeError),
        ({"n_days": 3}, ValueError),
        ({"n_topics": 9}, ValueError),
        ({"homophily": 1.5}, ValueError),
        ({"degree_exponent": 2.0}, ValueError),
        ({"start": "not a date"}, ValueError),
        ({"seed": -1}, ValueError),
        ({"seed": "1"}, TypeError),
        ({"n_rising": 400}, ValueError),
    ],
)
def test_bad_parameters_are_refused(kwargs, error):
    with pytest.raises(error):
        make_demo_world(**{**SMALL, **kwargs})


def test_validation_helpers():
    rng = np.random.default_rng(1)
    assert check_random_state(rng) is rng
    assert check_random_state(3).random() == np.random.default_rng(3).random()
    assert isinstance(check_random_state(None), np.random.Generator)
    with pytest.raises(TypeError):
        check_random_state(True)
    with pytest.raises(TypeError):
        check_random_state(np.random.RandomState(0))
    assert check_scalar(2, "x", int, min_val=2) == 2
    with pytest.raises(ValueError):
        check_scalar(2, "x", int, min_val=2, include_min=False)
    with pytest.raises(ValueError):
        check_scalar(math.inf, "x", float)


# ----------------------------------------------------------------------------- planted structure


def test_followers_are_heavy_tailed(world: DemoWorld):
    acc = world.records.accounts.filter(
        pc.equal(world.records.accounts.column("network"), "microblog")
    )
    followers = acc.column("followers").to_numpy()
    in_degree = pc.value_counts(
        world.records.interactions.filter(
            pc.equal(world.records.interactions.column("kind"), "follow")
        ).column("dst")
    )
    assert followers.sum() == sum(in_degree.field("counts").to_pylist())  # exactly the in-degree
    assert followers.max() > 30 * np.median(followers)
    # Hill estimator of the tail exponent gamma of P(k) ~ k^-gamma over the top 3 %
    k = np.sort(followers)[::-1]
    top = k[: len(k) * 3 // 100]
    alpha = 1.0 / np.mean(np.log(top[:-1] / top[-1]))
    assert 1.5 < 1.0 + alpha < 4.0


def test_both_languages_with_accented_french(world: DemoWorld, con):
    langs = world.summary()["languages"]
    share = langs["fr"] / (langs["fr"] + langs["en"])
    assert 0.3 < share < 0.5
    fr_texts = con.execute(
        "SELECT text FROM posts WHERE language = 'fr' AND text IS NOT NULL"
    ).fetchall()
    accented = sum(any(ch in t for ch in "éèàçêâîôû") for (t,) in fr_texts)
    assert accented > 0.5 * len(fr_texts)
    en_terms = set(V.TOPICS["e-bikes"]["en"])
    en_text = con.execute(
        "SELECT string_agg(text, ' ') FROM posts WHERE language = 'en'"
    ).fetchone()[0]
    assert sum(term in en_text for term in en_terms) > 20


def test_advocates_positive_detractors_negative(con):
    rows = con.execute("""
        SELECT a.role, t.sentiment, count(*) FROM t_posts_topic t
        JOIN t_accounts a ON a.network = t.network AND a.id = t.author
        WHERE t.brand = 'Ondula' AND a.role IN ('advocate', 'detractor') GROUP BY ALL""").fetchall()
    by = {(r, s): n for r, s, n in rows}
    adv = sum(n for (r, _), n in by.items() if r == "advocate")
    det = sum(n for (r, _), n in by.items() if r == "detractor")
    assert adv >= 50 and det >= 25
    assert by.get(("advocate", 1), 0) > 0.8 * adv
    assert by.get(("detractor", -1), 0) > 0.8 * det
    # the brand is named in each of these texts, and the wording matches the polarity
    names = [*V.BRANDS[0]["aliases"], *V.BRANDS[0]["products"], V.BRANDS[0]["handle"]]
    texts = con.execute("""
        SELECT p.text, t.sentiment, p.language FROM t_posts_topic t
        JOIN posts p ON p.network = t.network AND p.id = t.post
        WHERE t.brand = 'Ondula'""").fetchall()
    assert all(any(name in text for name in names) for text, _, _ in texts)
    for text, sentiment, lang in texts[:200]:
        if sentiment == -1:
            assert any(b in text and a in text for b, a in V.SENTIMENT[lang]["negative"])
    # the brand handle is mentioned and relayed
    assert (
        con.execute("""SELECT count(*) FROM inter i JOIN t_brands b ON b.account = i.dst
                      WHERE b.name = 'Ondula' AND i.kind = 'mention'""").fetchone()[0]
        > 0
    )
    assert (
        con.execute("""SELECT count(*) FROM inter i JOIN t_brands b ON b.account = i.dst
                      WHERE b.name = 'Ondula' AND i.kind = 'relay'""").fetchone()[0]
        > 50
    )


def test_rising_fading_influencers_peak_on_time(con):
    # relays received per day, from the records only, against the planted peaks
    rows = con.execute("""
        WITH per_day AS (
            SELECT dst, date_diff('day', DATE '2026-09-07', time::DATE) AS day, count(*) AS n
            FROM inter WHERE kind = 'relay' GROUP BY ALL)
        SELECT i.id, i.width_days,
               date_diff('second', TIMESTAMP '2026-09-07', i.peak) / 86400.0 AS peak,
               list(d.day ORDER BY d.day), list(d.n ORDER BY d.day)
        FROM t_influence i JOIN per_day d ON d.dst = i.id
        WHERE i.kind = 'rising_fading' GROUP BY ALL""").fetchall()
    shares = []
    for _, width, peak, days, counts in rows:
        days, counts = np.array(days), np.array(counts)
        if counts.sum() < 20:
            continue
        near = np.abs(days + 0.5 - peak) <= 2 * width + 1
        shares.append(counts[near].sum() / counts.sum())
        # the busiest day is close to the planted peak
        assert abs(days[np.argmax(counts)] + 0.5 - peak) <= 2 * width + 1
    assert len(shares) >= 5
    assert np.median(shares) > 0.8
    # bursts: the planted day dominates the account's relays of the surrounding week
    burst = con.execute("""
        SELECT i.id, count(*) FILTER (WHERE x.time::DATE = i.peak::DATE) AS on_day,
               count(*) FILTER (WHERE abs(date_diff('day', x.time::DATE, i.peak::DATE)) BETWEEN 1 AND 3)
        FROM t_influence i JOIN inter x ON x.dst = i.id AND x.kind = 'relay'
        WHERE i.kind = 'burst' GROUP BY ALL""").fetchall()
    assert sum(b[1] for b in burst) > 2 * sum(b[2] for b in burst)


def test_influence_is_not_audience(con):
    rows = con.execute("""
        SELECT a.role, a.followers, coalesce(r.n, 0) FROM t_accounts a
        LEFT JOIN (SELECT dst, count(*) n FROM inter WHERE kind = 'relay' GROUP BY dst) r ON r.dst = a.id
        WHERE a.network = 'microblog' AND a.kind = 'person'""").fetchall()
    role = np.array([r[0] for r in rows])
    followers = np.array([r[1] for r in rows], dtype=float)
    relays = np.array([r[2] for r in rows], dtype=float)
    rho = spearmanr(followers, relays).statistic
    assert 0.1 < rho < 0.75
    per_follower = relays / np.maximum(followers, 1)
    celeb, infl = role == "celebrity", role == "influencer"
    assert np.median(followers[celeb]) > 3 * np.median(followers[infl])
    assert np.median(per_follower[infl]) > 10 * np.median(per_follower[celeb])
    # niche influencers: a small audience, yet more relays than the famous
    niche = con.execute("""SELECT median(a.followers), median(coalesce(r.n, 0)) FROM t_influence i
        JOIN t_accounts a ON a.id = i.id AND a.network = 'microblog'
        LEFT JOIN (SELECT dst, count(*) n FROM inter WHERE kind = 'relay' GROUP BY dst) r ON r.dst = i.id
        WHERE i.niche""").fetchone()
    assert niche[0] < np.median(followers[celeb]) / 5
    assert niche[1] > np.median(relays[celeb])


def test_cascades_are_multi_hop(world: DemoWorld, con):
    posts = world.records.posts.filter(pc.equal(world.records.posts.column("network"), "microblog"))
    parent_idx = pc.index_in(posts.column("parent"), value_set=posts.column("id")).to_numpy(
        zero_copy_only=False
    )
    is_relay = posts.column("kind").to_numpy(zero_copy_only=False) == "relay"
    parent = np.where(np.isnan(parent_idx.astype(float)), -1, parent_idx).astype(np.int64)
    depth = np.zeros(posts.num_rows, dtype=np.int64)
    for _ in range(50):
        new = np.where(is_relay & (parent >= 0), depth[np.maximum(parent, 0)] + 1, 0)
        if np.array_equal(new, depth):
            break
        depth = new
    assert depth.max() >= 3
    assert (depth >= 2).sum() > 0.1 * (depth >= 1).sum()
    # the truth agrees with the records
    assert depth.max() == pc.max(world.truth["cascades"].column("depth")).as_py()
    # depth differs by influencer
    depths = con.execute("""SELECT c.author, max(c.depth) FROM t_cascades c
                        JOIN t_influence i ON i.id = c.author GROUP BY ALL""").fetchall()
    assert len({d for _, d in depths}) >= 2
    # delays: relays come minutes to hours after what they relay
    delays = con.execute("""SELECT median(date_diff('second', par.time, p.time)) / 60.0
                        FROM posts p JOIN posts par ON par.network = p.network AND par.id = p.parent
                        WHERE p.kind = 'relay'""").fetchone()[0]
    assert 5 < delays < 120


def test_topics_and_brands_truth(world: DemoWorld):
    topics = world.truth["topics"]
    assert topics.num_rows == 8
    for row in topics.to_pylist():
        assert len(row["terms_en"]) >= 25 and len(row["terms_fr"]) >= 25 and row["hashtags"]
    brands = world.truth["brands"].to_pylist()
    assert [b["competitor"] for b in brands] == [False, True, True]
    acc = world.records.accounts.to_pylist()
    handle_of = {a["id"]: a["handle"] for a in acc if a["network"] == "microblog"}
    kind_of = {a["id"]: a["kind"] for a in acc if a["network"] == "microblog"}
    for b in brands:
        assert kind_of[b["account"]] == "brand"
        assert "@" + handle_of[b["account"]] in b["handles"]
    # the topic of an original is visible in its text
    pt = world.truth["posts_topic"]
    sample = pt.filter(pc.equal(pt.column("kind"), "original")).slice(0, 300).to_pylist()
    text_of = dict(
        zip(
            world.records.posts.column("id").to_pylist(),
            world.records.posts.column("text").to_pylist(),
            strict=True,
        )
    )
    hits = 0
    for row in sample:
        name = topics.column("name")[row["topic"]].as_py()
        terms = [*V.TOPICS[name]["en"], *V.TOPICS[name]["fr"]]
        hits += any(term in text_of[row["post"]] for term in terms)
    assert hits > 0.9 * len(sample)


# ----------------------------------------------------------------------------- kernel


def _reference_cascades(
    seed,
    indptr,
    followers,
    lang,
    interest,
    propensity,
    base,
    episodes,
    posts,
    t_end,
    carry,
    hop_decay,
    cross_lang,
    like_ratio,
    reply_ratio,
    quote_ratio,
    p_max,
    delay_mu,
    delay_sigma,
    max_cascade,
):
    """Plain-Python transcription of the kernel's model, drawing the same uniform numbers."""
    np.random.seed(seed)

    def influence(u, t, topic):
        value = base[u]
        for acc, e_topic, kind, peak, width, strength in episodes:
            if acc != u or e_topic != topic:
                continue
            if kind == K.EPISODE_RISING_FADING:
                value += strength * math.exp(-0.5 * ((t - peak) / width) ** 2)
            elif kind == K.EPISODE_BURST:
                value += strength if abs(t - peak) <= width else 0.0
            else:
                value += strength
        return value

    events = []
    reacted = {}
    for p, (a, t0, topic, novelty, plang) in enumerate(posts):
        i_root = influence(a, t0, topic)
        reacted[p] = {a}
        queue = [(a, t0, -1, 0)]
        relays = 0
        while queue:
            u, tu, eu, d = queue.pop(0)
            infl = i_root if d == 0 else influence(u, tu, topic) + i_root * carry**d
            factor = infl * 2.0 * novelty * hop_decay**d
            if factor <= 0:
                continue
            for v in followers[indptr[u] : indptr[u + 1]]:
                if v in reacted[p]:
                    continue
                q = (
                    factor
                    * interest[v][topic]
                    * propensity[v]
                    * (1.0 if lang[v] == plang else cross_lang)
                )
                if q <= 0:
                    continue
                r = np.random.random()
                pr = min(q, p_max)
                pl, prp, pq = like_ratio * q, reply_ratio * q, quote_ratio * q
                if pr + pl + prp + pq > 0.98:
                    s = (0.98 - pr) / (pl + prp + pq)
                    pl, prp, pq = pl * s, prp * s, pq * s
                if r >= pr + pl + prp + pq:
                    continue
                reacted[p].add(v)
                u1, u2 = np.random.random(), np.random.random()
                z = math.sqrt(-2.0 * math.log(1.0 - u1)) * math.cos(2.0 * math.pi * u2)
                tv = tu + math.exp(delay_mu + delay_sigma * z) / 1440.0
                if tv >= t_end:
                    continue
                kind = 0 if r < pr else 1 if r < pr + pl else 2 if r < pr + pl + prp else 3
                events.append(
                    (v, u if kind == 0 else a, kind, tv, p, eu if kind == 0 else -1, d + 1)
                )
                if kind == 0 and relays < max_cascade:
                    relays += 1
                    queue.append((v, tv, len(events) - 1, d + 1))
    return events


def test_kernel_matches_pure_python_reference():
    rng = np.random.default_rng(11)
    n, n_topics = 40, 3
    edges = np.unique(rng.integers(0, n, (300, 2)), axis=0)
    edges = edges[edges[:, 0] != edges[:, 1]]  # follower, followee
    order = np.argsort(edges[:, 1], kind="stable")
    followers = edges[order, 0].astype(np.int32)
    indptr = np.concatenate([[0], np.cumsum(np.bincount(edges[:, 1], minlength=n))]).astype(
        np.int64
    )
    lang = rng.integers(0, 2, n).astype(np.int8)
    interest = rng.dirichlet(np.ones(n_topics), n)
    propensity = rng.lognormal(0, 0.5, n)
    base = rng.uniform(0.05, 0.4, n)
    episodes = [
        (2, 0, K.EPISODE_RISING_FADING, 3.0, 1.0, 1.5),
        (2, 1, K.EPISODE_STEADY, np.nan, np.nan, 0.5),
        (5, 0, K.EPISODE_BURST, 2.5, 0.5, 2.0),
        (9, 2, K.EPISODE_STEADY, np.nan, np.nan, 0.8),
    ]
    ep_acc = np.array([e[0] for e in episodes])
    ep_indptr = np.concatenate([[0], np.cumsum(np.bincount(ep_acc, minlength=n))]).astype(np.int64)
    ep = [np.array([e[i] for e in episodes]) for i in range(1, 6)]
    n_posts = 30
    posts = [
        (
            int(rng.integers(0, n)),
            float(rng.uniform(0, 6)),
            int(rng.integers(0, n_topics)),
            float(rng.uniform(0.1, 0.9)),
            int(rng.integers(0, 2)),
        )
        for _ in range(n_posts)
    ]
    posts[:3] = [(2, 3.0, 0, 0.8, lang[2]), (5, 2.4, 0, 0.9, lang[5]), (9, 1.0, 2, 0.7, lang[9])]
    scalars = dict(
        t_end=6.0,
        carry=0.3,
        hop_decay=0.7,
        cross_lang=0.3,
        like_ratio=2.0,
        reply_ratio=0.2,
        quote_ratio=0.1,
        p_max=0.9,
        delay_mu=math.log(20.0),
        delay_sigma=1.0,
        max_cascade=15,
    )
    got = K.simulate_cascades(
        1234,
        indptr,
        followers,
        lang,
        interest,
        propensity,
        base,
        ep_indptr,
        ep[0].astype(np.int32),
        ep[1].astype(np.int8),
        ep[2].astype(float),
        ep[3].astype(float),
        ep[4].astype(float),
        np.array([p[0] for p in posts], np.int64),
        np.array([p[1] for p in posts]),
        np.array([p[2] for p in posts], np.int64),
        np.array([p[3] for p in posts]),
        np.array([p[4] for p in posts], np.int8),
        *scalars.values(),
    )
    want = _reference_cascades(
        1234,
        indptr,
        followers,
        lang,
        interest,
        propensity,
        base,
        episodes,
        posts,
        *scalars.values(),
    )
    assert len(want) > 20 and {e[2] for e in want} >= {0, 1}
    assert max(e[6] for e in want) >= 2
    columns = list(zip(*want, strict=True))
    for got_col, want_col in zip(got, columns, strict=True):
        np.testing.assert_allclose(got_col, np.array(want_col, dtype=float), rtol=0, atol=1e-12)
    # the vectorised influence agrees with the scalar reference too
    acc = np.array([2, 2, 5, 5, 9, 0])
    t = np.array([3.0, 8.0, 2.6, 3.2, 1.0, 1.0])
    top = np.array([0, 0, 0, 0, 2, 1])
    got_i = K.influence_many(
        acc,
        t,
        top,
        base,
        ep_indptr,
        ep[0].astype(np.int32),
        ep[1].astype(np.int8),
        ep[2].astype(float),
        ep[3].astype(float),
        ep[4].astype(float),
    )
    np.testing.assert_allclose(
        got_i,
        [
            base[2] + 1.5,
            base[2] + 1.5 * math.exp(-12.5),
            base[5] + 2.0,
            base[5],
            base[9] + 0.8,
            base[0],
        ],
    )
