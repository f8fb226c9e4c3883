"""The audit trail in each format: JSON (the contract in docs/output-trail.md, ``format_version`` 1, schema
``schemas/trail.schema.json``), and, for people, Markdown, one self-contained HTML page and CSV (one row per
field change, UTF-8 with a BOM for Excel). The three for people are built from one document model
(:mod:`pmarklint.render`) in the reader's language, so they never disagree."""

from __future__ import annotations

import json
from typing import Any

from pmarklint.history.fields import FieldChange
from pmarklint.i18n import text
from pmarklint.render import csv_table, html, markdown
from pmarklint.trail.document import CSS, trail_document
from pmarklint.trail.json_report import trail_json
from pmarklint.trail.model import (
    Trail,
)
from pmarklint.trail.words import (
    approval_word,
    kind_word,
    show,
    signature_word,
)
from pmarklint.visible import utf8

FORMATS = ("md", "html", "json", "csv")


def render_trail(trail: Trail, fmt: str, lang: str) -> bytes:
    if fmt == "json":
        return (utf8(_json_text(trail_json(trail, lang))) + "\n").encode("utf-8")
    if fmt == "csv":
        return csv_table.to_csv(_csv_headers(lang), _csv_rows(trail, lang))
    document = trail_document(trail, lang)
    if fmt == "html":
        return utf8(html.page(document, css=CSS)).encode("utf-8")
    return utf8(markdown.render(document)).encode("utf-8")


def _json_text(document: dict[str, Any]) -> str:
    """The JSON document indented by two spaces, with each item of a top-level list on a line of its own (a
    commit, a change, an approval per line): the same data as ``json.dumps(indent=2)``, written by json's C
    encoder (a whole history's trail holds millions of values) and one record per line in a diff."""
    lines = ["{"]
    last = len(document) - 1
    for index, (key, value) in enumerate(document.items()):
        comma = "," if index < last else ""
        name = json.dumps(key, ensure_ascii=False)
        if isinstance(value, list) and value:
            rows = ",\n".join("    " + json.dumps(item, ensure_ascii=False) for item in value)
            lines.append(f"  {name}: [\n{rows}\n  ]{comma}")
        else:
            body = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  ")
            lines.append(f"  {name}: {body}{comma}")
    lines.append("}")
    return "\n".join(lines)


# -- CSV: one row per field change ------------------------------------------------------------------------------
_CSV_COLUMNS = (
    "trail.col.date",
    "trail.col.commit",
    "trail.col.author",
    "trail.col.email",
    "trail.col.signature",
    "trail.col.entry",
    "trail.col.kind",
    "trail.col.action",
    "trail.col.file",
    "trail.col.moved_from",
    "trail.col.field",
    "trail.col.old",
    "trail.col.new",
    "trail.col.approval",
)


def _csv_headers(lang: str) -> list[str]:
    return [text(k, lang) for k in _CSV_COLUMNS]


def _csv_rows(trail: Trail, lang: str) -> list[list[str]]:
    rows = []
    for change in trail.changes:
        commit = trail.commits.get(change.commit)
        head = [
            commit.author_date if commit else "",
            change.commit,
            commit.author_name if commit else "",
            commit.author_email if commit else "",
            signature_word(commit, lang),
            change.entry,
            kind_word(change.kind, lang),
            text(f"trail.action.{change.action}", lang),
            change.path,
            change.moved_from or "",
        ]
        approval = approval_word(change, lang)
        fields = change.fields or (FieldChange("", None, None),)
        for item in fields:
            old = "" if item.old is None else show(item.old)
            new = "" if item.new is None else show(item.new)
            rows.append([*head, item.field, old, new, approval])
    return rows
