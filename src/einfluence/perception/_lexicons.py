"""Sentiment lexicons: VADER (English) and VADER-FR (French) ratings, plus einfluence's rules.

The word ratings are the data files of ``vaderSentiment`` 3.3.2 [1]_ and
``vadersentiment-fr`` 1.3.4 [2]_ (both MIT), vendored byte for byte with their licence
notices in ``einfluence/perception/lexicons/`` (see its ``README.md``) and read as package
resources once per process; neither project is installed nor its code used (the French one
depends on the GPL-licensed ``fuzzywuzzy`` and ``unidecode``). Booster, negation and contrast
words are einfluence's own lists, written for the vectorised rules of :mod:`.sentiment`.

References
----------
.. [1] C. J. Hutto and E. Gilbert, "VADER: a parsimonious rule-based model for sentiment
   analysis of social media text", Proc. ICWSM 2014, pp. 216-225.
   https://doi.org/10.1609/icwsm.v8i1.14550
.. [2] O. Deprez and T. Ek, "VADER-Sentiment-Analysis-FR" (vadersentiment-fr 1.3.4), 2020.
   https://github.com/thomas7lieues/vader_FR
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from einfluence.exceptions import ParameterError
from einfluence.text import fold_accents

__all__ = ["LANGUAGES", "Lexicon", "check_lang", "get_lexicon"]

LANGUAGES: tuple[str, ...] = ("en", "fr")

# VADER's empirically derived constants (Hutto and Gilbert 2014)
B_INCR = 0.293
B_DECR = -0.293

_EN_BOOSTERS_UP = """
    absolutely amazingly awfully completely considerable considerably decidedly deeply effing
    enormous enormously entirely especially exceptional exceptionally extreme extremely
    fabulously flipping flippin frackin fracking fricking frickin frigging friggin fully
    fuckin fucking fuggin fugging greatly hella highly hugely incredible incredibly intensely
    major majorly more most particularly purely quite really remarkably so substantially
    thoroughly total totally tremendous tremendously uber unbelievably unusually utter utterly
    very soo sooo sooooo
"""
_EN_BOOSTERS_DOWN = """
    almost barely hardly kind kinda kindof less little marginal marginally occasional
    occasionally partly scarce scarcely slight slightly somewhat sort sorta sortof
"""
_FR_BOOSTERS_UP = """
    absolument archi beaucoup carrement completement extremement franchement grave hyper
    incroyablement infiniment particulierement profondement serieusement si sacrement
    super tant tellement terriblement totalement tres trop ultra vachement vraiment
    enormement
"""
_FR_BOOSTERS_DOWN = """
    assez environ guere legerement moins peu plutot presque quasi quasiment rarement
"""
_EN_NEGATIONS = """
    aint arent cannot cant couldnt darent didnt doesnt dont hadnt hasnt havent isnt mightnt
    mustnt neither neednt never none nope nor not nothing nowhere oughtnt shant shouldnt uhuh
    wasnt werent without wont wouldnt rarely seldom despite
"""
#: "ne" / "n'" is the marker of French negation; "pas", "jamais", "rien", "aucun"... follow the
#: verb. "plus" is only a negation after "ne" (``n'est plus``), which "ne" itself covers:
#: ``le plus beau`` stays positive.
_FR_NEGATIONS = """
    ne n pas jamais rien aucun aucune aucunement nullement sans ni personne guere
"""

#: Ratings of einfluence for French social-media opinion words that VADER-FR rates oddly
#: (``génial`` 0.6, ``parfait`` 0.5, ``horrible`` -0.7) or misses (``nickel``, ``galère``).
#: Same scale as VADER (-4 extremely negative .. +4 extremely positive); accent-folded keys.
_FR_OVERRIDES = {
    "genial": 2.6, "geniale": 2.6, "geniaux": 2.6, "super": 2.0, "top": 1.8, "cool": 1.4,
    "bien": 1.0, "parfait": 2.6, "parfaite": 2.6, "adore": 2.7, "adorer": 2.7, "adorons": 2.7,
    "kiffe": 2.2, "nickel": 1.8, "sublime": 2.8, "incroyable": 1.6, "beau": 1.6, "belle": 1.6,
    "magnifique": 2.8, "excellente": 2.7, "content": 2.2, "contents": 2.2, "contentes": 2.2,
    "hate": 1.4, "bravo": 2.4, "felicitations": 2.6, "love": 2.7, "enfin": 0.6,
    "nul": -2.2, "nulle": -2.2, "nuls": -2.2, "nulles": -2.2, "horrible": -2.6,
    "horribles": -2.6, "deteste": -2.7, "detestent": -2.7, "decu": -2.0, "decue": -2.0,
    "decus": -2.0, "decues": -2.0, "deception": -2.0, "decevant": -2.0, "decevante": -2.0,
    "galere": -1.8, "bof": -1.0, "pourri": -2.2, "pourrie": -2.2, "naze": -2.0,
    "honteux": -2.4, "honteuse": -2.4, "scandaleux": -2.6, "scandaleuse": -2.6, "arnaque": -2.7,
    "lamentable": -2.6, "pitoyable": -2.4, "ridicule": -1.8, "stupide": -1.9, "idiot": -1.9,
    "pollution": -1.6, "catastrophique": -3.0, "inacceptable": -2.4, "dingue": 0.0,
    "terrible": -1.5, "grave": 0.0, "pas": 0.0, "vrai": 0.0, "moyen": -0.4,
}  # fmt: skip
#: Emojis whose English name has no rated word or a misleading one (``♋`` "cancer").
_EMOJI_OVERRIDES = {
    "👍": 1.8, "👎": -1.8, "😡": -2.6, "🤬": -3.0, "🙄": -1.2, "💩": -1.5, "🔥": 1.0, "🤮": -2.5,
    "😤": -1.5, "🙏": 1.2, "👏": 1.6, "💪": 1.5, "🤔": 0.0, "♋": 0.0, "😒": -1.6, "😞": -2.0,
}  # fmt: skip
_FR_SARCASM = "#ironie #sarcasme #second_degre #seconddegre #irony #sarcasm #sarcastic"
_EN_SARCASM = "#sarcasm #sarcastic #irony #not #sarcasmo"


#: Vendored lexicon files, as ``(folder, file name)`` under ``einfluence/perception/lexicons``.
VADER_LEXICON = ("vader", "vader_lexicon.txt")
VADER_EMOJI = ("vader", "emoji_utf8_lexicon.txt")
VADER_FR_LEXICON = ("vader_fr", "fr_lexicon.txt")


def _read(folder: str, name: str) -> str:
    """Text of a vendored lexicon file (a package resource of :mod:`einfluence.perception`)."""
    path = resources.files("einfluence.perception").joinpath("lexicons").joinpath(folder).joinpath(name)
    return path.read_text(encoding="utf-8")


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


@dataclass(frozen=True)
class Lexicon:
    """Ratings and rule words of one language (all keys lowercase and accent-folded)."""

    lang: str
    valence: dict[str, float]
    boosters: dict[str, float]
    negations: frozenset[str]
    contrast: frozenset[str]
    sarcasm: frozenset[str]
    emoji: dict[str, float]


def _emoji_valence(en_valence: dict[str, float]) -> dict[str, float]:
    """Valence of each emoji: sum of the VADER ratings of the words of its English name.

    VADER replaces an emoji by its description (``"😁"`` -> ``"beaming face with smiling
    eyes"``) before scoring; summing the description's ratings gives the same contribution as
    one token, so that emojis are looked up like words.
    """
    out = {}
    for line in _read(*VADER_EMOJI).splitlines():
        parts = line.strip().split("\t")
        if len(parts) < 2:
            continue
        score = sum(en_valence.get(w, 0.0) for w in parts[1].lower().split())
        if score != 0.0 and len(parts[0]) == 1:
            out[parts[0]] = max(-3.5, min(3.5, score))
    out.update(_EMOJI_OVERRIDES)
    return {k: v for k, v in out.items() if v != 0.0}


def check_lang(lang: object) -> str:
    """``lang`` if it is one of :data:`LANGUAGES`; a ParameterError otherwise."""
    if lang not in LANGUAGES:
        raise ParameterError(f"lang must be one of {LANGUAGES}, got {lang!r}")
    return str(lang)


@cache
def get_lexicon(lang: str) -> Lexicon:
    """The lexicon of ``lang`` (``"en"`` or ``"fr"``), loaded once per process.

    Raises
    ------
    ParameterError
        On another language.
    """
    check_lang(lang)
    en: dict[str, float] = {}
    for line in _read(*VADER_LEXICON).splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0]:
            en[parts[0].lower()] = float(parts[1])
    emoji = _emoji_valence(en)
    if lang == "en":
        boosters = {w: B_INCR for w in _words(_EN_BOOSTERS_UP)} | {w: B_DECR for w in _words(_EN_BOOSTERS_DOWN)}
        return Lexicon("en", en, boosters, _words(_EN_NEGATIONS), frozenset({"but"}), _words(_EN_SARCASM), emoji)
    fr: dict[str, float] = {}
    for line in _read(*VADER_FR_LEXICON).splitlines():
        parts = line.strip().split("->")
        if len(parts) >= 2 and parts[0]:
            key = fold_accents(parts[0].lower())
            if " " not in key:  # the few multi-word entries are left out (single-token lookups)
                fr[key] = float(parts[1])
    # emoticons (":)", "<3") and English chat words are language-independent in tweets
    for k, v in en.items():
        if not k.isalpha() or k in {"lol", "lmao", "rofl", "omg", "wtf", "xd", "haha", "hahaha"}:
            fr.setdefault(k, v)
    fr.update(_FR_OVERRIDES)
    fr = {k: v for k, v in fr.items() if v != 0.0}
    boosters = {w: B_INCR for w in _words(_FR_BOOSTERS_UP)} | {w: B_DECR for w in _words(_FR_BOOSTERS_DOWN)}
    return Lexicon("fr", fr, boosters, _words(_FR_NEGATIONS), frozenset({"mais"}), _words(_FR_SARCASM), emoji)
