"""The server's settings, declared once (name, default, help): ``einfluence serve`` options and tests read them.

A setting is a field of :class:`ServerConfig`; :data:`SERVER_SETTINGS` lists them with their
help, and the README's "Server and API" section documents each.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from einfluence.exceptions import ParameterError

__all__ = ["SERVER_SETTINGS", "ServerConfig", "workspace_files"]

#: (name, default, help) of each server setting
SERVER_SETTINGS: tuple[tuple[str, object, str], ...] = (
    ("host", "127.0.0.1", "address to listen on (loopback by default: nothing is open to the network)"),
    ("port", 8000, "port to listen on"),
    ("idle_release", 1.0, "seconds without request or job after which a workspace's file is let go, so that "
                          "einfluence commands can open it (0: keep it open)"),
    ("compute_wait", 120.0, "seconds a read waits for a missing run (the ranking of a new window) to be computed "
                            "before answering 202 with the job"),
    ("max_upload", 1 << 30, "largest upload accepted, in bytes (larger: 413, nothing read further)"),
    ("max_body", 16 << 20, "largest JSON request body, in bytes"),
    ("allow_paths", (), "folders whose files an import may name on the server's disk (none: uploads only)"),
    ("cache_size", 1024, "answers of hot reads (ranking pages, profiles) kept per workspace until its next write "
                         "(0: none)"),
)


@dataclass
class ServerConfig:
    """What an einfluence server serves and how (see :data:`SERVER_SETTINGS` for each field).

    Parameters
    ----------
    databases : list of Path
        The database files served; each is the workspace named by its file stem.
    """

    databases: list[Path]
    host: str = "127.0.0.1"
    port: int = 8000
    idle_release: float = 1.0
    compute_wait: float = 120.0
    max_upload: int = 1 << 30
    max_body: int = 16 << 20
    allow_paths: tuple[Path, ...] = ()
    cache_size: int = 1024
    upload_dir: Path | None = None
    secure_cookies: bool = False
    extra: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.databases = [Path(d) for d in self.databases]
        self.allow_paths = tuple(Path(p).resolve() for p in self.allow_paths)
        names = [d.stem for d in self.databases]
        duplicated = sorted({n for n in names if names.count(n) > 1})
        if duplicated:
            raise ParameterError(f"two databases share the workspace name {duplicated[0]!r} (their file stem)",
                                 parameter="databases")
        if not self.databases:
            raise ParameterError("no database to serve", parameter="databases")


def workspace_files(paths: list[Path]) -> list[Path]:
    """The database files named: a file is itself, a folder stands for every ``*.duckdb`` in it."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(path.glob("*.duckdb")))
        else:
            files.append(path)
    return files
