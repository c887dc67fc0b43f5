"""Spark sessions: a local one, a cluster's (``master``) or Spark Connect's (``remote``).

``pyspark`` is imported here only when a session is asked for; without it,
:func:`spark_session` raises a one-line :class:`~einfluence.exceptions.ParameterError` naming
the extra to install.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from einfluence.exceptions import ParameterError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

__all__ = ["INSTALL_HINT", "SparkConfig", "session_settings", "spark_session", "spark_version"]

#: what to install when pyspark is missing
INSTALL_HINT = "pip install -e '.[spark]'"

#: settings of a session made here, unless the caller or the site's ``spark-defaults.conf`` gives
#: others: small shuffles (the score's aggregations are per account), Arrow for the NumPy
#: hand-over, no UI port to collide on
_DEFAULTS: dict[str, str] = {
    "spark.sql.shuffle.partitions": "8",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.session.timeZone": "UTC",
}


@dataclass(frozen=True)
class SparkConfig:
    """Where and how to run on Spark (stored with every run it computes).

    Attributes
    ----------
    master : str or None
        A cluster's master URL (``local[2]``, ``spark://host:7077``, ``yarn``...); None with
        ``remote`` None means ``local[*]``.
    remote : str or None
        A Spark Connect URL (``sc://host:15002``); exclusive with ``master``.
    conf : mapping of str to str
        Extra Spark settings (``spark.executor.memory``, ``spark.sql.shuffle.partitions``...).
    app_name : str
    partitions : int or None
        Partitions of the interactions (None: the session's default parallelism).
    """

    master: str | None = None
    remote: str | None = None
    conf: Mapping[str, str] = field(default_factory=dict)
    app_name: str = "einfluence"
    partitions: int | None = None

    def validated(self) -> SparkConfig:
        if self.master is not None and self.remote is not None:
            raise ParameterError("give --master or --remote, not both", parameter="remote")
        if self.remote is not None and not str(self.remote).startswith("sc://"):
            raise ParameterError(f"expected a Spark Connect URL sc://HOST[:PORT], got {self.remote!r}",
                                 parameter="remote")
        if self.master is not None and not str(self.master).strip():
            raise ParameterError("the master URL is empty", parameter="master")
        if self.partitions is not None and int(self.partitions) < 1:
            raise ParameterError(f"expected at least 1 partition, got {self.partitions}", parameter="partitions")
        return self

    def describe(self) -> dict[str, Any]:
        """What a run records of the engine."""
        out: dict[str, Any] = {"name": "spark"}
        if self.remote is not None:
            out["remote"] = self.remote
        else:
            out["master"] = self.master or "local[*]"
        return out


def _require_pyspark() -> None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise ParameterError(f"the Spark engine needs pyspark, which is not installed: {INSTALL_HINT}",
                             parameter="engine") from None


def _require_java() -> None:
    if os.environ.get("JAVA_HOME") or shutil.which("java"):
        return
    raise ParameterError("the Spark engine needs Java 17 or later (apt-get install openjdk-17-jre-headless), "
                         "or --remote to a Spark Connect server", parameter="engine")


def _site_settings() -> set[str]:
    """The keys this installation's ``spark-defaults.conf`` sets (``$SPARK_CONF_DIR``, else
    ``$SPARK_HOME/conf``). Spark reads the file itself, but what a session's builder is given
    takes precedence over it (Spark's order: the session's own settings, then the command
    line's, then the file's), so einfluence's defaults step aside for each key a site sets.
    A key ends at the first ``=``, ``:`` or blank, as in Java's properties files."""
    folder = os.environ.get("SPARK_CONF_DIR") or (
        os.path.join(os.environ["SPARK_HOME"], "conf") if os.environ.get("SPARK_HOME") else None)
    if folder is None:
        return set()
    try:
        with open(os.path.join(folder, "spark-defaults.conf"), encoding="utf-8") as lines:
            return {re.split(r"[\s=:]", line.strip(), maxsplit=1)[0] for line in lines
                    if line.strip() and not line.lstrip().startswith(("#", "!"))}
    except OSError:
        return set()


def session_settings(config: SparkConfig) -> dict[str, str]:
    """The settings a session of ``config`` is built with: einfluence's defaults but those the
    site's ``spark-defaults.conf`` sets, then ``config.conf`` (only the ``spark.sql.`` ones for
    Spark Connect, whose server owns its UI and driver)."""
    site = _site_settings()
    settings = {key: value for key, value in _DEFAULTS.items() if key not in site}
    if config.remote is None and os.environ.get("PYSPARK_PYTHON", sys.executable) == sys.executable:
        settings["spark.pyspark.python"] = sys.executable
    settings.update({str(k): str(v) for k, v in config.conf.items()})
    if config.remote is not None:
        settings = {k: v for k, v in settings.items() if k.startswith("spark.sql.")}
    return settings


def spark_session(config: SparkConfig | None = None) -> SparkSession:
    """The Spark session of ``config``: the active one when it matches, else a new one.

    Parameters
    ----------
    config : SparkConfig, optional
        Default: ``local[*]``.

    Returns
    -------
    pyspark.sql.SparkSession

    Raises
    ------
    ParameterError
        When pyspark (or, for a classic session, Java) is missing, or ``config`` is invalid; the
        message is one line and names what to install.

    Notes
    -----
    A classic session (``master``) starts a JVM driver in this process; a Spark Connect
    session (``remote``) only opens a gRPC channel, and needs pyspark's connect dependencies
    (pandas, pyarrow, grpcio).
    """
    config = (config or SparkConfig()).validated()
    _require_pyspark()
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(config.app_name)
    if config.remote is not None:
        builder = builder.remote(config.remote)
    else:
        _require_java()
        builder = builder.master(config.master or "local[*]")
    if config.remote is None and not os.environ.get("PYSPARK_PYTHON"):
        # the executors' Python workers run this interpreter (its NumPy, pandas and pyarrow): right
        # on this machine; a cluster elsewhere sets PYSPARK_PYTHON or spark.pyspark.python
        # (pyspark's SparkContext reads the variable, not the setting, for a session made in process)
        os.environ["PYSPARK_PYTHON"] = sys.executable
    for key, value in session_settings(config).items():
        builder = builder.config(key, value)
    try:
        session = builder.getOrCreate()
    except Exception as error:  # py4j, grpc: the first line says what went wrong
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise ParameterError(f"cannot start a Spark session ({config.describe()}): {first}",
                             parameter="engine") from None
    if config.remote is None:
        session.sparkContext.setLogLevel("ERROR")
    return session


def spark_version(session: SparkSession) -> str:
    """The Spark version of a session."""
    return str(session.version)
