"""Saved sentiment models are data: a corrupt or hostile one is refused in one line (issue 11, point 3)."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest
from typer.testing import CliRunner

from einfluence import EinfluenceError, Workspace
from einfluence.cli import app
from einfluence.perception import SentimentClassifier

TEXTS = ["great love it", "awful hate it", "it is a bike", "love this great bike", "hate this awful delay",
         "the bike is here"] * 5
LABELS = ["positive", "negative", "neutral"] * 10


def _saved() -> dict[str, np.ndarray]:
    blob = SentimentClassifier("en").fit(TEXTS, LABELS).to_bytes()
    with np.load(io.BytesIO(blob), allow_pickle=False) as z:
        return {k: z[k] for k in z.files}


def _bytes(arrays: dict[str, np.ndarray]) -> bytes:
    buf = io.BytesIO()
    np.savez_compressed(buf, **arrays)
    return buf.getvalue()


def test_non_finite_coefficients_are_refused():
    arrays = _saved()
    arrays["coef"] = arrays["coef"].copy()
    arrays["coef"][0, 0] = np.nan
    with pytest.raises(EinfluenceError, match="'coef' holds non-finite"):
        SentimentClassifier.from_bytes(_bytes(arrays))


@pytest.mark.parametrize("key", ["coef", "word_vocabulary", "intercept"])
def test_a_missing_array_is_refused(key):
    arrays = _saved()
    del arrays[key]
    with pytest.raises(EinfluenceError, match=f"missing '{key}'"):
        SentimentClassifier.from_bytes(_bytes(arrays))


def test_broken_metadata_is_refused():
    arrays = _saved()
    meta = json.loads(arrays["metadata"].tobytes())
    del meta["n_train"]
    arrays["metadata"] = np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)
    with pytest.raises(EinfluenceError, match="missing 'n_train'"):
        SentimentClassifier.from_bytes(_bytes(arrays))
    arrays["metadata"] = np.frombuffer(b"[1, 2]", dtype=np.uint8)
    with pytest.raises(EinfluenceError, match="unsupported model format"):
        SentimentClassifier.from_bytes(_bytes(arrays))


def test_the_cli_says_one_line_and_exits_1(tmp_path):
    db = tmp_path / "m.duckdb"
    arrays = _saved()
    arrays["coef"] = np.full_like(arrays["coef"], np.inf)
    with Workspace(db) as ws:
        ws.sql("INSERT INTO sentiment_models VALUES (?, ?, current_localtimestamp(), ?::JSON, ?, ?)",
               ["bad", "en", json.dumps({"n_train": 30}), _bytes(arrays), "test"]).fetchall()
    texts = tmp_path / "t.txt"
    texts.write_text("love it\n")
    result = CliRunner().invoke(app, ["sentiment", str(texts), "--lang", "en", "--model", "bad", "--db", str(db)])
    assert result.exit_code == 1 and result.stderr.count("\n") == 1 and "non-finite" in result.stderr


def test_elongations_are_shortened_token_by_token():
    from einfluence.perception._linear import prepare, split_tokens, tokenize_batch
    from einfluence.perception.default import load_default

    assert split_tokens(prepare("Soooo gooood :ppp @useeeer #Nooooon"), "en") == ["soo", "good", ":", "pp", "@user", "noon"]
    model = load_default("en")[0]
    a = tokenize_batch(["soooo gooood"], "en", model.vocab(), model.flags())
    b = tokenize_batch(["soo good"], "en", model.vocab(), model.flags())
    assert a.ids.tolist() == b.ids.tolist() and a.ids.min() > 0
