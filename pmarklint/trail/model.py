"""What the audit trail holds: plain data in no language (:class:`Trail`, its changes, approvals, reviews,
evaluations and commits). :mod:`pmarklint.trail.render` lays it out."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pmarklint.approvals.digest import Approval
from pmarklint.git.log import RawFile
from pmarklint.history.fields import FieldChange

ACTIONS = ("added", "modified", "moved", "retired", "removed")
APPROVAL_STATES = ("approved", "superseded", "unapproved", "not_required")
SIGNATURE_STATES = ("good", "bad", "unsigned", "unknown")
# git's %G? letters: G good; B bad; R good signature by a revoked key; N none; U good, key of unknown validity
# (not in the allowed-signers file); X, Y expired signature or key; E cannot be checked.


# (commit, approval, entry id) → whether git backs the approval, why not, and the why's arguments.
JudgeFn = Callable[[str, Approval, str, str], tuple[bool, str | None, dict[str, str]]]


# -- what the trail holds ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Period:
    since: dt.date  # first day (for a revision: the day of its commit)
    until: dt.date  # last day, the end of the period
    since_rev: str | None = None  # --since as a revision, as given
    until_rev: str | None = None
    since_commit: str | None = None  # resolved
    until_commit: str | None = None


@dataclass(frozen=True)
class Signature:
    status: str  # good, bad, unsigned, unknown
    letter: str  # git's %G?
    signer: str | None = None  # the person id whose key made a good signature (%GS)


@dataclass(frozen=True)
class CommitInfo:
    sha: str
    author_name: str
    author_email: str
    author_date: str  # ISO 8601 with the author's offset
    committer_date: str
    subject: str
    merge: bool
    signature: Signature

    @property
    def day(self) -> str:
        return self.author_date[:10]


@dataclass
class EntryChange:
    seq: int  # the commit's position in the period, oldest first
    commit: str
    entry: str
    kind: str
    action: str  # one of ACTIONS
    path: str  # the file the entry is in after the change (before it, when removed)
    moved_from: str | None
    fields: tuple[FieldChange, ...]
    content_changed: bool  # the entry's content (everything but its approvals) changed
    digest: str | None  # of the content after the change
    merge: bool = False  # made by a merge commit beyond what its parents had
    approval: str | None = None  # one of APPROVAL_STATES; None when there is nothing to approve
    approved_in: tuple[str, ...] = ()  # the commits that approved this very content


@dataclass(frozen=True)
class ApprovalRecord:
    seq: int
    commit: str
    entry: str
    kind: str
    path: str
    by: str
    role: str
    date: str
    digest: str
    matches_content: bool  # the digest is the entry's content in that commit
    backed: bool  # git backs it (pmarklint.approvals.judge.Judge)
    reason: str | None  # a message key when it is not backed
    reason_args: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DateMove:
    """A review (``last_reviewed``) or a contractor evaluation (``evaluation.date``) recorded in a commit."""

    seq: int
    commit: str
    entry: str
    kind: str
    path: str
    old: str | None
    new: str
    result: str | None = None  # evaluation.result, for evaluations


@dataclass(frozen=True)
class ReviewState:
    """An entry at the end of the period whose review is overdue, or that was never reviewed."""

    entry: str
    kind: str
    path: str
    last_reviewed: str | None
    every: str
    due: str | None


@dataclass(frozen=True)
class Filters:
    kinds: tuple[str, ...] = ()
    ids: tuple[str, ...] = ()
    paths: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.kinds or self.ids or self.paths)


@dataclass(frozen=True)
class Summary:
    commits: int
    changed: int
    added: int
    retired: int
    removed: int
    moved: int
    content_changes: int
    approved: int
    superseded: int
    unapproved: int
    not_required: int
    approvals: int
    backed: int
    not_backed: int
    reviews: int
    overdue: int
    never_reviewed: int
    evaluated: int
    approvers: tuple[tuple[str, int, int], ...]  # (person, approvals, of which backed by git)


@dataclass(frozen=True)
class SkippedRevision:
    """A revision of a file not read because it is larger than limits.max_file_size (docs/limits.md)."""

    commit: str  # the first commit that wrote it ("" when no commit of the log did)
    path: str
    size: int  # bytes
    blob: str
    limit: int  # limits.max_file_size it is over


@dataclass
class Trail:
    root: Path
    period: Period
    filters: Filters
    organization: str
    language: str | None  # pmarklint.yaml's language
    end_commit: str | None  # the tree the end of the period is judged on
    commits: dict[str, CommitInfo]  # every commit the trail refers to, oldest first
    changes: list[EntryChange]
    approvals: list[ApprovalRecord]
    reviews: list[DateMove]
    evaluations: list[DateMove]
    overdue: list[ReviewState]
    never_reviewed: list[ReviewState]
    skipped: tuple[SkippedRevision, ...] = ()  # revisions too large to read (limits.max_file_size)
    names: dict[str, str] = field(default_factory=dict)  # the roster's names at the end of the period (id → name)

    def summary(self) -> Summary:
        def ids(action: str) -> int:
            return len({c.entry for c in self.changes if c.action == action})

        judged = [c for c in self.changes if c.approval is not None]
        states = Counter(c.approval for c in judged)
        per: dict[str, list[int]] = {}
        for item in self.approvals:
            counts = per.setdefault(item.by, [0, 0])
            counts[0] += 1
            counts[1] += item.backed
        return Summary(
            commits=len(self.commits),
            changed=len({c.entry for c in self.changes if c.content_changed and c.action not in ("added", "removed")}),
            added=ids("added"),
            retired=ids("retired"),
            removed=ids("removed"),
            moved=len({c.entry for c in self.changes if c.moved_from is not None}),
            content_changes=len(judged),
            approved=states["approved"],
            superseded=states["superseded"],
            unapproved=states["unapproved"],
            not_required=states["not_required"],
            approvals=len(self.approvals),
            backed=sum(1 for a in self.approvals if a.backed),
            not_backed=sum(1 for a in self.approvals if not a.backed),
            reviews=len(self.reviews),
            overdue=len(self.overdue),
            never_reviewed=len(self.never_reviewed),
            evaluated=len({e.entry for e in self.evaluations}),
            approvers=tuple((person, n, backed) for person, (n, backed) in sorted(per.items(), key=by_count)),
        )


def by_count(item: tuple[str, list[int]]) -> tuple[int, str]:
    return -item[1][0], item[0]


# -- approvals: the one call into pmarklint.approvals.judge -------------------------------------------------

EndState = tuple[list[ReviewState], list[ReviewState], list[tuple[str, str, str]]]


# -- building ---------------------------------------------------------------------------------------------------
@dataclass
class Merge:
    sha: str
    files: list[RawFile]  # (path, the parents' blobs, the merge's blob)


def jsonable(value: Any) -> Any:
    """A value of an entry as JSON can hold it (YAML's .inf and .nan become text); the value itself when it
    already is."""
    return value if _json_ready(value) else _json_copy(value)


def _json_ready(value: Any) -> bool:
    """Whether :func:`_json_copy` would give an equal value: no key but text, no infinite or NaN number."""
    if isinstance(value, dict):
        return all(type(k) is str and _json_ready(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_json_ready(v) for v in value)
    return not isinstance(value, float) or math.isfinite(value)


def _json_copy(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _json_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_copy(v) for v in value]
    return value
