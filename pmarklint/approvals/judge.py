"""What git proves about approvals: who added each approval, whether that person held the role then, whether
the commit is signed by their key, and whether they approved their own change.

For an approval found in the repository (``{by, role, date, digest}`` in an entry), the commit that
introduced it is found with :class:`pmarklint.history.tracer.Tracer` (following the entry across files), and is
judged against the roster *as it stood in that commit's parent*: nobody can add themselves to the roster
and approve in the same commit.

* PML405: the commit's author e-mail is not one of the approver's ``emails``; or the approver was not an
  active person of the roster then, or did not hold the role then; or no commit of the history introduced
  the approval (it arrived in a merge, or the history is incomplete). An approval that is not committed yet
  (staged, in the working tree) must name the person who is about to commit it (``git var
  GIT_AUTHOR_IDENT``).
* PML406: with ``require_signed_approvals: true``, the commit must carry a good SSH signature by one of the
  approver's ``signing_keys`` (roster of the parent commit). git verifies it (``%G?``), with an
  allowed-signers file that lists only the approver's keys.
* PML404: the approver is the author of the commit that gave the entry the content they approved.
* PML407: a person holds a role that approves something, but their roster entry carries no current approval
  by someone entitled to approve the roster (``approvals.person``), other than themselves. Roles granted
  while nobody in the roster could approve them (the founding roster) need none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from pmarklint.approvals.digest import Approval, digest
from pmarklint.git.identity import next_author
from pmarklint.git.log import Commit, Log
from pmarklint.git.run import GitError
from pmarklint.git.signatures import verify
from pmarklint.history.entries import Entries
from pmarklint.history.tracer import Origin, Tracer, iter_snapshots


@dataclass(frozen=True)
class Person:
    id: str
    emails: frozenset[str]  # lower case
    roles: frozenset[str]
    keys: tuple[str, ...]
    active: bool


def person_of(entry: Mapping[str, Any]) -> Person | None:
    entry_id = entry.get("id")
    if not isinstance(entry_id, str):
        return None
    emails, roles, keys = (entry.get(name) for name in ("emails", "roles", "signing_keys"))
    emails, roles, keys = (value if isinstance(value, list) else [] for value in (emails, roles, keys))
    return Person(
        entry_id,
        frozenset(e.strip().lower() for e in emails if isinstance(e, str)),
        frozenset(r for r in roles if isinstance(r, str)),
        tuple(k.strip() for k in keys if isinstance(k, str)),
        entry.get("status", "active") != "retired",
    )


def roster_of(entries: Iterable[Mapping[str, Any]]) -> dict[str, Person]:
    out = {}
    for entry in entries:
        person = person_of(entry)
        if person is not None:
            out[person.id] = person
    return out


def same(item: Approval, other: Approval) -> bool:
    return (item.by, item.role, item.date, item.digest) == (other.by, other.role, other.date, other.digest)


@dataclass(frozen=True)
class Verdict:
    """What git says about one approval. ``code`` and ``reason`` (a message key) are None when it holds."""

    code: str | None = None
    reason: str | None = None
    commit: Commit | None = None
    args: Mapping[str, Any] = field(default_factory=dict)

    @property
    def backed(self) -> bool:
        return self.code is None


def committing_identity(root: Path) -> str | None:
    """The e-mail (lower case) of whoever the next commit will be authored by; None when git has no
    identity (then git refuses to commit anyway)."""
    try:
        ident = next_author(root)
    except GitError:
        return None
    return ident.email.lower() if ident is not None else None


class Judge:
    """Judges approvals against the history in ``log``. ``is_roster`` says which paths may hold the roster."""

    def __init__(self, root: Path, log: Log, entries: Entries, is_roster: Callable[[str], bool]) -> None:
        self.root = root
        self.log = log
        self.entries = entries
        self.tracer = Tracer(log, entries)
        self.is_roster = is_roster
        self._digest_memo: dict[Any, str | None] = {}
        self._rosters: dict[frozenset[tuple[str, str]], dict[str, Person]] = {}

    # -- the roster at any commit ---------------------------------------------------------------------
    @cached_property
    def _snapshots(self) -> dict[str, dict[str, str]]:
        return dict(iter_snapshots(self.log, self.is_roster))

    def roster_at(self, sha: str | None) -> dict[str, Person]:
        """The roster after commit ``sha`` (empty before the first commit)."""
        files = self._snapshots.get(sha, {}) if sha else {}
        key = frozenset(files.items())
        if key not in self._rosters:
            people: list[Mapping[str, Any]] = []
            for blob in sorted(files.values()):
                if self.entries.kind(blob) == "person":
                    people += self.entries.all(blob).values()
            self._rosters[key] = roster_of(people)
        return self._rosters[key]

    def roster_before(self, commit: Commit) -> dict[str, Person]:
        return self.roster_at(commit.parents[0] if commit.parents else None)

    # -- tracing --------------------------------------------------------------------------------------
    def approval_origin(self, entry_id: str, path: str, item: Approval) -> Origin | None:
        def holds(blob: str, eid: str) -> bool:
            if eid not in self.entries.digests(blob).get(item.digest, ()):
                return False
            listed = self.entries.approvals(blob, eid)
            if listed is None:  # the approvals lines do not stand apart: read the whole entry
                entry = self.entries.get(blob, eid)
                listed = entry.get("approvals") if isinstance(entry, dict) else None
            return any(same(item, other) for other in Approval.read({"approvals": listed}))

        return self.tracer.origin(entry_id, path, holds)

    def _digest(self, blob: str, entry_id: str) -> str | None:
        """The entry's digest in the blob, computed once per distinct content (approvals lines aside)."""
        key: Any = self.entries.content_key(blob, entry_id)
        if key is None:
            key = (blob, entry_id)
        if key not in self._digest_memo:
            entry = self.entries.get(blob, entry_id)
            self._digest_memo[key] = digest(entry) if isinstance(entry, dict) else None
        return self._digest_memo[key]

    def content_origin(self, entry_id: str, at: Origin, value: str) -> Origin | None:
        """The commit that gave the entry the content with digest ``value``, looking back from ``at``. The
        search compares the entry's bytes (approvals lines aside) and parses only where they differ: a change
        of layout or comments only is not a change of content, and the search goes on past it."""
        change = self.log.by_path[at.path][at.index]
        if change.new is None or self._digest(change.new, entry_id) != value:
            return None  # the approval was not of the content its commit had
        path, start, blob = at.path, at.index, change.new
        while True:
            key = self.entries.content_key(blob, entry_id)
            if key is None:
                return self.tracer.origin(entry_id, path, lambda b, e: self._digest(b, e) == value, start)
            found = self.tracer.origin(entry_id, path, self._same_bytes(key), start)
            if found is None:
                return None
            before = self.log.by_path[found.path][found.index].old
            if before is None or self.entries.content_key(before, entry_id) is None:
                return found
            if self._digest(before, entry_id) != value:
                return found
            path, start, blob = found.path, found.index + 1, before  # only the layout changed: look further back

    def _same_bytes(self, key: bytes) -> Callable[[str, str], bool]:
        return lambda blob, entry_id: self.entries.content_key(blob, entry_id) == key

    def role_origin(self, entry_id: str, path: str, role: str) -> Origin | None:
        def holds(blob: str, eid: str) -> bool:
            entry = self.entries.get(blob, eid)
            return isinstance(entry, dict) and role in (entry.get("roles") or [])

        return self.tracer.origin(entry_id, path, holds)

    # -- judging --------------------------------------------------------------------------------------
    def judge(self, commit_sha: str, item: Approval, entry_id: str) -> Verdict:
        """PML405: the approval introduced by ``commit_sha`` against the roster of its parent."""
        commit = self.log.commits[commit_sha]
        person = self.roster_before(commit).get(item.by)
        args = {"person": item.by, "commit": commit.sha[:10], "author": commit.author_email, "day": commit.day}
        if person is None or not person.active:
            return Verdict("PML405", "PML405.not_in_roster", commit, args)
        if item.role not in person.roles:
            return Verdict("PML405", "PML405.role_then", commit, {**args, "role_id": item.role})
        if commit.author_email.strip().lower() not in person.emails:
            return Verdict("PML405", "PML405.author", commit, {**args, "emails": ", ".join(sorted(person.emails))})
        return Verdict(commit=commit, args=args)

    def self_approval(self, entry_id: str, at: Origin, item: Approval) -> Verdict | None:
        """PML404 when the approver authored the commit that produced the approved content."""
        found = self.content_origin(entry_id, at, item.digest)
        if found is None:
            return None
        commit = self.log.commits[found.commit]
        approval_commit = self.log.commits[at.commit]
        person = self.roster_before(approval_commit).get(item.by)
        emails = person.emails if person else frozenset()
        if commit.author_email.strip().lower() in emails:
            args = {"person": item.by, "commit": commit.sha[:10], "day": commit.day}
            return Verdict("PML404", "PML404.own_change", commit, args)
        return None


def verify_signatures(root: Path, requests: Mapping[tuple[str, str], Person]) -> dict[tuple[str, str], bool]:
    """(commit, person id) → whether git finds a good SSH signature on the commit by one of the person's keys.
    One ``git log --no-walk`` per distinct set of keys, with an allowed-signers file of those keys only."""
    groups: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    for (sha, person_id), person in requests.items():
        groups.setdefault((person_id, person.keys), []).append(sha)
    out: dict[tuple[str, str], bool] = {}
    for (person_id, keys), commits in groups.items():
        good: set[str] = set()
        if keys:
            good = _good_signatures(root, person_id, keys, commits)
        for sha in commits:
            out[(sha, person_id)] = sha in good
    return out


def _good_signatures(root: Path, principal: str, keys: tuple[str, ...], commits: list[str]) -> set[str]:
    verdicts = verify(root, commits, [(principal, key) for key in keys])
    return {sha for sha, verdict in verdicts.items() if verdict.letter == "G" and verdict.signer == principal}
