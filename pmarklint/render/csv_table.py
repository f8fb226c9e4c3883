"""CSV for spreadsheets: UTF-8 with a byte-order mark (without it, Excel on Japanese Windows reads UTF-8 as
Shift_JIS and shows garbage), CRLF line ends, and every cell quoted as needed, so a newline inside a cell stays
in that cell.

A cell that starts like a formula (``=``, ``+``, ``-``, ``@``, their full-width forms ``＝``, ``＋``, ``－``,
``＠``, which Excel in Japanese reads as the same signs, or a tab or carriage return before one) gets
a leading ``'``, which spreadsheets read as "this is text": a title in a ledger must never run as a formula on
the auditor's computer."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from pmarklint.render.model import Table
from pmarklint.visible import utf8

BOM = b"\xef\xbb\xbf"
_FORMULA_START = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20", "\t", "\r")


def guard(text: str) -> str:
    """``text`` as a spreadsheet will show it, never as a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([guard(h) for h in headers])
    for row in rows:
        writer.writerow([guard(cell) for cell in row])
    return BOM + utf8(out.getvalue()).encode("utf-8")


def table_to_csv(item: Table) -> bytes:
    return to_csv(item.headers, item.rows)
