"""The Fit & Gap table: for each requirement item, how the company meets it (status), the rules and manuals
behind it, the first-year tasks, the records an audit asks for and who approves them, the yearly operation,
and how hard that operation is; then counts by status and by difficulty. P-mark teams build this table by
hand in a spreadsheet; here it is read from the repository's ``kind: control`` entries.

The status shown is reconciled with ``pmarklint check``: the check runs once (:func:`run_check`, the same
rules) and each finding on a control, or on a file the control cites (its documents and its records'
evidence), counts for that control's row; a control written ``fit`` with an error shows "needs action"
(要対応) with the written status beside it. The next due date of each row is the earliest deadline ``pmarklint
due`` finds for the control (its recurring tasks, its own review): :func:`pmarklint.reports.due.load_due`.

Reading the repository is :func:`load_fitgap`; :func:`render_fitgap` lays the table out as Markdown, one
HTML page, CSV or an Excel workbook (through :mod:`pmarklint.render` and :mod:`pmarklint.tables.workbook`),
in the reader's language. A control file with problems does not stop the report: it shows what parses, and
:attr:`FitGap.problems` says how much did not (``pmarklint check`` lists it)."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pmarklint import __version__
from pmarklint.check.engine import load_catalog, load_one
from pmarklint.dates import Duration
from pmarklint.evidence import BY_KIND, Period, counts_in
from pmarklint.findings import Finding
from pmarklint.i18n import catalog, text
from pmarklint.render import Document, Paragraph, Section, Table, csv_table, html, markdown
from pmarklint.rules.references import names_file
from pmarklint.workspace.cache import Cache, default_directory
from pmarklint.workspace.files import find_git_dir

if TYPE_CHECKING:
    from pmarklint.check.engine import CheckResult
    from pmarklint.tables.workbook import SheetTable

FORMATS = ("md", "html", "csv", "xlsx")
# always counted, in this order; needs_action is shown, never written: a control written fit with an error
STATUSES = ("fit", "needs_action", "partial", "gap", "not_applicable", "missing")
DIFFICULTIES = ("low", "medium", "high")
MISSING = "missing"  # a catalog item with no control in the repository
NEEDS_ACTION = "needs_action"
DUE_WITHIN = "P10Y"  # how far ahead the next due date is looked for: past the longest interval a control has
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
class RowCheck:
    """What ``pmarklint check`` found on a control and on the files it cites."""

    errors: int = 0
    warnings: int = 0
    waived: int = 0  # findings a waiver in pmarklint.yaml holds back (是正中 / being corrected)
    rules: tuple[str, ...] = ()  # the rule codes, sorted, each once


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
    rules_clause: str = ""  # the clause of the company's own rules that meets the item (関連する社内規程の条項)
    file: str = ""  # the control file the row comes from; "" for a missing item
    check: RowCheck = RowCheck()
    next_due: dt.date | None = None  # the earliest deadline of the control (pmarklint due)
    records_this_year: tuple[tuple[str, int], ...] = ()  # (record kind, records in the period): pmarklint.evidence

    def title_in(self, lang: str) -> str:
        return in_language(self.title, lang)

    @property
    def shown_status(self) -> str:
        """The status the table shows: a control written fit that has an error finding needs action."""
        return NEEDS_ACTION if self.status == "fit" and self.check.errors else self.status

    def cited(self) -> tuple[str, ...]:
        """The paths (or folders, or patterns such as ``records/education/*.md``) the control cites."""
        paths = [path for _, path in self.documents] + [p for _, _, evidence in self.records for p in evidence]
        return tuple(dict.fromkeys(p for p in paths if p))


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


def load_fitgap(
    start: Path, *, today: str | None = None, lang: str = "en", checked: CheckResult | None = None
) -> FitGap:
    """The Fit & Gap rows of the repository at (or above) ``start``: the files ``pmarklint check`` reads,
    from the same cache, with what the check finds on each control and each control's next due date.
    ``checked``: a check of that repository already run (the site runs one), else it runs here. A tool
    failure (no pmarklint.yaml, a broken one) is a PmarklintError."""
    from pmarklint.check.engine import run_check
    from pmarklint.reports.due import load_due

    result = checked or run_check(start, today=today, lang=lang)
    root, config = result.root, result.config
    cache = Cache(default_directory(find_git_dir(root)))
    controls_folder = config.folders["control"] + "/"
    entries: list[tuple[str, dict[str, Any]]] = []
    people: dict[str, str] = {}
    control_files: set[str] = set()
    records: dict[str, list[dict[str, Any]]] = {}  # record kind → entries, for the records per item
    for rel in result.checked_files:
        loaded = load_one(root, rel, cache, config.max_file_size, config.rule_options)
        if loaded.kind == "control" or (loaded.kind is None and rel.startswith(controls_folder)):
            control_files.add(rel)
        mappings = [e for e in loaded.entries if isinstance(e, dict)]
        if loaded.kind == "control":
            entries += [(rel, e) for e in mappings]
        elif loaded.kind == "person":
            people.update((_text(e.get("id")), _text(e.get("name"))) for e in mappings if _text(e.get("name")))
        elif loaded.kind in BY_KIND:
            records.setdefault(loaded.kind, []).extend(mappings)
    problems = sum(1 for f in [*result.findings, *result.waived] if f.rule in PROBLEM_RULES and f.file in control_files)
    within = Duration.parse(DUE_WITHIN)
    assert within is not None
    due = load_due(root, within=within, within_text=DUE_WITHIN, today=result.today.isoformat(), lang=lang)
    next_due: dict[tuple[str, str], dt.date] = {}
    for deadline in due.deadlines:  # soonest first: the first one of a control is its next
        if deadline.entry and deadline.file in control_files:
            next_due.setdefault((deadline.file, deadline.entry), deadline.due)
    items = load_catalog(cache) if config.data.get("framework") else {}
    organisation = config.data.get("organization") or {}
    found, waived = by_file(result.findings), by_file(result.waived)
    period = Period.current(result.today, config.fiscal_year_start)
    evidenced = counts_in(records, period, config.fiscal_year_start, result.today)
    rows = [
        replace(
            row,
            check=row_check(row, found, waived) if row.file else row.check,
            next_due=next_due.get((row.file, row.id)) if row.file else None,
            records_this_year=tuple(evidenced[row.id].items()) if row.id in evidenced else (),
        )
        for row in rows_of(entries, items)
    ]
    return FitGap(
        organisation=_text(organisation.get("name")) if isinstance(organisation, dict) else "",
        framework=_text(config.data.get("framework")),
        today=result.today,
        language=config.language,
        rows=tuple(rows),
        people=people,
        problems=problems,
        period=period,
    )


def row_check(row: Row, findings: Mapping[str, Sequence[Finding]], waived: Mapping[str, Sequence[Finding]]) -> RowCheck:
    """The findings that count for a row (``findings`` and ``waived``: the check's, by file): those on the
    control entry itself, and those on a file the control cites in its documents or its records' evidence (a
    path, a folder or a pattern such as ``records/*.md``, read as PML204 reads them)."""
    cited = row.cited()
    files = {rel: any(names_file(path, rel) for path in cited) for rel in {*findings, *waived}}
    relevant = [rel for rel, is_cited in files.items() if is_cited or rel == row.file]

    def of(found: Mapping[str, Sequence[Finding]]) -> list[Finding]:
        return [
            f
            for rel in relevant
            for f in found.get(rel, ())
            if files[rel] or (f.file == row.file and f.entry == row.id)
        ]

    mine = [f for f in of(findings) if f.level in ("error", "warning")]
    held = of(waived)
    return RowCheck(
        errors=sum(1 for f in mine if f.level == "error"),
        warnings=sum(1 for f in mine if f.level == "warning"),
        waived=len(held),
        rules=tuple(sorted({f.rule for f in mine + held})),
    )


def by_file(found: Iterable[Finding]) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = {}
    for item in found:
        out.setdefault(item.file, []).append(item)
    return out


def rows_of(entries: Iterable[tuple[str, dict[str, Any]]], items: dict[str, dict[str, Any]]) -> list[Row]:
    """A row per control (``entries``: its file and the entry), and a ``missing`` row per catalog item that no
    control has; catalog items first, in natural order of their ids (J.1.2 before J.1.10, J.2 before J.10),
    then the company's own controls."""
    rows = [_row(rel, entry) for rel, entry in entries]
    present = {row.id for row in rows}
    rows += [
        Row(item_id, _title(item.get("title")), MISSING, verified=item.get("verified") is not False)
        for item_id, item in items.items()
        if item_id not in present
    ]
    return sorted(rows, key=lambda row: (row.id not in items, natural_key(row.id)))


def natural_key(value: str) -> tuple[tuple[int, int | str], ...]:
    return tuple((0, int(part)) if part.isdigit() else (1, part.casefold()) for part in re.split(r"(\d+)", value))


def _row(rel: str, entry: dict[str, Any]) -> Row:
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
        rules_clause=_text(entry.get("rules_clause")),
        file=rel,
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


def shown_status_name(row: Row, lang: str) -> str:
    """The status as the table shows it; needs action says what was written: 要対応(記載: 適合)."""
    if row.shown_status == NEEDS_ACTION:
        return text("fitgap.needs_action", lang, written=status_name(row.status, lang))
    return status_name(row.status, lang)


def findings_text(check: RowCheck, lang: str) -> str:
    """The row's findings as counts with their rule codes: エラー1件、警告1件(PML204, PML306); "" for none."""
    parts = [
        text(f"fitgap.findings.{what}", lang, count=count)
        for what, count in (("errors", check.errors), ("warnings", check.warnings), ("waived", check.waived))
        if count
    ]
    if not parts:
        return ""
    return text("fitgap.details", lang, item=text("fitgap.separator", lang).join(parts), details=", ".join(check.rules))


def due_text(due: dt.date | None, today: dt.date, lang: str) -> str:
    """The next due date with the days left (あと50日), today, or how long overdue (期限切れ: 49日超過)."""
    if due is None:
        return ""
    days = (due - today).days
    if days < 0:
        return text("fitgap.overdue", lang, date=due.isoformat(), left=text("due.overdue", lang, days=-days))
    left = text("due.today", lang) if days == 0 else text("due.days_left", lang, days=days)
    return text("fitgap.details", lang, item=due.isoformat(), details=left)


def cells(row: Row, lang: str, people: dict[str, str], today: dt.date | None = None) -> dict[str, str]:
    """Each column's text for one row; lists are one item per line. ``today``: for the days left."""
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
        "rules_clause": row.rules_clause,
        "status": shown_status_name(row, lang),
        "reason": row.reason,
        "findings": findings_text(row.check, lang),
        "documents": "\n".join(documents),
        "initial_tasks": "\n".join(in_language(t, lang) for t in row.initial_tasks),
        "records": "\n".join(records),
        "recurring": "\n".join(recurring),
        "next_due": due_text(row.next_due, today, lang) if today is not None else "",
        "difficulty": difficulty_name(row.difficulty, lang) if row.status != MISSING else "",
        "examination": "\n".join(in_language(t, lang) for t in row.examination),
        "records_this_year": "\n".join(
            text("fitgap.records_count", lang, record_kind=kind, count=n) for kind, n in row.records_this_year
        )
        if row.status != MISSING
        else "",
    }


# The columns, in the order every format shows them: the table of Markdown, HTML and the workbook. CSV has the
# same columns with the reason in a column of its own after the status (the table shows it in the status cell).
COLUMNS = (
    "id",
    "title",
    "rules_clause",
    "status",
    "findings",
    "documents",
    "initial_tasks",
    "records",
    "recurring",
    "next_due",
    "difficulty",
    "examination",
    "records_this_year",
)
CSV_COLUMNS = tuple(c for column in COLUMNS for c in ((column, "reason") if column == "status" else (column,)))
_NOWRAP = {"id", "difficulty"}  # a status cell also holds the reason, which must wrap


def table_cells(fitgap: FitGap, lang: str) -> list[list[str]]:
    """The table's body as every format but CSV shows it: a row per item, a cell per column of COLUMNS."""
    out = []
    for row in fitgap.rows:
        cell = cells(row, lang, fitgap.people, fitgap.today)
        out.append([_status_cell(cell) if c == "status" else cell[c] for c in COLUMNS])
    return out


def counts(values: Iterable[str], known: tuple[str, ...]) -> list[tuple[str, int]]:
    """(value, count) for every known value, in order and even when 0, then any other value that occurs."""
    seen = Counter(values)
    others = sorted((v for v in seen if v not in known), key=lambda v: (v == "", v))
    return [(v, seen[v]) for v in known] + [(v, seen[v]) for v in others]


def count_sentence(total: int, pairs: list[tuple[str, int]], lang: str) -> str:
    """Counts as teams write them: "58 items: 51 low, 7 medium, 0 high" (ja: "58項目: 低 51、中 7、高 0")."""
    parts = [text("fitgap.count", lang, count=n, label=label) for label, n in pairs]
    return text("fitgap.items", lang, total=total, counts=text("fitgap.count_separator", lang).join(parts))


def status_counts(rows: Iterable[Row]) -> list[tuple[str, int]]:
    """The rows by the status they show (needs action, not the fit written)."""
    return counts((r.shown_status for r in rows), STATUSES)


def difficulty_counts(rows: Iterable[Row]) -> list[tuple[str, int]]:
    return counts((r.difficulty if r.status != MISSING else "" for r in rows), DIFFICULTIES)


_CHAPTER = re.compile(r"(J\.\d+)(?:\.|\Z)")


def chapter_of(row_id: str) -> str:
    """The chapter of a catalog item (J.3 for J.3.1.2, J.11 for J.11); "" for the company's own ids."""
    match = _CHAPTER.match(row_id)
    return match[1] if match else ""


# ------------------------------------------------------------------------------------------------ the report


def document(fitgap: FitGap, lang: str) -> Document:
    table = Table.of(
        [text(f"fitgap.col.{c}", lang) for c in COLUMNS],
        table_cells(fitgap, lang),
        row_classes=[_row_class(row, fitgap.today) for row in fitgap.rows],
        column_classes=[c.replace("_", "-") + (" nowrap" if c in _NOWRAP else "") for c in COLUMNS],
    )
    total = len(fitgap.rows)
    by_status = [(status_name(s, lang), n) for s, n in status_counts(fitgap.rows)]
    by_difficulty = [(difficulty_name(d, lang), n) for d, n in difficulty_counts(fitgap.rows)]
    intro = text("fitgap.intro", lang, organisation=fitgap.organisation, framework=fitgap.framework, date=fitgap.today)
    notes = (Paragraph(text("fitgap.note.unverified", lang)),) if any(not r.verified for r in fitgap.rows) else ()
    return Document(
        title=text("fitgap.title", lang, organisation=fitgap.organisation),  # organization.name is required
        lang=lang,
        intro=(Paragraph(intro), *_period(fitgap, lang), Paragraph(text("fitgap.legend", lang))),
        sections=(
            Section(text("fitgap.section.table", lang), (table, *notes), anchor="items"),
            _counts_section("status", by_status, total, lang),
            _counts_section("difficulty", by_difficulty, total, lang),
        ),
        contents_title=text("report.contents", lang),
        footer=text("report.generated", lang, version=__version__),
    )


def _row_class(row: Row, today: dt.date) -> str:
    overdue = row.next_due is not None and row.next_due < today
    return f"status-{row.shown_status or 'unset'}" + (" overdue" if overdue else "")


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


# -------------------------------------------------------------------------------------------- the workbook

# Cell fills of the workbook (RGB): difficulty high red-ish, medium amber, low green; the statuses alike.
DIFFICULTY_FILLS: Mapping[str, str] = {"high": "F4B6B0", "medium": "FFE08A", "low": "C6EFCE"}
STATUS_FILLS: Mapping[str, str] = {
    "fit": "C6EFCE",
    NEEDS_ACTION: "F4B6B0",
    "partial": "FFE08A",
    "gap": "F8CBAD",
    "not_applicable": "E7E6E6",
    "retired": "E7E6E6",
    MISSING: "F4B6B0",
}


def workbook(fitgap: FitGap, lang: str) -> bytes:
    """The table as an Excel workbook: a sheet with a row per item and the Markdown table's columns (its header
    row and the ID column stay in view, difficulty and status cells coloured), then a summary sheet with the
    counts by chapter, by status and by difficulty."""
    from pmarklint.tables.workbook import Sheet, SheetTable, sheets_to_xlsx

    status_at, difficulty_at = COLUMNS.index("status"), COLUMNS.index("difficulty")
    fills = []
    for row in fitgap.rows:
        line = [""] * len(COLUMNS)
        line[status_at] = STATUS_FILLS.get(row.shown_status, "")
        line[difficulty_at] = DIFFICULTY_FILLS.get(row.difficulty, "") if row.status != MISSING else ""
        fills.append(tuple(line))
    items = Table.of([text(f"fitgap.col.{c}", lang) for c in COLUMNS], table_cells(fitgap, lang))
    doc = document(fitgap, lang)
    return sheets_to_xlsx(
        [
            Sheet(text("fitgap.sheet.table", lang), (SheetTable(items, tuple(fills)),), freeze="B2"),
            Sheet(
                text("fitgap.sheet.summary", lang),
                (
                    Paragraph(doc.title),
                    Paragraph(
                        text(
                            "fitgap.intro",
                            lang,
                            organisation=fitgap.organisation,
                            framework=fitgap.framework,
                            date=fitgap.today,
                        )
                    ),
                    SheetTable(_chapter_table(fitgap, lang), heading=text("fitgap.section.chapter", lang)),
                    _count_sheet_table("status", status_counts(fitgap.rows), status_name, STATUS_FILLS, lang),
                    _count_sheet_table(
                        "difficulty", difficulty_counts(fitgap.rows), difficulty_name, DIFFICULTY_FILLS, lang
                    ),
                    Paragraph(doc.footer),
                ),
            ),
        ]
    )


def _count_sheet_table(
    what: str,
    pairs: list[tuple[str, int]],
    name: Callable[[str, str], str],
    fills: Mapping[str, str],
    lang: str,
) -> SheetTable:
    """One table of the summary sheet: each value of ``what`` (status or difficulty) by name, its count, the
    value's colour on its name."""
    from pmarklint.tables.workbook import SheetTable

    return SheetTable(
        Table.of(
            [text(f"fitgap.col.{what}", lang), text("fitgap.col.count", lang)],
            [[name(value, lang), str(n)] for value, n in pairs],
        ),
        tuple((fills.get(value, ""), "") for value, _ in pairs),
        heading=text(f"fitgap.section.{what}", lang),
    )


def _chapter_table(fitgap: FitGap, lang: str) -> Table:
    """A row per chapter (J.1 … J.11, then the company's own controls): its items, by status and difficulty."""
    chapters: dict[str, list[Row]] = {}
    for row in fitgap.rows:
        chapters.setdefault(chapter_of(row.id), []).append(row)
    order = sorted(chapters, key=lambda c: (c == "", natural_key(c)))
    headers = [
        text("fitgap.col.chapter", lang),
        text("fitgap.col.count", lang),
        *(status_name(s, lang) for s in STATUSES),
        *(difficulty_name(d, lang) for d in DIFFICULTIES),
    ]

    def line(label: str, rows: list[Row]) -> list[str]:
        by_status = dict(status_counts(rows))
        by_difficulty = dict(difficulty_counts(rows))
        return [
            label,
            str(len(rows)),
            *(str(by_status[s]) for s in STATUSES),
            *(str(by_difficulty[d]) for d in DIFFICULTIES),
        ]

    body = [line(c or text("fitgap.chapter.other", lang), chapters[c]) for c in order]
    body.append(line(text("fitgap.chapter.total", lang), list(fitgap.rows)))
    return Table.of(headers, body)


_CSS = """
tbody tr.status-missing td, tbody tr.status-needs_action td { background: #fbe3e1; }
tbody tr.status-gap td { background: #fcefdc; }
tbody tr.status-partial td { background: #fbf6dc; }
tbody tr.status-not_applicable td, tbody tr.status-retired td { color: #555; }
tbody tr.overdue td.next-due { color: #a40000; font-weight: bold; }
th.id { width: 5.5em; }
th.status { width: 7em; }
th.difficulty { width: 5em; }
"""


def render_fitgap(fitgap: FitGap, fmt: str, lang: str) -> bytes:
    """The report as bytes: Markdown and HTML in UTF-8, CSV in UTF-8 with a BOM (one row per control), xlsx
    (an Excel workbook)."""
    if fmt == "csv":
        rows = [cells(row, lang, fitgap.people, fitgap.today) for row in fitgap.rows]
        return csv_table.to_csv(
            [text(f"fitgap.col.{c}", lang) for c in CSV_COLUMNS], [[r[c] for c in CSV_COLUMNS] for r in rows]
        )
    if fmt == "xlsx":
        return workbook(fitgap, lang)
    doc = document(fitgap, lang)
    if fmt == "html":
        return html.page(doc, css=_CSS).encode("utf-8")
    return markdown.render(doc).encode("utf-8")
