"""Errors as RFC 9457 problem details: ``application/problem+json`` naming the field at fault.

Every error the server answers is one JSON object with ``type``, ``title``, ``status``,
``detail`` and, when one input is at fault, ``field`` (the query parameter, path parameter or
body field, as the API names it) and ``errors`` (one ``{field, message}`` per fault). Bad input
is a 4xx, never a 500, and a request refused is a request that wrote nothing: inputs are
checked before a job is queued, and a job's own errors roll its transaction back.

Mapping: :class:`~einfluence.exceptions.InputError` and
:class:`~einfluence.exceptions.ParameterError` (and request validation) are 422; a missing run,
plan, job or account is 404; a file held by another program is 503 with ``Retry-After``;
authentication 401, permission 403, an oversized body 413.

References
----------
.. [1] M. Nottingham, E. Wilde, S. Dalal, "Problem Details for HTTP APIs", RFC 9457, 2023.
   https://www.rfc-editor.org/rfc/rfc9457
"""

from __future__ import annotations

import logging
import re
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from einfluence.exceptions import EinfluenceError, InputError, StoreError

__all__ = ["PROBLEM_JSON", "Problem", "install_problem_handlers", "problem_of", "problem_response"]

log = logging.getLogger("einfluence.server")

PROBLEM_JSON = "application/problem+json"

#: the API's name of a Python parameter that an error names, when they differ
API_NAMES = {"networks": "network", "kinds": "kind", "random_state": "seed", "n_simulations": "simulations",
             "width_hours": "width", "step_hours": "step", "run_id": "run", "prompt_window_hours": "prompt_window",
             "before_days": "before", "after_days": "after", "n_topics": "n_topics", "accounts": "account"}

_NOT_FOUND = re.compile(r"^(no (score run|topic run|community run|plan|job|account|declared brand|sentiment model|"
                        r"token|topic|brand|action|saved shortlist)\b|.*\bdoes not exist\b)")


class Problem(Exception):
    """An error the server answers as problem details.

    Parameters
    ----------
    status : int
        The HTTP status.
    detail : str
        What went wrong, for a person.
    field : str, optional
        The input at fault, as the API names it.
    headers : dict, optional
        Extra response headers (``Retry-After``, ``WWW-Authenticate``).
    extra : dict, optional
        More members of the problem object (``job`` for a job still running...).
    """

    def __init__(self, status: int, detail: str, *, field: str | None = None,
                 headers: dict[str, str] | None = None, extra: dict[str, Any] | None = None) -> None:
        super().__init__(detail)
        self.status = int(status)
        self.detail = detail
        self.field = field
        self.headers = headers or {}
        self.extra = extra or {}

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"type": "about:blank", "title": HTTPStatus(self.status).phrase,
                                "status": self.status, "detail": self.detail}
        if self.field:
            body["field"] = self.field
            body["errors"] = [{"field": self.field, "message": self.detail}]
        body.update(self.extra)
        return body


def _status_of(exc: EinfluenceError) -> int:
    if isinstance(exc, StoreError):
        return 503 if " is in use by " in str(exc) or "is served by" in str(exc) else 409
    if _NOT_FOUND.match(exc.message):
        return 404
    return 422


def problem_of(exc: EinfluenceError) -> dict[str, Any]:
    """The problem details object of an einfluence error (its ``parameter`` becomes the field)."""
    field = API_NAMES.get(exc.parameter, exc.parameter) if exc.parameter else None
    detail = f"{field}: {exc.message}" if field and str(exc) == exc._format() and exc.parameter \
        and str(exc).startswith(f"{exc.parameter}: ") else str(exc)
    if isinstance(exc, InputError) and exc.field and not field:
        field = exc.field
    return Problem(_status_of(exc), detail, field=field, extra=_input_parts(exc)).body()


def _input_parts(exc: EinfluenceError) -> dict[str, Any]:
    """The parts of an input error about a file: its ``file`` (name only: the server's folders
    are its own), ``line`` and ``reason`` (the message without them), and the reason's catalogue
    key and values (:func:`einfluence.i18n.reason_parts`) when the importer wrote it as a
    :class:`~einfluence.i18n.Reason`, so that a page can say "File …, line …, field …: …" in its
    reader's language."""
    if not isinstance(exc, InputError) or exc.path is None:
        return {}
    from pathlib import PurePath

    from einfluence.i18n import reason_parts

    parts: dict[str, Any] = {"file": PurePath(exc.path).name or exc.path, "line": exc.line, "reason": exc.message}
    found = reason_parts(exc.message)
    if found is not None:
        parts["reason_key"], parts["reason_values"] = found
    return parts


def problem_response(problem: Problem, instance: str | None = None) -> JSONResponse:
    """The response of a :class:`Problem`."""
    body = problem.body()
    if instance:
        body["instance"] = instance
    return JSONResponse(body, status_code=problem.status, headers=problem.headers, media_type=PROBLEM_JSON)


def _field_of(location: tuple[Any, ...]) -> str:
    parts = [str(p) for p in location if p not in ("query", "path", "body", "header", "cookie")]
    return ".".join(parts) or str(location[-1] if location else "")


def install_problem_handlers(app: FastAPI) -> None:
    """Answer every error as problem details: einfluence errors, validation, HTTP errors, bugs."""

    @app.exception_handler(Problem)
    async def _problem(request: Request, exc: Problem) -> JSONResponse:
        return problem_response(exc, request.url.path)

    @app.exception_handler(EinfluenceError)
    async def _einfluence(request: Request, exc: EinfluenceError) -> JSONResponse:
        body = problem_of(exc)
        headers = {"Retry-After": "2"} if body["status"] == 503 else {}
        return JSONResponse({**body, "instance": request.url.path}, status_code=body["status"], headers=headers,
                            media_type=PROBLEM_JSON)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"field": _field_of(tuple(e.get("loc", ()))), "message": str(e.get("msg", "invalid"))}
                  for e in exc.errors()]
        first = errors[0] if errors else {"field": None, "message": "invalid request"}
        body = {"type": "about:blank", "title": "Unprocessable Content", "status": 422,
                "detail": f"{first['field']}: {first['message']}" if first["field"] else first["message"],
                "field": first["field"], "errors": errors, "instance": request.url.path}
        return JSONResponse(body, status_code=422, media_type=PROBLEM_JSON)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        problem = Problem(exc.status_code, str(exc.detail), headers=dict(exc.headers or {}))
        return problem_response(problem, request.url.path)

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception) -> JSONResponse:
        import duckdb

        if isinstance(exc, duckdb.Error):
            log.exception("DuckDB error on %s", request.url.path)
            problem = Problem(503, f"the database refused the request ({type(exc).__name__}); nothing was written",
                              headers={"Retry-After": "2"})
        else:
            log.exception("unexpected error on %s", request.url.path)
            problem = Problem(500, f"unexpected error ({type(exc).__name__}); nothing was written")
        return problem_response(problem, request.url.path)
