"""The trail, commit by commit: which entries of a changed file were added, changed, moved, retired or removed,
which approvals a change added, and which review and evaluation dates moved (:class:`CommitReading`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from pmarklint.approvals.digest import Approval, digest
from pmarklint.dates import parse_date
from pmarklint.documents.slices import common_prefix, common_suffix
from pmarklint.git.log import Change, Log
from pmarklint.history.entries import Entries
from pmarklint.history.fields import FieldChange, content, diff_fields, is_retired, whole_fields
from pmarklint.resources import KINDS
from pmarklint.trail.model import ApprovalRecord, DateMove, EntryChange, Filters, JudgeFn, Period
from pmarklint.trail.reader import Kept, TrailEntries
from pmarklint.workspace.config import Config


class CommitReading:
    def __init__(self, root: Path, config: Config, period: Period, filters: Filters, blobs: Kept) -> None:
        self.root = root
        self.config = config
        self.period = period
        self.filters = filters
        self.blobs = blobs
        self.entries: Entries = TrailEntries(blobs)
        self.folders = sorted(set(config.folders.values()))
        self.kinds = set(filters.kinds or KINDS)
        self.ids = set(filters.ids)
        self.changes: list[EntryChange] = []
        self.approvals: list[ApprovalRecord] = []
        self.reviews: list[DateMove] = []
        self.evaluations: list[DateMove] = []
        self.paths: dict[str, set[str]] = {}  # entry id → every file it was in during the period
        self.kind_of: dict[str, str] = {}
        self.last_read: dict[str, Any] = {}  # entry id → its value after its latest change that parsed
        self._digests: dict[tuple[tuple[str, ...], tuple[int, ...]], tuple[dict[str, Any], str]] = {}
        self.judge: JudgeFn | None = None
        self.log = Log()
        self.first = 0  # the first commit (in the period) this process reads
        self.incomplete = False  # it needed what an earlier part of the period would have told
        self._standing: dict[str, str | None] = {}  # path → the revision before one too large to read

    def _kind(self, blob: str | None) -> str | None:
        kind = self.entries.kind(blob) if blob else None
        return kind if kind in self.kinds else None

    def _ids(self, blob: str | None, kind: str | None) -> set[str]:
        return self.entries.ids(blob) if blob and kind else set()

    def _slices(self, blob: str) -> dict[str, tuple[int, int]] | None:
        """Id → (start, end) of each entry's item in the blob, split once per blob and cached by Entries."""
        return self.entries.slices(blob)

    def _shared(self, old: str, new: str) -> tuple[int, int]:
        """How many bytes two revisions of a file share at their start and (of what remains) at their end.
        The new revision's split is derived from the old one's with them (:meth:`Entries.split_near`), so
        call this after the old revision is split and before the new one is."""
        x, y = self.blobs.read(old), self.blobs.read(new)
        head = common_prefix(x, y)
        tail = common_suffix(x, y, min(len(x), len(y)) - head)
        self.entries.split_near(new, old, head, tail)
        return head, tail

    def _edited(self, old: str, new: str, common: set[str], shared: tuple[int, int]) -> list[str]:
        """The ids among ``common`` (in both blobs) whose item bytes differ. Only items outside the stretches
        the two blobs share at their start and at their end (``shared``, from :meth:`_shared`) are compared,
        so a change of one entry in a large ledger costs a comparison of bytes in C plus a look at each id,
        not a slice of every entry."""
        before, after = self._slices(old), self._slices(new)
        wanted = common & self.ids if self.ids else common
        if before is None or after is None:
            get = self.entries.get
            return sorted(i for i in wanted if get(old, i) != get(new, i))
        x, y = self.blobs.read(old), self.blobs.read(new)
        head = shared[0]
        tail = len(y) - shared[1]
        shift = len(y) - len(x)
        out = []
        for entry_id in wanted:
            (a, b), (c, d) = before[entry_id], after[entry_id]
            if (a, b) == (c, d) and d <= head:
                continue  # in the stretch both blobs start with
            if c >= tail and (a, b) == (c - shift, d - shift):
                continue  # in the stretch both blobs end with
            if x[a:b] != y[c:d]:
                out.append(entry_id)
        return sorted(out)

    def _wanted(self, entry_id: str) -> bool:
        return not self.ids or entry_id in self.ids

    def _commit(self, seq: int, sha: str) -> None:
        left: dict[str, tuple[str, str, str]] = {}  # id → (path, blob, kind) of the file it left
        entered: dict[str, tuple[str, str, str]] = {}
        edited: list[tuple[str, str, str, str, str]] = []
        changes = self.log.changes.get(sha, [])
        for change in self._readable(changes):
            old_kind, new_kind = self._kind(change.old), self._kind(change.new)
            old_ids = self._ids(change.old, old_kind)
            shared = (0, 0)
            if change.old is not None and change.new is not None and old_kind and new_kind:
                shared = self._shared(change.old, change.new)
            new_ids = self._ids(change.new, new_kind)
            for entry_id in old_ids - new_ids:
                left[entry_id] = (change.path, change.old or "", old_kind or "")
            for entry_id in new_ids - old_ids:
                entered[entry_id] = (change.path, change.new or "", new_kind or "")
            both = old_ids & new_ids
            if both:
                assert change.old is not None and change.new is not None and new_kind is not None
                for entry_id in self._edited(change.old, change.new, both, shared):
                    edited.append((entry_id, change.path, change.old, change.new, new_kind))
        get = self.entries.get_reusing
        for entry_id, path, old, new, kind in edited:
            self._event(
                seq, sha, entry_id, kind, path, None, self._before(old, entry_id), get(new, entry_id), "modified"
            )
        for entry_id in sorted(left.keys() | entered.keys()):
            if not self._wanted(entry_id):
                continue
            if entry_id in left and entry_id in entered:
                (source, old, _), (path, new, kind) = left[entry_id], entered[entry_id]
                self._event(seq, sha, entry_id, kind, path, source, get(old, entry_id), get(new, entry_id), "moved")
            elif entry_id in left:
                path, old, kind = left[entry_id]
                self._event(seq, sha, entry_id, kind, path, None, get(old, entry_id), None, "removed")
            else:
                path, new, kind = entered[entry_id]
                self._event(seq, sha, entry_id, kind, path, None, None, get(new, entry_id), "added")
        for change in changes:
            self.blobs.done(change.old)
            self.blobs.done(change.new)

    def _readable(self, changes: list[Change]) -> list[Change]:
        """The changes of a commit as the trail reads them, past revisions larger than limits.max_file_size
        (read as :class:`pmarklint.git.blobs.Skipped`, reported by the command): a change to such a revision is
        left out, and the change from it is read from the revision before it (``_standing``), so that the
        entries that changed across it show once, in the commit that left it, instead of every entry leaving
        and coming back."""
        out = []
        skipped = self.blobs.skipped
        for change in changes:
            for blob in (change.old, change.new):  # read in the order they are read ahead: old, then new
                if blob is not None:
                    self.entries.kind(blob)
            if change.new in skipped:
                if change.old not in skipped:
                    self._standing[change.path] = change.old
                continue
            if change.old in skipped:
                if change.path not in self._standing and self.first > 0:
                    self.incomplete = True  # the revision before it may be in the earlier part
                change = replace(change, old=self._standing.pop(change.path, None))
            out.append(change)
        return out

    def _before(self, old: str, entry_id: str) -> Any:
        """The entry before a commit that changed it in ``old``'s file; when it does not parse there, as it
        last did."""
        before = self.entries.get_reusing(old, entry_id)
        if before is None:
            if entry_id not in self.last_read and self.first > 0:
                self.incomplete = True  # it may have, before the part of the period this process reads
            before = self.last_read.get(entry_id)
        return before

    def _event(
        self,
        seq: int,
        sha: str,
        entry_id: str,
        kind: str,
        path: str,
        moved_from: str | None,
        old: Any,
        new: Any,
        action: str,
        merge: bool = False,
        only: Iterable[str] | None = None,
        parents: Sequence[Any] | None = None,
    ) -> None:
        """Record what happened to one entry in one commit: the change, the approvals it gained, a review or
        an evaluation. For a merge: ``only`` the fields that differ from every parent, and ``parents``, the
        entry in each parent (an approval or a review that one parent had is not the merge's)."""
        if action in ("modified", "moved") and (old is None or new is None):
            if action == "modified":  # one side does not parse: compare once both do again
                if isinstance(old, dict):
                    self.last_read[entry_id] = old
                elif isinstance(new, dict):
                    self.last_read[entry_id] = new
                return
            fields: list[FieldChange] = []
        elif action == "added":
            fields = whole_fields(new, new=True)
        elif action == "removed":
            fields = whole_fields(old, new=False)
        else:
            fields = diff_fields(old, new)
        if only is not None:
            keep = set(only)
            fields = [f for f in fields if f.field in keep]
        if action == "modified" and not fields:
            return  # comments, quoting or layout only
        if action in ("modified", "moved") and is_retired(new) and not is_retired(old):
            action = "retired"
        changed = action in ("added", "removed") or not (same_content(old, new) or content(old) == content(new))
        value = new if isinstance(new, dict) else None
        current = self._digest(value) if value is not None else None
        self.changes.append(
            EntryChange(
                seq,
                sha,
                entry_id,
                kind,
                action,
                path,
                moved_from,
                tuple(fields),
                changed,
                current if action != "removed" else None,
                merge,
            )
        )
        self.paths.setdefault(entry_id, set()).update(p for p in (path, moved_from) if p)
        self.kind_of[entry_id] = kind
        if isinstance(new, dict):
            self.last_read[entry_id] = new
        if value is not None and current is not None:
            olds = (old,) if parents is None else parents
            self._approvals_added(seq, sha, entry_id, kind, path, olds, value, current)
            self._dates(seq, sha, entry_id, kind, path, olds, value, action == "added")

    def _approvals_added(
        self,
        seq: int,
        sha: str,
        entry_id: str,
        kind: str,
        path: str,
        olds: Sequence[Any],
        new: Any,
        current: str,
    ) -> None:
        """The approvals the entry has after the commit that it had in none of ``olds`` (its value before the
        commit; for a merge, in each parent); ``current`` is the digest of ``new``."""
        if len(olds) == 1 and isinstance(olds[0], dict) and olds[0].get("approvals") is new.get("approvals"):
            return  # the very approvals it had
        before = {(a.by, a.role, a.date, a.digest) for old in olds if isinstance(old, dict) for a in Approval.read(old)}
        for item in Approval.read(new):
            if (item.by, item.role, item.date, item.digest) in before:
                continue
            assert self.judge is not None
            backed, reason, args = self.judge(sha, item, entry_id, path)
            self.approvals.append(
                ApprovalRecord(
                    seq,
                    sha,
                    entry_id,
                    kind,
                    path,
                    item.by,
                    item.role,
                    item.date,
                    item.digest,
                    item.digest == current,
                    backed,
                    None if backed else reason,
                    {} if backed else args,
                )
            )

    def _digest(self, entry: dict[str, Any]) -> str:
        """:func:`pmarklint.approvals.digest.digest`, once per content. Entries put together from the same parsed
        values (an entry whose approvals alone changed keeps the values of its other keys) share it: the key
        is each key with the identity of its value, and the memo keeps the entry, so that no other value can
        take one of those identities while the memo holds it."""
        names, ids = list(entry), list(map(id, entry.values()))
        if "approvals" in entry:
            at = names.index("approvals")
            del names[at], ids[at]
        key = (tuple(names), tuple(ids))
        found = self._digests.get(key)
        if found is None:
            found = self._digests[key] = (entry, digest(entry))
        return found[1]

    def _dates(
        self, seq: int, sha: str, entry_id: str, kind: str, path: str, olds: Sequence[Any], new: Any, added: bool
    ) -> None:
        """A review is ``last_reviewed`` moving forward (past its value in every one of ``olds``); an evaluation
        is ``evaluation.date`` moving forward. An entry added with such a date counts when the date falls in
        the period."""
        entries = [old for old in olds if isinstance(old, dict)]
        if not added and len(entries) == 1 and same_keys(entries[0], new, ("last_reviewed", "evaluation")):
            return  # the very values it had: nothing moved
        moves = [("review", [old.get("last_reviewed") for old in entries], new.get("last_reviewed"))]
        if kind == "contractor":
            moves.append(("evaluation", [evaluation_date(old) for old in entries], evaluation_date(new)))
        for what, before, now in moves:
            day = parse_date(now)
            days = [d for d in (parse_date(b) for b in before) if d is not None]
            previous = max(days) if days else None
            if day is None:
                continue
            if added:
                moved = self.period.since <= day <= self.period.until
            else:
                moved = previous is None or day > previous
            if not moved:
                continue
            was = str(previous) if previous is not None else None
            if what == "review":
                self.reviews.append(DateMove(seq, sha, entry_id, kind, path, was, str(now)))
            else:
                result = new["evaluation"].get("result")
                self.evaluations.append(
                    DateMove(seq, sha, entry_id, kind, path, was, str(now), result if isinstance(result, str) else None)
                )


def same_keys(old: Mapping[str, Any], new: Mapping[str, Any], keys: Iterable[str]) -> bool:
    """Whether the two entries hold the very same objects (or both nothing) at ``keys``."""
    return all(old.get(key) is new.get(key) for key in keys)


def same_content(old: Any, new: Any) -> bool:
    """Whether two entries hold the very same objects at every key but ``approvals``: then their content is
    equal (a quick answer for entries put together from the same values; False says nothing)."""
    if not isinstance(old, dict) or not isinstance(new, dict):
        return False
    keys = old.keys() - {"approvals"}
    return keys == new.keys() - {"approvals"} and all(old[key] is new[key] for key in keys)


def evaluation_date(entry: Mapping[str, Any]) -> Any:
    evaluation = entry.get("evaluation")
    return evaluation.get("date") if isinstance(evaluation, dict) else None


def clean_path(path: str) -> str:
    out = path.replace("\\", "/").strip()
    while out.startswith("./"):
        out = out[2:]
    return out.strip("/")
