"""Opinion dynamics: where perception settles, the tipping point, whom to convert (jobs).

Each answer is stored as a simulation plan (``GET plans?kind=simulation``), as the command line's
``einfluence opinion`` stores it.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from einfluence.server.common import answer_job, naive_utc
from einfluence.server.deps import JOB_RESPONSES, Wait, Writer
from einfluence.server.jobs import Job
from einfluence.server.models import ConvertIn, SettleIn, TippingIn

__all__ = ["router"]

router = APIRouter(prefix="/workspaces/{workspace}/opinion", tags=["opinion"])


def _common(body: Any) -> dict[str, Any]:
    return {"since": naive_utc(body.since), "until": naive_utc(body.until), "networks": body.networks,
            "kinds": body.kinds, "community_run": body.community_run}


def _check_brand(caller: Writer, brand: str | None) -> None:
    """An unknown brand is a 422 now, not a failed job later."""
    if brand is not None:
        with caller.host.reading() as ws:
            ws.brands(brand)


@router.post("/settle", summary="Where perception settles, and if these accounts become advocates "
             "(einfluence opinion settle) as a job", status_code=202, responses=JOB_RESPONSES)
def settle(request: Request, caller: Writer, body: SettleIn, wait: Wait = 0) -> JSONResponse:
    """Friedkin-Johnsen (with its 95 % interval), DeGroot or Hegselmann-Krause, overall and for the
    largest communities; with ``convert``, the same once those accounts are committed advocates."""
    ids = None
    with caller.host.reading() as ws:  # names resolved before anything is queued
        if body.brand is not None:
            ws.brands(body.brand)
        if body.convert:
            ids = ws.account_ids(body.convert, networks=body.networks, parameter="convert").tolist()

    def work(ws: Any, progress: Any) -> Any:
        return ws.opinion_settle(body.brand, model=body.model, convert=ids, susceptibility=body.susceptibility,
                                 epsilon=body.epsilon, n_steps=body.steps, by_community=body.communities > 0,
                                 n_communities=body.communities, progress=progress, **_common(body))

    job = caller.host.submit(Job("opinion settle", body.model_dump(mode="json"), work, token_key=caller.token_key))
    return answer_job(request, caller, job, wait)


@router.post("/tipping", summary="The tipping point: the smallest share of converts that flips the majority "
             "(einfluence opinion tipping) as a job", status_code=202, responses=JOB_RESPONSES)
def tipping(request: Request, caller: Writer, body: TippingIn, wait: Wait = 0) -> JSONResponse:
    """``critical_fraction`` with its 95 % interval (``low``, ``high``) over runs, per population."""
    _check_brand(caller, body.brand)

    def work(ws: Any, progress: Any) -> Any:
        return ws.opinion_tipping(body.brand, model=body.model, community=body.community,
                                  by_community=body.by_community, n_communities=body.communities,
                                  side="b" if body.detractors else "a", choose=body.choose, undecided=body.undecided,
                                  max_share=body.max_share, n_runs=body.runs, horizon=body.horizon, q=body.q,
                                  random_state=body.seed, progress=progress, **_common(body))

    job = caller.host.submit(Job("opinion tipping", body.model_dump(mode="json"), work, token_key=caller.token_key))
    return answer_job(request, caller, job, wait)


@router.post("/convert", summary="Whom to convert into advocates (einfluence opinion convert) as a job",
             status_code=202, responses=JOB_RESPONSES)
def convert(request: Request, caller: Writer, body: ConvertIn, wait: Wait = 0) -> JSONResponse:
    """The ``k`` advocates that raise the target's mean steady-state opinion most (lazy greedy),
    beside the ``k`` top-scored influencers and doing nothing."""
    _check_brand(caller, body.brand)

    def work(ws: Any, progress: Any) -> Any:
        return ws.opinion_convert(body.brand, k=body.k, community=body.community,
                                  susceptibility=body.susceptibility, progress=progress, **_common(body))

    job = caller.host.submit(Job("opinion convert", body.model_dump(mode="json"), work, token_key=caller.token_key))
    return answer_job(request, caller, job, wait)
