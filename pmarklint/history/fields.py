"""Which fields of an entry changed between two of its versions: nested fields by path, list items by what
identifies them (an approval by its approver and role, a clause by its name), the rest by position."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FieldChange:
    field: str  # dotted path inside the entry: retention.period, overseas[US].basis, risks[0].measure
    old: Any  # None: absent
    new: Any


ITEM_KEYS: dict[str, tuple[tuple[str, ...], ...]] = {
    "approvals": (("by", "role", "date"), ("by", "role", "date", "digest")),
    "overseas": (("country",), ("country", "recipient")),
    "certifications": (("type",), ("type", "number")),
    "risks": (("threat",), ("phase", "threat")),
    "documents": (("title",), ("path",)),
    "records": (("title",),),
    "recurring": (("task",),),
}
ABSENT_VALUE: Any = None  # how an absent value is written in a FieldChange


def content(entry: Any) -> Any:
    """The entry without its approvals: what a digest covers."""
    return {k: v for k, v in entry.items() if k != "approvals"} if isinstance(entry, dict) else entry


def diff_fields(old: Any, new: Any, prefix: str = "") -> list[FieldChange]:
    """What differs between two values of an entry (or of a field), as dotted paths."""
    if old == new:
        return []
    if isinstance(old, dict) and isinstance(new, dict):
        out: list[FieldChange] = []
        for key in [*old, *(k for k in new if k not in old)]:
            both = key in old and key in new
            if both and old[key] == new[key]:
                continue  # what the call below would find first
            path = f"{prefix}.{key}" if prefix else str(key)
            if both:
                out += diff_fields(old[key], new[key], path)
            elif _items(old.get(key)) or _items(new.get(key)):  # a list that appears or goes: item by item
                out += diff_fields(old.get(key, []), new.get(key, []), path)
            else:
                out.append(FieldChange(path, old.get(key, ABSENT_VALUE), new.get(key, ABSENT_VALUE)))
        return out
    if isinstance(old, list) and isinstance(new, list) and _all_mappings(old) and _all_mappings(new):
        return _diff_items(old, new, prefix)
    return [FieldChange(prefix, old, new)]


def whole_fields(entry: Any, *, new: bool) -> list[FieldChange]:
    """An entry added (``new``) or removed, field by field (its id aside), each with its whole value."""
    if not isinstance(entry, dict):
        return []
    return [
        FieldChange(str(key), ABSENT_VALUE if new else value, value if new else ABSENT_VALUE)
        for key, value in entry.items()
        if key != "id"
    ]


def _items(value: Any) -> bool:
    """A non-empty list of mappings."""
    return isinstance(value, list) and bool(value) and _all_mappings(value)


def _all_mappings(items: list[Any]) -> bool:
    return all(isinstance(item, dict) for item in items)


def _diff_items(old: list[dict[str, Any]], new: list[dict[str, Any]], prefix: str) -> list[FieldChange]:
    name = prefix.rsplit(".", 1)[-1].split("[", 1)[0]
    for keys in (*ITEM_KEYS.get(name, ()), ("id",)):
        old_ids, new_ids = _identities(old, keys), _identities(new, keys)
        if old_ids is None or new_ids is None:
            continue
        out: list[FieldChange] = []
        for ident, item in old_ids.items():
            path = f"{prefix}[{ident}]"
            out += (
                [FieldChange(path, item, ABSENT_VALUE)]
                if ident not in new_ids
                else diff_fields(item, new_ids[ident], path)
            )
        out += [FieldChange(f"{prefix}[{i}]", ABSENT_VALUE, item) for i, item in new_ids.items() if i not in old_ids]
        return out
    out = []
    for index in range(max(len(old), len(new))):
        path = f"{prefix}[{index}]"
        if index >= len(new):
            out.append(FieldChange(path, old[index], ABSENT_VALUE))
        elif index >= len(old):
            out.append(FieldChange(path, ABSENT_VALUE, new[index]))
        else:
            out += diff_fields(old[index], new[index], path)
    return out


def _identities(items: list[dict[str, Any]], keys: tuple[str, ...]) -> dict[str, dict[str, Any]] | None:
    """Each item by its identity (the values of ``keys``, joined by commas); None when an item lacks one of
    the keys, a value is not a plain scalar, or two items share an identity."""
    out: dict[str, dict[str, Any]] = {}
    for item in items:
        values = [item.get(k) for k in keys]
        if any(v is None or isinstance(v, (dict, list)) for v in values):
            return None
        ident = ",".join(_scalar(v) for v in values)
        if ident in out:
            return None
        out[ident] = item
    return out


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def is_retired(entry: Any) -> bool:
    return isinstance(entry, dict) and entry.get("status") == "retired"
