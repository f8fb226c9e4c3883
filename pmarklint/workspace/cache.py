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

Authenticated: every record carries an HMAC-SHA256 over its key and its bytes, made with a key of the user's
own that is kept outside the repository (:func:`key_path`). A record without a good HMAC (planted, edited,
copied under another key, written by another user) is a miss, and is never even unmarshalled. A key file
that other users could read or write, or that is not the user's own, is not used: the cache is off for the
run, with a one-line notice (:attr:`Cache.notice`). docs/design/cache.md.
"""

from __future__ import annotations

import hashlib
import hmac
import marshal
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pmarklint import __version__
from pmarklint.resources import code_digest

_FORMAT = 5  # bump whenever what a cache entry holds changes
_MAGIC = b"PMLC5\n"  # what every record starts with, then its HMAC, then the marshal bytes
_MAC_SIZE = 32
RECORD_HEADER = len(_MAGIC) + _MAC_SIZE  # the bytes before a record's marshal payload
KEY_SIZE = 32


def key_path() -> Path:
    """Where the user's cache key is: ``PMARKLINT_CACHE_KEY`` if set (CI keeps it outside the workspace),
    else ``$XDG_CACHE_HOME/pmarklint/key``, else ``~/.cache/pmarklint/key``."""
    env = os.environ.get("PMARKLINT_CACHE_KEY")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pmarklint" / "key"


def _read_key(path: Path) -> tuple[bytes | None, str]:
    """The key in ``path``, or None and why it cannot be used ("" when the file does not exist)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return None, ""
    except OSError as exc:
        # ELOOP: a symbolic link in the key's place; anything else: unreadable
        return None, "cache.key_link" if path.is_symlink() else f"cache.key_unreadable:{exc.strerror or exc}"
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None, "cache.key_not_file"
        if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
            return None, "cache.key_owner"
        if os.name == "posix" and info.st_mode & 0o077:
            return None, f"cache.key_mode:{stat.S_IMODE(info.st_mode):o}"
        data = os.read(fd, KEY_SIZE + 1)
    finally:
        os.close(fd)
    if len(data) != KEY_SIZE:
        return None, "cache.key_size"
    return data, ""


def _create_key(path: Path) -> None:
    """A new random key, written to a private temporary file and linked into place: another run making its
    key at the same moment keeps its own or ours, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".key-")  # mode 0600
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(os.urandom(KEY_SIZE))
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # another run made it first: use theirs
        except OSError:  # a file system without hard links: replace never leaves half a key either
            if not path.exists():
                os.replace(tmp, path)
    finally:
        if os.path.lexists(tmp):
            os.unlink(tmp)


def user_key() -> tuple[bytes | None, tuple[str, dict[str, str]] | None]:
    """The user's cache key, made on first use; or None and the notice to show (message key, arguments)."""
    path = key_path()
    key, problem = _read_key(path)
    if key is None and not problem:
        try:
            _create_key(path)
        except OSError as exc:
            return None, ("ui.cache_key_unwritable", {"path": str(path), "error": exc.strerror or str(exc)})
        key, problem = _read_key(path)
    if key is not None:
        return key, None
    reason, _, detail = problem.partition(":")
    return None, ("ui." + reason.replace(".", "_"), {"path": str(path), "detail": detail})


def default_directory(git_dir: Path | None) -> Path:
    env = os.environ.get("PMARKLINT_CACHE_DIR")
    if env:
        return Path(env)
    if git_dir is not None:
        return git_dir / "pmarklint-cache"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pmarklint"


class Cache:
    def __init__(self, directory: Path | None, secret: bytes | None = None, code: str | None = None) -> None:
        """``directory=None`` disables the cache (``--no-cache``). ``secret``: the key records are
        authenticated with (default: the user's, :func:`user_key`); when it cannot be used, the cache is off
        and :attr:`notice` says why (a message key and its arguments). ``code``: what stands for pmarklint's
        code in every key (default: :func:`code_digest`)."""
        self.notice: tuple[str, dict[str, str]] | None = None
        self._secret = b""
        if directory is not None and secret is None:
            secret, self.notice = user_key()
            if secret is None:
                directory = None
        self._secret = secret or b""
        self.directory = directory
        self._salt = f"{_FORMAT}\0{__version__}\0{code or code_digest()}\0".encode()

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
                record = fh.read()  # marshal.load(fh) reads in small pieces: 10x slower
        except OSError:
            return None
        value = self._open(key, record)
        if value is None:
            return None
        if shape is None:
            return value
        try:
            return value if shape(value) is True else None
        except Exception:  # a check that trips over the value: the value is not what it should be
            return None

    def _mac(self, key: str, payload: bytes) -> bytes:
        return hmac.digest(self._secret, key.encode("ascii", "replace") + b"\0" + payload, "sha256")

    def _open(self, key: str, record: bytes) -> Any:
        """The value of a record read from ``key``'s file, or None unless its HMAC is good (a value that
        fails authentication is never unmarshalled: marshal is not safe on bytes of unknown origin)."""
        head = RECORD_HEADER
        if len(record) <= head or not record.startswith(_MAGIC):
            return None
        payload = record[head:]
        if not hmac.compare_digest(record[len(_MAGIC) : head], self._mac(key, payload)):
            return None
        try:
            return marshal.loads(payload)
        except (EOFError, ValueError, TypeError):
            return None

    def read(self, path: Path) -> Any:
        """The value of the record in the cache file ``path`` (its name is its key), or None; for tools and
        tests that look into the cache folder."""
        try:
            return self._open(path.name, path.read_bytes())
        except OSError:
            return None

    def seal(self, key: str, value: Any) -> bytes:
        """The bytes :meth:`put` writes for ``value`` under ``key``."""
        payload = marshal.dumps(value)
        return _MAGIC + self._mac(key, payload) + payload

    def put(self, key: str, value: Any) -> None:
        if self.directory is None:
            return
        target = self._path(key)
        try:
            record = self.seal(key, value)
        except ValueError:
            return  # a value marshal cannot write is not kept
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(record)
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


_SCALARS = frozenset((str, bool, float, type(None)))


def plain_items(items: list[Any]) -> bool:
    """:func:`plain` for every item of a list, without recursion and without a call per value: a ledger's
    entries are checked in a few milliseconds per thousand (text, booleans and None, the most common values,
    are passed over where they are met; only containers go on the stack)."""
    scalars = _SCALARS
    stack: list[tuple[Any, int]] = [(items, 0)]
    pop, push = stack.pop, stack.append
    while stack:
        value, depth = pop()
        kind = value.__class__
        if (kind is not dict and kind is not list) or depth > 70:
            return False  # only containers are pushed
        if kind is dict:
            for key in value:
                if key.__class__ is not str:
                    return False
            value = value.values()
        for item in value:
            kind = item.__class__
            if kind in scalars:
                continue
            if kind is int:
                if item.bit_length() > _MAX_INT_BITS:
                    return False
            else:
                push((item, depth + 1))
    return True


def share_text(items: list[Any]) -> list[Any]:
    """``items`` with every text value that occurs more than once made one object (in place), so that marshal
    writes it once and a record reads back as shared strings: a ledger's departments, periods, purposes and
    person ids repeat in every entry (the benchmark's records shrink from 7.1 to 3.1 MB, they read back 2 to 3
    times faster and take half the memory). The data is equal before and after."""
    memo: dict[str, str] = {}
    share = memo.setdefault
    stack: list[Any] = [items]
    pop, push = stack.pop, stack.append
    while stack:
        container = pop()  # a value replaced while its dict is walked: allowed, the keys stay as they are
        for at, value in container.items() if container.__class__ is dict else enumerate(container):
            kind = value.__class__
            if kind is str:
                container[at] = share(value, value)
            elif kind is dict or kind is list:
                push(value)
    return items


def config_record(value: Any) -> bool:
    """The settings of pmarklint.yaml as plain data (:func:`pmarklint.workspace.config.load_config` stores
    them with their key, and checks that every setting it reads is readable)."""
    return value.__class__ is dict and plain(value)


def _arg(value: Any) -> bool:
    """A message argument: plain data, or a tuple of plain items (a rule's list of names, e.g. PML503's
    missing clauses, which marshal keeps a tuple)."""
    if value.__class__ is tuple:
        return all(plain(item) for item in value)
    return plain(value)


def _args(value: Any) -> bool:
    return value.__class__ is tuple and all(
        a.__class__ is tuple and len(a) == 2 and a[0].__class__ is str and _arg(a[1]) for a in value
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


def places_record(value: Any) -> bool:
    """Where each entry's nodes stand (pmarklint.check.places): a tuple with one ``bytes`` per entry. Its
    length is checked against the file's entries where it is used; a record that does not fit an entry's data
    is not used for that entry."""
    return value.__class__ is tuple and all(item.__class__ is bytes for item in value)
