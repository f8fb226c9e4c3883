"""``pmarklint due``: the deadlines the repository implies, before they pass.

The deadlines are the ones ``check`` computes (reviews, contractor evaluations, contracts and certifications
expiring, recurring tasks, overseas recipients' checks, the regular and new-joiner trainings, the internal
audit, the management review, corrective actions, the P-mark renewal window, an incident's reports, the answer
to a request, the yearly drill, the answer to a complaint and its closing, the review of a risk analysis): the
check runs with its "due
soon" window widened to ``--within``, and each finding that names a due date becomes a deadline, with the
entry, its owner and the days left. Overdue ones are listed too. Nothing here computes a date of its own: a
deadline and the check that warns about it cannot disagree.

Formats: text and Markdown for people, JSON for scripts (``format: pmarklint-due``, version 1, documented in
docs/due.md) and iCalendar (RFC 5545) for calendars: one all-day event per deadline with a reminder a week
before, and a UID made from what the deadline is about (rule, file, entry, place and day), so that a calendar
subscribed to the file updates its events instead of adding copies.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pmarklint import __version__
from pmarklint.dates import Duration
from pmarklint.findings import Finding
from pmarklint.i18n import text

if TYPE_CHECKING:
    from pmarklint.check.engine import CheckResult

# The message keys whose findings name a deadline, and the argument that holds it.
DEADLINE_KEYS: Mapping[str, str] = {
    "PML301.overdue": "due",
    "PML302.soon": "due",
    "PML303.overdue": "due",
    "PML303.soon": "due",
    "PML304.contract_expired": "date",
    "PML304.contract_soon": "date",
    "PML304.certification_expired": "date",
    "PML304.certification_soon": "date",
    "PML306.overdue": "due",
    "PML306.soon": "due",
    "PML307.overdue": "due",
    "PML307.soon": "due",
    "PML308.window": "closes",
    "PML308.closed": "closes",
    "PML308.expired": "expires",
    "PML603.missed": "due",
    "PML603.soon": "due",
    "PML603.interval": "due",
    "PML604.late": "due",
    "PML607.overdue": "due",
    "PML608.overdue": "due",
    "PML610.late": "due",
    "PML628.overdue": "due",
    # the registers: reports of an incident, the answer to a request (open ones, before and after the deadline)
    **{f"PML70{n}.{state}": "deadline" for n in (1, 2, 3, 4, 7) for state in ("due", "overdue")},
    # the yearly drill, the answer to a complaint and its closing
    **{f"PML711.{state}": "deadline" for state in ("missing", "soon", "none")},
    **{f"PML71{n}.{state}": "deadline" for n in (2, 3) for state in ("due", "overdue")},
    # the risk register: the yearly review of a risk analysis
    "PML733.overdue": "due",
    "PML733.soon": "due",
}
FORMAT = "pmarklint-due"
VERSION = 1
REMINDER_DAYS = 7


@dataclass(frozen=True)
class Deadline:
    due: dt.date
    days_left: int  # negative: overdue by that many days
    rule: str
    file: str
    line: int
    entry: str | None
    place: str | None  # the field inside the entry
    owner: str | None  # a person id
    owner_name: str | None
    what: str  # the finding's message, in the report's language
    last: str | None = None  # the day the deadline counts from, when the finding names it (a task last done)

    @property
    def uid(self) -> str:
        key = "\0".join((self.rule, self.file, self.entry or "", self.place or "", self.due.isoformat()))
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + "@pmarklint"


@dataclass(frozen=True)
class DueList:
    today: dt.date
    until: dt.date
    within: str
    language: str
    organization: str
    deadlines: tuple[Deadline, ...]
    emails: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # person id → the roster's emails


def load_due(start: Path, *, within: Duration, within_text: str, today: str | None, lang: str) -> DueList:
    """Every deadline up to ``within`` after today (and every one already passed), soonest first."""
    from pmarklint.check.engine import run_check

    result = run_check(start, today=today, lang=lang, history=False, window=within)
    language = lang  # the command's choice: --lang, else the repository's language, else the locale
    organization = str((result.config.data.get("organization") or {}).get("name") or "")
    found = [item for item in result.findings if item.message_key in DEADLINE_KEYS]
    deadlines = sorted(
        (d for d in (_deadline(item, result.today, result.owners, result.names, language) for item in found) if d),
        key=lambda d: (d.due, d.file, d.line, d.rule),
    )
    until = within.after(result.today)
    return DueList(
        result.today,
        until,
        within_text,
        language,
        organization,
        tuple(d for d in deadlines if d.due <= until),
        _emails(result),
    )


def _emails(result: CheckResult) -> dict[str, tuple[str, ...]]:
    """The roster's email addresses by person id, read from the files the check read (from its cache)."""
    from pmarklint.check.engine import load_one
    from pmarklint.workspace.cache import Cache, default_directory
    from pmarklint.workspace.files import find_git_dir

    config = result.config
    cache = Cache(default_directory(find_git_dir(result.root)))
    out: dict[str, tuple[str, ...]] = {}
    for rel in result.checked_files:
        loaded = load_one(result.root, rel, cache, config.max_file_size, config.rule_options)
        if loaded.kind != "person":
            continue
        for entry in loaded.entries:
            if isinstance(entry, dict) and isinstance(entry.get("id"), str) and isinstance(entry.get("emails"), list):
                out[entry["id"]] = tuple(e for e in entry["emails"] if isinstance(e, str) and e)
    return out


def _deadline(
    item: Finding, today: dt.date, owners: Mapping[tuple[str, str], str], names: Mapping[str, str], lang: str
) -> Deadline | None:
    args = dict(item.args)
    value = args.get(DEADLINE_KEYS[item.message_key])
    try:
        due = dt.date.fromisoformat(str(value))
    except ValueError:
        return None
    owner = owners.get((item.file, item.entry)) if item.entry else None
    return Deadline(
        due,
        (due - today).days,
        item.rule,
        item.file,
        item.line,
        item.entry,
        item.path,
        owner,
        names.get(owner) if owner else None,
        item.message(lang),
        str(args["last"]) if args.get("last") else None,
    )


# -- formats --------------------------------------------------------------------------------------------------


def render_due(listing: DueList, fmt: str, now: dt.datetime | None = None) -> bytes:
    if fmt == "json":
        return (json.dumps(_json(listing), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if fmt == "md":
        return _markdown(listing).encode("utf-8")
    if fmt == "ics":
        return _ics(listing, now or dt.datetime.now(dt.timezone.utc)).encode("utf-8")
    return _text(listing).encode("utf-8")


def render_due_by_owner(listing: DueList, fmt: str) -> bytes:
    """The deadlines grouped by owner, one section (Markdown, text) or object (JSON) per owner, soonest
    first within each; the deadlines nobody owns last. For CI jobs that keep one issue per owner."""
    groups = by_owner(listing)
    if fmt == "json":
        data = {
            "format": FORMAT_BY_OWNER,
            "version": VERSION,
            "pmarklint": __version__,
            "today": listing.today.isoformat(),
            "until": listing.until.isoformat(),
            "within": listing.within,
            "owners": [_owner_json(listing, owner, items) for owner, items in groups],
        }
        return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if fmt == "md":
        lang = listing.language
        heading = text("due.heading", lang, today=listing.today.isoformat(), until=listing.until.isoformat())
        parts = [f"# {_md(text('due_owner.title', lang))}", "", _md(heading), ""]
        for owner, items in groups:
            parts += [_owner_markdown(listing, owner, items, level=2)]
        if not groups:
            parts += [_md(text("due.summary", lang, count=0)), ""]
        return "\n".join(parts).encode("utf-8")
    return _owner_text(listing, groups).encode("utf-8")


FORMAT_BY_OWNER = "pmarklint-due-by-owner"


def by_owner(listing: DueList) -> list[tuple[str | None, list[Deadline]]]:
    """(owner id, their deadlines), owners by id, the deadlines without an owner last."""
    groups: dict[str | None, list[Deadline]] = {}
    for d in listing.deadlines:
        groups.setdefault(d.owner, []).append(d)
    return sorted(groups.items(), key=lambda item: (item[0] is None, item[0] or ""))


def _md(value: str) -> str:
    from pmarklint.render.markdown import escape_inline

    return escape_inline(value)


def _owner_label(listing: DueList, owner: str | None) -> str:
    lang = listing.language
    if owner is None:
        return text("due.no_owner", lang)
    name = next((d.owner_name for d in listing.deadlines if d.owner == owner and d.owner_name), None)
    return f"{name} ({owner})" if name else owner


def issue_title(listing: DueList, owner: str | None) -> str:
    """The title of the owner's issue: the owner's id, never their name, so that it stays the same."""
    lang = listing.language
    return text("due_owner.issue_title", lang, owner=owner or text("due.no_owner", lang))


def _owner_markdown(listing: DueList, owner: str | None, items: list[Deadline], *, level: int) -> str:
    from pmarklint.render.markdown import table

    lang = listing.language
    headers = [text(f"due.col.{c}", lang) for c in ("due", "left", "where", "what")]
    rows = [(d.due.isoformat(), _when(d, lang), _where(d), d.what) for d in items]
    lines = ["#" * level + " " + _md(_owner_label(listing, owner)), ""]
    emails = listing.emails.get(owner, ()) if owner else ()
    if emails:
        lines += [_md(text("due_owner.emails", lang, emails=", ".join(emails))), ""]
    overdue = sum(1 for d in items if d.days_left < 0)
    lines += [table(headers, rows), _md(text("due_owner.summary", lang, count=len(items), overdue=overdue)), ""]
    return "\n".join(lines)


def _owner_json(listing: DueList, owner: str | None, items: list[Deadline]) -> dict[str, Any]:
    lang = listing.language
    heading = text("due.heading", lang, today=listing.today.isoformat(), until=listing.until.isoformat())
    note = _md(text("due_owner.note", lang))
    body = "\n".join([_md(heading), "", _owner_markdown(listing, owner, items, level=2), note, ""])
    return {
        "owner": owner,
        "name": next((d.owner_name for d in items if d.owner_name), None),
        "emails": list(listing.emails.get(owner, ())) if owner else [],
        "title": issue_title(listing, owner),
        "count": len(items),
        "overdue": sum(1 for d in items if d.days_left < 0),
        "markdown": body,
        "deadlines": [_deadline_json(d) for d in items],
    }


def _owner_text(listing: DueList, groups: list[tuple[str | None, list[Deadline]]]) -> str:
    from pmarklint.visible import visible

    lang = listing.language
    out = [text("due.heading", lang, today=listing.today.isoformat(), until=listing.until.isoformat())]
    for owner, items in groups:
        emails = listing.emails.get(owner, ()) if owner else ()
        out.append("")
        out.append(visible(_owner_label(listing, owner) + (f" <{', '.join(emails)}>" if emails else "")))
        for d in items:
            out.append(visible(f"  {d.due.isoformat()}  {_when(d, lang)}  {_where(d)}"))
            out.append("      " + visible(d.what))
    out.append(text("due.summary", lang, count=len(listing.deadlines)))
    return "\n".join(out) + "\n"


def _json(listing: DueList) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "pmarklint": __version__,
        "today": listing.today.isoformat(),
        "until": listing.until.isoformat(),
        "within": listing.within,
        "deadlines": [_deadline_json(d) for d in listing.deadlines],
    }


def _deadline_json(d: Deadline) -> dict[str, Any]:
    return {
        "due": d.due.isoformat(),
        "days_left": d.days_left,
        "overdue": d.days_left < 0,
        "rule": d.rule,
        "file": d.file,
        "line": d.line,
        "entry": d.entry,
        "path": d.place,
        "owner": d.owner,
        "owner_name": d.owner_name,
        "message": d.what,
        "uid": d.uid,
    }


def _when(d: Deadline, lang: str) -> str:
    if d.days_left < 0:
        return text("due.overdue", lang, days=-d.days_left)
    if d.days_left == 0:
        return text("due.today", lang)
    return text("due.days_left", lang, days=d.days_left)


def _who(d: Deadline, lang: str) -> str:
    if d.owner is None:
        return text("due.no_owner", lang)
    return f"{d.owner_name} ({d.owner})" if d.owner_name else d.owner


def _where(d: Deadline) -> str:
    return f"{d.file}:{d.line}" + (f" {d.entry}" if d.entry else "")


def _text(listing: DueList) -> str:
    """For a terminal: control characters and line breaks from the data are shown as escapes."""
    from pmarklint.visible import visible

    lang = listing.language
    out = [text("due.heading", lang, today=listing.today.isoformat(), until=listing.until.isoformat())]
    for d in listing.deadlines:
        out.append(visible(f"{d.due.isoformat()}  {_when(d, lang)}  {_where(d)}  [{_who(d, lang)}]"))
        out.append("    " + visible(d.what))
    out.append(text("due.summary", lang, count=len(listing.deadlines)))
    return "\n".join(out) + "\n"


def _markdown(listing: DueList) -> str:
    from pmarklint.render.markdown import escape_inline, table

    lang = listing.language
    headers = [text(f"due.col.{c}", lang) for c in ("due", "left", "where", "owner", "what")]
    rows = [(d.due.isoformat(), _when(d, lang), _where(d), _who(d, lang), d.what) for d in listing.deadlines]
    heading = text("due.heading", lang, today=listing.today.isoformat(), until=listing.until.isoformat())
    return "\n".join(
        [
            f"# {escape_inline(text('due.title', lang))}",
            "",
            escape_inline(heading),
            "",
            table(headers, rows),
            escape_inline(text("due.summary", lang, count=len(listing.deadlines))),
            "",
        ]
    )


def _ics_escape(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks escaped; other control
    characters, which a TEXT value cannot hold, dropped."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    value = value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
    return "".join(ch for ch in value if ch == "\t" or (ord(ch) >= 0x20 and ord(ch) != 0x7F))


def _fold(line: str) -> Iterable[str]:
    """A content line folded at 75 octets (RFC 5545 3.1), never inside a UTF-8 character."""
    encoded = line.encode("utf-8")
    first = True
    while encoded:
        limit = 75 if first else 74
        cut = min(limit, len(encoded))
        while cut < len(encoded) and (encoded[cut] & 0xC0) == 0x80:
            cut -= 1
        piece, encoded = encoded[:cut], encoded[cut:]
        yield ("" if first else " ") + piece.decode("utf-8")
        first = False


def _ics(listing: DueList, now: dt.datetime) -> str:
    lang = listing.language
    stamp = now.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    name = text("due.calendar", lang, organization=listing.organization or "PMS")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//pmarklint//due {__version__}//{lang.upper()}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_ics_escape(name)}",
    ]
    for d in listing.deadlines:
        summary = f"{d.entry}: {d.what}" if d.entry else d.what
        where = _where(d) + (f" ({_who(d, lang)})" if d.owner else "")
        lines += [
            "BEGIN:VEVENT",
            f"UID:{d.uid}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{d.due.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(d.due + dt.timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{_ics_escape(summary)}",
            f"DESCRIPTION:{_ics_escape(where + chr(10) + d.what)}",
            f"CATEGORIES:{d.rule}",
            "TRANSP:TRANSPARENT",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"TRIGGER:-P{REMINDER_DAYS}D",
            f"DESCRIPTION:{_ics_escape(summary)}",
            "END:VALARM",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(folded + "\r\n" for line in lines for folded in _fold(line))
