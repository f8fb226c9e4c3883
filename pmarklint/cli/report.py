"""``pmarklint report``: reports for people, read from the repository. Today one, ``fitgap``; a thin command
over :mod:`pmarklint.reports.fitgap`. A tool failure is a PmarklintError, which the command group turns into exit
code 2."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from pmarklint.cli.options import (
    LANG_OPTION,
    OUTPUT_OPTION,
    REPO_OPTION,
    format_of,
    language_for,
    repository,
    write_report,
)
from pmarklint.errors import PmarklintError
from pmarklint.i18n import text

_SUFFIX_FORMATS = {".html": "html", ".htm": "html", ".csv": "csv", ".md": "md", ".xlsx": "xlsx"}


@click.group()
def report() -> None:
    """Reports for people, from the PMS repository."""


@report.command(
    short_help="The Fit & Gap table of the controls, reconciled with check, with next due dates and counts."
)
@click.argument("path", type=click.Path(path_type=Path), required=False)
@REPO_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "markdown", "html", "csv", "xlsx"]),
    default=None,
    help="md or markdown (Markdown), html (one self-contained page that prints on A4), csv (UTF-8 with BOM, "
    "one row per control, for Excel) or xlsx (an Excel workbook: the table, coloured, and a summary sheet; "
    "needs --output or a redirection). Default: from the --output name, else md.",
)
@OUTPUT_OPTION
@click.option(
    "--today",
    metavar="YYYY-MM-DD",
    help="The date the report is as of (also PMARKLINT_TODAY; default: the system date).",
)
@LANG_OPTION
def fitgap(
    path: Path | None, repo: Path | None, fmt: str | None, output: Path | None, today: str | None, lang: str | None
) -> None:
    """The Fit & Gap table of the controls of the repository at PATH or --repo (the same; default: the
    current folder or the nearest one above it that holds pmarklint.yaml): for each requirement item its
    status, the clause of the company's rules, what `pmarklint check` finds on it, rules and manuals,
    first-year tasks, the records an audit needs and their approvers, the yearly operation, its next due date
    and its difficulty; catalog items without a control as "missing"; then counts by status and by
    difficulty. A control written fit with an error finding shows "needs action" (docs/fitgap.md).

    Control files with problems do not stop the report: it shows what can be read, and says so.

    Exit codes: 0 written, 2 the tool could not run.
    """
    from pmarklint.reports.fitgap import load_fitgap, render_fitgap

    if fmt is None:
        fmt = format_of(output, _SUFFIX_FORMATS, "md")
    fmt = "md" if fmt == "markdown" else fmt
    path = repository(path, repo, lang)
    early = language_for(lang, path)
    if fmt == "xlsx" and output is None and sys.stdout.isatty():
        raise PmarklintError(text("fitgap.binary_terminal", early))
    table = load_fitgap(path, today=today, lang=early)
    language = lang or table.language or early
    data = render_fitgap(table, fmt, language)
    write_report(data, output)
    if table.problems:
        click.echo(text("report.partial", language, count=table.problems), err=True)


# -- the summaries of a fiscal year: education, internal audit and management review ----------------------

_SUMMARY_SUFFIXES = {".html": "html", ".htm": "html", ".md": "md", ".xlsx": "xlsx"}


def _summary_options(command: Callable[..., None]) -> Callable[..., None]:
    command = click.argument("path", type=click.Path(path_type=Path), required=False)(command)
    for option in (
        REPO_OPTION,
        click.option(
            "--year",
            type=click.IntRange(1900, 9998),
            default=None,
            metavar="YYYY",
            help="The fiscal year, named by the year it starts in (2026 for 2026-04-01 to 2027-03-31 with "
            "fiscal_year_start 04-01). Default: the year today falls in.",
        ),
        click.option(
            "--format",
            "fmt",
            type=click.Choice(["md", "markdown", "html", "xlsx"]),
            default=None,
            help="md or markdown (Markdown), html (one self-contained page that prints on A4) or xlsx (an "
            "Excel workbook, a sheet per section). Default: from the --output name, else md.",
        ),
        OUTPUT_OPTION,
        click.option(
            "--today",
            metavar="YYYY-MM-DD",
            help="The date the summary is as of (also PMARKLINT_TODAY; default: the system date).",
        ),
        LANG_OPTION,
    ):
        command = option(command)
    return command


def _summary(
    build: str,
    path: Path | None,
    repo: Path | None,
    year: int | None,
    fmt: str | None,
    output: Path | None,
    today: str | None,
    lang: str | None,
) -> None:
    from pmarklint.reports.summary import load_records, render_summary

    if fmt is None:
        fmt = format_of(output, _SUMMARY_SUFFIXES, "md")
    fmt = "md" if fmt == "markdown" else fmt
    path = repository(path, repo, lang)
    early = language_for(lang, path)
    records = load_records(path, year=year, today=today, lang=early)
    language = lang or records.language or early
    if build == "education":
        from pmarklint.reports.education import build_education as builder
    else:
        from pmarklint.reports.audits import build_audits as builder
    write_report(render_summary(builder(records, language), fmt), output)
    if records.problems:
        click.echo(text("summary.partial", language, count=records.problems), err=True)


@report.command(short_help="The education of a fiscal year: sessions, attendance, completion, who has not completed.")
@_summary_options
def education(
    path: Path | None,
    repo: Path | None,
    year: int | None,
    fmt: str | None,
    output: Path | None,
    today: str | None,
    lang: str | None,
) -> None:
    """The education summary of a fiscal year, for the application and renewal of the P-mark: each training
    held (date, what it was, the points of J.4.3 it covered, how many were listed, attended and passed) with
    the totals, then every member of staff of the year (names from the roster) with the trainings they
    passed, and who has not completed the year's education. States the period and the commit it was made
    from (HEAD, and whether the PMS files have uncommitted changes). A year without training records gives an
    empty summary that says so.

    Exit codes: 0 written, 2 the tool could not run (no pmarklint.yaml, not in a git repository).
    """
    _summary("education", path, repo, year, fmt, output, today, lang)


@report.command(
    short_help="Internal audits, their findings and corrective actions, and the management review of a year."
)
@_summary_options
def audits(
    path: Path | None,
    repo: Path | None,
    year: int | None,
    fmt: str | None,
    output: Path | None,
    today: str | None,
    lang: str | None,
) -> None:
    """The internal-audit and management-review summary of a fiscal year, for the application and renewal of
    the P-mark: the audit plan (lead, departments, auditors, criteria, schedule), each audit held (date,
    department, auditor, findings, report to top management), every finding with the corrective action it
    led to and its state, the corrective actions raised in the year, and each management review (date,
    attendees, inputs, top management's decisions, actions). States the period and the commit it was made
    from. A year without these records gives an empty summary that says so.

    Exit codes: 0 written, 2 the tool could not run (no pmarklint.yaml, not in a git repository).
    """
    _summary("audits", path, repo, year, fmt, output, today, lang)


@report.command(short_help="A static site of the PMS: the state at a glance, every entry, the Fit & Gap, the year.")
@click.argument("path", type=click.Path(path_type=Path), required=False)
@REPO_OPTION
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    required=True,
    help="The folder to write the site into. An existing folder is replaced only when it is a site pmarklint "
    "wrote; a folder with other files in it is left alone (exit 2).",
)
@click.option(
    "--today",
    metavar="YYYY-MM-DD",
    help="The date the site is as of (also PMARKLINT_TODAY; default: today in the repository's time zone).",
)
@LANG_OPTION
def site(path: Path | None, repo: Path | None, output: Path, today: str | None, lang: str | None) -> None:
    """A static site of the PMS repository at PATH or --repo (default: the current folder or the nearest one
    above it that holds pmarklint.yaml), written into the folder --output: plain HTML and CSS that opens from
    the disk or from GitHub or GitLab Pages and prints on A4. The front page shows the errors and warnings of
    `pmarklint check` by area, what falls due within 30 and 90 days, the last review, internal audit and
    management review and the renewal window; one page per kind lists every entry with its state, its
    approvals (and whether git backs them) and its history; then the Fit & Gap and the fiscal year's plan
    against what was done (docs/site.md).

    Exit codes: 0 written (whatever the check found), 2 the tool could not run.
    """
    from pmarklint.reports.site import build_site, load_site

    path = repository(path, repo, lang)
    early = language_for(lang, path)
    loaded = load_site(path, today=today, lang=early)
    language = lang or loaded.language or early
    count = build_site(loaded, output, language)
    click.echo(text("site.written", language, path=str(output), count=count), err=True)


# -- everyone's task list for the fiscal year -----------------------------------------------------------------

_TASKS_SUFFIXES = {".html": "html", ".htm": "html", ".md": "md", ".txt": "text"}


@report.command(short_help="Everyone's tasks of the yearly operation for the fiscal year, by owner.")
@click.argument("path", type=click.Path(path_type=Path), required=False)
@REPO_OPTION
@click.option(
    "--owner",
    metavar="ID",
    default=None,
    help="Only the tasks of this person (an id of the roster) or of this role (a role id, for the tasks that name "
    "no person yet). An id that is neither ends the command with exit 2.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "markdown", "html", "text"]),
    default=None,
    help="md or markdown (Markdown), html (one self-contained page that prints on A4) or text (for a terminal). "
    "Default: from the --output name, else md.",
)
@OUTPUT_OPTION
@click.option(
    "--today",
    metavar="YYYY-MM-DD",
    help="The date the list is as of (also PMARKLINT_TODAY; default: today in the repository's time zone).",
)
@LANG_OPTION
def tasks(
    path: Path | None,
    repo: Path | None,
    owner: str | None,
    fmt: str | None,
    output: Path | None,
    today: str | None,
    lang: str | None,
) -> None:
    """Everyone's task list for the fiscal year, from the yearly operation of the controls (recurring): one
    section per owner (a person by name with their id; a task that names only the catalog's role under the
    role; the rest as unassigned), each task with its requirement item, how often, when it was last done, when
    it is next due and whether it is overdue. The dates are those `pmarklint due` and `check` compute
    (docs/tasks.md).

    Exit codes: 0 written, 2 the tool could not run (no pmarklint.yaml, an --owner that is no person or role).
    """
    from pmarklint.reports.tasks import load_tasks, render_tasks

    if fmt is None:
        fmt = format_of(output, _TASKS_SUFFIXES, "md")
    fmt = "md" if fmt == "markdown" else fmt
    path = repository(path, repo, lang)
    early = language_for(lang, path)
    listing = load_tasks(path, owner=owner, today=today, lang=early)
    language = lang or listing.language or early
    write_report(render_tasks(listing, fmt, language), output)
    if listing.problems:
        click.echo(text("report.partial", language, count=listing.problems), err=True)
