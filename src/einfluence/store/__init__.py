"""The DuckDB store: schema and migrations, all-or-nothing idempotent imports, queries."""

from einfluence.store.database import DEFAULT_DB, connect, schema_version, transaction
from einfluence.store.imports import ImportResult, import_files, import_records
from einfluence.store.ingest import IngestCounts, ingest_records
from einfluence.store.queries import interaction_arrays, stats

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
