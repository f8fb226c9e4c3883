"""A report for people as an Excel workbook: the first sheet holds the title and the lines under it (who,
which period, which commit), then one sheet per section with its paragraphs and tables one under the other;
each table has a bold, filled header row, wrapped cells and column widths that fit Japanese text. Every cell
is text (never a formula), whatever it starts with. :func:`sheets_to_xlsx` lays out sheets of tables
whose cells may be coloured, for reports that are a spreadsheet (the Fit & Gap table). openpyxl is imported
only here, when a workbook is written."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pmarklint.render.model import Document, Items, Paragraph, Section, Table

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

SHEET_LIMIT = 31  # characters in a sheet's name (Excel)
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def sheet_title(title: str, taken: set[str]) -> str:
    """A sheet name Excel accepts (no ``[]:*?/\\``, at most 31 characters), never one already taken."""
    base = _SHEET_BAD.sub(" ", title).strip().strip("'")[:SHEET_LIMIT].rstrip() or "Sheet"
    name, number = base, 2
    while name.casefold() in taken:
        suffix = f" ({number})"
        name, number = base[: SHEET_LIMIT - len(suffix)] + suffix, number + 1
    taken.add(name.casefold())
    return name


def document_to_xlsx(document: Document) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    taken: set[str] = set()
    cover = book.active
    assert cover is not None
    _cover(cover, document, sheet_title(document.title, taken))
    for section in document.sections:
        _section(book.create_sheet(sheet_title(section.title, taken)), section, document.lang)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _text_cell(ws: Worksheet, row: int, column: int, value: str) -> Cell:
    cell = ws.cell(row=row, column=column, value=value)
    cell.data_type = "s"  # text that starts with "=" stays text, never a formula
    return cell


def _cover(ws: Worksheet, document: Document, title: str) -> None:
    from openpyxl.styles import Font

    ws.title = title
    _text_cell(ws, 1, 1, document.title).font = Font(bold=True, size=14)
    row = 2
    for block in document.intro:
        for line in block.text.split("\n") if isinstance(block, Paragraph) else []:
            _text_cell(ws, row, 1, line)
            row += 1
    row += 1
    _text_cell(ws, row, 1, document.contents_title).font = Font(bold=True)
    for section in document.sections:
        row += 1
        _text_cell(ws, row, 1, section.title)
    if document.footer:
        _text_cell(ws, row + 2, 1, document.footer)
    ws.column_dimensions["A"].width = 80


def _section(ws: Worksheet, section: Section, lang: str) -> None:
    """The section's title, then each block one under the other with an empty row between them."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    wrap = Alignment(vertical="top", wrap_text=True)
    widths: dict[int, int] = {}
    bullet = "・" if lang == "ja" else "- "

    def put(row: int, column: int, value: str) -> Cell:
        cell = _text_cell(ws, row, column, value)
        cell.alignment = wrap
        longest = max((_width(line) for line in value.split("\n")), default=0)
        widths[column] = max(widths.get(column, 0), longest)
        return cell

    _text_cell(ws, 1, 1, section.title).font = Font(bold=True, size=12)
    row = 3
    for block in section.blocks:
        if isinstance(block, Table):
            for column, header in enumerate(block.headers, start=1):
                cell = put(row, column, header)
                cell.font, cell.fill = bold, fill
            for values in block.rows:
                row += 1
                for column, value in enumerate(values, start=1):
                    if value:
                        put(row, column, value)
        elif isinstance(block, Items):
            for number, item in enumerate(block.items):
                _text_cell(ws, row + number, 1, bullet + item)
            row += max(len(block.items) - 1, 0)
        else:
            _text_cell(ws, row, 1, block.text)
        row += 2
    for column, width in widths.items():
        ws.column_dimensions[get_column_letter(column)].width = min(max(width + 2, 8), 60)


@dataclass(frozen=True)
class SheetTable:
    """A table of a sheet: ``fills`` gives each body cell a background (an RGB colour such as ``"C6EFCE"``, or
    "" for none), row by row; ``heading``, when given, is a bold line above the table."""

    table: Table
    fills: tuple[tuple[str, ...], ...] = ()
    heading: str = ""


@dataclass(frozen=True)
class Sheet:
    """A sheet: its name, then lines of text and tables one under the other, an empty row between them.
    ``freeze``: the top-left cell that stays scrollable (``"B2"`` keeps the first row and column in view)."""

    title: str
    blocks: tuple[Paragraph | SheetTable, ...]
    freeze: str = ""


def sheets_to_xlsx(sheets: Sequence[Sheet]) -> bytes:
    """A workbook of the given sheets, in order. Every cell is text, wrapped, aligned to the top; headers are
    bold and filled; columns are as wide as their longest line (up to a limit)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    taken: set[str] = set()
    bold, header_fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    wrap = Alignment(vertical="top", wrap_text=True)
    for number, sheet in enumerate(sheets):
        ws = book.active if number == 0 else book.create_sheet()
        assert ws is not None
        ws.title = sheet_title(sheet.title, taken)
        widths: dict[int, int] = {}

        def put(row: int, column: int, value: str, ws: Worksheet = ws, widths: dict[int, int] = widths) -> Cell:
            cell = _text_cell(ws, row, column, value)
            cell.alignment = wrap
            longest = max((_width(line) for line in value.split("\n")), default=0)
            widths[column] = max(widths.get(column, 0), longest)
            return cell

        row, after_table = 1, False
        for block in sheet.blocks:
            if isinstance(block, Paragraph):
                _text_cell(ws, row, 1, block.text)
                row, after_table = row + 1, False
                continue
            if row > 1 and not after_table:
                row += 1  # an empty row between lines of text and a table; a table leaves one after itself
            if block.heading:
                _text_cell(ws, row, 1, block.heading).font = bold
                row += 1
            for column, header in enumerate(block.table.headers, start=1):
                cell = put(row, column, header)
                cell.font, cell.fill = bold, header_fill
            for index, values in enumerate(block.table.rows):
                row += 1
                colours = block.fills[index] if index < len(block.fills) else ()
                for column, value in enumerate(values, start=1):
                    colour = colours[column - 1] if column - 1 < len(colours) else ""
                    if value or colour:
                        cell = put(row, column, value)
                        if colour:
                            cell.fill = PatternFill("solid", fgColor=colour)
            row, after_table = row + 2, True
        if sheet.freeze:
            ws.freeze_panes = sheet.freeze
        for column, width in widths.items():
            ws.column_dimensions[get_column_letter(column)].width = min(max(width + 2, 8), 60)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
