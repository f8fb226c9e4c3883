"""Markdown (GitHub Flavored) for reports: tables whose cells survive any text, and a whole document.

Text is escaped so that it shows as written: ``|`` would end a table cell, a newline would end the row
(it becomes ``<br>``), ``<`` could start raw HTML (it becomes ``&lt;``, so ``<script>`` or ``<img>`` is
shown, never run), a ``]`` before ``(`` or ``[`` could close a link or an image (``[x](javascript:…)``,
``![x](http://…)``: it becomes ``\\]``), and a backslash could escape what follows it. In paragraphs and list
items, ``|`` is escaped too (a line of them could start a table), and so is a mark at the start of a line
that would begin a heading, a quote, a list, a rule, a code fence or a link reference definition (``#``,
``>``, ``-``, ``1.``, ``***``, ``[x]: …``). Only those characters change: a text without them is written as
it is. A bare web address (``https://…``) stays as written; GitHub shows it as a link to that address. A control
character (ESC, 0x01, a tab) or a bidirectional control is shown as an escape (``\\x1b``), as in the text report."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from pmarklint.render.model import Block, Document, Items, Paragraph, Table
from pmarklint.visible import visible

_NEWLINE = re.compile(r"\r\n|\r|\n")
# What would act on a terminal or hide text (pmarklint.visible), but line breaks, which become <br>.
_CONTROL = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")  # only an ampersand that a renderer would read as an entity
_LINK_END = re.compile(r"\](?=[(\[])")  # the end of a link's text, before its target or reference
# What would start a block at the start of a line (``[`` a link reference definition: ``[x]: javascript:…``).
_BLOCK_MARK = re.compile(r"^(?:[#>+*=_~`\[-]|\d+(?=[.)]))")


def escape_inline(text: str, *, pipes: bool = False) -> str:
    """``text`` as Markdown that renders to itself, on one line (newlines become ``<br>``)."""
    out = text.strip().replace("\\", "\\\\")
    out = _CONTROL.sub(lambda m: visible(m.group()), out)  # ESC, 0x01, bidi controls: shown as \x1b, \x01
    out = _ENTITY.sub("&amp;", out).replace("<", "&lt;")
    out = _LINK_END.sub(r"\\]", out)
    if pipes:
        out = out.replace("|", "\\|")
    return _NEWLINE.sub("<br>", out)


def escape_cell(text: str) -> str:
    """A table cell: also escapes ``|``."""
    return escape_inline(text, pipes=True)


def _line(text: str) -> str:
    """A line of a paragraph or a list item: inline text that can start no block and no table either."""
    out = escape_inline(text, pipes=True)
    mark = _BLOCK_MARK.match(out)
    if mark is None:
        return out
    return "\\" + out if not mark.group().isdigit() else mark.group() + "\\" + out[mark.end() :]


def table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A GFM table; a short row is padded with empty cells."""
    width = len(headers)
    lines = [_row(headers), "|" + "---|" * width]
    for row in rows:
        cells = [*row, *[""] * (width - len(row))]
        lines.append(_row(cells))
    return "\n".join(lines) + "\n"


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(escape_cell(c) for c in cells) + " |"


def block(item: Block) -> str:
    if isinstance(item, Table):
        return table(item.headers, item.rows)
    if isinstance(item, Items):
        return "".join(f"- {_line(text)}\n" for text in item.items)
    return "\\\n".join(_line(line) for line in _NEWLINE.split(item.text)) + "\n"


def render(document: Document) -> str:
    """The whole document: the title as the one level-1 heading, each section a level-2 heading."""
    parts = [f"# {escape_inline(document.title)}\n"]
    parts += [block(b) for b in document.intro]
    for section in document.sections:
        parts.append(f"## {escape_inline(section.title)}\n")
        parts += [block(b) for b in section.blocks]
    if document.footer:
        parts.append("---\n\n" + block(Paragraph(document.footer)))
    return "\n".join(parts)
