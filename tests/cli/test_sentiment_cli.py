"""einfluence sentiment and sentiment train end to end."""

from __future__ import annotations

import csv
import io

import duckdb
from typer.testing import CliRunner

from einfluence.cli import app

runner = CliRunner()

TRAIN = [
    ("I love it, wonderful service", "positive"), ("great, thanks a lot", "2"), ("amazing crew, love", "positive"),
    ("awful, I hate this", "negative"), ("terrible delay, worst", "0"), ("hate it, bad bad", "negative"),
    ("the flight leaves at noon", "neutral"), ("gate 12 today", "1"), ("boarding at nine", "neutral"),
] * 4


def _files(tmp_path, rows):
    texts, labels = tmp_path / "texts.txt", tmp_path / "labels.txt"
    texts.write_text("".join(t + "\n" for t, _ in rows))
    labels.write_text("".join(lab + "\n" for _, lab in rows))
    return texts, labels


def test_lexicon_gives_one_row_per_line_in_order(tmp_path):
    data = tmp_path / "in.txt"
    data.write_text("J'adore ce vélo, génial !\nC'est nul, très déçu.\nLe magasin ouvre à 9 h.\n")
    result = runner.invoke(app, ["sentiment", str(data), "--lang", "fr", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["label"] for r in rows] == ["positive", "negative", "neutral"]
    assert float(rows[0]["score"]) > 0 > float(rows[1]["score"])


def test_train_store_and_use_a_model(tmp_path):
    db = tmp_path / "s.duckdb"
    texts, labels = _files(tmp_path, TRAIN)
    assert runner.invoke(app, ["init", "--db", str(db)]).exit_code == 0  # only init, import and demo create one
    result = runner.invoke(app, ["sentiment", "train", "--texts", str(texts), "--labels", str(labels),
                                 "--lang", "en", "--name", "airline", "--db", str(db)])
    assert result.exit_code == 0, result.output
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT name, lang FROM sentiment_models").fetchall() == [("airline", "en")]
    con.close()
    data = tmp_path / "new.txt"
    data.write_text("wonderful crew, love\nworst delay, hate\ngate 12 at noon\n")
    result = runner.invoke(app, ["sentiment", str(data), "--lang", "en", "--model", "airline", "--db", str(db)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["label"] for r in rows] == ["positive", "negative", "neutral"]
    wrong_lang = runner.invoke(app, ["sentiment", str(data), "--lang", "fr", "--model", "airline", "--db", str(db)])
    assert wrong_lang.exit_code == 1 and "trained on 'en'" in wrong_lang.output


def test_bad_labels_name_file_and_line_and_store_nothing(tmp_path):
    db = tmp_path / "s.duckdb"
    texts, labels = _files(tmp_path, TRAIN)
    lines = labels.read_text().splitlines()
    lines[4] = "happy"
    labels.write_text("\n".join(lines) + "\n")
    result = runner.invoke(app, ["sentiment", "train", "--texts", str(texts), "--labels", str(labels),
                                 "--lang", "en", "--name", "m", "--db", str(db)])
    assert result.exit_code == 1 and "labels.txt, line 5, field label" in result.output
    short = tmp_path / "short.txt"
    short.write_text("positive\n")
    result = runner.invoke(app, ["sentiment", "train", "--texts", str(texts), "--labels", str(short),
                                 "--lang", "en", "--name", "m", "--db", str(db)])
    assert result.exit_code == 1 and "one label per text" in result.output
    assert not db.exists()  # refused before anything was written
    assert runner.invoke(app, ["init", "--db", str(db)]).exit_code == 0
    result = runner.invoke(app, ["sentiment", str(texts), "--model", "nope", "--db", str(db)])
    assert result.exit_code == 1 and "no sentiment model 'nope'" in result.output


def test_default_model_with_confidence_and_brand_masking(tmp_path):
    data = tmp_path / "in.txt"
    data.write_text("@united not my luggage\nUnited lost my bag\nThanks United, great crew!\n")
    result = runner.invoke(app, ["sentiment", str(data), "--brand", "United", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["label"] for r in rows] == ["negative", "negative", "positive"]
    assert all(0.33 < float(r["confidence"]) <= 1.0 for r in rows)
    lexicon = runner.invoke(app, ["sentiment", str(data), "--model", "lexicon"])
    assert next(csv.DictReader(io.StringIO(lexicon.stdout)))["label"] == "neutral"  # no word of the name
