"""Content briefs: define the content before the channels.

Before choosing whom to work with, know what an audience pays attention to. For a target
audience (a community's members, a topic's audience, a list of accounts), :func:`content_brief`
reads the audience's own reactions (relays, replies, quotes, mentions...) and reports:

* the topics it reacts to most, with their *lift* over the whole population's share;
* the terms of the content it reacts to, the most frequent and the most distinctive;
* what is new and rising: topics and terms whose share of its reactions grew from the first
  to the second part of the window;
* the accounts it listens to: those reacted to by the most distinct members.

Lifts are ratios of shares, as in the audience-affinity indices of media planning and the
"lift" of association rules [1]_; small counts are shrunk towards a lift of 1 by additive
smoothing (a pseudo-count ``smoothing`` at the background rate), in the spirit of the
informative-prior log-odds of Monroe et al. [2]_.

References
----------
.. [1] S. Brin, R. Motwani, J. D. Ullman and S. Tsur, "Dynamic itemset counting and
   implication rules for market basket data", Proc. SIGMOD 1997, pp. 255-264.
   https://doi.org/10.1145/253260.253325
.. [2] B. L. Monroe, M. P. Colaresi and K. M. Quinn, "Fightin' words: lexical feature
   selection and evaluation for identifying the content of political conflict", Political
   Analysis 16(4), 2008, pp. 372-403. https://doi.org/10.1093/pan/mpn018
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import numpy as np
import scipy.sparse as sp

from einfluence.base.kinds import REACTION_KINDS
from einfluence.base.timeunits import NO_TIME
from einfluence.base.unique import unique_ints
from einfluence.base.validation import check_scalar
from einfluence.exceptions import ParameterError
from einfluence.graph.selection import edge_mask
from einfluence.graph.view import GraphView
from einfluence.topics._common import check_post_ids, check_view, content_rows

if TYPE_CHECKING:
    from einfluence.base.arrays import PostArrays

__all__ = [
    "ContentBrief",
    "ListenedAccount",
    "RisingItem",
    "TermShare",
    "TopicShare",
    "content_brief",
]



@dataclass(frozen=True)
class TopicShare:
    """A topic's place in the target's reactions.

    Attributes
    ----------
    topic : int
    name : str
    count : float
        Reactions of the target to content about the topic (topic weights summed).
    share : float
        ``count`` over the target's reactions with content.
    background_share : float
        The same share over every account's reactions.
    lift : float
        Smoothed ``share / background_share``: above 1 when the target cares more than average.
    """

    topic: int
    name: str
    count: float
    share: float
    background_share: float
    lift: float


@dataclass(frozen=True)
class TermShare:
    """A term's place in the content the target reacts to.

    Attributes
    ----------
    term : str
    count : int
        Target reactions whose content holds the term.
    share, background_share, lift : float
        As in :class:`TopicShare`, over reactions with content.
    """

    term: str
    count: int
    share: float
    background_share: float
    lift: float


@dataclass(frozen=True)
class RisingItem:
    """A topic or a term whose share of the target's reactions grew across the split.

    Attributes
    ----------
    kind : {"topic", "term"}
    label : str
        The topic's name or the term.
    before, after : float
        Counts before and after the split.
    share_before, share_after : float
        Raw shares of the target's reactions with content, before and after.
    growth : float
        Smoothed ``share_after / share_before`` (above 1: rising).
    """

    kind: str
    label: str
    before: float
    after: float
    share_before: float
    share_after: float
    growth: float


@dataclass(frozen=True)
class ListenedAccount:
    """An account the target reacts to.

    Attributes
    ----------
    account : int
    reactors : int
        Distinct target members who reacted to it.
    reactions : int
        Reactions of target members to it.
    share : float
        ``reactors`` over the target members who reacted to anyone.
    """

    account: int
    reactors: int
    reactions: int
    share: float


@dataclass(frozen=True)
class ContentBrief:
    """What a target audience reacts to: result of :func:`content_brief`.

    Attributes
    ----------
    n_target : int
        Accounts in the target.
    n_reactors : int
        Target accounts with at least one reaction in the view.
    n_reactions : int
        Their reactions.
    n_with_content : int
        Those whose content (own post, root or parent) has a topic.
    split_time : int or None
        The split of the rising analysis, microseconds since the epoch (None without timed
        reactions).
    topics : tuple of TopicShare
        Topics the target reacted to, by decreasing share.
    terms : tuple of TermShare
        The ``k`` most frequent terms (empty without a term matrix).
    distinctive_terms : tuple of TermShare
        The ``k`` terms of highest lift among those counted at least ``min_count`` times.
    rising : tuple of RisingItem
        Topics then terms with growth above 1 and at least ``min_count`` after the split, by
        decreasing growth (at most ``k`` of each).
    listened : tuple of ListenedAccount
        The ``k`` accounts with the most distinct target reactors.
    """

    n_target: int
    n_reactors: int
    n_reactions: int
    n_with_content: int
    split_time: int | None
    topics: tuple[TopicShare, ...]
    terms: tuple[TermShare, ...]
    distinctive_terms: tuple[TermShare, ...]
    rising: tuple[RisingItem, ...]
    listened: tuple[ListenedAccount, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (NaN becomes None)."""

        def clean(value: Any) -> Any:
            if isinstance(value, dict):
                return {k: clean(v) for k, v in value.items()}
            if isinstance(value, (list, tuple)):
                return [clean(v) for v in value]
            if isinstance(value, float) and value != value:
                return None
            return value

        return clean(asdict(self))


def _target_mask(target: object, n: int) -> np.ndarray:
    arr = np.asarray(target)
    if arr.dtype == np.bool_:
        if arr.shape != (n,):
            raise ParameterError(f"a boolean target must have shape ({n},), got {arr.shape}")
        return arr.copy()
    if arr.ndim != 1 or (arr.size and arr.dtype.kind not in "iu"):
        raise ParameterError(
            "target must be a boolean mask or a one-dimensional array of account ids"
        )
    ids = arr.astype(np.int64)
    if ids.size and (ids.min() < 0 or ids.max() >= n):
        raise ParameterError(f"target account ids must lie in [0, {n})")
    mask = np.zeros(n, dtype=bool)
    mask[ids] = True
    return mask


def _split_us(split_time: object) -> int | None:
    if split_time is None:
        return None
    if isinstance(split_time, datetime):
        aware = split_time if split_time.tzinfo else split_time.replace(tzinfo=UTC)
        epoch = datetime(1970, 1, 1, tzinfo=UTC)
        delta = aware - epoch
        return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
    if isinstance(split_time, numbers.Integral) and not isinstance(split_time, bool):
        return int(split_time)
    raise ParameterError("split_time must be a datetime or microseconds since the epoch (int)")


def _lift(count: np.ndarray, total: float, background: np.ndarray, smoothing: float) -> np.ndarray:
    """Smoothed ``(count / total) / background``; NaN where the background share is 0."""
    smoothed = (
        (count + smoothing * background) / (total + smoothing)
        if total + smoothing > 0
        else background
    )
    return np.divide(smoothed, background, out=np.full(count.shape, np.nan), where=background > 0)


def _growth(
    before: np.ndarray, after: np.ndarray, n_before: float, n_after: float, smoothing: float
) -> np.ndarray:
    pooled_total = n_before + n_after
    pooled = (before + after) / pooled_total if pooled_total > 0 else np.zeros_like(before)
    s_before = (before + smoothing * pooled) / (n_before + smoothing)
    s_after = (after + smoothing * pooled) / (n_after + smoothing)
    return np.divide(s_after, s_before, out=np.full(before.shape, np.nan), where=s_before > 0)


def _share(count: np.ndarray, total: float) -> np.ndarray:
    return count / total if total > 0 else np.zeros_like(count, dtype=np.float64)


def content_brief(
    view: GraphView,
    posts: PostArrays | None,
    post_ids: np.ndarray,
    post_topics: np.ndarray | sp.sparray,
    target: np.ndarray,
    *,
    topic_names: Sequence[str] | None = None,
    post_terms: sp.sparray | np.ndarray | None = None,
    vocabulary: Sequence[str] | None = None,
    split_time: datetime | int | None = None,
    kinds: str | Iterable[str] = REACTION_KINDS,
    k: int = 10,
    min_count: int = 3,
    smoothing: float = 1.0,
) -> ContentBrief:
    """What a target audience reacts to: topics, terms, rising themes and the accounts it listens to.

    Parameters
    ----------
    view : GraphView
        The interactions of the window.
    posts : PostArrays or None
        Posts with their ``root`` / ``parent`` links: a relay is about the post it relays
        (see :func:`einfluence.topics.content.content_topics`).
    post_ids : numpy.ndarray of int, shape (n_posts,)
        Ids of the posts that have topic weights (and terms).
    post_topics : numpy.ndarray or scipy sparse matrix, shape (n_posts, K)
        Topic weights of each of ``post_ids`` (rows sum to 1, or 0 without topic).
    target : numpy.ndarray
        The audience: a boolean mask over the accounts, or an array of account ids.
    topic_names : sequence of str, optional
        Names of the ``K`` topics (their indices by default).
    post_terms : scipy sparse matrix, shape (n_posts, V), optional
        Term counts of each of ``post_ids`` (any tokenizer; only presence is used): a post
        counts once per term. Without it the brief has no terms.
    vocabulary : sequence of str, optional
        The ``V`` terms, required with ``post_terms``.
    split_time : datetime or int, optional
        Split of the rising analysis (naive datetimes are UTC; ints are microseconds since the
        epoch); by default the middle of the target's timed reactions.
    kinds : str or iterable of str
        Interaction kinds that count as reactions (self-interactions never count).
    k : int
        Length of the term, rising and listened lists.
    min_count : int
        Minimum count of a distinctive term, and after the split of a rising item.
    smoothing : float
        Pseudo-count, at the background rate, added to every share before a ratio (lifts and
        growths of rare items are shrunk towards 1); 0 for raw ratios.

    Returns
    -------
    ContentBrief

    Raises
    ------
    GraphTypeError
        If ``view`` is not a GraphView.
    ParameterError
        A target that is neither a mask nor valid ids, badly shaped topic weights or term
        matrix, a vocabulary of the wrong length, parameters out of range.

    Examples
    --------
    >>> from einfluence.base import InteractionArrays
    >>> view = GraphView.from_arrays(InteractionArrays(  # 2 and 3 relay 0's post 10; 4 relays 1's post 11
    ...     src=np.array([2, 3, 4]), dst=np.array([0, 0, 1]), time=np.arange(3), weight=np.ones(3),
    ...     kind=np.zeros(3, np.int8), post=np.array([10, 10, 11]), n_accounts=5))
    >>> brief = content_brief(view, None, np.array([10, 11]), np.array([[1.0, 0.0], [0.0, 1.0]]),
    ...     np.array([2, 3]), topic_names=["bikes", "food"])
    >>> [(t.name, t.share, round(t.lift, 2)) for t in brief.topics]
    [('bikes', 1.0, 1.33)]
    >>> [(a.account, a.reactors) for a in brief.listened]
    [(0, 2)]

    Notes
    -----
    Vectorised: O(m log n_posts) to find the content of the ``m`` interactions, then sparse
    products of per-post reaction counts with the topic and term matrices, O(m + nnz).
    """
    view = check_view(view)
    n = view.n_nodes
    ids, topics, order = check_post_ids(post_ids, post_topics)
    n_topics = topics.shape[1]
    names = (
        [str(t) for t in range(n_topics)] if topic_names is None else [str(x) for x in topic_names]
    )
    if len(names) != n_topics:
        raise ParameterError(f"topic_names must name the {n_topics} topics, got {len(names)}")
    members = _target_mask(target, n)
    check_scalar(k, "k", numbers.Integral, min_val=1)
    check_scalar(min_count, "min_count", numbers.Integral, min_val=0)
    check_scalar(smoothing, "smoothing", numbers.Real, min_val=0.0)
    terms, vocab = _check_terms(post_terms, vocabulary, ids.size, order)
    split = _split_us(split_time)

    reaction = edge_mask(view, kinds)
    src = view.sources()
    mine = reaction & members[src]
    rows = content_rows(view.post, posts, ids, np.diff(topics.indptr) > 0)
    content = rows >= 0

    def per_post(edges: np.ndarray) -> np.ndarray:
        return np.bincount(rows[edges & content], minlength=ids.size).astype(np.float64)

    all_counts, my_counts = per_post(reaction), per_post(mine)
    topic_rows = _topic_shares(topics, all_counts, my_counts, names, smoothing)
    if split is None:
        split = _middle_time(view.time[mine & content & (view.time != NO_TIME)])
    rising: list[RisingItem] = []
    if split is not None:  # what the audience reacts to before and after the split
        before = mine & (view.time != NO_TIME) & (view.time < split)
        after = mine & (view.time != NO_TIME) & (view.time >= split)
        b_counts, a_counts = per_post(before), per_post(after)
        rising += _rising(
            "topic", np.asarray(names, dtype=object), topics.T.astype(np.float64) @ b_counts,
            topics.T.astype(np.float64) @ a_counts, None, None, k, min_count, smoothing,
        )  # fmt: skip
    term_rows: tuple[TermShare, ...] = ()
    distinctive: tuple[TermShare, ...] = ()
    if terms is not None:
        term_rows, distinctive = _term_shares(terms, vocab, all_counts, my_counts, k, min_count, smoothing)
        if split is not None:
            rising += _rising(
                "term", vocab, terms.T @ b_counts, terms.T @ a_counts, float(b_counts.sum()),
                float(a_counts.sum()), k, min_count, smoothing,
            )  # fmt: skip
    listened, n_reactors = _listened(src[mine], view.indices[mine], n, k)
    return ContentBrief(
        n_target=int(members.sum()),
        n_reactors=n_reactors,
        n_reactions=int(mine.sum()),
        n_with_content=int((mine & content).sum()),
        split_time=split,
        topics=topic_rows,
        terms=term_rows,
        distinctive_terms=distinctive,
        rising=tuple(rising),
        listened=listened,
    )


def _check_terms(
    post_terms: sp.sparray | np.ndarray | None,
    vocabulary: Sequence[str] | None,
    n_posts: int,
    order: np.ndarray | None,
) -> tuple[sp.csr_array | None, np.ndarray | None]:
    """Term presence (0/1) per post, in the order of the sorted post ids, and the vocabulary."""
    if post_terms is None:
        return None, None
    if vocabulary is None:
        raise ParameterError("post_terms needs its vocabulary")
    terms = sp.csr_array(post_terms)
    if terms.ndim != 2 or terms.shape[0] != n_posts:
        raise ParameterError(
            f"post_terms must have {n_posts} rows (one per post id), got {terms.shape}"
        )
    if len(vocabulary) != terms.shape[1]:
        raise ParameterError(
            f"vocabulary must hold {terms.shape[1]} terms, got {len(vocabulary)}"
        )
    if order is not None:
        terms = terms[order]
    terms = (terms != 0).astype(np.float64).tocsr()
    return terms, np.asarray([str(v) for v in vocabulary], dtype=object)


def _middle_time(times: np.ndarray) -> int | None:
    """The middle of the audience's timed reactions (the default split), None without any."""
    if not times.size:
        return None
    return int(times.min() + (times.max() - times.min()) // 2)


def _topic_shares(
    topics: sp.csr_array,
    all_counts: np.ndarray,
    my_counts: np.ndarray,
    names: list[str],
    smoothing: float,
) -> tuple[TopicShare, ...]:
    """The topics the audience reacts to, most first, with their share and lift."""
    topic_all = topics.T.astype(np.float64) @ all_counts
    topic_mine = topics.T.astype(np.float64) @ my_counts
    n_all, n_mine = float(topic_all.sum()), float(topic_mine.sum())
    bg = _share(topic_all, n_all)
    share = _share(topic_mine, n_mine)
    lift = _lift(topic_mine, n_mine, bg, smoothing)
    shown = np.flatnonzero(topic_mine > 0)
    shown = shown[np.lexsort((shown, -topic_mine[shown]))]
    return tuple(
        TopicShare(
            int(t), names[t], float(topic_mine[t]), float(share[t]), float(bg[t]), float(lift[t])
        )
        for t in shown
    )


def _term_shares(
    terms: sp.csr_array,
    vocab: np.ndarray,
    all_counts: np.ndarray,
    my_counts: np.ndarray,
    k: int,
    min_count: int,
    smoothing: float,
) -> tuple[tuple[TermShare, ...], tuple[TermShare, ...]]:
    """The ``k`` most frequent terms of the content the audience reacts to, and the most distinctive."""
    n_mine_posts = float(my_counts.sum())
    n_all_posts = float(all_counts.sum())
    t_all = terms.T @ all_counts
    t_mine = terms.T @ my_counts
    t_bg = _share(t_all, n_all_posts)
    t_share = _share(t_mine, n_mine_posts)
    t_lift = _lift(t_mine, n_mine_posts, t_bg, smoothing)
    idx = np.flatnonzero(t_mine > 0)

    def table(order_idx: np.ndarray) -> tuple[TermShare, ...]:
        return tuple(
            TermShare(
                str(vocab[j]),
                int(t_mine[j]),
                float(t_share[j]),
                float(t_bg[j]),
                float(t_lift[j]),
            )
            for j in order_idx[:k]
        )

    frequent = table(idx[np.lexsort((idx, -t_mine[idx]))])
    eligible = idx[t_mine[idx] >= max(min_count, 1)]
    distinctive = table(eligible[np.lexsort((eligible, -t_mine[eligible], -t_lift[eligible]))])
    return frequent, distinctive


def _listened(
    src: np.ndarray, dst: np.ndarray, n: int, k: int
) -> tuple[tuple[ListenedAccount, ...], int]:
    """The ``k`` accounts reacted to by the most distinct members, and how many members react."""
    pairs = unique_ints(src * np.int64(max(n, 1)) + dst)
    reactors = np.bincount(pairs % max(n, 1), minlength=n)
    reactions = np.bincount(dst, minlength=n)
    n_reactors = int(unique_ints(src).size)
    heard = np.flatnonzero(reactors > 0)
    heard = heard[np.lexsort((heard, -reactions[heard], -reactors[heard]))][:k]
    listened = tuple(
        ListenedAccount(
            int(a), int(reactors[a]), int(reactions[a]), float(reactors[a] / n_reactors)
        )
        for a in heard
    )
    return listened, n_reactors


def _rising(
    kind: str,
    labels: np.ndarray,
    before: np.ndarray,
    after: np.ndarray,
    n_before: float | None,
    n_after: float | None,
    k: int,
    min_count: int,
    smoothing: float,
) -> list[RisingItem]:
    """Items whose smoothed share grew, with at least ``min_count`` after the split."""
    n_before = float(before.sum()) if n_before is None else n_before
    n_after = float(after.sum()) if n_after is None else n_after
    growth = _growth(before, after, n_before, n_after, smoothing)
    share_before, share_after = _share(before, n_before), _share(after, n_after)
    idx = np.flatnonzero((after >= max(min_count, 1)) & (growth > 1))
    idx = idx[np.lexsort((idx, -after[idx], -growth[idx]))][:k]
    return [
        RisingItem(
            kind,
            str(labels[j]),
            float(before[j]),
            float(after[j]),
            float(share_before[j]),
            float(share_after[j]),
            float(growth[j]),
        )
        for j in idx
    ]
