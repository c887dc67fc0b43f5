"""Commands of the server: ``serve`` and ``token create|list|revoke``."""


import json
from pathlib import Path
from typing import Annotated, Literal

import typer
from rich import box
from rich.table import Table

from einfluence.cli.common import fails_cleanly, open_workspace, out
from einfluence.exceptions import InputError
from einfluence.settings import DEFAULT_DB

__all__ = ["serve", "token_app"]

token_app = typer.Typer(help="Access tokens of the server: create (shown once), list, revoke.", no_args_is_help=True)

TokenDbOption = Annotated[
    Path | None, typer.Option("--db", metavar="FILE", help="The workspace's database file.", dir_okay=False)
]
WorkspaceOption = Annotated[
    str | None, typer.Option("--workspace", metavar="NAME", help="The workspace NAME: the file NAME.duckdb here.")
]


def _token_db(db: Path | None, workspace: str | None) -> Path:
    if db is not None and workspace is not None:
        raise InputError("give --db or --workspace, not both")
    if workspace is not None:
        if not workspace or Path(workspace).name != workspace:
            raise InputError(f"--workspace: a workspace is a file stem, not a path: {workspace!r}")
        return Path(workspace if workspace.endswith(".duckdb") else f"{workspace}.duckdb")
    return db or DEFAULT_DB


@token_app.command("create")
@fails_cleanly
def token_create(
    name: Annotated[str, typer.Option("--name", metavar="NAME", help="What the token is for (who holds it).")],
    scope: Annotated[
        Literal["read", "write", "admin"], typer.Option("--scope", help="read, write (imports, runs, plans) or admin.")
    ] = "read",
    db: TokenDbOption = None,
    workspace: WorkspaceOption = None,
) -> None:
    """Create a token for one workspace; it is printed once, alone on the last line (only its hash is kept)."""
    path = _token_db(db, workspace)
    with open_workspace(path) as ws:
        token, row = ws.create_token(name=name, scope=scope)
    out.print(f"token #{row['token_id']} {row['name']!r} ({row['scope']}) for {path}: shown once, keep it safe")
    print(token)


@token_app.command("list")
@fails_cleanly
def token_list(
    db: TokenDbOption = None,
    workspace: WorkspaceOption = None,
    as_json: Annotated[bool, typer.Option("--json", metavar="", help="Print JSON instead of a table.")] = False,
) -> None:
    """The workspace's tokens: id, public key, name, scope, created, revoked (never the tokens themselves)."""
    with open_workspace(_token_db(db, workspace), read_only=True) as ws:
        rows = ws.tokens()
    if as_json:
        print(json.dumps(rows, indent=2, default=str))
        return
    grid = Table(box=box.SIMPLE)
    for column in ("id", "key", "name", "scope", "created", "revoked"):
        grid.add_column(column)
    for r in rows:
        grid.add_row(str(r["token_id"]), r["key"], r["name"], r["scope"], str(r["created_at"])[:19],
                     str(r["revoked_at"])[:19] if r["revoked_at"] else "")
    out.print(grid)


@token_app.command("revoke")
@fails_cleanly
def token_revoke(
    token: Annotated[str, typer.Argument(metavar="TOKEN", help="The token's id, public key or name.")],
    db: TokenDbOption = None,
    workspace: WorkspaceOption = None,
) -> None:
    """Revoke a token: it stops working at once, on a running server too."""
    with open_workspace(_token_db(db, workspace)) as ws:
        revoked = ws.revoke_token(token)
    for r in revoked:
        out.print(f"token #{r['token_id']} {r['name']!r} ({r['scope']}) revoked")


@fails_cleanly
def serve(
    databases: Annotated[
        list[Path] | None,
        typer.Argument(metavar="DB", help="Database files (each is the workspace named by its stem), or a "
                                               "folder of them (default: einfluence.duckdb)."),
    ] = None,
    host: Annotated[str, typer.Option(help="Address to listen on (loopback: nothing is open to the network).")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    allow_path: Annotated[
        list[Path] | None,
        typer.Option("--allow-path", metavar="DIR", help="A folder whose files imports may name on this machine "
                                                         "(repeat; none: uploads only)."),
    ] = None,
    max_upload: Annotated[int, typer.Option("--max-upload", metavar="BYTES", help="Largest upload.", min=1)]
    = 1 << 30,
    idle_release: Annotated[
        float, typer.Option("--idle-release", metavar="SECONDS", min=0,
                            help="Let an unused file go after this long, for einfluence commands (0: never).")
    ] = 1.0,
    cache_size: Annotated[
        int, typer.Option("--cache-size", metavar="N", min=0,
                          help="Answers of hot reads kept per workspace until its next write (0: none).")
    ] = 1024,
    compute_wait: Annotated[
        float, typer.Option("--compute-wait", metavar="SECONDS", min=0,
                            help="How long a read waits for a missing run to be computed before answering 202.")
    ] = 120.0,
) -> None:
    """Serve the workspaces over HTTP: the REST API (/api/v1), its docs, background jobs, tokens.

    On the first run each workspace without an admin token gets one, printed once as a login
    link (http://127.0.0.1:PORT/login?token=...). Stop with Ctrl-C; running jobs are then
    cancelled and rolled back.
    """
    from einfluence.server import ServerConfig
    from einfluence.server import serve as run
    from einfluence.server.config import workspace_files

    files = workspace_files(list(databases or [DEFAULT_DB]))
    if not files:
        raise InputError("no .duckdb file to serve in the folder(s) given")
    for f in files:
        if not f.is_file():
            raise InputError(f"{f}: no such database (create one with 'einfluence init --db {f}', or import into it)")
    for folder in allow_path or []:
        if not folder.is_dir():
            raise InputError(f"--allow-path: {folder}: not a folder")
    run(ServerConfig(files, host=host, port=port, allow_paths=tuple(allow_path or ()), max_upload=max_upload,
                     idle_release=idle_release, compute_wait=compute_wait, cache_size=cache_size))
