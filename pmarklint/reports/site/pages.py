"""The pages of the site, as HTML text: the front page, one page per kind, the Fit & Gap and the year's
calendar. Plain HTML and inline CSS, nothing fetched from anywhere, one small inline script that filters a
table (without it every row shows). Every value from the repository goes through :func:`escape`; the only
markup here is the pages' own.

Page names are fixed (``index.html``, ``fitgap.html``, ``calendar.html``) or made from a kind name of
:data:`pmarklint.resources.KINDS` (``kind-inventory.html``): never from what an entry holds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pmarklint import __version__
from pmarklint.dates import fiscal_year, fiscal_year_bounds, parse_date
from pmarklint.i18n import catalog, text
from pmarklint.render import html as render_html
from pmarklint.render.html import BASE_CSS, escape, escape_lines
from pmarklint.reports.due import Deadline
from pmarklint.reports.fitgap import document as fitgap_document
from pmarklint.reports.fitgap import status_name
from pmarklint.reports.site.data import FRONT_WINDOWS, OTHER, SETTINGS, Entry, PlanItem, Site
from pmarklint.trail.words import approval_word, kind_word, reason_text, role_word, short

FRONT = "index.html"
FITGAP = "fitgap.html"
CALENDAR = "calendar.html"


def kind_page(kind: str) -> str:
    return f"kind-{kind}.html"


def kind_title(kind: str, lang: str) -> str:
    """A kind's name as a heading or a link says it (the trail's word, capitalised)."""
    word = kind_word(kind, lang)
    return word[:1].upper() + word[1:]


class Markup(str):
    """HTML this module wrote itself (already escaped): a table cell that holds links."""


Cell = str | Markup


@dataclass(frozen=True)
class Page:
    name: str  # the file name
    html: str


SITE_CSS = """
nav.site { display: flex; flex-wrap: wrap; gap: .3rem 1rem; padding: .5rem 0 .6rem; margin-bottom: .8rem;
  border-bottom: 1px solid #c8d0dc; }
nav.site a[aria-current="page"] { font-weight: bold; text-decoration: none; color: #1a1a1a; }
.figures { display: flex; flex-wrap: wrap; gap: .6rem; margin: .5rem 0; }
.figure { border: 1px solid #9aa5b5; border-radius: 4px; padding: .4rem .8rem; min-width: 7.5rem; background: #f5f7fa; }
.figure .n { display: block; font-size: 1.6rem; font-weight: bold; font-variant-numeric: tabular-nums; }
.figure.bad { background: #fdecea; border-color: #d08a80; }
.figure.warn { background: #fff6e0; border-color: #d7b66a; }
.filter { margin: .4rem 0; }
.filter input { font: inherit; padding: .2rem .4rem; min-width: 18rem; }
tr.has-errors td { background: #fdecea; }
tr.has-warnings td { background: #fff6e0; }
tr.overdue td { background: #fdecea; }
tr.status-missing td { background: #fbe3e1; }
tr.status-gap td { background: #fcefdc; }
tr.status-partial td { background: #fbf6dc; }
td.id, td.date { white-space: nowrap; overflow-wrap: normal; }
td.history, td.approvals { font-size: .9em; }
@media print {
  nav.site, .filter { display: none; }
  .figure { break-inside: avoid; }
}
"""

# Filters the rows of the table(s) inside the element a search box names; shows the box only when it runs.
SCRIPT = """
document.querySelectorAll("input[data-filter]").forEach(function (box) {
  var scope = document.getElementById(box.getAttribute("data-filter"));
  box.closest(".filter").hidden = false;
  box.addEventListener("input", function () {
    var words = box.value.trim().toLowerCase();
    scope.querySelectorAll("tbody tr").forEach(function (row) {
      row.hidden = words !== "" && row.textContent.toLowerCase().indexOf(words) < 0;
    });
  });
});
"""


def pages(site: Site, lang: str) -> list[Page]:
    """Every page of the site."""
    out = [Page(FRONT, front(site, lang))]
    out += [Page(kind_page(kind), kind_html(site, kind, lang)) for kind in site.entries]
    out += [Page(FITGAP, fitgap_html(site, lang)), Page(CALENDAR, calendar_html(site, lang))]
    return out


# -- the frame of every page -------------------------------------------------------------------------------


def _frame(site: Site, lang: str, current: str, heading: str, body: str, *, script: bool = False) -> str:
    def t(key: str, **args: object) -> str:
        return text(key, lang, **args)

    links = [(FRONT, t("site.nav.front"))]
    links += [(kind_page(kind), kind_title(kind, lang)) for kind in site.entries]
    links += [(FITGAP, t("site.nav.fitgap")), (CALENDAR, t("site.nav.calendar"))]
    nav = "".join(
        f'<a href="{name}"' + (' aria-current="page"' if name == current else "") + f">{escape(label)}</a>\n"
        for name, label in links
    )
    title = t("site.title", organization=site.organization) if site.organization else t("site.title_plain")
    as_of = (
        t("site.as_of_commit", date=site.today.isoformat(), commit=short(site.commit))
        if site.commit
        else t("site.as_of", date=site.today.isoformat())
    )
    page_title = title if current == FRONT else f"{heading} | {title}"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(page_title)}</title>\n<style>{BASE_CSS}{SITE_CSS}</style>\n</head>\n<body>\n"
        f'<nav class="site" aria-label="{escape(t("site.nav"))}">\n{nav}</nav>\n'
        f"<header>\n<h1>{escape(heading)}</h1>\n<p>{escape(as_of)}</p>\n</header>\n"
        f"<main>\n{body}</main>\n"
        f"<footer><p>{escape(t('site.footer', version=__version__))}</p></footer>\n"
        + (f"<script>{SCRIPT}</script>\n" if script else "")
        + "</body>\n</html>\n"
    )


def _section(anchor: str, title: str, body: str) -> str:
    return f'<section id="{anchor}">\n<h2>{escape(title)}</h2>\n{body}</section>\n'


def _cell(value: Cell) -> str:
    return value if isinstance(value, Markup) else escape_lines(value)


def _table(
    headers: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    *,
    classes: Sequence[str] = (),
    row_classes: Sequence[str] = (),
    row_ids: Sequence[str] = (),
    table_id: str = "",
) -> str:
    def cls(i: int) -> str:
        return f' class="{classes[i]}"' if i < len(classes) and classes[i] else ""

    head = "".join(f'<th scope="col"{cls(i)}>{escape(h)}</th>' for i, h in enumerate(headers))
    body = []
    for n, row in enumerate(rows):
        attrs = f' id="{row_ids[n]}"' if n < len(row_ids) and row_ids[n] else ""
        attrs += f' class="{row_classes[n]}"' if n < len(row_classes) and row_classes[n] else ""
        body.append(f"<tr{attrs}>" + "".join(f"<td{cls(i)}>{_cell(c)}</td>" for i, c in enumerate(row)) + "</tr>")
    ident = f' id="{table_id}"' if table_id else ""
    return f"<table{ident}>\n<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>\n"


def _filter(target: str, lang: str) -> str:
    label, hint = escape(text("site.filter", lang)), escape(text("site.filter_hint", lang))
    return (
        f'<p class="filter" hidden><label>{label} '
        f'<input type="search" data-filter="{target}" placeholder="{hint}"></label></p>\n'
    )


def _link(href: str, label: str) -> Markup:
    return Markup(f'<a href="{escape(href)}">{escape(label)}</a>')


def _entry_link(site: Site, file: str, entry: str | None, label: str | None = None) -> Cell:
    """A link to an entry's row on its kind's page; the file and line as text when it has no row."""
    found = site.anchor_of(file, entry)
    shown = label if label is not None else (entry or file)
    if found is None:
        return shown
    kind, anchor = found
    return _link(f"{kind_page(kind)}#{anchor}", shown)


def _person(site: Site, person: str) -> str:
    if not person:
        return ""
    name = site.names.get(person)
    return f"{name} ({person})" if name else person


# -- the front page ----------------------------------------------------------------------------------------


def front(site: Site, lang: str) -> str:
    def t(key: str, **args: object) -> str:
        return text(key, lang, **args)

    figures = [
        ("errors", site.errors, "bad" if site.errors else ""),
        ("warnings", site.warnings, "warn" if site.warnings else ""),
        ("waived", site.waived, ""),
        ("files", site.files, ""),
        ("entries", site.entry_count, ""),
    ]
    boxes = "".join(
        f'<div class="figure {look}" data-figure="{name}"><span class="n">{count}</span>'
        f'<span class="label">{escape(t("site.figure." + name))}</span></div>\n'
        for name, count, look in figures
    )
    body = _section(
        "check",
        t("site.section.figures"),
        f'<div class="figures">\n{boxes}</div>\n<p>{escape(t("site.figures_note"))}</p>\n',
    )
    body += _section("areas", t("site.section.areas"), _areas(site, lang))
    body += _section("due", t("site.section.due"), _due(site, lang))
    body += _section("latest", t("site.section.latest"), _latest(site, lang))
    body += _section("renewal", t("site.section.renewal"), _renewal(site, lang))
    title = t("site.title", organization=site.organization) if site.organization else t("site.title_plain")
    return _frame(site, lang, FRONT, title, body)


def _areas(site: Site, lang: str) -> str:
    counts: dict[str, list[int]] = {}
    for item in site.findings:
        area = site.area_of.get(item.file, OTHER)
        pair = counts.setdefault(area, [0, 0])
        pair[0 if item.level == "error" else 1] += 1
    order = [*site.entries, *(a for a in counts if a not in site.entries and a not in (SETTINGS, OTHER))]
    order += [a for a in (SETTINGS, OTHER) if a in counts]
    rows: list[list[Cell]] = []
    for area in order:
        errors, warnings = counts.get(area, [0, 0])
        if area in site.entries:
            label: Cell = _link(kind_page(area), kind_title(area, lang))
        else:
            label = text(f"site.area.{area}", lang) if area in (SETTINGS, OTHER) else kind_title(area, lang)
        rows.append([label, str(errors), str(warnings)])
    rows.append([text("site.area.total", lang), str(site.errors), str(site.warnings)])
    headers = [text(f"site.col.{c}", lang) for c in ("area", "errors", "warnings")]
    return _table(headers, rows, classes=("", "number", "number"))


def _due(site: Site, lang: str) -> str:
    today = site.today
    soon_limit, later_limit = (today + dt.timedelta(days=days) for days in FRONT_WINDOWS)
    listed = [d for d in site.due.deadlines if d.due <= later_limit]
    overdue = sum(1 for d in listed if d.days_left < 0)
    soon = sum(1 for d in listed if 0 <= d.days_left and d.due <= soon_limit)
    later = sum(1 for d in listed if d.days_left >= 0)
    figures = [
        ("overdue", overdue, text("site.due.overdue", lang), "bad" if overdue else ""),
        ("due-30", soon, text("site.due.within", lang, days=FRONT_WINDOWS[0]), "warn" if soon else ""),
        ("due-90", later, text("site.due.within", lang, days=FRONT_WINDOWS[1]), ""),
    ]
    boxes = "".join(
        f'<div class="figure {look}" data-figure="{name}"><span class="n">{count}</span>'
        f'<span class="label">{escape(label)}</span></div>\n'
        for name, count, label, look in figures
    )
    sentence = text("site.due.sentence", lang, overdue=overdue, soon=soon, later=later)
    headers = [text(f"site.col.{c}", lang) for c in ("due", "left", "what", "entry", "owner")]
    rows = [
        [d.due.isoformat(), _left(d, lang), d.what, _entry_link(site, d.file, d.entry), _owner(site, d)] for d in listed
    ]
    table = _table(
        headers,
        rows,
        classes=("date", "nowrap", "", "id", ""),
        row_classes=["overdue" if d.days_left < 0 else "" for d in listed],
    )
    return f'<div class="figures">\n{boxes}</div>\n<p>{escape(sentence)}</p>\n' + table


def _left(d: Deadline, lang: str) -> str:
    if d.days_left < 0:
        return text("due.overdue", lang, days=-d.days_left)
    if d.days_left == 0:
        return text("due.today", lang)
    return text("due.days_left", lang, days=d.days_left)


def _owner(site: Site, d: Deadline) -> str:
    return _person(site, d.owner or "")


def _latest(site: Site, lang: str) -> str:
    rows: list[list[Cell]] = []
    for key, found in (
        ("review", site.last_reviewed()),
        ("audit", site.latest("audit_report")),
        ("management_review", site.latest("review")),
    ):
        label = text(f"site.latest.{key}", lang)
        if found is None:
            rows.append([label, text("site.latest.none", lang), ""])
            continue
        day = str(found.data.get("last_reviewed")) if key == "review" else found.date
        title = found.title_in(lang)
        rows.append([label, day, _entry_link(site, found.file, found.id, found.id + (f" {title}" if title else ""))])
    headers = [text(f"site.col.{c}", lang) for c in ("activity", "date", "entry")]
    return _table(headers, rows, classes=("", "date", ""))


def _renewal(site: Site, lang: str) -> str:
    renewal = site.renewal
    if renewal is None:
        return f"<p>{escape(text('site.renewal.none', lang))}</p>\n"
    facts = text(
        "site.renewal.facts",
        lang,
        number=renewal.number or text("site.unknown", lang),
        expires=renewal.expires.isoformat(),
        opens=renewal.opens.isoformat(),
        closes=renewal.closes.isoformat(),
    )
    state = renewal.state(site.today)
    days = (renewal.opens - site.today).days if state == "before" else (renewal.closes - site.today).days
    sentence = text(f"site.renewal.{state}", lang, days=days, closes=renewal.closes.isoformat())
    return f'<p>{escape(facts)}</p>\n<p class="renewal-{state}">{escape(sentence)}</p>\n'


# -- a kind's page -----------------------------------------------------------------------------------------


def kind_html(site: Site, kind: str, lang: str) -> str:
    entries = site.entries[kind]
    headers = [text(f"site.col.{c}", lang) for c in ("id", "title", "date", "owner", "status", "approvals", "history")]
    rows = [_entry_row(site, e, lang) for e in entries]
    looks = ["has-errors" if _count(e, "error") else "has-warnings" if _count(e, "warning") else "" for e in entries]
    table = _table(
        headers,
        rows,
        classes=("id", "title", "date", "", "status", "approvals", "history"),
        row_classes=looks,
        row_ids=[e.anchor for e in entries],
        table_id="entries",
    )
    body = f"<p>{escape(text('site.kind.intro', lang, count=len(entries)))}</p>\n"
    if site.history_note:
        body += f"<p>{escape(text('site.history.unavailable', lang, reason=site.history_note))}</p>\n"
    body += _filter("entries", lang) + table
    return _frame(site, lang, kind_page(kind), kind_title(kind, lang), body, script=True)


def _count(entry: Entry, level: str) -> int:
    return sum(1 for f in entry.findings if f.level == level)


def _entry_row(site: Site, entry: Entry, lang: str) -> list[Cell]:
    return [
        entry.id,
        entry.title_in(lang) + f"\n{entry.file}:{entry.line}",
        entry.date,
        _person(site, entry.owner),
        _status(entry, lang),
        _approvals(site, entry, lang),
        "" if site.history_note else _history(site, entry, lang),
    ]


def _status(entry: Entry, lang: str) -> str:
    errors, warnings = _count(entry, "error"), _count(entry, "warning")
    lines = []
    if entry.status:
        shown = status_name(entry.status, lang) if entry.kind == "control" else entry.status
        lines.append(text("site.status.field", lang, status=shown))
    lines.append(
        text("site.status.counts", lang, errors=errors, warnings=warnings)
        if errors or warnings
        else text("site.status.ok", lang)
    )
    lines += [
        text(
            "site.finding",
            lang,
            level=text(f"site.level.{f.level}", lang),
            rule=f.rule,
            message=f.message(lang),
        )
        for f in entry.findings
    ]
    return "\n".join(lines)


def _approvals(site: Site, entry: Entry, lang: str) -> str:
    if not entry.approvals:
        return text("site.approvals.none", lang)
    lines = []
    for item in entry.approvals:
        line = text(
            "site.approval", lang, person=_person(site, item.by), role=role_word(item.role, lang), date=item.date
        )
        if item.record is None:
            verdict = text("site.approval.unseen", lang)
        elif item.record.backed:
            verdict = text("site.approval.backed", lang)
        else:
            verdict = text("site.approval.not_backed", lang, reason=reason_text(item.record, lang, site.names))
        lines.append(f"{line}: {verdict}")
        if not item.current:
            lines.append("  " + text("site.approval.stale", lang))
    return "\n".join(lines)


def _history(site: Site, entry: Entry, lang: str) -> str:
    if not entry.history:
        return text("site.history.none", lang)
    lines = []
    for change in entry.history:
        commit = site.commits.get(change.commit)
        lines.append(
            text(
                "site.history.line",
                lang,
                date=commit.day if commit else "",
                action=text(f"trail.action.{change.action}", lang),
                author=commit.author_name if commit else "",
                commit=short(change.commit),
            )
        )
        names = [f.field for f in change.fields]
        if names and change.action != "added":
            lines.append("  " + text("site.history.fields", lang, fields=", ".join(names)))
        word = approval_word(change, lang)
        if word:
            lines.append("  " + text("site.history.approval", lang, state=word))
    return "\n".join(lines)


# -- the Fit & Gap -----------------------------------------------------------------------------------------


def fitgap_html(site: Site, lang: str) -> str:
    """The report of :mod:`pmarklint.reports.fitgap`, its document as it builds it (its sections, tables and
    columns), in the site's frame."""
    doc = fitgap_document(site.fitgap, lang)
    ids = render_html.anchors(doc.sections)
    body = "".join(render_html.block(b) for b in doc.intro)
    for number, (anchor, section) in enumerate(zip(ids, doc.sections, strict=True)):
        blocks = "".join(render_html.block(b) for b in section.blocks)
        if number == 0:
            blocks = _filter(f"{anchor}-rows", lang) + f'<div id="{anchor}-rows">\n{blocks}</div>\n'
        body += _section(anchor, section.title, blocks)
    return _frame(site, lang, FITGAP, doc.title, body, script=True)


# -- the year's calendar -----------------------------------------------------------------------------------


def calendar_html(site: Site, lang: str) -> str:
    year = fiscal_year(site.today, site.fiscal_start)
    first, last = fiscal_year_bounds(year, site.fiscal_start)
    months = _months(first, last)
    planned: dict[str, list[PlanItem]] = {m: [] for m in months}
    for item in site.plans:
        if item.month in planned:
            planned[item.month].append(item)
    deadlines: dict[str, list[Deadline]] = {m: [] for m in months}
    for d in site.due.deadlines:
        key = d.due.isoformat()[:7]
        if key in deadlines:
            deadlines[key].append(d)
    current = site.today.isoformat()[:7]
    rows: list[list[Cell]] = []
    for month in months:
        plans = "\n".join(_plan_line(site, item, month < current, lang) for item in planned[month])
        dues = Markup(
            "<br>".join(
                escape(d.due.isoformat()) + " " + _cell(_entry_link(site, d.file, d.entry)) + " " + escape(d.what)
                for d in deadlines[month]
            )
        )
        rows.append([month, plans, dues])
    headers = [text(f"site.col.{c}", lang) for c in ("month", "planned", "deadlines")]
    body = f"<p>{escape(text('site.calendar.intro', lang))}</p>\n"
    if not any(item.month in planned for item in site.plans):
        body += f"<p>{escape(text('site.calendar.no_plan', lang, year=year))}</p>\n"
    body += _table(
        headers,
        rows,
        classes=("date", "", ""),
        row_classes=["current" if m == current else "" for m in months],
    )
    return _frame(site, lang, CALENDAR, text("site.calendar.title", lang, year=year), body)


def _months(first: dt.date, last: dt.date) -> list[str]:
    out, day = [], first.replace(day=1)
    while day <= last:
        out.append(day.isoformat()[:7])
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return out


def _plan_line(site: Site, item: PlanItem, passed: bool, lang: str) -> str:
    messages = catalog(lang).MESSAGES
    activity = str(messages.get(f"activity.{item.activity}", item.activity))
    owner = _person(site, item.owner) or text("due.no_owner", lang)
    if item.done_on and parse_date(item.done_on) is not None:
        key = "site.plan.done_record" if item.record else "site.plan.done"
        return text(key, lang, activity=activity, owner=owner, date=item.done_on, record=item.record)
    return text("site.plan.late" if passed else "site.plan.open", lang, activity=activity, owner=owner)
