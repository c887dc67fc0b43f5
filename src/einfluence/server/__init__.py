"""``einfluence serve``: the server behind the dashboard, scripts and other tools.

FastAPI on uvicorn, one workspace per database file, a versioned REST API under ``/api/v1``
(routers per area in :mod:`einfluence.server.routers`), background jobs for long work, tokens
and a browser session for access. Every endpoint calls the :class:`~einfluence.Workspace`:
the command line, the API and the dashboard cannot disagree.

* :mod:`~einfluence.server.hosting` — one served file: connection life cycle, reads, the writer;
* :mod:`~einfluence.server.jobs` — jobs, their progress and cancellation;
* :mod:`~einfluence.server.auth` — tokens, the session cookie, scopes, CSRF;
* :mod:`~einfluence.server.problems` — errors as RFC 9457 problem details;
* :mod:`~einfluence.server.deps` — what the routers inject (callers by scope, the window, job waits);
* :mod:`~einfluence.server.app` — the application, its limits and offline docs;
* :mod:`~einfluence.server.runner` — starting it (the login link of the first run).
"""

from einfluence.server.config import ServerConfig

__all__ = ["ServerConfig", "create_app", "serve"]


def create_app(*args, **kwargs):
    """See :func:`einfluence.server.app.create_app`."""
    from einfluence.server.app import create_app as make

    return make(*args, **kwargs)


def serve(*args, **kwargs):
    """See :func:`einfluence.server.runner.serve`."""
    from einfluence.server.runner import serve as run

    return run(*args, **kwargs)
