"""The catalogue's words for the texts the work writes in English: every stage of its progress,
the common reasons of an importer's errors, the descriptions of targets and plans."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import einfluence
from einfluence.exceptions import InputError
from einfluence.i18n import (
    MESSAGES,
    input_error_text,
    label,
    reason_parts,
    reason_text,
    server_text,
    stage_parts,
    stage_text,
)

PACKAGE = Path(einfluence.__file__).parent

#: a value for the formatted parts of a stage's f-string that a number does not stand for
SAMPLES = {
    "name": "converted",  # opinion: "{model}: nothing done" / "{model}: converted"
    "model": "voter",
    "k": "12",
    "'community ' + str(c) if c is not None else 'everyone'": "community 3",
    "body.format.upper()": "PDF",
}


def _sample(node: ast.AST) -> str | None:
    """A text the expression can give: literal parts as they are, formatted values as a
    number (``1,234`` with a ``,`` format) or a name."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        out = ""
        for part in node.values:
            if isinstance(part, ast.Constant):
                out += part.value
            else:
                code = ast.unparse(part.value)
                spec = ast.unparse(part.format_spec) if part.format_spec else ""
                out += SAMPLES.get(code, "1,234" if "," in spec else ("12" if "(" in code or "+" in code
                                                                      else "edges.txt"))
        return out
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _sample(node.left), _sample(node.right)
        return None if left is None or right is None else left + right
    return None


def _stages() -> list[tuple[str, str]]:
    """Every stage text the source gives its progress: ``progress.start(TEXT, ...)``, the
    importers' ``reader_files(..., TEXT)`` and ``read_bytes_with_progress(..., TEXT)``, and the
    analyses' ``say(TEXT)`` (what the workspace passes on as a stage)."""
    found = []
    for module in sorted(PACKAGE.rglob("*.py")):
        where = str(module.relative_to(PACKAGE))
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func, text = node.func, None
            if isinstance(func, ast.Attribute) and func.attr == "start" and isinstance(func.value, ast.Name) \
                    and "progress" in func.value.id and node.args:
                text = node.args[0]
            elif isinstance(func, ast.Name) and func.id in ("reader_files", "read_bytes_with_progress") \
                    and len(node.args) >= 3:
                text = node.args[2]
            elif isinstance(func, ast.Name) and func.id == "say" and node.args and where.startswith("scoring"):
                text = node.args[0]
            sample = None if text is None else _sample(text)
            if sample is not None:
                found.append((f"{where}:{node.lineno}", sample))
    return found


def test_the_scan_finds_the_stages():
    texts = {text for _, text in _stages()}
    assert {"building the influence graph", "simulating 1,234 cascades", "reading edges.txt", "checksum",
            "tipping point of community 3 (1,234 accounts, voter)", "voter: converted"} <= texts
    assert len(texts) > 50


@pytest.mark.parametrize(("where", "text"), _stages())
def test_every_stage_has_its_words_in_french(where, text):
    found = stage_parts(text)
    assert found is not None, f"{where}: no pattern of einfluence.i18n.STAGES matches {text!r}"
    key, values = found
    assert key in MESSAGES and MESSAGES[key].get("fr"), key
    # the English of the catalogue is the text itself (the command line prints the text)
    assert stage_text(text, "en") == text
    assert label(key, "en").format(**{k: f"{v:,}" if isinstance(v, int) else v for k, v in values.items()}) == text
    french = stage_text(text, "fr")
    assert french != text and "{" not in french, (text, french)


def test_a_stage_says_its_numbers_as_a_reader_does():
    assert stage_parts("simulating 2,000 cascades from each of 12 accounts") == (
        "progress.simulate_each", {"n": 2000, "n_accounts": 12})
    assert stage_text("simulating 2,000 cascades from each of 12 accounts", "fr") == \
        "simulation de 2\u202f000 cascades depuis chacun des 12 comptes"
    assert stage_text("reading higgs-2012.txt", "fr") == "lecture de higgs-2012.txt"  # a name stays a name
    assert stage_text("a stage nobody knows", "fr") == "a stage nobody knows"


def _input_error(fmt: str, tmp_path: Path, name: str, text: str) -> InputError:
    from einfluence import Workspace

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with Workspace(":memory:") as ws, pytest.raises(InputError) as caught:
        ws.import_files(fmt, [path])
    return caught.value


HEAD = "network,src,dst,kind,time\n"


@pytest.mark.parametrize(("fmt", "name", "text", "fr"), [
    ("generic", "interactions.csv", HEAD + "x,a,b,relay,2026-09-10T10:00:00\nx,c,d,relay,not a date\n",
     "Fichier interactions.csv, ligne 3, champ time\u00a0: date non valide (ISO 8601 ou secondes Unix attendues)\u00a0: "
     "'not a date'"),
    ("generic", "interactions.csv", HEAD + "x,a,b,relay,\nx,c,,relay,\n",
     "Fichier interactions.csv, ligne 3, champ dst\u00a0: valeur manquante"),
    ("generic", "interactions.csv", HEAD + "x,a,b,shout,\n",
     "Fichier interactions.csv, ligne 2, champ kind\u00a0: type inconnu (valeurs possibles\u00a0: "),
    ("generic", "interactions.csv", "network,src,dst,kind,colour\nx,a,b,relay,red\n",
     "Fichier interactions.csv, ligne 1, champ colour\u00a0: colonne inconnue (colonnes de la table interactions\u00a0: "),
    ("generic", "interactions.csv", "network,src,kind\nx,a,relay\n",
     "Fichier interactions.csv, champ dst\u00a0: colonne obligatoire absente de la table interactions"),
    ("generic", "edges.csv", HEAD, "Fichier edges.csv\u00a0: impossible de savoir quelle table contient le fichier"),
    ("generic", "interactions.csv", "", "Fichier interactions.csv, ligne 1\u00a0: fichier vide"),
    ("edgelist", "edges.txt", "1 2 0.5\n3 4 x\n", "Fichier edges.txt, ligne 2, champ weight\u00a0: pas un nombre\u00a0: 'x'"),
    ("edgelist", "edges.txt", "1 2\n3\n", "Fichier edges.txt, ligne 2, champ dst\u00a0: 2 ou 3 champs séparés par des espaces attendus (src dst weight), 1 trouvé(s) (si la première ligne est un en-tête"),
])
def test_common_import_errors_say_where_and_why_in_french(tmp_path, fmt, name, text, fr):
    """The importers' own errors, as they are raised: the reason is one of the common ones, the
    French names the file, the line and the field, and the English stays the error's message."""
    error = _input_error(fmt, tmp_path, name, text)
    assert reason_parts(error.message) is not None, error.message
    assert reason_text(error.message, "en") == error.message
    shown = input_error_text(error.message, "fr", file=Path(error.path).name, line=error.line, field=error.field)
    assert shown.startswith(fr), shown
    english = input_error_text(error.message, "en", file=Path(error.path).name, line=error.line, field=error.field)
    assert english.endswith(": " + error.message)
    assert "\u00a0:" in shown and " :" not in shown  # French typography: a no-break space before a colon


def test_plans_and_targets_in_french():
    assert server_text("einfluence plan: 29 influencers chosen by budgeted IMM", "fr") == \
        "plan einfluence\u00a0: 29 influenceurs choisis par IMM sous budget"
    assert server_text("shortlist 'a (b)' (1200 accounts)", "fr") == "sélection « a (b) » (1\u202f200 comptes)"
    assert server_text("community 1234", "fr") == "communauté 1234"  # an id, not a quantity
    assert server_text("text matching topic 5: bike · lane", "fr") == "texte proche du thème 5\u00a0: bike · lane"


def test_every_pattern_has_its_words():
    from einfluence.i18n import REASONS, SERVER_TEXTS, STAGES

    for _, key in (*STAGES, *REASONS, *SERVER_TEXTS):
        assert MESSAGES[key].get("en") and MESSAGES[key].get("fr"), key
