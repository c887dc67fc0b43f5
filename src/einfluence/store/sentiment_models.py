"""Trained sentiment models, stored by name as bytes with their metadata."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import duckdb

from einfluence._version import __version__
from einfluence.exceptions import InputError
from einfluence.store.database import transaction

__all__ = ["list_sentiment_models", "load_sentiment_model", "save_sentiment_model"]


def save_sentiment_model(
    con: duckdb.DuckDBPyConnection, name: str, *, lang: str, metadata: Mapping[str, Any], model: bytes
) -> None:
    """Store a model under ``name`` (replacing a model of the same name)."""
    if not name or not name.strip():
        raise InputError("a sentiment model needs a name")
    with transaction(con):
        con.execute("DELETE FROM sentiment_models WHERE name = ?", [name])
        con.execute(
            "INSERT INTO sentiment_models VALUES (?, ?, current_localtimestamp(), ?, ?, ?)",
            [name, lang, json.dumps(dict(metadata), default=str), bytes(model), __version__],
        )


def load_sentiment_model(con: duckdb.DuckDBPyConnection, name: str) -> tuple[str, bytes, dict[str, Any]]:
    """``(lang, model bytes, metadata)`` of a stored model."""
    rows = con.execute("SELECT lang, model, metadata FROM sentiment_models WHERE name = ?", [name]).fetchall()
    if not rows:
        known = [r[0] for r in con.execute("SELECT name FROM sentiment_models ORDER BY name").fetchall()]
        raise InputError(f"no sentiment model {name!r}" + (f" (stored: {', '.join(known)})" if known else ""))
    lang, blob, metadata = rows[0]
    return lang, bytes(blob), json.loads(metadata)


def list_sentiment_models(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Name, language, creation time and metadata of every stored model."""
    rows = con.execute("SELECT name, lang, created_at, metadata FROM sentiment_models ORDER BY name").fetchall()
    return [{"name": n, "lang": lang, "created_at": c, "metadata": json.loads(m)} for n, lang, c, m in rows]
