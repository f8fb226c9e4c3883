"""The audit trail as one document for people (:mod:`pmarklint.render`): a summary first, then the changes,
approvals, reviews, evaluations, what was overdue at the end and the commits. Markdown and HTML are drawn
from it, so they never disagree."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pmarklint import __version__
from pmarklint.i18n import text
from pmarklint.render import Document, Items, Paragraph, Section, Table
from pmarklint.trail.model import (
    DateMove,
    Trail,
)
from pmarklint.trail.words import (
    ABSENT,
    approval_word,
    field_lines,
    kind_word,
    person_word,
    reason_text,
    role_word,
    short,
    signature_word,
    yes_word,
)

CSS = """
tr.unapproved td, tr.not-backed td, tr.overdue td { background: #fdecea; }
tr.superseded td { background: #fff6e0; }
td.fields { font-size: .9em; }
td.path { overflow-wrap: normal; }
"""


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
            *_skipped_section(trail, lang),
            Section(t("trail.section.commits"), (_commits(trail, lang),), anchor="commits"),
        ),
        contents_title=t("trail.contents"),
        footer=t("trail.footer", version=__version__),
    )


def _intro(trail: Trail, lang: str) -> list[Paragraph]:
    period = trail.period
    lines = [text("trail.intro.period", lang, since=str(period.since), until=str(period.until))]
    if period.since_rev:
        lines.append(text("trail.intro.since_rev", lang, rev=period.since_rev, commit=short(period.since_commit)))
    if period.until_rev:
        lines.append(text("trail.intro.until_rev", lang, rev=period.until_rev, commit=short(period.until_commit)))
    if trail.end_commit:
        lines.append(text("trail.intro.end_state", lang, commit=short(trail.end_commit)))
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
                [(person_word(person, trail.names, lang), str(n), str(backed)) for person, n, backed in s.approvers],
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
            out.append(text("trail.item.unapproved", lang, entry=change.entry, day=day, commit=short(change.commit)))
    for item in trail.approvals:
        if not item.backed:
            out.append(
                text(
                    "trail.item.not_backed",
                    lang,
                    entry=item.entry,
                    person=item.by,
                    person_name=trail.names.get(item.by, ""),
                    date=item.date,
                    reason=reason_text(item, lang, trail.names),
                )
            )
    for state in trail.overdue:
        out.append(
            text("trail.item.overdue", lang, entry=state.entry, due=state.due or "", last=state.last_reviewed or "")
        )
    if trail.skipped:
        out.append(text("trail.item.skipped", lang, count=len(trail.skipped)))
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
        lines = field_lines(change)
        if not lines and change.action == "moved":
            lines = [text("trail.content_unchanged", lang)]
        rows.append(
            (
                change.entry,
                commit.day if commit else "",
                short(change.commit),
                commit.author_name if commit else "",
                signature_word(commit, lang),
                action,
                where,
                "\n".join(lines),
                approval_word(change, lang),
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
        backed = (
            yes_word(True, lang) if item.backed else yes_word(False, lang) + ": " + reason_text(item, lang, trail.names)
        )
        rows.append(
            (
                item.entry,
                commit.day if commit else "",
                short(item.commit),
                person_word(item.by, trail.names, lang),
                role_word(item.role, lang),
                item.date,
                yes_word(item.matches_content, lang),
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
            kind_word(item.kind, lang),
            commit.day if commit else "",
            short(item.commit),
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
                    (o.entry, kind_word(o.kind, lang), o.path, o.last_reviewed or "", o.every, o.due or "")
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
                [(n.entry, kind_word(n.kind, lang), n.path) for n in trail.never_reviewed],
                column_classes=("nowrap",),
            )
        )
    else:
        out.append(_none(lang))
    return out


def _skipped_section(trail: Trail, lang: str) -> tuple[Section, ...]:
    """The revisions not read because they are over limits.max_file_size: a section only when there are some
    (what changed across one is shown on the next commit that changed the file)."""
    if not trail.skipped:
        return ()
    headers = [
        text(k, lang)
        for k in ("trail.col.file", "trail.col.commit", "trail.col.size", "trail.col.limit", "trail.col.blob")
    ]
    rows = [(s.path or "?", short(s.commit) or "?", str(s.size), str(s.limit), short(s.blob)) for s in trail.skipped]
    blocks = (
        Paragraph(text("trail.skipped_intro", lang)),
        Table.of(headers, rows, row_classes=["overdue"] * len(rows), column_classes=("path", "nowrap")),
    )
    return (Section(text("trail.section.skipped", lang), blocks, anchor="skipped"),)


def _commits(trail: Trail, lang: str) -> Paragraph | Table:
    if not trail.commits:
        return _none(lang)
    rows = [
        (
            short(c.sha),
            c.author_date.replace("T", " "),
            c.author_name,
            c.author_email,
            signature_word(c, lang),
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
