"""The annual plan (年間計画, J.3.3), PML624 to PML627: approved before its fiscal year starts, with education,
internal audit and management review planned, no planned month passed without the activity done, and every
activity done backed by a record of the matching kind.

An approval counts by its date here; whether it is valid (the content it approved, who gave it, what git
says) is the approval checks' question (PML401 to PML407).
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from pmarklint.dates import parse_date
from pmarklint.findings import Severity
from pmarklint.resources import KINDS
from pmarklint.rules.context import Context, active, walk
from pmarklint.rules.index import EntryRef
from pmarklint.rules.rule import Example, Rule, Scope
from pmarklint.rules.staff import EXAMPLE_CONFIG, EXAMPLE_PEOPLE, fiscal_bounds, name_of

REQUIRED = ("training", "internal_audit", "management_review")
# The record kind that shows an activity was done; activities without one here need no record yet.
RECORD_OF = {
    "training": "training",
    "internal_audit": "audit_report",
    "management_review": "review",
    "operation_check": "operation_check",
}
_DIGEST = "sha256:" + "0" * 64


def _plan(approved: str, items: str) -> dict[str, str]:
    return {
        "pmarklint.yaml": EXAMPLE_CONFIG,
        "people/people.yaml": EXAMPLE_PEOPLE,
        "plans/2026.yaml": "kind: plan\nentries:\n  - id: PL-2026\n    fiscal_year: 2026\n    approvals:\n"
        f"      - {{by: yamamoto, role: top_management, date: {approved}, digest: '{_DIGEST}'}}\n"
        "    items:\n" + items,
        "training/training.yaml": "kind: training\nentries:\n  - id: T-2026-01\n    title: 定期教育\n"
        "    type: regular\n    date: 2026-06-15\n    topics: [policy, importance, roles, consequences]\n"
        "    attendance:\n      - {person: yamamoto}\n      - {person: nakamura}\n",
    }


_ITEMS = (
    "      - {activity: training, month: 2026-06, owner: nakamura, done_on: 2026-06-15, record: T-2026-01}\n"
    "      - {activity: internal_audit, month: 2027-01, owner: nakamura}\n"
    "      - {activity: management_review, month: 2027-03, owner: nakamura}\n"
)

RULES = (
    Rule(
        "PML624",
        "plan-approved-late",
        Severity.ERROR,
        Scope.REPOSITORY,
        "records",
        bad=Example(_plan("2026-04-10", _ITEMS)),
        good=Example(_plan("2026-03-25", _ITEMS)),
        requirement="J.3.3",
    ),
    Rule(
        "PML625",
        "plan-activity-missing",
        Severity.ERROR,
        Scope.REPOSITORY,
        "records",
        bad=Example(_plan("2026-03-25", _ITEMS.split("      - {activity: management_review")[0])),
        good=Example(_plan("2026-03-25", _ITEMS)),
        requirement="J.3.3",
    ),
    Rule(
        "PML626",
        "plan-item-overdue",
        Severity.ERROR,
        Scope.REPOSITORY,
        "records",
        bad=Example(_plan("2026-03-25", _ITEMS.replace("month: 2027-01", "month: 2026-10"))),
        good=Example(_plan("2026-03-25", _ITEMS)),
        requirement="J.3.3",
    ),
    Rule(
        "PML627",
        "plan-item-record",
        Severity.ERROR,
        Scope.REPOSITORY,
        "records",
        bad=Example(_plan("2026-03-25", _ITEMS.replace(", record: T-2026-01", ""))),
        good=Example(_plan("2026-03-25", _ITEMS)),
        requirement="J.3.3",
    ),
)


def _month_end(text: Any) -> dt.date | None:
    if not (isinstance(text, str) and len(text) == 7 and text[4] == "-" and text.replace("-", "").isdigit()):
        return None
    year, month = int(text[:4]), int(text[5:])
    return dt.date(year, month, calendar.monthrange(year, month)[1]) if 1 <= month <= 12 else None


def check(ctx: Context) -> None:
    for plan in ctx.entries("plan"):
        if not active(plan):
            continue
        year = plan.data.get("fiscal_year")
        if isinstance(year, int) and not isinstance(year, bool):
            _approved(ctx, plan, year)
        _activities(ctx, plan)
        for sub, item in walk(plan.data, ("items", "*")):
            if isinstance(item, dict):
                _item(ctx, plan, sub, item)


def _approved(ctx: Context, plan: EntryRef, year: int) -> None:
    start = fiscal_bounds(ctx, year)[0]
    dates = [(sub, parse_date(a.get("date"))) for sub, a in walk(plan.data, ("approvals", "*")) if isinstance(a, dict)]
    if any(day is not None and day < start for _, day in dates):
        return
    if not dates:
        ctx.report("PML624", plan, (), "PML624.none", year=year, start=str(start))
        return
    sub, day = dates[0]
    ctx.report("PML624", plan, (*sub, "date"), "PML624.late", year=year, start=str(start), date=str(day))


def _activities(ctx: Context, plan: EntryRef) -> None:
    planned = {item.get("activity") for _, item in walk(plan.data, ("items", "*")) if isinstance(item, dict)}
    missing = tuple(a for a in REQUIRED if a not in planned)
    if missing:
        at = ("items",) if "items" in plan.data else ()
        ctx.report("PML625", plan, at, "PML625.missing", activity=missing, year=plan.data.get("fiscal_year", "?"))


def _item(ctx: Context, plan: EntryRef, sub: tuple[Any, ...], item: dict[str, Any]) -> None:
    activity = item.get("activity")
    owner = name_of(ctx, item.get("owner"))
    end = _month_end(item.get("month"))
    if "done_on" not in item:
        if end is not None and end < ctx.today:
            ctx.report(
                "PML626", plan, (*sub, "month"), "PML626.overdue", activity=activity, month=item["month"], owner=owner
            )
        return
    kind = RECORD_OF.get(str(activity))
    if kind is None or kind not in KINDS:
        return
    record_id = item.get("record")
    if not isinstance(record_id, str):
        ctx.report("PML627", plan, (*sub, "done_on"), "PML627.none", activity=activity, done=str(item["done_on"]))
        return
    record = ctx.index.by_id.get(record_id)
    if record is None or record.kind != kind:
        ctx.report("PML627", plan, (*sub, "record"), "PML627.kind", activity=activity, id=record_id)
