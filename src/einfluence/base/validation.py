"""Validation of parameters at the public boundary."""

from __future__ import annotations

import numbers
from typing import TYPE_CHECKING

from einfluence.exceptions import ParameterError

if TYPE_CHECKING:
    import numpy as np

__all__ = ["as_float", "as_int", "check_scalar", "check_time"]


def check_scalar(
    value: object,
    name: str,
    kind: type | tuple[type, ...] = numbers.Real,
    *,
    min_val: float | None = None,
    max_val: float | None = None,
    include_min: bool = True,
    include_max: bool = True,
) -> object:
    """Check that a parameter is a finite scalar of a type and inside bounds.

    Parameters
    ----------
    value : object
        The value to check.
    name : str
        The parameter name, used in the error message.
    kind : type or tuple of types
        Accepted types, for example ``numbers.Integral`` or ``numbers.Real``. Booleans are
        always refused.
    min_val, max_val : float, optional
        Bounds; None for no bound.
    include_min, include_max : bool
        Whether the bounds themselves are allowed.

    Returns
    -------
    object
        ``value`` unchanged.

    Raises
    ------
    TypeError
        Wrong type.
    ParameterError
        Not finite, or out of bounds (its ``parameter`` is ``name``, its message
        ``"name: must be >= 1, got 0"``).

    Examples
    --------
    >>> check_scalar(3, "n_days", numbers.Integral, min_val=1)
    3
    """
    import numpy as np

    if isinstance(value, (bool, np.bool_)) or not isinstance(value, kind):
        kinds = kind if isinstance(kind, tuple) else (kind,)
        expected = " or ".join(k.__name__ for k in kinds)
        raise TypeError(f"{name} must be of type {expected}, got {type(value).__name__}")
    if isinstance(value, numbers.Real) and not np.isfinite(float(value)):
        raise ParameterError(f"must be finite, got {value}", parameter=name)
    if min_val is not None and (value < min_val or (not include_min and value == min_val)):
        op = ">=" if include_min else ">"
        raise ParameterError(f"must be {op} {min_val}, got {value}", parameter=name)
    if max_val is not None and (value > max_val or (not include_max and value == max_val)):
        op = "<=" if include_max else "<"
        raise ParameterError(f"must be {op} {max_val}, got {value}", parameter=name)
    return value


def as_int(values: object, name: str) -> np.ndarray:
    """``values`` as a one-dimensional int64 array (``name`` in the error)."""
    import numpy as np

    arr = np.asarray(values)
    if arr.ndim != 1:
        raise ParameterError(f"{name} must be one-dimensional, got shape {arr.shape}")
    if arr.size and arr.dtype.kind not in "iu":
        raise ParameterError(f"{name} must hold integers, got {arr.dtype}")
    return arr.astype(np.int64, copy=False)


def as_float(values: object, name: str, n: int) -> np.ndarray:
    """``values`` as a finite float64 array of shape ``(n,)``."""
    import numpy as np

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
