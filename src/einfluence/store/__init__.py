"""The DuckDB store: schema and migrations, all-or-nothing idempotent imports, queries and runs.

Every SQL statement of einfluence lives in this package. Its modules are imported on first use
(``from einfluence.store.schema import SCHEMA_VERSION`` loads no database driver).
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "DEFAULT_DB",
    "ImportResult",
    "IngestCounts",
    "connect",
    "import_files",
    "import_records",
    "ingest_records",
    "interaction_arrays",
    "schema_version",
    "stats",
    "transaction",
]

_HOME = {
    "DEFAULT_DB": "database", "connect": "database", "schema_version": "database", "transaction": "database",
    "ImportResult": "imports", "import_files": "imports", "import_records": "imports",
    "IngestCounts": "ingest", "ingest_records": "ingest",
    "interaction_arrays": "queries", "stats": "queries",
}


def __getattr__(name: str) -> Any:
    if name in _HOME:
        import importlib

        return getattr(importlib.import_module(f"einfluence.store.{_HOME[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
