"""The ``einfluence`` command line interface (typer + rich)."""

from einfluence.cli.app import app, main

__all__ = ["app", "main"]
