"""Vectorised VADER-style lexicon scoring of many texts at once (private engine).

All texts are joined into one string and tokenised by one regular expression; tokens are
looked up once in a dictionary, and VADER's rules [1]_ (boosters, negation window, capitals,
"but", punctuation emphasis) run as numpy operations on the flat token arrays. The public
wrapper is :class:`einfluence.perception.sentiment.LexiconSentiment`.

References
----------
.. [1] C. J. Hutto and E. Gilbert, "VADER: a parsimonious rule-based model for sentiment
   analysis of social media text", Proc. ICWSM 2014. https://doi.org/10.1609/icwsm.v8i1.14550
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import numpy as np

from einfluence.perception._lexicons import Lexicon, get_lexicon
from einfluence.text import fold_lower

C_INCR = 0.733
N_SCALAR = -0.74
ALPHA = 15.0
_SEP = "\x00"
_JOIN = "\x01"
_EMOJI_CLASS = "[\u2190-\u21ff\u2300-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff]"
_ELONGATION = re.compile(r"([a-z])\1{2,}")
_SARCASM_END = re.compile(r"(?:^|\s)/s\s*$")

# attribute bits of a vocabulary entry
_NEG, _BOOST, _BUT, _NO, _LEAST, _ATVERY, _NEVER, _SOTHIS, _WITHOUT, _DOUBT, _KIND, _OF, _ORNOR, _INLEX = (
    1 << i for i in range(14)
)


@dataclass(frozen=True)
class _Tables:
    pattern: re.Pattern[str]
    vocab: dict[str, int]
    valence: np.ndarray
    booster: np.ndarray
    flags: np.ndarray
    sarcasm: re.Pattern[str]
    emoji: np.ndarray  # bool: the entry is an emoji


@cache
def tables(lang: str) -> _Tables:
    lex: Lexicon = get_lexicon(lang)
    words: dict[str, list] = {}

    def entry(w: str) -> list:
        return words.setdefault(w, [0.0, 0.0, 0, False])

    for w, v in lex.valence.items():
        e = entry(w)
        e[0], e[2] = v, e[2] | _INLEX
    for w, v in lex.emoji.items():
        e = entry(w)
        e[0], e[2], e[3] = v, e[2] | _INLEX, True
    for w, b in lex.boosters.items():
        e = entry(w)
        e[1], e[2] = b, e[2] | _BOOST
    negations = set(lex.negations)
    if lang == "en":
        negations |= {w[:-1] + "'t" for w in lex.negations if w.endswith("nt") and w not in {"ni"}}
        negations |= {"won't", "can't", "ain't", "shan't"}
    for w in negations:
        entry(w)[2] |= _NEG
    for w in lex.contrast:
        entry(w)[2] |= _BUT
    specials = {"no": _NO, "least": _LEAST, "at": _ATVERY, "very": _ATVERY, "never": _NEVER, "so": _SOTHIS,
                "this": _SOTHIS, "without": _WITHOUT, "doubt": _DOUBT, "kind": _KIND, "of": _OF, "or": _ORNOR,
                "nor": _ORNOR} if lang == "en" else {"moins": _LEAST, "le": _ATVERY, "au": _ATVERY}  # fmt: skip
    for w, bit in specials.items():
        entry(w)[2] |= bit
    vocab = {_SEP: 1}
    rows = [[0.0, 0.0, 0, False], [0.0, 0.0, 0, False]]  # 0 = unknown word, 1 = separator
    for w, e in words.items():
        vocab[w] = len(rows)
        rows.append(e)
    emoticons = sorted(
        (w for w in lex.valence if len(w) >= 2 and " " not in w and not re.fullmatch(r"[^\W_]+(?:'[^\W_]+)*", w)),
        key=lambda w: (-len(w), w),
    )
    emoticon = "|".join(re.escape(w) for w in emoticons)
    word = r"[^\W_]+(?:'[^\W_]+)*" if lang == "en" else r"[^\W_]+"
    pattern = re.compile(rf"{word}|\x00|(?<![^\s\x00])(?:{emoticon})(?![^\s\x00.,!?])|{_EMOJI_CLASS}")
    sarcasm = re.compile(
        "|".join(re.escape(m) + r"\b" for m in sorted(lex.sarcasm, key=len, reverse=True)), re.IGNORECASE
    )
    arr = list(zip(*rows, strict=True))
    return _Tables(
        pattern=pattern, vocab=vocab, valence=np.array(arr[0]), booster=np.array(arr[1]),
        flags=np.array(arr[2], dtype=np.int32), sarcasm=sarcasm, emoji=np.array(arr[3], dtype=bool),
    )  # fmt: skip


@dataclass(frozen=True)
class Scores:
    """Per-text outputs of :func:`score_texts` (all arrays of shape (n_texts,))."""

    compound: np.ndarray
    pos: np.ndarray
    neg: np.ndarray
    neu: np.ndarray
    n_tokens: np.ndarray
    n_positive: np.ndarray
    n_negative: np.ndarray
    n_negations: np.ndarray
    emoji: np.ndarray
    exclamations: np.ndarray
    questions: np.ndarray
    sarcasm: np.ndarray
    caps: np.ndarray


def _shift(a: np.ndarray, k: int, fill: int) -> np.ndarray:
    out = np.empty_like(a)
    out[:k] = fill
    out[k:] = a[:-k]
    return out


def score_texts(texts: list[str], lang: str, *, sarcasm: bool = True) -> Scores:
    """Score already validated texts (list of str)."""
    t = tables(lang)
    n = len(texts)
    joined = f" {_SEP} ".join(texts)
    if joined.count(_SEP) != n - 1:
        joined = f" {_SEP} ".join(s.replace(_SEP, " ") for s in texts)
    joined = unicodedata.normalize("NFC", joined) if not joined.isascii() else joined
    toks = t.pattern.findall(joined)
    low = fold_lower(_JOIN.join(toks))
    if _ELONGATION.search(low):
        low = _ELONGATION.sub(r"\1\1", low)
    get = t.vocab.get
    ids = np.fromiter((get(w, 0) for w in low.split(_JOIN)), dtype=np.int64, count=len(toks))
    upper = np.fromiter((w.isupper() for w in toks), dtype=bool, count=len(toks))
    sep = ids == 1
    text = np.cumsum(sep)
    keep = ~sep
    ids, upper, text = ids[keep], upper[keep], text[keep]
    m = ids.size
    # position of each token in its text
    starts = np.searchsorted(text, np.arange(n))
    pos = np.arange(m) - starts[text]
    flags = t.flags[ids]
    inlex = (flags & _INLEX) != 0
    is_emoji = t.emoji[ids]
    rated_word = inlex & ~is_emoji  # emojis are not negated nor boosted
    n_tok = np.bincount(text, minlength=n)
    n_upper = np.bincount(text, weights=upper, minlength=n)
    cap_diff = (n_upper > 0) & (n_upper < n_tok)
    caps_emph = upper & cap_diff[text]
    lexval = t.valence[ids]

    def prev(k: int) -> np.ndarray:
        """Vocabulary id of the k-th previous token in the same text (0 if none)."""
        p = _shift(ids, k, 0)
        p[pos < k] = 0
        return p

    def nxt() -> np.ndarray:
        p = np.empty_like(ids)
        p[-1:] = 0
        p[:-1] = ids[1:]
        p[np.append(pos[1:] == 0, True)[: p.size]] = 0  # [: size]: no token at all in the batch
        return p

    f = t.flags
    p1, p2, p3, n1 = prev(1), prev(2), prev(3), nxt()
    f1, f2, f3, fn = f[p1], f[p2], f[p3], f[n1]
    v = np.where(inlex, lexval, 0.0)
    # a booster word scores 0 when it modifies a following word; a rated booster alone (FR "super")
    # keeps its own rating
    is_boost = (flags & _BOOST) != 0
    v[is_boost & ((fn & _INLEX) != 0)] = 0.0
    v[is_boost & ~inlex] = 0.0
    v[((flags & _KIND) != 0) & ((fn & _OF) != 0)] = 0.0
    # "no" before a rated word negates it rather than counting itself
    v[((flags & _NO) != 0) & ((fn & _INLEX) != 0)] = 0.0
    no_neg = inlex & (((f1 & _NO) != 0) | ((f2 & _NO) != 0) | (((f3 & _NO) != 0) & ((f1 & _ORNOR) != 0)))
    v[no_neg] = lexval[no_neg] * N_SCALAR
    ce = inlex & caps_emph
    v[ce] += np.where(v[ce] > 0, C_INCR, -C_INCR)
    upper_all = np.zeros(m, dtype=bool)
    upper_all[:] = caps_emph
    for k, (pk, fk, decay) in enumerate(((p1, f1, 1.0), (p2, f2, 0.95), (p3, f3, 0.9)), start=1):
        ok = rated_word & (pos >= k) & ((fk & _INLEX) == 0)
        # booster
        b = t.booster[pk]
        sel = ok & (b != 0)
        if sel.any():
            s = b[sel] * np.where(v[sel] < 0, -1.0, 1.0)
            cap = _shift(upper_all, k, False)[sel]
            s = s + np.where(cap, np.where(v[sel] > 0, C_INCR, -C_INCR), 0.0)
            v[sel] += s * decay
        neg = ok & ((fk & _NEG) != 0)
        if k == 2:
            never_so = ok & ((f2 & _NEVER) != 0) & ((f1 & _SOTHIS) != 0)
            wo_doubt = ok & ((f2 & _WITHOUT) != 0) & ((f1 & _DOUBT) != 0)
            v[never_so] *= 1.25
            neg &= ~never_so & ~wo_doubt
        elif k == 3:
            never_so = ok & ((((f3 & _NEVER) != 0) & ((f2 & _SOTHIS) != 0)) | ((f1 & _SOTHIS) != 0))
            wo_doubt = ok & ((f3 & _WITHOUT) != 0) & (((f2 & _DOUBT) != 0) | ((f1 & _DOUBT) != 0))
            v[never_so] *= 1.25
            neg &= ~never_so & ~wo_doubt
        v[neg] *= N_SCALAR
    # "least" (not "at least" / "very least") negates the next rated word
    least = rated_word & ((f1 & _LEAST) != 0) & ~((f2 & _ATVERY) != 0)
    if lang == "en":
        v[least] *= N_SCALAR
    # contrast: before the first "but" x0.5, after it x1.5
    is_but = (flags & _BUT) != 0
    first_but = np.full(n, np.iinfo(np.int64).max)
    np.minimum.at(first_but, text[is_but], pos[is_but])
    fb = first_but[text]
    has_but = fb < np.iinfo(np.int64).max
    v = np.where(has_but & (pos < fb), v * 0.5, np.where(has_but & (pos > fb), v * 1.5, v))
    total = np.bincount(text, weights=v, minlength=n)
    # punctuation emphasis and sarcasm markers, per text
    excl = np.fromiter((s.count("!") for s in texts), dtype=np.float64, count=n)
    ques = np.fromiter((s.count("?") for s in texts), dtype=np.float64, count=n)
    amp = np.minimum(excl, 4) * 0.292 + np.where(ques > 1, np.where(ques <= 3, ques * 0.18, 0.96), 0.0)
    total = total + np.sign(total) * amp
    sarc = np.zeros(n, dtype=bool)
    if sarcasm:
        hits = [mt.start() for mt in t.sarcasm.finditer(joined)] if "#" in joined else []
        if hits:
            seps = np.fromiter((mt.start() for mt in re.finditer(_SEP, joined)), dtype=np.int64, count=n - 1)
            sarc[np.searchsorted(seps, np.asarray(hits))] = True
        ends = [i for i, s in enumerate(texts) if "/s" in s and _SARCASM_END.search(s)]
        sarc[ends] = True
        flip = sarc & (total > 0)
        total[flip] *= N_SCALAR
    compound = np.clip(total / np.sqrt(total * total + ALPHA), -1.0, 1.0)
    pos_v = v > 0
    neg_v = v < 0
    pos_sum = np.bincount(text, weights=np.where(pos_v, v + 1.0, 0.0), minlength=n)
    neg_sum = np.bincount(text, weights=np.where(neg_v, v - 1.0, 0.0), minlength=n)
    neu = np.bincount(text, weights=(v == 0), minlength=n)
    if sarcasm:
        pos_sum[flip], neg_sum[flip] = -neg_sum[flip], -pos_sum[flip]
    pos_sum = pos_sum + np.where(pos_sum > -neg_sum, amp, 0.0)
    neg_sum = neg_sum - np.where(pos_sum < -neg_sum, amp, 0.0)
    denom = pos_sum - neg_sum + neu
    with np.errstate(invalid="ignore", divide="ignore"):
        pos_r = np.where(denom > 0, pos_sum / denom, 0.0)
        neg_r = np.where(denom > 0, np.abs(neg_sum) / denom, 0.0)
        neu_r = np.where(denom > 0, neu / denom, 0.0)
    emoji = np.bincount(text, weights=np.where(is_emoji, v, 0.0), minlength=n)
    return Scores(
        compound=compound, pos=pos_r, neg=neg_r, neu=neu_r, n_tokens=n_tok.astype(np.int64),
        n_positive=np.bincount(text, weights=pos_v, minlength=n).astype(np.int64),
        n_negative=np.bincount(text, weights=neg_v, minlength=n).astype(np.int64),
        n_negations=np.bincount(text, weights=(flags & _NEG) != 0, minlength=n).astype(np.int64),
        emoji=emoji, exclamations=excl, questions=ques, sarcasm=sarc,
        caps=np.bincount(text, weights=caps_emph, minlength=n),
    )  # fmt: skip
