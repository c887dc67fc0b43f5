"""The fast paths of mentions and default sentiment against their reference implementations.

Each numba pass must give exactly what the regular expressions it replaces give: on hostile
texts (empty, emoji, accents, French elisions, URLs, very long posts, lone surrogates,
separators inside a text...), on random strings of tricky characters, and on real corpora
(skipped when the shared data are absent).
"""

from __future__ import annotations

import numpy as np
import pytest

from einfluence.perception._linear import prepare, token_ids, token_ids_regex, vocab_lookup
from einfluence.perception.default import load_default
from tests.perception._corpora import airline_rows, tweeteval_split

HOSTILE = [
    "", " ", "\x00", "a\x00b", "@", "@@united", "#", "##", "@target", "@target2", "@other_x", "@targetx",
    "😀😀😀 ✈️ ⭐ ➡ ⬆", "Crème brûlée, cœur, Straße, Ångström, ﬁn, ＡＢＣ", "e\u0301te\u0301 CAFE\u0301",
    "J'adore l'été, qu'il fait beau jusqu'à lundi, aujourd'hui", "l’été d’Ondula", "don't won't can't ''hello''",
    "rock'n'roll o'clock 'tis x'", "see https://t.co/abc?x=1 and www.example.com/é and http:// x",
    "soooo goooood!!!!! noooo ??? ...", "AAAAAH SOOOO ÉÉÉÉ ééé 111 ___", "=) =ddx =d =-) =^p <3 <333 <33a",
    ":) ;) :-( :'( 8) 8-) (: (-: ): ]:= [[:x ((-= (o; x:) x(:", "a:)b =] =)) ==) =|= =/\\ =*3",
    "Σ ΣΑΣ όλοι İstanbul ß ŉ ǅ ﬀ ǰ", "٣٤٥ ²³ ½ Ⅻ ①", "under_score _x_ x__y", "\ud800 lone \udfff surrogates",
    "tab\tnew\nline\r\x1c\x1d\x85\u2028end", "\u200b zero\u200dwidth \ufeff", "中文 日本語 한국어 العربية עברית",
    "x" * 5000, "bon " * 3000 + "!", "not good at all, not good", "pas mal du tout", "@target 👍🏽👎🏻",
]


def _random_texts(n: int, seed: int = 0) -> list[str]:
    alphabet = [*"aAbeéÉoO'’-_@#:;=8<3()[]dp/\\|*!?.,0123 \t\n\x00sS", "😀", "✈", "ß", "œ", "Σ", "İ", "\u0301", "٣",
                "²", "http://", "www.", "@target", "@other", "ooo"]
    rng = np.random.default_rng(seed)
    return ["".join(rng.choice(alphabet, size=rng.integers(0, 40))) for _ in range(n)]


def _assert_same_ids(texts: list[str], lang: str, one_by_one: bool = False) -> None:
    model = load_default(lang)[0]
    for s in [prepare(" \x00 ".join(texts)), *(prepare(t) for t in (texts if one_by_one else []))]:
        fast = token_ids(s, lang, model.lookup())
        slow = token_ids_regex(s, lang, model.vocab())
        assert fast.tolist() == slow.tolist(), s[:200]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_token_ids_kernel_matches_the_regex_on_hostile_texts(lang):
    _assert_same_ids(HOSTILE, lang, one_by_one=True)
    _assert_same_ids(_random_texts(3000), lang)


def test_token_ids_kernel_finds_the_vocabulary():
    vocab = {"\x00": 1, "good": 5, "soo": 6, "don't": 7, "=)": 8, "<3": 9, "😀": 10, "ete": 11, "@target": 12}
    ids = token_ids(prepare("Soooo GOOD, don't =) <3 😀 été @target @bob x"), "en", vocab_lookup(vocab))
    assert ids.tolist() == [6, 5, 0, 7, 8, 9, 10, 11, 12, 0, 0]
    # a later duplicate... cannot exist in a dict; an empty vocabulary gives unknown tokens
    assert token_ids("a b", "en", vocab_lookup({})).tolist() == [0, 0]


@pytest.mark.parametrize(("name", "lang"), [("semeval2017-english-tweet-sentiment", "en"),
                                            ("deft2017-french-tweet-sentiment", "fr")])
def test_token_ids_kernel_matches_the_regex_on_real_tweets(name, lang):
    texts, _ = tweeteval_split(name, "train")
    _assert_same_ids(texts, lang)


def test_token_ids_kernel_matches_the_regex_on_airline_tweets():
    _assert_same_ids([r["text"] for r in airline_rows()], "en")


# -- mentions: the numba scan against the compiled pattern ------------------------------------------
def _brands():
    from einfluence.perception import Brand

    return [
        Brand("United", aliases=["United Airlines"], handles=["@united"]),
        Brand("Virgin America", aliases=["Virgin"], handles=["@VirginAmerica"], hashtags=["#VXsafetydance"]),
        Brand("Crédit Agricole", aliases=["CA"], products=["Ondula Cargo"]),
        Brand("Œuvre", handles=["œuvre_fr"], products=["L’Été"]),
        Brand("Delta", competitor=True),
    ]


def _mentions_both_ways(texts, brands, monkeypatch):
    from einfluence.perception import find_mentions, mentions

    monkeypatch.setattr(mentions, "_KERNEL_FROM", 0)
    fast = find_mentions(texts, brands)
    monkeypatch.setattr(mentions, "_KERNEL_FROM", 10**15)
    slow = find_mentions(texts, brands)
    for name in ("post", "brand", "kind", "start", "end"):
        assert getattr(fast, name).tolist() == getattr(slow, name).tolist(), name
    assert fast.matched.tolist() == slow.matched.tolist()
    return fast


def _branded(n: int, seed: int = 1) -> list[str]:
    pieces = ["United", "united airlines", "UNITED\t\nAIRLINES", "@United", "@united_x", "#united", "xunited",
              "united2", "Virgin", "virgin  america", "@VirginAmerica", "#VirginAmerica", "#vxsafetydance",
              "crédit agricole", "CREDIT  AGRICOLE", "#CreditAgricole", "ca", "c'a", "Ondula Cargo", "#OndulaCargo",
              "œuvre", "OEUVRE", "@œuvre_fr", "l’été", "l'ete", "delta", "deltaplane", "delta.com",
              "https://delta.com/united", "www.united.com", "http://", "https//united", "é", "😀", "\u0301", "Σ", "İ",
              " ", "  ", ",", ".", "'", "@", "#", "_", "-", "\x00", "\u00a0", "\u2028"]  # fmt: skip
    rng = np.random.default_rng(seed)
    return ["".join(rng.choice(pieces, size=rng.integers(0, 12))) for _ in range(n)]


def test_mention_kernel_matches_the_pattern(monkeypatch):
    found = _mentions_both_ways(HOSTILE + _branded(4000) + _random_texts(500), _brands(), monkeypatch)
    assert len(found) > 2000 and set(found.kind.tolist()) == {0, 1, 2, 3, 4}
    assert (found.start >= 0).any() and (found.start < 0).any()  # positions kept, and carried back where they can
    _mentions_both_ways([], _brands(), monkeypatch)
    _mentions_both_ways(["", "nothing here"], _brands(), monkeypatch)


def test_mention_kernel_matches_the_pattern_on_airline_tweets(monkeypatch):
    from einfluence.perception import Brand

    texts = [r["text"] for r in airline_rows()]
    brands = [Brand("United", aliases=["United Airlines"], handles=["united"]),
              Brand("US Airways", aliases=["US Air", "USAirways"], handles=["USAirways"]),
              Brand("American", aliases=["American Airlines", "AmericanAir"], handles=["AmericanAir"]),
              Brand("Southwest", aliases=["Southwest Airlines"], handles=["SouthwestAir"]),
              Brand("JetBlue", aliases=["Jet Blue"], handles=["JetBlue"]),
              Brand("Virgin America", handles=["VirginAmerica"]), Brand("Delta", handles=["Delta"])]  # fmt: skip
    assert len(_mentions_both_ways(texts, brands, monkeypatch)) > 14000


def test_fold_lower_is_the_three_functions_in_turn():
    from einfluence.text import fold_accents, fold_lower, unify_apostrophes

    texts = [*HOSTILE, *_random_texts(2000), *_branded(2000), "Œuvre ´ ` ’ ＇ ʼ ‘ ÆSIR ẞ"]
    for s in [*texts, " \x00 ".join(texts), "".join(texts)]:
        assert fold_lower(s) == fold_accents(unify_apostrophes(s.lower()))


# -- views: the clause cuts of posts naming several brands -------------------------------------------
CLAUSES = ["a. b", "a.b", "end.", "x!!! y", "x ;; y", "a,b", "a,   b", "a\n\nb", "a - b", "a -- b", "a —— b", "a -b",
           "a - ", " but", "x but", "x butter", "x but_", "x but2", "x alors que", "x alors  que", "x tandis que!",
           "x\tmais\u00a0y", "a.\u2028b", "a\u00a0- b", "par contre", " par contre", " saufé", " sauf.", "a.\n", "a;",
           " yet", "a?!", "...", ",,,", "\n", " \n "]  # fmt: skip


def test_clause_kernel_matches_the_pattern(monkeypatch):
    from einfluence.perception import targets
    from einfluence.text import fold_lower

    for texts in (HOSTILE + CLAUSES, _random_texts(3000), _branded(3000)):
        s = fold_lower(" \x00 ".join(texts + CLAUSES))
        monkeypatch.setattr(targets, "_KERNEL_FROM", 0)
        fast = targets._clause_cuts(s)
        monkeypatch.setattr(targets, "_KERNEL_FROM", 10**15)
        assert fast.tolist() == targets._clause_cuts(s).tolist()
    assert targets._clause_cuts("a. b, c but d").tolist() == [3, 6, 7]


def test_views_of_the_fast_paths_are_those_of_the_patterns(monkeypatch):
    """mention_views over the kernels' mentions and clause cuts: the same views as with the patterns."""
    from einfluence.perception import find_mentions, mentions, targets
    from einfluence.perception.targets import mention_views

    texts = [*HOSTILE, *_branded(6000), *(a + " vs " + b for a, b in zip(_branded(500, 2), _branded(500, 3), strict=True))]
    out = []
    for cut in (0, 10**15):
        monkeypatch.setattr(mentions, "_KERNEL_FROM", cut)
        monkeypatch.setattr(targets, "_KERNEL_FROM", cut)
        v = mention_views(texts, find_mentions(texts, _brands()), _brands())
        out.append((v.text, v.post.tolist(), v.brand.tolist(), v.relation.tolist(), v.partner.tolist()))
    assert out[0] == out[1]
    assert sum(v > 0 for v in np.bincount(out[0][1])) > 1000 and (np.bincount(out[0][1]) >= 2).sum() > 300


TRIGGERS = ["leaving", "left", "left2", "quit", "ditch", "dump", "drop", "cancel", "switch", "moved   from", "movéd from",
            "changed de", "goodbye", "bye", "done with", "fed up", "resilie", "abandonne", "lache", "plaque", "adieu",
            "passe de", "partir de", "than", "que", "qu", "unlike", "contrairement", "pas comme", "<", ">", "&lt;",
            "&gt;", "xleav", "thanks", "&amp;", "LEFT", "Than"]  # fmt: skip


def test_trigger_prefilter_keeps_every_post_the_pattern_finds(monkeypatch):
    from einfluence.perception import targets

    rng = np.random.default_rng(0)
    for base in (HOSTILE, _random_texts(2000), _branded(2000)):
        parts = [b + " " + " ".join(rng.choice(TRIGGERS, size=rng.integers(0, 3))) for b in base]
        numbered = " \x00 ".join(parts)
        starts = np.concatenate([[0], np.cumsum(np.array([len(p) for p in parts]) + 3)[:-1]])
        monkeypatch.setattr(targets, "_KERNEL_FROM", 0)
        fast = targets._trigger_posts(numbered, parts, starts)
        monkeypatch.setattr(targets, "_KERNEL_FROM", 10**15)
        assert fast.tolist() == targets._trigger_posts(numbered, parts, starts).tolist()
        assert 0 < fast.sum() < len(parts)
    for word in TRIGGERS:  # each match of the pattern holds one of the literals
        m = targets._TRIGGER.search(word)
        assert m is None or any(lit in m.group() for lit in targets._TRIGGER_LITERALS), word


# -- the batch functions' workers keep the memory they free ---------------------------------------------
def test_batch_workers_keep_freed_memory():
    import platform
    import subprocess
    import sys

    from einfluence.perception import batch

    code = "from einfluence.perception.batch import init_worker; print(init_worker())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    glibc = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"
    assert out == str(glibc)
    with batch._pool() as pool:
        assert pool._initializer is batch.init_worker  # every worker process is set up by it
