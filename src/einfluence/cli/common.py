"""What every command shares: consoles, common options, error handling, date parsing."""


import sys
from collections.abc import Callable
from datetime import UTC, datetime
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar

import typer
import typer.core

from einfluence.cli.output import err, out, visible
from einfluence.exceptions import EinfluenceError, InputError

if TYPE_CHECKING:
    from einfluence.workspace import Workspace

__all__ = [
    "CalibrationOption",
    "DbOption",
    "DefaultCommandGroup",
    "FormatOption",
    "HalfLifeOption",
    "JsonOption",
    "NetworkOption",
    "PlotOption",
    "SinceOption",
    "TableOrJsonOption",
    "UntilOption",
    "err",
    "fails_cleanly",
    "open_workspace",
    "out",
    "plot_path",
    "save_plot",
    "when",
]


DbOption = Annotated[
    Path, typer.Option("--db", metavar="FILE", help="The einfluence database file (DuckDB).", dir_okay=False)
]
JsonOption = Annotated[bool, typer.Option("--json", metavar="", help="Print JSON instead of tables.")]

F = TypeVar("F", bound=Callable[..., Any])


#: options of the ``einfluence`` command itself, which an error of any command may name
_ROOT_OPTIONS = {"server": "--server", "token": "--token"}

#: where ``einfluence --server URL --token T`` sends the commands that run against a server
#: (set by the root callback at every invocation; empty: the database file is used)
REMOTE: dict[str, str] = {}

#: Python parameters that a command's option of another name sets
_OPTION_OF = {"kinds": "kind", "random_state": "seed", "n_simulations": "simulations", "width_hours": "width",
              "step_hours": "step", "n_topics": "topics"}


def _options(func: Callable[..., Any]) -> dict[str, str]:
    """The options of a command function: parameter name -> its flag (``--probabilities``)."""
    import inspect

    options = {}
    for name, param in inspect.signature(func, eval_str=True).parameters.items():
        metadata = getattr(param.annotation, "__metadata__", ())
        infos = [m for m in metadata if isinstance(m, typer.models.OptionInfo)]
        if not infos and not isinstance(param.default, typer.models.OptionInfo):
            continue  # an argument, not an option
        # inside Annotated, typer reads a leading string (stored as the default) as a declaration
        given = [d for info in infos for d in (info.default, *(info.param_decls or ())) if isinstance(d, str)]
        decls = [part for d in given for part in d.split("/")]
        flags = [d for d in decls if d.startswith("--")]
        options[name] = flags[0] if flags else "--" + name.replace("_", "-")
    return options


def error_message(exc: EinfluenceError, options: dict[str, str]) -> str:
    """An error as the command line says it: the parameter at fault named by the option that sets it."""
    message = str(exc)
    if exc.parameter and message.startswith(exc.parameter + ": "):
        option = options.get(exc.parameter) or options.get(_OPTION_OF.get(exc.parameter, ""))
        if option is not None:
            message = option + message[len(exc.parameter):]
    return message.replace("\n", " ")


def fails_cleanly(func: F) -> F:
    """Turn einfluence errors into one line on stderr and exit status 1."""
    options = {**_ROOT_OPTIONS, **_options(func)}

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except EinfluenceError as exc:
            print(f"einfluence: error: {visible(error_message(exc, options))}", file=sys.stderr)
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


def when(value: str | None, option: str) -> datetime | None:
    """Parse an ISO 8601 option value to naive UTC (None stays None); errors name the option."""
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise InputError(f"{option}: not an ISO 8601 date-time: {value!r}") from None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed


SinceOption = Annotated[
    str | None, typer.Option("--since", metavar="ISO8601", help="Use events at or after this time (ISO 8601, UTC).")
]
UntilOption = Annotated[
    str | None, typer.Option("--until", metavar="ISO8601", help="Use only events strictly before this time (ISO 8601, UTC).")
]
NetworkOption = Annotated[
    list[str] | None, typer.Option("--network", metavar="NAME", help="Restrict to a network (repeat for several).")
]
HalfLifeOption = Annotated[
    float | None,
    typer.Option("--half-life", metavar="HOURS", help="Half-life of the time decay, in hours (default: a quarter of the window).", min=0.001),
]
CalibrationOption = Annotated[
    str | None,
    typer.Option("--calibration", help="Use the weights and half-life of a stored calibration: latest, or its id."),
]
EngineOption = Annotated[
    str, typer.Option("--engine", metavar="local|spark",
                      help="Where to compute: local (default) or spark (pip install -e '.\\[spark]').")
]
MasterOption = Annotated[
    str | None, typer.Option("--master", metavar="URL", help="With --engine spark: the master (local[2], spark://HOST:7077).")
]
SparkRemoteOption = Annotated[
    str | None, typer.Option("--remote", metavar="sc://HOST", help="With --engine spark: a Spark Connect server.")
]
FormatOption = Annotated[Literal["table", "csv", "json"], typer.Option("--format", help="Output: table, csv or json.")]
TableOrJsonOption = Annotated[Literal["table", "json"], typer.Option("--format", help="Output: table or json.")]
PlotOption = Annotated[
    Path | None,
    typer.Option("--plot", metavar="FILE", dir_okay=False,
                 help="Also draw the result to FILE: .png or .svg (drawn by headless Chromium), or .html (interactive)."),
]


def plot_path(path: Path | None) -> Path | None:
    """The ``--plot`` file, checked before any work starts (its ending, its folder)."""
    from einfluence.figures.output import check_plot_path

    return None if path is None else check_plot_path(path, "plot")


def save_plot(fig: Any, path: Path, lang: str = "en") -> None:
    """Write a figure to the ``--plot`` file and say so on stderr."""
    from einfluence.figures import save

    save(fig, path, lang=lang)
    err.print(f"wrote {path}")


class DefaultCommandGroup(typer.core.TyperGroup):
    """A command group whose first command is the default: ``einfluence sentiment FILE`` runs
    ``einfluence sentiment score FILE``, while ``einfluence sentiment train --help`` is the help of
    ``train`` (a name that is not a command is the default command's first argument)."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and not args[0].startswith("-") and self.commands:
            args = [next(iter(self.commands)), *args]
        return super().parse_args(ctx, args)


def open_workspace(
    db: Path | str, *, read_only: bool = False, create: bool = False, engine: str = "local",
    master: str | None = None, remote: str | None = None,
) -> "Workspace":
    """The workspace of a command (imported here, so that ``--help`` loads none of the analyses).

    Only the commands that make a database (``init``, ``import``) pass ``create``: any other
    command on a missing file is an error, not a new empty database. ``engine``, ``master`` and
    ``remote`` choose where the scores are computed (checked before the file is opened).
    """
    if REMOTE.get("server"):
        if engine != "local":
            raise InputError("--engine spark runs on the database file, not against --server", parameter="engine")
        return _remote_workspace(db, create=create)
    from einfluence.workspace import Workspace
    from einfluence.workspace.engines import engine_config

    engine_config(engine, master=master, remote=remote)  # one line on a bad option, before opening
    return Workspace(db, read_only=read_only, create=create, engine=engine, master=master, remote=remote)


def _remote_workspace(db: Path | str, *, create: bool) -> Any:
    """The workspace of ``--db`` (its file stem; by default the token's only one) on ``--server``."""
    from einfluence.client import REMOTE_COMMANDS, RemoteWorkspace
    from einfluence.settings import DEFAULT_DB

    if create:
        raise InputError(f"this command does not run against a server (those that do: {', '.join(REMOTE_COMMANDS)}); "
                         "run it on the database file", parameter="server")
    name = None if Path(db) == Path(DEFAULT_DB) else Path(db).stem
    return RemoteWorkspace(REMOTE["server"], REMOTE.get("token", ""), name)
