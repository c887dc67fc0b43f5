"""Workspace service for access: the server's tokens, created, listed, revoked and verified.

Tokens are kept in the workspace's own file, hashed (:mod:`einfluence.store.tokens`): a token
of one workspace is unknown to every other. ``einfluence token`` and the server's token
endpoints both go through these functions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from einfluence.workspace.context import Context

__all__ = ["create_token", "has_admin_token", "revoke_token", "tokens", "verify_token"]


def create_token(ctx: Context, *, name: str, scope: str = "read", token: str | None = None) -> tuple[str, dict[str, Any]]:
    """Create an access token of ``scope`` (``read``, ``write`` or ``admin``) named ``name``.

    Returns ``(token, row)``: the token itself, to be shown once (only its hash is stored),
    and its stored description. ``token`` stores a token made beforehand
    (:func:`einfluence.store.tokens.new_token`) instead of a fresh one: the same admin token
    for several workspaces served together.
    """
    from einfluence.store.tokens import add_token, new_token

    token = token or new_token()
    return token, add_token(ctx.con, token, name=name, scope=scope)


def tokens(ctx: Context, *, include_revoked: bool = True) -> list[dict[str, Any]]:
    """The workspace's tokens: id, public key, name, scope, creation and revocation times."""
    from einfluence.store.tokens import list_tokens

    return list_tokens(ctx.con, include_revoked=include_revoked)


def revoke_token(ctx: Context, which: str | int) -> list[dict[str, Any]]:
    """Revoke the active tokens of an id, a public key or a name; return them."""
    from einfluence.store.tokens import revoke_token as revoke

    return revoke(ctx.con, which)


def verify_token(ctx: Context, token: str) -> dict[str, Any] | None:
    """The active token a presented token string is (``token_id``, ``key``, ``name``, ``scope``), or None."""
    from einfluence.store.tokens import verify_token as verify

    return verify(ctx.con, token)


def has_admin_token(ctx: Context) -> bool:
    """Whether the workspace has an active admin token."""
    from einfluence.store.tokens import has_active_token

    return has_active_token(ctx.con, "admin")
