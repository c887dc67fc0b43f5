"""What a running server holds: its settings, one host per served workspace, the sessions."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
from pathlib import Path

from einfluence.server.auth import SessionStore
from einfluence.server.config import ServerConfig
from einfluence.server.hosting import WorkspaceHost

__all__ = ["ServerState"]

log = logging.getLogger("einfluence.server")

#: the server's own temporary folders: ``einfluence-{kind}-{pid}-{random}`` in the system's temp folder
_TEMP_KINDS = ("reports", "uploads")


def _private_folder(kind: str) -> Path:
    """A new private temporary folder named after this process (see :func:`_sweep_orphans`)."""
    return Path(tempfile.mkdtemp(prefix=f"einfluence-{kind}-{os.getpid()}-"))


def _sweep_orphans() -> list[Path]:
    """Remove the temporary folders that servers killed without stopping left behind (a report a
    client asked for, files it uploaded): those of this user whose process no longer exists.
    A folder of a live process, or of another user, is left alone. Returns those removed."""
    removed = []
    for kind in _TEMP_KINDS:
        for path in Path(tempfile.gettempdir()).glob(f"einfluence-{kind}-*-*"):
            pid = path.name.split("-")[2]
            try:
                if not pid.isdigit() or path.is_symlink() or path.stat().st_uid != os.getuid():
                    continue
                os.kill(int(pid), 0)
            except ProcessLookupError:
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path)
            except (PermissionError, OSError):  # alive under another user, or gone meanwhile
                continue
    return removed


class ServerState:
    """The served workspaces (by name), the browser sessions and the upload folder.

    Parameters
    ----------
    config : ServerConfig
    """

    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        self.hosts = {path.stem: WorkspaceHost(path.stem, path, idle_release=config.idle_release)
                      for path in config.databases}
        for host in self.hosts.values():
            host.cache_size = int(config.cache_size)
        self.sessions = SessionStore()
        self.upload_dir = Path(config.upload_dir) if config.upload_dir else None
        self._own_upload_dir = False
        #: where report jobs write their files (private, made at start, removed when the server stops)
        self.reports_dir: Path | None = None
        self._stop = threading.Event()
        self._reaper: threading.Thread | None = None
        self.started = False
        self.interrupted: dict[str, list[int]] = {}

    def start(self) -> None:
        """Open each workspace once (migrate, fail the jobs a stopped server left), start the writers
        and the thread that lets idle files go."""
        if self.started:
            return
        for path in _sweep_orphans():
            log.info("removed %s, left by a server that did not stop", path)
        if self.upload_dir is None:
            self.upload_dir = _private_folder("uploads")
            self._own_upload_dir = True
        self.upload_dir.mkdir(parents=True, exist_ok=True)
        self.reports_dir = _private_folder("reports")  # mkdtemp: mode 0700
        started = []
        try:
            for name, host in self.hosts.items():
                self.interrupted[name] = host.start()
                started.append(host)
        except BaseException:
            for host in started:
                host.stop()
            raise
        self._reaper = threading.Thread(target=self._reap, name="einfluence-idle-release", daemon=True)
        self._reaper.start()
        self.started = True

    def first_admin_token(self) -> str | None:
        """Create one admin token for the workspaces that have none (the first run); return it, or
        None when each already has one. The same token opens all of them."""
        from einfluence.store.tokens import new_token

        token = None
        for host in self.hosts.values():
            with host.writing() as ws:
                if ws.has_admin_token():
                    continue
                token = token or new_token()
                ws.create_token(name="first admin (einfluence serve)", scope="admin", token=token)
        return token

    def _reap(self) -> None:
        while not self._stop.wait(min(0.25, max(0.05, self.config.idle_release / 4 or 0.25))):
            for host in self.hosts.values():
                try:
                    host.release_if_idle()
                except Exception:
                    log.exception("workspace %s: could not let the file go", host.name)

    def stop(self) -> None:
        """Stop the writers (running jobs are cancelled and rolled back) and close every file."""
        self._stop.set()
        for host in self.hosts.values():
            host.stop()
        if self._own_upload_dir and self.upload_dir is not None:
            shutil.rmtree(self.upload_dir, ignore_errors=True)
        if self.reports_dir is not None:
            shutil.rmtree(self.reports_dir, ignore_errors=True)
        self.started = False
