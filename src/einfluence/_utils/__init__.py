"""Private helpers shared by the packages of einfluence (not a public API)."""

from einfluence._utils.validation import check_random_state, check_scalar

__all__ = ["check_random_state", "check_scalar"]
