"""The Fit & Gap table: for each requirement item, how the company meets it (status), the rules and manuals
behind it, the first-year tasks, the records an audit asks for and who approves them, the yearly operation,
and how hard that operation is; then counts by status and by difficulty. P-mark teams build this table by
hand in a spreadsheet; here it is read from the repository's ``kind: control`` entries.

Reading the repository is :func:`load_fitgap`; :func:`render_fitgap` lays the table out as Markdown, one
HTML page or CSV through :mod:`pmarklint.render`, in the reader's language. A control file with problems does
not stop the report: it shows what parses, and :attr:`FitGap.problems` says how much did not (``pmarklint
check`` lists it)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pmarklint import __version__
from pmarklint.check.engine import load_catalog, load_one
from pmarklint.dates import Duration, resolve_today
from pmarklint.evidence import BY_KIND, Period, counts_in
from pmarklint.i18n import catalog, text
from pmarklint.render import Document, Paragraph, Section, Table, csv_table, html, markdown
from pmarklint.rules import REGISTRY
from pmarklint.workspace.cache import Cache, default_directory
from pmarklint.workspace.config import find_root, load_config
from pmarklint.workspace.files import discover, find_git_dir

FORMATS = ("md", "html", "csv")
STATUSES = ("fit", "partial", "gap", "not_applicable", "missing")  # always counted, in this order
DIFFICULTIES = ("low", "medium", "high")
MISSING = "missing"  # a catalog item with no control in the repository
# What makes a control file (or part of it) unreadable for the report: it does not parse, or an entry does
# not match its schema. Other file findings (a phone number in a note) do not change what the table shows.
PROBLEM_RULES = frozenset({"PML001", "PML002", "PML003", "PML004", "PML005", "PML101"})


@dataclass(frozen=True)
class Recurring:
    task: dict[str, str]  # by language
    every: str  # an ISO 8601 duration, as written
    owner: str  # a person id
    last_done: str
    owner_role: str = ""  # the catalog's role id, shown when no person owns the task yet


@dataclass(frozen=True)
class Row:
    id: str
    title: dict[str, str]  # by language
    status: str  # fit, partial, gap, not_applicable, retired, missing; "" when not set
    reason: str = ""
    documents: tuple[tuple[dict[str, str], str], ...] = ()  # (title by language, path)
    initial_tasks: tuple[dict[str, str], ...] = ()  # each by language
    records: tuple[
        tuple[dict[str, str], str, tuple[str, ...]], ...
    ] = ()  # (title by language, approver role, evidence)
    recurring: tuple[Recurring, ...] = ()
    difficulty: str = ""  # low, medium, high; "" when not set
    examination: tuple[dict[str, str], ...] = ()  # what the examiner looks at, each by language
    verified: bool = True  # False: the catalog says the title or clause still needs checking (verified: false)
    records_this_year: tuple[tuple[str, int], ...] = ()  # (record kind, records in the period): pmarklint.evidence

    def title_in(self, lang: str) -> str:
        return in_language(self.title, lang)


def in_language(texts: dict[str, str], lang: str) -> str:
    """A text written in both languages, in ``lang``; the other language when only that one is written."""
    return texts.get(lang) or next((t for t in texts.values() if t), "")


@dataclass(frozen=True)
class FitGap:
    organisation: str
    framework: str
    today: dt.date
    language: str | None  # pmarklint.yaml's
    rows: tuple[Row, ...]
    people: dict[str, str] = field(default_factory=dict)  # person id → name, for owners
    problems: int = 0  # findings in the control files that `pmarklint check` lists
    period: Period | None = None  # the fiscal year "Records this year" counts (pmarklint.evidence)


# ------------------------------------------------------------------------------------ reading the repository


def load_fitgap(start: Path, *, today: str | None = None, lang: str = "en") -> FitGap:
    """The Fit & Gap rows of the repository at (or above) ``start``: the files ``pmarklint check`` reads,
    from the same cache. A tool failure (no pmarklint.yaml, a broken one) is a PmarklintError."""
    root = find_root(start, lang)
    git_dir = find_git_dir(root)
    cache = Cache(default_directory(git_dir))
    config = load_config(root, cache, lang)
    day = resolve_today(today, lang, config.zone)
    workspace = discover(root, sorted(set(config.folders.values())), git_dir)
    controls_folder = config.folders["control"] + "/"
    entries: list[dict[str, Any]] = []
    people: dict[str, str] = {}
    records: dict[str, list[dict[str, Any]]] = {}  # record kind → entries, for the records per item
    problems = 0
    for rel in workspace.files:
        result = load_one(root, rel, cache, config.max_file_size, config.rule_options)
        if result.kind == "control" or (result.kind is None and rel.startswith(controls_folder)):
            problems += sum(
                1
                for f in result.findings
                if f.rule in PROBLEM_RULES and config.severity(f.rule, f.severity or REGISTRY[f.rule].severity)
            )
        mappings = [e for e in result.entries if isinstance(e, dict)]
        if result.kind == "control":
            entries += mappings
        elif result.kind == "person":
            people.update((_text(e.get("id")), _text(e.get("name"))) for e in mappings if _text(e.get("name")))
        elif result.kind in BY_KIND:
            records.setdefault(result.kind, []).extend(mappings)
    items = load_catalog(cache) if config.data.get("framework") else {}
    organisation = config.data.get("organization") or {}
    period = Period.current(day, config.fiscal_year_start)
    found = counts_in(records, period, config.fiscal_year_start, day)
    rows = [
        dataclasses.replace(row, records_this_year=tuple(found[row.id].items())) if row.id in found else row
        for row in rows_of(entries, items)
    ]
    return FitGap(
        organisation=_text(organisation.get("name")) if isinstance(organisation, dict) else "",
        framework=_text(config.data.get("framework")),
        today=day,
        language=config.language,
        rows=tuple(rows),
        people=people,
        problems=problems,
        period=period,
    )


def rows_of(entries: Iterable[dict[str, Any]], items: dict[str, dict[str, Any]]) -> list[Row]:
    """A row per control, and a ``missing`` row per catalog item that no control has; catalog items first,
    in natural order of their ids (J.1.2 before J.1.10, J.2 before J.10), then the company's own controls."""
    rows = [_row(entry) for entry in entries]
    present = {row.id for row in rows}
    rows += [
        Row(item_id, _title(item.get("title")), MISSING, verified=item.get("verified") is not False)
        for item_id, item in items.items()
        if item_id not in present
    ]
    return sorted(rows, key=lambda row: (row.id not in items, natural_key(row.id)))


def natural_key(value: str) -> tuple[tuple[int, int | str], ...]:
    return tuple((0, int(part)) if part.isdigit() else (1, part.casefold()) for part in re.split(r"(\d+)", value))


def _row(entry: dict[str, Any]) -> Row:
    """One control as the table shows it. Values of the wrong type (schema findings) show as empty."""
    return Row(
        id=_text(entry.get("id")),
        title=_title(entry.get("title")),
        status=_text(entry.get("status")),
        reason=_text(entry.get("reason")),
        documents=tuple((_title(d.get("title")), _text(d.get("path"))) for d in _mappings(entry.get("documents"))),
        initial_tasks=tuple(t for t in map(_title, _list(entry.get("initial_tasks"))) if t),
        records=tuple(
            (_title(r.get("title")), _text(r.get("approver_role")), tuple(map(_text, _list(r.get("evidence")))))
            for r in _mappings(entry.get("records"))
        ),
        recurring=tuple(
            Recurring(
                _title(r.get("task")),
                _text(r.get("every")),
                _text(r.get("owner")),
                _text(r.get("last_done")),
                _text(r.get("owner_role")),
            )
            for r in _mappings(entry.get("recurring"))
        ),
        difficulty=_text(entry.get("difficulty")),
        examination=tuple(t for t in map(_title, _list(entry.get("examination"))) if t),
        verified=entry.get("verified") is not False,
    )


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return ""


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _mappings(value: Any) -> list[dict[str, Any]]:
    return [item for item in _list(value) if isinstance(item, dict)]


def _title(value: Any) -> dict[str, str]:
    if isinstance(value, dict):
        return {str(lang): _text(title) for lang, title in value.items() if _text(title)}
    return {"ja": _text(value), "en": _text(value)} if _text(value) else {}


# ------------------------------------------------------------------------------------------------ the words


def every_text(every: str, lang: str) -> str:
    """An interval as people say it: P1Y → yearly (年1回), P6M → every 6 months (6か月ごと). An interval of
    several parts (P1Y6M) or not a duration at all is shown as written."""
    duration = Duration.parse(every)
    if duration is None:
        return every
    parts = [(unit, n) for unit, n in (("year", duration.years), ("month", duration.months)) if n]
    if duration.days:
        weekly = duration.days % 7 == 0
        parts.append(("week", duration.days // 7) if weekly else ("day", duration.days))
    if len(parts) != 1:
        return every
    unit, count = parts[0]
    if count == 1:
        return text(f"fitgap.every.{unit}", lang)
    return text(f"fitgap.every.{unit}s", lang, count=count)


def role_name(role: str, lang: str) -> str:
    messages = catalog(lang).MESSAGES
    return str(messages.get(f"role.{role}") or messages.get(f"report.role.{role}") or role)


def status_name(status: str, lang: str) -> str:
    if not status:
        return text("fitgap.unset", lang)
    return str(catalog(lang).MESSAGES.get(f"fitgap.status.{status}", status))


def difficulty_name(difficulty: str, lang: str) -> str:
    if not difficulty:
        return text("fitgap.unset", lang)
    return str(catalog(lang).MESSAGES.get(f"fitgap.difficulty.{difficulty}", difficulty))


def _with_details(main: str, details: list[str], lang: str) -> str:
    details = [d for d in details if d]
    if not details:
        return main
    joined = text("fitgap.separator", lang).join(details)
    return text("fitgap.details", lang, item=main, details=joined) if main else joined


def cells(row: Row, lang: str, people: dict[str, str]) -> dict[str, str]:
    """Each column's text for one row; lists are one item per line."""
    documents = [_with_details(in_language(title, lang), [path], lang) for title, path in row.documents]
    records = [
        _with_details(
            in_language(title, lang),
            [
                text("fitgap.approver", lang, approver=role_name(role, lang)) if role else "",
                text("fitgap.evidence", lang, paths=", ".join(evidence)) if evidence else "",
            ],
            lang,
        )
        for title, role, evidence in row.records
    ]
    recurring = [
        _with_details(
            in_language(task.task, lang),
            [
                every_text(task.every, lang),
                text("fitgap.owner", lang, owner=people.get(task.owner, task.owner))
                if task.owner
                else text("fitgap.owner", lang, owner=role_name(task.owner_role, lang))
                if task.owner_role
                else "",
                text("fitgap.last_done", lang, date=task.last_done) if task.last_done else "",
            ],
            lang,
        )
        for task in row.recurring
    ]
    return {
        "id": row.id,
        "title": row.title_in(lang) if row.verified else text("fitgap.unverified", lang, title=row.title_in(lang)),
        "status": status_name(row.status, lang),
        "reason": row.reason,
        "documents": "\n".join(documents),
        "initial_tasks": "\n".join(in_language(t, lang) for t in row.initial_tasks),
        "records": "\n".join(records),
        "recurring": "\n".join(recurring),
        "difficulty": difficulty_name(row.difficulty, lang) if row.status != MISSING else "",
        "examination": "\n".join(in_language(t, lang) for t in row.examination),
        "records_this_year": "\n".join(
            text("fitgap.records_count", lang, record_kind=kind, count=n) for kind, n in row.records_this_year
        )
        if row.status != MISSING
        else "",
    }


COLUMNS = (
    "id",
    "title",
    "status",
    "documents",
    "initial_tasks",
    "records",
    "recurring",
    "difficulty",
    "examination",
    "records_this_year",
)
CSV_COLUMNS = (
    "id",
    "title",
    "status",
    "reason",
    "documents",
    "initial_tasks",
    "records",
    "recurring",
    "difficulty",
    "examination",
    "records_this_year",
)
_NOWRAP = {"id", "difficulty"}  # a status cell also holds the reason, which must wrap


def counts(values: Iterable[str], known: tuple[str, ...]) -> list[tuple[str, int]]:
    """(value, count) for every known value, in order and even when 0, then any other value that occurs."""
    seen = Counter(values)
    others = sorted((v for v in seen if v not in known), key=lambda v: (v == "", v))
    return [(v, seen[v]) for v in known] + [(v, seen[v]) for v in others]


def count_sentence(total: int, pairs: list[tuple[str, int]], lang: str) -> str:
    """Counts as teams write them: "58 items: 51 low, 7 medium, 0 high" (ja: "58項目: 低 51、中 7、高 0")."""
    parts = [text("fitgap.count", lang, count=n, label=label) for label, n in pairs]
    return text("fitgap.items", lang, total=total, counts=text("fitgap.count_separator", lang).join(parts))


# ------------------------------------------------------------------------------------------------ the report


def document(fitgap: FitGap, lang: str) -> Document:
    rows = [cells(row, lang, fitgap.people) for row in fitgap.rows]
    table = Table.of(
        [text(f"fitgap.col.{c}", lang) for c in COLUMNS],
        [[_status_cell(r) if c == "status" else r[c] for c in COLUMNS] for r in rows],
        row_classes=[f"status-{row.status or 'unset'}" for row in fitgap.rows],
        column_classes=[c.replace("_", "-") + (" nowrap" if c in _NOWRAP else "") for c in COLUMNS],
    )
    total = len(fitgap.rows)
    by_status = [(status_name(s, lang), n) for s, n in counts((r.status for r in fitgap.rows), STATUSES)]
    by_difficulty = [
        (difficulty_name(d, lang), n)
        for d, n in counts((r.difficulty if r.status != MISSING else "" for r in fitgap.rows), DIFFICULTIES)
    ]
    intro = text("fitgap.intro", lang, organisation=fitgap.organisation, framework=fitgap.framework, date=fitgap.today)
    return Document(
        title=text("fitgap.title", lang, organisation=fitgap.organisation),  # organization.name is required
        lang=lang,
        intro=(Paragraph(intro), *_period(fitgap, lang), Paragraph(text("fitgap.legend", lang))),
        sections=(
            Section(text("fitgap.section.table", lang), (table,), anchor="items"),
            _counts_section("status", by_status, total, lang),
            _counts_section("difficulty", by_difficulty, total, lang),
        ),
        contents_title=text("report.contents", lang),
        footer=text("report.generated", lang, version=__version__),
    )


def _period(fitgap: FitGap, lang: str) -> tuple[Paragraph, ...]:
    """The fiscal year the "Records this year" column counts, under the heading."""
    if fitgap.period is None:
        return ()
    period = fitgap.period
    return (Paragraph(text("fitgap.period", lang, year=period.year, start=period.start, end=period.end)),)


def _status_cell(cell: dict[str, str]) -> str:
    return cell["status"] + ("\n" + cell["reason"] if cell["reason"] else "")


def _counts_section(what: str, pairs: list[tuple[str, int]], total: int, lang: str) -> Section:
    """Counts by ``what`` (status or difficulty): the sentence, then the same as a small table."""
    headers = [text(f"fitgap.col.{what}", lang), text("fitgap.col.count", lang)]
    rows = [[label, str(n)] for label, n in pairs]
    return Section(
        text(f"fitgap.section.{what}", lang),
        (Paragraph(count_sentence(total, pairs, lang)), Table.of(headers, rows, column_classes=("label", "number"))),
        anchor=f"by-{what}",
    )


_CSS = """
tbody tr.status-missing td { background: #fbe3e1; }
tbody tr.status-gap td { background: #fcefdc; }
tbody tr.status-partial td { background: #fbf6dc; }
tbody tr.status-not_applicable td, tbody tr.status-retired td { color: #555; }
th.id { width: 5.5em; }
th.status { width: 7em; }
th.difficulty { width: 5em; }
"""


def render_fitgap(fitgap: FitGap, fmt: str, lang: str) -> bytes:
    """The report as bytes: Markdown and HTML in UTF-8, CSV in UTF-8 with a BOM (one row per control)."""
    if fmt == "csv":
        rows = [cells(row, lang, fitgap.people) for row in fitgap.rows]
        return csv_table.to_csv(
            [text(f"fitgap.col.{c}", lang) for c in CSV_COLUMNS], [[r[c] for c in CSV_COLUMNS] for r in rows]
        )
    doc = document(fitgap, lang)
    if fmt == "html":
        return html.page(doc, css=_CSS).encode("utf-8")
    return markdown.render(doc).encode("utf-8")
