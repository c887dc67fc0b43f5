"""The words einfluence shows people, in English and French.

One catalogue for every interface that speaks to a reader (figures, reports, the dashboard):
:func:`label` gives a key's text in a language, falling back to English and then to the key
itself, so that a missing translation never breaks a page.

The texts the work itself writes in English keep their English for the command line; an
interface says them in its reader's language:

* the stages of long work, the reasons of an importer's errors and the funnel's evidence are
  :class:`Reason` strings, made from the catalogue where they are written and carrying their key
  and values (:func:`say`, :func:`stage_text`, :func:`reason_text`; :func:`stage_parts` and
  :func:`reason_parts` give the key and values to a page's script); a text that is not a
  :class:`Reason` is never recognised from its English;
* the descriptions of targets and plans are still recognised by their patterns
  (:data:`SERVER_TEXTS`, :func:`server_text`).

The rooms: :mod:`~einfluence.i18n.catalogue` (the words, gathered from ``words_*``),
:mod:`~einfluence.i18n.lookup` (a key's text, numbers), :mod:`~einfluence.i18n.patterns` (the
descriptions recognised) and :mod:`~einfluence.i18n.texts` (saying them in another language).
"""

from __future__ import annotations

from einfluence.i18n.catalogue import LANGUAGES, MESSAGES
from einfluence.i18n.lookup import (
    check_lang,
    code_label,
    colon,
    counted,
    label,
    number,
    percent,
    signed,
)
from einfluence.i18n.patterns import SERVER_TEXTS
from einfluence.i18n.texts import (
    Reason,
    input_error_text,
    input_error_where,
    reason_parts,
    reason_say,
    reason_text,
    say,
    server_text,
    stage_parts,
    stage_text,
)

__all__ = [
    "LANGUAGES",
    "MESSAGES",
    "SERVER_TEXTS",
    "Reason",
    "check_lang",
    "code_label",
    "colon",
    "counted",
    "input_error_text",
    "input_error_where",
    "label",
    "number",
    "percent",
    "reason_parts",
    "reason_say",
    "reason_text",
    "say",
    "server_text",
    "signed",
    "stage_parts",
    "stage_text",
]
