"""One self-contained HTML page per report: inline CSS, no scripts, no fonts or images to fetch, so the file
can be mailed to an auditor, archived as evidence and opened years later exactly as it was. It prints on A4
(``@page``), repeats table headers on every printed page and keeps a table row on one page where it fits.

Every piece of text goes through :func:`escape`; nothing a repository holds can become markup."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from pmarklint.render.model import Block, Document, Items, Paragraph, Section, Table

# Japanese first, in the order each system ships them (macOS, Linux, Windows), then the generic family.
FONT_STACK = (
    '"Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans CJK JP", "Noto Sans JP", "Yu Gothic", '
    "YuGothic, Meiryo, system-ui, sans-serif"
)

BASE_CSS = f"""
@page {{ size: A4; margin: 14mm 12mm; }}
* {{ box-sizing: border-box; }}
html {{ font-family: {FONT_STACK}; font-size: 10.5pt; line-height: 1.5; color: #1a1a1a; background: #fff; }}
body {{ margin: 0 auto; max-width: 1200px; padding: 1.5rem; }}
h1 {{ font-size: 1.6rem; margin: 0 0 .4rem; }}
h2 {{ font-size: 1.2rem; margin: 1.6rem 0 .6rem; border-bottom: 2px solid #3b5b8c; padding-bottom: .15rem; }}
p {{ margin: .3rem 0; }}
header p {{ color: #444; }}
nav.toc {{ border: 1px solid #c8d0dc; background: #f5f7fa; padding: .5rem 1rem; margin: 1rem 0; }}
nav.toc h2 {{ border: 0; margin: .2rem 0; font-size: 1rem; }}
nav.toc ol {{ margin: .2rem 0; padding-left: 1.4rem; }}
a {{ color: #1f4e8c; }}
table {{ border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .9rem; }}
th, td {{ border: 1px solid #9aa5b5; padding: .25rem .4rem; vertical-align: top; text-align: left;
  overflow-wrap: anywhere; }}
th {{ background: #e3e9f2; font-weight: bold; }}
tbody tr:nth-child(even) td {{ background: #fafbfc; }}
td.nowrap, th.nowrap {{ white-space: nowrap; overflow-wrap: normal; }}
td.number {{ text-align: right; font-variant-numeric: tabular-nums; }}
footer {{ margin-top: 2rem; color: #666; font-size: .85rem; }}
@media print {{
  html {{ font-size: 8.5pt; }}
  body {{ max-width: none; padding: 0; }}
  * {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
  a {{ color: inherit; text-decoration: none; }}
  thead {{ display: table-header-group; }}
  tr, td, th {{ break-inside: avoid; }}
  h2 {{ break-after: avoid; }}
}}
"""

_NEWLINE = re.compile(r"\r\n|\r|\n")
_CLASS = re.compile(r"[^A-Za-z0-9_-]+")


def escape(text: str) -> str:
    """Text as HTML that shows it as written (``<``, ``>``, ``&``, both quotes)."""
    return html.escape(text, quote=True)


def escape_lines(text: str) -> str:
    """Like :func:`escape`, with each newline a ``<br>``."""
    return "<br>".join(escape(line) for line in _NEWLINE.split(text.strip()))


def css_class(name: str) -> str:
    """A string made safe to use as a class name (anything else becomes ``-``)."""
    return _CLASS.sub("-", name).strip("-")


def _class_attr(name: str) -> str:
    safe = " ".join(css_class(n) for n in name.split() if css_class(n))
    return f' class="{safe}"' if safe else ""


def table(item: Table) -> str:
    columns = item.column_classes
    width = len(item.headers)

    def column(i: int) -> str:
        return _class_attr(columns[i]) if i < len(columns) else ""

    head = "".join(f'<th scope="col"{column(i)}>{escape_lines(h)}</th>' for i, h in enumerate(item.headers))
    body = []
    for n, row in enumerate(item.rows):
        cells = [*row, *[""] * (width - len(row))]
        tds = "".join(f"<td{column(i)}>{escape_lines(c)}</td>" for i, c in enumerate(cells))
        row_class = _class_attr(item.row_classes[n]) if n < len(item.row_classes) else ""
        body.append(f"<tr{row_class}>{tds}</tr>")
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>\n"


def block(item: Block) -> str:
    if isinstance(item, Table):
        return table(item)
    if isinstance(item, Items):
        return "<ul>\n" + "".join(f"<li>{escape_lines(text)}</li>\n" for text in item.items) + "</ul>\n"
    return f"<p>{escape_lines(item.text)}</p>\n"


def anchors(sections: Sequence[Section]) -> list[str]:
    """The id of each section: its own anchor (made safe), else ``section-N``; never two alike."""
    seen: set[str] = set()
    out = []
    for number, section in enumerate(sections, start=1):
        anchor = css_class(section.anchor) or f"section-{number}"
        while anchor in seen:
            anchor += "-" + str(number)
        seen.add(anchor)
        out.append(anchor)
    return out


def page(document: Document, *, css: str = "") -> str:
    """The whole page: title, the intro, a table of contents linking to each section, the sections, the
    footer. ``css`` is added after the base style (a report's own colours)."""
    ids = anchors(document.sections)
    toc = "".join(
        f'<li><a href="#{anchor}">{escape(section.title)}</a></li>\n'
        for anchor, section in zip(ids, document.sections, strict=True)
    )
    sections = "".join(
        f'<section id="{anchor}">\n<h2>{escape(section.title)}</h2>\n'
        + "".join(block(b) for b in section.blocks)
        + "</section>\n"
        for anchor, section in zip(ids, document.sections, strict=True)
    )
    footer = f"<footer>{block(Paragraph(document.footer))}</footer>\n" if document.footer else ""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(document.lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(document.title)}</title>\n<style>{BASE_CSS}{css}</style>\n</head>\n<body>\n"
        f"<header>\n<h1>{escape(document.title)}</h1>\n" + "".join(block(b) for b in document.intro) + "</header>\n"
        f'<nav class="toc" aria-label="{escape(document.contents_title)}">\n'
        f"<h2>{escape(document.contents_title)}</h2>\n<ol>\n{toc}</ol>\n</nav>\n"
        f"<main>\n{sections}</main>\n{footer}</body>\n</html>\n"
    )
