"""Text normalisation for French, English and mixed social-media corpora.

Every text analysis of einfluence (topic models, declared keyword topics, query relevance)
sees a post through the same pipeline, so that a French query with accents matches text
written without them, and a hashtag matches however it was capitalised:

1. :func:`normalize`: lowercase, accent folding (:func:`fold_accents`: Unicode NFKD
   decomposition [1]_ without its combining marks, plus the Latin letters that do not
   decompose, such as ``œ`` and ``ß``), typographic apostrophes made plain, URLs and
   ``@mentions`` removed (or kept, on request).
2. :func:`tokenize`: French elisions removed (``l'``, ``d'``, ``qu'``, ``jusqu'``...), the
   English ``'s`` dropped, other apostrophes joined (``don't`` -> ``dont``,
   ``aujourd'hui`` -> ``aujourdhui``); tokens are runs of letters and digits, hashtags are kept
   whole with their ``#`` (``#velotaf``); tokens shorter than two characters and pure numbers
   are dropped.
3. :class:`Analyzer`: tokens minus :data:`STOP_WORDS` (English, French and social-media noise),
   optionally with word n-grams. It is the ``analyzer`` callable of scikit-learn's
   ``CountVectorizer`` and ``TfidfVectorizer`` [2]_.

References
----------
.. [1] M. Davis and K. Whistler (eds.), "Unicode Normalization Forms", Unicode Standard
   Annex #15. https://www.unicode.org/reports/tr15/
.. [2] F. Pedregosa et al., "Scikit-learn: machine learning in Python", JMLR 12, 2011,
   pp. 2825-2830. https://jmlr.org/papers/v12/pedregosa11a.html
.. [3] J. Savoy, "A stemming procedure and stopword list for general French corpora", Journal
   of the American Society for Information Science 50(10), 1999, pp. 944-952.
   https://doi.org/10.1002/(SICI)1097-4571(1999)50:10<944::AID-ASI9>3.0.CO;2-Q
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from einfluence.exceptions import ParameterError

__all__ = [
    "ENGLISH_STOP_WORDS_FOLDED",
    "FRENCH_STOP_WORDS",
    "SOCIAL_STOP_WORDS",
    "STOP_WORDS",
    "Analyzer",
    "as_text_list",
    "fold_accents",
    "hashtags",
    "normalize",
    "tokenize",
]

# Latin letters that NFKD does not decompose into a base letter and combining marks
_NON_DECOMPOSING = str.maketrans(
    {
        "œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ẞ": "SS", "ø": "o", "Ø": "O",
        "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "ð": "d", "þ": "th",
    }
)  # fmt: skip
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "´": "'", "＇": "'"})
_URL = re.compile(r"(?:\bhttps?://|\bwww\.)\S+")
_MENTION = re.compile(r"(?<![\w@])@\w+")
# French elided articles and pronouns at the start of a word: l'avion, d'olive, qu'il, jusqu'au
_ELISION = re.compile(r"(?<![\w'])(?:jusqu|lorsqu|puisqu|quoiqu|presqu|qu|[cdjlmnst])'(?=\w)")
_POSSESSIVE = re.compile(r"(?<=\w)'s\b")
_HYPHEN = re.compile(r"(?<=[^\W\d_])[-‐‑](?=[^\W\d_])")
_TOKEN = re.compile(r"#\w+|@\w+|[^\W_]+")
_HASHTAG = re.compile(r"(?<![\w#])#(\w+)")

#: English stop words: scikit-learn's list [2]_ without a few content words ("fire", "bill",
#: "system", "interest"...), plus contractions as :func:`tokenize` joins them ("dont", "im").
ENGLISH_STOP_WORDS_FOLDED: frozenset[str] = frozenset(
    (
        ENGLISH_STOP_WORDS
        - {"bill", "fire", "system", "interest", "cry", "mill", "computer", "detail",
           "describe", "thick", "thin", "sincere", "serious", "con", "amoungst"}
    )
    | {
        "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "wont", "cant",
        "couldnt", "shouldnt", "wouldnt", "havent", "hasnt", "hadnt", "im", "ive", "youre",
        "youve", "youll", "youd", "theyre", "theyve", "weve", "ill", "id", "hes", "shes",
        "lets", "thats", "theres", "whats", "got", "get", "gets", "just", "really", "like",
        "did", "does", "doing", "going", "gonna", "wanna", "let", "make", "new", "today",
        "tonight", "yes", "yeah", "oh", "ok", "okay", "lot", "way", "day", "say", "says",
        "said", "know", "think", "want", "need", "good", "great", "thing", "things",
    }
)  # fmt: skip

_FRENCH = """
    au aux avec ce ces cet cette ceci cela ca celui celle ceux celles dans de des du elle elles
    en et eux il ils je la le les leur leurs lui ma mais me meme memes mes moi mon ne nos notre
    nous on ou par pas pour qu que qui quoi sa se ses son sur ta te tes toi ton tu un une vos
    votre vous ici la sans sous chez entre vers apres avant depuis pendant comme donc alors car
    ni si quand comment pourquoi quel quelle quels quelles lequel laquelle lesquels dont tout
    tous toute toutes autre autres aussi bien tres plus moins peu trop beaucoup encore deja
    toujours jamais rien personne chaque certains certaines plusieurs quelque quelques
    quelquun quelquechose aujourdhui ainsi cependant pourtant puis ensuite enfin voici voila
    oui non ne pas point parce contre selon sinon lorsque puisque tandis jusque jusqu presque
    etre suis es est sommes etes sont etais etait etions etiez etaient ete serai sera serons
    seront serait seraient sois soit soyons soient fus fut furent avoir ai as avons avez ont
    avais avait avions aviez avaient eu aurai aura aurons auront aurait auraient aie ait ayons
    aient eus eut eurent faire fais fait faites font faisait fera ferait
    mon ma mes notre nos leur nul nulle ci ah oh eh hein bon ben bah vraiment juste
    franchement bref plutot assez ya cest quil quelle quils quon dun dune lun lune
"""
#: French stop words (accent-folded), in the spirit of Savoy's list [3]_: articles,
#: pronouns, prepositions, conjunctions, common adverbs and the forms of être, avoir and faire.
FRENCH_STOP_WORDS: frozenset[str] = frozenset(_FRENCH.split())

#: Social-media noise shared by both languages: retweet markers, URL pieces, HTML entities,
#: anonymised placeholders and chat abbreviations.
_SOCIAL = """
    rt via http https www com amp gt lt quot cc url user mt dm pm am ht lol mdr ptdr omg
    pls plz thx svp stp jpg png html
"""
SOCIAL_STOP_WORDS: frozenset[str] = frozenset(_SOCIAL.split())

#: Union of the English, French and social-media stop words (all accent-folded, lowercase).
STOP_WORDS: frozenset[str] = ENGLISH_STOP_WORDS_FOLDED | FRENCH_STOP_WORDS | SOCIAL_STOP_WORDS


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
    s = unicodedata.normalize("NFKD", s.translate(_NON_DECOMPOSING))
    return _COMBINING.sub("", s)


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
    s = s.lower()
    if not s.isascii():
        s = fold_accents(s.translate(_APOSTROPHES))
    elif "`" in s:
        s = s.translate(_APOSTROPHES)
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


@dataclass(frozen=True)
class Analyzer:
    """Text -> list of features: :func:`tokenize` minus stop words, with optional n-grams.

    A picklable callable to give scikit-learn's vectorizers as ``analyzer``.

    Parameters
    ----------
    stop_words : iterable of str, default :data:`STOP_WORDS`
        Words to drop (compared with the normalised tokens; give them lowercase and
        accent-folded). Hashtags are never dropped.
    ngram_range : (int, int), default (1, 1)
        Minimum and maximum length of the word n-grams (joined by a space), built on the
        tokens left after stop-word removal; hashtags take part in n-grams like words.
    keep_urls, keep_mentions : bool, default False
        See :func:`normalize`.

    Examples
    --------
    >>> Analyzer()("La recette du gratin de ma grand-mère, so good!")
    ['recette', 'gratin', 'grandmere']
    >>> Analyzer(ngram_range=(1, 2))("Vélo électrique #VAE")
    ['velo', 'electrique', '#vae', 'velo electrique', 'electrique #vae']
    >>> from sklearn.feature_extraction.text import CountVectorizer
    >>> cv = CountVectorizer(analyzer=Analyzer()).fit(["vélo électrique", "velo cargo"])
    >>> cv.get_feature_names_out().tolist()
    ['cargo', 'electrique', 'velo']
    """

    stop_words: frozenset[str] = STOP_WORDS
    ngram_range: tuple[int, int] = (1, 1)
    keep_urls: bool = False
    keep_mentions: bool = False

    def __post_init__(self) -> None:
        lo, hi = self.ngram_range
        if not (isinstance(lo, int) and isinstance(hi, int) and 1 <= lo <= hi):
            raise ParameterError(f"ngram_range must be (min, max) with 1 <= min <= max, got {self.ngram_range}")
        object.__setattr__(self, "stop_words", frozenset(self.stop_words))

    def __call__(self, s: str | None) -> list[str]:
        if not s:
            return []
        stop = self.stop_words
        words = [t for t in tokenize(s, keep_urls=self.keep_urls, keep_mentions=self.keep_mentions)
                 if t not in stop]  # fmt: skip
        lo, hi = self.ngram_range
        if hi == 1:
            return words
        out = words if lo == 1 else []
        for n in range(max(lo, 2), hi + 1):
            out = out + [" ".join(words[i : i + n]) for i in range(len(words) - n + 1)]
        return out
