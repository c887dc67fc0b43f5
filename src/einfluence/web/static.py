"""The dashboard's static files: its own, the vendored scripts, and the figures' plotly.js
(:mod:`einfluence.figures.plotlyjs`; served, not embedded in each page, so that a browser
caches it once)."""

from __future__ import annotations

import functools
import gzip
import hashlib
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.staticfiles import StaticFiles

__all__ = ["STATIC", "install", "plotly_url"]

STATIC = Path(__file__).parent / "static"
_CACHE = "public, max-age=3600"


class _Static(StaticFiles):
    """Static files that a browser may keep an hour (the API's answers are never cached)."""

    async def get_response(self, path: str, scope: Any) -> Response:
        response = await super().get_response(path, scope)
        if response.status_code == 200:
            response.headers["Cache-Control"] = _CACHE
        return response


@functools.lru_cache(maxsize=1)
def _plotly() -> tuple[bytes, bytes, str]:
    """The figures' plotly.js: the file, gzip-compressed, and a tag of its content."""
    from einfluence.figures.plotlyjs import plotly_js

    raw = plotly_js().encode("utf-8")
    return raw, gzip.compress(raw, compresslevel=6, mtime=0), hashlib.sha256(raw).hexdigest()[:12]


def plotly_url() -> str:
    """The URL of plotly.js, naming its content (a new plotly.js, a new URL: no stale cache)."""
    return f"/static/plotly-{_plotly()[2]}.min.js"


def install(app: Any) -> None:
    @app.get("/static/plotly-{tag}.min.js", include_in_schema=False)
    def plotly_js(request: Request, tag: str) -> Response:
        raw, packed, current = _plotly()
        headers = {"Cache-Control": "public, max-age=86400, immutable", "ETag": f'"{current}"', "Vary": "Accept-Encoding"}
        if request.headers.get("if-none-match") == f'"{current}"':
            return Response(status_code=304, headers=headers)
        if "gzip" in request.headers.get("accept-encoding", ""):
            return Response(packed, media_type="text/javascript", headers={**headers, "Content-Encoding": "gzip"})
        return Response(raw, media_type="text/javascript", headers=headers)

    app.mount("/static", _Static(directory=STATIC), name="static")
