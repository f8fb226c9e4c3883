"""Education (教育, J.4.2 and J.4.3), PML603 to PML607: every member of staff passes a regular training in
each fiscal year, a new person is trained soon after joining, a regular training covers the four points of
J.4.3, a quiz result agrees with its pass mark, and an absentee is followed up.

Who passed: an attendee's ``passed`` when written, else ``score`` against the quiz's ``pass_mark``; an
attendee of a training without a pass mark passed by attending, one of a training with a pass mark and no
result did not (the understanding check is missing). Judged from the first fiscal year that has a training
on record, so that a repository does not owe the years before it kept records; a repository that keeps no
training records at all is asked nothing here (the control's recurring task, PML306, still is).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from pmarklint.dates import Duration, judge, parse_date
from pmarklint.findings import Severity
from pmarklint.rules.context import Context, active
from pmarklint.rules.index import EntryRef
from pmarklint.rules.rule import Example, Rule, Scope
from pmarklint.rules.staff import (
    EXAMPLE_CONFIG,
    EXAMPLE_PEOPLE,
    employed,
    fiscal_bounds,
    fiscal_year_of,
    joined,
    left,
    name_of,
    setting,
    staff,
)

TOPICS = ("policy", "importance", "roles", "consequences")
ONBOARDING_WITHIN = Duration(months=1)

_TANAKA = (
    "  - id: tanaka\n    name: 田中 次郎\n    department: sales\n    employment: part_time\n    joined: 2026-07-01\n"
)
_ALL = "[policy, importance, roles, consequences]"


def _example(trainings: str, people: str = "") -> dict[str, str]:
    return {
        "pmarklint.yaml": EXAMPLE_CONFIG,
        "people/people.yaml": EXAMPLE_PEOPLE + people,
        "training/training.yaml": "kind: training\nentries:\n" + trainings,
    }


def _regular(attendees: str, topics: str = _ALL, extra: str = "") -> str:
    return (
        f"  - id: T-2025-01\n    title: 2025年度 個人情報保護教育\n    type: regular\n    date: 2025-06-10\n"
        f"    topics: {topics}\n    attendance:\n{attendees}{extra}"
    )


_BOTH = "      - {person: yamamoto}\n      - {person: nakamura}\n"
_QUIZ = "    quiz: {method: 確認テスト, pass_mark: 80}\n"


def _onboarding_record(date: str) -> str:
    return (
        f"  - id: T-2026-OB1\n    title: 入社時教育\n    type: onboarding\n    date: {date}\n"
        f"    topics: {_ALL}\n    attendance:\n      - {{person: tanaka}}\n"
    )


_ABSENT = "    absentees:\n      - {person: nakamura, follow_up_by: 2025-07-31, reason: 出張}\n"
_MAKE_UP = (
    "  - id: T-2025-02\n    title: 補講\n    type: special\n    date: 2025-07-20\n"
    "    attendance:\n      - {person: nakamura}\n"
)

RULES = (
    Rule(
        "PML603",
        "training-overdue",
        Severity.ERROR,
        Scope.REPOSITORY,
        "records",
        bad=Example(_example(_regular("      - {person: yamamoto}\n"))),
        good=Example(_example(_regular(_BOTH))),
        requirement="J.4.3",
    ),
    Rule(
        "PML604",
        "onboarding-overdue",
        Severity.ERROR,
        Scope.REPOSITORY,
        "records",
        bad=Example(_example(_regular(_BOTH) + _onboarding_record("2026-09-20"), _TANAKA)),
        good=Example(_example(_regular(_BOTH) + _onboarding_record("2026-07-20"), _TANAKA)),
        requirement="J.4.3",
    ),
    Rule(
        "PML605",
        "training-topics",
        Severity.ERROR,
        Scope.REPOSITORY,
        "records",
        bad=Example(_example(_regular(_BOTH, topics="[policy, roles]"))),
        good=Example(_example(_regular(_BOTH))),
        requirement="J.4.3",
    ),
    Rule(
        "PML606",
        "quiz-result",
        Severity.ERROR,
        Scope.REPOSITORY,
        "records",
        bad=Example(_example(_regular("      - {person: nakamura, score: 70, passed: true}\n", extra=_QUIZ), "")),
        good=Example(_example(_regular("      - {person: nakamura, score: 85, passed: true}\n", extra=_QUIZ), "")),
        requirement="J.4.3",
    ),
    Rule(
        "PML607",
        "absentee-follow-up",
        Severity.ERROR,
        Scope.REPOSITORY,
        "records",
        bad=Example(_example(_regular("      - {person: yamamoto}\n", extra=_ABSENT))),
        good=Example(_example(_regular("      - {person: yamamoto}\n", extra=_ABSENT) + _MAKE_UP)),
        requirement="J.4.3",
    ),
)


@dataclass(frozen=True)
class Pass:
    """One person passing one training, on the day they attended."""

    day: dt.date
    training: EntryRef


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def passed(attendee: dict[str, Any], training: dict[str, Any]) -> bool:
    if isinstance(attendee.get("passed"), bool):
        return bool(attendee["passed"])
    quiz = training.get("quiz")
    mark = _number(quiz.get("pass_mark")) if isinstance(quiz, dict) else None
    if mark is None:
        return True
    score = _number(attendee.get("score"))
    return score is not None and score >= mark


def _attendance(ref: EntryRef) -> list[tuple[int, dict[str, Any]]]:
    items = ref.data.get("attendance")
    return [(i, a) for i, a in enumerate(items) if isinstance(a, dict)] if isinstance(items, list) else []


def _passes(ctx: Context, trainings: list[EntryRef]) -> dict[str, list[Pass]]:
    """person id → what they passed, oldest first."""
    out: dict[str, list[Pass]] = {}
    for ref in trainings:
        held = parse_date(ref.data.get("date"))
        for _, attendee in _attendance(ref):
            day = parse_date(attendee.get("date")) or held
            person = attendee.get("person")
            if day is not None and day <= ctx.today and isinstance(person, str) and passed(attendee, ref.data):
                out.setdefault(person, []).append(Pass(day, ref))
    for items in out.values():
        items.sort(key=lambda p: p.day)
    return out


def check(ctx: Context) -> None:
    trainings = [ref for ref in ctx.entries("training") if active(ref)]
    for ref in trainings:
        _topics(ctx, ref)
        _quiz(ctx, ref)
    days = [d for d in (parse_date(r.data.get("date")) for r in trainings) if d]
    if not days:
        return  # no education on record here: the control's recurring task is what says it was done (PML306)
    first = fiscal_year_of(ctx, min(days))
    passes = _passes(ctx, trainings)
    regular = {p: [x for x in items if x.training.data.get("type") == "regular"] for p, items in passes.items()}
    every = Duration.parse(setting(ctx, "training", "every"))
    for person_id, person in staff(ctx).items():
        if every is None:
            _each_year(ctx, person, regular.get(person_id, []), first)
        else:
            _interval(ctx, person, regular.get(person_id, []), every, fiscal_bounds(ctx, first)[0])
        _onboarding(ctx, person, passes.get(person_id, []), fiscal_bounds(ctx, first)[0])
    for ref in trainings:
        _absentees(ctx, ref, passes)


def _last_args(items: list[Pass], before: dt.date) -> dict[str, str] | None:
    earlier = [p for p in items if p.day <= before]
    if not earlier:
        return None
    return {"training": earlier[-1].training.id or "?", "last": str(earlier[-1].day)}


def _each_year(ctx: Context, person: EntryRef, items: list[Pass], first: int) -> None:
    """A regular training passed in every fiscal year from ``first`` that the person worked through (joined
    before it began, still employed on its last day); the current year is due on its last day."""
    start = joined(person)
    current = fiscal_year_of(ctx, ctx.today)
    name = name_of(ctx, person.id)
    for year in range(first, current + 1):
        begin, end = fiscal_bounds(ctx, year)
        if (start is not None and start >= begin) or any(begin <= p.day <= end for p in items):
            continue
        if year < current and employed(person, end):
            last = _last_args(items, end)
            key = "PML603.missed" if last else "PML603.missed_never"
            args: dict[str, Any] = {"name": name, "year": year, "due": str(end), **(last or {})}
            ctx.report("PML603", person, (), key, **args)
        elif year == current and employed(person, ctx.today) and ctx.window.before(end) <= ctx.today:
            ctx.report(
                "PML603", person, (), "PML603.soon", severity=Severity.WARNING, name=name, year=year, due=str(end)
            )


def _interval(ctx: Context, person: EntryRef, items: list[Pass], every: Duration, era: dt.date) -> None:
    """With ``training.every``: due that long after the last pass (or after joining, or the records began)."""
    if not employed(person, ctx.today):
        return
    last = items[-1] if items else None
    since = last.day if last else max(joined(person) or era, era)
    due = judge(every.after(since), ctx.today, ctx.window)
    if due.state == "ok":
        return
    args: dict[str, Any] = {"name": name_of(ctx, person.id), "every": str(setting(ctx, "training", "every"))}
    args |= {"due": str(due.due), "since": str(since)}
    if last is not None:
        args |= {"training": last.training.id or "?", "last": str(last.day)}
    key = "PML603.interval" if last else "PML603.interval_never"
    ctx.report("PML603", person, (), key, severity=Severity.WARNING if due.state == "soon" else None, **args)


def _onboarding(ctx: Context, person: EntryRef, items: list[Pass], era: dt.date) -> None:
    start = joined(person)
    if start is None or start < era:
        return
    within_text = setting(ctx, "training", "onboarding_within")
    within = Duration.parse(within_text) or ONBOARDING_WITHIN
    due = within.after(start)
    end = left(person)
    if due >= ctx.today or (end is not None and end <= due):
        return
    kinds = ("onboarding", "regular")
    if any(start <= p.day <= due and p.training.data.get("type") in kinds for p in items):
        return
    later = [p for p in items if p.day > due]
    args: dict[str, Any] = {"name": name_of(ctx, person.id), "joined": str(start), "within": str(within_text or "P1M")}
    args["due"] = str(due)
    if later:
        args |= {"training": later[0].training.id or "?", "first": str(later[0].day)}
    ctx.report("PML604", person, ("joined",), "PML604.late" if later else "PML604.never", **args)


def _topics(ctx: Context, ref: EntryRef) -> None:
    if ref.data.get("type") != "regular":
        return
    topics = ref.data.get("topics")
    covered = set(topics) if isinstance(topics, list) else set()
    missing = tuple(t for t in TOPICS if t not in covered)
    if missing:
        at = ("topics",) if "topics" in ref.data else ()
        ctx.report("PML605", ref, at, "PML605.missing", topics=missing, count=len(missing))


def _quiz(ctx: Context, ref: EntryRef) -> None:
    quiz = ref.data.get("quiz")
    mark = _number(quiz.get("pass_mark")) if isinstance(quiz, dict) else None
    if mark is None:
        return
    for index, attendee in _attendance(ref):
        score, said = _number(attendee.get("score")), attendee.get("passed")
        if score is None or not isinstance(said, bool) or (score >= mark) == said:
            continue
        key = "PML606.passed_below" if said else "PML606.failed_above"
        shown: dict[str, Any] = {"score": f"{score:g}", "pass_mark": f"{mark:g}"}
        ctx.report(
            "PML606", ref, ("attendance", index, "passed"), key, name=name_of(ctx, attendee.get("person")), **shown
        )


def _absentees(ctx: Context, ref: EntryRef, passes: dict[str, list[Pass]]) -> None:
    held = parse_date(ref.data.get("date"))
    absentees = ref.data.get("absentees")
    if held is None or not isinstance(absentees, list):
        return
    people = staff(ctx)
    for index, absentee in enumerate(absentees):
        if not isinstance(absentee, dict):
            continue
        due = parse_date(absentee.get("follow_up_by"))
        person_id = absentee.get("person")
        person = people.get(person_id) if isinstance(person_id, str) else None
        if due is None or due >= ctx.today or person is None or not employed(person, due):
            continue
        if any(p.day > held for p in passes.get(str(person_id), [])):
            continue
        ctx.report(
            "PML607",
            ref,
            ("absentees", index, "follow_up_by"),
            "PML607.overdue",
            name=name_of(ctx, person_id),
            title=str(ref.data.get("title", ref.id)),
            date=str(held),
            due=str(due),
        )
