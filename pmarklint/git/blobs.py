"""File contents by blob id, from ``git cat-file --batch``: :class:`Blobs` asks for one blob at a time from a
process kept open for the run; :class:`Prefetch` is given every blob up front, in the order they will be
asked for, so that git inflates the next ones while the caller works on the current ones. Both read git's
answers with :func:`read_object`."""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from pmarklint.errors import PmarklintError
from pmarklint.git.run import start
from pmarklint.progress import advance


def blob_id(content: bytes) -> str:
    """The id git gives a blob with this content (what ``git hash-object`` prints)."""
    import hashlib

    return hashlib.sha1(b"blob %d\0" % len(content) + content, usedforsecurity=False).hexdigest()


class Skipped(bytes):
    """What a reader gives for a blob larger than its limit: no bytes (an empty file, to every reader of
    contents), and ``size``, the blob's size, for whoever reports it. Its content went through the pipe in
    small pieces and was dropped: memory stays bounded whatever a commit holds."""

    size: int

    def __new__(cls, size: int) -> Skipped:
        self = super().__new__(cls, b"")
        self.size = size
        return self


def read_object(stream: IO[bytes], limit: int | None = None) -> bytes | None:
    """One answer of ``cat-file --batch``: the blob's bytes, or None when git has no blob to give (the id is
    missing from this clone, names no blob, or the stream ended). A blob larger than ``limit`` bytes is read
    past and given as :class:`Skipped`."""
    header = stream.readline().split()
    if len(header) != 3 or header[1] != b"blob":
        return None
    size = int(header[2])
    if limit is not None and size > limit:
        left = size
        while left > 0:
            chunk = stream.read(min(left, 1 << 20))
            if not chunk:
                return None
            left -= len(chunk)
        stream.read(1)
        return Skipped(size)
    chunks = []
    while size > 0:
        chunk = stream.read(size)
        if not chunk:
            return None
        chunks.append(chunk)
        size -= len(chunk)
    stream.read(1)  # the line break after the content
    return b"".join(chunks)


class Blobs:
    """File contents by blob id, from one ``git cat-file --batch`` process kept open for the run. A blob
    larger than ``max_size`` (``limits.max_file_size``, as for the files themselves) is read as
    :class:`Skipped`, and kept in :attr:`skipped` (blob id → size) for the caller to report."""

    def __init__(self, root: Path, max_size: int | None = None) -> None:
        self.root = root
        self.max_size = max_size
        self.skipped: dict[str, int] = {}
        self._proc: subprocess.Popen[bytes] | None = None

    def read(self, sha: str) -> bytes:
        proc = self._start()
        stdin, stdout = proc.stdin, proc.stdout
        assert stdin is not None and stdout is not None
        stdin.write(sha.encode("ascii") + b"\n")
        stdin.flush()
        data = read_object(stdout, self.max_size)
        if data is None:
            self.close()  # the stream is out of step now
            raise PmarklintError(f"git cannot read blob {sha}: this clone lacks part of its history")
        if isinstance(data, Skipped):
            self.skipped[sha] = data.size
        advance("versions")
        return data

    def _start(self) -> subprocess.Popen[bytes]:
        if self._proc is None:
            self._proc = start(self.root, "cat-file", "--batch", stdin=subprocess.PIPE)
        return self._proc

    def close(self) -> None:
        if self._proc is not None:
            proc, self._proc = self._proc, None
            assert proc.stdin is not None and proc.stdout is not None
            proc.stdin.close()
            proc.kill()  # a blob it is still writing is not wanted any more
            proc.wait()
            proc.stdout.close()

    def __enter__(self) -> Blobs:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Prefetch:
    """Blobs streamed by a second ``git cat-file --batch`` that is given, up front, every blob in the order
    the caller will first ask for them: git inflates the next revisions while the caller compares the current
    ones (as far ahead as the pipe holds). A blob asked for a little out of that order is found by reading on
    and keeping the ones passed over; one asked for again, or far out of order, is not given (:meth:`take`
    returns None) and the caller reads it the usual way."""

    WORTH = 32  # fewer blobs than this are better read as they are asked for
    REACH = 16  # how far ahead of the stream a blob may be asked for
    PIPE = 1 << 20  # bytes git may write ahead (Linux lets a pipe hold this much without privileges)

    def __init__(self, root: Path, order: Sequence[str], max_size: int | None = None) -> None:
        self._max_size = max_size
        self._order = list(dict.fromkeys(order))
        self._position = {sha: index for index, sha in enumerate(self._order)}
        self._next = 0  # the position of the next blob in the stream
        self._passed: dict[str, bytes] = {}  # read from the stream before they were asked for
        with tempfile.TemporaryFile() as requests:
            requests.write("".join(f"{sha}\n" for sha in self._order).encode("ascii"))
            requests.seek(0)
            self._proc: subprocess.Popen[bytes] | None = start(root, "cat-file", "--batch", stdin=requests)
        _widen(self._proc.stdout, self.PIPE)

    def take(self, sha: str) -> bytes | None:
        if sha in self._passed:
            return self._passed.pop(sha)
        position = self._position.get(sha)
        if self._proc is None or position is None or not self._next <= position < self._next + self.REACH:
            return None
        assert self._proc.stdout is not None
        while self._next <= position:
            data = read_object(self._proc.stdout, self._max_size)
            if data is None:
                self.close()
                return None
            current = self._order[self._next]
            self._next += 1
            advance("versions")
            if current == sha:
                return data
            self._passed[current] = data
        return None

    def close(self) -> None:
        if self._proc is not None:
            proc, self._proc = self._proc, None
            proc.kill()  # it may still have blobs to write that nobody will read
            proc.wait()
            if proc.stdout is not None:
                proc.stdout.close()
        self._passed.clear()


def _widen(stream: IO[bytes] | None, size: int) -> None:
    """Let a pipe hold ``size`` bytes where the system allows it (Linux); elsewhere it keeps its size."""
    try:
        import fcntl
    except ImportError:
        return
    if stream is not None and hasattr(fcntl, "F_SETPIPE_SZ"):
        try:
            fcntl.fcntl(stream.fileno(), fcntl.F_SETPIPE_SZ, size)
        except OSError:
            pass  # a smaller limit: git writes ahead less
