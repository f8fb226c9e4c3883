"""The entry as it was exported, carried in the table, so that an import never reverts a newer value.

Export writes, for each row, one more cell under the header ``pmarklint:digest`` (in the workbook a hidden
last column; in CSV the trailing column): the digest of the entry as exported and a short digest of each of
its values::

    pmarklint1:<16 hex of the entry's digest>:<8 hex of a field's name><12 hex of its value>,...

Import compares, field by field, the cell, the value when exported and the value in the ledger now (a
three-way comparison): a cell that still holds what was exported changes nothing (the ledger's value stands,
also when it was changed since); a cell changed in the table while the ledger's value was not is taken; a cell
changed in the table while the ledger's value was changed too (to something else) is a conflict, and the row
is not taken. A row whose id is not the one its digest was made for is a row copied to make a new entry: it is
read as a row typed by hand (no digest).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from pmarklint.approvals.digest import digest as entry_digest
from pmarklint.tables.cells import ABSENT
from pmarklint.tables.columns import Rel

VERSION = "pmarklint1"
_CELL = re.compile(rf"{VERSION}:([0-9a-f]{{16}}):((?:[0-9a-f]{{20}}(?:,[0-9a-f]{{20}})*)?)")


def _hex(text: str, length: int) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def value_hash(value: Any) -> str | None:
    """A short digest of a value (None: no value), from the value as pmarklint reads it."""
    if value is ABSENT:
        return None
    return _hex(json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")), 12)


def path_hash(path: Rel) -> str:
    return _hex(".".join(path), 8)


def digest_cell(entry: dict[str, Any], flat: dict[Rel, Any]) -> str:
    """The digest cell of an entry as exported (``flat``: its values by column path)."""
    fields = sorted(f"{path_hash(path)}{value_hash(value)}" for path, value in flat.items())
    return f"{VERSION}:{entry_digest(entry).removeprefix('sha256:')[:16]}:{','.join(fields)}"


@dataclass(frozen=True)
class Exported:
    """What a digest cell says about the entry as exported."""

    entry: str
    fields: dict[str, str]  # path hash → value hash

    def value(self, path: Rel) -> str | None:
        return self.fields.get(path_hash(path))


def read_digest(cell: Any) -> Exported | None:
    """The digest cell read back; None when it is damaged (not as export wrote it)."""
    match = _CELL.fullmatch(str(cell).strip())
    if match is None:
        return None
    fields = {part[:8]: part[8:] for part in match[2].split(",") if part}
    return Exported(match[1], fields)


def three_way(exported: Exported, path: Rel, cell: Any, now: Any) -> str:
    """``keep`` (the cell holds what was exported: the ledger's value stands), ``take`` (changed in the
    table only, or to the same value in both) or ``conflict`` (changed in the table and in the ledger)."""
    base = exported.value(path)
    mine = value_hash(cell)
    if mine == base:
        return "keep"
    theirs = value_hash(now)
    if theirs == base or theirs == mine:
        return "take"
    return "conflict"
