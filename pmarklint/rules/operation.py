"""Operation checks (運用の確認, J.6.1), PML628: every department of pmarklint.yaml is checked at the interval
its settings give (``operation_check.departments.<id>``, else ``operation_check.every``, default P1Y; one
vendor recommends quarterly, P3M, since a yearly check alone may draw a finding).

Judged once the repository keeps operation checks at all; a department with none is due one interval after
the first check on record.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pmarklint.dates import Duration, judge, parse_date
from pmarklint.findings import Severity
from pmarklint.rules.context import Context, active
from pmarklint.rules.rule import Example, Rule, Scope
from pmarklint.rules.staff import EXAMPLE_CONFIG, EXAMPLE_PEOPLE, setting

EVERY = Duration(years=1)


def _example(sales: str, config: str = "") -> dict[str, str]:
    check = (
        "  - id: OC-{dept}-{day}\n    department: {dept}\n    date: {day}\n    checker: nakamura\n"
        "    result: conforming\n"
    )
    return {
        "pmarklint.yaml": EXAMPLE_CONFIG + config,
        "people/people.yaml": EXAMPLE_PEOPLE,
        "operation-checks/checks.yaml": "kind: operation_check\nentries:\n"
        + check.format(dept="cs", day="2026-10-15")
        + check.format(dept="sales", day=sales),
    }


RULES = (
    Rule(
        "PML628",
        "operation-check-overdue",
        Severity.ERROR,
        Scope.REPOSITORY,
        "records",
        bad=Example(_example("2026-07-10", "operation_check: {every: P3M}\n")),
        good=Example(_example("2026-10-20", "operation_check: {every: P3M}\n")),
        requirement="J.6.1",
    ),
)


def _interval(ctx: Context, department: str) -> tuple[Duration, str]:
    own = (setting(ctx, "operation_check", "departments") or {}).get(department)
    text = own if Duration.parse(own) else setting(ctx, "operation_check", "every")
    every = Duration.parse(text)
    return (every, str(text)) if every is not None else (EVERY, "P1Y")


def check(ctx: Context) -> None:
    last: dict[str, dt.date] = {}
    earliest: list[dt.date] = []
    for ref in ctx.entries("operation_check"):
        day = parse_date(ref.data.get("date"))
        department = ref.data.get("department")
        if active(ref) and day is not None and day <= ctx.today and isinstance(department, str):
            last[department] = max(day, last.get(department, day))
            earliest.append(day)
    if not last:
        return
    first = min(earliest)
    for index, item in enumerate(ctx.config.data.get("departments") or []):
        department = item.get("id") if isinstance(item, dict) else None
        if not isinstance(department, str):
            continue
        every, text = _interval(ctx, department)
        since = last.get(department)
        due = judge(every.after(since or first), ctx.today, ctx.window)
        if due.state == "ok":
            continue
        args: dict[str, Any] = {"department": department, "every": text, "due": str(due.due)}
        key = "PML628.overdue" if since else "PML628.never"
        if since:
            args["last"] = str(since)
        else:
            args["first"] = str(first)
        severity = Severity.WARNING if due.state == "soon" else None
        ctx.report_config("PML628", ("departments", index), key, entry=department, severity=severity, **args)
