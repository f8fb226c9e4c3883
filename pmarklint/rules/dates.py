"""Date family (PML3xx): reviews, evaluations, recurring tasks, contracts, certifications and overseas
checks, judged against ``--today``. Due within the warning window (``review.warn_within``, default P30D)
is a warning, overdue is an error; retired entries are skipped."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pmarklint.dates import Duration, judge, parse_date
from pmarklint.findings import Severity
from pmarklint.resources import RECORD_KINDS
from pmarklint.rules.context import Context, active, in_both, walk
from pmarklint.rules.index import EntryRef
from pmarklint.rules.rule import Example, Rule, Scope
from pmarklint.rules.staff import newest_record

_CONFIG = """organization: {{name: 株式会社テスト{certification}}}
framework: pmark-2023
departments:
  - {{id: cs, name: カスタマーサービス部}}
"""


def _inventory(extra: str) -> dict[str, str]:
    return {
        "inventory/cs.yaml": "kind: inventory\nentries:\n  - id: PI-001\n    name: 顧客情報\n    department: cs\n"
        "    data_items: [氏名]\n    purpose: 商品の発送\n" + extra
    }


def _contractor(extra: str) -> dict[str, str]:
    return {
        "contractors/c.yaml": "kind: contractor\nentries:\n  - id: C-001\n    name: 配送株式会社\n    service: 配送\n"
        + extra
    }


def _control(extra: str) -> dict[str, str]:
    return {
        "controls/c.yaml": "kind: control\nentries:\n  - id: J.4.3\n    title: {ja: 認識}\n    status: fit\n" + extra
    }


def _certified(expires: str) -> dict[str, str]:
    return {
        "pmarklint.yaml": _CONFIG.format(
            certification=f", certification: {{number: '10820123(03)', expires: {expires}}}"
        )
    }


# The examples are judged at 2026-11-26, the day the explanations were written.
RULES = (
    Rule(
        "PML301",
        "review-overdue",
        Severity.ERROR,
        Scope.REPOSITORY,
        "dates",
        bad=Example(_inventory("    last_reviewed: 2025-06-30\n")),
        good=Example(_inventory("    last_reviewed: 2026-06-30\n")),
        requirement="J.3.1.1",
    ),
    Rule(
        "PML302",
        "review-due-soon",
        Severity.WARNING,
        Scope.REPOSITORY,
        "dates",
        bad=Example(_inventory("    last_reviewed: 2025-12-10\n")),
        good=Example(_inventory("    last_reviewed: 2026-06-30\n")),
        requirement="J.3.1.1",
    ),
    Rule(
        "PML303",
        "evaluation-overdue",
        Severity.ERROR,
        Scope.REPOSITORY,
        "dates",
        bad=Example(_contractor("    evaluation: {date: 2025-04-01, result: pass}\n")),
        good=Example(_contractor("    evaluation: {date: 2026-04-01, result: pass}\n")),
        requirement="J.9.4",
    ),
    Rule(
        "PML304",
        "expired",
        Severity.ERROR,
        Scope.REPOSITORY,
        "dates",
        bad=Example(_contractor("    contract: {signed: 2024-04-01, expires: 2026-03-31}\n")),
        good=Example(_contractor("    contract: {signed: 2024-04-01, expires: 2028-03-31}\n")),
        requirement="J.9.4",
    ),
    Rule(
        "PML305",
        "future-date",
        Severity.ERROR,
        Scope.REPOSITORY,
        "dates",
        bad=Example(_inventory("    last_reviewed: 2026-12-01\n")),
        good=Example(_inventory("    last_reviewed: 2026-11-01\n")),
        requirement="J.4.5.5",
    ),
    Rule(
        "PML306",
        "task-overdue",
        Severity.ERROR,
        Scope.REPOSITORY,
        "dates",
        bad=Example(_control("    recurring:\n      - {task: 全従業者への教育, every: P1Y, last_done: 2025-10-15}\n")),
        good=Example(_control("    recurring:\n      - {task: 全従業者への教育, every: P1Y, last_done: 2026-10-15}\n")),
        requirement="J.4.3",
    ),
    Rule(
        "PML307",
        "overseas-transfer",
        Severity.ERROR,
        Scope.REPOSITORY,
        "dates",
        bad=Example(
            _inventory(
                "    overseas:\n      - {country: US, recipient: 配信会社, basis: equivalent_system,"
                " last_checked: 2025-05-20}\n"
            )
        ),
        good=Example(
            _inventory(
                "    overseas:\n      - {country: US, recipient: 配信会社, basis: equivalent_system,"
                " last_checked: 2026-05-20}\n"
            )
        ),
        requirement="J.8.8.1",
    ),
    Rule(
        "PML308",
        "renewal",
        Severity.ERROR,
        Scope.REPOSITORY,
        "dates",
        bad=Example(_certified("2027-03-31")),
        good=Example(_certified("2028-03-31")),
        requirement="J.1.5",
    ),
)

# Dates that record something that happened: none can be after today (PML305).
PAST_DATES: tuple[tuple[str, ...], ...] = (
    ("last_reviewed",),
    ("retired_on",),
    ("evaluation", "date"),
    ("contract", "signed"),
    ("approvals", "*", "date"),
    ("recurring", "*", "last_done"),
    ("overseas", "*", "last_checked"),
    ("reviewed_on",),  # the risk register (PML73x)
    ("accepted_on",),
)
OVERSEAS_CHECK_EVERY = Duration(years=1)  # "periodically", read as yearly: see `explain PML307`


def check(ctx: Context) -> None:
    for ref in ctx.entries():
        if not active(ref):
            continue
        _future(ctx, ref)
        if ref.kind not in RECORD_KINDS:  # a record is made once, on its date: it has no review
            _review(ctx, ref)
        if ref.kind == "contractor":
            _evaluation(ctx, ref)
            _expiries(ctx, ref)
        elif ref.kind == "control" and ref.data.get("status") != "not_applicable":
            _recurring(ctx, ref)
        elif ref.kind == "inventory":
            _overseas(ctx, ref)
    _renewal(ctx)


def _future(ctx: Context, ref: EntryRef) -> None:
    data = ref.data
    for pattern in PAST_DATES:
        if pattern[0] not in data:
            continue
        for sub, value in walk(data, pattern):
            day = parse_date(value)
            if day is not None and day > ctx.today:
                ctx.report("PML305", ref, sub, "PML305.future", field=".".join(str(p) for p in sub), date=value)


def _interval(ctx: Context, ref: EntryRef) -> tuple[Duration, str]:
    own = Duration.parse(ref.data.get("review_every", ""))
    if own is not None:
        return own, ref.data["review_every"]
    every = ((ctx.config.data.get("review") or {}).get("every") or {}).get(ref.kind, "P1Y")
    return ctx.review_every(ref.kind), every


def _review(ctx: Context, ref: EntryRef) -> None:
    last = parse_date(ref.data.get("last_reviewed"))
    if "last_reviewed" not in ref.data:
        ctx.report("PML302", ref, (), "PML302.never")
        return
    if last is None or last > ctx.today:
        return  # a schema or future-date finding already
    every, text = _interval(ctx, ref)
    due = judge(every.after(last), ctx.today, ctx.window)
    if due.state == "overdue":
        ctx.report("PML301", ref, ("last_reviewed",), "PML301.overdue", last=str(last), every=text, due=str(due.due))
    elif due.state == "soon":
        ctx.report("PML302", ref, ("last_reviewed",), "PML302.soon", last=str(last), every=text, due=str(due.due))


def _evaluation(ctx: Context, ref: EntryRef) -> None:
    evaluation = ref.data.get("evaluation")
    if not isinstance(evaluation, dict):
        ctx.report("PML303", ref, (), "PML303.missing")
        return
    if evaluation.get("result") == "fail":
        ctx.report("PML303", ref, ("evaluation", "result"), "PML303.failed", date=str(evaluation.get("date", "?")))
    last = parse_date(evaluation.get("date"))
    if last is None or last > ctx.today:
        return
    every, text = _interval(ctx, ref)
    due = judge(every.after(last), ctx.today, ctx.window)
    if due.state != "ok":
        soon = due.state == "soon"
        ctx.report(
            "PML303",
            ref,
            ("evaluation", "date"),
            "PML303.soon" if soon else "PML303.overdue",
            severity=Severity.WARNING if soon else None,
            last=str(last),
            every=text,
            due=str(due.due),
        )


def _expiries(ctx: Context, ref: EntryRef) -> None:
    for sub, value in [*walk(ref.data, ("contract", "expires")), *walk(ref.data, ("certifications", "*", "expires"))]:
        day = parse_date(value)
        if day is None:
            continue
        what = "contract" if sub[0] == "contract" else "certification"
        kind = ref.data["certifications"][sub[1]].get("type", "") if what == "certification" else ""
        _expiry(ctx, ref, sub, day, what, kind=kind)


def _expiry(ctx: Context, ref: EntryRef, sub: tuple[Any, ...], day: dt.date, what: str, **args: Any) -> None:
    if day < ctx.today:
        ctx.report("PML304", ref, sub, f"PML304.{what}_expired", date=str(day), **args)
    elif ctx.window.before(day) <= ctx.today:
        ctx.report("PML304", ref, sub, f"PML304.{what}_soon", severity=Severity.WARNING, date=str(day), **args)


NOT_IN_OPERATION = ("gap", "not_applicable")  # control statuses whose never-done tasks are not reported


def _recurring(ctx: Context, ref: EntryRef) -> None:
    for sub, task in walk(ref.data, ("recurring", "*")):
        if not isinstance(task, dict):
            continue
        name = in_both("task", task.get("task", "?"))
        every = Duration.parse(task.get("every", ""))
        # a task a record proves (record_kind) was last done when its newest record says (PML629 compares)
        proven = newest_record(ctx, task["record_kind"]) if isinstance(task.get("record_kind"), str) else None
        if "last_done" not in task and proven is None:
            # a control the company marks as not in operation yet (gap) or not applicable has nothing to do
            # yet: the Fit & Gap shows it, and a fresh repository (the whole catalog at gap) is not drowned
            if ref.data.get("status") not in NOT_IN_OPERATION:
                ctx.report("PML306", ref, sub, "PML306.never", severity=Severity.WARNING, **name)
            continue
        last = proven[0] if proven is not None else parse_date(task.get("last_done"))
        at = "last_done" if "last_done" in task else "record_kind"
        if every is None or last is None or last > ctx.today:
            continue
        due = judge(every.after(last), ctx.today, ctx.window)
        if due.state != "ok":
            soon = due.state == "soon"
            ctx.report(
                "PML306",
                ref,
                (*sub, at),
                "PML306.soon" if soon else "PML306.overdue",
                severity=Severity.WARNING if soon else None,
                **name,
                last=str(last),
                every=task["every"],
                due=str(due.due),
            )


def _overseas(ctx: Context, ref: EntryRef) -> None:
    for sub, transfer in walk(ref.data, ("overseas", "*")):
        if not isinstance(transfer, dict):
            continue
        missing = [name for name in ("country", "basis") if not transfer.get(name)]
        if missing:
            ctx.report("PML307", ref, sub, "PML307.incomplete", missing=", ".join(missing))
            continue
        if transfer["basis"] != "equivalent_system":
            continue  # only the equivalent-system route needs a periodic check of the recipient
        country = transfer["country"]
        last = parse_date(transfer.get("last_checked"))
        if last is None:
            ctx.report("PML307", ref, sub, "PML307.never", country=country)
            continue
        if last > ctx.today:
            continue
        due = judge(OVERSEAS_CHECK_EVERY.after(last), ctx.today, ctx.window)
        if due.state != "ok":
            soon = due.state == "soon"
            ctx.report(
                "PML307",
                ref,
                (*sub, "last_checked"),
                "PML307.soon" if soon else "PML307.overdue",
                severity=Severity.WARNING if soon else None,
                country=country,
                last=str(last),
                due=str(due.due),
            )


def renewal_window(expires: dt.date) -> tuple[dt.date, dt.date]:
    """The first and the last day the renewal of a P-mark that expires on ``expires`` can be filed: 8 to 4
    months before it expires (the site shows the same window the check warns about)."""
    return Duration(months=8).before(expires) + dt.timedelta(days=1), Duration(months=4).before(expires)


def _renewal(ctx: Context) -> None:
    """The P-mark is valid for two years and its renewal must be filed 8 to 4 months before it expires."""
    certification = (ctx.config.data.get("organization") or {}).get("certification") or {}
    expires = parse_date(certification.get("expires"))
    if expires is None:
        return
    opens, closes = renewal_window(expires)
    path = ("organization", "certification", "expires")
    args: dict[str, Any] = {"opens": str(opens), "closes": str(closes), "expires": str(expires)}
    if ctx.today > expires:
        ctx.report_config("PML308", path, "PML308.expired", **args)
    elif ctx.today > closes:
        ctx.report_config("PML308", path, "PML308.closed", **args)
    elif ctx.today >= opens:
        ctx.report_config("PML308", path, "PML308.window", severity=Severity.WARNING, **args)
