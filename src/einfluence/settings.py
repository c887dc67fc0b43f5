"""Settings of einfluence, declared once: name, default and help.

Each setting can be overridden by the environment variable ``EINFLUENCE_<NAME>`` (upper case).
The README's "Settings" section lists them; a test keeps the two in step.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from einfluence.exceptions import ParameterError

__all__ = ["DEFAULT_DB", "SETTINGS", "Setting", "get_setting", "import_memory_limit"]

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
            "auto",
            "DuckDB memory limit while an import runs (it spills to disk beyond); bounds peak memory. "
            "auto: a quarter of this machine's memory, at least 1GB",
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


def import_memory_limit() -> str:
    """DuckDB's memory limit for an import: the setting, or for ``auto`` a quarter of the
    machine's physical memory and at least 1 GB.

    The records an import has read wait in memory beside DuckDB's own (about 7 GB for a
    hundred million interactions), so DuckDB is not given most of the machine; but a fixed
    1 GB made it spill so much that such an import took 613 s instead of 284 s with 4 GB on a
    24 GB machine (``python -m benchmarks.run scale``).
    """
    value = get_setting("import_memory_limit").strip()
    if value.lower() != "auto":
        return value
    try:
        physical = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):  # not a POSIX system: the old fixed default
        return "1GB"
    return f"{max(physical // 4, 2**30) // 2**20}MB"
