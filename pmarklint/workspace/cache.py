"""A content-addressed cache of what each file yields (its entries and its own findings).

A key is the SHA-256 of pmarklint's version, its code and shipped schemas, the settings that change a
file's result, and the file's bytes: so a cached result is exactly what a fresh run would compute, and a changed
file, schema or version simply misses. Values are written with ``marshal`` (built-in types only, the
fastest format Python reads back) to a temporary file and moved into place with ``os.replace``, so two
hooks running at once never see half a file; anything unreadable is treated as a miss.

Where: ``PMARKLINT_CACHE_DIR`` if set, else ``pmarklint-cache`` inside the repository's git directory
(never committed, shared by worktrees), else ``~/.cache/pmarklint``.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any

from pmarklint import __version__
from pmarklint.resources import code_digest

_FORMAT = 3  # bump whenever what a cache entry holds changes


def default_directory(git_dir: Path | None) -> Path:
    env = os.environ.get("PMARKLINT_CACHE_DIR")
    if env:
        return Path(env)
    if git_dir is not None:
        return git_dir / "pmarklint-cache"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pmarklint"


class Cache:
    def __init__(self, directory: Path | None) -> None:
        """``directory=None`` disables the cache (``--no-cache``)."""
        self.directory = directory
        self._salt = f"{_FORMAT}\0{__version__}\0{code_digest()}\0".encode()

    def key(self, namespace: str, content: bytes, *settings: Any) -> str:
        digest = hashlib.sha256(self._salt)
        digest.update(repr((namespace, settings)).encode())
        digest.update(b"\0")
        digest.update(content)
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        assert self.directory is not None
        return self.directory / key[:2] / key

    def get(self, key: str) -> Any:
        if self.directory is None:
            return None
        try:
            with open(self._path(key), "rb") as fh:
                return marshal.loads(fh.read())  # marshal.load(fh) reads in small pieces: 10x slower
        except (OSError, EOFError, ValueError, TypeError):
            return None

    def put(self, key: str, value: Any) -> None:
        if self.directory is None:
            return
        target = self._path(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as fh:
                    marshal.dump(value, fh)
                os.replace(tmp, target)
            except BaseException:
                os.unlink(tmp)
                raise
        except OSError:
            pass  # a read-only or full disk costs speed, never a result
