"""Fast linear sentiment model: tokens, n-gram features and prediction in numpy (private).

Used by :class:`~einfluence.perception.SentimentClassifier` (format version 2) and by the
default model shipped with einfluence. Prediction needs numpy and numba only (no scikit-learn):
all texts are joined, then tokenised and looked up in the vocabulary by one numba pass over
their code points (:func:`token_ids`; the regular expression of :func:`split_tokens` is its
oracle), and the n-gram features, their TF-IDF weights and the class scores are computed over
the flat token arrays (a numba kernel, ``np.bincount``).

Features of a text:

* word unigrams, those in a negation scope kept apart (``not good`` -> ``good`` negated; the
  scope runs from a negation word to the next punctuation mark or contrast word [1]_);
* word bigrams;
* both TF-IDF weighted (sublinear TF, rows scaled to unit L2 norm);
* standardised lexicon features: read from the model's own tokens with the VADER / VADER-FR
  rating of each word stored in the model (:func:`stream_lexicon`), or, for models saved
  without ratings, those of :func:`~einfluence.perception.lexicon_features`;
* optionally, a static word-embedding table already multiplied by the classifier's weights
  (one 3-vector per word, averaged over the text's words), which carries what was learned to
  words similar in meaning, in any language the embedding aligns [2]_.

References
----------
.. [1] B. Pang, L. Lee and S. Vaithyanathan, "Thumbs up? Sentiment classification using
   machine learning techniques", Proc. EMNLP 2002. https://doi.org/10.3115/1118693.1118704
.. [2] M. Iyyer, V. Manjunatha, J. Boyd-Graber and H. Daumé III, "Deep unordered composition
   rivals syntactic methods for text classification", Proc. ACL 2015, pp. 1681-1691.
   https://doi.org/10.3115/v1/P15-1162
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

import numpy as np

from einfluence.base.unique import unique_ints
from einfluence.perception._chars import char_classes
from einfluence.perception._chars import codes as text_codes
from einfluence.perception._lexicons import get_lexicon
from einfluence.text import fold_lower

__all__ = ["LinearModel", "Tokens", "VocabLookup", "tokenize_batch", "vocab_lookup"]

_SEP = "\x00"
_EMOJI = "[\u2190-\u21ff\u2300-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff]"
_URL = re.compile(r"(?:https?://|www\.)\S+")
_HANDLE = re.compile(r"@(?!target\b|other\b)\w+")
_ELONGATION = re.compile(r"([^\W\d_])\1{2,}")
_EMOTICON = r"(?<!\w)(?:[:;=8][\-o^']?[()\[\]dp/\\|*3]+|<3+|[()\[\]]+[\-o^']?[:;=])(?!\w)"
#: special tokens always in the vocabulary: unknown, separator, placeholders and punctuation
SPECIALS = ("", _SEP, "@target", "@other", "@user", "http", "!", "?", ".", ",", ";", ":")
_BREAKS = (_SEP, ".", ",", ";", ":", "!", "?")
_CONTRAST = ("but", "however", "mais", "pourtant", "cependant")


@cache
def _pattern(lang: str) -> re.Pattern[str]:
    word = r"[^\W\d_]+(?:'[^\W\d_]+)*" if lang == "en" else r"[^\W\d_]+"
    # (?=\S): a space, a sixth of the text, is rejected before the alternatives are tried
    return re.compile(rf"(?=\S)(?:@\w+|{word}|\d+|\x00|[!?]|[.,;:]|{_EMOJI}|{_EMOTICON})")


@cache
def negations(lang: str) -> frozenset[str]:
    """The lexicon's negation words, with English contractions (``don't``) and ``no``."""
    neg = set(get_lexicon(lang).negations)
    if lang == "en":
        neg |= {w[:-1] + "'t" for w in neg if w.endswith("nt")} | {"no", "won't", "can't", "ain't"}
    return frozenset(neg)


def prepare(joined: str) -> str:
    """Lowercase, accent-folded text with URLs as ``http``, handles as ``@user`` (the
    placeholders ``@target`` and ``@other`` kept) and ``#`` removed (elongations are shortened
    token by token: :func:`split_tokens`)."""
    s = joined if joined.isascii() else unicodedata.normalize("NFC", joined)
    s = fold_lower(s)
    if "http" in s or "www." in s:
        s = _URL.sub(" http ", s)
    if "@" in s:
        s = _HANDLE.sub("@user", s)
    if "#" in s:
        s = s.replace("#", " ")
    return s


def _elongated(toks: list[str]) -> dict[str, str]:
    """The distinct tokens with a letter repeated three times or more, and their shortened form
    (``sooooo`` -> ``soo``): a search per distinct token, not a scan of the whole text."""
    search = _ELONGATION.search
    return {t: _ELONGATION.sub(r"\1\1", t) for t in set(toks) if search(t)}


def split_tokens(prepared: str, lang: str) -> list[str]:
    """The tokens of a :func:`prepare`-d text, elongations shortened."""
    toks = _pattern(lang).findall(prepared)
    short = _elongated(toks)
    return [short.get(t, t) for t in toks] if short else toks


@dataclass(frozen=True)
class Tokens:
    """Flat token arrays of a batch of texts: the text of each token and its word id."""

    text: np.ndarray
    ids: np.ndarray
    negated: np.ndarray
    n_texts: int


def tokenize_batch(texts: list[str], lang: str, vocab: dict[str, int], flags: np.ndarray,
                   lookup: VocabLookup | None = None) -> Tokens:  # fmt: skip
    """Tokens of every text, as ids of ``vocab`` (0 for an unknown word).

    ``flags`` gives, per id, bit 1 for a negation word and bit 2 for a scope break; ``lookup``
    is ``vocab`` as :func:`vocab_lookup` builds it (built here when not given).
    """
    n = len(texts)
    joined = f" {_SEP} ".join(texts)
    if joined.count(_SEP) != n - 1:
        joined = f" {_SEP} ".join(t.replace(_SEP, " ") for t in texts)
    ids = token_ids(prepare(joined), lang, vocab if lookup is None else lookup)
    f = flags[ids]
    sep = ids == 1
    text = np.cumsum(sep)
    idx = np.arange(ids.size)
    last_neg = np.maximum.accumulate(np.where((f & 1) != 0, idx, -1)) if ids.size else idx
    last_break = np.maximum.accumulate(np.where((f & 2) != 0, idx, -1)) if ids.size else idx
    negated = (last_neg > last_break) & (last_neg < idx) & (idx - last_neg <= 6)
    keep = ~sep
    return Tokens(text=text[keep], ids=ids[keep], negated=negated[keep], n_texts=n)


def token_ids_regex(prepared: str, lang: str, vocab: dict[str, int]) -> np.ndarray:
    """The ids of the tokens of a :func:`prepare`-d text by the regular expression (the oracle of
    :func:`token_ids` in the tests)."""
    toks = _pattern(lang).findall(prepared)
    short = _elongated(toks)
    get = {**vocab, **{t: vocab.get(w, 0) for t, w in short.items()}}.get if short else vocab.get
    return np.fromiter(map(get, toks, itertools.repeat(0)), dtype=np.int64, count=len(toks))


@dataclass(frozen=True)
class VocabLookup:
    """A vocabulary as the hash table of :func:`~einfluence.perception._kernels.vocab_table`."""

    slot_word: np.ndarray
    slot_hash: np.ndarray
    codes: np.ndarray
    offsets: np.ndarray
    ids: np.ndarray
    max_len: int


def vocab_lookup(vocab: dict[str, int]) -> VocabLookup:
    """The hash table of ``vocab`` (word -> id) for :func:`token_ids`."""
    from einfluence.perception._kernels import vocab_table

    words = list(vocab)
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    offsets = np.zeros(len(words) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    codes = text_codes("".join(words))
    ids = np.fromiter(vocab.values(), dtype=np.int64, count=len(words))
    slot_word, slot_hash = vocab_table(codes, offsets, ids)
    return VocabLookup(slot_word, slot_hash, codes, offsets, ids, int(lengths.max()) if words else 0)


def token_ids(prepared: str, lang: str, vocab: dict[str, int] | VocabLookup) -> np.ndarray:
    """The ids of the tokens of a :func:`prepare`-d text (0 for an unknown token): the tokens of
    :func:`split_tokens` looked up in ``vocab``, by one numba pass over the code points."""
    from einfluence.perception._kernels import token_ids as kernel

    table = vocab if isinstance(vocab, VocabLookup) else vocab_lookup(vocab)
    code = text_codes(prepared)
    return kernel(code, char_classes(code), lang == "en", table.slot_word, table.slot_hash, table.codes,
                  table.offsets, table.ids, table.max_len)  # fmt: skip


@dataclass
class LinearModel:
    """The learned arrays of a fast linear sentiment model and its prediction.

    Attributes
    ----------
    lang : str
    words : list of str
        The vocabulary (id = position); the first entries are :data:`SPECIALS`.
    unigram_idf : numpy.ndarray, shape (2 * n_words,)
        IDF of each (word, negated) feature; 0 for features not learned.
    bigram_keys : numpy.ndarray of int64
        Sorted keys ``first * n_words + second`` of the learned bigrams.
    bigram_idf : numpy.ndarray
    coef : numpy.ndarray, shape (3, 2 * n_words + n_bigrams)
        Weights of the n-gram features.
    lexicon_mean, lexicon_scale : numpy.ndarray, shape (14,)
    lexicon_coef : numpy.ndarray, shape (3, n_lexicon)
        Weights of the standardised lexicon features: those of
        :func:`~einfluence.perception.lexicon_features` (14) when ``valence`` is None, else
        :data:`STREAM_FEATURES` computed from the model's own tokens.
    embedding : numpy.ndarray, shape (n_words, 3)
        Class scores of each word's embedding (zeros without embedding), averaged over words.
    intercept : numpy.ndarray, shape (3,)
    temperature : float
        Divides the scores before the softmax (calibration).
    valence : numpy.ndarray, shape (n_words,), optional
        The lexicon's rating of each word (VADER / VADER-FR, emojis included).
    subjectivity : numpy.ndarray, shape (n_words, 2), optional
        Polarity and subjectivity of each word in the Pattern lexicon of the language (0 for
        the words it does not rate): four more lexicon features (:func:`stream_lexicon`).
    """

    lang: str
    words: list[str]
    unigram_idf: np.ndarray
    bigram_keys: np.ndarray
    bigram_idf: np.ndarray
    coef: np.ndarray
    lexicon_mean: np.ndarray
    lexicon_scale: np.ndarray
    lexicon_coef: np.ndarray
    embedding: np.ndarray
    intercept: np.ndarray
    temperature: float = 1.0
    valence: np.ndarray | None = None
    embedding_known_only: bool = False
    subjectivity: np.ndarray | None = None
    _vocab: dict[str, int] = field(default_factory=dict, repr=False)
    _flags: np.ndarray | None = field(default=None, repr=False)
    _coef_t: np.ndarray | None = field(default=None, repr=False)
    _lookup: VocabLookup | None = field(default=None, repr=False)

    def vocab(self) -> dict[str, int]:
        if not self._vocab:
            self._vocab = {w: i for i, w in enumerate(self.words)}
            self._vocab.pop("", None)
        return self._vocab

    def lookup(self) -> VocabLookup:
        """The vocabulary as the hash table of the tokeniser (built once)."""
        if self._lookup is None:
            self._lookup = vocab_lookup(self.vocab())
        return self._lookup

    def flags(self) -> np.ndarray:
        if self._flags is None:
            self._flags = word_flags(self.words, self.lang)
        return self._flags

    @property
    def n_words(self) -> int:
        return len(self.words)

    def ngram_scores(self, tok: Tokens) -> np.ndarray:
        """Class scores (n_texts, 3) of the TF-IDF n-gram features: a numba kernel, one pass."""
        from einfluence.perception._kernels import ngram_scores

        if self._coef_t is None:
            self._coef_t = np.ascontiguousarray(self.coef.T, dtype=np.float64)
        return ngram_scores(tok.text.astype(np.int64, copy=False), tok.ids.astype(np.int64, copy=False),
                            tok.negated.astype(np.bool_, copy=False), tok.n_texts, self.n_words,
                            self.bigram_keys.astype(np.int64, copy=False),
                            self.unigram_idf.astype(np.float64, copy=False),
                            self.bigram_idf.astype(np.float64, copy=False), self._coef_t)  # fmt: skip

    def ngram_scores_numpy(self, tok: Tokens) -> np.ndarray:
        """The same scores from :func:`ngram_features` and ``np.bincount`` (the kernel's oracle)."""
        t_idx, feat, val = ngram_features(tok, self.n_words, self.bigram_keys, self.unigram_idf, self.bigram_idf)
        z = np.empty((tok.n_texts, 3))
        for c in range(3):
            z[:, c] = np.bincount(t_idx, weights=val * self.coef[c, feat], minlength=tok.n_texts)
        return z

    def decision_function(self, texts: list[str], lexicon: np.ndarray | None = None) -> np.ndarray:
        """Class scores (n_texts, 3) before temperature; ``lexicon``: precomputed features."""
        from einfluence.perception.sentiment import lexicon_features

        n = len(texts)
        if n == 0:
            return np.zeros((0, 3))
        tok = tokenize_batch(texts, self.lang, self.vocab(), self.flags(), self.lookup())
        z = self.ngram_scores(tok)
        if lexicon is None:
            lex = stream_lexicon(tok, self.valence, self.words, self.subjectivity) if self.valence is not None else (
                lexicon_features(texts, self.lang))
        else:
            lex = lexicon
        z += ((lex - self.lexicon_mean) / self.lexicon_scale) @ self.lexicon_coef.T
        if self.embedding.any():
            z += embedding_mean(tok, self.embedding, self.embedding_known_only)
        return z + self.intercept

    def predict_proba(self, texts: list[str], lexicon: np.ndarray | None = None) -> np.ndarray:
        z = self.decision_function(texts, lexicon) / self.temperature
        z -= z.max(axis=1, keepdims=True) if z.size else 0.0
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)


#: columns of :func:`stream_lexicon`
STREAM_FEATURES = ("compound", "total", "n_positive", "n_negative", "positive_sum", "negative_sum", "n_negations",
                   "exclamations", "questions", "log_tokens")
#: columns added by :func:`stream_lexicon` from the Pattern lexicons' ratings
SUBJECTIVITY_FEATURES = ("pattern_polarity", "subjectivity_sum", "subjectivity_max", "n_subjective")
_N_SCALAR = -0.74


def stream_lexicon(tok: Tokens, valence: np.ndarray, words: list[str],
                   subjectivity: np.ndarray | None = None) -> np.ndarray:
    """Lexicon features from the model's own tokens: the summed VADER ratings (a negated word
    counts -0.74 times its rating, as in VADER), its squashed compound, counts and sums of
    positive and negative words, negations, ``!`` and ``?``, and the log number of tokens.

    With ``subjectivity`` (n_words, 2: polarity and subjectivity of each word, those of the
    Pattern lexicons [3]_), four more (:data:`SUBJECTIVITY_FEATURES`): the summed polarity (a
    negated word counts -0.5 times its own, as in Pattern), the summed and the largest
    subjectivity, and the number of subjective words (subjectivity 0.5 or more).

    References
    ----------
    .. [3] T. De Smedt and W. Daelemans, "Pattern for Python", Journal of Machine Learning
       Research 13 (2012), pp. 2063-2067. https://jmlr.org/papers/v13/desmedt12a.html
    """
    n = tok.n_texts
    v = valence[tok.ids] * np.where(tok.negated, _N_SCALAR, 1.0)
    total = np.bincount(tok.text, weights=v, minlength=n)
    pos, neg = v > 0, v < 0
    excl = words.index("!")
    ques = words.index("?")
    negs = np.bincount(tok.text, weights=(tok.ids >= 0) & np.isin(tok.ids, _negation_ids(tuple(words))), minlength=n)
    out = np.column_stack([
        total / np.sqrt(total * total + 15.0), total,
        np.bincount(tok.text, weights=pos, minlength=n), np.bincount(tok.text, weights=neg, minlength=n),
        np.bincount(tok.text, weights=np.where(pos, v, 0.0), minlength=n),
        np.bincount(tok.text, weights=np.where(neg, v, 0.0), minlength=n), negs,
        np.bincount(tok.text, weights=tok.ids == excl, minlength=n),
        np.bincount(tok.text, weights=tok.ids == ques, minlength=n),
        np.log1p(np.bincount(tok.text, minlength=n)),
    ])  # fmt: skip
    if subjectivity is None:
        return out
    pol = subjectivity[tok.ids, 0] * np.where(tok.negated, -0.5, 1.0)
    subj = subjectivity[tok.ids, 1]
    top = np.zeros(n)
    np.maximum.at(top, tok.text, subj)
    return np.column_stack([out, np.bincount(tok.text, weights=pol, minlength=n),
                            np.bincount(tok.text, weights=subj, minlength=n), top,
                            np.bincount(tok.text, weights=subj >= 0.5, minlength=n)])


_NEG_IDS: dict[int, np.ndarray] = {}


def _negation_ids(words: tuple[str, ...]) -> np.ndarray:
    key = hash(words)
    if key not in _NEG_IDS:
        neg = negations("en") | negations("fr")
        _NEG_IDS[key] = np.array([i for i, w in enumerate(words) if w in neg], dtype=np.int64)
    return _NEG_IDS[key]


def word_valence(words: list[str], lang: str) -> np.ndarray:
    """The lexicon's rating of each word (0 for unrated words)."""
    lex = get_lexicon(lang)
    return np.array([lex.valence.get(w, lex.emoji.get(w, 0.0)) for w in words], dtype=np.float64)


def word_flags(words: list[str], lang: str) -> np.ndarray:
    neg = negations(lang)
    flags = np.zeros(len(words), dtype=np.int8)
    for i, w in enumerate(words):
        if w in neg:
            flags[i] |= 1
        if w in _BREAKS or w in _CONTRAST:
            flags[i] |= 2
    return flags


def embedding_mean(tok: Tokens, table: np.ndarray, known_only: bool = False) -> np.ndarray:
    """Mean over each text's tokens of ``table[id]`` (over its words with a vector when
    ``known_only``, else unknown words count as zero vectors)."""
    n = tok.n_texts
    if known_only:
        has = np.abs(table).sum(axis=1) > 0
        count = np.maximum(np.bincount(tok.text, weights=has[tok.ids], minlength=n), 1.0)
    else:
        count = np.maximum(np.bincount(tok.text, minlength=n), 1)
    out = np.empty((n, table.shape[1]))
    for c in range(table.shape[1]):
        out[:, c] = np.bincount(tok.text, weights=table[tok.ids, c], minlength=n) / count
    return out


def ngram_counts(tok: Tokens, n_words: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(text, unigram feature) and (text, bigram key) pairs of the tokens, with repeats."""
    uni = tok.ids * 2 + tok.negated
    same = np.zeros(tok.ids.size, dtype=bool)
    same[1:] = tok.text[1:] == tok.text[:-1]
    second = np.flatnonzero(same)
    keys = tok.ids[second - 1] * n_words + tok.ids[second]
    return tok.text, uni, tok.text[second], keys


def ngram_features(
    tok: Tokens, n_words: int, bigram_keys: np.ndarray, unigram_idf: np.ndarray, bigram_idf: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sparse TF-IDF rows: (text index, feature index, value), L2-normalised per text."""
    t_uni, uni, t_bi, keys = ngram_counts(tok, n_words)
    pos = np.searchsorted(bigram_keys, keys)
    pos = np.minimum(pos, max(bigram_keys.size - 1, 0))
    hit = bigram_keys[pos] == keys if bigram_keys.size else np.zeros(keys.size, dtype=bool)
    n_uni = 2 * n_words
    ok = unigram_idf[uni] > 0
    t_all = np.concatenate([t_uni[ok], t_bi[hit]])
    f_all = np.concatenate([uni[ok], n_uni + pos[hit]])
    n_feat = n_uni + bigram_keys.size
    key, count = unique_ints(t_all * n_feat + f_all, return_counts=True)
    t_idx, feat = key // n_feat, key % n_feat
    idf = np.concatenate([unigram_idf, bigram_idf])
    val = (1.0 + np.log(count)) * idf[feat]
    norm = np.sqrt(np.bincount(t_idx, weights=val * val, minlength=tok.n_texts))
    norm[norm == 0] = 1.0
    return t_idx, feat, val / norm[t_idx]


_FORMAT = "einfluence.LinearSentiment"
_FORMAT_VERSION = 1
_NUMERIC = ("unigram_idf", "bigram_keys", "bigram_idf", "coef", "lexicon_mean", "lexicon_scale", "lexicon_coef",
            "embedding", "intercept")


def to_bytes(model: LinearModel, metadata: dict) -> bytes:
    """The model as an ``.npz`` archive of numeric arrays and JSON (no pickle)."""
    import io
    import json

    meta = {**metadata, "format": _FORMAT, "format_version": _FORMAT_VERSION, "lang": model.lang,
            "temperature": float(model.temperature), "embedding_known_only": bool(model.embedding_known_only)}
    # only the n-gram columns with a weight are kept (sparse), as float32
    nz = np.flatnonzero(np.abs(model.coef).sum(axis=0) > 0)
    buf = io.BytesIO()
    np.savez_compressed(
        buf,
        metadata=np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8),
        words=np.frombuffer(json.dumps(model.words).encode("utf-8"), dtype=np.uint8),
        unigram_idf=model.unigram_idf.astype(np.float32), bigram_keys=model.bigram_keys.astype(np.int64),
        bigram_idf=model.bigram_idf.astype(np.float32), coef_columns=nz.astype(np.int64),
        coef=model.coef[:, nz].astype(np.float32), lexicon_mean=model.lexicon_mean, lexicon_scale=model.lexicon_scale,
        lexicon_coef=model.lexicon_coef, embedding=model.embedding.astype(np.float32), intercept=model.intercept,
        valence=np.zeros(0) if model.valence is None else model.valence.astype(np.float32),
        subjectivity=np.zeros((0, 2)) if model.subjectivity is None else model.subjectivity.astype(np.float16),
    )  # fmt: skip
    return buf.getvalue()


def from_bytes(data: bytes) -> tuple[LinearModel, dict]:
    """Rebuild a model saved by :func:`to_bytes`; never unpickles nor runs code.

    Raises
    ------
    EinfluenceError
        On another format, missing arrays, inconsistent shapes or non-finite values.
    """
    import io
    import json

    from einfluence.exceptions import EinfluenceError

    try:
        with np.load(io.BytesIO(bytes(data)), allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
        meta = json.loads(arrays["metadata"].tobytes().decode("utf-8"))
        words = json.loads(arrays["words"].tobytes().decode("utf-8"))
    except Exception as err:
        raise EinfluenceError(f"not a saved sentiment model: {err}") from None
    if not isinstance(meta, dict) or meta.get("format") != _FORMAT or meta.get("format_version") != _FORMAT_VERSION:
        raise EinfluenceError("unsupported sentiment model format")
    arrays.setdefault("valence", np.zeros(0))  # models saved before the lexicon features were streamed
    arrays.setdefault("subjectivity", np.zeros((0, 2)))  # models saved before the Pattern lexicons
    missing = [k for k in (*_NUMERIC, "coef_columns") if k not in arrays]
    if missing:
        raise EinfluenceError(f"corrupt sentiment model: missing {', '.join(map(repr, missing))}")
    for k in (*_NUMERIC, "coef_columns", "valence", "subjectivity"):
        if arrays[k].dtype.kind not in "fiu" or not np.isfinite(arrays[k]).all():
            raise EinfluenceError(f"corrupt sentiment model: array {k!r} holds non-finite or non-numeric values")
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words) or meta.get("lang") not in ("en", "fr"):
        raise EinfluenceError("corrupt sentiment model: bad vocabulary or language")
    n_words = len(words)
    n_feat = 2 * n_words + arrays["bigram_keys"].size
    cols = arrays["coef_columns"]
    temperature = meta.get("temperature")
    if (arrays["unigram_idf"].shape != (2 * n_words,) or arrays["bigram_idf"].shape != arrays["bigram_keys"].shape
            or arrays["coef"].shape != (3, cols.size) or (cols.size and (cols.min() < 0 or cols.max() >= n_feat))
            or arrays["embedding"].shape != (n_words, 3) or arrays["intercept"].shape != (3,)
            or arrays["lexicon_coef"].shape != (3, arrays["lexicon_mean"].size)
            or arrays["valence"].size not in (0, n_words)
            or arrays["subjectivity"].shape not in ((0, 2), (n_words, 2))
            or (arrays["subjectivity"].size and not arrays["valence"].size)
            or not isinstance(temperature, (int, float)) or not temperature > 0):
        raise EinfluenceError("corrupt sentiment model: inconsistent array shapes")
    coef = np.zeros((3, n_feat))
    coef[:, cols] = arrays["coef"]
    model = LinearModel(
        lang=meta["lang"], words=words, unigram_idf=arrays["unigram_idf"].astype(np.float64),
        bigram_keys=arrays["bigram_keys"], bigram_idf=arrays["bigram_idf"].astype(np.float64), coef=coef,
        lexicon_mean=arrays["lexicon_mean"], lexicon_scale=arrays["lexicon_scale"],
        lexicon_coef=arrays["lexicon_coef"], embedding=arrays["embedding"].astype(np.float64),
        intercept=arrays["intercept"], temperature=float(temperature),
        valence=arrays["valence"].astype(np.float64) if arrays["valence"].size else None,
        embedding_known_only=bool(meta.get("embedding_known_only", False)),
        subjectivity=arrays["subjectivity"].astype(np.float64) if arrays["subjectivity"].size else None,
    )  # fmt: skip
    return model, meta
