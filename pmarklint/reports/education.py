"""``pmarklint report education``: the education summary of a fiscal year (教育実施状況のまとめ), our own layout
of what an application or a renewal is asked about education (J.4.2, J.4.3): each session held in the year
(date, what it was, the J.4.3 points it covered, how many were listed for it, attended and passed), the totals,
then every member of staff of the year with the trainings they passed, and who has not completed one.

Who passed is what the checks say (:func:`pmarklint.rules.training.passed`): ``passed`` when written, else
the score against the pass mark; without a pass mark, attending is passing. "Listed" for a session is the
people its record names, attendees and absentees. A member of staff completed the year when they passed a
regular training in it, or, having joined in the year, an onboarding training."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from pmarklint.dates import parse_date
from pmarklint.i18n import text
from pmarklint.render import Document, Items, Paragraph, Section, Table
from pmarklint.reports.summary import (
    Records,
    department,
    footer,
    intro,
    mappings,
    percent,
    person,
    plain,
    word,
)
from pmarklint.rules.training import passed

COMPLETING_TYPES = ("regular",)


@dataclass(frozen=True)
class Session:
    day: dt.date
    entry: dict[str, Any]
    listed: tuple[str, ...]
    attended: tuple[str, ...]
    passed: tuple[tuple[str, dt.date], ...]  # (person, the day they attended)


def sessions(records: Records) -> list[Session]:
    out = []
    for entry in records.of("training"):
        day = parse_date(entry.get("date"))
        if day is None or not records.first <= day <= records.last:
            continue
        attendance = mappings(entry.get("attendance"))
        attended = tuple(dict.fromkeys(plain(a.get("person")) for a in attendance if plain(a.get("person"))))
        absent = [plain(a.get("person")) for a in mappings(entry.get("absentees")) if plain(a.get("person"))]
        done = {}
        for a in attendance:
            who = plain(a.get("person"))
            if who and who not in done and passed(a, entry):
                done[who] = parse_date(a.get("date")) or day
        out.append(Session(day, entry, tuple(dict.fromkeys([*attended, *absent])), attended, tuple(done.items())))
    return sorted(out, key=lambda s: (s.day, plain(s.entry.get("id"))))


def _staff_of_year(records: Records) -> list[dict[str, Any]]:
    """The roster's people who were staff on some day of the year (up to today, in the current year)."""
    end = min(records.last, records.today)
    out = []
    for entry in records.of("person"):
        start, left = parse_date(entry.get("joined")), parse_date(entry.get("left"))
        if (start is None or start <= end) and (left is None or left > records.first):
            out.append(entry)
    return out


def build_education(records: Records, lang: str) -> Document:
    title = text("education.title", lang, year=records.year)
    held = sessions(records)
    if not held:
        empty = Paragraph(text("education.none", lang, year=records.year))
        return _document(
            records, lang, title, (Section(text("education.section.sessions", lang), (empty,), "sessions"),)
        )
    return _document(records, lang, title, (_sessions(held, records, lang), *_staff(held, records, lang)))


def _document(records: Records, lang: str, title: str, sections: tuple[Section, ...]) -> Document:
    return Document(
        title=title,
        lang=lang,
        sections=sections,
        intro=intro(records, lang),
        contents_title=text("report.contents", lang),
        footer=footer(lang),
    )


def _sessions(held: list[Session], records: Records, lang: str) -> Section:
    headers = [text(f"education.col.{c}", lang) for c in _SESSION_COLUMNS]
    rows = []
    for s in held:
        topics = [word("topic", t, lang) for t in s.entry.get("topics") or [] if plain(t)]
        quiz = s.entry.get("quiz")
        check = plain(quiz.get("method")) if isinstance(quiz, dict) else ""
        rows.append(
            (
                s.day.isoformat(),
                plain(s.entry.get("id")),
                plain(s.entry.get("title")),
                word("training_type", s.entry.get("type"), lang),
                "\n".join(topics),
                check,
                str(len(s.listed)),
                str(len(s.attended)),
                str(len(s.passed)),
                percent(len(s.passed), len(s.listed)),
            )
        )
    listed, attended, done = (sum(len(getattr(s, f)) for s in held) for f in ("listed", "attended", "passed"))
    rows.append(
        (
            text("education.total", lang),
            "",
            text("education.sessions", lang, count=len(held)),
            "",
            "",
            "",
            str(listed),
            str(attended),
            str(done),
            percent(done, listed),
        )
    )
    table = Table.of(
        headers,
        rows,
        row_classes=[""] * len(held) + ["total"],
        column_classes=["date", "nowrap", "", "nowrap", "", "", "number", "number", "number", "number"],
    )
    legend = Paragraph(text("education.legend", lang))
    return Section(text("education.section.sessions", lang), (table, legend), "sessions")


_SESSION_COLUMNS = ("date", "record", "title", "type", "topics", "check", "listed", "attended", "passed", "rate")
_STAFF_COLUMNS = ("name", "department", "employment", "employed", "trainings", "state")


def _staff(held: list[Session], records: Records, lang: str) -> tuple[Section, Section]:
    people = _staff_of_year(records)
    rows, missing, classes = [], [], []
    for entry in people:
        who = plain(entry.get("id"))
        start, left = parse_date(entry.get("joined")), parse_date(entry.get("left"))
        new = start is not None and start >= records.first
        done = [(day, s) for s in held for p, day in s.passed if p == who]
        counted = [
            (day, s)
            for day, s in done
            if plain(s.entry.get("type")) in COMPLETING_TYPES or (new and plain(s.entry.get("type")) == "onboarding")
        ]
        employed = []
        if new and start is not None:
            employed.append(text("education.joined", lang, date=start.isoformat()))
        if left is not None and left <= records.last:
            employed.append(text("education.left", lang, date=left.isoformat()))
        trainings = [
            text(
                "education.passed",
                lang,
                date=day.isoformat(),
                record=plain(s.entry.get("id")),
                training_type=plain(s.entry.get("type")),
            )
            for day, s in sorted(done, key=lambda d: d[0])
        ]
        if counted:
            state = text("education.state.completed", lang)
        else:
            follow = [
                plain(a.get("follow_up_by"))
                for s in held
                for a in mappings(s.entry.get("absentees"))
                if plain(a.get("person")) == who and plain(a.get("follow_up_by"))
            ]
            state = (
                text("education.state.follow_up", lang, date=max(follow))
                if follow
                else text("education.state.incomplete", lang)
            )
            missing.append(person(records, who, lang) + f" ({department(records, entry.get('department'))})")
        rows.append(
            (
                person(records, who, lang),
                department(records, entry.get("department")),
                word("employment", entry.get("employment"), lang),
                "\n".join(employed),
                "\n".join(trainings),
                state,
            )
        )
        classes.append("" if counted else "incomplete")
    headers = [text(f"education.col.{c}", lang) for c in _STAFF_COLUMNS]
    complete = len(people) - len(missing)
    totals = Paragraph(
        text(
            "education.staff_totals",
            lang,
            staff=len(people),
            completed=complete,
            incomplete=len(missing),
            rate=percent(complete, len(people)),
        )
    )
    staff = Section(
        text("education.section.staff", lang),
        (Table.of(headers, rows, row_classes=classes, column_classes=["nowrap", "nowrap", "nowrap", "date"]), totals),
        "staff",
    )
    listing = Items(tuple(missing)) if missing else Paragraph(text("education.all_completed", lang, year=records.year))
    return staff, Section(text("education.section.incomplete", lang), (listing,), "incomplete")
