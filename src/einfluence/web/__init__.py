"""The web dashboard of ``einfluence serve`` (issue #13): server-rendered pages over the API.

Every page is thin: it parses its query, asks the server's own ``/api/v1`` endpoints in process
(:mod:`einfluence.web.calls`, with the visitor's session), and renders the answer with Jinja2
(autoescaping on) and the figure builders of :mod:`einfluence.figures`. Long work (a campaign
plan, an import) is a job of the API, followed by the page with a progress bar. Every script,
style and font is served by einfluence itself (``/static``): the figures' plotly.js
(:mod:`einfluence.figures.plotlyjs`), sigma.js and graphology vendored with their licences
(``static/vendor/README.md``).
"""

from __future__ import annotations

from typing import Any

__all__ = ["mount"]


def mount(app: Any) -> None:
    """Add the dashboard's pages, its extra read endpoints and its static files to the API app."""
    from einfluence.server.app import API
    from einfluence.web.api import router as api_router
    from einfluence.web.pages import install
    from einfluence.web.static import install as install_static

    app.include_router(api_router, prefix=API)
    install_static(app)
    install(app)
