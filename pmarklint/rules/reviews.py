"""Management review (マネジメントレビュー, J.6.3), PML619 to PML623: one in each fiscal year, top management
present, every required input heading with content or a document, the outputs (top management's decisions)
written, and the previous review's actions closed or carried over.

Judged from the first fiscal year with a review on record; a repository that keeps none is asked nothing here
(the control's recurring task, PML306, still asks for the yearly review).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pmarklint.dates import parse_date
from pmarklint.findings import Severity
from pmarklint.rules.context import Context, active, walk
from pmarklint.rules.index import EntryRef
from pmarklint.rules.rule import Example, Rule, Scope
from pmarklint.rules.staff import EXAMPLE_CONFIG, EXAMPLE_PEOPLE, fiscal_bounds, fiscal_year_of, name_of

INPUTS = (
    "previous_actions",
    "issues_changes",
    "nonconformities",
    "operation_checks",
    "audit_results",
    "objectives",
    "feedback",
    "risk_assessment",
    "improvement_opportunities",
    "law_changes",
)
OUTPUTS = ("improvements", "pms_changes", "resources")


def _review(review_id: str, date: str, attendees: str = "[yamamoto, nakamura]", skip: str = "", extra: str = "") -> str:
    inputs = "".join(f"      {key}: 報告あり\n" for key in INPUTS if key != skip)
    outputs = "".join(f"      {key}: 決定あり\n" for key in OUTPUTS if key != skip)
    return (
        f"  - id: {review_id}\n    date: {date}\n    attendees: {attendees}\n"
        f"    inputs:\n{inputs}    outputs:\n{outputs}{extra}"
    )


_ACTION = "    actions:\n      - {id: MR-2025-A1, text: 教育の対象者一覧を見直す, owner: nakamura, due: 2026-06-30}\n"


def _example(*reviews: str) -> dict[str, str]:
    return {
        "pmarklint.yaml": EXAMPLE_CONFIG,
        "people/people.yaml": EXAMPLE_PEOPLE,
        "reviews/reviews.yaml": "kind: review\nentries:\n" + "".join(reviews),
    }


RULES = (
    Rule(
        "PML619",
        "review-missing",
        Severity.ERROR,
        Scope.REPOSITORY,
        "records",
        bad=Example(_example(_review("MR-2024", "2025-03-10"), _review("MR-2026", "2026-05-20"))),
        good=Example(
            _example(
                _review("MR-2024", "2025-03-10"), _review("MR-2025", "2026-03-12"), _review("MR-2026", "2026-05-20")
            )
        ),
        requirement="J.6.3",
    ),
    Rule(
        "PML620",
        "review-without-top-management",
        Severity.ERROR,
        Scope.REPOSITORY,
        "records",
        bad=Example(_example(_review("MR-2026", "2026-05-20", attendees="[nakamura]"))),
        good=Example(_example(_review("MR-2026", "2026-05-20"))),
        requirement="J.6.3",
    ),
    Rule(
        "PML621",
        "review-inputs",
        Severity.ERROR,
        Scope.REPOSITORY,
        "records",
        bad=Example(_example(_review("MR-2026", "2026-05-20", skip="audit_results"))),
        good=Example(_example(_review("MR-2026", "2026-05-20"))),
        requirement="J.6.3",
    ),
    Rule(
        "PML622",
        "review-outputs",
        Severity.ERROR,
        Scope.REPOSITORY,
        "records",
        bad=Example(_example(_review("MR-2026", "2026-05-20", skip="resources"))),
        good=Example(_example(_review("MR-2026", "2026-05-20"))),
        requirement="J.6.3",
    ),
    Rule(
        "PML623",
        "review-actions-open",
        Severity.ERROR,
        Scope.REPOSITORY,
        "records",
        bad=Example(_example(_review("MR-2025", "2026-03-12", extra=_ACTION), _review("MR-2026", "2026-05-20"))),
        good=Example(
            _example(
                _review("MR-2025", "2026-03-12", extra=_ACTION.replace("}", ", done_on: 2026-05-10}")),
                _review("MR-2026", "2026-05-20"),
            )
        ),
        requirement="J.6.3",
    ),
)


def _day(ref: EntryRef) -> dt.date | None:
    return parse_date(ref.data.get("date"))


def check(ctx: Context) -> None:
    reviews = sorted(
        ((day, ref) for ref in ctx.entries("review") if active(ref) and (day := _day(ref)) is not None),
        key=lambda pair: pair[0],
    )
    if not reviews:
        return
    _each_year(ctx, reviews)
    for index, (day, ref) in enumerate(reviews):
        _top_management(ctx, ref)
        _headings(ctx, ref, "inputs", INPUTS, "PML621")
        _headings(ctx, ref, "outputs", OUTPUTS, "PML622")
        if index > 0:
            _previous_actions(ctx, reviews[index - 1][1], ref, day)


def _each_year(ctx: Context, reviews: list[tuple[dt.date, EntryRef]]) -> None:
    years = {fiscal_year_of(ctx, day) for day, _ in reviews}
    current = fiscal_year_of(ctx, ctx.today)
    for year in range(min(years), current + 1):
        if year in years:
            continue
        end = fiscal_bounds(ctx, year)[1]
        before = [ref for day, ref in reviews if day <= end]
        last = before[-1] if before else reviews[0][1]
        args: dict[str, Any] = {"year": year, "end": str(end), "last": str(_day(last))}
        if year < current:
            ctx.report("PML619", last, ("date",), "PML619.missing", **args)
        elif ctx.window.before(end) <= ctx.today:
            ctx.report("PML619", last, ("date",), "PML619.soon", severity=Severity.WARNING, **args)


def _top_management(ctx: Context, ref: EntryRef) -> None:
    attendees = ref.data.get("attendees")
    people = [ctx.index.by_id.get(a) for a in attendees if isinstance(a, str)] if isinstance(attendees, list) else []
    if not any(p is not None and "top_management" in (p.data.get("roles") or []) for p in people):
        at = ("attendees",) if "attendees" in ref.data else ()
        ctx.report("PML620", ref, at, "PML620.absent", date=str(ref.data.get("date")))


def _present(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, dict):
        return bool(value.get("summary")) or bool(value.get("documents"))
    return False


def _headings(ctx: Context, ref: EntryRef, field: str, names: tuple[str, ...], code: str) -> None:
    given = ref.data.get(field)
    given = given if isinstance(given, dict) else {}
    missing = tuple(name for name in names if not _present(given.get(name)))
    if missing:
        at = (field,) if field in ref.data else ()
        ctx.report(code, ref, at, f"{code}.missing", inputs=missing, count=len(missing))


def _previous_actions(ctx: Context, previous: EntryRef, current: EntryRef, day: dt.date) -> None:
    carried = {v for _, v in walk(current.data, ("actions", "*", "carried_from"))}
    for sub, action in walk(previous.data, ("actions", "*")):
        if not isinstance(action, dict):
            continue
        done = parse_date(action.get("done_on"))
        if (done is not None and done <= day) or action.get("id") in carried:
            continue
        ctx.report(
            "PML623",
            previous,
            sub,
            "PML623.open",
            action=str(action.get("id", "?")),
            owner=name_of(ctx, action.get("owner")),
            review=current.id or "?",
            date=str(day),
        )
