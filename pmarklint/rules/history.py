"""History family (PML404 to PML409, PML901): what git proves about the approvals in the repository.

Its checks have the history scope: the engine runs them after the repository checks, when the run reads
git history (``check`` without ``--no-history``; ``ctx.history``). They run when at least one entry carries an
approval that counts (by an entitled person, for the entry's current content: other approvals are
PML402/PML403 already), or when another family asked what git knows (:meth:`Context.changed_since`). The logic
lives in :mod:`pmarklint.approvals.judge`; :mod:`pmarklint.rules.history_checks` decides what to check and
reports. This module only declares the rules, so that the registry (and every command that reads no history)
imports nothing of git.

* An approval that HEAD already has is traced to the commit that introduced it and judged there (PML405,
  PML406, PML404).
* An approval that is not committed yet (the pre-commit hook runs before the commit exists) must name the
  person who is committing (PML405), and must not approve that person's own change (PML404).
* A person holding a role that approves something needs an approval of their roster entry (PML407), unless
  the role was granted while nobody in the roster could approve it (the founding roster).
* No history to read (outside git, a shallow clone): an error with the fix (PML901); never a warning that lets
  an approval nobody can prove pass.
* The family also answers, for the run, which fields changed since a stale approval was given
  (:func:`open_history`, asked by the approvals family for PML403).

Verdicts are kept in the cache with the HEAD they were learnt at (see
:class:`pmarklint.rules.history_checks.Session`).
"""

from __future__ import annotations

from collections.abc import Mapping

from pmarklint.approvals.digest import digest
from pmarklint.findings import Severity
from pmarklint.rules.context import Context, HistoryReader
from pmarklint.rules.rule import Example, Rule, Scope

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


# PML408: staff gives the privacy manager a new e-mail address; top management approves that, or not.
_NEW_EMAIL = _ROSTER.replace(
    "emails: [nakamura@example.test]", "emails: [nakamura@example.test, h.nakamura@example.test]"
)
_NAKAMURA = {
    "id": "nakamura",
    "name": "中村 花子",
    "emails": ["nakamura@example.test", "h.nakamura@example.test"],
    "roles": ["privacy_manager"],
}
_NEW_EMAIL_APPROVED = (
    _NEW_EMAIL + "    approvals:\n"
    f'      - {{by: sato, role: top_management, date: 2026-04-03, digest: "{digest(_NAKAMURA)}"}}\n'
)


def _swap(approved: bool) -> Example:
    files = {"pmarklint.yaml": _CONFIG.format(extra=""), "people/people.yaml": _ROSTER}
    steps: list[tuple[str, Mapping[str, str]]] = [
        (ITO, {"contractors/c.yaml": _CONTRACTOR}),
        (ITO, {"people/people.yaml": _NEW_EMAIL}),
    ]
    if approved:
        steps.append((SATO, {"people/people.yaml": _NEW_EMAIL_APPROVED}))
    steps.append((NAKAMURA, {"contractors/c.yaml": _SIGNED}))
    return Example(files, history=tuple(steps))


def _dated(day: str) -> Example:
    """nakamura approves the contractor ito wrote, with a date years before ito wrote it."""
    flow = _flow(ITO, NAKAMURA)
    editor, signer = flow.history
    return Example(
        flow.files, history=(editor, (signer[0], {"contractors/c.yaml": _SIGNED.replace("2026-04-02", day)}))
    )


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
        "PML408",
        "roster-change-unapproved",
        Severity.ERROR,
        Scope.HISTORY,
        "history",
        bad=_swap(False),
        good=_swap(True),
        requirement="J.2.3.1",
    ),
    Rule(
        "PML409",
        "approval-date-outside-commits",
        Severity.ERROR,
        Scope.HISTORY,
        "history",
        bad=_dated("2020-01-01"),
        good=_flow(ITO, NAKAMURA),
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


# -- the checks, imported only when the run reads history ------------------------------------------------
def check_history(ctx: Context) -> None:
    """The history-scope checks of this family (:func:`pmarklint.rules.history_checks.check_history`)."""
    from pmarklint.rules.history_checks import check_history

    check_history(ctx)


def open_history(ctx: Context) -> HistoryReader:
    """The run's reading of git history, which the other families ask through ``ctx.changed_since``."""
    from pmarklint.rules.history_checks import Session

    return Session(ctx)
