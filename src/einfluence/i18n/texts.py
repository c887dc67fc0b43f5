"""Saying the texts the work writes in English in another language.

The work writes them as :class:`Reason` strings: the English text of a stage of long work, of an
import error's reason or of a funnel's evidence, made from the catalogue where the work writes
it, carrying its key and values. The command line prints the English as it is; an interface says
it again in its reader's language (:func:`say`), a page's script too (the API gives
``stage_key`` and ``stage_values``, ``reason_key`` and ``reason_values``). Nothing is ever
recognised from its English: a text that is not a :class:`Reason` is shown as it is.

The server's descriptions of targets and plans are still recognised by their patterns
(:data:`~einfluence.i18n.patterns.SERVER_TEXTS`, :func:`server_text`).

The values of a text are named by what they are: ``n`` and ``n_...`` are counts (``1,234``;
``1 234`` in French), ``s_...`` signed measures such as a sentiment (``+0.70``; ``+0,70``), and
a value that is itself a :class:`Reason` (or its ``{"key", "values"}`` from the API) is said in
the same language; ``value`` is the value at fault of an import error, shown after the reason
as the file holds it (``not an integer: 'x'``) unless the text places it; every other value is
shown as it is (a file's value, a name, an id).
"""

from __future__ import annotations

import re
from typing import Any

from einfluence.i18n.lookup import code_label, label, number, signed
from einfluence.i18n.patterns import SERVER_TEXTS

__all__ = [
    "Reason",
    "input_error_text",
    "input_error_where",
    "reason_parts",
    "reason_say",
    "reason_text",
    "say",
    "server_text",
    "stage_parts",
    "stage_text",
]


def _numeric(name: str) -> bool:
    return name == "n" or name.startswith("n_")


def _shown(name: str, value: Any, lang: str) -> Any:
    """One value of a text as a reader of ``lang`` reads it."""
    if isinstance(value, Reason):
        return say(value.key, value.values, lang)
    if isinstance(value, dict) and "key" in value:  # a Reason as the API gives it
        return say(str(value["key"]), value.get("values") or {}, lang)
    if value is None:
        return ""
    if _numeric(name):
        return number(value, lang)
    if name.startswith("s_"):
        return signed(value, lang)
    return value


def say(key: str, values: dict[str, Any] | None = None, lang: str = "en") -> str:
    """The text of ``key`` in ``lang`` with its values (see the module's conventions); a value
    the text does not name is left out, a name without a value is empty.

    Examples
    --------
    >>> say("funnel.evidence.aware", {"post": "p9", "n": 1200}, "fr")
    'première mention de la marque dans le message p9 (1\u202f200 mentions en tout)'
    >>> print(say("input.integer", {"value": "'x'"}, "fr"))
    pas un entier\u00a0: 'x'
    """
    shown = {k: _shown(k, v, lang) for k, v in (values or {}).items()}
    text = label(key, lang)
    said = text.format_map(_Blank(shown))
    if (values or {}).get("value") is not None and "{value}" not in text:  # the value at fault, after the reason
        said += label("input.colon", lang) + str(shown["value"])
    return said


class _Blank(dict):
    """Values for :meth:`str.format_map`: an optional part that did not match is empty."""

    def __missing__(self, key: str) -> str:
        return ""


class Reason(str):
    """A text the work writes in English, made from the catalogue: the string is its English,
    :attr:`key` and :attr:`values` say it in another language (:func:`say`).

    It is a ``str``, so the command line, logs and every caller that wants the English see no
    difference; an :class:`~einfluence.exceptions.InputError` keeps it as its message.

    Examples
    --------
    >>> r = Reason("input.gml.no_value", key_name="'label'")
    >>> r, say(r.key, r.values, "fr")
    ("key 'label' has no value", "la clé 'label' n'a pas de valeur")
    """

    key: str
    values: dict[str, Any]

    def __new__(cls, key: str, **values: Any) -> Reason:
        made = super().__new__(cls, say(key, values, "en"))
        made.key, made.values = key, values
        return made

    def parts(self) -> tuple[str, dict[str, Any]]:
        """The key and the values, JSON-ready (a value that is a :class:`Reason` as
        ``{"key", "values"}``)."""
        return self.key, {k: ({"key": v.key, "values": v.parts()[1]} if isinstance(v, Reason) else v)
                          for k, v in self.values.items()}

    def __reduce__(self) -> tuple[Any, ...]:  # pickled (a job's error between processes) with its key
        return (_reason, (self.key, self.values))


def _reason(key: str, values: dict[str, Any]) -> Reason:
    return Reason(key, **values)


def _parts(patterns: tuple[tuple[re.Pattern[str], str], ...], text: Any) -> tuple[str, dict[str, Any]] | None:
    value = "" if text is None else str(text)
    for pattern, key in patterns:
        found = pattern.match(value)
        if found:
            return key, {k: (int(v.replace(",", "")) if _numeric(k) else v) for k, v in found.groupdict().items()
                         if v is not None}
    return None


def server_text(text: Any, lang: str = "en") -> str:
    """A target's or a plan's description as the workspace writes it (English), in ``lang``;
    text of another form is shown as it is.

    Examples
    --------
    >>> server_text("community 3 (community run #2)", "fr")
    'communauté 3 (calcul de communautés n° 2)'
    >>> server_text("every blog account (12)", "fr")
    'tous les comptes de type blog (12)'
    >>> server_text("largest audiences first, within the budget", "en")
    'largest audiences first, within the budget'
    """
    value = "" if text is None else str(text)
    found = None if lang == "en" else _parts(SERVER_TEXTS, value)
    if found is None:
        return value
    key, values = found
    if "kind" in values:
        values["kind"] = code_label("account_kind.", values["kind"], lang)
    # the ids of communities, runs and topics are names, not quantities: only counts are grouped
    return label(key, lang).format(**{k: number(v, lang) if k == "n" else str(v) for k, v in values.items()})


def _keyed(text: Any) -> tuple[str, dict[str, Any]] | None:
    """The key and JSON-ready values of a :class:`Reason` (or of its ``{"key", "values"}`` as the
    API gives it); None for any other text."""
    if isinstance(text, Reason):
        return text.parts()
    if isinstance(text, dict) and text.get("key"):
        return str(text["key"]), dict(text.get("values") or {})
    return None


def stage_parts(stage: Any) -> tuple[str, dict[str, Any]] | None:
    """The catalogue key of a stage of long work and its values, when the work wrote it as a
    :class:`Reason`; None otherwise.

    Examples
    --------
    >>> stage_parts(Reason("progress.simulate", n=2000))
    ('progress.simulate', {'n': 2000})
    >>> stage_parts("simulating 2,000 cascades") is None  # plain English is never recognised
    True
    """
    return _keyed(stage)


def stage_text(stage: Any, lang: str = "en") -> str:
    """A stage of long work in ``lang``: a :class:`Reason` said from its key; any other text
    shown as it is.

    Examples
    --------
    >>> stage = Reason("progress.simulate", n=2000)
    >>> stage, stage_text(stage, "fr")
    ('simulating 2,000 cascades', 'simulation de 2\u202f000 cascades')
    """
    found = _keyed(stage)
    return ("" if stage is None else str(stage)) if found is None else say(*found, lang)


def reason_parts(text: Any) -> tuple[str, dict[str, Any]] | None:
    """The catalogue key of an import error's reason and its values, when the importer wrote it
    as a :class:`Reason`; None otherwise.

    Examples
    --------
    >>> reason_parts(Reason("input.integer", value="'x'"))
    ('input.integer', {'value': "'x'"})
    >>> reason_parts("not an integer: 'x'") is None
    True
    """
    return _keyed(text)


def reason_say(key: str, values: dict[str, Any] | None, lang: str = "en") -> str:
    """An import error's reason from its key and values (as :func:`reason_parts` or the API give
    them) in ``lang``: :func:`say`, the ``value`` at fault shown after the reason.

    Examples
    --------
    >>> print(reason_say("input.integer", {"value": "'x'"}, "fr"))
    pas un entier\u00a0: 'x'
    """
    return say(key, values, lang)


def reason_text(text: Any, lang: str = "en") -> str:
    """An import error's reason in ``lang``: a :class:`Reason` said from its key, any other
    reason shown as it is.

    Examples
    --------
    >>> reason_text(Reason("input.missing"), "fr")
    'valeur manquante'
    >>> print(reason_text(Reason("input.time", value="'soon'"), "fr"))
    date non valide (ISO 8601 ou secondes Unix attendues)\u00a0: 'soon'
    """
    found = _keyed(text)
    return ("" if text is None else str(text)) if found is None else say(*found, lang)


def input_error_text(reason: Any, lang: str = "en", *, file: str | None = None, line: int | None = None,
                     field: str | None = None) -> str:
    """An import error as a reader of ``lang`` reads it: where (file, line, field), then why.

    Examples
    --------
    >>> print(input_error_text(Reason("input.missing"), "fr", file="posts.csv", line=3, field="id"))
    Fichier posts.csv, ligne 3, champ id\u00a0: valeur manquante
    >>> input_error_text(Reason("input.missing"), "en", file="posts.csv", field="id")
    'File posts.csv, field id: missing value'
    """
    where = input_error_where(lang, file=file, line=line, field=field)
    why = reason_text(reason, lang)
    return where + label("input.colon", lang) + why if where else why


def input_error_where(lang: str = "en", *, file: str | None = None, line: int | None = None,
                      field: str | None = None) -> str:
    """Where an import error is, as a reader of ``lang`` reads it (``""`` when nothing is known).

    Examples
    --------
    >>> input_error_where("fr", file="a.csv", line=12)
    'Fichier a.csv, ligne 12'
    """
    return ", ".join(label(key, lang).format(**{name: value}) for key, name, value in (
        ("input.file", "file", file), ("input.line", "line", line), ("input.field", "field", field))
        if value not in (None, ""))


