"""The FastAPI application: routers per area under ``/api/v1``, problem details, limits, offline docs.

The interactive documentation (Swagger UI at ``/api/v1/docs``, ReDoc at ``/api/v1/redoc``) loads
its scripts and styles from the server itself: the files ship in the ``fastapi-offline`` package
(MIT; Swagger UI is Apache-2.0, ReDoc MIT), so the docs work without internet, and the pages'
Content-Security-Policy forbids loading anything from elsewhere.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from einfluence._version import __version__
from einfluence.server.common import Accepted, computing_response
from einfluence.server.config import ServerConfig
from einfluence.server.hosting import Computing
from einfluence.server.problems import PROBLEM_JSON, install_problem_handlers
from einfluence.server.state import ServerState

__all__ = ["API", "create_app"]

API = "/api/v1"

_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
_SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"content-security-policy", _CSP.encode()),
    (b"cache-control", b"no-store"),
]


def _docs_assets() -> Path:
    import fastapi_offline

    return Path(fastapi_offline.__file__).parent / "static"


class _TooLarge(Exception):
    pass


class LimitsAndHeaders:
    """ASGI middleware: bodies over the limit are refused with 413 (by their declared length at
    once, or as soon as more bytes arrive than allowed), and every response gets the security
    headers (no sniffing, no framing, no referrer, a strict Content-Security-Policy, no caching)."""

    def __init__(self, app: Any, config: ServerConfig) -> None:
        self.app = app
        self.config = config

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        ctype = headers.get(b"content-type", b"").decode("latin-1").lower()
        limit = self.config.max_upload if ctype.startswith("multipart/") else self.config.max_body
        started = False

        async def send_with_headers(message: dict[str, Any]) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in _SECURITY_HEADERS if k not in present]
            await send(message)

        async def too_large() -> None:
            body = json.dumps({"type": "about:blank", "title": "Content Too Large", "status": 413,
                               "detail": f"the request body is larger than this server accepts ({limit:,} bytes)",
                               "instance": scope.get("path")}).encode()
            await send_with_headers({"type": "http.response.start", "status": 413, "headers": [
                (b"content-type", PROBLEM_JSON.encode()), (b"content-length", str(len(body)).encode()),
                (b"connection", b"close")]})
            await send({"type": "http.response.body", "body": body})

        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await too_large()
            return
        received = 0

        async def limited_receive() -> dict[str, Any]:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _TooLarge()
            return message

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except _TooLarge:
            if not started:
                await too_large()


def _problem_responses() -> dict[int | str, dict[str, Any]]:
    schema = {"$ref": "#/components/schemas/Problem"}
    described = {401: "No valid token for this workspace", 403: "Not allowed (scope, CSRF, folder)",
                 404: "No such run, plan, job or account", 409: "Conflict (the job has ended...)",
                 413: "Request body too large", 422: "Bad input (the field at fault is named)",
                 503: "The database file is busy (another program holds it): retry"}
    return {code: {"description": text, "content": {PROBLEM_JSON: {"schema": schema}}}
            for code, text in described.items()}


def create_app(config: ServerConfig, state: ServerState | None = None) -> FastAPI:
    """The API application serving ``config.databases``.

    Parameters
    ----------
    config : ServerConfig
    state : ServerState, optional
        An already started state (``einfluence serve`` starts it before printing the login
        link); by default one is made and started with the application.

    Returns
    -------
    fastapi.FastAPI
    """
    from einfluence.server.models import Problem
    from einfluence.server.routers import (
        advocacy,
        campaigns,
        communities,
        jobs,
        opinion,
        perception,
        reports,
        scores,
        shortlists,
        system,
        tokens,
        topics,
        workspaces,
    )

    state = state or ServerState(config)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        import anyio.to_thread

        await anyio.to_thread.run_sync(state.start)
        try:
            yield
        finally:
            await anyio.to_thread.run_sync(state.stop)

    app = FastAPI(
        title="einfluence API",
        version=__version__,
        summary="Influence-marketing analytics: the workspaces of an einfluence server.",
        description="Every endpoint but health, login and these docs needs a token "
                    "(`Authorization: Bearer TOKEN`, or the session of `/login?token=...`). "
                    "Errors are RFC 9457 problem details naming the field at fault.",
        openapi_url=f"{API}/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.einfluence = state
    install_problem_handlers(app)

    @app.exception_handler(Computing)
    async def _computing(request: Request, exc: Computing) -> JSONResponse:
        return computing_response(request.path_params.get("workspace", ""), exc)

    @app.exception_handler(Accepted)
    async def _accepted(request: Request, exc: Accepted) -> JSONResponse:
        return exc.response()

    responses = _problem_responses()
    app.include_router(system.login_router)
    app.include_router(system.router, prefix=API)
    for module in (workspaces, scores, shortlists, topics, communities, campaigns, opinion, perception, advocacy,
                   reports, jobs, tokens):
        app.include_router(module.router, prefix=API, responses=responses)

    assets = _docs_assets()
    app.mount(f"{API}/docs/assets", StaticFiles(directory=assets), name="docs-assets")

    @app.get(f"{API}/docs", include_in_schema=False)
    def swagger() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url=f"{API}/openapi.json", title="einfluence API",
                                   swagger_js_url=f"{API}/docs/assets/swagger-ui-bundle.js",
                                   swagger_css_url=f"{API}/docs/assets/swagger-ui.css",
                                   swagger_favicon_url=f"{API}/docs/assets/favicon.png")

    @app.get(f"{API}/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return get_redoc_html(openapi_url=f"{API}/openapi.json", title="einfluence API",
                              redoc_js_url=f"{API}/docs/assets/redoc.standalone.js",
                              redoc_favicon_url=f"{API}/docs/assets/favicon.png", with_google_fonts=False)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            from fastapi.openapi.utils import get_openapi

            schema = get_openapi(title=app.title, version=app.version, summary=app.summary,
                                 description=app.description, routes=app.routes)
            components = schema.setdefault("components", {})
            components.setdefault("schemas", {})["Problem"] = Problem.model_json_schema(
                ref_template="#/components/schemas/{model}")
            components["securitySchemes"] = {
                "bearer": {"type": "http", "scheme": "bearer", "description": "An einfluence token"},
                "session": {"type": "apiKey", "in": "cookie", "name": "einfluence_session"},
            }
            public = {f"{API}/health", "/login"}
            for path, operations in schema.get("paths", {}).items():
                if path in public:
                    continue
                for operation in operations.values():
                    operation["security"] = [{"bearer": []}, {"session": []}]
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    from einfluence.web import mount  # the dashboard's pages (issue #13)

    mount(app)
    app.add_middleware(LimitsAndHeaders, config=config)
    return app
