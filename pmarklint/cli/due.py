"""``pmarklint due``: a thin command over :mod:`pmarklint.reports.due`."""

from __future__ import annotations

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

_SUFFIX_FORMATS = {".ics": "ics", ".json": "json", ".md": "md"}


@click.command(short_help="Deadlines before they pass: text, JSON, Markdown or an iCalendar file.")
@click.argument("path", type=click.Path(path_type=Path), required=False)
@REPO_OPTION
@click.option(
    "--within",
    default="P90D",
    show_default=True,
    metavar="PERIOD",
    help="How far ahead to look, as an ISO 8601 duration: P30D, P90D, P6M, P1Y. Deadlines already passed are "
    "always listed.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "md", "markdown", "ics"]),
    default=None,
    help="text (default), json (for scripts, docs/due.md), md or markdown, or ics: an iCalendar file with one "
    "event per deadline and a reminder a week before, for Outlook or Google Calendar. Default: from the "
    "--output name, else text.",
)
@click.option(
    "--by-owner",
    is_flag=True,
    help="One section (text, md) or object (json) per owner, with the name and email from the roster: for a "
    "scheduled CI job that keeps one issue per owner (docs/due.md). Not with --format ics.",
)
@OUTPUT_OPTION
@click.option(
    "--today",
    metavar="YYYY-MM-DD",
    help="Count days from this date (also PMARKLINT_TODAY; default: today in the repository's time zone).",
)
@LANG_OPTION
def due(
    path: Path | None,
    repo: Path | None,
    within: str,
    fmt: str | None,
    by_owner: bool,
    output: Path | None,
    today: str | None,
    lang: str | None,
) -> None:
    """Every deadline the PMS repository at PATH (or --repo) implies within --within: reviews, contractor
    evaluations, contracts and certifications that expire, recurring tasks, trainings, the internal audit and
    the management review, corrective actions, the P-mark renewal window; each with its entry, its owner and
    the days left, soonest first, overdue ones included. They are the deadlines `pmarklint check` warns
    about, looked at further ahead.

    Exit codes: 0 written (whatever is due), 2 the tool could not run.
    """
    from pmarklint.dates import Duration
    from pmarklint.reports.due import load_due, render_due, render_due_by_owner

    path = repository(path, repo, lang)
    language = language_for(lang, path)
    period = Duration.parse(within)
    if period is None:
        raise PmarklintError(text("due.bad_within", language, value=within))
    if fmt is None:
        fmt = format_of(output, _SUFFIX_FORMATS, "text")
    fmt = "md" if fmt == "markdown" else fmt
    if by_owner and fmt == "ics":
        raise PmarklintError(text("due_owner.no_ics", language))
    listing = load_due(path, within=period, within_text=within, today=today, lang=language)
    write_report(render_due_by_owner(listing, fmt) if by_owner else render_due(listing, fmt), output)
