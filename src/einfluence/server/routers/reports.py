"""Reports to hand over (``einfluence report``): made by a job, then downloaded.

A report is built by the same builders as the command line's (:mod:`einfluence.reports`) and
may compute a run it needs and does not find (derived data, as a read does), so it is a job:
``POST reports`` answers the job, and once it has succeeded ``GET reports/{job_id}`` sends the
file. The files stay in a private folder of the server until it stops; they are sent as
attachments (downloaded, never shown by the browser on the API's origin).
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, JSONResponse

from einfluence.i18n import Reason
from einfluence.server.common import answer_job, naive_utc
from einfluence.server.deps import JOB_RESPONSES, Reader, Wait
from einfluence.server.jobs import Job
from einfluence.server.models import ReportIn
from einfluence.server.problems import Problem

__all__ = ["router"]

router = APIRouter(prefix="/workspaces/{workspace}/reports", tags=["reports"])

_FILE = re.compile(r"report-[0-9a-f]{32}\.(html|pdf)")
_MEDIA = {"html": "text/html; charset=utf-8", "pdf": "application/pdf"}


@router.post("", summary="Make a report (einfluence report) as a job", status_code=202, responses=JOB_RESPONSES)
def make(request: Request, caller: Reader, body: ReportIn, wait: Wait = 0) -> JSONResponse:
    """Influencers, profile, campaign, brand or communities, as one self-contained HTML file or a
    PDF; an option the kind does not read is refused (422 naming it), not ignored."""
    from einfluence.reports import OPTIONS, builder_options

    given = body.model_dump(exclude={"kind", "format", "lang"}, exclude_none=True)
    stray = sorted(name for name in given if name not in OPTIONS[body.kind])
    if stray:
        raise Problem(422, f"not an option of the {body.kind} report", field=stray[0])
    if body.kind == "profile" and body.account is None:
        raise Problem(422, "the profile report needs an account", field="account")
    given.update(since=naive_utc(body.since), until=naive_utc(body.until))
    options = builder_options(body.kind, **given)
    folder: Path = request.app.state.einfluence.reports_dir
    name = f"report-{uuid.uuid4().hex}.{body.format}"

    def work(ws: Any, progress: Any) -> Any:
        from einfluence.reports import build_report, write_report

        document = build_report(ws, body.kind, lang=body.lang, progress=progress, **options)
        progress.start(Reason("progress.write_format", format=body.format.upper()), None)
        path = write_report(document, folder / name)
        return {"kind": body.kind, "format": body.format, "title": document.title, "file": name,
                "bytes": path.stat().st_size}

    job = caller.host.submit(Job("report", body.model_dump(mode="json"), work, token_key=caller.token_key))
    return answer_job(request, caller, job, wait)


@router.get("/{job_id}", summary="Download the report a job made",
            responses={200: {"content": {"text/html": {}, "application/pdf": {}}}})
def download(request: Request, caller: Reader, job_id: int) -> FileResponse:
    """The file, as an attachment; 409 while the job has not succeeded, 404 once the server that
    made it has stopped (make it again)."""
    from einfluence.store.jobs import get_job

    with caller.host.reading() as ws:
        job = get_job(ws.con, job_id)
    if job["kind"] != "report":
        raise Problem(404, f"job #{job_id} did not make a report", field="job_id")
    if job["state"] != "succeeded":
        raise Problem(409, f"job #{job_id} is {job['state']}: no report to send", field="job_id")
    name = str((job["result"] or {}).get("file", ""))
    path = request.app.state.einfluence.reports_dir / name
    if not _FILE.fullmatch(name) or not path.is_file():
        raise Problem(404, f"the report of job #{job_id} is gone (the server restarted): make it again",
                      field="job_id")
    fmt = name.rsplit(".", 1)[1]
    return FileResponse(path, media_type=_MEDIA[fmt], filename=f"einfluence-{job['result']['kind']}-{job_id}.{fmt}",
                        content_disposition_type="attachment")
