"""Saved shortlists: list, read, save (replace) and delete; a saved shortlist is a target of
``POST /seeds``, ``/simulations`` and ``/plans`` (their ``shortlist`` field)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import JSONResponse

from einfluence.server.common import answer_job, as_json, cached_answer, provenance, result
from einfluence.server.deps import JOB_RESPONSES, Reader, Wait, Writer
from einfluence.server.jobs import Job
from einfluence.server.models import Result, ShortlistAccount, ShortlistIn
from einfluence.server.problems import Problem

__all__ = ["router"]

router = APIRouter(prefix="/workspaces/{workspace}", tags=["shortlists"])
Name = Annotated[str, Path(min_length=1, max_length=200, description="The shortlist's name.")]


def _exists(ws: Any, name: str) -> None:
    """A 404 naming the shortlist when none has that name."""
    if name.strip() not in {s["name"] for s in ws.saved_shortlists()}:
        raise Problem(404, f"no saved shortlist {name.strip()!r}", field="name")


@router.get("/shortlists", summary="The saved shortlists, by name", response_model=Result)
async def shortlists(caller: Reader) -> Any:
    """Id, name, number of accounts, filters, author (the token's name) and times of each one."""
    return await cached_answer(caller, ("shortlists",), lambda ws: as_json(
        result(caller, provenance("computation"), ws.saved_shortlists())))


@router.get("/shortlists/{name:path}", summary="A saved shortlist with its accounts, in order", response_model=Result)
def shortlist(caller: Reader, name: Name) -> dict[str, Any]:
    """Its accounts (``account_id``, ``account``, ``network``, ``handle``) as they were picked."""
    with caller.host.reading() as ws:
        _exists(ws, name)
        data = ws.saved_shortlist(name)
    return result(caller, provenance("computation", params={"name": data["name"]}), data)


@router.put("/shortlists/{name:path}", summary="Save a shortlist, or replace the one of that name",
            status_code=200, responses=JOB_RESPONSES)
def save(request: Request, caller: Writer, name: Name, body: ShortlistIn, wait: Wait = 30) -> JSONResponse:
    """The accounts in order (an unknown one refuses them all: 422 naming it), the ranking's
    filters they came from; the author is the caller's token name."""
    accounts = [a.model_dump() if isinstance(a, ShortlistAccount) else a for a in body.accounts]
    with caller.host.reading() as ws:  # every name checked before anything is queued
        if not accounts:
            raise Problem(422, "a shortlist needs at least one account", field="accounts")
        for i, item in enumerate(accounts):
            who, where = (item["account"], item["network"] or body.network) if isinstance(item, dict) \
                else (item, body.network)
            ws.account_ids([who], network=where, parameter=f"accounts.{i}")

    def work(ws: Any, progress: Any) -> Any:
        saved = ws.save_shortlist(name, accounts, network=body.network, filters=body.filters,
                                  created_by=caller.token_name)
        return {key: saved[key] for key in ("shortlist_id", "name", "n_accounts")}

    job = caller.host.submit(Job("shortlist", {"name": name, "n_accounts": len(accounts), "network": body.network},
                                 work, token_key=caller.token_key))
    return answer_job(request, caller, job, wait)


@router.delete("/shortlists/{name:path}", summary="Delete a saved shortlist", responses=JOB_RESPONSES)
def delete(request: Request, caller: Writer, name: Name, wait: Wait = 30) -> JSONResponse:
    """Plans made with it keep their target (they stored its accounts)."""
    with caller.host.reading() as ws:
        _exists(ws, name)
    job = caller.host.submit(Job("shortlist_delete", {"name": name},
                                 lambda ws, progress: ws.delete_shortlist(name), token_key=caller.token_key))
    return answer_job(request, caller, job, wait)
