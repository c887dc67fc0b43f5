"""The version of einfluence (read by the packaging metadata too: ``pyproject.toml``)."""

__version__ = "0.1.0.dev0"
