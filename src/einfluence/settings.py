"""Settings of einfluence, declared once: name, default and help.

Each setting can be overridden by the environment variable ``EINFLUENCE_<NAME>`` (upper case).
The README's "Settings" section lists them; a test keeps the two in step.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from einfluence.exceptions import ParameterError

__all__ = ["DEFAULT_DB", "SETTINGS", "Setting", "get_setting"]

#: the database file a command or a workspace opens when none is named
DEFAULT_DB = Path("einfluence.duckdb")


@dataclass(frozen=True)
class Setting:
    """One setting: its name, default value (text) and a one-line help."""

    name: str
    default: str
    help: str

    @property
    def env(self) -> str:
        return "EINFLUENCE_" + self.name.upper()


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting(
            "import_memory_limit",
            "1GB",
            "DuckDB memory limit while an import runs (it spills to disk beyond); bounds peak memory",
        ),
        Setting("threads", "0", "DuckDB worker threads; 0 lets DuckDB use every core"),
        Setting("lock_wait", "0", "seconds to keep retrying while another process holds the database file"),
    )
}


def get_setting(name: str) -> str:
    """The value of a setting: its environment variable if set, else its default."""
    try:
        setting = SETTINGS[name]
    except KeyError:
        raise ParameterError(f"unknown setting {name!r} (known: {', '.join(SETTINGS)})") from None
    return os.environ.get(setting.env, setting.default)
