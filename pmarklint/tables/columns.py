"""The columns of each kind's table and where an entry's values fall in them.

One row per entry, one column per field the schema knows (nested objects flattened: ``acquisition.method``),
the id first, headers in Japanese or English (both are understood on import, and so are the field names; see
:mod:`pmarklint.tables.headers`). The columns come from the kind's schema; the labels here fill in where a
schema title is missing or too short to stand alone as a column.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from pmarklint.documents.schema import load_schema

Rel = tuple[str, ...]

KIND_NAMES = {
    "inventory": "inventory",
    "contractors": "contractor",
    "contractor": "contractor",
    "people": "person",
    "person": "person",
    "roster": "person",
    "attendance": "attendance",  # the training attendance list (pmarklint.tables.attendance)
}
# The file name an export is written to by default, per kind.
DEFAULT_NAMES = {"inventory": "inventory", "contractor": "contractors", "person": "people", "attendance": "attendance"}
# Where a kind's columns start, when the schema's order is not the one an office keeps its table in
# (the roster: who, where, how to reach them, how employed and since when, then the PMS roles).
LEADING: dict[str, tuple[str, ...]] = {
    "person": ("id", "name", "department", "emails", "employment", "joined", "left", "roles"),
}
COMMON = ("owner", "status", "last_reviewed", "review_every", "retired_on", "reason", "notes")

# Headers for fields whose schema title is missing or too short to stand alone as a column.
LABELS: dict[str, tuple[str, str]] = {
    "id": ("ID", "ID"),
    "acquisition.method": ("取得方法", "Acquisition method"),
    "acquisition.direct_in_writing": ("書面による直接取得", "Acquired directly in writing"),
    "acquisition.notice": ("利用目的の通知・公表", "Notice of purpose"),
    "acquisition.consent": ("本人の同意", "Consent"),
    "storage.location": ("保管場所", "Storage location"),
    "storage.medium": ("保管媒体", "Storage medium"),
    "retention.basis": ("保管期限の根拠", "Retention basis"),
    "third_party_provision.provided": ("第三者提供の有無", "Provided to third parties"),
    "third_party_provision.recipients": ("第三者提供先", "Third-party recipients"),
    "third_party_provision.basis": ("第三者提供の根拠", "Basis of third-party provision"),
    "evaluation.date": ("評価日", "Evaluation date"),
    "evaluation.result": ("評価結果", "Evaluation result"),
    "evaluation.evaluator": ("評価者", "Evaluator"),
    "contract.signed": ("契約締結日", "Contract signed"),
    "contract.expires": ("契約期限", "Contract expires"),
    "contract.document": ("契約書", "Contract document"),
}
# Column headers of a group of fields: its prefix, then each field's own title.
GROUPS: dict[str, tuple[str, str]] = {"contract.clauses": ("契約条項", "Clause")}
# Labels of the fields of list items, written before each value ("段階: 保管 / 脅威: …").
ITEM_LABELS: dict[str, tuple[str, str]] = {
    "overseas.country": ("国", "Country"),
    "overseas.recipient": ("提供先", "Recipient"),
    "overseas.basis": ("根拠", "Basis"),
    "overseas.last_checked": ("確認日", "Last checked"),
    "risks.phase": ("段階", "Phase"),
    "risks.threat": ("脅威", "Threat"),
    "risks.measure": ("対策", "Measure"),
    "risks.residual": ("残留リスク", "Residual risk"),
    "certifications.type": ("種類", "Type"),
    "certifications.number": ("番号", "Number"),
    "certifications.expires": ("有効期限", "Expires"),
}


@dataclass(frozen=True)
class ItemField:
    """A field of the items of a list of objects (risks, overseas, certifications)."""

    name: str
    type: str
    ja: str
    en: str
    choices: tuple[str, ...] = ()

    def label(self, lang: str) -> str:
        return self.ja if lang == "ja" else self.en


@dataclass(frozen=True)
class Column:
    """One column of a ledger's table. ``type`` says how its cells read and write:
    text, code (ids, country codes), enum, date, duration, integer, boolean, ids, texts, objects, any."""

    path: Rel
    type: str
    ja: str
    en: str
    choices: tuple[str, ...] = ()
    fields: tuple[ItemField, ...] = ()
    twin: bool = False  # the hidden column of the ids of a column of names (pmarklint.tables.labels)

    @property
    def name(self) -> str:
        return ".".join(self.path)

    def header(self, lang: str) -> str:
        return self.ja if lang == "ja" else self.en


def kind_of(name: str) -> str:
    """``inventory``, ``contractor`` or ``person`` from what a user types (``contractors``, ``people``, the
    folder names, work too)."""
    return KIND_NAMES[name]


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        base = _resolve(defs[ref.removeprefix("#/$defs/")], defs)
        return {**base, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _titles(title: str) -> tuple[str, str]:
    ja, _, en = title.partition(" / ")
    return ja.strip(), (en or ja).strip()


def _type(node: dict[str, Any], defs: dict[str, Any]) -> str:
    if "enum" in node:
        return "enum"
    kind = node.get("type")
    hint = node.get("x-pmarklint-hint")
    if kind == "boolean" or kind == "integer":
        return str(kind)
    if kind == "array":
        items = _resolve(node.get("items", {}), defs)
        if items.get("type") == "object":
            return "objects"
        return "ids" if items.get("x-pmarklint-hint") == "id" else "texts"
    if node.get("format") == "date":
        return "date"
    if hint == "duration":
        return "duration"
    if hint in ("id", "country"):
        return "code"
    return "text"


def _columns_of(path: Rel, node: dict[str, Any], defs: dict[str, Any], parent: tuple[str, str] | None) -> list[Column]:
    resolved = _resolve(node, defs)
    name = ".".join(path)
    title = node.get("title")
    group = GROUPS.get(".".join(path[:-1]))
    if name in LABELS:
        ja, en = LABELS[name]
    elif group and isinstance(title, str):
        own = _titles(title)
        ja, en = f"{group[0]}: {own[0]}", f"{group[1]}: {own[1]}"
    elif isinstance(title, str):
        ja, en = _titles(title)
    elif parent is not None:
        ja, en = f"{parent[0]}: {path[-1]}", f"{parent[1]}: {path[-1]}"
    else:
        ja = en = name
    if resolved.get("type") == "object" and isinstance(resolved.get("properties"), dict):
        out: list[Column] = []
        for sub, subnode in resolved["properties"].items():
            out += _columns_of((*path, sub), subnode, defs, (ja, en))
        return out
    kind = _type(resolved, defs)
    fields: tuple[ItemField, ...] = ()
    if kind == "objects":
        items = _resolve(resolved["items"], defs)
        fields = tuple(
            ItemField(
                sub,
                _type(_resolve(subnode, defs), defs),
                ITEM_LABELS.get(f"{name}.{sub}", (sub, sub))[0],
                ITEM_LABELS.get(f"{name}.{sub}", (sub, sub))[1],
                tuple(str(c) for c in _resolve(subnode, defs).get("enum", ())),
            )
            for sub, subnode in items.get("properties", {}).items()
        )
    choices = tuple(str(c) for c in resolved.get("enum", ()))
    return [Column(path, kind, ja, en, choices, fields)]


@cache
def columns(kind: str) -> tuple[Column, ...]:
    """The columns of a kind's table, in order: the id, the kind's own fields, then the fields every entry
    may carry. ``approvals`` is never a column: an approval is a signature on the content, not content."""
    schema = load_schema(kind)
    defs = schema["$defs"]
    properties = defs["entry"]["properties"]
    leading = [n for n in LEADING.get(kind, ("id",)) if n in properties]
    own = [n for n in properties if n not in (*leading, "approvals") and n not in COMMON]
    out: list[Column] = []
    for name in [*leading, *own, *[n for n in COMMON if n in properties]]:
        out += _columns_of((name,), properties[name], defs, None)
    return tuple(out)


@cache
def field_order(kind: str) -> dict[Rel, list[str]]:
    """The order of the fields of each mapping of an entry (by its path): where a new key is written."""
    order: dict[Rel, list[str]] = {}
    for column in columns(kind):
        for depth in range(len(column.path)):
            names = order.setdefault(column.path[:depth], [])
            if column.path[depth] not in names:
                names.append(column.path[depth])
        if column.fields:
            order[column.path] = [f.name for f in column.fields]
    order[("approvals",)] = ["by", "role", "date", "digest"]
    return order


@cache
def date_fields(kind: str) -> frozenset[Rel]:
    out: set[Rel] = {("approvals", "date")}
    for column in columns(kind):
        if column.type == "date":
            out.add(column.path)
        out.update((*column.path, f.name) for f in column.fields if f.type == "date")
    return frozenset(out)


def extra_column(path: Rel) -> Column:
    """A column for a value the schema has no column for (an ``x-`` field, a misspelt key): its cells are
    text, or ``json:`` for anything else, and validation on import says what is wrong with it."""
    name = ".".join(path)
    return Column(path, "any", name, name)


def sheet_name(kind: str, lang: str) -> str:
    """The kind's title in the schema (a sheet name has at most 31 characters)."""
    ja, en = _titles(str(load_schema(kind).get("title", kind)))
    return (ja if lang == "ja" else en)[:31]


# ------------------------------------------------------------------------------------------ entries and rows


def flatten(entry: dict[str, Any], kind: str) -> dict[Rel, Any]:
    """The values of an entry by column path. Objects the schema describes are spread over their fields'
    columns; anything else (including an object that is empty or not an object) is one value."""
    groups = {column.path[:depth] for column in columns(kind) for depth in range(1, len(column.path))}
    out: dict[Rel, Any] = {}

    def walk(node: dict[str, Any], prefix: Rel) -> None:
        for key, value in node.items():
            path = (*prefix, str(key))
            if path == ("approvals",):
                continue
            if path in groups and isinstance(value, dict) and value:
                walk(value, path)
            else:
                out[path] = value

    walk(entry, ())
    return out


def table_columns(kind: str, entries: Iterable[dict[Rel, Any]]) -> list[Column]:
    """The kind's columns, then a column for each value that has none (in the order they are first met)."""
    known = columns(kind)
    paths = {c.path for c in known}
    extra: dict[Rel, None] = {}
    for flat in entries:
        for path in flat:
            if path not in paths:
                extra.setdefault(path)
    return [*known, *(extra_column(path) for path in extra)]


def set_path(entry: dict[str, Any], path: Rel, value: Any) -> None:
    node = entry
    for part in path[:-1]:
        child = node.get(part)
        if not isinstance(child, dict):
            child = node[part] = {}
        node = child
    node[path[-1]] = value


def delete_path(entry: dict[str, Any], path: Rel) -> None:
    """Remove the value at ``path``; a mapping left empty by that goes too."""
    chain = [entry]
    for part in path[:-1]:
        child = chain[-1].get(part)
        if not isinstance(child, dict):
            return
        chain.append(child)
    if path[-1] not in chain[-1]:
        return
    del chain[-1][path[-1]]
    for depth in range(len(path) - 1, 0, -1):
        if chain[depth]:
            break
        del chain[depth - 1][path[depth - 1]]
