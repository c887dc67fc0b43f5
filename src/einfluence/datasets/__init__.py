"""Datasets shipped with einfluence: the seeded synthetic demo world and its planted truth."""

from einfluence.datasets.demo_world import DemoWorld, make_demo_world

__all__ = ["DemoWorld", "make_demo_world"]
