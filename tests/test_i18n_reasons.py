"""Texts said with their key (:class:`einfluence.i18n.Reason`): the import errors of one format
(Twitter, Mastodon, feeds, GML, GraphML, MUSAE) and the advocacy funnel's evidence keep their English for the
command line and are said in French from their key and values, never from the English."""

from __future__ import annotations

import json
import pickle
import re
import string
from pathlib import Path

import pytest

from einfluence.exceptions import InputError
from einfluence.i18n import (
    MESSAGES,
    Reason,
    input_error_where,
    label,
    reason_parts,
    reason_say,
    say,
    words_evidence,
    words_imports,
)

#: English words that no French reason may keep (the values from the file are left out first)
ENGLISH = re.compile(r"\b(expected|found|not|no|has|of|the|an|with|towards|over|longer|spontaneous|"
                     r"prompted|record|status|reblog|unexpected|key|value|list|file|edge|node|feed|entry|"
                     r"neither|nor|empty|object|unknown|positive|negative|line|truncated)\b")


def _names(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted({**words_imports.WORDS, **words_evidence.WORDS}))
def test_every_reason_says_the_same_values_in_both_languages(key):
    texts = MESSAGES[key]
    assert texts["en"] and texts["fr"], key
    assert texts["fr"] != texts["en"] or key == "input.json.tweet", key
    assert _names(texts["en"]) == _names(texts["fr"]), key


def test_no_french_text_has_a_plain_space_or_none_before_a_colon():
    """French typography: a no-break space before « : », « ; », « ? » and « ! » in every text."""
    wrong = {key: t["fr"] for key, t in MESSAGES.items()
             if re.search(r"(?<![\u00a0\u202f])[:;?!](?=\s|$)", t.get("fr", ""))}
    assert not wrong, wrong


def _error(fmt: str, tmp_path: Path, name: str, content: str) -> InputError:
    from einfluence import Workspace

    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with Workspace(":memory:") as ws, pytest.raises(InputError) as caught:
        ws.import_files(fmt, [path])
    return caught.value


RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>b</title><link>https://b.example/</link>{}</channel></rss>'


@pytest.mark.parametrize(("fmt", "name", "content", "english", "french"), [
    ("twitter-v2", "tweets.jsonl", '{"id": "1", "text": "hi", "author_id": "7", "created_at": 5}\n',
     "tweet: expected an ISO 8601 string, found 5", "tweet\u00a0: chaîne ISO 8601 attendue, 5 trouvé"),
    ("twitter-v2", "tweets.json", '{"data": [3]}',
     "expected a tweet object, found int", "objet tweet attendu, int trouvé"),
    ("twitter-v2", "tweets.jsonl", '{"id": "1", "text": "hi", "author_id": 7.5, "created_at": "2022-05-05T13:07:51Z"}\n',
     "tweet: expected str or int, found float 7.5", "tweet\u00a0: str ou int attendu, float 7.5 trouvé"),
    ("mastodon", "statuses.json", "[4]",
     "status record 1: expected a Status object, found int", "enregistrement 1 de status\u00a0: objet Status attendu, int trouvé"),
    ("feeds", "blog.xml", "<html><body>nothing</body></html>",
     "not an RSS or Atom feed", "pas un flux RSS ou Atom"),
    ("feeds", "blog.xml", RSS.format("<item><title>x</title><description>y</description></item>"),
     "entry has neither id/guid nor link", "l'entrée n'a ni id/guid ni link"),
    ("gml", "graph.gml", 'graph [ node [ id 1 label "a ] ]',
     "unterminated string (no closing quote)", "chaîne non terminée (guillemet fermant manquant)"),
    ("gml", "graph.gml", "graph [ node [ id 1 ] edge [ source 1 target 2 ] ]",
     "edge refers to unknown node 2", "l'arête désigne un nœud inconnu 2"),
    ("graphml", "graph.graphml", '<graphml><graph><node id="a"/><edge source="a" target="b"/></graph></graphml>',
     "edge refers to undeclared node 'b'", "l'arête désigne un nœud non déclaré 'b'"),
    ("musae", "g_edges.csv", "0,1\n1,2\n",
     "no header line: the first line holds node ids ('0,1'), not the names of the 2 columns (such as id_1,id_2)",
     "pas de ligne d'en-tête\u00a0: la première ligne contient des identifiants de nœuds ('0,1'), "
     "pas les noms des 2 colonnes (comme id_1,id_2)"),
])
def test_format_import_errors_are_said_from_their_key(tmp_path, fmt, name, content, english, french):
    """The English is what the command line printed before (unchanged), the French is said from
    the key and values the importer wrote, as the API gives them (JSON), with no English left."""
    from einfluence.server.problems import _input_parts

    error = _error(fmt, tmp_path, name, content)
    assert isinstance(error.message, Reason), error.message
    assert error.message.endswith(english), error.message
    parts = json.loads(json.dumps(_input_parts(error)))  # as a page's script receives them
    assert [parts["reason_key"], parts["reason_values"]] == json.loads(json.dumps(reason_parts(error.message)))
    said = reason_say(parts["reason_key"], parts["reason_values"], "fr")
    assert said.endswith(french), said
    assert reason_say(parts["reason_key"], parts["reason_values"], "en") == error.message
    words = said
    for value in _flat(parts["reason_values"]):  # the file's values and names stay as they are
        words = words.replace(str(value), " ")
    assert not ENGLISH.search(words), said
    # a job's error crosses processes pickled: the key goes with it
    again = pickle.loads(pickle.dumps(error.message))
    assert isinstance(again, Reason) and again.parts() == error.message.parts()


def _flat(values: dict) -> list:
    out = []
    for v in values.values():
        out.extend(_flat(v.get("values") or {}) if isinstance(v, dict) else [v])
    return out


def test_a_failed_import_is_shown_in_french_on_the_page():
    from einfluence.web.render import problem_text

    reason = Reason("input.json.at", what=Reason("input.json.record", name="status", index=2),
                    reason=Reason("input.mastodon.status", type="int"))
    key, values = reason.parts()
    problem = {"detail": "x", "file": "s.json", "line": 2, "reason": str(reason), "reason_key": key,
               "reason_values": values}
    shown = str(problem_text(problem, "fr"))
    assert shown == (input_error_where("fr", file="s.json", line=2) + label("input.colon", "fr")
                     + "enregistrement 2 de status\u00a0: objet Status attendu, int trouvé")
    assert str(problem_text({**problem, "reason_key": None}, "fr")).startswith("Fichier s.json")  # by its pattern, else English


def _funnel():
    from einfluence.advocacy import Actions, advocacy_funnel
    from einfluence.base.timeunits import HOUR

    h = HOUR
    t = [0, 100 * h, 200 * h, 0, 100 * h, 200 * h, 300 * h, 400 * h, 500 * h]
    return advocacy_funnel(
        mention_post=range(9), mention_brand=[0] * 9, post_author=[1, 1, 1, 2, 2, 2, 3, 3, 3],
        post_time=t, post_kind=[0] * 9, post_root_author=[-1] * 9,
        sentiment=[0.8, 0.6, 0.7, 0.8, 0.6, 0.7, -0.8, -0.7, -0.9], brand_accounts=[[0]], n_accounts=4,
        actions=Actions(account=[2], brand=[0], time=[99 * h]))


def test_the_funnel_evidence_is_said_in_french():
    events = _funnel().events()
    assert {e["stage"] for e in events} >= {"aware", "advocate", "detractor"}
    advocate = next(e for e in events if e["stage"] == "advocate")
    assert advocate["reason"] == "3 positive spontaneous original mentions (posts 0, 1, 2), mean sentiment +0.70 over 3"
    for event in events:
        reason = event["reason"]
        assert isinstance(reason, Reason) and say(reason.key, reason.values, "en") == reason
        french = say(*reason.parts(), "fr")
        assert not ENGLISH.search(french), (reason, french)
    assert say(*advocate["reason"].parts(), "fr") == \
        "3 mentions originales spontanées positives (messages 0, 1, 2), sentiment moyen +0,70 sur 3"


def test_the_workspace_gives_the_evidence_with_its_key(tmp_path):
    """What the API and the pages read: each event's English, key and JSON-ready values."""
    from einfluence.workspace.advocacy import _event

    event = next(e for e in _funnel().events() if e["stage"] == "detractor")
    out = json.loads(json.dumps(_event(event)))
    assert out["reason_key"] == "funnel.evidence.detractor" and out["reason"].startswith("3 negative")
    assert say(out["reason_key"], out["reason_values"], "fr").startswith("3 mentions originales spontanées négatives")


#: the import errors whose reason is still written as plain English (shown in English, marked
#: ``lang="en"``, on a French page), per module: a new one fails the test below, and a module
#: whose count falls (a reason given its key) updates its count here
NOT_KEYED_YET = {"io/_delimited.py": 1, "io/_json.py": 4, "io/_reading.py": 1, "io/edgelist.py": 1,
                 "io/generic.py": 1, "io/higgs.py": 2, "io/imm.py": 5, "io/posts_table.py": 3, "spark/io.py": 3}


def test_a_new_import_reason_is_written_with_its_key():
    """An importer's error about a file (``InputError(..., path=...)``) gives its reason as an
    einfluence.i18n.Reason: nothing recognises English any more, so a reason written as a
    string literal would stay English on a French page."""
    import ast

    import einfluence

    package = Path(einfluence.__file__).parent
    modules = [*sorted((package / "io").rglob("*.py")), package / "store" / "imports.py", package / "spark" / "io.py"]
    plain: dict[str, list[str]] = {}
    for module in modules:
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "InputError" \
                    and node.args and any(k.arg == "path" for k in node.keywords) \
                    and isinstance(node.args[0], ast.Constant | ast.JoinedStr | ast.BinOp):
                plain.setdefault(str(module.relative_to(package)), []).append(f"{node.lineno}: {ast.unparse(node.args[0])}")
    assert {m: len(found) for m, found in plain.items()} == NOT_KEYED_YET, plain
