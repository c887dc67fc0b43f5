"""Starting the server: open the workspaces, print the URL (and the first run's login link), run uvicorn."""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Callable

from einfluence.server.config import ServerConfig

__all__ = ["base_url", "serve"]


def base_url(host: str, port: int) -> str:
    """The URL a person on this machine opens (the loopback address for a wildcard host)."""
    shown = {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "::": "[::1]"}.get(host, host)
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}"


def serve(config: ServerConfig, *, say: Callable[[str], None] | None = None) -> None:
    """Serve the workspaces of ``config`` until interrupted.

    On start every file is opened once (migrated; jobs a stopped server left running are marked
    failed), then let go; a workspace without an admin token gets one, printed once as a login
    link (the same token for all of them).
    """
    import uvicorn

    from einfluence.server.app import create_app
    from einfluence.server.state import ServerState

    show = say or (lambda line: print(line, flush=True))
    logging.basicConfig(level=logging.WARNING, format="einfluence serve: %(levelname)s: %(message)s",
                        stream=sys.stderr)
    state = ServerState(config)
    state.start()
    try:
        token = state.first_admin_token()
    except BaseException:
        state.stop()
        raise
    url = base_url(config.host, config.port)
    lines: list[str] = []
    say = lines.append
    say(f"einfluence serve: {len(state.hosts)} workspace(s) at {url}/api/v1 (docs: {url}/api/v1/docs; "
        f"dashboard: {url}/)")
    for name, host in state.hosts.items():
        failed = state.interrupted.get(name) or []
        note = f"; jobs interrupted by the last stop, marked failed: {failed}" if failed else ""
        say(f"  {name}: {host.path}{note}")
    if token is not None:
        say("first run: an admin token was created (shown only now); log in (to the dashboard) with this link:")
        say(f"  {url}/login?token={token}")
    else:
        say("log in with a token: einfluence token create --db FILE --scope read|write|admin --name NAME")
    app = create_app(config, state)

    class Server(uvicorn.Server):
        async def startup(self, sockets: list | None = None) -> None:
            await super().startup(sockets=sockets)
            if self.started:  # listening: the link works from now on
                for line in lines:
                    show(line)

    server = Server(uvicorn.Config(app, host=config.host, port=config.port, log_level="warning",
                                   access_log=False, lifespan="on", timeout_graceful_shutdown=15,
                                   timeout_keep_alive=30))
    try:
        server.run()
    finally:
        if not server.started and token is not None:  # never shown: it must not stay valid
            for host in state.hosts.values():
                with host.writing() as ws, contextlib.suppress(Exception):
                    ws.revoke_token(token.split("_")[1])
            state.stop()
