"""``pmarklint report audits``: the internal-audit and management-review summary of a fiscal year (内部監査及び
マネジメントレビューの実施状況のまとめ), our own layout of what an application or a renewal is asked about
J.6.2, J.6.3 and J.7.1: the audit plans of the year (lead, scope, auditors, criteria, schedule), each audit
held (date, department, auditor, findings by type, when top management had the report), every finding with
the corrective action it led to and that action's state, every corrective action raised in the year, and each
management review of the year with its attendees, inputs, decisions and actions.

The year's audits are the reports of the year's plans (a plan's ``fiscal_year``), and reports without a known
plan whose date falls in the year; reviews and corrective actions belong to the year their date
(``date``, ``raised_on``) falls in."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pmarklint.dates import parse_date
from pmarklint.i18n import text
from pmarklint.render import Document, Paragraph, Section, Table
from pmarklint.reports.summary import (
    Records,
    department,
    footer,
    intro,
    joined,
    mappings,
    person,
    plain,
    strings,
    word,
)

FINDING_TYPES = ("nonconformity", "observation", "improvement")
INPUTS = (
    "previous_actions",
    "issues_changes",
    "nonconformities",
    "operation_checks",
    "audit_results",
    "objectives",
    "feedback",
    "risk_assessment",
    "improvement_opportunities",
    "law_changes",
)
OUTPUTS = ("improvements", "pms_changes", "resources")


def build_audits(records: Records, lang: str) -> Document:
    plans = [p for p in records.of("audit_plan") if plain(p.get("fiscal_year")) == str(records.year)]
    plan_ids = {plain(p.get("id")) for p in records.of("audit_plan")}
    ours = {plain(p.get("id")) for p in plans}
    reports = sorted(
        (
            r
            for r in records.of("audit_report")
            if plain(r.get("plan")) in ours or (plain(r.get("plan")) not in plan_ids and records.within(r.get("date")))
        ),
        key=lambda r: (plain(r.get("date")), plain(r.get("id"))),
    )
    actions = sorted(
        (c for c in records.of("corrective") if records.within(c.get("raised_on"))),
        key=lambda c: (plain(c.get("raised_on")), plain(c.get("id"))),
    )
    reviews = sorted(
        (r for r in records.of("review") if records.within(r.get("date"))),
        key=lambda r: (plain(r.get("date")), plain(r.get("id"))),
    )
    sections: list[Section] = []
    if plans or reports:
        sections += [
            _plans(plans, reports, records, lang),
            _reports(reports, records, lang),
            _findings(reports, records, lang),
        ]
    if actions:
        sections.append(_actions(actions, records, lang))
    sections += [_review(number, review, records, lang) for number, review in enumerate(reviews, start=1)]
    if not sections:
        empty = Paragraph(text("audits.none", lang, year=records.year))
        sections.append(Section(text("audits.section.plans", lang), (empty,), "plans"))
    else:
        if not (plans or reports):
            sections.insert(
                0, Section(text("audits.section.plans", lang), (Paragraph(text("audits.no_audit", lang)),), "plans")
            )
        if not reviews:
            sections.append(
                Section(text("audits.section.review", lang), (Paragraph(text("audits.no_review", lang)),), "review")
            )
    return Document(
        title=text("audits.title", lang, year=records.year),
        lang=lang,
        sections=tuple(sections),
        intro=intro(records, lang),
        contents_title=text("report.contents", lang),
        footer=footer(lang),
    )


def _headers(lang: str, *columns: str) -> list[str]:
    return [text(f"audits.col.{c}", lang) for c in columns]


def _plans(plans: list[dict[str, Any]], reports: list[dict[str, Any]], records: Records, lang: str) -> Section:
    rows = []
    for plan in plans:
        auditors = [
            f"{department(records, a.get('department'))}: {person(records, a.get('auditor'), lang)}"
            for a in mappings(plan.get("auditors"))
        ]
        rows.append(
            (
                plain(plan.get("id")),
                person(records, plan.get("lead"), lang),
                joined([department(records, d) for d in strings(plan.get("scope"))], lang),
                "\n".join(auditors),
                joined([word("criterion", c, lang) for c in strings(plan.get("criteria"))], lang),
                plain(plan.get("schedule")),
            )
        )
    blocks: list[Paragraph | Table] = []
    if rows:
        blocks.append(Table.of(_headers(lang, "plan", "lead", "scope", "auditors", "criteria", "schedule"), rows))
    else:
        blocks.append(Paragraph(text("audits.no_plan", lang, year=records.year)))
    audited = {plain(r.get("department")) for r in reports}
    scope = [d for p in plans for d in strings(p.get("scope"))]
    unaudited = [department(records, d) for d in dict.fromkeys(scope) if d not in audited]
    if unaudited:
        blocks.append(Paragraph(text("audits.unaudited", lang, departments=joined(unaudited, lang))))
    return Section(text("audits.section.plans", lang), tuple(blocks), "plans")


def _reports(reports: list[dict[str, Any]], records: Records, lang: str) -> Section:
    rows = []
    for report in reports:
        found = mappings(report.get("findings"))
        counts = [
            text(f"audits.finding_count.{kind}", lang, count=n)
            for kind in FINDING_TYPES
            if (n := sum(1 for f in found if plain(f.get("type")) == kind))
        ]
        rows.append(
            (
                plain(report.get("date")),
                plain(report.get("id")),
                department(records, report.get("department")),
                person(records, report.get("auditor"), lang),
                "\n".join(counts) or text("audits.no_findings", lang),
                plain(report.get("reported_to_top_management")) or text("audits.not_reported", lang),
            )
        )
    if not rows:
        return Section(text("audits.section.reports", lang), (Paragraph(text("audits.no_reports", lang)),), "reports")
    table = Table.of(
        _headers(lang, "date", "report", "department", "auditor", "findings", "reported"),
        rows,
        column_classes=["date", "nowrap", "nowrap", "nowrap", "", "date"],
    )
    return Section(text("audits.section.reports", lang), (table,), "reports")


def _findings(reports: list[dict[str, Any]], records: Records, lang: str) -> Section:
    by_id = {plain(c.get("id")): c for c in records.of("corrective")}
    rows, classes = [], []
    for report in reports:
        for finding in mappings(report.get("findings")):
            ref = plain(finding.get("corrective"))
            kind = plain(finding.get("type"))
            if ref:
                state, css = action_state(by_id.get(ref), records.today, lang)
            elif kind == "nonconformity":
                state, css = text("audits.state.no_action", lang), "overdue"
            else:
                state, css = "", ""
            rows.append(
                (
                    plain(report.get("id")),
                    plain(finding.get("id")),
                    text(f"audits.finding.{kind}", lang) if kind in FINDING_TYPES else kind,
                    plain(finding.get("item")),
                    plain(finding.get("text")),
                    ref,
                    state,
                )
            )
            classes.append(css)
    if not rows:
        return Section(text("audits.section.findings", lang), (Paragraph(text("audits.no_finding", lang)),), "findings")
    table = Table.of(
        _headers(lang, "report", "finding", "type", "item", "text", "corrective", "state"),
        rows,
        row_classes=classes,
        column_classes=["nowrap", "nowrap", "nowrap", "nowrap", "", "nowrap", ""],
    )
    return Section(text("audits.section.findings", lang), (table,), "findings")


def action_state(action: dict[str, Any] | None, today: dt.date, lang: str) -> tuple[str, str]:
    """A corrective action's state in words, and the row's class: done (and whether its effectiveness was
    checked), open, or open past its due date."""
    if action is None:
        return text("audits.state.unknown", lang), "overdue"
    done = plain(action.get("done_on"))
    due = parse_date(action.get("due"))
    if done:
        check = action.get("effectiveness")
        checked = plain(check.get("checked_on")) if isinstance(check, dict) else ""
        if checked and isinstance(check, dict):
            result = plain(check.get("result"))
            verdict = text(f"audits.effect.{result}", lang) if result in ("effective", "not_effective") else result
            return text("audits.state.checked", lang, done=done, checked=checked, result=verdict), ""
        return text("audits.state.done", lang, done=done), ""
    if due is not None and due < today:
        return text("audits.state.overdue", lang, due=due.isoformat()), "overdue"
    if due is not None:
        return text("audits.state.open", lang, due=due.isoformat()), "open"
    return text("audits.state.open_no_due", lang), "open"


def _source(action: dict[str, Any], lang: str) -> str:
    from pmarklint.i18n import catalog

    source = plain(action.get("source"))
    messages = catalog(lang).MESSAGES
    shown = messages.get(f"corrective_source.{source}") or source
    ref = plain(action.get("source_ref"))
    return f"{shown} ({ref})" if ref else str(shown)


def _actions(actions: list[dict[str, Any]], records: Records, lang: str) -> Section:
    rows, classes = [], []
    for action in actions:
        state, css = action_state(action, records.today, lang)
        rows.append(
            (
                plain(action.get("raised_on")),
                plain(action.get("id")),
                _source(action, lang),
                plain(action.get("item")),
                plain(action.get("nonconformity")),
                plain(action.get("action")),
                person(records, action.get("owner"), lang),
                state,
            )
        )
        classes.append(css)
    table = Table.of(
        _headers(lang, "raised", "corrective", "source", "item", "nonconformity", "action", "owner", "state"),
        rows,
        row_classes=classes,
        column_classes=["date", "nowrap", "", "nowrap", "", "", "nowrap", ""],
    )
    return Section(text("audits.section.actions", lang), (table,), "actions")


def _content(value: Any, lang: str) -> str:
    if isinstance(value, dict):
        summary = plain(value.get("summary"))
        documents = strings(value.get("documents"))
        lines = [summary] if summary else []
        if documents:
            lines.append(text("audits.documents", lang, documents=joined(documents, lang)))
        return "\n".join(lines)
    return plain(value)


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _review(number: int, review: dict[str, Any], records: Records, lang: str) -> Section:
    day = plain(review.get("date"))
    attendees = joined([person(records, a, lang) for a in strings(review.get("attendees"))], lang)
    head = Paragraph(
        text("audits.review_head", lang, record=plain(review.get("id")), date=day, attendees=attendees or "-")
    )
    inputs = _mapping(review.get("inputs"))
    outputs = _mapping(review.get("outputs"))
    empty = text("audits.not_recorded", lang)
    input_rows = [(word("review_input", key, lang), _content(inputs.get(key), lang) or empty) for key in INPUTS]
    input_rows += [(key, _content(value, lang)) for key, value in inputs.items() if key not in INPUTS]
    output_rows = [(word("review_input", key, lang), _content(outputs.get(key), lang) or empty) for key in OUTPUTS]
    blocks: list[Paragraph | Table] = [
        head,
        Table.of(_headers(lang, "input", "input_content"), input_rows),
        Table.of(_headers(lang, "output", "decided"), output_rows),
    ]
    action_rows, classes = [], []
    for action in mappings(review.get("actions")):
        done = plain(action.get("done_on"))
        due = parse_date(action.get("due"))
        if done:
            state, css = text("audits.state.completed", lang, done=done), ""
        elif due is not None and due < records.today:
            state, css = text("audits.state.overdue", lang, due=due.isoformat()), "overdue"
        else:
            state, css = text("audits.state.open", lang, due=plain(action.get("due")) or "-"), "open"
        action_rows.append(
            (plain(action.get("id")), plain(action.get("text")), person(records, action.get("owner"), lang), state)
        )
        classes.append(css)
    if action_rows:
        blocks.append(
            Table.of(_headers(lang, "action", "action_text", "owner", "state"), action_rows, row_classes=classes)
        )
    else:
        blocks.append(Paragraph(text("audits.no_actions", lang)))
    title = text("audits.section.review_of", lang, date=day)
    return Section(title, tuple(blocks), f"review-{number}")
