"""Shared machinery of the readers: text decoding with exact error locations, reader context."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from einfluence.base.progress import Progress
from einfluence.exceptions import InputError

__all__ = [
    "ReaderContext",
    "decode_utf8",
    "iter_lines",
    "open_binary",
    "read_all_bytes",
    "reader_files",
    "require_file",
]


@dataclass
class ReaderContext:
    """What a reader may know of the store without touching it.

    Attributes
    ----------
    known_accounts : callable
        ``known_accounts(network)`` returns the set of source ids already stored for a network;
        the feeds reader uses it to turn links towards known blogs into hyperlinks.
    """

    known_accounts: Callable[[str], set[str]] = field(default=lambda network: set())


def require_file(path: Path) -> Path:
    """Return ``path`` if it is a readable file, else raise an :class:`InputError` naming it."""
    if not path.exists():
        raise InputError("no such file or directory", path=path)
    if not path.is_file():
        raise InputError("not a regular file", path=path)
    return path


def reader_files(paths: Iterable[Path | str], progress: Progress | None, label: str) -> list[Path]:
    """The files of a reader, each checked by :func:`require_file`; starts ``progress`` in bytes.

    ``label`` names the step for ``progress`` (``"reading tweets"``); the reader then advances
    it by the bytes of each file it reads.
    """
    files = [require_file(Path(p)) for p in paths]
    if progress is not None:
        progress.start(label, sum(f.stat().st_size for f in files))
    return files


def open_binary(path: Path) -> BinaryIO:
    """Open a file for reading bytes, transparently gunzipping ``*.gz`` files."""
    require_file(path)
    if path.suffix == ".gz":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def iter_lines(
    path: Path, *, progress: Progress | None = None, source: str | None = None, stream: BinaryIO | None = None
) -> Iterator[tuple[int, str]]:
    """Yield ``(line_number, text)`` for each line of a UTF-8 (optionally gzipped) text file.

    Line numbers are 1-based; the trailing newline (``\\n`` or ``\\r\\n``) is removed.

    Parameters
    ----------
    path : Path
        The file; ``*.gz`` files are decompressed on the fly.
    progress : Progress, optional
        Advanced by the number of bytes of each line.
    source : str, optional
        How to name the file in errors (defaults to ``path``), e.g. ``archive.tar.gz:member.txt``.
    stream : binary file, optional
        Read this stream instead of opening ``path``.

    Raises
    ------
    InputError
        On bytes that are not UTF-8 (naming the line) or a truncated or corrupt gzip stream.
    """
    name = source or str(path)
    handle = stream if stream is not None else open_binary(path)
    lineno = 0
    try:
        for raw in handle:
            lineno += 1
            if progress is not None:
                progress.advance(len(raw))
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"not valid UTF-8 text (byte {exc.start + 1} of the line)", path=name, line=lineno
                ) from None
            yield lineno, text.rstrip("\r\n")
    except (EOFError, gzip.BadGzipFile, zlib.error, OSError) as exc:
        if isinstance(exc, FileNotFoundError):
            raise InputError("no such file or directory", path=name) from None
        raise InputError(
            f"corrupt or truncated compressed data after line {lineno} ({exc})", path=name, line=lineno + 1
        ) from None
    finally:
        if stream is None:
            handle.close()


def read_all_bytes(path: Path) -> bytes:
    """Read a whole file (gunzipping ``*.gz``), turning decompression errors into InputError."""
    try:
        with open_binary(path) as handle:
            return handle.read()
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise InputError(f"corrupt or truncated compressed data ({exc})", path=path) from None


def decode_utf8(data: bytes, *, source: str | Path) -> str:
    """Decode UTF-8 bytes, naming the line of the first bad byte in the error."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError("not valid UTF-8 text", path=source, line=line) from None



