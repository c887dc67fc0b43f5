"""Texts of the demo world: one vocabulary of tokens, and the words of every post.

A text is a list of tokens, each an index into one growing list of strings (:class:`Vocab`):
topic terms and hashtags per language, filler words, comments, sentiment templates, brand
names, ``@handles`` and blog URLs (:func:`build_lexicon`, :func:`handles`,
:func:`blog_identities`). The stages draw token *segments* (document index, token) and
:func:`join_texts` joins them into strings with Arrow, without a Python string per token.
:func:`microblog_texts` writes the microblog posts; the blogs' posts are written by
:func:`einfluence.datasets._blogs.blog_network` with the same lexicon.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from einfluence.datasets import vocabulary as V
from einfluence.datasets._columns import LANGS, POLARITIES, str_ids
from einfluence.datasets._posts import MicroblogPosts, Originals

__all__ = [
    "Lexicon",
    "Segments",
    "Vocab",
    "blog_identities",
    "build_lexicon",
    "handles",
    "join_texts",
    "microblog_texts",
]

#: token segments: (document index, token) array pairs
Segments = list[tuple[np.ndarray, np.ndarray]]


class Vocab:
    """A growing list of strings; tokens are indices into it."""

    def __init__(self) -> None:
        self.parts: list[pa.Array] = []
        self.size = 0

    def add(self, strings: Sequence[str] | pa.Array) -> int:
        """Append ``strings``; return the token of the first one."""
        arr = (
            strings if isinstance(strings, pa.Array) else pa.array(list(strings), type=pa.string())
        )
        offset = self.size
        self.parts.append(arr)
        self.size += len(arr)
        return offset

    def array(self) -> pa.Array:
        """Every string, indexed by token."""
        return pa.concat_arrays(self.parts)


def join_texts(vocab: pa.Array, segments: Segments, n: int) -> pa.Array:
    """Texts of ``n`` documents from token segments, joined by spaces.

    ``segments`` is a list of ``(document index, token)`` arrays; within a document the tokens
    keep the order of the segments, then the order inside each segment.
    """
    docs = np.concatenate([s[0].astype(np.int32) for s in segments])
    toks = np.concatenate([s[1].astype(np.int32) for s in segments])
    order = np.argsort(docs, kind="stable")
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(docs, minlength=n), out=offsets[1:])
    del docs
    values = pc.take(vocab, pa.array(toks[order]))
    del toks, order
    lists = pa.LargeListArray.from_arrays(pa.array(offsets), values)
    return pc.binary_join(lists, " ")


@dataclass
class Lexicon:
    """Where each group of words starts in the :class:`Vocab` (``*_off``) and its size (``*_len``).

    ``term`` is indexed by (topic, language), ``tag`` by topic, ``fill``, ``com`` (comments)
    and ``promo`` (brand promotion templates) by language, ``sent`` (sentiment templates, a
    text before and one after the brand's name) by (language, polarity), ``name`` (aliases,
    products and the handle last) and ``btag`` (hashtags) by brand. ``at_off`` and ``url_off``
    are set by :func:`handles` and :func:`blog_identities`.
    """

    vocab: Vocab
    term_off: np.ndarray
    term_len: np.ndarray
    tag_off: np.ndarray
    tag_len: np.ndarray
    fill_off: np.ndarray
    fill_len: np.ndarray
    com_off: np.ndarray
    com_len: np.ndarray
    sent_before: np.ndarray
    sent_after: np.ndarray
    sent_len: np.ndarray
    promo_before: np.ndarray
    promo_after: np.ndarray
    promo_len: np.ndarray
    name_off: np.ndarray
    name_len: np.ndarray
    btag_off: np.ndarray
    btag_len: np.ndarray
    at_off: int = 0
    url_off: int = 0

    def topic_terms(
        self, rng: np.random.Generator, docs: np.ndarray, topics: np.ndarray, langs: np.ndarray
    ) -> np.ndarray:
        """One random term of each document's topic, in its language."""
        term_off, term_len = self.term_off, self.term_len
        return term_off[topics, langs] + (rng.random(docs.size) * term_len[topics, langs]).astype(
            np.int64
        )

    def words(
        self,
        rng: np.random.Generator,
        docs: np.ndarray,
        topics: np.ndarray,
        langs: np.ndarray,
        counts: np.ndarray,
        p_term: float,
    ) -> tuple[np.ndarray, np.ndarray]:
        """``counts`` words per document: topic terms with probability ``p_term``, else fillers."""
        d = np.repeat(docs, counts)
        t = np.repeat(topics, counts)
        lg = np.repeat(langs, counts)
        is_term = rng.random(d.size) < p_term
        tok = self.fill_off[lg] + (rng.random(d.size) * self.fill_len[lg]).astype(np.int64)
        tok[is_term] = self.topic_terms(rng, d[is_term], t[is_term], lg[is_term])
        return d, tok


def build_lexicon(topic_names: Sequence[str]) -> Lexicon:
    """The fixed words of :mod:`einfluence.datasets.vocabulary`, in a new :class:`Vocab`."""
    vocab = Vocab()
    n_topics, n_brands = len(topic_names), len(V.BRANDS)
    term_off = np.zeros((n_topics, 2), dtype=np.int64)
    term_len = np.zeros((n_topics, 2), dtype=np.int64)
    tag_off = np.zeros(n_topics, dtype=np.int64)
    tag_len = np.zeros(n_topics, dtype=np.int64)
    for t, name in enumerate(topic_names):
        for li, code in enumerate(LANGS):
            term_off[t, li] = vocab.add(V.TOPICS[name][code])
            term_len[t, li] = len(V.TOPICS[name][code])
        tag_off[t] = vocab.add(V.TOPICS[name]["hashtags"])
        tag_len[t] = len(V.TOPICS[name]["hashtags"])
    fill_off = np.array([vocab.add(V.FILLERS[c]) for c in LANGS])
    fill_len = np.array([len(V.FILLERS[c]) for c in LANGS])
    com_off = np.array([vocab.add(V.COMMENTS[c]) for c in LANGS])
    com_len = np.array([len(V.COMMENTS[c]) for c in LANGS])
    # sentiment templates: (lang, polarity) -> before offset, after offset, count
    sent_before = np.zeros((2, 3), dtype=np.int64)
    sent_after = np.zeros((2, 3), dtype=np.int64)
    sent_len = np.zeros((2, 3), dtype=np.int64)
    for li, code in enumerate(LANGS):
        for pi, pol in enumerate(POLARITIES):
            templates = V.SENTIMENT[code][pol]
            sent_before[li, pi] = vocab.add([b for b, _ in templates])
            sent_after[li, pi] = vocab.add([a for _, a in templates])
            sent_len[li, pi] = len(templates)
    promo_before = np.array([vocab.add([b for b, _ in V.BRAND_PROMO[c]]) for c in LANGS])
    promo_after = np.array([vocab.add([a for _, a in V.BRAND_PROMO[c]]) for c in LANGS])
    promo_len = np.array([len(V.BRAND_PROMO[c]) for c in LANGS])
    # brand names as written: aliases + products + handle; the handle is the last one
    name_off = np.zeros(n_brands, dtype=np.int64)
    name_len = np.zeros(n_brands, dtype=np.int64)
    btag_off = np.zeros(n_brands, dtype=np.int64)
    btag_len = np.zeros(n_brands, dtype=np.int64)
    for b, brand in enumerate(V.BRANDS):
        names = [*brand["aliases"], *brand["products"], brand["handle"]]  # type: ignore[misc]
        name_off[b] = vocab.add(names)
        name_len[b] = len(names)
        btag_off[b] = vocab.add(list(brand["hashtags"]))  # type: ignore[call-overload]
        btag_len[b] = len(brand["hashtags"])  # type: ignore[arg-type]
    return Lexicon(
        vocab=vocab, term_off=term_off, term_len=term_len, tag_off=tag_off, tag_len=tag_len,
        fill_off=fill_off, fill_len=fill_len, com_off=com_off, com_len=com_len,
        sent_before=sent_before, sent_after=sent_after, sent_len=sent_len,
        promo_before=promo_before, promo_after=promo_after, promo_len=promo_len,
        name_off=name_off, name_len=name_len, btag_off=btag_off, btag_len=btag_len,
    )  # fmt: skip


def _syllable_words(rng: np.random.Generator, n: int) -> pa.Array:
    """``n`` made-up words: two random syllables and the index."""
    return pc.binary_join_element_wise(
        pc.take(pa.array(V.SYLLABLES), pa.array(rng.integers(0, len(V.SYLLABLES), n))),
        pc.take(pa.array(V.SYLLABLES), pa.array(rng.integers(0, len(V.SYLLABLES), n))),
        str_ids(np.arange(n)),
        "",
    )


def handles(rng: np.random.Generator, lex: Lexicon, n: int, n_brands: int) -> pa.Array:
    """Handles of the microblog accounts (the brands' own first); adds their ``@`` forms."""
    handle_words = _syllable_words(rng, n)
    brand_handles = pa.array([str(b["handle"]).lstrip("@") for b in V.BRANDS])
    out = pa.concat_arrays([brand_handles, handle_words[n_brands:]])
    lex.at_off = lex.vocab.add(pc.binary_join_element_wise("@", out, ""))
    return out


def blog_identities(
    rng: np.random.Generator, lex: Lexicon, n_blogs: int
) -> tuple[pa.Array, pa.Array, pa.Array]:
    """Names, ids and URLs of the blogs; adds the URLs (linked from microblog posts).

    A blog's id is its normalised site URL (host, no scheme), as the feeds reader makes it.
    """
    blog_words = _syllable_words(rng, n_blogs)
    blog_ids = pc.binary_join_element_wise(blog_words, ".blog.example", "")
    blog_urls = pc.binary_join_element_wise("https://", blog_ids, "")
    lex.url_off = lex.vocab.add(blog_urls)
    return blog_words, blog_ids, blog_urls


def _original_segments(
    rng: np.random.Generator,
    lex: Lexicon,
    orig: Originals,
    m_post: np.ndarray,
    m_target: np.ndarray,
    owner_blog: np.ndarray,
    n_brands: int,
) -> tuple[Segments, np.ndarray, np.ndarray]:
    """Tokens of the original posts: brand phrase, words, mentions, hashtags, blog links.

    Returns the segments, the posts that ``@`` mention a brand's handle and the posts that
    link to their author's blog.
    """
    n_orig, author, p_brand, p_topic = orig.n, orig.author, orig.brand, orig.topic
    segments: Segments = []
    # brand phrase first: before, name, after
    bp = np.flatnonzero(p_brand >= 0)
    bl, bb = orig.lang[bp].astype(np.int64), p_brand[bp]
    promo = author[bp] < n_brands
    pol = orig.sent[bp] + 1
    tmpl_len = np.where(promo, lex.promo_len[bl], lex.sent_len[bl, pol])
    tmpl = (rng.random(bp.size) * tmpl_len).astype(np.int64)
    before = np.where(promo, lex.promo_before[bl], lex.sent_before[bl, pol]) + tmpl
    after = np.where(promo, lex.promo_after[bl], lex.sent_after[bl, pol]) + tmpl
    name_len = lex.name_len
    name_choice = (rng.random(bp.size) * name_len[bb]).astype(np.int64)
    name_choice[promo] = np.minimum(name_choice[promo], name_len[bb[promo]] - 2)  # no self @
    segments += [(bp, before), (bp, lex.name_off[bb] + name_choice), (bp, after)]
    brand_at = bp[name_choice == name_len[bb] - 1]  # posts that @mention the brand handle
    n_words = np.where(p_brand >= 0, 2 + rng.poisson(2, n_orig), 5 + rng.poisson(5, n_orig))
    segments.append(lex.words(rng, np.arange(n_orig), p_topic, orig.lang.astype(np.int64), n_words, 0.45))
    segments.append((m_post, lex.at_off + m_target))
    with_tag = rng.random(n_orig) < 0.35
    tag_brand = with_tag & (p_brand >= 0) & (rng.random(n_orig) < 0.5)
    brand_tag = np.flatnonzero(tag_brand)
    topic_tag = np.flatnonzero(with_tag & ~tag_brand)
    segments.append(
        (
            topic_tag,
            lex.tag_off[p_topic[topic_tag]]
            + (rng.random(topic_tag.size) * lex.tag_len[p_topic[topic_tag]]).astype(np.int64),
        )
    )
    bt = p_brand[brand_tag]
    segments.append(
        (brand_tag, lex.btag_off[bt] + (rng.random(brand_tag.size) * lex.btag_len[bt]).astype(np.int64))
    )
    linking = np.flatnonzero((owner_blog[author] >= 0) & (rng.random(n_orig) < 0.3))
    segments.append((linking, lex.url_off + owner_blog[author[linking]]))
    return segments, brand_at, linking


def microblog_texts(
    rng: np.random.Generator,
    lex: Lexicon,
    vocab_arr: pa.Array,
    orig: Originals,
    posts: MicroblogPosts,
    m_post: np.ndarray,
    m_target: np.ndarray,
    owner_blog: np.ndarray,
    n_brands: int,
) -> tuple[pa.Array, np.ndarray, np.ndarray, np.ndarray]:
    """The text of every microblog post (null for relays).

    Originals: a brand phrase (with a sentiment template, or a promotion for the brands' own
    posts), words about the topic, mentions, hashtags and links to the author's blog. Replies
    and quotes: ``@author`` (replies), a comment and a few terms of the root's topic.

    Returns
    -------
    texts : pyarrow.Array
        One per microblog post.
    brand_at, linking : ndarray
        Original posts that ``@`` mention a brand's handle; that link to their author's blog.
    rq : ndarray
        The replies and quotes (post indices).
    """
    n_orig, n_all = posts.n_orig, posts.n
    segments, brand_at, linking = _original_segments(
        rng, lex, orig, m_post, m_target, owner_blog, n_brands
    )
    # replies and quotes: "@author" (replies), a comment, a few terms of the root topic
    rq = np.flatnonzero(posts.kind >= 3)
    rq_lang = posts.lang[rq].astype(np.int64)
    rq_topic = orig.topic[posts.root[rq]]
    replies = rq[posts.kind[rq] == 3]
    segments_rq = [
        (replies, lex.at_off + posts.author[posts.parent[replies]]),
        (rq, lex.com_off[rq_lang] + (rng.random(rq.size) * lex.com_len[rq_lang]).astype(np.int64)),
        lex.words(rng, rq, rq_topic, rq_lang, rng.integers(1, 4, rq.size), 0.7),
    ]
    texts_orig = join_texts(vocab_arr, segments, n_orig)
    if rq.size:
        rq_docs = [(np.searchsorted(rq, d), t) for d, t in segments_rq]
        texts_rq = join_texts(vocab_arr, rq_docs, rq.size)
        # scatter: originals, then relays (null), replies and quotes in event order
        pos = np.full(n_all, -1, dtype=np.int64)
        pos[:n_orig] = np.arange(n_orig)
        pos[rq] = n_orig + np.arange(rq.size)
        combined = pa.concat_arrays([texts_orig, texts_rq])
        text_all = pc.take(combined, pa.array(pos, mask=pos < 0))
    else:
        pos = np.where(np.arange(n_all) < n_orig, np.arange(n_all), -1)
        text_all = pc.take(texts_orig, pa.array(pos, mask=pos < 0))
    return text_all, brand_at, linking, rq
