"""A content-addressed cache of what each file yields (its entries and its own findings).

A key is the SHA-256 of pmarklint's version, its code and shipped schemas, the settings that change a
file's result, and the file's bytes: so a cached result is exactly what a fresh run would compute, and a changed
file, schema or version simply misses. Values are written with ``marshal`` (built-in types only, the
fastest format Python reads back) to a temporary file and moved into place with ``os.replace``, so two
hooks running at once never see half a file; anything unreadable is treated as a miss, and so is a value
of the wrong shape when the caller says what shape it expects (``get(key, shape=...)``, with the checks
below): a damaged cache costs a recomputation, never a crash or a changed result.

Where: ``PMARKLINT_CACHE_DIR`` if set, else ``pmarklint-cache`` inside the repository's git directory
(never committed, shared by worktrees), else ``~/.cache/pmarklint``.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pmarklint import __version__
from pmarklint.resources import code_digest

_FORMAT = 4  # bump whenever what a cache entry holds changes


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

    def get(self, key: str, shape: Callable[[Any], bool] | None = None) -> Any:
        """The value stored under ``key``, or None: when there is none, it cannot be read, or ``shape`` (a check
        of what the caller expects) says no or fails on it."""
        if self.directory is None:
            return None
        try:
            with open(self._path(key), "rb") as fh:
                value = marshal.loads(fh.read())  # marshal.load(fh) reads in small pieces: 10x slower
        except (OSError, EOFError, ValueError, TypeError):
            return None
        if shape is None:
            return value
        try:
            return value if shape(value) is True else None
        except Exception:  # a check that trips over the value: the value is not what it should be
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


# -- shapes of what pmarklint stores -------------------------------------------------------------------------
_MAX_INT_BITS = 340  # about 100 decimal digits, as the loader allows (documents/loader.py MAX_INT_DIGITS)


def plain(value: Any, depth: int = 0) -> bool:
    """Whether ``value`` is data as the YAML loader builds it: dicts with text keys, lists, text, numbers,
    booleans and None, nested at most 70 levels, integers of at most about 100 digits (a longer one would
    crash any ``str()`` of it). Never a tuple, bytes, set or anything else marshal can hold."""
    if value is None or value.__class__ in (str, bool, float):
        return True
    if value.__class__ is int:
        return bool(value.bit_length() <= _MAX_INT_BITS)
    if depth > 70:
        return False
    if value.__class__ is list:
        return all(plain(item, depth + 1) for item in value)
    if value.__class__ is dict:
        return all(key.__class__ is str and plain(item, depth + 1) for key, item in value.items())
    return False


def plain_items(items: list[Any]) -> bool:
    """:func:`plain` for every item of a list, without recursion and without a call per value: a ledger's
    entries are checked in a few milliseconds per thousand (text, the most common value, is passed over where
    it is met)."""
    stack = [(item, 1) for item in items if item.__class__ is not str]
    pop, push = stack.pop, stack.append
    while stack:
        value, depth = pop()
        kind = value.__class__
        if kind is dict:
            if depth > 70:
                return False
            for key, item in value.items():
                if key.__class__ is not str:
                    return False
                if item.__class__ is not str:
                    push((item, depth + 1))
        elif kind is list:
            if depth > 70:
                return False
            stack += [(item, depth + 1) for item in value if item.__class__ is not str]
        elif kind is int:
            if value.bit_length() > _MAX_INT_BITS:
                return False
        elif not (value is None or kind is bool or kind is float):
            return False
    return True


def config_record(value: Any) -> bool:
    """The settings of pmarklint.yaml as plain data (:func:`pmarklint.workspace.config.load_config` stores
    them with their key, and checks that every setting it reads is readable)."""
    return value.__class__ is dict and plain(value)


def _args(value: Any) -> bool:
    return value.__class__ is tuple and all(
        a.__class__ is tuple and len(a) == 2 and a[0].__class__ is str and plain(a[1]) for a in value
    )


def finding_record(value: Any) -> bool:
    """A finding as :meth:`pmarklint.findings.Finding.to_tuple` writes it."""
    if value.__class__ is not tuple or len(value) != 8:
        return False
    line, column, rule, severity, key, args, entry, path = value
    return (
        line.__class__ is int
        and column.__class__ is int
        and rule.__class__ is str
        and severity in (None, "error", "warning")
        and key.__class__ is str
        and _args(args)
        and (entry is None or entry.__class__ is str)
        and (path is None or path.__class__ is str)
    )


def file_record(value: Any) -> bool:
    """What ``check`` stores per file (check/engine.py ``load_one``): (kind, entries, findings, lines), with one
    start line per entry (an entry listed twice, or one missing, is a miss) and the entries plain data all the
    way down (:func:`plain_items`: a tuple, bytes or a set deep inside is a miss). A value of the right shape
    planted on purpose is for an authenticated cache to refuse (docs/design/threat-model.md)."""
    if value.__class__ is not tuple or len(value) != 4:
        return False
    kind, entries, found, lines = value
    return (
        (kind is None or kind.__class__ is str)
        and entries.__class__ is list
        and found.__class__ is tuple
        and all(finding_record(f) for f in found)
        and lines.__class__ is tuple
        and len(lines) == len(entries)
        and all(n.__class__ is int for n in lines)
        and plain_items(entries)
    )
