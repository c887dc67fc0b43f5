"""The execution engine of a workspace: ``local`` (this process) or ``spark`` (Apache Spark).

Checked here, at the edge, so that a bad option is one line before anything starts; the Spark
engine itself lives in :mod:`einfluence.spark` and pyspark is imported only when it runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from einfluence.exceptions import InputError

if TYPE_CHECKING:
    from einfluence.spark import SparkConfig

__all__ = ["ENGINES", "engine_config", "engine_record"]

#: the engines a workspace can compute with
ENGINES: tuple[str, ...] = ("local", "spark")


def engine_config(
    engine: str = "local",
    *,
    master: str | None = None,
    remote: str | None = None,
    conf: Mapping[str, str] | None = None,
) -> SparkConfig | None:
    """None for the local engine, the :class:`~einfluence.spark.SparkConfig` of the Spark one.

    Raises
    ------
    InputError
        On an unknown engine, Spark options without ``engine="spark"``, or both ``master``
        and ``remote``.

    Examples
    --------
    >>> engine_config("local") is None
    True
    >>> engine_config("spark", master="local[2]").describe()
    {'name': 'spark', 'master': 'local[2]'}
    """
    if engine not in ENGINES:
        raise InputError(f"expected one of {', '.join(ENGINES)}, got {engine!r}", parameter="engine")
    if engine == "local":
        if master is not None or remote is not None or conf:
            given = "--master" if master is not None else "--remote" if remote is not None else "spark_conf"
            raise InputError(f"{given} needs --engine spark", parameter="engine")
        return None
    from einfluence.exceptions import ParameterError
    from einfluence.spark import SparkConfig

    try:
        return SparkConfig(master=master, remote=remote, conf=dict(conf or {})).validated()
    except ParameterError as error:
        raise InputError(error.message, parameter=error.parameter) from None


def engine_record(config: SparkConfig | None) -> dict[str, Any] | None:
    """What a run's request records of its engine (None for the local one: runs made before
    engines existed stay found)."""
    return None if config is None else {"name": "spark"}
