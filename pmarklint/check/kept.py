"""The kept result of a whole ``check`` run: when nothing it depends on has changed, the report is printed again
without loading the check machinery (a pre-commit hook that finds nothing new costs little more than starting
Python). docs/design/cache.md, "The kept run".

What the result depends on, all in its key or checked before it is used:

- pmarklint's version and code (the cache's salt, with the name, size and modification time of each module
  and schema standing for their bytes: resources.code_stamp), the command's options, the folder it runs in, the
  variables that change what a run does or says (``PMARKLINT_*``, ``GIT_*``, the locale, ``TZ``,
  ``GITHUB_ACTIONS``, ``NO_COLOR``) and whether standard output is a terminal (colour);
- pmarklint.yaml's bytes;
- git's state (pmarklint.git.state): HEAD and the branch it names, every ref (the replace refs and the
  branches history reads), the index and the work tree as ``git status`` sees them, git's settings;
- the bytes of every file the run read (each PMS file, pmarklint.yaml, the shipped catalog): their SHA-256
  are in the record and compared before the record is used;
- the day: the record says which day the run judged, in which time zone; on another day it is not used.

The record is sealed like every cache record (an HMAC with the user's own key: workspace/cache.py), so a
planted or edited one is a miss. Runs with ``--staged``, ``--hook``, ``--as-of``, ``--changed-since`` or
``--no-cache``, and runs outside git, keep nothing.

This module is imported on every ``check``: it must stay small (no YAML parser, no jsonschema, no rules: a
test looks at ``sys.modules`` after a kept run).
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from pathlib import Path
from typing import Any

from pmarklint.errors import PmarklintError

FORMAT = 1
CONFIG_NAME = "pmarklint.yaml"  # workspace/config.py CONFIG_NAME (a test checks they agree)
_NAMES = ("TZ", "LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "GITHUB_ACTIONS", "NO_COLOR")
_PREFIXES = ("PMARKLINT_", "GIT_")


def _environment() -> tuple[tuple[str, str], ...]:
    return tuple(sorted((k, v) for k, v in os.environ.items() if k in _NAMES or k.startswith(_PREFIXES)))


def _sha(path: str) -> str | None:
    return _read(path)[0]


def _read(path: str) -> tuple[str | None, int]:
    """The SHA-256 of a file's bytes and its modification time (ns), from one open; (None, 0) if unreadable."""
    try:
        with open(path, "rb") as fh:
            return hashlib.sha256(fh.read()).hexdigest(), os.fstat(fh.fileno()).st_mtime_ns
    except OSError:
        return None, 0


_SETTLED_NS = 2_000_000_000  # a file written this shortly before the run began may have changed during it


def run_record(value: Any) -> bool:
    """The shape of a kept run: (files, day, zone, exit code, report, notices)."""
    if value.__class__ is not tuple or len(value) != 6:
        return False
    files, day, zone, code, report, notices = value
    return (
        files.__class__ is tuple
        and all(f.__class__ is tuple and len(f) == 2 and f[0].__class__ is str and f[1].__class__ is str for f in files)
        and day.__class__ is str
        and zone.__class__ is str
        and code.__class__ is int
        and report.__class__ is str
        and notices.__class__ is tuple
        and all(n.__class__ is str for n in notices)
    )


class Keeper:
    """The kept result of one command line in one repository: :meth:`lookup` before the run, :meth:`keep` after."""

    def __init__(self, root: Path, cache: Any, key: str) -> None:
        self.root = root
        self.cache = cache
        self.key = key
        self.started = time.time_ns()

    @classmethod
    def open(cls, start: Path, options: tuple[Any, ...]) -> Keeper | None:
        """The keeper for a run from ``start`` with ``options``; None where nothing is kept (outside git, no
        usable cache key, a repository that cannot be read: the run itself says what is wrong)."""
        from pmarklint.git.state import fingerprint
        from pmarklint.workspace.cache import Cache, default_directory

        root = _root(start)
        if root is None:
            return None
        found = fingerprint(root)
        if found is None:
            return None
        state, directory = found
        try:
            config = (root / CONFIG_NAME).read_bytes()
        except OSError:
            return None
        from pmarklint.resources import code_stamp

        cache = Cache(default_directory(directory), code="stamp:" + code_stamp())
        if cache.directory is None:
            return None
        settings = (FORMAT, options, str(root), os.getcwd(), _environment(), sys.stdout.isatty())
        return cls(root, cache, cache.key("run", config + b"\0" + state, settings))

    def lookup(self, today: str | None) -> tuple[int, str, tuple[str, ...]] | None:
        """(exit code, report, notices) of the kept run, when every file it read is as it was and today is
        the day it judged; else None."""
        record = self.cache.get(self.key, shape=run_record)
        if record is None:
            return None
        files, day, zone_name, code, report, notices = record
        if _today(today, zone_name) != day:
            return None
        for path, digest in files:
            if _sha(path) != digest:
                return None
        return code, report, notices

    def keep(
        self, files: list[Path], day: str, zone_name: str, code: int, report: str, notices: tuple[str, ...]
    ) -> None:
        """Keep a run's output, with the digest of every file it read. The digests are taken now, after the
        run: a file written since shortly before the run began (it may have changed while the run read it) or
        one that cannot be read means the run is not kept, which costs the next run its speed, never a result."""
        digests = []
        for path in files:
            digest, modified = _read(str(path))
            if digest is None or modified >= self.started - _SETTLED_NS:
                return
            digests.append((str(path), digest))
        self.cache.put(self.key, (tuple(digests), day, zone_name, code, report, notices))


def _root(start: Path) -> Path | None:
    """The repository's folder as ``check`` finds it (workspace/config.py ``find_root``, without loading the
    YAML reader): ``start`` or the nearest folder above it that holds pmarklint.yaml."""
    try:
        start = start.resolve()
        here = start if start.is_dir() else start.parent
        for folder in (here, *here.parents):
            if (folder / CONFIG_NAME).is_file():
                return folder
    except OSError:
        return None
    return None


def _today(value: str | None, zone_name: str) -> str | None:
    from pmarklint.dates import resolve_today, zone

    where = zone(zone_name)
    if where is None:
        return None
    try:
        return resolve_today(value, "en", where).isoformat()
    except PmarklintError:
        return None
