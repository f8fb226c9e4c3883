"""Records family (PML6xx): the roster as every employee (従業者) and the PDCA records a P-mark examiner
samples beyond the two ledgers: education (教育, :mod:`pmarklint.rules.training`), corrective actions
(是正処置, :mod:`pmarklint.rules.corrective`), internal audits (内部監査, :mod:`pmarklint.rules.audits`),
management reviews (マネジメントレビュー, :mod:`pmarklint.rules.reviews`), the annual plan (年間計画,
:mod:`pmarklint.rules.plans`), operation checks (運用の確認, :mod:`pmarklint.rules.operation`).
Each record is a ``kind`` of its own; the checks read the one repository index and judge against ``--today``,
"within the year" meaning the fiscal year of the settings (``fiscal_year_start``, :mod:`pmarklint.rules.staff`).
This module is the family the registry knows: it lists the rules of every record's module and runs their
checks.

A person with ``left`` is no longer employed from that day: nothing new is asked of them (no training falls
due, they approve nothing), and what they did before stays valid for the record. ``status: retired`` is
still the way to take an entry out of the roster altogether.
"""

from __future__ import annotations

from pmarklint.dates import parse_date
from pmarklint.findings import Severity
from pmarklint.rules import audits, corrective, operation, plans, reviews, training
from pmarklint.rules.context import Context, active, in_both, walk
from pmarklint.rules.rule import Example, Rule, Scope
from pmarklint.rules.staff import EXAMPLE_CONFIG, EXAMPLE_PEOPLE, left, name_of, newest_record


def _people(extra: str = "", approvals: str = "") -> dict[str, str]:
    return {
        "pmarklint.yaml": EXAMPLE_CONFIG,
        "people/people.yaml": "kind: person\nentries:\n"
        "  - id: yamamoto\n    name: 山本 一郎\n    department: cs\n    employment: officer\n"
        "    roles: [top_management]\n"
        "  - id: nakamura\n    name: 中村 花子\n    department: cs\n    employment: regular\n"
        "    joined: 2015-04-01\n" + extra,
        "inventory/cs.yaml": "kind: inventory\nentries:\n  - id: PI-001\n    name: 顧客情報\n    department: cs\n"
        "    data_items: [氏名]\n    purpose: 商品の発送\n" + approvals,
    }


_APPROVAL = "    approvals:\n      - {{by: nakamura, role: privacy_manager, date: {date}, digest: 'sha256:{digest}'}}\n"

_ROSTER_RULES = (
    Rule(
        "PML601",
        "left-holds-role",
        Severity.WARNING,
        Scope.REPOSITORY,
        "records",
        bad=Example(_people("    left: 2026-09-30\n    roles: [privacy_manager]\n")),
        good=Example(_people("    left: 2026-09-30\n")),
        requirement="J.2.3.2",
    ),
    Rule(
        "PML602",
        "approval-after-left",
        Severity.ERROR,
        Scope.REPOSITORY,
        "records",
        bad=Example(
            _people(
                "    left: 2026-09-30\n    roles: [privacy_manager]\n",
                _APPROVAL.format(date="2026-10-05", digest="0" * 64),
            )
        ),
        good=Example(
            _people(
                "    left: 2026-09-30\n    roles: [privacy_manager]\n",
                _APPROVAL.format(date="2026-09-01", digest="0" * 64),
            )
        ),
        requirement="J.2.3.1",
    ),
)
_CONTROL = (
    "kind: control\nentries:\n  - id: J.4.3\n    title: {{ja: 認識}}\n    status: fit\n    recurring:\n"
    "      - {{task: 全従業者への教育, every: P1Y, record_kind: training{last}}}\n"
)
_TRAINING = (
    "kind: training\nentries:\n  - id: T-2026-01\n    title: 定期教育\n    type: regular\n    date: 2026-06-15\n"
    "    topics: [policy, importance, roles, consequences]\n    attendance:\n      - {person: yamamoto}\n"
    "      - {person: nakamura}\n"
)


def _proven(last: str) -> dict[str, str]:
    return {
        "pmarklint.yaml": EXAMPLE_CONFIG,
        "people/people.yaml": EXAMPLE_PEOPLE,
        "controls/c.yaml": _CONTROL.format(last=last),
        "training/training.yaml": _TRAINING,
    }


_PROVEN_RULES = (
    Rule(
        "PML629",
        "last-done-disagrees",
        Severity.ERROR,
        Scope.REPOSITORY,
        "records",
        bad=Example(_proven(", last_done: 2026-10-01")),
        good=Example(_proven("")),
        requirement="J.4.3",
    ),
)
RULES = (
    *_ROSTER_RULES,
    *_PROVEN_RULES,
    *training.RULES,
    *corrective.RULES,
    *audits.RULES,
    *reviews.RULES,
    *plans.RULES,
    *operation.RULES,
)


# -- the checks --------------------------------------------------------------------------------------------
def check(ctx: Context) -> None:
    _roster(ctx)
    _proven_tasks(ctx)
    training.check(ctx)
    corrective.check(ctx)
    audits.check(ctx)
    reviews.check(ctx)
    plans.check(ctx)
    operation.check(ctx)


def _roster(ctx: Context) -> None:
    people = {ref.id: ref for ref in ctx.entries("person") if ref.id is not None}
    for person in people.values():
        end = left(person)
        roles = person.data.get("roles")
        if active(person) and end is not None and end <= ctx.today and isinstance(roles, list) and roles:
            ctx.report(
                "PML601",
                person,
                ("left",),
                "PML601.left",
                name=name_of(ctx, person.id),
                left=str(end),
                role=tuple(roles),
            )
    for ref in ctx.entries():
        for sub, approval in walk(ref.data, ("approvals", "*")):
            by = approval.get("by") if isinstance(approval, dict) else None
            approver = people.get(by) if isinstance(by, str) else None
            day = parse_date(approval.get("date")) if isinstance(approval, dict) else None
            end = left(approver) if approver is not None else None
            if end is not None and day is not None and day >= end:
                ctx.report(
                    "PML602",
                    ref,
                    (*sub, "date"),
                    "PML602.after_left",
                    name=name_of(ctx, by),
                    date=str(day),
                    left=str(end),
                )


def _proven_tasks(ctx: Context) -> None:
    """A recurring task proven by a record kind: a hand-written last_done must agree with the newest record."""
    for ref in ctx.entries("control"):
        if not active(ref) or ref.data.get("status") == "not_applicable":
            continue
        for sub, task in walk(ref.data, ("recurring", "*")):
            kind = task.get("record_kind") if isinstance(task, dict) else None
            written = parse_date(task.get("last_done")) if isinstance(kind, str) else None
            proven = newest_record(ctx, kind) if isinstance(kind, str) and written is not None else None
            if proven is not None and written is not None and proven[0] != written:
                ctx.report(
                    "PML629",
                    ref,
                    (*sub, "last_done"),
                    "PML629.disagrees",
                    **in_both("task", task.get("task", "?")),
                    written=str(written),
                    record_kind=kind,
                    record=proven[1].id or "?",
                    day=str(proven[0]),
                )
