"""The shared vocabulary of einfluence: what every layer may import.

Nothing here imports a heavy library at import time (no NumPy, DuckDB, numba, SciPy or
pyarrow), so that the command line starts at once and the analyses never pull in the store.

* :mod:`~einfluence.base.kinds` — the kinds of accounts, posts and interactions, and the groups
  of interaction kinds the analyses share (reactions, audience ties).
* :mod:`~einfluence.base.arrays` — the array types that carry data from the store to the
  analyses (:class:`InteractionArrays`, :class:`PostArrays`, :class:`ArcArrays`,
  :class:`AccountArrays`).
* :mod:`~einfluence.base.timeunits` — time in microseconds since the epoch (UTC), the
  :data:`NO_TIME` sentinel and the units :data:`SECOND`, :data:`HOUR`, :data:`DAY`.
* :mod:`~einfluence.base.labels` — how an account is named to a person (:func:`account_label`:
  ``@handle``, else its name, else its source id) and the reference a command takes back.
* :mod:`~einfluence.base.progress` — the :class:`Progress` protocol of long work.
* :mod:`~einfluence.base.random` — seeding (:func:`check_random_state`, :func:`base_seed`).
* :mod:`~einfluence.base.validation` — parameter checks at the public boundary.
* :mod:`~einfluence.base.files` — writing result files whole (:func:`write_atomic`).
* :mod:`~einfluence.base.collector` — :func:`collector_paused`, the cyclic garbage collector
  off while pure-Python readers build millions of objects.
* :mod:`~einfluence.base.jit` — the one door to numba (``njit``, ``copy_into``, ``read_only``):
  it keeps numba's BLAS probe, which imports all of ``scipy.linalg``, out of every command's
  start, and hands kernels their inputs one way (one compile per kernel). It imports numba, so
  only kernels import it.
* :mod:`~einfluence.base.threads` — :func:`in_parts`, work split over threads that run kernels
  releasing the GIL (instead of numba's `prange`, whose parallel compile is the dearest); it
  imports NumPy, so only analyses import it.
* :mod:`~einfluence.base.splitmix` — the counter-based generator of the numba kernels (it imports
  numba through :mod:`~einfluence.base.jit`; only kernels import it).
* :mod:`~einfluence.base.unique` — :func:`unique_ints`, the distinct values of an integer array
  by sorting (NumPy 2.3+'s hashing ``np.unique`` is pathologically slow on large ones); it
  imports NumPy, so only analyses import it.
"""

from einfluence.base.arrays import AccountArrays, ArcArrays, InteractionArrays, PostArrays
from einfluence.base.kinds import (
    ACCOUNT_KINDS,
    AUDIENCE_KINDS,
    INTERACTION_KINDS,
    ORIGINAL_POST_KINDS,
    POST_KINDS,
    REACTION_KINDS,
)
from einfluence.base.labels import account_label, account_reference
from einfluence.base.progress import NullProgress, Progress
from einfluence.base.random import base_seed, check_random_state
from einfluence.base.timeunits import DAY, HOUR, MINUTE, NO_TIME, SECOND
from einfluence.base.validation import check_scalar

__all__ = [
    "ACCOUNT_KINDS",
    "AUDIENCE_KINDS",
    "DAY",
    "HOUR",
    "INTERACTION_KINDS",
    "MINUTE",
    "NO_TIME",
    "ORIGINAL_POST_KINDS",
    "POST_KINDS",
    "REACTION_KINDS",
    "SECOND",
    "AccountArrays",
    "ArcArrays",
    "InteractionArrays",
    "NullProgress",
    "PostArrays",
    "Progress",
    "account_label",
    "account_reference",
    "base_seed",
    "check_random_state",
    "check_scalar",
]
