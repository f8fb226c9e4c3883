"""What the site shows, read once from the repository by the commands that already read it: ``check`` (the
findings and their counts), ``due`` (the deadlines), the Fit & Gap table and the audit trail (every change
and approval, and whether git backs each approval). Nothing here judges anything again: a figure on the site
and the command that computes it cannot disagree.

:func:`load_site` returns a :class:`Site`: plain data, in no language but the one of the entries' own texts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pmarklint.approvals.digest import Approval, digest
from pmarklint.dates import Duration, parse_date
from pmarklint.errors import PmarklintError
from pmarklint.findings import Finding
from pmarklint.reports.due import DueList
from pmarklint.reports.fitgap import FitGap, in_language
from pmarklint.resources import KINDS
from pmarklint.trail.model import ApprovalRecord, CommitInfo, EntryChange, Trail

CALENDAR_WITHIN = Duration(years=1)  # how far ahead the calendar lists deadlines
FRONT_WINDOWS = (30, 90)  # the front page's "falls due within" columns, in days
SETTINGS = "settings"  # the area of findings about pmarklint.yaml
OTHER = "other"  # the area of findings in files of no kind (a file that does not parse)

# The field that names an entry to a person, by what entries of each kind carry, first found wins.
_TITLE_FIELDS = ("title", "name", "description", "nonconformity", "text", "schedule")
# The date that places an entry (a record's day, a ledger's last review), first found wins.
_DATE_FIELDS = ("date", "raised_on", "discovered_on", "received_on", "last_reviewed", "fiscal_year")


@dataclass(frozen=True)
class ApprovalView:
    by: str  # person id
    role: str
    date: str
    current: bool  # the digest is the entry's content as it stands
    record: ApprovalRecord | None  # from the trail: whether git backs it; None when the trail did not see it


@dataclass(frozen=True)
class Entry:
    kind: str
    id: str
    title: dict[str, str]  # by language
    file: str
    line: int
    date: str
    status: str  # the entry's own status field, as written ("" when it has none)
    owner: str
    anchor: str  # the HTML id of its row on its kind's page
    findings: tuple[Finding, ...]
    approvals: tuple[ApprovalView, ...]
    history: tuple[EntryChange, ...]  # from the trail, oldest first
    data: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)  # the entry as written

    def title_in(self, lang: str) -> str:
        return in_language(self.title, lang)


@dataclass(frozen=True)
class PlanItem:
    plan: str  # the plan entry's id
    fiscal_year: str
    activity: str
    month: str  # YYYY-MM
    owner: str
    done_on: str
    record: str


@dataclass(frozen=True)
class Renewal:
    number: str
    expires: dt.date
    opens: dt.date
    closes: dt.date

    def state(self, today: dt.date) -> str:
        """before, open, closed (the window has passed, the mark still runs) or expired."""
        if today > self.expires:
            return "expired"
        if today > self.closes:
            return "closed"
        return "open" if today >= self.opens else "before"


@dataclass(frozen=True)
class Site:
    organization: str
    today: dt.date
    language: str | None  # pmarklint.yaml's
    commit: str | None  # the commit the history ends with (None outside git)
    files: int
    entry_count: int  # as check counts them
    errors: int
    warnings: int
    waived: int
    findings: tuple[Finding, ...]
    area_of: Mapping[str, str]  # file → kind, "settings" or "other"
    entries: Mapping[str, tuple[Entry, ...]]  # kind → entries, in file order; only kinds that have entries
    due: DueList
    fitgap: FitGap
    plans: tuple[PlanItem, ...]
    renewal: Renewal | None
    names: Mapping[str, str] = field(default_factory=dict)  # person id → name
    commits: Mapping[str, CommitInfo] = field(default_factory=dict)  # the trail's commits, by id
    fiscal_start: tuple[int, int] = (4, 1)  # (month, day) the fiscal year starts on
    history_note: str | None = None  # why the trail could not be read (not in git, a shallow clone)
    _anchors: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict, compare=False, repr=False)

    def anchor_of(self, file: str, entry: str | None) -> tuple[str, str] | None:
        """(page kind, anchor) of an entry named by its file and id."""
        if entry is None:
            return None
        if not self._anchors:
            for kind, items in self.entries.items():
                for item in items:
                    self._anchors.setdefault((item.file, item.id), (kind, item.anchor))
        return self._anchors.get((file, entry))

    def latest(self, kind: str) -> Entry | None:
        """The entry of ``kind`` with the latest date (the last management review, the last audit report)."""
        dated = [e for e in self.entries.get(kind, ()) if parse_date(e.date) is not None]
        return max(dated, key=lambda e: (e.date, e.id), default=None)

    def last_reviewed(self) -> Entry | None:
        """The ledger entry reviewed last (``last_reviewed``)."""
        found = [
            (str(day), e)
            for kind in ("inventory", "contractor", "person", "control")
            for e in self.entries.get(kind, ())
            if (day := parse_date(e.data.get("last_reviewed"))) is not None
        ]
        return max(found, key=lambda pair: (pair[0], pair[1].id), default=(None, None))[1]


def load_site(start: Path, *, today: str | None, lang: str) -> Site:
    """Everything the site shows, for the repository at (or above) ``start``. A tool failure (no
    pmarklint.yaml, a broken one) is a PmarklintError."""
    from pmarklint.check.engine import load_one, run_check
    from pmarklint.reports.due import load_due
    from pmarklint.reports.fitgap import load_fitgap
    from pmarklint.rules.dates import renewal_window
    from pmarklint.workspace.cache import Cache, default_directory
    from pmarklint.workspace.files import find_git_dir

    result = run_check(start, today=today, lang=lang)
    root, config = result.root, result.config
    day = result.today.isoformat()
    due = load_due(root, within=CALENDAR_WITHIN, within_text="P1Y", today=day, lang=lang)
    fitgap = load_fitgap(root, today=day, lang=lang, checked=result)
    trail, note = _trail(root, day, lang)

    cache = Cache(default_directory(find_git_dir(root)))
    area_of: dict[str, str] = {"pmarklint.yaml": SETTINGS}
    by_entry: dict[tuple[str, str], list[Finding]] = {}
    for found in result.findings:
        if found.entry:
            by_entry.setdefault((found.file, found.entry), []).append(found)
    records = _approval_records(trail)
    changes = _changes(trail)
    entries: dict[str, list[Entry]] = {}
    anchors: set[str] = set()
    plans: list[PlanItem] = []
    for rel in result.checked_files:
        loaded = load_one(root, rel, cache, config.max_file_size, config.rule_options)
        area_of[rel] = loaded.kind or OTHER
        if loaded.kind is None:
            continue
        lines = loaded.lines_of_entries
        for index, data in enumerate(loaded.entries):
            if not isinstance(data, dict):
                continue
            entry_id = _text(data.get("id"))
            item = Entry(
                kind=loaded.kind,
                id=entry_id,
                title=_title(data),
                file=rel,
                line=lines[index] if index < len(lines) else 1,
                date=next((_text(data.get(f)) for f in _DATE_FIELDS if _text(data.get(f))), ""),
                status=_text(data.get("status")),
                owner=_text(data.get("owner")),
                anchor=_anchor(entry_id, index, anchors),
                findings=tuple(by_entry.get((rel, entry_id), ())),
                approvals=tuple(_approvals(data, entry_id, records)),
                history=tuple(changes.get(entry_id, ())),
                data=data,
            )
            entries.setdefault(loaded.kind, []).append(item)
            if loaded.kind == "plan":
                plans += _plan_items(entry_id, data)
    organization = config.data.get("organization") or {}
    certification = organization.get("certification") if isinstance(organization, dict) else None
    renewal = None
    if isinstance(certification, dict) and (expires := parse_date(certification.get("expires"))) is not None:
        renewal = Renewal(_text(certification.get("number")), expires, *renewal_window(expires))
    return Site(
        organization=_text(organization.get("name")) if isinstance(organization, dict) else "",
        today=result.today,
        language=config.language,
        commit=trail.end_commit if trail else None,
        files=result.files,
        entry_count=result.entries,
        errors=result.errors,
        warnings=result.warnings,
        waived=len(result.waived),
        findings=tuple(result.findings),
        area_of=area_of,
        entries={kind: tuple(entries[kind]) for kind in KINDS if kind in entries},
        due=due,
        fitgap=fitgap,
        plans=tuple(plans),
        renewal=renewal,
        names=dict(result.names),
        commits=dict(trail.commits) if trail else {},
        fiscal_start=config.fiscal_year_start,
        history_note=note,
    )


def _trail(root: Path, day: str, lang: str) -> tuple[Trail | None, str | None]:
    """The audit trail over the whole history up to ``day`` (every approval ever added, so that each one on
    the site says whether git backs it); None and why when there is no history to read."""
    from pmarklint.trail.build import build_trail

    try:
        return build_trail(root, since="1970-01-01", until=day, lang=lang), None
    except PmarklintError as exc:
        return None, str(exc)


def _approval_records(trail: Trail | None) -> dict[tuple[str, str, str, str, str], ApprovalRecord]:
    """The trail's approvals by (entry, by, role, date, digest): the last commit that added each one."""
    out: dict[tuple[str, str, str, str, str], ApprovalRecord] = {}
    for item in trail.approvals if trail else ():
        out[(item.entry, item.by, item.role, item.date, item.digest)] = item
    return out


def _changes(trail: Trail | None) -> dict[str, list[EntryChange]]:
    out: dict[str, list[EntryChange]] = {}
    for change in trail.changes if trail else ():
        out.setdefault(change.entry, []).append(change)
    return out


def _approvals(
    data: dict[str, Any], entry_id: str, records: Mapping[tuple[str, str, str, str, str], ApprovalRecord]
) -> list[ApprovalView]:
    items = Approval.read(data)
    if not items:
        return []
    content = digest(data)
    return [
        ApprovalView(a.by, a.role, a.date, a.digest == content, records.get((entry_id, a.by, a.role, a.date, a.digest)))
        for a in items
    ]


def _plan_items(plan: str, data: dict[str, Any]) -> list[PlanItem]:
    items = data.get("items")
    return [
        PlanItem(
            plan,
            _text(data.get("fiscal_year")),
            _text(item.get("activity")),
            _text(item.get("month")),
            _text(item.get("owner")),
            _text(item.get("done_on")),
            _text(item.get("record")),
        )
        for item in (items if isinstance(items, list) else [])
        if isinstance(item, dict)
    ]


def _anchor(entry_id: str, index: int, taken: set[str]) -> str:
    """An HTML id for the entry's row: ``e-`` and the id with anything but letters, digits, ``-``, ``_`` and
    ``.`` made ``-``; never two alike on the site."""
    safe = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_.") else "-" for ch in entry_id)[:80]
    anchor = "e-" + (safe.strip("-") or str(index + 1))
    base, number = anchor, 2
    while anchor in taken:
        anchor, number = f"{base}-{number}", number + 1
    taken.add(anchor)
    return anchor


def _title(data: dict[str, Any]) -> dict[str, str]:
    for name in _TITLE_FIELDS:
        value = data.get(name)
        if isinstance(value, dict):
            texts = {str(k): _text(v) for k, v in value.items() if _text(v)}
            if texts:
                return texts
        elif _text(value):
            return {"ja": _text(value), "en": _text(value)}
    return {}


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (int, float, dt.date)):
        return str(value)
    return ""
