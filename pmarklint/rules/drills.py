"""Emergency drills (緊急事態への準備の訓練, J.4.4.2), PML711: at least one drill in each fiscal year, unless the
company's procedure sets another interval (``drills.yearly: false`` in pmarklint.yaml turns the check off).

Judged from the first fiscal year with a drill on record, up to the current one; a fiscal year that ended
without a drill is an error, and the current one is a warning from the "due soon" window before its end
(``review.warn_within``) while no drill is recorded in it. A repository that records no drill at all is
reminded in the last weeks of the current fiscal year, at pmarklint.yaml.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pmarklint.dates import parse_date
from pmarklint.findings import Severity
from pmarklint.rules.context import Context, active
from pmarklint.rules.index import EntryRef
from pmarklint.rules.rule import Example, Rule, Scope
from pmarklint.rules.staff import EXAMPLE_CONFIG, EXAMPLE_PEOPLE, fiscal_bounds, fiscal_year_of, setting


def _drill(drill_id: str, day: str) -> str:
    return (
        f"  - id: {drill_id}\n    date: {day}\n    scenario: 顧客情報を保存したノートPCの紛失を想定した連絡訓練\n"
        "    participants: [nakamura, yamamoto]\n    lessons: 夜間の連絡先が古かったため、緊急連絡網を更新した\n"
        "    owner: nakamura\n"
    )


def _example(*drills: tuple[str, str]) -> dict[str, str]:
    return {
        "pmarklint.yaml": EXAMPLE_CONFIG,
        "people/people.yaml": EXAMPLE_PEOPLE,
        "drills/drills.yaml": "kind: drill\nentries:\n" + "".join(_drill(i, d) for i, d in drills),
    }


# The examples are judged at 2026-11-26 (fiscal year 2026, from April 1).
RULES = (
    Rule(
        "PML711",
        "drill-missing",
        Severity.ERROR,
        Scope.REPOSITORY,
        "registers",
        bad=Example(_example(("DR-2024", "2024-11-15"), ("DR-2026", "2026-10-20"))),
        good=Example(_example(("DR-2024", "2024-11-15"), ("DR-2025", "2025-11-14"), ("DR-2026", "2026-10-20"))),
        requirement="J.4.4.2",
    ),
)


def check(ctx: Context) -> None:
    if setting(ctx, "drills", "yearly") is False:
        return
    drills = sorted(
        (
            (day, ref)
            for ref in ctx.entries("drill")
            if active(ref) and (day := parse_date(ref.data.get("date"))) is not None and day <= ctx.today
        ),
        key=lambda pair: pair[0],
    )
    years = {fiscal_year_of(ctx, day) for day, _ in drills}
    current = fiscal_year_of(ctx, ctx.today)
    for year in range(min(years | {current}), current + 1):
        if year in years:
            continue
        begin, end = fiscal_bounds(ctx, year)
        if year == current and ctx.window.before(end) > ctx.today:
            continue
        severity = None if year < current else Severity.WARNING
        args: dict[str, Any] = {"year": year, "start": str(begin), "deadline": str(end), "today": str(ctx.today)}
        before = [ref for day, ref in drills if day <= end]
        if before:
            last = before[-1]
            key = "PML711.missing" if severity is None else "PML711.soon"
            ctx.report("PML711", last, ("date",), key, severity=severity, last=str(_day(last)), **args)
        else:
            at = ("drills",) if isinstance(ctx.config.data.get("drills"), dict) else ()
            ctx.report_config("PML711", at, "PML711.none", severity=Severity.WARNING, **args)


def _day(ref: EntryRef) -> dt.date | None:
    return parse_date(ref.data.get("date"))
