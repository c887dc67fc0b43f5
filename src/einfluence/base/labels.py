"""How an account is named to a person: its label, and the reference a command takes back.

Every interface (the command line, the dashboard, the reports, the figures) names an account
with :func:`account_label`, so that one account reads the same everywhere. The dashboard's
community map applies the same rule in JavaScript (``accountLabel`` in ``web/static/map.js``),
on the ``handle``, ``name`` and ``account`` arrays of the map's data.

A label is text of the data: each output escapes it as it escapes any such text (the command
line's safe console and CSV formula guard, HTML autoescaping, ``textContent``). A
bidirectional override in it (U+202E) would also reverse the text that follows it on the line
(the network, the score): the dashboard isolates each label (``<bdi>``); where a label cannot be
isolated (plotly's SVG text, a report's cell listing several accounts),
:func:`bidi_visible` shows those controls as escapes, as the command line does.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

__all__ = ["account_label", "account_reference", "bidi_visible"]

#: the explicit bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069)
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _text(value: Any) -> str:
    """``value`` as one line of text, "" when missing: runs of white space (new lines, tabs)
    become one space, so that a name cannot break the row of a table or a tooltip."""
    return "" if value is None else " ".join(str(value).split())


def account_label(row: Mapping[str, Any]) -> str:
    """The label of an account: ``@handle`` when it has a handle, else its name when it has one,
    else its source id.

    ``row`` is any mapping with the keys the store's listings give an account: ``handle``,
    ``name`` and ``account`` (the source id); a missing key counts as no value (a result stored
    before names were listed shows ``@handle`` or the id, as it did).

    Why this order: a handle is what people know an account by and what they type to find it
    again (``einfluence explain @ann``); a source id (``16895`` on the Facebook page-page network)
    means nothing to a reader, whereas the page's name (``U.S. Army``) does. But names are not
    unique (2,283 of the 22,470 Facebook pages share their name with another page), and they are
    not what a command takes to find an account (:func:`account_reference`). So a label is for
    reading only: tables that people act on still carry the source id (the CSV and JSON outputs
    keep ``account`` and add ``name``; the dashboard links to the profile by id).

    The label is text of the data, untrusted: each output escapes it as it escapes a handle (the
    command line's safe console and CSV formula guard, HTML autoescaping, ``textContent``).

    Examples
    --------
    >>> account_label({"account": "16895", "handle": None, "name": "U.S. Army"})
    'U.S. Army'
    >>> account_label({"account": "42", "handle": "@ann", "name": "Ann"})
    '@ann'
    >>> account_label({"account": 16895, "name": "  "})
    '16895'
    """
    handle = _text(row.get("handle")).lstrip("@")
    if handle:
        return "@" + handle
    return _text(row.get("name")) or str(row.get("account"))


def account_reference(row: Mapping[str, Any]) -> str:
    """How a command or a form takes the account back: ``@handle`` when it has one, else its
    source id; never its name (a name is not unique, and is not looked up).

    Examples
    --------
    >>> account_reference({"account": "16895", "handle": None, "name": "U.S. Army"})
    '16895'
    >>> account_reference({"account": "42", "handle": "ann"})
    '@ann'
    """
    handle = row.get("handle")
    return f"@{str(handle).lstrip('@')}" if handle else str(row.get("account"))


def bidi_visible(text: str) -> str:
    r"""``text`` with its bidirectional embeddings, overrides and isolates shown as escapes
    (``\u202e``): one left open reorders the rest of its line, and an isolate cannot contain it
    when the text itself may close the isolate. Right-to-left letters are left alone.

    Examples
    --------
    >>> bidi_visible("evil\u202egnp.exe"), bidi_visible("שלום")
    ('evil\\u202egnp.exe', 'שלום')
    """
    return _BIDI.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)
