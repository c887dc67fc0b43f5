"""How an account is named: ``@handle``, else its name, else its source id (einfluence.base.labels)."""

from __future__ import annotations

import pytest

from einfluence.base.labels import account_label, account_reference


@pytest.mark.parametrize(("row", "label"), [
    ({"account": "42", "handle": "ann", "name": "Ann Lee"}, "@ann"),            # the handle first
    ({"account": "42", "handle": "@ann", "name": "Ann Lee"}, "@ann"),           # stored with its @: one @
    ({"account": "16895", "handle": None, "name": "U.S. Army"}, "U.S. Army"),   # else the name
    ({"account": "16895", "handle": "", "name": "U.S. Army"}, "U.S. Army"),
    ({"account": "16895", "handle": None, "name": None}, "16895"),              # else the source id
    ({"account": "16895", "name": "  \t "}, "16895"),                           # a blank name is none
    ({"account": "16895", "handle": "@"}, "16895"),                             # and so is a bare @
    ({"account": 16895}, "16895"),                                              # an id as JSON gives it
    ({"account": "7", "name": "Two\nlines\r\n\tand  tabs"}, "Two lines and tabs"),  # one line
])
def test_the_rule(row, label):
    assert account_label(row) == label


def test_rows_without_a_name_key_show_the_handle_or_id_as_before():
    """Results stored before names were listed (plans, opinion answers) have no ``name``."""
    assert account_label({"account": "9", "handle": "bob"}) == "@bob"
    assert account_label({"account": "9", "handle": None}) == "9"


def test_hostile_text_is_kept_for_each_output_to_escape():
    """The label neither escapes nor drops markup, escape sequences or bidirectional marks: each
    output escapes them its own way (the CLI's safe console, HTML autoescaping, textContent)."""
    name = '<img src=x onerror=alert(1)>[link=http://evil.example]x[/link]\x1b[2J\u202eevil'
    assert account_label({"account": "1", "name": name}) == name


def test_a_reference_is_never_the_name():
    """What a form or command takes back: a name is not unique and is not looked up."""
    assert account_reference({"account": "16895", "handle": None, "name": "U.S. Army"}) == "16895"
    assert account_reference({"account": "42", "handle": "@ann", "name": "Ann"}) == "@ann"
    assert account_reference({"account": 42, "handle": "ann"}) == "@ann"
