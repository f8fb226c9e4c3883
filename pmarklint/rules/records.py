"""Records family (PML6xx): the roster as every employee (従業者) and the PDCA records a P-mark examiner
samples beyond the two ledgers: education (教育). Each record is a ``kind`` of its own; the checks read the
one repository index and judge against ``--today``, "within the year" meaning the fiscal year of the settings
(``fiscal_year_start``, :func:`fiscal_year_of`).

A person with ``left`` is no longer employed from that day: nothing new is asked of them (no training falls
due, they approve nothing), and what they did before stays valid for the record. ``status: retired`` is
still the way to take an entry out of the roster altogether.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pmarklint.dates import fiscal_year, fiscal_year_bounds, parse_date
from pmarklint.findings import Severity
from pmarklint.rules.context import Context, active, walk
from pmarklint.rules.index import EntryRef
from pmarklint.rules.rule import Example, Rule, Scope

_CONFIG = """organization: {name: 株式会社テスト}
framework: pmark-2023
language: ja
departments:
  - {id: cs, name: カスタマーサービス部}
"""


def _people(extra: str = "", approvals: str = "") -> dict[str, str]:
    return {
        "pmarklint.yaml": _CONFIG,
        "people/people.yaml": "kind: person\nentries:\n"
        "  - id: yamamoto\n    name: 山本 一郎\n    department: cs\n    employment: officer\n"
        "    roles: [top_management]\n"
        "  - id: nakamura\n    name: 中村 花子\n    department: cs\n    employment: regular\n"
        "    joined: 2015-04-01\n" + extra,
        "inventory/cs.yaml": "kind: inventory\nentries:\n  - id: PI-001\n    name: 顧客情報\n    department: cs\n"
        "    data_items: [氏名]\n    purpose: 商品の発送\n" + approvals,
    }


_APPROVAL = "    approvals:\n      - {{by: nakamura, role: privacy_manager, date: {date}, digest: 'sha256:{digest}'}}\n"

RULES = (
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


# -- the fiscal year and the roster ------------------------------------------------------------------------
def fiscal_year_of(ctx: Context, day: dt.date) -> int:
    return fiscal_year(day, ctx.config.fiscal_year_start)


def fiscal_bounds(ctx: Context, year: int) -> tuple[dt.date, dt.date]:
    return fiscal_year_bounds(year, ctx.config.fiscal_year_start)


def joined(person: EntryRef) -> dt.date | None:
    return parse_date(person.data.get("joined"))


def left(person: EntryRef) -> dt.date | None:
    return parse_date(person.data.get("left"))


def employed(person: EntryRef, day: dt.date) -> bool:
    """Whether the person was one of the staff (従業者) on ``day``: in the roster, joined, not yet left."""
    start, end = joined(person), left(person)
    return active(person) and (start is None or start <= day) and (end is None or day < end)


def name_of(ctx: Context, person_id: Any) -> str:
    """A person as messages name them: "山本 一郎 (yamamoto)", or the id alone when the roster lacks them."""
    person = ctx.index.by_id.get(person_id) if isinstance(person_id, str) else None
    name = person.data.get("name") if person is not None and person.kind == "person" else None
    return f"{name} ({person_id})" if isinstance(name, str) else str(person_id)


# -- the checks --------------------------------------------------------------------------------------------
def check(ctx: Context) -> None:
    _roster(ctx)


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
