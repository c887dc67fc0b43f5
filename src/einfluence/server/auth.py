"""Who may do what: tokens (Bearer), the browser's cookie session, scopes and CSRF.

The security model
------------------
* **Tokens.** Every endpoint but ``/api/v1/health``, the login and the API's own documentation
  (``openapi.json`` and the docs pages, which describe the API and hold no data) needs a token.
  A token belongs to one workspace: it is stored, hashed, in that workspace's file
  (:mod:`einfluence.store.tokens`), so a token of workspace A is simply unknown to workspace B.
  It is checked on every request (a revoked token stops working at once) and has a scope:
  ``read`` (every GET, and the read-only POSTs such as scoring texts' sentiment), ``write``
  (imports, runs, plans, brands, actions, jobs) or ``admin`` (tokens, server-side import paths
  on top of write). A request for a workspace that is not served, or without a valid token for
  it, is 401 either way, so that names cannot be probed.
* **The browser session.** ``/login?token=...`` (the link ``einfluence serve`` prints) checks the
  token against each served workspace and opens a session: an ``HttpOnly``, ``SameSite=Strict``
  cookie (``Secure`` behind HTTPS) naming a random session id kept in the server's memory with
  the tokens it was opened with, re-checked on every request. Scripts use the
  ``Authorization: Bearer`` header instead.
* **CSRF.** A state-changing request (POST, PUT, PATCH, DELETE) authenticated by the cookie must
  carry the session's CSRF token in ``X-CSRF-Token`` (synchronizer token; the page reads it from
  the ``einfluence_csrf`` cookie or ``GET /api/v1/session``), and a cross-site ``Origin`` or
  ``Sec-Fetch-Site`` is refused. Bearer requests need none: a browser never adds that header by
  itself.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from einfluence.server.problems import Problem

if TYPE_CHECKING:
    from einfluence.server.hosting import WorkspaceHost
    from einfluence.server.state import ServerState

__all__ = ["CSRF_COOKIE", "SESSION_COOKIE", "Caller", "Session", "SessionStore", "require", "token_of"]

SESSION_COOKIE = "einfluence_session"
CSRF_COOKIE = "einfluence_csrf"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SCOPE_RANK = {"read": 0, "write": 1, "admin": 2}
#: a session unused this long is forgotten
SESSION_IDLE_SECONDS = 12 * 3600.0


@dataclass
class Session:
    """A browser session: the tokens it was opened with (per workspace) and its CSRF token."""

    tokens: dict[str, str]
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    last_seen: float = field(default_factory=time.monotonic)


class SessionStore:
    """Sessions in memory, by random id (a restarted server forgets them: log in again)."""

    def __init__(self) -> None:
        self._sessions: dict[str, Session] = {}
        self._lock = threading.Lock()

    def open(self, tokens: dict[str, str]) -> tuple[str, Session]:
        sid = secrets.token_urlsafe(32)
        session = Session(tokens)
        with self._lock:
            self._sessions[sid] = session
        return sid, session

    def get(self, sid: str | None) -> Session | None:
        if not sid:
            return None
        with self._lock:
            session = self._sessions.get(sid)
            now = time.monotonic()
            if session is None or now - session.last_seen > SESSION_IDLE_SECONDS:
                self._sessions.pop(sid, None)
                return None
            session.last_seen = now
            return session

    def close(self, sid: str | None) -> None:
        with self._lock:
            self._sessions.pop(sid or "", None)


@dataclass
class Caller:
    """Who is calling an endpoint of a workspace, and what they may do there."""

    workspace: str
    host: WorkspaceHost
    scope: str
    token_key: str
    token_name: str
    via: str  # "bearer" or "cookie"

    def may(self, scope: str) -> bool:
        return SCOPE_RANK[self.scope] >= SCOPE_RANK[scope]


def token_of(request: Request, workspace: str | None = None) -> tuple[str | None, str, Session | None]:
    """The token a request presents: ``(token, how, session)``; a Bearer header wins over the cookie."""
    header = request.headers.get("authorization", "")
    if header:
        scheme, _, value = header.partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            raise Problem(401, "expected 'Authorization: Bearer TOKEN'", headers={"WWW-Authenticate": "Bearer"})
        return value.strip(), "bearer", None
    state: ServerState = request.app.state.einfluence
    session = state.sessions.get(request.cookies.get(SESSION_COOKIE))
    if session is None:
        return None, "none", None
    return (session.tokens.get(workspace) if workspace else None), "cookie", session


def check_csrf(request: Request, session: Session) -> None:
    """A cookie-authenticated request that changes state must prove it comes from our own page."""
    if request.method in SAFE_METHODS:
        return
    site = request.headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        raise Problem(403, f"cross-site request refused (Sec-Fetch-Site: {site})")
    origin = request.headers.get("origin")
    if origin is not None and origin.rstrip("/") != f"{request.url.scheme}://{request.url.netloc}":
        raise Problem(403, f"cross-origin request refused (Origin: {origin})")
    given = request.headers.get(CSRF_HEADER, "")
    if not given or not hmac.compare_digest(given, session.csrf):
        raise Problem(403, "missing or wrong CSRF token: send the session's token in X-CSRF-Token",
                      field="X-CSRF-Token")


def require(scope: str) -> Callable[[Request, str], Awaitable[Caller]]:
    """A dependency admitting the callers of a workspace whose token has at least ``scope``.

    It runs on the event loop: a token already verified since the last write is found without
    waiting; checking it in the file (which may have to be opened) goes to the thread pool.
    """

    async def dependency(request: Request, workspace: str) -> Caller:
        state: ServerState = request.app.state.einfluence
        token, via, session = token_of(request, workspace)
        host = state.hosts.get(workspace)
        unauthorised = Problem(401, f"no valid token for workspace {workspace!r} (unknown, revoked or absent)",
                               headers={"WWW-Authenticate": "Bearer"})
        if token is None or host is None:
            raise unauthorised
        info = host.peek_token(token)
        if info is None:
            info = await run_in_threadpool(_verify, host, token)
        if info is None:
            raise unauthorised
        if session is not None:
            check_csrf(request, session)
        if SCOPE_RANK[info["scope"]] < SCOPE_RANK[scope]:
            raise Problem(403, f"this needs a {scope} token; yours ({info['name']!r}) is {info['scope']}")
        return Caller(workspace, host, info["scope"], info["key"], info["name"], via)

    dependency.__name__ = f"require_{scope}"
    return dependency


def _verify(host: WorkspaceHost, token: str) -> dict | None:
    """The token's row, or a 503 when another program holds the file (whom, by PID only: the
    caller is not authenticated yet, so neither the file's path nor the command line is shown)."""
    import re

    from einfluence.exceptions import StoreError

    try:
        return host.verify(token)
    except StoreError as exc:
        pid = re.search(r"\(PID (\d+)", str(exc))
        who = f"another program (PID {pid.group(1)})" if pid else "another program"
        raise Problem(503, f"workspace {host.name!r} is busy: {who} holds its file; retry shortly",
                      headers={"Retry-After": "2"}) from None


def login_tokens(state: ServerState, token: str) -> dict[str, str]:
    """The served workspaces a token is valid for (name -> token)."""
    valid = {}
    for name, host in state.hosts.items():
        if _verify(host, token) is not None:
            valid[name] = token
    return valid
