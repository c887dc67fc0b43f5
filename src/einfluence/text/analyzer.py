"""Stop words and the :class:`Analyzer` that turns a text into the features of a vectorizer.

The English list is scikit-learn's [1]_ (itself the Glasgow Information Retrieval Group's) with a
few content words put back; the French list follows Savoy [2]_.

References
----------
.. [1] F. Pedregosa et al., "Scikit-learn: machine learning in Python", JMLR 12, 2011,
   pp. 2825-2830. https://jmlr.org/papers/v12/pedregosa11a.html
.. [2] J. Savoy, "A stemming procedure and stopword list for general French corpora", Journal
   of the American Society for Information Science 50(10), 1999, pp. 944-952.
   https://doi.org/10.1002/(SICI)1097-4571(1999)50:10<944::AID-ASI9>3.0.CO;2-Q
"""

from __future__ import annotations

from dataclasses import dataclass

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from einfluence.exceptions import ParameterError
from einfluence.text.normalize import tokenize

__all__ = ["ENGLISH_STOP_WORDS_FOLDED", "FRENCH_STOP_WORDS", "SOCIAL_STOP_WORDS", "STOP_WORDS", "Analyzer"]

#: English stop words: scikit-learn's list [1]_ without a few content words ("fire", "bill",
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
#: French stop words (accent-folded), in the spirit of Savoy's list [2]_: articles,
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
