"""Seeding: one convention for every random choice of einfluence.

A public function takes ``random_state`` (None, a non-negative int or a
:class:`numpy.random.Generator`) and normalises it once with :func:`check_random_state`; numba
kernels receive one integer, :func:`base_seed`, from which every thread derives its own stream
(see :mod:`einfluence.base.splitmix`). The same seed gives the same output whatever the number
of threads.
"""

from __future__ import annotations

import numbers
from typing import TYPE_CHECKING

from einfluence.exceptions import ParameterError

if TYPE_CHECKING:
    import numpy as np

__all__ = ["base_seed", "check_random_state"]


def check_random_state(seed: int | np.random.Generator | None) -> np.random.Generator:
    """Turn ``seed`` into a :class:`numpy.random.Generator`.

    Parameters
    ----------
    seed : None, int or numpy.random.Generator
        None for fresh operating-system entropy (not reproducible), a non-negative integer for
        a reproducible stream (``numpy.random.default_rng(seed)``), or a generator, returned
        as is (so that the caller's stream advances).

    Returns
    -------
    numpy.random.Generator

    Raises
    ------
    ParameterError
        If ``seed`` is a negative integer.
    TypeError
        If ``seed`` is of any other type (a float, a string, a legacy ``RandomState``, a bool).

    Examples
    --------
    >>> rng = check_random_state(0)
    >>> check_random_state(rng) is rng
    True
    """
    import numpy as np

    if seed is None:
        return np.random.default_rng()
    if isinstance(seed, np.random.Generator):
        return seed
    if isinstance(seed, numbers.Integral) and not isinstance(seed, (bool, np.bool_)):
        if seed < 0:
            raise ParameterError(f"seed must be a non-negative integer, got {seed}")
        return np.random.default_rng(int(seed))
    raise TypeError(
        f"seed must be None, an int or a numpy.random.Generator, got {type(seed).__name__}"
    )


def base_seed(random_state: int | np.random.Generator | None) -> int:
    """A 63-bit integer drawn from ``random_state``: the seed of every kernel stream.

    Examples
    --------
    >>> base_seed(0) == base_seed(0)
    True
    """
    return int(check_random_state(random_state).integers(0, 2**63 - 1))
