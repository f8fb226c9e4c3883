"""Headers: which column each header of a table being imported stands for, and ``--map`` overrides."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pmarklint.errors import PmarklintError
from pmarklint.tables import message
from pmarklint.tables.cells import norm, text_of
from pmarklint.tables.columns import Column, Rel, columns, extra_column
from pmarklint.tables.files import Table, letter

_FIELD_PATH = re.compile(r"(?:[a-z][a-z0-9_]*|x[-_][A-Za-z0-9_-]*)(?:\.[a-z][a-z0-9_]*)*")


def header_lookup(kind: str) -> dict[str, Column]:
    out: dict[str, Column] = {}
    for column in columns(kind):
        for header in (column.ja, column.en, column.name):
            out.setdefault(norm(header), column)
    return out


def parse_maps(values: Sequence[str], kind: str, lang: str) -> dict[str, Column | None]:
    """``--map 'HEADER=FIELD'`` (FIELD: a field name, or one of our headers; empty: skip the column)."""
    lookup = header_lookup(kind)
    out: dict[str, Column | None] = {}
    for value in values:
        header, sign, target = value.rpartition("=")
        if not sign or not header.strip():
            raise PmarklintError(message("bad_map", lang, value=value, reason=message("map_syntax", lang)))
        target = target.strip()
        if not target:
            out[norm(header)] = None
            continue
        if target == "approvals" or target.startswith("approvals."):
            raise PmarklintError(message("bad_map", lang, value=value, reason=message("map_approvals", lang)))
        column = lookup.get(norm(target))
        if column is None and target.startswith(("x-", "x_")) and _FIELD_PATH.fullmatch(target):
            column = extra_column(tuple(target.split(".")))
        if column is None:
            reason = message("map_field", lang, field=target, kind=kind)
            raise PmarklintError(message("bad_map", lang, value=value, reason=reason))
        out[norm(header)] = column
    return out


def _is_field_path(header: str, kind: str) -> bool:
    """A header that names a field by its key: an ``x-`` field, or a field (or part) of the kind's schema
    that has no column of its own (``acquisition`` when its value is not an object). An office's ``memo``
    is no such thing: it must be mapped."""
    if not _FIELD_PATH.fullmatch(header):
        return False
    first = header.split(".")[0]
    return first.startswith(("x-", "x_")) or (first != "approvals" and first in {c.path[0] for c in columns(kind)})


def map_headers(table: Table, kind: str, maps: dict[str, Column | None], lang: str) -> list[Column | None]:
    """The column each header of the table stands for (None: skipped). Every header must be understood:
    a column nobody maps would be data dropped without a word."""
    lookup = header_lookup(kind)
    out: list[Column | None] = []
    unknown: list[str] = []
    for index, header in enumerate(table.headers):
        if header is None:
            if any(index < len(cells) and text_of(cells[index]).strip() for _, cells in table.rows):
                raise PmarklintError(message("empty_header", lang, column=letter(index)))
            out.append(None)
            continue
        key = norm(header)
        if key in maps:
            out.append(maps[key])
        elif key in lookup:
            out.append(lookup[key])
        elif _is_field_path(header, kind):
            out.append(extra_column(tuple(header.split("."))))  # a field the table names by its key
        else:
            out.append(None)
            unknown.append(f"{letter(index)} '{header}'")
    if unknown:
        raise PmarklintError(message("unknown_headers", lang, kind=kind, columns=", ".join(unknown)))
    seen: dict[Rel, int] = {}
    for index, column in enumerate(out):
        if column is None:
            continue
        if column.path in seen:
            first = letter(seen[column.path])
            raise PmarklintError(
                message("duplicate_column", lang, first=first, second=letter(index), field=column.name)
            )
        seen[column.path] = index
    if ("id",) not in seen:
        shown = ", ".join(h for h in table.headers if h) or "-"
        raise PmarklintError(message("no_id_column", lang, headers=shown))
    return out
