"""Brand-aware, target-dependent views of posts: what each mention's sentiment is scored on.

The sentiment of a mention is the sentiment of what the post says *of that brand*, not of the
words of its name nor of what it says of another brand. :func:`mention_views` turns each
distinct (post, brand) mention into a text to score:

* **brand-aware**: the brand's occurrences become the placeholder :data:`TARGET` (``@target``)
  and the other declared brands' :data:`OTHER` (``@other``), and so do the words of any
  mentioned brand's names that carry a sentiment of their own (``united``, ``virgin``,
  ``free``, ``orange``, ``delta``...) wherever they stand in the post. The lexicon never rates
  a ``@handle`` and the trained models learned the placeholders from brand corpora, so
  ``"@united not my luggage"`` is judged on ``"not my luggage"``.
* **target-dependent**: in a post naming several brands, each brand's view keeps only its own
  clauses (the post is cut at sentence ends, semicolons, line breaks, commas and contrast
  words such as *but*, *unlike*, *whereas*, *mais*, *alors que*; a clause naming no brand goes
  with the brand named last before it, or first after it), and two constructions reverse the
  other side: a **switch** (*leaving X for Y*, *switched from X to Y*, *quitter X pour Y*,
  *passer de X à Y*: X negative, Y positive unless the post is clearly negative about the
  move) and a **comparison** (*X is better than Y*, *X > Y*, *mieux que*, *pire que*,
  *unlike Y*, *contrairement à Y*: the compared brand takes the opposite sentiment of the
  subject's).

Negation scope stays inside the clause: in ``"@united never again, @delta was not bad"``
the negation of *bad* belongs to Delta's clause only.

References
----------
.. [1] L. Jiang, M. Yu, M. Zhou, X. Liu and T. Zhao, "Target-dependent Twitter sentiment
   classification", Proc. ACL 2011, pp. 151-160. https://aclanthology.org/P11-1016/
.. [2] D. Tang, B. Qin, X. Feng and T. Liu, "Effective LSTMs for target-dependent sentiment
   classification", Proc. COLING 2016, pp. 3298-3307. https://aclanthology.org/C16-1311/
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from einfluence.base.unique import unique_ints
from einfluence.perception.mentions import Brand, Mentions
from einfluence.text import fold_lower

__all__ = ["OTHER", "TARGET", "MentionViews", "mask_brands", "mention_views", "name_words"]

#: Placeholder of the brand whose sentiment is scored.
TARGET = "@target"
#: Placeholder of the other declared brands.
OTHER = "@other"

#: relation of a view to the post: its own clauses, or the reverse of the other side's
SAME, SWITCH_FROM, SWITCH_TO, WORSE, BETTER = 0, 1, 2, 3, 4

#: the contrast words that start a clause (after a space)
_CONTRAST_WORDS = ("but", "however", "whereas", "while", "unlike", "although", "though", "yet", "mais", "alors que",
                   "tandis que", "contrairement", "pourtant", "cependant", "sauf", "par contre")  # fmt: skip
_CLAUSE_END = re.compile(
    r"(?=[.!?;,\s])(?:[.!?;]+(?=\s|$)\s*|\n+|,\s*|\s(?:[-–—]+\s|(?=[bhwualtymcps])(?=(?:"
    + "|".join(_CONTRAST_WORDS) + r")\b)))"
)  # (the first-character tests only save time: a quarter of the scan)
#: a construction between brands needs one of these words (a cheap test before the patterns)
_TRIGGER = re.compile(
    r"(?=[abcdfglmpqrstu<>&])(?:\b(?:leav|left\b|quit|ditch|dump|drop|cancel|switch|mov\w*\s+from\b|chang\w*\s+(?:from|de)\b|goodbye\b|bye\b|"
    r"done with\b|fed up\b|resili|abandonn|lach|plaqu|adieu\b|pass\w*\s+de\b|parti[re]?\s+de\b|than\b|que\b|qu\b|"
    r"unlike\b|contrairement\b|pas comme\b)|[<>]|&[lg]t;)"
)  # (the first-letter test only saves time)
#: every match of :data:`_TRIGGER` holds one of these strings (a test checks it on each alternative)
_TRIGGER_LITERALS = ("leav", "left", "qu", "ditch", "dump", "drop", "cancel", "switch", "mov", "chang", "bye",
                     "done with", "fed up", "resili", "abandonn", "lach", "plaqu", "adieu", "pass", "parti", "than",
                     "unlike", "contrairement", "pas comme", "<", ">", "&lt;", "&gt;")  # fmt: skip
_PH = r"@(?:target|other)\d*"
_SWITCH = re.compile(
    r"\b(?:leav\w*|left|quit\w*|ditch\w*|dump\w*|drop\w*|cancel\w*|switch\w*(?:\s+from)?|mov\w*\s+from|chang\w*\s+from|"
    r"goodbye|bye|done with|fed up with|quitt\w*|resili\w*|abandonn\w*|lach\w*|plaqu\w*|adieu|pass\w*\s+de|chang\w*\s+de|"
    r"partir de|parti de|partie de)\b[^.!?\n]{0,40}?(?P<src>" + _PH + r")[^.!?\n]{0,40}?"
    r"\b(?:for|to|pour|chez|vers|a|au)\b\s+(?:\w+\s+){0,2}?(?P<dst>" + _PH + r")",
    re.IGNORECASE,
)
_BETTER = re.compile(
    r"(?P<a>" + _PH + r")[^.!?\n]{0,40}?\b(?:better|faster|cheaper|nicer|superior|friendlier|smarter|more reliable|"
    r"mieux|meilleure?s?|plus fiables?|moins chers?)\b[^.!?\n]{0,30}?\b(?:than|que|qu)\b\W+(?:\w+\s+){0,2}?"
    r"(?P<b>" + _PH + r")|(?P<a2>" + _PH + r")\s*(?:>|>>|&gt;)\s*(?P<b2>" + _PH + r")",
    re.IGNORECASE,
)
_WORSE = re.compile(
    r"(?P<a>" + _PH + r")[^.!?\n]{0,40}?\b(?:worse|slower|pricier|ruder|pire|pires|moins bien)\b[^.!?\n]{0,30}?"
    r"\b(?:than|que|qu)\b\W+(?:\w+\s+){0,2}?(?P<b>" + _PH + r")|(?P<a2>" + _PH + r")\s*(?:<|<<|&lt;)\s*"
    r"(?P<b2>" + _PH + r")",
    re.IGNORECASE,
)
_UNLIKE = re.compile(r"\b(?:unlike|contrairement a|contrairement à|pas comme)\s+(?:\w+\s+){0,1}?(?P<b>" + _PH + r")",
                     re.IGNORECASE)


@dataclass(frozen=True)
class MentionViews:
    """The text to score for each distinct (post, brand) mention; see :func:`mention_views`.

    Attributes
    ----------
    post, brand : numpy.ndarray of int64, shape (n_views,)
        The mention, sorted by post then brand.
    text : list of str
        What is scored for it: the post with brands masked, or its own clauses only.
    relation : numpy.ndarray of int8
        0: the view's own sentiment; 1: the source of a switch (negative); 2: its destination
        (positive, or negative when the whole post is); 3: the worse side of a comparison (the
        opposite of the better side's view); 4: the better side (its own view, at least not
        negative when the comparison is explicit).
    partner : numpy.ndarray of int64
        For relations 1-4, the index of the view of the other brand of the construction; -1
        otherwise.
    multi : numpy.ndarray of bool
        The post names more than one brand.
    """

    post: np.ndarray
    brand: np.ndarray
    text: list[str]
    relation: np.ndarray
    partner: np.ndarray
    multi: np.ndarray

    def __len__(self) -> int:
        return int(self.post.size)


def _word_forms(brand: Brand) -> list[str]:
    return [brand.name, *brand.aliases, *brand.products]


@cache
def _rated(lang: str) -> frozenset[str]:
    from einfluence.perception._lexicons import get_lexicon

    return frozenset(w for w, v in get_lexicon(lang).valence.items() if v != 0.0 and w.isalpha())


def name_words(brand: Brand) -> tuple[str, ...]:
    """Words of a brand's names that a lexicon rates (``United`` -> ``("united",)``).

    Within a post that mentions the brand, these words are names, not opinions: they are
    masked wherever they stand, even alone (``"flying Virgin again"`` for ``Virgin America``).

    Examples
    --------
    >>> name_words(Brand("United", aliases=["United Airlines"])), name_words(Brand("Free", products=["Freebox"]))
    (('united',), ('free',))
    >>> name_words(Brand("Ondula"))
    ()
    """
    rated = _rated("en") | _rated("fr")
    words = {w for form in _word_forms(brand) for w in re.findall(r"[^\W\d_]+", fold_lower(form))}
    return tuple(sorted(w for w in words if w in rated))


def _name_word_pattern(words: Sequence[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    return re.compile(r"(?<![\w@#])(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?!\w)",
                      re.IGNORECASE)


def _masked(text: str, spans: list[tuple[int, int, int]], target: int, words: dict[int, re.Pattern[str] | None]) -> str:
    """``text`` with each span (start, end, brand) replaced by TARGET or OTHER, and the rated
    name words of the mentioned brands by the same placeholders."""
    out, last = [], 0
    for a, b, brand in spans:
        if a < last:
            continue
        out.append(text[last:a])
        out.append(TARGET if brand == target else OTHER)
        last = b
    out.append(text[last:])
    s = "".join(out)
    for brand, pattern in words.items():
        if pattern is not None:
            s = pattern.sub(TARGET if brand == target else OTHER, s)
    return s


def _fallback_spans(text: str, forms: dict[int, re.Pattern[str]]) -> list[tuple[int, int, int]]:
    """Spans found again in the text itself (when find_mentions' positions are unknown)."""
    spans = [(m.start(), m.end(), b) for b, p in forms.items() for m in p.finditer(text)]
    return sorted(spans)


def _clauses(text: str) -> list[tuple[int, int]]:
    bounds = [0]
    for m in _CLAUSE_END.finditer(text):
        bounds.append(m.end() if m.group().strip() else m.start())
    bounds.append(len(text))
    return [(a, b) for a, b in itertools.pairwise(bounds) if b > a]


def _clause_texts(numbered: str, brands_in: list[int], slots: dict[int, str]) -> dict[int, str]:
    """For each brand of the post, its clauses of ``numbered`` (every brand as its numbered slot).

    A clause naming brands belongs to each of them; one naming none goes with the brands of the
    last clause before it that names one, else of the first after it.
    """
    clauses = _clauses(numbered)
    owners: list[list[int]] = [[br for br in brands_in if slots[br] in numbered[a:b]] for a, b in clauses]
    last: list[int] = []
    for o in owners:
        if o:
            last = o
        else:
            o.extend(last)
    nxt: list[int] = []
    for o in reversed(owners):
        if o:
            nxt = o
        else:
            o.extend(nxt)
    out = {}
    for br in brands_in:
        kept = " ".join(numbered[a:b].strip() for (a, b), o in zip(clauses, owners, strict=True) if br in o)
        out[br] = kept or numbered
    return out


def mention_views(texts: Sequence[str | None], mentions: Mentions, brands: Sequence[Brand]) -> MentionViews:
    """The brand-aware, target-dependent text to score for each distinct (post, brand) mention.

    Parameters
    ----------
    texts : sequence of str or None
        The posts given to :func:`~einfluence.perception.find_mentions`.
    mentions : Mentions
        Its result.
    brands : sequence of Brand
        The brands it looked for (their order gives the ``brand`` codes).

    Returns
    -------
    MentionViews

    Examples
    --------
    >>> from einfluence.perception import find_mentions
    >>> brands = [Brand("United", handles=["united"]), Brand("Delta", handles=["delta"])]
    >>> texts = ["@united not my luggage", "Leaving @united for @Delta, so happy", "United lost my bag. Delta was great"]
    >>> v = mention_views(texts, find_mentions(texts, brands), brands)
    >>> v.text[0], v.relation.tolist()
    ('@target not my luggage', [0, 1, 2, 0, 0])
    >>> v.text[3], v.text[4]
    ('@target lost my bag.', '@target was great')
    """
    n = mentions.n_posts
    text_list = ["" if t is None else str(t) for t in texts]
    if len(text_list) != n:
        raise ValueError(f"texts has {len(text_list)} posts but the mentions were found in {n}")
    k = max(mentions.n_brands, 1)
    order = np.lexsort((mentions.start, mentions.post))
    m_post, m_brand = mentions.post[order], mentions.brand[order]
    m_start, m_end = mentions.start[order], mentions.end[order]
    pairs = unique_ints(m_post * k + m_brand)
    v_post, v_brand = pairs // k, pairs % k
    n_views = pairs.size
    text_out: list[str] = [""] * n_views
    relation = np.zeros(n_views, dtype=np.int8)
    partner = np.full(n_views, -1, dtype=np.int64)
    multi = np.zeros(n_views, dtype=bool)
    if n_views == 0:
        return MentionViews(v_post, v_brand, text_out, relation, partner, multi)
    words = {b: _name_word_pattern(name_words(brand)) for b, brand in enumerate(brands)}
    forms: dict[int, re.Pattern[str]] = {}
    # mention rows of each post, and views of each post
    row_bounds = np.searchsorted(m_post, np.arange(n + 1)) if m_post.size else np.zeros(n + 1, np.int64)
    view_bounds = np.searchsorted(v_post, unique_ints(v_post))
    view_bounds = np.append(view_bounds, n_views)
    known = np.ones(n, dtype=bool)
    known[m_post[m_start < 0]] = False
    per_post = np.bincount(v_post, minlength=n)
    m_view = np.searchsorted(pairs, m_post * k + m_brand)
    rank = np.arange(n_views) - np.searchsorted(v_post, v_post)
    done = np.zeros(n_views, dtype=bool)
    # the common cases at once: posts naming one brand, and posts naming 2-9 brands
    single = np.flatnonzero((per_post == 1) & known)
    if single.size:
        masked = _batch_numbered(text_list, single, m_post, m_start, m_end, m_view, v_post, v_brand,
                                 [TARGET] * n_views, words)
        if masked is not None:
            ones = np.flatnonzero(np.isin(v_post, single))
            for v, part in zip(ones.tolist(), masked.split(_SEP), strict=True):
                text_out[v] = part
            done[ones] = True
    several = np.flatnonzero((per_post >= 2) & (per_post <= 9) & known)
    if several.size and _BATCH_MULTI:
        slots = [f"@other{r + 1}" for r in rank.tolist()]
        numbered = _batch_numbered(text_list, several, m_post, m_start, m_end, m_view, v_post, v_brand, slots, words)
        if numbered is not None:
            _multi_brand_views(fold_lower(numbered), several, v_post, v_brand, rank, text_out, relation, partner)
            views = np.isin(v_post, several)
            done |= views
            multi |= views
    for g in range(view_bounds.size - 1):
        va, vb = int(view_bounds[g]), int(view_bounds[g + 1])
        if done[va]:
            continue
        p = int(v_post[va])
        text = text_list[p]
        ra, rb = int(row_bounds[p]), int(row_bounds[p + 1])
        if known[p]:
            spans = list(zip(m_start[ra:rb].tolist(), m_end[ra:rb].tolist(), m_brand[ra:rb].tolist(), strict=True))
        else:
            for b in set(m_brand[ra:rb].tolist()):
                if b not in forms:
                    forms[b] = _brand_pattern(brands[b])
            spans = _fallback_spans(text, {b: forms[b] for b in set(m_brand[ra:rb].tolist())})
        present = {b: words[b] for b in v_brand[va:vb].tolist()}
        if vb - va == 1:
            text_out[va] = _masked(text, spans, int(v_brand[va]), present)
            continue
        multi[va:vb] = True
        brands_in = v_brand[va:vb].tolist()
        slots = {b: f"@other{i + 1}" for i, b in enumerate(brands_in)}
        numbered = fold_lower(_numbered(text, spans, slots, present))  # clauses are cut in lowercase
        own = _clause_texts(numbered, brands_in, slots)
        for i, b in enumerate(brands_in):
            text_out[va + i] = _to_placeholders(own[b], slots, b)
        _relations(numbered, brands_in, slots, va, relation, partner)
    return MentionViews(v_post, v_brand, text_out, relation, partner, multi)


def _batch_numbered(texts: list[str], posts: np.ndarray, m_post: np.ndarray, m_start: np.ndarray, m_end: np.ndarray,
                    m_view: np.ndarray, v_post: np.ndarray, v_brand: np.ndarray, slot: list[str],
                    words: dict[int, re.Pattern[str] | None]) -> str | None:  # fmt: skip
    """The texts of ``posts`` (sorted) joined by :data:`_SEP`, each mention span and each rated
    name word of a brand the post names replaced by the slot of its view (``slot[view]``), at
    once in linear time; None if a text holds the separator."""
    n_sel = posts.size
    joined = _SEP.join(texts[p] for p in posts.tolist())
    if joined.count(_JOIN_SEP) != n_sel - 1:
        return None
    local = np.full(len(texts), -1, dtype=np.int64)
    local[posts] = np.arange(n_sel)
    lengths = np.fromiter((len(texts[p]) for p in posts.tolist()), dtype=np.int64, count=n_sel)
    offset = np.concatenate([[0], np.cumsum(lengths + len(_SEP))[:-1]])
    rows = np.flatnonzero(local[m_post] >= 0)
    starts = (offset[local[m_post[rows]]] + m_start[rows]).tolist()
    ends = (offset[local[m_post[rows]]] + m_end[rows]).tolist()
    pieces, last = [], 0
    for a, b, v in zip(starts, ends, m_view[rows].tolist(), strict=True):
        if a >= last:
            pieces.append(joined[last:a])
            pieces.append(slot[v])
            last = b
    pieces.append(joined[last:])
    masked = "".join(pieces)
    # the rated words of the names of the brands each post names
    views = np.flatnonzero(local[v_post] >= 0)
    k = int(v_brand.max()) + 1
    keys = local[v_post[views]] * k + v_brand[views]  # sorted: views are by post, then brand
    present = set(v_brand[views].tolist())
    for b, pattern in words.items():
        if pattern is None or b not in present:
            continue
        hits = _name_hits(pattern, masked)
        if not hits:
            continue
        seps = np.fromiter((m.start() for m in re.finditer(_JOIN_SEP, masked)), dtype=np.int64, count=n_sel - 1)
        want = np.searchsorted(seps, np.asarray([h[0] for h in hits], dtype=np.int64)) * k + b
        at = np.minimum(np.searchsorted(keys, want), keys.size - 1)
        found = keys[at] == want
        pieces, last = [], 0
        for (a, e), ok, j in zip(hits, found.tolist(), at.tolist(), strict=True):
            if ok:
                pieces.append(masked[last:a])
                pieces.append(slot[int(views[j])])
                last = e
        pieces.append(masked[last:])
        masked = "".join(pieces)
    return masked


def _name_hits(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """Spans of ``pattern`` (of :func:`_name_word_pattern`) in ``text``: on a long text, its words
    found in the lowercased text by a pattern that starts with them (the look-behind checked
    on each hit), several times faster than the case-insensitive look-behind first."""
    lowered = text.lower()
    if len(lowered) != len(text):
        return [(m.start(), m.end()) for m in pattern.finditer(text)]
    words = _fast_words(pattern.pattern)
    out = []
    for m in words.finditer(lowered):
        a = m.start()
        if a == 0 or not (lowered[a - 1].isalnum() or lowered[a - 1] in "_@#"):
            out.append((a, m.end()))
    return out


@cache
def _fast_words(slow: str) -> re.Pattern[str]:
    return re.compile(slow.removeprefix(r"(?<![\w@#])"))


def _multi_brand_views(numbered: str, posts: np.ndarray, v_post: np.ndarray, v_brand: np.ndarray,
                       rank: np.ndarray, text_out: list[str], relation: np.ndarray,
                       partner: np.ndarray) -> None:  # fmt: skip
    """Views of the posts naming 2-9 brands from their joined, lowercased numbered texts
    (brand ``rank + 1`` as ``@other<rank + 1>``), as :func:`_clause_texts` and
    :func:`_relations` build them one post at a time, with the clauses cut at once."""
    parts = numbered.split(_SEP)
    lengths = np.fromiter((len(t) for t in parts), dtype=np.int64, count=len(parts))
    starts = np.concatenate([[0], np.cumsum(lengths + len(_SEP))[:-1]])
    ends = starts + lengths
    cut = _clause_cuts(numbered)
    bounds = unique_ints(np.concatenate([np.asarray(cut, dtype=np.int64), starts, ends]))
    ca, cb = bounds[:-1], bounds[1:]
    cpost = np.searchsorted(starts, ca, side="right") - 1
    keep = (ca >= starts[cpost]) & (cb <= ends[cpost])
    ca, cb, cpost = ca[keep], cb[keep], cpost[keep]
    # the brands each clause names, as bits of their rank; then a clause naming none takes the
    # brands of the last clause before it naming one, else of the first after it (same post)
    named = [(m.start(), int(m.group(1))) for m in _SLOT.finditer(numbered)]
    at = np.asarray([x[0] for x in named], dtype=np.int64)
    bit = np.left_shift(1, np.asarray([x[1] for x in named], dtype=np.int64) - 1)
    own = np.zeros(ca.size, dtype=np.int64)
    np.bitwise_or.at(own, np.searchsorted(ca, at, side="right") - 1, bit)
    idx = np.arange(ca.size)
    before = np.maximum.accumulate(np.where(own > 0, idx, -1))
    after = np.minimum.accumulate(np.where(own > 0, idx, ca.size)[::-1])[::-1]
    b_ok = (before >= 0) & (cpost[np.maximum(before, 0)] == cpost)
    a_ok = (after < ca.size) & (cpost[np.minimum(after, ca.size - 1)] == cpost)
    own = np.where(own > 0, own, np.where(b_ok, own[np.maximum(before, 0)],
                                          np.where(a_ok, own[np.minimum(after, ca.size - 1)], 0)))
    # each view: its post's clauses holding its bit, in order; its own slot made TARGET (same
    # length, so the clause bounds hold in each rank's copy), the other slots OTHER at the end
    first = np.searchsorted(cpost, np.arange(posts.size + 1))
    local = np.full(int(posts.max()) + 1, -1, dtype=np.int64)
    local[posts] = np.arange(posts.size)
    views = np.flatnonzero(np.isin(v_post, posts))
    lp = local[v_post[views]]
    count = first[lp + 1] - first[lp]
    pair_view = np.repeat(np.arange(views.size), count)
    pair_clause = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count) + np.repeat(first[lp], count)
    r = rank[views]
    sel = (own[pair_clause] >> r[pair_view]) & 1 == 1
    pair_view, pair_clause = pair_view[sel], pair_clause[sel]
    pr = r[pair_view]
    pieces: list[str] = [""] * pair_view.size
    for rr in unique_ints(pr).tolist():
        copy = numbered.replace(f"@other{rr + 1}", TARGET)
        at_r = np.flatnonzero(pr == rr)
        for i, a, b in zip(at_r.tolist(), ca[pair_clause[at_r]].tolist(), cb[pair_clause[at_r]].tolist(), strict=True):
            pieces[i] = copy[a:b].strip()
    last = np.ones(pair_view.size, dtype=bool)
    last[:-1] = pair_view[1:] != pair_view[:-1]
    glue = [_JOIN_SEP if x else " " for x in last.tolist()]  # (numpy strings would drop a trailing NUL)
    out = _SLOT.sub(OTHER, "".join(itertools.chain.from_iterable(zip(pieces, glue, strict=True)))).split(_JOIN_SEP)
    got = np.zeros(views.size, dtype=bool)
    got[pair_view] = True
    for v, text in zip(views[got].tolist(), out, strict=False):
        text_out[v] = text
    for v, lpv in zip(views[~got].tolist(), lp[~got].tolist(), strict=True):  # no clause of its own (cannot be)
        text_out[v] = _SLOT.sub(OTHER, parts[lpv])
    # switches and comparisons, in the posts holding one of their words
    hit = _trigger_posts(numbered, parts, starts)
    first_view = np.searchsorted(v_post, posts)
    last_view = np.searchsorted(v_post, posts, side="right")
    for lpi in np.flatnonzero(hit).tolist():
        va, vb = int(first_view[lpi]), int(last_view[lpi])
        brands_in = v_brand[va:vb].tolist()
        _relations(parts[lpi], brands_in, {b: f"@other{i + 1}" for i, b in enumerate(brands_in)}, va, relation,
                   partner)


def _trigger_posts(numbered: str, parts: list[str], starts: np.ndarray) -> np.ndarray:
    """Which of the joined posts (``parts``, starting at ``starts`` in ``numbered``) hold a match
    of :data:`_TRIGGER`. On a long text, the posts holding one of :data:`_TRIGGER_LITERALS` are
    found by one numba pass, and only they are searched (no match of the pattern runs across
    two posts: it neither starts nor ends with a space or the separator)."""
    hit = np.zeros(len(parts), dtype=bool)
    if len(numbered) < _KERNEL_FROM or not "".join(_TRIGGER_LITERALS).isascii():  # (the kernel's are ASCII)
        hit[np.searchsorted(starts, [m.start() for m in _TRIGGER.finditer(numbered)], side="right") - 1] = True
        return hit
    from einfluence.perception._chars import codes
    from einfluence.perception._kernels import literal_starts

    code = codes(numbered)
    lits = sorted(_TRIGGER_LITERALS)
    heads = np.array([ord(w[0]) for w in lits], dtype=np.int64)
    order = np.argsort(heads, kind="stable")
    distinct, ptr = np.unique(heads[order], return_index=True)
    first = np.zeros(max(int(code.max()) + 1 if code.size else 0, 128), dtype=np.int64)
    first[distinct] = np.arange(distinct.size) + 1
    offsets = np.zeros(len(lits) + 1, dtype=np.int64)
    np.cumsum([len(w) for w in lits], out=offsets[1:])
    at = literal_starts(code, first, np.append(ptr, len(lits)).astype(np.int64), order, codes("".join(lits)),
                        offsets)  # fmt: skip
    maybe = unique_ints(np.searchsorted(starts, at, side="right") - 1) if at.size else at
    search = _TRIGGER.search
    for p in maybe.tolist():
        hit[p] = search(parts[p]) is not None
    return hit


def _clause_cuts(text: str) -> np.ndarray:
    """Where :data:`_CLAUSE_END` cuts ``text``: each match's end, or its start when it is only
    spaces. A long text (many posts joined) by one numba pass, the pattern below (the same cuts:
    see the tests)."""
    if len(text) < _KERNEL_FROM or not "".join(_CONTRAST_WORDS).isascii():  # (the kernel's words are ASCII)
        return np.asarray([m.end() if m.group().strip() else m.start() for m in _CLAUSE_END.finditer(text)],
                          dtype=np.int64)  # fmt: skip
    from einfluence.perception._chars import char_classes, codes
    from einfluence.perception._kernels import clause_cuts

    code = codes(text)
    words = "".join(_CONTRAST_WORDS)
    offsets = np.zeros(len(_CONTRAST_WORDS) + 1, dtype=np.int64)
    np.cumsum([len(w) for w in _CONTRAST_WORDS], out=offsets[1:])
    return clause_cuts(code, char_classes(code), codes(words), offsets)


#: texts this long (in characters) are cut by the numba kernel (a shorter one does not pay for
#: importing numba)
_KERNEL_FROM = 200_000
_SLOT = re.compile(r"@other(\d)(?!\d)")
#: batch the posts naming several brands (the per-post path is kept as the reference of the tests)
_BATCH_MULTI = True
_JOIN_SEP = "\x00"
_SEP = f" {_JOIN_SEP} "


def _brand_pattern(brand: Brand) -> re.Pattern[str]:
    terms = [*_word_forms(brand), *brand.handles, *brand.hashtags]
    alts = sorted({re.escape(t) for t in terms}, key=len, reverse=True)
    return re.compile(r"(?<![\w@#])(?:" + "|".join(alts) + r")(?!\w)", re.IGNORECASE)


def _numbered(text: str, spans: list[tuple[int, int, int]], slots: dict[int, str],
              words: dict[int, re.Pattern[str] | None]) -> str:  # fmt: skip
    out, last = [], 0
    for a, b, brand in spans:
        if a < last:
            continue
        out.append(text[last:a])
        out.append(slots.get(brand, OTHER))
        last = b
    out.append(text[last:])
    s = "".join(out)
    for brand, pattern in words.items():
        if pattern is not None:
            s = pattern.sub(slots[brand], s)
    return s


def _to_placeholders(s: str, slots: dict[int, str], target: int) -> str:
    for b, slot in sorted(slots.items(), key=lambda kv: -len(kv[1])):
        s = s.replace(slot, TARGET if b == target else OTHER)
    return s


def _relations(numbered: str, brands_in: list[int], slots: dict[int, str], va: int, relation: np.ndarray,
               partner: np.ndarray) -> None:  # fmt: skip
    """Switch and comparison constructions between the post's brands (first one found wins)."""
    index = {slot.lower(): va + i for i, slot in enumerate(slots[b] for b in brands_in)}

    def mark(a_slot: str | None, b_slot: str | None, rel_a: int, rel_b: int) -> bool:
        if not a_slot or not b_slot:
            return False
        ia, ib = index.get(a_slot.lower()), index.get(b_slot.lower())
        if ia is None or ib is None or ia == ib:
            return False
        relation[ia], relation[ib] = rel_a, rel_b
        partner[ia], partner[ib] = ib, ia
        return True

    folded = numbered
    if not _TRIGGER.search(folded):
        return
    m = _SWITCH.search(folded)
    if m and mark(m.group("src"), m.group("dst"), SWITCH_FROM, SWITCH_TO):
        return
    m = _BETTER.search(folded)
    if m and mark(m.group("a") or m.group("a2"), m.group("b") or m.group("b2"), BETTER, WORSE):
        return
    m = _WORSE.search(folded)
    if m and mark(m.group("a") or m.group("a2"), m.group("b") or m.group("b2"), WORSE, BETTER):
        return
    m = _UNLIKE.search(folded)
    if m:
        other = m.group("b").lower()
        rest = [s for s in index if s != other]
        if rest:
            mark(rest[0], other, BETTER, WORSE)


def resolve(scores: np.ndarray, labels: np.ndarray, views: MentionViews, whole: np.ndarray | None = None,
            margin: float = 0.3) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Sentiment of each mention from the scores of the views and the relations between them.

    Parameters
    ----------
    scores : numpy.ndarray of float, shape (n_views,)
        Score of each view in [-1, 1].
    labels : numpy.ndarray of str, shape (n_views,)
        Label of each view.
    views : MentionViews
    whole : numpy.ndarray of float, shape (n_views,), optional
        Score of the whole post (brands masked) of each view: a switch whose post is clearly
        negative (``<= -margin``) is a regretted one (the destination is negative).
    margin : float
        Smallest absolute score a reversed side gets.

    Returns
    -------
    scores, labels : numpy.ndarray
        Of each view, relations applied.
    """
    s = np.asarray(scores, dtype=np.float64).copy()
    lab = np.asarray(labels, dtype=object).copy()
    w = s if whole is None else np.asarray(whole, dtype=np.float64)
    for i in np.flatnonzero(views.relation != SAME):
        j = views.partner[i]
        rel = views.relation[i]
        if rel == SWITCH_FROM:
            regret = w[i] <= -margin
            s[i] = abs(w[i]) if regret else -max(abs(scores[i]), abs(w[i]), margin)
        elif rel == SWITCH_TO:
            regret = w[i] <= -margin
            s[i] = -abs(w[i]) if regret else max(abs(scores[i]), abs(w[i]), margin)
        elif rel == BETTER:
            s[i] = max(scores[i], margin)
        elif rel == WORSE:
            s[i] = min(scores[i], -max(abs(scores[j]), margin))
        lab[i] = "positive" if s[i] > 0 else "negative"
    return s, lab.astype(str)


def mask_brands(texts: Sequence[str | None], brands: Sequence[Brand]) -> list[str]:
    """Texts with every declared brand's forms and rated name words replaced by :data:`TARGET`.

    For scoring texts without a mention run (``einfluence sentiment FILE --brand NAME``): each
    brand named is masked as the target.

    Examples
    --------
    >>> mask_brands(["United Airlines lost my bag", "no brand"], [Brand("United", aliases=["United Airlines"])])
    ['@target lost my bag', 'no brand']
    """
    from einfluence.perception.mentions import find_mentions

    text_list = ["" if t is None else str(t) for t in texts]
    found = find_mentions(text_list, list(brands))
    views = mention_views(text_list, found, list(brands))
    out = list(text_list)
    for i in np.flatnonzero(~views.multi):
        out[int(views.post[i])] = views.text[i]
    for p in unique_ints(views.post[views.multi]).tolist():
        spans = _fallback_spans(out[p], {b: _brand_pattern(brand) for b, brand in enumerate(brands)})
        s = _masked(out[p], [(a, b, 0) for a, b, _ in spans], 0, {})
        for brand in brands:
            pattern = _name_word_pattern(name_words(brand))
            s = s if pattern is None else pattern.sub(TARGET, s)
        out[p] = s
    return out
