"""``check --changed-since REF``: report only what a change is responsible for.

The whole repository is still loaded and checked (a reference needs every file). What is reported is:

* every finding in an entry that differs from REF (added, edited, or moved to another file: entries are
  compared by id, so moving one between ledgers is not a change of its content), and every file-level
  finding in a file that changed;
* every finding anywhere else that REF did not have: what the change broke elsewhere (a contractor
  removed while an inventory entry still names it, an id reused).

REF is checked by extracting its tree (every tracked file, whatever ``.gitattributes`` says) and running
the same checks on it, judged on the same day; the content-hash cache makes that cheap for every file the
change did not touch. Findings are matched by what they say (rule, file, entry, field, message), not by
line, so lines moving is not "new".
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pmarklint.documents.loader import decode, parse
from pmarklint.errors import PmarklintError
from pmarklint.findings import Finding
from pmarklint.git.blobs import Blobs
from pmarklint.git.repo import changed_since, commit_of, files_at, git_dir, show


@dataclass(frozen=True)
class ChangeSet:
    ref: str
    commit: str
    files: frozenset[str]  # PMS files (and pmarklint.yaml) that differ from REF, relative to the PMS root
    entries: frozenset[str]  # ids of entries added or edited since REF


def resolve_ref(value: str) -> str | None:
    """``env:NAME`` reads the revision from an environment variable (pre-commit's pre-push stage sets
    PRE_COMMIT_FROM_REF); anything else is a revision as git understands it. None when there is nothing to
    compare with (the variable is unset or all zeros, as for a branch the remote does not have yet): then
    everything is reported."""
    ref = os.environ.get(value[4:], "") if value.startswith("env:") else value
    return None if not ref or set(ref) == {"0"} else ref


def changes_since(root: Path, value: str, ref: str, folders: list[str], current: dict[str, list[Any]]) -> ChangeSet:
    """What differs between REF and what git would commit now (tracked and staged files). ``current``
    holds each PMS file's entries as loaded now."""
    if git_dir(root) is None:
        raise PmarklintError(f"--changed-since {value}: {root} is not inside a git repository")
    commit = commit_of(root, ref)
    if not commit:
        raise PmarklintError(
            f"--changed-since {value}: no commit '{ref}' in this clone. If it is a shallow clone, fetch the "
            "history (GitHub Actions: actions/checkout with fetch-depth: 0; elsewhere: git fetch --unshallow)"
        )
    files = frozenset(changed_since(root, commit, ["pmarklint.yaml", *folders]))
    before: dict[str, Any] = {}
    for rel in files:
        raw = show(root, commit, rel)
        content = decode(raw, rel)[0] if raw is not None else None
        document = parse(content, rel).document if content else None
        data = document.data if document is not None else None
        for entry in (data.get("entries") or []) if isinstance(data, dict) else []:
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                before[entry["id"]] = entry
    # An entry is changed when it is new or its content differs; one that only moved between two
    # changed files has the same content on both sides and is not.
    changed = {
        entry["id"]
        for rel in files
        for entry in current.get(rel, [])
        if isinstance(entry, dict) and isinstance(entry.get("id"), str) and before.get(entry["id"]) != entry
    }
    return ChangeSet(ref, commit, files, frozenset(changed))


def extract(root: Path, commit: str, into: Path) -> Path:
    """REF's tree below the PMS root, written into ``into``; returns the PMS root there. Every tracked
    regular file is written as committed, read from git's objects (``ls-tree`` and one ``cat-file --batch``),
    whatever ``.gitattributes`` says: an ``export-ignore`` line must not hide a ledger from ``--as-of`` or
    ``--changed-since``. Symbolic links are left out (a link to a file outside the repository would bring
    that file into the report; docs/design/git.md), and so is any name that would leave ``into``."""
    base = into.resolve()
    with Blobs(root) as blobs:
        for rel, blob in sorted(files_at(root, commit).items()):
            target = base / rel
            if ".." in Path(rel).parts or not target.resolve().is_relative_to(base):
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(blobs.read(blob))
    return base


def identity(item: Finding) -> tuple[Any, ...]:
    return (item.rule, item.file, item.entry, item.path, item.message_key, item.args)


def select(found: list[Finding], changes: ChangeSet, before: list[Finding]) -> list[Finding]:
    """The findings the change is responsible for (see the module's docstring)."""
    known = {identity(f) for f in before}
    out = []
    for item in found:
        in_change = item.entry in changes.entries if item.entry else item.file in changes.files
        if in_change or identity(item) not in known:
            out.append(item)
    return out


def baseline_dir() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix="pmarklint-baseline-")
