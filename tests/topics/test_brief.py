"""Content briefs on constructed audiences with known answers, and on the demo world."""

from __future__ import annotations

import json

import numpy as np
import pytest
import scipy.sparse as sp

from einfluence import Workspace
from einfluence.base.arrays import InteractionArrays
from einfluence.datasets import make_demo_world
from einfluence.exceptions import ParameterError
from einfluence.graph import GraphView
from einfluence.store.truth import save_truth
from einfluence.topics.brief import content_brief

HOUR = 3_600_000_000
NAMES = ["bikes", "food", "music"]


def _world():
    """Posts 100+j (j = 0..29): topic j % 3, authored by account 20 + j % 3.

    Target = accounts 0..4; others = 5..9. Others relay every topic evenly. The target relays
    only topic 2 (music) in the first half, then also topic 1 (food) in the second half; term 0
    ('vinyl') is in every music post, term 1 ('cake') in food posts, term 2 ('the') everywhere.
    """
    post_ids = 100 + np.arange(30)
    topics = np.eye(3)[np.arange(30) % 3]
    terms = np.zeros((30, 3))
    terms[np.arange(30) % 3 == 2, 0] = 1
    terms[np.arange(30) % 3 == 1, 1] = 1
    terms[:, 2] = 2
    src, dst, time, post = [], [], [], []
    for j in range(30):  # the others: one relay of each post
        src.append(5 + j % 5), dst.append(20 + j % 3), time.append(j % 10), post.append(100 + j)
    music = [j for j in range(30) if j % 3 == 2]
    food = [j for j in range(30) if j % 3 == 1]
    for i, j in enumerate(music):  # the target, early: music only
        src.append(i % 5), dst.append(22), time.append(i % 5), post.append(100 + j)
    for i, j in enumerate(music[:5] + food[:5]):  # late: music and food
        src.append(i % 5), dst.append(20 + j % 3), time.append(10 + i % 5), post.append(100 + j)
    # account 0 relays account 30 three times (one distinct reactor, no content)
    for t in (1, 2, 3):
        src.append(0), dst.append(30), time.append(t), post.append(-1)
    view = GraphView.from_arrays(
        InteractionArrays(
            src=np.array(src),
            dst=np.array(dst),
            time=np.array(time) * HOUR,
            weight=np.ones(len(src)),
            kind=np.zeros(len(src), np.int8),
            post=np.array(post),
            n_accounts=31,
        )
    )
    return view, post_ids, topics, sp.csr_array(terms)


def test_the_target_topic_comes_first_with_a_lift():
    view, post_ids, topics, terms = _world()
    brief = content_brief(
        view,
        None,
        post_ids,
        topics,
        np.arange(5),
        topic_names=NAMES,
        post_terms=terms,
        vocabulary=["vinyl", "cake", "the"],
        split_time=10 * HOUR,
    )
    assert brief.n_target == 5 and brief.n_reactors == 5
    assert brief.n_reactions == 23 and brief.n_with_content == 20
    first = brief.topics[0]
    assert (first.name, first.count) == ("music", 15.0)
    # background: 10 of the others' 30 relays and 15 of the target's 20 are about music
    assert first.share == pytest.approx(0.75) and first.background_share == pytest.approx(0.5)
    assert first.lift == pytest.approx((15 + 1.0 * 0.5) / (20 + 1.0) / 0.5)  # smoothed 1.5
    assert [t.name for t in brief.topics] == ["music", "food"]  # bikes: never relayed by the target
    assert brief.topics[1].lift < 1
    # terms: 'the' is the most frequent but not distinctive; 'vinyl' is both frequent and distinctive
    assert [t.term for t in brief.terms] == ["the", "vinyl", "cake"]
    assert brief.terms[0].lift == pytest.approx(1.0)
    assert brief.distinctive_terms[0].term == "vinyl" and brief.distinctive_terms[
        0
    ].lift == pytest.approx(first.lift)
    assert [t.term for t in brief.distinctive_terms] == ["vinyl", "the", "cake"]
    # rising: food appears after the split; music's share falls
    rising = {(r.kind, r.label): r for r in brief.rising}
    assert ("topic", "food") in rising and ("term", "cake") in rising
    food = rising["topic", "food"]
    assert (food.before, food.after, food.share_before, food.share_after) == (0.0, 5.0, 0.0, 0.5)
    assert food.growth > 1
    assert ("topic", "music") not in rising and ("term", "the") not in rising
    # listened: 22 (music author) reached by all 5, 21 by 5, 30 by one reactor despite 3 relays
    listened = [(a.account, a.reactors, a.reactions) for a in brief.listened]
    assert listened == [(22, 5, 15), (21, 5, 5), (30, 1, 3)]
    assert brief.listened[0].share == 1.0
    out = json.loads(json.dumps(brief.to_dict()))
    assert out["topics"][0]["name"] == "music"


def test_default_split_and_options():
    view, post_ids, topics, terms = _world()
    mask = np.zeros(view.n_nodes, dtype=bool)
    mask[:5] = True
    a = content_brief(view, None, post_ids, topics, mask, topic_names=NAMES)
    b = content_brief(view, None, post_ids, topics, np.arange(5), topic_names=NAMES)
    assert a == b and a.terms == () and a.split_time == 7 * HOUR  # middle of the target's reactions
    strict = content_brief(
        view, None, post_ids, topics, np.arange(5), min_count=6, split_time=10 * HOUR
    )
    assert strict.rising == ()  # food has only 5 reactions after the split
    short = content_brief(view, None, post_ids, topics, np.arange(5), k=1)
    assert len(short.listened) == 1
    with pytest.raises(ParameterError):
        content_brief(view, None, post_ids, topics, np.array([0, 99]))
    with pytest.raises(ParameterError):
        content_brief(view, None, post_ids, topics, np.arange(5), topic_names=["a"])
    with pytest.raises(ParameterError):
        content_brief(view, None, post_ids, topics, np.arange(5), post_terms=terms)
    with pytest.raises(ParameterError):
        content_brief(
            view, None, post_ids, topics, np.arange(5), post_terms=terms, vocabulary=["x"]
        )


def test_communities_of_the_demo_world_relay_their_main_topic():
    world = make_demo_world(n_accounts=600, n_days=14, seed=2)
    with Workspace(":memory:") as ws:
        ws.add_records(world.records)
        save_truth(ws.con, world.truth, world.params)
        con = ws.con
        names = [r[0] for r in con.sql("SELECT name FROM truth_topics ORDER BY topic").fetchall()]
        planted = con.sql(
            "SELECT p.post_id, t.topic FROM truth_posts_topic t "
            "JOIN posts p ON p.network = t.network AND p.source_id = t.post ORDER BY 1"
        ).fetchnumpy()
        members = con.sql(
            "SELECT a.account_id, t.community FROM truth_accounts t "
            "JOIN accounts a ON a.network = t.network AND a.source_id = t.id WHERE t.community IS NOT NULL"
        ).fetchnumpy()
        communities = con.sql("SELECT community, main_topic FROM truth_communities").fetchall()
        view, posts = ws.graph(), ws.posts()
    post_topics = np.eye(len(names))[planted["topic"]]
    for community, main_topic in communities:
        target = members["account_id"][members["community"] == community]
        brief = content_brief(
            view, posts, planted["post_id"], post_topics, target, topic_names=names
        )
        top = brief.topics[0]
        assert top.name == main_topic, (community, brief.topics[:3])
        assert top.lift > 1
        assert brief.listened[0].reactors >= brief.listened[-1].reactors
