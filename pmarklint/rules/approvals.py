"""Approval family (PML4xx): who may approve what, and whether an entry's approvals still hold.

An approval is an item of an entry's ``approvals`` list, ``{by, role, date, digest}``: ``digest`` binds it to
the content it approved (:mod:`pmarklint.approvals.digest`). This family checks, on every entry:

* PML401: an entry of a kind whose approvals are required (``require_approvals`` in pmarklint.yaml) that
  carries no approval at all (retired entries are kept for the record and need none);
* PML402: an approval by someone who is not an active person in the roster, in a role that may not approve
  this kind (``approvals`` in pmarklint.yaml), or in a role the person does not hold; and the approvers of
  waivers in pmarklint.yaml (in :mod:`pmarklint.check.waivers`);
* PML403: an approval whose digest is not the entry's current digest (the entry changed after it was
  approved), unless another approval holds for the current content. Where the run reads git history, the
  message names the fields that changed since (``Context.changed_since``, which the history family answers).

How much a finding on an entry weighs follows its kind's level: ``error`` reports them as errors,
``warning`` and ``off`` as warnings (``off`` only checks the approvals that are present). What git proves about the
approvals (PML404 to PML409) is :mod:`pmarklint.rules.history`.
"""

from __future__ import annotations

from typing import Any

from pmarklint.approvals.digest import Approval, Level, level_of
from pmarklint.findings import Severity
from pmarklint.rules.context import Context, active
from pmarklint.rules.index import EntryRef
from pmarklint.rules.rule import Example, Rule, Scope

_CONFIG = """organization: {{name: 株式会社テスト}}
framework: pmark-2023
departments:
  - {{id: cs, name: カスタマーサービス部}}
waivers:
  - {{rule: PML303, entry: C-001, reason: 再評価を2月に実施予定, approved_by: {approver}, expires: 2027-02-28}}
"""
_PEOPLE = """kind: person
entries:
  - id: nakamura
    name: 中村 花子
    roles: [privacy_manager]
  - id: ito
    name: 伊藤 次郎
    roles: [complaints_desk]
"""
_CONTRACTOR = """kind: contractor
entries:
  - id: C-001
    name: 配送株式会社
    service: 配送
    evaluation: {date: 2025-04-01, result: pass}
"""


def _example(approver: str) -> Example:
    return Example(
        {
            "pmarklint.yaml": _CONFIG.format(approver=approver),
            "people/people.yaml": _PEOPLE,
            "contractors/c.yaml": _CONTRACTOR,
        }
    )


_REQUIRING = """organization: {name: 株式会社テスト}
framework: pmark-2023
departments:
  - {id: cs, name: カスタマーサービス部}
require_approvals: {contractor: error}
"""
_SIGNED = """kind: contractor
entries:
  - id: C-001
    name: 配送株式会社
    service: 配送
    evaluation: {date: 2026-04-01, result: pass}
"""
# The digests of C-001 as written above, and as it was before its service changed ("配送と倉庫"):
# tests/approvals/test_digest.py recomputes both.
CURRENT_DIGEST = "sha256:dc74c7f6d67cd975fb4976ed84d4776f04ec87372119f1f7bb0d7b14af68706e"
EARLIER_DIGEST = "sha256:d39ba07a43859ce990d51f02a5418d5320328e4a0e067780c9c288229fd0b377"


def _signed(digest_value: str | None) -> Example:
    contractor = _SIGNED
    if digest_value is not None:
        contractor += (
            "    approvals:\n"
            f'      - {{by: nakamura, role: privacy_manager, date: 2026-04-02, digest: "{digest_value}"}}\n'
        )
    return Example({"pmarklint.yaml": _REQUIRING, "people/people.yaml": _PEOPLE, "contractors/c.yaml": contractor})


RULES = (
    Rule(
        "PML401",
        "approval-missing",
        Severity.ERROR,
        Scope.REPOSITORY,
        "approvals",
        bad=_signed(None),
        good=_signed(CURRENT_DIGEST),
        requirement="J.2.3.1",
    ),
    Rule(
        "PML402",
        "approver-not-allowed",
        Severity.ERROR,
        Scope.REPOSITORY,
        "approvals",
        bad=_example("ito"),
        good=_example("nakamura"),
        requirement="J.2.3.1",
    ),
    Rule(
        "PML403",
        "approval-stale",
        Severity.ERROR,
        Scope.REPOSITORY,
        "approvals",
        bad=_signed(EARLIER_DIGEST),
        good=_signed(CURRENT_DIGEST),
        requirement="J.2.3.1",
    ),
)


def check(ctx: Context) -> None:
    waiting: list[tuple[EntryRef, Severity | None, list[Approval]]] = []  # PML403s: they name what git tells
    for ref in ctx.entries():
        level = level_of(ctx.config.data, ref.kind)
        severity = None if level is Level.ERROR else Severity.WARNING
        if not ref.data.get("approvals"):
            if level is not Level.OFF and active(ref):
                roles = ", ".join(ctx.approver_roles(ref.kind))
                ctx.report(
                    "PML401",
                    ref,
                    (),
                    "PML401.missing",
                    severity=severity,
                    kind=ref.kind,
                    roles=roles,
                    id=ref.id or "ID",
                )
            continue
        stale = _approvals(ctx, ref, severity)
        if stale:
            waiting.append((ref, severity, stale))
    ctx.prepare_history([(ref, item) for ref, _, stale in waiting for item in stale])
    for ref, severity, stale in waiting:
        _stale(ctx, ref, severity, stale)


def _approvals(ctx: Context, ref: EntryRef, severity: Severity | None) -> list[Approval]:
    """PML402 for each approval that no one entitled gave; the stale ones, unless one holds (PML403)."""
    allowed = ctx.approver_roles(ref.kind)
    current = ctx.digest(ref)
    holds = False
    stale: list[Approval] = []
    for item in Approval.read(ref.data):
        sub = ("approvals", item.index)
        person = ctx.index.by_id.get(item.by)
        if person is None or person.kind != "person" or not active(person):
            ctx.report("PML402", ref, (*sub, "by"), "PML402.unknown", severity=severity, person=item.by)
        elif item.role not in allowed:
            ctx.report(
                "PML402",
                ref,
                (*sub, "role"),
                "PML402.role_not_allowed",
                severity=severity,
                person=item.by,
                role_id=item.role,
                kind=ref.kind,
                roles=", ".join(allowed),
            )
        elif item.role not in (person.data.get("roles") or []):
            ctx.report(
                "PML402",
                ref,
                (*sub, "role"),
                "PML402.role_not_held",
                severity=severity,
                person=item.by,
                role_id=item.role,
            )
        elif item.digest != current:
            stale.append(item)
        else:
            holds = True
    # an earlier approval of other content is history when one holds: the current content is approved
    return [] if holds else stale


def _stale(ctx: Context, ref: EntryRef, severity: Severity | None, stale: list[Approval]) -> None:
    """PML403 for each approval of content the entry no longer has, with the fields changed since."""
    for item in stale:
        fields = ctx.changed_since(ref, item)  # where the run reads git history, it can tell
        detail: dict[str, Any] = {"fields": _shown(fields)} if fields else {}
        ctx.report(
            "PML403",
            ref,
            ("approvals", item.index, "digest"),
            "PML403.stale_fields" if fields else "PML403.stale",
            severity=severity,
            person=item.by,
            role_id=item.role,
            date=item.date,
            id=ref.id or "?",
            **detail,
        )


_MOST_FIELDS = 8  # fields named in a PML403 message; more are counted


def _shown(fields: tuple[str, ...]) -> str:
    more = len(fields) - _MOST_FIELDS
    return ", ".join(fields[:_MOST_FIELDS]) + (f" (+{more})" if more > 0 else "")
