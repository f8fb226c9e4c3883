"""``pmarklint report``: reports for people, read from the repository. Today one, ``fitgap``; a thin command
over :mod:`pmarklint.reports.fitgap`. A tool failure is a PmarklintError, which the command group turns into exit
code 2."""

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
from pmarklint.i18n import text

_SUFFIX_FORMATS = {".html": "html", ".htm": "html", ".csv": "csv", ".md": "md"}


@click.group()
def report() -> None:
    """Reports for people, from the PMS repository."""


@report.command(short_help="The Fit & Gap table of the controls, with counts by status and difficulty.")
@click.argument("path", type=click.Path(path_type=Path), required=False)
@REPO_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "markdown", "html", "csv"]),
    default=None,
    help="md or markdown (Markdown), html (one self-contained page that prints on A4) or csv (UTF-8 with BOM, "
    "one row per control, for Excel). Default: from the --output name, else md.",
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
    status, rules and manuals, first-year tasks, the records an audit needs and their approvers, the yearly
    operation and its difficulty; catalog items without a control as "missing"; then counts by status and by
    difficulty.

    Control files with problems do not stop the report: it shows what can be read, and says so.

    Exit codes: 0 written, 2 the tool could not run.
    """
    from pmarklint.reports.fitgap import load_fitgap, render_fitgap

    if fmt is None:
        fmt = format_of(output, _SUFFIX_FORMATS, "md")
    fmt = "md" if fmt == "markdown" else fmt
    path = repository(path, repo, lang)
    early = language_for(lang, path)
    table = load_fitgap(path, today=today, lang=early)
    language = lang or table.language or early
    data = render_fitgap(table, fmt, language)
    write_report(data, output)
    if table.problems:
        click.echo(text("report.partial", language, count=table.problems), err=True)


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
