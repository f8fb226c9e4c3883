"""A report for people as an Excel workbook: the first sheet holds the title and the lines under it (who,
which period, which commit), then one sheet per section with its paragraphs and tables one under the other;
each table has a bold, filled header row, wrapped cells and column widths that fit Japanese text. Every cell
is text (never a formula), whatever it starts with. openpyxl is imported only here, when a workbook is
written."""

from __future__ import annotations

import io
import re
import unicodedata
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
