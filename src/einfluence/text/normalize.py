"""Text normalisation for French, English and mixed social-media corpora.

Every text analysis of einfluence (topic models, keyword topics, query relevance, brand
mentions, sentiment) sees a post through the same pipeline, so that a French query with accents
matches text written without them, and a hashtag matches however it was capitalised:

1. :func:`normalize`: lowercase, accent folding (:func:`fold_accents`: Unicode NFKD
   decomposition [1]_ without its combining marks, plus the Latin letters that do not
   decompose, such as ``œ`` and ``ß``), typographic apostrophes made plain, URLs and
   ``@mentions`` removed (or kept, on request). :func:`fold_lower` is the same without the
   removals, for long joined strings.
2. :func:`tokenize`: French elisions removed (``l'``, ``d'``, ``qu'``, ``jusqu'``...), the
   English ``'s`` dropped, other apostrophes joined (``don't`` -> ``dont``,
   ``aujourd'hui`` -> ``aujourdhui``); tokens are runs of letters and digits, hashtags are kept
   whole with their ``#`` (``#velotaf``); tokens shorter than two characters and pure numbers
   are dropped.

References
----------
.. [1] M. Davis and K. Whistler (eds.), "Unicode Normalization Forms", Unicode Standard
   Annex #15. https://www.unicode.org/reports/tr15/
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np

from einfluence.exceptions import ParameterError

__all__ = ["as_text_list", "fold_accents", "fold_lower", "hashtags", "normalize", "tokenize", "unify_apostrophes"]

# Latin letters that NFKD does not decompose into a base letter and combining marks
_NON_DECOMPOSING = {
    "œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ẞ": "SS", "ø": "o", "Ø": "O",
    "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "ð": "d", "þ": "th",
}  # fmt: skip
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_APOSTROPHES = {"’": "'", "ʼ": "'", "‘": "'", "`": "'", "´": "'", "＇": "'"}
_URL = re.compile(r"(?:\bhttps?://|\bwww\.)\S+")
_MENTION = re.compile(r"(?<![\w@])@\w+")
# French elided articles and pronouns at the start of a word: l'avion, d'olive, qu'il, jusqu'au
_ELISION = re.compile(r"(?<![\w'])(?:jusqu|lorsqu|puisqu|quoiqu|presqu|qu|[cdjlmnst])'(?=\w)")
_POSSESSIVE = re.compile(r"(?<=\w)'s\b")
_HYPHEN = re.compile(r"(?<=[^\W\d_])[-‐‑](?=[^\W\d_])")
_TOKEN = re.compile(r"#\w+|@\w+|[^\W_]+")
_HASHTAG = re.compile(r"(?<![\w#])#(\w+)")



def fold_accents(s: str) -> str:
    """Remove diacritics: ``"vélo électrique"`` -> ``"velo electrique"``.

    Parameters
    ----------
    s : str

    Returns
    -------
    str
        ``s`` in Unicode compatibility decomposition (NFKD [1]_) without its combining
        marks; ``œ``, ``æ``, ``ß``, ``ø``, ``ł``, ``đ`` become ``oe``, ``ae``, ``ss``, ``o``,
        ``l``, ``d``. Compatibility characters are replaced too (``ﬁ`` -> ``fi``, full-width
        letters -> ASCII). Other scripts are kept. Case is kept.

    Examples
    --------
    >>> fold_accents("Crème brûlée, cœur, Straße, Ångström")
    'Creme brulee, coeur, Strasse, Angstrom'

    References
    ----------
    .. [1] M. Davis and K. Whistler (eds.), "Unicode Normalization Forms", Unicode Standard
       Annex #15. https://www.unicode.org/reports/tr15/
    """
    if s.isascii():
        return s
    # str.replace of the few letters present is several times faster than str.translate on
    # the long joined strings that mention finding and sentiment scoring fold at once
    for letter, plain in _NON_DECOMPOSING.items():
        if letter in s:
            s = s.replace(letter, plain)
    if len(s) < 4096:
        return _COMBINING.sub("", unicodedata.normalize("NFKD", s))
    # a long text (many joined): only its runs of non-ASCII characters are decomposed. ASCII
    # characters neither decompose nor reorder, so this is the same string, several times faster
    code = np.frombuffer(s.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    wide = np.flatnonzero(code > 127)
    if wide.size == 0:
        return s
    run = np.flatnonzero(np.diff(wide) > 1)
    starts = np.concatenate([wide[:1], wide[run + 1]]).tolist()
    ends = (np.concatenate([wide[run], wide[-1:]]) + 1).tolist()
    pieces, last = [], 0
    nfkd, sub = unicodedata.normalize, _COMBINING.sub
    for a, b in zip(starts, ends, strict=True):
        pieces.append(s[last:a])
        pieces.append(sub("", nfkd("NFKD", s[a:b])))
        last = b
    pieces.append(s[last:])
    return "".join(pieces)


def unify_apostrophes(s: str) -> str:
    """Typographic apostrophes and quotes used as apostrophes (``’``, ``‘``, ``ʼ``...) made ``'``.

    Examples
    --------
    >>> unify_apostrophes("l’été")
    "l'été"
    """
    if s.isascii() and "`" not in s:
        return s
    for mark, plain in _APOSTROPHES.items():
        if mark in s:
            s = s.replace(mark, plain)
    return s


def fold_lower(s: str) -> str:
    """Lowercase, plain apostrophes and folded accents: :func:`normalize` without its removals.

    For long strings (many texts joined), where URLs and mentions are handled by the caller.
    The same as ``fold_accents(unify_apostrophes(s.lower()))``, faster on long strings.

    Examples
    --------
    >>> fold_lower("L’Été @Ondula")
    "l'ete @ondula"
    """
    s = s.lower()
    if s.isascii():
        return s.replace("`", "'") if "`" in s else s
    if len(s) < 4096:
        return _COMBINING.sub("", unicodedata.normalize("NFKD", s.translate(_FOLD_TABLE)))
    # a long text: its only ASCII apostrophe mark replaced once, then each run of non-ASCII
    # characters translated (typographic apostrophes, letters that do not decompose) and
    # decomposed on its own. Both maps are per character with ASCII results, and ASCII
    # characters neither decompose nor reorder: the same string as the three functions in
    # turn, without their twenty full scans of the string
    if "`" in s:
        s = s.replace("`", "'")
    code = np.frombuffer(s.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    wide = np.flatnonzero(code > 127)
    run = np.flatnonzero(np.diff(wide) > 1)
    starts = np.concatenate([wide[:1], wide[run + 1]]).tolist()
    ends = (np.concatenate([wide[run], wide[-1:]]) + 1).tolist()
    pieces, last = [], 0
    done: dict[str, str] = {}  # runs repeat (the same emojis, accented words)
    for a, b in zip(starts, ends, strict=True):
        pieces.append(s[last:a])
        piece = s[a:b]
        out = done.get(piece)
        if out is None:
            out = done[piece] = _COMBINING.sub("", unicodedata.normalize("NFKD", piece.translate(_FOLD_TABLE)))
        pieces.append(out)
        last = b
    pieces.append(s[last:])
    return "".join(pieces)


_FOLD_TABLE = str.maketrans({**_APOSTROPHES, **_NON_DECOMPOSING})


def normalize(s: str | None, *, keep_urls: bool = False, keep_mentions: bool = False) -> str:
    """Lowercase, fold accents, unify apostrophes and remove URLs and ``@mentions``.

    Parameters
    ----------
    s : str or None
        A text; None gives ``""``.
    keep_urls : bool, default False
        Keep URLs (``http://...``, ``https://...``, ``www....``); by default each becomes a
        space.
    keep_mentions : bool, default False
        Keep ``@handle`` mentions; by default each becomes a space. Hashtags are always kept.

    Returns
    -------
    str

    Examples
    --------
    >>> normalize("L’Été à VÉLO avec @Ondula ! https://ondula.example/x #VéloTaf")
    "l'ete a velo avec   !   #velotaf"
    >>> normalize("Merci @Ondula", keep_mentions=True)
    'merci @ondula'
    """
    if not s:
        return ""
    s = fold_lower(s)
    if not keep_urls and ("http" in s or "www." in s):
        s = _URL.sub(" ", s)
    if not keep_mentions and "@" in s:
        s = _MENTION.sub(" ", s)
    return s


def _tokens(s: str) -> list[str]:
    """Tokens of an already normalised text."""
    if "'" in s:
        s = _ELISION.sub("", s)
        s = _POSSESSIVE.sub("", s)
        s = s.replace("'", "")
    if "-" in s or "‐" in s or "‑" in s:
        s = _HYPHEN.sub("", s)
    return [
        t
        for t in _TOKEN.findall(s)
        if len(t) > 1 and not t.isdigit() and not (t[0] in "#@" and (len(t) < 3 or t[1:].isdigit()))
    ]


def tokenize(s: str | None, *, keep_urls: bool = False, keep_mentions: bool = False) -> list[str]:
    """Split a text into normalised tokens (stop words included).

    Parameters
    ----------
    s : str or None
        A text; None gives ``[]``.
    keep_urls, keep_mentions : bool, default False
        See :func:`normalize`. Kept mentions are tokens such as ``@ondula``; kept URLs are
        split into their words.

    Returns
    -------
    list of str
        Lowercase, accent-folded tokens in text order: runs of letters and digits, and
        hashtags with their ``#``. French elisions (``l'``, ``d'``, ``j'``, ``qu'``,
        ``jusqu'``, ``lorsqu'``...) and the English ``'s`` are removed; other apostrophes
        are joined (``don't`` -> ``dont``), and so are hyphens between two letters
        (``e-bike`` -> ``ebike``, ``week-end`` -> ``weekend``). Tokens of one character, pure numbers and
        hashtags of one character or only digits are dropped. Underscores separate words
        outside hashtags.

    Examples
    --------
    >>> tokenize("J'adore l'autonomie du vélo d'Ondula, jusqu'à 120 km ! #VéloTaf")
    ['adore', 'autonomie', 'du', 'velo', 'ondula', 'km', '#velotaf']
    >>> tokenize("Don't miss Ondula's new e-bike in 2024 (5G inside) @bob")
    ['dont', 'miss', 'ondula', 'new', 'ebike', 'in', '5g', 'inside']
    """
    return _tokens(normalize(s, keep_urls=keep_urls, keep_mentions=keep_mentions))


def hashtags(s: str | None) -> list[str]:
    """The hashtags of a text, normalised, in order (repeats kept).

    Parameters
    ----------
    s : str or None

    Returns
    -------
    list of str
        Each as ``#word``, lowercase and accent-folded; hashtags of one character or only
        digits are dropped (as by :func:`tokenize`).

    Examples
    --------
    >>> hashtags("Sortie #VéloTaf avec #velotaf et #Ligue1, pas C# ni #1")
    ['#velotaf', '#velotaf', '#ligue1']
    """
    text = normalize(s)
    if "#" not in text:
        return []
    return [
        "#" + h for h in _HASHTAG.findall(text) if len(h) > 1 and not h.isdigit()
    ]


def as_text_list(texts: object, name: str = "texts") -> list[str]:
    """Validate a sequence of texts: a list of str with None (and NaN) as ``""``.

    Parameters
    ----------
    texts : sequence of str or None, numpy.ndarray or pyarrow array
    name : str
        Parameter name used in error messages.

    Returns
    -------
    list of str

    Raises
    ------
    TypeError
        If ``texts`` is a single string or holds something else than strings and None.

    Examples
    --------
    >>> as_text_list(np.array(["a", None], dtype=object))
    ['a', '']
    """
    if isinstance(texts, (str, bytes)):
        raise TypeError(f"{name} must be a sequence of texts, not a single string")
    if hasattr(texts, "to_pylist"):  # pyarrow arrays and chunked arrays
        texts = texts.to_pylist()
    if isinstance(texts, np.ndarray) and texts.ndim != 1:
        raise ParameterError(f"{name} must be one-dimensional, got shape {texts.shape}")
    try:
        out = list(texts)  # type: ignore[call-overload]
    except TypeError:
        raise TypeError(f"{name} must be a sequence of texts, got {type(texts).__name__}") from None
    for i, t in enumerate(out):
        if isinstance(t, str):
            continue
        if t is None or (isinstance(t, float) and t != t):
            out[i] = ""
        elif isinstance(t, np.str_):
            out[i] = str(t)
        else:
            raise TypeError(f"{name}[{i}] must be a str or None, got {type(t).__name__}")
    return out
