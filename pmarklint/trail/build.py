"""The audit trail (``pmarklint trail``): what happened to every entry of the PMS during a period, read from git
history, per entry and not per file.

How it reads history without re-parsing every revision of a ledger:

* one ``git log --raw`` over the PMS folders (:func:`pmarklint.git.log.read_log`) gives the commits and, per
  commit, which files changed from which blob to which;
* for each change of the period, the old and the new blob are split into entry slices (by id, without
  parsing YAML) and the slices' bytes are compared: only entries whose bytes differ are parsed, and an entry
  that did not change between two revisions is parsed once (:class:`pmarklint.history.entries.Entries`);
* the new blob's split is derived from the old one's, looking again only at the items between the bytes the
  two share at their start and at their end (:meth:`pmarklint.history.entries.Entries.split_near`);
* a changed entry is put together from its previous revision: only the top-level keys whose lines changed
  are read, a list that grew at its end (approvals) only for its new items, and plain block YAML without
  libyaml (:meth:`pmarklint.history.entries.Entries.get_reusing`); digests are computed once per content;
* an id that leaves one file and enters another in the same commit is a move (a renamed file or a ledger
  split by department moves every entry), reported with whatever else changed;
* each blob is read from git once: a blob's bytes are kept from its first use to its last, and the uses are
  counted before the changes are read (:class:`_Kept`); a second ``git cat-file`` streams them in the order
  they will be read, so git inflates the next revisions while the current ones are compared
  (:class:`pmarklint.git.blobs.Prefetch`);
* a long period is read by two processes: a forked helper reads the later part while this process reads the
  earlier one (:class:`_Helper`), and the helper's findings follow this process's, in the order of the
  commits;
* merge commits are not read again for the changes their branch made (those are reported on the branch's
  own commits); what a merge changed beyond all its parents (a conflict resolved by hand, an edit in the
  merge) comes from one ``git log -c --raw`` over the period's merges, entry by entry, within each file;
* the state at the end of the period (reviews overdue, the roster whose signing keys verify signatures) is
  the tree of one commit, parsed once.

Approvals are judged by :class:`pmarklint.approvals.judge.Judge`, through :func:`approval_judge` (the one
place the trail asks whether git backs an approval). Signatures come from git (``%G?``), verified against an
allowed-signers file written from the roster's ``signing_keys`` as it stands at the end of the period.

:func:`build_trail` returns a :class:`Trail`: plain data, in no language. :mod:`pmarklint.trail.render` lays it
out (Markdown, HTML, JSON, CSV) in the reader's language.
"""

from __future__ import annotations

import datetime as dt
import gc
import math
import os
import pickle
import re
import signal
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, cast

from pmarklint.approvals.digest import Approval, Level, digest, level_of
from pmarklint.approvals.judge import Judge
from pmarklint.dates import Duration, add_months, parse_date
from pmarklint.documents.slices import common_prefix, common_suffix
from pmarklint.errors import PmarklintError
from pmarklint.git.blobs import Blobs, Prefetch
from pmarklint.git.log import Log, RawFile, read_log, read_merges
from pmarklint.git.repo import (
    ancestors,
    commit_date_and_subject,
    commit_of,
    inside_work_tree,
    is_shallow,
    last_commit_on_or_before,
    tree,
)
from pmarklint.git.signatures import verify
from pmarklint.history.entries import Entries
from pmarklint.i18n import text
from pmarklint.resources import KINDS
from pmarklint.workspace.cache import Cache
from pmarklint.workspace.config import Config, find_root, load_config

ACTIONS = ("added", "modified", "moved", "retired", "removed")
APPROVAL_STATES = ("approved", "superseded", "unapproved", "not_required")
SIGNATURE_STATES = ("good", "bad", "unsigned", "unknown")
# git's %G? letters: G good; B bad; R good signature by a revoked key; N none; U good, key of unknown validity
# (not in the allowed-signers file); X, Y expired signature or key; E cannot be checked.
_SIGNATURE_WORDS = {"G": "good", "B": "bad", "R": "bad", "N": "unsigned"}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


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


@dataclass(frozen=True)
class FieldChange:
    field: str  # dotted path inside the entry: retention.period, overseas[US].basis, risks[0].measure
    old: Any  # None: absent
    new: Any


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
    backed: bool  # git backs it (approval_history.Judge)
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
            approvers=tuple((person, n, backed) for person, (n, backed) in sorted(per.items(), key=_by_count)),
        )


def _by_count(item: tuple[str, list[int]]) -> tuple[int, str]:
    return -item[1][0], item[0]


# -- approvals: the one call into pmarklint.approvals.judge -------------------------------------------------
JudgeFn = Callable[[str, Approval, str], tuple[bool, str | None, dict[str, str]]]


def approval_judge(root: Path, log: Log, entries: Entries, config: Config, roster: Mapping[str, Any]) -> JudgeFn:
    """(backed, reason key, reason arguments) for an approval that ``commit`` added to ``entry_id``.

    ``roster`` (the person entries at the end of the period) is what the trail has to offer; today's Judge
    reads the roster of each approval's parent commit from the log itself."""
    judges: list[Judge] = []  # built on the first approval: a trail without approvals never needs it
    people = config.folders["person"]

    def call(commit: str, item: Approval, entry_id: str) -> tuple[bool, str | None, dict[str, str]]:
        if not judges:
            judges.append(Judge(root, log, entries, lambda path: under(path, people)))
        verdict = judges[0].judge(commit, item, entry_id)
        args = {str(k): str(v) for k, v in verdict.args.items()}
        return verdict.backed, verdict.reason, args

    return call


# -- the command's entry point ---------------------------------------------------------------------------
def build_trail(
    start: Path,
    *,
    since: str | None = None,
    until: str | None = None,
    today: str | None = None,
    filters: Filters | None = None,
    lang: str = "en",
) -> Trail:
    """The audit trail of the PMS repository at (or above) ``start``; a PmarklintError when it cannot be
    built (not a repository, not in git, a shallow clone, a bad period)."""
    root = find_root(start, lang)
    config = load_config(root, Cache(None), lang)
    _require_full_history(root, lang)
    if today or os.environ.get("PMARKLINT_TODAY") or not until:
        from pmarklint.check.engine import resolve_today  # the checks' engine: imported only when today matters

        day = resolve_today(today, lang)
    else:
        day = dt.date.today()  # not used: --until ends the period
    period = resolve_period(root, since, until, day, lang)
    collecting = gc.isenabled()
    gc.disable()  # reading history makes no cyclic garbage; the collector's passes would only cost time
    try:
        with _Kept(root) as blobs:
            return _Builder(root, config, period, filters or Filters(), blobs).build()
    finally:
        if collecting:
            gc.enable()


def _require_full_history(root: Path, lang: str) -> None:
    if not inside_work_tree(root):
        raise PmarklintError(text("trail.not_git", lang, path=str(root)))
    if is_shallow(root):
        raise PmarklintError(text("trail.shallow", lang))


def resolve_period(root: Path, since: str | None, until: str | None, today: dt.date, lang: str) -> Period:
    """--since and --until as dates or revisions. Default: the twelve months up to today (2025-04-01 to
    2026-03-31 when today is 2026-03-31)."""
    end_day, end_commit = _bound(root, until, "--until", lang) if until else (today, None)
    if since:
        start_day, start_commit = _bound(root, since, "--since", lang)
    else:
        start_day, start_commit = add_months(end_day, -12) + dt.timedelta(days=1), None
    if start_day > end_day:
        raise PmarklintError(text("trail.bad_period", lang, since=str(start_day), until=str(end_day)))
    return Period(
        start_day,
        end_day,
        since if start_commit else None,
        until if end_commit else None,
        start_commit,
        end_commit,
    )


def _bound(root: Path, value: str, option: str, lang: str) -> tuple[dt.date, str | None]:
    if _DATE.match(value):
        try:
            return dt.date.fromisoformat(value), None
        except ValueError:
            raise PmarklintError(text("trail.bad_date", lang, option=option, value=value)) from None
    sha = commit_of(root, value)
    if sha is None:
        raise PmarklintError(text("trail.bad_rev", lang, option=option, value=value))
    stamp, _ = commit_date_and_subject(root, sha)
    return dt.date.fromisoformat(stamp[:10]), sha


def under(path: str, folder: str) -> bool:
    """Whether ``path`` is ``folder`` or inside it (both relative to the root, '/'-separated)."""
    folder = folder.strip("/")
    return not folder or folder == "." or path == folder or path.startswith(folder + "/")


# -- reading each blob once ---------------------------------------------------------------------------------
class _Kept(Blobs):
    """Blobs whose bytes are kept from their first use to their last: the uses are counted before any is
    read (:meth:`need`) and given back one by one (:meth:`done`), so a ledger's revisions, each the new side
    of one change and the old side of the next, are read from git once, and only the blobs still to be used
    stay in memory."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self._uses: Counter[str] = Counter()
        self._kept: dict[str, bytes] = {}
        self._ahead: Prefetch | None = None

    def ahead(self, order: Sequence[str]) -> None:
        """Start reading ``order`` (the blobs in the order they will first be read) ahead of use."""
        if self._ahead is None and len(order) >= Prefetch.WORTH:
            self._ahead = Prefetch(self.root, order)

    def close(self) -> None:
        if self._ahead is not None:
            self._ahead.close()
            self._ahead = None
        super().close()

    def need(self, sha: str | None) -> None:
        if sha is not None:
            self._uses[sha] += 1

    def done(self, sha: str | None) -> None:
        if sha is None:
            return
        self._uses[sha] -= 1
        if self._uses[sha] <= 0:
            del self._uses[sha]
            self._kept.pop(sha, None)

    def __enter__(self) -> _Kept:
        return self

    def read(self, sha: str) -> bytes:
        data = self._kept.get(sha)
        if data is None:
            data = self._ahead.take(sha) if self._ahead is not None else None
            if data is None:
                data = super().read(sha)
            if self._uses[sha] > 0:
                self._kept[sha] = data
        return data


_EndState = tuple[list[ReviewState], list[ReviewState], list[tuple[str, str, str]]]


class _Incomplete(Exception):
    """The second process met an entry whose previous value only the first part of the period tells."""


class _Helper:
    """A second process, forked, that reads the later part of a long period while this one reads the earlier
    part: the commits of a period are read one by one, but what each tells depends only on its own files
    (an entry that does not parse in one revision is the exception, and then this process reads that part
    itself). The helper sends back what it found, pickled; when it cannot (no fork on this system, another
    thread running, any failure), this process reads its part as well."""

    WORTH = 400  # commits in the period below which one process reads them all
    ADDED = 14  # a file added in a commit costs about as much as this many changed files

    def __init__(self, pid: int, stream: IO[bytes]) -> None:
        self._pid = pid
        self._stream = stream

    @classmethod
    def start(
        cls,
        builder: _Builder,
        selected: Sequence[str],
        split: int,
        merges: Mapping[str, _Merge],
        end_tree: Mapping[str, str],
    ) -> _Helper | None:
        if not hasattr(os, "fork") or threading.active_count() > 1:
            return None
        reading, writing = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(reading)
            os.close(writing)
            return None
        if pid == 0:  # the helper: never returns
            status = 1
            try:
                os.close(reading)
                found = pickle.dumps(builder._later(selected, split, merges, end_tree), pickle.HIGHEST_PROTOCOL)
                with os.fdopen(writing, "wb") as out:
                    out.write(found)
                status = 0
            except BaseException:  # any failure: the parent reads the part itself
                pass
            finally:
                os._exit(status)
        os.close(writing)
        return cls(pid, os.fdopen(reading, "rb"))

    def result(self) -> tuple[Any, ...] | None:
        """What the helper found; None when it did not finish."""
        try:
            data = self._stream.read()
        except OSError:
            data = b""
        status = self._wait()
        if status not in (0, None) or not data:
            return None
        try:
            found = pickle.loads(data)
        except Exception:  # a broken message: the part is read here
            return None
        return found if isinstance(found, tuple) else None

    def _wait(self) -> int | None:
        """The helper's exit status once it is gone; None when it cannot be known (reaped already)."""
        pid, self._pid = self._pid, 0
        try:
            return os.waitpid(pid, 0)[1]
        except ChildProcessError:
            return None

    def close(self) -> None:
        self._stream.close()
        if self._pid:
            try:
                os.kill(self._pid, signal.SIGKILL)
            except OSError:
                pass
            self._wait()


class _TrailEntries(Entries):
    """The trail's Entries: :meth:`all` gives what :meth:`Entries.all` gives, put together from the entries
    the trail has already read (:meth:`Entries.all_reusing`): the roster is read at the parent of every
    approval's commit, one revision after another. Few blob contents are kept besides those :class:`_Kept`
    keeps until their last use: memory given back is used again for the next revisions instead of new
    pages."""

    _KEEP_BYTES = 16 << 20

    def all(self, blob: str) -> dict[str, Any]:
        return self.all_reusing(blob)


# -- field changes --------------------------------------------------------------------------------------------
# How the items of a list field are told apart, tried in order; ``id`` for any other list of mappings. A list
# whose items cannot be told apart this way is compared item by item, by position.
_ITEM_KEYS: dict[str, tuple[tuple[str, ...], ...]] = {
    "approvals": (("by", "role", "date"), ("by", "role", "date", "digest")),
    "overseas": (("country",), ("country", "recipient")),
    "certifications": (("type",), ("type", "number")),
    "risks": (("threat",), ("phase", "threat")),
    "documents": (("title",), ("path",)),
    "records": (("title",),),
    "recurring": (("task",),),
}
_ABSENT: Any = None  # how an absent value is written in a FieldChange


def content(entry: Any) -> Any:
    """The entry without its approvals: what a digest covers."""
    return {k: v for k, v in entry.items() if k != "approvals"} if isinstance(entry, dict) else entry


def diff_fields(old: Any, new: Any, prefix: str = "") -> list[FieldChange]:
    """What differs between two values of an entry (or of a field), as dotted paths."""
    if old == new:
        return []
    if isinstance(old, dict) and isinstance(new, dict):
        out: list[FieldChange] = []
        for key in [*old, *(k for k in new if k not in old)]:
            both = key in old and key in new
            if both and old[key] == new[key]:
                continue  # what the call below would find first
            path = f"{prefix}.{key}" if prefix else str(key)
            if both:
                out += diff_fields(old[key], new[key], path)
            elif _items(old.get(key)) or _items(new.get(key)):  # a list that appears or goes: item by item
                out += diff_fields(old.get(key, []), new.get(key, []), path)
            else:
                out.append(FieldChange(path, old.get(key, _ABSENT), new.get(key, _ABSENT)))
        return out
    if isinstance(old, list) and isinstance(new, list) and _all_mappings(old) and _all_mappings(new):
        return _diff_items(old, new, prefix)
    return [FieldChange(prefix, old, new)]


def whole_fields(entry: Any, *, new: bool) -> list[FieldChange]:
    """An entry added (``new``) or removed, field by field (its id aside), each with its whole value."""
    if not isinstance(entry, dict):
        return []
    return [
        FieldChange(str(key), _ABSENT if new else value, value if new else _ABSENT)
        for key, value in entry.items()
        if key != "id"
    ]


def _items(value: Any) -> bool:
    """A non-empty list of mappings."""
    return isinstance(value, list) and bool(value) and _all_mappings(value)


def _all_mappings(items: list[Any]) -> bool:
    return all(isinstance(item, dict) for item in items)


def _diff_items(old: list[dict[str, Any]], new: list[dict[str, Any]], prefix: str) -> list[FieldChange]:
    name = prefix.rsplit(".", 1)[-1].split("[", 1)[0]
    for keys in (*_ITEM_KEYS.get(name, ()), ("id",)):
        old_ids, new_ids = _identities(old, keys), _identities(new, keys)
        if old_ids is None or new_ids is None:
            continue
        out: list[FieldChange] = []
        for ident, item in old_ids.items():
            path = f"{prefix}[{ident}]"
            out += (
                [FieldChange(path, item, _ABSENT)] if ident not in new_ids else diff_fields(item, new_ids[ident], path)
            )
        out += [FieldChange(f"{prefix}[{i}]", _ABSENT, item) for i, item in new_ids.items() if i not in old_ids]
        return out
    out = []
    for index in range(max(len(old), len(new))):
        path = f"{prefix}[{index}]"
        if index >= len(new):
            out.append(FieldChange(path, old[index], _ABSENT))
        elif index >= len(old):
            out.append(FieldChange(path, _ABSENT, new[index]))
        else:
            out += diff_fields(old[index], new[index], path)
    return out


def _identities(items: list[dict[str, Any]], keys: tuple[str, ...]) -> dict[str, dict[str, Any]] | None:
    """Each item by its identity (the values of ``keys``, joined by commas); None when an item lacks one of
    the keys, a value is not a plain scalar, or two items share an identity."""
    out: dict[str, dict[str, Any]] = {}
    for item in items:
        values = [item.get(k) for k in keys]
        if any(v is None or isinstance(v, (dict, list)) for v in values):
            return None
        ident = ",".join(_scalar(v) for v in values)
        if ident in out:
            return None
        out[ident] = item
    return out


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def is_retired(entry: Any) -> bool:
    return isinstance(entry, dict) and entry.get("status") == "retired"


# -- building ---------------------------------------------------------------------------------------------------
@dataclass
class _Merge:
    sha: str
    files: list[RawFile]  # (path, the parents' blobs, the merge's blob)


class _Builder:
    def __init__(self, root: Path, config: Config, period: Period, filters: Filters, blobs: _Kept) -> None:
        self.root = root
        self.config = config
        self.period = period
        self.filters = filters
        self.blobs = blobs
        self.entries: Entries = _TrailEntries(blobs)
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

    # -- the plan -------------------------------------------------------------------------------------------
    def build(self) -> Trail:
        head = self.period.until_commit or commit_of(self.root, "HEAD")
        self.log = read_log(self.root, self.folders, head) if head else Log()
        selected = self._selected()
        end = self._end_commit(head)
        end_tree = tree(self.root, end, self.folders) if end else {}
        merges = self._merges([sha for sha in selected if len(self.log.commits[sha].parents) > 1])
        split = self._split(selected)
        helper = _Helper.start(self, selected, split, merges, end_tree) if split < len(selected) else None
        try:
            if helper is None:
                self._plan(selected, merges, end_tree, end_tree)
            else:
                self._plan(selected[:split], merges, end_tree, {})
            roster = self._roster(end_tree)
            self.judge = approval_judge(self.root, self.log, self.entries, self.config, roster)
            self._read(selected, 0, split if helper else len(selected), merges)
            later = helper.result() if helper is not None else None
        finally:
            if helper is not None:
                helper.close()
        if later is not None:
            end_state = self._absorb(later)
        else:
            if helper is not None:  # the helper could not read its part: read it here
                self._read(selected, split, len(selected), merges)
            end_state = self._end_state(end_tree)
        overdue, never, placed = end_state
        self._place(placed)
        self._judge_changes()

        keep = self._filter(end_tree)
        changes = [c for c in self.changes if keep(c.entry)]
        approvals = [a for a in self.approvals if keep(a.entry)]
        reviews = [r for r in self.reviews if keep(r.entry)]
        evaluations = [e for e in self.evaluations if keep(e.entry)]
        used = {c.commit for c in changes} | {a.commit for a in approvals}
        used |= {d.commit for d in (*reviews, *evaluations)}
        order = [sha for sha in selected if sha in used]
        signatures = self._signatures(order, roster)
        commits = {sha: self._info(sha, signatures) for sha in order}
        organization = (self.config.data.get("organization") or {}).get("name")
        return Trail(
            root=self.root,
            period=self.period,
            filters=self.filters,
            organization=organization if isinstance(organization, str) else "",
            language=self.config.language,
            end_commit=end,
            commits=commits,
            changes=sorted(changes, key=lambda c: (c.entry, c.seq)),
            approvals=sorted(approvals, key=lambda a: (a.entry, a.seq, a.by, a.role, a.date)),
            reviews=sorted(reviews, key=lambda r: (r.entry, r.seq)),
            evaluations=sorted(evaluations, key=lambda e: (e.entry, e.seq)),
            overdue=[o for o in overdue if keep(o.entry)],
            never_reviewed=[n for n in never if keep(n.entry)],
        )

    def _plan(
        self,
        part: Sequence[str],
        merges: Mapping[str, _Merge],
        roster_tree: Mapping[str, str],
        end_tree: Mapping[str, str],
    ) -> None:
        """Count the uses of every blob that reading the commits ``part`` (and then ``end_tree``) needs, and
        start reading them ahead in the order they will first be read: the roster (from ``roster_tree``),
        then each commit's files, old before new, then the end of the period."""
        people = self.config.folders["person"]
        order = [blob for path, blob in sorted(roster_tree.items()) if under(path, people)]
        for sha in part:
            files = merges[sha].files if sha in merges else []
            blobs = [blob for _, parents, result in files for blob in (*parents, result)]
            blobs += [blob for change in self.log.changes.get(sha, []) for blob in (change.old, change.new)]
            for blob in blobs:
                self.blobs.need(blob)
            order += [blob for blob in blobs if blob]
        for blob in end_tree.values():
            self.blobs.need(blob)
        order += [blob for _, blob in sorted(end_tree.items())]
        self.blobs.ahead(order)

    def _read(self, selected: Sequence[str], start: int, stop: int, merges: Mapping[str, _Merge]) -> None:
        """Read the commits ``selected[start:stop]`` (``seq`` is the position in ``selected``)."""
        self.first = start
        for seq in range(start, stop):
            sha = selected[seq]
            if sha in merges:
                self._merge(seq, merges[sha])
            elif len(self.log.commits[sha].parents) <= 1:
                self._commit(seq, sha)

    # -- the later part of a long period, read by a second process -----------------------------------------
    def _split(self, selected: Sequence[str]) -> int:
        """Where the part a second process reads starts: about half of the work, counting a file that is
        added (every entry in it is new) as many changed files. ``len(selected)`` when not worth it."""
        if len(selected) < _Helper.WORTH:
            return len(selected)
        weights = [
            sum(1 + _Helper.ADDED * (change.old is None) for change in self.log.changes.get(sha, [])) or 1
            for sha in selected
        ]
        half, total = sum(weights) / 2, 0
        for index, weight in enumerate(weights):
            total += weight
            if total >= half:
                return index + 1
        return len(selected)

    def _later(
        self, selected: Sequence[str], start: int, merges: Mapping[str, _Merge], end_tree: Mapping[str, str]
    ) -> tuple[Any, ...]:
        """In the second process: read ``selected[start:]`` with blobs and entries of its own, and give what it
        found (:meth:`_absorb`)."""
        with _Kept(self.root) as blobs:
            self.blobs = blobs
            self.entries = _TrailEntries(blobs)
            self._plan(selected[start:], merges, end_tree, end_tree)
            roster = self._roster(end_tree)
            self.judge = approval_judge(self.root, self.log, self.entries, self.config, roster)
            self._read(selected, start, len(selected), merges)
            end_state = self._end_state(end_tree)
        if self.incomplete:
            raise _Incomplete
        return self.changes, self.approvals, self.reviews, self.evaluations, self.paths, self.kind_of, end_state

    def _absorb(self, later: tuple[Any, ...]) -> _EndState:
        """Add what the second process found, after what this one found (the order of the commits); the state
        at the end of the period, which it read as well."""
        changes, approvals, reviews, evaluations, paths, kind_of, end_state = later
        self.changes += changes
        self.approvals += approvals
        self.reviews += reviews
        self.evaluations += evaluations
        for entry_id, found in paths.items():
            self.paths.setdefault(entry_id, set()).update(found)
        self.kind_of.update(kind_of)
        return cast(_EndState, end_state)

    def _selected(self) -> list[str]:
        """The commits of the period, oldest first: by the day they were committed (in the committer's own
        time zone), and after --since when it is a revision."""
        period = self.period
        excluded: set[str] = set()
        if period.since_commit:
            excluded = ancestors(self.root, period.since_commit)
        out = []
        for sha in reversed(self.log.order):
            day = dt.date.fromisoformat(self.log.commits[sha].committer_date[:10])
            if sha in excluded:
                continue
            if period.since_commit is None and day < period.since:
                continue
            if period.until_commit is None and day > period.until:
                continue
            out.append(sha)
        return out

    def _end_commit(self, head: str | None) -> str | None:
        """The commit whose tree is the state at the end of the period: --until's, else the newest commit on
        the first-parent line of HEAD committed on or before the last day."""
        if head is None or self.period.until_commit:
            return head
        return last_commit_on_or_before(self.root, head, self.period.until.isoformat())

    # -- one commit ----------------------------------------------------------------------------------------
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
        for change in changes:
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
        changed = action in ("added", "removed") or not (_same_content(old, new) or content(old) == content(new))
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
            backed, reason, args = self.judge(sha, item, entry_id)
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
        if not added and len(entries) == 1 and _same(entries[0], new, ("last_reviewed", "evaluation")):
            return  # the very values it had: nothing moved
        moves = [("review", [old.get("last_reviewed") for old in entries], new.get("last_reviewed"))]
        if kind == "contractor":
            moves.append(("evaluation", [_evaluation_date(old) for old in entries], _evaluation_date(new)))
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

    # -- merges ---------------------------------------------------------------------------------------------
    def _merges(self, shas: Sequence[str]) -> dict[str, _Merge]:
        """For each merge, the files whose content differs from every parent: only there can a merge have
        changed something beyond what its parents had."""
        return {sha: _Merge(sha, files) for sha, files in read_merges(self.root, shas, self.folders).items()}

    def _merge(self, seq: int, merge: _Merge) -> None:
        """What the merge changed beyond all its parents, entry by entry, within each file."""
        for path, parents, result in merge.files:
            kinds = [k for k in (self._kind(b) for b in (*parents, result)) if k]
            kind = self._kind(result) or (kinds[0] if kinds else None)
            if kind is not None:
                ids = set(self._ids(result, self._kind(result)))
                for blob in parents:
                    ids |= self._ids(blob, self._kind(blob))
                for entry_id in sorted(ids):
                    if self._wanted(entry_id):
                        self._merged_entry(seq, merge.sha, entry_id, kind, path, parents, result)
            for blob in (*parents, result):
                self.blobs.done(blob)

    def _merged_entry(
        self,
        seq: int,
        sha: str,
        entry_id: str,
        kind: str,
        path: str,
        parents: tuple[str | None, ...],
        result: str | None,
    ) -> None:
        piece = self.entries.piece(result, entry_id) if result else None
        if piece is not None and any(b and self.entries.piece(b, entry_id) == piece for b in parents):
            return  # the merge took this entry from one of its parents
        get = self.entries.get_reusing
        after = get(result, entry_id)
        before = [get(b, entry_id) for b in parents]
        if any(after == b for b in before):
            return
        if after is None:
            self._event(
                seq, sha, entry_id, kind, path, None, next(b for b in before if b is not None), None, "removed", True
            )
        elif all(b is None for b in before):
            self._event(seq, sha, entry_id, kind, path, None, None, after, "added", True, None, before)
        else:
            # The fields that differ from every parent (where a parent had the entry).
            differing = [{f.field for f in diff_fields(b, after)} for b in before if b is not None]
            only = set.intersection(*differing) if differing else set()
            first = next(b for b in before if b is not None)
            self._event(seq, sha, entry_id, kind, path, None, first, after, "modified", True, only, before)

    # -- after the period's commits -------------------------------------------------------------------------
    def _judge_changes(self) -> None:
        """Whether each change of content was approved: a later commit of the period added an approval whose
        digest is the content after the change, and git backs it. Otherwise: not required (approvals are off
        for the kind, or the entry is retired), superseded (a later change of the entry was approved), or
        unapproved."""
        backed: dict[tuple[str, str], list[tuple[int, str]]] = {}
        for item in self.approvals:
            if item.backed:
                backed.setdefault((item.entry, item.digest), []).append((item.seq, item.commit))
        approved_at: dict[str, list[int]] = {}
        for change in self.changes:
            if not change.content_changed or change.action == "removed" or change.digest is None:
                continue
            hits = [commit for seq, commit in backed.get((change.entry, change.digest), []) if seq > change.seq]
            if hits:
                change.approval = "approved"
                change.approved_in = tuple(dict.fromkeys(hits))
                approved_at.setdefault(change.entry, []).append(change.seq)
        for change in self.changes:
            if change.approval is not None or not change.content_changed or change.digest is None:
                continue
            if change.action == "retired" or level_of(self.config.data, change.kind) is Level.OFF:
                change.approval = "not_required"
            elif any(seq > change.seq for seq in approved_at.get(change.entry, [])):
                change.approval = "superseded"
            else:
                change.approval = "unapproved"

    def _end_state(self, end_tree: Mapping[str, str]) -> _EndState:
        """Entries at the end of the period whose review is overdue (last_reviewed + review_every before the
        last day), and active entries never reviewed; and where each entry is then (:meth:`_place`)."""
        overdue, never, placed = [], [], []
        every_by_kind = (self.config.data.get("review") or {}).get("every") or {}
        for path, blob in sorted(end_tree.items()):
            kind = self._kind(blob)
            if kind is not None:
                for entry_id, entry in sorted(self.entries.all_reusing(blob).items()):
                    placed.append((entry_id, path, kind))
                    if is_retired(entry):
                        continue
                    own = entry.get("review_every")
                    every_text = own if Duration.parse(own) else every_by_kind.get(kind, "P1Y")
                    every = Duration.parse(every_text) or Duration(years=1)
                    if "last_reviewed" not in entry:
                        never.append(ReviewState(entry_id, kind, path, None, str(every_text), None))
                        continue
                    last = parse_date(entry.get("last_reviewed"))
                    if last is not None and every.after(last) < self.period.until:
                        due = str(every.after(last))
                        overdue.append(ReviewState(entry_id, kind, path, str(last), str(every_text), due))
            self.blobs.done(blob)
        return overdue, never, placed

    def _place(self, placed: Iterable[tuple[str, str, str]]) -> None:
        """Entries at the end of the period count as having been in their file, of their file's kind when no
        change said otherwise."""
        for entry_id, path, kind in placed:
            self.paths.setdefault(entry_id, set()).add(path)
            self.kind_of.setdefault(entry_id, kind)

    def _roster(self, end_tree: Mapping[str, str]) -> dict[str, Any]:
        people: dict[str, Any] = {}
        for path, blob in sorted(end_tree.items()):
            if under(path, self.config.folders["person"]) and self.entries.kind(blob) == "person":
                people.update(self.entries.all_reusing(blob))
        return people

    def _filter(self, end_tree: Mapping[str, str]) -> Callable[[str], bool]:
        kinds, ids, paths = set(self.filters.kinds), set(self.filters.ids), [_clean(p) for p in self.filters.paths]

        def keep(entry_id: str) -> bool:
            if kinds and self.kind_of.get(entry_id) not in kinds:
                return False
            if ids and entry_id not in ids:
                return False
            return not paths or any(under(p, folder) for p in self.paths.get(entry_id, ()) for folder in paths)

        return keep

    # -- commits ---------------------------------------------------------------------------------------------
    def _info(self, sha: str, signatures: Mapping[str, Signature]) -> CommitInfo:
        commit = self.log.commits[sha]
        return CommitInfo(
            sha,
            commit.author_name,
            commit.author_email,
            commit.author_date,
            commit.committer_date,
            commit.subject,
            len(commit.parents) > 1,
            signatures.get(sha, Signature("unknown", "E")),
        )

    def _signatures(self, shas: Sequence[str], roster: Mapping[str, Any]) -> dict[str, Signature]:
        """git's verdict on each commit's signature (``%G?``), against the signing keys of the roster at the
        end of the period: the principal of each key is the person's id."""
        keys = []
        for person_id, entry in sorted(roster.items()):
            listed = entry.get("signing_keys") if isinstance(entry, dict) else None
            keys += [(person_id, key) for key in (listed if isinstance(listed, list) else [])]
        found = {}
        for sha, verdict in verify(self.root, shas, keys).items():
            status = _SIGNATURE_WORDS.get(verdict.letter, "unknown")
            found[sha] = Signature(status, verdict.letter, verdict.signer if status == "good" else None)
        return found


def _same(old: Mapping[str, Any], new: Mapping[str, Any], keys: Iterable[str]) -> bool:
    """Whether the two entries hold the very same objects (or both nothing) at ``keys``."""
    return all(old.get(key) is new.get(key) for key in keys)


def _same_content(old: Any, new: Any) -> bool:
    """Whether two entries hold the very same objects at every key but ``approvals``: then their content is
    equal (a quick answer for entries put together from the same values; False says nothing)."""
    if not isinstance(old, dict) or not isinstance(new, dict):
        return False
    keys = old.keys() - {"approvals"}
    return keys == new.keys() - {"approvals"} and all(old[key] is new[key] for key in keys)


def _evaluation_date(entry: Mapping[str, Any]) -> Any:
    evaluation = entry.get("evaluation")
    return evaluation.get("date") if isinstance(evaluation, dict) else None


def _clean(path: str) -> str:
    out = path.replace("\\", "/").strip()
    while out.startswith("./"):
        out = out[2:]
    return out.strip("/")


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
