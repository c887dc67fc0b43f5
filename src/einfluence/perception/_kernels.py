r"""Numba kernels of the fast linear sentiment model and of mention finding (private).

:func:`ngram_scores` computes the class scores of the TF-IDF word n-gram features of every text
in one pass over the flat token arrays of :func:`~einfluence.perception._linear.tokenize_batch`:
the same numbers as :func:`~einfluence.perception._linear.ngram_features` followed by a sparse
product with the weights (its NumPy oracle in the tests), without building the sparse rows.

:func:`token_ids` is the tokeniser of the linear model: the regular expression of
:func:`~einfluence.perception._linear.split_tokens`, its elongation shortening and the vocabulary
look-up in one pass over the UTF-32 code points of the prepared text, against a hash table of
the vocabulary built by :func:`vocab_table` (the regular-expression path is its oracle in the
tests). Characters outside ASCII are classified by Python's own ``re`` module, one distinct
character at a time (:func:`~einfluence.perception._chars.char_classes`), so that ``\w``,
``\d`` and letters mean exactly what they mean to the pattern.

:func:`brand_matches` and :func:`blank_urls` are the scan of :func:`~einfluence.perception.find_mentions`
over a batch of texts: the same matches as its alternation of the brands' forms, in one pass.
"""

from __future__ import annotations

import numpy as np

from einfluence.base.jit import copy_into, njit
from einfluence.perception._chars import DIGIT, LETTER, SPACE, WORD

__all__ = ["blank_urls", "brand_matches", "ngram_scores", "token_ids", "vocab_table"]


@njit(cache=True)
def ngram_scores(text, ids, negated, n_texts, n_words, bigram_keys, unigram_idf, bigram_idf, coef):
    """Scores ``(n_texts, n_classes)`` of the L2-normalised sublinear TF-IDF n-gram features.

    Parameters
    ----------
    text, ids, negated : arrays of the tokens, sorted by ``text``
    n_texts, n_words : int
    bigram_keys : sorted int64 array of ``first * n_words + second``
    unigram_idf : float64 array (2 * n_words,), 0 for an unlearned (word, negated) feature
    bigram_idf : float64 array like ``bigram_keys``
    coef : float64 array (2 * n_words + n_bigrams, n_classes), the weights of the features
    """
    n_classes = coef.shape[1]
    n_uni = 2 * n_words
    n_bi = bigram_keys.size
    out = np.zeros((n_texts, n_classes))
    n_tok = ids.size
    buf = np.empty(2 * max(n_tok, 1), np.int64)
    a = 0
    while a < n_tok:
        t = text[a]
        b = a + 1
        while b < n_tok and text[b] == t:
            b += 1
        m = 0
        for i in range(a, b):
            f = ids[i] * 2 + (1 if negated[i] else 0)
            if unigram_idf[f] > 0:
                buf[m] = f
                m += 1
            if i > a and n_bi > 0:
                key = ids[i - 1] * n_words + ids[i]
                lo, hi = 0, n_bi
                while lo < hi:
                    mid = (lo + hi) >> 1
                    if bigram_keys[mid] < key:
                        lo = mid + 1
                    else:
                        hi = mid
                if lo < n_bi and bigram_keys[lo] == key:
                    buf[m] = n_uni + lo
                    m += 1
        if m > 0:
            if m <= 48:  # insertion sort in place: no allocation for a short text
                for i in range(1, m):
                    x = buf[i]
                    j = i - 1
                    while j >= 0 and buf[j] > x:
                        buf[j + 1] = buf[j]
                        j -= 1
                    buf[j + 1] = x
                feats = buf[:m]
            else:
                feats = np.sort(buf[:m])
            norm2 = 0.0
            j = 0
            while j < m:
                k = j + 1
                while k < m and feats[k] == feats[j]:
                    k += 1
                f = feats[j]
                idf = unigram_idf[f] if f < n_uni else bigram_idf[f - n_uni]
                v = (1.0 + np.log(k - j)) * idf
                norm2 += v * v
                for c in range(n_classes):
                    out[t, c] += v * coef[f, c]
                j = k
            if norm2 > 0:
                inv = 1.0 / np.sqrt(norm2)
                for c in range(n_classes):
                    out[t, c] *= inv
        a = b
    return out


_FNV_OFFSET = np.uint64(14695981039346656037)
_FNV_PRIME = np.uint64(1099511628211)


@njit(cache=True)
def _hash(code, a, b):
    """FNV-1a hash of the code points ``code[a:b]``."""
    h = _FNV_OFFSET
    for i in range(a, b):
        h = (h ^ np.uint64(code[i])) * _FNV_PRIME
    return h


@njit(cache=True)
def vocab_table(codes, offsets, ids):
    """Open-addressing hash table of a vocabulary: word ``k`` is ``codes[offsets[k]:offsets[k + 1]]``
    with id ``ids[k]``; a later word replaces an earlier equal one (as in a dict).

    Returns ``(slot_word, slot_hash)``: the word index in each slot (-1 if empty) and its hash;
    the table size is a power of two, at least twice the number of words.
    """
    n = ids.size
    size = 16
    while size < 2 * n:
        size *= 2
    mask = size - 1
    slot_word = np.full(size, -1, np.int64)
    slot_hash = np.zeros(size, np.uint64)
    for k in range(n):
        a, b = offsets[k], offsets[k + 1]
        h = _hash(codes, a, b)
        i = np.int64(h & np.uint64(mask))
        while slot_word[i] >= 0:
            w = slot_word[i]
            if slot_hash[i] == h and offsets[w + 1] - offsets[w] == b - a:
                same = True
                for j in range(b - a):
                    if codes[offsets[w] + j] != codes[a + j]:
                        same = False
                        break
                if same:
                    break
            i = (i + 1) & mask
        slot_word[i] = k
        slot_hash[i] = h
    return slot_word, slot_hash


@njit(cache=True)
def _lookup(buf, m, slot_word, slot_hash, codes, offsets, ids):
    h = _FNV_OFFSET
    for i in range(m):
        h = (h ^ np.uint64(buf[i])) * _FNV_PRIME
    mask = slot_word.size - 1
    i = np.int64(h & np.uint64(mask))
    while slot_word[i] >= 0:
        w = slot_word[i]
        if slot_hash[i] == h and offsets[w + 1] - offsets[w] == m:
            a = offsets[w]
            same = True
            for j in range(m):
                if codes[a + j] != buf[j]:
                    same = False
                    break
            if same:
                return ids[w]
        i = (i + 1) & mask
    return 0


@njit(cache=True)
def _is_emoji(c):
    return (0x2190 <= c <= 0x21FF) or (0x2300 <= c <= 0x27BF) or (0x2B00 <= c <= 0x2BFF) or (0x1F000 <= c <= 0x1FAFF)


@njit(cache=True)
def _is_opt(c):
    return c == 45 or c == 111 or c == 94 or c == 39  # - o ^ '


@njit(cache=True)
def _is_bracket(c):
    return c == 40 or c == 41 or c == 91 or c == 93  # ( ) [ ]


@njit(cache=True)
def _is_eyes(c):
    return c == 58 or c == 59 or c == 61  # : ; =


@njit(cache=True)
def _is_mouth(c):
    # ( ) [ ] d p / \ | * 3
    return _is_bracket(c) or c == 100 or c == 112 or c == 47 or c == 92 or c == 124 or c == 42 or c == 51


@njit(cache=True)
def _not_word_at(code, cls, e):
    return e == code.size or (cls[code[e]] & WORD) == 0


@njit(cache=True)
def _emoticon_end(code, cls, i):
    r"""End of the emoticon alternative of the pattern at ``i`` (-1 if none), lookarounds included:
    ``(?<!\w)(?:[:;=8][\-o^']?[()\[\]dp/\\|*3]+|<3+|[()\[\]]+[\-o^']?[:;=])(?!\w)``, with the
    backtracking of the regular expression (greedy first, then shorter)."""
    n = code.size
    if i > 0 and (cls[code[i - 1]] & WORD) != 0:
        return -1
    c = code[i]
    if _is_eyes(c) or c == 56:  # [:;=8] [\-o^']? [mouth]+
        for with_opt in (True, False):
            s = i + 1
            if with_opt:
                if not (s < n and _is_opt(code[s])):
                    continue
                s += 1
            r = 0
            while s + r < n and _is_mouth(code[s + r]):
                r += 1
            for length in range(r, 0, -1):
                if _not_word_at(code, cls, s + length):
                    return s + length
        return -1
    if c == 60:  # <3+
        r = 0
        while i + 1 + r < n and code[i + 1 + r] == 51:
            r += 1
        # a shorter run is followed by a 3, a word character
        return i + 1 + r if r > 0 and _not_word_at(code, cls, i + 1 + r) else -1
    if _is_bracket(c):  # [()\[\]]+ [\-o^']? [:;=]
        k = 1
        while i + k < n and _is_bracket(code[i + k]):
            k += 1
        p = i + k  # a shorter run of brackets is followed by a bracket: no match
        if p + 1 < n and _is_opt(code[p]) and _is_eyes(code[p + 1]) and _not_word_at(code, cls, p + 2):
            return p + 2
        if p < n and _is_eyes(code[p]) and _not_word_at(code, cls, p + 1):
            return p + 1
    return -1


@njit(cache=True)
def _starts_emoticon(c):
    return _is_eyes(c) or c == 56 or c == 60 or _is_bracket(c)


@njit(cache=True)
def token_ids(code, cls, english, slot_word, slot_hash, codes, offsets, ids, max_len):
    r"""Vocabulary id of each token of a prepared text (0 for an unknown token).

    Parameters
    ----------
    code : uint32 array, the code points of the text
    cls : uint8 array indexed by code point (at least ``code.max() + 1`` long): the class bits
        WORD (``\w``), LETTER (``[^\W\d_]``) and DIGIT (``\d``) of each character
    english : bool, words may hold apostrophes between letters (``don't``)
    slot_word, slot_hash, codes, offsets, ids : the vocabulary (:func:`vocab_table`)
    max_len : int, the length of the longest vocabulary word

    Notes
    -----
    The tokens are those of ``findall`` with the pattern
    ``(?=\S)(?:@\w+|WORD|\d+|\x00|[!?]|[.,;:]|EMOJI|EMOTICON)`` (alternatives tried in this
    order at each position, the first that matches taken), each with its runs of three or more
    of a same letter shortened to two before the look-up.
    """
    n = code.size
    out = np.empty(max(n // 4, 16), np.int64)
    k = 0
    buf = np.empty(max_len + 1, np.uint32)
    # int64, not literal, zeros: _emoticon_end and _lookup would compile once more for a literal 0
    i = np.int64(0)
    while i < n:
        c = code[i]
        f = cls[c]
        e = -1
        if c == 64 and i + 1 < n and (cls[code[i + 1]] & WORD) != 0:  # @\w+
            e = i + 2
            while e < n and (cls[code[e]] & WORD) != 0:
                e += 1
        elif (f & LETTER) != 0:
            e = i + 1
            while True:
                while e < n and (cls[code[e]] & LETTER) != 0:
                    e += 1
                if english and e + 1 < n and code[e] == 39 and (cls[code[e + 1]] & LETTER) != 0:
                    e += 1
                else:
                    break
        elif (f & DIGIT) != 0:
            e = i + 1
            while e < n and (cls[code[e]] & DIGIT) != 0:
                e += 1
        elif c == 0 or c == 33 or c == 63 or c == 46 or c == 44 or c == 59 or c == 58 or _is_emoji(c):
            e = i + 1
        elif _starts_emoticon(c):
            e = _emoticon_end(code, cls, i)
        if e < 0:
            i += 1
            continue
        # the token with its runs of 3+ of a same letter shortened to 2, then looked up
        m = np.int64(0)
        run = 0
        prev = np.uint32(0xFFFFFFFF)
        for j in range(i, e):
            x = code[j]
            run = run + 1 if x == prev else 1
            prev = x
            if run >= 3 and (cls[x] & LETTER) != 0:
                continue
            if m <= max_len:
                buf[m] = x
            m += 1
        if k == out.size:
            bigger = np.empty(2 * out.size, np.int64)
            copy_into(bigger, 0, out)
            out = bigger
        out[k] = _lookup(buf, m, slot_word, slot_hash, codes, offsets, ids) if m <= max_len else 0
        k += 1
        i = e
    return out[:k]


@njit(cache=True)
def blank_urls(code, cls):
    r"""A copy of ``code`` with each match of ``(?:https?://|www\.)\S+`` made spaces (same length)."""
    out = code.copy()
    n = code.size
    i = 0
    while i < n:
        c = code[i]
        p = -1
        if c == 104 and i + 6 < n and code[i + 1] == 116 and code[i + 2] == 116 and code[i + 3] == 112:  # http
            q = i + 4
            if code[q] == 115:  # s
                q += 1
            if q + 2 < n and code[q] == 58 and code[q + 1] == 47 and code[q + 2] == 47:  # ://
                p = q + 3
        elif c == 119 and i + 3 < n and code[i + 1] == 119 and code[i + 2] == 119 and code[i + 3] == 46:  # www.
            p = i + 4
        if p >= 0 and p < n and (cls[code[p]] & SPACE) == 0:
            e = p
            while e < n and (cls[code[e]] & SPACE) == 0:
                e += 1
            out[i:e] = 32
            i = e
        else:
            i += 1
    return out


@njit(cache=True)
def brand_matches(code, cls, first, group_ptr, group_forms, form_codes, form_offsets):
    r"""Matches of the brands' forms in a lowercased text: the kernel of
    :func:`~einfluence.perception.find_mentions`.

    Parameters
    ----------
    code : uint32 array, the code points of the text (URLs already blanked)
    cls : uint8 array, the class bits of every code point of the text
    first : int64 array like ``cls``: for the first character of some forms, 1 + the index of
        their group, else 0
    group_ptr, group_forms : the forms of group ``g`` (same first character), in the order of
        the alternation, are ``group_forms[group_ptr[g]:group_ptr[g + 1]]``
    form_codes, form_offsets : the forms, in the order of the alternation (longest first), form
        ``k`` being ``form_codes[form_offsets[k]:form_offsets[k + 1]]``; a space stands for
        ``\s+``

    Returns
    -------
    start, end, form : int64 arrays, one row per match, in text order

    Notes
    -----
    The matches of ``(?<![\w@#])(?:FORM_0|FORM_1|...)(?!\w)`` by ``re.finditer``: at each
    position not preceded by a word character, ``@`` or ``#``, the first form (in order) that
    matches and is not followed by a word character; the scan goes on after the match.
    """
    n = code.size
    cap = 1024
    out = np.empty((cap, 3), np.int64)
    k = 0
    i = 0
    while i < n:
        g = first[code[i]]
        if g == 0 or (i > 0 and ((cls[code[i - 1]] & WORD) != 0 or code[i - 1] == 64 or code[i - 1] == 35)):
            i += 1
            continue
        e = -1
        hit = -1
        # only the forms starting with this character can match here, in the alternation's order
        for gf in range(group_ptr[g - 1], group_ptr[g]):
            f = group_forms[gf]
            j = i
            ok = True
            for q in range(form_offsets[f], form_offsets[f + 1]):
                x = form_codes[q]
                if x == 32:  # \s+
                    if j >= n or (cls[code[j]] & SPACE) == 0:
                        ok = False
                        break
                    while j < n and (cls[code[j]] & SPACE) != 0:
                        j += 1
                elif j < n and code[j] == x:
                    j += 1
                else:
                    ok = False
                    break
            if ok and (j == n or (cls[code[j]] & WORD) == 0):
                e = j
                hit = f
                break
        if e < 0:
            i += 1
            continue
        if k == cap:
            cap *= 2
            bigger = np.empty((cap, 3), np.int64)
            copy_into(bigger.reshape(-1), 0, out[:k].reshape(-1))
            out = bigger
        out[k, 0] = i
        out[k, 1] = e
        out[k, 2] = hit
        k += 1
        i = e
    return out[:k, 0].copy(), out[:k, 1].copy(), out[:k, 2].copy()


@njit(cache=True)
def _dash(c):
    return c == 45 or c == 0x2013 or c == 0x2014  # - – —


@njit(cache=True)
def clause_cuts(code, cls, word_codes, word_offsets):
    r"""Where :data:`~einfluence.perception.targets._CLAUSE_END` cuts a lowercased text into
    clauses: for each match of the pattern, its end, or its start when the match is only spaces.

    The pattern's alternatives, tried in this order at each position: a run of ``.!?;`` followed
    by a space or the end, with the spaces after it; a run of line feeds; a comma and the spaces
    after it; a space followed either by a run of dashes (``-``, ``–``, ``—``) and a space, or by
    one of the contrast words (``word_codes[word_offsets[k]:word_offsets[k + 1]]``) ending a word
    (the space alone is then the match). The scan goes on after each match.
    """
    n = code.size
    out = np.empty(max(n // 8, 16), np.int64)
    heads = np.zeros(128, np.bool_)  # the words' first letters (all ASCII): most spaces go no further
    for w in range(word_offsets.size - 1):
        heads[word_codes[word_offsets[w]]] = True
    k = 0
    i = 0
    while i < n:
        c = code[i]
        e = -1
        empty = False
        if c == 46 or c == 33 or c == 63 or c == 59:  # [.!?;]+(?=\s|$)\s*
            p = i + 1
            while p < n and (code[p] == 46 or code[p] == 33 or code[p] == 63 or code[p] == 59):
                p += 1
            # (a shorter run is followed by one of .!?; which is not a space: only the whole run)
            if p == n or (cls[code[p]] & SPACE) != 0:
                while p < n and (cls[code[p]] & SPACE) != 0:
                    p += 1
                e = p
        elif c == 10:  # \n+
            e = i + 1
            while e < n and code[e] == 10:
                e += 1
            empty = True
        elif c == 44:  # ,\s*
            e = i + 1
            while e < n and (cls[code[e]] & SPACE) != 0:
                e += 1
        elif (cls[c] & SPACE) != 0:  # \s(?:[-–—]+\s|(?=WORDS\b))
            p = i + 1
            while p < n and _dash(code[p]):
                p += 1
            if p > i + 1 and p < n and (cls[code[p]] & SPACE) != 0:
                e = p + 1
            elif i + 1 < n and code[i + 1] < 128 and heads[code[i + 1]]:
                for w in range(word_offsets.size - 1):
                    a, b = word_offsets[w], word_offsets[w + 1]
                    if i + 1 + (b - a) > n:
                        continue
                    same = True
                    for q in range(b - a):
                        if code[i + 1 + q] != word_codes[a + q]:
                            same = False
                            break
                    if same and (i + 1 + (b - a) == n or (cls[code[i + 1 + b - a]] & WORD) == 0):
                        e = i + 1
                        empty = True
                        break
        if e < 0:
            i += 1
            continue
        if k == out.size:
            bigger = np.empty(2 * out.size, np.int64)
            copy_into(bigger, 0, out)
            out = bigger
        # the cut: a match holding more than spaces ends its clause; spaces only, they start the next
        out[k] = i if empty else e
        k += 1
        i = e
    return out[:k]


@njit(cache=True)
def literal_starts(code, first, group_ptr, group_forms, form_codes, form_offsets):
    """Positions where one of the literal strings starts (each position at most once).

    ``first``, ``group_ptr``, ``group_forms``, ``form_codes`` and ``form_offsets`` describe the
    literals as for :func:`brand_matches` (a space is a plain space here).
    """
    n = code.size
    out = np.empty(max(n // 16, 16), np.int64)
    k = 0
    for i in range(n):
        g = first[code[i]]
        if g == 0:
            continue
        for gf in range(group_ptr[g - 1], group_ptr[g]):
            f = group_forms[gf]
            a, b = form_offsets[f], form_offsets[f + 1]
            if i + b - a > n:
                continue
            same = True
            for q in range(b - a):
                if code[i + q] != form_codes[a + q]:
                    same = False
                    break
            if same:
                if k == out.size:
                    bigger = np.empty(2 * out.size, np.int64)
                    copy_into(bigger, 0, out)
                    out = bigger
                out[k] = i
                k += 1
                break
    return out[:k]
