"""Brand mentions and lexicon sentiment over a whole corpus, one worker process per core.

:func:`find_mentions_batch` and :func:`lexicon_batch` give the results of
:func:`~einfluence.perception.find_mentions` and
:class:`~einfluence.perception.LexiconSentiment` on any number of texts: small inputs are
processed in this process, large ones in chunks by a pool of processes (spawned, not forked:
the caller may hold a database connection and numba threads). The results do not depend on
the chunking. :func:`mention_summary` reads the per-brand figures off them.

Each worker starts with :func:`init_worker`: a chunk of 100,000 posts goes through tens of
string and array temporaries of tens of megabytes each (the joined texts, their folded copy,
their code points...). glibc serves each from fresh pages of its own ``mmap`` and hands them
back when freed, so every step faults its memory in again: a quarter of the CPU time of
mentions, views and default sentiment went to the kernel. Keeping freed memory in the worker's
heap for reuse removes most of it; the worker's memory stays at its peak until it ends.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import numpy as np

from einfluence.perception.mentions import Brand, Mentions, find_mentions, share_of_voice
from einfluence.perception.sentiment import LexiconSentiment

__all__ = ["PARALLEL_FROM", "find_mentions_batch", "init_worker", "lexicon_batch", "mention_summary", "sentiment_batch"]

#: texts above this count are processed by one worker process per core, in chunks of this size
PARALLEL_FROM = 100_000


def _mentions_chunk(args: tuple[list[str], list[Brand], int]) -> tuple[np.ndarray, ...]:
    texts, brands, offset = args
    found = find_mentions(texts, brands)
    return found.post + offset, found.brand, found.kind, found.matched, found.start, found.end


def _lexicon_chunk(args: tuple[list[str], str]) -> tuple[np.ndarray, np.ndarray]:
    texts, lang = args
    lexicon = LexiconSentiment(lang)
    return np.asarray(lexicon.predict(texts)), np.asarray(lexicon.score(texts))


#: freed blocks up to this size stay in a worker's heap (glibc's mmap and trim thresholds)
_KEEP_FREED = 1 << 30


def init_worker() -> bool:
    """Make this process keep the memory it frees for reuse (glibc only; the initializer of
    the batch functions' worker processes, see the module's docstring).

    Blocks of up to 1 GiB are taken from the heap rather than from their own ``mmap``
    (``M_MMAP_THRESHOLD``), and the heap is not trimmed below that (``M_TRIM_THRESHOLD``) [1]_.
    Call it only in a process that does batch work and then ends: its memory stays at its peak.

    Returns
    -------
    bool
        Whether the allocator took the settings (False off glibc).

    References
    ----------
    .. [1] The GNU C Library, "mallopt(3)", Linux man-pages.
       https://man7.org/linux/man-pages/man3/mallopt.3.html
    """
    import ctypes
    import ctypes.util
    import sys

    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # musl and other C libraries have no mallopt
        return False
    m_trim_threshold, m_mmap_threshold = -1, -3
    return bool(mallopt(m_mmap_threshold, _KEEP_FREED)) and bool(mallopt(m_trim_threshold, _KEEP_FREED))


def _pool() -> Any:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=os.cpu_count() or 1, mp_context=multiprocessing.get_context("spawn"),
                               initializer=init_worker)  # fmt: skip


def _chunks(texts: Sequence[str]) -> list[tuple[int, list[str]]]:
    return [(i, list(texts[i : i + PARALLEL_FROM])) for i in range(0, len(texts), PARALLEL_FROM)]


def find_mentions_batch(texts: Sequence[str], brands: Sequence[Brand]) -> Mentions:
    """:func:`~einfluence.perception.find_mentions` over any number of texts (same result)."""
    if len(texts) <= PARALLEL_FROM:
        return find_mentions(texts, brands)
    with _pool() as pool:
        parts = list(pool.map(_mentions_chunk, [(chunk, list(brands), i) for i, chunk in _chunks(texts)]))
    template = find_mentions(texts[:1], brands)
    return Mentions(
        post=np.concatenate([p[0] for p in parts]), brand=np.concatenate([p[1] for p in parts]),
        kind=np.concatenate([p[2] for p in parts]), matched=np.concatenate([p[3] for p in parts]),
        n_posts=len(texts), n_brands=len(brands), brand_names=template.brand_names,
        start=np.concatenate([p[4] for p in parts]), end=np.concatenate([p[5] for p in parts]),
    )


def lexicon_batch(texts: Sequence[str], lang: str) -> tuple[np.ndarray, np.ndarray]:
    """Labels and compound scores of :class:`~einfluence.perception.LexiconSentiment` (same result)."""
    if len(texts) <= PARALLEL_FROM:
        lexicon = LexiconSentiment(lang)
        return np.asarray(lexicon.predict(texts)), np.asarray(lexicon.score(texts))
    with _pool() as pool:
        parts = list(pool.map(_lexicon_chunk, [(chunk, lang) for _, chunk in _chunks(texts)]))
    return np.concatenate([p[0] for p in parts]).astype(object), np.concatenate([p[1] for p in parts])


def _sentiment_chunk(args: tuple[list[str], str, str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    texts, lang, model = args
    if model == "lexicon":
        from einfluence.perception.default import lexicon_proba

        lexicon = LexiconSentiment(lang)
        compound = lexicon.score(texts)
        labels = np.asarray(lexicon.predict(texts))
        proba = lexicon_proba(compound, lang)
        code = np.searchsorted(np.array(["negative", "neutral", "positive"]), labels)
        return labels, compound, proba[np.arange(len(texts)), code]
    from einfluence.perception.default import DefaultSentiment

    proba = DefaultSentiment(lang).predict_proba(texts)
    labels = np.array(["negative", "neutral", "positive"])[proba.argmax(axis=1)] if len(texts) else np.zeros(0, str)
    return labels, proba[:, 2] - proba[:, 0], proba.max(axis=1) if len(texts) else np.zeros(0)


def sentiment_batch(texts: Sequence[str], lang: str, model: str = "default") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Labels, scores and confidences of the default model (``"default"``: score
    ``P(positive) - P(negative)``, confidence the label's calibrated probability) or of the lexicon
    (``"lexicon"``: the compound score; confidence from :func:`~einfluence.perception.default.lexicon_proba`),
    over any number of texts (same result whatever the chunking)."""
    if model not in ("default", "lexicon"):
        raise ValueError(f"model must be 'default' or 'lexicon', got {model!r}")
    if len(texts) <= PARALLEL_FROM:
        labels, scores, conf = _sentiment_chunk((list(texts), lang, model))
        return labels.astype(object), scores, conf
    with _pool() as pool:
        parts = list(pool.map(_sentiment_chunk, [(chunk, lang, model) for _, chunk in _chunks(texts)]))
    return (np.concatenate([p[0] for p in parts]).astype(object), np.concatenate([p[1] for p in parts]),
            np.concatenate([p[2] for p in parts]))


def mention_summary(
    found: Mentions, posts: np.ndarray, labels: np.ndarray, scores: np.ndarray
) -> list[dict[str, Any]]:
    """Per brand: mentioning posts, share of voice, mean sentiment, positive and negative posts.

    Parameters
    ----------
    found : Mentions
        The mentions of a corpus.
    posts : numpy.ndarray of int64
        The mentioning posts (sorted, distinct), to which ``labels`` and ``scores`` belong.
    labels, scores : numpy.ndarray
        The sentiment label and score of each post of ``posts``.
    """
    voice = share_of_voice(found)
    per_post = found.post_brand_matrix()
    out = []
    for j in range(found.n_brands):
        mentioning = np.searchsorted(posts, np.flatnonzero(per_post[:, j]))
        s, lab = scores[mentioning], labels[mentioning]
        out.append({
            "posts": int(mentioning.size), "share_of_voice": float(voice[j]),
            "mean_sentiment": float(s.mean()) if s.size else None,
            "positive": int((lab == "positive").sum()), "negative": int((lab == "negative").sum()),
        })
    return out
