"""A workspace and its data: summary, counts, imports (uploads and server-side folders)."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import JSONResponse

from einfluence.server.auth import Caller
from einfluence.server.common import (
    answer_job,
    as_json,
    cached_answer,
    provenance,
    result,
)
from einfluence.server.deps import JOB_RESPONSES, Reader, Wait, Writer
from einfluence.server.jobs import Job
from einfluence.server.models import ImportPathsIn, Result
from einfluence.server.problems import Problem

__all__ = ["router"]

router = APIRouter(prefix="/workspaces/{workspace}", tags=["data"])


@router.get("", summary="A workspace: its file, schema, counts and your scope", response_model=Result)
async def summary(caller: Reader) -> dict[str, Any]:
    """What the workspace holds (``einfluence stats`` without the per-day table)."""
    def compute(ws: Any) -> bytes | None:
        data = {"file": caller.host.path.name, "schema_version": ws.schema_version(), "your_scope": caller.scope,
                "stats": ws.stats(by_day=False)}
        return as_json(result(caller, provenance("computation", params={}), data))

    return await cached_answer(caller, ("summary", caller.scope), compute)


@router.get("/time-span", summary="The first and last event, in all networks and in each", response_model=Result)
async def time_span(caller: Reader) -> dict[str, Any]:
    """``{"*" or network: {"first", "last"}}``: the span of the timed interactions
    (:meth:`~einfluence.Workspace.time_spans`), what a window without ``since`` or ``until``
    covers (the pages' footers show it, as the reports do)."""
    def compute(ws: Any) -> bytes | None:
        spans = ws.time_spans()
        return as_json(result(caller, provenance("computation"),
                              {k: {"first": a, "last": b} for k, (a, b) in spans.items()}))

    return await cached_answer(caller, ("time-span",), compute)


@router.get("/stats", summary="Counts per network, kind and day (einfluence stats)", response_model=Result)
async def stats(caller: Reader, by_day: bool = False) -> dict[str, Any]:
    """Accounts, posts, interactions by kind and network, spans, and (``by_day``) per UTC day."""
    return await cached_answer(caller, ("stats", by_day), lambda ws: as_json(
        result(caller, provenance("computation", params={"by_day": by_day}), ws.stats(by_day=by_day))))


@router.get("/imports", summary="The provenance of every import", response_model=Result)
async def imports(caller: Reader) -> Any:
    """Format, sources, checksum, options, counts, times and einfluence version of each import
    (kept until the next write)."""
    return await cached_answer(caller, ("imports",), lambda ws: as_json(
        result(caller, provenance("computation"), ws.imports())))


def _check_format(fmt: str) -> None:
    from einfluence.io.formats import FORMATS

    if fmt not in FORMATS:
        raise Problem(422, f"unknown format {fmt!r} (expected one of: {', '.join(FORMATS)})", field="format")


def _options(**options: Any) -> dict[str, Any]:
    return {k: v for k, v in options.items() if v is not None}


def _import_job(caller: Caller, fmt: str, paths: list[Path], options: dict[str, Any], shown: list[str],
                cleanup: Any = None) -> Job:
    def work(ws: Any, progress: Any) -> Any:
        return ws.import_files(fmt, paths, progress=progress, **options).as_dict()

    return Job("import", {"format": fmt, "files": shown, "options": options}, work, token_key=caller.token_key,
               cleanup=cleanup)


def _safe_name(name: str | None) -> str:
    """An uploaded file's own name, refused if it tries to name a folder or hide itself."""
    if not name or name in (".", "..") or name != Path(name).name or "\\" in name or "\0" in name \
            or name.startswith(".") or len(name) > 255:
        raise Problem(422, f"not a plain file name: {name!r}", field="files")
    return name


@router.post("/imports", summary="Import uploaded files (all or nothing, idempotent) as a job",
             status_code=202, responses=JOB_RESPONSES)
def upload(
    request: Request,
    caller: Writer,
    format: Annotated[str, Form(max_length=40, description="Input format (einfluence import FORMAT).")],
    files: Annotated[list[UploadFile], File(description="The files; their names matter (accounts.csv...).")],
    network: Annotated[str | None, Form(max_length=200)] = None,
    directed: Annotated[bool | None, Form()] = None,
    kind: Annotated[str | None, Form(max_length=40)] = None,
    header: Annotated[bool | None, Form()] = None,
    table: Annotated[str | None, Form(max_length=40)] = None,
    wait: Wait = 0,
) -> JSONResponse:
    """The files are kept in a private folder of the server until the import job has ended, then
    removed; the import goes through the same all-or-nothing importer as ``einfluence import``."""
    _check_format(format)
    names = [_safe_name(f.filename) for f in files]
    if len(set(names)) != len(names):
        raise Problem(422, "two uploaded files have the same name", field="files")
    folder = request.app.state.einfluence.upload_dir / f"upload-{uuid.uuid4().hex}"
    folder.mkdir(parents=True)
    try:
        for name, upload in zip(names, files, strict=True):
            with (folder / name).open("wb") as out:
                shutil.copyfileobj(upload.file, out, 1 << 20)
        job = _import_job(caller, format, [folder / n for n in names],
                          _options(network=network, directed=directed, kind=kind, header=header, table=table),
                          names, cleanup=lambda: shutil.rmtree(folder, ignore_errors=True))
        caller.host.submit(job)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return answer_job(request, caller, job, wait)


def _allowed(request: Request, raw: str) -> Path:
    roots = request.app.state.einfluence.config.allow_paths
    if not roots:
        raise Problem(403, "server-side imports are off: the admin starts einfluence serve with --allow-path DIR",
                      field="paths")
    try:
        path = Path(raw).resolve(strict=True)
    except (OSError, RuntimeError, ValueError):
        raise Problem(422, f"no such file or folder on the server: {raw!r}", field="paths") from None
    if not any(path == root or path.is_relative_to(root) for root in roots):
        raise Problem(403, f"{raw!r} is outside the folders the admin allowed", field="paths")
    return path


@router.post("/imports/paths", summary="Import files on the server's disk (under an allowed folder) as a job",
             status_code=202, responses=JOB_RESPONSES)
def import_paths(request: Request, caller: Writer, body: ImportPathsIn, wait: Wait = 0) -> JSONResponse:
    """Each path (after following links) must be inside a folder given to ``einfluence serve --allow-path``."""
    _check_format(body.format)
    paths = [_allowed(request, raw) for raw in body.paths]
    options = _options(network=body.network, directed=body.directed, kind=body.kind, header=body.header,
                       table=body.table)
    job = caller.host.submit(_import_job(caller, body.format, paths, options, [str(p) for p in paths]))
    return answer_job(request, caller, job, wait)


