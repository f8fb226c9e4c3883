"""Internal audit (内部監査, J.6.2), PML611 to PML618: the yearly plan (kind: audit_plan) and a report per
department audited (kind: audit_report), and the link from a corrective action back to what found it.

A plan is for one fiscal year (``fiscal_year``): every department in scope is audited in that year, by an
auditor who holds internal_auditor or audit_lead and does not belong to the department (the guideline lets
the auditor audit their own department only when the organisation has a single department: then no finding
is made), and the year's plans cover both criteria (適合状況監査 and 運用状況監査). The audit lead is never the
privacy manager. Every nonconformity found has a corrective action, and every report reaches top management
within ``audit.report_within`` (default P1M).
"""

from __future__ import annotations

from typing import Any

from pmarklint.dates import Duration, parse_date
from pmarklint.findings import Severity
from pmarklint.resources import KINDS
from pmarklint.rules.context import Context, active, walk
from pmarklint.rules.index import EntryRef
from pmarklint.rules.rule import Example, Rule, Scope
from pmarklint.rules.staff import EXAMPLE_CONFIG, EXAMPLE_PEOPLE, fiscal_bounds, name_of, setting

REPORT_WITHIN = Duration(months=1)
CRITERIA = ("conformity", "operation")
AUDITOR_ROLES = ("internal_auditor", "audit_lead")
# A corrective action's source → (the record kind that found it, where that record names the action)
SOURCES: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "audit": ("audit_report", ("findings", "*", "corrective")),
    "operation_check": ("operation_check", ("issues", "*", "corrective")),
    "review": ("review", None),
    "incident": ("incident", ("prevention",)),  # the registers (PML7xx): an incident names its prevention
    "complaint": ("complaint", None),  # a complaint record has no field naming its corrective action
}

_AUDITORS = """  - id: kobayashi
    name: 小林 健
    department: sales
    roles: [audit_lead]
  - id: saito
    name: 斎藤 美咲
    department: cs
    roles: [{roles}]
"""


def _example(
    plan: str = "    criteria: [conformity, operation]\n",
    report: str | None = None,
    corrective: str = "",
    roles: str = "internal_auditor",
    lead: str = "kobayashi",
) -> dict[str, str]:
    """Fiscal year 2025 of a two-department company: the plan, the report on cs, and ``report`` (by default
    the report on sales; "" for none)."""
    files = {
        "pmarklint.yaml": EXAMPLE_CONFIG,
        "people/people.yaml": EXAMPLE_PEOPLE + _AUDITORS.format(roles=roles),
        "audits/2025.yaml": f"kind: audit_plan\nentries:\n  - id: AP-2025\n    fiscal_year: 2025\n    lead: {lead}\n"
        "    scope: [cs, sales]\n    auditors:\n      - {department: cs, auditor: kobayashi}\n"
        "      - {department: sales, auditor: saito}\n" + plan,
        "audits/reports.yaml": "kind: audit_report\nentries:\n"
        + _report("AR-2025-CS", "cs", "kobayashi")
        + (_report("AR-2025-SL", "sales", "saito") if report is None else report),
    }
    if corrective:
        files["corrective/corrective.yaml"] = "kind: corrective\nentries:\n" + corrective
    return files


def _report(report_id: str, department: str, auditor: str, extra: str = "") -> str:
    return (
        f"  - id: {report_id}\n    plan: AP-2025\n    department: {department}\n    date: 2026-01-20\n"
        f"    auditor: {auditor}\n    reported_to_top_management: 2026-02-05\n{extra}"
    )


_NC = "    findings:\n      - {{id: F-1, type: nonconformity, item: J.4.3, text: 派遣社員が未受講{link}}}\n"
_CA = (
    "  - id: CA-1\n    source: audit\n    source_ref: {ref}\n    nonconformity: 派遣社員が未受講\n"
    "    root_cause: 名簿の漏れ\n    owner: nakamura\n    due: 2026-03-31\n    done_on: 2026-03-01\n"
    "    effectiveness: {{checked_on: 2026-05-01, result: effective}}\n"
)
_LINKED = _report("AR-2025-SL", "sales", "saito", _NC.format(link=", corrective: CA-1"))

RULES = (
    Rule(
        "PML611",
        "corrective-source",
        Severity.ERROR,
        Scope.REPOSITORY,
        "records",
        bad=Example(_example(report=_report("AR-2025-SL", "sales", "saito"), corrective=_CA.format(ref="AR-2025-SL"))),
        good=Example(_example(report=_LINKED, corrective=_CA.format(ref="AR-2025-SL"))),
        requirement="J.7.1",
    ),
    Rule(
        "PML612",
        "department-not-audited",
        Severity.ERROR,
        Scope.REPOSITORY,
        "records",
        bad=Example(_example(report="")),
        good=Example(_example()),
        requirement="J.6.2",
    ),
    Rule(
        "PML613",
        "own-department-audit",
        Severity.ERROR,
        Scope.REPOSITORY,
        "records",
        bad=Example(_example(report=_report("AR-2025-SL", "sales", "kobayashi"))),
        good=Example(_example()),
        requirement="J.6.2",
    ),
    Rule(
        "PML614",
        "auditor-unqualified",
        Severity.ERROR,
        Scope.REPOSITORY,
        "records",
        bad=Example(_example(roles="department_manager")),
        good=Example(_example()),
        requirement="J.6.2",
    ),
    Rule(
        "PML615",
        "audit-lead-is-manager",
        Severity.ERROR,
        Scope.REPOSITORY,
        "records",
        bad=Example(_example(lead="nakamura")),
        good=Example(_example()),
        requirement="J.2.3.2",
    ),
    Rule(
        "PML616",
        "audit-criteria",
        Severity.ERROR,
        Scope.REPOSITORY,
        "records",
        bad=Example(_example(plan="    criteria: [conformity]\n")),
        good=Example(_example()),
        requirement="J.6.2",
    ),
    Rule(
        "PML617",
        "nonconformity-without-corrective",
        Severity.ERROR,
        Scope.REPOSITORY,
        "records",
        bad=Example(_example(report=_report("AR-2025-SL", "sales", "saito", _NC.format(link="")))),
        good=Example(_example(report=_LINKED, corrective=_CA.format(ref="AR-2025-SL"))),
        requirement="J.7.1",
    ),
    Rule(
        "PML618",
        "audit-not-reported",
        Severity.ERROR,
        Scope.REPOSITORY,
        "records",
        bad=Example(
            _example(
                report=_report("AR-2025-SL", "sales", "saito").replace(
                    "    reported_to_top_management: 2026-02-05\n", ""
                )
            )
        ),
        good=Example(_example()),
        requirement="J.6.2",
    ),
)


def check(ctx: Context) -> None:
    plans = [ref for ref in ctx.entries("audit_plan") if active(ref)]
    reports = [ref for ref in ctx.entries("audit_report") if active(ref)]
    single = len(ctx.departments) <= 1
    for plan in plans:
        _scope(ctx, plan, reports)
        _lead(ctx, plan)
        for sub, item in walk(plan.data, ("auditors", "*")):
            if isinstance(item, dict):
                _auditor(ctx, plan, sub, item.get("auditor"), item.get("department"), single, "auditor")
    _criteria(ctx, plans)
    within = Duration.parse(setting(ctx, "audit", "report_within")) or REPORT_WITHIN
    for report in reports:
        _auditor(ctx, report, (), report.data.get("auditor"), report.data.get("department"), single, "auditor")
        _nonconformities(ctx, report)
        _reported(ctx, report, within, str(setting(ctx, "audit", "report_within") or "P1M"))
    for action in ctx.entries("corrective"):
        if active(action):
            _source(ctx, action)


def _year(plan: EntryRef) -> int | None:
    year = plan.data.get("fiscal_year")
    return year if isinstance(year, int) and not isinstance(year, bool) else None


def _scope(ctx: Context, plan: EntryRef, reports: list[EntryRef]) -> None:
    year = _year(plan)
    value = plan.data.get("scope")
    scope: list[Any] = value if isinstance(value, list) else []
    if year is None:
        return
    missing = tuple(sorted(ctx.departments - set(scope)))
    if missing:
        ctx.report("PML612", plan, ("scope",), "PML612.out_of_scope", departments=", ".join(missing), year=year)
    begin, end = fiscal_bounds(ctx, year)
    for index, department in enumerate(scope):
        audited = [
            r
            for r in reports
            if r.data.get("department") == department
            and (r.data.get("plan") == plan.id or _within(r.data.get("date"), begin, end))
        ]
        if audited:
            continue
        if end < ctx.today:
            ctx.report(
                "PML612", plan, ("scope", index), "PML612.missed", department=department, year=year, end=str(end)
            )
        elif ctx.window.before(end) <= ctx.today:
            ctx.report(
                "PML612",
                plan,
                ("scope", index),
                "PML612.soon",
                severity=Severity.WARNING,
                department=department,
                year=year,
                end=str(end),
            )


def _within(value: Any, begin: Any, end: Any) -> bool:
    day = parse_date(value)
    return day is not None and begin <= day <= end


def _lead(ctx: Context, plan: EntryRef) -> None:
    candidates: list[tuple[tuple[Any, ...], Any]] = [(("lead",), plan.data.get("lead"))] if "lead" in plan.data else []
    candidates += [
        ((*sub, "by"), item.get("by"))
        for sub, item in walk(plan.data, ("approvals", "*"))
        if isinstance(item, dict) and item.get("role") == "audit_lead"
    ]
    for sub, person_id in candidates:
        person = ctx.index.by_id.get(person_id) if isinstance(person_id, str) else None
        if person is not None and person.kind == "person" and "privacy_manager" in (person.data.get("roles") or []):
            ctx.report("PML615", plan, sub, "PML615.manager", name=name_of(ctx, person_id))


def _auditor(
    ctx: Context, ref: EntryRef, sub: tuple[Any, ...], person_id: Any, department: Any, single: bool, field: str
) -> None:
    person = ctx.index.by_id.get(person_id) if isinstance(person_id, str) else None
    if person is None or person.kind != "person":
        return  # PML201 already
    at = (*sub, field)
    roles = person.data.get("roles") or []
    if not any(role in roles for role in AUDITOR_ROLES):
        ctx.report("PML614", ref, at, "PML614.unqualified", name=name_of(ctx, person_id))
    if not single and isinstance(department, str) and person.data.get("department") == department:
        ctx.report("PML613", ref, at, "PML613.own", name=name_of(ctx, person_id), department=department)


def _criteria(ctx: Context, plans: list[EntryRef]) -> None:
    by_year: dict[int, list[EntryRef]] = {}
    for plan in plans:
        year = _year(plan)
        if year is not None:
            by_year.setdefault(year, []).append(plan)
    for year, group in sorted(by_year.items()):
        covered = {c for p in group for c in (p.data.get("criteria") or []) if isinstance(c, str)}
        missing = tuple(c for c in CRITERIA if c not in covered)
        if missing:
            first = group[0]
            at = ("criteria",) if "criteria" in first.data else ()
            ctx.report("PML616", first, at, "PML616.missing", criteria=missing, year=year)


def _nonconformities(ctx: Context, report: EntryRef) -> None:
    for sub, item in walk(report.data, ("findings", "*")):
        if isinstance(item, dict) and item.get("type") == "nonconformity" and not item.get("corrective"):
            label = item.get("id") or str(item.get("text", ""))[:30]
            ctx.report("PML617", report, sub, "PML617.missing", finding=label)


def _reported(ctx: Context, report: EntryRef, within: Duration, text: str) -> None:
    day = parse_date(report.data.get("date"))
    if day is None or report.data.get("reported_to_top_management"):
        return
    due = within.after(day)
    if due < ctx.today:
        ctx.report("PML618", report, ("date",), "PML618.missing", date=str(day), within=text, due=str(due))


def _source(ctx: Context, action: EntryRef) -> None:
    source = action.data.get("source")
    if source not in SOURCES:
        return
    kind, back = SOURCES[source]
    if kind not in KINDS:
        return  # a record kind this version does not know yet
    ref_id = action.data.get("source_ref")
    if not isinstance(ref_id, str):
        ctx.report("PML611", action, ("source",), "PML611.no_ref", source=source)
        return
    target = ctx.index.by_id.get(ref_id)
    if target is None or target.kind != kind:
        ctx.report("PML611", action, ("source_ref",), "PML611.unknown", id=ref_id, source=source)
    elif back is not None and action.id not in [v for _, v in walk(target.data, back)]:
        ctx.report("PML611", action, ("source_ref",), "PML611.no_back", id=ref_id, file=target.file)
