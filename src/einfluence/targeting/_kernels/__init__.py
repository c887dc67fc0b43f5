"""Numba kernels of seed selection, one module per concept; import the module you need.

* :mod:`.streams`: the counter-based random streams (one per RR set or simulation) and a
  memory prefetch.
* :mod:`.graphs`: the in-CSR and the per-node tables the samplers read.
* :mod:`.rrsets`: reverse-reachable sets (independent cascade, linear threshold) and how many
  of them a seed set meets.
* :mod:`.coverage`: the node -> RR sets index and greedy maximum coverage, plain or budgeted.
* :mod:`.montecarlo`: forward Monte-Carlo spread of a seed set.

Every kernel takes arrays and scalars, is compiled with ``@njit(cache=True)`` and gives the
same result whatever the number of threads. The package imports none of its modules, so that a
command loads only the kernels it runs.
"""
