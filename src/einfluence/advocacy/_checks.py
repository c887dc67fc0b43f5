"""Input checks shared by the advocacy analyses (perception, funnel, outcomes).

Each public function of :mod:`einfluence.advocacy` validates its arrays here at the edge,
then works on what these return.
"""

from __future__ import annotations

import numbers

import numpy as np

from einfluence.base.validation import check_scalar
from einfluence.exceptions import ParameterError

__all__ = ["as_float", "as_int", "check_mentions", "check_time"]


def as_int(values: object, name: str) -> np.ndarray:
    """``values`` as a one-dimensional int64 array (``name`` in the error)."""
    arr = np.asarray(values)
    if arr.ndim != 1:
        raise ParameterError(f"{name} must be one-dimensional, got shape {arr.shape}")
    if arr.size and arr.dtype.kind not in "iu":
        raise ParameterError(f"{name} must hold integers, got {arr.dtype}")
    return arr.astype(np.int64, copy=False)


def as_float(values: object, name: str, n: int) -> np.ndarray:
    """``values`` as a finite float64 array of shape ``(n,)``."""
    arr = np.asarray(values, dtype=np.float64)
    if arr.shape != (n,):
        raise ParameterError(f"{name} must have shape ({n},), got {arr.shape}")
    if not np.isfinite(arr).all():
        raise ParameterError(f"{name} must be finite")
    return arr


def check_time(value: object, name: str) -> int | None:
    """A time in microseconds since the epoch (an integer), or None."""
    if value is None:
        return None
    check_scalar(value, name, numbers.Integral)
    return int(value)  # type: ignore[call-overload]


def check_mentions(mention_post, mention_brand, n_posts: int, n_brands: int):
    """Validated mention arrays, reduced to distinct (post, brand) pairs."""
    post = as_int(mention_post, "mention_post")
    brand = as_int(mention_brand, "mention_brand")
    if post.shape != brand.shape:
        raise ParameterError("mention_post and mention_brand must have the same length")
    if post.size and (post.min() < 0 or post.max() >= n_posts):
        raise ParameterError(f"mention_post must index the posts, in [0, {n_posts})")
    if brand.size and (brand.min() < 0 or brand.max() >= n_brands):
        raise ParameterError(f"mention_brand must lie in [0, n_brands={n_brands})")
    pairs = np.unique(post * n_brands + brand)
    return pairs // n_brands, pairs % n_brands
