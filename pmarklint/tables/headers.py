"""Headers: where the header of a table being imported is (a title row above it, a header of two rows) and
which column each header stands for, with ``--map`` overrides by header or by column letter."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from pmarklint.errors import PmarklintError
from pmarklint.tables import message
from pmarklint.tables.cells import norm, text_of
from pmarklint.tables.columns import Column, Rel, columns, extra_column
from pmarklint.tables.files import Grid, Table, column_index, letter
from pmarklint.tables.labels import REFERENCES, twin_header

_FIELD_PATH = re.compile(r"(?:[a-z][a-z0-9_]*|x[-_][A-Za-z0-9_-]*)(?:\.[a-z][a-z0-9_]*)*")
# The column export writes for the digests of the entries as exported (see pmarklint.tables.merge).
DIGEST_HEADER = "pmarklint:digest"
# Headers of a column of running numbers (No., 番号): skipped, as long as it holds only numbers.
_NUMBERING = frozenset(norm(h) for h in ("No", "No.", "NO.", "№", "#", "番号", "連番", "項番", "通し番号", "行番号"))
# How far down the header is looked for when --header-row is not given.
_SEARCH_ROWS = 30


def header_lookup(kind: str) -> dict[str, Column]:
    out: dict[str, Column] = {}
    for column in columns(kind):
        for header in (column.ja, column.en, column.name):
            out.setdefault(norm(header), column)
    for column in columns(kind):  # the hidden columns of ids next to names (pmarklint.tables.labels)
        if column.name in REFERENCES:
            twin = replace(column, twin=True)
            for lang, header in (("ja", column.ja), ("en", column.en), ("en", column.name)):
                out.setdefault(norm(twin_header(header, lang)), twin)
    return out


@dataclass
class Maps:
    """``--map`` settings: by header (normalised) and, for a key that is a column letter, by letter."""

    by_header: dict[str, Column | None] = field(default_factory=dict)
    by_letter: dict[str, Column | None] = field(default_factory=dict)  # the letter as typed → the column


def parse_maps(values: Sequence[str], kind: str, lang: str) -> Maps:
    """``--map 'HEADER=FIELD'`` (FIELD: a field name, or one of our headers; empty: skip the column).
    HEADER may be a column letter (``B=id``), and one value may hold several pairs separated by commas
    (``"B=id,C=name"``) when each of them has its ``=``."""
    lookup = header_lookup(kind)
    out = Maps()
    pairs: list[str] = []
    for value in values:
        parts = value.split(",")
        pairs += parts if len(parts) > 1 and all("=" in part for part in parts) else [value]
    for value in pairs:
        header, sign, target = value.rpartition("=")
        if not sign or not header.strip():
            raise PmarklintError(message("bad_map", lang, value=value, reason=message("map_syntax", lang)))
        target = target.strip()
        column: Column | None = None
        if target:
            if target == "approvals" or target.startswith("approvals."):
                raise PmarklintError(message("bad_map", lang, value=value, reason=message("map_approvals", lang)))
            column = lookup.get(norm(target))
            if column is None and target.startswith(("x-", "x_")) and _FIELD_PATH.fullmatch(target):
                column = extra_column(tuple(target.split(".")))
            if column is None:
                reason = message("map_field", lang, field=target, kind=kind)
                raise PmarklintError(message("bad_map", lang, value=value, reason=reason))
        out.by_header[norm(header)] = column
        if column_index(header.strip()) is not None:
            out.by_letter[header.strip()] = column
    return out


def _is_field_path(header: str, kind: str) -> bool:
    """A header that names a field by its key: an ``x-`` field, or a field (or part) of the kind's schema
    that has no column of its own (``acquisition`` when its value is not an object). An office's ``memo``
    is no such thing: it must be mapped."""
    if not _FIELD_PATH.fullmatch(header):
        return False
    first = header.split(".")[0]
    return first.startswith(("x-", "x_")) or (first != "approvals" and first in {c.path[0] for c in columns(kind)})


class _Resolver:
    """What a header stands for: a column, None for a column to skip, or "" when it is not understood."""

    def __init__(self, kind: str, maps: Maps) -> None:
        self.kind = kind
        self.maps = maps
        self.lookup = header_lookup(kind)

    def __call__(self, header: str) -> Column | str | None:
        key = norm(header)
        if key in self.maps.by_header:
            return self.maps.by_header[key]
        if key in self.lookup:
            return self.lookup[key]
        if key == DIGEST_HEADER:
            return None
        if _is_field_path(header, self.kind):
            return extra_column(tuple(header.split(".")))  # a field the table names by its key
        return ""

    def understood(self, header: str | None) -> bool:
        return header is not None and (self(header) != "" or norm(header) in _NUMBERING)


def _text(cells: list[object], index: int) -> str:
    return text_of(cells[index]).strip() if index < len(cells) else ""


def _headers(rows: list[list[object]], resolve: _Resolver) -> list[str | None]:
    """The header of each column from one header row, or two (a group above its parts: 取得 over 方法 and
    通知 reads as 取得方法 and 取得通知 if either is a header, else as the part's own header)."""
    width = max(len(cells) for cells in rows)
    out: list[str | None] = []
    for index in range(width):
        top = _text(rows[0], index)
        bottom = _text(rows[1], index) if len(rows) > 1 else ""
        if not bottom or bottom == top:
            candidates = [top]
        elif not top:
            candidates = [bottom]
        else:
            candidates = [f"{top}: {bottom}", f"{top}{bottom}", bottom]
        chosen = next((c for c in candidates if resolve.understood(c)), candidates[0])
        out.append(chosen or None)
    return out


def _score(headers: list[str | None], resolve: _Resolver) -> int:
    return sum(1 for header in headers if resolve.understood(header))


def find_table(grid: Grid, kind: str, maps: Maps, header_row: int | None, lang: str) -> Table:
    """The header and the body of the table: at ``header_row`` (and the row below it when the two read
    better as one header), else the row (or two rows) within the first rows that the most headers are
    understood of."""
    rows = {number: cells for number, cells in grid.rows}
    resolve = _Resolver(kind, maps)
    if header_row is not None:
        if header_row not in rows:
            raise PmarklintError(message("no_header", lang, row=header_row))
        starts = [header_row]
    else:
        starts = [n for n, cells in grid.rows[:_SEARCH_ROWS] if any(text_of(c).strip() for c in cells)]
    best: tuple[int, tuple[int, ...], list[str | None]] | None = None
    for start in starts:
        for span in (1, 2):
            numbers = tuple(range(start, start + span))
            if any(n not in rows or not rows[n] for n in numbers):
                continue
            headers = _headers([rows[n] for n in numbers], resolve)
            score = _score(headers, resolve) - (span - 1)  # a second row must add something to count
            if best is None or score > best[0]:
                best = (score, numbers, headers)
    if best is None:
        raise PmarklintError(message("no_header", lang, row=header_row or 1))
    _, numbers, headers = best
    body = [(n, cells) for n, cells in grid.rows if n > numbers[-1] and any(text_of(c).strip() for c in cells)]
    return Table(headers, body, grid.sheet, grid.sheets, numbers)


def digest_column(table: Table) -> int | None:
    return next((i for i, h in enumerate(table.headers) if h is not None and norm(h) == DIGEST_HEADER), None)


def _numbering_only(table: Table, index: int) -> bool:
    """A column of running numbers (1, 2, 3 or empty): nothing of it is data."""
    for _, cells in table.rows:
        text = _text(cells, index)
        if text and not re.fullmatch(r"[0-9]+(?:\.0+)?", text):
            return False
    return True


def map_headers(table: Table, kind: str, maps: Maps, lang: str) -> list[Column | None]:
    """The column each header of the table stands for (None: skipped). Every header must be understood:
    a column nobody maps would be data dropped without a word."""
    resolve = _Resolver(kind, maps)
    headers = {norm(h) for h in table.headers if h}
    letters = {column_index(name): column for name, column in maps.by_letter.items() if norm(name) not in headers}
    out: list[Column | None] = []
    unknown: list[str] = []
    width = max(
        [len(table.headers), *(len(cells) for _, cells in table.rows), *(i + 1 for i in letters if i is not None)]
    )
    for index in range(width):
        header = table.headers[index] if index < len(table.headers) else None
        if index in letters:
            out.append(letters[index])
            continue
        if header is None:
            if any(_text(cells, index) for _, cells in table.rows):
                raise PmarklintError(message("empty_header", lang, column=letter(index)))
            out.append(None)
            continue
        found = resolve(header)
        if found == "" and norm(header) in _NUMBERING and _numbering_only(table, index):
            found = None
        if isinstance(found, str):
            out.append(None)
            unknown.append(f"{letter(index)} '{header}'")
        else:
            out.append(found)
    rows = "-".join(str(n) for n in table.header_rows)
    if unknown:
        text = message("unknown_headers", lang, kind=kind, columns=", ".join(unknown))
        if not any(column is not None and column.path == ("id",) for column in out):
            text += "\n" + message("header_hint", lang, row=rows)
        raise PmarklintError(text)
    seen: dict[tuple[Rel, bool], int] = {}
    for index, column in enumerate(out):
        if column is None:
            continue
        if (column.path, column.twin) in seen:
            first = letter(seen[column.path, column.twin])
            raise PmarklintError(
                message("duplicate_column", lang, first=first, second=letter(index), field=column.name)
            )
        seen[column.path, column.twin] = index
    if (("id",), False) not in seen:
        shown = ", ".join(h for h in table.headers if h) or "-"
        raise PmarklintError(message("no_id_column", lang, headers=shown, row=rows))
    return out
