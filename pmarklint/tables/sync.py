"""Between the repository and a table: ``export`` writes a kind's ledger as a table, ``import`` reads a table
back into the ledger.

Import takes each row on its own. A row whose id is already in the repository updates that entry in its own
file (only what changed; see :mod:`pmarklint.documents.edit`); a row with a new id becomes a new entry. A row is
taken only if the entry it makes passes the schema; every other row is reported with its spreadsheet row
number and the reason, and leaves the files as they were. ``approvals`` are never read from a table: an
approval is a signature on the content, so a changed entry keeps its approvals lines, which no longer match,
and the report says which entries need approving again.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pmarklint.documents import edit as yaml_edit
from pmarklint.documents.loader import Document
from pmarklint.errors import PmarklintError
from pmarklint.progress import step
from pmarklint.tables import message
from pmarklint.tables.cells import ABSENT, CellError, decode, encode, trim_note
from pmarklint.tables.columns import (
    Column,
    Rel,
    columns,
    date_fields,
    delete_path,
    field_order,
    flatten,
    set_path,
    sheet_name,
    table_columns,
)
from pmarklint.tables.files import letter, read_table, write_csv, write_xlsx
from pmarklint.tables.headers import map_headers, parse_maps

# ------------------------------------------------------------------------------------------- the repository


@dataclass
class LedgerFile:
    """A data file as read for export and import, with its text for editing in place."""

    rel: str
    kind: str | None
    text: str | None
    document: Document | None
    bom: bool = False
    reason: str = ""  # why it could not be read

    def entries(self) -> list[Any]:
        data = self.document.data if self.document is not None else None
        entries = data.get("entries") if isinstance(data, dict) else None
        return entries if isinstance(entries, list) else []


@dataclass
class Repository:
    root: Path
    folders: dict[str, str]  # kind → folder
    language: str | None
    files: dict[str, LedgerFile]


def load_repository(start: Path, lang: str) -> Repository:
    """Every data file under the PMS folders, tracked by git or not (ids must stay unique either way),
    each parsed once."""
    from pmarklint.workspace.cache import Cache
    from pmarklint.workspace.config import find_root, load_config
    from pmarklint.workspace.files import discover, find_git_dir

    root = find_root(start, lang)
    config = load_config(root, Cache(None), lang)
    workspace = discover(root, sorted(set(config.folders.values())), find_git_dir(root))
    rels = sorted({*workspace.files, *workspace.untracked})
    files = {rel: _load(root, rel, config.max_file_size, lang) for rel in rels}
    return Repository(root, config.folders, config.language, files)


def _load(root: Path, rel: str, max_size: int, lang: str) -> LedgerFile:
    from pmarklint.check.engine import classify
    from pmarklint.documents.loader import decode as decode_text
    from pmarklint.documents.loader import parse
    from pmarklint.workspace.files import link_finding

    link = link_finding(root, rel)
    if link is not None:
        return LedgerFile(rel, None, None, None, reason=link.message(lang))
    try:
        size = (root / rel).stat().st_size
        if size > max_size:
            reason = message("too_large", lang, file=rel, size=size, limit=max_size)
            return LedgerFile(rel, None, None, None, reason=reason)
        raw = (root / rel).read_bytes()
    except OSError as exc:
        return LedgerFile(rel, None, None, None, reason=str(exc.strerror or exc))
    text, problems = decode_text(raw, rel)
    if text is None:
        return LedgerFile(rel, None, None, None, reason=problems[0].message(lang) if problems else "?")
    loaded = parse(text, rel)
    if loaded.document is None:
        first = loaded.findings[0]
        return LedgerFile(rel, None, text, None, reason=f"{first.line}:{first.column}: {first.message(lang)}")
    kind, _ = classify(loaded.document, rel)
    return LedgerFile(rel, kind, text, loaded.document, bom=raw.startswith(b"\xef\xbb\xbf"))


# ------------------------------------------------------------------------------------------------- export


@dataclass
class Export:
    data: bytes
    count: int
    warnings: list[str]


def export_ledger(repo: Repository, kind: str, fmt: str, lang: str) -> Export:
    """The kind's ledger as a table: every entry of every file of that kind, in file order. A ledger file
    that cannot be read is a warning: its entries are missing from the table."""
    folder = repo.folders[kind].rstrip("/") + "/"
    warnings: list[str] = []
    flats: list[dict[Rel, Any]] = []
    for rel, loaded in repo.files.items():
        if loaded.document is None:
            if rel.startswith(folder):
                warnings.append(message("unreadable_ledger", lang, file=rel, reason=loaded.reason))
            continue
        if loaded.kind != kind:
            continue
        for index, entry in enumerate(loaded.entries(), start=1):
            if isinstance(entry, dict):
                flats.append(flatten(entry, kind))
            else:
                warnings.append(message("not_mapping", lang, file=rel, index=index))
    column_list = table_columns(kind, flats)
    rows = [[encode(c, flat[c.path], lang) if c.path in flat else None for c in column_list] for flat in flats]
    headers = [c.header(lang) for c in column_list]
    if fmt == "csv":
        data = write_csv(headers, rows)
    else:
        data = write_xlsx(sheet_name(kind, lang), column_list, headers, rows, lang)
    return Export(data, len(rows), warnings)


# ------------------------------------------------------------------------------------------------- import


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
    notes: list[RowProblem] = field(default_factory=list)  # cells of rows taken that were trimmed on the way in
    stale: list[str] = field(default_factory=list)  # changed entries whose approvals no longer match
    created: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    sheet: str | None = None
    sheets: int = 1


def validate_entry(kind: str, entry: dict[str, Any], lang: str) -> list[str]:
    """What is wrong with an entry, in the words of ``pmarklint check`` (PML101), fields named by header."""
    from pmarklint.documents.schema import entry_validator, explain_error
    from pmarklint.i18n import render

    validator = entry_validator(kind)
    if validator.is_valid(entry):
        return []
    headers = {c.name: c.header(lang) for c in columns(kind)}
    out: list[str] = []
    for error in sorted(validator.iter_errors(entry), key=lambda e: [str(p) for p in e.absolute_path]):
        for _, key, _, args in explain_error(error):
            name = args.get("field")
            if name == "":
                args["field"] = "@entry"
            elif name in headers:
                args["field"] = headers[name]
            text = render(key, lang, args)
            if text not in out:
                out.append(text)
    return out


@cache
def _groups(kind: str) -> frozenset[Rel]:
    """Paths of the objects whose fields have columns of their own (acquisition, contract.clauses)."""
    return frozenset(column.path[:depth] for column in columns(kind) for depth in range(1, len(column.path)))


def apply_row(entry: dict[str, Any], values: list[tuple[Column, Any]], kind: str, lang: str) -> None:
    """Write a row's values into an entry: a value sets its field, an empty cell removes it. A column that
    holds a whole object (one an export needed for an odd value) changes nothing when it is empty."""
    groups = _groups(kind)
    whole: set[Rel] = set()
    for column, value in sorted(values, key=lambda item: item[0].path not in groups):
        if value is ABSENT:
            if column.path not in groups:
                delete_path(entry, column.path)
            continue
        if any(column.path[:depth] in whole for depth in range(1, len(column.path))):
            raise CellError(message("conflict", lang, field=".".join(column.path[:-1])))
        if column.path in groups:
            whole.add(column.path)
        set_path(entry, column.path, value)


@dataclass
class _Row:
    number: int
    id: str | None
    values: list[tuple[Column, Any]]
    problem: str = ""
    notes: list[str] = field(default_factory=list)


def _read_rows(
    headers: list[str | None], body: list[tuple[int, list[Any]]], column_of: list[Column | None], lang: str
) -> list[_Row]:
    rows = []
    for number, cells in body:
        step("rows", number)
        row = _Row(number, None, [])
        for index, column in enumerate(column_of):
            if column is None:
                continue
            cell = cells[index] if index < len(cells) else None
            shown = f"{letter(index)} '{headers[index]}'"
            try:
                value = decode(column, cell, lang)
            except CellError as exc:
                row.problem = row.problem or message("cell", lang, column=shown, reason=str(exc))
                continue
            note = trim_note(column, cell, value, shown, lang)
            if note is not None:
                row.notes.append(note)
            if column.path == ("id",) and isinstance(value, str):
                row.id = value
            row.values.append((column, value))
        rows.append(row)
    return rows


class _Import:
    """One import: rows are taken one by one into plans per file, then each file is written once."""

    def __init__(self, repo: Repository, kind: str, into: str | None, lang: str, dry_run: bool) -> None:
        self.repo = repo
        self.kind = kind
        self.into = into
        self.lang = lang
        self.dry_run = dry_run
        self.report = ImportReport()
        self.changes: dict[str, dict[int, tuple[int, dict[str, Any]]]] = {}  # file → entry index → (row, entry)
        self.appended: dict[str, list[tuple[int, dict[str, Any]]]] = {}  # file → [(row, entry)]
        self.where: dict[str, list[tuple[str, int]]] = {}
        for rel, loaded in repo.files.items():
            for index, entry in enumerate(loaded.entries() if loaded.kind else []):
                if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                    self.where.setdefault(entry["id"], []).append((rel, index))

    def fail(self, row: _Row, reason: str) -> None:
        self.report.problems.append(RowProblem(row.number, row.id, reason))

    def take(self, row: _Row, rows_of_id: list[int]) -> None:
        lang = self.lang
        if row.id is None:
            return self.fail(row, row.problem or message("no_id", lang))
        others = [n for n in rows_of_id if n != row.number]
        if others:
            return self.fail(row, message("duplicate_row", lang, id=row.id, other=", ".join(map(str, others))))
        if row.problem:
            return self.fail(row, row.problem)
        places = self.where.get(row.id, [])
        if len(places) > 1:
            return self.fail(row, message("duplicate_id", lang, id=row.id, files=", ".join(r for r, _ in places)))
        old: dict[str, Any] | None = None
        if places:
            rel, index = places[0]
            loaded = self.repo.files[rel]
            found = loaded.entries()[index]
            if loaded.kind != self.kind:
                return self.fail(row, message("other_kind", lang, id=row.id, kind=loaded.kind, file=rel))
            if not isinstance(found, dict):
                return self.fail(row, message("not_a_mapping", lang, file=rel))
            old = found
        new: dict[str, Any] = copy.deepcopy(old) if old is not None else {}
        try:
            apply_row(new, row.values, self.kind, lang)
        except CellError as exc:
            return self.fail(row, str(exc))
        if old is not None and yaml_edit.same(old, new):
            self.report.unchanged += 1  # nothing to take, even where the entry has a finding of its own
            return None
        problems = validate_entry(self.kind, new, lang)
        if problems:
            return self.fail(row, "; ".join(problems))
        self.report.notes += [RowProblem(row.number, row.id, note) for note in row.notes]
        if places:
            self.changes.setdefault(places[0][0], {})[places[0][1]] = (row.number, new)
        else:
            self.appended.setdefault(self.target(new), []).append((row.number, new))
        return None

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

    def write(self) -> None:
        for rel in sorted({*self.changes, *self.appended}):
            self.write_file(rel, self.changes.get(rel, {}), self.appended.get(rel, []))
        self.report.problems.sort(key=lambda p: p.row)
        taken = {p.row for p in self.report.problems}
        self.report.notes = [n for n in self.report.notes if n.row not in taken]  # a row not written keeps no note

    def write_file(
        self, rel: str, changes: dict[int, tuple[int, dict[str, Any]]], appended: list[tuple[int, dict[str, Any]]]
    ) -> None:
        loaded = self.repo.files.get(rel)
        new_entries = [entry for _, entry in appended]
        dates = date_fields(self.kind)
        failed: dict[int, str] = {}
        failed_appended: list[int] = []
        if loaded is None or loaded.text is None or loaded.document is None:
            schema = _schema_comment(self.repo, self.kind, rel)
            text = yaml_edit.new_file(self.kind, new_entries, dates=dates, schema=schema)
            if not _reads_back(text, rel, new_entries):
                failed_appended = list(range(len(appended)))
            bom = False
        else:
            try:
                text, failed, failed_appended = yaml_edit.update(
                    loaded.text,
                    loaded.document,
                    {index: entry for index, (_, entry) in changes.items()},
                    new_entries,
                    order=lambda path: field_order(self.kind).get(path, []),
                    dates=dates,
                    rel=rel,
                )
            except yaml_edit.EditError as exc:
                reason = message("into_layout", self.lang, file=rel, reason=exc)
                for number, entry in [*changes.values(), *appended]:
                    self.report.problems.append(RowProblem(number, entry.get("id"), reason))
                return
            bom = loaded.bom
        self.record(rel, changes, appended, failed, failed_appended)
        if len(failed) == len(changes) and len(failed_appended) == len(appended):
            return
        if loaded is None:
            self.report.created.append(rel)
        self.report.written.append(rel)
        if not self.dry_run:
            _save(self.repo.root / rel, text, bom, self.lang)

    def record(
        self,
        rel: str,
        changes: dict[int, tuple[int, dict[str, Any]]],
        appended: list[tuple[int, dict[str, Any]]],
        failed: dict[int, str],
        failed_appended: list[int],
    ) -> None:
        report = self.report
        unwritable = message("unwritable", self.lang, file=rel)
        for index, (number, entry) in changes.items():
            if index in failed:
                report.problems.append(RowProblem(number, entry.get("id"), unwritable))
                continue
            report.updated.append(str(entry.get("id")))
            if entry.get("approvals"):
                report.stale.append(str(entry.get("id")))
        for position, (number, entry) in enumerate(appended):
            if position in failed_appended:
                report.problems.append(RowProblem(number, entry.get("id"), unwritable))
            else:
                report.added.append(str(entry.get("id")))


def import_table(
    repo: Repository,
    path: Path,
    kind: str,
    *,
    into: Path | None = None,
    maps: Sequence[str] = (),
    sheet: str | None = None,
    encoding: str = "utf-8-sig",
    header_row: int = 1,
    lang: str = "en",
    dry_run: bool = False,
) -> ImportReport:
    """Read a table into the repository: existing ids are updated in place in their files, new ids are
    added. Rows that cannot be taken are reported and leave the files as they were."""
    blocked = [message("unreadable_repo", lang, file=f.rel, reason=f.reason) for f in repo.files.values() if f.reason]
    if blocked:
        raise PmarklintError("\n".join(blocked))
    target = _into(repo, kind, into, lang) if into is not None else None
    table = read_table(path, sheet=sheet, encoding=encoding, header_row=header_row, lang=lang)
    column_of = map_headers(table, kind, parse_maps(maps, kind, lang), lang)
    rows = _read_rows(table.headers, table.rows, column_of, lang)
    rows_of_id: dict[str, list[int]] = {}
    for row in rows:
        if row.id is not None:
            rows_of_id.setdefault(row.id, []).append(row.number)
    job = _Import(repo, kind, target, lang, dry_run)
    job.report.sheet, job.report.sheets = table.sheet, table.sheets
    for row in rows:
        job.take(row, rows_of_id.get(row.id or "", []))
    job.write()
    return job.report


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


def _save(path: Path, text: str, bom: bool, lang: str) -> None:
    """Write through a temporary file and a rename, so that a ledger is never left half written."""
    from pmarklint.documents.atomic import write_atomic

    write_atomic(path, (("\ufeff" if bom else "") + text).encode("utf-8"), lang, create_folder=True)
