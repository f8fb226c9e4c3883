"""The rows of a table being imported: each read into the values of its columns, the rows that are no
entries (a total row, an empty template row) told apart, and a row's values written into an entry."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from pmarklint.progress import step
from pmarklint.tables import message
from pmarklint.tables.cells import ABSENT, Cell, CellError, decode, encode, norm, text_of, trim_note
from pmarklint.tables.columns import Column, Rel, columns, delete_path, set_path
from pmarklint.tables.files import Table, letter
from pmarklint.tables.labels import Vocabulary
from pmarklint.tables.merge import Exported, read_digest

# The words of a total row (合計, 計, 小計, 総計 and the like): such a row is no entry.
_TOTALS = frozenset(
    norm(word) for word in ("合計", "計", "小計", "総計", "合計件数", "Total", "Subtotal", "Grand total")
)
_NUMBER = re.compile(r"[0-9]+(?:\.0+)?")


@dataclass
class Row:
    number: int
    id: str | None
    values: list[tuple[Column, Any, str]]  # the column, its value (ABSENT for an empty cell), how it is shown
    problem: str = ""
    notes: list[str] = field(default_factory=list)
    exported: Exported | None = None  # the entry as exported, from the digest cell
    damaged_digest: bool = False


@dataclass
class Rows:
    rows: list[Row] = field(default_factory=list)
    totals: int = 0  # total rows skipped
    templates: int = 0  # empty template rows skipped (numbered, or holding only skipped columns)


def _kind_of_row(cells: list[Cell], column_of: list[Column | None], id_value: Any) -> str:
    """``total`` for a total row, ``template`` for a row with nothing to import, else ``entry``."""
    words = {norm(text_of(c)) for c in cells if isinstance(c, str)}
    id_text = text_of(id_value).strip() if id_value is not ABSENT else ""
    if words & _TOTALS and (not id_text or norm(id_text) in _TOTALS):
        return "total"
    return "entry" if id_text and not _NUMBER.fullmatch(id_text) else "maybe"


def _shown(table: Table, index: int) -> str:
    header = table.headers[index] if index < len(table.headers) else None
    return f"{letter(index)} '{header}'" if header else letter(index)


def _twins(
    table: Table, column_of: list[Column | None], cells: list[Cell], lang: str, row: Row
) -> dict[Rel, tuple[Any, str]]:
    """The values of the hidden id columns of a row, by path (as the ids are written: no names)."""
    out: dict[Rel, tuple[Any, str]] = {}
    for index, column in enumerate(column_of):
        if column is None or not column.twin:
            continue
        cell = cells[index] if index < len(cells) else None
        try:
            out[column.path] = (decode(column, cell, lang), _shown(table, index))
        except CellError as exc:
            row.problem = row.problem or message("cell", lang, column=_shown(table, index), reason=str(exc))
    return out


def _named(column: Column, cell: Cell, twin: Any, lang: str, labels: Vocabulary | None) -> Any:
    """A cell of names: the ids of its hidden column when the names are the ones export wrote for them,
    else the names read back to ids."""
    if twin is not ABSENT and cell is not None and text_of(cell).strip():
        written = encode(column, twin, lang, labels)
        if norm(text_of(written)) == norm(text_of(cell).replace("\r\n", "\n")):
            return twin
    return decode(column, cell, lang, labels)


def read_rows(
    table: Table,
    column_of: list[Column | None],
    digest_at: int | None,
    known: set[str],
    lang: str,
    labels: Vocabulary | None = None,
) -> Rows:
    """Every body row read into its values; total rows and empty template rows counted and left out.
    ``known``: the ids in the repository (a row numbered 1, 2, 3 with nothing else is a template row unless
    an entry has that id). ``labels``: the names of departments and people, which the cells may hold in
    place of ids (a hidden column of ids next to them, as export writes it, is taken where the names are
    unchanged)."""
    out = Rows()
    named = {c.path for c in column_of if c is not None and not c.twin}
    for number, cells in table.rows:
        step("rows", number)
        row = Row(number, None, [])
        id_value: Any = ABSENT
        twins = _twins(table, column_of, cells, lang, row)
        for index, column in enumerate(column_of):
            if column is None or column.twin:
                continue
            cell = cells[index] if index < len(cells) else None
            shown = _shown(table, index)
            try:
                twin = twins.get(column.path, (ABSENT, ""))[0]
                value = _named(column, cell, twin, lang, labels)
            except CellError as exc:
                row.problem = row.problem or message("cell", lang, column=shown, reason=str(exc))
                continue
            note = trim_note(column, cell, value, shown, lang)
            if note is not None:
                row.notes.append(note)
            if column.path == ("id",):
                id_value = value
                if isinstance(value, str):
                    row.id = value
            row.values.append((column, value, shown))
        for path, (value, shown) in twins.items():  # ids without their names: the ids
            if path not in named:
                column = next(c for c in column_of if c is not None and c.path == path)
                row.values.append((replace(column, twin=False), value, shown))
        kind = _kind_of_row(cells, column_of, id_value)
        if kind == "total":
            out.totals += 1
            continue
        others = [v for c, v, _ in row.values if c.path != ("id",) and v is not ABSENT]
        if kind == "maybe" and not others and not row.problem and text_of(id_value).strip() not in known:
            out.templates += 1
            continue
        if digest_at is not None and digest_at < len(cells) and text_of(cells[digest_at]).strip():
            row.exported = read_digest(cells[digest_at])
            row.damaged_digest = row.exported is None
        out.rows.append(row)
    return out


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
def groups(kind: str) -> frozenset[Rel]:
    """Paths of the objects whose fields have columns of their own (acquisition, contract.clauses)."""
    return frozenset(column.path[:depth] for column in columns(kind) for depth in range(1, len(column.path)))


def apply_row(entry: dict[str, Any], values: list[tuple[Column, Any]], kind: str, lang: str) -> None:
    """Write a row's values into an entry: a value sets its field, ABSENT removes it (the caller passes
    ABSENT only when an empty cell is to clear its field). A column that holds a whole object (one an export
    needed for an odd value) changes nothing when it is empty."""
    kind_groups = groups(kind)
    whole: set[Rel] = set()
    for column, value in sorted(values, key=lambda item: item[0].path not in kind_groups):
        if value is ABSENT:
            if column.path not in kind_groups:
                delete_path(entry, column.path)
            continue
        if any(column.path[:depth] in whole for depth in range(1, len(column.path))):
            raise CellError(message("conflict", lang, field=".".join(column.path[:-1])))
        if column.path in kind_groups:
            whole.add(column.path)
        set_path(entry, column.path, value)
