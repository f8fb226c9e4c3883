"""Table files: writing a table as CSV or as an Excel workbook (xlsx), and reading one back from either.
This module owns openpyxl, imported only when a workbook is read or written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pmarklint.errors import PmarklintError
from pmarklint.tables import message
from pmarklint.tables.cells import BOOL_WORDS, Cell, text_of
from pmarklint.tables.columns import Column, sheet_name

MAX_TABLE_SIZE = 50 * 1024 * 1024


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
    lists wrapped, and drop-down lists for yes/no and fixed-choice columns."""
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
        ws.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 8), 60)
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


@dataclass
class Table:
    """What a file holds: its headers and its rows, each with its spreadsheet row number (header = row 1
    unless the header row is elsewhere)."""

    headers: list[str | None]
    rows: list[tuple[int, list[Cell]]] = field(default_factory=list)
    sheet: str | None = None
    sheets: int = 1


def letter(index: int) -> str:
    """A column's letter as a spreadsheet shows it: 0 → A, 26 → AA."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def _codec(encoding: str) -> str:
    """Shift_JIS as Excel writes it is Windows code page 932 (a superset with ①, ㈱ and the like)."""
    name = encoding.lower().replace("-", "_")
    return "cp932" if name in ("shift_jis", "sjis", "s_jis", "shiftjis", "ms932", "windows_31j") else encoding


def read_table(path: Path, *, sheet: str | None, encoding: str, header_row: int, lang: str) -> Table:
    """The table in a CSV or xlsx file (told apart by content, not by name)."""
    try:
        size = path.stat().st_size
        if size > MAX_TABLE_SIZE:
            raise PmarklintError(message("too_large", lang, file=path, size=size, limit=MAX_TABLE_SIZE))
        raw = path.read_bytes()
    except OSError as exc:
        raise PmarklintError(message("bad_file", lang, file=path, reason=exc.strerror or exc)) from exc
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise PmarklintError(message("xls", lang, file=path))
    if raw.startswith(b"PK\x03\x04"):
        grid, name, count = _read_xlsx(raw, path, sheet, lang)
    else:
        grid, name, count = _read_csv(raw, path, encoding, lang), None, 1
    rows = [(number, cells) for number, cells in grid if any(text_of(c).strip() for c in cells)]
    header = next((cells for number, cells in grid if number == header_row), None)
    if header is None:
        raise PmarklintError(message("no_header", lang, row=header_row))
    headers = [text_of(h).strip() or None for h in header]
    body = [(number, cells) for number, cells in rows if number > header_row]
    return Table(headers, body, name, count)


def _read_csv(raw: bytes, path: Path, encoding: str, lang: str) -> list[tuple[int, list[Cell]]]:
    codec = _codec(encoding)
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError:
        raise PmarklintError(message("encoding", lang, file=path, encoding=encoding)) from None
    except LookupError:
        raise PmarklintError(message("bad_file", lang, file=path, reason=f"unknown encoding {encoding}")) from None
    text = text.removeprefix("\ufeff")
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first and "," not in first else ","
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise PmarklintError(message("bad_file", lang, file=path, reason=exc)) from None
    return [(number, [_csv_unescape(c) for c in record]) for number, record in enumerate(records, start=1)]


def _read_xlsx(raw: bytes, path: Path, sheet: str | None, lang: str) -> tuple[list[tuple[int, list[Cell]]], str, int]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(raw), data_only=True)
    except Exception as exc:  # openpyxl raises zip, XML and key errors for broken files
        raise PmarklintError(message("bad_file", lang, file=path, reason=f"{type(exc).__name__}: {exc}")) from None
    sheets = {ws.title: ws for ws in book.worksheets}  # worksheets only: a chart sheet holds no table
    if sheet is not None:
        if sheet not in sheets:
            raise PmarklintError(message("no_sheet", lang, file=path, sheet=sheet, sheets=", ".join(sheets)))
        ws = sheets[sheet]
    else:
        ours = {sheet_name(k, language) for k in ("inventory", "contractor") for language in ("ja", "en")}
        ws = next((sheets[name] for name in sheets if name in ours), book.worksheets[0])
    grid = [
        (number, list(values))
        for number, values in enumerate(ws.iter_rows(min_row=1, max_row=ws.max_row, values_only=True), start=1)
    ]
    return grid, ws.title, len(sheets)
