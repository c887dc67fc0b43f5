"""The catalogue's words for the texts the work writes in English: every stage of its progress
and the common reasons of an importer's errors (written with their key, einfluence.i18n.Reason),
the descriptions of targets and plans (recognised by their patterns)."""

from __future__ import annotations

import ast
import functools
import json
import re
import string
from pathlib import Path

import pytest

import einfluence
from einfluence.exceptions import InputError
from einfluence.i18n import (
    MESSAGES,
    Reason,
    input_error_text,
    reason_parts,
    reason_text,
    say,
    server_text,
    stage_parts,
    stage_text,
)

PACKAGE = Path(einfluence.__file__).parent

#: English words no French stage may keep (names and values left out first)
ENGLISH = re.compile(r"\b(reading|writing|checking|storing|loading|scoring|finding|choosing|simulating|building|"
                     r"the|of|on|in|each|every|fold|fitting|before|after|among|accounts|posts|texts|"
                     r"nothing|done|converted|tipping|everyone|brands|windows)\b")

#: the values a stage's text may hold: a count, a name, a model
SAMPLE = {"n": 2000, "format": "PDF", "file": "edges.txt", "name": "twitter15", "model": "voter", "c": 3, "k": 12}


def _is_reason(node: ast.AST, annotated: set[str]) -> list[ast.Call] | None:
    """The ``Reason(...)`` calls an argument is made of (a call, or either branch of a
    conditional), or ``[]`` for a parameter annotated ``Reason``; None for anything else."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Reason":
        return [node]
    if isinstance(node, ast.IfExp):
        a, b = _is_reason(node.body, annotated), _is_reason(node.orelse, annotated)
        return None if a is None or b is None else a + b
    if isinstance(node, ast.Name) and node.id in annotated:
        return []
    return None


@functools.cache
def _stages() -> list[tuple[str, ast.AST, list[ast.Call] | None]]:
    """Every stage the source gives its progress: ``progress.start(STAGE, ...)``, the importers'
    ``reader_files(..., STAGE)`` and ``read_bytes_with_progress(..., STAGE)``, and the analyses'
    ``say(STAGE)`` (what the workspace passes on as a stage); with the ``Reason`` calls it is
    made of (None when it is not one).

    Run at collection by every test worker: only the modules whose text names one of these
    calls are parsed (each call below needs its name, or a name holding "progress", written out).
    """
    found = []
    for module in sorted(PACKAGE.rglob("*.py")):
        where = str(module.relative_to(PACKAGE))
        text = module.read_text(encoding="utf-8")
        if not any(name in text for name in ("progress", "reader_files", "read_bytes_with_progress", "say")):
            continue
        tree = ast.parse(text)
        annotated = {a.arg for f in ast.walk(tree) if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef)
                     for a in f.args.args + f.args.kwonlyargs
                     if a.annotation is not None and ast.unparse(a.annotation) == "Reason"}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func, stage = node.func, None
            if isinstance(func, ast.Attribute) and func.attr == "start" and isinstance(func.value, ast.Name) \
                    and "progress" in func.value.id and node.args:
                stage = node.args[0]
            elif isinstance(func, ast.Name) and func.id in ("reader_files", "read_bytes_with_progress") \
                    and len(node.args) >= 3:
                stage = node.args[2]
            elif isinstance(func, ast.Name) and func.id == "say" and node.args and where.startswith("scoring"):
                stage = node.args[0]
            if stage is not None:
                found.append((f"{where}:{node.lineno}", stage, _is_reason(stage, annotated)))
    return found


def test_the_scan_finds_the_stages():
    keys = {call.args[0].value for _, _, calls in _stages() for call in calls or []
            if isinstance(call.args[0], ast.Constant)}
    assert {"progress.influence_graph", "progress.simulate", "progress.read_file", "progress.checksum",
            "progress.tipping_community", "progress.opinion_converted", "progress.fold_fit"} <= keys
    assert len(keys) > 50


@pytest.mark.parametrize(("where", "stage", "calls"), _stages(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_stage_is_written_with_its_key(where, stage, calls):
    """A stage is an einfluence.i18n.Reason made where the work reports it, with a key of the
    catalogue and the values its words name, in both languages: a stage written as plain
    English (a new one, say) fails here, since nothing translates English any more."""
    assert calls is not None, f"{where}: the stage {ast.unparse(stage)} is not a Reason(key, ...)"
    for call in calls:
        assert isinstance(call.args[0], ast.Constant), f"{where}: the key must be written out"
        key = call.args[0].value
        assert key.startswith("progress.") and key in MESSAGES, (where, key)
        given = {k.arg for k in call.keywords}
        for lang in ("en", "fr"):
            assert _names(MESSAGES[key][lang]) == given, (where, key, lang)
        french = say(key, {k: SAMPLE.get(k, 5) for k in given}, "fr")
        words = french
        for value in SAMPLE.values():
            words = words.replace(str(value), " ")
        assert not ENGLISH.search(words), (where, french)


def _names(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize(("stage", "english"), [
    # what the command line printed when the stages were written as English f-strings
    (Reason("progress.simulate_each", n=2000, n_accounts=12), "simulating 2,000 cascades from each of 12 accounts"),
    (Reason("progress.tipping_community", c=3, n=1234, model="voter"),
     "tipping point of community 3 (1,234 accounts, voter)"),
    (Reason("progress.tipping_everyone", n=1234, model="voter"), "tipping point of everyone (1,234 accounts, voter)"),
    (Reason("progress.opinion_nothing", model="fj"), "fj: nothing done"),
    (Reason("progress.choose_advocates", k=1500), "choosing 1500 advocates (lazy greedy, Friedkin-Johnsen)"),
    (Reason("progress.find_brands", n_brands=3, n=4_161_266), "finding 3 brands in 4,161,266 posts"),
    (Reason("progress.fold_inputs", n_fold=2, n_of=4), "fold 2 of 4: inputs before the cut"),
    (Reason("progress.write_format", format="PDF"), "writing the PDF file"),
    (Reason("progress.read_trees", name="twitter15"), "reading twitter15 trees"),
    (Reason("input.utf8_byte", byte=1234), "not valid UTF-8 text (byte 1234 of the line)"),
    (Reason("input.compressed_after", line=1234, detail=" (boom)"),
     "corrupt or truncated compressed data after line 1234 (boom)"),
    (Reason("input.length", count=1234, expected=5), "column has 1234 values, expected 5"),
    (Reason("input.record_size", n=70_000_000, n_max=67_108_864),
     "record of 70,000,000 bytes: longer than the 67,108,864 bytes a record may hold"),
    (Reason("input.kind", expected="a, b", value="'x'"), "unknown kind (expected one of a, b): 'x'"),
])
def test_the_english_is_what_the_command_line_printed(stage, english):
    assert stage == english


def test_a_stage_says_its_numbers_as_a_reader_does():
    stage = Reason("progress.simulate_each", n=2000, n_accounts=12)
    assert stage_parts(stage) == ("progress.simulate_each", {"n": 2000, "n_accounts": 12})
    assert stage_text(stage, "fr") == "simulation de 2\u202f000 cascades depuis chacun des 12 comptes"
    assert stage_text(Reason("progress.read_file", file="higgs-2012.txt"), "fr") == "lecture de higgs-2012.txt"
    # English is never recognised: a text without its key is shown as it is
    assert stage_parts("simulating 2,000 cascades") is None
    assert stage_text("simulating 2,000 cascades", "fr") == "simulating 2,000 cascades"


def test_a_running_job_gives_its_stage_key_to_the_page(tmp_path):
    """What the API gives a page's script of a live job, and what a page says of it."""
    from einfluence.server.common import job_out
    from einfluence.server.jobs import Job, JobProgress
    from einfluence.web.render import job_stage

    job = Job(kind="import", params={}, work=lambda ws, progress: None, job_id=1, workspace="w")
    JobProgress(job).start(Reason("progress.simulate", n=2000), None)
    out = json.loads(json.dumps(job_out(job, "w")))
    assert (out["stage"], out["stage_key"], out["stage_values"]) == ("simulating 2,000 cascades", "progress.simulate",
                                                                    {"n": 2000})
    assert str(job_stage(out, "fr")) == "simulation de 2\u202f000 cascades"
    stored = {**out, "stage_key": None, "stage_values": None}  # a job stored by an earlier server
    assert str(job_stage(stored, "fr")) == '<span lang="en">simulating 2,000 cascades</span>'


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
    """The importers' own errors, as they are raised: the reason carries its key, the French
    names the file, the line and the field, and the English stays the error's message."""
    error = _input_error(fmt, tmp_path, name, text)
    assert isinstance(error.message, Reason) and reason_parts(error.message) is not None, error.message
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
    from einfluence.i18n import SERVER_TEXTS

    for _, key in SERVER_TEXTS:
        assert MESSAGES[key].get("en") and MESSAGES[key].get("fr"), key
