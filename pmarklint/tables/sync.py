"""Between the repository and a table: the repository as ``export`` and ``import`` read it, and ``export``,
which writes a kind's ledger as a table (each row with the digest of its entry as exported, see
:mod:`pmarklint.tables.merge`). ``import`` is :mod:`pmarklint.tables.imports`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pmarklint.documents.loader import Document
from pmarklint.findings import finding
from pmarklint.tables import message
from pmarklint.tables.cells import encode
from pmarklint.tables.columns import Column, Rel, flatten, sheet_name, table_columns
from pmarklint.tables.files import Limits, write_csv, write_xlsx
from pmarklint.tables.headers import DIGEST_HEADER
from pmarklint.tables.labels import REFERENCES, Vocabulary, twin_header
from pmarklint.tables.merge import digest_cell

# ------------------------------------------------------------------------------------------- the repository


@dataclass
class LedgerFile:
    """A data file as read for export and import, with its text for editing in place."""

    rel: str
    kind: str | None
    text: str | None
    document: Document | None
    bom: bool = False
    reason: str = ""  # why it could not be read

    def entries(self) -> list[Any]:
        data = self.document.data if self.document is not None else None
        entries = data.get("entries") if isinstance(data, dict) else None
        return entries if isinstance(entries, list) else []


@dataclass
class Repository:
    root: Path
    folders: dict[str, str]  # kind → folder
    language: str | None
    files: dict[str, LedgerFile]
    limits: Limits = field(default_factory=Limits)
    departments: dict[str, str] = field(default_factory=dict)  # id → name, from departments: of pmarklint.yaml

    def vocabulary(self) -> Vocabulary:
        """The names of the departments and of the people in the roster, for the cells of a table."""
        people: dict[str, str] = {}
        for loaded in self.files.values():
            if loaded.kind == "person":
                for entry in loaded.entries():
                    if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                        name = entry.get("name")
                        people.setdefault(entry["id"], name.strip() if isinstance(name, str) else "")
        return Vocabulary(dict(self.departments), people)


def load_repository(start: Path, lang: str) -> Repository:
    """Every data file under the PMS folders, tracked by git or not (ids must stay unique either way),
    each parsed once."""
    from pmarklint.workspace.cache import Cache
    from pmarklint.workspace.config import find_root, load_config
    from pmarklint.workspace.files import discover, find_git_dir

    root = find_root(start, lang)
    config = load_config(root, Cache(None), lang)
    workspace = discover(root, sorted(set(config.folders.values())), find_git_dir(root))
    rels = sorted({*workspace.files, *workspace.untracked})
    files = {rel: _load(root, rel, config.max_file_size, lang) for rel in rels}
    limits = Limits.of({"max_file_size": config.max_file_size, **(config.data.get("limits") or {})})
    departments = {
        d["id"]: d["name"].strip()
        for d in config.data.get("departments") or []
        if isinstance(d, dict) and isinstance(d.get("id"), str) and isinstance(d.get("name"), str)
    }
    return Repository(root, config.folders, config.language, files, limits, departments)


def _load(root: Path, rel: str, max_size: int, lang: str) -> LedgerFile:
    from pmarklint.check.engine import classify
    from pmarklint.documents.loader import decode as decode_text
    from pmarklint.documents.loader import parse
    from pmarklint.workspace.files import TooLarge, link_finding, read_file

    link = link_finding(root, rel)
    if link is not None:
        return LedgerFile(rel, None, None, None, reason=link.message(lang))
    try:
        raw = read_file(root, rel, max_size)  # follows no link, even one swapped in since link_finding
    except TooLarge as exc:  # the ledger limit, as check says it (not the limit on an imported table)
        too_large = finding("PML004", rel, 1, 1, "PML004.too_large", size=exc.size, limit=max_size)
        return LedgerFile(rel, None, None, None, reason=too_large.message(lang))
    except OSError as exc:
        return LedgerFile(rel, None, None, None, reason=str(exc.strerror or exc))
    text, problems = decode_text(raw, rel)
    if text is None:
        return LedgerFile(rel, None, None, None, reason=problems[0].message(lang) if problems else "?")
    loaded = parse(text, rel)
    if loaded.document is None:
        first = loaded.findings[0]
        return LedgerFile(rel, None, text, None, reason=f"{first.line}:{first.column}: {first.message(lang)}")
    kind, _ = classify(loaded.document, rel)
    return LedgerFile(rel, kind, text, loaded.document, bom=raw.startswith(b"\xef\xbb\xbf"))


# ------------------------------------------------------------------------------------------------- export


@dataclass
class Export:
    data: bytes
    count: int
    warnings: list[str]


def export_ledger(repo: Repository, kind: str, fmt: str, lang: str) -> Export:
    """The kind's ledger as a table: every entry of every file of that kind, in file order. A ledger file
    that cannot be read is a warning: its entries are missing from the table."""
    folder = repo.folders[kind].rstrip("/") + "/"
    warnings: list[str] = []
    flats: list[dict[Rel, Any]] = []
    entries: list[dict[str, Any]] = []
    for rel, loaded in repo.files.items():
        if loaded.document is None:
            if rel.startswith(folder):
                warnings.append(message("unreadable_ledger", lang, file=rel, reason=loaded.reason))
            continue
        if loaded.kind != kind:
            continue
        for index, entry in enumerate(loaded.entries(), start=1):
            if isinstance(entry, dict):
                flats.append(flatten(entry, kind))
                entries.append(entry)
            else:
                warnings.append(message("not_mapping", lang, file=rel, index=index))
    column_list = table_columns(kind, flats)
    twins = [replace(c, twin=True) for c in column_list if c.name in REFERENCES]
    labels = repo.vocabulary()

    def cells(column: Column, flat: dict[Rel, Any]) -> Any:
        if column.path not in flat:
            return None
        return encode(column, flat[column.path], lang, labels, words=not column.twin)

    rows = [
        [*(cells(c, flat) for c in [*column_list, *twins]), digest_cell(entry, flat)]
        for entry, flat in zip(entries, flats, strict=True)
    ]
    headers = [*(c.header(lang) for c in column_list), *(twin_header(c.header(lang), lang) for c in twins)]
    headers.append(DIGEST_HEADER)
    if fmt == "csv":
        data = write_csv(headers, rows)
    else:
        data = write_xlsx(sheet_name(kind, lang), column_list, headers, rows, lang)
    return Export(data, len(rows), warnings)
