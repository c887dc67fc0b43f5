"""The generic import on Spark: einfluence's tables read by the cluster, checked by the local rules.

:func:`spark_read_generic` reads generic CSV, JSON Lines and Parquet files (see
:mod:`einfluence.io.generic`) from any path the cluster sees: a local path, or a URI that
Spark's file systems open (``file://``, ``hdfs://``, ``s3a://``...; folders are listed through
Hadoop's file system API). Spark parses the files on the executors (CSV: header line, comma,
``"`` quotes, every column as text; JSON Lines: each value's text, keys in order of first
appearance; Parquet: its types) and hands their rows to the driver in file order, where the
local rules check and convert them (:func:`einfluence.io.generic.read_generic_files`): the same
conversions, the same self-loop rule, the same one-line errors naming the file, the line (the
row for Parquet) and the field. The store then imports the records all or nothing, as locally.

The rows pass through the driver because the store (a DuckDB file) lives there; what Spark
adds is reading files this machine cannot open, and parsing many files in parallel.

References
----------
.. [1] M. Armbrust et al., "Spark SQL: relational data processing in Spark", Proc. SIGMOD
   2015, pp. 1383-1394. https://doi.org/10.1145/2723372.2742797
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from einfluence.base.progress import Progress
from einfluence.exceptions import InputError
from einfluence.i18n import Reason
from einfluence.io.generic import TABLES, input_files, read_generic_files
from einfluence.io.records import Records
from einfluence.spark.frames import is_connect

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["is_uri", "spark_read_generic"]


def is_uri(path: str | Path) -> bool:
    """Whether ``path`` is a URI for Spark's file systems (``scheme://...``) rather than a local path."""
    return "://" in str(path)


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0][:300] if text else type(error).__name__


def _list_uri(session: SparkSession, uri: str) -> list[str]:
    """The table files of a URI: itself, or a folder's files whose names start with a table's name."""
    sc = session.sparkContext
    hpath = sc._jvm.org.apache.hadoop.fs.Path(uri)
    try:
        fs = hpath.getFileSystem(sc._jsc.hadoopConfiguration())
        if not fs.exists(hpath):
            raise InputError(Reason("input.no_file"), path=uri)
        status = fs.getFileStatus(hpath)
        if not status.isDirectory():
            return [uri]
        found = sorted(str(s.getPath().toString()) for s in fs.listStatus(hpath)
                       if s.isFile() and s.getPath().getName().lower().startswith(tuple(TABLES)))
    except InputError:
        raise
    except Exception as error:  # py4j: no file system for the scheme, no access...
        raise InputError(f"Spark cannot list it: {_first_line(error)}", path=uri) from None
    if not found:
        raise InputError(Reason("input.no_table_file"), path=uri)
    return found


def _to_arrow(frame: DataFrame) -> pa.Table:
    if hasattr(frame, "toArrow"):
        return frame.toArrow()
    return pa.Table.from_pandas(frame.toPandas(), preserve_index=False)  # pyspark 3.5


def _raw_json(session: SparkSession, uri: str, shown: Path) -> pa.Table:
    """A JSON Lines file as text columns (each value's text; keys in order of first appearance)."""
    from pyspark.sql import functions as F

    lines = session.read.text(uri).rdd.zipWithIndex().map(lambda r: (r[1] + 1, r[0][0])).toDF(["line", "value"])
    lines = lines.where(F.trim("value") != "").withColumn("keys", F.json_object_keys("value")).cache()
    try:
        bad = lines.where(F.col("keys").isNull()).agg(F.min("line")).first()[0]
        if bad is not None:
            raise InputError("not a JSON object (malformed JSON Lines record)", path=shown, line=int(bad))
        keyed = lines.select("line", F.posexplode("keys").alias("pos", "key"))
        order = keyed.groupBy("key").agg(F.min(F.struct("line", "pos")).alias("first")).orderBy("first").collect()
        keys = [row["key"] for row in order]
        columns = [F.get_json_object("value", "$." + key.replace("'", "\\'")).alias(key) if key.isidentifier()
                   else F.get_json_object("value", f"$['{key}']").alias(key) for key in keys]
        return _to_arrow(lines.orderBy("line").select(*columns))
    finally:
        lines.unpersist()


def _raw_reader(session: SparkSession, uris: dict[Path, str]):
    def read(path: Path, kind: str) -> pa.Table:
        uri = uris[path]
        try:
            if kind == "csv":
                frame = session.read.options(header=True, multiLine=True, quote='"', escape='"', mode="FAILFAST",
                                             inferSchema=False, encoding="UTF-8").csv(uri)
                return _to_arrow(frame)
            if kind == "json":
                return _raw_json(session, uri, path)
            return _to_arrow(session.read.parquet(uri))
        except InputError:
            raise
        except Exception as error:  # Spark's parse errors: malformed CSV, not Parquet...
            raise InputError(f"Spark cannot read it: {_first_line(error)}", path=path) from None

    return read


def spark_read_generic(
    session: SparkSession,
    paths: Sequence[str | Path],
    *,
    progress: Progress | None = None,
    context: Any = None,
    table: str | None = None,
) -> Records:
    """Read einfluence's generic tables with Spark (the arguments of
    :func:`einfluence.io.generic.read_generic`, and the session).

    Parameters
    ----------
    session : SparkSession
        A classic session (``--master``).
    paths : sequence of str or Path
        Local files or folders (listed here, as the local reader does), or URIs of files or
        folders that the cluster opens (listed by Spark).
    progress, context, table
        As for :func:`~einfluence.io.generic.read_generic`.

    Returns
    -------
    Records
        Those of the local reader for the same files.

    Raises
    ------
    InputError
        The local reader's errors for a bad value, column or kind (same message, file, line and
        field); a file Spark cannot parse (malformed CSV or JSON) names the file and Spark's
        reason; a URI Spark cannot list names it. On a file not on this machine, the line of a
        bad value is its record number (the line unless a quoted CSV field spans lines).

    Notes
    -----
    A CSV file is parsed in one task (quoted fields may span lines), several files in parallel;
    the rows of every file come to the driver (the store is there), as Arrow batches.
    """
    if is_connect(session):
        raise InputError("the generic import on Spark needs a classic session (--master), not Spark Connect",
                         parameter="engine")
    uris: dict[Path, str] = {}
    files: list[Path] = []
    for given in paths:
        if is_uri(given):
            for uri in _list_uri(session, str(given)):
                shown = Path(uri)
                uris[shown] = uri
                files.append(shown)
        else:
            for local in input_files([Path(given)]):
                uris[local] = local.resolve().as_uri()
                files.append(local)
    return read_generic_files(files, progress=progress, table=table, raw_reader=_raw_reader(session, uris))
