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
from einfluence.i18n import Reason

__all__ = [
    "ReaderContext",
    "decode_utf8",
    "default_network_note",
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
    network_imports : callable
        ``network_imports(network)`` returns ``(import_id, format, sources)`` of the earlier
        imports that stored accounts in a network (empty for a new network); the readers of
        graphs whose node ids are local to their file use it to refuse a silent merge.
    """

    known_accounts: Callable[[str], set[str]] = field(default=lambda network: set())
    network_imports: Callable[[str], list[tuple[int, str, list[str]]]] = field(default=lambda network: [])


def default_network_note(
    context: ReaderContext | None, network: str | None, default: str, what: str, path: Path
) -> tuple[str, list[str]]:
    """The network of a graph whose node ids are local to its file, and a note about it.

    Node ``1`` of one edge list and node ``1`` of another are different people, and nothing in
    the files tells whether two of them are parts of one graph or two graphs. So when no
    network is given (``network`` is None) and the default network already holds the accounts
    of an earlier import, the import is refused: it would silently merge two graphs. An
    explicit ``network`` is always obeyed (the same name again adds to that graph).

    Returns
    -------
    network, notes
        The network to use and, when it is the default, a note saying so.

    Raises
    ------
    InputError
        When the default network already holds an earlier import (``parameter="network"``).
    """
    if network is not None:
        return network, []
    earlier = (context or ReaderContext()).network_imports(default)
    if earlier:
        import_id, fmt, sources = earlier[0]
        shown = ", ".join(Path(s).name for s in sources[:2]) + (" ..." if len(sources) > 2 else "")
        raise InputError(
            f"network {default!r} (the default) already holds the {what} of import #{import_id} "
            f"({fmt}: {shown}); node ids are local to each file, so this file would be merged into "
            f"that graph: pass --network NAME to import it as a network of its own "
            f"(or --network {default} to add it to that graph)",
            path=path,
            parameter="network",
        )
    return default, [f"network {default!r} (the default: pass --network NAME to name this graph)"]


def require_file(path: Path) -> Path:
    """Return ``path`` if it is a readable file, else raise an :class:`InputError` naming it."""
    if not path.exists():
        raise InputError(Reason("input.no_file"), path=path)
    if not path.is_file():
        raise InputError(Reason("input.not_file"), path=path)
    return path


def reader_files(paths: Iterable[Path | str], progress: Progress | None, label: Reason) -> list[Path]:
    """The files of a reader, each checked by :func:`require_file`; starts ``progress`` in bytes.

    ``label`` names the step for ``progress`` (``Reason("progress.read_tweets")``); the reader then advances
    it by the bytes of each file it reads.
    """
    files = [require_file(Path(p)) for p in paths]
    if progress is not None:
        progress.start(label, sum(f.stat().st_size for f in files), "bytes")
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
                    Reason("input.utf8_byte", byte=exc.start + 1), path=name, line=lineno
                ) from None
            yield lineno, text.rstrip("\r\n")
    except (EOFError, gzip.BadGzipFile, zlib.error, OSError) as exc:
        if isinstance(exc, FileNotFoundError):
            raise InputError(Reason("input.no_file"), path=name) from None
        raise InputError(
            Reason("input.compressed_after", line=lineno, detail=f" ({exc})"), path=name, line=lineno + 1
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
        raise InputError(Reason("input.compressed", detail=f" ({exc})"), path=path) from None


def decode_utf8(data: bytes, *, source: str | Path) -> str:
    """Decode UTF-8 bytes, naming the line of the first bad byte in the error."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(Reason("input.utf8"), path=source, line=line) from None



