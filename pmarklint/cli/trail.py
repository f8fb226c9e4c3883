"""``pmarklint trail``: a thin command over :mod:`pmarklint.trail.build` (reading history) and
:mod:`pmarklint.trail.render` (the formats). A tool failure is a PmarklintError, which the command group turns
into exit code 2."""

from __future__ import annotations

from pathlib import Path

import click

from pmarklint.cli.options import (
    LANG_OPTION,
    OUTPUT_OPTION,
    PROGRESS_OPTION,
    REPO_OPTION,
    format_of,
    language_for,
    progress,
    repository,
    write_report,
)
from pmarklint.resources import KINDS

FORMATS = ("md", "markdown", "html", "json", "csv")
_SUFFIX_FORMATS = {".html": "html", ".htm": "html", ".csv": "csv", ".json": "json", ".md": "md"}


@click.command()
@click.argument("path", type=click.Path(path_type=Path), required=False)
@REPO_OPTION
@click.option(
    "--since",
    metavar="DATE|REV",
    help="First day of the period (YYYY-MM-DD), or a git revision: the period starts after it. "
    "Default: twelve months before --until.",
)
@click.option(
    "--until",
    metavar="DATE|REV",
    help="Last day of the period (YYYY-MM-DD), or a git revision: the period ends with it. Default: today.",
)
@click.option(
    "--today",
    metavar="YYYY-MM-DD",
    help="The day the default period ends (also PMARKLINT_TODAY; default: the system date).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="md or markdown (Markdown), html (one self-contained page that prints on A4), json "
    "(docs/output-trail.md) or csv (one row per field change, UTF-8 with BOM, for Excel). Default: from the "
    "--output name, else md.",
)
@OUTPUT_OPTION
@click.option(
    "--kind", "kinds", multiple=True, type=click.Choice(KINDS), help="Only entries of this kind (repeatable)."
)
@click.option("--id", "ids", multiple=True, metavar="ID", help="Only this entry (repeatable).")
@click.option(
    "--path",
    "paths",
    multiple=True,
    metavar="PATH",
    help="Only entries that were in a file under PATH (relative to the folder of pmarklint.yaml) at some point "
    "in the period (repeatable).",
)
@LANG_OPTION
@PROGRESS_OPTION
def trail(
    path: Path | None,
    repo: Path | None,
    since: str | None,
    until: str | None,
    today: str | None,
    fmt: str | None,
    output: Path | None,
    kinds: tuple[str, ...],
    ids: tuple[str, ...],
    paths: tuple[str, ...],
    lang: str | None,
    progress_asked: bool | None,
) -> None:
    """The audit trail of the PMS repository at PATH or --repo (the same; default: the current folder or the
    nearest one above it that holds pmarklint.yaml), read from git history: per entry, every change in the
    period with its commit, date, author, signature and the fields that changed; every approval added and
    whether git backs it; every review; reviews overdue at the end of the period. A summary comes first.

    Needs the whole history: in a shallow clone it stops (exit 2) and says how to fetch it.

    Exit codes: 0 the report was written, 2 the tool could not run.
    """
    from pmarklint.trail.build import build_trail
    from pmarklint.trail.model import Filters
    from pmarklint.trail.render import render_trail

    if fmt is None:
        fmt = format_of(output, _SUFFIX_FORMATS, "md")
    fmt = "md" if fmt == "markdown" else fmt
    path = repository(path, repo, lang)
    early = language_for(lang, path)
    with progress(progress_asked, early, "log"):
        built = build_trail(
            path, since=since, until=until, today=today, filters=Filters(kinds, ids, paths), lang=lang or early
        )
    language = lang or built.language or early
    data = render_trail(built, fmt, language)
    write_report(data, output)
    from pmarklint.i18n import text
    from pmarklint.visible import visible

    for item in built.skipped:
        commit, where = item.commit[:10] or "?", visible(item.path or item.blob)
        note = text("trail.skipped", language, path=where, commit=commit, size=item.size, limit=item.limit)
        click.echo(note, err=True)
