"""Access tokens of the server: created, shown once, stored hashed, listed, revoked, verified.

A token reads ``einf_<key>_<secret>``: ``key`` (12 hexadecimal characters) is public and finds
the token's row; ``secret`` (32 random bytes, URL-safe base64) is never stored. The row keeps
``HMAC-SHA-256(salt, secret)`` under a random 16-byte salt of its own.

Why an HMAC and not a slow key-derivation function: a slow KDF (scrypt, Argon2) protects *low
entropy* secrets (passwords) against guessing. A token's secret is 256 random bits, so guessing
it is hopeless whatever the hash; what matters is that a copy of the database file gives no
usable token (the digest cannot be inverted), that two tokens never share a digest (the salt),
and that checking a token on every request costs microseconds, not the tens of milliseconds a
KDF is tuned to cost. The digests are compared in constant time (:func:`hmac.compare_digest`).

Tokens live in the workspace's own file, so a token of workspace A is unknown to workspace B.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from typing import Any

import duckdb

from einfluence.exceptions import InputError
from einfluence.store.database import fetch_dicts, fetch_one, transaction

__all__ = [
    "TOKEN_SCOPES",
    "add_token",
    "has_active_token",
    "list_tokens",
    "new_token",
    "revoke_token",
    "verify_token",
]

#: what a token may do, each scope including the ones before it
TOKEN_SCOPES: tuple[str, ...] = ("read", "write", "admin")

_TOKEN = re.compile(r"einf_([0-9a-f]{12})_([A-Za-z0-9_-]{43})")


def new_token() -> str:
    """A fresh random token (``einf_<key>_<secret>``), not stored yet.

    Examples
    --------
    >>> token = new_token()
    >>> token.startswith("einf_") and len(token) == 61
    True
    """
    return f"einf_{secrets.token_hex(6)}_{secrets.token_urlsafe(32)}"


def _digest(salt: bytes, secret: str) -> bytes:
    return hmac.new(salt, secret.encode("ascii"), hashlib.sha256).digest()


def _parse(token: str) -> tuple[str, str] | None:
    match = _TOKEN.fullmatch(token or "")
    return None if match is None else (match.group(1), match.group(2))


def add_token(con: duckdb.DuckDBPyConnection, token: str, *, name: str, scope: str) -> dict[str, Any]:
    """Store a token (made by :func:`new_token`) hashed, under a name and a scope; return its row
    (without any secret)."""
    if scope not in TOKEN_SCOPES:
        raise InputError(f"expected one of {', '.join(TOKEN_SCOPES)}, got {scope!r}", parameter="scope")
    if not name or not name.strip() or len(name) > 200:
        raise InputError("a token needs a name (1 to 200 characters)", parameter="name")
    parsed = _parse(token)
    if parsed is None:
        raise InputError("not an einfluence token", parameter="token")
    key, secret = parsed
    salt = secrets.token_bytes(16)
    with transaction(con):
        token_id = int(fetch_one(con, "SELECT coalesce(max(token_id) + 1, 1) FROM tokens")[0])
        con.execute(
            "INSERT INTO tokens VALUES (?, ?, ?, ?, ?, ?, current_localtimestamp(), NULL)",
            [token_id, key, name.strip(), scope, salt, _digest(salt, secret)],
        )
    return next(t for t in list_tokens(con) if t["token_id"] == token_id)


def list_tokens(con: duckdb.DuckDBPyConnection, *, include_revoked: bool = True) -> list[dict[str, Any]]:
    """Every token's id, public key, name, scope, creation and revocation times (no secret, no digest)."""
    query = "SELECT token_id, key, name, scope, created_at, revoked_at FROM tokens"
    if not include_revoked:
        query += " WHERE revoked_at IS NULL"
    return fetch_dicts(con, query + " ORDER BY token_id")


def revoke_token(con: duckdb.DuckDBPyConnection, which: str | int) -> list[dict[str, Any]]:
    """Revoke the active tokens of an id, a public key or a name; return them.

    Raises
    ------
    InputError
        When no active token has that id, key or name.
    """
    text = str(which).strip()
    with transaction(con):
        rows = con.execute(
            "SELECT token_id FROM tokens WHERE revoked_at IS NULL AND "
            "(CAST(token_id AS VARCHAR) = ? OR key = ? OR name = ?)",
            [text, text, text],
        ).fetchall()
        if not rows:
            raise InputError(f"no active token with id, key or name {text!r}", parameter="token")
        ids = [int(r[0]) for r in rows]
        con.execute(
            "UPDATE tokens SET revoked_at = current_localtimestamp() WHERE token_id IN (SELECT unnest(?::INTEGER[]))",
            [ids],
        )
    return [t for t in list_tokens(con) if t["token_id"] in ids]


def verify_token(con: duckdb.DuckDBPyConnection, token: str) -> dict[str, Any] | None:
    """The active token a presented token string is (id, key, name, scope), or None."""
    parsed = _parse(token)
    if parsed is None:
        return None
    key, secret = parsed
    rows = con.execute(
        "SELECT token_id, key, name, scope, salt, digest FROM tokens WHERE key = ? AND revoked_at IS NULL", [key]
    ).fetchall()
    for token_id, key, name, scope, salt, digest in rows:
        if hmac.compare_digest(_digest(bytes(salt), secret), bytes(digest)):
            return {"token_id": int(token_id), "key": key, "name": name, "scope": scope}
    return None


def has_active_token(con: duckdb.DuckDBPyConnection, scope: str | None = None) -> bool:
    """Whether an active token (of ``scope``, if given) exists."""
    query = "SELECT count(*) FROM tokens WHERE revoked_at IS NULL" + (" AND scope = ?" if scope else "")
    return int(fetch_one(con, query, [scope] if scope else None)[0]) > 0
