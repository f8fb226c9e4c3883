"""Rendering reports for people: one document model (:mod:`.model`) and one small module per format,
Markdown tables (:mod:`.markdown`), a self-contained HTML page that prints on A4 (:mod:`.html`) and CSV with a
BOM for Excel (:mod:`.csv_table`). Reports build a :class:`Document` once and hand it to each format, so the
formats never disagree about what a report says.

Nothing here knows about the PMS: a report decides its sections, tables and words (in the reader's
language); these modules only lay them out and escape them."""

from __future__ import annotations

from pmarklint.render.model import Block, Document, Items, Paragraph, Section, Table

__all__ = ["Block", "Document", "Items", "Paragraph", "Section", "Table"]
