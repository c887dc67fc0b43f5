"""Advocacy funnel rules on hand-built examples, and recovery of planted advocates in the demo world."""

from __future__ import annotations

import numpy as np
import pytest

from einfluence.advocacy import STAGES, Actions, advocacy_funnel
from einfluence.base.kinds import INTERACTION_KINDS, POST_KINDS
from einfluence.base.timeunits import HOUR, NO_TIME
from einfluence.exceptions import ParameterError

BRAND = 0  # account 0 is the brand's account


def funnel(author, time, sent, kind=None, root_author=None, mentions=None, **kw):
    n = len(author)
    post = np.arange(n) if mentions is None else np.asarray(mentions)
    kw.setdefault("brand_accounts", [[BRAND]])
    kw.setdefault("n_accounts", 10)
    return advocacy_funnel(
        post, np.zeros(post.size, int), np.asarray(author), np.asarray(time), np.zeros(n, int) if kind is None else
        np.asarray(kind), np.full(n, -1) if root_author is None else np.asarray(root_author), np.asarray(sent, float),
        **kw,
    )  # fmt: skip


def stage_of(f, account, brand=0):
    i = np.flatnonzero((f.account == account) & (f.brand == brand))
    return STAGES[f.stage[i[0]]] if i.size else "unaware"


def test_spontaneous_positive_repeat_mentioner_is_advocate_dated_at_third():
    t = [0, 10 * HOUR, 100 * HOUR, 300 * HOUR]
    f = funnel([1, 1, 1, 1], t, [0.6, 0.0, 0.7, 0.8])
    assert stage_of(f, 1) == "advocate"
    ev = [e for e in f.events() if e["stage"] == "advocate"]
    assert len(ev) == 1 and ev[0]["time"] == 300 * HOUR  # third positive mention
    assert "3 positive spontaneous original mentions (posts 0, 2, 3)" in ev[0]["reason"]
    aware = next(e for e in f.events() if e["stage"] == "aware")
    assert aware["time"] == 0 and "4 mentions" in aware["reason"]


def test_prompted_mention_does_not_count():
    t = [0, 100 * HOUR, 200 * HOUR]
    acts = Actions(account=[1], brand=[0], time=[199 * HOUR], kind=["gift"])
    f = funnel([1, 1, 1], t, [0.6, 0.7, 0.8], actions=acts)
    assert stage_of(f, 1) == "aware" and f.n_spontaneous.tolist() == [2]
    # the same action long before (outside 48 h) does not prompt it
    f2 = funnel([1, 1, 1], t, [0.6, 0.7, 0.8], actions=Actions(account=[1], brand=[0], time=[140 * HOUR]))
    assert stage_of(f2, 1) == "advocate"
    # an action for another account or brand does not prompt it
    f3 = funnel([1, 1, 1], t, [0.6, 0.7, 0.8], actions=Actions(account=[2], brand=[0], time=[199 * HOUR]))
    assert stage_of(f3, 1) == "advocate"


def test_mention_after_reacting_to_brand_is_prompted():
    like = INTERACTION_KINDS.index("like")
    inter = {"src": np.array([1]), "dst": np.array([BRAND]), "kind": np.array([like]), "time": np.array([150 * HOUR])}
    f = funnel([1, 1, 1], [0, 100 * HOUR, 160 * HOUR], [0.6, 0.7, 0.8], interactions=inter)
    assert stage_of(f, 1) == "engaged" and f.n_spontaneous.tolist() == [2]


def test_follow_exposure_marks_mentions_after_brand_posts():
    follow = INTERACTION_KINDS.index("follow")
    inter = {"src": np.array([1]), "dst": np.array([BRAND]), "kind": np.array([follow]), "time": np.array([NO_TIME])}
    # posts 0..2 are mentions by account 1; post 3 is a brand post an hour before the third
    author, time = [1, 1, 1, BRAND], [0, 100 * HOUR, 200 * HOUR, 199 * HOUR]
    kw = dict(mentions=[0, 1, 2], interactions=inter)
    assert stage_of(funnel(author, time, [0.6, 0.7, 0.8, 0.9], **kw), 1) == "advocate"
    f = funnel(author, time, [0.6, 0.7, 0.8, 0.9], exposure="follow", **kw)
    assert stage_of(f, 1) == "engaged"
    eng = next(e for e in f.events() if e["stage"] == "engaged")
    assert eng["time"] == NO_TIME and "follow towards brand account 0 (time unknown" in eng["reason"]


def test_negative_repeat_mentioner_is_detractor():
    f = funnel([2, 2, 2, 2], np.arange(4) * 100 * HOUR, [-0.5, -0.7, 0.1, -0.6])
    assert stage_of(f, 2) == "detractor"
    ev = next(e for e in f.events() if e["stage"] == "detractor")
    assert ev["time"] == 300 * HOUR and "3 negative" in ev["reason"]


def test_mixed_mentioner_is_neither():
    f = funnel([3] * 6, np.arange(6) * 100 * HOUR, [0.6, -0.6, 0.6, -0.6, 0.6, -0.6])
    assert stage_of(f, 3) == "aware"


def test_relays_are_not_original_mentions_and_make_amplifiers():
    relay = POST_KINDS.index("relay")
    f = funnel([4, 4, 4], np.arange(3) * 100 * HOUR, [0.9, 0.9, 0.9], kind=[relay] * 3, root_author=[BRAND] * 3)
    assert stage_of(f, 4) == "amplifier" and f.n_original.tolist() == [0]
    amp = next(e for e in f.events() if e["stage"] == "amplifier")
    assert amp["time"] == 0 and "3 relays" in amp["reason"]


def test_lapsed_advocate():
    sent = [0.6, 0.7, 0.8, -0.9, -0.9, -0.9, -0.9]
    f = funnel([5] * 7, np.arange(7) * 100 * HOUR, sent)
    names = [e["stage"] for e in f.events()]
    assert "advocate" in names and "lapsed" in names
    lapse = next(e for e in f.events() if e["stage"] == "lapsed")
    assert lapse["time"] == 400 * HOUR  # the mean falls under the threshold at the fifth mention
    assert stage_of(f, 5) == "detractor"


def test_brand_accounts_and_counts():
    f = funnel([BRAND, 1, 2], [0, 0, 0], [0.9, 0.9, -0.9], n_accounts=6)
    assert BRAND not in f.account.tolist()
    assert f.counts.tolist() == [[3, 2, 0, 0, 0, 0]]  # 5 non-brand accounts, 2 aware
    assert f.reached_counts[0, 1] == 2


def test_validation():
    with pytest.raises(ParameterError):
        funnel([1], [0], [0.5], brand_accounts=[[0], [0]])
    with pytest.raises(ParameterError):
        funnel([1], [0], [0.5], exposure="tv")
    with pytest.raises(ParameterError):
        funnel([11], [0], [0.5])
