"""What the summaries of a fiscal year share (``pmarklint report education`` and ``pmarklint report audits``):
the records of the repository read once (the files ``pmarklint check`` reads, from the same cache), the fiscal
year and its first and last day, the commit the summary is made from (HEAD, and whether the PMS files in the
working tree differ from it), and the formats: Markdown, one self-contained HTML page that prints on A4, and
an Excel workbook (:mod:`pmarklint.tables.workbook`).

A summary states the period and the commit because an application or a renewal hands it to the assessment
body as evidence: whoever reads it later must be able to find the records it was made from. That is why a
summary needs git: a folder outside a git work tree is a tool failure (exit 2), not a summary without a
source. A year without records gives an empty summary that says so."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pmarklint import __version__
from pmarklint.dates import fiscal_year, fiscal_year_bounds, parse_date, resolve_today
from pmarklint.errors import PmarklintError
from pmarklint.i18n import text
from pmarklint.render import Document, Paragraph, html, markdown

FORMATS = ("md", "html", "xlsx")
# The kinds a summary reads; the rest of the repository is not opened.
KINDS = ("person", "training", "audit_plan", "audit_report", "corrective", "review")


@dataclass(frozen=True)
class Source:
    """The commit a summary was made from."""

    commit: str | None  # None: the repository has no commit yet
    changed: bool  # the PMS files in the working tree differ from the commit (or are not committed yet)


@dataclass(frozen=True)
class Records:
    organisation: str
    language: str | None  # pmarklint.yaml's
    year: int
    first: dt.date
    last: dt.date
    today: dt.date
    source: Source
    departments: dict[str, str]  # id → name, in the order of pmarklint.yaml
    entries: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # kind → active entries, as read
    problems: int = 0  # record files that did not parse or whose entries do not match their schema

    def of(self, kind: str) -> list[dict[str, Any]]:
        return self.entries.get(kind, [])

    @property
    def people(self) -> dict[str, dict[str, Any]]:
        return {str(p["id"]): p for p in self.of("person") if isinstance(p.get("id"), str)}

    def within(self, value: Any) -> bool:
        day = parse_date(value)
        return day is not None and self.first <= day <= self.last


PROBLEM_RULES = frozenset({"PML001", "PML002", "PML003", "PML004", "PML005", "PML101"})


def load_records(start: Path, *, year: int | None, today: str | None, lang: str) -> Records:
    """The records of the repository at (or above) ``start`` for fiscal year ``year`` (default: the year
    today falls in). A tool failure (no pmarklint.yaml, no git work tree, git missing) is a PmarklintError."""
    from pmarklint.check.engine import load_one
    from pmarklint.workspace.cache import Cache, default_directory
    from pmarklint.workspace.config import find_root, load_config
    from pmarklint.workspace.files import discover, find_git_dir

    root = find_root(start, lang)
    git_dir = find_git_dir(root)
    if git_dir is None:
        raise PmarklintError(text("summary.no_git", lang, path=str(root)))
    source = source_of(root)
    cache = Cache(default_directory(git_dir))
    config = load_config(root, cache, lang)
    day = resolve_today(today, lang, config.zone)
    chosen = fiscal_year(day, config.fiscal_year_start) if year is None else year
    first, last = fiscal_year_bounds(chosen, config.fiscal_year_start)
    workspace = discover(root, sorted(set(config.folders.values())), git_dir)
    entries: dict[str, list[dict[str, Any]]] = {}
    problems = 0
    folders = tuple(config.folders[kind] + "/" for kind in KINDS)
    for rel in workspace.files:
        result = load_one(root, rel, cache, config.max_file_size, config.rule_options)
        if result.kind in KINDS or (result.kind is None and rel.startswith(folders)):
            problems += sum(1 for f in result.findings if f.rule in PROBLEM_RULES)
        if result.kind not in KINDS:
            continue
        entries.setdefault(result.kind, []).extend(
            e for e in result.entries if isinstance(e, dict) and e.get("status", "active") != "retired"
        )
    organisation = config.data.get("organization")
    departments = config.data.get("departments")
    return Records(
        organisation=_text(organisation.get("name")) if isinstance(organisation, dict) else "",
        language=config.language,
        year=chosen,
        first=first,
        last=last,
        today=day,
        source=source,
        departments={
            _text(d.get("id")): _text(d.get("name")) or _text(d.get("id"))
            for d in (departments if isinstance(departments, list) else [])
            if isinstance(d, dict) and _text(d.get("id"))
        },
        entries=entries,
        problems=problems,
    )


def source_of(root: Path) -> Source:
    from pmarklint.git.repo import commit_of, work_tree_changed

    commit = commit_of(root, "HEAD")
    return Source(commit, commit is None or work_tree_changed(root))


# ------------------------------------------------------------------------------------------------ the words


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return ""


def plain(value: Any) -> str:
    """A value as a cell shows it: text, a number, a date; anything else (a list, a mapping) empty."""
    return _text(value)


def mappings(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def strings(value: Any) -> list[str]:
    return [t for t in (plain(v) for v in value) if t] if isinstance(value, list) else []


def word(prefix: str, value: Any, lang: str) -> str:
    """An enum value in words (``topic.policy`` → 個人情報保護方針), or as written when there is no word."""
    from pmarklint.i18n import catalog

    shown = plain(value)
    return str(catalog(lang).MESSAGES.get(f"{prefix}.{shown}", shown)) if shown else ""


def joined(items: list[str], lang: str) -> str:
    return text("list.separator", lang).join(items)


def person(records: Records, person_id: Any, lang: str) -> str:
    """A person as the summaries name them: "山本 健一" with the id when the roster has them, else the id."""
    shown = plain(person_id)
    entry = records.people.get(shown)
    name = plain(entry.get("name")) if entry is not None else ""
    return text("summary.person", lang, name=name, id=shown) if name else shown


def department(records: Records, department_id: Any) -> str:
    shown = plain(department_id)
    return records.departments.get(shown, shown)


def percent(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.0f}%" if whole else "-"


def intro(records: Records, lang: str) -> tuple[Paragraph, ...]:
    """The lines under the title: who, which period, made from which commit."""
    source = records.source
    if source.commit is None:
        made_from = text("summary.no_commit", lang)
    else:
        key = "summary.commit_changed" if source.changed else "summary.commit"
        made_from = text(key, lang, commit=source.commit)
    lines = [
        text("summary.organisation", lang, organisation=records.organisation or "-"),
        text(
            "summary.period",
            lang,
            year=records.year,
            first=records.first.isoformat(),
            last=records.last.isoformat(),
        ),
        text("summary.as_of", lang, today=records.today.isoformat()),
        made_from,
    ]
    return (Paragraph("\n".join(lines)),)


def footer(lang: str) -> str:
    return text("summary.footer", lang, version=__version__)


def render_summary(document: Document, fmt: str) -> bytes:
    if fmt == "html":
        return html.page(document, css=CSS).encode("utf-8")
    if fmt == "xlsx":
        from pmarklint.tables.workbook import document_to_xlsx

        return document_to_xlsx(document)
    return markdown.render(document).encode("utf-8")


Builder = Callable[[Records, str], Document]

CSS = """
td.number, th.number { text-align: right; white-space: nowrap; }
td.date, th.date { white-space: nowrap; }
tbody tr.total td { font-weight: bold; background: #eef2f7; }
tbody tr.open td { background: #fff4e5; }
tbody tr.overdue td, tbody tr.incomplete td { background: #fdecea; }
"""
