"""Vendored lexicons: byte-for-byte copies with their licences, read as package data, no GPL."""

from __future__ import annotations

import hashlib
import importlib.metadata
import re
import subprocess
import sys
from importlib import resources

import pytest

from einfluence.perception._lexicons import (
    VADER_EMOJI,
    VADER_FR_LEXICON,
    VADER_LEXICON,
    get_lexicon,
)

#: sha256 of the files as shipped in the vaderSentiment 3.3.2 and vadersentiment-fr 1.3.4
#: wheels (their RECORD files hold the same hashes in urlsafe base64)
VENDORED = {
    VADER_LEXICON: (434304, "1ec9c6e9ee19aade328f8beb393a6afa71a5bb3acf7d3cc22d4ef568df374bf5"),
    VADER_EMOJI: (121986, "b8d54223ae1ce22a3e12c1f745316b71678c328eb5f5d3063a842f37cfbe2823"),
    VADER_FR_LEXICON: (142132, "80f965ff0f6816310912195c1ce949f925af6ab45dcd4941e123c36049a2aed2"),
}


def _lexicons():
    return resources.files("einfluence.perception").joinpath("lexicons")


@pytest.mark.parametrize("where", list(VENDORED))
def test_vendored_files_are_byte_for_byte_with_their_licence(where):
    folder, name = where
    data = _lexicons().joinpath(folder).joinpath(name).read_bytes()
    size, digest = VENDORED[where]
    assert len(data) == size
    assert hashlib.sha256(data).hexdigest() == digest
    licence = _lexicons().joinpath(folder).joinpath("LICENSE.txt").read_text(encoding="utf-8")
    assert "MIT License" in licence and "Permission is hereby granted, free of charge" in licence


def test_notice_names_origin_version_and_licence():
    notice = _lexicons().joinpath("README.md").read_text(encoding="utf-8")
    for needle in ("vaderSentiment", "3.3.2", "vadersentiment-fr", "1.3.4", "MIT", *(d for _, d in VENDORED.values())):
        assert needle in notice


def test_lexicons_load():
    en, fr = get_lexicon("en"), get_lexicon("fr")
    assert en.valence["good"] == 1.9 and len(en.valence) > 7000
    assert fr.valence["genial"] == 2.6 and len(fr.valence) > 5000  # an einfluence override
    assert en.emoji["😁"] > 0 and en.emoji == fr.emoji


def test_no_lexicon_package_is_required_nor_imported():
    requires = importlib.metadata.requires("einfluence") or []
    runtime = [r for r in requires if "extra ==" not in r]
    names = {re.split(r"[\s<>=!~;\[]", r, maxsplit=1)[0].lower().replace("_", "-") for r in runtime}
    assert not names & {"vadersentiment", "vadersentiment-fr", "fuzzywuzzy", "unidecode"}
    code = (
        "import sys; from einfluence.perception import LexiconSentiment; "
        "LexiconSentiment('fr').score(['génial']); LexiconSentiment('en').score(['good']); "
        "print(sorted(m for m in sys.modules if m.split('.')[0].lower() in "
        "{'vadersentiment', 'vadersentiment_fr', 'fuzzywuzzy', 'unidecode'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
