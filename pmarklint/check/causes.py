"""Errors grouped by cause: a file that could not be read, and the findings elsewhere that follow from it.

A file that does not parse (PML001), that was not read to its end (PML003), that cannot be read (PML004) or
has no usable kind (PML005) contributes no entry to the repository. Every reference to one of its entries
then looks broken (PML201, PML202, PML203, a waiver naming it, an approval by a person of a broken roster),
and a broken roster leaves roles unassigned (PML502). Those findings are real until the file is fixed, but
they are not what to fix: :func:`mark_knock_ons` marks each of them with the error it follows from
(``Finding.follows_from``), so that the reports show the cause first and the rest as its consequences.

What the unread file would have declared is read from its lines without parsing
(:func:`pmarklint.documents.slices.declared`): its kind, and each ``id: …``. A finding follows from the file
when one of the ids it names is declared there, or when it is a roster finding and the file is a roster."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from pmarklint.documents.slices import declared
from pmarklint.findings import Finding

# The findings that mean a file contributed nothing to the repository.
CAUSES = frozenset({"PML001", "PML003", "PML004", "PML005"})
# The arguments of a message that name an entry of another file.
_NAMES = ("id", "person", "contractor", "inventory", "by")
# What a missing ledger of a kind makes appear wherever its entries are missing.
_OF_KIND = {"person": frozenset({"PML502"})}


@dataclass(frozen=True)
class Unread:
    cause: Finding
    kind: str | None
    ids: frozenset[str]

    @property
    def key(self) -> tuple[str, int, int, str]:
        return (self.cause.file, self.cause.line, self.cause.column, self.cause.rule)


def unread_files(root: Path, causes: Mapping[str, Finding], folders: Mapping[str, str], max_size: int) -> list[Unread]:
    """What each unread file (by path: its first error) would have declared. ``folders``: kind → folder,
    for a file whose ``kind:`` line cannot be read. Read as the file itself is (no link followed, nothing
    past ``max_size``): a link to /dev/zero or to a file outside declares nothing."""
    from pmarklint.workspace.files import read_file

    out = []
    for rel, cause in sorted(causes.items()):
        try:
            kind, ids = declared(read_file(root, rel, max_size))
        except OSError:
            kind, ids = None, frozenset()
        if kind is None:
            kind = next((k for k, folder in folders.items() if rel.startswith(folder.rstrip("/") + "/")), None)
        out.append(Unread(cause, kind, ids))
    return out


def mark_knock_ons(found: list[Finding], unread: list[Unread]) -> list[Finding]:
    """``found`` with each finding that follows from an unread file marked with that file's error."""
    if not unread:
        return found
    broken = {item.cause.file for item in unread}
    out = []
    for item in found:
        origin = None if item.file in broken else _origin(item, unread)
        out.append(item if origin is None else replace(item, follows_from=origin.key))
    return out


def _origin(item: Finding, unread: list[Unread]) -> Unread | None:
    args = dict(item.args)
    named = {str(args[name]) for name in _NAMES if name in args}
    if item.rule.startswith("PML4"):  # an approval finding's ``id`` is the entry's own, which exists
        named.discard(item.entry or "")
    for source in unread:
        if named & source.ids or item.rule in _OF_KIND.get(source.kind or "", ()):
            return source
    return None
