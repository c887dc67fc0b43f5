"""Random streams and memory prefetch for the seed-selection kernels.

Every random object (one RR set, one simulation) has its own counter-based stream,
``splitmix64`` [1]_ seeded by a 64-bit base seed and the object's global index: results do not
depend on how the work is split between threads, nor on their number. The state is a plain
uint64 passed by value.

References
----------
.. [1] G. L. Steele, D. Lea and C. H. Flood, "Fast splittable pseudorandom number generators",
   Proc. OOPSLA 2014, pp. 453-472. https://doi.org/10.1145/2660193.2660195
"""

from __future__ import annotations

import numpy as np
from llvmlite import ir
from numba import types
from numba.core import cgutils
from numba.extending import intrinsic

from einfluence.base.jit import njit
from einfluence.base.splitmix import GOLDEN, TO_UNIT, mix

__all__ = ["next_double", "next_open", "prefetch", "stream"]

_GOLDEN = GOLDEN
_TO_UNIT = TO_UNIT
_S11 = np.uint64(11)
_ONE = np.uint64(1)
_mix = mix


@njit(cache=True, inline="always")
def stream(base, index):
    """Initial state of the stream of object ``index``."""
    return _mix(base ^ _mix(np.uint64(index) * _GOLDEN + _ONE))


# The random state is a plain uint64 passed by value, and no helper called in a hot loop takes
# an array: numba would otherwise count references to each array argument at each call, with
# atomic operations on counters the threads share.


@njit(cache=True, inline="always")
def next_double(state):
    """Advance ``state`` (uint64): the new state and a uniform double in [0, 1)."""
    state += _GOLDEN
    return state, (_mix(state) >> _S11) * _TO_UNIT


@njit(cache=True, inline="always")
def next_open(state):
    """The new state and a uniform double in (0, 1]."""
    state += _GOLDEN
    return state, ((_mix(state) >> _S11) + _ONE) * _TO_UNIT


@intrinsic
def prefetch(typingctx, arr, idx):
    """Hint the CPU to bring ``arr[idx]`` into the cache (``llvm.prefetch``; no bounds check, no fault)."""
    sig = types.void(arr, idx)

    def codegen(context, builder, signature, args):
        aryty = signature.args[0]
        ary = context.make_array(aryty)(context, builder, args[0])
        ptr = cgutils.get_item_pointer(context, builder, aryty, ary, [args[1]], wraparound=False)
        i8p = ir.IntType(8).as_pointer()
        i32 = ir.IntType(32)
        fnty = ir.FunctionType(ir.VoidType(), [i8p, i32, i32, i32])
        fn = cgutils.get_or_insert_function(builder.module, fnty, "llvm.prefetch.p0i8")
        # read access, high temporal locality, data cache
        builder.call(fn, [builder.bitcast(ptr, i8p), ir.Constant(i32, 0), ir.Constant(i32, 3), ir.Constant(i32, 1)])
        return context.get_dummy_value()

    return sig, codegen
