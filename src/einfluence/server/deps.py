"""What the routers inject, declared once: who may call (by scope), the window, the job waits.

FastAPI's "bigger applications" layout: each router module holds the endpoints of one area and
takes these from here, so that a scope or a parameter means the same everywhere.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Query

from einfluence.server.auth import Caller, require
from einfluence.server.common import Window, window
from einfluence.server.models import JobOut

__all__ = ["JOB_RESPONSES", "Admin", "Reader", "Wait", "WindowQ", "Writer"]

#: a caller with a read token (or better) for the workspace of the path
Reader = Annotated[Caller, Depends(require("read"))]
#: a caller with a write token (or better)
Writer = Annotated[Caller, Depends(require("write"))]
#: a caller with an admin token
Admin = Annotated[Caller, Depends(require("admin"))]
#: the window of an analysis: since, until, networks
WindowQ = Annotated[Window, Depends(window)]
#: how long a request that queued a job waits for it to end
Wait = Annotated[float, Query(ge=0, le=3600, description="Seconds to wait for the job to end (then 200).")]
#: the answers of an endpoint that queues a job
JOB_RESPONSES: dict[int | str, dict[str, Any]] = {202: {"model": JobOut, "description": "Job queued or running"},
                                                   200: {"model": JobOut, "description": "Job ended"}}
