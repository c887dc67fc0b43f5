"""Looking words up: a key's text in a language, numbers and shares as a reader writes them,
the codes of the data in words."""

from __future__ import annotations

from typing import Any

from einfluence.i18n.catalogue import LANGUAGES, MESSAGES

__all__ = ["check_lang", "code_label", "colon", "counted", "label", "number", "percent", "signed"]


def label(key: str, lang: str = "en") -> str:
    """The text of ``key`` in ``lang`` (English, then the key itself, when missing).

    Examples
    --------
    >>> label("stage.advocate", "fr"), label("stage.advocate"), label("no.such.key", "fr")
    ('ambassadeur', 'advocate', 'no.such.key')
    """
    texts = MESSAGES.get(key)
    if texts is None:
        return key
    return texts.get(lang) or texts.get("en") or key


def counted(count: float, key: str, lang: str = "en") -> str:
    """``count`` followed by the words of ``key``, in the plural (key ``KEY.many``) when the
    reader's grammar wants it: in English every count but 1, in French 2 and more.

    Examples
    --------
    >>> counted(3, "stage.advocate"), counted(1, "stage.advocate"), counted(0, "stage.advocate")
    ('3 advocates', '1 advocate', '0 advocates')
    >>> counted(3, "stage.advocate", "fr"), counted(0, "stage.advocate", "fr")
    ('3 ambassadeurs', '0 ambassadeur')
    """
    many = count != 1 if lang == "en" else count >= 2
    plural = f"{key}.many"
    return f"{number(count, lang)} {label(plural if many and plural in MESSAGES else key, lang)}"


def colon(lang: str = "en") -> str:
    """The colon between a name and its value (``target: everyone``) as a reader of ``lang``
    writes it: French puts a no-break space before it (``cible : tout le monde``), which
    also keeps the colon from starting a line.

    Examples
    --------
    >>> "target" + colon() + "everyone", colon("fr") == "\\u00a0: "
    ('target: everyone', True)
    """
    return label("colon", lang)


def code_label(prefix: str, code: Any, lang: str = "en") -> str:
    """A code of the data or the server (an account's kind, a job's, a selection method...) in
    words, or the code itself when the catalogue has no words for it.

    Examples
    --------
    >>> code_label("account_kind.", "media", "fr"), code_label("account_kind.", "robot", "fr")
    ('média', 'robot')
    """
    key = f"{prefix}{code}"
    return label(key, lang) if key in MESSAGES else str(code)


def number(value: float | None, lang: str = "en", digits: int = 0) -> str:
    """A number as a reader of ``lang`` writes it (``12,345.6``; ``12 345,6`` in French); a dash
    for a missing or undefined value.

    Examples
    --------
    >>> number(12345.678, "en", 1), number(12345.678, "fr", 1), number(None)
    ('12,345.7', '12\u202f345,7', '–')
    """
    if value is None or value != value:
        return "–"
    text = f"{value:,.{digits}f}"
    if lang == "fr":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def signed(value: float | None, lang: str = "en", digits: int = 2) -> str:
    """A number with its sign always written (a sentiment: ``+0.70``; ``+0,70`` in French).

    Examples
    --------
    >>> signed(0.7), signed(-0.25, "fr"), signed(None)
    ('+0.70', '-0,25', '–')
    """
    if value is None or value != value:
        return "–"
    text = f"{value:+.{digits}f}"
    return text.replace(".", ",") if lang == "fr" else text


def percent(value: float | None, lang: str = "en", digits: int = 0) -> str:
    """A share as a percentage (``42%``; ``42 %`` in French).

    Examples
    --------
    >>> percent(0.4217), percent(0.4217, "fr", 1)
    ('42%', '42,2\u202f%')
    """
    if value is None or value != value:
        return "–"
    return number(100 * value, lang, digits) + ("\u202f%" if lang == "fr" else "%")


def check_lang(lang: str) -> str:
    """``lang`` if einfluence speaks it; a :class:`~einfluence.exceptions.ParameterError` otherwise."""
    if lang not in LANGUAGES:
        from einfluence.exceptions import ParameterError

        raise ParameterError(f"expected one of {', '.join(LANGUAGES)}, got {lang!r}", parameter="lang")
    return lang
