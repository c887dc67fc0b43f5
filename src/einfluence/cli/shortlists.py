"""Commands for saved shortlists: ``shortlist save|list|show|delete`` (the dashboard's
Influencers page saves them too; ``plan`` and ``seeds`` take one as ``--target-shortlist``)."""

import json
from typing import Annotated

import typer
from rich import box
from rich.table import Table

from einfluence.cli.common import DbOption, fails_cleanly, open_workspace, out
from einfluence.settings import DEFAULT_DB

__all__ = ["shortlist_app"]

shortlist_app = typer.Typer(help="Saved shortlists of accounts: save, list, show, delete.", no_args_is_help=True)
JsonOption = Annotated[bool, typer.Option("--json", metavar="", help="Print JSON instead of a table.")]


@shortlist_app.command("save")
@fails_cleanly
def shortlist_save(
    name: Annotated[str, typer.Argument(help="The shortlist's name (replaces the one of that name).")],
    accounts: Annotated[list[str], typer.Argument(help="Source ids or @handles, in order.")],
    db: DbOption = DEFAULT_DB,
    network: Annotated[str | None, typer.Option("--network", help="The accounts' network.")] = None,
) -> None:
    """Save accounts under a name."""
    with open_workspace(db) as ws:
        saved = ws.save_shortlist(name, accounts, network=network)
    out.print(f"shortlist {saved['name']!r}: {saved['n_accounts']} account(s)")


@shortlist_app.command("list")
@fails_cleanly
def shortlist_list(db: DbOption = DEFAULT_DB, as_json: JsonOption = False) -> None:
    """The saved shortlists."""
    with open_workspace(db, read_only=True) as ws:
        found = ws.saved_shortlists()
    if as_json:
        print(json.dumps(found, indent=2, default=str))
        return
    grid = Table(box=box.SIMPLE)
    for column in ("shortlist", "accounts", "saved by", "updated"):
        grid.add_column(column)
    for s in found:
        grid.add_row(s["name"], f"{s['n_accounts']:,}", s["created_by"] or "",
                     f"{s['updated_at']:%Y-%m-%d %H:%M}")
    out.print(grid)


@shortlist_app.command("show")
@fails_cleanly
def shortlist_show(
    name: Annotated[str, typer.Argument(help="The shortlist's name.")],
    db: DbOption = DEFAULT_DB,
    as_json: JsonOption = False,
) -> None:
    """A saved shortlist's accounts, in order, and the filters they were picked with."""
    with open_workspace(db, read_only=True) as ws:
        found = ws.saved_shortlist(name)
    if as_json:
        print(json.dumps(found, indent=2, default=str))
        return
    grid = Table(title=f"{found['name']} ({found['n_accounts']} accounts)", box=box.SIMPLE)
    for column in ("#", "account", "network", "handle", "name"):
        grid.add_column(column)
    for i, a in enumerate(found["accounts"], start=1):
        grid.add_row(str(i), str(a["account"]), a["network"], a["handle"] or "",
                     a.get("name") or "")
    out.print(grid)
    if found["filters"]:
        out.print("picked with: " + json.dumps(found["filters"], ensure_ascii=False, sort_keys=True))


@shortlist_app.command("delete")
@fails_cleanly
def shortlist_delete(
    name: Annotated[str, typer.Argument(help="The shortlist's name.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Delete a saved shortlist (plans made with it keep their target)."""
    with open_workspace(db) as ws:
        ws.delete_shortlist(name)
    out.print(f"shortlist {name.strip()!r} deleted")
