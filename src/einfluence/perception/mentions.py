"""Brand mentions: which posts name which declared brand, and how (name, handle, hashtag...).

A brand is declared once (:class:`Brand`) with its name, aliases, ``@handles``, ``#hashtags``
and product names, as in the ``brands`` table of the store. :func:`find_mentions` finds
every occurrence of any of those surface forms in a batch of posts:

* **case- and accent-insensitive**: texts and terms go through
  :func:`~einfluence.text.normalize` (lowercase, Unicode accent folding [1]_,
  typographic apostrophes made plain), so ``"Crédit Agricole"`` matches
  ``"credit agricole"`` and ``"CRÉDIT AGRICOLE"``;
* **whole words only**: a term matches when it is neither preceded nor followed by a letter
  or digit, so ``"Delta"`` does not match ``"deltaplane"`` nor ``"@deltaassist"``;
* **handles and hashtags**: ``@SouthwestAir`` matches the declared handle whatever its case;
  a declared hashtag matches as a whole hashtag (``#velotaf`` but not ``#velotafeur``); a
  name, alias or product written as a hashtag or a handle, with its spaces removed, counts too
  (``#OndulaCargo`` and ``@VirginAmerica`` for the product ``Ondula Cargo`` and the brand
  ``Virgin America``), with the kind ``"hashtag"`` or ``"handle"``;
* **longest match first**: ``"Virgin America"`` wins over an alias ``"Virgin"`` at the same
  place; matches do not overlap.

URLs are removed before matching (a link to ``delta.com`` is not a mention).

Ambiguity
---------
Matching is lexical: a brand whose name is a common word is found wherever the word is used.
``"Orange"`` (the French operator) matches ``"orange juice"``, ``"Apple"`` matches
``"apple pie"``, ``"Delta"`` matches ``"the Mississippi delta"``. Declare such brands by
their handles, hashtags and unambiguous aliases (``"Orange France"``, ``"@Orange_France"``)
and leave the bare word out, or filter the mentions afterwards (by author, topic or
co-occurring words). Word boundaries only remove false hits *inside* longer words.

References
----------
.. [1] M. Davis and K. Whistler (eds.), "Unicode Normalization Forms", Unicode Standard
   Annex #15. https://www.unicode.org/reports/tr15/
.. [2] A. V. Aho and M. J. Corasick, "Efficient string matching: an aid to bibliographic
   search", Communications of the ACM 18(6), 1975, pp. 333-340.
   https://doi.org/10.1145/360825.360855
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from einfluence.base.unique import unique_ints
from einfluence.base.validation import as_int
from einfluence.exceptions import ParameterError
from einfluence.text import as_text_list, fold_lower, normalize

__all__ = [
    "MENTION_KINDS",
    "Brand",
    "Mentions",
    "distinct_mentions",
    "find_mentions",
    "share_of_voice",
]

#: Kinds of mention, in the order of the ``kind`` codes of :class:`Mentions`.
MENTION_KINDS: tuple[str, ...] = ("name", "alias", "product", "handle", "hashtag")
_KIND_CODE = {k: i for i, k in enumerate(MENTION_KINDS)}
_SEP = "\x00"
_WORD_CHARS = re.compile(r"\w")
_URL = re.compile(r"(?:https?://|www\.)\S+")


def _str_tuple(value: object, name: str, brand: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    try:
        items = tuple(value)  # type: ignore[call-overload]
    except TypeError:
        raise TypeError(f"brand {brand!r}: {name} must be a string or a sequence of strings") from None
    for item in items:
        if not isinstance(item, str):
            raise TypeError(f"brand {brand!r}: {name} must hold strings, got {type(item).__name__}")
    return items


@dataclass(frozen=True)
class Brand:
    """A brand as declared by the user: the surface forms under which posts name it.

    Parameters
    ----------
    name : str
        Display name, also matched as a phrase (``"Virgin America"``).
    aliases : sequence of str
        Other names and spellings (``"Virgin"``, ``"VirginAmerica"``).
    handles : sequence of str
        Account handles, with or without the ``@`` (``"@VirginAmerica"``).
    hashtags : sequence of str
        Hashtags, with or without the ``#`` (``"#VXsafetydance"``).
    products : sequence of str
        Product names, matched like aliases (``"Ondula Cargo"``) but reported with the kind
        ``"product"``.
    competitor : bool, default False
        True for a competitor of the user's brand (for share of voice).

    Raises
    ------
    ParameterError
        If the name or a term is empty, or a handle or hashtag is not a single word.

    Examples
    --------
    >>> Brand("Ondula", handles=["ondula"], products=["Ondula Cargo"]).handles
    ('@ondula',)
    """

    name: str
    aliases: tuple[str, ...] = ()
    handles: tuple[str, ...] = ()
    hashtags: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    competitor: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not normalize(self.name).strip():
            raise ParameterError(f"a brand needs a non-empty name, got {self.name!r}")
        for attr, prefix in (("aliases", ""), ("handles", "@"), ("hashtags", "#"), ("products", "")):
            items = _str_tuple(getattr(self, attr), attr, self.name)
            out = []
            for item in items:
                item = item.strip()
                if prefix:
                    item = prefix + item.lstrip(prefix)
                    if not re.fullmatch(r"[@#]\w+", item):
                        raise ParameterError(f"brand {self.name!r}: bad {attr[:-1]} {item!r} (one word expected)")
                elif not normalize(item).strip():
                    raise ParameterError(f"brand {self.name!r}: empty {attr[:-1]}")
                out.append(item)
            object.__setattr__(self, attr, tuple(out))
        object.__setattr__(self, "competitor", bool(self.competitor))


@dataclass(frozen=True)
class Mentions:
    """Brand mentions found in a batch of posts, one row per occurrence, in text order.

    Attributes
    ----------
    post : numpy.ndarray of int64
        Index of the post (position in the ``texts`` given to :func:`find_mentions`).
    brand : numpy.ndarray of int64
        Index of the brand (position in ``brands``).
    kind : numpy.ndarray of int8
        Code into :data:`MENTION_KINDS`.
    matched : numpy.ndarray of object
        The matched text, normalised (lowercase, accent-folded).
    n_posts, n_brands : int
        Sizes of the inputs.
    brand_names : tuple of str
        The brands' names, in the order of the ``brand`` codes.
    start, end : numpy.ndarray of int64
        Where the occurrence lies in its post's text (``text[start:end]``), or -1 when the
        text's lowercase accent-folded form is not as long as the text itself (rare: some
        ligatures and decomposed accents), so that positions cannot be carried back.
    """

    post: np.ndarray
    brand: np.ndarray
    kind: np.ndarray
    matched: np.ndarray
    n_posts: int
    n_brands: int
    brand_names: tuple[str, ...] = field(default=())
    start: np.ndarray | None = None
    end: np.ndarray | None = None

    def __post_init__(self) -> None:
        for name in ("start", "end"):
            if getattr(self, name) is None:
                object.__setattr__(self, name, np.full(self.post.size, -1, dtype=np.int64))

    def __len__(self) -> int:
        return int(self.post.size)

    def post_brand_matrix(self) -> np.ndarray:
        """Boolean (n_posts, n_brands) matrix: does post i mention brand j at least once.

        Examples
        --------
        >>> m = find_mentions(["Delta and @united", "nothing"], [Brand("Delta"), Brand("United", handles=["united"])])
        >>> m.post_brand_matrix().tolist()
        [[True, True], [False, False]]
        """
        out = np.zeros((self.n_posts, self.n_brands), dtype=bool)
        out[self.post, self.brand] = True
        return out

    def posts_per_brand(self) -> np.ndarray:
        """Number of distinct posts mentioning each brand, shape (n_brands,).

        Examples
        --------
        >>> m = find_mentions(["Delta, Delta!", "delta"], [Brand("Delta")])
        >>> m.posts_per_brand().tolist(), len(m)
        ([2], 3)
        """
        pairs = unique_ints(self.post * max(self.n_brands, 1) + self.brand)
        return np.bincount(pairs % max(self.n_brands, 1), minlength=self.n_brands).astype(np.int64)


def _compact(term: str) -> str:
    """A normalised phrase written as one hashtag/handle word: spaces and hyphens removed."""
    return re.sub(r"[\s\-'.&]+", "", term)


def _brand_table(brands: Sequence[Brand]) -> tuple[dict[str, tuple[int, int]], list[str]]:
    """Normalised surface form -> (brand index, kind code), checking for clashes."""
    table: dict[str, tuple[int, int]] = {}

    def add(form: str, b: int, kind: str) -> None:
        if not form or not _WORD_CHARS.search(form):
            return
        code = _KIND_CODE[kind]
        old = table.get(form)
        if old is not None and old[0] != b:
            raise ParameterError(
                f"the term {form!r} is declared for two brands: {brands[old[0]].name!r} and {brands[b].name!r}"
            )
        if old is None or code < old[1]:
            table[form] = (b, code)

    for b, brand in enumerate(brands):
        phrases = [(brand.name, "name")] + [(a, "alias") for a in brand.aliases] + [(p, "product") for p in brand.products]
        for text, kind in phrases:
            form = " ".join(normalize(text, keep_mentions=True, keep_urls=True).split())
            add(form, b, kind)
            compact = _compact(form)
            if compact:
                add("#" + compact, b, "hashtag")
                add("@" + compact, b, "handle")
        for h in brand.handles:
            add(normalize(h, keep_mentions=True), b, "handle")
        for h in brand.hashtags:
            add(normalize(h), b, "hashtag")
    return table, [brand.name for brand in brands]


def _pattern(forms: Iterable[str]) -> re.Pattern[str]:
    """One alternation of every form, longest first, between word boundaries.

    A plain word form may be preceded by ``#`` or ``@`` only as part of a declared (or compact)
    hashtag or handle form; otherwise ``#delta`` is found through its own form ``#delta``.
    """
    alternatives = []
    ordered = sorted(forms, key=lambda f: (-len(f), f))
    for form in ordered:
        body = r"\s+".join(re.escape(w) for w in form.split(" "))
        alternatives.append(body)
    # a look-ahead for the forms' first characters rejects most positions before the look-behind
    # and the alternation are tried (a quarter faster on tweets)
    first = "".join(sorted({f[0] for f in ordered if f}))
    head = f"(?=[{re.escape(first)}])" if first else ""
    return re.compile(head + r"(?<![\w@#])(?:" + "|".join(alternatives) + r")(?!\w)")


def _check_brands(brands: object) -> list[Brand]:
    if isinstance(brands, Brand):
        return [brands]
    try:
        out = list(brands)  # type: ignore[call-overload]
    except TypeError:
        raise TypeError(f"brands must be a sequence of Brand, got {type(brands).__name__}") from None
    for i, b in enumerate(out):
        if not isinstance(b, Brand):
            raise TypeError(f"brands[{i}] must be a Brand, got {type(b).__name__}")
    if not out:
        raise ParameterError("at least one brand is needed")
    names = [b.name for b in out]
    if len(set(names)) != len(names):
        raise ParameterError("brand names must be distinct")
    return out


def find_mentions(texts: Sequence[str | None], brands: Brand | Sequence[Brand]) -> Mentions:
    """Find every mention of the declared brands in posts.

    Parameters
    ----------
    texts : sequence of str or None
        Post texts (None for a post without text).
    brands : Brand or sequence of Brand
        The brands to look for (the user's and its competitors); their positions are the
        ``brand`` indices of the result. Two brands may not declare the same term.

    Returns
    -------
    Mentions
        One row per occurrence, sorted by post then position in the text.

    Raises
    ------
    TypeError
        If ``texts`` is not a sequence of strings or ``brands`` holds something else than
        :class:`Brand`.
    ParameterError
        If no brand is given, two brands share a name or a term.

    Examples
    --------
    >>> brands = [Brand("Ondula", handles=["@ondula"], products=["Ondula Cargo"]),
    ...           Brand("Delta", competitor=True)]
    >>> m = find_mentions(["Mon #OndulaCargo est génial @Ondula", "DELTA !", "deltaplane"], brands)
    >>> m.post.tolist(), m.brand.tolist()
    ([0, 0, 1], [0, 0, 1])
    >>> [MENTION_KINDS[k] for k in m.kind], m.matched.tolist()
    (['hashtag', 'handle', 'name'], ['#ondulacargo', '@ondula', 'delta'])

    Notes
    -----
    All texts are joined and normalised at once, then scanned for an alternation of every
    surface form, longest first, between word boundaries; each match is looked up in a
    dictionary of forms. A batch of 200,000 characters or more is scanned by one numba pass
    over its code points that tries, at each position, only the forms starting with its
    character (the same matches as the compiled regular expression that scans a smaller batch;
    ``tests/perception/test_fast_paths.py``). The cost is linear in the total text length,
    with a constant that grows with the number of forms sharing a first character; for
    thousands of forms an Aho-Corasick automaton [2]_ would scan in time independent of
    their number.
    """
    brand_list = _check_brands(brands)
    text_list = as_text_list(texts)
    table, names = _brand_table(brand_list)
    n = len(text_list)
    empty = Mentions(
        post=np.zeros(0, np.int64), brand=np.zeros(0, np.int64), kind=np.zeros(0, np.int8),
        matched=np.zeros(0, dtype=object), n_posts=n, n_brands=len(brand_list), brand_names=tuple(names),
        start=np.zeros(0, np.int64), end=np.zeros(0, np.int64),
    )  # fmt: skip
    if n == 0 or not table:
        return empty
    # the separator is surrounded by spaces so that no URL or phrase runs across two texts
    joined = f" {_SEP} ".join(text_list)
    if joined.count(_SEP) != n - 1:  # a text holds the separator itself
        joined = f" {_SEP} ".join(t.replace(_SEP, " ") for t in text_list)
    norm = fold_lower(joined)
    starts, ends, found, seps = (_scan_kernel if len(norm) >= _KERNEL_FROM else _scan_regex)(norm, table)
    if not found:
        return empty
    start = np.asarray(starts, dtype=np.int64)
    post = np.searchsorted(seps, start)
    # each text starts 2 characters after the separator before it (" \x00 " joins them)
    text_start = np.concatenate([[0], seps + 2])
    norm_len = np.concatenate([seps, [len(norm)]]) - np.concatenate([[0], seps + 2]) - np.r_[np.ones(n - 1), 0]
    same = norm_len[post] == np.fromiter((len(t) for t in text_list), dtype=np.int64, count=n)[post]
    offset = np.where(same, start - text_start[post], -1)
    codes = np.array([table[k] for k in found], dtype=np.int64).reshape(-1, 2)
    return Mentions(
        post=post.astype(np.int64), brand=codes[:, 0].copy(), kind=codes[:, 1].astype(np.int8),
        matched=np.array(found, dtype=object), n_posts=n, n_brands=len(brand_list), brand_names=tuple(names),
        start=offset, end=np.where(same, offset + np.asarray(ends, dtype=np.int64) - start, -1),
    )  # fmt: skip


#: joined texts this long (in characters) are scanned by the numba kernel (a shorter batch does
#: not pay for importing numba)
_KERNEL_FROM = 200_000


def _scan_regex(norm: str, table: dict[str, tuple[int, int]]) -> tuple[list[int], list[int], list[str], np.ndarray]:
    """Start, end and form of every match in the folded joined texts, by the compiled pattern,
    and the positions of the separators."""
    seps = np.fromiter((m.start() for m in re.finditer(_SEP, norm)), dtype=np.int64, count=norm.count(_SEP))
    if "http" in norm or "www." in norm:  # blanked to the same length: positions stay those of the text
        norm = _URL.sub(_blank, norm)
    starts: list[int] = []
    ends: list[int] = []
    found: list[str] = []
    for m in _pattern(table).finditer(norm):
        starts.append(m.start())
        ends.append(m.end())
        found.append(" ".join(m.group().split()))  # the form: its spaces may be any run of spaces
    return starts, ends, found, seps


def _scan_kernel(norm: str, table: dict[str, tuple[int, int]]) -> tuple[np.ndarray, np.ndarray, list[str], np.ndarray]:
    """The same as :func:`_scan_regex` in one numba pass over the code points (the forms in the
    order of the alternation, a space standing for ``\\s+``)."""
    from einfluence.base.jit import read_only
    from einfluence.perception._chars import char_classes, codes
    from einfluence.perception._kernels import blank_urls, brand_matches

    forms = sorted(table, key=lambda f: (-len(f), f))
    code = codes(norm)
    seps = np.flatnonzero(code == 0)
    cls = char_classes(code)
    if "http" in norm or "www." in norm:
        code = blank_urls(code, cls)
    # the forms grouped by their first character (a form's group keeps the alternation's order)
    heads = np.array([ord(f[0]) for f in forms], dtype=np.int64)
    group_forms = np.argsort(heads, kind="stable")
    distinct, group_ptr = np.unique(heads[group_forms], return_index=True)
    group_ptr = np.append(group_ptr, len(forms)).astype(np.int64)
    first = np.zeros(cls.size, dtype=np.int64)
    seen = distinct < cls.size  # a first character absent from the texts is never looked up
    first[distinct[seen]] = np.flatnonzero(seen) + 1
    lengths = np.fromiter(map(len, forms), dtype=np.int64, count=len(forms))
    offsets = np.zeros(len(forms) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    # read-only whether blanked or not (one compile of the kernel): codes() reads a bytes buffer
    start, end, form = brand_matches(read_only(code, np.uint32), cls, first, group_ptr, group_forms, codes("".join(forms)), offsets)
    return start, end, [forms[f] for f in form.tolist()], seps


def _blank(m: re.Match[str]) -> str:
    return " " * (m.end() - m.start())


def share_of_voice(mentions: Mentions, weights: np.ndarray | None = None) -> np.ndarray:
    """Share of voice of each brand: its part of the posts that mention any declared brand.

    Each post counts once per brand it mentions (repeated mentions in a post count once), with
    an optional weight per post (reach, impressions...). Shares sum to 1 over brands (or are
    all zero when no post mentions a brand).

    Parameters
    ----------
    mentions : Mentions
        The result of :func:`find_mentions` on the posts and the brands to compare (the user's
        brand and its competitors).
    weights : numpy.ndarray, optional
        Non-negative weight of each post, shape (mentions.n_posts,); None counts posts.

    Returns
    -------
    numpy.ndarray of float64, shape (mentions.n_brands,)

    Raises
    ------
    ParameterError
        If ``weights`` is badly shaped, negative or not finite.

    Examples
    --------
    >>> brands = [Brand("Ondula"), Brand("Velora", competitor=True)]
    >>> m = find_mentions(["ondula ondula", "velora", "ondula vs velora", "rien"], brands)
    >>> share_of_voice(m).tolist()
    [0.5, 0.5]
    >>> share_of_voice(m, weights=np.array([3.0, 1.0, 0.0, 9.0])).tolist()
    [0.75, 0.25]
    """
    if not isinstance(mentions, Mentions):
        raise TypeError(f"mentions must be a Mentions, got {type(mentions).__name__}")
    k = max(mentions.n_brands, 1)
    pairs = unique_ints(mentions.post * k + mentions.brand)
    post, brand = pairs // k, pairs % k
    if weights is None:
        w = np.ones(post.size)
    else:
        weights = np.asarray(weights, dtype=np.float64)
        if weights.shape != (mentions.n_posts,):
            raise ParameterError(f"weights must have shape ({mentions.n_posts},), got {weights.shape}")
        if not np.isfinite(weights).all() or (weights < 0).any():
            raise ParameterError("weights must be finite and non-negative")
        w = weights[post]
    volume = np.bincount(brand, weights=w, minlength=mentions.n_brands)
    total = volume.sum()
    return volume / total if total > 0 else volume


def distinct_mentions(
    mention_post: object, mention_brand: object, n_posts: int, n_brands: int
) -> tuple[np.ndarray, np.ndarray]:
    """Validated mention arrays (post index, brand index), reduced to distinct (post, brand) pairs.

    Examples
    --------
    >>> post, brand = distinct_mentions([0, 0, 1], [1, 1, 0], n_posts=2, n_brands=2)
    >>> post.tolist(), brand.tolist()
    ([0, 1], [1, 0])
    """
    post = as_int(mention_post, "mention_post")
    brand = as_int(mention_brand, "mention_brand")
    if post.shape != brand.shape:
        raise ParameterError("mention_post and mention_brand must have the same length")
    if post.size and (post.min() < 0 or post.max() >= n_posts):
        raise ParameterError(f"mention_post must index the posts, in [0, {n_posts})")
    if brand.size and (brand.min() < 0 or brand.max() >= n_brands):
        raise ParameterError(f"mention_brand must lie in [0, n_brands={n_brands})")
    pairs = unique_ints(post * n_brands + brand)
    return pairs // n_brands, pairs % n_brands
