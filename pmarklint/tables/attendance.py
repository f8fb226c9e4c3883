"""The training attendance list (受講者一覧) as a table: one row per attendance of a ``training`` record.

The columns: the training's id, its title, the day attended, the person's id, their name and department,
the score and whether they passed. A row is keyed by the training's id and the person's id. The title comes
from the training record and the name and department from the roster: they are there to read the list by,
and import never writes them back (a different value in such a cell is reported, and the training record or
the roster is where to change it). Import writes the day attended, the score and ``passed`` into the item of
the training's ``attendance`` list whose ``person`` is the row's; a person not listed yet is added at the end
of that list. A training that is not in the repository, a person who is not in the roster and a person listed
twice in one training are reported and not taken; an attendance that is not in the table is left as it is.

The day attended is the training's ``date`` unless the item has its own ``date`` (a recording watched
later): export shows the day that applies, and import writes an item's ``date`` only when the day in the
table is not the training's.

The same safety as the ledgers (:mod:`pmarklint.tables.imports`): each exported row carries the digest of the
attendance as exported, so a value changed in the YAML since is never reverted (a conflict); an empty cell
keeps its value unless ``clear_empty``; merged cells, sizes and rows are read and capped as for any table; the
files are written all or nothing, changing only the lines of what changed.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pmarklint.documents import edit as yaml_edit
from pmarklint.errors import PmarklintError
from pmarklint.tables import message
from pmarklint.tables.cells import ABSENT, Cell, CellError, decode, encode, norm, text_of
from pmarklint.tables.columns import Column, Rel, date_fields, field_order
from pmarklint.tables.files import letter, read_grid, write_csv, write_xlsx
from pmarklint.tables.headers import DIGEST_HEADER
from pmarklint.tables.imports import ImportReport, RowProblem
from pmarklint.tables.merge import Exported, digest_cell, read_digest, three_way, value_hash
from pmarklint.tables.rows import validate_entry
from pmarklint.tables.sync import Export, Repository

KIND = "attendance"
TRAINING = "training"
COLUMNS = (
    Column(("training",), "code", "研修ID", "Training ID"),
    Column(("title",), "text", "研修名", "Training title"),
    Column(("date",), "date", "受講日", "Attended on"),
    Column(("person",), "code", "受講者ID", "Person ID"),
    Column(("name",), "text", "氏名", "Name"),
    Column(("department",), "code", "所属部門", "Department"),
    Column(("score",), "integer", "点数", "Score"),
    Column(("passed",), "boolean", "合格", "Passed"),
)
EDITABLE = ("date", "score", "passed")  # written into the attendance item
CONTEXT = ("title", "name", "department")  # read from the training and the roster, never written
_BY_NAME = {c.path[0]: c for c in COLUMNS}
_ALIASES = {"training_id": "training", "person_id": "person", "研修": "training", "受講者": "person"}


def sheet_name(lang: str) -> str:
    return "受講者一覧" if lang == "ja" else "Attendance"


# ------------------------------------------------------------------------------------------------ reading


@dataclass
class _Record:
    """A training record: where it is and its entry."""

    rel: str
    index: int
    entry: dict[str, Any]


def _trainings(repo: Repository) -> dict[str, list[_Record]]:
    out: dict[str, list[_Record]] = {}
    for rel, loaded in repo.files.items():
        if loaded.kind != TRAINING:
            continue
        for index, entry in enumerate(loaded.entries()):
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                out.setdefault(entry["id"], []).append(_Record(rel, index, entry))
    return out


def _roster(repo: Repository) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for loaded in repo.files.values():
        if loaded.kind == "person":
            for entry in loaded.entries():
                if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                    out.setdefault(entry["id"], entry)
    return out


def _attended(training: dict[str, Any], item: dict[str, Any]) -> Any:
    """The day an attendance counts for: its own ``date``, else the training's."""
    return item.get("date", training.get("date", ABSENT))


def _values(training: dict[str, Any], item: dict[str, Any]) -> dict[Rel, Any]:
    """The values of a row whose digest is kept: the key and what import may write."""
    values = {("training",): training.get("id"), ("person",): item.get("person"), ("date",): _attended(training, item)}
    for name in ("score", "passed"):
        if name in item:
            values[(name,)] = item[name]
    return {path: value for path, value in values.items() if value is not ABSENT and value is not None}


# ------------------------------------------------------------------------------------------------- export


def export_attendance(repo: Repository, fmt: str, lang: str) -> Export:
    """Every attendance of every training record, in file order, each row with its digest."""
    folder = repo.folders[TRAINING].rstrip("/") + "/"
    warnings: list[str] = []
    roster = _roster(repo)
    rows: list[list[Cell]] = []
    for rel, loaded in repo.files.items():
        if loaded.document is None:
            if rel.startswith(folder):
                warnings.append(message("unreadable_ledger", lang, file=rel, reason=loaded.reason))
            continue
        if loaded.kind != TRAINING:
            continue
        for index, training in enumerate(loaded.entries(), start=1):
            if not isinstance(training, dict):
                warnings.append(message("not_mapping", lang, file=rel, index=index))
                continue
            attendance = training.get("attendance")
            for item in attendance if isinstance(attendance, list) else []:
                if isinstance(item, dict):
                    rows.append(_row(training, item, roster.get(str(item.get("person"))), lang))
    headers = [*(c.header(lang) for c in COLUMNS), DIGEST_HEADER]
    data = write_csv(headers, rows) if fmt == "csv" else write_xlsx(sheet_name(lang), COLUMNS, headers, rows, lang)
    return Export(data, len(rows), warnings)


def _row(training: dict[str, Any], item: dict[str, Any], person: dict[str, Any] | None, lang: str) -> list[Cell]:
    shown = {
        "training": training.get("id"),
        "title": training.get("title"),
        "date": _attended(training, item),
        "person": item.get("person"),
        "name": (person or {}).get("name"),
        "department": (person or {}).get("department"),
        "score": item.get("score"),
        "passed": item.get("passed"),
    }
    cells = [
        None if shown[c.path[0]] is None or shown[c.path[0]] is ABSENT else encode(c, shown[c.path[0]], lang)
        for c in COLUMNS
    ]
    return [*cells, digest_cell(item, _values(training, item))]


# ------------------------------------------------------------------------------------------------- import


@dataclass
class _Change:
    record: _Record
    entry: dict[str, Any]  # the training entry with the rows taken so far
    rows: list[tuple[int, str]] = field(default_factory=list)  # (row number, key) of the rows taken


def _header_map(headers: list[Any], lang: str) -> dict[int, Column | None]:
    """Column position → its column (None: the digest column); an unknown header is a PmarklintError."""
    known: dict[str, str] = {}
    for column in COLUMNS:
        name = column.path[0]
        for word in (column.ja, column.en, name):
            known[norm(word)] = name
    known.update({norm(alias): name for alias, name in _ALIASES.items()})
    out: dict[int, Column | None] = {}
    unknown = []
    for index, header in enumerate(headers):
        words = text_of(header).strip() if header is not None else ""
        if not words:
            continue
        if words == DIGEST_HEADER:
            out[index] = None
        elif norm(words) in known:
            out[index] = _BY_NAME[known[norm(words)]]
        else:
            unknown.append(f"{letter(index)} '{words}'")
    if unknown:
        raise PmarklintError(message("attendance_unknown_headers", lang, columns=", ".join(unknown)))
    return out


def _find_header(rows: list[tuple[int, list[Cell]]], lang: str) -> int:
    """The position (in ``rows``) of the header row: the first of the first ten rows naming both keys."""
    for position, (_, cells) in enumerate(rows[:10]):
        words = {norm(text_of(c).strip()) for c in cells if c is not None}
        training = {norm(w) for w in ("研修ID", "Training ID", "training", "training_id")}
        person = {norm(w) for w in ("受講者ID", "Person ID", "person", "person_id")}
        if words & training and words & person:
            return position
    raise PmarklintError(message("attendance_no_header", lang))


def import_attendance(
    repo: Repository,
    path: Path,
    *,
    sheet: str | None = None,
    encoding: str = "utf-8-sig",
    lang: str = "en",
    dry_run: bool = False,
    clear_empty: bool = False,
) -> ImportReport:
    blocked = [message("unreadable_repo", lang, file=f.rel, reason=f.reason) for f in repo.files.values() if f.reason]
    if blocked:
        raise PmarklintError("\n".join(blocked))
    grid = read_grid(path, sheet=sheet, encoding=encoding, lang=lang, limits=repo.limits)
    at = _find_header(grid.rows, lang)
    columns = _header_map(grid.rows[at][1], lang)
    job = _AttendanceImport(repo, lang, clear_empty)
    job.report.sheet, job.report.sheets, job.report.header_rows = grid.sheet, grid.sheets, (grid.rows[at][0],)
    body = [(number, cells) for number, cells in grid.rows[at + 1 :] if any(text_of(c).strip() for c in cells)]
    job.read(body, columns)
    texts = job.plan()
    if not dry_run and texts:
        from pmarklint.documents.atomic import write_all

        write_all([(repo.root / rel, _bytes(repo, rel, text)) for rel, text in texts.items()], lang)
    return job.report


def _bytes(repo: Repository, rel: str, text: str) -> bytes:
    loaded = repo.files[rel]
    return (("\ufeff" if loaded.bom else "") + text).encode("utf-8")


class _AttendanceImport:
    def __init__(self, repo: Repository, lang: str, clear_empty: bool) -> None:
        self.repo = repo
        self.lang = lang
        self.clear_empty = clear_empty
        self.report = ImportReport()
        self.trainings = _trainings(repo)
        self.roster = _roster(repo)
        self.changes: dict[tuple[str, int], _Change] = {}

    def fail(self, number: int, key: str | None, reason: str) -> None:
        self.report.problems.append(RowProblem(number, key, reason))

    def read(self, body: list[tuple[int, list[Cell]]], columns: dict[int, Column | None]) -> None:
        parsed: list[tuple[int, str | None, dict[str, Any], Any, str]] = []
        seen: dict[str, list[int]] = {}
        for number, cells in body:
            values: dict[str, Any] = {}
            digest: Any = None
            problem = ""
            for index, column in columns.items():
                cell = cells[index] if index < len(cells) else None
                if column is None:
                    digest = cell
                    continue
                try:
                    values[column.path[0]] = decode(column, cell, self.lang)
                except CellError as exc:
                    problem = message("cell", self.lang, column=self._shown(index, column), reason=exc)
            training, person = values.get("training", ABSENT), values.get("person", ABSENT)
            key = f"{training}/{person}" if training is not ABSENT and person is not ABSENT else None
            if key is None:
                problem = problem or message("attendance_no_key", self.lang)
            else:
                seen.setdefault(key, []).append(number)
            parsed.append((number, key, values, digest, problem))
        self.shown = {column.path[0]: self._shown(i, column) for i, column in columns.items() if column is not None}
        for number, key, values, digest, problem in parsed:
            others = [n for n in seen.get(key or "", []) if n != number]
            if problem:
                self.fail(number, key, problem)
            elif others:
                self.fail(
                    number, key, message("attendance_duplicate_row", self.lang, other=", ".join(map(str, others)))
                )
            else:
                self.take(number, key, values, digest)

    def _shown(self, index: int, column: Column) -> str:
        return f"{letter(index)} '{column.header(self.lang)}'"

    def _locate(self, training_id: str, person_id: str) -> tuple[_Record, dict[str, Any], list[Any], int | None] | str:
        """The training record a row goes to, its entry with the rows taken so far, its attendance and the
        position of the person's item in it (None: not listed yet); or why the row cannot be taken."""
        lang = self.lang
        records = self.trainings.get(training_id, [])
        if not records:
            return message("attendance_no_training", lang, id=training_id)
        if len(records) > 1:
            return message("duplicate_id", lang, id=training_id, files=", ".join(r.rel for r in records))
        if person_id not in self.roster:
            return message("attendance_no_person", lang, person=person_id)
        record = records[0]
        change = self.changes.get((record.rel, record.index))
        entry = change.entry if change is not None else record.entry
        attendance = entry.get("attendance")
        if attendance is not None and not isinstance(attendance, list):
            return message("attendance_not_list", lang, id=training_id)
        items = list(attendance or [])
        places = [i for i, item in enumerate(items) if isinstance(item, dict) and item.get("person") == person_id]
        if len(places) > 1:
            return message("attendance_twice", lang, id=training_id, person=person_id)
        return record, entry, items, places[0] if places else None

    def _exported(self, digest: Any, training_id: str, person_id: str) -> Exported | str | None:
        if digest in (None, ""):
            return None
        exported = read_digest(digest)
        if exported is None:
            return message("damaged_digest", self.lang)
        if exported.value(("training",)) != value_hash(training_id) or exported.value(("person",)) != value_hash(
            person_id
        ):
            return None  # a row copied to add a person: read as typed by hand
        return exported

    def _merge(
        self, values: dict[str, Any], entry: dict[str, Any], old: dict[str, Any] | None, exported: Exported | None
    ) -> tuple[dict[str, Any], list[str], list[str]]:
        """The person's new item, the notes and the conflicts with changes made in the YAML since the export."""
        lang = self.lang
        now = _values(entry, old) if old is not None else {}
        new_item: dict[str, Any] = copy.deepcopy(old) if old is not None else {"person": values["person"]}
        conflicts: list[str] = []
        notes: list[str] = []
        for name in EDITABLE:
            if name not in values:
                continue
            value, current, shown = values[name], now.get((name,), ABSENT), self.shown[name]
            if exported is not None:
                verdict = three_way(exported, (name,), value, current)
                if verdict == "keep":
                    continue
                if verdict == "conflict":
                    conflicts.append(message("conflict_since_export", lang, column=shown, now=_show(current)))
                    continue
            if value is ABSENT and current is not ABSENT:
                if not self.clear_empty:
                    notes.append(message("empty_kept", lang, column=shown, value=_show(current)))
                    continue
                notes.append(message("empty_cleared", lang, column=shown, value=_show(current)))
            self._set(new_item, entry, name, value)
        return new_item, notes, conflicts

    def take(self, number: int, key: str | None, values: dict[str, Any], digest: Any) -> None:
        training_id, person_id = str(values["training"]), str(values["person"])
        found = self._locate(training_id, person_id)
        if isinstance(found, str):
            return self.fail(number, key, found)
        record, entry, items, place = found
        old = items[place] if place is not None else None
        exported = self._exported(digest, training_id, person_id)
        if isinstance(exported, str):
            return self.fail(number, key, exported)
        if exported is not None and old is None:
            return self.fail(number, key, message("attendance_gone", self.lang, id=training_id, person=person_id))
        new_item, notes, conflicts = self._merge(values, entry, old, exported)
        if conflicts:
            return self.fail(number, key, "; ".join(conflicts))
        notes += self._context_notes(values, entry, person_id)
        self.report.notes += [RowProblem(number, key, note) for note in notes]
        if old is not None and yaml_edit.same(old, new_item):
            self.report.unchanged += 1
            return None
        if place is not None:
            items[place] = new_item
        else:
            items.append(new_item)
        trial = {**copy.deepcopy(entry), "attendance": items}
        problems = validate_entry(TRAINING, trial, self.lang)
        if problems:
            self.report.notes = [n for n in self.report.notes if n.row != number]
            return self.fail(number, key, "; ".join(problems))
        change = self.changes.setdefault((record.rel, record.index), _Change(record, trial))
        change.entry = trial
        change.rows.append((number, key or ""))
        (self.report.updated if place is not None else self.report.added).append(key or "")
        return None

    def _set(self, item: dict[str, Any], training: dict[str, Any], name: str, value: Any) -> None:
        if name == "date" and value is not ABSENT and value == training.get("date"):
            value = ABSENT  # the training's own day: the item needs no date of its own
        if value is ABSENT:
            item.pop(name, None)
        else:
            item[name] = value

    def _context_notes(self, values: dict[str, Any], training: dict[str, Any], person_id: str) -> list[str]:
        """A title, name or department that differs from the record it is read from: not written, said."""
        person = self.roster.get(person_id, {})
        sources = {"title": training.get("title"), "name": person.get("name"), "department": person.get("department")}
        out = []
        for name in CONTEXT:
            value = values.get(name, ABSENT)
            if value is not ABSENT and not yaml_edit.same(value, sources[name]):
                where = "attendance_from_training" if name == "title" else "attendance_from_roster"
                out.append(message(where, self.lang, column=self.shown[name], value=_show(sources[name])))
        return out

    def plan(self) -> dict[str, str]:
        texts: dict[str, str] = {}
        by_file: dict[str, dict[int, _Change]] = {}
        for (rel, index), change in self.changes.items():
            by_file.setdefault(rel, {})[index] = change
        for rel, changes in sorted(by_file.items()):
            loaded = self.repo.files[rel]
            assert loaded.text is not None and loaded.document is not None
            try:
                text, failed, _ = yaml_edit.update(
                    loaded.text,
                    loaded.document,
                    {index: change.entry for index, change in changes.items()},
                    [],
                    order=lambda path: field_order(TRAINING).get(path, []),
                    dates=date_fields(TRAINING),
                    rel=rel,
                )
            except yaml_edit.EditError as exc:
                failed = {index: str(exc) for index in changes}
                text = loaded.text
            unwritable = message("unwritable", self.lang, file=rel)
            for index, change in changes.items():
                if index in failed:
                    for number, key in change.rows:
                        self.report.problems.append(RowProblem(number, key, unwritable))
                        for taken in (self.report.updated, self.report.added):
                            if key in taken:
                                taken.remove(key)
                elif change.record.entry.get("approvals"):
                    self.report.stale.append(str(change.record.entry.get("id")))
            if len(failed) < len(changes):
                texts[rel] = text
                self.report.written.append(rel)
        limit = self.repo.limits.ledger_size
        for rel, text in texts.items():
            size = len(_bytes(self.repo, rel, text))
            if size > limit:
                raise PmarklintError(message("ledger_too_large", self.lang, file=rel, size=size, limit=limit))
        self.report.problems.sort(key=lambda p: p.row)
        self.report.notes.sort(key=lambda p: p.row)
        return texts


def _show(value: Any) -> str:
    from pmarklint.tables.imports import _show as show

    return show(value)
