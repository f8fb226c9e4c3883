"""What repository-scope checks read: the settings, today, the index of every entry, the catalog of the
repository's framework, the files git tracks, and positions for their findings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol

from pmarklint.approvals.digest import Approval, digest
from pmarklint.dates import Duration
from pmarklint.documents.loader import dotted
from pmarklint.findings import Finding, Severity, finding
from pmarklint.rules.index import EntryRef, RepositoryIndex
from pmarklint.workspace.cache import Cache
from pmarklint.workspace.config import CONFIG_NAME, Config

Locate = Callable[..., tuple[int, int]]  # (file, path inside it, at_key=False) -> (line, column)

DEFAULT_APPROVERS = {
    "control": ["top_management"],
    "contractor": ["privacy_manager"],
    "inventory": ["privacy_manager"],
    "person": ["top_management"],
    # the PDCA records (docs/records.md)
    "training": ["education_lead", "privacy_manager"],
    "corrective": ["privacy_manager"],
    "audit_plan": ["audit_lead"],
    "audit_report": ["audit_lead"],
    "review": ["top_management"],
    "plan": ["top_management", "privacy_manager"],
    "operation_check": ["privacy_manager", "department_manager"],
    # the registers (PML7xx)
    "incident": ["privacy_manager"],
    "request": ["privacy_manager"],
    "drill": ["privacy_manager"],
    "complaint": ["privacy_manager"],
    "disposal": ["privacy_manager"],
    "risk": ["privacy_manager"],
}


class HistoryReader(Protocol):
    """The run's reading of git history, as the families that are not history-scope may ask it."""

    def changed_since(self, ref: EntryRef, approval: Approval) -> tuple[str, ...]: ...

    def changed_since_digest(self, ref: EntryRef, value: str) -> tuple[str, ...]: ...

    def prepare(self, stale: list[tuple[EntryRef, Approval]]) -> None: ...

    def close(self) -> None: ...


@dataclass
class History:
    """What a run that reads git history (``check`` without ``--no-history``) gives its history-scope checks:
    where git is, the cache for what history proves, and with ``--as-of`` the commit whose tree is checked.
    The reader is opened by the family that reads history, the first time a family needs it."""

    git_dir: Path | None  # None: the files are not in git (or, with --as-of, were extracted from it)
    cache: Cache
    at: tuple[Path, str] | None  # --as-of: (the repository's PMS root, the commit); None: the work tree
    open: Callable[[Context], HistoryReader]  # from the registry (pmarklint.rules.open_history)
    _reader: HistoryReader | None = None

    def reader(self, ctx: Context) -> HistoryReader:
        if self._reader is None:
            self._reader = self.open(ctx)
        return self._reader

    def close(self) -> None:
        """End what reading history started (git processes). The engine calls it once the checks are done."""
        if self._reader is not None:
            self._reader.close()


@dataclass
class Context:
    root: Path
    config: Config
    today: dt.date
    index: RepositoryIndex
    locate: Locate
    list_files: Callable[[], list[str]]  # every file of the repository (git's view), relative to root
    catalog: dict[str, dict[str, Any]]  # the framework's requirement items by id
    history: History | None = None  # None: the run does not read git history (--no-history)
    out: list[Finding] = field(default_factory=list)
    # The approval settings in force, when pmarklint.yaml's own are changed and not approved (PML408): the run's
    # findings are then settled (severities, switches, waivers) by these
    settings_in_force: dict[str, Any] | None = None
    # How far ahead "due soon" looks, when the run asks for another window than review.warn_within (pmarklint due)
    warn_window: Duration | None = None
    _digests: dict[tuple[str, int], str] = field(default_factory=dict)

    # -- settings -------------------------------------------------------------------------------------
    def review_every(self, kind: str) -> Duration:
        every = ((self.config.data.get("review") or {}).get("every") or {}).get(kind, "P1Y")
        return Duration.parse(every) or Duration(years=1)

    @cached_property
    def window(self) -> Duration:
        if self.warn_window is not None:
            return self.warn_window
        return Duration.parse((self.config.data.get("review") or {}).get("warn_within", "P30D")) or Duration(days=30)

    def approver_roles(self, kind: str) -> list[str]:
        configured = (self.config.data.get("approvals") or {}).get(kind)
        return list(configured) if configured else DEFAULT_APPROVERS[kind]

    @cached_property
    def departments(self) -> set[str]:
        return {d["id"] for d in self.config.data.get("departments") or [] if isinstance(d, dict)}

    @cached_property
    def files(self) -> list[str]:
        return self.list_files()

    # -- the index ------------------------------------------------------------------------------------
    def entries(self, kind: str | None = None) -> Iterator[EntryRef]:
        for ref in self.index.entries:
            if kind is None or ref.kind == kind:
                yield ref

    def digest(self, ref: EntryRef) -> str:
        """The entry's approval digest (pmarklint.approvals.digest.digest), computed once per run."""
        key = (ref.file, ref.index)
        found = self._digests.get(key)
        if found is None:
            found = self._digests[key] = digest(ref.data)
        return found

    # -- what git history says (a service: the history family answers) ----------------------------------
    def changed_since(self, ref: EntryRef, approval: Approval) -> tuple[str, ...]:
        """The fields of ``ref`` that changed since ``approval`` was given, as git history tells; () when the
        run does not read history or git cannot tell."""
        return self.history.reader(self).changed_since(ref, approval) if self.history is not None else ()

    def prepare_history(self, stale: list[tuple[EntryRef, Approval]]) -> None:
        """Say what will be asked of git history: these stale approvals' changed fields (and, the history
        family knows, the approvals it judges), so that the reader can read it all at once."""
        if self.history is not None:
            self.history.reader(self).prepare(stale)

    def changed_since_digest(self, ref: EntryRef, value: str) -> tuple[str, ...]:
        """The fields of ``ref`` that changed since it had the content whose digest is ``value`` (a risk's
        ``assessed_digest``), as git history tells; () when the run does not read history or git cannot tell."""
        return self.history.reader(self).changed_since_digest(ref, value) if self.history is not None else ()

    # -- findings -------------------------------------------------------------------------------------
    def report(
        self,
        code: str,
        ref: EntryRef,
        sub: tuple[Any, ...],
        key: str,
        *,
        severity: Severity | None = None,
        at_key: bool = False,
        **args: Any,
    ) -> None:
        """A finding about ``ref`` at the node ``sub`` inside it (the entry itself for ``()``)."""
        line, column = self.locate(ref.file, (*ref.path, *sub), at_key)
        self.out.append(
            finding(
                code, ref.file, line, column, key, entry=ref.id, path=dotted(sub) or None, severity=severity, **args
            )
        )

    def report_config(
        self,
        code: str,
        path: tuple[Any, ...],
        key: str,
        *,
        entry: str | None = None,
        severity: Severity | None = None,
        **args: Any,
    ) -> None:
        """A finding about pmarklint.yaml, at ``path`` inside it (``entry``: the id it concerns, if any)."""
        self.out.append(self.config_finding(code, path, key, entry=entry, severity=severity, **args))

    def config_finding(
        self,
        code: str,
        path: tuple[Any, ...],
        key: str,
        *,
        entry: str | None = None,
        severity: Severity | None = None,
        **args: Any,
    ) -> Finding:
        """The finding :meth:`report_config` reports, for a caller that returns its findings itself."""
        line, column = self.locate(CONFIG_NAME, path)
        return finding(
            code, CONFIG_NAME, line, column, key, entry=entry, path=dotted(path) or None, severity=severity, **args
        )


def active(ref: EntryRef) -> bool:
    return ref.data.get("status", "active") not in ("retired",)


def walk(value: Any, pattern: tuple[str, ...], prefix: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    """Every (path, value) that ``pattern`` names inside ``value``; ``*`` stands for each list item.
    Breadth first and without generators: it runs for every pattern of every entry on every run."""
    found: list[tuple[tuple[Any, ...], Any]] = [(prefix, value)]
    for head in pattern:
        step: list[tuple[tuple[Any, ...], Any]] = []
        for path, item in found:
            if head == "*":
                if isinstance(item, list):
                    step.extend(((*path, i), child) for i, child in enumerate(item))
            elif isinstance(item, dict) and head in item:
                step.append(((*path, head), item[head]))
        if not step:
            return step
        found = step
    return found


def in_both(name: str, value: Any) -> dict[str, Any]:
    """A text that may be written in both languages ({ja: …, en: …}, like a catalog task) as the message
    arguments ``{name}_ja`` and ``{name}_en``: the message shows the reader's language, or the other when
    only one is written. A plain string is the same in both."""
    if isinstance(value, dict):
        ja, en = (str(value[lang]) if isinstance(value.get(lang), str) else "" for lang in ("ja", "en"))
        return {f"{name}_ja": ja or en or "?", f"{name}_en": en or ja or "?"}
    return {f"{name}_ja": str(value), f"{name}_en": str(value)}
