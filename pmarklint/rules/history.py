"""History family (PML404 to PML407, PML901): what git proves about the approvals in the repository.

Runs after the repository checks, when at least one entry carries an approval that counts (by an entitled
person, for the entry's current content: other approvals are PML402/PML403 already). The logic lives in
:mod:`pmarklint.approvals.judge`; this module decides what to check and reports.

* An approval that HEAD already has is traced to the commit that introduced it and judged there (PML405,
  PML406, PML404).
* An approval that is not committed yet (the pre-commit hook runs before the commit exists) must name the
  person who is committing (PML405), and must not approve that person's own change (PML404).
* A person holding a role that approves something needs an approval of their roster entry (PML407), unless
  the role was granted while nobody in the roster could approve it (the founding roster).
* No history to read: outside git, one warning; a shallow clone, an error with the fix (PML901).
* A stale approval (PML403, from the approvals family) gets the fields that changed since it was given.

Verdicts are kept in the cache with the HEAD they were learnt at (see :class:`_History`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import Any

from pmarklint.approvals.digest import Approval, Level, digest, level_of
from pmarklint.approvals.judge import Judge, Person, committing_identity, roster_of, same, verify_signatures
from pmarklint.findings import Severity
from pmarklint.git.blobs import Blobs
from pmarklint.git.log import Log, read_log
from pmarklint.git.repo import changed_since, commit_of, is_ancestor, is_shallow, touched_between, tree
from pmarklint.history.entries import Entries
from pmarklint.rules.context import DEFAULT_APPROVERS, Context, active
from pmarklint.rules.index import EntryRef
from pmarklint.rules.rule import Example, Rule, Scope
from pmarklint.workspace.cache import Cache

# -- examples: tiny repositories with a history ------------------------------------------------------------
ITO = "Jiro Ito <ito@example.test>"
NAKAMURA = "Hanako Nakamura <nakamura@example.test>"
_CONFIG = """organization: {{name: 株式会社テスト}}
framework: pmark-2023
departments:
  - {{id: cs, name: カスタマーサービス部}}
require_approvals: {{contractor: error}}{extra}
"""
_PEOPLE = """kind: person
entries:
  - id: nakamura
    name: 中村 花子
    emails: [nakamura@example.test]
    roles: [privacy_manager]
  - id: ito
    name: 伊藤 次郎
    emails: [ito@example.test]
    roles: [complaints_desk]
"""
_CONTRACTOR = """kind: contractor
entries:
  - id: C-001
    name: 配送株式会社
    service: 配送
    evaluation: {date: 2026-04-01, result: pass}
"""
_C001 = {
    "id": "C-001",
    "name": "配送株式会社",
    "service": "配送",
    "evaluation": {"date": "2026-04-01", "result": "pass"},
}
_SIGNED = (
    _CONTRACTOR
    + "    approvals:\n"
    + f'      - {{by: nakamura, role: privacy_manager, date: 2026-04-02, digest: "{digest(_C001)}"}}\n'
)


def _flow(editor: str, signer: str, extra: str = "") -> Example:
    """Staff (``editor``) writes the contractor, then ``signer`` commits the approval in nakamura's name."""
    files = {"pmarklint.yaml": _CONFIG.format(extra=extra), "people/people.yaml": _PEOPLE}
    return Example(
        files, history=((editor, {"contractors/c.yaml": _CONTRACTOR}), (signer, {"contractors/c.yaml": _SIGNED}))
    )


# PML407: ito is made privacy manager after the first roster; top management (sato) approves that, or not.
_ROSTER = """kind: person
entries:
  - id: sato
    name: 佐藤 一郎
    emails: [sato@example.test]
    roles: [top_management]
  - id: nakamura
    name: 中村 花子
    emails: [nakamura@example.test]
    roles: [privacy_manager]
"""
_ITO = {"id": "ito", "name": "伊藤 次郎", "emails": ["ito@example.test"], "roles": ["privacy_manager"]}
_GRANT = _ROSTER + "  - id: ito\n    name: 伊藤 次郎\n    emails: [ito@example.test]\n    roles: [privacy_manager]\n"
_GRANT_APPROVED = (
    _GRANT
    + "    approvals:\n"
    + f'      - {{by: sato, role: top_management, date: 2026-04-03, digest: "{digest(_ITO)}"}}\n'
)
SATO = "Ichiro Sato <sato@example.test>"


def _grant(approved: bool) -> Example:
    files = {"pmarklint.yaml": _CONFIG.format(extra=""), "people/people.yaml": _ROSTER}
    steps: list[tuple[str, Mapping[str, str]]] = [
        (ITO, {"contractors/c.yaml": _CONTRACTOR}),
        (NAKAMURA, {"people/people.yaml": _GRANT}),
    ]
    if approved:
        steps.append((SATO, {"people/people.yaml": _GRANT_APPROVED}))
    steps.append((NAKAMURA, {"contractors/c.yaml": _SIGNED}))
    return Example(files, history=tuple(steps))


RULES = (
    Rule(
        "PML404",
        "self-approval",
        Severity.ERROR,
        Scope.HISTORY,
        "history",
        bad=_flow(NAKAMURA, NAKAMURA),
        good=_flow(ITO, NAKAMURA),
        requirement="J.2.3.1",
    ),
    Rule(
        "PML405",
        "approval-not-by-approver",
        Severity.ERROR,
        Scope.HISTORY,
        "history",
        bad=_flow(ITO, ITO),
        good=_flow(ITO, NAKAMURA),
        requirement="J.2.3.1",
    ),
    Rule(
        "PML406",
        "approval-not-signed",
        Severity.ERROR,
        Scope.HISTORY,
        "history",
        bad=_flow(ITO, NAKAMURA, "\nrequire_signed_approvals: true"),
        good=_flow(ITO, NAKAMURA),
        requirement="J.2.3.1",
    ),
    Rule(
        "PML407",
        "role-grant-unapproved",
        Severity.ERROR,
        Scope.HISTORY,
        "history",
        bad=_grant(False),
        good=_grant(True),
        requirement="J.2.3.1",
    ),
    Rule(
        "PML901",
        "history-missing",
        Severity.ERROR,
        Scope.HISTORY,
        "history",
        bad=Example({**_flow(ITO, NAKAMURA).files, "contractors/c.yaml": _SIGNED}, git=False),
        good=_flow(ITO, NAKAMURA),
        requirement="J.2.3.1",
    ),
)


# -- the check -------------------------------------------------------------------------------------------
def _severity(config: Mapping[str, Any], kind: str) -> Severity | None:
    return None if level_of(config, kind) is Level.ERROR else Severity.WARNING


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


def check_history(
    ctx: Context, git_dir: Path | None, cache: Cache | None = None, at: tuple[Path, str] | None = None
) -> None:
    """``at``: (the repository's PMS root, a commit) when the files checked are that commit's tree, extracted
    elsewhere (``check --as-of``); else the files are the work tree of ``ctx.root`` and history ends at HEAD."""
    roster_refs = {ref.id: ref for ref in ctx.entries("person") if ref.id}
    allowed = {kind: ctx.approver_roles(kind) for kind in DEFAULT_APPROVERS}
    counted = [
        (ref, item)
        for ref in ctx.entries()
        if ref.data.get("approvals")
        for item in Approval.read(ref.data)
        if _counts(ctx, ref, item, roster_refs, allowed[ref.kind])
    ]
    stale = any(f.message_key == "PML403.stale" for f in ctx.out)  # git can say what changed since
    if not counted and not stale:
        return
    if git_dir is None and at is None:
        if counted:
            ctx.report_config("PML901", (), "PML901.no_git", severity=Severity.WARNING)
        return
    root, rev = at or (ctx.root, None)
    _History(ctx, counted, roster_refs, cache or Cache(None), root, rev).run()


# What the history says about one approval that HEAD has, by (entry, by, role, date, digest, path at HEAD):
# (commit that added it or "", PML405 code or "", its message key, its arguments, PML404 verdict as
# (code, key, arguments) or (), the approver as the roster of the time has them as (id, keys) or ()).
Record = tuple[str, str, str, tuple[tuple[str, str], ...], tuple[Any, ...], tuple[Any, ...]]
_CACHE_FORMAT = 1


class _History:
    """One run of the history checks. What git history says never changes, so the verdicts are kept in the
    cache with the HEAD they were computed at; the next run reuses every verdict about an approval in a
    file that no commit since then touched, and reads history only for the rest."""

    def __init__(
        self,
        ctx: Context,
        counted: list[tuple[EntryRef, Approval]],
        roster_refs: dict[str, EntryRef],
        cache: Cache,
        root: Path,
        rev: str | None,
    ) -> None:
        self.ctx = ctx
        self.root = root  # where git runs: the PMS root inside the repository
        self.rev = rev  # None: HEAD, and the files checked are the work tree; else exactly that commit's tree
        self.counted = counted
        self.roster_refs = roster_refs
        self.roster = roster_of(ref.data for ref in roster_refs.values())
        self.folders = sorted(set(ctx.config.folders.values()))
        self.cache = cache
        # --as-of runs keep their own slot, so that they do not displace the work tree's verdicts
        slot = "as-of" if rev else "head"
        self.cache_key = cache.key(
            "history", b"", _CACHE_FORMAT, slot, tuple(self.folders), ctx.config.folders["person"]
        )
        self.verdicts: dict[tuple[str, int], bool] = {}  # (entry, approval index) → git backs it
        self.records: dict[tuple[str, ...], Record] = {}
        self.grant_records: dict[tuple[str, str, str], bool] = {}
        self.signatures: dict[tuple[str, str, tuple[str, ...]], bool] = {}
        self.earlier: dict[tuple[str, ...], Record] = {}
        self.earlier_grants: dict[tuple[str, str, str], bool] = {}
        self.loaded_head: str | None = None  # the HEAD of the verdicts read from the cache
        self.loaded_signatures: dict[tuple[str, str, tuple[str, ...]], bool] = {}
        self.touched: set[str] = set()  # files that commits since the cached verdicts' HEAD touched
        self.stale_records: dict[tuple[str, ...], tuple[str, ...]] = {}  # stale approval → fields changed since
        self.earlier_stale: dict[tuple[str, ...], tuple[str, ...]] = {}

    @cached_property
    def judge(self) -> Judge:
        """The history, read only when a verdict is not in the cache."""
        log = read_log(self.root, [*self.folders, "pmarklint.yaml"], self.head) if self.head else Log()
        person_folder = self.ctx.config.folders["person"] + "/"
        return Judge(self.root, log, self.entries, lambda path: path.startswith(person_folder))

    def run(self) -> None:
        self.head = commit_of(self.root, self.rev or "HEAD")
        if self.head is not None and is_shallow(self.root):
            if self.counted:
                self.ctx.report_config("PML901", (), "PML901.shallow")
            return
        if self.head is None:
            self.changed = None
        else:
            self.changed = set() if self.rev else set(changed_since(self.root, "HEAD", self.folders))
        if self.head:
            self._load(self.head)
        with Blobs(self.root) as blobs:
            self.entries = Entries(blobs)
            signing: list[tuple[EntryRef, Approval, Record]] = []
            pending: list[tuple[EntryRef, Approval, Any]] = []
            for ref, item in self.counted:
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
            self.stale_fields()
        if self.head and not self._unchanged:
            self._store(self.head)

    # -- the cache of verdicts ----------------------------------------------------------------------
    def _load(self, head: str) -> None:
        stored = self.cache.get(self.cache_key)
        if not isinstance(stored, dict) or not isinstance(stored.get("head"), str):
            return
        self.signatures = stored.get("signatures") or {}
        self.loaded_signatures = dict(self.signatures)
        before = stored["head"]
        if before != head:
            if not is_ancestor(self.root, before, head):
                return  # another branch, or history rewritten: start again
            self.touched = touched_between(self.root, before, head, self.folders)
        self.earlier = stored.get("records") or {}
        self.earlier_grants = stored.get("grants") or {}
        self.earlier_stale = stored.get("stale") or {}
        self.loaded_head = before

    @property
    def _unchanged(self) -> bool:
        """Whether this run learnt nothing the cache does not hold already (then it is not written again)."""
        return (
            self.loaded_head == self.head
            and self.records == self.earlier
            and self.grant_records == self.earlier_grants
            and self.stale_records == self.earlier_stale
            and self.signatures == self.loaded_signatures
        )

    def _store(self, head: str) -> None:
        value = {
            "head": head,
            "records": self.records,
            "grants": self.grant_records,
            "signatures": self.signatures,
            "stale": self.stale_records,
        }
        self.cache.put(self.cache_key, value)

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
        record = self.earlier.get(key) if path not in self.touched else None
        if record is None:
            record = self._trace(ref, item, path)
        self.records[key] = record
        _, code, reason, args, own, _ = record
        severity = _severity(self.ctx.config.data, ref.kind)
        sub = ("approvals", item.index)
        self.verdicts[(ref.id or "", item.index)] = not code
        if code:
            values: dict[str, Any] = dict(args)
            self.ctx.report(code, ref, sub, reason, severity=severity, **values)
        elif own:
            values = dict(own[2])
            self.ctx.report(own[0], ref, sub, own[1], severity=severity, **values)
        return record

    def _trace(self, ref: EntryRef, item: Approval, path: str) -> Record:
        origin = self.judge.approval_origin(ref.id or "", path, item)
        if origin is None:
            return ("", "PML405", "PML405.untraced", (("person", item.by),), (), ())
        verdict = self.judge.judge(origin.commit, item, ref.id or "")
        args = tuple(sorted((k, str(v)) for k, v in verdict.args.items()))
        if not verdict.backed:
            return (origin.commit, verdict.code or "PML405", verdict.reason or "", args, (), ())
        own = self.judge.self_approval(ref.id or "", origin, item)
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
                severity=_severity(self.ctx.config.data, ref.kind),
                person=item.by,
                commit=sha[:10],
            )

    # -- approvals not committed yet ----------------------------------------------------------------
    def pending(self, items: list[tuple[EntryRef, Approval, Any]]) -> None:
        if not items:
            return
        email = committing_identity(self.root)
        for ref, item, head_entry in items:
            severity = _severity(self.ctx.config.data, ref.kind)
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
        levels = [level_of(self.ctx.config.data, kind) for kind in DEFAULT_APPROVERS]
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
                if located is not None and self._initial(ref, located[0], role):
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

    # -- what changed since a stale approval --------------------------------------------------------
    def stale_fields(self) -> None:
        """PML403 (reported by the approvals family) says which fields changed since the approval, where git
        can tell: the entry as the commit that added the approval had it, against the entry now."""
        for position, found in enumerate(self.ctx.out):
            matched = _STALE_PATH.match(found.path or "") if found.message_key == "PML403.stale" else None
            ref = self.ctx.index.by_id.get(found.entry or "") if matched else None
            if matched is None or ref is None:
                continue
            items = [a for a in Approval.read(ref.data) if a.index == int(matched.group(1))]
            located = self.at_head(ref) if items else None
            if not items or located is None or not any(same(items[0], o) for o in Approval.read(located[1])):
                continue
            item = items[0]
            key = (ref.id or "", item.by, item.role, item.date, item.digest, located[0])
            fields = self.earlier_stale.get(key) if located[0] not in self.touched else None
            if fields is None:
                fields = self._changed_since(ref, item, located[0])
            self.stale_records[key] = fields
            if fields:
                shown = ", ".join(fields[:_MOST_FIELDS]) + (
                    f" (+{len(fields) - _MOST_FIELDS})" if len(fields) > _MOST_FIELDS else ""
                )
                args = (*found.args, ("fields", shown))
                self.ctx.out[position] = replace(found, message_key="PML403.stale_fields", args=tuple(sorted(args)))

    def _changed_since(self, ref: EntryRef, item: Approval, path: str) -> tuple[str, ...]:
        from pmarklint.history.fields import content, diff_fields

        origin = self.judge.approval_origin(ref.id or "", path, item)
        if origin is None:
            return ()
        change = self.judge.log.by_path[origin.path][origin.index]
        approved = self.entries.get(change.new, ref.id or "")
        if not isinstance(approved, dict) or digest(approved) != item.digest:
            return ()  # the commit did not have the content that was approved
        return tuple(dict.fromkeys(c.field for c in diff_fields(content(approved), content(ref.data))))

    def _approved(self, ref: EntryRef, allowed: list[str]) -> bool:
        return any(
            item.by != ref.id and item.role in allowed and self.verdicts.get((ref.id or "", item.index), False)
            for item in Approval.read(ref.data)
        )

    def _initial(self, ref: EntryRef, path: str, role: str) -> bool:
        """Whether the role was granted while nobody in the roster could have approved it (the founding
        roster: the first top management and the people appointed with them)."""
        key = (ref.id or "", role, path)
        found = self.earlier_grants.get(key) if path not in self.touched else None
        if found is None:
            origin = self.judge.role_origin(ref.id or "", path, role)
            found = False
            if origin is not None:
                before = self.judge.roster_before(self.judge.log.commits[origin.commit])
                allowed = set(self.ctx.approver_roles("person"))
                found = not any(person.active and person.roles & allowed for person in before.values())
        self.grant_records[key] = found
        return found


_STALE_PATH = re.compile(r"^approvals\[(\d+)\]\.digest$")
_MOST_FIELDS = 8  # fields named in a PML403 message; more are counted
