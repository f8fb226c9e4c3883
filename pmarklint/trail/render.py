"""The audit trail in each format: JSON (the contract in docs/output-trail.md, ``format_version`` 1, schema
``schemas/trail.schema.json``), and, for people, Markdown, one self-contained HTML page and CSV (one row per
field change, UTF-8 with a BOM for Excel). The three for people are built from one document model
(:mod:`pmarklint.render`) in the reader's language, so they never disagree."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from pmarklint import __version__
from pmarklint.i18n import catalog, text
from pmarklint.render import Document, Items, Paragraph, Section, Table, csv_table, html, markdown
from pmarklint.trail.build import (
    ApprovalRecord,
    CommitInfo,
    DateMove,
    EntryChange,
    FieldChange,
    ReviewState,
    Trail,
    jsonable,
)

FORMATS = ("md", "html", "json", "csv")
FORMAT_VERSION = 1
SHORT = 10  # characters of a commit id shown to people
ABSENT = "—"

_CSS = """
tr.unapproved td, tr.not-backed td, tr.overdue td { background: #fdecea; }
tr.superseded td { background: #fff6e0; }
td.fields { font-size: .9em; }
td.path { overflow-wrap: normal; }
"""


def render_trail(trail: Trail, fmt: str, lang: str) -> bytes:
    if fmt == "json":
        return (json.dumps(trail_json(trail, lang), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if fmt == "csv":
        return csv_table.to_csv(_csv_headers(lang), _csv_rows(trail, lang))
    document = trail_document(trail, lang)
    if fmt == "html":
        return html.page(document, css=_CSS).encode("utf-8")
    return markdown.render(document).encode("utf-8")


# -- JSON ---------------------------------------------------------------------------------------------------
def trail_json(trail: Trail, lang: str) -> dict[str, Any]:
    summary = trail.summary()
    period = trail.period
    return {
        "tool": "pmarklint",
        "report": "trail",
        "format_version": FORMAT_VERSION,
        "version": __version__,
        "organization": trail.organization,
        "period": {
            "since": str(period.since),
            "until": str(period.until),
            "since_rev": period.since_rev,
            "until_rev": period.until_rev,
            "since_commit": period.since_commit,
            "until_commit": period.until_commit,
            "end_commit": trail.end_commit,
        },
        "filters": {
            "kinds": list(trail.filters.kinds),
            "ids": list(trail.filters.ids),
            "paths": list(trail.filters.paths),
        },
        "summary": {
            "commits": summary.commits,
            "entries": {
                "changed": summary.changed,
                "added": summary.added,
                "retired": summary.retired,
                "removed": summary.removed,
                "moved": summary.moved,
            },
            "changes": {
                "total": summary.content_changes,
                "approved": summary.approved,
                "unapproved": summary.unapproved,
                "superseded": summary.superseded,
                "not_required": summary.not_required,
            },
            "approvals": {"added": summary.approvals, "backed": summary.backed, "not_backed": summary.not_backed},
            "reviews": {"done": summary.reviews, "overdue": summary.overdue, "never_reviewed": summary.never_reviewed},
            "contractors_evaluated": summary.evaluated,
            "approvers": [{"person": p, "approvals": n, "backed": b} for p, n, b in summary.approvers],
        },
        "commits": [_commit_json(c) for c in trail.commits.values()],
        "changes": [_change_json(c) for c in trail.changes],
        "approvals": [_approval_json(a, lang) for a in trail.approvals],
        "reviews": [_move_json(r) for r in trail.reviews],
        "evaluations": [{**_move_json(e), "result": e.result} for e in trail.evaluations],
        "overdue": [_state_json(o) for o in trail.overdue],
        "never_reviewed": [_state_json(n) for n in trail.never_reviewed],
    }


def _commit_json(commit: CommitInfo) -> dict[str, Any]:
    return {
        "sha": commit.sha,
        "author": {"name": commit.author_name, "email": commit.author_email},
        "date": commit.author_date,
        "committed": commit.committer_date,
        "subject": commit.subject,
        "merge": commit.merge,
        "signature": {
            "status": commit.signature.status,
            "git": commit.signature.letter,
            "signer": commit.signature.signer,
        },
    }


def _change_json(change: EntryChange) -> dict[str, Any]:
    return {
        "entry": change.entry,
        "kind": change.kind,
        "commit": change.commit,
        "action": change.action,
        "path": change.path,
        "moved_from": change.moved_from,
        "merge": change.merge,
        "content_changed": change.content_changed,
        "digest": change.digest,
        "approval": change.approval,
        "approved_in": list(change.approved_in),
        "fields": [{"field": f.field, "old": jsonable(f.old), "new": jsonable(f.new)} for f in change.fields],
    }


def _approval_json(item: ApprovalRecord, lang: str) -> dict[str, Any]:
    return {
        "entry": item.entry,
        "kind": item.kind,
        "path": item.path,
        "commit": item.commit,
        "by": item.by,
        "role": item.role,
        "date": item.date,
        "digest": item.digest,
        "matches_content": item.matches_content,
        "backed": item.backed,
        "reason": item.reason,
        "message": None if item.backed else reason_text(item, lang),
    }


def _move_json(item: DateMove) -> dict[str, Any]:
    return {
        "entry": item.entry,
        "kind": item.kind,
        "path": item.path,
        "commit": item.commit,
        "from": item.old,
        "to": item.new,
    }


def _state_json(item: ReviewState) -> dict[str, Any]:
    return {
        "entry": item.entry,
        "kind": item.kind,
        "path": item.path,
        "last_reviewed": item.last_reviewed,
        "every": item.every,
        "due": item.due,
    }


def reason_text(item: ApprovalRecord, lang: str) -> str:
    """Why git does not back the approval, in words: the Judge's message, else a line per rule code."""
    messages = catalog(lang).MESSAGES
    if item.reason and item.reason in messages:
        try:
            return text(item.reason, lang, **item.reason_args)
        except (KeyError, IndexError, ValueError):
            pass
    code = (item.reason or "").split(".", 1)[0]
    key = f"trail.reason.{code}" if f"trail.reason.{code}" in messages else "trail.reason.other"
    return text(key, lang, reason=item.reason or "?")


# -- words -------------------------------------------------------------------------------------------------
def show(value: Any) -> str:
    """A value of an entry as a person reads it: text as written, lists and mappings in YAML's flow style."""
    if value is None:
        return ABSENT
    return _inner(value)


def _inner(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_inner(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_inner(v)}" for k, v in value.items()) + "}"
    return str(value)


def _field_lines(change: EntryChange) -> list[str]:
    if change.action in ("added", "removed"):
        return [f"{f.field}: {show(f.new if change.action == 'added' else f.old)}" for f in change.fields]
    return [_field_line(f) for f in change.fields]


def _field_line(item: FieldChange) -> str:
    return f"{item.field}: {show(item.old)} → {show(item.new)}"


def _short(sha: str | None) -> str:
    return sha[:SHORT] if sha else ""


def _kind(kind: str, lang: str) -> str:
    return text(f"trail.kind.{kind}", lang) if f"trail.kind.{kind}" in catalog(lang).MESSAGES else kind


def _role(role: str, lang: str) -> str:
    messages = catalog(lang).MESSAGES
    for key in (f"role.{role}", f"report.role.{role}"):
        if key in messages:
            return str(messages[key])
    return role


def _approval_word(change: EntryChange, lang: str) -> str:
    if change.approval is None:
        return ""
    word = text(f"trail.approval.{change.approval}", lang)
    if change.approved_in:
        word += " (" + ", ".join(_short(c) for c in change.approved_in) + ")"
    return word


def _signature(commit: CommitInfo | None, lang: str) -> str:
    if commit is None:
        return ""
    word = text(f"trail.signature.{commit.signature.status}", lang)
    return f"{word} ({commit.signature.signer})" if commit.signature.signer else word


def _yes(flag: bool, lang: str) -> str:
    return text("trail.yes" if flag else "trail.no", lang)


# -- the document for people ---------------------------------------------------------------------------------
def trail_document(trail: Trail, lang: str) -> Document:
    def t(key: str, **args: Any) -> str:
        return text(key, lang, **args)

    return Document(
        title=t("trail.title", organization=trail.organization) if trail.organization else t("trail.title_plain"),
        lang=lang,
        intro=tuple(_intro(trail, lang)),
        sections=(
            Section(t("trail.section.summary"), tuple(_summary(trail, lang)), anchor="summary"),
            Section(t("trail.section.changes"), (_changes(trail, lang),), anchor="changes"),
            Section(t("trail.section.approvals"), (_approvals(trail, lang),), anchor="approvals"),
            Section(t("trail.section.reviews"), (_reviews(trail, lang),), anchor="reviews"),
            Section(t("trail.section.evaluations"), (_evaluations(trail, lang),), anchor="evaluations"),
            Section(t("trail.section.overdue"), tuple(_overdue(trail, lang)), anchor="overdue"),
            Section(t("trail.section.commits"), (_commits(trail, lang),), anchor="commits"),
        ),
        contents_title=t("trail.contents"),
        footer=t("trail.footer", version=__version__),
    )


def _intro(trail: Trail, lang: str) -> list[Paragraph]:
    period = trail.period
    lines = [text("trail.intro.period", lang, since=str(period.since), until=str(period.until))]
    if period.since_rev:
        lines.append(text("trail.intro.since_rev", lang, rev=period.since_rev, commit=_short(period.since_commit)))
    if period.until_rev:
        lines.append(text("trail.intro.until_rev", lang, rev=period.until_rev, commit=_short(period.until_commit)))
    if trail.end_commit:
        lines.append(text("trail.intro.end_state", lang, commit=_short(trail.end_commit)))
    else:
        lines.append(text("trail.intro.no_end_state", lang))
    if trail.filters:
        parts = []
        for name, values in (
            ("kind", trail.filters.kinds),
            ("id", trail.filters.ids),
            ("path", trail.filters.paths),
        ):
            if values:
                parts.append(text(f"trail.filter.{name}", lang, values=", ".join(values)))
        lines.append(text("trail.intro.filters", lang, filters="; ".join(parts)))
    return [Paragraph("\n".join(lines))]


def _none(lang: str) -> Paragraph:
    return Paragraph(text("trail.none", lang))


def _summary(trail: Trail, lang: str) -> list[Paragraph | Items | Table]:
    s = trail.summary()

    def t(key: str, **args: Any) -> str:
        return text(key, lang, **args)

    rows = [
        (t("trail.sum.commits"), s.commits),
        (t("trail.sum.changed"), s.changed),
        (t("trail.sum.added"), s.added),
        (t("trail.sum.retired"), s.retired),
        (t("trail.sum.removed"), s.removed),
        (t("trail.sum.moved"), s.moved),
        (t("trail.sum.content_changes"), s.content_changes),
        (t("trail.sum.approved"), s.approved),
        (t("trail.sum.unapproved"), s.unapproved),
        (t("trail.sum.superseded"), s.superseded),
        (t("trail.sum.not_required"), s.not_required),
        (t("trail.sum.approvals"), s.approvals),
        (t("trail.sum.backed"), s.backed),
        (t("trail.sum.not_backed"), s.not_backed),
        (t("trail.sum.reviews"), s.reviews),
        (t("trail.sum.overdue"), s.overdue),
        (t("trail.sum.never"), s.never_reviewed),
        (t("trail.sum.evaluated"), s.evaluated),
    ]
    out: list[Paragraph | Items | Table] = [
        Table.of(
            (t("trail.col.item"), t("trail.col.count")),
            [(label, str(count)) for label, count in rows],
            column_classes=("", "number"),
        )
    ]
    attention = _attention(trail, lang)
    if attention:
        out += [Paragraph(t("trail.attention")), Items(tuple(attention))]
    out.append(Paragraph(t("trail.approvers")))
    if s.approvers:
        out.append(
            Table.of(
                (t("trail.col.approver"), t("trail.col.approvals"), t("trail.col.backed")),
                [(person, str(n), str(backed)) for person, n, backed in s.approvers],
                column_classes=("", "number", "number"),
            )
        )
    else:
        out.append(_none(lang))
    return out


def _attention(trail: Trail, lang: str) -> list[str]:
    """What an auditor asks about first: changes without a valid approval, approvals git does not back,
    reviews overdue at the end of the period."""
    out = []
    for change in trail.changes:
        if change.approval == "unapproved":
            commit = trail.commits.get(change.commit)
            day = commit.day if commit else ""
            out.append(text("trail.item.unapproved", lang, entry=change.entry, day=day, commit=_short(change.commit)))
    for item in trail.approvals:
        if not item.backed:
            out.append(
                text(
                    "trail.item.not_backed",
                    lang,
                    entry=item.entry,
                    person=item.by,
                    date=item.date,
                    reason=reason_text(item, lang),
                )
            )
    for state in trail.overdue:
        out.append(
            text("trail.item.overdue", lang, entry=state.entry, due=state.due or "", last=state.last_reviewed or "")
        )
    return out


def _changes(trail: Trail, lang: str) -> Paragraph | Table:
    if not trail.changes:
        return _none(lang)
    rows, classes = [], []
    for change in trail.changes:
        commit = trail.commits.get(change.commit)
        where = change.path
        if change.moved_from:
            where += "\n" + text("trail.moved_from", lang, path=change.moved_from)
        action = text(f"trail.action.{change.action}", lang)
        if change.merge:
            action += "\n" + text("trail.in_merge", lang)
        lines = _field_lines(change)
        if not lines and change.action == "moved":
            lines = [text("trail.content_unchanged", lang)]
        rows.append(
            (
                change.entry,
                commit.day if commit else "",
                _short(change.commit),
                commit.author_name if commit else "",
                _signature(commit, lang),
                action,
                where,
                "\n".join(lines),
                _approval_word(change, lang),
            )
        )
        classes.append(change.approval or "")
    return Table.of(
        [
            text(k, lang)
            for k in (
                "trail.col.entry",
                "trail.col.date",
                "trail.col.commit",
                "trail.col.author",
                "trail.col.signature",
                "trail.col.action",
                "trail.col.file",
                "trail.col.fields",
                "trail.col.approval",
            )
        ],
        rows,
        row_classes=classes,
        column_classes=("nowrap", "nowrap", "nowrap", "", "nowrap", "nowrap", "path", "fields", ""),
    )


def _approvals(trail: Trail, lang: str) -> Paragraph | Table:
    if not trail.approvals:
        return _none(lang)
    rows, classes = [], []
    for item in trail.approvals:
        commit = trail.commits.get(item.commit)
        backed = _yes(True, lang) if item.backed else _yes(False, lang) + ": " + reason_text(item, lang)
        rows.append(
            (
                item.entry,
                commit.day if commit else "",
                _short(item.commit),
                item.by,
                _role(item.role, lang),
                item.date,
                _yes(item.matches_content, lang),
                backed,
            )
        )
        classes.append("" if item.backed else "not-backed")
    headers = [
        text(k, lang)
        for k in (
            "trail.col.entry",
            "trail.col.date",
            "trail.col.commit",
            "trail.col.approver",
            "trail.col.role",
            "trail.col.approved_on",
            "trail.col.matches",
            "trail.col.git",
        )
    ]
    return Table.of(headers, rows, row_classes=classes, column_classes=("nowrap", "nowrap", "nowrap"))


def _date_moves(trail: Trail, items: Sequence[DateMove], lang: str, last: str, evaluation: bool) -> Paragraph | Table:
    if not items:
        return _none(lang)
    rows = []
    for item in items:
        commit = trail.commits.get(item.commit)
        row = [
            item.entry,
            _kind(item.kind, lang),
            commit.day if commit else "",
            _short(item.commit),
            commit.author_name if commit else "",
            f"{item.old or ABSENT} → {item.new}",
        ]
        if evaluation:
            row.append(text(f"trail.result.{item.result}", lang) if item.result else "")
        rows.append(row)
    keys = ["trail.col.entry", "trail.col.kind", "trail.col.date", "trail.col.commit", "trail.col.recorded_by", last]
    if evaluation:
        keys.append("trail.col.result")
    return Table.of([text(k, lang) for k in keys], rows, column_classes=("nowrap", "", "nowrap", "nowrap"))


def _reviews(trail: Trail, lang: str) -> Paragraph | Table:
    return _date_moves(trail, trail.reviews, lang, "trail.col.reviewed", False)


def _evaluations(trail: Trail, lang: str) -> Paragraph | Table:
    return _date_moves(trail, trail.evaluations, lang, "trail.col.evaluated", True)


def _overdue(trail: Trail, lang: str) -> list[Paragraph | Table]:
    out: list[Paragraph | Table] = [Paragraph(text("trail.overdue_intro", lang, until=str(trail.period.until)))]
    headers = [
        text(k, lang)
        for k in ("trail.col.entry", "trail.col.kind", "trail.col.file", "trail.col.last_reviewed", "trail.col.every")
    ]
    if trail.overdue:
        out.append(
            Table.of(
                [*headers, text("trail.col.due", lang)],
                [
                    (o.entry, _kind(o.kind, lang), o.path, o.last_reviewed or "", o.every, o.due or "")
                    for o in trail.overdue
                ],
                row_classes=["overdue"] * len(trail.overdue),
                column_classes=("nowrap",),
            )
        )
    else:
        out.append(_none(lang))
    out.append(Paragraph(text("trail.never_intro", lang)))
    if trail.never_reviewed:
        out.append(
            Table.of(
                headers[:3],
                [(n.entry, _kind(n.kind, lang), n.path) for n in trail.never_reviewed],
                column_classes=("nowrap",),
            )
        )
    else:
        out.append(_none(lang))
    return out


def _commits(trail: Trail, lang: str) -> Paragraph | Table:
    if not trail.commits:
        return _none(lang)
    rows = [
        (
            _short(c.sha),
            c.author_date.replace("T", " "),
            c.author_name,
            c.author_email,
            _signature(c, lang),
            c.subject,
        )
        for c in trail.commits.values()
    ]
    headers = [
        text(k, lang)
        for k in (
            "trail.col.commit",
            "trail.col.date",
            "trail.col.author",
            "trail.col.email",
            "trail.col.signature",
            "trail.col.subject",
        )
    ]
    return Table.of(headers, rows, column_classes=("nowrap", "nowrap"))


# -- CSV: one row per field change ------------------------------------------------------------------------------
_CSV_COLUMNS = (
    "trail.col.date",
    "trail.col.commit",
    "trail.col.author",
    "trail.col.email",
    "trail.col.signature",
    "trail.col.entry",
    "trail.col.kind",
    "trail.col.action",
    "trail.col.file",
    "trail.col.moved_from",
    "trail.col.field",
    "trail.col.old",
    "trail.col.new",
    "trail.col.approval",
)


def _csv_headers(lang: str) -> list[str]:
    return [text(k, lang) for k in _CSV_COLUMNS]


def _csv_rows(trail: Trail, lang: str) -> list[list[str]]:
    rows = []
    for change in trail.changes:
        commit = trail.commits.get(change.commit)
        head = [
            commit.author_date if commit else "",
            change.commit,
            commit.author_name if commit else "",
            commit.author_email if commit else "",
            _signature(commit, lang),
            change.entry,
            _kind(change.kind, lang),
            text(f"trail.action.{change.action}", lang),
            change.path,
            change.moved_from or "",
        ]
        approval = _approval_word(change, lang)
        fields = change.fields or (FieldChange("", None, None),)
        for item in fields:
            old = "" if item.old is None else show(item.old)
            new = "" if item.new is None else show(item.new)
            rows.append([*head, item.field, old, new, approval])
    return rows
