"""Arrays to Spark DataFrames and back.

A classic session reads the arrays from Parquet files written to a staging folder that the
cluster sees (a local temporary folder by default: right for ``local[N]`` and for a cluster on
this machine; give ``staging`` a shared path, ``hdfs://`` or ``s3a://``, for a remote one). A
Spark Connect session receives them as Arrow batches through its channel.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["Staging", "collect_columns", "freeze_worker", "is_connect", "on_executor", "scatter"]

F = TypeVar("F", bound=Callable[..., Any])


def freeze_worker() -> None:
    """Make the garbage collections of the Spark Python worker running this cheap (see below).

    PySpark's worker process calls ``gc.collect()`` after every task it runs. Once a task has
    imported NumPy, pandas and einfluence's kernels, that full collection walks hundreds of
    thousands of long-lived objects: 193 collections took 9.1 CPU-seconds over the Spark tests
    (47 ms each), a cost paid again by every small task of an iterative job (PageRank, label
    propagation). So the functions run on the executors first move every object alive in the
    worker to the permanent generation (:func:`gc.freeze`), which later collections skip; what
    a task allocates afterwards is still collected. The previous task's garbage is already gone
    then (the collection after it); only a reference cycle left by an earlier row of the same
    ``rdd.map`` task would be kept, and these functions make none. In the driver's process (a
    function applied there to collected rows) it does nothing. The functions given to
    ``applyInPandas`` call it first (Spark reads their arity, which a wrapper would hide); the
    others are wrapped by :func:`on_executor`.
    """
    from pyspark import TaskContext

    if TaskContext.get() is not None:
        gc.freeze()


def on_executor(function: F) -> F:
    """``function``, calling :func:`freeze_worker` first: for ``rdd.map`` and ``mapInPandas``."""

    @functools.wraps(function)
    def run(*args: Any, **kwargs: Any) -> Any:
        freeze_worker()
        return function(*args, **kwargs)

    return run  # type: ignore[return-value]


def is_connect(session: SparkSession) -> bool:
    """Whether ``session`` is a Spark Connect session (no SparkContext, no RDDs)."""
    return type(session).__module__.startswith("pyspark.sql.connect")


class Staging:
    """A folder of Parquet files handed to Spark, removed on :meth:`close`.

    Parameters
    ----------
    session : SparkSession
    folder : str, optional
        Where to write (a local path); a new temporary folder by default.
    """

    def __init__(self, session: SparkSession, folder: str | None = None) -> None:
        self.session = session
        self._owned = folder is None
        self.folder = Path(folder or tempfile.mkdtemp(prefix="einfluence-spark-"))

    def frame(self, columns: Mapping[str, np.ndarray], partitions: int | None = None) -> DataFrame:
        """A DataFrame of equally long NumPy columns."""
        import pyarrow as pa

        table = pa.table({name: np.ascontiguousarray(values) for name, values in columns.items()})
        if is_connect(self.session):
            frame = self.session.createDataFrame(table)
        else:
            import pyarrow.parquet as pq

            path = self.folder / f"{uuid.uuid4().hex}.parquet"
            # row groups of a million rows: Spark splits the file into that many tasks at most
            pq.write_table(table, path, row_group_size=1 << 20)
            frame = self.session.read.parquet(path.as_uri())
        return frame.repartition(partitions) if partitions else frame

    def close(self) -> None:
        if self._owned:
            shutil.rmtree(self.folder, ignore_errors=True)


@contextlib.contextmanager
def staging(session: SparkSession, folder: str | None = None) -> Iterator[Staging]:
    """A :class:`Staging` removed at the end of the block."""
    stage = Staging(session, folder)
    try:
        yield stage
    finally:
        stage.close()


def collect_columns(frame: DataFrame, names: tuple[str, ...]) -> dict[str, np.ndarray]:
    """The columns of a (small: one row per account) DataFrame as NumPy arrays, through Arrow."""
    if hasattr(frame, "toArrow"):
        table = frame.select(*names).toArrow()
        return {name: table.column(name).to_numpy(zero_copy_only=False) for name in names}
    pdf = frame.select(*names).toPandas()  # pyspark 3.5
    return {name: pdf[name].to_numpy() for name in names}


def scatter(n: int, index: np.ndarray, values: np.ndarray, fill: float = 0.0) -> np.ndarray:
    """A length-``n`` float64 array with ``values`` at ``index`` and ``fill`` elsewhere."""
    out = np.full(n, fill, dtype=np.float64)
    out[np.asarray(index, dtype=np.int64)] = np.asarray(values, dtype=np.float64)
    return out
