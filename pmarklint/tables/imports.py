"""``import``: a table back into the ledger.

Import takes each row on its own. A row whose id is already in the repository updates that entry in its own
file (only what changed; see :mod:`pmarklint.documents.edit`); a row with a new id becomes a new entry. A row is
taken only if the entry it makes passes the schema; every other row is reported with its spreadsheet row
number and the reason, and leaves the files as they were. ``approvals`` are never read from a table: an
approval is a signature on the content, so a changed entry keeps its approvals lines, which no longer match,
and the report says which entries need approving again.

Nothing is lost without a word: a row exported by ``export`` carries the digest of its entry as exported,
so a value changed in the ledger since then is never reverted (:mod:`pmarklint.tables.merge`); an empty cell
keeps the ledger's value unless ``clear_empty`` is asked for, and each such cell is reported by row and
column. Every file's new text is made first and checked against ``limits.max_file_size``; then all are
written at once, all or nothing (:func:`pmarklint.documents.atomic.write_all`).
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pmarklint.documents import edit as yaml_edit
from pmarklint.errors import PmarklintError
from pmarklint.tables import message
from pmarklint.tables.cells import ABSENT, CellError
from pmarklint.tables.columns import Column, Rel, date_fields, field_order, flatten
from pmarklint.tables.files import read_grid
from pmarklint.tables.headers import digest_column, find_table, map_headers, parse_maps
from pmarklint.tables.merge import three_way, value_hash
from pmarklint.tables.rows import Row, apply_row, read_rows, validate_entry
from pmarklint.tables.sync import Repository


@dataclass(frozen=True)
class RowProblem:
    row: int
    entry: str | None
    reason: str

    def show(self, lang: str) -> str:
        entry = f" ({self.entry})" if self.entry else ""
        return message("row", lang, row=self.row, entry=entry, reason=self.reason)


@dataclass
class ImportReport:
    updated: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    unchanged: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    notes: list[RowProblem] = field(default_factory=list)  # trimmed cells, values kept or cleared
    stale: list[str] = field(default_factory=list)  # changed entries whose approvals no longer match
    created: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    sheet: str | None = None
    sheets: int = 1
    header_rows: tuple[int, ...] = (1,)
    fields: Counter[str] = field(default_factory=Counter)  # header → entries updated in that field
    totals: int = 0  # total rows skipped
    templates: int = 0  # empty template rows skipped


@dataclass
class _Planned:
    number: int
    entry: dict[str, Any]
    changed: list[str]  # the headers of the fields the row changes


class _Import:
    """One import: rows are taken one by one into plans per file, then every file's text is made, and all
    are written at once."""

    def __init__(self, repo: Repository, kind: str, into: str | None, lang: str, clear_empty: bool) -> None:
        self.repo = repo
        self.kind = kind
        self.into = into
        self.lang = lang
        self.clear_empty = clear_empty
        self.report = ImportReport()
        self.changes: dict[str, dict[int, _Planned]] = {}  # file → entry index → the row's entry
        self.appended: dict[str, list[_Planned]] = {}
        self.where: dict[str, list[tuple[str, int]]] = {}
        for rel, loaded in repo.files.items():
            for index, entry in enumerate(loaded.entries() if loaded.kind else []):
                if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                    self.where.setdefault(entry["id"], []).append((rel, index))

    def fail(self, row: Row, reason: str) -> None:
        self.report.problems.append(RowProblem(row.number, row.id, reason))

    def note(self, row: Row, reason: str) -> None:
        self.report.notes.append(RowProblem(row.number, row.id, reason))

    def _old(self, row: Row, places: list[tuple[str, int]]) -> dict[str, Any] | str | None:
        """The entry the row updates (None: a new entry), or why the row cannot be taken."""
        lang = self.lang
        if len(places) > 1:
            return message("duplicate_id", lang, id=row.id, files=", ".join(r for r, _ in places))
        if not places:
            return None
        rel, index = places[0]
        loaded = self.repo.files[rel]
        found = loaded.entries()[index]
        if loaded.kind != self.kind:
            return message("other_kind", lang, id=row.id, kind=loaded.kind, file=rel)
        if not isinstance(found, dict):
            return message("not_a_mapping", lang, file=rel)
        return found

    def take(self, row: Row, rows_of_id: list[int]) -> None:
        lang = self.lang
        if row.id is None:
            return self.fail(row, row.problem or message("no_id", lang))
        others = [n for n in rows_of_id if n != row.number]
        if others:
            return self.fail(row, message("duplicate_row", lang, id=row.id, other=", ".join(map(str, others))))
        if row.problem:
            return self.fail(row, row.problem)
        if row.damaged_digest:
            return self.fail(row, message("damaged_digest", lang))
        places = self.where.get(row.id, [])
        old = self._old(row, places)
        if isinstance(old, str):
            return self.fail(row, old)
        exported = row.exported
        if exported is not None and exported.value(("id",)) != value_hash(row.id):
            exported = None  # a row copied to make a new entry: its digest is the other entry's
        if exported is not None and old is None:
            return self.fail(row, message("gone_since_export", lang, id=row.id))
        values, conflicts = self.merge(row, old, exported)
        if conflicts:
            return self.fail(row, "; ".join(conflicts))
        new: dict[str, Any] = copy.deepcopy(old) if old is not None else {}
        try:
            apply_row(new, values, self.kind, lang)
        except CellError as exc:
            return self.fail(row, str(exc))
        if old is not None and yaml_edit.same(old, new):
            self.report.unchanged += 1  # nothing to take, even where the entry has a finding of its own
            return None
        problems = validate_entry(self.kind, new, lang)
        if problems:
            return self.fail(row, "; ".join(problems))
        self.report.notes += [RowProblem(row.number, row.id, note) for note in row.notes]
        changed = _changed_fields(old, new, self.kind, row) if old is not None else []
        planned = _Planned(row.number, new, changed)
        if places:
            self.changes.setdefault(places[0][0], {})[places[0][1]] = planned
        else:
            self.appended.setdefault(self.target(new), []).append(planned)
        return None

    def merge(self, row: Row, old: dict[str, Any] | None, exported: Any) -> tuple[list[tuple[Column, Any]], list[str]]:
        """The values of the row to write, and the conflicts with changes made in the ledger since the
        export. An empty cell over a value keeps it (and says so) unless clear_empty."""
        lang = self.lang
        now = flatten(old, self.kind) if old is not None else {}
        values: list[tuple[Column, Any]] = []
        conflicts: list[str] = []
        for column, value, shown in row.values:
            current = now.get(column.path, ABSENT)
            if exported is not None:
                verdict = three_way(exported, column.path, value, current)
                if verdict == "keep":
                    continue
                if verdict == "conflict":
                    conflicts.append(message("conflict_since_export", lang, column=shown, now=_show(current)))
                    continue
            if value is ABSENT and current is not ABSENT:
                if not self.clear_empty:
                    self.note(row, message("empty_kept", lang, column=shown, value=_show(current)))
                    continue
                self.note(row, message("empty_cleared", lang, column=shown, value=_show(current)))
            values.append((column, value))
        return values, conflicts

    def target(self, entry: dict[str, Any]) -> str:
        """Where a new entry goes: --into; else the file of the kind with most entries of the same department;
        else the first file of the kind; else ``<folder>/imported.yaml``."""
        if self.into is not None:
            return self.into
        mine = [rel for rel, loaded in self.repo.files.items() if loaded.kind == self.kind]
        if not mine:
            return f"{self.repo.folders[self.kind].rstrip('/')}/imported.yaml"
        department = entry.get("department")

        def same_department(rel: str) -> int:
            entries = self.repo.files[rel].entries()
            return sum(1 for e in entries if isinstance(e, dict) and department and e.get("department") == department)

        return max(mine, key=lambda rel: (same_department(rel), -mine.index(rel)))

    def plan(self) -> dict[str, str]:
        """Every file's new text (only files with something taken), the rows that cannot be written
        reported; a file over limits.max_file_size stops the import before anything is written."""
        texts: dict[str, str] = {}
        for rel in sorted({*self.changes, *self.appended}):
            text = self.plan_file(rel, self.changes.get(rel, {}), self.appended.get(rel, []))
            if text is not None:
                texts[rel] = text
        limit = self.repo.limits.ledger_size
        for rel, text in texts.items():
            size = len(self._bytes(rel, text))
            if size > limit:
                raise PmarklintError(message("ledger_too_large", self.lang, file=rel, size=size, limit=limit))
        self.report.problems.sort(key=lambda p: p.row)
        taken = {p.row for p in self.report.problems}
        self.report.notes = [n for n in self.report.notes if n.row not in taken]  # a row not written keeps no note
        self.report.notes.sort(key=lambda p: p.row)
        return texts

    def _bytes(self, rel: str, text: str) -> bytes:
        loaded = self.repo.files.get(rel)
        bom = loaded is not None and loaded.document is not None and loaded.bom
        return (("\ufeff" if bom else "") + text).encode("utf-8")

    def plan_file(self, rel: str, changes: dict[int, _Planned], appended: list[_Planned]) -> str | None:
        loaded = self.repo.files.get(rel)
        new_entries = [planned.entry for planned in appended]
        dates = date_fields(self.kind)
        failed: dict[int, str] = {}
        failed_appended: list[int] = []
        if loaded is None or loaded.text is None or loaded.document is None:
            schema = _schema_comment(self.repo, self.kind, rel)
            text = yaml_edit.new_file(self.kind, new_entries, dates=dates, schema=schema)
            if not _reads_back(text, rel, new_entries):
                failed_appended = list(range(len(appended)))
        else:
            try:
                text, failed, failed_appended = yaml_edit.update(
                    loaded.text,
                    loaded.document,
                    {index: planned.entry for index, planned in changes.items()},
                    new_entries,
                    order=lambda path: field_order(self.kind).get(path, []),
                    dates=dates,
                    rel=rel,
                )
            except yaml_edit.EditError as exc:
                reason = message("into_layout", self.lang, file=rel, reason=exc)
                for planned in [*changes.values(), *appended]:
                    self.report.problems.append(RowProblem(planned.number, planned.entry.get("id"), reason))
                return None
        self.record(rel, changes, appended, failed, failed_appended)
        if len(failed) == len(changes) and len(failed_appended) == len(appended):
            return None
        if loaded is None:
            self.report.created.append(rel)
        self.report.written.append(rel)
        return text

    def record(
        self,
        rel: str,
        changes: dict[int, _Planned],
        appended: list[_Planned],
        failed: dict[int, str],
        failed_appended: list[int],
    ) -> None:
        report = self.report
        unwritable = message("unwritable", self.lang, file=rel)
        for index, planned in changes.items():
            entry_id = planned.entry.get("id")
            if index in failed:
                report.problems.append(RowProblem(planned.number, entry_id, unwritable))
                continue
            report.updated.append(str(entry_id))
            report.fields.update(planned.changed)
            if planned.entry.get("approvals"):
                report.stale.append(str(entry_id))
        for position, planned in enumerate(appended):
            if position in failed_appended:
                report.problems.append(RowProblem(planned.number, planned.entry.get("id"), unwritable))
            else:
                report.added.append(str(planned.entry.get("id")))


def _show(value: Any) -> str:
    from pmarklint.documents.schema import show

    return show(value)


def _changed_fields(old: dict[str, Any], new: dict[str, Any], kind: str, row: Row) -> list[str]:
    """The headers of the fields an update changes (for the summary, field by field)."""
    before, after = flatten(old, kind), flatten(new, kind)
    shown = {column.path: shown.split(" ", 1)[-1].strip("'") for column, _, shown in row.values}
    paths: set[Rel] = {p for p in {*before, *after} if not yaml_edit.same(before.get(p), after.get(p))}
    return sorted(shown.get(path, ".".join(path)) for path in paths)


def import_table(
    repo: Repository,
    path: Path,
    kind: str,
    *,
    into: Path | None = None,
    maps: Sequence[str] = (),
    sheet: str | None = None,
    encoding: str = "utf-8-sig",
    header_row: int | None = None,
    lang: str = "en",
    dry_run: bool = False,
    clear_empty: bool = False,
) -> ImportReport:
    """Read a table into the repository: existing ids are updated in place in their files, new ids are
    added. Rows that cannot be taken are reported and leave the files as they were. ``header_row`` None:
    the header is looked for in the first rows."""
    blocked = [message("unreadable_repo", lang, file=f.rel, reason=f.reason) for f in repo.files.values() if f.reason]
    if blocked:
        raise PmarklintError("\n".join(blocked))
    target = _into(repo, kind, into, lang) if into is not None else None
    grid = read_grid(path, sheet=sheet, encoding=encoding, lang=lang, limits=repo.limits)
    parsed = parse_maps(maps, kind, lang)
    table = find_table(grid, kind, parsed, header_row, lang)
    column_of = map_headers(table, kind, parsed, lang)
    job = _Import(repo, kind, target, lang, clear_empty)
    read = read_rows(table, column_of, digest_column(table), set(job.where), lang, repo.vocabulary())
    rows_of_id: dict[str, list[int]] = {}
    for row in read.rows:
        if row.id is not None:
            rows_of_id.setdefault(row.id, []).append(row.number)
    report = job.report
    report.sheet, report.sheets, report.header_rows = table.sheet, table.sheets, table.header_rows
    report.totals, report.templates = read.totals, read.templates
    for row in read.rows:
        job.take(row, rows_of_id.get(row.id or "", []))
    texts = job.plan()
    if not dry_run and texts:
        from pmarklint.documents.atomic import write_all

        files = [(repo.root / rel, job._bytes(rel, text)) for rel, text in texts.items()]
        write_all(files, lang, create_folder=True)
    return report


def _into(repo: Repository, kind: str, into: Path, lang: str) -> str:
    """--into relative to the root: a file of the kind, or a new .yaml file inside a PMS folder."""
    folders = sorted(set(repo.folders.values()))
    shown = ", ".join(folders)
    try:
        rel = into.resolve().relative_to(repo.root.resolve()).as_posix()
    except ValueError:
        raise PmarklintError(message("into_outside", lang, file=into, folders=shown)) from None
    if rel in repo.files:
        if repo.files[rel].kind != kind:
            raise PmarklintError(message("into_kind", lang, file=rel, kind=kind))
        return rel
    inside = any(rel.startswith(folder.rstrip("/") + "/") for folder in folders)
    if not inside or not rel.endswith((".yaml", ".yml")) or (repo.root / rel).exists():
        raise PmarklintError(message("into_outside", lang, file=rel, folders=shown))
    return rel


def _schema_comment(repo: Repository, kind: str, rel: str) -> str | None:
    """The editor's schema line of another file of the kind in the same folder, for a new file."""
    folder = rel.rpartition("/")[0]
    for other, loaded in repo.files.items():
        if loaded.kind == kind and other.rpartition("/")[0] == folder and loaded.text:
            first = loaded.text.split("\n", 1)[0]
            if first.startswith("# yaml-language-server: $schema="):
                return first.removeprefix("# yaml-language-server: $schema=")
    return None


def _reads_back(text: str, rel: str, entries: list[dict[str, Any]]) -> bool:
    from pmarklint.documents.loader import parse

    document = parse(text, rel).document
    got = document.data.get("entries") if document is not None and isinstance(document.data, dict) else None
    return isinstance(got, list) and yaml_edit.same(got, entries)
