"""The document model every report format reads: a title, a few lines under it, and sections made of
paragraphs, bullet lists and tables. Text is plain text everywhere (never markup): each format escapes it.
A cell or an item may hold several lines, separated by newlines."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Items:
    """A bullet list."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    # HTML only, for looks: a class per row (for instance the row's status) and per column (widths).
    row_classes: tuple[str, ...] = ()
    column_classes: tuple[str, ...] = ()

    @classmethod
    def of(
        cls,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        row_classes: Sequence[str] = (),
        column_classes: Sequence[str] = (),
    ) -> Table:
        return cls(tuple(headers), tuple(tuple(r) for r in rows), tuple(row_classes), tuple(column_classes))


Block = Paragraph | Items | Table


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[Block, ...]
    anchor: str = ""  # the HTML id the table of contents links to; empty: numbered by position


@dataclass(frozen=True)
class Document:
    title: str
    lang: str  # "ja" or "en": the HTML lang attribute, which also picks Japanese glyphs
    sections: tuple[Section, ...]
    intro: tuple[Block, ...] = ()  # under the title: who, what, as of when
    contents_title: str = "Contents"  # heading of the table of contents, in the document's language
    footer: str = ""
