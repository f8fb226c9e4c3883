"""Reading a PMS repository's git history without re-parsing every revision of every ledger.

Three pieces, shared by the approval checks and the audit trail:

* :func:`read_log`: one streamed ``git log --raw`` over the PMS paths gives every commit (author, dates,
  parents) and, per commit, which files changed from which blob to which. That costs about what
  ``git log --name-status`` costs. Merge commits are listed with their diff against the first parent, kept
  apart (``merge_changes``): they say how the tree looked after the merge, but the changes they carry were
  made (and are attributed) in the commits of the merged branch.
* :class:`Blobs`: one persistent ``git cat-file --batch`` process for file contents at any revision.
* :class:`Entries`: an entry of a blob, found by its id, from the text of that entry alone. A ledger of
  thousands of entries is split into entry slices with one regular-expression pass over its bytes, and only
  the entries asked for are parsed (see :func:`split_entries`); files that do not have the usual block layout
  are parsed whole, once per blob.

Blob ids are content hashes, so everything derived from a blob is cached by its id for the whole run.
"""

from __future__ import annotations

import bisect
import re
import subprocess
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from pmarklint.errors import PmarklintError
from pmarklint.loader import decode, parse

ZERO = "0" * 40


@dataclass(frozen=True)
class Commit:
    sha: str
    parents: tuple[str, ...]
    author_name: str
    author_email: str
    author_date: str  # ISO 8601, with the author's offset
    committer_date: str
    subject: str

    @property
    def day(self) -> str:
        return self.author_date[:10]


@dataclass(frozen=True)
class Change:
    """One file of one commit: ``old`` and ``new`` are blob ids (None: the file was added / deleted)."""

    commit: str
    path: str  # relative to the folder git log ran in
    old: str | None
    new: str | None


@dataclass
class Log:
    """What one ``git log --raw`` said, newest commit first (parents always after their children)."""

    commits: dict[str, Commit] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    changes: dict[str, list[Change]] = field(default_factory=dict)  # by commit; merges not included
    merge_changes: dict[str, list[Change]] = field(default_factory=dict)  # a merge against its first parent
    by_path: dict[str, list[Change]] = field(default_factory=dict)  # newest first; merges not included
    position: dict[tuple[str, str], int] = field(default_factory=dict)  # (path, commit) → index in by_path

    def add(self, commit: Commit, changes: list[Change]) -> None:
        self.commits[commit.sha] = commit
        self.order.append(commit.sha)
        if len(commit.parents) > 1:
            self.merge_changes[commit.sha] = changes
            return
        self.changes[commit.sha] = changes
        for change in changes:
            listed = self.by_path.setdefault(change.path, [])
            self.position[(change.path, commit.sha)] = len(listed)
            listed.append(change)


_FORMAT = "%x01%H%x00%P%x00%an%x00%ae%x00%aI%x00%cI%x00%s"


def git(root: Path, *args: str) -> bytes:
    """Run git in ``root``; a failure is a PmarklintError with git's own message."""
    try:
        proc = subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=root, capture_output=True, check=False)
    except OSError as exc:
        raise PmarklintError(f"cannot run git: {exc}") from exc
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise PmarklintError(f"git {args[0]} failed: {message[-1] if message else proc.returncode}")
    return proc.stdout


def read_log(root: Path, paths: Iterable[str], rev: str = "HEAD", extra: Iterable[str] = ()) -> Log:
    """Every commit reachable from ``rev`` that touched ``paths`` (relative to ``root``), newest first."""
    out = git(
        root,
        "log",
        "-z",
        "--raw",
        "--no-renames",
        "--no-abbrev",
        "--relative",
        "--date-order",
        "--parents",  # parents as the log shows them: the nearest ancestors that touched the paths
        "--diff-merges=first-parent",
        f"--format={_FORMAT}",
        *extra,
        rev,
        "--",
        *paths,
    )
    log = Log()
    for record in out.decode("utf-8", "surrogateescape").split("\x01")[1:]:
        fields = record.split("\0", 7)
        sha, parents, name, email, adate, cdate, subject = fields[:7]
        rest = fields[7].lstrip("\n") if len(fields) > 7 else ""
        commit = Commit(sha, tuple(parents.split()), name, email, adate, cdate, subject)
        changes = []
        parts = rest.split("\0")
        for meta, path in zip(parts[0::2], parts[1::2], strict=False):
            if not meta.startswith(":"):
                continue
            _, _, old, new, _ = meta[1:].split(" ", 4)
            changes.append(Change(sha, path, None if old == ZERO else old, None if new == ZERO else new))
        log.add(commit, changes)
    return log


def is_shallow(root: Path) -> bool:
    return git(root, "rev-parse", "--is-shallow-repository").strip() == b"true"


def tree(root: Path, rev: str, paths: Iterable[str]) -> dict[str, str]:
    """path → blob id of every file under ``paths`` at ``rev`` (paths relative to ``root``)."""
    out = git(root, "ls-tree", "-r", "-z", "--full-tree", rev, "--", *_from_top(root, paths))
    prefix = git(root, "rev-parse", "--show-prefix").decode("utf-8", "surrogateescape").strip()
    found = {}
    for item in out.decode("utf-8", "surrogateescape").split("\0"):
        if not item:
            continue
        meta, path = item.split("\t", 1)
        kind, sha = meta.split()[1:3]
        if kind == "blob" and path.startswith(prefix):
            found[path[len(prefix) :]] = sha
    return found


def _from_top(root: Path, paths: Iterable[str]) -> list[str]:
    prefix = git(root, "rev-parse", "--show-prefix").decode("utf-8", "surrogateescape").strip()
    return [prefix + p for p in paths]


def blob_id(content: bytes) -> str:
    """The id git gives a blob with this content (what ``git hash-object`` prints)."""
    import hashlib

    return hashlib.sha1(b"blob %d\0" % len(content) + content, usedforsecurity=False).hexdigest()


class Blobs:
    """File contents by blob id, from one ``git cat-file --batch`` process kept open for the run."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._proc: subprocess.Popen[bytes] | None = None

    def read(self, sha: str) -> bytes:
        proc = self._start()
        stdin, stdout = proc.stdin, proc.stdout
        assert stdin is not None and stdout is not None
        stdin.write(sha.encode("ascii") + b"\n")
        stdin.flush()
        header = stdout.readline().split()
        if len(header) != 3 or header[1] != b"blob":
            raise PmarklintError(f"git cannot read blob {sha}: this clone lacks part of its history")
        data = _read_exactly(stdout, int(header[2]))
        stdout.read(1)  # the newline after the content
        return data

    def _start(self) -> subprocess.Popen[bytes]:
        if self._proc is None:
            self._proc = subprocess.Popen(
                ["git", "cat-file", "--batch"],
                cwd=self.root,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        return self._proc

    def close(self) -> None:
        if self._proc is not None:
            assert self._proc.stdin is not None and self._proc.stdout is not None
            self._proc.stdin.close()
            self._proc.wait()
            self._proc.stdout.close()
            self._proc = None

    def __enter__(self) -> Blobs:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _read_exactly(stream: IO[bytes], size: int) -> bytes:
    chunks = []
    while size > 0:
        chunk = stream.read(size)
        if not chunk:
            raise PmarklintError("git cat-file stopped in the middle of a blob")
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


# The usual layout of a data file: a top-level ``entries:`` and its items, one ``- `` per entry, at one
# indentation. Anything else (flow style, tabs, an id that is not a plain scalar) is parsed whole.
_ENTRIES = re.compile(rb"^entries:[ \t]*(?:#[^\n]*)?$", re.M)
_DIGEST = re.compile(rb"sha256:[0-9a-f]{64}")
_KIND = re.compile(rb"^kind:[ \t]*['\"]?([A-Za-z_]+)", re.M)
_ID_VALUE = re.compile(
    rb"""id:[ \t]*(?:'([^'\n]*)'|"([^"\\\n]*)"|([^\s#'"{}\[\],][^\n#]*?))[ \t]*(?:#[^\n]*)?$""", re.M
)


def split_entries(data: bytes) -> dict[str, tuple[int, int]] | None:
    """Entry id → (start, end) byte offsets of its item in the file, without parsing YAML; None when the
    file does not have the usual layout (then it must be parsed whole). A slice parses on its own as a
    one-item sequence."""
    found = _ENTRIES.search(data)
    if found is None:
        return None
    body = found.end() + 1
    first = re.compile(rb"^( *)(- |-$)", re.M).search(data, body)
    if first is None:
        return {} if not re.search(rb"^[ \t]*[^\s#]", data[body:], re.M) else None
    if re.search(rb"^[ \t]*[^\s#]", data[body : first.start()], re.M):
        return None  # something else sits between ``entries:`` and its first item
    indent = first.group(1)
    level = len(indent)
    # Each item's first line; the id is on it in nearly every file (``- id: …``). The patterns start with a
    # newline rather than ``^``: re then finds their literal start with a fast scan instead of trying every byte.
    item = re.compile(rb"\n" + indent + rb"-(?: ([^\n]*))?(?=\n|$)")
    # The list ends at the first line that is indented less than its items (or, for items at column 0,
    # at the next top-level key); comments and blank lines do not end it.
    pattern = rb"\n {0,%d}[^\s#-]" % (level - 1) if level else rb"\n[^\s#-]"
    stop = re.compile(pattern).search(data, first.start() - 1)
    end_of_list = stop.start() + 1 if stop else len(data)
    items = [(m.start() + 1, m.group(1)) for m in item.finditer(data, first.start() - 1, end_of_list)]
    out: dict[str, tuple[int, int]] = {}
    id_line = re.compile(rb"\n {%d}(id:[^\n]*)" % (level + 2))
    for index, (start, rest) in enumerate(items):
        end = items[index + 1][0] if index + 1 < len(items) else end_of_list
        if rest is None or not rest.startswith(b"id:"):
            found_id = id_line.search(data, start, end - 1)
            rest = found_id.group(1) if found_id else None
        entry_id = _id_of(rest) if rest is not None else None
        if entry_id is None or entry_id in out:
            return None
        out[entry_id] = (start, end)
    return out


def _id_of(text: bytes) -> str | None:
    """The value of an ``id: …`` line when it is a plain one-line scalar (quoted or not), else None."""
    value = _ID_VALUE.match(text)
    if value is None:
        return None
    raw = next(g for g in value.groups() if g is not None)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


class Entries:
    """Entries of blobs by id, parsing only what is asked for. A blob's split is cached by blob id, a parsed
    entry by the bytes of its slice: an entry that did not change between two revisions is parsed once."""

    _KEEP_BYTES = 256 << 20  # blob contents kept in memory, most recently used first out last

    def __init__(self, blobs: Blobs) -> None:
        self.blobs = blobs
        self._data: OrderedDict[str, bytes] = OrderedDict()
        self._kept = 0
        self._slices: dict[str, dict[str, tuple[int, int]] | None] = {}
        self._whole: dict[str, dict[str, Any]] = {}
        self._parsed: dict[bytes, Any] = {}
        self._kind: dict[str, str | None] = {}
        self._digests: dict[str, dict[str, set[str]]] = {}

    def _bytes(self, blob: str) -> bytes:
        data = self._data.get(blob)
        if data is not None:
            self._data.move_to_end(blob)
            return data
        data = self.blobs.read(blob)
        self._data[blob] = data
        self._kept += len(data)
        while self._kept > self._KEEP_BYTES and len(self._data) > 1:
            self._kept -= len(self._data.popitem(last=False)[1])
        return data

    def kind(self, blob: str) -> str | None:
        if blob not in self._kind:
            found = _KIND.search(self._bytes(blob))
            self._kind[blob] = found.group(1).decode("ascii") if found else None
        return self._kind[blob]

    def ids(self, blob: str) -> set[str]:
        slices = self._split(blob)
        return set(slices) if slices is not None else set(self._parse_whole(blob))

    def slices(self, blob: str) -> dict[str, tuple[int, int]] | None:
        """Entry id → (start, end) in the blob's bytes (:func:`split_entries`), cached; None when the file
        must be parsed whole."""
        return self._split(blob)

    def _split(self, blob: str) -> dict[str, tuple[int, int]] | None:
        if blob not in self._slices:
            self._slices[blob] = split_entries(self._bytes(blob))
        return self._slices[blob]

    def piece(self, blob: str, entry_id: str) -> bytes | None:
        """The bytes of the entry's item in the blob; None when it is not there or the file cannot be split."""
        slices = self._split(blob)
        if slices is None or entry_id not in slices:
            return None
        start, end = slices[entry_id]
        return self._bytes(blob)[start:end]

    def content_key(self, blob: str, entry_id: str) -> bytes | None:
        """The entry's bytes without its ``approvals`` lines: equal keys mean equal content, so a search
        over revisions compares bytes and parses only what differs. None when the file cannot be split."""
        piece = self.piece(blob, entry_id)
        return None if piece is None else _parts(piece)[0]

    def approvals(self, blob: str, entry_id: str) -> list[Any] | None:
        """The entry's ``approvals`` list in the blob, parsing only those lines (None: not there, or the
        layout needs the whole entry parsed: then use :meth:`get`)."""
        piece = self.piece(blob, entry_id)
        if piece is None:
            return None
        block = _parts(piece)[1]
        if block is None:
            return None
        if block not in self._parsed:
            text, _ = decode(block, "approvals")
            document = parse(text, "approvals").document if text else None
            data = document.data if document is not None else None
            self._parsed[block] = data.get("approvals") if isinstance(data, dict) else None
        value = self._parsed[block]
        return value if isinstance(value, list) else None

    def get(self, blob: str | None, entry_id: str) -> Any:
        """The entry's data in this blob (as pmarklint reads YAML), or None when it is not there."""
        if blob is None:
            return None
        slices = self._split(blob)
        if slices is None:
            return self._parse_whole(blob).get(entry_id)
        if entry_id not in slices:
            return None
        start, end = slices[entry_id]
        piece = self._bytes(blob)[start:end]
        if piece not in self._parsed:
            value = _parse_item(piece)
            if value is None or value.get("id") != entry_id:  # the slice did not stand on its own
                value = self._parse_whole(blob).get(entry_id)
            self._parsed[piece] = value
        return self._parsed[piece]

    def digests(self, blob: str) -> dict[str, set[str]]:
        """Every ``sha256:`` digest written in the blob → the ids of the entries it is written in: a quick
        test of whether an approval can be in an entry, from one pass over the bytes."""
        found = self._digests.get(blob)
        if found is not None:
            return found
        found = {}
        data = self._bytes(blob)
        slices = self._split(blob)
        if slices is None:
            for entry_id, entry in self._parse_whole(blob).items():
                for item in entry.get("approvals") or []:
                    value = item.get("digest") if isinstance(item, dict) else None
                    if isinstance(value, str):
                        found.setdefault(value, set()).add(entry_id)
        else:
            bounds = sorted((start, end, entry_id) for entry_id, (start, end) in slices.items())
            starts = [b[0] for b in bounds]
            for m in _DIGEST.finditer(data):
                at = bisect.bisect_right(starts, m.start()) - 1
                if at >= 0 and m.start() < bounds[at][1]:
                    found.setdefault(m.group().decode("ascii"), set()).add(bounds[at][2])
        self._digests[blob] = found
        return found

    def all(self, blob: str) -> dict[str, Any]:
        """Every entry of the blob by id (for small files such as the roster)."""
        return self._parse_whole(blob)

    def _parse_whole(self, blob: str) -> dict[str, Any]:
        if blob not in self._whole:
            text, _ = decode(self._bytes(blob), blob)
            document = parse(text, blob).document if text else None
            data = document.data if document is not None else None
            entries = data.get("entries") if isinstance(data, dict) else None
            self._whole[blob] = {
                e["id"]: e
                for e in (entries if isinstance(entries, list) else [])
                if isinstance(e, dict) and isinstance(e.get("id"), str)
            }
        return self._whole[blob]


def _parts(piece: bytes) -> tuple[bytes, bytes | None]:
    """An entry item's bytes split into (everything but the ``approvals`` key, the ``approvals`` lines);
    the second is None when there are none or when they do not stand apart (``- approvals:`` first)."""
    if b"approvals:" not in piece:
        return piece, None
    lines = piece.split(b"\n")
    for index, line in enumerate(lines):
        bare = line.lstrip(b" ")
        if not bare.startswith(b"approvals:"):
            continue
        indent = len(line) - len(bare)
        end = index + 1
        while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip(b" ")) > indent):
            end += 1
        return b"\n".join(lines[:index] + lines[end:]), b"\n".join(lines[index:end]) + b"\n"
    return piece, None


def _parse_item(piece: bytes) -> dict[str, Any] | None:
    text, _ = decode(piece, "entry")
    if text is None:
        return None
    document = parse(text, "entry").document
    data = document.data if document is not None else None
    if isinstance(data, list) and len(data) == 1 and isinstance(data[0], dict):
        return data[0]
    return None


# Whether a state holds for an entry in a blob: (blob id, entry id) → bool. Cheap tests first: see
# Entries.digests.
Predicate = Callable[[str, str], bool]


@dataclass(frozen=True)
class Origin:
    """Where a state of an entry came from: the commit that made ``predicate`` true for it, in ``path``."""

    commit: str
    path: str
    index: int  # in log.by_path[path]


class Tracer:
    """Finds the commit that brought an entry into a given state (an approval appearing in it, its content
    reaching a digest), following the entry when it moved between files.

    The search reads as few revisions as it can: it looks back from the newest change of the file in
    growing steps until the state is absent, then bisects, and then confirms the answer on the commit's
    own before and after (a commit *introduces* the state when it holds after the commit and not before).
    When the history is not that simple (the state came and went, branches were merged), it falls back to
    reading the file's changes one by one."""

    def __init__(self, log: Log, entries: Entries) -> None:
        self.log = log
        self.entries = entries

    def origin(self, entry_id: str, path: str, holds: Predicate, start: int = 0) -> Origin | None:
        """The most recent commit, among ``log.by_path[path][start:]``, that introduced the state; the
        caller knows it holds after ``by_path[path][start]`` (or in a newer tree). None when no commit of the
        log introduced it (it was there before the history begins: a shallow clone, or a merge did it)."""
        seen: set[tuple[str, int]] = set()
        while (path, start) not in seen:
            seen.add((path, start))
            found = self._in_file(entry_id, path, holds, start)
            if found is None:
                return None
            moved = self._moved_from(entry_id, found, holds)
            if moved is None:
                return found
            path, start = moved
        return None

    def _holds(self, blob: str | None, entry_id: str, holds: Predicate) -> bool:
        return blob is not None and holds(blob, entry_id)

    def _in_file(self, entry_id: str, path: str, holds: Predicate, start: int) -> Origin | None:
        changes = self.log.by_path.get(path, [])
        if start >= len(changes):
            return None

        def after(i: int) -> bool:
            return self._holds(changes[i].new, entry_id, holds)

        if after(start):
            # Gallop back until the state is absent after some change, then bisect between.
            good, step, probe = start, 1, start + 1
            while probe < len(changes) and after(probe):
                good, step = probe, step * 2
                probe = start + step
            bad = min(probe, len(changes))
            while bad - good > 1:
                middle = (good + bad) // 2
                if after(middle):
                    good = middle
                else:
                    bad = middle
            if not self._holds(changes[good].old, entry_id, holds):
                return Origin(changes[good].commit, path, good)
        for i in range(start, len(changes)):  # the state came and went, or merges: read change by change
            if after(i) and not self._holds(changes[i].old, entry_id, holds):
                return Origin(changes[i].commit, path, i)
        return None

    def _moved_from(self, entry_id: str, found: Origin, holds: Predicate) -> tuple[str, int] | None:
        """When the commit moved the entry into ``found.path`` from another file where the state already
        held, where to continue: that file, from the changes before this commit."""
        change = self.log.by_path[found.path][found.index]
        if self.entries.get(change.old, entry_id) is not None:
            return None  # the entry was already in this file: the commit changed it here
        for other in self.log.changes.get(found.commit, []):
            if other.path != found.path and self._holds(other.old, entry_id, holds):
                index = self.log.position[(other.path, found.commit)]
                return other.path, index + 1
        return None


def iter_snapshots(log: Log, paths: Callable[[str], bool]) -> Iterator[tuple[str, dict[str, str]]]:
    """(commit, {path: blob}) for every commit, oldest first, of the files for which ``paths`` is true: the
    tree of those files after each commit, rebuilt from the log's changes (merges included)."""
    state: dict[str, dict[str, str]] = {}
    for sha in reversed(log.order):
        commit = log.commits[sha]
        before = state.get(commit.parents[0], {}) if commit.parents else {}
        changes = log.merge_changes.get(sha) if len(commit.parents) > 1 else log.changes.get(sha)
        relevant = [c for c in changes or [] if paths(c.path)]
        if relevant:
            after = dict(before)
            for change in relevant:
                if change.new is None:
                    after.pop(change.path, None)
                else:
                    after[change.path] = change.new
        else:
            after = before
        state[sha] = after
        yield sha, after


def last_commit_on_or_before(root: Path, rev: str, day: str) -> str | None:
    """The newest commit on the first-parent line of ``rev`` committed on or before ``day`` (YYYY-MM-DD, by
    the committer's own date), or None when there is none."""
    proc = subprocess.Popen(
        ["git", "log", "--first-parent", "--no-show-signature", "--format=%H %cI", rev, "--"],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert proc.stdout is not None
    try:
        for line in proc.stdout:
            sha, stamp = line.decode("ascii", "replace").split()
            if stamp[:10] <= day:
                return sha
        return None
    finally:
        proc.stdout.close()
        proc.kill()
        proc.wait()
