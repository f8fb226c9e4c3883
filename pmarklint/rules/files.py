"""File family (PML0xx): can the file be read as a safe, plain YAML data file at all?

The checks themselves run inside :mod:`pmarklint.documents.loader` while it reads the event stream (PML001 to
PML004) and in :mod:`pmarklint.check.engine` (PML005, PML006); this module declares them, and checks the length
of every text value once the file is read (PML007, :func:`check_document`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from pmarklint.documents.loader import Document, dotted
from pmarklint.findings import Finding, Severity, finding
from pmarklint.rules.rule import Example, Rule, Scope

# The most characters one text value may hold (limits.max_string_length): what one Excel cell holds, so that
# every value can go to a table and back (docs/limits.md).
DEFAULT_MAX_STRING_LENGTH = 32767

_GOOD_INVENTORY = """kind: inventory
entries:
  - id: PI-001
    name: 顧客情報
    department: cs
    data_items: [氏名, 住所]
    purpose: 商品の発送
"""

RULES: tuple[Rule, ...] = (
    Rule(
        "PML001",
        "yaml-syntax",
        Severity.ERROR,
        Scope.FILE,
        "files",
        bad=Example({"inventory/a.yaml": "kind: inventory\nentries:\n  - id: PI-001\n    name: 顧客情報: 本店\n"}),
        good=Example({"inventory/a.yaml": _GOOD_INVENTORY}),
        requirement="J.4.5.5",
    ),
    Rule(
        "PML002",
        "duplicate-key",
        Severity.ERROR,
        Scope.FILE,
        "files",
        bad=Example({"inventory/a.yaml": _GOOD_INVENTORY + "    purpose: 販売促進\n"}),
        good=Example({"inventory/a.yaml": _GOOD_INVENTORY}),
        requirement="J.4.5.5",
    ),
    Rule(
        "PML003",
        "unsafe-yaml",
        Severity.ERROR,
        Scope.FILE,
        "files",
        bad=Example({"inventory/a.yaml": _GOOD_INVENTORY.replace("[氏名, 住所]", "&items [氏名, 住所]")}),
        good=Example({"inventory/a.yaml": _GOOD_INVENTORY}),
        requirement="J.4.5.5",
    ),
    Rule(
        "PML004",
        "unreadable-file",
        Severity.ERROR,
        Scope.FILE,
        "files",
        bad=Example({"inventory/a.yaml": _GOOD_INVENTORY.encode("cp932")}),
        good=Example({"inventory/a.yaml": _GOOD_INVENTORY}),
        requirement="J.4.5.5",
    ),
    Rule(
        "PML005",
        "unknown-kind",
        Severity.ERROR,
        Scope.FILE,
        "files",
        bad=Example({"inventory/a.yaml": _GOOD_INVENTORY.replace("kind: inventory", "kind: invetory")}),
        good=Example({"inventory/a.yaml": _GOOD_INVENTORY}),
        requirement="J.3.1.1",
    ),
    Rule(
        "PML006",
        "untracked-file",
        Severity.WARNING,
        Scope.REPOSITORY,
        "files",
        bad=Example({"?inventory/a.yaml": _GOOD_INVENTORY}),
        good=Example({"inventory/a.yaml": _GOOD_INVENTORY}),
        requirement="J.4.5.5",
    ),
)
RULES += (
    Rule(
        "PML007",
        "value-too-long",
        Severity.ERROR,
        Scope.FILE,
        "files",
        bad=Example(
            {
                "pmarklint.yaml": "organization: {name: 株式会社テスト}\nframework: pmark-2023\nlanguage: en\n"
                "departments:\n  - {id: cs, name: CS}\nlimits: {max_string_length: 20}\n",
                "inventory/a.yaml": _GOOD_INVENTORY.replace(
                    "商品の発送", "商品の発送。以下、個人情報保護規程の全文を貼り付けます。第1条(目的)…"
                ),
            }
        ),
        good=Example({"inventory/a.yaml": _GOOD_INVENTORY}),
        requirement="J.4.5.5",
    ),
)


def max_string_length(options: Mapping[str, Mapping[str, Any]]) -> int:
    """``limits.max_string_length`` as the file-scope checks receive it (Config.rule_options)."""
    value = (options.get("limits") or {}).get("max_string_length", DEFAULT_MAX_STRING_LENGTH)
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else DEFAULT_MAX_STRING_LENGTH


def check_document(kind: str, document: Document, rel: str, options: Mapping[str, Mapping[str, Any]]) -> list[Finding]:
    """PML007: a text value (or a key) longer than ``limits.max_string_length`` characters, at the value. One
    pass over the data; the value is never copied into the message."""
    limit = max_string_length(options)
    if document.longest is not None and document.longest <= limit:
        return []  # the reader knows that no text is that long
    entries = document.data.get("entries") if isinstance(document.data, dict) else None
    ids = [e.get("id") if isinstance(e, dict) and isinstance(e.get("id"), str) else None for e in entries or []]
    out = []
    for path, length, at_key in _long_texts(document.data, (), limit):
        entry = ids[path[1]] if len(path) > 1 and path[0] == "entries" and isinstance(path[1], int) else None
        line, column = document.position(path, key=at_key)
        where = dotted(path[2:] if entry is not None else path) or None
        key = "PML007.too_long"
        out.append(finding("PML007", rel, line, column, key, entry=entry, path=where, length=length, limit=limit))
    return out


def _long_texts(value: Any, path: tuple[Any, ...], limit: int) -> Iterator[tuple[tuple[Any, ...], int, bool]]:
    """(path, length, whether it is the key) of each string longer than ``limit``, in document order; a path is
    built only for a collection or a string that is too long."""
    if isinstance(value, str):
        if len(value) > limit:
            yield path, len(value), False
        return
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        if isinstance(key, str) and len(key) > limit:
            yield (*path, key), len(key), True
        if isinstance(item, str):
            if len(item) > limit:
                yield (*path, key), len(item), False
        elif isinstance(item, (dict, list)):
            yield from _long_texts(item, (*path, key), limit)
