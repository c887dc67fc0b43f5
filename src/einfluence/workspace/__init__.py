"""The Python API: a :class:`Workspace` opened on one database file, mirroring the CLI.

:mod:`~einfluence.workspace.core` holds storage, imports, the demo world and influence scores;
:mod:`~einfluence.workspace.content` adds what is about content and structure: topics,
topic-sensitive rankings, communities and content briefs.
"""

from einfluence.workspace.core import Workspace

__all__ = ["Workspace"]
