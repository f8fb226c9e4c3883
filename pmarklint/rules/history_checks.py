"""The history family's checks (:mod:`pmarklint.rules.history` declares the rules): what git proves about the
approvals, and, for the approvals family, which fields changed since a stale approval was given.

Imported only when the run reads history: :class:`Session` is the run's reading of git
(``ctx.history``), made the first time a family asks; :func:`check_history` runs the history-scope checks with
it, after the repository checks.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cached_property
from typing import Any

from pmarklint.approvals.digest import Approval, Level, digest, level_of
from pmarklint.approvals.judge import Judge, approval_in, committing_identity, same
from pmarklint.approvals.policy import (
    POLICY_KEY,
    changed_keys,
    governing,
    in_force,
    policy_approvers,
    read_settings,
    settings_digest,
)
from pmarklint.approvals.roster import Person, Policy, grants, person_of, roster_of, verify_signatures
from pmarklint.findings import Severity, finding
from pmarklint.forked import Forked
from pmarklint.git.blobs import Blobs
from pmarklint.git.log import Log, is_log_record, joined, log_record, read_log, read_log_since
from pmarklint.git.repo import (
    changed_since,
    commit_of,
    is_ancestor,
    is_shallow,
    prefix,
    replace_refs,
    tree,
)
from pmarklint.history.entries import Entries
from pmarklint.rules.context import DEFAULT_APPROVERS, Context, History, active
from pmarklint.rules.history_records import history_record
from pmarklint.rules.index import EntryRef
from pmarklint.workspace.config import CONFIG_NAME


# -- the checks ------------------------------------------------------------------------------------------
def _severity(config: Mapping[str, Any], kind: str) -> Severity | None:
    return None if level_of(config, kind) is Level.ERROR else Severity.WARNING


def _settings(ctx: Context) -> Mapping[str, Any]:
    """The settings approvals are weighed by: pmarklint.yaml's, or those in force while a change of its approval
    settings awaits approval (PML408)."""
    return in_force(ctx.config.data, ctx.settings_in_force) if ctx.settings_in_force is not None else ctx.config.data


def _counts(ctx: Context, ref: EntryRef, item: Approval, roster: Mapping[str, EntryRef], allowed: list[str]) -> bool:
    """An approval that would make the entry approved: an entitled person, the entry's current content."""
    person = roster.get(item.by)
    return (
        person is not None
        and item.role in allowed
        and active(person)
        and item.role in (person.data.get("roles") or [])
        and item.digest == ctx.digest(ref)
    )


def check_history(ctx: Context) -> None:
    """The history-scope checks. ``ctx.history.at``: (the repository's PMS root, a commit) when the files checked
    are that commit's tree, extracted elsewhere (``check --as-of``); else the files are the work tree of
    ``ctx.root`` and history ends at HEAD."""
    session = _session(ctx)
    counted = _counted(ctx, session.roster_refs)
    if not counted and not session.asked:  # nothing git could back, and nobody asked what git knows
        if session.history.at is None and session.start():  # but the approval settings are a policy
            session.policy_changes(unless_never_required=True)
            session.store()
        return
    if session.history.git_dir is None and session.history.at is None:
        if counted:
            ctx.report_config("PML901", (), "PML901.no_git")
        return
    if not session.start():  # a shallow clone
        if counted:
            ctx.report_config("PML901", (), "PML901.shallow")
        return
    session.policy_changes()  # first: a change of the approval settings not approved yet is not what judges
    session.check(counted)
    session.roster_changes()
    session.skipped_revisions()
    session.store()


def _counted(ctx: Context, roster: Mapping[str, EntryRef]) -> list[tuple[EntryRef, Approval]]:
    """The approvals git is asked to back: those that would make their entry approved."""
    allowed = {kind: ctx.approver_roles(kind) for kind in DEFAULT_APPROVERS}
    return [
        (ref, item)
        for ref in ctx.entries()
        if ref.data.get("approvals")
        for item in Approval.read(ref.data)
        if _counts(ctx, ref, item, roster, allowed[ref.kind])
    ]


def _session(ctx: Context) -> Session:
    history = ctx.history
    if history is None:  # pragma: no cover - the engine runs history-scope checks only with history
        raise ValueError("the history checks need ctx.history")
    session = history.reader(ctx)
    if not isinstance(session, Session):  # pragma: no cover - the registry opens a Session
        raise TypeError(f"ctx.history's reader is a {type(session).__name__}, not a Session")
    return session


# What the history says about one approval that HEAD has, by (entry, by, role, date, digest, path at HEAD):
# (commit that added it or "", PML405 code or "", its message key, its arguments, PML404 or PML409 verdict as
# (code, key, arguments) or (), the approver as the roster of the time has them as (id, keys) or ()).
Record = tuple[str, str, str, tuple[tuple[str, str], ...], tuple[Any, ...], tuple[Any, ...]]
# What changed since a stale approval: (the fields, the blob that holds the entry as approved or "").
Stale = tuple[tuple[str, ...], str]
_CACHE_FORMAT = 7
_LOG_FORMAT = 1


class Session:
    """The run's reading of git history, shared by the history checks and the families that ask what git knows
    (``ctx.changed_since``). Nothing is read until something is asked. What git history says never changes, so
    the verdicts are kept in the cache with the HEAD they were computed at; the next run reuses every verdict
    about an approval in a file that no commit since then touched, and reads history only for the rest."""

    def __init__(self, ctx: Context) -> None:
        history = ctx.history
        if history is None:  # pragma: no cover - opened by Context.history
            raise ValueError("a history session needs ctx.history")
        root, rev = history.at or (ctx.root, None)
        self.ctx = ctx
        self.history: History = history
        self.root = root  # where git runs: the PMS root inside the repository
        self.rev = rev  # None: HEAD, and the files checked are the work tree; else exactly that commit's tree
        self.roster_refs = {ref.id: ref for ref in ctx.entries("person") if ref.id}
        self.roster = roster_of(ref.data for ref in self.roster_refs.values())
        self.folders = sorted(set(ctx.config.folders.values()))
        self.cache = history.cache
        self.asked = False  # whether another family asked what git knows (changed_since)
        self.started: bool | None = None  # None: history not read yet; False: there is none to read
        self.head: str | None = None
        self.changed: set[str] | None = None
        # git cat-file starts at the first blob read, ends with close(); a revision over the file size limit is
        # not read (Blobs.skipped, reported by skipped_revisions)
        self.blobs = Blobs(root, ctx.config.max_file_size)
        self.entries = Entries(self.blobs)
        self.verdicts: dict[tuple[str, int], bool] = {}  # (entry, approval index) → git backs it
        self.records: dict[tuple[str, ...], Record] = {}
        self.signatures: dict[tuple[str, str, tuple[str, ...]], bool] = {}
        self.earlier: dict[tuple[str, ...], Record] = {}
        self.loaded_head: str | None = None  # the HEAD of the verdicts read from the cache
        self.log_head: str | None = None  # the HEAD of the log kept with them (an ancestor of loaded_head)
        self.log_read = False  # whether this run read the log (the judge was needed)
        self.prepared = False
        self.ready_records: dict[tuple[str, ...], Record] = {}  # traced by prepare(), before being asked
        self.ready_stale: dict[tuple[str, ...], Stale] = {}
        self.loaded_signatures: dict[tuple[str, str, tuple[str, ...]], bool] = {}
        self.touched: set[str] = set()  # files that commits since the cached verdicts' HEAD touched
        self.since: Log | None = None  # those commits (None: the verdicts kept are HEAD's, or there are none)
        # stale approval → (fields changed since, the blob that holds the entry as approved, or "")
        self.stale_records: dict[tuple[str, ...], Stale] = {}
        self.earlier_stale: dict[tuple[str, ...], Stale] = {}
        # the roster in force at HEAD (the policy chain), as (person,) → (emails, roles, keys, active, commit of
        # a change awaiting approval or "")
        self.force_records: dict[tuple[str, ...], tuple[Any, ...]] = {}
        self.earlier_force: dict[tuple[str, ...], tuple[Any, ...]] | None = None
        # the approval settings in force at HEAD: (digest in force, digest last founded or approved, digest as
        # HEAD has them, the commit whose change awaits approval or "", the settings in force as JSON)
        self.policy_record: tuple[str, ...] = ()
        self.earlier_policy: tuple[str, ...] = ()

    @cached_property
    def judge(self) -> Judge:
        """The history, read only when a verdict is not in the cache."""
        log = Log()
        if self.head:
            log = self._kept_log() or read_log(self.root, self.paths, self.head)
        self.log_read = True
        person_folder = self.ctx.config.folders["person"] + "/"
        return Judge(self.root, log, self.entries, lambda path: path.startswith(person_folder), self.policy)

    @property
    def paths(self) -> list[str]:
        return [*self.folders, CONFIG_NAME]

    def _log_key(self, head: str) -> str:
        """The slot of the log read up to ``head``: it depends on the paths read, the folder they are relative to
        and the replace refs (the commit stands for all the history behind it)."""
        return self.cache.key("history-log", b"", _LOG_FORMAT, tuple(self.paths), self._prefix, self._replace, head)

    @cached_property
    def _prefix(self) -> str:
        return prefix(self.root)

    @cached_property
    def _replace(self) -> tuple[tuple[str, str], ...]:
        return replace_refs(self.root)

    def _kept_log(self) -> Log | None:
        """The log up to HEAD from the one kept at an earlier HEAD (``log_head``, an ancestor of the verdicts'
        HEAD and so of this one) and the commits since; None when none is kept or the commits since do not extend
        it as one line (:func:`pmarklint.git.log.read_log_since`)."""
        base = self.log_head
        if not base or not self.head:
            return None
        kept = self.cache.get(self._log_key(base), shape=is_log_record)
        if kept is None:
            return None
        if base == self.head:
            return joined(kept)
        if base != self.loaded_head and not is_ancestor(self.root, base, self.head):
            return None
        since = self.since if base == self.loaded_head else None  # read already: the commits since the verdicts
        return read_log_since(self.root, self.paths, base, kept, self.head, since)

    @cached_property
    def policy(self) -> Policy:
        return policy_of(self.ctx.config.data)

    def start(self) -> bool:
        """Find where history stands (HEAD, what the work tree changed, the verdicts kept), once. False when
        there is no history to read: the files are not in git, or the clone is shallow."""
        if self.started is None:
            self.started = self._start()
        return self.started

    def _start(self) -> bool:
        if self.history.git_dir is None and self.history.at is None:
            return False
        self.head = commit_of(self.root, self.rev or "HEAD")
        if self.head is not None and is_shallow(self.root):
            return False
        if self.head is not None:
            self.changed = set() if self.rev else set(changed_since(self.root, "HEAD", self.folders))
            self._load(self.head)
        return True

    # -- reading what will be asked in two processes -------------------------------------------------------
    _SHARED = 256  # approvals to trace below which one process traces them all

    def prepare(self, stale: list[tuple[EntryRef, Approval]]) -> None:
        """Trace, before they are asked, the approvals the history checks judge and the stale ones whose fields
        are asked, when this run keeps no verdicts from an earlier one (the first run in a clone: every CI run
        without a restored cache) and they are many: a second process (:class:`pmarklint.forked.Forked`) traces
        every other one while this one traces the rest. What either finds is what :meth:`committed` and
        :meth:`changed_since` would find (both trace with the same code and the same history); when the second
        process fails, what it was to trace is traced when asked."""
        if self.prepared or not self.start() or self.head is None or self.loaded_head is not None:
            return
        self.prepared = True
        tasks: list[tuple[bool, EntryRef, Approval, str]] = []
        for is_stale, pairs in ((False, _counted(self.ctx, self.roster_refs)), (True, stale)):
            for ref, item in pairs:
                located = self.at_head(ref) if ref.id else None
                if located is not None and any(same(item, o) for o in Approval.read(located[1])):
                    if not is_stale or self.ctx.index.by_id.get(ref.id or "") is ref:
                        tasks.append((is_stale, ref, item, located[0]))
        if len(tasks) < self._SHARED:
            return
        judge = self.judge  # the log, the roster and the settings at every commit: read once, before the fork
        _ = judge._states, judge._policy
        child = Forked.start(lambda: self._traced(tasks[1::2], own_git=True))
        if child is None:
            return
        try:
            mine = self._traced(tasks[0::2], own_git=False)
            theirs = child.result()
        finally:
            child.close()
        for found in (mine, theirs):
            if isinstance(found, tuple) and len(found) == 3:
                self.ready_records.update(found[0])
                self.ready_stale.update(found[1])
                self.blobs.skipped.update(found[2])  # revisions over the size limit: warned of, never kept

    def _traced(
        self, tasks: list[tuple[bool, EntryRef, Approval, str]], own_git: bool
    ) -> tuple[dict[tuple[str, ...], Record], dict[tuple[str, ...], Stale], dict[str, int]]:
        """What tracing ``tasks`` finds, by the keys :meth:`committed` and :meth:`changed_since` use. In the
        second process (``own_git``), blobs are read through a ``git cat-file`` of its own."""
        if own_git:
            self.blobs = self.entries.blobs = Blobs(self.root, self.ctx.config.max_file_size)
        records: dict[tuple[str, ...], Record] = {}
        stale: dict[tuple[str, ...], Stale] = {}
        for is_stale, ref, item, path in tasks:
            key = (ref.id or "", item.by, item.role, item.date, item.digest, path)
            if is_stale:
                stale[key] = self._changed_since(ref, item, path)
            else:
                records[key] = self._trace(ref, item, path)
        if own_git:
            self.blobs.close()
        return records, stale, dict(self.blobs.skipped)

    def check(self, counted: list[tuple[EntryRef, Approval]]) -> None:
        """Judge the approvals that count, and the roles granted (after :meth:`start`)."""
        signing: list[tuple[EntryRef, Approval, Record]] = []
        pending: list[tuple[EntryRef, Approval, Any]] = []
        for ref, item in counted:
            located = self.at_head(ref)
            head_entry = located[1] if located else None
            if located is None or not (
                head_entry is ref.data or any(same(item, o) for o in Approval.read(head_entry or {}))
            ):
                pending.append((ref, item, head_entry))
                continue
            record = self.committed(ref, item, located[0])
            if record[5]:
                signing.append((ref, item, record))
        self.pending(pending)
        if signing and self.ctx.config.data.get("require_signed_approvals") is True:
            self.signed(signing)
        self.grants()

    def skipped_revisions(self) -> None:
        """PML004 (a warning) for each revision the judgement needed that is over limits.max_file_size: read as
        an empty file, so an approval that rests on it is not backed (fail closed), and this says why."""
        sizes = self.blobs.skipped
        if not sizes:
            return
        where = self.judge.log.written_in(sizes)
        for blob, size in sorted(sizes.items(), key=lambda item: where.get(item[0], ("", ""))[::-1]):
            commit, path = where.get(blob, ("", blob))
            self.ctx.out.append(
                finding(
                    "PML004",
                    path,
                    1,
                    1,
                    "PML004.history_too_large",
                    severity=Severity.WARNING,
                    commit=commit[:10],
                    size=size,
                    limit=self.ctx.config.max_file_size,
                )
            )

    def store(self) -> None:
        """Keep what this run learnt, with the HEAD it holds for; nothing when a revision was too large to read
        (its warning must show in every run, and a verdict kept would skip the reading that finds it)."""
        if self.head and not self._unchanged and not self.blobs.skipped:
            self._store(self.head)

    def close(self) -> None:
        self.blobs.close()

    # -- the cache of verdicts ----------------------------------------------------------------------
    @cached_property
    def cache_key(self) -> str:
        """The verdicts' slot, keyed by all they depend on besides the history up to the HEAD they were learnt
        at (kept in the record, and checked to be an ancestor): the replace refs, the settings and roster as
        this run reads them, the folders, and (through the cache's salt) pmarklint's version and code.
        ``--as-of`` runs keep their own slot, so that they do not displace the work tree's verdicts."""
        return self.cache.key(
            "history",
            b"",
            _CACHE_FORMAT,
            "as-of" if self.rev else "head",
            tuple(self.folders),
            self.ctx.config.folders["person"],
            self._replace,
            repr(self.ctx.config.data),
            repr(sorted((key, repr(ref.data)) for key, ref in self.roster_refs.items())),
        )

    def _load(self, head: str) -> None:
        stored = self.cache.get(self.cache_key, shape=history_record)
        if stored is None:
            return
        self.signatures = dict(stored["signatures"])
        self.loaded_signatures = dict(self.signatures)
        before = stored["head"]
        if before != head:
            if not is_ancestor(self.root, before, head):
                return  # another branch, or history rewritten: start again
            self.since = read_log(self.root, self.paths, head, extra=[f"^{before}"])
            self.touched = {
                change.path
                for changes in [*self.since.changes.values(), *self.since.merge_changes.values()]
                for change in changes
            }
        self.earlier = dict(stored["records"])
        self.earlier_stale = dict(stored["stale"])
        if CONFIG_NAME not in self.touched:  # pmarklint.yaml as it was: the settings in force are as they were
            self.earlier_policy = dict(stored["policy"]).get(("policy",), ())
        person_folder = self.ctx.config.folders["person"] + "/"
        if not any(path.startswith(person_folder) for path in self.touched):
            self.earlier_force = dict(stored["force"]) or None  # () when the run that kept it did not need it
        self.loaded_head = before
        self.log_head = stored["log_head"] or None

    @property
    def _unchanged(self) -> bool:
        """Whether this run learnt nothing the cache does not hold already (then it is not written again)."""
        return (
            self.loaded_head == self.head
            and self.records == self.earlier
            and self.stale_records == self.earlier_stale
            and self.force_records == (self.earlier_force or {})
            and (not self.policy_record or self.policy_record == self.earlier_policy)
            and self.signatures == self.loaded_signatures
            and (not self.log_read or self.log_head == self.head)
        )

    def _store(self, head: str) -> None:
        value = {  # (key, value) pairs, not dicts: a record that lists a key twice is a miss (history_record)
            "head": head,
            "log_head": head if self.log_read else (self.log_head or ""),
            "records": tuple(self.records.items()),
            "signatures": tuple(self.signatures.items()),
            "stale": tuple(self.stale_records.items()),
            "force": tuple(self.force_records.items()),
            "policy": ((("policy",), self.policy_record),) if self.policy_record else (),
        }
        self.cache.put(self.cache_key, value)
        if self.log_read and self.log_head != head:
            self.cache.put(self._log_key(head), log_record(self.judge.log))

    # -- where an entry is at HEAD ------------------------------------------------------------------
    @cached_property
    def head_tree(self) -> dict[str, str]:
        """path → blob of the PMS files at HEAD, read only when some file differs from it."""
        return tree(self.root, self.head, self.folders) if self.head else {}

    def at_head(self, ref: EntryRef) -> tuple[str, Any] | None:
        """(path at HEAD, the entry as HEAD has it), or None when HEAD does not have the entry."""
        if self.changed is None:
            return None
        if ref.file not in self.changed:  # tracked and as HEAD has it
            return ref.file, ref.data
        for rel in [ref.file, *sorted(self.changed - {ref.file})]:
            blob = self.head_tree.get(rel)
            entry = self.entries.get(blob, ref.id or "") if blob else None
            if entry is not None:
                return rel, entry
        return None

    # -- committed approvals ------------------------------------------------------------------------
    def committed(self, ref: EntryRef, item: Approval, path: str) -> Record:
        """Judge an approval HEAD has (from the cache when nothing touched its file since), and report."""
        key = (ref.id or "", item.by, item.role, item.date, item.digest, path)
        record = self.earlier.get(key)
        if record is not None and path in self.touched and not self._still_held(ref.id or "", item, path):
            record = None
        if record is None:
            record = self.ready_records.get(key) or self._trace(ref, item, path)
        self.records[key] = record
        _, code, reason, args, own, _ = record
        severity = _severity(_settings(self.ctx), ref.kind)
        sub = ("approvals", item.index)
        self.verdicts[(ref.id or "", item.index)] = not code
        if code:
            values: dict[str, Any] = dict(args)
            self.ctx.report(code, ref, sub, reason, severity=severity, **values)
        elif own:
            values = dict(own[2])
            self.ctx.report(own[0], ref, sub, own[1], severity=severity, **values)
        return record

    def _still_held(self, entry_id: str, item: Approval, path: str) -> bool:
        """Whether an approval the cached verdicts judged (in ``path`` at their HEAD) is in the entry in every
        revision of ``path`` that the commits since then wrote: then none of them introduced it again, and what
        git said of the commit that did still holds. Never when a merge is among those commits (a merge can
        write content, and bring an approval from a branch)."""
        since = self.since
        changes = since.by_path.get(path, []) if since is not None and not since.merge_changes else []
        if not changes:
            return False
        holds = approval_in(self.entries, item)
        return all(change.new is not None and holds(change.new, entry_id) for change in changes)

    def _trace(self, ref: EntryRef, item: Approval, path: str) -> Record:
        origin = self.judge.approval_origin(ref.id or "", path, item)
        if origin is None:
            return ("", "PML405", "PML405.untraced", (("person", item.by),), (), ())
        verdict = self.judge.judge(origin.commit, item, ref.id or "")
        args = tuple(sorted((k, str(v)) for k, v in verdict.args.items()))
        if not verdict.backed:
            return (origin.commit, verdict.code or "PML405", verdict.reason or "", args, (), ())
        own = self.judge.self_approval(ref.id or "", origin, item) or self.judge.dates(ref.id or "", origin, item)
        own_record = (own.code, own.reason, tuple(sorted((k, str(v)) for k, v in own.args.items()))) if own else ()
        person = self.judge.roster_before(self.judge.log.commits[origin.commit]).get(item.by)
        signer = (person.id, person.keys) if person is not None else ()
        return (origin.commit, "", "", args, own_record, signer)

    def signed(self, items: list[tuple[EntryRef, Approval, Record]]) -> None:
        asked = {}
        for _, _, (sha, _, _, _, _, (person_id, keys)) in items:
            if (sha, person_id, keys) not in self.signatures:
                asked[(sha, person_id)] = Person(person_id, frozenset(), frozenset(), keys, True)
        for (sha, person_id), good in verify_signatures(self.root, asked).items():
            self.signatures[(sha, person_id, asked[(sha, person_id)].keys)] = good
        for ref, item, (sha, _, _, _, _, (person_id, keys)) in items:
            if self.signatures.get((sha, person_id, keys)):
                continue
            self.verdicts[(ref.id or "", item.index)] = False
            self.ctx.report(
                "PML406",
                ref,
                ("approvals", item.index),
                "PML406.unsigned" if keys else "PML406.no_keys",
                severity=_severity(_settings(self.ctx), ref.kind),
                person=item.by,
                commit=sha[:10],
            )

    # -- approvals not committed yet ----------------------------------------------------------------
    def pending(self, items: list[tuple[EntryRef, Approval, Any]]) -> None:
        if not items:
            return
        email = committing_identity(self.root)
        for ref, item, head_entry in items:
            severity = _severity(_settings(self.ctx), ref.kind)
            sub = ("approvals", item.index)
            person = self.roster.get(item.by)
            emails = sorted(person.emails) if person else []
            if email is None or email not in emails:
                self.ctx.report(
                    "PML405",
                    ref,
                    sub,
                    "PML405.pending",
                    severity=severity,
                    person=item.by,
                    who=email or "?",
                    emails=", ".join(emails) or "-",
                )
                self.verdicts[(ref.id or "", item.index)] = False
                continue
            self.verdicts[(ref.id or "", item.index)] = True
            if head_entry is None or digest(head_entry) != item.digest:
                self.ctx.report("PML404", ref, sub, "PML404.own_pending", severity=severity, person=item.by)

    # -- roles granted without approval -------------------------------------------------------------
    def grants(self) -> None:
        approving = {role for kind in DEFAULT_APPROVERS for role in self.ctx.approver_roles(kind)}
        allowed = self.ctx.approver_roles("person")
        levels = [level_of(_settings(self.ctx), kind) for kind in DEFAULT_APPROVERS]
        severity = None if Level.ERROR in levels else Severity.WARNING
        for ref in self.roster_refs.values():
            roles = ref.data.get("roles") or []
            if not active(ref) or not isinstance(roles, list):
                continue
            granted = [r for r in roles if r in approving]
            if not granted or self._approved(ref, allowed):
                continue
            located = self.at_head(ref)
            for role in granted:
                committed = located is not None and (located[1] is ref.data or _same_content(located[1], ref.data))
                if committed and self._in_force(ref, role):
                    continue
                self.ctx.report(
                    "PML407",
                    ref,
                    ("roles", roles.index(role)),
                    "PML407.unapproved",
                    severity=severity,
                    person=ref.id,
                    role_id=role,
                    roles=", ".join(allowed),
                )

    # -- the approval settings of pmarklint.yaml (the policy chain) -----------------------------------
    def policy_changes(self, unless_never_required: bool = False) -> None:
        """PML408 on pmarklint.yaml when its approval settings are not the ones in force: changed in a commit
        that nobody entitled approved, or changed and not committed yet. ``unless_never_required``: the
        repository has no approval that counts; then nothing is judged when no revision of pmarklint.yaml ever
        required approvals (or held one of the settings), as before anyone adopts them."""
        if not self.head:
            return
        if not self.policy_record:
            record = self.earlier_policy or self._policy_record(unless_never_required)
            if not record:
                return  # not judged (nothing ever asked for approvals): nothing to keep either
            self.policy_record = record
        force, anchor, written, pending, settings = self.policy_record
        now = self.ctx.config.data
        if not force or settings_digest(now) in (force, anchor):
            return
        in_force = json.loads(settings)
        self.ctx.settings_in_force = in_force
        keys = changed_keys(now, in_force)
        committed = written == settings_digest(now)
        self.ctx.report_config(
            "PML408",
            (keys[0],) if keys and keys[0] in now else (),
            "PML408.policy" if committed and pending else "PML408.policy_pending",
            commit=pending[:10],
            keys=", ".join(keys),
            roles=", ".join(policy_approvers(in_force)),
        )

    def _policy_record(self, unless_never_required: bool = False) -> tuple[str, ...]:
        """The settings in force at HEAD. pmarklint.yaml's own history is read first: when its approval
        settings never changed, nothing needs judging (and the rest of the history is not read)."""
        own = read_log(self.root, [CONFIG_NAME], self.head or "HEAD")
        versions = [
            c.new for sha in own.order for c in own.changes.get(sha) or own.merge_changes.get(sha) or () if c.new
        ]
        read = [read_settings(self.entries, blob) for blob in versions]
        digests = {settings_digest(settings) for settings in read if settings is not None}
        adopted = any(_adopted(settings) for settings in [*read, self.ctx.config.data] if settings is not None)
        if unless_never_required and not adopted:
            return ()
        if not digests:
            return ("", "", "", "", "{}")
        if len(digests) == 1:
            (value,) = digests
            first = next(settings for settings in read if settings is not None)
            return (value, value, value, "", json.dumps(governing(first), ensure_ascii=False, sort_keys=True))
        state = self.judge.policy_at(self.head)
        if state is None:
            return ("", "", "", "", "{}")
        settings = json.dumps(governing(state.settings), ensure_ascii=False, sort_keys=True)
        return (state.force, state.anchor, state.written[0], state.pending, settings)

    # -- roster changes that give more than the roster in force (the policy chain) -------------------
    def _force_at_head(self) -> None:
        """The roster in force at HEAD (from the cache when no commit since touched the roster)."""
        if self.force_records or not self.head:
            return
        if self.earlier_force is not None:
            self.force_records = dict(self.earlier_force)
            return
        state = self.judge.state_at(self.head)
        for pid, held_then in [*state.gone.items(), *state.force.items()]:
            self.force_records[(pid,)] = (
                tuple(sorted(held_then.emails)),
                tuple(sorted(held_then.roles)),
                held_then.keys,
                held_then.active,
                state.pending.get(pid, ""),
            )

    def _in_force(self, ref: EntryRef, role: str) -> bool:
        """Whether the roster in force at HEAD gives the person the role: founded, approved, or back to what
        was (PML407 is then quiet; the founding roster is founded once, and nothing later reopens that)."""
        self._force_at_head()
        held = self.force_records.get((ref.id or "",))
        return held is not None and role in held[1] and held[3]

    def roster_changes(self) -> None:
        """PML408 for each person whose e-mail addresses, signing keys or return from retirement are not in
        force: changed in a commit that nobody entitled approved (or not committed yet). Roles granted without
        approval are PML407."""
        if not self.head:
            return
        self._force_at_head()
        approving = self.policy.approving
        levels = [level_of(_settings(self.ctx), kind) for kind in DEFAULT_APPROVERS]
        severity = None if Level.ERROR in levels else Severity.WARNING
        for ref in self.roster_refs.values():
            person = person_of(ref.data)
            if person is None:
                continue
            held = self.force_records.get((person.id,))
            force = Person(person.id, frozenset(held[0]), frozenset(held[1]), held[2], held[3]) if held else None
            if not grants(person, force, approving) or (force is not None and _roles_only(person, force)):
                continue
            commit = held[4] if held else ""
            self.ctx.report(
                "PML408",
                ref,
                (),
                "PML408.roster" if commit else "PML408.roster_pending",
                severity=severity,
                person=ref.id,
                commit=commit[:10],
                roles=", ".join(self.ctx.approver_roles("person")),
            )

    # -- what changed since a stale approval --------------------------------------------------------
    def changed_since(self, ref: EntryRef, approval: Approval) -> tuple[str, ...]:
        """The fields that changed since ``approval`` (of ``ref``, stale) was given, where git can tell: the
        entry as the commit that added the approval had it, against the entry now. () when it cannot."""
        self.asked = True
        if not self.start() or not ref.id or self.ctx.index.by_id.get(ref.id) is not ref:
            return ()  # no history, or an id that names two entries: git cannot tell them apart
        located = self.at_head(ref)
        if located is None or not any(same(approval, o) for o in Approval.read(located[1])):
            return ()
        key = (ref.id, approval.by, approval.role, approval.date, approval.digest, located[0])
        found = self.earlier_stale.get(key) if located[0] not in self.touched else None
        if found is None:
            found = self._changed_since_kept(ref, approval, located[0])
        if found is None:
            found = self.ready_stale.get(key) or self._changed_since(ref, approval, located[0])
        self.stale_records[key] = found
        return found[0]

    def _changed_since_kept(self, ref: EntryRef, item: Approval, path: str) -> Stale | None:
        """The fields changed since a stale approval, without tracing it, when every commit since the cached
        verdicts' HEAD kept the approval in ``path`` (see :meth:`_still_held`): then the content approved is the
        one that HEAD had, if it had the approval and the content it approves (whether the approval counted then
        or not: an earlier approval of the same content), or the one the cached record names, if it was stale
        already (a blob id: what it holds never changes). None: trace it."""
        key = (ref.id or "", item.by, item.role, item.date, item.digest, path)
        if not self._still_held(ref.id or "", item, path):
            return None
        assert self.since is not None
        changes = self.since.by_path[path]
        before = changes[-1].old  # the file as the cached verdicts' HEAD had it
        if key in self.earlier_stale:  # stale then: the same fields while the entry's content is as it was
            was = self.entries.content_key(before, ref.id or "") if before is not None else None
            kept = was is not None and all(
                change.new is not None and self.entries.content_key(change.new, ref.id or "") == was
                for change in changes
            )
            if kept:
                return self.earlier_stale[key]
            blob = self.earlier_stale[key][1]
            return self._fields_since(ref, item, blob) if blob else None
        if before is None or not approval_in(self.entries, item)(before, ref.id or ""):
            return None
        return self._fields_since(ref, item, before)

    def _changed_since(self, ref: EntryRef, item: Approval, path: str) -> Stale:
        origin = self.judge.approval_origin(ref.id or "", path, item)
        if origin is None:
            return (), ""
        blob = self.judge.log.by_path[origin.path][origin.index].new
        # () when the commit did not have the content that was approved
        return (self._fields_since(ref, item, blob) if blob is not None else None) or ((), "")

    def _fields_since(self, ref: EntryRef, item: Approval, blob: str) -> Stale | None:
        """The fields that differ between the entry in ``blob`` and now, with the blob; None when the entry in
        ``blob`` is not the content the approval approves."""
        from pmarklint.history.fields import content, diff_fields

        approved = self.entries.get_reusing(blob, ref.id or "")
        if not isinstance(approved, dict) or digest(approved) != item.digest:
            return None
        return tuple(dict.fromkeys(c.field for c in diff_fields(content(approved), content(ref.data)))), blob

    def changed_since_digest(self, ref: EntryRef, value: str) -> tuple[str, ...]:
        """The fields that changed since the entry had the content with digest ``value`` (a risk assessed
        against it): the newest revision with that content, against the entry now. () when git cannot tell."""
        from pmarklint.history.fields import content, diff_fields

        self.asked = True
        if not self.start() or not ref.id or self.ctx.index.by_id.get(ref.id) is not ref:
            return ()
        located = self.at_head(ref)
        if located is None:
            return ()
        entry_id = ref.id

        def holds(blob: str, eid: str) -> bool:
            entry = self.entries.get(blob, eid)
            return isinstance(entry, dict) and digest(entry) == value

        origin = self.judge.tracer.origin(entry_id, located[0], holds)
        if origin is None:
            return ()
        then = self.entries.get(self.judge.log.by_path[origin.path][origin.index].new, entry_id)
        if not isinstance(then, dict):
            return ()
        return tuple(dict.fromkeys(c.field for c in diff_fields(content(then), content(ref.data))))

    def _approved(self, ref: EntryRef, allowed: list[str]) -> bool:
        return any(
            item.by != ref.id and item.role in allowed and self.verdicts.get((ref.id or "", item.index), False)
            for item in Approval.read(ref.data)
        )


def _adopted(settings: Mapping[str, Any]) -> bool:
    """Whether these settings ask for approvals at all: a level of require_approvals other than off, signed
    approvals, or an approval of the settings themselves."""
    levels = [level_of(settings, kind) for kind in DEFAULT_APPROVERS]
    return (
        any(level is not Level.OFF for level in levels)
        or settings.get("require_signed_approvals") is True
        or bool(settings.get(POLICY_KEY))
    )


def _same_content(one: Any, other: Any) -> bool:
    return isinstance(one, dict) and isinstance(other, dict) and digest(one) == digest(other)


def _roles_only(person: Person, force: Person) -> bool:
    """Whether ``person`` differs from what is in force only by roles (PML407 reports those)."""
    return person.emails <= force.emails and set(person.keys) <= set(force.keys) and person.active <= force.active


def policy_of(settings: Mapping[str, Any]) -> Policy:
    """The approval settings the judge needs, from ``pmarklint.yaml`` as read."""
    configured = settings.get("approvals")
    configured = configured if isinstance(configured, dict) else {}

    def roles(kind: str) -> list[str]:
        listed = configured.get(kind)
        if isinstance(listed, list) and listed:
            return [r for r in listed if isinstance(r, str)]
        return DEFAULT_APPROVERS[kind]

    approving = frozenset(role for kind in DEFAULT_APPROVERS for role in roles(kind))
    return Policy(frozenset(roles("person")), approving, settings.get("require_signed_approvals") is True)
