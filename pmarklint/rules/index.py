"""The repository index: every entry by id, with back-references, built once per run and read by every
cross-file check."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class EntryRef:
    file: str
    index: int  # position in the file's entries list
    kind: str
    data: dict[str, Any]

    @property
    def path(self) -> tuple[Any, ...]:
        return ("entries", self.index)

    @property
    def id(self) -> str | None:
        value = self.data.get("id")
        return value if isinstance(value, str) else None


@dataclass
class RepositoryIndex:
    entries: list[EntryRef] = field(default_factory=list)
    by_id: dict[str, EntryRef] = field(default_factory=dict)
    duplicates: list[tuple[EntryRef, EntryRef]] = field(default_factory=list)  # (first, later)
    # id → every (entry, path inside it) that refers to it: filled by the reference checks
    referrers: dict[str, list[tuple[EntryRef, tuple[Any, ...]]]] = field(default_factory=lambda: defaultdict(list))

    def add(self, ref: EntryRef) -> None:
        self.entries.append(ref)
        if ref.id is None:
            return
        first = self.by_id.get(ref.id)
        if first is None:
            self.by_id[ref.id] = ref
        else:
            self.duplicates.append((first, ref))
