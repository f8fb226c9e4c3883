"""``pmarklint report tasks``: everyone's task list for the fiscal year, grouped by owner.

The tasks are the yearly operation of the controls (``recurring``: 次年度以降の通年運用), as the Fit & Gap reads
them (:func:`pmarklint.reports.fitgap.load_fitgap`): the requirement item, the task, how often, who does it.
When each was last done and when it is next due come from :func:`pmarklint.reports.due.load_due`, the
deadlines ``check`` computes (PML306), with the window widened to the longest interval of the tasks so that
every task that was ever done has its next due date: nothing here counts a date of its own.

A task owned by a person (``owner``) is listed under the person's name with their id; a task with only the
catalog's role (``owner_role``) under the role's name, until the company names the person; a task with neither
under "unassigned". ``--owner`` keeps one of them: a person id of the roster or a role id.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pmarklint import __version__
from pmarklint.dates import Duration
from pmarklint.errors import PmarklintError
from pmarklint.evidence import Period
from pmarklint.i18n import duration_words, text
from pmarklint.render import Document, Paragraph, Section, Table, html, markdown
from pmarklint.reports.fitgap import MISSING, in_language, load_fitgap, natural_key, role_name
from pmarklint.resources import ROLES

FORMATS = ("md", "html", "text")
_TASK_PLACE = re.compile(r"^recurring\[(\d+)\]")  # where a PML306 finding points inside a control


@dataclass(frozen=True)
class Task:
    item: str  # the control's id (J.6.2)
    item_title: dict[str, str]  # by language
    status: str  # the control's status
    task: dict[str, str]  # by language
    every: str  # an ISO 8601 duration, as written
    last_done: str  # YYYY-MM-DD, or "" when never done
    next_due: dt.date | None
    days_left: int | None  # negative: overdue by that many days


@dataclass(frozen=True)
class Owner:
    """Whose tasks: a person (``person``), else a role (``role``), else nobody (both empty)."""

    person: str = ""
    role: str = ""

    def label(self, lang: str, people: dict[str, str]) -> str:
        if self.person:
            name = people.get(self.person)
            return text("person.with_id", lang, name=name, id=self.person) if name else self.person
        if self.role:
            name = role_name(self.role, lang)
            return text("tasks.role", lang, role=name[:1].upper() + name[1:], id=self.role)  # a heading
        return text("tasks.unassigned", lang)


@dataclass(frozen=True)
class TaskList:
    organisation: str
    today: dt.date
    period: Period
    language: str | None  # pmarklint.yaml's
    people: dict[str, str]  # person id → name
    groups: tuple[tuple[Owner, tuple[Task, ...]], ...]
    owner: str | None = None  # the --owner asked for
    problems: int = 0  # findings in the control files that `pmarklint check` lists (the tasks shown are what parses)


def load_tasks(start: Path, *, owner: str | None = None, today: str | None = None, lang: str = "en") -> TaskList:
    """The tasks of the repository at (or above) ``start``, by owner; ``owner`` keeps one person or role (an
    id that is neither is a PmarklintError, exit 2)."""
    from pmarklint.reports.due import load_due

    fitgap = load_fitgap(start, today=today, lang=lang)
    language = lang
    if owner is not None and owner not in fitgap.people and owner not in ROLES:
        known = ", ".join(sorted(fitgap.people))
        raise PmarklintError(text("tasks.unknown_owner", language, owner=owner, people=known))
    rows = [row for row in fitgap.rows if row.status != MISSING and row.recurring]
    window = _longest(task.every for row in rows for task in row.recurring)
    due: dict[tuple[str, int], tuple[dt.date, int, str | None]] = {}
    if window is not None:
        listing = load_due(start, within=window, within_text="", today=fitgap.today.isoformat(), lang=language)
        for deadline in listing.deadlines:
            place = _TASK_PLACE.match(deadline.place or "")
            if deadline.rule == "PML306" and deadline.entry and place:
                due[(deadline.entry, int(place.group(1)))] = (deadline.due, deadline.days_left, deadline.last)
    groups: dict[Owner, list[Task]] = {}
    for row in rows:
        for index, recurring in enumerate(row.recurring):
            whose = Owner(recurring.owner) if recurring.owner else Owner(role=recurring.owner_role)
            if owner is not None and owner not in (whose.person, whose.role):
                continue
            next_due, days_left, last = due.get((row.id, index), (None, None, None))
            groups.setdefault(whose, []).append(
                Task(
                    row.id,
                    row.title,
                    row.status,
                    recurring.task,
                    recurring.every,
                    last or recurring.last_done,
                    next_due,
                    days_left,
                )
            )
    ordered = sorted(
        groups.items(),
        key=lambda pair: (0 if pair[0].person else 1 if pair[0].role else 2, pair[0].person or pair[0].role),
    )
    for _, tasks in ordered:
        tasks.sort(key=lambda t: (t.next_due or dt.date.max, natural_key(t.item)))
    assert fitgap.period is not None  # load_fitgap always counts a period
    return TaskList(
        organisation=fitgap.organisation,
        today=fitgap.today,
        period=fitgap.period,
        language=fitgap.language,
        people=fitgap.people,
        groups=tuple((whose, tuple(tasks)) for whose, tasks in ordered),
        owner=owner,
        problems=fitgap.problems,
    )


def _longest(intervals: Iterable[str]) -> Duration | None:
    """A window that reaches every task's next due date: the largest years, months and days of the tasks'
    intervals (a task done today is next due one interval from now)."""
    parsed = [d for d in map(Duration.parse, intervals) if d is not None]
    if not parsed:
        return None
    return Duration(max(d.years for d in parsed), max(d.months for d in parsed), max(d.days for d in parsed))


# -- the words -----------------------------------------------------------------------------------------------


def _state(task: Task, lang: str, period: Period) -> str:
    if task.days_left is None:
        if task.last_done:
            return ""
        key = "tasks.never" if task.status in ("fit", "partial") else "tasks.not_started"
        return text(key, lang)
    if task.days_left < 0:
        return text("due.overdue", lang, days=-task.days_left)
    if task.next_due is not None and task.next_due <= period.end:
        return text("tasks.this_year", lang)
    return ""


def _cells(task: Task, lang: str, period: Period) -> list[str]:
    return [
        text("tasks.item", lang, id=task.item, title=in_language(task.item_title, lang)),
        in_language(task.task, lang),
        duration_words(task.every, lang),
        task.last_done,
        task.next_due.isoformat() if task.next_due else "",
        _state(task, lang, period),
    ]


_COLUMNS = ("item", "task", "every", "last_done", "next_due", "state")


def _heading(tasks: TaskList, lang: str) -> str:
    period = tasks.period
    return text("tasks.heading", lang, year=period.year, start=period.start, end=period.end, today=tasks.today)


def _summary(items: tuple[Task, ...], lang: str) -> str:
    overdue = sum(1 for t in items if t.days_left is not None and t.days_left < 0)
    return text("tasks.summary", lang, count=len(items), overdue=overdue)


def document(tasks: TaskList, lang: str) -> Document:
    headers = [text(f"tasks.col.{c}", lang) for c in _COLUMNS]
    sections = tuple(
        Section(
            whose.label(lang, tasks.people),
            (
                Table.of(
                    headers,
                    [_cells(t, lang, tasks.period) for t in items],
                    row_classes=["overdue" if t.days_left is not None and t.days_left < 0 else "" for t in items],
                    column_classes=[c.replace("_", "-") for c in _COLUMNS],
                ),
                Paragraph(_summary(items, lang)),
            ),
        )
        for whose, items in tasks.groups
    )
    intro = [Paragraph(_heading(tasks, lang))]
    if not sections:
        intro.append(Paragraph(text("tasks.none", lang)))
    return Document(
        title=text("tasks.title", lang, organisation=tasks.organisation),
        lang=lang,
        intro=tuple(intro),
        sections=sections,
        contents_title=text("report.contents", lang),
        footer=text("report.generated", lang, version=__version__),
    )


_CSS = """
tbody tr.overdue td { background: #fbe3e1; }
th.item { width: 14em; }
th.every, th.last-done, th.next-due { width: 7em; }
"""


def _text(tasks: TaskList, lang: str) -> str:
    """For a terminal: control characters and line breaks from the data are shown as escapes."""
    from pmarklint.visible import visible

    out = [_heading(tasks, lang)]
    for whose, items in tasks.groups:
        out += ["", visible(whose.label(lang, tasks.people))]
        for task in items:
            item, name, every, last, next_due, state = _cells(task, lang, tasks.period)
            dates = text("tasks.dates", lang, last=last or "-", due=next_due or "-")
            out.append(visible(f"  {item}: {name} ({every}; {dates})" + (f"  [{state}]" if state else "")))
        out.append("  " + _summary(items, lang))
    if not tasks.groups:
        out.append(text("tasks.none", lang))
    return "\n".join(out) + "\n"


def render_tasks(tasks: TaskList, fmt: str, lang: str) -> bytes:
    if fmt == "text":
        return _text(tasks, lang).encode("utf-8")
    doc = document(tasks, lang)
    if fmt == "html":
        return html.page(doc, css=_CSS).encode("utf-8")
    return markdown.render(doc).encode("utf-8")
