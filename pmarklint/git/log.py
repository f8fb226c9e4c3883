"""One ``git log --raw`` stream read into commits and the file changes of each (:func:`read_log`), and the
combined diff of merge commits (:func:`read_merges`). Both go through one parser of git's ``-z --raw``
output (:func:`records`), which reads the stream field by field: a commit subject, an author name or a file
name may hold any byte git allows, the record separator included, without shifting what follows."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pmarklint.git.repo import prefix, require_version
from pmarklint.git.run import run
from pmarklint.progress import step

ZERO = "0" * 40
_START = "\x01"  # each record starts with this byte and then its fixed fields, NUL-separated


@dataclass(frozen=True)
class Commit:
    sha: str
    parents: tuple[str, ...]
    author_name: str
    author_email: str
    author_date: str  # ISO 8601, with the author's offset
    committer_date: str
    subject: str
    committer_name: str = ""
    committer_email: str = ""

    def identities(self) -> frozenset[str]:
        """The e-mail addresses (lower case) of the commit's author and committer: whoever may have written it."""
        return frozenset(e.strip().lower() for e in (self.author_email, self.committer_email) if e.strip())

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

    def written_in(self, blobs: Iterable[str]) -> dict[str, tuple[str, str]]:
        """Blob id → (commit, path) of the oldest commit of the log that wrote it, for each of ``blobs`` that one
        did (merges included)."""
        wanted = set(blobs)
        found: dict[str, tuple[str, str]] = {}
        for sha in reversed(self.order):
            for change in self.changes.get(sha) or self.merge_changes.get(sha) or ():
                if change.new in wanted and change.new not in found:
                    found[change.new] = (sha, change.path)
        return found


# -- the log kept between runs ----------------------------------------------------------------------------
# A log as a record of plain values (for the cache): per commit, newest first, its fields and its changes.
LogRecord = tuple[tuple[Any, ...], ...]


def log_record(log: Log) -> LogRecord:
    """``log`` as plain values, in its order (:func:`from_record` reads it back)."""
    out = []
    for sha in log.order:
        c = log.commits[sha]
        changes = log.merge_changes.get(sha, []) if len(c.parents) > 1 else log.changes.get(sha, [])
        fields = (c.sha, c.parents, c.author_name, c.author_email, c.author_date, c.committer_date, c.subject)
        out.append((*fields, c.committer_name, c.committer_email, tuple((x.path, x.old, x.new) for x in changes)))
    return tuple(out)


def is_log_record(value: Any) -> bool:
    """Whether a cached value has the shape :func:`log_record` writes (anything else is a miss)."""

    def text(x: Any) -> bool:
        return isinstance(x, str)

    def blob(x: Any) -> bool:
        return x is None or isinstance(x, str)

    return isinstance(value, tuple) and all(
        isinstance(item, tuple)
        and len(item) == 10
        and all(text(x) for x in item[:1] + item[2:9])
        and isinstance(item[1], tuple)
        and all(text(x) for x in item[1])
        and isinstance(item[9], tuple)
        and all(isinstance(c, tuple) and len(c) == 3 and text(c[0]) and blob(c[1]) and blob(c[2]) for c in item[9])
        for item in value
    )


def joined(*records: LogRecord) -> Log:
    """One log from the records of consecutive stretches of history, newest first: a log read since some commit,
    then the log up to that commit (see :func:`read_log_since`)."""
    log = Log()
    for record in records:
        for sha, parents, name, email, adate, cdate, subject, cname, cemail, changes in record:
            commit = Commit(sha, parents, name, email, adate, cdate, subject, cname, cemail)
            if sha not in log.commits:
                log.add(commit, [Change(sha, path, old, new) for path, old, new in changes])
    return log


def read_log_since(
    root: Path, paths: Sequence[str], base: str, kept: LogRecord, rev: str = "HEAD", since: Log | None = None
) -> Log | None:
    """:func:`read_log` of ``rev``, from ``kept`` (the log of ``base``, an ancestor of ``rev``, read earlier with
    the same paths) and the commits since ``base``; None when that might not be the same log: a merge among the
    commits since ``base`` (git then orders the two stretches' commits among each other by date), or a commit
    since whose parents the two stretches do not hold (git rewrote them against a boundary). Without a merge,
    the commits since ``base`` form one line on top of it, and git lists them first. ``since``: that log of the
    commits since ``base``, when the caller read it already."""
    out = run(root, "rev-list", "--min-parents=2", "--count", f"{base}..{rev}").strip()
    if out != b"0":
        return None
    if since is None:
        since = read_log(root, paths, rev, extra=[f"^{base}"])
    log = joined(log_record(since), kept)
    if any(p not in log.commits for sha in since.order for p in since.commits[sha].parents):
        return None
    return log


# One file of a record: its path, the blob in each parent (None: not there), the blob after (None: deleted).
RawFile = tuple[str, tuple[str | None, ...], str | None]


def _blob(sha: str) -> str | None:
    return None if sha == ZERO else sha


def records(out: bytes, fields: int) -> Iterator[tuple[list[str], list[RawFile]]]:
    """The records of ``git log -z --raw --format=%x01...`` whose format has ``fields`` NUL-separated
    fields: each record's fields and its files. A raw line is ``:`` once per parent, the modes, the blobs
    (one per parent, then the result) and the status."""
    tokens = out.decode("utf-8", "surrogateescape").split("\0")
    at = 0
    while at < len(tokens):
        head = tokens[at].lstrip("\n")
        if not head.startswith(_START) or at + fields > len(tokens):
            at += 1  # what a record ends with (an empty token)
            continue
        values = [head[1:], *tokens[at + 1 : at + fields]]
        at += fields
        files: list[RawFile] = []
        while at < len(tokens) and not tokens[at].strip("\n"):
            at += 1  # a record without a subject puts an empty field before its files
        while at + 1 < len(tokens) and tokens[at].lstrip("\n").startswith(":"):
            meta, path = tokens[at].lstrip("\n"), tokens[at + 1]
            parents = len(meta) - len(meta.lstrip(":"))
            parts = meta.lstrip(":").split()
            blobs = [_blob(sha) for sha in parts[parents + 1 : 2 * parents + 2]]
            files.append((path, tuple(blobs[:-1]), blobs[-1]))
            at += 2
        yield values, files


_FORMAT = "%x01%H%x00%P%x00%an%x00%ae%x00%aI%x00%cI%x00%cn%x00%ce%x00%s"
_FIELDS = 9


def read_log(root: Path, paths: Iterable[str], rev: str = "HEAD", extra: Iterable[str] = ()) -> Log:
    """Every commit reachable from ``rev`` that touched ``paths`` (relative to ``root``), newest first."""
    require_version(root)
    step("log")
    out = run(
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
        "--no-show-signature",
        f"--format={_FORMAT}",
        *extra,
        rev,
        "--",
        *paths,
    )
    log = Log()
    for (sha, parents, name, email, adate, cdate, cname, cemail, subject), files in records(out, _FIELDS):
        commit = Commit(sha, tuple(parents.split()), name, email, adate, cdate, subject, cname, cemail)
        log.add(commit, [Change(sha, path, before[0] if before else None, after) for path, before, after in files])
        step("commits", len(log.order))
    return log


def read_merges(root: Path, shas: Sequence[str], paths: Iterable[str]) -> dict[str, list[RawFile]]:
    """For each merge, the files whose content differs from every parent (``git log -c --raw``): only
    there can a merge have changed something beyond what its parents had. Paths relative to ``root``."""
    if not shas:
        return {}
    out = run(
        root,
        "log",
        "-z",
        "--raw",
        "-c",
        "--no-abbrev",
        "--no-walk=unsorted",
        "--stdin",
        "--no-show-signature",
        "--format=%x01%H",
        "--",
        *paths,
        input="\n".join(shas).encode(),
    )
    top = prefix(root)
    found: dict[str, list[RawFile]] = {}
    for (sha,), files in records(out, 1):
        found[sha.strip()] = [
            (path[len(top) :] if top and path.startswith(top) else path, before, after) for path, before, after in files
        ]
    return found
