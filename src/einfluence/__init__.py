"""einfluence: influence-marketing analytics on an embedded DuckDB store.

The layers, in the order imports flow (each imports only from the layers above it):

``einfluence.base``
    The shared vocabulary: array types, kinds, time units, progress, seeding, validation.
``einfluence.io``
    Readers for public formats; each turns files into validated :class:`~einfluence.io.Records`.
``einfluence.store``
    The DuckDB schema, its migrations, all-or-nothing idempotent imports, queries and runs.
``einfluence.graph`` and ``einfluence.text``
    The graph toolkit (CSR interaction graphs, influence graphs, edge selection) and text
    normalisation, shared by every analysis.
``einfluence.scoring``, ``topics``, ``communities``, ``diffusion``, ``targeting``, ``perception``, ``advocacy``
    The analyses: pure functions of arrays and graphs.
:class:`einfluence.Workspace`
    The façade: opens the store, loads windows, calls the analyses, stores their runs.
``einfluence.cli``
    The ``einfluence`` command, which parses, calls the workspace and renders.

Importing ``einfluence`` is light: the workspace (and the libraries it needs) is loaded on first
use of :class:`Workspace`.
"""

from __future__ import annotations

from typing import Any

from einfluence._environment import configure_numba_cache
from einfluence._version import __version__
from einfluence.exceptions import EinfluenceError, InputError, ParameterError, StoreError

configure_numba_cache()

__all__ = ["EinfluenceError", "InputError", "ParameterError", "StoreError", "Workspace", "__version__"]


def __getattr__(name: str) -> Any:
    if name == "Workspace":
        from einfluence.workspace import Workspace

        return Workspace
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
