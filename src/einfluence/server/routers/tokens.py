"""Access tokens of a workspace (admin): create (shown once), list, revoke."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from einfluence.server.deps import Admin
from einfluence.server.jobs import jsonable
from einfluence.server.models import TokenIn, TokenOut

__all__ = ["router"]

router = APIRouter(prefix="/workspaces/{workspace}/tokens", tags=["tokens"])


@router.get("", summary="The workspace's tokens (never their secrets)")
def tokens(caller: Admin) -> dict[str, Any]:
    """Id, public key, name, scope, creation and revocation time of each token."""
    with caller.host.reading() as ws:
        return {"workspace": caller.workspace, "items": jsonable(ws.tokens())}


@router.post("", summary="Create a token (shown once)", response_model=TokenOut, status_code=201)
def create(caller: Admin, body: TokenIn) -> dict[str, Any]:
    """The answer holds the token itself, once: only its hash is stored. Access control is written
    at once, beside the jobs (it touches only the tokens table)."""
    with caller.host.writing() as ws:
        token, row = ws.create_token(name=body.name, scope=body.scope)
    return {**row, "token": token}


@router.delete("/{token_id}", summary="Revoke a token (it stops working at once)", response_model=TokenOut)
def revoke(caller: Admin, token_id: int) -> dict[str, Any]:
    """The token is kept in the list, marked revoked."""
    with caller.host.writing() as ws:
        (row,) = ws.revoke_token(token_id)[:1]
    return row
