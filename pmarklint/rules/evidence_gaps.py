"""A control marked in operation without the records that show it (PML750): a control whose status is ``fit``
or ``partial`` and whose yearly evidence (the record kinds of :mod:`pmarklint.evidence` made every fiscal
year: training, internal audit, management review, drill, plans, operation checks, risk review) has no record
in the current fiscal year.

A yearly event comes once a year, often late in it (an audit in January, a review in March): while the
fiscal year before has a record, the control is asked for this year's only in the "due soon" window before
the year ends (``review.warn_within``, as PML711 does for drills). A control with no record in this fiscal
year nor in the one before claims to be in operation on nothing, and is reported whatever the day. The
records made when something happens (incidents, requests, complaints, corrective actions, disposals) are
never asked for: a year without them is no gap. Nor is a kind the repository keeps no record of at all: its
records are then kept outside it (the files a control's ``records[].evidence`` names), as PML711 and PML619
ask nothing of a repository that keeps no drill or review.
"""

from __future__ import annotations

from pmarklint.evidence import EVIDENCE, Period, kinds_of, record_day, record_year
from pmarklint.findings import Severity
from pmarklint.rules.context import Context, active
from pmarklint.rules.index import EntryRef
from pmarklint.rules.rule import Example, Rule, Scope
from pmarklint.rules.staff import EXAMPLE_CONFIG, EXAMPLE_PEOPLE

IN_OPERATION = ("fit", "partial")


def _example(status: str, *reports: tuple[str, str]) -> dict[str, str]:
    report = "".join(
        f"  - id: {report_id}\n    plan: AP-2024\n    department: cs\n    date: {day}\n    auditor: nakamura\n"
        for report_id, day in reports
    )
    return {
        "pmarklint.yaml": EXAMPLE_CONFIG,
        "people/people.yaml": EXAMPLE_PEOPLE,
        "controls/controls.yaml": "kind: control\nentries:\n  - id: J.6.2\n    title: {ja: 内部監査}\n"
        f"    status: {status}\n",
        "audits/plans.yaml": "kind: audit_plan\nentries:\n  - id: AP-2024\n    fiscal_year: 2024\n    scope: [cs]\n",
        "audits/reports.yaml": "kind: audit_report\nentries:\n" + report,
    }


# The examples are judged at 2026-11-26 (fiscal year 2026, from April 1): the last audit was in fiscal year 2024.
RULES = (
    Rule(
        "PML750",
        "evidence-missing",
        Severity.WARNING,
        Scope.REPOSITORY,
        "registers",
        bad=Example(_example("fit", ("AR-2024-CS", "2025-01-20"))),
        good=Example(_example("partial", ("AR-2024-CS", "2025-01-20"), ("AR-2026-CS", "2026-10-20"))),
        requirement="J.6.2",
    ),
)


def check(ctx: Context) -> None:
    start = ctx.config.fiscal_year_start
    period = Period.current(ctx.today, start)
    newest: dict[str, tuple[int, EntryRef]] = {}  # kind → (fiscal year, record) of its newest record up to today
    kept: set[str] = set()  # the yearly kinds the repository keeps records of
    for line in (line for line in EVIDENCE if line.yearly):
        for ref in ctx.entries(line.kind):
            if not active(ref):
                continue
            kept.add(line.kind)
            year = record_year(line.kind, ref.data, start)
            day = record_day(line.kind, ref.data)
            if year is None or year > period.year or (day is not None and day > ctx.today):
                continue
            if line.kind not in newest or year > newest[line.kind][0]:
                newest[line.kind] = (year, ref)
    for ref in ctx.entries("control"):
        status = ref.data.get("status")
        if status not in IN_OPERATION or not isinstance(ref.id, str):
            continue
        # a kind the repository keeps no record of is kept elsewhere (the control's records[].evidence)
        lines = [line for line in kinds_of(ref.id) if line.yearly and line.kind in kept]
        if not lines:
            continue
        years = [newest[line.kind][0] for line in lines if line.kind in newest]
        if period.year in years:
            continue
        kinds = [line.kind for line in lines]
        args = {
            "item": ref.id,
            "control_status": status,
            "record_kind": kinds,
            "year": period.year,
            "start": str(period.start),
            "end": str(period.end),
            "today": str(ctx.today),
            "folder": ctx.config.folders[kinds[0]] + "/",
        }
        last = max((newest[line.kind] for line in lines if line.kind in newest), key=lambda pair: pair[0], default=None)
        if last is not None and last[0] == period.year - 1:
            if ctx.window.before(period.end) > ctx.today:
                continue  # last year's record backs the status until the year's end is near
            ctx.report("PML750", ref, ("status",), "PML750.soon", last=last[1].id or "?", **args)
        else:
            ctx.report("PML750", ref, ("status",), "PML750.none", **args)
