"""The API's routers, one per area (FastAPI's "Bigger Applications"): each a thin layer that
checks access, calls the :class:`~einfluence.Workspace` and shapes the answer."""
