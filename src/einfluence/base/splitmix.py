"""SplitMix64, the counter-based generator behind every numba kernel's random streams.

Each simulation, RR set or cascade ``i`` draws from its own stream started at
``mix(base ^ mix(i * GOLDEN + 1))``, so results depend on the seed only, never on how the work
is split across threads. Steele, Lea and Flood, "Fast splittable pseudorandom number
generators", OOPSLA 2014 (https://doi.org/10.1145/2660193.2660195).
"""

from __future__ import annotations

import numpy as np

from einfluence.base.jit import njit

__all__ = ["GOLDEN", "TO_UNIT", "mix"]

#: the stream increment (2**64 / golden ratio)
GOLDEN = np.uint64(0x9E3779B97F4A7C15)
#: 2**-53: 53 random bits to a double in [0, 1)
TO_UNIT = 1.0 / 9007199254740992.0
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_S30 = np.uint64(30)
_S27 = np.uint64(27)
_S31 = np.uint64(31)


@njit(cache=True, inline="always")
def mix(z):  # pragma: no cover - compiled
    """SplitMix64's finaliser: a bijective scramble of 64 bits."""
    z = (z ^ (z >> _S30)) * _M1
    z = (z ^ (z >> _S27)) * _M2
    return z ^ (z >> _S31)
