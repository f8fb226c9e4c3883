"""Content-bound approvals: the digest that ties an approval to the content it approved, and the policy
that says how strictly a repository requires approvals.

The digest of an entry is computed from the entry as pmarklint reads it (see :mod:`pmarklint.documents.loader`: dates
stay ``YYYY-MM-DD`` strings, only ``true``/``false`` are booleans, numbers with leading zeros stay text),
without its ``approvals`` key::

    canonical = json.dumps(entry, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    digest = "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()

So a comment, the quoting style, key order, indentation or blank lines never change the digest; any value
does. docs/approvals.md documents this with a worked example that a test recomputes.
"""

from __future__ import annotations

import enum
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

PREFIX = "sha256:"
CONFIG_KEY = "require_approvals"


def canonical_json(entry: Mapping[str, Any]) -> str:
    """The entry without ``approvals`` as canonical JSON: sorted keys, UTF-8 text, no insignificant space."""
    content = {key: value for key, value in entry.items() if key != "approvals"}
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def digest(entry: Mapping[str, Any]) -> str:
    """``sha256:`` and the hex SHA-256 of :func:`canonical_json`."""
    return PREFIX + hashlib.sha256(canonical_json(entry).encode("utf-8")).hexdigest()


class Level(str, enum.Enum):
    """How strictly approvals are required for a kind of entry (``require_approvals`` in pmarklint.yaml)."""

    OFF = "off"  # not required: no PML401; approvals that are present are still checked, as warnings
    WARNING = "warning"  # required, as a to-do list: missing or invalid approvals are warnings
    ERROR = "error"  # enforced: missing or invalid approvals are errors


def level_of(config: Mapping[str, Any], kind: str) -> Level:
    """The level for ``kind``: ``require_approvals: LEVEL`` for every kind, or ``{kind: LEVEL, ...}`` (kinds
    left out are ``off``). ``true`` means ``error`` and ``false`` ``off``. Absent: ``off``."""
    setting = config.get(CONFIG_KEY)
    if isinstance(setting, Mapping):
        setting = setting.get(kind)
    if setting is True:
        return Level.ERROR
    if setting is None or setting is False:
        return Level.OFF
    try:
        return Level(setting)
    except ValueError:  # the schema of pmarklint.yaml refuses it before this runs
        return Level.OFF


@dataclass(frozen=True)
class Approval:
    """One well-formed item of an entry's ``approvals`` (items that do not match the schema are PML101)."""

    index: int
    by: str
    role: str
    date: str
    digest: str

    @classmethod
    def read(cls, entry: Mapping[str, Any]) -> list[Approval]:
        items = entry.get("approvals")
        if not isinstance(items, list):
            return []
        out = []
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            by, role, date, value = (item.get(name) for name in ("by", "role", "date", "digest"))
            if isinstance(by, str) and isinstance(role, str) and isinstance(date, str) and isinstance(value, str):
                out.append(cls(index, by, role, date, value))
        return out
