"""Health, login and the session, and the list of served workspaces."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from einfluence._version import __version__
from einfluence.server.auth import CSRF_COOKIE, SCOPE_RANK, SESSION_COOKIE, login_tokens, token_of
from einfluence.server.models import Problem as ProblemModel
from einfluence.server.problems import Problem

__all__ = ["login_router", "router"]

router = APIRouter(tags=["system"])
login_router = APIRouter(tags=["system"])
UNAUTHORISED = {401: {"model": ProblemModel, "description": "No valid token"}}


@router.get("/health", summary="Is the server up (no token needed)")
async def health() -> dict[str, Any]:
    """``{"status": "ok"}`` with the einfluence version and schema version it serves."""
    from einfluence.store.schema import SCHEMA_VERSION

    return {"status": "ok", "version": __version__, "schema_version": SCHEMA_VERSION}


def _login(request: Request, token: str) -> Response:
    state = request.app.state.einfluence
    valid = login_tokens(state, token)
    if not valid:
        raise Problem(401, "this token is valid for no served workspace (unknown or revoked)", field="token",
                      headers={"WWW-Authenticate": "Bearer"})
    sid, session = state.sessions.open(valid)
    response = RedirectResponse(url="/", status_code=303)  # the dashboard
    secure = bool(state.config.secure_cookies) or request.url.scheme == "https"
    response.set_cookie(SESSION_COOKIE, sid, httponly=True, samesite="strict", secure=secure, path="/")
    # readable by our own page (it sends it back in X-CSRF-Token); useless to another site
    response.set_cookie(CSRF_COOKIE, session.csrf, httponly=False, samesite="strict", secure=secure, path="/")
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@login_router.get("/login", summary="Open a browser session with a token (the link einfluence serve prints)",
                  responses={303: {"description": "Session opened"}, **UNAUTHORISED})
def login(request: Request, token: Annotated[str, Query(max_length=200)]) -> Response:
    """Check the token against every served workspace, set the session cookie, go to the dashboard."""
    return _login(request, token)


@router.get("/login", include_in_schema=False)
def login_v1(request: Request, token: Annotated[str, Query(max_length=200)]) -> Response:
    return _login(request, token)


@router.post("/logout", summary="Close the browser session", status_code=204)
def logout(request: Request) -> Response:
    """Forget the session and its cookies."""
    request.app.state.einfluence.sessions.close(request.cookies.get(SESSION_COOKIE))
    response = Response(status_code=204)
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.delete_cookie(CSRF_COOKIE, path="/")
    return response


def _grants(request: Request) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    state = request.app.state.einfluence
    token, _, session = token_of(request)
    tokens = dict(session.tokens) if session is not None else {}
    if token is not None:
        tokens = {name: token for name in state.hosts}
    grants = {}
    for name, presented in tokens.items():
        host = state.hosts.get(name)
        info = host.verify(presented) if host is not None else None
        if info is not None:
            grants[name] = {"scope": info["scope"], "token": info["name"], "key": info["key"]}
    if not grants:
        raise Problem(401, "no valid token", headers={"WWW-Authenticate": "Bearer"})
    return grants, {"via": "bearer" if token is not None else "cookie", "csrf": session.csrf if session else None}


@router.get("/session", summary="Who am I: the workspaces this token or session opens",
            responses=UNAUTHORISED)
def whoami(request: Request) -> JSONResponse:
    """Each workspace the caller may use with its scope, and the session's CSRF token (cookie sessions)."""
    grants, info = _grants(request)
    return JSONResponse({"workspaces": grants, **info}, headers={"Cache-Control": "no-store"})


@router.get("/workspaces", summary="The served workspaces this token or session opens", responses=UNAUTHORISED)
def workspaces(request: Request) -> dict[str, Any]:
    """Name, file and scope of each workspace the caller may use (others are not listed)."""
    grants, _ = _grants(request)
    hosts = request.app.state.einfluence.hosts
    items = sorted(grants.items(), key=lambda kv: (-SCOPE_RANK[kv[1]["scope"]], kv[0]))
    return {"items": [{"workspace": name, "file": hosts[name].path.name, "scope": g["scope"],
                       "links": {"self": f"/api/v1/workspaces/{name}"}} for name, g in items]}
