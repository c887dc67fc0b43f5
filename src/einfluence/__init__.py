"""einfluence: influence-marketing analytics on an embedded DuckDB store.

The layers, in the order imports flow:

``einfluence.io``
    Readers for public formats; each turns files into validated :class:`~einfluence.io.Records`.
``einfluence.store``
    The DuckDB schema, its migrations and the all-or-nothing, idempotent ingestion of records.
``einfluence.graph``
    Numeric (CSR) views of the interaction graph for a time window.
``einfluence.datasets``
    The seeded synthetic demo world, with its planted truth.
``einfluence.cli`` and :class:`einfluence.Workspace`
    Thin interfaces over the layers above.
"""

from einfluence._version import __version__
from einfluence.exceptions import EinfluenceError, InputError, StoreError
from einfluence.workspace import Workspace

__all__ = ["EinfluenceError", "InputError", "StoreError", "Workspace", "__version__"]
