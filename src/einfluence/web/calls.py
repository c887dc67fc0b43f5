"""The pages' only way to the numbers: the API itself, called in process.

A page parses its query, asks the same ``/api/v1`` endpoints a script would (with the
visitor's own session, so the same tokens, scopes and cache apply), and renders the answer.
The call goes through the whole ASGI application (middleware, authentication, problem
details) without a socket: there is no second code path for a number shown on a page.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from starlette.requests import Request

__all__ = ["PAGE_WAIT", "Answer", "api_get", "api_path"]

API = "/api/v1"
#: seconds a page's read waits for a missing run or a slow computation (``Prefer: wait``)
PAGE_WAIT = 2.0
_FORWARDED = (b"cookie", b"authorization", b"host", b"accept-language")


@dataclass
class Answer:
    """An API answer: HTTP status and the decoded JSON body."""

    status: int
    body: Any

    @property
    def ok(self) -> bool:
        return self.status == 200

    @property
    def computing(self) -> bool:
        """A run this read needs is being computed as a job (202 Accepted)."""
        return self.status == 202

    @property
    def problem(self) -> str:
        """The problem's detail when the call failed (the API names the field at fault)."""
        if isinstance(self.body, dict):
            detail = str(self.body.get("detail") or self.body.get("title") or "")
            field = self.body.get("field")
            return f"{detail} ({field})" if field else detail
        return f"HTTP {self.status}"


def api_path(workspace: str, *parts: str) -> str:
    """``/api/v1/workspaces/{workspace}/...`` with each part quoted."""
    return "/".join([f"{API}/workspaces/{quote(workspace, safe='')}", *(quote(str(p), safe="") for p in parts)])


def _query(params: dict[str, Any] | None) -> str:
    pairs: list[tuple[str, str]] = []
    for key, value in (params or {}).items():
        if value is None or value == "":
            continue
        for item in value if isinstance(value, list | tuple) else [value]:
            if item is None or item == "":
                continue
            pairs.append((key, str(item).lower() if isinstance(item, bool) else str(item)))
    return urlencode(pairs)


async def api_get(request: Request, path: str, params: dict[str, Any] | None = None) -> Answer:
    """``GET path?params`` answered by this server's API, as the visitor (their cookie or token)."""
    # a page waits briefly for what must be computed: it renders what is ready, and a notice that
    # refreshes it for the rest (the computation goes on, once, whoever asks again)
    headers = [(k, v) for k, v in request.scope.get("headers", []) if k in _FORWARDED]
    headers.append((b"prefer", f"wait={PAGE_WAIT:g}".encode()))
    scope = {
        "type": "http", "asgi": {"version": "3.0", "spec_version": "2.3"}, "http_version": "1.1",
        "method": "GET", "scheme": request.url.scheme, "path": path, "raw_path": path.encode(),
        "root_path": "", "query_string": _query(params).encode(), "headers": headers,
        "client": request.scope.get("client"), "server": request.scope.get("server"),
        "state": dict(request.scope.get("state") or {}),
    }
    status = 500
    chunks: list[bytes] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = int(message["status"])
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await request.app(scope, receive, send)
    raw = b"".join(chunks)
    try:
        body = json.loads(raw) if raw else None
    except ValueError:
        body = raw.decode("utf-8", "replace")
    return Answer(status, body)
