"""The repository index: every entry by id, built once per run and read by every cross-file check."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pmarklint.findings import Finding, finding


@dataclass(frozen=True)
class EntryRef:
    file: str
    index: int  # position in the file's entries list
    kind: str
    data: dict[str, Any]

    @property
    def path(self) -> tuple[Any, ...]:
        return ("entries", self.index)


@dataclass
class RepositoryIndex:
    by_id: dict[str, EntryRef] = field(default_factory=dict)
    duplicates: list[tuple[EntryRef, EntryRef]] = field(default_factory=list)  # (first, later)

    def add(self, ref: EntryRef) -> None:
        entry_id = ref.data.get("id")
        if not isinstance(entry_id, str):
            return
        first = self.by_id.get(entry_id)
        if first is None:
            self.by_id[entry_id] = ref
        else:
            self.duplicates.append((first, ref))


Locate = Callable[[str, tuple[Any, ...]], tuple[int, int]]


def duplicate_ids(index: RepositoryIndex, locate: Locate) -> list[Finding]:
    """PML102 at every later use of an id, naming where it was first used."""
    out = []
    for first, later in index.duplicates:
        first_line, _ = locate(first.file, (*first.path, "id"))
        line, column = locate(later.file, (*later.path, "id"))
        entry_id = later.data["id"]
        out.append(
            finding(
                "PML102",
                later.file,
                line,
                column,
                "PML102.duplicate",
                entry=entry_id,
                path="id",
                id=entry_id,
                other_file=first.file,
                other_line=first_line,
            )
        )
    return out
