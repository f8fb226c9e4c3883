"""Table files: writing a table as CSV or as an Excel workbook (xlsx), and reading one back from either.
This module owns openpyxl, imported only when a workbook is read or written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from pmarklint.errors import PmarklintError
from pmarklint.tables import message
from pmarklint.tables.cells import BOOL_WORDS, Cell, text_of
from pmarklint.tables.columns import Column, sheet_name

# ----------------------------------------------------------------------------------------- writing tables


# What a spreadsheet takes for the start of a formula: the ASCII signs, and their full-width forms, which
# Excel in Japanese reads as the same signs.
FORMULA_START = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def _csv_escape(text: str) -> str:
    """A leading ``'`` keeps a spreadsheet from taking text for a formula (``=``, ``+``, ``-``, ``@`` and the
    full-width ``＝``, ``＋``, ``－``, ``＠``); a leading ``'`` of the text itself is doubled when a formula
    character follows, so reading undoes exactly what writing did."""
    if text[:1] in FORMULA_START or (text[:1] == "'" and text[1:2] in (*FORMULA_START, "'")):
        return "'" + text
    return text


def _csv_unescape(text: str) -> str:
    if text[:1] == "'" and text[1:2] in (*FORMULA_START, "'"):
        return text[1:]
    return text


def write_csv(headers: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """UTF-8 with a BOM (so that Excel reads Japanese correctly), CRLF line ends, dates as YYYY-MM-DD."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_csv_escape(h) for h in headers])
    for row in rows:
        writer.writerow([_csv_escape(text_of(cell)) for cell in row])
    return out.getvalue().encode("utf-8-sig")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def write_xlsx(
    sheet: str, column_list: Sequence[Column], headers: Sequence[str], rows: Sequence[Sequence[Cell]], lang: str
) -> bytes:
    """A workbook with one sheet: a bold, frozen header row with filters, real dates (yyyy-mm-dd), lines of
    lists wrapped, and drop-down lists for yes/no and fixed-choice columns. Columns past ``column_list``
    (the digests of the entries as exported) are hidden; the filter covers them, so a sort keeps them with
    their rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    ws.append(list(headers))
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    top, wrap = Alignment(vertical="top"), Alignment(vertical="top", wrap_text=True)
    for cell in ws[1]:
        cell.font, cell.fill, cell.alignment = bold, fill, wrap
    widths = [_width(h) for h in headers]
    for number, row in enumerate(rows, start=2):
        for index, value in enumerate(row, start=1):
            if value is None:
                continue
            cell = ws.cell(row=number, column=index, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text that starts with "=" stays text, never a formula
            if isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            cell.alignment = wrap if isinstance(value, str) and "\n" in value else top
            longest = max((_width(line) for line in text_of(value).split("\n")), default=0)
            widths[index - 1] = max(widths[index - 1], longest)
    for index, width in enumerate(widths, start=1):
        dimension = ws.column_dimensions[get_column_letter(index)]
        dimension.width = min(max(width + 2, 8), 60)
        dimension.hidden = index > len(column_list)
    last = max(len(rows) + 1, 2)
    for index, column in enumerate(column_list, start=1):
        choices = list(BOOL_WORDS["ja" if lang == "ja" else "en"]) if column.type == "boolean" else column.choices
        if column.type in ("boolean", "enum") and choices:
            letter = get_column_letter(index)
            check = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
            check.errorStyle = "warning"
            check.add(f"{letter}2:{letter}{max(last, 1000)}")
            ws.add_data_validation(check)
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{last}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# ----------------------------------------------------------------------------------------- reading tables


@dataclass(frozen=True)
class Limits:
    """How much a table being imported may hold (``limits:`` in pmarklint.yaml; docs/integrations/excel.md).
    Each is checked before or while the file is read, never after it is all in memory."""

    file_size: int = 50 * 1024 * 1024  # max_import_file_size: bytes of the CSV or xlsx file
    unpacked_size: int = 100 * 1024 * 1024  # max_import_unpacked_size: bytes of an xlsx's parts, unpacked
    rows: int = 50_000  # max_import_rows: rows of the table, the header row(s) and blank rows included
    cells: int = 500_000  # max_import_cells: cells read (each row up to its last cell; merged cells count)
    ledger_size: int = 20 * 1024 * 1024  # max_file_size: a ledger file the import writes

    SETTINGS: ClassVar[dict[str, str]] = {
        "file_size": "max_import_file_size",
        "unpacked_size": "max_import_unpacked_size",
        "rows": "max_import_rows",
        "cells": "max_import_cells",
        "ledger_size": "max_file_size",
    }

    @classmethod
    def of(cls, settings: Any) -> Limits:
        """The limits set under ``limits:`` (the schema of pmarklint.yaml has checked them), defaults for the rest."""
        given = settings if isinstance(settings, dict) else {}
        values = {
            name: given[key]
            for name, key in cls.SETTINGS.items()
            if isinstance(given.get(key), int) and not isinstance(given.get(key), bool) and given[key] > 0
        }
        return cls(**values)


@dataclass
class Grid:
    """What a file holds, row by row: each row with its spreadsheet row number (the first row is 1), empty
    rows included, merged ranges filled with their value."""

    rows: list[tuple[int, list[Cell]]]
    sheet: str | None = None
    sheets: int = 1


@dataclass
class Table:
    """A table: its headers (one per column) and its body rows with their spreadsheet row numbers."""

    headers: list[str | None]
    rows: list[tuple[int, list[Cell]]] = field(default_factory=list)
    sheet: str | None = None
    sheets: int = 1
    header_rows: tuple[int, ...] = (1,)


def letter(index: int) -> str:
    """A column's letter as a spreadsheet shows it: 0 → A, 26 → AA."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def column_index(name: str) -> int | None:
    """A column letter as a spreadsheet shows it back to its index: A → 0, AA → 26; None if it is none."""
    if not re.fullmatch(r"[A-Z]{1,3}", name):
        return None
    index = 0
    for char in name:
        index = index * 26 + ord(char) - 64
    return index - 1 if index <= 16384 else None


def _codec(encoding: str) -> str:
    """Shift_JIS as Excel writes it is Windows code page 932 (a superset with ①, ㈱ and the like)."""
    name = encoding.lower().replace("-", "_")
    return "cp932" if name in ("shift_jis", "sjis", "s_jis", "shiftjis", "ms932", "windows_31j") else encoding


def read_grid(path: Path, *, sheet: str | None, encoding: str, lang: str, limits: Limits) -> Grid:
    """The rows of a CSV or xlsx file (told apart by content, not by name), read within ``limits``."""
    try:
        size = path.stat().st_size
        if size > limits.file_size:
            raise PmarklintError(message("too_large", lang, file=path, size=size, limit=limits.file_size))
        with open(path, "rb") as fh:
            magic = fh.read(8)
    except OSError as exc:
        raise PmarklintError(message("bad_file", lang, file=path, reason=exc.strerror or exc)) from exc
    if magic.startswith(b"\xd0\xcf\x11\xe0"):
        raise PmarklintError(message("xls", lang, file=path))
    if magic.startswith(b"PK\x03\x04"):
        return _read_xlsx(path, sheet, lang, limits)
    return Grid(_read_csv(path, encoding, lang, limits))


# The most characters an Excel cell holds: a longer cell is no ledger's (and would be slow to take apart).
MAX_CELL_TEXT = 32_767


class _Counter:
    """Rows and cells read so far, against the limits: the file is refused as soon as one is passed."""

    def __init__(self, path: Path, lang: str, limits: Limits) -> None:
        self.path, self.lang, self.limits = path, lang, limits
        self.rows = self.cells = 0

    def row(self, values: Sequence[Cell]) -> None:
        self.rows += 1
        if self.rows > self.limits.rows:
            raise PmarklintError(message("too_many_rows", self.lang, file=self.path, limit=self.limits.rows))
        self.add(len(values))
        for index, value in enumerate(values):
            if isinstance(value, str) and len(value) > MAX_CELL_TEXT:
                where = f"{letter(index)}{self.rows}"
                raise PmarklintError(
                    message("cell_too_long", self.lang, file=self.path, cell=where, limit=f"{MAX_CELL_TEXT:,}")
                )

    def add(self, cells: int) -> None:
        self.cells += cells
        if self.cells > self.limits.cells:
            raise PmarklintError(message("too_many_cells", self.lang, file=self.path, limit=self.limits.cells))


def _read_csv(path: Path, encoding: str, lang: str, limits: Limits) -> list[tuple[int, list[Cell]]]:
    codec = _codec(encoding)
    counter = _Counter(path, lang, limits)
    out: list[tuple[int, list[Cell]]] = []
    try:
        with open(path, encoding=codec, newline="") as fh:
            first = fh.readline(64 * 1024)
            fh.seek(0)
            delimiter = "\t" if "\t" in first and "," not in first else ","
            for number, record in enumerate(csv.reader(fh, delimiter=delimiter), start=1):
                counter.row(record)
                if number == 1 and record:
                    record[0] = record[0].removeprefix("\ufeff")
                out.append((number, [_csv_unescape(c) for c in record]))
    except UnicodeDecodeError:
        raise PmarklintError(message("encoding", lang, file=path, encoding=encoding)) from None
    except LookupError:
        raise PmarklintError(message("bad_file", lang, file=path, reason=f"unknown encoding {encoding}")) from None
    except csv.Error as exc:
        raise PmarklintError(message("bad_file", lang, file=path, reason=exc)) from None
    except OSError as exc:
        raise PmarklintError(message("bad_file", lang, file=path, reason=exc.strerror or exc)) from exc
    return out


def _check_archive(path: Path, lang: str, limits: Limits) -> None:
    """Refuse a workbook whose parts would unpack to more than the limit, before anything is unpacked (the
    sizes the archive declares bind: Python's zip reader stops at the declared size)."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise PmarklintError(message("bad_file", lang, file=path, reason=f"{type(exc).__name__}: {exc}")) from None
    if unpacked > limits.unpacked_size:
        raise PmarklintError(message("too_unpacked", lang, file=path, size=unpacked, limit=limits.unpacked_size))


_MERGE = re.compile(
    rb"<(?:[A-Za-z0-9_]+:)?mergeCell\b[^>]*?\bref=\"([A-Z]{1,3})([0-9]{1,7})(?::([A-Z]{1,3})([0-9]{1,7}))?\""
)

_Range = tuple[int, int, int, int]  # first row, first column, last row, last column


def _merged_ranges(path: Path, part: str | None) -> Iterator[_Range]:
    """The merged ranges of a sheet (first row, first column, last row, last column; rows from 1, columns from
    0), read from its part as a stream: openpyxl's read-only mode does not read them."""
    if not part:
        return
    with zipfile.ZipFile(path) as archive, archive.open(part.lstrip("/")) as stream:
        tail = b""
        while chunk := stream.read(1 << 20):
            data = tail + chunk
            end = 0
            for match in _MERGE.finditer(data):
                end = match.end()
                first_col, first_row = column_index(match[1].decode()), int(match[2])
                last_col = column_index(match[3].decode()) if match[3] else first_col
                last_row = int(match[4]) if match[4] else first_row
                if first_col is not None and last_col is not None:
                    yield first_row, first_col, last_row, last_col
            cut = data.rfind(b"<")
            tail = data[max(end, cut) :] if cut >= 0 else b""
            tail = tail[-4096:]


def _read_xlsx(path: Path, sheet: str | None, lang: str, limits: Limits) -> Grid:
    from openpyxl import load_workbook

    _check_archive(path, lang, limits)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zip, XML and key errors for broken files
        raise PmarklintError(message("bad_file", lang, file=path, reason=f"{type(exc).__name__}: {exc}")) from None
    try:
        sheets = {ws.title: ws for ws in book.worksheets}  # worksheets only: a chart sheet holds no table
        if sheet is not None:
            if sheet not in sheets:
                raise PmarklintError(message("no_sheet", lang, file=path, sheet=sheet, sheets=", ".join(sheets)))
            ws = sheets[sheet]
        else:
            ours = {sheet_name(k, language) for k in ("inventory", "contractor", "person") for language in ("ja", "en")}
            ws = next((sheets[name] for name in sheets if name in ours), book.worksheets[0])
        ws.reset_dimensions()  # the size a file declares may be wrong: read every cell there is
        counter = _Counter(path, lang, limits)
        grid: list[tuple[int, list[Cell]]] = []
        try:
            for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
                counter.row(values)
                cells = list(values)
                while cells and cells[-1] is None:
                    cells.pop()
                grid.append((number, cells))
            merged = list(_merged_ranges(path, getattr(ws, "_worksheet_path", None)))
        except PmarklintError:
            raise
        except Exception as exc:  # a broken part shows only when it is read
            reason = f"{type(exc).__name__}: {exc}"
            raise PmarklintError(message("bad_file", lang, file=path, reason=reason)) from None
        _fill_merged(grid, merged, counter)
        return Grid(grid, ws.title, len(sheets))
    finally:
        book.close()


def _fill_merged(
    grid: list[tuple[int, list[Cell]]], merged: list[tuple[int, int, int, int]], counter: _Counter
) -> None:
    """Every cell of a merged range reads as the value of its range (its first cell): a vertical merge of
    equal values is an everyday habit of office ledgers. Only the rows and columns the table has are filled."""
    width = max((len(cells) for _, cells in grid), default=0)
    for first_row, first_col, last_row, last_col in merged:
        if first_row > len(grid) or first_col >= width:
            continue
        top = grid[first_row - 1][1]
        value = top[first_col] if first_col < len(top) else None
        if value is None:
            continue
        for number in range(first_row, min(last_row, len(grid)) + 1):
            cells = grid[number - 1][1]
            for index in range(first_col, min(last_col, width - 1) + 1):
                if index >= len(cells):
                    cells.extend([None] * (index + 1 - len(cells)))
                if cells[index] is None:
                    cells[index] = value
                    counter.add(1)
